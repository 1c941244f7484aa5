//! Reminders are outbox messages with a future send time, rendered when the booking is
//! made (only then is its manage link known: the token is stored hashed). Each outbox
//! row now names the booking it is about, so cancelling or moving the booking can remove
//! its queued reminders in the same transaction, and may carry the booking's calendar
//! file as an attachment. The separate `reminders` table, never used, goes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(big_integer_null(Outbox::BookingId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(text_null(Outbox::CalendarIcs))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_booking")
                    .table(Outbox::Table)
                    .col(Outbox::BookingId)
                    .col(Outbox::State)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Reminders::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reminders::Table)
                    .col(big_pk_auto(Reminders::Id))
                    .col(big_integer(Reminders::BookingId))
                    .col(string_len(Reminders::Kind, 40))
                    .col(timestamp_with_time_zone(Reminders::DueAt))
                    .col(string_len(Reminders::State, 20).default("pending"))
                    .col(timestamp_with_time_zone_null(Reminders::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_booking")
                    .table(Outbox::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::BookingId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::CalendarIcs)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    BookingId,
    CalendarIcs,
    State,
}

#[derive(DeriveIden)]
enum Reminders {
    Table,
    Id,
    BookingId,
    Kind,
    DueAt,
    State,
    SentAt,
}

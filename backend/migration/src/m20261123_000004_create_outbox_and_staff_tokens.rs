//! The durable email outbox, and single-use staff links (invitations, password resets).
//!
//! An outbox row is inserted in the same transaction as the change that causes the email.
//! Workers claim due rows with a lease (`claimed_until`), send outside any transaction,
//! then mark them sent; a worker that dies leaves its lease to expire and the row is
//! claimed again. Failures back off and, after too many, the row is `dead` until staff
//! re-queue it. Rows are never deleted silently.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(big_pk_auto(Outbox::Id))
                    // One message per cause, e.g. `booking:12:confirmation`, `staff_token:5`.
                    .col(string_len_uniq(Outbox::DedupeKey, 120))
                    .col(string_len(Outbox::Kind, 40))
                    .col(string_len(Outbox::Recipient, 254))
                    // Deterministic, so a resend after a crash is the same message.
                    .col(string_len_uniq(Outbox::MessageId, 200))
                    .col(string_len(Outbox::Subject, 200))
                    .col(text(Outbox::BodyText))
                    .col(text(Outbox::BodyHtml))
                    .col(string_len(Outbox::State, 20).default("queued"))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::ClaimedUntil))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .check(Expr::col(Outbox::State).is_in(["queued", "sending", "sent", "dead"]))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_state_next_attempt")
                    .table(Outbox::Table)
                    .col(Outbox::State)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StaffTokens::Table)
                    .col(big_pk_auto(StaffTokens::Id))
                    .col(big_integer(StaffTokens::UserId))
                    .col(string_len(StaffTokens::Purpose, 20))
                    .col(string_len_uniq(StaffTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(StaffTokens::CreatedAt))
                    .col(timestamp_with_time_zone(StaffTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(StaffTokens::UsedAt))
                    .check(Expr::col(StaffTokens::Purpose).is_in(["invite", "reset"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffTokens::Table, StaffTokens::UserId)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffTokens::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Outbox::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    DedupeKey,
    Kind,
    Recipient,
    MessageId,
    Subject,
    BodyText,
    BodyHtml,
    State,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum StaffTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
}

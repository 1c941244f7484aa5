//! Lounge scheduling: weekly opening rules, closures, and one counter row per booked slot.
//!
//! The counter row is what makes overselling impossible: a booking takes a seat with
//! `UPDATE slot_seats SET booked = booked + 1 WHERE ... AND booked < capacity` inside its
//! transaction, and a CHECK constraint refuses any row with more booked than capacity, so
//! the database stays the final guard whatever the application does. Walk-ins (people
//! present without a booking) share the same seats.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OpeningRules::Table)
                    .col(big_pk_auto(OpeningRules::Id))
                    .col(big_integer(OpeningRules::SpaceId))
                    // 0 = Monday ... 6 = Sunday, in the agency's time zone.
                    .col(small_integer(OpeningRules::Weekday))
                    .col(string_len(OpeningRules::Opens, 5))
                    .col(string_len(OpeningRules::Closes, 5))
                    .col(integer(OpeningRules::SlotMinutes))
                    .check(Expr::col(OpeningRules::Weekday).between(0, 6))
                    .check(Expr::col(OpeningRules::SlotMinutes).between(5, 24 * 60))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OpeningRules::Table, OpeningRules::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_opening_rules_space")
                    .table(OpeningRules::Table)
                    .col(OpeningRules::SpaceId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Closures::Table)
                    .col(big_pk_auto(Closures::Id))
                    .col(big_integer(Closures::SpaceId))
                    .col(timestamp_with_time_zone(Closures::StartsAt))
                    .col(timestamp_with_time_zone(Closures::EndsAt))
                    .col(string_len(Closures::Reason, 200))
                    .col(big_integer_null(Closures::CreatedBy))
                    .col(timestamp_with_time_zone(Closures::CreatedAt))
                    .check(Expr::col(Closures::EndsAt).gt(Expr::col(Closures::StartsAt)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Closures::Table, Closures::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Closures::Table, Closures::CreatedBy)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SlotSeats::Table)
                    .col(big_integer(SlotSeats::SpaceId))
                    .col(timestamp_with_time_zone(SlotSeats::StartsAt))
                    .col(integer(SlotSeats::Capacity))
                    .col(integer(SlotSeats::Booked).default(0))
                    // People present without a booking, counted by staff at the door.
                    .col(integer(SlotSeats::WalkIns).default(0))
                    .primary_key(
                        Index::create()
                            .col(SlotSeats::SpaceId)
                            .col(SlotSeats::StartsAt),
                    )
                    .check(Expr::col(SlotSeats::Booked).gte(0))
                    .check(Expr::col(SlotSeats::WalkIns).gte(0))
                    .check(
                        Expr::col(SlotSeats::Booked)
                            .add(Expr::col(SlotSeats::WalkIns))
                            .lte(Expr::col(SlotSeats::Capacity)),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SlotSeats::Table, SlotSeats::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SlotSeats::Table.into_iden(),
            Closures::Table.into_iden(),
            OpeningRules::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OpeningRules {
    Table,
    Id,
    SpaceId,
    Weekday,
    Opens,
    Closes,
    SlotMinutes,
}

#[derive(DeriveIden)]
enum Closures {
    Table,
    Id,
    SpaceId,
    StartsAt,
    EndsAt,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SlotSeats {
    Table,
    SpaceId,
    StartsAt,
    Capacity,
    Booked,
    WalkIns,
}

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
}

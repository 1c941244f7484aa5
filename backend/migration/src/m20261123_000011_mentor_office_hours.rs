//! Peer mentors' office hours, boundaries and supervision: weekly windows and days off,
//! their own limits, supervisor-approved overrides, photos (kept in the database so every
//! instance serves them), private check-ins, and who leads an event. A mentor can never
//! be double-booked: PostgreSQL excludes overlapping confirmed sessions with a GiST
//! constraint, SQLite refuses them in triggers.

use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{ConnectionTrait, DbBackend},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Whether they take bookings is worked out from their limits and break, never
        // stored; the photo column now holds the photo's version for its URL.
        manager
            .alter_table(
                Table::alter()
                    .table(Mentors::Table)
                    .drop_column(Mentors::AcceptingBookings)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Mentors::Table)
                    .rename_column(Mentors::PhotoPath, Mentors::PhotoVersion)
                    .to_owned(),
            )
            .await?;
        let columns: Vec<ColumnDef> = vec![
            big_integer_null(Mentors::SupervisorId),
            text(Mentors::Interests).default("").to_owned(),
            string_len(Mentors::Meets, 60).default("").to_owned(),
            big_integer_null(Mentors::OfficeSpaceId),
            string_len(Mentors::OfficeRoom, 120).default("").to_owned(),
            integer_null(Mentors::MaxPerDay),
            integer_null(Mentors::MaxPerWeek),
            integer(Mentors::BufferMinutes).default(0).to_owned(),
            string_len_null(Mentors::NoSessionsAfter, 5),
            boolean(Mentors::OnBreak).default(false).to_owned(),
            date_null(Mentors::BreakUntil),
        ];
        // SQLite takes one column per ALTER TABLE.
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Mentors::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(MentorWindows::Table)
                    .col(big_pk_auto(MentorWindows::Id))
                    .col(big_integer(MentorWindows::MentorId))
                    .col(small_integer(MentorWindows::Weekday))
                    .col(string_len(MentorWindows::Opens, 5))
                    .col(string_len(MentorWindows::Closes, 5))
                    .col(integer(MentorWindows::SlotMinutes))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MentorWindows::Table, MentorWindows::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MentorDaysOff::Table)
                    .col(big_integer(MentorDaysOff::MentorId))
                    .col(date(MentorDaysOff::Day))
                    .primary_key(
                        Index::create()
                            .col(MentorDaysOff::MentorId)
                            .col(MentorDaysOff::Day),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MentorDaysOff::Table, MentorDaysOff::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MentorPhotos::Table)
                    .col(big_integer(MentorPhotos::MentorId).primary_key())
                    .col(string_len(MentorPhotos::ContentType, 20))
                    .col(blob(MentorPhotos::Bytes))
                    .col(timestamp_with_time_zone(MentorPhotos::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MentorPhotos::Table, MentorPhotos::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LimitOverrides::Table)
                    .col(big_pk_auto(LimitOverrides::Id))
                    .col(big_integer(LimitOverrides::MentorId))
                    .col(timestamp_with_time_zone(LimitOverrides::StartsAt))
                    .col(big_integer_null(LimitOverrides::ApprovedBy))
                    .col(timestamp_with_time_zone(LimitOverrides::ApprovedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LimitOverrides::Table, LimitOverrides::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LimitOverrides::Table, LimitOverrides::ApprovedBy)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_limit_overrides_mentor_start")
                    .table(LimitOverrides::Table)
                    .col(LimitOverrides::MentorId)
                    .col(LimitOverrides::StartsAt)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CheckIns::Table)
                    .col(big_integer(CheckIns::BookingId).primary_key())
                    .col(big_integer(CheckIns::MentorId))
                    .col(string_len(CheckIns::Outcome, 20))
                    .col(small_integer_null(CheckIns::Rating))
                    .col(boolean(CheckIns::WantsSupport).default(false))
                    .col(text(CheckIns::Note).default(""))
                    .col(timestamp_with_time_zone(CheckIns::CreatedAt))
                    .col(timestamp_with_time_zone(CheckIns::UpdatedAt))
                    .col(timestamp_with_time_zone_null(CheckIns::FollowedUpAt))
                    .col(big_integer_null(CheckIns::FollowedUpBy))
                    .check(Expr::col(CheckIns::Outcome).is_in([
                        "held",
                        "did_not_come",
                        "cancelled",
                    ]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CheckIns::Table, CheckIns::BookingId)
                            .to(Bookings::Table, Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CheckIns::Table, CheckIns::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CheckIns::Table, CheckIns::FollowedUpBy)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .add_column(big_integer_null(Events::LeadMentorId))
                    .to_owned(),
            )
            .await?;

        let connection = manager.get_connection();
        match connection.get_database_backend() {
            DbBackend::Postgres => {
                for statement in POSTGRES_NO_OVERLAP {
                    connection.execute_unprepared(statement).await?;
                }
            }
            _ => {
                for statement in SQLITE_NO_OVERLAP {
                    connection.execute_unprepared(statement).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let connection = manager.get_connection();
        match connection.get_database_backend() {
            DbBackend::Postgres => {
                connection
                    .execute_unprepared(
                        "ALTER TABLE bookings DROP CONSTRAINT IF EXISTS bookings_no_mentor_overlap",
                    )
                    .await?;
            }
            _ => {
                for trigger in [
                    "bookings_no_mentor_overlap_insert",
                    "bookings_no_mentor_overlap_update",
                ] {
                    connection
                        .execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}"))
                        .await?;
                }
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::LeadMentorId)
                    .to_owned(),
            )
            .await?;
        for table in [
            CheckIns::Table.into_iden(),
            LimitOverrides::Table.into_iden(),
            MentorPhotos::Table.into_iden(),
            MentorDaysOff::Table.into_iden(),
            MentorWindows::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Mentors::SupervisorId,
            Mentors::Interests,
            Mentors::Meets,
            Mentors::OfficeSpaceId,
            Mentors::OfficeRoom,
            Mentors::MaxPerDay,
            Mentors::MaxPerWeek,
            Mentors::BufferMinutes,
            Mentors::NoSessionsAfter,
            Mentors::OnBreak,
            Mentors::BreakUntil,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Mentors::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Mentors::Table)
                    .rename_column(Mentors::PhotoVersion, Mentors::PhotoPath)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Mentors::Table)
                    .add_column(boolean(Mentors::AcceptingBookings).default(true))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

/// btree_gist lets one GiST constraint compare the mentor (=) and the time range (&&).
const POSTGRES_NO_OVERLAP: [&str; 2] = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE bookings ADD CONSTRAINT bookings_no_mentor_overlap \
     EXCLUDE USING gist (mentor_id WITH =, tstzrange(starts_at, ends_at) WITH &&) \
     WHERE (kind = 'office_hours' AND status = 'confirmed')",
];

/// SQLite has no exclusion constraints; these triggers refuse the same rows. Times are
/// stored as UTC RFC 3339 text of one width, so text order is time order.
const SQLITE_NO_OVERLAP: [&str; 2] = [
    "CREATE TRIGGER bookings_no_mentor_overlap_insert BEFORE INSERT ON bookings \
     WHEN NEW.kind = 'office_hours' AND NEW.status = 'confirmed' \
     BEGIN SELECT RAISE(ABORT, 'bookings_no_mentor_overlap') WHERE EXISTS ( \
       SELECT 1 FROM bookings b WHERE b.kind = 'office_hours' AND b.status = 'confirmed' \
       AND b.mentor_id = NEW.mentor_id AND b.starts_at < NEW.ends_at AND b.ends_at > NEW.starts_at); \
     END",
    "CREATE TRIGGER bookings_no_mentor_overlap_update BEFORE UPDATE OF starts_at, ends_at, status, mentor_id ON bookings \
     WHEN NEW.kind = 'office_hours' AND NEW.status = 'confirmed' \
     BEGIN SELECT RAISE(ABORT, 'bookings_no_mentor_overlap') WHERE EXISTS ( \
       SELECT 1 FROM bookings b WHERE b.id <> NEW.id AND b.kind = 'office_hours' AND b.status = 'confirmed' \
       AND b.mentor_id = NEW.mentor_id AND b.starts_at < NEW.ends_at AND b.ends_at > NEW.starts_at); \
     END",
];

#[derive(DeriveIden)]
enum Mentors {
    Table,
    Id,
    AcceptingBookings,
    PhotoPath,
    PhotoVersion,
    SupervisorId,
    Interests,
    Meets,
    OfficeSpaceId,
    OfficeRoom,
    MaxPerDay,
    MaxPerWeek,
    BufferMinutes,
    NoSessionsAfter,
    OnBreak,
    BreakUntil,
}

#[derive(DeriveIden)]
enum MentorWindows {
    Table,
    Id,
    MentorId,
    Weekday,
    Opens,
    Closes,
    SlotMinutes,
}

#[derive(DeriveIden)]
enum MentorDaysOff {
    Table,
    MentorId,
    Day,
}

#[derive(DeriveIden)]
enum MentorPhotos {
    Table,
    MentorId,
    ContentType,
    Bytes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LimitOverrides {
    Table,
    Id,
    MentorId,
    StartsAt,
    ApprovedBy,
    ApprovedAt,
}

#[derive(DeriveIden)]
enum CheckIns {
    Table,
    BookingId,
    MentorId,
    Outcome,
    Rating,
    WantsSupport,
    Note,
    CreatedAt,
    UpdatedAt,
    FollowedUpAt,
    FollowedUpBy,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    LeadMentorId,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
}

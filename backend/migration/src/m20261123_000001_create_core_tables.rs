//! The domain core: staff, spaces, mentors, events, and the one booking model that lounge
//! drop-ins, office hours and event seats share (identity, manage token, status history,
//! reminders). Times are stored in UTC; the agency's zone is applied when computing slots.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffUsers::Table)
                    .col(big_pk_auto(StaffUsers::Id))
                    .col(string_len_uniq(StaffUsers::Email, 254))
                    .col(string_len(StaffUsers::DisplayName, 60))
                    // Null until an invited person sets their password.
                    .col(string_null(StaffUsers::PasswordHash))
                    .col(boolean(StaffUsers::Disabled).default(false))
                    .col(timestamp_with_time_zone(StaffUsers::CreatedAt))
                    .col(timestamp_with_time_zone(StaffUsers::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StaffRoles::Table)
                    .col(big_integer(StaffRoles::UserId))
                    .col(string_len(StaffRoles::Role, 20))
                    .primary_key(
                        Index::create()
                            .col(StaffRoles::UserId)
                            .col(StaffRoles::Role),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffRoles::Table, StaffRoles::UserId)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .check(Expr::col(StaffRoles::Role).is_in([
                        "admin",
                        "supervisor",
                        "mentor",
                        "facilities",
                    ]))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Spaces::Table)
                    .col(big_pk_auto(Spaces::Id))
                    .col(string_len(Spaces::Name, 80))
                    .col(integer(Spaces::Capacity).check(Expr::col(Spaces::Capacity).gt(0)))
                    .col(text(Spaces::Description).default(""))
                    .col(text(Spaces::AccessibilityNotes).default(""))
                    .col(text(Spaces::HouseRules).default(""))
                    .col(integer(Spaces::MinNoticeMinutes).default(60))
                    .col(integer(Spaces::HorizonDays).default(28))
                    .col(integer(Spaces::MaxUpcomingPerEmail).default(3))
                    .col(timestamp_with_time_zone(Spaces::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Mentors::Table)
                    .col(big_pk_auto(Mentors::Id))
                    .col(big_integer_uniq(Mentors::UserId))
                    .col(string_len(Mentors::DisplayName, 60))
                    .col(string_len_null(Mentors::Pronouns, 40))
                    .col(string_len(Mentors::Title, 60))
                    .col(text(Mentors::Bio).default(""))
                    .col(string_null(Mentors::PhotoPath))
                    .col(boolean(Mentors::Published).default(false))
                    .col(boolean(Mentors::AcceptingBookings).default(true))
                    // Screening/training marked current by a supervisor; past it, the mentor
                    // drops out of the public directory until renewed.
                    .col(date_null(Mentors::ScreeningValidUntil))
                    .col(timestamp_with_time_zone(Mentors::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mentors::Table, Mentors::UserId)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Lived-experience topics come from a list the agency manages.
        manager
            .create_table(
                Table::create()
                    .table(Topics::Table)
                    .col(big_pk_auto(Topics::Id))
                    .col(string_len_uniq(Topics::Name, 60))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MentorTopics::Table)
                    .col(big_integer(MentorTopics::MentorId))
                    .col(big_integer(MentorTopics::TopicId))
                    .primary_key(
                        Index::create()
                            .col(MentorTopics::MentorId)
                            .col(MentorTopics::TopicId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MentorTopics::Table, MentorTopics::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MentorTopics::Table, MentorTopics::TopicId)
                            .to(Topics::Table, Topics::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MentorLanguages::Table)
                    .col(big_integer(MentorLanguages::MentorId))
                    .col(string_len(MentorLanguages::Language, 40))
                    .primary_key(
                        Index::create()
                            .col(MentorLanguages::MentorId)
                            .col(MentorLanguages::Language),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MentorLanguages::Table, MentorLanguages::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .col(big_pk_auto(Events::Id))
                    .col(string_len(Events::Title, 120))
                    .col(string_len(Events::Summary, 280).default(""))
                    .col(text(Events::Description).default(""))
                    .col(timestamp_with_time_zone(Events::StartsAt))
                    .col(timestamp_with_time_zone(Events::EndsAt))
                    // Either one of our spaces, or a free-text place elsewhere.
                    .col(big_integer_null(Events::SpaceId))
                    .col(string_len_null(Events::LocationText, 200))
                    // Null means no seat limit.
                    .col(integer_null(Events::Capacity))
                    .col(boolean(Events::HasWaitlist).default(false))
                    .col(big_integer_null(Events::CreatedBy))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .check(Expr::col(Events::EndsAt).gt(Expr::col(Events::StartsAt)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Events::Table, Events::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Events::Table, Events::CreatedBy)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_events_starts_at")
                    .table(Events::Table)
                    .col(Events::StartsAt)
                    .to_owned(),
            )
            .await?;

        // One table for all three kinds of bookable time. Exactly one target column is set,
        // matching `kind`; the young person is a display name and, only if they want
        // reminders, an email. The manage token is stored as a SHA-256 hash.
        manager
            .create_table(
                Table::create()
                    .table(Bookings::Table)
                    .col(big_pk_auto(Bookings::Id))
                    .col(string_len(Bookings::Kind, 20))
                    .col(big_integer_null(Bookings::SpaceId))
                    .col(big_integer_null(Bookings::MentorId))
                    .col(big_integer_null(Bookings::EventId))
                    .col(timestamp_with_time_zone(Bookings::StartsAt))
                    .col(timestamp_with_time_zone(Bookings::EndsAt))
                    .col(string_len(Bookings::DisplayName, 60))
                    .col(string_len_null(Bookings::Email, 254))
                    .col(string_len_null(Bookings::Topic, 280))
                    .col(string_len(Bookings::Status, 20))
                    .col(string_len_uniq(Bookings::ManageTokenHash, 64))
                    .col(string_len_null(Bookings::IdempotencyKey, 100).unique_key())
                    .col(timestamp_with_time_zone(Bookings::CreatedAt))
                    .col(timestamp_with_time_zone(Bookings::UpdatedAt))
                    .check(Expr::col(Bookings::EndsAt).gt(Expr::col(Bookings::StartsAt)))
                    .check(Expr::col(Bookings::Status).is_in([
                        "confirmed",
                        "waitlisted",
                        "cancelled",
                        "attended",
                        "didnt_make_it",
                    ]))
                    .check(
                        Condition::any()
                            .add(
                                Expr::col(Bookings::Kind)
                                    .eq("lounge")
                                    .and(Expr::col(Bookings::SpaceId).is_not_null())
                                    .and(Expr::col(Bookings::MentorId).is_null())
                                    .and(Expr::col(Bookings::EventId).is_null()),
                            )
                            .add(
                                Expr::col(Bookings::Kind)
                                    .eq("office_hours")
                                    .and(Expr::col(Bookings::MentorId).is_not_null())
                                    .and(Expr::col(Bookings::EventId).is_null()),
                            )
                            .add(
                                Expr::col(Bookings::Kind)
                                    .eq("event")
                                    .and(Expr::col(Bookings::EventId).is_not_null())
                                    .and(Expr::col(Bookings::MentorId).is_null()),
                            ),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Bookings::Table, Bookings::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Bookings::Table, Bookings::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Bookings::Table, Bookings::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_bookings_space_start", Bookings::SpaceId),
            ("idx_bookings_mentor_start", Bookings::MentorId),
            ("idx_bookings_event_start", Bookings::EventId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Bookings::Table)
                        .col(column)
                        .col(Bookings::StartsAt)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_bookings_email_start")
                    .table(Bookings::Table)
                    .col(Bookings::Email)
                    .col(Bookings::StartsAt)
                    .to_owned(),
            )
            .await?;

        // Every status a booking moves through, and who moved it: the history staff and
        // funding reports rely on.
        manager
            .create_table(
                Table::create()
                    .table(BookingStatusChanges::Table)
                    .col(big_pk_auto(BookingStatusChanges::Id))
                    .col(big_integer(BookingStatusChanges::BookingId))
                    .col(string_len_null(BookingStatusChanges::FromStatus, 20))
                    .col(string_len(BookingStatusChanges::ToStatus, 20))
                    .col(string_len(BookingStatusChanges::Actor, 20))
                    .col(string_len_null(BookingStatusChanges::Reason, 200))
                    .col(timestamp_with_time_zone(BookingStatusChanges::ChangedAt))
                    .check(Expr::col(BookingStatusChanges::Actor).is_in([
                        "young_person",
                        "staff",
                        "system",
                    ]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BookingStatusChanges::Table, BookingStatusChanges::BookingId)
                            .to(Bookings::Table, Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_booking_status_changes_booking")
                    .table(BookingStatusChanges::Table)
                    .col(BookingStatusChanges::BookingId)
                    .to_owned(),
            )
            .await?;

        // At most one of each reminder per booking; the outbox turns due ones into mail.
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
                    .check(Expr::col(Reminders::State).is_in(["pending", "sent", "cancelled"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reminders::Table, Reminders::BookingId)
                            .to(Bookings::Table, Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_reminders_booking_kind")
                    .table(Reminders::Table)
                    .col(Reminders::BookingId)
                    .col(Reminders::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reminders_state_due")
                    .table(Reminders::Table)
                    .col(Reminders::State)
                    .col(Reminders::DueAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Reminders::Table.into_iden(),
            BookingStatusChanges::Table.into_iden(),
            Bookings::Table.into_iden(),
            Events::Table.into_iden(),
            MentorLanguages::Table.into_iden(),
            MentorTopics::Table.into_iden(),
            Topics::Table.into_iden(),
            Mentors::Table.into_iden(),
            Spaces::Table.into_iden(),
            StaffRoles::Table.into_iden(),
            StaffUsers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StaffRoles {
    Table,
    UserId,
    Role,
}

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
    Name,
    Capacity,
    Description,
    AccessibilityNotes,
    HouseRules,
    MinNoticeMinutes,
    HorizonDays,
    MaxUpcomingPerEmail,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Mentors {
    Table,
    Id,
    UserId,
    DisplayName,
    Pronouns,
    Title,
    Bio,
    PhotoPath,
    Published,
    AcceptingBookings,
    ScreeningValidUntil,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Topics {
    Table,
    Id,
    Name,
}

#[derive(DeriveIden)]
enum MentorTopics {
    Table,
    MentorId,
    TopicId,
}

#[derive(DeriveIden)]
enum MentorLanguages {
    Table,
    MentorId,
    Language,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Title,
    Summary,
    Description,
    StartsAt,
    EndsAt,
    SpaceId,
    LocationText,
    Capacity,
    HasWaitlist,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    Id,
    Kind,
    SpaceId,
    MentorId,
    EventId,
    StartsAt,
    EndsAt,
    DisplayName,
    Email,
    Topic,
    Status,
    ManageTokenHash,
    IdempotencyKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BookingStatusChanges {
    Table,
    Id,
    BookingId,
    FromStatus,
    ToStatus,
    Actor,
    Reason,
    ChangedAt,
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

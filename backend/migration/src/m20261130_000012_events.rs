//! Joint events: a life cycle (draft → published → cancelled | completed), how an event
//! in a lounge space shares it (taking drop-in seats, or closing it), who young people
//! can ask beforehand, an agenda and materials released a set time ahead,
//! co-facilitators, a door count, and a seat counter the database itself keeps within
//! capacity (a CHECK on PostgreSQL, a trigger on SQLite, where ALTER TABLE cannot add a
//! CHECK) so no seat is ever given twice.

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
        // Events made before this migration were public: they stay published.
        let columns: Vec<ColumnDef> = vec![
            string_len(Events::Status, 12)
                .default("published")
                .to_owned(),
            string_len(Events::Audience, 120).default("").to_owned(),
            big_integer_null(Events::ContactStaffId),
            integer(Events::ReleaseHoursBefore).default(72).to_owned(),
            boolean(Events::ReleasePublicly).default(false).to_owned(),
            integer(Events::Registered).default(0).to_owned(),
            integer(Events::WalkIns).default(0).to_owned(),
            integer(Events::Sequence).default(0).to_owned(),
            string_len(Events::LoungeUse, 12)
                .default("shared_seats")
                .to_owned(),
        ];
        // SQLite takes one column per ALTER TABLE.
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // The lounge closure that makes room for an event (organiser's choice), so that
        // cancelling or moving the event can take it away again.
        manager
            .alter_table(
                Table::alter()
                    .table(Closures::Table)
                    .add_column(big_integer_null(Closures::EventId))
                    .to_owned(),
            )
            .await?;
        // Seats already taken by bookings made before the counter existed.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE events SET registered = (SELECT COUNT(*) FROM bookings b \
                 WHERE b.event_id = events.id AND b.status IN ('confirmed', 'attended'))",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EventAgendaItems::Table)
                    .col(big_pk_auto(EventAgendaItems::Id))
                    .col(big_integer(EventAgendaItems::EventId))
                    .col(integer(EventAgendaItems::Position))
                    .col(string_len(EventAgendaItems::StartsAt, 5))
                    .col(string_len(EventAgendaItems::Title, 120))
                    .col(string_len(EventAgendaItems::LedBy, 60))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventAgendaItems::Table, EventAgendaItems::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EventMaterials::Table)
                    .col(big_pk_auto(EventMaterials::Id))
                    .col(big_integer(EventMaterials::EventId))
                    .col(integer(EventMaterials::Position))
                    .col(string_len(EventMaterials::Title, 120))
                    .col(string_len(EventMaterials::Url, 500))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventMaterials::Table, EventMaterials::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Uploaded materials (PDFs, images), kept in the database so every instance
        // serves them; reached only through an unguessable link handed out with the
        // released agenda.
        manager
            .create_table(
                Table::create()
                    .table(EventFiles::Table)
                    .col(big_pk_auto(EventFiles::Id))
                    .col(big_integer(EventFiles::EventId))
                    .col(string_len(EventFiles::Title, 120))
                    .col(string_len(EventFiles::ContentType, 40))
                    .col(integer(EventFiles::ByteSize))
                    .col(blob(EventFiles::Bytes))
                    .col(string_len_uniq(EventFiles::Token, 64))
                    .col(timestamp_with_time_zone(EventFiles::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventFiles::Table, EventFiles::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Questions young people send their event's contact through the agency: the
        // contact sees the name and the question, never an address; a reply goes out
        // by email from Peer Lounge.
        manager
            .create_table(
                Table::create()
                    .table(EventQuestions::Table)
                    .col(big_pk_auto(EventQuestions::Id))
                    .col(big_integer(EventQuestions::EventId))
                    .col(string_len(EventQuestions::DisplayName, 60))
                    .col(string_len_null(EventQuestions::Email, 254))
                    .col(text(EventQuestions::Message))
                    .col(timestamp_with_time_zone(EventQuestions::AskedAt))
                    .col(timestamp_with_time_zone_null(EventQuestions::AnsweredAt))
                    .col(big_integer_null(EventQuestions::AnsweredBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventQuestions::Table, EventQuestions::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A co-facilitator is a mentor (shown by their display name) or a young person
        // named only by the display name they chose.
        manager
            .create_table(
                Table::create()
                    .table(EventCoFacilitators::Table)
                    .col(big_pk_auto(EventCoFacilitators::Id))
                    .col(big_integer(EventCoFacilitators::EventId))
                    .col(integer(EventCoFacilitators::Position))
                    .col(big_integer_null(EventCoFacilitators::MentorId))
                    .col(string_len(EventCoFacilitators::DisplayName, 60))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventCoFacilitators::Table, EventCoFacilitators::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventCoFacilitators::Table, EventCoFacilitators::MentorId)
                            .to(Mentors::Table, Mentors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, column) in [
            (
                "idx_event_agenda_event",
                EventAgendaItems::Table.into_iden(),
                EventAgendaItems::EventId.into_iden(),
            ),
            (
                "idx_event_materials_event",
                EventMaterials::Table.into_iden(),
                EventMaterials::EventId.into_iden(),
            ),
            (
                "idx_event_questions_event",
                EventQuestions::Table.into_iden(),
                EventQuestions::EventId.into_iden(),
            ),
            (
                "idx_event_files_event",
                EventFiles::Table.into_iden(),
                EventFiles::EventId.into_iden(),
            ),
            (
                "idx_event_co_facilitators_event",
                EventCoFacilitators::Table.into_iden(),
                EventCoFacilitators::EventId.into_iden(),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        let connection = manager.get_connection();
        let statements: &[&str] = match connection.get_database_backend() {
            DbBackend::Postgres => &POSTGRES_SEATS_WITHIN_CAPACITY,
            _ => &SQLITE_SEATS_WITHIN_CAPACITY,
        };
        for statement in statements {
            connection.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let connection = manager.get_connection();
        match connection.get_database_backend() {
            DbBackend::Postgres => {
                connection
                    .execute_unprepared(
                        "ALTER TABLE events DROP CONSTRAINT IF EXISTS events_seats_within_capacity",
                    )
                    .await?;
            }
            _ => {
                for trigger in [
                    "events_seats_within_capacity_insert",
                    "events_seats_within_capacity_update",
                ] {
                    connection
                        .execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}"))
                        .await?;
                }
            }
        }
        for table in [
            EventQuestions::Table.into_iden(),
            EventFiles::Table.into_iden(),
            EventCoFacilitators::Table.into_iden(),
            EventMaterials::Table.into_iden(),
            EventAgendaItems::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Closures::Table)
                    .drop_column(Closures::EventId)
                    .to_owned(),
            )
            .await?;
        for column in [
            Events::LoungeUse,
            Events::Status,
            Events::Audience,
            Events::ContactStaffId,
            Events::ReleaseHoursBefore,
            Events::ReleasePublicly,
            Events::Registered,
            Events::WalkIns,
            Events::Sequence,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

const POSTGRES_SEATS_WITHIN_CAPACITY: [&str; 1] = [
    "ALTER TABLE events ADD CONSTRAINT events_seats_within_capacity \
     CHECK (registered >= 0 AND walk_ins >= 0 AND (capacity IS NULL OR registered <= capacity))",
];

const SQLITE_SEATS_WITHIN_CAPACITY: [&str; 2] = [
    "CREATE TRIGGER events_seats_within_capacity_insert BEFORE INSERT ON events \
     WHEN NEW.registered < 0 OR NEW.walk_ins < 0 \
       OR (NEW.capacity IS NOT NULL AND NEW.registered > NEW.capacity) \
     BEGIN SELECT RAISE(ABORT, 'events_seats_within_capacity'); END",
    "CREATE TRIGGER events_seats_within_capacity_update BEFORE UPDATE OF registered, walk_ins, capacity ON events \
     WHEN NEW.registered < 0 OR NEW.walk_ins < 0 \
       OR (NEW.capacity IS NOT NULL AND NEW.registered > NEW.capacity) \
     BEGIN SELECT RAISE(ABORT, 'events_seats_within_capacity'); END",
];

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Status,
    Audience,
    ContactStaffId,
    ReleaseHoursBefore,
    ReleasePublicly,
    Registered,
    WalkIns,
    Sequence,
    LoungeUse,
}

#[derive(DeriveIden)]
enum Closures {
    Table,
    EventId,
}

#[derive(DeriveIden)]
enum Mentors {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventAgendaItems {
    Table,
    Id,
    EventId,
    Position,
    StartsAt,
    Title,
    LedBy,
}

#[derive(DeriveIden)]
enum EventMaterials {
    Table,
    Id,
    EventId,
    Position,
    Title,
    Url,
}

#[derive(DeriveIden)]
enum EventQuestions {
    Table,
    Id,
    EventId,
    DisplayName,
    Email,
    Message,
    AskedAt,
    AnsweredAt,
    AnsweredBy,
}

#[derive(DeriveIden)]
enum EventFiles {
    Table,
    Id,
    EventId,
    Title,
    ContentType,
    ByteSize,
    Bytes,
    Token,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EventCoFacilitators {
    Table,
    Id,
    EventId,
    Position,
    MentorId,
    DisplayName,
}

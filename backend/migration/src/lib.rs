//! Peer Lounge's schema, as portable SeaQuery migrations that run on SQLite and PostgreSQL.
//! Migrations run at server start and in every test app; never edit one that has shipped.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_core_tables;
mod m20261123_000002_create_staff_sessions;
mod m20261123_000003_create_audit_log_and_login_failures;
mod m20261123_000004_create_outbox_and_staff_tokens;
mod m20261123_000005_create_lounge_scheduling;
mod m20261123_000006_add_booking_sequence;
mod m20261123_000007_add_booking_token_salt;
mod m20261123_000008_index_booking_email;
mod m20261123_000009_reminders_in_outbox;
mod m20261123_000010_discreet_bookings;
mod m20261123_000011_mentor_office_hours;
mod m20261130_000012_events;
mod m20261130_000013_inventory;
mod m20261130_000014_donations;
mod m20261130_000015_item_search;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_core_tables::Migration),
            Box::new(m20261123_000002_create_staff_sessions::Migration),
            Box::new(m20261123_000003_create_audit_log_and_login_failures::Migration),
            Box::new(m20261123_000004_create_outbox_and_staff_tokens::Migration),
            Box::new(m20261123_000005_create_lounge_scheduling::Migration),
            Box::new(m20261123_000006_add_booking_sequence::Migration),
            Box::new(m20261123_000007_add_booking_token_salt::Migration),
            Box::new(m20261123_000008_index_booking_email::Migration),
            Box::new(m20261123_000009_reminders_in_outbox::Migration),
            Box::new(m20261123_000010_discreet_bookings::Migration),
            Box::new(m20261123_000011_mentor_office_hours::Migration),
            Box::new(m20261130_000012_events::Migration),
            Box::new(m20261130_000013_inventory::Migration),
            Box::new(m20261130_000014_donations::Migration),
            Box::new(m20261130_000015_item_search::Migration),
        ]
    }
}

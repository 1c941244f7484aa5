//! Bookings are counted per address, case-insensitively (`lower(email)`), on every
//! booking with an email: an expression index keeps that a lookup, not a table scan.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Both SQLite and PostgreSQL index expressions with this same statement.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_bookings_lower_email ON bookings (lower(email), status, starts_at)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX idx_bookings_lower_email")
            .await?;
        Ok(())
    }
}

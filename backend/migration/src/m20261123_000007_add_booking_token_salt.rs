//! Bookings made with an `Idempotency-Key` derive their manage token from that key and a
//! random salt kept here, so a replayed request can be answered with the very same token
//! without the token itself ever being stored.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Bookings::Table)
                    .add_column(string_len_null(Bookings::TokenSalt, 64))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Bookings::Table)
                    .drop_column(Bookings::TokenSalt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    TokenSalt,
}

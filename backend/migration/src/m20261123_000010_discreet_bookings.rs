//! A young person whose inbox others may read can ask for discreet email: a neutral
//! subject and sender name, and no mention of the lounge or the programme. The choice is
//! kept on the booking (for every later message about it) and on each queued message
//! (for its sender name).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Names::Bookings, Names::Outbox] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(boolean(Names::Discreet).default(false))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Names::Bookings, Names::Outbox] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Names::Discreet)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Names {
    Bookings,
    Outbox,
    Discreet,
}

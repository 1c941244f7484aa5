//! The inventory list stays fast on tens of thousands of items: indexes for its default
//! order (name), the newest-first order, and the common category + status filter in name
//! order; on PostgreSQL also a trigram index for the text search (`lower(name || '\n' ||
//! notes) LIKE '%words%'`). SQLite has no trigram index, so there that search scans the
//! table.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in [
            ("idx_items_name", vec![Items::Name, Items::Id]),
            ("idx_items_received_on", vec![Items::ReceivedOn, Items::Id]),
            (
                "idx_items_category_status_name",
                vec![Items::CategoryId, Items::Status, Items::Name, Items::Id],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Items::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            let db = manager.get_connection();
            // pg_trgm ships with PostgreSQL and is a trusted extension (13+): the
            // database's owner may create it.
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                .await?;
            // The very expression the list searches (services/inventory.rs), name and notes
            // in one: ANALYZE keeps statistics on it, so the planner picks the index
            // when it pays (two indexes OR-ed looked dearer to it than a scan).
            db.execute_unprepared(
                "CREATE INDEX idx_items_search_trgm ON items \
                 USING gin (lower(name || '\n' || notes) gin_trgm_ops)",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for name in [
            "idx_items_search_trgm",
            "idx_items_category_status_name",
            "idx_items_received_on",
            "idx_items_name",
        ] {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {name}"))
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Items {
    Table,
    Id,
    Name,
    CategoryId,
    Status,
    ReceivedOn,
}

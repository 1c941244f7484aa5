//! Donated furniture and supplies: agency-managed categories, items with a quantity the
//! database keeps from going negative, and every change of quantity, status, condition
//! or location recorded as a movement.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The categories a new agency starts with; consumables have stock levels.
const STARTING_CATEGORIES: [(&str, bool); 9] = [
    ("Seating", false),
    ("Tables", false),
    ("Storage", false),
    ("Décor", false),
    ("Electronics", false),
    ("Games", false),
    ("Art supplies", true),
    ("Snacks", true),
    ("Hygiene", true),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ItemCategories::Table)
                    .col(big_pk_auto(ItemCategories::Id))
                    .col(string_len_uniq(ItemCategories::Name, 60))
                    .col(boolean(ItemCategories::Consumable).default(false))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(ItemCategories::Table)
            .columns([ItemCategories::Name, ItemCategories::Consumable])
            .to_owned();
        for (name, consumable) in STARTING_CATEGORIES {
            insert.values_panic([name.into(), consumable.into()]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(Items::Table)
                    .col(big_pk_auto(Items::Id))
                    .col(string_len(Items::Name, 120))
                    .col(big_integer(Items::CategoryId))
                    .col(big_integer(Items::Quantity))
                    .col(string_len(Items::Unit, 30))
                    .col(string_len(Items::Condition, 20))
                    .col(string_len(Items::Status, 20))
                    .col(big_integer_null(Items::SpaceId))
                    .col(string_len_null(Items::StoragePlace, 120))
                    .col(date(Items::ReceivedOn))
                    .col(big_integer_null(Items::EstimatedValueCents))
                    .col(text(Items::Notes))
                    .col(big_integer_null(Items::LowStockThreshold))
                    .col(boolean(Items::LowStockAlerted).default(false))
                    .col(integer(Items::LowStockAlerts).default(0))
                    .col(timestamp_with_time_zone(Items::CreatedAt))
                    .col(timestamp_with_time_zone(Items::UpdatedAt))
                    .check(Expr::col(Items::Quantity).gte(0))
                    .check(Expr::col(Items::EstimatedValueCents).gte(0))
                    .check(Expr::col(Items::Condition).is_in([
                        "new",
                        "good",
                        "fair",
                        "needs_repair",
                        "unusable",
                    ]))
                    .check(Expr::col(Items::Status).is_in([
                        "in_use",
                        "in_storage",
                        "lent_out",
                        "disposed",
                    ]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Items::Table, Items::CategoryId)
                            .to(ItemCategories::Table, ItemCategories::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Items::Table, Items::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ItemMovements::Table)
                    .col(big_pk_auto(ItemMovements::Id))
                    .col(big_integer(ItemMovements::ItemId))
                    .col(string_len(ItemMovements::Field, 20))
                    .col(string_len(ItemMovements::FromValue, 200))
                    .col(string_len(ItemMovements::ToValue, 200))
                    .col(string_len(ItemMovements::Reason, 200))
                    .col(big_integer_null(ItemMovements::ActorId))
                    .col(timestamp_with_time_zone(ItemMovements::At))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ItemMovements::Table, ItemMovements::ItemId)
                            .to(Items::Table, Items::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, column) in [
            (
                "idx_items_category",
                Items::Table.into_iden(),
                Items::CategoryId.into_iden(),
            ),
            (
                "idx_items_status",
                Items::Table.into_iden(),
                Items::Status.into_iden(),
            ),
            (
                "idx_item_movements_item",
                ItemMovements::Table.into_iden(),
                ItemMovements::ItemId.into_iden(),
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
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ItemMovements::Table.into_iden(),
            Items::Table.into_iden(),
            ItemCategories::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ItemCategories {
    Table,
    Id,
    Name,
    Consumable,
}

#[derive(DeriveIden)]
enum Items {
    Table,
    Id,
    Name,
    CategoryId,
    Quantity,
    Unit,
    Condition,
    Status,
    SpaceId,
    StoragePlace,
    ReceivedOn,
    EstimatedValueCents,
    Notes,
    LowStockThreshold,
    LowStockAlerted,
    LowStockAlerts,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ItemMovements {
    Table,
    Id,
    ItemId,
    Field,
    FromValue,
    ToValue,
    Reason,
    ActorId,
    At,
}

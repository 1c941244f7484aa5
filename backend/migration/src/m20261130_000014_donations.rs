//! Donors, their donations (an item may say which one brought it), up to five photos per
//! item, the letterhead thank-you letters carry, and the public wishlist with the
//! pledges partners make against it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Donors::Table)
                    .col(big_pk_auto(Donors::Id))
                    .col(string_len(Donors::Kind, 20))
                    .col(string_len(Donors::Name, 120))
                    .col(string_len(Donors::ContactPerson, 120))
                    .col(string_len(Donors::Email, 254))
                    .col(string_len(Donors::Phone, 40))
                    .col(text(Donors::Address))
                    .col(text(Donors::Notes))
                    .col(boolean(Donors::PublicThanks).default(false))
                    .col(timestamp_with_time_zone(Donors::CreatedAt))
                    .col(timestamp_with_time_zone(Donors::UpdatedAt))
                    .check(Expr::col(Donors::Kind).is_in([
                        "nonprofit",
                        "business",
                        "community_drive",
                        "grant",
                        "individual",
                    ]))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Donations::Table)
                    .col(big_pk_auto(Donations::Id))
                    .col(big_integer(Donations::DonorId))
                    .col(date(Donations::ReceivedOn))
                    .col(string_len(Donations::Method, 20))
                    .col(text(Donations::Notes))
                    .col(string_len_null(Donations::GrantName, 200))
                    .col(big_integer_null(Donations::GrantAmountCents))
                    .col(date_null(Donations::GrantPeriodStart))
                    .col(date_null(Donations::GrantPeriodEnd))
                    .col(timestamp_with_time_zone_null(Donations::LetterEmailedAt))
                    .col(integer(Donations::LettersEmailed).default(0))
                    .col(big_integer_null(Donations::CreatedBy))
                    .col(timestamp_with_time_zone(Donations::CreatedAt))
                    .check(Expr::col(Donations::Method).is_in(["drop_off", "pickup", "delivery"]))
                    .check(Expr::col(Donations::GrantAmountCents).gte(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Donations::Table, Donations::DonorId)
                            .to(Donors::Table, Donors::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // The same statement on both databases: SQLite accepts a REFERENCES clause on an
        // added column when it defaults to NULL.
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE items ADD COLUMN donation_id bigint NULL REFERENCES donations(id)",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ItemPhotos::Table)
                    .col(big_pk_auto(ItemPhotos::Id))
                    .col(big_integer(ItemPhotos::ItemId))
                    .col(string_len(ItemPhotos::ContentType, 20))
                    .col(blob(ItemPhotos::Bytes))
                    .col(timestamp_with_time_zone(ItemPhotos::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ItemPhotos::Table, ItemPhotos::ItemId)
                            .to(Items::Table, Items::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Letterhead::Table)
                    .col(integer(Letterhead::Id).primary_key())
                    .col(text(Letterhead::Address))
                    .col(string_len(Letterhead::Phone, 40))
                    .col(string_len(Letterhead::Email, 254))
                    .col(string_len(Letterhead::Website, 200))
                    .col(string_len(Letterhead::TaxId, 40))
                    .col(string_len(Letterhead::SignerName, 120))
                    .col(string_len(Letterhead::SignerTitle, 120))
                    .col(string_len(Letterhead::CurrencySymbol, 8))
                    .col(timestamp_with_time_zone(Letterhead::UpdatedAt))
                    // There is one letterhead.
                    .check(Expr::col(Letterhead::Id).eq(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Wishes::Table)
                    .col(big_pk_auto(Wishes::Id))
                    .col(string_len(Wishes::Name, 120))
                    .col(big_integer_null(Wishes::CategoryId))
                    .col(big_integer(Wishes::Quantity))
                    .col(big_integer(Wishes::Pledged).default(0))
                    .col(string_len(Wishes::Priority, 10))
                    .col(text(Wishes::Note))
                    .col(boolean(Wishes::Archived).default(false))
                    .col(timestamp_with_time_zone(Wishes::CreatedAt))
                    .col(timestamp_with_time_zone(Wishes::UpdatedAt))
                    // Pledges never promise more than is wanted, whatever races.
                    .check(Expr::col(Wishes::Pledged).gte(0))
                    .check(Expr::col(Wishes::Pledged).lte(Expr::col(Wishes::Quantity)))
                    .check(Expr::col(Wishes::Priority).is_in(["high", "medium", "low"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Wishes::Table, Wishes::CategoryId)
                            .to(ItemCategories::Table, ItemCategories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Pledges::Table)
                    .col(big_pk_auto(Pledges::Id))
                    .col(big_integer(Pledges::WishId))
                    .col(string_len(Pledges::Organisation, 120))
                    .col(string_len(Pledges::ContactName, 120))
                    .col(string_len(Pledges::Email, 254))
                    .col(big_integer(Pledges::Quantity))
                    .col(text(Pledges::Message))
                    .col(string_len(Pledges::Status, 20))
                    .col(big_integer_null(Pledges::DonationId))
                    .col(timestamp_with_time_zone(Pledges::CreatedAt))
                    .col(timestamp_with_time_zone(Pledges::UpdatedAt))
                    .check(Expr::col(Pledges::Quantity).gt(0))
                    .check(Expr::col(Pledges::Status).is_in(["open", "received", "withdrawn"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pledges::Table, Pledges::WishId)
                            .to(Wishes::Table, Wishes::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pledges::Table, Pledges::DonationId)
                            .to(Donations::Table, Donations::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, column) in [
            (
                "idx_donations_donor",
                Donations::Table.into_iden(),
                Donations::DonorId.into_iden(),
            ),
            (
                "idx_items_donation",
                Items::Table.into_iden(),
                Items::DonationId.into_iden(),
            ),
            (
                "idx_item_photos_item",
                ItemPhotos::Table.into_iden(),
                ItemPhotos::ItemId.into_iden(),
            ),
            (
                "idx_pledges_wish",
                Pledges::Table.into_iden(),
                Pledges::WishId.into_iden(),
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
        manager
            .drop_index(
                Index::drop()
                    .name("idx_items_donation")
                    .table(Items::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Items::Table)
                    .drop_column(Items::DonationId)
                    .to_owned(),
            )
            .await?;
        for table in [
            Pledges::Table.into_iden(),
            Wishes::Table.into_iden(),
            Letterhead::Table.into_iden(),
            ItemPhotos::Table.into_iden(),
            Donations::Table.into_iden(),
            Donors::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Donors {
    Table,
    Id,
    Kind,
    Name,
    ContactPerson,
    Email,
    Phone,
    Address,
    Notes,
    PublicThanks,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Donations {
    Table,
    Id,
    DonorId,
    ReceivedOn,
    Method,
    Notes,
    GrantName,
    GrantAmountCents,
    GrantPeriodStart,
    GrantPeriodEnd,
    LetterEmailedAt,
    LettersEmailed,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Items {
    Table,
    Id,
    DonationId,
}

#[derive(DeriveIden)]
enum ItemCategories {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ItemPhotos {
    Table,
    Id,
    ItemId,
    ContentType,
    Bytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Letterhead {
    Table,
    Id,
    Address,
    Phone,
    Email,
    Website,
    TaxId,
    SignerName,
    SignerTitle,
    CurrencySymbol,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Wishes {
    Table,
    Id,
    Name,
    CategoryId,
    Quantity,
    Pledged,
    Priority,
    Note,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
    WishId,
    Organisation,
    ContactName,
    Email,
    Quantity,
    Message,
    Status,
    DonationId,
    CreatedAt,
    UpdatedAt,
}

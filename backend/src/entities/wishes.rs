use sea_orm::entity::prelude::*;

/// Something the lounge still needs, on the public wishlist unless archived.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wishes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub category_id: Option<i64>,
    pub quantity: i64,
    /// Promised by open and received pledges; never more than `quantity` (a CHECK).
    pub pledged: i64,
    /// `WishPriority`.
    pub priority: String,
    pub note: String,
    pub archived: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

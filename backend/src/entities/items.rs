use sea_orm::entity::prelude::*;

/// Something donated or bought for the lounge: furniture, or a consumable supply.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub category_id: i64,
    /// Never negative (a CHECK in the database).
    pub quantity: i64,
    pub unit: String,
    /// `ItemCondition`.
    pub condition: String,
    /// `ItemStatus`.
    pub status: String,
    pub space_id: Option<i64>,
    pub storage_place: Option<String>,
    pub received_on: Date,
    pub estimated_value_cents: Option<i64>,
    pub notes: String,
    pub low_stock_threshold: Option<i64>,
    /// Facilities staff were emailed about this low stock; cleared on restocking.
    pub low_stock_alerted: bool,
    /// How many low-stock emails there have been, for each one's dedupe key.
    pub low_stock_alerts: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The donation that brought it, if any.
    pub donation_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub space_id: Option<i64>,
    pub mentor_id: Option<i64>,
    pub event_id: Option<i64>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub display_name: String,
    pub email: Option<String>,
    pub topic: Option<String>,
    pub status: String,
    #[sea_orm(unique)]
    pub manage_token_hash: String,
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Grows with every change, for calendar files.
    pub sequence: i32,
    /// Set when the manage token was derived from an idempotency key.
    pub token_salt: Option<String>,
    /// Emails about it use a neutral subject and sender and name no place.
    pub discreet: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

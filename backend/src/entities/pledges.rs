use sea_orm::entity::prelude::*;

/// A partner's promise of some of a wish.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pledges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub wish_id: i64,
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    pub quantity: i64,
    pub message: String,
    /// `PledgeStatus`.
    pub status: String,
    pub donation_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

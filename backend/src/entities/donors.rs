use sea_orm::entity::prelude::*;

/// A nonprofit, business, community drive, grant maker or person who gives to the lounge.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "donors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `DonorKind`.
    pub kind: String,
    pub name: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub notes: String,
    pub public_thanks: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

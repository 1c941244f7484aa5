use sea_orm::entity::prelude::*;

/// The one letterhead thank-you letters carry (id is always 1).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letterhead")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub tax_id: String,
    pub signer_name: String,
    pub signer_title: String,
    pub currency_symbol: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

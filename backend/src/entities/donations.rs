use sea_orm::entity::prelude::*;

/// One gift: when it came, how, and (for grants) what the money is.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "donations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub donor_id: i64,
    pub received_on: Date,
    /// `DeliveryMethod`.
    pub method: String,
    pub notes: String,
    pub grant_name: Option<String>,
    pub grant_amount_cents: Option<i64>,
    pub grant_period_start: Option<Date>,
    pub grant_period_end: Option<Date>,
    pub letter_emailed_at: Option<DateTimeUtc>,
    /// How many times the letter was emailed, for each email's dedupe key.
    pub letters_emailed: i32,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

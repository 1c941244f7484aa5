use sea_orm::entity::prelude::*;

/// A mentor's private note after an office-hours session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "check_ins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub booking_id: i64,
    pub mentor_id: i64,
    pub outcome: String,
    pub rating: Option<i16>,
    pub wants_support: bool,
    pub note: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub followed_up_at: Option<DateTimeUtc>,
    pub followed_up_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

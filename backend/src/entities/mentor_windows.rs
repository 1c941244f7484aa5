use sea_orm::entity::prelude::*;

/// A weekly office-hours window of a mentor, like a space's opening rule.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentor_windows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub mentor_id: i64,
    /// 0 for Monday ... 6 for Sunday.
    pub weekday: i16,
    pub opens: String,
    pub closes: String,
    pub slot_minutes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

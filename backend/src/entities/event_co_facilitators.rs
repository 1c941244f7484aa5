use sea_orm::entity::prelude::*;

/// Someone running an event with its organiser: a mentor, or a young person named only
/// by the display name they chose (`mentor_id` empty).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_co_facilitators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub position: i32,
    pub mentor_id: Option<i64>,
    pub display_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

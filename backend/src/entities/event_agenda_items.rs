use sea_orm::entity::prelude::*;

/// One item of an event's agenda, in order.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_agenda_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub position: i32,
    /// "HH:MM" on the event's day, or empty.
    pub starts_at: String,
    pub title: String,
    pub led_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub space_id: Option<i64>,
    pub location_text: Option<String>,
    pub capacity: Option<i32>,
    pub has_waitlist: bool,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    /// The peer mentor leading it, who cannot hold office hours at the same time.
    pub lead_mentor_id: Option<i64>,
    /// `EventStatus`: draft, published, cancelled or completed.
    pub status: String,
    /// Who it is for, e.g. "Ages 16–21".
    pub audience: String,
    /// The staff member young people can ask beforehand.
    pub contact_staff_id: Option<i64>,
    /// How long before the start registered people get the agenda and materials.
    pub release_hours_before: i32,
    /// Whether the public page shows the agenda and materials once released.
    pub release_publicly: bool,
    /// Seats taken; the database keeps it within `capacity`.
    pub registered: i32,
    pub walk_ins: i32,
    /// Rises with every change of time, like a booking's calendar SEQUENCE.
    pub sequence: i32,
    /// `LoungeUse`: how an event in a lounge space shares it with drop-ins.
    pub lounge_use: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::spaces::Entity",
        from = "Column::SpaceId",
        to = "super::spaces::Column::Id"
    )]
    Space,
}

impl Related<super::spaces::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Space.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

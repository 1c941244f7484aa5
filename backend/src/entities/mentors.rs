use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub user_id: i64,
    pub display_name: String,
    pub pronouns: Option<String>,
    pub title: String,
    pub bio: String,
    /// Changes with every new photo, so its URL does too.
    pub photo_version: Option<String>,
    pub published: bool,
    pub screening_valid_until: Option<Date>,
    pub created_at: DateTimeUtc,
    pub supervisor_id: Option<i64>,
    /// One per line.
    pub interests: String,
    /// `MeetingPlace` names, comma-separated.
    pub meets: String,
    pub office_space_id: Option<i64>,
    pub office_room: String,
    pub max_per_day: Option<i32>,
    pub max_per_week: Option<i32>,
    pub buffer_minutes: i32,
    /// `HH:MM` agency time.
    pub no_sessions_after: Option<String>,
    pub on_break: bool,
    /// The last day of the break.
    pub break_until: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::staff_users::Entity",
        from = "Column::UserId",
        to = "super::staff_users::Column::Id"
    )]
    StaffUser,
}

impl ActiveModelBehavior for ActiveModel {}

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
    pub photo_path: Option<String>,
    pub published: bool,
    pub accepting_bookings: bool,
    pub screening_valid_until: Option<Date>,
    pub created_at: DateTimeUtc,
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

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub dedupe_key: String,
    pub kind: String,
    pub recipient: String,
    #[sea_orm(unique)]
    pub message_id: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// The booking this message is about, if any.
    pub booking_id: Option<i64>,
    /// An iCalendar file sent along as an attachment.
    pub calendar_ics: Option<String>,
    /// Sent under a neutral sender name.
    pub discreet: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Peer mentors: what a mentor edits about themselves (profile, office hours, limits),
//! the sessions they hold and their private check-ins, and what their supervisor sees.
//! The public directory type, `MentorProfile`, lives with the other public types.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::api::{rfc3339, BookingStatus, OpeningRule};

/// The titles every agency may use; an agency can add its own in its configuration.
pub const STANDARD_MENTOR_TITLES: [&str; 6] = [
    "Peer mentor",
    "Youth mentor",
    "Peer coach",
    "Near-peer mentor",
    "Youth ambassador",
    "Youth ally",
];

/// How a mentor likes to meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingPlace {
    Lounge,
    QuietRoom,
    Walk,
}

impl MeetingPlace {
    pub const ALL: [MeetingPlace; 3] = [Self::Lounge, Self::QuietRoom, Self::Walk];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lounge => "lounge",
            Self::QuietRoom => "quiet_room",
            Self::Walk => "walk",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|place| place.as_str() == value)
    }

    /// Words for people, e.g. "In the lounge".
    pub fn label(self) -> &'static str {
        match self {
            Self::Lounge => "In the lounge",
            Self::QuietRoom => "In a quiet room",
            Self::Walk => "On a walk",
        }
    }
}

/// A lived-experience topic from the agency's list (`GET /api/topics`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Topic {
    pub id: i64,
    pub name: String,
}

/// `POST /api/admin/topics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTopic {
    pub name: String,
}

/// `GET /api/mentor/profile`: the signed-in mentor's own profile, with what only staff see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnMentorProfile {
    pub id: i64,
    #[serde(flatten)]
    pub profile: UpdateMentorProfile,
    pub photo_url: Option<String>,
    /// Set by a supervisor or admin; after it the mentor leaves the directory.
    pub screening_valid_until: Option<NaiveDate>,
    /// Whether young people can find them now: published, with screening current.
    pub listed: bool,
    /// The titles to choose from: the standard ones and the agency's own.
    pub titles: Vec<String>,
    /// The agency's lived-experience topics to choose from.
    pub topic_choices: Vec<String>,
}

/// `PUT /api/mentor/profile`: the whole editable profile at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMentorProfile {
    /// A first name or nickname: never a surname.
    pub display_name: String,
    #[serde(default)]
    pub pronouns: Option<String>,
    pub title: String,
    #[serde(default)]
    pub bio: String,
    /// Names from the agency's topic list.
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub meets: Vec<MeetingPlace>,
    /// Whether the mentor wants to be in the directory (screening must be current too).
    #[serde(default)]
    pub published: bool,
}

/// `GET`/`PUT /api/mentor/office-hours`: weekly windows (agency time, cut into sessions of
/// each window's `slot_minutes`), where they meet, and dates off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorOfficeHours {
    pub rules: Vec<OpeningRule>,
    /// A lounge space to meet in, or `None` with `room` naming where.
    #[serde(default)]
    pub space_id: Option<i64>,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub days_off: Vec<NaiveDate>,
}

/// `GET`/`PUT /api/mentor/limits`: the mentor's own boundaries, which their supervisor
/// sees. Young people only ever see that a mentor is or isn't taking bookings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorLimits {
    #[serde(default)]
    pub max_sessions_per_day: Option<u32>,
    #[serde(default)]
    pub max_sessions_per_week: Option<u32>,
    /// Free minutes kept between two sessions.
    #[serde(default)]
    pub buffer_minutes: u32,
    /// `HH:MM` agency time: no session ends later than this.
    #[serde(default)]
    pub no_sessions_after: Option<String>,
    #[serde(default)]
    pub on_break: bool,
    /// The last day of the break; bookings open again the day after.
    #[serde(default)]
    pub break_until: Option<NaiveDate>,
}

/// One office-hours session as the mentor sees it: the name the young person gave and
/// the topic they chose to share, never their email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorSession {
    pub booking_id: i64,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub end: DateTime<FixedOffset>,
    pub name: String,
    pub topic: Option<String>,
    pub status: BookingStatus,
    pub check_in: Option<CheckIn>,
}

/// Whether a session took place, as the mentor records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SessionOutcome {
    Held,
    /// The young person did not come.
    DidNotCome,
    Cancelled,
}

impl SessionOutcome {
    pub const ALL: [SessionOutcome; 3] = [Self::Held, Self::DidNotCome, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::DidNotCome => "did_not_come",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == value)
    }
}

/// `PUT /api/mentor/sessions/{booking_id}/check-in`: the mentor's private note after a
/// session. Never shown to young people; "I'd like support" emails their supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckIn {
    pub outcome: SessionOutcome,
    /// How it went, 1 (hard) to 5 (great).
    #[serde(default)]
    pub rating: Option<u8>,
    #[serde(default)]
    pub wants_support: bool,
    #[serde(default)]
    pub note: String,
}

/// A mentor as their supervisor sees them (`GET /api/supervision/mentors`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupervisedMentor {
    pub mentor_id: i64,
    pub display_name: String,
    pub supervisor_id: Option<i64>,
    pub supervisor_name: Option<String>,
    pub screening_valid_until: Option<NaiveDate>,
    pub published: bool,
    pub listed: bool,
    pub accepting_bookings: bool,
    pub limits: MentorLimits,
    pub sessions_today: u32,
    pub sessions_this_week: u32,
    /// The last 14 days' check-ins, newest first.
    pub check_ins: Vec<SupervisedCheckIn>,
    pub open_support_flags: Vec<SupervisedCheckIn>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupervisedCheckIn {
    pub booking_id: i64,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub session_start: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub check_in: CheckIn,
    #[serde(default, deserialize_with = "rfc3339::deserialize_option")]
    pub followed_up_at: Option<DateTime<FixedOffset>>,
}

/// `PATCH /api/supervision/mentors/{id}`: only the fields given change. Screening dates
/// are for supervisors and admins; who supervises whom is for admins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSupervision {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screening_valid_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_id: Option<i64>,
}

/// `POST /api/supervision/mentors/{id}/overrides`: let one session at `start` be booked
/// even though a limit would refuse it (never over another booking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewLimitOverride {
    pub start: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LimitOverride {
    pub id: i64,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
    pub approved_by: String,
}

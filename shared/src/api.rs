//! Request and response bodies of the public HTTP API.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Problems with individual fields of a request, keyed by field name.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// The one error body every API error is answered with:
/// `{"error": {"code": "...", "message": "...", "fields": {...}}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ApiError,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// Stable, snake_case, for programs.
    pub code: String,
    /// One plain sentence, for people.
    pub message: String,
    /// Only present for validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
}

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the service can take bookings, `degraded` otherwise.
    pub status: String,
    /// `ok` when the database answered, `unavailable` otherwise.
    pub database: String,
    pub version: String,
    /// Emails due and not yet sent (absent when the database is unavailable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox_backlog: Option<u64>,
    /// How long the oldest due email has waited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oldest_due_email_seconds: Option<i64>,
    /// The agency's IANA time zone, e.g. `America/New_York`: the clock staff enter
    /// times in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.status == "ok"
    }
}

/// The three kinds of bookable time; they share one booking model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingKind {
    /// A drop-in slot in a lounge space (capacity N).
    Lounge,
    /// A slot in a peer mentor's office hours (capacity 1).
    OfficeHours,
    /// A seat at an event (capacity N, maybe a waitlist).
    Event,
}

impl BookingKind {
    pub const ALL: [BookingKind; 3] = [Self::Lounge, Self::OfficeHours, Self::Event];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lounge => "lounge",
            Self::OfficeHours => "office_hours",
            Self::Event => "event",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// Where a booking stands. Young people see `didnt_make_it`, never "no-show".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
    Attended,
    DidntMakeIt,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 5] = [
        Self::Confirmed,
        Self::Waitlisted,
        Self::Cancelled,
        Self::Attended,
        Self::DidntMakeIt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
            Self::Attended => "attended",
            Self::DidntMakeIt => "didnt_make_it",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// Whether the booking still holds a place (a seat, a slot).
    pub fn holds_place(self) -> bool {
        matches!(self, Self::Confirmed)
    }
}

/// A lounge space as the public sees it (`GET /api/spaces`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Space {
    pub id: i64,
    pub name: String,
    pub capacity: u32,
    pub description: String,
    pub accessibility_notes: String,
    pub house_rules: String,
}

/// A peer mentor as young people see them (`GET /api/mentors`): never an email,
/// phone number or surname.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorProfile {
    pub id: i64,
    pub display_name: String,
    pub pronouns: Option<String>,
    pub title: String,
    pub bio: String,
    pub topics: Vec<String>,
    pub languages: Vec<String>,
    pub photo_url: Option<String>,
    /// Whether they take bookings now; never why not.
    pub accepting_bookings: bool,
    #[serde(default)]
    pub interests: Vec<String>,
    /// How they like to meet.
    #[serde(default)]
    pub meets: Vec<crate::MeetingPlace>,
}

/// A staff member's role; one account may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Supervisor,
    Mentor,
    Facilities,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Self::Admin,
        Self::Supervisor,
        Self::Mentor,
        Self::Facilities,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Supervisor => "supervisor",
            Self::Mentor => "mentor",
            Self::Facilities => "facilities",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == value)
    }
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// The signed-in staff member (`POST /api/auth/login`, `GET /api/auth/me`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

/// A staff account as admins see it (`GET /api/admin/users`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub disabled: bool,
    /// Whether they have set a password yet (an invited person has not).
    pub has_password: bool,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub created_at: DateTime<FixedOffset>,
}

/// `PATCH /api/admin/users/{id}`: only the fields given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateStaffAccount {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

/// `POST /api/auth/password`: a signed-in staff member changes their own password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

/// One staff action in the audit log. Never holds a password or a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub at: DateTime<FixedOffset>,
    /// `None` for actions the system took by itself.
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    /// What happened, e.g. `user.update`, `auth.login`.
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub summary: String,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// Reads RFC 3339 times with chrono's dedicated parser: chrono's general `Deserialize`
/// pulls its whole format parser into the widget (about 7 KB gzipped).
pub mod rfc3339 {
    use chrono::{DateTime, FixedOffset};
    use serde::{de::Error, Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        DateTime::parse_from_rfc3339(&text).map_err(D::Error::custom)
    }

    pub fn deserialize_option<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        text.map(|text| DateTime::parse_from_rfc3339(&text).map_err(D::Error::custom))
            .transpose()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[derive(serde::Deserialize)]
        struct At {
            #[serde(deserialize_with = "deserialize")]
            at: DateTime<FixedOffset>,
        }

        #[test]
        fn reads_offsets_and_refuses_other_formats() {
            let at: At = serde_json::from_str(r#"{"at":"2026-03-08T03:00:00-04:00"}"#).unwrap();
            assert_eq!(at.at.offset().local_minus_utc(), -4 * 3600);
            assert!(serde_json::from_str::<At>(r#"{"at":"2026-03-08 03:00"}"#).is_err());
        }
    }
}

/// `POST /api/admin/users`: invite a staff member by email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaffAccount {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

/// `POST /api/auth/password-reset`: ask for a reset link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

/// `POST /api/auth/set-password`: spend an invitation or reset link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetPassword {
    pub token: String,
    pub password: String,
}

/// One message in the email outbox, as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub kind: String,
    /// `queued`, `sending`, `sent` or `dead`.
    pub state: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub created_at: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub next_attempt_at: DateTime<FixedOffset>,
    #[serde(default, deserialize_with = "rfc3339::deserialize_option")]
    pub sent_at: Option<DateTime<FixedOffset>>,
}

/// A day of the week in the agency's time zone, as the API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Self::Mon,
        Self::Tue,
        Self::Wed,
        Self::Thu,
        Self::Fri,
        Self::Sat,
        Self::Sun,
    ];

    /// 0 for Monday ... 6 for Sunday.
    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn from_index(index: u8) -> Option<Self> {
        Self::ALL.get(usize::from(index)).copied()
    }
}

/// One weekly opening window: `opens`/`closes` are `HH:MM` agency time, cut into slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningRule {
    pub weekday: Weekday,
    pub opens: String,
    pub closes: String,
    pub slot_minutes: u32,
}

/// `PUT /api/admin/spaces/{id}/opening-hours` and its `GET`: the whole week at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningHours {
    pub rules: Vec<OpeningRule>,
}

/// `POST /api/admin/spaces`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSpace {
    pub name: String,
    pub capacity: u32,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub accessibility_notes: String,
    #[serde(default)]
    pub house_rules: String,
}

/// `PATCH /api/admin/spaces/{id}`: only the fields given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSpace {
    pub name: Option<String>,
    pub capacity: Option<u32>,
    pub description: Option<String>,
    pub accessibility_notes: Option<String>,
    pub house_rules: Option<String>,
    /// How long before a slot starts booking closes (default 60).
    pub min_notice_minutes: Option<u32>,
    /// How far ahead one may book (default 28).
    pub horizon_days: Option<u32>,
    /// The most upcoming lounge bookings one email may hold (default 3).
    pub max_upcoming_per_email: Option<u32>,
}

/// A space with its booking rules, as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminSpace {
    #[serde(flatten)]
    pub space: Space,
    pub min_notice_minutes: u32,
    pub horizon_days: u32,
    pub max_upcoming_per_email: u32,
}

/// `POST /api/admin/spaces/{id}/closures`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewClosure {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
    pub reason: String,
}

/// A closure of a space, and how many bookings it cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Closure {
    pub id: i64,
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
    pub reason: String,
    pub cancelled_bookings: u32,
}

/// One bookable slot (`GET /api/spaces/{id}/slots`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotAvailability {
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub end: DateTime<FixedOffset>,
    pub capacity: u32,
    pub booked: u32,
    pub available: u32,
}

/// `POST /api/bookings`. The young person gives a name or nickname, and an email only if
/// they want reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NewBooking {
    Lounge {
        space_id: i64,
        #[serde(deserialize_with = "rfc3339::deserialize")]
        start: DateTime<FixedOffset>,
        name: String,
        #[serde(default)]
        email: Option<String>,
        /// Emails about this booking get a neutral subject and sender name and do not
        /// name the lounge or the agency: for someone whose inbox others may read.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        discreet: bool,
    },
    /// A session with a peer mentor; without `mentor_id`, whichever listed mentor is
    /// free at `start`.
    OfficeHours {
        #[serde(default)]
        mentor_id: Option<i64>,
        #[serde(deserialize_with = "rfc3339::deserialize")]
        start: DateTime<FixedOffset>,
        name: String,
        #[serde(default)]
        email: Option<String>,
        /// A short note the young person chooses to share with the mentor.
        #[serde(default)]
        topic: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        discreet: bool,
    },
    /// A seat at a published event, or a place on its waitlist when it is full (the
    /// same as `POST /api/events/{id}/registrations`).
    Event {
        event_id: i64,
        name: String,
        #[serde(default)]
        email: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        discreet: bool,
    },
}

/// A booking as its holder sees it. `manage_token` is only present in the answer to
/// the request that created it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    pub id: i64,
    pub kind: BookingKind,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub end: DateTime<FixedOffset>,
    pub status: BookingStatus,
    /// The name the young person gave.
    pub name: String,
    /// Where: the space's name, or the mentor's room.
    pub place: String,
    /// For office hours: the mentor's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor: Option<String>,
    /// The lounge space of a lounge booking, whose slots a reschedule picks from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space_id: Option<i64>,
    /// The mentor of an office-hours booking, whose slots a reschedule picks from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor_id: Option<i64>,
    /// The event of an event registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<i64>,
    /// On an event's waitlist: 1 for the first in line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manage_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manage_url: Option<String>,
}

/// `POST /api/bookings/manage/{token}/reschedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reschedule {
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
}

/// `GET /api/spaces/{id}/now`: enough for "5 seats free right now", about nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpaceNow {
    pub open: bool,
    pub seats_free: u32,
    /// When the current opening window ends; absent when closed.
    pub closes_at: Option<DateTime<FixedOffset>>,
}

/// `GET /api/admin/spaces/{id}/day?date=`: the lounge's day for the staff on duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaySheet {
    pub date: chrono::NaiveDate,
    pub slots: Vec<DaySheetSlot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaySheetSlot {
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub end: DateTime<FixedOffset>,
    pub capacity: u32,
    pub booked: u32,
    pub walk_ins: u32,
    /// Display names only: staff at the desk need nothing more.
    pub bookings: Vec<DaySheetBooking>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaySheetBooking {
    pub id: i64,
    pub name: String,
    pub status: BookingStatus,
}

/// `POST /api/admin/spaces/{id}/walk-ins`: people arriving (+) or leaving (-) without a
/// booking, in the slot running now unless `start` names another of today's slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WalkInChange {
    pub delta: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<FixedOffset>>,
}

//! Joint events: what the public sees and registers for, and what organisers edit.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::api::{rfc3339, Booking, BookingStatus};

/// An event's life: only published events are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Draft,
    Published,
    Cancelled,
    Completed,
}

impl EventStatus {
    pub const ALL: [EventStatus; 4] = [
        Self::Draft,
        Self::Published,
        Self::Cancelled,
        Self::Completed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Cancelled => "cancelled",
            Self::Completed => "completed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

/// A published event in the public list (`GET /api/events`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventSummary {
    pub id: i64,
    pub title: String,
    pub summary: String,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub end: DateTime<FixedOffset>,
    /// A lounge space's name, or the place elsewhere.
    pub location: String,
    /// `None` when the event has no seat limit.
    pub capacity: Option<u32>,
    pub spots_left: Option<u32>,
    /// Full, but people can still join the waitlist.
    pub waitlist_open: bool,
    /// Who young people can ask about it beforehand (a staff member's display name).
    pub contact_name: String,
    /// Display names of the mentors and young people running it with the organiser.
    pub co_facilitators: Vec<String>,
    /// Who it is for, e.g. "Ages 16–21"; may be empty.
    #[serde(default)]
    pub audience: String,
}

/// One item of an event's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    /// "HH:MM" on the event's day, or empty.
    #[serde(default)]
    pub time: String,
    pub title: String,
    /// Who leads this part (a display name), or empty.
    #[serde(default)]
    pub led_by: String,
}

/// A link to something to read or bring before the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Material {
    pub title: String,
    /// An `https://` (or `http://`) address.
    pub url: String,
}

/// One event for the public (`GET /api/events/{id}`): the agenda and materials appear
/// once released, if the organiser chose to show them publicly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventDetail {
    #[serde(flatten)]
    pub summary: EventSummary,
    pub description: String,
    /// When registered people get the agenda and materials.
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub materials_released_at: DateTime<FixedOffset>,
    pub agenda: Option<Vec<AgendaItem>>,
    pub materials: Option<Vec<Material>>,
}

/// `POST /api/events/{id}/registrations`: a name or nickname, and an email only if they
/// want the confirmation, agenda and reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRegistration {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discreet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    Registered,
    Waitlisted,
}

/// The answer to a registration: a seat, or a place on the waitlist, and the manage
/// link that works as for every booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventRegistration {
    pub status: RegistrationStatus,
    /// 1 for the first in line.
    pub waitlist_position: Option<u32>,
    pub manage_token: String,
    pub manage_url: String,
    pub booking: Booking,
}

/// What an organiser writes about an event (create and edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventInput {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub end: DateTime<FixedOffset>,
    /// One of the lounge spaces, or `place`.
    #[serde(default)]
    pub space_id: Option<i64>,
    /// A place elsewhere, e.g. "Town library, room 2".
    #[serde(default)]
    pub place: Option<String>,
    /// `None`: no seat limit.
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub waitlist: bool,
    #[serde(default)]
    pub audience: String,
    /// The staff member young people can ask; the organiser when left out.
    #[serde(default)]
    pub contact_staff_id: Option<i64>,
    /// Mentors running it with the organiser.
    #[serde(default)]
    pub co_facilitator_mentor_ids: Vec<i64>,
    /// Young people co-leading it, by the display name they chose.
    #[serde(default)]
    pub young_co_facilitators: Vec<String>,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    #[serde(default)]
    pub materials: Vec<Material>,
    /// How long before the start registered people get the agenda and materials.
    #[serde(default = "default_release_hours")]
    pub release_hours_before: u32,
    /// Also show the agenda and materials on the public page from then.
    #[serde(default)]
    pub release_publicly: bool,
    /// In a lounge space: take the event's seats from drop-in time, or close the
    /// lounge to drop-ins for it.
    #[serde(default)]
    pub lounge_use: LoungeUse,
}

/// How an event held in a lounge space shares it with drop-in time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LoungeUse {
    /// The event's seats (all of them if it has no limit) are taken from the lounge's
    /// drop-in capacity for its time.
    #[default]
    SharedSeats,
    /// The lounge is closed to drop-ins for the event; drop-in bookings then are
    /// cancelled and their holders told.
    Closed,
}

impl LoungeUse {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SharedSeats => "shared_seats",
            Self::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::SharedSeats, Self::Closed]
            .into_iter()
            .find(|use_| use_.as_str() == value)
    }
}

fn default_release_hours() -> u32 {
    72
}

/// An event as its organisers see it (`/api/staff/events`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffEvent {
    pub id: i64,
    pub status: EventStatus,
    #[serde(flatten)]
    pub input: EventInput,
    pub location: String,
    pub contact_name: String,
    /// The mentor leading it, who has no office hours meanwhile.
    pub lead_mentor: Option<String>,
    /// Uploaded materials, released with the agenda like the links.
    pub files: Vec<EventFile>,
    pub registered: u32,
    pub waitlisted: u32,
    pub walk_ins: u32,
    /// Registered people checked in at the door, plus walk-ins.
    pub attended: u32,
}

/// An uploaded material (a PDF or an image).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventFile {
    pub id: i64,
    pub title: String,
    pub content_type: String,
    pub byte_size: u32,
    /// Its unguessable address: whoever has it can read the file.
    pub url: String,
}

/// One registered or waitlisted person, as organisers see them: never an email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventAttendee {
    pub booking_id: i64,
    pub name: String,
    pub status: BookingStatus,
    pub waitlist_position: Option<u32>,
}

/// Who is coming (`GET /api/staff/events/{id}/registrations`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventRoster {
    /// Registered (confirmed, checked in or didn't make it), in the order they signed up.
    pub registered: Vec<EventAttendee>,
    /// Waiting, first in line first.
    pub waitlist: Vec<EventAttendee>,
    pub walk_ins: u32,
    pub attended: u32,
}

/// A staff member who can be named as an event's contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventContact {
    pub staff_id: i64,
    pub display_name: String,
}

/// `POST /api/events/{id}/questions`: a question for the event's contact, sent through
/// the agency. An email is only needed for an answer before the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEventQuestion {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    pub message: String,
}

/// A question as the event's organisers see it: never the asker's email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventQuestion {
    pub id: i64,
    pub name: String,
    pub message: String,
    #[serde(deserialize_with = "rfc3339::deserialize")]
    pub asked_at: DateTime<FixedOffset>,
    /// They left an email, so a reply can reach them.
    pub can_reply: bool,
    pub answered: bool,
}

/// `POST /api/staff/events/{id}/questions/{question_id}/reply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventQuestionReply {
    pub message: String,
}

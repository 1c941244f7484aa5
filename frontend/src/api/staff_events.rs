//! Staff endpoints for joint events: the events a mentor organises (admins: all), writing
//! and editing them, publishing, cancelling and completing, and the door (who's coming,
//! check-in, walk-ins), and the questions people asked with a reply by email. Also who
//! can be named as the contact person.

use shared::{
    EventContact, EventInput, EventQuestion, EventQuestionReply, EventRoster, StaffEvent,
};
use wasm_bindgen::JsValue;

use super::{get, post_empty, request, request_raw, ApiFailure, Method};

/// How the API writes a [`StaffEvent`], read without what the shared type's own
/// `Deserialize` would add to the download: serde's buffering for its flattened
/// [`EventInput`].
mod wire {
    use chrono::{DateTime, FixedOffset};
    use serde::Deserialize;
    use shared::{rfc3339, AgendaItem, EventFile, EventInput, EventStatus, LoungeUse, Material};

    #[derive(Deserialize)]
    pub struct StaffEvent {
        id: i64,
        status: EventStatus,
        title: String,
        #[serde(default)]
        summary: String,
        #[serde(default)]
        description: String,
        #[serde(deserialize_with = "rfc3339::deserialize")]
        start: DateTime<FixedOffset>,
        #[serde(deserialize_with = "rfc3339::deserialize")]
        end: DateTime<FixedOffset>,
        #[serde(default)]
        space_id: Option<i64>,
        #[serde(default)]
        place: Option<String>,
        #[serde(default)]
        capacity: Option<u32>,
        #[serde(default)]
        waitlist: bool,
        #[serde(default)]
        audience: String,
        #[serde(default)]
        contact_staff_id: Option<i64>,
        #[serde(default)]
        co_facilitator_mentor_ids: Vec<i64>,
        #[serde(default)]
        young_co_facilitators: Vec<String>,
        #[serde(default)]
        agenda: Vec<AgendaItem>,
        #[serde(default)]
        materials: Vec<Material>,
        release_hours_before: u32,
        #[serde(default)]
        release_publicly: bool,
        #[serde(default)]
        lounge_use: LoungeUse,
        location: String,
        contact_name: String,
        #[serde(default)]
        lead_mentor: Option<String>,
        #[serde(default)]
        files: Vec<EventFile>,
        registered: u32,
        waitlisted: u32,
        walk_ins: u32,
        attended: u32,
    }

    impl From<StaffEvent> for shared::StaffEvent {
        fn from(event: StaffEvent) -> Self {
            Self {
                id: event.id,
                status: event.status,
                input: EventInput {
                    title: event.title,
                    summary: event.summary,
                    description: event.description,
                    start: event.start,
                    end: event.end,
                    space_id: event.space_id,
                    place: event.place,
                    capacity: event.capacity,
                    waitlist: event.waitlist,
                    audience: event.audience,
                    contact_staff_id: event.contact_staff_id,
                    co_facilitator_mentor_ids: event.co_facilitator_mentor_ids,
                    young_co_facilitators: event.young_co_facilitators,
                    agenda: event.agenda,
                    materials: event.materials,
                    release_hours_before: event.release_hours_before,
                    release_publicly: event.release_publicly,
                    lounge_use: event.lounge_use,
                },
                location: event.location,
                contact_name: event.contact_name,
                lead_mentor: event.lead_mentor,
                files: event.files,
                registered: event.registered,
                waitlisted: event.waitlisted,
                walk_ins: event.walk_ins,
                attended: event.attended,
            }
        }
    }
}

/// The events this staff member organises (admins: every event), latest first.
pub async fn list_staff_events() -> Result<Vec<StaffEvent>, ApiFailure> {
    let events: Vec<wire::StaffEvent> = get("/api/staff/events").await?;
    Ok(events.into_iter().map(Into::into).collect())
}

pub async fn staff_event(id: i64) -> Result<StaffEvent, ApiFailure> {
    get::<wire::StaffEvent>(&format!("/api/staff/events/{id}"))
        .await
        .map(Into::into)
}

/// Saves a new event as a draft; a mentor who creates it leads it.
pub async fn create_event(input: &EventInput) -> Result<StaffEvent, ApiFailure> {
    request::<_, wire::StaffEvent>(Method::Post, "/api/staff/events", Some(input))
        .await
        .map(Into::into)
}

/// Replaces the whole event. A new time on a published event tells everyone.
pub async fn update_event(id: i64, input: &EventInput) -> Result<StaffEvent, ApiFailure> {
    request::<_, wire::StaffEvent>(Method::Put, &format!("/api/staff/events/{id}"), Some(input))
        .await
        .map(Into::into)
}

/// A change of state: `publish`, `cancel` or `complete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventAction {
    Publish,
    Cancel,
    Complete,
}

impl EventAction {
    fn path(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Cancel => "cancel",
            Self::Complete => "complete",
        }
    }
}

/// Publishes, cancels (everyone signed up is told) or completes the event.
pub async fn change_event(id: i64, action: EventAction) -> Result<StaffEvent, ApiFailure> {
    post_empty::<wire::StaffEvent>(&format!("/api/staff/events/{id}/{}", action.path()))
        .await
        .map(Into::into)
}

/// Who is coming: names only, never an email.
pub async fn event_roster(id: i64) -> Result<EventRoster, ApiFailure> {
    get(&format!("/api/staff/events/{id}/registrations")).await
}

/// Checks someone in at the door, or (`arrived: false`) undoes a check-in.
pub async fn check_in(id: i64, booking_id: i64, arrived: bool) -> Result<EventRoster, ApiFailure> {
    #[derive(serde::Serialize)]
    struct DoorCheckIn {
        arrived: bool,
    }
    request(
        Method::Put,
        &format!("/api/staff/events/{id}/registrations/{booking_id}/check-in"),
        Some(&DoorCheckIn { arrived }),
    )
    .await
}

/// Counts someone who came without signing up.
pub async fn add_walk_in(id: i64) -> Result<EventRoster, ApiFailure> {
    post_empty(&format!("/api/staff/events/{id}/walk-ins")).await
}

/// The questions people asked about the event, newest first; organisers only (403
/// otherwise). Never the asker's email.
pub async fn event_questions(id: i64) -> Result<Vec<EventQuestion>, ApiFailure> {
    get(&format!("/api/staff/events/{id}/questions")).await
}

/// Answers a question by email. 409 `no_address` when they left no email.
pub async fn reply_to_question(
    id: i64,
    question_id: i64,
    reply: &EventQuestionReply,
) -> Result<EventQuestion, ApiFailure> {
    request(
        Method::Post,
        &format!("/api/staff/events/{id}/questions/{question_id}/reply"),
        Some(reply),
    )
    .await
}

/// Staff who can be named as an event's contact person.
pub async fn event_contacts() -> Result<Vec<EventContact>, ApiFailure> {
    get("/api/staff/event-contacts").await
}

/// Uploads a material (a `File` from an `<input type="file">`) as it is, with its type:
/// a PDF, or a JPEG, PNG or WebP image.
pub async fn upload_file(
    id: i64,
    title: &str,
    file: &JsValue,
    content_type: &str,
) -> Result<StaffEvent, ApiFailure> {
    let title = String::from(js_sys::encode_uri_component(title));
    request_raw::<wire::StaffEvent>(
        Method::Put,
        &format!("/api/staff/events/{id}/files?title={title}"),
        file,
        content_type,
    )
    .await
    .map(Into::into)
}

pub async fn remove_file(id: i64, file_id: i64) -> Result<StaffEvent, ApiFailure> {
    request::<(), wire::StaffEvent>(
        Method::Delete,
        &format!("/api/staff/events/{id}/files/{file_id}"),
        None,
    )
    .await
    .map(Into::into)
}

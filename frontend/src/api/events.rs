//! Events for the public: the upcoming list, one event's page, and signing up for it.
//!
//! Events are read by hand rather than through serde: each type serde reads adds its own
//! copy of the field-matching code to the widget, and the five types here (with
//! `EventDetail`'s `#[serde(flatten)]`, which buffers the whole answer first) came to
//! about 4 KB gzipped, more than the room the widget has under its budget.

use chrono::{DateTime, FixedOffset};
use js_sys::{Array, Reflect};
use shared::{
    AgendaItem, Booking, EventDetail, EventSummary, Material, NewEventQuestion, NewRegistration,
};
use wasm_bindgen::{JsCast, JsValue};

use super::json::from_value;
use super::{get_value, post_for_value, request, ApiFailure, Method};

/// Published events that haven't ended, soonest first.
pub async fn list_events() -> Result<Vec<EventSummary>, ApiFailure> {
    let value = get_value("/api/events").await?;
    items(&value, summary_from).ok_or(UNREADABLE)
}

/// One published event; a 404 for one that is unknown or not published.
pub async fn find_event(event_id: i64) -> Result<EventDetail, ApiFailure> {
    let value = get_value(&format!("/api/events/{event_id}")).await?;
    detail_from(&value).ok_or(UNREADABLE)
}

/// Signs up for an event: a seat, or a place on its waitlist when it is full.
/// `attempt_key` makes a repeat safe, as for [`super::bookings::create_booking`].
///
/// Of the `EventRegistration` answer only its `booking` is read, like every booking: it
/// holds the rest (status, place in line, manage link).
pub async fn register(
    event_id: i64,
    registration: &NewRegistration,
    attempt_key: &str,
) -> Result<Booking, ApiFailure> {
    let value = post_for_value(
        &format!("/api/events/{event_id}/registrations"),
        registration,
        ("Idempotency-Key", attempt_key),
    )
    .await?;
    from_value(Fields(&value).get("booking")).map_err(|_| UNREADABLE)
}

/// Sends a question to the event's contact person, through the agency: `204 No Content`.
/// Only the manage page asks, so this stays out of the widget's own bundle.
pub async fn ask_question(event_id: i64, question: &NewEventQuestion) -> Result<(), ApiFailure> {
    let path = format!("/api/events/{event_id}/questions");
    request(Method::Post, &path, Some(question)).await
}

const UNREADABLE: ApiFailure = ApiFailure::Unexpected { status: Some(200) };

/// An [`EventSummary`] from the parsed JSON of one.
pub fn summary_from(value: &JsValue) -> Option<EventSummary> {
    let field = Fields(value);
    Some(EventSummary {
        id: field.number("id")? as i64,
        title: field.text("title")?,
        summary: field.text("summary")?,
        start: field.time("start")?,
        end: field.time("end")?,
        location: field.text("location")?,
        capacity: field.count_or_none("capacity")?,
        spots_left: field.count_or_none("spots_left")?,
        waitlist_open: field.get("waitlist_open").as_bool()?,
        contact_name: field.text("contact_name")?,
        co_facilitators: items(&field.get("co_facilitators"), JsValue::as_string)?,
        audience: field.text("audience").unwrap_or_default(),
    })
}

/// An [`EventDetail`] from the parsed JSON of one: the summary's fields and its own.
pub fn detail_from(value: &JsValue) -> Option<EventDetail> {
    let field = Fields(value);
    Some(EventDetail {
        summary: summary_from(value)?,
        description: field.text("description")?,
        materials_released_at: field.time("materials_released_at")?,
        agenda: field.list_or_none("agenda", |item| {
            let part = Fields(item);
            Some(AgendaItem {
                time: part.text("time").unwrap_or_default(),
                title: part.text("title")?,
                led_by: part.text("led_by").unwrap_or_default(),
            })
        })?,
        materials: field.list_or_none("materials", |item| {
            let material = Fields(item);
            Some(Material {
                title: material.text("title")?,
                url: material.text("url")?,
            })
        })?,
    })
}

/// The members of a parsed JSON object.
struct Fields<'a>(&'a JsValue);

impl Fields<'_> {
    fn get(&self, name: &str) -> JsValue {
        Reflect::get(self.0, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    fn text(&self, name: &str) -> Option<String> {
        self.get(name).as_string()
    }

    fn number(&self, name: &str) -> Option<f64> {
        self.get(name).as_f64()
    }

    /// An RFC 3339 time, as the API writes them.
    fn time(&self, name: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(&self.text(name)?).ok()
    }

    /// `Some(None)` for `null` or a missing member; `None` for anything but a count.
    fn count_or_none(&self, name: &str) -> Option<Option<u32>> {
        let value = self.get(name);
        if value.is_null_or_undefined() {
            return Some(None);
        }
        let count = value.as_f64()?;
        (count >= 0.0 && count.fract() == 0.0).then_some(Some(count as u32))
    }

    /// `Some(None)` for `null` or a missing member; `None` when an item can't be read.
    fn list_or_none<T>(
        &self,
        name: &str,
        read: impl Fn(&JsValue) -> Option<T>,
    ) -> Option<Option<Vec<T>>> {
        let value = self.get(name);
        if value.is_null_or_undefined() {
            return Some(None);
        }
        items(&value, read).map(Some)
    }
}

/// Each item of a JSON array, read by `read`; `None` for anything but an array of
/// readable items.
fn items<T>(value: &JsValue, read: impl Fn(&JsValue) -> Option<T>) -> Option<Vec<T>> {
    if !Array::is_array(value) {
        return None;
    }
    let mut read_items = Vec::new();
    // A plain loop: an iterator collected into `Option<Vec<_>>` is bigger code.
    for item in value.unchecked_ref::<Array>().iter() {
        read_items.push(read(&item)?);
    }
    Some(read_items)
}

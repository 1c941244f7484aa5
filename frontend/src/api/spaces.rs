//! The lounge spaces young people can drop in to: what they are like, whether they are
//! open right now, and their bookable slots.

use chrono::{DateTime, NaiveDate};
use js_sys::Reflect;
use shared::{SlotAvailability, Space, SpaceNow};
use wasm_bindgen::JsValue;

use super::{get, get_value, ApiFailure};

pub async fn list_spaces() -> Result<Vec<Space>, ApiFailure> {
    get("/api/spaces").await
}

/// Whether the space is open now and how many seats are free.
pub async fn space_now(space_id: i64) -> Result<SpaceNow, ApiFailure> {
    let value = get_value(&format!("/api/spaces/{space_id}/now")).await?;
    space_now_from(&value).ok_or(ApiFailure::Unexpected { status: Some(200) })
}

/// Reads [`SpaceNow`] by hand rather than through serde: its `closes_at` uses chrono's
/// general `Deserialize`, which would add chrono's whole format parser (about 7 KB
/// gzipped) to the widget for this one field.
pub fn space_now_from(value: &JsValue) -> Option<SpaceNow> {
    let field = |name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
    let closes_at = match field("closes_at")?.as_string() {
        Some(text) => Some(DateTime::parse_from_rfc3339(&text).ok()?),
        None => None,
    };
    Some(SpaceNow {
        open: field("open")?.as_bool()?,
        seats_free: field("seats_free")?.as_f64()? as u32,
        closes_at,
    })
}

/// Bookable slots from `from` to `to` (both included, the agency's dates, at most 31
/// days); full slots are listed with nothing available.
pub async fn list_slots(
    space_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SlotAvailability>, ApiFailure> {
    // `NaiveDate` displays as `YYYY-MM-DD`, which is what the API reads.
    get(&format!("/api/spaces/{space_id}/slots?from={from}&to={to}")).await
}

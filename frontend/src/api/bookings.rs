//! Booking a spot, and managing it by its secret link. The link's token only ever goes
//! into these API paths: never a title, a log, or another address.

use js_sys::{Function, Reflect, Uint8Array};
use shared::{Booking, NewBooking, Reschedule};
use wasm_bindgen::JsCast;

use super::{get, post_empty, request, request_with_header, ApiFailure, Method};

/// Books a spot. The answer is the only one that carries the manage link.
///
/// `attempt_key` names this booking attempt: sending the same booking again with the
/// same key (a double tap, a retry after the connection dropped) gets the first answer
/// back instead of a second booking.
pub async fn create_booking(
    booking: &NewBooking,
    attempt_key: &str,
) -> Result<Booking, ApiFailure> {
    request_with_header(
        Method::Post,
        "/api/bookings",
        Some(booking),
        ("Idempotency-Key", attempt_key),
    )
    .await
}

/// A new random key for [`create_booking`]: 32 hex characters.
pub fn new_attempt_key() -> String {
    let bytes = Uint8Array::new_with_length(16);
    // `crypto.getRandomValues` works on plain `http://` pages too, unlike `randomUUID`.
    let filled = web_sys::window()
        .and_then(|window| Reflect::get(&window, &"crypto".into()).ok())
        .filter(|crypto| crypto.is_object())
        .and_then(|crypto| {
            let fill = Reflect::get(&crypto, &"getRandomValues".into()).ok()?;
            fill.dyn_into::<Function>()
                .ok()?
                .call1(&crypto, &bytes)
                .ok()
        })
        .is_some();
    if !filled {
        // Uniqueness is all a key needs; a browser this old is rare.
        for index in 0..16 {
            bytes.set_index(index, (js_sys::Math::random() * 256.0) as u8);
        }
    }
    bytes
        .to_vec()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The booking behind a manage link, or a 404 for a wrong or expired link.
pub async fn find_booking(token: &str) -> Result<Booking, ApiFailure> {
    get(&manage_path(token)).await
}

/// Cancels the booking; cancelling twice is fine.
pub async fn cancel_booking(token: &str) -> Result<Booking, ApiFailure> {
    post_empty(&format!("{}/cancel", manage_path(token))).await
}

/// Moves the booking to another slot; when that slot is full it stays where it was.
pub async fn reschedule_booking(token: &str, to: &Reschedule) -> Result<Booking, ApiFailure> {
    request(
        Method::Post,
        &format!("{}/reschedule", manage_path(token)),
        Some(to),
    )
    .await
}

/// Where the booking's calendar file downloads from: "Add to calendar" is a plain link.
pub fn calendar_url(token: &str) -> String {
    format!("{}/calendar.ics", manage_path(token))
}

fn manage_path(token: &str) -> String {
    // Tokens are checked to be hex before they get here, so they need no escaping.
    format!("/api/bookings/manage/{token}")
}

//! Words and dates for people. Dates go through the browser's `Intl` (via `js_sys::Date`)
//! rather than chrono's formatter: it is already in every browser and knows the
//! reader's clock and habits, so it costs the download nothing.

use chrono::{DateTime, TimeZone};
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

/// "1 person", "12 people".
pub fn people(count: u32) -> String {
    match count {
        1 => "1 person".to_owned(),
        _ => format!("{count} people"),
    }
}

/// How many can still come to an event, in words.
pub fn seats_left(capacity: Option<u32>, seats_left: Option<u32>) -> String {
    match (capacity, seats_left) {
        (None, _) => "Open to everyone".to_owned(),
        (Some(_), Some(0)) => "No seats left".to_owned(),
        (Some(_), Some(1)) => "1 seat left".to_owned(),
        (Some(_), Some(seats)) => format!("{seats} seats left"),
        (Some(capacity), None) => format!("Up to {}", people(capacity)),
    }
}

/// "Saturday, June 14, 4:00 PM to 6:00 PM", in the reader's time zone; the end date
/// is repeated only when the event runs past midnight.
pub fn time_range<Tz: TimeZone>(start: &DateTime<Tz>, end: &DateTime<Tz>) -> String {
    let locale = display_locale();
    let day = options(&[("weekday", "long"), ("month", "long"), ("day", "numeric")]);
    let time = options(&[("hour", "numeric"), ("minute", "2-digit")]);
    let (start, end) = (js_date(start), js_date(end));

    let start_day = String::from(start.to_locale_date_string(&locale, &day));
    let end_day = String::from(end.to_locale_date_string(&locale, &day));
    let start_time = String::from(start.to_locale_string(&locale, &time));
    let end_time = String::from(end.to_locale_string(&locale, &time));

    if start_day == end_day {
        format!("{start_day}, {start_time} to {end_time}")
    } else {
        format!("{start_day}, {start_time} to {end_day}, {end_time}")
    }
}

/// "14 Jun 2030, 4:00 PM" (or the reader's own order), in the reader's time zone: for
/// lists where the weekday doesn't matter but the year might.
pub fn date_time<Tz: TimeZone>(instant: &DateTime<Tz>) -> String {
    let style = options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
    js_date(instant)
        .to_locale_string(&display_locale(), &style)
        .into()
}

/// A machine-readable instant for `<time datetime>`.
pub fn iso_datetime<Tz: TimeZone>(instant: &DateTime<Tz>) -> String {
    js_date(instant).to_iso_string().into()
}

fn js_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> Date {
    Date::new(&JsValue::from_f64(instant.timestamp_millis() as f64))
}

/// The reader's own English variant (en-GB writes "14 June"), falling back to plain
/// English so dates never switch language in the middle of an English page.
fn display_locale() -> String {
    web_sys::window()
        .and_then(|window| window.navigator().language())
        .filter(|language| language == "en" || language.starts_with("en-"))
        .unwrap_or_else(|| "en".to_owned())
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let options = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    options.into()
}

//! Words and dates for people. Dates go through the browser's `Intl` (via `js_sys::Date`)
//! rather than chrono's formatter: it is already in every browser and knows the
//! reader's clock and habits, so it costs the download nothing.
//!
//! Lounge times are shown on the lounge's own clock (the offset the server sends), not
//! converted to the reader's time zone: "4 pm" is when the doors are open, wherever the
//! phone thinks it is.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use js_sys::{Date, Object, Reflect};
use shared::{BookingStatus, SpaceNow};
use wasm_bindgen::JsValue;

/// "1 person", "12 people".
pub fn people(count: u32) -> String {
    match count {
        1 => "1 person".to_owned(),
        _ => format!("{count} people"),
    }
}

/// How many can still come to an event, in words, never by colour alone: "3 spots
/// left", "Full — join the waitlist", "Full", or "No limit on spots".
pub fn event_spots(capacity: Option<u32>, left: Option<u32>, waitlist_open: bool) -> String {
    match (capacity, left) {
        (None, _) => "No limit on spots".to_owned(),
        (Some(_), Some(0)) if waitlist_open => "Full — join the waitlist".to_owned(),
        (Some(_), Some(spots)) => spots_left(spots),
        (Some(capacity), None) => format!("Up to {}", people(capacity)),
    }
}

/// "Saturday, June 14, 4:00 PM to 6:00 PM", in the reader's time zone; the end date
/// is repeated only when the event runs past midnight.
pub fn time_range<Tz: TimeZone>(start: &DateTime<Tz>, end: &DateTime<Tz>) -> String {
    range_in_words(&js_date(start), &js_date(end), &[])
}

/// "Wednesday, June 18, 4:00 PM to 5:00 PM" on the lounge's own clock.
pub fn place_time_range(start: &DateTime<FixedOffset>, end: &DateTime<FixedOffset>) -> String {
    range_in_words(&wall_clock(start), &wall_clock(end), WALL_CLOCK)
}

/// "4:00 PM to 5:00 PM" on the lounge's own clock, for a slot under its day's heading.
pub fn clock_range(start: &DateTime<FixedOffset>, end: &DateTime<FixedOffset>) -> String {
    format!("{} to {}", clock_time(start), clock_time(end))
}

/// "4:00 PM" on the lounge's own clock.
pub fn clock_time(instant: &DateTime<FixedOffset>) -> String {
    wall_clock(instant)
        .to_locale_string(&display_locale(), &time_options(WALL_CLOCK))
        .into()
}

/// "Wednesday, June 18": a day at the lounge.
pub fn day_name(date: NaiveDate) -> String {
    let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    js_date(&noon)
        .to_locale_date_string(&display_locale(), &day_options(WALL_CLOCK))
        .into()
}

/// "Wednesday, June 18, 2027": a date whose year matters, such as when a screening
/// check runs out.
pub fn date_with_year(date: NaiveDate) -> String {
    let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    let style = options(
        &[
            ("weekday", "long"),
            ("year", "numeric"),
            ("month", "long"),
            ("day", "numeric"),
        ],
        WALL_CLOCK,
    );
    js_date(&noon)
        .to_locale_date_string(&display_locale(), &style)
        .into()
}

/// A slot's room in words, never by colour alone: "3 spots left", "1 spot left", "Full".
pub fn spots_left(available: u32) -> String {
    match available {
        0 => "Full".to_owned(),
        1 => "1 spot left".to_owned(),
        spots => format!("{spots} spots left"),
    }
}

/// "Open now · 5 seats free until 6:00 PM", or "Closed right now".
pub fn space_now(now: &SpaceNow) -> String {
    if !now.open {
        return "Closed right now".to_owned();
    }
    let seats = match now.seats_free {
        0 => return "Open now · Full right now".to_owned(),
        1 => "1 seat free".to_owned(),
        seats => format!("{seats} seats free"),
    };
    match &now.closes_at {
        Some(closes_at) => format!("Open now · {seats} until {}", clock_time(closes_at)),
        None => format!("Open now · {seats}"),
    }
}

/// Where a booking stands, in the words young people see: never "no-show".
pub fn booking_status(status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Confirmed => "You're booked",
        BookingStatus::Waitlisted => "You're on the waitlist",
        BookingStatus::Cancelled => "Cancelled",
        BookingStatus::Attended => "You came — thanks!",
        BookingStatus::DidntMakeIt => "Didn't make it",
    }
}

/// Where a booking stands, with its place in line when it is on an event's waitlist:
/// "You're number 2 on the waitlist".
pub fn booking_status_in_line(status: BookingStatus, waitlist_position: Option<u32>) -> String {
    match (status, waitlist_position) {
        (BookingStatus::Waitlisted, Some(position)) => {
            format!("You're number {position} on the waitlist")
        }
        _ => booking_status(status).to_owned(),
    }
}

fn range_in_words(start: &Date, end: &Date, zone: &[(&str, &str)]) -> String {
    let locale = display_locale();
    let (day, time) = (day_options(zone), time_options(zone));

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

fn day_options(zone: &[(&str, &str)]) -> JsValue {
    options(
        &[("weekday", "long"), ("month", "long"), ("day", "numeric")],
        zone,
    )
}

fn time_options(zone: &[(&str, &str)]) -> JsValue {
    options(&[("hour", "numeric"), ("minute", "2-digit")], zone)
}

/// "14 Jun 2030, 4:00 PM" (or the reader's own order), in the reader's time zone: for
/// lists where the weekday doesn't matter but the year might.
pub fn date_time<Tz: TimeZone>(instant: &DateTime<Tz>) -> String {
    let style = options(&[("dateStyle", "medium"), ("timeStyle", "short")], &[]);
    js_date(instant)
        .to_locale_string(&display_locale(), &style)
        .into()
}

/// The instant as the API writes it (RFC 3339, `Z` for UTC), for addresses and
/// `data-slot-start`: the same string the server sent.
pub fn api_time(instant: &DateTime<FixedOffset>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// A machine-readable instant for `<time datetime>`.
pub fn iso_datetime<Tz: TimeZone>(instant: &DateTime<Tz>) -> String {
    js_date(instant).to_iso_string().into()
}

fn js_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> Date {
    Date::new(&JsValue::from_f64(instant.timestamp_millis() as f64))
}

/// Formatting option for dates made by [`wall_clock`].
const WALL_CLOCK: &[(&str, &str)] = &[("timeZone", "UTC")];

/// The instant's own clock reading, as a `Date` that shows it when formatted in UTC:
/// `Intl` can't be handed a bare offset like `-04:00` in every browser we support.
fn wall_clock(instant: &DateTime<FixedOffset>) -> Date {
    js_date(&instant.naive_local().and_utc())
}

/// The reader's own English variant (en-GB writes "14 June"), falling back to plain
/// English so dates never switch language in the middle of an English page.
fn display_locale() -> String {
    web_sys::window()
        .and_then(|window| window.navigator().language())
        .filter(|language| language == "en" || language.starts_with("en-"))
        .unwrap_or_else(|| "en".to_owned())
}

fn options(pairs: &[(&str, &str)], zone: &[(&str, &str)]) -> JsValue {
    let options = Object::new();
    for (key, value) in pairs.iter().chain(zone) {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    options.into()
}

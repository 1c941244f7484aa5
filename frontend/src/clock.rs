//! The time now, from the browser's clock: chrono's own clock can't read it in wasm
//! without pulling in its JavaScript bindings.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today's date at a place `offset` from UTC.
pub fn today_at(offset: &FixedOffset) -> NaiveDate {
    now().with_timezone(offset).date_naive()
}

/// Today's date on the reader's own device.
pub fn local_today() -> NaiveDate {
    let today = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        today.get_full_year() as i32,
        today.get_month() + 1,
        today.get_date(),
    )
    .unwrap_or_else(|| now().date_naive())
}

/// Whether `start` is still ahead of us.
pub fn is_future(start: &DateTime<FixedOffset>) -> bool {
    *start > now()
}

/// A date as the API and `<input type="date">` write it: `2026-12-24`. Read by hand,
/// to keep chrono's general parser out of the download.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().split('-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|part| part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))?
            .parse::<u32>()
            .ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

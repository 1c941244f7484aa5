//! What the lounge pages check before sending: opening-hours rows, a space's details and
//! booking rules, a closure's times. The same rules as the server, kept apart from the
//! components so they can be tested alone. Problems are keyed like the API's `fields`,
//! so the server's answer and ours land next to the same inputs.

use chrono::{FixedOffset, NaiveDateTime, NaiveTime, TimeZone};
use shared::{
    AdminSpace, FieldErrors, NewClosure, NewSpace, OpeningHours, OpeningRule, UpdateSpace, Weekday,
};

use super::words::{minutes_in_words, weekday_name};
pub use crate::clock::parse_date;

/// Minutes since midnight of an `HH:MM` time (what `<input type="time">` gives), 00:00
/// to 23:59. Seconds, which some browsers add, are ignored.
pub fn parse_clock(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let (hours, minutes) = (parts.next()?, parts.next()?);
    let two_digits = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(hours) || !two_digits(minutes) || parts.next().is_some_and(|s| !two_digits(s)) {
        return None;
    }
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// `HH:MM`, as the API writes times.
pub fn format_clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
}

/// One opening window as it is being edited: the text of each input. `key` stays with
/// the row when others are added or removed, so the page keeps its inputs apart.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursRow {
    pub key: u32,
    pub weekday: Weekday,
    pub opens: String,
    pub closes: String,
    pub slot_minutes: String,
}

/// The API's field name for `field` of row `index`: `rules[2].closes`.
pub fn row_field(index: usize, field: &str) -> String {
    format!("rules[{index}].{field}")
}

/// The rows for the week the server holds, in its order.
pub fn rows_from_hours(hours: &OpeningHours) -> Vec<HoursRow> {
    hours
        .rules
        .iter()
        .zip(0..)
        .map(|(rule, key)| HoursRow {
            key,
            weekday: rule.weekday,
            opens: rule.opens.clone(),
            closes: rule.closes.clone(),
            slot_minutes: rule.slot_minutes.to_string(),
        })
        .collect()
}

/// A row to add: the day after the last row's, with the same times, so a week of equal
/// days is a few clicks. The first row is a weekday afternoon of hourly slots.
pub fn next_row(rows: &[HoursRow]) -> HoursRow {
    let key = rows.iter().map(|row| row.key + 1).max().unwrap_or(0);
    match rows.last() {
        Some(last) => HoursRow {
            key,
            weekday: Weekday::from_index((last.weekday.index() + 1) % 7).unwrap_or(Weekday::Mon),
            ..last.clone()
        },
        None => HoursRow {
            key,
            weekday: Weekday::Mon,
            opens: "15:00".to_owned(),
            closes: "19:00".to_owned(),
            slot_minutes: "60".to_owned(),
        },
    }
}

/// A window that checked out: its times in minutes since midnight.
struct Window {
    weekday: Weekday,
    opens: u32,
    closes: u32,
}

/// The week to send, or what to fix in which row. Checks what the server checks:
/// times, closing after opening, slots of at least 5 minutes that fit their window, and
/// no two windows of one day overlapping.
pub fn check_hours(rows: &[HoursRow]) -> Result<OpeningHours, FieldErrors> {
    check_windows(rows, SLOTS)
}

/// What each window is cut into, in words: one and many.
pub type Unit = (&'static str, &'static str);

/// A lounge's opening windows are cut into slots that several people book.
pub const SLOTS: Unit = ("slot", "slots");

/// A mentor's office hours are cut into sessions with one young person each.
pub const SESSIONS: Unit = ("session", "sessions");

/// [`check_hours`] for windows cut into `unit`s, which the messages name.
pub fn check_windows(rows: &[HoursRow], unit: Unit) -> Result<OpeningHours, FieldErrors> {
    let slot_message = || length_message(unit);
    let mut problems = FieldErrors::new();
    let mut problem = |index: usize, field: &str, message: String| {
        problems
            .entry(row_field(index, field))
            .or_default()
            .push(message);
    };
    let mut rules = Vec::with_capacity(rows.len());
    let mut windows: Vec<(usize, Window)> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let opens = parse_clock(&row.opens);
        let closes = parse_clock(&row.closes);
        if opens.is_none() {
            problem(
                index,
                "opens",
                "Enter an opening time, like 09:30.".to_owned(),
            );
        }
        if closes.is_none() {
            problem(
                index,
                "closes",
                "Enter a closing time, like 17:00.".to_owned(),
            );
        }
        let slot_minutes = row.slot_minutes.trim().parse::<u32>().ok();
        let (Some(opens), Some(closes)) = (opens, closes) else {
            if slot_minutes.is_none() {
                problem(index, "slot_minutes", slot_message());
            }
            continue;
        };
        if closes <= opens {
            problem(
                index,
                "closes",
                "Closing time must be after opening time.".to_owned(),
            );
            continue;
        }
        match slot_minutes {
            Some(minutes) if minutes >= 5 && minutes <= closes - opens => {
                rules.push(OpeningRule {
                    weekday: row.weekday,
                    opens: format_clock(opens),
                    closes: format_clock(closes),
                    slot_minutes: minutes,
                });
            }
            _ => problem(index, "slot_minutes", slot_message()),
        }
        if let Some((other, earlier)) = windows
            .iter()
            .find(|(_, w)| w.weekday == row.weekday && w.opens < closes && opens < w.closes)
        {
            problem(
                index,
                "opens",
                format!(
                    "This overlaps window {} ({} {} to {}). Windows on one day can't overlap.",
                    other + 1,
                    weekday_name(earlier.weekday),
                    format_clock(earlier.opens),
                    format_clock(earlier.closes),
                ),
            );
        }
        windows.push((
            index,
            Window {
                weekday: row.weekday,
                opens,
                closes,
            },
        ));
    }
    if problems.is_empty() {
        Ok(OpeningHours { rules })
    } else {
        Err(problems)
    }
}

fn length_message((one, _): Unit) -> String {
    format!("Enter the {one} length in minutes: at least 5, and no longer than the window.")
}

/// What a window gives young people to book: "4 slots of 1 hour.", with a warning when
/// the end doesn't fill a whole slot. `None` until the row makes sense.
pub fn window_summary(row: &HoursRow) -> Option<String> {
    window_summary_in(row, SLOTS)
}

/// [`window_summary`] in `unit`s: "4 sessions of 1 hour.".
pub fn window_summary_in(row: &HoursRow, (one, many): Unit) -> Option<String> {
    let opens = parse_clock(&row.opens)?;
    let closes = parse_clock(&row.closes)?;
    let slot = row.slot_minutes.trim().parse::<u32>().ok()?;
    if closes <= opens || slot < 5 || slot > closes - opens {
        return None;
    }
    let (count, left_over) = ((closes - opens) / slot, (closes - opens) % slot);
    let slots = match count {
        1 => format!("1 {one} of {}", minutes_in_words(slot)),
        count => format!("{count} {many} of {}", minutes_in_words(slot)),
    };
    Some(match left_over {
        0 => format!("{slots}."),
        minutes => format!(
            "{slots}. The last {} can't be booked: they don't make a whole {one}.",
            minutes_in_words(minutes)
        ),
    })
}

/// The text of each input of a space's form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpaceDraft {
    pub name: String,
    pub capacity: String,
    pub description: String,
    pub accessibility_notes: String,
    pub house_rules: String,
    pub min_notice_minutes: String,
    pub horizon_days: String,
    pub max_upcoming_per_email: String,
}

impl SpaceDraft {
    pub fn from_space(space: &AdminSpace) -> Self {
        Self {
            name: space.space.name.clone(),
            capacity: space.space.capacity.to_string(),
            description: space.space.description.clone(),
            accessibility_notes: space.space.accessibility_notes.clone(),
            house_rules: space.space.house_rules.clone(),
            min_notice_minutes: space.min_notice_minutes.to_string(),
            horizon_days: space.horizon_days.to_string(),
            max_upcoming_per_email: space.max_upcoming_per_email.to_string(),
        }
    }
}

/// The server's limits on each number.
pub const CAPACITY: (u32, u32) = (1, 500);
pub const MIN_NOTICE_MINUTES: (u32, u32) = (0, 7 * 24 * 60);
pub const HORIZON_DAYS: (u32, u32) = (1, 365);
pub const MAX_UPCOMING_PER_EMAIL: (u32, u32) = (1, 50);
const MAX_TEXT: usize = 2000;

/// A whole number from `min` to `max`, or a problem for `field`.
pub fn whole_number(
    problems: &mut FieldErrors,
    field: &str,
    text: &str,
    (min, max): (u32, u32),
) -> Option<u32> {
    match text.trim().parse::<u32>() {
        Ok(number) if (min..=max).contains(&number) => Some(number),
        _ => {
            problems.insert(
                field.to_owned(),
                vec![format!("Enter a whole number from {min} to {max}.")],
            );
            None
        }
    }
}

fn check_texts(problems: &mut FieldErrors, draft: &SpaceDraft) {
    let name = draft.name.trim().chars().count();
    if name == 0 || name > 80 {
        problems.insert(
            "name".to_owned(),
            vec!["Give the space a name of 1 to 80 characters.".to_owned()],
        );
    }
    for (field, text) in [
        ("description", &draft.description),
        ("accessibility_notes", &draft.accessibility_notes),
        ("house_rules", &draft.house_rules),
    ] {
        if text.chars().count() > MAX_TEXT {
            problems.insert(
                field.to_owned(),
                vec!["Keep this under 2,000 characters.".to_owned()],
            );
        }
    }
}

/// A new space to send (its booking rules start at the server's defaults).
pub fn check_new_space(draft: &SpaceDraft) -> Result<NewSpace, FieldErrors> {
    let mut problems = FieldErrors::new();
    check_texts(&mut problems, draft);
    let capacity = whole_number(&mut problems, "capacity", &draft.capacity, CAPACITY);
    match capacity {
        Some(capacity) if problems.is_empty() => Ok(NewSpace {
            name: draft.name.trim().to_owned(),
            capacity,
            description: draft.description.trim().to_owned(),
            accessibility_notes: draft.accessibility_notes.trim().to_owned(),
            house_rules: draft.house_rules.trim().to_owned(),
        }),
        _ => Err(problems),
    }
}

/// Every field of the form, as a change to send.
pub fn check_space_change(draft: &SpaceDraft) -> Result<UpdateSpace, FieldErrors> {
    let mut problems = FieldErrors::new();
    check_texts(&mut problems, draft);
    let capacity = whole_number(&mut problems, "capacity", &draft.capacity, CAPACITY);
    let min_notice_minutes = whole_number(
        &mut problems,
        "min_notice_minutes",
        &draft.min_notice_minutes,
        MIN_NOTICE_MINUTES,
    );
    let horizon_days = whole_number(
        &mut problems,
        "horizon_days",
        &draft.horizon_days,
        HORIZON_DAYS,
    );
    let max_upcoming_per_email = whole_number(
        &mut problems,
        "max_upcoming_per_email",
        &draft.max_upcoming_per_email,
        MAX_UPCOMING_PER_EMAIL,
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(UpdateSpace {
        name: Some(draft.name.trim().to_owned()),
        capacity,
        description: Some(draft.description.trim().to_owned()),
        accessibility_notes: Some(draft.accessibility_notes.trim().to_owned()),
        house_rules: Some(draft.house_rules.trim().to_owned()),
        min_notice_minutes,
        horizon_days,
        max_upcoming_per_email,
    })
}

/// A date and time as `<input type="datetime-local">` gives it: `2026-12-24T18:00`.
/// Read by hand, to keep chrono's format parser out of the download.
pub fn parse_local_datetime(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    let minutes = parse_clock(time)?;
    let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)?;
    Some(parse_date(date)?.and_time(time))
}

/// The closure to send, or what to fix. `offset_at` says how far from UTC the clock
/// was at a local time (it differs either side of a daylight-saving change).
pub fn check_closure(
    from: &str,
    to: &str,
    reason: &str,
    offset_at: impl Fn(NaiveDateTime) -> Option<FixedOffset>,
) -> Result<NewClosure, FieldErrors> {
    let mut problems = FieldErrors::new();
    let mut instant = |field: &str, text: &str, message: &str| {
        let instant = parse_local_datetime(text)
            .and_then(|local| offset_at(local)?.from_local_datetime(&local).single());
        if instant.is_none() {
            problems.insert(field.to_owned(), vec![message.to_owned()]);
        }
        instant
    };
    let from = instant(
        "from",
        from,
        "Enter when the closure starts: a date and a time.",
    );
    let to = instant("to", to, "Enter when the closure ends: a date and a time.");
    if let (Some(from), Some(to)) = (&from, &to) {
        if to <= from {
            problems.insert(
                "to".to_owned(),
                vec!["The closure must end after it starts.".to_owned()],
            );
        }
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        problems.insert(
            "reason".to_owned(),
            vec!["Give a reason of 1 to 200 characters, like \"Deep clean\".".to_owned()],
        );
    }
    match (from, to) {
        (Some(from), Some(to)) if problems.is_empty() => Ok(NewClosure {
            from,
            to,
            reason: reason.to_owned(),
        }),
        _ => Err(problems),
    }
}

/// The offset from UTC of the clock in the IANA `zone` at a local time there, from the
/// browser's own time-zone data (no tz database in our bundle). In a spring-forward gap,
/// where the local time does not exist, it gives the offset from before the change.
pub fn zone_offset(zone: &str, local: NaiveDateTime) -> Option<FixedOffset> {
    let as_if_utc = local.and_utc().timestamp_millis() as f64;
    let first = zone_offset_at(zone, as_if_utc)?;
    let instant = as_if_utc - f64::from(first.local_minus_utc()) * 1000.0;
    let second = zone_offset_at(zone, instant)?;
    if second == first {
        return Some(first);
    }
    let instant = as_if_utc - f64::from(second.local_minus_utc()) * 1000.0;
    let third = zone_offset_at(zone, instant)?;
    Some(if third == second { second } else { first })
}

/// Today's date on the clock of the IANA `zone`.
pub fn today_in_zone(zone: &str) -> Option<chrono::NaiveDate> {
    let offset = zone_offset_at(zone, js_sys::Date::now())?;
    Some(crate::clock::today_at(&offset))
}

/// Today on the agency's clock, which the server checks typed dates against: the zone
/// `/api/health` names, or the device's date if that can't be read.
pub async fn agency_today() -> chrono::NaiveDate {
    crate::api::health::fetch_health()
        .await
        .ok()
        .and_then(|health| health.timezone)
        .as_deref()
        .and_then(today_in_zone)
        .unwrap_or_else(crate::clock::local_today)
}

/// The offset in `zone` at an instant (milliseconds since 1970), read from
/// `Intl.DateTimeFormat`'s `longOffset` name, e.g. "GMT-05:00" (or "GMT" for zero).
fn zone_offset_at(zone: &str, millis: f64) -> Option<FixedOffset> {
    use wasm_bindgen::JsCast;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
    js_sys::Reflect::set(&options, &"timeZoneName".into(), &"longOffset".into()).ok()?;
    let locales = js_sys::Array::of1(&"en-US".into());
    // Constructed through Reflect, which turns the RangeError an unknown zone throws
    // into an Err instead of a trap.
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function = js_sys::Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let format: js_sys::Intl::DateTimeFormat =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&locales, &options))
            .ok()?
            .dyn_into()
            .ok()?;
    let parts = format.format_to_parts(&js_sys::Date::new(&millis.into()));
    let name = parts.iter().find_map(|part| {
        let kind = js_sys::Reflect::get(&part, &"type".into())
            .ok()?
            .as_string()?;
        (kind == "timeZoneName")
            .then(|| {
                js_sys::Reflect::get(&part, &"value".into())
                    .ok()?
                    .as_string()
            })
            .flatten()
    })?;
    parse_gmt_offset(&name)
}

/// "GMT", "GMT+01:00", "GMT-05:30" as an offset.
pub fn parse_gmt_offset(name: &str) -> Option<FixedOffset> {
    let rest = name.strip_prefix("GMT")?;
    if rest.is_empty() {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match rest.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
    let seconds = hours.parse::<i32>().ok()? * 3600 + minutes.parse::<i32>().ok()? * 60;
    FixedOffset::east_opt(sign * seconds)
}

/// The offset of this device's clock at a local time, from the browser (which knows the
/// device's time zone and its daylight-saving rules).
pub fn device_offset(local: NaiveDateTime) -> Option<FixedOffset> {
    use chrono::{Datelike, Timelike};
    let date = js_sys::Date::new_with_year_month_day_hr_min(
        u32::try_from(local.year()).ok()?,
        i32::try_from(local.month0()).ok()?,
        i32::try_from(local.day()).ok()?,
        i32::try_from(local.hour()).ok()?,
        i32::try_from(local.minute()).ok()?,
    );
    let minutes_behind_utc = date.get_timezone_offset();
    if minutes_behind_utc.is_nan() {
        return None;
    }
    FixedOffset::west_opt(minutes_behind_utc as i32 * 60)
}

//! What the mentoring pages check before sending: a mentor's profile, photo, office
//! hours, days off and limits, a check-in after a session, and a supervisor's screening
//! date and extra session. Kept apart from the components so they can be tested alone;
//! problems are keyed like the API's `fields`, so ours and the server's land in the
//! same place.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use shared::{
    CheckIn, FieldErrors, MeetingPlace, MentorLimits, MentorOfficeHours, NewLimitOverride,
    SessionOutcome, UpdateMentorProfile,
};

use super::lounge::{
    check_windows, format_clock, parse_clock, parse_local_datetime, whole_number, HoursRow,
    SESSIONS,
};
use crate::clock::parse_date;

/// "English, Spanish" as a list: trimmed, empty parts dropped, and the same word twice
/// (in any case) kept once.
pub fn split_list(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in text
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        if !items.iter().any(|seen| seen.eq_ignore_ascii_case(item)) {
            items.push(item.to_owned());
        }
    }
    items
}

/// A list as the comma-separated text [`split_list`] reads.
pub fn join_list(items: &[String]) -> String {
    items.join(", ")
}

/// The profile form as it is being edited: lists typed as text stay text until sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileDraft {
    pub display_name: String,
    pub pronouns: String,
    pub title: String,
    pub bio: String,
    pub topics: Vec<String>,
    pub languages: String,
    pub interests: String,
    pub meets: Vec<MeetingPlace>,
    pub published: bool,
}

impl ProfileDraft {
    pub fn from_profile(profile: &UpdateMentorProfile) -> Self {
        Self {
            display_name: profile.display_name.clone(),
            pronouns: profile.pronouns.clone().unwrap_or_default(),
            title: profile.title.clone(),
            bio: profile.bio.clone(),
            topics: profile.topics.clone(),
            languages: join_list(&profile.languages),
            interests: join_list(&profile.interests),
            meets: profile.meets.clone(),
            published: profile.published,
        }
    }
}

/// Ticks or unticks `item`, keeping the order of `all` (the order on the page).
pub fn toggle_in<T: PartialEq + Clone>(selected: &[T], item: &T, all: &[T]) -> Vec<T> {
    let ticked = !selected.contains(item);
    all.iter()
        .filter(|each| {
            if *each == item {
                ticked
            } else {
                selected.contains(each)
            }
        })
        .cloned()
        .collect()
}

/// The profile to send, or what to fix. The server checks the rest (lengths, a title
/// from the list, topics from the agency's list).
pub fn check_profile(draft: &ProfileDraft) -> Result<UpdateMentorProfile, FieldErrors> {
    let mut problems = FieldErrors::new();
    let display_name = draft.display_name.trim();
    if display_name.is_empty() {
        problems.insert(
            "display_name".to_owned(),
            vec!["Enter the name young people will see: your first name or a nickname.".to_owned()],
        );
    }
    if draft.title.trim().is_empty() {
        problems.insert(
            "title".to_owned(),
            vec!["Choose a title from the list.".to_owned()],
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let pronouns = draft.pronouns.trim();
    Ok(UpdateMentorProfile {
        display_name: display_name.to_owned(),
        pronouns: (!pronouns.is_empty()).then(|| pronouns.to_owned()),
        title: draft.title.trim().to_owned(),
        bio: draft.bio.trim().to_owned(),
        topics: draft.topics.clone(),
        languages: split_list(&draft.languages),
        interests: split_list(&draft.interests),
        meets: MeetingPlace::ALL
            .into_iter()
            .filter(|place| draft.meets.contains(place))
            .collect(),
        published: draft.published,
    })
}

/// The largest photo the server takes: 2 MB.
pub const PHOTO_MAX_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

/// The kinds of photo the server takes, as the file input's `accept` lists them.
pub const PHOTO_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// What is wrong with a picked photo of `size` bytes and `content_type`, if anything.
pub fn photo_problem(size: f64, content_type: &str) -> Option<&'static str> {
    if !PHOTO_TYPES.contains(&content_type) {
        Some("That file isn't a photo we can use. Choose a JPEG, PNG or WebP image.")
    } else if size > PHOTO_MAX_BYTES {
        Some("That photo is bigger than 2 MB. Choose a smaller one, or save it smaller first.")
    } else if size <= 0.0 {
        Some("That file is empty. Choose another photo.")
    } else {
        None
    }
}

/// One day off as it is being edited. `key` stays with the row when others come and go.
#[derive(Debug, Clone, PartialEq)]
pub struct DayOffRow {
    pub key: u32,
    pub date: String,
}

/// The API's field name for day off `index`: `days_off[1]`.
pub fn day_off_field(index: usize) -> String {
    format!("days_off[{index}]")
}

pub fn day_off_rows(days_off: &[NaiveDate]) -> Vec<DayOffRow> {
    days_off
        .iter()
        .zip(0..)
        .map(|(date, key)| DayOffRow {
            key,
            date: date.to_string(),
        })
        .collect()
}

/// Where a mentor meets young people: a lounge space, or a room named in words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Place {
    pub space_id: Option<i64>,
    pub room: String,
}

/// The office hours to send, or what to fix: the windows (checked like opening hours,
/// in sessions), where, and each day off. Days off are sent in order, each once.
pub fn check_office_hours(
    rows: &[HoursRow],
    place: &Place,
    days_off: &[DayOffRow],
) -> Result<MentorOfficeHours, FieldErrors> {
    let (rules, mut problems) = match check_windows(rows, SESSIONS) {
        Ok(hours) => (hours.rules, FieldErrors::new()),
        Err(problems) => (Vec::new(), problems),
    };
    let room = place.room.trim();
    if place.space_id.is_none() && room.is_empty() && !rows.is_empty() {
        problems.insert(
            "room".to_owned(),
            vec![
                "Say where young people will find you, like \u{201c}Room 2, first floor\u{201d}."
                    .to_owned(),
            ],
        );
    }
    if room.chars().count() > 200 {
        problems.insert(
            "room".to_owned(),
            vec!["Keep this under 200 characters.".to_owned()],
        );
    }
    let mut dates: Vec<NaiveDate> = Vec::new();
    for (index, row) in days_off.iter().enumerate() {
        match parse_date(&row.date) {
            Some(date) => dates.push(date),
            None => {
                problems.insert(
                    day_off_field(index),
                    vec!["Enter a date, or remove this day off.".to_owned()],
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    dates.sort_unstable();
    dates.dedup();
    Ok(MentorOfficeHours {
        rules,
        space_id: place.space_id,
        room: if place.space_id.is_some() {
            String::new()
        } else {
            room.to_owned()
        },
        days_off: dates,
    })
}

/// The limits form as it is being edited. Empty number fields mean "no limit".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LimitsDraft {
    pub max_sessions_per_day: String,
    pub max_sessions_per_week: String,
    pub buffer_minutes: String,
    pub no_sessions_after: String,
    pub on_break: bool,
    pub break_until: String,
}

impl LimitsDraft {
    pub fn from_limits(limits: &MentorLimits) -> Self {
        let number = |value: Option<u32>| value.map(|n| n.to_string()).unwrap_or_default();
        Self {
            max_sessions_per_day: number(limits.max_sessions_per_day),
            max_sessions_per_week: number(limits.max_sessions_per_week),
            buffer_minutes: limits.buffer_minutes.to_string(),
            no_sessions_after: limits.no_sessions_after.clone().unwrap_or_default(),
            on_break: limits.on_break,
            break_until: limits
                .break_until
                .map(|date| date.to_string())
                .unwrap_or_default(),
        }
    }
}

/// The bounds we ask for; the server has the last word.
pub const SESSIONS_PER_DAY: (u32, u32) = (1, 24);
pub const SESSIONS_PER_WEEK: (u32, u32) = (1, 100);
pub const BUFFER_MINUTES: (u32, u32) = (0, 240);

/// The limits to send, or what to fix. A last day of a break only counts while on one.
pub fn check_limits(draft: &LimitsDraft) -> Result<MentorLimits, FieldErrors> {
    let mut problems = FieldErrors::new();
    let mut optional = |field: &str, text: &str, bounds| {
        if text.trim().is_empty() {
            None
        } else {
            whole_number(&mut problems, field, text, bounds)
        }
    };
    let per_day = optional(
        "max_sessions_per_day",
        &draft.max_sessions_per_day,
        SESSIONS_PER_DAY,
    );
    let per_week = optional(
        "max_sessions_per_week",
        &draft.max_sessions_per_week,
        SESSIONS_PER_WEEK,
    );
    let buffer = if draft.buffer_minutes.trim().is_empty() {
        Some(0)
    } else {
        whole_number(
            &mut problems,
            "buffer_minutes",
            &draft.buffer_minutes,
            BUFFER_MINUTES,
        )
    };
    if let (Some(day), Some(week)) = (per_day, per_week) {
        if week < day {
            problems.insert(
                "max_sessions_per_week".to_owned(),
                vec![format!(
                    "A week can't hold fewer sessions than a day: make this {day} or more, \
                     or leave it empty."
                )],
            );
        }
    }
    let no_sessions_after = match draft.no_sessions_after.trim() {
        "" => None,
        text => match parse_clock(text) {
            Some(minutes) => Some(format_clock(minutes)),
            None => {
                problems.insert(
                    "no_sessions_after".to_owned(),
                    vec!["Enter a time like 18:00, or leave it empty.".to_owned()],
                );
                None
            }
        },
    };
    let break_until = match (draft.on_break, draft.break_until.trim()) {
        (false, _) | (true, "") => None,
        (true, text) => {
            let date = parse_date(text);
            if date.is_none() {
                problems.insert(
                    "break_until".to_owned(),
                    vec!["Enter a date, or leave it empty if you're not sure yet.".to_owned()],
                );
            }
            date
        }
    };
    match buffer {
        Some(buffer_minutes) if problems.is_empty() => Ok(MentorLimits {
            max_sessions_per_day: per_day,
            max_sessions_per_week: per_week,
            buffer_minutes,
            no_sessions_after,
            on_break: draft.on_break,
            break_until,
        }),
        _ => Err(problems),
    }
}

/// The check-in form as it is being filled in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckInDraft {
    pub outcome: Option<SessionOutcome>,
    pub rating: Option<u8>,
    pub wants_support: bool,
    pub note: String,
}

impl CheckInDraft {
    pub fn from_check_in(check_in: &CheckIn) -> Self {
        Self {
            outcome: Some(check_in.outcome),
            rating: check_in.rating,
            wants_support: check_in.wants_support,
            note: check_in.note.clone(),
        }
    }
}

/// The check-in to send, or what to fix: only whether it happened is needed.
pub fn check_check_in(draft: &CheckInDraft) -> Result<CheckIn, FieldErrors> {
    let mut problems = FieldErrors::new();
    if draft.outcome.is_none() {
        problems.insert(
            "outcome".to_owned(),
            vec!["Choose whether the session happened.".to_owned()],
        );
    }
    if draft.note.chars().count() > 2000 {
        problems.insert(
            "note".to_owned(),
            vec!["Keep your note under 2,000 characters.".to_owned()],
        );
    }
    match draft.outcome {
        Some(outcome) if problems.is_empty() => Ok(CheckIn {
            outcome,
            rating: draft.rating.filter(|rating| (1..=5).contains(rating)),
            wants_support: draft.wants_support,
            note: draft.note.trim().to_owned(),
        }),
        _ => Err(problems),
    }
}

/// A screening date from a date input.
pub fn check_screening_date(text: &str) -> Result<NaiveDate, FieldErrors> {
    parse_date(text).ok_or_else(|| {
        FieldErrors::from([(
            "screening_valid_until".to_owned(),
            vec!["Enter the date the screening check is valid until.".to_owned()],
        )])
    })
}

/// An extra session to approve, from a date-and-time input read on the agency's clock.
/// `offset_at` says how far from UTC that clock is at a local time.
pub fn check_extra_session(
    text: &str,
    offset_at: impl Fn(NaiveDateTime) -> Option<FixedOffset>,
) -> Result<NewLimitOverride, FieldErrors> {
    parse_local_datetime(text)
        .and_then(|local| offset_at(local)?.from_local_datetime(&local).single())
        .map(|start| NewLimitOverride { start })
        .ok_or_else(|| {
            FieldErrors::from([(
                "start".to_owned(),
                vec!["Enter the date and start time of the session.".to_owned()],
            )])
        })
}

//! What the event pages check before sending, and say in words: the editor's draft
//! (times on the lounge's clock, where, seats, co-facilitators, agenda and materials),
//! an event's state and seats, and what cancelling it means. Kept apart from the
//! components so they can be tested alone; problems are keyed like the API's `fields`
//! (rows as `agenda[2].title`), so ours and the server's land next to the same inputs.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone, Timelike, Utc};
use shared::{
    AgendaItem, DisplayName, EventInput, EventStatus, FieldErrors, LoungeUse, Material, StaffEvent,
};

use super::lounge::{format_clock, parse_clock, parse_local_datetime};
use super::mentoring::{join_list, split_list};
use super::words::{count_of, minutes_in_words};
use shared::form_checks::add;

/// The server's limits.
pub const TITLE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 280;
pub const DESCRIPTION_MAX: usize = 5000;
pub const AUDIENCE_MAX: usize = 120;
pub const PLACE_MAX: usize = 200;
pub const LED_BY_MAX: usize = 60;
pub const URL_MAX: usize = 500;
pub const MAX_AGENDA_ITEMS: usize = 30;
pub const MAX_MATERIALS: usize = 20;
pub const MAX_CO_FACILITATORS: usize = 10;
pub const CAPACITY: (u32, u32) = (1, 10_000);
/// How many days ahead the agenda can go out: a month at most.
pub const RELEASE_DAYS: (u32, u32) = (0, 30);
/// Three days, unless the organiser says otherwise.
pub const DEFAULT_RELEASE_DAYS: u32 = 3;
const MAX_DAYS_LONG: i64 = 7;

/// One agenda item as it is being edited. `key` stays with the row when others are
/// added, removed or moved, so Yew keeps each row's inputs apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgendaRow {
    pub key: u32,
    pub time: String,
    pub title: String,
    pub led_by: String,
}

/// One material (a link) as it is being edited.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MaterialRow {
    pub key: u32,
    pub title: String,
    pub url: String,
}

/// The editor as it is being filled in: the text of every input.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub title: String,
    pub summary: String,
    pub description: String,
    /// `YYYY-MM-DDTHH:MM` on the lounge's clock, as `<input type="datetime-local">` has it.
    pub start: String,
    pub end: String,
    /// A lounge space, or (`None`) the place in words.
    pub space_id: Option<i64>,
    pub place: String,
    /// In a lounge space: share its seats with drop-ins, or close it to them.
    pub lounge_use: LoungeUse,
    /// Empty: no seat limit.
    pub capacity: String,
    pub waitlist: bool,
    pub audience: String,
    pub contact_staff_id: Option<i64>,
    /// Co-facilitating mentors, in the order they were ticked.
    pub mentor_ids: Vec<i64>,
    /// Young co-facilitators' names, separated by commas.
    pub young_co_facilitators: String,
    pub agenda: Vec<AgendaRow>,
    pub materials: Vec<MaterialRow>,
    pub release_days: String,
    /// The saved hours when they aren't whole days, kept until the days are edited.
    pub saved_release_hours: Option<u32>,
    pub release_publicly: bool,
}

impl EventDraft {
    /// A new event: the organiser as its contact, the agenda out 3 days ahead.
    pub fn new(contact_staff_id: Option<i64>) -> Self {
        Self {
            title: String::new(),
            summary: String::new(),
            description: String::new(),
            start: String::new(),
            end: String::new(),
            space_id: None,
            place: String::new(),
            lounge_use: LoungeUse::default(),
            capacity: String::new(),
            waitlist: false,
            audience: String::new(),
            contact_staff_id,
            mentor_ids: Vec::new(),
            young_co_facilitators: String::new(),
            agenda: Vec::new(),
            materials: Vec::new(),
            release_days: DEFAULT_RELEASE_DAYS.to_string(),
            saved_release_hours: None,
            release_publicly: false,
        }
    }

    /// The editor filled in from the event as saved.
    pub fn from_event(event: &StaffEvent) -> Self {
        let input = &event.input;
        let hours = input.release_hours_before;
        Self {
            title: input.title.clone(),
            summary: input.summary.clone(),
            description: input.description.clone(),
            start: local_input_value(&input.start),
            end: local_input_value(&input.end),
            space_id: input.space_id,
            place: input.place.clone().unwrap_or_default(),
            lounge_use: input.lounge_use,
            capacity: input
                .capacity
                .map(|seats| seats.to_string())
                .unwrap_or_default(),
            waitlist: input.waitlist,
            audience: input.audience.clone(),
            contact_staff_id: input.contact_staff_id,
            mentor_ids: input.co_facilitator_mentor_ids.clone(),
            young_co_facilitators: join_list(&input.young_co_facilitators),
            agenda: input
                .agenda
                .iter()
                .zip(0..)
                .map(|(item, key)| AgendaRow {
                    key,
                    time: item.time.clone(),
                    title: item.title.clone(),
                    led_by: item.led_by.clone(),
                })
                .collect(),
            materials: input
                .materials
                .iter()
                .zip(0..)
                .map(|(material, key)| MaterialRow {
                    key,
                    title: material.title.clone(),
                    url: material.url.clone(),
                })
                .collect(),
            release_days: ((hours + 12) / 24).to_string(),
            saved_release_hours: (!hours.is_multiple_of(24)).then_some(hours),
            release_publicly: input.release_publicly,
        }
    }
}

/// An instant as `<input type="datetime-local">` shows it, on its own clock (the API
/// sends events on the lounge's): `2026-12-24T18:00`.
pub fn local_input_value(instant: &DateTime<FixedOffset>) -> String {
    let local = instant.naive_local();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// The API's field name for `part` of agenda item `index`: `agenda[2].title`.
pub fn agenda_field(index: usize, part: &str) -> String {
    format!("agenda[{index}].{part}")
}

/// The API's field name for `part` of material `index`: `materials[0].url`.
pub fn material_field(index: usize, part: &str) -> String {
    format!("materials[{index}].{part}")
}

/// A key no row has yet.
pub fn next_key<T>(rows: &[T], key: impl Fn(&T) -> u32) -> u32 {
    rows.iter().map(|row| key(row) + 1).max().unwrap_or(0)
}

/// The rows with row `index` swapped with the one above (`up`) or below; unchanged when
/// there is none.
pub fn move_row<T: Clone>(rows: &[T], index: usize, up: bool) -> Vec<T> {
    let mut rows = rows.to_vec();
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    if let Some(other) = other.filter(|other| *other < rows.len() && index < rows.len()) {
        rows.swap(index, other);
    }
    rows
}

/// Trimmed text of at most `max` characters; with `required`, the message for none.
fn limited(
    problems: &mut FieldErrors,
    field: &str,
    text: &str,
    max: usize,
    required: Option<&str>,
) -> String {
    let text = text.trim();
    match required {
        Some(message) if text.is_empty() => add(problems, field, message),
        _ if text.chars().count() > max => add(
            problems,
            field,
            format!("Keep this to {max} characters or fewer."),
        ),
        _ => {}
    }
    text.to_owned()
}

/// The event to send, or what to fix. `offset_at` says how far from UTC the lounge's
/// clock is at a local time (it differs either side of a daylight-saving change).
pub fn check_event(
    draft: &EventDraft,
    offset_at: impl Fn(NaiveDateTime) -> Option<FixedOffset>,
) -> Result<EventInput, FieldErrors> {
    let mut problems = FieldErrors::new();
    let title = limited(
        &mut problems,
        "title",
        &draft.title,
        TITLE_MAX,
        Some("Give the event a title."),
    );
    let summary = limited(&mut problems, "summary", &draft.summary, SUMMARY_MAX, None);
    let description = limited(
        &mut problems,
        "description",
        &draft.description,
        DESCRIPTION_MAX,
        None,
    );

    let mut instant = |field: &str, text: &str, message: &str| {
        let instant = parse_local_datetime(text)
            .and_then(|local| offset_at(local)?.from_local_datetime(&local).single());
        if instant.is_none() {
            add(&mut problems, field, message);
        }
        instant
    };
    let start = instant(
        "start",
        &draft.start,
        "Enter when it starts: a date and a time.",
    );
    let end = instant("end", &draft.end, "Enter when it ends: a date and a time.");
    if let (Some(start), Some(end)) = (&start, &end) {
        if end <= start {
            add(&mut problems, "end", "The event must end after it starts.");
        } else if *end - *start > chrono::Duration::days(MAX_DAYS_LONG) {
            add(&mut problems, "end", "An event can last at most 7 days.");
        }
    }

    let place = match draft.space_id {
        Some(_) => None,
        None => {
            let place = limited(
                &mut problems,
                "place",
                &draft.place,
                PLACE_MAX,
                Some("Say where it is: choose a lounge space, or type the place."),
            );
            Some(place)
        }
    };

    let capacity = match draft.capacity.trim() {
        "" => None,
        text => match text.parse::<u32>() {
            Ok(seats) if (CAPACITY.0..=CAPACITY.1).contains(&seats) => Some(seats),
            _ => {
                add(
                    &mut problems,
                    "capacity",
                    "Enter a number of seats from 1 to 10,000, or leave it empty for no limit.",
                );
                None
            }
        },
    };
    let audience = limited(
        &mut problems,
        "audience",
        &draft.audience,
        AUDIENCE_MAX,
        None,
    );

    let mut young = Vec::new();
    for name in split_list(&draft.young_co_facilitators) {
        match DisplayName::parse(&name) {
            Ok(name) => young.push(name.as_str().to_owned()),
            Err(problem) => add(
                &mut problems,
                "young_co_facilitators",
                format!("\u{201c}{name}\u{201d}: {problem}"),
            ),
        }
    }
    if draft.mentor_ids.len() + young.len() > MAX_CO_FACILITATORS {
        add(
            &mut problems,
            "co_facilitators",
            format!("At most {MAX_CO_FACILITATORS} co-facilitators."),
        );
    }

    if draft.agenda.len() > MAX_AGENDA_ITEMS {
        add(
            &mut problems,
            "agenda",
            format!("At most {MAX_AGENDA_ITEMS} agenda items."),
        );
    }
    let mut agenda = Vec::with_capacity(draft.agenda.len());
    for (index, row) in draft.agenda.iter().enumerate() {
        let time = match row.time.trim() {
            "" => String::new(),
            text => match parse_clock(text) {
                Some(minutes) => format_clock(minutes),
                None => {
                    add(
                        &mut problems,
                        &agenda_field(index, "time"),
                        "Enter a time like 18:30, or leave it empty.",
                    );
                    String::new()
                }
            },
        };
        agenda.push(AgendaItem {
            time,
            title: limited(
                &mut problems,
                &agenda_field(index, "title"),
                &row.title,
                TITLE_MAX,
                Some("Say what happens, like \u{201c}Welcome and snacks\u{201d}, or remove this item."),
            ),
            led_by: limited(
                &mut problems,
                &agenda_field(index, "led_by"),
                &row.led_by,
                LED_BY_MAX,
                None,
            ),
        });
    }

    if draft.materials.len() > MAX_MATERIALS {
        add(
            &mut problems,
            "materials",
            format!("At most {MAX_MATERIALS} materials."),
        );
    }
    let mut materials = Vec::with_capacity(draft.materials.len());
    for (index, row) in draft.materials.iter().enumerate() {
        let title = limited(
            &mut problems,
            &material_field(index, "title"),
            &row.title,
            TITLE_MAX,
            Some("Name this material, like \u{201c}Agenda (PDF)\u{201d}, or remove it."),
        );
        let url = row.url.trim();
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !web || url.len() > URL_MAX || url.chars().any(char::is_whitespace) {
            add(
                &mut problems,
                &material_field(index, "url"),
                "Enter a web address starting with https://.",
            );
        }
        materials.push(Material {
            title,
            url: url.to_owned(),
        });
    }

    let release_hours_before = match draft.saved_release_hours {
        Some(hours) => Some(hours),
        None => match draft.release_days.trim().parse::<u32>() {
            Ok(days) if (RELEASE_DAYS.0..=RELEASE_DAYS.1).contains(&days) => Some(days * 24),
            _ => {
                add(
                    &mut problems,
                    "release_hours_before",
                    "Enter a number of days from 0 to 30.",
                );
                None
            }
        },
    };

    match (start, end, release_hours_before) {
        (Some(start), Some(end), Some(release_hours_before)) if problems.is_empty() => {
            Ok(EventInput {
                title,
                summary,
                description,
                start,
                end,
                space_id: draft.space_id,
                place,
                capacity,
                waitlist: draft.waitlist && capacity.is_some(),
                audience,
                contact_staff_id: draft.contact_staff_id,
                co_facilitator_mentor_ids: draft.mentor_ids.clone(),
                young_co_facilitators: young,
                agenda,
                materials,
                release_hours_before,
                release_publicly: draft.release_publicly,
                lounge_use: draft.lounge_use,
            })
        }
        _ => Err(problems),
    }
}

/// An event's state in a word, never by colour alone.
pub fn status_label(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Draft => "Draft",
        EventStatus::Published => "Published",
        EventStatus::Cancelled => "Cancelled",
        EventStatus::Completed => "Completed",
    }
}

/// What the state means for young people, on the event's page.
pub fn status_explained(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Draft => "Draft: young people can't see it yet. Publish it when it's ready.",
        EventStatus::Published => "Published: young people can see it and sign up.",
        EventStatus::Cancelled => {
            "Cancelled: everyone who signed up was told. It can't be changed any more."
        }
        EventStatus::Completed => "Completed: the attendance count is final.",
    }
}

/// "3 of 10 seats taken, 2 on the waitlist", or "3 signed up (no seat limit)".
pub fn event_seats_in_words(event: &StaffEvent) -> String {
    let taken = match event.input.capacity {
        Some(capacity) => format!(
            "{} of {} taken",
            event.registered,
            count_of(u64::from(capacity), "seat", "seats")
        ),
        None => format!("{} signed up (no seat limit)", event.registered),
    };
    match event.waitlisted {
        0 => taken,
        waiting => format!("{taken}, {waiting} on the waitlist"),
    }
}

/// When registered people get the agenda: "3 days before it starts".
pub fn release_in_words(hours: u32) -> String {
    match hours {
        0 => "When it starts".to_owned(),
        hours => format!("{} before it starts", minutes_in_words(hours * 60)),
    }
}

/// The question before cancelling, naming how many people will be told.
pub fn cancel_question(event: &StaffEvent) -> String {
    let title = &event.input.title;
    let (seats, waiting) = (event.registered, event.waitlisted);
    if seats + waiting == 0 {
        return format!(
            "Cancel \u{201c}{title}\u{201d}? Nobody has signed up yet, so nobody needs telling. \
             You can't undo this."
        );
    }
    let who = match (seats, waiting) {
        (_, 0) => count_of(u64::from(seats), "person with a seat", "people with a seat"),
        (0, _) => count_of(
            u64::from(waiting),
            "person on the waitlist",
            "people on the waitlist",
        ),
        _ => format!(
            "{} ({seats} with a seat and {waiting} on the waitlist)",
            count_of(u64::from(seats + waiting), "person", "people")
        ),
    };
    format!(
        "Cancel \u{201c}{title}\u{201d}? We'll tell {who} that it's cancelled, by email if \
         they gave one. You can't undo this."
    )
}

/// Whether the event is still to come or under way (its end is ahead of `now`).
pub fn is_upcoming(event: &StaffEvent, now: DateTime<Utc>) -> bool {
    event.input.end > now
}

/// The kinds of file an event can carry, as the file input's `accept` lists them.
pub const FILE_TYPES: [&str; 4] = ["application/pdf", "image/jpeg", "image/png", "image/webp"];
/// A PDF may be 10 MB; an image, like a mentor's photo, 2 MB.
pub const PDF_MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;
pub const IMAGE_MAX_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

/// What is wrong with a picked file of `size` bytes and `content_type`, if anything.
pub fn file_problem(size: f64, content_type: &str) -> Option<&'static str> {
    if !FILE_TYPES.contains(&content_type) {
        Some("That file isn't one we can share. Choose a PDF, or a JPEG, PNG or WebP image.")
    } else if content_type == "application/pdf" && size > PDF_MAX_BYTES {
        Some("That PDF is bigger than 10 MB. Choose a smaller one.")
    } else if content_type != "application/pdf" && size > IMAGE_MAX_BYTES {
        Some("That image is bigger than 2 MB. Choose a smaller one, or save it smaller first.")
    } else if size <= 0.0 {
        Some("That file is empty. Choose another one.")
    } else {
        None
    }
}

/// "PDF, 1.2 MB" or "Image, 340 KB", rounded, counted in whole numbers (no float
/// formatting in the download).
pub fn file_in_words(content_type: &str, bytes: u32) -> String {
    let kind = if content_type == "application/pdf" {
        "PDF"
    } else {
        "Image"
    };
    let size = match bytes {
        0..1024 => count_of(u64::from(bytes), "byte", "bytes"),
        1024..1_048_576 => format!("{} KB", (bytes + 512) / 1024),
        _ => {
            let tenths = (u64::from(bytes) * 10 + 524_288) / 1_048_576;
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    };
    format!("{kind}, {size}")
}

//! The console's codes in plain words: roles, account states, email states, paging,
//! weekdays, booking rules and seats, and mentors' sessions, check-ins and limits.

use shared::{
    AdminSpace, BookingStatus, DaySheetSlot, MentorLimits, Role, SessionOutcome, StaffAccount,
    Weekday,
};

/// A role on its own, as on a checkbox: "Peer mentor".
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admin",
        Role::Supervisor => "Supervisor",
        Role::Mentor => "Peer mentor",
        Role::Facilities => "Facilities",
    }
}

/// What a role is for, under its checkbox.
pub fn role_description(role: Role) -> &'static str {
    match role {
        Role::Admin => "Manages staff accounts, settings, the audit log and emails.",
        Role::Supervisor => "Supports peer mentors and sees how they are doing.",
        Role::Mentor => "Meets young people in office hours and at events.",
        Role::Facilities => "Looks after the lounge, donations and the wishlist.",
    }
}

/// Roles in a sentence: "admin and peer mentor", or "no roles yet".
pub fn roles_in_words(roles: &[Role]) -> String {
    let mut roles = roles.to_vec();
    roles.sort();
    let words: Vec<String> = roles
        .iter()
        .map(|role| match role {
            Role::Facilities => "facilities staff".to_owned(),
            role => role_label(*role).to_lowercase(),
        })
        .collect();
    if words.is_empty() {
        "no roles yet".to_owned()
    } else {
        list_in_words(&words)
    }
}

/// "a", "a and b", "a, b and c".
pub fn list_in_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Whether an account can be used, in words that don't lean on colour.
pub fn account_status(account: &StaffAccount) -> &'static str {
    if account.disabled {
        "Disabled"
    } else if !account.has_password {
        "Invited, no password yet"
    } else {
        "Active"
    }
}

/// The outbox states, with what each means to an admin.
pub const OUTBOX_STATES: [(&str, &str); 4] = [
    ("queued", "Waiting to send"),
    ("sending", "Sending now"),
    ("sent", "Sent"),
    ("dead", "Gave up after several tries"),
];

pub fn outbox_state_label(state: &str) -> &str {
    OUTBOX_STATES
        .iter()
        .find(|(code, _)| *code == state)
        .map_or(state, |(_, label)| label)
}

/// What an email was for.
pub fn email_kind_label(kind: &str) -> &str {
    match kind {
        "staff_invite" => "Staff invitation",
        "password_reset" => "Password reset",
        "booking_confirmation" => "Booking confirmation",
        "booking_rescheduled" => "Booking moved",
        "booking_reminder" => "Booking reminder",
        "booking_cancelled" => "Booking cancelled",
        "dead_letter_alert" => "Undelivered email alert",
        other => other,
    }
}

/// How many pages `total` items fill, never fewer than one.
pub fn page_count(total: u64, per_page: u64) -> u64 {
    total.div_ceil(per_page.max(1)).max(1)
}

/// "Page 2 of 5".
pub fn page_of(page: u64, per_page: u64, total: u64) -> String {
    format!("Page {page} of {}", page_count(total, per_page))
}

/// "1 entry", "12 entries".
pub fn count_of(count: u64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// "Monday".
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Where a booking stands, as the staff at the desk say it. "Didn't make it", never
/// "no-show": staff words end up in what young people hear.
pub fn attendance_label(status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Confirmed => "Booked",
        BookingStatus::Waitlisted => "On the waiting list",
        BookingStatus::Cancelled => "Cancelled",
        BookingStatus::Attended => "Checked in",
        BookingStatus::DidntMakeIt => "Didn't make it",
    }
}

/// "45 minutes", "1 hour", "2 hours 30 minutes", "2 days".
pub fn minutes_in_words(minutes: u32) -> String {
    let (days, hours, minutes) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let parts: Vec<String> = [(days, "day", "days"), (hours, "hour", "hours")]
        .into_iter()
        .chain([(minutes, "minute", "minutes")])
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| count_of(u64::from(count), one, many))
        .collect();
    if parts.is_empty() {
        "0 minutes".to_owned()
    } else {
        parts.join(" ")
    }
}

/// A space's booking rules, one sentence each.
pub fn booking_rules_in_words(space: &AdminSpace) -> [String; 3] {
    let notice = match space.min_notice_minutes {
        0 => "Young people can book right up to the start of a slot.".to_owned(),
        minutes => format!(
            "Booking closes {} before a slot starts.",
            minutes_in_words(minutes)
        ),
    };
    [
        notice,
        format!(
            "Young people can book up to {} ahead.",
            count_of(u64::from(space.horizon_days), "day", "days")
        ),
        format!(
            "One email address can hold up to {} at a time.",
            count_of(
                u64::from(space.max_upcoming_per_email),
                "upcoming booking",
                "upcoming bookings"
            )
        ),
    ]
}

/// Seats not taken by bookings or walk-ins.
pub fn seats_free(slot: &DaySheetSlot) -> u32 {
    slot.capacity
        .saturating_sub(slot.booked.saturating_add(slot.walk_ins))
}

/// "9 of 12 seats free", or "Full (12 seats)": said in words, never by colour alone.
pub fn seats_in_words(slot: &DaySheetSlot) -> String {
    match seats_free(slot) {
        0 => format!(
            "Full ({})",
            count_of(u64::from(slot.capacity), "seat", "seats")
        ),
        free => format!(
            "{free} of {} free",
            count_of(u64::from(slot.capacity), "seat", "seats")
        ),
    }
}

/// Whether a session took place, as a supervisor reads it in a check-in.
pub fn outcome_label(outcome: SessionOutcome) -> &'static str {
    match outcome {
        SessionOutcome::Held => "Session held",
        SessionOutcome::DidNotCome => "The young person didn't come",
        SessionOutcome::Cancelled => "Cancelled",
    }
}

/// How a session went for the mentor: "4 out of 5", said in words, not stars.
pub fn rating_in_words(rating: Option<u8>) -> String {
    match rating {
        Some(rating) => format!("{rating} out of 5"),
        None => "Not rated".to_owned(),
    }
}

/// Sessions against a mentor's own limit: "4 of 5 this week", or "4 this week (no
/// limit set)".
pub fn against_limit(count: u32, limit: Option<u32>, period: &str) -> String {
    match limit {
        Some(limit) => format!("{count} of {limit} {period}"),
        None => format!("{count} {period} (no limit set)"),
    }
}

/// A mentor's limits, one short sentence each, for their supervisor.
pub fn limits_in_words(limits: &MentorLimits) -> Vec<String> {
    let mut words = Vec::new();
    words.push(match limits.buffer_minutes {
        0 => "No break needed between sessions.".to_owned(),
        minutes => format!(
            "At least {} free between sessions.",
            minutes_in_words(minutes)
        ),
    });
    if let Some(time) = &limits.no_sessions_after {
        words.push(format!("No sessions after {time}."));
    }
    words
}

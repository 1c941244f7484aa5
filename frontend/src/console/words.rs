//! The console's codes in plain words: roles, account states, email states, paging.

use shared::{Role, StaffAccount};

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

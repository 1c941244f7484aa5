//! What the public wishlist checks before a partner's pledge goes out, and says in words.
//! Kept apart from [`super::WishlistApp`] so it can be tested alone; problems are keyed
//! like the API's `fields`.

use shared::{Email, FieldErrors, NewPledge, WishPriority};

use crate::components::form::FormErrors;

/// The server's limits.
pub const ORGANISATION_MAX: usize = 120;
pub const CONTACT_MAX: usize = 120;
pub const MESSAGE_MAX: usize = 1000;

/// What a partner types into the pledge form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PledgeDraft {
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    pub quantity: String,
    pub message: String,
}

/// The pledge to send, or what to fix first. `still_needed` is the most that can be
/// pledged now.
pub fn check_pledge(draft: &PledgeDraft, still_needed: i64) -> Result<NewPledge, FormErrors> {
    let mut fields = FieldErrors::new();
    let mut problem = |field: &str, text: String| {
        fields.entry(field.to_owned()).or_default().push(text);
    };
    let too_long = |max: usize| format!("Please keep it to {max} characters or fewer.");
    let organisation = draft.organisation.trim();
    if organisation.chars().count() > ORGANISATION_MAX {
        problem("organisation", too_long(ORGANISATION_MAX));
    }
    let contact_name = draft.contact_name.trim();
    if contact_name.is_empty() {
        problem(
            "contact_name",
            "Please tell us who we can talk to.".to_owned(),
        );
    } else if contact_name.chars().count() > CONTACT_MAX {
        problem("contact_name", too_long(CONTACT_MAX));
    }
    let email = match Email::parse(draft.email.trim()) {
        Ok(email) => String::from(email),
        Err(invalid) => {
            problem("email", invalid.0);
            String::new()
        }
    };
    let quantity = match draft.quantity.trim().parse::<i64>() {
        Ok(quantity) if (1..=still_needed).contains(&quantity) => quantity,
        _ => {
            problem("quantity", quantity_problem(still_needed));
            0
        }
    };
    let message = draft.message.trim();
    if message.chars().count() > MESSAGE_MAX {
        problem("message", too_long(MESSAGE_MAX));
    }
    if !fields.is_empty() {
        return Err(FormErrors::from_fields(fields));
    }
    Ok(NewPledge {
        organisation: organisation.to_owned(),
        contact_name: contact_name.to_owned(),
        email,
        quantity,
        message: message.to_owned(),
    })
}

/// What to say when the quantity is out of range.
pub fn quantity_problem(still_needed: i64) -> String {
    match still_needed {
        n if n <= 0 => "Nothing more is needed of this right now.".to_owned(),
        1 => "We need just 1, so please enter 1.".to_owned(),
        n => format!("Please enter a whole number from 1 to {n}."),
    }
}

/// "3 still needed", "1 still needed".
pub fn still_needed_in_words(still_needed: i64) -> String {
    format!("{still_needed} still needed")
}

/// How much it matters, in words (never by colour alone).
pub fn priority_in_words(priority: WishPriority) -> &'static str {
    match priority {
        WishPriority::High => "Needed most",
        WishPriority::Medium => "Would help a lot",
        WishPriority::Low => "Nice to have",
    }
}

/// The thank-you once a pledge is in.
pub fn thank_you(quantity: i64, name: &str) -> String {
    format!(
        "Thank you! You've pledged {quantity} \u{00d7} {name}. Someone from the lounge will \
         email you to arrange how it gets to us."
    )
}

/// Why a pledge could not be taken because others got there first: the server's own
/// words (which say how many are still needed), or ours.
pub fn fully_pledged_in_words(server_message: Option<&str>) -> String {
    let lead = "Other partners pledged this just before you, so we can't take that many now.";
    match server_message.map(str::trim).filter(|m| !m.is_empty()) {
        Some(message) => format!("{lead} {message}"),
        None => format!("{lead} The list below shows what is still needed."),
    }
}

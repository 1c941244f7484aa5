//! Peer mentors as young people see them: the directory (`GET /api/mentors`), one
//! profile, and the times a mentor (or any listed mentor) is free.

use chrono::NaiveDate;
use shared::{MentorProfile, SlotAvailability};

use super::{get, ApiFailure};

/// Listed mentors, narrowed to a topic and a language when those aren't empty.
pub async fn list_mentors(topic: &str, language: &str) -> Result<Vec<MentorProfile>, ApiFailure> {
    let mut path = String::from("/api/mentors");
    for (name, value) in [("topic", topic), ("language", language)] {
        if !value.is_empty() {
            path.push(if path.contains('?') { '&' } else { '?' });
            path.push_str(name);
            path.push('=');
            path.push_str(&String::from(js_sys::encode_uri_component(value)));
        }
    }
    get(&path).await
}

/// One listed mentor; a 404 for anyone else.
pub async fn find_mentor(mentor_id: i64) -> Result<MentorProfile, ApiFailure> {
    get(&format!("/api/mentors/{mentor_id}")).await
}

/// Free office-hours times from `from` to `to` (both included): the mentor's, or
/// with `None`, the times at least one listed mentor is free.
pub async fn list_mentor_slots(
    mentor_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SlotAvailability>, ApiFailure> {
    let mentor = mentor_id.map_or_else(|| "any".to_owned(), |id| id.to_string());
    get(&format!("/api/mentors/{mentor}/slots?from={from}&to={to}")).await
}

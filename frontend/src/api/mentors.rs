//! `GET /api/mentors`: public peer mentor profiles.

use shared::MentorProfile;

use super::{get, ApiFailure};

pub async fn list_mentors() -> Result<Vec<MentorProfile>, ApiFailure> {
    get("/api/mentors").await
}

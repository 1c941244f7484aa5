//! `GET /api/events`: upcoming events.

use shared::EventSummary;

use super::{get, ApiFailure};

pub async fn list_events() -> Result<Vec<EventSummary>, ApiFailure> {
    get("/api/events").await
}

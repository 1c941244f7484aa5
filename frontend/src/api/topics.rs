//! `GET /api/topics`: the agency's lived-experience topics, to find a mentor by.

use shared::Topic;

use super::{get, ApiFailure};

pub async fn list_topics() -> Result<Vec<Topic>, ApiFailure> {
    get("/api/topics").await
}

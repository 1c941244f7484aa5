//! Public listing of upcoming events.

use axum::{extract::State, Json};
use chrono::Utc;
use shared::EventSummary;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{error::AppResult, services, state::AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_events))
}

/// Events that have not ended yet, soonest first.
#[utoipa::path(
    get,
    path = "/events",
    tag = "events",
    responses((status = 200, body = Vec<EventSummary>))
)]
pub async fn list_events(State(state): State<AppState>) -> AppResult<Json<Vec<EventSummary>>> {
    let events =
        services::events::list_upcoming(&state.db, Utc::now(), state.config.timezone).await?;
    Ok(Json(events))
}

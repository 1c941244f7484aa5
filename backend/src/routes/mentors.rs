//! The public directory of peer mentors.

use axum::{extract::State, Json};
use chrono::Utc;
use shared::MentorProfile;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{error::AppResult, services, state::AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_mentors))
}

/// Mentors young people can choose from: published, with current screening.
#[utoipa::path(
    get,
    path = "/mentors",
    tag = "mentors",
    responses((status = 200, body = Vec<MentorProfile>))
)]
pub async fn list_mentors(State(state): State<AppState>) -> AppResult<Json<Vec<MentorProfile>>> {
    let mentors =
        services::mentors::list_public(&state.db, Utc::now(), state.config.timezone).await?;
    Ok(Json(mentors))
}

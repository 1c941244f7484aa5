//! Public details of the lounge spaces.

use axum::{extract::State, Json};
use shared::Space;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{error::AppResult, services, state::AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_spaces))
}

/// Every lounge space young people can visit.
#[utoipa::path(
    get,
    path = "/spaces",
    tag = "lounge",
    responses((status = 200, body = Vec<Space>))
)]
pub async fn list_spaces(State(state): State<AppState>) -> AppResult<Json<Vec<Space>>> {
    Ok(Json(services::spaces::list_public(&state.db).await?))
}

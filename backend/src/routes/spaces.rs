//! Public details of the lounge spaces, and their open slots.

use axum::{extract::State, http::HeaderMap, response::Response, Json};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use shared::{SlotAvailability, Space, SpaceNow};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::AppResult,
    extract::{ApiPath, ApiQuery},
    services,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_spaces))
        .routes(routes!(list_slots))
        .routes(routes!(space_now))
}

/// Whether the space is open now and how many seats are free: about nobody.
#[utoipa::path(
    get,
    path = "/spaces/{id}/now",
    tag = "lounge",
    params(("id" = i64, Path, description = "Space id")),
    responses((status = 200, body = SpaceNow), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn space_now(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<SpaceNow>> {
    Ok(Json(
        services::bookings::space_now(&state.db, id, Utc::now(), &state.config).await?,
    ))
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotRange {
    /// First day, `YYYY-MM-DD` in the agency's zone.
    pub from: NaiveDate,
    /// Last day, included; at most 31 days after `from`.
    pub to: NaiveDate,
}

/// Bookable drop-in slots with seats taken and free. Times carry the agency zone's offset.
#[utoipa::path(
    get,
    path = "/spaces/{id}/slots",
    tag = "lounge",
    params(("id" = i64, Path, description = "Space id"), SlotRange),
    responses(
        (status = 200, body = Vec<SlotAvailability>),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, description = "A reversed range, or one over 31 days", body = shared::ApiErrorBody)
    )
)]
pub async fn list_slots(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(range): ApiQuery<SlotRange>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let body = services::bookings::lounge_slots_json(
        &state.db,
        &state.availability,
        id,
        range.from,
        range.to,
        Utc::now(),
        &state.config,
    )
    .await?;
    Ok(body.to_response(&headers))
}

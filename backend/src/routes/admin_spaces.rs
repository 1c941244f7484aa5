//! Admin endpoints for spaces: details and booking rules, weekly opening hours, closures.

use axum::{extract::State, http::StatusCode, Json};
use chrono::Utc;
use shared::{AdminSpace, Closure, NewClosure, NewSpace, OpeningHours, UpdateSpace};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{AdminRole, Staff},
    error::AppResult,
    extract::{ApiJson, ApiPath},
    services,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_spaces, create_space))
        .routes(routes!(update_space))
        .routes(routes!(get_opening_hours, set_opening_hours))
        .routes(routes!(list_closures, add_closure))
        .routes(routes!(remove_closure))
}

/// Every space with its booking rules.
#[utoipa::path(get, path = "/admin/spaces", tag = "admin", responses((status = 200, body = Vec<AdminSpace>)))]
pub async fn list_spaces(
    State(state): State<AppState>,
    _admin: Staff<AdminRole>,
) -> AppResult<Json<Vec<AdminSpace>>> {
    Ok(Json(services::spaces::list_admin(&state.db).await?))
}

/// Adds a space (booking rules start at their defaults: 1 h notice, 28 days ahead, 3 per email).
#[utoipa::path(
    post,
    path = "/admin/spaces",
    tag = "admin",
    request_body = NewSpace,
    responses((status = 201, body = AdminSpace), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn create_space(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiJson(new): ApiJson<NewSpace>,
) -> AppResult<(StatusCode, Json<AdminSpace>)> {
    let space = services::spaces::create(&state.db, &admin.user, new, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(space)))
}

/// Changes a space's details or booking rules.
#[utoipa::path(
    patch,
    path = "/admin/spaces/{id}",
    tag = "admin",
    params(("id" = i64, Path)),
    request_body = UpdateSpace,
    responses((status = 200, body = AdminSpace), (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn update_space(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<UpdateSpace>,
) -> AppResult<Json<AdminSpace>> {
    Ok(Json(
        services::spaces::update(&state.db, &admin.user, id, change, Utc::now()).await?,
    ))
}

/// The space's weekly opening hours.
#[utoipa::path(get, path = "/admin/spaces/{id}/opening-hours", tag = "admin", params(("id" = i64, Path)), responses((status = 200, body = OpeningHours)))]
pub async fn get_opening_hours(
    State(state): State<AppState>,
    _admin: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<OpeningHours>> {
    Ok(Json(services::spaces::opening_hours(&state.db, id).await?))
}

/// Replaces the week's opening windows (several a day allowed, never overlapping).
#[utoipa::path(
    put,
    path = "/admin/spaces/{id}/opening-hours",
    tag = "admin",
    params(("id" = i64, Path)),
    request_body = OpeningHours,
    responses((status = 200, body = OpeningHours), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn set_opening_hours(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(hours): ApiJson<OpeningHours>,
) -> AppResult<Json<OpeningHours>> {
    Ok(Json(
        services::spaces::set_opening_hours(&state.db, &admin.user, id, hours, Utc::now()).await?,
    ))
}

/// Closures that have not ended yet.
#[utoipa::path(get, path = "/admin/spaces/{id}/closures", tag = "admin", params(("id" = i64, Path)), responses((status = 200, body = Vec<Closure>)))]
pub async fn list_closures(
    State(state): State<AppState>,
    _admin: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<Closure>>> {
    Ok(Json(
        services::closures::list_current(&state.db, &state.config, id, Utc::now()).await?,
    ))
}

/// Closes the space for a while; bookings it covers are cancelled and their holders told.
#[utoipa::path(
    post,
    path = "/admin/spaces/{id}/closures",
    tag = "admin",
    params(("id" = i64, Path)),
    request_body = NewClosure,
    responses((status = 201, body = Closure), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn add_closure(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewClosure>,
) -> AppResult<(StatusCode, Json<Closure>)> {
    let closure =
        services::closures::add(&state.db, &state.config, &admin.user, id, new, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(closure)))
}

/// Removes a closure.
#[utoipa::path(
    delete,
    path = "/admin/spaces/{id}/closures/{closure_id}",
    tag = "admin",
    params(("id" = i64, Path), ("closure_id" = i64, Path)),
    responses((status = 204), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn remove_closure(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiPath((id, closure_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    services::closures::remove(&state.db, &admin.user, id, closure_id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

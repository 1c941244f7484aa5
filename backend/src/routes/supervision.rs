//! Supervisors' view of their mentors: load against limits, check-ins, support flags,
//! screening dates and one-off overrides; and the agency's topic list (admins).

use axum::{extract::State, http::StatusCode, Json};
use chrono::Utc;
use shared::{
    LimitOverride, NewLimitOverride, NewTopic, SupervisedCheckIn, SupervisedMentor, Topic,
    UpdateSupervision,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{AdminRole, Staff, SupervisorRole},
    error::AppResult,
    extract::{ApiJson, ApiPath},
    services,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_supervised))
        .routes(routes!(update_supervision))
        .routes(routes!(approve_override))
        .routes(routes!(follow_up))
        .routes(routes!(add_topic))
        .routes(routes!(remove_topic))
}

/// The mentors I supervise (and those with no supervisor yet); admins see all.
#[utoipa::path(
    get,
    path = "/supervision/mentors",
    tag = "supervision",
    responses((status = 200, body = Vec<SupervisedMentor>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn list_supervised(
    State(state): State<AppState>,
    staff: Staff<SupervisorRole>,
) -> AppResult<Json<Vec<SupervisedMentor>>> {
    Ok(Json(
        services::supervision::overview(&state.db, &state.config, &staff.user, Utc::now()).await?,
    ))
}

/// Sets a mentor's screening/training date, or (admins) their supervisor.
#[utoipa::path(
    patch,
    path = "/supervision/mentors/{id}",
    tag = "supervision",
    params(("id" = i64, Path)),
    request_body = UpdateSupervision,
    responses(
        (status = 200, body = SupervisedMentor),
        (status = 403, body = shared::ApiErrorBody),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn update_supervision(
    State(state): State<AppState>,
    staff: Staff<SupervisorRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(update): ApiJson<UpdateSupervision>,
) -> AppResult<Json<SupervisedMentor>> {
    Ok(Json(
        services::supervision::update(
            &state.db,
            &state.config,
            &staff.user,
            id,
            update,
            Utc::now(),
        )
        .await?,
    ))
}

/// Approves one session at `start` beyond the mentor's own limits.
#[utoipa::path(
    post,
    path = "/supervision/mentors/{id}/overrides",
    tag = "supervision",
    params(("id" = i64, Path)),
    request_body = NewLimitOverride,
    responses((status = 201, body = LimitOverride), (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn approve_override(
    State(state): State<AppState>,
    staff: Staff<SupervisorRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<NewLimitOverride>,
) -> AppResult<(StatusCode, Json<LimitOverride>)> {
    let approved = services::supervision::approve_override(
        &state.db,
        &state.config,
        &staff.user,
        id,
        request,
        Utc::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(approved)))
}

/// Marks a mentor's request for support followed up.
#[utoipa::path(
    post,
    path = "/supervision/check-ins/{booking_id}/follow-up",
    tag = "supervision",
    params(("booking_id" = i64, Path)),
    responses((status = 200, body = SupervisedCheckIn), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn follow_up(
    State(state): State<AppState>,
    staff: Staff<SupervisorRole>,
    ApiPath(booking_id): ApiPath<i64>,
) -> AppResult<Json<SupervisedCheckIn>> {
    Ok(Json(
        services::supervision::follow_up(
            &state.db,
            &state.config,
            &staff.user,
            booking_id,
            Utc::now(),
        )
        .await?,
    ))
}

/// Adds a lived-experience topic mentors can choose.
#[utoipa::path(
    post,
    path = "/admin/topics",
    tag = "mentors",
    request_body = NewTopic,
    responses((status = 201, body = Topic), (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn add_topic(
    State(state): State<AppState>,
    staff: Staff<AdminRole>,
    ApiJson(topic): ApiJson<NewTopic>,
) -> AppResult<(StatusCode, Json<Topic>)> {
    let topic = services::mentors::add_topic(&state.db, &staff.user, topic, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(topic)))
}

/// Removes a topic, from the list and every profile.
#[utoipa::path(
    delete,
    path = "/admin/topics/{id}",
    tag = "mentors",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn remove_topic(
    State(state): State<AppState>,
    staff: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    services::mentors::remove_topic(&state.db, &staff.user, id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

//! A peer mentor's own pages: their profile and photo, office hours, limits, sessions and
//! private check-ins. Every handler works on the signed-in mentor's own record only.

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, DefaultBodyLimit, State},
    http::{header, HeaderMap, StatusCode},
    Json,
};
use chrono::Utc;
use shared::{
    CheckIn, MentorLimits, MentorOfficeHours, MentorSession, OwnMentorProfile, UpdateMentorProfile,
};
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

use crate::{
    authz::{MentorRole, Staff},
    error::{AppError, AppResult},
    extract::{ApiJson, ApiPath},
    photos, services,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_profile, update_profile))
        // The photo's own limit, so a large upload gets our answer rather than axum's.
        .routes(
            routes!(upload_photo, remove_photo).layer(DefaultBodyLimit::max(photos::MAX_BYTES + 1)),
        )
        .routes(routes!(get_office_hours, set_office_hours))
        .routes(routes!(get_limits, set_limits))
        .routes(routes!(list_sessions))
        .routes(routes!(check_in))
}

/// My mentor profile, with what only staff see (screening date, whether I'm listed).
#[utoipa::path(
    get,
    path = "/mentor/profile",
    tag = "mentoring",
    responses((status = 200, body = OwnMentorProfile), (status = 401, body = shared::ApiErrorBody), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn get_profile(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
) -> AppResult<Json<OwnMentorProfile>> {
    let now = Utc::now();
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    Ok(Json(
        services::mentors::own_profile(&state.db, &state.config, &mentor, now).await?,
    ))
}

/// Saves my whole profile.
#[utoipa::path(
    put,
    path = "/mentor/profile",
    tag = "mentoring",
    request_body = UpdateMentorProfile,
    responses((status = 200, body = OwnMentorProfile), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn update_profile(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiJson(update): ApiJson<UpdateMentorProfile>,
) -> AppResult<Json<OwnMentorProfile>> {
    let now = Utc::now();
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    Ok(Json(
        services::mentors::update_profile(
            &state.db,
            &state.config,
            &staff.user,
            mentor,
            update,
            now,
        )
        .await?,
    ))
}

/// Uploads my photo: the raw image as the body, `Content-Type` image/jpeg, image/png or
/// image/webp, at most 2 MB. Its metadata (such as where it was taken) is removed.
#[utoipa::path(
    put,
    path = "/mentor/photo",
    tag = "mentoring",
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses(
        (status = 200, body = OwnMentorProfile),
        (status = 413, body = shared::ApiErrorBody),
        (status = 415, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn upload_photo(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Json<OwnMentorProfile>> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            photos::too_large()
        } else {
            AppError::bad_request("bad_request", rejection.body_text())
        }
    })?;
    let now = Utc::now();
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    let mentor =
        services::mentors::set_photo(&state.db, &staff.user, mentor, declared, &body, now).await?;
    Ok(Json(
        services::mentors::own_profile(&state.db, &state.config, &mentor, now).await?,
    ))
}

/// Removes my photo; the directory shows my initials instead.
#[utoipa::path(
    delete,
    path = "/mentor/photo",
    tag = "mentoring",
    responses((status = 200, body = OwnMentorProfile))
)]
pub async fn remove_photo(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
) -> AppResult<Json<OwnMentorProfile>> {
    let now = Utc::now();
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    let mentor = services::mentors::remove_photo(&state.db, &staff.user, mentor, now).await?;
    Ok(Json(
        services::mentors::own_profile(&state.db, &state.config, &mentor, now).await?,
    ))
}

/// My weekly office-hours windows, where I meet, and my dates off.
#[utoipa::path(
    get,
    path = "/mentor/office-hours",
    tag = "mentoring",
    responses((status = 200, body = MentorOfficeHours))
)]
pub async fn get_office_hours(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
) -> AppResult<Json<MentorOfficeHours>> {
    let mentor = services::mentors::own(&state.db, &staff.user, Utc::now()).await?;
    Ok(Json(
        services::office_hours::settings(&state.db, &mentor).await?,
    ))
}

/// Replaces my office-hours windows, place and dates off.
#[utoipa::path(
    put,
    path = "/mentor/office-hours",
    tag = "mentoring",
    request_body = MentorOfficeHours,
    responses((status = 200, body = MentorOfficeHours), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn set_office_hours(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiJson(hours): ApiJson<MentorOfficeHours>,
) -> AppResult<Json<MentorOfficeHours>> {
    let now = Utc::now();
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    Ok(Json(
        services::office_hours::set_settings(&state.db, &staff.user, mentor, hours, now).await?,
    ))
}

/// My limits: sessions per day and week, a buffer, a latest time, a break.
#[utoipa::path(
    get,
    path = "/mentor/limits",
    tag = "mentoring",
    responses((status = 200, body = MentorLimits))
)]
pub async fn get_limits(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
) -> AppResult<Json<MentorLimits>> {
    let mentor = services::mentors::own(&state.db, &staff.user, Utc::now()).await?;
    Ok(Json(services::office_hours::limits(&mentor)))
}

#[utoipa::path(
    put,
    path = "/mentor/limits",
    tag = "mentoring",
    request_body = MentorLimits,
    responses((status = 200, body = MentorLimits), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn set_limits(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiJson(limits): ApiJson<MentorLimits>,
) -> AppResult<Json<MentorLimits>> {
    let now = Utc::now();
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    Ok(Json(
        services::office_hours::set_limits(&state.db, &staff.user, mentor, limits, now).await?,
    ))
}

/// My sessions from two weeks ago on: names and shared topics, never emails.
#[utoipa::path(
    get,
    path = "/mentor/sessions",
    tag = "mentoring",
    responses((status = 200, body = Vec<MentorSession>))
)]
pub async fn list_sessions(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
) -> AppResult<Json<Vec<MentorSession>>> {
    let now = Utc::now();
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    Ok(Json(
        services::supervision::sessions(&state.db, &state.config, &mentor, now).await?,
    ))
}

/// My private check-in after a session; asking for support emails my supervisor.
#[utoipa::path(
    put,
    path = "/mentor/sessions/{booking_id}/check-in",
    tag = "mentoring",
    params(("booking_id" = i64, Path)),
    request_body = CheckIn,
    responses(
        (status = 200, body = MentorSession),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "The session hasn't started yet", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn check_in(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(booking_id): ApiPath<i64>,
    ApiJson(check_in): ApiJson<CheckIn>,
) -> AppResult<Json<MentorSession>> {
    let now = Utc::now();
    let mentor = services::mentors::own(&state.db, &staff.user, now).await?;
    Ok(Json(
        services::supervision::check_in(
            &state.db,
            &state.config,
            &mentor,
            booking_id,
            check_in,
            now,
        )
        .await?,
    ))
}

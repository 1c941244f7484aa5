//! Booking without an account, and managing a booking through its secret link.

use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::Utc;
use shared::{Booking, NewBooking, Reschedule};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::{AppError, AppResult},
    extract::{ApiJson, ApiPath},
    services,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_booking))
        .routes(routes!(get_managed_booking))
        .routes(routes!(cancel_booking))
        .routes(routes!(reschedule_booking))
        .routes(routes!(booking_calendar))
}

/// Moves the booking to another slot of the same space. If the new slot is full the
/// booking stays where it was.
#[utoipa::path(
    post,
    path = "/bookings/manage/{token}/reschedule",
    tag = "bookings",
    params(("token" = String, Path)),
    request_body = Reschedule,
    responses(
        (status = 200, body = Booking),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`slot_full`, or a cancelled or started booking", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn reschedule_booking(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
    ApiJson(request): ApiJson<Reschedule>,
) -> AppResult<Json<Booking>> {
    let booking = services::bookings::reschedule_by_token(
        &state.db,
        &state.config,
        &token,
        request.start.with_timezone(&Utc),
        Utc::now(),
    )
    .await?;
    Ok(Json(booking))
}

/// The booking as an iCalendar file: the same UID after every change, a higher SEQUENCE.
#[utoipa::path(
    get,
    path = "/bookings/manage/{token}/calendar.ics",
    tag = "bookings",
    params(("token" = String, Path)),
    responses((status = 200, content_type = "text/calendar"), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn booking_calendar(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> AppResult<Response> {
    let calendar =
        services::bookings::calendar_by_token(&state.db, &state.config, &token, Utc::now()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"peer-lounge.ics\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        calendar,
    )
        .into_response())
}

/// Books a spot. The answer carries the secret manage token and link, once. Send an
/// `Idempotency-Key` (e.g. a random UUID per booking attempt) to make retries safe.
#[utoipa::path(
    post,
    path = "/bookings",
    tag = "bookings",
    request_body = NewBooking,
    params(("Idempotency-Key" = Option<String>, Header, description = "16–128 visible ASCII characters; a repeat returns the first answer")),
    responses(
        (status = 201, body = Booking),
        (status = 409, description = "`slot_full`, `already_booked` or `booking_limit`", body = shared::ApiErrorBody),
        (status = 422, description = "Bad input, or a time that cannot be booked", body = shared::ApiErrorBody)
    )
)]
pub async fn create_booking(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewBooking>,
) -> AppResult<(StatusCode, Json<Booking>)> {
    let booking = services::bookings::create(
        &state.db,
        &state.config,
        request,
        idempotency_key(&headers)?,
        Utc::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(booking)))
}

/// The request's `Idempotency-Key`, if it sent one.
pub fn idempotency_key(headers: &HeaderMap) -> AppResult<Option<&str>> {
    match headers.get("idempotency-key") {
        Some(value) => Ok(Some(value.to_str().map_err(|_| {
            AppError::bad_request(
                "invalid_idempotency_key",
                "The Idempotency-Key header must be plain ASCII.",
            )
        })?)),
        None => Ok(None),
    }
}

/// The booking a manage link belongs to, and nothing else.
#[utoipa::path(
    get,
    path = "/bookings/manage/{token}",
    tag = "bookings",
    params(("token" = String, Path, description = "The secret from the manage link")),
    responses((status = 200, body = Booking), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn get_managed_booking(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> AppResult<Json<Booking>> {
    Ok(Json(
        services::bookings::find_by_token(&state.db, &state.config, &token).await?,
    ))
}

/// Cancels the booking; doing it twice is fine.
#[utoipa::path(
    post,
    path = "/bookings/manage/{token}/cancel",
    tag = "bookings",
    params(("token" = String, Path)),
    responses((status = 200, body = Booking), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn cancel_booking(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> AppResult<Json<Booking>> {
    Ok(Json(
        services::bookings::cancel_by_token(&state.db, &state.config, &token, Utc::now()).await?,
    ))
}

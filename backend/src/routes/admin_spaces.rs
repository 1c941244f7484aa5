//! Staff endpoints for spaces: details and booking rules, weekly opening hours, closures
//! (admins); the day sheet, walk-ins and attendance (the staff on duty).

use axum::{extract::State, http::StatusCode, Json};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use shared::{
    AdminSpace, BookingStatus, Closure, DaySheet, DaySheetSlot, NewClosure, NewSpace, OpeningHours,
    UpdateSpace, WalkInChange,
};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{AdminRole, LoungeDesk, Staff},
    error::AppResult,
    extract::{ApiJson, ApiPath, ApiQuery},
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
        .routes(routes!(day_sheet))
        .routes(routes!(change_walk_ins))
        .routes(routes!(check_in))
        .routes(routes!(didnt_make_it))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayQuery {
    /// `YYYY-MM-DD` in the agency's zone; today when absent.
    date: Option<NaiveDate>,
}

/// The day's slots with the names booked into each, for the staff on duty.
#[utoipa::path(
    get,
    path = "/admin/spaces/{id}/day",
    tag = "lounge desk",
    params(("id" = i64, Path), DayQuery),
    responses((status = 200, body = DaySheet), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn day_sheet(
    State(state): State<AppState>,
    _staff: Staff<LoungeDesk>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DayQuery>,
) -> AppResult<Json<DaySheet>> {
    let date = query.date.unwrap_or_else(|| {
        Utc::now()
            .with_timezone(&state.config.timezone)
            .date_naive()
    });
    Ok(Json(
        services::lounge_desk::day_sheet(&state.db, &state.config, id, date).await?,
    ))
}

/// Counts people arriving (+) or leaving (-) without a booking.
#[utoipa::path(
    post,
    path = "/admin/spaces/{id}/walk-ins",
    tag = "lounge desk",
    params(("id" = i64, Path)),
    request_body = WalkInChange,
    responses(
        (status = 200, body = DaySheetSlot),
        (status = 409, description = "The lounge is full", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn change_walk_ins(
    State(state): State<AppState>,
    staff: Staff<LoungeDesk>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<WalkInChange>,
) -> AppResult<Json<DaySheetSlot>> {
    let slot = services::lounge_desk::change_walk_ins(
        &state.db,
        &state.config,
        &staff.user,
        id,
        change.delta,
        change.start.map(|s| s.with_timezone(&Utc)),
        Utc::now(),
    )
    .await?;
    Ok(Json(slot))
}

/// Checks a young person in.
#[utoipa::path(
    post,
    path = "/admin/bookings/{id}/check-in",
    tag = "lounge desk",
    params(("id" = i64, Path)),
    responses((status = 200, body = BookingStatus), (status = 404, body = shared::ApiErrorBody), (status = 409, body = shared::ApiErrorBody))
)]
pub async fn check_in(
    State(state): State<AppState>,
    staff: Staff<LoungeDesk>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<BookingStatus>> {
    let status = services::lounge_desk::mark_attendance(
        &state.db,
        &staff.user,
        id,
        BookingStatus::Attended,
        Utc::now(),
    )
    .await?;
    Ok(Json(status))
}

/// Notes that a young person didn't make it (never shown to them as a "no-show").
#[utoipa::path(
    post,
    path = "/admin/bookings/{id}/didnt-make-it",
    tag = "lounge desk",
    params(("id" = i64, Path)),
    responses((status = 200, body = BookingStatus), (status = 404, body = shared::ApiErrorBody), (status = 409, body = shared::ApiErrorBody))
)]
pub async fn didnt_make_it(
    State(state): State<AppState>,
    staff: Staff<LoungeDesk>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<BookingStatus>> {
    let status = services::lounge_desk::mark_attendance(
        &state.db,
        &staff.user,
        id,
        BookingStatus::DidntMakeIt,
        Utc::now(),
    )
    .await?;
    Ok(Json(status))
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

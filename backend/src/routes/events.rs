//! Events: the public list, page and registration; organisers' create/edit/publish/
//! cancel/complete; and the door (who's coming, check-in, walk-ins).

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, DefaultBodyLimit, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use shared::{
    BookingStatus, EventContact, EventDetail, EventInput, EventQuestion, EventQuestionReply,
    EventRegistration, EventRoster, EventSummary, NewBooking, NewEventQuestion, NewRegistration,
    RegistrationStatus, StaffEvent,
};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

use crate::{
    authz::{LoungeDesk, MentorRole, Staff},
    error::{AppError, AppResult},
    extract::{ApiJson, ApiPath, ApiQuery},
    routes::bookings::idempotency_key,
    services,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_events))
        .routes(routes!(get_event))
        .routes(routes!(register))
        .routes(routes!(list_staff_events, create_event))
        .routes(routes!(get_staff_event, update_event))
        .routes(routes!(publish_event))
        .routes(routes!(cancel_event))
        .routes(routes!(complete_event))
        .routes(routes!(event_roster))
        .routes(routes!(check_in))
        .routes(routes!(add_walk_in))
        .routes(routes!(event_contacts))
        // The file's own limit, so a large upload gets our answer rather than axum's.
        .routes(routes!(upload_file).layer(DefaultBodyLimit::max(
            services::event_files::MAX_FILE_BYTES + 1,
        )))
        .routes(routes!(remove_file))
        .routes(routes!(ask_question))
        .routes(routes!(list_questions))
        .routes(routes!(answer_question))
        .routes(routes!(event_file))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventRange {
    /// First agency date (YYYY-MM-DD); without it, from now.
    from: Option<NaiveDate>,
    /// Last agency date, inclusive.
    to: Option<NaiveDate>,
}

/// Published events that haven't ended, soonest first, with spots left.
#[utoipa::path(
    get,
    path = "/events",
    tag = "events",
    params(EventRange),
    responses((status = 200, body = Vec<EventSummary>), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn list_events(
    State(state): State<AppState>,
    ApiQuery(range): ApiQuery<EventRange>,
) -> AppResult<Json<Vec<EventSummary>>> {
    Ok(Json(
        services::events::list_public(
            &state.db,
            range.from,
            range.to,
            Utc::now(),
            state.config.timezone,
        )
        .await?,
    ))
}

/// One event, with its agenda and materials once released (when shown publicly).
#[utoipa::path(
    get,
    path = "/events/{id}",
    tag = "events",
    params(("id" = i64, Path)),
    responses((status = 200, body = EventDetail), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn get_event(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<EventDetail>> {
    Ok(Json(
        services::events::detail_public(
            &state.db,
            &state.config,
            id,
            Utc::now(),
            state.config.timezone,
        )
        .await?,
    ))
}

/// Signs up: a seat while there is one, else the waitlist (when the event has one).
/// Send an `Idempotency-Key` to make retries safe, as for every booking.
#[utoipa::path(
    post,
    path = "/events/{id}/registrations",
    tag = "events",
    params(
        ("id" = i64, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "16–128 visible ASCII characters; a repeat returns the first answer")
    ),
    request_body = NewRegistration,
    responses(
        (status = 201, body = EventRegistration),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`event_full` or `already_registered`", body = shared::ApiErrorBody),
        (status = 422, description = "Bad input, or a past or cancelled event", body = shared::ApiErrorBody)
    )
)]
pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<NewRegistration>,
) -> AppResult<(StatusCode, Json<EventRegistration>)> {
    let request = NewBooking::Event {
        event_id: id,
        name: request.name,
        email: request.email,
        discreet: request.discreet,
    };
    let booking = services::bookings::create(
        &state.db,
        &state.config,
        request,
        idempotency_key(&headers)?,
        Utc::now(),
    )
    .await?;
    let (Some(manage_token), Some(manage_url)) =
        (booking.manage_token.clone(), booking.manage_url.clone())
    else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "a new registration came back without its manage link"
        )));
    };
    let status = match booking.status {
        BookingStatus::Waitlisted => RegistrationStatus::Waitlisted,
        _ => RegistrationStatus::Registered,
    };
    Ok((
        StatusCode::CREATED,
        Json(EventRegistration {
            status,
            waitlist_position: booking.waitlist_position,
            manage_token,
            manage_url,
            booking,
        }),
    ))
}

/// The events I organise (admins: all), latest first.
#[utoipa::path(
    get,
    path = "/staff/events",
    tag = "events",
    responses((status = 200, body = Vec<StaffEvent>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn list_staff_events(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
) -> AppResult<Json<Vec<StaffEvent>>> {
    Ok(Json(
        services::events::list_for_staff(&state.db, &state.config, &staff.user).await?,
    ))
}

/// Creates a draft event; a mentor who creates it leads it.
#[utoipa::path(
    post,
    path = "/staff/events",
    tag = "events",
    request_body = EventInput,
    responses(
        (status = 201, body = StaffEvent),
        (status = 409, description = "`mentor_busy`", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn create_event(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiJson(input): ApiJson<EventInput>,
) -> AppResult<(StatusCode, Json<StaffEvent>)> {
    let event =
        services::events::create(&state.db, &state.config, &staff.user, input, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(event)))
}

#[utoipa::path(
    get,
    path = "/staff/events/{id}",
    tag = "events",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = StaffEvent),
        (status = 403, body = shared::ApiErrorBody),
        (status = 404, body = shared::ApiErrorBody)
    )
)]
pub async fn get_staff_event(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StaffEvent>> {
    Ok(Json(
        services::events::staff_view(&state.db, &state.config, &staff.user, id).await?,
    ))
}

/// Saves an edit. A new time on a published event moves every registration and tells
/// each person, with an updated calendar file.
#[utoipa::path(
    put,
    path = "/staff/events/{id}",
    tag = "events",
    params(("id" = i64, Path)),
    request_body = EventInput,
    responses(
        (status = 200, body = StaffEvent),
        (status = 403, body = shared::ApiErrorBody),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`event_closed` or `mentor_busy`", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn update_event(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<EventInput>,
) -> AppResult<Json<StaffEvent>> {
    Ok(Json(
        services::events::update(&state.db, &state.config, &staff.user, id, input, Utc::now())
            .await?,
    ))
}

/// An empty body for the state changes below (they are POSTs, and every API POST is JSON).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NoBody {}

#[utoipa::path(
    post,
    path = "/staff/events/{id}/publish",
    tag = "events",
    params(("id" = i64, Path)),
    request_body = NoBody,
    responses(
        (status = 200, body = StaffEvent),
        (status = 403, body = shared::ApiErrorBody),
        (status = 409, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn publish_event(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(_empty): ApiJson<NoBody>,
) -> AppResult<Json<StaffEvent>> {
    Ok(Json(
        services::events::publish(&state.db, &state.config, &staff.user, id, Utc::now()).await?,
    ))
}

/// Cancels the event; everyone registered or waiting is told.
#[utoipa::path(
    post,
    path = "/staff/events/{id}/cancel",
    tag = "events",
    params(("id" = i64, Path)),
    request_body = NoBody,
    responses(
        (status = 200, body = StaffEvent),
        (status = 403, body = shared::ApiErrorBody),
        (status = 409, body = shared::ApiErrorBody)
    )
)]
pub async fn cancel_event(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(_empty): ApiJson<NoBody>,
) -> AppResult<Json<StaffEvent>> {
    Ok(Json(
        services::events::cancel(&state.db, &state.config, &staff.user, id, Utc::now()).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/staff/events/{id}/complete",
    tag = "events",
    params(("id" = i64, Path)),
    request_body = NoBody,
    responses(
        (status = 200, body = StaffEvent),
        (status = 403, body = shared::ApiErrorBody),
        (status = 409, body = shared::ApiErrorBody)
    )
)]
pub async fn complete_event(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(_empty): ApiJson<NoBody>,
) -> AppResult<Json<StaffEvent>> {
    Ok(Json(
        services::events::complete(&state.db, &state.config, &staff.user, id, Utc::now()).await?,
    ))
}

/// Who's coming, for whoever is on the door (mentors, supervisors): names and
/// statuses, never an email.
#[utoipa::path(
    get,
    path = "/staff/events/{id}/registrations",
    tag = "events",
    params(("id" = i64, Path)),
    responses((status = 200, body = EventRoster), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn event_roster(
    State(state): State<AppState>,
    _staff: Staff<LoungeDesk>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<EventRoster>> {
    Ok(Json(services::events::roster(&state.db, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DoorCheckIn {
    /// `false` undoes a check-in made by mistake.
    pub arrived: bool,
}

/// Checks a registered person in at the door.
#[utoipa::path(
    put,
    path = "/staff/events/{id}/registrations/{booking_id}/check-in",
    tag = "events",
    params(("id" = i64, Path), ("booking_id" = i64, Path)),
    request_body = DoorCheckIn,
    responses(
        (status = 200, body = EventRoster),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, body = shared::ApiErrorBody)
    )
)]
pub async fn check_in(
    State(state): State<AppState>,
    staff: Staff<LoungeDesk>,
    ApiPath((id, booking_id)): ApiPath<(i64, i64)>,
    ApiJson(door): ApiJson<DoorCheckIn>,
) -> AppResult<Json<EventRoster>> {
    Ok(Json(
        services::events::check_in(
            &state.db,
            &staff.user,
            id,
            booking_id,
            door.arrived,
            Utc::now(),
        )
        .await?,
    ))
}

/// Counts someone who came without registering.
#[utoipa::path(
    post,
    path = "/staff/events/{id}/walk-ins",
    tag = "events",
    params(("id" = i64, Path)),
    request_body = NoBody,
    responses(
        (status = 200, body = EventRoster),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, body = shared::ApiErrorBody)
    )
)]
pub async fn add_walk_in(
    State(state): State<AppState>,
    _staff: Staff<LoungeDesk>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(_empty): ApiJson<NoBody>,
) -> AppResult<Json<EventRoster>> {
    Ok(Json(services::events::add_walk_in(&state.db, id).await?))
}

/// Staff who can be named as an event's contact person.
#[utoipa::path(
    get,
    path = "/staff/event-contacts",
    tag = "events",
    responses((status = 200, body = Vec<EventContact>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn event_contacts(
    State(state): State<AppState>,
    _staff: Staff<MentorRole>,
) -> AppResult<Json<Vec<EventContact>>> {
    Ok(Json(services::events::contacts(&state.db).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileTitle {
    /// What the file is, e.g. "Workshop handout".
    title: String,
}

/// Uploads a material: the raw file as the body, `Content-Type` application/pdf (at most
/// 10 MB) or image/jpeg, image/png, image/webp (at most 2 MB, metadata removed). A PUT
/// because every API POST must be JSON.
#[utoipa::path(
    put,
    path = "/staff/events/{id}/files",
    tag = "events",
    params(("id" = i64, Path), FileTitle),
    request_body(content = Vec<u8>, content_type = "application/pdf"),
    responses(
        (status = 201, body = StaffEvent),
        (status = 403, body = shared::ApiErrorBody),
        (status = 409, description = "`too_many_files`", body = shared::ApiErrorBody),
        (status = 413, body = shared::ApiErrorBody),
        (status = 415, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn upload_file(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(title): ApiQuery<FileTitle>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<(StatusCode, Json<StaffEvent>)> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            services::event_files::file_too_large()
        } else {
            AppError::bad_request("bad_request", rejection.body_text())
        }
    })?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let event = services::event_files::add_file(
        &state.db,
        &state.config,
        &staff.user,
        id,
        &title.title,
        declared,
        &body,
        Utc::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(event)))
}

#[utoipa::path(
    delete,
    path = "/staff/events/{id}/files/{file_id}",
    tag = "events",
    params(("id" = i64, Path), ("file_id" = i64, Path)),
    responses(
        (status = 200, body = StaffEvent),
        (status = 403, body = shared::ApiErrorBody),
        (status = 404, body = shared::ApiErrorBody)
    )
)]
pub async fn remove_file(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath((id, file_id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<StaffEvent>> {
    Ok(Json(
        services::event_files::remove_file(
            &state.db,
            &state.config,
            &staff.user,
            id,
            file_id,
            Utc::now(),
        )
        .await?,
    ))
}

/// An uploaded material, by the unguessable link handed out with the released agenda.
/// Served so a browser never runs it: a sandboxing CSP, and PDFs as downloads.
#[utoipa::path(
    get,
    path = "/event-files/{token}",
    tag = "events",
    params(("token" = String, Path)),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 404, body = shared::ApiErrorBody)
    )
)]
pub async fn event_file(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> AppResult<Response> {
    let file = services::event_files::file_by_token(&state.db, &token).await?;
    let content_type = HeaderValue::from_str(&file.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = if file.content_type == "application/pdf" {
        HeaderValue::from_static("attachment; filename=\"material.pdf\"")
    } else {
        HeaderValue::from_static("inline")
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox; default-src 'none'"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            ),
        ],
        file.bytes,
    )
        .into_response())
}

/// Sends a question to the event's contact person through the agency. They see the name
/// and the question, never the email, which is only used to send their answer.
#[utoipa::path(
    post,
    path = "/events/{id}/questions",
    tag = "events",
    params(("id" = i64, Path)),
    request_body = NewEventQuestion,
    responses(
        (status = 204, description = "Sent"),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn ask_question(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(question): ApiJson<NewEventQuestion>,
) -> AppResult<StatusCode> {
    services::event_questions::ask(&state.db, &state.config, id, question, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Questions sent about an event I organise, newest first (never an email).
#[utoipa::path(
    get,
    path = "/staff/events/{id}/questions",
    tag = "events",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Vec<EventQuestion>),
        (status = 403, body = shared::ApiErrorBody),
        (status = 404, body = shared::ApiErrorBody)
    )
)]
pub async fn list_questions(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<EventQuestion>>> {
    Ok(Json(
        services::event_questions::questions(&state.db, &state.config, &staff.user, id).await?,
    ))
}

/// Emails my answer to whoever asked; their address stays private.
#[utoipa::path(
    post,
    path = "/staff/events/{id}/questions/{question_id}/reply",
    tag = "events",
    params(("id" = i64, Path), ("question_id" = i64, Path)),
    request_body = EventQuestionReply,
    responses(
        (status = 200, body = EventQuestion),
        (status = 403, body = shared::ApiErrorBody),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`no_address`: they left no email", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn answer_question(
    State(state): State<AppState>,
    staff: Staff<MentorRole>,
    ApiPath((id, question_id)): ApiPath<(i64, i64)>,
    ApiJson(reply): ApiJson<EventQuestionReply>,
) -> AppResult<Json<EventQuestion>> {
    Ok(Json(
        services::event_questions::reply(
            &state.db,
            &state.config,
            &staff.user,
            id,
            question_id,
            reply,
            Utc::now(),
        )
        .await?,
    ))
}

//! The public side of peer mentoring: the directory young people choose from, a mentor's
//! photo, their free office-hours times, and the agency's topic list.

use axum::{
    extract::State,
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
    Json,
};
use chrono::Utc;
use serde::Deserialize;
use shared::{MentorProfile, SlotAvailability, Topic};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::AppResult,
    extract::{ApiPath, ApiQuery},
    routes::spaces::SlotRange,
    services::{self, mentors::DirectoryFilter},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_mentors))
        .routes(routes!(get_mentor))
        .routes(routes!(mentor_photo))
        .routes(routes!(mentor_slots))
        .routes(routes!(any_mentor_slots))
        .routes(routes!(list_topics))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MentorFilter {
    /// Only mentors who talk about this lived-experience topic.
    topic: Option<String>,
    /// Only mentors who speak this language.
    language: Option<String>,
}

/// Mentors young people can choose from: published, with current screening. Never an
/// email, phone number or surname.
#[utoipa::path(
    get,
    path = "/mentors",
    tag = "mentors",
    params(MentorFilter),
    responses((status = 200, body = Vec<MentorProfile>))
)]
pub async fn list_mentors(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<MentorFilter>,
) -> AppResult<Json<Vec<MentorProfile>>> {
    let filter = DirectoryFilter {
        topic: filter.topic,
        language: filter.language,
    };
    let mentors =
        services::mentors::list_public(&state.db, &filter, Utc::now(), state.config.timezone)
            .await?;
    Ok(Json(mentors))
}

/// One mentor of the directory.
#[utoipa::path(
    get,
    path = "/mentors/{id}",
    tag = "mentors",
    params(("id" = i64, Path)),
    responses((status = 200, body = MentorProfile), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn get_mentor(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<MentorProfile>> {
    Ok(Json(
        services::mentors::find_public(&state.db, id, Utc::now(), state.config.timezone).await?,
    ))
}

/// A listed mentor's photo, from our own origin. Its URL carries its version, so it
/// may be cached for long.
#[utoipa::path(
    get,
    path = "/mentors/{id}/photo",
    tag = "mentors",
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "A JPEG, PNG or WebP image", content_type = "image/*"),
        (status = 404, body = shared::ApiErrorBody)
    )
)]
pub async fn mentor_photo(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Response> {
    let (content_type, bytes) =
        services::mentors::photo(&state.db, id, Utc::now(), state.config.timezone).await?;
    let content_type = HeaderValue::from_str(&content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A mentor's free office-hours times (capacity 1). Times carry the agency zone's offset.
#[utoipa::path(
    get,
    path = "/mentors/{id}/slots",
    tag = "mentors",
    params(("id" = i64, Path), SlotRange),
    responses(
        (status = 200, body = Vec<SlotAvailability>),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, description = "A reversed range, or one over 31 days", body = shared::ApiErrorBody)
    )
)]
pub async fn mentor_slots(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(range): ApiQuery<SlotRange>,
) -> AppResult<Json<Vec<SlotAvailability>>> {
    let slots = services::mentors::free_slots(
        &state.db,
        Some(id),
        range.from,
        range.to,
        Utc::now(),
        state.config.timezone,
    )
    .await?;
    Ok(Json(slots))
}

/// Times when any listed mentor is free, for "any available mentor"; `available` says
/// how many are.
#[utoipa::path(
    get,
    path = "/mentors/any/slots",
    tag = "mentors",
    params(SlotRange),
    responses(
        (status = 200, body = Vec<SlotAvailability>),
        (status = 422, description = "A reversed range, or one over 31 days", body = shared::ApiErrorBody)
    )
)]
pub async fn any_mentor_slots(
    State(state): State<AppState>,
    ApiQuery(range): ApiQuery<SlotRange>,
) -> AppResult<Json<Vec<SlotAvailability>>> {
    let slots = services::mentors::free_slots(
        &state.db,
        None,
        range.from,
        range.to,
        Utc::now(),
        state.config.timezone,
    )
    .await?;
    Ok(Json(slots))
}

/// The agency's lived-experience topics, for filtering the directory.
#[utoipa::path(
    get,
    path = "/topics",
    tag = "mentors",
    responses((status = 200, body = Vec<Topic>))
)]
pub async fn list_topics(State(state): State<AppState>) -> AppResult<Json<Vec<Topic>>> {
    Ok(Json(services::mentors::list_topics(&state.db).await?))
}

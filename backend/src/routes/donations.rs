//! Facilities staff's donors, donations, thank-you letters and letterhead.

use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::Utc;
use serde::Deserialize;
use shared::{Donation, Donor, DonorDetail, ImpactNote, Letterhead, NewDonation, NewDonor, Page};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{FacilitiesRole, Staff},
    error::AppResult,
    extract::{ApiJson, ApiPath, ApiQuery},
    services::donations,
    state::AppState,
};

/// The letter page's stylesheet (served, not inline, so the site's CSP holds).
const LETTER_CSS: &str = include_str!("../../templates/donation_letter/letter.css");

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_donors, create_donor))
        .routes(routes!(get_donor, update_donor))
        .routes(routes!(send_impact_note))
        .routes(routes!(list_donations, create_donation))
        .routes(routes!(get_donation))
        .routes(routes!(letter))
        .routes(routes!(email_letter))
        .routes(routes!(letter_css))
        .routes(routes!(get_letterhead, set_letterhead))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DonorQuery {
    /// Words in the name, contact person or email.
    q: Option<String>,
}

/// Donors by name.
#[utoipa::path(
    get,
    path = "/facilities/donors",
    tag = "donations",
    params(DonorQuery),
    responses((status = 200, body = Vec<Donor>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn list_donors(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiQuery(query): ApiQuery<DonorQuery>,
) -> AppResult<Json<Vec<Donor>>> {
    Ok(Json(
        donations::list_donors(&state.db, query.q.as_deref()).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/facilities/donors",
    tag = "donations",
    request_body = NewDonor,
    responses((status = 201, body = Donor), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn create_donor(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(new): ApiJson<NewDonor>,
) -> AppResult<(StatusCode, Json<Donor>)> {
    let donor = donations::create_donor(&state.db, &staff.user, new, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(donor)))
}

/// A donor with everything they gave and where it is now.
#[utoipa::path(
    get,
    path = "/facilities/donors/{id}",
    tag = "donations",
    params(("id" = i64, Path)),
    responses((status = 200, body = DonorDetail), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn get_donor(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<DonorDetail>> {
    Ok(Json(
        donations::donor_detail(&state.db, &state.config, id).await?,
    ))
}

#[utoipa::path(
    put,
    path = "/facilities/donors/{id}",
    tag = "donations",
    params(("id" = i64, Path)),
    request_body = NewDonor,
    responses(
        (status = 200, body = Donor),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn update_donor(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewDonor>,
) -> AppResult<Json<Donor>> {
    Ok(Json(
        donations::update_donor(&state.db, &staff.user, id, new, Utc::now()).await?,
    ))
}

/// Emails the donor a note on where their gifts are now.
#[utoipa::path(
    post,
    path = "/facilities/donors/{id}/impact-note",
    tag = "donations",
    params(("id" = i64, Path)),
    request_body = ImpactNote,
    responses(
        (status = 202, description = "Queued for sending"),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, description = "`donor_has_no_email` or an empty note", body = shared::ApiErrorBody)
    )
)]
pub async fn send_impact_note(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(note): ApiJson<ImpactNote>,
) -> AppResult<StatusCode> {
    donations::send_impact_note(&state.db, &state.config, &staff.user, id, note, Utc::now())
        .await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DonationQuery {
    donor_id: Option<i64>,
    /// From 1.
    page: Option<u64>,
    /// At most 100; 25 unless given.
    per_page: Option<u64>,
}

/// Donations, newest first.
#[utoipa::path(
    get,
    path = "/facilities/donations",
    tag = "donations",
    params(DonationQuery),
    responses((status = 200, body = Page<Donation>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn list_donations(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiQuery(query): ApiQuery<DonationQuery>,
) -> AppResult<Json<Page<Donation>>> {
    Ok(Json(
        donations::list_donations(
            &state.db,
            &state.config,
            query.donor_id,
            query.page.unwrap_or(1),
            query.per_page.unwrap_or(25),
        )
        .await?,
    ))
}

/// Logs a donation with its items (and its donor, if new): all saved, or nothing.
#[utoipa::path(
    post,
    path = "/facilities/donations",
    tag = "donations",
    request_body = NewDonation,
    responses((status = 201, body = Donation), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn create_donation(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(new): ApiJson<NewDonation>,
) -> AppResult<(StatusCode, Json<Donation>)> {
    let donation =
        donations::create_donation(&state.db, &state.config, &staff.user, new, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(donation)))
}

#[utoipa::path(
    get,
    path = "/facilities/donations/{id}",
    tag = "donations",
    params(("id" = i64, Path)),
    responses((status = 200, body = Donation), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn get_donation(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Donation>> {
    Ok(Json(
        donations::donation(&state.db, &state.config, id).await?,
    ))
}

/// The thank-you and acknowledgement letter, as a page to print.
#[utoipa::path(
    get,
    path = "/facilities/donations/{id}/letter",
    tag = "donations",
    params(("id" = i64, Path)),
    responses(
        (status = 200, content_type = "text/html", body = String),
        (status = 404, body = shared::ApiErrorBody)
    )
)]
pub async fn letter(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Response> {
    let page = donations::letter_page(&state.db, &state.config, id, Utc::now()).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        page,
    )
        .into_response())
}

/// Emails the letter to the donor.
#[utoipa::path(
    post,
    path = "/facilities/donations/{id}/letter/email",
    tag = "donations",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Donation),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, description = "`donor_has_no_email`", body = shared::ApiErrorBody)
    )
)]
pub async fn email_letter(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Donation>> {
    Ok(Json(
        donations::email_letter(&state.db, &state.config, &staff.user, id, Utc::now()).await?,
    ))
}

/// The stylesheet of letter pages (screen and print).
#[utoipa::path(
    get,
    path = "/letter.css",
    tag = "donations",
    responses((status = 200, content_type = "text/css", body = String))
)]
pub async fn letter_css() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        LETTER_CSS,
    )
        .into_response()
}

#[utoipa::path(
    get,
    path = "/facilities/letterhead",
    tag = "donations",
    responses((status = 200, body = Letterhead), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn get_letterhead(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
) -> AppResult<Json<Letterhead>> {
    Ok(Json(donations::letterhead(&state.db, &state.config).await?))
}

/// Sets what letters carry at the top and bottom (the agency's name comes from settings).
#[utoipa::path(
    put,
    path = "/facilities/letterhead",
    tag = "donations",
    request_body = Letterhead,
    responses((status = 200, body = Letterhead), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn set_letterhead(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(new): ApiJson<Letterhead>,
) -> AppResult<Json<Letterhead>> {
    Ok(Json(
        donations::set_letterhead(&state.db, &state.config, &staff.user, new, Utc::now()).await?,
    ))
}

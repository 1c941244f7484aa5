//! The public wishlist and pledges, and facilities staff's side of both.

use axum::{extract::State, http::StatusCode, Json};
use chrono::Utc;
use serde::Deserialize;
use shared::{
    Donation, NewPledge, NewWish, Pledge, PledgeArrived, PledgeReceipt, PledgeStatus, PublicWish,
    Wish,
};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{FacilitiesRole, Staff},
    error::AppResult,
    extract::{ApiJson, ApiPath, ApiQuery},
    services::wishlist,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(public_wishlist))
        .routes(routes!(pledge))
        .routes(routes!(staff_wishlist, add_wish))
        .routes(routes!(change_wish, archive_wish))
        .routes(routes!(list_pledges))
        .routes(routes!(withdraw_pledge))
        .routes(routes!(pledge_arrived))
}

/// What the lounge still needs, most needed first. Never who pledged.
#[utoipa::path(
    get,
    path = "/wishlist",
    tag = "wishlist",
    responses((status = 200, body = Vec<PublicWish>))
)]
pub async fn public_wishlist(State(state): State<AppState>) -> AppResult<Json<Vec<PublicWish>>> {
    Ok(Json(wishlist::public_list(&state.db).await?))
}

/// A partner pledges some of what is needed; facilities staff are emailed.
#[utoipa::path(
    post,
    path = "/wishlist/{id}/pledges",
    tag = "wishlist",
    params(("id" = i64, Path)),
    request_body = NewPledge,
    responses(
        (status = 201, body = PledgeReceipt),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`fully_pledged`: more than is still needed", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn pledge(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewPledge>,
) -> AppResult<(StatusCode, Json<PledgeReceipt>)> {
    let receipt = wishlist::pledge(&state.db, &state.config, id, new, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// Every open wish, with what is pledged.
#[utoipa::path(
    get,
    path = "/facilities/wishlist",
    tag = "wishlist",
    responses((status = 200, body = Vec<Wish>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn staff_wishlist(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
) -> AppResult<Json<Vec<Wish>>> {
    Ok(Json(wishlist::staff_list(&state.db).await?))
}

#[utoipa::path(
    post,
    path = "/facilities/wishlist",
    tag = "wishlist",
    request_body = NewWish,
    responses((status = 201, body = Wish), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn add_wish(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(new): ApiJson<NewWish>,
) -> AppResult<(StatusCode, Json<Wish>)> {
    let wish = wishlist::add_wish(&state.db, &staff.user, new, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(wish)))
}

/// Changes a wish; it can't ask for fewer than are pledged.
#[utoipa::path(
    put,
    path = "/facilities/wishlist/{id}",
    tag = "wishlist",
    params(("id" = i64, Path)),
    request_body = NewWish,
    responses(
        (status = 200, body = Wish),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn change_wish(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewWish>,
) -> AppResult<Json<Wish>> {
    Ok(Json(
        wishlist::change_wish(&state.db, &staff.user, id, new, Utc::now()).await?,
    ))
}

/// Takes a wish off the list (its pledges stay on record).
#[utoipa::path(
    delete,
    path = "/facilities/wishlist/{id}",
    tag = "wishlist",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn archive_wish(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    wishlist::archive_wish(&state.db, &staff.user, id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PledgeQuery {
    status: Option<PledgeStatus>,
}

/// Pledges, newest first.
#[utoipa::path(
    get,
    path = "/facilities/pledges",
    tag = "wishlist",
    params(PledgeQuery),
    responses((status = 200, body = Vec<Pledge>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn list_pledges(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiQuery(query): ApiQuery<PledgeQuery>,
) -> AppResult<Json<Vec<Pledge>>> {
    Ok(Json(
        wishlist::list_pledges(&state.db, &state.config, query.status).await?,
    ))
}

/// The partner won't bring it after all: what they pledged is needed again.
#[utoipa::path(
    post,
    path = "/facilities/pledges/{id}/withdraw",
    tag = "wishlist",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Pledge),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`pledge_closed`", body = shared::ApiErrorBody)
    )
)]
pub async fn withdraw_pledge(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Pledge>> {
    Ok(Json(
        wishlist::withdraw(&state.db, &state.config, &staff.user, id, Utc::now()).await?,
    ))
}

/// The pledged gift arrived: a donation with its items (and donor) in one step.
#[utoipa::path(
    post,
    path = "/facilities/pledges/{id}/donation",
    tag = "wishlist",
    params(("id" = i64, Path)),
    request_body = PledgeArrived,
    responses(
        (status = 201, body = Donation),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`pledge_closed`", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn pledge_arrived(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(arrived): ApiJson<PledgeArrived>,
) -> AppResult<(StatusCode, Json<Donation>)> {
    let donation = wishlist::arrived(
        &state.db,
        &state.config,
        &staff.user,
        id,
        arrived,
        Utc::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(donation)))
}

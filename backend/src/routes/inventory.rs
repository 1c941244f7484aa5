//! Facilities staff's inventory of donated furniture and supplies.

use axum::{extract::State, http::StatusCode, Json};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use shared::{
    Item, ItemCategory, ItemChange, ItemCondition, ItemDetail, ItemStatus, NewItem,
    NewItemCategory, Page, StockChange,
};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{FacilitiesRole, Staff},
    error::{AppError, AppResult},
    extract::{ApiJson, ApiPath, ApiQuery},
    services::{
        self,
        inventory::{ItemFilter, ItemSort},
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_categories, add_category))
        .routes(routes!(list_items, create_item))
        .routes(routes!(get_item, change_item))
        .routes(routes!(change_stock))
}

#[utoipa::path(
    get,
    path = "/facilities/categories",
    tag = "inventory",
    responses((status = 200, body = Vec<ItemCategory>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn list_categories(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
) -> AppResult<Json<Vec<ItemCategory>>> {
    Ok(Json(services::inventory::categories(&state.db).await?))
}

#[utoipa::path(
    post,
    path = "/facilities/categories",
    tag = "inventory",
    request_body = NewItemCategory,
    responses(
        (status = 201, body = ItemCategory),
        (status = 409, description = "`category_exists`", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn add_category(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(new): ApiJson<NewItemCategory>,
) -> AppResult<(StatusCode, Json<ItemCategory>)> {
    let category =
        services::inventory::add_category(&state.db, &staff.user, new, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(category)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// Words in the name or notes.
    q: Option<String>,
    category_id: Option<i64>,
    status: Option<ItemStatus>,
    condition: Option<ItemCondition>,
    space_id: Option<i64>,
    /// A storage place, exactly as written on the items.
    storage_place: Option<String>,
    /// Items that came with this donor's donations.
    donor_id: Option<i64>,
    /// Received on or after (YYYY-MM-DD).
    received_from: Option<NaiveDate>,
    /// Received on or before (YYYY-MM-DD).
    received_to: Option<NaiveDate>,
    /// `name` (the default), `received_on`, `quantity` or `category`; `-` first for
    /// descending, e.g. `-received_on`.
    sort: Option<String>,
    /// From 1.
    page: Option<u64>,
    /// At most 200; 50 unless given.
    per_page: Option<u64>,
}

/// Items matching the filters, by name, a page at a time.
#[utoipa::path(
    get,
    path = "/facilities/items",
    tag = "inventory",
    params(ItemQuery),
    responses((status = 200, body = Page<Item>), (status = 403, body = shared::ApiErrorBody))
)]
pub async fn list_items(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiQuery(query): ApiQuery<ItemQuery>,
) -> AppResult<Json<Page<Item>>> {
    let (sort, descending) = match query.sort.as_deref() {
        None => (ItemSort::Name, false),
        Some(sort) => ItemSort::parse(sort).ok_or_else(|| {
            AppError::invalid_field(
                "sort",
                "Sort by name, received_on, quantity or category (a leading - for descending).",
            )
        })?,
    };
    if let (Some(from), Some(to)) = (query.received_from, query.received_to) {
        if to < from {
            return Err(AppError::invalid_field(
                "received_to",
                "Choose an end date on or after the start.",
            ));
        }
    }
    let filter = ItemFilter {
        text: query.q,
        category_id: query.category_id,
        status: query.status,
        condition: query.condition,
        space_id: query.space_id,
        storage_place: query.storage_place,
        donor_id: query.donor_id,
        received_from: query.received_from,
        received_to: query.received_to,
        sort,
        descending,
        page: query.page.unwrap_or(1),
        per_page: query.per_page.unwrap_or(50),
    };
    Ok(Json(
        services::inventory::list_items(&state.db, filter).await?,
    ))
}

/// Logs an item that came in.
#[utoipa::path(
    post,
    path = "/facilities/items",
    tag = "inventory",
    request_body = NewItem,
    responses((status = 201, body = ItemDetail), (status = 422, body = shared::ApiErrorBody))
)]
pub async fn create_item(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(new): ApiJson<NewItem>,
) -> AppResult<(StatusCode, Json<ItemDetail>)> {
    let item =
        services::inventory::create_item(&state.db, &state.config, &staff.user, new, Utc::now())
            .await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// An item with its history.
#[utoipa::path(
    get,
    path = "/facilities/items/{id}",
    tag = "inventory",
    params(("id" = i64, Path)),
    responses((status = 200, body = ItemDetail), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn get_item(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ItemDetail>> {
    Ok(Json(
        services::inventory::item_detail(&state.db, &state.config, id).await?,
    ))
}

/// Changes an item; quantity, status, condition and location changes go in its history.
#[utoipa::path(
    patch,
    path = "/facilities/items/{id}",
    tag = "inventory",
    params(("id" = i64, Path)),
    request_body = ItemChange,
    responses(
        (status = 200, body = ItemDetail),
        (status = 404, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn change_item(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<ItemChange>,
) -> AppResult<Json<ItemDetail>> {
    Ok(Json(
        services::inventory::change_item(
            &state.db,
            &state.config,
            &staff.user,
            id,
            change,
            Utc::now(),
        )
        .await?,
    ))
}

/// Uses up or restocks a supply; never below zero.
#[utoipa::path(
    post,
    path = "/facilities/items/{id}/stock",
    tag = "inventory",
    params(("id" = i64, Path)),
    request_body = StockChange,
    responses(
        (status = 200, body = ItemDetail),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`not_enough_stock`", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn change_stock(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<StockChange>,
) -> AppResult<Json<ItemDetail>> {
    Ok(Json(
        services::inventory::change_stock(
            &state.db,
            &state.config,
            &staff.user,
            id,
            change,
            Utc::now(),
        )
        .await?,
    ))
}

//! Facilities staff's inventory of donated furniture and supplies.

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
    BulkStatusChange, ImportPreview, Item, ItemCategory, ItemChange, ItemCondition, ItemDetail,
    ItemImport, ItemStatus, NewItem, NewItemCategory, Page, StockChange,
};
use utoipa::IntoParams;
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

use crate::{
    authz::{FacilitiesRole, Staff},
    error::{AppError, AppResult},
    extract::{ApiJson, ApiPath, ApiQuery},
    photos,
    services::{
        self,
        inventory::{ItemFilter, ItemSort},
        inventory_csv,
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_categories, add_category))
        .routes(routes!(list_items, create_item))
        .routes(routes!(get_item, change_item))
        .routes(routes!(change_stock))
        .routes(routes!(change_statuses))
        .routes(routes!(export_items))
        // JSON escapes can double the CSV's size; the service holds the CSV to its limit.
        .routes(routes!(import_items).layer(DefaultBodyLimit::max(
            2 * inventory_csv::MAX_CSV_BYTES + 64 * 1024,
        )))
        // The photo's own limit, so a large upload gets our answer rather than axum's.
        .routes(routes!(add_photo).layer(DefaultBodyLimit::max(photos::MAX_BYTES + 1)))
        .routes(routes!(get_photo, remove_photo))
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

impl ItemQuery {
    /// The filter the query asks for; a bad sort or a reversed range is a 422.
    fn into_filter(self) -> AppResult<ItemFilter> {
        let (sort, descending) = match self.sort.as_deref() {
            None => (ItemSort::Name, false),
            Some(sort) => ItemSort::parse(sort).ok_or_else(|| {
                AppError::invalid_field(
                    "sort",
                    "Sort by name, received_on, quantity or category (a leading - for descending).",
                )
            })?,
        };
        if let (Some(from), Some(to)) = (self.received_from, self.received_to) {
            if to < from {
                return Err(AppError::invalid_field(
                    "received_to",
                    "Choose an end date on or after the start.",
                ));
            }
        }
        Ok(ItemFilter {
            text: self.q,
            category_id: self.category_id,
            status: self.status,
            condition: self.condition,
            space_id: self.space_id,
            storage_place: self.storage_place,
            donor_id: self.donor_id,
            received_from: self.received_from,
            received_to: self.received_to,
            sort,
            descending,
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(50),
        })
    }
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
    Ok(Json(
        services::inventory::list_items(&state.db, query.into_filter()?).await?,
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

/// Gives several items one status, all or none; each change goes in its item's history.
#[utoipa::path(
    post,
    path = "/facilities/items/status",
    tag = "inventory",
    request_body = BulkStatusChange,
    responses(
        (status = 200, description = "The changed items", body = Vec<Item>),
        (status = 422, description = "An unknown id (nothing changed), or disposing without a reason", body = shared::ApiErrorBody)
    )
)]
pub async fn change_statuses(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(change): ApiJson<BulkStatusChange>,
) -> AppResult<Json<Vec<Item>>> {
    Ok(Json(
        services::inventory::change_statuses(
            &state.db,
            &state.config,
            &staff.user,
            change,
            Utc::now(),
        )
        .await?,
    ))
}

/// Every item matching the list's filters (not one page) as a CSV file. Cells a
/// spreadsheet would run as formulas start with `'`.
#[utoipa::path(
    get,
    path = "/facilities/items/export.csv",
    tag = "inventory",
    params(ItemQuery),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn export_items(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiQuery(query): ApiQuery<ItemQuery>,
) -> AppResult<Response> {
    let csv = inventory_csv::export(&state.db, &query.into_filter()?).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"inventory.csv\""),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        csv,
    )
        .into_response())
}

/// Checks a CSV file of items (`save: false`: 200, nothing saved) or saves all its rows
/// (`save: true`: 201), or none if any row has a problem (422, each under `line N`).
/// Columns: name, category, quantity, condition, status, received_on and location
/// (a space's name or a storage place) are needed; unit, estimated_value, notes and
/// low_stock_threshold may be given. At most 5,000 rows and 2 MB.
#[utoipa::path(
    post,
    path = "/facilities/items/import",
    tag = "inventory",
    request_body = ItemImport,
    responses(
        (status = 200, description = "Checked, nothing saved", body = ImportPreview),
        (status = 201, description = "Every row saved", body = ImportPreview),
        (status = 413, body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn import_items(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiJson(import): ApiJson<ItemImport>,
) -> AppResult<(StatusCode, Json<ImportPreview>)> {
    let status = if import.save {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let preview =
        inventory_csv::import(&state.db, &state.config, &staff.user, import, Utc::now()).await?;
    Ok((status, Json(preview)))
}

/// Adds a photo of an item (at most five): the raw image as the body, `Content-Type`
/// image/jpeg, image/png or image/webp, at most 2 MB. Its metadata is removed. A PUT
/// because every API POST must be JSON.
#[utoipa::path(
    put,
    path = "/facilities/items/{id}/photos",
    tag = "inventory",
    params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses(
        (status = 201, body = ItemDetail),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "`too_many_photos`", body = shared::ApiErrorBody),
        (status = 413, body = shared::ApiErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP photo, or not what `Content-Type` says", body = shared::ApiErrorBody),
        (status = 422, description = "A damaged photo", body = shared::ApiErrorBody)
    )
)]
pub async fn add_photo(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<(StatusCode, Json<ItemDetail>)> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            photos::too_large()
        } else {
            AppError::bad_request("bad_request", rejection.body_text())
        }
    })?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let item = services::item_photos::add_photo(
        &state.db,
        &state.config,
        &staff.user,
        id,
        declared,
        &body,
        Utc::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// A photo of an item, for facilities staff only.
#[utoipa::path(
    get,
    path = "/facilities/items/{id}/photos/{photo_id}",
    tag = "inventory",
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses(
        (status = 200, content_type = "image/jpeg", body = Vec<u8>),
        (status = 404, body = shared::ApiErrorBody)
    )
)]
pub async fn get_photo(
    State(state): State<AppState>,
    _staff: Staff<FacilitiesRole>,
    ApiPath((id, photo_id)): ApiPath<(i64, i64)>,
) -> AppResult<Response> {
    let (content_type, bytes) = services::item_photos::photo(&state.db, id, photo_id).await?;
    let content_type = HeaderValue::from_str(&content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            // A photo's id never shows other bytes, but only this browser may keep it.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[utoipa::path(
    delete,
    path = "/facilities/items/{id}/photos/{photo_id}",
    tag = "inventory",
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses((status = 204, description = "Removed"), (status = 404, body = shared::ApiErrorBody))
)]
pub async fn remove_photo(
    State(state): State<AppState>,
    staff: Staff<FacilitiesRole>,
    ApiPath((id, photo_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    services::item_photos::remove_photo(&state.db, &staff.user, id, photo_id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

//! The HTTP API: each module exports `router()`; all are nested under `/api` here, and
//! every route lands in the generated OpenAPI document.

use axum::{http::StatusCode, routing::get, Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::{error::AppError, state::AppState};

pub mod admin;
pub mod admin_spaces;
pub mod auth;
pub mod bookings;
pub mod donations;
pub mod events;
pub mod health;
pub mod inventory;
pub mod mentor_self;
pub mod mentors;
pub mod spaces;
pub mod supervision;
pub mod wishlist;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Peer Lounge API",
        description = "Book lounge drop-ins, peer mentor office hours and event seats; run the lounge.",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(shared::ApiErrorBody, shared::ApiError))
)]
struct ApiDoc;

/// The `/api` router, with JSON 404/405 answers for anything it does not know.
pub fn api_router() -> Router<AppState> {
    let (router, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .merge(admin::router())
        .merge(admin_spaces::router())
        .merge(bookings::router())
        .merge(spaces::router())
        .merge(mentors::router())
        .merge(mentor_self::router())
        .merge(supervision::router())
        .merge(events::router())
        .merge(inventory::router())
        .merge(donations::router())
        .merge(wishlist::router())
        .split_for_parts();
    let openapi = with_prefix(openapi, "/api");
    let document = serde_json::to_value(&openapi).unwrap_or_default();
    router
        .route("/openapi.json", get(move || async move { Json(document) }))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// Route modules declare paths relative to `/api`; the document lists them in full.
fn with_prefix(mut openapi: utoipa::openapi::OpenApi, prefix: &str) -> utoipa::openapi::OpenApi {
    let paths = std::mem::take(&mut openapi.paths.paths);
    openapi.paths.paths = paths
        .into_iter()
        .map(|(path, item)| (format!("{prefix}{path}"), item))
        .collect();
    openapi
}

pub async fn not_found() -> AppError {
    AppError::not_found("There is no such API endpoint.")
}

async fn method_not_allowed() -> AppError {
    AppError::client(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "This endpoint does not accept that method.",
    )
}

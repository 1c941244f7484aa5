//! Liveness and readiness in one: is the service up, can it reach its database.

use axum::{extract::State, http::StatusCode, Json};
use shared::Health;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{email::outbox, state::AppState};
use chrono::Utc;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Whether the service is up and its database answers.
#[utoipa::path(
    get,
    path = "/health",
    tag = "system",
    responses(
        (status = 200, description = "Up and ready", body = Health),
        (status = 503, description = "Up, but the database does not answer", body = Health)
    )
)]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let database_ok = state.db.ping().await;
    let backlog = if database_ok {
        outbox::backlog(&state.db, Utc::now()).await.ok()
    } else {
        None
    };
    let status = if database_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Health {
            status: if database_ok { "ok" } else { "degraded" }.to_owned(),
            database: if database_ok { "ok" } else { "unavailable" }.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            outbox_backlog: backlog.map(|(count, _)| count),
            oldest_due_email_seconds: backlog
                .and_then(|(_, oldest)| oldest)
                .map(|age| age.num_seconds().max(0)),
            timezone: Some(state.config.timezone.name().to_owned()),
        }),
    )
}

//! Admin endpoints: staff accounts and the audit log.

use axum::{extract::State, http::StatusCode, Json};
use chrono::Utc;
use serde::Deserialize;
use shared::{AuditEntry, Page, StaffAccount, UpdateStaffAccount};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{AdminRole, Staff},
    error::AppResult,
    extract::{ApiJson, ApiPath, ApiQuery},
    services::{self, audit::AuditFilter},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users))
        .routes(routes!(update_user))
        .routes(routes!(list_audit_log))
}

/// Every staff account.
#[utoipa::path(
    get,
    path = "/admin/users",
    tag = "admin",
    responses((status = 200, body = Vec<StaffAccount>))
)]
pub async fn list_users(
    State(state): State<AppState>,
    _admin: Staff<AdminRole>,
) -> AppResult<Json<Vec<StaffAccount>>> {
    Ok(Json(
        services::staff::list_accounts(&state.db, state.config.timezone).await?,
    ))
}

/// Changes a staff account's name, roles, or whether it is disabled.
#[utoipa::path(
    patch,
    path = "/admin/users/{id}",
    tag = "admin",
    params(("id" = i64, Path, description = "Staff account id")),
    request_body = UpdateStaffAccount,
    responses(
        (status = 204),
        (status = 404, body = shared::ApiErrorBody),
        (status = 409, description = "Would leave no active admin", body = shared::ApiErrorBody)
    )
)]
pub async fn update_user(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<UpdateStaffAccount>,
) -> AppResult<StatusCode> {
    services::staff::update_account(&state.db, &admin.user, id, change, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Page number, from 1.
    page: Option<u64>,
    /// Entries per page, at most 200 (default 50).
    per_page: Option<u64>,
    actor_id: Option<i64>,
    action: Option<String>,
    target_type: Option<String>,
    target_id: Option<String>,
}

/// The audit log, newest first.
#[utoipa::path(
    get,
    path = "/admin/audit",
    tag = "admin",
    params(AuditQuery),
    responses((status = 200, body = Page<AuditEntry>))
)]
pub async fn list_audit_log(
    State(state): State<AppState>,
    _admin: Staff<AdminRole>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> AppResult<Json<Page<AuditEntry>>> {
    let filter = AuditFilter {
        actor_id: query.actor_id,
        action: query.action,
        target_type: query.target_type,
        target_id: query.target_id,
    };
    let page = services::audit::list(
        &state.db,
        filter,
        query.page.unwrap_or(1),
        query.per_page.unwrap_or(50),
        state.config.timezone,
    )
    .await?;
    Ok(Json(page))
}

//! Admin endpoints: staff accounts and the audit log.

use axum::{extract::State, http::StatusCode, Json};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use shared::{AuditEntry, NewStaffAccount, OutboxMessage, Page, StaffAccount, UpdateStaffAccount};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{AdminRole, Staff},
    email::outbox,
    error::{AppError, AppResult},
    extract::{ApiJson, ApiPath, ApiQuery},
    services::{self, audit::AuditFilter},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, invite_user))
        .routes(routes!(update_user))
        .routes(routes!(list_audit_log))
        .routes(routes!(list_outbox))
        .routes(routes!(requeue_email))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Invites a staff member: creates the account and emails a single-use link (72 h) where
/// they set their password.
#[utoipa::path(
    post,
    path = "/admin/users",
    tag = "admin",
    request_body = NewStaffAccount,
    responses(
        (status = 201, body = Created),
        (status = 409, description = "An account with that email exists", body = shared::ApiErrorBody),
        (status = 422, body = shared::ApiErrorBody)
    )
)]
pub async fn invite_user(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiJson(request): ApiJson<NewStaffAccount>,
) -> AppResult<(StatusCode, Json<Created>)> {
    let id =
        services::staff_links::invite(&state.db, &state.config, &admin.user, request, Utc::now())
            .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// `queued`, `sending`, `sent` or `dead`; all when absent.
    state: Option<String>,
    page: Option<u64>,
    per_page: Option<u64>,
}

/// The email outbox, newest first, with each message's state and last error.
#[utoipa::path(
    get,
    path = "/admin/outbox",
    tag = "admin",
    params(OutboxQuery),
    responses((status = 200, body = Page<OutboxMessage>))
)]
pub async fn list_outbox(
    State(state): State<AppState>,
    _admin: Staff<AdminRole>,
    ApiQuery(query): ApiQuery<OutboxQuery>,
) -> AppResult<Json<Page<OutboxMessage>>> {
    if let Some(wanted) = &query.state {
        if !["queued", "sending", "sent", "dead"].contains(&wanted.as_str()) {
            return Err(AppError::invalid_field(
                "state",
                "Use queued, sending, sent or dead.",
            ));
        }
    }
    let page = outbox::list(
        &state.db,
        query.state,
        query.page.unwrap_or(1),
        query.per_page.unwrap_or(50),
        state.config.timezone,
    )
    .await?;
    Ok(Json(page))
}

/// Puts a dead message back in the queue.
#[utoipa::path(
    post,
    path = "/admin/outbox/{id}/requeue",
    tag = "admin",
    params(("id" = i64, Path, description = "Outbox message id")),
    responses(
        (status = 204),
        (status = 404, description = "No such message waiting to be re-queued", body = shared::ApiErrorBody)
    )
)]
pub async fn requeue_email(
    State(state): State<AppState>,
    admin: Staff<AdminRole>,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let now = Utc::now();
    if !outbox::requeue(&state.db, id, now).await? {
        return Err(AppError::not_found("There is no such message to re-queue."));
    }
    services::audit::record(
        state.db.conn(),
        Some(admin.user.id),
        "outbox.requeue",
        Some(services::audit::Target {
            kind: "outbox",
            id: id.to_string(),
        }),
        "Re-queued an email",
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
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

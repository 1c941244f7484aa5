//! Admin endpoints: staff accounts, the audit log and the email outbox.

use serde::de::IgnoredAny;
use shared::{AuditEntry, NewStaffAccount, OutboxMessage, Page, StaffAccount, UpdateStaffAccount};

use super::{get, post_empty, request, ApiFailure, Method};

pub async fn list_staff_accounts() -> Result<Vec<StaffAccount>, ApiFailure> {
    get("/api/admin/users").await
}

/// Creates the account and emails the person a link to set their password.
pub async fn invite_staff_member(invite: &NewStaffAccount) -> Result<(), ApiFailure> {
    // The answer holds the new id, which the list we reload afterwards has too.
    request::<_, IgnoredAny>(Method::Post, "/api/admin/users", Some(invite)).await?;
    Ok(())
}

pub async fn update_staff_account(id: i64, change: &UpdateStaffAccount) -> Result<(), ApiFailure> {
    request(
        Method::Patch,
        &format!("/api/admin/users/{id}"),
        Some(change),
    )
    .await
}

/// One page of the audit log, newest first, optionally only one kind of action.
pub async fn list_audit_entries(
    page: u64,
    per_page: u64,
    action: Option<&str>,
) -> Result<Page<AuditEntry>, ApiFailure> {
    let mut path = format!("/api/admin/audit?page={page}&per_page={per_page}");
    if let Some(action) = action {
        path.push_str("&action=");
        path.push_str(&query_value(action));
    }
    get(&path).await
}

/// One page of the outbox, newest first; `state` is `queued`, `sending`, `sent` or `dead`.
pub async fn list_outbox(
    page: u64,
    per_page: u64,
    state: Option<&str>,
) -> Result<Page<OutboxMessage>, ApiFailure> {
    let mut path = format!("/api/admin/outbox?page={page}&per_page={per_page}");
    if let Some(state) = state {
        path.push_str("&state=");
        path.push_str(&query_value(state));
    }
    get(&path).await
}

/// Puts a message that gave up back in the queue.
pub async fn requeue_email(id: i64) -> Result<(), ApiFailure> {
    post_empty(&format!("/api/admin/outbox/{id}/requeue")).await
}

/// Percent-encodes a query value with the browser's own encoder.
fn query_value(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

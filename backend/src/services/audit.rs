//! The audit log of staff actions: who did what, when, to which record. Entries are
//! written in the same transaction as the change they describe, and never hold a
//! password or a token.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use shared::{AuditEntry, Page};

use crate::{
    db::Db,
    entities::{audit_log, staff_users},
};

/// The record an action was taken on, e.g. `("staff_user", "12")`.
pub struct Target<'a> {
    pub kind: &'a str,
    pub id: String,
}

pub async fn record(
    conn: &impl ConnectionTrait,
    actor_id: Option<i64>,
    action: &str,
    target: Option<Target<'_>>,
    summary: impl Into<String>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (target_type, target_id) = match target {
        Some(target) => (Some(target.kind.to_owned()), Some(target.id)),
        None => (None, None),
    };
    audit_log::ActiveModel {
        at: Set(now),
        actor_id: Set(actor_id),
        action: Set(action.to_owned()),
        target_type: Set(target_type),
        target_id: Set(target_id),
        summary: Set(summary.into()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
}

pub const MAX_PER_PAGE: u64 = 200;

/// Newest first. `page` counts from 1.
pub async fn list(
    db: &Db,
    filter: AuditFilter,
    page: u64,
    per_page: u64,
    zone: Tz,
) -> anyhow::Result<Page<AuditEntry>> {
    let mut query = audit_log::Entity::find();
    if let Some(actor_id) = filter.actor_id {
        query = query.filter(audit_log::Column::ActorId.eq(actor_id));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(target_type) = filter.target_type {
        query = query.filter(audit_log::Column::TargetType.eq(target_type));
    }
    if let Some(target_id) = filter.target_id {
        query = query.filter(audit_log::Column::TargetId.eq(target_id));
    }
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    let page = page.max(1);
    let paginator = query
        .find_also_related(staff_users::Entity)
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .paginate(db.conn(), per_page);
    let total = paginator.num_items().await?;
    let items = paginator
        .fetch_page(page - 1)
        .await?
        .into_iter()
        .map(|(entry, actor)| AuditEntry {
            id: entry.id,
            at: entry.at.with_timezone(&zone).fixed_offset(),
            actor_id: entry.actor_id,
            actor_name: actor.map(|actor| actor.display_name),
            action: entry.action,
            target_type: entry.target_type,
            target_id: entry.target_id,
            summary: entry.summary,
        })
        .collect();
    Ok(Page {
        items,
        page,
        per_page,
        total,
    })
}

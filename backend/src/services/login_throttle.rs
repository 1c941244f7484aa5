//! Slows password guessing: too many failed sign-ins for one account (from however many
//! addresses), or from one address (against however many accounts), and further attempts
//! are refused for a while. Kept in the database so every server instance agrees.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::{db::Db, entities::login_failures, error::AppError};

/// Failures are counted over this window...
pub const WINDOW: Duration = Duration::minutes(15);
/// ...and this many for one account locks it for the rest of the window...
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// ...and this many from one address locks that address out.
pub const MAX_FAILURES_PER_ADDRESS: u64 = 20;

/// Refuses with 429 (and how long to wait) when either limit is reached.
pub async fn check(
    db: &Db,
    email: &str,
    client_ip: IpAddr,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let since = now - WINDOW;
    for (column, value, limit) in [
        (
            login_failures::Column::Email,
            email.to_owned(),
            MAX_FAILURES_PER_ACCOUNT,
        ),
        (
            login_failures::Column::ClientIp,
            client_ip.to_string(),
            MAX_FAILURES_PER_ADDRESS,
        ),
    ] {
        // The `limit`-th most recent failure in the window decides when one attempt frees up.
        let recent: Vec<DateTime<Utc>> = login_failures::Entity::find()
            .select_only()
            .column(login_failures::Column::At)
            .filter(column.eq(value))
            .filter(login_failures::Column::At.gt(since))
            .order_by_desc(login_failures::Column::At)
            .limit(limit)
            .into_tuple()
            .all(db.conn())
            .await?;
        if recent.len() as u64 >= limit {
            let oldest_counted = recent.last().copied().unwrap_or(now);
            let wait = (oldest_counted + WINDOW - now).num_seconds().max(1);
            return Err(AppError::RateLimited {
                retry_after_secs: u64::try_from(wait).unwrap_or(1),
            });
        }
    }
    Ok(())
}

pub async fn record_failure(
    conn: &impl ConnectionTrait,
    email: &str,
    client_ip: IpAddr,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    login_failures::ActiveModel {
        email: Set(email.to_owned()),
        client_ip: Set(client_ip.to_string()),
        at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    // Old failures are no use to anyone: forget them.
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::At.lte(now - WINDOW))
        .exec(conn)
        .await?;
    Ok(())
}

/// A successful sign-in clears the account's failures (not the address's).
pub async fn clear_account(conn: &impl ConnectionTrait, email: &str) -> anyhow::Result<()> {
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::Email.eq(email))
        .exec(conn)
        .await?;
    Ok(())
}

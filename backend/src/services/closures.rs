//! Closures of a space (holidays, deep cleaning, a private event). Adding one cancels the
//! bookings it covers, in the same transaction, and tells their holders.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::{Closure, NewClosure, StaffUser};

use crate::{
    config::Config,
    db::Db,
    entities::closures,
    error::{AppError, AppResult},
    services::{audit, bookings, spaces},
};

pub async fn add(
    db: &Db,
    config: &Config,
    actor: &StaffUser,
    space_id: i64,
    new: NewClosure,
    now: DateTime<Utc>,
) -> AppResult<Closure> {
    let from = new.from.with_timezone(&Utc);
    let to = new.to.with_timezone(&Utc);
    if to <= from {
        return Err(AppError::invalid_field(
            "to",
            "The closure must end after it starts.",
        ));
    }
    let reason = new.reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::invalid_field(
            "reason",
            "Give a reason of 1–200 characters.",
        ));
    }
    let tx = db.begin_write().await?;
    let space = spaces::find(&tx, space_id).await?;
    let closure = closures::ActiveModel {
        space_id: Set(space_id),
        starts_at: Set(from),
        ends_at: Set(to),
        reason: Set(reason.to_owned()),
        created_by: Set(Some(actor.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let cancelled = bookings::cancel_for_closure(&tx, config, &space, &closure, now).await?;
    audit::record(
        &tx,
        Some(actor.id),
        "space.closure_add",
        Some(audit::Target {
            kind: "space",
            id: space_id.to_string(),
        }),
        format!(
            "Closed {} ({reason}); {cancelled} bookings cancelled",
            space.name
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_api(closure, cancelled, config))
}

/// Closures that have not ended yet, soonest first.
pub async fn list_current(
    db: &Db,
    config: &Config,
    space_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Vec<Closure>> {
    spaces::find(db.conn(), space_id).await?;
    Ok(closures::Entity::find()
        .filter(closures::Column::SpaceId.eq(space_id))
        .filter(closures::Column::EndsAt.gt(now))
        .order_by_asc(closures::Column::StartsAt)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|closure| to_api(closure, 0, config))
        .collect())
}

/// Reopens the time a closure covered. Bookings it cancelled stay cancelled.
pub async fn remove(
    db: &Db,
    actor: &StaffUser,
    space_id: i64,
    closure_id: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = db.begin_write().await?;
    let deleted = closures::Entity::delete_many()
        .filter(closures::Column::Id.eq(closure_id))
        .filter(closures::Column::SpaceId.eq(space_id))
        .exec(&tx)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::not_found("There is no such closure."));
    }
    audit::record(
        &tx,
        Some(actor.id),
        "space.closure_remove",
        Some(audit::Target {
            kind: "space",
            id: space_id.to_string(),
        }),
        format!("Removed closure {closure_id}"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn to_api(closure: closures::Model, cancelled_bookings: u32, config: &Config) -> Closure {
    Closure {
        id: closure.id,
        from: closure
            .starts_at
            .with_timezone(&config.timezone)
            .fixed_offset(),
        to: closure
            .ends_at
            .with_timezone(&config.timezone)
            .fixed_offset(),
        reason: closure.reason,
        cancelled_bookings,
    }
}

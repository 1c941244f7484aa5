//! How a published event in a lounge space shares it with drop-in time. Either its
//! seats come out of the drop-in capacity of every lounge slot it overlaps (the slot's
//! counter row gets a lower capacity, refused if drop-ins already hold those seats), or
//! the lounge closes to drop-ins for it (a closure linked to the event, cancelling and
//! telling the drop-in bookings it covers, as any closure does). Cancelling or moving the
//! event gives the time back.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use sea_orm::{
    sea_query::{Expr, ExprTrait, OnConflict},
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set,
};
use shared::{EventStatus, LoungeUse, TimeRange};

use crate::{
    config::Config,
    entities::{closures, events, slot_seats, spaces},
    error::{AppError, AppResult},
    services,
};

/// Applies a published event's claim on its lounge space.
pub async fn claim(
    tx: &DatabaseTransaction,
    config: &Config,
    event: &events::Model,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let Some(space_id) = event.space_id else {
        return Ok(());
    };
    if event.status != EventStatus::Published.as_str() {
        return Ok(());
    }
    let space = services::spaces::find(tx, space_id).await?;
    match LoungeUse::parse(&event.lounge_use).unwrap_or_default() {
        LoungeUse::SharedSeats => {
            recount(tx, config.timezone, &space, event.starts_at, event.ends_at).await
        }
        LoungeUse::Closed => {
            let closure = closures::ActiveModel {
                space_id: Set(space_id),
                starts_at: Set(event.starts_at),
                ends_at: Set(event.ends_at),
                reason: Set(format!("for the event {}", event.title)),
                created_by: Set(event.created_by),
                created_at: Set(now),
                event_id: Set(Some(event.id)),
                ..Default::default()
            }
            .insert(tx)
            .await?;
            services::bookings::cancel_for_closure(tx, config, &space, &closure, now).await?;
            Ok(())
        }
    }
}

/// Gives back what `before` (the event as it was) took from its lounge space. Call it
/// after the event's row changed (cancelled, moved, resized), before claiming anew.
pub async fn release(
    tx: &DatabaseTransaction,
    config: &Config,
    before: &events::Model,
) -> AppResult<()> {
    let Some(space_id) = before.space_id else {
        return Ok(());
    };
    closures::Entity::delete_many()
        .filter(closures::Column::EventId.eq(before.id))
        .exec(tx)
        .await?;
    let space = services::spaces::find(tx, space_id).await?;
    recount(
        tx,
        config.timezone,
        &space,
        before.starts_at,
        before.ends_at,
    )
    .await
}

/// Sets the drop-in capacity of the space's slots overlapping `from..to` to the space's
/// capacity less the seats of the published shared-seat events overlapping each slot.
/// The guarded update refuses a slot whose drop-ins already hold more than that.
pub async fn recount(
    tx: &DatabaseTransaction,
    zone: Tz,
    space: &spaces::Model,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<()> {
    let windows = services::spaces::windows(tx, space.id).await?;
    let first_day = from.with_timezone(&zone).date_naive() - Duration::days(1);
    let last_day = to.with_timezone(&zone).date_naive();
    let range = TimeRange::new(from, to)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("an event that ends before it starts")))?;
    let slots: Vec<TimeRange> = services::slots::slots_between(&windows, first_day, last_day, zone)
        .into_iter()
        .filter(|slot| slot.overlaps(&range))
        .collect();
    if slots.is_empty() {
        return Ok(());
    }
    let sharing = events::Entity::find()
        .filter(events::Column::SpaceId.eq(space.id))
        .filter(events::Column::Status.eq(EventStatus::Published.as_str()))
        .filter(events::Column::LoungeUse.eq(LoungeUse::SharedSeats.as_str()))
        .filter(events::Column::StartsAt.lt(to))
        .filter(events::Column::EndsAt.gt(from))
        .all(tx)
        .await?;
    for slot in slots {
        let reserved: i32 = sharing
            .iter()
            .filter(|event| event.starts_at < slot.end() && event.ends_at > slot.start())
            .map(|event| event.capacity.unwrap_or(space.capacity))
            .sum();
        let capacity = std::cmp::max(space.capacity - reserved, 0);
        slot_seats::Entity::insert(slot_seats::ActiveModel {
            space_id: Set(space.id),
            starts_at: Set(slot.start()),
            capacity: Set(space.capacity),
            booked: Set(0),
            walk_ins: Set(0),
        })
        .on_conflict(
            OnConflict::columns([slot_seats::Column::SpaceId, slot_seats::Column::StartsAt])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(tx)
        .await?;
        let set = slot_seats::Entity::update_many()
            .col_expr(slot_seats::Column::Capacity, Expr::value(capacity))
            .filter(slot_seats::Column::SpaceId.eq(space.id))
            .filter(slot_seats::Column::StartsAt.eq(slot.start()))
            .filter(
                Expr::col(slot_seats::Column::Booked)
                    .add(Expr::col(slot_seats::Column::WalkIns))
                    .lte(capacity),
            )
            .exec(tx)
            .await?;
        if set.rows_affected == 0 {
            return Err(AppError::conflict(
                "lounge_seats_taken",
                format!(
                    "Drop-ins already hold more than {capacity} of the {} seats in {} at {}. \
                     Give the event fewer seats, or close the lounge for it.",
                    space.capacity,
                    space.name,
                    services::staff_links::human_time(slot.start(), zone)
                ),
            ));
        }
    }
    Ok(())
}

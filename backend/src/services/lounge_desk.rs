//! The lounge on the day: who is booked into each slot (names only), checking people in,
//! noting who didn't make it, and counting walk-ins, who take seats like bookings do.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait, OnConflict},
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use shared::{BookingStatus, DaySheet, DaySheetBooking, DaySheetSlot, StaffUser};

use crate::{
    config::Config,
    db::Db,
    entities::{booking_status_changes, bookings, slot_seats},
    error::{AppError, AppResult},
    services::{self, audit},
};

pub async fn day_sheet(
    db: &Db,
    config: &Config,
    space_id: i64,
    date: NaiveDate,
) -> AppResult<DaySheet> {
    let space = services::spaces::find(db.conn(), space_id).await?;
    let windows = services::spaces::windows(db.conn(), space_id).await?;
    let slots = services::slots::slots_between(&windows, date, date, config.timezone);
    let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
        return Ok(DaySheet {
            date,
            slots: Vec::new(),
        });
    };
    let counters: HashMap<DateTime<Utc>, slot_seats::Model> = slot_seats::Entity::find()
        .filter(slot_seats::Column::SpaceId.eq(space_id))
        .filter(slot_seats::Column::StartsAt.gte(first.start()))
        .filter(slot_seats::Column::StartsAt.lte(last.start()))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| (row.starts_at, row))
        .collect();
    let mut booked: HashMap<DateTime<Utc>, Vec<DaySheetBooking>> = HashMap::new();
    for booking in bookings::Entity::find()
        .filter(bookings::Column::SpaceId.eq(space_id))
        .filter(bookings::Column::StartsAt.gte(first.start()))
        .filter(bookings::Column::StartsAt.lte(last.start()))
        .filter(bookings::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .order_by_asc(bookings::Column::DisplayName)
        .all(db.conn())
        .await?
    {
        booked
            .entry(booking.starts_at)
            .or_default()
            .push(DaySheetBooking {
                id: booking.id,
                name: booking.display_name,
                status: BookingStatus::parse(&booking.status).unwrap_or(BookingStatus::Confirmed),
            });
    }
    let as_u32 = |v: i32| u32::try_from(v).unwrap_or(0);
    Ok(DaySheet {
        date,
        slots: slots
            .into_iter()
            .map(|slot| {
                let counter = counters.get(&slot.start());
                DaySheetSlot {
                    start: slot.start().with_timezone(&config.timezone).fixed_offset(),
                    end: slot.end().with_timezone(&config.timezone).fixed_offset(),
                    capacity: as_u32(counter.map_or(space.capacity, |c| c.capacity)),
                    booked: as_u32(counter.map_or(0, |c| c.booked)),
                    walk_ins: as_u32(counter.map_or(0, |c| c.walk_ins)),
                    bookings: booked.remove(&slot.start()).unwrap_or_default(),
                }
            })
            .collect(),
    })
}

/// Adds or removes walk-ins in a slot of today (the one running now by default). The
/// counter row's CHECK keeps walk-ins and bookings together within capacity.
pub async fn change_walk_ins(
    db: &Db,
    config: &Config,
    actor: &StaffUser,
    space_id: i64,
    delta: i32,
    start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> AppResult<DaySheetSlot> {
    if delta == 0 || delta.abs() > 50 {
        return Err(AppError::invalid_field(
            "delta",
            "Add or remove 1 to 50 people.",
        ));
    }
    let today = now.with_timezone(&config.timezone).date_naive();
    let tx = db.begin_write().await?;
    let space = services::spaces::find(&tx, space_id).await?;
    let windows = services::spaces::windows(&tx, space_id).await?;
    let slots = services::slots::slots_between(&windows, today, today, config.timezone);
    let slot = match start {
        Some(start) => slots.into_iter().find(|slot| slot.start() == start),
        None => slots.into_iter().find(|slot| slot.contains(now)),
    }
    .ok_or_else(|| AppError::invalid_field("start", "The lounge has no such slot today."))?;

    slot_seats::Entity::insert(slot_seats::ActiveModel {
        space_id: Set(space_id),
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
    .exec_without_returning(&tx)
    .await?;
    let mut update = slot_seats::Entity::update_many()
        .col_expr(
            slot_seats::Column::WalkIns,
            Expr::col(slot_seats::Column::WalkIns).add(delta),
        )
        .filter(slot_seats::Column::SpaceId.eq(space_id))
        .filter(slot_seats::Column::StartsAt.eq(slot.start()));
    update = if delta > 0 {
        update.filter(
            Expr::col(slot_seats::Column::Booked)
                .add(Expr::col(slot_seats::Column::WalkIns))
                .add(delta)
                .lte(Expr::col(slot_seats::Column::Capacity)),
        )
    } else {
        update.filter(Expr::col(slot_seats::Column::WalkIns).add(delta).gte(0))
    };
    if update.exec(&tx).await?.rows_affected == 0 {
        return Err(if delta > 0 {
            AppError::conflict("slot_full", "The lounge is full for that time.")
        } else {
            AppError::invalid_field("delta", "There aren't that many walk-ins to remove.")
        });
    }
    audit::record(
        &tx,
        Some(actor.id),
        "lounge.walk_ins",
        Some(audit::Target {
            kind: "space",
            id: space_id.to_string(),
        }),
        format!(
            "Walk-ins {delta:+} at {}",
            services::staff_links::human_time(slot.start(), config.timezone)
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    let sheet = day_sheet(db, config, space_id, today).await?;
    sheet
        .slots
        .into_iter()
        .find(|s| s.start.with_timezone(&Utc) == slot.start())
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("a slot vanished from its own day sheet"))
        })
}

/// Marks a booking as attended or as "didn't make it". Only confirmed bookings (or a
/// correction between the two), and "didn't make it" only once the slot has started.
pub async fn mark_attendance(
    db: &Db,
    actor: &StaffUser,
    booking_id: i64,
    to: BookingStatus,
    now: DateTime<Utc>,
) -> AppResult<BookingStatus> {
    let tx = db.begin_write().await?;
    let booking = bookings::Entity::find_by_id(booking_id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such booking."))?;
    let from = BookingStatus::parse(&booking.status).unwrap_or(BookingStatus::Cancelled);
    let markable = matches!(
        from,
        BookingStatus::Confirmed | BookingStatus::Attended | BookingStatus::DidntMakeIt
    );
    if !markable {
        return Err(AppError::conflict(
            "not_active",
            "That booking was cancelled.",
        ));
    }
    if booking.starts_at - Duration::hours(1) > now {
        return Err(AppError::conflict(
            "too_early",
            "Check-ins open an hour before the start.",
        ));
    }
    if to == BookingStatus::DidntMakeIt && booking.starts_at > now {
        return Err(AppError::conflict(
            "too_early",
            "The session hasn't started yet.",
        ));
    }
    if from != to {
        let mut active = booking.into_active_model();
        active.status = Set(to.as_str().to_owned());
        active.updated_at = Set(now);
        active.update(&tx).await?;
        booking_status_changes::ActiveModel {
            booking_id: Set(booking_id),
            from_status: Set(Some(from.as_str().to_owned())),
            to_status: Set(to.as_str().to_owned()),
            actor: Set("staff".to_owned()),
            reason: Set(None),
            changed_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit::record(
            &tx,
            Some(actor.id),
            "booking.attendance",
            Some(audit::Target {
                kind: "booking",
                id: booking_id.to_string(),
            }),
            format!("Marked {}", to.as_str()),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(to)
}

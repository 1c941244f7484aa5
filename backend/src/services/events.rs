//! Events as the public sees them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use shared::{BookingStatus, EventSummary};

use crate::{
    db::Db,
    entities::{bookings, events, spaces},
};

#[derive(FromQueryResult)]
struct SeatsTaken {
    event_id: Option<i64>,
    taken: i64,
}

/// Events that have not ended yet, soonest first, with the seats still free.
pub async fn list_upcoming(
    db: &Db,
    now: DateTime<Utc>,
    zone: Tz,
) -> anyhow::Result<Vec<EventSummary>> {
    let upcoming = events::Entity::find()
        .filter(events::Column::EndsAt.gt(now))
        .find_also_related(spaces::Entity)
        .order_by_asc(events::Column::StartsAt)
        .order_by_asc(events::Column::Id)
        .all(db.conn())
        .await?;
    let ids: Vec<i64> = upcoming.iter().map(|(event, _)| event.id).collect();

    let taken: HashMap<i64, i64> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::EventId)
        .column_as(bookings::Column::Id.count(), "taken")
        .filter(bookings::Column::EventId.is_in(ids))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .group_by(bookings::Column::EventId)
        .into_model::<SeatsTaken>()
        .all(db.conn())
        .await?
        .into_iter()
        .filter_map(|row| Some((row.event_id?, row.taken)))
        .collect();

    Ok(upcoming
        .into_iter()
        .map(|(event, space)| {
            let capacity = event.capacity.and_then(|c| u32::try_from(c).ok());
            let taken = taken.get(&event.id).copied().unwrap_or(0);
            EventSummary {
                id: event.id,
                title: event.title,
                summary: event.summary,
                start: event.starts_at.with_timezone(&zone).fixed_offset(),
                end: event.ends_at.with_timezone(&zone).fixed_offset(),
                location: space
                    .map(|space| space.name)
                    .or(event.location_text)
                    .unwrap_or_default(),
                capacity,
                seats_left: capacity
                    .map(|c| c.saturating_sub(u32::try_from(taken).unwrap_or(u32::MAX))),
            }
        })
        .collect())
}

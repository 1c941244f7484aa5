//! The lounge's next week: every space, whether it is open now, and its slots. One
//! loader for every page that offers times (the lounge, the booking form checking its
//! time is still free, changing a booking's time), so they share one copy of the code.

use shared::{SlotAvailability, Space, SpaceNow};

use crate::api::spaces::{list_slots, list_spaces, space_now};
use crate::api::ApiFailure;
use crate::clock;
use crate::widget::components::slot_picker::week_from;

/// A space with what the pages show of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceWeek {
    pub space: Space,
    /// Left out when it can't be loaded: nice to know, not needed to book.
    pub now: Option<SpaceNow>,
    pub slots: Vec<SlotAvailability>,
}

/// Every space with its news and slots from the reader's today, in one go.
pub async fn load_week() -> Result<Vec<SpaceWeek>, ApiFailure> {
    let (from, to) = week_from(clock::local_today());
    let mut weeks = Vec::new();
    for space in list_spaces().await? {
        let now = space_now(space.id).await.ok();
        let slots = list_slots(space.id, from, to).await?;
        weeks.push(SpaceWeek { space, now, slots });
    }
    Ok(weeks)
}

/// The space `space_id` and its slot starting at `start`, if it is still listed.
pub fn find_slot<'a>(
    weeks: &'a [SpaceWeek],
    space_id: i64,
    start: &chrono::DateTime<chrono::FixedOffset>,
) -> Option<(&'a Space, &'a SlotAvailability)> {
    let week = weeks.iter().find(|week| week.space.id == space_id)?;
    let slot = week.slots.iter().find(|slot| slot.start == *start)?;
    Some((&week.space, slot))
}

/// The week of the space a booking names. A booking names its space rather than
/// numbering it; with one space (the usual case) that space is the one.
pub fn week_at<'a>(weeks: &'a [SpaceWeek], place: &str) -> Option<&'a SpaceWeek> {
    weeks
        .iter()
        .find(|week| week.space.name == place)
        .or(match weeks {
            [only] => Some(only),
            _ => None,
        })
}

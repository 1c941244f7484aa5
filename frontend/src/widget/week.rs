//! Where times come from, in one place for every page that offers them: the lounge's
//! next week (every space, whether it is open now, and its slots), a week of one
//! space's or one mentor's times, and the time a booking form is for. An event has one
//! time of its own, so it offers nothing to pick.

use chrono::{DateTime, FixedOffset, NaiveDate};
use shared::{SlotAvailability, Space, SpaceNow};

use crate::api::mentors::{find_mentor, list_mentor_slots};
use crate::api::spaces::{list_slots, list_spaces, space_now};
use crate::api::ApiFailure;
use crate::clock;
use crate::widget::components::slot_picker::week_from;
use crate::widget::Route;

/// Whose times: a lounge space's, a peer mentor's (`None`: any available mentor), or
/// an event's seats (and its waitlist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotSource {
    Space(i64),
    Mentor(Option<i64>),
    Event(i64),
}

impl SlotSource {
    /// The free times from `from` to `to`, both included.
    pub async fn slots(
        self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SlotAvailability>, ApiFailure> {
        match self {
            Self::Space(space_id) => list_slots(space_id, from, to).await,
            Self::Mentor(mentor_id) => list_mentor_slots(mentor_id, from, to).await,
            Self::Event(_) => Ok(Vec::new()),
        }
    }

    /// The page to pick another time on (for an event, its own page).
    pub fn times_page(self) -> Route {
        match self {
            Self::Space(_) => Route::Lounge,
            Self::Mentor(mentor_id) => Route::Mentor { mentor_id },
            Self::Event(event_id) => Route::Event { event_id },
        }
    }

    /// The booking form for one of these times.
    pub fn booking_page(self) -> Route {
        match self {
            Self::Space(space_id) => Route::BookSpot { space_id },
            Self::Mentor(mentor_id) => Route::BookMentor { mentor_id },
            Self::Event(event_id) => Route::Event { event_id },
        }
    }
}

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

/// A time chosen to book, as the server sees it now, with what the form says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub slot: SlotAvailability,
    /// The space's name; empty for office hours, whose room comes with the booking.
    pub place: String,
    pub house_rules: String,
    /// The mentor's display name, when one was chosen.
    pub mentor: Option<String>,
}

/// The time at `start` from `source`, if it can still be booked.
pub async fn load_chosen(
    source: SlotSource,
    start: DateTime<FixedOffset>,
) -> Result<Option<Chosen>, ApiFailure> {
    match source {
        SlotSource::Space(space_id) => {
            let weeks = load_week().await?;
            let found = weeks
                .iter()
                .find(|week| week.space.id == space_id)
                .and_then(|week| Some((week, week.slots.iter().find(|s| s.start == start)?)));
            Ok(found.map(|(week, slot)| Chosen {
                slot: slot.clone(),
                place: week.space.name.clone(),
                house_rules: week.space.house_rules.clone(),
                mentor: None,
            }))
        }
        SlotSource::Mentor(mentor_id) => {
            // The day at the agency: the address keeps the agency's offset.
            let day = start.date_naive();
            let slots = source.slots(day, day).await?;
            let Some(slot) = slots.into_iter().find(|slot| slot.start == start) else {
                return Ok(None);
            };
            let mentor = match mentor_id {
                Some(mentor_id) => Some(find_mentor(mentor_id).await?.display_name),
                None => None,
            };
            Ok(Some(Chosen {
                slot,
                place: String::new(),
                house_rules: String::new(),
                mentor,
            }))
        }
        // An event's own page holds its sign-up form; it has no times to choose.
        SlotSource::Event(_) => Ok(None),
    }
}

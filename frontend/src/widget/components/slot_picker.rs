//! A week of slots, grouped by day, each a button (saying how much room is left, for
//! the lounge). Used to book a spot or a mentor's time, and to move one.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use shared::SlotAvailability;
use yew::prelude::*;

use crate::clock;
use crate::format;

/// How many days of slots a young person chooses from, today included.
pub const DAYS_SHOWN: u64 = 7;

/// The first and last day (both included) of the days shown from `today`.
pub fn week_from(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = today
        .checked_add_days(Days::new(DAYS_SHOWN - 1))
        .unwrap_or(today);
    (today, last)
}

/// One day's slots, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotDay<'a> {
    /// The day at the lounge (the slots' own offset), not on the reader's device.
    pub date: NaiveDate,
    pub slots: Vec<&'a SlotAvailability>,
}

/// Groups slots by their day at the lounge, in the order the server lists them (by
/// time). Not sorted here: sorting would add its code to the download for nothing.
pub fn group_by_day(slots: &[SlotAvailability]) -> Vec<SlotDay<'_>> {
    let mut days: Vec<SlotDay<'_>> = Vec::new();
    for slot in slots {
        let date = slot.start.date_naive();
        match days.iter_mut().find(|day| day.date == date) {
            Some(day) => day.slots.push(slot),
            None => days.push(SlotDay {
                date,
                slots: vec![slot],
            }),
        }
    }
    days
}

/// "Today", "Tomorrow", or "Friday, June 20".
pub fn day_heading(date: NaiveDate, today: NaiveDate) -> String {
    if date == today {
        "Today".to_owned()
    } else if today.succ_opt() == Some(date) {
        "Tomorrow".to_owned()
    } else {
        format::day_name(date)
    }
}

/// How a list of times reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotWords {
    /// Said when there are no times at all.
    pub empty: &'static str,
    /// Whether each time says how much room is left: a lounge's does, a mentor's
    /// (free or not listed) doesn't need to.
    pub room: bool,
}

/// The lounge's next week.
pub const LOUNGE_WEEK: SlotWords = SlotWords {
    empty: "There are no times to book in the next 7 days. Please check back soon!",
    room: true,
};

/// The slots as buttons under a heading per day. `current` is the booking being moved,
/// shown but not choosable. Buttons carry `data-slot-start` for browser tests.
pub fn slot_picker(
    slots: &[SlotAvailability],
    current: Option<&DateTime<FixedOffset>>,
    on_pick: &Callback<SlotAvailability>,
    words: SlotWords,
) -> Html {
    let days = group_by_day(slots);
    let Some(first) = days.first().and_then(|day| day.slots.first()) else {
        return html! { <p class="slots-empty">{ words.empty }</p> };
    };
    let today = clock::today_at(first.start.offset());
    html! {
        <div class="slot-days">
            { for days.iter().map(|day| slot_day(day, today, current, on_pick, words.room)) }
        </div>
    }
}

fn slot_day(
    day: &SlotDay<'_>,
    today: NaiveDate,
    current: Option<&DateTime<FixedOffset>>,
    on_pick: &Callback<SlotAvailability>,
    room: bool,
) -> Html {
    let heading = day_heading(day.date, today);
    html! {
        <div key={day.date.to_string()} class="slot-day">
            <h3>{ &heading }</h3>
            <ul class="slots">
                { for day.slots.iter().map(|slot| slot_button(slot, &heading, current, on_pick, room)) }
            </ul>
        </div>
    }
}

fn slot_button(
    slot: &SlotAvailability,
    day: &str,
    current: Option<&DateTime<FixedOffset>>,
    on_pick: &Callback<SlotAvailability>,
    show_room: bool,
) -> Html {
    let is_current = current == Some(&slot.start);
    let room = if is_current {
        "Your time now".to_owned()
    } else if show_room {
        format::spots_left(slot.available)
    } else {
        String::new()
    };
    let onclick = {
        let slot = slot.clone();
        on_pick.reform(move |_: MouseEvent| slot.clone())
    };
    let start = format::api_time(&slot.start);
    html! {
        <li key={start.clone()}>
            <button
                type="button"
                class="slot"
                data-slot-start={start}
                disabled={is_current || slot.available == 0}
                {onclick}
            >
                // The day is in the name too: keyboard users jump from button to button.
                <span class="visually-hidden">{ format!("{day}, ") }</span>
                <span class="slot__time">{ format::clock_range(&slot.start, &slot.end) }</span>
                if !room.is_empty() {
                    <span class="visually-hidden">{ ", " }</span>
                    <span class="slot__room">{ room }</span>
                }
            </button>
        </li>
    }
}

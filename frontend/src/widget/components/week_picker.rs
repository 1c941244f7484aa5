//! A week of one space's or one mentor's times, with "Previous week" and "Next week":
//! for booking a mentor's time and for moving any booking. It loads its own times, so
//! they load only where someone is choosing.

use chrono::{DateTime, Days, FixedOffset};
use shared::SlotAvailability;
use yew::prelude::*;

use super::pieces::button;
use super::slot_picker::{slot_picker, week_from, SlotWords, DAYS_SHOWN};
use crate::clock;
use crate::components::fetch_view;
use crate::format;
use crate::hooks::use_fetch_with;
use crate::widget::week::SlotSource;

#[derive(Properties, PartialEq)]
pub struct WeekPickerProps {
    pub source: SlotSource,
    /// The booking being moved: shown, not choosable.
    #[prop_or_default]
    pub current: Option<DateTime<FixedOffset>>,
    /// Counts attempts that didn't work: each loads the times again, as they have
    /// changed since.
    #[prop_or_default]
    pub reload: u32,
    pub on_pick: Callback<SlotAvailability>,
}

#[component]
pub fn WeekPicker(props: &WeekPickerProps) -> Html {
    let today = clock::local_today();
    let first_day = use_state(|| today);
    let week = use_fetch_with((props.source, *first_day), |(source, first_day)| {
        let (from, to) = week_from(*first_day);
        source.slots(from, to)
    });
    {
        // Quietly, so the list and the keyboard focus stay where they are.
        let refresh = week.refresh.clone();
        let is_first_render = use_ref(|| std::cell::Cell::new(true));
        use_effect_with(props.reload, move |_| {
            if !is_first_render.replace(false) {
                refresh.emit(());
            }
        });
    }

    let (from, to) = week_from(*first_day);
    let at_start = from <= today;
    let move_by = |forward: bool| {
        let first_day = first_day.clone();
        Callback::from(move |_: MouseEvent| {
            let days = Days::new(DAYS_SHOWN);
            let next = if forward {
                first_day.checked_add_days(days)
            } else {
                first_day.checked_sub_days(days).map(|day| day.max(today))
            };
            if let Some(next) = next.filter(|next| *next != *first_day) {
                first_day.set(next);
            }
        })
    };
    let words = SlotWords {
        empty: "No free times this week. Try the next week.",
        room: matches!(props.source, SlotSource::Space(_)),
    };

    html! {
        <div class="week">
            <div class="actions">
                // Not disabled in the first week, so focus stays on it: it just does nothing.
                <button
                    type="button"
                    class="button"
                    aria-disabled={at_start.then_some("true")}
                    onclick={move_by(false)}
                >
                    { "Previous week" }
                </button>
                { button("Next week", move_by(true)) }
            </div>
            <p class="week-range" aria-live="polite">
                { format!("{} to {}", format::day_name(from), format::day_name(to)) }
            </p>
            { fetch_view(&week, "Loading times…", |slots| {
                slot_picker(slots, props.current.as_ref(), &props.on_pick, words)
            }) }
        </div>
    }
}

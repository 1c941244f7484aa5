//! The lounge: each space, whether it is open now, what it is like, and the times young
//! people can book for the next week. Choosing a time opens the booking form for it.

use shared::SlotAvailability;
use yew::prelude::*;

use crate::components::fetch_view;
use crate::format;
use crate::hooks::{use_document_title, use_fetch};
use crate::widget::components::pieces::{notice, Tone};
use crate::widget::components::slot_picker::{slot_picker, LOUNGE_WEEK};
use crate::widget::handoff::take_note;
use crate::widget::router::{go_to, Route};
use crate::widget::week::{load_week, SpaceWeek};

#[component]
pub fn LoungePage() -> Html {
    use_document_title("The lounge");
    let lounge = use_fetch(load_week);
    // Said once: coming back later doesn't repeat it.
    let note = use_state(take_note);

    let on_pick = Callback::from(move |(space_id, slot): (i64, SlotAvailability)| {
        let start = format::api_time(&slot.start);
        go_to(Route::BookSpot { space_id }, &[("start", &start)], false);
    });

    html! {
        <>
            <h1 tabindex="-1">{ "The lounge" }</h1>
            <p class="lead">{ "A space that's yours. Drop in, hang out, take a breather." }</p>
            if let Some(note) = &*note {
                { notice(Tone::Info, note, None) }
            }
            { fetch_view(&lounge, "Loading the lounge…", |weeks| space_list(weeks, &on_pick)) }
        </>
    }
}

fn space_list(weeks: &[SpaceWeek], on_pick: &Callback<(i64, SlotAvailability)>) -> Html {
    if weeks.is_empty() {
        return html! { <p>{ "No lounge spaces are listed yet. Check back soon!" }</p> };
    }
    html! {
        <ul class="spaces">
            { for weeks.iter().map(|week| space_card(week, on_pick)) }
        </ul>
    }
}

fn space_card(week: &SpaceWeek, on_pick: &Callback<(i64, SlotAvailability)>) -> Html {
    let SpaceWeek { space, now, slots } = week;
    let space_id = space.id;
    html! {
        <li key={space_id} class="card space">
            <h2>{ &space.name }</h2>
            if let Some(now) = now {
                // Each class written out: see `LinkLook`.
                if now.open {
                    <p class="space-now">{ format::space_now(now) }</p>
                } else {
                    <p class="space-now space-now--closed">{ format::space_now(now) }</p>
                }
            }
            <p class="card__meta">{ format!("Up to {}", format::people(space.capacity)) }</p>
            <p class="multiline">{ &space.description }</p>
            if !space.accessibility_notes.is_empty() {
                <h3>{ "Getting in and around" }</h3>
                <p class="multiline">{ &space.accessibility_notes }</p>
            }
            if !space.house_rules.is_empty() {
                <details class="house-rules">
                    <summary>{ "House rules" }</summary>
                    <p class="multiline">{ &space.house_rules }</p>
                </details>
            }
            <p class="slots-intro">{ "Pick a time to book a spot:" }</p>
            { slot_picker(slots, None, &on_pick.reform(move |slot| (space_id, slot)), LOUNGE_WEEK) }
        </li>
    }
}

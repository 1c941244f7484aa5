//! The door of a published event: who has a seat, with "Check in" (and "Undo" for a
//! check-in made by mistake), the waitlist in order, walk-ins, and how many came.
//! Names only, never an email. Each change is announced without moving the keyboard.

use shared::{BookingStatus, EventAttendee, EventRoster};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::staff_events;
use crate::api::ApiFailure;
use crate::components::{error_notice, fetch_view};
use crate::console::words::{attendance_label, count_of};
use crate::hooks::use_fetch_with;

#[derive(Properties, PartialEq)]
pub struct EventDoorProps {
    pub event_id: i64,
}

/// What the person on the door asked for.
#[derive(Debug, Clone, PartialEq)]
enum Door {
    CheckIn(EventAttendee),
    Undo(EventAttendee),
    WalkIn,
}

/// "Ana is checked in. 3 people have come so far."
fn done_in_words(door: &Door, roster: &EventRoster) -> String {
    let so_far = format!(
        "{} so far.",
        count_of(
            u64::from(roster.attended),
            "person has come",
            "people have come"
        )
    );
    match door {
        Door::CheckIn(attendee) => format!("{} is checked in. {so_far}", attendee.name),
        Door::Undo(attendee) => format!("Check-in undone for {}. {so_far}", attendee.name),
        Door::WalkIn => format!("Walk-in added. {so_far}"),
    }
}

#[component]
pub fn EventDoor(props: &EventDoorProps) -> Html {
    let fetched = use_fetch_with(props.event_id, |id| staff_events::event_roster(*id));
    // The roster as the last change left it; the server answers each change with it.
    let latest = use_state(|| None::<EventRoster>);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let announcement = use_state(String::new);

    let act = {
        let (latest, busy, failure, announcement) = (
            latest.clone(),
            busy.clone(),
            failure.clone(),
            announcement.clone(),
        );
        let id = props.event_id;
        Callback::from(move |door: Door| {
            if *busy {
                return;
            }
            busy.set(true);
            failure.set(None);
            let (latest, busy, failure, announcement) = (
                latest.clone(),
                busy.clone(),
                failure.clone(),
                announcement.clone(),
            );
            spawn_local(async move {
                let result = match &door {
                    Door::CheckIn(attendee) => {
                        staff_events::check_in(id, attendee.booking_id, true).await
                    }
                    Door::Undo(attendee) => {
                        staff_events::check_in(id, attendee.booking_id, false).await
                    }
                    Door::WalkIn => staff_events::add_walk_in(id).await,
                };
                busy.set(false);
                match result {
                    Ok(roster) => {
                        announcement.set(done_in_words(&door, &roster));
                        latest.set(Some(roster));
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let view = |roster: &EventRoster| {
        let roster = latest.as_ref().unwrap_or(roster);
        let aria_busy = busy.then_some("true");
        let row = |attendee: &EventAttendee| {
            let name = attendee.name.clone();
            let action = match attendee.status {
                BookingStatus::Confirmed => {
                    let door = Door::CheckIn(attendee.clone());
                    html! {
                        <button type="button" class="button" aria-disabled={aria_busy}
                            onclick={act.reform(move |_| door.clone())}>
                            { "Check in" }<span class="visually-hidden">{ format!(" {name}") }</span>
                        </button>
                    }
                }
                BookingStatus::Attended => {
                    let door = Door::Undo(attendee.clone());
                    html! {
                        <button type="button" class="button" aria-disabled={aria_busy}
                            onclick={act.reform(move |_| door.clone())}>
                            { "Undo" }<span class="visually-hidden">{ format!(" check-in for {name}") }</span>
                        </button>
                    }
                }
                _ => Html::default(),
            };
            html! {
                <tr key={attendee.booking_id}>
                    <th scope="row">{ &attendee.name }</th>
                    <td>{ attendance_label(attendee.status) }</td>
                    <td>{ action }</td>
                </tr>
            }
        };
        html! {
            <>
                <dl class="facts">
                    <dt>{ "Came" }</dt>
                    <dd id="event-attended">{ count_of(u64::from(roster.attended), "person", "people") }</dd>
                    <dt>{ "Walk-ins" }</dt>
                    <dd>{ roster.walk_ins }</dd>
                </dl>
                <div class="actions">
                    <button type="button" class="button" id="event-add-walk-in" aria-disabled={aria_busy}
                        onclick={act.reform(|_| Door::WalkIn)}>
                        { "Add a walk-in" }
                    </button>
                </div>
                <p class="field-hint">{ "A walk-in is someone who came without signing up." }</p>
                if roster.registered.is_empty() {
                    <p>{ "Nobody has a seat yet." }</p>
                } else {
                    <div class="table-wrap">
                        <table class="sheet-table">
                            <caption>{ count_of(roster.registered.len() as u64, "person with a seat", "people with a seat") }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Name" }</th>
                                    <th scope="col">{ "Status" }</th>
                                    <th scope="col">{ "Action" }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for roster.registered.iter().map(row) }
                            </tbody>
                        </table>
                    </div>
                }
                <h3>{ "Waitlist" }</h3>
                if roster.waitlist.is_empty() {
                    <p>{ "Nobody is waiting." }</p>
                } else {
                    <p class="field-hint">
                        { "First in line first. When someone gives up their seat, the first \
                           person waiting gets it and is told at once." }
                    </p>
                    <ol class="waitlist">
                        { for roster.waitlist.iter().map(|attendee| html! {
                            <li key={attendee.booking_id}>{ &attendee.name }</li>
                        }) }
                    </ol>
                }
            </>
        }
    };

    html! {
        <>
            <p class="saved" role="status">{ (*announcement).clone() }</p>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            { fetch_view(&fetched, "Loading who's coming…", view) }
        </>
    }
}

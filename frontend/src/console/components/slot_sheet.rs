//! One slot of the day sheet: its time, seats free, walk-ins with a counter (on the day
//! itself), and who is booked, each with "Check in" and "Didn't make it".

use shared::{BookingStatus, DaySheetBooking, DaySheetSlot, WalkInChange};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{lounge_admin, ApiFailure};
use crate::components::error_notice;
use crate::console::words::{attendance_label, count_of, seats_in_words};
use crate::{clock, format};

/// The id of the slot running now, for the day sheet's "Go to" link.
pub const SLOT_NOW_ID: &str = "slot-now";

/// Whether `slot` is under way at this moment.
pub fn is_running(slot: &DaySheetSlot) -> bool {
    !clock::is_future(&slot.start) && slot.end > clock::now()
}

#[derive(Properties, PartialEq)]
pub struct SlotSheetProps {
    pub space_id: i64,
    pub slot: DaySheetSlot,
    /// Walk-ins can only be counted on the day, so other days show the count alone.
    pub counting_walk_ins: bool,
    /// Called with what changed, in words to announce, after each change.
    pub on_changed: Callback<String>,
}

/// What the staff member asked for.
#[derive(Debug, Clone, PartialEq)]
enum Action {
    WalkIns(i32),
    Mark(DaySheetBooking, BookingStatus),
}

#[component]
pub fn SlotSheet(props: &SlotSheetProps) -> Html {
    let slot = &props.slot;
    // While a change is under way the buttons say so but stay focusable, so the
    // keyboard keeps its place.
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let time = format::clock_range(&slot.start, &slot.end);
    let start_time = format::clock_time(&slot.start);
    let started = !clock::is_future(&slot.start);
    let running = is_running(slot);

    let act = {
        let (busy, failure) = (busy.clone(), failure.clone());
        let (space_id, start) = (props.space_id, slot.start);
        let (walk_ins, on_changed) = (slot.walk_ins, props.on_changed.clone());
        let start_time = start_time.clone();
        Callback::from(move |action: Action| {
            if *busy {
                return;
            }
            if action == Action::WalkIns(-1) && walk_ins == 0 {
                failure.set(Some(nothing_to_remove()));
                return;
            }
            busy.set(true);
            failure.set(None);
            let (busy, failure, on_changed) = (busy.clone(), failure.clone(), on_changed.clone());
            let start_time = start_time.clone();
            spawn_local(async move {
                let result = match action {
                    Action::WalkIns(delta) => {
                        let change = WalkInChange {
                            delta,
                            start: Some(start),
                        };
                        lounge_admin::change_walk_ins(space_id, &change)
                            .await
                            .map(|slot| {
                                format!(
                                    "Walk-ins at {start_time}: {}. {}.",
                                    slot.walk_ins,
                                    seats_in_words(&slot)
                                )
                            })
                    }
                    Action::Mark(booking, to) => {
                        let marked = match to {
                            BookingStatus::Attended => lounge_admin::check_in(booking.id).await,
                            _ => lounge_admin::didnt_make_it(booking.id).await,
                        };
                        marked.map(|status| {
                            format!("{}: {}.", booking.name, attendance_label(status))
                        })
                    }
                };
                busy.set(false);
                match result {
                    Ok(done) => on_changed.emit(done),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let walk_in_controls = props.counting_walk_ins.then(|| {
        html! {
            <div class="actions counter">
                <button type="button" class="button" aria-disabled={busy.then_some("true")}
                    onclick={act.reform(|_| Action::WalkIns(1))}>
                    { "Add a walk-in" }<span class="visually-hidden">{ format!(" at {start_time}") }</span>
                </button>
                <button type="button" class="button" aria-disabled={busy.then_some("true")}
                    onclick={act.reform(|_| Action::WalkIns(-1))}>
                    { "Remove a walk-in" }<span class="visually-hidden">{ format!(" at {start_time}") }</span>
                </button>
            </div>
        }
    });

    let booking_row = |booking: &DaySheetBooking| {
        let mark = |to: BookingStatus| {
            let booking = booking.clone();
            act.reform(move |_| Action::Mark(booking.clone(), to))
        };
        html! {
            <tr key={booking.id}>
                <th scope="row">{ &booking.name }</th>
                <td>{ attendance_label(booking.status) }</td>
                <td>
                    <div class="actions">
                        <button type="button" class="button" aria-disabled={busy.then_some("true")}
                            onclick={mark(BookingStatus::Attended)}>
                            { "Check in" }<span class="visually-hidden">{ format!(" {}", booking.name) }</span>
                        </button>
                        if started {
                            <button type="button" class="button" aria-disabled={busy.then_some("true")}
                                onclick={mark(BookingStatus::DidntMakeIt)}>
                                { "Didn't make it" }<span class="visually-hidden">{ format!(": {}", booking.name) }</span>
                            </button>
                        }
                    </div>
                </td>
            </tr>
        }
    };

    html! {
        <li class="card slot-sheet" id={running.then_some(SLOT_NOW_ID)}>
            <h3>
                { &time }
                if running {
                    <span class="slot-sheet__now">{ " · Happening now" }</span>
                }
            </h3>
            <dl class="facts">
                <dt>{ "Seats" }</dt>
                <dd>{ seats_in_words(slot) }</dd>
                <dt>{ "Booked" }</dt>
                <dd>{ slot.booked }</dd>
                <dt>{ "Walk-ins" }</dt>
                <dd>{ slot.walk_ins }</dd>
            </dl>
            { walk_in_controls }
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            if slot.bookings.is_empty() {
                <p>{ "No bookings for this time." }</p>
            } else {
                <div class="table-wrap">
                    <table class="sheet-table">
                        <caption>
                            { count_of(slot.bookings.len() as u64, "booking", "bookings") }
                            <span class="visually-hidden">{ format!(" at {time}") }</span>
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Name" }</th>
                                <th scope="col">{ "Status" }</th>
                                <th scope="col">{ "Actions" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for slot.bookings.iter().map(booking_row) }
                        </tbody>
                    </table>
                </div>
            }
        </li>
    }
}

/// Said without asking the server: there is no one to take off the count.
fn nothing_to_remove() -> ApiFailure {
    ApiFailure::Api {
        status: 422,
        error: shared::ApiError {
            code: "no_walk_ins".to_owned(),
            message: "There are no walk-ins to remove at this time.".to_owned(),
            fields: None,
        },
    }
}

//! What an organiser can do with an event now: publish a draft, edit it, cancel it
//! (after a question that says how many people will be told), or mark it completed
//! once it has started.

use shared::{EventStatus, LoungeUse, StaffEvent};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::staff_events::{self, EventAction};
use crate::api::ApiFailure;
use crate::clock;
use crate::components::error_notice;
use crate::console::events::cancel_question;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::use_focus_on_change;

#[derive(Properties, PartialEq)]
pub struct EventActionsProps {
    pub event: StaffEvent,
    /// Called with the event as it is now, and what happened in words to announce.
    pub on_changed: Callback<(StaffEvent, String)>,
}

/// What each change means, said once it is done. `signed_up` counts those who had a
/// seat or a place on the waitlist before (a cancelled event has none left).
fn done_in_words(action: EventAction, signed_up: u32, event: &StaffEvent) -> String {
    match action {
        EventAction::Publish => {
            "Published. Young people can now see the event and sign up.".to_owned()
        }
        EventAction::Cancel => match signed_up {
            0 => "The event is cancelled.".to_owned(),
            _ => "The event is cancelled. Everyone who signed up is being told.".to_owned(),
        },
        EventAction::Complete => {
            format!(
                "Marked completed. {} attended.",
                crate::format::people(event.attended)
            )
        }
    }
}

#[component]
pub fn EventActions(props: &EventActionsProps) -> Html {
    let event = &props.event;
    let confirming = use_state(|| false);
    let busy = use_state(|| None::<EventAction>);
    let failure = use_state(|| None::<ApiFailure>);
    let question_ref = use_node_ref();
    let cancel_ref = use_node_ref();
    let focus_target = if *confirming {
        question_ref.clone()
    } else {
        cancel_ref.clone()
    };
    use_focus_on_change(*confirming, focus_target);

    let act = {
        let (busy, failure, confirming) = (busy.clone(), failure.clone(), confirming.clone());
        let (id, on_changed) = (event.id, props.on_changed.clone());
        let signed_up = event.registered + event.waitlisted;
        Callback::from(move |action: EventAction| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(action));
            failure.set(None);
            let (busy, failure, confirming, on_changed) = (
                busy.clone(),
                failure.clone(),
                confirming.clone(),
                on_changed.clone(),
            );
            spawn_local(async move {
                let result = staff_events::change_event(id, action).await;
                busy.set(None);
                match result {
                    Ok(event) => {
                        confirming.set(false);
                        let said = done_in_words(action, signed_up, &event);
                        on_changed.emit((event, said));
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let ask = |value: bool| {
        let (confirming, failure) = (confirming.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            confirming.set(value);
        })
    };

    let status = event.status;
    let open = matches!(status, EventStatus::Draft | EventStatus::Published);
    let started = !clock::is_future(&event.input.start);
    // Publishing such an event cancels drop-in bookings: say so before the button.
    let closes_lounge = status == EventStatus::Draft
        && event.input.space_id.is_some()
        && event.input.lounge_use == LoungeUse::Closed;
    let label = |action: EventAction, idle: &'static str, working: &'static str| {
        if *busy == Some(action) {
            working
        } else {
            idle
        }
    };

    if !open {
        return html! {
            <p>
                { match status {
                    EventStatus::Cancelled => "A cancelled event can't be changed or published again.",
                    _ => "A completed event can't be changed.",
                } }
            </p>
        };
    }

    html! {
        <div class="event-actions">
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            if *confirming {
                <div class="confirm">
                    <p tabindex="-1" ref={question_ref}>
                        <strong>{ cancel_question(event) }</strong>
                    </p>
                    <div class="actions">
                        <button type="button" class="button button--danger"
                            aria-disabled={busy.is_some().then_some("true")}
                            onclick={act.reform(|_| EventAction::Cancel)}>
                            { label(EventAction::Cancel, "Yes, cancel the event", "Cancelling…") }
                        </button>
                        <button type="button" class="button" onclick={ask(false)}>
                            { "Keep the event" }
                        </button>
                    </div>
                </div>
            } else {
                if closes_lounge {
                    <p id="event-publish-note">
                        { format!("Publishing closes {} to drop-ins while the event is on. \
                                   Drop-in bookings for that time are cancelled and the young \
                                   people who made them are told.", event.location) }
                    </p>
                }
                <div class="actions">
                    if status == EventStatus::Draft {
                        <button type="button" class="button button--primary" id="event-publish"
                            aria-describedby={closes_lounge.then_some("event-publish-note")}
                            aria-disabled={busy.is_some().then_some("true")}
                            onclick={act.reform(|_| EventAction::Publish)}>
                            { label(EventAction::Publish, "Publish", "Publishing…") }
                        </button>
                    }
                    <ConsoleLink to={ConsoleRoute::EditEvent { id: event.id }} classes="button">
                        { "Edit event" }
                    </ConsoleLink>
                    if status == EventStatus::Published && started {
                        <button type="button" class="button" id="event-complete"
                            aria-disabled={busy.is_some().then_some("true")}
                            onclick={act.reform(|_| EventAction::Complete)}>
                            { label(EventAction::Complete, "Mark completed", "Saving…") }
                        </button>
                    }
                    <button type="button" class="button button--danger" id="event-cancel"
                        ref={cancel_ref} onclick={ask(true)}>
                        { "Cancel event" }
                    </button>
                </div>
                if status == EventStatus::Published && !started {
                    <p class="field-hint">{ "You can mark it completed once it has started." }</p>
                }
            }
        </div>
    }
}

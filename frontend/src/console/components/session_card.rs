//! One office-hours session as its mentor sees it: when (on the agency's clock), the
//! name the young person gave, and the topic they chose to share. Never their email.
//! Once it has started, the mentor's private check-in.

use shared::{BookingStatus, CheckIn, MentorSession};
use yew::prelude::*;

use super::check_in_form::CheckInForm;
use crate::console::words::{attendance_label, outcome_label, rating_in_words};
use crate::hooks::use_focus_on_change;
use crate::{clock, format};

#[derive(Properties, PartialEq)]
pub struct SessionCardProps {
    pub session: MentorSession,
    /// Called with the session after its check-in was saved, so the list can reload.
    pub on_saved: Callback<MentorSession>,
}

/// Whether a session wants a check-in: it has started and wasn't cancelled, or it has
/// one already.
pub fn wants_check_in(session: &MentorSession) -> bool {
    session.check_in.is_some()
        || (!clock::is_future(&session.start) && session.status != BookingStatus::Cancelled)
}

/// A saved check-in in one line: "Session held · 4 out of 5 · You asked for support".
fn check_in_in_words(check_in: &CheckIn) -> String {
    let mut parts = vec![outcome_label(check_in.outcome).to_owned()];
    if check_in.rating.is_some() {
        parts.push(rating_in_words(check_in.rating));
    }
    if check_in.wants_support {
        parts.push("You asked for support".to_owned());
    }
    parts.join(" · ")
}

#[component]
pub fn SessionCard(props: &SessionCardProps) -> Html {
    let session = &props.session;
    let editing = use_state(|| false);
    let saved = use_state(|| None::<&'static str>);
    let change_ref = use_node_ref();
    let form_ref = use_node_ref();
    // Into the form when changing a check-in, and back to "Change check-in" after.
    let focus_target = if *editing {
        form_ref.clone()
    } else {
        change_ref.clone()
    };
    use_focus_on_change(*editing, focus_target);

    let on_saved = {
        let (editing, saved, on_saved) = (editing.clone(), saved.clone(), props.on_saved.clone());
        Callback::from(move |session: MentorSession| {
            let support = session
                .check_in
                .as_ref()
                .is_some_and(|check_in| check_in.wants_support);
            saved.set(Some(if support {
                "Check-in saved. Your supervisor has been emailed and will get in touch."
            } else {
                "Check-in saved. Thank you."
            }));
            editing.set(false);
            on_saved.emit(session);
        })
    };
    let set_editing = |value: bool| {
        let (editing, saved) = (editing.clone(), saved.clone());
        move || {
            saved.set(None);
            editing.set(value);
        }
    };

    let when = format::place_time_range(&session.start, &session.end);
    let check_in = wants_check_in(session).then(|| match (&session.check_in, *editing) {
        (Some(check_in), false) => {
            let start = set_editing(true);
            html! {
                <div class="check-in-summary">
                    <p>
                        <strong>{ "Your check-in: " }</strong>
                        { check_in_in_words(check_in) }
                    </p>
                    <button type="button" class="button" ref={change_ref.clone()}
                        onclick={Callback::from(move |_: MouseEvent| start())}>
                        { "Change check-in" }
                        <span class="visually-hidden">{ format!(" for the session with {}", session.name) }</span>
                    </button>
                </div>
            }
        }
        (check_in, _) => {
            let stop = set_editing(false);
            let on_cancel = check_in.is_some().then(|| Callback::from(move |()| stop()));
            html! {
                <div class="check-in-wrap" tabindex="-1" ref={form_ref.clone()}>
                    <CheckInForm
                        booking_id={session.booking_id}
                        check_in={check_in.clone()}
                        on_saved={on_saved.clone()}
                        {on_cancel}
                    />
                </div>
            }
        }
    });

    html! {
        <li class="card session">
            <h3>
                <time datetime={format::iso_datetime(&session.start)}>{ when }</time>
            </h3>
            <dl class="facts">
                <dt>{ "With" }</dt>
                <dd>{ &session.name }</dd>
                <dt>{ "They'd like to talk about" }</dt>
                <dd>
                    { session.topic.as_deref().filter(|topic| !topic.trim().is_empty())
                        .unwrap_or("Nothing shared. That's fine: let them lead.") }
                </dd>
                <dt>{ "Booking" }</dt>
                <dd>{ attendance_label(session.status) }</dd>
            </dl>
            <p class="saved" role="status">{ *saved }</p>
            { check_in }
        </li>
    }
}

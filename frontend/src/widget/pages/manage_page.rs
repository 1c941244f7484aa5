//! `/manage#token=...`, where every manage link leads: the booking in plain words, and
//! if it is still ahead, a way to change its time or cancel it, one decision per screen.
//! An event's time is the event's: its seat can only be cancelled, and a place on its
//! waitlist shows where in line it is and can be left. The token comes from the
//! fragment, which browsers never send to a server, and goes nowhere but the API's
//! paths. It stays in the address, so the page can be bookmarked. An event booking that
//! is still on also offers a question for the event's contact. This page is a bundle
//! of its own ([`crate::widget::ManageApp`]).

use std::rc::Rc;

use shared::{Booking, BookingKind, BookingStatus, Reschedule, SlotAvailability};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::api::bookings::{calendar_url, cancel_booking, find_booking, reschedule_booking};
use crate::api::ApiFailure;
use crate::clock;
use crate::components::{error_notice, loading};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, FetchState};
use crate::secret_link::token_from_fragment;
use crate::widget::components::pieces::{
    booking_facts, button, home_of, notice, page_link, progress, Tone,
};
use crate::widget::components::question_form::QuestionForm;
use crate::widget::components::WeekPicker;
use crate::widget::week::SlotSource;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Step {
    #[default]
    Overview,
    ChangeTime,
    ConfirmCancel,
}

/// Where the page stands beyond the fetched booking.
#[derive(Debug, Clone, Default, PartialEq)]
struct Manage {
    step: Step,
    /// The answer to our own last change, newer than what was fetched.
    changed: Option<Booking>,
    /// What just happened, in one sentence ("Your new time is ...").
    news: Option<String>,
    /// Why the last change didn't happen.
    problem: Option<String>,
    failed_attempts: u32,
    sending: bool,
}

enum Event {
    GoTo(Step),
    Sending,
    /// A change went through: the booking now, and what to say about it.
    Changed(Box<Booking>, Option<String>),
    /// A change didn't, and why; the step stays, to try again.
    Failed(String),
    /// The booking can't be changed any more (cancelled elsewhere, already begun).
    CantChange(String),
}

impl Reducible for Manage {
    type Action = Event;

    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        let mut next = (*self).clone();
        next.sending = false;
        next.problem = None;
        match event {
            Event::GoTo(step) => {
                next.step = step;
                next.news = None;
            }
            Event::Sending => next.sending = true,
            Event::Changed(booking, news) => {
                next = Self {
                    changed: Some(*booking),
                    news,
                    ..Self::default()
                }
            }
            Event::Failed(problem) => {
                next.problem = Some(problem);
                next.failed_attempts += 1;
            }
            Event::CantChange(news) => {
                next = Self {
                    news: Some(news),
                    ..Self::default()
                }
            }
        }
        Rc::new(next)
    }
}

#[component]
pub fn ManagePage() -> Html {
    let token = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .and_then(|fragment| token_from_fragment(&fragment));
    // `None` without asking anyone when the link has no whole token.
    let fetched = use_fetch_with(token.clone(), |token| {
        let token = token.clone();
        async move {
            match token {
                Some(token) => find_booking(&token).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let state = use_reducer(Manage::default);
    let heading_ref = use_node_ref();
    let news_ref = use_node_ref();

    let booking = match (&state.changed, &*fetched) {
        (Some(booking), _) | (None, FetchState::Loaded(Some(booking))) => Some(booking),
        _ => None,
    };
    let not_found = match &*fetched {
        FetchState::Loaded(None) => true,
        FetchState::Failed(failure) => failure.status() == Some(404),
        _ => false,
    };
    let waitlisted = booking.is_some_and(|booking| booking.status == BookingStatus::Waitlisted);
    use_document_title(match (not_found, state.step) {
        (true, _) => "Booking not found",
        (false, Step::Overview) => "Your booking",
        (false, Step::ChangeTime) => "Change your time",
        (false, Step::ConfirmCancel) if waitlisted => "Leave the waitlist?",
        (false, Step::ConfirmCancel) => "Cancel your spot?",
    });
    use_focus_after_change(
        (state.step, state.changed.clone()),
        news_ref.clone(),
        heading_ref.clone(),
    );

    let (Some(token), Some(booking)) = (token, booking) else {
        let body = match &*fetched {
            FetchState::Loading => loading("Finding your booking…"),
            FetchState::Failed(failure) if !not_found => {
                error_notice(failure, Some(&fetched.retry))
            }
            // All a wrong, incomplete or expired link learns.
            _ => notice(
                Tone::Error,
                "We couldn't find that booking. The link may be incomplete.",
                None,
            ),
        };
        return html! {
            <>
                <h1 tabindex="-1">{ "Your booking" }</h1>
                { body }
            </>
        };
    };

    let go_to = {
        let state = state.clone();
        move |step: Step| {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Event::GoTo(step)))
        }
    };
    let heading = |text: &'static str| {
        html! { <h1 tabindex="-1" ref={heading_ref.clone()}>{ text }</h1> }
    };
    // Under each step's question, where a phone screen shows it.
    let problem_and_progress = |busy_text: &'static str| {
        html! {
            <>
                if let Some(problem) = &state.problem {
                    { notice(Tone::Error, problem, None) }
                }
                { progress(busy_text, state.sending) }
            </>
        }
    };

    match state.step {
        Step::Overview => html! {
            <>
                { heading("Your booking") }
                if let Some(news) = &state.news {
                    { notice(Tone::Success, news, Some(&news_ref)) }
                }
                { overview(booking, &token, &news_ref, go_to) }
            </>
        },
        Step::ChangeTime => {
            let on_pick = pick_time(&state, &token, fetched.refresh.clone());
            let times_heading = match &booking.mentor {
                Some(mentor) => format!("Times with {mentor}"),
                None => format!("Times at {}", booking.place),
            };
            html! {
                <>
                    { heading("Change your time") }
                    <p>
                        { "Your time now: " }
                        <strong>{ format::place_time_range(&booking.start, &booking.end) }</strong>
                    </p>
                    <p>{ "Pick a new time. Your spot stays yours until the new time is booked." }</p>
                    { problem_and_progress("Changing your time…") }
                    <h2>{ times_heading }</h2>
                    if let Some(source) = slot_source(booking) {
                        <WeekPicker
                            {source}
                            current={booking.start}
                            reload={state.failed_attempts}
                            {on_pick}
                        />
                    }
                    { button("Keep my current time", go_to(Step::Overview)) }
                </>
            }
        }
        Step::ConfirmCancel => {
            let (question, explanation, busy, yes, no) = if waitlisted {
                (
                    "Leave the waitlist?",
                    "Are you sure? If you leave, you lose your place in line.",
                    "Taking you off the waitlist…",
                    "Yes, leave the waitlist",
                    "Stay on the waitlist",
                )
            } else {
                (
                    "Cancel your spot?",
                    "Are you sure? If you cancel, someone else can have your spot.",
                    "Cancelling your spot…",
                    "Yes, cancel",
                    "Keep my spot",
                )
            };
            html! {
                <>
                    { heading(question) }
                    <p>{ explanation }</p>
                    { booking_facts(booking) }
                    { problem_and_progress(busy) }
                    <div class="actions">
                        <button
                            type="button"
                            class="button button--danger"
                            onclick={cancel(&state, &token)}
                        >
                            { yes }
                        </button>
                        { button(no, go_to(Step::Overview)) }
                    </div>
                </>
            }
        }
    }
}

/// The booking in words, and what can still be done with it.
fn overview(
    booking: &Booking,
    token: &str,
    news_ref: &NodeRef,
    go_to: impl Fn(Step) -> Callback<MouseEvent>,
) -> Html {
    let ahead = clock::is_future(&booking.start);
    let can_change = booking.status.holds_place() && ahead;
    let waitlisted = booking.status == BookingStatus::Waitlisted && ahead;
    let home = home_of(booking);
    let event = booking.kind == BookingKind::Event;
    let (cancelled, book_again, book_another) = if event {
        (
            "You're no longer signed up. You can sign up again any time.",
            "See events",
            "See other events",
        )
    } else {
        (
            "Your spot is cancelled. You can book again any time.",
            "Book a spot",
            "Book another spot",
        )
    };
    html! {
        <>
            <p id="booking-status" class="booking-status">
                { format::booking_status_in_line(booking.status, booking.waitlist_position) }
            </p>
            { booking_facts(booking) }
            if can_change {
                <p><a class="button" href={calendar_url(token)}>{ "Add to calendar" }</a></p>
                <h2>{ "Can't make it?" }</h2>
                <div class="actions">
                    // An event's time is the event's own: no other time to move to.
                    if slot_source(booking).is_some() {
                        { button("Change time", go_to(Step::ChangeTime)) }
                    }
                    { button("Cancel my spot", go_to(Step::ConfirmCancel)) }
                </div>
            } else if waitlisted {
                <p>
                    { "If someone cancels, you move up the line. When a spot is yours, this \
                       page will say so, and we'll email you if you gave an email." }
                </p>
                <h2>{ "Changed your mind?" }</h2>
                <div class="actions">
                    { button("Leave the waitlist", go_to(Step::ConfirmCancel)) }
                </div>
            } else if booking.status == BookingStatus::Cancelled {
                { notice(Tone::Success, cancelled, Some(news_ref)) }
                { page_link(home, book_again, true) }
            } else {
                { page_link(home, book_another, false) }
            }
            if let Some(event_id) = askable_event(booking) {
                <h2>{ "Questions before the day?" }</h2>
                <p>
                    { "Ask the event's contact person. We'll pass on your name and your \
                       question." }
                </p>
                <QuestionForm {event_id} name={booking.name.clone()} />
            }
        </>
    }
}

/// The event a question about this booking goes to: one not cancelled, not yet over.
fn askable_event(booking: &Booking) -> Option<i64> {
    let open = booking.kind == BookingKind::Event
        && booking.status != BookingStatus::Cancelled
        && clock::is_future(&booking.end);
    booking.event_id.filter(|_| open)
}

/// Whose times a booking can move to: its mentor's, or its lounge space's. None for an
/// event (the server refuses to move it: `not_movable`).
fn slot_source(booking: &Booking) -> Option<SlotSource> {
    match (booking.mentor_id, booking.space_id) {
        (Some(mentor_id), _) => Some(SlotSource::Mentor(Some(mentor_id))),
        (None, space_id) => space_id.map(SlotSource::Space),
    }
}

/// Moves the booking to the slot picked; a full slot leaves it where it was.
fn pick_time(
    state: &UseReducerHandle<Manage>,
    token: &str,
    refetch_booking: Callback<()>,
) -> Callback<SlotAvailability> {
    let (state, token) = (state.clone(), token.to_owned());
    Callback::from(move |slot: SlotAvailability| {
        if state.sending {
            return;
        }
        state.dispatch(Event::Sending);
        let (state, token) = (state.clone(), token.clone());
        let refetch_booking = refetch_booking.clone();
        spawn_local(async move {
            match reschedule_booking(&token, &Reschedule { start: slot.start }).await {
                Ok(booking) => {
                    let new_time = format::place_time_range(&booking.start, &booking.end);
                    let news = format!("Done! Your new time is {new_time}.");
                    state.dispatch(Event::Changed(Box::new(booking), Some(news)));
                }
                Err(failure)
                    if matches!(failure.code(), Some("not_active" | "already_started")) =>
                {
                    state.dispatch(Event::CantChange(failure.message().to_owned()));
                    refetch_booking.emit(());
                }
                Err(failure) => state.dispatch(Event::Failed(reschedule_problem(&failure))),
            }
        });
    })
}

/// Cancels, once "Yes, cancel" is pressed.
fn cancel(state: &UseReducerHandle<Manage>, token: &str) -> Callback<MouseEvent> {
    let (state, token) = (state.clone(), token.to_owned());
    Callback::from(move |_: MouseEvent| {
        if state.sending {
            return;
        }
        state.dispatch(Event::Sending);
        let (state, token) = (state.clone(), token.clone());
        spawn_local(async move {
            match cancel_booking(&token).await {
                // The cancelled booking says it all.
                Ok(booking) => state.dispatch(Event::Changed(Box::new(booking), None)),
                Err(failure) => state.dispatch(Event::Failed(failure.message().to_owned())),
            }
        });
    })
}

/// Why the move didn't happen, and that nothing changed.
fn reschedule_problem(failure: &ApiFailure) -> String {
    match failure.code() {
        Some("slot_full") => "Sorry, that time just filled up. Your booking hasn't changed. \
                              Please pick another time."
            .to_owned(),
        _ => format!("{} Your booking hasn't changed.", failure.message()),
    }
}

/// After each step or change (not on page load), moves focus to what just happened
/// when there is news of it, or else to the step's heading, so screen readers follow.
#[hook]
fn use_focus_after_change<D: PartialEq + 'static>(
    deps: D,
    news_ref: NodeRef,
    heading_ref: NodeRef,
) {
    let is_first_render = use_ref(|| std::cell::Cell::new(true));
    use_effect_with(deps, move |_| {
        if is_first_render.replace(false) {
            return;
        }
        let target = news_ref
            .cast::<HtmlElement>()
            .or_else(|| heading_ref.cast::<HtmlElement>());
        if let Some(target) = target {
            // Failing to focus only costs the announcement; nothing to recover.
            let _ = target.focus();
        }
    });
}

//! One mentor as their supervisor sees them: sessions today and this week against their
//! own limits, whether they are on a break or listed, their screening date (editable),
//! who supervises them (admins can change it), open "I'd like support" flags to follow
//! up, recent check-ins, and a way to approve one extra session.

use chrono::{DateTime, FixedOffset};
use shared::{SupervisedCheckIn, SupervisedMentor, UpdateSupervision};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{event_value, field, Control, Field};
use crate::api::{mentoring, ApiFailure};
use crate::components::error_notice;
use crate::console::lounge::{device_offset, zone_offset};
use crate::console::mentoring::{check_extra_session, check_screening_date};
use crate::console::words::{against_limit, limits_in_words, outcome_label, rating_in_words};
use crate::format;
use crate::hooks::use_focus_on_change;

#[derive(Properties, PartialEq)]
pub struct SupervisedMentorCardProps {
    pub mentor: SupervisedMentor,
    /// Staff who can supervise, as (id, name), when the reader may choose (admins).
    #[prop_or_default]
    pub supervisors: Option<Vec<(i64, String)>>,
    /// The agency's time zone, which an extra session's time is entered in.
    #[prop_or_default]
    pub zone: Option<String>,
    /// Called with what changed, in words, after each change, so the list can reload.
    pub on_changed: Callback<String>,
}

/// "Wednesday, June 18 at 4:00 PM", on the agency's clock.
fn session_time(start: &DateTime<FixedOffset>) -> String {
    format!(
        "{} at {}",
        format::day_name(start.date_naive()),
        format::clock_time(start)
    )
}

fn taking_bookings(mentor: &SupervisedMentor) -> String {
    if mentor.limits.on_break {
        match mentor.limits.break_until {
            Some(until) => format!("No: on a break until {}", format::date_with_year(until)),
            None => "No: on a break".to_owned(),
        }
    } else if mentor.accepting_bookings {
        "Yes".to_owned()
    } else {
        "Not right now".to_owned()
    }
}

fn listed_in_words(mentor: &SupervisedMentor) -> &'static str {
    if mentor.listed {
        "Yes: young people can find them"
    } else if !mentor.published {
        "No: their profile isn't switched on"
    } else {
        "No: their screening check isn't current"
    }
}

#[component]
pub fn SupervisedMentorCard(props: &SupervisedMentorCardProps) -> Html {
    let mentor = &props.mentor;
    let id = mentor.mentor_id;
    let name = &mentor.display_name;
    let heading_id = format!("mentor-{id}-heading");
    // What changed last, said here, next to what changed.
    let saved = use_state(String::new);
    let on_changed = {
        let (saved, on_changed) = (saved.clone(), props.on_changed.clone());
        Callback::from(move |done: String| {
            saved.set(done.clone());
            on_changed.emit(done);
        })
    };
    // A flag followed up leaves the list, and its button with it: the keyboard goes to
    // the list's heading rather than to the top of the page.
    let support_ref = use_node_ref();
    let follow_ups = use_state(|| 0_u32);
    use_focus_on_change(*follow_ups, support_ref.clone());
    let on_followed_up = {
        let (follow_ups, on_changed) = (follow_ups.clone(), on_changed.clone());
        Callback::from(move |done: String| {
            follow_ups.set(*follow_ups + 1);
            on_changed.emit(done);
        })
    };

    let check_in_item = |check_in: &SupervisedCheckIn| {
        let support = match (check_in.check_in.wants_support, &check_in.followed_up_at) {
            (false, _) => None,
            (true, None) => Some("Asked for support".to_owned()),
            (true, Some(at)) => Some(format!(
                "Asked for support, followed up {}",
                format::date_time(at)
            )),
        };
        let parts: Vec<String> = [
            Some(outcome_label(check_in.check_in.outcome).to_owned()),
            check_in
                .check_in
                .rating
                .map(|rating| rating_in_words(Some(rating))),
            support,
        ]
        .into_iter()
        .flatten()
        .collect();
        html! {
            <li key={check_in.booking_id}>
                <time datetime={format::iso_datetime(&check_in.session_start)}>
                    { session_time(&check_in.session_start) }
                </time>
                { format!(": {}.", parts.join(" · ")) }
                if !check_in.check_in.note.is_empty() {
                    <blockquote class="check-in-note">{ &check_in.check_in.note }</blockquote>
                }
            </li>
        }
    };

    html! {
        <li class="card supervised-mentor">
            <h3 id={heading_id}>{ name }</h3>
            <dl class="facts">
                <dt>{ "Today" }</dt>
                <dd>{ against_limit(mentor.sessions_today, mentor.limits.max_sessions_per_day, "today") }</dd>
                <dt>{ "This week" }</dt>
                <dd>{ against_limit(mentor.sessions_this_week, mentor.limits.max_sessions_per_week, "this week") }</dd>
                <dt>{ "Taking bookings" }</dt>
                <dd>{ taking_bookings(mentor) }</dd>
                <dt>{ "Listed" }</dt>
                <dd>{ listed_in_words(mentor) }</dd>
                <dt>{ "Their limits" }</dt>
                <dd>{ limits_in_words(&mentor.limits).join(" ") }</dd>
                <dt>{ "Supervisor" }</dt>
                <dd>{ mentor.supervisor_name.clone().unwrap_or_else(|| "No one yet".to_owned()) }</dd>
            </dl>
            <p class="saved" role="status">{ (*saved).clone() }</p>

            <section class="support-flags" aria-labelledby={format!("mentor-{id}-support")}>
                <h4 id={format!("mentor-{id}-support")} tabindex="-1" ref={support_ref}>{ "Asked for support" }</h4>
                if mentor.open_support_flags.is_empty() {
                    <p>{ "Nothing waiting." }</p>
                } else {
                    <ul class="support-list">
                        { for mentor.open_support_flags.iter().map(|flag| html! {
                            <SupportFlag key={flag.booking_id} flag={flag.clone()} on_changed={on_followed_up.clone()} />
                        }) }
                    </ul>
                }
            </section>

            <section aria-labelledby={format!("mentor-{id}-check-ins")}>
                <h4 id={format!("mentor-{id}-check-ins")}>{ "Check-ins, last 14 days" }</h4>
                if mentor.check_ins.is_empty() {
                    <p>{ "No check-ins yet." }</p>
                } else {
                    <ul class="check-ins">{ for mentor.check_ins.iter().map(check_in_item) }</ul>
                }
            </section>

            <ScreeningForm
                mentor_id={id}
                valid_until={mentor.screening_valid_until}
                on_changed={on_changed.clone()}
            />
            if let Some(supervisors) = &props.supervisors {
                <SupervisorForm
                    mentor_id={id}
                    current={mentor.supervisor_id}
                    current_name={mentor.supervisor_name.clone()}
                    supervisors={supervisors.clone()}
                    on_changed={on_changed.clone()}
                />
            }
            <ExtraSessionForm
                mentor_id={id}
                name={name.clone()}
                zone={props.zone.clone()}
                on_changed={on_changed.clone()}
            />
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct SupportFlagProps {
    flag: SupervisedCheckIn,
    on_changed: Callback<String>,
}

/// An "I'd like support" waiting to be followed up.
#[component]
fn SupportFlag(props: &SupportFlagProps) -> Html {
    let flag = &props.flag;
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let when = session_time(&flag.session_start);
    let onclick = {
        let (busy, failure) = (busy.clone(), failure.clone());
        let (booking_id, on_changed) = (flag.booking_id, props.on_changed.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            failure.set(None);
            let (busy, failure, on_changed) = (busy.clone(), failure.clone(), on_changed.clone());
            spawn_local(async move {
                let result = mentoring::mark_followed_up(booking_id).await;
                busy.set(false);
                match result {
                    Ok(_) => on_changed.emit("Marked as followed up.".to_owned()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    html! {
        <li class="support-flag">
            <p>
                <strong>{ "After the session on " }</strong>
                <time datetime={format::iso_datetime(&flag.session_start)}>{ &when }</time>
                { format!(": {}.", rating_in_words(flag.check_in.rating)) }
            </p>
            if !flag.check_in.note.is_empty() {
                <blockquote class="check-in-note">{ &flag.check_in.note }</blockquote>
            }
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            <button type="button" class="button" aria-disabled={busy.then_some("true")} {onclick}>
                { if *busy { "Saving…" } else { "Mark followed up" } }
                <span class="visually-hidden">{ format!(" (session on {when})") }</span>
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ScreeningFormProps {
    mentor_id: i64,
    valid_until: Option<chrono::NaiveDate>,
    on_changed: Callback<String>,
}

#[component]
fn ScreeningForm(props: &ScreeningFormProps) -> Html {
    let text = use_state(|| props.valid_until.map(|d| d.to_string()).unwrap_or_default());
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let input_id = format!("screening-{}", props.mentor_id);
    let onsubmit = {
        let (text, error, busy) = (text.clone(), error.clone(), busy.clone());
        let (mentor_id, on_changed) = (props.mentor_id, props.on_changed.clone());
        let input_id = input_id.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let date = match check_screening_date(&text) {
                Ok(date) => date,
                Err(fields) => {
                    error.set(fields.values().next().map(|messages| messages.join(" ")));
                    focus_by_id(&input_id);
                    return;
                }
            };
            error.set(None);
            busy.set(true);
            let change = UpdateSupervision {
                screening_valid_until: Some(date),
                ..UpdateSupervision::default()
            };
            let (error, busy, on_changed) = (error.clone(), busy.clone(), on_changed.clone());
            spawn_local(async move {
                let result = mentoring::update_supervision(mentor_id, &change).await;
                busy.set(false);
                match result {
                    Ok(_) => on_changed.emit(format!(
                        "Screening date saved: valid until {}.",
                        format::date_with_year(date)
                    )),
                    Err(failure) => error.set(Some(message_of(&failure, "screening_valid_until"))),
                }
            });
        })
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |value: String| text.set(value))
    };
    html! {
        <form class="form inline-form" novalidate=true {onsubmit}>
            { field(Field {
                hint: Some("After this date they leave the mentor list until it's renewed."),
                error: (*error).clone(),
                value: Some((*text).clone()),
                on_input: Some(on_input),
                ..Field::new(input_id, "Screening check valid until", Control::Date)
            }) }
            <button type="submit" class="button" disabled={*busy}>
                { if *busy { "Saving…" } else { "Save date" } }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct SupervisorFormProps {
    mentor_id: i64,
    current: Option<i64>,
    current_name: Option<String>,
    supervisors: Vec<(i64, String)>,
    on_changed: Callback<String>,
}

/// Admins only: who supervises this mentor.
#[component]
fn SupervisorForm(props: &SupervisorFormProps) -> Html {
    let picked = use_state(|| props.current);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let select_id = format!("supervisor-{}", props.mentor_id);
    // Someone who no longer holds the role still shows as the one chosen.
    let mut supervisors = props.supervisors.clone();
    if let (Some(id), Some(name)) = (props.current, &props.current_name) {
        if !supervisors.iter().any(|(each, _)| *each == id) {
            supervisors.insert(0, (id, name.clone()));
        }
    }
    let onsubmit = {
        let (picked, error, busy) = (picked.clone(), error.clone(), busy.clone());
        let (mentor_id, on_changed) = (props.mentor_id, props.on_changed.clone());
        let names = supervisors.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let Some(supervisor_id) = *picked else {
                error.set(Some("Choose a supervisor from the list.".to_owned()));
                return;
            };
            error.set(None);
            busy.set(true);
            let change = UpdateSupervision {
                supervisor_id: Some(supervisor_id),
                ..UpdateSupervision::default()
            };
            let name = names
                .iter()
                .find(|(id, _)| *id == supervisor_id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default();
            let (error, busy, on_changed) = (error.clone(), busy.clone(), on_changed.clone());
            spawn_local(async move {
                let result = mentoring::update_supervision(mentor_id, &change).await;
                busy.set(false);
                match result {
                    Ok(_) => on_changed.emit(format!("{name} is now their supervisor.")),
                    Err(failure) => error.set(Some(message_of(&failure, "supervisor_id"))),
                }
            });
        })
    };
    let onchange = {
        let picked = picked.clone();
        Callback::from(move |event: Event| picked.set(event_value(&event).parse().ok()))
    };
    let error_id = format!("{select_id}-error");
    html! {
        <form class="form inline-form" novalidate=true {onsubmit}>
            <div class="field">
                <label for={select_id.clone()}>{ "Supervisor" }</label>
                <select
                    id={select_id}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.as_ref().map(|_| error_id.clone())}
                    {onchange}
                >
                    if picked.is_none() {
                        <option value="" selected=true>{ "Choose a supervisor" }</option>
                    }
                    { for supervisors.iter().map(|(id, name)| html! {
                        <option key={*id} value={id.to_string()} selected={*picked == Some(*id)}>{ name }</option>
                    }) }
                </select>
                if let Some(error) = &*error {
                    <p id={error_id} class="field-error">{ error }</p>
                }
            </div>
            <button type="submit" class="button" disabled={*busy}>
                { if *busy { "Saving…" } else { "Save supervisor" } }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ExtraSessionFormProps {
    mentor_id: i64,
    name: String,
    zone: Option<String>,
    on_changed: Callback<String>,
}

/// Lets one session be booked though one of the mentor's limits would say no.
#[component]
fn ExtraSessionForm(props: &ExtraSessionFormProps) -> Html {
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let input_id = format!("extra-session-{}", props.mentor_id);
    let onsubmit = {
        let (text, error, busy) = (text.clone(), error.clone(), busy.clone());
        let (mentor_id, on_changed) = (props.mentor_id, props.on_changed.clone());
        let (zone, input_id, name) = (props.zone.clone(), input_id.clone(), props.name.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let extra = match check_extra_session(&text, |local| {
                zone.as_deref()
                    .and_then(|zone| zone_offset(zone, local))
                    .or_else(|| device_offset(local))
            }) {
                Ok(extra) => extra,
                Err(fields) => {
                    error.set(fields.values().next().map(|messages| messages.join(" ")));
                    focus_by_id(&input_id);
                    return;
                }
            };
            error.set(None);
            busy.set(true);
            let (text, error, busy, on_changed) = (
                text.clone(),
                error.clone(),
                busy.clone(),
                on_changed.clone(),
            );
            let name = name.clone();
            spawn_local(async move {
                let result = mentoring::approve_extra_session(mentor_id, &extra).await;
                busy.set(false);
                match result {
                    Ok(approved) => {
                        text.set(String::new());
                        on_changed.emit(format!(
                            "Approved: young people can book {name} on {}, even though a limit would say no.",
                            session_time(&approved.start)
                        ));
                    }
                    Err(failure) => error.set(Some(message_of(&failure, "start"))),
                }
            });
        })
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |value: String| text.set(value))
    };
    html! {
        <form class="form inline-form" novalidate=true {onsubmit}>
            { field(Field {
                hint: Some("The date and start time, on the lounge's clock. Only if you've agreed it with them: it never goes over another booking."),
                error: (*error).clone(),
                value: Some((*text).clone()),
                on_input: Some(on_input),
                ..Field::new(input_id, "Approve one extra session at", Control::DateTime)
            }) }
            <button type="submit" class="button" disabled={*busy}>
                { if *busy { "Approving…" } else { "Approve one extra session" } }
            </button>
        </form>
    }
}

/// The server's message for `field` if it named one, or its message for the request.
fn message_of(failure: &ApiFailure, field: &str) -> String {
    failure
        .field_errors()
        .and_then(|fields| fields.get(field))
        .map(|messages| messages.join(" "))
        .unwrap_or_else(|| failure.message().to_owned())
}

fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok());
    if let Some(element) = element {
        // Failing to focus only costs the shortcut; the error is still shown.
        let _ = element.focus();
    }
}

//! A mentor's own limits: how many sessions a day and a week, a break between
//! sessions, a time after which there are none, and a break from mentoring altogether.
//! Peer Lounge keeps to them when young people book, so no mentor has to say no.

use shared::MentorLimits;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::choices::{switch, Switch};
use super::field::{field, use_focus_on_field_errors, Control, Field};
use crate::api::mentoring;
use crate::components::form::{form_alert, FormErrors};
use crate::console::mentoring::{
    check_limits, LimitsDraft, BUFFER_MINUTES, SESSIONS_PER_DAY, SESSIONS_PER_WEEK,
};

#[derive(Properties, PartialEq)]
pub struct LimitsFormProps {
    /// The limits as the server holds them.
    pub limits: MentorLimits,
}

/// The API's field names and their input ids, in page order.
const INPUTS: [(&str, &str); 6] = [
    ("max_sessions_per_day", "limits-per-day"),
    ("max_sessions_per_week", "limits-per-week"),
    ("buffer_minutes", "limits-buffer"),
    ("no_sessions_after", "limits-after"),
    ("on_break", "limits-on-break"),
    ("break_until", "limits-break-until"),
];

/// The text of input `index` (in [`INPUTS`] order; the break switch has none).
fn text_of(draft: &mut LimitsDraft, index: usize) -> &mut String {
    match index {
        0 => &mut draft.max_sessions_per_day,
        1 => &mut draft.max_sessions_per_week,
        2 => &mut draft.buffer_minutes,
        3 => &mut draft.no_sessions_after,
        _ => &mut draft.break_until,
    }
}

#[component]
pub fn LimitsForm(props: &LimitsFormProps) -> Html {
    let draft = use_state(|| LimitsDraft::from_limits(&props.limits));
    let alert_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let saved = use_state(|| None::<&'static str>);
    use_focus_on_field_errors(
        &errors,
        INPUTS
            .iter()
            .map(|(name, id)| ((*name).to_owned(), (*id).to_owned()))
            .collect(),
        alert_ref.clone(),
    );

    let onsubmit = {
        let (draft, submitting, errors, saved) = (
            draft.clone(),
            submitting.clone(),
            errors.clone(),
            saved.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let limits = match check_limits(&draft) {
                Ok(limits) => limits,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            saved.set(None);
            submitting.set(true);
            let (draft, submitting, errors, saved) = (
                draft.clone(),
                submitting.clone(),
                errors.clone(),
                saved.clone(),
            );
            spawn_local(async move {
                let result = mentoring::set_limits(&limits).await;
                submitting.set(false);
                match result {
                    Ok(limits) => {
                        draft.set(LimitsDraft::from_limits(&limits));
                        saved.set(Some("Your limits are saved."));
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let input = |index: usize, label: &str, control: Control, hint: &str| {
        let (name, id) = INPUTS[index];
        let on_input = {
            let (draft, saved) = (draft.clone(), saved.clone());
            Callback::from(move |text: String| {
                let mut next = (*draft).clone();
                *text_of(&mut next, index) = text;
                saved.set(None);
                draft.set(next);
            })
        };
        let mut current = (*draft).clone();
        field(Field {
            hint: Some(hint),
            error: errors.for_field(name),
            value: Some(std::mem::take(text_of(&mut current, index))),
            on_input: Some(on_input),
            ..Field::new(id, label, control)
        })
    };
    let number = |(min, max): (u32, u32)| Control::Number { min, max };
    let on_break = {
        let (draft, saved) = (draft.clone(), saved.clone());
        Callback::from(move |on: bool| {
            saved.set(None);
            draft.set(LimitsDraft {
                on_break: on,
                ..(*draft).clone()
            });
        })
    };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            <p>
                { "Your limits protect your time: Peer Lounge keeps to them when young people \
                   book, so you never have to say no. Your supervisor can see them. Young \
                   people only see whether you're taking bookings, never why." }
            </p>
            { form_alert(&errors, &alert_ref) }
            <fieldset class="fieldset">
                <legend>{ "How many sessions" }</legend>
                { input(0, "Most sessions in a day", number(SESSIONS_PER_DAY),
                    "Leave it empty for no daily limit.") }
                { input(1, "Most sessions in a week", number(SESSIONS_PER_WEEK),
                    "Leave it empty for no weekly limit.") }
                { input(2, "Break between sessions, in minutes", number(BUFFER_MINUTES),
                    "Free time kept between two sessions, to rest or write a check-in. 0 for none.") }
                { input(3, "No sessions after", Control::Time,
                    "Every session ends by this time. Leave it empty if any time in your office hours is fine.") }
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Taking a break" }</legend>
                { switch(Switch {
                    id: INPUTS[4].1,
                    label: "I'm taking a break",
                    hint: "While this is on, young people can't book new sessions with you. \
                           It's OK to take a break whenever you need one.",
                    on: draft.on_break,
                    on_toggle: on_break,
                    error: errors.for_field("on_break"),
                }) }
                if draft.on_break {
                    { input(5, "Last day of my break (optional)", Control::Date,
                        "Bookings open again the day after. Leave it empty to stay on a break until you switch it off.") }
                }
            </fieldset>
            <p class="saved" role="status">{ *saved }</p>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Saving…" } else { "Save my limits" } }
            </button>
        </form>
    }
}

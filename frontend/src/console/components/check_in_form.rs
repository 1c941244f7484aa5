//! A mentor's private check-in after a session: whether it happened, how it went for
//! them, and "I'd like support", which emails their supervisor. Young people never see
//! any of it.

use shared::{CheckIn, MentorSession, SessionOutcome};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::choices::{choice_id, choices, ChoiceKind, Choices};
use super::field::{field, use_focus_on_field_errors, Control, Field};
use crate::api::mentoring;
use crate::components::form::{form_alert, FormErrors};
use crate::console::mentoring::{check_check_in, CheckInDraft};

#[derive(Properties, PartialEq)]
pub struct CheckInFormProps {
    pub booking_id: i64,
    /// The check-in saved before, to change it.
    #[prop_or_default]
    pub check_in: Option<CheckIn>,
    /// Called with the session as saved.
    pub on_saved: Callback<MentorSession>,
    /// Shown as "Cancel" when changing a saved check-in.
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

/// How each outcome is asked about, in the mentor's own words.
fn outcome_choice(outcome: SessionOutcome) -> &'static str {
    match outcome {
        SessionOutcome::Held => "Yes, we met",
        SessionOutcome::DidNotCome => "No, the young person didn't come",
        SessionOutcome::Cancelled => "No, it was cancelled",
    }
}

fn rating_choice(rating: u8) -> String {
    match rating {
        1 => "1 (hard)".to_owned(),
        5 => "5 (great)".to_owned(),
        rating => rating.to_string(),
    }
}

#[component]
pub fn CheckInForm(props: &CheckInFormProps) -> Html {
    let prefix = format!("check-in-{}", props.booking_id);
    let draft = use_state(|| {
        props
            .check_in
            .as_ref()
            .map(CheckInDraft::from_check_in)
            .unwrap_or_default()
    });
    let alert_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    use_focus_on_field_errors(
        &errors,
        vec![
            (
                "outcome".to_owned(),
                choice_id(&format!("{prefix}-outcome"), 0),
            ),
            (
                "rating".to_owned(),
                choice_id(&format!("{prefix}-rating"), 0),
            ),
            ("wants_support".to_owned(), format!("{prefix}-support")),
            ("note".to_owned(), format!("{prefix}-note")),
        ],
        alert_ref.clone(),
    );

    let edit = {
        let draft = draft.clone();
        move |change: fn(&mut CheckInDraft, usize), index: usize| {
            let mut next = (*draft).clone();
            change(&mut next, index);
            draft.set(next);
        }
    };
    let on_outcome = {
        let edit = edit.clone();
        Callback::from(move |index: usize| {
            edit(
                |draft, index| draft.outcome = SessionOutcome::ALL.get(index).copied(),
                index,
            )
        })
    };
    let on_rating = {
        let edit = edit.clone();
        Callback::from(move |index: usize| {
            edit(
                |draft, index| draft.rating = u8::try_from(index + 1).ok(),
                index,
            )
        })
    };
    let on_support = {
        let edit = edit.clone();
        Callback::from(move |_: Event| {
            edit(|draft, _| draft.wants_support = !draft.wants_support, 0)
        })
    };
    let on_note = {
        let draft = draft.clone();
        Callback::from(move |note: String| {
            draft.set(CheckInDraft {
                note,
                ..(*draft).clone()
            })
        })
    };

    let onsubmit = {
        let (draft, submitting, errors) = (draft.clone(), submitting.clone(), errors.clone());
        let (booking_id, on_saved) = (props.booking_id, props.on_saved.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let check_in = match check_check_in(&draft) {
                Ok(check_in) => check_in,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            submitting.set(true);
            let (submitting, errors, on_saved) =
                (submitting.clone(), errors.clone(), on_saved.clone());
            spawn_local(async move {
                let result = mentoring::check_in(booking_id, &check_in).await;
                submitting.set(false);
                match result {
                    Ok(session) => on_saved.emit(session),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let support_id = format!("{prefix}-support");
    let support_hint_id = format!("{support_id}-hint");
    let heading_id = format!("{prefix}-heading");
    html! {
        <form class="form check-in" novalidate=true aria-labelledby={heading_id.clone()} {onsubmit}>
            <h4 id={heading_id}>{ "Your private check-in" }</h4>
            <p class="field-hint">
                { "Only you and your supervisor can read this. Young people never see it." }
            </p>
            { form_alert(&errors, &alert_ref) }
            { choices(Choices {
                id_prefix: &format!("{prefix}-outcome"),
                legend: "Did the session happen?",
                hint: None,
                kind: ChoiceKind::Radio,
                options: SessionOutcome::ALL
                    .into_iter()
                    .map(|outcome| (outcome_choice(outcome).to_owned(), draft.outcome == Some(outcome)))
                    .collect(),
                on_pick: on_outcome,
                error: errors.for_field("outcome"),
                inline: false,
            }) }
            { choices(Choices {
                id_prefix: &format!("{prefix}-rating"),
                legend: "How did it go for you?",
                hint: Some("1 is hard, 5 is great. You can skip this."),
                kind: ChoiceKind::Radio,
                options: (1..=5_u8)
                    .map(|rating| (rating_choice(rating), draft.rating == Some(rating)))
                    .collect(),
                on_pick: on_rating,
                error: errors.for_field("rating"),
                inline: true,
            }) }
            <div class="checkbox">
                <input
                    type="checkbox"
                    id={support_id.clone()}
                    checked={draft.wants_support}
                    aria-describedby={support_hint_id.clone()}
                    onchange={on_support}
                />
                <label for={support_id}>{ "I'd like support" }</label>
                <p id={support_hint_id} class="checkbox__hint">
                    { "Ticking this emails your supervisor, so they can get in touch with you. \
                       Asking for support is always OK." }
                </p>
            </div>
            { field(Field {
                hint: Some("Anything you want to remember or tell your supervisor."),
                error: errors.for_field("note"),
                value: Some(draft.note.clone()),
                on_input: Some(on_note),
                ..Field::new(format!("{prefix}-note"), "Note (optional)", Control::TextArea)
            }) }
            <div class="actions">
                <button type="submit" class="button button--primary" disabled={*submitting}>
                    { if *submitting { "Saving…" } else { "Save check-in" } }
                </button>
                if let Some(on_cancel) = &props.on_cancel {
                    <button type="button" class="button" onclick={on_cancel.reform(|_| ())}>
                        { "Cancel" }
                    </button>
                }
            </div>
        </form>
    }
}

//! A space's details (name, seats, what it's like, access, house rules) and, once it
//! exists, its booking rules. Adds a new space when given none.

use shared::AdminSpace;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{field, use_focus_on_field_errors, Control, Field};
use crate::api::lounge_admin;
use crate::components::form::{form_alert, FormErrors};
use crate::console::lounge::{
    check_new_space, check_space_change, SpaceDraft, CAPACITY, HORIZON_DAYS,
    MAX_UPCOMING_PER_EMAIL, MIN_NOTICE_MINUTES,
};

#[derive(Properties, PartialEq)]
pub struct SpaceFormProps {
    /// The space to change; without one, the form adds a new space.
    #[prop_or_default]
    pub space: Option<AdminSpace>,
    /// Called with the space as saved.
    pub on_saved: Callback<AdminSpace>,
}

/// The API's field names and their input ids, in page order.
const INPUTS: [(&str, &str); 8] = [
    ("name", "space-name"),
    ("capacity", "space-capacity"),
    ("description", "space-description"),
    ("accessibility_notes", "space-accessibility-notes"),
    ("house_rules", "space-house-rules"),
    ("min_notice_minutes", "space-min-notice"),
    ("horizon_days", "space-horizon"),
    ("max_upcoming_per_email", "space-per-email"),
];

/// The text of input `index` (in [`INPUTS`] order).
fn draft_text(draft: &mut SpaceDraft, index: usize) -> &mut String {
    match index {
        0 => &mut draft.name,
        1 => &mut draft.capacity,
        2 => &mut draft.description,
        3 => &mut draft.accessibility_notes,
        4 => &mut draft.house_rules,
        5 => &mut draft.min_notice_minutes,
        6 => &mut draft.horizon_days,
        _ => &mut draft.max_upcoming_per_email,
    }
}

#[component]
pub fn SpaceForm(props: &SpaceFormProps) -> Html {
    // What every input says; Yew sets each input to it on every render.
    let draft = use_state(|| {
        props
            .space
            .as_ref()
            .map(SpaceDraft::from_space)
            .unwrap_or_default()
    });
    // The space as saved changed (after a save here): start again from it.
    {
        let draft = draft.clone();
        use_effect_with(props.space.clone(), move |space| {
            if let Some(space) = space {
                draft.set(SpaceDraft::from_space(space));
            }
        });
    }
    let alert_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let saved = use_state(|| None::<&'static str>);
    let editing = props.space.is_some();
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
        let space_id = props.space.as_ref().map(|space| space.space.id);
        let on_saved = props.on_saved.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let checked = match space_id {
                Some(id) => check_space_change(&draft).map(|change| Ok((id, change))),
                None => check_new_space(&draft).map(Err),
            };
            let request = match checked {
                Ok(request) => request,
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
            let on_saved = on_saved.clone();
            spawn_local(async move {
                let result = match &request {
                    Ok((id, change)) => lounge_admin::update_space(*id, change).await,
                    Err(new) => lounge_admin::create_space(new).await,
                };
                submitting.set(false);
                match result {
                    Ok(space) => {
                        if request.is_err() {
                            // Added: the form is ready for another.
                            draft.set(SpaceDraft::default());
                        } else {
                            saved.set(Some("Changes saved."));
                        }
                        on_saved.emit(space);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let input = |index: usize, label: &str, control: Control, hint: Option<&str>| {
        let (name, id) = INPUTS[index];
        let on_input = {
            let (draft, saved) = (draft.clone(), saved.clone());
            Callback::from(move |text: String| {
                let mut next = (*draft).clone();
                *draft_text(&mut next, index) = text;
                saved.set(None);
                draft.set(next);
            })
        };
        let mut current = (*draft).clone();
        field(Field {
            hint,
            error: errors.for_field(name),
            value: Some(std::mem::take(draft_text(&mut current, index))),
            on_input: Some(on_input),
            ..Field::new(id, label, control)
        })
    };
    let (min_capacity, max_capacity) = CAPACITY;
    let number = |(min, max): (u32, u32)| Control::Number { min, max };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            { form_alert(&errors, &alert_ref) }
            <fieldset class="fieldset">
                <legend>{ "About the space" }</legend>
                { input(0, "Name", Control::Text, Some("Young people see this name when they book.")) }
                { input(1, "Seats", number((min_capacity, max_capacity)),
                    Some("How many people fit, counting walk-ins. Bookings never go over it.")) }
                { input(2, "What it's like", Control::TextArea,
                    Some("A sentence or two for young people: what's there, how it feels.")) }
                { input(3, "Accessibility", Control::TextArea,
                    Some("Step-free access, restrooms, quiet corners, lighting: whatever helps someone plan.")) }
                { input(4, "House rules", Control::TextArea,
                    Some("Shown before booking and in the confirmation email.")) }
            </fieldset>
            if editing {
                <fieldset class="fieldset">
                    <legend>{ "Booking rules" }</legend>
                    { input(5, "Minimum notice, in minutes", number(MIN_NOTICE_MINUTES),
                        Some("Booking a slot closes this long before it starts. 60 is an hour; 0 keeps it open until the start.")) }
                    { input(6, "How far ahead, in days", number(HORIZON_DAYS),
                        Some("Young people can book this many days ahead.")) }
                    { input(7, "Upcoming bookings per email address", number(MAX_UPCOMING_PER_EMAIL),
                        Some("The most bookings still to come that one email address can hold, so no one fills the week.")) }
                </fieldset>
            } else {
                <p class="field-hint">
                    { "A new space starts with these booking rules: booking closes 1 hour \
                       before a slot starts, young people can book up to 28 days ahead, and \
                       one email address can hold 3 upcoming bookings. You can change them \
                       once it's added." }
                </p>
            }
            <p class="saved" role="status">{ *saved }</p>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { match (*submitting, editing) {
                    (true, _) => "Saving…",
                    (false, true) => "Save changes",
                    (false, false) => "Add space",
                } }
            </button>
        </form>
    }
}

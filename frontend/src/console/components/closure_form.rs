//! Closes a space for a while: from, to, and why. Bookings inside are cancelled at once
//! and their holders emailed, so the form says so before anyone presses the button.

use shared::Closure;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{field, field_value, use_focus_on_field_errors, Control, Field};
use crate::api::lounge_admin;
use crate::components::form::{form_alert, FormErrors};
use crate::console::lounge::{check_closure, device_offset, zone_offset};

#[derive(Properties, PartialEq)]
pub struct ClosureFormProps {
    pub space_id: i64,
    /// Called with the closure as saved, which says how many bookings it cancelled.
    pub on_added: Callback<Closure>,
    /// The agency's time zone, which the times are entered in; the device's if unknown.
    pub zone: Option<String>,
}

const INPUTS: [(&str, &str); 3] = [
    ("from", "closure-from"),
    ("to", "closure-to"),
    ("reason", "closure-reason"),
];

#[component]
pub fn ClosureForm(props: &ClosureFormProps) -> Html {
    let refs = use_memo((), |()| INPUTS.map(|_| NodeRef::default()));
    let alert_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    use_focus_on_field_errors(
        &errors,
        INPUTS
            .iter()
            .map(|(name, id)| ((*name).to_owned(), (*id).to_owned()))
            .collect(),
        alert_ref.clone(),
    );

    let onsubmit = {
        let (refs, submitting, errors) = (refs.clone(), submitting.clone(), errors.clone());
        let (space_id, on_added) = (props.space_id, props.on_added.clone());
        let zone = props.zone.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let closure = match check_closure(
                &field_value(&refs[0]),
                &field_value(&refs[1]),
                &field_value(&refs[2]),
                |local| {
                    zone.as_deref()
                        .and_then(|zone| zone_offset(zone, local))
                        .or_else(|| device_offset(local))
                },
            ) {
                Ok(closure) => closure,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            submitting.set(true);
            let (refs, submitting, errors, on_added) = (
                refs.clone(),
                submitting.clone(),
                errors.clone(),
                on_added.clone(),
            );
            spawn_local(async move {
                let result = lounge_admin::add_closure(space_id, &closure).await;
                submitting.set(false);
                match result {
                    Ok(closure) => {
                        for node in refs.iter().filter_map(NodeRef::get) {
                            // Setting `value` on an input cannot fail.
                            let _ = js_sys::Reflect::set(
                                &node,
                                &JsValue::from_str("value"),
                                &JsValue::from_str(""),
                            );
                        }
                        on_added.emit(closure);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let input = |index: usize, label: &str, control: Control, hint: &str| {
        let (name, id) = INPUTS[index];
        field(Field {
            hint: Some(hint),
            error: errors.for_field(name),
            input_ref: refs[index].clone(),
            ..Field::new(id, label, control)
        })
    };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            { form_alert(&errors, &alert_ref) }
            { input(0, "Closed from", Control::DateTime, "The date and time the space closes, on the lounge's clock.") }
            { input(1, "Open again at", Control::DateTime, "The date and time it opens again.") }
            { input(2, "Reason", Control::Text, "Young people who had a booking see this in their email, so keep it short and kind, like \u{201c}Deep clean\u{201d}.") }
            <div class="notice notice--info" id="closure-warning">
                <p>
                    <strong>{ "Bookings inside this time are cancelled as soon as you add the closure." }</strong>
                    { " Young people who gave an email address get an email saying so. \
                       Removing the closure later doesn't bring those bookings back." }
                </p>
            </div>
            <button
                type="submit"
                class="button button--primary"
                disabled={*submitting}
                aria-describedby="closure-warning"
            >
                { if *submitting { "Adding the closure…" } else { "Add closure" } }
            </button>
        </form>
    }
}

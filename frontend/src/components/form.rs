//! What every form shares: errors for the whole form and for single fields, labelled
//! inputs tied to their errors for screen readers, and focus on the first thing to fix.

use shared::FieldErrors;
use web_sys::HtmlElement;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::ApiFailure;

/// A field's input callback: applies `change` with the typed value to a copy of the
/// form's draft and keeps that copy.
pub fn edit_draft<T: Clone + 'static>(
    draft: &UseStateHandle<T>,
    change: fn(&mut T, String),
) -> Callback<String> {
    let draft = draft.clone();
    Callback::from(move |value: String| {
        let mut next = (*draft).clone();
        change(&mut next, value);
        draft.set(next);
    })
}

/// What went wrong with the last attempt: a summary for the whole form, and messages
/// for single fields, keyed like the API's `fields`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormErrors {
    pub summary: Option<String>,
    pub fields: FieldErrors,
}

impl FormErrors {
    /// Problems found before sending, with a summary that points at them.
    pub fn from_fields(fields: FieldErrors) -> Self {
        let summary = (!fields.is_empty()).then(|| "Please check the fields below.".to_owned());
        Self { summary, fields }
    }

    /// Just a summary, for a problem with the form as a whole.
    pub fn summary(message: impl Into<String>) -> Self {
        Self {
            summary: Some(message.into()),
            fields: FieldErrors::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.fields.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<String> {
        self.fields.get(field).map(|messages| messages.join(" "))
    }

    /// Adds `message` to `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.fields
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }
}

impl From<ApiFailure> for FormErrors {
    fn from(failure: ApiFailure) -> Self {
        Self {
            summary: Some(failure.message().to_owned()),
            fields: failure.field_errors().cloned().unwrap_or_default(),
        }
    }
}

/// Adds "Please enter …" for `field` when `value` is empty.
pub fn require(fields: &mut FieldErrors, field: &str, value: &str, message: &str) {
    if value.trim().is_empty() {
        fields.insert(field.to_owned(), vec![message.to_owned()]);
    }
}

/// The current text of an `<input>`, or "" if it isn't rendered.
pub fn input_value(input: &NodeRef) -> String {
    input
        .cast::<HtmlInputElement>()
        .map(|input| input.value())
        .unwrap_or_default()
}

/// The form's error summary. Always in the page, so screen readers announce it when it
/// fills; focusable, so the keyboard can be sent to it.
pub fn form_alert(errors: &FormErrors, alert_ref: &NodeRef) -> Html {
    html! {
        <div class="form-alert" role="alert" tabindex="-1" ref={alert_ref.clone()}>
            { errors.summary.clone() }
        </div>
    }
}

/// The form's error summary with a link to each field that needs fixing. `inputs` maps
/// the API's field names to input ids, in page order; problems with anything else (such
/// as a chosen time that is no longer free) are listed as plain text.
pub fn error_summary(
    errors: &FormErrors,
    alert_ref: &NodeRef,
    inputs: &[(&'static str, &'static str)],
) -> Html {
    let linked = inputs.iter().filter_map(|(field, input_id)| {
        let message = errors.for_field(field)?;
        Some(html! {
            <li key={*field}>
                <a href={format!("#{input_id}")} onclick={focus_input(input_id)}>{ message }</a>
            </li>
        })
    });
    let unlinked = errors
        .fields
        .iter()
        .filter(|(field, _)| !inputs.iter().any(|(name, _)| name == field))
        .map(|(field, messages)| html! { <li key={field.clone()}>{ messages.join(" ") }</li> });
    let items: Vec<Html> = linked.chain(unlinked).collect();
    html! {
        <div class="form-alert" role="alert" tabindex="-1" ref={alert_ref.clone()}>
            if let Some(summary) = &errors.summary {
                <p>{ summary }</p>
            }
            if !items.is_empty() {
                <ul class="form-alert__list">{ for items }</ul>
            }
        </div>
    }
}

/// Moves focus to the input `id` instead of following the `#id` link: the address
/// stays as it was, and the keyboard lands in the field.
fn focus_input(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        let input = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(id))
            .and_then(|element| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(element).ok());
        if let Some(input) = input {
            // Failing to focus leaves the reader where they were; nothing to recover.
            let _ = input.focus();
        }
    })
}

/// After a failed attempt, moves focus to the first field that needs fixing (in
/// `fields` order), or to the summary when no single field is to blame.
#[hook]
pub fn use_focus_on_errors(
    errors: &FormErrors,
    fields: Vec<(&'static str, NodeRef)>,
    alert_ref: NodeRef,
) {
    use_effect_with(errors.clone(), move |errors| {
        if errors.is_empty() {
            return;
        }
        let target = fields
            .iter()
            .find(|(name, _)| errors.fields.contains_key(*name))
            .map_or(&alert_ref, |(_, input)| input);
        if let Some(element) = target.cast::<HtmlElement>() {
            // Failing to focus only costs the shortcut; the alert is still announced.
            let _ = element.focus();
        }
    });
}

/// A text-like `<input>` with its label, an optional hint and its error.
pub struct TextField {
    pub id: &'static str,
    pub name: &'static str,
    pub label: &'static str,
    pub input_type: &'static str,
    pub autocomplete: &'static str,
    pub hint: Option<&'static str>,
    pub input_ref: NodeRef,
    pub error: Option<String>,
}

impl TextField {
    pub fn new(id: &'static str, name: &'static str, label: &'static str) -> Self {
        Self {
            id,
            name,
            label,
            input_type: "text",
            autocomplete: "off",
            hint: None,
            input_ref: NodeRef::default(),
            error: None,
        }
    }
}

/// Renders a [`TextField`], its hint and error tied to it with `aria-describedby`.
pub fn text_field(field: TextField) -> Html {
    let hint_id = format!("{}-hint", field.id);
    let error_id = format!("{}-error", field.id);
    let described_by = [
        field.hint.map(|_| hint_id.as_str()),
        field.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    html! {
        <div class="field">
            <label for={field.id}>{ field.label }</label>
            if let Some(hint) = field.hint {
                <p id={hint_id.clone()} class="field-hint">{ hint }</p>
            }
            <input
                id={field.id}
                name={field.name}
                type={field.input_type}
                autocomplete={field.autocomplete}
                ref={field.input_ref}
                aria-invalid={field.error.is_some().then_some("true")}
                aria-describedby={(!described_by.is_empty()).then_some(described_by)}
            />
            if let Some(error) = field.error {
                <p id={error_id} class="field-error">{ error }</p>
            }
        </div>
    }
}

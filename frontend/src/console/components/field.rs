//! Form fields of the console's longer forms (spaces, opening hours, closures): the
//! shared `text_field` for more kinds of input (numbers, times, dates, longer text), with
//! ids made at run time for rows that come and go. Kept out of the shared components so
//! the public widget's download doesn't carry them.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::form::FormErrors;

/// What kind of input a [`Field`] is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Control {
    Text,
    /// A whole number; phones show the number keyboard.
    Number {
        min: u32,
        max: u32,
    },
    /// Several lines of text.
    TextArea,
    Time,
    Date,
    DateTime,
    /// A web address; phones show a keyboard with `/` and `.com`.
    Url,
}

/// A labelled input with an optional hint and error, tied to it with `aria-describedby`.
pub struct Field<'a> {
    pub id: String,
    pub label: &'a str,
    pub control: Control,
    pub hint: Option<&'a str>,
    pub error: Option<String>,
    /// What the input says, kept by the page and updated through `on_input`. `None`
    /// leaves the text to the input itself: Yew sets a given value again on every
    /// render, so a value that isn't kept up to date would undo the typing.
    pub value: Option<String>,
    pub input_ref: NodeRef,
    /// Called with the new text on every change, for inputs whose state the page keeps.
    pub on_input: Option<Callback<String>>,
}

impl<'a> Field<'a> {
    pub fn new(id: impl Into<String>, label: &'a str, control: Control) -> Self {
        Self {
            id: id.into(),
            label,
            control,
            hint: None,
            error: None,
            value: None,
            input_ref: NodeRef::default(),
            on_input: None,
        }
    }
}

pub fn field(field: Field) -> Html {
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
    let described_by = (!described_by.is_empty()).then_some(described_by);
    let invalid = field.error.is_some().then_some("true");
    let oninput = field
        .on_input
        .map(|on_input| on_input.reform(|event: InputEvent| event_value(&event)));
    let id = field.id.clone();
    let control = match field.control {
        Control::TextArea => html! {
            <textarea
                id={id}
                rows="4"
                value={field.value}
                ref={field.input_ref}
                aria-invalid={invalid}
                aria-describedby={described_by}
                {oninput}
            />
        },
        control => {
            let (input_type, inputmode, min, max) = match control {
                Control::Number { min, max } => (
                    "number",
                    Some("numeric"),
                    Some(min.to_string()),
                    Some(max.to_string()),
                ),
                Control::Time => ("time", None, None, None),
                Control::Date => ("date", None, None, None),
                Control::DateTime => ("datetime-local", None, None, None),
                Control::Url => ("url", None, None, None),
                Control::Text | Control::TextArea => ("text", None, None, None),
            };
            html! {
                <input
                    id={id}
                    type={input_type}
                    inputmode={inputmode}
                    min={min}
                    max={max}
                    autocomplete="off"
                    value={field.value}
                    ref={field.input_ref}
                    aria-invalid={invalid}
                    aria-describedby={described_by}
                    {oninput}
                />
            }
        }
    };
    html! {
        <div class="field">
            <label for={field.id.clone()}>{ field.label }</label>
            if let Some(hint) = field.hint {
                <p id={hint_id.clone()} class="field-hint">{ hint }</p>
            }
            { control }
            if let Some(error) = field.error {
                <p id={error_id} class="field-error">{ error }</p>
            }
        </div>
    }
}

/// The `value` of an input, select or textarea, read the same way for all three.
pub fn value_of(target: &JsValue) -> String {
    js_sys::Reflect::get(target, &JsValue::from_str("value"))
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// The current text of the field `node` points at, or "" if it isn't rendered.
pub fn field_value(node: &NodeRef) -> String {
    node.get()
        .map(|node| value_of(&node.into()))
        .unwrap_or_default()
}

/// The text of the input an `input` or `change` event came from.
pub fn event_value(event: &Event) -> String {
    event
        .target()
        .map(|target| value_of(&target.into()))
        .unwrap_or_default()
}

/// After a failed attempt, moves focus to the first input that needs fixing: `inputs`
/// maps the API's field names to input ids, in page order. With none to blame, focus
/// goes to the form's alert, which announces the summary.
#[hook]
pub fn use_focus_on_field_errors(
    errors: &FormErrors,
    inputs: Vec<(String, String)>,
    alert_ref: NodeRef,
) {
    use_effect_with(errors.clone(), move |errors| {
        if errors.is_empty() {
            return;
        }
        let document = web_sys::window().and_then(|window| window.document());
        let input = inputs
            .iter()
            .find(|(field, _)| errors.fields.contains_key(field))
            .and_then(|(_, id)| document?.get_element_by_id(id));
        let target = input.or_else(|| alert_ref.cast::<web_sys::Element>());
        if let Some(element) = target.and_then(|element| {
            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
        }) {
            // Failing to focus only costs the shortcut; the alert is still announced.
            let _ = element.focus();
        }
    });
}

/// An element to focus once it is on the page, by id: a row just added arrives with
/// the next render, not this one; a row moved or removed takes its buttons with it.
/// Set the id before changing what is rendered.
#[hook]
pub fn use_focus_after_render() -> std::rc::Rc<std::cell::RefCell<Option<String>>> {
    let focus_next = use_mut_ref(|| None::<String>);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            let id = focus_next.borrow().clone();
            let element = id.as_deref().and_then(|id| {
                web_sys::window()?
                    .document()?
                    .get_element_by_id(id)
                    .and_then(|element| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
                    })
            });
            if let Some(element) = element {
                *focus_next.borrow_mut() = None;
                // Failing to focus leaves the keyboard where it was.
                let _ = element.focus();
            }
        });
    }
    focus_next
}

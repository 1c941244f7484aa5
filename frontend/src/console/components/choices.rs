//! A group of checkboxes or radio buttons in a fieldset with a legend, an optional hint
//! and an error tied to the group: topics, how a mentor likes to meet, how a session
//! went. Each option's label is its whole row, so every one is a full-size target.

use yew::prelude::*;

/// Checkboxes pick any number; radio buttons pick one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChoiceKind {
    Checkbox,
    Radio,
}

pub struct Choices<'a> {
    /// Ids are `{id_prefix}-{index}`; radios are named `id_prefix`.
    pub id_prefix: &'a str,
    pub legend: &'a str,
    pub hint: Option<&'a str>,
    pub kind: ChoiceKind,
    /// Each option's label and whether it is picked.
    pub options: Vec<(String, bool)>,
    /// Called with the index of the option ticked, unticked or picked.
    pub on_pick: Callback<usize>,
    pub error: Option<String>,
    /// Lays short options (1 to 5) side by side where there is room.
    pub inline: bool,
}

/// The id of option `index` of a group, for sending focus to it.
pub fn choice_id(id_prefix: &str, index: usize) -> String {
    format!("{id_prefix}-{index}")
}

pub fn choices(group: Choices) -> Html {
    let hint_id = format!("{}-hint", group.id_prefix);
    let error_id = format!("{}-error", group.id_prefix);
    let described_by = [
        group.hint.map(|_| hint_id.as_str()),
        group.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described_by = (!described_by.is_empty()).then_some(described_by);
    let invalid = group.error.is_some().then_some("true");
    let input_type = match group.kind {
        ChoiceKind::Checkbox => "checkbox",
        ChoiceKind::Radio => "radio",
    };
    let name = (group.kind == ChoiceKind::Radio).then(|| group.id_prefix.to_owned());
    let option = |(index, (label, picked)): (usize, &(String, bool))| {
        let id = choice_id(group.id_prefix, index);
        html! {
            <div class="checkbox" key={index}>
                <input
                    type={input_type}
                    id={id.clone()}
                    name={name.clone()}
                    checked={*picked}
                    aria-invalid={invalid}
                    onchange={group.on_pick.reform(move |_| index)}
                />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    let class = if group.inline {
        "fieldset choices choices--inline"
    } else {
        "fieldset choices"
    };
    html! {
        <fieldset {class} aria-describedby={described_by}>
            <legend>{ group.legend }</legend>
            if let Some(hint) = group.hint {
                <p id={hint_id.clone()} class="field-hint">{ hint }</p>
            }
            if let Some(error) = &group.error {
                <p id={error_id.clone()} class="field-error">{ error }</p>
            }
            <div class="choices__options">
                { for group.options.iter().enumerate().map(option) }
            </div>
        </fieldset>
    }
}

/// A single on/off switch, such as "Show my profile to young people": a checkbox that
/// screen readers announce as a switch, with what it does underneath.
pub struct Switch<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub hint: &'a str,
    pub on: bool,
    pub on_toggle: Callback<bool>,
    pub error: Option<String>,
}

pub fn switch(switch: Switch) -> Html {
    let hint_id = format!("{}-hint", switch.id);
    let error_id = format!("{}-error", switch.id);
    let described_by = match switch.error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let on_toggle = switch.on_toggle.clone();
    let onchange = Callback::from(move |event: Event| {
        let on = event
            .target()
            .and_then(|target| {
                js_sys::Reflect::get(&target, &wasm_bindgen::JsValue::from_str("checked")).ok()
            })
            .and_then(|checked| checked.as_bool())
            .unwrap_or_default();
        on_toggle.emit(on);
    });
    html! {
        <div class="checkbox switch">
            <input
                type="checkbox"
                role="switch"
                id={switch.id.to_owned()}
                checked={switch.on}
                aria-describedby={described_by}
                aria-invalid={switch.error.is_some().then_some("true")}
                {onchange}
            />
            <label for={switch.id.to_owned()}>{ switch.label }</label>
            <p id={hint_id} class="checkbox__hint">{ switch.hint }</p>
            if let Some(error) = switch.error {
                <p id={error_id} class="field-error switch__error">{ error }</p>
            }
        </div>
    }
}

//! A labelled `<select>` with an optional hint and error tied to it, and the place
//! picker the inventory's forms and filters share: a space, or a storage place typed in.

use shared::Space;
use yew::prelude::*;

use super::field::{event_value, field, Control, Field};
use crate::console::inventory::{LocationDraft, STORAGE_PLACE};

pub struct SelectField<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    /// Each option's value and label, in order.
    pub options: Vec<(String, String)>,
    pub selected: &'a str,
    pub on_change: Callback<String>,
    pub error: Option<String>,
}

pub fn select_field(select: SelectField) -> Html {
    let hint_id = format!("{}-hint", select.id);
    let error_id = format!("{}-error", select.id);
    let described_by = [
        select.hint.map(|_| hint_id.as_str()),
        select.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described_by = (!described_by.is_empty()).then_some(described_by);
    let option = |(value, label): &(String, String)| {
        html! {
            <option key={value.clone()} value={value.clone()} selected={value == select.selected}>
                { label }
            </option>
        }
    };
    html! {
        <div class="field">
            <label for={select.id.to_owned()}>{ select.label }</label>
            if let Some(hint) = select.hint {
                <p id={hint_id.clone()} class="field-hint">{ hint }</p>
            }
            <select
                id={select.id.to_owned()}
                aria-invalid={select.error.is_some().then_some("true")}
                aria-describedby={described_by}
                onchange={select.on_change.reform(|event: Event| event_value(&event))}
            >
                { for select.options.iter().map(option) }
            </select>
            if let Some(error) = select.error {
                <p id={error_id} class="field-error">{ error }</p>
            }
        </div>
    }
}

/// Options from `(value, label)` pairs of codes, after a first, empty option.
pub fn options<T: Copy>(
    empty: Option<&str>,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    empty
        .map(|empty| (String::new(), empty.to_owned()))
        .into_iter()
        .chain(
            all.iter()
                .map(|value| (code(*value).to_owned(), label(*value).to_owned())),
        )
        .collect()
}

pub struct PlaceFields<'a> {
    /// The select's id; the storage place input's is `{id}-storage`.
    pub id: &'a str,
    pub label: &'a str,
    /// The first option, for no place chosen ("Choose a place", "Anywhere").
    pub empty_label: &'a str,
    pub spaces: &'a [Space],
    pub draft: &'a LocationDraft,
    pub on_change: Callback<LocationDraft>,
    pub space_error: Option<String>,
    pub place_error: Option<String>,
}

/// The id of the storage place input next to place select `id`.
pub fn storage_input_id(id: &str) -> String {
    format!("{id}-storage")
}

/// A select of the spaces and "A storage place", and when that is picked, a text input
/// for which one. A problem with the storage place shows under the select while the
/// text input is hidden, so it is never lost.
pub fn place_fields(place: PlaceFields) -> Html {
    let mut choices = vec![(String::new(), place.empty_label.to_owned())];
    choices.extend(
        place
            .spaces
            .iter()
            .map(|space| (space.id.to_string(), space.name.clone())),
    );
    choices.push((
        STORAGE_PLACE.to_owned(),
        "A storage place (type it in)".to_owned(),
    ));
    let storage = place.draft.is_storage_place();
    let select_error = if storage {
        place.space_error.clone()
    } else {
        [place.space_error.clone(), place.place_error.clone()]
            .into_iter()
            .flatten()
            .reduce(|a, b| format!("{a} {b}"))
    };
    let on_choice = {
        let (draft, on_change) = (place.draft.clone(), place.on_change.clone());
        Callback::from(move |choice: String| {
            on_change.emit(LocationDraft {
                choice,
                ..draft.clone()
            });
        })
    };
    let on_text = {
        let (draft, on_change) = (place.draft.clone(), place.on_change.clone());
        Callback::from(move |storage_place: String| {
            on_change.emit(LocationDraft {
                storage_place,
                ..draft.clone()
            });
        })
    };
    html! {
        <>
            { select_field(SelectField {
                id: place.id,
                label: place.label,
                hint: None,
                options: choices,
                selected: &place.draft.choice,
                on_change: on_choice,
                error: select_error,
            }) }
            if storage {
                { field(Field {
                    hint: Some("Like \u{201c}Basement shelf 2\u{201d} or \u{201c}Office cupboard\u{201d}."),
                    error: place.place_error,
                    value: Some(place.draft.storage_place.clone()),
                    on_input: Some(on_text),
                    ..Field::new(storage_input_id(place.id), "Storage place", Control::Text)
                }) }
            }
        </>
    }
}

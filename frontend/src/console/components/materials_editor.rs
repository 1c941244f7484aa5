//! An event's materials: links to read or bring, each a title and a web address, added
//! and removed at will. The event form keeps the rows and sends them.

use yew::prelude::*;

use super::field::{field, use_focus_after_render, Control, Field};
use crate::components::form::FormErrors;
use crate::console::events::{material_field, next_key, MaterialRow, MAX_MATERIALS};

/// The id of "Add material", where focus goes after one is removed.
pub const MATERIAL_ADD_ID: &str = "material-add";

/// The id of `part` (`title`, `url`, `remove`) of the material at `index`.
pub fn material_input_id(index: usize, part: &str) -> String {
    format!("material-{index}-{part}")
}

/// The API's field names of every material's inputs and their ids, in page order.
pub fn material_inputs(rows: &[MaterialRow]) -> Vec<(String, String)> {
    (0..rows.len())
        .flat_map(|index| {
            ["title", "url"]
                .map(|part| (material_field(index, part), material_input_id(index, part)))
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct MaterialsEditorProps {
    pub rows: Vec<MaterialRow>,
    pub errors: FormErrors,
    /// Called with the rows after every edit, and whether one was added or removed.
    pub on_change: Callback<(Vec<MaterialRow>, bool)>,
}

#[component]
pub fn MaterialsEditor(props: &MaterialsEditorProps) -> Html {
    let focus_next = use_focus_after_render();
    let announcement = use_state(String::new);
    // The rows as the last change left them, for changes made before the next render.
    let latest = use_mut_ref(Vec::new);
    latest.borrow_mut().clone_from(&props.rows);
    let emit = {
        let (latest, on_change) = (latest.clone(), props.on_change.clone());
        move |next: Vec<MaterialRow>, moved: bool| {
            latest.borrow_mut().clone_from(&next);
            on_change.emit((next, moved));
        }
    };

    let on_input = {
        let (latest, emit) = (latest.clone(), emit.clone());
        Callback::from(move |(key, is_url, text): (u32, bool, String)| {
            let mut next = latest.borrow().clone();
            if let Some(row) = next.iter_mut().find(|row| row.key == key) {
                if is_url {
                    row.url = text;
                } else {
                    row.title = text;
                }
            }
            emit(next, false);
        })
    };
    let on_add = {
        let (latest, emit) = (latest.clone(), emit.clone());
        let (focus_next, announcement) = (focus_next.clone(), announcement.clone());
        Callback::from(move |_: MouseEvent| {
            let rows = latest.borrow().clone();
            let mut next = rows.clone();
            next.push(MaterialRow {
                key: next_key(&rows, |row| row.key),
                ..MaterialRow::default()
            });
            *focus_next.borrow_mut() = Some(material_input_id(rows.len(), "title"));
            announcement.set(format!("Material {} added.", rows.len() + 1));
            emit(next, true);
        })
    };
    let on_remove = {
        let (focus_next, announcement) = (focus_next.clone(), announcement.clone());
        Callback::from(move |index: usize| {
            let mut next = latest.borrow().clone();
            if index >= next.len() {
                return;
            }
            next.remove(index);
            *focus_next.borrow_mut() = Some(MATERIAL_ADD_ID.to_owned());
            announcement.set(format!("Material {} removed.", index + 1));
            emit(next, true);
        })
    };

    let row = |(index, row): (usize, &MaterialRow)| {
        let key = row.key;
        let number = index + 1;
        let input = |is_url: bool, label: &'static str, value: &str| {
            let part = if is_url { "url" } else { "title" };
            field(Field {
                error: props.errors.for_field(&material_field(index, part)),
                value: Some(value.to_owned()),
                on_input: Some(on_input.reform(move |text| (key, is_url, text))),
                hint: is_url.then_some("Starting with https://"),
                ..Field::new(
                    material_input_id(index, part),
                    label,
                    if is_url { Control::Url } else { Control::Text },
                )
            })
        };
        html! {
            <li key={key} class="material-row">
                <fieldset class="fieldset">
                    <legend>{ format!("Material {number}") }</legend>
                    { input(false, "Title", &row.title) }
                    { input(true, "Web address", &row.url) }
                    <button type="button" id={material_input_id(index, "remove")}
                        class="button button--danger" onclick={on_remove.reform(move |_| index)}>
                        { "Remove" }<span class="visually-hidden">{ format!(" material {number}") }</span>
                    </button>
                </fieldset>
            </li>
        }
    };

    html! {
        <>
            <ol class="material-rows">
                { for props.rows.iter().enumerate().map(row) }
            </ol>
            <p class="saved" role="status">{ (*announcement).clone() }</p>
            if props.rows.len() < MAX_MATERIALS {
                <div class="actions">
                    <button type="button" id={MATERIAL_ADD_ID} class="button" onclick={on_add}>
                        { "Add material" }
                    </button>
                </div>
            } else {
                <p class="field-hint" id={MATERIAL_ADD_ID} tabindex="-1">
                    { format!("An event can have up to {MAX_MATERIALS} materials.") }
                </p>
            }
        </>
    }
}

//! Adding an inventory category (seating, snacks, ...); supplies that get used up are
//! counted as stock and can warn when they run low.

use shared::{ItemCategory, NewItemCategory};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::choices::{switch, Switch};
use super::field::{field, Control, Field};
use crate::api::inventory;
use crate::components::form::{form_alert, use_focus_on_errors, FormErrors};

#[derive(Properties, PartialEq)]
pub struct CategoryFormProps {
    /// Called with the category as saved.
    pub on_added: Callback<ItemCategory>,
}

#[component]
pub fn CategoryForm(props: &CategoryFormProps) -> Html {
    let name = use_state(String::new);
    let consumable = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    let added = use_state(|| None::<String>);
    let (alert_ref, name_ref) = (use_node_ref(), use_node_ref());
    use_focus_on_errors(&errors, vec![("name", name_ref.clone())], alert_ref.clone());

    let onsubmit = {
        let (name, consumable, errors, busy, added) = (
            name.clone(),
            consumable.clone(),
            errors.clone(),
            busy.clone(),
            added.clone(),
        );
        let on_added = props.on_added.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let trimmed = name.trim().to_owned();
            if trimmed.is_empty() || trimmed.chars().count() > 60 {
                let mut form = FormErrors::default();
                form.add("name", "Give the category a name of 1 to 60 characters.");
                errors.set(FormErrors::from_fields(form.fields));
                return;
            }
            errors.set(FormErrors::default());
            added.set(None);
            busy.set(true);
            let new = NewItemCategory {
                name: trimmed,
                consumable: *consumable,
            };
            let (name, consumable, errors, busy, added, on_added) = (
                name.clone(),
                consumable.clone(),
                errors.clone(),
                busy.clone(),
                added.clone(),
                on_added.clone(),
            );
            spawn_local(async move {
                let result = inventory::add_category(&new).await;
                busy.set(false);
                match result {
                    Ok(category) => {
                        name.set(String::new());
                        consumable.set(false);
                        added.set(Some(format!(
                            "{} is added. You can choose it now.",
                            category.name
                        )));
                        on_added.emit(category);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            { form_alert(&errors, &alert_ref) }
            { field(Field {
                error: errors.for_field("name"),
                value: Some((*name).clone()),
                input_ref: name_ref,
                on_input: Some({ let name = name.clone(); Callback::from(move |v| name.set(v)) }),
                ..Field::new("category-name", "Category name", Control::Text)
            }) }
            { switch(Switch {
                id: "category-consumable",
                label: "Supplies that get used up",
                hint: "Like snacks or craft paper: counted as stock, with a warning when low.",
                on: *consumable,
                on_toggle: { let consumable = consumable.clone(); Callback::from(move |on| consumable.set(on)) },
                error: errors.for_field("consumable"),
            }) }
            <p class="saved" role="status">{ (*added).clone() }</p>
            <button type="submit" class="button" disabled={*busy}>
                { if *busy { "Adding…" } else { "Add category" } }
            </button>
        </form>
    }
}

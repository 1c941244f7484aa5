//! Logging an item that came in: what it is, how many, its state, where it is, when it
//! came and what it is worth, and for supplies, when to warn that stock is low.

use shared::{ItemCategory, ItemCondition, ItemDetail, ItemStatus, Space};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{field, use_focus_on_field_errors, Control, Field};
use super::item_select::{
    options, place_fields, select_field, storage_input_id, PlaceFields, SelectField,
};
use crate::api::inventory;
use crate::clock;
use crate::components::form::{edit_draft, error_summary, FormErrors};
use crate::console::inventory::{
    category_of, check_new_item, condition_label, status_label, ItemDraft, LocationDraft,
};

#[derive(Properties, PartialEq)]
pub struct NewItemFormProps {
    pub categories: Vec<ItemCategory>,
    pub spaces: Vec<Space>,
    /// Today on the agency's clock: the received date the form starts with.
    #[prop_or_else(clock::local_today)]
    pub today: chrono::NaiveDate,
    /// Called with the item as saved.
    pub on_saved: Callback<ItemDetail>,
}

const PLACE_ID: &str = "item-place";
const STORAGE_ID: &str = "item-place-storage";

/// The API's field names and their input ids, in page order.
const INPUTS: [(&str, &str); 11] = [
    ("name", "item-name"),
    ("category_id", "item-category"),
    ("quantity", "item-quantity"),
    ("unit", "item-unit"),
    ("low_stock_threshold", "item-threshold"),
    ("condition", "item-condition"),
    ("status", "item-status"),
    ("space_id", PLACE_ID),
    ("storage_place", STORAGE_ID),
    ("received_on", "item-received-on"),
    ("estimated_value_cents", "item-value"),
];

#[component]
pub fn NewItemForm(props: &NewItemFormProps) -> Html {
    debug_assert_eq!(storage_input_id(PLACE_ID), STORAGE_ID);
    let draft = use_state(|| ItemDraft::new(props.today));
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let alert_ref = use_node_ref();
    use_focus_on_field_errors(
        &errors,
        INPUTS
            .iter()
            .chain(&[("notes", "item-notes")])
            .map(|(name, id)| ((*name).to_owned(), (*id).to_owned()))
            .collect(),
        alert_ref.clone(),
    );

    let edit = |change: fn(&mut ItemDraft, String)| edit_draft(&draft, change);
    let on_place = {
        let draft = draft.clone();
        Callback::from(move |location: LocationDraft| {
            draft.set(ItemDraft {
                location,
                ..(*draft).clone()
            });
        })
    };
    let onsubmit = {
        let (draft, errors, submitting) = (draft.clone(), errors.clone(), submitting.clone());
        let (categories, on_saved) = (props.categories.clone(), props.on_saved.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let new = match check_new_item(&draft, &categories) {
                Ok(new) => new,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            submitting.set(true);
            let (errors, submitting, on_saved) =
                (errors.clone(), submitting.clone(), on_saved.clone());
            spawn_local(async move {
                let result = inventory::create_item(&new).await;
                submitting.set(false);
                match result {
                    Ok(item) => on_saved.emit(item),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let text = |id: &'static str,
                label: &'static str,
                control: Control,
                hint: Option<&'static str>,
                api: &str,
                value: &str,
                change: fn(&mut ItemDraft, String)| {
        field(Field {
            hint,
            error: errors.for_field(api),
            value: Some(value.to_owned()),
            on_input: Some(edit(change)),
            ..Field::new(id, label, control)
        })
    };
    let category_options = std::iter::once((String::new(), "Choose a category".to_owned()))
        .chain(
            props
                .categories
                .iter()
                .map(|category| (category.id.to_string(), category.name.clone())),
        )
        .collect();
    let consumable = category_of(&props.categories, &draft.category_id)
        .is_some_and(|category| category.consumable);
    let statuses: Vec<ItemStatus> = ItemStatus::ALL
        .iter()
        .copied()
        .filter(|status| *status != ItemStatus::Disposed)
        .collect();

    html! {
        <form class="form item-form" novalidate=true {onsubmit}>
            { error_summary(&errors, &alert_ref, &INPUTS) }
            <fieldset class="fieldset">
                <legend>{ "What it is" }</legend>
                { text("item-name", "Name", Control::Text,
                    Some("Like \u{201c}Blue sofa\u{201d} or \u{201c}Board games\u{201d}."),
                    "name", &draft.name, |d, v| d.name = v) }
                { select_field(SelectField {
                    id: "item-category",
                    label: "Category",
                    hint: Some("Supplies that get used up, like snacks, are counted as stock."),
                    options: category_options,
                    selected: &draft.category_id,
                    on_change: edit(|d, v| d.category_id = v),
                    error: errors.for_field("category_id"),
                }) }
                { text("item-quantity", "Quantity", Control::Number { min: 0, max: 1_000_000 }, None,
                    "quantity", &draft.quantity, |d, v| d.quantity = v) }
                { text("item-unit", "Unit (optional)", Control::Text,
                    Some("What you count in, like chairs, boxes or packs."),
                    "unit", &draft.unit, |d, v| d.unit = v) }
                if consumable {
                    { text("item-threshold", "Low-stock warning at (optional)",
                        Control::Number { min: 0, max: 1_000_000 },
                        Some("When stock falls to this number or below, facilities staff get one email."),
                        "low_stock_threshold", &draft.low_stock_threshold, |d, v| d.low_stock_threshold = v) }
                }
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Its state and place" }</legend>
                { select_field(SelectField {
                    id: "item-condition",
                    label: "Condition",
                    hint: None,
                    options: options(None, ItemCondition::ALL, ItemCondition::as_str, condition_label),
                    selected: &draft.condition,
                    on_change: edit(|d, v| d.condition = v),
                    error: errors.for_field("condition"),
                }) }
                { select_field(SelectField {
                    id: "item-status",
                    label: "Status",
                    hint: None,
                    options: options(None, &statuses, ItemStatus::as_str, status_label),
                    selected: &draft.status,
                    on_change: edit(|d, v| d.status = v),
                    error: errors.for_field("status"),
                }) }
                { place_fields(PlaceFields {
                    id: PLACE_ID,
                    label: "Where it is",
                    empty_label: "Choose a place",
                    spaces: &props.spaces,
                    draft: &draft.location,
                    on_change: on_place,
                    space_error: errors.for_field("space_id"),
                    place_error: errors.for_field("storage_place"),
                }) }
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Where it came from" }</legend>
                { text("item-received-on", "Received on", Control::Date, None,
                    "received_on", &draft.received_on, |d, v| d.received_on = v) }
                { field(Field {
                    hint: Some("In dollars and cents, like 12.50. Helps with thank-you letters and funding reports."),
                    error: errors.for_field("estimated_value_cents"),
                    value: Some(draft.value.clone()),
                    on_input: Some(edit(|d, v| d.value = v)),
                    ..Field::new("item-value", "Estimated value (optional)", Control::Text)
                }) }
                { text("item-notes", "Notes (optional)", Control::TextArea, None,
                    "notes", &draft.notes, |d, v| d.notes = v) }
            </fieldset>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Saving…" } else { "Save item" } }
            </button>
        </form>
    }
}

//! Changing an item: its name, count, condition, status (disposing asks why), place,
//! notes and low-stock threshold, with a reason for its history. Only what changed is
//! sent.

use shared::{DisposalReason, Item, ItemCondition, ItemDetail, ItemStatus, Space};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{field, use_focus_on_field_errors, Control, Field};
use super::item_select::{options, place_fields, select_field, PlaceFields, SelectField};
use crate::api::inventory;
use crate::components::form::{edit_draft, error_summary, FormErrors};
use crate::console::inventory::{
    check_item_change, condition_label, disposal_label, status_label, EditDraft, LocationDraft,
};

#[derive(Properties, PartialEq)]
pub struct ItemEditFormProps {
    pub item: Item,
    pub spaces: Vec<Space>,
    pub on_changed: Callback<(Option<ItemDetail>, String)>,
}

const INPUTS: [(&str, &str); 10] = [
    ("name", "edit-name"),
    ("quantity", "edit-quantity"),
    ("condition", "edit-condition"),
    ("status", "edit-status"),
    ("disposal_reason", "edit-disposal-reason"),
    ("space_id", "edit-place"),
    ("storage_place", "edit-place-storage"),
    ("notes", "edit-notes"),
    ("low_stock_threshold", "edit-threshold"),
    ("reason", "edit-reason"),
];

#[component]
pub fn ItemEditForm(props: &ItemEditFormProps) -> Html {
    let draft = use_state(|| EditDraft::from_item(&props.item));
    // The item as saved changed (here or in another form): start again from it.
    {
        let draft = draft.clone();
        use_effect_with(props.item.clone(), move |item| {
            draft.set(EditDraft::from_item(item))
        });
    }
    let errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    let alert_ref = use_node_ref();
    use_focus_on_field_errors(
        &errors,
        INPUTS
            .iter()
            .map(|(name, id)| ((*name).to_owned(), (*id).to_owned()))
            .collect(),
        alert_ref.clone(),
    );

    let edit = |change: fn(&mut EditDraft, String)| edit_draft(&draft, change);
    let on_place = {
        let draft = draft.clone();
        Callback::from(move |location: LocationDraft| {
            draft.set(EditDraft {
                location,
                ..(*draft).clone()
            });
        })
    };
    let onsubmit = {
        let (draft, errors, busy) = (draft.clone(), errors.clone(), busy.clone());
        let (item, on_changed) = (props.item.clone(), props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let change = match check_item_change(&item, &draft) {
                Ok(Some(change)) => change,
                Ok(None) => {
                    errors.set(FormErrors::summary(
                        "Nothing has changed yet. Change a field, then save.",
                    ));
                    return;
                }
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            busy.set(true);
            let (errors, busy, on_changed) = (errors.clone(), busy.clone(), on_changed.clone());
            let id = item.id;
            spawn_local(async move {
                let result = inventory::change_item(id, &change).await;
                busy.set(false);
                match result {
                    Ok(detail) => on_changed.emit((Some(detail), "Changes saved.".to_owned())),
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
                change: fn(&mut EditDraft, String)| {
        field(Field {
            hint,
            error: errors.for_field(api),
            value: Some(value.to_owned()),
            on_input: Some(edit(change)),
            ..Field::new(id, label, control)
        })
    };
    let item = &props.item;
    let disposing = draft.disposing(item);

    html! {
        <form class="form item-form" novalidate=true {onsubmit}>
            { error_summary(&errors, &alert_ref, &INPUTS) }
            { text("edit-name", "Name", Control::Text, None, "name", &draft.name, |d, v| d.name = v) }
            { text("edit-quantity", "Quantity", Control::Number { min: 0, max: 1_000_000 },
                Some("To correct the count. For supplies used or bought, use the stock form."),
                "quantity", &draft.quantity, |d, v| d.quantity = v) }
            { select_field(SelectField {
                id: "edit-condition",
                label: "Condition",
                hint: None,
                options: options(None, ItemCondition::ALL, ItemCondition::as_str, condition_label),
                selected: &draft.condition,
                on_change: edit(|d, v| d.condition = v),
                error: errors.for_field("condition"),
            }) }
            { select_field(SelectField {
                id: "edit-status",
                label: "Status",
                hint: None,
                options: options(None, ItemStatus::ALL, ItemStatus::as_str, status_label),
                selected: &draft.status,
                on_change: edit(|d, v| d.status = v),
                error: errors.for_field("status"),
            }) }
            if disposing {
                { select_field(SelectField {
                    id: "edit-disposal-reason",
                    label: "Why is it going?",
                    hint: None,
                    options: options(Some("Choose a reason"), DisposalReason::ALL, DisposalReason::as_str, disposal_label),
                    selected: &draft.disposal_reason,
                    on_change: edit(|d, v| d.disposal_reason = v),
                    error: errors.for_field("disposal_reason"),
                }) }
            }
            { place_fields(PlaceFields {
                id: "edit-place",
                label: "Where it is",
                empty_label: "Choose a place",
                spaces: &props.spaces,
                draft: &draft.location,
                on_change: on_place,
                space_error: errors.for_field("space_id"),
                place_error: errors.for_field("storage_place"),
            }) }
            { text("edit-notes", "Notes", Control::TextArea, None, "notes", &draft.notes, |d, v| d.notes = v) }
            if item.category.consumable {
                { text("edit-threshold", "Low-stock warning at", Control::Number { min: 0, max: 1_000_000 },
                    Some("When stock falls to this number or below, facilities staff get one email."),
                    "low_stock_threshold", &draft.low_stock_threshold, |d, v| d.low_stock_threshold = v) }
            }
            { text("edit-reason", "Why (optional)", Control::Text,
                Some("A few words for the item's history, like \u{201c}moved for the winter\u{201d}."),
                "reason", &draft.reason, |d, v| d.reason = v) }
            <button type="submit" class="button button--primary" disabled={*busy}>
                { if *busy { "Saving…" } else { "Save changes" } }
            </button>
        </form>
    }
}

//! Pieces the donation forms share: a donor's details, the item rows of a donation (one
//! fieldset each, added and removed with buttons that say which item they act on), and
//! an error summary whose every line links to the input it is about, rows included.

use shared::{DeliveryMethod, DonorKind, ItemCategory, ItemCondition, Space};
use yew::prelude::*;

use super::choices::{switch, Switch};
use super::field::{field, use_focus_after_render, Control, Field};
use super::item_select::{options, place_fields, select_field, PlaceFields, SelectField};
use crate::components::form::FormErrors;
use crate::console::donations::{
    donor_kind_label, item_field, method_label, next_item_key, DonorDraft, ItemRow,
    ARRIVING_STATUSES, MAX_ITEMS,
};
use crate::console::inventory::{category_of, condition_label, status_label, LocationDraft};

/// One line of the error summary: the API's field, the input it points at, and what
/// the reader calls that input.
pub struct Blame {
    pub field: String,
    pub input_id: String,
    pub label: String,
}

pub fn blame(
    field: impl Into<String>,
    input_id: impl Into<String>,
    label: impl Into<String>,
) -> Blame {
    Blame {
        field: field.into(),
        input_id: input_id.into(),
        label: label.into(),
    }
}

/// The `(field, input id)` pairs focus goes to after a failed attempt.
pub fn focus_order(blames: &[Blame]) -> Vec<(String, String)> {
    blames
        .iter()
        .map(|blame| (blame.field.clone(), blame.input_id.clone()))
        .collect()
}

/// The form's alert: the summary, then each problem as a link to its input.
pub fn blame_summary(errors: &FormErrors, alert_ref: &NodeRef, blames: &[Blame]) -> Html {
    let linked = blames.iter().filter_map(|blame| {
        let message = errors.for_field(&blame.field)?;
        let id = blame.input_id.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            focus_by_id(&id);
        });
        Some(html! {
            <li key={blame.field.clone()}>
                <a href={format!("#{}", blame.input_id)} {onclick}>
                    { format!("{}: {message}", blame.label) }
                </a>
            </li>
        })
    });
    let unlinked = errors
        .fields
        .iter()
        .filter(|(field, _)| !blames.iter().any(|blame| &blame.field == *field))
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

/// Moves focus to the element `id`, if it is on the page.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok());
    if let Some(element) = element {
        // Failing to focus leaves the reader where they were.
        let _ = element.focus();
    }
}

/// How a donation reached the lounge, as a select.
pub fn method_select(
    id: &str,
    method: DeliveryMethod,
    on_change: Callback<DeliveryMethod>,
    error: Option<String>,
) -> Html {
    select_field(SelectField {
        id,
        label: "How it came",
        hint: None,
        options: options(
            None,
            DeliveryMethod::ALL,
            DeliveryMethod::as_str,
            method_label,
        ),
        selected: method.as_str(),
        on_change: on_change
            .reform(|code: String| DeliveryMethod::parse(&code).unwrap_or(DeliveryMethod::DropOff)),
        error,
    })
}

/// The input ids of a donor's fields: `{prefix}-name`.
pub fn donor_input_id(id_prefix: &str, part: &str) -> String {
    format!("{id_prefix}-{}", part.replace('_', "-"))
}

/// Every field of a donor's details the API or our check can blame, in page order.
/// `field_prefix` is `new_donor.` for a donor added with a donation.
pub fn donor_blames(id_prefix: &str, field_prefix: &str) -> Vec<Blame> {
    [
        ("kind", "Kind of donor"),
        ("name", "Name"),
        ("contact_person", "Contact person"),
        ("email", "Email"),
        ("phone", "Phone"),
        ("address", "Postal address"),
        ("public_thanks", "Thanking them in public"),
        ("notes", "Notes"),
    ]
    .into_iter()
    .map(|(part, label)| {
        blame(
            format!("{field_prefix}{part}"),
            donor_input_id(id_prefix, part),
            label,
        )
    })
    .collect()
}

/// A donor's details as inputs; every change goes to `on_change` whole.
pub fn donor_fields(
    id_prefix: &str,
    field_prefix: &str,
    draft: &DonorDraft,
    errors: &FormErrors,
    on_change: &Callback<DonorDraft>,
) -> Html {
    let error = |part: &str| errors.for_field(&format!("{field_prefix}{part}"));
    let id = |part: &str| donor_input_id(id_prefix, part);
    let edit = |change: fn(&mut DonorDraft, String)| {
        let (draft, on_change) = (draft.clone(), on_change.clone());
        Callback::from(move |value: String| {
            let mut next = draft.clone();
            change(&mut next, value);
            on_change.emit(next);
        })
    };
    let text = |part: &str,
                label: &str,
                control: Control,
                hint: Option<&str>,
                value: &str,
                change: fn(&mut DonorDraft, String)| {
        field(Field {
            hint,
            error: error(part),
            value: Some(value.to_owned()),
            on_input: Some(edit(change)),
            ..Field::new(id(part), label, control)
        })
    };
    let on_thanks = {
        let (draft, on_change) = (draft.clone(), on_change.clone());
        Callback::from(move |on: bool| {
            on_change.emit(DonorDraft {
                public_thanks: on,
                ..draft.clone()
            });
        })
    };
    let kind_id = id("kind");
    let thanks_id = id("public_thanks");
    html! {
        <>
            { select_field(SelectField {
                id: &kind_id,
                label: "Kind of donor",
                hint: Some("Grants have a name, an amount and a period on each donation."),
                options: options(None, DonorKind::ALL, DonorKind::as_str, donor_kind_label),
                selected: draft.kind.as_str(),
                on_change: edit(|draft, code| {
                    draft.kind = DonorKind::parse(&code).unwrap_or(draft.kind);
                }),
                error: error("kind"),
            }) }
            { text("name", "Name", Control::Text,
                Some("The organisation's name, or the person's for an individual."),
                &draft.name, |draft, value| draft.name = value) }
            { text("contact_person", "Contact person (optional)", Control::Text, None,
                &draft.contact_person, |draft, value| draft.contact_person = value) }
            { text("email", "Email (optional)", Control::Text,
                Some("Thank-you letters and notes on how their gifts are used go here."),
                &draft.email, |draft, value| draft.email = value) }
            { text("phone", "Phone (optional)", Control::Text, None,
                &draft.phone, |draft, value| draft.phone = value) }
            { text("address", "Postal address (optional)", Control::TextArea,
                Some("As it goes on a letter, one line per line."),
                &draft.address, |draft, value| draft.address = value) }
            { switch(Switch {
                id: &thanks_id,
                label: "They agreed to be thanked by name in public",
                hint: "Only then may the agency name them, for example in a newsletter.",
                on: draft.public_thanks,
                on_toggle: on_thanks,
                error: error("public_thanks"),
            }) }
            { text("notes", "Notes (optional)", Control::TextArea, None,
                &draft.notes, |draft, value| draft.notes = value) }
        </>
    }
}

/// The id of `part` (`name`, `category`, `quantity`, ... `remove`) of item row `index`:
/// `item-0-name`. By position, so the first row is always `item-0-…`.
pub fn item_input_id(index: usize, part: &str) -> String {
    format!("item-{index}-{part}")
}

/// The id of "Add an item", where focus goes after a row is removed.
pub const ITEM_ADD_ID: &str = "item-add";

/// Every field of every row the API or our check can blame, in page order.
pub fn item_blames(rows: &[ItemRow]) -> Vec<Blame> {
    let mut list = vec![blame(
        "items",
        if rows.is_empty() {
            ITEM_ADD_ID.to_owned()
        } else {
            item_input_id(0, "name")
        },
        "Items",
    )];
    for (index, row) in rows.iter().enumerate() {
        let place = item_input_id(index, "place");
        let storage = if row.location.is_storage_place() {
            format!("{place}-storage")
        } else {
            place.clone()
        };
        for (part, id, label) in [
            ("name", item_input_id(index, "name"), "what it is"),
            ("category_id", item_input_id(index, "category"), "category"),
            ("quantity", item_input_id(index, "quantity"), "how many"),
            ("unit", item_input_id(index, "unit"), "unit"),
            ("condition", item_input_id(index, "condition"), "condition"),
            ("status", item_input_id(index, "status"), "status"),
            ("space_id", place, "where it is"),
            ("storage_place", storage, "storage place"),
            (
                "estimated_value_cents",
                item_input_id(index, "value"),
                "estimated value",
            ),
            (
                "low_stock_threshold",
                item_input_id(index, "threshold"),
                "low-stock warning",
            ),
            ("notes", item_input_id(index, "notes"), "notes"),
        ] {
            list.push(blame(
                item_field(index, part),
                id,
                format!("Item {}, {label}", index + 1),
            ));
        }
    }
    list
}

#[derive(Properties, PartialEq)]
pub struct ItemRowsProps {
    pub rows: Vec<ItemRow>,
    pub categories: Vec<ItemCategory>,
    pub spaces: Vec<Space>,
    /// What the last check said, keyed like the API's fields (`items[1].quantity`).
    pub errors: FormErrors,
    /// Called with the rows after every edit, and whether rows were added or removed:
    /// that puts other rows at the positions the last check spoke of.
    pub on_change: Callback<(Vec<ItemRow>, bool)>,
}

/// A change to one input of a row, applied to the row as the last change left it: two
/// inputs changed before the page renders again (autofill, a quick hand) both count.
enum RowChange {
    Text(fn(&mut ItemRow, String), String),
    Location(LocationDraft),
}

/// What a button asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Change {
    Add,
    Remove(usize),
}

#[component]
pub fn ItemRows(props: &ItemRowsProps) -> Html {
    let focus_next = use_focus_after_render();
    let announcement = use_state(String::new);
    // The rows as the last change left them, so changes made before the page renders
    // again build on each other.
    let latest = use_mut_ref(Vec::new);
    latest.borrow_mut().clone_from(&props.rows);
    let emit = {
        let (latest, on_change) = (latest.clone(), props.on_change.clone());
        move |next: Vec<ItemRow>, moved: bool| {
            latest.borrow_mut().clone_from(&next);
            on_change.emit((next, moved));
        }
    };
    let on_row = {
        let (latest, emit) = (latest.clone(), emit.clone());
        Callback::from(move |(key, change): (u32, RowChange)| {
            let mut next = latest.borrow().clone();
            if let Some(row) = next.iter_mut().find(|row| row.key == key) {
                match change {
                    RowChange::Text(apply, value) => apply(row, value),
                    RowChange::Location(location) => row.location = location,
                }
            }
            emit(next, false);
        })
    };
    let on_button = {
        let (focus_next, announcement) = (focus_next.clone(), announcement.clone());
        Callback::from(move |change: Change| {
            let rows = latest.borrow().clone();
            let count = rows.len();
            match change {
                Change::Add if count < MAX_ITEMS => {
                    let mut next = rows.clone();
                    next.push(ItemRow {
                        key: next_item_key(&rows),
                        ..ItemRow::default()
                    });
                    *focus_next.borrow_mut() = Some(item_input_id(count, "name"));
                    announcement.set(format!("Item {} added.", count + 1));
                    emit(next, true);
                }
                Change::Remove(index) if index < count => {
                    let name = rows[index].name.trim();
                    let said = if name.is_empty() {
                        format!("Item {} removed.", index + 1)
                    } else {
                        format!("Item {} (\u{201c}{name}\u{201d}) removed.", index + 1)
                    };
                    let mut next = rows.clone();
                    next.remove(index);
                    *focus_next.borrow_mut() = Some(ITEM_ADD_ID.to_owned());
                    announcement.set(said);
                    emit(next, true);
                }
                // A second press before the page caught up.
                _ => {}
            }
        })
    };

    html! {
        <>
            if props.rows.is_empty() {
                <p>{ "No items yet." }</p>
            }
            <ol class="item-rows">
                { for props.rows.iter().enumerate().map(|(index, row)| {
                    item_row(index, row, props, &on_row, &on_button)
                }) }
            </ol>
            <p class="saved" role="status">{ (*announcement).clone() }</p>
            if props.rows.len() < MAX_ITEMS {
                <div class="actions">
                    <button type="button" id={ITEM_ADD_ID} class="button"
                        onclick={on_button.reform(|_| Change::Add)}>
                        { "Add an item" }
                    </button>
                </div>
            } else {
                <p class="field-hint" id={ITEM_ADD_ID} tabindex="-1">
                    { format!("A donation can have up to {MAX_ITEMS} items here.") }
                </p>
            }
        </>
    }
}

fn item_row(
    index: usize,
    row: &ItemRow,
    props: &ItemRowsProps,
    on_row: &Callback<(u32, RowChange)>,
    on_button: &Callback<Change>,
) -> Html {
    let number = index + 1;
    let key = row.key;
    let error = |part: &str| props.errors.for_field(&item_field(index, part));
    let edit = |change: fn(&mut ItemRow, String)| {
        on_row.reform(move |value: String| (key, RowChange::Text(change, value)))
    };
    let text = |part: &str,
                id: &str,
                label: &str,
                control: Control,
                hint: Option<&str>,
                value: &str,
                change: fn(&mut ItemRow, String)| {
        field(Field {
            hint,
            error: error(part),
            value: Some(value.to_owned()),
            on_input: Some(edit(change)),
            ..Field::new(item_input_id(index, id), label, control)
        })
    };
    let consumable = category_of(&props.categories, &row.category_id)
        .is_some_and(|category| category.consumable);
    let category_id = item_input_id(index, "category");
    let condition_id = item_input_id(index, "condition");
    let status_id = item_input_id(index, "status");
    let place_id = item_input_id(index, "place");
    let mut categories = vec![(String::new(), "Choose a category".to_owned())];
    categories.extend(
        props
            .categories
            .iter()
            .map(|category| (category.id.to_string(), category.name.clone())),
    );
    let on_place = on_row.reform(move |location| (key, RowChange::Location(location)));
    html! {
        <li key={row.key} class="item-row">
            <fieldset class="fieldset">
                <legend>{ format!("Item {number}") }</legend>
                <div class="item-row__fields">
                    { text("name", "name", "What it is", Control::Text,
                        Some("Like \u{201c}Sofa\u{201d} or \u{201c}Board games\u{201d}."),
                        &row.name, |row, value| row.name = value) }
                    { select_field(SelectField {
                        id: &category_id,
                        label: "Category",
                        hint: None,
                        options: categories,
                        selected: &row.category_id,
                        on_change: edit(|row, value| row.category_id = value),
                        error: error("category_id"),
                    }) }
                    { text("quantity", "quantity", "How many", Control::Number { min: 1, max: 1_000_000 },
                        None, &row.quantity, |row, value| row.quantity = value) }
                    { text("unit", "unit", "Unit (optional)", Control::Text,
                        Some("Like \u{201c}chairs\u{201d}, \u{201c}boxes\u{201d} or \u{201c}packs\u{201d}."),
                        &row.unit, |row, value| row.unit = value) }
                    if consumable {
                        { text("low_stock_threshold", "threshold", "Warn when stock is down to (optional)",
                            Control::Number { min: 0, max: 1_000_000 },
                            Some("Facilities staff get one email when it gets this low."),
                            &row.low_stock_threshold, |row, value| row.low_stock_threshold = value) }
                    }
                    { select_field(SelectField {
                        id: &condition_id,
                        label: "Condition",
                        hint: None,
                        options: options(None, ItemCondition::ALL, ItemCondition::as_str, condition_label),
                        selected: row.condition.as_str(),
                        on_change: edit(|row, code| {
                            row.condition = ItemCondition::parse(&code).unwrap_or(row.condition);
                        }),
                        error: error("condition"),
                    }) }
                    { select_field(SelectField {
                        id: &status_id,
                        label: "Status",
                        hint: None,
                        options: options(None, &ARRIVING_STATUSES, |status: shared::ItemStatus| status.as_str(), status_label),
                        selected: row.status.as_str(),
                        on_change: edit(|row, code| {
                            row.status = shared::ItemStatus::parse(&code).unwrap_or(row.status);
                        }),
                        error: error("status"),
                    }) }
                    { place_fields(PlaceFields {
                        id: &place_id,
                        label: "Where it is",
                        empty_label: "Choose a place",
                        spaces: &props.spaces,
                        draft: &row.location,
                        on_change: on_place,
                        space_error: error("space_id"),
                        place_error: error("storage_place"),
                    }) }
                    { text("estimated_value_cents", "value", "Estimated value (optional)", Control::Text,
                        Some("In all, like 12.50."), &row.estimated_value,
                        |row, value| row.estimated_value = value) }
                    { text("notes", "notes", "Notes (optional)", Control::Text, None,
                        &row.notes, |row, value| row.notes = value) }
                </div>
                <div class="actions">
                    <button type="button" id={item_input_id(index, "remove")} class="button button--danger"
                        onclick={on_button.reform(move |_| Change::Remove(index))}>
                        { "Remove" }<span class="visually-hidden">{ format!(" item {number}") }</span>
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

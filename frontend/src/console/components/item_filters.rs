//! The inventory list's search form: words, category, status, condition, place, a
//! received-date range and the order. Applying it changes the page's address, so the
//! list it shows can be reloaded, bookmarked and shared.

use shared::{ItemCategory, ItemCondition, ItemStatus, Space};
use yew::prelude::*;

use super::field::{field, Control, Field};
use super::item_select::{options, place_fields, select_field, PlaceFields, SelectField};
use crate::components::form::{edit_draft, FormErrors};
use crate::console::inventory::{
    check_filters, condition_label, status_label, FilterDraft, ItemFilters, LocationDraft,
    PlaceFilter, SORTS, STORAGE_PLACE,
};

#[derive(Properties, PartialEq)]
pub struct ItemFilterFormProps {
    /// What the list shows now.
    pub filters: ItemFilters,
    pub categories: Vec<ItemCategory>,
    pub spaces: Vec<Space>,
    /// Called with the filters to show, on their first page.
    pub on_apply: Callback<ItemFilters>,
}

/// What the form's inputs say.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    text: String,
    category_id: String,
    status: String,
    condition: String,
    place: LocationDraft,
    received_from: String,
    received_to: String,
    sort: String,
}

impl Draft {
    fn from_filters(filters: &ItemFilters) -> Self {
        let place = match &filters.place {
            PlaceFilter::Anywhere => LocationDraft::default(),
            PlaceFilter::Space(id) => LocationDraft {
                choice: id.to_string(),
                storage_place: String::new(),
            },
            PlaceFilter::StoragePlace(place) => LocationDraft {
                choice: STORAGE_PLACE.to_owned(),
                storage_place: place.clone(),
            },
        };
        let date =
            |date: Option<chrono::NaiveDate>| date.map(|d| d.to_string()).unwrap_or_default();
        Self {
            text: filters.text.clone(),
            category_id: filters
                .category_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            status: filters
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            condition: filters
                .condition
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            place,
            received_from: date(filters.received_from),
            received_to: date(filters.received_to),
            sort: filters.sort.clone(),
        }
    }
}

#[component]
pub fn ItemFilterForm(props: &ItemFilterFormProps) -> Html {
    let draft = use_state(|| Draft::from_filters(&props.filters));
    let errors = use_state(FormErrors::default);
    // Back and forward change the address, and with it what the form should say.
    {
        let (draft, errors) = (draft.clone(), errors.clone());
        use_effect_with(props.filters.clone(), move |filters| {
            draft.set(Draft::from_filters(filters));
            errors.set(FormErrors::default());
        });
    }
    let edit = |change: fn(&mut Draft, String)| edit_draft(&draft, change);

    let onsubmit = {
        let (draft, errors, on_apply) = (draft.clone(), errors.clone(), props.on_apply.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let checked = check_filters(&FilterDraft {
                text: &draft.text,
                category_id: &draft.category_id,
                status: &draft.status,
                condition: &draft.condition,
                place: &draft.place.choice,
                storage_place: &draft.place.storage_place,
                received_from: &draft.received_from,
                received_to: &draft.received_to,
                sort: &draft.sort,
            });
            match checked {
                Ok(filters) => {
                    errors.set(FormErrors::default());
                    on_apply.emit(filters);
                }
                Err(fields) => errors.set(FormErrors::from_fields(fields)),
            }
        })
    };
    let clear = {
        let (on_apply, sort) = (props.on_apply.clone(), props.filters.sort.clone());
        Callback::from(move |_: MouseEvent| {
            on_apply.emit(ItemFilters {
                sort: sort.clone(),
                ..ItemFilters::default()
            });
        })
    };

    let category_options = std::iter::once((String::new(), "All categories".to_owned()))
        .chain(
            props
                .categories
                .iter()
                .map(|category| (category.id.to_string(), category.name.clone())),
        )
        .collect();
    let sort_options = SORTS
        .iter()
        .map(|(code, label)| ((*code).to_owned(), (*label).to_owned()))
        .collect();
    let on_place = {
        let draft = draft.clone();
        Callback::from(move |place: LocationDraft| {
            draft.set(Draft {
                place,
                ..(*draft).clone()
            });
        })
    };

    html! {
        <form class="form filter inventory-filter" role="search" aria-label="Find items" novalidate=true {onsubmit}>
            if let Some(summary) = &errors.summary {
                <p class="form-alert" role="alert">{ summary }</p>
            }
            <div class="inventory-filter__fields">
                { field(Field {
                    hint: Some("Words in the name or notes."),
                    value: Some(draft.text.clone()),
                    on_input: Some(edit(|draft, value| draft.text = value)),
                    ..Field::new("filter-text", "Search", Control::Text)
                }) }
                { select_field(SelectField {
                    id: "filter-category",
                    label: "Category",
                    hint: None,
                    options: category_options,
                    selected: &draft.category_id,
                    on_change: edit(|draft, value| draft.category_id = value),
                    error: None,
                }) }
                { select_field(SelectField {
                    id: "filter-status",
                    label: "Status",
                    hint: None,
                    options: options(Some("Any status"), ItemStatus::ALL, ItemStatus::as_str, status_label),
                    selected: &draft.status,
                    on_change: edit(|draft, value| draft.status = value),
                    error: None,
                }) }
                { select_field(SelectField {
                    id: "filter-condition",
                    label: "Condition",
                    hint: None,
                    options: options(Some("Any condition"), ItemCondition::ALL, ItemCondition::as_str, condition_label),
                    selected: &draft.condition,
                    on_change: edit(|draft, value| draft.condition = value),
                    error: None,
                }) }
                { place_fields(PlaceFields {
                    id: "filter-place",
                    label: "Where",
                    empty_label: "Anywhere",
                    spaces: &props.spaces,
                    draft: &draft.place,
                    on_change: on_place,
                    space_error: None,
                    place_error: errors.for_field("storage_place"),
                }) }
                { field(Field {
                    error: errors.for_field("received_from"),
                    value: Some(draft.received_from.clone()),
                    on_input: Some(edit(|draft, value| draft.received_from = value)),
                    ..Field::new("filter-received-from", "Received on or after", Control::Date)
                }) }
                { field(Field {
                    error: errors.for_field("received_to"),
                    value: Some(draft.received_to.clone()),
                    on_input: Some(edit(|draft, value| draft.received_to = value)),
                    ..Field::new("filter-received-to", "Received on or before", Control::Date)
                }) }
                { select_field(SelectField {
                    id: "filter-sort",
                    label: "Order",
                    hint: None,
                    options: sort_options,
                    selected: &draft.sort,
                    on_change: edit(|draft, value| draft.sort = value),
                    error: None,
                }) }
            </div>
            <div class="actions">
                <button type="submit" class="button button--primary">{ "Show items" }</button>
                if props.filters.is_filtered() {
                    <button type="button" class="button" onclick={clear}>{ "Clear filters" }</button>
                }
            </div>
        </form>
    }
}

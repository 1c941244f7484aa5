//! `/staff/inventory` (facilities staff, admins): what the lounge has, where and in what
//! state. Filters, order and page live in the address (`?category_id=2&sort=-quantity`),
//! so a reload or a shared link shows the same list, and the CSV export takes them too.
//! Ticked items can change status together.

use std::collections::BTreeSet;

use shared::{Item, ItemCategory, Page, Space};
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::api::inventory::{export_csv_href, list_categories, list_items};
use crate::api::spaces::list_spaces;
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::item_bulk_status::BulkStatusForm;
use crate::console::components::item_filters::ItemFilterForm;
use crate::console::components::item_table::{item_table, ItemTable};
use crate::console::components::{pager, Pager};
use crate::console::inventory::ItemFilters;
use crate::console::words::count_of;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_fetch, use_fetch_with, use_focus_on_change};

/// What the filters choose from.
#[derive(Debug, Clone, PartialEq)]
struct Choices {
    categories: Vec<ItemCategory>,
    spaces: Vec<Space>,
}

async fn load_choices() -> Result<Choices, ApiFailure> {
    Ok(Choices {
        categories: list_categories().await?,
        spaces: list_spaces().await?,
    })
}

#[component]
pub fn InventoryPage() -> Html {
    use_document_title("Inventory");
    let location = use_location();
    let navigator = use_navigator();
    let filters = ItemFilters::from_query(location.as_ref().map_or("", |l| l.query_str()));
    let choices = use_fetch(load_choices);
    let items = use_fetch_with(filters.api_query(), |query| {
        let query = query.clone();
        async move { list_items(&query).await }
    });
    // Ticked items, by id, with their names for the question before changing them.
    let selected = use_state(Vec::<(i64, String)>::new);
    // What the last status change did, counted so the same words are announced again.
    let done = use_state(|| (0_u32, None::<String>));
    let results_ref = use_node_ref();
    // A new page or filter replaces the list: take the reader to its top, and forget
    // the ticks, which belonged to the rows that are gone.
    use_focus_on_change(filters.clone(), results_ref.clone());
    {
        let selected = selected.clone();
        use_effect_with(filters.clone(), move |_| selected.set(Vec::new()));
    }

    let show = {
        let navigator = navigator.clone();
        Callback::from(move |filters: ItemFilters| {
            if let Some(navigator) = &navigator {
                // Raw: our own encoding, without pulling in a URL-encoding crate.
                let _ =
                    navigator.push_with_query(&ConsoleRoute::Inventory, Raw(filters.to_query()));
            }
        })
    };
    let on_page = {
        let (show, filters) = (show.clone(), filters.clone());
        Callback::from(move |page| show.emit(filters.at_page(page)))
    };
    let on_done = {
        let (done, selected, refresh) = (done.clone(), selected.clone(), items.refresh.clone());
        Callback::from(move |said: String| {
            done.set((done.0 + 1, Some(said)));
            selected.set(Vec::new());
            refresh.emit(());
        })
    };
    let page_items: Vec<Item> = match &*items {
        crate::hooks::FetchState::Loaded(page) => page.items.clone(),
        _ => Vec::new(),
    };
    let on_toggle = {
        let (selected, page_items) = (selected.clone(), page_items.clone());
        Callback::from(move |id: i64| {
            let mut next = (*selected).clone();
            if let Some(index) = next.iter().position(|(picked, _)| *picked == id) {
                next.remove(index);
            } else if let Some(item) = page_items.iter().find(|item| item.id == id) {
                next.push((id, item.name.clone()));
            }
            selected.set(next);
        })
    };
    let on_toggle_all = {
        let (selected, page_items) = (selected.clone(), page_items.clone());
        Callback::from(move |all: bool| {
            selected.set(if all {
                page_items
                    .iter()
                    .map(|item| (item.id, item.name.clone()))
                    .collect()
            } else {
                Vec::new()
            });
        })
    };
    let picked: BTreeSet<i64> = selected.iter().map(|(id, _)| *id).collect();

    html! {
        <>
            <h1>{ "Inventory" }</h1>
            <p>{ "Donated furniture and supplies: what there is, where, and in what state." }</p>
            <div class="actions page-actions">
                <ConsoleLink to={ConsoleRoute::NewItem} classes="button button--primary">
                    { "New item" }
                </ConsoleLink>
                <ConsoleLink to={ConsoleRoute::ImportItems} classes="button">
                    { "Import a CSV file" }
                </ConsoleLink>
                <a class="button" href={export_csv_href(&filters.export_query())} download="inventory.csv">
                    { "Export CSV" }
                    <span class="visually-hidden">
                        { if filters.is_filtered() { " of the items shown" } else { " of every item" } }
                    </span>
                </a>
            </div>
            { fetch_view(&choices, "Loading the search form…", |choices| html! {
                <ItemFilterForm
                    filters={filters.clone()}
                    categories={choices.categories.clone()}
                    spaces={choices.spaces.clone()}
                    on_apply={show.clone()}
                />
            }) }
            <h2 tabindex="-1" ref={results_ref}>
                { if filters.is_filtered() { "Items found" } else { "All items" } }
            </h2>
            if let Some(said) = &done.1 {
                <div class="notice notice--success" role="status">
                    <p>{ said }</p>
                </div>
            }
            { fetch_view(&items, "Loading items…", |page| item_list(page, ItemList {
                filtered: filters.is_filtered(),
                selected: &picked,
                on_toggle: on_toggle.clone(),
                on_toggle_all: on_toggle_all.clone(),
                on_page: on_page.clone(),
            })) }
            if matches!(&*items, crate::hooks::FetchState::Loaded(page) if !page.items.is_empty()) {
                <BulkStatusForm selected={(*selected).clone()} {on_done} />
            }
        </>
    }
}

struct ItemList<'a> {
    filtered: bool,
    selected: &'a BTreeSet<i64>,
    on_toggle: Callback<i64>,
    on_toggle_all: Callback<bool>,
    on_page: Callback<u64>,
}

fn item_list(page: &Page<Item>, list: ItemList) -> Html {
    if page.items.is_empty() {
        return html! {
            <p>
                { if list.filtered {
                    "No items match. Try fewer filters, or \u{201c}Clear filters\u{201d}."
                } else {
                    "No items yet. Add one with \u{201c}New item\u{201d}, or import a CSV file."
                } }
            </p>
        };
    }
    let low = page.items.iter().filter(|item| item.low_stock).count();
    html! {
        <>
            <p>
                { count_of(page.total, "item", "items") }{ "." }
                if low > 0 {
                    { format!(" {} on this page {} low on stock.",
                        count_of(low as u64, "item", "items"),
                        if low == 1 { "is" } else { "are" }) }
                }
            </p>
            { item_table(ItemTable {
                items: &page.items,
                selected: list.selected,
                on_toggle: list.on_toggle,
                on_toggle_all: list.on_toggle_all,
            }) }
            { pager(Pager {
                page: page.page,
                per_page: page.per_page,
                total: page.total,
                on_page: list.on_page,
            }) }
        </>
    }
}

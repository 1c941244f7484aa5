//! `/staff/inventory/{id}` (facilities staff, admins): one item, its photos, stock use
//! for supplies, a form to change it, and its history.

use shared::{Item, ItemDetail, Space};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::inventory::item_detail;
use crate::api::spaces::list_spaces;
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::item_edit_form::ItemEditForm;
use crate::console::components::item_history::item_history;
use crate::console::components::item_photos::ItemPhotos;
use crate::console::components::item_stock_form::StockForm;
use crate::console::inventory::{condition_label, format_money, quantity_in_words, status_label};
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change, FetchState};

#[derive(Properties, PartialEq)]
pub struct InventoryItemPageProps {
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq)]
struct ItemData {
    detail: ItemDetail,
    spaces: Vec<Space>,
}

async fn load(id: i64) -> Result<ItemData, ApiFailure> {
    Ok(ItemData {
        detail: item_detail(id).await?,
        spaces: list_spaces().await?,
    })
}

#[component]
pub fn InventoryItemPage(props: &InventoryItemPageProps) -> Html {
    use_document_title("Item");
    let fetched = use_fetch_with(props.id, |id| load(*id));
    // The item as the last change left it; most changes are answered with it.
    let latest = use_state(|| None::<ItemDetail>);
    // What the new-item form said on the way here, then what each change did; counted,
    // so the same words twice are announced twice.
    let location = use_location();
    let notice = use_state(|| {
        (
            0_u32,
            location
                .and_then(|location| location.state::<SavedNotice>())
                .map(|saved| saved.0.clone()),
        )
    });
    let notice_ref = use_node_ref();
    use_focus_on_change(notice.0, notice_ref.clone());
    let on_changed = {
        let (latest, notice, refresh) = (latest.clone(), notice.clone(), fetched.refresh.clone());
        Callback::from(move |(detail, said): (Option<ItemDetail>, String)| {
            match detail {
                Some(detail) => latest.set(Some(detail)),
                None => {
                    latest.set(None);
                    refresh.emit(());
                }
            }
            notice.set((notice.0 + 1, Some(said)));
        })
    };

    // Only this item's: the same page shows another item when the address changes.
    let id = props.id;
    let latest = latest.as_ref().filter(|detail| detail.item.id == id);
    let shown = latest.or(match &*fetched {
        FetchState::Loaded(data) => Some(&data.detail),
        _ => None,
    });
    let heading = shown.map_or_else(|| "Item".to_owned(), |detail| detail.item.name.clone());

    html! {
        <>
            <nav class="sub-nav" aria-label="Inventory">
                <p class="sub-nav__back">
                    <ConsoleLink to={ConsoleRoute::Inventory}>{ "All items" }</ConsoleLink>
                </p>
            </nav>
            <h1>{ heading }</h1>
            if let Some(notice) = &notice.1 {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ notice }</p>
                </div>
            }
            { fetch_view(&fetched, "Loading the item…", |data| {
                let detail = latest.unwrap_or(&data.detail);
                item_view(detail, &data.spaces, &on_changed)
            }) }
        </>
    }
}

fn item_view(
    detail: &ItemDetail,
    spaces: &[Space],
    on_changed: &Callback<(Option<ItemDetail>, String)>,
) -> Html {
    let item = &detail.item;
    html! {
        <>
            <section aria-labelledby="item-details-heading">
                <h2 id="item-details-heading">{ "Details" }</h2>
                { item_facts(item) }
            </section>
            <section aria-labelledby="item-photos-heading">
                <h2 id="item-photos-heading">{ "Photos" }</h2>
                <ItemPhotos
                    item_id={item.id}
                    item_name={item.name.clone()}
                    photos={detail.photos.clone()}
                    on_changed={on_changed.clone()}
                />
            </section>
            if item.category.consumable {
                <section aria-labelledby="item-stock-heading">
                    <h2 id="item-stock-heading">{ "Stock" }</h2>
                    <StockForm item={item.clone()} on_changed={on_changed.clone()} />
                </section>
            }
            <section aria-labelledby="item-edit-heading">
                <h2 id="item-edit-heading">{ "Change this item" }</h2>
                <ItemEditForm item={item.clone()} spaces={spaces.to_vec()} on_changed={on_changed.clone()} />
            </section>
            <section aria-labelledby="item-history-heading">
                <h2 id="item-history-heading">{ "History" }</h2>
                { item_history(&detail.history) }
            </section>
        </>
    }
}

fn item_facts(item: &Item) -> Html {
    html! {
        <dl class="facts">
            <dt>{ "Category" }</dt>
            <dd>{ &item.category.name }</dd>
            <dt>{ "Quantity" }</dt>
            <dd>
                { quantity_in_words(item.quantity, &item.unit) }
                if item.low_stock {
                    { " " }<span class="low-stock">{ "Low stock" }</span>
                }
            </dd>
            if let Some(threshold) = item.low_stock_threshold {
                <dt>{ "Low-stock warning at" }</dt>
                <dd>{ quantity_in_words(threshold, &item.unit) }</dd>
            }
            <dt>{ "Condition" }</dt>
            <dd>{ condition_label(item.condition) }</dd>
            <dt>{ "Status" }</dt>
            <dd>{ status_label(item.status) }</dd>
            <dt>{ "Where" }</dt>
            <dd>{ &item.location_name }</dd>
            <dt>{ "Received" }</dt>
            <dd>
                <time datetime={item.received_on.to_string()}>{ format::date_with_year(item.received_on) }</time>
                if let Some(donation) = &item.donation {
                    { ", from a donation by " }
                    // The donors' pages are their own route; a plain link reaches them.
                    <a href={format!("/staff/donors/{}", donation.donor_id)}>{ &donation.donor_name }</a>
                }
            </dd>
            if let Some(cents) = item.estimated_value_cents {
                <dt>{ "Estimated value" }</dt>
                <dd>{ format_money(cents) }</dd>
            }
            if !item.notes.is_empty() {
                <dt>{ "Notes" }</dt>
                <dd class="break-anywhere">{ &item.notes }</dd>
            }
        </dl>
    }
}

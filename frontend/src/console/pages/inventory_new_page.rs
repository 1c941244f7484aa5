//! `/staff/inventory/new` (facilities staff, admins): logging an item that came in, with
//! the categories and spaces to choose from. Saving goes to the item's page.

use shared::{ItemCategory, ItemDetail, Space};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::inventory::list_categories;
use crate::api::spaces::list_spaces;
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::item_category_form::CategoryForm;
use crate::console::components::item_form::NewItemForm;
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_fetch};

#[derive(Debug, Clone, PartialEq)]
struct FormData {
    categories: Vec<ItemCategory>,
    spaces: Vec<Space>,
    today: chrono::NaiveDate,
}

async fn load() -> Result<FormData, ApiFailure> {
    Ok(FormData {
        categories: list_categories().await?,
        spaces: list_spaces().await?,
        today: crate::console::lounge::agency_today().await,
    })
}

#[component]
pub fn InventoryNewPage() -> Html {
    use_document_title("New item");
    let data = use_fetch(load);
    // A category added here is in the form's choices at once.
    let on_category_added = {
        let refresh = data.refresh.clone();
        Callback::from(move |_| refresh.emit(()))
    };
    let navigator = use_navigator();
    let on_saved = Callback::from(move |detail: ItemDetail| {
        if let Some(navigator) = &navigator {
            navigator.push_with_state(
                &ConsoleRoute::InventoryItem { id: detail.item.id },
                SavedNotice(format!("{} is saved.", detail.item.name)),
            );
        }
    });
    html! {
        <>
            <nav class="sub-nav" aria-label="Inventory">
                <p class="sub-nav__back">
                    <ConsoleLink to={ConsoleRoute::Inventory}>{ "All items" }</ConsoleLink>
                </p>
            </nav>
            <h1>{ "New item" }</h1>
            <p>
                { "Log something that came in. Many of one kind? Log them as one item with a \
                   quantity, or import a CSV file." }
            </p>
            { fetch_view(&data, "Loading the form…", |data| {
                if data.categories.is_empty() {
                    html! {
                        <p>{ "There are no categories yet. Add one below, such as seating or \
                              snacks, then log the item." }</p>
                    }
                } else {
                    html! {
                        <NewItemForm
                            categories={data.categories.clone()}
                            spaces={data.spaces.clone()}
                            today={data.today}
                            on_saved={on_saved.clone()}
                        />
                    }
                }
            }) }
            <section aria-labelledby="add-category-heading">
                <h2 id="add-category-heading">{ "Add a category" }</h2>
                <p>{ "Missing a category for this item? Add it here." }</p>
                <CategoryForm on_added={on_category_added} />
            </section>
        </>
    }
}

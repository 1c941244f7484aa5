//! The inventory list as a table, each row with a checkbox for changing the status of
//! several items at once. On a phone each row stacks into a card, every cell labelled.

use std::collections::BTreeSet;

use shared::Item;
use yew::prelude::*;

use crate::console::inventory::{condition_label, quantity_in_words, status_label};
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;

pub struct ItemTable<'a> {
    pub items: &'a [Item],
    pub selected: &'a BTreeSet<i64>,
    /// Called with an item's id when its box is ticked or unticked.
    pub on_toggle: Callback<i64>,
    /// Called with whether every item on the page should be ticked.
    pub on_toggle_all: Callback<bool>,
}

pub fn item_table(table: ItemTable) -> Html {
    let all_ticked = !table.items.is_empty()
        && table
            .items
            .iter()
            .all(|item| table.selected.contains(&item.id));
    let toggle_all = {
        let on_toggle_all = table.on_toggle_all.clone();
        Callback::from(move |_: Event| on_toggle_all.emit(!all_ticked))
    };
    let row = |item: &Item| {
        let id = item.id;
        let checkbox_id = format!("pick-item-{id}");
        html! {
            <tr key={id}>
                <td class="item-table__pick" data-label="Select">
                    <input
                        type="checkbox"
                        id={checkbox_id.clone()}
                        checked={table.selected.contains(&id)}
                        onchange={table.on_toggle.reform(move |_: Event| id)}
                    />
                    <label for={checkbox_id} class="visually-hidden">
                        { format!("Select {}", item.name) }
                    </label>
                </td>
                <th scope="row" class="item-table__name">
                    <ConsoleLink to={ConsoleRoute::InventoryItem { id }}>{ &item.name }</ConsoleLink>
                </th>
                <td data-label="Category">{ &item.category.name }</td>
                <td data-label="Quantity">
                    { quantity_in_words(item.quantity, &item.unit) }
                    if item.low_stock {
                        { " " }<span class="low-stock">{ "Low stock" }</span>
                    }
                </td>
                <td data-label="Condition">{ condition_label(item.condition) }</td>
                <td data-label="Status">{ status_label(item.status) }</td>
                <td data-label="Where">{ &item.location_name }</td>
                <td data-label="Received">
                    <time datetime={item.received_on.to_string()}>
                        { format::date_with_year(item.received_on) }
                    </time>
                </td>
            </tr>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="sheet-table stack-table item-table">
                <caption class="visually-hidden">{ "Items, with a box to select each" }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="item-table__pick">
                            <input
                                type="checkbox"
                                id="pick-all-items"
                                checked={all_ticked}
                                onchange={toggle_all}
                            />
                            <label for="pick-all-items" class="visually-hidden">
                                { "Select every item on this page" }
                            </label>
                        </th>
                        <th scope="col">{ "Name" }</th>
                        <th scope="col">{ "Category" }</th>
                        <th scope="col">{ "Quantity" }</th>
                        <th scope="col">{ "Condition" }</th>
                        <th scope="col">{ "Status" }</th>
                        <th scope="col">{ "Where" }</th>
                        <th scope="col">{ "Received" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for table.items.iter().map(row) }
                </tbody>
            </table>
        </div>
    }
}

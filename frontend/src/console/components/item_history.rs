//! An item's history, newest first: when, what changed, from what to what, why and by
//! whom. On a phone each entry stacks into a card, every cell labelled.

use shared::ItemMovement;
use yew::prelude::*;

use crate::console::inventory::{movement_field_label, movement_reason, movement_value};
use crate::format;

pub fn item_history(history: &[ItemMovement]) -> Html {
    if history.is_empty() {
        return html! { <p>{ "Nothing recorded yet." }</p> };
    }
    let row = |(index, movement): (usize, &ItemMovement)| {
        html! {
            <tr key={index}>
                <th scope="row">
                    <time datetime={format::iso_datetime(&movement.at)}>{ format::date_time(&movement.at) }</time>
                </th>
                <td data-label="What">{ movement_field_label(&movement.field) }</td>
                <td data-label="From">{ movement_value(&movement.field, &movement.from) }</td>
                <td data-label="To">{ movement_value(&movement.field, &movement.to) }</td>
                <td data-label="Why">
                    { if movement.reason.is_empty() { "(no reason given)".to_owned() } else { movement_reason(&movement.reason) } }
                </td>
                <td data-label="By">
                    { if movement.by.is_empty() { "Peer Lounge itself" } else { &movement.by } }
                </td>
            </tr>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="sheet-table stack-table">
                <caption>{ "Changes, newest first" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "When" }</th>
                        <th scope="col">{ "What" }</th>
                        <th scope="col">{ "From" }</th>
                        <th scope="col">{ "To" }</th>
                        <th scope="col">{ "Why" }</th>
                        <th scope="col">{ "By" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for history.iter().enumerate().map(row) }
                </tbody>
            </table>
        </div>
    }
}

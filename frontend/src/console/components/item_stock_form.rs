//! Using up or restocking a supply: how many, which way, and why. Never below zero; the
//! server checks that too, also when two people change it at once.

use shared::{Item, ItemDetail};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::choices::{choices, ChoiceKind, Choices};
use super::field::{field, use_focus_on_field_errors, Control, Field};
use crate::api::inventory;
use crate::components::form::{form_alert, FormErrors};
use crate::console::inventory::{check_stock, quantity_in_words, StockDirection};

#[derive(Properties, PartialEq)]
pub struct StockFormProps {
    pub item: Item,
    pub on_changed: Callback<(Option<ItemDetail>, String)>,
}

#[component]
pub fn StockForm(props: &StockFormProps) -> Html {
    let direction = use_state(|| StockDirection::Use);
    let amount = use_state(String::new);
    let reason = use_state(String::new);
    let errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    let alert_ref = use_node_ref();
    use_focus_on_field_errors(
        &errors,
        vec![
            ("delta".to_owned(), "stock-amount".to_owned()),
            ("reason".to_owned(), "stock-reason".to_owned()),
        ],
        alert_ref.clone(),
    );

    let onsubmit = {
        let (direction, amount, reason) = (direction.clone(), amount.clone(), reason.clone());
        let (errors, busy) = (errors.clone(), busy.clone());
        let (item, on_changed) = (props.item.clone(), props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let change = match check_stock(&item, *direction, &amount, &reason) {
                Ok(change) => change,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            busy.set(true);
            let (amount, reason, errors, busy, on_changed) = (
                amount.clone(),
                reason.clone(),
                errors.clone(),
                busy.clone(),
                on_changed.clone(),
            );
            let id = item.id;
            spawn_local(async move {
                let result = inventory::change_stock(id, &change).await;
                busy.set(false);
                match result {
                    Ok(detail) => {
                        let said = format!(
                            "Saved. There are now {}.",
                            quantity_in_words(detail.item.quantity, &detail.item.unit)
                        );
                        amount.set(String::new());
                        reason.set(String::new());
                        on_changed.emit((Some(detail), said));
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let ways = [
        (StockDirection::Use, "Used some"),
        (StockDirection::Restock, "Restocked"),
    ];
    let on_pick = {
        let direction = direction.clone();
        Callback::from(move |index: usize| direction.set(ways[index].0))
    };

    html! {
        <form class="form stock-form" novalidate=true {onsubmit}>
            { form_alert(&errors, &alert_ref) }
            <p>{ format!("In stock now: {}.", quantity_in_words(props.item.quantity, &props.item.unit)) }</p>
            { choices(Choices {
                id_prefix: "stock-direction",
                legend: "What happened?",
                hint: None,
                kind: ChoiceKind::Radio,
                options: ways
                    .iter()
                    .map(|(way, label)| ((*label).to_owned(), *direction == *way))
                    .collect(),
                on_pick,
                error: None,
                inline: true,
            }) }
            { field(Field {
                error: errors.for_field("delta"),
                value: Some((*amount).clone()),
                on_input: Some({ let amount = amount.clone(); Callback::from(move |v| amount.set(v)) }),
                ..Field::new("stock-amount", "How many", Control::Number { min: 1, max: 1_000_000 })
            }) }
            { field(Field {
                hint: Some("Like \u{201c}games night\u{201d} or \u{201c}bought more\u{201d}."),
                error: errors.for_field("reason"),
                value: Some((*reason).clone()),
                on_input: Some({ let reason = reason.clone(); Callback::from(move |v| reason.set(v)) }),
                ..Field::new("stock-reason", "Why (optional)", Control::Text)
            }) }
            <button type="submit" class="button button--primary" disabled={*busy}>
                { if *busy { "Saving…" } else { "Save stock change" } }
            </button>
        </form>
    }
}

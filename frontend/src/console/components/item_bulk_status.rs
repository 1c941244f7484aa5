//! "Change status of selected": one status (and, when disposing, why) for every ticked
//! item, asked once more before it is sent. The server changes all of them or none.

use shared::{BulkStatusChange, DisposalReason, ItemStatus};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{field, use_focus_on_field_errors, Control, Field};
use super::item_select::{options, select_field, SelectField};
use crate::api::inventory;
use crate::components::form::{error_summary, FormErrors};
use crate::console::inventory::{check_bulk_status, disposal_label, status_label};
use crate::console::words::{count_of, list_in_words};
use crate::hooks::use_focus_on_change;

#[derive(Properties, PartialEq)]
pub struct BulkStatusFormProps {
    /// The ticked items: ids and names, for the question before sending.
    pub selected: Vec<(i64, String)>,
    /// Called with what was done, in words, after the change is saved.
    pub on_done: Callback<String>,
}

const INPUTS: [(&str, &str); 4] = [
    ("status", "bulk-status"),
    ("disposal_reason", "bulk-disposal-reason"),
    ("reason", "bulk-reason"),
    ("ids", "pick-all-items"),
];

#[component]
pub fn BulkStatusForm(props: &BulkStatusFormProps) -> Html {
    let status = use_state(String::new);
    let disposal = use_state(String::new);
    let reason = use_state(String::new);
    let errors = use_state(FormErrors::default);
    // The change asked about, waiting for "Yes".
    let pending = use_state(|| None::<BulkStatusChange>);
    let busy = use_state(|| false);
    let alert_ref = use_node_ref();
    let question_ref = use_node_ref();
    use_focus_on_field_errors(
        &errors,
        INPUTS
            .iter()
            .map(|(name, id)| ((*name).to_owned(), (*id).to_owned()))
            .collect(),
        alert_ref.clone(),
    );
    use_focus_on_change(pending.is_some(), question_ref.clone());
    // A question about other items than those ticked now would mislead: ask again.
    {
        let pending = pending.clone();
        use_effect_with(props.selected.clone(), move |_| pending.set(None));
    }

    let ids: Vec<i64> = props.selected.iter().map(|(id, _)| *id).collect();
    let onsubmit = {
        let (status, disposal, reason) = (status.clone(), disposal.clone(), reason.clone());
        let (errors, pending, ids) = (errors.clone(), pending.clone(), ids.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match check_bulk_status(&ids, &status, &disposal, &reason) {
                Ok(change) => {
                    errors.set(FormErrors::default());
                    pending.set(Some(change));
                }
                Err(fields) => errors.set(FormErrors::from_fields(fields)),
            }
        })
    };
    let confirm = {
        let (pending, busy, errors) = (pending.clone(), busy.clone(), errors.clone());
        let (reason, on_done) = (reason.clone(), props.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(change) = (*pending).clone() else {
                return;
            };
            if *busy {
                return;
            }
            busy.set(true);
            let (pending, busy, errors) = (pending.clone(), busy.clone(), errors.clone());
            let (reason, on_done) = (reason.clone(), on_done.clone());
            spawn_local(async move {
                let result = inventory::change_status(&change).await;
                busy.set(false);
                pending.set(None);
                match result {
                    Ok(()) => {
                        reason.set(String::new());
                        on_done.emit(done_in_words(&change));
                    }
                    Err(failure) => {
                        let mut form: FormErrors = failure.into();
                        if let Some(summary) = &mut form.summary {
                            summary.push_str(" Nothing was changed.");
                        }
                        errors.set(form);
                    }
                }
            });
        })
    };
    let go_back = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };

    let disposing = *status == ItemStatus::Disposed.as_str();
    let count = props.selected.len();
    let names: Vec<String> = props
        .selected
        .iter()
        .map(|(_, name)| name.clone())
        .collect();

    html! {
        <section class="bulk-status" aria-labelledby="bulk-status-heading">
            <h2 id="bulk-status-heading">{ "Change status of selected" }</h2>
            <p role="status" class="bulk-status__count">
                { match count {
                    0 => "No items selected. Tick items in the list to change them together.".to_owned(),
                    _ => format!("{} selected.", count_of(count as u64, "item", "items")),
                } }
            </p>
            if let Some(change) = &*pending {
                <div class="confirm">
                    <p tabindex="-1" ref={question_ref}>
                        <strong>{ question(change, &names) }</strong>
                    </p>
                    <div class="actions">
                        <button type="button" class="button button--primary"
                            aria-disabled={busy.then_some("true")} onclick={confirm}>
                            { if *busy { "Changing…" } else { "Yes, change them" } }
                        </button>
                        <button type="button" class="button" onclick={go_back}>{ "Go back" }</button>
                    </div>
                </div>
            } else {
                <form class="form" novalidate=true {onsubmit}>
                    { error_summary(&errors, &alert_ref, &INPUTS) }
                    { select_field(SelectField {
                        id: "bulk-status",
                        label: "New status",
                        hint: None,
                        options: options(Some("Choose a status"), ItemStatus::ALL, ItemStatus::as_str, status_label),
                        selected: &status,
                        on_change: { let status = status.clone(); Callback::from(move |v| status.set(v)) },
                        error: errors.for_field("status"),
                    }) }
                    if disposing {
                        { select_field(SelectField {
                            id: "bulk-disposal-reason",
                            label: "Why are they going?",
                            hint: None,
                            options: options(Some("Choose a reason"), DisposalReason::ALL, DisposalReason::as_str, disposal_label),
                            selected: &disposal,
                            on_change: { let disposal = disposal.clone(); Callback::from(move |v| disposal.set(v)) },
                            error: errors.for_field("disposal_reason"),
                        }) }
                    }
                    { field(Field {
                        hint: Some("A few words for each item's history, like \u{201c}moved for the winter\u{201d}."),
                        error: errors.for_field("reason"),
                        value: Some((*reason).clone()),
                        on_input: Some({ let reason = reason.clone(); Callback::from(move |v| reason.set(v)) }),
                        ..Field::new("bulk-reason", "Reason (optional)", Control::Text)
                    }) }
                    <button type="submit" class="button button--primary">
                        { format!("Change status of {}", count_of(count as u64, "selected item", "selected items")) }
                    </button>
                </form>
            }
        </section>
    }
}

/// "Change 3 items (Blue sofa, Chair and Lamp) to Disposed of (Broken)?"
fn question(change: &BulkStatusChange, names: &[String]) -> String {
    let to = match change.disposal_reason {
        Some(reason) => format!(
            "{} ({})",
            status_label(change.status),
            disposal_label(reason)
        ),
        None => status_label(change.status).to_owned(),
    };
    format!(
        "Change {} ({}) to {to}?",
        count_of(change.ids.len() as u64, "item", "items"),
        list_in_words(names)
    )
}

/// "3 items are now In storage."
fn done_in_words(change: &BulkStatusChange) -> String {
    let count = change.ids.len();
    format!(
        "{} {} now {}.",
        count_of(count as u64, "item", "items"),
        if count == 1 { "is" } else { "are" },
        status_label(change.status).to_lowercase()
    )
}

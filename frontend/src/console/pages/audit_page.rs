//! `/staff/audit` (admins): who did what and when, newest first, a page at a time,
//! optionally only one kind of action.

use shared::{AuditEntry, Page};
use yew::prelude::*;

use crate::api::admin::list_audit_entries;
use crate::components::fetch_view;
use crate::components::form::{input_value, text_field, TextField};
use crate::console::components::{pager, Pager};
use crate::console::words::count_of;
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change};

const PER_PAGE: u64 = 20;

/// What the list shows: which page, and which action if filtered.
#[derive(Debug, Clone, PartialEq)]
struct AuditQuery {
    page: u64,
    action: Option<String>,
}

impl AuditQuery {
    fn first_page(action: Option<String>) -> Self {
        Self { page: 1, action }
    }
}

#[component]
pub fn AuditPage() -> Html {
    use_document_title("Audit log");
    let query = use_state(|| AuditQuery::first_page(None));
    let entries = use_fetch_with((*query).clone(), |query| {
        let AuditQuery { page, action } = query.clone();
        async move { list_audit_entries(page, PER_PAGE, action.as_deref()).await }
    });
    let action_ref = use_node_ref();
    let results_ref = use_node_ref();
    // A new page or filter replaces the list; take the reader to its top.
    use_focus_on_change((*query).clone(), results_ref.clone());

    let onsubmit = {
        let (query, action_ref) = (query.clone(), action_ref.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let action = input_value(&action_ref).trim().to_owned();
            query.set(AuditQuery::first_page(
                (!action.is_empty()).then_some(action),
            ));
        })
    };
    let show_everything = {
        let (query, action_ref) = (query.clone(), action_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = action_ref.cast::<web_sys::HtmlInputElement>() {
                input.set_value("");
            }
            query.set(AuditQuery::first_page(None));
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |page| {
            query.set(AuditQuery {
                page,
                ..(*query).clone()
            })
        })
    };

    html! {
        <>
            <h1>{ "Audit log" }</h1>
            <form class="form filter" role="search" aria-label="Filter the audit log" {onsubmit}>
                { text_field(TextField {
                    hint: Some("For example user.update or auth.login. Leave it empty to see everything."),
                    input_ref: action_ref,
                    ..TextField::new("audit-action", "action", "Action")
                }) }
                <div class="actions">
                    <button type="submit" class="button button--primary">{ "Filter" }</button>
                    if query.action.is_some() {
                        <button type="button" class="button" onclick={show_everything}>
                            { "Show everything" }
                        </button>
                    }
                </div>
            </form>
            <h2 tabindex="-1" ref={results_ref}>
                { match &query.action {
                    Some(action) => format!("Entries for {action}"),
                    None => "All entries".to_owned(),
                } }
            </h2>
            { fetch_view(&entries, "Loading the audit log…", |entries| {
                entry_list(entries, &on_page)
            }) }
        </>
    }
}

fn entry_list(entries: &Page<AuditEntry>, on_page: &Callback<u64>) -> Html {
    if entries.items.is_empty() {
        return html! { <p>{ "Nothing here yet." }</p> };
    }
    html! {
        <>
            <p>{ count_of(entries.total, "entry", "entries") }{ ", newest first." }</p>
            <ol class="cards log">
                { for entries.items.iter().map(entry_card) }
            </ol>
            { pager(Pager {
                page: entries.page,
                per_page: entries.per_page,
                total: entries.total,
                on_page: on_page.clone(),
            }) }
        </>
    }
}

fn entry_card(entry: &AuditEntry) -> Html {
    let target = match (&entry.target_type, &entry.target_id) {
        (Some(kind), Some(id)) => Some(format!("{kind} {id}")),
        (Some(kind), None) => Some(kind.clone()),
        _ => None,
    };
    html! {
        <li key={entry.id} class="card">
            <p class="card__title">{ &entry.summary }</p>
            <dl class="facts">
                <dt>{ "When" }</dt>
                <dd>
                    <time datetime={format::iso_datetime(&entry.at)}>{ format::date_time(&entry.at) }</time>
                </dd>
                <dt>{ "Who" }</dt>
                <dd>{ entry.actor_name.as_deref().unwrap_or("Peer Lounge itself") }</dd>
                <dt>{ "Action" }</dt>
                <dd><code>{ &entry.action }</code></dd>
                if let Some(target) = target {
                    <dt>{ "About" }</dt>
                    <dd>{ target }</dd>
                }
            </dl>
        </li>
    }
}

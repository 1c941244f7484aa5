//! `/staff/outbox` (admins): the emails Peer Lounge is sending, with their state and
//! last error, and a way to try again with one that gave up.

use shared::{OutboxMessage, Page};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::api::admin::list_outbox;
use crate::components::fetch_view;
use crate::console::components::{pager, Pager, RequeueButton};
use crate::console::words::{count_of, email_kind_label, outbox_state_label, OUTBOX_STATES};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change};

const PER_PAGE: u64 = 20;

/// What the list shows: which page, and which state if filtered.
#[derive(Debug, Clone, PartialEq)]
struct OutboxQuery {
    page: u64,
    state: Option<String>,
}

#[component]
pub fn OutboxPage() -> Html {
    use_document_title("Email outbox");
    let query = use_state(|| OutboxQuery {
        page: 1,
        state: None,
    });
    let messages = use_fetch_with((*query).clone(), |query| {
        let OutboxQuery { page, state } = query.clone();
        async move { list_outbox(page, PER_PAGE, state.as_deref()).await }
    });
    let state_ref = use_node_ref();
    let results_ref = use_node_ref();
    let requeued = use_state(|| 0_u32);
    // A new page or filter replaces the list, and a re-queued email leaves its place:
    // take the reader to the top of the list.
    use_focus_on_change(((*query).clone(), *requeued), results_ref.clone());

    let onsubmit = {
        let (query, state_ref) = (query.clone(), state_ref.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let state = state_ref
                .cast::<HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default();
            query.set(OutboxQuery {
                page: 1,
                state: (!state.is_empty()).then_some(state),
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |page| {
            query.set(OutboxQuery {
                page,
                ..(*query).clone()
            })
        })
    };
    let on_requeued = {
        let (requeued, refresh) = (requeued.clone(), messages.refresh.clone());
        Callback::from(move |()| {
            requeued.set(*requeued + 1);
            refresh.emit(());
        })
    };

    let selected = query.state.clone().unwrap_or_default();
    let state_option = |(code, label): &(&'static str, &'static str)| {
        html! { <option value={*code} selected={selected == *code}>{ *label }</option> }
    };

    html! {
        <>
            <h1>{ "Email outbox" }</h1>
            <form class="form filter" role="search" aria-label="Filter the outbox" {onsubmit}>
                <div class="field">
                    <label for="outbox-state">{ "Show" }</label>
                    <select id="outbox-state" name="state" ref={state_ref}>
                        <option value="" selected={selected.is_empty()}>{ "All emails" }</option>
                        { for OUTBOX_STATES.iter().map(state_option) }
                    </select>
                </div>
                <button type="submit" class="button button--primary">{ "Show" }</button>
            </form>
            <h2 tabindex="-1" ref={results_ref}>
                { query.state.as_deref().map_or("All emails", outbox_state_label) }
            </h2>
            if *requeued > 0 {
                <p class="notice notice--success" role="status">
                    { "The email is back in the queue and will be sent again shortly." }
                </p>
            }
            { fetch_view(&messages, "Loading the outbox…", |messages| {
                message_list(messages, &on_page, &on_requeued)
            }) }
        </>
    }
}

fn message_list(
    messages: &Page<OutboxMessage>,
    on_page: &Callback<u64>,
    on_requeued: &Callback<()>,
) -> Html {
    if messages.items.is_empty() {
        return html! { <p>{ "No emails here." }</p> };
    }
    html! {
        <>
            <p>{ count_of(messages.total, "email", "emails") }{ ", newest first." }</p>
            <ul class="cards">
                { for messages.items.iter().map(|message| message_card(message, on_requeued)) }
            </ul>
            { pager(Pager {
                page: messages.page,
                per_page: messages.per_page,
                total: messages.total,
                on_page: on_page.clone(),
            }) }
        </>
    }
}

fn message_card(message: &OutboxMessage, on_requeued: &Callback<()>) -> Html {
    html! {
        <li key={message.id} class="card">
            <h3>{ &message.subject }</h3>
            <dl class="facts">
                <dt>{ "Kind" }</dt>
                <dd>{ email_kind_label(&message.kind) }</dd>
                <dt>{ "State" }</dt>
                <dd>{ outbox_state_label(&message.state) }</dd>
                <dt>{ "Tries" }</dt>
                <dd>{ message.attempts }</dd>
                <dt>{ "Created" }</dt>
                <dd>{ when(&message.created_at) }</dd>
                if let Some(sent_at) = &message.sent_at {
                    <dt>{ "Sent" }</dt>
                    <dd>{ when(sent_at) }</dd>
                } else if message.state == "queued" {
                    <dt>{ "Next try" }</dt>
                    <dd>{ when(&message.next_attempt_at) }</dd>
                }
                if let Some(error) = &message.last_error {
                    <dt>{ "Last error" }</dt>
                    <dd class="break-anywhere">{ error }</dd>
                }
            </dl>
            if message.state == "dead" {
                <RequeueButton message_id={message.id} on_requeued={on_requeued.clone()} />
            }
        </li>
    }
}

fn when(instant: &chrono::DateTime<chrono::FixedOffset>) -> Html {
    html! {
        <time datetime={format::iso_datetime(instant)}>{ format::date_time(instant) }</time>
    }
}

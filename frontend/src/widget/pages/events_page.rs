//! Upcoming events: what, when, where, and whether there is room.

use shared::EventSummary;
use yew::prelude::*;

use crate::api::events::list_events;
use crate::components::fetch_view;
use crate::format;
use crate::hooks::{use_document_title, use_fetch};

#[component]
pub fn EventsPage() -> Html {
    use_document_title("Events");
    let events = use_fetch(list_events);

    html! {
        <>
            <h1>{ "Events" }</h1>
            <p class="lead">{ "Things happening soon. Come along, everyone is welcome." }</p>
            { fetch_view(&events, "Loading events…", |events| event_list(events)) }
        </>
    }
}

fn event_list(events: &[EventSummary]) -> Html {
    if events.is_empty() {
        return html! { <p>{ "No events coming up right now. Check back soon!" }</p> };
    }
    html! {
        <ul class="cards">
            { for events.iter().map(event_card) }
        </ul>
    }
}

fn event_card(event: &EventSummary) -> Html {
    html! {
        <li key={event.id} class="card">
            <h2>{ &event.title }</h2>
            <dl class="facts">
                <dt>{ "When" }</dt>
                <dd>
                    <time datetime={format::iso_datetime(&event.start)}>
                        { format::time_range(&event.start, &event.end) }
                    </time>
                </dd>
                <dt>{ "Where" }</dt>
                <dd>{ &event.location }</dd>
                <dt>{ "Seats" }</dt>
                <dd>{ format::seats_left(event.capacity, event.seats_left) }</dd>
            </dl>
            <p class="multiline">{ &event.summary }</p>
        </li>
    }
}

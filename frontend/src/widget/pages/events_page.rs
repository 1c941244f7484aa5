//! Upcoming events, soonest first: what, when, where, whether there is room, who it's
//! for and who to ask. Each leads to its own page, where young people sign up.

use shared::EventSummary;
use yew::prelude::*;

use crate::api::events::list_events;
use crate::components::fetch_view;
use crate::format;
use crate::hooks::{use_document_title, use_fetch};
use crate::widget::{Route, WidgetLink};

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
    // In the server's order: soonest first.
    html! {
        <ul class="cards">
            { for events.iter().map(event_card) }
        </ul>
    }
}

fn event_card(event: &EventSummary) -> Html {
    html! {
        <li key={event.id} class="card">
            <h2>
                <WidgetLink to={Route::Event { event_id: event.id }}>{ &event.title }</WidgetLink>
            </h2>
            <p class="multiline">{ &event.summary }</p>
            { event_facts(event) }
        </li>
    }
}

/// When and where an event is, whether there is room, who it's for, who to ask and who
/// runs it with the organiser: on its card and on its page. Empty facts are left out.
pub fn event_facts(event: &EventSummary) -> Html {
    let spots = format::event_spots(event.capacity, event.spots_left, event.waitlist_open);
    let co_hosts = event.co_facilitators.join(", ");
    let facts = [
        ("Where", event.location.as_str()),
        ("Spots", &spots),
        ("Who it's for", &event.audience),
        ("Contact", &event.contact_name),
        ("Co-hosts", &co_hosts),
    ];
    html! {
        <dl class="facts">
            <dt>{ "When" }</dt>
            <dd>
                <time datetime={format::iso_datetime(&event.start)}>
                    { format::place_time_range(&event.start, &event.end) }
                </time>
            </dd>
            { for facts.into_iter().filter(|(_, value)| !value.is_empty()).map(
                |(label, value)| html! {
                    <>
                        <dt>{ label }</dt>
                        <dd>{ value }</dd>
                    </>
                }
            ) }
        </dl>
    }
}

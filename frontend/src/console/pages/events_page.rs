//! `/staff/events` (peer mentors, admins): the events you organise (admins: all), coming
//! up and past, each with its state and seats in words, and a way to start a new one.

use shared::StaffEvent;
use yew::prelude::*;

use crate::api::staff_events::list_staff_events;
use crate::clock;
use crate::components::fetch_view;
use crate::console::events::{event_seats_in_words, is_upcoming, status_label};
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch};

#[component]
pub fn EventsPage() -> Html {
    use_document_title("Events");
    let events = use_fetch(list_staff_events);
    html! {
        <>
            <h1>{ "Events" }</h1>
            <p>
                { "Workshops, game nights, meetings: events you run with young people. \
                   Young people only see an event once it's published. Times are on the \
                   lounge's clock." }
            </p>
            <div class="actions page-actions">
                <ConsoleLink to={ConsoleRoute::NewEvent} classes="button button--primary">
                    { "New event" }
                </ConsoleLink>
            </div>
            { fetch_view(&events, "Loading events…", |events| event_lists(events)) }
        </>
    }
}

fn event_lists(events: &[StaffEvent]) -> Html {
    let now = clock::now();
    let (mut upcoming, mut past): (Vec<&StaffEvent>, Vec<&StaffEvent>) =
        events.iter().partition(|event| is_upcoming(event, now));
    upcoming.sort_by_key(|event| event.input.start);
    past.sort_by_key(|event| std::cmp::Reverse(event.input.start));
    let list = |events: Vec<&StaffEvent>| {
        html! {
            <ul class="cards events-list">
                { for events.into_iter().map(event_card) }
            </ul>
        }
    };
    html! {
        <>
            <section aria-labelledby="upcoming-events-heading">
                <h2 id="upcoming-events-heading">{ "Coming up" }</h2>
                if upcoming.is_empty() {
                    <p>{ "No events coming up. Start one with \u{201c}New event\u{201d}." }</p>
                } else {
                    { list(upcoming) }
                }
            </section>
            <section aria-labelledby="past-events-heading">
                <h2 id="past-events-heading">{ "Past" }</h2>
                if past.is_empty() {
                    <p>{ "No past events yet." }</p>
                } else {
                    { list(past) }
                }
            </section>
        </>
    }
}

fn event_card(event: &StaffEvent) -> Html {
    let input = &event.input;
    html! {
        <li key={event.id} class="card event-card">
            <h3>
                <ConsoleLink to={ConsoleRoute::Event { id: event.id }}>{ &input.title }</ConsoleLink>
            </h3>
            <dl class="facts">
                <dt>{ "Status" }</dt>
                <dd class="event-status">{ status_label(event.status) }</dd>
                <dt>{ "When" }</dt>
                <dd>
                    <time datetime={format::iso_datetime(&input.start)}>
                        { format::place_time_range(&input.start, &input.end) }
                    </time>
                </dd>
                <dt>{ "Where" }</dt>
                <dd>{ &event.location }</dd>
                <dt>{ "Seats" }</dt>
                <dd>{ event_seats_in_words(event) }</dd>
            </dl>
        </li>
    }
}

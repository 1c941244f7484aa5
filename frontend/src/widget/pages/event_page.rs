//! `/events/{id}`: one event in full (what, when, where, who to ask, the agenda and
//! things to read once they are out) and the form to sign up, or to join the waitlist
//! when it is full. Then "You're in!" (or the place in line) with the manage link. Once
//! signed up, the address says so (`?booked=1`), so a reload can't sign up twice.

use shared::{Booking, EventDetail, EventSummary};
use yew::prelude::*;

use crate::api::events::find_event;
use crate::clock;
use crate::components::{error_notice, loading};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change, FetchState};
use crate::widget::components::confirmation::{confirmation, confirmation_heading};
use crate::widget::components::pieces::{notice, page_link, Tone};
use crate::widget::components::BookingForm;
use crate::widget::embed::is_embedded;
use crate::widget::pages::events_page::event_facts;
use crate::widget::router::{go_to, page_query_param};
use crate::widget::week::SlotSource;
use crate::widget::Route;

#[derive(Properties, PartialEq)]
pub struct EventPageProps {
    pub event_id: i64,
}

#[component]
pub fn EventPage(props: &EventPageProps) -> Html {
    let event_id = props.event_id;
    let fetched = use_fetch_with(event_id, |&event_id| find_event(event_id));
    let booked = use_state(|| None::<Booking>);
    // Why the form went away while it was open: the last spot was taken (and there is
    // no waitlist, or the server would have put them on it).
    let note = use_state(|| None::<String>);
    let copy_status = use_state(|| "");
    let heading_ref = use_node_ref();
    use_focus_on_change(booked.is_some(), heading_ref.clone());
    use_document_title(match &*booked {
        None => "Event",
        Some(booking) if booking.status.holds_place() => "You're in!",
        Some(_) => "You're on the waitlist",
    });

    if let Some(booking) = &*booked {
        return html! {
            <>
                <h1 tabindex="-1" ref={heading_ref}>{ confirmation_heading(booking) }</h1>
                { confirmation(booking, "", &copy_status) }
            </>
        };
    }
    let event = match &*fetched {
        FetchState::Loaded(event) => event,
        FetchState::Loading => return loading("Loading the event…"),
        FetchState::Failed(failure) if failure.status() == Some(404) => {
            return html! {
                <>
                    <h1 tabindex="-1">{ "We can't find that event" }</h1>
                    <p>{ "It may have been cancelled, or the link may be incomplete." }</p>
                    { page_link(Route::Events, "See all events", true) }
                </>
            };
        }
        FetchState::Failed(failure) => return error_notice(failure, Some(&fetched.retry)),
    };

    let on_booked = {
        let booked = booked.clone();
        Callback::from(move |booking: Booking| {
            booked.set(Some(booking));
            go_to(Route::Event { event_id }, &[("booked", "1")], true);
        })
    };
    let on_slot_taken = {
        let (note, refresh) = (note.clone(), fetched.refresh.clone());
        Callback::from(move |message: String| {
            note.set(Some(message));
            // The facts show it full now.
            refresh.emit(());
        })
    };
    let EventDetail {
        summary,
        description,
        ..
    } = event;

    html! {
        <>
            <h1 tabindex="-1">{ &summary.title }</h1>
            <p class="lead multiline">{ &summary.summary }</p>
            { event_facts(summary) }
            if !summary.contact_name.is_empty() {
                <p>
                    { "Questions before the day? Ask " }
                    <strong>{ &summary.contact_name }</strong>
                    { " through the agency." }
                </p>
            }
            if !description.is_empty() {
                <p class="multiline">{ description }</p>
            }
            { agenda_and_materials(event) }
            if let Some(note) = &*note {
                { notice(Tone::Info, note, None) }
            } else {
                { sign_up(summary, on_booked, on_slot_taken) }
            }
            { page_link(Route::Events, "See all events", false) }
        </>
    }
}

/// The agenda and things to read, once they are out; until then, when they will be.
fn agenda_and_materials(event: &EventDetail) -> Html {
    let agenda = event.agenda.as_deref().unwrap_or_default();
    let materials = event.materials.as_deref().unwrap_or_default();
    let embedded = is_embedded();
    let when_out = if event.agenda.is_some() {
        None
    } else if clock::is_future(&event.materials_released_at) {
        Some(format!(
            "The agenda and anything to read come out on {}. If you have a spot and \
             gave your email, we'll send them to you.",
            format::day_name(event.materials_released_at.date_naive())
        ))
    } else {
        Some(
            "If you have a spot and gave your email, we'll send you the agenda and \
             anything to read."
                .to_owned(),
        )
    };
    html! {
        <>
            if !agenda.is_empty() {
                <h2>{ "Agenda" }</h2>
                <ol class="agenda">
                    { for agenda.iter().map(|item| html! {
                        // Spaces as text, so screen readers don't run the parts together.
                        <li>
                            if !item.time.is_empty() {
                                <span class="agenda__time">{ &item.time }</span>{ " " }
                            }
                            { &item.title }
                            if !item.led_by.is_empty() {
                                <span class="agenda__who">{ " — led by " }{ &item.led_by }</span>
                            }
                        </li>
                    }) }
                </ol>
            }
            if !materials.is_empty() {
                <h2>{ "Things to read before" }</h2>
                <ul class="materials">
                    { for materials.iter().map(|material| material_link(material, embedded)) }
                </ul>
            }
            if let Some(when_out) = when_out {
                <p class="note">{ when_out }</p>
            }
        </>
    }
}

/// A link to something on another site: it learns nothing about us, not even the page
/// it came from. Embedded in an agency's page, it opens in a tab of its own.
fn material_link(material: &shared::Material, embedded: bool) -> Html {
    let url = &material.url;
    // The server only takes web addresses; anything else is shown, not followed.
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return html! { <li>{ &material.title }</li> };
    }
    html! {
        <li>
            <a
                href={url.clone()}
                rel="noopener noreferrer"
                target={embedded.then_some("_blank")}
            >
                { &material.title }
                if embedded {
                    <span class="visually-hidden">{ " (opens in a new tab)" }</span>
                }
            </a>
        </li>
    }
}

/// The sign-up form, or why there is none: full without a waitlist, already begun, or
/// signed up before this page was reloaded.
fn sign_up(
    event: &EventSummary,
    on_booked: Callback<Booking>,
    on_slot_taken: Callback<String>,
) -> Html {
    let full = event.spots_left == Some(0);
    let reason = if page_query_param("booked").is_some() {
        "You've signed up for this event. To see your booking, open the link you saved \
         when you signed up, or the one in your email."
    } else if !clock::is_future(&event.start) {
        "This event has already started, so sign-ups are closed."
    } else if full && !event.waitlist_open {
        "Sorry, this event is full."
    } else {
        ""
    };
    if !reason.is_empty() {
        return html! { <p class="note" id="sign-up-closed">{ reason }</p> };
    }
    html! {
        <>
            if full {
                <h2>{ "Join the waitlist" }</h2>
                <p>
                    { "It's full right now, but you can join the waitlist. If someone \
                       cancels, the first person in line gets their spot." }
                </p>
            } else {
                <h2>{ "Sign up" }</h2>
            }
            <BookingForm
                source={SlotSource::Event(event.id)}
                start={event.start}
                waitlist={full}
                {on_booked}
                {on_slot_taken}
            />
        </>
    }
}

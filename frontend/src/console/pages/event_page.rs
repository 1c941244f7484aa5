//! `/staff/events/{id}` (peer mentors, admins): one event as its organisers see it:
//! its state in words, when, where, seats, who runs it, the agenda and materials; what
//! can be done with it now; the questions people asked; and, once published, the door.

use shared::{EventStatus, StaffEvent};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::staff_events::staff_event;
use crate::components::fetch_view;
use crate::console::components::event_actions::EventActions;
use crate::console::components::event_door::EventDoor;
use crate::console::components::event_files::EventFiles;
use crate::console::components::event_questions::EventQuestions;
use crate::console::events::{event_seats_in_words, release_in_words, status_explained};
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::words::list_in_words;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change, FetchState};

#[derive(Properties, PartialEq)]
pub struct EventPageProps {
    pub id: i64,
}

#[component]
pub fn EventPage(props: &EventPageProps) -> Html {
    use_document_title("Event");
    let fetched = use_fetch_with(props.id, |id| staff_event(*id));
    // The event as the last change left it; the server answers each change with it.
    let latest = use_state(|| None::<StaffEvent>);
    // What the editor said on the way here ("Draft saved…"), then what each change did;
    // counted, so the same words twice are announced twice.
    let location = use_location();
    let notice = use_state(|| {
        (
            0_u32,
            location
                .and_then(|location| location.state::<SavedNotice>())
                .map(|saved| saved.0.clone()),
        )
    });
    let notice_ref = use_node_ref();
    use_focus_on_change(notice.0, notice_ref.clone());
    let on_changed = {
        let (latest, notice) = (latest.clone(), notice.clone());
        Callback::from(move |(event, said): (StaffEvent, String)| {
            latest.set(Some(event));
            notice.set((notice.0 + 1, Some(said)));
        })
    };

    // Only this event's: the same page shows another event when the address changes.
    let id = props.id;
    let latest = latest.as_ref().filter(|event| event.id == id);
    let event = latest.or(match &*fetched {
        FetchState::Loaded(event) => Some(event),
        _ => None,
    });
    let heading = event.map_or_else(|| "Event".to_owned(), |event| event.input.title.clone());

    html! {
        <>
            <nav class="sub-nav" aria-label="Events">
                <p class="sub-nav__back">
                    <ConsoleLink to={ConsoleRoute::Events}>{ "All events" }</ConsoleLink>
                </p>
            </nav>
            <h1>{ heading }</h1>
            if let Some(notice) = &notice.1 {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ notice }</p>
                </div>
            }
            { fetch_view(&fetched, "Loading the event…", |fetched| {
                let event = latest.unwrap_or(fetched);
                event_view(event, &on_changed)
            }) }
        </>
    }
}

fn event_view(event: &StaffEvent, on_changed: &Callback<(StaffEvent, String)>) -> Html {
    let input = &event.input;
    let open = matches!(event.status, EventStatus::Draft | EventStatus::Published);
    let door = matches!(
        event.status,
        EventStatus::Published | EventStatus::Completed
    );
    let running = list_in_words(
        &input
            .young_co_facilitators
            .iter()
            .cloned()
            .chain(match input.co_facilitator_mentor_ids.len() {
                0 => None,
                mentors => Some(crate::console::words::count_of(
                    mentors as u64,
                    "peer mentor",
                    "peer mentors",
                )),
            })
            .collect::<Vec<_>>(),
    );
    html! {
        <>
            <p class="event-state"><strong>{ status_explained(event.status) }</strong></p>
            <dl class="facts">
                <dt>{ "When" }</dt>
                <dd>
                    <time datetime={format::iso_datetime(&input.start)}>
                        { format::place_time_range(&input.start, &input.end) }
                    </time>
                </dd>
                <dt>{ "Where" }</dt>
                <dd>{ &event.location }</dd>
                <dt>{ "Seats" }</dt>
                <dd id="event-seats">{ event_seats_in_words(event) }</dd>
                if input.capacity.is_some() {
                    <dt>{ "Waitlist" }</dt>
                    <dd>{ if input.waitlist { "Yes, when it's full" } else { "No" } }</dd>
                }
                if !input.audience.is_empty() {
                    <dt>{ "Who it's for" }</dt>
                    <dd>{ &input.audience }</dd>
                }
                <dt>{ "Contact person" }</dt>
                <dd>{ &event.contact_name }</dd>
                if let Some(lead) = &event.lead_mentor {
                    <dt>{ "Led by" }</dt>
                    <dd>{ lead }</dd>
                }
                if !running.is_empty() {
                    <dt>{ "Co-facilitators" }</dt>
                    <dd>{ running }</dd>
                }
                <dt>{ "Agenda goes out" }</dt>
                <dd>
                    { release_in_words(input.release_hours_before) }
                    { if input.release_publicly { ", and on the public page" } else { ", to people who signed up" } }
                </dd>
            </dl>
            <section aria-labelledby="event-actions-heading">
                <h2 id="event-actions-heading">{ "What you can do" }</h2>
                <EventActions event={event.clone()} on_changed={on_changed.clone()} />
            </section>
            <section aria-labelledby="event-agenda-heading">
                <h2 id="event-agenda-heading">{ "Agenda" }</h2>
                if input.agenda.is_empty() {
                    <p>{ "No agenda yet." }</p>
                } else {
                    <ol class="agenda">
                        { for input.agenda.iter().map(|item| html! {
                            <li>
                                if !item.time.is_empty() {
                                    <strong>{ format!("{} ", item.time) }</strong>
                                }
                                { &item.title }
                                if !item.led_by.is_empty() {
                                    { format!(" (led by {})", item.led_by) }
                                }
                            </li>
                        }) }
                    </ol>
                }
            </section>
            <section aria-labelledby="event-materials-heading">
                <h2 id="event-materials-heading">{ "Materials" }</h2>
                <p class="field-hint">
                    { "People who signed up get these with the agenda." }
                </p>
                <h3>{ "Links" }</h3>
                if input.materials.is_empty() {
                    <p>{ "No links yet. Add them in the editor." }</p>
                } else {
                    <ul class="event-links">
                        { for input.materials.iter().map(|material| html! {
                            <li><a href={material.url.clone()} rel="noopener noreferrer" class="break-anywhere">{ &material.title }</a></li>
                        }) }
                    </ul>
                }
                <h3>{ "Files" }</h3>
                <EventFiles
                    event={event.clone()}
                    editable={open}
                    on_changed={on_changed.clone()}
                />
            </section>
            <section aria-labelledby="event-questions-heading">
                <h2 id="event-questions-heading">{ "Questions" }</h2>
                <EventQuestions key={event.id} event_id={event.id} />
            </section>
            if door {
                <section aria-labelledby="event-door-heading">
                    <h2 id="event-door-heading">{ "At the door" }</h2>
                    <EventDoor key={event.id} event_id={event.id} />
                </section>
            }
        </>
    }
}

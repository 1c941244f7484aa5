//! `/staff/events/new` and `/staff/events/{id}/edit` (peer mentors, admins): the event
//! editor, with the spaces, contact people and mentors to choose from and the lounge's
//! time zone. Saving goes to the event's page.

use shared::{EventContact, EventStatus, MentorProfile, Space, StaffEvent};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::health::fetch_health;
use crate::api::mentors::list_mentors;
use crate::api::spaces::list_spaces;
use crate::api::staff_events::{event_contacts, staff_event};
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::event_form::EventForm;
use crate::console::session::use_session;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_fetch_with, FetchState};

#[derive(Properties, PartialEq)]
pub struct EventEditorPageProps {
    /// The event to edit; without one, a new event.
    #[prop_or_default]
    pub id: Option<i64>,
}

/// What the event page says first after a save, passed along with the address.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedNotice(pub String);

/// Everything the editor chooses from.
#[derive(Debug, Clone, PartialEq)]
struct EditorData {
    event: Option<StaffEvent>,
    spaces: Vec<Space>,
    contacts: Vec<EventContact>,
    mentors: Vec<MentorProfile>,
    zone: Option<String>,
}

async fn load(id: Option<i64>) -> Result<EditorData, ApiFailure> {
    let event = match id {
        Some(id) => Some(staff_event(id).await?),
        None => None,
    };
    Ok(EditorData {
        event,
        spaces: list_spaces().await?,
        contacts: event_contacts().await?,
        mentors: list_mentors("", "").await?,
        // Staff enter event times on the lounge's clock, wherever their device is.
        zone: fetch_health().await?.timezone,
    })
}

#[component]
pub fn EventEditorPage(props: &EventEditorPageProps) -> Html {
    use_document_title(if props.id.is_some() {
        "Edit event"
    } else {
        "New event"
    });
    let data = use_fetch_with(props.id, |id| load(*id));
    let session = use_session();
    let me = session.user().map(|user| user.id);
    let navigator = use_navigator();
    let on_saved = {
        let created = props.id.is_none();
        Callback::from(move |event: StaffEvent| {
            let notice = match (created, event.status) {
                (true, _) | (false, EventStatus::Draft) => {
                    "Draft saved. Young people can't see it until you publish it."
                }
                (false, _) => "Changes saved.",
            };
            if let Some(navigator) = &navigator {
                navigator.push_with_state(
                    &ConsoleRoute::Event { id: event.id },
                    SavedNotice(notice.to_owned()),
                );
            }
        })
    };

    let heading = match (&*data, props.id) {
        (
            FetchState::Loaded(EditorData {
                event: Some(event), ..
            }),
            _,
        ) => {
            format!("Edit \u{201c}{}\u{201d}", event.input.title)
        }
        (_, Some(_)) => "Edit event".to_owned(),
        (_, None) => "New event".to_owned(),
    };

    html! {
        <>
            <nav class="sub-nav" aria-label="Events">
                <p class="sub-nav__back">
                    if let Some(id) = props.id {
                        <ConsoleLink to={ConsoleRoute::Event { id }}>{ "Back to the event" }</ConsoleLink>
                    } else {
                        <ConsoleLink to={ConsoleRoute::Events}>{ "All events" }</ConsoleLink>
                    }
                </p>
            </nav>
            <h1>{ heading }</h1>
            { fetch_view(&data, "Loading the event editor…", |data| {
                match data.event.as_ref().map(|event| event.status) {
                    Some(EventStatus::Cancelled | EventStatus::Completed) => html! {
                        <p>{ "A cancelled or completed event can't be changed." }</p>
                    },
                    _ => html! {
                        <EventForm
                            event={data.event.clone()}
                            spaces={data.spaces.clone()}
                            contacts={data.contacts.clone()}
                            mentors={data.mentors.clone()}
                            zone={data.zone.clone()}
                            {me}
                            on_saved={on_saved.clone()}
                        />
                    },
                }
            }) }
        </>
    }
}

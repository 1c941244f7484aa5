//! The widget's pages by address, and the app shell around them. The staff console
//! (under `/staff`) and the manage page (`/manage`, see [`super::ManageApp`]) are
//! bundles of their own; the server sends those addresses there.

use yew::prelude::*;

use super::embed::{is_embedded, use_height_messages};
use super::pages::{
    BookSpotPage, EventPage, EventsPage, HomePage, LoungePage, MentorPage, MentorsPage,
    NotFoundPage,
};
use super::router::{use_current_route, Route};
use super::week::SlotSource;
use super::Layout;

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Lounge => html! { <LoungePage /> },
        Route::BookSpot { space_id } => {
            html! { <BookSpotPage source={SlotSource::Space(space_id)} /> }
        }
        Route::Mentors => html! { <MentorsPage /> },
        Route::Mentor { mentor_id } => html! { <MentorPage {mentor_id} /> },
        Route::BookMentor { mentor_id } => {
            html! { <BookSpotPage source={SlotSource::Mentor(mentor_id)} /> }
        }
        Route::Events => html! { <EventsPage /> },
        Route::Event { event_id } => html! { <EventPage {event_id} /> },
        // The manage page is never reached from inside the widget: its links load it.
        Route::Manage | Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[component]
pub fn App() -> Html {
    let route = use_current_route();
    // Framed or not is settled when the page loads; it can't change while it runs.
    let embedded = *use_state(is_embedded);
    use_height_messages(embedded);

    html! {
        <Layout {route} {embedded}>
            { switch(route) }
        </Layout>
    }
}

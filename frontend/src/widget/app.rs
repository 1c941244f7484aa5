//! The widget's routes and the app shell around them. The staff console lives under
//! `/staff` in a bundle of its own; the server sends those addresses there.

use yew::prelude::*;
use yew_router::prelude::*;

use super::embed::{is_embedded, use_height_messages};
use super::pages::{
    BookSpotPage, EventsPage, HomePage, LoungePage, ManagePage, MentorsPage, NotFoundPage,
};
use super::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/lounge")]
    Lounge,
    /// The booking form for one slot, chosen by `?start=<RFC 3339>`: an address, so a
    /// reload keeps the young person where they were. "You're in!" follows on it.
    #[at("/lounge/:space_id/book")]
    BookSpot { space_id: i64 },
    /// Where manage links lead, with `#token=...`.
    #[at("/manage")]
    Manage,
    #[at("/mentors")]
    Mentors,
    #[at("/events")]
    Events,
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Lounge => html! { <LoungePage /> },
        Route::BookSpot { space_id } => html! { <BookSpotPage {space_id} /> },
        Route::Manage => html! { <ManagePage /> },
        Route::Mentors => html! { <MentorsPage /> },
        Route::Events => html! { <EventsPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[component]
pub fn App() -> Html {
    // Framed or not is settled when the page loads; it can't change while it runs.
    let embedded = *use_state(is_embedded);
    use_height_messages(embedded);

    html! {
        <BrowserRouter>
            <Layout {embedded}>
                <Switch<Route> render={switch} />
            </Layout>
        </BrowserRouter>
    }
}

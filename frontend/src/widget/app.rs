//! The widget's routes and the app shell around them. The staff console lives under
//! `/staff` in a bundle of its own; the server sends those addresses there.

use yew::prelude::*;
use yew_router::prelude::*;

use super::pages::{EventsPage, HomePage, LoungePage, MentorsPage, NotFoundPage};
use super::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/lounge")]
    Lounge,
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
        Route::Mentors => html! { <MentorsPage /> },
        Route::Events => html! { <EventsPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <BrowserRouter>
            <Layout>
                <Switch<Route> render={switch} />
            </Layout>
        </BrowserRouter>
    }
}

//! The routes and the app shell around them.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::Layout;
use crate::hooks::SessionProvider;
use crate::pages::{EventsPage, HomePage, LoungePage, MentorsPage, NotFoundPage, StaffPage};

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
    #[at("/staff")]
    Staff,
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
        Route::Staff => html! { <StaffPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <BrowserRouter>
            <SessionProvider>
                <Layout>
                    <Switch<Route> render={switch} />
                </Layout>
            </SessionProvider>
        </BrowserRouter>
    }
}

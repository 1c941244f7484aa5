//! The frame around every widget page: skip link, header with the main navigation,
//! `<main>`, and a footer with the quieter way into the staff console.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{Route, WidgetLink};
use crate::hooks::use_focus_on_change;
use crate::AGENCY_NAME;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let main_ref = use_node_ref();
    let route = use_route::<Route>();
    // A new page doesn't reload the document, so screen readers need telling.
    use_focus_on_change(route, main_ref.clone());

    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to main content" }</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <WidgetLink to={Route::Home} classes="brand">{ AGENCY_NAME }</WidgetLink>
                    <nav aria-label="Main" class="main-nav">
                        <ul>
                            <li><WidgetLink to={Route::Lounge}>{ "Lounge" }</WidgetLink></li>
                            <li><WidgetLink to={Route::Mentors}>{ "Mentors" }</WidgetLink></li>
                            <li><WidgetLink to={Route::Events}>{ "Events" }</WidgetLink></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1" ref={main_ref}>
                { props.children.clone() }
            </main>
            <footer class="site-footer">
                <p>{ "This space is for you. Everyone is welcome here." }</p>
                <nav aria-label="Staff">
                    // A full page load: the console is a separate download.
                    <a href="/staff" class="staff-link">{ "Staff sign-in" }</a>
                </nav>
            </footer>
        </>
    }
}

//! The frame around every page: skip link, header with the main navigation, `<main>`,
//! and a footer with the quieter way into the staff area.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::NavLink;
use crate::hooks::{use_focus_on_change, use_session};
use crate::{Route, AGENCY_NAME};

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let main_ref = use_node_ref();
    let route = use_route::<Route>();
    let session = use_session();
    // A new page doesn't reload the document, so screen readers need telling.
    use_focus_on_change(route, main_ref.clone());
    let staff_link_label = if session.is_signed_in() {
        "Staff console"
    } else {
        "Staff sign-in"
    };

    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to main content" }</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <NavLink to={Route::Home} classes="brand">{ AGENCY_NAME }</NavLink>
                    <nav aria-label="Main" class="main-nav">
                        <ul>
                            <li><NavLink to={Route::Lounge}>{ "Lounge" }</NavLink></li>
                            <li><NavLink to={Route::Mentors}>{ "Mentors" }</NavLink></li>
                            <li><NavLink to={Route::Events}>{ "Events" }</NavLink></li>
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
                    <NavLink to={Route::Staff} classes="staff-link">{ staff_link_label }</NavLink>
                </nav>
            </footer>
        </>
    }
}

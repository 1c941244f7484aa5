//! The frame around every console page: skip link, header with the console's
//! navigation (only what the signed-in person's roles can use) and sign-out, `<main>`,
//! and a way back to the public site.

use yew::prelude::*;
use yew_router::prelude::*;

use super::components::SignOutButton;
use super::session::use_session;
use super::{ConsoleLink, ConsoleRoute};
use crate::hooks::use_focus_on_change;
use crate::AGENCY_NAME;

/// The header's links, in order; each shows only to those who may open its page.
/// A mentor's three pages share one link here and a sub-navigation on each, so the
/// header stays short on a phone.
const NAVIGATION: [(ConsoleRoute, &str); 14] = [
    (ConsoleRoute::Home, "Home"),
    (ConsoleRoute::DaySheet, "Day sheet"),
    (ConsoleRoute::MentorSessions, "Mentoring"),
    (ConsoleRoute::Events, "Events"),
    (ConsoleRoute::Supervision, "Supervision"),
    (ConsoleRoute::Inventory, "Inventory"),
    (ConsoleRoute::Donations, "Donations"),
    (ConsoleRoute::Wishlist, "Wishlist"),
    (ConsoleRoute::Spaces, "Spaces"),
    (ConsoleRoute::Topics, "Topics"),
    (ConsoleRoute::Users, "Staff"),
    (ConsoleRoute::Audit, "Audit log"),
    (ConsoleRoute::Outbox, "Outbox"),
    (ConsoleRoute::ChangePassword, "Password"),
];

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let main_ref = use_node_ref();
    let route = use_route::<ConsoleRoute>();
    let session = use_session();
    // A new page doesn't reload the document, so screen readers need telling.
    use_focus_on_change(route, main_ref.clone());

    let navigation = session.user().map(|user| {
        let links = NAVIGATION
            .into_iter()
            .filter(|(route, _)| route.access().allows(user))
            .map(|(route, label)| {
                html! { <li key={label}><ConsoleLink to={route}>{ label }</ConsoleLink></li> }
            });
        html! {
            <>
                <nav aria-label="Console" class="main-nav console-nav">
                    <ul>{ for links }</ul>
                </nav>
                <SignOutButton />
            </>
        }
    });

    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to main content" }</a>
            <header class="site-header console-header">
                <div class="site-header__inner">
                    <ConsoleLink to={ConsoleRoute::Home} classes="brand">
                        { AGENCY_NAME }<span class="brand__area">{ " staff" }</span>
                    </ConsoleLink>
                    { navigation }
                </div>
            </header>
            <main id="main" tabindex="-1" ref={main_ref}>
                { props.children.clone() }
            </main>
            <footer class="site-footer">
                <p><a href="/">{ "Go to the public Peer Lounge site" }</a></p>
            </footer>
        </>
    }
}

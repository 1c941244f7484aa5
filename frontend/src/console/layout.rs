//! The frame around every console page: skip link, header with the console's
//! navigation (only what the signed-in person's roles can use) and sign-out, `<main>`,
//! and a way back to the public site.

use yew::prelude::*;
use yew_router::prelude::*;

use super::components::SignOutButton;
use super::session::use_session;
use super::{is_admin, ConsoleLink, ConsoleRoute};
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
    let route = use_route::<ConsoleRoute>();
    let session = use_session();
    // A new page doesn't reload the document, so screen readers need telling.
    use_focus_on_change(route, main_ref.clone());

    let navigation = session.user().map(|user| {
        let admin_links = is_admin(user).then(|| {
            html! {
                <>
                    <li><ConsoleLink to={ConsoleRoute::Users}>{ "Staff" }</ConsoleLink></li>
                    <li><ConsoleLink to={ConsoleRoute::Audit}>{ "Audit log" }</ConsoleLink></li>
                    <li><ConsoleLink to={ConsoleRoute::Outbox}>{ "Outbox" }</ConsoleLink></li>
                </>
            }
        });
        html! {
            <>
                <nav aria-label="Console" class="main-nav console-nav">
                    <ul>
                        <li><ConsoleLink to={ConsoleRoute::Home}>{ "Home" }</ConsoleLink></li>
                        { admin_links }
                        <li><ConsoleLink to={ConsoleRoute::ChangePassword}>{ "Password" }</ConsoleLink></li>
                    </ul>
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

//! The gate in front of every page that needs a signed-in staff member: it waits for
//! the session check, sends signed-out visitors to sign-in, and tells people without
//! the admin role that a page is not for them.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{error_notice, loading};
use crate::console::session::{use_session, Session, SessionEvent};
use crate::console::{is_admin, ConsoleLink, ConsoleRoute};
use crate::hooks::use_document_title;

#[derive(Properties, PartialEq)]
pub struct RequireStaffProps {
    pub admin_only: bool,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn RequireStaff(props: &RequireStaffProps) -> Html {
    let session = use_session();
    match session.state() {
        Session::Checking => loading("Checking if you're signed in…"),
        Session::CheckFailed(failure) => {
            error_notice(failure, Some(&session.reporter(SessionEvent::Recheck)))
        }
        Session::SignedOut | Session::Ended => html! { <GoToSignIn /> },
        Session::SignedIn(user) if props.admin_only && !is_admin(user) => html! { <NoAccess /> },
        Session::SignedIn(_) => props.children.clone(),
    }
}

/// Replaces (rather than pushes) the address, so "Back" doesn't return to a page that
/// would only send you here again.
#[component]
fn GoToSignIn() -> Html {
    let navigator = use_navigator();
    use_effect_with((), move |()| {
        if let Some(navigator) = navigator {
            navigator.replace(&ConsoleRoute::Home);
        }
    });
    Html::default()
}

#[component]
fn NoAccess() -> Html {
    use_document_title("No access");
    html! {
        <>
            <h1>{ "You don't have access to this page" }</h1>
            <p>
                { "This page is for admins. If you need it for your work, ask an admin \
                   to add the admin role to your account." }
            </p>
            <p><ConsoleLink to={ConsoleRoute::Home}>{ "Go to the staff console home" }</ConsoleLink></p>
        </>
    }
}

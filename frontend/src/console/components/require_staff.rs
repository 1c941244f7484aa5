//! The gate in front of every page that needs a signed-in staff member: it waits for
//! the session check, sends signed-out visitors to sign-in, and tells people without a
//! role the page needs that it is not for them.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{error_notice, loading};
use crate::console::session::{use_session, Session, SessionEvent};
use crate::console::{Access, ConsoleLink, ConsoleRoute};
use crate::hooks::use_document_title;

#[derive(Properties, PartialEq)]
pub struct RequireStaffProps {
    /// Who may see the children.
    pub access: Access,
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
        Session::SignedIn(user) if !props.access.allows(user) => {
            html! { <NoAccess access={props.access} /> }
        }
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

#[derive(Properties, PartialEq)]
struct NoAccessProps {
    access: Access,
}

#[component]
fn NoAccess(props: &NoAccessProps) -> Html {
    use_document_title("No access");
    let who = match props.access {
        Access::LoungeDesk => {
            "This page is for the staff who run the lounge: supervisors and peer mentors. \
             If you need it for your work, ask an admin to add one of those roles to your \
             account."
        }
        Access::Mentor => {
            "This page is for peer mentors. If you mentor young people here, ask an admin \
             to add the peer mentor role to your account."
        }
        Access::Supervisor => {
            "This page is for supervisors of peer mentors. If you need it for your work, \
             ask an admin to add the supervisor role to your account."
        }
        Access::Facilities => {
            "This page is for facilities staff, who look after the lounge's furniture and \
             supplies. If you need it for your work, ask an admin to add the facilities role \
             to your account."
        }
        _ => {
            "This page is for admins. If you need it for your work, ask an admin to add \
             the admin role to your account."
        }
    };
    html! {
        <>
            <h1>{ "You don't have access to this page" }</h1>
            <p>{ who }</p>
            <p><ConsoleLink to={ConsoleRoute::Home}>{ "Go to the staff console home" }</ConsoleLink></p>
        </>
    }
}

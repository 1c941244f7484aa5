//! `/staff`: the sign-in form when signed out, the console home when signed in.

use yew::prelude::*;

use crate::components::{error_notice, loading};
use crate::console::components::{ConsoleHome, SignInForm};
use crate::console::session::{use_session, Session, SessionEvent};
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_focus_on_change};

#[component]
pub fn HomePage() -> Html {
    let session = use_session();
    let heading_ref = use_node_ref();
    // Signing in or out swaps the whole page body; start reading again from the top.
    use_focus_on_change(session.is_signed_in(), heading_ref.clone());
    use_document_title(if session.is_signed_in() {
        "Staff console"
    } else {
        "Staff sign-in"
    });

    let (heading, body) = match session.state() {
        Session::SignedIn(user) => (
            "Staff console",
            html! { <ConsoleHome user={user.clone()} /> },
        ),
        Session::Checking => ("Staff sign-in", loading("Checking if you're signed in…")),
        Session::CheckFailed(failure) => (
            "Staff sign-in",
            error_notice(failure, Some(&session.reporter(SessionEvent::Recheck))),
        ),
        Session::SignedOut | Session::Ended => {
            let ended = *session.state() == Session::Ended;
            let session = session.clone();
            let on_signed_in =
                Callback::from(move |user| session.report(SessionEvent::SignedIn(user)));
            (
                "Staff sign-in",
                html! {
                    <>
                        if ended {
                            <p class="notice notice--info" role="status">
                                { "Your session has ended, so please sign in again." }
                            </p>
                        }
                        <SignInForm {on_signed_in} />
                        <p class="after-form">
                            <ConsoleLink to={ConsoleRoute::ForgotPassword}>
                                { "Forgotten your password?" }
                            </ConsoleLink>
                        </p>
                    </>
                },
            )
        }
    };

    html! {
        <>
            <h1 tabindex="-1" ref={heading_ref}>{ heading }</h1>
            { body }
        </>
    }
}

//! The staff area: the sign-in form when signed out, the console home when signed in.

use yew::prelude::*;

use crate::api::auth;
use crate::components::{error_notice, loading, ConsoleHome, SignInForm};
use crate::hooks::{use_document_title, use_fetch, use_focus_on_change, use_session, FetchState};

#[component]
pub fn StaffPage() -> Html {
    use_document_title("Staff");
    let session = use_session();
    let heading_ref = use_node_ref();
    // Signing in or out swaps the whole page body; start reading again from the top.
    use_focus_on_change(session.is_signed_in(), heading_ref.clone());

    // Ask the server rather than trust memory: the session cookie may have expired.
    let session_check = {
        let session = session.clone();
        use_fetch(move || async move {
            session.set_user(auth::current_user().await?);
            Ok(())
        })
    };

    let body = match (session.user(), &*session_check) {
        (Some(user), _) => {
            let session = session.clone();
            html! {
                <ConsoleHome
                    user={user.clone()}
                    on_signed_out={Callback::from(move |()| session.set_user(None))}
                />
            }
        }
        (None, FetchState::Loading) => loading("Checking if you're signed in…"),
        (None, FetchState::Loaded(())) => {
            let session = session.clone();
            html! {
                <SignInForm on_signed_in={Callback::from(move |user| session.set_user(Some(user)))} />
            }
        }
        (None, FetchState::Failed(failure)) => error_notice(failure, Some(&session_check.retry)),
    };

    html! {
        <>
            <h1 tabindex="-1" ref={heading_ref}>{ "Staff area" }</h1>
            { body }
        </>
    }
}

//! Signs out and reports it to the session, which sends guarded pages to sign-in.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{auth, ApiFailure};
use crate::components::error_notice;
use crate::console::session::{use_session, SessionEvent};
use crate::console::ConsoleRoute;

#[component]
pub fn SignOutButton() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let signing_out = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);

    let onclick = {
        let (signing_out, failure) = (signing_out.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            if *signing_out {
                return;
            }
            signing_out.set(true);
            failure.set(None);
            let (signing_out, failure) = (signing_out.clone(), failure.clone());
            let (session, navigator) = (session.clone(), navigator.clone());
            spawn_local(async move {
                let result = auth::sign_out().await;
                signing_out.set(false);
                match result {
                    // A 401 means the session had already ended: the goal is reached.
                    Err(error) if !error.is_unauthorized() => failure.set(Some(error)),
                    _ => {
                        session.report(SessionEvent::SignedOut);
                        if let Some(navigator) = navigator {
                            navigator.push(&ConsoleRoute::Home);
                        }
                    }
                }
            });
        })
    };

    html! {
        <div class="sign-out">
            <button type="button" class="button" disabled={*signing_out} {onclick}>
                { if *signing_out { "Signing out…" } else { "Sign out" } }
            </button>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
        </div>
    }
}

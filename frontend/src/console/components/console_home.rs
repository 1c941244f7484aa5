//! The staff console's first screen: who is signed in, and a way out.

use shared::{Role, StaffUser};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{auth, ApiFailure};
use crate::components::error_notice;

#[derive(Properties, PartialEq)]
pub struct ConsoleHomeProps {
    pub user: StaffUser,
    pub on_signed_out: Callback<()>,
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admin",
        Role::Supervisor => "Supervisor",
        Role::Mentor => "Peer mentor",
        Role::Facilities => "Facilities",
    }
}

fn roles_label(roles: &[Role]) -> String {
    if roles.is_empty() {
        return "no roles yet".to_owned();
    }
    roles
        .iter()
        .map(|role| role_label(*role))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn ConsoleHome(props: &ConsoleHomeProps) -> Html {
    let signing_out = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);

    let onclick = {
        let (signing_out, failure) = (signing_out.clone(), failure.clone());
        let on_signed_out = props.on_signed_out.clone();
        Callback::from(move |_: MouseEvent| {
            if *signing_out {
                return;
            }
            signing_out.set(true);
            let (signing_out, failure) = (signing_out.clone(), failure.clone());
            let on_signed_out = on_signed_out.clone();
            spawn_local(async move {
                let result = auth::sign_out().await;
                signing_out.set(false);
                match result {
                    // A 401 means the session had already ended: the goal is reached.
                    Err(error) if !error.is_unauthorized() => failure.set(Some(error)),
                    _ => on_signed_out.emit(()),
                }
            });
        })
    };

    html! {
        <div class="console-home">
            <p>
                { "Signed in as " }
                <strong>{ &props.user.display_name }</strong>
                { format!(" ({})", roles_label(&props.user.roles)) }
            </p>
            <p>{ "Tools for lounge times, mentors and events will appear here soon." }</p>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            <button type="button" class="button" {onclick}>
                { if *signing_out { "Signing out…" } else { "Sign out" } }
            </button>
        </div>
    }
}

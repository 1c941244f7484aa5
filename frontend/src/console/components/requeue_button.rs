//! "Re-queue" on an email that gave up: the outbox worker tries it again.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{admin, ApiFailure};
use crate::components::error_notice;

#[derive(Properties, PartialEq)]
pub struct RequeueButtonProps {
    pub message_id: i64,
    /// Called once the message is back in the queue, so the list can reload.
    pub on_requeued: Callback<()>,
}

#[component]
pub fn RequeueButton(props: &RequeueButtonProps) -> Html {
    let sending = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);

    let onclick = {
        let (sending, failure) = (sending.clone(), failure.clone());
        let (id, on_requeued) = (props.message_id, props.on_requeued.clone());
        Callback::from(move |_: MouseEvent| {
            if *sending {
                return;
            }
            sending.set(true);
            failure.set(None);
            let (sending, failure, on_requeued) =
                (sending.clone(), failure.clone(), on_requeued.clone());
            spawn_local(async move {
                let result = admin::requeue_email(id).await;
                sending.set(false);
                match result {
                    Ok(()) => on_requeued.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    html! {
        <div class="requeue">
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            <button type="button" class="button" disabled={*sending} {onclick}>
                { if *sending { "Re-queuing…" } else { "Re-queue" } }
            </button>
        </div>
    }
}

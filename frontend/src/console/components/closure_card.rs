//! One upcoming closure of a space, with a way to remove it, confirmed first.

use shared::Closure;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{lounge_admin, ApiFailure};
use crate::components::error_notice;
use crate::format;
use crate::hooks::use_focus_on_change;

#[derive(Properties, PartialEq)]
pub struct ClosureCardProps {
    pub space_id: i64,
    pub closure: Closure,
    /// Called once the closure is gone, so the list can reload.
    pub on_removed: Callback<()>,
}

#[component]
pub fn ClosureCard(props: &ClosureCardProps) -> Html {
    let closure = &props.closure;
    let confirming = use_state(|| false);
    let removing = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let question_ref = use_node_ref();
    let remove_ref = use_node_ref();
    let focus_target = if *confirming {
        question_ref.clone()
    } else {
        remove_ref.clone()
    };
    use_focus_on_change(*confirming, focus_target);

    let ask = {
        let (confirming, failure) = (confirming.clone(), failure.clone());
        move |value: bool| {
            let (confirming, failure) = (confirming.clone(), failure.clone());
            Callback::from(move |_: MouseEvent| {
                failure.set(None);
                confirming.set(value);
            })
        }
    };
    let remove = {
        let (removing, failure) = (removing.clone(), failure.clone());
        let (space_id, closure_id) = (props.space_id, closure.id);
        let on_removed = props.on_removed.clone();
        Callback::from(move |_: MouseEvent| {
            if *removing {
                return;
            }
            removing.set(true);
            failure.set(None);
            let (removing, failure, on_removed) =
                (removing.clone(), failure.clone(), on_removed.clone());
            spawn_local(async move {
                let result = lounge_admin::remove_closure(space_id, closure_id).await;
                removing.set(false);
                match result {
                    Ok(()) => on_removed.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let when = format::place_time_range(&closure.from, &closure.to);
    html! {
        <li class="card">
            <h3>{ &closure.reason }</h3>
            <p>
                <time datetime={format::iso_datetime(&closure.from)}>{ when }</time>
            </p>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            if *confirming {
                <div class="confirm">
                    <p tabindex="-1" ref={question_ref}>
                        <strong>
                            { format!("Remove the closure \u{201c}{}\u{201d}? The space opens \
                                       again for that time. Bookings it cancelled stay \
                                       cancelled.", closure.reason) }
                        </strong>
                    </p>
                    <div class="actions">
                        <button type="button" class="button button--primary" disabled={*removing} onclick={remove}>
                            { if *removing { "Removing…" } else { "Yes, remove it" } }
                        </button>
                        <button type="button" class="button" onclick={ask(false)}>
                            { "Keep it" }
                        </button>
                    </div>
                </div>
            } else {
                <div class="actions">
                    <button type="button" class="button button--danger" ref={remove_ref} onclick={ask(true)}>
                        { "Remove" }<span class="visually-hidden">{ format!(" the closure {}", closure.reason) }</span>
                    </button>
                </div>
            }
        </li>
    }
}

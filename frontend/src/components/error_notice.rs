//! A friendly, announced error with a way to try again.

use yew::prelude::*;

use crate::api::ApiFailure;

/// The failure in words, and a "Try again" button when `on_retry` is given. A plain
/// function rather than a component: it has no state, and each component adds to the
/// download.
pub fn error_notice(failure: &ApiFailure, on_retry: Option<&Callback<()>>) -> Html {
    let retry_button = on_retry.map(|on_retry| {
        html! {
            <button type="button" class="button" onclick={on_retry.reform(|_| ())}>
                { "Try again" }
            </button>
        }
    });
    html! {
        <div key="error" class="notice notice--error" role="alert">
            <p>{ failure.message() }</p>
            { retry_button }
        </div>
    }
}

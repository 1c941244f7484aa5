//! What a page shows while it waits for the server.

use yew::prelude::*;

/// A spinner and `label` (e.g. "Loading events…"), announced politely. A plain function
/// rather than a component: it has no state, and each component adds to the download.
pub fn loading(label: &'static str) -> Html {
    html! {
        // Keyed, so an error that follows replaces this element instead of patching it:
        // screen readers announce a new alert, not a status that changed its role.
        <div key="loading" class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            { label }
        </div>
    }
}

//! The manage page as an app of its own (binary `manage`, `frontend/manage.html`, served
//! at `/manage`): only people holding a manage link open it, always by loading the page,
//! so the widget everyone downloads doesn't carry it. It shares the widget's frame and
//! styles; a link from it to any other page of the widget loads that page in full.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::embed::{is_embedded, use_height_messages};
use super::pages::ManagePage;
use super::router::{use_current_route, Route};
use super::Layout;

#[component]
pub fn ManageApp() -> Html {
    let route = use_current_route();
    let embedded = *use_state(is_embedded);
    use_height_messages(embedded);
    // A widget link moved the address elsewhere: this bundle can't show it, the
    // widget's own can.
    use_effect_with(route, |route| {
        if *route != Route::Manage {
            reload();
        }
    });
    // Another manage link opened in this tab changes only the fragment, which loads
    // nothing by itself: start again with its token.
    use_effect_with((), |()| {
        let listener = Closure::<dyn FnMut()>::new(reload);
        let window = web_sys::window();
        if let Some(window) = &window {
            let _ = window
                .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = &window {
                let _ = window.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });

    html! {
        <Layout route={Route::Manage} {embedded}>
            <ManagePage />
        </Layout>
    }
}

/// Loads the page at the current address afresh; failing leaves this one in place.
fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

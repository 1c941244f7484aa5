//! Moves keyboard and screen-reader focus to `target` when `deps` change, so people
//! who can't see the screen learn that its content was replaced.

use std::cell::Cell;

use yew::prelude::*;

/// Focuses `target` whenever `deps` change, but not on the first render: on page load
/// the browser's own focus order (skip link first) is the right one.
#[hook]
pub fn use_focus_on_change<D>(deps: D, target: NodeRef)
where
    D: PartialEq + 'static,
{
    let is_first_render = use_ref(|| Cell::new(true));
    use_effect_with(deps, move |_| {
        if is_first_render.replace(false) {
            return;
        }
        if let Some(element) = target.cast::<web_sys::HtmlElement>() {
            // Failing to focus only costs the announcement; nothing to recover.
            let _ = element.focus();
        }
    });
}

//! Each page names itself in the browser tab, which is also the first thing a screen
//! reader announces after navigation.

use yew::prelude::*;

use crate::AGENCY_NAME;

#[hook]
pub fn use_document_title(page_title: &'static str) {
    use_effect_with(page_title, |page_title| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&format!("{page_title} · {AGENCY_NAME}"));
        }
    });
}

//! The widget inside an iframe on the agency's own website: `/embed.js` there frames
//! `/lounge?embed=1` (or mentors, events). Embedded, the widget drops its big header and
//! footer, keeps `embed=1` on every address inside it, and tells the page around it how
//! tall it is, so the frame fits its content: no scroll bars within scroll bars.

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, ResizeObserver};
use yew::prelude::*;

/// What an embedded page keeps on every address inside the widget.
pub const EMBED_QUERY: &str = "embed=1";

/// The message type `/embed.js` listens for.
const HEIGHT_MESSAGE: &str = "peerlounge:height";

/// Whether this page runs embedded. Read from the address each time: every link and
/// step inside the widget keeps `embed=1`, so the address always knows.
pub fn is_embedded() -> bool {
    let search = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    is_embed_query(&search)
}

/// Whether a query string (with or without its `?`) asks for the embedded widget.
pub fn is_embed_query(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .any(|pair| pair == EMBED_QUERY)
}

/// While embedded, posts the page's height to the parent window now and whenever it
/// changes, and marks `<html data-embedded>` so the styles stop filling the viewport
/// (a page at least as tall as its frame could never let the frame shrink).
#[hook]
pub fn use_height_messages(embedded: bool) {
    use_effect_with(embedded, |embedded| {
        let reporter = embedded.then(HeightReporter::start).flatten();
        move || drop(reporter)
    });
}

/// Watches `<body>` for size changes until dropped.
struct HeightReporter {
    observer: ResizeObserver,
    // Kept alive for as long as the observer may call it.
    _on_resize: Closure<dyn FnMut()>,
}

impl HeightReporter {
    fn start() -> Option<Self> {
        let document = web_sys::window()?.document()?;
        if let Some(root) = document.document_element() {
            // Only styling depends on it; without it the frame is merely taller.
            let _ = root.set_attribute("data-embedded", "");
        }
        let body = document.body()?;
        let on_resize = {
            let body = body.clone();
            Closure::<dyn FnMut()>::new(move || post_height(&body))
        };
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        // Observing reports the current size straight away: that is the first message.
        observer.observe(&body);
        Some(Self {
            observer,
            _on_resize: on_resize,
        })
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
        let root = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element());
        if let Some(root) = root {
            let _ = root.remove_attribute("data-embedded");
        }
    }
}

/// Posts `{type: "peerlounge:height", height}` to the parent window. The height is no
/// secret and we can't know the agency's origin, hence `*`; nothing else is ever posted.
fn post_height(body: &HtmlElement) {
    let height = body.get_bounding_client_rect().height().ceil();
    let message = Object::new();
    // Setting properties on a fresh plain object cannot fail.
    let _ = Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = Reflect::set(&message, &"height".into(), &JsValue::from_f64(height));
    if let Some(parent) = web_sys::window().and_then(|window| window.parent().ok().flatten()) {
        // A parent that went away simply misses a height.
        let _ = parent.post_message(&message, "*");
    }
}

//! Helpers shared by the browser test binaries: mounting components, waiting for the
//! page, and a stand-in for the API behind `fetch`.

#![allow(dead_code)] // Each test binary uses a different share of these.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlElement, Window};
use yew::{AppHandle, BaseComponent, Renderer};

pub const FOCUSABLE: &str =
    "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";

#[wasm_bindgen(inline_js = r#"
const realFetch = window.fetch;

// Answers `fetch` from `routes`: {"GET /api/auth/me": [200, {...}], ...}. Unlisted
// requests fail like a network error. Records "METHOD path body" of every request.
export function mock_api(routes) {
  window.__requests = [];
  window.__idempotency_keys = [];
  window.fetch = async (request) => {
    const url = new URL(request.url);
    const key = request.method + " " + url.pathname;
    const body = request.method === "GET" ? "" : await request.text();
    window.__requests.push((key + url.search + " " + body).trim());
    window.__idempotency_keys.push(request.headers.get("Idempotency-Key") || "");
    const answer = routes[key];
    if (!answer) {
      throw new TypeError("no mock for " + key);
    }
    const [status, json] = answer;
    const text = json === null ? null : JSON.stringify(json);
    return new Response(text, { status, headers: { "Content-Type": "application/json" } });
  };
}

export function unmock_api() {
  window.fetch = realFetch;
}

export function requests_made() {
  return window.__requests || [];
}

export function idempotency_keys_sent() {
  return window.__idempotency_keys || [];
}

// Records what is posted to this window as JSON, as a parent page would see it.
export function record_messages() {
  window.__messages = [];
  window.addEventListener("message", (event) => {
    window.__messages.push(JSON.stringify(event.data));
  });
}

export function messages_received() {
  return window.__messages || [];
}
"#)]
extern "C" {
    fn mock_api(routes: &JsValue);
    fn unmock_api();
    fn requests_made() -> Vec<String>;
    fn idempotency_keys_sent() -> Vec<String>;
    pub fn record_messages();
    pub fn messages_received() -> Vec<String>;
}

/// Answers API requests from `routes` until dropped. Each route is
/// `("METHOD /path", status, json)`, `json` being `"null"` for an empty body.
pub struct MockApi;

impl MockApi {
    pub fn new(routes: &[(&str, u16, &str)]) -> Self {
        let table = js_sys::Object::new();
        for (key, status, json) in routes {
            let body = js_sys::JSON::parse(json).expect("mock bodies are JSON");
            let answer = js_sys::Array::of2(&JsValue::from(*status), &body);
            js_sys::Reflect::set(&table, &JsValue::from_str(key), &answer).expect("plain object");
        }
        mock_api(&table);
        Self
    }

    /// "METHOD /path?query body" for each request so far.
    pub fn requests(&self) -> Vec<String> {
        requests_made()
    }

    /// The `Idempotency-Key` header of each request so far ("" when absent).
    pub fn idempotency_keys(&self) -> Vec<String> {
        idempotency_keys_sent()
    }
}

impl Drop for MockApi {
    fn drop(&mut self) {
        unmock_api();
    }
}

pub fn window() -> Window {
    web_sys::window().expect("tests run in a browser window")
}

pub fn document() -> Document {
    window().document().expect("the window has a document")
}

pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout works");
    });
    JsFuture::from(promise).await.expect("timers resolve");
}

/// Waits until `condition` holds, or gives up after about two seconds.
pub async fn wait_until(condition: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if condition() {
            return true;
        }
        sleep(20).await;
    }
    false
}

/// Waits until `selector` matches inside `root` and its text passes `accept`.
pub async fn wait_for(root: &Element, selector: &str, accept: impl Fn(&str) -> bool) -> Element {
    for _ in 0..100 {
        if let Some(element) = root.query_selector(selector).expect("valid selector") {
            if accept(&element.text_content().unwrap_or_default()) {
                return element;
            }
        }
        sleep(20).await;
    }
    panic!(
        "nothing matched {selector} in time; page was: {}",
        root.inner_html()
    );
}

/// A component mounted into its own element, removed again on drop.
pub struct Mounted<C: BaseComponent> {
    pub root: Element,
    handle: Option<AppHandle<C>>,
}

impl<C: BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

fn new_root() -> Element {
    let root = document().create_element("div").expect("can create a div");
    document()
        .body()
        .expect("the page has a body")
        .append_child(&root)
        .expect("can attach the div");
    root
}

/// Sets the address bar to `path` (which may carry a query and fragment).
pub fn go_to(path: &str) {
    window()
        .history()
        .expect("history is available")
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .expect("can change the address");
}

/// Renders `C` with `props` as if the browser were at `path`.
pub async fn mount_at<C: BaseComponent>(path: &str, props: C::Properties) -> Mounted<C> {
    go_to(path);
    let root = new_root();
    let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
    sleep(0).await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).expect("valid selector");
    (0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| {
            panic!(
                "nothing matched {selector}; page was: {}",
                root.inner_html()
            )
        })
}

pub fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default().trim().to_owned()
}

pub fn click(element: &Element) {
    element
        .clone()
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

/// Asserts that every `input` in `root` has a non-empty `<label for>`.
pub fn assert_inputs_are_labelled(root: &Element) {
    for input in all(root, "input, select") {
        let id = input.id();
        assert!(!id.is_empty(), "inputs need an id for their label");
        let label = root
            .query_selector(&format!("label[for='{id}']"))
            .expect("valid selector")
            .unwrap_or_else(|| panic!("no label for #{id}"));
        assert!(!text(&label).is_empty(), "label for #{id} is empty");
    }
}

/// Types `value` into the input matching `selector`.
pub fn type_into(root: &Element, selector: &str, value: &str) {
    one(root, selector)
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("an input")
        .set_value(value);
}

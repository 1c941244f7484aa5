//! Browser tests for the app shell, the sign-in form and the API error mapping.
//! Run with `wasm-bindgen-test-runner` (see frontend/webdriver.json). There is no API
//! server behind the test page, so every fetch fails: that exercises the error states.

#![cfg(target_arch = "wasm32")]

use frontend::api::{failure_from_json, ApiFailure};
use frontend::components::sign_in_form::{SignInForm, SignInFormProps};
use frontend::{format, App};
use js_sys::Promise;
use shared::ApiError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, Window};
use yew::{AppHandle, BaseComponent, Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";

fn window() -> Window {
    web_sys::window().expect("tests run in a browser window")
}

fn document() -> Document {
    window().document().expect("the window has a document")
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout works");
    });
    JsFuture::from(promise).await.expect("timers resolve");
}

/// Waits until `condition` holds, or gives up after about two seconds.
async fn wait_until(condition: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if condition() {
            return true;
        }
        sleep(20).await;
    }
    false
}

/// Waits until `selector` matches inside `root` and its text passes `accept`.
async fn wait_for(root: &Element, selector: &str, accept: impl Fn(&str) -> bool) -> Element {
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
struct Mounted<C: BaseComponent> {
    root: Element,
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

/// Renders the whole app as if the browser were at `path`.
async fn render_app_at(path: &str) -> Mounted<App> {
    window()
        .history()
        .expect("history is available")
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .expect("can change the address");
    let root = new_root();
    let handle = Renderer::<App>::with_root(root.clone()).render();
    sleep(0).await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

async fn render_sign_in_form() -> Mounted<SignInForm> {
    let root = new_root();
    let props = SignInFormProps {
        on_signed_in: Callback::noop(),
    };
    let handle = Renderer::<SignInForm>::with_root_and_props(root.clone(), props).render();
    sleep(0).await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).expect("valid selector");
    (0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default().trim().to_owned()
}

#[wasm_bindgen_test]
async fn skip_link_is_the_first_focusable_element_and_targets_main() {
    let app = render_app_at("/").await;

    let first = all(&app.root, FOCUSABLE)
        .into_iter()
        .next()
        .expect("something is focusable");
    assert_eq!(text(&first), "Skip to main content");
    assert_eq!(first.get_attribute("href").as_deref(), Some("#main"));

    let main = app
        .root
        .query_selector("#main")
        .unwrap()
        .expect("#main exists");
    assert_eq!(main.tag_name(), "MAIN");
    assert_eq!(main.get_attribute("tabindex").as_deref(), Some("-1"));
}

#[wasm_bindgen_test]
async fn main_navigation_links_to_lounge_mentors_and_events() {
    let app = render_app_at("/").await;

    let links = all(&app.root, "nav[aria-label='Main'] a");
    let names: Vec<_> = links.iter().map(text).collect();
    assert_eq!(names, ["Lounge", "Mentors", "Events"]);
    let targets: Vec<_> = links
        .iter()
        .filter_map(|link| link.get_attribute("href"))
        .collect();
    assert_eq!(targets, ["/lounge", "/mentors", "/events"]);
}

#[wasm_bindgen_test]
async fn staff_sign_in_link_sits_outside_the_main_navigation() {
    let app = render_app_at("/").await;

    let staff_link = app
        .root
        .query_selector("footer nav[aria-label='Staff'] a")
        .unwrap()
        .expect("a staff link in the footer");
    assert_eq!(text(&staff_link), "Staff sign-in");
    assert_eq!(staff_link.get_attribute("href").as_deref(), Some("/staff"));
}

#[wasm_bindgen_test]
async fn current_page_is_marked_in_the_navigation_and_the_title() {
    let app = render_app_at("/events").await;

    let current: Vec<_> = all(&app.root, "nav[aria-label='Main'] a[aria-current='page']")
        .iter()
        .map(text)
        .collect();
    assert_eq!(current, ["Events"]);
    assert!(
        wait_until(|| document().title() == "Events · Peer Lounge").await,
        "the title names the page, but was {:?}",
        document().title()
    );
    drop(app);

    let app = render_app_at("/no-such-page").await;
    let heading = app.root.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(text(&heading), "We can't find that page");
}

#[wasm_bindgen_test]
async fn home_page_says_when_peer_lounge_cannot_be_reached() {
    let app = render_app_at("/").await;

    let status = wait_for(&app.root, "#service-status", |text| {
        text.contains("We can't reach Peer Lounge right now")
    })
    .await;
    let alert = status
        .closest("[role='alert']")
        .unwrap()
        .expect("inside an alert");
    let retry = alert
        .query_selector("button")
        .unwrap()
        .expect("a retry button");
    assert_eq!(text(&retry), "Try again");
}

#[wasm_bindgen_test]
async fn failed_fetch_shows_an_alert_and_try_again_loads_again() {
    let app = render_app_at("/lounge").await;

    let alert = wait_for(&app.root, "[role='alert']", |_| true).await;
    let retry: HtmlElement = alert
        .query_selector("button")
        .unwrap()
        .expect("a retry button")
        .dyn_into()
        .unwrap();
    assert_eq!(text(&retry), "Try again");

    retry.click();
    // The alert makes way for the loading state, then the request fails again.
    assert!(
        wait_until(|| !alert.is_connected()).await,
        "retrying replaces the alert"
    );
    let retry_again = wait_for(&app.root, "[role='alert'] button", |_| true).await;
    assert_eq!(text(&retry_again), "Try again");
}

#[wasm_bindgen_test]
async fn every_sign_in_input_has_a_label() {
    let form = render_sign_in_form().await;

    let inputs = all(&form.root, "input");
    assert_eq!(inputs.len(), 2);
    for input in &inputs {
        let id = input.id();
        assert!(!id.is_empty(), "inputs need an id for their label");
        let label = form
            .root
            .query_selector(&format!("label[for='{id}']"))
            .unwrap()
            .unwrap_or_else(|| panic!("no label for #{id}"));
        assert!(!text(&label).is_empty(), "label for #{id} is empty");
    }
    let autocomplete: Vec<_> = inputs
        .iter()
        .filter_map(|input| input.get_attribute("autocomplete"))
        .collect();
    assert_eq!(autocomplete, ["username", "current-password"]);
}

#[wasm_bindgen_test]
async fn empty_sign_in_points_at_the_fields_to_fix() {
    let form = render_sign_in_form().await;

    let submit: HtmlElement = form
        .root
        .query_selector("button[type='submit']")
        .unwrap()
        .expect("a submit button")
        .dyn_into()
        .unwrap();
    submit.click();
    sleep(0).await;

    let alert = form
        .root
        .query_selector("[role='alert']")
        .unwrap()
        .expect("an alert region");
    assert!(
        !text(&alert).is_empty(),
        "the alert explains what went wrong"
    );
    for id in ["staff-email", "staff-password"] {
        let input = form
            .root
            .query_selector(&format!("#{id}"))
            .unwrap()
            .unwrap();
        assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
        let described_by = input
            .get_attribute("aria-describedby")
            .expect("describedby");
        let message = form
            .root
            .query_selector(&format!("#{described_by}"))
            .unwrap()
            .unwrap_or_else(|| panic!("#{described_by} is missing"));
        assert!(!text(&message).is_empty());
    }
}

#[wasm_bindgen_test]
fn api_error_body_becomes_an_api_failure_with_code_message_and_fields() {
    let body = r#"{"error":{"code":"validation_failed","message":"Please check the form.",
        "fields":{"email":["Please enter an email address."]}}}"#;

    let failure = failure_from_json(422, body);

    let ApiFailure::Api { status, error } = &failure else {
        panic!("expected an API failure, got {failure:?}");
    };
    assert_eq!(*status, 422);
    let expected_fields = [(
        "email".to_owned(),
        vec!["Please enter an email address.".to_owned()],
    )];
    assert_eq!(
        *error,
        ApiError {
            code: "validation_failed".to_owned(),
            message: "Please check the form.".to_owned(),
            fields: Some(expected_fields.into_iter().collect()),
        }
    );
    assert_eq!(failure.message(), "Please check the form.");
    assert!(failure
        .field_errors()
        .is_some_and(|fields| fields.contains_key("email")));
}

#[wasm_bindgen_test]
fn unauthorised_error_without_fields_is_recognised() {
    let body =
        r#"{"error":{"code":"unauthorized","message":"That email and password don't match."}}"#;

    let failure = failure_from_json(401, body);

    assert!(failure.is_unauthorized());
    assert_eq!(failure.field_errors(), None);
    assert_eq!(failure.message(), "That email and password don't match.");
}

#[wasm_bindgen_test]
fn error_answers_that_are_not_our_error_body_are_unexpected() {
    assert_eq!(
        failure_from_json(502, "<html>Bad Gateway</html>"),
        ApiFailure::Unexpected { status: Some(502) }
    );
    assert_eq!(
        failure_from_json(500, r#"{"message":"nope"}"#),
        ApiFailure::Unexpected { status: Some(500) }
    );
    assert_eq!(
        failure_from_json(404, ""),
        ApiFailure::Unexpected { status: Some(404) }
    );
}

#[wasm_bindgen_test]
fn seats_are_described_in_words() {
    assert_eq!(format::seats_left(None, None), "Open to everyone");
    assert_eq!(format::seats_left(Some(10), Some(4)), "4 seats left");
    assert_eq!(format::seats_left(Some(10), Some(1)), "1 seat left");
    assert_eq!(format::seats_left(Some(10), Some(0)), "No seats left");
    assert_eq!(format::people(1), "1 person");
}

#[wasm_bindgen_test]
fn event_times_name_the_day_once_for_same_day_events() {
    // An hour around noon UTC stays within one day in nearly every time zone.
    let start = chrono::DateTime::parse_from_rfc3339("2030-06-14T12:00:00Z").unwrap();
    let same_day_end = start + chrono::Duration::hours(1);
    let next_day_end = start + chrono::Duration::days(1);

    let same_day = format::time_range(&start, &same_day_end);
    let two_days = format::time_range(&start, &next_day_end);

    assert_eq!(same_day.matches(" to ").count(), 1, "{same_day}");
    assert!(two_days.len() > same_day.len(), "{two_days} vs {same_day}");
    assert_eq!(format::iso_datetime(&start), "2030-06-14T12:00:00.000Z");
}

//! Browser tests for the public widget: its shell, pages, the API error mapping and
//! the words it uses. Run with `wasm-bindgen-test-runner` (see frontend/webdriver.json).
//! There is no API server behind the test page, so every fetch fails: that exercises
//! the error states.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{all, document, mount_at, text, wait_for, wait_until, Mounted, FOCUSABLE};
use frontend::api::{failure_from_json, ApiFailure};
use frontend::format;
use frontend::widget::App;
use shared::ApiError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Renders the whole widget as if the browser were at `path`.
async fn render_app_at(path: &str) -> Mounted<App> {
    mount_at(path, ()).await
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
    // A plain link: the console is another bundle, loaded by a full page load.
    assert_eq!(staff_link.get_attribute("aria-current"), None);
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

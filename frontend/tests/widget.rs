//! Browser tests for the public widget: its shell, pages, booking a lounge spot,
//! managing it by its link, the embedded mode, the API error mapping and the words it
//! uses. Run with `wasm-bindgen-test-runner` (see frontend/webdriver.json). There is no
//! API server behind the test page: unless a test answers `fetch` with
//! `common::MockApi`, every fetch fails, which exercises the error states.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use common::{
    all, assert_inputs_are_labelled, click, document, messages_received, mount_at, one,
    record_messages, text, type_into, wait_for, wait_until, window, MockApi, Mounted, FOCUSABLE,
};
use frontend::api::{failure_from_json, ApiFailure};
use frontend::format;
use frontend::widget::components::booking_form::{BookingForm, BookingFormProps};
use frontend::widget::components::slot_picker::{day_heading, group_by_day};
use frontend::widget::router::{query_param, widget_query};
use frontend::widget::week::SlotSource;
use frontend::widget::{App, ManageApp, Route};
use shared::{
    ApiError, Booking, BookingKind, BookingStatus, FieldErrors, NewBooking, SlotAvailability,
    SpaceNow,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::Callback;

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
fn answers_are_read_into_our_types_and_anything_else_is_unreadable() {
    use frontend::api::json::{from_value, Unreadable};
    let parse = |json: &str| js_sys::JSON::parse(json).expect("valid JSON");

    let booking: Booking = from_value(parse(
        r#"{"id":8,"kind":"office_hours","start":"2030-06-14T16:00:00+01:00",
            "end":"2030-06-14T16:30:00+01:00","status":"confirmed","name":"Sam",
            "place":"Quiet room","mentor":"Alex","mentor_id":5,"manage_token":null,
            "added_later":{"ignored":[1,2.5,-3,true]}}"#,
    ))
    .expect("a booking");

    assert_eq!(booking.kind, BookingKind::OfficeHours);
    assert_eq!(booking.start, at("2030-06-14T16:00:00+01:00"));
    assert_eq!(
        (
            booking.mentor.as_deref(),
            booking.mentor_id,
            booking.space_id
        ),
        (Some("Alex"), Some(5), None)
    );
    assert_eq!(booking.manage_token, None);
    let fields: FieldErrors = from_value(parse(r#"{"name":["Too long."]}"#)).unwrap();
    assert_eq!(fields["name"], ["Too long."]);
    assert_eq!(from_value::<()>(wasm_bindgen::JsValue::UNDEFINED), Ok(()));
    assert_eq!(
        from_value::<Booking>(parse(r#"{"id":"8"}"#)),
        Err(Unreadable)
    );
    assert_eq!(
        from_value::<BookingStatus>(parse(r#""lost""#)),
        Err(Unreadable)
    );
}

#[wasm_bindgen_test]
fn bodies_are_written_as_json_without_the_fields_left_empty() {
    use frontend::api::json::to_json;

    let booking = NewBooking::OfficeHours {
        mentor_id: None,
        start: at("2030-06-14T16:00:00+01:00"),
        name: "Sam \"S\"".to_owned(),
        email: None,
        topic: Some("Ünï\ncode".to_owned()),
        discreet: true,
    };

    assert_eq!(
        to_json(&booking).as_deref(),
        Ok(
            r#"{"kind":"office_hours","start":"2030-06-14T16:00:00+01:00","name":"Sam \"S\"","topic":"Ünï\ncode","discreet":true}"#
        )
    );
    let fields: FieldErrors = [("name".to_owned(), vec!["a".to_owned(), "b".to_owned()])]
        .into_iter()
        .collect();
    assert_eq!(to_json(&fields).as_deref(), Ok(r#"{"name":["a","b"]}"#));
    assert_eq!(to_json(&[Some(1), None]).as_deref(), Ok("[1,null]"));
}

#[wasm_bindgen_test]
fn event_spots_are_described_in_words() {
    assert_eq!(format::event_spots(None, None, false), "No limit on spots");
    assert_eq!(
        format::event_spots(Some(10), Some(4), false),
        "4 spots left"
    );
    assert_eq!(format::event_spots(Some(10), Some(1), false), "1 spot left");
    assert_eq!(format::event_spots(Some(10), Some(0), false), "Full");
    assert_eq!(
        format::event_spots(Some(10), Some(0), true),
        "Full — join the waitlist"
    );
    assert_eq!(format::event_spots(Some(1), None, false), "Up to 1 person");
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

// Booking a lounge spot

const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const SPACES: &str = r#"[{"id":1,"name":"The Lounge","capacity":12,"description":"A calm room.",
    "accessibility_notes":"Step-free entrance.","house_rules":"Be kind."}]"#;
const OPEN_NOW: &str = r#"{"open":true,"seats_free":5,"closes_at":"2030-06-14T18:00:00+00:00"}"#;

fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).expect("a valid time")
}

fn slot(start: &str, end: &str, available: u32) -> SlotAvailability {
    SlotAvailability {
        start: at(start),
        end: at(end),
        capacity: 12,
        booked: 12 - available,
        available,
    }
}

/// A slot `days` days from now at `hour`:00 UTC, an hour long.
fn upcoming(days: u64, hour: u32) -> (DateTime<FixedOffset>, DateTime<FixedOffset>) {
    let day = frontend::clock::now()
        .date_naive()
        .checked_add_days(Days::new(days))
        .unwrap();
    let start = day
        .and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
        .fixed_offset();
    (start, start + chrono::Duration::hours(1))
}

/// A time as the API writes it: `Z` for UTC.
fn wire(instant: &DateTime<FixedOffset>) -> String {
    format::api_time(instant)
}

fn slot_json(start: &DateTime<FixedOffset>, end: &DateTime<FixedOffset>, available: u32) -> String {
    format!(
        r#"{{"start":"{}","end":"{}","capacity":12,"booked":{},"available":{available}}}"#,
        wire(start),
        wire(end),
        12 - available
    )
}

/// A booking as the API answers it; only the answer to booking carries the token.
fn booking_json(
    start: &DateTime<FixedOffset>,
    end: &DateTime<FixedOffset>,
    status: &str,
    with_token: bool,
) -> String {
    let token = if with_token {
        format!(
            r#","manage_token":"{TOKEN}","manage_url":"http://lounge.example.org/manage#token={TOKEN}""#
        )
    } else {
        String::new()
    };
    format!(
        r#"{{"id":7,"kind":"lounge","start":"{}","end":"{}","status":"{status}","name":"Sam",
            "place":"The Lounge","space_id":1{token}}}"#,
        wire(start),
        wire(end)
    )
}

fn error_json(code: &str, message: &str) -> String {
    format!(r#"{{"error":{{"code":"{code}","message":"{message}"}}}}"#)
}

/// The path of the booking form for `start`, as the lounge page links to it.
fn book_path(start: &DateTime<FixedOffset>) -> String {
    format!(
        "/lounge/1/book?{}",
        widget_query(&[("start", &wire(start))], false)
    )
}

fn focused() -> Option<web_sys::Element> {
    document().active_element()
}

fn current_search() -> String {
    window().location().search().unwrap_or_default()
}

#[wasm_bindgen_test]
fn slots_are_grouped_by_their_day_at_the_lounge() {
    let slots = [
        slot("2030-06-14T16:00:00-04:00", "2030-06-14T17:00:00-04:00", 5),
        // 22:00 in the lounge's zone is the next day in UTC: still the 14th here.
        slot("2030-06-14T22:00:00-04:00", "2030-06-14T23:00:00-04:00", 0),
        slot("2030-06-15T16:00:00-04:00", "2030-06-15T17:00:00-04:00", 1),
    ];

    let days = group_by_day(&slots);

    let dates: Vec<_> = days.iter().map(|day| day.date.to_string()).collect();
    assert_eq!(dates, ["2030-06-14", "2030-06-15"]);
    assert_eq!(days[0].slots.len(), 2);
    assert_eq!(days[1].slots.len(), 1);
}

#[wasm_bindgen_test]
fn days_are_named_today_tomorrow_or_by_weekday() {
    let today = NaiveDate::from_ymd_opt(2030, 6, 14).unwrap();

    assert_eq!(day_heading(today, today), "Today");
    assert_eq!(day_heading(today.succ_opt().unwrap(), today), "Tomorrow");
    let later = day_heading(NaiveDate::from_ymd_opt(2030, 6, 17).unwrap(), today);
    assert!(later.contains("Monday") && later.contains("17"), "{later}");
}

#[wasm_bindgen_test]
fn room_left_and_opening_are_said_in_words() {
    assert_eq!(format::spots_left(0), "Full");
    assert_eq!(format::spots_left(1), "1 spot left");
    assert_eq!(format::spots_left(5), "5 spots left");

    let open = SpaceNow {
        open: true,
        seats_free: 5,
        closes_at: Some(at("2030-06-14T18:00:00-04:00")),
    };
    let said = format::space_now(&open);
    // On the lounge's own clock, whatever the test browser's time zone.
    assert!(
        said.starts_with("Open now · 5 seats free until 6:00"),
        "{said}"
    );
    let closed = SpaceNow {
        open: false,
        seats_free: 0,
        closes_at: None,
    };
    assert_eq!(format::space_now(&closed), "Closed right now");
}

#[wasm_bindgen_test]
fn booking_statuses_are_said_without_blame() {
    let words: Vec<_> = BookingStatus::ALL
        .into_iter()
        .map(format::booking_status)
        .collect();
    assert_eq!(
        words,
        [
            "You're booked",
            "You're on the waitlist",
            "Cancelled",
            "You came — thanks!",
            "Didn't make it"
        ]
    );
}

#[wasm_bindgen_test]
fn addresses_map_to_routes_and_back() {
    for route in [
        Route::Home,
        Route::Lounge,
        Route::BookSpot { space_id: 3 },
        Route::Manage,
        Route::Mentors,
        Route::Mentor { mentor_id: Some(5) },
        Route::Mentor { mentor_id: None },
        Route::BookMentor { mentor_id: Some(5) },
        Route::BookMentor { mentor_id: None },
        Route::Events,
        Route::Event { event_id: 7 },
    ] {
        assert_eq!(Route::from_path(&route.to_path()), route);
    }
    assert_eq!(Route::from_path("/events/7/"), Route::Event { event_id: 7 });
    assert_eq!(Route::from_path("/events/7/book"), Route::NotFound);
    assert_eq!(Route::from_path("/events/game-night"), Route::NotFound);
    assert_eq!(
        Route::from_path("/mentors/any"),
        Route::Mentor { mentor_id: None }
    );
    assert_eq!(
        Route::from_path("/mentors/5/book/"),
        Route::BookMentor { mentor_id: Some(5) }
    );
    assert_eq!(Route::from_path("/mentors/sam"), Route::NotFound);
    assert_eq!(Route::from_path("/mentors/5/times"), Route::NotFound);
    assert_eq!(Route::from_path("/lounge/1"), Route::NotFound);
    assert_eq!(Route::from_path("/lounge/"), Route::Lounge);
    assert_eq!(Route::from_path("/lounge/x/book"), Route::NotFound);
    assert_eq!(Route::from_path("/staff-ish"), Route::NotFound);
}

#[wasm_bindgen_test]
fn query_values_are_encoded_and_read_back() {
    let query = widget_query(&[("start", "2030-06-14T16:00:00+01:00")], true);
    assert_eq!(query, "start=2030-06-14T16%3A00%3A00%2B01%3A00&embed=1");
    assert_eq!(
        query_param(&format!("?{query}"), "start").as_deref(),
        Some("2030-06-14T16:00:00+01:00")
    );
    // Typed by hand, a `+` is still a `+`.
    assert_eq!(
        query_param("start=2030-06-14T16:00:00+01:00", "start").as_deref(),
        Some("2030-06-14T16:00:00+01:00")
    );
    assert_eq!(query_param("starts=1", "start"), None);
}

#[wasm_bindgen_test]
async fn lounge_lists_each_days_slots_with_the_room_left() {
    let (start, end) = upcoming(1, 16);
    let (full_start, full_end) = upcoming(1, 17);
    let slots = format!(
        "[{},{}]",
        slot_json(&start, &end, 3),
        slot_json(&full_start, &full_end, 0)
    );
    let api = MockApi::new(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, &slots),
    ]);
    let app = mount_at::<App>("/lounge", ()).await;

    let first = wait_for(&app.root, "[data-slot-start]", |_| true).await;
    assert_eq!(text(&one(&app.root, ".slot-day h3")), "Tomorrow");
    assert_eq!(first.get_attribute("data-slot-start"), Some(wire(&start)));
    assert!(text(&first).ends_with("3 spots left"), "{}", text(&first));
    let full = one(
        &app.root,
        &format!("[data-slot-start='{}']", wire(&full_start)),
    );
    assert!(
        full.has_attribute("disabled"),
        "a full slot can't be chosen"
    );
    assert!(text(&full).ends_with("Full"), "and says so in words");
    assert!(text(&one(&app.root, ".space-now")).starts_with("Open now · 5 seats free"));
    assert_eq!(text(&one(&app.root, ".house-rules summary")), "House rules");
    let asked = api.requests();
    assert!(
        asked
            .iter()
            .any(|request| request.starts_with("GET /api/spaces/1/slots?from=")),
        "{asked:?}"
    );

    // Choosing a time opens its booking form, at an address a reload keeps.
    click(&first);
    wait_for(&app.root, "h1", |heading| heading == "Book a spot").await;
    assert_eq!(
        window().location().pathname().unwrap_or_default(),
        "/lounge/1/book"
    );
    assert_eq!(query_param(&current_search(), "start"), Some(wire(&start)));
}

#[derive(Default)]
struct FormOutcome {
    booked: RefCell<Option<Booking>>,
    slot_taken: RefCell<bool>,
}

async fn mount_booking_form(
    start: DateTime<FixedOffset>,
) -> (Mounted<BookingForm>, Rc<FormOutcome>) {
    let outcome = Rc::new(FormOutcome::default());
    let props = BookingFormProps {
        source: SlotSource::Space(1),
        mentor: None,
        start,
        waitlist: false,
        on_booked: {
            let outcome = outcome.clone();
            Callback::from(move |booking| *outcome.booked.borrow_mut() = Some(booking))
        },
        on_slot_taken: {
            let outcome = outcome.clone();
            Callback::from(move |_| *outcome.slot_taken.borrow_mut() = true)
        },
    };
    (
        mount_at::<BookingForm>("/lounge/1/book", props).await,
        outcome,
    )
}

fn submit(root: &web_sys::Element) {
    click(&one(root, "button[type='submit']"));
}

#[wasm_bindgen_test]
async fn booking_form_labels_its_fields_and_explains_them() {
    let (form, _) = mount_booking_form(at("2030-06-14T16:00:00+00:00")).await;

    assert_inputs_are_labelled(&form.root);
    let labels: Vec<_> = all(&form.root, "label").iter().map(text).collect();
    assert_eq!(
        labels,
        [
            "Your name or nickname",
            "Email (optional)",
            "Keep my emails discreet"
        ]
    );
    let discreet = one(&form.root, "#booking-discreet");
    assert_eq!(discreet.get_attribute("type").as_deref(), Some("checkbox"));
    assert_eq!(
        discreet.get_attribute("aria-describedby").as_deref(),
        Some("booking-discreet-hint")
    );
    assert!(text(&one(&form.root, "#booking-discreet-hint")).contains("without naming the lounge"));
    let name = one(&form.root, "#booking-name");
    assert_eq!(
        name.get_attribute("aria-describedby").as_deref(),
        Some("booking-name-hint")
    );
    assert_eq!(
        text(&one(&form.root, "#booking-name-hint")),
        "This is how staff will greet you. It doesn't have to be your real name."
    );
    assert_eq!(
        text(&one(&form.root, "#booking-email-hint")),
        "Only if you'd like a confirmation and reminders. We won't use it for anything else."
    );
    assert_eq!(
        one(&form.root, "#booking-email")
            .get_attribute("type")
            .as_deref(),
        Some("email")
    );
    assert_eq!(
        text(&one(&form.root, "button[type='submit']")),
        "Book my spot"
    );
}

#[wasm_bindgen_test]
async fn booking_form_refuses_an_empty_name_and_a_bad_email_before_sending() {
    let api = MockApi::new(&[]);
    let (form, outcome) = mount_booking_form(at("2030-06-14T16:00:00+00:00")).await;

    type_into(&form.root, "#booking-email", "sam.example.org");
    submit(&form.root);

    let name_error = wait_for(&form.root, "#booking-name-error", |_| true).await;
    assert_eq!(text(&name_error), "Please tell us a name or nickname.");
    let name = one(&form.root, "#booking-name");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        name.get_attribute("aria-describedby").as_deref(),
        Some("booking-name-hint booking-name-error")
    );
    let email = one(&form.root, "#booking-email");
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(text(&one(&form.root, "#booking-email-error")).contains("like name@example.org"));
    // The summary links to each field, and the first one to fix has the focus.
    let summary = one(&form.root, ".form-alert");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let links: Vec<_> = all(&summary, "a")
        .iter()
        .filter_map(|link| link.get_attribute("href"))
        .collect();
    assert_eq!(links, ["#booking-name", "#booking-email"]);
    assert!(wait_until(|| focused().is_some_and(|element| element.id() == "booking-name")).await);
    assert!(api.requests().is_empty(), "nothing is sent");
    assert!(outcome.booked.borrow().is_none());
}

#[wasm_bindgen_test]
async fn booking_sends_the_slot_and_name_and_no_email_when_none_is_given() {
    let start = at("2030-06-14T16:00:00+00:00");
    let end = at("2030-06-14T17:00:00+00:00");
    let api = MockApi::new(&[(
        "POST /api/bookings",
        201,
        &booking_json(&start, &end, "confirmed", true),
    )]);
    let (form, outcome) = mount_booking_form(start).await;

    type_into(&form.root, "#booking-name", "  Sam ");
    submit(&form.root);

    assert!(wait_until(|| outcome.booked.borrow().is_some()).await);
    assert_eq!(
        api.requests(),
        [
            r#"POST /api/bookings {"kind":"lounge","space_id":1,"start":"2030-06-14T16:00:00Z","name":"Sam"}"#
        ]
    );
    let keys = api.idempotency_keys();
    assert!(
        keys[0].len() == 32 && keys[0].bytes().all(|byte| byte.is_ascii_hexdigit()),
        "{keys:?}"
    );
    let booked = outcome.booked.borrow();
    assert_eq!(
        booked
            .as_ref()
            .and_then(|booking| booking.manage_token.as_deref()),
        Some(TOKEN)
    );
}

#[wasm_bindgen_test]
async fn asking_for_discreet_emails_is_sent_with_the_booking() {
    let start = at("2030-06-14T16:00:00+00:00");
    let end = at("2030-06-14T17:00:00+00:00");
    let api = MockApi::new(&[(
        "POST /api/bookings",
        201,
        &booking_json(&start, &end, "confirmed", true),
    )]);
    let (form, outcome) = mount_booking_form(start).await;

    type_into(&form.root, "#booking-name", "Sam");
    type_into(&form.root, "#booking-email", "sam@example.org");
    click(&one(&form.root, "#booking-discreet"));
    submit(&form.root);

    assert!(wait_until(|| outcome.booked.borrow().is_some()).await);
    assert!(
        api.requests()[0].ends_with(r#""email":"sam@example.org","discreet":true}"#),
        "{:?}",
        api.requests()
    );
}

#[wasm_bindgen_test]
async fn booking_again_after_a_dropped_connection_reuses_its_key() {
    // No answer for the first try: like a connection that dropped.
    let api = MockApi::new(&[]);
    let (form, outcome) = mount_booking_form(at("2030-06-14T16:00:00+00:00")).await;
    type_into(&form.root, "#booking-name", "Sam");
    type_into(&form.root, "#booking-email", "sam@example.org");

    submit(&form.root);
    wait_for(&form.root, ".form-alert", |alert| {
        alert.contains("connection")
    })
    .await;
    submit(&form.root);
    assert!(wait_until(|| api.idempotency_keys().len() == 2).await);

    let keys = api.idempotency_keys();
    assert_eq!(keys[0], keys[1], "the server books a repeated key once");
    assert!(api.requests()[0].ends_with(r#""name":"Sam","email":"sam@example.org"}"#));
    assert!(outcome.booked.borrow().is_none());
}

#[wasm_bindgen_test]
async fn booking_shows_server_field_errors_by_their_fields() {
    let api = MockApi::new(&[(
        "POST /api/bookings",
        422,
        r#"{"error":{"code":"validation_failed","message":"Please check the form.",
            "fields":{"email":["We can't send to that address."]}}}"#,
    )]);
    let (form, _) = mount_booking_form(at("2030-06-14T16:00:00+00:00")).await;
    type_into(&form.root, "#booking-name", "Sam");
    type_into(&form.root, "#booking-email", "sam@example.org");

    submit(&form.root);

    let error = wait_for(&form.root, "#booking-email-error", |_| true).await;
    assert_eq!(text(&error), "We can't send to that address.");
    assert!(text(&one(&form.root, ".form-alert")).contains("Please check the form."));
    assert_eq!(api.requests().len(), 1);
}

#[wasm_bindgen_test]
async fn a_booked_spot_shows_the_manage_and_calendar_links_once() {
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", slot_json(&start, &end, 4));
    let _api = MockApi::new(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, &slots),
        (
            "POST /api/bookings",
            201,
            &booking_json(&start, &end, "confirmed", true),
        ),
    ]);
    let app = mount_at::<App>(&book_path(&start), ()).await;

    wait_for(&app.root, "#booking-name", |_| true).await;
    assert!(text(&one(&app.root, ".facts")).contains("The Lounge"));
    type_into(&app.root, "#booking-name", "Sam");
    submit(&app.root);

    let manage_link = wait_for(&app.root, "#manage-link", |_| true).await;
    let manage_url = format!("http://lounge.example.org/manage#token={TOKEN}");
    assert_eq!(manage_link.get_attribute("href"), Some(manage_url.clone()));
    assert_eq!(text(&manage_link), manage_url);
    let heading = one(&app.root, "h1");
    assert_eq!(text(&heading), "You're in!");
    assert!(
        wait_until(|| focused().as_ref() == Some(&heading)).await,
        "focus moves to it"
    );
    assert!(wait_until(|| document().title() == "You're in! · Peer Lounge").await);
    let calendar = all(&app.root, "a")
        .into_iter()
        .find(|link| text(link) == "Add to calendar")
        .expect("an Add to calendar link");
    assert_eq!(
        calendar.get_attribute("href"),
        Some(format!("/api/bookings/manage/{TOKEN}/calendar.ics"))
    );
    let advice = text(&one(&app.root, ".manage-box"));
    assert!(advice.contains("Save this link — it's how you can cancel or change your time."));
    assert!(advice.contains("Anyone with it can change your booking, so keep it private."));
    assert!(all(&app.root, ".manage-box button")
        .iter()
        .any(|button| text(button) == "Copy link"));
    assert!(text(&app.root).contains("Be kind."), "the house rules");
    // A reload can't book the same time again, and the link never enters the address.
    assert_eq!(
        query_param(&current_search(), "booked").as_deref(),
        Some("1")
    );
    assert!(!window()
        .location()
        .href()
        .unwrap_or_default()
        .contains(TOKEN));
}

#[wasm_bindgen_test]
async fn a_time_that_filled_up_sends_back_to_the_times_with_a_note() {
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", slot_json(&start, &end, 1));
    let api = MockApi::new(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, &slots),
        (
            "POST /api/bookings",
            409,
            &error_json("slot_full", "That time is full now."),
        ),
    ]);
    let app = mount_at::<App>(&book_path(&start), ()).await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    type_into(&app.root, "#booking-name", "Sam");

    submit(&app.root);

    wait_for(&app.root, "h1", |heading| heading == "The lounge").await;
    let note = wait_for(&app.root, "[role='alert']", |_| true).await;
    assert!(text(&note).contains("someone just took the last spot"));
    assert_eq!(
        window().location().pathname().unwrap_or_default(),
        "/lounge"
    );
    // The times are asked for again, so the full one shows as full.
    let slot_requests = || {
        api.requests()
            .iter()
            .filter(|request| request.starts_with("GET /api/spaces/1/slots"))
            .count()
    };
    assert!(
        wait_until(|| slot_requests() == 2).await,
        "{:?}",
        api.requests()
    );
}

#[wasm_bindgen_test]
async fn a_time_no_longer_listed_offers_the_other_times() {
    let (start, _) = upcoming(1, 16);
    let _api = MockApi::new(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, "[]"),
    ]);
    let app = mount_at::<App>(&book_path(&start), ()).await;

    let note = wait_for(&app.root, "[role='alert']", |_| true).await;
    assert_eq!(text(&note), "Sorry, that time can't be booked any more.");
    assert!(all(&app.root, "#booking-name").is_empty());
    assert!(all(&app.root, "main a")
        .iter()
        .any(|link| text(link) == "See other times"));
}

// Managing a booking by its link

fn manage_path() -> String {
    format!("/manage#token={TOKEN}")
}

fn manage_api(extra: &[(&str, u16, &str)]) -> MockApi {
    let (start, end) = upcoming(2, 16);
    let booking = booking_json(&start, &end, "confirmed", false);
    let path = format!("GET /api/bookings/manage/{TOKEN}");
    let mut routes = vec![(path.as_str(), 200, booking.as_str())];
    routes.extend_from_slice(extra);
    MockApi::new(&routes)
}

#[wasm_bindgen_test]
async fn manage_page_reads_the_token_from_the_fragment_and_shows_the_booking() {
    let api = manage_api(&[]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;

    let status = wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;
    assert_eq!(text(&status), "You're booked");
    assert_eq!(
        api.requests(),
        [format!("GET /api/bookings/manage/{TOKEN}")]
    );
    assert!(text(&one(&app.root, ".facts")).contains("The Lounge"));
    let buttons: Vec<_> = all(&app.root, "main button").iter().map(text).collect();
    assert_eq!(buttons, ["Change time", "Cancel my spot"]);
    assert!(wait_until(|| document().title() == "Your booking · Peer Lounge").await);
    assert!(!document().title().contains(TOKEN));
    // Kept in the address, so the page can be bookmarked.
    assert!(window()
        .location()
        .hash()
        .unwrap_or_default()
        .contains(TOKEN));
}

#[wasm_bindgen_test]
async fn a_wrong_or_incomplete_link_learns_nothing_more() {
    let api = MockApi::new(&[(
        "GET /api/bookings/manage/ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        404,
        &error_json("not_found", "Not found."),
    )]);
    let app = mount_at::<ManageApp>(&format!("/manage#token={}", "f".repeat(64)), ()).await;

    let notice = wait_for(&app.root, "[role='alert']", |_| true).await;
    assert_eq!(
        text(&notice),
        "We couldn't find that booking. The link may be incomplete."
    );
    assert!(all(&app.root, "#booking-status").is_empty());
    assert!(wait_until(|| document().title() == "Booking not found · Peer Lounge").await);
    drop(app);

    // A cut-off token isn't even sent.
    let app = mount_at::<ManageApp>("/manage#token=0123abc", ()).await;
    let notice = wait_for(&app.root, "[role='alert']", |_| true).await;
    assert!(text(&notice).starts_with("We couldn't find that booking."));
    assert_eq!(api.requests().len(), 1, "{:?}", api.requests());
}

fn button_named(root: &web_sys::Element, name: &str) -> web_sys::Element {
    all(root, "button")
        .into_iter()
        .find(|button| text(button) == name)
        .unwrap_or_else(|| panic!("no button {name}; page was: {}", root.inner_html()))
}

#[wasm_bindgen_test]
async fn cancelling_asks_first_and_sends_nothing_until_yes() {
    let (start, end) = upcoming(2, 16);
    let cancelled = booking_json(&start, &end, "cancelled", false);
    let cancel_path = format!("POST /api/bookings/manage/{TOKEN}/cancel");
    let api = manage_api(&[(cancel_path.as_str(), 200, cancelled.as_str())]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;
    wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;

    click(&button_named(&app.root, "Cancel my spot"));
    let heading = wait_for(&app.root, "h1", |heading| heading == "Cancel your spot?").await;
    assert!(text(&app.root).contains("Are you sure?"));
    assert!(wait_until(|| focused().as_ref() == Some(&heading)).await);
    assert_eq!(api.requests().len(), 1, "only the booking was fetched");

    // "Keep my spot" goes back, still without sending anything.
    click(&button_named(&app.root, "Keep my spot"));
    wait_for(&app.root, "h1", |heading| heading == "Your booking").await;
    assert_eq!(api.requests().len(), 1);

    click(&button_named(&app.root, "Cancel my spot"));
    wait_for(&app.root, "h1", |heading| heading == "Cancel your spot?").await;
    click(&button_named(&app.root, "Yes, cancel"));

    wait_for(&app.root, "#booking-status", |status| status == "Cancelled").await;
    assert_eq!(api.requests()[1], format!("{cancel_path} {{}}"));
    let notice = one(&app.root, ".notice");
    assert_eq!(
        text(&notice),
        "Your spot is cancelled. You can book again any time."
    );
    assert!(wait_until(|| focused().as_ref() == Some(&notice)).await);
    assert!(
        all(&app.root, "main button").is_empty(),
        "nothing left to change"
    );
}

#[wasm_bindgen_test]
async fn changing_the_time_moves_the_booking_and_says_the_new_time() {
    let (start, end) = upcoming(2, 16);
    let (new_start, new_end) = upcoming(2, 17);
    let slots = format!(
        "[{},{}]",
        slot_json(&start, &end, 3),
        slot_json(&new_start, &new_end, 2)
    );
    let moved = booking_json(&new_start, &new_end, "confirmed", false);
    let reschedule_path = format!("POST /api/bookings/manage/{TOKEN}/reschedule");
    let api = manage_api(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, &slots),
        (reschedule_path.as_str(), 200, moved.as_str()),
    ]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;
    wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;

    click(&button_named(&app.root, "Change time"));
    wait_for(&app.root, "h1", |heading| heading == "Change your time").await;
    let current = wait_for(
        &app.root,
        &format!("[data-slot-start='{}']", wire(&start)),
        |_| true,
    )
    .await;
    assert!(current.has_attribute("disabled"), "the time held now");
    assert!(text(&current).ends_with("Your time now"));
    click(&one(
        &app.root,
        &format!("[data-slot-start='{}']", wire(&new_start)),
    ));

    let news = wait_for(&app.root, ".notice--success", |_| true).await;
    assert!(
        text(&news).starts_with("Done! Your new time is"),
        "{}",
        text(&news)
    );
    assert!(wait_until(|| focused().as_ref() == Some(&news)).await);
    assert_eq!(
        api.requests().last().cloned().unwrap_or_default(),
        format!(r#"{reschedule_path} {{"start":"{}"}}"#, wire(&new_start))
    );
}

#[wasm_bindgen_test]
async fn a_full_new_time_leaves_the_booking_where_it_was() {
    let (start, end) = upcoming(2, 16);
    let (new_start, new_end) = upcoming(2, 17);
    let slots = format!(
        "[{},{}]",
        slot_json(&start, &end, 3),
        slot_json(&new_start, &new_end, 1)
    );
    let reschedule_path = format!("POST /api/bookings/manage/{TOKEN}/reschedule");
    let full = error_json("slot_full", "That time is full.");
    let api = manage_api(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, &slots),
        (reschedule_path.as_str(), 409, full.as_str()),
    ]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;
    wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;
    click(&button_named(&app.root, "Change time"));
    let other = wait_for(
        &app.root,
        &format!("[data-slot-start='{}']", wire(&new_start)),
        |_| true,
    )
    .await;

    click(&other);

    let problem = wait_for(&app.root, "[role='alert']", |_| true).await;
    assert!(text(&problem).contains("that time just filled up. Your booking hasn't changed."));
    assert_eq!(text(&one(&app.root, "h1")), "Change your time");
    // The times are asked for again.
    assert!(
        wait_until(|| api
            .requests()
            .iter()
            .filter(|request| request.starts_with("GET /api/spaces/1/slots"))
            .count()
            == 2)
        .await
    );
}

// Embedded in an agency's page

#[wasm_bindgen_test]
async fn embedded_widget_drops_the_chrome_keeps_embed_and_posts_its_height() {
    record_messages();
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", slot_json(&start, &end, 3));
    let _api = MockApi::new(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, &slots),
    ]);
    let app = mount_at::<App>("/lounge?embed=1", ()).await;

    let slot = wait_for(&app.root, "[data-slot-start]", |_| true).await;
    assert!(all(&app.root, "footer").is_empty(), "no footer");
    assert!(
        all(&app.root, "nav[aria-label='Main']").is_empty(),
        "no main navigation"
    );
    assert_eq!(text(&one(&app.root, "a")), "Skip to main content");
    assert!(document()
        .document_element()
        .is_some_and(|root| root.has_attribute("data-embedded")));
    let posted_height = || {
        messages_received().iter().any(|message| {
            let value = js_sys::JSON::parse(message).unwrap_or_default();
            let field = |name: &str| js_sys::Reflect::get(&value, &name.into()).unwrap_or_default();
            field("type").as_string().as_deref() == Some("peerlounge:height")
                && field("height").as_f64().is_some_and(|height| height > 0.0)
        })
    };
    assert!(wait_until(posted_height).await, "{:?}", messages_received());

    // Moving on inside the frame keeps it embedded.
    click(&slot);
    wait_for(&app.root, "h1", |heading| heading == "Book a spot").await;
    assert_eq!(
        query_param(&current_search(), "embed").as_deref(),
        Some("1")
    );
    drop(app);
    assert!(
        wait_until(|| document()
            .document_element()
            .is_some_and(|root| !root.has_attribute("data-embedded")))
        .await,
        "leaving takes the mark away"
    );
}

#[wasm_bindgen_test]
async fn skipping_to_the_content_keeps_the_manage_links_token_in_the_address() {
    let _api = manage_api(&[]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;
    wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;

    click(&one(&app.root, ".skip-link"));

    assert_eq!(
        focused().map(|element| element.id()).as_deref(),
        Some("main")
    );
    assert!(window()
        .location()
        .hash()
        .unwrap_or_default()
        .contains(TOKEN));
}

#[wasm_bindgen_test]
async fn copy_link_says_whether_it_worked() {
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", slot_json(&start, &end, 4));
    let _api = MockApi::new(&[
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/spaces/1/now", 200, OPEN_NOW),
        ("GET /api/spaces/1/slots", 200, &slots),
        (
            "POST /api/bookings",
            201,
            &booking_json(&start, &end, "confirmed", true),
        ),
    ]);
    let app = mount_at::<App>(&book_path(&start), ()).await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    type_into(&app.root, "#booking-name", "Sam");
    submit(&app.root);
    wait_for(&app.root, "#manage-link", |_| true).await;

    click(&button_named(&app.root, "Copy link"));

    // Copied, or (where the browser won't let us) how to copy by hand: never silence.
    let status = wait_for(&app.root, ".copy-status", |status| !status.is_empty()).await;
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    let said = text(&status);
    assert!(
        said == "Link copied." || said.starts_with("We couldn't copy it here."),
        "{said}"
    );
}

// Peer mentors

const TOPICS: &str = r#"[{"id":1,"name":"Housing"},{"id":2,"name":"Starting college"}]"#;

/// A listed mentor as `GET /api/mentors` answers.
fn mentor_json(id: i64, name: &str, topics: &str, languages: &str, accepting: bool) -> String {
    format!(
        r#"{{"id":{id},"display_name":"{name}","pronouns":"they/them","title":"Peer mentor",
            "bio":"I moved out at 17.","topics":{topics},"languages":{languages},
            "photo_url":null,"accepting_bookings":{accepting},"interests":["Skateboarding"],
            "meets":["lounge","walk"]}}"#
    )
}

fn alex() -> String {
    mentor_json(
        5,
        "Alex",
        r#"["Housing"]"#,
        r#"["English","Spanish"]"#,
        true,
    )
}

/// A mentor's free time, as the slots endpoints answer (capacity 1).
fn mentor_slot_json(start: &DateTime<FixedOffset>, end: &DateTime<FixedOffset>) -> String {
    format!(
        r#"{{"start":"{}","end":"{}","capacity":1,"booked":0,"available":1}}"#,
        wire(start),
        wire(end)
    )
}

/// An office-hours booking as the API answers it.
fn office_hours_json(
    start: &DateTime<FixedOffset>,
    end: &DateTime<FixedOffset>,
    with_token: bool,
) -> String {
    let token = if with_token {
        format!(
            r#","manage_token":"{TOKEN}","manage_url":"http://lounge.example.org/manage#token={TOKEN}""#
        )
    } else {
        String::new()
    };
    format!(
        r#"{{"id":8,"kind":"office_hours","start":"{}","end":"{}","status":"confirmed",
            "name":"Sam","place":"Quiet room","mentor":"Alex","mentor_id":5{token}}}"#,
        wire(start),
        wire(end)
    )
}

/// Chooses `value` in the `<select>` at `selector`, as a person would.
fn choose(root: &web_sys::Element, selector: &str, value: &str) {
    let select = one(root, selector)
        .dyn_into::<web_sys::HtmlSelectElement>()
        .expect("a select");
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let change = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&change).unwrap();
}

fn card_names(root: &web_sys::Element) -> Vec<String> {
    all(root, ".card.mentor h2").iter().map(text).collect()
}

#[wasm_bindgen_test]
async fn filtering_mentors_by_topic_asks_the_server_and_shows_only_its_answer() {
    let everyone = format!(
        "[{},{}]",
        alex(),
        mentor_json(
            6,
            "Jo",
            r#"["Starting college"]"#,
            r#"["English","Arabic"]"#,
            true
        )
    );
    let api = MockApi::new(&[
        ("GET /api/mentors", 200, &everyone),
        ("GET /api/topics", 200, TOPICS),
    ]);
    let app = mount_at::<App>("/mentors", ()).await;
    wait_for(&app.root, ".results", |found| found == "2 peer mentors").await;
    assert_eq!(card_names(&app.root), ["Alex", "Jo"]);
    assert_inputs_are_labelled(&app.root);
    let options =
        |selector: &str| -> Vec<String> { all(&app.root, selector).iter().map(text).collect() };
    assert!(wait_until(|| options("#filter-topic option").len() == 3).await);
    assert_eq!(
        options("#filter-topic option"),
        ["Any topic", "Housing", "Starting college"]
    );
    // The languages come from the mentors listed.
    assert_eq!(
        options("#filter-language option"),
        ["Any language", "English", "Spanish", "Arabic"]
    );
    let profile_link = one(&app.root, ".card.mentor h2 a");
    assert_eq!(
        profile_link.get_attribute("href").as_deref(),
        Some("/mentors/5")
    );
    assert!(api.requests().contains(&"GET /api/mentors".to_owned()));
    drop(api);

    let api = MockApi::new(&[
        ("GET /api/mentors", 200, &format!("[{}]", alex())),
        ("GET /api/topics", 200, TOPICS),
    ]);
    choose(&app.root, "#filter-topic", "Starting college");

    wait_for(&app.root, ".results", |found| found == "1 peer mentor").await;
    let mentor_requests = || -> Vec<String> {
        api.requests()
            .into_iter()
            .filter(|request| request.starts_with("GET /api/mentors"))
            .collect()
    };
    assert_eq!(
        mentor_requests(),
        ["GET /api/mentors?topic=Starting%20college"]
    );
    assert_eq!(card_names(&app.root), ["Alex"]);
    // The other languages stay on offer, and the topics too.
    assert_eq!(all(&app.root, "#filter-language option").len(), 4);
    assert_eq!(all(&app.root, "#filter-topic option").len(), 3);

    choose(&app.root, "#filter-language", "Spanish");
    assert!(
        wait_until(|| mentor_requests().len() == 2).await,
        "{:?}",
        api.requests()
    );
    assert_eq!(
        mentor_requests()[1],
        "GET /api/mentors?topic=Starting%20college&language=Spanish"
    );
}

#[wasm_bindgen_test]
async fn a_mentor_not_taking_bookings_says_so_and_offers_no_times() {
    let resting = mentor_json(7, "Rae", r#"["Housing"]"#, r#"["English"]"#, false);
    let api = MockApi::new(&[
        ("GET /api/mentors", 200, &format!("[{resting}]")),
        ("GET /api/mentors/7", 200, &resting),
        ("GET /api/topics", 200, TOPICS),
    ]);
    let app = mount_at::<App>("/mentors", ()).await;
    let card = wait_for(&app.root, ".card.mentor", |_| true).await;
    assert!(text(&card).contains("Not taking bookings right now"));
    drop(app);

    let app = mount_at::<App>("/mentors/7", ()).await;
    wait_for(&app.root, "h1", |heading| heading == "Rae").await;
    let said = text(&app.root);
    assert!(said.contains("Not taking bookings right now"), "{said}");
    assert!(all(&app.root, "[data-slot-start]").is_empty());
    assert!(
        !api.requests()
            .iter()
            .any(|request| request.contains("/slots")),
        "{:?}",
        api.requests()
    );
    // Still a way to talk to someone.
    assert!(all(&app.root, "main a")
        .iter()
        .any(|link| link.get_attribute("href").as_deref() == Some("/mentors/any")));
}

#[wasm_bindgen_test]
async fn a_mentors_profile_shows_who_they_are_and_a_week_of_their_times() {
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", mentor_slot_json(&start, &end));
    let api = MockApi::new(&[
        ("GET /api/mentors/5", 200, &alex()),
        ("GET /api/mentors/5/slots", 200, &slots),
    ]);
    let app = mount_at::<App>("/mentors/5", ()).await;

    let slot = wait_for(&app.root, "[data-slot-start]", |_| true).await;
    assert_eq!(text(&one(&app.root, "h1")), "Alex");
    let facts = text(&one(&app.root, ".facts"));
    for fact in [
        "Housing",
        "English, Spanish",
        "Skateboarding",
        "In the lounge, On a walk",
    ] {
        assert!(facts.contains(fact), "{fact} in {facts}");
    }
    assert!(text(&app.root).contains("Pronouns: they/them"));
    // A mentor's time is free or not listed: no "1 spot left".
    assert!(!text(&slot).contains("spot"), "{}", text(&slot));
    let today = frontend::clock::local_today();
    let first = format!("GET /api/mentors/5/slots?from={today}&to=");
    assert!(
        api.requests()
            .iter()
            .any(|request| request.starts_with(&first)),
        "{:?}",
        api.requests()
    );

    click(&button_named(&app.root, "Next week"));
    let next_week = today.checked_add_days(Days::new(7)).unwrap();
    let second = format!("GET /api/mentors/5/slots?from={next_week}&to=");
    assert!(
        wait_until(|| api
            .requests()
            .iter()
            .any(|request| request.starts_with(&second)))
        .await,
        "{:?}",
        api.requests()
    );
    // Back to this week, never before it.
    let previous = button_named(&app.root, "Previous week");
    click(&previous);
    assert!(
        wait_until(|| previous.get_attribute("aria-disabled").as_deref() == Some("true")).await
    );
    wait_for(&app.root, "[data-slot-start]", |_| true).await;
    let asked = api.requests().len();
    click(&previous);
    common::sleep(50).await;
    assert_eq!(api.requests().len(), asked);

    click(&one(&app.root, "[data-slot-start]"));
    wait_for(&app.root, "h1", |heading| heading == "Book a spot").await;
    assert_eq!(
        window().location().pathname().unwrap_or_default(),
        "/mentors/5/book"
    );
    assert_eq!(query_param(&current_search(), "start"), Some(wire(&start)));
}

#[wasm_bindgen_test]
async fn booking_a_mentors_time_sends_office_hours_with_the_topic_and_shows_the_manage_link() {
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", mentor_slot_json(&start, &end));
    let api = MockApi::new(&[
        ("GET /api/mentors/5", 200, &alex()),
        ("GET /api/mentors/5/slots", 200, &slots),
        (
            "POST /api/bookings",
            201,
            &office_hours_json(&start, &end, true),
        ),
    ]);
    let app = mount_at::<App>(
        &format!(
            "/mentors/5/book?{}",
            widget_query(&[("start", &wire(&start))], false)
        ),
        (),
    )
    .await;
    let topic = wait_for(&app.root, "#booking-topic", |_| true).await;
    assert_eq!(topic.tag_name(), "TEXTAREA");
    assert_inputs_are_labelled(&app.root);
    assert_eq!(
        text(&one(&app.root, "label[for='booking-topic']")),
        "Anything you'd like Alex to know? (optional, only they see it)"
    );
    assert!(text(&one(&app.root, ".facts")).contains("Alex"));

    type_into(&app.root, "#booking-name", "Sam");
    one(&app.root, "#booking-topic")
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .unwrap()
        .set_value("  Finding a flat ");
    submit(&app.root);

    let manage_link = wait_for(&app.root, "#manage-link", |_| true).await;
    assert_eq!(
        manage_link.get_attribute("href"),
        Some(format!("http://lounge.example.org/manage#token={TOKEN}"))
    );
    assert_eq!(text(&one(&app.root, "h1")), "You're in!");
    let posted: Vec<_> = api
        .requests()
        .into_iter()
        .filter(|request| request.starts_with("POST"))
        .collect();
    assert_eq!(
        posted,
        [format!(
            r#"POST /api/bookings {{"kind":"office_hours","mentor_id":5,"start":"{}","name":"Sam","topic":"Finding a flat"}}"#,
            wire(&start)
        )]
    );
    let key = api.idempotency_keys().last().cloned().unwrap_or_default();
    assert!(
        key.len() == 32 && key.bytes().all(|byte| byte.is_ascii_hexdigit()),
        "{key}"
    );
    let facts = text(&one(&app.root, ".facts"));
    assert!(
        facts.contains("Quiet room") && facts.contains("Alex"),
        "{facts}"
    );
    assert_eq!(
        query_param(&current_search(), "booked").as_deref(),
        Some("1")
    );
}

#[wasm_bindgen_test]
async fn any_available_mentor_books_without_naming_a_mentor() {
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", mentor_slot_json(&start, &end));
    let api = MockApi::new(&[
        ("GET /api/mentors/any/slots", 200, &slots),
        (
            "POST /api/bookings",
            201,
            &office_hours_json(&start, &end, true),
        ),
    ]);
    let app = mount_at::<App>("/mentors/any", ()).await;
    let slot = wait_for(&app.root, "[data-slot-start]", |_| true).await;
    assert_eq!(text(&one(&app.root, "h1")), "Any available mentor");

    click(&slot);
    wait_for(&app.root, "#booking-name", |_| true).await;
    assert_eq!(
        window().location().pathname().unwrap_or_default(),
        "/mentors/any/book"
    );
    assert_eq!(
        text(&one(&app.root, "label[for='booking-topic']")),
        "Anything you'd like your mentor to know? (optional, only they see it)"
    );
    type_into(&app.root, "#booking-name", "Sam");
    submit(&app.root);

    wait_for(&app.root, "#manage-link", |_| true).await;
    assert_eq!(
        api.requests().last().cloned().unwrap_or_default(),
        format!(
            r#"POST /api/bookings {{"kind":"office_hours","start":"{}","name":"Sam"}}"#,
            wire(&start)
        )
    );
    assert!(
        !api.requests()
            .iter()
            .any(|request| request.starts_with("GET /api/mentors/any ")),
        "no profile to ask for"
    );
}

#[wasm_bindgen_test]
async fn a_mentor_who_cannot_take_the_time_says_so_and_offers_their_other_times() {
    let (start, end) = upcoming(1, 16);
    let slots = format!("[{}]", mentor_slot_json(&start, &end));
    let unavailable = error_json(
        "mentor_unavailable",
        "Alex can't take that time. Please pick another time.",
    );
    let api = MockApi::new(&[
        ("GET /api/mentors/5", 200, &alex()),
        ("GET /api/mentors/5/slots", 200, &slots),
        ("POST /api/bookings", 409, &unavailable),
    ]);
    let app = mount_at::<App>(
        &format!(
            "/mentors/5/book?{}",
            widget_query(&[("start", &wire(&start))], false)
        ),
        (),
    )
    .await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    type_into(&app.root, "#booking-name", "Sam");

    submit(&app.root);

    wait_for(&app.root, "h1", |heading| heading == "Alex").await;
    let note = wait_for(&app.root, "[role='alert']", |_| true).await;
    assert_eq!(
        text(&note),
        "Alex can't take that time. Please pick another time."
    );
    assert_eq!(
        window().location().pathname().unwrap_or_default(),
        "/mentors/5"
    );
    // Their times are asked for again, to pick another.
    let slot_requests = || {
        api.requests()
            .iter()
            .filter(|request| request.starts_with("GET /api/mentors/5/slots"))
            .count()
    };
    assert!(
        wait_until(|| slot_requests() == 2).await,
        "{:?}",
        api.requests()
    );
    wait_for(&app.root, "[data-slot-start]", |_| true).await;
}

#[wasm_bindgen_test]
async fn a_note_for_the_mentor_over_280_characters_is_refused_before_sending() {
    let api = MockApi::new(&[]);
    let props = BookingFormProps {
        source: SlotSource::Mentor(Some(5)),
        mentor: Some("Alex".into()),
        start: at("2030-06-14T16:00:00+00:00"),
        waitlist: false,
        on_booked: Callback::noop(),
        on_slot_taken: Callback::noop(),
    };
    let form = mount_at::<BookingForm>("/mentors/5/book", props).await;
    type_into(&form.root, "#booking-name", "Sam");
    one(&form.root, "#booking-topic")
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .unwrap()
        .set_value(&"a".repeat(281));

    submit(&form.root);

    let error = wait_for(&form.root, "#booking-topic-error", |_| true).await;
    assert_eq!(text(&error), "Please keep this to 280 characters or fewer.");
    assert_eq!(
        one(&form.root, "#booking-topic")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("booking-topic-hint booking-topic-error")
    );
    assert!(wait_until(|| focused().is_some_and(|element| element.id() == "booking-topic")).await);
    assert!(api.requests().is_empty(), "nothing is sent");
}

#[wasm_bindgen_test]
async fn manage_page_names_the_mentor_and_moves_to_their_times() {
    let (start, end) = upcoming(2, 16);
    let booking = office_hours_json(&start, &end, false);
    let path = format!("GET /api/bookings/manage/{TOKEN}");
    let api = MockApi::new(&[
        (path.as_str(), 200, booking.as_str()),
        ("GET /api/mentors/5/slots", 200, "[]"),
    ]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;
    wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;
    let facts: Vec<_> = all(&app.root, ".facts dt, .facts dd")
        .iter()
        .map(text)
        .collect();
    assert_eq!(&facts[2..], ["Where", "Quiet room", "With", "Alex"]);

    click(&button_named(&app.root, "Change time"));

    wait_for(&app.root, "h2", |heading| heading == "Times with Alex").await;
    assert!(
        wait_until(|| api
            .requests()
            .iter()
            .any(|request| request.starts_with("GET /api/mentors/5/slots?from=")))
        .await,
        "{:?}",
        api.requests()
    );
    assert!(!api
        .requests()
        .iter()
        .any(|request| request.contains("/api/spaces")));
}

// Events

/// An upcoming event as `GET /api/events` lists it, three days from now at 17:00 UTC.
fn event_json(id: i64, title: &str, spots_left: Option<u32>, waitlist_open: bool) -> String {
    let (start, end) = upcoming(3, 17);
    let spots_left = spots_left.map_or("null".to_owned(), |spots| spots.to_string());
    format!(
        r#"{{"id":{id},"title":"{title}","summary":"Board games and snacks.","start":"{}",
            "end":"{}","location":"The Lounge","capacity":12,"spots_left":{spots_left},
            "waitlist_open":{waitlist_open},"contact_name":"Jordan",
            "co_facilitators":["Alex","Sam"],"audience":"Ages 16–21"}}"#,
        wire(&start),
        wire(&end)
    )
}

/// One event as `GET /api/events/{id}` answers: `extra` holds its own fields.
fn event_detail_json(spots_left: Option<u32>, waitlist_open: bool, extra: &str) -> String {
    let summary = event_json(1, "Game night", spots_left, waitlist_open);
    format!(
        r#"{},"description":"Bring a friend.\nWe'll order pizza.",{extra}}}"#,
        summary.trim_end().trim_end_matches('}')
    )
}

/// The agenda and materials out, with a link that must not be followed.
const RELEASED: &str = r#""materials_released_at":"2020-01-01T12:00:00Z",
    "agenda":[{"time":"17:00","title":"Welcome","led_by":"Sam"},{"title":"Games","time":"","led_by":""}],
    "materials":[{"title":"Game rules","url":"https://example.org/rules.pdf"},
                 {"title":"Odd link","url":"javascript:alert(1)"}]"#;

/// An event booking as the API answers it (`position` on the waitlist).
fn event_booking_json(status: &str, position: Option<u32>, with_token: bool) -> String {
    let (start, end) = upcoming(3, 17);
    let position = position.map_or(String::new(), |place| {
        format!(r#","waitlist_position":{place}"#)
    });
    let token = if with_token {
        format!(
            r#","manage_token":"{TOKEN}","manage_url":"http://lounge.example.org/manage#token={TOKEN}""#
        )
    } else {
        String::new()
    };
    format!(
        r#"{{"id":9,"kind":"event","start":"{}","end":"{}","status":"{status}","name":"Sam",
            "place":"Game night, The Lounge","event_id":1{position}{token}}}"#,
        wire(&start),
        wire(&end)
    )
}

/// The answer to `POST /api/events/1/registrations`.
fn registration_json(status: &str, position: Option<u32>) -> String {
    let booking_status = if status == "waitlisted" {
        "waitlisted"
    } else {
        "confirmed"
    };
    let position_json = position.map_or("null".to_owned(), |place| place.to_string());
    format!(
        r#"{{"status":"{status}","waitlist_position":{position_json},"manage_token":"{TOKEN}",
            "manage_url":"http://lounge.example.org/manage#token={TOKEN}",
            "booking":{}}}"#,
        event_booking_json(booking_status, position, true)
    )
}

const REGISTER: &str = "POST /api/events/1/registrations";

fn link_named(root: &web_sys::Element, name: &str) -> web_sys::Element {
    all(root, "a")
        .into_iter()
        .find(|link| text(link) == name)
        .unwrap_or_else(|| panic!("no link {name}; page was: {}", root.inner_html()))
}

#[wasm_bindgen_test]
async fn events_list_each_event_with_its_room_who_it_is_for_and_who_to_ask() {
    let events = format!(
        "[{},{},{}]",
        event_json(1, "Game night", Some(4), false),
        event_json(2, "Meet the director", Some(0), true),
        event_json(3, "Art afternoon", Some(0), false)
    );
    let detail = event_detail_json(Some(4), false, RELEASED);
    let _api = MockApi::new(&[
        ("GET /api/events", 200, &events),
        ("GET /api/events/1", 200, &detail),
    ]);
    let app = mount_at::<App>("/events", ()).await;

    wait_for(&app.root, ".card", |_| true).await;
    let titles: Vec<_> = all(&app.root, ".card h2 a").iter().map(text).collect();
    assert_eq!(
        titles,
        ["Game night", "Meet the director", "Art afternoon"],
        "in the server's order, soonest first"
    );
    let cards = all(&app.root, ".card");
    let facts = |card: &web_sys::Element| -> Vec<String> {
        all(card, ".facts dt, .facts dd").iter().map(text).collect()
    };
    let first = facts(&cards[0]);
    assert_eq!(first[0], "When");
    assert_eq!(
        &first[2..],
        [
            "Where",
            "The Lounge",
            "Spots",
            "4 spots left",
            "Who it's for",
            "Ages 16–21",
            "Contact",
            "Jordan",
            "Co-hosts",
            "Alex, Sam"
        ]
    );
    assert!(facts(&cards[1]).contains(&"Full — join the waitlist".to_owned()));
    assert!(facts(&cards[2]).contains(&"Full".to_owned()));
    assert!(text(&cards[0]).contains("Board games and snacks."));
    assert!(one(&cards[0], "time").has_attribute("datetime"));

    let link = link_named(&app.root, "Game night");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/events/1"));
    click(&link);
    wait_for(&app.root, "h1", |heading| heading == "Game night").await;
    assert_eq!(
        window().location().pathname().unwrap_or_default(),
        "/events/1"
    );
}

#[wasm_bindgen_test]
async fn an_event_page_shows_the_agenda_the_things_to_read_and_who_to_ask() {
    let detail = event_detail_json(Some(4), false, RELEASED);
    let _api = MockApi::new(&[("GET /api/events/1", 200, &detail)]);
    let app = mount_at::<App>("/events/1", ()).await;

    wait_for(&app.root, "h1", |heading| heading == "Game night").await;
    let page = text(&app.root);
    assert!(page.contains("Questions before the day? Ask Jordan through the agency."));
    assert!(page.contains("Bring a friend."));
    let agenda: Vec<_> = all(&app.root, ".agenda li").iter().map(text).collect();
    assert_eq!(agenda, ["17:00 Welcome — led by Sam", "Games"]);
    let rules = link_named(&app.root, "Game rules");
    assert_eq!(
        rules.get_attribute("href").as_deref(),
        Some("https://example.org/rules.pdf")
    );
    assert_eq!(
        rules.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert!(
        all(&app.root, ".materials a")
            .iter()
            .all(|link| text(link) != "Odd link"),
        "only web addresses become links"
    );
    assert!(text(&one(&app.root, ".materials")).contains("Odd link"));
    assert_inputs_are_labelled(&app.root);
    assert!(all(&app.root, "h2").iter().any(|h2| text(h2) == "Sign up"));
    assert_eq!(text(&one(&app.root, "button[type='submit']")), "Sign me up");
    assert!(wait_until(|| document().title() == "Event · Peer Lounge").await);
}

#[wasm_bindgen_test]
async fn an_event_page_says_when_the_agenda_comes_out() {
    let later = r#""materials_released_at":"2099-06-14T12:00:00Z","agenda":null,"materials":null"#;
    let detail = event_detail_json(Some(4), false, later);
    let _api = MockApi::new(&[("GET /api/events/1", 200, &detail)]);
    let app = mount_at::<App>("/events/1", ()).await;

    wait_for(&app.root, "h1", |heading| heading == "Game night").await;
    assert!(all(&app.root, ".agenda, .materials").is_empty());
    let note = all(&app.root, ".note")
        .into_iter()
        .map(|note| text(&note))
        .find(|note| note.starts_with("The agenda and anything to read come out on"))
        .expect("when the agenda comes out");
    assert!(note.contains("2099") || note.contains("June"), "{note}");
}

#[wasm_bindgen_test]
async fn signing_up_sends_the_name_and_a_key_and_shows_youre_in_with_the_manage_link() {
    let detail = event_detail_json(Some(4), false, RELEASED);
    let registered = registration_json("registered", None);
    let api = MockApi::new(&[
        ("GET /api/events/1", 200, &detail),
        (REGISTER, 201, &registered),
    ]);
    let app = mount_at::<App>("/events/1", ()).await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    type_into(&app.root, "#booking-name", "Sam");

    submit(&app.root);

    let heading = wait_for(&app.root, "h1", |heading| heading == "You're in!").await;
    assert!(wait_until(|| focused().as_ref() == Some(&heading)).await);
    let sent = api.requests();
    assert_eq!(
        sent.last().map(String::as_str),
        Some(r#"POST /api/events/1/registrations {"name":"Sam"}"#)
    );
    assert_eq!(api.idempotency_keys().last().map(String::len), Some(32));
    let manage_link = one(&app.root, "#manage-link");
    assert_eq!(
        manage_link.get_attribute("href"),
        Some(format!("http://lounge.example.org/manage#token={TOKEN}"))
    );
    assert_eq!(
        text(&one(&app.root, "#manage-heading")),
        "Can't make it? Cancel your spot"
    );
    assert!(
        text(&one(&app.root, ".manage-box")).contains("it's how you can check your spot or cancel")
    );
    link_named(&app.root, "Add to calendar");
    link_named(&app.root, "Back to events");
    assert!(text(&one(&app.root, ".facts")).contains("Game night, The Lounge"));
    // A reload can't sign up twice, and the link never enters the address.
    assert_eq!(
        query_param(&current_search(), "booked").as_deref(),
        Some("1")
    );
    assert!(!window()
        .location()
        .href()
        .unwrap_or_default()
        .contains(TOKEN));
}

#[wasm_bindgen_test]
async fn a_full_event_with_a_waitlist_offers_it_and_says_the_place_in_line() {
    let detail = event_detail_json(Some(0), true, RELEASED);
    let waitlisted = registration_json("waitlisted", Some(2));
    let _api = MockApi::new(&[
        ("GET /api/events/1", 200, &detail),
        (REGISTER, 201, &waitlisted),
    ]);
    let app = mount_at::<App>("/events/1", ()).await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    assert!(all(&app.root, "h2")
        .iter()
        .any(|h2| text(h2) == "Join the waitlist"));
    assert!(text(&one(&app.root, ".facts")).contains("Full — join the waitlist"));
    let button = one(&app.root, "button[type='submit']");
    assert_eq!(text(&button), "Join the waitlist");
    type_into(&app.root, "#booking-name", "Sam");

    submit(&app.root);

    wait_for(&app.root, "h1", |heading| {
        heading == "You're on the waitlist — number 2"
    })
    .await;
    assert!(text(&one(&app.root, ".lead")).starts_with("If someone cancels, you move up the line."));
    assert!(
        all(&app.root, "a")
            .iter()
            .all(|link| text(link) != "Add to calendar"),
        "no calendar without a spot"
    );
    assert_eq!(
        text(&one(&app.root, "#manage-heading")),
        "Changed your mind? Leave the waitlist"
    );
    assert!(wait_until(|| document().title() == "You're on the waitlist · Peer Lounge").await);
}

#[wasm_bindgen_test]
async fn a_full_event_without_a_waitlist_has_no_form() {
    let detail = event_detail_json(Some(0), false, RELEASED);
    let api = MockApi::new(&[("GET /api/events/1", 200, &detail)]);
    let app = mount_at::<App>("/events/1", ()).await;

    let closed = wait_for(&app.root, "#sign-up-closed", |_| true).await;
    assert_eq!(text(&closed), "Sorry, this event is full.");
    assert!(all(&app.root, "form, #booking-name").is_empty());
    assert_eq!(api.requests(), ["GET /api/events/1"]);
}

#[wasm_bindgen_test]
async fn an_event_that_filled_while_the_form_was_open_says_so_and_shows_it_full() {
    let detail = event_detail_json(Some(1), false, RELEASED);
    let full = error_json("event_full", "Sorry, this event is full.");
    let api = MockApi::new(&[("GET /api/events/1", 200, &detail), (REGISTER, 409, &full)]);
    let app = mount_at::<App>("/events/1", ()).await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    type_into(&app.root, "#booking-name", "Sam");

    submit(&app.root);

    let note = wait_for(&app.root, ".notice[role='alert']", |_| true).await;
    assert_eq!(text(&note), "Sorry, this event is full.");
    assert!(all(&app.root, "form").is_empty(), "no form to send again");
    assert!(
        wait_until(|| api
            .requests()
            .iter()
            .filter(|request| *request == "GET /api/events/1")
            .count()
            == 2)
        .await,
        "the event is asked for again: {:?}",
        api.requests()
    );
}

#[wasm_bindgen_test]
async fn signing_up_twice_or_too_late_shows_the_servers_words() {
    let detail = event_detail_json(Some(4), false, RELEASED);
    let twice = error_json(
        "already_registered",
        "You're already signed up for this event. Your confirmation email has your link.",
    );
    let _api = MockApi::new(&[("GET /api/events/1", 200, &detail), (REGISTER, 409, &twice)]);
    let app = mount_at::<App>("/events/1", ()).await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    type_into(&app.root, "#booking-name", "Sam");
    type_into(&app.root, "#booking-email", "sam@example.org");

    submit(&app.root);

    let alert = wait_for(&app.root, ".form-alert", |alert| !alert.is_empty()).await;
    assert!(text(&alert).starts_with("You're already signed up for this event."));
    drop(app);

    let too_late = r#"{"error":{"code":"validation_failed","message":"Please check the form.",
        "fields":{"event_id":["This event has already started, so you can't sign up any more."]}}}"#;
    let _api = MockApi::new(&[
        ("GET /api/events/1", 200, &detail),
        (REGISTER, 422, too_late),
    ]);
    let app = mount_at::<App>("/events/1", ()).await;
    wait_for(&app.root, "#booking-name", |_| true).await;
    type_into(&app.root, "#booking-name", "Sam");

    submit(&app.root);

    let item = wait_for(&app.root, ".form-alert li", |_| true).await;
    assert_eq!(
        text(&item),
        "This event has already started, so you can't sign up any more."
    );
}

#[wasm_bindgen_test]
async fn signing_up_again_after_a_dropped_connection_reuses_its_key() {
    // No answer for the first try: like a connection that dropped.
    let api = MockApi::new(&[]);
    let props = BookingFormProps {
        source: SlotSource::Event(1),
        mentor: None,
        start: at("2030-06-14T16:00:00+00:00"),
        waitlist: false,
        on_booked: Callback::noop(),
        on_slot_taken: Callback::noop(),
    };
    let form = mount_at::<BookingForm>("/events/1", props).await;
    assert!(
        all(&form.root, "#booking-topic").is_empty(),
        "no note for an event"
    );
    type_into(&form.root, "#booking-name", "Sam");
    type_into(&form.root, "#booking-email", "sam@example.org");
    click(&one(&form.root, "#booking-discreet"));

    submit(&form.root);
    wait_for(&form.root, ".form-alert", |alert| {
        alert.contains("connection")
    })
    .await;
    submit(&form.root);
    assert!(wait_until(|| api.idempotency_keys().len() == 2).await);

    let keys = api.idempotency_keys();
    assert_eq!(keys[0], keys[1], "the server signs up a repeated key once");
    assert_eq!(
        api.requests()[0],
        r#"POST /api/events/1/registrations {"name":"Sam","email":"sam@example.org","discreet":true}"#
    );
}

#[wasm_bindgen_test]
async fn an_unknown_event_says_so() {
    let _api = MockApi::new(&[(
        "GET /api/events/99",
        404,
        &error_json("not_found", "Not found."),
    )]);
    let app = mount_at::<App>("/events/99", ()).await;

    wait_for(&app.root, "h1", |heading| {
        heading == "We can't find that event"
    })
    .await;
    assert_eq!(
        link_named(&app.root, "See all events")
            .get_attribute("href")
            .as_deref(),
        Some("/events")
    );
}

fn event_manage_api(status: &str, position: Option<u32>, extra: &[(&str, u16, &str)]) -> MockApi {
    let booking = event_booking_json(status, position, false);
    let path = format!("GET /api/bookings/manage/{TOKEN}");
    let mut routes = vec![(path.as_str(), 200, booking.as_str())];
    routes.extend_from_slice(extra);
    MockApi::new(&routes)
}

#[wasm_bindgen_test]
async fn managing_an_event_spot_offers_to_cancel_but_no_other_time() {
    let _api = event_manage_api("confirmed", None, &[]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;

    let status = wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;
    assert_eq!(text(&status), "You're booked");
    let buttons: Vec<_> = all(&app.root, ".actions button").iter().map(text).collect();
    assert_eq!(
        buttons,
        ["Cancel my spot"],
        "an event's time can't be changed"
    );
    assert!(text(&one(&app.root, ".facts")).contains("Game night, The Lounge"));
}

#[wasm_bindgen_test]
async fn a_place_on_the_waitlist_says_where_in_line_and_can_be_left() {
    let cancel_path = format!("POST /api/bookings/manage/{TOKEN}/cancel");
    let cancelled = event_booking_json("cancelled", None, false);
    let api = event_manage_api(
        "waitlisted",
        Some(2),
        &[(cancel_path.as_str(), 200, cancelled.as_str())],
    );
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;

    let status = wait_for(&app.root, "#booking-status", |status| !status.is_empty()).await;
    assert_eq!(text(&status), "You're number 2 on the waitlist");
    let buttons: Vec<_> = all(&app.root, ".actions button").iter().map(text).collect();
    assert_eq!(buttons, ["Leave the waitlist"]);
    assert!(
        all(&app.root, "a")
            .iter()
            .all(|link| text(link) != "Add to calendar"),
        "no calendar without a spot"
    );

    click(&button_named(&app.root, "Leave the waitlist"));
    wait_for(&app.root, "h1", |heading| heading == "Leave the waitlist?").await;
    assert!(wait_until(|| document().title() == "Leave the waitlist? · Peer Lounge").await);
    click(&button_named(&app.root, "Stay on the waitlist"));
    wait_for(&app.root, "h1", |heading| heading == "Your booking").await;
    assert_eq!(api.requests().len(), 1, "nothing sent yet");
    click(&button_named(&app.root, "Leave the waitlist"));
    wait_for(&app.root, "h1", |heading| heading == "Leave the waitlist?").await;
    click(&button_named(&app.root, "Yes, leave the waitlist"));

    wait_for(&app.root, "#booking-status", |status| status == "Cancelled").await;
    assert_eq!(api.requests()[1], format!("{cancel_path} {{}}"));
    assert_eq!(
        text(&one(&app.root, ".notice")),
        "You're no longer signed up. You can sign up again any time."
    );
    assert_eq!(
        link_named(&app.root, "See events")
            .get_attribute("href")
            .as_deref(),
        Some("/events")
    );
}

const QUESTIONS: &str = "POST /api/events/1/questions";

fn set_question(root: &web_sys::Element, question: &str) {
    one(root, "#question-message")
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .unwrap()
        .set_value(question);
}

#[wasm_bindgen_test]
async fn a_question_for_the_events_contact_starts_with_the_bookings_name_and_says_sent() {
    let api = event_manage_api("confirmed", None, &[(QUESTIONS, 204, "null")]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;

    let name = wait_for(&app.root, "#question-name", |_| true).await;
    assert!(all(&app.root, "h2")
        .iter()
        .any(|heading| text(heading) == "Questions before the day?"));
    assert_inputs_are_labelled(&app.root);
    assert!(
        wait_until(|| name
            .clone()
            .dyn_into::<web_sys::HtmlInputElement>()
            .unwrap()
            .value()
            == "Sam")
        .await
    );
    assert_eq!(
        text(&one(&app.root, "label[for='question-message']")),
        "Your question"
    );
    assert_eq!(
        text(&one(&app.root, "#question-email-hint")),
        "Only if you'd like an answer before the day. The contact won't see it."
    );

    // An empty question is caught here, and the keyboard lands on it.
    click(&button_named(&app.root, "Send my question"));
    let error = wait_for(&app.root, "#question-message-error", |_| true).await;
    assert_eq!(text(&error), "Please write your question.");
    let message = one(&app.root, "#question-message");
    assert!(wait_until(|| focused().as_ref() == Some(&message)).await);
    assert_eq!(api.requests().len(), 1, "nothing sent yet");

    set_question(&app.root, "  Can I bring a friend? ");
    click(&button_named(&app.root, "Send my question"));
    let sent = wait_for(&app.root, ".notice--success", |_| true).await;
    assert_eq!(
        text(&sent),
        "Sent! The event's contact will get your question."
    );
    assert!(wait_until(|| focused().as_ref() == Some(&sent)).await);
    assert_eq!(
        api.requests()[1],
        format!(r#"{QUESTIONS} {{"name":"Sam","message":"Can I bring a friend?"}}"#)
    );
    assert!(all(&app.root, "#question-message").is_empty());
}

#[wasm_bindgen_test]
async fn a_question_the_server_refuses_says_why_and_a_cancelled_spot_offers_none() {
    let refused = r#"{"error":{"code":"validation","message":"Please check the fields below.",
        "fields":{"email":["Please enter a whole email address."]}}}"#;
    let api = event_manage_api("waitlisted", Some(1), &[(QUESTIONS, 422, refused)]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;

    wait_for(&app.root, "#question-name", |_| true).await;
    type_into(&app.root, "#question-email", "sam@example.org");
    set_question(&app.root, "Is there food?");
    click(&button_named(&app.root, "Send my question"));
    let error = wait_for(&app.root, "#question-email-error", |_| true).await;
    assert_eq!(text(&error), "Please enter a whole email address.");
    assert!(text(&one(&app.root, ".form-alert")).contains("Please check the fields below."));
    let email = one(&app.root, "#question-email");
    assert!(wait_until(|| focused().as_ref() == Some(&email)).await);
    assert!(all(&app.root, ".notice--success").is_empty());
    assert_eq!(
        api.requests()[1],
        format!(
            r#"{QUESTIONS} {{"name":"Sam","email":"sam@example.org","message":"Is there food?"}}"#
        )
    );
    drop(app);
    drop(api);

    let _api = event_manage_api("cancelled", None, &[]);
    let app = mount_at::<ManageApp>(&manage_path(), ()).await;
    wait_for(&app.root, "#booking-status", |status| status == "Cancelled").await;
    assert!(all(&app.root, "#question-message").is_empty());
    assert!(!text(&app.root).contains("Questions before the day?"));
}

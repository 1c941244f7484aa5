//! Browser tests for the staff console: its shell, sign-in, the set-password link, the
//! admin pages, and what happens when the session ends. `fetch` is answered by a stand-in
//! (`common::MockApi`), so each test decides what the API says.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::{
    all, assert_inputs_are_labelled, click, document, mount_at, one, sleep, text, type_into,
    wait_for, wait_until, window, MockApi, Mounted, FOCUSABLE,
};
use frontend::api::{self, auth, ApiFailure};
use frontend::console::components::console_home::coming_soon;
use frontend::console::components::sign_in_form::{SignInForm, SignInFormProps};
use frontend::console::components::toggle_role;
use frontend::console::lounge::{
    check_closure, check_hours, check_new_space, check_space_change, format_clock, next_row,
    parse_clock, parse_date, parse_gmt_offset, parse_local_datetime, row_field, rows_from_hours,
    today_in_zone, window_summary, zone_offset, HoursRow, SpaceDraft,
};
use frontend::console::pages::set_password_page::token_from_fragment;
use frontend::console::words::{
    account_status, attendance_label, booking_rules_in_words, list_in_words, minutes_in_words,
    outbox_state_label, page_count, page_of, role_label, roles_in_words, seats_free,
    seats_in_words, weekday_name,
};
use frontend::console::{Access, App, ConsoleRoute};
use shared::{BookingStatus, Role, StaffAccount, Weekday};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const ADMIN: &str = r#"{"id":1,"email":"ada@example.org","display_name":"Ada","roles":["admin"]}"#;
const MENTOR: &str =
    r#"{"id":2,"email":"sam@example.org","display_name":"Sam","roles":["mentor"]}"#;
const SIGNED_OUT: &str =
    r#"{"error":{"code":"unauthorized","message":"Please sign in to continue."}}"#;
const ACCOUNTS: &str = r#"[
    {"id":1,"email":"ada@example.org","display_name":"Ada","roles":["admin"],"disabled":false,
     "has_password":true,"created_at":"2026-01-05T10:00:00+00:00"},
    {"id":2,"email":"sam@example.org","display_name":"Sam","roles":["mentor"],"disabled":false,
     "has_password":false,"created_at":"2026-01-06T10:00:00+00:00"}
]"#;
const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

async fn render_console_at(path: &str) -> Mounted<App> {
    mount_at(path, ()).await
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

fn focused_id() -> String {
    document()
        .active_element()
        .map(|element| element.id())
        .unwrap_or_default()
}

// The shell

#[wasm_bindgen_test]
async fn console_shell_starts_with_a_skip_link_to_main() {
    let _api = MockApi::new(&[("GET /api/auth/me", 401, SIGNED_OUT)]);
    let app = render_console_at("/staff").await;

    wait_for(&app.root, "h1", |heading| heading == "Staff sign-in").await;
    let first = all(&app.root, FOCUSABLE)
        .into_iter()
        .next()
        .expect("something is focusable");
    assert_eq!(text(&first), "Skip to main content");
    assert_eq!(first.get_attribute("href").as_deref(), Some("#main"));
    let main = one(&app.root, "#main");
    assert_eq!(main.tag_name(), "MAIN");
    assert_eq!(main.get_attribute("tabindex").as_deref(), Some("-1"));
    // Signed out, the header offers no console navigation.
    assert!(all(&app.root, "nav[aria-label='Console']").is_empty());
}

#[wasm_bindgen_test]
async fn signed_in_admin_sees_their_name_roles_and_admin_tools() {
    let _api = MockApi::new(&[("GET /api/auth/me", 200, ADMIN)]);
    let app = render_console_at("/staff").await;

    let lead = wait_for(&app.root, ".console-home .lead", |_| true).await;
    assert_eq!(text(&lead), "Signed in as Ada (admin).");
    let tools: Vec<_> = all(&app.root, ".console-home .link-card__title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        tools,
        [
            "Day sheet",
            "Your mentoring",
            "Events",
            "Supervision",
            "Inventory",
            "Donations",
            "Wishlist",
            "Spaces and opening hours",
            "Topics",
            "Staff accounts",
            "Audit log",
            "Email outbox",
            "Change your password"
        ]
    );
    let nav: Vec<_> = all(&app.root, "nav[aria-label='Console'] a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        nav,
        [
            "Home",
            "Day sheet",
            "Mentoring",
            "Events",
            "Supervision",
            "Inventory",
            "Donations",
            "Wishlist",
            "Spaces",
            "Topics",
            "Staff",
            "Audit log",
            "Outbox",
            "Password"
        ]
    );
    assert_eq!(text(&one(&app.root, "header button")), "Sign out");
}

#[wasm_bindgen_test]
async fn mentor_sees_the_day_sheet_and_their_mentoring_but_no_admin_tools() {
    let _api = MockApi::new(&[("GET /api/auth/me", 200, MENTOR)]);
    let app = render_console_at("/staff").await;

    wait_for(&app.root, ".console-home", |_| true).await;
    let tools: Vec<_> = all(&app.root, ".console-home .link-card__title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        tools,
        [
            "Day sheet",
            "Your mentoring",
            "Events",
            "Change your password"
        ]
    );
    let nav: Vec<_> = all(&app.root, "nav[aria-label='Console'] a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        nav,
        ["Home", "Day sheet", "Mentoring", "Events", "Password"]
    );
    assert!(
        all(&app.root, ".coming-soon").is_empty(),
        "nothing more is coming for mentors"
    );
}

// Sessions and guarded pages

#[wasm_bindgen_test]
async fn signed_out_visitor_of_a_staff_page_is_sent_to_sign_in() {
    let _api = MockApi::new(&[("GET /api/auth/me", 401, SIGNED_OUT)]);
    let app = render_console_at("/staff/audit").await;

    assert!(
        wait_until(|| current_path() == "/staff").await,
        "still at {}",
        current_path()
    );
    wait_for(&app.root, "h1", |heading| heading == "Staff sign-in").await;
    one(&app.root, "form input[type='password']");
}

#[wasm_bindgen_test]
async fn a_401_from_any_request_ends_the_session_and_returns_to_sign_in() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/users", 401, SIGNED_OUT),
    ]);
    let app = render_console_at("/staff/users").await;

    assert!(
        wait_until(|| current_path() == "/staff").await,
        "still at {}",
        current_path()
    );
    let notice = wait_for(&app.root, "[role='status']", |text| {
        text.contains("session has ended")
    })
    .await;
    assert!(notice.is_connected());
    wait_for(&app.root, "h1", |heading| heading == "Staff sign-in").await;
    assert!(api
        .requests()
        .iter()
        .any(|request| request == "GET /api/admin/users"));
}

#[wasm_bindgen_test]
async fn request_layer_reports_a_401_as_signed_out() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 401, SIGNED_OUT),
        ("GET /api/admin/users", 401, SIGNED_OUT),
    ]);
    let heard = Rc::new(Cell::new(0));
    let counter = heard.clone();
    let listener = api::listen_for_unauthorized(move || counter.set(counter.get() + 1));

    // "Who am I?" answered 401 is not a failure: nobody is signed in.
    assert_eq!(auth::current_user().await, Ok(None));
    // Any other request answered 401 is a failure the session listener hears about.
    let failure = api::admin::list_staff_accounts().await.expect_err("a 401");
    drop(listener);

    assert!(failure.is_unauthorized());
    assert_eq!(heard.get(), 2);
    assert_eq!(
        auth::signed_in_user(Err(ApiFailure::Network)),
        Err(ApiFailure::Network),
        "only a 401 means signed out"
    );
}

#[wasm_bindgen_test]
async fn empty_success_answers_and_empty_json_bodies_work() {
    let api = MockApi::new(&[
        ("POST /api/auth/password-reset", 202, "null"),
        ("POST /api/auth/logout", 204, "null"),
    ]);
    let reset = shared::PasswordResetRequest {
        email: "ada@example.org".to_owned(),
    };

    assert_eq!(auth::request_password_reset(&reset).await, Ok(()));
    assert_eq!(auth::sign_out().await, Ok(()));
    assert_eq!(
        api.requests(),
        [
            r#"POST /api/auth/password-reset {"email":"ada@example.org"}"#,
            "POST /api/auth/logout {}",
        ]
    );
}

#[wasm_bindgen_test]
async fn non_admin_opening_an_admin_page_is_told_it_is_not_for_them() {
    let _api = MockApi::new(&[("GET /api/auth/me", 200, MENTOR)]);
    let app = render_console_at("/staff/outbox").await;

    wait_for(&app.root, "h1", |heading| {
        heading == "You don't have access to this page"
    })
    .await;
    assert_eq!(current_path(), "/staff/outbox");
}

#[wasm_bindgen_test]
async fn unknown_console_address_says_so() {
    let _api = MockApi::new(&[("GET /api/auth/me", 401, SIGNED_OUT)]);
    let app = render_console_at("/staff/no-such-page").await;

    wait_for(&app.root, "h1", |heading| {
        heading == "We can't find that page"
    })
    .await;
}

// Sign-in

async fn render_sign_in_form() -> Mounted<SignInForm> {
    let props = SignInFormProps {
        on_signed_in: Callback::noop(),
    };
    mount_at("/staff", props).await
}

#[wasm_bindgen_test]
async fn every_sign_in_input_has_a_label() {
    let form = render_sign_in_form().await;

    assert_inputs_are_labelled(&form.root);
    let autocomplete: Vec<_> = all(&form.root, "input")
        .iter()
        .filter_map(|input| input.get_attribute("autocomplete"))
        .collect();
    assert_eq!(autocomplete, ["username", "current-password"]);
}

#[wasm_bindgen_test]
async fn empty_sign_in_points_at_the_fields_to_fix() {
    let form = render_sign_in_form().await;

    click(&one(&form.root, "button[type='submit']"));
    sleep(0).await;

    let alert = one(&form.root, "[role='alert']");
    assert!(
        !text(&alert).is_empty(),
        "the alert explains what went wrong"
    );
    for id in ["staff-email", "staff-password"] {
        let input = one(&form.root, &format!("#{id}"));
        assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
        let described_by = input
            .get_attribute("aria-describedby")
            .expect("describedby");
        assert!(!text(&one(&form.root, &format!("#{described_by}"))).is_empty());
    }
    assert_eq!(
        focused_id(),
        "staff-email",
        "focus goes to the first field to fix"
    );
}

#[wasm_bindgen_test]
async fn too_many_sign_in_attempts_asks_to_wait() {
    let _api = MockApi::new(&[(
        "POST /api/auth/login",
        429,
        r#"{"error":{"code":"too_many_attempts","message":"Too many attempts."}}"#,
    )]);
    let form = render_sign_in_form().await;

    type_into(&form.root, "#staff-email", "ada@example.org");
    type_into(&form.root, "#staff-password", "not the password");
    click(&one(&form.root, "button[type='submit']"));

    wait_for(&form.root, "[role='alert']", |text| {
        text == "Too many attempts. Please wait a few minutes and try again."
    })
    .await;
}

// Set password

#[wasm_bindgen_test]
fn token_is_read_from_the_link_fragment() {
    assert_eq!(
        token_from_fragment(&format!("#token={TOKEN}")).as_deref(),
        Some(TOKEN)
    );
    assert_eq!(
        token_from_fragment(&format!("token={TOKEN}")).as_deref(),
        Some(TOKEN)
    );
    assert_eq!(
        token_from_fragment(&format!("#x=1&token={TOKEN}")).as_deref(),
        Some(TOKEN)
    );
    assert_eq!(token_from_fragment(""), None);
    assert_eq!(token_from_fragment("#token="), None);
    assert_eq!(
        token_from_fragment(&format!("#token={}", &TOKEN[..63])),
        None,
        "cut short"
    );
    assert_eq!(
        token_from_fragment(&format!("#token={}z", &TOKEN[..63])),
        None,
        "not hex"
    );
}

#[wasm_bindgen_test]
async fn set_password_link_sets_the_password_and_leaves_no_token_in_the_address() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 401, SIGNED_OUT),
        ("POST /api/auth/set-password", 204, "null"),
    ]);
    let app = render_console_at(&format!("/staff/set-password#token={TOKEN}")).await;

    wait_for(&app.root, "h1", |heading| heading == "Set your password").await;
    assert!(
        wait_until(|| current_hash().is_empty()).await,
        "the token stays in the address"
    );
    assert_inputs_are_labelled(&app.root);
    type_into(&app.root, "#new-password", "correct horse battery staple");
    click(&one(&app.root, "form button[type='submit']"));

    wait_for(&app.root, "h1", |heading| heading == "Your password is set").await;
    let sign_in = one(&app.root, "main a[href='/staff']");
    assert_eq!(text(&sign_in), "Sign in");
    let sent = format!(
        r#"POST /api/auth/set-password {{"token":"{TOKEN}","password":"correct horse battery staple"}}"#
    );
    assert!(api.requests().contains(&sent), "{:?}", api.requests());
}

#[wasm_bindgen_test]
async fn set_password_page_without_a_token_offers_a_new_link() {
    let _api = MockApi::new(&[("GET /api/auth/me", 401, SIGNED_OUT)]);
    let app = render_console_at("/staff/set-password").await;

    let alert = wait_for(&app.root, "[role='alert']", |text| {
        text.contains("isn't complete")
    })
    .await;
    let link = one(&alert, "a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/staff/forgot-password")
    );
}

// Admin pages

#[wasm_bindgen_test]
async fn invite_form_groups_role_checkboxes_in_a_labelled_fieldset() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/users", 200, ACCOUNTS),
    ]);
    let app = render_console_at("/staff/users").await;

    let form = wait_for(
        &app.root,
        "section[aria-labelledby='invite-heading'] form",
        |_| true,
    )
    .await;
    let fieldset = one(&form, "fieldset");
    assert_eq!(text(&one(&fieldset, "legend")), "Roles");
    let checkboxes = all(&fieldset, "input[type='checkbox']");
    assert_eq!(checkboxes.len(), 4);
    assert_inputs_are_labelled(&form);
    let labels: Vec<_> = all(&fieldset, "label").iter().map(text).collect();
    assert_eq!(labels, ["Admin", "Supervisor", "Peer mentor", "Facilities"]);
}

#[wasm_bindgen_test]
async fn inviting_without_a_role_points_at_the_roles() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/users", 200, ACCOUNTS),
    ]);
    let app = render_console_at("/staff/users").await;
    let form = wait_for(
        &app.root,
        "section[aria-labelledby='invite-heading'] form",
        |_| true,
    )
    .await;

    type_into(&form, "#invite-email", "new@example.org");
    type_into(&form, "#invite-name", "Robin");
    click(&one(&form, "button[type='submit']"));
    sleep(0).await;

    let fieldset = one(&form, "fieldset");
    let described_by = fieldset
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    let error = one(&fieldset, ".field-error");
    assert!(
        described_by.split(' ').any(|id| id == error.id()),
        "{described_by}"
    );
    assert_eq!(text(&error), "Choose at least one role.");
    assert!(
        wait_until(|| focused_id() == "invite-roles-admin").await,
        "focus is on {}",
        focused_id()
    );
}

#[wasm_bindgen_test]
async fn staff_list_shows_status_in_words_and_confirms_before_disabling() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/users", 200, ACCOUNTS),
        (
            "PATCH /api/admin/users/2",
            409,
            r#"{"error":{"code":"last_admin","message":"There must always be at least one active admin."}}"#,
        ),
    ]);
    let app = render_console_at("/staff/users").await;

    let cards = {
        wait_for(&app.root, ".accounts .card", |_| true).await;
        all(&app.root, ".accounts .card")
    };
    assert_eq!(text(&one(&cards[0], "h3")), "Ada (you)");
    assert!(text(&cards[1]).contains("Invited, no password yet"));

    let disable = all(&cards[1], "button")
        .into_iter()
        .find(|b| text(b) == "Disable account")
        .unwrap();
    click(&disable);
    let question = wait_for(&cards[1], ".confirm p", |_| true).await;
    assert!(text(&question).starts_with("Disable Sam's account?"));
    assert!(
        !api.requests().iter().any(|r| r.starts_with("PATCH")),
        "nothing sent before confirming"
    );

    click(&one(&cards[1], ".confirm .button--primary"));
    wait_for(&cards[1], "[role='alert']", |text| {
        text.contains("at least one active admin")
    })
    .await;
    assert!(api
        .requests()
        .iter()
        .any(|r| r == r#"PATCH /api/admin/users/2 {"disabled":true}"#));
}

#[wasm_bindgen_test]
async fn audit_log_pages_through_entries() {
    let entries = r#"{"items":[{"id":9,"at":"2026-03-01T09:30:00+00:00","actor_id":1,
        "actor_name":"Ada","action":"user.update","target_type":"staff_user","target_id":"2",
        "summary":"Changed roles"}],"page":1,"per_page":20,"total":45}"#;
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/audit", 200, entries),
    ]);
    let app = render_console_at("/staff/audit").await;

    wait_for(&app.root, ".pager__position", |text| text == "Page 1 of 3").await;
    let time = one(&app.root, ".card time");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-03-01T09:30:00.000Z")
    );
    assert!(text(&time).contains("2026"), "{}", text(&time));
    let next = all(&app.root, ".pager button")
        .into_iter()
        .find(|b| text(b) == "Next")
        .unwrap();
    click(&next);
    assert!(
        wait_until(|| api
            .requests()
            .iter()
            .any(|r| r == "GET /api/admin/audit?page=2&per_page=20"))
        .await,
        "{:?}",
        api.requests()
    );

    type_into(&app.root, "#audit-action", "auth.login");
    click(&one(&app.root, "form[role='search'] button[type='submit']"));
    assert!(
        wait_until(|| api
            .requests()
            .iter()
            .any(|r| r == "GET /api/admin/audit?page=1&per_page=20&action=auth.login"))
        .await,
        "{:?}",
        api.requests()
    );
}

#[wasm_bindgen_test]
async fn outbox_offers_requeue_only_for_emails_that_gave_up() {
    let messages = r#"{"items":[
        {"id":7,"kind":"staff_invite","state":"dead","subject":"You're invited","attempts":5,
         "last_error":"mailbox unavailable","created_at":"2026-03-01T09:30:00+00:00",
         "next_attempt_at":"2026-03-01T10:30:00+00:00","sent_at":null},
        {"id":8,"kind":"password_reset","state":"sent","subject":"Reset","attempts":1,
         "last_error":null,"created_at":"2026-03-01T09:30:00+00:00",
         "next_attempt_at":"2026-03-01T09:30:00+00:00","sent_at":"2026-03-01T09:31:00+00:00"}
        ],"page":1,"per_page":20,"total":2}"#;
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/outbox", 200, messages),
        ("POST /api/admin/outbox/7/requeue", 204, "null"),
    ]);
    let app = render_console_at("/staff/outbox").await;

    wait_for(&app.root, ".card", |_| true).await;
    assert_inputs_are_labelled(&app.root);
    let cards = all(&app.root, ".cards .card");
    assert!(text(&cards[0]).contains("Gave up after several tries"));
    assert!(text(&cards[0]).contains("mailbox unavailable"));
    assert!(
        all(&cards[1], "button").is_empty(),
        "a sent email has nothing to re-queue"
    );

    click(&one(&cards[0], "button"));
    wait_for(&app.root, "[role='status']", |text| {
        text.contains("back in the queue")
    })
    .await;
    assert!(api
        .requests()
        .iter()
        .any(|r| r == "POST /api/admin/outbox/7/requeue {}"));
}

// Words

#[wasm_bindgen_test]
fn paging_is_described_in_words() {
    assert_eq!(page_of(2, 20, 95), "Page 2 of 5");
    assert_eq!(page_of(1, 20, 0), "Page 1 of 1");
    assert_eq!(page_count(40, 20), 2);
    assert_eq!(page_count(41, 20), 3);
    assert_eq!(
        page_count(5, 0),
        5,
        "a zero page size never divides by zero"
    );
}

#[wasm_bindgen_test]
fn roles_and_states_are_described_in_plain_words() {
    assert_eq!(role_label(Role::Mentor), "Peer mentor");
    assert_eq!(roles_in_words(&[Role::Admin]), "admin");
    assert_eq!(
        roles_in_words(&[Role::Facilities, Role::Admin, Role::Mentor]),
        "admin, peer mentor and facilities staff"
    );
    assert_eq!(roles_in_words(&[]), "no roles yet");
    assert_eq!(list_in_words(&["a".to_owned(), "b".to_owned()]), "a and b");
    assert_eq!(outbox_state_label("dead"), "Gave up after several tries");
    assert_eq!(outbox_state_label("strange"), "strange");
    assert!(coming_soon(&[Role::Admin]).is_empty());

    let account = |disabled, has_password| StaffAccount {
        id: 1,
        email: "a@example.org".to_owned(),
        display_name: "A".to_owned(),
        roles: vec![Role::Mentor],
        disabled,
        has_password,
        created_at: chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap(),
    };
    assert_eq!(account_status(&account(false, true)), "Active");
    assert_eq!(
        account_status(&account(false, false)),
        "Invited, no password yet"
    );
    assert_eq!(account_status(&account(true, true)), "Disabled");
}

#[wasm_bindgen_test]
fn toggling_a_role_keeps_the_usual_order() {
    assert_eq!(
        toggle_role(&[Role::Mentor], Role::Admin),
        [Role::Admin, Role::Mentor]
    );
    assert_eq!(
        toggle_role(&[Role::Admin, Role::Mentor], Role::Admin),
        [Role::Mentor]
    );
}

#[wasm_bindgen_test]
fn console_routes_live_under_staff() {
    use yew_router::Routable;
    assert_eq!(ConsoleRoute::Home.to_path(), "/staff");
    assert_eq!(ConsoleRoute::recognize("/staff/"), Some(ConsoleRoute::Home));
    assert_eq!(
        ConsoleRoute::recognize("/staff/set-password"),
        Some(ConsoleRoute::SetPassword)
    );
    assert_eq!(
        ConsoleRoute::recognize("/staff/nope"),
        Some(ConsoleRoute::NotFound)
    );
}

// Lounge pages: spaces, opening hours, closures and the day sheet

const FACILITIES: &str =
    r#"{"id":3,"email":"kim@example.org","display_name":"Kim","roles":["facilities"]}"#;
const ADMIN_SPACES: &str = r#"[{"id":1,"name":"The Lounge","capacity":12,
    "description":"A calm room.","accessibility_notes":"Step-free.","house_rules":"Be kind.",
    "min_notice_minutes":90,"horizon_days":28,"max_upcoming_per_email":3}]"#;
const PUBLIC_SPACES: &str = r#"[{"id":1,"name":"The Lounge","capacity":12,
    "description":"A calm room.","accessibility_notes":"Step-free.","house_rules":"Be kind."}]"#;
const MONDAY_HOURS: &str =
    r#"{"rules":[{"weekday":"mon","opens":"15:00","closes":"19:00","slot_minutes":60}]}"#;

fn row(key: u32, weekday: Weekday, opens: &str, closes: &str, slot: &str) -> HoursRow {
    HoursRow {
        key,
        weekday,
        opens: opens.to_owned(),
        closes: closes.to_owned(),
        slot_minutes: slot.to_owned(),
    }
}

fn problem(problems: &shared::FieldErrors, field: &str) -> String {
    problems
        .get(field)
        .map(|messages| messages.join(" "))
        .unwrap_or_else(|| panic!("no problem with {field}: {problems:?}"))
}

/// Picks `value` in a `<select>` as a person would, so the page hears about it.
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

/// Types `value` into an input or textarea whose text the page keeps, firing `input` as
/// typing does.
fn type_text(root: &web_sys::Element, selector: &str, value: &str) {
    js_sys::Reflect::set(&one(root, selector), &"value".into(), &value.into())
        .expect("inputs and textareas have a value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let input = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    one(root, selector).dispatch_event(&input).unwrap();
}

fn button_named(root: &web_sys::Element, name: &str) -> web_sys::Element {
    all(root, "button")
        .into_iter()
        .find(|button| text(button) == name)
        .unwrap_or_else(|| panic!("no button {name:?}; page was: {}", root.inner_html()))
}

#[wasm_bindgen_test]
fn clock_times_are_read_and_written_as_hh_mm() {
    assert_eq!(parse_clock("09:30"), Some(570));
    assert_eq!(parse_clock("00:00"), Some(0));
    assert_eq!(parse_clock("23:59"), Some(1439));
    assert_eq!(parse_clock("15:00:00"), Some(900), "seconds are ignored");
    assert_eq!(parse_clock("9:30"), None, "the API wants two digits");
    assert_eq!(parse_clock("24:00"), None);
    assert_eq!(parse_clock("12:60"), None);
    assert_eq!(parse_clock(""), None);
    assert_eq!(parse_clock("1a:00"), None);
    assert_eq!(format_clock(570), "09:30");
    assert_eq!(format_clock(1439), "23:59");
}

#[wasm_bindgen_test]
fn opening_hours_rows_are_checked_like_the_server_does() {
    let hours = check_hours(&[
        row(0, Weekday::Mon, "15:00", "19:00", "60"),
        row(1, Weekday::Mon, "10:00", "12:00", " 30 "),
        row(2, Weekday::Tue, "15:00", "19:00", "60"),
    ])
    .expect("valid rows");
    assert_eq!(hours.rules.len(), 3);
    assert_eq!(
        hours.rules[1],
        shared::OpeningRule {
            weekday: Weekday::Mon,
            opens: "10:00".to_owned(),
            closes: "12:00".to_owned(),
            slot_minutes: 30,
        }
    );
    assert!(check_hours(&[]).unwrap().rules.is_empty(), "a closed week");

    let problems = check_hours(&[
        row(0, Weekday::Mon, "", "19:00", "60"),
        row(1, Weekday::Mon, "19:00", "15:00", "60"),
        row(2, Weekday::Mon, "15:00", "16:00", "90"),
        row(3, Weekday::Wed, "15:00", "16:00", "4"),
        row(4, Weekday::Wed, "15:00", "16:00", ""),
    ])
    .expect_err("every row has a problem");
    assert_eq!(
        problem(&problems, "rules[0].opens"),
        "Enter an opening time, like 09:30."
    );
    assert_eq!(
        problem(&problems, "rules[1].closes"),
        "Closing time must be after opening time."
    );
    assert!(problem(&problems, "rules[2].slot_minutes").contains("no longer than the window"));
    assert!(problem(&problems, "rules[3].slot_minutes").contains("at least 5"));
    assert!(problem(&problems, "rules[4].slot_minutes").contains("in minutes"));

    // Overlaps are told on the later row, naming the earlier one; touching is fine.
    let problems = check_hours(&[
        row(0, Weekday::Mon, "15:00", "19:00", "60"),
        row(1, Weekday::Tue, "16:00", "17:00", "60"),
        row(2, Weekday::Mon, "19:00", "20:00", "60"),
        row(3, Weekday::Mon, "18:00", "20:00", "60"),
    ])
    .expect_err("window 4 overlaps window 1");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problem(&problems, "rules[3].opens"),
        "This overlaps window 1 (Monday 15:00 to 19:00). Windows on one day can't overlap."
    );
}

#[wasm_bindgen_test]
fn rows_come_from_the_saved_week_and_new_ones_continue_it() {
    let hours = shared::OpeningHours {
        rules: vec![shared::OpeningRule {
            weekday: Weekday::Sat,
            opens: "12:00".to_owned(),
            closes: "17:00".to_owned(),
            slot_minutes: 60,
        }],
    };
    let rows = rows_from_hours(&hours);
    assert_eq!(rows, [row(0, Weekday::Sat, "12:00", "17:00", "60")]);
    assert_eq!(
        next_row(&rows),
        row(1, Weekday::Sun, "12:00", "17:00", "60"),
        "the next day, same times"
    );
    assert_eq!(
        next_row(&[row(4, Weekday::Sun, "10:00", "11:00", "30")]).weekday,
        Weekday::Mon,
        "Sunday wraps to Monday"
    );
    assert_eq!(next_row(&[]), row(0, Weekday::Mon, "15:00", "19:00", "60"));
    assert_eq!(row_field(2, "closes"), "rules[2].closes");
}

#[wasm_bindgen_test]
fn each_window_says_how_many_slots_it_makes() {
    assert_eq!(
        window_summary(&row(0, Weekday::Mon, "15:00", "19:00", "60")).as_deref(),
        Some("4 slots of 1 hour.")
    );
    assert_eq!(
        window_summary(&row(0, Weekday::Mon, "15:00", "16:40", "45")).as_deref(),
        Some("2 slots of 45 minutes. The last 10 minutes can't be booked: they don't make a whole slot.")
    );
    assert_eq!(
        window_summary(&row(0, Weekday::Mon, "09:00", "10:30", "90")).as_deref(),
        Some("1 slot of 1 hour 30 minutes.")
    );
    assert_eq!(
        window_summary(&row(0, Weekday::Mon, "15:00", "", "60")),
        None
    );
}

#[wasm_bindgen_test]
fn space_forms_check_names_and_numbers_by_the_servers_limits() {
    let draft = SpaceDraft {
        name: "  Garden room ".to_owned(),
        capacity: "8".to_owned(),
        description: "Plants.".to_owned(),
        min_notice_minutes: "0".to_owned(),
        horizon_days: "14".to_owned(),
        max_upcoming_per_email: "2".to_owned(),
        ..SpaceDraft::default()
    };
    let new = check_new_space(&draft).expect("a valid new space");
    assert_eq!((new.name.as_str(), new.capacity), ("Garden room", 8));
    let change = check_space_change(&draft).expect("a valid change");
    assert_eq!(change.min_notice_minutes, Some(0), "0 keeps booking open");
    assert_eq!(change.horizon_days, Some(14));
    assert_eq!(change.max_upcoming_per_email, Some(2));
    assert_eq!(change.description.as_deref(), Some("Plants."));

    let problems = check_space_change(&SpaceDraft {
        name: " ".to_owned(),
        capacity: "501".to_owned(),
        house_rules: "x".repeat(2001),
        min_notice_minutes: "-5".to_owned(),
        horizon_days: "0".to_owned(),
        max_upcoming_per_email: "two".to_owned(),
        ..SpaceDraft::default()
    })
    .expect_err("all wrong");
    assert_eq!(
        problem(&problems, "capacity"),
        "Enter a whole number from 1 to 500."
    );
    assert_eq!(
        problem(&problems, "min_notice_minutes"),
        "Enter a whole number from 0 to 10080."
    );
    assert_eq!(
        problem(&problems, "horizon_days"),
        "Enter a whole number from 1 to 365."
    );
    assert_eq!(
        problem(&problems, "max_upcoming_per_email"),
        "Enter a whole number from 1 to 50."
    );
    assert!(problem(&problems, "name").contains("1 to 80 characters"));
    assert!(problem(&problems, "house_rules").contains("2,000"));
}

#[wasm_bindgen_test]
fn closure_times_are_read_from_date_and_time_inputs() {
    assert_eq!(
        parse_date("2026-12-24"),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 24)
    );
    assert_eq!(parse_date("2026-02-30"), None);
    assert_eq!(parse_date("26-12-24"), None);
    assert_eq!(
        parse_local_datetime("2026-12-24T18:05"),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 24).and_then(|d| d.and_hms_opt(18, 5, 0))
    );
    assert_eq!(parse_local_datetime("2026-12-24"), None);

    let new_york = |_| chrono::FixedOffset::west_opt(5 * 3600);
    let closure = check_closure(
        "2026-12-24T18:00",
        "2026-12-27T09:00",
        " Holidays ",
        new_york,
    )
    .expect("a valid closure");
    assert_eq!(closure.from.to_rfc3339(), "2026-12-24T18:00:00-05:00");
    assert_eq!(closure.to.to_rfc3339(), "2026-12-27T09:00:00-05:00");
    assert_eq!(closure.reason, "Holidays");

    let problems = check_closure("2026-12-24T18:00", "2026-12-24T17:00", "", new_york)
        .expect_err("backwards and no reason");
    assert_eq!(
        problem(&problems, "to"),
        "The closure must end after it starts."
    );
    assert!(problem(&problems, "reason").contains("1 to 200"));
    let problems = check_closure("", "", "Clean", new_york).expect_err("no times");
    assert!(problems.contains_key("from") && problems.contains_key("to"));
}

#[wasm_bindgen_test]
fn booking_rules_seats_and_attendance_are_described_in_plain_words() {
    assert_eq!(minutes_in_words(0), "0 minutes");
    assert_eq!(minutes_in_words(45), "45 minutes");
    assert_eq!(minutes_in_words(60), "1 hour");
    assert_eq!(minutes_in_words(150), "2 hours 30 minutes");
    assert_eq!(minutes_in_words(2 * 1440 + 1), "2 days 1 minute");

    let spaces: Vec<shared::AdminSpace> = serde_json_like(ADMIN_SPACES);
    assert_eq!(
        booking_rules_in_words(&spaces[0]),
        [
            "Booking closes 1 hour 30 minutes before a slot starts.",
            "Young people can book up to 28 days ahead.",
            "One email address can hold up to 3 upcoming bookings at a time.",
        ]
    );

    let slot = |capacity, booked, walk_ins| shared::DaySheetSlot {
        start: chrono::DateTime::parse_from_rfc3339("2026-03-02T15:00:00-05:00").unwrap(),
        end: chrono::DateTime::parse_from_rfc3339("2026-03-02T16:00:00-05:00").unwrap(),
        capacity,
        booked,
        walk_ins,
        bookings: Vec::new(),
    };
    assert_eq!(seats_free(&slot(12, 2, 1)), 9);
    assert_eq!(seats_in_words(&slot(12, 2, 1)), "9 of 12 seats free");
    assert_eq!(seats_in_words(&slot(3, 2, 1)), "Full (3 seats)");
    assert_eq!(
        seats_free(&slot(3, 3, 1)),
        0,
        "a smaller capacity never goes below zero"
    );

    assert_eq!(attendance_label(BookingStatus::Attended), "Checked in");
    assert_eq!(
        attendance_label(BookingStatus::DidntMakeIt),
        "Didn't make it"
    );
    assert_eq!(attendance_label(BookingStatus::Confirmed), "Booked");
    assert_eq!(weekday_name(Weekday::Sun), "Sunday");
}

/// Reads JSON through the browser and serde, as the API layer does.
fn serde_json_like<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(json).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn lounge_pages_are_open_to_the_roles_the_server_lets_in() {
    let user = |roles: &[Role]| shared::StaffUser {
        id: 1,
        email: "a@example.org".to_owned(),
        display_name: "A".to_owned(),
        roles: roles.to_vec(),
    };
    let day = ConsoleRoute::DaySheet.access();
    assert_eq!(day, Access::LoungeDesk);
    assert!(day.allows(&user(&[Role::Mentor])));
    assert!(day.allows(&user(&[Role::Supervisor])));
    assert!(day.allows(&user(&[Role::Admin])), "admins pass everything");
    assert!(!day.allows(&user(&[Role::Facilities])));

    for route in [
        ConsoleRoute::Spaces,
        ConsoleRoute::Space { id: 1 },
        ConsoleRoute::OpeningHours { id: 1 },
        ConsoleRoute::Closures { id: 1 },
    ] {
        assert_eq!(route.access(), Access::Admin, "{route:?}");
        assert!(!route
            .access()
            .allows(&user(&[Role::Supervisor, Role::Mentor])));
    }
    assert!(ConsoleRoute::ChangePassword
        .access()
        .allows(&user(&[Role::Facilities])));

    use yew_router::Routable;
    assert_eq!(
        ConsoleRoute::recognize("/staff/spaces/7/hours"),
        Some(ConsoleRoute::OpeningHours { id: 7 })
    );
    assert_eq!(
        ConsoleRoute::Closures { id: 7 }.to_path(),
        "/staff/spaces/7/closures"
    );
    assert_eq!(
        ConsoleRoute::recognize("/staff/day"),
        Some(ConsoleRoute::DaySheet)
    );
}

#[wasm_bindgen_test]
async fn facilities_staff_are_told_the_day_sheet_is_for_the_lounge_desk() {
    let api = MockApi::new(&[("GET /api/auth/me", 200, FACILITIES)]);
    let app = render_console_at("/staff/day").await;

    wait_for(&app.root, "h1", |heading| {
        heading == "You don't have access to this page"
    })
    .await;
    assert!(text(&one(&app.root, "main")).contains("supervisors and peer mentors"));
    assert!(
        !api.requests().iter().any(|r| r.contains("/day")),
        "nothing asked of the server"
    );
}

/// A day sheet with one slot that started 10 minutes ago, Ana booked into it.
fn day_sheet_json(walk_ins: u32) -> (String, String) {
    let now = frontend::clock::now().fixed_offset();
    let start = now - chrono::Duration::minutes(10);
    let end = now + chrono::Duration::minutes(50);
    let slot = format!(
        r#"{{"start":"{}","end":"{}","capacity":3,"booked":1,"walk_ins":{walk_ins},
            "bookings":[{{"id":7,"name":"Ana","status":"confirmed"}}]}}"#,
        start.to_rfc3339(),
        end.to_rfc3339()
    );
    let sheet = format!(
        r#"{{"date":"{}","slots":[{slot}]}}"#,
        frontend::clock::local_today()
    );
    (sheet, slot)
}

#[wasm_bindgen_test]
async fn the_day_sheet_checks_people_in_and_counts_walk_ins() {
    let (sheet, _) = day_sheet_json(0);
    let (_, slot_after) = day_sheet_json(1);
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/spaces", 200, PUBLIC_SPACES),
        ("GET /api/admin/spaces/1/day", 200, &sheet),
        ("POST /api/admin/bookings/7/check-in", 200, r#""attended""#),
        (
            "POST /api/admin/bookings/7/didnt-make-it",
            200,
            r#""didnt_make_it""#,
        ),
        ("POST /api/admin/spaces/1/walk-ins", 200, &slot_after),
    ]);
    let app = render_console_at("/staff/day").await;

    let table = wait_for(&app.root, "table.sheet-table", |_| true).await;
    assert_inputs_are_labelled(&app.root);
    assert!(text(&one(&app.root, "h2")).ends_with("(today)"));
    assert_eq!(
        text(&one(&table, "caption")).split(" at ").next(),
        Some("1 booking")
    );
    let columns: Vec<_> = all(&table, "thead th[scope='col']")
        .iter()
        .map(text)
        .collect();
    assert_eq!(columns, ["Name", "Status", "Actions"]);
    let row = one(&table, "tbody tr");
    assert_eq!(text(&one(&row, "th[scope='row']")), "Ana");
    assert!(text(&row).contains("Booked"));
    let card = one(&app.root, ".slot-sheet");
    assert!(text(&card).contains("2 of 3 seats free"), "{}", text(&card));
    assert!(text(&card).contains("Happening now"));

    click(&button_named(&row, "Check in Ana"));
    wait_for(&app.root, "[role='status']", |t| t == "Ana: Checked in.").await;
    click(&button_named(&row, "Didn't make it: Ana"));
    wait_for(&app.root, "[role='status']", |t| {
        t == "Ana: Didn't make it."
    })
    .await;

    let add = all(&card, "button")
        .into_iter()
        .find(|b| text(b).starts_with("Add a walk-in"))
        .expect("a walk-in counter on the day");
    click(&add);
    wait_for(&app.root, "[role='status']", |t| {
        t.starts_with("Walk-ins at") && t.ends_with(": 1. 1 of 3 seats free.")
    })
    .await;

    let requests = api.requests();
    assert!(requests.contains(&"POST /api/admin/bookings/7/check-in {}".to_owned()));
    assert!(requests.contains(&"POST /api/admin/bookings/7/didnt-make-it {}".to_owned()));
    let walk_in = requests
        .iter()
        .find(|r| r.starts_with("POST /api/admin/spaces/1/walk-ins"))
        .expect("the walk-in was sent");
    assert!(
        walk_in.contains(r#"{"delta":1,"start":""#),
        "the slot is named: {walk_in}"
    );
    assert!(
        requests.contains(&"GET /api/admin/spaces/1/day".to_owned()),
        "the lounge's own today, not the device's: {requests:?}"
    );
    assert!(!text(&app.root).contains("@"), "no emails on the day sheet");
}

#[wasm_bindgen_test]
async fn a_full_lounge_is_said_next_to_its_slot_and_no_one_is_removed_below_zero() {
    let (sheet, _) = day_sheet_json(0);
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/spaces", 200, PUBLIC_SPACES),
        ("GET /api/admin/spaces/1/day", 200, &sheet),
        (
            "POST /api/admin/spaces/1/walk-ins",
            409,
            r#"{"error":{"code":"slot_full","message":"The lounge is full for that time."}}"#,
        ),
    ]);
    let app = render_console_at("/staff/day").await;
    let card = wait_for(&app.root, ".slot-sheet", |_| true).await;

    let remove = all(&card, "button")
        .into_iter()
        .find(|b| text(b).starts_with("Remove a walk-in"))
        .unwrap();
    click(&remove);
    wait_for(&card, "[role='alert']", |t| {
        t.contains("no walk-ins to remove")
    })
    .await;
    assert!(!api.requests().iter().any(|r| r.starts_with("POST")));

    let add = all(&card, "button")
        .into_iter()
        .find(|b| text(b).starts_with("Add a walk-in"))
        .unwrap();
    click(&add);
    wait_for(&card, "[role='alert']", |t| {
        t.contains("The lounge is full for that time.")
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_opening_hours_editor_adds_rows_and_refuses_overlaps_before_saving() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/spaces", 200, ADMIN_SPACES),
        ("GET /api/admin/spaces/1/opening-hours", 200, MONDAY_HOURS),
        ("PUT /api/admin/spaces/1/opening-hours", 200, MONDAY_HOURS),
    ]);
    let app = render_console_at("/staff/spaces/1/hours").await;

    let form = wait_for(&app.root, "form.hours-form", |_| true).await;
    assert_inputs_are_labelled(&form);
    assert_eq!(text(&one(&form, "legend")), "Window 1");
    assert!(text(&form).contains("4 slots of 1 hour."));
    let current: Vec<_> = all(
        &app.root,
        "nav[aria-label='This space'] [aria-current='page']",
    )
    .iter()
    .map(text)
    .collect();
    assert_eq!(current, ["Opening hours"]);

    click(&button_named(&form, "Add a window"));
    sleep(0).await;
    let legends: Vec<_> = all(&form, "legend").iter().map(text).collect();
    assert_eq!(legends, ["Window 1", "Window 2"]);
    let selects = all(&form, "select");
    assert!(
        wait_until(|| focused_id() == selects[1].id()).await,
        "focus goes to the new row, not {}",
        focused_id()
    );
    let new_day = selects[1]
        .clone()
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap()
        .value();
    assert_eq!(new_day, Weekday::Tue.index().to_string(), "the next day");

    // Make it a second Monday window at the same time: it overlaps.
    choose(
        &form,
        &format!("#{}", selects[1].id()),
        &Weekday::Mon.index().to_string(),
    );
    click(&one(&form, "button[type='submit']"));
    let alert = wait_for(&form, "[role='alert']", |t| t.contains("Window 2:")).await;
    assert!(text(&alert).contains("overlaps window 1 (Monday 15:00 to 19:00)"));
    let opens = all(&form, "input[type='time']")[2].clone();
    assert_eq!(opens.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described_by = opens.get_attribute("aria-describedby").unwrap();
    assert!(text(&one(&form, &format!("#{described_by}"))).contains("overlaps"));
    assert!(
        wait_until(|| focused_id() == opens.id()).await,
        "focus goes to the field to fix, not {}",
        focused_id()
    );
    assert!(!api.requests().iter().any(|r| r.starts_with("PUT")));

    let remove = all(&form, "button")
        .into_iter()
        .find(|b| text(b) == "Remove window 2")
        .unwrap();
    click(&remove);
    sleep(0).await;
    assert_eq!(all(&form, "legend").len(), 1);
    assert!(
        all(&form, "[aria-invalid='true']").is_empty(),
        "a fresh start"
    );
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "[role='status']", |t| t == "Opening hours saved.").await;
    assert!(api.requests().contains(
        &r#"PUT /api/admin/spaces/1/opening-hours {"rules":[{"weekday":"mon","opens":"15:00","closes":"19:00","slot_minutes":60}]}"#
            .to_owned()
    ));
}

#[wasm_bindgen_test]
async fn the_servers_opening_hours_errors_are_shown_next_to_the_form() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/spaces", 200, ADMIN_SPACES),
        ("GET /api/admin/spaces/1/opening-hours", 200, MONDAY_HOURS),
        (
            "PUT /api/admin/spaces/1/opening-hours",
            422,
            r#"{"error":{"code":"validation_failed","message":"Some details need another look.",
                "fields":{"rules":["two windows on mon overlap."],
                          "rules[0].slot_minutes":["A slot is at least 5 minutes and fits inside its window."]}}}"#,
        ),
    ]);
    let app = render_console_at("/staff/spaces/1/hours").await;
    let form = wait_for(&app.root, "form.hours-form", |_| true).await;

    click(&one(&form, "button[type='submit']"));
    let alert = wait_for(&form, "[role='alert']", |t| t.contains("overlap")).await;
    let items: Vec<_> = all(&alert, "li").iter().map(text).collect();
    assert_eq!(
        items,
        [
            "Two windows on mon overlap.",
            "Window 1: A slot is at least 5 minutes and fits inside its window."
        ]
    );
    let slot = one(&form, "input[type='number']");
    assert_eq!(slot.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(wait_until(|| focused_id() == slot.id()).await);
}

#[wasm_bindgen_test]
async fn closures_warn_about_cancelled_bookings_and_are_removed_only_after_confirming() {
    let closures = r#"[{"id":5,"from":"2030-01-05T09:00:00-05:00","to":"2030-01-05T17:00:00-05:00",
        "reason":"Deep clean","cancelled_bookings":0}]"#;
    let added = r#"{"id":6,"from":"2030-02-01T09:00:00-05:00","to":"2030-02-02T09:00:00-05:00",
        "reason":"Staff training","cancelled_bookings":2}"#;
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/spaces", 200, ADMIN_SPACES),
        ("GET /api/admin/spaces/1/closures", 200, closures),
        // A zone unlike the test machine's: the times must be read on its clock.
        (
            "GET /api/health",
            200,
            r#"{"status":"ok","database":"ok","version":"0","timezone":"Asia/Kolkata"}"#,
        ),
        ("POST /api/admin/spaces/1/closures", 201, added),
        ("DELETE /api/admin/spaces/1/closures/5", 204, "null"),
    ]);
    let app = render_console_at("/staff/spaces/1/closures").await;

    let card = wait_for(&app.root, ".closures .card", |_| true).await;
    assert_eq!(text(&one(&card, "h3")), "Deep clean");
    let form = one(
        &app.root,
        "section[aria-labelledby='add-closure-heading'] form",
    );
    assert_inputs_are_labelled(&form);
    let submit = one(&form, "button[type='submit']");
    let warning = one(
        &form,
        &format!("#{}", submit.get_attribute("aria-describedby").unwrap()),
    );
    assert!(text(&warning).contains("cancelled as soon as you add the closure"));

    click(&submit);
    wait_for(&form, "[role='alert']", |t| !t.is_empty()).await;
    assert!(wait_until(|| focused_id() == "closure-from").await);
    assert_eq!(all(&form, "[aria-invalid='true']").len(), 3);

    type_into(&form, "#closure-from", "2030-02-01T09:00");
    type_into(&form, "#closure-to", "2030-02-02T09:00");
    type_into(&form, "#closure-reason", "Staff training");
    click(&submit);
    wait_for(&app.root, "[role='status']", |t| {
        t.contains("2 bookings were cancelled")
    })
    .await;
    let sent = api
        .requests()
        .into_iter()
        .find(|r| r.starts_with("POST /api/admin/spaces/1/closures"))
        .unwrap();
    assert!(
        sent.contains(r#""from":"2030-02-01T09:00:00+05:30""#),
        "{sent}"
    );
    assert!(
        sent.contains(r#""to":"2030-02-02T09:00:00+05:30""#),
        "{sent}"
    );
    assert!(sent.contains(r#""reason":"Staff training""#), "{sent}");

    click(&button_named(&card, "Remove the closure Deep clean"));
    let question = wait_for(&card, ".confirm p", |_| true).await;
    assert!(text(&question).starts_with("Remove the closure \u{201c}Deep clean\u{201d}?"));
    assert!(!api.requests().iter().any(|r| r.starts_with("DELETE")));
    click(&button_named(&card, "Yes, remove it"));
    assert!(
        wait_until(|| api
            .requests()
            .iter()
            .any(|r| r == "DELETE /api/admin/spaces/1/closures/5"))
        .await
    );
}

#[wasm_bindgen_test]
async fn spaces_list_their_rules_in_words_and_a_new_space_leads_to_its_hours() {
    let created = r#"{"id":2,"name":"Garden room","capacity":8,"description":"",
        "accessibility_notes":"","house_rules":"","min_notice_minutes":60,"horizon_days":28,
        "max_upcoming_per_email":3}"#;
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/spaces", 200, ADMIN_SPACES),
        ("POST /api/admin/spaces", 201, created),
    ]);
    let app = render_console_at("/staff/spaces").await;

    let card = wait_for(&app.root, ".spaces-list .card", |_| true).await;
    assert!(text(&card).contains("12 seats"));
    assert!(text(&card).contains("Booking closes 1 hour 30 minutes before a slot starts."));
    let links: Vec<_> = all(&card, "a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(
        links,
        [
            "/staff/spaces/1",
            "/staff/spaces/1/hours",
            "/staff/spaces/1/closures"
        ]
    );

    let form = one(
        &app.root,
        "section[aria-labelledby='add-space-heading'] form",
    );
    assert_inputs_are_labelled(&form);
    type_text(&form, "#space-name", "Garden room");
    type_text(&form, "#space-capacity", "0");
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "#space-capacity-error", |t| t.contains("1 to 500")).await;
    assert!(wait_until(|| focused_id() == "space-capacity").await);

    type_text(&form, "#space-capacity", "8");
    click(&one(&form, "button[type='submit']"));
    let notice = wait_for(&app.root, ".notice--success", |t| {
        t.contains("Garden room is added")
    })
    .await;
    assert_eq!(
        one(&notice, "a").get_attribute("href").as_deref(),
        Some("/staff/spaces/2/hours")
    );
    assert!(api.requests().contains(
        &r#"POST /api/admin/spaces {"name":"Garden room","capacity":8,"description":"","accessibility_notes":"","house_rules":""}"#
            .to_owned()
    ));
}

#[wasm_bindgen_test]
async fn a_spaces_booking_rules_are_saved_with_its_details() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/admin/spaces", 200, ADMIN_SPACES),
        (
            "PATCH /api/admin/spaces/1",
            200,
            r#"{"id":1,"name":"The Lounge","capacity":10,
            "description":"A calm room.","accessibility_notes":"Step-free.","house_rules":"Be kind.",
            "min_notice_minutes":0,"horizon_days":28,"max_upcoming_per_email":3}"#,
        ),
    ]);
    let app = render_console_at("/staff/spaces/1").await;

    let form = wait_for(&app.root, "form", |_| true).await;
    wait_for(&form, "legend", |t| t == "About the space").await;
    assert_inputs_are_labelled(&form);
    let legends: Vec<_> = all(&form, "legend").iter().map(text).collect();
    assert_eq!(legends, ["About the space", "Booking rules"]);
    let notice = one(&form, "#space-min-notice")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    assert_eq!(notice.value(), "90", "the form starts from what is saved");
    assert!(one(&form, "#space-min-notice")
        .get_attribute("aria-describedby")
        .is_some_and(|ids| ids.contains("space-min-notice-hint")));

    type_text(&form, "#space-capacity", "10");
    type_text(&form, "#space-min-notice", "0");
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "[role='status']", |t| t == "Changes saved.").await;
    assert!(api.requests().contains(
        &r#"PATCH /api/admin/spaces/1 {"name":"The Lounge","capacity":10,"description":"A calm room.","accessibility_notes":"Step-free.","house_rules":"Be kind.","min_notice_minutes":0,"horizon_days":28,"max_upcoming_per_email":3}"#
            .to_owned()
    ));
}

#[wasm_bindgen_test]
fn closure_times_are_read_on_the_lounges_clock_across_a_clock_change() {
    use chrono::{FixedOffset, NaiveDate};
    let at = |y, m, d, h, min| {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    };
    let hours = |h: i32| FixedOffset::east_opt(h * 3600).unwrap();
    // New York's clocks go forward at 02:00 on 14 March 2027.
    assert_eq!(
        zone_offset("America/New_York", at(2027, 3, 13, 10, 0)),
        Some(hours(-5))
    );
    assert_eq!(
        zone_offset("America/New_York", at(2027, 3, 14, 10, 0)),
        Some(hours(-4))
    );
    // 02:30 does not exist that night: the offset from before the change.
    assert_eq!(
        zone_offset("America/New_York", at(2027, 3, 14, 2, 30)),
        Some(hours(-5))
    );
    assert_eq!(
        zone_offset("Europe/London", at(2027, 1, 5, 9, 0)),
        Some(hours(0))
    );
    assert_eq!(
        zone_offset("Europe/London", at(2027, 7, 5, 9, 0)),
        Some(hours(1))
    );
    assert_eq!(
        zone_offset("Asia/Kolkata", at(2027, 7, 5, 9, 0)),
        FixedOffset::east_opt(5 * 3600 + 30 * 60)
    );
    assert_eq!(zone_offset("Not/A_Zone", at(2027, 7, 5, 9, 0)), None);

    assert_eq!(parse_gmt_offset("GMT"), Some(hours(0)));
    assert_eq!(parse_gmt_offset("GMT-05:00"), Some(hours(-5)));
    assert_eq!(parse_gmt_offset("GMT+1"), Some(hours(1)));
    assert_eq!(parse_gmt_offset("UTC"), None);
}

// Mentoring: a mentor's own pages, supervision and topics

const SUPERVISOR: &str =
    r#"{"id":5,"email":"robin@example.org","display_name":"Robin","roles":["supervisor"]}"#;
const OWN_PROFILE: &str = r#"{"id":4,"display_name":"Sam","pronouns":null,"title":"Peer mentor",
    "bio":"","topics":[],"languages":["English"],"interests":[],"meets":["lounge"],
    "published":false,"photo_url":null,"screening_valid_until":"2030-01-31","listed":false,
    "titles":["Peer mentor","Youth mentor"],"topic_choices":["Being in care","Moving schools"]}"#;
const OFFICE_HOURS: &str = r#"{"rules":[{"weekday":"tue","opens":"16:00","closes":"18:00",
    "slot_minutes":30}],"space_id":null,"room":"Room 2","days_off":["2030-03-01"]}"#;
const NO_LIMITS: &str = r#"{"max_sessions_per_day":null,"max_sessions_per_week":null,
    "buffer_minutes":0,"no_sessions_after":null,"on_break":false,"break_until":null}"#;

fn nav_of(root: &web_sys::Element) -> Vec<String> {
    all(root, "nav[aria-label='Console'] a")
        .iter()
        .map(text)
        .collect()
}

#[wasm_bindgen_test]
async fn nav_shows_mentoring_only_to_mentors_and_supervision_only_to_supervisors() {
    {
        let _api = MockApi::new(&[("GET /api/auth/me", 200, SUPERVISOR)]);
        let app = render_console_at("/staff").await;
        wait_for(&app.root, ".console-home", |_| true).await;
        assert_eq!(
            nav_of(&app.root),
            ["Home", "Day sheet", "Supervision", "Password"]
        );
    }
    {
        let _api = MockApi::new(&[("GET /api/auth/me", 200, MENTOR)]);
        let app = render_console_at("/staff").await;
        wait_for(&app.root, ".console-home", |_| true).await;
        let nav = nav_of(&app.root);
        assert!(nav.contains(&"Mentoring".to_owned()), "{nav:?}");
        assert!(!nav.contains(&"Supervision".to_owned()), "{nav:?}");
        assert!(!nav.contains(&"Topics".to_owned()), "{nav:?}");
    }
    {
        let _api = MockApi::new(&[("GET /api/auth/me", 200, FACILITIES)]);
        let app = render_console_at("/staff").await;
        wait_for(&app.root, ".console-home", |_| true).await;
        assert_eq!(
            nav_of(&app.root),
            ["Home", "Inventory", "Donations", "Wishlist", "Password"]
        );
    }

    let user = |roles: &[Role]| shared::StaffUser {
        id: 1,
        email: "a@example.org".to_owned(),
        display_name: "A".to_owned(),
        roles: roles.to_vec(),
    };
    for route in [
        ConsoleRoute::MentorSessions,
        ConsoleRoute::MentorProfile,
        ConsoleRoute::MentorOfficeHours,
    ] {
        assert_eq!(route.access(), Access::Mentor, "{route:?}");
        assert!(route.access().allows(&user(&[Role::Mentor])));
        assert!(route.access().allows(&user(&[Role::Admin])));
        assert!(!route.access().allows(&user(&[Role::Supervisor])));
    }
    let supervision = ConsoleRoute::Supervision.access();
    assert!(supervision.allows(&user(&[Role::Supervisor])));
    assert!(supervision.allows(&user(&[Role::Admin])));
    assert!(!supervision.allows(&user(&[Role::Mentor])));
    assert_eq!(ConsoleRoute::Topics.access(), Access::Admin);

    use yew_router::Routable;
    assert_eq!(
        ConsoleRoute::recognize("/staff/mentor/office-hours"),
        Some(ConsoleRoute::MentorOfficeHours)
    );
    assert_eq!(ConsoleRoute::Supervision.to_path(), "/staff/supervision");
}

#[wasm_bindgen_test]
async fn a_mentor_opening_supervision_is_told_it_is_for_supervisors() {
    let api = MockApi::new(&[("GET /api/auth/me", 200, MENTOR)]);
    let app = render_console_at("/staff/supervision").await;

    wait_for(&app.root, "h1", |heading| {
        heading == "You don't have access to this page"
    })
    .await;
    assert!(text(&one(&app.root, "main")).contains("for supervisors"));
    assert!(!api.requests().iter().any(|r| r.contains("/supervision")));
}

#[wasm_bindgen_test]
async fn the_profile_form_sends_the_whole_profile_and_shows_the_servers_field_errors() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/mentor/profile", 200, OWN_PROFILE),
        (
            "PUT /api/mentor/profile",
            422,
            r#"{"error":{"code":"validation_failed","message":"Some details need another look.",
                "fields":{"display_name":["Use a first name or a nickname, without a surname."]}}}"#,
        ),
    ]);
    let app = render_console_at("/staff/mentor/profile").await;

    let form = wait_for(
        &app.root,
        "section[aria-labelledby='profile-heading'] form",
        |_| true,
    )
    .await;
    assert_inputs_are_labelled(&app.root);
    let listing = one(&app.root, "section[aria-labelledby='listing-heading']");
    assert!(
        text(&listing).contains("You're not listed right now"),
        "{}",
        text(&listing)
    );
    assert!(text(&listing).contains("Your supervisor sets this date"));
    assert!(
        text(&listing).contains("2030"),
        "the screening date has its year"
    );
    let legends: Vec<_> = all(&form, "legend").iter().map(text).collect();
    assert_eq!(
        legends,
        [
            "About you",
            "Lived experience I'm happy to talk about",
            "How I like to meet"
        ]
    );
    assert_eq!(
        one(&form, "#profile-published")
            .get_attribute("role")
            .as_deref(),
        Some("switch")
    );
    assert_eq!(
        one(&app.root, "#profile-photo")
            .get_attribute("accept")
            .as_deref(),
        Some("image/jpeg,image/png,image/webp")
    );

    type_text(&form, "#profile-display-name", "Sam Smith");
    type_text(&form, "#profile-pronouns", " they/them ");
    choose(&form, "#profile-title", "Youth mentor");
    click(&one(&form, "#profile-topics-1"));
    type_text(&form, "#profile-languages", "English, Spanish, english,");
    type_text(&form, "#profile-interests", "music");
    click(&one(&form, "#profile-meets-2"));
    click(&one(&form, "#profile-published"));
    sleep(0).await;
    click(&one(&form, "button[type='submit']"));

    let error = wait_for(&form, "#profile-display-name-error", |_| true).await;
    assert_eq!(
        text(&error),
        "Use a first name or a nickname, without a surname."
    );
    let input = one(&form, "#profile-display-name");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(input
        .get_attribute("aria-describedby")
        .is_some_and(|ids| ids.contains("profile-display-name-error")));
    assert!(
        wait_until(|| focused_id() == "profile-display-name").await,
        "focus goes to the field to fix, not {}",
        focused_id()
    );
    assert!(api.requests().contains(
        &r#"PUT /api/mentor/profile {"display_name":"Sam Smith","pronouns":"they/them","title":"Youth mentor","bio":"","topics":["Moving schools"],"languages":["English","Spanish"],"interests":["music"],"meets":["lounge","walk"],"published":true}"#
            .to_owned()
    ), "{:?}", api.requests());
}

#[wasm_bindgen_test]
async fn a_saved_profile_says_whether_the_mentor_is_listed() {
    let listed = OWN_PROFILE
        .replace(r#""published":false"#, r#""published":true"#)
        .replace(r#""listed":false"#, r#""listed":true"#);
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/mentor/profile", 200, OWN_PROFILE),
        ("PUT /api/mentor/profile", 200, &listed),
    ]);
    let app = render_console_at("/staff/mentor/profile").await;
    let form = wait_for(
        &app.root,
        "section[aria-labelledby='profile-heading'] form",
        |_| true,
    )
    .await;

    type_text(&form, "#profile-display-name", "  ");
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "#profile-display-name-error", |t| {
        t.contains("first name or a nickname")
    })
    .await;
    assert!(!api.requests().iter().any(|r| r.starts_with("PUT")));

    type_text(&form, "#profile-display-name", "Sam");
    click(&one(&form, "#profile-published"));
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "[role='status']", |t| t == "Your profile is saved.").await;
    wait_for(
        &app.root,
        "section[aria-labelledby='listing-heading']",
        |t| t.contains("You're listed"),
    )
    .await;
}

/// Puts a file of `size` bytes and `content_type` into the file input at `selector`, as
/// picking one does.
fn pick_file(root: &web_sys::Element, selector: &str, size: u32, content_type: &str) {
    let pick = js_sys::Function::new_with_args(
        "input, size, type",
        "const file = new File([new Uint8Array(size)], 'me.png', { type });
         const picked = new DataTransfer();
         picked.items.add(file);
         input.files = picked.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    pick.call3(
        &wasm_bindgen::JsValue::NULL,
        &one(root, selector),
        &size.into(),
        &content_type.into(),
    )
    .expect("the file is picked");
}

#[wasm_bindgen_test]
async fn a_photo_is_checked_before_it_is_uploaded_as_it_is() {
    let with_photo = OWN_PROFILE.replace(
        r#""photo_url":null"#,
        r#""photo_url":"/api/mentors/4/photo?v=2""#,
    );
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/mentor/profile", 200, OWN_PROFILE),
        ("PUT /api/mentor/photo", 200, &with_photo),
        ("DELETE /api/mentor/photo", 200, OWN_PROFILE),
    ]);
    let app = render_console_at("/staff/mentor/profile").await;
    let form = wait_for(&app.root, ".photo-form", |_| true).await;

    click(&button_named(&form, "Upload photo"));
    wait_for(&form, "#profile-photo-error", |t| {
        t == "Choose a photo first."
    })
    .await;

    pick_file(&form, "#profile-photo", 3 * 1024 * 1024, "image/png");
    click(&button_named(&form, "Upload photo"));
    wait_for(&form, "#profile-photo-error", |t| {
        t.contains("bigger than 2 MB")
    })
    .await;
    pick_file(&form, "#profile-photo", 10, "image/gif");
    click(&button_named(&form, "Upload photo"));
    wait_for(&form, "#profile-photo-error", |t| {
        t.contains("JPEG, PNG or WebP")
    })
    .await;
    assert!(
        !api.requests().iter().any(|r| r.starts_with("PUT")),
        "nothing sent before the photo checks out"
    );

    pick_file(&form, "#profile-photo", 10, "image/png");
    click(&button_named(&form, "Upload photo"));
    wait_for(&form, "[role='status']", |t| {
        t == "Your new photo is saved."
    })
    .await;
    let image = wait_for(&form, "img.mentor-photo", |_| true).await;
    assert_eq!(
        image.get_attribute("src").as_deref(),
        Some("/api/mentors/4/photo?v=2")
    );
    assert!(image
        .get_attribute("alt")
        .is_some_and(|alt| !alt.is_empty()));
    assert!(api
        .requests()
        .iter()
        .any(|r| r.starts_with("PUT /api/mentor/photo ")));

    click(&button_named(&form, "Remove photo"));
    wait_for(&form, "[role='status']", |t| t == "Your photo is removed.").await;
    assert!(api
        .requests()
        .contains(&"DELETE /api/mentor/photo".to_owned()));
}

#[wasm_bindgen_test]
async fn saving_limits_sends_them_as_the_mentor_set_them() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/mentor/office-hours", 200, OFFICE_HOURS),
        ("GET /api/mentor/limits", 200, NO_LIMITS),
        ("GET /api/spaces", 200, PUBLIC_SPACES),
        (
            "PUT /api/mentor/limits",
            200,
            r#"{"max_sessions_per_day":3,"max_sessions_per_week":null,"buffer_minutes":15,
                "no_sessions_after":"18:30","on_break":true,"break_until":"2030-02-01"}"#,
        ),
    ]);
    let app = render_console_at("/staff/mentor/office-hours").await;
    let form = wait_for(
        &app.root,
        "section[aria-labelledby='limits-heading'] form",
        |_| true,
    )
    .await;
    assert_inputs_are_labelled(&app.root);
    assert!(
        all(&form, "#limits-break-until").is_empty(),
        "the last day of a break only shows while on one"
    );

    type_text(&form, "#limits-per-day", "3");
    type_text(&form, "#limits-per-week", "2");
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "#limits-per-week-error", |t| {
        t.contains("make this 3 or more")
    })
    .await;
    assert!(wait_until(|| focused_id() == "limits-per-week").await);

    type_text(&form, "#limits-per-week", "");
    type_text(&form, "#limits-buffer", "15");
    type_text(&form, "#limits-after", "18:30");
    click(&one(&form, "#limits-on-break"));
    let until = wait_for(&form, "#limits-break-until", |_| true).await;
    assert_eq!(until.get_attribute("type").as_deref(), Some("date"));
    type_text(&form, "#limits-break-until", "2030-02-01");
    click(&one(&form, "button[type='submit']"));

    wait_for(&form, "[role='status']", |t| t == "Your limits are saved.").await;
    assert!(api.requests().contains(
        &r#"PUT /api/mentor/limits {"max_sessions_per_day":3,"buffer_minutes":15,"no_sessions_after":"18:30","on_break":true,"break_until":"2030-02-01"}"#
            .to_owned()
    ), "{:?}", api.requests());
}

#[wasm_bindgen_test]
async fn office_hours_use_the_weekly_editor_with_a_place_and_days_off() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/mentor/office-hours", 200, OFFICE_HOURS),
        ("GET /api/mentor/limits", 200, NO_LIMITS),
        ("GET /api/spaces", 200, PUBLIC_SPACES),
        (
            "PUT /api/mentor/office-hours",
            200,
            r#"{"rules":[{"weekday":"tue","opens":"16:00","closes":"18:00","slot_minutes":30}],
                "space_id":1,"room":"","days_off":["2030-02-14","2030-03-01"]}"#,
        ),
    ]);
    let app = render_console_at("/staff/mentor/office-hours").await;
    let form = wait_for(&app.root, "form.hours-form", |_| true).await;
    assert_inputs_are_labelled(&form);
    assert!(
        text(&form).contains("4 sessions of 30 minutes."),
        "{}",
        text(&form)
    );
    let labels: Vec<_> = all(&one(&form, ".hours-row"), "label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        labels,
        ["Day", "From", "Until", "Session length, in minutes"]
    );
    let room = one(&form, "#office-room")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    assert_eq!(room.value(), "Room 2");
    let current: Vec<_> = all(
        &app.root,
        "nav[aria-label='Your mentoring'] [aria-current='page']",
    )
    .iter()
    .map(text)
    .collect();
    assert_eq!(current, ["My office hours"]);

    choose(&form, "#office-space", "1");
    sleep(0).await;
    assert!(
        all(&form, "#office-room").is_empty(),
        "a lounge space needs no room"
    );

    click(&button_named(&form, "Add a day off"));
    sleep(0).await;
    let days = all(&form, ".day-off input[type='date']");
    assert_eq!(days.len(), 2);
    assert!(
        wait_until(|| focused_id() == days[1].id()).await,
        "focus goes to the new day off, not {}",
        focused_id()
    );
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "[role='alert']", |t| {
        t.contains("Day off 2: Enter a date")
    })
    .await;
    assert!(!api.requests().iter().any(|r| r.starts_with("PUT")));

    type_text(&form, &format!("#{}", days[1].id()), "2030-02-14");
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "[role='status']", |t| {
        t == "Your office hours are saved."
    })
    .await;
    assert!(api.requests().contains(
        &r#"PUT /api/mentor/office-hours {"rules":[{"weekday":"tue","opens":"16:00","closes":"18:00","slot_minutes":30}],"space_id":1,"room":"","days_off":["2030-02-14","2030-03-01"]}"#
            .to_owned()
    ), "{:?}", api.requests());
}

/// A session that started `hours_ago` hours ago (negative: still to come), as JSON.
fn session_json(booking_id: i64, hours_ago: i64, check_in: &str) -> String {
    let start = frontend::clock::now().fixed_offset() - chrono::Duration::hours(hours_ago);
    let end = start + chrono::Duration::minutes(30);
    format!(
        r#"{{"booking_id":{booking_id},"start":"{}","end":"{}","name":"Ana",
            "topic":"Moving schools","status":"confirmed","check_in":{check_in}}}"#,
        start.to_rfc3339(),
        end.to_rfc3339()
    )
}

#[wasm_bindgen_test]
async fn a_check_in_asking_for_support_sends_wants_support() {
    let sessions = format!(
        "[{},{}]",
        session_json(7, 20, "null"),
        session_json(8, -30, "null")
    );
    let saved = session_json(
        7,
        20,
        r#"{"outcome":"held","rating":2,"wants_support":true,"note":"Felt heavy."}"#,
    );
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/mentor/sessions", 200, &sessions),
        ("PUT /api/mentor/sessions/7/check-in", 200, &saved),
    ]);
    let app = render_console_at("/staff/mentor/sessions").await;

    let upcoming = wait_for(
        &app.root,
        "section[aria-labelledby='upcoming-heading'] .card",
        |_| true,
    )
    .await;
    assert!(text(&upcoming).contains("Ana"));
    assert!(text(&upcoming).contains("Moving schools"));
    assert!(
        all(&upcoming, "form").is_empty(),
        "no check-in before a session"
    );
    let recent = one(&app.root, "section[aria-labelledby='recent-heading'] .card");
    let form = one(&recent, "form.check-in");
    assert_inputs_are_labelled(&form);
    assert!(text(&form).contains("Young people never see it."));
    assert!(text(&form).contains("emails your supervisor"));
    let legends: Vec<_> = all(&form, "legend").iter().map(text).collect();
    assert_eq!(
        legends,
        ["Did the session happen?", "How did it go for you?"]
    );
    assert_eq!(
        all(&form, "input[type='radio'][name='check-in-7-rating']").len(),
        5
    );

    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "#check-in-7-outcome-error", |t| {
        t == "Choose whether the session happened."
    })
    .await;
    assert!(wait_until(|| focused_id() == "check-in-7-outcome-0").await);

    click(&one(&form, "#check-in-7-outcome-0"));
    click(&one(&form, "#check-in-7-rating-1"));
    click(&one(&form, "#check-in-7-support"));
    type_text(&form, "#check-in-7-note", "Felt heavy.");
    click(&one(&form, "button[type='submit']"));

    wait_for(&recent, "[role='status']", |t| {
        t.contains("Your supervisor has been emailed")
    })
    .await;
    assert!(api.requests().contains(
        &r#"PUT /api/mentor/sessions/7/check-in {"outcome":"held","rating":2,"wants_support":true,"note":"Felt heavy."}"#
            .to_owned()
    ), "{:?}", api.requests());
    assert!(
        !text(&app.root).contains('@'),
        "no emails on the sessions page"
    );
}

fn supervised_mentors_json() -> String {
    r#"[{"mentor_id":3,"display_name":"Sam","supervisor_id":5,"supervisor_name":"Robin",
        "screening_valid_until":"2030-01-31","published":true,"listed":true,
        "accepting_bookings":true,
        "limits":{"max_sessions_per_day":2,"max_sessions_per_week":5,"buffer_minutes":15,
                  "no_sessions_after":"18:00","on_break":false,"break_until":null},
        "sessions_today":1,"sessions_this_week":4,
        "check_ins":[{"booking_id":9,"session_start":"2030-01-08T16:00:00-05:00",
            "outcome":"held","rating":2,"wants_support":true,"note":"A hard one.",
            "followed_up_at":null}],
        "open_support_flags":[{"booking_id":9,"session_start":"2030-01-08T16:00:00-05:00",
            "outcome":"held","rating":2,"wants_support":true,"note":"A hard one.",
            "followed_up_at":null}]}]"#
        .to_owned()
}

#[wasm_bindgen_test]
async fn supervision_shows_load_against_limits_and_follows_up_support() {
    let mentors = supervised_mentors_json();
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, SUPERVISOR),
        ("GET /api/supervision/mentors", 200, &mentors),
        (
            "GET /api/health",
            200,
            r#"{"status":"ok","database":"ok","version":"0","timezone":"Asia/Kolkata"}"#,
        ),
        (
            "POST /api/supervision/check-ins/9/follow-up",
            200,
            r#"{"booking_id":9,"session_start":"2030-01-08T16:00:00-05:00","outcome":"held",
                "rating":2,"wants_support":true,"note":"A hard one.",
                "followed_up_at":"2030-01-09T10:00:00-05:00"}"#,
        ),
        (
            "POST /api/supervision/mentors/3/overrides",
            201,
            r#"{"id":1,"start":"2030-02-01T17:00:00+05:30","approved_by":"Robin"}"#,
        ),
    ]);
    let app = render_console_at("/staff/supervision").await;

    let card = wait_for(&app.root, ".supervised-mentor", |_| true).await;
    assert_inputs_are_labelled(&card);
    assert_eq!(text(&one(&card, "h3")), "Sam");
    let facts = text(&one(&card, ".facts"));
    assert!(facts.contains("4 of 5 this week"), "{facts}");
    assert!(facts.contains("1 of 2 today"), "{facts}");
    assert!(facts.contains("Yes: young people can find them"), "{facts}");
    assert!(text(&card).contains("A hard one."));
    assert!(
        all(&card, "select").is_empty(),
        "only admins choose a supervisor"
    );
    assert!(!api
        .requests()
        .iter()
        .any(|r| r.contains("/api/admin/users")));
    assert!(text(&app.root).contains("1 mentor asked for support"));

    let follow_up = all(&card, "button")
        .into_iter()
        .find(|b| text(b).starts_with("Mark followed up (session on "))
        .expect("a follow-up button that names the session");
    click(&follow_up);
    wait_for(&card, "[role='status']", |t| t == "Marked as followed up.").await;
    assert!(api
        .requests()
        .contains(&"POST /api/supervision/check-ins/9/follow-up {}".to_owned()));

    type_text(&card, "#extra-session-3", "2030-02-01T17:00");
    click(&button_named(&card, "Approve one extra session"));
    wait_for(&card, "[role='status']", |t| {
        t.starts_with("Approved: young people can book Sam")
    })
    .await;
    assert!(
        api.requests().contains(
            &r#"POST /api/supervision/mentors/3/overrides {"start":"2030-02-01T17:00:00+05:30"}"#
                .to_owned()
        ),
        "{:?}",
        api.requests()
    );
}

#[wasm_bindgen_test]
async fn admins_set_screening_dates_and_choose_supervisors_with_the_role() {
    let mentors = supervised_mentors_json();
    let accounts = r#"[
        {"id":1,"email":"ada@example.org","display_name":"Ada","roles":["admin"],"disabled":false,
         "has_password":true,"created_at":"2026-01-05T10:00:00+00:00"},
        {"id":5,"email":"robin@example.org","display_name":"Robin","roles":["supervisor"],
         "disabled":false,"has_password":true,"created_at":"2026-01-05T10:00:00+00:00"},
        {"id":6,"email":"lee@example.org","display_name":"Lee","roles":["supervisor","mentor"],
         "disabled":false,"has_password":true,"created_at":"2026-01-05T10:00:00+00:00"}
    ]"#;
    let mentor = supervised_mentors_json();
    let one_mentor = &mentor[1..mentor.len() - 1];
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        ("GET /api/supervision/mentors", 200, &mentors),
        ("GET /api/admin/users", 200, accounts),
        ("GET /api/health", 503, "null"),
        ("PATCH /api/supervision/mentors/3", 200, one_mentor),
    ]);
    let app = render_console_at("/staff/supervision").await;

    let card = wait_for(&app.root, ".supervised-mentor", |_| true).await;
    assert_inputs_are_labelled(&card);
    let options: Vec<_> = all(&card, "#supervisor-3 option")
        .iter()
        .map(text)
        .collect();
    assert_eq!(options, ["Robin", "Lee"], "staff with the supervisor role");

    choose(&card, "#supervisor-3", "6");
    click(&button_named(&card, "Save supervisor"));
    wait_for(&card, "[role='status']", |t| {
        t == "Lee is now their supervisor."
    })
    .await;
    assert!(api
        .requests()
        .contains(&r#"PATCH /api/supervision/mentors/3 {"supervisor_id":6}"#.to_owned()));

    type_text(&card, "#screening-3", "2031-01-31");
    click(&button_named(&card, "Save date"));
    wait_for(&card, "[role='status']", |t| {
        t.starts_with("Screening date saved")
    })
    .await;
    assert!(api.requests().contains(
        &r#"PATCH /api/supervision/mentors/3 {"screening_valid_until":"2031-01-31"}"#.to_owned()
    ));
}

#[wasm_bindgen_test]
async fn admins_add_and_remove_topics() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, ADMIN),
        (
            "GET /api/topics",
            200,
            r#"[{"id":1,"name":"Being in care"}]"#,
        ),
        (
            "POST /api/admin/topics",
            409,
            r#"{"error":{"code":"topic_exists","message":"That topic is already there."}}"#,
        ),
        ("DELETE /api/admin/topics/1", 204, "null"),
    ]);
    let app = render_console_at("/staff/topics").await;

    let card = wait_for(&app.root, ".topics .card", |_| true).await;
    assert_eq!(text(&one(&card, "h3")), "Being in care");
    let form = one(
        &app.root,
        "section[aria-labelledby='add-topic-heading'] form",
    );
    assert_inputs_are_labelled(&form);
    type_text(&form, "#topic-name", " Being in care ");
    click(&one(&form, "button[type='submit']"));
    wait_for(&form, "#topic-name-error", |t| {
        t == "That topic is already on the list."
    })
    .await;
    assert!(api
        .requests()
        .contains(&r#"POST /api/admin/topics {"name":"Being in care"}"#.to_owned()));

    click(&button_named(&card, "Remove the topic Being in care"));
    wait_for(&card, ".confirm p", |t| {
        t.starts_with("Remove \u{201c}Being in care\u{201d}?")
    })
    .await;
    assert!(!api.requests().iter().any(|r| r.starts_with("DELETE")));
    click(&button_named(&card, "Yes, remove it"));
    wait_for(&app.root, "[role='status']", |t| {
        t == "Removed \u{201c}Being in care\u{201d}."
    })
    .await;
    assert!(api
        .requests()
        .contains(&"DELETE /api/admin/topics/1".to_owned()));
}

#[wasm_bindgen_test]
fn mentoring_forms_check_what_the_server_would_refuse() {
    use frontend::console::mentoring::{
        check_check_in, check_extra_session, check_limits, check_office_hours, join_list,
        photo_problem, split_list, CheckInDraft, DayOffRow, LimitsDraft, Place,
    };
    use shared::SessionOutcome;

    assert_eq!(
        split_list(" English,, Spanish , english "),
        ["English", "Spanish"]
    );
    assert!(split_list(" , ").is_empty());
    assert_eq!(join_list(&split_list("a, b")), "a, b");

    assert_eq!(photo_problem(1000.0, "image/webp"), None);
    assert!(photo_problem(2.0 * 1024.0 * 1024.0 + 1.0, "image/jpeg").is_some());
    assert!(photo_problem(1000.0, "image/svg+xml").is_some());

    let limits = check_limits(&LimitsDraft {
        max_sessions_per_day: " 2 ".to_owned(),
        buffer_minutes: String::new(),
        no_sessions_after: "17:30:00".to_owned(),
        on_break: false,
        break_until: "2030-01-01".to_owned(),
        ..LimitsDraft::default()
    })
    .expect("valid limits");
    assert_eq!(limits.max_sessions_per_day, Some(2));
    assert_eq!(limits.max_sessions_per_week, None, "empty means no limit");
    assert_eq!(limits.buffer_minutes, 0);
    assert_eq!(limits.no_sessions_after.as_deref(), Some("17:30"));
    assert_eq!(
        limits.break_until, None,
        "a last day only counts on a break"
    );
    let problems = check_limits(&LimitsDraft {
        max_sessions_per_day: "0".to_owned(),
        buffer_minutes: "-1".to_owned(),
        no_sessions_after: "25:00".to_owned(),
        on_break: true,
        break_until: "soon".to_owned(),
        ..LimitsDraft::default()
    })
    .expect_err("all wrong");
    for field in [
        "max_sessions_per_day",
        "buffer_minutes",
        "no_sessions_after",
        "break_until",
    ] {
        assert!(problems.contains_key(field), "{field}: {problems:?}");
    }

    let rows = [row(0, Weekday::Tue, "16:00", "18:00", "45")];
    let hours = check_office_hours(
        &rows,
        &Place {
            space_id: None,
            room: " Room 2 ".to_owned(),
        },
        &[
            DayOffRow {
                key: 0,
                date: "2030-03-01".to_owned(),
            },
            DayOffRow {
                key: 1,
                date: "2030-02-14".to_owned(),
            },
            DayOffRow {
                key: 2,
                date: "2030-03-01".to_owned(),
            },
        ],
    )
    .expect("valid office hours");
    assert_eq!(hours.room, "Room 2");
    assert_eq!(hours.days_off.len(), 2, "in order, each once");
    assert!(hours.days_off[0] < hours.days_off[1]);
    let problems = check_office_hours(
        &[row(0, Weekday::Tue, "16:00", "16:30", "45")],
        &Place::default(),
        &[],
    )
    .expect_err("too long a session, and nowhere to meet");
    assert!(problem(&problems, "rules[0].slot_minutes").contains("session length"));
    assert!(problem(&problems, "room").contains("where young people will find you"));

    assert!(check_check_in(&CheckInDraft::default()).is_err());
    let check_in = check_check_in(&CheckInDraft {
        outcome: Some(SessionOutcome::DidNotCome),
        rating: None,
        wants_support: true,
        note: " ok ".to_owned(),
    })
    .expect("a valid check-in");
    assert!(check_in.wants_support);
    assert_eq!(check_in.note, "ok");

    let kolkata = |_| chrono::FixedOffset::east_opt(5 * 3600 + 1800);
    let extra = check_extra_session("2030-02-01T17:00", kolkata).expect("a time");
    assert_eq!(extra.start.to_rfc3339(), "2030-02-01T17:00:00+05:30");
    assert!(check_extra_session("", kolkata).is_err());
}

#[wasm_bindgen_test]
fn supervisors_read_load_and_check_ins_in_words() {
    use frontend::console::words::{against_limit, outcome_label, rating_in_words};
    use shared::SessionOutcome;

    assert_eq!(against_limit(4, Some(5), "this week"), "4 of 5 this week");
    assert_eq!(against_limit(2, None, "today"), "2 today (no limit set)");
    assert_eq!(rating_in_words(Some(4)), "4 out of 5");
    assert_eq!(rating_in_words(None), "Not rated");
    assert_eq!(
        outcome_label(SessionOutcome::DidNotCome),
        "The young person didn't come"
    );
    assert_eq!(
        window_summary_in_sessions("16:00", "17:40", "45"),
        Some("2 sessions of 45 minutes. The last 10 minutes can't be booked: they don't make a whole session.".to_owned())
    );
}

fn window_summary_in_sessions(opens: &str, closes: &str, minutes: &str) -> Option<String> {
    frontend::console::lounge::window_summary_in(
        &row(0, Weekday::Mon, opens, closes, minutes),
        frontend::console::lounge::SESSIONS,
    )
}

// Events: the list, the editor with its agenda, the event's page and the door

const EVENT_CONTACTS: &str =
    r#"[{"staff_id":1,"display_name":"Ada"},{"staff_id":2,"display_name":"Sam"}]"#;
const LISTED_MENTORS: &str = r#"[
    {"id":3,"display_name":"Sam","pronouns":"they/them","title":"Peer mentor","bio":"",
     "topics":[],"languages":["English"],"photo_url":null,"accepting_bookings":true},
    {"id":4,"display_name":"Jo","pronouns":null,"title":"Peer mentor","bio":"",
     "topics":[],"languages":[],"photo_url":null,"accepting_bookings":true}]"#;
const NEW_YORK_HEALTH: &str =
    r#"{"status":"ok","database":"ok","version":"0","timezone":"America/New_York"}"#;

/// 1 May 2030, 6 pm in New York.
fn may_day() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2030-05-01T18:00:00-04:00").unwrap()
}

/// Event 9, "Game night", two hours from `start`, as the staff API writes it.
fn staff_event_json(
    status: &str,
    start: chrono::DateTime<chrono::FixedOffset>,
    registered: u32,
    waitlisted: u32,
) -> String {
    let end = start + chrono::Duration::hours(2);
    format!(
        r#"{{"id":9,"status":"{status}","title":"Game night","summary":"Board games and snacks.",
        "description":"","start":"{}","end":"{}","place":"Town library","capacity":10,
        "waitlist":true,"audience":"Ages 16 to 21","contact_staff_id":2,
        "co_facilitator_mentor_ids":[4],"young_co_facilitators":["Ria"],
        "agenda":[{{"time":"18:00","title":"Welcome","led_by":"Ria"}}],
        "materials":[{{"title":"Rules","url":"https://example.org/rules.pdf"}}],
        "release_hours_before":72,"release_publicly":false,"lounge_use":"shared_seats",
        "location":"Town library","contact_name":"Sam","lead_mentor":"Sam","files":[],
        "registered":{registered},"waitlisted":{waitlisted},"walk_ins":0,"attended":0}}"#,
        start.to_rfc3339(),
        end.to_rfc3339()
    )
}

fn input_value(root: &web_sys::Element, selector: &str) -> String {
    js_sys::Reflect::get(&one(root, selector), &"value".into())
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn event_drafts_are_checked_like_the_server_does() {
    use frontend::console::events::{check_event, AgendaRow, EventDraft, MaterialRow};

    let new_york = |_| chrono::FixedOffset::west_opt(4 * 3600);
    let draft = EventDraft {
        title: " Game night ".to_owned(),
        start: "2030-05-01T18:00".to_owned(),
        end: "2030-05-01T20:00".to_owned(),
        place: "Town library".to_owned(),
        capacity: "10".to_owned(),
        waitlist: true,
        mentor_ids: vec![4],
        young_co_facilitators: "Ria, ria , Max".to_owned(),
        agenda: vec![
            AgendaRow {
                key: 0,
                time: "18:00".to_owned(),
                title: "Welcome".to_owned(),
                led_by: "Ria".to_owned(),
            },
            AgendaRow {
                key: 1,
                title: "Games".to_owned(),
                ..AgendaRow::default()
            },
        ],
        materials: vec![MaterialRow {
            key: 0,
            title: "Rules".to_owned(),
            url: " https://example.org/rules.pdf ".to_owned(),
        }],
        ..EventDraft::new(Some(2))
    };
    let input = check_event(&draft, new_york).expect("a valid event");
    assert_eq!(input.title, "Game night");
    assert_eq!(input.start.to_rfc3339(), "2030-05-01T18:00:00-04:00");
    assert_eq!(input.end.to_rfc3339(), "2030-05-01T20:00:00-04:00");
    assert_eq!(
        (input.space_id, input.place.as_deref()),
        (None, Some("Town library"))
    );
    assert_eq!((input.capacity, input.waitlist), (Some(10), true));
    assert_eq!(input.contact_staff_id, Some(2));
    assert_eq!(input.co_facilitator_mentor_ids, [4]);
    assert_eq!(
        input.young_co_facilitators,
        ["Ria", "Max"],
        "the same name once"
    );
    assert_eq!(input.agenda.len(), 2);
    assert_eq!(input.agenda[1].time, "", "a time is optional");
    assert_eq!(input.materials[0].url, "https://example.org/rules.pdf");
    assert_eq!(input.release_hours_before, 72, "3 days by default");
    assert!(!input.release_publicly);

    // In a lounge space no place is sent; without a seat limit, no waitlist.
    let lounge = check_event(
        &EventDraft {
            space_id: Some(1),
            capacity: " ".to_owned(),
            ..draft.clone()
        },
        new_york,
    )
    .expect("a valid lounge event");
    assert_eq!((lounge.space_id, lounge.place), (Some(1), None));
    assert_eq!((lounge.capacity, lounge.waitlist), (None, false));

    let problems = check_event(
        &EventDraft {
            title: " ".to_owned(),
            start: "2030-05-01T18:00".to_owned(),
            end: "2030-05-01T17:00".to_owned(),
            capacity: "0".to_owned(),
            young_co_facilitators: "x".repeat(61),
            agenda: vec![AgendaRow {
                key: 0,
                time: "6pm".to_owned(),
                ..AgendaRow::default()
            }],
            materials: vec![MaterialRow {
                key: 0,
                title: "Rules".to_owned(),
                url: "example.org/rules".to_owned(),
            }],
            release_days: "31".to_owned(),
            ..EventDraft::new(None)
        },
        new_york,
    )
    .expect_err("all wrong");
    assert_eq!(problem(&problems, "title"), "Give the event a title.");
    assert_eq!(
        problem(&problems, "end"),
        "The event must end after it starts."
    );
    assert!(problem(&problems, "place").starts_with("Say where it is"));
    assert!(problem(&problems, "capacity").contains("from 1 to 10,000"));
    assert!(problem(&problems, "young_co_facilitators").contains("60 characters or fewer"));
    assert_eq!(
        problem(&problems, "agenda[0].time"),
        "Enter a time like 18:30, or leave it empty."
    );
    assert!(problem(&problems, "agenda[0].title").starts_with("Say what happens"));
    assert_eq!(
        problem(&problems, "materials[0].url"),
        "Enter a web address starting with https://."
    );
    assert_eq!(
        problem(&problems, "release_hours_before"),
        "Enter a number of days from 0 to 30."
    );

    let problems = check_event(
        &EventDraft {
            start: String::new(),
            ..draft.clone()
        },
        new_york,
    )
    .expect_err("no start");
    assert_eq!(
        problem(&problems, "start"),
        "Enter when it starts: a date and a time."
    );
    let problems = check_event(
        &EventDraft {
            end: "2030-05-09T18:00".to_owned(),
            ..draft
        },
        new_york,
    )
    .expect_err("eight days");
    assert_eq!(
        problem(&problems, "end"),
        "An event can last at most 7 days."
    );
}

#[wasm_bindgen_test]
fn a_saved_event_fills_the_editor_and_is_described_in_words() {
    use frontend::console::events::{
        cancel_question, check_event, event_seats_in_words, local_input_value, move_row,
        release_in_words, status_label, EventDraft,
    };
    use shared::{EventStatus, StaffEvent};

    let mut event: StaffEvent = serde_json_like(&staff_event_json("published", may_day(), 3, 2));
    let draft = EventDraft::from_event(&event);
    assert_eq!(draft.start, "2030-05-01T18:00", "on the lounge's clock");
    assert_eq!(draft.end, "2030-05-01T20:00");
    assert_eq!(
        (draft.capacity.as_str(), draft.release_days.as_str()),
        ("10", "3")
    );
    assert_eq!(draft.young_co_facilitators, "Ria");
    assert_eq!(draft.agenda[0].title, "Welcome");
    assert_eq!(draft.mentor_ids, [4]);
    assert_eq!(local_input_value(&may_day()), "2030-05-01T18:00");

    // Hours that aren't whole days survive a save that doesn't touch them.
    event.input.release_hours_before = 36;
    let mut draft = EventDraft::from_event(&event);
    assert_eq!(draft.release_days, "2");
    let new_york = |_| chrono::FixedOffset::west_opt(4 * 3600);
    assert_eq!(
        check_event(&draft, new_york).unwrap().release_hours_before,
        36
    );
    draft.saved_release_hours = None;
    draft.release_days = "1".to_owned();
    assert_eq!(
        check_event(&draft, new_york).unwrap().release_hours_before,
        24
    );

    assert_eq!(move_row(&["a", "b", "c"], 1, true), ["b", "a", "c"]);
    assert_eq!(move_row(&["a", "b", "c"], 1, false), ["a", "c", "b"]);
    assert_eq!(move_row(&["a", "b"], 0, true), ["a", "b"], "already first");
    assert_eq!(move_row(&["a", "b"], 1, false), ["a", "b"], "already last");

    assert_eq!(status_label(EventStatus::Draft), "Draft");
    assert_eq!(status_label(EventStatus::Completed), "Completed");
    assert_eq!(
        event_seats_in_words(&event),
        "3 of 10 seats taken, 2 on the waitlist"
    );
    event.input.capacity = None;
    event.waitlisted = 0;
    assert_eq!(event_seats_in_words(&event), "3 signed up (no seat limit)");
    assert_eq!(release_in_words(72), "3 days before it starts");
    assert_eq!(release_in_words(36), "1 day 12 hours before it starts");
    assert_eq!(release_in_words(0), "When it starts");

    assert_eq!(
        cancel_question(&event),
        "Cancel \u{201c}Game night\u{201d}? We'll tell 3 people with a seat that it's \
         cancelled, by email if they gave one. You can't undo this."
    );
    event.waitlisted = 1;
    assert!(cancel_question(&event)
        .contains("We'll tell 4 people (3 with a seat and 1 on the waitlist)"));
    event.registered = 0;
    event.waitlisted = 0;
    assert!(cancel_question(&event).contains("Nobody has signed up yet"));
}

#[wasm_bindgen_test]
fn event_pages_are_for_mentors_and_admins_under_staff_events() {
    use yew_router::Routable;
    assert_eq!(
        ConsoleRoute::recognize("/staff/events"),
        Some(ConsoleRoute::Events)
    );
    assert_eq!(
        ConsoleRoute::recognize("/staff/events/new"),
        Some(ConsoleRoute::NewEvent)
    );
    assert_eq!(
        ConsoleRoute::recognize("/staff/events/9"),
        Some(ConsoleRoute::Event { id: 9 })
    );
    assert_eq!(
        ConsoleRoute::EditEvent { id: 9 }.to_path(),
        "/staff/events/9/edit"
    );

    let user = |roles: &[Role]| shared::StaffUser {
        id: 1,
        email: "a@example.org".to_owned(),
        display_name: "A".to_owned(),
        roles: roles.to_vec(),
    };
    for route in [
        ConsoleRoute::Events,
        ConsoleRoute::NewEvent,
        ConsoleRoute::Event { id: 9 },
        ConsoleRoute::EditEvent { id: 9 },
    ] {
        assert_eq!(route.access(), Access::Mentor, "{route:?}");
        assert!(route.access().allows(&user(&[Role::Admin])));
        assert!(!route.access().allows(&user(&[Role::Facilities])));
    }
}

#[wasm_bindgen_test]
async fn the_events_list_shows_what_is_coming_up_and_what_is_past() {
    let soon = frontend::clock::now().fixed_offset() + chrono::Duration::days(2);
    let later = soon + chrono::Duration::days(7);
    let past = frontend::clock::now().fixed_offset() - chrono::Duration::days(7);
    let draft = staff_event_json("draft", later, 0, 0).replace(r#""id":9"#, r#""id":11"#);
    let events = format!(
        "[{draft},{},{}]",
        staff_event_json("published", soon, 10, 2),
        staff_event_json("completed", past, 4, 0).replace(r#""id":9"#, r#""id":5"#)
    );
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/staff/events", 200, &events),
    ]);
    let app = render_console_at("/staff/events").await;

    wait_for(&app.root, ".events-list", |_| true).await;
    let new_event = all(&app.root, "main a")
        .into_iter()
        .find(|link| text(link) == "New event")
        .expect("a New event link");
    assert_eq!(
        new_event.get_attribute("href").as_deref(),
        Some("/staff/events/new")
    );
    let upcoming = one(
        &app.root,
        "section[aria-labelledby='upcoming-events-heading']",
    );
    let statuses: Vec<_> = all(&upcoming, ".event-status").iter().map(text).collect();
    assert_eq!(statuses, ["Published", "Draft"], "soonest first");
    let links: Vec<_> = all(&upcoming, "h3 a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(links, ["/staff/events/9", "/staff/events/11"]);
    assert!(text(&upcoming).contains("10 of 10 seats taken, 2 on the waitlist"));
    let past = one(&app.root, "section[aria-labelledby='past-events-heading']");
    assert_eq!(
        all(&past, ".event-status")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Completed"]
    );
    assert_eq!(
        nav_of(&app.root)
            .iter()
            .filter(|label| *label == "Events")
            .count(),
        1
    );
    let current: Vec<_> = all(&app.root, "nav[aria-label='Console'] [aria-current='page']")
        .iter()
        .map(text)
        .collect();
    assert_eq!(current, ["Events"]);
}

#[wasm_bindgen_test]
async fn a_mentor_writes_an_event_with_an_agenda_and_publishes_it() {
    let draft = staff_event_json("draft", may_day(), 0, 0);
    let published = staff_event_json("published", may_day(), 0, 0);
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/spaces", 200, PUBLIC_SPACES),
        ("GET /api/staff/event-contacts", 200, EVENT_CONTACTS),
        ("GET /api/mentors", 200, LISTED_MENTORS),
        ("GET /api/health", 200, NEW_YORK_HEALTH),
        ("POST /api/staff/events", 201, &draft),
        ("GET /api/staff/events/9", 200, &draft),
        ("POST /api/staff/events/9/publish", 200, &published),
        (
            "GET /api/staff/events/9/registrations",
            200,
            r#"{"registered":[],"waitlist":[],"walk_ins":0,"attended":0}"#,
        ),
    ]);
    let app = render_console_at("/staff/events/new").await;

    let form = wait_for(&app.root, "form.event-form", |_| true).await;
    wait_for(&app.root, "h1", |t| t == "New event").await;
    assert_inputs_are_labelled(&form);
    assert_eq!(
        input_value(&form, "#event-contact"),
        "2",
        "the organiser is the contact at first"
    );
    assert_eq!(input_value(&form, "#event-space"), "", "somewhere else");
    assert_eq!(input_value(&form, "#event-release-days"), "3");

    type_text(&form, "#event-title", "Game night");
    type_text(&form, "#event-start", "2030-05-01T18:00");
    type_text(&form, "#event-end", "2030-05-01T20:00");
    type_text(&form, "#event-place", "Town library");
    type_text(&form, "#event-capacity", "10");
    click(&one(&form, "#event-waitlist"));
    click(&one(&form, "#event-mentor-1"));
    type_text(&form, "#event-young-co-facilitators", "Ria");

    click(&button_named(&form, "Add agenda item"));
    assert!(
        wait_until(|| focused_id() == "agenda-0-time").await,
        "focus goes to the new item, not {}",
        focused_id()
    );
    type_text(&form, "#agenda-0-time", "18:15");
    type_text(&form, "#agenda-0-title", "Games");
    click(&button_named(&form, "Add agenda item"));
    sleep(0).await;
    type_text(&form, "#agenda-1-time", "18:00");
    type_text(&form, "#agenda-1-title", "Welcome");
    type_text(&form, "#agenda-1-led-by", "Ria");
    let legends: Vec<_> = all(&form, ".agenda-row legend").iter().map(text).collect();
    assert_eq!(legends, ["Agenda item 1", "Agenda item 2"]);
    assert!(
        all(&form, "#agenda-0-up").is_empty(),
        "the first item can't go up"
    );
    click(&button_named(&form, "Move up agenda item 2"));
    wait_for(&form, ".agenda-rows + [role='status']", |t| {
        t == "\u{201c}Welcome\u{201d} is now item 1 of 2."
    })
    .await;
    assert_eq!(input_value(&form, "#agenda-0-title"), "Welcome");
    assert_eq!(input_value(&form, "#agenda-1-title"), "Games");
    assert!(
        wait_until(|| focused_id() == "agenda-0-down").await,
        "focus stays with the moved item, not {}",
        focused_id()
    );

    click(&button_named(&form, "Add material"));
    sleep(0).await;
    type_text(&form, "#material-0-title", "Rules");
    type_text(&form, "#material-0-url", "https://example.org/rules.pdf");

    click(&button_named(&form, "Save draft"));
    assert!(
        wait_until(|| current_path() == "/staff/events/9").await,
        "still at {}",
        current_path()
    );
    let sent = api
        .requests()
        .into_iter()
        .find(|r| r.starts_with("POST /api/staff/events "))
        .expect("the event was sent");
    for part in [
        r#""title":"Game night""#,
        r#""start":"2030-05-01T18:00:00-04:00""#,
        r#""end":"2030-05-01T20:00:00-04:00""#,
        r#""place":"Town library""#,
        r#""capacity":10,"waitlist":true"#,
        r#""contact_staff_id":2"#,
        r#""co_facilitator_mentor_ids":[4]"#,
        r#""young_co_facilitators":["Ria"]"#,
        r#""agenda":[{"time":"18:00","title":"Welcome","led_by":"Ria"},{"time":"18:15","title":"Games","led_by":""}]"#,
        r#""materials":[{"title":"Rules","url":"https://example.org/rules.pdf"}]"#,
        r#""release_hours_before":72"#,
    ] {
        assert!(sent.contains(part), "{part} not in {sent}");
    }
    assert!(!sent.contains("space_id"), "{sent}");

    wait_for(&app.root, ".notice--success", |t| {
        t.starts_with("Draft saved.")
    })
    .await;
    wait_for(&app.root, "h1", |t| t == "Game night").await;
    assert!(text(&one(&app.root, ".event-state")).starts_with("Draft"));
    click(&button_named(&app.root, "Publish"));
    wait_for(&app.root, ".notice--success", |t| {
        t == "Published. Young people can now see the event and sign up."
    })
    .await;
    assert!(api
        .requests()
        .contains(&"POST /api/staff/events/9/publish {}".to_owned()));
    assert!(
        wait_until(|| focused_id().is_empty()
            && document().active_element().is_some_and(|element| element
                .get_attribute("class")
                .is_some_and(|class| class.contains("notice"))))
        .await,
        "focus goes to the announcement"
    );
    assert!(all(&app.root, "button")
        .iter()
        .all(|button| text(button) != "Publish"));
    wait_for(&app.root, "#event-door-heading", |t| t == "At the door").await;
}

#[wasm_bindgen_test]
async fn the_editor_points_at_what_to_fix_from_its_own_check_and_the_servers() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/spaces", 200, PUBLIC_SPACES),
        ("GET /api/staff/event-contacts", 200, EVENT_CONTACTS),
        ("GET /api/mentors", 200, "[]"),
        ("GET /api/health", 200, NEW_YORK_HEALTH),
        (
            "POST /api/staff/events",
            422,
            r#"{"error":{"code":"validation_failed","message":"Some details need another look.",
                "fields":{"start":["Choose a time in the future."],
                          "agenda":["Write agenda times as HH:MM, e.g. 18:30."]}}}"#,
        ),
    ]);
    let app = render_console_at("/staff/events/new").await;
    let form = wait_for(&app.root, "form.event-form", |_| true).await;

    click(&button_named(&form, "Save draft"));
    let alert = wait_for(&form, "[role='alert']", |t| !t.is_empty()).await;
    assert!(
        wait_until(|| focused_id() == "event-title").await,
        "focus goes to the first field to fix, not {}",
        focused_id()
    );
    let links: Vec<_> = all(&alert, "a").iter().map(text).collect();
    assert_eq!(links[0], "Title: Give the event a title.");
    assert!(links
        .iter()
        .any(|l| l.starts_with("Where: Say where it is")));
    assert_eq!(
        one(&form, "#event-title")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(one(&form, "#event-title")
        .get_attribute("aria-describedby")
        .is_some_and(|ids| ids.contains("event-title-error")));
    assert!(!api.requests().iter().any(|r| r.starts_with("POST")));

    // In a lounge space there is no place to type, and a choice about drop-ins.
    choose(&form, "#event-space", "1");
    sleep(0).await;
    assert!(all(&form, "#event-place").is_empty());
    let uses: Vec<_> = all(&form, "input[name='event-lounge-use']")
        .iter()
        .map(|input| {
            input
                .clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .unwrap()
                .checked()
        })
        .collect();
    assert_eq!(uses, [true, false], "sharing the seats unless told");
    click(&one(&form, "#event-lounge-use-1"));

    type_text(&form, "#event-title", "Game night");
    type_text(&form, "#event-start", "2020-05-01T18:00");
    type_text(&form, "#event-end", "2020-05-01T20:00");
    click(&button_named(&form, "Save draft"));
    wait_for(&form, "#event-start-error", |t| {
        t == "Choose a time in the future."
    })
    .await;
    assert!(text(&one(&form, "[role='alert']")).contains("Some details need another look."));
    assert!(text(&one(&form, "[role='alert']"))
        .contains("Agenda: Write agenda times as HH:MM, e.g. 18:30."));
    assert!(wait_until(|| focused_id() == "event-start").await);
    let sent = api
        .requests()
        .into_iter()
        .find(|r| r.starts_with("POST /api/staff/events"))
        .unwrap();
    assert!(
        sent.contains(r#""space_id":1"#) && sent.contains(r#""lounge_use":"closed""#),
        "{sent}"
    );
    assert!(!sent.contains(r#""place""#), "{sent}");
}

#[wasm_bindgen_test]
async fn editing_a_published_event_warns_that_a_new_time_tells_everyone() {
    let event = staff_event_json("published", may_day(), 4, 0);
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/staff/events/9", 200, &event),
        ("GET /api/spaces", 200, PUBLIC_SPACES),
        ("GET /api/staff/event-contacts", 200, EVENT_CONTACTS),
        ("GET /api/mentors", 200, LISTED_MENTORS),
        ("GET /api/health", 200, NEW_YORK_HEALTH),
        (
            "PUT /api/staff/events/9",
            422,
            r#"{"error":{"code":"validation_failed","message":"Some details need another look.",
                "fields":{"capacity":["4 people have a seat already, so there must be at least 4 seats."]}}}"#,
        ),
    ]);
    let app = render_console_at("/staff/events/9/edit").await;

    let form = wait_for(&app.root, "form.event-form", |_| true).await;
    wait_for(&app.root, "h1", |t| t == "Edit \u{201c}Game night\u{201d}").await;
    assert_eq!(input_value(&form, "#event-start"), "2030-05-01T18:00");
    assert_eq!(input_value(&form, "#event-place"), "Town library");
    assert_eq!(input_value(&form, "#agenda-0-title"), "Welcome");
    assert_eq!(
        input_value(&form, "#material-0-url"),
        "https://example.org/rules.pdf"
    );
    let jo = one(&form, "#event-mentor-1")
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap();
    assert!(jo.checked(), "Jo co-facilitates");
    let submit = button_named(&form, "Save changes");
    let warning = one(
        &form,
        &format!("#{}", submit.get_attribute("aria-describedby").unwrap()),
    );
    assert!(text(&warning).contains("everyone who signed up is told"));

    type_text(&form, "#event-capacity", "3");
    click(&submit);
    wait_for(&form, "#event-capacity-error", |t| {
        t.starts_with("4 people have a seat already")
    })
    .await;
    let sent = api
        .requests()
        .into_iter()
        .find(|r| r.starts_with("PUT /api/staff/events/9"))
        .unwrap();
    assert!(sent.contains(r#""capacity":3"#), "{sent}");
    assert!(sent.contains(r#""agenda":[{"time":"18:00","title":"Welcome","led_by":"Ria"}]"#));
}

#[wasm_bindgen_test]
async fn the_agenda_editor_moves_and_removes_items_by_keyboard() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/spaces", 200, "[]"),
        ("GET /api/staff/event-contacts", 200, EVENT_CONTACTS),
        ("GET /api/mentors", 200, "[]"),
        ("GET /api/health", 200, NEW_YORK_HEALTH),
    ]);
    let app = render_console_at("/staff/events/new").await;
    let form = wait_for(&app.root, "form.event-form", |_| true).await;
    assert!(all(&form, "#event-space").is_empty(), "no spaces to choose");
    one(&form, "#event-place");

    for title in ["One", "Two", "Three"] {
        click(&button_named(&form, "Add agenda item"));
        sleep(0).await;
        let index = all(&form, ".agenda-row").len() - 1;
        type_text(&form, &format!("#agenda-{index}-title"), title);
    }
    let buttons: Vec<_> = all(&one(&form, ".agenda-row"), "button")
        .iter()
        .map(text)
        .collect();
    assert_eq!(buttons, ["Move down agenda item 1", "Remove agenda item 1"]);

    click(&button_named(&form, "Move down agenda item 1"));
    sleep(0).await;
    let titles = || {
        (0..all(&form, ".agenda-row").len())
            .map(|index| input_value(&form, &format!("#agenda-{index}-title")))
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(), ["Two", "One", "Three"]);
    assert!(wait_until(|| focused_id() == "agenda-1-down").await);
    click(&button_named(&form, "Move down agenda item 2"));
    sleep(0).await;
    assert_eq!(titles(), ["Two", "Three", "One"]);
    assert!(
        wait_until(|| focused_id() == "agenda-2-up").await,
        "at the bottom, focus goes to Move up, not {}",
        focused_id()
    );

    click(&button_named(&form, "Remove agenda item 1"));
    sleep(0).await;
    assert_eq!(titles(), ["Three", "One"]);
    assert!(wait_until(|| focused_id() == "agenda-add").await);
    wait_for(&form, ".agenda-rows + [role='status']", |t| {
        t == "\u{201c}Two\u{201d} removed from the agenda."
    })
    .await;
}

fn roster_json(ana: &str, walk_ins: u32, attended: u32) -> String {
    format!(
        r#"{{"registered":[
            {{"booking_id":7,"name":"Ana","status":"{ana}","waitlist_position":null}},
            {{"booking_id":8,"name":"Bo","status":"attended","waitlist_position":null}}],
          "waitlist":[{{"booking_id":9,"name":"Cy","status":"waitlisted","waitlist_position":1}}],
          "walk_ins":{walk_ins},"attended":{attended}}}"#
    )
}

#[wasm_bindgen_test]
async fn at_the_door_people_are_checked_in_and_cancelling_says_who_is_told() {
    let started = frontend::clock::now().fixed_offset() - chrono::Duration::hours(1);
    let event = staff_event_json("published", started, 2, 1);
    let cancelled = staff_event_json("cancelled", started, 0, 0);
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/staff/events/9", 200, &event),
        (
            "GET /api/staff/events/9/registrations",
            200,
            &roster_json("confirmed", 0, 1),
        ),
        (
            "PUT /api/staff/events/9/registrations/7/check-in",
            200,
            &roster_json("attended", 0, 2),
        ),
        (
            "POST /api/staff/events/9/walk-ins",
            200,
            &roster_json("attended", 1, 3),
        ),
        ("POST /api/staff/events/9/cancel", 200, &cancelled),
    ]);
    let app = render_console_at("/staff/events/9").await;

    let table = wait_for(&app.root, ".sheet-table", |_| true).await;
    let rows: Vec<_> = all(&table, "tbody tr").iter().map(text).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].starts_with("AnaBookedCheck in"), "{}", rows[0]);
    assert!(rows[1].starts_with("BoChecked inUndo"), "{}", rows[1]);
    assert_eq!(text(&one(&app.root, ".waitlist")), "Cy");
    assert_eq!(text(&one(&app.root, "#event-attended")), "1 person");
    assert_eq!(
        text(&one(&app.root, "#event-seats")),
        "2 of 10 seats taken, 1 on the waitlist"
    );
    button_named(&app.root, "Undo check-in for Bo");
    button_named(&app.root, "Mark completed");

    click(&button_named(&app.root, "Check in Ana"));
    wait_for(
        &app.root,
        "section[aria-labelledby='event-door-heading'] [role='status']",
        |t| t == "Ana is checked in. 2 people have come so far.",
    )
    .await;
    assert!(api.requests().contains(
        &r#"PUT /api/staff/events/9/registrations/7/check-in {"arrived":true}"#.to_owned()
    ));
    button_named(&app.root, "Undo check-in for Ana");

    click(&button_named(&app.root, "Add a walk-in"));
    wait_for(
        &app.root,
        "section[aria-labelledby='event-door-heading'] [role='status']",
        |t| t == "Walk-in added. 3 people have come so far.",
    )
    .await;
    assert_eq!(text(&one(&app.root, "#event-attended")), "3 people");
    assert!(api
        .requests()
        .contains(&"POST /api/staff/events/9/walk-ins {}".to_owned()));

    click(&button_named(&app.root, "Cancel event"));
    let question = wait_for(&app.root, ".confirm p", |_| true).await;
    assert!(
        text(&question).contains("We'll tell 3 people (2 with a seat and 1 on the waitlist)"),
        "{}",
        text(&question)
    );
    assert!(wait_until(|| document().active_element() == Some(question.clone())).await);
    click(&button_named(&app.root, "Keep the event"));
    assert!(wait_until(|| focused_id() == "event-cancel").await);
    assert!(!api.requests().iter().any(|r| r.contains("/cancel")));

    click(&button_named(&app.root, "Cancel event"));
    click(
        &wait_for(&app.root, ".confirm button", |t| {
            t == "Yes, cancel the event"
        })
        .await,
    );
    wait_for(&app.root, ".notice--success", |t| {
        t == "The event is cancelled. Everyone who signed up is being told."
    })
    .await;
    assert!(api
        .requests()
        .contains(&"POST /api/staff/events/9/cancel {}".to_owned()));
    assert!(text(&one(&app.root, ".event-state")).starts_with("Cancelled"));
    assert!(all(&app.root, "#event-door-heading").is_empty());
    assert!(!text(&app.root).contains('@'), "names only, never an email");
}

#[wasm_bindgen_test]
async fn files_are_checked_then_uploaded_as_they_are_and_can_be_removed() {
    use frontend::console::events::{file_in_words, file_problem};
    assert_eq!(file_in_words("application/pdf", 1_258_291), "PDF, 1.2 MB");
    assert_eq!(file_in_words("image/png", 348_160), "Image, 340 KB");
    assert_eq!(file_in_words("image/png", 1), "Image, 1 byte");
    assert!(file_problem(9.0 * 1024.0 * 1024.0, "application/pdf").is_none());
    assert!(file_problem(3.0 * 1024.0 * 1024.0, "image/jpeg").is_some_and(|p| p.contains("2 MB")));
    assert!(file_problem(100.0, "text/html").is_some_and(|p| p.contains("PDF")));

    let handout = r#"{"id":1,"title":"Handout","content_type":"application/pdf",
        "byte_size":1258291,"url":"/api/event-files/0a1b"}"#;
    let map = r#"{"id":2,"title":"Map","content_type":"image/png","byte_size":10,
        "url":"/api/event-files/2c3d"}"#;
    let draft = staff_event_json("draft", may_day(), 0, 0);
    let with = |files: &str| draft.replace(r#""files":[]"#, &format!(r#""files":[{files}]"#));
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        ("GET /api/staff/events/9", 200, &with(handout)),
        (
            "PUT /api/staff/events/9/files",
            201,
            &with(&format!("{handout},{map}")),
        ),
        ("DELETE /api/staff/events/9/files/1", 200, &with(map)),
    ]);
    let app = render_console_at("/staff/events/9").await;

    let list = wait_for(&app.root, ".event-files", |_| true).await;
    assert_eq!(text(&list), "Handout (PDF, 1.2 MB)Remove the file Handout");
    let form = one(&app.root, "form[aria-label='Add a file']");
    assert_inputs_are_labelled(&form);
    click(&button_named(&form, "Upload file"));
    wait_for(&form, "#event-file-error", |t| t == "Choose a file first.").await;
    assert!(wait_until(|| focused_id() == "event-file-title").await);

    type_into(&form, "#event-file-title", "Map");
    pick_file(&form, "#event-file", 3 * 1024 * 1024, "image/png");
    click(&button_named(&form, "Upload file"));
    wait_for(&form, "#event-file-error", |t| {
        t.contains("bigger than 2 MB")
    })
    .await;
    assert!(!api.requests().iter().any(|r| r.starts_with("PUT")));

    pick_file(&form, "#event-file", 10, "image/png");
    click(&button_named(&form, "Upload file"));
    wait_for(&app.root, ".notice--success", |t| {
        t == "\u{201c}Map\u{201d} is added."
    })
    .await;
    assert!(api
        .requests()
        .iter()
        .any(|r| r.starts_with("PUT /api/staff/events/9/files?title=Map ")));
    wait_for(&app.root, ".event-files", |t| {
        t.contains("Map (Image, 10 bytes)")
    })
    .await;

    click(&button_named(&app.root, "Remove the file Handout"));
    wait_for(&app.root, ".notice--success", |t| {
        t == "\u{201c}Handout\u{201d} is removed."
    })
    .await;
    assert!(api
        .requests()
        .contains(&"DELETE /api/staff/events/9/files/1".to_owned()));
}

/// Event 9's questions, newest first: Ana can be answered, Bo was answered, Cy left no
/// email.
const QUESTIONS: &str = r#"[
    {"id":3,"name":"Ana","message":"Can I bring a friend?","asked_at":"2030-04-20T10:00:00Z",
     "can_reply":true,"answered":false},
    {"id":2,"name":"Bo","message":"Is there food?","asked_at":"2030-04-19T10:00:00Z",
     "can_reply":true,"answered":true},
    {"id":1,"name":"Cy","message":"Is it step-free?","asked_at":"2030-04-18T10:00:00Z",
     "can_reply":false,"answered":false}]"#;

fn question_item(root: &web_sys::Element, name: &str) -> web_sys::Element {
    all(root, ".event-question")
        .into_iter()
        .find(|item| text(&one(item, "h3")) == name)
        .unwrap_or_else(|| panic!("no question from {name}; page was: {}", root.inner_html()))
}

#[wasm_bindgen_test]
async fn organisers_read_questions_and_answer_the_ones_with_an_email() {
    let answered = r#"{"id":3,"name":"Ana","message":"Can I bring a friend?",
        "asked_at":"2030-04-20T10:00:00Z","can_reply":true,"answered":true}"#;
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        (
            "GET /api/staff/events/9",
            200,
            &staff_event_json("draft", may_day(), 0, 0),
        ),
        ("GET /api/staff/events/9/questions", 200, QUESTIONS),
        ("POST /api/staff/events/9/questions/3/reply", 200, answered),
    ]);
    let app = render_console_at("/staff/events/9").await;

    let list = wait_for(&app.root, ".event-questions", |_| true).await;
    let names: Vec<_> = all(&list, "h3").iter().map(text).collect();
    assert_eq!(
        names,
        ["Ana", "Bo", "Cy"],
        "newest first, as the server sends"
    );
    let ana = question_item(&app.root, "Ana");
    assert!(text(&ana).contains("Can I bring a friend?"));
    assert_eq!(
        one(&ana, "time").get_attribute("datetime").as_deref(),
        Some("2030-04-20T10:00:00.000Z")
    );
    let label = one(&ana, "label[for='question-3-answer']");
    assert_eq!(text(&label), "Your answer to Ana");
    one(&ana, "textarea#question-3-answer");

    let bo = question_item(&app.root, "Bo");
    assert_eq!(text(&one(&bo, "[role='status']")), "Answered");
    assert!(all(&bo, "textarea").is_empty());
    let cy = question_item(&app.root, "Cy");
    assert!(text(&cy).contains("They didn't leave an email: answer at the event or in person."));
    assert!(all(&cy, "textarea, button").is_empty());

    click(&button_named(&ana, "Send answer"));
    wait_for(&ana, "#question-3-answer-error", |t| {
        t == "Write your answer first."
    })
    .await;
    assert!(wait_until(|| focused_id() == "question-3-answer").await);
    assert!(!api.requests().iter().any(|r| r.starts_with("POST")));

    type_text(&ana, "#question-3-answer", "  Yes, bring them along!  ");
    click(&button_named(&ana, "Send answer"));
    let status = wait_for(&ana, "[role='status']", |t| t == "Answer sent").await;
    assert!(wait_until(|| document().active_element() == Some(status.clone())).await);
    assert!(all(&ana, "textarea").is_empty());
    assert!(api.requests().contains(
        &r#"POST /api/staff/events/9/questions/3/reply {"message":"Yes, bring them along!"}"#
            .to_owned()
    ));
}

#[wasm_bindgen_test]
async fn answers_are_checked_and_the_servers_problems_are_shown_with_the_question() {
    use frontend::console::components::event_questions::answer_problem;
    assert_eq!(answer_problem("Yes").as_deref(), None);
    assert_eq!(answer_problem(&"é".repeat(1000)).as_deref(), None);
    assert!(answer_problem(&"a".repeat(1001)).is_some_and(|p| p.contains("1000 characters")));
    assert!(answer_problem("   ").is_some());

    let questions = QUESTIONS.replace(r#""answered":true"#, r#""answered":false"#);
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        (
            "GET /api/staff/events/9",
            200,
            &staff_event_json("draft", may_day(), 0, 0),
        ),
        ("GET /api/staff/events/9/questions", 200, &questions),
        (
            "POST /api/staff/events/9/questions/3/reply",
            422,
            r#"{"error":{"code":"validation","message":"Please check the answer.",
                "fields":{"message":["Keep it to 1000 characters."]}}}"#,
        ),
        (
            "POST /api/staff/events/9/questions/2/reply",
            409,
            r#"{"error":{"code":"no_address","message":"Bo left no email to answer."}}"#,
        ),
    ]);
    let app = render_console_at("/staff/events/9").await;

    wait_for(&app.root, ".event-questions", |_| true).await;
    let ana = question_item(&app.root, "Ana");
    type_text(&ana, "#question-3-answer", "Yes");
    click(&button_named(&ana, "Send answer"));
    wait_for(&ana, "#question-3-answer-error", |t| {
        t == "Keep it to 1000 characters."
    })
    .await;
    assert_eq!(
        text(&one(&ana, "[role='alert']")),
        "Please check the answer."
    );
    assert_eq!(
        one(&ana, "#question-3-answer")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(wait_until(|| focused_id() == "question-3-answer").await);

    let bo = question_item(&app.root, "Bo");
    type_text(&bo, "#question-2-answer", "Yes, snacks.");
    click(&button_named(&bo, "Send answer"));
    wait_for(&bo, "[role='alert']", |t| {
        t == "Bo left no email to answer."
    })
    .await;
    assert!(text(&bo).contains("They didn't leave an email: answer at the event or in person."));
    assert!(all(&bo, "textarea").is_empty());
    assert!(api
        .requests()
        .iter()
        .any(|r| r.starts_with("POST /api/staff/events/9/questions/2/reply")));
}

#[wasm_bindgen_test]
async fn only_organisers_are_shown_an_events_questions() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, MENTOR),
        (
            "GET /api/staff/events/9",
            200,
            &staff_event_json("draft", may_day(), 0, 0),
        ),
        (
            "GET /api/staff/events/9/questions",
            403,
            r#"{"error":{"code":"forbidden","message":"Only organisers can do that."}}"#,
        ),
    ]);
    let app = render_console_at("/staff/events/9").await;

    let section = wait_for(
        &app.root,
        "section[aria-labelledby='event-questions-heading']",
        |t| t.contains("Only the event's organisers can see its questions."),
    )
    .await;
    assert_eq!(text(&one(&section, "h2")), "Questions");
    assert!(
        all(&section, "[role='alert'], button").is_empty(),
        "nothing to retry"
    );
}

#[wasm_bindgen_test]
fn today_follows_the_agency_zone_not_the_device() {
    // Kiritimati is 26 hours ahead of Etc/GMT+12: its date is always one or two days on.
    let ahead = today_in_zone("Pacific/Kiritimati").unwrap();
    let behind = today_in_zone("Etc/GMT+12").unwrap();
    let days = (ahead - behind).num_days();
    assert!((1..=2).contains(&days), "{ahead} vs {behind}");
    assert_eq!(today_in_zone("Not/AZone"), None);
}

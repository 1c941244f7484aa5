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
use frontend::console::pages::set_password_page::token_from_fragment;
use frontend::console::words::{
    account_status, list_in_words, outbox_state_label, page_count, page_of, role_label,
    roles_in_words,
};
use frontend::console::{App, ConsoleRoute};
use shared::{Role, StaffAccount};
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
    assert_eq!(nav, ["Home", "Staff", "Audit log", "Outbox", "Password"]);
    assert_eq!(text(&one(&app.root, "header button")), "Sign out");
}

#[wasm_bindgen_test]
async fn mentor_sees_no_admin_tools_and_hears_what_is_coming() {
    let _api = MockApi::new(&[("GET /api/auth/me", 200, MENTOR)]);
    let app = render_console_at("/staff").await;

    wait_for(&app.root, ".console-home", |_| true).await;
    let tools: Vec<_> = all(&app.root, ".console-home .link-card__title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(tools, ["Change your password"]);
    let coming: Vec<_> = all(&app.root, ".coming-soon li").iter().map(text).collect();
    assert_eq!(
        coming,
        ["For peer mentors: your profile, availability, limits and sessions."]
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
    assert_eq!(coming_soon(&[Role::Admin]).len(), 1);

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

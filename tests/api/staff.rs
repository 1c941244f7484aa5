//! Staff accounts: who may call what, guessing limits, CSRF, sessions, admins, the audit log.

use std::net::{IpAddr, Ipv4Addr};

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use shared::{AuditEntry, Page, Role, StaffAccount};
use tests::{new_client, TestApp, TestAppOptions};

const ADMIN_EMAIL: &str = "admin@agency.example.org";
const PASSWORD: &str = "a long and lovely passphrase";

async fn app_with_admin() -> TestApp {
    TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD),
    )
    .await
}

async fn send(
    app: &TestApp,
    client: &Client,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = client.request(method.clone(), app.url(path));
    match body {
        Some(body) => request = request.json(&body),
        // POSTs always carry JSON, even with nothing to say.
        None if method == Method::POST => request = request.json(&json!({})),
        None => {}
    }
    request
        .send()
        .await
        .expect("the request reaches the server")
}

async fn admin_id(app: &TestApp, admin: &Client) -> i64 {
    let accounts: Vec<StaffAccount> = admin
        .get(app.url("/api/admin/users"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    accounts.iter().find(|a| a.email == ADMIN_EMAIL).unwrap().id
}

/// Who may call what. Every staff endpoint belongs in this table.
#[tokio::test]
async fn authorization_matrix_for_every_staff_endpoint() {
    let app = app_with_admin().await;
    let target = app
        .create_staff("target@agency.example.org", PASSWORD, &[Role::Mentor])
        .await;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Caller {
        Anonymous,
        Admin,
        Supervisor,
        Mentor,
        Facilities,
        Disabled,
    }
    let mut clients = vec![(Caller::Anonymous, new_client())];
    clients.push((
        Caller::Admin,
        app.signed_in_client(ADMIN_EMAIL, PASSWORD).await,
    ));
    for (caller, email, role) in [
        (
            Caller::Supervisor,
            "sup@agency.example.org",
            Role::Supervisor,
        ),
        (Caller::Mentor, "mentor@agency.example.org", Role::Mentor),
        (
            Caller::Facilities,
            "fac@agency.example.org",
            Role::Facilities,
        ),
        (Caller::Disabled, "gone@agency.example.org", Role::Admin),
    ] {
        app.create_staff(email, PASSWORD, &[role]).await;
        clients.push((caller, app.signed_in_client(email, PASSWORD).await));
    }
    let disabled_id = {
        let admin = &clients[1].1;
        let accounts: Vec<StaffAccount> = admin
            .get(app.url("/api/admin/users"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        accounts
            .iter()
            .find(|a| a.email == "gone@agency.example.org")
            .unwrap()
            .id
    };
    let response = send(
        &app,
        &clients[1].1,
        Method::PATCH,
        &format!("/api/admin/users/{disabled_id}"),
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(response.status(), 204);

    let any_staff = |caller: Caller, ok: StatusCode| match caller {
        Caller::Anonymous | Caller::Disabled => StatusCode::UNAUTHORIZED,
        _ => ok,
    };
    let lounge_desk = |caller: Caller, ok: StatusCode| match caller {
        Caller::Anonymous | Caller::Disabled => StatusCode::UNAUTHORIZED,
        Caller::Facilities => StatusCode::FORBIDDEN,
        _ => ok,
    };
    let admin_only = |caller: Caller, ok: StatusCode| match caller {
        Caller::Anonymous | Caller::Disabled => StatusCode::UNAUTHORIZED,
        Caller::Admin => ok,
        _ => StatusCode::FORBIDDEN,
    };
    let mentors_only = |caller: Caller, ok: StatusCode| match caller {
        Caller::Anonymous | Caller::Disabled => StatusCode::UNAUTHORIZED,
        Caller::Admin | Caller::Mentor => ok,
        _ => StatusCode::FORBIDDEN,
    };
    let supervisors_only = |caller: Caller, ok: StatusCode| match caller {
        Caller::Anonymous | Caller::Disabled => StatusCode::UNAUTHORIZED,
        Caller::Admin | Caller::Supervisor => ok,
        _ => StatusCode::FORBIDDEN,
    };
    let facilities_only = |caller: Caller, ok: StatusCode| match caller {
        Caller::Anonymous | Caller::Disabled => StatusCode::UNAUTHORIZED,
        Caller::Admin | Caller::Facilities => ok,
        _ => StatusCode::FORBIDDEN,
    };
    type Rule = Box<dyn Fn(Caller) -> StatusCode>;
    let endpoints: Vec<(Method, String, Option<Value>, Rule)> = vec![
        (
            Method::GET,
            "/api/auth/me".into(),
            None,
            Box::new(move |c| any_staff(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/auth/password".into(),
            // A wrong current password: allowed callers get as far as validation.
            Some(
                json!({"current_password": "not it at all", "new_password": "another long passphrase"}),
            ),
            Box::new(move |c| any_staff(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/admin/users".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::OK)),
        ),
        (
            Method::PATCH,
            format!("/api/admin/users/{target}"),
            Some(json!({"display_name": "Target"})),
            Box::new(move |c| admin_only(c, StatusCode::NO_CONTENT)),
        ),
        (
            Method::POST,
            "/api/admin/users".into(),
            // No roles: allowed callers reach validation, and nobody is invited.
            Some(json!({"email": "new@agency.example.org", "display_name": "New", "roles": []})),
            Box::new(move |c| admin_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/admin/outbox".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/admin/outbox/999999/requeue".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/admin/spaces".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/admin/spaces".into(),
            // Capacity 0: allowed callers reach validation, and no space is made.
            Some(json!({"name": "Quiet room", "capacity": 0})),
            Box::new(move |c| admin_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::PATCH,
            "/api/admin/spaces/999999".into(),
            Some(json!({"capacity": 4})),
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/admin/spaces/999999/opening-hours".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::PUT,
            "/api/admin/spaces/999999/opening-hours".into(),
            Some(json!({"rules": []})),
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/admin/spaces/999999/closures".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/admin/spaces/999999/closures".into(),
            Some(
                json!({"from": "2026-12-24T00:00:00-05:00", "to": "2026-12-27T00:00:00-05:00", "reason": "Holidays"}),
            ),
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::DELETE,
            "/api/admin/spaces/999999/closures/1".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/admin/spaces/999999/day".into(),
            None,
            Box::new(move |c| lounge_desk(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/admin/spaces/999999/walk-ins".into(),
            Some(json!({"delta": 1})),
            Box::new(move |c| lounge_desk(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/admin/bookings/999999/check-in".into(),
            None,
            Box::new(move |c| lounge_desk(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/admin/bookings/999999/didnt-make-it".into(),
            None,
            Box::new(move |c| lounge_desk(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/admin/audit".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/admin/topics".into(),
            Some(json!({"name": ""})),
            Box::new(move |c| admin_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::DELETE,
            "/api/admin/topics/999999".into(),
            None,
            Box::new(move |c| admin_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/mentor/profile".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::OK)),
        ),
        (
            Method::PUT,
            "/api/mentor/profile".into(),
            Some(json!({"display_name": "", "title": "nope"})),
            Box::new(move |c| mentors_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::DELETE,
            "/api/mentor/photo".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::OK)),
        ),
        (
            Method::GET,
            "/api/mentor/office-hours".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::OK)),
        ),
        (
            Method::PUT,
            "/api/mentor/office-hours".into(),
            Some(
                json!({"rules": [{"weekday": "mon", "opens": "9", "closes": "10:00", "slot_minutes": 30}]}),
            ),
            Box::new(move |c| mentors_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/mentor/limits".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::OK)),
        ),
        (
            Method::PUT,
            "/api/mentor/limits".into(),
            Some(json!({"max_sessions_per_day": 0})),
            Box::new(move |c| mentors_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/mentor/sessions".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::OK)),
        ),
        (
            Method::PUT,
            "/api/mentor/sessions/999999/check-in".into(),
            Some(json!({"outcome": "held"})),
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/supervision/mentors".into(),
            None,
            Box::new(move |c| supervisors_only(c, StatusCode::OK)),
        ),
        (
            Method::PATCH,
            "/api/supervision/mentors/999999".into(),
            Some(json!({"screening_valid_until": "2030-01-01"})),
            Box::new(move |c| supervisors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/supervision/mentors/999999/overrides".into(),
            Some(json!({"start": "2030-01-01T10:00:00Z"})),
            Box::new(move |c| supervisors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/supervision/check-ins/999999/follow-up".into(),
            None,
            Box::new(move |c| supervisors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/facilities/categories".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/facilities/categories".into(),
            Some(json!({"name": ""})),
            Box::new(move |c| facilities_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/facilities/items".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/facilities/items".into(),
            Some(
                json!({"name": "", "category_id": 1, "quantity": -1, "condition": "new", "status": "in_use", "received_on": "2026-01-01"}),
            ),
            Box::new(move |c| facilities_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/facilities/items/999999".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::PATCH,
            "/api/facilities/items/999999".into(),
            Some(json!({"reason": "x"})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/facilities/items/999999/stock".into(),
            Some(json!({"delta": 1})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/facilities/items/status".into(),
            Some(json!({"ids": [], "status": "in_use"})),
            Box::new(move |c| facilities_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/facilities/items/export.csv".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/facilities/items/import".into(),
            Some(json!({"csv": "", "save": false})),
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            // JSON is not a photo.
            Method::PUT,
            "/api/facilities/items/999999/photos".into(),
            Some(json!({})),
            Box::new(move |c| facilities_only(c, StatusCode::UNSUPPORTED_MEDIA_TYPE)),
        ),
        (
            Method::GET,
            "/api/facilities/items/999999/photos/1".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::DELETE,
            "/api/facilities/items/999999/photos/1".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/facilities/donors".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/facilities/donors".into(),
            Some(json!({"kind": "business", "name": ""})),
            Box::new(move |c| facilities_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/facilities/donors/999999".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::PUT,
            "/api/facilities/donors/999999".into(),
            Some(json!({"kind": "business", "name": "X"})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/facilities/donors/999999/impact-note".into(),
            Some(json!({"text": "Thanks"})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/facilities/donations".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/facilities/donations".into(),
            Some(json!({"donor_id": 999999, "received_on": "2026-01-01", "method": "drop_off"})),
            Box::new(move |c| facilities_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/facilities/donations/999999".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/facilities/donations/999999/letter".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/facilities/donations/999999/letter/email".into(),
            Some(json!({})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/facilities/letterhead".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::PUT,
            "/api/facilities/letterhead".into(),
            Some(json!({"email": "not an address"})),
            Box::new(move |c| facilities_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/facilities/wishlist".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/facilities/wishlist".into(),
            Some(json!({"name": "", "quantity": 0, "priority": "high"})),
            Box::new(move |c| facilities_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::PUT,
            "/api/facilities/wishlist/999999".into(),
            Some(json!({"name": "X", "quantity": 1, "priority": "high"})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::DELETE,
            "/api/facilities/wishlist/999999".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/facilities/pledges".into(),
            None,
            Box::new(move |c| facilities_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/facilities/pledges/999999/withdraw".into(),
            Some(json!({})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/facilities/pledges/999999/donation".into(),
            Some(json!({"received_on": "2026-01-01", "method": "drop_off", "items": []})),
            Box::new(move |c| facilities_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/staff/events".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::OK)),
        ),
        (
            Method::POST,
            "/api/staff/events".into(),
            Some(
                json!({"title": "", "start": "2030-01-01T10:00:00Z", "end": "2030-01-01T09:00:00Z"}),
            ),
            Box::new(move |c| mentors_only(c, StatusCode::UNPROCESSABLE_ENTITY)),
        ),
        (
            Method::GET,
            "/api/staff/events/999999".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::PUT,
            "/api/staff/events/999999".into(),
            Some(
                json!({"title": "x", "start": "2030-01-01T10:00:00Z", "end": "2030-01-01T11:00:00Z", "place": "Hall"}),
            ),
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/staff/events/999999/publish".into(),
            Some(json!({})),
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/staff/events/999999/cancel".into(),
            Some(json!({})),
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/staff/events/999999/complete".into(),
            Some(json!({})),
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/staff/event-contacts".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::OK)),
        ),
        (
            Method::GET,
            "/api/staff/events/999999/registrations".into(),
            None,
            Box::new(move |c| lounge_desk(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::PUT,
            "/api/staff/events/999999/registrations/999999/check-in".into(),
            Some(json!({"arrived": true})),
            Box::new(move |c| lounge_desk(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::GET,
            "/api/staff/events/999999/questions".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/staff/events/999999/questions/1/reply".into(),
            Some(json!({"message": "See you there"})),
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::DELETE,
            "/api/staff/events/999999/files/1".into(),
            None,
            Box::new(move |c| mentors_only(c, StatusCode::NOT_FOUND)),
        ),
        (
            Method::POST,
            "/api/staff/events/999999/walk-ins".into(),
            Some(json!({})),
            Box::new(move |c| lounge_desk(c, StatusCode::NOT_FOUND)),
        ),
    ];

    let mut failures = Vec::new();
    for (method, path, body, rule) in &endpoints {
        for (caller, client) in &clients {
            let status = send(&app, client, method.clone(), path, body.clone())
                .await
                .status();
            let expected = rule(*caller);
            if status != expected {
                failures.push(format!(
                    "{method} {path} as {caller:?}: {status}, expected {expected}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn client_from(last_octet: u8) -> Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last_octet)))
        .build()
        .unwrap()
}

async fn login_from(
    app: &TestApp,
    client: &Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url("/api/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn repeated_failures_lock_an_account_even_from_many_addresses() {
    let app = app_with_admin().await;
    for octet in 2..7 {
        let response =
            login_from(&app, &client_from(octet), ADMIN_EMAIL, "a wrong guess here").await;
        assert_eq!(response.status(), 401);
    }
    // Even the right password, from a fresh address, must wait now.
    let response = login_from(&app, &client_from(7), ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&retry_after), "{retry_after}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_attempts");
}

#[tokio::test]
async fn repeated_failures_from_one_address_lock_that_address_out() {
    let app = app_with_admin().await;
    let attacker = client_from(9);
    for n in 0..20 {
        let response = login_from(
            &app,
            &attacker,
            &format!("guess{n}@agency.example.org"),
            "a wrong guess here",
        )
        .await;
        assert_eq!(response.status(), 401);
    }
    let response = login_from(&app, &attacker, ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    // Another address is not affected.
    let response = login_from(&app, &client_from(10), ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(response.status(), 200);
}

async fn login_forwarded_for(
    app: &TestApp,
    client: &Client,
    forwarded_for: &str,
    email: &str,
    password: &str,
) -> StatusCode {
    client
        .post(app.url("/api/auth/login"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_visitor_has_a_limit_of_their_own() {
    let app = TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD)
            .set("PEERLOUNGE_TRUSTED_PROXIES", "127.0.0.5"),
    )
    .await;
    let proxy = client_from(5);
    for n in 0..20 {
        let guess = format!("guess{n}@agency.example.org");
        let status =
            login_forwarded_for(&app, &proxy, "203.0.113.5", &guess, "a wrong guess here").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        login_forwarded_for(&app, &proxy, "203.0.113.5", ADMIN_EMAIL, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Everyone else behind the same proxy can still sign in.
    assert_eq!(
        login_forwarded_for(&app, &proxy, "203.0.113.6", ADMIN_EMAIL, PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_made_up_forwarded_address_does_not_dodge_the_limit() {
    // No trusted proxies: the header is the sender's own invention.
    let app = app_with_admin().await;
    let attacker = client_from(9);
    for n in 0..20 {
        let guess = format!("guess{n}@agency.example.org");
        let forwarded = format!("198.51.100.{n}");
        let status =
            login_forwarded_for(&app, &attacker, &forwarded, &guess, "a wrong guess here").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        login_forwarded_for(&app, &attacker, "198.51.100.99", ADMIN_EMAIL, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_successful_sign_in_clears_the_accounts_failures() {
    let app = app_with_admin().await;
    for _ in 0..4 {
        assert_eq!(
            login_from(&app, &new_client(), ADMIN_EMAIL, "a wrong guess here")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        login_from(&app, &new_client(), ADMIN_EMAIL, PASSWORD)
            .await
            .status(),
        200
    );
    for _ in 0..4 {
        assert_eq!(
            login_from(&app, &new_client(), ADMIN_EMAIL, "a wrong guess here")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        login_from(&app, &new_client(), ADMIN_EMAIL, PASSWORD)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn state_changing_requests_from_a_foreign_origin_are_refused() {
    let app = TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD)
            .set(
                "PEERLOUNGE_ALLOWED_ORIGINS",
                "https://console.agency.example.org",
            ),
    )
    .await;
    let login = |origin: String| {
        let client = new_client();
        let url = app.url("/api/auth/login");
        async move {
            client
                .post(url)
                .header("origin", origin)
                .json(&json!({"email": ADMIN_EMAIL, "password": PASSWORD}))
                .send()
                .await
                .unwrap()
        }
    };
    let foreign = login("https://evil.example.com".into()).await;
    assert_eq!(foreign.status(), 403);
    assert!(foreign.headers().get("set-cookie").is_none());
    let body: Value = foreign.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden");
    assert_eq!(login("null".into()).await.status(), 403);

    assert_eq!(login(app.address.clone()).await.status(), 200);
    assert_eq!(
        login("https://console.agency.example.org".into())
            .await
            .status(),
        200
    );
    // A form (the only thing a forged page could post) never reaches a handler.
    let form = new_client()
        .post(app.url("/api/auth/logout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("x=1")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415);
    let bodiless = new_client()
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(bodiless.status(), 415);
    // No CORS grant for credentialed cross-origin reads.
    let response = new_client()
        .get(app.url("/api/auth/me"))
        .header("origin", "https://evil.example.com")
        .send()
        .await
        .unwrap();
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_removed() {
    let app = app_with_admin().await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let me = admin_id(&app, &admin).await;
    for change in [json!({"disabled": true}), json!({"roles": ["mentor"]})] {
        let response = send(
            &app,
            &admin,
            Method::PATCH,
            &format!("/api/admin/users/{me}"),
            Some(change),
        )
        .await;
        assert_eq!(response.status(), 409);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "last_admin");
    }
    // Nothing changed.
    let accounts: Vec<StaffAccount> = admin
        .get(app.url("/api/admin/users"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let account = accounts.iter().find(|a| a.id == me).unwrap();
    assert_eq!(account.roles, [Role::Admin]);
    assert!(!account.disabled);

    // With a second admin, the first may step down.
    app.create_staff("second@agency.example.org", PASSWORD, &[Role::Admin])
        .await;
    let response = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/admin/users/{me}"),
        Some(json!({"roles": ["supervisor"]})),
    )
    .await;
    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_and_sign_ins() {
    let app = app_with_admin().await;
    let id = app
        .create_staff("mentor@agency.example.org", PASSWORD, &[Role::Mentor])
        .await;
    let mentor = app
        .signed_in_client("mentor@agency.example.org", PASSWORD)
        .await;
    assert_eq!(
        mentor
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let response = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/admin/users/{id}"),
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(response.status(), 204);

    assert_eq!(
        mentor
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        login_from(&app, &new_client(), "mentor@agency.example.org", PASSWORD)
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn changing_a_password_ends_the_other_sessions() {
    let app = app_with_admin().await;
    app.create_staff("mentor@agency.example.org", PASSWORD, &[Role::Mentor])
        .await;
    let laptop = app
        .signed_in_client("mentor@agency.example.org", PASSWORD)
        .await;
    let phone = app
        .signed_in_client("mentor@agency.example.org", PASSWORD)
        .await;

    let weak = send(
        &app,
        &laptop,
        Method::POST,
        "/api/auth/password",
        Some(json!({"current_password": PASSWORD, "new_password": "short"})),
    )
    .await;
    assert_eq!(weak.status(), 422);
    let body: Value = weak.json().await.unwrap();
    assert!(body["error"]["fields"]["new_password"].is_array());
    assert_eq!(
        phone
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "a refused change ends nothing"
    );

    let response = send(
        &app,
        &laptop,
        Method::POST,
        "/api/auth/password",
        Some(json!({"current_password": PASSWORD, "new_password": "a brand new passphrase"})),
    )
    .await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        laptop
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        phone
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        login_from(&app, &new_client(), "mentor@agency.example.org", PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        login_from(
            &app,
            &new_client(),
            "mentor@agency.example.org",
            "a brand new passphrase"
        )
        .await
        .status(),
        200
    );
}

async fn age_sessions(app: &TestApp, column: &str, hours: i64) {
    let at = chrono::Utc::now() - chrono::Duration::hours(hours);
    app.execute_sql(
        &format!("UPDATE staff_sessions SET {column} = $1"),
        vec![at.into()],
    )
    .await;
}

#[tokio::test]
async fn sessions_end_after_two_idle_hours() {
    let app = app_with_admin().await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    age_sessions(&app, "last_seen_at", 1).await;
    assert_eq!(
        admin
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "an hour idle is fine"
    );
    age_sessions(&app, "last_seen_at", 3).await;
    assert_eq!(
        admin
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

#[tokio::test]
async fn sessions_end_at_their_absolute_expiry_however_active() {
    let app = app_with_admin().await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    age_sessions(&app, "expires_at", 0).await;
    assert_eq!(
        admin
            .get(app.url("/api/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

#[tokio::test]
async fn bad_account_changes_are_refused_and_change_nothing() {
    let app = app_with_admin().await;
    let id = app
        .create_staff("mentor@agency.example.org", PASSWORD, &[Role::Mentor])
        .await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let path = format!("/api/admin/users/{id}");

    let unknown_role = send(
        &app,
        &admin,
        Method::PATCH,
        &path,
        Some(json!({"roles": ["overlord"]})),
    )
    .await;
    assert_eq!(unknown_role.status(), 422);
    let too_long = send(
        &app,
        &admin,
        Method::PATCH,
        &path,
        Some(json!({"display_name": "x".repeat(61), "roles": ["admin"]})),
    )
    .await;
    assert_eq!(too_long.status(), 422);
    let body: Value = too_long.json().await.unwrap();
    assert!(body["error"]["fields"]["display_name"].is_array());
    let unknown_field = send(
        &app,
        &admin,
        Method::PATCH,
        &path,
        Some(json!({"password_hash": "x"})),
    )
    .await;
    assert_eq!(unknown_field.status(), 422);
    let missing = send(
        &app,
        &admin,
        Method::PATCH,
        "/api/admin/users/999999",
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(missing.status(), 404);
    let not_a_number = send(
        &app,
        &admin,
        Method::PATCH,
        "/api/admin/users/abc",
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(not_a_number.status(), 404);

    let accounts: Vec<StaffAccount> = admin
        .get(app.url("/api/admin/users"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let account = accounts.iter().find(|a| a.id == id).unwrap();
    assert_eq!(account.roles, [Role::Mentor]);
    assert_eq!(account.display_name, "mentor");
}

#[tokio::test]
async fn the_audit_log_records_staff_actions_without_secrets_and_pages() {
    let app = app_with_admin().await;
    let id = app
        .create_staff("mentor@agency.example.org", PASSWORD, &[Role::Mentor])
        .await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let path = format!("/api/admin/users/{id}");
    send(
        &app,
        &admin,
        Method::PATCH,
        &path,
        Some(json!({"roles": ["mentor", "supervisor"]})),
    )
    .await;
    send(
        &app,
        &admin,
        Method::PATCH,
        &path,
        Some(json!({"disabled": true})),
    )
    .await;

    let updates: Page<AuditEntry> = admin
        .get(app.url(&format!(
            "/api/admin/audit?action=user.update&target_id={id}"
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(updates.total, 2);
    assert!(
        updates.items[0].summary.contains("disabled"),
        "newest first"
    );
    assert!(updates.items[1].summary.contains("supervisor"));
    assert_eq!(
        updates.items[0].actor_name.as_deref(),
        Some("Administrator")
    );
    assert_eq!(updates.items[0].target_type.as_deref(), Some("staff_user"));

    let first_page: Page<AuditEntry> = admin
        .get(app.url("/api/admin/audit?per_page=1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first_page.items.len(), 1);
    assert!(first_page.total >= 3, "two updates and a sign-in");
    let second_page: Page<AuditEntry> = admin
        .get(app.url("/api/admin/audit?per_page=1&page=2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(first_page.items[0].id, second_page.items[0].id);

    let everything = admin
        .get(app.url("/api/admin/audit?per_page=200"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!everything.contains(PASSWORD));
    assert!(!everything.contains("argon2"));

    let bad_page = admin
        .get(app.url("/api/admin/audit?page=first"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_page.status(), 422);
}

#[tokio::test]
async fn a_common_password_is_refused() {
    let app = app_with_admin().await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let response = send(
        &app,
        &admin,
        Method::POST,
        "/api/auth/password",
        Some(json!({"current_password": PASSWORD, "new_password": "Password1234"})),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let problem = body["error"]["fields"]["new_password"][0].as_str().unwrap();
    assert!(problem.contains("common"), "{problem}");
    assert_eq!(
        login_from(&app, &new_client(), ADMIN_EMAIL, PASSWORD)
            .await
            .status(),
        200
    );
}

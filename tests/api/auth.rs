//! Staff sign-in: sessions in the database, one answer for every wrong credential.

use serde_json::{json, Value};
use shared::{Role, StaffUser};
use tests::{TestApp, TestAppOptions};

const ADMIN_EMAIL: &str = "admin@agency.example.org";
const ADMIN_PASSWORD: &str = "a long and lovely passphrase";

async fn app_with_admin() -> TestApp {
    TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", ADMIN_PASSWORD),
    )
    .await
}

#[tokio::test]
async fn the_configured_admin_can_sign_in_and_out() {
    let app = app_with_admin().await;
    assert_eq!(app.get("/api/auth/me").await.status(), 401);

    let response = app
        .post_json(
            "/api/auth/login",
            &json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("peerlounge_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Strict"));
    assert!(cookie.contains("Path=/"));
    assert!(!cookie.contains("Secure"), "the test server is plain http");
    let user: StaffUser = response.json().await.unwrap();
    assert_eq!(user.email, ADMIN_EMAIL);
    assert_eq!(user.roles, [Role::Admin]);

    let me: StaffUser = app.get_json("/api/auth/me").await;
    assert_eq!(me, user);

    let response = app.post_json("/api/auth/logout", &json!({})).await;
    assert_eq!(response.status(), 204);
    assert_eq!(app.get("/api/auth/me").await.status(), 401);
}

#[tokio::test]
async fn a_session_survives_a_server_restart() {
    let app = app_with_admin().await;
    let response = app
        .post_json(
            "/api/auth/login",
            &json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    let session = cookie.split(';').next().unwrap().to_owned();

    // A second server on the same database accepts the session.
    let second = TestApp::spawn_with(
        TestAppOptions::default().set("PEERLOUNGE_DATABASE_URL", app.database_url()),
    )
    .await;
    let response = second
        .client
        .get(second.url("/api/auth/me"))
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_wrong_email_and_a_wrong_password_get_the_same_401() {
    let app = app_with_admin().await;
    let wrong_password = app
        .post_json(
            "/api/auth/login",
            &json!({"email": ADMIN_EMAIL, "password": "not the right one"}),
        )
        .await;
    let wrong_email = app
        .post_json(
            "/api/auth/login",
            &json!({"email": "nobody@agency.example.org", "password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(wrong_password.status(), 401);
    assert_eq!(wrong_email.status(), 401);
    assert!(wrong_password.headers().get("set-cookie").is_none());
    let a: Value = wrong_password.json().await.unwrap();
    let b: Value = wrong_email.json().await.unwrap();
    assert_eq!(a, b);
    assert_eq!(a["error"]["code"], "invalid_credentials");
}

#[tokio::test]
async fn a_forged_session_cookie_is_refused() {
    let app = app_with_admin().await;
    let response = app
        .client
        .get(app.url("/api/auth/me"))
        .header("cookie", format!("peerlounge_session={}", "a".repeat(64)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn the_admin_is_created_once_however_often_the_server_starts() {
    let app = app_with_admin().await;
    let again = TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_DATABASE_URL", app.database_url())
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", "a different passphrase"),
    )
    .await;
    // The original password still works: the second start did not replace the account.
    let response = again
        .post_json(
            "/api/auth/login",
            &json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(response.status(), 200);
}

//! Every failure comes back in the one error shape, never as plain text or the SPA page.

use reqwest::Response;
use serde_json::Value;
use tests::TestApp;

async fn error_body(response: Response) -> Value {
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "content-type was {content_type:?}"
    );
    let body: Value = response.json().await.unwrap();
    let error = body["error"].as_object().expect("an `error` object");
    assert!(error["code"].is_string());
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    body
}

#[tokio::test]
async fn malformed_json_is_a_400_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let response = app
        .post_raw("/api/auth/login", "application/json", "{\"email\": ")
        .await;
    assert_eq!(response.status(), 400);
    let body = error_body(response).await;
    assert_eq!(body["error"]["code"], "malformed_json");
}

#[tokio::test]
async fn a_wrong_content_type_is_a_415_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let response = app
        .post_raw("/api/auth/login", "text/plain", "email=a&password=b")
        .await;
    assert_eq!(response.status(), 415);
    let body = error_body(response).await;
    assert_eq!(body["error"]["code"], "unsupported_media_type");
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let response = app
        .post_raw(
            "/api/auth/login",
            "application/json",
            r#"{"email": "a@b.org"}"#,
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = error_body(response).await;
    assert_eq!(body["error"]["code"], "invalid_body");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("password"));
}

#[tokio::test]
async fn an_unknown_api_route_is_a_json_404_not_the_app_page() {
    let app = TestApp::spawn_with(tests::TestAppOptions::default().with_built_frontend()).await;
    for path in ["/api/nope", "/api/spaces/1/nope", "/api/"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body = error_body(response).await;
        assert_eq!(body["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn a_method_mismatch_is_a_json_405() {
    let app = TestApp::spawn().await;
    let response = app.post_raw("/api/health", "application/json", "{}").await;
    assert_eq!(response.status(), 405);
    let body = error_body(response).await;
    assert_eq!(body["error"]["code"], "method_not_allowed");

    let response = app
        .client
        .delete(app.url("/api/spaces"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    error_body(response).await;
}

#[tokio::test]
async fn validation_errors_have_no_fields_key_unless_fields_failed() {
    let app = TestApp::spawn().await;
    let body = error_body(app.get("/api/nope").await).await;
    assert!(body["error"].get("fields").is_none());
}

use serde_json::Value;
use shared::Health;
use tests::TestApp;

#[tokio::test]
async fn health_reports_service_and_database_ok() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/health").await;
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.unwrap();
    assert_eq!(
        health,
        Health {
            status: "ok".into(),
            database: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            outbox_backlog: Some(0),
            oldest_due_email_seconds: None,
            timezone: Some("America/New_York".into()),
        }
    );
}

#[tokio::test]
async fn openapi_document_is_3_1_and_lists_every_route() {
    let app = TestApp::spawn().await;
    let doc: Value = app.get_json("/api/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/health", "get"),
        ("/api/spaces", "get"),
        ("/api/mentors", "get"),
        ("/api/events", "get"),
        ("/api/auth/login", "post"),
        ("/api/auth/logout", "post"),
        ("/api/auth/me", "get"),
        ("/api/spaces/{id}/slots", "get"),
        ("/api/bookings", "post"),
        ("/api/bookings/manage/{token}", "get"),
        ("/api/bookings/manage/{token}/cancel", "post"),
        ("/api/bookings/manage/{token}/reschedule", "post"),
        ("/api/bookings/manage/{token}/calendar.ics", "get"),
        ("/api/spaces/{id}/now", "get"),
        ("/api/admin/spaces", "post"),
        ("/api/admin/spaces/{id}/opening-hours", "put"),
        ("/api/admin/spaces/{id}/closures", "post"),
        ("/api/admin/users", "post"),
        ("/api/admin/outbox", "get"),
        ("/api/mentors/{id}", "get"),
        ("/api/mentors/{id}/slots", "get"),
        ("/api/mentors/any/slots", "get"),
        ("/api/mentors/{id}/photo", "get"),
        ("/api/topics", "get"),
        ("/api/admin/topics", "post"),
        ("/api/mentor/profile", "put"),
        ("/api/mentor/photo", "put"),
        ("/api/mentor/office-hours", "put"),
        ("/api/mentor/limits", "put"),
        ("/api/mentor/sessions", "get"),
        ("/api/mentor/sessions/{booking_id}/check-in", "put"),
        ("/api/supervision/mentors", "get"),
        ("/api/supervision/mentors/{id}/overrides", "post"),
        ("/api/supervision/check-ins/{booking_id}/follow-up", "post"),
        ("/api/events/{id}", "get"),
        ("/api/events/{id}/registrations", "post"),
        ("/api/staff/events", "post"),
        ("/api/staff/events/{id}", "put"),
        ("/api/staff/events/{id}/publish", "post"),
        ("/api/staff/events/{id}/cancel", "post"),
        ("/api/staff/events/{id}/registrations", "get"),
        (
            "/api/staff/events/{id}/registrations/{booking_id}/check-in",
            "put",
        ),
        ("/api/staff/events/{id}/walk-ins", "post"),
        ("/api/staff/events/{id}/files", "put"),
        ("/api/staff/events/{id}/files/{file_id}", "delete"),
        ("/api/event-files/{token}", "get"),
        ("/api/events/{id}/questions", "post"),
        ("/api/facilities/categories", "post"),
        ("/api/facilities/items", "get"),
        ("/api/facilities/items", "post"),
        ("/api/facilities/items/{id}", "patch"),
        ("/api/facilities/items/{id}/stock", "post"),
        ("/api/facilities/items/status", "post"),
        ("/api/facilities/items/export.csv", "get"),
        ("/api/facilities/items/import", "post"),
        ("/api/facilities/items/{id}/photos", "put"),
        ("/api/facilities/items/{id}/photos/{photo_id}", "get"),
        ("/api/facilities/items/{id}/photos/{photo_id}", "delete"),
        ("/api/facilities/donors", "get"),
        ("/api/facilities/donors", "post"),
        ("/api/facilities/donors/{id}", "get"),
        ("/api/facilities/donors/{id}", "put"),
        ("/api/facilities/donors/{id}/impact-note", "post"),
        ("/api/facilities/donations", "get"),
        ("/api/facilities/donations", "post"),
        ("/api/facilities/donations/{id}", "get"),
        ("/api/facilities/donations/{id}/letter", "get"),
        ("/api/facilities/donations/{id}/letter/email", "post"),
        ("/api/letter.css", "get"),
        ("/api/facilities/letterhead", "get"),
        ("/api/facilities/letterhead", "put"),
        ("/api/wishlist", "get"),
        ("/api/wishlist/{id}/pledges", "post"),
        ("/api/facilities/wishlist", "get"),
        ("/api/facilities/wishlist", "post"),
        ("/api/facilities/wishlist/{id}", "put"),
        ("/api/facilities/wishlist/{id}", "delete"),
        ("/api/facilities/pledges", "get"),
        ("/api/facilities/pledges/{id}/withdraw", "post"),
        ("/api/facilities/pledges/{id}/donation", "post"),
        ("/api/staff/events/{id}/questions", "get"),
        (
            "/api/staff/events/{id}/questions/{question_id}/reply",
            "post",
        ),
    ] {
        assert!(
            paths.get(path).and_then(|item| item.get(method)).is_some(),
            "{method} {path} is missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"]["Health"].is_object());
}

#[tokio::test]
async fn the_server_stops_gracefully_and_data_survives_a_restart() {
    let mut app = TestApp::spawn_with(tests::TestAppOptions::default().with_demo_data()).await;
    app.stop().await;
    assert!(
        app.client.get(app.url("/api/health")).send().await.is_err(),
        "the stopped server no longer answers"
    );
    let restarted = TestApp::spawn_with(
        tests::TestAppOptions::default().set("PEERLOUNGE_DATABASE_URL", app.database_url()),
    )
    .await;
    let spaces: Vec<shared::Space> = restarted.get_json("/api/spaces").await;
    assert_eq!(spaces.len(), 1);
}

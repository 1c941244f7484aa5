//! What young people see: spaces, mentors and events, from the demo data.

use shared::{EventSummary, MentorProfile, Space};
use tests::{TestApp, TestAppOptions};

#[tokio::test]
async fn an_empty_database_lists_nothing() {
    let app = TestApp::spawn().await;
    assert!(app.get_json::<Vec<Space>>("/api/spaces").await.is_empty());
    assert!(app
        .get_json::<Vec<MentorProfile>>("/api/mentors")
        .await
        .is_empty());
    assert!(app
        .get_json::<Vec<EventSummary>>("/api/events")
        .await
        .is_empty());
}

#[tokio::test]
async fn demo_data_has_a_lounge_two_mentors_and_an_upcoming_event() {
    let app = TestApp::spawn_with(TestAppOptions::default().with_demo_data()).await;

    let spaces: Vec<Space> = app.get_json("/api/spaces").await;
    assert_eq!(spaces.len(), 1);
    assert_eq!(spaces[0].name, "The Lounge");
    assert!(spaces[0].capacity > 0);

    let mentors: Vec<MentorProfile> = app.get_json("/api/mentors").await;
    assert_eq!(mentors.len(), 2);
    assert!(mentors
        .iter()
        .all(|m| !m.topics.is_empty() && !m.languages.is_empty()));

    let events: Vec<EventSummary> = app.get_json("/api/events").await;
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert!(event.start > chrono::Utc::now());
    assert!(event.end > event.start);
    assert_eq!(event.location, "The Lounge");
    assert_eq!(event.spots_left, event.capacity);
    // Times carry the agency zone's offset (America/New_York: -05:00 or -04:00).
    let offset = event.start.offset().local_minus_utc();
    assert!(
        offset == -5 * 3600 || offset == -4 * 3600,
        "offset {offset}"
    );

    // The lounge has opening hours, so there is something to book this week.
    let today = chrono::Utc::now().date_naive();
    let slots: Vec<shared::SlotAvailability> = app
        .get_json(&format!(
            "/api/spaces/{}/slots?from={today}&to={}",
            spaces[0].id,
            today + chrono::Duration::days(7)
        ))
        .await;
    assert!(slots.len() >= 10, "{} slots", slots.len());

    let login_file = std::fs::read_to_string(app.data_dir.path().join("demo-staff-login.txt"))
        .expect("the demo login is written down");
    assert!(login_file.contains("staff@demo.peerlounge.invalid"));
}

#[tokio::test]
async fn the_public_mentor_list_never_contains_an_email() {
    let app = TestApp::spawn_with(TestAppOptions::default().with_demo_data()).await;
    let body = app.get("/api/mentors").await.text().await.unwrap();
    assert!(!body.contains('@'), "{body}");
    assert!(!body.to_lowercase().contains("email"), "{body}");
}

#[tokio::test]
async fn demo_data_is_loaded_only_into_an_empty_database() {
    let app = TestApp::spawn_with(TestAppOptions::default().with_demo_data()).await;
    let again = TestApp::spawn_with(
        TestAppOptions::default()
            .with_demo_data()
            .set("PEERLOUNGE_DATABASE_URL", app.database_url()),
    )
    .await;
    let spaces: Vec<Space> = again.get_json("/api/spaces").await;
    assert_eq!(spaces.len(), 1);
}

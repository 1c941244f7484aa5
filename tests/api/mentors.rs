//! Peer mentors: the directory young people choose from, office hours that never
//! double-book a mentor, the mentor's own limits, and the supervision loop.

use backend::entities::{bookings, outbox};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use reqwest::{Client, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{json, Value};
use shared::{
    Booking, MentorProfile, MentorSession, OwnMentorProfile, Role, SlotAvailability,
    SupervisedMentor,
};
use tests::{new_client, smtp::SmtpServer, TestApp, TestAppOptions};

const ADMIN_EMAIL: &str = "admin@agency.example.org";
const PASSWORD: &str = "a long and lovely passphrase";
/// The agency zone of these tests (the default configuration's).
const ZONE: chrono_tz::Tz = chrono_tz::America::New_York;

struct Agency {
    app: TestApp,
    admin: Client,
}

struct Mentor {
    id: i64,
    client: Client,
}

async fn agency() -> Agency {
    agency_with(TestAppOptions::default()).await
}

async fn agency_with(options: TestAppOptions) -> Agency {
    let app = TestApp::spawn_with(
        options
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD)
            .set("PEERLOUNGE_TIMEZONE", ZONE.name()),
    )
    .await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    for topic in ["Foster care", "Starting college", "Youth justice"] {
        let response = admin
            .post(app.url("/api/admin/topics"))
            .json(&json!({"name": topic}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
    }
    Agency { app, admin }
}

impl Agency {
    /// A mentor with hourly office hours every day from 00:00 to 23:00 (so tests find times
    /// whenever they run), published, with screening current for a year.
    async fn mentor(&self, name: &str, topics: &[&str], languages: &[&str]) -> Mentor {
        let email = format!("{}@agency.example.org", name.to_lowercase());
        self.app
            .create_staff(&email, PASSWORD, &[Role::Mentor])
            .await;
        let client = self.app.signed_in_client(&email, PASSWORD).await;
        let response = client
            .put(self.app.url("/api/mentor/profile"))
            .json(&json!({
                "display_name": name,
                "pronouns": "they/them",
                "title": "Peer mentor",
                "bio": format!("Hi, I'm {name}."),
                "topics": topics,
                "languages": languages,
                "interests": ["music"],
                "meets": ["lounge", "walk"],
                "published": true,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let profile: OwnMentorProfile = response.json().await.unwrap();
        assert!(
            !profile.listed,
            "not listed before screening is marked current"
        );
        self.set_screening(profile.id, Utc::now().date_naive() + Duration::days(365))
            .await;
        let rules: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .map(|day| json!({"weekday": day, "opens": "00:00", "closes": "23:00", "slot_minutes": 60}))
            .collect();
        let response = client
            .put(self.app.url("/api/mentor/office-hours"))
            .json(&json!({"rules": rules, "room": "Quiet room"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        Mentor {
            id: profile.id,
            client,
        }
    }

    async fn set_screening(&self, mentor_id: i64, until: NaiveDate) {
        let response = self
            .admin
            .patch(
                self.app
                    .url(&format!("/api/supervision/mentors/{mentor_id}")),
            )
            .json(&json!({"screening_valid_until": until}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }

    async fn directory(&self, query: &str) -> Vec<MentorProfile> {
        self.app.get_json(&format!("/api/mentors{query}")).await
    }

    async fn slots(&self, mentor: &str, from: NaiveDate, days: i64) -> Vec<SlotAvailability> {
        let to = from + Duration::days(days - 1);
        self.app
            .get_json(&format!("/api/mentors/{mentor}/slots?from={from}&to={to}"))
            .await
    }

    async fn book(
        &self,
        mentor_id: Option<i64>,
        start: DateTime<FixedOffset>,
        name: &str,
        email: Option<&str>,
    ) -> reqwest::Response {
        let mut body = json!({"kind": "office_hours", "start": start, "name": name,
            "email": email, "topic": "Moving into my own place"});
        if let Some(id) = mentor_id {
            body["mentor_id"] = json!(id);
        }
        self.app.post_json("/api/bookings", &body).await
    }
}

impl Mentor {
    async fn put(&self, app: &TestApp, path: &str, body: Value) -> reqwest::Response {
        self.client
            .put(app.url(path))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    async fn sessions(&self, app: &TestApp) -> Vec<MentorSession> {
        self.client
            .get(app.url("/api/mentor/sessions"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

fn today() -> NaiveDate {
    Utc::now().with_timezone(&ZONE).date_naive()
}

#[tokio::test]
async fn the_directory_lists_only_published_screened_mentors_and_no_contact_details() {
    let agency = agency().await;
    let listed = agency.mentor("Amani", &["Foster care"], &["English"]).await;
    let lapsed = agency
        .mentor("Jordan", &["Youth justice"], &["English"])
        .await;
    agency
        .set_screening(lapsed.id, today() - Duration::days(1))
        .await;
    let hidden = agency.mentor("Rae", &["Foster care"], &["English"]).await;
    let response = hidden
        .put(
            &agency.app,
            "/api/mentor/profile",
            json!({"display_name": "Rae", "title": "Peer mentor", "published": false}),
        )
        .await;
    assert_eq!(response.status(), 200);

    let response = agency.app.get("/api/mentors").await;
    let text = response.text().await.unwrap();
    assert!(!text.contains("agency.example.org"), "no email: {text}");
    let mentors: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(mentors.len(), 1, "{text}");
    let keys: Vec<&str> = mentors[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in &keys {
        assert!(
            [
                "id",
                "display_name",
                "pronouns",
                "title",
                "bio",
                "topics",
                "languages",
                "photo_url",
                "accepting_bookings",
                "interests",
                "meets"
            ]
            .contains(key),
            "unexpected field {key}"
        );
    }
    assert_eq!(mentors[0]["id"], listed.id);
    assert_eq!(mentors[0]["accepting_bookings"], true);
    assert_eq!(mentors[0]["meets"], json!(["lounge", "walk"]));

    // The lapsed and unpublished mentors have no public page or times either.
    for id in [lapsed.id, hidden.id] {
        let page = format!("/api/mentors/{id}");
        assert_eq!(agency.app.get(&page).await.status(), 404);
        let slots = format!(
            "/api/mentors/{id}/slots?from={}&to={}",
            today(),
            today() + Duration::days(2)
        );
        assert_eq!(agency.app.get(&slots).await.status(), 404);
    }
    // Renewed screening brings a mentor back.
    agency
        .set_screening(lapsed.id, today() + Duration::days(30))
        .await;
    assert_eq!(agency.directory("").await.len(), 2);
}

#[tokio::test]
async fn the_directory_filters_by_topic_and_language() {
    let agency = agency().await;
    agency
        .mentor("Amani", &["Foster care"], &["English", "Swahili"])
        .await;
    agency
        .mentor(
            "Jordan",
            &["Youth justice", "Starting college"],
            &["English"],
        )
        .await;
    let names = |mentors: Vec<MentorProfile>| -> Vec<String> {
        mentors.into_iter().map(|m| m.display_name).collect()
    };
    assert_eq!(
        names(agency.directory("?topic=foster%20care").await),
        ["Amani"]
    );
    assert_eq!(
        names(agency.directory("?topic=Starting%20college").await),
        ["Jordan"]
    );
    assert_eq!(
        names(agency.directory("?language=swahili").await),
        ["Amani"]
    );
    assert_eq!(
        names(
            agency
                .directory("?language=English&topic=Youth%20justice")
                .await
        ),
        ["Jordan"]
    );
    assert!(agency.directory("?topic=Cooking").await.is_empty());
    let topics: Vec<shared::Topic> = agency.app.get_json("/api/topics").await;
    assert_eq!(topics.len(), 3);
}

#[tokio::test]
async fn a_bad_profile_is_refused_field_by_field_and_changes_nothing() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &["Foster care"], &["English"]).await;
    let response = mentor
        .put(
            &agency.app,
            "/api/mentor/profile",
            json!({"display_name": " ", "title": "Chief", "topics": ["Astrology"],
                   "bio": "x".repeat(1001), "published": false}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let fields = body["error"]["fields"].as_object().unwrap();
    for field in ["display_name", "title", "topics", "bio"] {
        assert!(fields.contains_key(field), "{field} in {body}");
    }
    let profile: MentorProfile = agency
        .app
        .get_json(&format!("/api/mentors/{}", mentor.id))
        .await;
    assert_eq!(profile.display_name, "Amani");
    assert_eq!(profile.topics, ["Foster care"]);
}

#[tokio::test]
async fn booking_office_hours_shows_the_mentor_the_name_and_topic_but_never_the_email() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &["Foster care"], &["English"]).await;
    let slots = agency
        .slots(&mentor.id.to_string(), today() + Duration::days(1), 1)
        .await;
    let slot = slots.first().expect("free times tomorrow").clone();
    assert_eq!((slot.capacity, slot.available), (1, 1));

    let response = agency
        .book(
            Some(mentor.id),
            slot.start,
            "Sam",
            Some("sam.private@example.com"),
        )
        .await;
    assert_eq!(response.status(), 201);
    let booking: Booking = response.json().await.unwrap();
    assert_eq!(booking.mentor.as_deref(), Some("Amani"));
    assert_eq!(booking.mentor_id, Some(mentor.id));
    assert_eq!(booking.place, "Quiet room");
    assert_eq!(booking.kind, shared::BookingKind::OfficeHours);
    let token = booking.manage_token.clone().unwrap();

    // Taken times leave the list.
    let after = agency
        .slots(&mentor.id.to_string(), today() + Duration::days(1), 1)
        .await;
    assert!(!after.iter().any(|s| s.start == slot.start));

    // The mentor sees the name and the topic the young person chose to share...
    let response = mentor
        .client
        .get(agency.app.url("/api/mentor/sessions"))
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert!(
        !text.contains("sam.private"),
        "no email for the mentor: {text}"
    );
    let sessions: Vec<MentorSession> = serde_json::from_str(&text).unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].name, "Sam");
    assert_eq!(
        sessions[0].topic.as_deref(),
        Some("Moving into my own place")
    );

    // ...and is emailed about it, again without the young person's address.
    let db = agency.app.db().await;
    let notices = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("mentor_session"))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].recipient, "amani@agency.example.org");
    assert!(notices[0].body_text.contains("Sam"));
    assert!(notices[0].body_text.contains("Moving into my own place"));
    assert!(!notices[0].body_text.contains("sam.private"));
    db.close().await;

    // The young person's manage link shows the mentor, and cancelling frees the time.
    let manage: Booking = agency
        .app
        .get_json(&format!("/api/bookings/manage/{token}"))
        .await;
    assert_eq!(manage.mentor.as_deref(), Some("Amani"));
    let response = agency
        .app
        .post_json(&format!("/api/bookings/manage/{token}/cancel"), &json!({}))
        .await;
    assert_eq!(response.status(), 200);
    let again = agency
        .slots(&mentor.id.to_string(), today() + Duration::days(1), 1)
        .await;
    assert!(again.iter().any(|s| s.start == slot.start));
}

#[tokio::test]
async fn a_taken_time_is_refused_and_bad_requests_change_nothing() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let slot = agency
        .slots(&mentor.id.to_string(), today() + Duration::days(1), 1)
        .await[0]
        .clone();
    assert_eq!(
        agency
            .book(Some(mentor.id), slot.start, "Sam", None)
            .await
            .status(),
        201
    );

    let response = agency.book(Some(mentor.id), slot.start, "Alex", None).await;
    assert_eq!(response.status(), 409);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "slot_taken");

    let off_grid = slot.start + Duration::minutes(30);
    let response = agency.book(Some(mentor.id), off_grid, "Alex", None).await;
    assert_eq!(response.status(), 422);
    let response = agency
        .app
        .post_json(
            "/api/bookings",
            &json!({"kind": "office_hours", "mentor_id": mentor.id, "start": slot.start + Duration::hours(1),
                    "name": "", "email": "nope", "topic": "x".repeat(281)}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    for field in ["name", "email", "topic"] {
        assert!(
            body["error"]["fields"].get(field).is_some(),
            "{field} in {body}"
        );
    }
    let response = agency.book(Some(999_999), slot.start, "Alex", None).await;
    assert_eq!(response.status(), 422);

    let db = agency.app.db().await;
    let count = bookings::Entity::find().count(db.conn()).await.unwrap();
    assert_eq!(count, 1, "only the first booking was written");
    db.close().await;
}

/// 200 young people try for the same session at once, three times over.
#[tokio::test]
async fn concurrent_bookings_never_double_book_a_mentor() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let slots = agency
        .slots(&mentor.id.to_string(), today() + Duration::days(1), 1)
        .await;
    for (round, slot) in slots.iter().take(3).enumerate() {
        let attempts = (0..200).map(|n| {
            let client = new_client();
            let url = agency.app.url("/api/bookings");
            let body = json!({"kind": "office_hours", "mentor_id": mentor.id, "start": slot.start,
                              "name": format!("Person {n}")});
            async move {
                client
                    .post(url)
                    .json(&body)
                    .send()
                    .await
                    .map(|r| r.status())
            }
        });
        let statuses = futures::future::join_all(attempts).await;
        let created = statuses
            .iter()
            .filter(|s| matches!(s, Ok(StatusCode::CREATED)))
            .count();
        let taken = statuses
            .iter()
            .filter(|s| matches!(s, Ok(StatusCode::CONFLICT)))
            .count();
        assert_eq!((created, taken), (1, 199), "round {round}: {statuses:?}");
    }
    let db = agency.app.db().await;
    let confirmed = bookings::Entity::find()
        .filter(bookings::Column::MentorId.eq(mentor.id))
        .filter(bookings::Column::Status.eq("confirmed"))
        .count(db.conn())
        .await
        .unwrap();
    assert_eq!(confirmed, 3);
    db.close().await;
}

/// The database itself refuses an overlapping session, whatever the code above it does.
#[tokio::test]
async fn the_database_refuses_overlapping_sessions_of_one_mentor() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let slot = agency
        .slots(&mentor.id.to_string(), today() + Duration::days(1), 1)
        .await[0]
        .clone();
    assert_eq!(
        agency
            .book(Some(mentor.id), slot.start, "Sam", None)
            .await
            .status(),
        201
    );

    let db = agency.app.db().await;
    let overlapping = |start: DateTime<Utc>, token: &str, status: &str| bookings::ActiveModel {
        kind: Set("office_hours".into()),
        mentor_id: Set(Some(mentor.id)),
        starts_at: Set(start),
        ends_at: Set(start + Duration::minutes(60)),
        display_name: Set("Sneaky".into()),
        status: Set(status.into()),
        manage_token_hash: Set(token.repeat(64)),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        sequence: Set(0),
        discreet: Set(false),
        ..Default::default()
    };
    let start = slot.start.with_timezone(&Utc) + Duration::minutes(30);
    let refused = overlapping(start, "a", "confirmed").insert(db.conn()).await;
    let error = refused
        .expect_err("an overlapping session is refused")
        .to_string();
    assert!(error.contains("bookings_no_mentor_overlap"), "{error}");
    // A cancelled row may overlap, and confirming it later is refused too.
    let cancelled = overlapping(start, "b", "cancelled")
        .insert(db.conn())
        .await
        .unwrap();
    let mut confirm: bookings::ActiveModel = cancelled.into();
    confirm.status = Set("confirmed".into());
    assert!(confirm.update(db.conn()).await.is_err());
    db.close().await;
}

#[tokio::test]
async fn any_available_mentor_gets_whoever_is_free_until_no_one_is() {
    let agency = agency().await;
    let amani = agency.mentor("Amani", &[], &[]).await;
    let jordan = agency.mentor("Jordan", &[], &[]).await;
    let slots = agency.slots("any", today() + Duration::days(1), 1).await;
    let slot = slots[0].clone();
    assert_eq!(slot.available, 2, "both mentors are free");

    let mut chosen = Vec::new();
    for name in ["Sam", "Alex"] {
        let response = agency.book(None, slot.start, name, None).await;
        assert_eq!(response.status(), 201);
        let booking: Booking = response.json().await.unwrap();
        chosen.push(booking.mentor_id.unwrap());
    }
    chosen.sort_unstable();
    let mut both = vec![amani.id, jordan.id];
    both.sort_unstable();
    assert_eq!(chosen, both, "one session each");

    let response = agency.book(None, slot.start, "Kai", None).await;
    assert_eq!(response.status(), 409);
    let after = agency.slots("any", today() + Duration::days(1), 1).await;
    assert!(!after.iter().any(|s| s.start == slot.start));
}

#[tokio::test]
async fn rescheduling_office_hours_moves_to_another_time_of_the_same_mentor() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let day = today() + Duration::days(2);
    let slots = agency.slots(&mentor.id.to_string(), day, 1).await;
    let (first, second) = (slots[0].clone(), slots[1].clone());
    let booking: Booking = agency
        .book(Some(mentor.id), first.start, "Sam", None)
        .await
        .json()
        .await
        .unwrap();
    // Someone else holds the second time: moving there is refused and nothing moves.
    assert_eq!(
        agency
            .book(Some(mentor.id), second.start, "Alex", None)
            .await
            .status(),
        201
    );
    let token = booking.manage_token.unwrap();
    let path = format!("/api/bookings/manage/{token}/reschedule");
    let response = agency
        .app
        .post_json(&path, &json!({"start": second.start}))
        .await;
    assert_eq!(response.status(), 409);

    let third = slots[2].clone();
    let response = agency
        .app
        .post_json(&path, &json!({"start": third.start}))
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let moved: Booking = agency
        .app
        .get_json(&format!("/api/bookings/manage/{token}"))
        .await;
    assert_eq!(moved.start, third.start);
    let free = agency.slots(&mentor.id.to_string(), day, 1).await;
    assert!(
        free.iter().any(|s| s.start == first.start),
        "the old time is free again"
    );
    assert!(!free.iter().any(|s| s.start == third.start));
}

/// The first free time on the agency date `day`, if any.
fn first_on(slots: &[SlotAvailability], day: NaiveDate) -> Option<DateTime<FixedOffset>> {
    slots
        .iter()
        .map(|s| s.start)
        .find(|s| s.date_naive() == day)
}

/// Puts a session in the database directly: for a time already past this week.
async fn past_session(app: &TestApp, mentor_id: i64, start: DateTime<Utc>, token: &str) -> i64 {
    let db = app.db().await;
    let row = bookings::ActiveModel {
        kind: Set("office_hours".into()),
        mentor_id: Set(Some(mentor_id)),
        starts_at: Set(start),
        ends_at: Set(start + Duration::minutes(60)),
        display_name: Set("Earlier".into()),
        email: Set(Some("earlier.person@example.com".into())),
        status: Set("attended".into()),
        manage_token_hash: Set(token.repeat(64)),
        created_at: Set(start - Duration::days(1)),
        updated_at: Set(start),
        sequence: Set(0),
        discreet: Set(false),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
    db.close().await;
    row.id
}

fn this_monday_midnight() -> DateTime<Utc> {
    let monday = today() - Duration::days(i64::from(today().weekday().num_days_from_monday()));
    monday
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_local_timezone(ZONE)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn a_mentor_at_their_weekly_limit_leaves_booking_and_is_back_next_week() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let response = mentor
        .put(
            &agency.app,
            "/api/mentor/limits",
            json!({"max_sessions_per_week": 1}),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(agency.directory("").await[0].accepting_bookings);

    let next_monday = this_monday_midnight().with_timezone(&ZONE).date_naive() + Duration::days(7);
    let days_left = (next_monday - today()).num_days();
    let free_this_week = agency
        .slots(&mentor.id.to_string(), today(), days_left)
        .await;

    // One session already held this week (Monday, 00:00) reaches the limit.
    past_session(&agency.app, mentor.id, this_monday_midnight(), "c").await;
    let profile = &agency.directory("").await[0];
    assert!(!profile.accepting_bookings, "the directory says not now");
    let this_week = agency
        .slots(&mentor.id.to_string(), today(), days_left)
        .await;
    assert!(
        this_week.is_empty(),
        "no times left this week: {this_week:?}"
    );

    // A time that was free this week (unless the week is all but over) is refused,
    // without saying why.
    if let Some(slot) = free_this_week.first() {
        let response = agency.book(Some(mentor.id), slot.start, "Sam", None).await;
        assert_eq!(response.status(), 409);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "mentor_unavailable");
        assert!(
            !body.to_string().contains("limit"),
            "the reason stays private: {body}"
        );
    }

    // Next week the mentor is back.
    let next_week = agency.slots(&mentor.id.to_string(), next_monday, 7).await;
    let start = first_on(&next_week, next_monday + Duration::days(1)).expect("times next week");
    assert_eq!(
        agency
            .book(Some(mentor.id), start, "Sam", None)
            .await
            .status(),
        201
    );
    // ...until that week's one session is booked too.
    let rest = agency.slots(&mentor.id.to_string(), next_monday, 7).await;
    assert!(rest.is_empty(), "{rest:?}");
}

#[tokio::test]
async fn daily_limit_buffer_and_latest_time_shape_the_offered_times() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let day = today() + Duration::days(3);
    let response = mentor
        .put(
            &agency.app,
            "/api/mentor/limits",
            json!({"max_sessions_per_day": 2, "buffer_minutes": 30, "no_sessions_after": "12:00"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let slots = agency.slots(&mentor.id.to_string(), day, 1).await;
    assert!(!slots.is_empty());
    assert!(
        slots
            .iter()
            .all(|s| s.end.format("%H:%M").to_string().as_str() <= "12:00"),
        "nothing ends after 12:00: {slots:?}"
    );
    let nine = slots
        .iter()
        .find(|s| s.start.format("%H").to_string() == "09")
        .unwrap()
        .start;
    assert_eq!(
        agency
            .book(Some(mentor.id), nine, "Sam", None)
            .await
            .status(),
        201
    );
    let hours: Vec<String> = agency
        .slots(&mentor.id.to_string(), day, 1)
        .await
        .iter()
        .map(|s| s.start.format("%H").to_string())
        .collect();
    assert!(
        !hours.contains(&"08".to_owned()) && !hours.contains(&"10".to_owned()),
        "buffer: {hours:?}"
    );
    assert!(hours.contains(&"11".to_owned()));
    let eleven = agency
        .slots(&mentor.id.to_string(), day, 1)
        .await
        .into_iter()
        .find(|s| s.start.format("%H").to_string() == "11")
        .unwrap()
        .start;
    assert_eq!(
        agency
            .book(Some(mentor.id), eleven, "Alex", None)
            .await
            .status(),
        201
    );
    assert!(
        agency
            .slots(&mentor.id.to_string(), day, 1)
            .await
            .is_empty(),
        "two a day"
    );

    // A bad limit is refused and the old ones stay.
    let response = mentor
        .put(
            &agency.app,
            "/api/mentor/limits",
            json!({"max_sessions_per_day": 0, "no_sessions_after": "7pm"}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let limits: shared::MentorLimits = mentor
        .client
        .get(agency.app.url("/api/mentor/limits"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(limits.max_sessions_per_day, Some(2));
}

#[tokio::test]
async fn a_break_hides_the_mentor_until_its_last_day_and_an_override_lets_one_session_through() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let supervisor_email = "sup@agency.example.org";
    agency
        .app
        .create_staff(supervisor_email, PASSWORD, &[Role::Supervisor])
        .await;
    let supervisor = agency
        .app
        .signed_in_client(supervisor_email, PASSWORD)
        .await;

    let last_day = today() + Duration::days(2);
    let response = mentor
        .put(
            &agency.app,
            "/api/mentor/limits",
            json!({"on_break": true, "break_until": last_day}),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(!agency.directory("").await[0].accepting_bookings);
    let during = agency.slots(&mentor.id.to_string(), today(), 3).await;
    assert!(during.is_empty(), "{during:?}");
    let after = agency
        .slots(&mentor.id.to_string(), last_day + Duration::days(1), 1)
        .await;
    assert!(!after.is_empty(), "bookable again the day after the break");

    // A supervisor approves one session during the break.
    let blocked = agency.slots("any", today() + Duration::days(1), 1).await;
    assert!(blocked.is_empty());
    let start = (today() + Duration::days(1))
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_local_timezone(ZONE)
        .earliest()
        .unwrap()
        .fixed_offset();
    let response = agency.book(Some(mentor.id), start, "Sam", None).await;
    assert_eq!(response.status(), 409);
    let response = supervisor
        .post(
            agency
                .app
                .url(&format!("/api/supervision/mentors/{}/overrides", mentor.id)),
        )
        .json(&json!({"start": start}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(
        agency
            .book(Some(mentor.id), start, "Sam", None)
            .await
            .status(),
        201
    );
    let audit: Value = agency
        .admin
        .get(agency.app.url("/api/admin/audit"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entry = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "mentor.limit_override")
        .expect("the override is logged");
    assert_eq!(entry["actor_name"], "sup");
}

#[tokio::test]
async fn a_check_in_asking_for_support_emails_the_supervisor_who_follows_it_up() {
    let smtp = SmtpServer::start();
    let agency = agency_with(TestAppOptions::default().with_smtp(&smtp)).await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let supervisor_email = "sup@agency.example.org";
    let supervisor_id = agency
        .app
        .create_staff(supervisor_email, PASSWORD, &[Role::Supervisor])
        .await;
    let supervisor = agency
        .app
        .signed_in_client(supervisor_email, PASSWORD)
        .await;
    let response = agency
        .admin
        .patch(
            agency
                .app
                .url(&format!("/api/supervision/mentors/{}", mentor.id)),
        )
        .json(&json!({"supervisor_id": supervisor_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // A supervisor may not reassign mentors.
    let response = supervisor
        .patch(
            agency
                .app
                .url(&format!("/api/supervision/mentors/{}", mentor.id)),
        )
        .json(&json!({"supervisor_id": supervisor_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // An upcoming session can't be checked in yet.
    let slot = agency
        .slots(&mentor.id.to_string(), today() + Duration::days(1), 1)
        .await[0]
        .clone();
    let booking: Booking = agency
        .book(Some(mentor.id), slot.start, "Sam", Some("sam@example.com"))
        .await
        .json()
        .await
        .unwrap();
    let check_in = json!({"outcome": "held", "rating": 2, "wants_support": true, "note": "That one stayed with me."});
    let path = format!("/api/mentor/sessions/{}/check-in", booking.id);
    assert_eq!(
        mentor
            .put(&agency.app, &path, check_in.clone())
            .await
            .status(),
        409
    );

    let earlier = past_session(&agency.app, mentor.id, Utc::now() - Duration::hours(3), "d").await;
    let path = format!("/api/mentor/sessions/{earlier}/check-in");
    let response = mentor
        .put(&agency.app, &path, json!({"outcome": "held", "rating": 9}))
        .await;
    assert_eq!(response.status(), 422);
    let response = mentor.put(&agency.app, &path, check_in.clone()).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    // Saving the same check-in again doesn't email twice.
    assert_eq!(mentor.put(&agency.app, &path, check_in).await.status(), 200);

    let db = agency.app.db().await;
    let flags = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("support_flag"))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].recipient, supervisor_email);
    assert!(flags[0].body_text.contains("Amani"));
    assert!(
        !flags[0].body_text.contains("stayed with me"),
        "the note stays in the console"
    );
    db.close().await;

    // Through a real SMTP server: Sam's confirmation (with the session's calendar), the
    // note to Amani (name and time, never Sam's address) and the flag to the supervisor,
    // each with a text and an HTML part.
    agency.app.run_due_emails(Utc::now()).await;
    let received = smtp.wait_for(3).await;
    for email in &received {
        assert!(!email.text().is_empty() && email.html().contains("<p>"));
    }
    let to = |who: &str| {
        received
            .iter()
            .find(|email| email.to == [who])
            .unwrap_or_else(|| panic!("nothing for {who}"))
    };
    let sam = to("sam@example.com");
    let ics = &sam.attachments()[0].1;
    assert!(ics.contains(&format!(
        "DTSTART;TZID={}:{}",
        ZONE.name(),
        slot.start.format("%Y%m%dT%H%M%S")
    )));
    let amani_mail = to("amani@agency.example.org");
    assert!(amani_mail.text().contains("Sam"));
    assert!(!amani_mail.text().contains("sam@example.com") && !amani_mail.html().contains("sam@"));
    let flag = to(supervisor_email);
    assert!(flag.subject().contains("Amani"), "{}", flag.subject());
    assert!(!flag.text().contains("stayed with me"));

    // Another mentor can't check in on Amani's session.
    let other = agency.mentor("Jordan", &[], &[]).await;
    assert_eq!(
        other
            .put(&agency.app, &path, json!({"outcome": "held"}))
            .await
            .status(),
        404
    );

    let overview: Vec<SupervisedMentor> = supervisor
        .get(agency.app.url("/api/supervision/mentors"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let amani = overview.iter().find(|m| m.mentor_id == mentor.id).unwrap();
    assert_eq!(amani.open_support_flags.len(), 1);
    assert_eq!(
        amani.open_support_flags[0].check_in.note,
        "That one stayed with me."
    );
    assert!(amani.sessions_this_week >= 1);
    let response = supervisor
        .post(
            agency
                .app
                .url(&format!("/api/supervision/check-ins/{earlier}/follow-up")),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let overview: Vec<SupervisedMentor> = supervisor
        .get(agency.app.url("/api/supervision/mentors"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let amani = overview.iter().find(|m| m.mentor_id == mentor.id).unwrap();
    assert!(amani.open_support_flags.is_empty());

    // Nothing of the check-in reaches the young person's view.
    let token = booking.manage_token.unwrap();
    let manage = agency
        .app
        .get(&format!("/api/bookings/manage/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!manage.contains("stayed with me") && !manage.contains("rating"));
    let sessions = mentor.sessions(&agency.app).await;
    assert!(sessions
        .iter()
        .any(|s| s.check_in.as_ref().is_some_and(|c| c.wants_support)));
}

fn png_with_text() -> Vec<u8> {
    let chunk = |kind: &[u8; 4], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    };
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    bytes.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
    bytes.extend(chunk(b"tEXt", b"Location\x0051.5,-0.1 home"));
    bytes.extend(chunk(b"IDAT", &[1, 2, 3]));
    bytes.extend(chunk(b"IEND", &[]));
    bytes
}

#[tokio::test]
async fn a_photo_is_checked_stripped_of_metadata_and_served_from_our_origin() {
    let agency = agency().await;
    let mentor = agency.mentor("Amani", &[], &[]).await;
    let upload = |content_type: &str, body: Vec<u8>| {
        mentor
            .client
            .put(agency.app.url("/api/mentor/photo"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let response = upload("image/gif", b"GIF89a.....".to_vec()).await.unwrap();
    assert_eq!(response.status(), 415);
    let response = upload("image/jpeg", vec![0xFF; 2 * 1024 * 1024 + 10])
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "photo_too_large");
    assert!(
        agency.directory("").await[0].photo_url.is_none(),
        "nothing stored"
    );

    let response = upload("image/png", png_with_text()).await.unwrap();
    assert_eq!(response.status(), 200);
    let photo_url = agency.directory("").await[0].photo_url.clone().unwrap();
    assert!(photo_url.starts_with(&format!("/api/mentors/{}/photo", mentor.id)));
    let response = agency.app.get(&photo_url).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let bytes = response.bytes().await.unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"home"), "metadata removed");
    assert!(bytes.windows(4).any(|w| w == b"IDAT"));

    let response = mentor
        .client
        .delete(agency.app.url("/api/mentor/photo"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(agency.directory("").await[0].photo_url.is_none());
    assert_eq!(agency.app.get(&photo_url).await.status(), 404);
}

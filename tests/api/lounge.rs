//! Lounge drop-ins: opening hours, slots, booking without an account, manage links,
//! closures, and capacity that holds under concurrency.

use backend::entities::bookings;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use reqwest::{Client, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use shared::{AdminSpace, Booking, BookingStatus, SlotAvailability};
use tests::{new_client, smtp::SmtpServer, TestApp, TestAppOptions};

const ADMIN_EMAIL: &str = "admin@agency.example.org";
const PASSWORD: &str = "a long and lovely passphrase";

struct Lounge {
    app: TestApp,
    admin: Client,
    space_id: i64,
}

/// A lounge open every day 00:00–23:00 in hourly slots, so tests find slots whatever
/// the time of day they run.
async fn lounge_with(options: TestAppOptions, capacity: u32) -> Lounge {
    let app = TestApp::spawn_with(
        options
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD),
    )
    .await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let response = admin
        .post(app.url("/api/admin/spaces"))
        .json(&json!({"name": "The Lounge", "capacity": capacity, "house_rules": "Be kind."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let space: AdminSpace = response.json().await.unwrap();
    assert_eq!(space.min_notice_minutes, 60);
    let rules: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| json!({"weekday": day, "opens": "00:00", "closes": "23:00", "slot_minutes": 60}))
        .collect();
    let response = admin
        .put(app.url(&format!(
            "/api/admin/spaces/{}/opening-hours",
            space.space.id
        )))
        .json(&json!({"rules": rules}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    Lounge {
        app,
        admin,
        space_id: space.space.id,
    }
}

async fn lounge(capacity: u32) -> Lounge {
    lounge_with(TestAppOptions::default(), capacity).await
}

impl Lounge {
    /// Changes the space's details or booking rules as the admin; asserts it worked.
    async fn change_space(&self, change: Value) {
        let response = self
            .admin
            .patch(
                self.app
                    .url(&format!("/api/admin/spaces/{}", self.space_id)),
            )
            .json(&change)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }

    async fn slots(&self, days: i64) -> Vec<SlotAvailability> {
        let today = Utc::now().date_naive();
        self.app
            .get_json(&format!(
                "/api/spaces/{}/slots?from={}&to={}",
                self.space_id,
                today - Duration::days(1),
                today + Duration::days(days)
            ))
            .await
    }

    async fn book(
        &self,
        start: DateTime<FixedOffset>,
        name: &str,
        email: Option<&str>,
    ) -> reqwest::Response {
        let mut body =
            json!({"kind": "lounge", "space_id": self.space_id, "start": start, "name": name});
        if let Some(email) = email {
            body["email"] = json!(email);
        }
        self.app.post_json("/api/bookings", &body).await
    }

    async fn slot_at(&self, start: DateTime<FixedOffset>) -> SlotAvailability {
        self.slots(3)
            .await
            .into_iter()
            .find(|s| s.start == start)
            .expect("the slot is listed")
    }
}

async fn error_code(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    (status, body["error"].clone())
}

#[tokio::test]
async fn slots_respect_notice_and_carry_capacity() {
    let lounge = lounge(5).await;
    let slots = lounge.slots(2).await;
    assert!(
        slots.len() >= 40,
        "two to three days of hourly slots, got {}",
        slots.len()
    );
    let now = Utc::now();
    for slot in &slots {
        assert!(
            slot.start.with_timezone(&Utc) >= now + Duration::minutes(60),
            "inside the notice: {}",
            slot.start
        );
        assert_eq!(slot.end - slot.start, Duration::hours(1));
        assert_eq!((slot.capacity, slot.booked, slot.available), (5, 0, 5));
        // Agency zone offsets (America/New_York).
        let offset = slot.start.offset().local_minus_utc();
        assert!(offset == -5 * 3600 || offset == -4 * 3600);
    }
}

#[tokio::test]
async fn bad_slot_ranges_are_refused() {
    let lounge = lounge(5).await;
    let id = lounge.space_id;
    for (query, status) in [
        ("from=2026-01-10&to=2026-01-01", 422),
        ("from=2026-01-01&to=2026-02-05", 422),
        ("from=2026-01-01", 422),
        ("from=yesterday&to=2026-01-02", 422),
    ] {
        let response = lounge
            .app
            .get(&format!("/api/spaces/{id}/slots?{query}"))
            .await;
        assert_eq!(response.status(), status, "{query}");
    }
    let response = lounge
        .app
        .get("/api/spaces/999999/slots?from=2026-01-01&to=2026-01-02")
        .await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn a_young_person_books_views_and_cancels_with_the_manage_link() {
    let lounge = lounge(5).await;
    let slot = lounge.slots(2).await[0].clone();
    let response = lounge.book(slot.start, "  Sam  ", None).await;
    assert_eq!(response.status(), 201);
    let booking: Booking = response.json().await.unwrap();
    assert_eq!(booking.status, BookingStatus::Confirmed);
    assert_eq!((booking.start, booking.end), (slot.start, slot.end));
    assert_eq!(booking.name, "Sam");
    assert_eq!(booking.place, "The Lounge");
    let token = booking.manage_token.clone().unwrap();
    assert_eq!(token.len(), 64, "at least 128 random bits, hex");
    assert!(booking
        .manage_url
        .unwrap()
        .ends_with(&format!("#token={token}")));
    assert_eq!(lounge.slot_at(slot.start).await.booked, 1);

    let seen: Booking = lounge
        .app
        .get_json(&format!("/api/bookings/manage/{token}"))
        .await;
    assert_eq!(seen.id, booking.id);
    assert!(seen.manage_token.is_none(), "the token is only shown once");

    let cancel_path = format!("/api/bookings/manage/{token}/cancel");
    let cancelled: Booking = lounge
        .app
        .post_json(&cancel_path, &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(
        lounge.slot_at(slot.start).await.booked,
        0,
        "the seat is free again"
    );
    let again = lounge.app.post_json(&cancel_path, &json!({})).await;
    assert_eq!(again.status(), 200, "cancelling twice is fine");
    assert_eq!(
        lounge.slot_at(slot.start).await.booked,
        0,
        "and frees nothing more"
    );
}

#[tokio::test]
async fn a_wrong_manage_link_reveals_nothing() {
    let lounge = lounge(5).await;
    let slot = lounge.slots(2).await[0].clone();
    lounge
        .book(slot.start, "Sam", Some("sam@example.org"))
        .await;
    for token in ["0".repeat(64), "nope".to_owned(), "../admin".to_owned()] {
        let response = lounge
            .app
            .get(&format!("/api/bookings/manage/{token}"))
            .await;
        assert_eq!(response.status(), 404, "{token}");
        let body = response.text().await.unwrap();
        assert!(!body.contains("Sam") && !body.contains("sam@"), "{body}");
        let cancel = lounge
            .app
            .post_json(&format!("/api/bookings/manage/{token}/cancel"), &json!({}))
            .await;
        assert_eq!(cancel.status(), 404);
    }
    assert_eq!(lounge.slot_at(slot.start).await.booked, 1);
}

#[tokio::test]
async fn times_that_cannot_be_booked_are_refused_and_change_nothing() {
    let lounge = lounge(5).await;
    let slots = lounge.slots(2).await;
    let slot = slots[0].clone();
    let now = Utc::now().with_timezone(&slot.start.timezone());
    let cases = [
        (slot.start + Duration::minutes(30), "not a slot boundary"),
        (now - Duration::hours(2), "in the past"),
        (now + Duration::minutes(10), "inside the notice"),
        (
            (now + Duration::days(40)).with_timezone(&slot.start.timezone()),
            "past the horizon",
        ),
    ];
    for (start, why) in cases {
        let (status, error) = error_code(lounge.book(start, "Sam", None).await).await;
        assert_eq!(status, 422, "{why}");
        assert!(error["fields"]["start"].is_array(), "{why}: {error}");
    }
    for (body, field) in [
        (
            json!({"kind": "lounge", "space_id": lounge.space_id, "start": slot.start, "name": ""}),
            "name",
        ),
        (
            json!({"kind": "lounge", "space_id": lounge.space_id, "start": slot.start, "name": "x".repeat(61)}),
            "name",
        ),
        (
            json!({"kind": "lounge", "space_id": lounge.space_id, "start": slot.start, "name": "Sam\u{7}"}),
            "name",
        ),
        (
            json!({"kind": "lounge", "space_id": lounge.space_id, "start": slot.start, "name": "Sam", "email": "not-an-email"}),
            "email",
        ),
        (
            json!({"kind": "lounge", "space_id": 999999, "start": slot.start, "name": "Sam"}),
            "space_id",
        ),
    ] {
        let (status, error) = error_code(lounge.app.post_json("/api/bookings", &body).await).await;
        assert_eq!(status, 422, "{body}");
        assert!(error["fields"][field].is_array(), "{field}: {error}");
    }
    let (status, _) = error_code(
        lounge
            .app
            .post_json(
                "/api/bookings",
                &json!({"kind": "spaceship", "start": slot.start, "name": "Sam"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        lounge.slots(2).await.iter().all(|s| s.booked == 0),
        "nothing was booked"
    );
}

#[tokio::test]
async fn one_email_gets_one_spot_per_slot_and_a_limited_number_ahead() {
    let lounge = lounge(5).await;
    lounge
        .change_space(json!({"max_upcoming_per_email": 2}))
        .await;
    let slots = lounge.slots(2).await;
    assert_eq!(
        lounge
            .book(slots[0].start, "Sam", Some("sam@example.org"))
            .await
            .status(),
        201
    );
    let (status, error) = error_code(
        lounge
            .book(slots[0].start, "Sam again", Some("SAM@Example.org"))
            .await,
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_booked"))
    );
    assert_eq!(
        lounge
            .book(slots[1].start, "Sam", Some("sam@example.org"))
            .await
            .status(),
        201
    );
    let (status, error) = error_code(
        lounge
            .book(slots[2].start, "Sam", Some("sam@example.org"))
            .await,
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::CONFLICT, Some("booking_limit"))
    );
    // Without an email there is nothing to count by.
    assert_eq!(lounge.book(slots[2].start, "Sam", None).await.status(), 201);
}

#[tokio::test]
async fn one_email_racing_for_many_slots_still_gets_only_its_limit() {
    let lounge = lounge(50).await;
    let slots = lounge.slots(2).await;
    assert!(slots.len() >= 10, "the test needs ten bookable slots");
    for round in 0..5 {
        let email = format!("racer{round}@example.org");
        // Three requests at each of ten slots, all at once: the default limit is three.
        let attempts = slots.iter().take(10).flat_map(|slot| {
            (0..3).map(|n| {
                let client = new_client();
                let url = lounge.app.url("/api/bookings");
                let body = json!({"kind": "lounge", "space_id": lounge.space_id,
                    "start": slot.start, "name": format!("Racer {n}"), "email": email});
                async move {
                    client
                        .post(url)
                        .json(&body)
                        .send()
                        .await
                        .map(|r| r.status())
                }
            })
        });
        let statuses = futures::future::join_all(attempts).await;
        let created = statuses
            .iter()
            .filter(|s| matches!(s, Ok(StatusCode::CREATED)))
            .count();
        let refused = statuses
            .iter()
            .filter(|s| matches!(s, Ok(StatusCode::CONFLICT)))
            .count();
        assert_eq!((created, refused), (3, 27), "round {round}: {statuses:?}");

        let db = lounge.app.db().await;
        let held = bookings::Entity::find()
            .filter(bookings::Column::Email.eq(email.as_str()))
            .filter(bookings::Column::Status.eq("confirmed"))
            .count(db.conn())
            .await
            .unwrap();
        assert_eq!(held, 3, "round {round}: the database holds three");
        db.close().await;
    }
}

#[tokio::test]
async fn listed_availability_follows_every_change_at_once() {
    let lounge = lounge(5).await;
    let before = lounge.slots(2).await;
    let first = before[0].clone();
    assert_eq!(before, lounge.slots(2).await, "the same answer twice");

    assert_eq!(lounge.book(first.start, "Sam", None).await.status(), 201);
    let after_booking = lounge.slots(2).await;
    assert_eq!(after_booking[0].booked, first.booked + 1);

    let response = lounge
        .admin
        .post(
            lounge
                .app
                .url(&format!("/api/admin/spaces/{}/closures", lounge.space_id)),
        )
        .json(&json!({"from": first.start, "to": first.end, "reason": "Deep clean"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let after_closure = lounge.slots(2).await;
    assert!(
        after_closure.iter().all(|slot| slot.start != first.start),
        "the closed slot is no longer offered"
    );

    // Browsers get the same list compressed.
    let today = Utc::now().date_naive();
    let compressed = new_client()
        .get(lounge.app.url(&format!(
            "/api/spaces/{}/slots?from={}&to={}",
            lounge.space_id,
            today - Duration::days(1),
            today + Duration::days(2)
        )))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.headers()["vary"], "accept-encoding");
}

#[tokio::test]
async fn a_full_slot_answers_409_slot_full() {
    let lounge = lounge(2).await;
    let slot = lounge.slots(2).await[0].clone();
    assert_eq!(lounge.book(slot.start, "A", None).await.status(), 201);
    assert_eq!(lounge.book(slot.start, "B", None).await.status(), 201);
    let (status, error) = error_code(lounge.book(slot.start, "C", None).await).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::CONFLICT, Some("slot_full"))
    );
    let listed = lounge.slot_at(slot.start).await;
    assert_eq!((listed.booked, listed.available), (2, 0));
}

#[tokio::test]
async fn a_confirmation_with_the_manage_link_is_emailed_only_when_asked_for() {
    let smtp = SmtpServer::start();
    let lounge = lounge_with(TestAppOptions::default().with_smtp(&smtp), 5).await;
    let slots = lounge.slots(2).await;
    lounge.book(slots[0].start, "No email", None).await;
    let booking: Booking = lounge
        .book(slots[1].start, "Ana", Some("ana@example.org"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lounge.app.run_due_emails(Utc::now()).await.sent, 1);
    let emails = smtp.wait_for(1).await;
    assert_eq!(emails[0].to, ["ana@example.org"]);
    assert!(
        emails[0].subject().starts_with("You're in!"),
        "{}",
        emails[0].subject()
    );
    assert!(emails[0]
        .text()
        .contains(booking.manage_url.as_deref().unwrap()));
    assert!(emails[0].text().contains("Be kind."));
    assert!(emails[0].html().contains("Be kind."));

    // The calendar file rides along: this booking's event only, in the agency's zone.
    let attachments = emails[0].attachments();
    assert_eq!(attachments.len(), 1);
    let (kind, ics) = &attachments[0];
    assert_eq!(kind, "text/calendar");
    let event = ics.split("BEGIN:VEVENT").nth(1).expect("an event");
    assert!(
        event.contains(&format!("UID:booking-{}@", booking.id)),
        "{ics}"
    );
    assert!(event.contains(&format!(
        "DTSTART;TZID=America/New_York:{}",
        slots[1].start.format("%Y%m%dT%H%M%S")
    )));
    assert!(!ics.contains("ana@example.org") && !ics.contains("ATTENDEE"));
}

#[tokio::test]
async fn discreet_emails_name_neither_the_lounge_nor_the_agency() {
    let smtp = SmtpServer::start();
    let lounge = lounge_with(
        TestAppOptions::default()
            .with_smtp(&smtp)
            .set("PEERLOUNGE_AGENCY_NAME", "Northside Youth Services")
            .set(
                "PEERLOUNGE_MAIL_FROM",
                "Northside Youth Services <lounge@example.org>",
            ),
        5,
    )
    .await;
    let slots = lounge.slots(2).await;
    let body = json!({"kind": "lounge", "space_id": lounge.space_id, "start": slots[1].start,
        "name": "Kai", "email": "kai@example.org", "discreet": true});
    let response = lounge.app.post_json("/api/bookings", &body).await;
    assert_eq!(response.status(), 201);
    let booking: Booking = response.json().await.unwrap();

    assert_eq!(lounge.app.run_due_emails(Utc::now()).await.sent, 1);
    let email = &smtp.wait_for(1).await[0];
    let parsed = email.parsed();
    let sender = parsed.from().and_then(|from| from.first()).unwrap();
    assert_eq!(sender.name(), Some("Appointments"));
    assert_eq!(sender.address(), Some("lounge@example.org"));
    assert!(
        email.subject().starts_with("Your appointment"),
        "{}",
        email.subject()
    );
    let (_, ics) = &email.attachments()[0];
    for part in [email.subject(), email.text(), email.html(), ics.clone()] {
        for revealing in ["Lounge", "Northside", "Be kind"] {
            assert!(!part.contains(revealing), "names {revealing}: {part}");
        }
    }
    assert!(email
        .text()
        .contains(booking.manage_url.as_deref().unwrap()));
    assert!(ics.contains("SUMMARY:Appointment"));
}

#[tokio::test]
async fn a_closure_cancels_the_bookings_it_covers_and_tells_their_holders() {
    let smtp = SmtpServer::start();
    let lounge = lounge_with(TestAppOptions::default().with_smtp(&smtp), 5).await;
    let slots = lounge.slots(2).await;
    let (inside, outside) = (slots[1].clone(), slots[5].clone());
    let covered: Booking = lounge
        .book(inside.start, "Ana", Some("ana@example.org"))
        .await
        .json()
        .await
        .unwrap();
    lounge.book(inside.start, "Sam", None).await;
    lounge
        .book(outside.start, "Jo", Some("jo@example.org"))
        .await;
    lounge.app.run_due_emails(Utc::now()).await;
    smtp.wait_for(2).await;

    let response = lounge
        .admin
        .post(
            lounge
                .app
                .url(&format!("/api/admin/spaces/{}/closures", lounge.space_id)),
        )
        .json(&json!({"from": inside.start, "to": inside.end, "reason": "Deep cleaning"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let closure: Value = response.json().await.unwrap();
    assert_eq!(closure["cancelled_bookings"], 2);

    let seen: Booking = lounge
        .app
        .get_json(&format!(
            "/api/bookings/manage/{}",
            covered.manage_token.unwrap()
        ))
        .await;
    assert_eq!(seen.status, BookingStatus::Cancelled);
    assert!(
        lounge
            .slots(2)
            .await
            .iter()
            .all(|s| s.start != inside.start),
        "a closed slot is not offered"
    );
    assert_eq!(lounge.slot_at(outside.start).await.booked, 1);
    let (status, _) = error_code(lounge.book(inside.start, "Late", None).await).await;
    assert_eq!(status, 422);

    lounge.app.run_due_emails(Utc::now()).await;
    let emails = smtp.wait_for(3).await;
    let notice = emails
        .iter()
        .find(|e| e.subject().contains("cancelled"))
        .expect("a cancellation notice");
    assert_eq!(notice.to, ["ana@example.org"]);
    assert!(notice.text().contains("Deep cleaning"));
}

#[tokio::test]
async fn overlapping_opening_windows_are_refused() {
    let lounge = lounge(5).await;
    let response = lounge
        .admin
        .put(lounge.app.url(&format!(
            "/api/admin/spaces/{}/opening-hours",
            lounge.space_id
        )))
        .json(&json!({"rules": [
            {"weekday": "mon", "opens": "09:00", "closes": "12:00", "slot_minutes": 60},
            {"weekday": "mon", "opens": "11:00", "closes": "14:00", "slot_minutes": 60}
        ]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    // The old hours stand.
    let hours: Value = lounge
        .admin
        .get(lounge.app.url(&format!(
            "/api/admin/spaces/{}/opening-hours",
            lounge.space_id
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(hours["rules"].as_array().unwrap().len(), 7);
}

/// 200 young people try for the same 5 seats at once, several times over.
#[tokio::test]
async fn concurrent_bookings_never_oversell_a_slot() {
    let lounge = lounge(5).await;
    let slots = lounge.slots(2).await;
    for (round, slot) in slots.iter().take(3).enumerate() {
        let attempts = (0..200).map(|n| {
            let client = new_client();
            let url = lounge.app.url("/api/bookings");
            let body = json!({"kind": "lounge", "space_id": lounge.space_id, "start": slot.start, "name": format!("Person {n}")});
            async move { client.post(url).json(&body).send().await.map(|r| r.status()) }
        });
        let statuses = futures::future::join_all(attempts).await;
        let created = statuses
            .iter()
            .filter(|s| matches!(s, Ok(StatusCode::CREATED)))
            .count();
        let full = statuses
            .iter()
            .filter(|s| matches!(s, Ok(StatusCode::CONFLICT)))
            .count();
        let other: Vec<_> = statuses
            .iter()
            .filter(|s| !matches!(s, Ok(StatusCode::CREATED | StatusCode::CONFLICT)))
            .collect();
        assert!(
            other.is_empty(),
            "round {round}: unexpected answers {other:?}"
        );
        assert_eq!((created, full), (5, 195), "round {round}");

        let listed = lounge.slot_at(slot.start).await;
        assert_eq!(listed.booked, 5, "round {round}");
        let db = lounge.app.db().await;
        let confirmed = bookings::Entity::find()
            .filter(bookings::Column::StartsAt.eq(slot.start.with_timezone(&Utc)))
            .filter(bookings::Column::Status.eq("confirmed"))
            .count(db.conn())
            .await
            .unwrap();
        assert_eq!(
            confirmed, 5,
            "round {round}: confirmed rows match the counter"
        );
        db.close().await;
    }
}

#[tokio::test]
async fn rescheduling_moves_the_seat_atomically_and_keeps_the_old_one_if_the_new_is_full() {
    let lounge = lounge(1).await;
    let slots = lounge.slots(2).await;
    let (first, second, third) = (slots[0].clone(), slots[1].clone(), slots[2].clone());
    let booking: Booking = lounge
        .book(first.start, "Sam", None)
        .await
        .json()
        .await
        .unwrap();
    let token = booking.manage_token.unwrap();
    let path = format!("/api/bookings/manage/{token}/reschedule");

    let moved: Booking = lounge
        .app
        .post_json(&path, &json!({"start": second.start}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (moved.start, moved.end, moved.id),
        (second.start, second.end, booking.id)
    );
    assert_eq!(lounge.slot_at(first.start).await.booked, 0);
    assert_eq!(lounge.slot_at(second.start).await.booked, 1);

    // Someone else fills the third slot; moving there fails and changes nothing.
    assert_eq!(lounge.book(third.start, "Jo", None).await.status(), 201);
    let (status, error) = error_code(
        lounge
            .app
            .post_json(&path, &json!({"start": third.start}))
            .await,
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::CONFLICT, Some("slot_full"))
    );
    let seen: Booking = lounge
        .app
        .get_json(&format!("/api/bookings/manage/{token}"))
        .await;
    assert_eq!(seen.start, second.start);
    assert_eq!(lounge.slot_at(second.start).await.booked, 1);

    let (status, _) = error_code(
        lounge
            .app
            .post_json(
                &path,
                &json!({"start": second.start + Duration::minutes(20)}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 422, "not a slot boundary");

    lounge
        .app
        .post_json(&format!("/api/bookings/manage/{token}/cancel"), &json!({}))
        .await;
    let (status, error) = error_code(
        lounge
            .app
            .post_json(&path, &json!({"start": first.start}))
            .await,
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::CONFLICT, Some("not_active"))
    );
}

#[tokio::test]
async fn the_calendar_file_keeps_its_uid_and_raises_its_sequence() {
    let lounge = lounge(5).await;
    let slots = lounge.slots(2).await;
    let booking: Booking = lounge
        .book(slots[0].start, "Sam", Some("sam@example.org"))
        .await
        .json()
        .await
        .unwrap();
    let token = booking.manage_token.unwrap();
    let calendar = |token: String| {
        let app = &lounge.app;
        async move {
            let response = app
                .get(&format!("/api/bookings/manage/{token}/calendar.ics"))
                .await;
            assert_eq!(response.status(), 200);
            assert!(response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar"));
            response.text().await.unwrap()
        }
    };
    // A property of the event itself (the time zone block has DTSTARTs of its own).
    let line = |ics: &str, name: &str| {
        let event = ics.split("BEGIN:VEVENT").nth(1).unwrap_or_default();
        event
            .lines()
            .find(|l| l.starts_with(name))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let before = calendar(token.clone()).await;
    assert!(before.contains("BEGIN:VEVENT") && before.contains("BEGIN:VTIMEZONE"));
    let expected_start = format!(
        "DTSTART;TZID=America/New_York:{}",
        slots[0].start.format("%Y%m%dT%H%M%S")
    );
    assert_eq!(line(&before, "DTSTART"), expected_start);
    assert_eq!(line(&before, "SEQUENCE"), "SEQUENCE:0");
    assert!(
        !before.contains("sam@example.org"),
        "no email in the calendar file"
    );
    assert!(!before.contains("ATTENDEE"));

    lounge
        .app
        .post_json(
            &format!("/api/bookings/manage/{token}/reschedule"),
            &json!({"start": slots[1].start}),
        )
        .await;
    let after = calendar(token.clone()).await;
    assert_eq!(line(&after, "UID"), line(&before, "UID"));
    assert_eq!(line(&after, "SEQUENCE"), "SEQUENCE:1");
    assert_eq!(
        line(&after, "DTSTART"),
        format!(
            "DTSTART;TZID=America/New_York:{}",
            slots[1].start.format("%Y%m%dT%H%M%S")
        )
    );
    assert_eq!(
        lounge
            .app
            .get(&format!(
                "/api/bookings/manage/{}/calendar.ics",
                "0".repeat(64)
            ))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn the_space_says_whether_it_is_open_now_without_naming_anyone() {
    let lounge = lounge(5).await;
    let now: Value = lounge
        .app
        .get_json(&format!("/api/spaces/{}/now", lounge.space_id))
        .await;
    // Open 00:00–23:00 agency time: open now unless the test runs in the last hour.
    let local_hour = Utc::now()
        .with_timezone(&chrono_tz::America::New_York)
        .format("%H")
        .to_string();
    if local_hour != "23" {
        assert_eq!(now["open"], true, "{now}");
        assert_eq!(now["seats_free"], 5);
        assert!(
            now["closes_at"].as_str().unwrap().contains("T23:00:00"),
            "{now}"
        );
    } else {
        assert_eq!(now["open"], false, "{now}");
    }
    assert_eq!(now.as_object().unwrap().len(), 3);
    assert_eq!(lounge.app.get("/api/spaces/999999/now").await.status(), 404);
}

#[tokio::test]
async fn a_replayed_request_with_the_same_idempotency_key_gets_the_first_answer() {
    let lounge = lounge(5).await;
    let slots = lounge.slots(2).await;
    let body = json!({"kind": "lounge", "space_id": lounge.space_id, "start": slots[0].start, "name": "Sam"});
    let send = |key: &'static str, body: Value| {
        let client = new_client();
        let url = lounge.app.url("/api/bookings");
        async move {
            client
                .post(url)
                .header("idempotency-key", key)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let key = "0b6f6c1e-6a0e-4a8e-9a9c-5f2c8a3d7e11";
    let first = send(key, body.clone()).await;
    assert_eq!(first.status(), 201);
    let first: Booking = first.json().await.unwrap();
    let again = send(key, body.clone()).await;
    assert_eq!(again.status(), 201);
    let again: Booking = again.json().await.unwrap();
    assert_eq!(again, first, "the same answer, manage token included");
    assert_eq!(
        lounge.slot_at(slots[0].start).await.booked,
        1,
        "nothing new was booked"
    );
    // The token works.
    let seen: Booking = lounge
        .app
        .get_json(&format!(
            "/api/bookings/manage/{}",
            first.manage_token.unwrap()
        ))
        .await;
    assert_eq!(seen.id, first.id);

    let mut different = body.clone();
    different["start"] = json!(slots[1].start);
    let (status, error) = error_code(send(key, different).await).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("idempotency_key_reused")
        )
    );
    let (status, error) = error_code(send("short", body.clone()).await).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_idempotency_key"))
    );
}

#[tokio::test]
async fn concurrent_copies_of_one_request_book_once() {
    let lounge = lounge(5).await;
    let slot = lounge.slots(2).await[0].clone();
    let body =
        json!({"kind": "lounge", "space_id": lounge.space_id, "start": slot.start, "name": "Sam"});
    let copies = (0..20).map(|_| {
        let client = new_client();
        let url = lounge.app.url("/api/bookings");
        let body = body.clone();
        async move {
            client
                .post(url)
                .header("idempotency-key", "a-double-tapped-booking-key")
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    });
    let answers = futures::future::join_all(copies).await;
    let mut ids = std::collections::HashSet::new();
    for answer in answers {
        assert_eq!(answer.status(), 201);
        ids.insert(answer.json::<Booking>().await.unwrap().id);
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(lounge.slot_at(slot.start).await.booked, 1);
}

/// The booking's start as UTC, and the times its reminders are due with the default
/// offsets (24 h and 1 h before, in elapsed time).
fn reminder_times(start: DateTime<FixedOffset>) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = start.with_timezone(&Utc);
    (start - Duration::hours(24), start - Duration::hours(1))
}

#[tokio::test]
async fn reminders_go_out_at_their_times_once_each() {
    let smtp = SmtpServer::start();
    let lounge = lounge_with(TestAppOptions::default().with_smtp(&smtp), 5).await;
    let slot = lounge
        .slots(3)
        .await
        .into_iter()
        .find(|slot| slot.start.with_timezone(&Utc) > Utc::now() + Duration::hours(25))
        .expect("a slot more than a day ahead");
    let booking: Booking = lounge
        .book(slot.start, "Ana", Some("ana@example.org"))
        .await
        .json()
        .await
        .unwrap();
    let (day_before, hour_before) = reminder_times(slot.start);

    assert_eq!(lounge.app.run_due_emails(Utc::now()).await.sent, 1);
    assert!(smtp.wait_for(1).await[0]
        .subject()
        .starts_with("You're in!"));
    let just_early = day_before - Duration::seconds(1);
    assert_eq!(lounge.app.run_due_emails(just_early).await.sent, 0);
    assert_eq!(lounge.app.run_due_emails(day_before).await.sent, 1);
    assert_eq!(lounge.app.run_due_emails(day_before).await.sent, 0, "once");
    assert_eq!(lounge.app.run_due_emails(hour_before).await.sent, 1);
    assert_eq!(lounge.app.run_due_emails(hour_before).await.sent, 0, "once");

    let emails = smtp.wait_for(3).await;
    assert_eq!(emails.len(), 3);
    for reminder in &emails[1..] {
        assert_eq!(reminder.to, ["ana@example.org"]);
        assert!(
            reminder.subject().starts_with("See you soon"),
            "{}",
            reminder.subject()
        );
        assert!(reminder
            .text()
            .contains(booking.manage_url.as_deref().unwrap()));
    }
    assert_ne!(emails[1].message_id(), emails[2].message_id());
}

#[tokio::test]
async fn nobody_is_reminded_of_a_cancelled_booking_and_a_moved_one_is_reminded_of_its_new_time() {
    let smtp = SmtpServer::start();
    let lounge = lounge_with(TestAppOptions::default().with_smtp(&smtp), 5).await;
    let later: Vec<SlotAvailability> = lounge
        .slots(4)
        .await
        .into_iter()
        .filter(|slot| slot.start.with_timezone(&Utc) > Utc::now() + Duration::hours(25))
        .collect();
    let (first, second) = (&later[0], &later[5]);

    let cancelled: Booking = lounge
        .book(first.start, "Cal", Some("cal@example.org"))
        .await
        .json()
        .await
        .unwrap();
    let response = new_client()
        .post(lounge.app.url(&format!(
            "/api/bookings/manage/{}/cancel",
            cancelled.manage_token.as_deref().unwrap()
        )))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let moved: Booking = lounge
        .book(first.start, "Mo", Some("mo@example.org"))
        .await
        .json()
        .await
        .unwrap();
    let response = new_client()
        .post(lounge.app.url(&format!(
            "/api/bookings/manage/{}/reschedule",
            moved.manage_token.as_deref().unwrap()
        )))
        .json(&json!({"start": second.start}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    // Confirmations (Cal's, Mo's first and Mo's new time) and the notice that Cal's
    // cancellation went through go out now.
    assert_eq!(lounge.app.run_due_emails(Utc::now()).await.sent, 4);
    let (old_day_before, _) = reminder_times(first.start);
    assert_eq!(
        lounge.app.run_due_emails(old_day_before).await.sent,
        0,
        "no reminder for a cancelled booking or a time that was given up"
    );
    let (new_day_before, new_hour_before) = reminder_times(second.start);
    assert_eq!(lounge.app.run_due_emails(new_day_before).await.sent, 1);
    assert_eq!(lounge.app.run_due_emails(new_hour_before).await.sent, 1);
    let emails = smtp.wait_for(6).await;
    let cal_cancelled = emails
        .iter()
        .find(|email| {
            email.to == ["cal@example.org"] && email.subject().starts_with("You've cancelled")
        })
        .expect("Cal is told the cancellation went through");
    assert!(
        cal_cancelled.attachments()[0]
            .1
            .contains("STATUS:CANCELLED"),
        "its calendar file takes the booking out of Cal's calendar"
    );
    let reminders: Vec<_> = emails
        .iter()
        .filter(|email| email.subject().starts_with("See you soon"))
        .collect();
    assert_eq!(reminders.len(), 2);
    assert!(reminders.iter().all(|email| email.to == ["mo@example.org"]));

    // The notice of the move carries the updated calendar event: same UID, next SEQUENCE.
    let mo: Vec<_> = emails
        .iter()
        .filter(|email| email.to == ["mo@example.org"] && !email.attachments().is_empty())
        .map(|email| email.attachments()[0].1.clone())
        .collect();
    assert_eq!(mo.len(), 2, "the confirmation and the notice of the move");
    let uid = format!("UID:booking-{}@", moved.id);
    assert!(mo.iter().all(|ics| ics.contains(&uid)));
    assert!(mo.iter().any(|ics| ics.contains("SEQUENCE:0")));
    let update = mo
        .iter()
        .find(|ics| ics.contains("SEQUENCE:1"))
        .expect("the moved event");
    assert!(update.contains(&format!(
        "DTSTART;TZID=America/New_York:{}",
        second.start.format("%Y%m%dT%H%M%S")
    )));
}

/// A 24 h reminder is due 24 real hours before the start, also when the clocks change in
/// between: the spring-forward day has 23 hours, so it lands an hour earlier on the wall.
#[tokio::test]
async fn a_day_before_reminder_is_due_24_real_hours_before_across_a_clock_change() {
    for (zone, booked_at, due_at) in [
        // 10:00 EDT on the first day of US summer time; the day before ran on EST.
        (
            "America/New_York",
            "2027-03-14T10:00:00-04:00",
            "2027-03-13T14:00:00Z",
        ),
        // 10:00 BST on the first day of UK summer time.
        (
            "Europe/London",
            "2027-03-28T10:00:00+01:00",
            "2027-03-27T09:00:00Z",
        ),
    ] {
        let smtp = SmtpServer::start();
        let lounge = lounge_with(
            TestAppOptions::default()
                .with_smtp(&smtp)
                .set("PEERLOUNGE_TIMEZONE", zone),
            5,
        )
        .await;
        lounge.change_space(json!({"horizon_days": 365})).await;
        let start = DateTime::parse_from_rfc3339(booked_at).unwrap();
        let due = DateTime::parse_from_rfc3339(due_at)
            .unwrap()
            .with_timezone(&Utc);
        let response = lounge.book(start, "Dee", Some("dee@example.org")).await;
        assert_eq!(response.status(), 201, "{zone}");

        assert_eq!(
            lounge.app.run_due_emails(Utc::now()).await.sent,
            1,
            "{zone}"
        );
        assert_eq!(
            lounge
                .app
                .run_due_emails(due - Duration::seconds(1))
                .await
                .sent,
            0,
            "{zone}: not a second early"
        );
        assert_eq!(lounge.app.run_due_emails(due).await.sent, 1, "{zone}");
        let emails = smtp.wait_for(2).await;
        assert!(
            emails[1].text().contains("Sunday 14 March, 10:00 am")
                || emails[1].text().contains("Sunday 28 March, 10:00 am"),
            "{zone}: the reminder names the wall-clock time: {}",
            emails[1].text()
        );
    }
}

/// The slots API on the days the clocks change, for both zones the issue names: the hour
/// that does not exist is not offered, the hour that happens twice is offered twice (once
/// per offset), and every slot is exactly one real hour.
#[tokio::test]
async fn slots_on_clock_change_days_are_each_one_real_hour() {
    for (zone, spring, autumn) in [
        ("America/New_York", "2027-03-14", "2027-11-07"),
        ("Europe/London", "2027-03-28", "2027-10-31"),
    ] {
        let lounge = lounge_with(
            TestAppOptions::default().set("PEERLOUNGE_TIMEZONE", zone),
            5,
        )
        .await;
        lounge.change_space(json!({"horizon_days": 365})).await;
        let app = &lounge.app;
        let space_id = lounge.space_id;
        let day = |date: &str| {
            let path = format!("/api/spaces/{space_id}/slots?from={date}&to={date}");
            async move { app.get_json::<Vec<SlotAvailability>>(&path).await }
        };

        // Open 00:00-23:00: 23 slots on an ordinary day.
        let spring_slots = day(spring).await;
        assert_eq!(
            spring_slots.len(),
            22,
            "{zone}: the skipped hour is not offered"
        );
        let autumn_slots = day(autumn).await;
        assert_eq!(
            autumn_slots.len(),
            24,
            "{zone}: the repeated hour is offered twice"
        );
        for slots in [&spring_slots, &autumn_slots] {
            for slot in slots.iter() {
                assert_eq!(
                    slot.end - slot.start,
                    Duration::hours(1),
                    "{zone}: {slot:?}"
                );
            }
            for pair in slots.windows(2) {
                assert_eq!(pair[0].end, pair[1].start, "{zone}: no gap, no overlap");
            }
        }
        let repeated: Vec<_> = autumn_slots
            .iter()
            .filter(|slot| slot.start.format("%H:%M").to_string() == "01:00")
            .map(|slot| slot.start.offset().local_minus_utc() / 3600)
            .collect();
        let expected = if zone == "Europe/London" {
            [1, 0]
        } else {
            [-4, -5]
        };
        assert_eq!(
            repeated, expected,
            "{zone}: 01:00 on each side of the change"
        );
    }
}

//! Joint events: organisers write, publish, edit and cancel them; young people register
//! without an account; seats and the waitlist are exact under concurrency.

use backend::entities::{bookings, events, outbox};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use reqwest::{Client, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use shared::{
    Booking, BookingStatus, EventDetail, EventRegistration, EventRoster, EventStatus, EventSummary,
    RegistrationStatus, Role, StaffEvent,
};
use tests::{new_client, smtp::SmtpServer, TestApp, TestAppOptions};

const ADMIN_EMAIL: &str = "admin@agency.example.org";
const PASSWORD: &str = "a long and lovely passphrase";
const ZONE: chrono_tz::Tz = chrono_tz::America::New_York;

struct Agency {
    app: TestApp,
    admin: Client,
    /// A mentor who organises (and so leads) the events of these tests.
    organiser: Client,
    organiser_mentor_id: i64,
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
    let email = "jo@agency.example.org";
    app.create_staff(email, PASSWORD, &[Role::Mentor]).await;
    let organiser = app.signed_in_client(email, PASSWORD).await;
    let response = organiser
        .put(app.url("/api/mentor/profile"))
        .json(&json!({"display_name": "Jo", "title": "Peer mentor", "published": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let profile: Value = response.json().await.unwrap();
    let organiser_mentor_id = profile["id"].as_i64().unwrap();
    Agency {
        app,
        admin,
        organiser,
        organiser_mentor_id,
    }
}

/// A time `days` from now at 18:00 agency time.
fn evening(days: i64) -> DateTime<FixedOffset> {
    (Utc::now().with_timezone(&ZONE).date_naive() + Duration::days(days))
        .and_hms_opt(18, 0, 0)
        .unwrap()
        .and_local_timezone(ZONE)
        .earliest()
        .unwrap()
        .fixed_offset()
}

fn game_night(capacity: Option<u32>, waitlist: bool) -> Value {
    json!({
        "title": "Game night",
        "summary": "Board games and pizza",
        "description": "Bring a friend or come alone.",
        "start": evening(5),
        "end": evening(5) + Duration::hours(2),
        "place": "Community hall, room 2",
        "capacity": capacity,
        "waitlist": waitlist,
        "audience": "Ages 16–21",
        "young_co_facilitators": ["Robin"],
        "agenda": [
            {"time": "18:00", "title": "Welcome", "led_by": "Robin"},
            {"time": "18:15", "title": "Games", "led_by": ""}
        ],
        "materials": [{"title": "House rules", "url": "https://agency.example.org/rules"}],
    })
}

impl Agency {
    async fn create(&self, body: &Value) -> reqwest::Response {
        self.organiser
            .post(self.app.url("/api/staff/events"))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn action(&self, id: i64, action: &str) -> reqwest::Response {
        self.organiser
            .post(self.app.url(&format!("/api/staff/events/{id}/{action}")))
            .json(&json!({}))
            .send()
            .await
            .unwrap()
    }

    /// A published event from `body`.
    async fn published(&self, body: &Value) -> StaffEvent {
        let response = self.create(body).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        let event: StaffEvent = response.json().await.unwrap();
        let response = self.action(event.id, "publish").await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    async fn register(&self, id: i64, name: &str, email: Option<&str>) -> reqwest::Response {
        self.app
            .post_json(
                &format!("/api/events/{id}/registrations"),
                &json!({"name": name, "email": email}),
            )
            .await
    }

    async fn registered(&self, id: i64, name: &str, email: Option<&str>) -> EventRegistration {
        let response = self.register(id, name, email).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    async fn roster(&self, id: i64) -> EventRoster {
        self.organiser
            .get(
                self.app
                    .url(&format!("/api/staff/events/{id}/registrations")),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn cancel_registration(&self, token: &str) -> Booking {
        let response = self
            .app
            .post_json(&format!("/api/bookings/manage/{token}/cancel"), &json!({}))
            .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    async fn public_list(&self) -> Vec<EventSummary> {
        self.app.get_json("/api/events").await
    }

    /// (kind, recipient) of every queued or sent email, oldest first.
    async fn mail(&self) -> Vec<(String, String)> {
        let db = self.app.db().await;
        let rows = outbox::Entity::find()
            .order_by_asc(outbox::Column::Id)
            .all(db.conn())
            .await
            .unwrap();
        db.close().await;
        rows.into_iter()
            .map(|row| (row.kind, row.recipient))
            .collect()
    }
}

#[tokio::test]
async fn a_draft_is_private_until_published_and_the_public_list_has_the_issue_fields() {
    let agency = agency().await;
    let response = agency.create(&game_night(Some(10), true)).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let draft: StaffEvent = response.json().await.unwrap();
    assert_eq!(draft.status, EventStatus::Draft);
    assert_eq!(
        draft.lead_mentor.as_deref(),
        Some("Jo"),
        "the mentor who creates it leads it"
    );
    assert!(agency.public_list().await.is_empty());
    assert_eq!(
        agency
            .app
            .get(&format!("/api/events/{}", draft.id))
            .await
            .status(),
        404
    );
    assert_eq!(agency.register(draft.id, "Sam", None).await.status(), 404);

    agency.action(draft.id, "publish").await;
    let listed: Vec<Value> = agency.app.get_json("/api/events").await;
    assert_eq!(listed.len(), 1);
    let mut keys: Vec<&str> = listed[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "audience",
            "capacity",
            "co_facilitators",
            "contact_name",
            "end",
            "id",
            "location",
            "spots_left",
            "start",
            "summary",
            "title",
            "waitlist_open"
        ]
    );
    let event = &listed[0];
    assert_eq!(event["location"], "Community hall, room 2");
    assert_eq!(event["spots_left"], 10);
    assert_eq!(event["waitlist_open"], false);
    assert_eq!(event["contact_name"], "Jo");
    assert_eq!(event["co_facilitators"], json!(["Robin"]));

    // A date range narrows the list; an upside-down one is refused.
    let later = (evening(6)).date_naive();
    let none: Vec<EventSummary> = agency
        .app
        .get_json(&format!("/api/events?from={later}&to={later}"))
        .await;
    assert!(none.is_empty());
    let response = agency
        .app
        .get(&format!(
            "/api/events?from={later}&to={}",
            later - Duration::days(3)
        ))
        .await;
    assert_eq!(response.status(), 422);
}

#[tokio::test]
async fn bad_event_input_gets_field_errors_and_saves_nothing() {
    let agency = agency().await;
    let mut body = game_night(Some(0), false);
    body["title"] = json!("   ");
    body["end"] = json!(evening(5) - Duration::hours(1));
    body["space_id"] = json!(9999);
    body["agenda"] = json!([{"time": "6pm", "title": "Welcome"}]);
    body["materials"] = json!([{"title": "Rules", "url": "javascript:alert(1)"}]);
    let response = agency.create(&body).await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    let fields = error["error"]["fields"].as_object().expect("field errors");
    for field in ["title", "end", "place", "capacity", "agenda", "materials"] {
        assert!(fields.contains_key(field), "no error for {field}: {error}");
    }
    let past = json!({"title": "Yesterday", "start": evening(-1), "end": evening(-1) + Duration::hours(1), "place": "Hall"});
    assert_eq!(agency.create(&past).await.status(), 422);

    let db = agency.app.db().await;
    assert_eq!(events::Entity::find().count(db.conn()).await.unwrap(), 0);
    db.close().await;
}

#[tokio::test]
async fn a_full_event_waitlists_and_a_cancellation_promotes_the_first_in_line_at_once() {
    let agency = agency().await;
    let event = agency.published(&game_night(Some(2), true)).await;

    let first = agency
        .registered(event.id, "Ana", Some("ana@example.org"))
        .await;
    assert_eq!(first.status, RegistrationStatus::Registered);
    assert!(first.manage_url.contains("/manage#token="));
    agency.registered(event.id, "Ben", None).await;
    let waiting = agency
        .registered(event.id, "Cy", Some("cy@example.org"))
        .await;
    assert_eq!(waiting.status, RegistrationStatus::Waitlisted);
    assert_eq!(waiting.waitlist_position, Some(1));
    let second_waiting = agency.registered(event.id, "Di", None).await;
    assert_eq!(second_waiting.waitlist_position, Some(2));

    let listed = agency.public_list().await;
    assert_eq!(
        (listed[0].spots_left, listed[0].waitlist_open),
        (Some(0), true)
    );

    // The same address can't take two places.
    let again = agency
        .register(event.id, "Ana again", Some("ANA@example.org"))
        .await;
    assert_eq!(again.status(), 409);

    // Ana cancels: Cy (first in line) gets the seat in the same transaction, Di moves up.
    agency.cancel_registration(&first.manage_token).await;
    let cy: Booking = agency
        .app
        .get_json(&format!("/api/bookings/manage/{}", waiting.manage_token))
        .await;
    assert_eq!(cy.status, BookingStatus::Confirmed);
    let di: Booking = agency
        .app
        .get_json(&format!(
            "/api/bookings/manage/{}",
            second_waiting.manage_token
        ))
        .await;
    assert_eq!(
        (di.status, di.waitlist_position),
        (BookingStatus::Waitlisted, Some(1))
    );
    let roster = agency.roster(event.id).await;
    let names =
        |list: &[shared::EventAttendee]| list.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&roster.registered), ["Ben", "Cy"]);
    assert_eq!(names(&roster.waitlist), ["Di"]);

    // Cy was told by email; Ana's reminders are gone.
    let mail = agency.mail().await;
    assert!(mail.contains(&("event_registration".into(), "cy@example.org".into())));
    let cy_mail = mail.iter().filter(|(_, to)| to == "cy@example.org").count();
    assert!(cy_mail >= 2, "waitlisted, then promoted: {mail:?}");
    let db = agency.app.db().await;
    let ana_waiting = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("ana@example.org"))
        .filter(outbox::Column::Kind.is_in(["booking_reminder", "event_agenda"]))
        .count(db.conn())
        .await
        .unwrap();
    assert_eq!(ana_waiting, 0, "nobody is reminded of what they cancelled");
    db.close().await;
}

#[tokio::test]
async fn without_a_waitlist_a_full_event_answers_event_full_and_past_or_cancelled_ones_422() {
    let agency = agency().await;
    let event = agency.published(&game_night(Some(1), false)).await;
    agency.registered(event.id, "Ana", None).await;
    let response = agency.register(event.id, "Ben", None).await;
    assert_eq!(response.status(), 409);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "event_full");

    let bad_name = agency.register(event.id, "", None).await;
    assert_eq!(bad_name.status(), 422);
    let bad_email = agency.register(event.id, "Cy", Some("not an email")).await;
    assert_eq!(bad_email.status(), 422);

    let other = agency.published(&game_night(None, false)).await;
    assert_eq!(agency.action(other.id, "cancel").await.status(), 200);
    assert_eq!(agency.register(other.id, "Di", None).await.status(), 422);

    // An event that has started takes no more registrations.
    let started = agency.published(&game_night(None, false)).await;
    let start = Utc::now() - Duration::minutes(5);
    agency
        .app
        .execute_sql(
            "UPDATE events SET starts_at = $1 WHERE id = $2",
            vec![start.into(), started.id.into()],
        )
        .await;
    assert_eq!(agency.register(started.id, "Eve", None).await.status(), 422);

    let db = agency.app.db().await;
    let rows = bookings::Entity::find().count(db.conn()).await.unwrap();
    assert_eq!(rows, 1, "only Ana's registration exists");
    db.close().await;
}

#[tokio::test]
async fn concurrent_registrations_and_cancellations_never_give_a_seat_twice_or_skip_anyone() {
    let agency = agency().await;
    let event = agency.published(&game_night(Some(5), true)).await;

    // 200 at once: exactly 5 seats, everyone else waitlisted in order, no errors.
    let attempts = (0..200).map(|n| {
        let client = new_client();
        let url = agency
            .app
            .url(&format!("/api/events/{}/registrations", event.id));
        let body = json!({"name": format!("Person {n}")});
        async move {
            let response = client.post(url).json(&body).send().await.unwrap();
            let status = response.status();
            let answer: Option<EventRegistration> = response.json().await.ok();
            (status, answer)
        }
    });
    let answers = futures::future::join_all(attempts).await;
    assert!(answers
        .iter()
        .all(|(status, _)| *status == StatusCode::CREATED));
    let answers: Vec<EventRegistration> = answers.into_iter().filter_map(|(_, a)| a).collect();
    let seated: Vec<&EventRegistration> = answers
        .iter()
        .filter(|a| a.status == RegistrationStatus::Registered)
        .collect();
    assert_eq!(seated.len(), 5);
    let mut positions: Vec<u32> = answers.iter().filter_map(|a| a.waitlist_position).collect();
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=195).collect::<Vec<_>>(),
        "one place in line each"
    );

    // All 5 seated cancel while 20 more register: each freed seat goes to whoever was
    // first in line at that moment.
    let cancels = seated.iter().map(|a| {
        let client = new_client();
        let url = agency
            .app
            .url(&format!("/api/bookings/manage/{}/cancel", a.manage_token));
        async move {
            client
                .post(url)
                .json(&json!({}))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let more = (0..20).map(|n| {
        let client = new_client();
        let url = agency
            .app
            .url(&format!("/api/events/{}/registrations", event.id));
        let body = json!({"name": format!("Late {n}")});
        async move { client.post(url).json(&body).send().await.unwrap().status() }
    });
    let (cancelled, late) = futures::join!(
        futures::future::join_all(cancels),
        futures::future::join_all(more)
    );
    assert!(cancelled.iter().all(|s| *s == StatusCode::OK));
    assert!(late.iter().all(|s| *s == StatusCode::CREATED));

    let roster = agency.roster(event.id).await;
    assert_eq!(roster.registered.len(), 5, "still exactly 5 seats taken");
    // The promoted are exactly the first five who waited: nobody skipped.
    let mut by_position: Vec<(u32, String)> = answers
        .iter()
        .filter_map(|a| Some((a.waitlist_position?, a.booking.name.clone())))
        .collect();
    by_position.sort_unstable();
    let mut first_five: Vec<String> = by_position.iter().take(5).map(|(_, n)| n.clone()).collect();
    let mut promoted: Vec<String> = roster.registered.iter().map(|a| a.name.clone()).collect();
    first_five.sort_unstable();
    promoted.sort_unstable();
    assert_eq!(promoted, first_five);
    assert_eq!(roster.waitlist.len(), 190 + 20);

    let db = agency.app.db().await;
    let counter = events::Entity::find_by_id(event.id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .registered;
    assert_eq!(counter, 5, "the counter matches the seats");
    db.close().await;
}

#[tokio::test]
async fn moving_an_event_tells_everyone_with_an_updated_calendar_and_cancelling_tells_all() {
    let smtp = SmtpServer::start();
    let agency = agency_with(TestAppOptions::default().with_smtp(&smtp)).await;
    let event = agency.published(&game_night(Some(1), true)).await;
    let seat = agency
        .registered(event.id, "Ana", Some("ana@example.org"))
        .await;
    agency
        .registered(event.id, "Ben", Some("ben@example.org"))
        .await;

    let mut moved = game_night(Some(1), true);
    moved["start"] = json!(evening(6));
    moved["end"] = json!(evening(6) + Duration::hours(2));
    let response = agency
        .organiser
        .put(agency.app.url(&format!("/api/staff/events/{}", event.id)))
        .json(&moved)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let ana: Booking = agency
        .app
        .get_json(&format!("/api/bookings/manage/{}", seat.manage_token))
        .await;
    assert_eq!(ana.start, evening(6));

    agency.app.run_due_emails(Utc::now()).await;
    // Ana: registered + moved; Ben: waitlisted + moved.
    let received = smtp.wait_for(4).await;
    let calendars: Vec<String> = received
        .iter()
        .filter(|email| email.to == ["ana@example.org"])
        .flat_map(|email| email.attachments())
        .map(|(_, body)| body)
        .collect();
    assert_eq!(
        calendars.len(),
        2,
        "confirmation and move both carry the calendar"
    );
    let uid = |ics: &str| {
        ics.lines()
            .find(|l| l.starts_with("UID:"))
            .unwrap()
            .to_owned()
    };
    assert_eq!(uid(&calendars[0]), uid(&calendars[1]));
    // Mail may arrive in either order; one calendar is the first, one the move.
    let mut sequences: Vec<&str> = calendars
        .iter()
        .filter_map(|ics| ics.lines().find(|l| l.starts_with("SEQUENCE:")))
        .collect();
    sequences.sort_unstable();
    assert_eq!(sequences, ["SEQUENCE:0", "SEQUENCE:1"]);
    let moved_ics = calendars
        .iter()
        .find(|ics| ics.contains("SEQUENCE:1"))
        .unwrap();
    let new_start = evening(6)
        .with_timezone(&Utc)
        .format("%Y%m%dT%H%M%S")
        .to_string();
    assert!(
        moved_ics.contains(&new_start) || {
            let local = evening(6).format("%Y%m%dT%H%M%S").to_string();
            moved_ics.contains(&local)
        },
        "the updated calendar has the new start: {moved_ics}"
    );
    let ben_moved = received
        .iter()
        .find(|email| email.to == ["ben@example.org"] && email.subject().starts_with("New time"))
        .expect("Ben, waiting, is told of the new time too");
    assert!(
        ben_moved.attachments().is_empty(),
        "no calendar entry for a waitlist place"
    );

    assert_eq!(agency.action(event.id, "cancel").await.status(), 200);
    agency.app.run_due_emails(Utc::now()).await;
    let received = smtp.wait_for(6).await;
    for who in ["ana@example.org", "ben@example.org"] {
        assert!(
            received
                .iter()
                .any(|email| email.to == [who] && email.subject().starts_with("Cancelled")),
            "{who} is told of the cancellation"
        );
    }
    let roster = agency.roster(event.id).await;
    assert!(roster.registered.is_empty() && roster.waitlist.is_empty());
    assert!(agency.public_list().await.is_empty());
}

#[tokio::test]
async fn the_agenda_is_public_only_once_released_and_only_if_the_organiser_chose_so() {
    let agency = agency().await;
    let mut body = game_night(None, false);
    body["release_publicly"] = json!(true);
    body["release_hours_before"] = json!(24);
    let event = agency.published(&body).await;
    let detail: EventDetail = agency
        .app
        .get_json(&format!("/api/events/{}", event.id))
        .await;
    assert_eq!(detail.agenda, None, "five days ahead, not released yet");
    assert_eq!(detail.description, "Bring a friend or come alone.");

    body["release_hours_before"] = json!(24 * 6);
    let response = agency
        .organiser
        .put(agency.app.url(&format!("/api/staff/events/{}", event.id)))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let detail: EventDetail = agency
        .app
        .get_json(&format!("/api/events/{}", event.id))
        .await;
    let agenda = detail.agenda.expect("released");
    assert_eq!(agenda[0].title, "Welcome");
    assert_eq!(
        detail.materials.unwrap()[0].url,
        "https://agency.example.org/rules"
    );

    // Registered people get it by email at release time (here: now).
    agency
        .registered(event.id, "Ana", Some("ana@example.org"))
        .await;
    let db = agency.app.db().await;
    let agenda_mail = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("event_agenda"))
        .one(db.conn())
        .await
        .unwrap()
        .expect("an agenda mail");
    assert!(agenda_mail.next_attempt_at <= Utc::now(), "due at once");
    assert!(
        agenda_mail.body_text.contains("18:15  Games"),
        "{}",
        agenda_mail.body_text
    );
    assert!(agenda_mail
        .body_text
        .contains("House rules: https://agency.example.org/rules"));
    db.close().await;
}

#[tokio::test]
async fn a_mentor_cannot_lead_an_event_over_their_booked_office_hours() {
    let agency = agency().await;
    // Jo holds office hours every day, and Sam books one tomorrow.
    let rules: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| json!({"weekday": day, "opens": "09:00", "closes": "21:00", "slot_minutes": 60}))
        .collect();
    let response = agency
        .organiser
        .put(agency.app.url("/api/mentor/office-hours"))
        .json(&json!({"rules": rules, "room": "Quiet room"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let until = Utc::now().date_naive() + Duration::days(90);
    agency
        .admin
        .patch(agency.app.url(&format!(
            "/api/supervision/mentors/{}",
            agency.organiser_mentor_id
        )))
        .json(&json!({"screening_valid_until": until}))
        .send()
        .await
        .unwrap();
    let session_start = evening(2);
    let response = agency
        .app
        .post_json(
            "/api/bookings",
            &json!({"kind": "office_hours", "mentor_id": agency.organiser_mentor_id, "start": session_start, "name": "Sam"}),
        )
        .await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());

    let mut clash = game_night(None, false);
    clash["start"] = json!(session_start - Duration::minutes(30));
    clash["end"] = json!(session_start + Duration::minutes(30));
    let response = agency.create(&clash).await;
    assert_eq!(response.status(), 409);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "mentor_busy");

    // An event Jo leads takes the time out of Jo's office hours.
    let event = agency.published(&game_night(None, false)).await;
    let day = evening(5).date_naive();
    let slots: Vec<shared::SlotAvailability> = agency
        .app
        .get_json(&format!(
            "/api/mentors/{}/slots?from={day}&to={day}",
            agency.organiser_mentor_id
        ))
        .await;
    let (start, end) = (event.input.start, event.input.end);
    assert!(!slots.is_empty());
    assert!(
        slots.iter().all(|s| s.end <= start || s.start >= end),
        "no office hours during the event"
    );
}

#[tokio::test]
async fn only_organisers_change_an_event_and_the_door_counts_check_ins_and_walk_ins() {
    let agency = agency().await;
    let event = agency.published(&game_night(Some(3), false)).await;
    let other_email = "kim@agency.example.org";
    agency
        .app
        .create_staff(other_email, PASSWORD, &[Role::Mentor])
        .await;
    let other = agency.app.signed_in_client(other_email, PASSWORD).await;
    let response = other
        .post(
            agency
                .app
                .url(&format!("/api/staff/events/{}/cancel", event.id)),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let theirs: Vec<StaffEvent> = other
        .get(agency.app.url("/api/staff/events"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty(), "Kim organises nothing");
    let all: Vec<StaffEvent> = agency
        .admin
        .get(agency.app.url("/api/staff/events"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "admins see every event");

    let ana = agency
        .registered(event.id, "Ana", Some("ana@example.org"))
        .await;
    agency.registered(event.id, "Ben", None).await;
    // Whoever is on the door (any staff member) checks Ana in and counts a walk-in.
    let roster: EventRoster = other
        .put(agency.app.url(&format!(
            "/api/staff/events/{}/registrations/{}/check-in",
            event.id, ana.booking.id
        )))
        .json(&json!({"arrived": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(roster.attended, 1);
    let response = other
        .post(
            agency
                .app
                .url(&format!("/api/staff/events/{}/walk-ins", event.id)),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let roster: EventRoster = response.json().await.unwrap();
    assert_eq!((roster.attended, roster.walk_ins), (2, 1));
    let text = serde_json::to_string(&roster).unwrap();
    assert!(!text.contains("ana@example.org"), "no emails at the door");

    // Completing needs the event to have started.
    assert_eq!(agency.action(event.id, "complete").await.status(), 409);
}

/// A lounge space with `capacity` seats open 09:00–21:00 every day in hour slots.
async fn lounge_space(agency: &Agency, capacity: u32) -> i64 {
    let space: shared::AdminSpace = agency
        .admin
        .post(agency.app.url("/api/admin/spaces"))
        .json(&json!({"name": "Main Lounge", "capacity": capacity}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rules: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| json!({"weekday": day, "opens": "09:00", "closes": "21:00", "slot_minutes": 60}))
        .collect();
    let response = agency
        .admin
        .put(agency.app.url(&format!(
            "/api/admin/spaces/{}/opening-hours",
            space.space.id
        )))
        .json(&json!({"rules": rules}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    space.space.id
}

/// The drop-in seats (capacity, available) of the lounge slot starting at `start`, or
/// `None` when it isn't offered.
async fn lounge_seats(
    agency: &Agency,
    space_id: i64,
    start: DateTime<FixedOffset>,
) -> Option<(u32, u32)> {
    let day = start.date_naive();
    let slots: Vec<shared::SlotAvailability> = agency
        .app
        .get_json(&format!("/api/spaces/{space_id}/slots?from={day}&to={day}"))
        .await;
    slots
        .iter()
        .find(|slot| slot.start == start)
        .map(|slot| (slot.capacity, slot.available))
}

fn in_the_lounge(space_id: i64, capacity: u32, lounge_use: &str) -> Value {
    let mut body = game_night(Some(capacity), false);
    body["place"] = Value::Null;
    body["space_id"] = json!(space_id);
    body["lounge_use"] = json!(lounge_use);
    body
}

#[tokio::test]
async fn an_event_in_the_lounge_takes_its_seats_from_drop_in_time_until_it_is_cancelled() {
    let agency = agency().await;
    let space_id = lounge_space(&agency, 5).await;
    let during = evening(5);
    let before = evening(5) - Duration::hours(1);
    assert_eq!(lounge_seats(&agency, space_id, during).await, Some((5, 5)));

    // A draft takes nothing; publishing takes its 3 seats for both of its hours.
    let draft: StaffEvent = agency
        .create(&in_the_lounge(space_id, 3, "shared_seats"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lounge_seats(&agency, space_id, during).await, Some((5, 5)));
    assert_eq!(agency.action(draft.id, "publish").await.status(), 200);
    assert_eq!(lounge_seats(&agency, space_id, during).await, Some((2, 2)));
    assert_eq!(
        lounge_seats(&agency, space_id, during + Duration::hours(1)).await,
        Some((2, 2))
    );
    assert_eq!(lounge_seats(&agency, space_id, before).await, Some((5, 5)));

    // Drop-ins fill the two seats left; the third is refused.
    for name in ["Ana", "Ben"] {
        let response = agency
            .app
            .post_json(
                "/api/bookings",
                &json!({"kind": "lounge", "space_id": space_id, "start": during, "name": name}),
            )
            .await;
        assert_eq!(response.status(), 201);
    }
    let response = agency
        .app
        .post_json(
            "/api/bookings",
            &json!({"kind": "lounge", "space_id": space_id, "start": during, "name": "Cy"}),
        )
        .await;
    assert_eq!(response.status(), 409);

    // More event seats than drop-ins left free is refused, and changes nothing.
    let mut bigger = in_the_lounge(space_id, 4, "shared_seats");
    bigger["title"] = json!("Game night");
    let response = agency
        .organiser
        .put(agency.app.url(&format!("/api/staff/events/{}", draft.id)))
        .json(&bigger)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "lounge_seats_taken");
    assert_eq!(lounge_seats(&agency, space_id, during).await, Some((2, 0)));

    // Cancelling the event gives the seats back.
    assert_eq!(agency.action(draft.id, "cancel").await.status(), 200);
    assert_eq!(lounge_seats(&agency, space_id, during).await, Some((5, 3)));
}

#[tokio::test]
async fn an_event_can_close_the_lounge_cancelling_drop_ins_and_a_move_reopens_the_old_time() {
    let agency = agency().await;
    let space_id = lounge_space(&agency, 5).await;
    let during = evening(5);
    let response = agency
        .app
        .post_json(
            "/api/bookings",
            &json!({"kind": "lounge", "space_id": space_id, "start": during, "name": "Ana", "email": "ana@example.org"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let ana: Booking = response.json().await.unwrap();

    let event = agency
        .published(&in_the_lounge(space_id, 20, "closed"))
        .await;
    assert_eq!(
        lounge_seats(&agency, space_id, during).await,
        None,
        "closed to drop-ins"
    );
    let ana: Booking = agency
        .app
        .get_json(&format!(
            "/api/bookings/manage/{}",
            ana.manage_token.unwrap()
        ))
        .await;
    assert_eq!(ana.status, BookingStatus::Cancelled);
    let mail = agency.mail().await;
    assert!(
        mail.iter()
            .any(|(kind, to)| kind.contains("cancel") && to == "ana@example.org"),
        "Ana is told: {mail:?}"
    );

    // Moved a day later: the old evening opens again, the new one closes.
    let mut moved = in_the_lounge(space_id, 20, "closed");
    moved["start"] = json!(evening(6));
    moved["end"] = json!(evening(6) + Duration::hours(2));
    let response = agency
        .organiser
        .put(agency.app.url(&format!("/api/staff/events/{}", event.id)))
        .json(&moved)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(lounge_seats(&agency, space_id, during).await, Some((5, 5)));
    assert_eq!(lounge_seats(&agency, space_id, evening(6)).await, None);
}

#[tokio::test]
async fn organisers_upload_pdf_or_image_materials_within_limits_served_by_an_unguessable_link() {
    let agency = agency().await;
    let mut body = game_night(None, false);
    body["release_publicly"] = json!(true);
    body["release_hours_before"] = json!(24 * 6);
    let event = agency.published(&body).await;
    let upload = |content_type: &'static str, bytes: Vec<u8>, title: &'static str| {
        let url = agency.app.url(&format!(
            "/api/staff/events/{}/files?title={}",
            event.id,
            title.replace(' ', "%20")
        ));
        let client = agency.organiser.clone();
        async move {
            client
                .put(url)
                .header("content-type", content_type)
                .body(bytes)
                .send()
                .await
                .unwrap()
        }
    };
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec();

    // Wrong kinds and sizes are refused and change nothing.
    let text = upload("text/plain", b"hello".to_vec(), "Notes").await;
    assert_eq!(text.status(), 415);
    let disguised = upload("image/png", pdf.clone(), "Handout").await;
    assert_eq!(disguised.status(), 415);
    let mut huge = pdf.clone();
    huge.resize(10 * 1024 * 1024 + 10, b' ');
    assert_eq!(upload("application/pdf", huge, "Huge").await.status(), 413);
    let untitled = upload("application/pdf", pdf.clone(), " ").await;
    assert_eq!(untitled.status(), 422);

    let response = upload("application/pdf", pdf.clone(), "Workshop handout").await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let updated: StaffEvent = response.json().await.unwrap();
    assert_eq!(updated.files.len(), 1);
    let file = &updated.files[0];
    assert_eq!(
        (file.title.as_str(), file.content_type.as_str()),
        ("Workshop handout", "application/pdf")
    );

    let path = file
        .url
        .split_once("/api/")
        .map(|(_, p)| format!("/api/{p}"))
        .unwrap();
    let served = agency.app.get(&path).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "application/pdf");
    assert!(served.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("sandbox"));
    assert_eq!(served.bytes().await.unwrap().to_vec(), pdf);
    assert_eq!(
        agency.app.get("/api/event-files/0123abcd").await.status(),
        404
    );

    // Released publicly: the page lists the file with the links.
    let detail: EventDetail = agency
        .app
        .get_json(&format!("/api/events/{}", event.id))
        .await;
    let materials = detail.materials.unwrap();
    assert!(materials
        .iter()
        .any(|m| m.url == file.url && m.title == "Workshop handout"));

    // Someone who doesn't organise it can't add or remove files.
    agency
        .app
        .create_staff("kim@agency.example.org", PASSWORD, &[Role::Mentor])
        .await;
    let kim = agency
        .app
        .signed_in_client("kim@agency.example.org", PASSWORD)
        .await;
    let response = kim
        .delete(
            agency
                .app
                .url(&format!("/api/staff/events/{}/files/{}", event.id, file.id)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = agency
        .organiser
        .delete(
            agency
                .app
                .url(&format!("/api/staff/events/{}/files/{}", event.id, file.id)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        agency.app.get(&path).await.status(),
        404,
        "a removed file is gone"
    );

    // Uploads at the same moment never take an event past its ten files.
    let racing = (0..14).map(|_| upload("application/pdf", pdf.clone(), "Handout"));
    let statuses: Vec<u16> = futures::future::join_all(racing)
        .await
        .iter()
        .map(|response| response.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        4,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn young_people_ask_the_contact_through_the_agency_who_never_sees_their_address() {
    let agency = agency().await;
    let event = agency.published(&game_night(Some(10), false)).await;
    let ask = |body: Value| {
        let path = format!("/api/events/{}/questions", event.id);
        let app = &agency.app;
        async move { app.post_json(&path, &body).await }
    };
    // Bad input changes nothing.
    assert_eq!(
        ask(json!({"name": "Sam", "message": " "})).await.status(),
        422
    );
    assert_eq!(
        ask(json!({"name": "Sam", "email": "nope", "message": "Hi"}))
            .await
            .status(),
        422
    );
    let too_long = "a".repeat(1001);
    assert_eq!(
        ask(json!({"name": "Sam", "message": too_long}))
            .await
            .status(),
        422
    );

    let response = ask(
        json!({"name": "Sam", "email": "sam@example.org", "message": "Is there food for vegans?"}),
    )
    .await;
    assert_eq!(response.status(), 204);
    let response = ask(json!({"name": "Lee", "message": "Can I bring my little brother?"})).await;
    assert_eq!(response.status(), 204);

    // Jo (the contact) is emailed the question, without Sam's address.
    let db = agency.app.db().await;
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("event_question"))
        .all(db.conn())
        .await
        .unwrap();
    db.close().await;
    assert_eq!(mails.len(), 2);
    assert!(mails.iter().all(|m| m.recipient == "jo@agency.example.org"));
    assert!(mails
        .iter()
        .all(|m| !m.body_text.contains("sam@example.org")));
    assert!(mails[0].body_text.contains("Is there food for vegans?"));

    let listed: Vec<shared::EventQuestion> = agency
        .organiser
        .get(
            agency
                .app
                .url(&format!("/api/staff/events/{}/questions", event.id)),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    let raw = serde_json::to_string(&listed).unwrap();
    assert!(
        !raw.contains("sam@example.org"),
        "no address in the console"
    );
    let (lee, sam) = (&listed[0], &listed[1]);
    assert!(sam.can_reply && !lee.can_reply);

    let reply = |id: i64, message: &'static str| {
        let url = agency.app.url(&format!(
            "/api/staff/events/{}/questions/{id}/reply",
            event.id
        ));
        let client = agency.organiser.clone();
        async move {
            client
                .post(url)
                .json(&json!({"message": message}))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        reply(lee.id, "Yes!").await.status(),
        409,
        "Lee left no address"
    );
    let response = reply(sam.id, "Yes, there's a vegan pizza.").await;
    assert_eq!(response.status(), 200);
    let answered: shared::EventQuestion = response.json().await.unwrap();
    assert!(answered.answered);
    let db = agency.app.db().await;
    let answer = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("event_answer"))
        .one(db.conn())
        .await
        .unwrap()
        .expect("the answer is on its way");
    db.close().await;
    assert_eq!(answer.recipient, "sam@example.org");
    assert!(answer.body_text.contains("Yes, there's a vegan pizza."));
    assert!(
        !answer.body_text.contains("jo@agency.example.org"),
        "no staff address either"
    );

    // Drafts take no questions.
    let draft: StaffEvent = agency
        .create(&game_night(None, false))
        .await
        .json()
        .await
        .unwrap();
    let response = agency
        .app
        .post_json(
            &format!("/api/events/{}/questions", draft.id),
            &json!({"name": "Sam", "message": "Hi"}),
        )
        .await;
    assert_eq!(response.status(), 404);
}

/// Every email an event sends a young person, received by a real SMTP server and parsed:
/// a text and an HTML part, and a calendar file (with the event's UID and times) exactly
/// when they hold a seat.
#[tokio::test]
async fn every_event_email_arrives_with_text_html_and_the_right_calendar() {
    let smtp = SmtpServer::start();
    let agency = agency_with(TestAppOptions::default().with_smtp(&smtp)).await;
    let mut body = game_night(Some(1), true);
    body["release_hours_before"] = json!(24 * 6);
    let event = agency.published(&body).await;
    let ana = agency
        .registered(event.id, "Ana", Some("ana@example.org"))
        .await;
    agency
        .registered(event.id, "Ben", Some("ben@example.org"))
        .await;
    // Ana cancels (told so; her agenda mail, not sent yet, goes), Ben is promoted (told
    // so, with the agenda: released already).
    agency.cancel_registration(&ana.manage_token).await;
    agency.app.run_due_emails(Utc::now()).await;
    let received = smtp.wait_for(5).await;

    let to = |who: &str| -> Vec<&tests::smtp::ReceivedEmail> {
        received.iter().filter(|e| e.to == [who]).collect()
    };
    for email in &received {
        assert!(!email.text().is_empty(), "a text part: {}", email.subject());
        assert!(
            email.html().contains("<p>"),
            "an HTML part: {}",
            email.subject()
        );
        assert!(!email.text().contains("<p>"));
    }
    let subjects = |list: &[&tests::smtp::ReceivedEmail]| {
        let mut subjects: Vec<String> = list.iter().map(|e| e.subject()).collect();
        subjects.sort();
        subjects
    };
    let ana_mail = to("ana@example.org");
    let ben_mail = to("ben@example.org");
    assert_eq!(
        subjects(&ana_mail),
        [
            format!("You're in! Game night, {}", human(evening(5))),
            format!(
                "You've cancelled: Game night, Community hall, room 2, {}",
                human(evening(5))
            ),
        ]
    );
    assert_eq!(ben_mail.len(), 3, "{:?}", subjects(&ben_mail));
    assert!(subjects(&ben_mail)
        .iter()
        .any(|s| s.starts_with("You're on the waitlist")));
    assert!(subjects(&ben_mail)
        .iter()
        .any(|s| s.starts_with("A spot opened up")));

    // Calendars: only with a seat; Ana's cancellation cancels the same event.
    let calendar = |email: &tests::smtp::ReceivedEmail| {
        email
            .attachments()
            .into_iter()
            .find(|(kind, _)| kind == "text/calendar")
            .map(|(_, ics)| ics)
    };
    let start_line = format!(
        "DTSTART;TZID=America/New_York:{}",
        evening(5).format("%Y%m%dT%H%M%S")
    );
    // A line of the VEVENT (the VTIMEZONE before it has DTSTARTs of its own).
    let field = |ics: &str, name: &str| {
        ics.lines()
            .skip_while(|l| *l != "BEGIN:VEVENT")
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_owned()
    };
    let ana_confirmation = ana_mail
        .iter()
        .find(|e| e.subject().starts_with("You're in"))
        .and_then(|e| calendar(e))
        .expect("the confirmation carries the calendar");
    let ana_cancelled = ana_mail
        .iter()
        .find(|e| e.subject().starts_with("You've cancelled"))
        .and_then(|e| calendar(e))
        .expect("the cancellation carries the calendar");
    assert_eq!(field(&ana_confirmation, "DTSTART"), start_line);
    assert_eq!(
        field(&ana_confirmation, "UID"),
        field(&ana_cancelled, "UID")
    );
    assert!(ana_cancelled.contains("STATUS:CANCELLED"));
    assert!(!ana_confirmation.contains("ATTENDEE") && !ana_confirmation.contains("ben@"));
    let ben_waitlisted = ben_mail
        .iter()
        .find(|e| e.subject().starts_with("You're on the waitlist"))
        .unwrap();
    assert!(
        calendar(ben_waitlisted).is_none(),
        "no calendar for a place in line"
    );
    assert!(ben_waitlisted.text().contains("number 1 in line"));
    let ben_promoted = ben_mail
        .iter()
        .find(|e| e.subject().starts_with("A spot opened up"))
        .and_then(|e| calendar(e))
        .expect("the promotion carries the calendar");
    assert_eq!(field(&ben_promoted, "DTSTART"), start_line);
    let agenda = ben_mail
        .iter()
        .find(|e| e.subject().starts_with("Get ready"))
        .expect("Ben, now with a seat, gets the agenda");
    assert!(agenda.text().contains("18:00  Welcome (led by Robin)"));
    assert!(agenda.html().contains("https://agency.example.org/rules"));
}

/// How emails write a time: "Tuesday 12 March, 6:00 pm".
fn human(at: DateTime<FixedOffset>) -> String {
    format!("{}, {}", at.format("%A %-d %B"), at.format("%-I:%M %P"))
}

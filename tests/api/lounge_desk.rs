//! The lounge on the day: the day sheet, walk-ins sharing seats with bookings, attendance.

use chrono::{Duration, Timelike, Utc};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use shared::{Booking, DaySheet, DaySheetSlot, Role, SlotAvailability};
use tests::{TestApp, TestAppOptions};

const ADMIN_EMAIL: &str = "admin@agency.example.org";
const PASSWORD: &str = "a long and lovely passphrase";

struct Desk {
    app: TestApp,
    admin: Client,
    space_id: i64,
}

/// A lounge of 3 seats with slots covering the whole day, bookable up to the last minute.
async fn desk() -> Desk {
    let zone = chrono_tz::America::New_York;
    if Utc::now().with_timezone(&zone).hour() == 23
        && Utc::now().with_timezone(&zone).minute() == 59
    {
        // The one minute a day no slot covers.
        tokio::time::sleep(std::time::Duration::from_secs(61)).await;
    }
    let app = TestApp::spawn_with(
        TestAppOptions::default()
            .set("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .set("PEERLOUNGE_ADMIN_PASSWORD", PASSWORD),
    )
    .await;
    let admin = app.signed_in_client(ADMIN_EMAIL, PASSWORD).await;
    let space: Value = admin
        .post(app.url("/api/admin/spaces"))
        .json(&json!({"name": "The Lounge", "capacity": 3}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let space_id = space["id"].as_i64().unwrap();
    let mut rules = Vec::new();
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        rules
            .push(json!({"weekday": day, "opens": "00:00", "closes": "23:30", "slot_minutes": 30}));
        rules
            .push(json!({"weekday": day, "opens": "23:30", "closes": "23:59", "slot_minutes": 29}));
    }
    let response = admin
        .put(app.url(&format!("/api/admin/spaces/{space_id}/opening-hours")))
        .json(&json!({"rules": rules}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let response = admin
        .patch(app.url(&format!("/api/admin/spaces/{space_id}")))
        .json(&json!({"min_notice_minutes": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    Desk {
        app,
        admin,
        space_id,
    }
}

impl Desk {
    async fn day(&self) -> DaySheet {
        self.admin
            .get(
                self.app
                    .url(&format!("/api/admin/spaces/{}/day", self.space_id)),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn walk_ins(&self, delta: i32) -> reqwest::Response {
        self.admin
            .post(
                self.app
                    .url(&format!("/api/admin/spaces/{}/walk-ins", self.space_id)),
            )
            .json(&json!({"delta": delta}))
            .send()
            .await
            .unwrap()
    }

    /// The first slot still bookable (it starts within half an hour).
    async fn next_slot(&self) -> SlotAvailability {
        let today = Utc::now().date_naive();
        let slots: Vec<SlotAvailability> = self
            .app
            .get_json(&format!(
                "/api/spaces/{}/slots?from={}&to={}",
                self.space_id,
                today - Duration::days(1),
                today + Duration::days(1)
            ))
            .await;
        slots.into_iter().next().expect("a bookable slot")
    }
}

#[tokio::test]
async fn the_day_sheet_lists_names_only() {
    let desk = desk().await;
    let slot = desk.next_slot().await;
    let response = desk
        .app
        .post_json(
            "/api/bookings",
            &json!({"kind": "lounge", "space_id": desk.space_id, "start": slot.start, "name": "Ana", "email": "ana@example.org"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let sheet_text = desk
        .admin
        .get(desk.app.url(&format!(
            "/api/admin/spaces/{}/day?date={}",
            desk.space_id,
            slot.start.date_naive()
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(sheet_text.contains("Ana"));
    assert!(
        !sheet_text.contains("ana@example.org"),
        "no emails on the day sheet"
    );
    let sheet: DaySheet = serde_json::from_str(&sheet_text).unwrap();
    let row = sheet.slots.iter().find(|s| s.start == slot.start).unwrap();
    assert_eq!(
        (
            row.booked,
            row.bookings.len(),
            row.bookings[0].name.as_str()
        ),
        (1, 1, "Ana")
    );
}

#[tokio::test]
async fn walk_ins_take_seats_from_the_live_count() {
    let desk = desk().await;
    let response = desk.walk_ins(2).await;
    assert_eq!(response.status(), 200);
    let slot: DaySheetSlot = response.json().await.unwrap();
    assert_eq!(slot.walk_ins, 2);

    let now: Value = desk
        .app
        .get_json(&format!("/api/spaces/{}/now", desk.space_id))
        .await;
    assert_eq!(
        (now["open"].as_bool(), now["seats_free"].as_u64()),
        (Some(true), Some(1))
    );

    let (status, code) = {
        let response = desk.walk_ins(2).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        (status, body["error"]["code"].clone())
    };
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, Some("slot_full")),
        "capacity holds"
    );
    assert_eq!(desk.walk_ins(-3).await.status(), 422, "not below zero");
    assert_eq!(desk.walk_ins(0).await.status(), 422);
    assert_eq!(desk.walk_ins(-1).await.status(), 200);
    let sheet = desk.day().await;
    let current = sheet.slots.iter().find(|s| s.walk_ins > 0).unwrap();
    assert_eq!(current.walk_ins, 1);
}

#[tokio::test]
async fn a_booking_counts_walk_ins_already_in_its_slot() {
    let desk = desk().await;
    let slot = desk.next_slot().await;
    let book = |name: &'static str| {
        let app = &desk.app;
        let body =
            json!({"kind": "lounge", "space_id": desk.space_id, "start": slot.start, "name": name});
        async move { app.post_json("/api/bookings", &body).await.status() }
    };
    assert_eq!(book("A").await, 201);
    // Two people walked in for that slot (as staff would count once it runs).
    desk.app
        .execute_sql(
            "UPDATE slot_seats SET walk_ins = 2 WHERE starts_at = $1",
            vec![slot.start.with_timezone(&Utc).into()],
        )
        .await;
    assert_eq!(book("B").await, 409, "1 booked + 2 walk-ins fill 3 seats");
    let today = Utc::now().date_naive();
    let listed: Vec<SlotAvailability> = desk
        .app
        .get_json(&format!(
            "/api/spaces/{}/slots?from={}&to={}",
            desk.space_id,
            today - Duration::days(1),
            today + Duration::days(1)
        ))
        .await;
    let listed = listed.into_iter().find(|s| s.start == slot.start).unwrap();
    assert_eq!((listed.booked, listed.available), (1, 0));
}

async fn start_booking_in_the_past(app: &TestApp, id: i64) {
    app.execute_sql(
        "UPDATE bookings SET starts_at = $1 WHERE id = $2",
        vec![(Utc::now() - Duration::minutes(10)).into(), id.into()],
    )
    .await;
}

#[tokio::test]
async fn staff_check_people_in_and_note_who_didnt_make_it() {
    let desk = desk().await;
    let slot = desk.next_slot().await;
    let booking: Booking = desk
        .app
        .post_json(
            "/api/bookings",
            &json!({"kind": "lounge", "space_id": desk.space_id, "start": slot.start, "name": "Sam"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let mark = |what: &'static str| {
        let client = &desk.admin;
        let url = desk
            .app
            .url(&format!("/api/admin/bookings/{}/{what}", booking.id));
        async move { client.post(url).json(&json!({})).send().await.unwrap() }
    };
    if slot.start.with_timezone(&Utc) > Utc::now() {
        assert_eq!(
            mark("didnt-make-it").await.status(),
            409,
            "not before the start"
        );
    }
    let response = mark("check-in").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap(), "attended");

    start_booking_in_the_past(&desk.app, booking.id).await;
    let response = mark("didnt-make-it").await;
    assert_eq!(response.status(), 200, "a correction");
    assert_eq!(response.json::<Value>().await.unwrap(), "didnt_make_it");

    // The young person's own view never says "no-show".
    let seen = desk
        .app
        .get(&format!(
            "/api/bookings/manage/{}",
            booking.manage_token.unwrap()
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(seen.contains("didnt_make_it") && !seen.contains("no_show"));

    assert_eq!(
        desk.admin
            .post(desk.app.url("/api/admin/bookings/999999/check-in"))
            .json(&json!({}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn a_cancelled_booking_cannot_be_checked_in() {
    let desk = desk().await;
    let slot = desk.next_slot().await;
    let booking: Booking = desk
        .app
        .post_json(
            "/api/bookings",
            &json!({"kind": "lounge", "space_id": desk.space_id, "start": slot.start, "name": "Sam"}),
        )
        .await
        .json()
        .await
        .unwrap();
    desk.app
        .post_json(
            &format!(
                "/api/bookings/manage/{}/cancel",
                booking.manage_token.unwrap()
            ),
            &json!({}),
        )
        .await;
    let response = desk
        .admin
        .post(
            desk.app
                .url(&format!("/api/admin/bookings/{}/check-in", booking.id)),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
}

#[tokio::test]
async fn mentors_on_duty_see_the_day_sheet_and_facilities_staff_do_not() {
    let desk = desk().await;
    desk.app
        .create_staff("mentor@agency.example.org", PASSWORD, &[Role::Mentor])
        .await;
    desk.app
        .create_staff("fac@agency.example.org", PASSWORD, &[Role::Facilities])
        .await;
    let path = format!("/api/admin/spaces/{}/day", desk.space_id);
    let mentor = desk
        .app
        .signed_in_client("mentor@agency.example.org", PASSWORD)
        .await;
    assert_eq!(
        mentor
            .get(desk.app.url(&path))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let facilities = desk
        .app
        .signed_in_client("fac@agency.example.org", PASSWORD)
        .await;
    assert_eq!(
        facilities
            .get(desk.app.url(&path))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

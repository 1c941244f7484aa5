//! Donors, donations, thank-you letters, and the public wishlist with its pledges.

use backend::entities::{donations, donors, items, outbox, pledges, wishes};
use chrono::{Duration, Utc};
use reqwest::Client;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use shared::{
    Donation, DonorDetail, Item, ItemCategory, Page, PledgeReceipt, PublicWish, Role, Wish,
};
use tests::{new_client, smtp::SmtpServer, TestApp, TestAppOptions};

const PASSWORD: &str = "a long and lovely passphrase";

struct Facilities {
    app: TestApp,
    staff: Client,
}

async fn facilities_with(options: TestAppOptions) -> Facilities {
    let app =
        TestApp::spawn_with(options.set("PEERLOUNGE_AGENCY_NAME", "Northside Youth Services"))
            .await;
    app.create_staff("fix@agency.example.org", PASSWORD, &[Role::Facilities])
        .await;
    app.create_staff("stock@agency.example.org", PASSWORD, &[Role::Facilities])
        .await;
    let staff = app
        .signed_in_client("fix@agency.example.org", PASSWORD)
        .await;
    Facilities { app, staff }
}

async fn facilities() -> Facilities {
    facilities_with(TestAppOptions::default()).await
}

/// How many rows the donation tables hold: donors, donations, items, pledges.
#[derive(Debug, PartialEq, Eq)]
struct Counts(u64, u64, u64, u64);

impl Facilities {
    async fn send(&self, method: reqwest::Method, path: &str, body: &Value) -> reqwest::Response {
        self.staff
            .request(method, self.app.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, body).await
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.staff.get(self.app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.unwrap()
    }

    async fn category(&self, name: &str) -> i64 {
        let categories: Vec<ItemCategory> = self.get("/api/facilities/categories").await;
        categories
            .into_iter()
            .find(|c| c.name == name)
            .map(|c| c.id)
            .unwrap_or_else(|| panic!("no category {name}"))
    }

    async fn donate(&self, body: &Value) -> Donation {
        let response = self.post("/api/facilities/donations", body).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    async fn counts(&self) -> Counts {
        let db = self.app.db().await;
        let conn = db.conn();
        let counts = Counts(
            donors::Entity::find().count(conn).await.unwrap(),
            donations::Entity::find().count(conn).await.unwrap(),
            items::Entity::find().count(conn).await.unwrap(),
            pledges::Entity::find().count(conn).await.unwrap(),
        );
        db.close().await;
        counts
    }

    async fn outbox(&self, kind: &str) -> Vec<outbox::Model> {
        let db = self.app.db().await;
        let rows = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq(kind))
            .all(db.conn())
            .await
            .unwrap();
        db.close().await;
        rows
    }

    async fn wish(&self, name: &str, quantity: i64) -> Wish {
        let response = self
            .post(
                "/api/facilities/wishlist",
                &json!({"name": name, "quantity": quantity, "priority": "high", "note": "any colour"}),
            )
            .await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }
}

fn agency_today() -> chrono::NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::America::New_York)
        .date_naive()
}

fn new_donor() -> Value {
    json!({
        "kind": "business",
        "name": "Hollow Oak Furniture",
        "contact_person": "Dana Reyes",
        "email": "dana@hollowoak.example.com",
        "phone": "555-0100",
        "address": "12 Mill Road\nSpringfield",
        "public_thanks": true,
    })
}

fn two_items(seating: i64, games: i64) -> Value {
    json!([
        {
            "name": "Sofa", "category_id": seating, "quantity": 3, "unit": "",
            "condition": "good", "status": "in_storage", "storage_place": "Basement store",
            "estimated_value_cents": 123_456,
        },
        {
            "name": "Board games", "category_id": games, "quantity": 12, "unit": "boxes",
            "condition": "new", "status": "in_use", "storage_place": "Games shelf",
        },
    ])
}

#[tokio::test]
async fn a_donation_from_a_new_donor_saves_the_donor_the_donation_and_its_items_together() {
    let f = facilities().await;
    let (seating, games) = (f.category("Seating").await, f.category("Games").await);
    let received_on = agency_today() - Duration::days(1);
    let donation = f
        .donate(&json!({
            "new_donor": new_donor(),
            "received_on": received_on,
            "method": "delivery",
            "items": two_items(seating, games),
        }))
        .await;
    assert_eq!(donation.donor_name, "Hollow Oak Furniture");
    assert_eq!(donation.items.len(), 2);
    for item in &donation.items {
        assert_eq!(
            item.received_on, received_on,
            "items take the donation's date"
        );
        assert_eq!(item.donation.as_ref().unwrap().id, donation.id);
    }
    assert_eq!(f.counts().await, Counts(1, 1, 2, 0));

    // The inventory filters by donor, and the donor's page lists the gift.
    let by_donor: Page<Item> = f
        .get(&format!(
            "/api/facilities/items?donor_id={}",
            donation.donor_id
        ))
        .await;
    assert_eq!(by_donor.total, 2);
    let other: Page<Item> = f.get("/api/facilities/items?donor_id=99999").await;
    assert_eq!(other.total, 0);
    let detail: DonorDetail = f
        .get(&format!("/api/facilities/donors/{}", donation.donor_id))
        .await;
    assert_eq!(detail.donor.donations, 1);
    assert_eq!(detail.donor.last_gave_on, Some(received_on));
    assert_eq!(detail.donation_list[0].items.len(), 2);

    // A second donation from the now-known donor.
    let again = f
        .donate(&json!({
            "donor_id": donation.donor_id,
            "received_on": agency_today(),
            "method": "drop_off",
            "items": [],
        }))
        .await;
    assert_eq!(again.donor_id, donation.donor_id);
    assert_eq!(f.counts().await, Counts(1, 2, 2, 0));
}

#[tokio::test]
async fn a_donation_with_one_bad_item_saves_nothing_at_all() {
    let f = facilities().await;
    let (seating, games) = (f.category("Seating").await, f.category("Games").await);
    let mut items = two_items(seating, games);
    items[1]["quantity"] = json!(-2);
    items[1]["category_id"] = json!(99_999);
    let mut donor = new_donor();
    donor["email"] = json!("not an address");
    let response = f
        .post(
            "/api/facilities/donations",
            &json!({
                "new_donor": donor,
                "received_on": agency_today(),
                "method": "pickup",
                "items": items,
            }),
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    for field in [
        "items[1].quantity",
        "items[1].category_id",
        "new_donor.email",
    ] {
        assert!(
            error["error"]["fields"][field].is_array(),
            "{field}: {error}"
        );
    }
    assert!(
        error["error"]["fields"]["items[0].name"].is_null(),
        "{error}"
    );
    assert_eq!(f.counts().await, Counts(0, 0, 0, 0));

    // Unknown donor, a future date, grant details on a business: nothing saved either.
    let response = f
        .post(
            "/api/facilities/donations",
            &json!({
                "donor_id": 4242,
                "received_on": agency_today() + Duration::days(3),
                "method": "pickup",
                "items": two_items(seating, games),
            }),
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    for field in ["donor_id", "received_on"] {
        assert!(
            error["error"]["fields"][field].is_array(),
            "{field}: {error}"
        );
    }
    let response = f
        .post(
            "/api/facilities/donations",
            &json!({
                "new_donor": new_donor(),
                "received_on": agency_today(),
                "method": "pickup",
                "grant": {"name": "Spring", "amount_cents": 100, "period_start": "2027-01-01", "period_end": "2027-12-31"},
            }),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(f.counts().await, Counts(0, 0, 0, 0));
}

#[tokio::test]
async fn grants_carry_their_name_amount_and_period() {
    let f = facilities().await;
    let mut funder = new_donor();
    funder["kind"] = json!("grant");
    funder["name"] = json!("Riverside Community Foundation");
    let grant = |end: &str| {
        json!({
            "new_donor": funder.clone(),
            "received_on": agency_today(),
            "method": "delivery",
            "grant": {"name": "Safe Spaces Fund", "amount_cents": 250_000, "period_start": "2027-01-01", "period_end": end},
        })
    };
    let response = f
        .post("/api/facilities/donations", &grant("2026-12-31"))
        .await;
    assert_eq!(response.status(), 422, "the period ends before it starts");
    let donation = f.donate(&grant("2027-12-31")).await;
    let saved = donation.grant.expect("grant details");
    assert_eq!(saved.name, "Safe Spaces Fund");
    assert_eq!(saved.amount_cents, 250_000);

    f.send(
        reqwest::Method::PUT,
        "/api/facilities/letterhead",
        &json!({"currency_symbol": "$"}),
    )
    .await;
    let letter = f
        .staff
        .get(
            f.app
                .url(&format!("/api/facilities/donations/{}/letter", donation.id)),
        )
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(letter.contains("$2,500.00"), "{letter}");
    assert!(letter.contains("Safe Spaces Fund"), "{letter}");
}

#[tokio::test]
async fn the_thank_you_letter_describes_the_gift_without_a_value_and_is_emailed_to_the_donor() {
    let smtp = SmtpServer::start();
    let f = facilities_with(TestAppOptions::default().with_smtp(&smtp)).await;
    let (seating, games) = (f.category("Seating").await, f.category("Games").await);
    let response = f
        .send(
            reqwest::Method::PUT,
            "/api/facilities/letterhead",
            &json!({
                "address": "1 Harbour Street\nSpringfield",
                "email": "hello@northside.example.org",
                "tax_id": "12-3456789",
                "signer_name": "Jordan Lee",
                "signer_title": "Facilities Coordinator",
            }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let donation = f
        .donate(&json!({
            "new_donor": new_donor(),
            "received_on": "2026-11-02",
            "method": "delivery",
            "items": two_items(seating, games),
        }))
        .await;

    let response = f
        .staff
        .get(
            f.app
                .url(&format!("/api/facilities/donations/{}/letter", donation.id)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let letter = response.text().await.unwrap();
    for expected in [
        "Northside Youth Services",
        "1 Harbour Street",
        "12-3456789",
        "Hollow Oak Furniture",
        "Dear Dana Reyes",
        "2 November 2026",
        "3 × Sofa (good condition)",
        "12 boxes of Board games (new)",
        "No goods or services were provided in exchange for this contribution.",
        "Jordan Lee",
        "/api/letter.css",
    ] {
        assert!(letter.contains(expected), "missing {expected}: {letter}");
    }
    assert!(
        !letter.contains("1,234.56") && !letter.contains("1234.56"),
        "a letter never values the gift"
    );
    let css = f.app.get("/api/letter.css").await;
    assert_eq!(css.status(), 200);
    assert!(css.text().await.unwrap().contains("@media print"));

    let response = f
        .post(
            &format!("/api/facilities/donations/{}/letter/email", donation.id),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let emailed: Donation = response.json().await.unwrap();
    assert!(emailed.letter_emailed_at.is_some());
    f.app.run_due_emails(Utc::now()).await;
    let received = smtp.wait_for(1).await;
    let letter_mail = received
        .iter()
        .find(|mail| mail.to.iter().any(|to| to == "dana@hollowoak.example.com"))
        .expect("the letter reaches the donor");
    let text = letter_mail.text();
    assert!(text.contains("3 × Sofa (good condition)"), "{text}");
    assert!(
        text.contains("No goods or services were provided"),
        "{text}"
    );
    assert!(letter_mail.html().contains("12 boxes of Board games"));

    // A donor without an email: a clear 422, nothing queued.
    let mut quiet = new_donor();
    quiet["email"] = json!("");
    quiet["name"] = json!("Anonymous neighbour");
    quiet["kind"] = json!("individual");
    let other = f
        .donate(&json!({"new_donor": quiet, "received_on": agency_today(), "method": "drop_off", "items": []}))
        .await;
    let response = f
        .post(
            &format!("/api/facilities/donations/{}/letter/email", other.id),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "donor_has_no_email");
    assert_eq!(f.outbox("donation_letter").await.len(), 1);
}

#[tokio::test]
async fn a_donor_page_says_where_each_gift_is_now_and_the_impact_note_is_emailed() {
    let f = facilities().await;
    let (seating, games) = (f.category("Seating").await, f.category("Games").await);
    let donation = f
        .donate(&json!({
            "new_donor": new_donor(),
            "received_on": agency_today(),
            "method": "delivery",
            "items": two_items(seating, games),
        }))
        .await;
    let sofa = donation.items.iter().find(|i| i.name == "Sofa").unwrap();
    let response = f
        .send(
            reqwest::Method::PATCH,
            &format!("/api/facilities/items/{}", sofa.id),
            &json!({"status": "in_use", "location": {"storage_place": "Main Lounge"}, "reason": "set up"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let detail: DonorDetail = f
        .get(&format!("/api/facilities/donors/{}", donation.donor_id))
        .await;
    let lines: Vec<&str> = detail.impact.iter().map(|l| l.text.as_str()).collect();
    assert!(
        lines.contains(&"3 × Sofa — in use in Main Lounge"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"12 boxes of Board games — in use in Games shelf"),
        "{lines:?}"
    );
    assert!(detail
        .impact_note_draft
        .contains("3 × Sofa — in use in Main Lounge"));
    assert!(detail.impact_note_draft.starts_with("Dear Dana Reyes"));

    let path = format!("/api/facilities/donors/{}/impact-note", donation.donor_id);
    let response = f.post(&path, &json!({"text": "  "})).await;
    assert_eq!(response.status(), 422);
    let response = f
        .post(&path, &json!({"text": detail.impact_note_draft}))
        .await;
    assert_eq!(response.status(), 202);
    let notes = f.outbox("impact_note").await;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].recipient, "dana@hollowoak.example.com");
}

#[tokio::test]
async fn donors_are_checked_searched_and_changed() {
    let f = facilities().await;
    let response = f
        .post(
            "/api/facilities/donors",
            &json!({"kind": "nonprofit", "name": "", "email": "nope"}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    for field in ["name", "email"] {
        assert!(
            error["error"]["fields"][field].is_array(),
            "{field}: {error}"
        );
    }
    let response = f
        .post(
            "/api/facilities/donors",
            &json!({"kind": "what", "name": "Someone"}),
        )
        .await;
    assert!(response.status().is_client_error());
    assert_eq!(f.counts().await, Counts(0, 0, 0, 0));

    let response = f.post("/api/facilities/donors", &new_donor()).await;
    assert_eq!(response.status(), 201);
    let donor: shared::Donor = response.json().await.unwrap();
    let found: Vec<shared::Donor> = f.get("/api/facilities/donors?q=dana").await;
    assert_eq!(found.len(), 1);
    let none: Vec<shared::Donor> = f.get("/api/facilities/donors?q=zebra").await;
    assert!(none.is_empty());
    let mut changed = new_donor();
    changed["public_thanks"] = json!(false);
    changed["notes"] = json!("Prefers phone calls");
    let response = f
        .send(
            reqwest::Method::PUT,
            &format!("/api/facilities/donors/{}", donor.id),
            &changed,
        )
        .await;
    assert_eq!(response.status(), 200);
    let updated: shared::Donor = response.json().await.unwrap();
    assert!(!updated.details.public_thanks);
    assert_eq!(updated.details.notes, "Prefers phone calls");
}

#[tokio::test]
async fn the_public_wishlist_shows_what_is_needed_and_never_who_pledged() {
    let f = facilities().await;
    let beanbags = f.wish("Bean bags", 6).await;
    let lamps = f.wish("Floor lamps", 2).await;
    let public = new_client();
    let pledge = |id: i64, quantity: i64| {
        let public = public.clone();
        let url = f.app.url(&format!("/api/wishlist/{id}/pledges"));
        async move {
            public
                .post(url)
                .json(&json!({
                    "organisation": "Cedar Church",
                    "contact_name": "Pat Moss",
                    "email": "pat@cedar.example.org",
                    "quantity": quantity,
                    "message": "Blue ones OK?",
                }))
                .send()
                .await
                .unwrap()
        }
    };
    let response = pledge(beanbags.id, 4).await;
    assert_eq!(response.status(), 201);
    let receipt: PledgeReceipt = response.json().await.unwrap();
    assert_eq!(receipt.wish.still_needed, 2);
    // The same form sent again (a retry) is the same pledge, not a second one.
    let resent = pledge(beanbags.id, 4).await;
    assert_eq!(resent.status(), 201);
    let receipt: PledgeReceipt = resent.json().await.unwrap();
    assert_eq!(receipt.wish.still_needed, 2);
    assert_eq!(f.counts().await.3, 1);

    // More than is still needed: 409, nothing saved, the list unchanged.
    let response = pledge(beanbags.id, 3).await;
    assert_eq!(response.status(), 409);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "fully_pledged");
    assert!(error["error"]["message"].as_str().unwrap().contains('2'));
    assert_eq!(pledge(lamps.id, 2).await.status(), 201);
    assert_eq!(pledge(lamps.id, 1).await.status(), 409);
    assert_eq!(f.counts().await.3, 2);

    let raw = f.app.get("/api/wishlist").await;
    assert_eq!(raw.status(), 200);
    let body = raw.text().await.unwrap();
    for private in ["Cedar", "Pat", "pat@cedar", "Blue ones"] {
        assert!(!body.contains(private), "the public list shows {private}");
    }
    let listed: Vec<PublicWish> = serde_json::from_str(&body).unwrap();
    assert_eq!(listed.len(), 1, "fully pledged lamps are off the list");
    assert_eq!(listed[0].name, "Bean bags");
    assert_eq!(listed[0].still_needed, 2);

    // Bad input: 422 per field; unknown or archived wishes: 404.
    let response = public
        .post(f.app.url(&format!("/api/wishlist/{}/pledges", beanbags.id)))
        .json(&json!({"contact_name": "", "email": "x", "quantity": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    for field in ["contact_name", "email", "quantity"] {
        assert!(
            error["error"]["fields"][field].is_array(),
            "{field}: {error}"
        );
    }
    assert_eq!(pledge(99_999, 1).await.status(), 404);
    let response = f
        .send(
            reqwest::Method::DELETE,
            &format!("/api/facilities/wishlist/{}", beanbags.id),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(pledge(beanbags.id, 1).await.status(), 404);
    let listed: Vec<PublicWish> = f.app.get_json("/api/wishlist").await;
    assert!(listed.is_empty());

    // Each pledge emailed both facilities staff once, and thanked the partner.
    let received = f.outbox("pledge_received").await;
    assert_eq!(received.len(), 4);
    let mut recipients: Vec<&str> = received.iter().map(|r| r.recipient.as_str()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(
        recipients,
        ["fix@agency.example.org", "stock@agency.example.org"]
    );
    assert_eq!(f.outbox("pledge_thanks").await.len(), 2);
}

#[tokio::test]
async fn pledges_at_the_same_moment_never_promise_more_than_is_needed() {
    let f = facilities().await;
    let chairs = f.wish("Stacking chairs", 5).await;
    let public = new_client();
    let attempts = (0..20).map(|n| {
        let public = public.clone();
        let url = f.app.url(&format!("/api/wishlist/{}/pledges", chairs.id));
        async move {
            public
                .post(url)
                .json(&json!({"contact_name": format!("Partner {n}"), "email": format!("p{n}@example.org"), "quantity": 1}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        15,
        "{statuses:?}"
    );
    let db = f.app.db().await;
    let wish = wishes::Entity::find_by_id(chairs.id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    let pledged = pledges::Entity::find()
        .filter(pledges::Column::WishId.eq(chairs.id))
        .count(db.conn())
        .await
        .unwrap();
    db.close().await;
    assert_eq!((wish.pledged, pledged), (5, 5));
}

#[tokio::test]
async fn a_pledge_becomes_a_donation_with_its_items_in_one_step() {
    let f = facilities().await;
    let seating = f.category("Seating").await;
    let beanbags = f.wish("Bean bags", 6).await;
    let response = new_client()
        .post(f.app.url(&format!("/api/wishlist/{}/pledges", beanbags.id)))
        .json(&json!({"organisation": "Cedar Church", "contact_name": "Pat Moss", "email": "pat@cedar.example.org", "quantity": 4}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let open: Vec<shared::Pledge> = f.get("/api/facilities/pledges?status=open").await;
    assert_eq!(open.len(), 1);
    let pledge = &open[0];
    assert_eq!(pledge.organisation, "Cedar Church");
    let path = format!("/api/facilities/pledges/{}/donation", pledge.id);
    let items = |quantity: i64| json!([{ "name": "Bean bag", "category_id": seating, "quantity": quantity, "condition": "new", "status": "in_use", "storage_place": "Main Lounge" }]);

    // A bad item row: nothing saved, the pledge still open.
    let response = f
        .post(
            &path,
            &json!({"received_on": agency_today(), "method": "drop_off", "items": items(-4)}),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(f.counts().await, Counts(0, 0, 0, 1));

    let response = f
        .post(
            &path,
            &json!({"received_on": agency_today(), "method": "drop_off", "items": items(4)}),
        )
        .await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let donation: Donation = response.json().await.unwrap();
    assert_eq!(donation.donor_name, "Cedar Church");
    assert_eq!(donation.items[0].quantity, 4);
    assert_eq!(f.counts().await, Counts(1, 1, 1, 1));
    let received: Vec<shared::Pledge> = f.get("/api/facilities/pledges?status=received").await;
    assert_eq!(received[0].donation_id, Some(donation.id));
    let detail: DonorDetail = f
        .get(&format!("/api/facilities/donors/{}", donation.donor_id))
        .await;
    assert_eq!(detail.donor.details.contact_person, "Pat Moss");
    assert_eq!(detail.donor.details.email, "pat@cedar.example.org");

    // Converting twice, or withdrawing it now: 409.
    let again = f
        .post(
            &path,
            &json!({"received_on": agency_today(), "method": "drop_off", "items": items(4)}),
        )
        .await;
    assert_eq!(again.status(), 409);
    let withdraw = f
        .post(
            &format!("/api/facilities/pledges/{}/withdraw", pledge.id),
            &json!({}),
        )
        .await;
    assert_eq!(withdraw.status(), 409);
    assert_eq!(f.counts().await, Counts(1, 1, 1, 1));
}

#[tokio::test]
async fn a_withdrawn_pledge_is_needed_again_and_a_wish_cannot_ask_for_less_than_pledged() {
    let f = facilities().await;
    let lamps = f.wish("Floor lamps", 3).await;
    let response = new_client()
        .post(f.app.url(&format!("/api/wishlist/{}/pledges", lamps.id)))
        .json(&json!({"contact_name": "Pat Moss", "email": "pat@cedar.example.org", "quantity": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let change =
        |quantity: i64| json!({"name": "Floor lamps", "quantity": quantity, "priority": "low"});
    let path = format!("/api/facilities/wishlist/{}", lamps.id);
    let response = f.send(reqwest::Method::PUT, &path, &change(1)).await;
    assert_eq!(response.status(), 422);
    let response = f.send(reqwest::Method::PUT, &path, &change(4)).await;
    assert_eq!(response.status(), 200);
    let wish: Wish = response.json().await.unwrap();
    assert_eq!((wish.pledged, wish.still_needed), (2, 2));

    let open: Vec<shared::Pledge> = f.get("/api/facilities/pledges?status=open").await;
    let response = f
        .post(
            &format!("/api/facilities/pledges/{}/withdraw", open[0].id),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let listed: Vec<Wish> = f.get("/api/facilities/wishlist").await;
    assert_eq!((listed[0].pledged, listed[0].still_needed), (0, 4));
}

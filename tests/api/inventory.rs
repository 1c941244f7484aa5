//! Donated furniture and supplies: the inventory facilities staff keep.

use backend::entities::{item_movements, items, outbox};
use chrono::{Duration, Utc};
use reqwest::Client;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use shared::{ItemCategory, ItemDetail, ItemStatus, Page, Role};
use tests::{new_client, TestApp, TestAppOptions};

const PASSWORD: &str = "a long and lovely passphrase";

struct Store {
    app: TestApp,
    facilities: Client,
}

async fn store() -> Store {
    let app = TestApp::spawn_with(TestAppOptions::default()).await;
    app.create_staff("fix@agency.example.org", PASSWORD, &[Role::Facilities])
        .await;
    app.create_staff("also@agency.example.org", PASSWORD, &[Role::Facilities])
        .await;
    let facilities = app
        .signed_in_client("fix@agency.example.org", PASSWORD)
        .await;
    Store { app, facilities }
}

impl Store {
    async fn category(&self, name: &str) -> ItemCategory {
        let categories: Vec<ItemCategory> = self
            .facilities
            .get(self.app.url("/api/facilities/categories"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        categories
            .into_iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no category {name}"))
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.facilities
            .post(self.app.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn patch(&self, id: i64, body: &Value) -> reqwest::Response {
        self.facilities
            .patch(self.app.url(&format!("/api/facilities/items/{id}")))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn create(&self, body: &Value) -> ItemDetail {
        let response = self.post("/api/facilities/items", body).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    async fn count(&self) -> (u64, u64) {
        let db = self.app.db().await;
        let counts = (
            items::Entity::find().count(db.conn()).await.unwrap(),
            item_movements::Entity::find()
                .count(db.conn())
                .await
                .unwrap(),
        );
        db.close().await;
        counts
    }

    async fn low_stock_mail(&self) -> Vec<String> {
        let db = self.app.db().await;
        let rows = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("low_stock"))
            .all(db.conn())
            .await
            .unwrap();
        db.close().await;
        rows.into_iter().map(|row| row.recipient).collect()
    }
}

/// Today in the agency's zone (the default configuration's).
fn agency_today() -> chrono::NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::America::New_York)
        .date_naive()
}

fn sofas(category_id: i64) -> Value {
    json!({
        "name": "Sofa",
        "category_id": category_id,
        "quantity": 3,
        "unit": "sofas",
        "condition": "good",
        "status": "in_use",
        "storage_place": "Basement store",
        "received_on": agency_today() - Duration::days(2),
        "estimated_value_cents": 45000,
    })
}

#[tokio::test]
async fn bad_items_get_field_errors_and_nothing_is_half_saved() {
    let store = store().await;
    let seating = store.category("Seating").await;
    let mut bad = sofas(seating.id);
    bad["quantity"] = json!(-1);
    bad["estimated_value_cents"] = json!(-5);
    bad["name"] = json!(" ");
    let response = store.post("/api/facilities/items", &bad).await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    for field in ["quantity", "estimated_value_cents", "name"] {
        assert!(
            error["error"]["fields"][field].is_array(),
            "{field}: {error}"
        );
    }
    let unknown = store.post("/api/facilities/items", &sofas(99_999)).await;
    assert_eq!(unknown.status(), 422);
    let error: Value = unknown.json().await.unwrap();
    assert!(error["error"]["fields"]["category_id"].is_array());
    let mut nowhere = sofas(seating.id);
    nowhere["storage_place"] = Value::Null;
    assert_eq!(
        store.post("/api/facilities/items", &nowhere).await.status(),
        422
    );
    let mut wrong_word = sofas(seating.id);
    wrong_word["condition"] = json!("shiny");
    assert_eq!(
        store
            .post("/api/facilities/items", &wrong_word)
            .await
            .status(),
        422
    );
    assert_eq!(store.count().await, (0, 0));

    // A category can't be added twice (whatever its letters' case).
    let response = store
        .post("/api/facilities/categories", &json!({"name": "seating"}))
        .await;
    assert_eq!(response.status(), 409);
}

#[tokio::test]
async fn every_change_is_history_and_disposing_asks_why() {
    let store = store().await;
    let seating = store.category("Seating").await;
    let sofa = store.create(&sofas(seating.id)).await;
    assert_eq!(sofa.item.location_name, "Basement store");
    assert_eq!(sofa.history.len(), 1, "arrival");

    let response = store
        .patch(
            sofa.item.id,
            &json!({"status": "in_storage", "condition": "needs_repair", "location": {"storage_place": "Garage"}, "reason": "torn cushion"}),
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let moved: ItemDetail = response.json().await.unwrap();
    let fields: Vec<(&str, &str, &str)> = moved
        .history
        .iter()
        .take(3)
        .map(|m| (m.field.as_str(), m.from.as_str(), m.to.as_str()))
        .collect();
    assert!(fields.contains(&("status", "in_use", "in_storage")));
    assert!(fields.contains(&("condition", "good", "needs_repair")));
    assert!(fields.contains(&("location", "Basement store", "Garage")));
    assert!(moved
        .history
        .iter()
        .take(3)
        .all(|m| m.reason == "torn cushion" && m.by == "fix"));

    // Disposing needs a reason, and a refused change changes nothing.
    let before = store.count().await;
    let response = store
        .patch(sofa.item.id, &json!({"status": "disposed"}))
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(store.count().await, before);
    let response = store
        .patch(
            sofa.item.id,
            &json!({"status": "disposed", "disposal_reason": "given_away", "reason": "to a family moving in"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let gone: ItemDetail = response.json().await.unwrap();
    assert_eq!(gone.item.status, ItemStatus::Disposed);
    assert_eq!(gone.history[0].reason, "given_away: to a family moving in");

    // The list finds it by words and filters.
    let page: Page<shared::Item> = store
        .facilities
        .get(store.app.url("/api/facilities/items?q=sof&status=disposed"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((page.total, page.items[0].id), (1, sofa.item.id));
    let none: Page<shared::Item> = store
        .facilities
        .get(store.app.url("/api/facilities/items?status=in_use"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(none.total, 0);
}

#[tokio::test]
async fn running_low_emails_facilities_once_until_restocked_and_stock_never_goes_negative() {
    let store = store().await;
    let snacks = store.category("Snacks").await;
    assert!(snacks.consumable);
    let granola = store
        .create(&json!({
            "name": "Granola bars",
            "category_id": snacks.id,
            "quantity": 20,
            "unit": "bars",
            "condition": "new",
            "status": "in_storage",
            "storage_place": "Kitchen cupboard",
            "received_on": agency_today(),
            "low_stock_threshold": 5,
        }))
        .await;
    let id = granola.item.id;
    let stock = |delta: i64| {
        let url = store.app.url(&format!("/api/facilities/items/{id}/stock"));
        let client = store.facilities.clone();
        async move {
            client
                .post(url)
                .json(&json!({"delta": delta}))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(stock(-10).await.status(), 200);
    assert!(store.low_stock_mail().await.is_empty());
    assert_eq!(stock(-6).await.status(), 200, "down to 4: at or below 5");
    assert_eq!(stock(-1).await.status(), 200);
    assert_eq!(stock(-1).await.status(), 200);
    let mut mail = store.low_stock_mail().await;
    mail.sort();
    assert_eq!(
        mail,
        ["also@agency.example.org", "fix@agency.example.org"],
        "one email per facilities person, not one per change"
    );
    let response = stock(-3).await;
    assert_eq!(response.status(), 409, "only 2 left");
    let item: ItemDetail = store
        .facilities
        .get(store.app.url(&format!("/api/facilities/items/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((item.item.quantity, item.item.low_stock), (2, true));

    // Restocked above the threshold, then low again: one more email each.
    assert_eq!(stock(30).await.status(), 200);
    assert_eq!(stock(-28).await.status(), 200);
    assert_eq!(store.low_stock_mail().await.len(), 4);

    // Many use the last bars at once: never below zero, and no second alert.
    let attempts = (0..20).map(|_| {
        let url = store.app.url(&format!("/api/facilities/items/{id}/stock"));
        let client = store.facilities.clone();
        async move {
            client
                .post(url)
                .json(&json!({"delta": -1}))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let statuses = futures::future::join_all(attempts).await;
    let ok = statuses.iter().filter(|s| s.as_u16() == 200).count();
    assert_eq!(ok, 4, "{statuses:?}");
    assert!(statuses.iter().all(|s| matches!(s.as_u16(), 200 | 409)));
    assert_eq!(store.low_stock_mail().await.len(), 4);
    let _ = new_client;
}

#[tokio::test]
async fn the_list_filters_by_dates_and_places_and_sorts_either_way() {
    let store = store().await;
    let games = store.category("Games").await;
    for (name, days_ago, quantity, place) in [
        ("Chess set", 30, 2, "Games cupboard"),
        ("Uno", 10, 5, "Games cupboard"),
        ("Jenga", 1, 1, "Loft"),
    ] {
        store
            .create(&json!({
                "name": name,
                "category_id": games.id,
                "quantity": quantity,
                "condition": "good",
                "status": "in_storage",
                "storage_place": place,
                "received_on": agency_today() - Duration::days(days_ago),
            }))
            .await;
    }
    let names = |query: &'static str| {
        let url = store.app.url(&format!("/api/facilities/items?{query}"));
        let client = store.facilities.clone();
        async move {
            let page: Page<shared::Item> =
                client.get(url).send().await.unwrap().json().await.unwrap();
            page.items.into_iter().map(|i| i.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(names("").await, ["Chess set", "Jenga", "Uno"]);
    assert_eq!(
        names("sort=-received_on").await,
        ["Jenga", "Uno", "Chess set"]
    );
    assert_eq!(names("sort=quantity").await, ["Jenga", "Chess set", "Uno"]);
    assert_eq!(names("storage_place=Loft").await, ["Jenga"]);
    let from = agency_today() - Duration::days(15);
    let url = format!("/api/facilities/items?received_from={from}&sort=name");
    let page: Page<shared::Item> = store
        .facilities
        .get(store.app.url(&url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    let paged: Page<shared::Item> = store
        .facilities
        .get(store.app.url("/api/facilities/items?per_page=2&page=2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (paged.total, paged.items.len(), paged.items[0].name.as_str()),
        (3, 1, "Uno")
    );
    for bad in [
        "sort=colour",
        "received_from=2026-05-01&received_to=2026-04-01",
    ] {
        let response = store
            .facilities
            .get(store.app.url(&format!("/api/facilities/items?{bad}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{bad}");
    }
}

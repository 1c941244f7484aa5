//! Donated furniture and supplies: the inventory facilities staff keep.

use backend::entities::{item_movements, item_photos, items, outbox};
use chrono::{Duration, Utc};
use reqwest::Client;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use shared::{ImportPreview, Item, ItemCategory, ItemDetail, ItemStatus, Page, Role};
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

/// A real 1x1 PNG with a text chunk saying where it was taken.
const PNG_WITH_TEXT: &str = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000001f74455874436f6d6d656e740074616b656e20617420313220486f6d65205374726565744f6407060000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082";
/// The same PNG as it should be kept: without the text chunk.
const PNG: &str = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082";
/// A real 1x1 JPEG with an Exif segment holding a position.
const JPEG_WITH_EXIF: &str = "ffd8ffe000104a46494600010101004800480000ffe100114578696600004750532035312e354effdb004300ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc2000b080001000101011100ffc40014100100000000000000000000000000000000ffda0008010100013f10";

fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

impl Store {
    async fn put_photo(
        &self,
        item_id: i64,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.facilities
            .put(
                self.app
                    .url(&format!("/api/facilities/items/{item_id}/photos")),
            )
            .header("content-type", content_type)
            .body(bytes)
            .send()
            .await
            .unwrap()
    }

    async fn photo_count(&self) -> u64 {
        let db = self.app.db().await;
        let count = item_photos::Entity::find().count(db.conn()).await.unwrap();
        db.close().await;
        count
    }

    async fn import(&self, csv: &str, save: bool) -> reqwest::Response {
        self.post(
            "/api/facilities/items/import",
            &json!({"csv": csv, "save": save}),
        )
        .await
    }

    async fn detail(&self, id: i64) -> ItemDetail {
        self.facilities
            .get(self.app.url(&format!("/api/facilities/items/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn item_photos_are_stripped_served_to_facilities_and_at_most_five() {
    let store = store().await;
    let seating = store.category("Seating").await;
    let sofa = store.create(&sofas(seating.id)).await;
    let id = sofa.item.id;

    let response = store
        .put_photo(id, "image/png", from_hex(PNG_WITH_TEXT))
        .await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let with_photo: ItemDetail = response.json().await.unwrap();
    assert_eq!(with_photo.photos.len(), 1);
    let photo = &with_photo.photos[0];
    assert_eq!(
        photo.url,
        format!("/api/facilities/items/{id}/photos/{}", photo.id)
    );
    let served = store
        .facilities
        .get(store.app.url(&photo.url))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    let header = |name: &str| {
        served
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "image/png");
    assert!(
        header("cache-control").starts_with("private"),
        "{}",
        header("cache-control")
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(
        served.bytes().await.unwrap().to_vec(),
        from_hex(PNG),
        "the same picture without its text chunk"
    );
    // Anyone else gets nothing.
    let anonymous = store.app.get(&photo.url).await;
    assert_eq!(anonymous.status(), 401);

    let response = store
        .put_photo(id, "image/jpeg", from_hex(JPEG_WITH_EXIF))
        .await;
    assert_eq!(response.status(), 201);
    let detail: ItemDetail = response.json().await.unwrap();
    let jpeg = store
        .facilities
        .get(store.app.url(&detail.photos[1].url))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(!jpeg.windows(3).any(|w| w == b"GPS"), "Exif removed");

    // Not a photo, or not what it says it is: refused, nothing saved.
    let text = store
        .put_photo(id, "text/plain", b"just some words".to_vec())
        .await;
    assert_eq!(text.status(), 415);
    let claimed = store
        .put_photo(id, "image/png", b"just some words".to_vec())
        .await;
    assert_eq!(claimed.status(), 415);
    let mismatch = store.put_photo(id, "image/jpeg", from_hex(PNG)).await;
    assert_eq!(mismatch.status(), 415);
    let huge = store
        .put_photo(id, "image/png", vec![0u8; 2 * 1024 * 1024 + 1])
        .await;
    assert_eq!(huge.status(), 413);
    assert_eq!(store.photo_count().await, 2);
    assert_eq!(
        store
            .put_photo(99_999, "image/png", from_hex(PNG))
            .await
            .status(),
        404
    );

    // Four at once with three places left: one is refused, never a sixth photo.
    let tries = (0..4).map(|_| store.put_photo(id, "image/png", from_hex(PNG)));
    let statuses: Vec<u16> = futures::future::join_all(tries)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    let mut sorted = statuses.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [201, 201, 201, 409], "{statuses:?}");
    let sixth = store.put_photo(id, "image/png", from_hex(PNG)).await;
    assert_eq!(sixth.status(), 409);
    let error: Value = sixth.json().await.unwrap();
    assert_eq!(error["error"]["code"], "too_many_photos");
    assert_eq!(store.photo_count().await, 5);

    // Removing one makes room; a photo is only found under its own item.
    let detail = store.detail(id).await;
    let first = &detail.photos[0];
    let other = store.create(&sofas(seating.id)).await;
    let elsewhere = format!(
        "/api/facilities/items/{}/photos/{}",
        other.item.id, first.id
    );
    for (method, expected) in [(reqwest::Method::GET, 404), (reqwest::Method::DELETE, 404)] {
        let response = store
            .facilities
            .request(method, store.app.url(&elsewhere))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected);
    }
    let removed = store
        .facilities
        .delete(store.app.url(&first.url))
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 204);
    let gone = store
        .facilities
        .get(store.app.url(&first.url))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    assert_eq!(store.detail(id).await.photos.len(), 4);
    assert_eq!(
        store
            .put_photo(id, "image/png", from_hex(PNG))
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn a_bulk_status_change_is_all_or_none_with_a_movement_for_each_changed_item() {
    let store = store().await;
    let seating = store.category("Seating").await;
    let mut ids = Vec::new();
    for status in ["in_use", "in_use", "in_storage"] {
        let mut body = sofas(seating.id);
        body["status"] = json!(status);
        ids.push(store.create(&body).await.item.id);
    }
    let before = store.count().await;

    let unknown = store
        .post(
            "/api/facilities/items/status",
            &json!({"ids": [ids[0], 99_999, ids[1]], "status": "lent_out"}),
        )
        .await;
    assert_eq!(unknown.status(), 422);
    let error: Value = unknown.json().await.unwrap();
    assert!(
        error["error"]["fields"]["ids"][0]
            .as_str()
            .unwrap()
            .contains("99999"),
        "{error}"
    );
    let no_reason = store
        .post(
            "/api/facilities/items/status",
            &json!({"ids": ids, "status": "disposed"}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let error: Value = no_reason.json().await.unwrap();
    assert!(error["error"]["fields"]["disposal_reason"].is_array());
    let empty = store
        .post(
            "/api/facilities/items/status",
            &json!({"ids": [], "status": "in_use"}),
        )
        .await;
    assert_eq!(empty.status(), 422);
    assert_eq!(store.count().await, before, "nothing changed");
    for id in &ids[..2] {
        assert_eq!(store.detail(*id).await.item.status, ItemStatus::InUse);
    }

    let response = store
        .post(
            "/api/facilities/items/status",
            &json!({"ids": ids, "status": "in_storage", "reason": "closing for the summer"}),
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let changed: Vec<Item> = response.json().await.unwrap();
    assert_eq!(changed.len(), 3);
    assert!(changed.iter().all(|i| i.status == ItemStatus::InStorage));
    assert_eq!(
        store.count().await,
        (before.0, before.1 + 2),
        "one movement for each item whose status changed"
    );
    let moved = store.detail(ids[0]).await;
    assert_eq!(
        (
            moved.history[0].field.as_str(),
            moved.history[0].from.as_str(),
            moved.history[0].to.as_str(),
            moved.history[0].reason.as_str()
        ),
        ("status", "in_use", "in_storage", "closing for the summer")
    );

    let response = store
        .post(
            "/api/facilities/items/status",
            &json!({"ids": ids, "status": "disposed", "disposal_reason": "recycled"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(store.count().await, (before.0, before.1 + 5));
    for id in &ids {
        let item = store.detail(*id).await;
        assert_eq!(item.item.status, ItemStatus::Disposed);
        assert_eq!(item.history[0].reason, "recycled");
    }
}

const GOOD_CSV: &str = "Name,Category,Quantity,Unit,Condition,Status,Location,Received on,Estimated value,Notes,Low stock threshold
Beanbag,seating,4,beanbags,Needs repair,In storage,Basement store,2026-01-10,12.50,\"Torn, but fine\nfor now\",
Markers,Art supplies,30,packs,new,in_use,Craft cupboard,2026-02-01,,,5
Floor lamp,Décor,1,,good,lent out,Garage,2026-02-03,$40,,
";

#[tokio::test]
async fn an_import_preview_lists_each_rows_problems_and_saves_nothing() {
    let store = store().await;
    let csv = "name,category,quantity,condition,status,received_on,location
Beanbag,Seating,4,good,in_use,2026-01-10,Basement
Robot,Gadgets,lots,shiny,disposed,tomorrow,
";
    let response = store.import(csv, false).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let preview: ImportPreview = response.json().await.unwrap();
    assert_eq!(preview.saved, 0);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.rows.len(), 2);
    assert_eq!(
        (preview.rows[0].line, preview.rows[0].problems.len()),
        (2, 0)
    );
    let bad = &preview.rows[1];
    assert_eq!(
        (bad.line, bad.name.as_str(), bad.category.as_str()),
        (3, "Robot", "Gadgets")
    );
    for column in [
        "category",
        "quantity",
        "condition",
        "status",
        "received_on",
        "location",
    ] {
        assert!(
            bad.problems
                .iter()
                .any(|p| p.starts_with(&format!("{column}: "))),
            "{column}: {:?}",
            bad.problems
        );
    }
    assert!(
        !bad.problems.iter().any(|p| p.contains("category_id")),
        "problems are in the file's words: {:?}",
        bad.problems
    );
    assert_eq!(store.count().await, (0, 0));

    // A good file is only checked, too, without `save`.
    let preview: ImportPreview = store.import(GOOD_CSV, false).await.json().await.unwrap();
    assert_eq!(preview.rows.len(), 3);
    assert!(
        preview.rows.iter().all(|r| r.problems.is_empty()),
        "{preview:?}"
    );
    assert_eq!(store.count().await, (0, 0));

    // Problems with the file as a whole.
    let preview: ImportPreview = store
        .import("name,category\nBeanbag,Seating\n", false)
        .await
        .json()
        .await
        .unwrap();
    assert!(preview.problems[0].contains("quantity"), "{preview:?}");
    let preview: ImportPreview = store.import("", false).await.json().await.unwrap();
    assert_eq!(preview.problems.len(), 1);
}

#[tokio::test]
async fn saving_an_import_with_one_bad_row_saves_nothing() {
    let store = store().await;
    let csv = format!("{GOOD_CSV}Mystery,Nothing,1,,good,in_use,Loft,2026-01-01,,,\n");
    let before = store.count().await;
    let response = store.import(&csv, true).await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "validation_failed");
    let fields = error["error"]["fields"].as_object().unwrap();
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["line 6"], "{error}");
    assert_eq!(store.count().await, before);
}

#[tokio::test]
async fn saving_a_good_import_logs_every_row_as_received() {
    let store = store().await;
    let response = store.import(GOOD_CSV, true).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let preview: ImportPreview = response.json().await.unwrap();
    assert_eq!(preview.saved, 3);
    assert_eq!(store.count().await, (3, 3));
    let page: Page<Item> = store
        .facilities
        .get(store.app.url("/api/facilities/items?sort=name"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let beanbag = &page.items[0];
    assert_eq!(
        (
            beanbag.name.as_str(),
            beanbag.category.name.as_str(),
            beanbag.quantity,
            beanbag.condition,
            beanbag.status,
            beanbag.location_name.as_str(),
            beanbag.estimated_value_cents,
            beanbag.notes.as_str(),
        ),
        (
            "Beanbag",
            "Seating",
            4,
            shared::ItemCondition::NeedsRepair,
            ItemStatus::InStorage,
            "Basement store",
            Some(1250),
            "Torn, but fine\nfor now"
        )
    );
    let markers = page.items.iter().find(|i| i.name == "Markers").unwrap();
    assert_eq!(markers.low_stock_threshold, Some(5));
    let lamp = page.items.iter().find(|i| i.name == "Floor lamp").unwrap();
    assert_eq!(
        (lamp.status, lamp.estimated_value_cents),
        (ItemStatus::LentOut, Some(4000))
    );
    for item in &page.items {
        let detail = store.detail(item.id).await;
        assert_eq!(detail.history.len(), 1);
        assert_eq!(
            (
                detail.history[0].field.as_str(),
                detail.history[0].reason.as_str()
            ),
            ("quantity", "received")
        );
    }
}

#[tokio::test]
async fn the_export_has_exactly_the_filtered_rows_and_formulas_come_out_quoted() {
    let store = store().await;
    let games = store.category("Games").await;
    let seating = store.category("Seating").await;
    for (name, category) in [
        ("=cmd|' /C calc'!A0", games.id),
        ("Uno", games.id),
        ("Sofa", seating.id),
    ] {
        let mut body = sofas(category);
        body["name"] = json!(name);
        body["notes"] = json!(format!("{name}'s box is Scratched"));
        store.create(&body).await;
    }
    // The list's words are found in the notes too, whatever their case.
    let found: Page<Item> = store
        .facilities
        .get(store.app.url("/api/facilities/items?q=uno%27s%20BOX"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    let response = store
        .facilities
        .get(store.app.url(&format!(
            "/api/facilities/items/export.csv?category_id={}&per_page=1",
            games.id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        header("content-disposition"),
        "attachment; filename=\"inventory.csv\""
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "name,category,quantity,unit,condition,status,location,received_on,estimated_value,donor,notes,low_stock_threshold"
    );
    assert_eq!(lines.len(), 3, "both games, not one page: {csv}");
    assert!(
        lines[1].starts_with("'=cmd|' /C calc'!A0,Games,3,sofas,good,in_use,Basement store,"),
        "{csv}"
    );
    assert!(lines[1].contains(",450.00,"), "{csv}");
    assert!(lines[2].starts_with("Uno,"), "{csv}");

    // What was exported imports as it was.
    let preview: ImportPreview = store.import(&csv, false).await.json().await.unwrap();
    assert!(
        preview.problems.is_empty() && preview.rows.iter().all(|r| r.problems.is_empty()),
        "{preview:?}"
    );
    assert_eq!(preview.rows[0].name, "=cmd|' /C calc'!A0");
}

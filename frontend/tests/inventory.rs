//! Browser tests for the console's inventory: money typed as `12.50`, the list's
//! filters in the address, what the forms check before sending, the import's problems,
//! and the list page against a stand-in API.

#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::{all, assert_inputs_are_labelled, mount_at, one, text, wait_for, MockApi};
use frontend::api::ApiFailure;
use frontend::console::inventory::{
    can_import, check_bulk_status, check_filters, check_item_change, check_new_item, check_stock,
    format_money, import_problems, movement_reason, movement_value, parse_money,
    photo_failure_message, EditDraft, FilterDraft, ItemDraft, ItemFilters, LocationDraft,
    PlaceFilter, StockDirection, PER_PAGE, STORAGE_PLACE,
};
use frontend::console::{Access, App, ConsoleRoute};
use shared::{
    ApiError, DisposalReason, FieldErrors, ImportPreview, ImportRow, Item, ItemCategory,
    ItemCondition, ItemLocation, ItemStatus, Role,
};
use wasm_bindgen_test::*;
use yew_router::Routable;

wasm_bindgen_test_configure!(run_in_browser);

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn categories() -> Vec<ItemCategory> {
    vec![
        ItemCategory {
            id: 1,
            name: "Seating".to_owned(),
            consumable: false,
        },
        ItemCategory {
            id: 2,
            name: "Snacks".to_owned(),
            consumable: true,
        },
    ]
}

fn item(consumable: bool) -> Item {
    Item {
        id: 7,
        name: "Granola bars".to_owned(),
        category: categories()[usize::from(consumable)].clone(),
        quantity: 12,
        unit: "bars".to_owned(),
        condition: ItemCondition::New,
        status: ItemStatus::InStorage,
        location: ItemLocation {
            space_id: None,
            storage_place: Some("Kitchen cupboard".to_owned()),
        },
        location_name: "Kitchen cupboard".to_owned(),
        received_on: date("2026-02-01"),
        estimated_value_cents: None,
        notes: String::new(),
        low_stock_threshold: Some(4),
        low_stock: false,
        donation: None,
    }
}

fn keys(problems: &FieldErrors) -> Vec<&str> {
    problems.keys().map(String::as_str).collect()
}

// Money

#[wasm_bindgen_test]
fn money_is_read_into_cents() {
    assert_eq!(parse_money("12.50"), Ok(Some(1250)));
    assert_eq!(parse_money("12"), Ok(Some(1200)));
    assert_eq!(parse_money("12.5"), Ok(Some(1250)));
    assert_eq!(parse_money(" $3.05 "), Ok(Some(305)));
    assert_eq!(parse_money("0.99"), Ok(Some(99)));
    assert_eq!(parse_money(".5"), Ok(Some(50)));
    assert_eq!(parse_money("007"), Ok(Some(700)));
    assert_eq!(parse_money(""), Ok(None), "the value is optional");
    assert_eq!(parse_money("   "), Ok(None));
}

#[wasm_bindgen_test]
fn money_that_is_not_an_amount_is_refused() {
    for bad in [
        "abc",
        "12.345",
        "-1",
        "1,50",
        "12 50",
        ".",
        "1.2.3",
        "12e3",
        "999999999",
    ] {
        assert!(parse_money(bad).is_err(), "{bad:?} should be refused");
    }
}

#[wasm_bindgen_test]
fn money_is_written_with_two_decimals() {
    assert_eq!(format_money(1250), "12.50");
    assert_eq!(format_money(5), "0.05");
    assert_eq!(format_money(100_000), "1000.00");
    assert_eq!(parse_money(&format_money(98_765)), Ok(Some(98_765)));
}

// The list's filters

fn busy_filters() -> ItemFilters {
    ItemFilters {
        text: "blue sofa & chair".to_owned(),
        category_id: Some(2),
        status: Some(ItemStatus::InStorage),
        condition: Some(ItemCondition::NeedsRepair),
        place: PlaceFilter::StoragePlace("Basement shelf 2".to_owned()),
        received_from: Some(date("2026-01-01")),
        received_to: Some(date("2026-03-31")),
        sort: "-received_on".to_owned(),
        page: 3,
    }
}

#[wasm_bindgen_test]
fn filters_become_a_query_string_with_values_encoded() {
    assert_eq!(
        busy_filters().to_query(),
        "q=blue%20sofa%20%26%20chair&category_id=2&status=in_storage&condition=needs_repair\
         &storage_place=Basement%20shelf%202&received_from=2026-01-01&received_to=2026-03-31\
         &sort=-received_on&page=3"
    );
    assert_eq!(
        ItemFilters::default().to_query(),
        "",
        "the plain list has a plain address"
    );
}

#[wasm_bindgen_test]
fn filters_survive_the_round_trip_through_the_address() {
    let filters = busy_filters();
    assert_eq!(ItemFilters::from_query(&filters.to_query()), filters);
    assert_eq!(
        ItemFilters::from_query(&format!("?{}", filters.to_query())),
        filters,
        "with the leading ?"
    );
    let space = ItemFilters {
        place: PlaceFilter::Space(4),
        ..ItemFilters::default()
    };
    assert_eq!(space.to_query(), "space_id=4");
    assert_eq!(ItemFilters::from_query("space_id=4"), space);
}

#[wasm_bindgen_test]
fn the_api_and_the_export_get_the_same_filters() {
    let filters = busy_filters();
    let api = filters.api_query();
    assert!(api.starts_with(&filters.export_query()));
    assert!(api.ends_with(&format!("&page=3&per_page={PER_PAGE}")));
    assert!(
        !filters.export_query().contains("page="),
        "the export has every page"
    );
    assert_eq!(
        ItemFilters::default().api_query(),
        format!("page=1&per_page={PER_PAGE}")
    );
}

#[wasm_bindgen_test]
fn a_mistyped_address_still_shows_a_list() {
    let filters = ItemFilters::from_query(
        "?status=lost&condition=&sort=price&page=0&category_id=x&mystery=1",
    );
    assert_eq!(filters, ItemFilters::default());
    let plus = ItemFilters::from_query("q=blue+sofa&storage_place=Shed&space_id=3");
    assert_eq!(plus.text, "blue sofa", "a + from a form is a space");
    assert_eq!(
        plus.place,
        PlaceFilter::Space(3),
        "a space wins over a place"
    );
    assert!(plus.is_filtered());
    assert!(!ItemFilters {
        sort: "-quantity".to_owned(),
        page: 2,
        ..ItemFilters::default()
    }
    .is_filtered());
}

#[wasm_bindgen_test]
fn the_filter_form_checks_dates_and_places() {
    let draft = FilterDraft {
        text: "  lamp ",
        category_id: "1",
        status: "in_use",
        condition: "",
        place: STORAGE_PLACE,
        storage_place: " Shed ",
        received_from: "2026-02-01",
        received_to: "",
        sort: "quantity",
    };
    let filters = check_filters(&draft).expect("fine");
    assert_eq!(filters.text, "lamp");
    assert_eq!(filters.category_id, Some(1));
    assert_eq!(filters.status, Some(ItemStatus::InUse));
    assert_eq!(filters.condition, None);
    assert_eq!(filters.place, PlaceFilter::StoragePlace("Shed".to_owned()));
    assert_eq!(filters.received_from, Some(date("2026-02-01")));
    assert_eq!(filters.sort, "quantity");
    assert_eq!(filters.page, 1, "new filters start on the first page");

    let reversed = check_filters(&FilterDraft {
        received_from: "2026-03-01",
        received_to: "2026-02-01",
        storage_place: "",
        ..draft
    })
    .expect_err("a range that ends before it starts");
    assert_eq!(keys(&reversed), ["received_to", "storage_place"]);
}

// Forms

fn new_draft() -> ItemDraft {
    ItemDraft {
        name: " Granola bars ".to_owned(),
        category_id: "2".to_owned(),
        quantity: "40".to_owned(),
        unit: "bars".to_owned(),
        location: LocationDraft {
            choice: STORAGE_PLACE.to_owned(),
            storage_place: "Kitchen cupboard".to_owned(),
        },
        value: "12.50".to_owned(),
        low_stock_threshold: "10".to_owned(),
        ..ItemDraft::new(date("2026-03-02"))
    }
}

#[wasm_bindgen_test]
fn a_new_item_is_sent_with_cents_and_its_threshold() {
    let new = check_new_item(&new_draft(), &categories()).expect("fine");
    assert_eq!(new.name, "Granola bars");
    assert_eq!(new.category_id, 2);
    assert_eq!(new.quantity, 40);
    assert_eq!(new.condition, ItemCondition::Good);
    assert_eq!(new.status, ItemStatus::InUse);
    assert_eq!(
        new.location.storage_place.as_deref(),
        Some("Kitchen cupboard")
    );
    assert_eq!(new.location.space_id, None);
    assert_eq!(new.received_on, Some(date("2026-03-02")));
    assert_eq!(new.estimated_value_cents, Some(1250));
    assert_eq!(new.low_stock_threshold, Some(10));

    let chair = check_new_item(
        &ItemDraft {
            category_id: "1".to_owned(),
            location: LocationDraft {
                choice: "3".to_owned(),
                storage_place: String::new(),
            },
            ..new_draft()
        },
        &categories(),
    )
    .expect("fine");
    assert_eq!(
        chair.low_stock_threshold, None,
        "only supplies have stock levels"
    );
    assert_eq!(chair.location.space_id, Some(3));
}

#[wasm_bindgen_test]
fn a_new_item_with_problems_says_where() {
    let problems = check_new_item(
        &ItemDraft {
            name: "  ".to_owned(),
            category_id: String::new(),
            quantity: "-2".to_owned(),
            status: "disposed".to_owned(),
            location: LocationDraft::default(),
            received_on: String::new(),
            value: "12.345".to_owned(),
            ..new_draft()
        },
        &categories(),
    )
    .expect_err("problems");
    assert_eq!(
        keys(&problems),
        [
            "category_id",
            "estimated_value_cents",
            "name",
            "quantity",
            "received_on",
            "space_id",
            "status"
        ]
    );
}

#[wasm_bindgen_test]
fn a_change_sends_only_what_changed() {
    let item = item(true);
    let unchanged = EditDraft::from_item(&item);
    assert_eq!(check_item_change(&item, &unchanged), Ok(None));

    let change = check_item_change(
        &item,
        &EditDraft {
            quantity: "10".to_owned(),
            location: LocationDraft {
                choice: "3".to_owned(),
                storage_place: String::new(),
            },
            reason: " counted again ".to_owned(),
            ..unchanged.clone()
        },
    )
    .expect("fine")
    .expect("a change");
    assert_eq!(change.quantity, Some(10));
    assert_eq!(
        change.location,
        Some(ItemLocation {
            space_id: Some(3),
            storage_place: None
        })
    );
    assert_eq!(change.reason, "counted again");
    assert_eq!(change.name, None);
    assert_eq!(change.status, None);
    assert_eq!(change.low_stock_threshold, None);
}

#[wasm_bindgen_test]
fn disposing_needs_a_reason() {
    let item = item(false);
    let draft = EditDraft {
        status: "disposed".to_owned(),
        ..EditDraft::from_item(&item)
    };
    let problems = check_item_change(&item, &draft).expect_err("no reason");
    assert_eq!(keys(&problems), ["disposal_reason"]);
    let change = check_item_change(
        &item,
        &EditDraft {
            disposal_reason: "given_away".to_owned(),
            ..draft
        },
    )
    .expect("fine")
    .expect("a change");
    assert_eq!(change.status, Some(ItemStatus::Disposed));
    assert_eq!(change.disposal_reason, Some(DisposalReason::GivenAway));
}

#[wasm_bindgen_test]
fn stock_is_used_or_restocked_but_never_below_zero() {
    let item = item(true);
    assert_eq!(
        check_stock(&item, StockDirection::Use, "3", " games night ")
            .expect("fine")
            .delta,
        -3
    );
    assert_eq!(
        check_stock(&item, StockDirection::Restock, "20", "")
            .expect("fine")
            .delta,
        20
    );
    let too_many = check_stock(&item, StockDirection::Use, "13", "").expect_err("only 12");
    assert_eq!(too_many["delta"], ["There are only 12 bars left."]);
    for bad in ["0", "", "two", "-3"] {
        assert!(check_stock(&item, StockDirection::Restock, bad, "").is_err());
    }
}

#[wasm_bindgen_test]
fn a_status_change_of_several_items_needs_items_and_a_status() {
    let problems = check_bulk_status(&[], "", "", "").expect_err("nothing chosen");
    assert_eq!(keys(&problems), ["ids", "status"]);
    let problems =
        check_bulk_status(&[1, 2], "disposed", "", "").expect_err("disposing needs a reason");
    assert_eq!(keys(&problems), ["disposal_reason"]);
    let change = check_bulk_status(&[1, 2], "in_storage", "broken", " winter ").expect("fine");
    assert_eq!(change.ids, [1, 2]);
    assert_eq!(change.status, ItemStatus::InStorage);
    assert_eq!(change.disposal_reason, None, "only when disposing");
    assert_eq!(change.reason, "winter");
}

// Photos, history and import

#[wasm_bindgen_test]
fn photo_failures_are_said_in_words() {
    let too_big = ApiFailure::Unexpected { status: Some(413) };
    assert!(photo_failure_message(&too_big).contains("2 MB"));
    let full = ApiFailure::Api {
        status: 409,
        error: ApiError {
            code: "too_many_photos".to_owned(),
            message: "Too many.".to_owned(),
            fields: None,
        },
    };
    assert!(photo_failure_message(&full).contains("up to 5 photos"));
    let damaged = ApiFailure::Api {
        status: 422,
        error: ApiError {
            code: "invalid_photo".to_owned(),
            message: "That photo seems to be damaged.".to_owned(),
            fields: None,
        },
    };
    assert_eq!(
        photo_failure_message(&damaged),
        "That photo seems to be damaged."
    );
}

#[wasm_bindgen_test]
fn history_codes_read_as_words() {
    assert_eq!(movement_value("status", "in_storage"), "In storage");
    assert_eq!(movement_value("condition", "needs_repair"), "Needs repair");
    assert_eq!(movement_value("quantity", ""), "(nothing)");
    assert_eq!(movement_value("location", "Shed"), "Shed");
    assert_eq!(
        movement_reason("given_away: to the youth club"),
        "Given away: to the youth club"
    );
    assert_eq!(movement_reason("broken"), "Broken");
    assert_eq!(movement_reason("moved: for winter"), "moved: for winter");
}

#[wasm_bindgen_test]
fn import_problems_come_by_line_in_order_and_for_the_file() {
    let mut fields = FieldErrors::new();
    fields.insert("line 10".to_owned(), vec!["No such category.".to_owned()]);
    fields.insert("line 2".to_owned(), vec!["Quantity?".to_owned()]);
    fields.insert("file".to_owned(), vec!["No name column.".to_owned()]);
    let (lines, file) = import_problems(&fields);
    assert_eq!(
        lines,
        [
            (2, vec!["Quantity?".to_owned()]),
            (10, vec!["No such category.".to_owned()])
        ]
    );
    assert_eq!(file, ["No name column."]);
}

#[wasm_bindgen_test]
fn only_a_file_without_problems_can_be_imported() {
    let row = |line: u64, problems: &[&str]| ImportRow {
        line,
        name: "Chair".to_owned(),
        category: "Seating".to_owned(),
        quantity: "4".to_owned(),
        problems: problems.iter().map(|p| (*p).to_owned()).collect(),
    };
    let preview = |rows, problems: &[&str]| ImportPreview {
        rows,
        problems: problems.iter().map(|p| (*p).to_owned()).collect(),
        saved: 0,
    };
    assert!(can_import(&preview(vec![row(2, &[]), row(3, &[])], &[])));
    assert!(!can_import(&preview(
        vec![row(2, &[]), row(3, &["Quantity?"])],
        &[]
    )));
    assert!(!can_import(&preview(
        vec![row(2, &[])],
        &["Missing column"]
    )));
    assert!(!can_import(&preview(Vec::new(), &[])));
}

// Routes and the page

#[wasm_bindgen_test]
fn inventory_routes_are_for_facilities_staff_and_admins() {
    assert_eq!(
        ConsoleRoute::recognize("/staff/inventory/new"),
        Some(ConsoleRoute::NewItem)
    );
    assert_eq!(
        ConsoleRoute::recognize("/staff/inventory/import"),
        Some(ConsoleRoute::ImportItems)
    );
    assert_eq!(
        ConsoleRoute::recognize("/staff/inventory/7"),
        Some(ConsoleRoute::InventoryItem { id: 7 })
    );
    let user = |roles: &[Role]| shared::StaffUser {
        id: 1,
        email: "a@example.org".to_owned(),
        display_name: "A".to_owned(),
        roles: roles.to_vec(),
    };
    assert_eq!(ConsoleRoute::Inventory.access(), Access::Facilities);
    assert!(Access::Facilities.allows(&user(&[Role::Facilities])));
    assert!(Access::Facilities.allows(&user(&[Role::Admin])));
    assert!(!Access::Facilities.allows(&user(&[Role::Mentor, Role::Supervisor])));
}

const FACILITIES: &str =
    r#"{"id":3,"email":"fi@example.org","display_name":"Fi","roles":["facilities"]}"#;
const CATEGORIES: &str = r#"[{"id":1,"name":"Seating","consumable":false},
    {"id":2,"name":"Snacks","consumable":true}]"#;
const SPACES: &str = r#"[{"id":4,"name":"Lounge","capacity":12,"description":"",
    "accessibility_notes":"","house_rules":""}]"#;
const ITEMS: &str = r#"{"items":[
    {"id":7,"name":"Granola bars","category":{"id":2,"name":"Snacks","consumable":true},
     "quantity":3,"unit":"bars","condition":"new","status":"in_storage","space_id":null,
     "storage_place":"Kitchen cupboard","location_name":"Kitchen cupboard",
     "received_on":"2026-02-01","estimated_value_cents":null,"notes":"",
     "low_stock_threshold":4,"low_stock":true,"donation":null}],
    "page":1,"per_page":25,"total":1}"#;

#[wasm_bindgen_test]
async fn the_list_reads_its_filters_from_the_address() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, FACILITIES),
        ("GET /api/facilities/categories", 200, CATEGORIES),
        ("GET /api/spaces", 200, SPACES),
        ("GET /api/facilities/items", 200, ITEMS),
    ]);
    let app = mount_at::<App>(
        "/staff/inventory?status=in_storage&q=granola%20bar&sort=-quantity",
        (),
    )
    .await;

    wait_for(&app.root, ".item-table tbody th", |name| {
        name == "Granola bars"
    })
    .await;
    let asked = api
        .requests()
        .into_iter()
        .find(|request| request.starts_with("GET /api/facilities/items?"))
        .expect("the list was asked for");
    assert_eq!(
        asked,
        format!(
            "GET /api/facilities/items?q=granola%20bar&status=in_storage&sort=-quantity\
             &page=1&per_page={PER_PAGE}"
        )
    );
    let export = all(&app.root, "main a")
        .into_iter()
        .find(|link| text(link).starts_with("Export CSV"))
        .expect("an export link");
    assert_eq!(
        export.get_attribute("href").as_deref(),
        Some("/api/facilities/items/export.csv?q=granola%20bar&status=in_storage&sort=-quantity")
    );
    let row = one(&app.root, ".item-table tbody tr");
    assert!(
        text(&row).contains("Low stock"),
        "low stock is said in words"
    );
    wait_for(&app.root, "#filter-status", |_| true).await;
    let status = one(&app.root, "#filter-status");
    assert_eq!(
        js_sys::Reflect::get(&status, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .as_deref(),
        Some("in_storage"),
        "the form shows the filters in the address"
    );
    assert_inputs_are_labelled(&app.root);
}

const MENTOR: &str =
    r#"{"id":2,"email":"sam@example.org","display_name":"Sam","roles":["mentor"]}"#;

#[wasm_bindgen_test]
async fn mentors_are_told_the_inventory_is_for_facilities_staff() {
    let api = MockApi::new(&[("GET /api/auth/me", 200, MENTOR)]);
    let app = mount_at::<App>("/staff/inventory", ()).await;

    wait_for(&app.root, "h1", |heading| {
        heading == "You don't have access to this page"
    })
    .await;
    assert!(text(&one(&app.root, "main")).contains("facilities staff"));
    assert!(
        !api.requests().iter().any(|r| r.contains("/facilities/")),
        "nothing asked of the server"
    );
}

const DETAIL: &str = r#"{"id":7,"name":"Blue sofa","category":{"id":1,"name":"Seating","consumable":false},
    "quantity":1,"unit":"","condition":"good","status":"in_use","space_id":4,
    "storage_place":null,"location_name":"Lounge","received_on":"2026-02-01",
    "estimated_value_cents":12050,"notes":"","low_stock_threshold":null,"low_stock":false,
    "donation":{"id":3,"donor_id":9,"donor_name":"Corner Furniture"},
    "photos":[{"id":5,"url":"/api/facilities/items/7/photos/5"}],
    "history":[
      {"field":"status","from":"in_storage","to":"in_use","reason":"moved for winter","by":"Fi",
       "at":"2026-02-03T10:00:00+00:00"},
      {"field":"quantity","from":"","to":"1","reason":"received","by":"Fi",
       "at":"2026-02-01T10:00:00+00:00"}]}"#;

#[wasm_bindgen_test]
async fn an_item_shows_its_donor_photos_and_history_newest_first() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, FACILITIES),
        ("GET /api/facilities/items/7", 200, DETAIL),
        ("GET /api/spaces", 200, SPACES),
    ]);
    let app = mount_at::<App>("/staff/inventory/7", ()).await;

    wait_for(&app.root, "h1", |heading| heading == "Blue sofa").await;
    let donor = all(&app.root, "main a")
        .into_iter()
        .find(|link| text(link) == "Corner Furniture")
        .expect("a link to the donor");
    assert_eq!(
        donor.get_attribute("href").as_deref(),
        Some("/staff/donors/9")
    );
    assert!(text(&one(&app.root, ".facts")).contains("120.50"));
    let photo = one(&app.root, ".item-photos img");
    assert_eq!(
        photo.get_attribute("alt").as_deref(),
        Some("Photo 1 of Blue sofa")
    );
    let history: Vec<_> = all(&app.root, ".stack-table tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(history.len(), 2);
    assert!(history[0].contains("In storage") && history[0].contains("In use"));
    assert!(history[0].contains("moved for winter") && history[0].contains("Fi"));
    assert!(history[1].contains("received"));
    assert!(
        all(&app.root, "#stock-amount").is_empty(),
        "no stock form for furniture"
    );
    assert_inputs_are_labelled(&app.root);
}

const PREVIEW: &str = r#"{"rows":[
    {"line":2,"name":"Chair","category":"Seating","quantity":"4","problems":[]},
    {"line":3,"name":"Lamp","category":"Lights","quantity":"x",
     "problems":["There is no category Lights.","Quantity must be a whole number."]}],
    "problems":[],"saved":0}"#;

#[wasm_bindgen_test]
async fn checking_a_file_marks_rows_with_problems_and_holds_the_import() {
    let api = MockApi::new(&[
        ("GET /api/auth/me", 200, FACILITIES),
        ("POST /api/facilities/items/import", 200, PREVIEW),
    ]);
    let app = mount_at::<App>("/staff/inventory/import", ()).await;

    wait_for(&app.root, "h1", |heading| heading == "Import items").await;
    type_text(
        &app.root,
        "#import-text",
        "name,category,quantity\nChair,Seating,4\n",
    );
    let check = all(&app.root, "button")
        .into_iter()
        .find(|button| text(button) == "Check file")
        .expect("a check button");
    common::click(&check);

    wait_for(&app.root, ".import-table", |_| true).await;
    let problem_rows: Vec<_> = all(&app.root, ".import-row--problem")
        .iter()
        .map(text)
        .collect();
    assert_eq!(problem_rows.len(), 1);
    assert!(problem_rows[0].starts_with("3"));
    assert!(
        problem_rows[0].contains("Problem:"),
        "marked in words, not only colour"
    );
    assert!(problem_rows[0].contains("There is no category Lights."));
    let import = all(&app.root, "button")
        .into_iter()
        .find(|button| text(button).starts_with("Import"))
        .expect("an import button");
    assert!(
        import.has_attribute("disabled"),
        "nothing to import while rows have problems"
    );
    assert!(api.requests().iter().any(
        |r| r.starts_with("POST /api/facilities/items/import") && r.contains(r#""save":false"#)
    ));
    assert_inputs_are_labelled(&app.root);
}

/// Types `value` into an input or textarea whose text the page keeps, firing `input` as
/// typing does.
fn type_text(root: &web_sys::Element, selector: &str, value: &str) {
    js_sys::Reflect::set(&one(root, selector), &"value".into(), &value.into())
        .expect("inputs and textareas have a value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let input = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    one(root, selector).dispatch_event(&input).unwrap();
}

//! Browser tests for donations and the wishlist: the donation a form's rows make (money
//! typed as `12.50`, a new donor inline, grants), problems keyed to the right row, wish
//! and pledge quantities, and the public wishlist and the "Log a donation" page against
//! a stand-in API.

#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::{all, assert_inputs_are_labelled, click, mount_at, one, text, wait_for, MockApi};
use frontend::api::json::to_json;
use frontend::console::donations::{
    check_arrived, check_donation, check_donor, check_letterhead, check_wish, item_field,
    pledge_item_row, wish_progress, ArrivedDraft, DonationDraft, DonorChoice, DonorDraft, ItemRow,
    WishDraft,
};
use frontend::console::inventory::{LocationDraft, STORAGE_PLACE};
use frontend::console::App;
use frontend::widget::wishlist::{
    check_pledge, fully_pledged_in_words, quantity_problem, PledgeDraft,
};
use frontend::widget::WishlistApp;
use shared::{
    DeliveryMethod, DonationFrom, DonorKind, FieldErrors, ItemCondition, ItemStatus, Letterhead,
    NewWish, Pledge, PledgeStatus, Wish, WishPriority,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn today() -> NaiveDate {
    date("2026-11-30")
}

fn keys(problems: &FieldErrors) -> Vec<&str> {
    problems.keys().map(String::as_str).collect()
}

fn sofa_row() -> ItemRow {
    ItemRow {
        key: 0,
        name: " Sofa ".to_owned(),
        category_id: "1".to_owned(),
        quantity: "3".to_owned(),
        unit: "sofas".to_owned(),
        condition: ItemCondition::Good,
        status: ItemStatus::InUse,
        location: LocationDraft {
            choice: "4".to_owned(),
            storage_place: String::new(),
        },
        estimated_value: "$120.5".to_owned(),
        ..ItemRow::default()
    }
}

fn games_row() -> ItemRow {
    ItemRow {
        key: 1,
        name: "Board games".to_owned(),
        category_id: "2".to_owned(),
        quantity: "2".to_owned(),
        unit: "boxes".to_owned(),
        location: LocationDraft {
            choice: STORAGE_PLACE.to_owned(),
            storage_place: "Basement shelf 2".to_owned(),
        },
        ..ItemRow::default()
    }
}

fn new_donor_draft() -> DonationDraft {
    DonationDraft {
        donor: DonorChoice::New(DonorDraft {
            kind: DonorKind::Business,
            name: "Corner Furniture".to_owned(),
            email: "hello@corner.example".to_owned(),
            ..DonorDraft::default()
        }),
        received_on: "2026-11-28".to_owned(),
        method: DeliveryMethod::Delivery,
        notes: String::new(),
        grant: Default::default(),
        items: vec![sofa_row(), games_row()],
    }
}

#[wasm_bindgen_test]
fn a_donation_from_a_new_donor_is_built_from_its_rows() {
    let draft = new_donor_draft();
    let new = check_donation(&draft, Some(DonorKind::Business), today()).expect("fine");
    let DonationFrom::New { new_donor } = &new.from else {
        panic!("a new donor: {:?}", new.from);
    };
    assert_eq!(new_donor.name, "Corner Furniture");
    assert_eq!(new.received_on, date("2026-11-28"));
    assert_eq!(new.method, DeliveryMethod::Delivery);
    assert_eq!(new.grant, None);
    assert_eq!(new.items.len(), 2);
    let sofa = &new.items[0];
    assert_eq!(sofa.name, "Sofa");
    assert_eq!(sofa.quantity, 3);
    assert_eq!(sofa.estimated_value_cents, Some(12050));
    assert_eq!(sofa.location.space_id, Some(4));
    assert_eq!(sofa.location.storage_place, None);
    // Items take the donation's date: they carry none of their own.
    assert_eq!(sofa.received_on, None);
    let games = &new.items[1];
    assert_eq!(games.location.space_id, None);
    assert_eq!(
        games.location.storage_place.as_deref(),
        Some("Basement shelf 2")
    );
    assert_eq!(games.estimated_value_cents, None);

    // On the wire: the new donor's details under `new_donor`, no `donor_id`, and the
    // items' locations flat, as the API reads them.
    let json = to_json(&new).expect("serialises");
    assert!(
        json.contains(r#""new_donor":{"kind":"business","name":"Corner Furniture""#),
        "{json}"
    );
    assert!(!json.contains("donor_id"), "{json}");
    assert!(json.contains(r#""space_id":4"#), "{json}");
    assert!(
        json.contains(r#""storage_place":"Basement shelf 2""#),
        "{json}"
    );
    assert!(json.contains(r#""estimated_value_cents":12050"#), "{json}");
    assert!(!json.contains("grant"), "{json}");
}

#[wasm_bindgen_test]
fn a_donation_from_a_known_donor_sends_only_their_id() {
    let draft = DonationDraft {
        donor: DonorChoice::Known(Some(7)),
        ..new_donor_draft()
    };
    let new = check_donation(&draft, Some(DonorKind::Business), today()).expect("fine");
    assert_eq!(new.from, DonationFrom::Known { donor_id: 7 });
    let json = to_json(&new).expect("serialises");
    assert!(json.starts_with(r#"{"donor_id":7,"#), "{json}");

    let nobody = DonationDraft {
        donor: DonorChoice::Known(None),
        ..new_donor_draft()
    };
    let problems = check_donation(&nobody, None, today()).unwrap_err();
    assert_eq!(keys(&problems), ["donor_id"]);
}

#[wasm_bindgen_test]
fn problems_are_keyed_to_the_row_and_field_they_are_about() {
    let mut draft = new_donor_draft();
    draft.items[1].quantity = "0".to_owned();
    draft.items[1].category_id = String::new();
    draft.items[0].estimated_value = "twelve".to_owned();
    draft.items[0].location = LocationDraft::default();
    draft.items.push(ItemRow {
        key: 2,
        location: LocationDraft {
            choice: STORAGE_PLACE.to_owned(),
            storage_place: " ".to_owned(),
        },
        ..ItemRow::default()
    });
    draft.received_on = "2026-12-01".to_owned();
    if let DonorChoice::New(donor) = &mut draft.donor {
        donor.name = String::new();
        donor.email = "not an email".to_owned();
    }
    let problems = check_donation(&draft, Some(DonorKind::Business), today()).unwrap_err();
    assert_eq!(
        keys(&problems),
        [
            "items[0].estimated_value_cents",
            "items[0].space_id",
            "items[1].category_id",
            "items[1].quantity",
            "items[2].category_id",
            "items[2].name",
            "items[2].storage_place",
            "new_donor.email",
            "new_donor.name",
            "received_on",
        ]
    );
    assert_eq!(item_field(1, "quantity"), "items[1].quantity");
    assert!(problems["received_on"][0].contains("hasn't come yet"));
    assert!(problems["items[1].quantity"][0].contains("from 1 to"));
}

#[wasm_bindgen_test]
fn only_grants_have_grant_details_and_may_come_without_items() {
    let mut draft = new_donor_draft();
    draft.grant.name = "Typed, then the donor changed".to_owned();
    let new = check_donation(&draft, Some(DonorKind::Business), today()).expect("fine");
    assert_eq!(new.grant, None);

    draft.items.clear();
    let problems = check_donation(&draft, Some(DonorKind::Business), today()).unwrap_err();
    assert_eq!(keys(&problems), ["items"]);

    draft.grant.name = "Community Fund".to_owned();
    draft.grant.amount = "2500.00".to_owned();
    draft.grant.period_start = "2026-01-01".to_owned();
    draft.grant.period_end = "2026-12-31".to_owned();
    let new = check_donation(&draft, Some(DonorKind::Grant), today()).expect("fine");
    let grant = new.grant.expect("grant details");
    assert_eq!(grant.amount_cents, 250_000);
    assert_eq!(grant.period_end, date("2026-12-31"));
    assert!(new.items.is_empty());

    draft.grant.amount = String::new();
    draft.grant.period_end = "2025-12-31".to_owned();
    let problems = check_donation(&draft, Some(DonorKind::Grant), today()).unwrap_err();
    assert_eq!(keys(&problems), ["grant.amount_cents", "grant.period_end"]);
}

#[wasm_bindgen_test]
fn a_donor_needs_a_name_and_a_real_email_if_any() {
    let donor = check_donor(&DonorDraft {
        name: "  Ada  ".to_owned(),
        ..DonorDraft::default()
    })
    .expect("fine");
    assert_eq!(donor.name, "Ada");
    assert_eq!(donor.email, "");
    let problems = check_donor(&DonorDraft {
        email: "ada@".to_owned(),
        ..DonorDraft::default()
    })
    .unwrap_err();
    assert_eq!(keys(&problems), ["email", "name"]);
}

fn wish(quantity: i64, pledged: i64) -> Wish {
    Wish {
        id: 5,
        details: NewWish {
            name: "Bean bags".to_owned(),
            quantity,
            priority: WishPriority::High,
            note: String::new(),
            category_id: Some(1),
        },
        pledged,
        still_needed: quantity - pledged,
    }
}

#[wasm_bindgen_test]
fn a_wish_can_not_need_fewer_than_are_pledged() {
    let draft = WishDraft {
        name: "Bean bags".to_owned(),
        quantity: "2".to_owned(),
        ..WishDraft::default()
    };
    let problems = check_wish(&draft, 3).unwrap_err();
    assert_eq!(keys(&problems), ["quantity"]);
    assert!(problems["quantity"][0].contains("3 are already pledged"));
    let new = check_wish(
        &WishDraft {
            quantity: "3".to_owned(),
            category_id: "1".to_owned(),
            ..draft
        },
        3,
    )
    .expect("fine");
    assert_eq!((new.quantity, new.category_id), (3, Some(1)));
    assert_eq!(
        wish_progress(&wish(5, 3)),
        "5 wanted: 3 pledged, 2 still needed"
    );
    assert_eq!(wish_progress(&wish(5, 5)), "5 wanted: fully pledged");
}

#[wasm_bindgen_test]
fn a_pledge_is_at_least_one_and_at_most_what_is_still_needed() {
    let draft = PledgeDraft {
        organisation: " Corner Cafe ".to_owned(),
        contact_name: "Sam".to_owned(),
        email: "sam@cafe.example".to_owned(),
        quantity: "2".to_owned(),
        message: String::new(),
    };
    let pledge = check_pledge(&draft, 2).expect("fine");
    assert_eq!(pledge.organisation, "Corner Cafe");
    assert_eq!(pledge.quantity, 2);

    let too_many = check_pledge(&draft, 1).unwrap_err();
    assert_eq!(
        too_many.for_field("quantity").as_deref(),
        Some("We need just 1, so please enter 1.")
    );
    let problems = check_pledge(
        &PledgeDraft {
            contact_name: " ".to_owned(),
            email: "nope".to_owned(),
            quantity: "0".to_owned(),
            ..draft
        },
        4,
    )
    .unwrap_err();
    assert_eq!(
        keys(&problems.fields),
        ["contact_name", "email", "quantity"]
    );
    assert_eq!(
        quantity_problem(4),
        "Please enter a whole number from 1 to 4."
    );
    assert!(fully_pledged_in_words(Some("Only 1 is still needed."))
        .ends_with("Only 1 is still needed."));
}

fn pledge() -> Pledge {
    Pledge {
        id: 9,
        wish_id: 5,
        wish_name: "Bean bags".to_owned(),
        organisation: "Corner Cafe".to_owned(),
        contact_name: "Sam".to_owned(),
        email: "sam@cafe.example".to_owned(),
        quantity: 2,
        message: String::new(),
        status: PledgeStatus::Open,
        donation_id: None,
        created_at: chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").unwrap(),
    }
}

#[wasm_bindgen_test]
fn a_gift_that_arrived_starts_as_the_wish_with_the_pledged_quantity() {
    let row = pledge_item_row(&pledge(), Some(&wish(5, 2)));
    assert_eq!(row.name, "Bean bags");
    assert_eq!(row.quantity, "2");
    assert_eq!(row.category_id, "1");
    assert_eq!(pledge_item_row(&pledge(), None).category_id, "");

    let mut draft = ArrivedDraft {
        received_on: "2026-11-29".to_owned(),
        method: DeliveryMethod::DropOff,
        notes: String::new(),
        items: vec![ItemRow {
            location: LocationDraft {
                choice: "1".to_owned(),
                storage_place: String::new(),
            },
            ..row
        }],
    };
    let arrived = check_arrived(&draft, None, today()).expect("fine");
    assert_eq!(arrived.donor_id, None);
    assert_eq!(arrived.items[0].quantity, 2);
    let json = to_json(&arrived).expect("serialises");
    assert!(!json.contains("donor_id"), "{json}");

    draft.items.clear();
    assert_eq!(
        keys(&check_arrived(&draft, Some(3), today()).unwrap_err()),
        ["items"]
    );
}

#[wasm_bindgen_test]
fn the_letterhead_keeps_parts_short_and_its_email_real() {
    let problems = check_letterhead(&Letterhead {
        email: "letters@".to_owned(),
        tax_id: "1".repeat(61),
        ..Letterhead::default()
    })
    .unwrap_err();
    assert_eq!(keys(&problems), ["email", "tax_id"]);
    let fine = check_letterhead(&Letterhead {
        signer_name: " Jo ".to_owned(),
        ..Letterhead::default()
    })
    .expect("fine");
    assert_eq!(fine.signer_name, "Jo");
}

/// Types `value` into an input or textarea whose text the page keeps, firing `input`.
fn type_text(root: &web_sys::Element, selector: &str, value: &str) {
    js_sys::Reflect::set(&one(root, selector), &"value".into(), &value.into())
        .expect("inputs have a value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let input = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    one(root, selector).dispatch_event(&input).unwrap();
}

/// Picks `value` in a `<select>`, firing `change`.
fn choose(root: &web_sys::Element, selector: &str, value: &str) {
    let select = one(root, selector)
        .dyn_into::<web_sys::HtmlSelectElement>()
        .expect("a select");
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let change = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&change).unwrap();
}

/// Presses the submit button of the form matching `form`.
fn submit(root: &web_sys::Element, form: &str) {
    click(&one(root, &format!("{form} button[type='submit']")));
}

const PUBLIC_WISHES: &str = r#"[
    {"id":5,"name":"Bean bags","priority":"high","note":"Washable covers, please.","still_needed":3},
    {"id":6,"name":"Art supplies","priority":"low","note":"","still_needed":10}
]"#;

#[wasm_bindgen_test]
async fn a_partner_pledges_from_the_public_wishlist_and_is_thanked() {
    let api = MockApi::new(&[
        ("GET /api/wishlist", 200, PUBLIC_WISHES),
        (
            "POST /api/wishlist/5/pledges",
            201,
            r#"{"wish":{"id":5,"name":"Bean bags","priority":"high","note":"","still_needed":1},"quantity":2}"#,
        ),
    ]);
    let app = mount_at::<WishlistApp>("/wishlist", ()).await;
    wait_for(&app.root, ".wish h2", |text| text == "Bean bags").await;
    let cards = all(&app.root, ".wish");
    assert!(text(&cards[0]).contains("3 still needed"));
    assert!(text(&cards[0]).contains("Needed most"));
    // Nobody's name or email is on the public page.
    assert!(!app.root.inner_html().contains('@'));

    let pledge_button = all(&app.root, ".wish button")
        .into_iter()
        .find(|button| text(button).starts_with("Pledge") && text(button).contains("Bean bags"))
        .expect("a pledge button per entry");
    click(&pledge_button);
    wait_for(&app.root, "#pledge-contact-name", |_| true).await;
    assert_inputs_are_labelled(&app.root);
    assert_eq!(
        one(&app.root, "#pledge-quantity")
            .get_attribute("max")
            .as_deref(),
        Some("3")
    );

    // Too many is caught before anything is sent.
    type_text(&app.root, "#pledge-contact-name", "Sam");
    type_text(&app.root, "#pledge-email", "sam@cafe.example");
    type_text(&app.root, "#pledge-quantity", "4");
    submit(&app.root, ".pledge-form");
    wait_for(&app.root, "#pledge-quantity-error", |text| {
        text.contains("1 to 3")
    })
    .await;
    assert!(!api
        .requests()
        .iter()
        .any(|request| request.starts_with("POST")));

    type_text(&app.root, "#pledge-quantity", "2");
    submit(&app.root, ".pledge-form");
    wait_for(&app.root, ".notice--success", |text| {
        text.contains("Thank you! You've pledged 2 \u{00d7} Bean bags.")
    })
    .await;
    let requests = api.requests();
    assert!(
        requests.iter().any(|request| request
            == r#"POST /api/wishlist/5/pledges {"organisation":"","contact_name":"Sam","email":"sam@cafe.example","quantity":2,"message":""}"#),
        "{requests:?}"
    );
    // The list is loaded again, to show what is still needed now.
    assert_eq!(
        requests
            .iter()
            .filter(|request| *request == "GET /api/wishlist")
            .count(),
        2,
        "{requests:?}"
    );
}

#[wasm_bindgen_test]
async fn a_pledge_someone_else_beat_is_explained_in_words() {
    let _api = MockApi::new(&[
        ("GET /api/wishlist", 200, PUBLIC_WISHES),
        (
            "POST /api/wishlist/5/pledges",
            409,
            r#"{"error":{"code":"fully_pledged","message":"Only 1 is still needed."}}"#,
        ),
    ]);
    let app = mount_at::<WishlistApp>("/wishlist", ()).await;
    wait_for(&app.root, ".wish h2", |text| text == "Bean bags").await;
    click(&all(&app.root, ".wish button")[0]);
    wait_for(&app.root, "#pledge-contact-name", |_| true).await;
    type_text(&app.root, "#pledge-contact-name", "Sam");
    type_text(&app.root, "#pledge-email", "sam@cafe.example");
    type_text(&app.root, "#pledge-quantity", "3");
    submit(&app.root, ".pledge-form");
    wait_for(&app.root, ".form-alert", |text| {
        text.contains("Other partners pledged this just before you")
            && text.contains("Only 1 is still needed.")
    })
    .await;
}

const FACILITIES: &str =
    r#"{"id":3,"email":"fi@example.org","display_name":"Fi","roles":["facilities"]}"#;
const DONORS: &str = r#"[{"id":7,"kind":"business","name":"Corner Furniture","contact_person":"",
    "email":"","phone":"","address":"","notes":"","public_thanks":false,"donations":1,
    "last_gave_on":"2026-10-01"}]"#;
const CATEGORIES: &str = r#"[{"id":1,"name":"Seating","consumable":false},
    {"id":2,"name":"Snacks","consumable":true}]"#;
const SPACES: &str = r#"[{"id":4,"name":"Main Lounge","capacity":12,"description":"",
    "accessibility_notes":"","house_rules":""}]"#;

#[wasm_bindgen_test]
async fn the_servers_problems_with_a_row_show_next_to_that_rows_field() {
    let _api = MockApi::new(&[
        ("GET /api/auth/me", 200, FACILITIES),
        ("GET /api/facilities/donors", 200, DONORS),
        ("GET /api/facilities/categories", 200, CATEGORIES),
        ("GET /api/spaces", 200, SPACES),
        (
            "POST /api/facilities/donations",
            422,
            r#"{"error":{"code":"validation","message":"Please check the fields below.",
                "fields":{"items[1].quantity":["At most 1000000."]}}}"#,
        ),
    ]);
    let app = mount_at::<App>("/staff/donations/new?donor=7", ()).await;
    wait_for(&app.root, "#item-0-name", |_| true).await;
    assert_inputs_are_labelled(&app.root);
    // Opened from a donor's page: that donor is picked.
    let donor = one(&app.root, "#donation-donor")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap();
    assert_eq!(donor.value(), "7");
    assert_eq!(text(&one(&app.root, ".item-row legend")), "Item 1");

    click(&one(&app.root, "#item-add"));
    wait_for(&app.root, "#item-1-name", |_| true).await;
    for (index, name) in [(0, "Sofa"), (1, "Board games")] {
        type_text(&app.root, &format!("#item-{index}-name"), name);
        choose(&app.root, &format!("#item-{index}-category"), "1");
        choose(&app.root, &format!("#item-{index}-place"), "4");
    }
    type_text(&app.root, "#item-1-quantity", "2");
    submit(&app.root, ".donation-form");
    let error = wait_for(&app.root, "#item-1-quantity-error", |_| true).await;
    assert_eq!(text(&error), "At most 1000000.");
    assert!(all(&app.root, "#item-0-quantity-error").is_empty());
    assert!(text(&one(&app.root, ".form-alert")).contains("Item 2, how many: At most 1000000."));
}

//! What the donation pages check before sending, and say in words: donors, a donation
//! with its item rows (money typed as "12.50", read by the inventory's `parse_money`
//! into cents), grants, the letterhead,
//! wishlist entries and a pledged gift that arrived. Kept apart from the components so
//! they can be tested alone; problems are keyed like the API's `fields` (rows as
//! `items[1].quantity`, a new donor as `new_donor.name`), so ours and the server's land
//! next to the same inputs.

use chrono::NaiveDate;
use shared::{
    DeliveryMethod, DonationFrom, DonorKind, Email, FieldErrors, GrantDetails, ItemCondition,
    ItemLocation, ItemStatus, Letterhead, NewDonation, NewDonor, NewItem, NewWish, Pledge,
    PledgeArrived, PledgeStatus, Wish, WishPriority,
};

use super::inventory::{parse_money, LocationDraft};
use crate::clock::parse_date;
use shared::form_checks::{add, text};

/// The server's limits.
pub const NAME_MAX: usize = 120;
pub const UNIT_MAX: usize = 30;
pub const NOTES_MAX: usize = 2000;
pub const PLACE_MAX: usize = 120;
pub const PHONE_MAX: usize = 40;
pub const ADDRESS_MAX: usize = 500;
pub const GRANT_NAME_MAX: usize = 200;
pub const QUANTITY_MAX: i64 = 1_000_000;
pub const MAX_ITEMS: usize = 200;

/// A whole number from `min` to `max` typed into `field`.
fn whole_number(
    problems: &mut FieldErrors,
    field: &str,
    typed: &str,
    min: i64,
    max: i64,
) -> Option<i64> {
    let typed = typed.trim();
    if typed.is_empty() {
        add(problems, field, "Please enter a number.");
        return None;
    }
    match typed.parse::<i64>() {
        Ok(number) if (min..=max).contains(&number) => Some(number),
        _ => {
            add(
                problems,
                field,
                format!("Enter a whole number from {min} to {max}."),
            );
            None
        }
    }
}

/// A donor's details as they are being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct DonorDraft {
    pub kind: DonorKind,
    pub name: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub notes: String,
    pub public_thanks: bool,
}

impl Default for DonorDraft {
    fn default() -> Self {
        Self {
            kind: DonorKind::Business,
            name: String::new(),
            contact_person: String::new(),
            email: String::new(),
            phone: String::new(),
            address: String::new(),
            notes: String::new(),
            public_thanks: false,
        }
    }
}

impl DonorDraft {
    pub fn from_donor(details: &NewDonor) -> Self {
        Self {
            kind: details.kind,
            name: details.name.clone(),
            contact_person: details.contact_person.clone(),
            email: details.email.clone(),
            phone: details.phone.clone(),
            address: details.address.clone(),
            notes: details.notes.clone(),
            public_thanks: details.public_thanks,
        }
    }
}

/// The donor to send, problems under `prefix` + the field (`new_donor.name`).
pub fn check_donor_into(problems: &mut FieldErrors, prefix: &str, draft: &DonorDraft) -> NewDonor {
    let field = |name: &str| format!("{prefix}{name}");
    let email = text(problems, &field("email"), &draft.email, 254, false);
    if !email.is_empty() {
        if let Err(invalid) = Email::parse(&email) {
            add(problems, &field("email"), invalid.0);
        }
    }
    NewDonor {
        kind: draft.kind,
        name: text(problems, &field("name"), &draft.name, NAME_MAX, true),
        contact_person: text(
            problems,
            &field("contact_person"),
            &draft.contact_person,
            NAME_MAX,
            false,
        ),
        email,
        phone: text(problems, &field("phone"), &draft.phone, PHONE_MAX, false),
        address: text(
            problems,
            &field("address"),
            &draft.address,
            ADDRESS_MAX,
            false,
        ),
        notes: text(problems, &field("notes"), &draft.notes, NOTES_MAX, false),
        public_thanks: draft.public_thanks,
    }
}

pub fn check_donor(draft: &DonorDraft) -> Result<NewDonor, FieldErrors> {
    let mut problems = FieldErrors::new();
    let donor = check_donor_into(&mut problems, "", draft);
    if problems.is_empty() {
        Ok(donor)
    } else {
        Err(problems)
    }
}

/// One item of a donation as it is being typed. `key` stays with the row when others are
/// added or removed, so Yew keeps each row's inputs apart.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub key: u32,
    pub name: String,
    /// The category select's value: an id, or "" before one is picked.
    pub category_id: String,
    pub quantity: String,
    pub unit: String,
    pub condition: ItemCondition,
    pub status: ItemStatus,
    /// Where it goes: a space, or a storage place typed in.
    pub location: LocationDraft,
    pub estimated_value: String,
    pub notes: String,
    pub low_stock_threshold: String,
}

impl Default for ItemRow {
    fn default() -> Self {
        Self {
            key: 0,
            name: String::new(),
            category_id: String::new(),
            quantity: "1".to_owned(),
            unit: String::new(),
            condition: ItemCondition::Good,
            status: ItemStatus::InStorage,
            location: LocationDraft::default(),
            estimated_value: String::new(),
            notes: String::new(),
            low_stock_threshold: String::new(),
        }
    }
}

/// The API's name for `part` of item `index`: `items[1].quantity`.
pub fn item_field(index: usize, part: &str) -> String {
    format!("items[{index}].{part}")
}

/// A key no row has yet.
pub fn next_item_key(rows: &[ItemRow]) -> u32 {
    rows.iter().map(|row| row.key + 1).max().unwrap_or(0)
}

/// The item of row `index`, or `None` with its problems added.
pub fn check_item_row(problems: &mut FieldErrors, index: usize, row: &ItemRow) -> Option<NewItem> {
    let before = problems.len();
    let field = |part: &str| item_field(index, part);
    let name = text(problems, &field("name"), &row.name, NAME_MAX, true);
    let category_id = row.category_id.trim().parse::<i64>().ok();
    if category_id.is_none() {
        add(problems, &field("category_id"), "Please choose a category.");
    }
    let quantity = whole_number(problems, &field("quantity"), &row.quantity, 1, QUANTITY_MAX);
    let unit = text(problems, &field("unit"), &row.unit, UNIT_MAX, false);
    if row.status == ItemStatus::Disposed {
        add(
            problems,
            &field("status"),
            "Log an item as it arrives; dispose of it later.",
        );
    }
    let (space_id, storage_place) = if row.location.is_storage_place() {
        let place = text(
            problems,
            &field("storage_place"),
            &row.location.storage_place,
            PLACE_MAX,
            false,
        );
        if place.is_empty() {
            add(
                problems,
                &field("storage_place"),
                "Type where it's kept, like \u{201c}Basement shelf 2\u{201d}.",
            );
        }
        (None, Some(place))
    } else {
        let space_id = row.location.choice.parse::<i64>().ok();
        if space_id.is_none() {
            add(
                problems,
                &field("space_id"),
                "Say where it is: a space or a storage place.",
            );
        }
        (space_id, None)
    };
    let estimated_value_cents = parse_money(&row.estimated_value)
        .map_err(|problem| add(problems, &field("estimated_value_cents"), problem))
        .ok()
        .flatten();
    let low_stock_threshold = if row.low_stock_threshold.trim().is_empty() {
        None
    } else {
        whole_number(
            problems,
            &field("low_stock_threshold"),
            &row.low_stock_threshold,
            0,
            QUANTITY_MAX,
        )
    };
    let notes = text(problems, &field("notes"), &row.notes, NOTES_MAX, false);
    if problems.len() != before {
        return None;
    }
    Some(NewItem {
        name,
        category_id: category_id?,
        quantity: quantity?,
        unit,
        condition: row.condition,
        status: row.status,
        location: ItemLocation {
            space_id,
            storage_place,
        },
        received_on: None,
        estimated_value_cents,
        notes,
        low_stock_threshold,
        donation_id: None,
    })
}

/// Every row's item, or every row's problems.
pub fn check_item_rows(problems: &mut FieldErrors, rows: &[ItemRow]) -> Vec<NewItem> {
    if rows.len() > MAX_ITEMS {
        add(
            problems,
            "items",
            format!("At most {MAX_ITEMS} items; import a longer list as a CSV file."),
        );
        return Vec::new();
    }
    rows.iter()
        .enumerate()
        .filter_map(|(index, row)| check_item_row(problems, index, row))
        .collect()
}

/// Who the donation is from, as picked on the form.
#[derive(Debug, Clone, PartialEq)]
pub enum DonorChoice {
    /// A donor already known (`None` until one is picked).
    Known(Option<i64>),
    New(DonorDraft),
}

/// A grant's details as they are being typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GrantDraft {
    pub name: String,
    pub amount: String,
    pub period_start: String,
    pub period_end: String,
}

/// The "Log a donation" form as it is being filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct DonationDraft {
    pub donor: DonorChoice,
    pub received_on: String,
    pub method: DeliveryMethod,
    pub notes: String,
    pub grant: GrantDraft,
    pub items: Vec<ItemRow>,
}

impl DonationDraft {
    /// Today's donation with one empty item row, from `donor` if one is known.
    pub fn new(today: NaiveDate, donor: Option<i64>) -> Self {
        Self {
            donor: DonorChoice::Known(donor),
            received_on: today.to_string(),
            method: DeliveryMethod::DropOff,
            notes: String::new(),
            grant: GrantDraft::default(),
            items: vec![ItemRow::default()],
        }
    }

    /// The kind of the donor picked or being added; `known_kind` looks a known one up.
    pub fn donor_kind(&self, known_kind: impl Fn(i64) -> Option<DonorKind>) -> Option<DonorKind> {
        match &self.donor {
            DonorChoice::Known(id) => id.and_then(known_kind),
            DonorChoice::New(draft) => Some(draft.kind),
        }
    }
}

/// The date in `field`, not after `today`.
fn received_date(
    problems: &mut FieldErrors,
    field: &str,
    typed: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    match parse_date(typed) {
        None => {
            add(problems, field, "Please enter the date it came in.");
            None
        }
        Some(date) if date > today => {
            add(problems, field, "That date hasn't come yet.");
            None
        }
        Some(date) => Some(date),
    }
}

fn check_grant(problems: &mut FieldErrors, draft: &GrantDraft) -> Option<GrantDetails> {
    let before = problems.len();
    let name = text(problems, "grant.name", &draft.name, GRANT_NAME_MAX, true);
    let amount_cents = match parse_money(&draft.amount) {
        Ok(Some(cents)) => Some(cents),
        Ok(None) => {
            add(problems, "grant.amount_cents", "Please enter the amount.");
            None
        }
        Err(problem) => {
            add(problems, "grant.amount_cents", problem);
            None
        }
    };
    let date = |problems: &mut FieldErrors, field: &str, typed: &str| {
        let date = parse_date(typed);
        if date.is_none() {
            add(problems, field, "Please enter a date.");
        }
        date
    };
    let period_start = date(problems, "grant.period_start", &draft.period_start);
    let period_end = date(problems, "grant.period_end", &draft.period_end);
    if let (Some(start), Some(end)) = (period_start, period_end) {
        if end < start {
            add(
                problems,
                "grant.period_end",
                "Choose an end on or after the start.",
            );
        }
    }
    if problems.len() != before {
        return None;
    }
    Some(GrantDetails {
        name,
        amount_cents: amount_cents?,
        period_start: period_start?,
        period_end: period_end?,
    })
}

/// The donation to send, or every problem found. `donor_kind` is the kind of the donor
/// picked (grants have grant details and may come without items); `today` is the
/// latest date a donation can have come in.
pub fn check_donation(
    draft: &DonationDraft,
    donor_kind: Option<DonorKind>,
    today: NaiveDate,
) -> Result<NewDonation, FieldErrors> {
    let mut problems = FieldErrors::new();
    let from = match &draft.donor {
        DonorChoice::Known(Some(donor_id)) => Some(DonationFrom::Known {
            donor_id: *donor_id,
        }),
        DonorChoice::Known(None) => {
            add(
                &mut problems,
                "donor_id",
                "Please choose a donor, or add a new one.",
            );
            None
        }
        DonorChoice::New(donor) => Some(DonationFrom::New {
            new_donor: check_donor_into(&mut problems, "new_donor.", donor),
        }),
    };
    let received_on = received_date(&mut problems, "received_on", &draft.received_on, today);
    let notes = text(&mut problems, "notes", &draft.notes, NOTES_MAX, false);
    let is_grant = donor_kind == Some(DonorKind::Grant);
    let grant = if is_grant {
        check_grant(&mut problems, &draft.grant)
    } else {
        None
    };
    if !is_grant && draft.items.is_empty() {
        add(&mut problems, "items", "Add at least one item.");
    }
    let items = check_item_rows(&mut problems, &draft.items);
    match (from, received_on) {
        (Some(from), Some(received_on)) if problems.is_empty() => Ok(NewDonation {
            from,
            received_on,
            method: draft.method,
            notes,
            grant,
            items,
        }),
        _ => Err(problems),
    }
}

/// The item row a pledge starts with: the wish's name and category, the quantity
/// pledged.
pub fn pledge_item_row(pledge: &Pledge, wish: Option<&Wish>) -> ItemRow {
    ItemRow {
        name: pledge.wish_name.clone(),
        category_id: wish
            .and_then(|wish| wish.details.category_id)
            .map(|id| id.to_string())
            .unwrap_or_default(),
        quantity: pledge.quantity.to_string(),
        condition: ItemCondition::New,
        ..ItemRow::default()
    }
}

/// "Gift arrived" as it is being filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrivedDraft {
    pub received_on: String,
    pub method: DeliveryMethod,
    pub notes: String,
    pub items: Vec<ItemRow>,
}

pub fn check_arrived(
    draft: &ArrivedDraft,
    donor_id: Option<i64>,
    today: NaiveDate,
) -> Result<PledgeArrived, FieldErrors> {
    let mut problems = FieldErrors::new();
    let received_on = received_date(&mut problems, "received_on", &draft.received_on, today);
    let notes = text(&mut problems, "notes", &draft.notes, NOTES_MAX, false);
    if draft.items.is_empty() {
        add(&mut problems, "items", "Add at least one item.");
    }
    let items = check_item_rows(&mut problems, &draft.items);
    match received_on {
        Some(received_on) if problems.is_empty() => Ok(PledgeArrived {
            donor_id,
            received_on,
            method: draft.method,
            notes,
            items,
        }),
        _ => Err(problems),
    }
}

/// A wishlist entry as it is being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct WishDraft {
    pub name: String,
    pub quantity: String,
    pub priority: WishPriority,
    pub note: String,
    /// The category select's value: an id, or "" for none.
    pub category_id: String,
}

impl Default for WishDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            quantity: "1".to_owned(),
            priority: WishPriority::Medium,
            note: String::new(),
            category_id: String::new(),
        }
    }
}

impl WishDraft {
    pub fn from_wish(wish: &NewWish) -> Self {
        Self {
            name: wish.name.clone(),
            quantity: wish.quantity.to_string(),
            priority: wish.priority,
            note: wish.note.clone(),
            category_id: wish
                .category_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
        }
    }
}

/// The entry to send; it can't need fewer than are already `pledged`.
pub fn check_wish(draft: &WishDraft, pledged: i64) -> Result<NewWish, FieldErrors> {
    let mut problems = FieldErrors::new();
    let name = text(&mut problems, "name", &draft.name, NAME_MAX, true);
    let note = text(&mut problems, "note", &draft.note, NOTES_MAX, false);
    let quantity = whole_number(&mut problems, "quantity", &draft.quantity, 1, QUANTITY_MAX);
    if let Some(quantity) = quantity.filter(|quantity| *quantity < pledged) {
        problems.insert(
            "quantity".to_owned(),
            vec![format!(
                "{pledged} are already pledged, so it can't be fewer than that (you asked for {quantity})."
            )],
        );
    }
    match quantity {
        Some(quantity) if problems.is_empty() => Ok(NewWish {
            name,
            quantity,
            priority: draft.priority,
            note,
            category_id: draft.category_id.trim().parse().ok(),
        }),
        _ => Err(problems),
    }
}

/// The letterhead to save: each part is optional, and short.
pub fn check_letterhead(letterhead: &Letterhead) -> Result<Letterhead, FieldErrors> {
    let mut problems = FieldErrors::new();
    let mut checked = Letterhead {
        agency_name: letterhead.agency_name.clone(),
        address: text(
            &mut problems,
            "address",
            &letterhead.address,
            ADDRESS_MAX,
            false,
        ),
        phone: text(&mut problems, "phone", &letterhead.phone, PHONE_MAX, false),
        email: text(&mut problems, "email", &letterhead.email, 254, false),
        website: text(&mut problems, "website", &letterhead.website, 200, false),
        tax_id: text(&mut problems, "tax_id", &letterhead.tax_id, 60, false),
        signer_name: text(
            &mut problems,
            "signer_name",
            &letterhead.signer_name,
            NAME_MAX,
            false,
        ),
        signer_title: text(
            &mut problems,
            "signer_title",
            &letterhead.signer_title,
            NAME_MAX,
            false,
        ),
        currency_symbol: text(
            &mut problems,
            "currency_symbol",
            &letterhead.currency_symbol,
            5,
            false,
        ),
    };
    if !checked.email.is_empty() {
        match Email::parse(&checked.email) {
            Ok(email) => checked.email = email.into(),
            Err(invalid) => add(&mut problems, "email", invalid.0),
        }
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(problems)
    }
}

pub fn donor_kind_label(kind: DonorKind) -> &'static str {
    match kind {
        DonorKind::Nonprofit => "Nonprofit",
        DonorKind::Business => "Business",
        DonorKind::CommunityDrive => "Community drive",
        DonorKind::Grant => "Grant",
        DonorKind::Individual => "Individual",
    }
}

pub fn method_label(method: DeliveryMethod) -> &'static str {
    match method {
        DeliveryMethod::DropOff => "Dropped off",
        DeliveryMethod::Pickup => "We picked it up",
        DeliveryMethod::Delivery => "Delivered",
    }
}

/// The statuses an item can arrive with: nothing arrives disposed of.
pub const ARRIVING_STATUSES: [ItemStatus; 3] = [
    ItemStatus::InStorage,
    ItemStatus::InUse,
    ItemStatus::LentOut,
];

pub fn priority_label(priority: WishPriority) -> &'static str {
    match priority {
        WishPriority::High => "High priority",
        WishPriority::Medium => "Medium priority",
        WishPriority::Low => "Low priority",
    }
}

pub fn pledge_status_label(status: PledgeStatus) -> &'static str {
    match status {
        PledgeStatus::Open => "Waiting for the gift",
        PledgeStatus::Received => "Gift arrived",
        PledgeStatus::Withdrawn => "Withdrawn",
    }
}

/// "5 wanted: 3 pledged, 2 still needed", or "… fully pledged".
pub fn wish_progress(wish: &Wish) -> String {
    let wanted = wish.details.quantity;
    match wish.still_needed {
        0 => format!("{wanted} wanted: fully pledged"),
        needed => format!(
            "{wanted} wanted: {} pledged, {needed} still needed",
            wish.pledged
        ),
    }
}

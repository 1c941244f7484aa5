//! What the inventory pages check and build before sending: the list's filters as a
//! query string (the page's own address holds them, so a reload or a shared link shows
//! the same list), money typed as `12.50`, new items, changes, stock use, status
//! changes of several items, and the import's problems. The same rules as the server,
//! kept apart from the components so they can be tested alone; problems are keyed like
//! the API's `fields`, so ours and the server's land next to the same inputs.

use chrono::NaiveDate;
use shared::{
    ApiError, BulkStatusChange, DisposalReason, FieldErrors, ImportPreview, Item, ItemCategory,
    ItemChange, ItemCondition, ItemLocation, ItemStatus, NewItem, StockChange,
};

use crate::api::ApiFailure;
use crate::clock::parse_date;
use shared::form_checks::add;

/// Items on one page of the list.
pub const PER_PAGE: u64 = 25;
/// The server's limit on a quantity.
pub const MAX_QUANTITY: i64 = 1_000_000;
/// How many photos an item can have.
pub const MAX_PHOTOS: usize = 5;

// ---- Words ----

pub fn condition_label(condition: ItemCondition) -> &'static str {
    match condition {
        ItemCondition::New => "New",
        ItemCondition::Good => "Good",
        ItemCondition::Fair => "Fair",
        ItemCondition::NeedsRepair => "Needs repair",
        ItemCondition::Unusable => "Unusable",
    }
}

pub fn status_label(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::InUse => "In use",
        ItemStatus::InStorage => "In storage",
        ItemStatus::LentOut => "Lent out",
        ItemStatus::Disposed => "Disposed of",
    }
}

pub fn disposal_label(reason: DisposalReason) -> &'static str {
    match reason {
        DisposalReason::Broken => "Broken",
        DisposalReason::GivenAway => "Given away",
        DisposalReason::Recycled => "Recycled",
    }
}

/// What a history entry changed: "Quantity", "Status".
pub fn movement_field_label(field: &str) -> String {
    match field {
        "quantity" => "Quantity".to_owned(),
        "status" => "Status".to_owned(),
        "condition" => "Condition".to_owned(),
        "location" => "Place".to_owned(),
        other => other.replace('_', " "),
    }
}

/// A value in a history entry in words: status and condition codes become their labels,
/// and an empty value (before an item arrived) says so.
pub fn movement_value(field: &str, value: &str) -> String {
    let label = match field {
        "status" => ItemStatus::parse(value).map(status_label),
        "condition" => ItemCondition::parse(value).map(condition_label),
        _ => None,
    };
    match label {
        Some(label) => label.to_owned(),
        None if value.is_empty() => "(nothing)".to_owned(),
        None => value.to_owned(),
    }
}

/// A history entry's reason in words: the disposal codes the server writes become labels.
pub fn movement_reason(reason: &str) -> String {
    let (code, rest) = match reason.split_once(": ") {
        Some((code, rest)) => (code, Some(rest)),
        None => (reason, None),
    };
    match (DisposalReason::parse(code), rest) {
        (Some(disposal), Some(rest)) => format!("{}: {rest}", disposal_label(disposal)),
        (Some(disposal), None) => disposal_label(disposal).to_owned(),
        (None, _) => reason.to_owned(),
    }
}

/// "12 chairs", "3" when there is no unit.
pub fn quantity_in_words(quantity: i64, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        quantity.to_string()
    } else {
        format!("{quantity} {unit}")
    }
}

/// The list's sort orders: the API's value and how it reads.
pub const SORTS: [(&str, &str); 7] = [
    ("name", "Name, A to Z"),
    ("-name", "Name, Z to A"),
    ("-received_on", "Newest first"),
    ("received_on", "Oldest first"),
    ("-quantity", "Most first"),
    ("quantity", "Fewest first"),
    ("category", "Category"),
];

// ---- Money ----

/// Cents from money as people type it: `12`, `12.5`, `12.50`, with an optional `$`.
/// Empty is `None` (the value is optional); anything else that isn't an amount of at
/// most 10 million is a problem to show.
pub fn parse_money(text: &str) -> Result<Option<i64>, &'static str> {
    const PROBLEM: &str = "Enter an amount like 12.50, or leave it empty.";
    let text = text.trim();
    let text = text.strip_prefix('$').unwrap_or(text).trim_start();
    if text.is_empty() {
        return Ok(None);
    }
    let (whole, cents) = match text.split_once('.') {
        Some((whole, cents)) => (whole, cents),
        None => (text, ""),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && cents.is_empty()) || !digits(whole) || !digits(cents) {
        return Err(PROBLEM);
    }
    if cents.len() > 2 {
        return Err("Give at most two digits after the point, like 12.50.");
    }
    // Leading zeros are harmless; more than 8 digits is over 10 million.
    let whole = whole.trim_start_matches('0');
    if whole.len() > 8 {
        return Err("That's more than 10 million. Check the amount.");
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| PROBLEM)?
    };
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().map_err(|_| PROBLEM)? * 10,
        _ => cents.parse().map_err(|_| PROBLEM)?,
    };
    let total = whole * 100 + cents;
    if total > 1_000_000_000 {
        return Err("That's more than 10 million. Check the amount.");
    }
    Ok(Some(total))
}

/// `12.50` from 1250 cents.
pub fn format_money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

// ---- The list's filters ----

/// Where the listed items are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PlaceFilter {
    #[default]
    Anywhere,
    Space(i64),
    StoragePlace(String),
}

/// What the list shows: its filters, order and page. Its query string is both the page's
/// address and the API's, so the export link and a reload carry the same list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFilters {
    pub text: String,
    pub category_id: Option<i64>,
    pub status: Option<ItemStatus>,
    pub condition: Option<ItemCondition>,
    pub place: PlaceFilter,
    pub received_from: Option<NaiveDate>,
    pub received_to: Option<NaiveDate>,
    /// One of [`SORTS`]' values.
    pub sort: String,
    pub page: u64,
}

impl Default for ItemFilters {
    fn default() -> Self {
        Self {
            text: String::new(),
            category_id: None,
            status: None,
            condition: None,
            place: PlaceFilter::Anywhere,
            received_from: None,
            received_to: None,
            sort: SORTS[0].0.to_owned(),
            page: 1,
        }
    }
}

impl ItemFilters {
    /// The filters a query string (with or without its `?`) holds. What can't be read is
    /// left out, so a mistyped link still shows a list.
    pub fn from_query(query: &str) -> Self {
        let mut filters = Self::default();
        let mut space = None;
        let mut storage_place = None;
        for (name, value) in query_pairs(query) {
            let value = value.trim();
            match name.as_str() {
                "q" => filters.text = value.to_owned(),
                "category_id" => filters.category_id = value.parse().ok(),
                "status" => filters.status = ItemStatus::parse(value),
                "condition" => filters.condition = ItemCondition::parse(value),
                "space_id" => space = value.parse().ok(),
                "storage_place" if !value.is_empty() => storage_place = Some(value.to_owned()),
                "received_from" => filters.received_from = parse_date(value),
                "received_to" => filters.received_to = parse_date(value),
                "sort" if SORTS.iter().any(|(code, _)| *code == value) => {
                    filters.sort = value.to_owned();
                }
                "page" => filters.page = value.parse().ok().filter(|page| *page >= 1).unwrap_or(1),
                _ => {}
            }
        }
        // An item is in a space or a storage place, never both: a space wins.
        filters.place = match (space, storage_place) {
            (Some(id), _) => PlaceFilter::Space(id),
            (None, Some(place)) => PlaceFilter::StoragePlace(place),
            (None, None) => PlaceFilter::Anywhere,
        };
        filters
    }

    /// The filters and sort as `name=value` pairs, without the page. Defaults are left
    /// out, so the plain list has a plain address.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            pairs.push(("q", text.to_owned()));
        }
        if let Some(id) = self.category_id {
            pairs.push(("category_id", id.to_string()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(condition) = self.condition {
            pairs.push(("condition", condition.as_str().to_owned()));
        }
        match &self.place {
            PlaceFilter::Anywhere => {}
            PlaceFilter::Space(id) => pairs.push(("space_id", id.to_string())),
            PlaceFilter::StoragePlace(place) => pairs.push(("storage_place", place.clone())),
        }
        if let Some(from) = self.received_from {
            pairs.push(("received_from", from.to_string()));
        }
        if let Some(to) = self.received_to {
            pairs.push(("received_to", to.to_string()));
        }
        if self.sort != SORTS[0].0 {
            pairs.push(("sort", self.sort.clone()));
        }
        pairs
    }

    /// The page's query string (without `?`): filters, sort, and the page after the first.
    pub fn to_query(&self) -> String {
        let mut pairs = self.pairs();
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        join_query(&pairs)
    }

    /// What the export takes: the filters and sort, every page.
    pub fn export_query(&self) -> String {
        join_query(&self.pairs())
    }

    /// What the list asks the API for: the page's query and the page size.
    pub fn api_query(&self) -> String {
        let mut pairs = self.pairs();
        pairs.push(("page", self.page.to_string()));
        pairs.push(("per_page", PER_PAGE.to_string()));
        join_query(&pairs)
    }

    /// Whether anything narrows the list (the order doesn't).
    pub fn is_filtered(&self) -> bool {
        let plain = Self {
            sort: self.sort.clone(),
            page: self.page,
            ..Self::default()
        };
        *self != plain
    }

    /// The same filters on another page.
    pub fn at_page(&self, page: u64) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }
}

fn join_query(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

/// The `name=value` pairs of a query string, percent-decoded, a `+` read as a space (as
/// forms write it).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = js_sys::decode_uri_component(&value.replace('+', " ")).ok()?;
            Some((name.to_owned(), String::from(value)))
        })
        .collect()
}

/// What the filter form's inputs say, read into filters (on the first page). A date
/// range that ends before it starts is a problem for `received_to`.
pub struct FilterDraft<'a> {
    pub text: &'a str,
    pub category_id: &'a str,
    pub status: &'a str,
    pub condition: &'a str,
    /// `""` (anywhere), a space's id, or [`STORAGE_PLACE`].
    pub place: &'a str,
    pub storage_place: &'a str,
    pub received_from: &'a str,
    pub received_to: &'a str,
    pub sort: &'a str,
}

/// The place select's value for "a storage place" (spaces use their ids).
pub const STORAGE_PLACE: &str = "storage";

pub fn check_filters(draft: &FilterDraft) -> Result<ItemFilters, FieldErrors> {
    let mut problems = FieldErrors::new();
    let mut date = |field: &str, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let date = parse_date(text);
        if date.is_none() {
            add(&mut problems, field, "Enter a date like 2026-03-31.");
        }
        date
    };
    let received_from = date("received_from", draft.received_from);
    let received_to = date("received_to", draft.received_to);
    if let (Some(from), Some(to)) = (received_from, received_to) {
        if to < from {
            add(
                &mut problems,
                "received_to",
                "Choose an end date on or after the start.",
            );
        }
    }
    let storage_place = draft.storage_place.trim();
    let place = match draft.place {
        STORAGE_PLACE if storage_place.is_empty() => {
            add(
                &mut problems,
                "storage_place",
                "Type the storage place, or choose \u{201c}Anywhere\u{201d}.",
            );
            PlaceFilter::Anywhere
        }
        STORAGE_PLACE => PlaceFilter::StoragePlace(storage_place.to_owned()),
        id => id.parse().map_or(PlaceFilter::Anywhere, PlaceFilter::Space),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ItemFilters {
        text: draft.text.trim().to_owned(),
        category_id: draft.category_id.parse().ok(),
        status: ItemStatus::parse(draft.status),
        condition: ItemCondition::parse(draft.condition),
        place,
        received_from,
        received_to,
        sort: SORTS
            .iter()
            .find(|(code, _)| *code == draft.sort)
            .map_or(SORTS[0].0, |(code, _)| code)
            .to_owned(),
        page: 1,
    })
}

// ---- Items ----

fn text_within(problems: &mut FieldErrors, field: &str, text: &str, max: usize, required: bool) {
    let length = text.trim().chars().count();
    if required && length == 0 {
        add(problems, field, "Please fill this in.");
    } else if length > max {
        add(
            problems,
            field,
            format!("Keep this to {max} characters or fewer."),
        );
    }
}

/// A whole number from 0 to [`MAX_QUANTITY`], or a problem for `field`.
fn count(problems: &mut FieldErrors, field: &str, text: &str, message: &str) -> Option<i64> {
    match text.trim().parse::<i64>() {
        Ok(number) if (0..=MAX_QUANTITY).contains(&number) => Some(number),
        _ => {
            add(problems, field, message);
            None
        }
    }
}

/// Where an item is, as its inputs say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocationDraft {
    /// `""` (not chosen yet), a space's id, or [`STORAGE_PLACE`].
    pub choice: String,
    pub storage_place: String,
}

impl LocationDraft {
    pub fn from_location(location: &ItemLocation) -> Self {
        match (location.space_id, &location.storage_place) {
            (Some(id), _) => Self {
                choice: id.to_string(),
                storage_place: String::new(),
            },
            (None, place) => Self {
                choice: STORAGE_PLACE.to_owned(),
                storage_place: place.clone().unwrap_or_default(),
            },
        }
    }

    pub fn is_storage_place(&self) -> bool {
        self.choice == STORAGE_PLACE
    }
}

fn check_location(problems: &mut FieldErrors, draft: &LocationDraft) -> Option<ItemLocation> {
    if draft.is_storage_place() {
        let place = draft.storage_place.trim();
        text_within(problems, "storage_place", place, 120, false);
        if place.is_empty() {
            add(
                problems,
                "storage_place",
                "Type where it's kept, like \u{201c}Basement shelf 2\u{201d}.",
            );
            return None;
        }
        return Some(ItemLocation {
            space_id: None,
            storage_place: Some(place.to_owned()),
        });
    }
    match draft.choice.parse::<i64>() {
        Ok(id) => Some(ItemLocation {
            space_id: Some(id),
            storage_place: None,
        }),
        Err(_) => {
            add(
                problems,
                "space_id",
                "Say where it is: a space or a storage place.",
            );
            None
        }
    }
}

/// A new item as its form says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDraft {
    pub name: String,
    /// The category's id, or `""` before one is chosen.
    pub category_id: String,
    pub quantity: String,
    pub unit: String,
    pub condition: String,
    pub status: String,
    pub location: LocationDraft,
    /// `YYYY-MM-DD`.
    pub received_on: String,
    /// Money as typed: `12.50`.
    pub value: String,
    pub notes: String,
    pub low_stock_threshold: String,
}

impl ItemDraft {
    /// An empty form: one item, in good condition, in use, received `today`.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            name: String::new(),
            category_id: String::new(),
            quantity: "1".to_owned(),
            unit: String::new(),
            condition: ItemCondition::Good.as_str().to_owned(),
            status: ItemStatus::InUse.as_str().to_owned(),
            location: LocationDraft::default(),
            received_on: today.to_string(),
            value: String::new(),
            notes: String::new(),
            low_stock_threshold: String::new(),
        }
    }
}

/// The category `id` names, if it is one of `categories`.
pub fn category_of<'a>(categories: &'a [ItemCategory], id: &str) -> Option<&'a ItemCategory> {
    let id: i64 = id.parse().ok()?;
    categories.iter().find(|category| category.id == id)
}

/// The item to send, or what to fix. A low-stock threshold only counts for consumables.
pub fn check_new_item(
    draft: &ItemDraft,
    categories: &[ItemCategory],
) -> Result<NewItem, FieldErrors> {
    let mut problems = FieldErrors::new();
    text_within(&mut problems, "name", &draft.name, 120, true);
    let category = category_of(categories, &draft.category_id);
    if category.is_none() {
        add(&mut problems, "category_id", "Choose a category.");
    }
    let quantity = count(
        &mut problems,
        "quantity",
        &draft.quantity,
        "Enter how many, a whole number from 0 to 1000000.",
    );
    text_within(&mut problems, "unit", &draft.unit, 30, false);
    let condition = ItemCondition::parse(&draft.condition);
    if condition.is_none() {
        add(&mut problems, "condition", "Choose its condition.");
    }
    let status = ItemStatus::parse(&draft.status).filter(|s| *s != ItemStatus::Disposed);
    if status.is_none() {
        add(&mut problems, "status", "Choose where it is in its life.");
    }
    let location = check_location(&mut problems, &draft.location);
    let received_on = parse_date(&draft.received_on);
    if received_on.is_none() {
        add(
            &mut problems,
            "received_on",
            "Please give the date it came in.",
        );
    }
    let value = parse_money(&draft.value).unwrap_or_else(|message| {
        add(&mut problems, "estimated_value_cents", message);
        None
    });
    text_within(&mut problems, "notes", &draft.notes, 2000, false);
    let consumable = category.is_some_and(|category| category.consumable);
    let threshold = threshold(&mut problems, consumable, &draft.low_stock_threshold);
    match (category, quantity, condition, status, location) {
        (Some(category), Some(quantity), Some(condition), Some(status), Some(location))
            if problems.is_empty() =>
        {
            Ok(NewItem {
                name: draft.name.trim().to_owned(),
                category_id: category.id,
                quantity,
                unit: draft.unit.trim().to_owned(),
                condition,
                status,
                location,
                received_on,
                estimated_value_cents: value,
                notes: draft.notes.trim().to_owned(),
                low_stock_threshold: threshold,
                donation_id: None,
            })
        }
        _ => Err(problems),
    }
}

/// A consumable's threshold: empty for none, else a whole number; others have none.
fn threshold(problems: &mut FieldErrors, consumable: bool, text: &str) -> Option<i64> {
    if !consumable || text.trim().is_empty() {
        return None;
    }
    count(
        problems,
        "low_stock_threshold",
        text,
        "Enter a whole number, like 5, or leave it empty.",
    )
}

/// The edit form of an item as it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditDraft {
    pub name: String,
    pub quantity: String,
    pub condition: String,
    pub status: String,
    /// `""` until chosen; only asked for when disposing.
    pub disposal_reason: String,
    pub location: LocationDraft,
    pub notes: String,
    pub low_stock_threshold: String,
    pub reason: String,
}

impl EditDraft {
    pub fn from_item(item: &Item) -> Self {
        Self {
            name: item.name.clone(),
            quantity: item.quantity.to_string(),
            condition: item.condition.as_str().to_owned(),
            status: item.status.as_str().to_owned(),
            disposal_reason: String::new(),
            location: LocationDraft::from_location(&item.location),
            notes: item.notes.clone(),
            low_stock_threshold: item
                .low_stock_threshold
                .map(|t| t.to_string())
                .unwrap_or_default(),
            reason: String::new(),
        }
    }

    /// Whether the item is being disposed of by this change.
    pub fn disposing(&self, item: &Item) -> bool {
        self.status == ItemStatus::Disposed.as_str() && item.status != ItemStatus::Disposed
    }
}

/// Only what changed, with the reason; `Ok(None)` when nothing did.
pub fn check_item_change(
    item: &Item,
    draft: &EditDraft,
) -> Result<Option<ItemChange>, FieldErrors> {
    let mut problems = FieldErrors::new();
    text_within(&mut problems, "name", &draft.name, 120, true);
    let quantity = count(
        &mut problems,
        "quantity",
        &draft.quantity,
        "Enter how many, a whole number from 0 to 1000000.",
    );
    let condition = ItemCondition::parse(&draft.condition);
    if condition.is_none() {
        add(&mut problems, "condition", "Choose its condition.");
    }
    let status = ItemStatus::parse(&draft.status);
    if status.is_none() {
        add(&mut problems, "status", "Choose where it is in its life.");
    }
    let disposal_reason = DisposalReason::parse(&draft.disposal_reason);
    if draft.disposing(item) && disposal_reason.is_none() {
        add(
            &mut problems,
            "disposal_reason",
            "Say why it's going: broken, given away or recycled.",
        );
    }
    let location = check_location(&mut problems, &draft.location);
    text_within(&mut problems, "notes", &draft.notes, 2000, false);
    text_within(&mut problems, "reason", &draft.reason, 200, false);
    let consumable = item.category.consumable;
    let threshold = threshold(&mut problems, consumable, &draft.low_stock_threshold);
    if consumable && threshold.is_none() && item.low_stock_threshold.is_some() {
        add(
            &mut problems,
            "low_stock_threshold",
            "A threshold can't be removed once set. Enter a number, like 0.",
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let name = draft.name.trim();
    let notes = draft.notes.trim();
    let change = ItemChange {
        name: (name != item.name).then(|| name.to_owned()),
        quantity: quantity.filter(|q| *q != item.quantity),
        condition: condition.filter(|c| *c != item.condition),
        status: status.filter(|s| *s != item.status),
        location: location.filter(|l| *l != item.location),
        notes: (notes != item.notes).then(|| notes.to_owned()),
        low_stock_threshold: (consumable && threshold != item.low_stock_threshold)
            .then_some(threshold),
        disposal_reason: disposal_reason.filter(|_| draft.disposing(item)),
        reason: draft.reason.trim().to_owned(),
    };
    let unchanged = ItemChange {
        reason: change.reason.clone(),
        ..ItemChange::default()
    };
    Ok((change != unchanged).then_some(change))
}

/// Using up or restocking a supply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockDirection {
    Use,
    Restock,
}

/// The stock change to send: `amount` as typed, negative when used. Using more than
/// there is is a problem here already.
pub fn check_stock(
    item: &Item,
    direction: StockDirection,
    amount: &str,
    reason: &str,
) -> Result<StockChange, FieldErrors> {
    let mut problems = FieldErrors::new();
    let amount = match amount.trim().parse::<i64>() {
        Ok(amount) if (1..=MAX_QUANTITY).contains(&amount) => Some(amount),
        _ => {
            add(
                &mut problems,
                "delta",
                "Enter how many, a whole number like 3.",
            );
            None
        }
    };
    if direction == StockDirection::Use && amount.is_some_and(|amount| amount > item.quantity) {
        add(
            &mut problems,
            "delta",
            format!(
                "There are only {} left.",
                quantity_in_words(item.quantity, &item.unit)
            ),
        );
    }
    text_within(&mut problems, "reason", reason, 200, false);
    match amount {
        Some(amount) if problems.is_empty() => Ok(StockChange {
            delta: match direction {
                StockDirection::Use => -amount,
                StockDirection::Restock => amount,
            },
            reason: reason.trim().to_owned(),
        }),
        _ => Err(problems),
    }
}

/// One status for the items `ids`; disposing needs a disposal reason.
pub fn check_bulk_status(
    ids: &[i64],
    status: &str,
    disposal_reason: &str,
    reason: &str,
) -> Result<BulkStatusChange, FieldErrors> {
    let mut problems = FieldErrors::new();
    if ids.is_empty() {
        add(
            &mut problems,
            "ids",
            "Tick at least one item in the list first.",
        );
    }
    let status = ItemStatus::parse(status);
    if status.is_none() {
        add(&mut problems, "status", "Choose the new status.");
    }
    let disposal_reason = DisposalReason::parse(disposal_reason);
    if status == Some(ItemStatus::Disposed) && disposal_reason.is_none() {
        add(
            &mut problems,
            "disposal_reason",
            "Say why they're going: broken, given away or recycled.",
        );
    }
    text_within(&mut problems, "reason", reason, 200, false);
    match status {
        Some(status) if problems.is_empty() => Ok(BulkStatusChange {
            ids: ids.to_vec(),
            status,
            disposal_reason: disposal_reason.filter(|_| status == ItemStatus::Disposed),
            reason: reason.trim().to_owned(),
        }),
        _ => Err(problems),
    }
}

// ---- Photos ----

/// What went wrong with a photo upload, in words: too big (413), already five (409), or
/// not a photo we take or a damaged one (415, 422; the server says which).
pub fn photo_failure_message(failure: &ApiFailure) -> String {
    let server_says = match failure {
        ApiFailure::Api {
            error: ApiError { message, .. },
            ..
        } if !message.is_empty() => Some(message.clone()),
        _ => None,
    };
    match (failure.status(), failure.code()) {
        (Some(413), _) => "That photo is bigger than 2 MB. Choose a smaller one, or save it \
                           smaller first."
            .to_owned(),
        (_, Some("too_many_photos")) | (Some(409), _) => {
            format!("An item can have up to {MAX_PHOTOS} photos. Remove one before adding another.")
        }
        (Some(415 | 422), _) => server_says.unwrap_or_else(|| {
            "That file isn't a photo we can use. Choose a JPEG, PNG or WebP image.".to_owned()
        }),
        _ => failure.message().to_owned(),
    }
}

/// A photo's text alternative, from the item's name: "Photo 2 of Blue sofa".
pub fn photo_alt(item_name: &str, index: usize) -> String {
    format!("Photo {} of {item_name}", index + 1)
}

// ---- Import ----

/// Whether a checked file can be saved: rows, none with a problem, and no problem with
/// the file itself.
pub fn can_import(preview: &ImportPreview) -> bool {
    preview.problems.is_empty()
        && !preview.rows.is_empty()
        && preview.rows.iter().all(|row| row.problems.is_empty())
}

/// How many rows have problems.
pub fn rows_with_problems(preview: &ImportPreview) -> usize {
    preview
        .rows
        .iter()
        .filter(|row| !row.problems.is_empty())
        .count()
}

/// An import's 422 problems: per line (keys like `line 3`, in line order) and for the
/// file as a whole (any other key).
pub fn import_problems(fields: &FieldErrors) -> (Vec<(u64, Vec<String>)>, Vec<String>) {
    let mut lines = Vec::new();
    let mut file = Vec::new();
    for (key, messages) in fields {
        match key
            .strip_prefix("line ")
            .and_then(|line| line.trim().parse::<u64>().ok())
        {
            Some(line) => lines.push((line, messages.clone())),
            None => file.extend(messages.iter().cloned()),
        }
    }
    lines.sort_by_key(|(line, _)| *line);
    (lines, file)
}

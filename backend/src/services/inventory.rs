//! The inventory facilities staff keep of donated furniture and supplies: items, their
//! categories, every change of quantity, status, condition or location as a movement,
//! and one email to facilities staff when a consumable runs low (not one per change).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, DbBackend,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use shared::{
    BulkStatusChange, DisposalReason, DonationRef, FieldErrors, Item, ItemCategory, ItemChange,
    ItemCondition, ItemDetail, ItemLocation, ItemMovement, ItemPhoto, ItemStatus, NewItem,
    NewItemCategory, Page, Role, StaffUser, StockChange,
};

use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{
        donations, donors, item_categories, item_movements, item_photos, items, spaces, staff_users,
    },
    error::{AppError, AppResult},
    services::{
        self, audit,
        form_checks::{add, text},
    },
};

const MAX_QUANTITY: i64 = 1_000_000;

fn to_category(row: item_categories::Model) -> ItemCategory {
    ItemCategory {
        id: row.id,
        name: row.name,
        consumable: row.consumable,
    }
}

pub async fn categories(db: &Db) -> AppResult<Vec<ItemCategory>> {
    Ok(item_categories::Entity::find()
        .order_by_asc(item_categories::Column::Name)
        .all(db.conn())
        .await?
        .into_iter()
        .map(to_category)
        .collect())
}

pub async fn add_category(
    db: &Db,
    staff: &StaffUser,
    new: NewItemCategory,
    now: DateTime<Utc>,
) -> AppResult<ItemCategory> {
    let mut problems = FieldErrors::new();
    let name = text(&mut problems, "name", &new.name, 60, true);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let taken = item_categories::Entity::find()
        .filter(
            Expr::expr(sea_orm::sea_query::Func::lower(Expr::col(
                item_categories::Column::Name,
            )))
            .eq(name.to_lowercase()),
        )
        .count(&tx)
        .await?;
    if taken > 0 {
        return Err(AppError::conflict(
            "category_exists",
            "That category exists already.",
        ));
    }
    let row = item_categories::ActiveModel {
        name: Set(name.clone()),
        consumable: Set(new.consumable),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        Some(staff.id),
        "inventory.category",
        None,
        format!("Added the inventory category {name}"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_category(row))
}

/// A checked location: a space that exists, or a named storage place, not both.
async fn check_location(
    conn: &impl ConnectionTrait,
    problems: &mut FieldErrors,
    prefix: &str,
    location: &ItemLocation,
) -> anyhow::Result<(Option<i64>, Option<String>)> {
    let place_field = format!("{prefix}storage_place");
    let place = location
        .storage_place
        .as_deref()
        .map(|place| text(problems, &place_field, place, 120, false))
        .filter(|place| !place.is_empty());
    match (location.space_id, &place) {
        (Some(_), Some(_)) => add(
            problems,
            &place_field,
            "Choose a space or a storage place, not both.",
        ),
        (None, None) => add(
            problems,
            &place_field,
            "Say where it is: a space or a storage place.",
        ),
        (Some(space_id), None) => {
            if spaces::Entity::find_by_id(space_id)
                .one(conn)
                .await?
                .is_none()
            {
                add(
                    problems,
                    &format!("{prefix}space_id"),
                    "There is no such space.",
                );
            }
        }
        (None, Some(_)) => {}
    }
    Ok((location.space_id, place))
}

fn check_quantity(problems: &mut FieldErrors, field: &str, quantity: i64) {
    if quantity < 0 {
        add(problems, field, "A quantity can't be negative.");
    } else if quantity > MAX_QUANTITY {
        add(problems, field, format!("At most {MAX_QUANTITY}."));
    }
}

/// Logs a new item, on its own or added to a donation already logged. Bad input saves
/// nothing.
pub async fn create_item(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    new: NewItem,
    now: DateTime<Utc>,
) -> AppResult<ItemDetail> {
    let tx = db.begin_write().await?;
    let mut problems = FieldErrors::new();
    let donation = match new.donation_id {
        Some(id) => {
            let found = donations::Entity::find_by_id(id).one(&tx).await?;
            if found.is_none() {
                add(&mut problems, "donation_id", "There is no such donation.");
            }
            found
        }
        None => None,
    };
    let received_on = match (&donation, new.received_on) {
        (_, Some(date)) => Some(date),
        (Some(donation), None) => Some(donation.received_on),
        (None, None) => {
            add(
                &mut problems,
                "received_on",
                "Please give the date it came in.",
            );
            None
        }
    };
    let checked = check_new_item(&tx, config, &mut problems, "", new, now).await?;
    let (Some(checked), Some(received_on)) = (checked, received_on) else {
        return Err(AppError::Validation(problems));
    };
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let donation_id = donation.map(|d| d.id);
    let item = insert_item(&tx, config, staff, checked, received_on, donation_id, now).await?;
    tx.commit().await?;
    item_detail(db, config, item.id).await
}

/// A new item that passed its checks, ready to insert.
pub(crate) struct CheckedItem {
    new: NewItem,
    space_id: Option<i64>,
    storage_place: Option<String>,
}

/// Checks a new item, collecting problems under `prefix` + the field's name (e.g.
/// `items[1].quantity`). `None` when there were problems.
pub(crate) async fn check_new_item(
    conn: &impl ConnectionTrait,
    config: &Config,
    problems: &mut FieldErrors,
    prefix: &str,
    mut new: NewItem,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<CheckedItem>> {
    let field = |name: &str| format!("{prefix}{name}");
    let mut mine = FieldErrors::new();
    new.name = text(&mut mine, &field("name"), &new.name, 120, true);
    new.unit = text(&mut mine, &field("unit"), &new.unit, 30, false);
    new.notes = text(&mut mine, &field("notes"), &new.notes, 2000, false);
    check_quantity(&mut mine, &field("quantity"), new.quantity);
    if item_categories::Entity::find_by_id(new.category_id)
        .one(conn)
        .await?
        .is_none()
    {
        add(
            &mut mine,
            &field("category_id"),
            "There is no such category.",
        );
    }
    let (space_id, storage_place) = check_location(conn, &mut mine, prefix, &new.location).await?;
    if new.estimated_value_cents.is_some_and(|cents| cents < 0) {
        add(
            &mut mine,
            &field("estimated_value_cents"),
            "A value can't be negative.",
        );
    }
    if new.low_stock_threshold.is_some_and(|t| t < 0) {
        add(
            &mut mine,
            &field("low_stock_threshold"),
            "A threshold can't be negative.",
        );
    }
    if new
        .received_on
        .is_some_and(|date| date > now.with_timezone(&config.timezone).date_naive())
    {
        add(
            &mut mine,
            &field("received_on"),
            "That date hasn't come yet.",
        );
    }
    if new.status == ItemStatus::Disposed {
        add(
            &mut mine,
            &field("status"),
            "Log an item as it arrives; dispose of it later.",
        );
    }
    if !mine.is_empty() {
        problems.extend(mine);
        return Ok(None);
    }
    Ok(Some(CheckedItem {
        new,
        space_id,
        storage_place,
    }))
}

/// Inserts a checked item with its first movement ("received"), and emails facilities
/// staff if it arrives at or below its low-stock threshold.
pub(crate) async fn insert_item(
    tx: &DatabaseTransaction,
    config: &Config,
    staff: &StaffUser,
    checked: CheckedItem,
    received_on: chrono::NaiveDate,
    donation_id: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<items::Model> {
    let CheckedItem {
        new,
        space_id,
        storage_place,
    } = checked;
    let item = items::ActiveModel {
        name: Set(new.name),
        category_id: Set(new.category_id),
        quantity: Set(new.quantity),
        unit: Set(new.unit),
        condition: Set(new.condition.as_str().to_owned()),
        status: Set(new.status.as_str().to_owned()),
        space_id: Set(space_id),
        storage_place: Set(storage_place),
        received_on: Set(received_on),
        estimated_value_cents: Set(new.estimated_value_cents),
        notes: Set(new.notes),
        low_stock_threshold: Set(new.low_stock_threshold),
        low_stock_alerted: Set(false),
        low_stock_alerts: Set(0),
        donation_id: Set(donation_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    record(
        tx,
        &item,
        staff,
        "quantity",
        "",
        &item.quantity.to_string(),
        "received",
        now,
    )
    .await?;
    alert_if_low(tx, config, item.id, now).await?;
    Ok(item)
}

#[allow(clippy::too_many_arguments)]
async fn record(
    tx: &DatabaseTransaction,
    item: &items::Model,
    staff: &StaffUser,
    field: &str,
    from: &str,
    to: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    item_movements::ActiveModel {
        item_id: Set(item.id),
        field: Set(field.to_owned()),
        from_value: Set(from.to_owned()),
        to_value: Set(to.to_owned()),
        reason: Set(reason.to_owned()),
        actor_id: Set(Some(staff.id)),
        at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

/// Where an item is, in words: the space's name or the storage place.
async fn location_name(conn: &impl ConnectionTrait, item: &items::Model) -> anyhow::Result<String> {
    if let Some(space_id) = item.space_id {
        if let Some(space) = spaces::Entity::find_by_id(space_id).one(conn).await? {
            return Ok(space.name);
        }
    }
    Ok(item.storage_place.clone().unwrap_or_default())
}

/// What to change on an item, checked: only what is `Some` changes.
#[derive(Debug, Default)]
struct Changes {
    name: Option<String>,
    notes: Option<String>,
    quantity: Option<i64>,
    condition: Option<ItemCondition>,
    status: Option<ItemStatus>,
    location: Option<(Option<i64>, Option<String>)>,
    low_stock_threshold: Option<Option<i64>>,
    disposal_reason: Option<DisposalReason>,
    /// Why, for the item's history (already checked).
    reason: String,
}

impl Changes {
    /// Disposing of an item that isn't disposed of yet.
    fn disposes(&self, item: &items::Model) -> bool {
        self.status == Some(ItemStatus::Disposed) && item.status != ItemStatus::Disposed.as_str()
    }

    /// The reason its movements carry: a disposal's reason first.
    fn why(&self, item: &items::Model) -> String {
        match (self.disposes(item), self.disposal_reason) {
            (true, Some(disposal)) if self.reason.is_empty() => disposal.as_str().to_owned(),
            (true, Some(disposal)) => format!("{}: {}", disposal.as_str(), self.reason),
            _ => self.reason.clone(),
        }
    }
}

/// Disposing asks why (broken, given away, recycled), for each item it disposes of.
fn check_disposal(problems: &mut FieldErrors, changes: &Changes, items: &[items::Model]) {
    if changes.disposal_reason.is_none() && items.iter().any(|item| changes.disposes(item)) {
        add(
            problems,
            "disposal_reason",
            "Say why it's going: broken, given away or recycled.",
        );
    }
}

/// Applies checked changes to one item: saves it, records each change of quantity,
/// status, condition or location as a movement, and checks its stock level again.
async fn apply_changes(
    tx: &DatabaseTransaction,
    config: &Config,
    staff: &StaffUser,
    item: items::Model,
    changes: &Changes,
    now: DateTime<Utc>,
) -> anyhow::Result<items::Model> {
    let why = changes.why(&item);
    let before = item.clone();
    let old_place = match changes.location {
        Some(_) => Some(location_name(tx, &before).await?),
        None => None,
    };
    let mut active = item.into_active_model();
    if let Some(name) = &changes.name {
        active.name = Set(name.clone());
    }
    if let Some(notes) = &changes.notes {
        active.notes = Set(notes.clone());
    }
    if let Some(quantity) = changes.quantity {
        active.quantity = Set(quantity);
    }
    if let Some(condition) = changes.condition {
        active.condition = Set(condition.as_str().to_owned());
    }
    if let Some(status) = changes.status {
        active.status = Set(status.as_str().to_owned());
    }
    if let Some((space_id, storage_place)) = &changes.location {
        active.space_id = Set(*space_id);
        active.storage_place = Set(storage_place.clone());
    }
    if let Some(threshold) = changes.low_stock_threshold {
        active.low_stock_threshold = Set(threshold);
    }
    active.updated_at = Set(now);
    let after = active.update(tx).await?;

    let places = match old_place {
        Some(old_place) => Some((old_place, location_name(tx, &after).await?)),
        None => None,
    };
    let moves = [
        Some((
            "quantity",
            before.quantity.to_string(),
            after.quantity.to_string(),
        )),
        Some(("status", before.status.clone(), after.status.clone())),
        Some((
            "condition",
            before.condition.clone(),
            after.condition.clone(),
        )),
        places.map(|(from, to)| ("location", from, to)),
    ];
    for (field, from, to) in moves.into_iter().flatten() {
        if from != to {
            record(tx, &after, staff, field, &from, &to, &why, now).await?;
        }
    }
    alert_if_low(tx, config, after.id, now).await?;
    Ok(after)
}

/// Changes what an item is or where: each change of quantity, status, condition or
/// location becomes a movement with the reason. Disposing needs a disposal reason.
pub async fn change_item(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    change: ItemChange,
    now: DateTime<Utc>,
) -> AppResult<ItemDetail> {
    let tx = db.begin_write().await?;
    let item = find(&tx, id).await?;
    let mut problems = FieldErrors::new();
    let reason = text(&mut problems, "reason", &change.reason, 200, false);
    let name = change
        .name
        .as_deref()
        .map(|name| text(&mut problems, "name", name, 120, true));
    let notes = change
        .notes
        .as_deref()
        .map(|notes| text(&mut problems, "notes", notes, 2000, false));
    if let Some(quantity) = change.quantity {
        check_quantity(&mut problems, "quantity", quantity);
    }
    if change.low_stock_threshold.flatten().is_some_and(|t| t < 0) {
        add(
            &mut problems,
            "low_stock_threshold",
            "A threshold can't be negative.",
        );
    }
    let location = match &change.location {
        Some(location) => Some(check_location(&tx, &mut problems, "", location).await?),
        None => None,
    };
    let changes = Changes {
        name,
        notes,
        quantity: change.quantity,
        condition: change.condition,
        status: change.status,
        location,
        low_stock_threshold: change.low_stock_threshold,
        disposal_reason: change.disposal_reason,
        reason,
    };
    check_disposal(&mut problems, &changes, std::slice::from_ref(&item));
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    apply_changes(&tx, config, staff, item, &changes, now).await?;
    tx.commit().await?;
    item_detail(db, config, id).await
}

/// At most this many items change status in one go.
pub const MAX_BULK_ITEMS: usize = 1000;

/// Gives several items one status, all or none: an unknown id changes nothing and is
/// named in the answer. Each item that changes gets its movement, as a single change
/// would; disposing needs a disposal reason.
pub async fn change_statuses(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    change: BulkStatusChange,
    now: DateTime<Utc>,
) -> AppResult<Vec<Item>> {
    let mut problems = FieldErrors::new();
    let reason = text(&mut problems, "reason", &change.reason, 200, false);
    let mut ids = change.ids;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        add(&mut problems, "ids", "Choose at least one item.");
    } else if ids.len() > MAX_BULK_ITEMS {
        add(
            &mut problems,
            "ids",
            format!("At most {MAX_BULK_ITEMS} items at a time."),
        );
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let found = items::Entity::find()
        .filter(items::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(items::Column::Id)
        .all(&tx)
        .await?;
    if found.len() != ids.len() {
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| !found.iter().any(|item| item.id == **id))
            .map(i64::to_string)
            .collect();
        add(
            &mut problems,
            "ids",
            format!("There is no item {}.", missing.join(", ")),
        );
    }
    let changes = Changes {
        status: Some(change.status),
        disposal_reason: change.disposal_reason,
        reason,
        ..Default::default()
    };
    check_disposal(&mut problems, &changes, &found);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let mut changed = Vec::with_capacity(found.len());
    for item in found {
        changed.push(apply_changes(&tx, config, staff, item, &changes, now).await?);
    }
    tx.commit().await?;
    Ok(to_items(db.conn(), changed).await?)
}

/// Uses up (negative) or restocks (positive) a supply. The quantity never goes below
/// zero, also when staff change it at the same moment.
pub async fn change_stock(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    change: StockChange,
    now: DateTime<Utc>,
) -> AppResult<ItemDetail> {
    let mut problems = FieldErrors::new();
    let reason = text(&mut problems, "reason", &change.reason, 200, false);
    if change.delta == 0 || change.delta.abs() > MAX_QUANTITY {
        add(
            &mut problems,
            "delta",
            "Give how many were used (e.g. -3) or added (e.g. 10).",
        );
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let before = find(&tx, id).await?;
    let changed = items::Entity::update_many()
        .col_expr(
            items::Column::Quantity,
            Expr::col(items::Column::Quantity).add(change.delta),
        )
        .col_expr(items::Column::UpdatedAt, Expr::value(now))
        .filter(items::Column::Id.eq(id))
        .filter(Expr::col(items::Column::Quantity).add(change.delta).gte(0))
        .exec(&tx)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::conflict(
            "not_enough_stock",
            format!("There are only {} {} left.", before.quantity, before.unit),
        ));
    }
    let after = find(&tx, id).await?;
    let why = if reason.is_empty() {
        if change.delta < 0 {
            "used"
        } else {
            "restocked"
        }
        .to_owned()
    } else {
        reason
    };
    record(
        &tx,
        &after,
        staff,
        "quantity",
        &before.quantity.to_string(),
        &after.quantity.to_string(),
        &why,
        now,
    )
    .await?;
    alert_if_low(&tx, config, id, now).await?;
    tx.commit().await?;
    item_detail(db, config, id).await
}

#[derive(Serialize)]
struct LowStockEmail<'a> {
    agency: &'a str,
    name: &'a str,
    item: &'a str,
    quantity: i64,
    unit: &'a str,
    threshold: i64,
    place: &'a str,
    link: String,
}

/// Emails facilities staff once when an item's stock is at or below its threshold, and
/// re-arms when it is restocked above it. The flag flips in one guarded UPDATE, so two
/// changes at once send one email.
async fn alert_if_low(
    tx: &DatabaseTransaction,
    config: &Config,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let low = Expr::col(items::Column::Quantity).lte(Expr::col(items::Column::LowStockThreshold));
    items::Entity::update_many()
        .col_expr(items::Column::LowStockAlerted, Expr::value(false))
        .filter(items::Column::Id.eq(id))
        .filter(items::Column::LowStockAlerted.eq(true))
        .filter(
            Condition::any()
                .add(items::Column::LowStockThreshold.is_null())
                .add(
                    Expr::col(items::Column::Quantity)
                        .gt(Expr::col(items::Column::LowStockThreshold)),
                ),
        )
        .exec(tx)
        .await?;
    let flipped = items::Entity::update_many()
        .col_expr(items::Column::LowStockAlerted, Expr::value(true))
        .col_expr(
            items::Column::LowStockAlerts,
            Expr::col(items::Column::LowStockAlerts).add(1),
        )
        .filter(items::Column::Id.eq(id))
        .filter(items::Column::LowStockAlerted.eq(false))
        .filter(items::Column::Status.ne(ItemStatus::Disposed.as_str()))
        .filter(low)
        .exec(tx)
        .await?;
    if flipped.rows_affected == 0 {
        return Ok(());
    }
    let item = find(tx, id).await?;
    let place = location_name(tx, &item).await?;
    for staff in services::staff::active_with_role(tx, Role::Facilities).await? {
        let context = LowStockEmail {
            agency: &config.agency_name,
            name: &staff.display_name,
            item: &item.name,
            quantity: item.quantity,
            unit: &item.unit,
            threshold: item.low_stock_threshold.unwrap_or_default(),
            place: &place,
            link: format!("{}/staff", config.public_url),
        };
        outbox::enqueue(
            tx,
            &config.mail_from,
            outbox::NewEmail::plain(
                format!(
                    "item:{}:low-stock:{}:to:{}",
                    item.id, item.low_stock_alerts, staff.id
                ),
                "low_stock",
                &staff.email,
                templates::render("low_stock", &context)?,
                now,
            ),
            now,
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn find(conn: &impl ConnectionTrait, id: i64) -> AppResult<items::Model> {
    items::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such item."))
}

/// Items as staff see them, with their categories, places and donations loaded in a few
/// queries for the whole list (not a few per item).
pub(crate) async fn to_items(
    conn: &impl ConnectionTrait,
    rows: Vec<items::Model>,
) -> anyhow::Result<Vec<Item>> {
    use std::collections::HashMap;
    let ids = |pick: fn(&items::Model) -> Option<i64>| -> Vec<i64> {
        let mut ids: Vec<i64> = rows.iter().filter_map(pick).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let categories: HashMap<i64, ItemCategory> = item_categories::Entity::find()
        .filter(item_categories::Column::Id.is_in(ids(|i| Some(i.category_id))))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, to_category(c)))
        .collect();
    let space_names: HashMap<i64, String> = spaces::Entity::find()
        .filter(spaces::Column::Id.is_in(ids(|i| i.space_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let donation_rows = donations::Entity::find()
        .filter(donations::Column::Id.is_in(ids(|i| i.donation_id)))
        .all(conn)
        .await?;
    let donor_names: HashMap<i64, String> = donors::Entity::find()
        .filter(donors::Column::Id.is_in(donation_rows.iter().map(|d| d.donor_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let donation_refs: HashMap<i64, DonationRef> = donation_rows
        .into_iter()
        .map(|d| {
            let donor_name = donor_names.get(&d.donor_id).cloned().unwrap_or_default();
            (
                d.id,
                DonationRef {
                    id: d.id,
                    donor_id: d.donor_id,
                    donor_name,
                },
            )
        })
        .collect();
    Ok(rows
        .into_iter()
        .map(|item| {
            let location_name = item
                .space_id
                .and_then(|id| space_names.get(&id).cloned())
                .or_else(|| item.storage_place.clone())
                .unwrap_or_default();
            Item {
                id: item.id,
                category: categories
                    .get(&item.category_id)
                    .cloned()
                    .unwrap_or(ItemCategory {
                        id: item.category_id,
                        name: String::new(),
                        consumable: false,
                    }),
                name: item.name,
                quantity: item.quantity,
                unit: item.unit,
                condition: ItemCondition::parse(&item.condition).unwrap_or(ItemCondition::Good),
                status: ItemStatus::parse(&item.status).unwrap_or(ItemStatus::InUse),
                location: ItemLocation {
                    space_id: item.space_id,
                    storage_place: item.storage_place,
                },
                location_name,
                received_on: item.received_on,
                estimated_value_cents: item.estimated_value_cents,
                notes: item.notes,
                low_stock: item.low_stock_threshold.is_some_and(|t| item.quantity <= t),
                low_stock_threshold: item.low_stock_threshold,
                donation: item
                    .donation_id
                    .and_then(|id| donation_refs.get(&id).cloned()),
            }
        })
        .collect())
}

/// The ids of an item's photos, in the order they were added (never their bytes).
async fn photo_refs(conn: &impl ConnectionTrait, item_id: i64) -> anyhow::Result<Vec<ItemPhoto>> {
    let ids: Vec<i64> = item_photos::Entity::find()
        .select_only()
        .column(item_photos::Column::Id)
        .filter(item_photos::Column::ItemId.eq(item_id))
        .order_by_asc(item_photos::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids
        .into_iter()
        .map(|id| ItemPhoto {
            id,
            url: format!("/api/facilities/items/{item_id}/photos/{id}"),
        })
        .collect())
}

/// An item with its history, newest first.
pub async fn item_detail(db: &Db, config: &Config, id: i64) -> AppResult<ItemDetail> {
    let item = find(db.conn(), id).await?;
    let rows = item_movements::Entity::find()
        .filter(item_movements::Column::ItemId.eq(id))
        .order_by_desc(item_movements::Column::Id)
        .all(db.conn())
        .await?;
    let actor_ids: Vec<i64> = rows.iter().filter_map(|m| m.actor_id).collect();
    let names: std::collections::HashMap<i64, String> = staff_users::Entity::find()
        .filter(staff_users::Column::Id.is_in(actor_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|user| (user.id, user.display_name))
        .collect();
    let zone: Tz = config.timezone;
    let photos = photo_refs(db.conn(), id).await?;
    Ok(ItemDetail {
        item: to_items(db.conn(), vec![item]).await?.remove(0),
        photos,
        history: rows
            .into_iter()
            .map(|row| ItemMovement {
                field: row.field,
                from: row.from_value,
                to: row.to_value,
                reason: row.reason,
                by: row
                    .actor_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
                at: row.at.with_timezone(&zone).fixed_offset(),
            })
            .collect(),
    })
}

/// What the inventory list is filtered by.
#[derive(Debug, Default)]
pub struct ItemFilter {
    pub text: Option<String>,
    pub category_id: Option<i64>,
    pub status: Option<ItemStatus>,
    pub condition: Option<ItemCondition>,
    pub space_id: Option<i64>,
    pub storage_place: Option<String>,
    /// Brought by one of this donor's donations.
    pub donor_id: Option<i64>,
    /// Received on or after.
    pub received_from: Option<chrono::NaiveDate>,
    /// Received on or before.
    pub received_to: Option<chrono::NaiveDate>,
    pub sort: ItemSort,
    /// Newest, largest or last first.
    pub descending: bool,
    pub page: u64,
    pub per_page: u64,
}

impl ItemFilter {
    /// The words searched for, if any.
    fn search_text(&self) -> Option<&str> {
        self.text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}

/// What the inventory list is ordered by (then by id, so pages never overlap).
#[derive(Debug, Default, Clone, Copy)]
pub enum ItemSort {
    #[default]
    Name,
    ReceivedOn,
    Quantity,
    Category,
}

impl ItemSort {
    /// `name`, `received_on`, `quantity` or `category`, with a leading `-` for
    /// descending; `None` for anything else.
    pub fn parse(value: &str) -> Option<(Self, bool)> {
        let (descending, key) = match value.strip_prefix('-') {
            Some(key) => (true, key),
            None => (false, value),
        };
        let sort = match key {
            "name" => Self::Name,
            "received_on" => Self::ReceivedOn,
            "quantity" => Self::Quantity,
            "category" => Self::Category,
            _ => return None,
        };
        Some((sort, descending))
    }

    fn column(self) -> items::Column {
        match self {
            Self::Name => items::Column::Name,
            Self::ReceivedOn => items::Column::ReceivedOn,
            Self::Quantity => items::Column::Quantity,
            Self::Category => items::Column::CategoryId,
        }
    }
}

/// What the list's words are looked for in. The newline keeps a match from running from
/// the name into the notes.
const SEARCHED_TEXT: &str = "LOWER(\"name\" || '\n' || \"notes\")";

/// Items matching the filter, unordered (for counting them).
fn matching_items(filter: &ItemFilter) -> sea_orm::Select<items::Entity> {
    let mut query = items::Entity::find();
    if let Some(text) = filter.search_text() {
        let pattern = format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
        // One expression over name and notes, exactly as PostgreSQL's trigram index has
        // it (migration 15), so the planner uses the index and knows its statistics.
        query = query.filter(Expr::cust(SEARCHED_TEXT).like(pattern));
    }
    if let Some(category_id) = filter.category_id {
        query = query.filter(items::Column::CategoryId.eq(category_id));
    }
    if let Some(status) = filter.status {
        query = query.filter(items::Column::Status.eq(status.as_str()));
    }
    if let Some(condition) = filter.condition {
        query = query.filter(items::Column::Condition.eq(condition.as_str()));
    }
    if let Some(space_id) = filter.space_id {
        query = query.filter(items::Column::SpaceId.eq(space_id));
    }
    if let Some(place) = filter
        .storage_place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        query = query.filter(items::Column::StoragePlace.eq(place));
    }
    if let Some(donor_id) = filter.donor_id {
        query = query.filter(
            items::Column::DonationId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(donations::Column::Id)
                    .from(donations::Entity)
                    .and_where(donations::Column::DonorId.eq(donor_id))
                    .to_owned(),
            ),
        );
    }
    if let Some(from) = filter.received_from {
        query = query.filter(items::Column::ReceivedOn.gte(from));
    }
    if let Some(to) = filter.received_to {
        query = query.filter(items::Column::ReceivedOn.lte(to));
    }
    query
}

/// Items matching the filter, in its order (then by id), for a page or the export.
pub(crate) fn select_items(
    filter: &ItemFilter,
    backend: DbBackend,
) -> sea_orm::Select<items::Entity> {
    let order = if filter.descending {
        sea_orm::Order::Desc
    } else {
        sea_orm::Order::Asc
    };
    let column = filter.sort.column();
    let query = matching_items(filter);
    let query = if backend == DbBackend::Sqlite && filter.search_text().is_some() {
        // A text search can't use an index, and SQLite would rather walk the sort
        // column's index, looking up every row, than sort what matched: fast for a
        // common word, several times a table scan for a rare one. Unary `+` (a no-op on
        // any value) keeps it from that index. PostgreSQL's trigram indexes find the
        // matches and its planner weighs both ways.
        query.order_by(
            Expr::cust(format!("+\"{}\"", sea_orm::IdenStatic::as_str(&column))),
            order.clone(),
        )
    } else {
        query.order_by(column, order.clone())
    };
    query.order_by(items::Column::Id, order)
}

/// Items matching the filter, by name, a page at a time.
pub async fn list_items(db: &Db, filter: ItemFilter) -> AppResult<Page<Item>> {
    let per_page = filter.per_page.clamp(1, 200);
    // Counted without the order, so the count can use any index (or none) it likes.
    let total = matching_items(&filter).count(db.conn()).await?;
    let page = std::cmp::max(filter.page, 1);
    let rows = select_items(&filter, db.backend())
        .paginate(db.conn(), per_page)
        .fetch_page(page - 1)
        .await?;
    Ok(Page {
        items: to_items(db.conn(), rows).await?,
        page,
        per_page,
        total,
    })
}

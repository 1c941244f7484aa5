//! Donors and their donations: a donation is saved with the items it brought, or not at
//! all; each can be thanked with a letter (the in-kind acknowledgement US charities
//! give: the items described, never valued, and no goods or services in exchange), and
//! each donor's page says where their gifts are now.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait, Func},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use shared::{
    DeliveryMethod, Donation, DonationFrom, Donor, DonorDetail, DonorKind, Email, FieldErrors,
    GrantDetails, ImpactLine, ImpactNote, Item, ItemStatus, Letterhead, NewDonation, NewDonor,
    NewItem, Page, StaffUser,
};

use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{donations, donors, items, letterhead},
    error::{AppError, AppResult},
    services::{
        audit,
        form_checks::{add, text},
        inventory::{self, CheckedItem},
    },
};

/// A donation carries at most this many item rows; more belong in a CSV import.
const MAX_ITEMS_PER_DONATION: usize = 200;

/// Checks a donor's details, collecting problems under `prefix` + the field's name.
pub(crate) fn check_donor(problems: &mut FieldErrors, prefix: &str, new: NewDonor) -> NewDonor {
    let field = |name: &str| format!("{prefix}{name}");
    let email = text(problems, &field("email"), &new.email, 254, false);
    if !email.is_empty() {
        if let Err(invalid) = Email::parse(&email) {
            add(problems, &field("email"), invalid.0);
        }
    }
    NewDonor {
        kind: new.kind,
        name: text(problems, &field("name"), &new.name, 120, true),
        contact_person: text(
            problems,
            &field("contact_person"),
            &new.contact_person,
            120,
            false,
        ),
        email,
        phone: text(problems, &field("phone"), &new.phone, 40, false),
        address: text(problems, &field("address"), &new.address, 500, false),
        notes: text(problems, &field("notes"), &new.notes, 2000, false),
        public_thanks: new.public_thanks,
    }
}

fn details(row: &donors::Model) -> NewDonor {
    NewDonor {
        kind: DonorKind::parse(&row.kind).unwrap_or(DonorKind::Individual),
        name: row.name.clone(),
        contact_person: row.contact_person.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        address: row.address.clone(),
        notes: row.notes.clone(),
        public_thanks: row.public_thanks,
    }
}

/// Donors with how often and when they last gave, loaded for the whole list at once.
async fn to_donors(
    conn: &impl ConnectionTrait,
    rows: Vec<donors::Model>,
) -> anyhow::Result<Vec<Donor>> {
    let gifts = donations::Entity::find()
        .filter(donations::Column::DonorId.is_in(rows.iter().map(|d| d.id)))
        .all(conn)
        .await?;
    let mut summary: HashMap<i64, (u64, Option<NaiveDate>)> = HashMap::new();
    for gift in gifts {
        let entry = summary.entry(gift.donor_id).or_default();
        entry.0 += 1;
        entry.1 = std::cmp::max(entry.1, Some(gift.received_on));
    }
    Ok(rows
        .iter()
        .map(|row| {
            let (donations, last_gave_on) = summary.get(&row.id).copied().unwrap_or_default();
            Donor {
                id: row.id,
                details: details(row),
                donations,
                last_gave_on,
            }
        })
        .collect())
}

/// Donors by name; `q` matches the name, the contact person or the email.
pub async fn list_donors(db: &Db, q: Option<&str>) -> AppResult<Vec<Donor>> {
    let mut query = donors::Entity::find();
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        let lower = |column: donors::Column| Expr::expr(Func::lower(Expr::col(column)));
        query = query.filter(
            sea_orm::Condition::any()
                .add(lower(donors::Column::Name).like(pattern.clone()))
                .add(lower(donors::Column::ContactPerson).like(pattern.clone()))
                .add(lower(donors::Column::Email).like(pattern)),
        );
    }
    let rows = query
        .order_by_asc(donors::Column::Name)
        .order_by_asc(donors::Column::Id)
        .all(db.conn())
        .await?;
    Ok(to_donors(db.conn(), rows).await?)
}

pub(crate) async fn insert_donor(
    tx: &DatabaseTransaction,
    staff: &StaffUser,
    new: NewDonor,
    now: DateTime<Utc>,
) -> anyhow::Result<donors::Model> {
    let row = donors::ActiveModel {
        kind: Set(new.kind.as_str().to_owned()),
        name: Set(new.name),
        contact_person: Set(new.contact_person),
        email: Set(new.email),
        phone: Set(new.phone),
        address: Set(new.address),
        notes: Set(new.notes),
        public_thanks: Set(new.public_thanks),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    audit::record(
        tx,
        Some(staff.id),
        "donors.create",
        None,
        format!("Added the donor {}", row.name),
        now,
    )
    .await?;
    Ok(row)
}

pub async fn create_donor(
    db: &Db,
    staff: &StaffUser,
    new: NewDonor,
    now: DateTime<Utc>,
) -> AppResult<Donor> {
    let mut problems = FieldErrors::new();
    let new = check_donor(&mut problems, "", new);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let row = insert_donor(&tx, staff, new, now).await?;
    tx.commit().await?;
    Ok(to_donors(db.conn(), vec![row]).await?.remove(0))
}

pub async fn update_donor(
    db: &Db,
    staff: &StaffUser,
    id: i64,
    new: NewDonor,
    now: DateTime<Utc>,
) -> AppResult<Donor> {
    let mut problems = FieldErrors::new();
    let new = check_donor(&mut problems, "", new);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let mut row = find_donor(&tx, id).await?.into_active_model();
    row.kind = Set(new.kind.as_str().to_owned());
    row.name = Set(new.name);
    row.contact_person = Set(new.contact_person);
    row.email = Set(new.email);
    row.phone = Set(new.phone);
    row.address = Set(new.address);
    row.notes = Set(new.notes);
    row.public_thanks = Set(new.public_thanks);
    row.updated_at = Set(now);
    let row = row.update(&tx).await?;
    audit::record(
        &tx,
        Some(staff.id),
        "donors.update",
        None,
        format!("Changed the donor {}", row.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_donors(db.conn(), vec![row]).await?.remove(0))
}

/// The donor a new donation names, or a `donor_id` problem when there is none.
pub(crate) async fn known_donor(
    conn: &impl ConnectionTrait,
    problems: &mut FieldErrors,
    donor_id: i64,
) -> anyhow::Result<Option<donors::Model>> {
    let found = donors::Entity::find_by_id(donor_id).one(conn).await?;
    if found.is_none() {
        add(problems, "donor_id", "There is no such donor.");
    }
    Ok(found)
}

async fn find_donor(conn: &impl ConnectionTrait, id: i64) -> AppResult<donors::Model> {
    donors::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such donor."))
}

async fn find_donation(conn: &impl ConnectionTrait, id: i64) -> AppResult<donations::Model> {
    donations::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such donation."))
}

/// Checks a grant's details; only grant donors' donations have them.
fn check_grant(
    problems: &mut FieldErrors,
    kind: DonorKind,
    grant: Option<GrantDetails>,
) -> Option<GrantDetails> {
    let grant = grant?;
    if kind != DonorKind::Grant {
        add(problems, "grant", "Only grants have grant details.");
        return None;
    }
    let name = text(problems, "grant.name", &grant.name, 200, true);
    if grant.amount_cents < 0 {
        add(
            problems,
            "grant.amount_cents",
            "An amount can't be negative.",
        );
    }
    if grant.period_end < grant.period_start {
        add(
            problems,
            "grant.period_end",
            "Choose an end on or after the start.",
        );
    }
    Some(GrantDetails { name, ..grant })
}

/// What a new donation says about itself, checked.
pub(crate) struct DonationFields {
    pub received_on: NaiveDate,
    pub method: DeliveryMethod,
    pub notes: String,
    pub grant: Option<GrantDetails>,
}

/// Checks a donation's items (problems under `items[i].`), each taking the donation's
/// date. `None` when any has a problem.
pub(crate) async fn check_items(
    conn: &impl ConnectionTrait,
    config: &Config,
    problems: &mut FieldErrors,
    new_items: Vec<NewItem>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Vec<CheckedItem>>> {
    if new_items.len() > MAX_ITEMS_PER_DONATION {
        add(
            problems,
            "items",
            format!("At most {MAX_ITEMS_PER_DONATION} items; import a longer list as a CSV file."),
        );
        return Ok(None);
    }
    let mut checked = Vec::with_capacity(new_items.len());
    for (index, mut item) in new_items.into_iter().enumerate() {
        item.received_on = None;
        item.donation_id = None;
        let prefix = format!("items[{index}].");
        checked.push(inventory::check_new_item(conn, config, problems, &prefix, item, now).await?);
    }
    Ok(checked.into_iter().collect())
}

/// Inserts a donation and its checked items in `tx`.
pub(crate) async fn insert_donation(
    tx: &DatabaseTransaction,
    config: &Config,
    staff: &StaffUser,
    donor: &donors::Model,
    fields: DonationFields,
    checked: Vec<CheckedItem>,
    now: DateTime<Utc>,
) -> anyhow::Result<donations::Model> {
    let grant = fields.grant;
    let donation = donations::ActiveModel {
        donor_id: Set(donor.id),
        received_on: Set(fields.received_on),
        method: Set(fields.method.as_str().to_owned()),
        notes: Set(fields.notes),
        grant_name: Set(grant.as_ref().map(|g| g.name.clone())),
        grant_amount_cents: Set(grant.as_ref().map(|g| g.amount_cents)),
        grant_period_start: Set(grant.as_ref().map(|g| g.period_start)),
        grant_period_end: Set(grant.as_ref().map(|g| g.period_end)),
        letter_emailed_at: Set(None),
        letters_emailed: Set(0),
        created_by: Set(Some(staff.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    let count = checked.len();
    for item in checked {
        inventory::insert_item(
            tx,
            config,
            staff,
            item,
            fields.received_on,
            Some(donation.id),
            now,
        )
        .await?;
    }
    audit::record(
        tx,
        Some(staff.id),
        "donations.create",
        None,
        format!("Logged a donation of {count} item(s) from {}", donor.name),
        now,
    )
    .await?;
    Ok(donation)
}

#[allow(clippy::too_many_arguments)]
/// Checks the parts of a new donation every way of logging one shares: the date, notes,
/// grant details and items. Problems are collected; nothing is written.
pub(crate) async fn check_donation(
    conn: &impl ConnectionTrait,
    config: &Config,
    problems: &mut FieldErrors,
    kind: DonorKind,
    received_on: NaiveDate,
    method: DeliveryMethod,
    notes: &str,
    grant: Option<GrantDetails>,
    new_items: Vec<NewItem>,
    now: DateTime<Utc>,
) -> anyhow::Result<(DonationFields, Option<Vec<CheckedItem>>)> {
    if received_on > now.with_timezone(&config.timezone).date_naive() {
        add(problems, "received_on", "That date hasn't come yet.");
    }
    let notes = text(problems, "notes", notes, 2000, false);
    let grant = check_grant(problems, kind, grant);
    let checked = check_items(conn, config, problems, new_items, now).await?;
    Ok((
        DonationFields {
            received_on,
            method,
            notes,
            grant,
        },
        checked,
    ))
}

/// Logs a donation with the items it brought, from a known donor or a new one: all of
/// it is saved, or (on any problem) none of it.
pub async fn create_donation(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    new: NewDonation,
    now: DateTime<Utc>,
) -> AppResult<Donation> {
    let tx = db.begin_write().await?;
    let mut problems = FieldErrors::new();
    let (known, new_donor) = match new.from {
        DonationFrom::Known { donor_id } => {
            (known_donor(&tx, &mut problems, donor_id).await?, None)
        }
        DonationFrom::New { new_donor } => (
            None,
            Some(check_donor(&mut problems, "new_donor.", new_donor)),
        ),
    };
    let kind = known
        .as_ref()
        .and_then(|d| DonorKind::parse(&d.kind))
        .or(new_donor.as_ref().map(|d| d.kind))
        .unwrap_or(DonorKind::Individual);
    let (fields, checked) = check_donation(
        &tx,
        config,
        &mut problems,
        kind,
        new.received_on,
        new.method,
        &new.notes,
        new.grant,
        new.items,
        now,
    )
    .await?;
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    // Without problems there are checked items and a donor (known, or new to insert).
    let Some(checked) = checked else {
        return Err(AppError::Validation(problems));
    };
    let donor = match (known, new_donor) {
        (Some(row), _) => row,
        (None, Some(new_donor)) => insert_donor(&tx, staff, new_donor, now).await?,
        (None, None) => return Err(AppError::Validation(problems)),
    };
    let saved = insert_donation(&tx, config, staff, &donor, fields, checked, now).await?;
    tx.commit().await?;
    donation(db, config, saved.id).await
}

/// Donations with their donors and items, loaded for the whole list at once.
async fn to_donations(
    conn: &impl ConnectionTrait,
    config: &Config,
    rows: Vec<donations::Model>,
) -> anyhow::Result<Vec<Donation>> {
    let donors: HashMap<i64, donors::Model> = donors::Entity::find()
        .filter(donors::Column::Id.is_in(rows.iter().map(|d| d.donor_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let item_rows = items::Entity::find()
        .filter(items::Column::DonationId.is_in(rows.iter().map(|d| d.id)))
        .order_by_asc(items::Column::Id)
        .all(conn)
        .await?;
    let mut by_donation: HashMap<i64, Vec<Item>> = HashMap::new();
    for item in inventory::to_items(conn, item_rows).await? {
        if let Some(donation) = &item.donation {
            by_donation.entry(donation.id).or_default().push(item);
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let donor = donors.get(&row.donor_id);
            let grant = match (
                row.grant_name,
                row.grant_amount_cents,
                row.grant_period_start,
                row.grant_period_end,
            ) {
                (Some(name), Some(amount_cents), Some(period_start), Some(period_end)) => {
                    Some(GrantDetails {
                        name,
                        amount_cents,
                        period_start,
                        period_end,
                    })
                }
                _ => None,
            };
            Donation {
                id: row.id,
                donor_id: row.donor_id,
                donor_name: donor.map(|d| d.name.clone()).unwrap_or_default(),
                donor_kind: donor
                    .and_then(|d| DonorKind::parse(&d.kind))
                    .unwrap_or(DonorKind::Individual),
                received_on: row.received_on,
                method: DeliveryMethod::parse(&row.method).unwrap_or(DeliveryMethod::DropOff),
                notes: row.notes,
                grant,
                items: by_donation.remove(&row.id).unwrap_or_default(),
                letter_emailed_at: row
                    .letter_emailed_at
                    .map(|at| at.with_timezone(&config.timezone).fixed_offset()),
            }
        })
        .collect())
}

pub async fn donation(db: &Db, config: &Config, id: i64) -> AppResult<Donation> {
    let row = find_donation(db.conn(), id).await?;
    Ok(to_donations(db.conn(), config, vec![row]).await?.remove(0))
}

/// Donations, newest first, a page at a time; optionally one donor's.
pub async fn list_donations(
    db: &Db,
    config: &Config,
    donor_id: Option<i64>,
    page: u64,
    per_page: u64,
) -> AppResult<Page<Donation>> {
    let per_page = per_page.clamp(1, 100);
    let mut query = donations::Entity::find();
    if let Some(donor_id) = donor_id {
        query = query.filter(donations::Column::DonorId.eq(donor_id));
    }
    let paginator = query
        .order_by_desc(donations::Column::ReceivedOn)
        .order_by_desc(donations::Column::Id)
        .paginate(db.conn(), per_page);
    let total = paginator.num_items().await?;
    let page = std::cmp::max(page, 1);
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: to_donations(db.conn(), config, rows).await?,
        page,
        per_page,
        total,
    })
}

/// "3 × Sofa", or "12 boxes of Board games" when the item has a unit.
fn how_many(item: &Item) -> String {
    if item.unit.is_empty() {
        format!("{} × {}", item.quantity, item.name)
    } else {
        format!("{} {} of {}", item.quantity, item.unit, item.name)
    }
}

/// "3 × Sofa — in use in Main Lounge": what one gift is doing now.
fn impact_line(item: &Item) -> String {
    let what = how_many(item);
    let place = &item.location_name;
    let now = match item.status {
        ItemStatus::InUse if place.is_empty() => "in use".to_owned(),
        ItemStatus::InUse => format!("in use in {place}"),
        ItemStatus::InStorage => "in storage, ready for when it's needed".to_owned(),
        ItemStatus::LentOut => "lent out to another programme".to_owned(),
        ItemStatus::Disposed => "used up or passed on".to_owned(),
    };
    format!("{what} — {now}")
}

/// A donor's page: their details, every donation with its items, and where each item is
/// now, with a short note drafted from it for staff to edit and send.
pub async fn donor_detail(db: &Db, config: &Config, id: i64) -> AppResult<DonorDetail> {
    let row = find_donor(db.conn(), id).await?;
    let gifts = donations::Entity::find()
        .filter(donations::Column::DonorId.eq(id))
        .order_by_desc(donations::Column::ReceivedOn)
        .order_by_desc(donations::Column::Id)
        .all(db.conn())
        .await?;
    let donation_list = to_donations(db.conn(), config, gifts).await?;
    let impact: Vec<ImpactLine> = donation_list
        .iter()
        .flat_map(|donation| &donation.items)
        .map(|item| ImpactLine {
            item_id: item.id,
            text: impact_line(item),
        })
        .collect();
    let greeting = if row.contact_person.is_empty() {
        row.name.clone()
    } else {
        row.contact_person.clone()
    };
    let mut draft = format!(
        "Dear {greeting},\n\nThank you again for what you gave to {}. Here is where it is now:\n\n",
        config.agency_name
    );
    for line in &impact {
        draft.push_str(&format!("- {}\n", line.text));
    }
    draft.push_str("\nYour gifts help make the lounge a place young people want to be.\n");
    let donor = to_donors(db.conn(), vec![row]).await?.remove(0);
    Ok(DonorDetail {
        donor,
        donation_list,
        impact,
        impact_note_draft: draft,
    })
}

#[derive(Serialize)]
struct ImpactNoteEmail<'a> {
    agency: &'a str,
    text: &'a str,
    lines: Vec<&'a str>,
}

/// Emails a donor the impact note staff wrote.
pub async fn send_impact_note(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    note: ImpactNote,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut problems = FieldErrors::new();
    let body = text(&mut problems, "text", &note.text, 5000, true);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let donor = find_donor(&tx, id).await?;
    if donor.email.is_empty() {
        return Err(no_email());
    }
    outbox::enqueue(
        &tx,
        &config.mail_from,
        outbox::NewEmail::plain(
            format!("donor:{id}:impact-note:{}", now.timestamp_micros()),
            "impact_note",
            &donor.email,
            templates::render(
                "impact_note",
                &ImpactNoteEmail {
                    agency: &config.agency_name,
                    text: &body,
                    lines: body.lines().collect(),
                },
            )?,
            now,
        ),
        now,
    )
    .await?;
    audit::record(
        &tx,
        Some(staff.id),
        "donors.impact_note",
        None,
        format!("Sent an impact note to {}", donor.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn no_email() -> AppError {
    AppError::client(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "donor_has_no_email",
        "This donor has no email address; add one on their page, or print the letter.",
    )
}

/// The letterhead, with the agency's name from the server's settings.
pub async fn letterhead(db: &Db, config: &Config) -> AppResult<Letterhead> {
    let row = letterhead::Entity::find_by_id(1).one(db.conn()).await?;
    Ok(to_letterhead(config, row))
}

fn to_letterhead(config: &Config, row: Option<letterhead::Model>) -> Letterhead {
    let row = row.unwrap_or(letterhead::Model {
        id: 1,
        address: String::new(),
        phone: String::new(),
        email: String::new(),
        website: String::new(),
        tax_id: String::new(),
        signer_name: String::new(),
        signer_title: String::new(),
        currency_symbol: String::new(),
        updated_at: DateTime::<Utc>::MIN_UTC,
    });
    Letterhead {
        agency_name: config.agency_name.clone(),
        address: row.address,
        phone: row.phone,
        email: row.email,
        website: row.website,
        tax_id: row.tax_id,
        signer_name: row.signer_name,
        signer_title: row.signer_title,
        currency_symbol: row.currency_symbol,
    }
}

pub async fn set_letterhead(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    new: Letterhead,
    now: DateTime<Utc>,
) -> AppResult<Letterhead> {
    let mut problems = FieldErrors::new();
    let address = text(&mut problems, "address", &new.address, 500, false);
    let phone = text(&mut problems, "phone", &new.phone, 40, false);
    let email = text(&mut problems, "email", &new.email, 254, false);
    if !email.is_empty() {
        if let Err(invalid) = Email::parse(&email) {
            add(&mut problems, "email", invalid.0);
        }
    }
    let website = text(&mut problems, "website", &new.website, 200, false);
    let tax_id = text(&mut problems, "tax_id", &new.tax_id, 40, false);
    let signer_name = text(&mut problems, "signer_name", &new.signer_name, 120, false);
    let signer_title = text(&mut problems, "signer_title", &new.signer_title, 120, false);
    let currency_symbol = text(
        &mut problems,
        "currency_symbol",
        &new.currency_symbol,
        8,
        false,
    );
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let row = letterhead::ActiveModel {
        id: Set(1),
        address: Set(address),
        phone: Set(phone),
        email: Set(email),
        website: Set(website),
        tax_id: Set(tax_id),
        signer_name: Set(signer_name),
        signer_title: Set(signer_title),
        currency_symbol: Set(currency_symbol),
        updated_at: Set(now),
    };
    let tx = db.begin_write().await?;
    letterhead::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(letterhead::Column::Id)
                .update_columns([
                    letterhead::Column::Address,
                    letterhead::Column::Phone,
                    letterhead::Column::Email,
                    letterhead::Column::Website,
                    letterhead::Column::TaxId,
                    letterhead::Column::SignerName,
                    letterhead::Column::SignerTitle,
                    letterhead::Column::CurrencySymbol,
                    letterhead::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&tx)
        .await?;
    audit::record(
        &tx,
        Some(staff.id),
        "letterhead.update",
        None,
        "Changed the letterhead".to_owned(),
        now,
    )
    .await?;
    tx.commit().await?;
    letterhead(db, config).await
}

/// What every letter says about the exchange: nothing was given for the gift.
const NO_EXCHANGE: &str = "No goods or services were provided in exchange for this contribution. This letter describes what you gave; it does not assign it a value.";

#[derive(Serialize)]
struct LetterGrant {
    name: String,
    amount: String,
    period: String,
}

#[derive(Serialize)]
struct LetterContext {
    letterhead: Letterhead,
    address_lines: Vec<String>,
    letter_date: String,
    donor_name: String,
    contact_person: String,
    donor_address_lines: Vec<String>,
    greeting: String,
    received_on: String,
    method: &'static str,
    items: Vec<String>,
    grant: Option<LetterGrant>,
    statement: &'static str,
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "1,250.00" with the letterhead's symbol in front.
fn money(symbol: &str, cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{symbol}{grouped}.{:02}", cents % 100)
}

/// How an item is described on a letter: how many and what, never what it is worth.
fn letter_line(item: &Item) -> String {
    let condition = match item.condition {
        shared::ItemCondition::New => "new",
        shared::ItemCondition::Good => "good condition",
        shared::ItemCondition::Fair => "fair condition",
        shared::ItemCondition::NeedsRepair => "needs repair",
        shared::ItemCondition::Unusable => "not usable",
    };
    format!("{} ({condition})", how_many(item))
}

async fn letter_context(
    db: &Db,
    config: &Config,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<(LetterContext, donors::Model)> {
    let gift = donation(db, config, id).await?;
    let donor = find_donor(db.conn(), gift.donor_id).await?;
    let letterhead = letterhead(db, config).await?;
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let grant = gift.grant.as_ref().map(|grant| LetterGrant {
        name: grant.name.clone(),
        amount: money(&letterhead.currency_symbol, grant.amount_cents),
        period: format!(
            "{} to {}",
            long_date(grant.period_start),
            long_date(grant.period_end)
        ),
    });
    let context = LetterContext {
        address_lines: lines(&letterhead.address),
        letter_date: long_date(now.with_timezone(&config.timezone).date_naive()),
        greeting: if donor.contact_person.is_empty() {
            donor.name.clone()
        } else {
            donor.contact_person.clone()
        },
        donor_name: donor.name.clone(),
        contact_person: donor.contact_person.clone(),
        donor_address_lines: lines(&donor.address),
        received_on: long_date(gift.received_on),
        method: match gift.method {
            DeliveryMethod::DropOff => "dropped off at the lounge",
            DeliveryMethod::Pickup => "collected by our team",
            DeliveryMethod::Delivery => "delivered",
        },
        items: gift.items.iter().map(letter_line).collect(),
        grant,
        statement: NO_EXCHANGE,
        letterhead,
    };
    Ok((context, donor))
}

/// The printable thank-you letter: a whole HTML page with a print stylesheet.
pub async fn letter_page(
    db: &Db,
    config: &Config,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let (context, _) = letter_context(db, config, id, now).await?;
    Ok(templates::render_page(
        "donation_letter/page.html",
        &context,
    )?)
}

/// Emails the thank-you letter to the donor through the outbox (each press is a new
/// email: a donor may ask for it again).
pub async fn email_letter(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<Donation> {
    let (context, donor) = letter_context(db, config, id, now).await?;
    if donor.email.is_empty() {
        return Err(no_email());
    }
    let email = templates::render("donation_letter", &context)?;
    let tx = db.begin_write().await?;
    let row = find_donation(&tx, id).await?;
    let sent = row.letters_emailed + 1;
    let mut active = row.into_active_model();
    active.letters_emailed = Set(sent);
    active.letter_emailed_at = Set(Some(now));
    active.update(&tx).await?;
    outbox::enqueue(
        &tx,
        &config.mail_from,
        outbox::NewEmail::plain(
            format!("donation:{id}:letter:{sent}"),
            "donation_letter",
            &donor.email,
            email,
            now,
        ),
        now,
    )
    .await?;
    audit::record(
        &tx,
        Some(staff.id),
        "donations.letter",
        None,
        format!("Emailed the thank-you letter to {}", donor.name),
        now,
    )
    .await?;
    tx.commit().await?;
    donation(db, config, id).await
}

//! The public wishlist: what the lounge still needs, and the pledges partners make
//! against it. A wish's `pledged` counter moves in one guarded UPDATE (and a CHECK keeps
//! it within the quantity wanted), so pledges at the same moment never promise more than
//! is needed. The public sees how many are still needed, never who pledged.

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use shared::{
    Donation, DonorKind, Email, FieldErrors, NewDonor, NewPledge, NewWish, Pledge, PledgeArrived,
    PledgeReceipt, PledgeStatus, PublicWish, Role, StaffUser, Wish, WishPriority,
};

use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{item_categories, pledges, wishes},
    error::{AppError, AppResult},
    services::{
        self, audit,
        donations::{self, check_donation},
        form_checks::{add, text},
    },
};

const MAX_WANTED: i64 = 10_000;

/// A pledge repeated (same wish, email and quantity) within this long is taken as the
/// same form sent again.
const RESENT_WITHIN: chrono::Duration = chrono::Duration::minutes(10);

fn still_needed(row: &wishes::Model) -> i64 {
    std::cmp::max(row.quantity - row.pledged, 0)
}

fn to_wish(row: wishes::Model) -> Wish {
    Wish {
        id: row.id,
        pledged: row.pledged,
        still_needed: still_needed(&row),
        details: NewWish {
            name: row.name,
            quantity: row.quantity,
            priority: WishPriority::parse(&row.priority).unwrap_or(WishPriority::Medium),
            note: row.note,
            category_id: row.category_id,
        },
    }
}

fn to_public(row: wishes::Model) -> PublicWish {
    let wish = to_wish(row);
    PublicWish {
        id: wish.id,
        name: wish.details.name,
        priority: wish.details.priority,
        note: wish.details.note,
        still_needed: wish.still_needed,
    }
}

fn priority_rank(priority: &str) -> u8 {
    match WishPriority::parse(priority) {
        Some(WishPriority::High) => 0,
        Some(WishPriority::Medium) => 1,
        _ => 2,
    }
}

/// Open wishes, most needed first, then by name.
async fn open_wishes(conn: &impl ConnectionTrait) -> anyhow::Result<Vec<wishes::Model>> {
    let mut rows = wishes::Entity::find()
        .filter(wishes::Column::Archived.eq(false))
        .order_by_asc(wishes::Column::Name)
        .order_by_asc(wishes::Column::Id)
        .all(conn)
        .await?;
    rows.sort_by_key(|row| priority_rank(&row.priority));
    Ok(rows)
}

/// What the public sees: wishes still needing something.
pub async fn public_list(db: &Db) -> AppResult<Vec<PublicWish>> {
    Ok(open_wishes(db.conn())
        .await?
        .into_iter()
        .filter(|row| row.pledged < row.quantity)
        .map(to_public)
        .collect())
}

/// What facilities staff see: every open wish, fully pledged ones too.
pub async fn staff_list(db: &Db) -> AppResult<Vec<Wish>> {
    Ok(open_wishes(db.conn())
        .await?
        .into_iter()
        .map(to_wish)
        .collect())
}

async fn check_wish(
    conn: &impl ConnectionTrait,
    new: NewWish,
) -> anyhow::Result<Result<NewWish, FieldErrors>> {
    let mut problems = FieldErrors::new();
    let name = text(&mut problems, "name", &new.name, 120, true);
    let note = text(&mut problems, "note", &new.note, 500, false);
    if !(1..=MAX_WANTED).contains(&new.quantity) {
        add(
            &mut problems,
            "quantity",
            format!("Between 1 and {MAX_WANTED}."),
        );
    }
    if let Some(category_id) = new.category_id {
        if item_categories::Entity::find_by_id(category_id)
            .one(conn)
            .await?
            .is_none()
        {
            add(&mut problems, "category_id", "There is no such category.");
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(NewWish { name, note, ..new }))
}

pub async fn add_wish(
    db: &Db,
    staff: &StaffUser,
    new: NewWish,
    now: DateTime<Utc>,
) -> AppResult<Wish> {
    let tx = db.begin_write().await?;
    let new = check_wish(&tx, new).await?.map_err(AppError::Validation)?;
    let row = wishes::ActiveModel {
        name: Set(new.name),
        category_id: Set(new.category_id),
        quantity: Set(new.quantity),
        pledged: Set(0),
        priority: Set(new.priority.as_str().to_owned()),
        note: Set(new.note),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        Some(staff.id),
        "wishlist.add",
        None,
        format!("Put {} on the wishlist", row.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_wish(row))
}

async fn find_wish(conn: &impl ConnectionTrait, id: i64) -> AppResult<wishes::Model> {
    wishes::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| !row.archived)
        .ok_or_else(|| AppError::not_found("That isn't on the wishlist."))
}

/// Changes a wish; the quantity can't go below what partners have already pledged.
pub async fn change_wish(
    db: &Db,
    staff: &StaffUser,
    id: i64,
    new: NewWish,
    now: DateTime<Utc>,
) -> AppResult<Wish> {
    let tx = db.begin_write().await?;
    let row = find_wish(&tx, id).await?;
    let new = check_wish(&tx, new).await?.map_err(AppError::Validation)?;
    if new.quantity < row.pledged {
        return Err(AppError::invalid_field(
            "quantity",
            format!(
                "Partners have pledged {} already; withdraw a pledge first to ask for fewer.",
                row.pledged
            ),
        ));
    }
    let mut active = row.into_active_model();
    active.name = Set(new.name);
    active.category_id = Set(new.category_id);
    active.quantity = Set(new.quantity);
    active.priority = Set(new.priority.as_str().to_owned());
    active.note = Set(new.note);
    active.updated_at = Set(now);
    let row = active.update(&tx).await?;
    audit::record(
        &tx,
        Some(staff.id),
        "wishlist.change",
        None,
        format!("Changed {} on the wishlist", row.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_wish(row))
}

/// Takes a wish off the public list; its pledges stay on record.
pub async fn archive_wish(
    db: &Db,
    staff: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = db.begin_write().await?;
    let row = find_wish(&tx, id).await?;
    let name = row.name.clone();
    let mut active = row.into_active_model();
    active.archived = Set(true);
    active.updated_at = Set(now);
    active.update(&tx).await?;
    audit::record(
        &tx,
        Some(staff.id),
        "wishlist.archive",
        None,
        format!("Took {name} off the wishlist"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Serialize)]
struct PledgeReceivedEmail<'a> {
    agency: &'a str,
    name: &'a str,
    from: &'a str,
    organisation: &'a str,
    contact_name: &'a str,
    email: &'a str,
    quantity: i64,
    wish: &'a str,
    message: &'a str,
    still_needed: i64,
    link: String,
}

#[derive(Serialize)]
struct PledgeThanksEmail<'a> {
    agency: &'a str,
    contact_name: &'a str,
    quantity: i64,
    wish: &'a str,
}

/// A partner pledges some of a wish. More than is still needed: 409 `fully_pledged`.
/// Facilities staff are emailed, and the partner gets a thank-you.
pub async fn pledge(
    db: &Db,
    config: &Config,
    wish_id: i64,
    new: NewPledge,
    now: DateTime<Utc>,
) -> AppResult<PledgeReceipt> {
    let mut problems = FieldErrors::new();
    let organisation = text(&mut problems, "organisation", &new.organisation, 120, false);
    let contact_name = text(&mut problems, "contact_name", &new.contact_name, 120, true);
    let email = match Email::parse(&new.email) {
        Ok(email) => email.as_str().to_owned(),
        Err(invalid) => {
            add(&mut problems, "email", invalid.0);
            String::new()
        }
    };
    let message = text(&mut problems, "message", &new.message, 1000, false);
    if !(1..=MAX_WANTED).contains(&new.quantity) {
        add(&mut problems, "quantity", "Pledge at least one.");
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let wish = find_wish(&tx, wish_id).await?;
    // The same pledge again within minutes is a resent form (a retry on a poor
    // connection), not a second gift: answer as before and promise nothing more.
    let resent = pledges::Entity::find()
        .filter(pledges::Column::WishId.eq(wish_id))
        .filter(pledges::Column::Email.eq(email.as_str()))
        .filter(pledges::Column::Quantity.eq(new.quantity))
        .filter(pledges::Column::Status.eq(PledgeStatus::Open.as_str()))
        .filter(pledges::Column::CreatedAt.gt(now - RESENT_WITHIN))
        .one(&tx)
        .await?;
    if resent.is_some() {
        return Ok(PledgeReceipt {
            quantity: new.quantity,
            wish: to_public(wish),
        });
    }
    let taken = wishes::Entity::update_many()
        .col_expr(
            wishes::Column::Pledged,
            Expr::col(wishes::Column::Pledged).add(new.quantity),
        )
        .col_expr(wishes::Column::UpdatedAt, Expr::value(now))
        .filter(wishes::Column::Id.eq(wish_id))
        .filter(wishes::Column::Archived.eq(false))
        .filter(
            Expr::col(wishes::Column::Pledged)
                .add(new.quantity)
                .lte(Expr::col(wishes::Column::Quantity)),
        )
        .exec(&tx)
        .await?;
    if taken.rows_affected == 0 {
        let still_needed = still_needed(&wish);
        return Err(AppError::conflict(
            "fully_pledged",
            if still_needed == 0 {
                format!(
                    "{} is fully pledged already. Thank you: have a look at what else is needed.",
                    wish.name
                )
            } else {
                format!(
                    "Only {still_needed} more {} needed; please pledge {still_needed} or fewer.",
                    wish.name
                )
            },
        ));
    }
    let wish = find_wish(&tx, wish_id).await?;
    let row = pledges::ActiveModel {
        wish_id: Set(wish_id),
        organisation: Set(organisation),
        contact_name: Set(contact_name),
        email: Set(email),
        quantity: Set(new.quantity),
        message: Set(message),
        status: Set(PledgeStatus::Open.as_str().to_owned()),
        donation_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let still_needed = still_needed(&wish);
    let from = if row.organisation.is_empty() {
        row.contact_name.as_str()
    } else {
        row.organisation.as_str()
    };
    for staff in services::staff::active_with_role(&tx, Role::Facilities).await? {
        let context = PledgeReceivedEmail {
            agency: &config.agency_name,
            name: &staff.display_name,
            from,
            organisation: &row.organisation,
            contact_name: &row.contact_name,
            email: &row.email,
            quantity: row.quantity,
            wish: &wish.name,
            message: &row.message,
            still_needed,
            link: format!("{}/staff/pledges", config.public_url),
        };
        outbox::enqueue(
            &tx,
            &config.mail_from,
            outbox::NewEmail::plain(
                format!("pledge:{}:to:{}", row.id, staff.id),
                "pledge_received",
                &staff.email,
                templates::render("pledge_received", &context)?,
                now,
            ),
            now,
        )
        .await?;
    }
    outbox::enqueue(
        &tx,
        &config.mail_from,
        outbox::NewEmail::plain(
            format!("pledge:{}:thanks", row.id),
            "pledge_thanks",
            &row.email,
            templates::render(
                "pledge_thanks",
                &PledgeThanksEmail {
                    agency: &config.agency_name,
                    contact_name: &row.contact_name,
                    quantity: row.quantity,
                    wish: &wish.name,
                },
            )?,
            now,
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(PledgeReceipt {
        quantity: row.quantity,
        wish: to_public(wish),
    })
}

async fn to_pledges(
    conn: &impl ConnectionTrait,
    config: &Config,
    rows: Vec<pledges::Model>,
) -> anyhow::Result<Vec<Pledge>> {
    let names: std::collections::HashMap<i64, String> = wishes::Entity::find()
        .filter(wishes::Column::Id.is_in(rows.iter().map(|p| p.wish_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|w| (w.id, w.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| Pledge {
            id: row.id,
            wish_id: row.wish_id,
            wish_name: names.get(&row.wish_id).cloned().unwrap_or_default(),
            organisation: row.organisation,
            contact_name: row.contact_name,
            email: row.email,
            quantity: row.quantity,
            message: row.message,
            status: PledgeStatus::parse(&row.status).unwrap_or(PledgeStatus::Open),
            donation_id: row.donation_id,
            created_at: row
                .created_at
                .with_timezone(&config.timezone)
                .fixed_offset(),
        })
        .collect())
}

/// Pledges, newest first, optionally of one status.
pub async fn list_pledges(
    db: &Db,
    config: &Config,
    status: Option<PledgeStatus>,
) -> AppResult<Vec<Pledge>> {
    let mut query = pledges::Entity::find();
    if let Some(status) = status {
        query = query.filter(pledges::Column::Status.eq(status.as_str()));
    }
    let rows = query
        .order_by_desc(pledges::Column::CreatedAt)
        .order_by_desc(pledges::Column::Id)
        .all(db.conn())
        .await?;
    Ok(to_pledges(db.conn(), config, rows).await?)
}

async fn find_open_pledge(conn: &impl ConnectionTrait, id: i64) -> AppResult<pledges::Model> {
    let row = pledges::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such pledge."))?;
    if row.status != PledgeStatus::Open.as_str() {
        return Err(AppError::conflict(
            "pledge_closed",
            "This pledge has already arrived or been withdrawn.",
        ));
    }
    Ok(row)
}

/// Withdraws an open pledge: what it promised is needed again.
pub async fn withdraw(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<Pledge> {
    let tx = db.begin_write().await?;
    let row = find_open_pledge(&tx, id).await?;
    wishes::Entity::update_many()
        .col_expr(
            wishes::Column::Pledged,
            Expr::col(wishes::Column::Pledged).sub(row.quantity),
        )
        .col_expr(wishes::Column::UpdatedAt, Expr::value(now))
        .filter(wishes::Column::Id.eq(row.wish_id))
        .exec(&tx)
        .await?;
    let mut active = row.into_active_model();
    active.status = Set(PledgeStatus::Withdrawn.as_str().to_owned());
    active.updated_at = Set(now);
    let row = active.update(&tx).await?;
    audit::record(
        &tx,
        Some(staff.id),
        "pledges.withdraw",
        None,
        format!("Withdrew the pledge from {}", row.contact_name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_pledges(db.conn(), config, vec![row]).await?.remove(0))
}

/// The pledged gift arrived: the donation (and its donor, unless a known one is named)
/// with its items, and the pledge marked received, all in one transaction.
pub async fn arrived(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    arrived: PledgeArrived,
    now: DateTime<Utc>,
) -> AppResult<Donation> {
    let tx = db.begin_write().await?;
    let pledge = find_open_pledge(&tx, id).await?;
    let mut problems = FieldErrors::new();
    let known = match arrived.donor_id {
        Some(donor_id) => donations::known_donor(&tx, &mut problems, donor_id).await?,
        None => None,
    };
    if arrived.items.is_empty() {
        add(
            &mut problems,
            "items",
            "List at least one item that arrived.",
        );
    }
    let kind = known
        .as_ref()
        .and_then(|d| DonorKind::parse(&d.kind))
        .unwrap_or(DonorKind::Business);
    let (fields, checked) = check_donation(
        &tx,
        config,
        &mut problems,
        kind,
        arrived.received_on,
        arrived.method,
        &arrived.notes,
        None,
        arrived.items,
        now,
    )
    .await?;
    let (Some(checked), true) = (checked, problems.is_empty()) else {
        return Err(AppError::Validation(problems));
    };
    let donor = match known {
        Some(donor) => donor,
        None => {
            let (kind, name) = if pledge.organisation.is_empty() {
                (DonorKind::Individual, pledge.contact_name.clone())
            } else {
                (DonorKind::Business, pledge.organisation.clone())
            };
            let new_donor = NewDonor {
                kind,
                name,
                contact_person: pledge.contact_name.clone(),
                email: pledge.email.clone(),
                phone: String::new(),
                address: String::new(),
                notes: format!(
                    "From a wishlist pledge on {}.",
                    pledge.created_at.date_naive()
                ),
                public_thanks: false,
            };
            donations::insert_donor(&tx, staff, new_donor, now).await?
        }
    };
    let saved =
        donations::insert_donation(&tx, config, staff, &donor, fields, checked, now).await?;
    let mut active = pledge.into_active_model();
    active.status = Set(PledgeStatus::Received.as_str().to_owned());
    active.donation_id = Set(Some(saved.id));
    active.updated_at = Set(now);
    active.update(&tx).await?;
    tx.commit().await?;
    donations::donation(db, config, saved.id).await
}

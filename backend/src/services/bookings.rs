//! Booking without an account: lounge drop-ins, peer mentor office hours and seats at
//! events (`registrations`). A lounge booking takes its seat in the slot's counter row inside
//! the transaction that records it, so no amount of concurrency can oversell a slot; an
//! office-hours booking is refused by the database itself if it would overlap another
//! session of the same mentor.

pub mod registrations;

use std::sync::Arc;

use axum::body::Bytes;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait, Func, OnConflict},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};
use serde::Serialize;
use shared::{
    Booking, BookingKind, BookingStatus, DisplayName, Email, FieldErrors, NewBooking,
    SlotAvailability, SpaceNow, TimeRange,
};

use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{booking_status_changes, bookings, closures, mentors, slot_seats, spaces},
    error::{AppError, AppResult},
    reusable_body::ReusableBody,
    services::{self, availability_cache::AvailabilityCache, staff_links::human_time, tokens},
};

/// The slots of a space on the agency dates `from..=to`, with seats taken and free:
/// past slots, slots inside the minimum notice or beyond the horizon, and closed slots
/// are left out.
///
/// Answered as the JSON the public API sends, from `cache` while nothing has changed
/// (see `availability_cache` for what counts as a change).
pub async fn lounge_slots_json(
    db: &Db,
    cache: &AvailabilityCache,
    space_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    config: &Config,
) -> AppResult<Arc<ReusableBody>> {
    if let Some(body) = cache.get(space_id, from, to, now) {
        return Ok(body);
    }
    let generation = cache.generation();
    let (slots, list_changes_at) = listed_slots(db, space_id, from, to, now, config).await?;
    let json = serde_json::to_vec(&slots).map_err(anyhow::Error::from)?;
    let body = Arc::new(ReusableBody::new(Bytes::from(json), "application/json"));
    cache.put(
        (space_id, from, to),
        generation,
        now,
        list_changes_at,
        Arc::clone(&body),
    );
    Ok(body)
}

/// The listed slots, and the moment the list changes by itself: when its first slot
/// comes within the minimum notice and must drop off.
async fn listed_slots(
    db: &Db,
    space_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    config: &Config,
) -> AppResult<(Vec<SlotAvailability>, DateTime<Utc>)> {
    services::spaces::check_range(from, to)?;
    let space = services::spaces::find(db.conn(), space_id).await?;
    let windows = services::spaces::windows(db.conn(), space_id).await?;
    let candidates = services::slots::slots_between(&windows, from, to, config.timezone);
    let (Some(first), Some(last)) = (candidates.first(), candidates.last()) else {
        return Ok((Vec::new(), DateTime::<Utc>::MAX_UTC));
    };
    let closed = closures_between(db.conn(), space_id, first.start(), last.end()).await?;
    let taken: std::collections::HashMap<DateTime<Utc>, (i32, i32, i32)> =
        slot_seats::Entity::find()
            .filter(slot_seats::Column::SpaceId.eq(space_id))
            .filter(slot_seats::Column::StartsAt.gte(first.start()))
            .filter(slot_seats::Column::StartsAt.lte(last.start()))
            .all(db.conn())
            .await?
            .into_iter()
            .map(|row| (row.starts_at, (row.capacity, row.booked, row.walk_ins)))
            .collect();

    let listed: Vec<TimeRange> = candidates
        .into_iter()
        .filter(|slot| bookable_problem(&space, slot, &closed, now).is_none())
        .collect();
    let changes_at = listed.first().map_or(DateTime::<Utc>::MAX_UTC, |slot| {
        slot.start() - Duration::minutes(i64::from(space.min_notice_minutes))
    });
    let slots = listed
        .into_iter()
        .map(|slot| {
            let (capacity, booked, walk_ins) =
                taken
                    .get(&slot.start())
                    .copied()
                    .unwrap_or((space.capacity, 0, 0));
            let capacity = u32::try_from(capacity).unwrap_or(0);
            let booked = u32::try_from(booked).unwrap_or(0);
            let walk_ins = u32::try_from(walk_ins).unwrap_or(0);
            SlotAvailability {
                start: slot.start().with_timezone(&config.timezone).fixed_offset(),
                end: slot.end().with_timezone(&config.timezone).fixed_offset(),
                capacity,
                booked,
                available: capacity.saturating_sub(booked + walk_ins),
            }
        })
        .collect();
    Ok((slots, changes_at))
}

/// Whether the space is open right now, the seats free in the current slot, and when
/// the current opening window ends.
pub async fn space_now(
    db: &Db,
    space_id: i64,
    now: DateTime<Utc>,
    config: &Config,
) -> AppResult<SpaceNow> {
    let space = services::spaces::find(db.conn(), space_id).await?;
    let windows = services::spaces::windows(db.conn(), space_id).await?;
    let today = now.with_timezone(&config.timezone).date_naive();
    let slots = services::slots::slots_between(&windows, today, today, config.timezone);
    let closed = closures_between(db.conn(), space_id, now, now + Duration::seconds(1)).await?;
    let current = slots.iter().position(|slot| slot.contains(now));
    let (Some(index), true) = (current, closed.is_empty()) else {
        return Ok(SpaceNow {
            open: false,
            seats_free: 0,
            closes_at: None,
        });
    };
    // The window runs on while slots follow each other without a gap.
    let mut window_end = slots[index].end();
    for slot in &slots[index + 1..] {
        if slot.start() != window_end {
            break;
        }
        window_end = slot.end();
    }
    let (capacity, present) = slot_seats::Entity::find_by_id((space_id, slots[index].start()))
        .one(db.conn())
        .await?
        .map_or((space.capacity, 0), |row| {
            (row.capacity, row.booked + row.walk_ins)
        });
    Ok(SpaceNow {
        open: true,
        seats_free: u32::try_from(capacity - present).unwrap_or(0),
        closes_at: Some(window_end.with_timezone(&config.timezone).fixed_offset()),
    })
}

async fn closures_between(
    conn: &impl ConnectionTrait,
    space_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> anyhow::Result<Vec<TimeRange>> {
    Ok(closures::Entity::find()
        .filter(closures::Column::SpaceId.eq(space_id))
        .filter(closures::Column::StartsAt.lt(to))
        .filter(closures::Column::EndsAt.gt(from))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|c| TimeRange::new(c.starts_at, c.ends_at).ok())
        .collect())
}

/// The slot starting at `start` if it is one of the space's and can be booked now;
/// otherwise a 422 on `start` saying why.
async fn bookable_slot(
    conn: &impl ConnectionTrait,
    space: &spaces::Model,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    config: &Config,
) -> AppResult<TimeRange> {
    let windows = services::spaces::windows(conn, space.id).await?;
    let local_day = start.with_timezone(&config.timezone).date_naive();
    let slot = services::slots::slots_between(&windows, local_day, local_day, config.timezone)
        .into_iter()
        .find(|slot| slot.start() == start)
        .ok_or_else(|| AppError::invalid_field("start", "That isn't one of the lounge's times."))?;
    let closed = closures_between(conn, space.id, slot.start(), slot.end()).await?;
    if let Some(problem) = bookable_problem(space, &slot, &closed, now) {
        return Err(AppError::invalid_field("start", problem));
    }
    Ok(slot)
}

/// Why a slot cannot be booked now, in words for the young person; `None` when it can.
fn bookable_problem(
    space: &spaces::Model,
    slot: &TimeRange,
    closed: &[TimeRange],
    now: DateTime<Utc>,
) -> Option<&'static str> {
    if slot.start() <= now {
        return Some("That time has already started.");
    }
    if slot.start() < now + Duration::minutes(i64::from(space.min_notice_minutes)) {
        return Some("That time starts too soon to book. Please pick a later one.");
    }
    if slot.start() >= now + Duration::days(i64::from(space.horizon_days)) {
        return Some("That time is too far ahead to book yet.");
    }
    if closed.iter().any(|closure| closure.overlaps(slot)) {
        return Some("The lounge is closed then.");
    }
    None
}

/// One email about a booking, to queue in the transaction that changes the booking.
struct BookingNotice<'a> {
    booking_id: i64,
    dedupe_key: String,
    kind: &'a str,
    template: &'a str,
    recipient: &'a str,
    name: &'a str,
    place: &'a str,
    start: DateTime<Utc>,
    manage_link: &'a str,
    house_rules: &'a str,
    reason: &'a str,
    /// `None` sends it now; reminders wait for their time.
    send_at: Option<DateTime<Utc>>,
    /// The booking's calendar file, attached to confirmations and reschedules.
    calendar: Option<&'a str>,
    /// Neutral subject and sender, no place or agency named.
    discreet: bool,
}

/// Queues the booking's reminders at the configured offsets before its start, skipping
/// any whose time has already passed. The dedupe key carries the booking's sequence, so
/// a moved booking gets fresh reminders for its new time.
async fn queue_reminders(
    conn: &impl ConnectionTrait,
    config: &Config,
    confirmation: &BookingNotice<'_>,
    sequence: i32,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for offset in &config.reminder_offsets {
        let send_at = confirmation.start - *offset;
        if send_at <= now {
            continue;
        }
        let notice = BookingNotice {
            booking_id: confirmation.booking_id,
            dedupe_key: format!(
                "booking:{}:reminder:{}m:{sequence}",
                confirmation.booking_id,
                offset.num_minutes()
            ),
            kind: REMINDER_KIND,
            template: "booking_reminder",
            send_at: Some(send_at),
            calendar: None,
            ..*confirmation
        };
        queue_notice(conn, config, notice, now).await?;
    }
    Ok(())
}

const REMINDER_KIND: &str = "booking_reminder";

async fn queue_notice(
    conn: &impl ConnectionTrait,
    config: &Config,
    notice: BookingNotice<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let context = BookingEmail {
        agency: &config.agency_name,
        name: notice.name,
        place: notice.place,
        when: human_time(notice.start, config.timezone),
        manage_link: notice.manage_link,
        house_rules: notice.house_rules,
        reason: notice.reason,
        discreet: notice.discreet,
    };
    outbox::enqueue(
        conn,
        &config.mail_from,
        outbox::NewEmail {
            dedupe_key: notice.dedupe_key,
            kind: notice.kind,
            recipient: notice.recipient,
            email: templates::render(notice.template, &context)?,
            send_at: notice.send_at.unwrap_or(now),
            booking_id: Some(notice.booking_id),
            calendar: notice.calendar.map(str::to_owned),
            discreet: notice.discreet,
        },
        now,
    )
    .await
}

/// What the booking templates may show.
#[derive(Serialize)]
struct BookingEmail<'a> {
    agency: &'a str,
    name: &'a str,
    place: &'a str,
    when: String,
    manage_link: &'a str,
    house_rules: &'a str,
    reason: &'a str,
    discreet: bool,
}

/// Books a lounge slot. Validation first (nothing written on a refusal), then one write
/// transaction: the seat, the booking, its first status, and its confirmation email.
///
/// With an `Idempotency-Key`, a repeat of the same request (a double tap, a retry on a bad
/// connection) answers with the first booking, manage token included, and books nothing
/// new; the same key with a different request is refused.
pub async fn create(
    db: &Db,
    config: &Config,
    request: NewBooking,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    let idempotency_key = idempotency_key.map(check_idempotency_key).transpose()?;
    if let Some(key) = idempotency_key {
        if let Some(first) = replay(db, config, &request, key).await? {
            return Ok(first);
        }
    }
    match create_new(db, config, request.clone(), idempotency_key, now).await {
        // Two copies of one request raced; the other committed first.
        Err(AppError::Internal(error))
            if idempotency_key.is_some() && is_unique_violation(&error) =>
        {
            let key = idempotency_key.unwrap_or_default();
            replay(db, config, &request, key)
                .await?
                .ok_or(AppError::Internal(error))
        }
        other => other,
    }
}

fn check_idempotency_key(key: &str) -> AppResult<&str> {
    let fine = (16..=128).contains(&key.len()) && key.chars().all(|c| c.is_ascii_graphic());
    if fine {
        Ok(key)
    } else {
        Err(AppError::bad_request(
            "invalid_idempotency_key",
            "The Idempotency-Key header must be 16–128 visible ASCII characters, e.g. a random UUID.",
        ))
    }
}

fn is_unique_violation(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<sea_orm::DbErr>()
        .and_then(sea_orm::DbErr::sql_err)
        .is_some_and(|e| matches!(e, sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// The booking first made with this key, answered as it was then; `None` if there is none.
async fn replay(
    db: &Db,
    config: &Config,
    request: &NewBooking,
    key: &str,
) -> AppResult<Option<Booking>> {
    let Some(first) = bookings::Entity::find()
        .filter(bookings::Column::IdempotencyKey.eq(tokens::hash(key)))
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let same_request = same_request(&first, request);
    if !same_request {
        return Err(AppError::client(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "That Idempotency-Key was already used for a different booking.",
        ));
    }
    let salt = first.token_salt.clone().unwrap_or_default();
    let token = tokens::derive(key, &salt);
    let whereabouts = whereabouts(db.conn(), &first).await?;
    let mut answer = to_api(first, &whereabouts, config);
    answer.manage_url = Some(format!("{}/manage#token={token}", config.public_url));
    answer.manage_token = Some(token);
    Ok(Some(answer))
}

/// Whether a repeated request (same idempotency key) asks for what the first booking is.
fn same_request(first: &bookings::Model, request: &NewBooking) -> bool {
    let (kind, target_matches, start, name, email, discreet, topic) = match request {
        NewBooking::Lounge {
            space_id,
            start,
            name,
            email,
            discreet,
        } => (
            BookingKind::Lounge,
            first.space_id == Some(*space_id),
            start,
            name,
            email,
            discreet,
            None,
        ),
        NewBooking::OfficeHours {
            mentor_id,
            start,
            name,
            email,
            topic,
            discreet,
        } => (
            BookingKind::OfficeHours,
            // "Any available mentor" was answered by whichever one was free.
            mentor_id.is_none() || first.mentor_id == *mentor_id,
            start,
            name,
            email,
            discreet,
            topic.as_deref().map(str::trim).filter(|t| !t.is_empty()),
        ),
        NewBooking::Event {
            event_id,
            name,
            email,
            discreet,
        } => (
            BookingKind::Event,
            first.event_id == Some(*event_id),
            // An event's time is its own, not the request's.
            &first.starts_at.fixed_offset(),
            name,
            email,
            discreet,
            None,
        ),
    };
    first.kind == kind.as_str()
        && target_matches
        && first.discreet == *discreet
        && first.starts_at == start.with_timezone(&Utc)
        && first.display_name == name.trim()
        && first.topic.as_deref() == topic
        && first.email.as_deref().map(str::to_lowercase)
            == email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_lowercase)
}

/// Who is booking, checked: a name, and an email only if they gave one.
fn parse_person(
    name: &str,
    email: Option<&str>,
    mut problems: FieldErrors,
) -> AppResult<(DisplayName, Option<Email>)> {
    let name = DisplayName::parse(name)
        .map_err(|p| problems.insert("name".into(), vec![p.to_string()]))
        .ok();
    let email = match email.map(str::trim).filter(|e| !e.is_empty()) {
        Some(raw) => match Email::parse(raw) {
            Ok(email) => Some(email),
            Err(problem) => {
                problems.insert("email".into(), vec![problem.to_string()]);
                None
            }
        },
        None => None,
    };
    match name.filter(|_| problems.is_empty()) {
        Some(name) => Ok((name, email)),
        None => Err(AppError::Validation(problems)),
    }
}

/// A new manage token: random, or derived from the idempotency key (with a fresh salt)
/// so a replayed request can answer with the same link.
fn new_manage_token(idempotency_key: Option<&str>) -> (String, Option<String>) {
    match idempotency_key {
        Some(key) => {
            let salt = tokens::generate();
            (tokens::derive(key, &salt), Some(salt))
        }
        None => (tokens::generate(), None),
    }
}

async fn create_new(
    db: &Db,
    config: &Config,
    request: NewBooking,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    match request {
        NewBooking::Lounge {
            space_id,
            start,
            name,
            email,
            discreet,
        } => {
            let (name, email) = parse_person(&name, email.as_deref(), FieldErrors::new())?;
            let request = LoungeRequest {
                space_id,
                start: start.with_timezone(&Utc),
                name,
                email,
                discreet,
            };
            create_lounge(db, config, request, idempotency_key, now).await
        }
        NewBooking::OfficeHours {
            mentor_id,
            start,
            name,
            email,
            topic,
            discreet,
        } => {
            let mut problems = FieldErrors::new();
            let topic = topic.as_deref().map(str::trim).filter(|t| !t.is_empty());
            if topic.is_some_and(|t| t.chars().count() > 280) {
                problems.insert(
                    "topic".into(),
                    vec!["Please keep it to 280 characters or fewer.".into()],
                );
            }
            let (name, email) = parse_person(&name, email.as_deref(), problems)?;
            let request = OfficeHoursRequest {
                mentor_id,
                start: start.with_timezone(&Utc),
                name,
                email,
                topic: topic.map(str::to_owned),
                discreet,
            };
            create_office_hours(db, config, request, idempotency_key, now).await
        }
        NewBooking::Event {
            event_id,
            name,
            email,
            discreet,
        } => {
            let (name, email) = parse_person(&name, email.as_deref(), FieldErrors::new())?;
            let request = registrations::EventRequest {
                event_id,
                name,
                email,
                discreet,
            };
            registrations::register(db, config, request, idempotency_key, now).await
        }
    }
}

struct LoungeRequest {
    space_id: i64,
    start: DateTime<Utc>,
    name: DisplayName,
    email: Option<Email>,
    discreet: bool,
}

async fn create_lounge(
    db: &Db,
    config: &Config,
    request: LoungeRequest,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    let LoungeRequest {
        space_id,
        start,
        name,
        email,
        discreet,
    } = request;

    let tx = db.begin_write().await?;
    if let Some(email) = &email {
        // Two bookings with one address for different slots touch no common row, so
        // only this lock keeps them from both passing the per-address limits below.
        crate::db::lock_for_transaction(&tx, "booking-email", &email.as_str().to_lowercase())
            .await?;
    }
    let space = spaces::Entity::find_by_id(space_id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::invalid_field("space_id", "There is no such space."))?;
    let slot = bookable_slot(&tx, &space, start, now, config).await?;

    if let Some(email) = &email {
        let same_slot = bookings::Entity::find()
            .filter(bookings::Column::Kind.eq(BookingKind::Lounge.as_str()))
            .filter(bookings::Column::SpaceId.eq(space_id))
            .filter(bookings::Column::StartsAt.eq(start))
            .filter(same_address(email))
            .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
            .count(&tx)
            .await?;
        if same_slot > 0 {
            return Err(AppError::conflict(
                "already_booked",
                "You already have a spot at that time.",
            ));
        }
        let upcoming = bookings::Entity::find()
            .filter(bookings::Column::Kind.eq(BookingKind::Lounge.as_str()))
            .filter(same_address(email))
            .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
            .filter(bookings::Column::StartsAt.gt(now))
            .count(&tx)
            .await?;
        if upcoming >= u64::try_from(space.max_upcoming_per_email).unwrap_or(0) {
            return Err(AppError::conflict(
                "booking_limit",
                format!(
                    "You can hold up to {} upcoming lounge spots. Cancel one to book another.",
                    space.max_upcoming_per_email
                ),
            ));
        }
    }

    take_seat(&tx, &space, start).await?;

    let (token, salt) = new_manage_token(idempotency_key);
    let booking = bookings::ActiveModel {
        kind: Set(BookingKind::Lounge.as_str().to_owned()),
        space_id: Set(Some(space_id)),
        mentor_id: Set(None),
        event_id: Set(None),
        starts_at: Set(slot.start()),
        ends_at: Set(slot.end()),
        display_name: Set(name.as_str().to_owned()),
        email: Set(email.as_ref().map(|e| e.as_str().to_owned())),
        topic: Set(None),
        status: Set(BookingStatus::Confirmed.as_str().to_owned()),
        manage_token_hash: Set(tokens::hash(&token)),
        idempotency_key: Set(idempotency_key.map(tokens::hash)),
        created_at: Set(now),
        updated_at: Set(now),
        sequence: Set(0),
        token_salt: Set(salt),
        discreet: Set(discreet),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    record_status(
        &tx,
        booking.id,
        None,
        BookingStatus::Confirmed,
        "young_person",
        None,
        now,
    )
    .await?;

    let manage_url = format!("{}/manage#token={token}", config.public_url);
    if let Some(email) = &email {
        let calendar = booking_calendar(&booking, &space.name, &token, config, now);
        let notice = BookingNotice {
            booking_id: booking.id,
            dedupe_key: format!("booking:{}:confirmation", booking.id),
            kind: "booking_confirmation",
            template: "booking_confirmation",
            recipient: email.as_str(),
            name: name.as_str(),
            place: &space.name,
            start: slot.start(),
            manage_link: &manage_url,
            house_rules: &space.house_rules,
            reason: "",
            send_at: None,
            calendar: Some(&calendar),
            discreet: booking.discreet,
        };
        queue_reminders(&tx, config, &notice, booking.sequence, now).await?;
        queue_notice(&tx, config, notice, now).await?;
    }
    tx.commit().await?;

    let mut answer = to_api(booking, &Whereabouts::lounge(&space), config);
    answer.manage_token = Some(token);
    answer.manage_url = Some(manage_url);
    Ok(answer)
}

/// Matches bookings made with this address however its letters were cased: people type
/// `Sam@…` one day and `sam@…` the next.
fn same_address(email: &Email) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col(bookings::Column::Email))).eq(email.as_str().to_lowercase())
}

/// Takes one seat in the slot's counter row: created on first use, then a guarded
/// increment that simply matches no row when the slot is full. The row's CHECK
/// (booked <= capacity) backs this up in the database itself.
async fn take_seat(
    conn: &impl ConnectionTrait,
    space: &spaces::Model,
    start: DateTime<Utc>,
) -> AppResult<()> {
    slot_seats::Entity::insert(slot_seats::ActiveModel {
        space_id: Set(space.id),
        starts_at: Set(start),
        capacity: Set(space.capacity),
        booked: Set(0),
        walk_ins: Set(0),
    })
    .on_conflict(
        OnConflict::columns([slot_seats::Column::SpaceId, slot_seats::Column::StartsAt])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let taken = slot_seats::Entity::update_many()
        .col_expr(
            slot_seats::Column::Booked,
            Expr::col(slot_seats::Column::Booked).add(1),
        )
        .filter(slot_seats::Column::SpaceId.eq(space.id))
        .filter(slot_seats::Column::StartsAt.eq(start))
        .filter(
            Expr::col(slot_seats::Column::Booked)
                .add(Expr::col(slot_seats::Column::WalkIns))
                .lt(Expr::col(slot_seats::Column::Capacity)),
        )
        .exec(conn)
        .await?;
    if taken.rows_affected == 0 {
        return Err(AppError::conflict(
            "slot_full",
            "Sorry, that time just filled up. Please pick another.",
        ));
    }
    Ok(())
}

async fn free_seat(
    conn: &impl ConnectionTrait,
    space_id: i64,
    start: DateTime<Utc>,
) -> anyhow::Result<()> {
    slot_seats::Entity::update_many()
        .col_expr(
            slot_seats::Column::Booked,
            Expr::col(slot_seats::Column::Booked).sub(1),
        )
        .filter(slot_seats::Column::SpaceId.eq(space_id))
        .filter(slot_seats::Column::StartsAt.eq(start))
        .filter(slot_seats::Column::Booked.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}

async fn record_status(
    conn: &impl ConnectionTrait,
    booking_id: i64,
    from: Option<BookingStatus>,
    to: BookingStatus,
    actor: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    booking_status_changes::ActiveModel {
        booking_id: Set(booking_id),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        actor: Set(actor.to_owned()),
        reason: Set(reason.map(str::to_owned)),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Where a booking is and, for office hours, with whom.
struct Whereabouts {
    place: String,
    mentor: Option<mentors::Model>,
    /// On an event's waitlist: the place in line.
    waitlist_position: Option<u32>,
}

impl Whereabouts {
    fn lounge(space: &spaces::Model) -> Self {
        Self {
            place: space.name.clone(),
            mentor: None,
            waitlist_position: None,
        }
    }

    /// What emails and calendars name: "Office hours with Sam, Quiet room".
    fn description(&self) -> String {
        match &self.mentor {
            Some(mentor) if self.place.is_empty() => {
                format!("Office hours with {}", mentor.display_name)
            }
            Some(mentor) => format!("Office hours with {}, {}", mentor.display_name, self.place),
            None => self.place.clone(),
        }
    }
}

async fn whereabouts(
    conn: &impl ConnectionTrait,
    booking: &bookings::Model,
) -> anyhow::Result<Whereabouts> {
    if booking.event_id.is_some() {
        return registrations::event_whereabouts(conn, booking).await;
    }
    if let Some(mentor_id) = booking.mentor_id {
        let mentor = mentors::Entity::find_by_id(mentor_id).one(conn).await?;
        let place = match &mentor {
            Some(mentor) => mentor_place(conn, mentor).await?,
            None => String::new(),
        };
        return Ok(Whereabouts {
            place,
            mentor,
            waitlist_position: None,
        });
    }
    let place = match booking.space_id {
        Some(space_id) => spaces::Entity::find_by_id(space_id)
            .one(conn)
            .await?
            .map(|space| space.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(Whereabouts {
        place,
        mentor: None,
        waitlist_position: None,
    })
}

/// Where a mentor holds office hours: their lounge space, or the room they named.
async fn mentor_place(
    conn: &impl ConnectionTrait,
    mentor: &mentors::Model,
) -> anyhow::Result<String> {
    if let Some(space_id) = mentor.office_space_id {
        if let Some(space) = spaces::Entity::find_by_id(space_id).one(conn).await? {
            return Ok(space.name);
        }
    }
    Ok(mentor.office_room.clone())
}

fn to_api(booking: bookings::Model, whereabouts: &Whereabouts, config: &Config) -> Booking {
    Booking {
        id: booking.id,
        kind: BookingKind::parse(&booking.kind).unwrap_or(BookingKind::Lounge),
        start: booking
            .starts_at
            .with_timezone(&config.timezone)
            .fixed_offset(),
        end: booking
            .ends_at
            .with_timezone(&config.timezone)
            .fixed_offset(),
        status: BookingStatus::parse(&booking.status).unwrap_or(BookingStatus::Cancelled),
        name: booking.display_name,
        place: whereabouts.place.clone(),
        mentor: whereabouts.mentor.as_ref().map(|m| m.display_name.clone()),
        space_id: booking.space_id,
        mentor_id: booking.mentor_id,
        event_id: booking.event_id,
        waitlist_position: whereabouts.waitlist_position,
        manage_token: None,
        manage_url: None,
    }
}

/// The booking a manage link belongs to; a wrong link is a plain 404.
async fn by_token(
    conn: &impl ConnectionTrait,
    token: &str,
) -> AppResult<(bookings::Model, Whereabouts)> {
    let not_found = || AppError::not_found("There is nothing here.");
    if !tokens::is_well_formed(token) {
        return Err(not_found());
    }
    let booking = bookings::Entity::find()
        .filter(bookings::Column::ManageTokenHash.eq(tokens::hash(token)))
        .one(conn)
        .await?
        .ok_or_else(not_found)?;
    let whereabouts = whereabouts(conn, &booking).await?;
    Ok((booking, whereabouts))
}

pub async fn find_by_token(db: &Db, config: &Config, token: &str) -> AppResult<Booking> {
    let (booking, whereabouts) = by_token(db.conn(), token).await?;
    Ok(to_api(booking, &whereabouts, config))
}

struct OfficeHoursRequest {
    /// `None`: whichever listed mentor is free at `start`.
    mentor_id: Option<i64>,
    start: DateTime<Utc>,
    name: DisplayName,
    email: Option<Email>,
    topic: Option<String>,
    discreet: bool,
}

/// Books a session with a mentor (or the first free one). The mentor's schedule decides
/// in the write transaction; on PostgreSQL an advisory lock per mentor makes concurrent
/// requests for one mentor take turns, and the exclusion constraint (SQLite: a trigger)
/// refuses an overlap whatever the code above it does.
async fn create_office_hours(
    db: &Db,
    config: &Config,
    request: OfficeHoursRequest,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    let tx = db.begin_write().await?;
    let schedule = match request.mentor_id {
        Some(mentor_id) => {
            crate::db::lock_for_transaction(&tx, "mentor", &mentor_id.to_string()).await?;
            let day = request.start.with_timezone(&config.timezone).date_naive();
            services::mentors::listed_schedule(&tx, mentor_id, day, day, now, config.timezone)
                .await
                .map_err(|error| match error.status() {
                    axum::http::StatusCode::NOT_FOUND => {
                        AppError::invalid_field("mentor_id", "There is no such mentor.")
                    }
                    _ => error,
                })?
        }
        None => first_free_mentor(&tx, request.start, now, config).await?,
    };
    let slot = schedule
        .bookable(request.start, now)
        .map_err(office_hours_refusal)?;
    let mentor = schedule.mentor().clone();

    let (token, salt) = new_manage_token(idempotency_key);
    let inserted = bookings::ActiveModel {
        kind: Set(BookingKind::OfficeHours.as_str().to_owned()),
        space_id: Set(None),
        mentor_id: Set(Some(mentor.id)),
        event_id: Set(None),
        starts_at: Set(slot.start()),
        ends_at: Set(slot.end()),
        display_name: Set(request.name.as_str().to_owned()),
        email: Set(request.email.as_ref().map(|e| e.as_str().to_owned())),
        topic: Set(request.topic.clone()),
        status: Set(BookingStatus::Confirmed.as_str().to_owned()),
        manage_token_hash: Set(tokens::hash(&token)),
        idempotency_key: Set(idempotency_key.map(tokens::hash)),
        created_at: Set(now),
        updated_at: Set(now),
        sequence: Set(0),
        token_salt: Set(salt),
        discreet: Set(request.discreet),
        ..Default::default()
    }
    .insert(&tx)
    .await;
    let booking = inserted.map_err(overlap_as_conflict)?;
    record_status(
        &tx,
        booking.id,
        None,
        BookingStatus::Confirmed,
        "young_person",
        None,
        now,
    )
    .await?;

    let whereabouts = Whereabouts {
        place: mentor_place(&tx, &mentor).await?,
        mentor: Some(mentor),
        waitlist_position: None,
    };
    let manage_url = format!("{}/manage#token={token}", config.public_url);
    if let Some(email) = &request.email {
        let description = whereabouts.description();
        let calendar = booking_calendar(&booking, &description, &token, config, now);
        let notice = BookingNotice {
            booking_id: booking.id,
            dedupe_key: format!("booking:{}:confirmation", booking.id),
            kind: "booking_confirmation",
            template: "booking_confirmation",
            recipient: email.as_str(),
            name: request.name.as_str(),
            place: &description,
            start: slot.start(),
            manage_link: &manage_url,
            house_rules: "",
            reason: "",
            send_at: None,
            calendar: Some(&calendar),
            discreet: booking.discreet,
        };
        queue_reminders(&tx, config, &notice, booking.sequence, now).await?;
        queue_notice(&tx, config, notice, now).await?;
    }
    notify_mentor(
        &tx,
        config,
        &booking,
        &whereabouts,
        SessionChange::Booked,
        now,
    )
    .await?;
    tx.commit().await?;

    let mut answer = to_api(booking, &whereabouts, config);
    answer.manage_token = Some(token);
    answer.manage_url = Some(manage_url);
    Ok(answer)
}

/// The schedule loaded again for the day of `start`, once its mentor is locked.
async fn reload_for_day(
    conn: &impl ConnectionTrait,
    schedule: services::office_hours::MentorSchedule,
    start: DateTime<Utc>,
    config: &Config,
) -> anyhow::Result<services::office_hours::MentorSchedule> {
    let day = start.with_timezone(&config.timezone).date_naive();
    let mentor = schedule.mentor().clone();
    services::office_hours::MentorSchedule::load(conn, mentor, day, day, config.timezone, None)
        .await
}

/// For "any available mentor": the listed mentor free at `start` with the fewest sessions
/// that week (then by name). On PostgreSQL every candidate is locked first, in id order,
/// so two such requests cannot both choose the same last free mentor.
async fn first_free_mentor(
    tx: &sea_orm::DatabaseTransaction,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    config: &Config,
) -> AppResult<services::office_hours::MentorSchedule> {
    let day = start.with_timezone(&config.timezone).date_naive();
    let mut candidates = services::mentors::listed(tx, day, day, now, config.timezone).await?;
    candidates.sort_by_key(|s| s.mentor().id);
    for candidate in &candidates {
        crate::db::lock_for_transaction(tx, "mentor", &candidate.mentor().id.to_string()).await?;
    }
    let mut best: Option<(u32, services::office_hours::MentorSchedule)> = None;
    let mut refusal =
        services::office_hours::Refusal::NotOffered("No mentor has office hours at that time.");
    for candidate in candidates {
        let schedule = reload_for_day(tx, candidate, start, config).await?;
        match schedule.bookable(start, now) {
            Ok(_) => {
                let (_, this_week) = schedule.session_counts(day);
                let better = best.as_ref().is_none_or(|(fewest, chosen)| {
                    (this_week, &schedule.mentor().display_name)
                        < (*fewest, &chosen.mentor().display_name)
                });
                if better {
                    best = Some((this_week, schedule));
                }
            }
            // Someone offers this time but can't take it now: it was just taken.
            Err(services::office_hours::Refusal::NotOffered(_)) => {}
            Err(_) => refusal = services::office_hours::Refusal::Taken,
        }
    }
    best.map(|(_, schedule)| schedule)
        .ok_or_else(|| office_hours_refusal(refusal))
}

fn office_hours_refusal(refusal: services::office_hours::Refusal) -> AppError {
    use services::office_hours::Refusal;
    match refusal {
        Refusal::NotOffered(problem) => AppError::invalid_field("start", problem),
        Refusal::Taken => slot_taken(),
        Refusal::Unavailable => AppError::conflict(
            "mentor_unavailable",
            "This mentor isn't taking bookings at that time. Please pick another time or mentor.",
        ),
    }
}

fn slot_taken() -> AppError {
    AppError::conflict(
        "slot_taken",
        "Sorry, someone just booked that time. Please pick another.",
    )
}

/// The database's own refusal of a double-booked mentor, as the 409 the code would give.
fn overlap_as_conflict(error: sea_orm::DbErr) -> AppError {
    if error.to_string().contains("bookings_no_mentor_overlap") {
        slot_taken()
    } else {
        AppError::Internal(error.into())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SessionChange {
    Booked,
    Moved,
    Cancelled,
}

impl SessionChange {
    fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Moved => "moved",
            Self::Cancelled => "cancelled",
        }
    }
}

/// What the mentor is told about a session: the young person's display name and the
/// topic they chose to share. Never their email.
#[derive(Serialize)]
struct MentorSessionEmail<'a> {
    agency: &'a str,
    mentor: &'a str,
    name: &'a str,
    topic: &'a str,
    when: String,
    place: &'a str,
    change: &'static str,
    console_link: String,
}

async fn notify_mentor(
    conn: &impl ConnectionTrait,
    config: &Config,
    booking: &bookings::Model,
    whereabouts: &Whereabouts,
    change: SessionChange,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(mentor) = &whereabouts.mentor else {
        return Ok(());
    };
    let Some(staff) = crate::entities::staff_users::Entity::find_by_id(mentor.user_id)
        .filter(crate::entities::staff_users::Column::Disabled.eq(false))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let context = MentorSessionEmail {
        agency: &config.agency_name,
        mentor: &mentor.display_name,
        name: &booking.display_name,
        topic: booking.topic.as_deref().unwrap_or_default(),
        when: human_time(booking.starts_at, config.timezone),
        place: &whereabouts.place,
        change: change.as_str(),
        console_link: format!("{}/staff/mentor/sessions", config.public_url),
    };
    outbox::enqueue(
        conn,
        &config.mail_from,
        outbox::NewEmail {
            dedupe_key: format!(
                "booking:{}:mentor:{}:{}",
                booking.id,
                change.as_str(),
                booking.sequence
            ),
            kind: "mentor_session",
            recipient: &staff.email,
            email: templates::render("mentor_session", &context)?,
            send_at: now,
            booking_id: Some(booking.id),
            calendar: None,
            discreet: false,
        },
        now,
    )
    .await
}

/// Moves a booking to another time of the same space or mentor, atomically: for the
/// lounge the new seat is taken before the old one is given up, so a full new slot leaves
/// the booking where it was.
pub async fn reschedule_by_token(
    db: &Db,
    config: &Config,
    token: &str,
    new_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    let tx = db.begin_write().await?;
    let (booking, whereabouts) = by_token(&tx, token).await?;
    if booking.status != BookingStatus::Confirmed.as_str() {
        return Err(AppError::conflict(
            "not_active",
            "This booking was cancelled, so it can't be moved. You can make a new one.",
        ));
    }
    if booking.starts_at <= now {
        return Err(AppError::conflict(
            "already_started",
            "This booking has already started.",
        ));
    }
    if booking.starts_at == new_start {
        tx.commit().await?;
        return Ok(to_api(booking, &whereabouts, config));
    }
    let (slot, house_rules) = match (booking.space_id, booking.mentor_id) {
        (Some(space_id), _) => {
            let space = services::spaces::find(&tx, space_id).await?;
            let slot = bookable_slot(&tx, &space, new_start, now, config).await?;
            take_seat(&tx, &space, slot.start()).await?;
            free_seat(&tx, space_id, booking.starts_at).await?;
            (slot, space.house_rules)
        }
        (None, Some(mentor_id)) => {
            crate::db::lock_for_transaction(&tx, "mentor", &mentor_id.to_string()).await?;
            let mentor = whereabouts
                .mentor
                .clone()
                .ok_or_else(|| AppError::conflict("not_movable", "This mentor has left."))?;
            let day = new_start.with_timezone(&config.timezone).date_naive();
            let schedule = services::office_hours::MentorSchedule::load(
                &tx,
                mentor,
                day,
                day,
                config.timezone,
                Some(booking.id),
            )
            .await?;
            let slot = schedule
                .bookable(new_start, now)
                .map_err(office_hours_refusal)?;
            (slot, String::new())
        }
        _ => {
            return Err(AppError::conflict(
                "not_movable",
                "This booking can't be moved this way.",
            ))
        }
    };

    let id = booking.id;
    let sequence = booking.sequence + 1;
    let email = booking.email.clone();
    let name = booking.display_name.clone();
    let mut active = booking.into_active_model();
    active.starts_at = Set(slot.start());
    active.ends_at = Set(slot.end());
    active.sequence = Set(sequence);
    active.updated_at = Set(now);
    let booking = active.update(&tx).await.map_err(overlap_as_conflict)?;
    record_status(
        &tx,
        id,
        Some(BookingStatus::Confirmed),
        BookingStatus::Confirmed,
        "young_person",
        Some("rescheduled"),
        now,
    )
    .await?;
    let description = whereabouts.description();
    if let Some(email) = email {
        let manage_url = format!("{}/manage#token={token}", config.public_url);
        let calendar = booking_calendar(&booking, &description, token, config, now);
        let notice = BookingNotice {
            booking_id: id,
            dedupe_key: format!("booking:{id}:rescheduled:{sequence}"),
            kind: "booking_rescheduled",
            template: "booking_confirmation",
            recipient: &email,
            name: &name,
            place: &description,
            start: slot.start(),
            manage_link: &manage_url,
            house_rules: &house_rules,
            reason: "",
            send_at: None,
            calendar: Some(&calendar),
            discreet: booking.discreet,
        };
        outbox::remove_waiting(&tx, id, REMINDER_KIND).await?;
        queue_reminders(&tx, config, &notice, sequence, now).await?;
        queue_notice(&tx, config, notice, now).await?;
    }
    notify_mentor(
        &tx,
        config,
        &booking,
        &whereabouts,
        SessionChange::Moved,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_api(booking, &whereabouts, config))
}

/// An iCalendar file for the booking: its own event only, never other attendees.
pub async fn calendar_by_token(
    db: &Db,
    config: &Config,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let (booking, whereabouts) = by_token(db.conn(), token).await?;
    Ok(booking_calendar(
        &booking,
        &whereabouts.description(),
        token,
        config,
        now,
    ))
}

/// The booking's calendar event. Its UID never changes and its SEQUENCE rises with every
/// move, so calendar apps update the event they already have.
fn booking_calendar(
    booking: &bookings::Model,
    place: &str,
    token: &str,
    config: &Config,
    now: DateTime<Utc>,
) -> String {
    crate::ics::event(&crate::ics::CalendarEvent {
        uid: format!(
            "booking-{}@{}",
            booking.id,
            crate::ics::host_of(&config.public_url)
        ),
        sequence: booking.sequence,
        start: booking.starts_at,
        end: booking.ends_at,
        summary: if booking.discreet {
            "Appointment".to_owned()
        } else {
            format!("{}: {place}", config.agency_name)
        },
        location: if booking.discreet {
            String::new()
        } else {
            place.to_owned()
        },
        description: format!(
            "Can't make it? Cancel or change your time: {}/manage#token={token}",
            config.public_url
        ),
        cancelled: booking.status == BookingStatus::Cancelled.as_str(),
        zone: config.timezone,
        stamp: now,
        discreet: booking.discreet,
    })
}

/// Cancels through the manage link. Cancelling twice is fine: the second time changes
/// nothing and answers the same.
pub async fn cancel_by_token(
    db: &Db,
    config: &Config,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    let tx = db.begin_write().await?;
    let (booking, whereabouts) = by_token(&tx, token).await?;
    if let Some(event_id) = booking.event_id {
        return registrations::cancel_by_token(tx, config, token, event_id, now).await;
    }
    let booking = if booking.status == BookingStatus::Confirmed.as_str() {
        let booking = cancel(&tx, booking, "young_person", None, now).await?;
        confirm_cancellation(
            &tx,
            config,
            &booking,
            &whereabouts.description(),
            token,
            now,
        )
        .await?;
        notify_mentor(
            &tx,
            config,
            &booking,
            &whereabouts,
            SessionChange::Cancelled,
            now,
        )
        .await?;
        booking
    } else {
        booking
    };
    tx.commit().await?;
    Ok(to_api(booking, &whereabouts, config))
}

/// Tells someone who cancelled (when they gave an email) that it worked, with a calendar
/// file that takes the booking out of their calendar.
async fn confirm_cancellation(
    conn: &impl ConnectionTrait,
    config: &Config,
    booking: &bookings::Model,
    place: &str,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(email) = booking.email.as_deref() else {
        return Ok(());
    };
    let calendar = booking_calendar(booking, place, token, config, now);
    let notice = BookingNotice {
        booking_id: booking.id,
        dedupe_key: format!("booking:{}:cancelled-by-you", booking.id),
        kind: "booking_cancelled",
        template: "booking_cancelled_by_you",
        recipient: email,
        name: &booking.display_name,
        place,
        start: booking.starts_at,
        manage_link: "",
        house_rules: "",
        reason: "",
        send_at: None,
        calendar: Some(&calendar),
        discreet: booking.discreet,
    };
    queue_notice(conn, config, notice, now).await
}

/// Cancels a confirmed booking: frees its seat, records who did it, and drops its pending
/// reminders, all in the caller's transaction.
pub async fn cancel(
    conn: &impl ConnectionTrait,
    booking: bookings::Model,
    actor: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<bookings::Model> {
    if let Some(space_id) = booking.space_id {
        free_seat(conn, space_id, booking.starts_at).await?;
    }
    let from = BookingStatus::parse(&booking.status).unwrap_or(BookingStatus::Confirmed);
    let id = booking.id;
    let mut active = booking.into_active_model();
    active.status = Set(BookingStatus::Cancelled.as_str().to_owned());
    active.updated_at = Set(now);
    let booking = active.update(conn).await?;
    record_status(
        conn,
        id,
        Some(from),
        BookingStatus::Cancelled,
        actor,
        reason,
        now,
    )
    .await?;
    outbox::remove_waiting(conn, id, REMINDER_KIND).await?;
    Ok(booking)
}

/// Cancels every confirmed lounge booking a closure covers and emails those who gave an
/// address. Returns how many were cancelled.
pub async fn cancel_for_closure(
    conn: &impl ConnectionTrait,
    config: &Config,
    space: &spaces::Model,
    closure: &closures::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<u32> {
    let covered = bookings::Entity::find()
        .filter(bookings::Column::SpaceId.eq(space.id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .filter(bookings::Column::StartsAt.lt(closure.ends_at))
        .filter(bookings::Column::EndsAt.gt(closure.starts_at))
        .all(conn)
        .await?;
    let mut cancelled = 0;
    for booking in covered {
        let booking = cancel(conn, booking, "system", Some("closure"), now).await?;
        cancelled += 1;
        if let Some(email) = &booking.email {
            let notice = BookingNotice {
                booking_id: booking.id,
                dedupe_key: format!("booking:{}:cancelled", booking.id),
                kind: "booking_cancelled",
                template: "booking_cancelled",
                recipient: email,
                name: &booking.display_name,
                place: &space.name,
                start: booking.starts_at,
                manage_link: "",
                house_rules: "",
                reason: &closure.reason,
                send_at: None,
                calendar: None,
                discreet: booking.discreet,
            };
            queue_notice(conn, config, notice, now).await?;
        }
    }
    Ok(cancelled)
}

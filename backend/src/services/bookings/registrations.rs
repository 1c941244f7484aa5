//! Seats at events: registration, the waitlist and its promotion, and what registered
//! people are told when an event changes.
//!
//! Every change to an event's seats runs in one write transaction that first takes the
//! event's lock (SQLite: the write lock itself; PostgreSQL: an advisory lock per event),
//! so "is there a seat?" and "who is first in line?" are answered with nobody else
//! changing the answer. The seat counter on the event row (`registered`, kept within
//! `capacity` by the database) backs this up: no seat is ever given twice.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use shared::{
    AgendaItem, Booking, BookingKind, BookingStatus, DisplayName, Email, EventStatus, Material,
};

use super::{
    booking_calendar, new_manage_token, queue_reminders, record_status, same_address, to_api,
    BookingNotice, Whereabouts, REMINDER_KIND,
};
use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{bookings, events},
    error::{AppError, AppResult},
    services::{self, staff_links::human_time},
};

pub(super) struct EventRequest {
    pub event_id: i64,
    pub name: DisplayName,
    pub email: Option<Email>,
    pub discreet: bool,
}

const AGENDA_KIND: &str = "event_agenda";

/// Serialises every change to one event's seats until the transaction ends.
pub async fn lock_event(tx: &DatabaseTransaction, event_id: i64) -> Result<(), sea_orm::DbErr> {
    crate::db::lock_for_transaction(tx, "event", &event_id.to_string()).await
}

/// Registers for a published event that hasn't started: a seat while there is one, else
/// the waitlist if it has one, else 409 `event_full`.
pub(super) async fn register(
    db: &Db,
    config: &Config,
    request: EventRequest,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    let EventRequest {
        event_id,
        name,
        email,
        discreet,
    } = request;
    let tx = db.begin_write().await?;
    lock_event(&tx, event_id).await?;
    let event = services::events::find_public(&tx, event_id).await?;
    if event.status == EventStatus::Cancelled.as_str() {
        return Err(AppError::invalid_field(
            "event_id",
            "This event was cancelled, so you can't sign up for it.",
        ));
    }
    if event.status != EventStatus::Published.as_str() || event.starts_at <= now {
        return Err(AppError::invalid_field(
            "event_id",
            "This event has already started, so you can't sign up any more.",
        ));
    }
    if let Some(email) = &email {
        let already = bookings::Entity::find()
            .filter(bookings::Column::EventId.eq(event_id))
            .filter(same_address(email))
            .filter(bookings::Column::Status.is_in([
                BookingStatus::Confirmed.as_str(),
                BookingStatus::Waitlisted.as_str(),
            ]))
            .count(&tx)
            .await?;
        if already > 0 {
            return Err(AppError::conflict(
                "already_registered",
                "You're already signed up for this event. Your confirmation email has your link.",
            ));
        }
    }
    let status = if take_seat(&tx, event_id).await? {
        BookingStatus::Confirmed
    } else if event.has_waitlist {
        BookingStatus::Waitlisted
    } else {
        return Err(AppError::conflict(
            "event_full",
            "Sorry, this event is full.",
        ));
    };

    let (token, salt) = new_manage_token(idempotency_key);
    let booking = bookings::ActiveModel {
        kind: Set(BookingKind::Event.as_str().to_owned()),
        space_id: Set(None),
        mentor_id: Set(None),
        event_id: Set(Some(event_id)),
        starts_at: Set(event.starts_at),
        ends_at: Set(event.ends_at),
        display_name: Set(name.as_str().to_owned()),
        email: Set(email.as_ref().map(|e| e.as_str().to_owned())),
        topic: Set(None),
        status: Set(status.as_str().to_owned()),
        manage_token_hash: Set(services::tokens::hash(&token)),
        idempotency_key: Set(idempotency_key.map(services::tokens::hash)),
        created_at: Set(now),
        updated_at: Set(now),
        sequence: Set(event.sequence),
        token_salt: Set(salt),
        discreet: Set(discreet),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    record_status(&tx, booking.id, None, status, "young_person", None, now).await?;

    let manage_url = format!("{}/manage#token={token}", config.public_url);
    let whereabouts = event_whereabouts(&tx, &booking).await?;
    let state = match status {
        BookingStatus::Waitlisted => Notice::Waitlisted,
        _ => Notice::Registered,
    };
    tell(
        &tx,
        config,
        &event,
        &booking,
        &whereabouts,
        state,
        &manage_url,
        now,
    )
    .await?;
    tx.commit().await?;

    let mut answer = to_api(booking, &whereabouts, config);
    answer.manage_token = Some(token);
    answer.manage_url = Some(manage_url);
    Ok(answer)
}

/// Takes a seat in the event's counter: a guarded increment that matches no row when
/// the event is full.
async fn take_seat(conn: &impl ConnectionTrait, event_id: i64) -> anyhow::Result<bool> {
    let taken = events::Entity::update_many()
        .col_expr(
            events::Column::Registered,
            Expr::col(events::Column::Registered).add(1),
        )
        .filter(events::Column::Id.eq(event_id))
        .filter(
            events::Column::Capacity
                .is_null()
                .or(Expr::col(events::Column::Registered).lt(Expr::col(events::Column::Capacity))),
        )
        .exec(conn)
        .await?;
    Ok(taken.rows_affected == 1)
}

async fn free_seat(conn: &impl ConnectionTrait, event_id: i64) -> anyhow::Result<()> {
    events::Entity::update_many()
        .col_expr(
            events::Column::Registered,
            Expr::col(events::Column::Registered).sub(1),
        )
        .filter(events::Column::Id.eq(event_id))
        .filter(events::Column::Registered.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Cancels a registration or a place on the waitlist, in the caller's transaction (which
/// must hold the event's lock). A freed seat goes at once to the first person waiting.
pub(super) async fn cancel(
    tx: &DatabaseTransaction,
    config: &Config,
    booking: bookings::Model,
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bookings::Model> {
    let Some(event_id) = booking.event_id else {
        return Ok(booking);
    };
    let held_seat = booking.status == BookingStatus::Confirmed.as_str();
    let booking = super::cancel(tx, booking, actor, None, now).await?;
    outbox::remove_waiting(tx, booking.id, AGENDA_KIND).await?;
    if held_seat {
        free_seat(tx, event_id).await?;
        promote_waiting(tx, config, event_id, now).await?;
    }
    Ok(booking)
}

/// Cancels through the manage link, under the event's lock.
pub(super) async fn cancel_by_token(
    tx: DatabaseTransaction,
    config: &Config,
    token: &str,
    event_id: i64,
    now: DateTime<Utc>,
) -> AppResult<Booking> {
    lock_event(&tx, event_id).await?;
    // Read again under the lock: a promotion may have just changed it.
    let (booking, _) = super::by_token(&tx, token).await?;
    let open = [BookingStatus::Confirmed, BookingStatus::Waitlisted]
        .iter()
        .any(|status| booking.status == status.as_str());
    let held_seat = booking.status == BookingStatus::Confirmed.as_str();
    let booking = if open {
        cancel(&tx, config, booking, "young_person", now).await?
    } else {
        booking
    };
    let whereabouts = event_whereabouts(&tx, &booking).await?;
    if open && held_seat {
        super::confirm_cancellation(&tx, config, &booking, &whereabouts.place, token, now).await?;
    }
    tx.commit().await?;
    Ok(to_api(booking, &whereabouts, config))
}

/// Gives free seats to the people waiting, first in line first, and emails each one.
pub async fn promote_waiting(
    tx: &DatabaseTransaction,
    config: &Config,
    event_id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<u32> {
    let Some(event) = events::Entity::find_by_id(event_id).one(tx).await? else {
        return Ok(0);
    };
    if event.status != EventStatus::Published.as_str() || event.starts_at <= now {
        return Ok(0);
    }
    let mut promoted = 0;
    loop {
        let Some(first) = bookings::Entity::find()
            .filter(bookings::Column::EventId.eq(event_id))
            .filter(bookings::Column::Status.eq(BookingStatus::Waitlisted.as_str()))
            .order_by_asc(bookings::Column::Id)
            .one(tx)
            .await?
        else {
            break;
        };
        if !take_seat(tx, event_id).await? {
            break;
        }
        let id = first.id;
        let mut active = first.into_active_model();
        active.status = Set(BookingStatus::Confirmed.as_str().to_owned());
        active.updated_at = Set(now);
        let booking = active.update(tx).await?;
        record_status(
            tx,
            id,
            Some(BookingStatus::Waitlisted),
            BookingStatus::Confirmed,
            "system",
            Some("waitlist"),
            now,
        )
        .await?;
        let whereabouts = event_whereabouts(tx, &booking).await?;
        tell(
            tx,
            config,
            &event,
            &booking,
            &whereabouts,
            Notice::Promoted,
            "",
            now,
        )
        .await?;
        promoted += 1;
    }
    Ok(promoted)
}

/// The place to show for an event booking: "Game night, Main Lounge".
pub(super) async fn event_whereabouts(
    conn: &impl ConnectionTrait,
    booking: &bookings::Model,
) -> anyhow::Result<Whereabouts> {
    let Some(event_id) = booking.event_id else {
        return Ok(Whereabouts {
            place: String::new(),
            mentor: None,
            waitlist_position: None,
        });
    };
    let place = match events::Entity::find_by_id(event_id).one(conn).await? {
        Some(event) => {
            let location = services::events::location_of(conn, &event).await?;
            if location.is_empty() {
                event.title
            } else {
                format!("{}, {location}", event.title)
            }
        }
        None => String::new(),
    };
    let waitlist_position = if booking.status == BookingStatus::Waitlisted.as_str() {
        let ahead = bookings::Entity::find()
            .filter(bookings::Column::EventId.eq(event_id))
            .filter(bookings::Column::Status.eq(BookingStatus::Waitlisted.as_str()))
            .filter(bookings::Column::Id.lt(booking.id))
            .count(conn)
            .await?;
        Some(u32::try_from(ahead).unwrap_or(u32::MAX) + 1)
    } else {
        None
    };
    Ok(Whereabouts {
        place,
        mentor: None,
        waitlist_position,
    })
}

/// What happened to someone's seat, for the email that tells them.
#[derive(Clone, Copy, PartialEq)]
enum Notice {
    Registered,
    Waitlisted,
    Promoted,
}

impl Notice {
    fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Waitlisted => "waitlisted",
            Self::Promoted => "promoted",
        }
    }
}

#[derive(Serialize)]
struct RegistrationEmail<'a> {
    agency: &'a str,
    name: &'a str,
    title: &'a str,
    place: &'a str,
    when: String,
    contact: &'a str,
    state: &'static str,
    position: Option<u32>,
    manage_link: &'a str,
    discreet: bool,
}

#[derive(Serialize)]
struct AgendaEmail<'a> {
    agency: &'a str,
    name: &'a str,
    title: &'a str,
    place: &'a str,
    when: String,
    contact: &'a str,
    agenda: &'a [AgendaItem],
    materials: &'a [Material],
    manage_link: &'a str,
    discreet: bool,
}

/// Emails the person (when they gave an address) about their seat: with a seat, the
/// calendar file, the reminders and the agenda mail at its release time follow.
#[allow(clippy::too_many_arguments)]
async fn tell(
    tx: &DatabaseTransaction,
    config: &Config,
    event: &events::Model,
    booking: &bookings::Model,
    whereabouts: &Whereabouts,
    notice: Notice,
    manage_link: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(email) = booking.email.as_deref() else {
        return Ok(());
    };
    let details = services::events::details_for_mail(tx, event, &config.public_url).await?;
    let context = RegistrationEmail {
        agency: &config.agency_name,
        name: &booking.display_name,
        title: &event.title,
        place: &details.location,
        when: human_time(event.starts_at, config.timezone),
        contact: &details.contact,
        state: notice.as_str(),
        position: whereabouts.waitlist_position,
        manage_link,
        discreet: booking.discreet,
    };
    let has_seat = notice != Notice::Waitlisted;
    let calendar =
        has_seat.then(|| booking_calendar(booking, &whereabouts.place, manage_link, config, now));
    outbox::enqueue(
        tx,
        &config.mail_from,
        outbox::NewEmail {
            dedupe_key: format!("booking:{}:{}", booking.id, notice.as_str()),
            kind: "event_registration",
            recipient: email,
            email: templates::render("event_registered", &context)?,
            send_at: now,
            booking_id: Some(booking.id),
            calendar,
            discreet: booking.discreet,
        },
        now,
    )
    .await?;
    if has_seat {
        queue_seat_mail(
            tx,
            config,
            event,
            booking,
            &whereabouts.place,
            manage_link,
            now,
        )
        .await?;
    }
    Ok(())
}

/// The reminders and the agenda mail of someone holding a seat, for the event's current
/// time and content. Whatever of them was still waiting is replaced.
pub async fn queue_seat_mail(
    tx: &DatabaseTransaction,
    config: &Config,
    event: &events::Model,
    booking: &bookings::Model,
    place: &str,
    manage_link: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(email) = booking.email.as_deref() else {
        return Ok(());
    };
    outbox::remove_waiting(tx, booking.id, REMINDER_KIND).await?;
    outbox::remove_waiting(tx, booking.id, AGENDA_KIND).await?;
    let reminder = BookingNotice {
        booking_id: booking.id,
        dedupe_key: String::new(),
        kind: REMINDER_KIND,
        template: "booking_reminder",
        recipient: email,
        name: &booking.display_name,
        place,
        start: booking.starts_at,
        manage_link,
        house_rules: "",
        reason: "",
        send_at: None,
        calendar: None,
        discreet: booking.discreet,
    };
    queue_reminders(tx, config, &reminder, booking.sequence, now).await?;

    let details = services::events::details_for_mail(tx, event, &config.public_url).await?;
    if details.agenda.is_empty() && details.materials.is_empty() {
        return Ok(());
    }
    let release = event.starts_at - Duration::hours(i64::from(event.release_hours_before));
    let context = AgendaEmail {
        agency: &config.agency_name,
        name: &booking.display_name,
        title: &event.title,
        place: &details.location,
        when: human_time(event.starts_at, config.timezone),
        contact: &details.contact,
        agenda: &details.agenda,
        materials: &details.materials,
        manage_link,
        discreet: booking.discreet,
    };
    outbox::enqueue(
        tx,
        &config.mail_from,
        outbox::NewEmail {
            // The event's sequence and the content version keep a re-queued agenda apart
            // from one already sent.
            dedupe_key: format!(
                "booking:{}:agenda:{}:{}",
                booking.id,
                event.sequence,
                now.timestamp_micros()
            ),
            kind: AGENDA_KIND,
            recipient: email,
            email: templates::render("event_agenda", &context)?,
            send_at: std::cmp::max(release, now),
            booking_id: Some(booking.id),
            calendar: None,
            discreet: booking.discreet,
        },
        now,
    )
    .await?;
    Ok(())
}

#[derive(Serialize)]
struct ChangeEmail<'a> {
    agency: &'a str,
    name: &'a str,
    title: &'a str,
    place: &'a str,
    when: String,
    cancelled: bool,
    reason: &'a str,
    discreet: bool,
}

/// Tells someone their event moved or was cancelled; a seat holder's calendar file
/// comes along (same UID, the new SEQUENCE or a cancellation).
async fn tell_change(
    tx: &DatabaseTransaction,
    config: &Config,
    event: &events::Model,
    booking: &bookings::Model,
    whereabouts: &Whereabouts,
    held_seat: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(email) = booking.email.as_deref() else {
        return Ok(());
    };
    let cancelled = booking.status == BookingStatus::Cancelled.as_str();
    let location = services::events::location_of(tx, event).await?;
    let context = ChangeEmail {
        agency: &config.agency_name,
        name: &booking.display_name,
        title: &event.title,
        place: &location,
        when: human_time(event.starts_at, config.timezone),
        cancelled,
        reason: "",
        discreet: booking.discreet,
    };
    let calendar =
        held_seat.then(|| booking_calendar(booking, &whereabouts.place, "", config, now));
    let (kind, dedupe_key) = if cancelled {
        (
            "event_cancelled",
            format!("booking:{}:event-cancelled", booking.id),
        )
    } else {
        (
            "event_moved",
            format!("booking:{}:event-moved:{}", booking.id, booking.sequence),
        )
    };
    outbox::enqueue(
        tx,
        &config.mail_from,
        outbox::NewEmail {
            dedupe_key,
            kind,
            recipient: email,
            email: templates::render("event_changed", &context)?,
            send_at: now,
            booking_id: Some(booking.id),
            calendar,
            discreet: booking.discreet,
        },
        now,
    )
    .await
}

/// The registrations and waitlist places still open (not cancelled, not yet at the door).
async fn open_registrations(
    conn: &impl ConnectionTrait,
    event_id: i64,
) -> anyhow::Result<Vec<bookings::Model>> {
    Ok(bookings::Entity::find()
        .filter(bookings::Column::EventId.eq(event_id))
        .filter(bookings::Column::Status.is_in([
            BookingStatus::Confirmed.as_str(),
            BookingStatus::Waitlisted.as_str(),
        ]))
        .order_by_asc(bookings::Column::Id)
        .all(conn)
        .await?)
}

/// Moves every open registration to the event's new time and tells each person; seat
/// holders get re-timed reminders and agenda mail.
pub async fn move_all(
    tx: &DatabaseTransaction,
    config: &Config,
    event: &events::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for booking in open_registrations(tx, event.id).await? {
        let held_seat = booking.status == BookingStatus::Confirmed.as_str();
        let mut active = booking.into_active_model();
        active.starts_at = Set(event.starts_at);
        active.ends_at = Set(event.ends_at);
        active.sequence = Set(event.sequence);
        active.updated_at = Set(now);
        let booking = active.update(tx).await?;
        let whereabouts = event_whereabouts(tx, &booking).await?;
        tell_change(tx, config, event, &booking, &whereabouts, held_seat, now).await?;
        if held_seat {
            queue_seat_mail(tx, config, event, &booking, &whereabouts.place, "", now).await?;
        }
    }
    Ok(())
}

/// Re-queues seat holders' reminders and agenda mail after the agenda, materials, place
/// or contact changed.
pub async fn refresh_seat_mail(
    tx: &DatabaseTransaction,
    config: &Config,
    event: &events::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for booking in open_registrations(tx, event.id).await? {
        if booking.status == BookingStatus::Confirmed.as_str() {
            let whereabouts = event_whereabouts(tx, &booking).await?;
            queue_seat_mail(tx, config, event, &booking, &whereabouts.place, "", now).await?;
        }
    }
    Ok(())
}

/// Cancels every open registration of a cancelled event and tells each person. Returns
/// how many there were.
pub async fn cancel_all(
    tx: &DatabaseTransaction,
    config: &Config,
    event: &events::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<u32> {
    let mut cancelled = 0;
    for booking in open_registrations(tx, event.id).await? {
        let held_seat = booking.status == BookingStatus::Confirmed.as_str();
        let booking = super::cancel(tx, booking, "staff", Some("event cancelled"), now).await?;
        outbox::remove_waiting(tx, booking.id, AGENDA_KIND).await?;
        let whereabouts = event_whereabouts(tx, &booking).await?;
        tell_change(tx, config, event, &booking, &whereabouts, held_seat, now).await?;
        cancelled += 1;
    }
    events::Entity::update_many()
        .col_expr(events::Column::Registered, Expr::value(0))
        .filter(events::Column::Id.eq(event.id))
        .exec(tx)
        .await?;
    Ok(cancelled)
}

/// Records a door check-in (or its undoing) in the booking's history.
pub async fn record_door(
    tx: &DatabaseTransaction,
    booking_id: i64,
    from: BookingStatus,
    to: BookingStatus,
    staff: &shared::StaffUser,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let reason = format!("at the door, by staff #{}", staff.id);
    record_status(tx, booking_id, Some(from), to, "staff", Some(&reason), now).await
}

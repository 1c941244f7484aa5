//! The supervision loop: a mentor's sessions and their private check-ins, the "I'd like
//! support" flag that emails their supervisor at once, and the supervisor's view of their
//! mentors (load against each mentor's own limits, check-ins, open flags), screening
//! dates and one-off limit overrides. Nothing here ever reaches young people.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use shared::{
    BookingKind, BookingStatus, CheckIn, LimitOverride, MentorSession, NewLimitOverride, Role,
    SessionOutcome, StaffUser, SupervisedCheckIn, SupervisedMentor, UpdateSupervision,
};

use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{bookings, check_ins, limit_overrides, mentors, staff_users},
    error::{AppError, AppResult},
    services::{
        audit,
        mentors::is_listed,
        office_hours::{self, MentorSchedule},
        staff_links::human_time,
    },
};

/// How far back the mentor's and the supervisor's lists look.
const RECENT: Duration = Duration::days(14);

/// The mentor's sessions from two weeks ago on: the name the young person gave and the
/// topic they chose to share, never their email.
pub async fn sessions(
    db: &Db,
    config: &Config,
    mentor: &mentors::Model,
    now: DateTime<Utc>,
) -> AppResult<Vec<MentorSession>> {
    let rows = bookings::Entity::find()
        .filter(bookings::Column::Kind.eq(BookingKind::OfficeHours.as_str()))
        .filter(bookings::Column::MentorId.eq(mentor.id))
        .filter(bookings::Column::StartsAt.gte(now - RECENT))
        .order_by_asc(bookings::Column::StartsAt)
        .all(db.conn())
        .await?;
    let ids: Vec<i64> = rows.iter().map(|b| b.id).collect();
    let check_ins = check_ins::Entity::find()
        .filter(check_ins::Column::BookingId.is_in(ids))
        .all(db.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|booking| {
            let check_in = check_ins
                .iter()
                .find(|c| c.booking_id == booking.id)
                .map(to_check_in);
            to_session(booking, check_in, config)
        })
        .collect())
}

fn to_session(
    booking: bookings::Model,
    check_in: Option<CheckIn>,
    config: &Config,
) -> MentorSession {
    MentorSession {
        booking_id: booking.id,
        start: booking
            .starts_at
            .with_timezone(&config.timezone)
            .fixed_offset(),
        end: booking
            .ends_at
            .with_timezone(&config.timezone)
            .fixed_offset(),
        name: booking.display_name,
        topic: booking.topic,
        status: BookingStatus::parse(&booking.status).unwrap_or(BookingStatus::Cancelled),
        check_in,
    }
}

fn to_check_in(row: &check_ins::Model) -> CheckIn {
    CheckIn {
        outcome: SessionOutcome::parse(&row.outcome).unwrap_or(SessionOutcome::Held),
        rating: row.rating.and_then(|r| u8::try_from(r).ok()),
        wants_support: row.wants_support,
        note: row.note.clone(),
    }
}

/// Records (or corrects) the mentor's check-in after one of their sessions. A new
/// request for support emails their supervisor in the same transaction.
pub async fn check_in(
    db: &Db,
    config: &Config,
    mentor: &mentors::Model,
    booking_id: i64,
    check_in: CheckIn,
    now: DateTime<Utc>,
) -> AppResult<MentorSession> {
    if check_in.rating.is_some_and(|r| !(1..=5).contains(&r)) {
        return Err(AppError::invalid_field("rating", "Choose from 1 to 5."));
    }
    let note = check_in.note.trim().to_owned();
    if note.chars().count() > 2000 {
        return Err(AppError::invalid_field(
            "note",
            "Please keep the note to 2,000 characters or fewer.",
        ));
    }
    let tx = db.begin_write().await?;
    let booking = bookings::Entity::find_by_id(booking_id)
        .one(&tx)
        .await?
        .filter(|b| b.mentor_id == Some(mentor.id))
        .ok_or_else(|| AppError::not_found("There is no such session of yours."))?;
    if booking.starts_at > now {
        return Err(AppError::conflict(
            "session_not_started",
            "You can check in once the session has started.",
        ));
    }
    let existing = check_ins::Entity::find_by_id(booking_id).one(&tx).await?;
    let newly_wants_support =
        check_in.wants_support && !existing.as_ref().is_some_and(|c| c.wants_support);
    let rating = check_in.rating.map(i16::from);
    let saved = match existing {
        Some(row) => {
            let mut active = row.into_active_model();
            active.outcome = Set(check_in.outcome.as_str().to_owned());
            active.rating = Set(rating);
            active.wants_support = Set(check_in.wants_support);
            active.note = Set(note);
            active.updated_at = Set(now);
            if newly_wants_support {
                // A new request for support opens the flag again.
                active.followed_up_at = Set(None);
                active.followed_up_by = Set(None);
            }
            active.update(&tx).await?
        }
        None => {
            check_ins::ActiveModel {
                booking_id: Set(booking_id),
                mentor_id: Set(mentor.id),
                outcome: Set(check_in.outcome.as_str().to_owned()),
                rating: Set(rating),
                wants_support: Set(check_in.wants_support),
                note: Set(note),
                created_at: Set(now),
                updated_at: Set(now),
                followed_up_at: Set(None),
                followed_up_by: Set(None),
            }
            .insert(&tx)
            .await?
        }
    };
    if newly_wants_support {
        email_supervisors(&tx, config, mentor, &booking, now).await?;
    }
    tx.commit().await?;
    Ok(to_session(booking, Some(to_check_in(&saved)), config))
}

#[derive(Serialize)]
struct SupportFlagEmail<'a> {
    agency: &'a str,
    supervisor: &'a str,
    mentor: &'a str,
    when: String,
    console_link: String,
}

/// Emails the mentor's supervisor, or every active supervisor when none is assigned yet:
/// a request for support must always reach someone. The note stays in the console.
async fn email_supervisors(
    conn: &impl ConnectionTrait,
    config: &Config,
    mentor: &mentors::Model,
    booking: &bookings::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let supervisors: Vec<staff_users::Model> = match mentor.supervisor_id {
        Some(id) => {
            staff_users::Entity::find_by_id(id)
                .filter(staff_users::Column::Disabled.eq(false))
                .all(conn)
                .await?
        }
        None => Vec::new(),
    };
    let supervisors = if supervisors.is_empty() {
        crate::services::staff::active_with_role(conn, Role::Supervisor).await?
    } else {
        supervisors
    };
    let when = human_time(booking.starts_at, config.timezone);
    for supervisor in supervisors {
        let context = SupportFlagEmail {
            agency: &config.agency_name,
            supervisor: &supervisor.display_name,
            mentor: &mentor.display_name,
            when: when.clone(),
            console_link: format!("{}/staff/supervision", config.public_url),
        };
        outbox::enqueue(
            conn,
            &config.mail_from,
            outbox::NewEmail::plain(
                format!(
                    "check_in:{}:support:{}:to:{}",
                    booking.id,
                    now.timestamp(),
                    supervisor.id
                ),
                "support_flag",
                &supervisor.email,
                templates::render("support_flag", &context)?,
                now,
            ),
            now,
        )
        .await?;
    }
    Ok(())
}

fn is_admin(staff: &StaffUser) -> bool {
    staff.roles.contains(&Role::Admin)
}

/// Whether `staff` supervises this mentor: an admin, their supervisor, or any supervisor
/// while no one is assigned (so a new mentor is never unseen).
fn oversees(staff: &StaffUser, mentor: &mentors::Model) -> bool {
    is_admin(staff) || mentor.supervisor_id.is_none_or(|id| id == staff.id)
}

/// The mentors `staff` oversees, each with their load, limits, check-ins and open flags.
pub async fn overview(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    now: DateTime<Utc>,
) -> AppResult<Vec<SupervisedMentor>> {
    let mut overview = Vec::new();
    for mentor in mentors::Entity::find()
        .order_by_asc(mentors::Column::DisplayName)
        .all(db.conn())
        .await?
    {
        if oversees(staff, &mentor) {
            overview.push(supervised(db, config, mentor, now).await?);
        }
    }
    Ok(overview)
}

async fn supervised(
    db: &Db,
    config: &Config,
    mentor: mentors::Model,
    now: DateTime<Utc>,
) -> AppResult<SupervisedMentor> {
    let zone = config.timezone;
    let today = now.with_timezone(&zone).date_naive();
    let supervisor_name = match mentor.supervisor_id {
        Some(id) => staff_users::Entity::find_by_id(id)
            .one(db.conn())
            .await?
            .map(|s| s.display_name),
        None => None,
    };
    let recent = check_ins::Entity::find()
        .filter(check_ins::Column::MentorId.eq(mentor.id))
        .order_by_desc(check_ins::Column::CreatedAt)
        .all(db.conn())
        .await?;
    let starts: Vec<(i64, DateTime<Utc>)> = bookings::Entity::find()
        .filter(bookings::Column::Id.is_in(recent.iter().map(|c| c.booking_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|b| (b.id, b.starts_at))
        .collect();
    let to_supervised = |row: &check_ins::Model| {
        let start = starts
            .iter()
            .find(|(id, _)| *id == row.booking_id)
            .map_or(row.created_at, |(_, start)| *start);
        SupervisedCheckIn {
            booking_id: row.booking_id,
            session_start: start.with_timezone(&zone).fixed_offset(),
            check_in: to_check_in(row),
            followed_up_at: row
                .followed_up_at
                .map(|t| t.with_timezone(&zone).fixed_offset()),
        }
    };
    let check_ins = recent
        .iter()
        .filter(|c| c.created_at >= now - RECENT)
        .map(to_supervised)
        .collect();
    let open_support_flags = recent
        .iter()
        .filter(|c| c.wants_support && c.followed_up_at.is_none())
        .map(to_supervised)
        .collect();
    let schedule = MentorSchedule::load(db.conn(), mentor, today, today, zone, None).await?;
    let (sessions_today, sessions_this_week) = schedule.session_counts(today);
    let mentor = schedule.mentor();
    Ok(SupervisedMentor {
        mentor_id: mentor.id,
        display_name: mentor.display_name.clone(),
        supervisor_id: mentor.supervisor_id,
        supervisor_name,
        screening_valid_until: mentor.screening_valid_until,
        published: mentor.published,
        listed: is_listed(mentor, today),
        accepting_bookings: is_listed(mentor, today) && schedule.accepting_bookings(now),
        limits: office_hours::limits(mentor),
        sessions_today,
        sessions_this_week,
        check_ins,
        open_support_flags,
    })
}

async fn overseen_mentor(
    conn: &impl ConnectionTrait,
    staff: &StaffUser,
    mentor_id: i64,
) -> AppResult<mentors::Model> {
    mentors::Entity::find_by_id(mentor_id)
        .one(conn)
        .await?
        .filter(|m| oversees(staff, m))
        .ok_or_else(|| AppError::not_found("There is no such mentor among yours."))
}

/// Sets a mentor's screening/training date (supervisors and admins) and their supervisor
/// (admins only).
pub async fn update(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    mentor_id: i64,
    update: UpdateSupervision,
    now: DateTime<Utc>,
) -> AppResult<SupervisedMentor> {
    let tx = db.begin_write().await?;
    let mentor = overseen_mentor(&tx, staff, mentor_id).await?;
    let mut summary = Vec::new();
    let mut active = mentor.into_active_model();
    if let Some(until) = update.screening_valid_until {
        active.screening_valid_until = Set(Some(until));
        summary.push(format!("screening valid until {until}"));
    }
    if let Some(supervisor_id) = update.supervisor_id {
        if !is_admin(staff) {
            return Err(AppError::forbidden(
                "Only admins can change who supervises a mentor.",
            ));
        }
        let is_supervisor = crate::services::staff::active_with_role(&tx, Role::Supervisor)
            .await?
            .iter()
            .any(|s| s.id == supervisor_id);
        if !is_supervisor {
            return Err(AppError::invalid_field(
                "supervisor_id",
                "Choose an active staff member with the supervisor role.",
            ));
        }
        active.supervisor_id = Set(Some(supervisor_id));
        summary.push(format!("supervisor set to staff member {supervisor_id}"));
    }
    let mentor = active.update(&tx).await?;
    if !summary.is_empty() {
        audit::record(
            &tx,
            Some(staff.id),
            "mentor.supervision",
            Some(audit::Target {
                kind: "mentor",
                id: mentor_id.to_string(),
            }),
            format!("{}: {}", mentor.display_name, summary.join(", ")),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    supervised(db, config, mentor, now).await
}

/// Approves one session at `start` beyond the mentor's limits; logged with who approved.
pub async fn approve_override(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    mentor_id: i64,
    request: NewLimitOverride,
    now: DateTime<Utc>,
) -> AppResult<LimitOverride> {
    let start = request.start.with_timezone(&Utc);
    if start <= now {
        return Err(AppError::invalid_field(
            "start",
            "Choose a time that hasn't started yet.",
        ));
    }
    let tx = db.begin_write().await?;
    let mentor = overseen_mentor(&tx, staff, mentor_id).await?;
    let exists = limit_overrides::Entity::find()
        .filter(limit_overrides::Column::MentorId.eq(mentor_id))
        .filter(limit_overrides::Column::StartsAt.eq(start))
        .one(&tx)
        .await?;
    let row = match exists {
        Some(row) => row,
        None => {
            limit_overrides::ActiveModel {
                mentor_id: Set(mentor_id),
                starts_at: Set(start),
                approved_by: Set(Some(staff.id)),
                approved_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?
        }
    };
    audit::record(
        &tx,
        Some(staff.id),
        "mentor.limit_override",
        Some(audit::Target {
            kind: "mentor",
            id: mentor_id.to_string(),
        }),
        format!(
            "Approved one session for {} beyond their limits at {}",
            mentor.display_name,
            human_time(start, config.timezone)
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(LimitOverride {
        id: row.id,
        start: row.starts_at.with_timezone(&config.timezone).fixed_offset(),
        approved_by: staff.display_name.clone(),
    })
}

/// Marks a support flag followed up.
pub async fn follow_up(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    booking_id: i64,
    now: DateTime<Utc>,
) -> AppResult<SupervisedCheckIn> {
    let tx = db.begin_write().await?;
    let not_found = || AppError::not_found("There is no such support request.");
    let row = check_ins::Entity::find_by_id(booking_id)
        .one(&tx)
        .await?
        .filter(|c| c.wants_support)
        .ok_or_else(not_found)?;
    let mentor = overseen_mentor(&tx, staff, row.mentor_id)
        .await
        .map_err(|_| not_found())?;
    let session_start = bookings::Entity::find_by_id(booking_id)
        .one(&tx)
        .await?
        .map_or(row.created_at, |b| b.starts_at);
    let row = if row.followed_up_at.is_none() {
        let mut active = row.into_active_model();
        active.followed_up_at = Set(Some(now));
        active.followed_up_by = Set(Some(staff.id));
        let row = active.update(&tx).await?;
        audit::record(
            &tx,
            Some(staff.id),
            "mentor.support_followed_up",
            Some(audit::Target {
                kind: "mentor",
                id: mentor.id.to_string(),
            }),
            format!("Followed up {}'s request for support", mentor.display_name),
            now,
        )
        .await?;
        row
    } else {
        row
    };
    tx.commit().await?;
    Ok(SupervisedCheckIn {
        booking_id,
        session_start: session_start.with_timezone(&config.timezone).fixed_offset(),
        check_in: to_check_in(&row),
        followed_up_at: row
            .followed_up_at
            .map(|t| t.with_timezone(&config.timezone).fixed_offset()),
    })
}

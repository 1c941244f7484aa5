//! A peer mentor's office hours: their weekly windows, dates off and own limits, turned
//! into the times a young person may book. The rules are here once; slot listings and
//! bookings both ask `MentorSchedule`, so the list never offers what booking refuses.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use shared::{
    BookingKind, BookingStatus, MentorLimits, MentorOfficeHours, OpeningRule, SlotAvailability,
    StaffUser, TimeRange, Weekday,
};

use crate::{
    db::Db,
    entities::{bookings, events, limit_overrides, mentor_days_off, mentor_windows, mentors},
    error::{AppError, AppResult},
    services::{
        audit,
        slots::{self, WeeklyWindow},
        spaces,
    },
};

/// How long before a session booking closes: time for the mentor to see it coming.
pub const MIN_NOTICE: Duration = Duration::hours(2);
/// How far ahead young people may book a mentor.
pub const HORIZON: Duration = Duration::days(28);

/// Why a time cannot be booked with a mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not one of the mentor's times, or past, too soon, too far ahead: a 422 on `start`.
    NotOffered(&'static str),
    /// Another session or an event they lead is at that time.
    Taken,
    /// One of the mentor's own limits (or a break, or a day off) says no. The public never
    /// learns which.
    Unavailable,
}

/// Everything needed to decide which of a mentor's times are free, loaded once.
pub struct MentorSchedule {
    mentor: mentors::Model,
    windows: Vec<WeeklyWindow>,
    days_off: Vec<NaiveDate>,
    /// Sessions that count against limits (not cancelled), by their time.
    sessions: Vec<TimeRange>,
    /// Confirmed sessions and events led: times the mentor is already somewhere.
    busy: Vec<TimeRange>,
    overrides: Vec<DateTime<Utc>>,
    zone: Tz,
}

impl MentorSchedule {
    /// Loads what decides the agency dates `from..=to` (their whole weeks, for the weekly
    /// limit). `ignore_booking` leaves one booking out, for moving it.
    pub async fn load(
        conn: &impl ConnectionTrait,
        mentor: mentors::Model,
        from: NaiveDate,
        to: NaiveDate,
        zone: Tz,
        ignore_booking: Option<i64>,
    ) -> anyhow::Result<Self> {
        let windows = mentor_windows_of(conn, mentor.id).await?;
        let days_off = mentor_days_off::Entity::find()
            .filter(mentor_days_off::Column::MentorId.eq(mentor.id))
            .all(conn)
            .await?
            .into_iter()
            .map(|row| row.day)
            .collect();
        let range_start = slots::local_midnight(week_start(from), zone);
        let range_end = slots::local_midnight(week_start(to) + Duration::days(7), zone);
        let mut sessions = Vec::new();
        let mut busy = Vec::new();
        for booking in bookings::Entity::find()
            .filter(bookings::Column::Kind.eq(BookingKind::OfficeHours.as_str()))
            .filter(bookings::Column::MentorId.eq(mentor.id))
            .filter(bookings::Column::Status.ne(BookingStatus::Cancelled.as_str()))
            .filter(bookings::Column::StartsAt.lt(range_end))
            .filter(bookings::Column::EndsAt.gt(range_start))
            .all(conn)
            .await?
        {
            if Some(booking.id) == ignore_booking {
                continue;
            }
            let Ok(range) = TimeRange::new(booking.starts_at, booking.ends_at) else {
                continue;
            };
            sessions.push(range);
            if booking.status == BookingStatus::Confirmed.as_str() {
                busy.push(range);
            }
        }
        for event in events::Entity::find()
            .filter(events::Column::LeadMentorId.eq(mentor.id))
            // Drafts too: a mentor planning an event keeps its time free.
            .filter(events::Column::Status.is_in([
                shared::EventStatus::Draft.as_str(),
                shared::EventStatus::Published.as_str(),
            ]))
            .filter(events::Column::StartsAt.lt(range_end))
            .filter(events::Column::EndsAt.gt(range_start))
            .all(conn)
            .await?
        {
            if let Ok(range) = TimeRange::new(event.starts_at, event.ends_at) {
                busy.push(range);
            }
        }
        let overrides = limit_overrides::Entity::find()
            .filter(limit_overrides::Column::MentorId.eq(mentor.id))
            .filter(limit_overrides::Column::StartsAt.gte(range_start))
            .filter(limit_overrides::Column::StartsAt.lt(range_end))
            .all(conn)
            .await?
            .into_iter()
            .map(|row| row.starts_at)
            .collect();
        Ok(Self {
            mentor,
            windows,
            days_off,
            sessions,
            busy,
            overrides,
            zone,
        })
    }

    pub fn mentor(&self) -> &mentors::Model {
        &self.mentor
    }

    /// The free session times on the agency dates `from..=to`.
    pub fn free_slots(&self, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Vec<TimeRange> {
        slots::slots_between(&self.windows, from, to, self.zone)
            .into_iter()
            .filter(|slot| self.refusal(slot, now).is_none())
            .collect()
    }

    /// The session starting at `start` if it can be booked now, or why not.
    pub fn bookable(&self, start: DateTime<Utc>, now: DateTime<Utc>) -> Result<TimeRange, Refusal> {
        let day = start.with_timezone(&self.zone).date_naive();
        let slot = slots::slots_between(&self.windows, day, day, self.zone)
            .into_iter()
            .find(|slot| slot.start() == start)
            .ok_or(Refusal::NotOffered(
                "That isn't one of this mentor's times.",
            ))?;
        match self.refusal(&slot, now) {
            Some(refusal) => Err(refusal),
            None => Ok(slot),
        }
    }

    fn refusal(&self, slot: &TimeRange, now: DateTime<Utc>) -> Option<Refusal> {
        if slot.start() <= now {
            return Some(Refusal::NotOffered("That time has already started."));
        }
        if slot.start() < now + MIN_NOTICE {
            return Some(Refusal::NotOffered(
                "That time starts too soon to book. Please pick a later one.",
            ));
        }
        if slot.start() >= now + HORIZON {
            return Some(Refusal::NotOffered(
                "That time is too far ahead to book yet.",
            ));
        }
        if self.busy.iter().any(|busy| busy.overlaps(slot)) {
            return Some(Refusal::Taken);
        }
        // A supervisor's override lets this one session past the mentor's break, day off
        // and limits, never past another session or the mentor's own times.
        if self.overrides.contains(&slot.start()) {
            return None;
        }
        let day = slot.start().with_timezone(&self.zone).date_naive();
        if self.days_off.contains(&day) || self.on_break(day) || !self.within_limits(slot, day) {
            return Some(Refusal::Unavailable);
        }
        None
    }

    fn on_break(&self, day: NaiveDate) -> bool {
        self.mentor.on_break && self.mentor.break_until.is_none_or(|last| day <= last)
    }

    /// The mentor's own limits: the buffer around other sessions, the time of day after
    /// which they take none, and the most per day and per week.
    fn within_limits(&self, slot: &TimeRange, day: NaiveDate) -> bool {
        let buffer = Duration::minutes(i64::from(self.mentor.buffer_minutes.max(0)));
        if buffer > Duration::zero() {
            let padded = TimeRange::new(slot.start() - buffer, slot.end() + buffer);
            if padded.is_ok_and(|padded| self.busy.iter().any(|busy| busy.overlaps(&padded))) {
                return false;
            }
        }
        if let Some(last_end) = self
            .mentor
            .no_sessions_after
            .as_deref()
            .and_then(slots::parse_hhmm)
        {
            let end = slot.end().with_timezone(&self.zone);
            let ends_on_day_after = end.date_naive() > day;
            if ends_on_day_after || end.time() > last_end {
                return false;
            }
        }
        let count_on = |matches: &dyn Fn(NaiveDate) -> bool| {
            self.sessions
                .iter()
                .filter(|s| matches(s.start().with_timezone(&self.zone).date_naive()))
                .count()
        };
        if let Some(max) = limit(self.mentor.max_per_day) {
            if count_on(&|d| d == day) >= max {
                return false;
            }
        }
        if let Some(max) = limit(self.mentor.max_per_week) {
            let week = week_start(day);
            if count_on(&|d| week_start(d) == week) >= max {
                return false;
            }
        }
        true
    }

    /// Sessions on the agency date `day` and in its week (Monday to Sunday).
    pub fn session_counts(&self, day: NaiveDate) -> (u32, u32) {
        let dates = self
            .sessions
            .iter()
            .map(|s| s.start().with_timezone(&self.zone).date_naive());
        let (mut today, mut week) = (0, 0);
        for date in dates {
            today += u32::from(date == day);
            week += u32::from(week_start(date) == week_start(day));
        }
        (today, week)
    }

    /// What the directory shows: whether the mentor takes bookings today. False on a
    /// break or a day off, with no office hours, or once today's or this week's limit is
    /// reached.
    pub fn accepting_bookings(&self, now: DateTime<Utc>) -> bool {
        let today = now.with_timezone(&self.zone).date_naive();
        if self.windows.is_empty() || self.on_break(today) || self.days_off.contains(&today) {
            return false;
        }
        let (sessions_today, sessions_this_week) = self.session_counts(today);
        let under =
            |max: Option<i32>, count: u32| limit(max).is_none_or(|max| (count as usize) < max);
        under(self.mentor.max_per_day, sessions_today)
            && under(self.mentor.max_per_week, sessions_this_week)
    }
}

fn limit(max: Option<i32>) -> Option<usize> {
    max.map(|max| usize::try_from(max).unwrap_or(0))
}

/// The Monday of `day`'s week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The free slots as the public API answers them: capacity 1, one free.
pub fn to_availability(slots: &[TimeRange], zone: Tz) -> Vec<SlotAvailability> {
    slots
        .iter()
        .map(|slot| SlotAvailability {
            start: slot.start().with_timezone(&zone).fixed_offset(),
            end: slot.end().with_timezone(&zone).fixed_offset(),
            capacity: 1,
            booked: 0,
            available: 1,
        })
        .collect()
}

/// Times when at least one of the schedules is free; `available` counts the mentors free.
pub fn merge_free_slots(
    schedules: &[MentorSchedule],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
) -> Vec<SlotAvailability> {
    let mut free: HashMap<TimeRange, u32> = HashMap::new();
    for schedule in schedules {
        for slot in schedule.free_slots(from, to, now) {
            *free.entry(slot).or_default() += 1;
        }
    }
    let mut merged: Vec<(TimeRange, u32)> = free.into_iter().collect();
    merged.sort_by_key(|(slot, _)| (slot.start(), slot.end()));
    merged
        .into_iter()
        .map(|(slot, mentors)| SlotAvailability {
            start: slot.start().with_timezone(&zone).fixed_offset(),
            end: slot.end().with_timezone(&zone).fixed_offset(),
            capacity: mentors,
            booked: 0,
            available: mentors,
        })
        .collect()
}

async fn mentor_windows_of(
    conn: &impl ConnectionTrait,
    mentor_id: i64,
) -> anyhow::Result<Vec<WeeklyWindow>> {
    let rules: Vec<OpeningRule> = mentor_windows::Entity::find()
        .filter(mentor_windows::Column::MentorId.eq(mentor_id))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(OpeningRule {
                weekday: Weekday::from_index(u8::try_from(row.weekday).ok()?)?,
                opens: row.opens,
                closes: row.closes,
                slot_minutes: u32::try_from(row.slot_minutes).ok()?,
            })
        })
        .collect();
    // Stored windows were checked when saved; a bad one would be skipped, not fatal.
    Ok(slots::parse_rules(&rules).unwrap_or_default())
}

/// The mentor's office-hours settings, as they edit them.
pub async fn settings(db: &Db, mentor: &mentors::Model) -> AppResult<MentorOfficeHours> {
    let windows = mentor_windows_of(db.conn(), mentor.id).await?;
    let days_off = mentor_days_off::Entity::find()
        .filter(mentor_days_off::Column::MentorId.eq(mentor.id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| row.day)
        .collect();
    Ok(MentorOfficeHours {
        rules: windows.iter().map(slots::to_rule).collect(),
        space_id: mentor.office_space_id,
        room: mentor.office_room.clone(),
        days_off,
    })
}

/// Replaces the mentor's weekly windows, place and dates off. Sessions already booked
/// stay as they are.
pub async fn set_settings(
    db: &Db,
    actor: &StaffUser,
    mentor: mentors::Model,
    hours: MentorOfficeHours,
    now: DateTime<Utc>,
) -> AppResult<MentorOfficeHours> {
    let windows = slots::parse_rules(&hours.rules)
        .map_err(|(field, problem)| AppError::invalid_field(&field, problem))?;
    let room = hours.room.trim();
    if room.chars().count() > 120 {
        return Err(AppError::invalid_field(
            "room",
            "Please use 120 characters or fewer.",
        ));
    }
    let mut days_off = hours.days_off.clone();
    days_off.sort_unstable();
    days_off.dedup();
    if days_off.len() > 366 {
        return Err(AppError::invalid_field(
            "days_off",
            "That is more days off than a year has.",
        ));
    }
    let tx = db.begin_write().await?;
    if let Some(space_id) = hours.space_id {
        spaces::find(&tx, space_id)
            .await
            .map_err(|_| AppError::invalid_field("space_id", "There is no such space."))?;
    }
    mentor_windows::Entity::delete_many()
        .filter(mentor_windows::Column::MentorId.eq(mentor.id))
        .exec(&tx)
        .await?;
    for window in &windows {
        mentor_windows::ActiveModel {
            mentor_id: Set(mentor.id),
            weekday: Set(i16::from(window.weekday.index())),
            opens: Set(slots::format_hhmm(window.opens)),
            closes: Set(slots::format_hhmm(window.closes)),
            slot_minutes: Set(i32::try_from(window.slot.num_minutes()).unwrap_or(60)),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    mentor_days_off::Entity::delete_many()
        .filter(mentor_days_off::Column::MentorId.eq(mentor.id))
        .exec(&tx)
        .await?;
    for day in &days_off {
        mentor_days_off::ActiveModel {
            mentor_id: Set(mentor.id),
            day: Set(*day),
        }
        .insert(&tx)
        .await?;
    }
    let mentor_id = mentor.id;
    let mut active = mentor.into_active_model();
    active.office_space_id = Set(hours.space_id);
    active.office_room = Set(room.to_owned());
    let mentor = active.update(&tx).await?;
    audit::record(
        &tx,
        Some(actor.id),
        "mentor.office_hours",
        Some(audit::Target {
            kind: "mentor",
            id: mentor_id.to_string(),
        }),
        format!(
            "Set {} office-hours windows and {} days off",
            windows.len(),
            days_off.len()
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    settings(db, &mentor).await
}

pub fn limits(mentor: &mentors::Model) -> MentorLimits {
    MentorLimits {
        max_sessions_per_day: mentor.max_per_day.and_then(|n| u32::try_from(n).ok()),
        max_sessions_per_week: mentor.max_per_week.and_then(|n| u32::try_from(n).ok()),
        buffer_minutes: u32::try_from(mentor.buffer_minutes).unwrap_or(0),
        no_sessions_after: mentor.no_sessions_after.clone(),
        on_break: mentor.on_break,
        break_until: mentor.break_until,
    }
}

/// Saves the mentor's own limits. Bookings already made stay; new ones follow the limits.
pub async fn set_limits(
    db: &Db,
    actor: &StaffUser,
    mentor: mentors::Model,
    limits_wanted: MentorLimits,
    now: DateTime<Utc>,
) -> AppResult<MentorLimits> {
    let mut problems = shared::FieldErrors::new();
    let mut check = |field: &str, ok: bool, problem: &str| {
        if !ok {
            problems.insert(field.to_owned(), vec![problem.to_owned()]);
        }
    };
    check(
        "max_sessions_per_day",
        limits_wanted
            .max_sessions_per_day
            .is_none_or(|n| (1..=24).contains(&n)),
        "Use a number from 1 to 24, or leave it empty for no limit.",
    );
    check(
        "max_sessions_per_week",
        limits_wanted
            .max_sessions_per_week
            .is_none_or(|n| (1..=100).contains(&n)),
        "Use a number from 1 to 100, or leave it empty for no limit.",
    );
    check(
        "buffer_minutes",
        limits_wanted.buffer_minutes <= 240,
        "Use at most 240 minutes.",
    );
    let no_sessions_after = limits_wanted
        .no_sessions_after
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    check(
        "no_sessions_after",
        no_sessions_after.is_none_or(|t| slots::parse_hhmm(t).is_some()),
        "Use a time like 18:00.",
    );
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let mentor_id = mentor.id;
    let mut active = mentor.into_active_model();
    active.max_per_day = Set(limits_wanted
        .max_sessions_per_day
        .and_then(|n| i32::try_from(n).ok()));
    active.max_per_week = Set(limits_wanted
        .max_sessions_per_week
        .and_then(|n| i32::try_from(n).ok()));
    active.buffer_minutes = Set(i32::try_from(limits_wanted.buffer_minutes).unwrap_or(0));
    active.no_sessions_after = Set(no_sessions_after
        .and_then(slots::parse_hhmm)
        .map(slots::format_hhmm));
    active.on_break = Set(limits_wanted.on_break);
    active.break_until = Set(limits_wanted.break_until.filter(|_| limits_wanted.on_break));
    let mentor = active.update(&tx).await?;
    audit::record(
        &tx,
        Some(actor.id),
        "mentor.limits",
        Some(audit::Target {
            kind: "mentor",
            id: mentor_id.to_string(),
        }),
        if mentor.on_break {
            "Took a break from bookings".to_owned()
        } else {
            "Set their session limits".to_owned()
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(limits(&mentor))
}

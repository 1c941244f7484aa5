//! Lounge spaces: public details, and what admins set (details, booking rules, weekly
//! opening hours, closures).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use shared::{
    AdminSpace, FieldErrors, NewSpace, OpeningHours, OpeningRule, Space, StaffUser, UpdateSpace,
    Weekday,
};

use crate::{
    db::Db,
    entities::{opening_rules, spaces},
    error::{AppError, AppResult},
    services::{
        audit,
        slots::{self, WeeklyWindow},
    },
};

const MAX_CAPACITY: u32 = 500;

pub async fn list_public(db: &Db) -> anyhow::Result<Vec<Space>> {
    let spaces = spaces::Entity::find()
        .order_by_asc(spaces::Column::Name)
        .order_by_asc(spaces::Column::Id)
        .all(db.conn())
        .await?;
    Ok(spaces.into_iter().map(to_public).collect())
}

pub async fn list_admin(db: &Db) -> anyhow::Result<Vec<AdminSpace>> {
    let spaces = spaces::Entity::find()
        .order_by_asc(spaces::Column::Name)
        .order_by_asc(spaces::Column::Id)
        .all(db.conn())
        .await?;
    Ok(spaces.into_iter().map(to_admin).collect())
}

pub async fn find(conn: &impl ConnectionTrait, id: i64) -> AppResult<spaces::Model> {
    spaces::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such space."))
}

fn to_public(space: spaces::Model) -> Space {
    Space {
        id: space.id,
        name: space.name,
        capacity: u32::try_from(space.capacity).unwrap_or(0),
        description: space.description,
        accessibility_notes: space.accessibility_notes,
        house_rules: space.house_rules,
    }
}

fn to_admin(space: spaces::Model) -> AdminSpace {
    let as_u32 = |value: i32| u32::try_from(value).unwrap_or(0);
    AdminSpace {
        min_notice_minutes: as_u32(space.min_notice_minutes),
        horizon_days: as_u32(space.horizon_days),
        max_upcoming_per_email: as_u32(space.max_upcoming_per_email),
        space: to_public(space),
    }
}

/// Field checks shared by create and update; `None` fields are not being set.
fn check_fields(
    name: Option<&str>,
    capacity: Option<u32>,
    texts: [(&str, Option<&str>); 3],
    rules: [(&str, Option<u32>, u32, u32); 3],
) -> AppResult<()> {
    let mut problems = FieldErrors::new();
    if let Some(name) = name {
        let length = name.trim().chars().count();
        if length == 0 || length > 80 {
            problems.insert(
                "name".into(),
                vec!["Give the space a name of 1–80 characters.".into()],
            );
        }
    }
    if let Some(capacity) = capacity {
        if capacity == 0 || capacity > MAX_CAPACITY {
            problems.insert(
                "capacity".into(),
                vec![format!("Capacity is from 1 to {MAX_CAPACITY} people.")],
            );
        }
    }
    for (field, text) in texts {
        if text.is_some_and(|t| t.chars().count() > 2000) {
            problems.insert(
                field.into(),
                vec!["Keep this under 2,000 characters.".into()],
            );
        }
    }
    for (field, value, min, max) in rules {
        if value.is_some_and(|v| v < min || v > max) {
            problems.insert(
                field.into(),
                vec![format!("Use a number from {min} to {max}.")],
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(problems))
    }
}

pub async fn create(
    db: &Db,
    actor: &StaffUser,
    new: NewSpace,
    now: DateTime<Utc>,
) -> AppResult<AdminSpace> {
    check_fields(
        Some(&new.name),
        Some(new.capacity),
        [
            ("description", Some(&new.description)),
            ("accessibility_notes", Some(&new.accessibility_notes)),
            ("house_rules", Some(&new.house_rules)),
        ],
        [("", None, 0, 0); 3],
    )?;
    let tx = db.begin_write().await?;
    let space = spaces::ActiveModel {
        name: Set(new.name.trim().to_owned()),
        capacity: Set(i32::try_from(new.capacity).unwrap_or(i32::MAX)),
        description: Set(new.description),
        accessibility_notes: Set(new.accessibility_notes),
        house_rules: Set(new.house_rules),
        min_notice_minutes: Set(60),
        horizon_days: Set(28),
        max_upcoming_per_email: Set(3),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        Some(actor.id),
        "space.create",
        Some(audit::Target {
            kind: "space",
            id: space.id.to_string(),
        }),
        format!("Created {}", space.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_admin(space))
}

pub async fn update(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    change: UpdateSpace,
    now: DateTime<Utc>,
) -> AppResult<AdminSpace> {
    check_fields(
        change.name.as_deref(),
        change.capacity,
        [
            ("description", change.description.as_deref()),
            ("accessibility_notes", change.accessibility_notes.as_deref()),
            ("house_rules", change.house_rules.as_deref()),
        ],
        [
            (
                "min_notice_minutes",
                change.min_notice_minutes,
                0,
                7 * 24 * 60,
            ),
            ("horizon_days", change.horizon_days, 1, 365),
            (
                "max_upcoming_per_email",
                change.max_upcoming_per_email,
                1,
                50,
            ),
        ],
    )?;
    let to_i32 = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    let tx = db.begin_write().await?;
    let space = find(&tx, id).await?;
    let mut active = space.into_active_model();
    if let Some(name) = change.name {
        active.name = Set(name.trim().to_owned());
    }
    if let Some(capacity) = change.capacity {
        active.capacity = Set(to_i32(capacity));
    }
    if let Some(description) = change.description {
        active.description = Set(description);
    }
    if let Some(notes) = change.accessibility_notes {
        active.accessibility_notes = Set(notes);
    }
    if let Some(rules) = change.house_rules {
        active.house_rules = Set(rules);
    }
    if let Some(minutes) = change.min_notice_minutes {
        active.min_notice_minutes = Set(to_i32(minutes));
    }
    if let Some(days) = change.horizon_days {
        active.horizon_days = Set(to_i32(days));
    }
    if let Some(max) = change.max_upcoming_per_email {
        active.max_upcoming_per_email = Set(to_i32(max));
    }
    let space = active.update(&tx).await?;
    audit::record(
        &tx,
        Some(actor.id),
        "space.update",
        Some(audit::Target {
            kind: "space",
            id: space.id.to_string(),
        }),
        format!("Updated {}", space.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to_admin(space))
}

/// The space's weekly windows, as the scheduler uses them.
pub async fn windows(
    conn: &impl ConnectionTrait,
    space_id: i64,
) -> anyhow::Result<Vec<WeeklyWindow>> {
    let rules = opening_rules::Entity::find()
        .filter(opening_rules::Column::SpaceId.eq(space_id))
        .all(conn)
        .await?;
    let rules: Vec<OpeningRule> = rules.into_iter().filter_map(to_rule).collect();
    // Stored rules were checked when saved; a bad one would be skipped, not fatal.
    Ok(slots::parse_rules(&rules).unwrap_or_default())
}

fn to_rule(row: opening_rules::Model) -> Option<OpeningRule> {
    Some(OpeningRule {
        weekday: Weekday::from_index(u8::try_from(row.weekday).ok()?)?,
        opens: row.opens,
        closes: row.closes,
        slot_minutes: u32::try_from(row.slot_minutes).ok()?,
    })
}

pub async fn opening_hours(db: &Db, space_id: i64) -> AppResult<OpeningHours> {
    find(db.conn(), space_id).await?;
    let windows = windows(db.conn(), space_id).await?;
    Ok(OpeningHours {
        rules: windows.iter().map(slots::to_rule).collect(),
    })
}

/// Replaces the week's rules. Bookings already made stay as they are.
pub async fn set_opening_hours(
    db: &Db,
    actor: &StaffUser,
    space_id: i64,
    hours: OpeningHours,
    now: DateTime<Utc>,
) -> AppResult<OpeningHours> {
    let windows = slots::parse_rules(&hours.rules)
        .map_err(|(field, problem)| AppError::invalid_field(&field, problem))?;
    let tx = db.begin_write().await?;
    let space = find(&tx, space_id).await?;
    opening_rules::Entity::delete_many()
        .filter(opening_rules::Column::SpaceId.eq(space_id))
        .exec(&tx)
        .await?;
    for window in &windows {
        opening_rules::ActiveModel {
            space_id: Set(space_id),
            weekday: Set(i16::from(window.weekday.index())),
            opens: Set(slots::format_hhmm(window.opens)),
            closes: Set(slots::format_hhmm(window.closes)),
            slot_minutes: Set(i32::try_from(window.slot.num_minutes()).unwrap_or(60)),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    audit::record(
        &tx,
        Some(actor.id),
        "space.opening_hours",
        Some(audit::Target {
            kind: "space",
            id: space_id.to_string(),
        }),
        format!("Set {} opening windows for {}", windows.len(), space.name),
        now,
    )
    .await?;
    tx.commit().await?;
    opening_hours(db, space_id).await
}

/// Used by the slot listing: whether a zone-local date range is acceptable.
pub fn check_range(from: chrono::NaiveDate, to: chrono::NaiveDate) -> AppResult<()> {
    if to < from {
        return Err(AppError::invalid_field(
            "to",
            "`to` must not be before `from`.",
        ));
    }
    if (to - from).num_days() > 30 {
        return Err(AppError::invalid_field(
            "to",
            "Ask for at most 31 days at a time.",
        ));
    }
    Ok(())
}

//! Peer mentor profiles: the public directory young people choose from, each mentor's
//! own profile and photo, and the agency's list of lived-experience topics.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use shared::{
    MeetingPlace, MentorProfile, NewTopic, OwnMentorProfile, StaffUser, Topic, UpdateMentorProfile,
};

use crate::{
    config::Config,
    db::Db,
    entities::{mentor_languages, mentor_photos, mentor_topics, mentors, staff_users, topics},
    error::{AppError, AppResult},
    photos,
    services::{
        audit,
        office_hours::{self, MentorSchedule},
    },
};

/// `GET /api/mentors` filters; both optional, matched without regard to case.
#[derive(Debug, Default, Clone)]
pub struct DirectoryFilter {
    pub topic: Option<String>,
    pub language: Option<String>,
}

/// Whether young people may see the mentor: published, with screening current today.
pub fn is_listed(mentor: &mentors::Model, today: NaiveDate) -> bool {
    mentor.published
        && mentor
            .screening_valid_until
            .is_some_and(|until| until >= today)
}

/// The mentors young people may see, each with their schedule for the agency dates
/// `from..=to`.
pub async fn listed(
    conn: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
) -> anyhow::Result<Vec<MentorSchedule>> {
    let today = now.with_timezone(&zone).date_naive();
    let mut schedules = Vec::new();
    for mentor in mentors::Entity::find()
        .filter(mentors::Column::Published.eq(true))
        .filter(mentors::Column::ScreeningValidUntil.gte(today))
        .order_by_asc(mentors::Column::DisplayName)
        .order_by_asc(mentors::Column::Id)
        .all(conn)
        .await?
    {
        schedules.push(MentorSchedule::load(conn, mentor, from, to, zone, None).await?);
    }
    Ok(schedules)
}

/// Listed mentors, filtered. Never an email, phone number or surname: those are not in
/// the profile at all.
pub async fn list_public(
    db: &Db,
    filter: &DirectoryFilter,
    now: DateTime<Utc>,
    zone: Tz,
) -> anyhow::Result<Vec<MentorProfile>> {
    let today = now.with_timezone(&zone).date_naive();
    let schedules = listed(db.conn(), today, today, now, zone).await?;
    let mut profiles = to_profiles(db.conn(), &schedules, now).await?;
    let wanted = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_lowercase)
    };
    if let Some(topic) = wanted(&filter.topic) {
        profiles.retain(|p| p.topics.iter().any(|t| t.to_lowercase() == topic));
    }
    if let Some(language) = wanted(&filter.language) {
        profiles.retain(|p| p.languages.iter().any(|l| l.to_lowercase() == language));
    }
    Ok(profiles)
}

/// One listed mentor; a 404 for anyone young people may not see.
pub async fn find_public(
    db: &Db,
    id: i64,
    now: DateTime<Utc>,
    zone: Tz,
) -> AppResult<MentorProfile> {
    let today = now.with_timezone(&zone).date_naive();
    let schedule = listed_schedule(db.conn(), id, today, today, now, zone).await?;
    let mut profiles = to_profiles(db.conn(), std::slice::from_ref(&schedule), now).await?;
    profiles.pop().ok_or_else(no_such_mentor)
}

/// The schedule of a mentor young people may see, for the dates `from..=to`.
pub async fn listed_schedule(
    conn: &impl ConnectionTrait,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
) -> AppResult<MentorSchedule> {
    let today = now.with_timezone(&zone).date_naive();
    let mentor = mentors::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|m| is_listed(m, today))
        .ok_or_else(no_such_mentor)?;
    Ok(MentorSchedule::load(conn, mentor, from, to, zone, None).await?)
}

/// The free office-hours times of one listed mentor, or with `None` of any listed mentor
/// (then `available` counts the mentors free).
pub async fn free_slots(
    db: &Db,
    mentor_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
) -> AppResult<Vec<shared::SlotAvailability>> {
    crate::services::spaces::check_range(from, to)?;
    Ok(match mentor_id {
        Some(id) => {
            let schedule = listed_schedule(db.conn(), id, from, to, now, zone).await?;
            office_hours::to_availability(&schedule.free_slots(from, to, now), zone)
        }
        None => {
            let schedules = listed(db.conn(), from, to, now, zone).await?;
            office_hours::merge_free_slots(&schedules, from, to, now, zone)
        }
    })
}

pub fn no_such_mentor() -> AppError {
    AppError::not_found("There is no such mentor.")
}

async fn to_profiles(
    conn: &impl ConnectionTrait,
    schedules: &[MentorSchedule],
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<MentorProfile>> {
    let ids: Vec<i64> = schedules.iter().map(|s| s.mentor().id).collect();
    let mut topics_by_mentor = topics_of(conn, &ids).await?;
    let mut languages_by_mentor = languages_of(conn, &ids).await?;
    Ok(schedules
        .iter()
        .map(|schedule| {
            let mentor = schedule.mentor();
            MentorProfile {
                id: mentor.id,
                display_name: mentor.display_name.clone(),
                pronouns: mentor.pronouns.clone(),
                title: mentor.title.clone(),
                bio: mentor.bio.clone(),
                topics: topics_by_mentor.remove(&mentor.id).unwrap_or_default(),
                languages: languages_by_mentor.remove(&mentor.id).unwrap_or_default(),
                photo_url: photo_url(mentor),
                accepting_bookings: schedule.accepting_bookings(now),
                interests: lines(&mentor.interests),
                meets: meets(&mentor.meets),
            }
        })
        .collect())
}

fn photo_url(mentor: &mentors::Model) -> Option<String> {
    mentor
        .photo_version
        .as_ref()
        .map(|version| format!("/api/mentors/{}/photo?v={version}", mentor.id))
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn meets(text: &str) -> Vec<MeetingPlace> {
    text.split(',').filter_map(MeetingPlace::parse).collect()
}

async fn topics_of(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> anyhow::Result<HashMap<i64, Vec<String>>> {
    let mut by_mentor: HashMap<i64, Vec<String>> = HashMap::new();
    for (link, topic) in mentor_topics::Entity::find()
        .filter(mentor_topics::Column::MentorId.is_in(ids.iter().copied()))
        .find_also_related(topics::Entity)
        .order_by_asc(topics::Column::Name)
        .all(conn)
        .await?
    {
        if let Some(topic) = topic {
            by_mentor
                .entry(link.mentor_id)
                .or_default()
                .push(topic.name);
        }
    }
    Ok(by_mentor)
}

async fn languages_of(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> anyhow::Result<HashMap<i64, Vec<String>>> {
    let mut by_mentor: HashMap<i64, Vec<String>> = HashMap::new();
    for language in mentor_languages::Entity::find()
        .filter(mentor_languages::Column::MentorId.is_in(ids.iter().copied()))
        .order_by_asc(mentor_languages::Column::Language)
        .all(conn)
        .await?
    {
        by_mentor
            .entry(language.mentor_id)
            .or_default()
            .push(language.language);
    }
    Ok(by_mentor)
}

/// Gives a staff member with the mentor role their (unpublished) profile if they have
/// none yet. It starts from the first word of their staff name: a surname must never
/// reach the directory, so the mentor chooses what goes there.
pub async fn ensure_profile(
    conn: &impl ConnectionTrait,
    user: &staff_users::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<mentors::Model> {
    if let Some(mentor) = mentors::Entity::find()
        .filter(mentors::Column::UserId.eq(user.id))
        .one(conn)
        .await?
    {
        return Ok(mentor);
    }
    let first_name = user
        .display_name
        .split_whitespace()
        .next()
        .unwrap_or("Mentor");
    Ok(mentors::ActiveModel {
        user_id: Set(user.id),
        display_name: Set(first_name.to_owned()),
        pronouns: Set(None),
        title: Set(shared::STANDARD_MENTOR_TITLES[0].to_owned()),
        bio: Set(String::new()),
        photo_version: Set(None),
        published: Set(false),
        screening_valid_until: Set(None),
        created_at: Set(now),
        supervisor_id: Set(None),
        interests: Set(String::new()),
        meets: Set(String::new()),
        office_space_id: Set(None),
        office_room: Set(String::new()),
        max_per_day: Set(None),
        max_per_week: Set(None),
        buffer_minutes: Set(0),
        no_sessions_after: Set(None),
        on_break: Set(false),
        break_until: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// The signed-in staff member's mentor profile (made on first use).
pub async fn own(db: &Db, staff: &StaffUser, now: DateTime<Utc>) -> AppResult<mentors::Model> {
    let user = staff_users::Entity::find_by_id(staff.id)
        .one(db.conn())
        .await?
        .ok_or_else(AppError::unauthorized)?;
    let existing = mentors::Entity::find()
        .filter(mentors::Column::UserId.eq(user.id))
        .one(db.conn())
        .await?;
    match existing {
        Some(mentor) => Ok(mentor),
        None => {
            let tx = db.begin_write().await?;
            let mentor = ensure_profile(&tx, &user, now).await?;
            tx.commit().await?;
            Ok(mentor)
        }
    }
}

pub async fn own_profile(
    db: &Db,
    config: &Config,
    mentor: &mentors::Model,
    now: DateTime<Utc>,
) -> AppResult<OwnMentorProfile> {
    let today = now.with_timezone(&config.timezone).date_naive();
    let topics = topics_of(db.conn(), &[mentor.id])
        .await?
        .remove(&mentor.id)
        .unwrap_or_default();
    let languages = languages_of(db.conn(), &[mentor.id])
        .await?
        .remove(&mentor.id)
        .unwrap_or_default();
    let topic_choices = list_topics(db).await?.into_iter().map(|t| t.name).collect();
    Ok(OwnMentorProfile {
        id: mentor.id,
        profile: UpdateMentorProfile {
            display_name: mentor.display_name.clone(),
            pronouns: mentor.pronouns.clone(),
            title: mentor.title.clone(),
            bio: mentor.bio.clone(),
            topics,
            languages,
            interests: lines(&mentor.interests),
            meets: meets(&mentor.meets),
            published: mentor.published,
        },
        photo_url: photo_url(mentor),
        screening_valid_until: mentor.screening_valid_until,
        listed: is_listed(mentor, today),
        titles: config.mentor_titles(),
        topic_choices,
    })
}

/// Checks a profile edit field by field; every problem is reported at once.
fn check_profile(
    update: &UpdateMentorProfile,
    titles: &[String],
    known_topics: &[topics::Model],
) -> AppResult<CheckedProfile> {
    let mut problems = shared::FieldErrors::new();
    let mut problem = |field: &str, text: &str| {
        problems
            .entry(field.to_owned())
            .or_default()
            .push(text.to_owned());
    };
    let one_line =
        |text: &str, max: usize| text.chars().count() <= max && !text.chars().any(char::is_control);
    let display_name = update.display_name.trim();
    if display_name.is_empty() || !one_line(display_name, 40) {
        problem(
            "display_name",
            "Use a first name or nickname of 1 to 40 characters.",
        );
    }
    let pronouns = update
        .pronouns
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if pronouns.is_some_and(|p| !one_line(p, 30)) {
        problem("pronouns", "Use 30 characters or fewer.");
    }
    let title = update.title.trim();
    if !titles.iter().any(|t| t == title) {
        problem("title", "Choose one of the agency's titles.");
    }
    let bio = update.bio.trim();
    if bio.chars().count() > 1000 {
        problem("bio", "Keep your bio to 1,000 characters or fewer.");
    }
    let mut topic_ids = Vec::new();
    for name in &update.topics {
        match known_topics
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
        {
            Some(topic) => topic_ids.push(topic.id),
            None => problem("topics", "Choose topics from the agency's list."),
        }
    }
    topic_ids.sort_unstable();
    topic_ids.dedup();
    let mut list = |field: &str, items: &[String], max_each: usize| {
        let mut clean: Vec<String> = items
            .iter()
            .map(|i| i.trim().to_owned())
            .filter(|i| !i.is_empty())
            .collect();
        clean.dedup();
        if clean.len() > 12 || clean.iter().any(|i| !one_line(i, max_each)) {
            problem(
                field,
                &format!("List up to 12, each {max_each} characters or fewer."),
            );
        }
        clean
    };
    let languages = list("languages", &update.languages, 40);
    let interests = list("interests", &update.interests, 60);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let mut meets: Vec<MeetingPlace> = update.meets.clone();
    meets.sort_unstable();
    meets.dedup();
    Ok(CheckedProfile {
        display_name: display_name.to_owned(),
        pronouns: pronouns.map(str::to_owned),
        title: title.to_owned(),
        bio: bio.to_owned(),
        topic_ids,
        languages,
        interests,
        meets,
    })
}

struct CheckedProfile {
    display_name: String,
    pronouns: Option<String>,
    title: String,
    bio: String,
    topic_ids: Vec<i64>,
    languages: Vec<String>,
    interests: Vec<String>,
    meets: Vec<MeetingPlace>,
}

/// Saves the mentor's whole profile at once.
pub async fn update_profile(
    db: &Db,
    config: &Config,
    actor: &StaffUser,
    mentor: mentors::Model,
    update: UpdateMentorProfile,
    now: DateTime<Utc>,
) -> AppResult<OwnMentorProfile> {
    let known_topics = topics::Entity::find().all(db.conn()).await?;
    let checked = check_profile(&update, &config.mentor_titles(), &known_topics)?;
    let tx = db.begin_write().await?;
    let mentor_id = mentor.id;
    let mut active = mentor.into_active_model();
    active.display_name = Set(checked.display_name);
    active.pronouns = Set(checked.pronouns);
    active.title = Set(checked.title);
    active.bio = Set(checked.bio);
    active.interests = Set(checked.interests.join("\n"));
    active.meets = Set(checked
        .meets
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(","));
    active.published = Set(update.published);
    let mentor = active.update(&tx).await?;
    mentor_topics::Entity::delete_many()
        .filter(mentor_topics::Column::MentorId.eq(mentor_id))
        .exec(&tx)
        .await?;
    for topic_id in checked.topic_ids {
        mentor_topics::ActiveModel {
            mentor_id: Set(mentor_id),
            topic_id: Set(topic_id),
        }
        .insert(&tx)
        .await?;
    }
    mentor_languages::Entity::delete_many()
        .filter(mentor_languages::Column::MentorId.eq(mentor_id))
        .exec(&tx)
        .await?;
    for language in checked.languages {
        mentor_languages::ActiveModel {
            mentor_id: Set(mentor_id),
            language: Set(language),
        }
        .insert(&tx)
        .await?;
    }
    audit::record(
        &tx,
        Some(actor.id),
        "mentor.profile",
        Some(audit::Target {
            kind: "mentor",
            id: mentor_id.to_string(),
        }),
        if mentor.published {
            "Updated their published profile"
        } else {
            "Updated their profile (not published)"
        },
        now,
    )
    .await?;
    tx.commit().await?;
    own_profile(db, config, &mentor, now).await
}

/// Stores a new photo, checked and stripped of its metadata (a phone photo's location
/// would say where a young mentor lives).
pub async fn set_photo(
    db: &Db,
    actor: &StaffUser,
    mentor: mentors::Model,
    declared_type: Option<&str>,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> AppResult<mentors::Model> {
    let photo = photos::check(declared_type, bytes)?;
    let tx = db.begin_write().await?;
    mentor_photos::Entity::delete_by_id(mentor.id)
        .exec(&tx)
        .await?;
    mentor_photos::ActiveModel {
        mentor_id: Set(mentor.id),
        content_type: Set(photo.content_type.to_owned()),
        bytes: Set(photo.bytes.clone()),
        updated_at: Set(now),
    }
    .insert(&tx)
    .await?;
    let mentor_id = mentor.id;
    let mut active = mentor.into_active_model();
    active.photo_version = Set(Some(photo.version()));
    let mentor = active.update(&tx).await?;
    audit::record(
        &tx,
        Some(actor.id),
        "mentor.photo",
        Some(audit::Target {
            kind: "mentor",
            id: mentor_id.to_string(),
        }),
        "Uploaded a profile photo",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(mentor)
}

pub async fn remove_photo(
    db: &Db,
    actor: &StaffUser,
    mentor: mentors::Model,
    now: DateTime<Utc>,
) -> AppResult<mentors::Model> {
    let tx = db.begin_write().await?;
    mentor_photos::Entity::delete_by_id(mentor.id)
        .exec(&tx)
        .await?;
    let mentor_id = mentor.id;
    let mut active = mentor.into_active_model();
    active.photo_version = Set(None);
    let mentor = active.update(&tx).await?;
    audit::record(
        &tx,
        Some(actor.id),
        "mentor.photo",
        Some(audit::Target {
            kind: "mentor",
            id: mentor_id.to_string(),
        }),
        "Removed their profile photo",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(mentor)
}

/// A listed mentor's photo: `(content type, bytes)`.
pub async fn photo(db: &Db, id: i64, now: DateTime<Utc>, zone: Tz) -> AppResult<(String, Vec<u8>)> {
    let today = now.with_timezone(&zone).date_naive();
    mentors::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .filter(|m| is_listed(m, today))
        .ok_or_else(no_such_mentor)?;
    let photo = mentor_photos::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .ok_or_else(|| AppError::not_found("This mentor has no photo."))?;
    Ok((photo.content_type, photo.bytes))
}

pub async fn list_topics(db: &Db) -> anyhow::Result<Vec<Topic>> {
    Ok(topics::Entity::find()
        .order_by_asc(topics::Column::Name)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|t| Topic {
            id: t.id,
            name: t.name,
        })
        .collect())
}

pub async fn add_topic(
    db: &Db,
    actor: &StaffUser,
    new: NewTopic,
    now: DateTime<Utc>,
) -> AppResult<Topic> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(AppError::invalid_field(
            "name",
            "Use a topic name of 1 to 60 characters.",
        ));
    }
    let tx = db.begin_write().await?;
    let existing = topics::Entity::find().all(&tx).await?;
    if existing.iter().any(|t| t.name.eq_ignore_ascii_case(name)) {
        return Err(AppError::conflict(
            "topic_exists",
            "That topic is already on the list.",
        ));
    }
    let topic = topics::ActiveModel {
        name: Set(name.to_owned()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        Some(actor.id),
        "topic.create",
        Some(audit::Target {
            kind: "topic",
            id: topic.id.to_string(),
        }),
        format!("Added the topic {name}"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Topic {
        id: topic.id,
        name: topic.name,
    })
}

/// Removes a topic from the list and from every profile that had it.
pub async fn remove_topic(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = db.begin_write().await?;
    let topic = topics::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such topic."))?;
    topics::Entity::delete_by_id(id).exec(&tx).await?;
    audit::record(
        &tx,
        Some(actor.id),
        "topic.delete",
        Some(audit::Target {
            kind: "topic",
            id: id.to_string(),
        }),
        format!("Removed the topic {}", topic.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

//! The public mentor directory young people choose from.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::MentorProfile;

use crate::{
    db::Db,
    entities::{mentor_languages, mentor_topics, mentors, topics},
};

/// Published mentors whose screening/training is current today (agency zone). Never an
/// email, phone number or surname: those are not in the profile at all.
pub async fn list_public(
    db: &Db,
    now: DateTime<Utc>,
    zone: Tz,
) -> anyhow::Result<Vec<MentorProfile>> {
    let today = now.with_timezone(&zone).date_naive();
    let listed = mentors::Entity::find()
        .filter(mentors::Column::Published.eq(true))
        .filter(mentors::Column::ScreeningValidUntil.gte(today))
        .order_by_asc(mentors::Column::DisplayName)
        .order_by_asc(mentors::Column::Id)
        .all(db.conn())
        .await?;
    let ids: Vec<i64> = listed.iter().map(|m| m.id).collect();

    let mut topics_by_mentor: HashMap<i64, Vec<String>> = HashMap::new();
    for (link, topic) in mentor_topics::Entity::find()
        .filter(mentor_topics::Column::MentorId.is_in(ids.clone()))
        .find_also_related(topics::Entity)
        .order_by_asc(topics::Column::Name)
        .all(db.conn())
        .await?
    {
        if let Some(topic) = topic {
            topics_by_mentor
                .entry(link.mentor_id)
                .or_default()
                .push(topic.name);
        }
    }

    let mut languages_by_mentor: HashMap<i64, Vec<String>> = HashMap::new();
    for language in mentor_languages::Entity::find()
        .filter(mentor_languages::Column::MentorId.is_in(ids))
        .order_by_asc(mentor_languages::Column::Language)
        .all(db.conn())
        .await?
    {
        languages_by_mentor
            .entry(language.mentor_id)
            .or_default()
            .push(language.language);
    }

    Ok(listed
        .into_iter()
        .map(|mentor| MentorProfile {
            topics: topics_by_mentor.remove(&mentor.id).unwrap_or_default(),
            languages: languages_by_mentor.remove(&mentor.id).unwrap_or_default(),
            photo_url: mentor
                .photo_path
                .as_ref()
                .map(|_| format!("/api/mentors/{}/photo", mentor.id)),
            id: mentor.id,
            display_name: mentor.display_name,
            pronouns: mentor.pronouns,
            title: mentor.title,
            bio: mentor.bio,
            accepting_bookings: mentor.accepting_bookings,
        })
        .collect())
}

//! Staff endpoints for peer mentoring: a mentor's own profile, photo, office hours,
//! limits, sessions and check-ins (mentors); their mentors' load, check-ins and support
//! flags (supervisors); and the agency's lived-experience topics (admins).

use shared::{
    CheckIn, LimitOverride, MentorLimits, MentorOfficeHours, MentorSession, NewLimitOverride,
    NewTopic, OwnMentorProfile, SupervisedCheckIn, SupervisedMentor, Topic, UpdateMentorProfile,
    UpdateSupervision,
};
use wasm_bindgen::JsValue;

use super::{get, post_empty, request, request_raw, ApiFailure, Method};

/// How the API writes the types that hold dates or a flattened part, read without what
/// the shared types' own `Deserialize` would add to the download: chrono's general date
/// parser (dates are read by hand, like everywhere in the console) and serde's buffering
/// for `#[serde(flatten)]`.
mod wire {
    use chrono::{DateTime, FixedOffset, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer};
    use shared::{rfc3339, MeetingPlace, SessionOutcome, UpdateMentorProfile};

    use crate::clock::parse_date;

    fn optional_date<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        text.map(|text| parse_date(&text).ok_or_else(|| D::Error::custom("not a date")))
            .transpose()
    }

    fn dates<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
        let texts = <Vec<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        texts
            .iter()
            .map(|text| parse_date(text).ok_or_else(|| D::Error::custom("not a date")))
            .collect()
    }

    #[derive(Deserialize)]
    pub struct OwnMentorProfile {
        id: i64,
        display_name: String,
        #[serde(default)]
        pronouns: Option<String>,
        title: String,
        #[serde(default)]
        bio: String,
        #[serde(default)]
        topics: Vec<String>,
        #[serde(default)]
        languages: Vec<String>,
        #[serde(default)]
        interests: Vec<String>,
        #[serde(default)]
        meets: Vec<MeetingPlace>,
        #[serde(default)]
        published: bool,
        #[serde(default)]
        photo_url: Option<String>,
        #[serde(default, deserialize_with = "optional_date")]
        screening_valid_until: Option<NaiveDate>,
        listed: bool,
        #[serde(default)]
        titles: Vec<String>,
        #[serde(default)]
        topic_choices: Vec<String>,
    }

    impl From<OwnMentorProfile> for shared::OwnMentorProfile {
        fn from(own: OwnMentorProfile) -> Self {
            Self {
                id: own.id,
                profile: UpdateMentorProfile {
                    display_name: own.display_name,
                    pronouns: own.pronouns,
                    title: own.title,
                    bio: own.bio,
                    topics: own.topics,
                    languages: own.languages,
                    interests: own.interests,
                    meets: own.meets,
                    published: own.published,
                },
                photo_url: own.photo_url,
                screening_valid_until: own.screening_valid_until,
                listed: own.listed,
                titles: own.titles,
                topic_choices: own.topic_choices,
            }
        }
    }

    #[derive(Deserialize)]
    pub struct MentorOfficeHours {
        rules: Vec<shared::OpeningRule>,
        #[serde(default)]
        space_id: Option<i64>,
        #[serde(default)]
        room: String,
        #[serde(default, deserialize_with = "dates")]
        days_off: Vec<NaiveDate>,
    }

    impl From<MentorOfficeHours> for shared::MentorOfficeHours {
        fn from(hours: MentorOfficeHours) -> Self {
            Self {
                rules: hours.rules,
                space_id: hours.space_id,
                room: hours.room,
                days_off: hours.days_off,
            }
        }
    }

    #[derive(Deserialize)]
    pub struct MentorLimits {
        #[serde(default)]
        max_sessions_per_day: Option<u32>,
        #[serde(default)]
        max_sessions_per_week: Option<u32>,
        #[serde(default)]
        buffer_minutes: u32,
        #[serde(default)]
        no_sessions_after: Option<String>,
        #[serde(default)]
        on_break: bool,
        #[serde(default, deserialize_with = "optional_date")]
        break_until: Option<NaiveDate>,
    }

    impl From<MentorLimits> for shared::MentorLimits {
        fn from(limits: MentorLimits) -> Self {
            Self {
                max_sessions_per_day: limits.max_sessions_per_day,
                max_sessions_per_week: limits.max_sessions_per_week,
                buffer_minutes: limits.buffer_minutes,
                no_sessions_after: limits.no_sessions_after,
                on_break: limits.on_break,
                break_until: limits.break_until,
            }
        }
    }

    #[derive(Deserialize)]
    pub struct SupervisedCheckIn {
        booking_id: i64,
        #[serde(deserialize_with = "rfc3339::deserialize")]
        session_start: DateTime<FixedOffset>,
        outcome: SessionOutcome,
        #[serde(default)]
        rating: Option<u8>,
        #[serde(default)]
        wants_support: bool,
        #[serde(default)]
        note: String,
        #[serde(default, deserialize_with = "rfc3339::deserialize_option")]
        followed_up_at: Option<DateTime<FixedOffset>>,
    }

    impl From<SupervisedCheckIn> for shared::SupervisedCheckIn {
        fn from(check_in: SupervisedCheckIn) -> Self {
            Self {
                booking_id: check_in.booking_id,
                session_start: check_in.session_start,
                check_in: shared::CheckIn {
                    outcome: check_in.outcome,
                    rating: check_in.rating,
                    wants_support: check_in.wants_support,
                    note: check_in.note,
                },
                followed_up_at: check_in.followed_up_at,
            }
        }
    }

    #[derive(Deserialize)]
    pub struct SupervisedMentor {
        mentor_id: i64,
        display_name: String,
        #[serde(default)]
        supervisor_id: Option<i64>,
        #[serde(default)]
        supervisor_name: Option<String>,
        #[serde(default, deserialize_with = "optional_date")]
        screening_valid_until: Option<NaiveDate>,
        published: bool,
        listed: bool,
        accepting_bookings: bool,
        limits: MentorLimits,
        sessions_today: u32,
        sessions_this_week: u32,
        #[serde(default)]
        check_ins: Vec<SupervisedCheckIn>,
        #[serde(default)]
        open_support_flags: Vec<SupervisedCheckIn>,
    }

    impl From<SupervisedMentor> for shared::SupervisedMentor {
        fn from(mentor: SupervisedMentor) -> Self {
            Self {
                mentor_id: mentor.mentor_id,
                display_name: mentor.display_name,
                supervisor_id: mentor.supervisor_id,
                supervisor_name: mentor.supervisor_name,
                screening_valid_until: mentor.screening_valid_until,
                published: mentor.published,
                listed: mentor.listed,
                accepting_bookings: mentor.accepting_bookings,
                limits: mentor.limits.into(),
                sessions_today: mentor.sessions_today,
                sessions_this_week: mentor.sessions_this_week,
                check_ins: mentor.check_ins.into_iter().map(Into::into).collect(),
                open_support_flags: mentor
                    .open_support_flags
                    .into_iter()
                    .map(Into::into)
                    .collect(),
            }
        }
    }
}

// A mentor's own things

pub async fn own_profile() -> Result<OwnMentorProfile, ApiFailure> {
    get::<wire::OwnMentorProfile>("/api/mentor/profile")
        .await
        .map(Into::into)
}

/// Replaces the whole editable profile; the answer says whether they are listed now.
pub async fn update_profile(profile: &UpdateMentorProfile) -> Result<OwnMentorProfile, ApiFailure> {
    request::<_, wire::OwnMentorProfile>(Method::Put, "/api/mentor/profile", Some(profile))
        .await
        .map(Into::into)
}

/// Uploads `photo` (a `File` from an `<input type="file">`) as it is, with its type.
pub async fn upload_photo(
    photo: &JsValue,
    content_type: &str,
) -> Result<OwnMentorProfile, ApiFailure> {
    request_raw::<wire::OwnMentorProfile>(Method::Put, "/api/mentor/photo", photo, content_type)
        .await
        .map(Into::into)
}

pub async fn remove_photo() -> Result<OwnMentorProfile, ApiFailure> {
    request::<(), wire::OwnMentorProfile>(Method::Delete, "/api/mentor/photo", None)
        .await
        .map(Into::into)
}

pub async fn office_hours() -> Result<MentorOfficeHours, ApiFailure> {
    get::<wire::MentorOfficeHours>("/api/mentor/office-hours")
        .await
        .map(Into::into)
}

/// Replaces the whole week, where, and the days off; the answer is what was saved.
pub async fn set_office_hours(hours: &MentorOfficeHours) -> Result<MentorOfficeHours, ApiFailure> {
    request::<_, wire::MentorOfficeHours>(Method::Put, "/api/mentor/office-hours", Some(hours))
        .await
        .map(Into::into)
}

pub async fn limits() -> Result<MentorLimits, ApiFailure> {
    get::<wire::MentorLimits>("/api/mentor/limits")
        .await
        .map(Into::into)
}

pub async fn set_limits(limits: &MentorLimits) -> Result<MentorLimits, ApiFailure> {
    request::<_, wire::MentorLimits>(Method::Put, "/api/mentor/limits", Some(limits))
        .await
        .map(Into::into)
}

/// The last 14 days' sessions and those to come.
pub async fn sessions() -> Result<Vec<MentorSession>, ApiFailure> {
    get("/api/mentor/sessions").await
}

/// Records (or changes) the mentor's private check-in after a session.
pub async fn check_in(booking_id: i64, check_in: &CheckIn) -> Result<MentorSession, ApiFailure> {
    request(
        Method::Put,
        &format!("/api/mentor/sessions/{booking_id}/check-in"),
        Some(check_in),
    )
    .await
}

// Supervision

/// The mentors this supervisor looks after, and those nobody does yet (admins: all).
pub async fn supervised_mentors() -> Result<Vec<SupervisedMentor>, ApiFailure> {
    let mentors: Vec<wire::SupervisedMentor> = get("/api/supervision/mentors").await?;
    Ok(mentors.into_iter().map(Into::into).collect())
}

/// Changes the fields `change` gives (screening date; supervisor, for admins).
pub async fn update_supervision(
    mentor_id: i64,
    change: &UpdateSupervision,
) -> Result<SupervisedMentor, ApiFailure> {
    request::<_, wire::SupervisedMentor>(
        Method::Patch,
        &format!("/api/supervision/mentors/{mentor_id}"),
        Some(change),
    )
    .await
    .map(Into::into)
}

/// Lets one session at `start` be booked though a limit would refuse it.
pub async fn approve_extra_session(
    mentor_id: i64,
    extra: &NewLimitOverride,
) -> Result<LimitOverride, ApiFailure> {
    request(
        Method::Post,
        &format!("/api/supervision/mentors/{mentor_id}/overrides"),
        Some(extra),
    )
    .await
}

/// Marks a mentor's "I'd like support" as followed up.
pub async fn mark_followed_up(booking_id: i64) -> Result<SupervisedCheckIn, ApiFailure> {
    post_empty::<wire::SupervisedCheckIn>(&format!(
        "/api/supervision/check-ins/{booking_id}/follow-up"
    ))
    .await
    .map(Into::into)
}

// Topics (the list itself is public: `super::topics::list_topics`)

pub async fn add_topic(topic: &NewTopic) -> Result<Topic, ApiFailure> {
    request(Method::Post, "/api/admin/topics", Some(topic)).await
}

pub async fn remove_topic(id: i64) -> Result<(), ApiFailure> {
    request::<(), ()>(Method::Delete, &format!("/api/admin/topics/{id}"), None).await
}

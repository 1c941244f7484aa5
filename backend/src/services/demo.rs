//! Demo data for a first look: a lounge with opening hours, two peer mentors, an upcoming
//! event, a wishlist and a staff login. Loaded only into an empty database, and only when asked for.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rand::{distributions::Alphanumeric, Rng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use shared::{Email, Role};

use crate::{
    db::Db,
    entities::{
        events, mentor_languages, mentor_topics, mentors, opening_rules, spaces, topics, wishes,
    },
    services::{
        passwords,
        staff::{self, NewStaffUser},
    },
};

pub const DEMO_STAFF_EMAIL: &str = "staff@demo.peerlounge.invalid";
const LOGIN_FILE: &str = "demo-staff-login.txt";

/// Where the demo staff login is written, so `cargo xtask run` can point at it.
pub fn login_file(data_dir: &Path) -> PathBuf {
    data_dir.join(LOGIN_FILE)
}

/// Seeds the demo when the database holds no spaces yet. Returns whether it did.
pub async fn seed_if_empty(
    db: &Db,
    data_dir: &Path,
    now: DateTime<Utc>,
    zone: Tz,
) -> anyhow::Result<bool> {
    if spaces::Entity::find().count(db.conn()).await? > 0 {
        return Ok(false);
    }
    // A random password, so a demo that ends up on a public server is not an open door.
    let password: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(20)
        .map(char::from)
        .collect();
    let password_hash = passwords::hash(password.clone()).await?;

    let tx = db.begin_write().await?;
    let staff_email = Email::parse(DEMO_STAFF_EMAIL)?;
    staff::insert(
        &tx,
        NewStaffUser {
            email: &staff_email,
            display_name: "Demo staff",
            password_hash: Some(password_hash),
            roles: &[Role::Admin, Role::Supervisor, Role::Facilities],
        },
        now,
    )
    .await?;

    let lounge = spaces::ActiveModel {
        name: Set("The Lounge".into()),
        capacity: Set(12),
        description: Set(
            "A calm, comfy room that's yours to hang out in: couches, games, snacks and Wi-Fi."
                .into(),
        ),
        accessibility_notes: Set(
            "Step-free entrance from the side door. Accessible restroom next door. A quiet corner with low light."
                .into(),
        ),
        house_rules: Set(
            "Be kind. What's shared here stays here. Ask a mentor if you need anything.".into(),
        ),
        min_notice_minutes: Set(60),
        horizon_days: Set(28),
        max_upcoming_per_email: Set(3),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;

    // After-school hours on weekdays, a longer Saturday: hourly drop-in slots.
    let weekly = [
        (0, "15:00", "19:00"),
        (1, "15:00", "19:00"),
        (2, "15:00", "19:00"),
        (3, "15:00", "19:00"),
        (4, "15:00", "19:00"),
        (5, "12:00", "17:00"),
    ];
    for (weekday, opens, closes) in weekly {
        opening_rules::ActiveModel {
            space_id: Set(lounge.id),
            weekday: Set(weekday),
            opens: Set(opens.into()),
            closes: Set(closes.into()),
            slot_minutes: Set(60),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }

    let screening_valid_until = (now + Duration::days(365))
        .with_timezone(&zone)
        .date_naive();
    let demo_mentors = [
        DemoMentor {
            email: "jordan@demo.peerlounge.invalid",
            display_name: "Jordan",
            pronouns: Some("they/them"),
            title: "Peer mentor",
            bio: "I grew up in foster care and just finished my first year of college. Happy to talk about school, money, or anything on your mind.",
            topics: &["Foster care", "Starting college"],
            languages: &["English", "Spanish"],
        },
        DemoMentor {
            email: "amani@demo.peerlounge.invalid",
            display_name: "Amani",
            pronouns: Some("she/her"),
            title: "Youth ambassador",
            bio: "I've been through the youth justice system and came out the other side. I can help with finding work and getting your footing.",
            topics: &["Youth justice", "Finding work"],
            languages: &["English"],
        },
    ];
    for mentor in &demo_mentors {
        insert_mentor(&tx, mentor, screening_valid_until, now).await?;
    }

    // Next week's game night, 6–8 pm in the agency's zone.
    let next_week = (now + Duration::days(7)).with_timezone(&zone).date_naive();
    let evening = |hour| {
        zone.from_local_datetime(
            &next_week.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()),
        )
        .earliest()
        .map(|t| t.with_timezone(&Utc))
    };
    let (Some(starts_at), Some(ends_at)) = (evening(18), evening(20)) else {
        anyhow::bail!("no 6 pm on {} in {zone}", next_week.weekday());
    };
    events::ActiveModel {
        title: Set("Game night".into()),
        summary: Set("Board games, pizza and good company. New faces welcome!".into()),
        description: Set(
            "Come as you are. Jordan and Amani host; bring a friend or come on your own.".into(),
        ),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        space_id: Set(Some(lounge.id)),
        location_text: Set(None),
        capacity: Set(Some(10)),
        has_waitlist: Set(true),
        created_by: Set(None),
        created_at: Set(now),
        status: Set(shared::EventStatus::Published.as_str().to_owned()),
        audience: Set("Ages 14–21".into()),
        contact_staff_id: Set(None),
        release_hours_before: Set(72),
        release_publicly: Set(true),
        registered: Set(0),
        walk_ins: Set(0),
        sequence: Set(0),
        lead_mentor_id: Set(None),
        lounge_use: Set(shared::LoungeUse::SharedSeats.as_str().to_owned()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    // Its seats come out of the lounge's drop-in time, as for any published event.
    crate::services::event_lounge::recount(&tx, zone, &lounge, starts_at, ends_at)
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;

    // What the lounge still needs, for the public wishlist.
    for (name, quantity, priority, note) in [
        (
            "Bean bags",
            6,
            "high",
            "Any colour; washable covers if possible.",
        ),
        ("Board games", 4, "medium", "For ages 14 and up."),
        ("Phone chargers", 10, "low", "USB-C and Lightning."),
    ] {
        wishes::ActiveModel {
            name: Set(name.into()),
            category_id: Set(None),
            quantity: Set(quantity),
            pledged: Set(0),
            priority: Set(priority.into()),
            note: Set(note.into()),
            archived: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    tx.commit().await?;

    write_login_file(data_dir, &password)?;
    Ok(true)
}

struct DemoMentor {
    email: &'static str,
    display_name: &'static str,
    pronouns: Option<&'static str>,
    title: &'static str,
    bio: &'static str,
    topics: &'static [&'static str],
    languages: &'static [&'static str],
}

async fn insert_mentor(
    tx: &impl ConnectionTrait,
    mentor: &DemoMentor,
    screening_valid_until: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let user = staff::insert(
        tx,
        NewStaffUser {
            email: &Email::parse(mentor.email)?,
            display_name: mentor.display_name,
            password_hash: None,
            roles: &[Role::Mentor],
        },
        now,
    )
    .await?;
    let profile = mentors::ActiveModel {
        user_id: Set(user.id),
        display_name: Set(mentor.display_name.into()),
        pronouns: Set(mentor.pronouns.map(Into::into)),
        title: Set(mentor.title.into()),
        bio: Set(mentor.bio.into()),
        published: Set(true),
        screening_valid_until: Set(Some(screening_valid_until)),
        meets: Set("lounge,walk".into()),
        office_room: Set("Quiet room".into()),
        max_per_week: Set(Some(6)),
        buffer_minutes: Set(15),
        ..sea_orm::IntoActiveModel::into_active_model(
            crate::services::mentors::ensure_profile(tx, &user, now).await?,
        )
    }
    .update(tx)
    .await?;
    // Office hours after school, Monday to Friday, in 45-minute sessions.
    for weekday in 0..5 {
        crate::entities::mentor_windows::ActiveModel {
            mentor_id: Set(profile.id),
            weekday: Set(weekday),
            opens: Set("15:00".into()),
            closes: Set("18:00".into()),
            slot_minutes: Set(45),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    for name in mentor.topics {
        let topic = match topics::Entity::find()
            .filter(topics::Column::Name.eq(*name))
            .one(tx)
            .await?
        {
            Some(topic) => topic,
            None => {
                topics::ActiveModel {
                    name: Set((*name).into()),
                    ..Default::default()
                }
                .insert(tx)
                .await?
            }
        };
        mentor_topics::ActiveModel {
            mentor_id: Set(profile.id),
            topic_id: Set(topic.id),
        }
        .insert(tx)
        .await?;
    }
    for language in mentor.languages {
        mentor_languages::ActiveModel {
            mentor_id: Set(profile.id),
            language: Set((*language).into()),
        }
        .insert(tx)
        .await?;
    }
    Ok(())
}

fn write_login_file(data_dir: &Path, password: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let path = login_file(data_dir);
    std::fs::write(
        &path,
        format!(
            "Peer Lounge demo staff login (admin, supervisor, facilities)\nemail: {DEMO_STAFF_EMAIL}\npassword: {password}\n"
        ),
    )?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

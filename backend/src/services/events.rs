//! Joint events: the public list and page, and what organisers do with them (write,
//! publish, edit, cancel, complete) and at the door (check-in, walk-ins). Seats and the
//! waitlist live with the other bookings (`bookings::registrations`).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    FromQueryResult, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::{
    AgendaItem, BookingStatus, DisplayName, EventAttendee, EventContact, EventDetail, EventFile,
    EventInput, EventRoster, EventStatus, EventSummary, FieldErrors, LoungeUse, Material, Role,
    StaffEvent, StaffUser,
};

use crate::{
    config::Config,
    db::Db,
    entities::{
        bookings, event_agenda_items, event_co_facilitators, event_files, event_materials, events,
        mentors, spaces, staff_users,
    },
    error::{AppError, AppResult},
    services::{
        self, audit,
        bookings::registrations,
        form_checks::{add, text},
        slots,
    },
};

const MAX_AGENDA_ITEMS: usize = 30;
const MAX_MATERIALS: usize = 20;
const MAX_CO_FACILITATORS: usize = 10;
const MAX_CAPACITY: u32 = 10_000;
/// A month: enough for any "get ready" period.
const MAX_RELEASE_HOURS: u32 = 24 * 30;
/// A residential weekend fits; a typo of a year doesn't.
const MAX_LENGTH: Duration = Duration::days(7);

/// A public (published, cancelled or completed) event; drafts are not found.
pub async fn find_public(conn: &impl ConnectionTrait, id: i64) -> AppResult<events::Model> {
    events::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|event| event.status != EventStatus::Draft.as_str())
        .ok_or_else(|| AppError::not_found("There is no such event."))
}

/// Where it is: the lounge space's name, or the place elsewhere.
pub async fn location_of(
    conn: &impl ConnectionTrait,
    event: &events::Model,
) -> anyhow::Result<String> {
    if let Some(space_id) = event.space_id {
        if let Some(space) = spaces::Entity::find_by_id(space_id).one(conn).await? {
            return Ok(space.name);
        }
    }
    Ok(event.location_text.clone().unwrap_or_default())
}

/// What emails about an event say besides its time.
pub struct MailDetails {
    pub location: String,
    pub contact: String,
    pub agenda: Vec<AgendaItem>,
    pub materials: Vec<Material>,
}

pub async fn details_for_mail(
    conn: &impl ConnectionTrait,
    event: &events::Model,
    base_url: &str,
) -> anyhow::Result<MailDetails> {
    let contacts = contact_names(conn, event.contact_staff_id.into_iter().collect()).await?;
    Ok(MailDetails {
        location: location_of(conn, event).await?,
        contact: event
            .contact_staff_id
            .and_then(|id| contacts.get(&id).cloned())
            .unwrap_or_default(),
        agenda: agenda_of(conn, event.id).await?,
        materials: materials_of(conn, event.id, base_url).await?,
    })
}

/// The name young people see for a staff contact: a mentor's chosen display name (no
/// surname), else the staff account's display name.
pub(crate) async fn contact_names(
    conn: &impl ConnectionTrait,
    staff_ids: Vec<i64>,
) -> anyhow::Result<HashMap<i64, String>> {
    if staff_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut names: HashMap<i64, String> = staff_users::Entity::find()
        .filter(staff_users::Column::Id.is_in(staff_ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|user| (user.id, user.display_name))
        .collect();
    for mentor in mentors::Entity::find()
        .filter(mentors::Column::UserId.is_in(staff_ids))
        .all(conn)
        .await?
    {
        names.insert(mentor.user_id, mentor.display_name);
    }
    Ok(names)
}

async fn agenda_of(conn: &impl ConnectionTrait, event_id: i64) -> anyhow::Result<Vec<AgendaItem>> {
    Ok(event_agenda_items::Entity::find()
        .filter(event_agenda_items::Column::EventId.eq(event_id))
        .order_by_asc(event_agenda_items::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|item| AgendaItem {
            time: item.starts_at,
            title: item.title,
            led_by: item.led_by,
        })
        .collect())
}

/// The event's links and then its files, as released to registered people.
async fn materials_of(
    conn: &impl ConnectionTrait,
    event_id: i64,
    base_url: &str,
) -> anyhow::Result<Vec<Material>> {
    let mut materials = links_of(conn, event_id).await?;
    materials.extend(
        files_of(conn, event_id, base_url)
            .await?
            .into_iter()
            .map(|file| Material {
                title: file.title,
                url: file.url,
            }),
    );
    Ok(materials)
}

pub(crate) async fn files_of(
    conn: &impl ConnectionTrait,
    event_id: i64,
    base_url: &str,
) -> anyhow::Result<Vec<EventFile>> {
    Ok(event_files::Entity::find()
        .select_only()
        .columns([
            event_files::Column::Id,
            event_files::Column::Title,
            event_files::Column::ContentType,
            event_files::Column::ByteSize,
            event_files::Column::Token,
        ])
        .filter(event_files::Column::EventId.eq(event_id))
        .order_by_asc(event_files::Column::Id)
        .into_model::<FileListing>()
        .all(conn)
        .await?
        .into_iter()
        .map(|file| EventFile {
            id: file.id,
            title: file.title,
            content_type: file.content_type,
            byte_size: u32::try_from(file.byte_size).unwrap_or(0),
            url: format!("{base_url}/api/event-files/{}", file.token),
        })
        .collect())
}

/// A file without its bytes.
#[derive(FromQueryResult)]
struct FileListing {
    id: i64,
    title: String,
    content_type: String,
    byte_size: i32,
    token: String,
}

async fn links_of(conn: &impl ConnectionTrait, event_id: i64) -> anyhow::Result<Vec<Material>> {
    Ok(event_materials::Entity::find()
        .filter(event_materials::Column::EventId.eq(event_id))
        .order_by_asc(event_materials::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|material| Material {
            title: material.title,
            url: material.url,
        })
        .collect())
}

/// The public summaries of `events`, with their places, contacts and co-facilitators
/// loaded in a few queries for all of them.
async fn summaries(
    conn: &impl ConnectionTrait,
    events: Vec<events::Model>,
    zone: Tz,
) -> anyhow::Result<Vec<EventSummary>> {
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let space_ids: Vec<i64> = events.iter().filter_map(|e| e.space_id).collect();
    let spaces: HashMap<i64, String> = if space_ids.is_empty() {
        HashMap::new()
    } else {
        spaces::Entity::find()
            .filter(spaces::Column::Id.is_in(space_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|space| (space.id, space.name))
            .collect()
    };
    let contacts = contact_names(
        conn,
        events.iter().filter_map(|e| e.contact_staff_id).collect(),
    )
    .await?;
    let mut co_facilitators: HashMap<i64, Vec<String>> = HashMap::new();
    if !ids.is_empty() {
        for row in event_co_facilitators::Entity::find()
            .filter(event_co_facilitators::Column::EventId.is_in(ids))
            .order_by_asc(event_co_facilitators::Column::EventId)
            .order_by_asc(event_co_facilitators::Column::Position)
            .all(conn)
            .await?
        {
            co_facilitators
                .entry(row.event_id)
                .or_default()
                .push(row.display_name);
        }
    }
    Ok(events
        .into_iter()
        .map(|event| {
            let capacity = event.capacity.and_then(|c| u32::try_from(c).ok());
            let registered = u32::try_from(event.registered).unwrap_or(0);
            let spots_left = capacity.map(|c| c.saturating_sub(registered));
            EventSummary {
                id: event.id,
                title: event.title,
                summary: event.summary,
                start: event.starts_at.with_timezone(&zone).fixed_offset(),
                end: event.ends_at.with_timezone(&zone).fixed_offset(),
                location: event
                    .space_id
                    .and_then(|id| spaces.get(&id).cloned())
                    .or(event.location_text)
                    .unwrap_or_default(),
                capacity,
                spots_left,
                waitlist_open: event.has_waitlist
                    && spots_left == Some(0)
                    && event.status == EventStatus::Published.as_str(),
                contact_name: event
                    .contact_staff_id
                    .and_then(|id| contacts.get(&id).cloned())
                    .unwrap_or_default(),
                co_facilitators: co_facilitators.remove(&event.id).unwrap_or_default(),
                audience: event.audience,
            }
        })
        .collect())
}

/// Published events that haven't ended, soonest first; with dates, those starting on
/// the agency dates `from..=to`.
pub async fn list_public(
    db: &Db,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    now: DateTime<Utc>,
    zone: Tz,
) -> AppResult<Vec<EventSummary>> {
    let mut query = events::Entity::find()
        .filter(events::Column::Status.eq(EventStatus::Published.as_str()))
        .filter(events::Column::EndsAt.gt(now));
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(AppError::invalid_field(
                "to",
                "Choose an end date on or after the start.",
            ));
        }
        if to - from > Duration::days(366) {
            return Err(AppError::invalid_field(
                "to",
                "Ask for at most a year at a time.",
            ));
        }
    }
    if let Some(from) = from {
        query = query.filter(events::Column::StartsAt.gte(slots::local_midnight(from, zone)));
    }
    if let Some(to) = to {
        let after = to + Duration::days(1);
        query = query.filter(events::Column::StartsAt.lt(slots::local_midnight(after, zone)));
    }
    let found = query
        .order_by_asc(events::Column::StartsAt)
        .order_by_asc(events::Column::Id)
        .all(db.conn())
        .await?;
    Ok(summaries(db.conn(), found, zone).await?)
}

/// One public event, with its agenda and materials once released (if shown publicly).
pub async fn detail_public(
    db: &Db,
    config: &Config,
    id: i64,
    now: DateTime<Utc>,
    zone: Tz,
) -> AppResult<EventDetail> {
    let event = find_public(db.conn(), id).await?;
    let release = released_at(&event);
    let show = event.release_publicly && now >= release;
    let (agenda, materials) = if show {
        (
            Some(agenda_of(db.conn(), id).await?),
            Some(materials_of(db.conn(), id, &config.public_url).await?),
        )
    } else {
        (None, None)
    };
    let description = event.description.clone();
    let summary = summaries(db.conn(), vec![event], zone).await?.remove(0);
    Ok(EventDetail {
        summary,
        description,
        materials_released_at: release.with_timezone(&zone).fixed_offset(),
        agenda,
        materials,
    })
}

fn released_at(event: &events::Model) -> DateTime<Utc> {
    event.starts_at - Duration::hours(i64::from(event.release_hours_before))
}

/// The checked parts of an organiser's input.
struct Checked {
    title: String,
    summary: String,
    description: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    space_id: Option<i64>,
    place: Option<String>,
    capacity: Option<i32>,
    waitlist: bool,
    audience: String,
    contact_staff_id: i64,
    co_facilitators: Vec<(Option<i64>, String)>,
    agenda: Vec<AgendaItem>,
    materials: Vec<Material>,
    release_hours_before: i32,
    release_publicly: bool,
    lounge_use: LoungeUse,
}

async fn check(
    conn: &impl ConnectionTrait,
    staff: &StaffUser,
    input: EventInput,
) -> AppResult<Checked> {
    let mut problems = FieldErrors::new();
    let title = text(&mut problems, "title", &input.title, 120, true);
    let summary = text(&mut problems, "summary", &input.summary, 280, false);
    let description = text(
        &mut problems,
        "description",
        &input.description,
        5000,
        false,
    );
    let audience = text(&mut problems, "audience", &input.audience, 120, false);
    let (start, end) = (
        input.start.with_timezone(&Utc),
        input.end.with_timezone(&Utc),
    );
    if end <= start {
        add(&mut problems, "end", "The event must end after it starts.");
    } else if end - start > MAX_LENGTH {
        add(&mut problems, "end", "An event can last at most 7 days.");
    }

    let place = input
        .place
        .as_deref()
        .map(|place| text(&mut problems, "place", place, 200, false))
        .filter(|place| !place.is_empty());
    match (input.space_id, &place) {
        (Some(_), Some(_)) => add(
            &mut problems,
            "place",
            "Choose a lounge space or a place elsewhere, not both.",
        ),
        (None, None) => add(
            &mut problems,
            "place",
            "Say where it is: a lounge space or a place elsewhere.",
        ),
        (Some(space_id), None) => {
            if spaces::Entity::find_by_id(space_id)
                .one(conn)
                .await?
                .is_none()
            {
                add(&mut problems, "space_id", "There is no such space.");
            }
        }
        (None, Some(_)) => {}
    }
    let capacity = match input.capacity {
        Some(0) => {
            add(
                &mut problems,
                "capacity",
                "Allow at least one seat, or leave it empty for no limit.",
            );
            None
        }
        Some(seats) if seats > MAX_CAPACITY => {
            add(
                &mut problems,
                "capacity",
                format!("At most {MAX_CAPACITY} seats."),
            );
            None
        }
        Some(seats) => i32::try_from(seats).ok(),
        None => None,
    };

    let contact_staff_id = input.contact_staff_id.unwrap_or(staff.id);
    let contact_ok = staff_users::Entity::find_by_id(contact_staff_id)
        .one(conn)
        .await?
        .is_some_and(|user| !user.disabled);
    if !contact_ok {
        add(
            &mut problems,
            "contact_staff_id",
            "Choose a current staff member.",
        );
    }

    let mut co_facilitators = Vec::new();
    if input.co_facilitator_mentor_ids.len() + input.young_co_facilitators.len()
        > MAX_CO_FACILITATORS
    {
        add(
            &mut problems,
            "co_facilitators",
            format!("At most {MAX_CO_FACILITATORS} co-facilitators."),
        );
    } else {
        let ids: Vec<i64> = input
            .co_facilitator_mentor_ids
            .iter()
            .copied()
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let found: HashMap<i64, String> = if ids.is_empty() {
            HashMap::new()
        } else {
            mentors::Entity::find()
                .filter(mentors::Column::Id.is_in(ids))
                .all(conn)
                .await?
                .into_iter()
                .map(|mentor| (mentor.id, mentor.display_name))
                .collect()
        };
        let mut seen = HashSet::new();
        for id in &input.co_facilitator_mentor_ids {
            match found.get(id) {
                Some(name) if seen.insert(*id) => co_facilitators.push((Some(*id), name.clone())),
                Some(_) => {}
                None => add(
                    &mut problems,
                    "co_facilitator_mentor_ids",
                    "There is no such mentor.",
                ),
            }
        }
        for name in &input.young_co_facilitators {
            match DisplayName::parse(name) {
                Ok(name) => co_facilitators.push((None, name.as_str().to_owned())),
                Err(problem) => add(&mut problems, "young_co_facilitators", problem.to_string()),
            }
        }
    }

    let mut agenda = Vec::new();
    if input.agenda.len() > MAX_AGENDA_ITEMS {
        add(
            &mut problems,
            "agenda",
            format!("At most {MAX_AGENDA_ITEMS} agenda items."),
        );
    }
    for item in input.agenda.iter().take(MAX_AGENDA_ITEMS) {
        let time = item.time.trim().to_owned();
        if !time.is_empty() && slots::parse_hhmm(&time).is_none() {
            add(
                &mut problems,
                "agenda",
                "Write agenda times as HH:MM, e.g. 18:30.",
            );
        }
        agenda.push(AgendaItem {
            time,
            title: text(&mut problems, "agenda", &item.title, 120, true),
            led_by: text(&mut problems, "agenda", &item.led_by, 60, false),
        });
    }
    let mut materials = Vec::new();
    if input.materials.len() > MAX_MATERIALS {
        add(
            &mut problems,
            "materials",
            format!("At most {MAX_MATERIALS} materials."),
        );
    }
    for material in input.materials.iter().take(MAX_MATERIALS) {
        let url = material.url.trim();
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !web || url.len() > 500 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            add(
                &mut problems,
                "materials",
                "Give each material a web address starting with https://.",
            );
        }
        materials.push(Material {
            title: text(&mut problems, "materials", &material.title, 120, true),
            url: url.to_owned(),
        });
    }
    if input.release_hours_before > MAX_RELEASE_HOURS {
        add(
            &mut problems,
            "release_hours_before",
            "Release the agenda at most 30 days ahead.",
        );
    }
    // A lone problem reported twice (e.g. two empty agenda titles) reads as one.
    for list in problems.values_mut() {
        list.dedup();
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    Ok(Checked {
        title,
        summary,
        description,
        start,
        end,
        space_id: input.space_id,
        place,
        capacity,
        waitlist: input.waitlist && capacity.is_some(),
        audience,
        contact_staff_id,
        co_facilitators,
        agenda,
        materials,
        release_hours_before: i32::try_from(input.release_hours_before).unwrap_or(72),
        release_publicly: input.release_publicly,
        lounge_use: input.lounge_use,
    })
}

/// The mentor profile of a staff member, if they have one: they lead what they create.
async fn mentor_of(
    conn: &impl ConnectionTrait,
    staff_id: i64,
) -> anyhow::Result<Option<mentors::Model>> {
    Ok(mentors::Entity::find()
        .filter(mentors::Column::UserId.eq(staff_id))
        .one(conn)
        .await?)
}

/// Refuses a time at which the leading mentor has office hours booked. Holds the
/// mentor's lock, as office-hours booking does, so neither can slip past the other.
async fn ensure_mentor_free(
    tx: &DatabaseTransaction,
    mentor_id: Option<i64>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> AppResult<()> {
    let Some(mentor_id) = mentor_id else {
        return Ok(());
    };
    crate::db::lock_for_transaction(tx, "mentor", &mentor_id.to_string()).await?;
    let clash = bookings::Entity::find()
        .filter(bookings::Column::MentorId.eq(mentor_id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .filter(bookings::Column::StartsAt.lt(end))
        .filter(bookings::Column::EndsAt.gt(start))
        .one(tx)
        .await?;
    match clash {
        Some(_) => Err(AppError::conflict(
            "mentor_busy",
            "The leading mentor has office hours booked in that time. Move or cancel those \
             sessions first, or choose another time.",
        )),
        None => Ok(()),
    }
}

async fn replace_parts(
    tx: &DatabaseTransaction,
    event_id: i64,
    checked: &Checked,
) -> anyhow::Result<()> {
    event_agenda_items::Entity::delete_many()
        .filter(event_agenda_items::Column::EventId.eq(event_id))
        .exec(tx)
        .await?;
    event_materials::Entity::delete_many()
        .filter(event_materials::Column::EventId.eq(event_id))
        .exec(tx)
        .await?;
    event_co_facilitators::Entity::delete_many()
        .filter(event_co_facilitators::Column::EventId.eq(event_id))
        .exec(tx)
        .await?;
    for (position, item) in checked.agenda.iter().enumerate() {
        event_agenda_items::ActiveModel {
            event_id: Set(event_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            starts_at: Set(item.time.clone()),
            title: Set(item.title.clone()),
            led_by: Set(item.led_by.clone()),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    for (position, material) in checked.materials.iter().enumerate() {
        event_materials::ActiveModel {
            event_id: Set(event_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            title: Set(material.title.clone()),
            url: Set(material.url.clone()),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    for (position, (mentor_id, name)) in checked.co_facilitators.iter().enumerate() {
        event_co_facilitators::ActiveModel {
            event_id: Set(event_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            mentor_id: Set(*mentor_id),
            display_name: Set(name.clone()),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    Ok(())
}

/// A new event, as a draft: nobody sees it until it is published. A mentor who creates
/// it leads it.
pub async fn create(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    input: EventInput,
    now: DateTime<Utc>,
) -> AppResult<StaffEvent> {
    let tx = db.begin_write().await?;
    let checked = check(&tx, staff, input).await?;
    if checked.start <= now {
        return Err(AppError::invalid_field(
            "start",
            "Choose a time in the future.",
        ));
    }
    let lead = mentor_of(&tx, staff.id).await?.map(|mentor| mentor.id);
    ensure_mentor_free(&tx, lead, checked.start, checked.end).await?;
    let event = events::ActiveModel {
        title: Set(checked.title.clone()),
        summary: Set(checked.summary.clone()),
        description: Set(checked.description.clone()),
        starts_at: Set(checked.start),
        ends_at: Set(checked.end),
        space_id: Set(checked.space_id),
        location_text: Set(checked.place.clone()),
        capacity: Set(checked.capacity),
        has_waitlist: Set(checked.waitlist),
        created_by: Set(Some(staff.id)),
        created_at: Set(now),
        lead_mentor_id: Set(lead),
        status: Set(EventStatus::Draft.as_str().to_owned()),
        audience: Set(checked.audience.clone()),
        contact_staff_id: Set(Some(checked.contact_staff_id)),
        release_hours_before: Set(checked.release_hours_before),
        release_publicly: Set(checked.release_publicly),
        registered: Set(0),
        walk_ins: Set(0),
        sequence: Set(0),
        lounge_use: Set(checked.lounge_use.as_str().to_owned()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    replace_parts(&tx, event.id, &checked).await?;
    audit_event(
        &tx,
        staff,
        "event.create",
        event.id,
        format!("Created the draft event {}", event.title),
        now,
    )
    .await?;
    tx.commit().await?;
    staff_view(db, config, staff, event.id).await
}

/// The event, if this staff member may change it: admins, who created it, who leads it,
/// or its contact person.
pub(crate) async fn organised(
    conn: &impl ConnectionTrait,
    staff: &StaffUser,
    id: i64,
) -> AppResult<events::Model> {
    let event = events::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such event."))?;
    if may_organise(conn, staff, &event).await? {
        Ok(event)
    } else {
        Err(AppError::forbidden(
            "Only its organisers or an admin can change this event.",
        ))
    }
}

async fn may_organise(
    conn: &impl ConnectionTrait,
    staff: &StaffUser,
    event: &events::Model,
) -> anyhow::Result<bool> {
    if staff.roles.contains(&Role::Admin)
        || event.created_by == Some(staff.id)
        || event.contact_staff_id == Some(staff.id)
    {
        return Ok(true);
    }
    let mine = mentor_of(conn, staff.id).await?;
    Ok(mine.is_some_and(|mentor| event.lead_mentor_id == Some(mentor.id)))
}

/// Saves an organiser's edit. On a published event, a new time moves every registration
/// (their calendar events update: same UID, higher SEQUENCE) and tells each person; more
/// seats go to the waitlist at once; fewer than are taken is refused.
pub async fn update(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    input: EventInput,
    now: DateTime<Utc>,
) -> AppResult<StaffEvent> {
    let tx = db.begin_write().await?;
    registrations::lock_event(&tx, id).await?;
    let event = organised(&tx, staff, id).await?;
    let status = EventStatus::parse(&event.status).unwrap_or(EventStatus::Draft);
    if matches!(status, EventStatus::Cancelled | EventStatus::Completed) {
        return Err(AppError::conflict(
            "event_closed",
            "A cancelled or completed event can't be changed.",
        ));
    }
    let checked = check(&tx, staff, input).await?;
    let moved = checked.start != event.starts_at || checked.end != event.ends_at;
    if moved && checked.start <= now {
        return Err(AppError::invalid_field(
            "start",
            "Choose a time in the future.",
        ));
    }
    if let Some(capacity) = checked.capacity {
        if capacity < event.registered {
            return Err(AppError::invalid_field(
                "capacity",
                format!(
                    "{} people have a seat already, so there must be at least {} seats.",
                    event.registered, event.registered
                ),
            ));
        }
    }
    if moved {
        ensure_mentor_free(&tx, event.lead_mentor_id, checked.start, checked.end).await?;
    }
    let content_changed = moved
        || checked.space_id != event.space_id
        || checked.place != event.location_text
        || checked.release_hours_before != event.release_hours_before
        || checked.agenda != agenda_of(&tx, id).await?
        || checked.materials != links_of(&tx, id).await?
        || checked.contact_staff_id != event.contact_staff_id.unwrap_or_default();

    let mut active = event.clone().into_active_model();
    active.title = Set(checked.title.clone());
    active.summary = Set(checked.summary.clone());
    active.description = Set(checked.description.clone());
    active.starts_at = Set(checked.start);
    active.ends_at = Set(checked.end);
    active.space_id = Set(checked.space_id);
    active.location_text = Set(checked.place.clone());
    active.capacity = Set(checked.capacity);
    active.has_waitlist = Set(checked.waitlist);
    active.audience = Set(checked.audience.clone());
    active.contact_staff_id = Set(Some(checked.contact_staff_id));
    active.release_hours_before = Set(checked.release_hours_before);
    active.release_publicly = Set(checked.release_publicly);
    active.lounge_use = Set(checked.lounge_use.as_str().to_owned());
    if moved {
        active.sequence = Set(event.sequence + 1);
    }
    let updated = active.update(&tx).await?;
    replace_parts(&tx, id, &checked).await?;

    if status == EventStatus::Published {
        let lounge_changed = moved
            || updated.space_id != event.space_id
            || updated.capacity != event.capacity
            || updated.lounge_use != event.lounge_use;
        if lounge_changed {
            services::event_lounge::release(&tx, config, &event).await?;
            services::event_lounge::claim(&tx, config, &updated, now).await?;
        }
        if moved {
            registrations::move_all(&tx, config, &updated, now).await?;
        } else if content_changed {
            registrations::refresh_seat_mail(&tx, config, &updated, now).await?;
        }
        registrations::promote_waiting(&tx, config, id, now).await?;
    }
    audit_event(
        &tx,
        staff,
        "event.update",
        id,
        if moved {
            format!(
                "Moved the event {} to {}",
                updated.title,
                services::staff_links::human_time(updated.starts_at, config.timezone)
            )
        } else {
            format!("Edited the event {}", updated.title)
        },
        now,
    )
    .await?;
    tx.commit().await?;
    staff_view(db, config, staff, id).await
}

/// Makes a draft public.
pub async fn publish(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<StaffEvent> {
    let tx = db.begin_write().await?;
    registrations::lock_event(&tx, id).await?;
    let event = organised(&tx, staff, id).await?;
    match EventStatus::parse(&event.status) {
        Some(EventStatus::Published) => {
            tx.commit().await?;
            return staff_view(db, config, staff, id).await;
        }
        Some(EventStatus::Draft) => {}
        _ => {
            return Err(AppError::conflict(
                "event_closed",
                "A cancelled or completed event can't be published.",
            ))
        }
    }
    if event.starts_at <= now {
        return Err(AppError::invalid_field(
            "start",
            "This event has already started: give it a new time first.",
        ));
    }
    ensure_mentor_free(&tx, event.lead_mentor_id, event.starts_at, event.ends_at).await?;
    let title = event.title.clone();
    let mut active = event.into_active_model();
    active.status = Set(EventStatus::Published.as_str().to_owned());
    let published = active.update(&tx).await?;
    services::event_lounge::claim(&tx, config, &published, now).await?;
    audit_event(
        &tx,
        staff,
        "event.publish",
        id,
        format!("Published the event {title}"),
        now,
    )
    .await?;
    tx.commit().await?;
    staff_view(db, config, staff, id).await
}

/// Cancels the event and every registration and waitlist place, telling each person
/// who gave an email.
pub async fn cancel(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<StaffEvent> {
    let tx = db.begin_write().await?;
    registrations::lock_event(&tx, id).await?;
    let event = organised(&tx, staff, id).await?;
    match EventStatus::parse(&event.status) {
        Some(EventStatus::Cancelled) => {
            tx.commit().await?;
            return staff_view(db, config, staff, id).await;
        }
        Some(EventStatus::Completed) => {
            return Err(AppError::conflict(
                "event_closed",
                "A completed event can't be cancelled.",
            ))
        }
        _ => {}
    }
    let title = event.title.clone();
    let mut active = event.clone().into_active_model();
    active.status = Set(EventStatus::Cancelled.as_str().to_owned());
    let cancelled = active.update(&tx).await?;
    if event.status == EventStatus::Published.as_str() {
        services::event_lounge::release(&tx, config, &event).await?;
    }
    let told = registrations::cancel_all(&tx, config, &cancelled, now).await?;
    audit_event(
        &tx,
        staff,
        "event.cancel",
        id,
        format!("Cancelled the event {title} ({told} registrations cancelled)"),
        now,
    )
    .await?;
    tx.commit().await?;
    staff_view(db, config, staff, id).await
}

/// Marks a published event that has started as completed: attendance is final.
pub async fn complete(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<StaffEvent> {
    let tx = db.begin_write().await?;
    let event = organised(&tx, staff, id).await?;
    if event.status == EventStatus::Completed.as_str() {
        tx.commit().await?;
        return staff_view(db, config, staff, id).await;
    }
    if event.status != EventStatus::Published.as_str() {
        return Err(AppError::conflict(
            "event_not_published",
            "Only a published event can be completed.",
        ));
    }
    if event.starts_at > now {
        return Err(AppError::conflict(
            "event_not_started",
            "The event hasn't started yet.",
        ));
    }
    let mut active = event.into_active_model();
    active.status = Set(EventStatus::Completed.as_str().to_owned());
    active.update(&tx).await?;
    tx.commit().await?;
    staff_view(db, config, staff, id).await
}

/// Events for the console: admins see all; others those they organise.
pub async fn list_for_staff(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
) -> AppResult<Vec<StaffEvent>> {
    let all = events::Entity::find()
        .order_by_desc(events::Column::StartsAt)
        .order_by_desc(events::Column::Id)
        .all(db.conn())
        .await?;
    let mut mine = Vec::new();
    for event in all {
        if may_organise(db.conn(), staff, &event).await? {
            mine.push(to_staff(db.conn(), config, event).await?);
        }
    }
    Ok(mine)
}

pub async fn staff_view(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
) -> AppResult<StaffEvent> {
    let event = organised(db.conn(), staff, id).await?;
    Ok(to_staff(db.conn(), config, event).await?)
}

async fn to_staff(
    conn: &impl ConnectionTrait,
    config: &Config,
    event: events::Model,
) -> anyhow::Result<StaffEvent> {
    let parts = event_co_facilitators::Entity::find()
        .filter(event_co_facilitators::Column::EventId.eq(event.id))
        .order_by_asc(event_co_facilitators::Column::Position)
        .all(conn)
        .await?;
    let details = details_for_mail(conn, &event, &config.public_url).await?;
    let files = files_of(conn, event.id, &config.public_url).await?;
    let lead_mentor = match event.lead_mentor_id {
        Some(id) => mentors::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|mentor| mentor.display_name),
        None => None,
    };
    let counts = bookings::Entity::find()
        .filter(bookings::Column::EventId.eq(event.id))
        .all(conn)
        .await?;
    let count = |status: BookingStatus| {
        u32::try_from(
            counts
                .iter()
                .filter(|b| b.status == status.as_str())
                .count(),
        )
        .unwrap_or(0)
    };
    let walk_ins = u32::try_from(event.walk_ins).unwrap_or(0);
    let zone = config.timezone;
    Ok(StaffEvent {
        id: event.id,
        status: EventStatus::parse(&event.status).unwrap_or(EventStatus::Draft),
        input: EventInput {
            title: event.title,
            summary: event.summary,
            description: event.description,
            start: event.starts_at.with_timezone(&zone).fixed_offset(),
            end: event.ends_at.with_timezone(&zone).fixed_offset(),
            space_id: event.space_id,
            place: event.location_text,
            capacity: event.capacity.and_then(|c| u32::try_from(c).ok()),
            waitlist: event.has_waitlist,
            audience: event.audience,
            contact_staff_id: event.contact_staff_id,
            co_facilitator_mentor_ids: parts.iter().filter_map(|p| p.mentor_id).collect(),
            young_co_facilitators: parts
                .iter()
                .filter(|p| p.mentor_id.is_none())
                .map(|p| p.display_name.clone())
                .collect(),
            agenda: details.agenda,
            materials: links_of(conn, event.id).await?,
            release_hours_before: u32::try_from(event.release_hours_before).unwrap_or(72),
            release_publicly: event.release_publicly,
            lounge_use: LoungeUse::parse(&event.lounge_use).unwrap_or_default(),
        },
        location: details.location,
        contact_name: details.contact,
        lead_mentor,
        files,
        registered: u32::try_from(event.registered).unwrap_or(0),
        waitlisted: count(BookingStatus::Waitlisted),
        walk_ins,
        attended: count(BookingStatus::Attended) + walk_ins,
    })
}

/// Who is coming, for the door: names only, never an email. Any staff member may see it
/// (whoever is on the door checks people in).
pub async fn roster(db: &Db, id: i64) -> AppResult<EventRoster> {
    roster_in(db.conn(), id).await
}

async fn roster_in(conn: &impl ConnectionTrait, id: i64) -> AppResult<EventRoster> {
    let event = events::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such event."))?;
    let rows = bookings::Entity::find()
        .filter(bookings::Column::EventId.eq(id))
        .filter(bookings::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .order_by_asc(bookings::Column::Id)
        .all(conn)
        .await?;
    let mut registered = Vec::new();
    let mut waitlist = Vec::new();
    for booking in rows {
        let status = BookingStatus::parse(&booking.status).unwrap_or(BookingStatus::Confirmed);
        let attendee = EventAttendee {
            booking_id: booking.id,
            name: booking.display_name,
            status,
            waitlist_position: None,
        };
        if status == BookingStatus::Waitlisted {
            waitlist.push(EventAttendee {
                waitlist_position: Some(u32::try_from(waitlist.len()).unwrap_or(0) + 1),
                ..attendee
            });
        } else {
            registered.push(attendee);
        }
    }
    let walk_ins = u32::try_from(event.walk_ins).unwrap_or(0);
    let checked_in = registered
        .iter()
        .filter(|a| a.status == BookingStatus::Attended)
        .count();
    Ok(EventRoster {
        registered,
        waitlist,
        walk_ins,
        attended: u32::try_from(checked_in).unwrap_or(0) + walk_ins,
    })
}

/// Checks a registered person in at the door (or undoes it).
pub async fn check_in(
    db: &Db,
    staff: &StaffUser,
    id: i64,
    booking_id: i64,
    arrived: bool,
    now: DateTime<Utc>,
) -> AppResult<EventRoster> {
    let tx = db.begin_write().await?;
    registrations::lock_event(&tx, id).await?;
    let booking = bookings::Entity::find_by_id(booking_id)
        .one(&tx)
        .await?
        .filter(|b| b.event_id == Some(id))
        .ok_or_else(|| AppError::not_found("There is no such registration."))?;
    let (from, to) = if arrived {
        (BookingStatus::Confirmed, BookingStatus::Attended)
    } else {
        (BookingStatus::Attended, BookingStatus::Confirmed)
    };
    let current = BookingStatus::parse(&booking.status);
    if current == Some(to) {
        tx.commit().await?;
        return roster(db, id).await;
    }
    if current != Some(from) {
        return Err(AppError::conflict(
            "not_registered",
            "Only someone with a seat can be checked in.",
        ));
    }
    let mut active = booking.into_active_model();
    active.status = Set(to.as_str().to_owned());
    active.updated_at = Set(now);
    active.update(&tx).await?;
    registrations::record_door(&tx, booking_id, from, to, staff, now).await?;
    tx.commit().await?;
    roster(db, id).await
}

/// Counts someone who came without registering.
pub async fn add_walk_in(db: &Db, id: i64) -> AppResult<EventRoster> {
    let tx = db.begin_write().await?;
    registrations::lock_event(&tx, id).await?;
    let event = events::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such event."))?;
    if event.status != EventStatus::Published.as_str()
        && event.status != EventStatus::Completed.as_str()
    {
        return Err(AppError::conflict(
            "event_not_published",
            "Walk-ins are counted at published events.",
        ));
    }
    let walk_ins = event.walk_ins + 1;
    let mut active = event.into_active_model();
    active.walk_ins = Set(walk_ins);
    active.update(&tx).await?;
    let answer = roster_in(&tx, id).await?;
    tx.commit().await?;
    Ok(answer)
}

/// Staff who can be named as an event's contact: active accounts, by display name.
pub async fn contacts(db: &Db) -> AppResult<Vec<EventContact>> {
    let users = staff_users::Entity::find()
        .filter(staff_users::Column::Disabled.eq(false))
        .order_by_asc(staff_users::Column::DisplayName)
        .all(db.conn())
        .await?;
    let names = contact_names(db.conn(), users.iter().map(|u| u.id).collect()).await?;
    Ok(users
        .into_iter()
        .map(|user| EventContact {
            staff_id: user.id,
            display_name: names.get(&user.id).cloned().unwrap_or(user.display_name),
        })
        .collect())
}

/// Records an organiser's action on an event in the audit log.
async fn audit_event(
    tx: &DatabaseTransaction,
    staff: &StaffUser,
    action: &str,
    event_id: i64,
    summary: String,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    audit::record(
        tx,
        Some(staff.id),
        action,
        Some(audit::Target {
            kind: "event",
            id: event_id.to_string(),
        }),
        summary,
        now,
    )
    .await
}

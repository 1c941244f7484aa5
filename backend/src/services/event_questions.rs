//! Questions young people send an event's contact "through the agency": the contact is
//! emailed the name and the question, never the asker's address; an answer goes back by
//! email from Peer Lounge.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use shared::{DisplayName, EventStatus, FieldErrors, Role, StaffUser};

use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{event_questions, staff_users},
    error::{AppError, AppResult},
    services::{
        self,
        events::{contact_names, find_public, organised},
        form_checks::{add, text},
    },
};

const MAX_QUESTION_CHARS: usize = 1000;

#[derive(serde::Serialize)]
struct QuestionEmail<'a> {
    agency: &'a str,
    contact: &'a str,
    name: &'a str,
    title: &'a str,
    when: String,
    message: &'a str,
    can_reply: bool,
    console_link: String,
}

#[derive(serde::Serialize)]
struct AnswerEmail<'a> {
    agency: &'a str,
    contact: &'a str,
    name: &'a str,
    title: &'a str,
    when: String,
    question: &'a str,
    message: &'a str,
}

/// A message's text, checked: 1 to 1000 characters.
fn message_text(problems: &mut FieldErrors, message: &str) -> String {
    text(problems, "message", message, MAX_QUESTION_CHARS, true)
}

/// Sends a young person's question to the event's contact through the agency: the
/// contact is emailed the name and the question, never the asker's address.
pub async fn ask(
    db: &Db,
    config: &Config,
    id: i64,
    question: shared::NewEventQuestion,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut problems = FieldErrors::new();
    let message = message_text(&mut problems, &question.message);
    let name = DisplayName::parse(&question.name)
        .map_err(|p| add(&mut problems, "name", p.to_string()))
        .ok();
    let email = match question
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        Some(raw) => shared::Email::parse(raw)
            .map_err(|p| add(&mut problems, "email", p.to_string()))
            .ok(),
        None => None,
    };
    let Some(name) = name.filter(|_| problems.is_empty()) else {
        return Err(AppError::Validation(problems));
    };
    let tx = db.begin_write().await?;
    let event = find_public(&tx, id).await?;
    if event.status != EventStatus::Published.as_str() || event.ends_at <= now {
        return Err(AppError::invalid_field(
            "event_id",
            "This event is over or cancelled, so questions can't be sent any more.",
        ));
    }
    let row = event_questions::ActiveModel {
        event_id: Set(id),
        display_name: Set(name.as_str().to_owned()),
        email: Set(email.map(|e| e.as_str().to_owned())),
        message: Set(message.clone()),
        asked_at: Set(now),
        answered_at: Set(None),
        answered_by: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    // The contact, or every admin when the event names none.
    let recipients: Vec<staff_users::Model> = match event.contact_staff_id {
        Some(staff_id) => {
            staff_users::Entity::find_by_id(staff_id)
                .filter(staff_users::Column::Disabled.eq(false))
                .all(&tx)
                .await?
        }
        None => services::staff::active_with_role(&tx, Role::Admin).await?,
    };
    let names = contact_names(&tx, recipients.iter().map(|u| u.id).collect()).await?;
    for recipient in recipients {
        let contact = names.get(&recipient.id).cloned().unwrap_or_default();
        let context = QuestionEmail {
            agency: &config.agency_name,
            contact: &contact,
            name: name.as_str(),
            title: &event.title,
            when: services::staff_links::human_time(event.starts_at, config.timezone),
            message: &message,
            can_reply: row.email.is_some(),
            console_link: format!("{}/staff/events/{id}", config.public_url),
        };
        outbox::enqueue(
            &tx,
            &config.mail_from,
            outbox::NewEmail::plain(
                format!("event-question:{}:to:{}", row.id, recipient.id),
                "event_question",
                &recipient.email,
                templates::render("event_question", &context)?,
                now,
            ),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The questions sent about an event, newest first, for its organisers.
pub async fn questions(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
) -> AppResult<Vec<shared::EventQuestion>> {
    organised(db.conn(), staff, id).await?;
    Ok(event_questions::Entity::find()
        .filter(event_questions::Column::EventId.eq(id))
        .order_by_desc(event_questions::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| to_question(row, config.timezone))
        .collect())
}

fn to_question(row: event_questions::Model, zone: Tz) -> shared::EventQuestion {
    shared::EventQuestion {
        id: row.id,
        name: row.display_name,
        message: row.message,
        asked_at: row.asked_at.with_timezone(&zone).fixed_offset(),
        can_reply: row.email.is_some(),
        answered: row.answered_at.is_some(),
    }
}

/// Emails an organiser's answer to the young person who asked; their address stays
/// private. Answering again sends the new answer.
pub async fn reply(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    question_id: i64,
    reply: shared::EventQuestionReply,
    now: DateTime<Utc>,
) -> AppResult<shared::EventQuestion> {
    let mut problems = FieldErrors::new();
    let message = message_text(&mut problems, &reply.message);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let tx = db.begin_write().await?;
    let event = organised(&tx, staff, id).await?;
    let question = event_questions::Entity::find_by_id(question_id)
        .one(&tx)
        .await?
        .filter(|q| q.event_id == id)
        .ok_or_else(|| AppError::not_found("There is no such question."))?;
    let Some(email) = question.email.clone() else {
        return Err(AppError::conflict(
            "no_address",
            "They didn't leave an email, so please answer at the event or in person.",
        ));
    };
    let names = contact_names(&tx, vec![staff.id]).await?;
    let contact = names
        .get(&staff.id)
        .cloned()
        .unwrap_or_else(|| staff.display_name.clone());
    let context = AnswerEmail {
        agency: &config.agency_name,
        contact: &contact,
        name: &question.display_name,
        title: &event.title,
        when: services::staff_links::human_time(event.starts_at, config.timezone),
        question: &question.message,
        message: &message,
    };
    let answers = question.answered_at.map_or(0, |_| 1);
    outbox::enqueue(
        &tx,
        &config.mail_from,
        outbox::NewEmail::plain(
            format!(
                "event-question:{question_id}:answer:{}:{answers}",
                now.timestamp_micros()
            ),
            "event_answer",
            &email,
            templates::render("event_answer", &context)?,
            now,
        ),
        now,
    )
    .await?;
    let mut active = question.into_active_model();
    active.answered_at = Set(Some(now));
    active.answered_by = Set(Some(staff.id));
    let answered = active.update(&tx).await?;
    tx.commit().await?;
    Ok(to_question(answered, config.timezone))
}

//! The durable outbox. `enqueue` runs inside the caller's transaction, so an email exists
//! exactly when the change that causes it commits. `run_due` is the worker's whole job, a
//! pure function of (db, mailer, now): claim due rows with a lease, send each outside any
//! transaction, mark it sent or schedule a retry. The server wraps it in a thin loop.
//!
//! Delivery is at-least-once with one documented window: a worker that dies after the
//! SMTP server accepted a message but before marking it sent will see it re-sent when its
//! lease runs out. The resend carries the same `Message-ID`, so mail systems and people
//! can recognise it as the same message.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    FromQueryResult, IdenStatic, Iterable, PaginatorTrait, QueryFilter, QueryOrder, Set, Statement,
};
use sha2::{Digest, Sha256};

use super::{build_message, Mailer, RenderedEmail};
use crate::{db::Db, entities::outbox};

/// A claimed row is someone's to send for this long; after it, anyone may claim it again.
pub const LEASE: Duration = Duration::minutes(2);
/// After this many failed attempts a message is `dead` until staff re-queue it.
pub const MAX_ATTEMPTS: i32 = 8;
/// How many rows one worker claims at a time.
const BATCH: i64 = 20;

pub struct NewEmail<'a> {
    /// One message per cause: a second enqueue with the same key is a no-op.
    pub dedupe_key: String,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub email: RenderedEmail,
    /// When it may be sent (now, or a reminder's time).
    pub send_at: DateTime<Utc>,
    /// The booking it is about, so that cancelling or moving it can remove its reminders.
    pub booking_id: Option<i64>,
    /// An iCalendar file to attach (confirmations and reschedules).
    pub calendar: Option<String>,
    /// Sent under a neutral sender name (see [`DISCREET_SENDER_NAME`]).
    pub discreet: bool,
}

impl<'a> NewEmail<'a> {
    /// A message to send now under the agency's name, about no booking and with no
    /// calendar file (staff notices, donor letters, partners' receipts).
    pub fn plain(
        dedupe_key: String,
        kind: &'a str,
        recipient: &'a str,
        email: RenderedEmail,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            dedupe_key,
            kind,
            recipient,
            email,
            send_at: now,
            booking_id: None,
            calendar: None,
            discreet: false,
        }
    }
}

/// The sender name on discreet messages, in place of the agency's.
pub const DISCREET_SENDER_NAME: &str = "Appointments";

/// The `Message-ID` is derived from the dedupe key, so every attempt carries the same one.
pub fn message_id(dedupe_key: &str, mail_from: &str) -> String {
    let digest = Sha256::digest(dedupe_key.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    let domain = mail_from
        .rsplit_once('@')
        .map(|(_, rest)| rest.trim_end_matches('>'))
        .filter(|d| !d.is_empty())
        .unwrap_or("peerlounge.invalid");
    format!("<{hex}@{domain}>")
}

/// Queues a message in the caller's transaction. Idempotent per dedupe key.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    mail_from: &str,
    new: NewEmail<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let exists = outbox::Entity::find()
        .filter(outbox::Column::DedupeKey.eq(&new.dedupe_key))
        .one(conn)
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    outbox::ActiveModel {
        message_id: Set(message_id(&new.dedupe_key, mail_from)),
        dedupe_key: Set(new.dedupe_key),
        kind: Set(new.kind.to_owned()),
        recipient: Set(new.recipient.to_owned()),
        subject: Set(new.email.subject),
        body_text: Set(new.email.text),
        body_html: Set(new.email.html),
        state: Set("queued".to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(new.send_at),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        booking_id: Set(new.booking_id),
        calendar_ics: Set(new.calendar),
        discreet: Set(new.discreet),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Removes a booking's messages of `kind` that are still waiting (its reminders, when it
/// is cancelled or moved), in the caller's transaction. One a worker has already
/// claimed is past recall and goes out.
pub async fn remove_waiting(
    conn: &impl ConnectionTrait,
    booking_id: i64,
    kind: &str,
) -> anyhow::Result<u64> {
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::BookingId.eq(booking_id))
        .filter(outbox::Column::Kind.eq(kind))
        .filter(outbox::Column::State.eq("queued"))
        .exec(conn)
        .await?
        .rows_affected)
}

/// Claims due rows: queued ones whose time has come, and `sending` ones whose worker's
/// lease ran out. One statement, so two workers never claim the same row.
pub async fn claim_due(
    db: &Db,
    now: DateTime<Utc>,
    limit: i64,
) -> anyhow::Result<Vec<outbox::Model>> {
    let lease_end = now + LEASE;
    // The columns by name, not `RETURNING *`: a statement cached on a long-lived
    // connection keeps the column list it was first prepared with, and `*` would grow
    // under it when a migration (say, from another instance) adds a column.
    let columns = outbox::Column::iter()
        .map(|column| column.as_str().to_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let statement = match db.backend() {
        DbBackend::Postgres => Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "UPDATE outbox SET state = 'sending', claimed_until = $1, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM outbox \
                     WHERE (state = 'queued' AND next_attempt_at <= $2) \
                        OR (state = 'sending' AND claimed_until <= $2) \
                     ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
                 RETURNING {columns}"
            ),
            [lease_end.into(), now.into(), limit.into()],
        ),
        backend => Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE outbox SET state = 'sending', claimed_until = ?, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM outbox \
                     WHERE (state = 'queued' AND next_attempt_at <= ?) \
                        OR (state = 'sending' AND claimed_until <= ?) \
                     ORDER BY next_attempt_at, id LIMIT ?) \
                 RETURNING {columns}"
            ),
            [lease_end.into(), now.into(), now.into(), limit.into()],
        ),
    };
    // SQLite's single statement takes the write lock, so it is atomic there too.
    Ok(outbox::Model::find_by_statement(statement)
        .all(db.conn())
        .await?)
}

/// What one `run_due` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

/// Sends everything due at `now`: the worker's whole job, safe to run from several
/// workers at once.
pub async fn run_due(
    db: &Db,
    mailer: &Mailer,
    mail_from: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<RunReport> {
    let mut report = RunReport::default();
    loop {
        let claimed = claim_due(db, now, BATCH).await?;
        if claimed.is_empty() {
            return Ok(report);
        }
        for row in claimed {
            match send_one(mailer, mail_from, &row).await {
                Ok(()) => {
                    mark_sent(db, &row, now).await?;
                    report.sent += 1;
                }
                Err(error) => {
                    let dead = mark_failed(db, mail_from, &row, &format!("{error:#}"), now).await?;
                    if dead {
                        report.dead += 1;
                    } else {
                        report.retried += 1;
                    }
                }
            }
        }
    }
}

/// Sends one claimed row. Public so tests can stop a worker between its steps.
pub async fn send_one(mailer: &Mailer, mail_from: &str, row: &outbox::Model) -> anyhow::Result<()> {
    let sender = if row.discreet {
        let address: lettre::message::Mailbox =
            mail_from.parse().context("PEERLOUNGE_MAIL_FROM")?;
        lettre::message::Mailbox::new(Some(DISCREET_SENDER_NAME.to_owned()), address.email)
            .to_string()
    } else {
        mail_from.to_owned()
    };
    let message = build_message(
        &sender,
        &row.recipient,
        &row.message_id,
        &RenderedEmail {
            subject: row.subject.clone(),
            text: row.body_text.clone(),
            html: row.body_html.clone(),
        },
        row.calendar_ics.as_deref(),
    )?;
    mailer.send(message).await
}

/// Only the worker holding the claim may mark the row: one whose lease ran out and was
/// re-claimed leaves it to the new holder.
pub async fn mark_sent(db: &Db, row: &outbox::Model, now: DateTime<Utc>) -> anyhow::Result<()> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::State, Expr::value("sent"))
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::State.eq("sending"))
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Schedules a retry with exponential backoff and jitter, or declares the message dead.
/// Returns whether it is dead.
async fn mark_failed(
    db: &Db,
    mail_from: &str,
    row: &outbox::Model,
    error: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let dead = row.attempts >= MAX_ATTEMPTS;
    let next_attempt_at = now + backoff(row.attempts);
    let error: String = error.chars().take(2000).collect();
    tracing::warn!(id = row.id, kind = %row.kind, attempts = row.attempts, dead, %error, "sending an email failed");
    let tx = db.begin_write().await?;
    let marked = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::State,
            Expr::value(if dead { "dead" } else { "queued" }),
        )
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(next_attempt_at))
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::LastError, Expr::value(error))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::State.eq("sending"))
        .exec(&tx)
        .await?;
    // An alert that cannot be delivered is not itself alerted about: no loops.
    if dead && marked.rows_affected == 1 && row.kind != DEAD_LETTER_ALERT {
        alert_admins(&tx, mail_from, row, now).await?;
    }
    tx.commit().await?;
    Ok(dead)
}

const DEAD_LETTER_ALERT: &str = "dead_letter_alert";

/// Tells every active admin that a message gave up, in the transaction that marks it
/// dead. The alert says what kind of message it was and where to look, never to whom
/// it was going or what it said: most recipients are young people.
async fn alert_admins(
    conn: &impl ConnectionTrait,
    mail_from: &str,
    row: &outbox::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    #[derive(serde::Serialize)]
    struct Alert<'a> {
        kind: &'a str,
        attempts: i32,
    }
    let email = super::templates::render(
        DEAD_LETTER_ALERT,
        &Alert {
            kind: &row.kind,
            attempts: row.attempts,
        },
    )?;
    for admin in crate::services::staff::active_admin_addresses(conn).await? {
        enqueue(
            conn,
            mail_from,
            NewEmail {
                // Once per death: a re-queued message that dies again alerts again.
                dedupe_key: format!("dead_letter:{}:{}:{admin}", row.id, now.timestamp()),
                kind: DEAD_LETTER_ALERT,
                recipient: &admin,
                email: email.clone(),
                send_at: now,
                booking_id: None,
                calendar: None,
                discreet: false,
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// 30 s, 1 min, 2 min, ... capped at 2 h, each stretched by up to a quarter at random so
/// many failures do not retry in lockstep.
pub fn backoff(attempts: i32) -> Duration {
    let base = 30_i64 << attempts.clamp(1, 16).saturating_sub(1);
    let base = base.min(2 * 60 * 60);
    let jitter = rand::thread_rng().gen_range(0..=base / 4);
    Duration::seconds(base + jitter)
}

/// Puts a dead (or failed) message back in the queue, to be tried at once.
pub async fn requeue(db: &Db, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let result = outbox::Entity::update_many()
        .col_expr(outbox::Column::State, Expr::value("queued"))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::State.is_in(["dead", "queued"]))
        .exec(db.conn())
        .await?;
    Ok(result.rows_affected == 1)
}

/// Messages waiting to go out, and how long the oldest due one has waited.
pub async fn backlog(db: &Db, now: DateTime<Utc>) -> anyhow::Result<(u64, Option<Duration>)> {
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::State.is_in(["queued", "sending"]))
        .filter(outbox::Column::NextAttemptAt.lte(now));
    let count = waiting.clone().count(db.conn()).await?;
    let oldest = waiting
        .order_by_asc(outbox::Column::NextAttemptAt)
        .one(db.conn())
        .await?
        .map(|row| now - row.next_attempt_at);
    Ok((count, oldest))
}

/// The outbox for admins, newest first. Recipients are left out: most are young people.
pub async fn list(
    db: &Db,
    state: Option<String>,
    page: u64,
    per_page: u64,
    zone: chrono_tz::Tz,
) -> anyhow::Result<shared::Page<shared::OutboxMessage>> {
    let mut query = outbox::Entity::find();
    if let Some(state) = state {
        query = query.filter(outbox::Column::State.eq(state));
    }
    let per_page = per_page.clamp(1, 200);
    let page = page.max(1);
    let paginator = query
        .order_by_desc(outbox::Column::CreatedAt)
        .order_by_desc(outbox::Column::Id)
        .paginate(db.conn(), per_page);
    let total = paginator.num_items().await?;
    let local = |at: DateTime<Utc>| at.with_timezone(&zone).fixed_offset();
    let items = paginator
        .fetch_page(page - 1)
        .await?
        .into_iter()
        .map(|row| shared::OutboxMessage {
            id: row.id,
            kind: row.kind,
            state: row.state,
            subject: row.subject,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: local(row.created_at),
            next_attempt_at: local(row.next_attempt_at),
            sent_at: row.sent_at.map(local),
        })
        .collect();
    Ok(shared::Page {
        items,
        page,
        per_page,
        total,
    })
}

/// The server's worker: `run_due` every few seconds until the server stops.
pub fn spawn_worker(db: Db, mailer: Mailer, mail_from: String) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(error) = run_due(&db, &mailer, &mail_from, Utc::now()).await {
                tracing::error!(error = ?error, "the email worker failed a round");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_stable_per_cause_and_distinct_between_causes() {
        let a = message_id("staff_token:1", "Peer Lounge <lounge@agency.example.org>");
        assert_eq!(
            a,
            message_id("staff_token:1", "Peer Lounge <lounge@agency.example.org>")
        );
        assert_ne!(
            a,
            message_id("staff_token:2", "Peer Lounge <lounge@agency.example.org>")
        );
        assert!(
            a.starts_with('<') && a.ends_with("@agency.example.org>"),
            "{a}"
        );
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempts in 1..=20 {
            let wait = backoff(attempts).num_seconds();
            let base = (30_i64 << (attempts.clamp(1, 16) - 1)).min(7200);
            assert!(
                (base..=base + base / 4).contains(&wait),
                "{attempts}: {wait}"
            );
        }
        assert!(backoff(1) < backoff(4));
    }
}

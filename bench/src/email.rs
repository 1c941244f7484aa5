//! The email figure: 10,000 due booking reminders queued in the outbox of a fresh database,
//! then sent by the outbox worker's job (`run_due`) to a real SMTP server in this process,
//! which keeps what it receives so the run can check that each went out exactly once.
//! On SQLite always; on PostgreSQL too when `TEST_DATABASE_URL` is set.

use std::{
    collections::{BTreeMap, HashSet},
    net::TcpListener,
    path::Path,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::{bail, Context, Result};
use backend::{
    config::SqliteSynchronous,
    db::Db,
    email::{
        outbox::{self, NewEmail, RunReport},
        templates, Mailer,
    },
    entities::outbox as outbox_rows,
    services::staff_links::human_time,
};
use chrono::{DateTime, Utc};
use mailin_embedded::{response, Handler, Response, SslConfig};
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ColumnTrait, ConnectionTrait, Database, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;

const MESSAGES: usize = 10_000;
/// Reminders are queued by the booking transactions that cause them; the bench queues
/// this many per write transaction so that setting up stays quick.
const PER_TRANSACTION: usize = 100;
const MAIL_FROM: &str = "Peer Lounge <no-reply@bench.example.org>";

/// Measures on SQLite, then on PostgreSQL if there is one, and fails if any message was
/// lost or sent twice.
pub async fn run() -> Result<()> {
    println!();
    println!("Email: {MESSAGES} due booking reminders in the outbox, one worker sending them over SMTP on loopback");
    let data = tempfile::tempdir()?;
    let sqlite_url = format!(
        "sqlite://{}?mode=rwc",
        data.path().join("email-bench.db").display()
    );
    let mut failures = Vec::new();
    let sqlite = deliver_reminders(&sqlite_url, data.path())
        .await
        .context("the email bench on SQLite")?;
    sqlite.print("SQLite");
    failures.extend(sqlite.problems("SQLite"));

    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
    {
        Some(maintenance_url) => {
            let database = ScratchPostgres::create(&maintenance_url).await?;
            let delivery = deliver_reminders(&database.url, data.path()).await;
            database.drop().await;
            let postgres = delivery.context("the email bench on PostgreSQL")?;
            postgres.print("PostgreSQL");
            failures.extend(postgres.problems("PostgreSQL"));
        }
        None => println!("email delivery on PostgreSQL: skipped (TEST_DATABASE_URL is not set)"),
    }

    if !failures.is_empty() {
        bail!(
            "email delivery was not exactly once:\n  {}",
            failures.join("\n  ")
        );
    }
    println!("Every reminder arrived exactly once (distinct Message-IDs, every outbox row sent).");
    Ok(())
}

/// What one run queued, sent and received.
struct Delivery {
    queueing: Duration,
    sending: Duration,
    report: RunReport,
    received: usize,
    distinct: usize,
    /// Received Message-IDs that no queued reminder has.
    unexpected: usize,
    /// Outbox rows per state.
    states: BTreeMap<String, usize>,
    last_error: Option<String>,
}

impl Delivery {
    fn print(&self, database: &str) {
        let states: Vec<String> = self
            .states
            .iter()
            .map(|(state, count)| format!("{count} {state}"))
            .collect();
        println!(
            "email delivery on {database}: {} messages in {:.2} s, {:.0} messages/s \
             (queued in {:.2} s; {} received, {} distinct Message-IDs; outbox rows: {})",
            self.report.sent,
            self.sending.as_secs_f64(),
            self.report.sent as f64 / self.sending.as_secs_f64(),
            self.queueing.as_secs_f64(),
            self.received,
            self.distinct,
            states.join(", "),
        );
    }

    fn problems(&self, database: &str) -> Vec<String> {
        let mut problems = Vec::new();
        if self.received != MESSAGES || self.distinct != MESSAGES || self.unexpected > 0 {
            problems.push(format!(
                "{database}: the SMTP server received {} messages, {} distinct Message-IDs, \
                 {} not queued; expected {MESSAGES}, each once",
                self.received, self.distinct, self.unexpected
            ));
        }
        let sent = self.states.get("sent").copied().unwrap_or(0);
        if sent != MESSAGES || self.states.values().sum::<usize>() != MESSAGES {
            problems.push(format!(
                "{database}: {sent} of {MESSAGES} outbox rows are sent ({} retried, {} dead{})",
                self.report.retried,
                self.report.dead,
                self.last_error
                    .as_deref()
                    .map(|e| format!("; last error: {e}"))
                    .unwrap_or_default(),
            ));
        }
        problems
    }
}

/// Queues the reminders in a freshly migrated database at `url`, then times `run_due`
/// until nothing is due.
async fn deliver_reminders(url: &str, data_dir: &Path) -> Result<Delivery> {
    let db = Db::connect(url, SqliteSynchronous::Normal).await?;
    Migrator::up(db.conn(), None).await?;
    let smtp = SmtpServer::start()?;
    let mailer = Mailer::new(Some(&smtp.url()), data_dir)?;
    let now = Utc::now();

    let started = Instant::now();
    let mut expected = HashSet::with_capacity(MESSAGES);
    for first in (0..MESSAGES).step_by(PER_TRANSACTION) {
        let tx = db.begin_write().await?;
        for n in first..(first + PER_TRANSACTION).min(MESSAGES) {
            let reminder = reminder(n, now)?;
            expected
                .insert(bare_id(&outbox::message_id(&reminder.dedupe_key, MAIL_FROM)).to_owned());
            outbox::enqueue(&tx, MAIL_FROM, reminder, now).await?;
        }
        tx.commit().await?;
    }
    let queueing = started.elapsed();

    let started = Instant::now();
    let mut report = RunReport::default();
    loop {
        let round = outbox::run_due(&db, &mailer, MAIL_FROM, now).await?;
        report.sent += round.sent;
        report.retried += round.retried;
        report.dead += round.dead;
        if round == RunReport::default() {
            break;
        }
    }
    let sending = started.elapsed();

    // The SMTP server keeps a message before it answers 250, so all are in by now.
    let message_ids: Vec<String> = smtp
        .received()
        .iter()
        .map(|raw| {
            mail_parser::MessageParser::default()
                .parse_headers(raw)
                .and_then(|message| message.message_id().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect();
    let distinct: HashSet<&String> = message_ids.iter().collect();
    let unexpected = message_ids
        .iter()
        .filter(|id| !expected.contains(*id))
        .count();
    let states = outbox_states(&db).await?;
    let last_error = outbox_rows::Entity::find()
        .filter(outbox_rows::Column::LastError.is_not_null())
        .one(db.conn())
        .await?
        .and_then(|row| row.last_error);
    db.close().await;
    Ok(Delivery {
        queueing,
        sending,
        report,
        received: message_ids.len(),
        distinct: distinct.len(),
        unexpected,
        states,
        last_error,
    })
}

/// Reminder `n`, due at `now`, rendered and keyed as the booking service does it.
fn reminder(n: usize, now: DateTime<Utc>) -> Result<NewEmail<'static>> {
    let booking_id = i64::try_from(n)? + 1;
    let start = now + chrono::Duration::hours(1);
    let email = templates::render(
        "booking_reminder",
        &json!({
            "agency": "Peer Lounge Bench",
            "name": format!("Guest {n}"),
            "place": "The Lounge",
            "when": human_time(start, chrono_tz::America::New_York),
            "manage_link": format!("http://127.0.0.1:8080/manage#token={:032x}", n * 7919),
            "house_rules": "Be kind, and leave the space as you found it.",
            "reason": "",
        }),
    )?;
    Ok(NewEmail {
        dedupe_key: format!("booking:{booking_id}:reminder:60m:0"),
        kind: "booking_reminder",
        recipient: "guest@bench.example.org",
        email,
        send_at: now,
        booking_id: Some(booking_id),
        calendar: None,
        discreet: false,
    })
}

/// A Message-ID without its angle brackets, as mail-parser gives it.
fn bare_id(id: &str) -> &str {
    id.trim_start_matches('<').trim_end_matches('>')
}

async fn outbox_states(db: &Db) -> Result<BTreeMap<String, usize>> {
    let rows: Vec<(String, i64)> = outbox_rows::Entity::find()
        .select_only()
        .column(outbox_rows::Column::State)
        .column_as(Expr::col(outbox_rows::Column::Id).count(), "count")
        .group_by(outbox_rows::Column::State)
        .into_tuple()
        .all(db.conn())
        .await?;
    rows.into_iter()
        .map(|(state, count)| Ok((state, usize::try_from(count)?)))
        .collect()
}

/// A database of the bench's own on the PostgreSQL server, dropped afterwards.
struct ScratchPostgres {
    maintenance_url: String,
    name: String,
    url: String,
}

impl ScratchPostgres {
    async fn create(maintenance_url: &str) -> Result<Self> {
        let name = format!(
            "peerlounge_bench_{}_{}",
            std::process::id(),
            Utc::now().timestamp_millis()
        );
        let admin = Database::connect(maintenance_url)
            .await
            .context("TEST_DATABASE_URL does not reach PostgreSQL")?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        let _ = admin.close().await;
        Ok(Self {
            url: replace_database_name(maintenance_url, &name),
            maintenance_url: maintenance_url.to_owned(),
            name,
        })
    }

    async fn drop(self) {
        let dropped = async {
            let admin = Database::connect(&self.maintenance_url).await?;
            admin
                .execute_unprepared(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .await?;
            admin.close().await?;
            anyhow::Ok(())
        };
        if let Err(error) = dropped.await {
            eprintln!(
                "warning: could not drop the bench database {}: {error:#}",
                self.name
            );
        }
    }
}

/// The same server and credentials, another database (as the tests crate does it).
fn replace_database_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let prefix = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{prefix}/{name}?{query}"),
        None => format!("{prefix}/{name}"),
    }
}

/// A real SMTP server (mailin-embedded) on a free loopback port that keeps every message
/// it accepts. Its threads live until the process ends.
struct SmtpServer {
    port: u16,
    inbox: Arc<Mutex<Vec<Vec<u8>>>>,
}

#[derive(Clone)]
struct Capture {
    data: Vec<u8>,
    inbox: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Handler for Capture {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = std::mem::take(&mut self.data);
        match self.inbox.lock() {
            Ok(mut inbox) => {
                inbox.push(message);
                response::OK
            }
            Err(_) => response::INTERNAL_ERROR,
        }
    }
}

impl SmtpServer {
    fn start() -> Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let inbox = Arc::new(Mutex::new(Vec::with_capacity(MESSAGES)));
        let mut server = mailin_embedded::Server::new(Capture {
            data: Vec::new(),
            inbox: Arc::clone(&inbox),
        });
        server
            .with_name("smtp.bench")
            .with_ssl(SslConfig::None)
            .map_err(|e| anyhow::anyhow!("plain SMTP: {e}"))?
            .with_num_threads(4)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(error) = server.serve() {
                eprintln!("the bench SMTP server stopped: {error}");
            }
        });
        Ok(Self { port, inbox })
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn received(&self) -> Vec<Vec<u8>> {
        self.inbox
            .lock()
            .map(|inbox| inbox.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::replace_database_name;

    #[test]
    fn replaces_only_the_database_name() {
        assert_eq!(
            replace_database_name("postgres://postgres@127.0.0.1:5432/postgres", "b1"),
            "postgres://postgres@127.0.0.1:5432/b1"
        );
        assert_eq!(
            replace_database_name("postgres://u:p@h/db?sslmode=disable", "b2"),
            "postgres://u:p@h/b2?sslmode=disable"
        );
    }
}

//! Test harness: `TestApp` runs the real server on a random port against a fresh database
//! (a SQLite file in a temp dir, or a new PostgreSQL database when `TEST_DATABASE_URL` is
//! set), with typed helpers for the API.

pub mod smtp;

use std::{collections::HashMap, path::PathBuf};

use backend::{config::Config, startup::Application};
use sea_orm::{ConnectionTrait, Database};
use serde::{de::DeserializeOwned, Serialize};
use tempfile::TempDir;
use tokio::{sync::oneshot, task::JoinHandle};

pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub client: reqwest::Client,
    pub data_dir: TempDir,
    pub config: Config,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
    database: TestDatabase,
}

/// Settings for one test app, as `PEERLOUNGE_*` variables.
#[derive(Default)]
pub struct TestAppOptions {
    pub values: HashMap<String, String>,
}

impl TestAppOptions {
    pub fn set(mut self, name: &str, value: impl Into<String>) -> Self {
        self.values.insert(name.to_owned(), value.into());
        self
    }

    pub fn with_demo_data(self) -> Self {
        self.set("PEERLOUNGE_DEMO", "1")
    }

    /// Sends email to this SMTP server; the background sender stays off, so tests decide
    /// when the outbox runs (`TestApp::run_due_emails`).
    pub fn with_smtp(self, server: &smtp::SmtpServer) -> Self {
        self.set("PEERLOUNGE_SMTP_URL", server.url())
            .set("PEERLOUNGE_EMAIL_WORKER", "0")
    }

    pub fn with_built_frontend(self) -> Self {
        let dist = workspace_root().join("frontend/dist");
        self.set("PEERLOUNGE_STATIC_DIR", dist.to_string_lossy())
    }
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace root")
        .to_owned()
}

/// The crypto provider rustls uses in this process (ring, as lettre does).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(TestAppOptions::default()).await
    }

    pub async fn spawn_with(options: TestAppOptions) -> Self {
        install_crypto_provider();
        let data_dir = tempfile::tempdir().expect("a temp dir");
        let database = TestDatabase::create(&data_dir).await;
        let mut values = HashMap::from([
            ("PEERLOUNGE_BIND".to_owned(), "127.0.0.1:0".to_owned()),
            ("PEERLOUNGE_DATABASE_URL".to_owned(), database.url.clone()),
            (
                "PEERLOUNGE_DATA_DIR".to_owned(),
                data_dir.path().to_string_lossy().into_owned(),
            ),
            (
                "PEERLOUNGE_STATIC_DIR".to_owned(),
                data_dir
                    .path()
                    .join("no-frontend")
                    .to_string_lossy()
                    .into_owned(),
            ),
            ("PEERLOUNGE_LOG".to_owned(), "error".to_owned()),
        ]);
        values.extend(options.values);
        let config = Config::from_values(&values).expect("a valid test configuration");
        backend::telemetry::init(&config.log_filter);
        let app = Application::build(config.clone())
            .await
            .expect("the application builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let (shutdown, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        let client = new_client();
        Self {
            address,
            client,
            data_dir,
            config,
            shutdown: Some(shutdown),
            server: Some(server),
            database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the request reaches the server")
    }

    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert!(
            response.status().is_success(),
            "GET {path} answered {}",
            response.status()
        );
        response
            .json()
            .await
            .expect("a JSON body of the expected shape")
    }

    pub async fn post_json(&self, path: &str, body: &impl Serialize) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("the request reaches the server")
    }

    /// A raw POST, for bodies and content types the API must refuse.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: &str) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body.to_owned())
            .send()
            .await
            .expect("the request reaches the server")
    }

    /// A separate browser-like client (own cookies), signed in as this staff member.
    pub async fn signed_in_client(&self, email: &str, password: &str) -> reqwest::Client {
        let client = new_client();
        let response = client
            .post(self.url("/api/auth/login"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .expect("the request reaches the server");
        assert_eq!(response.status(), 200, "signing in as {email}");
        client
    }

    /// Creates a staff account directly in the database, with a password.
    pub async fn create_staff(&self, email: &str, password: &str, roles: &[shared::Role]) -> i64 {
        let db = self.db().await;
        let hash = backend::services::passwords::hash(password.to_owned())
            .await
            .unwrap();
        let tx = db.begin_write().await.unwrap();
        let user = backend::services::staff::insert(
            &tx,
            backend::services::staff::NewStaffUser {
                email: &shared::Email::parse(email).unwrap(),
                display_name: email.split('@').next().unwrap_or(email),
                password_hash: Some(hash),
                roles,
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        db.close().await;
        user.id
    }

    /// Runs one statement on the app's database, for tests that need to move a stored time
    /// (the clock) or set up a state the API cannot reach. Write placeholders as `$1`, `$2`
    /// ...; on SQLite they become `?` (bind values in that order).
    pub async fn execute_sql(&self, sql: &str, values: Vec<sea_orm::Value>) {
        let db = self.db().await;
        let backend = db.backend();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => sql.to_owned(),
            _ => (1..=values.len())
                .rev()
                .fold(sql.to_owned(), |sql, n| sql.replace(&format!("${n}"), "?")),
        };
        sea_orm::ConnectionTrait::execute_raw(
            db.conn(),
            sea_orm::Statement::from_sql_and_values(backend, sql, values),
        )
        .await
        .expect("the statement runs");
        db.close().await;
    }

    /// A connection of the test's own to the app's database.
    pub async fn db(&self) -> backend::db::Db {
        backend::db::Db::connect(
            &self.database.url,
            backend::config::SqliteSynchronous::Normal,
        )
        .await
        .expect("the test database")
    }

    /// The mailer this app's configuration describes (SMTP, or `.eml` files).
    pub fn mailer(&self) -> backend::email::Mailer {
        backend::email::Mailer::new(self.config.smtp_url.as_deref(), &self.config.mail_dir())
            .expect("a mailer")
    }

    /// Runs the outbox worker's job once, as of `now`.
    pub async fn run_due_emails(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> backend::email::outbox::RunReport {
        let db = self.db().await;
        let report =
            backend::email::outbox::run_due(&db, &self.mailer(), &self.config.mail_from, now)
                .await
                .expect("the outbox runs");
        db.close().await;
        report
    }

    pub fn database_url(&self) -> &str {
        &self.database.url
    }

    pub fn is_postgres(&self) -> bool {
        self.database.postgres.is_some()
    }

    /// Stops the server and waits for it, as SIGTERM would; the database stays.
    pub async fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("the server task does not panic")
                .expect("the server stops cleanly");
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// Like a browser: keeps cookies, does not follow redirects.
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("an HTTP client")
}

/// A database only this test uses, removed afterwards.
struct TestDatabase {
    url: String,
    /// (maintenance URL, database name) when on PostgreSQL.
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    async fn create(data_dir: &TempDir) -> Self {
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|v| !v.is_empty())
        {
            None => Self {
                url: format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.path().join("test.db").display()
                ),
                postgres: None,
            },
            Some(maintenance_url) => {
                let name = format!("peerlounge_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&maintenance_url)
                    .await
                    .expect("TEST_DATABASE_URL reaches PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("a fresh test database");
                let _ = admin.close().await;
                Self {
                    url: replace_database_name(&maintenance_url, &name),
                    postgres: Some((maintenance_url, name)),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((maintenance_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime; use a runtime of our own on another thread.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = Database::connect(&maintenance_url).await?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await?;
                admin.close().await?;
                anyhow::Ok(())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: could not drop a test database");
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::replace_database_name;

    #[test]
    fn replaces_only_the_database_name() {
        assert_eq!(
            replace_database_name("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_database_name("postgres://u:p@h/db?sslmode=disable", "t2"),
            "postgres://u:p@h/t2?sslmode=disable"
        );
        assert_eq!(
            replace_database_name("postgres://h", "t3"),
            "postgres://h/t3"
        );
    }
}

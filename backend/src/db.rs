//! Database connection: SQLite (embedded, the default) or PostgreSQL, chosen by URL.
//!
//! SQLite is set up for concurrent use: WAL so readers never block the writer, a busy
//! timeout, foreign keys on, and every write transaction started with `BEGIN IMMEDIATE`
//! so it takes the write lock up front and waits its turn, instead of failing with
//! "database is locked" when it upgrades from reading to writing.

use std::{str::FromStr, time::Duration};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, SqlxPostgresConnector, SqlxSqliteConnector, Statement,
    TransactionOptions, TransactionTrait,
};
use sha2::{Digest, Sha256};
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions},
    ConnectOptions,
};

use crate::config::SqliteSynchronous;

/// How long a write waits for SQLite's lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
}

impl Db {
    pub async fn connect(url: &str, synchronous: SqliteSynchronous) -> anyhow::Result<Self> {
        let conn = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(match synchronous {
                    SqliteSynchronous::Normal => sqlx::sqlite::SqliteSynchronous::Normal,
                    SqliteSynchronous::Full => sqlx::sqlite::SqliteSynchronous::Full,
                })
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .foreign_keys(true)
                .disable_statement_logging();
            if let Some(parent) = options.get_filename().parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(SQLITE_BUSY_TIMEOUT * 2)
                .connect_with(options)
                .await?;
            SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)
        } else {
            let options = PgConnectOptions::from_str(url)?.disable_statement_logging();
            let pool = PgPoolOptions::new()
                .max_connections(20)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            SqlxPostgresConnector::from_sqlx_postgres_pool(pool)
        };
        Ok(Self { conn })
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Starts a transaction that will write. Use this, not `begin()`, for every write.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        let sqlite_transaction_mode =
            (self.backend() == DbBackend::Sqlite).then_some(SqliteTransactionMode::Immediate);
        self.conn
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode,
                ..Default::default()
            })
            .await
    }

    pub async fn ping(&self) -> bool {
        self.conn.ping().await.is_ok()
    }

    pub async fn close(self) {
        if let Err(error) = self.conn.close().await {
            tracing::warn!(%error, "closing the database pool failed");
        }
    }
}

/// Serialises write transactions that share `key` until the calling transaction ends,
/// for rules a row lock cannot guard because the rows do not exist yet (e.g. "at most
/// three upcoming bookings per address"). SQLite needs nothing: `begin_write` already
/// makes every writer wait its turn. PostgreSQL takes a transaction-scoped advisory lock.
pub async fn lock_for_transaction(
    tx: &DatabaseTransaction,
    scope: &str,
    key: &str,
) -> Result<(), DbErr> {
    if tx.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let digest = Sha256::new()
        .chain_update(scope.as_bytes())
        .chain_update([0])
        .chain_update(key.as_bytes())
        .finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    tx.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1)",
        [i64::from_be_bytes(first).into()],
    ))
    .await?;
    Ok(())
}

//! The inventory list on a large store: seeds items straight into the database (50,000
//! unless `BENCH_ITEMS` says otherwise), then times `GET /api/facilities/items` over HTTP
//! for a mix of queries, one request at a time, with the search indexes and again without
//! them (dropped), printing the median and p99 of each. On SQLite by default; with
//! `BENCH_DATABASE_URL` (a PostgreSQL URL the bench may create a database through) on a
//! fresh PostgreSQL database of its own, dropped afterwards.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use anyhow::{ensure, Context, Result};
use backend::entities::{item_categories, items};
use chrono::{Days, NaiveDate, Utc};
use reqwest::Client;
use sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, EntityTrait, QueryOrder, Set,
    TransactionTrait,
};
use shared::{Item, Page};

use crate::Server;

/// The indexes migration 15 adds for the list (the trigram one only on PostgreSQL).
const SEARCH_INDEXES: [&str; 4] = [
    "idx_items_name",
    "idx_items_received_on",
    "idx_items_category_status_name",
    "idx_items_search_trgm",
];

const ADJECTIVES: [&str; 12] = [
    "Blue", "Red", "Green", "Old", "Large", "Small", "Wooden", "Folding", "Soft", "Metal",
    "Striped", "Vintage",
];
const NOUNS: [&str; 24] = [
    "chair",
    "table",
    "lamp",
    "beanbag",
    "sofa",
    "shelf",
    "rug",
    "cushion",
    "markers",
    "crayons",
    "puzzle",
    "board game",
    "speaker",
    "monitor",
    "keyboard",
    "whiteboard",
    "paint set",
    "notebooks",
    "granola bars",
    "juice boxes",
    "tissues",
    "soap",
    "blanket",
    "plant",
];
const PLACES: [&str; 10] = [
    "Basement store",
    "Garage",
    "Loft",
    "Craft cupboard",
    "Kitchen cupboard",
    "Games cupboard",
    "Office",
    "Hall closet",
    "Shed",
    "Back room",
];
const NOTES: [&str; 6] = [
    "",
    "",
    "Donated by a local business that moved offices",
    "From the community drive",
    "Small scratch on one side",
    "Needs a new cover soon",
];
const STATUSES: [&str; 5] = ["in_use", "in_use", "in_storage", "in_storage", "lent_out"];
const CONDITIONS: [&str; 5] = ["new", "good", "good", "fair", "needs_repair"];

pub async fn run(server_binary: &Path) -> Result<()> {
    let count: usize = match std::env::var("BENCH_ITEMS") {
        Ok(value) => value.parse().context("BENCH_ITEMS is a number of items")?,
        Err(_) => 50_000,
    };
    let data = tempfile::tempdir()?;
    let database = BenchDatabase::create(data.path()).await?;
    let server = Server::start(
        &server_binary.to_path_buf(),
        &data.path().to_path_buf(),
        Some(&database.url),
    )?;
    let result = measure(&server, &database, count).await;
    drop(server);
    database.drop().await;
    result
}

async fn measure(server: &Server, database: &BenchDatabase, count: usize) -> Result<()> {
    let admin = server.signed_in_admin().await?;
    let db = Database::connect(&database.url).await?;
    println!(
        "Inventory: seeding {count} items into {}",
        if database.maintenance.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let started = Instant::now();
    let seating = seed(&db, count).await?;
    println!("  seeded in {:.1} s", started.elapsed().as_secs_f64());

    let deep_page = (count / 50).saturating_sub(10).max(1);
    let queries = [
        ("text search (q=lamp)".to_owned(), "q=lamp".to_owned()),
        (
            "text search, no match (q=zebra)".to_owned(),
            "q=zebra".to_owned(),
        ),
        (
            "category + status".to_owned(),
            format!("category_id={seating}&status=in_storage"),
        ),
        (
            "category + status, newest first".to_owned(),
            format!("category_id={seating}&status=in_use&sort=-received_on"),
        ),
        (
            "all, newest first".to_owned(),
            "sort=-received_on".to_owned(),
        ),
        (
            format!("deep page ({deep_page} of 50, by name)"),
            format!("page={deep_page}&per_page=50"),
        ),
    ];
    let rounds = if count >= 20_000 { 40 } else { 20 };
    let mut with = Vec::new();
    for (label, query) in &queries {
        with.push(
            time_query(server, &admin, query, rounds)
                .await
                .context(label.clone())?,
        );
    }
    for index in SEARCH_INDEXES {
        db.execute_unprepared(&format!("DROP INDEX IF EXISTS {index}"))
            .await?;
    }
    analyze(&db).await?;
    let mut without = Vec::new();
    for (label, query) in &queries {
        without.push(
            time_query(server, &admin, query, rounds)
                .await
                .context(label.clone())?,
        );
    }
    db.close().await?;
    let import = time_import(server, &admin, count.min(5_000)).await?;

    println!();
    println!(
        "Inventory list over HTTP, {count} items, {rounds} requests each, one at a time (median / p99):"
    );
    println!(
        "  {:<44} {:>22} {:>22}",
        "query", "with search indexes", "without"
    );
    for (((label, _), with), without) in queries.iter().zip(&with).zip(&without) {
        println!(
            "  {label:<44} {:>22} {:>22}",
            with.to_string(),
            without.to_string()
        );
    }
    println!("  (each answer also counts its matches for the page total: that COUNT scans too)");
    println!("{import}");
    Ok(())
}

/// One CSV import of `rows` rows, checked and then saved.
async fn time_import(server: &Server, admin: &Client, rows: usize) -> Result<String> {
    let mut csv = String::from("name,category,quantity,condition,status,received_on,location\n");
    for n in 0..rows {
        csv.push_str(&format!(
            "Imported chair {n},Seating,{},good,in storage,2026-01-15,{}\n",
            n % 7 + 1,
            PLACES[n % PLACES.len()]
        ));
    }
    let url = format!("{}/api/facilities/items/import", server.base);
    let mut took = Vec::new();
    for save in [false, true] {
        let started = Instant::now();
        let response = admin
            .post(&url)
            .json(&serde_json::json!({"csv": csv, "save": save}))
            .send()
            .await?;
        ensure!(
            response.status().is_success(),
            "importing answered {}",
            response.status()
        );
        took.push(started.elapsed());
    }
    Ok(format!(
        "CSV import of {rows} rows ({} KB): checked in {:.2} s, saved in {:.2} s",
        csv.len() / 1024,
        took[0].as_secs_f64(),
        took[1].as_secs_f64()
    ))
}

/// Inserts `count` items in batches, varied by a fixed pseudo-random sequence; returns the
/// Seating category's id.
async fn seed(db: &DatabaseConnection, count: usize) -> Result<i64> {
    let categories = item_categories::Entity::find()
        .order_by_asc(item_categories::Column::Id)
        .all(db)
        .await?;
    ensure!(!categories.is_empty(), "the migrations add categories");
    let seating = categories
        .iter()
        .find(|c| c.name == "Seating")
        .map_or(categories[0].id, |c| c.id);
    let today = Utc::now().date_naive();
    let now = Utc::now();
    let mut random = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move |below: usize| {
        // xorshift64: the same items on every run.
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        (random % below as u64) as usize
    };
    let tx = db.begin().await?;
    let mut batch = Vec::with_capacity(500);
    for n in 0..count {
        let noun = NOUNS[next(NOUNS.len())];
        let received_on: NaiveDate = today - Days::new(next(5 * 365) as u64);
        batch.push(items::ActiveModel {
            name: Set(format!("{} {noun} {n}", ADJECTIVES[next(ADJECTIVES.len())])),
            category_id: Set(categories[next(categories.len())].id),
            quantity: Set(next(40) as i64 + 1),
            unit: Set(String::new()),
            condition: Set(CONDITIONS[next(CONDITIONS.len())].to_owned()),
            status: Set(STATUSES[next(STATUSES.len())].to_owned()),
            space_id: Set(None),
            storage_place: Set(Some(PLACES[next(PLACES.len())].to_owned())),
            received_on: Set(received_on),
            estimated_value_cents: Set(Some(next(50_000) as i64)),
            notes: Set(NOTES[next(NOTES.len())].to_owned()),
            low_stock_threshold: Set(None),
            low_stock_alerted: Set(false),
            low_stock_alerts: Set(0),
            donation_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        if batch.len() == 500 || n + 1 == count {
            items::Entity::insert_many(std::mem::take(&mut batch))
                .exec(&tx)
                .await?;
        }
    }
    tx.commit().await?;
    analyze(db).await?;
    Ok(seating)
}

/// Fresh statistics, so the planner knows the table as it now is.
async fn analyze(db: &DatabaseConnection) -> Result<()> {
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

struct Timing {
    median: Duration,
    p99: Duration,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.1} / {:.1} ms",
            self.median.as_secs_f64() * 1000.0,
            self.p99.as_secs_f64() * 1000.0
        )
    }
}

async fn time_query(server: &Server, admin: &Client, query: &str, rounds: usize) -> Result<Timing> {
    let url = format!("{}/api/facilities/items?{query}", server.base);
    let mut latencies = Vec::with_capacity(rounds);
    for round in 0..rounds + 3 {
        let sent = Instant::now();
        let page: Page<Item> = admin
            .get(&url)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let latency = sent.elapsed();
        ensure!(page.page >= 1, "a page");
        // The first three warm the caches.
        if round >= 3 {
            latencies.push(latency);
        }
    }
    latencies.sort_unstable();
    let at = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    Ok(Timing {
        median: at(0.5),
        p99: at(0.99),
    })
}

/// The bench's own database: a SQLite file in the data dir, or a new PostgreSQL database.
struct BenchDatabase {
    url: String,
    /// (maintenance URL, database name) on PostgreSQL.
    maintenance: Option<(String, String)>,
}

impl BenchDatabase {
    async fn create(data_dir: &Path) -> Result<Self> {
        match std::env::var("BENCH_DATABASE_URL")
            .ok()
            .filter(|v| !v.is_empty())
        {
            None => Ok(Self {
                url: format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.join("peer-lounge.db").display()
                ),
                maintenance: None,
            }),
            Some(maintenance) => {
                let name = format!(
                    "peerlounge_bench_{}_{}",
                    std::process::id(),
                    Utc::now().timestamp()
                );
                let admin = Database::connect(&maintenance).await?;
                ensure!(
                    admin.get_database_backend() == DbBackend::Postgres,
                    "BENCH_DATABASE_URL is a PostgreSQL URL"
                );
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await?;
                admin.close().await?;
                let (base, query) = match maintenance.split_once('?') {
                    Some((base, query)) => (base, format!("?{query}")),
                    None => (maintenance.as_str(), String::new()),
                };
                let prefix = base.rsplit_once('/').map_or(base, |(prefix, _)| prefix);
                Ok(Self {
                    url: format!("{prefix}/{name}{query}"),
                    maintenance: Some((maintenance.clone(), name)),
                })
            }
        }
    }

    async fn drop(&self) {
        let Some((maintenance, name)) = &self.maintenance else {
            return;
        };
        let dropped = async {
            let admin = Database::connect(maintenance).await?;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await?;
            admin.close().await
        };
        if dropped.await.is_err() {
            eprintln!("warning: could not drop the bench database {name}");
        }
    }
}

//! `cargo xtask bench`: starts the release server on loopback with a fresh SQLite
//! database, fills a week with 300 bookings, and measures with a closed-loop load
//! generator (every connection sends its next request as soon as the last one answers):
//!
//! - a week's availability for that space at 16 and 64 connections;
//! - booking attempts on a hot week at 64 connections, then checks that no slot holds
//!   more bookings than its capacity (the one figure here that can fail the run).
//!
//! It prints requests/s and p50/p99 latency for each, beside the targets from the
//! Lounge issue. Then it stops the server and measures email delivery (`email.rs`):
//! 10,000 due reminders sent from the outbox to an SMTP server in this process, failing
//! the run if any is lost or sent twice. `--email-only` skips the HTTP figures.
//! Last, the inventory list on 50,000 items with and without its search indexes
//! (`inventory.rs`; `BENCH_ITEMS=5000` for a quick run, `BENCH_DATABASE_URL` for
//! PostgreSQL; `--server <path> --inventory-only` for that alone).
//! Timings are reported, never asserted: they depend on the machine.

mod email;
mod inventory;

use std::{
    collections::BTreeMap,
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::{bail, ensure, Context, Result};
use chrono::{Days, NaiveDate, Utc};
use reqwest::{Client, RequestBuilder, StatusCode};
use serde_json::{json, Value};
use shared::{AdminSpace, DaySheet, SlotAvailability};

const ADMIN_EMAIL: &str = "bench-admin@agency.example.org";
const ADMIN_PASSWORD: &str = "a long benchmark passphrase";
const WARM_UP: Duration = Duration::from_secs(1);
const MEASURE: Duration = Duration::from_secs(8);

const USAGE: &str = "usage: bench --server <path to the release peer-lounge binary> [--inventory-only] | bench --email-only";

#[tokio::main]
async fn main() -> Result<()> {
    // rustls in this process (lettre, sqlx) uses ring, as the server does.
    let _ = rustls::crypto::ring::default_provider().install_default();
    match Args::parse()? {
        Args::All { server_binary } => {
            let data = tempfile::tempdir()?;
            let server = Server::start(&server_binary, &data.path().to_path_buf(), None)?;
            let result = run(&server).await;
            drop(server);
            result?;
            email::run().await?;
            inventory::run(&server_binary).await
        }
        Args::InventoryOnly { server_binary } => inventory::run(&server_binary).await,
        Args::EmailOnly => email::run().await,
    }
}

enum Args {
    All { server_binary: PathBuf },
    InventoryOnly { server_binary: PathBuf },
    EmailOnly,
}

impl Args {
    fn parse() -> Result<Self> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["--server", path] => Ok(Self::All {
                server_binary: PathBuf::from(path),
            }),
            ["--server", path, "--inventory-only"] => Ok(Self::InventoryOnly {
                server_binary: PathBuf::from(path),
            }),
            ["--email-only"] => Ok(Self::EmailOnly),
            _ => bail!(USAGE),
        }
    }
}

async fn run(server: &Server) -> Result<()> {
    let admin = server.signed_in_admin().await?;
    let week_from = Utc::now().date_naive() + Days::new(1);
    let week_to = week_from + Days::new(6);

    println!("Setting up: a lounge open 08:00-22:00 daily, 300 bookings in the coming week");
    let quiet = server.create_lounge(&admin, "Quiet week", 8).await?;
    let slots = server.slots(quiet, week_from, week_to).await?;
    ensure!(!slots.is_empty(), "the lounge lists no slots");
    let client = Client::new();
    let bookings = (0..300).map(|n| {
        let request = server.book(&client, quiet, &slots[n % slots.len()], n);
        async move { request.send().await.map(|r| r.status()) }
    });
    for status in futures::future::join_all(bookings).await {
        ensure!(status? == StatusCode::CREATED, "a setup booking failed");
    }

    let availability = format!(
        "{}/api/spaces/{quiet}/slots?from={week_from}&to={week_to}",
        server.base
    );
    let encoding = client
        .get(&availability)
        .header("accept-encoding", "br, gzip")
        .send()
        .await?
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("not")
        .to_owned();
    println!("Browsers get the week's availability {encoding}-encoded");
    let mut report = Vec::new();
    for connections in [16, 64] {
        let url = availability.clone();
        let figures = hammer(connections, move |client, _| {
            // Ask as a browser does: compressed if the server will.
            let request = client.get(&url).header("accept-encoding", "br, gzip");
            (request, 0)
        })
        .await;
        report.push((
            format!("week availability, {connections} connections"),
            figures,
        ));
    }

    let hot = server.create_lounge(&admin, "Hot week", 20).await?;
    let hot_slots = Arc::new(server.slots(hot, week_from, week_to).await?);
    let booking_server = server.base.clone();
    let slots_for_load = Arc::clone(&hot_slots);
    let booking_figures = hammer(64, move |client, n| {
        let index = (n.wrapping_mul(2_654_435_761) as usize) % slots_for_load.len();
        let slot = &slots_for_load[index];
        let request = client.post(format!("{booking_server}/api/bookings")).json(
            &json!({"kind": "lounge", "space_id": hot, "start": slot.start,
                "name": format!("Bench {n}")}),
        );
        (request, index)
    })
    .await;
    let oversold = oversold_slots(server, &admin, hot, &hot_slots, &booking_figures).await?;
    report.push((
        "booking attempts on a hot week, 64 connections".to_owned(),
        booking_figures,
    ));

    println!();
    for (label, figures) in &report {
        figures.print(label);
    }
    println!();
    println!("Targets (2-core machine): week availability at 64 connections >= 5,000 requests/s with p99 <= 25 ms;");
    println!(
        "                          >= 1,000 booking attempts/s on SQLite with zero oversold seats."
    );
    if oversold > 0 {
        bail!("{oversold} slot(s) hold more bookings than their capacity");
    }
    println!("Oversold seats: 0 (every slot's bookings match its counter and fit its capacity).");
    Ok(())
}

/// Compares what the load generator was told (each 201 for a slot) with what the day
/// sheets list, and counts slots over capacity or out of step with their counter.
async fn oversold_slots(
    server: &Server,
    admin: &Client,
    space: i64,
    slots: &[SlotAvailability],
    figures: &Figures,
) -> Result<usize> {
    let mut created_per_slot: BTreeMap<usize, u32> = BTreeMap::new();
    for sample in &figures.samples {
        if sample.status == StatusCode::CREATED.as_u16() {
            *created_per_slot.entry(sample.tag).or_default() += 1;
        }
    }
    let mut listed = BTreeMap::new();
    let mut day = slots[0].start.date_naive();
    let last = slots[slots.len() - 1].start.date_naive();
    while day <= last {
        let sheet: DaySheet = admin
            .get(format!(
                "{}/api/admin/spaces/{space}/day?date={day}",
                server.base
            ))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        for slot in sheet.slots {
            listed.insert(
                slot.start,
                (slot.capacity, slot.booked, slot.bookings.len()),
            );
        }
        day = day + Days::new(1);
    }
    let mut bad = 0;
    for (index, slot) in slots.iter().enumerate() {
        let created = created_per_slot.get(&index).copied().unwrap_or(0);
        let (capacity, booked, rows) = listed.get(&slot.start).copied().unwrap_or_default();
        let rows = u32::try_from(rows)?;
        if created > capacity || booked > capacity || rows != booked || created != booked {
            eprintln!(
                "slot {}: capacity {capacity}, 201s {created}, counter {booked}, rows {rows}",
                slot.start
            );
            bad += 1;
        }
    }
    Ok(bad)
}

struct Sample {
    latency: Duration,
    status: u16,
    tag: usize,
    /// Sent after the warm-up.
    measured: bool,
}

struct Figures {
    samples: Vec<Sample>,
    errors: usize,
    elapsed: Duration,
}

impl Figures {
    fn measured(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter().filter(|s| s.measured)
    }

    fn print(&self, label: &str) {
        let mut latencies: Vec<Duration> = self.measured().map(|s| s.latency).collect();
        latencies.sort_unstable();
        let percentile = |p: f64| {
            latencies
                .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
                .copied()
                .unwrap_or_default()
        };
        let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
        for sample in self.measured() {
            *statuses.entry(sample.status).or_default() += 1;
        }
        let statuses: Vec<String> = statuses
            .iter()
            .map(|(status, count)| format!("{count} x {status}"))
            .collect();
        println!(
            "{label}: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms ({}{})",
            latencies.len() as f64 / self.elapsed.as_secs_f64(),
            percentile(0.50).as_secs_f64() * 1000.0,
            percentile(0.99).as_secs_f64() * 1000.0,
            statuses.join(", "),
            if self.errors > 0 {
                format!(", {} connection errors", self.errors)
            } else {
                String::new()
            },
        );
    }
}

/// Closed-loop load: `connections` workers each send a request, read the whole answer,
/// and send the next, for the warm-up and then the measured period. `request` builds
/// request number `n` and a tag saying what it was for.
async fn hammer<F>(connections: usize, request: F) -> Figures
where
    F: Fn(&Client, u64) -> (RequestBuilder, usize) + Send + Sync + 'static,
{
    let client = Client::builder()
        .pool_max_idle_per_host(connections)
        .build()
        .expect("a plain HTTP client builds");
    let request = Arc::new(request);
    let started = Instant::now();
    let measure_from = started + WARM_UP;
    let stop_at = measure_from + MEASURE;
    let workers = (0..connections).map(|worker| {
        let client = client.clone();
        let request = Arc::clone(&request);
        tokio::spawn(async move {
            let mut samples = Vec::new();
            let mut errors = 0;
            let mut n = worker as u64;
            loop {
                let sent = Instant::now();
                if sent >= stop_at {
                    break;
                }
                let (builder, tag) = request(&client, n);
                n += connections as u64;
                let outcome = match builder.send().await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        response.bytes().await.map(|_| status)
                    }
                    Err(error) => Err(error),
                };
                // Warm-up answers count for what they did, not for the timings.
                let measured = sent >= measure_from;
                match outcome {
                    Ok(status) => samples.push(Sample {
                        latency: sent.elapsed(),
                        status,
                        tag,
                        measured,
                    }),
                    Err(_) if measured => errors += 1,
                    Err(_) => {}
                }
            }
            (samples, errors)
        })
    });
    let mut figures = Figures {
        samples: Vec::new(),
        errors: 0,
        elapsed: Duration::ZERO,
    };
    for finished in futures::future::join_all(workers).await {
        let (samples, errors) = finished.expect("a load worker does not panic");
        figures.samples.extend(samples);
        figures.errors += errors;
    }
    figures.elapsed = started.elapsed().saturating_sub(WARM_UP);
    figures
}

/// The release server on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    /// On a fresh SQLite file in `data_dir`, unless given another database.
    fn start(binary: &PathBuf, data_dir: &PathBuf, database_url: Option<&str>) -> Result<Self> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let base = format!("http://127.0.0.1:{port}");
        let mut command = Command::new(binary);
        if let Some(url) = database_url {
            command.env("PEERLOUNGE_DATABASE_URL", url);
        }
        let child = command
            .arg("serve")
            .env("PEERLOUNGE_BIND", format!("127.0.0.1:{port}"))
            .env("PEERLOUNGE_PUBLIC_URL", &base)
            .env("PEERLOUNGE_DATA_DIR", data_dir)
            .env("PEERLOUNGE_STATIC_DIR", data_dir.join("no-frontend"))
            .env("PEERLOUNGE_ADMIN_EMAIL", ADMIN_EMAIL)
            .env("PEERLOUNGE_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("PEERLOUNGE_DEMO", "0")
            .env("PEERLOUNGE_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        Ok(Self { child, base })
    }

    async fn signed_in_admin(&self) -> Result<Client> {
        let client = Client::builder().cookie_store(true).build()?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match client.get(format!("{}/api/health", self.base)).send().await {
                Ok(response) if response.status().is_success() => break,
                _ if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                _ => bail!("the server did not answer /api/health within 30 s"),
            }
        }
        client
            .post(format!("{}/api/auth/login", self.base))
            .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
            .send()
            .await?
            .error_for_status()
            .context("signing in as the bench admin")?;
        Ok(client)
    }

    /// A space open 08:00-22:00 every day in hourly slots; returns its id.
    async fn create_lounge(&self, admin: &Client, name: &str, capacity: u32) -> Result<i64> {
        let space: AdminSpace = admin
            .post(format!("{}/api/admin/spaces", self.base))
            .json(&json!({"name": name, "capacity": capacity}))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let id = space.space.id;
        let rules: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .map(|day| json!({"weekday": day, "opens": "08:00", "closes": "22:00", "slot_minutes": 60}))
            .collect();
        admin
            .put(format!("{}/api/admin/spaces/{id}/opening-hours", self.base))
            .json(&json!({"rules": rules}))
            .send()
            .await?
            .error_for_status()
            .context("setting opening hours")?;
        Ok(id)
    }

    async fn slots(
        &self,
        space: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SlotAvailability>> {
        Ok(Client::new()
            .get(format!(
                "{}/api/spaces/{space}/slots?from={from}&to={to}",
                self.base
            ))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    fn book(
        &self,
        client: &Client,
        space: i64,
        slot: &SlotAvailability,
        n: usize,
    ) -> RequestBuilder {
        client.post(format!("{}/api/bookings", self.base)).json(
            &json!({"kind": "lounge", "space_id": space, "start": slot.start,
                "name": format!("Setup {n}")}),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

//! `cargo xtask run`, `cargo xtask test` and `cargo xtask bench`: the commands in the
//! README.
//!
//! `run` and `test` first make sure the tools exist at the versions the project pins (the wasm
//! target, trunk, wasm-bindgen-cli, wasm-opt), installing only what is missing or at
//! another version, because Trunk's own download of them cannot work on our machines.

use std::{
    env,
    ffi::OsString,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

use anyhow::{bail, Context, Result};

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// The public widget's wasm + JS, gzipped, must stay at or under this.
const WIDGET_BUDGET_BYTES: u64 = 150 * 1024;
/// The public wishlist's too: partners open it on the agency's site, often on a phone.
const WISHLIST_BUDGET_BYTES: u64 = 120 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("build-frontend") => Tools::ensure().and_then(|tools| build_frontend(&tools)),
        Some("bench") => bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  run              build the widget and start Peer Lounge at http://127.0.0.1:8080 with demo data\n  test             everything CI checks\n  bench            load figures for the release server (requests/s, p50/p99)\n  build-frontend   build the widget, the staff console, the manage page and the wishlist into frontend/dist"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_owned()
}

fn run() -> Result<()> {
    let tools = Tools::ensure()?;
    build_frontend(&tools)?;
    step("Starting Peer Lounge (Ctrl-C stops it)");
    let mut command = cargo();
    command.args([
        "run",
        "--release",
        "-p",
        "backend",
        "--bin",
        "peer-lounge",
        "--",
        "serve",
    ]);
    for (name, default) in [
        ("PEERLOUNGE_DEMO", "1"),
        ("PEERLOUNGE_STATIC_DIR", "frontend/dist"),
        ("PEERLOUNGE_DATA_DIR", "./data"),
    ] {
        if env::var_os(name).is_none() {
            command.env(name, default);
        }
    }
    status(&mut command)
}

/// Builds the release server and the load generator, then lets the latter measure the
/// former on loopback with a fresh database (see bench/src/main.rs for what it measures).
fn bench() -> Result<()> {
    step("Building the release server and the load generator");
    status(cargo().args([
        "build",
        "--release",
        "-p",
        "backend",
        "-p",
        "bench",
        "--bin",
        "peer-lounge",
        "--bin",
        "bench",
    ]))?;
    let release = root().join("target").join("release");
    step("Measuring");
    status(
        Command::new(release.join("bench"))
            .arg("--server")
            .arg(release.join("peer-lounge")),
    )
}

fn test() -> Result<()> {
    // CI must not skip the browser or PostgreSQL suites: there, a missing piece fails.
    let strict = env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let tools = Tools::ensure()?;
    let mut skipped = Vec::new();

    step("Formatting (cargo fmt --check)");
    status(cargo().args(["fmt", "--all", "--check"]))?;

    step("Lints (clippy, native crates)");
    status(cargo().args([
        "clippy",
        "--workspace",
        "--exclude",
        "frontend",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("Lints (clippy, the widget for wasm32)");
    status(cargo().args([
        "clippy",
        "-p",
        "frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    build_frontend(&tools)?;

    step("Unit and API tests on SQLite");
    status(
        cargo()
            .args(["test", "--workspace", "--exclude", "frontend"])
            .env_remove("TEST_DATABASE_URL"),
    )?;

    match env::var("TEST_DATABASE_URL").ok().filter(|v| !v.is_empty()) {
        Some(url) => {
            step("API tests on PostgreSQL");
            status(
                cargo()
                    .args(["test", "-p", "tests", "--test", "api"])
                    .env("TEST_DATABASE_URL", url),
            )?;
        }
        None if strict => bail!("CI must run the PostgreSQL suite: set TEST_DATABASE_URL"),
        None => skipped.push("the API suite on PostgreSQL (TEST_DATABASE_URL is not set)"),
    }

    let browser = find_on_path("chromium").zip(find_on_path("chromedriver"));
    match browser {
        Some((_, chromedriver)) => {
            step("Widget tests in headless Chromium (wasm-bindgen-test)");
            status(
                cargo()
                    .args(["test", "-p", "frontend", "--target", "wasm32-unknown-unknown"])
                    .env("CHROMEDRIVER", &chromedriver)
                    .env(
                        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                        "wasm-bindgen-test-runner",
                    )
                    .env("PATH", tools.path()),
            )?;
            step("Browser end-to-end tests (fantoccini + chromedriver)");
            status(
                cargo()
                    .args(["test", "-p", "tests", "--test", "browser", "--", "--ignored"])
                    .env("CHROMEDRIVER", &chromedriver),
            )?;
        }
        None if strict => bail!("CI must run the browser suites: chromium and chromedriver are not on the PATH"),
        None => skipped.push("the widget's wasm tests and the browser end-to-end tests (chromium and chromedriver are not on the PATH; on Debian: apt-get install chromium chromium-driver)"),
    }

    if skipped.is_empty() {
        step("All checks passed");
    } else {
        let banner = "!".repeat(78);
        eprintln!("\n{banner}\nSKIPPED — these suites did NOT run, so they were NOT checked:");
        for what in &skipped {
            eprintln!("  - {what}");
        }
        eprintln!("{banner}");
    }
    Ok(())
}

/// The pinned tool versions, and the PATH that puts them first.
struct Tools {
    bin_dirs: Vec<PathBuf>,
}

impl Tools {
    fn ensure() -> Result<Self> {
        let root = root();
        let cargo_bin = cargo_home().join("bin");
        let npm_bin = root.join(".tools/node_modules/.bin");
        let tools = Self {
            bin_dirs: vec![npm_bin.clone(), cargo_bin.clone()],
        };

        let installed_targets =
            output(Command::new("rustup").args(["target", "list", "--installed"]))
                .unwrap_or_default();
        if !installed_targets
            .lines()
            .any(|t| t.trim() == "wasm32-unknown-unknown")
        {
            step("Adding the wasm32-unknown-unknown target");
            status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
        }

        let trunk_pins =
            std::fs::read_to_string(root.join("Trunk.toml")).context("reading Trunk.toml")?;
        let bindgen_pin =
            toml_string(&trunk_pins, "wasm_bindgen").context("Trunk.toml [tools] wasm_bindgen")?;
        let wasm_opt_pin =
            toml_string(&trunk_pins, "wasm_opt").context("Trunk.toml [tools] wasm_opt")?;
        let locked_bindgen = locked_version(&root, "wasm-bindgen")?;
        if bindgen_pin != locked_bindgen {
            bail!(
                "Trunk.toml pins wasm_bindgen = \"{bindgen_pin}\" but Cargo.lock has wasm-bindgen {locked_bindgen}: make them equal"
            );
        }

        let trunk = cargo_bin.join("trunk");
        if !version_matches(&trunk, &format!("trunk {TRUNK_VERSION}")) {
            step(&format!(
                "Installing trunk {TRUNK_VERSION} (about 17 minutes, once)"
            ));
            status(cargo().args([
                "install",
                "trunk",
                "--version",
                TRUNK_VERSION,
                "--locked",
                "--force",
            ]))?;
        }

        let bindgen = cargo_bin.join("wasm-bindgen");
        if !version_matches(&bindgen, &format!("wasm-bindgen {locked_bindgen}")) {
            step(&format!(
                "Installing wasm-bindgen-cli {locked_bindgen} (about 4 minutes, once)"
            ));
            // Not --locked: its lock file names a crate version the registry mirror lacks.
            status(cargo().args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &locked_bindgen,
                "--force",
            ]))?;
        }

        let wasm_opt = npm_bin.join("wasm-opt");
        let binaryen_version = wasm_opt_pin.trim_start_matches("version_");
        if !version_matches(&wasm_opt, &format!("version {binaryen_version}")) {
            step(&format!(
                "Installing wasm-opt (npm binaryen@{BINARYEN_NPM_VERSION})"
            ));
            if !BINARYEN_NPM_VERSION.starts_with(binaryen_version) {
                bail!("Trunk.toml pins wasm_opt = \"{wasm_opt_pin}\" but the xtask installs binaryen {BINARYEN_NPM_VERSION}");
            }
            std::fs::create_dir_all(root.join(".tools"))?;
            status(
                Command::new("npm")
                    .args(["install", "--no-audit", "--no-fund", "--prefix"])
                    .arg(root.join(".tools"))
                    .arg(format!("binaryen@{BINARYEN_NPM_VERSION}")),
            )
            .context("installing binaryen with npm (is Node.js installed?)")?;
        }
        Ok(tools)
    }

    fn path(&self) -> OsString {
        let existing = env::var_os("PATH").unwrap_or_default();
        let dirs = self
            .bin_dirs
            .iter()
            .cloned()
            .chain(env::split_paths(&existing));
        env::join_paths(dirs).unwrap_or(existing)
    }
}

/// Builds the three bundles with `trunk build --release`: the public widget into
/// `frontend/dist/`, then the staff console into `frontend/dist/staff/` (served under
/// `/staff/`), then the manage page behind every booking's secret link into
/// `frontend/dist/manage-app/` (its shell served at `/manage`, its files under
/// `/manage-app/`), then the public wishlist into `frontend/dist/wishlist-app/` (its
/// shell served at `/wishlist`, its files under `/wishlist-app/`); the widget first
/// because Trunk empties its dist dir first. Each build's inline loader script moves
/// into a file of its own (our CSP allows no inline script). The two public bundles have
/// size budgets: the widget is what every visitor downloads, the wishlist what partners
/// open on the agency's site.
fn build_frontend(tools: &Tools) -> Result<()> {
    let root = root();
    let dist = root.join("frontend/dist");
    let console_dist = dist.join("staff");
    let console_html = root.join("frontend/console.html");
    let manage_dist = dist.join("manage-app");
    let manage_html = root.join("frontend/manage.html");
    let wishlist_dist = dist.join("wishlist-app");
    let wishlist_html = root.join("frontend/wishlist.html");

    step("Building the widget (trunk build --release)");
    status(trunk(tools).args(["build", "--release"]))?;
    externalize_inline_scripts(&dist, "/")?;

    if console_html.exists() {
        step("Building the staff console (trunk build frontend/console.html --release)");
        status(
            // The file goes before `--release`, whose optional value would swallow it.
            trunk(tools)
                .arg("build")
                .arg(&console_html)
                .arg("--release")
                .arg("--dist")
                .arg(&console_dist)
                .args(["--public-url", "/staff/"]),
        )?;
        externalize_inline_scripts(&console_dist, "/staff/")?;
    }

    if manage_html.exists() {
        step("Building the manage page (trunk build frontend/manage.html --release)");
        status(
            trunk(tools)
                .arg("build")
                .arg(&manage_html)
                .arg("--release")
                .arg("--dist")
                .arg(&manage_dist)
                .args(["--public-url", "/manage-app/"]),
        )?;
        externalize_inline_scripts(&manage_dist, "/manage-app/")?;
    }

    if wishlist_html.exists() {
        step("Building the public wishlist (trunk build frontend/wishlist.html --release)");
        status(
            trunk(tools)
                .arg("build")
                .arg(&wishlist_html)
                .arg("--release")
                .arg("--dist")
                .arg(&wishlist_dist)
                .args(["--public-url", "/wishlist-app/"]),
        )?;
        externalize_inline_scripts(&wishlist_dist, "/wishlist-app/")?;
    }

    println!("Widget size (wasm + JS):");
    let widget = gzipped_code_size(&dist)?;
    println!(
        "  {:>8.1} KB gzipped  total, budget {} KB",
        widget as f64 / 1024.0,
        WIDGET_BUDGET_BYTES / 1024
    );
    if console_dist.exists() {
        println!("Staff console size (wasm + JS, loaded only by staff):");
        let console = gzipped_code_size(&console_dist)?;
        println!("  {:>8.1} KB gzipped  total", console as f64 / 1024.0);
    }
    if manage_dist.exists() {
        println!("Manage page size (wasm + JS, loaded only from a booking's link):");
        let manage = gzipped_code_size(&manage_dist)?;
        println!("  {:>8.1} KB gzipped  total", manage as f64 / 1024.0);
    }
    let wishlist = if wishlist_dist.exists() {
        println!("Public wishlist size (wasm + JS, loaded by partners on the agency's site):");
        let wishlist = gzipped_code_size(&wishlist_dist)?;
        println!(
            "  {:>8.1} KB gzipped  total, budget {} KB",
            wishlist as f64 / 1024.0,
            WISHLIST_BUDGET_BYTES / 1024
        );
        wishlist
    } else {
        0
    };
    if widget > WIDGET_BUDGET_BYTES {
        bail!(
            "the widget is {:.1} KB gzipped, over its {} KB budget",
            widget as f64 / 1024.0,
            WIDGET_BUDGET_BYTES / 1024
        );
    }
    if wishlist > WISHLIST_BUDGET_BYTES {
        bail!(
            "the public wishlist is {:.1} KB gzipped, over its {} KB budget",
            wishlist as f64 / 1024.0,
            WISHLIST_BUDGET_BYTES / 1024
        );
    }
    Ok(())
}

fn trunk(tools: &Tools) -> Command {
    let mut command = Command::new("trunk");
    command
        .current_dir(root())
        .env("PATH", tools.path())
        .env("TRUNK_OFFLINE", "true")
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env_remove("NO_COLOR");
    command
}

fn externalize_inline_scripts(dist: &Path, public_url: &str) -> Result<()> {
    let index_path = dist.join("index.html");
    let mut html = std::fs::read_to_string(&index_path)
        .with_context(|| format!("reading {}", index_path.display()))?;
    while let Some(start) = html.find("<script type=\"module\">") {
        let body_start = start + "<script type=\"module\">".len();
        let body_len = html[body_start..]
            .find("</script>")
            .context("an unclosed <script> in index.html")?;
        let script = html[body_start..body_start + body_len].trim().to_owned();
        let name = format!("boot-{:016x}.js", fnv1a(script.as_bytes()));
        std::fs::write(dist.join(&name), &script)?;
        html.replace_range(
            start..body_start + body_len + "</script>".len(),
            &format!("<script type=\"module\" src=\"{public_url}{name}\"></script>"),
        );
    }
    if html.contains("<script>") || html.contains("<style>") || html.contains(" style=\"") {
        bail!(
            "{} has inline script or style, which the CSP forbids",
            index_path.display()
        );
    }
    std::fs::write(index_path, html)?;
    Ok(())
}

/// A content hash for the loader's file name (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Prints each .wasm and .js file directly in `dir` with its gzipped size; returns the sum.
fn gzipped_code_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_code = path
            .extension()
            .is_some_and(|ext| ext == "wasm" || ext == "js");
        if !is_code {
            continue;
        }
        let gzipped = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&path)
            .output()
            .context("running gzip")?
            .stdout
            .len() as u64;
        total += gzipped;
        lines.push(format!(
            "  {:>8.1} KB gzipped  {}",
            gzipped as f64 / 1024.0,
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
    }
    lines.sort();
    for line in &lines {
        println!("{line}");
    }
    Ok(total)
}

fn cargo() -> Command {
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

fn cargo_home() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

fn step(what: &str) {
    println!("\n==> {what}");
}

fn status(command: &mut Command) -> Result<()> {
    let shown = format!("{command:?}");
    let exit = command
        .status()
        .with_context(|| format!("could not start {shown}"))?;
    if !exit.success() {
        bail!("{shown} failed ({exit})");
    }
    Ok(())
}

fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn version_matches(binary: &Path, expected: &str) -> bool {
    output(Command::new(binary).arg("--version")).is_some_and(|v| v.contains(expected))
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// `key = "value"` from a TOML file, without a TOML parser.
fn toml_string(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The version of `package` that Cargo.lock resolved.
fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + marker.len();
    let end = lock[start..].find('"').context("a malformed Cargo.lock")?;
    Ok(lock[start..start + end].to_owned())
}

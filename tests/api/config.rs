//! A bad setting stops the start with one line naming the variable.

use std::collections::HashMap;

use backend::config::Config;

fn config_error(pairs: &[(&str, &str)]) -> String {
    let values: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Config::from_values(&values).unwrap_err().to_string()
}

#[test]
fn a_bad_bind_address_names_peerlounge_bind() {
    let message = config_error(&[("PEERLOUNGE_BIND", "not-an-address")]);
    assert!(message.starts_with("PEERLOUNGE_BIND: "), "{message}");
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn an_unknown_time_zone_names_peerlounge_timezone() {
    let message = config_error(&[("PEERLOUNGE_TIMEZONE", "Europe/Atlantis")]);
    assert!(message.starts_with("PEERLOUNGE_TIMEZONE: "), "{message}");
}

#[test]
fn the_binary_exits_with_one_clear_line_on_a_bad_value() {
    let binary = tests::workspace_root().join("target/debug/peer-lounge");
    if !binary.exists() {
        // Built by `cargo build`/`cargo test --workspace`; xtask runs that before this suite.
        panic!("{} is missing: run `cargo build -p backend` first", binary.display());
    }
    let output = std::process::Command::new(binary)
        .arg("migrate")
        .env("PEERLOUNGE_TIMEZONE", "Mars/Olympus_Mons")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("PEERLOUNGE_TIMEZONE"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test]
async fn an_unreachable_database_fails_the_start_naming_the_variable() {
    tests::install_crypto_provider();
    let values: HashMap<String, String> = [
        ("PEERLOUNGE_BIND", "127.0.0.1:0"),
        ("PEERLOUNGE_DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/none"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let config = Config::from_values(&values).unwrap();
    let error = backend::startup::Application::build(config)
        .await
        .err()
        .expect("the start fails")
        .to_string();
    assert!(error.starts_with("PEERLOUNGE_DATABASE_URL"), "{error}");
    assert!(!error.contains("secret"), "{error}");
}

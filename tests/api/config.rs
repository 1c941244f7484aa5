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

#[tokio::test]
async fn an_unreachable_database_fails_the_start_naming_the_variable() {
    tests::install_crypto_provider();
    let values: HashMap<String, String> = [
        ("PEERLOUNGE_BIND", "127.0.0.1:0"),
        (
            "PEERLOUNGE_DATABASE_URL",
            "postgres://nobody:secret@127.0.0.1:1/none",
        ),
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

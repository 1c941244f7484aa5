//! The `peer-lounge` binary as an operator meets it.

use std::process::Command;

fn peer_lounge() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_peer-lounge"));
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("PEERLOUNGE_")) {
        command.env_remove(name);
    }
    command
}

#[test]
fn a_bad_setting_stops_the_start_with_one_line_naming_the_variable() {
    let output = peer_lounge()
        .arg("migrate")
        .env("PEERLOUNGE_TIMEZONE", "Mars/Olympus_Mons")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("PEERLOUNGE_TIMEZONE"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn migrate_then_seed_demo_fill_a_new_sqlite_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let run = |command: &str| {
        let output = peer_lounge()
            .arg(command)
            .env("PEERLOUNGE_DATA_DIR", dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{command}: {output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(run("migrate").contains("Migrations applied"));
    assert!(dir.path().join("peer-lounge.db").exists());
    assert!(run("seed-demo").contains("Demo data loaded"));
    assert!(dir.path().join("demo-staff-login.txt").exists());
    assert!(run("seed-demo").contains("already has data"));
}

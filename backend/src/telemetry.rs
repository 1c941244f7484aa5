//! Logging through `tracing`, filtered by `PEERLOUNGE_LOG` (an env-filter directive).

use tracing_subscriber::{fmt, EnvFilter};

pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    // A second call (tests build several apps in one process) keeps the first subscriber.
    let _ = fmt().with_env_filter(filter).with_target(false).try_init();
}

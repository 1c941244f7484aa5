//! Peer Lounge in the browser: the widget young people use to find the lounge, peer
//! mentors and events, and the staff console. `main.rs` only mounts [`App`].

pub mod api;
mod app;
pub mod components;
pub mod format;
pub mod hooks;
pub mod pages;

pub use app::{App, Route};

/// Shown in the header and every page title. Per-agency naming comes later.
pub const AGENCY_NAME: &str = "Peer Lounge";

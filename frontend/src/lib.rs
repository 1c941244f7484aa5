//! Peer Lounge in the browser, as two bundles that share this library: the public
//! [`widget`] young people use (binary `frontend`), and the staff [`console`] (binary
//! `console`, served under `/staff`). Each binary mounts its own `App`; neither module
//! uses the other, so each download holds only its own pages.

pub mod api;
pub mod clock;
pub mod components;
pub mod console;
pub mod format;
pub mod hooks;
pub mod secret_link;
pub mod widget;

/// Shown in the header and every page title. Per-agency naming comes later.
pub const AGENCY_NAME: &str = "Peer Lounge";

//! Peer Lounge in the browser, as bundles that share this library: the public
//! [`widget`] young people use (binary `frontend`), the staff [`console`] (binary
//! `console`, served under `/staff`), and the manage page behind every booking's secret
//! link (binary `manage`, [`widget::ManageApp`], served at `/manage`). Each binary mounts
//! its own app; the widget and the console don't use each other, so each download holds
//! only its own pages.

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

//! The staff console: sign-in, passwords, and the tools each role needs. It is its own
//! bundle (`src/bin/console.rs`, `console.html`), served under `/staff`, so none of it
//! weighs on the public widget's download.

mod app;
pub mod components;
pub mod donations;
pub mod events;
pub mod inventory;
mod layout;
pub mod lounge;
pub mod mentoring;
pub mod pages;
pub mod session;
pub mod words;

pub use app::{Access, App, ConsoleRoute};
pub use layout::Layout;

/// A link to a page of the console.
pub type ConsoleLink = crate::components::NavLink<ConsoleRoute>;

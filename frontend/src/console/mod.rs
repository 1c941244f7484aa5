//! The staff console: sign-in, passwords, and the tools each role needs. It is its own
//! bundle (`src/bin/console.rs`, `console.html`), served under `/staff`, so none of it
//! weighs on the public widget's download.

mod app;
pub mod components;
mod layout;
pub mod pages;
pub mod session;
pub mod words;

pub use app::{App, ConsoleRoute};
pub use layout::Layout;

/// A link to a page of the console.
pub type ConsoleLink = crate::components::NavLink<ConsoleRoute>;

/// Whether `user` may use the admin pages (the server checks too, and answers 403).
pub fn is_admin(user: &shared::StaffUser) -> bool {
    user.roles.contains(&shared::Role::Admin)
}

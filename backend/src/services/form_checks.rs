//! The form checks live in `shared`, so the console checks forms by the same rules.

pub use shared::form_checks::{add, text};

//! Business rules and transactions. Handlers call these; nothing else knows the rules.

pub mod auth;
pub mod demo;
pub mod events;
pub mod mentors;
pub mod passwords;
pub mod spaces;
pub mod staff;
pub mod tokens;

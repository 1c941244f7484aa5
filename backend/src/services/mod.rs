//! Business rules and transactions. Handlers call these; nothing else knows the rules.

pub mod audit;
pub mod auth;
pub mod availability_cache;
pub mod bookings;
pub mod closures;
pub mod demo;
pub mod event_files;
pub mod event_lounge;
pub mod event_questions;
pub mod events;
pub mod form_checks;
pub mod inventory;
pub mod login_throttle;
pub mod lounge_desk;
pub mod mentors;
pub mod office_hours;
pub mod passwords;
pub mod slots;
pub mod spaces;
pub mod staff;
pub mod staff_links;
pub mod supervision;
pub mod tokens;

//! sea-orm entities, one per table, in the generated style: columns only, no rules.

pub mod audit_log;
pub mod booking_status_changes;
pub mod bookings;
pub mod check_ins;
pub mod closures;
pub mod event_agenda_items;
pub mod event_co_facilitators;
pub mod event_materials;
pub mod events;
pub mod limit_overrides;
pub mod login_failures;
pub mod mentor_days_off;
pub mod mentor_languages;
pub mod mentor_photos;
pub mod mentor_topics;
pub mod mentor_windows;
pub mod mentors;
pub mod opening_rules;
pub mod outbox;
pub mod slot_seats;
pub mod spaces;
pub mod staff_roles;
pub mod staff_sessions;
pub mod staff_tokens;
pub mod staff_users;
pub mod topics;

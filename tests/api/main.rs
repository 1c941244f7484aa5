//! Black-box API tests: one binary, the real server, a fresh database per test.
//! Set TEST_DATABASE_URL to run the same suite on PostgreSQL.

mod auth;
mod config;
mod donations;
mod email;
mod errors;
mod events;
mod health;
mod inventory;
mod lounge;
mod lounge_desk;
mod mentors;
mod public;
mod staff;
mod web;

//! The Peer Lounge server: the public booking API the widget talks to, the staff console
//! API, and the static widget itself.

pub mod authz;
pub mod config;
pub mod db;
pub mod email;
pub mod entities;
pub mod error;
pub mod extract;
pub mod ics;
pub mod photos;
pub mod reusable_body;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web;

//! What every handler can reach.

use std::sync::Arc;

use crate::{
    config::Config, db::Db, email::Mailer, services::availability_cache::AvailabilityCache,
};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// The public week of slots, kept between writes.
    pub availability: AvailabilityCache,
}

//! What every handler can reach.

use std::sync::Arc;

use crate::{config::Config, db::Db, email::Mailer};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
}

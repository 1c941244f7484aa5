//! `GET /api/spaces`: the lounge spaces young people can drop in to.

use shared::Space;

use super::{get, ApiFailure};

pub async fn list_spaces() -> Result<Vec<Space>, ApiFailure> {
    get("/api/spaces").await
}

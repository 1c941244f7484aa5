//! `GET /api/health`: is the service up and able to take bookings?

use shared::Health;

use super::{get, ApiFailure};

pub async fn fetch_health() -> Result<Health, ApiFailure> {
    get("/api/health").await
}

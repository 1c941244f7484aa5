//! Staff endpoints for the lounge: spaces with their booking rules, weekly opening hours
//! and closures (admins), and the day sheet with check-ins and walk-ins (the staff on
//! duty: supervisors and peer mentors, and admins).

use chrono::NaiveDate;
use shared::{
    AdminSpace, ApiError, BookingStatus, Closure, DaySheet, DaySheetSlot, NewClosure, NewSpace,
    OpeningHours, UpdateSpace, WalkInChange,
};

use super::{get, post_empty, request, ApiFailure, Method};

/// How the API writes spaces, closures and day sheets, read without what the shared
/// types' own `Deserialize` would add to the download: serde's buffering for
/// `#[serde(flatten)]`, and chrono's general date and time parser.
mod wire {
    use chrono::{DateTime, FixedOffset};
    use serde::Deserialize;
    use shared::{rfc3339, DaySheetSlot, Space};

    #[derive(Deserialize)]
    pub struct AdminSpace {
        id: i64,
        name: String,
        capacity: u32,
        description: String,
        accessibility_notes: String,
        house_rules: String,
        min_notice_minutes: u32,
        horizon_days: u32,
        max_upcoming_per_email: u32,
    }

    impl From<AdminSpace> for shared::AdminSpace {
        fn from(space: AdminSpace) -> Self {
            Self {
                space: Space {
                    id: space.id,
                    name: space.name,
                    capacity: space.capacity,
                    description: space.description,
                    accessibility_notes: space.accessibility_notes,
                    house_rules: space.house_rules,
                },
                min_notice_minutes: space.min_notice_minutes,
                horizon_days: space.horizon_days,
                max_upcoming_per_email: space.max_upcoming_per_email,
            }
        }
    }

    #[derive(Deserialize)]
    pub struct Closure {
        id: i64,
        #[serde(deserialize_with = "rfc3339::deserialize")]
        from: DateTime<FixedOffset>,
        #[serde(deserialize_with = "rfc3339::deserialize")]
        to: DateTime<FixedOffset>,
        reason: String,
        cancelled_bookings: u32,
    }

    impl From<Closure> for shared::Closure {
        fn from(closure: Closure) -> Self {
            Self {
                id: closure.id,
                from: closure.from,
                to: closure.to,
                reason: closure.reason,
                cancelled_bookings: closure.cancelled_bookings,
            }
        }
    }

    #[derive(Deserialize)]
    pub struct DaySheet {
        pub date: String,
        pub slots: Vec<DaySheetSlot>,
    }
}

/// Every space with its booking rules (admins only).
pub async fn list_admin_spaces() -> Result<Vec<AdminSpace>, ApiFailure> {
    let spaces: Vec<wire::AdminSpace> = get("/api/admin/spaces").await?;
    Ok(spaces.into_iter().map(AdminSpace::from).collect())
}

/// One space with its booking rules. There is no endpoint for one space alone, and a
/// lounge has a handful, so this picks it from the list; a 404 when it isn't there.
pub async fn find_admin_space(id: i64) -> Result<AdminSpace, ApiFailure> {
    list_admin_spaces()
        .await?
        .into_iter()
        .find(|space| space.space.id == id)
        .ok_or_else(|| ApiFailure::Api {
            status: 404,
            error: ApiError {
                code: "not_found".to_owned(),
                message: "There is no such space. Please pick one from the list of spaces."
                    .to_owned(),
                fields: None,
            },
        })
}

/// Adds a space; its booking rules start at the server's defaults.
pub async fn create_space(new: &NewSpace) -> Result<AdminSpace, ApiFailure> {
    request::<_, wire::AdminSpace>(Method::Post, "/api/admin/spaces", Some(new))
        .await
        .map(AdminSpace::from)
}

/// Changes the fields `change` gives, and leaves the others as they are.
pub async fn update_space(id: i64, change: &UpdateSpace) -> Result<AdminSpace, ApiFailure> {
    request::<_, wire::AdminSpace>(
        Method::Patch,
        &format!("/api/admin/spaces/{id}"),
        Some(change),
    )
    .await
    .map(AdminSpace::from)
}

pub async fn opening_hours(space_id: i64) -> Result<OpeningHours, ApiFailure> {
    get(&format!("/api/admin/spaces/{space_id}/opening-hours")).await
}

/// Replaces the whole week; the answer is the week as saved, in order.
pub async fn set_opening_hours(
    space_id: i64,
    hours: &OpeningHours,
) -> Result<OpeningHours, ApiFailure> {
    request(
        Method::Put,
        &format!("/api/admin/spaces/{space_id}/opening-hours"),
        Some(hours),
    )
    .await
}

/// Closures that have not ended yet, soonest first.
pub async fn list_closures(space_id: i64) -> Result<Vec<Closure>, ApiFailure> {
    let closures: Vec<wire::Closure> =
        get(&format!("/api/admin/spaces/{space_id}/closures")).await?;
    Ok(closures.into_iter().map(Closure::from).collect())
}

/// Closes the space for a while. Bookings inside are cancelled and their holders told;
/// the answer says how many.
pub async fn add_closure(space_id: i64, closure: &NewClosure) -> Result<Closure, ApiFailure> {
    request::<_, wire::Closure>(
        Method::Post,
        &format!("/api/admin/spaces/{space_id}/closures"),
        Some(closure),
    )
    .await
    .map(Closure::from)
}

/// Opens the time again. Bookings the closure cancelled stay cancelled.
pub async fn remove_closure(space_id: i64, closure_id: i64) -> Result<(), ApiFailure> {
    request::<(), ()>(
        Method::Delete,
        &format!("/api/admin/spaces/{space_id}/closures/{closure_id}"),
        None,
    )
    .await
}

/// The day's slots with the names booked into each; `None` asks for the lounge's today.
pub async fn day_sheet(space_id: i64, date: Option<NaiveDate>) -> Result<DaySheet, ApiFailure> {
    let path = match date {
        // `NaiveDate` displays as `YYYY-MM-DD`, which is what the API reads.
        Some(date) => format!("/api/admin/spaces/{space_id}/day?date={date}"),
        None => format!("/api/admin/spaces/{space_id}/day"),
    };
    let sheet: wire::DaySheet = get(&path).await?;
    Ok(DaySheet {
        date: crate::clock::parse_date(&sheet.date)
            .ok_or(ApiFailure::Unexpected { status: Some(200) })?,
        slots: sheet.slots,
    })
}

/// Counts people arriving (+) or leaving (-) without a booking, in one of today's slots.
pub async fn change_walk_ins(
    space_id: i64,
    change: &WalkInChange,
) -> Result<DaySheetSlot, ApiFailure> {
    request(
        Method::Post,
        &format!("/api/admin/spaces/{space_id}/walk-ins"),
        Some(change),
    )
    .await
}

/// Marks a young person as here.
pub async fn check_in(booking_id: i64) -> Result<BookingStatus, ApiFailure> {
    post_empty(&format!("/api/admin/bookings/{booking_id}/check-in")).await
}

/// Notes that a young person didn't make it (never shown to them as a "no-show").
pub async fn didnt_make_it(booking_id: i64) -> Result<BookingStatus, ApiFailure> {
    post_empty(&format!("/api/admin/bookings/{booking_id}/didnt-make-it")).await
}

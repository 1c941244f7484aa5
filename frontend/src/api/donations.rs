//! Donors, donations and their thank-you letters, the letterhead, the wishlist and
//! partners' pledges: facilities staff's endpoints under `/api/facilities`, and the
//! public wishlist (`/api/wishlist`) the wishlist bundle uses.

use serde::de::IgnoredAny;
use shared::{
    Donation, Donor, DonorDetail, ImpactNote, Letterhead, NewDonation, NewDonor, NewPledge,
    NewWish, Page, Pledge, PledgeArrived, PledgeReceipt, PledgeStatus, PublicWish, Wish,
};

use super::{get, post_empty, request, ApiFailure, Method};

/// Percent-encodes a query value with the browser's own encoder.
fn query_value(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

/// Donors whose name, contact person or email holds `q` (all of them when it is empty).
pub async fn list_donors(q: &str) -> Result<Vec<Donor>, ApiFailure> {
    let q = q.trim();
    if q.is_empty() {
        get("/api/facilities/donors").await
    } else {
        get(&format!("/api/facilities/donors?q={}", query_value(q))).await
    }
}

pub async fn create_donor(new: &NewDonor) -> Result<Donor, ApiFailure> {
    request(Method::Post, "/api/facilities/donors", Some(new)).await
}

/// A donor with their donations and where their gifts are now.
pub async fn donor_detail(id: i64) -> Result<DonorDetail, ApiFailure> {
    get(&format!("/api/facilities/donors/{id}")).await
}

pub async fn update_donor(id: i64, details: &NewDonor) -> Result<Donor, ApiFailure> {
    request(
        Method::Put,
        &format!("/api/facilities/donors/{id}"),
        Some(details),
    )
    .await
}

/// Emails `note` to the donor (422 when they have no email address).
pub async fn send_impact_note(id: i64, note: &ImpactNote) -> Result<(), ApiFailure> {
    // Whatever the answer says (202, perhaps with a body), the note is on its way.
    request::<_, IgnoredAny>(
        Method::Post,
        &format!("/api/facilities/donors/{id}/impact-note"),
        Some(note),
    )
    .await?;
    Ok(())
}

/// One page of donations, newest first; only one donor's when `donor_id` is given.
pub async fn list_donations(
    donor_id: Option<i64>,
    page: u64,
) -> Result<Page<Donation>, ApiFailure> {
    let path = match donor_id {
        Some(donor_id) => format!("/api/facilities/donations?donor_id={donor_id}&page={page}"),
        None => format!("/api/facilities/donations?page={page}"),
    };
    get(&path).await
}

/// Logs a donation with its items (and its new donor), all or nothing.
pub async fn create_donation(new: &NewDonation) -> Result<Donation, ApiFailure> {
    request(Method::Post, "/api/facilities/donations", Some(new)).await
}

pub async fn donation(id: i64) -> Result<Donation, ApiFailure> {
    get(&format!("/api/facilities/donations/{id}")).await
}

/// The printable thank-you letter: a whole HTML page of our own origin.
pub fn letter_url(donation_id: i64) -> String {
    format!("/api/facilities/donations/{donation_id}/letter")
}

/// Emails the thank-you letter to the donor (422 `donor_has_no_email`).
pub async fn email_letter(donation_id: i64) -> Result<Donation, ApiFailure> {
    post_empty(&format!(
        "/api/facilities/donations/{donation_id}/letter/email"
    ))
    .await
}

pub async fn letterhead() -> Result<Letterhead, ApiFailure> {
    get("/api/facilities/letterhead").await
}

pub async fn save_letterhead(letterhead: &Letterhead) -> Result<Letterhead, ApiFailure> {
    request(Method::Put, "/api/facilities/letterhead", Some(letterhead)).await
}

/// The wishlist as staff see it: with what is pledged.
pub async fn list_wishes() -> Result<Vec<Wish>, ApiFailure> {
    get("/api/facilities/wishlist").await
}

pub async fn create_wish(new: &NewWish) -> Result<Wish, ApiFailure> {
    request(Method::Post, "/api/facilities/wishlist", Some(new)).await
}

/// Changes an entry (422 when it would need fewer than are pledged).
pub async fn update_wish(id: i64, wish: &NewWish) -> Result<Wish, ApiFailure> {
    request(
        Method::Put,
        &format!("/api/facilities/wishlist/{id}"),
        Some(wish),
    )
    .await
}

/// Takes an entry off the wishlist; the server keeps it archived.
pub async fn archive_wish(id: i64) -> Result<(), ApiFailure> {
    request::<(), IgnoredAny>(
        Method::Delete,
        &format!("/api/facilities/wishlist/{id}"),
        None,
    )
    .await?;
    Ok(())
}

pub async fn list_pledges(status: PledgeStatus) -> Result<Vec<Pledge>, ApiFailure> {
    get(&format!(
        "/api/facilities/pledges?status={}",
        status.as_str()
    ))
    .await
}

/// The pledged gift arrived: logs it as a donation (and its donor) in one step.
pub async fn pledge_arrived(id: i64, arrived: &PledgeArrived) -> Result<Donation, ApiFailure> {
    request(
        Method::Post,
        &format!("/api/facilities/pledges/{id}/donation"),
        Some(arrived),
    )
    .await
}

pub async fn withdraw_pledge(id: i64) -> Result<Pledge, ApiFailure> {
    post_empty(&format!("/api/facilities/pledges/{id}/withdraw")).await
}

/// What the lounge still needs, as partners see it: never who pledged.
pub async fn public_wishlist() -> Result<Vec<PublicWish>, ApiFailure> {
    get("/api/wishlist").await
}

/// A partner's pledge (409 `fully_pledged` when someone was quicker).
pub async fn pledge(wish_id: i64, pledge: &NewPledge) -> Result<PledgeReceipt, ApiFailure> {
    request(
        Method::Post,
        &format!("/api/wishlist/{wish_id}/pledges"),
        Some(pledge),
    )
    .await
}

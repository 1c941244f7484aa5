//! Staff sign-in, sign-out and "who am I?". The session itself is an HTTP-only cookie
//! the browser keeps; we only ever see the signed-in [`StaffUser`].

use shared::{LoginRequest, StaffUser};

use super::{get, request, ApiFailure, Method};

pub async fn sign_in(credentials: &LoginRequest) -> Result<StaffUser, ApiFailure> {
    request(Method::Post, "/api/auth/login", Some(credentials)).await
}

/// The signed-in staff member, or `None` when nobody is signed in.
pub async fn current_user() -> Result<Option<StaffUser>, ApiFailure> {
    match get("/api/auth/me").await {
        Ok(user) => Ok(Some(user)),
        Err(failure) if failure.is_unauthorized() => Ok(None),
        Err(failure) => Err(failure),
    }
}

pub async fn sign_out() -> Result<(), ApiFailure> {
    request::<(), ()>(Method::Post, "/api/auth/logout", None).await
}

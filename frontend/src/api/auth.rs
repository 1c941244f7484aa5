//! Staff sign-in, sign-out, "who am I?" and passwords. The session itself is an
//! HTTP-only cookie the browser keeps; we only ever see the signed-in [`StaffUser`].

use shared::{ChangePassword, LoginRequest, PasswordResetRequest, SetPassword, StaffUser};

use super::{get, post_empty, request, ApiFailure, Method};

pub async fn sign_in(credentials: &LoginRequest) -> Result<StaffUser, ApiFailure> {
    request(Method::Post, "/api/auth/login", Some(credentials)).await
}

/// The signed-in staff member, or `None` when nobody is signed in.
pub async fn current_user() -> Result<Option<StaffUser>, ApiFailure> {
    signed_in_user(get("/api/auth/me").await)
}

/// Reads the answer to "who am I?": a 401 is not a failure but the signed-out case.
pub fn signed_in_user(
    answer: Result<StaffUser, ApiFailure>,
) -> Result<Option<StaffUser>, ApiFailure> {
    match answer {
        Ok(user) => Ok(Some(user)),
        Err(failure) if failure.is_unauthorized() => Ok(None),
        Err(failure) => Err(failure),
    }
}

pub async fn sign_out() -> Result<(), ApiFailure> {
    post_empty("/api/auth/logout").await
}

/// Changes the signed-in member's own password; their other sessions end.
pub async fn change_password(change: &ChangePassword) -> Result<(), ApiFailure> {
    request(Method::Post, "/api/auth/password", Some(change)).await
}

/// Asks for a reset link. The answer is the same whether or not the account exists.
pub async fn request_password_reset(request_body: &PasswordResetRequest) -> Result<(), ApiFailure> {
    request(Method::Post, "/api/auth/password-reset", Some(request_body)).await
}

/// Spends an invitation or reset link on a new password.
pub async fn set_password(new_password: &SetPassword) -> Result<(), ApiFailure> {
    request(Method::Post, "/api/auth/set-password", Some(new_password)).await
}

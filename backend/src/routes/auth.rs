//! Staff sign-in, sign-out, "who am I" and password change.

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::Utc;
use shared::{ChangePassword, LoginRequest, PasswordResetRequest, SetPassword, StaffUser};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    authz::{session_token, Staff, SESSION_COOKIE},
    error::AppResult,
    extract::{ApiJson, ClientIp},
    services::{self, auth::ABSOLUTE_LIFETIME},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(request_password_reset))
        .routes(routes!(set_password))
}

/// Emails a password reset link if the address has an account. The answer is the same
/// either way, so it never tells whether an address has an account.
#[utoipa::path(
    post,
    path = "/auth/password-reset",
    tag = "auth",
    request_body = PasswordResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way"))
)]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> AppResult<StatusCode> {
    services::staff_links::request_reset(&state.db, &state.config, &request.email, Utc::now())
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sets a password with the token from an invitation or reset link (single use).
#[utoipa::path(
    post,
    path = "/auth/set-password",
    tag = "auth",
    request_body = SetPassword,
    responses(
        (status = 204),
        (status = 400, description = "The link expired or was used", body = shared::ApiErrorBody),
        (status = 422, description = "A weak password", body = shared::ApiErrorBody)
    )
)]
pub async fn set_password(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SetPassword>,
) -> AppResult<StatusCode> {
    services::staff_links::set_password(&state.db, &request.token, request.password, Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs a staff member in and sets the session cookie.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = StaffUser),
        (status = 401, description = "Wrong email or password", body = shared::ApiErrorBody),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = shared::ApiErrorBody)
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    ApiJson(request): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let signed_in = services::auth::login(&state.db, request, client, Utc::now()).await?;
    let cookie = session_cookie(
        &signed_in.session_token,
        ABSOLUTE_LIFETIME.num_seconds(),
        state.config.uses_https(),
    );
    Ok(([(header::SET_COOKIE, cookie)], Json(signed_in.user)).into_response())
}

/// Ends the current session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = session_token(&headers) {
        services::auth::logout(&state.db, token).await?;
    }
    let cookie = session_cookie("", 0, state.config.uses_https());
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The signed-in staff member.
#[utoipa::path(
    get,
    path = "/auth/me",
    tag = "auth",
    responses(
        (status = 200, body = StaffUser),
        (status = 401, description = "Not signed in", body = shared::ApiErrorBody)
    )
)]
pub async fn me(staff: Staff) -> Json<StaffUser> {
    Json(staff.user)
}

/// Changes the signed-in staff member's password; their other sessions end.
#[utoipa::path(
    post,
    path = "/auth/password",
    tag = "auth",
    request_body = ChangePassword,
    responses(
        (status = 204),
        (status = 422, description = "Wrong current password, or a weak new one", body = shared::ApiErrorBody)
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(request): ApiJson<ChangePassword>,
) -> AppResult<StatusCode> {
    services::auth::change_password(
        &state.db,
        staff.user.id,
        &staff.session_token,
        request,
        Utc::now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_secs}{secure}"
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

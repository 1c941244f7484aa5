//! Staff sign-in, sign-out and "who am I".

use axum::{
    extract::{FromRequestParts, State},
    http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::Utc;
use shared::{LoginRequest, StaffUser};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::{AppError, AppResult},
    extract::ApiJson,
    services::{self, auth::ABSOLUTE_LIFETIME},
    state::AppState,
};

pub const SESSION_COOKIE: &str = "peerlounge_session";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
}

/// Signs a staff member in and sets the session cookie.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = StaffUser),
        (status = 401, description = "Wrong email or password", body = shared::ApiErrorBody)
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let signed_in = services::auth::login(&state.db, request, Utc::now()).await?;
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
pub async fn me(CurrentStaff(user): CurrentStaff) -> Json<StaffUser> {
    Json(user)
}

/// Extracts the signed-in staff member, or answers 401.
pub struct CurrentStaff(pub StaffUser);

impl FromRequestParts<AppState> for CurrentStaff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = session_token(&parts.headers).ok_or_else(AppError::unauthorized)?;
        let user = services::auth::current_user(&state.db, token, Utc::now()).await?;
        Ok(Self(user))
    }
}

fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_secs}{secure}"
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

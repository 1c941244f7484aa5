//! Authorization in one place: extractors that yield the signed-in staff member only when
//! they hold the role an endpoint needs (admins hold every role). Handlers name the
//! requirement in their signature, e.g. `Staff<AdminRole>`.

use std::marker::PhantomData;

use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts, HeaderMap},
};
use chrono::Utc;
use shared::{Role, StaffUser};

use crate::{error::AppError, services, state::AppState};

pub const SESSION_COOKIE: &str = "peerlounge_session";

/// A role an endpoint requires; `None` means any signed-in staff member.
pub trait RoleRequirement: Send + Sync + 'static {
    const ROLE: Option<Role>;
}

pub struct AnyStaff;
pub struct AdminRole;
pub struct SupervisorRole;
pub struct MentorRole;
pub struct FacilitiesRole;

impl RoleRequirement for AnyStaff {
    const ROLE: Option<Role> = None;
}
impl RoleRequirement for AdminRole {
    const ROLE: Option<Role> = Some(Role::Admin);
}
impl RoleRequirement for SupervisorRole {
    const ROLE: Option<Role> = Some(Role::Supervisor);
}
impl RoleRequirement for MentorRole {
    const ROLE: Option<Role> = Some(Role::Mentor);
}
impl RoleRequirement for FacilitiesRole {
    const ROLE: Option<Role> = Some(Role::Facilities);
}

/// The signed-in staff member, holding role `R` (401 when signed out, 403 without it).
pub struct Staff<R: RoleRequirement = AnyStaff> {
    pub user: StaffUser,
    /// The session id from the cookie, for actions on the session itself.
    pub session_token: String,
    _role: PhantomData<R>,
}

impl<R: RoleRequirement> FromRequestParts<AppState> for Staff<R> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = session_token(&parts.headers).ok_or_else(AppError::unauthorized)?;
        let user = services::auth::current_user(&state.db, token, Utc::now()).await?;
        if let Some(role) = R::ROLE {
            let allowed = user.roles.contains(&role) || user.roles.contains(&Role::Admin);
            if !allowed {
                return Err(AppError::forbidden(
                    "Your account doesn't have access to this.",
                ));
            }
        }
        Ok(Self {
            user,
            session_token: token.to_owned(),
            _role: PhantomData,
        })
    }
}

pub fn session_token(headers: &HeaderMap) -> Option<&str> {
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

//! Authorization in one place: extractors that yield the signed-in staff member only when
//! they hold a role the endpoint accepts (admins hold every role). Handlers name the
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

/// The roles an endpoint accepts (any one will do; admins always pass). Empty means any
/// signed-in staff member.
pub trait RoleRequirement: Send + Sync + 'static {
    const ROLES: &'static [Role];
}

pub struct AnyStaff;
pub struct AdminRole;
pub struct SupervisorRole;
pub struct MentorRole;
pub struct FacilitiesRole;
/// Whoever runs the lounge on the day: supervisors and peer mentors on duty.
pub struct LoungeDesk;

impl RoleRequirement for AnyStaff {
    const ROLES: &'static [Role] = &[];
}
impl RoleRequirement for AdminRole {
    const ROLES: &'static [Role] = &[Role::Admin];
}
impl RoleRequirement for SupervisorRole {
    const ROLES: &'static [Role] = &[Role::Supervisor];
}
impl RoleRequirement for MentorRole {
    const ROLES: &'static [Role] = &[Role::Mentor];
}
impl RoleRequirement for FacilitiesRole {
    const ROLES: &'static [Role] = &[Role::Facilities];
}
impl RoleRequirement for LoungeDesk {
    const ROLES: &'static [Role] = &[Role::Supervisor, Role::Mentor];
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
        if !R::ROLES.is_empty() {
            let allowed = user.roles.contains(&Role::Admin)
                || R::ROLES.iter().any(|role| user.roles.contains(role));
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

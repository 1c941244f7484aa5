//! Staff sign-in: password check, database-backed sessions with idle and absolute expiry.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use shared::{Email, LoginRequest, Role, StaffUser};

use crate::{
    db::Db,
    entities::{staff_roles, staff_sessions, staff_users},
    error::{AppError, AppResult},
    services::{passwords, tokens},
};

/// A session ends after this long without a request...
pub const IDLE_TIMEOUT: Duration = Duration::hours(2);
/// ...and after this long whatever happens.
pub const ABSOLUTE_LIFETIME: Duration = Duration::hours(12);
/// Activity is recorded at most this often, to keep reads from becoming writes.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// Verified against when the email has no account, so a wrong email takes as long as a
/// wrong password and the two cannot be told apart.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1WmSy6QGVL0ZHzZpOZ0+fuv6Xv0xk3/ynXa0oN/2NOc";

pub struct SignedIn {
    pub user: StaffUser,
    /// The new session id, for the cookie; only its hash is stored.
    pub session_token: String,
}

fn wrong_credentials() -> AppError {
    AppError::client(
        axum::http::StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        "That email and password don't match an account.",
    )
}

/// Checks the password and opens a fresh session (a new id at every sign-in).
pub async fn login(db: &Db, request: LoginRequest, now: DateTime<Utc>) -> AppResult<SignedIn> {
    let account = match Email::parse(&request.email) {
        Ok(email) => {
            staff_users::Entity::find()
                .filter(staff_users::Column::Email.eq(email.as_str()))
                .one(db.conn())
                .await?
        }
        Err(_) => None,
    };
    let stored_hash = account
        .as_ref()
        .and_then(|user| user.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.to_owned());
    let password_ok = passwords::verify(request.password, stored_hash).await?;
    let user = match account {
        Some(user) if password_ok && !user.disabled && user.password_hash.is_some() => user,
        _ => return Err(wrong_credentials()),
    };

    let session_token = tokens::generate();
    staff_sessions::ActiveModel {
        id_hash: Set(tokens::hash(&session_token)),
        user_id: Set(user.id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE_LIFETIME),
    }
    .insert(db.conn())
    .await?;
    Ok(SignedIn {
        user: to_staff_user(db, user).await?,
        session_token,
    })
}

/// The staff member a session token belongs to, if the session is still valid.
pub async fn current_user(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<StaffUser> {
    let session = staff_sessions::Entity::find_by_id(tokens::hash(token))
        .one(db.conn())
        .await?
        .ok_or_else(AppError::unauthorized)?;
    if now >= session.expires_at || now - session.last_seen_at >= IDLE_TIMEOUT {
        staff_sessions::Entity::delete_by_id(session.id_hash)
            .exec(db.conn())
            .await?;
        return Err(AppError::unauthorized());
    }
    let user = staff_users::Entity::find_by_id(session.user_id)
        .one(db.conn())
        .await?
        .filter(|user| !user.disabled)
        .ok_or_else(AppError::unauthorized)?;
    if now - session.last_seen_at >= TOUCH_INTERVAL {
        let mut active = session.into_active_model();
        active.last_seen_at = Set(now);
        active.update(db.conn()).await?;
    }
    to_staff_user(db, user).await
}

pub async fn logout(db: &Db, token: &str) -> AppResult<()> {
    staff_sessions::Entity::delete_by_id(tokens::hash(token))
        .exec(db.conn())
        .await?;
    Ok(())
}

async fn to_staff_user(db: &Db, user: staff_users::Model) -> AppResult<StaffUser> {
    let roles = staff_roles::Entity::find()
        .filter(staff_roles::Column::UserId.eq(user.id))
        .order_by_asc(staff_roles::Column::Role)
        .all(db.conn())
        .await?
        .into_iter()
        .filter_map(|row| Role::parse(&row.role))
        .collect();
    Ok(StaffUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        roles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_dummy_hash_is_a_valid_argon2id_hash_with_our_parameters() {
        // If it were malformed, a wrong email would fail fast and be told apart by timing.
        assert!(!passwords::verify("anything".into(), DUMMY_HASH.into())
            .await
            .unwrap());
    }
}

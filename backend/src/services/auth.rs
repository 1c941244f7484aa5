//! Staff sign-in: password check, database-backed sessions with idle and absolute expiry.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use shared::{ChangePassword, Email, LoginRequest, Role, StaffUser};

use crate::{
    db::Db,
    entities::{staff_roles, staff_sessions, staff_users},
    error::{AppError, AppResult},
    services::{audit, login_throttle, passwords, tokens},
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
pub async fn login(
    db: &Db,
    request: LoginRequest,
    client_ip: IpAddr,
    now: DateTime<Utc>,
) -> AppResult<SignedIn> {
    let parsed_email = Email::parse(&request.email).ok();
    // The key failures are counted under: the address as we store it, or what was typed.
    let throttle_key = match &parsed_email {
        Some(email) => email.as_str().to_owned(),
        None => request
            .email
            .trim()
            .chars()
            .take(254)
            .collect::<String>()
            .to_lowercase(),
    };
    login_throttle::check(db, &throttle_key, client_ip, now).await?;

    let account = match &parsed_email {
        Some(email) => {
            staff_users::Entity::find()
                .filter(staff_users::Column::Email.eq(email.as_str()))
                .one(db.conn())
                .await?
        }
        None => None,
    };
    let stored_hash = account
        .as_ref()
        .and_then(|user| user.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.to_owned());
    let password_ok = passwords::verify(request.password, stored_hash).await?;
    let user = match account {
        Some(user) if password_ok && !user.disabled && user.password_hash.is_some() => user,
        _ => {
            login_throttle::record_failure(db.conn(), &throttle_key, client_ip, now).await?;
            return Err(wrong_credentials());
        }
    };

    let session_token = tokens::generate();
    let tx = db.begin_write().await?;
    staff_sessions::ActiveModel {
        id_hash: Set(tokens::hash(&session_token)),
        user_id: Set(user.id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE_LIFETIME),
    }
    .insert(&tx)
    .await?;
    login_throttle::clear_account(&tx, &throttle_key).await?;
    audit::record(&tx, Some(user.id), "auth.login", None, "Signed in", now).await?;
    tx.commit().await?;
    Ok(SignedIn {
        user: to_staff_user(db, user).await?,
        session_token,
    })
}

/// Changes a signed-in staff member's own password and ends every other session of theirs.
pub async fn change_password(
    db: &Db,
    user_id: i64,
    current_session_token: &str,
    request: ChangePassword,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if let Err(problem) = passwords::check_policy(&request.new_password) {
        return Err(AppError::invalid_field(
            "new_password",
            format!("The new password {problem}."),
        ));
    }
    let user = staff_users::Entity::find_by_id(user_id)
        .one(db.conn())
        .await?
        .ok_or_else(AppError::unauthorized)?;
    let stored_hash = user
        .password_hash
        .clone()
        .unwrap_or_else(|| DUMMY_HASH.to_owned());
    if !passwords::verify(request.current_password, stored_hash).await? {
        return Err(AppError::invalid_field(
            "current_password",
            "That isn't your current password.",
        ));
    }
    let new_hash = passwords::hash(request.new_password).await?;
    let tx = db.begin_write().await?;
    let mut active = user.into_active_model();
    active.password_hash = Set(Some(new_hash));
    active.updated_at = Set(now);
    active.update(&tx).await?;
    staff_sessions::Entity::delete_many()
        .filter(staff_sessions::Column::UserId.eq(user_id))
        .filter(staff_sessions::Column::IdHash.ne(tokens::hash(current_session_token)))
        .exec(&tx)
        .await?;
    audit::record(
        &tx,
        Some(user_id),
        "auth.password_change",
        Some(audit::Target {
            kind: "staff_user",
            id: user_id.to_string(),
        }),
        "Changed their password; other sessions ended",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of a staff member (account disabled, password changed by reset).
pub async fn revoke_sessions(conn: &impl ConnectionTrait, user_id: i64) -> anyhow::Result<()> {
    staff_sessions::Entity::delete_many()
        .filter(staff_sessions::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
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

pub async fn to_staff_user(db: &Db, user: staff_users::Model) -> AppResult<StaffUser> {
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

//! Staff accounts: creating them with their roles.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use shared::{Email, Role};

use crate::{
    config::AdminBootstrap,
    db::Db,
    entities::{staff_roles, staff_users},
    services::passwords,
};

pub struct NewStaffUser<'a> {
    pub email: &'a Email,
    pub display_name: &'a str,
    pub password_hash: Option<String>,
    pub roles: &'a [Role],
}

/// Inserts a staff account and its roles inside the caller's transaction.
pub async fn insert(
    tx: &impl ConnectionTrait,
    user: NewStaffUser<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<staff_users::Model> {
    let created = staff_users::ActiveModel {
        email: Set(user.email.as_str().to_owned()),
        display_name: Set(user.display_name.to_owned()),
        password_hash: Set(user.password_hash),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    for role in user.roles {
        staff_roles::ActiveModel {
            user_id: Set(created.id),
            role: Set(role.as_str().to_owned()),
        }
        .insert(tx)
        .await?;
    }
    Ok(created)
}

/// Creates the configured admin account unless an account with that email exists.
/// Returns whether it was created.
pub async fn ensure_admin(
    db: &Db,
    admin: &AdminBootstrap,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let exists = staff_users::Entity::find()
        .filter(staff_users::Column::Email.eq(admin.email.as_str()))
        .one(db.conn())
        .await?
        .is_some();
    if exists {
        return Ok(false);
    }
    let password_hash = passwords::hash(admin.password.clone()).await?;
    let tx = db.begin_write().await?;
    insert(
        &tx,
        NewStaffUser {
            email: &admin.email,
            display_name: "Administrator",
            password_hash: Some(password_hash),
            roles: &[Role::Admin],
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

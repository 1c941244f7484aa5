//! Staff accounts: creating them with their roles, and what admins may change.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use shared::{DisplayName, Email, Role, StaffAccount, StaffUser, UpdateStaffAccount};

use crate::{
    config::AdminBootstrap,
    db::Db,
    entities::{staff_roles, staff_users},
    error::{AppError, AppResult},
    services::{audit, auth, passwords},
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

/// Every staff account, by name.
pub async fn list_accounts(db: &Db, zone: Tz) -> anyhow::Result<Vec<StaffAccount>> {
    let users = staff_users::Entity::find()
        .order_by_asc(staff_users::Column::DisplayName)
        .order_by_asc(staff_users::Column::Id)
        .all(db.conn())
        .await?;
    let mut roles: HashMap<i64, Vec<Role>> = HashMap::new();
    for row in staff_roles::Entity::find()
        .order_by_asc(staff_roles::Column::Role)
        .all(db.conn())
        .await?
    {
        if let Some(role) = Role::parse(&row.role) {
            roles.entry(row.user_id).or_default().push(role);
        }
    }
    Ok(users
        .into_iter()
        .map(|user| StaffAccount {
            roles: roles.remove(&user.id).unwrap_or_default(),
            has_password: user.password_hash.is_some(),
            created_at: user.created_at.with_timezone(&zone).fixed_offset(),
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            disabled: user.disabled,
        })
        .collect())
}

/// Applies an admin's change to an account: name, roles, disabled. There must always be
/// at least one active admin, so the change that would leave none is refused. Disabling
/// an account ends its sessions at once.
pub async fn update_account(
    db: &Db,
    actor: &StaffUser,
    user_id: i64,
    change: UpdateStaffAccount,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let display_name = change
        .display_name
        .as_deref()
        .map(DisplayName::parse)
        .transpose()
        .map_err(|problem| AppError::invalid_field("display_name", problem.to_string()))?;
    let new_roles: Option<BTreeSet<Role>> = change.roles.map(|roles| roles.into_iter().collect());

    let tx = db.begin_write().await?;
    let user = staff_users::Entity::find_by_id(user_id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such staff account."))?;
    let current_roles: BTreeSet<Role> = staff_roles::Entity::find()
        .filter(staff_roles::Column::UserId.eq(user_id))
        .all(&tx)
        .await?
        .iter()
        .filter_map(|row| Role::parse(&row.role))
        .collect();

    let was_active_admin = !user.disabled && current_roles.contains(&Role::Admin);
    let stays_admin = new_roles
        .as_ref()
        .map_or(current_roles.contains(&Role::Admin), |roles| {
            roles.contains(&Role::Admin)
        });
    let stays_enabled = !change.disabled.unwrap_or(user.disabled);
    if was_active_admin && !(stays_admin && stays_enabled) && active_admins(&tx).await? <= 1 {
        return Err(AppError::conflict(
            "last_admin",
            "There must always be at least one active admin. Make someone else an admin first.",
        ));
    }

    let mut changes = Vec::new();
    if let Some(roles) = &new_roles {
        if *roles != current_roles {
            staff_roles::Entity::delete_many()
                .filter(staff_roles::Column::UserId.eq(user_id))
                .exec(&tx)
                .await?;
            for role in roles {
                staff_roles::ActiveModel {
                    user_id: Set(user_id),
                    role: Set(role.as_str().to_owned()),
                }
                .insert(&tx)
                .await?;
            }
            let names: Vec<&str> = roles.iter().map(|role| role.as_str()).collect();
            changes.push(format!("roles set to [{}]", names.join(", ")));
        }
    }
    let disabling = change.disabled == Some(true) && !user.disabled;
    let enabling = change.disabled == Some(false) && user.disabled;
    let renaming = display_name
        .as_ref()
        .filter(|name| name.as_str() != user.display_name);
    if let Some(name) = renaming {
        changes.push(format!("display name set to {name}"));
    }
    if disabling {
        changes.push("disabled".to_owned());
    }
    if enabling {
        changes.push("enabled".to_owned());
    }
    if renaming.is_some() || disabling || enabling {
        let mut active = user.clone().into_active_model();
        if let Some(name) = renaming {
            active.display_name = Set(name.as_str().to_owned());
        }
        if disabling || enabling {
            active.disabled = Set(disabling);
        }
        active.updated_at = Set(now);
        active.update(&tx).await?;
    }
    if disabling {
        auth::revoke_sessions(&tx, user_id).await?;
    }
    if !changes.is_empty() {
        audit::record(
            &tx,
            Some(actor.id),
            "user.update",
            Some(audit::Target {
                kind: "staff_user",
                id: user_id.to_string(),
            }),
            format!("{}: {}", user.display_name, changes.join("; ")),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Where notices for admins go: every admin whose account is active.
pub async fn active_admin_addresses(conn: &impl ConnectionTrait) -> anyhow::Result<Vec<String>> {
    Ok(staff_users::Entity::find()
        .join(JoinType::InnerJoin, staff_users::Relation::StaffRoles.def())
        .filter(staff_roles::Column::Role.eq(Role::Admin.as_str()))
        .filter(staff_users::Column::Disabled.eq(false))
        .all(conn)
        .await?
        .into_iter()
        .map(|user| user.email)
        .collect())
}

async fn active_admins(conn: &impl ConnectionTrait) -> anyhow::Result<u64> {
    Ok(staff_users::Entity::find()
        .join(JoinType::InnerJoin, staff_users::Relation::StaffRoles.def())
        .filter(staff_roles::Column::Role.eq(Role::Admin.as_str()))
        .filter(staff_users::Column::Disabled.eq(false))
        .count(conn)
        .await?)
}

/// The active staff accounts holding `role`.
pub async fn active_with_role(
    conn: &impl ConnectionTrait,
    role: Role,
) -> anyhow::Result<Vec<staff_users::Model>> {
    let ids: Vec<i64> = staff_roles::Entity::find()
        .filter(staff_roles::Column::Role.eq(role.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    Ok(staff_users::Entity::find()
        .filter(staff_users::Column::Id.is_in(ids))
        .filter(staff_users::Column::Disabled.eq(false))
        .all(conn)
        .await?)
}

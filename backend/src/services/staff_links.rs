//! Single-use links for staff: invitations (set your first password) and password resets.
//! The token travels in the link's fragment and is stored only as a hash; using it once
//! spends it.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde::Serialize;
use shared::{DisplayName, Email, NewStaffAccount, Role, StaffUser};

use crate::{
    config::Config,
    db::Db,
    email::{outbox, templates},
    entities::{staff_tokens, staff_users},
    error::{AppError, AppResult},
    services::{audit, auth, passwords, staff, tokens},
};

pub const INVITE_LIFETIME: Duration = Duration::hours(72);
pub const RESET_LIFETIME: Duration = Duration::hours(2);

#[derive(Clone, Copy)]
enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Reset => "reset",
        }
    }
}

#[derive(Serialize)]
struct LinkEmail<'a> {
    agency: &'a str,
    name: &'a str,
    inviter: &'a str,
    roles: String,
    link: String,
    expires: String,
}

/// Creates a token row and queues its email, in the caller's transaction.
async fn issue(
    conn: &impl ConnectionTrait,
    config: &Config,
    user: &staff_users::Model,
    purpose: Purpose,
    context_inviter: &str,
    roles: &[Role],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let token = tokens::generate();
    let lifetime = match purpose {
        Purpose::Invite => INVITE_LIFETIME,
        Purpose::Reset => RESET_LIFETIME,
    };
    let row = staff_tokens::ActiveModel {
        user_id: Set(user.id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(tokens::hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let role_names: Vec<&str> = roles.iter().map(|role| role_label(*role)).collect();
    let context = LinkEmail {
        agency: &config.agency_name,
        name: &user.display_name,
        inviter: context_inviter,
        roles: role_names.join(" and "),
        link: format!("{}/staff/set-password#token={token}", config.public_url),
        expires: human_time(now + lifetime, config.timezone),
    };
    let template = match purpose {
        Purpose::Invite => "staff_invite",
        Purpose::Reset => "password_reset",
    };
    outbox::enqueue(
        conn,
        &config.mail_from,
        outbox::NewEmail::plain(
            format!("staff_token:{}", row.id),
            template,
            &user.email,
            templates::render(template, &context)?,
            now,
        ),
        now,
    )
    .await
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "an admin",
        Role::Supervisor => "a supervisor",
        Role::Mentor => "a peer mentor",
        Role::Facilities => "facilities staff",
    }
}

/// "Thursday 26 November, 2:00 pm" in the agency's zone.
pub fn human_time(at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    let hour_min = local.format("%-I:%M %P");
    format!("{}, {hour_min}", local.format("%A %-d %B"))
}

/// An admin invites a new staff member: the account (no password yet), its roles, the
/// invitation link and its email, all in one transaction.
pub async fn invite(
    db: &Db,
    config: &Config,
    inviter: &StaffUser,
    request: NewStaffAccount,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let mut problems = shared::FieldErrors::new();
    let email = Email::parse(&request.email)
        .map_err(|p| problems.insert("email".into(), vec![p.to_string()]))
        .ok();
    let name = DisplayName::parse(&request.display_name)
        .map_err(|p| problems.insert("display_name".into(), vec![p.to_string()]))
        .ok();
    if request.roles.is_empty() {
        problems.insert("roles".into(), vec!["Choose at least one role.".into()]);
    }
    let (Some(email), Some(name), true) = (email, name, problems.is_empty()) else {
        return Err(AppError::Validation(problems));
    };
    let mut roles = request.roles;
    roles.sort();
    roles.dedup();

    let tx = db.begin_write().await?;
    let taken = staff_users::Entity::find()
        .filter(staff_users::Column::Email.eq(email.as_str()))
        .one(&tx)
        .await?
        .is_some();
    if taken {
        return Err(AppError::conflict(
            "email_taken",
            "There is already a staff account with that email.",
        ));
    }
    let user = staff::insert(
        &tx,
        staff::NewStaffUser {
            email: &email,
            display_name: name.as_str(),
            password_hash: None,
            roles: &roles,
        },
        now,
    )
    .await?;
    issue(
        &tx,
        config,
        &user,
        Purpose::Invite,
        &inviter.display_name,
        &roles,
        now,
    )
    .await?;
    audit::record(
        &tx,
        Some(inviter.id),
        "user.invite",
        Some(audit::Target {
            kind: "staff_user",
            id: user.id.to_string(),
        }),
        format!(
            "Invited {} as {}",
            user.display_name,
            roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(user.id)
}

/// Queues a reset link when the address belongs to an enabled account. Says nothing
/// either way: the caller answers the same whether or not the account exists.
pub async fn request_reset(
    db: &Db,
    config: &Config,
    raw_email: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let Ok(email) = Email::parse(raw_email) else {
        return Ok(());
    };
    let tx = db.begin_write().await?;
    let user = staff_users::Entity::find()
        .filter(staff_users::Column::Email.eq(email.as_str()))
        .filter(staff_users::Column::Disabled.eq(false))
        .one(&tx)
        .await?;
    if let Some(user) = user {
        issue(&tx, config, &user, Purpose::Reset, "", &[], now).await?;
        audit::record(
            &tx,
            None,
            "auth.reset_requested",
            Some(audit::Target {
                kind: "staff_user",
                id: user.id.to_string(),
            }),
            "Password reset link sent",
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Spends a link: sets the password, ends every session of the account.
pub async fn set_password(
    db: &Db,
    token: &str,
    password: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if let Err(problem) = passwords::check_policy(&password) {
        return Err(AppError::invalid_field(
            "password",
            format!("The password {problem}."),
        ));
    }
    let invalid_link = || {
        AppError::bad_request(
            "invalid_link",
            "This link has expired or was already used. Ask for a new one.",
        )
    };
    let password_hash = passwords::hash(password).await?;
    let tx = db.begin_write().await?;
    let row = staff_tokens::Entity::find()
        .filter(staff_tokens::Column::TokenHash.eq(tokens::hash(token)))
        .one(&tx)
        .await?
        .filter(|row| row.used_at.is_none() && now < row.expires_at)
        .ok_or_else(invalid_link)?;
    let user = staff_users::Entity::find_by_id(row.user_id)
        .one(&tx)
        .await?
        .filter(|user| !user.disabled)
        .ok_or_else(invalid_link)?;
    let user_id = user.id;
    let mut active_user = user.into_active_model();
    active_user.password_hash = Set(Some(password_hash));
    active_user.updated_at = Set(now);
    active_user.update(&tx).await?;
    let purpose = row.purpose.clone();
    let mut spent = row.into_active_model();
    spent.used_at = Set(Some(now));
    spent.update(&tx).await?;
    auth::revoke_sessions(&tx, user_id).await?;
    audit::record(
        &tx,
        Some(user_id),
        if purpose == "invite" {
            "auth.invite_accepted"
        } else {
            "auth.password_reset"
        },
        Some(audit::Target {
            kind: "staff_user",
            id: user_id.to_string(),
        }),
        "Set their password from an emailed link",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

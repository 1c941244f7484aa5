//! Uploaded event materials: PDFs (by their bytes, at most 10 MB) and images (the photo
//! rules: at most 2 MB, metadata removed), kept in the database and reached only through
//! an unguessable link handed out with the released agenda.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use shared::{EventStatus, FieldErrors, StaffEvent, StaffUser};

use crate::{
    config::Config,
    db::{lock_for_transaction, Db},
    entities::event_files,
    error::{AppError, AppResult},
    photos,
    services::{
        bookings::registrations,
        events::{organised, staff_view},
        form_checks::text,
        tokens,
    },
};

/// A PDF may be this large; images follow the photo rules (2 MB, metadata removed).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
const MAX_FILES: u64 = 10;

/// Checks an uploaded material: a PDF (by its bytes), or an image under the photo rules.
fn check_file(declared_type: Option<&str>, bytes: &[u8]) -> AppResult<(&'static str, Vec<u8>)> {
    let declared = declared_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    if bytes.starts_with(b"%PDF-") {
        if declared.as_deref().is_some_and(|d| d != "application/pdf") {
            return Err(unsupported_file());
        }
        if bytes.len() > MAX_FILE_BYTES {
            return Err(file_too_large());
        }
        return Ok(("application/pdf", bytes.to_vec()));
    }
    match photos::check(declared.as_deref(), bytes) {
        Ok(photo) => Ok((photo.content_type, photo.bytes)),
        Err(AppError::Client {
            code: "unsupported_photo",
            ..
        }) => Err(unsupported_file()),
        Err(other) => Err(other),
    }
}

fn unsupported_file() -> AppError {
    AppError::client(
        axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_file",
        "Please upload a PDF, or a JPEG, PNG or WebP image.",
    )
}

pub fn file_too_large() -> AppError {
    AppError::client(
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        "file_too_large",
        "Please upload a PDF of at most 10 MB (images: at most 2 MB).",
    )
}

/// Adds an uploaded material to an event the staff member organises.
#[allow(clippy::too_many_arguments)]
pub async fn add_file(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    title: &str,
    declared_type: Option<&str>,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> AppResult<StaffEvent> {
    let mut problems = FieldErrors::new();
    let title = text(&mut problems, "title", title, 120, true);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let (content_type, bytes) = check_file(declared_type, bytes)?;
    let tx = db.begin_write().await?;
    let event = organised(&tx, staff, id).await?;
    // Two uploads at once must not both pass the count (PostgreSQL's READ COMMITTED).
    lock_for_transaction(&tx, "event_files", &id.to_string()).await?;
    let count = event_files::Entity::find()
        .filter(event_files::Column::EventId.eq(id))
        .count(&tx)
        .await?;
    if count >= MAX_FILES {
        return Err(AppError::conflict(
            "too_many_files",
            format!("An event can have at most {MAX_FILES} files. Remove one first."),
        ));
    }
    event_files::ActiveModel {
        event_id: Set(id),
        title: Set(title.clone()),
        content_type: Set(content_type.to_owned()),
        byte_size: Set(i32::try_from(bytes.len()).unwrap_or(i32::MAX)),
        bytes: Set(bytes),
        token: Set(tokens::generate()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    if event.status == EventStatus::Published.as_str() {
        registrations::refresh_seat_mail(&tx, config, &event, now).await?;
    }
    tx.commit().await?;
    staff_view(db, config, staff, id).await
}

pub async fn remove_file(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    id: i64,
    file_id: i64,
    now: DateTime<Utc>,
) -> AppResult<StaffEvent> {
    let tx = db.begin_write().await?;
    let event = organised(&tx, staff, id).await?;
    let removed = event_files::Entity::delete_many()
        .filter(event_files::Column::EventId.eq(id))
        .filter(event_files::Column::Id.eq(file_id))
        .exec(&tx)
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::not_found("There is no such file."));
    }
    if event.status == EventStatus::Published.as_str() {
        registrations::refresh_seat_mail(&tx, config, &event, now).await?;
    }
    tx.commit().await?;
    staff_view(db, config, staff, id).await
}

/// The file behind an unguessable link; a wrong link is a plain 404.
pub async fn file_by_token(db: &Db, token: &str) -> AppResult<event_files::Model> {
    let not_found = || AppError::not_found("There is nothing here.");
    if !tokens::is_well_formed(token) {
        return Err(not_found());
    }
    event_files::Entity::find()
        .filter(event_files::Column::Token.eq(token))
        .one(db.conn())
        .await?
        .ok_or_else(not_found)
}

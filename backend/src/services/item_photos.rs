//! Photos of inventory items: at most five an item, recognised by their bytes and stripped
//! of metadata by the same rules as mentor photos (a phone's photo says where it was taken).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use shared::{ItemDetail, StaffUser};

use crate::{
    config::Config,
    db::{lock_for_transaction, Db},
    entities::item_photos,
    error::{AppError, AppResult},
    photos,
    services::{audit, inventory},
};

pub const MAX_PHOTOS: u64 = 5;

/// Adds a photo to an item. The count is taken under the write transaction and a lock on
/// the item's photos, so two uploads at once can't make a sixth.
pub async fn add_photo(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    item_id: i64,
    declared_type: Option<&str>,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> AppResult<ItemDetail> {
    let photo = photos::check(declared_type, bytes)?;
    let tx = db.begin_write().await?;
    lock_for_transaction(&tx, "item_photos", &item_id.to_string()).await?;
    let item = inventory::find(&tx, item_id).await?;
    let count = item_photos::Entity::find()
        .filter(item_photos::Column::ItemId.eq(item_id))
        .count(&tx)
        .await?;
    if count >= MAX_PHOTOS {
        return Err(AppError::conflict(
            "too_many_photos",
            format!("An item can have at most {MAX_PHOTOS} photos. Remove one first."),
        ));
    }
    item_photos::ActiveModel {
        item_id: Set(item_id),
        content_type: Set(photo.content_type.to_owned()),
        bytes: Set(photo.bytes),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        Some(staff.id),
        "inventory.photo",
        Some(audit::Target {
            kind: "item",
            id: item_id.to_string(),
        }),
        format!("Added a photo of {}", item.name),
        now,
    )
    .await?;
    tx.commit().await?;
    inventory::item_detail(db, config, item_id).await
}

/// One photo of one item: its content type and bytes.
pub async fn photo(db: &Db, item_id: i64, photo_id: i64) -> AppResult<(String, Vec<u8>)> {
    let photo = item_photos::Entity::find_by_id(photo_id)
        .filter(item_photos::Column::ItemId.eq(item_id))
        .one(db.conn())
        .await?
        .ok_or_else(|| AppError::not_found("There is no such photo."))?;
    Ok((photo.content_type, photo.bytes))
}

pub async fn remove_photo(
    db: &Db,
    staff: &StaffUser,
    item_id: i64,
    photo_id: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let tx = db.begin_write().await?;
    let removed = item_photos::Entity::delete_many()
        .filter(item_photos::Column::ItemId.eq(item_id))
        .filter(item_photos::Column::Id.eq(photo_id))
        .exec(&tx)
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::not_found("There is no such photo."));
    }
    audit::record(
        &tx,
        Some(staff.id),
        "inventory.photo",
        Some(audit::Target {
            kind: "item",
            id: item_id.to_string(),
        }),
        "Removed a photo",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

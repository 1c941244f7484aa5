//! Lounge spaces as the public sees them.

use sea_orm::{EntityTrait, QueryOrder};
use shared::Space;

use crate::{db::Db, entities::spaces};

pub async fn list_public(db: &Db) -> anyhow::Result<Vec<Space>> {
    let spaces = spaces::Entity::find()
        .order_by_asc(spaces::Column::Name)
        .order_by_asc(spaces::Column::Id)
        .all(db.conn())
        .await?;
    Ok(spaces.into_iter().map(to_public).collect())
}

fn to_public(space: spaces::Model) -> Space {
    Space {
        id: space.id,
        name: space.name,
        capacity: u32::try_from(space.capacity).unwrap_or(0),
        description: space.description,
        accessibility_notes: space.accessibility_notes,
        house_rules: space.house_rules,
    }
}

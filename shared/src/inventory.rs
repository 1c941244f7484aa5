//! Donated furniture and supplies: the inventory facilities staff keep.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $word),+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// What state an item is in.
    ItemCondition {
        New => "new",
        Good => "good",
        Fair => "fair",
        NeedsRepair => "needs_repair",
        Unusable => "unusable",
    }
);

word_enum!(
    /// Where an item is in its life.
    ItemStatus {
        InUse => "in_use",
        InStorage => "in_storage",
        LentOut => "lent_out",
        Disposed => "disposed",
    }
);

word_enum!(
    /// Why an item was disposed of.
    DisposalReason {
        Broken => "broken",
        GivenAway => "given_away",
        Recycled => "recycled",
    }
);

/// An agency-managed category (seating, snacks, ...). Consumables have stock levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemCategory {
    pub id: i64,
    pub name: String,
    pub consumable: bool,
}

/// `POST /api/facilities/categories`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewItemCategory {
    pub name: String,
    #[serde(default)]
    pub consumable: bool,
}

/// Where an item is: one of the lounge spaces, or a storage place by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemLocation {
    #[serde(default)]
    pub space_id: Option<i64>,
    #[serde(default)]
    pub storage_place: Option<String>,
}

/// `POST /api/facilities/items`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewItem {
    pub name: String,
    pub category_id: i64,
    /// Whole units; never negative.
    pub quantity: i64,
    /// e.g. "chairs", "boxes", "packs".
    #[serde(default)]
    pub unit: String,
    pub condition: ItemCondition,
    pub status: ItemStatus,
    #[serde(flatten)]
    pub location: ItemLocation,
    /// Required for an item logged on its own; items logged with a donation take the
    /// donation's date.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// In the agency's currency, in cents.
    #[serde(default)]
    pub estimated_value_cents: Option<i64>,
    #[serde(default)]
    pub notes: String,
    /// For consumables: at or below this, facilities staff are emailed once.
    #[serde(default)]
    pub low_stock_threshold: Option<i64>,
    /// The donation it came with, when it is added to one already logged.
    #[serde(default)]
    pub donation_id: Option<i64>,
}

/// An item as facilities staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    pub id: i64,
    pub name: String,
    pub category: ItemCategory,
    pub quantity: i64,
    pub unit: String,
    pub condition: ItemCondition,
    pub status: ItemStatus,
    #[serde(flatten)]
    pub location: ItemLocation,
    /// The space's name or the storage place, for people.
    pub location_name: String,
    pub received_on: NaiveDate,
    pub estimated_value_cents: Option<i64>,
    pub notes: String,
    pub low_stock_threshold: Option<i64>,
    pub low_stock: bool,
    /// The donation it came from, if any.
    pub donation: Option<DonationRef>,
}

/// Which donation, from whom: enough to link to both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonationRef {
    pub id: i64,
    pub donor_id: i64,
    pub donor_name: String,
}

/// A photo of an item, served from `url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemPhoto {
    pub id: i64,
    pub url: String,
}

/// `PATCH /api/facilities/items/{id}`: only what changes. Every change of quantity,
/// status, condition or location is recorded as a movement with `reason`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemChange {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub quantity: Option<i64>,
    #[serde(default)]
    pub condition: Option<ItemCondition>,
    #[serde(default)]
    pub status: Option<ItemStatus>,
    #[serde(default)]
    pub location: Option<ItemLocation>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Absent: unchanged; `null`: no threshold any more; a number: the new threshold.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub low_stock_threshold: Option<Option<i64>>,
    /// Required when disposing of the item.
    #[serde(default)]
    pub disposal_reason: Option<DisposalReason>,
    /// Why, in a few words, for the item's history.
    #[serde(default)]
    pub reason: String,
}

/// Reads a field that is there (even as `null`) as `Some`, so "absent" and "cleared"
/// differ; `#[serde(default)]` makes an absent one `None`.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// `POST /api/facilities/items/{id}/stock`: used up (negative) or restocked (positive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockChange {
    pub delta: i64,
    #[serde(default)]
    pub reason: String,
}

/// One recorded change of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemMovement {
    /// quantity, status, condition or location.
    pub field: String,
    pub from: String,
    pub to: String,
    pub reason: String,
    pub by: String,
    #[serde(deserialize_with = "crate::api::rfc3339::deserialize")]
    pub at: chrono::DateTime<chrono::FixedOffset>,
}

/// An item with its history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemDetail {
    #[serde(flatten)]
    pub item: Item,
    /// At most five, in the order they were added.
    pub photos: Vec<ItemPhoto>,
    pub history: Vec<ItemMovement>,
}

/// `POST /api/facilities/items/status`: one status for several items, all or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkStatusChange {
    pub ids: Vec<i64>,
    pub status: ItemStatus,
    /// Required when disposing.
    #[serde(default)]
    pub disposal_reason: Option<DisposalReason>,
    #[serde(default)]
    pub reason: String,
}

/// `POST /api/facilities/items/import`: a CSV file's text. With `save: false` nothing is
/// saved and every row's problems come back; with `save: true` all rows are saved, or
/// none if any row has a problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemImport {
    pub csv: String,
    #[serde(default)]
    pub save: bool,
}

/// One CSV row as the import read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub name: String,
    pub category: String,
    pub quantity: String,
    /// Empty when the row can be saved.
    pub problems: Vec<String>,
}

/// What an import found (and, when saved, how many items it made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    pub rows: Vec<ImportRow>,
    /// Problems with the file as a whole (e.g. a missing column).
    pub problems: Vec<String>,
    pub saved: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_tells_an_absent_threshold_from_a_cleared_one() {
        let parse = |json: &str| -> ItemChange { serde_json::from_str(json).unwrap() };
        assert_eq!(parse("{}").low_stock_threshold, None);
        assert_eq!(
            parse(r#"{"low_stock_threshold": null}"#).low_stock_threshold,
            Some(None)
        );
        assert_eq!(
            parse(r#"{"low_stock_threshold": 4}"#).low_stock_threshold,
            Some(Some(4))
        );
        let cleared = ItemChange {
            low_stock_threshold: Some(None),
            ..ItemChange::default()
        };
        let round_trip: ItemChange =
            serde_json::from_str(&serde_json::to_string(&cleared).unwrap()).unwrap();
        assert_eq!(round_trip.low_stock_threshold, Some(None));
    }
}

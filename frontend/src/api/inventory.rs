//! Facilities endpoints for the inventory: categories, items with their photos and
//! history, stock use, status changes of several items at once, and CSV import and
//! export (facilities staff and admins).

use serde::de::IgnoredAny;
use shared::{
    BulkStatusChange, ImportPreview, Item, ItemCategory, ItemChange, ItemDetail, ItemImport,
    NewItem, NewItemCategory, Page, StockChange,
};
use wasm_bindgen::JsValue;

use super::{get, request, request_raw, ApiFailure, Method};

/// How the API writes items, read without what the shared types' own `Deserialize`
/// would add to the download: serde's buffering for `#[serde(flatten)]` and chrono's
/// general date parser (dates are read by hand, like everywhere in the console). New
/// items go out the same way, without `flatten`'s map serializer.
mod wire {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serialize};
    use shared::{
        DonationRef, ItemCategory, ItemCondition, ItemLocation, ItemMovement, ItemPhoto,
        ItemStatus, Page,
    };

    use crate::clock::parse_date;

    fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        parse_date(&text).ok_or_else(|| D::Error::custom("not a date"))
    }

    #[derive(Deserialize)]
    pub struct Item {
        id: i64,
        name: String,
        category: ItemCategory,
        quantity: i64,
        #[serde(default)]
        unit: String,
        condition: ItemCondition,
        status: ItemStatus,
        #[serde(default)]
        space_id: Option<i64>,
        #[serde(default)]
        storage_place: Option<String>,
        #[serde(default)]
        location_name: String,
        #[serde(deserialize_with = "date")]
        received_on: NaiveDate,
        #[serde(default)]
        estimated_value_cents: Option<i64>,
        #[serde(default)]
        notes: String,
        #[serde(default)]
        low_stock_threshold: Option<i64>,
        #[serde(default)]
        low_stock: bool,
        #[serde(default)]
        donation: Option<DonationRef>,
    }

    impl From<Item> for shared::Item {
        fn from(item: Item) -> Self {
            Self {
                id: item.id,
                name: item.name,
                category: item.category,
                quantity: item.quantity,
                unit: item.unit,
                condition: item.condition,
                status: item.status,
                location: ItemLocation {
                    space_id: item.space_id,
                    storage_place: item.storage_place,
                },
                location_name: item.location_name,
                received_on: item.received_on,
                estimated_value_cents: item.estimated_value_cents,
                notes: item.notes,
                low_stock_threshold: item.low_stock_threshold,
                low_stock: item.low_stock,
                donation: item.donation,
            }
        }
    }

    /// An item with its photos and history: the item's fields side by side with them.
    #[derive(Deserialize)]
    pub struct ItemDetail {
        id: i64,
        name: String,
        category: ItemCategory,
        quantity: i64,
        #[serde(default)]
        unit: String,
        condition: ItemCondition,
        status: ItemStatus,
        #[serde(default)]
        space_id: Option<i64>,
        #[serde(default)]
        storage_place: Option<String>,
        #[serde(default)]
        location_name: String,
        #[serde(deserialize_with = "date")]
        received_on: NaiveDate,
        #[serde(default)]
        estimated_value_cents: Option<i64>,
        #[serde(default)]
        notes: String,
        #[serde(default)]
        low_stock_threshold: Option<i64>,
        #[serde(default)]
        low_stock: bool,
        #[serde(default)]
        donation: Option<DonationRef>,
        #[serde(default)]
        photos: Vec<ItemPhoto>,
        #[serde(default)]
        history: Vec<ItemMovement>,
    }

    impl From<ItemDetail> for shared::ItemDetail {
        fn from(detail: ItemDetail) -> Self {
            let item = Item {
                id: detail.id,
                name: detail.name,
                category: detail.category,
                quantity: detail.quantity,
                unit: detail.unit,
                condition: detail.condition,
                status: detail.status,
                space_id: detail.space_id,
                storage_place: detail.storage_place,
                location_name: detail.location_name,
                received_on: detail.received_on,
                estimated_value_cents: detail.estimated_value_cents,
                notes: detail.notes,
                low_stock_threshold: detail.low_stock_threshold,
                low_stock: detail.low_stock,
                donation: detail.donation,
            };
            Self {
                item: item.into(),
                photos: detail.photos,
                history: detail.history,
            }
        }
    }

    pub fn page(page: Page<Item>) -> Page<shared::Item> {
        Page {
            items: page.items.into_iter().map(Into::into).collect(),
            page: page.page,
            per_page: page.per_page,
            total: page.total,
        }
    }

    /// [`shared::NewItem`] with its location written out field by field.
    #[derive(Serialize)]
    pub struct NewItem<'a> {
        name: &'a str,
        category_id: i64,
        quantity: i64,
        unit: &'a str,
        condition: ItemCondition,
        status: ItemStatus,
        space_id: Option<i64>,
        storage_place: Option<&'a str>,
        received_on: Option<NaiveDate>,
        estimated_value_cents: Option<i64>,
        notes: &'a str,
        low_stock_threshold: Option<i64>,
        donation_id: Option<i64>,
    }

    impl<'a> From<&'a shared::NewItem> for NewItem<'a> {
        fn from(new: &'a shared::NewItem) -> Self {
            Self {
                name: &new.name,
                category_id: new.category_id,
                quantity: new.quantity,
                unit: &new.unit,
                condition: new.condition,
                status: new.status,
                space_id: new.location.space_id,
                storage_place: new.location.storage_place.as_deref(),
                received_on: new.received_on,
                estimated_value_cents: new.estimated_value_cents,
                notes: &new.notes,
                low_stock_threshold: new.low_stock_threshold,
                donation_id: new.donation_id,
            }
        }
    }
}

pub async fn list_categories() -> Result<Vec<ItemCategory>, ApiFailure> {
    get("/api/facilities/categories").await
}

/// Adds a category; a name taken already (in any case) is a 409 `category_exists`.
pub async fn add_category(new: &NewItemCategory) -> Result<ItemCategory, ApiFailure> {
    request(Method::Post, "/api/facilities/categories", Some(new)).await
}

/// One page of items; `query` is a query string of the list's filters, sort and page
/// (without the `?`), as the list page builds it.
pub async fn list_items(query: &str) -> Result<Page<Item>, ApiFailure> {
    let path = if query.is_empty() {
        "/api/facilities/items".to_owned()
    } else {
        format!("/api/facilities/items?{query}")
    };
    get::<Page<wire::Item>>(&path).await.map(wire::page)
}

/// Where the CSV of the items matching `query` (filters only) downloads from.
pub fn export_csv_href(query: &str) -> String {
    if query.is_empty() {
        "/api/facilities/items/export.csv".to_owned()
    } else {
        format!("/api/facilities/items/export.csv?{query}")
    }
}

pub async fn item_detail(id: i64) -> Result<ItemDetail, ApiFailure> {
    get::<wire::ItemDetail>(&format!("/api/facilities/items/{id}"))
        .await
        .map(Into::into)
}

/// Logs an item that came in; the answer is the item as saved.
pub async fn create_item(new: &NewItem) -> Result<ItemDetail, ApiFailure> {
    request::<_, wire::ItemDetail>(
        Method::Post,
        "/api/facilities/items",
        Some(&wire::NewItem::from(new)),
    )
    .await
    .map(Into::into)
}

/// Changes what is given in `change`; the answer has the history with the change in it.
pub async fn change_item(id: i64, change: &ItemChange) -> Result<ItemDetail, ApiFailure> {
    request::<_, wire::ItemDetail>(
        Method::Patch,
        &format!("/api/facilities/items/{id}"),
        Some(change),
    )
    .await
    .map(Into::into)
}

/// Uses up (negative `delta`) or restocks (positive) a supply.
pub async fn change_stock(id: i64, change: &StockChange) -> Result<ItemDetail, ApiFailure> {
    request::<_, wire::ItemDetail>(
        Method::Post,
        &format!("/api/facilities/items/{id}/stock"),
        Some(change),
    )
    .await
    .map(Into::into)
}

/// Gives several items one status, all or none. The list reloads afterwards, so the
/// answer's details are not read.
pub async fn change_status(change: &BulkStatusChange) -> Result<(), ApiFailure> {
    request::<_, IgnoredAny>(Method::Post, "/api/facilities/items/status", Some(change)).await?;
    Ok(())
}

/// Adds a photo someone picked (a `File`) with its `content_type`.
pub async fn upload_item_photo(
    id: i64,
    photo: &JsValue,
    content_type: &str,
) -> Result<ItemDetail, ApiFailure> {
    request_raw::<wire::ItemDetail>(
        Method::Put,
        &format!("/api/facilities/items/{id}/photos"),
        photo,
        content_type,
    )
    .await
    .map(Into::into)
}

pub async fn remove_item_photo(id: i64, photo_id: i64) -> Result<(), ApiFailure> {
    request::<(), ()>(
        Method::Delete,
        &format!("/api/facilities/items/{id}/photos/{photo_id}"),
        None,
    )
    .await
}

/// Checks (`save: false`) or saves (`save: true`) a CSV file's items.
pub async fn import_items(import: &ItemImport) -> Result<ImportPreview, ApiFailure> {
    request(Method::Post, "/api/facilities/items/import", Some(import)).await
}

//! Donors, the donations they make, thank-you letters, and the public wishlist partners
//! pledge from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::inventory::{word_enum, Item, NewItem};

word_enum!(
    /// What kind of giver a donor is.
    DonorKind {
        Nonprofit => "nonprofit",
        Business => "business",
        CommunityDrive => "community_drive",
        Grant => "grant",
        Individual => "individual",
    }
);

word_enum!(
    /// How a donation reached the lounge.
    DeliveryMethod {
        DropOff => "drop_off",
        Pickup => "pickup",
        Delivery => "delivery",
    }
);

word_enum!(
    /// How much the lounge needs a wishlist item.
    WishPriority {
        High => "high",
        Medium => "medium",
        Low => "low",
    }
);

word_enum!(
    /// Where a pledge is: waiting for the gift, turned into a donation, or withdrawn.
    PledgeStatus {
        Open => "open",
        Received => "received",
        Withdrawn => "withdrawn",
    }
);

/// `POST /api/facilities/donors` and `PUT /api/facilities/donors/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDonor {
    pub kind: DonorKind,
    /// The organisation's name, or the person's for an individual.
    pub name: String,
    #[serde(default)]
    pub contact_person: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Postal address, as it goes on a letter (lines separated by newlines).
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub notes: String,
    /// They agreed to be thanked by name in public.
    #[serde(default)]
    pub public_thanks: bool,
}

/// A donor as facilities staff see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Donor {
    pub id: i64,
    #[serde(flatten)]
    pub details: NewDonor,
    pub donations: u64,
    /// The last donation's date.
    pub last_gave_on: Option<NaiveDate>,
}

/// For grants: what the money is, how much and for when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantDetails {
    pub name: String,
    /// In the agency's currency, in cents.
    pub amount_cents: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

/// Who a new donation is from: a donor already known, or a new one made with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum DonationFrom {
    Known { donor_id: i64 },
    New { new_donor: NewDonor },
}

/// `POST /api/facilities/donations`: the donation and the items it brought, saved
/// together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDonation {
    #[serde(flatten)]
    pub from: DonationFrom,
    pub received_on: NaiveDate,
    pub method: DeliveryMethod,
    #[serde(default)]
    pub notes: String,
    /// Only for grants.
    #[serde(default)]
    pub grant: Option<GrantDetails>,
    /// Each item takes the donation's date.
    #[serde(default)]
    pub items: Vec<NewItem>,
}

/// A donation with what it brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Donation {
    pub id: i64,
    pub donor_id: i64,
    pub donor_name: String,
    pub donor_kind: DonorKind,
    pub received_on: NaiveDate,
    pub method: DeliveryMethod,
    pub notes: String,
    pub grant: Option<GrantDetails>,
    pub items: Vec<Item>,
    /// When the thank-you letter was last emailed.
    #[serde(default, deserialize_with = "crate::api::rfc3339::deserialize_option")]
    pub letter_emailed_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// One line of what a donor's gifts are doing now, e.g. "3 sofas — in use in the Main
/// Lounge".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImpactLine {
    pub item_id: i64,
    pub text: String,
}

/// A donor's page: who they are, everything they gave, and where it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorDetail {
    #[serde(flatten)]
    pub donor: Donor,
    pub donation_list: Vec<Donation>,
    pub impact: Vec<ImpactLine>,
    /// A short note staff can edit and send, drafted from `impact`.
    pub impact_note_draft: String,
}

/// `POST /api/facilities/donors/{id}/impact-note`: emailed to the donor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImpactNote {
    pub text: String,
}

/// What goes at the top and bottom of thank-you letters. The agency's name comes from
/// the server's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Letterhead {
    #[serde(default)]
    pub agency_name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    /// The tax or charity number donors quote, e.g. an EIN.
    #[serde(default)]
    pub tax_id: String,
    #[serde(default)]
    pub signer_name: String,
    #[serde(default)]
    pub signer_title: String,
    /// Put before amounts, e.g. "$" or "£"; grants' amounts are the only ones letters give.
    #[serde(default)]
    pub currency_symbol: String,
}

/// `POST /api/facilities/wishlist` and `PUT /api/facilities/wishlist/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWish {
    pub name: String,
    /// How many the lounge needs in all.
    pub quantity: i64,
    pub priority: WishPriority,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub category_id: Option<i64>,
}

/// A wishlist entry as facilities staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wish {
    pub id: i64,
    #[serde(flatten)]
    pub details: NewWish,
    /// Promised by open or received pledges.
    pub pledged: i64,
    pub still_needed: i64,
}

/// A wishlist entry as the public sees it: never who pledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicWish {
    pub id: i64,
    pub name: String,
    pub priority: WishPriority,
    pub note: String,
    pub still_needed: i64,
}

/// `POST /api/wishlist/{id}/pledges`: a partner promising some of what is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPledge {
    #[serde(default)]
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    pub quantity: i64,
    #[serde(default)]
    pub message: String,
}

/// The answer to a pledge: what is still needed now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PledgeReceipt {
    pub wish: PublicWish,
    pub quantity: i64,
}

/// A pledge as facilities staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pledge {
    pub id: i64,
    pub wish_id: i64,
    pub wish_name: String,
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    pub quantity: i64,
    pub message: String,
    pub status: PledgeStatus,
    pub donation_id: Option<i64>,
    #[serde(deserialize_with = "crate::api::rfc3339::deserialize")]
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}

/// `POST /api/facilities/pledges/{id}/donation`: the pledged gift arrived. Makes the
/// donation (and the donor, unless `donor_id` names one) with its items in one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PledgeArrived {
    /// A known donor; otherwise one is made from the pledge's organisation and contact.
    #[serde(default)]
    pub donor_id: Option<i64>,
    pub received_on: NaiveDate,
    pub method: DeliveryMethod,
    #[serde(default)]
    pub notes: String,
    pub items: Vec<NewItem>,
}

//! The public widget young people use: the lounge, peer mentors and events. It is its
//! own bundle (`src/main.rs`) and uses nothing from [`crate::console`], so no staff code
//! is linked into what every visitor downloads. The manage page behind every booking's
//! secret link is a second, small bundle of the same pieces ([`ManageApp`],
//! `src/bin/manage.rs`), and the public wishlist partners pledge from is a third
//! ([`WishlistApp`], `src/bin/wishlist.rs`).

mod app;
pub mod components;
pub mod embed;
pub mod handoff;
mod layout;
mod manage_app;
pub mod pages;
pub mod router;
pub mod week;
pub mod wishlist;
mod wishlist_app;

pub use app::App;
pub use layout::Layout;
pub use manage_app::ManageApp;
pub use router::{LinkLook, Route, WidgetLink};
pub use wishlist_app::WishlistApp;

//! Building blocks shared by pages of both bundles.

pub mod error_notice;
pub mod fetch_view;
pub mod form;
pub mod loading;
pub mod nav_link;

pub use error_notice::error_notice;
pub use fetch_view::fetch_view;
pub use loading::loading;
pub use nav_link::NavLink;

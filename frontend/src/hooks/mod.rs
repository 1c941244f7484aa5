//! Hooks shared by pages and components of both bundles.

pub mod use_document_title;
pub mod use_fetch;
pub mod use_focus_on_change;

pub use use_document_title::use_document_title;
pub use use_fetch::{use_fetch, use_fetch_with, FetchHandle, FetchState};
pub use use_focus_on_change::use_focus_on_change;

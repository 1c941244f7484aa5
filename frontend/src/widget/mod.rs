//! The public widget young people use: the lounge, peer mentors and events. It is its
//! own bundle (`src/main.rs`) and uses nothing from [`crate::console`], so no staff code
//! is linked into what every visitor downloads.

mod app;
pub mod components;
pub mod embed;
pub mod handoff;
mod layout;
pub mod pages;
pub mod router;
pub mod week;

pub use app::App;
pub use layout::Layout;
pub use router::{LinkLook, Route, WidgetLink};

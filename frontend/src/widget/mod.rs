//! The public widget young people use: the lounge, peer mentors and events. It is its
//! own bundle (`src/main.rs`) and uses nothing from [`crate::console`], so no staff code
//! is linked into what every visitor downloads.

mod app;
mod layout;
pub mod pages;

pub use app::{App, Route};
pub use layout::Layout;

/// A link to a page of the widget.
pub type WidgetLink = crate::components::NavLink<Route>;

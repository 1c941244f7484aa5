//! Types that cross the wire between the Peer Lounge server and its widget, and the
//! validated newtypes both sides parse user input into, so the rules live in one place.

pub mod api;
pub mod domain;
pub mod donations;
pub mod events;
pub mod form_checks;
pub mod inventory;
pub mod mentoring;

pub use api::*;
pub use domain::*;
pub use donations::*;
pub use events::*;
pub use inventory::*;
pub use mentoring::*;

//! Building blocks shared by several pages.

pub mod console_home;
pub mod error_notice;
pub mod fetch_view;
pub mod layout;
pub mod loading;
pub mod nav_link;
pub mod sign_in_form;

pub use console_home::ConsoleHome;
pub use error_notice::error_notice;
pub use fetch_view::fetch_view;
pub use layout::Layout;
pub use loading::loading;
pub use nav_link::NavLink;
pub use sign_in_form::SignInForm;

//! One component per widget route.

pub mod events_page;
pub mod home_page;
pub mod lounge_page;
pub mod mentors_page;
pub mod not_found_page;

pub use events_page::EventsPage;
pub use home_page::HomePage;
pub use lounge_page::LoungePage;
pub use mentors_page::MentorsPage;
pub use not_found_page::NotFoundPage;

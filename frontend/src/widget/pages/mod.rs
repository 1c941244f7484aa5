//! One component per widget route. The manage page is in a bundle of its own
//! ([`crate::widget::ManageApp`]).

pub mod book_spot_page;
pub mod event_page;
pub mod events_page;
pub mod home_page;
pub mod lounge_page;
pub mod manage_page;
pub mod mentor_page;
pub mod mentors_page;
pub mod not_found_page;

pub use book_spot_page::BookSpotPage;
pub use event_page::EventPage;
pub use events_page::EventsPage;
pub use home_page::HomePage;
pub use lounge_page::LoungePage;
pub use manage_page::ManagePage;
pub use mentor_page::MentorPage;
pub use mentors_page::MentorsPage;
pub use not_found_page::NotFoundPage;

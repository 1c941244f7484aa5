//! One component per console route.

pub mod audit_page;
pub mod change_password_page;
pub mod closures_page;
pub mod day_sheet_page;
pub mod forgot_password_page;
pub mod home_page;
pub mod not_found_page;
pub mod opening_hours_page;
pub mod outbox_page;
pub mod set_password_page;
pub mod space_page;
pub mod spaces_page;
pub mod users_page;

pub use audit_page::AuditPage;
pub use change_password_page::ChangePasswordPage;
pub use closures_page::ClosuresPage;
pub use day_sheet_page::DaySheetPage;
pub use forgot_password_page::ForgotPasswordPage;
pub use home_page::HomePage;
pub use not_found_page::NotFoundPage;
pub use opening_hours_page::OpeningHoursPage;
pub use outbox_page::OutboxPage;
pub use set_password_page::SetPasswordPage;
pub use space_page::SpacePage;
pub use spaces_page::SpacesPage;
pub use users_page::UsersPage;

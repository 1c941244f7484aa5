//! Building blocks of the console's pages.

pub mod account_card;
pub mod console_home;
pub mod invite_form;
pub mod pager;
pub mod requeue_button;
pub mod require_staff;
pub mod role_fieldset;
pub mod sign_in_form;
pub mod sign_out_button;

pub use account_card::AccountCard;
pub use console_home::ConsoleHome;
pub use invite_form::InviteForm;
pub use pager::{pager, Pager};
pub use requeue_button::RequeueButton;
pub use require_staff::RequireStaff;
pub use role_fieldset::{role_fieldset, toggle_role, RoleFieldset};
pub use sign_in_form::SignInForm;
pub use sign_out_button::SignOutButton;

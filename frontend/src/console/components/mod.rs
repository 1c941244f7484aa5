//! Building blocks of the console's pages.

pub mod account_card;
pub mod closure_card;
pub mod closure_form;
pub mod console_home;
pub mod field;
pub mod invite_form;
pub mod pager;
pub mod requeue_button;
pub mod require_staff;
pub mod role_fieldset;
pub mod sign_in_form;
pub mod sign_out_button;
pub mod slot_sheet;
pub mod space_form;
pub mod space_nav;

pub use account_card::AccountCard;
pub use closure_card::ClosureCard;
pub use closure_form::ClosureForm;
pub use console_home::ConsoleHome;
pub use invite_form::InviteForm;
pub use pager::{pager, Pager};
pub use requeue_button::RequeueButton;
pub use require_staff::RequireStaff;
pub use role_fieldset::{role_fieldset, toggle_role, RoleFieldset};
pub use sign_in_form::SignInForm;
pub use sign_out_button::SignOutButton;
pub use slot_sheet::SlotSheet;
pub use space_form::SpaceForm;
pub use space_nav::space_nav;

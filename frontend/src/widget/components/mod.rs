//! Building blocks of the widget's lounge and booking pages.

pub mod booking_form;
pub mod confirmation;
pub mod pieces;
pub mod slot_picker;

pub use booking_form::BookingForm;
pub use slot_picker::slot_picker;

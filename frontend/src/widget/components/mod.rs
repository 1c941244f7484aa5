//! Building blocks of the widget's lounge, mentor and booking pages.

pub mod booking_form;
pub mod confirmation;
pub mod pieces;
pub mod question_form;
pub mod slot_picker;
pub mod week_picker;

pub use booking_form::BookingForm;
pub use slot_picker::slot_picker;
pub use week_picker::WeekPicker;

//! What one widget page hands the next when the widget moves on by itself: word that
//! the chosen time can't be had any more (it filled up, or the mentor can't take it)
//! while the booking form was open. In memory, and taken by the page it is for, so it
//! is said once.

use std::cell::Cell;

thread_local! {
    static NOTE: Cell<Option<String>> = const { Cell::new(None) };
}

/// Leaves `note` for the page the widget moves on to.
pub fn hand_over_note(note: String) {
    NOTE.with(|slot| slot.set(Some(note)));
}

/// The note handed over, if any (and takes it).
pub fn take_note() -> Option<String> {
    NOTE.with(Cell::take)
}

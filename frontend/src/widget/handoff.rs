//! What one widget page hands the next when the widget moves on by itself: word that
//! the chosen time filled up while the booking form was open. In memory, and taken by
//! the page it is for, so it is said once.

use std::cell::Cell;

thread_local! {
    static SLOT_TAKEN: Cell<bool> = const { Cell::new(false) };
}

pub fn hand_over_slot_taken() {
    SLOT_TAKEN.with(|slot_taken| slot_taken.set(true));
}

/// Whether word that the chosen time filled up was handed over (and takes it).
pub fn take_slot_taken() -> bool {
    SLOT_TAKEN.with(|slot_taken| slot_taken.replace(false))
}

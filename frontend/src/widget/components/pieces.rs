//! Small pieces of markup the widget's booking pages share. Each is written once so it
//! weighs on the download once: every element `html!` builds is code in the wasm.

use chrono::{DateTime, FixedOffset};
use shared::{Booking, BookingKind};
use yew::prelude::*;

use crate::format;
use crate::widget::{LinkLook, Route, WidgetLink};

/// "When", "Where" (unless `place` is empty) and, for office hours, "With" whom, of a
/// booking or a slot, on the lounge's own clock.
pub fn when_and_where(
    start: &DateTime<FixedOffset>,
    end: &DateTime<FixedOffset>,
    place: &str,
    mentor: Option<&str>,
) -> Html {
    html! {
        <dl class="facts">
            <dt>{ "When" }</dt>
            <dd>
                <time datetime={format::iso_datetime(start)}>
                    { format::place_time_range(start, end) }
                </time>
            </dd>
            if !place.is_empty() {
                <dt>{ "Where" }</dt>
                <dd>{ place }</dd>
            }
            if let Some(mentor) = mentor {
                <dt>{ "With" }</dt>
                <dd>{ mentor }</dd>
            }
        </dl>
    }
}

/// [`when_and_where`] of a booking.
pub fn booking_facts(booking: &Booking) -> Html {
    when_and_where(
        &booking.start,
        &booking.end,
        &booking.place,
        booking.mentor.as_deref(),
    )
}

/// Where to book again after a booking: the lounge, the peer mentors, or the events.
pub fn home_of(booking: &Booking) -> Route {
    match booking.kind {
        BookingKind::Lounge => Route::Lounge,
        BookingKind::OfficeHours => Route::Mentors,
        BookingKind::Event => Route::Events,
    }
}

/// How a notice looks and whether it interrupts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something went wrong: announced at once.
    Error,
    /// Worth knowing, not an error: announced at once.
    Info,
    /// Good news; the page moves focus to it, which announces it.
    Success,
}

/// A notice in a box. `focus_ref` lets a page move focus to it.
pub fn notice(tone: Tone, text: &str, focus_ref: Option<&NodeRef>) -> Html {
    let text = html! { <p>{ text }</p> };
    let tabindex = focus_ref.map(|_| "-1");
    let node_ref = focus_ref.cloned().unwrap_or_default();
    // Each class written out: see `LinkLook`.
    match tone {
        Tone::Error => html! {
            <div class="notice notice--error" role="alert" {tabindex} ref={node_ref}>{ text }</div>
        },
        Tone::Info => html! {
            <div class="notice notice--info" role="alert" {tabindex} ref={node_ref}>{ text }</div>
        },
        Tone::Success => html! {
            <div class="notice notice--success" {tabindex} ref={node_ref}>{ text }</div>
        },
    }
}

/// A link to another page of the widget (the lounge's times, a mentor's), as a
/// paragraph of its own.
pub fn page_link(to: Route, label: &'static str, as_button: bool) -> Html {
    let look = if as_button {
        LinkLook::Button
    } else {
        LinkLook::Plain
    };
    html! {
        <p><WidgetLink {to} {look}>{ label }</WidgetLink></p>
    }
}

/// A plain `type="button"` button.
pub fn button(label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="button" {onclick}>{ label }</button> }
}

/// Progress of a request ("Booking your spot…"), announced politely; empty otherwise.
pub fn progress(text: &'static str, busy: bool) -> Html {
    html! {
        <p class="form-status" role="status" aria-live="polite">
            { if busy { text } else { "" } }
        </p>
    }
}

//! "You're in!": what a young person sees right after booking a lounge spot, a mentor's
//! time or a seat at an event (or a place on its waitlist), with the manage link shown
//! this once. It is only in memory, never in the address.

use js_sys::{Function, Promise, Reflect};
use shared::{Booking, BookingKind, BookingStatus};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use super::pieces::{booking_facts, button, home_of, page_link};
use crate::api::bookings::calendar_url;
use crate::widget::embed::is_embedded;
use crate::widget::Route;

pub const SAVE_LINK_ADVICE: &str = "Save this link — it's how you can cancel or change your \
     time. Anyone with it can change your booking, so keep it private.";
/// [`SAVE_LINK_ADVICE`] for an event, whose time can't be changed.
pub const SAVE_EVENT_LINK_ADVICE: &str = "Save this link — it's how you can check your spot \
     or cancel. Anyone with it can change your booking, so keep it private.";
pub const WAITLIST_NEXT: &str = "If someone cancels, you move up the line. When a spot is \
     yours, your link below will say so, and we'll email you if you gave an email.";

/// The heading over a confirmation: "You're in!", or the place on an event's waitlist.
pub fn confirmation_heading(booking: &Booking) -> String {
    match (booking.status, booking.waitlist_position) {
        (BookingStatus::Waitlisted, Some(position)) => {
            format!("You're on the waitlist — number {position}")
        }
        (BookingStatus::Waitlisted, None) => "You're on the waitlist".to_owned(),
        _ => "You're in!".to_owned(),
    }
}

/// The booking just made, its house rules, and its manage link with "Copy link", whose
/// outcome `copy_status` shows.
pub fn confirmation(
    booking: &Booking,
    house_rules: &str,
    copy_status: &UseStateHandle<&'static str>,
) -> Html {
    let has_place = booking.status.holds_place();
    html! {
        <>
            if has_place {
                <p class="lead">{ format!("See you soon, {}.", booking.name) }</p>
            } else {
                <p class="lead">{ WAITLIST_NEXT }</p>
            }
            { booking_facts(booking) }
            if let (Some(token), true) = (&booking.manage_token, has_place) {
                <p><a class="button" href={calendar_url(token)}>{ "Add to calendar" }</a></p>
            }
            if !house_rules.is_empty() {
                <h2>{ "House rules" }</h2>
                <p class="multiline">{ house_rules }</p>
            }
            if let Some(url) = &booking.manage_url {
                { manage_link(booking, url, copy_status) }
            }
            { back_link(home_of(booking)) }
        </>
    }
}

fn back_link(home: Route) -> Html {
    let label = match home {
        Route::Lounge => "Back to the lounge",
        Route::Events => "Back to events",
        _ => "Back to peer mentors",
    };
    page_link(home, label, false)
}

fn manage_link(booking: &Booking, url: &str, copy_status: &UseStateHandle<&'static str>) -> Html {
    let (heading, advice) = match (booking.kind, booking.status) {
        (BookingKind::Event, BookingStatus::Waitlisted) => (
            "Changed your mind? Leave the waitlist",
            SAVE_EVENT_LINK_ADVICE,
        ),
        (BookingKind::Event, _) => ("Can't make it? Cancel your spot", SAVE_EVENT_LINK_ADVICE),
        _ => (
            "Can't make it? Cancel or change your time",
            SAVE_LINK_ADVICE,
        ),
    };
    // Inside another site's frame, the manage page opens in its own tab rather than
    // squeezed into the frame.
    let embedded = is_embedded();
    let on_copy = {
        let (copy_status, url) = (copy_status.clone(), url.to_owned());
        Callback::from(move |_: MouseEvent| {
            let (copy_status, url) = (copy_status.clone(), url.clone());
            spawn_local(async move {
                copy_status.set(if copy_to_clipboard(&url).await {
                    "Link copied."
                } else {
                    "We couldn't copy it here. Press and hold the link (or right-click it), \
                     then choose Copy."
                });
            });
        })
    };
    html! {
        <section class="card manage-box" aria-labelledby="manage-heading">
            <h2 id="manage-heading">{ heading }</h2>
            <p>{ advice }</p>
            <p class="manage-link">
                <a
                    id="manage-link"
                    href={url.to_owned()}
                    target={embedded.then_some("_blank")}
                    rel={embedded.then_some("noopener")}
                >
                    { url }
                    if embedded {
                        <span class="visually-hidden">{ " (opens in a new tab)" }</span>
                    }
                </a>
            </p>
            { button("Copy link", on_copy) }
            <p class="copy-status" role="status" aria-live="polite">{ **copy_status }</p>
            <p class="note">{ "If you gave an email, we've sent you this link too." }</p>
        </section>
    }
}

/// Writes `text` to the clipboard; false when the browser has no clipboard for us
/// (an `http://` page, an old browser) or refuses.
async fn copy_to_clipboard(text: &str) -> bool {
    // Looked up rather than bound: `navigator.clipboard` is missing outside secure
    // pages, and calling a method on it would then throw.
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
        return false;
    };
    let Some(clipboard) = Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|clipboard| clipboard.is_object())
    else {
        return false;
    };
    let written = Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|write_text| write_text.dyn_into::<Function>().ok())
        .and_then(|write_text| write_text.call1(&clipboard, &text.into()).ok())
        .and_then(|promise| promise.dyn_into::<Promise>().ok());
    match written {
        Some(promise) => JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}

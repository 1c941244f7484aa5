//! `/lounge/{space_id}/book?start=...`: the chosen time and place, the form to book it,
//! and then "You're in!". The choice lives in the address, so a reload finds the same
//! form; a time that is gone by then gets a way back to the others. Once booked, the
//! address says so (`&booked=1`), so a reload can't book the same time twice.

use chrono::DateTime;
use shared::{Booking, SlotAvailability, Space};
use yew::prelude::*;

use crate::components::{error_notice, loading};
use crate::hooks::{use_document_title, use_fetch, use_focus_on_change, FetchState};
use crate::widget::components::confirmation::confirmation;
use crate::widget::components::pieces::{lounge_link, notice, when_and_where, Tone};
use crate::widget::components::BookingForm;
use crate::widget::handoff::hand_over_slot_taken;
use crate::widget::router::{go_to, page_query_param};
use crate::widget::week::{find_slot, load_week};
use crate::widget::Route;

#[derive(Properties, PartialEq)]
pub struct BookSpotPageProps {
    pub space_id: i64,
}

#[component]
pub fn BookSpotPage(props: &BookSpotPageProps) -> Html {
    let start_param = page_query_param("start").unwrap_or_default();
    // The times as the server sees them now: the chosen one may have filled or passed
    // since the address was made.
    let week = use_fetch(load_week);
    let booked = use_state(|| None::<Booking>);
    let copy_status = use_state(|| "");
    let heading_ref = use_node_ref();
    use_focus_on_change(booked.is_some(), heading_ref.clone());
    use_document_title(if booked.is_some() {
        "You're in!"
    } else {
        "Book a spot"
    });

    let start = DateTime::parse_from_rfc3339(&start_param).ok();
    let chosen = match &*week {
        FetchState::Loaded(weeks) => {
            start.and_then(|start| find_slot(weeks, props.space_id, &start))
        }
        _ => None,
    };
    let body = match (&*booked, &*week, chosen) {
        (Some(booking), _, _) => {
            let house_rules = chosen.map_or("", |(space, _)| space.house_rules.as_str());
            confirmation(booking, house_rules, &copy_status)
        }
        // Booked before this page was reloaded: the link was shown then.
        (None, ..) if page_query_param("booked").is_some() => already_booked(),
        (None, FetchState::Loading, _) => loading("Getting your time ready…"),
        (None, FetchState::Failed(failure), _) => error_notice(failure, Some(&week.retry)),
        (None, FetchState::Loaded(_), Some((space, slot))) if slot.available > 0 => {
            let on_booked = {
                let booked = booked.clone();
                let (space_id, start_param) = (props.space_id, start_param.clone());
                Callback::from(move |booking: Booking| {
                    booked.set(Some(booking));
                    let params = [("start", start_param.as_str()), ("booked", "1")];
                    go_to(Route::BookSpot { space_id }, &params, true);
                })
            };
            booking_step(space, slot, on_booked)
        }
        (None, FetchState::Loaded(_), _) => time_gone(),
    };

    html! {
        <>
            <h1 tabindex="-1" ref={heading_ref}>
                { if booked.is_some() { "You're in!" } else { "Book a spot" } }
            </h1>
            { body }
        </>
    }
}

fn booking_step(space: &Space, slot: &SlotAvailability, on_booked: Callback<Booking>) -> Html {
    let on_slot_taken = Callback::from(|()| {
        hand_over_slot_taken();
        go_to(Route::Lounge, &[], true);
    });
    html! {
        <>
            { when_and_where(&slot.start, &slot.end, &space.name) }
            { lounge_link("Choose a different time", false) }
            <BookingForm space_id={space.id} start={slot.start} {on_booked} {on_slot_taken} />
        </>
    }
}

fn time_gone() -> Html {
    html! {
        <>
            { notice(Tone::Info, "Sorry, that time can't be booked any more.", None) }
            { lounge_link("See other times", true) }
        </>
    }
}

fn already_booked() -> Html {
    html! {
        <>
            <p>
                { "You've booked this time. To see your booking, open the link you saved \
                   when you booked, or the one in your email." }
            </p>
            { lounge_link("See lounge times", true) }
        </>
    }
}

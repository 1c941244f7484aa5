//! `/lounge/{space_id}/book?start=...` and `/mentors/{id or any}/book?start=...`: the
//! chosen time (and place, or mentor), the form to book it, and then "You're in!". The
//! choice lives in the address, so a reload finds the same form; a time that is gone by
//! then gets a way back to the others. Once booked, the address says so (`&booked=1`),
//! so a reload can't book the same time twice.

use chrono::DateTime;
use shared::Booking;
use yew::prelude::*;

use crate::components::{error_notice, loading};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change, FetchState};
use crate::widget::components::confirmation::confirmation;
use crate::widget::components::pieces::{notice, page_link, when_and_where, Tone};
use crate::widget::components::BookingForm;
use crate::widget::handoff::hand_over_note;
use crate::widget::router::{go_to, page_query_param};
use crate::widget::week::{load_chosen, Chosen, SlotSource};

#[derive(Properties, PartialEq)]
pub struct BookSpotPageProps {
    pub source: SlotSource,
}

#[component]
pub fn BookSpotPage(props: &BookSpotPageProps) -> Html {
    let source = props.source;
    let start = DateTime::parse_from_rfc3339(&page_query_param("start").unwrap_or_default()).ok();
    // The time as the server sees it now: it may have filled or passed since the
    // address was made.
    let chosen = use_fetch_with((source, start), |&(source, start)| async move {
        match start {
            Some(start) => load_chosen(source, start).await,
            None => Ok(None),
        }
    });
    let booked = use_state(|| None::<Booking>);
    let copy_status = use_state(|| "");
    let heading_ref = use_node_ref();
    use_focus_on_change(booked.is_some(), heading_ref.clone());
    use_document_title(if booked.is_some() {
        "You're in!"
    } else {
        "Book a spot"
    });

    let body = match (&*booked, &*chosen) {
        (Some(booking), chosen) => {
            let house_rules = match chosen {
                FetchState::Loaded(Some(chosen)) => chosen.house_rules.as_str(),
                _ => "",
            };
            confirmation(booking, house_rules, &copy_status)
        }
        // Booked before this page was reloaded: the link was shown then.
        (None, _) if page_query_param("booked").is_some() => already_booked(source),
        (None, FetchState::Loading) => loading("Getting your time ready…"),
        (None, FetchState::Failed(failure)) => error_notice(failure, Some(&chosen.retry)),
        (None, FetchState::Loaded(Some(chosen))) if chosen.slot.available > 0 => {
            let on_booked = {
                let booked = booked.clone();
                let start = format::api_time(&chosen.slot.start);
                Callback::from(move |booking: Booking| {
                    booked.set(Some(booking));
                    let params = [("start", start.as_str()), ("booked", "1")];
                    go_to(source.booking_page(), &params, true);
                })
            };
            booking_step(source, chosen, on_booked)
        }
        (None, FetchState::Loaded(_)) => time_gone(source),
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

fn booking_step(source: SlotSource, chosen: &Chosen, on_booked: Callback<Booking>) -> Html {
    let on_slot_taken = Callback::from(move |message: String| {
        // The lounge's own words; a mentor's time, the server's (which never say why
        // a mentor can't).
        hand_over_note(match source {
            SlotSource::Space(_) => {
                "Sorry, someone just took the last spot at that time. Please pick another time."
                    .to_owned()
            }
            SlotSource::Mentor(_) | SlotSource::Event(_) => message,
        });
        go_to(source.times_page(), &[], true);
    });
    let Chosen {
        slot,
        place,
        mentor,
        ..
    } = chosen;
    html! {
        <>
            { when_and_where(&slot.start, &slot.end, place, mentor.as_deref()) }
            { page_link(source.times_page(), "Choose a different time", false) }
            <BookingForm
                {source}
                mentor={mentor.clone().map(AttrValue::from)}
                start={slot.start}
                {on_booked}
                {on_slot_taken}
            />
        </>
    }
}

fn time_gone(source: SlotSource) -> Html {
    html! {
        <>
            { notice(Tone::Info, "Sorry, that time can't be booked any more.", None) }
            { page_link(source.times_page(), "See other times", true) }
        </>
    }
}

fn already_booked(source: SlotSource) -> Html {
    html! {
        <>
            <p>
                { "You've booked this time. To see your booking, open the link you saved \
                   when you booked, or the one in your email." }
            </p>
            { page_link(source.times_page(), "See other times", true) }
        </>
    }
}

//! `/mentors/{id}`: one peer mentor's profile and their office-hours times, a week at a
//! time; and `/mentors/any`, the times when any listed mentor is free, for young people
//! who don't mind who. Choosing a time opens the booking form for it.

use shared::{MentorProfile, SlotAvailability};
use yew::prelude::*;

use crate::api::mentors::find_mentor;
use crate::components::fetch_view;
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with};
use crate::widget::components::pieces::{notice, page_link, Tone};
use crate::widget::components::WeekPicker;
use crate::widget::handoff::take_note;
use crate::widget::pages::mentors_page::{avatar, NOT_TAKING_BOOKINGS};
use crate::widget::router::go_to;
use crate::widget::week::SlotSource;
use crate::widget::Route;

#[derive(Properties, PartialEq)]
pub struct MentorPageProps {
    /// `None`: any available mentor.
    pub mentor_id: Option<i64>,
}

#[component]
pub fn MentorPage(props: &MentorPageProps) -> Html {
    use_document_title("Peer mentor");
    let mentor_id = props.mentor_id;
    // `None` without asking anyone for any available mentor.
    let mentor = use_fetch_with(mentor_id, |&mentor_id| async move {
        match mentor_id {
            Some(mentor_id) => find_mentor(mentor_id).await.map(Some),
            None => Ok(None),
        }
    });
    // Said once: coming back later doesn't repeat it.
    let note = use_state(take_note);
    let on_pick = Callback::from(move |slot: SlotAvailability| {
        let start = format::api_time(&slot.start);
        go_to(Route::BookMentor { mentor_id }, &[("start", &start)], false);
    });
    let times = html! {
        <>
            if let Some(note) = &*note {
                { notice(Tone::Info, note, None) }
            }
            <WeekPicker source={SlotSource::Mentor(mentor_id)} {on_pick} />
        </>
    };

    html! {
        <>
            { fetch_view(&mentor, "Loading…", |mentor| match mentor {
                Some(mentor) => profile(mentor, times),
                None => html! {
                    <>
                        <h1 tabindex="-1">{ "Any available mentor" }</h1>
                        <p class="lead">
                            { "Don't mind who you talk to? Pick a time, and a peer mentor \
                               who's free then will meet you." }
                        </p>
                        <h2>{ "Pick a time" }</h2>
                        { times }
                    </>
                },
            }) }
            { page_link(Route::Mentors, "See all peer mentors", false) }
        </>
    }
}

fn profile(mentor: &MentorProfile, times: Html) -> Html {
    let meets: Vec<&str> = mentor.meets.iter().map(|place| place.label()).collect();
    let facts = [
        ("Can talk with you about", mentor.topics.join(", ")),
        ("Speaks", mentor.languages.join(", ")),
        ("Into", mentor.interests.join(", ")),
        ("Likes to meet", meets.join(", ")),
    ];
    html! {
        <>
            { avatar(mentor) }
            <h1 tabindex="-1">{ &mentor.display_name }</h1>
            <p class="card__meta">{ &mentor.title }</p>
            if let Some(pronouns) = &mentor.pronouns {
                <p class="card__meta">{ format!("Pronouns: {pronouns}") }</p>
            }
            <p class="multiline">{ &mentor.bio }</p>
            <dl class="facts">
                { for facts.into_iter().filter(|(_, value)| !value.is_empty()).map(
                    |(label, value)| html! {
                        <>
                            <dt>{ label }</dt>
                            <dd>{ value }</dd>
                        </>
                    }
                ) }
            </dl>
            if mentor.accepting_bookings {
                <h2>{ format!("Book a time with {}", mentor.display_name) }</h2>
                { times }
            } else {
                <p class="note">{ NOT_TAKING_BOOKINGS }</p>
                { page_link(Route::Mentor { mentor_id: None }, "Book any available mentor", true) }
            }
        </>
    }
}

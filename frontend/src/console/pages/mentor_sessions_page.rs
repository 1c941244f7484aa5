//! `/staff/mentor/sessions` (peer mentors): sessions coming up and those of the last
//! two weeks, each with the name and topic the young person chose to share, and a
//! private check-in once it has started.

use shared::MentorSession;
use yew::prelude::*;

use crate::api::mentoring::sessions;
use crate::clock;
use crate::components::fetch_view;
use crate::console::components::mentor_nav::mentor_nav;
use crate::console::components::session_card::SessionCard;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_fetch};

#[component]
pub fn MentorSessionsPage() -> Html {
    use_document_title("My sessions");
    let sessions = use_fetch(sessions);
    let on_saved = {
        let refresh = sessions.refresh.clone();
        Callback::from(move |_: MentorSession| refresh.emit(()))
    };
    html! {
        <>
            <h1>{ "My sessions" }</h1>
            { mentor_nav() }
            <p>
                { "You see the name each young person gave and the topic they chose to share, \
                   never their contact details. Times are on the lounge's clock." }
            </p>
            { fetch_view(&sessions, "Loading your sessions…", |sessions| {
                session_lists(sessions, &on_saved)
            }) }
        </>
    }
}

fn session_lists(sessions: &[MentorSession], on_saved: &Callback<MentorSession>) -> Html {
    let (mut upcoming, mut recent): (Vec<&MentorSession>, Vec<&MentorSession>) = sessions
        .iter()
        .partition(|session| clock::is_future(&session.start));
    upcoming.sort_by_key(|session| session.start);
    // Newest first: the one just finished is the one to check in on.
    recent.sort_by_key(|session| std::cmp::Reverse(session.start));
    let list = |sessions: Vec<&MentorSession>| {
        html! {
            <ul class="cards sessions">
                { for sessions.into_iter().map(|session| html! {
                    <SessionCard
                        key={session.booking_id}
                        session={session.clone()}
                        on_saved={on_saved.clone()}
                    />
                }) }
            </ul>
        }
    };
    html! {
        <>
            <section aria-labelledby="upcoming-heading">
                <h2 id="upcoming-heading">{ "Coming up" }</h2>
                if upcoming.is_empty() {
                    <p>
                        { "No sessions booked yet. Young people can book you during your " }
                        <ConsoleLink to={ConsoleRoute::MentorOfficeHours}>{ "office hours" }</ConsoleLink>
                        { " once your " }
                        <ConsoleLink to={ConsoleRoute::MentorProfile}>{ "profile" }</ConsoleLink>
                        { " is listed." }
                    </p>
                } else {
                    { list(upcoming) }
                }
            </section>
            <section aria-labelledby="recent-heading">
                <h2 id="recent-heading">{ "The last two weeks" }</h2>
                if recent.is_empty() {
                    <p>{ "No sessions in the last two weeks." }</p>
                } else {
                    <p class="field-hint">
                        { "After each session, a short check-in helps you and your supervisor \
                           notice how things are going." }
                    </p>
                    { list(recent) }
                }
            </section>
        </>
    }
}

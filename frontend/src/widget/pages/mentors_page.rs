//! Public peer mentor profiles, so young people can choose who to talk to.

use shared::MentorProfile;
use yew::prelude::*;

use crate::api::mentors::list_mentors;
use crate::components::fetch_view;
use crate::hooks::{use_document_title, use_fetch};

#[component]
pub fn MentorsPage() -> Html {
    use_document_title("Peer mentors");
    let mentors = use_fetch(list_mentors);

    html! {
        <>
            <h1>{ "Peer mentors" }</h1>
            <p class="lead">
                { "Our peer mentors have been where you are. Get to know them and pick \
                   who you'd like to talk to." }
            </p>
            { fetch_view(&mentors, "Loading mentors…", |mentors| mentor_list(mentors)) }
        </>
    }
}

fn mentor_list(mentors: &[MentorProfile]) -> Html {
    if mentors.is_empty() {
        return html! { <p>{ "No peer mentors are listed yet. Check back soon!" }</p> };
    }
    html! {
        <ul class="cards">
            { for mentors.iter().map(mentor_card) }
        </ul>
    }
}

fn mentor_card(mentor: &MentorProfile) -> Html {
    html! {
        <li key={mentor.id} class="card mentor">
            if let Some(photo_url) = &mentor.photo_url {
                <img
                    class="mentor__photo"
                    src={photo_url.clone()}
                    alt={format!("Photo of {}", mentor.display_name)}
                    width="96"
                    height="96"
                    loading="lazy"
                />
            }
            <h2>{ &mentor.display_name }</h2>
            if let Some(pronouns) = &mentor.pronouns {
                <p class="card__meta">{ format!("Pronouns: {pronouns}") }</p>
            }
            <p class="card__meta">{ &mentor.title }</p>
            <p class="multiline">{ &mentor.bio }</p>
            if !mentor.topics.is_empty() {
                <h3>{ "Can talk with you about" }</h3>
                <ul class="tags">
                    { for mentor.topics.iter().map(|topic| html! { <li>{ topic }</li> }) }
                </ul>
            }
            if !mentor.languages.is_empty() {
                <p>{ format!("Speaks {}", mentor.languages.join(", ")) }</p>
            }
            if !mentor.accepting_bookings {
                <p class="note">{ "Not taking new bookings right now." }</p>
            }
        </li>
    }
}

//! `/mentors`: public peer mentor profiles, so young people can choose who to talk to,
//! found by topic and language; or, for those who don't mind who, any available mentor.

use shared::MentorProfile;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::api::mentors::list_mentors;
use crate::api::topics::list_topics;
use crate::components::fetch_view;
use crate::hooks::{use_document_title, use_fetch_with, FetchState};
use crate::widget::{LinkLook, Route, WidgetLink};

/// All young people learn about a mentor who can't take bookings: never why.
pub const NOT_TAKING_BOOKINGS: &str = "Not taking bookings right now";

/// The chosen topic and language; empty for any.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    topic: String,
    language: String,
}

#[component]
pub fn MentorsPage() -> Html {
    use_document_title("Peer mentors");
    let filters = use_state(Filters::default);
    // The agency's topics come with each list (a small answer): one wait, not two.
    let found = use_fetch_with((*filters).clone(), |filters| {
        let filters = filters.clone();
        async move {
            // Nice to have: without them the topic filter offers just "Any topic".
            let topics = list_topics().await.unwrap_or_default();
            let mentors = list_mentors(&filters.topic, &filters.language).await?;
            Ok((topics, mentors))
        }
    });
    // What the filters offer: the agency's topics, and every language of every mentor
    // listed so far (the first, unfiltered list has them all). Kept while a new list
    // loads and never shrinking, so choosing one doesn't take the others off the menu.
    let options = use_mut_ref(|| (Vec::<String>::new(), Vec::<String>::new()));
    let mut count = String::new();
    if let FetchState::Loaded((topics, mentors)) = &*found {
        let (known_topics, languages) = &mut *options.borrow_mut();
        for topic in topics {
            add_new(known_topics, &topic.name);
        }
        add_new(known_topics, &filters.topic);
        for mentor in mentors {
            for language in &mentor.languages {
                add_new(languages, language);
            }
        }
        add_new(languages, &filters.language);
        count = how_many(mentors);
    }
    let (topics, languages) = &*options.borrow();

    let on_change = |language: bool| {
        let filters = filters.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next = (*filters).clone();
            *(if language {
                &mut next.language
            } else {
                &mut next.topic
            }) = value;
            filters.set(next);
        })
    };

    html! {
        <>
            <h1>{ "Peer mentors" }</h1>
            <p class="lead">
                { "Our peer mentors have been where you are. Get to know them and pick \
                   who you'd like to talk to." }
            </p>
            <p>
                <WidgetLink to={Route::Mentor { mentor_id: None }} look={LinkLook::Card}>
                    <span class="link-card__title">{ "Any available mentor" }</span>
                    <span>{ "Don't mind who? Pick a time and meet whoever is free." }</span>
                </WidgetLink>
            </p>
            <h2>{ "Find a mentor" }</h2>
            <div class="filters">
                { filter_select(
                    "filter-topic",
                    "Topic",
                    "Any topic",
                    topics,
                    &filters.topic,
                    on_change(false),
                ) }
                { filter_select(
                    "filter-language",
                    "Language",
                    "Any language",
                    languages,
                    &filters.language,
                    on_change(true),
                ) }
            </div>
            // Always in the page, so each new count is announced.
            <p class="results" role="status" aria-live="polite">{ count }</p>
            { fetch_view(&found, "Loading mentors…", |(_, mentors)| mentor_list(mentors)) }
        </>
    }
}

/// A labelled `<select>` of `options`, with a first option for "any".
fn filter_select(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    options: &[String],
    chosen: &str,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <select {id} {onchange}>
                <option value="" selected={chosen.is_empty()}>{ any }</option>
                { for options.iter().map(|option| html! {
                    <option value={option.clone()} selected={option == chosen}>{ option }</option>
                }) }
            </select>
        </div>
    }
}

/// Adds `name` to `known` unless it is there already (or empty).
fn add_new(known: &mut Vec<String>, name: &str) {
    if !name.is_empty() && !known.iter().any(|known| known == name) {
        known.push(name.to_owned());
    }
}

/// How many mentors the list shows, in words.
fn how_many(mentors: &[MentorProfile]) -> String {
    match mentors.len() {
        0 => "No peer mentors match that yet. Try another topic or language, or any \
              available mentor."
            .to_owned(),
        1 => "1 peer mentor".to_owned(),
        count => format!("{count} peer mentors"),
    }
}

fn mentor_list(mentors: &[MentorProfile]) -> Html {
    html! {
        <ul class="cards">
            { for mentors.iter().map(mentor_card) }
        </ul>
    }
}

/// The mentor's photo, or their initial where they have none. Decorative: their name
/// is always right beside it.
pub fn avatar(mentor: &MentorProfile) -> Html {
    match &mentor.photo_url {
        Some(photo_url) => html! {
            <img class="mentor__photo" src={photo_url.clone()} alt="" width="96" height="96" />
        },
        None => html! {
            <span class="mentor__photo mentor__initial" aria-hidden="true">
                { mentor.display_name.chars().next().unwrap_or(' ').to_string() }
            </span>
        },
    }
}

fn mentor_card(mentor: &MentorProfile) -> Html {
    html! {
        <li key={mentor.id} class="card mentor">
            { avatar(mentor) }
            <h2>
                <WidgetLink to={Route::Mentor { mentor_id: Some(mentor.id) }}>
                    { &mentor.display_name }
                </WidgetLink>
            </h2>
            if let Some(pronouns) = &mentor.pronouns {
                <p class="card__meta">{ format!("Pronouns: {pronouns}") }</p>
            }
            <p class="card__meta">{ &mentor.title }</p>
            if !mentor.topics.is_empty() {
                <h3>{ "Can talk with you about" }</h3>
                <ul class="tags">
                    { for mentor.topics.iter().map(|topic| html! { <li>{ topic }</li> }) }
                </ul>
            }
            if !mentor.accepting_bookings {
                <p class="note">{ NOT_TAKING_BOOKINGS }</p>
            }
        </li>
    }
}

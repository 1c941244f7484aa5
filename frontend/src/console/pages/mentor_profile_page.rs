//! `/staff/mentor/profile` (peer mentors): how young people see them, and whether they
//! can find them now: the profile, the photo, and the screening date a supervisor sets.

use chrono::NaiveDate;
use shared::OwnMentorProfile;
use yew::prelude::*;

use crate::api::mentoring::own_profile;
use crate::components::fetch_view;
use crate::console::components::mentor_nav::mentor_nav;
use crate::console::components::photo_form::PhotoForm;
use crate::console::components::profile_form::ProfileForm;
use crate::hooks::{use_document_title, use_fetch};
use crate::{clock, format};

#[component]
pub fn MentorProfilePage() -> Html {
    use_document_title("My profile");
    let profile = use_fetch(own_profile);
    html! {
        <>
            <h1>{ "My profile" }</h1>
            { mentor_nav() }
            { fetch_view(&profile, "Loading your profile…", |profile| html! {
                <ProfileEditor profile={profile.clone()} />
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ProfileEditorProps {
    profile: OwnMentorProfile,
}

/// Keeps the profile as the server last answered, after a save or a new photo, so
/// whether they are listed is always current.
#[component]
fn ProfileEditor(props: &ProfileEditorProps) -> Html {
    let profile = use_state(|| props.profile.clone());
    let on_changed = {
        let profile = profile.clone();
        Callback::from(move |saved: OwnMentorProfile| profile.set(saved))
    };
    html! {
        <>
            <section aria-labelledby="listing-heading">
                <h2 id="listing-heading">{ "Who can find you" }</h2>
                { listing(&profile) }
            </section>
            <section aria-labelledby="photo-heading">
                <h2 id="photo-heading">{ "Your photo" }</h2>
                <PhotoForm photo_url={profile.photo_url.clone()} on_changed={on_changed.clone()} />
            </section>
            <section aria-labelledby="profile-heading">
                <h2 id="profile-heading">{ "Your profile" }</h2>
                <ProfileForm profile={(*profile).clone()} on_saved={on_changed} />
            </section>
        </>
    }
}

/// Whether young people can find them, why not if not, and the screening date.
fn listing(profile: &OwnMentorProfile) -> Html {
    let screening_current = profile
        .screening_valid_until
        .is_some_and(|date| date >= clock::local_today());
    let (class, status) = if profile.listed {
        (
            "notice notice--success",
            "You're listed: young people can find you and book a session.",
        )
    } else if !profile.profile.published {
        (
            "notice notice--info",
            "You're not listed right now, because your profile isn't switched on. Turn on \
             \u{201c}Show my profile to young people\u{201d} below when you're ready.",
        )
    } else if !screening_current {
        (
            "notice notice--info",
            "You're not listed yet: your screening check needs to be up to date first. \
             Your supervisor will sort this out with you.",
        )
    } else {
        (
            "notice notice--info",
            "You're not listed right now. Ask your supervisor if you're not sure why.",
        )
    };
    html! {
        <>
            <div class={class}><p>{ status }</p></div>
            <dl class="facts">
                <dt>{ "Screening check valid until" }</dt>
                <dd>{ screening_in_words(profile.screening_valid_until) }</dd>
            </dl>
            <p class="field-hint">
                { "Your supervisor sets this date after your screening check. After it, \
                   young people can't find you until it's renewed. If it looks wrong, talk \
                   to your supervisor." }
            </p>
        </>
    }
}

fn screening_in_words(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "Not set yet".to_owned(), format::date_with_year)
}

//! A peer mentor's profile as young people will see it: name, pronouns, title, a few
//! words about them, the lived-experience topics they are happy to talk about,
//! languages, interests, how they like to meet, and whether to show it at all.

use shared::{MeetingPlace, OwnMentorProfile};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::choices::{choice_id, choices, switch, ChoiceKind, Choices, Switch};
use super::field::{event_value, field, use_focus_on_field_errors, Control, Field};
use crate::api::mentoring;
use crate::components::form::{form_alert, FormErrors};
use crate::console::mentoring::{check_profile, toggle_in, ProfileDraft};

#[derive(Properties, PartialEq)]
pub struct ProfileFormProps {
    pub profile: OwnMentorProfile,
    /// Called with the profile as saved.
    pub on_saved: Callback<OwnMentorProfile>,
}

/// Which text input changed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Text {
    DisplayName,
    Pronouns,
    Title,
    Bio,
    Languages,
    Interests,
}

fn text_of(draft: &mut ProfileDraft, which: Text) -> &mut String {
    match which {
        Text::DisplayName => &mut draft.display_name,
        Text::Pronouns => &mut draft.pronouns,
        Text::Title => &mut draft.title,
        Text::Bio => &mut draft.bio,
        Text::Languages => &mut draft.languages,
        Text::Interests => &mut draft.interests,
    }
}

/// The API's field names and their inputs' ids, in page order. A group's id is its
/// first option's.
fn inputs() -> Vec<(String, String)> {
    [
        ("display_name", "profile-display-name".to_owned()),
        ("pronouns", "profile-pronouns".to_owned()),
        ("title", "profile-title".to_owned()),
        ("bio", "profile-bio".to_owned()),
        ("topics", choice_id("profile-topics", 0)),
        ("languages", "profile-languages".to_owned()),
        ("interests", "profile-interests".to_owned()),
        ("meets", choice_id("profile-meets", 0)),
        ("published", "profile-published".to_owned()),
    ]
    .into_iter()
    .map(|(name, id)| (name.to_owned(), id))
    .collect()
}

#[component]
pub fn ProfileForm(props: &ProfileFormProps) -> Html {
    let draft = use_state(|| ProfileDraft::from_profile(&props.profile.profile));
    // The profile as saved changed (after a save here): start again from it. A new
    // photo leaves this part alone, and with it anything typed meanwhile. Compared with
    // the profile the draft came from, so the first render's effect, which may run
    // after the first keystrokes, doesn't undo them.
    let drafted_from = use_mut_ref(|| props.profile.profile.clone());
    {
        let draft = draft.clone();
        use_effect_with(props.profile.profile.clone(), move |profile| {
            if *drafted_from.borrow() != *profile {
                *drafted_from.borrow_mut() = profile.clone();
                draft.set(ProfileDraft::from_profile(profile));
            }
        });
    }
    let alert_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let saved = use_state(|| None::<&'static str>);
    use_focus_on_field_errors(&errors, inputs(), alert_ref.clone());

    let edit = {
        let (draft, saved) = (draft.clone(), saved.clone());
        move |change: Box<dyn Fn(&mut ProfileDraft)>| {
            let mut next = (*draft).clone();
            change(&mut next);
            saved.set(None);
            draft.set(next);
        }
    };
    let on_text = |which: Text| {
        let edit = edit.clone();
        Callback::from(move |text: String| {
            edit(Box::new(move |draft| *text_of(draft, which) = text.clone()))
        })
    };

    let onsubmit = {
        let (draft, submitting, errors, saved) = (
            draft.clone(),
            submitting.clone(),
            errors.clone(),
            saved.clone(),
        );
        let on_saved = props.on_saved.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let profile = match check_profile(&draft) {
                Ok(profile) => profile,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            saved.set(None);
            submitting.set(true);
            let (submitting, errors, saved, on_saved) = (
                submitting.clone(),
                errors.clone(),
                saved.clone(),
                on_saved.clone(),
            );
            spawn_local(async move {
                let result = mentoring::update_profile(&profile).await;
                submitting.set(false);
                match result {
                    Ok(profile) => {
                        saved.set(Some("Your profile is saved."));
                        on_saved.emit(profile);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let text = |which: Text, id: &str, name: &str, label: &str, control, hint: &str| {
        let mut current = (*draft).clone();
        field(Field {
            hint: Some(hint),
            error: errors.for_field(name),
            value: Some(std::mem::take(text_of(&mut current, which))),
            on_input: Some(on_text(which)),
            ..Field::new(id, label, control)
        })
    };

    let profile = &props.profile;
    // A title the agency has since dropped still shows, so saving doesn't change it
    // behind the mentor's back.
    let mut titles = profile.titles.clone();
    if !draft.title.is_empty() && !titles.contains(&draft.title) {
        titles.insert(0, draft.title.clone());
    }
    let title_error = errors.for_field("title");
    let on_title = on_text(Text::Title).reform(|event: Event| event_value(&event));
    let title_select = html! {
        <div class="field">
            <label for="profile-title">{ "Title" }</label>
            <p id="profile-title-hint" class="field-hint">{ "What young people see under your name." }</p>
            <select
                id="profile-title"
                aria-describedby={if title_error.is_some() { "profile-title-hint profile-title-error" } else { "profile-title-hint" }}
                aria-invalid={title_error.is_some().then_some("true")}
                onchange={on_title}
            >
                if draft.title.is_empty() {
                    <option value="" selected=true>{ "Choose a title" }</option>
                }
                { for titles.iter().map(|title| html! {
                    <option key={title.clone()} value={title.clone()} selected={*title == draft.title}>
                        { title }
                    </option>
                }) }
            </select>
            if let Some(error) = title_error {
                <p id="profile-title-error" class="field-error">{ error }</p>
            }
        </div>
    };

    let topics = if profile.topic_choices.is_empty() {
        html! {
            <fieldset class="fieldset">
                <legend>{ "Lived experience I'm happy to talk about" }</legend>
                <p class="field-hint">{ "Your agency hasn't added any topics yet." }</p>
            </fieldset>
        }
    } else {
        let on_pick = {
            let (edit, all) = (edit.clone(), profile.topic_choices.clone());
            Callback::from(move |index: usize| {
                let all = all.clone();
                edit(Box::new(move |draft| {
                    if let Some(topic) = all.get(index) {
                        draft.topics = toggle_in(&draft.topics, topic, &all);
                    }
                }))
            })
        };
        choices(Choices {
            id_prefix: "profile-topics",
            legend: "Lived experience I'm happy to talk about",
            hint: Some(
                "Only tick what you feel OK sharing. Young people can look for mentors by \
                 these topics.",
            ),
            kind: ChoiceKind::Checkbox,
            options: profile
                .topic_choices
                .iter()
                .map(|topic| (topic.clone(), draft.topics.contains(topic)))
                .collect(),
            on_pick,
            error: errors.for_field("topics"),
            inline: false,
        })
    };

    let meets = {
        let edit = edit.clone();
        let on_pick = Callback::from(move |index: usize| {
            edit(Box::new(move |draft| {
                if let Some(place) = MeetingPlace::ALL.get(index) {
                    draft.meets = toggle_in(&draft.meets, place, &MeetingPlace::ALL);
                }
            }))
        });
        choices(Choices {
            id_prefix: "profile-meets",
            legend: "How I like to meet",
            hint: None,
            kind: ChoiceKind::Checkbox,
            options: MeetingPlace::ALL
                .into_iter()
                .map(|place| (place.label().to_owned(), draft.meets.contains(&place)))
                .collect(),
            on_pick,
            error: errors.for_field("meets"),
            inline: false,
        })
    };

    let published = {
        let edit = edit.clone();
        switch(Switch {
            id: "profile-published",
            label: "Show my profile to young people",
            hint: "When this is on and your screening is up to date, young people can find \
                   you and book a session. You can turn it off at any time.",
            on: draft.published,
            on_toggle: Callback::from(move |on: bool| {
                edit(Box::new(move |draft| draft.published = on))
            }),
            error: errors.for_field("published"),
        })
    };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            { form_alert(&errors, &alert_ref) }
            <fieldset class="fieldset">
                <legend>{ "About you" }</legend>
                { text(Text::DisplayName, "profile-display-name", "display_name", "Display name", Control::Text,
                    "Your first name or a nickname. Never your surname.") }
                { text(Text::Pronouns, "profile-pronouns", "pronouns", "Pronouns (optional)", Control::Text,
                    "Like she/her, he/him or they/them, if you'd like to share them.") }
                { title_select }
                { text(Text::Bio, "profile-bio", "bio", "A few words about you", Control::TextArea,
                    "What you're into and what you can help with, in your own words. Keep private things private.") }
            </fieldset>
            { topics }
            { text(Text::Languages, "profile-languages", "languages", "Languages I speak", Control::Text,
                "Separate them with commas, like: English, Spanish.") }
            { text(Text::Interests, "profile-interests", "interests", "Things I'm into", Control::Text,
                "Separate them with commas, like: music, football, gaming.") }
            { meets }
            { published }
            <p class="saved" role="status">{ *saved }</p>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Saving…" } else { "Save my profile" } }
            </button>
        </form>
    }
}

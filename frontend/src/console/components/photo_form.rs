//! A mentor's photo: what young people see now, a way to upload another (checked here
//! first: a JPEG, PNG or WebP image of at most 2 MB), and a way to remove it.

use js_sys::Reflect;
use shared::OwnMentorProfile;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{mentoring, ApiFailure};
use crate::console::mentoring::{photo_problem, PHOTO_TYPES};

#[derive(Properties, PartialEq)]
pub struct PhotoFormProps {
    /// Where the current photo is, if there is one.
    pub photo_url: Option<String>,
    /// Called with the profile after the photo changed.
    pub on_changed: Callback<OwnMentorProfile>,
}

/// The file picked in a file input, with its size and type, read through `Reflect`
/// rather than `web-sys`'s `File` bindings, which nothing else needs.
pub fn picked_file(input: &JsValue) -> Option<(JsValue, f64, String)> {
    let files = Reflect::get(input, &JsValue::from_str("files")).ok()?;
    let file = Reflect::get(&files, &JsValue::from_f64(0.0)).ok()?;
    if file.is_undefined() || file.is_null() {
        return None;
    }
    let size = Reflect::get(&file, &JsValue::from_str("size"))
        .ok()?
        .as_f64()?;
    let content_type = Reflect::get(&file, &JsValue::from_str("type"))
        .ok()?
        .as_string()
        .unwrap_or_default();
    Some((file, size, content_type))
}

/// What went wrong last: ours before sending, or the server's answer.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    Picked(&'static str),
    Failed(ApiFailure),
}

#[component]
pub fn PhotoForm(props: &PhotoFormProps) -> Html {
    let input_ref = use_node_ref();
    let busy = use_state(|| false);
    let problem = use_state(|| None::<Problem>);
    let done = use_state(|| None::<&'static str>);

    // Sends the request `send` makes, then reports the new profile and says `message`.
    let run = {
        let (busy, problem, done) = (busy.clone(), problem.clone(), done.clone());
        let (on_changed, input_ref) = (props.on_changed.clone(), input_ref.clone());
        move |pending: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<OwnMentorProfile, ApiFailure>>>,
        >,
              message: &'static str| {
            busy.set(true);
            problem.set(None);
            done.set(None);
            let (busy, problem, done) = (busy.clone(), problem.clone(), done.clone());
            let (on_changed, input_ref) = (on_changed.clone(), input_ref.clone());
            spawn_local(async move {
                let result = pending.await;
                busy.set(false);
                match result {
                    Ok(profile) => {
                        if let Some(input) = input_ref.get() {
                            // Clearing a file input's value cannot fail.
                            let _ = Reflect::set(&input, &"value".into(), &JsValue::from_str(""));
                        }
                        done.set(Some(message));
                        on_changed.emit(profile);
                    }
                    Err(failure) => problem.set(Some(Problem::Failed(failure))),
                }
            });
        }
    };

    let onsubmit = {
        let (busy, problem, input_ref, run) = (
            busy.clone(),
            problem.clone(),
            input_ref.clone(),
            run.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let Some(input) = input_ref.get() else { return };
            let Some((file, size, content_type)) = picked_file(&input.into()) else {
                problem.set(Some(Problem::Picked("Choose a photo first.")));
                focus(&input_ref);
                return;
            };
            if let Some(message) = photo_problem(size, &content_type) {
                problem.set(Some(Problem::Picked(message)));
                focus(&input_ref);
                return;
            }
            run(
                Box::pin(async move { mentoring::upload_photo(&file, &content_type).await }),
                "Your new photo is saved.",
            );
        })
    };
    let on_remove = {
        let (busy, run) = (busy.clone(), run.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            run(
                Box::pin(mentoring::remove_photo()),
                "Your photo is removed.",
            );
        })
    };

    let message = problem.as_ref().map(|problem| match problem {
        Problem::Picked(message) => (*message).to_owned(),
        Problem::Failed(failure) => failure.message().to_owned(),
    });
    let described_by = if message.is_some() {
        "profile-photo-hint profile-photo-error"
    } else {
        "profile-photo-hint"
    };

    html! {
        <form class="form photo-form" novalidate=true {onsubmit}>
            if let Some(url) = &props.photo_url {
                <img class="mentor-photo" src={url.clone()} alt="Your photo, as young people see it" width="120" height="120" />
            } else {
                <p>{ "No photo yet. A friendly photo helps young people choose, but it's up to you." }</p>
            }
            <div class="field">
                <label for="profile-photo">
                    { if props.photo_url.is_some() { "Choose a new photo" } else { "Choose a photo" } }
                </label>
                <p id="profile-photo-hint" class="field-hint">
                    { "A JPEG, PNG or WebP image of up to 2 MB. Young people see it next to \
                       your profile, so pick one you're happy to share." }
                </p>
                <input
                    id="profile-photo"
                    type="file"
                    accept={PHOTO_TYPES.join(",")}
                    ref={input_ref}
                    aria-describedby={described_by}
                    aria-invalid={message.is_some().then_some("true")}
                    onchange={{
                        let (problem, done) = (problem.clone(), done.clone());
                        Callback::from(move |_: Event| {
                            problem.set(None);
                            done.set(None);
                        })
                    }}
                />
                if let Some(message) = &message {
                    <p id="profile-photo-error" class="field-error" role="alert">{ message }</p>
                }
            </div>
            <p class="saved" role="status">{ *done }</p>
            <div class="actions">
                <button type="submit" class="button button--primary" disabled={*busy}>
                    { if *busy { "Saving…" } else { "Upload photo" } }
                </button>
                if props.photo_url.is_some() {
                    <button type="button" class="button button--danger" disabled={*busy} onclick={on_remove}>
                        { "Remove photo" }
                    </button>
                }
            </div>
        </form>
    }
}

fn focus(input: &NodeRef) {
    if let Some(input) = input.cast::<web_sys::HtmlElement>() {
        // Failing to focus only costs the shortcut; the error is still announced.
        let _ = input.focus();
    }
}

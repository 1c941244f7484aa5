//! An item's photos: thumbnails described by the item's name, a way to add one (checked
//! here first: a JPEG, PNG or WebP image of at most 2 MB, five photos at most), and a
//! way to remove each, confirmed first.

use js_sys::Reflect;
use shared::{ItemDetail, ItemPhoto};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::photo_form::picked_file;
use crate::api::inventory;
use crate::console::inventory::{photo_alt, photo_failure_message, MAX_PHOTOS};
use crate::console::mentoring::{photo_problem, PHOTO_TYPES};
use crate::hooks::use_focus_on_change;

#[derive(Properties, PartialEq)]
pub struct ItemPhotosProps {
    pub item_id: i64,
    pub item_name: String,
    pub photos: Vec<ItemPhoto>,
    /// Called with the item as it is now (when the answer has it) and what was done.
    pub on_changed: Callback<(Option<ItemDetail>, String)>,
}

#[component]
pub fn ItemPhotos(props: &ItemPhotosProps) -> Html {
    let input_ref = use_node_ref();
    let busy = use_state(|| false);
    let problem = use_state(|| None::<String>);
    // The photo whose removal is being asked about.
    let confirming = use_state(|| None::<i64>);
    let question_ref = use_node_ref();
    use_focus_on_change(*confirming, question_ref.clone());

    let onsubmit = {
        let (busy, problem, input_ref) = (busy.clone(), problem.clone(), input_ref.clone());
        let (id, on_changed) = (props.item_id, props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let Some(input) = input_ref.get() else { return };
            let Some((file, size, content_type)) = picked_file(&input.clone().into()) else {
                problem.set(Some("Choose a photo first.".to_owned()));
                focus(&input_ref);
                return;
            };
            if let Some(message) = photo_problem(size, &content_type) {
                problem.set(Some(message.to_owned()));
                focus(&input_ref);
                return;
            }
            busy.set(true);
            problem.set(None);
            let (busy, problem, input_ref, on_changed) = (
                busy.clone(),
                problem.clone(),
                input_ref.clone(),
                on_changed.clone(),
            );
            spawn_local(async move {
                let result = inventory::upload_item_photo(id, &file, &content_type).await;
                busy.set(false);
                match result {
                    Ok(detail) => {
                        // Clearing a file input's value cannot fail.
                        let _ = Reflect::set(&input, &"value".into(), &JsValue::from_str(""));
                        on_changed.emit((Some(detail), "The photo is added.".to_owned()));
                    }
                    Err(failure) => {
                        problem.set(Some(photo_failure_message(&failure)));
                        focus(&input_ref);
                    }
                }
            });
        })
    };
    let remove = {
        let (busy, problem, confirming) = (busy.clone(), problem.clone(), confirming.clone());
        let (id, on_changed) = (props.item_id, props.on_changed.clone());
        Callback::from(move |photo_id: i64| {
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, problem, confirming, on_changed) = (
                busy.clone(),
                problem.clone(),
                confirming.clone(),
                on_changed.clone(),
            );
            spawn_local(async move {
                let result = inventory::remove_item_photo(id, photo_id).await;
                busy.set(false);
                confirming.set(None);
                match result {
                    Ok(()) => on_changed.emit((None, "The photo is removed.".to_owned())),
                    Err(failure) => problem.set(Some(failure.message().to_owned())),
                }
            });
        })
    };
    let ask = |photo: Option<i64>| {
        let (confirming, problem) = (confirming.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            problem.set(None);
            confirming.set(photo);
        })
    };

    let full = props.photos.len() >= MAX_PHOTOS;
    let photo = |(index, photo): (usize, &ItemPhoto)| {
        let alt = photo_alt(&props.item_name, index);
        let asking = *confirming == Some(photo.id);
        let photo_id = photo.id;
        html! {
            <li key={photo.id} class="item-photo">
                <a href={photo.url.clone()} target="_blank" rel="noopener">
                    <img src={photo.url.clone()} alt={alt.clone()} width="160" height="160" loading="lazy" />
                    <span class="visually-hidden">{ " (opens full size in a new tab)" }</span>
                </a>
                if asking {
                    <div class="confirm">
                        <p tabindex="-1" ref={question_ref.clone()}>
                            <strong>{ format!("Remove {}?", alt.to_lowercase()) }</strong>
                        </p>
                        <div class="actions">
                            <button type="button" class="button button--danger"
                                aria-disabled={busy.then_some("true")}
                                onclick={remove.reform(move |_| photo_id)}>
                                { if *busy { "Removing…" } else { "Yes, remove it" } }
                            </button>
                            <button type="button" class="button" onclick={ask(None)}>{ "Keep it" }</button>
                        </div>
                    </div>
                } else {
                    <button type="button" class="button" onclick={ask(Some(photo_id))}>
                        { "Remove" }<span class="visually-hidden">{ format!(" {}", alt.to_lowercase()) }</span>
                    </button>
                }
            </li>
        }
    };
    let described_by = if problem.is_some() {
        "item-photo-hint item-photo-error"
    } else {
        "item-photo-hint"
    };

    html! {
        <>
            if props.photos.is_empty() {
                <p>{ "No photos yet." }</p>
            } else {
                <ul class="item-photos">
                    { for props.photos.iter().enumerate().map(photo) }
                </ul>
            }
            if full {
                <p>{ format!("This item has {MAX_PHOTOS} photos, the most it can have. Remove one to add another.") }</p>
                if let Some(problem) = &*problem {
                    <p class="field-error" role="alert">{ problem }</p>
                }
            } else {
                <form class="form photo-form" novalidate=true {onsubmit}>
                    <div class="field">
                        <label for="item-photo">{ "Add a photo" }</label>
                        <p id="item-photo-hint" class="field-hint">
                            { format!("A JPEG, PNG or WebP image of up to 2 MB; up to {MAX_PHOTOS} photos.") }
                        </p>
                        <input
                            id="item-photo"
                            type="file"
                            accept={PHOTO_TYPES.join(",")}
                            ref={input_ref}
                            aria-describedby={described_by}
                            aria-invalid={problem.is_some().then_some("true")}
                            onchange={{
                                let problem = problem.clone();
                                Callback::from(move |_: Event| problem.set(None))
                            }}
                        />
                        if let Some(problem) = &*problem {
                            <p id="item-photo-error" class="field-error" role="alert">{ problem }</p>
                        }
                    </div>
                    <button type="submit" class="button button--primary" disabled={*busy}>
                        { if *busy { "Uploading…" } else { "Upload photo" } }
                    </button>
                </form>
            }
        </>
    }
}

fn focus(input: &NodeRef) {
    if let Some(input) = input.cast::<web_sys::HtmlElement>() {
        // Failing to focus only costs the shortcut; the error is still announced.
        let _ = input.focus();
    }
}

//! An event's uploaded materials: the files it has (a PDF or an image each), a way to
//! remove one, and a small form to upload another, checked here first (the kind of
//! file and its size) so nothing too big is sent.

use js_sys::Reflect;
use shared::{EventFile, StaffEvent};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{field, field_value, use_focus_on_field_errors, Control, Field};
use super::photo_form::picked_file;
use crate::api::staff_events;
use crate::components::form::{form_alert, FormErrors};
use crate::console::events::{file_in_words, file_problem, FILE_TYPES};

const TITLE_ID: &str = "event-file-title";
const FILE_ID: &str = "event-file";

#[derive(Properties, PartialEq)]
pub struct EventFilesProps {
    pub event: StaffEvent,
    /// Whether files can still be added or removed (not once cancelled or completed).
    pub editable: bool,
    /// Called with the event as it is now, and what happened in words to announce.
    pub on_changed: Callback<(StaffEvent, String)>,
}

#[component]
pub fn EventFiles(props: &EventFilesProps) -> Html {
    let title_ref = use_node_ref();
    let file_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let busy = use_state(|| false);
    let errors = use_state(FormErrors::default);
    use_focus_on_field_errors(
        &errors,
        vec![
            ("title".to_owned(), TITLE_ID.to_owned()),
            ("file".to_owned(), FILE_ID.to_owned()),
        ],
        alert_ref.clone(),
    );

    let onsubmit = {
        let (title_ref, file_ref, busy, errors) = (
            title_ref.clone(),
            file_ref.clone(),
            busy.clone(),
            errors.clone(),
        );
        let (id, on_changed) = (props.event.id, props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let mut problems = FormErrors::default();
            let title = field_value(&title_ref).trim().to_owned();
            if title.is_empty() {
                problems.add(
                    "title",
                    "Say what the file is, like \u{201c}Workshop handout\u{201d}.",
                );
            }
            let picked = file_ref.get().and_then(|input| picked_file(&input.into()));
            match &picked {
                None => problems.add("file", "Choose a file first."),
                Some((_, size, content_type)) => {
                    if let Some(problem) = file_problem(*size, content_type) {
                        problems.add("file", problem);
                    }
                }
            }
            let Some((file, _, content_type)) = picked.filter(|_| problems.fields.is_empty())
            else {
                errors.set(FormErrors::from_fields(problems.fields));
                return;
            };
            errors.set(FormErrors::default());
            busy.set(true);
            let (title_ref, file_ref, busy, errors, on_changed) = (
                title_ref.clone(),
                file_ref.clone(),
                busy.clone(),
                errors.clone(),
                on_changed.clone(),
            );
            spawn_local(async move {
                let result = staff_events::upload_file(id, &title, &file, &content_type).await;
                busy.set(false);
                match result {
                    Ok(event) => {
                        for node in [title_ref.get(), file_ref.get()].into_iter().flatten() {
                            // Clearing an input's value cannot fail.
                            let _ = Reflect::set(&node, &"value".into(), &JsValue::from_str(""));
                        }
                        on_changed.emit((event, format!("\u{201c}{title}\u{201d} is added.")));
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };
    let on_remove = {
        let (busy, errors) = (busy.clone(), errors.clone());
        let (id, on_changed) = (props.event.id, props.on_changed.clone());
        Callback::from(move |file: EventFile| {
            if *busy {
                return;
            }
            busy.set(true);
            errors.set(FormErrors::default());
            let (busy, errors, on_changed) = (busy.clone(), errors.clone(), on_changed.clone());
            spawn_local(async move {
                let result = staff_events::remove_file(id, file.id).await;
                busy.set(false);
                match result {
                    Ok(event) => on_changed
                        .emit((event, format!("\u{201c}{}\u{201d} is removed.", file.title))),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let files = &props.event.files;
    let file_item = |file: &EventFile| {
        let remove = props.editable.then(|| {
            let picked = file.clone();
            html! {
                <button type="button" class="button button--danger"
                    aria-disabled={busy.then_some("true")}
                    onclick={on_remove.reform(move |_| picked.clone())}>
                    { "Remove" }<span class="visually-hidden">{ format!(" the file {}", file.title) }</span>
                </button>
            }
        });
        html! {
            <li key={file.id} class="event-file">
                <a href={file.url.clone()} rel="noopener noreferrer">{ &file.title }</a>
                { format!(" ({})", file_in_words(&file.content_type, file.byte_size)) }
                { remove }
            </li>
        }
    };
    let file_error = errors.for_field("file");
    let file_described_by = match file_error {
        Some(_) => "event-file-hint event-file-error",
        None => "event-file-hint",
    };

    html! {
        <>
            if files.is_empty() {
                <p>{ "No files yet." }</p>
            } else {
                <ul class="event-files">{ for files.iter().map(file_item) }</ul>
            }
            if props.editable {
                <form class="form inline-form" novalidate=true aria-label="Add a file" {onsubmit}>
                    { form_alert(&errors, &alert_ref) }
                    { field(Field {
                        hint: Some("Like \u{201c}Workshop handout\u{201d}."),
                        error: errors.for_field("title"),
                        input_ref: title_ref,
                        ..Field::new(TITLE_ID, "File title", Control::Text)
                    }) }
                    <div class="field">
                        <label for={FILE_ID}>{ "File" }</label>
                        <p id="event-file-hint" class="field-hint">
                            { "A PDF of up to 10 MB, or a JPEG, PNG or WebP image of up to 2 MB. \
                               It goes out with the agenda, like the links." }
                        </p>
                        <input
                            id={FILE_ID}
                            type="file"
                            accept={FILE_TYPES.join(",")}
                            ref={file_ref}
                            aria-describedby={file_described_by}
                            aria-invalid={file_error.is_some().then_some("true")}
                        />
                        if let Some(error) = &file_error {
                            <p id="event-file-error" class="field-error">{ error }</p>
                        }
                    </div>
                    <button type="submit" class="button" disabled={*busy}>
                        { if *busy { "Uploading…" } else { "Upload file" } }
                    </button>
                </form>
            }
        </>
    }
}

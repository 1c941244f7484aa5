//! `/staff/password`: a signed-in staff member changes their own password. The server
//! ends their other sessions; this one stays.

use shared::{ChangePassword, FieldErrors};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::set_password_page::PASSWORD_HINT;
use crate::api::auth;
use crate::components::form::{
    form_alert, input_value, require, text_field, use_focus_on_errors, FormErrors, TextField,
};
use crate::hooks::{use_document_title, use_focus_on_change};

#[component]
pub fn ChangePasswordPage() -> Html {
    use_document_title("Change your password");
    let current_ref = use_node_ref();
    let new_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let changed_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    // Counts successful changes, so a second change is announced too.
    let changes = use_state(|| 0_u32);
    use_focus_on_errors(
        &errors,
        vec![
            ("current_password", current_ref.clone()),
            ("new_password", new_ref.clone()),
        ],
        alert_ref.clone(),
    );
    use_focus_on_change(*changes, changed_ref.clone());

    let onsubmit = {
        let (current_ref, new_ref) = (current_ref.clone(), new_ref.clone());
        let (submitting, errors, changes) = (submitting.clone(), errors.clone(), changes.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let change = ChangePassword {
                current_password: input_value(&current_ref),
                new_password: input_value(&new_ref),
            };
            let mut fields = FieldErrors::new();
            let (current, new) = (&change.current_password, &change.new_password);
            require(
                &mut fields,
                "current_password",
                current,
                "Please enter your current password.",
            );
            require(
                &mut fields,
                "new_password",
                new,
                "Please choose a new password.",
            );
            if !fields.is_empty() {
                errors.set(FormErrors::from_fields(fields));
                return;
            }

            errors.set(FormErrors::default());
            submitting.set(true);
            let (current_ref, new_ref) = (current_ref.clone(), new_ref.clone());
            let (submitting, errors, changes) =
                (submitting.clone(), errors.clone(), changes.clone());
            spawn_local(async move {
                let result = auth::change_password(&change).await;
                submitting.set(false);
                match result {
                    Ok(()) => {
                        for input in [&current_ref, &new_ref] {
                            if let Some(input) = input.cast::<HtmlInputElement>() {
                                input.set_value("");
                            }
                        }
                        changes.set(*changes + 1);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    html! {
        <>
            <h1>{ "Change your password" }</h1>
            if *changes > 0 {
                <div class="notice notice--success" role="status" tabindex="-1" ref={changed_ref}>
                    <p>
                        { "Your password is changed. If you were signed in on other devices, \
                           they have been signed out." }
                    </p>
                </div>
            }
            <form class="form" novalidate=true {onsubmit}>
                { form_alert(&errors, &alert_ref) }
                { text_field(TextField {
                    input_type: "password",
                    autocomplete: "current-password",
                    input_ref: current_ref,
                    error: errors.for_field("current_password"),
                    ..TextField::new("current-password", "current_password", "Current password")
                }) }
                { text_field(TextField {
                    input_type: "password",
                    autocomplete: "new-password",
                    hint: Some(PASSWORD_HINT),
                    input_ref: new_ref,
                    error: errors.for_field("new_password"),
                    ..TextField::new("new-password", "new_password", "New password")
                }) }
                <button type="submit" class="button button--primary" disabled={*submitting}>
                    { if *submitting { "Saving…" } else { "Change password" } }
                </button>
            </form>
        </>
    }
}

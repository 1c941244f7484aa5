//! `/staff/forgot-password`: ask for a link to choose a new password. The answer is the
//! same whether or not the address has an account, so it reveals nothing.

use shared::{FieldErrors, PasswordResetRequest};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::auth;
use crate::components::form::{
    form_alert, input_value, require, text_field, use_focus_on_errors, FormErrors, TextField,
};
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_focus_on_change};

#[component]
pub fn ForgotPasswordPage() -> Html {
    use_document_title("Reset your password");
    let email_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let sent_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let sent = use_state(|| false);
    use_focus_on_errors(
        &errors,
        vec![("email", email_ref.clone())],
        alert_ref.clone(),
    );
    use_focus_on_change(*sent, sent_ref.clone());

    let onsubmit = {
        let email_ref = email_ref.clone();
        let (submitting, errors, sent) = (submitting.clone(), errors.clone(), sent.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let request = PasswordResetRequest {
                email: input_value(&email_ref).trim().to_owned(),
            };
            let mut fields = FieldErrors::new();
            require(
                &mut fields,
                "email",
                &request.email,
                "Please enter your email address.",
            );
            if !fields.is_empty() {
                errors.set(FormErrors::from_fields(fields));
                return;
            }

            errors.set(FormErrors::default());
            submitting.set(true);
            let (submitting, errors, sent) = (submitting.clone(), errors.clone(), sent.clone());
            spawn_local(async move {
                let result = auth::request_password_reset(&request).await;
                submitting.set(false);
                match result {
                    Ok(()) => sent.set(true),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let body = if *sent {
        html! {
            <div class="notice notice--success" role="status" tabindex="-1" ref={sent_ref}>
                <p>
                    { "If that address has a staff account, we've sent a link to reset the \
                       password. It works for 2 hours." }
                </p>
            </div>
        }
    } else {
        html! {
            <>
                <p>
                    { "Enter the email address of your staff account. We'll send you a link \
                       to choose a new password." }
                </p>
                <form class="form" novalidate=true {onsubmit}>
                    { form_alert(&errors, &alert_ref) }
                    { text_field(TextField {
                        input_type: "email",
                        autocomplete: "username",
                        input_ref: email_ref,
                        error: errors.for_field("email"),
                        ..TextField::new("reset-email", "email", "Email")
                    }) }
                    <button type="submit" class="button button--primary" disabled={*submitting}>
                        { if *submitting { "Sending…" } else { "Send me a link" } }
                    </button>
                </form>
            </>
        }
    };

    html! {
        <>
            <h1>{ "Reset your password" }</h1>
            { body }
            <p class="after-form">
                <ConsoleLink to={ConsoleRoute::Home}>{ "Back to sign-in" }</ConsoleLink>
            </p>
        </>
    }
}

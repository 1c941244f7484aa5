//! The staff sign-in form. It reports a successful sign-in to its parent rather than
//! touching the session itself, so it can be rendered and tested on its own.

use shared::{FieldErrors, LoginRequest, StaffUser};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{auth, ApiFailure};
use crate::components::form::{
    form_alert, input_value, require, text_field, use_focus_on_errors, FormErrors, TextField,
};

#[derive(Properties, PartialEq)]
pub struct SignInFormProps {
    pub on_signed_in: Callback<StaffUser>,
}

/// Catches empty fields before a round trip. Anything subtler is the server's call:
/// a mistyped address simply doesn't match an account.
fn check_input(credentials: &LoginRequest) -> FormErrors {
    let mut fields = FieldErrors::new();
    require(
        &mut fields,
        "email",
        &credentials.email,
        "Please enter your email address.",
    );
    require(
        &mut fields,
        "password",
        &credentials.password,
        "Please enter your password.",
    );
    FormErrors::from_fields(fields)
}

/// The server's answer in words; being locked out for a while gets a clearer wait.
fn sign_in_errors(failure: ApiFailure) -> FormErrors {
    if failure.code() == Some("too_many_attempts") {
        return FormErrors::summary("Too many attempts. Please wait a few minutes and try again.");
    }
    failure.into()
}

#[component]
pub fn SignInForm(props: &SignInFormProps) -> Html {
    let email_ref = use_node_ref();
    let password_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    use_focus_on_errors(
        &errors,
        vec![
            ("email", email_ref.clone()),
            ("password", password_ref.clone()),
        ],
        alert_ref.clone(),
    );

    let onsubmit = {
        let (email_ref, password_ref) = (email_ref.clone(), password_ref.clone());
        let (submitting, errors) = (submitting.clone(), errors.clone());
        let on_signed_in = props.on_signed_in.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let credentials = LoginRequest {
                email: input_value(&email_ref).trim().to_owned(),
                password: input_value(&password_ref),
            };
            let input_errors = check_input(&credentials);
            if !input_errors.is_empty() {
                errors.set(input_errors);
                return;
            }

            errors.set(FormErrors::default());
            submitting.set(true);
            let (submitting, errors) = (submitting.clone(), errors.clone());
            let on_signed_in = on_signed_in.clone();
            spawn_local(async move {
                let result = auth::sign_in(&credentials).await;
                submitting.set(false);
                match result {
                    Ok(user) => on_signed_in.emit(user),
                    Err(failure) => errors.set(sign_in_errors(failure)),
                }
            });
        })
    };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            { form_alert(&errors, &alert_ref) }
            { text_field(TextField {
                input_type: "email",
                autocomplete: "username",
                input_ref: email_ref,
                error: errors.for_field("email"),
                ..TextField::new("staff-email", "email", "Email")
            }) }
            { text_field(TextField {
                input_type: "password",
                autocomplete: "current-password",
                input_ref: password_ref,
                error: errors.for_field("password"),
                ..TextField::new("staff-password", "password", "Password")
            }) }
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Signing in…" } else { "Sign in" } }
            </button>
        </form>
    }
}

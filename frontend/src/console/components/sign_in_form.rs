//! The staff sign-in form. It reports a successful sign-in to its parent rather than
//! touching the session itself, so it can be rendered and tested on its own.

use shared::{FieldErrors, LoginRequest, StaffUser};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{auth, ApiFailure};

#[derive(Properties, PartialEq)]
pub struct SignInFormProps {
    pub on_signed_in: Callback<StaffUser>,
}

/// What went wrong with the last attempt: a summary for the whole form, and
/// messages for single fields.
#[derive(Debug, Clone, Default, PartialEq)]
struct FormErrors {
    summary: Option<String>,
    fields: FieldErrors,
}

impl FormErrors {
    fn is_empty(&self) -> bool {
        self.summary.is_none() && self.fields.is_empty()
    }

    fn for_field(&self, field: &str) -> Option<String> {
        self.fields.get(field).map(|messages| messages.join(" "))
    }
}

impl From<ApiFailure> for FormErrors {
    fn from(failure: ApiFailure) -> Self {
        Self {
            summary: Some(failure.message().to_owned()),
            fields: failure.field_errors().cloned().unwrap_or_default(),
        }
    }
}

/// Catches empty fields before a round trip. Anything subtler is the server's call:
/// a mistyped address simply doesn't match an account. (`Email::parse` would also do,
/// but its Unicode case tables would add about 15 KB to the download.)
fn check_input(email: &str, password: &str) -> FormErrors {
    let mut fields = FieldErrors::new();
    if email.is_empty() {
        fields.insert(
            "email".to_owned(),
            vec!["Please enter your email address.".to_owned()],
        );
    }
    if password.is_empty() {
        fields.insert(
            "password".to_owned(),
            vec!["Please enter your password.".to_owned()],
        );
    }
    let summary = (!fields.is_empty()).then(|| "Please check the fields below.".to_owned());
    FormErrors { summary, fields }
}

fn input_value(input: &NodeRef) -> String {
    input
        .cast::<HtmlInputElement>()
        .map(|input| input.value())
        .unwrap_or_default()
}

#[component]
pub fn SignInForm(props: &SignInFormProps) -> Html {
    let email_ref = use_node_ref();
    let password_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);

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
            let input_errors = check_input(&credentials.email, &credentials.password);
            if !input_errors.is_empty() {
                // Put the cursor where the first fix is needed.
                let first_invalid = if input_errors.fields.contains_key("email") {
                    &email_ref
                } else {
                    &password_ref
                };
                if let Some(input) = first_invalid.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
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
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            // Always in the page, so screen readers announce it when it fills.
            <div class="form-alert" role="alert">
                { errors.summary.clone() }
            </div>
            { text_field(TextField {
                id: "staff-email",
                name: "email",
                label: "Email",
                input_type: "email",
                autocomplete: "username",
                input_ref: email_ref,
                error: errors.for_field("email"),
            }) }
            { text_field(TextField {
                id: "staff-password",
                name: "password",
                label: "Password",
                input_type: "password",
                autocomplete: "current-password",
                input_ref: password_ref,
                error: errors.for_field("password"),
            }) }
            <button type="submit" class="button button--primary">
                { if *submitting { "Signing in…" } else { "Sign in" } }
            </button>
        </form>
    }
}

struct TextField {
    id: &'static str,
    name: &'static str,
    label: &'static str,
    input_type: &'static str,
    autocomplete: &'static str,
    input_ref: NodeRef,
    error: Option<String>,
}

/// A labelled input with its error message tied to it for screen readers.
fn text_field(field: TextField) -> Html {
    let error_id = format!("{}-error", field.id);
    let has_error = field.error.is_some();
    html! {
        <div class="field">
            <label for={field.id}>{ field.label }</label>
            <input
                id={field.id}
                name={field.name}
                type={field.input_type}
                autocomplete={field.autocomplete}
                ref={field.input_ref}
                aria-invalid={has_error.then_some("true")}
                aria-describedby={has_error.then(|| error_id.clone())}
            />
            if let Some(error) = field.error {
                <p id={error_id} class="field-error">{ error }</p>
            }
        </div>
    }
}

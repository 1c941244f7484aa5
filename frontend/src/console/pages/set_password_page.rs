//! `/staff/set-password#token=...`: where invitation and reset emails lead. The token
//! travels in the fragment, which browsers never send to a server; we read it once and
//! take it out of the address bar, so it doesn't linger in a shared device's history.

use shared::{FieldErrors, SetPassword};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::auth;
use crate::components::form::{
    form_alert, input_value, require, text_field, use_focus_on_errors, FormErrors, TextField,
};
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_focus_on_change};
pub use crate::secret_link::token_from_fragment;

/// Shown under every new-password field, matching the server's rules.
pub const PASSWORD_HINT: &str =
    "At least 12 characters. A few unrelated words you'll remember make a strong one.";

#[component]
pub fn SetPasswordPage() -> Html {
    use_document_title("Set your password");
    let location = use_location();
    let navigator = use_navigator();
    // Read once: the effect below removes the fragment from the address.
    let token = use_state(|| location.and_then(|location| token_from_fragment(location.hash())));
    use_effect_with((), move |()| {
        if let Some(navigator) = navigator {
            navigator.replace(&ConsoleRoute::SetPassword);
        }
    });

    let done = use_state(|| false);
    let heading_ref = use_node_ref();
    use_focus_on_change(*done, heading_ref.clone());

    let body = match (&*token, *done) {
        (_, true) => html! {
            <>
                <p>{ "You can now sign in with your email address and your new password." }</p>
                <p><ConsoleLink to={ConsoleRoute::Home} classes="button button--primary">{ "Sign in" }</ConsoleLink></p>
            </>
        },
        (None, false) => html! {
            <div class="notice notice--error" role="alert">
                <p>
                    { "This link isn't complete. Open the link in your email again, \
                       or ask for a new one." }
                </p>
                <p><ConsoleLink to={ConsoleRoute::ForgotPassword}>{ "Ask for a new link" }</ConsoleLink></p>
            </div>
        },
        (Some(token), false) => {
            let on_done = {
                let done = done.clone();
                Callback::from(move |()| done.set(true))
            };
            html! { <SetPasswordForm token={token.clone()} {on_done} /> }
        }
    };

    html! {
        <>
            <h1 tabindex="-1" ref={heading_ref}>
                { if *done { "Your password is set" } else { "Set your password" } }
            </h1>
            { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SetPasswordFormProps {
    token: String,
    on_done: Callback<()>,
}

#[component]
fn SetPasswordForm(props: &SetPasswordFormProps) -> Html {
    let password_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    // An expired or used link can't be fixed by typing; offer a new one.
    let link_failed = use_state(|| false);
    use_focus_on_errors(
        &errors,
        vec![("password", password_ref.clone())],
        alert_ref.clone(),
    );

    let onsubmit = {
        let password_ref = password_ref.clone();
        let (submitting, errors, link_failed) =
            (submitting.clone(), errors.clone(), link_failed.clone());
        let (token, on_done) = (props.token.clone(), props.on_done.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let request = SetPassword {
                token: token.clone(),
                password: input_value(&password_ref),
            };
            let mut fields = FieldErrors::new();
            require(
                &mut fields,
                "password",
                &request.password,
                "Please choose a password.",
            );
            if !fields.is_empty() {
                errors.set(FormErrors::from_fields(fields));
                return;
            }

            errors.set(FormErrors::default());
            submitting.set(true);
            let (submitting, errors, link_failed) =
                (submitting.clone(), errors.clone(), link_failed.clone());
            let on_done = on_done.clone();
            spawn_local(async move {
                let result = auth::set_password(&request).await;
                submitting.set(false);
                match result {
                    Ok(()) => on_done.emit(()),
                    Err(failure) => {
                        link_failed.set(failure.code() == Some("invalid_link"));
                        errors.set(failure.into());
                    }
                }
            });
        })
    };

    html! {
        <>
            <form class="form" novalidate=true {onsubmit}>
                { form_alert(&errors, &alert_ref) }
                { text_field(TextField {
                    input_type: "password",
                    autocomplete: "new-password",
                    hint: Some(PASSWORD_HINT),
                    input_ref: password_ref,
                    error: errors.for_field("password"),
                    ..TextField::new("new-password", "password", "New password")
                }) }
                <button type="submit" class="button button--primary" disabled={*submitting}>
                    { if *submitting { "Saving…" } else { "Set password" } }
                </button>
            </form>
            if *link_failed {
                <p class="after-form">
                    <ConsoleLink to={ConsoleRoute::ForgotPassword}>{ "Ask for a new link" }</ConsoleLink>
                </p>
            }
        </>
    }
}

//! Invites a staff member: their email, the name others see, and their roles. The
//! server emails them a link to set their password.

use shared::{FieldErrors, NewStaffAccount, Role};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::role_fieldset::{role_fieldset, toggle_role, RoleFieldset};
use crate::api::{admin, ApiFailure};
use crate::components::form::{
    form_alert, input_value, require, text_field, use_focus_on_errors, FormErrors, TextField,
};
use crate::hooks::use_focus_on_change;

#[derive(Properties, PartialEq)]
pub struct InviteFormProps {
    /// Called after an invitation went out, so the list can show the new account.
    pub on_invited: Callback<()>,
}

fn check_input(invite: &NewStaffAccount) -> FormErrors {
    let mut fields = FieldErrors::new();
    require(
        &mut fields,
        "email",
        &invite.email,
        "Please enter their email address.",
    );
    require(
        &mut fields,
        "display_name",
        &invite.display_name,
        "Please enter the name others will see.",
    );
    if invite.roles.is_empty() {
        fields.insert(
            "roles".to_owned(),
            vec!["Choose at least one role.".to_owned()],
        );
    }
    FormErrors::from_fields(fields)
}

/// A taken email is a problem with the email field, so show it there.
fn invite_errors(failure: ApiFailure) -> FormErrors {
    let email_taken = failure.code() == Some("email_taken");
    let message = failure.message().to_owned();
    let mut errors = FormErrors::from(failure);
    if email_taken {
        errors.add("email", message);
    }
    errors
}

fn clear(input: &NodeRef) {
    if let Some(input) = input.cast::<HtmlInputElement>() {
        input.set_value("");
    }
}

#[component]
pub fn InviteForm(props: &InviteFormProps) -> Html {
    let email_ref = use_node_ref();
    let name_ref = use_node_ref();
    let roles_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let sent_ref = use_node_ref();
    let roles = use_state(Vec::<Role>::new);
    let submitting = use_state(|| false);
    let errors = use_state(FormErrors::default);
    // Who was invited last, for the confirmation.
    let invited = use_state(|| None::<String>);
    use_focus_on_errors(
        &errors,
        vec![
            ("email", email_ref.clone()),
            ("display_name", name_ref.clone()),
            ("roles", roles_ref.clone()),
        ],
        alert_ref.clone(),
    );
    use_focus_on_change((*invited).clone(), sent_ref.clone());

    let on_toggle = {
        let roles = roles.clone();
        Callback::from(move |role| roles.set(toggle_role(&roles, role)))
    };

    let onsubmit = {
        let (email_ref, name_ref) = (email_ref.clone(), name_ref.clone());
        let (roles, submitting, errors, invited) = (
            roles.clone(),
            submitting.clone(),
            errors.clone(),
            invited.clone(),
        );
        let on_invited = props.on_invited.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let invite = NewStaffAccount {
                email: input_value(&email_ref).trim().to_owned(),
                display_name: input_value(&name_ref).trim().to_owned(),
                roles: (*roles).clone(),
            };
            let input_errors = check_input(&invite);
            if !input_errors.is_empty() {
                errors.set(input_errors);
                return;
            }

            errors.set(FormErrors::default());
            invited.set(None);
            submitting.set(true);
            let (email_ref, name_ref) = (email_ref.clone(), name_ref.clone());
            let (roles, submitting, errors, invited) = (
                roles.clone(),
                submitting.clone(),
                errors.clone(),
                invited.clone(),
            );
            let on_invited = on_invited.clone();
            spawn_local(async move {
                let result = admin::invite_staff_member(&invite).await;
                submitting.set(false);
                match result {
                    Ok(()) => {
                        clear(&email_ref);
                        clear(&name_ref);
                        roles.set(Vec::new());
                        invited.set(Some(invite.email));
                        on_invited.emit(());
                    }
                    Err(failure) => errors.set(invite_errors(failure)),
                }
            });
        })
    };

    html! {
        <form class="form" novalidate=true {onsubmit}>
            if let Some(email) = &*invited {
                <div class="notice notice--success" role="status" tabindex="-1" ref={sent_ref.clone()}>
                    <p>
                        { format!("We've sent an invitation to {email}. \
                                   The link in it works for 72 hours.") }
                    </p>
                </div>
            }
            { form_alert(&errors, &alert_ref) }
            { text_field(TextField {
                input_type: "email",
                input_ref: email_ref,
                error: errors.for_field("email"),
                ..TextField::new("invite-email", "email", "Email address")
            }) }
            { text_field(TextField {
                hint: Some("Shown to other staff, and to young people if they mentor."),
                input_ref: name_ref,
                error: errors.for_field("display_name"),
                ..TextField::new("invite-name", "display_name", "Name")
            }) }
            { role_fieldset(RoleFieldset {
                id_prefix: "invite-roles".to_owned(),
                legend: "Roles",
                selected: &roles,
                on_toggle,
                error: errors.for_field("roles"),
                first_ref: roles_ref,
            }) }
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Sending the invitation…" } else { "Send invitation" } }
            </button>
        </form>
    }
}

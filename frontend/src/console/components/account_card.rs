//! One staff account in the admin's list: who, roles, status, and the changes an admin
//! can make (roles; disable or enable, each confirmed first).

use shared::{Role, StaffAccount, UpdateStaffAccount};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::role_fieldset::{role_fieldset, toggle_role, RoleFieldset};
use crate::api::{admin, ApiFailure};
use crate::components::error_notice;
use crate::console::words::{account_status, roles_in_words};
use crate::hooks::use_focus_on_change;

#[derive(Properties, PartialEq)]
pub struct AccountCardProps {
    pub account: StaffAccount,
    /// The signed-in admin's own account.
    pub is_you: bool,
    /// Called with the account's id after a change was saved, so the list can reload.
    pub on_changed: Callback<i64>,
}

/// What the card is showing.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Viewing,
    EditingRoles(Vec<Role>),
    ConfirmingToggle,
}

/// Which part of the card holds focus, so it moves only when the mode changes kind.
fn focus_key(mode: &Mode) -> u8 {
    match mode {
        Mode::Viewing => 0,
        Mode::EditingRoles(_) => 1,
        Mode::ConfirmingToggle => 2,
    }
}

#[component]
pub fn AccountCard(props: &AccountCardProps) -> Html {
    let account = &props.account;
    let mode = use_state(|| Mode::Viewing);
    let saving = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let roles_error = use_state(|| None::<String>);
    // What was saved last, announced politely.
    let saved = use_state(|| None::<&'static str>);
    let heading_ref = use_node_ref();
    let first_role_ref = use_node_ref();
    let question_ref = use_node_ref();

    let focus_target = match *mode {
        Mode::Viewing => heading_ref.clone(),
        Mode::EditingRoles(_) => first_role_ref.clone(),
        Mode::ConfirmingToggle => question_ref.clone(),
    };
    use_focus_on_change(focus_key(&mode), focus_target);

    // Sends `change`, then goes back to viewing and says `done`.
    let save = {
        let (mode, saving, failure, saved) =
            (mode.clone(), saving.clone(), failure.clone(), saved.clone());
        let on_changed = props.on_changed.clone();
        let id = account.id;
        move |change: UpdateStaffAccount, done: &'static str| {
            if *saving {
                return;
            }
            saving.set(true);
            failure.set(None);
            saved.set(None);
            let (mode, saving, failure, saved) =
                (mode.clone(), saving.clone(), failure.clone(), saved.clone());
            let on_changed = on_changed.clone();
            spawn_local(async move {
                let result = admin::update_staff_account(id, &change).await;
                saving.set(false);
                match result {
                    Ok(()) => {
                        mode.set(Mode::Viewing);
                        saved.set(Some(done));
                        on_changed.emit(id);
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        }
    };

    let set_mode = |next: Mode| {
        let (mode, failure, roles_error, saved) = (
            mode.clone(),
            failure.clone(),
            roles_error.clone(),
            saved.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            roles_error.set(None);
            saved.set(None);
            mode.set(next.clone());
        })
    };

    let body = match &*mode {
        Mode::Viewing => html! {
            <div class="actions">
                <button type="button" class="button" onclick={set_mode(Mode::EditingRoles(account.roles.clone()))}>
                    { "Change roles" }
                </button>
                <button type="button" class="button" onclick={set_mode(Mode::ConfirmingToggle)}>
                    { if account.disabled { "Enable account" } else { "Disable account" } }
                </button>
            </div>
        },
        Mode::EditingRoles(selected) => {
            let on_toggle = {
                let mode = mode.clone();
                let selected = selected.clone();
                Callback::from(move |role| {
                    mode.set(Mode::EditingRoles(toggle_role(&selected, role)))
                })
            };
            let onsubmit = {
                let (save, selected, roles_error) =
                    (save.clone(), selected.clone(), roles_error.clone());
                Callback::from(move |event: SubmitEvent| {
                    event.prevent_default();
                    if selected.is_empty() {
                        roles_error.set(Some("Choose at least one role.".to_owned()));
                        return;
                    }
                    roles_error.set(None);
                    let change = UpdateStaffAccount {
                        roles: Some(selected.clone()),
                        ..UpdateStaffAccount::default()
                    };
                    save(change, "Roles saved.");
                })
            };
            html! {
                <form class="form" novalidate=true {onsubmit}>
                    { role_fieldset(RoleFieldset {
                        id_prefix: format!("account-{}-roles", account.id),
                        legend: "Roles",
                        selected,
                        on_toggle,
                        error: (*roles_error).clone(),
                        first_ref: first_role_ref.clone(),
                    }) }
                    <div class="actions">
                        <button type="submit" class="button button--primary" disabled={*saving}>
                            { if *saving { "Saving…" } else { "Save roles" } }
                        </button>
                        <button type="button" class="button" onclick={set_mode(Mode::Viewing)}>
                            { "Cancel" }
                        </button>
                    </div>
                </form>
            }
        }
        Mode::ConfirmingToggle => {
            let disable = !account.disabled;
            let onclick = {
                let save = save.clone();
                Callback::from(move |_: MouseEvent| {
                    let change = UpdateStaffAccount {
                        disabled: Some(disable),
                        ..UpdateStaffAccount::default()
                    };
                    save(
                        change,
                        if disable {
                            "Account disabled."
                        } else {
                            "Account enabled."
                        },
                    );
                })
            };
            let (question, confirm) = if disable {
                (
                    format!(
                        "Disable {}'s account? They will be signed out at once and can't \
                         sign in until an admin enables it again.",
                        account.display_name
                    ),
                    "Yes, disable",
                )
            } else {
                (
                    format!(
                        "Enable {}'s account? They will be able to sign in again.",
                        account.display_name
                    ),
                    "Yes, enable",
                )
            };
            html! {
                <div class="confirm">
                    <p tabindex="-1" ref={question_ref.clone()}><strong>{ question }</strong></p>
                    <div class="actions">
                        <button type="button" class="button button--primary" disabled={*saving} {onclick}>
                            { if *saving { "Saving…" } else { confirm } }
                        </button>
                        <button type="button" class="button" onclick={set_mode(Mode::Viewing)}>
                            { "Cancel" }
                        </button>
                    </div>
                </div>
            }
        }
    };

    html! {
        <li class="card account">
            <h3 tabindex="-1" ref={heading_ref}>
                { &account.display_name }
                if props.is_you {
                    { " (you)" }
                }
            </h3>
            <dl class="facts">
                <dt>{ "Email" }</dt>
                <dd class="break-anywhere">{ &account.email }</dd>
                <dt>{ "Roles" }</dt>
                <dd>{ capitalised(&roles_in_words(&account.roles)) }</dd>
                <dt>{ "Status" }</dt>
                <dd>{ account_status(account) }</dd>
            </dl>
            <p class="saved" role="status">{ *saved }</p>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            { body }
        </li>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

//! The role checkboxes, grouped in a fieldset with a legend, used when inviting someone
//! and when changing an account's roles.

use shared::Role;
use yew::prelude::*;

use crate::console::words::{role_description, role_label};

pub struct RoleFieldset<'a> {
    /// Makes the ids unique when several of these are on one page.
    pub id_prefix: String,
    pub legend: &'static str,
    pub selected: &'a [Role],
    pub on_toggle: Callback<Role>,
    pub error: Option<String>,
    /// Put on the first checkbox, so focus can be sent to the group.
    pub first_ref: NodeRef,
}

pub fn role_fieldset(fieldset: RoleFieldset) -> Html {
    let hint_id = format!("{}-hint", fieldset.id_prefix);
    let error_id = format!("{}-error", fieldset.id_prefix);
    let described_by = match fieldset.error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let checkbox = |(index, role): (usize, Role)| {
        let id = format!("{}-{}", fieldset.id_prefix, role.as_str());
        let description_id = format!("{id}-description");
        let input_ref = if index == 0 {
            fieldset.first_ref.clone()
        } else {
            NodeRef::default()
        };
        html! {
            <div class="checkbox" key={role.as_str()}>
                <input
                    type="checkbox"
                    id={id.clone()}
                    name="roles"
                    value={role.as_str()}
                    checked={fieldset.selected.contains(&role)}
                    aria-describedby={description_id.clone()}
                    aria-invalid={fieldset.error.is_some().then_some("true")}
                    ref={input_ref}
                    onchange={fieldset.on_toggle.reform(move |_| role)}
                />
                <label for={id}>{ role_label(role) }</label>
                <p id={description_id} class="checkbox__hint">{ role_description(role) }</p>
            </div>
        }
    };
    html! {
        <fieldset class="fieldset" aria-describedby={described_by}>
            <legend>{ fieldset.legend }</legend>
            <p id={hint_id} class="field-hint">{ "Choose at least one. Admins can use every tool." }</p>
            if let Some(error) = &fieldset.error {
                <p id={error_id} class="field-error">{ error }</p>
            }
            { for Role::ALL.into_iter().enumerate().map(checkbox) }
        </fieldset>
    }
}

/// The roles after ticking or unticking `role`, in the usual order.
pub fn toggle_role(selected: &[Role], role: Role) -> Vec<Role> {
    let mut roles: Vec<Role> = selected.iter().copied().filter(|r| *r != role).collect();
    if !selected.contains(&role) {
        roles.push(role);
        roles.sort();
    }
    roles
}

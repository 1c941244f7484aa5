//! A donor's details: adds a new donor, or saves an existing one's changes.

use shared::{Donor, NewDonor};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::donation_fields::{blame_summary, donor_blames, donor_fields, focus_order};
use super::field::use_focus_on_field_errors;
use crate::api::donations::{create_donor, update_donor};
use crate::components::form::FormErrors;
use crate::console::donations::{check_donor, DonorDraft};

#[derive(Properties, PartialEq)]
pub struct DonorFormProps {
    /// The donor to change, with their details; without one, the form adds a donor.
    #[prop_or_default]
    pub donor: Option<(i64, NewDonor)>,
    /// Called with the donor as saved.
    pub on_saved: Callback<Donor>,
    /// Shows a "Cancel" button that calls this.
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

const ID_PREFIX: &str = "donor";

#[component]
pub fn DonorForm(props: &DonorFormProps) -> Html {
    let draft = use_state(|| {
        props
            .donor
            .as_ref()
            .map(|(_, details)| DonorDraft::from_donor(details))
            .unwrap_or_default()
    });
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let alert_ref = use_node_ref();
    let blames = donor_blames(ID_PREFIX, "");
    use_focus_on_field_errors(&errors, focus_order(&blames), alert_ref.clone());

    let on_change = {
        let draft = draft.clone();
        Callback::from(move |next: DonorDraft| draft.set(next))
    };
    let onsubmit = {
        let (draft, errors, submitting) = (draft.clone(), errors.clone(), submitting.clone());
        let (id, on_saved) = (
            props.donor.as_ref().map(|(id, _)| *id),
            props.on_saved.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let details = match check_donor(&draft) {
                Ok(details) => details,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            submitting.set(true);
            let (errors, submitting, on_saved) =
                (errors.clone(), submitting.clone(), on_saved.clone());
            spawn_local(async move {
                let result = match id {
                    Some(id) => update_donor(id, &details).await,
                    None => create_donor(&details).await,
                };
                submitting.set(false);
                match result {
                    Ok(donor) => on_saved.emit(donor),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };
    let adding = props.donor.is_none();
    let label = match (*submitting, adding) {
        (true, _) => "Saving…",
        (false, true) => "Add donor",
        (false, false) => "Save changes",
    };
    html! {
        <form class="form donor-form" novalidate=true {onsubmit}>
            { blame_summary(&errors, &alert_ref, &blames) }
            { donor_fields(ID_PREFIX, "", &draft, &errors, &on_change) }
            <div class="actions">
                <button type="submit" class="button button--primary" disabled={*submitting}>
                    { label }
                </button>
                if let Some(on_cancel) = &props.on_cancel {
                    <button type="button" class="button" onclick={on_cancel.reform(|_| ())}>
                        { "Cancel" }
                    </button>
                }
            </div>
        </form>
    }
}

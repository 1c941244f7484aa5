//! "Log a donation": who it is from (a donor we know, or a new one filled in here),
//! when and how it came, grant details for grants, and one fieldset per item. Saves the
//! donation, its items and a new donor together, or nothing.

use shared::{Donation, DonorKind, ItemCategory, Space};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::choices::{choices, ChoiceKind, Choices};
use super::donation_fields::{
    blame, blame_summary, donor_blames, donor_fields, focus_order, item_blames, method_select,
    Blame, ItemRows,
};
use super::field::{field, use_focus_on_field_errors, Control, Field};
use super::item_select::{select_field, SelectField};
use crate::api::donations::create_donation;
use crate::clock;
use crate::components::form::{edit_draft, FormErrors};
use crate::console::donations::{
    check_donation, donor_kind_label, DonationDraft, DonorChoice, DonorDraft, ItemRow,
};

/// A donor to pick from: enough to say who they are.
#[derive(Debug, Clone, PartialEq)]
pub struct DonorOption {
    pub id: i64,
    pub name: String,
    pub kind: DonorKind,
}

#[derive(Properties, PartialEq)]
pub struct DonationFormProps {
    pub donors: Vec<DonorOption>,
    pub categories: Vec<ItemCategory>,
    pub spaces: Vec<Space>,
    /// The donor to start with, when the form was opened from their page.
    #[prop_or_default]
    pub donor_id: Option<i64>,
    /// Today on the agency's clock: the date the form starts with, and the latest allowed.
    #[prop_or_else(clock::local_today)]
    pub today: chrono::NaiveDate,
    /// Called with the donation as saved.
    pub on_saved: Callback<Donation>,
}

const DONOR_CHOICE: &str = "donation-from";
const DONOR_ID: &str = "donation-donor";
const NEW_DONOR: &str = "new-donor";
const RECEIVED_ID: &str = "donation-received-on";
const METHOD_ID: &str = "donation-method";
const NOTES_ID: &str = "donation-notes";

/// Every field the API or our check can blame, in page order.
fn blames(draft: &DonationDraft, grant: bool) -> Vec<Blame> {
    let mut list = Vec::new();
    match &draft.donor {
        DonorChoice::Known(_) => list.push(blame("donor_id", DONOR_ID, "Donor")),
        DonorChoice::New(_) => list.extend(donor_blames(NEW_DONOR, "new_donor.")),
    }
    list.push(blame("received_on", RECEIVED_ID, "Date it came in"));
    list.push(blame("method", METHOD_ID, "How it came"));
    list.push(blame("notes", NOTES_ID, "Notes"));
    if grant {
        for (part, label) in [
            ("name", "Grant name"),
            ("amount_cents", "Amount"),
            ("period_start", "Period starts"),
            ("period_end", "Period ends"),
        ] {
            list.push(blame(
                format!("grant.{part}"),
                format!("grant-{}", part.replace('_', "-")),
                label,
            ));
        }
        list.push(blame("grant", "grant-name", "Grant"));
    }
    list.extend(item_blames(&draft.items));
    list
}

#[component]
pub fn DonationForm(props: &DonationFormProps) -> Html {
    let draft = use_state(|| DonationDraft::new(props.today, props.donor_id));
    let today = props.today;
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let alert_ref = use_node_ref();
    let donors = props.donors.clone();
    let kind_of = move |id: i64| {
        donors
            .iter()
            .find(|donor| donor.id == id)
            .map(|donor| donor.kind)
    };
    let donor_kind = draft.donor_kind(&kind_of);
    let grant = donor_kind == Some(DonorKind::Grant);
    let blames = blames(&draft, grant);
    use_focus_on_field_errors(&errors, focus_order(&blames), alert_ref.clone());

    let update = |change: fn(&mut DonationDraft, String)| edit_draft(&draft, change);
    let on_from = {
        let draft = draft.clone();
        Callback::from(move |index: usize| {
            let mut next = (*draft).clone();
            next.donor = match (index, &draft.donor) {
                (0, DonorChoice::New(_)) => DonorChoice::Known(None),
                (1, DonorChoice::Known(_)) => DonorChoice::New(DonorDraft::default()),
                (_, same) => same.clone(),
            };
            draft.set(next);
        })
    };
    let on_new_donor = {
        let draft = draft.clone();
        Callback::from(move |donor: DonorDraft| {
            let mut next = (*draft).clone();
            next.donor = DonorChoice::New(donor);
            draft.set(next);
        })
    };
    let on_method = {
        let draft = draft.clone();
        Callback::from(move |method| {
            let mut next = (*draft).clone();
            next.method = method;
            draft.set(next);
        })
    };
    let on_items = {
        let (draft, errors) = (draft.clone(), errors.clone());
        Callback::from(move |(rows, moved): (Vec<ItemRow>, bool)| {
            if moved {
                // Other rows are now where the last check's messages point.
                errors.set(FormErrors::default());
            }
            let mut next = (*draft).clone();
            next.items = rows;
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, errors, submitting) = (draft.clone(), errors.clone(), submitting.clone());
        let on_saved = props.on_saved.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let new = match check_donation(&draft, donor_kind, today) {
                Ok(new) => new,
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
                let result = create_donation(&new).await;
                submitting.set(false);
                match result {
                    Ok(donation) => on_saved.emit(donation),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let from = match &draft.donor {
        DonorChoice::Known(id) => {
            let selected = id.map(|id| id.to_string()).unwrap_or_default();
            let mut options = vec![(String::new(), "Choose a donor".to_owned())];
            options.extend(props.donors.iter().map(|donor| {
                (
                    donor.id.to_string(),
                    format!("{} ({})", donor.name, donor_kind_label(donor.kind)),
                )
            }));
            let draft = draft.clone();
            select_field(SelectField {
                id: DONOR_ID,
                label: "Donor",
                hint: None,
                options,
                selected: &selected,
                on_change: Callback::from(move |value: String| {
                    let mut next = (*draft).clone();
                    next.donor = DonorChoice::Known(value.parse().ok());
                    draft.set(next);
                }),
                error: errors.for_field("donor_id"),
            })
        }
        DonorChoice::New(donor) => html! {
            <fieldset class="fieldset new-donor">
                <legend>{ "The new donor" }</legend>
                { donor_fields(NEW_DONOR, "new_donor.", donor, &errors, &on_new_donor) }
            </fieldset>
        },
    };
    let known = matches!(draft.donor, DonorChoice::Known(_));
    let text = |id: &str,
                label: &str,
                control: Control,
                hint: Option<&str>,
                error_field: &str,
                value: &str,
                change: fn(&mut DonationDraft, String)| {
        field(Field {
            hint,
            error: errors.for_field(error_field),
            value: Some(value.to_owned()),
            on_input: Some(update(change)),
            ..Field::new(id, label, control)
        })
    };

    html! {
        <form class="form donation-form" novalidate=true {onsubmit}>
            { blame_summary(&errors, &alert_ref, &blames) }
            <div class="donation-from">
                { choices(Choices {
                    id_prefix: DONOR_CHOICE,
                    legend: "Who it's from",
                    hint: None,
                    kind: ChoiceKind::Radio,
                    options: vec![
                        ("A donor we know".to_owned(), known),
                        ("A new donor".to_owned(), !known),
                    ],
                    on_pick: on_from,
                    error: None,
                    inline: true,
                }) }
                { from }
            </div>
            <fieldset class="fieldset">
                <legend>{ "The donation" }</legend>
                { text(RECEIVED_ID, "Date it came in", Control::Date, None, "received_on",
                    &draft.received_on, |draft, value| draft.received_on = value) }
                { method_select(METHOD_ID, draft.method, on_method, errors.for_field("method")) }
                { text(NOTES_ID, "Notes (optional)", Control::TextArea, None, "notes",
                    &draft.notes, |draft, value| draft.notes = value) }
            </fieldset>
            if grant {
                <fieldset class="fieldset">
                    <legend>{ "Grant" }</legend>
                    if let Some(error) = errors.for_field("grant") {
                        <p class="field-error">{ error }</p>
                    }
                    { text("grant-name", "Grant name", Control::Text, None, "grant.name",
                        &draft.grant.name, |draft, value| draft.grant.name = value) }
                    { text("grant-amount-cents", "Amount", Control::Text, Some("Like 2500.00."),
                        "grant.amount_cents", &draft.grant.amount,
                        |draft, value| draft.grant.amount = value) }
                    { text("grant-period-start", "Period starts", Control::Date, None,
                        "grant.period_start", &draft.grant.period_start,
                        |draft, value| draft.grant.period_start = value) }
                    { text("grant-period-end", "Period ends", Control::Date, None,
                        "grant.period_end", &draft.grant.period_end,
                        |draft, value| draft.grant.period_end = value) }
                </fieldset>
            }
            <fieldset class="fieldset" aria-describedby="donation-items-hint">
                <legend>{ "What came" }</legend>
                <p id="donation-items-hint" class="field-hint">
                    { if grant {
                        "Anything the grant bought or brought, one item per kind of thing. A grant of money alone needs no items."
                    } else {
                        "One item per kind of thing, like 3 chairs or 2 boxes of board games. Each goes into the inventory with the donation's date."
                    } }
                </p>
                if let Some(error) = errors.for_field("items") {
                    <p class="field-error">{ error }</p>
                }
                <ItemRows
                    rows={draft.items.clone()}
                    categories={props.categories.clone()}
                    spaces={props.spaces.clone()}
                    errors={(*errors).clone()}
                    on_change={on_items}
                />
            </fieldset>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Saving…" } else { "Log donation" } }
            </button>
        </form>
    }
}

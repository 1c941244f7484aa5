//! `/staff/letterhead` (facilities staff, admins): what goes at the top and bottom of
//! thank-you letters. The agency's name comes from the server's settings.

use shared::Letterhead;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::donations::{letterhead, save_letterhead};
use crate::components::fetch_view;
use crate::components::form::FormErrors;
use crate::console::components::donation_fields::{blame, blame_summary, focus_order, Blame};
use crate::console::components::donation_nav::donation_nav;
use crate::console::components::field::{field, use_focus_on_field_errors, Control, Field};
use crate::console::donations::check_letterhead;
use crate::hooks::{use_document_title, use_fetch, use_focus_on_change};

#[component]
pub fn LetterheadPage() -> Html {
    use_document_title("Letterhead");
    let loaded = use_fetch(letterhead);
    html! {
        <>
            { donation_nav() }
            <h1>{ "Letterhead" }</h1>
            <p>
                { "What thank-you letters say at the top and bottom. Donors often need the tax \
                   number for their records. Leave out anything you don't want on letters." }
            </p>
            { fetch_view(&loaded, "Loading the letterhead…", |letterhead| html! {
                <LetterheadForm letterhead={letterhead.clone()} />
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LetterheadFormProps {
    letterhead: Letterhead,
}

/// Which part of the letterhead an input edits.
type Part = fn(&mut Letterhead) -> &mut String;

/// Every input, in page order. The agency's name is the server's: never an input.
const PARTS: [(&str, &str, Control, Option<&str>, Part); 8] = [
    (
        "address",
        "Postal address",
        Control::TextArea,
        Some("One line per line."),
        |l| &mut l.address,
    ),
    ("phone", "Phone", Control::Text, None, |l| &mut l.phone),
    ("email", "Email", Control::Text, None, |l| &mut l.email),
    ("website", "Website", Control::Url, None, |l| &mut l.website),
    (
        "tax_id",
        "Tax or charity number",
        Control::Text,
        Some("Like an EIN: donors quote it when they claim their gift."),
        |l| &mut l.tax_id,
    ),
    (
        "signer_name",
        "Signed by",
        Control::Text,
        Some("The name under the letter."),
        |l| &mut l.signer_name,
    ),
    (
        "signer_title",
        "Their role",
        Control::Text,
        Some("Like \u{201c}Director\u{201d}."),
        |l| &mut l.signer_title,
    ),
    (
        "currency_symbol",
        "Currency symbol",
        Control::Text,
        Some("Put before amounts, like $ or \u{00a3}."),
        |l| &mut l.currency_symbol,
    ),
];

fn input_id(part: &str) -> String {
    format!("letterhead-{}", part.replace('_', "-"))
}

#[component]
fn LetterheadForm(props: &LetterheadFormProps) -> Html {
    let draft = use_state(|| props.letterhead.clone());
    let errors = use_state(FormErrors::default);
    let saving = use_state(|| false);
    let saved = use_state(|| 0_u32);
    let alert_ref = use_node_ref();
    let saved_ref = use_node_ref();
    use_focus_on_change(*saved, saved_ref.clone());
    let blames: Vec<Blame> = PARTS
        .iter()
        .map(|(part, label, ..)| blame(*part, input_id(part), *label))
        .collect();
    use_focus_on_field_errors(&errors, focus_order(&blames), alert_ref.clone());

    let onsubmit = {
        let (draft, errors, saving, saved) =
            (draft.clone(), errors.clone(), saving.clone(), saved.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *saving {
                return;
            }
            let letterhead = match check_letterhead(&draft) {
                Ok(letterhead) => letterhead,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            saving.set(true);
            let (draft, errors, saving, saved) =
                (draft.clone(), errors.clone(), saving.clone(), saved.clone());
            spawn_local(async move {
                let result = save_letterhead(&letterhead).await;
                saving.set(false);
                match result {
                    Ok(letterhead) => {
                        draft.set(letterhead);
                        saved.set(*saved + 1);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };
    let input = |(part, label, control, hint, get): &(&str, &str, Control, Option<&str>, Part)| {
        let get = *get;
        let on_input = {
            let draft = draft.clone();
            Callback::from(move |value: String| {
                let mut next = (*draft).clone();
                *get(&mut next) = value;
                draft.set(next);
            })
        };
        let mut current = (*draft).clone();
        field(Field {
            hint: *hint,
            error: errors.for_field(part),
            value: Some(std::mem::take(get(&mut current))),
            on_input: Some(on_input),
            ..Field::new(input_id(part), label, *control)
        })
    };
    html! {
        <form class="form letterhead-form" novalidate=true {onsubmit}>
            { blame_summary(&errors, &alert_ref, &blames) }
            if *saved > 0 {
                <div class="notice notice--success" role="status" tabindex="-1" ref={saved_ref}>
                    <p>{ "Letterhead saved. New letters use it from now on." }</p>
                </div>
            }
            <dl class="facts">
                <dt>{ "Agency" }</dt>
                <dd>{ if draft.agency_name.is_empty() { "Set in the server's settings" } else { &draft.agency_name } }</dd>
            </dl>
            { for PARTS.iter().map(input) }
            <button type="submit" class="button button--primary" disabled={*saving}>
                { if *saving { "Saving…" } else { "Save letterhead" } }
            </button>
        </form>
    }
}

//! `/staff/donations/{id}` (facilities staff, admins): one donation, what it brought, and
//! its thank-you letter: print it (the letter loads in a frame on this page, which is
//! then printed; "Save as PDF" in the print dialog makes a PDF), or email it to the donor.

use shared::{Donation, Item};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::donations::{donation, email_letter, letter_url};
use crate::api::ApiFailure;
use crate::components::{error_notice, fetch_view};
use crate::console::components::donation_nav::donation_nav;
use crate::console::donations::{donor_kind_label, method_label};
use crate::console::inventory::{condition_label, format_money, quantity_in_words, status_label};
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change, FetchState};

#[derive(Properties, PartialEq)]
pub struct DonationPageProps {
    pub id: i64,
}

#[component]
pub fn DonationPage(props: &DonationPageProps) -> Html {
    use_document_title("Donation");
    let fetched = use_fetch_with(props.id, |id| donation(*id));
    // The donation as the last change left it (emailing the letter answers with it).
    let latest = use_state(|| None::<Donation>);
    let location = use_location();
    let notice = use_state(|| {
        (
            0_u32,
            location
                .and_then(|location| location.state::<SavedNotice>())
                .map(|saved| saved.0.clone()),
        )
    });
    let notice_ref = use_node_ref();
    use_focus_on_change(notice.0, notice_ref.clone());
    let on_emailed = {
        let (latest, notice) = (latest.clone(), notice.clone());
        Callback::from(move |donation: Donation| {
            let said = format!(
                "The thank-you letter is on its way to {}.",
                donation.donor_name
            );
            latest.set(Some(donation));
            notice.set((notice.0 + 1, Some(said)));
        })
    };

    let id = props.id;
    let current = latest
        .as_ref()
        .filter(|donation| donation.id == id)
        .or(match &*fetched {
            FetchState::Loaded(donation) => Some(donation),
            _ => None,
        });
    let heading = current.map_or_else(
        || "Donation".to_owned(),
        |donation| format!("Donation from {}", donation.donor_name),
    );

    html! {
        <>
            { donation_nav() }
            <h1>{ heading }</h1>
            if let Some(notice) = &notice.1 {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ notice }</p>
                </div>
            }
            if let Some(donation) = current {
                { donation_view(donation, &on_emailed) }
            } else {
                { fetch_view(&fetched, "Loading the donation…", |_| Html::default()) }
            }
        </>
    }
}

fn donation_view(donation: &Donation, on_emailed: &Callback<Donation>) -> Html {
    html! {
        <>
            <dl class="facts">
                <dt>{ "From" }</dt>
                <dd>
                    <ConsoleLink to={ConsoleRoute::Donor { id: donation.donor_id }}>
                        { &donation.donor_name }
                    </ConsoleLink>
                    { format!(" ({})", donor_kind_label(donation.donor_kind)) }
                </dd>
                <dt>{ "Came in" }</dt>
                <dd>{ format::date_with_year(donation.received_on) }</dd>
                <dt>{ "How" }</dt>
                <dd>{ method_label(donation.method) }</dd>
                if !donation.notes.trim().is_empty() {
                    <dt>{ "Notes" }</dt>
                    <dd class="multiline">{ &donation.notes }</dd>
                }
                if let Some(grant) = &donation.grant {
                    <dt>{ "Grant" }</dt>
                    <dd>
                        { format!("{}: {}, for {} to {}",
                            grant.name,
                            format_money(grant.amount_cents),
                            format::date_with_year(grant.period_start),
                            format::date_with_year(grant.period_end)) }
                    </dd>
                }
            </dl>
            <section aria-labelledby="letter-heading">
                <h2 id="letter-heading">{ "Thank-you letter" }</h2>
                <LetterActions donation={donation.clone()} on_emailed={on_emailed.clone()} />
            </section>
            <section aria-labelledby="items-heading">
                <h2 id="items-heading">{ "What came" }</h2>
                if donation.items.is_empty() {
                    <p>{ "No items came with this donation." }</p>
                } else {
                    <ul class="cards donation-items">
                        { for donation.items.iter().map(item_card) }
                    </ul>
                }
            </section>
        </>
    }
}

fn item_card(item: &Item) -> Html {
    html! {
        <li key={item.id} class="card">
            <h3>
                <ConsoleLink to={ConsoleRoute::InventoryItem { id: item.id }}>{ &item.name }</ConsoleLink>
            </h3>
            <dl class="facts">
                <dt>{ "How many" }</dt>
                <dd>{ quantity_in_words(item.quantity, &item.unit) }</dd>
                <dt>{ "Category" }</dt>
                <dd>{ &item.category.name }</dd>
                <dt>{ "Condition" }</dt>
                <dd>{ condition_label(item.condition) }</dd>
                <dt>{ "Status" }</dt>
                <dd>{ status_label(item.status) }</dd>
                <dt>{ "Where" }</dt>
                <dd>{ &item.location_name }</dd>
                if let Some(cents) = item.estimated_value_cents {
                    <dt>{ "Estimated value" }</dt>
                    <dd>{ format_money(cents) }</dd>
                }
            </dl>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct LetterActionsProps {
    donation: Donation,
    on_emailed: Callback<Donation>,
}

/// Print (in a frame on this page; the print dialog's "Save as PDF" makes a PDF), open on
/// its own, and email.
#[component]
fn LetterActions(props: &LetterActionsProps) -> Html {
    let donation = &props.donation;
    // The frame is only added once asked for: the letter is a page of its own to load.
    let shown = use_state(|| false);
    // Set while the frame loads, so it prints as soon as the letter is in.
    let print_when_loaded = use_mut_ref(|| false);
    let frame_ref = use_node_ref();
    let print_failed = use_state(|| false);
    let emailing = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);

    let print_frame = {
        let (frame_ref, print_failed) = (frame_ref.clone(), print_failed.clone());
        move || print_failed.set(!print_frame(&frame_ref))
    };
    let on_print = {
        let (shown, print_when_loaded, print_frame) = (
            shown.clone(),
            print_when_loaded.clone(),
            print_frame.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *shown {
                print_frame();
            } else {
                *print_when_loaded.borrow_mut() = true;
                shown.set(true);
            }
        })
    };
    let on_load = Callback::from(move |_: Event| {
        if print_when_loaded.replace(false) {
            print_frame();
        }
    });
    let on_email = {
        let (emailing, failure) = (emailing.clone(), failure.clone());
        let (id, on_emailed) = (donation.id, props.on_emailed.clone());
        Callback::from(move |_: MouseEvent| {
            if *emailing {
                return;
            }
            emailing.set(true);
            failure.set(None);
            let (emailing, failure, on_emailed) =
                (emailing.clone(), failure.clone(), on_emailed.clone());
            spawn_local(async move {
                let result = email_letter(id).await;
                emailing.set(false);
                match result {
                    Ok(donation) => on_emailed.emit(donation),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let no_email = failure
        .as_ref()
        .is_some_and(|failure| failure.code() == Some("donor_has_no_email"));
    let last_emailed = match &donation.letter_emailed_at {
        Some(at) => format!("Last emailed {}.", format::date_time(at)),
        None => "Not emailed yet.".to_owned(),
    };
    html! {
        <div class="letter-actions">
            <p id="letter-emailed">{ last_emailed }</p>
            <p class="field-hint">{ "For a PDF copy, print the letter and choose \"Save as PDF\" as the printer." }</p>
            if no_email {
                <div class="notice notice--error" role="alert">
                    <p>
                        { "This donor has no email address, so the letter can't be emailed. Add one on " }
                        <ConsoleLink to={ConsoleRoute::Donor { id: donation.donor_id }}>
                            { "their page" }
                        </ConsoleLink>
                        { ", or print the letter and post it." }
                    </p>
                </div>
            } else if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            <div class="actions">
                <button type="button" class="button button--primary" id="letter-print" onclick={on_print}>
                    { "Print letter" }
                </button>
                <a class="button" href={letter_url(donation.id)} target="_blank" rel="noopener">
                    { "Open letter" }
                </a>
                <button type="button" class="button" id="letter-email"
                    aria-describedby="letter-emailed"
                    aria-disabled={emailing.then_some("true")}
                    onclick={on_email}>
                    { if *emailing { "Emailing…" } else { "Email letter to donor" } }
                </button>
            </div>
            if *print_failed {
                <div class="notice notice--error" role="alert">
                    <p>
                        { "Your browser wouldn't print the letter from here. " }
                        <a href={letter_url(donation.id)} target="_blank" rel="noopener">
                            { "Open the letter on its own" }
                        </a>
                        { " and print it from there." }
                    </p>
                </div>
            }
            if *shown {
                <iframe
                    class="letter-frame"
                    src={letter_url(donation.id)}
                    title={format!("Thank-you letter to {}", donation.donor_name)}
                    ref={frame_ref}
                    onload={on_load}
                />
            }
        </div>
    }
}

/// Prints the letter in the frame; false when the browser won't let us.
fn print_frame(frame_ref: &NodeRef) -> bool {
    let Some(frame) = frame_ref.get() else {
        return false;
    };
    let frame: JsValue = frame.into();
    // `HtmlIFrameElement` isn't among the web-sys features we build; reading the two
    // properties by name costs no extra bindings.
    let window = js_sys::Reflect::get(&frame, &JsValue::from_str("contentWindow"))
        .ok()
        .filter(|window| window.is_object());
    let Some(window) = window else {
        return false;
    };
    let print = js_sys::Reflect::get(&window, &JsValue::from_str("print"))
        .ok()
        .and_then(|print| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(print).ok());
    print.is_some_and(|print| print.call0(&window).is_ok())
}

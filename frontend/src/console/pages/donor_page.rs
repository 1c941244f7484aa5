//! `/staff/donors/{id}` (facilities staff, admins): a donor's details (editable), where
//! their gifts are now, a note about that to send them, and everything they gave.

use shared::{Donation, Donor, DonorDetail, ImpactNote};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::api::donations::{donor_detail, send_impact_note};
use crate::api::ApiFailure;
use crate::components::{error_notice, fetch_view};
use crate::console::components::donation_nav::donation_nav;
use crate::console::components::donor_form::DonorForm;
use crate::console::components::field::{field, Control, Field};
use crate::console::donations::{donor_kind_label, method_label};
use crate::console::pages::donations_page::items_in_words;
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change, FetchState};

#[derive(Properties, PartialEq)]
pub struct DonorPageProps {
    pub id: i64,
}

#[component]
pub fn DonorPage(props: &DonorPageProps) -> Html {
    use_document_title("Donor");
    let detail = use_fetch_with(props.id, |id| donor_detail(*id));
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
    let report = {
        let (notice, refresh) = (notice.clone(), detail.refresh.clone());
        Callback::from(move |said: String| {
            notice.set((notice.0 + 1, Some(said)));
            refresh.emit(());
        })
    };
    let heading = match &*detail {
        FetchState::Loaded(detail) => detail.donor.details.name.clone(),
        _ => "Donor".to_owned(),
    };
    html! {
        <>
            { donation_nav() }
            <p class="sub-nav__back">
                <ConsoleLink to={ConsoleRoute::Donors}>{ "All donors" }</ConsoleLink>
            </p>
            <h1>{ heading }</h1>
            if let Some(notice) = &notice.1 {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ notice }</p>
                </div>
            }
            { fetch_view(&detail, "Loading the donor…", |detail| html! {
                <DonorView key={detail.donor.id} detail={detail.clone()} report={report.clone()} />
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct DonorViewProps {
    detail: DonorDetail,
    /// Called with what happened, in words; the page loads the donor again.
    report: Callback<String>,
}

#[component]
fn DonorView(props: &DonorViewProps) -> Html {
    let detail = &props.detail;
    let donor = &detail.donor;
    let id = donor.id;
    let editing = use_state(|| false);
    let edit_ref = use_node_ref();
    use_focus_on_change(*editing, edit_ref.clone());
    let navigator = use_navigator();

    let toggle = |value: bool| {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(value))
    };
    let on_saved = {
        let (editing, report) = (editing.clone(), props.report.clone());
        Callback::from(move |donor: Donor| {
            editing.set(false);
            report.emit(format!("Changes to {} saved.", donor.details.name));
        })
    };
    let log_donation = Callback::from(move |event: MouseEvent| {
        if let Some(navigator) = &navigator {
            event.prevent_default();
            let _ =
                navigator.push_with_query(&ConsoleRoute::NewDonation, Raw(format!("donor={id}")));
        }
    });

    let details = &donor.details;
    html! {
        <>
            <div class="actions page-actions">
                <a class="button button--primary" href={format!("/staff/donations/new?donor={id}")}
                    onclick={log_donation}>
                    { "Log a donation from them" }
                </a>
            </div>
            <section aria-labelledby="donor-details-heading">
                <h2 id="donor-details-heading">{ "Details" }</h2>
                if *editing {
                    <DonorForm
                        donor={Some((id, details.clone()))}
                        on_saved={on_saved}
                        on_cancel={Some(toggle(false))}
                    />
                } else {
                    <dl class="facts">
                        <dt>{ "Kind" }</dt>
                        <dd>{ donor_kind_label(details.kind) }</dd>
                        <dt>{ "Contact person" }</dt>
                        <dd>{ or_none(&details.contact_person) }</dd>
                        <dt>{ "Email" }</dt>
                        <dd>{ or_none(&details.email) }</dd>
                        <dt>{ "Phone" }</dt>
                        <dd>{ or_none(&details.phone) }</dd>
                        <dt>{ "Postal address" }</dt>
                        <dd class="multiline">{ or_none(&details.address) }</dd>
                        <dt>{ "Thanked in public" }</dt>
                        <dd>{ if details.public_thanks { "Yes, they agreed" } else { "No" } }</dd>
                        if !details.notes.is_empty() {
                            <dt>{ "Notes" }</dt>
                            <dd class="multiline">{ &details.notes }</dd>
                        }
                    </dl>
                    <div class="actions">
                        <button type="button" class="button" ref={edit_ref}
                            onclick={toggle(true).reform(|_: MouseEvent| ())}>
                            { "Edit details" }
                        </button>
                    </div>
                }
            </section>
            <section aria-labelledby="impact-heading">
                <h2 id="impact-heading">{ "Where it is now" }</h2>
                if detail.impact.is_empty() {
                    <p>{ "Nothing of theirs is in the inventory yet." }</p>
                } else {
                    <ul class="impact">
                        { for detail.impact.iter().map(|line| html! {
                            <li key={line.item_id}>
                                <ConsoleLink to={ConsoleRoute::InventoryItem { id: line.item_id }}>
                                    { &line.text }
                                </ConsoleLink>
                            </li>
                        }) }
                    </ul>
                }
                <ImpactNoteForm
                    donor_id={id}
                    draft={detail.impact_note_draft.clone()}
                    has_email={!details.email.trim().is_empty()}
                    report={props.report.clone()}
                />
            </section>
            <section aria-labelledby="donor-donations-heading">
                <h2 id="donor-donations-heading">{ "What they gave" }</h2>
                if detail.donation_list.is_empty() {
                    <p>{ "No donations logged yet." }</p>
                } else {
                    <ul class="cards">
                        { for detail.donation_list.iter().map(donation_card) }
                    </ul>
                }
            </section>
        </>
    }
}

fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        "Not given".to_owned()
    } else {
        text.to_owned()
    }
}

fn donation_card(donation: &Donation) -> Html {
    html! {
        <li key={donation.id} class="card">
            <h3>
                <ConsoleLink to={ConsoleRoute::Donation { id: donation.id }}>
                    { format::date_with_year(donation.received_on) }
                </ConsoleLink>
            </h3>
            <p>{ method_label(donation.method) }</p>
            <p>{ items_in_words(donation) }</p>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ImpactNoteFormProps {
    donor_id: i64,
    /// What the server drafted from where their gifts are.
    draft: String,
    has_email: bool,
    report: Callback<String>,
}

/// A short note to the donor on how their gifts are used, drafted by the server and
/// edited here before it goes.
#[component]
fn ImpactNoteForm(props: &ImpactNoteFormProps) -> Html {
    let text = use_state(|| props.draft.clone());
    let sending = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let problem = use_state(|| None::<String>);
    let onsubmit = {
        let (text, sending, failure, problem) = (
            text.clone(),
            sending.clone(),
            failure.clone(),
            problem.clone(),
        );
        let (id, report) = (props.donor_id, props.report.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *sending {
                return;
            }
            let note = text.trim().to_owned();
            if note.is_empty() {
                problem.set(Some("Please write the note first.".to_owned()));
                return;
            }
            problem.set(None);
            failure.set(None);
            sending.set(true);
            let (sending, failure, report) = (sending.clone(), failure.clone(), report.clone());
            spawn_local(async move {
                let result = send_impact_note(id, &ImpactNote { text: note }).await;
                sending.set(false);
                match result {
                    Ok(()) => report.emit("Your note is on its way to the donor.".to_owned()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |value: String| text.set(value))
    };
    let field_error = problem.as_ref().cloned().or_else(|| {
        failure
            .as_ref()
            .and_then(|failure| failure.field_errors())
            .and_then(|fields| fields.get("text"))
            .map(|messages| messages.join(" "))
    });
    html! {
        <form class="form impact-note" novalidate=true {onsubmit}>
            if let Some(failure) = &*failure {
                if failure.code() == Some("donor_has_no_email") || failure.status() == Some(422) && field_error.is_none() {
                    <div class="notice notice--error" role="alert">
                        <p>{ "This donor has no email address, so the note can't be sent. Add one under \u{201c}Edit details\u{201d}." }</p>
                    </div>
                } else {
                    { error_notice(failure, None) }
                }
            }
            { field(Field {
                hint: Some(if props.has_email {
                    "Drafted from where their gifts are now. Change it as you like, then send it."
                } else {
                    "They have no email address yet: add one under \u{201c}Edit details\u{201d} to send this."
                }),
                error: field_error,
                value: Some((*text).clone()),
                on_input: Some(on_input),
                ..Field::new("impact-note", "A note on how their gifts are used", Control::TextArea)
            }) }
            <button type="submit" class="button button--primary" aria-disabled={sending.then_some("true")}>
                { if *sending { "Sending…" } else { "Send to donor" } }
            </button>
        </form>
    }
}

//! `/staff/donors` (facilities staff, admins): the people and organisations who give to
//! the lounge, searchable by name, contact or email, and a way to add one.

use shared::Donor;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::donations::list_donors;
use crate::components::fetch_view;
use crate::console::components::donation_nav::donation_nav;
use crate::console::components::donor_form::DonorForm;
use crate::console::donations::donor_kind_label;
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::words::count_of;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change};

#[component]
pub fn DonorsPage() -> Html {
    use_document_title("Donors");
    let query = use_state(String::new);
    let donors = use_fetch_with((*query).clone(), |q| {
        let q = q.clone();
        async move { list_donors(&q).await }
    });
    let search_ref = use_node_ref();
    let adding = use_state(|| false);
    let add_ref = use_node_ref();
    // Back on "New donor" once its form closes.
    use_focus_on_change(*adding, add_ref.clone());
    let navigator = use_navigator();

    let onsubmit = {
        let (query, search_ref) = (query.clone(), search_ref.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let q = search_ref
                .cast::<HtmlInputElement>()
                .map(|input| input.value())
                .unwrap_or_default();
            query.set(q.trim().to_owned());
        })
    };
    let on_saved = Callback::from(move |donor: Donor| {
        if let Some(navigator) = &navigator {
            navigator.push_with_state(
                &ConsoleRoute::Donor { id: donor.id },
                SavedNotice(format!("{} is added.", donor.details.name)),
            );
        }
    });
    let toggle = |value: bool| {
        let adding = adding.clone();
        Callback::from(move |()| adding.set(value))
    };

    html! {
        <>
            { donation_nav() }
            <h1>{ "Donors" }</h1>
            if *adding {
                <section aria-labelledby="new-donor-heading" class="card">
                    <h2 id="new-donor-heading">{ "New donor" }</h2>
                    <DonorForm on_saved={on_saved} on_cancel={Some(toggle(false))} />
                </section>
            } else {
                <div class="actions page-actions">
                    <button type="button" class="button button--primary" ref={add_ref}
                        onclick={toggle(true).reform(|_: MouseEvent| ())}>
                        { "New donor" }
                    </button>
                </div>
            }
            <form class="form filter" role="search" aria-label="Donors" {onsubmit}>
                <div class="field">
                    <label for="donor-search">{ "Search by name, contact or email" }</label>
                    <input id="donor-search" type="search" autocomplete="off" ref={search_ref} />
                </div>
                <button type="submit" class="button">{ "Search" }</button>
            </form>
            { fetch_view(&donors, "Loading donors…", |donors| html! {
                <>
                    <p role="status">
                        { if query.is_empty() {
                            count_of(donors.len() as u64, "donor", "donors")
                        } else {
                            format!("{} for \u{201c}{}\u{201d}", count_of(donors.len() as u64, "donor", "donors"), *query)
                        } }
                    </p>
                    if !donors.is_empty() {
                        <ul class="cards donors-list">
                            { for donors.iter().map(donor_card) }
                        </ul>
                    }
                </>
            }) }
        </>
    }
}

fn donor_card(donor: &Donor) -> Html {
    let details = &donor.details;
    html! {
        <li key={donor.id} class="card donor-card">
            <h2 class="card__title">
                <ConsoleLink to={ConsoleRoute::Donor { id: donor.id }}>{ &details.name }</ConsoleLink>
            </h2>
            <dl class="facts">
                <dt>{ "Kind" }</dt>
                <dd>{ donor_kind_label(details.kind) }</dd>
                if !details.contact_person.is_empty() {
                    <dt>{ "Contact" }</dt>
                    <dd>{ &details.contact_person }</dd>
                }
                <dt>{ "Donations" }</dt>
                <dd>
                    { donor.donations.to_string() }
                    if let Some(date) = donor.last_gave_on {
                        { format!(", last on {}", format::date_with_year(date)) }
                    }
                </dd>
            </dl>
        </li>
    }
}

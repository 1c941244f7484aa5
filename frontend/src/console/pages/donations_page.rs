//! `/staff/donations` (facilities staff, admins): donations as they came in, newest
//! first, each with its donor and what it brought, and the way to log a new one.

use shared::{Donation, Page};
use yew::prelude::*;

use crate::api::donations::list_donations;
use crate::components::fetch_view;
use crate::console::components::donation_nav::donation_nav;
use crate::console::components::{pager, Pager};
use crate::console::donations::method_label;
use crate::console::inventory::quantity_in_words;
use crate::console::words::count_of;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change};

#[component]
pub fn DonationsPage() -> Html {
    use_document_title("Donations");
    let page = use_state(|| 1_u64);
    let donations = use_fetch_with(*page, |page| list_donations(None, *page));
    let results_ref = use_node_ref();
    use_focus_on_change(*page, results_ref.clone());
    let on_page = {
        let page = page.clone();
        Callback::from(move |to| page.set(to))
    };
    html! {
        <>
            { donation_nav() }
            <h1>{ "Donations" }</h1>
            <p>
                { "Everything given to the lounge, newest first. Log each gift as it arrives: \
                   its items go into the inventory, and you can print or email a thank-you \
                   letter straight away." }
            </p>
            <div class="actions page-actions">
                <ConsoleLink to={ConsoleRoute::NewDonation} classes="button button--primary">
                    { "Log a donation" }
                </ConsoleLink>
            </div>
            <section aria-labelledby="donations-heading">
                <h2 id="donations-heading" tabindex="-1" ref={results_ref}>{ "Logged donations" }</h2>
                { fetch_view(&donations, "Loading donations…", |donations: &Page<Donation>| html! {
                    <>
                        <p role="status">{ count_of(donations.total, "donation", "donations") }</p>
                        if donations.items.is_empty() {
                            <p>{ "No donations logged yet." }</p>
                        } else {
                            <ul class="cards donations-list">
                                { for donations.items.iter().map(donation_card) }
                            </ul>
                        }
                        { pager(Pager {
                            page: donations.page,
                            per_page: donations.per_page,
                            total: donations.total,
                            on_page: on_page.clone(),
                        }) }
                    </>
                }) }
            </section>
        </>
    }
}

/// "3 chairs, 2 boxes of board games", or what a grant was.
pub fn items_in_words(donation: &Donation) -> String {
    let items: Vec<String> = donation
        .items
        .iter()
        .map(|item| {
            format!(
                "{} ({})",
                item.name,
                quantity_in_words(item.quantity, &item.unit)
            )
        })
        .collect();
    match (&donation.grant, items.is_empty()) {
        (Some(grant), true) => format!("Grant: {}", grant.name),
        (_, true) => "No items".to_owned(),
        (_, false) => items.join(", "),
    }
}

fn donation_card(donation: &Donation) -> Html {
    html! {
        <li key={donation.id} class="card donation-card">
            <h3>
                <ConsoleLink to={ConsoleRoute::Donation { id: donation.id }}>
                    { format!("From {}", donation.donor_name) }
                </ConsoleLink>
            </h3>
            <dl class="facts">
                <dt>{ "Came in" }</dt>
                <dd>{ format::date_with_year(donation.received_on) }</dd>
                <dt>{ "How" }</dt>
                <dd>{ method_label(donation.method) }</dd>
                <dt>{ "What" }</dt>
                <dd>{ items_in_words(donation) }</dd>
                <dt>{ "Thank-you letter" }</dt>
                <dd>{ if donation.letter_emailed_at.is_some() { "Emailed" } else { "Not emailed yet" } }</dd>
            </dl>
        </li>
    }
}

//! `/staff/donations/new` (facilities staff, admins): "Log a donation", with the donors,
//! categories and spaces to choose from. `?donor=ID` starts with that donor picked.
//! Saving goes to the donation's page, where the thank-you letter is.

use shared::{ItemCategory, Space};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::donations::list_donors;
use crate::api::inventory::list_categories;
use crate::api::spaces::list_spaces;
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::donation_form::{DonationForm, DonorOption};
use crate::console::components::donation_nav::donation_nav;
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_fetch};

/// What the form chooses from.
#[derive(Debug, Clone, PartialEq)]
struct Choices {
    donors: Vec<DonorOption>,
    categories: Vec<ItemCategory>,
    spaces: Vec<Space>,
    today: chrono::NaiveDate,
}

async fn load() -> Result<Choices, ApiFailure> {
    let mut donors: Vec<DonorOption> = list_donors("")
        .await?
        .into_iter()
        .map(|donor| DonorOption {
            id: donor.id,
            name: donor.details.name,
            kind: donor.details.kind,
        })
        .collect();
    donors.sort_by_key(|donor| donor.name.to_lowercase());
    Ok(Choices {
        donors,
        categories: list_categories().await?,
        spaces: list_spaces().await?,
        today: crate::console::lounge::agency_today().await,
    })
}

/// The donor `?donor=ID` names.
pub fn donor_from_query(query: &str) -> Option<i64> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("donor="))
        .and_then(|id| id.parse().ok())
}

#[component]
pub fn NewDonationPage() -> Html {
    use_document_title("Log a donation");
    let location = use_location();
    let donor_id = location
        .as_ref()
        .and_then(|location| donor_from_query(location.query_str()));
    let choices = use_fetch(load);
    let navigator = use_navigator();
    let on_saved = Callback::from(move |donation: shared::Donation| {
        if let Some(navigator) = &navigator {
            navigator.push_with_state(
                &ConsoleRoute::Donation { id: donation.id },
                SavedNotice(format!(
                    "Donation from {} logged. Its items are in the inventory.",
                    donation.donor_name
                )),
            );
        }
    });
    html! {
        <>
            { donation_nav() }
            <h1>{ "Log a donation" }</h1>
            { fetch_view(&choices, "Loading the form…", |choices| html! {
                <>
                    if choices.categories.is_empty() {
                        <div class="notice notice--info">
                            <p>
                                { "Items need a category, and there are none yet. Add categories \
                                   on the " }
                                <ConsoleLink to={ConsoleRoute::Inventory}>{ "inventory page" }</ConsoleLink>
                                { " first. A grant of money alone can be logged without items." }
                            </p>
                        </div>
                    }
                    <DonationForm
                        donors={choices.donors.clone()}
                        categories={choices.categories.clone()}
                        spaces={choices.spaces.clone()}
                        {donor_id}
                        today={choices.today}
                        on_saved={on_saved.clone()}
                    />
                </>
            }) }
        </>
    }
}

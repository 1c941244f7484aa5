//! `/staff/pledges` (facilities staff, admins): what partners promised from the
//! wishlist. An open pledge's gift can be logged when it arrives ("Gift arrived": one
//! step makes the donation, its items and, unless one is picked, its donor), or the
//! pledge withdrawn after a question.

use shared::{DeliveryMethod, Donation, ItemCategory, Pledge, PledgeStatus, Space, Wish};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::donations::{
    list_donors, list_pledges, list_wishes, pledge_arrived, withdraw_pledge,
};
use crate::api::inventory::list_categories;
use crate::api::spaces::list_spaces;
use crate::api::ApiFailure;
use crate::components::form::{edit_draft, FormErrors};
use crate::components::{error_notice, fetch_view};
use crate::console::components::donation_fields::{
    blame, blame_summary, focus_order, item_blames, method_select, ItemRows,
};
use crate::console::components::donation_nav::donation_nav;
use crate::console::components::field::{field, use_focus_on_field_errors, Control, Field};
use crate::console::components::item_select::{select_field, SelectField};
use crate::console::donations::{
    check_arrived, pledge_item_row, pledge_status_label, ArrivedDraft, ItemRow,
};
use crate::console::pages::event_editor_page::SavedNotice;
use crate::console::words::count_of;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::format;
use crate::hooks::{use_document_title, use_fetch, use_fetch_with, use_focus_on_change};

/// What "Gift arrived" chooses from.
#[derive(Debug, Clone, PartialEq)]
struct Choices {
    wishes: Vec<Wish>,
    categories: Vec<ItemCategory>,
    spaces: Vec<Space>,
    donors: Vec<(i64, String)>,
    /// Today on the agency's clock.
    today: chrono::NaiveDate,
}

async fn load_choices() -> Result<Choices, ApiFailure> {
    let mut donors: Vec<(i64, String)> = list_donors("")
        .await?
        .into_iter()
        .map(|donor| (donor.id, donor.details.name))
        .collect();
    donors.sort_by_key(|(_, name)| name.to_lowercase());
    Ok(Choices {
        wishes: list_wishes().await?,
        categories: list_categories().await?,
        spaces: list_spaces().await?,
        donors,
        today: crate::console::lounge::agency_today().await,
    })
}

const STATUSES: [(PledgeStatus, &str); 3] = [
    (PledgeStatus::Open, "Open"),
    (PledgeStatus::Received, "Arrived"),
    (PledgeStatus::Withdrawn, "Withdrawn"),
];

#[component]
pub fn PledgesPage() -> Html {
    use_document_title("Pledges");
    let status = use_state(|| PledgeStatus::Open);
    let pledges = use_fetch_with(*status, |status| list_pledges(*status));
    let choices = use_fetch(load_choices);
    // The pledge whose "Gift arrived" form is open: one at a time, as its item rows'
    // inputs have fixed ids.
    let arriving = use_state(|| None::<i64>);
    let on_arrive = {
        let arriving = arriving.clone();
        Callback::from(move |id: Option<i64>| arriving.set(id))
    };
    let change = use_state(|| (0_u32, String::new()));
    let notice_ref = use_node_ref();
    use_focus_on_change(change.0, notice_ref.clone());
    let report = {
        let (change, refresh) = (change.clone(), pledges.refresh.clone());
        Callback::from(move |said: String| {
            change.set((change.0 + 1, said));
            refresh.emit(());
        })
    };
    let tab = |(value, label): &(PledgeStatus, &'static str)| {
        let (status, value) = (status.clone(), *value);
        html! {
            <li key={label.to_owned()}>
                <button type="button" class="button" aria-pressed={if *status == value { "true" } else { "false" }}
                    onclick={Callback::from(move |_| status.set(value))}>
                    { *label }
                </button>
            </li>
        }
    };
    let choices_loaded = match &*choices {
        crate::hooks::FetchState::Loaded(choices) => Some(choices.clone()),
        _ => None,
    };
    let choices_failed = matches!(&*choices, crate::hooks::FetchState::Failed(_));
    html! {
        <>
            { donation_nav() }
            <h1>{ "Pledges" }</h1>
            <p>
                { "What partners promised from the wishlist. When a gift arrives, log it here: \
                   it becomes a donation with its items, ready for a thank-you letter." }
            </p>
            if !change.1.is_empty() {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ change.1.clone() }</p>
                </div>
            }
            <div role="group" aria-label="Show pledges that are">
                <ul class="actions pledge-tabs">{ for STATUSES.iter().map(tab) }</ul>
            </div>
            { fetch_view(&pledges, "Loading pledges…", |pledges| html! {
                <>
                    <p role="status">{ count_of(pledges.len() as u64, "pledge", "pledges") }</p>
                    if !pledges.is_empty() {
                        <ul class="cards pledges">
                            { for pledges.iter().map(|pledge| html! {
                                <PledgeCard key={pledge.id} pledge={pledge.clone()}
                                    choices={choices_loaded.clone()} {choices_failed} report={report.clone()}
                                    arriving={*arriving == Some(pledge.id)} on_arrive={on_arrive.clone()} />
                            }) }
                        </ul>
                    }
                </>
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PledgeCardProps {
    pledge: Pledge,
    /// What "Gift arrived" needs, once loaded.
    choices: Option<Choices>,
    /// Loading those failed: the form can't be shown.
    choices_failed: bool,
    report: Callback<String>,
    /// Its "Gift arrived" form is open.
    arriving: bool,
    /// Opens this pledge's form (`Some(id)`) or closes it (`None`).
    on_arrive: Callback<Option<i64>>,
}

#[component]
fn PledgeCard(props: &PledgeCardProps) -> Html {
    let pledge = &props.pledge;
    let arriving = props.arriving;
    let confirming = use_state(|| false);
    let withdrawing = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let arrived_ref = use_node_ref();
    let question_ref = use_node_ref();
    let withdraw_ref = use_node_ref();
    use_focus_on_change(arriving, arrived_ref.clone());
    use_focus_on_change(
        *confirming,
        if *confirming {
            question_ref.clone()
        } else {
            withdraw_ref.clone()
        },
    );
    let set = |state: &UseStateHandle<bool>, value: bool| {
        let (state, failure) = (state.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            state.set(value);
        })
    };
    let stop_arriving = props.on_arrive.reform(|()| None);
    let start_arriving = {
        let (failure, on_arrive, id) = (failure.clone(), props.on_arrive.clone(), pledge.id);
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            on_arrive.emit(Some(id));
        })
    };
    let withdraw = {
        let (withdrawing, failure, confirming) =
            (withdrawing.clone(), failure.clone(), confirming.clone());
        let (id, report) = (pledge.id, props.report.clone());
        let who = who(pledge);
        Callback::from(move |_: MouseEvent| {
            if *withdrawing {
                return;
            }
            withdrawing.set(true);
            failure.set(None);
            let (withdrawing, failure, confirming, report, who) = (
                withdrawing.clone(),
                failure.clone(),
                confirming.clone(),
                report.clone(),
                who.clone(),
            );
            spawn_local(async move {
                let result = withdraw_pledge(id).await;
                withdrawing.set(false);
                match result {
                    Ok(_) => {
                        confirming.set(false);
                        report.emit(format!(
                            "{who}'s pledge is withdrawn. What they pledged is needed again."
                        ));
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let open = pledge.status == PledgeStatus::Open;

    html! {
        <li class="card pledge">
            <h2 class="card__title">{ format!("{} \u{00d7} {}", pledge.quantity, pledge.wish_name) }</h2>
            <dl class="facts">
                <dt>{ "Status" }</dt>
                <dd>{ pledge_status_label(pledge.status) }</dd>
                <dt>{ "Organisation" }</dt>
                <dd>{ if pledge.organisation.is_empty() { "None given" } else { &pledge.organisation } }</dd>
                <dt>{ "Contact" }</dt>
                <dd>
                    { &pledge.contact_name }{ ", " }
                    <a href={format!("mailto:{}", pledge.email)}>{ &pledge.email }</a>
                </dd>
                <dt>{ "How many" }</dt>
                <dd>{ pledge.quantity.to_string() }</dd>
                <dt>{ "Pledged" }</dt>
                <dd>{ format::date_time(&pledge.created_at) }</dd>
                if !pledge.message.is_empty() {
                    <dt>{ "Message" }</dt>
                    <dd class="multiline">{ &pledge.message }</dd>
                }
                if let Some(donation_id) = pledge.donation_id {
                    <dt>{ "Donation" }</dt>
                    <dd>
                        <ConsoleLink to={ConsoleRoute::Donation { id: donation_id }}>
                            { "See the donation and its letter" }
                        </ConsoleLink>
                    </dd>
                }
            </dl>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            if open && arriving {
                if let Some(choices) = &props.choices {
                    <ArrivedForm pledge={pledge.clone()} choices={choices.clone()} on_cancel={stop_arriving} />
                } else if props.choices_failed {
                    <div class="notice notice--error" role="alert">
                        <p>{ "The categories and spaces this form needs didn't load. Reload the page to try again." }</p>
                    </div>
                } else {
                    <p role="status">{ "Loading the form…" }</p>
                }
            } else if open && *confirming {
                <div class="confirm">
                    <p tabindex="-1" ref={question_ref}>
                        <strong>
                            { format!("Withdraw {}'s pledge of {} \u{00d7} {}? It will be needed again on the public wishlist.",
                                who(pledge), pledge.quantity, pledge.wish_name) }
                        </strong>
                    </p>
                    <div class="actions">
                        <button type="button" class="button button--danger"
                            aria-disabled={withdrawing.then_some("true")} onclick={withdraw}>
                            { if *withdrawing { "Withdrawing…" } else { "Yes, withdraw it" } }
                        </button>
                        <button type="button" class="button" onclick={set(&confirming, false)}>
                            { "Keep it" }
                        </button>
                    </div>
                </div>
            } else if open {
                <div class="actions">
                    <button type="button" class="button button--primary" ref={arrived_ref}
                        onclick={start_arriving}>
                        { "Gift arrived" }<span class="visually-hidden">{ format!(": {}", pledge.wish_name) }</span>
                    </button>
                    <button type="button" class="button button--danger" ref={withdraw_ref}
                        onclick={set(&confirming, true)}>
                        { "Withdraw" }<span class="visually-hidden">{ format!(" the pledge of {}", pledge.wish_name) }</span>
                    </button>
                </div>
            }
        </li>
    }
}

/// The organisation, or the contact when there is none.
fn who(pledge: &Pledge) -> String {
    if pledge.organisation.trim().is_empty() {
        pledge.contact_name.clone()
    } else {
        pledge.organisation.clone()
    }
}

#[derive(Properties, PartialEq)]
struct ArrivedFormProps {
    pledge: Pledge,
    choices: Choices,
    on_cancel: Callback<()>,
}

/// The pledged gift as it arrived: one item row to start with, named after the wish,
/// with the quantity pledged and the wish's category.
#[component]
fn ArrivedForm(props: &ArrivedFormProps) -> Html {
    let pledge = &props.pledge;
    let wish = props
        .choices
        .wishes
        .iter()
        .find(|wish| wish.id == pledge.wish_id);
    let draft = use_state(|| ArrivedDraft {
        received_on: props.choices.today.to_string(),
        method: DeliveryMethod::DropOff,
        notes: String::new(),
        items: vec![pledge_item_row(pledge, wish)],
    });
    let donor = use_state(String::new);
    let errors = use_state(FormErrors::default);
    let saving = use_state(|| false);
    let alert_ref = use_node_ref();
    let prefix = format!("arrived-{}", pledge.id);
    let id = |part: &str| format!("{prefix}-{part}");
    let mut blames = vec![
        blame("donor_id", id("donor"), "Donor"),
        blame("received_on", id("received-on"), "Date it came in"),
        blame("method", id("method"), "How it came"),
        blame("notes", id("notes"), "Notes"),
    ];
    blames.extend(item_blames(&draft.items));
    use_focus_on_field_errors(&errors, focus_order(&blames), alert_ref.clone());
    let navigator = use_navigator();

    let edit = |change: fn(&mut ArrivedDraft, String)| edit_draft(&draft, change);
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
                errors.set(FormErrors::default());
            }
            let mut next = (*draft).clone();
            next.items = rows;
            draft.set(next);
        })
    };
    let on_donor = {
        let donor = donor.clone();
        Callback::from(move |value: String| donor.set(value))
    };
    let onsubmit = {
        let (draft, donor, errors, saving) =
            (draft.clone(), donor.clone(), errors.clone(), saving.clone());
        let (pledge_id, today) = (pledge.id, props.choices.today);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *saving {
                return;
            }
            let arrived = match check_arrived(&draft, donor.parse().ok(), today) {
                Ok(arrived) => arrived,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            saving.set(true);
            let (errors, saving, navigator) = (errors.clone(), saving.clone(), navigator.clone());
            spawn_local(async move {
                let result = pledge_arrived(pledge_id, &arrived).await;
                saving.set(false);
                match result {
                    Ok(donation) => show_donation(navigator.as_ref(), &donation),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let mut donors = vec![(String::new(), format!("A new donor: {}", who(pledge)))];
    donors.extend(
        props
            .choices
            .donors
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone())),
    );
    let (donor_id, method_id) = (id("donor"), id("method"));
    html! {
        <form class="form arrived-form" novalidate=true {onsubmit}
            aria-label={format!("Gift arrived: {}", pledge.wish_name)}>
            { blame_summary(&errors, &alert_ref, &blames) }
            { select_field(SelectField {
                id: &donor_id,
                label: "Donor",
                hint: Some("A new donor is made from the pledge's organisation, contact and email, unless they are one of yours already."),
                options: donors,
                selected: &donor,
                on_change: on_donor,
                error: errors.for_field("donor_id"),
            }) }
            { field(Field {
                error: errors.for_field("received_on"),
                value: Some(draft.received_on.clone()),
                on_input: Some(edit(|draft, value| draft.received_on = value)),
                ..Field::new(id("received-on"), "Date it came in", Control::Date)
            }) }
            { method_select(&method_id, draft.method, on_method, errors.for_field("method")) }
            { field(Field {
                error: errors.for_field("notes"),
                value: Some(draft.notes.clone()),
                on_input: Some(edit(|draft, value| draft.notes = value)),
                ..Field::new(id("notes"), "Notes (optional)", Control::TextArea)
            }) }
            <fieldset class="fieldset">
                <legend>{ "What came" }</legend>
                if let Some(error) = errors.for_field("items") {
                    <p class="field-error">{ error }</p>
                }
                <ItemRows
                    rows={draft.items.clone()}
                    categories={props.choices.categories.clone()}
                    spaces={props.choices.spaces.clone()}
                    errors={(*errors).clone()}
                    on_change={on_items}
                />
            </fieldset>
            <div class="actions">
                <button type="submit" class="button button--primary" disabled={*saving}>
                    { if *saving { "Saving…" } else { "Log the gift" } }
                </button>
                <button type="button" class="button" onclick={props.on_cancel.reform(|_| ())}>
                    { "Cancel" }
                </button>
            </div>
        </form>
    }
}

fn show_donation(navigator: Option<&Navigator>, donation: &Donation) {
    if let Some(navigator) = navigator {
        navigator.push_with_state(
            &ConsoleRoute::Donation { id: donation.id },
            SavedNotice(format!(
                "The gift from {} is logged as a donation, and the pledge is marked arrived.",
                donation.donor_name
            )),
        );
    }
}

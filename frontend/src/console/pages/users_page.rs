//! `/staff/users` (admins): invite staff, and change who can do what.

use shared::StaffAccount;
use yew::prelude::*;

use crate::api::admin::list_staff_accounts;
use crate::components::fetch_view;
use crate::console::components::{AccountCard, InviteForm};
use crate::console::session::use_session;
use crate::hooks::{use_document_title, use_fetch};

#[component]
pub fn UsersPage() -> Html {
    use_document_title("Staff accounts");
    let session = use_session();
    let accounts = use_fetch(list_staff_accounts);
    let your_id = session.user().map(|user| user.id);
    let on_changed = {
        let refresh = accounts.refresh.clone();
        Callback::from(move |account_id| {
            refresh.emit(());
            // Your own roles decide what this console shows you.
            if Some(account_id) == your_id {
                session.refresh();
            }
        })
    };

    html! {
        <>
            <h1>{ "Staff accounts" }</h1>
            <section aria-labelledby="invite-heading">
                <h2 id="invite-heading">{ "Invite someone" }</h2>
                <p>
                    { "We'll email them a link to set their password. \
                       The link works for 72 hours." }
                </p>
                <InviteForm on_invited={accounts.refresh.clone()} />
            </section>
            <section aria-labelledby="accounts-heading">
                <h2 id="accounts-heading">{ "Everyone with an account" }</h2>
                { fetch_view(&accounts, "Loading staff accounts…", |accounts| {
                    account_list(accounts, your_id, &on_changed)
                }) }
            </section>
        </>
    }
}

fn account_list(
    accounts: &[StaffAccount],
    your_id: Option<i64>,
    on_changed: &Callback<i64>,
) -> Html {
    if accounts.is_empty() {
        return html! { <p>{ "No staff accounts yet." }</p> };
    }
    html! {
        <ul class="cards accounts">
            { for accounts.iter().map(|account| html! {
                <AccountCard
                    key={account.id}
                    account={account.clone()}
                    is_you={Some(account.id) == your_id}
                    on_changed={on_changed.clone()}
                />
            }) }
        </ul>
    }
}

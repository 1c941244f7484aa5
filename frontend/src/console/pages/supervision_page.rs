//! `/staff/supervision` (supervisors, admins): one card per mentor they look after, and
//! for those nobody supervises yet. Admins see every mentor and choose who supervises
//! whom.

use shared::{Role, StaffAccount};
use yew::prelude::*;

use crate::api::admin::list_staff_accounts;
use crate::api::health::fetch_health;
use crate::api::mentoring::supervised_mentors;
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::supervised_mentor_card::SupervisedMentorCard;
use crate::console::session::use_session;
use crate::console::words::count_of;
use crate::hooks::{use_document_title, use_fetch_with};

/// Active staff who hold the supervisor role, as (id, name), for the admins' select.
pub fn supervisor_choices(accounts: &[StaffAccount]) -> Vec<(i64, String)> {
    accounts
        .iter()
        .filter(|account| !account.disabled && account.roles.contains(&Role::Supervisor))
        .map(|account| (account.id, account.display_name.clone()))
        .collect()
}

#[component]
pub fn SupervisionPage() -> Html {
    use_document_title("Supervision");
    let session = use_session();
    let is_admin = session
        .user()
        .is_some_and(|user| user.roles.contains(&Role::Admin));
    let loaded = use_fetch_with(is_admin, |is_admin| {
        let is_admin = *is_admin;
        async move {
            let mentors = supervised_mentors().await?;
            // Only admins may read the staff list, and only they choose supervisors.
            let supervisors = if is_admin {
                Some(supervisor_choices(&list_staff_accounts().await?))
            } else {
                None
            };
            // Extra sessions are entered on the agency's clock; the device's if unknown.
            let zone = fetch_health().await.ok().and_then(|health| health.timezone);
            Ok::<_, ApiFailure>((mentors, supervisors, zone))
        }
    });
    let on_changed = {
        let refresh = loaded.refresh.clone();
        Callback::from(move |_: String| refresh.emit(()))
    };

    html! {
        <>
            <h1>{ "Supervision" }</h1>
            <p>
                { if is_admin {
                    "Every peer mentor, with their sessions against the limits they set, their \
                     check-ins and anything they asked for support with."
                } else {
                    "The peer mentors you supervise, and any who don't have a supervisor yet: \
                     their sessions against the limits they set, their check-ins and anything \
                     they asked for support with."
                } }
            </p>
            { fetch_view(&loaded, "Loading mentors…", |(mentors, supervisors, zone)| {
                if mentors.is_empty() {
                    return html! { <p>{ "No peer mentors to show yet." }</p> };
                }
                let waiting = mentors.iter().filter(|m| !m.open_support_flags.is_empty()).count();
                html! {
                    <>
                        if waiting > 0 {
                            <div class="notice notice--info">
                                <p>
                                    { format!(
                                        "{} asked for support and {} waiting for you to follow up.",
                                        count_of(waiting as u64, "mentor", "mentors"),
                                        if waiting == 1 { "is" } else { "are" }
                                    ) }
                                </p>
                            </div>
                        }
                        <ul class="cards supervised-mentors">
                            { for mentors.iter().map(|mentor| html! {
                                <SupervisedMentorCard
                                    key={mentor.mentor_id}
                                    mentor={mentor.clone()}
                                    supervisors={supervisors.clone()}
                                    zone={zone.clone()}
                                    on_changed={on_changed.clone()}
                                />
                            }) }
                        </ul>
                    </>
                }
            }) }
        </>
    }
}

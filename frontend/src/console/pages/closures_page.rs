//! `/staff/spaces/{id}/closures` (admins): times a space is shut (a holiday, a deep
//! clean), the ones still to come, and a way to add or remove one.

use shared::Closure;
use yew::prelude::*;

use crate::api::health::fetch_health;
use crate::api::lounge_admin::{find_admin_space, list_closures};
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::{space_nav, ClosureCard, ClosureForm};
use crate::console::words::count_of;
use crate::hooks::{use_document_title, use_fetch_with, use_focus_on_change, FetchState};

#[derive(Properties, PartialEq)]
pub struct ClosuresPageProps {
    pub id: i64,
}

/// What changed last, for the announcement.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Added(Closure),
    Removed,
}

#[component]
pub fn ClosuresPage(props: &ClosuresPageProps) -> Html {
    use_document_title("Closures");
    let id = props.id;
    let loaded = use_fetch_with(id, |id| {
        let id = *id;
        async move {
            let space = find_admin_space(id).await?;
            let closures = list_closures(id).await?;
            // Staff enter closure times on the lounge's clock, wherever their device is.
            let zone = fetch_health().await?.timezone;
            Ok::<_, ApiFailure>((space, closures, zone))
        }
    });
    // Counts changes, so each one is announced, even the same twice.
    let change = use_state(|| (0_u32, None::<Change>));
    let notice_ref = use_node_ref();
    use_focus_on_change(change.0, notice_ref.clone());

    let report = |what: fn(Closure) -> Change| {
        let (change, refresh) = (change.clone(), loaded.refresh.clone());
        Callback::from(move |closure: Closure| {
            change.set((change.0 + 1, Some(what(closure))));
            refresh.emit(());
        })
    };
    let on_added = report(Change::Added);
    let on_removed = {
        let (change, refresh) = (change.clone(), loaded.refresh.clone());
        Callback::from(move |()| {
            change.set((change.0 + 1, Some(Change::Removed)));
            refresh.emit(());
        })
    };

    let notice = change.1.as_ref().map(|change| match change {
        Change::Added(closure) => format!(
            "Closure added. {} cancelled; those who gave an email address are being told.",
            count_of(
                u64::from(closure.cancelled_bookings),
                "booking was",
                "bookings were"
            )
        ),
        Change::Removed => "Closure removed. The space is open again for that time.".to_owned(),
    });

    let heading = match &*loaded {
        FetchState::Loaded((space, _, _)) => format!("Closures of {}", space.space.name),
        _ => "Closures".to_owned(),
    };

    html! {
        <>
            <h1>{ heading }</h1>
            { space_nav(id) }
            if let Some(notice) = notice {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ notice }</p>
                </div>
            }
            { fetch_view(&loaded, "Loading closures…", |(_, closures, zone)| html! {
                <>
                    <section aria-labelledby="closures-heading">
                        <h2 id="closures-heading">{ "Coming up" }</h2>
                        { closure_list(id, closures, &on_removed) }
                    </section>
                    <section aria-labelledby="add-closure-heading">
                        <h2 id="add-closure-heading">{ "Close the space for a while" }</h2>
                        <ClosureForm space_id={id} zone={zone.clone()} {on_added} />
                    </section>
                </>
            }) }
        </>
    }
}

fn closure_list(space_id: i64, closures: &[Closure], on_removed: &Callback<()>) -> Html {
    if closures.is_empty() {
        return html! { <p>{ "No closures coming up: the space keeps its usual hours." }</p> };
    }
    html! {
        <ul class="cards closures">
            { for closures.iter().map(|closure| html! {
                <ClosureCard
                    key={closure.id}
                    {space_id}
                    closure={closure.clone()}
                    on_removed={on_removed.clone()}
                />
            }) }
        </ul>
    }
}

//! `/staff/spaces` (admins): the lounge spaces with their seats and booking rules, the
//! way to each one's details, opening hours and closures, and a form to add one.

use shared::AdminSpace;
use yew::prelude::*;

use crate::api::lounge_admin::list_admin_spaces;
use crate::components::fetch_view;
use crate::console::components::SpaceForm;
use crate::console::words::{booking_rules_in_words, count_of};
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_fetch, use_focus_on_change};

#[component]
pub fn SpacesPage() -> Html {
    use_document_title("Spaces");
    let spaces = use_fetch(list_admin_spaces);
    // The space added last, for the confirmation and its next step.
    let added = use_state(|| None::<AdminSpace>);
    let added_ref = use_node_ref();
    use_focus_on_change(
        added.as_ref().map(|space| space.space.id),
        added_ref.clone(),
    );
    let on_saved = {
        let (added, refresh) = (added.clone(), spaces.refresh.clone());
        Callback::from(move |space| {
            added.set(Some(space));
            refresh.emit(());
        })
    };

    html! {
        <>
            <h1>{ "Spaces" }</h1>
            <section aria-labelledby="spaces-heading">
                <h2 id="spaces-heading">{ "Your spaces" }</h2>
                { fetch_view(&spaces, "Loading spaces…", |spaces| space_list(spaces)) }
            </section>
            <section aria-labelledby="add-space-heading">
                <h2 id="add-space-heading">{ "Add a space" }</h2>
                if let Some(space) = &*added {
                    <div class="notice notice--success" role="status" tabindex="-1" ref={added_ref}>
                        <p>
                            { format!("{} is added. Young people can book it once it has \
                                       opening hours.", space.space.name) }
                        </p>
                        <p>
                            <ConsoleLink to={ConsoleRoute::OpeningHours { id: space.space.id }}>
                                { format!("Set opening hours for {}", space.space.name) }
                            </ConsoleLink>
                        </p>
                    </div>
                }
                <SpaceForm {on_saved} />
            </section>
        </>
    }
}

fn space_list(spaces: &[AdminSpace]) -> Html {
    if spaces.is_empty() {
        return html! { <p>{ "No spaces yet. Add the first one below." }</p> };
    }
    html! {
        <ul class="cards spaces-list">
            { for spaces.iter().map(space_card) }
        </ul>
    }
}

fn space_card(space: &AdminSpace) -> Html {
    let id = space.space.id;
    let name = &space.space.name;
    html! {
        <li key={id} class="card">
            <h3>{ name }</h3>
            <dl class="facts">
                <dt>{ "Seats" }</dt>
                <dd>{ count_of(u64::from(space.space.capacity), "seat", "seats") }</dd>
            </dl>
            <ul class="rules">
                { for booking_rules_in_words(space).into_iter().map(|rule| html! { <li>{ rule }</li> }) }
            </ul>
            <ul class="card-links">
                <li>
                    <ConsoleLink to={ConsoleRoute::Space { id }}>
                        { "Details and rules" }<span class="visually-hidden">{ format!(" of {name}") }</span>
                    </ConsoleLink>
                </li>
                <li>
                    <ConsoleLink to={ConsoleRoute::OpeningHours { id }}>
                        { "Opening hours" }<span class="visually-hidden">{ format!(" of {name}") }</span>
                    </ConsoleLink>
                </li>
                <li>
                    <ConsoleLink to={ConsoleRoute::Closures { id }}>
                        { "Closures" }<span class="visually-hidden">{ format!(" of {name}") }</span>
                    </ConsoleLink>
                </li>
            </ul>
        </li>
    }
}

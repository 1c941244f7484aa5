//! The lounge spaces: how many fit, what they are like, access and house rules.

use shared::Space;
use yew::prelude::*;

use crate::api::spaces::list_spaces;
use crate::components::fetch_view;
use crate::format;
use crate::hooks::{use_document_title, use_fetch};

#[component]
pub fn LoungePage() -> Html {
    use_document_title("The lounge");
    let spaces = use_fetch(list_spaces);

    html! {
        <>
            <h1>{ "The lounge" }</h1>
            <p class="lead">{ "A space that's yours. Drop in, hang out, take a breather." }</p>
            { fetch_view(&spaces, "Loading the lounge…", |spaces| space_list(spaces)) }
        </>
    }
}

fn space_list(spaces: &[Space]) -> Html {
    if spaces.is_empty() {
        return html! { <p>{ "No lounge spaces are listed yet. Check back soon!" }</p> };
    }
    html! {
        <ul class="cards">
            { for spaces.iter().map(space_card) }
        </ul>
    }
}

fn space_card(space: &Space) -> Html {
    html! {
        <li key={space.id} class="card">
            <h2>{ &space.name }</h2>
            <p class="card__meta">{ format!("Up to {}", format::people(space.capacity)) }</p>
            <p class="multiline">{ &space.description }</p>
            if !space.accessibility_notes.is_empty() {
                <h3>{ "Getting in and around" }</h3>
                <p class="multiline">{ &space.accessibility_notes }</p>
            }
            if !space.house_rules.is_empty() {
                <h3>{ "House rules" }</h3>
                <p class="multiline">{ &space.house_rules }</p>
            }
        </li>
    }
}

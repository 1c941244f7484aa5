//! The way around one space's pages: back to all spaces, and between its details, its
//! opening hours and its closures.

use yew::prelude::*;

use crate::console::{ConsoleLink, ConsoleRoute};

/// Goes above the page's heading; the current page is marked with `aria-current`.
pub fn space_nav(id: i64) -> Html {
    html! {
        <nav class="sub-nav" aria-label="This space">
            <p class="sub-nav__back">
                <ConsoleLink to={ConsoleRoute::Spaces}>{ "All spaces" }</ConsoleLink>
            </p>
            <ul>
                <li><ConsoleLink to={ConsoleRoute::Space { id }}>{ "Details and rules" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::OpeningHours { id }}>{ "Opening hours" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::Closures { id }}>{ "Closures" }</ConsoleLink></li>
            </ul>
        </nav>
    }
}

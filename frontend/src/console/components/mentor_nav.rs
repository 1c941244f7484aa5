//! The way between a peer mentor's own pages: sessions, profile, and office hours with
//! limits. The header has one "Mentoring" link for all three.

use yew::prelude::*;

use crate::console::{ConsoleLink, ConsoleRoute};

/// Goes under the page's heading; the current page is marked with `aria-current`.
pub fn mentor_nav() -> Html {
    html! {
        <nav class="sub-nav" aria-label="Your mentoring">
            <ul>
                <li><ConsoleLink to={ConsoleRoute::MentorSessions}>{ "My sessions" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::MentorProfile}>{ "My profile" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::MentorOfficeHours}>{ "My office hours" }</ConsoleLink></li>
            </ul>
        </nav>
    }
}

//! The way around facilities staff's giving pages: donations, donors, the wishlist,
//! pledges and the letterhead.

use yew::prelude::*;

use crate::console::{ConsoleLink, ConsoleRoute};

/// Goes above the page's heading; the current page is marked with `aria-current`.
pub fn donation_nav() -> Html {
    html! {
        <nav class="sub-nav" aria-label="Donations and wishlist">
            <ul>
                <li><ConsoleLink to={ConsoleRoute::Donations}>{ "Donations" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::Donors}>{ "Donors" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::Wishlist}>{ "Wishlist" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::Pledges}>{ "Pledges" }</ConsoleLink></li>
                <li><ConsoleLink to={ConsoleRoute::Letterhead}>{ "Letterhead" }</ConsoleLink></li>
            </ul>
        </nav>
    }
}

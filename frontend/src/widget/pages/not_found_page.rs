//! Shown for any address we don't know.

use yew::prelude::*;

use crate::components::NavLink;
use crate::hooks::use_document_title;
use crate::Route;

#[component]
pub fn NotFoundPage() -> Html {
    use_document_title("Page not found");

    html! {
        <>
            <h1>{ "We can't find that page" }</h1>
            <p>{ "The link might be old, or there might be a typo in the address." }</p>
            <p><NavLink to={Route::Home}>{ "Go to the Peer Lounge home page" }</NavLink></p>
        </>
    }
}

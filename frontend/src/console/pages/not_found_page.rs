//! Shown for any `/staff/...` address the console doesn't know.

use yew::prelude::*;

use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::use_document_title;

#[component]
pub fn NotFoundPage() -> Html {
    use_document_title("Page not found");

    html! {
        <>
            <h1>{ "We can't find that page" }</h1>
            <p>{ "The link might be old, or there might be a typo in the address." }</p>
            <p><ConsoleLink to={ConsoleRoute::Home}>{ "Go to the staff console home" }</ConsoleLink></p>
        </>
    }
}

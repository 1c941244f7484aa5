//! Shown for any address we don't know.

use yew::prelude::*;

use crate::hooks::use_document_title;
use crate::widget::{Route, WidgetLink};

#[component]
pub fn NotFoundPage() -> Html {
    use_document_title("Page not found");

    html! {
        <>
            <h1>{ "We can't find that page" }</h1>
            <p>{ "The link might be old, or there might be a typo in the address." }</p>
            <p><WidgetLink to={Route::Home}>{ "Go to the Peer Lounge home page" }</WidgetLink></p>
        </>
    }
}

//! The frame around every widget page: skip link, header with the main navigation,
//! `<main>`, and a footer with the quieter way into the staff console. Embedded in
//! another site, only the skip link and a compact header remain.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::{LinkLook, Route, WidgetLink};
use crate::AGENCY_NAME;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page shown now.
    pub route: Route,
    /// Framed in another site: a compact header and no footer.
    #[prop_or_default]
    pub embedded: bool,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let main_ref = use_node_ref();
    let (route, embedded) = (props.route, props.embedded);
    use_focus_on_new_page(route, main_ref.clone());
    // Focus moves without following `#main`: the manage page's address holds its link's
    // token in the fragment, which must stay for a bookmark to work.
    let skip_to_main = {
        let main_ref = main_ref.clone();
        Callback::from(move |event: MouseEvent| {
            if let Some(main) = main_ref.cast::<HtmlElement>() {
                event.prevent_default();
                // Failing to focus leaves the reader where they were.
                let _ = main.focus();
            }
        })
    };

    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip_to_main}>{ "Skip to main content" }</a>
            if embedded {
                <header class="site-header site-header--compact">
                    <div class="site-header__inner">
                        <p class="brand">{ AGENCY_NAME }</p>
                    </div>
                </header>
            } else {
                <header class="site-header">
                    <div class="site-header__inner">
                        <WidgetLink to={Route::Home} look={LinkLook::Brand}>{ AGENCY_NAME }</WidgetLink>
                        <nav aria-label="Main" class="main-nav">
                            <ul>
                                { for [
                                    (Route::Lounge, "Lounge"),
                                    (Route::Mentors, "Mentors"),
                                    (Route::Events, "Events"),
                                ].map(|(to, label)| html! {
                                    <li><WidgetLink {to} current={to == route}>{ label }</WidgetLink></li>
                                }) }
                            </ul>
                        </nav>
                    </div>
                </header>
            }
            <main id="main" tabindex="-1" ref={main_ref}>
                { props.children.clone() }
            </main>
            if !embedded {
                <footer class="site-footer">
                    <p>{ "This space is for you. Everyone is welcome here." }</p>
                    <nav aria-label="Staff">
                        // A full page load: the console is a separate download.
                        <a href="/staff" class="staff-link">{ "Staff sign-in" }</a>
                    </nav>
                </footer>
            }
        </>
    }
}

/// A new page doesn't reload the document, so screen readers need telling: after each
/// route change (not on page load, where the skip link comes first), focus moves to the
/// new page's heading, or to `<main>` when the heading can't take focus.
#[hook]
fn use_focus_on_new_page(route: Route, main_ref: NodeRef) {
    let is_first_render = use_ref(|| std::cell::Cell::new(true));
    // Runs after the page's own effects (Yew runs a parent's after its children's), so
    // the heading is already in place.
    use_effect_with(route, move |_| {
        if is_first_render.replace(false) {
            return;
        }
        let Some(main) = main_ref.cast::<HtmlElement>() else {
            return;
        };
        let heading = main
            .query_selector("h1[tabindex='-1']")
            .ok()
            .flatten()
            .and_then(|heading| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(heading).ok());
        // Failing to focus only costs the announcement; nothing to recover.
        let _ = heading.unwrap_or(main).focus();
    });
}

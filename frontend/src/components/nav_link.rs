//! A link to one of our routes that tells assistive technology when it is the page
//! you are on (`aria-current="page"`), which yew-router's `Link` cannot do, and keeps
//! the query its routes ask for (the embedded widget's `embed=1`).

use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

/// Routes whose every link keeps a query on the address.
pub trait KeptQuery {
    /// The query without its `?`, or `None` for none.
    fn kept_query() -> Option<&'static str>;
}

#[derive(Properties, PartialEq)]
pub struct NavLinkProps<R: Routable> {
    pub to: R,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// Generic over the route type, because the widget and the staff console each have
/// their own routes.
#[component]
pub fn NavLink<R: Routable + KeptQuery + 'static>(props: &NavLinkProps<R>) -> Html {
    let navigator = use_navigator();
    let is_current = use_route::<R>().as_ref() == Some(&props.to);

    let query = R::kept_query();
    let href = match query {
        Some(query) => format!("{}?{query}", props.to.to_path()),
        None => props.to.to_path(),
    };
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |event: MouseEvent| {
            // Leave "open in a new tab" and friends to the browser.
            let modified = event.ctrl_key() || event.meta_key() || event.shift_key();
            if modified || event.alt_key() || event.button() != 0 {
                return;
            }
            if let Some(navigator) = &navigator {
                event.prevent_default();
                match query {
                    Some(query) => navigator
                        .push_with_query(&to, Raw(query))
                        .unwrap_or_else(|never| match never {}),
                    None => navigator.push(&to),
                }
            }
        })
    };

    html! {
        <a
            {href}
            class={props.classes.clone()}
            aria-current={is_current.then_some("page")}
            {onclick}
        >
            { props.children.clone() }
        </a>
    }
}

//! A link to one of our routes that tells assistive technology when it is the page
//! you are on (`aria-current="page"`), which yew-router's `Link` cannot do.

use yew::prelude::*;
use yew_router::prelude::*;

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
pub fn NavLink<R: Routable + 'static>(props: &NavLinkProps<R>) -> Html {
    let navigator = use_navigator();
    let is_current = use_route::<R>().as_ref() == Some(&props.to);

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
                navigator.push(&to);
            }
        })
    };

    html! {
        <a
            href={props.to.to_path()}
            class={props.classes.clone()}
            aria-current={is_current.then_some("page")}
            {onclick}
        >
            { props.children.clone() }
        </a>
    }
}

//! The widget's own small router. Its few addresses are matched by hand and moving
//! between them uses the History API directly: yew-router, with gloo-history and
//! route-recognizer, weighed over 20 KB gzipped here, paid by every visitor. The staff
//! console, a separate download for staff only, keeps yew-router.
//!
//! Every address inside an embedded widget keeps `embed=1`, so the agency's frame never
//! suddenly shows the full site.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Event;
use yew::prelude::*;

use super::embed::{is_embedded, EMBED_QUERY};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Home,
    Lounge,
    /// The booking form for one slot, chosen by `?start=<RFC 3339>`: an address, so a
    /// reload keeps the young person where they were. "You're in!" follows on it.
    BookSpot {
        space_id: i64,
    },
    /// Where manage links lead, with `#token=...`.
    Manage,
    Mentors,
    Events,
    NotFound,
}

impl Route {
    /// The route of a path such as `/lounge/1/book`; a trailing slash doesn't matter.
    pub fn from_path(path: &str) -> Self {
        match path.trim_matches('/') {
            "" => Self::Home,
            "lounge" => Self::Lounge,
            "manage" => Self::Manage,
            "mentors" => Self::Mentors,
            "events" => Self::Events,
            other => other
                .strip_prefix("lounge/")
                .and_then(|rest| rest.strip_suffix("/book"))
                .and_then(|space_id| space_id.parse().ok())
                .map_or(Self::NotFound, |space_id| Self::BookSpot { space_id }),
        }
    }

    pub fn to_path(self) -> String {
        match self {
            Self::Home => "/".to_owned(),
            Self::Lounge => "/lounge".to_owned(),
            Self::BookSpot { space_id } => format!("/lounge/{space_id}/book"),
            Self::Manage => "/manage".to_owned(),
            Self::Mentors => "/mentors".to_owned(),
            Self::Events => "/events".to_owned(),
            Self::NotFound => "/404".to_owned(),
        }
    }

    /// The route the browser's address is at now.
    pub fn current() -> Self {
        let path = web_sys::window()
            .and_then(|window| window.location().pathname().ok())
            .unwrap_or_default();
        Self::from_path(&path)
    }

    /// The address of `self` with the query `params`, keeping `embed=1` when embedded.
    pub fn href(self, params: &[(&str, &str)]) -> String {
        let query = widget_query(params, is_embedded());
        if query.is_empty() {
            self.to_path()
        } else {
            format!("{}?{query}", self.to_path())
        }
    }
}

/// Goes to `route` with the query `params`: a new entry in the history, or in place of
/// the current one, so "Back" skips a step that is done (a form already sent).
pub fn go_to(route: Route, params: &[(&str, &str)], replace: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let url = route.href(params);
    let moved = if replace {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
    // The app follows `popstate`, the event "Back" and "Forward" fire too.
    if moved.is_ok() {
        if let Ok(event) = Event::new("popstate") {
            let _ = window.dispatch_event(&event);
        }
    }
}

/// The current route, updated whenever the address changes.
#[hook]
pub fn use_current_route() -> Route {
    let route = use_state(Route::current);
    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn FnMut()>::new(move || route.set(Route::current()));
            let window = web_sys::window();
            if let Some(window) = &window {
                // Without it only links stop working in place; a reload still does.
                let _ = window.add_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = &window {
                    let _ = window.remove_event_listener_with_callback(
                        "popstate",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    *route
}

#[derive(Properties, PartialEq)]
pub struct WidgetLinkProps {
    pub to: Route,
    /// A plain class string: yew's `Classes` would add its set type to the download.
    #[prop_or_default]
    pub class: Option<&'static str>,
    /// Whether it leads to the page shown now (`aria-current="page"`), for navigation.
    #[prop_or_default]
    pub current: bool,
    #[prop_or_default]
    pub children: Html,
}

/// A link to a page of the widget, followed without reloading.
#[component]
pub fn WidgetLink(props: &WidgetLinkProps) -> Html {
    let to = props.to;
    let onclick = Callback::from(move |event: MouseEvent| {
        // Leave "open in a new tab" and friends to the browser.
        let modified = event.ctrl_key() || event.meta_key() || event.shift_key();
        if modified || event.alt_key() || event.button() != 0 {
            return;
        }
        event.prevent_default();
        go_to(to, &[], false);
    });
    html! {
        <a
            href={to.href(&[])}
            class={props.class}
            aria-current={props.current.then_some("page")}
            {onclick}
        >
            { props.children.clone() }
        </a>
    }
}

/// `params` as a query string (values percent-encoded), with `embed=1` when embedded.
pub fn widget_query(params: &[(&str, &str)], embedded: bool) -> String {
    let mut pairs: Vec<String> = params
        .iter()
        .map(|(name, value)| format!("{name}={}", js_sys::encode_uri_component(value)))
        .collect();
    if embedded {
        pairs.push(EMBED_QUERY.to_owned());
    }
    pairs.join("&")
}

/// The value of `name` in the page address's query.
pub fn page_query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    query_param(&search, name)
}

/// The value of `name` in a query string (with or without its `?`), percent-decoded.
/// A `+` stays a `+`: our own addresses encode spaces as `%20`, and times like
/// `16:00:00+01:00` survive being typed or pasted by hand.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .and_then(|value| js_sys::decode_uri_component(value).ok())
        .map(String::from)
}

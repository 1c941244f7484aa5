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
    /// A mentor's profile and times; `None` is any available mentor (`/mentors/any`).
    Mentor {
        mentor_id: Option<i64>,
    },
    /// The booking form for one of a mentor's times, chosen by `?start=` like
    /// [`Route::BookSpot`].
    BookMentor {
        mentor_id: Option<i64>,
    },
    Events,
    /// One event, its sign-up form, and then "You're in!" (or the waitlist).
    Event {
        event_id: i64,
    },
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
            other => Self::from_nested_path(other).unwrap_or(Self::NotFound),
        }
    }

    /// `lounge/{id}/book`, `mentors/{id or any}`, `mentors/{id or any}/book` and
    /// `events/{id}`.
    fn from_nested_path(path: &str) -> Option<Self> {
        let (section, rest) = path.split_once('/')?;
        let (id, book) = match rest.strip_suffix("/book") {
            Some(id) => (id, true),
            None => (rest, false),
        };
        match section {
            "lounge" if book => Some(Self::BookSpot {
                space_id: id.parse().ok()?,
            }),
            "events" if !book => Some(Self::Event {
                event_id: id.parse().ok()?,
            }),
            "mentors" => {
                let mentor_id = match id {
                    "any" => None,
                    id => Some(id.parse().ok()?),
                };
                Some(if book {
                    Self::BookMentor { mentor_id }
                } else {
                    Self::Mentor { mentor_id }
                })
            }
            _ => None,
        }
    }

    pub fn to_path(self) -> String {
        match self {
            Self::Home => "/".to_owned(),
            Self::Lounge => "/lounge".to_owned(),
            Self::BookSpot { space_id } => format!("/lounge/{space_id}/book"),
            Self::Manage => "/manage".to_owned(),
            Self::Mentors => "/mentors".to_owned(),
            Self::Mentor { mentor_id } => mentor_path(mentor_id),
            Self::BookMentor { mentor_id } => format!("{}/book", mentor_path(mentor_id)),
            Self::Events => "/events".to_owned(),
            Self::Event { event_id } => format!("/events/{event_id}"),
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

fn mentor_path(mentor_id: Option<i64>) -> String {
    match mentor_id {
        Some(mentor_id) => format!("/mentors/{mentor_id}"),
        None => "/mentors/any".to_owned(),
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

/// How a [`WidgetLink`] looks. A fixed set, each with its class written out: a class
/// chosen at run time goes through yew's `Classes`, an ordered hash set whose code
/// (about 2 KB gzipped) the widget otherwise never needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkLook {
    #[default]
    Plain,
    /// The agency's name in the header.
    Brand,
    /// A big link with a title and a line about it (`.link-card`).
    Card,
    /// The page's main next step, as a button.
    Button,
}

#[derive(Properties, PartialEq)]
pub struct WidgetLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub look: LinkLook,
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
    let href = to.href(&[]);
    let current = props.current.then_some("page");
    let children = props.children.clone();
    match props.look {
        LinkLook::Plain => html! {
            <a {href} aria-current={current} {onclick}>{ children }</a>
        },
        LinkLook::Brand => html! {
            <a class="brand" {href} aria-current={current} {onclick}>{ children }</a>
        },
        LinkLook::Card => html! {
            <a class="link-card" {href} aria-current={current} {onclick}>{ children }</a>
        },
        LinkLook::Button => html! {
            <a class="button button--primary" {href} aria-current={current} {onclick}>
                { children }
            </a>
        },
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

//! Moving between widget pages without losing `embed=1` on the way: an embedded page
//! that dropped it would suddenly show the full site inside the agency's frame.

use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use super::embed::{is_embedded, EMBED_QUERY};
use super::Route;
use crate::components::KeptQuery;

impl KeptQuery for Route {
    fn kept_query() -> Option<&'static str> {
        is_embedded().then_some(EMBED_QUERY)
    }
}

/// Goes to widget pages from code, keeping `embed=1`.
#[derive(Clone, PartialEq)]
pub struct WidgetNavigator(Option<Navigator>);

#[hook]
pub fn use_widget_navigator() -> WidgetNavigator {
    WidgetNavigator(use_navigator())
}

impl WidgetNavigator {
    /// Opens `route` with the query `params`, as a new entry in the history.
    pub fn push(&self, route: &Route, params: &[(&str, &str)]) {
        if let Some(navigator) = &self.0 {
            navigator
                .push_with_query(route, Raw(widget_query(params, is_embedded())))
                .unwrap_or_else(|never| match never {});
        }
    }

    /// Opens `route` with the query `params` in place of the current page: "Back" then
    /// skips a step that is done (a form already sent).
    pub fn replace(&self, route: &Route, params: &[(&str, &str)]) {
        if let Some(navigator) = &self.0 {
            navigator
                .replace_with_query(route, Raw(widget_query(params, is_embedded())))
                .unwrap_or_else(|never| match never {});
        }
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

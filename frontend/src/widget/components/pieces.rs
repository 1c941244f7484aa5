//! Small pieces of markup the widget's booking pages share. Each is written once so it
//! weighs on the download once: every element `html!` builds is code in the wasm.

use chrono::{DateTime, FixedOffset};
use yew::prelude::*;

use crate::format;
use crate::widget::{Route, WidgetLink};

/// "When" and "Where" of a booking or a slot, on the lounge's own clock.
pub fn when_and_where(
    start: &DateTime<FixedOffset>,
    end: &DateTime<FixedOffset>,
    place: &str,
) -> Html {
    html! {
        <dl class="facts">
            <dt>{ "When" }</dt>
            <dd>
                <time datetime={format::iso_datetime(start)}>
                    { format::place_time_range(start, end) }
                </time>
            </dd>
            <dt>{ "Where" }</dt>
            <dd>{ place }</dd>
        </dl>
    }
}

/// How a notice looks and whether it interrupts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something went wrong: announced at once.
    Error,
    /// Worth knowing, not an error: announced at once.
    Info,
    /// Good news; the page moves focus to it, which announces it.
    Success,
}

/// A notice in a box. `focus_ref` lets a page move focus to it.
pub fn notice(tone: Tone, text: &str, focus_ref: Option<&NodeRef>) -> Html {
    let (class, role) = match tone {
        Tone::Error => ("notice notice--error", Some("alert")),
        Tone::Info => ("notice notice--info", Some("alert")),
        Tone::Success => ("notice notice--success", None),
    };
    html! {
        <div
            {class}
            {role}
            tabindex={focus_ref.map(|_| "-1")}
            ref={focus_ref.cloned().unwrap_or_default()}
        >
            <p>{ text }</p>
        </div>
    }
}

/// A link back to the lounge's times, as a paragraph of its own.
pub fn lounge_link(label: &'static str, as_button: bool) -> Html {
    let class = as_button.then_some("button button--primary");
    html! {
        <p><WidgetLink to={Route::Lounge} {class}>{ label }</WidgetLink></p>
    }
}

/// A plain `type="button"` button.
pub fn button(label: &'static str, class: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" {class} {onclick}>{ label }</button> }
}

/// Progress of a request ("Booking your spot…"), announced politely; empty otherwise.
pub fn progress(text: &'static str, busy: bool) -> Html {
    html! {
        <p class="form-status" role="status" aria-live="polite">
            { if busy { text } else { "" } }
        </p>
    }
}

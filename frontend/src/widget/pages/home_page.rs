//! The welcome page: what Peer Lounge is, whether it is open, and where to go next.

use shared::Health;
use yew::prelude::*;

use crate::api::health::fetch_health;
use crate::hooks::{use_document_title, use_fetch, FetchHandle, FetchState};
use crate::widget::{LinkLook, Route, WidgetLink};

#[component]
pub fn HomePage() -> Html {
    use_document_title("Welcome");
    let health = use_fetch(fetch_health);

    html! {
        <>
            <h1>{ "Welcome to Peer Lounge" }</h1>
            <p class="lead">
                { "This is your space. Come and hang out, talk with a peer mentor, \
                   or join an event. You don't need an account." }
            </p>
            { service_status(&health) }
            <h2>{ "What's here for you" }</h2>
            <ul class="link-cards">
                <li>
                    <WidgetLink to={Route::Lounge} look={LinkLook::Card}>
                        <span class="link-card__title">{ "The lounge" }</span>
                        <span>{ "A calm place to chill, study or catch up with friends." }</span>
                    </WidgetLink>
                </li>
                <li>
                    <WidgetLink to={Route::Mentors} look={LinkLook::Card}>
                        <span class="link-card__title">{ "Peer mentors" }</span>
                        <span>{ "People who have been where you are. You choose who to talk to." }</span>
                    </WidgetLink>
                </li>
                <li>
                    <WidgetLink to={Route::Events} look={LinkLook::Card}>
                        <span class="link-card__title">{ "Events" }</span>
                        <span>{ "Things happening soon. Everyone is welcome." }</span>
                    </WidgetLink>
                </li>
            </ul>
        </>
    }
}

/// One line saying whether the service is up. Browser tests look for `#service-status`.
fn service_status(health: &FetchHandle<Health>) -> Html {
    match &**health {
        // Same element while loading and once open, so the live region announces the change.
        FetchState::Loading => html! {
            <p id="service-status" class="service-status" role="status" aria-live="polite">
                { "Checking on Peer Lounge…" }
            </p>
        },
        FetchState::Loaded(health) if health.is_ok() => html! {
            <p id="service-status" class="service-status service-status--open" role="status" aria-live="polite">
                { "Peer Lounge is open. Come on in!" }
            </p>
        },
        FetchState::Loaded(_) | FetchState::Failed(_) => html! {
            <div class="notice notice--error" role="alert">
                <p id="service-status">
                    { "We can't reach Peer Lounge right now. Please try again soon." }
                </p>
                <button type="button" class="button" onclick={health.retry.reform(|_| ())}>
                    { "Try again" }
                </button>
            </div>
        },
    }
}

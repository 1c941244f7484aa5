//! Load something from the API when a component mounts, and again on "Try again".

use std::future::Future;
use std::ops::Deref;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::ApiFailure;

/// Where a fetch stands. Every page that loads data renders all three.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchState<T> {
    Loading,
    Loaded(T),
    Failed(ApiFailure),
}

impl<T> From<Result<T, ApiFailure>> for FetchState<T> {
    fn from(result: Result<T, ApiFailure>) -> Self {
        match result {
            Ok(value) => Self::Loaded(value),
            Err(failure) => Self::Failed(failure),
        }
    }
}

/// The current [`FetchState`] (through `Deref`) and a callback that fetches again.
pub struct FetchHandle<T> {
    state: UseStateHandle<FetchState<T>>,
    pub retry: Callback<()>,
}

impl<T> Deref for FetchHandle<T> {
    type Target = FetchState<T>;

    fn deref(&self) -> &Self::Target {
        &self.state
    }
}

/// Runs `fetch` once on mount and each time `retry` is called.
#[hook]
pub fn use_fetch<T, F, Fut>(fetch: F) -> FetchHandle<T>
where
    T: 'static,
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let state = use_state(|| FetchState::Loading);
    // Bumping the attempt number re-runs the effect below.
    let attempt = use_state(|| 0_u32);

    {
        let state = state.clone();
        use_effect_with(*attempt, move |_| {
            state.set(FetchState::Loading);
            spawn_local(async move { state.set(fetch().await.into()) });
        });
    }

    let retry = Callback::from(move |()| attempt.set(attempt.wrapping_add(1)));
    FetchHandle { state, retry }
}

//! Load something from the API when a component mounts, when what it depends on
//! changes (a page number, a filter), and again on "Try again".

use std::cell::RefCell;
use std::future::Future;
use std::ops::Deref;
use std::rc::Rc;

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

/// The current [`FetchState`] (through `Deref`) and callbacks that fetch again.
pub struct FetchHandle<T> {
    state: UseStateHandle<FetchState<T>>,
    /// Fetches again and shows the loading state meanwhile: "Try again".
    pub retry: Callback<()>,
    /// Fetches again but keeps showing what is there until the answer arrives, so a
    /// list updated after a change keeps its place and the keyboard focus.
    pub refresh: Callback<()>,
}

impl<T> Deref for FetchHandle<T> {
    type Target = FetchState<T>;

    fn deref(&self) -> &Self::Target {
        &self.state
    }
}

/// Asks for another fetch. A reducer rather than a plain state, so that callbacks
/// held from an earlier render still count up from the latest attempt.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Reload {
    attempt: u32,
    quietly: bool,
}

impl Reducible for Reload {
    /// Whether to keep showing the current data while fetching.
    type Action = bool;

    fn reduce(self: Rc<Self>, quietly: bool) -> Rc<Self> {
        Rc::new(Self {
            attempt: self.attempt.wrapping_add(1),
            quietly,
        })
    }
}

/// Runs `fetch` once on mount and each time `retry` or `refresh` is called.
#[hook]
pub fn use_fetch<T, F, Fut>(fetch: F) -> FetchHandle<T>
where
    T: 'static,
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    use_fetch_with((), move |_| fetch())
}

/// Runs `fetch(&deps)` on mount, whenever `deps` change, and on `retry` / `refresh`.
#[hook]
pub fn use_fetch_with<D, T, F, Fut>(deps: D, fetch: F) -> FetchHandle<T>
where
    D: PartialEq + 'static,
    T: 'static,
    F: FnOnce(&D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let state = use_state(|| FetchState::Loading);
    let reload = use_reducer(Reload::default);
    // Numbers each fetch; an answer to an older one arrives too late to show, so
    // paging quickly never ends on the wrong page.
    let latest = use_mut_ref(|| 0_u32);

    {
        let state = state.clone();
        use_effect_with((deps, *reload), move |(deps, reload)| {
            if !reload.quietly {
                state.set(FetchState::Loading);
            }
            let ticket = next_ticket(&latest);
            let pending = fetch(deps);
            spawn_local(async move {
                let result = pending.await;
                if *latest.borrow() == ticket {
                    state.set(result.into());
                }
            });
        });
    }

    let reload = reload.dispatcher().to_callback();
    FetchHandle {
        state,
        retry: reload.reform(|()| false),
        refresh: reload.reform(|()| true),
    }
}

fn next_ticket(latest: &RefCell<u32>) -> u32 {
    let mut latest = latest.borrow_mut();
    *latest = latest.wrapping_add(1);
    *latest
}

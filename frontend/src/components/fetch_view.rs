//! The loading / loaded / failed rendering every data page shares.

use yew::prelude::*;

use crate::components::{error_notice, loading};
use crate::hooks::{FetchHandle, FetchState};

/// Renders `loaded` once the data is in, and the shared loading and error states before.
pub fn fetch_view<T>(
    fetch: &FetchHandle<T>,
    loading_label: &'static str,
    loaded: impl FnOnce(&T) -> Html,
) -> Html {
    match &**fetch {
        FetchState::Loading => loading(loading_label),
        FetchState::Loaded(value) => loaded(value),
        FetchState::Failed(failure) => error_notice(failure, Some(&fetch.retry)),
    }
}

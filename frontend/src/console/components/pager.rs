//! "Previous", "Page 2 of 5", "Next" under a paged list.

use yew::prelude::*;

use crate::console::words::{page_count, page_of};

pub struct Pager {
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
    /// Called with the page to show.
    pub on_page: Callback<u64>,
}

/// Nothing when everything fits on one page.
pub fn pager(pager: Pager) -> Html {
    let last = page_count(pager.total, pager.per_page);
    if last <= 1 {
        return Html::default();
    }
    let Pager { page, on_page, .. } = pager;
    html! {
        <nav class="pager" aria-label="Pages">
            <button
                type="button"
                class="button"
                disabled={page <= 1}
                onclick={on_page.reform(move |_| page.saturating_sub(1).max(1))}
            >
                { "Previous" }
            </button>
            <p class="pager__position">{ page_of(page, pager.per_page, pager.total) }</p>
            <button
                type="button"
                class="button"
                disabled={page >= last}
                onclick={on_page.reform(move |_| (page + 1).min(last))}
            >
                { "Next" }
            </button>
        </nav>
    }
}

//! `/staff/wishlist` (facilities staff, admins): what the lounge needs, as partners see
//! it on the agency's site, with how much is pledged and still needed. Add an entry,
//! change one, or take one off the list (it is kept, archived).

use shared::{ItemCategory, Wish, WishPriority};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::donations::{archive_wish, create_wish, list_wishes, update_wish};
use crate::api::inventory::list_categories;
use crate::api::ApiFailure;
use crate::components::form::{edit_draft, FormErrors};
use crate::components::{error_notice, fetch_view};
use crate::console::components::donation_fields::{blame, blame_summary, focus_order};
use crate::console::components::donation_nav::donation_nav;
use crate::console::components::field::{field, use_focus_on_field_errors, Control, Field};
use crate::console::components::item_select::{options, select_field, SelectField};
use crate::console::donations::{check_wish, priority_label, wish_progress, WishDraft};
use crate::hooks::{use_document_title, use_fetch, use_focus_on_change};

/// The wishlist and the categories its entries can have.
#[derive(Debug, Clone, PartialEq)]
struct Loaded {
    wishes: Vec<Wish>,
    categories: Vec<ItemCategory>,
}

async fn load() -> Result<Loaded, ApiFailure> {
    Ok(Loaded {
        wishes: list_wishes().await?,
        categories: list_categories().await?,
    })
}

#[component]
pub fn WishlistPage() -> Html {
    use_document_title("Wishlist");
    let loaded = use_fetch(load);
    let change = use_state(|| (0_u32, String::new()));
    let notice_ref = use_node_ref();
    use_focus_on_change(change.0, notice_ref.clone());
    let report = {
        let (change, refresh) = (change.clone(), loaded.refresh.clone());
        Callback::from(move |said: String| {
            change.set((change.0 + 1, said));
            refresh.emit(());
        })
    };
    let origin = web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default();
    let snippet =
        format!("<script src=\"{origin}/embed.js\" data-view=\"wishlist\" async></script>");

    html! {
        <>
            { donation_nav() }
            <h1>{ "Wishlist" }</h1>
            <p>
                { "What the lounge needs. Local businesses and nonprofits see it on " }
                <a href="/wishlist">{ "the public wishlist" }</a>
                { " and can pledge to give something; their pledges are on the Pledges page. \
                   They see what is still needed, never who pledged." }
            </p>
            <details class="embed-snippet">
                <summary>{ "Show the wishlist on the agency's website" }</summary>
                <p id="wishlist-embed-hint">{ "Paste this where the wishlist should appear:" }</p>
                <pre><code aria-describedby="wishlist-embed-hint">{ snippet }</code></pre>
            </details>
            if !change.1.is_empty() {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ change.1.clone() }</p>
                </div>
            }
            { fetch_view(&loaded, "Loading the wishlist…", |loaded| html! {
                <>
                    <section aria-labelledby="wishes-heading">
                        <h2 id="wishes-heading">{ "On the list" }</h2>
                        if loaded.wishes.is_empty() {
                            <p>{ "Nothing on the list yet. Add the first thing below." }</p>
                        } else {
                            <ul class="cards wishes">
                                { for loaded.wishes.iter().map(|wish| html! {
                                    <WishCard key={wish.id} wish={wish.clone()}
                                        categories={loaded.categories.clone()} report={report.clone()} />
                                }) }
                            </ul>
                        }
                    </section>
                    <section aria-labelledby="add-wish-heading">
                        <h2 id="add-wish-heading">{ "Add to the wishlist" }</h2>
                        <WishForm categories={loaded.categories.clone()} on_saved={report.clone()} />
                    </section>
                </>
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct WishCardProps {
    wish: Wish,
    categories: Vec<ItemCategory>,
    report: Callback<String>,
}

/// One entry, with how it stands, and ways to change it or take it off the list.
#[component]
fn WishCard(props: &WishCardProps) -> Html {
    let wish = &props.wish;
    let editing = use_state(|| false);
    let confirming = use_state(|| false);
    let archiving = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let edit_ref = use_node_ref();
    let question_ref = use_node_ref();
    use_focus_on_change(*editing, edit_ref.clone());
    use_focus_on_change(
        *confirming,
        if *confirming {
            question_ref.clone()
        } else {
            edit_ref.clone()
        },
    );

    let set = |state: &UseStateHandle<bool>, value: bool| {
        let (state, failure) = (state.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            state.set(value);
        })
    };
    let stop_editing = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(false))
    };
    let on_saved = {
        let (editing, report) = (editing.clone(), props.report.clone());
        Callback::from(move |said: String| {
            editing.set(false);
            report.emit(said);
        })
    };
    let archive = {
        let (archiving, failure) = (archiving.clone(), failure.clone());
        let (id, name, report) = (wish.id, wish.details.name.clone(), props.report.clone());
        Callback::from(move |_: MouseEvent| {
            if *archiving {
                return;
            }
            archiving.set(true);
            failure.set(None);
            let (archiving, failure, report, name) = (
                archiving.clone(),
                failure.clone(),
                report.clone(),
                name.clone(),
            );
            spawn_local(async move {
                let result = archive_wish(id).await;
                archiving.set(false);
                match result {
                    Ok(()) => report.emit(format!("\u{201c}{name}\u{201d} is off the wishlist.")),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let category = wish.details.category_id.and_then(|id| {
        props
            .categories
            .iter()
            .find(|category| category.id == id)
            .map(|category| category.name.clone())
    });

    html! {
        <li class="card wish">
            <h3>{ &wish.details.name }</h3>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            if *editing {
                <WishForm wish={Some(wish.clone())} categories={props.categories.clone()}
                    on_saved={on_saved} on_cancel={Some(stop_editing)} />
            } else {
                <dl class="facts">
                    <dt>{ "How it stands" }</dt>
                    <dd>{ wish_progress(wish) }</dd>
                    <dt>{ "Priority" }</dt>
                    <dd>{ priority_label(wish.details.priority) }</dd>
                    if let Some(category) = category {
                        <dt>{ "Category" }</dt>
                        <dd>{ category }</dd>
                    }
                </dl>
                if !wish.details.note.is_empty() {
                    <p class="multiline">{ &wish.details.note }</p>
                }
                if *confirming {
                    <div class="confirm">
                        <p tabindex="-1" ref={question_ref}>
                            <strong>
                                { format!("Take \u{201c}{}\u{201d} off the wishlist? Partners won't see it any more. \
                                           Pledges already made stay on the Pledges page.", wish.details.name) }
                            </strong>
                        </p>
                        <div class="actions">
                            <button type="button" class="button button--danger"
                                aria-disabled={archiving.then_some("true")} onclick={archive}>
                                { if *archiving { "Taking it off…" } else { "Yes, take it off" } }
                            </button>
                            <button type="button" class="button" onclick={set(&confirming, false)}>
                                { "Keep it" }
                            </button>
                        </div>
                    </div>
                } else {
                    <div class="actions">
                        <button type="button" class="button" ref={edit_ref} onclick={set(&editing, true)}>
                            { "Edit" }<span class="visually-hidden">{ format!(" {}", wish.details.name) }</span>
                        </button>
                        <button type="button" class="button button--danger" onclick={set(&confirming, true)}>
                            { "Take off the list" }<span class="visually-hidden">{ format!(": {}", wish.details.name) }</span>
                        </button>
                    </div>
                }
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct WishFormProps {
    /// The entry to change; without one, the form adds an entry.
    #[prop_or_default]
    wish: Option<Wish>,
    categories: Vec<ItemCategory>,
    /// Called with what happened, in words.
    on_saved: Callback<String>,
    #[prop_or_default]
    on_cancel: Option<Callback<()>>,
}

#[component]
fn WishForm(props: &WishFormProps) -> Html {
    let draft = use_state(|| {
        props
            .wish
            .as_ref()
            .map(|wish| WishDraft::from_wish(&wish.details))
            .unwrap_or_default()
    });
    let errors = use_state(FormErrors::default);
    let saving = use_state(|| false);
    let alert_ref = use_node_ref();
    let prefix = props
        .wish
        .as_ref()
        .map_or_else(|| "wish-new".to_owned(), |wish| format!("wish-{}", wish.id));
    let id = |part: &str| format!("{prefix}-{part}");
    let blames = vec![
        blame("name", id("name"), "What it is"),
        blame("quantity", id("quantity"), "How many in all"),
        blame("priority", id("priority"), "Priority"),
        blame("category_id", id("category"), "Category"),
        blame("note", id("note"), "Note"),
    ];
    use_focus_on_field_errors(&errors, focus_order(&blames), alert_ref.clone());
    let pledged = props.wish.as_ref().map_or(0, |wish| wish.pledged);

    let edit = |change: fn(&mut WishDraft, String)| edit_draft(&draft, change);
    let onsubmit = {
        let (draft, errors, saving) = (draft.clone(), errors.clone(), saving.clone());
        let (wish_id, on_saved) = (
            props.wish.as_ref().map(|wish| wish.id),
            props.on_saved.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *saving {
                return;
            }
            let new = match check_wish(&draft, pledged) {
                Ok(new) => new,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            saving.set(true);
            let (draft, errors, saving, on_saved) = (
                draft.clone(),
                errors.clone(),
                saving.clone(),
                on_saved.clone(),
            );
            spawn_local(async move {
                let result = match wish_id {
                    Some(id) => update_wish(id, &new).await,
                    None => create_wish(&new).await,
                };
                saving.set(false);
                match result {
                    Ok(wish) => {
                        let said = if wish_id.is_some() {
                            format!("Changes to \u{201c}{}\u{201d} saved.", wish.details.name)
                        } else {
                            draft.set(WishDraft::default());
                            format!("\u{201c}{}\u{201d} is on the wishlist.", wish.details.name)
                        };
                        on_saved.emit(said);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };
    let mut categories = vec![(String::new(), "No category".to_owned())];
    categories.extend(
        props
            .categories
            .iter()
            .map(|category| (category.id.to_string(), category.name.clone())),
    );
    let (priority_id, category_id) = (id("priority"), id("category"));
    let quantity_hint =
        (pledged > 0).then(|| format!("{pledged} are pledged already, so at least {pledged}."));
    html! {
        <form class="form wish-form" novalidate=true {onsubmit}>
            { blame_summary(&errors, &alert_ref, &blames) }
            { field(Field {
                hint: Some("Like \u{201c}Bean bags\u{201d} or \u{201c}Art supplies\u{201d}."),
                error: errors.for_field("name"),
                value: Some(draft.name.clone()),
                on_input: Some(edit(|draft, value| draft.name = value)),
                ..Field::new(id("name"), "What it is", Control::Text)
            }) }
            { field(Field {
                hint: quantity_hint.as_deref(),
                error: errors.for_field("quantity"),
                value: Some(draft.quantity.clone()),
                on_input: Some(edit(|draft, value| draft.quantity = value)),
                ..Field::new(id("quantity"), "How many in all", Control::Number { min: 1, max: 1_000_000 })
            }) }
            { select_field(SelectField {
                id: &priority_id,
                label: "Priority",
                hint: None,
                options: options(None, WishPriority::ALL, WishPriority::as_str, priority_label),
                selected: draft.priority.as_str(),
                on_change: edit(|draft, code| {
                    draft.priority = WishPriority::parse(&code).unwrap_or(draft.priority);
                }),
                error: errors.for_field("priority"),
            }) }
            { select_field(SelectField {
                id: &category_id,
                label: "Category (optional)",
                hint: Some("Staff only: a gift that arrives is logged in this category."),
                options: categories,
                selected: &draft.category_id,
                on_change: edit(|draft, value| draft.category_id = value),
                error: errors.for_field("category_id"),
            }) }
            { field(Field {
                hint: Some("Partners see this: what kind, what size, anything that helps."),
                error: errors.for_field("note"),
                value: Some(draft.note.clone()),
                on_input: Some(edit(|draft, value| draft.note = value)),
                ..Field::new(id("note"), "Note (optional)", Control::TextArea)
            }) }
            <div class="actions">
                <button type="submit" class="button button--primary" disabled={*saving}>
                    { match (*saving, props.wish.is_some()) {
                        (true, _) => "Saving…",
                        (false, true) => "Save changes",
                        (false, false) => "Add to the wishlist",
                    } }
                </button>
                if let Some(on_cancel) = &props.on_cancel {
                    <button type="button" class="button" onclick={on_cancel.reform(|_| ())}>
                        { "Cancel" }
                    </button>
                }
            </div>
        </form>
    }
}

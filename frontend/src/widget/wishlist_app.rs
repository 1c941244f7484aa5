//! The public wishlist as an app of its own (binary `wishlist`, `frontend/wishlist.html`,
//! served at `/wishlist`, framed on the agency's site by `/embed.js` with
//! `data-view="wishlist"`): what the lounge still needs, and a pledge form for each
//! entry. Local businesses and nonprofits use it, not young people, so the widget's
//! download doesn't carry it. It shows what is needed, never who pledged.

use shared::PublicWish;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::embed::{is_embedded, use_height_messages};
use super::wishlist::{
    check_pledge, fully_pledged_in_words, priority_in_words, still_needed_in_words, thank_you,
    PledgeDraft,
};
use crate::api::donations::{pledge, public_wishlist};
use crate::components::fetch_view;
use crate::components::form::{error_summary, use_focus_on_errors, FormErrors};
use crate::hooks::{use_document_title, use_fetch, use_focus_on_change};
use crate::AGENCY_NAME;

/// The API's field names and the ids of their inputs, in page order. Only one pledge
/// form is open at a time, so the ids are fixed.
const INPUTS: &[(&str, &str)] = &[
    ("organisation", "pledge-organisation"),
    ("contact_name", "pledge-contact-name"),
    ("email", "pledge-email"),
    ("quantity", "pledge-quantity"),
    ("message", "pledge-message"),
];

/// Why a form closed without a pledge: its entry changed under it (someone else pledged
/// the rest, or staff took it off the list).
#[derive(Debug, Clone, PartialEq)]
struct Stale {
    wish_id: i64,
    message: String,
}

#[component]
pub fn WishlistApp() -> Html {
    use_document_title("Our wishlist");
    let embedded = *use_state(is_embedded);
    use_height_messages(embedded);
    let wishes = use_fetch(public_wishlist);
    let open = use_state(|| None::<i64>);
    // Counts pledges, so each thank-you is announced, even the same twice.
    let thanks = use_state(|| (0_u32, String::new()));
    let thanks_ref = use_node_ref();
    use_focus_on_change(thanks.0, thanks_ref.clone());
    let stale = use_state(|| None::<Stale>);
    let main_ref = use_node_ref();

    let on_open = {
        let (open, stale) = (open.clone(), stale.clone());
        Callback::from(move |id: Option<i64>| {
            stale.set(None);
            open.set(id);
        })
    };
    let on_pledged = {
        let (open, thanks, refresh) = (open.clone(), thanks.clone(), wishes.refresh.clone());
        Callback::from(move |said: String| {
            open.set(None);
            thanks.set((thanks.0 + 1, said));
            refresh.emit(());
        })
    };
    let on_stale = {
        let (stale, refresh) = (stale.clone(), wishes.refresh.clone());
        Callback::from(move |news: Stale| {
            stale.set(Some(news));
            refresh.emit(());
        })
    };
    let skip_to_main = {
        let main_ref = main_ref.clone();
        Callback::from(move |event: MouseEvent| {
            if let Some(main) = main_ref.cast::<HtmlElement>() {
                event.prevent_default();
                // Failing to focus leaves the reader where they were.
                let _ = main.focus();
            }
        })
    };

    let list = fetch_view(&wishes, "Loading the wishlist…", |wishes| {
        // An entry that went while its form was open: say why the form is gone.
        let gone = stale
            .as_ref()
            .filter(|stale| !wishes.iter().any(|wish| wish.id == stale.wish_id))
            .map(|stale| {
                html! {
                    <div class="notice notice--info" role="alert">
                        <p>{ &stale.message }</p>
                    </div>
                }
            });
        let cards = wishes.iter().map(|wish| {
            html! {
                <WishCard
                    key={wish.id}
                    wish={wish.clone()}
                    open={*open == Some(wish.id)}
                    on_open={on_open.clone()}
                    on_pledged={on_pledged.clone()}
                    on_stale={on_stale.clone()}
                />
            }
        });
        html! {
            <>
                { gone }
                if wishes.is_empty() {
                    <p>{ "Right now the lounge has everything on its list. Thank you for thinking of us!" }</p>
                } else {
                    <ul class="cards wishes">{ for cards }</ul>
                }
            </>
        }
    });

    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip_to_main}>{ "Skip to main content" }</a>
            <header class={classes!("site-header", embedded.then_some("site-header--compact"))}>
                <div class="site-header__inner">
                    <p class="brand">{ AGENCY_NAME }</p>
                </div>
            </header>
            <main id="main" tabindex="-1" ref={main_ref}>
                <h1>{ "What our lounge needs" }</h1>
                <p class="lead">
                    { "Our young people's lounge is furnished and stocked by local businesses, \
                       nonprofits and neighbours. If you can give something on this list, \
                       pledge it here and we'll be in touch to arrange how it gets to us." }
                </p>
                if !thanks.1.is_empty() {
                    <div class="notice notice--success" role="status" tabindex="-1" ref={thanks_ref}>
                        <p>{ thanks.1.clone() }</p>
                    </div>
                }
                { list }
            </main>
            if !embedded {
                <footer class="site-footer">
                    <p>{ "Thank you for supporting a space that belongs to young people." }</p>
                </footer>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct WishCardProps {
    wish: PublicWish,
    /// Its pledge form is showing.
    open: bool,
    /// Opens this entry's form (`Some(id)`) or closes it (`None`).
    on_open: Callback<Option<i64>>,
    /// Called with the thank-you once the pledge is in.
    on_pledged: Callback<String>,
    on_stale: Callback<Stale>,
}

#[component]
fn WishCard(props: &WishCardProps) -> Html {
    let wish = &props.wish;
    let button_ref = use_node_ref();
    // Back on the button once the form closes.
    use_focus_on_change(props.open, button_ref.clone());
    let id = wish.id;
    let open = props.on_open.reform(move |_: MouseEvent| Some(id));
    let close = props.on_open.reform(|()| None);
    html! {
        <li class="card wish">
            <h2>{ &wish.name }</h2>
            <dl class="facts">
                <dt>{ "How many" }</dt>
                <dd class="wish__needed">{ still_needed_in_words(wish.still_needed) }</dd>
                <dt>{ "Priority" }</dt>
                <dd>{ priority_in_words(wish.priority) }</dd>
            </dl>
            if !wish.note.trim().is_empty() {
                <p class="multiline">{ &wish.note }</p>
            }
            if props.open {
                <PledgeForm
                    wish={wish.clone()}
                    on_pledged={props.on_pledged.clone()}
                    on_stale={props.on_stale.clone()}
                    on_cancel={close}
                />
            } else if wish.still_needed > 0 {
                <div class="actions">
                    <button type="button" class="button button--primary" ref={button_ref} onclick={open}>
                        { "Pledge" }<span class="visually-hidden">{ format!(" {}", wish.name) }</span>
                    </button>
                </div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct PledgeFormProps {
    wish: PublicWish,
    on_pledged: Callback<String>,
    on_stale: Callback<Stale>,
    on_cancel: Callback<()>,
}

/// Which input of the form changed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Organisation,
    Contact,
    Email,
    Quantity,
    Message,
}

#[component]
fn PledgeForm(props: &PledgeFormProps) -> Html {
    let still_needed = props.wish.still_needed;
    let draft = use_state(|| PledgeDraft {
        quantity: "1".to_owned(),
        ..PledgeDraft::default()
    });
    let errors = use_state(FormErrors::default);
    let sending = use_state(|| false);
    let alert_ref = use_node_ref();
    let refs = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    use_focus_on_errors(
        &errors,
        INPUTS
            .iter()
            .zip(refs.iter())
            .map(|((field, _), input)| (*field, input.clone()))
            .collect(),
        alert_ref.clone(),
    );
    // The form opens where the keyboard is: on its first input.
    {
        let first = refs[0].clone();
        use_effect_with((), move |()| {
            if let Some(input) = first.cast::<HtmlElement>() {
                // Failing to focus leaves the reader on the button they pressed.
                let _ = input.focus();
            }
        });
    }

    let on_input = |part: Part| {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let value = event_text(&event);
            let mut next = (*draft).clone();
            match part {
                Part::Organisation => next.organisation = value,
                Part::Contact => next.contact_name = value,
                Part::Email => next.email = value,
                Part::Quantity => next.quantity = value,
                Part::Message => next.message = value,
            }
            draft.set(next);
        })
    };

    let onsubmit = {
        let (draft, errors, sending) = (draft.clone(), errors.clone(), sending.clone());
        let (wish, on_pledged, on_stale) = (
            props.wish.clone(),
            props.on_pledged.clone(),
            props.on_stale.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *sending {
                return;
            }
            let new = match check_pledge(&draft, wish.still_needed) {
                Ok(new) => new,
                Err(problems) => {
                    errors.set(problems);
                    return;
                }
            };
            errors.set(FormErrors::default());
            sending.set(true);
            let (errors, sending, on_pledged, on_stale) = (
                errors.clone(),
                sending.clone(),
                on_pledged.clone(),
                on_stale.clone(),
            );
            let wish = wish.clone();
            spawn_local(async move {
                let result = pledge(wish.id, &new).await;
                sending.set(false);
                match result {
                    Ok(receipt) => on_pledged.emit(thank_you(receipt.quantity, &receipt.wish.name)),
                    Err(failure)
                        if failure.code() == Some("fully_pledged")
                            || failure.status() == Some(409) =>
                    {
                        let message = fully_pledged_in_words(Some(failure.message()));
                        errors.set(FormErrors::summary(message.clone()));
                        on_stale.emit(Stale {
                            wish_id: wish.id,
                            message,
                        });
                    }
                    Err(failure) if failure.status() == Some(404) => {
                        let message = format!(
                            "\u{201c}{}\u{201d} is no longer on the wishlist, so it can't be pledged. \
                             Thank you all the same!",
                            wish.name
                        );
                        errors.set(FormErrors::summary(message.clone()));
                        on_stale.emit(Stale {
                            wish_id: wish.id,
                            message,
                        });
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let input = |index: usize,
                 part: Part,
                 label: &str,
                 kind: &str,
                 autocomplete: &str,
                 hint: Option<String>,
                 value: &str| {
        let (field, id) = INPUTS[index];
        let error = errors.for_field(field);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described_by = [
            hint.as_ref().map(|_| hint_id.clone()),
            error.as_ref().map(|_| error_id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let described_by = (!described_by.is_empty()).then_some(described_by);
        let invalid = error.is_some().then_some("true");
        let control = if kind == "textarea" {
            html! {
                <textarea id={id} name={field} rows="3" value={value.to_owned()}
                    ref={refs[index].clone()} aria-invalid={invalid}
                    aria-describedby={described_by} oninput={on_input(part)} />
            }
        } else {
            let number = kind == "number";
            html! {
                <input id={id} name={field} type={kind.to_owned()} autocomplete={autocomplete.to_owned()}
                    inputmode={number.then_some("numeric")}
                    min={number.then_some("1")}
                    max={number.then(|| still_needed.to_string())}
                    value={value.to_owned()}
                    ref={refs[index].clone()} aria-invalid={invalid}
                    aria-describedby={described_by} oninput={on_input(part)} />
            }
        };
        html! {
            <div class="field">
                <label for={id}>{ label.to_owned() }</label>
                if let Some(hint) = hint {
                    <p id={hint_id} class="field-hint">{ hint }</p>
                }
                { control }
                if let Some(error) = error {
                    <p id={error_id} class="field-error">{ error }</p>
                }
            </div>
        }
    };

    let quantity_hint = match still_needed {
        1 => "We need 1.".to_owned(),
        n => format!("Up to {n}: that's how many we still need."),
    };
    html! {
        <form class="form pledge-form" novalidate=true {onsubmit}
            aria-label={format!("Pledge {}", props.wish.name)}>
            { error_summary(&errors, &alert_ref, INPUTS) }
            { input(0, Part::Organisation, "Organisation (optional)", "text", "organization",
                Some("Your business, nonprofit or group, if you're giving on its behalf.".to_owned()),
                &draft.organisation) }
            { input(1, Part::Contact, "Your name", "text", "name", None, &draft.contact_name) }
            { input(2, Part::Email, "Email", "email", "email",
                Some("So we can thank you and arrange how it gets to us. We won't share it.".to_owned()),
                &draft.email) }
            { input(3, Part::Quantity, "How many you can give", "number", "off",
                Some(quantity_hint), &draft.quantity) }
            { input(4, Part::Message, "Message (optional)", "textarea", "off",
                Some("Anything we should know, like when it could be dropped off.".to_owned()),
                &draft.message) }
            <div class="actions">
                // Not disabled while sending, so focus stays on it; a second press is ignored.
                <button type="submit" class="button button--primary"
                    aria-disabled={sending.then_some("true")}>
                    { "Send my pledge" }
                </button>
                <button type="button" class="button" onclick={props.on_cancel.reform(|_| ())}>
                    { "Cancel" }
                </button>
            </div>
            <p class="form-status" role="status" aria-live="polite">
                { if *sending { "Sending your pledge…" } else { "" } }
            </p>
        </form>
    }
}

/// The text of the input or textarea an event came from.
fn event_text(event: &InputEvent) -> String {
    event
        .target()
        .and_then(|target| js_sys::Reflect::get(&target, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

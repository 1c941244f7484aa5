//! `/staff/spaces/{id}/hours` (admins): a space's weekly opening windows, each cut into
//! bookable slots. Rows can be added and removed; saving replaces the whole week.

use shared::OpeningHours;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::lounge_admin::{find_admin_space, opening_hours, set_opening_hours};
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::components::form::FormErrors;
use crate::console::components::field::use_focus_on_field_errors;
use crate::console::components::space_nav;
use crate::console::components::weekly_windows::{
    week_alert, window_inputs, WeeklyWindows, OPENING_HOURS,
};
use crate::console::lounge::{check_hours, rows_from_hours, HoursRow};
use crate::hooks::{use_document_title, use_fetch_with, FetchState};

#[derive(Properties, PartialEq)]
pub struct OpeningHoursPageProps {
    pub id: i64,
}

#[component]
pub fn OpeningHoursPage(props: &OpeningHoursPageProps) -> Html {
    use_document_title("Opening hours");
    let loaded = use_fetch_with(props.id, |id| {
        let id = *id;
        async move { Ok::<_, ApiFailure>((find_admin_space(id).await?, opening_hours(id).await?)) }
    });

    let heading = match &*loaded {
        FetchState::Loaded((space, _)) => format!("Opening hours for {}", space.space.name),
        _ => "Opening hours".to_owned(),
    };

    html! {
        <>
            <h1>{ heading }</h1>
            { space_nav(props.id) }
            { fetch_view(&loaded, "Loading opening hours…", |(space, hours)| html! {
                <HoursEditor space_id={space.space.id} hours={hours.clone()} />
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct HoursEditorProps {
    pub space_id: i64,
    /// The week as the server holds it.
    pub hours: OpeningHours,
}

#[component]
pub fn HoursEditor(props: &HoursEditorProps) -> Html {
    let rows = use_state(|| rows_from_hours(&props.hours));
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let saved = use_state(|| None::<&'static str>);
    let alert_ref = use_node_ref();
    use_focus_on_field_errors(&errors, window_inputs(&rows), alert_ref.clone());

    // Adding or removing a row moves the others, and with them what the last check
    // said about each: start afresh.
    let on_change = {
        let (rows, saved, errors) = (rows.clone(), saved.clone(), errors.clone());
        Callback::from(move |(next, moved): (Vec<HoursRow>, bool)| {
            saved.set(None);
            if moved {
                errors.set(FormErrors::default());
            }
            rows.set(next);
        })
    };

    let onsubmit = {
        let (rows, errors, submitting, saved) = (
            rows.clone(),
            errors.clone(),
            submitting.clone(),
            saved.clone(),
        );
        let space_id = props.space_id;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let hours = match check_hours(&rows) {
                Ok(hours) => hours,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            saved.set(None);
            submitting.set(true);
            let (rows, errors, submitting, saved) = (
                rows.clone(),
                errors.clone(),
                submitting.clone(),
                saved.clone(),
            );
            spawn_local(async move {
                let result = set_opening_hours(space_id, &hours).await;
                submitting.set(false);
                match result {
                    Ok(hours) => {
                        // The server's order: by day, then time.
                        rows.set(rows_from_hours(&hours));
                        saved.set(Some("Opening hours saved."));
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    html! {
        <form class="form hours-form" novalidate=true {onsubmit}>
            <p>
                { "Young people can book the slots these windows make. A day can have \
                   several windows, as long as they don't overlap. Changes don't move or \
                   cancel bookings already made." }
            </p>
            { week_alert(&rows, &errors, &alert_ref, Vec::new()) }
            <WeeklyWindows
                rows={(*rows).clone()}
                errors={(*errors).clone()}
                {on_change}
                words={OPENING_HOURS}
            />
            <p class="saved" role="status">{ *saved }</p>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Saving…" } else { "Save opening hours" } }
            </button>
        </form>
    }
}

//! `/staff/spaces/{id}/hours` (admins): a space's weekly opening windows, each cut into
//! bookable slots. Rows can be added and removed; saving replaces the whole week.

use shared::{OpeningHours, Weekday};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::lounge_admin::{find_admin_space, opening_hours, set_opening_hours};
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::components::form::FormErrors;
use crate::console::components::field::{
    event_value, field, use_focus_on_field_errors, Control, Field,
};
use crate::console::components::space_nav;
use crate::console::lounge::{
    check_hours, next_row, row_field, rows_from_hours, window_summary, HoursRow,
};
use crate::console::words::weekday_name;
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

/// Which input of a row changed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Weekday,
    Opens,
    Closes,
    SlotMinutes,
}

/// The id of a row's input: `hours-3-opens`. Rows keep their key when others come and
/// go, so ids never move from one row to another.
fn input_id(row: &HoursRow, part: &str) -> String {
    format!("hours-{}-{part}", row.key)
}

#[component]
pub fn HoursEditor(props: &HoursEditorProps) -> Html {
    // What every input says. A time input reads as "" until it is whole, and Yew only
    // sets a value that differs from what the input reads, so half-typed times stay.
    let rows = use_state(|| rows_from_hours(&props.hours));
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let saved = use_state(|| None::<&'static str>);
    let alert_ref = use_node_ref();
    // An element to move focus to after the rows change: (request number, element id).
    let focus_request = use_state(|| (0_u32, String::new()));
    {
        use_effect_with((*focus_request).clone(), |(request, id)| {
            if *request == 0 {
                return;
            }
            let element = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.get_element_by_id(id))
                .and_then(|element| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
                });
            if let Some(element) = element {
                // Failing to focus leaves the keyboard where it was.
                let _ = element.focus();
            }
        });
    }
    let inputs: Vec<(String, String)> = rows
        .iter()
        .enumerate()
        .flat_map(|(index, row)| {
            ["weekday", "opens", "closes", "slot_minutes"]
                .map(|part| (row_field(index, part), input_id(row, part)))
        })
        .collect();
    use_focus_on_field_errors(&errors, inputs, alert_ref.clone());

    let focus = {
        let focus_request = focus_request.clone();
        move |id: String| focus_request.set((focus_request.0 + 1, id))
    };
    let on_change = {
        let (rows, saved) = (rows.clone(), saved.clone());
        Callback::from(move |(key, part, text): (u32, Part, String)| {
            let mut next = (*rows).clone();
            if let Some(row) = next.iter_mut().find(|row| row.key == key) {
                match part {
                    Part::Weekday => {
                        row.weekday = text
                            .parse()
                            .ok()
                            .and_then(Weekday::from_index)
                            .unwrap_or(row.weekday)
                    }
                    Part::Opens => row.opens = text,
                    Part::Closes => row.closes = text,
                    Part::SlotMinutes => row.slot_minutes = text,
                }
            }
            saved.set(None);
            rows.set(next);
        })
    };
    // Adding or removing a row moves the others, and with them what the last check
    // said about each: start afresh.
    let on_add = {
        let (rows, saved, errors, focus) =
            (rows.clone(), saved.clone(), errors.clone(), focus.clone());
        Callback::from(move |_: MouseEvent| {
            let row = next_row(&rows);
            let id = input_id(&row, "weekday");
            let mut next = (*rows).clone();
            next.push(row);
            saved.set(None);
            errors.set(FormErrors::default());
            rows.set(next);
            focus(id);
        })
    };
    let on_remove = {
        let (rows, saved, errors, focus) =
            (rows.clone(), saved.clone(), errors.clone(), focus.clone());
        Callback::from(move |key: u32| {
            let next: Vec<HoursRow> = rows.iter().filter(|row| row.key != key).cloned().collect();
            saved.set(None);
            errors.set(FormErrors::default());
            rows.set(next);
            focus("hours-add".to_owned());
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

    let problems = row_problems(&rows, &errors);
    let week_error = errors.for_field("rules");

    html! {
        <form class="form hours-form" novalidate=true {onsubmit}>
            <p>
                { "Young people can book the slots these windows make. A day can have \
                   several windows, as long as they don't overlap. Changes don't move or \
                   cancel bookings already made." }
            </p>
            <div class="form-alert" role="alert" tabindex="-1" ref={alert_ref}>
                if let Some(summary) = &errors.summary {
                    <p>{ summary }</p>
                }
                if !problems.is_empty() || week_error.is_some() {
                    <ul class="form-alert__list">
                        if let Some(error) = &week_error {
                            <li>{ capitalised(error) }</li>
                        }
                        { for problems.iter().map(|problem| html! { <li>{ problem }</li> }) }
                    </ul>
                }
            </div>
            if rows.is_empty() {
                <p class="notice notice--info">
                    { "No opening windows: young people can't book this space." }
                </p>
            }
            <ol class="hours-rows">
                { for rows.iter().enumerate().map(|(index, row)| {
                    hours_row(index, row, &errors, &on_change, &on_remove)
                }) }
            </ol>
            <div class="actions">
                <button type="button" id="hours-add" class="button" onclick={on_add}>
                    { "Add a window" }
                </button>
            </div>
            <p class="saved" role="status">{ *saved }</p>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Saving…" } else { "Save opening hours" } }
            </button>
        </form>
    }
}

/// "Window 2: Closing time must be after opening time.", for the form's alert.
fn row_problems(rows: &[HoursRow], errors: &FormErrors) -> Vec<String> {
    (0..rows.len())
        .flat_map(|index| {
            ["weekday", "opens", "closes", "slot_minutes"]
                .into_iter()
                .filter_map(move |part| errors.for_field(&row_field(index, part)))
                .map(move |message| format!("Window {}: {message}", index + 1))
        })
        .collect()
}

fn hours_row(
    index: usize,
    row: &HoursRow,
    errors: &FormErrors,
    on_change: &Callback<(u32, Part, String)>,
    on_remove: &Callback<u32>,
) -> Html {
    let key = row.key;
    let number = index + 1;
    let change = |part: Part| on_change.reform(move |text| (key, part, text));
    let weekday_id = input_id(row, "weekday");
    let summary_id = input_id(row, "summary");
    let summary = window_summary(row);
    let day_option = |day: Weekday| {
        html! {
            <option value={day.index().to_string()} selected={day == row.weekday}>
                { weekday_name(day) }
            </option>
        }
    };
    let time = |part: &str, label: &'static str, value: &str, which: Part| {
        field(Field {
            error: errors.for_field(&row_field(index, part)),
            value: Some(value.to_owned()),
            on_input: Some(change(which)),
            ..Field::new(input_id(row, part), label, Control::Time)
        })
    };
    let on_weekday = change(Part::Weekday).reform(|event: Event| event_value(&event));
    html! {
        <li key={key} class="hours-row">
            <fieldset class="fieldset" aria-describedby={summary.as_ref().map(|_| summary_id.clone())}>
                <legend>{ format!("Window {number}") }</legend>
                <div class="hours-row__fields">
                    <div class="field">
                        <label for={weekday_id.clone()}>{ "Day" }</label>
                        <select id={weekday_id} onchange={on_weekday}>
                            { for Weekday::ALL.into_iter().map(day_option) }
                        </select>
                    </div>
                    { time("opens", "Opens", &row.opens, Part::Opens) }
                    { time("closes", "Closes", &row.closes, Part::Closes) }
                    { field(Field {
                        error: errors.for_field(&row_field(index, "slot_minutes")),
                        value: Some(row.slot_minutes.clone()),
                        on_input: Some(change(Part::SlotMinutes)),
                        ..Field::new(
                            input_id(row, "slot_minutes"),
                            "Slot length, in minutes",
                            Control::Number { min: 5, max: 1440 },
                        )
                    }) }
                </div>
                if let Some(summary) = summary {
                    <p id={summary_id} class="field-hint">{ summary }</p>
                }
                <button type="button" class="button button--danger" onclick={on_remove.reform(move |_| key)}>
                    { "Remove" }<span class="visually-hidden">{ format!(" window {number}") }</span>
                </button>
            </fieldset>
        </li>
    }
}

/// The server writes some sentences in lower case ("two windows on mon overlap.").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

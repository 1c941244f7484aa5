//! The weekly windows editor: one row per window (day, from, to, and the length of what
//! it is cut into), added and removed at will, each saying in words what it makes. A
//! lounge's opening hours and a mentor's office hours both use it; the page keeps the
//! rows, sends them, and passes down what the last check said.

use shared::Weekday;
use yew::prelude::*;

use super::field::{event_value, field, Control, Field};
use crate::components::form::FormErrors;
use crate::console::lounge::{next_row, row_field, window_summary_in, HoursRow, Unit};
use crate::console::words::weekday_name;

/// What differs between the kinds of week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowWords {
    /// What each window is cut into.
    pub unit: Unit,
    /// The labels of each row's start and end.
    pub from_label: &'static str,
    pub to_label: &'static str,
    /// The label of each row's length input.
    pub length_label: &'static str,
    /// Said when there are no windows at all.
    pub none: &'static str,
}

/// A space's opening hours, cut into slots several people book.
pub const OPENING_HOURS: WindowWords = WindowWords {
    unit: crate::console::lounge::SLOTS,
    from_label: "Opens",
    to_label: "Closes",
    length_label: "Slot length, in minutes",
    none: "No opening windows: young people can't book this space.",
};

/// A mentor's office hours, cut into sessions with one young person each.
pub const OFFICE_HOURS: WindowWords = WindowWords {
    unit: crate::console::lounge::SESSIONS,
    from_label: "From",
    to_label: "Until",
    length_label: "Session length, in minutes",
    none: "No office hours yet: young people can't book a session with you.",
};

/// The inputs of each row.
const PARTS: [&str; 4] = ["weekday", "opens", "closes", "slot_minutes"];

/// The API's field names of every row's inputs and their ids, in page order, for
/// [`use_focus_on_field_errors`](super::field::use_focus_on_field_errors).
pub fn window_inputs(rows: &[HoursRow]) -> Vec<(String, String)> {
    rows.iter()
        .enumerate()
        .flat_map(|(index, row)| PARTS.map(|part| (row_field(index, part), input_id(row, part))))
        .collect()
}

/// "Window 2: Closing time must be after opening time.", for the form's alert.
pub fn row_problems(rows: &[HoursRow], errors: &FormErrors) -> Vec<String> {
    (0..rows.len())
        .flat_map(|index| {
            PARTS
                .into_iter()
                .filter_map(move |part| errors.for_field(&row_field(index, part)))
                .map(move |message| format!("Window {}: {message}", index + 1))
        })
        .collect()
}

/// The server writes some sentences in lower case ("two windows on mon overlap.").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The form's alert for a week: the summary, a problem with the week as a whole
/// (`rules`), and each row's problems, numbered. `extra` lists problems with the form's
/// other fields.
pub fn week_alert(
    rows: &[HoursRow],
    errors: &FormErrors,
    alert_ref: &NodeRef,
    extra: Vec<String>,
) -> Html {
    let week_error = errors.for_field("rules");
    let problems: Vec<String> = week_error
        .iter()
        .map(|error| capitalised(error))
        .chain(row_problems(rows, errors))
        .chain(extra)
        .collect();
    html! {
        <div class="form-alert" role="alert" tabindex="-1" ref={alert_ref.clone()}>
            if let Some(summary) = &errors.summary {
                <p>{ summary }</p>
            }
            if !problems.is_empty() {
                <ul class="form-alert__list">
                    { for problems.iter().map(|problem| html! { <li>{ problem }</li> }) }
                </ul>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct WeeklyWindowsProps {
    /// What every input says. A time input reads as "" until it is whole, and Yew only
    /// sets a value that differs from what the input reads, so half-typed times stay.
    pub rows: Vec<HoursRow>,
    /// What the last check said, keyed like the API's fields (`rules[2].closes`).
    pub errors: FormErrors,
    /// Called with the rows after every edit, and whether a row was added or removed:
    /// that moves the rows after it, and with them what the last check said of each.
    pub on_change: Callback<(Vec<HoursRow>, bool)>,
    pub words: WindowWords,
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

/// The id of the "Add a window" button, where focus goes after a row is removed.
const ADD_ID: &str = "hours-add";

#[component]
pub fn WeeklyWindows(props: &WeeklyWindowsProps) -> Html {
    // An element to focus once it is on the page: the new row's first input arrives
    // with the parent's next render, not this one.
    let focus_next = use_mut_ref(|| None::<String>);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            let id = focus_next.borrow().clone();
            let element = id.as_deref().and_then(|id| {
                web_sys::window()?
                    .document()?
                    .get_element_by_id(id)
                    .and_then(|element| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
                    })
            });
            if let Some(element) = element {
                *focus_next.borrow_mut() = None;
                // Failing to focus leaves the keyboard where it was.
                let _ = element.focus();
            }
        });
    }

    let on_change = {
        let (rows, on_change) = (props.rows.clone(), props.on_change.clone());
        Callback::from(move |(key, part, text): (u32, Part, String)| {
            let mut next = rows.clone();
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
            on_change.emit((next, false));
        })
    };
    let on_add = {
        let (rows, on_change, focus_next) = (
            props.rows.clone(),
            props.on_change.clone(),
            focus_next.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let row = next_row(&rows);
            *focus_next.borrow_mut() = Some(input_id(&row, "weekday"));
            let mut next = rows.clone();
            next.push(row);
            on_change.emit((next, true));
        })
    };
    let on_remove = {
        let (rows, on_change, focus_next) = (
            props.rows.clone(),
            props.on_change.clone(),
            focus_next.clone(),
        );
        Callback::from(move |key: u32| {
            let next: Vec<HoursRow> = rows.iter().filter(|row| row.key != key).cloned().collect();
            *focus_next.borrow_mut() = Some(ADD_ID.to_owned());
            on_change.emit((next, true));
        })
    };

    html! {
        <>
            if props.rows.is_empty() {
                <p class="notice notice--info">{ props.words.none }</p>
            }
            <ol class="hours-rows">
                { for props.rows.iter().enumerate().map(|(index, row)| {
                    hours_row(index, row, &props.errors, props.words, &on_change, &on_remove)
                }) }
            </ol>
            <div class="actions">
                <button type="button" id={ADD_ID} class="button" onclick={on_add}>
                    { "Add a window" }
                </button>
            </div>
        </>
    }
}

fn hours_row(
    index: usize,
    row: &HoursRow,
    errors: &FormErrors,
    words: WindowWords,
    on_change: &Callback<(u32, Part, String)>,
    on_remove: &Callback<u32>,
) -> Html {
    let key = row.key;
    let number = index + 1;
    let change = |part: Part| on_change.reform(move |text| (key, part, text));
    let weekday_id = input_id(row, "weekday");
    let summary_id = input_id(row, "summary");
    let summary = window_summary_in(row, words.unit);
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
                    { time("opens", words.from_label, &row.opens, Part::Opens) }
                    { time("closes", words.to_label, &row.closes, Part::Closes) }
                    { field(Field {
                        error: errors.for_field(&row_field(index, "slot_minutes")),
                        value: Some(row.slot_minutes.clone()),
                        on_input: Some(change(Part::SlotMinutes)),
                        ..Field::new(
                            input_id(row, "slot_minutes"),
                            words.length_label,
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

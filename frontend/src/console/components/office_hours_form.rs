//! A mentor's office hours: weekly windows cut into sessions (the same editor as a
//! lounge's opening hours), where they meet young people, and days off. Saving
//! replaces all three at once.

use shared::{MentorOfficeHours, Space};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{event_value, field, use_focus_on_field_errors, Control, Field};
use super::weekly_windows::{week_alert, window_inputs, WeeklyWindows, OFFICE_HOURS};
use crate::api::mentoring;
use crate::components::form::FormErrors;
use crate::console::lounge::{rows_from_hours, HoursRow};
use crate::console::mentoring::{
    check_office_hours, day_off_field, day_off_rows, DayOffRow, Place,
};

#[derive(Properties, PartialEq)]
pub struct OfficeHoursFormProps {
    /// The office hours as the server holds them.
    pub hours: MentorOfficeHours,
    /// The lounge's spaces to meet in; `None` when we couldn't ask, which leaves the
    /// room in words.
    pub spaces: Option<Vec<Space>>,
}

const SPACE_ID: &str = "office-space";
const ROOM_ID: &str = "office-room";
const ADD_DAY_ID: &str = "day-off-add";

fn day_input_id(row: &DayOffRow) -> String {
    format!("day-off-{}", row.key)
}

fn rows_of(hours: &MentorOfficeHours) -> Vec<HoursRow> {
    rows_from_hours(&shared::OpeningHours {
        rules: hours.rules.clone(),
    })
}

fn place_of(hours: &MentorOfficeHours) -> Place {
    Place {
        space_id: hours.space_id,
        room: hours.room.clone(),
    }
}

#[component]
pub fn OfficeHoursForm(props: &OfficeHoursFormProps) -> Html {
    let rows = use_state(|| rows_of(&props.hours));
    let place = use_state(|| place_of(&props.hours));
    let days = use_state(|| day_off_rows(&props.hours.days_off));
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let saved = use_state(|| None::<&'static str>);
    let alert_ref = use_node_ref();
    let mut inputs = window_inputs(&rows);
    inputs.push(("space_id".to_owned(), SPACE_ID.to_owned()));
    inputs.push(("room".to_owned(), ROOM_ID.to_owned()));
    inputs.extend(
        days.iter()
            .enumerate()
            .map(|(index, row)| (day_off_field(index), day_input_id(row))),
    );
    inputs.push(("days_off".to_owned(), ADD_DAY_ID.to_owned()));
    use_focus_on_field_errors(&errors, inputs, alert_ref.clone());

    // After a day off is added or removed: the new input, or "Add a day off".
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

    let on_rows = {
        let (rows, saved, errors) = (rows.clone(), saved.clone(), errors.clone());
        Callback::from(move |(next, moved): (Vec<HoursRow>, bool)| {
            saved.set(None);
            if moved {
                // The rows after it moved, and what the last check said with them.
                errors.set(FormErrors::default());
            }
            rows.set(next);
        })
    };
    let on_space = {
        let (place, saved) = (place.clone(), saved.clone());
        Callback::from(move |event: Event| {
            let space_id = event_value(&event).parse().ok();
            saved.set(None);
            place.set(Place {
                space_id,
                room: place.room.clone(),
            });
        })
    };
    let on_room = {
        let (place, saved) = (place.clone(), saved.clone());
        Callback::from(move |room: String| {
            saved.set(None);
            place.set(Place {
                space_id: place.space_id,
                room,
            });
        })
    };
    let on_day = {
        let (days, saved) = (days.clone(), saved.clone());
        Callback::from(move |(key, date): (u32, String)| {
            let mut next = (*days).clone();
            if let Some(row) = next.iter_mut().find(|row| row.key == key) {
                row.date = date;
            }
            saved.set(None);
            days.set(next);
        })
    };
    let on_add_day = {
        let (days, saved, errors, focus_next) = (
            days.clone(),
            saved.clone(),
            errors.clone(),
            focus_next.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let key = days.iter().map(|row| row.key + 1).max().unwrap_or(0);
            let row = DayOffRow {
                key,
                date: String::new(),
            };
            *focus_next.borrow_mut() = Some(day_input_id(&row));
            let mut next = (*days).clone();
            next.push(row);
            saved.set(None);
            errors.set(FormErrors::default());
            days.set(next);
        })
    };
    let on_remove_day = {
        let (days, saved, errors, focus_next) = (
            days.clone(),
            saved.clone(),
            errors.clone(),
            focus_next.clone(),
        );
        Callback::from(move |key: u32| {
            *focus_next.borrow_mut() = Some(ADD_DAY_ID.to_owned());
            saved.set(None);
            errors.set(FormErrors::default());
            days.set(days.iter().filter(|row| row.key != key).cloned().collect());
        })
    };

    let onsubmit = {
        let (rows, place, days, errors, submitting, saved) = (
            rows.clone(),
            place.clone(),
            days.clone(),
            errors.clone(),
            submitting.clone(),
            saved.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let hours = match check_office_hours(&rows, &place, &days) {
                Ok(hours) => hours,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            saved.set(None);
            submitting.set(true);
            let (rows, place, days, errors, submitting, saved) = (
                rows.clone(),
                place.clone(),
                days.clone(),
                errors.clone(),
                submitting.clone(),
                saved.clone(),
            );
            spawn_local(async move {
                let result = mentoring::set_office_hours(&hours).await;
                submitting.set(false);
                match result {
                    Ok(hours) => {
                        // The server's order: by day, then time; days off by date.
                        rows.set(rows_of(&hours));
                        place.set(place_of(&hours));
                        days.set(day_off_rows(&hours.days_off));
                        saved.set(Some("Your office hours are saved."));
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    // Problems with the fields after the week, for the alert.
    let mut extra: Vec<String> = ["space_id", "room"]
        .into_iter()
        .filter_map(|name| errors.for_field(name))
        .map(|message| format!("Where: {message}"))
        .collect();
    extra.extend(errors.for_field("days_off"));
    extra.extend((0..days.len()).filter_map(|index| {
        errors
            .for_field(&day_off_field(index))
            .map(|message| format!("Day off {}: {message}", index + 1))
    }));

    let spaces = props.spaces.as_deref().filter(|spaces| !spaces.is_empty());
    let space_error = errors.for_field("space_id");
    let space_select = spaces.map(|spaces| {
        let option = |space: &Space| {
            html! {
                <option key={space.id} value={space.id.to_string()} selected={place.space_id == Some(space.id)}>
                    { &space.name }
                </option>
            }
        };
        html! {
            <div class="field">
                <label for={SPACE_ID}>{ "Where you meet" }</label>
                <select
                    id={SPACE_ID}
                    aria-invalid={space_error.is_some().then_some("true")}
                    aria-describedby={space_error.as_ref().map(|_| "office-space-error")}
                    onchange={on_space}
                >
                    { for spaces.iter().map(option) }
                    <option value="" selected={place.space_id.is_none()}>{ "Somewhere else" }</option>
                </select>
                if let Some(error) = &space_error {
                    <p id="office-space-error" class="field-error">{ error }</p>
                }
            </div>
        }
    });
    let room = place.space_id.is_none().then(|| {
        field(Field {
            hint: Some(
                "Young people see this when they book, like \u{201c}Room 2, first floor\u{201d}.",
            ),
            error: errors.for_field("room"),
            value: Some(place.room.clone()),
            on_input: Some(on_room),
            ..Field::new(
                ROOM_ID,
                if spaces.is_some() {
                    "Which room or place"
                } else {
                    "Where you meet"
                },
                Control::Text,
            )
        })
    });

    let day_row = |(index, row): (usize, &DayOffRow)| {
        let key = row.key;
        let number = index + 1;
        let label = format!("Day off {number}");
        html! {
            <li key={key} class="day-off">
                { field(Field {
                    error: errors.for_field(&day_off_field(index)),
                    value: Some(row.date.clone()),
                    on_input: Some(on_day.reform(move |date| (key, date))),
                    ..Field::new(day_input_id(row), &label, Control::Date)
                }) }
                <button type="button" class="button button--danger" onclick={on_remove_day.reform(move |_| key)}>
                    { "Remove" }<span class="visually-hidden">{ format!(" day off {number}") }</span>
                </button>
            </li>
        }
    };

    html! {
        <form class="form hours-form" novalidate=true {onsubmit}>
            <p>
                { "Young people can book a session with you in these windows. A day can have \
                   several windows, as long as they don't overlap. Your limits below still \
                   apply, so you're never booked for more than you said." }
            </p>
            { week_alert(&rows, &errors, &alert_ref, extra) }
            <WeeklyWindows
                rows={(*rows).clone()}
                errors={(*errors).clone()}
                on_change={on_rows}
                words={OFFICE_HOURS}
            />
            <fieldset class="fieldset">
                <legend>{ "Where" }</legend>
                { space_select }
                { room }
            </fieldset>
            <fieldset class="fieldset" aria-describedby="days-off-hint">
                <legend>{ "Days off" }</legend>
                <p id="days-off-hint" class="field-hint">
                    { "Young people can't book you on these days, such as exams or a holiday." }
                </p>
                if let Some(error) = errors.for_field("days_off") {
                    <p class="field-error">{ error }</p>
                }
                <ul class="days-off">
                    { for days.iter().enumerate().map(day_row) }
                </ul>
                <div class="actions">
                    <button type="button" id={ADD_DAY_ID} class="button" onclick={on_add_day}>
                        { "Add a day off" }
                    </button>
                </div>
            </fieldset>
            <p class="saved" role="status">{ *saved }</p>
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Saving…" } else { "Save office hours" } }
            </button>
        </form>
    }
}

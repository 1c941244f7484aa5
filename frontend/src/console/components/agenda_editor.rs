//! An event's agenda, item by item: a time, what happens and who leads it. Items are
//! added, removed and moved up or down with buttons that say which item they act on,
//! and each move is announced, so the whole editor works from the keyboard and with a
//! screen reader. The event form keeps the rows and sends them.

use yew::prelude::*;

use super::field::{field, use_focus_after_render, Control, Field};
use crate::components::form::FormErrors;
use crate::console::events::{agenda_field, move_row, next_key, AgendaRow, MAX_AGENDA_ITEMS};

/// The id of "Add agenda item", where focus goes after an item is removed.
pub const AGENDA_ADD_ID: &str = "agenda-add";

/// The id of `part` (`time`, `title`, `led-by`, `up`, `down`, `remove`) of the item at
/// `index`: `agenda-0-title`. By position, so the first item is always `agenda-0-…`.
pub fn agenda_input_id(index: usize, part: &str) -> String {
    format!("agenda-{index}-{part}")
}

/// The API's field names of every item's inputs and their ids, in page order.
pub fn agenda_inputs(rows: &[AgendaRow]) -> Vec<(String, String)> {
    (0..rows.len())
        .flat_map(|index| {
            [("time", "time"), ("title", "title"), ("led_by", "led-by")]
                .map(|(field, id)| (agenda_field(index, field), agenda_input_id(index, id)))
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct AgendaEditorProps {
    pub rows: Vec<AgendaRow>,
    /// What the last check said, keyed like the API's fields (`agenda[1].title`).
    pub errors: FormErrors,
    /// Called with the rows after every edit, and whether items were added, removed or
    /// moved: that puts other items at the positions the last check spoke of.
    pub on_change: Callback<(Vec<AgendaRow>, bool)>,
}

/// Which input of an item changed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Time,
    Title,
    LedBy,
}

/// What a button asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Change {
    Add,
    Remove(usize),
    Move { index: usize, up: bool },
}

#[component]
pub fn AgendaEditor(props: &AgendaEditorProps) -> Html {
    let focus_next = use_focus_after_render();
    // Said after a move or removal: where the item went.
    let announcement = use_state(String::new);
    // The rows as the last change left them. Changes made before the page renders again
    // (typing in one input, then the next) build on each other, not on this render's.
    let latest = use_mut_ref(Vec::new);
    latest.borrow_mut().clone_from(&props.rows);
    let emit = {
        let (latest, on_change) = (latest.clone(), props.on_change.clone());
        move |next: Vec<AgendaRow>, moved: bool| {
            latest.borrow_mut().clone_from(&next);
            on_change.emit((next, moved));
        }
    };

    let on_input = {
        let (latest, emit) = (latest.clone(), emit.clone());
        Callback::from(move |(key, part, text): (u32, Part, String)| {
            let mut next = latest.borrow().clone();
            if let Some(row) = next.iter_mut().find(|row| row.key == key) {
                match part {
                    Part::Time => row.time = text,
                    Part::Title => row.title = text,
                    Part::LedBy => row.led_by = text,
                }
            }
            emit(next, false);
        })
    };
    let on_button = {
        let (focus_next, announcement) = (focus_next.clone(), announcement.clone());
        Callback::from(move |change: Change| {
            let rows = latest.borrow().clone();
            let count = rows.len();
            // A second press before the page caught up may name an item gone by now.
            let possible = match change {
                Change::Add => true,
                Change::Remove(index) => index < count,
                Change::Move { index, up: true } => index > 0 && index < count,
                Change::Move { index, up: false } => index + 1 < count,
            };
            if !possible {
                return;
            }
            let name = |index: usize| {
                rows.get(index)
                    .map(|row| row.title.trim())
                    .filter(|title| !title.is_empty())
                    .map_or_else(
                        || format!("Item {}", index + 1),
                        |title| format!("\u{201c}{title}\u{201d}"),
                    )
            };
            let (next, focus, said) = match change {
                Change::Add => {
                    let mut next = rows.clone();
                    next.push(AgendaRow {
                        key: next_key(&rows, |row| row.key),
                        ..AgendaRow::default()
                    });
                    (
                        next,
                        agenda_input_id(count, "time"),
                        format!("Agenda item {} added.", count + 1),
                    )
                }
                Change::Remove(index) => {
                    let mut next = rows.clone();
                    next.remove(index);
                    (
                        next,
                        AGENDA_ADD_ID.to_owned(),
                        format!("{} removed from the agenda.", name(index)),
                    )
                }
                Change::Move { index, up } => {
                    let to = if up { index - 1 } else { index + 1 };
                    // The same button again, unless the item reached the end it moved
                    // towards: then the other one.
                    let at_end = if up { to == 0 } else { to + 1 == count };
                    let button = match (up, at_end) {
                        (true, false) | (false, true) => "up",
                        (true, true) | (false, false) => "down",
                    };
                    (
                        move_row(&rows, index, up),
                        agenda_input_id(to, button),
                        format!("{} is now item {} of {count}.", name(index), to + 1),
                    )
                }
            };
            *focus_next.borrow_mut() = Some(focus);
            announcement.set(said);
            emit(next, true);
        })
    };

    let count = props.rows.len();
    html! {
        <>
            if props.rows.is_empty() {
                <p>{ "No agenda yet. Add items in the order they happen." }</p>
            }
            <ol class="agenda-rows">
                { for props.rows.iter().enumerate().map(|(index, row)| {
                    agenda_row(index, count, row, &props.errors, &on_input, &on_button)
                }) }
            </ol>
            <p class="saved" role="status">{ (*announcement).clone() }</p>
            if count < MAX_AGENDA_ITEMS {
                <div class="actions">
                    <button type="button" id={AGENDA_ADD_ID} class="button"
                        onclick={on_button.reform(|_| Change::Add)}>
                        { "Add agenda item" }
                    </button>
                </div>
            } else {
                <p class="field-hint" id={AGENDA_ADD_ID} tabindex="-1">
                    { format!("An agenda can have up to {MAX_AGENDA_ITEMS} items.") }
                </p>
            }
        </>
    }
}

fn agenda_row(
    index: usize,
    count: usize,
    row: &AgendaRow,
    errors: &FormErrors,
    on_input: &Callback<(u32, Part, String)>,
    on_button: &Callback<Change>,
) -> Html {
    let key = row.key;
    let number = index + 1;
    let item = format!(" agenda item {number}");
    let input = |part: Part, field_name: &str, id: &str, label: &'static str, value: &str| {
        let control = if part == Part::Time {
            Control::Time
        } else {
            Control::Text
        };
        field(Field {
            error: errors.for_field(&agenda_field(index, field_name)),
            value: Some(value.to_owned()),
            on_input: Some(on_input.reform(move |text| (key, part, text))),
            ..Field::new(agenda_input_id(index, id), label, control)
        })
    };
    let button = |part: &str, label: &'static str, change: Change, class: &'static str| {
        html! {
            <button type="button" id={agenda_input_id(index, part)} class={class}
                onclick={on_button.reform(move |_| change)}>
                { label }<span class="visually-hidden">{ item.clone() }</span>
            </button>
        }
    };
    html! {
        <li key={key} class="agenda-row">
            <fieldset class="fieldset">
                <legend>{ format!("Agenda item {number}") }</legend>
                <div class="agenda-row__fields">
                    { input(Part::Time, "time", "time", "Time (optional)", &row.time) }
                    { input(Part::Title, "title", "title", "What happens", &row.title) }
                    { input(Part::LedBy, "led_by", "led-by", "Led by (optional)", &row.led_by) }
                </div>
                <div class="actions">
                    if index > 0 {
                        { button("up", "Move up", Change::Move { index, up: true }, "button") }
                    }
                    if index + 1 < count {
                        { button("down", "Move down", Change::Move { index, up: false }, "button") }
                    }
                    { button("remove", "Remove", Change::Remove(index), "button button--danger") }
                </div>
            </fieldset>
        </li>
    }
}

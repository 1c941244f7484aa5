//! `/staff/day` (supervisors, peer mentors, admins): the lounge's day for the staff on
//! duty. Pick a space and a day (the lounge's today at first); each slot lists who is
//! booked, by display name only, with check-in, "didn't make it" and a walk-in counter.

use chrono::{Days, NaiveDate};
use shared::{DaySheet, Space};
use yew::prelude::*;

use crate::api::lounge_admin::day_sheet;
use crate::api::spaces::list_spaces;
use crate::components::fetch_view;
use crate::console::components::field::{event_value, field_value};
use crate::console::components::slot_sheet::{is_running, SLOT_NOW_ID};
use crate::console::components::SlotSheet;
use crate::console::lounge::parse_date;
use crate::format;
use crate::hooks::{
    use_document_title, use_fetch, use_fetch_with, use_focus_on_change, FetchState,
};

#[component]
pub fn DaySheetPage() -> Html {
    use_document_title("Day sheet");
    let spaces = use_fetch(list_spaces);
    html! {
        <>
            <h1>{ "Day sheet" }</h1>
            { fetch_view(&spaces, "Loading spaces…", |spaces| {
                if spaces.is_empty() {
                    html! { <p>{ "There are no spaces yet. An admin can add one under Spaces." }</p> }
                } else {
                    html! { <DayView spaces={spaces.clone()} /> }
                }
            }) }
        </>
    }
}

/// Which sheet to show. `date: None` asks the server for the lounge's today, which
/// may not be the date on this device.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DayQuery {
    space_id: i64,
    date: Option<NaiveDate>,
}

#[derive(Properties, PartialEq)]
struct DayViewProps {
    spaces: Vec<Space>,
}

#[component]
fn DayView(props: &DayViewProps) -> Html {
    let first_space = props.spaces.first().map_or(0, |space| space.id);
    let query = use_state(|| DayQuery {
        space_id: first_space,
        date: None,
    });
    let sheet = use_fetch_with(*query, |query| day_sheet(query.space_id, query.date));
    // The lounge's today, as the server said when asked without a date.
    let today = use_state(|| None::<NaiveDate>);
    let told_today = match (&*sheet, query.date) {
        (FetchState::Loaded(sheet), None) => Some(sheet.date),
        _ => None,
    };
    {
        let today = today.clone();
        use_effect_with(told_today, move |told| {
            if let Some(date) = told {
                today.set(Some(*date));
            }
        });
    }
    let announcement = use_state(String::new);
    let space_ref = use_node_ref();
    let heading_ref = use_node_ref();
    // Another day or space replaces the whole sheet: take the reader to its heading.
    use_focus_on_change(*query, heading_ref.clone());

    let shown_date = match &*sheet {
        FetchState::Loaded(sheet) => Some(sheet.date),
        _ => query.date.or(*today),
    };
    // What the date input says: the day shown, until someone picks another.
    let date_text = use_state(String::new);
    {
        let date_text = date_text.clone();
        use_effect_with(shown_date, move |date| {
            if let Some(date) = date {
                date_text.set(date.to_string());
            }
        });
    }
    let show = {
        let (query, announcement) = (query.clone(), announcement.clone());
        move |space_id: i64, date: Option<NaiveDate>| {
            announcement.set(String::new());
            query.set(DayQuery { space_id, date });
        }
    };
    // The space picked in the form, even before "Show".
    let picked_space = {
        let (space_ref, current) = (space_ref.clone(), query.space_id);
        move || field_value(&space_ref).parse().unwrap_or(current)
    };
    let onsubmit = {
        let (show, picked_space, date_text) =
            (show.clone(), picked_space.clone(), date_text.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            show(picked_space(), parse_date(&date_text));
        })
    };
    let on_date = {
        let date_text = date_text.clone();
        Callback::from(move |event: InputEvent| date_text.set(event_value(&event)))
    };
    let step = |days: i64| {
        let (show, picked_space) = (show.clone(), picked_space.clone());
        Callback::from(move |_: MouseEvent| {
            let space_id = picked_space();
            let date = shown_date.and_then(|date| {
                if days < 0 {
                    date.checked_sub_days(Days::new(days.unsigned_abs()))
                } else {
                    date.checked_add_days(Days::new(days.unsigned_abs()))
                }
            });
            if date.is_some() {
                show(space_id, date);
            }
        })
    };
    let on_changed = {
        let (announcement, refresh) = (announcement.clone(), sheet.refresh.clone());
        Callback::from(move |done: String| {
            announcement.set(done);
            refresh.emit(());
        })
    };

    // Straight from this answer when it is today's sheet, so the first render knows.
    let today = told_today.or(*today);
    let is_today = shown_date.is_some() && shown_date == today;
    let space_name = props
        .spaces
        .iter()
        .find(|space| space.id == query.space_id)
        .map(|space| space.name.clone())
        .unwrap_or_default();
    let space_option = |space: &Space| {
        html! {
            <option key={space.id} value={space.id.to_string()} selected={space.id == query.space_id}>
                { &space.name }
            </option>
        }
    };

    html! {
        <>
            <form class="form filter day-picker" aria-label="Choose a space and a day" {onsubmit}>
                <div class="field">
                    <label for="day-space">{ "Space" }</label>
                    <select id="day-space" ref={space_ref}>
                        { for props.spaces.iter().map(space_option) }
                    </select>
                </div>
                <div class="field">
                    <label for="day-date">{ "Day" }</label>
                    <input
                        id="day-date"
                        type="date"
                        value={(*date_text).clone()}
                        oninput={on_date}
                    />
                </div>
                <div class="actions">
                    <button type="submit" class="button button--primary">{ "Show" }</button>
                    <button type="button" class="button" onclick={step(-1)}>{ "Previous day" }</button>
                    <button type="button" class="button" onclick={step(1)}>{ "Next day" }</button>
                    if !is_today && today.is_some() {
                        <button type="button" class="button" onclick={{
                            let (show, picked_space) = (show.clone(), picked_space.clone());
                            Callback::from(move |_: MouseEvent| show(picked_space(), None))
                        }}>
                            { "Today" }
                        </button>
                    }
                </div>
            </form>
            <h2 tabindex="-1" ref={heading_ref}>
                { space_name }
                if let Some(date) = shown_date {
                    { format!(", {}", format::day_name(date)) }
                    if is_today {
                        { " (today)" }
                    }
                }
            </h2>
            <p class="saved" role="status">{ (*announcement).clone() }</p>
            { fetch_view(&sheet, "Loading the day sheet…", |sheet| {
                slot_list(sheet, query.space_id, is_today, &on_changed)
            }) }
        </>
    }
}

fn slot_list(
    sheet: &DaySheet,
    space_id: i64,
    is_today: bool,
    on_changed: &Callback<String>,
) -> Html {
    if sheet.slots.is_empty() {
        return html! { <p>{ "The space isn't open on this day, so there's nothing booked." }</p> };
    }
    html! {
        <>
            if !is_today {
                <p class="field-hint">{ "Walk-ins can only be counted on the day itself." }</p>
            } else if sheet.slots.iter().any(is_running) {
                <p><a href={format!("#{SLOT_NOW_ID}")}>{ "Go to the time happening now" }</a></p>
            }
            <ol class="cards slot-sheets">
                { for sheet.slots.iter().map(|slot| html! {
                    <SlotSheet
                        key={slot.start.timestamp()}
                        {space_id}
                        slot={slot.clone()}
                        counting_walk_ins={is_today}
                        on_changed={on_changed.clone()}
                    />
                }) }
            </ol>
        </>
    }
}

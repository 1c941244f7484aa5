//! The event editor: what it is, when (on the lounge's clock), where, seats and the
//! waitlist, who runs it, the agenda and materials, and when they go out. Adds a draft
//! when given no event, and otherwise saves the whole event again.

use shared::{EventContact, EventStatus, LoungeUse, MentorProfile, Space, StaffEvent};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::agenda_editor::{agenda_input_id, AgendaEditor, AGENDA_ADD_ID};
use super::choices::{choice_id, choices, switch, ChoiceKind, Choices, Switch};
use super::field::{event_value, field, use_focus_on_field_errors, Control, Field};
use super::materials_editor::{material_input_id, MaterialsEditor, MATERIAL_ADD_ID};
use crate::api::staff_events;
use crate::components::form::FormErrors;
use crate::console::events::{
    agenda_field, check_event, material_field, AgendaRow, EventDraft, MaterialRow, CAPACITY,
    RELEASE_DAYS,
};
use crate::console::lounge::{device_offset, zone_offset};
use crate::console::mentoring::toggle_in;

#[derive(Properties, PartialEq)]
pub struct EventFormProps {
    /// The event to change; without one, the form adds a draft.
    #[prop_or_default]
    pub event: Option<StaffEvent>,
    /// The lounge's spaces it can be held in.
    pub spaces: Vec<Space>,
    /// Staff who can be named as the contact person.
    pub contacts: Vec<EventContact>,
    /// Listed peer mentors, who can co-facilitate.
    pub mentors: Vec<MentorProfile>,
    /// The agency's time zone, which the times are entered in; the device's if unknown.
    pub zone: Option<String>,
    /// Who is signed in: the contact person of a new event, unless they pick another.
    pub me: Option<i64>,
    /// Called with the event as saved.
    pub on_saved: Callback<StaffEvent>,
}

pub const TITLE_ID: &str = "event-title";
pub const SUMMARY_ID: &str = "event-summary";
pub const DESCRIPTION_ID: &str = "event-description";
pub const AUDIENCE_ID: &str = "event-audience";
pub const START_ID: &str = "event-start";
pub const END_ID: &str = "event-end";
pub const SPACE_ID: &str = "event-space";
pub const PLACE_ID: &str = "event-place";
/// The two ways to share a lounge space are `event-lounge-use-0` (share the seats) and
/// `event-lounge-use-1` (close it to drop-ins).
pub const LOUNGE_USE_PREFIX: &str = "event-lounge-use";
const LOUNGE_USES: [(LoungeUse, &str); 2] = [
    (
        LoungeUse::SharedSeats,
        "Keep it open: the event's seats come out of the drop-in seats",
    ),
    (
        LoungeUse::Closed,
        "Close it to drop-ins while the event is on",
    ),
];
pub const CAPACITY_ID: &str = "event-capacity";
pub const WAITLIST_ID: &str = "event-waitlist";
pub const CONTACT_ID: &str = "event-contact";
/// Each mentor's checkbox is `event-mentor-{index}`.
pub const MENTOR_PREFIX: &str = "event-mentor";
pub const YOUNG_ID: &str = "event-young-co-facilitators";
pub const RELEASE_DAYS_ID: &str = "event-release-days";
pub const RELEASE_PUBLICLY_ID: &str = "event-release-publicly";

/// A text input of the draft.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Text {
    Title,
    Summary,
    Description,
    Audience,
    Start,
    End,
    Place,
    Capacity,
    Young,
    ReleaseDays,
}

fn text_of(draft: &mut EventDraft, text: Text) -> &mut String {
    match text {
        Text::Title => &mut draft.title,
        Text::Summary => &mut draft.summary,
        Text::Description => &mut draft.description,
        Text::Audience => &mut draft.audience,
        Text::Start => &mut draft.start,
        Text::End => &mut draft.end,
        Text::Place => &mut draft.place,
        Text::Capacity => &mut draft.capacity,
        Text::Young => &mut draft.young_co_facilitators,
        Text::ReleaseDays => &mut draft.release_days,
    }
}

/// One line of the error summary: the API's field, the input it points at, and what
/// the reader calls that input.
struct Blame {
    field: String,
    input_id: String,
    label: String,
}

fn blame(field: impl Into<String>, input_id: impl Into<String>, label: impl Into<String>) -> Blame {
    Blame {
        field: field.into(),
        input_id: input_id.into(),
        label: label.into(),
    }
}

/// Every field the API or our check can blame, in page order.
fn blames(draft: &EventDraft, has_spaces: bool, has_mentors: bool) -> Vec<Blame> {
    let mut list = vec![
        blame("title", TITLE_ID, "Title"),
        blame("summary", SUMMARY_ID, "Summary"),
        blame("description", DESCRIPTION_ID, "Description"),
        blame("audience", AUDIENCE_ID, "Who it's for"),
        blame("start", START_ID, "Starts"),
        blame("end", END_ID, "Ends"),
    ];
    if has_spaces {
        list.push(blame("space_id", SPACE_ID, "Where"));
    }
    let place_id = if draft.space_id.is_none() || !has_spaces {
        PLACE_ID
    } else {
        SPACE_ID
    };
    list.push(blame("place", place_id, "Where"));
    if has_spaces && draft.space_id.is_some() {
        list.push(blame(
            "lounge_use",
            choice_id(LOUNGE_USE_PREFIX, 0),
            "Drop-ins while it's on",
        ));
    }
    list.push(blame("capacity", CAPACITY_ID, "Seats"));
    list.push(blame("contact_staff_id", CONTACT_ID, "Contact person"));
    if has_mentors {
        list.push(blame(
            "co_facilitator_mentor_ids",
            choice_id(MENTOR_PREFIX, 0),
            "Peer mentors co-facilitating",
        ));
    }
    list.push(blame("co_facilitators", YOUNG_ID, "Co-facilitators"));
    list.push(blame(
        "young_co_facilitators",
        YOUNG_ID,
        "Young people co-facilitating",
    ));
    let first_agenda = if draft.agenda.is_empty() {
        AGENDA_ADD_ID.to_owned()
    } else {
        agenda_input_id(0, "title")
    };
    list.push(blame("agenda", first_agenda, "Agenda"));
    for (index, _) in draft.agenda.iter().enumerate() {
        for (part, id, label) in [
            ("time", "time", "time"),
            ("title", "title", "what happens"),
            ("led_by", "led-by", "led by"),
        ] {
            list.push(blame(
                agenda_field(index, part),
                agenda_input_id(index, id),
                format!("Agenda item {}, {label}", index + 1),
            ));
        }
    }
    let first_material = if draft.materials.is_empty() {
        MATERIAL_ADD_ID.to_owned()
    } else {
        material_input_id(0, "title")
    };
    list.push(blame("materials", first_material, "Materials"));
    for (index, _) in draft.materials.iter().enumerate() {
        for (part, label) in [("title", "title"), ("url", "web address")] {
            list.push(blame(
                material_field(index, part),
                material_input_id(index, part),
                format!("Material {}, {label}", index + 1),
            ));
        }
    }
    list.push(blame(
        "release_hours_before",
        RELEASE_DAYS_ID,
        "When the agenda goes out",
    ));
    list
}

/// The form's alert: the summary, then each problem as a link to its input.
fn error_summary(errors: &FormErrors, alert_ref: &NodeRef, blames: &[Blame]) -> Html {
    let linked = blames.iter().filter_map(|blame| {
        let message = errors.for_field(&blame.field)?;
        let id = blame.input_id.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            let input = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.get_element_by_id(&id))
                .and_then(|element| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
                });
            if let Some(input) = input {
                // Failing to focus leaves the reader where they were.
                let _ = input.focus();
            }
        });
        Some(html! {
            <li key={blame.field.clone()}>
                <a href={format!("#{}", blame.input_id)} {onclick}>
                    { format!("{}: {message}", blame.label) }
                </a>
            </li>
        })
    });
    let unlinked = errors
        .fields
        .iter()
        .filter(|(field, _)| !blames.iter().any(|blame| &blame.field == *field))
        .map(|(field, messages)| html! { <li key={field.clone()}>{ messages.join(" ") }</li> });
    let items: Vec<Html> = linked.chain(unlinked).collect();
    html! {
        <div class="form-alert" role="alert" tabindex="-1" ref={alert_ref.clone()}>
            if let Some(summary) = &errors.summary {
                <p>{ summary }</p>
            }
            if !items.is_empty() {
                <ul class="form-alert__list">{ for items }</ul>
            }
        </div>
    }
}

#[component]
pub fn EventForm(props: &EventFormProps) -> Html {
    let draft = use_state(|| match &props.event {
        Some(event) => EventDraft::from_event(event),
        None => EventDraft::new(props.me),
    });
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let alert_ref = use_node_ref();
    let has_spaces = !props.spaces.is_empty();
    // Mentors as listed, then any ticked before who aren't listed now: kept, so
    // saving doesn't drop them unseen.
    let mentor_ids: Vec<i64> = props
        .mentors
        .iter()
        .map(|mentor| mentor.id)
        .chain(
            draft
                .mentor_ids
                .iter()
                .copied()
                .filter(|id| !props.mentors.iter().any(|mentor| mentor.id == *id)),
        )
        .collect();
    let blames = blames(&draft, has_spaces, !mentor_ids.is_empty());
    use_focus_on_field_errors(
        &errors,
        blames
            .iter()
            .map(|blame| (blame.field.clone(), blame.input_id.clone()))
            .collect(),
        alert_ref.clone(),
    );
    let status = props.event.as_ref().map(|event| event.status);

    let on_text = |text: Text| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            if text == Text::ReleaseDays {
                next.saved_release_hours = None;
            }
            *text_of(&mut next, text) = value;
            draft.set(next);
        })
    };
    let on_space = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            next.space_id = event_value(&event).parse().ok();
            draft.set(next);
        })
    };
    let on_lounge_use = {
        let draft = draft.clone();
        Callback::from(move |index: usize| {
            let mut next = (*draft).clone();
            next.lounge_use = LOUNGE_USES
                .get(index)
                .map_or(next.lounge_use, |(use_, _)| *use_);
            draft.set(next);
        })
    };
    let on_contact = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            next.contact_staff_id = event_value(&event).parse().ok();
            draft.set(next);
        })
    };
    let on_switch = |which: fn(&mut EventDraft) -> &mut bool| {
        let draft = draft.clone();
        Callback::from(move |on: bool| {
            let mut next = (*draft).clone();
            *which(&mut next) = on;
            draft.set(next);
        })
    };
    let on_mentor = {
        let (draft, mentor_ids) = (draft.clone(), mentor_ids.clone());
        Callback::from(move |index: usize| {
            if let Some(id) = mentor_ids.get(index) {
                let mut next = (*draft).clone();
                next.mentor_ids = toggle_in(&draft.mentor_ids, id, &mentor_ids);
                draft.set(next);
            }
        })
    };
    let on_agenda = {
        let (draft, errors) = (draft.clone(), errors.clone());
        Callback::from(move |(rows, moved): (Vec<AgendaRow>, bool)| {
            if moved {
                // Other items are now where the last check's messages point.
                errors.set(FormErrors::default());
            }
            let mut next = (*draft).clone();
            next.agenda = rows;
            draft.set(next);
        })
    };
    let on_materials = {
        let (draft, errors) = (draft.clone(), errors.clone());
        Callback::from(move |(rows, moved): (Vec<MaterialRow>, bool)| {
            if moved {
                errors.set(FormErrors::default());
            }
            let mut next = (*draft).clone();
            next.materials = rows;
            draft.set(next);
        })
    };

    let onsubmit = {
        let (draft, errors, submitting) = (draft.clone(), errors.clone(), submitting.clone());
        let event_id = props.event.as_ref().map(|event| event.id);
        let (zone, on_saved) = (props.zone.clone(), props.on_saved.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let input = match check_event(&draft, |local| {
                zone.as_deref()
                    .and_then(|zone| zone_offset(zone, local))
                    .or_else(|| device_offset(local))
            }) {
                Ok(input) => input,
                Err(fields) => {
                    errors.set(FormErrors::from_fields(fields));
                    return;
                }
            };
            errors.set(FormErrors::default());
            submitting.set(true);
            let (errors, submitting, on_saved) =
                (errors.clone(), submitting.clone(), on_saved.clone());
            spawn_local(async move {
                let result = match event_id {
                    Some(id) => staff_events::update_event(id, &input).await,
                    None => staff_events::create_event(&input).await,
                };
                submitting.set(false);
                match result {
                    Ok(event) => on_saved.emit(event),
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let text = |which: Text,
                id: &str,
                label: &str,
                control: Control,
                hint: Option<&str>,
                field_name: &str| {
        // As the space form does: the draft is small, and this keeps one list of inputs.
        let mut current = (*draft).clone();
        let value = std::mem::take(text_of(&mut current, which));
        field(Field {
            hint,
            error: errors.for_field(field_name),
            value: Some(value),
            on_input: Some(on_text(which)),
            ..Field::new(id, label, control)
        })
    };

    let space_select = has_spaces.then(|| {
        let error = errors.for_field("space_id");
        let option = |space: &Space| {
            html! {
                <option key={space.id} value={space.id.to_string()} selected={draft.space_id == Some(space.id)}>
                    { &space.name }
                </option>
            }
        };
        html! {
            <div class="field">
                <label for={SPACE_ID}>{ "Lounge space" }</label>
                <select
                    id={SPACE_ID}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.as_ref().map(|_| "event-space-error")}
                    onchange={on_space}
                >
                    <option value="" selected={draft.space_id.is_none()}>{ "None: somewhere else" }</option>
                    { for props.spaces.iter().map(option) }
                </select>
                if let Some(error) = &error {
                    <p id="event-space-error" class="field-error">{ error }</p>
                }
            </div>
        }
    });
    let lounge_use = (has_spaces && draft.space_id.is_some()).then(|| {
        choices(Choices {
            id_prefix: LOUNGE_USE_PREFIX,
            legend: "Drop-ins while it's on",
            hint: Some(
                "If you close the space, drop-in bookings for that time are cancelled when \
                 the event is published, and the young people who made them are told.",
            ),
            kind: ChoiceKind::Radio,
            options: LOUNGE_USES
                .iter()
                .map(|(use_, label)| ((*label).to_owned(), draft.lounge_use == *use_))
                .collect(),
            on_pick: on_lounge_use,
            error: errors.for_field("lounge_use"),
            inline: false,
        })
    });
    let place = (draft.space_id.is_none() || !has_spaces).then(|| {
        text(
            Text::Place,
            PLACE_ID,
            if has_spaces {
                "Place outside the lounge"
            } else {
                "Place"
            },
            Control::Text,
            Some("Like \u{201c}Town library, room 2\u{201d}: somewhere young people can find."),
            "place",
        )
    });

    let contact_error = errors.for_field("contact_staff_id");
    let contact_option = |contact: &EventContact| {
        html! {
            <option key={contact.staff_id} value={contact.staff_id.to_string()}
                selected={draft.contact_staff_id == Some(contact.staff_id)}>
                { &contact.display_name }
            </option>
        }
    };
    let contact_described_by = match contact_error {
        Some(_) => "event-contact-hint event-contact-error",
        None => "event-contact-hint",
    };

    let mentor_choices = if mentor_ids.is_empty() {
        html! { <p>{ "No peer mentors are listed yet, so there is nobody to add here." }</p> }
    } else {
        choices(Choices {
            id_prefix: MENTOR_PREFIX,
            legend: "Peer mentors co-facilitating",
            hint: Some(
                "A peer mentor who creates an event leads it. Tick the mentors running it with them.",
            ),
            kind: ChoiceKind::Checkbox,
            options: mentor_ids
                .iter()
                .map(|id| {
                    let name = props
                        .mentors
                        .iter()
                        .find(|mentor| mentor.id == *id)
                        .map_or_else(
                            || "A mentor who isn't listed right now".to_owned(),
                            |mentor| mentor.display_name.clone(),
                        );
                    (name, draft.mentor_ids.contains(id))
                })
                .collect(),
            on_pick: on_mentor,
            error: errors.for_field("co_facilitator_mentor_ids"),
            inline: false,
        })
    };
    let young_error = [
        errors.for_field("co_facilitators"),
        errors.for_field("young_co_facilitators"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    let young_error = (!young_error.is_empty()).then(|| young_error.join(" "));

    let number = |(min, max): (u32, u32)| Control::Number { min, max };
    let published = status == Some(EventStatus::Published);
    let submit_label = match (*submitting, published) {
        (true, _) => "Saving…",
        (false, true) => "Save changes",
        (false, false) => "Save draft",
    };

    html! {
        <form class="form event-form" novalidate=true {onsubmit}>
            { error_summary(&errors, &alert_ref, &blames) }
            <fieldset class="fieldset">
                <legend>{ "About the event" }</legend>
                { text(Text::Title, TITLE_ID, "Title", Control::Text,
                    Some("Short and clear, like \u{201c}Game night\u{201d} or \u{201c}Meet the director\u{201d}."), "title") }
                { text(Text::Summary, SUMMARY_ID, "Summary (optional)", Control::Text,
                    Some("One sentence for the events list."), "summary") }
                { text(Text::Description, DESCRIPTION_ID, "Description (optional)", Control::TextArea,
                    Some("What will happen, what to bring, anything that helps someone decide to come."), "description") }
                { text(Text::Audience, AUDIENCE_ID, "Who it's for (optional)", Control::Text,
                    Some("Like \u{201c}Ages 16\u{2013}21\u{201d}. Leave it empty if everyone is welcome."), "audience") }
            </fieldset>
            <fieldset class="fieldset" aria-describedby="event-when-hint">
                <legend>{ "When" }</legend>
                <p id="event-when-hint" class="field-hint">{ "On the lounge's clock." }</p>
                { text(Text::Start, START_ID, "Starts", Control::DateTime, None, "start") }
                { text(Text::End, END_ID, "Ends", Control::DateTime, None, "end") }
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Where" }</legend>
                { space_select }
                { lounge_use }
                { place }
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Seats" }</legend>
                { text(Text::Capacity, CAPACITY_ID, "Number of seats (optional)", number(CAPACITY),
                    Some("How many people can come. Leave it empty for no limit."), "capacity") }
                { switch(Switch {
                    id: WAITLIST_ID,
                    label: "Keep a waitlist when it's full",
                    hint: "When someone gives up their seat, the first person waiting gets it and \
                           is told at once. Only for events with a seat limit.",
                    on: draft.waitlist,
                    on_toggle: on_switch(|draft| &mut draft.waitlist),
                    error: errors.for_field("waitlist"),
                }) }
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Who runs it" }</legend>
                <div class="field">
                    <label for={CONTACT_ID}>{ "Contact person" }</label>
                    <p id="event-contact-hint" class="field-hint">
                        { "Young people can ask this person questions before the event, through \
                           the agency. They see the display name only." }
                    </p>
                    <select
                        id={CONTACT_ID}
                        aria-invalid={contact_error.is_some().then_some("true")}
                        aria-describedby={contact_described_by}
                        onchange={on_contact}
                    >
                        if draft.contact_staff_id.is_none() {
                            <option value="" selected=true>{ "You" }</option>
                        }
                        { for props.contacts.iter().map(contact_option) }
                    </select>
                    if let Some(error) = &contact_error {
                        <p id="event-contact-error" class="field-error">{ error }</p>
                    }
                </div>
                { mentor_choices }
                { field(Field {
                    hint: Some("First names or nicknames, separated by commas. Check with them \
                                first: these names are shown on the public event page."),
                    error: young_error,
                    value: Some(draft.young_co_facilitators.clone()),
                    on_input: Some(on_text(Text::Young)),
                    ..Field::new(YOUNG_ID, "Young people co-facilitating (optional)", Control::Text)
                }) }
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Agenda" }</legend>
                if let Some(error) = errors.for_field("agenda") {
                    <p class="field-error">{ error }</p>
                }
                <AgendaEditor
                    rows={draft.agenda.clone()}
                    errors={(*errors).clone()}
                    on_change={on_agenda}
                />
            </fieldset>
            <fieldset class="fieldset" aria-describedby="event-materials-hint">
                <legend>{ "Materials" }</legend>
                <p id="event-materials-hint" class="field-hint">
                    { "Links to read or bring, like a reading list or a form to fill in." }
                </p>
                if let Some(error) = errors.for_field("materials") {
                    <p class="field-error">{ error }</p>
                }
                <MaterialsEditor
                    rows={draft.materials.clone()}
                    errors={(*errors).clone()}
                    on_change={on_materials}
                />
            </fieldset>
            <fieldset class="fieldset">
                <legend>{ "Getting ready" }</legend>
                { text(Text::ReleaseDays, RELEASE_DAYS_ID, "Days before the event to send the agenda and materials",
                    number(RELEASE_DAYS),
                    Some("People who signed up with an email get them then, so they can prepare. 3 days is usual."),
                    "release_hours_before") }
                { switch(Switch {
                    id: RELEASE_PUBLICLY_ID,
                    label: "Show the agenda publicly once it's released",
                    hint: "From then, the agenda and materials are also on the public event page.",
                    on: draft.release_publicly,
                    on_toggle: on_switch(|draft| &mut draft.release_publicly),
                    error: errors.for_field("release_publicly"),
                }) }
            </fieldset>
            if published {
                <div class="notice notice--info" id="event-move-warning">
                    <p>
                        { "If you change the time, everyone who signed up is told, with an \
                           updated calendar file." }
                    </p>
                </div>
            }
            <button
                type="submit"
                class="button button--primary"
                disabled={*submitting}
                aria-describedby={published.then_some("event-move-warning")}
            >
                { submit_label }
            </button>
        </form>
    }
}

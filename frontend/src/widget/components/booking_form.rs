//! The booking form, for a lounge spot, a mentor's time or a seat at an event: a name or
//! nickname, an email only if they want one, and for a mentor, anything they'd like the
//! mentor to know. It checks the input by the server's own rules before sending, and
//! reports the outcome to its page, so it can be rendered and tested on its own.

use chrono::{DateTime, FixedOffset};
use shared::{Booking, DisplayName, Email, FieldErrors, NewBooking, NewRegistration};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::pieces::progress;
use crate::api::bookings::{create_booking, new_attempt_key};
use crate::api::events::register;
use crate::api::ApiFailure;
use crate::components::form::{
    error_summary, input_value, text_field, use_focus_on_errors, FormErrors, TextField,
};
use crate::widget::week::SlotSource;

pub const NAME_LABEL: &str = "Your name or nickname";
pub const NAME_HINT: &str =
    "This is how staff will greet you. It doesn't have to be your real name.";
pub const EMAIL_LABEL: &str = "Email (optional)";
pub const EMAIL_HINT: &str =
    "Only if you'd like a confirmation and reminders. We won't use it for anything else.";
pub const DISCREET_LABEL: &str = "Keep my emails discreet";
pub const DISCREET_HINT: &str =
    "They'll just say \"your appointment\", without naming the lounge or us, in case someone else sees your inbox.";

pub const TOPIC_HINT: &str = "Up to 280 characters.";
/// The longest note for a mentor the server takes.
pub const TOPIC_MAX_CHARS: usize = 280;

/// The API's field names and the ids of their inputs, in page order.
const INPUTS: &[(&str, &str)] = &[
    ("name", "booking-name"),
    ("email", "booking-email"),
    ("topic", "booking-topic"),
];

#[derive(Properties, PartialEq)]
pub struct BookingFormProps {
    /// What is booked: a lounge space's time, a mentor's, or a seat at an event.
    pub source: SlotSource,
    /// The mentor's display name, when one was chosen.
    #[prop_or_default]
    pub mentor: Option<AttrValue>,
    pub start: DateTime<FixedOffset>,
    /// An event that is full, whose waitlist this form joins.
    #[prop_or_default]
    pub waitlist: bool,
    /// Booked (or on the waitlist): the answer holds the manage link.
    pub on_booked: Callback<Booking>,
    /// The time can't be had any more (someone took the last spot, or the mentor
    /// can't take it), with the server's words for why.
    pub on_slot_taken: Callback<String>,
}

/// The booking to send, or what to fix first. Same rules as the server, from `shared`.
/// `topic` is only sent for office hours; `start` is not sent for an event, which has
/// one time.
pub fn check_booking(
    source: SlotSource,
    start: DateTime<FixedOffset>,
    name: &str,
    email: &str,
    topic: &str,
    discreet: bool,
) -> Result<NewBooking, FormErrors> {
    let mut fields = FieldErrors::new();
    let name = DisplayName::parse(name)
        .map_err(|problem| fields.insert("name".to_owned(), vec![problem.0]))
        .ok();
    let email = match email.trim() {
        "" => Ok(None),
        email => Email::parse(email).map(Some),
    }
    .map_err(|problem| fields.insert("email".to_owned(), vec![problem.0]))
    .ok();
    let topic = topic.trim();
    if topic.chars().count() > TOPIC_MAX_CHARS {
        fields.insert(
            "topic".to_owned(),
            vec!["Please keep this to 280 characters or fewer.".to_owned()],
        );
    }
    let (Some(name), Some(email), true) = (name, email, fields.is_empty()) else {
        return Err(FormErrors::from_fields(fields));
    };
    let (name, email) = (name.into(), email.map(String::from));
    Ok(match source {
        SlotSource::Space(space_id) => NewBooking::Lounge {
            space_id,
            start,
            name,
            email,
            discreet,
        },
        SlotSource::Mentor(mentor_id) => NewBooking::OfficeHours {
            mentor_id,
            start,
            name,
            email,
            topic: (!topic.is_empty()).then(|| topic.to_owned()),
            discreet,
        },
        SlotSource::Event(event_id) => NewBooking::Event {
            event_id,
            name,
            email,
            discreet,
        },
    })
}

/// Sends `booking` under `attempt_key`: an event's sign-up to its own address, anything
/// else to the bookings.
async fn send(booking: NewBooking, attempt_key: &str) -> Result<Booking, ApiFailure> {
    match booking {
        NewBooking::Event {
            event_id,
            name,
            email,
            discreet,
        } => {
            let registration = NewRegistration {
                name,
                email,
                discreet,
            };
            register(event_id, &registration, attempt_key).await
        }
        booking => create_booking(&booking, attempt_key).await,
    }
}

#[component]
pub fn BookingForm(props: &BookingFormProps) -> Html {
    let name_ref = use_node_ref();
    let email_ref = use_node_ref();
    let topic_ref = use_node_ref();
    let discreet_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let sending = use_state(|| false);
    let errors = use_state(FormErrors::default);
    // The last booking sent and its key: sending the same again (after a dropped
    // connection, say) reuses the key, so the server books it only once.
    let last_attempt = use_mut_ref(|| None::<(NewBooking, String)>);
    use_focus_on_errors(
        &errors,
        vec![
            ("name", name_ref.clone()),
            ("email", email_ref.clone()),
            ("topic", topic_ref.clone()),
        ],
        alert_ref.clone(),
    );

    let onsubmit = {
        let (name_ref, email_ref, topic_ref, discreet_ref) = (
            name_ref.clone(),
            email_ref.clone(),
            topic_ref.clone(),
            discreet_ref.clone(),
        );
        let (sending, errors, last_attempt) =
            (sending.clone(), errors.clone(), last_attempt.clone());
        let (source, start) = (props.source, props.start);
        let (on_booked, on_slot_taken) = (props.on_booked.clone(), props.on_slot_taken.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *sending {
                return;
            }
            let booking = match check_booking(
                source,
                start,
                &input_value(&name_ref),
                &input_value(&email_ref),
                &textarea_value(&topic_ref),
                discreet_ref
                    .cast::<web_sys::HtmlInputElement>()
                    .is_some_and(|input| input.checked()),
            ) {
                Ok(booking) => booking,
                Err(problems) => {
                    errors.set(problems);
                    return;
                }
            };

            let attempt_key = {
                let mut last_attempt = last_attempt.borrow_mut();
                match &*last_attempt {
                    Some((sent, key)) if *sent == booking => key.clone(),
                    _ => {
                        let key = new_attempt_key();
                        *last_attempt = Some((booking.clone(), key.clone()));
                        key
                    }
                }
            };

            errors.set(FormErrors::default());
            sending.set(true);
            let (sending, errors) = (sending.clone(), errors.clone());
            let (on_booked, on_slot_taken) = (on_booked.clone(), on_slot_taken.clone());
            spawn_local(async move {
                let result = send(booking, &attempt_key).await;
                sending.set(false);
                match result {
                    Ok(booking) => on_booked.emit(booking),
                    Err(failure)
                        if matches!(
                            failure.code(),
                            Some("slot_full" | "slot_taken" | "mentor_unavailable" | "event_full")
                        ) =>
                    {
                        on_slot_taken.emit(failure.message().to_owned())
                    }
                    // The server's messages are written for young people.
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let (submit, busy) = match (props.source, props.waitlist) {
        (SlotSource::Event(_), true) => ("Join the waitlist", "Adding you to the waitlist…"),
        (SlotSource::Event(_), false) => ("Sign me up", "Signing you up…"),
        _ => ("Book my spot", "Booking your spot…"),
    };
    html! {
        <form class="form" novalidate=true {onsubmit}>
            { error_summary(&errors, &alert_ref, INPUTS) }
            { text_field(TextField {
                autocomplete: "nickname",
                hint: Some(NAME_HINT),
                input_ref: name_ref,
                error: errors.for_field("name"),
                ..TextField::new("booking-name", "name", NAME_LABEL)
            }) }
            { text_field(TextField {
                input_type: "email",
                autocomplete: "email",
                hint: Some(EMAIL_HINT),
                input_ref: email_ref,
                error: errors.for_field("email"),
                ..TextField::new("booking-email", "email", EMAIL_LABEL)
            }) }
            if let SlotSource::Mentor(_) = props.source {
                { topic_field(props.mentor.as_deref(), topic_ref, errors.for_field("topic")) }
            }
            <div class="field field--check">
                <input
                    id="booking-discreet"
                    name="discreet"
                    type="checkbox"
                    ref={discreet_ref}
                    aria-describedby="booking-discreet-hint"
                />
                <label for="booking-discreet">{ DISCREET_LABEL }</label>
                <p id="booking-discreet-hint" class="field-hint">{ DISCREET_HINT }</p>
            </div>
            // Not disabled while sending, so focus stays on it; a second press is ignored.
            <button
                type="submit"
                class="button button--primary button--wide"
                aria-disabled={sending.then_some("true")}
            >
                { submit }
            </button>
            { progress(busy, *sending) }
        </form>
    }
}

/// "Anything you'd like Sam to know?": a note only the mentor sees.
fn topic_field(mentor: Option<&str>, input_ref: NodeRef, error: Option<String>) -> Html {
    let label = format!(
        "Anything you'd like {} to know? (optional, only they see it)",
        mentor.unwrap_or("your mentor")
    );
    let described_by = if error.is_some() {
        "booking-topic-hint booking-topic-error"
    } else {
        "booking-topic-hint"
    };
    html! {
        <div class="field">
            <label for="booking-topic">{ label }</label>
            <p id="booking-topic-hint" class="field-hint">{ TOPIC_HINT }</p>
            <textarea
                id="booking-topic"
                name="topic"
                rows="3"
                ref={input_ref}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described_by}
            />
            if let Some(error) = error {
                <p id="booking-topic-error" class="field-error">{ error }</p>
            }
        </div>
    }
}

/// The text of a `<textarea>`, or "" if it isn't rendered.
pub fn textarea_value(node: &NodeRef) -> String {
    node.get()
        .and_then(|node| js_sys::Reflect::get(&node, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

//! "Questions before the day?": a question for an event's contact person, passed on by
//! the agency. The contact sees the name and the question, never the email, which is
//! only there so someone can answer. Only the manage page ([`crate::widget::ManageApp`])
//! shows it, so the widget everyone downloads doesn't carry it.

use shared::{DisplayName, Email, FieldErrors, NewEventQuestion};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::booking_form::{textarea_value, EMAIL_LABEL, NAME_LABEL};
use super::pieces::{button, notice, progress, Tone};
use crate::api::events::ask_question;
use crate::components::form::{
    error_summary, input_value, text_field, use_focus_on_errors, FormErrors, TextField,
};

pub const QUESTION_EMAIL_HINT: &str =
    "Only if you'd like an answer before the day. The contact won't see it.";
pub const QUESTION_LABEL: &str = "Your question";
pub const QUESTION_HINT: &str = "Up to 1000 characters.";
/// The longest question the server takes.
pub const QUESTION_MAX_CHARS: usize = 1000;
pub const SENT: &str = "Sent! The event's contact will get your question.";

/// The API's field names and the ids of their inputs, in page order.
const INPUTS: &[(&str, &str)] = &[
    ("name", "question-name"),
    ("email", "question-email"),
    ("message", "question-message"),
];

#[derive(Properties, PartialEq)]
pub struct QuestionFormProps {
    pub event_id: i64,
    /// The name on the booking, filled in to start with.
    pub name: AttrValue,
}

/// The question to send, or what to fix first, by the server's rules.
pub fn check_question(
    name: &str,
    email: &str,
    message: &str,
) -> Result<NewEventQuestion, FormErrors> {
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
    let message = message.trim();
    let message_problem = if message.is_empty() {
        Some("Please write your question.")
    } else if message.chars().count() > QUESTION_MAX_CHARS {
        Some("Please keep it to 1000 characters or fewer.")
    } else {
        None
    };
    if let Some(problem) = message_problem {
        fields.insert("message".to_owned(), vec![problem.to_owned()]);
    }
    let (Some(name), Some(email), true) = (name, email, fields.is_empty()) else {
        return Err(FormErrors::from_fields(fields));
    };
    Ok(NewEventQuestion {
        name: name.into(),
        email: email.map(String::from),
        message: message.to_owned(),
    })
}

#[component]
pub fn QuestionForm(props: &QuestionFormProps) -> Html {
    let name_ref = use_node_ref();
    let email_ref = use_node_ref();
    let message_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let sent_ref = use_node_ref();
    let sending = use_state(|| false);
    let sent = use_state(|| false);
    let errors = use_state(FormErrors::default);
    use_focus_on_errors(
        &errors,
        vec![
            ("name", name_ref.clone()),
            ("email", email_ref.clone()),
            ("message", message_ref.clone()),
        ],
        alert_ref.clone(),
    );
    // The booking's name to start with, each time the form is shown.
    use_effect_with((*sent, props.name.clone()), {
        let name_ref = name_ref.clone();
        move |(sent, name)| {
            if !*sent {
                if let Some(input) = name_ref.cast::<HtmlInputElement>() {
                    input.set_value(name);
                }
            }
        }
    });
    // Once sent, focus moves to the news, which announces it.
    use_effect_with(*sent, {
        let sent_ref = sent_ref.clone();
        move |sent| {
            if let Some(news) = sent_ref.cast::<HtmlElement>().filter(|_| *sent) {
                // Failing to focus only costs the announcement.
                let _ = news.focus();
            }
        }
    });

    if *sent {
        let ask_again = {
            let sent = sent.clone();
            Callback::from(move |_: MouseEvent| sent.set(false))
        };
        return html! {
            <>
                { notice(Tone::Success, SENT, Some(&sent_ref)) }
                <div class="actions">{ button("Ask another question", ask_again) }</div>
            </>
        };
    }

    let onsubmit = {
        let (name_ref, email_ref, message_ref) =
            (name_ref.clone(), email_ref.clone(), message_ref.clone());
        let (sending, sent, errors) = (sending.clone(), sent.clone(), errors.clone());
        let event_id = props.event_id;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *sending {
                return;
            }
            let question = match check_question(
                &input_value(&name_ref),
                &input_value(&email_ref),
                &textarea_value(&message_ref),
            ) {
                Ok(question) => question,
                Err(problems) => {
                    errors.set(problems);
                    return;
                }
            };
            errors.set(FormErrors::default());
            sending.set(true);
            let (sending, sent, errors) = (sending.clone(), sent.clone(), errors.clone());
            spawn_local(async move {
                let result = ask_question(event_id, &question).await;
                sending.set(false);
                match result {
                    Ok(()) => sent.set(true),
                    Err(failure) if failure.status() == Some(404) => {
                        errors.set(FormErrors::summary(
                            "We can't find this event any more, so questions can't be sent.",
                        ))
                    }
                    // The server's messages are written for young people.
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };

    let message_error = errors.for_field("message");
    let described_by = if message_error.is_some() {
        "question-message-hint question-message-error"
    } else {
        "question-message-hint"
    };
    html! {
        <form class="form" novalidate=true {onsubmit}>
            { error_summary(&errors, &alert_ref, INPUTS) }
            { text_field(TextField {
                autocomplete: "nickname",
                input_ref: name_ref,
                error: errors.for_field("name"),
                ..TextField::new("question-name", "name", NAME_LABEL)
            }) }
            { text_field(TextField {
                input_type: "email",
                autocomplete: "email",
                hint: Some(QUESTION_EMAIL_HINT),
                input_ref: email_ref,
                error: errors.for_field("email"),
                ..TextField::new("question-email", "email", EMAIL_LABEL)
            }) }
            <div class="field">
                <label for="question-message">{ QUESTION_LABEL }</label>
                <p id="question-message-hint" class="field-hint">{ QUESTION_HINT }</p>
                <textarea
                    id="question-message"
                    name="message"
                    rows="4"
                    ref={message_ref}
                    aria-invalid={message_error.is_some().then_some("true")}
                    aria-describedby={described_by}
                />
                if let Some(error) = message_error {
                    <p id="question-message-error" class="field-error">{ error }</p>
                }
            </div>
            // Not disabled while sending, so focus stays on it; a second press is ignored.
            <button
                type="submit"
                class="button button--primary"
                aria-disabled={sending.then_some("true")}
            >
                { "Send my question" }
            </button>
            { progress("Sending your question…", *sending) }
        </form>
    }
}

//! The questions people asked about an event, newest first, for its organisers: who
//! asked, when, and what; with a way to answer by email when they left one. Never the
//! asker's email itself.

use shared::{EventQuestion, EventQuestionReply};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::field::{field, field_value, use_focus_on_field_errors, Control, Field};
use crate::api::staff_events;
use crate::components::form::{form_alert, FormErrors};
use crate::components::{error_notice, loading};
use crate::format;
use crate::hooks::{use_fetch_with, use_focus_on_change, FetchState};

/// The server's limit on an answer, in characters.
pub const ANSWER_MAX: usize = 1000;

/// What to fix in an answer before sending it, if anything.
pub fn answer_problem(answer: &str) -> Option<String> {
    let length = answer.trim().chars().count();
    if length == 0 {
        Some("Write your answer first.".to_owned())
    } else if length > ANSWER_MAX {
        Some(format!(
            "Keep your answer to {ANSWER_MAX} characters or fewer. It has {length}."
        ))
    } else {
        None
    }
}

#[derive(Properties, PartialEq)]
pub struct EventQuestionsProps {
    pub event_id: i64,
}

#[component]
pub fn EventQuestions(props: &EventQuestionsProps) -> Html {
    let fetched = use_fetch_with(props.event_id, |id| staff_events::event_questions(*id));
    match &*fetched {
        FetchState::Loading => loading("Loading the questions…"),
        // Not one of this event's organisers: nothing to retry.
        FetchState::Failed(failure) if failure.status() == Some(403) => html! {
            <p>{ "Only the event's organisers can see its questions." }</p>
        },
        FetchState::Failed(failure) => error_notice(failure, Some(&fetched.retry)),
        FetchState::Loaded(questions) if questions.is_empty() => html! {
            <p>{ "No questions yet." }</p>
        },
        FetchState::Loaded(questions) => html! {
            <ul class="event-questions">
                { for questions.iter().map(|question| html! {
                    <QuestionItem
                        key={question.id}
                        event_id={props.event_id}
                        question={question.clone()}
                    />
                }) }
            </ul>
        },
    }
}

#[derive(Properties, PartialEq)]
struct QuestionItemProps {
    event_id: i64,
    question: EventQuestion,
}

#[component]
fn QuestionItem(props: &QuestionItemProps) -> Html {
    let question = &props.question;
    let answer_id = format!("question-{}-answer", question.id);
    let answer_ref = use_node_ref();
    let alert_ref = use_node_ref();
    let status_ref = use_node_ref();
    let busy = use_state(|| false);
    let errors = use_state(FormErrors::default);
    // Answered here, since the page loaded: said in the status region and focused, as
    // the form the keyboard was in goes away.
    let sent = use_state(|| false);
    // The server found no email to answer to after all.
    let no_address = use_state(|| false);
    use_focus_on_field_errors(
        &errors,
        vec![("message".to_owned(), answer_id.clone())],
        alert_ref.clone(),
    );
    use_focus_on_change(*sent, status_ref.clone());

    let onsubmit = {
        let (answer_ref, busy, errors, sent, no_address) = (
            answer_ref.clone(),
            busy.clone(),
            errors.clone(),
            sent.clone(),
            no_address.clone(),
        );
        let (event_id, question_id) = (props.event_id, question.id);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let message = field_value(&answer_ref).trim().to_owned();
            if let Some(problem) = answer_problem(&message) {
                let mut problems = FormErrors::default();
                problems.add("message", problem);
                errors.set(FormErrors::from_fields(problems.fields));
                return;
            }
            errors.set(FormErrors::default());
            busy.set(true);
            let (busy, errors, sent, no_address) = (
                busy.clone(),
                errors.clone(),
                sent.clone(),
                no_address.clone(),
            );
            spawn_local(async move {
                let reply = EventQuestionReply { message };
                let result = staff_events::reply_to_question(event_id, question_id, &reply).await;
                busy.set(false);
                match result {
                    Ok(_) => sent.set(true),
                    Err(failure) => {
                        if failure.code() == Some("no_address") {
                            no_address.set(true);
                        }
                        errors.set(failure.into());
                    }
                }
            });
        })
    };

    let answered = question.answered || *sent;
    let can_reply = question.can_reply && !*no_address;
    let answer_label = format!("Your answer to {}", question.name);
    html! {
        <li class="event-question">
            <h3>{ &question.name }</h3>
            <p class="field-hint">
                { "Asked " }
                <time datetime={format::iso_datetime(&question.asked_at)}>
                    { format::date_time(&question.asked_at) }
                </time>
            </p>
            <p class="event-question__message break-anywhere">{ &question.message }</p>
            <p class="event-question__status" role="status" tabindex="-1" ref={status_ref}>
                if *sent {
                    { "Answer sent" }
                } else if answered {
                    { "Answered" }
                }
            </p>
            if !answered {
                if can_reply {
                    <form class="form" novalidate=true
                        aria-label={format!("Answer {}", question.name)} {onsubmit}>
                        { form_alert(&errors, &alert_ref) }
                        { field(Field {
                            hint: Some("It goes to them by email, up to 1000 characters."),
                            error: errors.for_field("message"),
                            input_ref: answer_ref,
                            ..Field::new(answer_id, &answer_label, Control::TextArea)
                        }) }
                        <button type="submit" class="button" disabled={*busy}>
                            { if *busy { "Sending…" } else { "Send answer" } }
                        </button>
                    </form>
                } else {
                    { form_alert(&errors, &alert_ref) }
                    <p>{ "They didn't leave an email: answer at the event or in person." }</p>
                }
            }
        </li>
    }
}

//! `/staff/topics` (admins): the agency's lived-experience topics, which mentors tick on
//! their profiles and young people filter mentors by. Add one, or remove one after
//! confirming.

use shared::{FieldErrors, NewTopic, Topic};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::mentoring::{add_topic, remove_topic};
use crate::api::topics::list_topics;
use crate::api::ApiFailure;
use crate::components::form::{form_alert, FormErrors};
use crate::components::{error_notice, fetch_view};
use crate::console::components::field::{field, use_focus_on_field_errors, Control, Field};
use crate::hooks::{use_document_title, use_fetch, use_focus_on_change};

#[component]
pub fn TopicsPage() -> Html {
    use_document_title("Topics");
    let topics = use_fetch(list_topics);
    // Counts changes, so each one is announced, even the same twice.
    let change = use_state(|| (0_u32, String::new()));
    let notice_ref = use_node_ref();
    use_focus_on_change(change.0, notice_ref.clone());
    let report = {
        let (change, refresh) = (change.clone(), topics.refresh.clone());
        Callback::from(move |done: String| {
            change.set((change.0 + 1, done));
            refresh.emit(());
        })
    };

    html! {
        <>
            <h1>{ "Topics" }</h1>
            <p>
                { "Lived-experience topics mentors can tick on their profile, such as being in \
                   care or moving schools. Young people can look for a mentor by these." }
            </p>
            if !change.1.is_empty() {
                <div class="notice notice--success" role="status" tabindex="-1" ref={notice_ref}>
                    <p>{ change.1.clone() }</p>
                </div>
            }
            <section aria-labelledby="topics-heading">
                <h2 id="topics-heading">{ "The list" }</h2>
                { fetch_view(&topics, "Loading topics…", |topics| {
                    if topics.is_empty() {
                        html! { <p>{ "No topics yet. Add the first one below." }</p> }
                    } else {
                        html! {
                            <ul class="cards topics">
                                { for topics.iter().map(|topic| html! {
                                    <TopicCard key={topic.id} topic={topic.clone()} on_removed={report.clone()} />
                                }) }
                            </ul>
                        }
                    }
                }) }
            </section>
            <section aria-labelledby="add-topic-heading">
                <h2 id="add-topic-heading">{ "Add a topic" }</h2>
                <TopicForm on_added={report} />
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct TopicFormProps {
    /// Called with what happened, in words.
    on_added: Callback<String>,
}

#[component]
fn TopicForm(props: &TopicFormProps) -> Html {
    let name = use_state(String::new);
    let errors = use_state(FormErrors::default);
    let submitting = use_state(|| false);
    let alert_ref = use_node_ref();
    use_focus_on_field_errors(
        &errors,
        vec![("name".to_owned(), "topic-name".to_owned())],
        alert_ref.clone(),
    );
    let onsubmit = {
        let (name, errors, submitting) = (name.clone(), errors.clone(), submitting.clone());
        let on_added = props.on_added.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *submitting {
                return;
            }
            let topic = name.trim().to_owned();
            if topic.is_empty() || topic.chars().count() > 80 {
                errors.set(FormErrors::from_fields(FieldErrors::from([(
                    "name".to_owned(),
                    vec!["Enter a topic of 1 to 80 characters.".to_owned()],
                )])));
                return;
            }
            errors.set(FormErrors::default());
            submitting.set(true);
            let (name, errors, submitting, on_added) = (
                name.clone(),
                errors.clone(),
                submitting.clone(),
                on_added.clone(),
            );
            spawn_local(async move {
                let result = add_topic(&NewTopic { name: topic }).await;
                submitting.set(false);
                match result {
                    Ok(topic) => {
                        name.set(String::new());
                        on_added.emit(format!("Added \u{201c}{}\u{201d}.", topic.name));
                    }
                    Err(failure) if failure.code() == Some("topic_exists") => {
                        let mut problems = FormErrors::from(failure);
                        problems.add("name", "That topic is already on the list.");
                        errors.set(problems);
                    }
                    Err(failure) => errors.set(failure.into()),
                }
            });
        })
    };
    let on_input = {
        let name = name.clone();
        Callback::from(move |text: String| name.set(text))
    };
    html! {
        <form class="form" novalidate=true {onsubmit}>
            { form_alert(&errors, &alert_ref) }
            { field(Field {
                hint: Some("A few words young people would use, like \u{201c}Being in care\u{201d}."),
                error: errors.for_field("name"),
                value: Some((*name).clone()),
                on_input: Some(on_input),
                ..Field::new("topic-name", "Topic", Control::Text)
            }) }
            <button type="submit" class="button button--primary" disabled={*submitting}>
                { if *submitting { "Adding…" } else { "Add topic" } }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct TopicCardProps {
    topic: Topic,
    on_removed: Callback<String>,
}

/// One topic, with a way to remove it, confirmed first.
#[component]
fn TopicCard(props: &TopicCardProps) -> Html {
    let topic = &props.topic;
    let confirming = use_state(|| false);
    let removing = use_state(|| false);
    let failure = use_state(|| None::<ApiFailure>);
    let question_ref = use_node_ref();
    let remove_ref = use_node_ref();
    let focus_target = if *confirming {
        question_ref.clone()
    } else {
        remove_ref.clone()
    };
    use_focus_on_change(*confirming, focus_target);

    let ask = |value: bool| {
        let (confirming, failure) = (confirming.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            confirming.set(value);
        })
    };
    let remove = {
        let (removing, failure) = (removing.clone(), failure.clone());
        let (id, name, on_removed) = (topic.id, topic.name.clone(), props.on_removed.clone());
        Callback::from(move |_: MouseEvent| {
            if *removing {
                return;
            }
            removing.set(true);
            failure.set(None);
            let (removing, failure, on_removed) =
                (removing.clone(), failure.clone(), on_removed.clone());
            let name = name.clone();
            spawn_local(async move {
                let result = remove_topic(id).await;
                removing.set(false);
                match result {
                    Ok(()) => on_removed.emit(format!("Removed \u{201c}{name}\u{201d}.")),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    html! {
        <li class="card topic">
            <h3>{ &topic.name }</h3>
            if let Some(failure) = &*failure {
                { error_notice(failure, None) }
            }
            if *confirming {
                <div class="confirm">
                    <p tabindex="-1" ref={question_ref}>
                        <strong>
                            { format!("Remove \u{201c}{}\u{201d}? Mentors can't choose it any \
                                       more, and young people can't look for mentors by it.",
                                      topic.name) }
                        </strong>
                    </p>
                    <div class="actions">
                        <button type="button" class="button button--primary" disabled={*removing} onclick={remove}>
                            { if *removing { "Removing…" } else { "Yes, remove it" } }
                        </button>
                        <button type="button" class="button" onclick={ask(false)}>{ "Keep it" }</button>
                    </div>
                </div>
            } else {
                <div class="actions">
                    <button type="button" class="button button--danger" ref={remove_ref} onclick={ask(true)}>
                        { "Remove" }<span class="visually-hidden">{ format!(" the topic {}", topic.name) }</span>
                    </button>
                </div>
            }
        </li>
    }
}

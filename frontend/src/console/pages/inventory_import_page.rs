//! `/staff/inventory/import` (facilities staff, admins): many items from a CSV file,
//! picked (and read here in the browser) or pasted. "Check file" shows every row with
//! its problems and saves nothing; importing saves every row, or none if any has a
//! problem.

use js_sys::{Function, Promise, Reflect};
use shared::{ImportPreview, ImportRow, ItemImport};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::api::{inventory, ApiFailure};
use crate::components::error_notice;
use crate::console::components::field::event_value;
use crate::console::components::photo_form::picked_file;
use crate::console::inventory::{can_import, import_problems, rows_with_problems};
use crate::console::words::count_of;
use crate::console::{ConsoleLink, ConsoleRoute};
use crate::hooks::{use_document_title, use_focus_on_change};

/// The server's limit on a file.
const MAX_CSV_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

/// Where the page stands after the last request.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Nothing,
    /// Checked: every row and its problems, for the text that was checked.
    Checked {
        csv: String,
        preview: ImportPreview,
    },
    /// Saving was refused: problems by line, and with the file as a whole.
    Refused {
        lines: Vec<(u64, Vec<String>)>,
        file: Vec<String>,
        message: String,
    },
    Saved(u64),
    Failed(ApiFailure),
}

/// A picked file's text, read by the browser (`File.text()`).
async fn read_text(file: &JsValue) -> Option<String> {
    let text: Function = Reflect::get(file, &JsValue::from_str("text"))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = text.call0(file).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_string()
}

#[component]
pub fn InventoryImportPage() -> Html {
    use_document_title("Import items");
    let csv = use_state(String::new);
    let outcome = use_state(|| Outcome::Nothing);
    let busy = use_state(|| false);
    let file_problem = use_state(|| None::<String>);
    // Counted, so a second check that says the same is announced again.
    let answers = use_state(|| 0_u32);
    let result_ref = use_node_ref();
    use_focus_on_change(*answers, result_ref.clone());

    let on_file = {
        let (csv, outcome, file_problem) = (csv.clone(), outcome.clone(), file_problem.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event.target() else { return };
            let Some((file, size, _)) = picked_file(&input.into()) else {
                return;
            };
            if size > MAX_CSV_BYTES {
                file_problem.set(Some(
                    "That file is bigger than 2 MB. Split it into smaller files.".to_owned(),
                ));
                return;
            }
            let (csv, outcome, file_problem) = (csv.clone(), outcome.clone(), file_problem.clone());
            spawn_local(async move {
                match read_text(&file).await {
                    Some(text) => {
                        file_problem.set(None);
                        outcome.set(Outcome::Nothing);
                        csv.set(text);
                    }
                    None => file_problem.set(Some(
                        "That file couldn't be read. Save it as CSV (comma-separated) and try again."
                            .to_owned(),
                    )),
                }
            });
        })
    };
    let on_paste = {
        let csv = csv.clone();
        Callback::from(move |event: InputEvent| csv.set(event_value(&event)))
    };

    let send = {
        let (csv, outcome, busy, answers) =
            (csv.clone(), outcome.clone(), busy.clone(), answers.clone());
        move |save: bool| {
            let (csv, outcome, busy, answers) =
                (csv.clone(), outcome.clone(), busy.clone(), answers.clone());
            Callback::from(move |_: MouseEvent| {
                if *busy {
                    return;
                }
                if csv.trim().is_empty() {
                    outcome.set(Outcome::Refused {
                        lines: Vec::new(),
                        file: Vec::new(),
                        message: "Choose a CSV file or paste its text first.".to_owned(),
                    });
                    answers.set(*answers + 1);
                    return;
                }
                busy.set(true);
                let import = ItemImport {
                    csv: (*csv).clone(),
                    save,
                };
                let (outcome, busy, answers) = (outcome.clone(), busy.clone(), answers.clone());
                spawn_local(async move {
                    let result = inventory::import_items(&import).await;
                    busy.set(false);
                    outcome.set(match result {
                        Ok(preview) if save => Outcome::Saved(preview.saved),
                        Ok(preview) => Outcome::Checked {
                            csv: import.csv,
                            preview,
                        },
                        Err(failure) => match failure.field_errors() {
                            Some(fields) if failure.status() == Some(422) => {
                                let (lines, file) = import_problems(fields);
                                Outcome::Refused {
                                    lines,
                                    file,
                                    message: failure.message().to_owned(),
                                }
                            }
                            _ => Outcome::Failed(failure),
                        },
                    });
                    answers.set(*answers + 1);
                });
            })
        }
    };

    // Importing is offered only for the very text that was checked and found fine.
    let ready = match &*outcome {
        Outcome::Checked {
            csv: checked,
            preview,
        } if *checked == *csv && can_import(preview) => Some(preview.rows.len()),
        _ => None,
    };

    html! {
        <>
            <nav class="sub-nav" aria-label="Inventory">
                <p class="sub-nav__back">
                    <ConsoleLink to={ConsoleRoute::Inventory}>{ "All items" }</ConsoleLink>
                </p>
            </nav>
            <h1>{ "Import items" }</h1>
            <p>
                { "Add many items at once from a spreadsheet saved as CSV. The first line names \
                   the columns: name, category, quantity, condition, status, received_on and \
                   location (a space's name or a storage place) are needed; unit, \
                   estimated_value, notes and low_stock_threshold can be added. Up to 5,000 \
                   rows and 2 MB." }
            </p>
            <form class="form import-form" novalidate=true onsubmit={Callback::from(|event: SubmitEvent| event.prevent_default())}>
                <div class="field">
                    <label for="import-file">{ "Choose a CSV file" }</label>
                    <p id="import-file-hint" class="field-hint">
                        { "It is read here and shown below, so you can check it before anything is saved." }
                    </p>
                    <input
                        id="import-file"
                        type="file"
                        accept=".csv,text/csv"
                        aria-describedby={if file_problem.is_some() { "import-file-hint import-file-error" } else { "import-file-hint" }}
                        aria-invalid={file_problem.is_some().then_some("true")}
                        onchange={on_file}
                    />
                    if let Some(problem) = &*file_problem {
                        <p id="import-file-error" class="field-error" role="alert">{ problem }</p>
                    }
                </div>
                <div class="field">
                    <label for="import-text">{ "Or paste the CSV text" }</label>
                    <textarea id="import-text" rows="8" class="import-text" value={(*csv).clone()} oninput={on_paste} />
                </div>
                <div class="actions">
                    <button type="button" class="button button--primary" disabled={*busy} onclick={send(false)}>
                        { if *busy { "Working…" } else { "Check file" } }
                    </button>
                    <button type="button" class="button" disabled={*busy || ready.is_none()}
                        aria-describedby="import-ready-hint" onclick={send(true)}>
                        { match ready {
                            Some(count) => format!("Import {}", count_of(count as u64, "item", "items")),
                            None => "Import items".to_owned(),
                        } }
                    </button>
                </div>
                <p id="import-ready-hint" class="field-hint">
                    { if ready.is_some() {
                        "Every row is fine. Importing saves them all."
                    } else {
                        "Importing is possible once the file is checked and has no problems."
                    } }
                </p>
            </form>
            <div class="import-result">
                { outcome_view(&outcome, &result_ref) }
            </div>
        </>
    }
}

/// What the last request came to. Its first words are focused and announced (`summary`).
fn outcome_view(outcome: &Outcome, summary: &NodeRef) -> Html {
    match outcome {
        Outcome::Nothing => Html::default(),
        Outcome::Failed(failure) => html! {
            <div tabindex="-1" ref={summary.clone()}>{ error_notice(failure, None) }</div>
        },
        Outcome::Saved(saved) => html! {
            <div class="notice notice--success" role="status" tabindex="-1" ref={summary.clone()}>
                <p>{ format!("Saved {}.", count_of(*saved, "item", "items")) }</p>
                <p><ConsoleLink to={ConsoleRoute::Inventory}>{ "Go to the inventory" }</ConsoleLink></p>
            </div>
        },
        Outcome::Refused {
            lines,
            file,
            message,
        } => html! {
            <div class="notice notice--error" role="alert" tabindex="-1" ref={summary.clone()}>
                <p>{ message }{ " Nothing was saved." }</p>
                if !file.is_empty() || !lines.is_empty() {
                    <ul>
                        { for file.iter().map(|problem| html! { <li>{ problem }</li> }) }
                        { for lines.iter().map(|(line, problems)| html! {
                            <li key={*line}>{ format!("Line {line}: {}", problems.join(" ")) }</li>
                        }) }
                    </ul>
                }
            </div>
        },
        Outcome::Checked { preview, .. } => preview_view(preview, summary),
    }
}

fn preview_view(preview: &ImportPreview, summary_ref: &NodeRef) -> Html {
    let bad = rows_with_problems(preview);
    let summary = match (preview.rows.len(), bad, preview.problems.is_empty()) {
        (0, _, true) => "The file has no rows to import.".to_owned(),
        (rows, 0, true) => format!(
            "{} checked. No problems: you can import them now.",
            count_of(rows as u64, "row", "rows")
        ),
        (rows, bad, _) => format!(
            "{} checked. {} {} problems; fix them in the file and check it again. Nothing \
             was saved.",
            count_of(rows as u64, "row", "rows"),
            count_of(bad as u64, "row", "rows"),
            if bad == 1 { "has" } else { "have" },
        ),
    };
    html! {
        <>
            <p class={if can_import(preview) { "notice notice--success" } else { "notice notice--error" }}
                role="status" tabindex="-1" ref={summary_ref.clone()}>
                { summary }
            </p>
            if !preview.problems.is_empty() {
                <h2>{ "Problems with the file" }</h2>
                <ul>{ for preview.problems.iter().map(|problem| html! { <li>{ problem }</li> }) }</ul>
            }
            if !preview.rows.is_empty() {
                <div class="table-wrap">
                    <table class="sheet-table stack-table import-table">
                        <caption>{ "Every row of the file" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Line" }</th>
                                <th scope="col">{ "Name" }</th>
                                <th scope="col">{ "Category" }</th>
                                <th scope="col">{ "Quantity" }</th>
                                <th scope="col">{ "Check" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for preview.rows.iter().map(import_row) }</tbody>
                    </table>
                </div>
            }
        </>
    }
}

fn import_row(row: &ImportRow) -> Html {
    let fine = row.problems.is_empty();
    html! {
        <tr key={row.line} class={(!fine).then_some("import-row--problem")}>
            <th scope="row">{ row.line }</th>
            <td data-label="Name">{ &row.name }</td>
            <td data-label="Category">{ &row.category }</td>
            <td data-label="Quantity">{ &row.quantity }</td>
            <td data-label="Check">
                if fine {
                    { "Ready" }
                } else {
                    <strong>{ "Problem: " }</strong>
                    <ul class="import-problems">
                        { for row.problems.iter().map(|problem| html! { <li>{ problem }</li> }) }
                    </ul>
                }
            </td>
        </tr>
    }
}

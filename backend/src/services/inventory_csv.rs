//! The inventory as a CSV file: the export of a filtered list, and an import that checks
//! every row by the same rules as logging an item and saves all rows or none.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use shared::{
    FieldErrors, ImportPreview, ImportRow, ItemCondition, ItemImport, ItemLocation, ItemStatus,
    NewItem, StaffUser,
};

use crate::{
    config::Config,
    db::Db,
    entities::{item_categories, spaces},
    error::{AppError, AppResult},
    services::{
        audit,
        inventory::{self, CheckedItem, ItemFilter},
    },
};

/// An import reads at most this many rows...
pub const MAX_ROWS: usize = 5_000;
/// ... from at most this much text.
pub const MAX_CSV_BYTES: usize = 2 * 1024 * 1024;

const COLUMNS: [&str; 12] = [
    "name",
    "category",
    "quantity",
    "unit",
    "condition",
    "status",
    "location",
    "received_on",
    "estimated_value",
    "donor",
    "notes",
    "low_stock_threshold",
];

const REQUIRED: [&str; 7] = [
    "name",
    "category",
    "quantity",
    "condition",
    "status",
    "received_on",
    "location",
];

/// Rows are read from the database this many at a time.
const EXPORT_BATCH: u64 = 1_000;

/// Every item matching the filter (not one page), in its order, as CSV.
pub async fn export(db: &Db, filter: &ItemFilter) -> AppResult<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS).map_err(anyhow::Error::from)?;
    let mut pages = inventory::select_items(filter, db.backend()).paginate(db.conn(), EXPORT_BATCH);
    while let Some(rows) = pages.fetch_and_next().await? {
        for item in inventory::to_items(db.conn(), rows).await? {
            let record = [
                item.name,
                item.category.name,
                item.quantity.to_string(),
                item.unit,
                item.condition.as_str().to_owned(),
                item.status.as_str().to_owned(),
                item.location_name,
                item.received_on.to_string(),
                item.estimated_value_cents.map(money).unwrap_or_default(),
                item.donation.map(|d| d.donor_name).unwrap_or_default(),
                item.notes,
                item.low_stock_threshold
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ];
            let cells: Vec<_> = record.iter().map(|cell| defused(cell)).collect();
            writer
                .write_record(cells.iter().map(|cell| cell.as_bytes()))
                .map_err(anyhow::Error::from)?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes).map_err(anyhow::Error::from)?)
}

/// Cents as a decimal amount: 1250 → "12.50".
fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return first) gets a leading `'`, so it is shown as text.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The reverse of `defused`, so an exported file imports as it was.
fn undefused(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Checks a CSV file of items and, when asked to and every row is fine, saves them all in
/// one transaction. With problems and `save`, nothing is saved and each problem comes back
/// under `line N` (or `file`).
pub async fn import(
    db: &Db,
    config: &Config,
    staff: &StaffUser,
    import: ItemImport,
    now: DateTime<Utc>,
) -> AppResult<ImportPreview> {
    if import.csv.len() > MAX_CSV_BYTES {
        return Err(AppError::client(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "Please import at most 2 MB at a time; split the file.",
        ));
    }
    if !import.save {
        let (preview, _) = check_file(db.conn(), config, &import.csv, now).await?;
        return Ok(preview);
    }
    let tx = db.begin_write().await?;
    let (mut preview, checked) = check_file(&tx, config, &import.csv, now).await?;
    let any_problem =
        !preview.problems.is_empty() || preview.rows.iter().any(|row| !row.problems.is_empty());
    if any_problem {
        let mut problems = FieldErrors::new();
        if !preview.problems.is_empty() {
            problems.insert("file".to_owned(), preview.problems);
        }
        for row in preview.rows {
            if !row.problems.is_empty() {
                problems.insert(format!("line {}", row.line), row.problems);
            }
        }
        return Err(AppError::Validation(problems));
    }
    for (checked, received_on) in checked {
        inventory::insert_item(&tx, config, staff, checked, received_on, None, now).await?;
    }
    preview.saved = preview.rows.len() as u64;
    audit::record(
        &tx,
        Some(staff.id),
        "inventory.import",
        None,
        format!("Imported {} items from a CSV file", preview.saved),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(preview)
}

/// What the file says, row by row, and the rows that can be saved.
async fn check_file(
    conn: &impl ConnectionTrait,
    config: &Config,
    csv_text: &str,
    now: DateTime<Utc>,
) -> AppResult<(ImportPreview, Vec<(CheckedItem, NaiveDate)>)> {
    let mut preview = ImportPreview {
        rows: Vec::new(),
        problems: Vec::new(),
        saved: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(csv_text.as_bytes());
    let header = match reader.headers() {
        Ok(header) if header.iter().any(|cell| !cell.is_empty()) => header.clone(),
        Ok(_) => {
            preview
                .problems
                .push("The file is empty: it needs a header row and then one row per item.".into());
            return Ok((preview, Vec::new()));
        }
        Err(error) => {
            preview.problems.push(read_problem(&error));
            return Ok((preview, Vec::new()));
        }
    };
    let columns = match columns(&header) {
        Ok(columns) => columns,
        Err(problems) => {
            preview.problems = problems;
            return Ok((preview, Vec::new()));
        }
    };

    let categories: HashMap<String, i64> = item_categories::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.name.to_lowercase(), c.id))
        .collect();
    let spaces: HashMap<String, i64> = spaces::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.name.to_lowercase(), s.id))
        .collect();
    let lookups = Lookups { categories, spaces };

    let mut saveable = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                preview.problems.push(read_problem(&error));
                break;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        if preview.rows.len() == MAX_ROWS {
            preview.problems.push(format!(
                "Please import at most {MAX_ROWS} rows at a time; split the file."
            ));
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        let cells = Cells {
            record: &record,
            columns: &columns,
        };
        let mut row = ImportRow {
            line,
            name: cells.get("name").to_owned(),
            category: cells.get("category").to_owned(),
            quantity: cells.get("quantity").to_owned(),
            problems: Vec::new(),
        };
        if record.len() != header.len() {
            row.problems.push(format!(
                "This row has {} cells; the header has {}.",
                record.len(),
                header.len()
            ));
        }
        let checked = check_row(conn, config, &lookups, &cells, &mut row.problems, now).await?;
        if let (Some(checked), true) = (checked, row.problems.is_empty()) {
            saveable.push(checked);
        }
        preview.rows.push(row);
    }
    if preview.rows.is_empty() && preview.problems.is_empty() {
        preview
            .problems
            .push("There are no items under the header row.".into());
    }
    Ok((preview, saveable))
}

/// One row's cells by column name.
struct Cells<'r> {
    record: &'r csv::StringRecord,
    columns: &'r HashMap<String, usize>,
}

impl<'r> Cells<'r> {
    /// The cell, trimmed and without the quote an export put before a formula; empty
    /// when the column or the cell is missing.
    fn get(&self, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&index| self.record.get(index))
            .map(undefused)
            .unwrap_or_default()
    }
}

struct Lookups {
    /// By lower-case name.
    categories: HashMap<String, i64>,
    spaces: HashMap<String, i64>,
}

/// Where each column is, by its normalised name; or the header's problems.
fn columns(header: &csv::StringRecord) -> Result<HashMap<String, usize>, Vec<String>> {
    let mut columns = HashMap::new();
    let mut problems = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let name = words(name);
        if columns.insert(name.clone(), index).is_some() {
            problems.push(format!("The column {name} appears twice."));
        }
    }
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|name| !columns.contains_key(*name))
        .collect();
    if !missing.is_empty() {
        problems.push(format!(
            "The header row needs the columns {}; missing: {}.",
            REQUIRED.join(", "),
            missing.join(", ")
        ));
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// "Needs repair", "needs-repair" and "NEEDS_REPAIR" all as `needs_repair`.
fn words(value: &str) -> String {
    value
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

fn read_problem(error: &csv::Error) -> String {
    let line = error.position().map(|p| p.line());
    let what = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "it isn't UTF-8 text",
        _ => "it isn't a CSV file we can read",
    };
    match line {
        Some(line) => format!("Line {line} can't be read: {what}."),
        None => format!("The file can't be read: {what}."),
    }
}

/// Reads one row into a new item and checks it as logging an item would, adding each
/// problem as `column: problem`.
async fn check_row(
    conn: &impl ConnectionTrait,
    config: &Config,
    lookups: &Lookups,
    cells: &Cells<'_>,
    problems: &mut Vec<String>,
    now: DateTime<Utc>,
) -> AppResult<Option<(CheckedItem, NaiveDate)>> {
    let cell = |column: &str| cells.get(column);
    let mut problem = |column: &str, message: &str| {
        let line = format!("{column}: {message}");
        if !problems.contains(&line) {
            problems.push(line);
        }
    };
    let category_id = match cell("category") {
        "" => {
            problem("category", "Please fill this in.");
            None
        }
        name => {
            let found = lookups.categories.get(&name.to_lowercase()).copied();
            if found.is_none() {
                problem("category", &format!("There is no category \"{name}\"."));
            }
            found
        }
    };
    let quantity = match cell("quantity") {
        "" => {
            problem("quantity", "Please fill this in.");
            None
        }
        value => {
            let parsed = value.parse::<i64>().ok();
            if parsed.is_none() {
                problem("quantity", "Give a whole number, e.g. 3.");
            }
            parsed
        }
    };
    let condition = ItemCondition::parse(&words(cell("condition")));
    if condition.is_none() {
        problem(
            "condition",
            "Use one of: new, good, fair, needs repair, unusable.",
        );
    }
    let status = ItemStatus::parse(&words(cell("status")));
    if status.is_none() {
        problem(
            "status",
            "Use one of: in use, in storage, lent out (disposed items aren't imported).",
        );
    }
    let received_on = match cell("received_on") {
        "" => {
            problem("received_on", "Please give the date it came in.");
            None
        }
        value => {
            let parsed = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
            if parsed.is_none() {
                problem(
                    "received_on",
                    "Write the date as YYYY-MM-DD, e.g. 2026-03-14.",
                );
            }
            parsed
        }
    };
    let estimated_value_cents = match cell("estimated_value") {
        "" => None,
        value => {
            let parsed = cents(value);
            if parsed.is_none() {
                problem("estimated_value", "Write an amount like 12.50.");
            }
            parsed
        }
    };
    let low_stock_threshold = match cell("low_stock_threshold") {
        "" => None,
        value => {
            let parsed = value.parse::<i64>().ok();
            if parsed.is_none() {
                problem("low_stock_threshold", "Give a whole number, e.g. 5.");
            }
            parsed
        }
    };
    let place = cell("location");
    let location = match lookups.spaces.get(&place.to_lowercase()) {
        Some(&space_id) => ItemLocation {
            space_id: Some(space_id),
            storage_place: None,
        },
        None => ItemLocation {
            space_id: None,
            storage_place: Some(place.to_owned()),
        },
    };
    let new = NewItem {
        name: cell("name").to_owned(),
        // A row whose category is unknown is already refused; the checks still run for
        // its other cells.
        category_id: category_id.unwrap_or(0),
        quantity: quantity.unwrap_or(0),
        unit: cell("unit").to_owned(),
        condition: condition.unwrap_or(ItemCondition::Good),
        status: status.unwrap_or(ItemStatus::InStorage),
        location,
        received_on,
        estimated_value_cents,
        notes: cell("notes").to_owned(),
        low_stock_threshold,
        donation_id: None,
    };
    let mut fields = FieldErrors::new();
    let checked = inventory::check_new_item(conn, config, &mut fields, "", new, now).await?;
    for (field, messages) in fields {
        let column = match field.as_str() {
            // Already said, in the row's words.
            "category_id" if category_id.is_none() => continue,
            "category_id" => "category",
            "space_id" | "storage_place" => "location",
            "estimated_value_cents" => "estimated_value",
            other => other,
        };
        for message in messages {
            problem(column, &message);
        }
    }
    Ok(match (checked, received_on) {
        (Some(checked), Some(received_on)) if problems.is_empty() => Some((checked, received_on)),
        _ => None,
    })
}

/// "12.50", "12.5", "12" or "$12.50" as cents.
fn cents(value: &str) -> Option<i64> {
    let value = value.trim_start_matches(['$', '£', '€']).trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_and_write_as_decimals() {
        assert_eq!(money(1250), "12.50");
        assert_eq!(money(5), "0.05");
        assert_eq!(cents("12.50"), Some(1250));
        assert_eq!(cents("12.5"), Some(1250));
        assert_eq!(cents("$3"), Some(300));
        for bad in ["", ".5", "1.234", "-2", "1,50", "ten"] {
            assert_eq!(cents(bad), None, "{bad}");
        }
    }

    #[test]
    fn formula_cells_are_defused_and_read_back() {
        for cell in ["=cmd|'/c calc'!A1", "+1", "-2", "@sum", "\tx", "\rx"] {
            let out = defused(cell);
            assert!(out.starts_with('\''), "{cell}");
            assert_eq!(undefused(&out), cell);
        }
        assert_eq!(defused("Sofa"), "Sofa");
        assert_eq!(undefused("'quoted"), "'quoted");
    }

    #[test]
    fn words_accept_spaces_and_case() {
        assert_eq!(
            ItemCondition::parse(&words("Needs repair")),
            Some(ItemCondition::NeedsRepair)
        );
        assert_eq!(ItemStatus::parse(&words("in-use")), Some(ItemStatus::InUse));
        assert_eq!(ItemCondition::parse(&words("shiny")), None);
    }
}

//! The small checks every form shares, on the server and in the staff console: collecting
//! a problem under its field, and trimmed text within a length.

use crate::FieldErrors;

/// Adds `problem` under `field`.
pub fn add(problems: &mut FieldErrors, field: &str, problem: impl Into<String>) {
    problems
        .entry(field.to_owned())
        .or_default()
        .push(problem.into());
}

/// Trimmed text of at most `max` characters; `required` ones must not be empty.
pub fn text(
    problems: &mut FieldErrors,
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        add(problems, field, "Please fill this in.");
    } else if value.chars().count() > max {
        add(
            problems,
            field,
            format!("Please keep it to {max} characters or fewer."),
        );
    } else if value.chars().any(|c| c.is_control() && c != '\n') {
        add(problems, field, "Please remove the special characters.");
    }
    value.to_owned()
}

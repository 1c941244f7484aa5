//! Email templates, kept as files (`backend/templates/<name>/{subject.txt, body.txt,
//! body.html}`) and compiled into the binary. HTML bodies are auto-escaped.

use std::sync::LazyLock;

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use super::RenderedEmail;

macro_rules! template_files {
    ($($name:literal),* $(,)?) => {
        &[$(
            (concat!($name, "/subject.txt"), include_str!(concat!("../../templates/", $name, "/subject.txt"))),
            (concat!($name, "/body.txt"), include_str!(concat!("../../templates/", $name, "/body.txt"))),
            (concat!($name, "/body.html"), include_str!(concat!("../../templates/", $name, "/body.html"))),
        )*]
    };
}

const FILES: &[(&str, &str)] = template_files!(
    "staff_invite",
    "password_reset",
    "booking_confirmation",
    "booking_cancelled",
    "booking_cancelled_by_you",
    "booking_reminder",
    "dead_letter_alert",
    "mentor_session",
    "support_flag",
    "event_registered",
    "event_changed",
    "event_agenda",
    "event_question",
    "event_answer",
    "low_stock",
    "donation_letter",
    "impact_note",
    "pledge_received",
    "pledge_thanks",
);

/// Templates that are not an email's three parts: the letter's body, which the letter
/// email and the printable letter page both include, and that page.
const PAGE_FILES: &[(&str, &str)] = &[
    (
        "donation_letter/letter.html",
        include_str!("../../templates/donation_letter/letter.html"),
    ),
    (
        "donation_letter/page.html",
        include_str!("../../templates/donation_letter/page.html"),
    ),
];

static ENVIRONMENT: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    for (name, source) in FILES.iter().chain(PAGE_FILES) {
        // Templates ship inside the binary; a broken one fails the tests below.
        if let Err(error) = env.add_template(name, source) {
            tracing::error!(%error, name, "an email template does not parse");
        }
    }
    env
});

/// Renders a page template (see [`PAGE_FILES`]), HTML-escaped.
pub fn render_page(name: &str, context: &impl Serialize) -> anyhow::Result<String> {
    Ok(ENVIRONMENT.get_template(name)?.render(context)?)
}

/// Renders the three parts of the email `name` with `context`.
pub fn render(name: &str, context: &impl Serialize) -> anyhow::Result<RenderedEmail> {
    let part = |file: &str| -> anyhow::Result<String> {
        let template = ENVIRONMENT.get_template(&format!("{name}/{file}"))?;
        Ok(template.render(context)?)
    };
    Ok(RenderedEmail {
        // A subject is one line, whatever the template's trailing newline.
        subject: part("subject.txt")?
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned(),
        text: part("body.txt")?,
        html: part("body.html")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_template_parses_and_renders() {
        let context = json!({
            "agency": "Test Agency",
            "name": "Sam",
            "inviter": "Ana",
            "roles": "peer mentor",
            "link": "https://example.org/staff/set-password#token",
            "expires": "Thursday 26 November, 2:00 pm",
        });
        for name in ["staff_invite", "password_reset"] {
            let email = render(name, &context).unwrap();
            assert!(!email.subject.is_empty(), "{name}");
            assert!(!email.subject.contains('\n'), "{name}");
            assert!(
                email
                    .text
                    .contains("https://example.org/staff/set-password#token"),
                "{name}"
            );
            // minijinja escapes `/` as `&#x2f;`, which HTML reads back as `/`.
            let html = email.html.replace("&#x2f;", "/");
            assert!(
                html.contains("href=\"https://example.org/staff/set-password#token\""),
                "{name}"
            );
        }
    }

    #[test]
    fn booking_templates_render_with_their_details() {
        let context = json!({
            "agency": "Test Agency",
            "name": "Sam",
            "place": "The Lounge",
            "when": "Tuesday 24 November, 4:00 pm",
            "manage_link": "https://example.org/manage#token=abc",
            "house_rules": "Be kind.",
            "reason": "Deep cleaning",
        });
        let confirmation = render("booking_confirmation", &context).unwrap();
        assert_eq!(
            confirmation.subject,
            "You're in! The Lounge, Tuesday 24 November, 4:00 pm"
        );
        assert!(confirmation
            .text
            .contains("https://example.org/manage#token=abc"));
        assert!(confirmation.text.contains("Be kind."));
        let reminder = render("booking_reminder", &context).unwrap();
        assert_eq!(
            reminder.subject,
            "See you soon: The Lounge, Tuesday 24 November, 4:00 pm"
        );
        assert!(reminder
            .text
            .contains("https://example.org/manage#token=abc"));
        assert!(reminder
            .html
            .replace("&#x2f;", "/")
            .contains("href=\"https://example.org/manage#token=abc\""));
        let cancelled = render("booking_cancelled", &context).unwrap();
        assert!(cancelled.text.contains("(Deep cleaning)"));
        assert!(
            !cancelled.text.contains("token"),
            "a cancellation needs no manage link"
        );
    }

    #[test]
    fn discreet_booking_mail_names_neither_the_place_nor_the_agency() {
        let context = json!({
            "agency": "Northside Youth Services",
            "name": "Sam",
            "place": "The Peer Lounge",
            "when": "Tuesday 24 November, 4:00 pm",
            "manage_link": "https://example.org/manage#token=abc",
            "house_rules": "Be kind.",
            "reason": "Deep cleaning",
            "discreet": true,
        });
        for template in [
            "booking_confirmation",
            "booking_reminder",
            "booking_cancelled",
        ] {
            let email = render(template, &context).unwrap();
            for part in [&email.subject, &email.text, &email.html] {
                assert!(
                    part.contains("Tuesday 24 November, 4:00 pm"),
                    "{template}: {part}"
                );
                for revealing in ["Lounge", "Northside", "Youth", "Be kind", "Deep cleaning"] {
                    assert!(
                        !part.contains(revealing),
                        "{template} names {revealing}: {part}"
                    );
                }
            }
            assert!(email.subject.contains("appointment"), "{}", email.subject);
        }
    }

    #[test]
    fn html_is_escaped_and_text_is_not() {
        let context = json!({
            "agency": "A&B <Youth>",
            "name": "<script>alert(1)</script>",
            "inviter": "Ana",
            "roles": "admin",
            "link": "https://example.org/x",
            "expires": "soon",
        });
        let email = render("staff_invite", &context).unwrap();
        assert!(!email.html.contains("<script>"));
        assert!(email.html.contains("&lt;script&gt;"));
        assert!(email.text.contains("A&B <Youth>"));
    }
}

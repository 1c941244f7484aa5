//! Email: templates rendered into messages, a `Mailer` that sends them over SMTP or writes
//! them as `.eml` files, and the durable outbox between the two.

pub mod outbox;
pub mod templates;

use std::{path::Path, time::Duration};

use anyhow::Context;
use lettre::{
    message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart},
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

/// How long one SMTP conversation may take before it counts as a failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// The last step of the pipeline: the same messages, sent or written to files.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    /// SMTP when `smtp_url` is set (lettre's URL form, pooled), `.eml` files in `mail_dir`
    /// otherwise.
    pub fn new(smtp_url: Option<&str>, mail_dir: &Path) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("PEERLOUNGE_SMTP_URL is not a usable SMTP URL")?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => {
                std::fs::create_dir_all(mail_dir).with_context(|| {
                    format!("PEERLOUNGE_DATA_DIR: cannot create {}", mail_dir.display())
                })?;
                Ok(Self::Files(AsyncFileTransport::new(mail_dir)))
            }
        }
    }

    pub async fn send(&self, message: Message) -> anyhow::Result<()> {
        match self {
            Self::Smtp(transport) => {
                transport.send(message).await?;
            }
            Self::Files(transport) => {
                transport.send(message).await?;
            }
        }
        Ok(())
    }
}

/// A rendered email, before it has an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Builds the MIME message: a plain-text and an HTML alternative, the calendar file if
/// there is one, our deterministic Message-ID, no tracking of any kind.
pub fn build_message(
    from: &str,
    to: &str,
    message_id: &str,
    email: &RenderedEmail,
    calendar: Option<&str>,
) -> anyhow::Result<Message> {
    let from: Mailbox = from.parse().context("PEERLOUNGE_MAIL_FROM")?;
    let to: Mailbox = to.parse().context("a recipient address")?;
    let alternatives = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(email.text.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(email.html.clone()),
        );
    let body = match calendar {
        Some(ics) => MultiPart::mixed().multipart(alternatives).singlepart(
            Attachment::new("booking.ics".to_owned()).body(
                ics.to_owned(),
                ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")?,
            ),
        ),
        None => alternatives,
    };
    Ok(Message::builder()
        .from(from)
        .to(to)
        .subject(&email.subject)
        .message_id(Some(message_id.to_owned()))
        .multipart(body)?)
}

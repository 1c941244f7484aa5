//! A real SMTP server in the test process (mailin-embedded) that keeps what it receives.

use std::{
    net::TcpListener,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use mailin_embedded::{response, Handler, Response, Server, SslConfig};

#[derive(Debug, Clone)]
pub struct ReceivedEmail {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl ReceivedEmail {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a parsable MIME message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    /// The HTML part, with the `&#x2f;` escapes of `/` read back as a browser would.
    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.replace("&#x2f;", "/"))
            .unwrap_or_default()
    }

    /// The attached files: (content type, text).
    pub fn attachments(&self) -> Vec<(String, String)> {
        use mail_parser::MimeHeaders;
        let parsed = self.parsed();
        parsed
            .attachments()
            .map(|part| {
                let kind = part
                    .content_type()
                    .map(|t| format!("{}/{}", t.ctype(), t.subtype().unwrap_or_default()))
                    .unwrap_or_default();
                let text = String::from_utf8_lossy(part.contents()).into_owned();
                (kind, text)
            })
            .collect()
    }

    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_owned()
    }

    /// The token in a `#token=` link in the plain-text body.
    pub fn link_token(&self) -> Option<String> {
        let text = self.text();
        let start = text.find("#token=")? + "#token=".len();
        Some(
            text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect(),
        )
    }
}

#[derive(Clone)]
struct Capture {
    to: Vec<String>,
    data: Vec<u8>,
    inbox: Arc<Mutex<Vec<ReceivedEmail>>>,
}

impl Handler for Capture {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let email = ReceivedEmail {
            to: std::mem::take(&mut self.to),
            raw: std::mem::take(&mut self.data),
        };
        self.inbox.lock().expect("the inbox lock").push(email);
        response::OK
    }
}

pub struct SmtpServer {
    port: u16,
    inbox: Arc<Mutex<Vec<ReceivedEmail>>>,
}

impl SmtpServer {
    /// Listens on a free loopback port; the server thread lives as long as the test.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("an address").port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let mut server = Server::new(Capture {
            to: Vec::new(),
            data: Vec::new(),
            inbox: inbox.clone(),
        });
        server
            .with_name("smtp.test")
            .with_ssl(SslConfig::None)
            .expect("plain SMTP")
            .with_num_threads(4)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Self { port, inbox }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<ReceivedEmail> {
        self.inbox.lock().expect("the inbox lock").clone()
    }

    /// Waits until at least `count` emails arrived, and returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedEmail> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            assert!(
                Instant::now() < deadline,
                "expected {count} emails, got {}",
                received.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

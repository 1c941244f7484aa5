//! Talking to the Peer Lounge API: one typed `request` over the browser's `fetch`, and a
//! module per resource. Built on `web-sys` and our own [`json`] rather than an HTTP
//! crate so the download stays small (no `serde_json` in the wasm).

pub mod admin;
pub mod auth;
pub mod bookings;
pub mod donations;
pub mod events;
pub mod health;
pub mod inventory;
pub mod json;
pub mod lounge_admin;
pub mod mentoring;
pub mod mentors;
pub mod spaces;
pub mod staff_events;
pub mod topics;

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::{ApiError, ApiErrorBody, FieldErrors};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit, Response};

/// Why a request did not give us what we asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer at all: offline, the server is down, or the browser blocked the request.
    Network,
    /// The server answered with its error body.
    Api { status: u16, error: ApiError },
    /// An answer we can't read (such as a proxy's HTML error page), or, without a
    /// status, a request the browser would not even let us build.
    Unexpected { status: Option<u16> },
}

impl ApiFailure {
    /// A sentence to show to people. The server's messages are written for people;
    /// our own fallbacks say what to do next.
    pub fn message(&self) -> &str {
        match self {
            Self::Api { error, .. } => &error.message,
            Self::Network => {
                "We can't reach Peer Lounge right now. Check your connection and try again."
            }
            Self::Unexpected { .. } => "Something went wrong on our side. Please try again soon.",
        }
    }

    /// Problems with single fields of a form, when the server pointed them out.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Self::Api { error, .. } => error.fields.as_ref(),
            _ => None,
        }
    }

    /// The server's stable error code (`email_taken`, `last_admin`...), if it sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { error, .. } => Some(&error.code),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Network => None,
            Self::Api { status, .. } => Some(*status),
            Self::Unexpected { status } => *status,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

thread_local! {
    static ON_UNAUTHORIZED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Calls `listener` whenever any request is answered 401: the staff session has ended
/// (expired, signed out in another tab, password changed). The console's session
/// provider listens here, so a page need not check every answer itself. One listener at
/// a time; it stops when the returned guard is dropped.
pub fn listen_for_unauthorized(listener: impl Fn() + 'static) -> UnauthorizedListener {
    let listener: Rc<dyn Fn()> = Rc::new(listener);
    ON_UNAUTHORIZED.with(|slot| *slot.borrow_mut() = Some(listener.clone()));
    UnauthorizedListener(listener)
}

/// Stops its listener when dropped, unless another has taken its place meanwhile.
pub struct UnauthorizedListener(Rc<dyn Fn()>);

impl Drop for UnauthorizedListener {
    fn drop(&mut self) {
        ON_UNAUTHORIZED.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot
                .as_ref()
                .is_some_and(|current| Rc::ptr_eq(current, &self.0))
            {
                *slot = None;
            }
        });
    }
}

fn report_unauthorized() {
    // Cloned out first: the listener may re-render, and must not find the slot borrowed.
    let listener = ON_UNAUTHORIZED.with(|slot| slot.borrow().clone());
    if let Some(listener) = listener {
        listener();
    }
}

/// Sends `body` (if any) as JSON to `path` on our own origin and reads the JSON answer.
///
/// An empty answer (`204 No Content`, `202 Accepted`) deserialises from `undefined`, so
/// ask for `T = ()`.
pub async fn request<B, T>(method: Method, path: &str, body: Option<&B>) -> Result<T, ApiFailure>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    exchange(method, path, body, None).await
}

/// [`request`] with one more header, such as an `Idempotency-Key`.
pub async fn request_with_header<B, T>(
    method: Method,
    path: &str,
    body: Option<&B>,
    header: (&str, &str),
) -> Result<T, ApiFailure>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    exchange(method, path, body, Some(header)).await
}

async fn exchange<B, T>(
    method: Method,
    path: &str,
    body: Option<&B>,
    header: Option<(&str, &str)>,
) -> Result<T, ApiFailure>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    // Only the (de)serialising is generic: the fetch itself is compiled once, which
    // keeps the wasm small however many resources we add.
    let body = match body {
        Some(body) => {
            let json = to_json(body).ok_or(ApiFailure::Unexpected { status: None })?;
            Some((JsValue::from(json), "application/json"))
        }
        None => None,
    };
    let (status, value) = send(method, path, body, header).await?;
    json::from_value(value).map_err(|_| unexpected(status))
}

/// Sends `body` as it is, such as a photo someone picked (a `File` is a `Blob`), with
/// its `content_type`, and reads the JSON answer. Only the answer is typed: the bytes go
/// to `fetch` untouched, never through serde.
pub async fn request_raw<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &JsValue,
    content_type: &str,
) -> Result<T, ApiFailure> {
    let (status, value) = send(method, path, Some((body.clone(), content_type)), None).await?;
    json::from_value(value).map_err(|_| unexpected(status))
}

/// `GET path`, answered as the plain JavaScript value: for the rare type we read by hand.
pub async fn get_value(path: &str) -> Result<JsValue, ApiFailure> {
    send(Method::Get, path, None, None)
        .await
        .map(|(_, value)| value)
}

/// `POST path` with `body` as JSON and one more header, answered as the plain
/// JavaScript value: for an answer we read only part of.
pub async fn post_for_value<B: Serialize + ?Sized>(
    path: &str,
    body: &B,
    header: (&str, &str),
) -> Result<JsValue, ApiFailure> {
    let json = to_json(body).ok_or(ApiFailure::Unexpected { status: None })?;
    let body = Some((JsValue::from(json), "application/json"));
    send(Method::Post, path, body, Some(header))
        .await
        .map(|(_, value)| value)
}

/// `GET path`, the common case.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    request::<(), T>(Method::Get, path, None).await
}

/// `POST path` with the body `{}`, for actions that need no data: the API wants a
/// JSON body on every state-changing request.
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    #[derive(Serialize)]
    struct Empty {}
    request(Method::Post, path, Some(&Empty {})).await
}

fn to_json<B: Serialize + ?Sized>(body: &B) -> Option<js_sys::JsString> {
    json::to_json(body).ok().map(js_sys::JsString::from)
}

/// Fetches `path`, sending `body` with its content type, and returns the status with the
/// parsed JSON body of a success (`undefined` when the body is empty). Every 401 is
/// reported to the session listener.
async fn send(
    method: Method,
    path: &str,
    body: Option<(JsValue, &str)>,
    header: Option<(&str, &str)>,
) -> Result<(u16, JsValue), ApiFailure> {
    let request =
        build_request(method, path, body, header).ok_or(ApiFailure::Unexpected { status: None })?;
    let window = web_sys::window().ok_or(ApiFailure::Unexpected { status: None })?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .and_then(JsCast::dyn_into)
        .map_err(|_| ApiFailure::Network)?;
    let status = response.status();
    // Read as text rather than `response.json()`, so an empty body is not an error.
    let text = read_text(&response).await;

    if !response.ok() {
        if status == 401 {
            report_unauthorized();
        }
        return Err(failure_from_json(
            status,
            text.as_deref().unwrap_or_default(),
        ));
    }
    match text.as_deref() {
        Some("") => Ok((status, JsValue::UNDEFINED)),
        Some(text) => js_sys::JSON::parse(text)
            .map(|value| (status, value))
            .map_err(|_| unexpected(status)),
        None => Err(unexpected(status)),
    }
}

fn build_request(
    method: Method,
    path: &str,
    body: Option<(JsValue, &str)>,
    header: Option<(&str, &str)>,
) -> Option<Request> {
    let init = RequestInit::new();
    init.set_method(method.as_str());
    // Staff sessions live in a cookie; never send it anywhere but our own origin.
    init.set_credentials(RequestCredentials::SameOrigin);

    let headers = Headers::new().ok()?;
    headers.append("Accept", "application/json").ok()?;
    if let Some((body, content_type)) = body {
        headers.append("Content-Type", content_type).ok()?;
        init.set_body(&body);
    }
    if let Some((name, value)) = header {
        headers.append(name, value).ok()?;
    }
    init.set_headers(&headers);

    Request::new_with_str_and_init(path, &init).ok()
}

fn unexpected(status: u16) -> ApiFailure {
    ApiFailure::Unexpected {
        status: Some(status),
    }
}

async fn read_text(response: &Response) -> Option<String> {
    let text = JsFuture::from(response.text().ok()?).await.ok()?;
    text.as_string()
}

/// Turns the body of an error answer into an [`ApiFailure`]: the server's
/// [`ApiErrorBody`] when it sent one, [`ApiFailure::Unexpected`] for anything else.
pub fn failure_from_json(status: u16, body: &str) -> ApiFailure {
    js_sys::JSON::parse(body)
        .ok()
        .and_then(|value| json::from_value::<ApiErrorBody>(value).ok())
        .map_or(unexpected(status), |body| ApiFailure::Api {
            status,
            error: body.error,
        })
}

//! Serving the built widget: hashed assets cached for a year, `index.html` for every
//! other non-API path so client-side routes work, and the security headers on everything.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

use crate::{config::Config, error::AppError, services::availability_cache::AvailabilityCache};

/// The single-page apps the server hands out: the public widget, the staff console under
/// `/staff`, the manage page at `/manage` and the public wishlist at `/wishlist`
/// (bundles of their own, so the widget stays small). Their shells are loaded once at
/// start; they are tiny.
#[derive(Clone)]
pub struct Frontend {
    dir: PathBuf,
    widget_html: Option<String>,
    console_html: Option<String>,
    manage_html: Option<String>,
    wishlist_html: Option<String>,
}

/// Where the console is served, and where its build lives inside the static dir.
pub const CONSOLE_PREFIX: &str = "/staff";

/// Where every booking's manage link leads (`/manage#token=...`).
pub const MANAGE_PATH: &str = "/manage";

/// Where the manage page's build lives inside the static dir, and so where its files are
/// served from: not under `/manage` itself, so that address never meets a directory.
pub const MANAGE_ASSETS_DIR: &str = "manage-app";

/// Where partners see what the lounge needs and pledge it (framed on the agency's site
/// by `/embed.js` with `data-view="wishlist"`).
pub const WISHLIST_PATH: &str = "/wishlist";

/// Where the wishlist's build lives inside the static dir, and its files are served from.
pub const WISHLIST_ASSETS_DIR: &str = "wishlist-app";

impl Frontend {
    pub fn load(dir: &Path) -> Self {
        let widget_html = std::fs::read_to_string(dir.join("index.html")).ok();
        let console_html = std::fs::read_to_string(dir.join("staff/index.html")).ok();
        let manage_html =
            std::fs::read_to_string(dir.join(MANAGE_ASSETS_DIR).join("index.html")).ok();
        let wishlist_html =
            std::fs::read_to_string(dir.join(WISHLIST_ASSETS_DIR).join("index.html")).ok();
        if widget_html.is_none()
            || console_html.is_none()
            || manage_html.is_none()
            || wishlist_html.is_none()
        {
            tracing::warn!(
                dir = %dir.display(),
                "the widget, the staff console, the manage page or the wishlist is not built; the API works, pages show a notice (build them with `cargo xtask run`)"
            );
        }
        Self {
            dir: dir.to_owned(),
            widget_html,
            console_html,
            manage_html,
            wishlist_html,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The app shell for client-side routes: the console's under `/staff`, the manage
    /// page's at `/manage`, the wishlist's at `/wishlist`, the widget's elsewhere. A missing file with an extension is a
    /// 404, not a shell, so a broken asset link fails loudly.
    pub fn shell(&self, request: &Request) -> Response {
        let path = request.uri().path();
        let last_segment = path.rsplit('/').next().unwrap_or_default();
        if last_segment.contains('.') || !matches!(*request.method(), Method::GET | Method::HEAD) {
            return (StatusCode::NOT_FOUND, "Not found").into_response();
        }
        let in_console = path == CONSOLE_PREFIX
            || path
                .strip_prefix(CONSOLE_PREFIX)
                .is_some_and(|rest| rest.starts_with('/'));
        let html = if in_console {
            &self.console_html
        } else if path.trim_end_matches('/') == MANAGE_PATH {
            &self.manage_html
        } else if path.trim_end_matches('/') == WISHLIST_PATH {
            &self.wishlist_html
        } else {
            &self.widget_html
        };
        let mut response = match html {
            Some(html) => Html(html.clone()).into_response(),
            None => (StatusCode::SERVICE_UNAVAILABLE, Html(NOT_BUILT_PAGE)).into_response(),
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        response
    }
}

/// The script agencies paste into their site, and a stand-in agency page that embeds it.
const EMBED_JS: &str = include_str!("../static/embed.js");
const EMBED_DEMO_HTML: &str = include_str!("../static/embed-demo.html");

pub async fn embed_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            // Short: agencies keep the same URL while we update the script.
            (header::CACHE_CONTROL, "public, max-age=300"),
            // Agency pages on other origins load it with a plain <script> tag.
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                "cross-origin",
            ),
        ],
        EMBED_JS,
    )
        .into_response()
}

pub async fn embed_demo() -> Response {
    ([(header::CACHE_CONTROL, "no-cache")], Html(EMBED_DEMO_HTML)).into_response()
}

const NOT_BUILT_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Peer Lounge</title></head><body><main><h1>Peer Lounge</h1><p>The widget has not been built yet. Run <code>cargo xtask run</code>.</p></main></body></html>";

/// Trunk names built assets `name-<16 hex digits>.ext` (and `..._bg.wasm`): their content
/// never changes under that name, so browsers may keep them for a year.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _ext)) = file.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Long caching for hashed assets, revalidation for everything else that is static.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Builds the Content-Security-Policy: our own origin only, wasm allowed to compile, no
/// inline script, and framing limited to the agency's own site(s).
pub fn content_security_policy(frame_ancestors: &[String]) -> HeaderValue {
    let mut ancestors = String::from("'self'");
    for origin in frame_ancestors {
        ancestors.push(' ');
        ancestors.push_str(origin);
    }
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'self'"))
}

/// Adds the security headers every response carries.
pub async fn security_headers(
    axum::extract::State(csp): axum::extract::State<HeaderValue>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A response with a policy of its own (e.g. a sandboxed file) keeps it; browsers
    // enforce both policies then.
    headers.append(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if !headers.contains_key("cross-origin-resource-policy") {
        headers.insert(
            "cross-origin-resource-policy",
            HeaderValue::from_static("same-origin"),
        );
    }
    response
}

/// Cross-site request forgery guard for the API:
/// - a state-changing request that says it comes from a page of another origin is refused
///   (403). Our own origin is the public URL's, or the one the browser addressed (its
///   `Host`), plus the configured allowed origins. Requests without an `Origin` header
///   (curl, servers) are not browsers' cross-site requests.
/// - a POST must carry `Content-Type: application/json` (415 otherwise), even when it has
///   nothing to say (`{}`): HTML forms can only send the "simple" types, so a forged form
///   can never reach a handler. PUT, PATCH and DELETE cannot be sent cross-site at all
///   without a CORS grant, which we never give.
pub async fn csrf_guard(
    axum::extract::State(config): axum::extract::State<Arc<Config>>,
    request: Request,
    next: Next,
) -> Response {
    if is_read_only(request.method()) {
        return next.run(request).await;
    }
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null").trim_end_matches('/');
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let same_host = origin.split_once("://").is_some_and(|(scheme, authority)| {
            matches!(scheme, "http" | "https") && !host.is_empty() && authority == host
        });
        let allowed = same_host
            || origin == config.public_origin()
            || config.allowed_origins.iter().any(|o| o == origin);
        if !allowed {
            return AppError::forbidden(
                "This request came from a page Peer Lounge does not trust.",
            )
            .into_response();
        }
    }
    if *request.method() == Method::POST && !is_json(request.headers()) {
        return AppError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the request body as JSON, with Content-Type: application/json.",
        )
        .into_response();
    }
    next.run(request).await
}

fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
}

/// Any write may change which seats are free (a booking, a closure, new opening hours,
/// a walk-in), so once a write request is done, cached availability is dropped. Doing it
/// here rather than in each service means no write path can forget it.
pub async fn forget_availability_after_writes(
    axum::extract::State(cache): axum::extract::State<AvailabilityCache>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !is_read_only(request.method());
    let response = next.run(request).await;
    if writes {
        cache.invalidate();
    }
    response
}

/// The tracing span of a request, with secrets in the path (manage-link tokens) masked,
/// so that logs at any level never hold a working link to someone's booking.
pub fn request_span(request: &Request) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %redacted_path(request.uri().path()),
    )
}

/// `/api/bookings/manage/<token>/...` with the token replaced by `[token]`.
pub fn redacted_path(path: &str) -> std::borrow::Cow<'_, str> {
    const MANAGE: &str = "/api/bookings/manage/";
    match path.strip_prefix(MANAGE) {
        Some(rest) => {
            let after_token = rest.find('/').map_or("", |slash| &rest[slash..]);
            format!("{MANAGE}[token]{after_token}").into()
        }
        None => path.into(),
    }
}

/// Methods that change nothing: exempt from the CSRF checks, and no reason to drop
/// cached availability.
fn is_read_only(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn shell_of(frontend: &Frontend, path: &str) -> String {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let body = frontend.shell(&request).into_body();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn frontend() -> Frontend {
        Frontend {
            dir: PathBuf::new(),
            widget_html: Some("widget".into()),
            console_html: Some("console".into()),
            manage_html: Some("manage".into()),
            wishlist_html: Some("wishlist".into()),
        }
    }

    #[tokio::test]
    async fn the_manage_link_gets_the_manage_pages_own_shell() {
        let frontend = frontend();
        for path in ["/manage", "/manage/"] {
            assert_eq!(shell_of(&frontend, path).await, "manage", "{path}");
        }
        for path in ["/managers", "/events/3", "/"] {
            assert_eq!(shell_of(&frontend, path).await, "widget", "{path}");
        }
        assert_eq!(shell_of(&frontend, "/staff/events").await, "console");
    }

    #[tokio::test]
    async fn the_wishlist_gets_its_own_shell() {
        let frontend = frontend();
        for path in ["/wishlist", "/wishlist/"] {
            assert_eq!(shell_of(&frontend, path).await, "wishlist", "{path}");
        }
        for path in ["/wishlists", "/wishlist/3", "/lounge"] {
            assert_eq!(shell_of(&frontend, path).await, "widget", "{path}");
        }
    }

    #[test]
    fn recognises_trunk_hashed_assets() {
        assert!(is_hashed_asset("/frontend-3f2a9c0d1e4b5a67.js"));
        assert!(is_hashed_asset("/frontend-3f2a9c0d1e4b5a67_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/frontend.js"));
        assert!(!is_hashed_asset("/mentors"));
        assert!(!is_hashed_asset("/api/health"));
    }

    #[test]
    fn csp_allows_only_our_origin_and_the_configured_embedders() {
        let csp = content_security_policy(&["https://agency.example.org".into()]);
        let csp = csp.to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.ends_with("frame-ancestors 'self' https://agency.example.org"));
    }

    #[test]
    fn manage_tokens_never_reach_the_logs() {
        assert_eq!(
            redacted_path("/api/bookings/manage/abc123/cancel"),
            "/api/bookings/manage/[token]/cancel"
        );
        assert_eq!(
            redacted_path("/api/bookings/manage/abc123"),
            "/api/bookings/manage/[token]"
        );
        assert_eq!(redacted_path("/api/spaces/1/slots"), "/api/spaces/1/slots");
    }
}

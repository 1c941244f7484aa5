//! Extractors whose rejections use the API's one error body, instead of axum's plain text.

use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection, QueryRejection},
        FromRequest, FromRequestParts,
    },
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::error::AppError;

/// `axum::Json`, answering bad bodies with 400/413/415/422 in the API's error shape.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct ApiJson<T>(pub T);

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => AppError::client(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the request body as JSON, with Content-Type: application/json.",
            ),
            JsonRejection::JsonSyntaxError(_) => {
                AppError::bad_request("malformed_json", "The request body is not valid JSON.")
            }
            // serde's message names the field and what was wrong, and nothing of ours.
            JsonRejection::JsonDataError(error) => AppError::client(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                error.body_text().replace(
                    "Failed to deserialize the JSON body into the target type: ",
                    "",
                ),
            ),
            JsonRejection::BytesRejection(error)
                if error.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                AppError::client(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "The request body is too large.",
                )
            }
            other => AppError::bad_request("bad_request", other.body_text()),
        }
    }
}

/// `axum::extract::Path`, answering unparsable path segments with a 404 in the API's shape:
/// `/api/spaces/abc` names no space.
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

impl From<PathRejection> for AppError {
    fn from(_: PathRejection) -> Self {
        AppError::not_found("There is nothing here.")
    }
}

/// `axum::extract::Query`, answering bad query strings with a 422 in the API's shape.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::client(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_query",
            rejection
                .body_text()
                .replace("Failed to deserialize query string: ", ""),
        )
    }
}

/// The address a request came from, for throttling: the TCP peer, or, when the peer is
/// one of `PEERLOUNGE_TRUSTED_PROXIES`, the nearest address in `X-Forwarded-For` that is
/// not a trusted proxy. Without trusted proxies the header is ignored, so nobody can
/// dodge a limit by making addresses up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

impl FromRequestParts<crate::state::AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &crate::state::AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no peer address on the request")))?;
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim);
        Ok(Self(client_address(
            peer,
            forwarded,
            &state.config.trusted_proxies,
        )))
    }
}

/// Walks `X-Forwarded-For` from the nearest hop back while the hop is a trusted proxy.
fn client_address<'a>(
    peer: std::net::IpAddr,
    forwarded: impl DoubleEndedIterator<Item = &'a str>,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    let mut client = peer;
    for hop in forwarded.rev() {
        if !trusted.contains(&client) {
            break;
        }
        match hop.parse() {
            Ok(address) => client = address,
            // A garbled header from behind our proxy: stop at the last good hop.
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use super::client_address;

    fn ip(raw: &str) -> IpAddr {
        raw.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy];
        // Straight from the internet: the header is whatever the sender made up.
        assert_eq!(
            client_address(ip("198.51.100.7"), ["203.0.113.5"].into_iter(), &trusted),
            ip("198.51.100.7")
        );
        // Through our proxy: the address it saw.
        assert_eq!(
            client_address(proxy, ["203.0.113.5"].into_iter(), &trusted),
            ip("203.0.113.5")
        );
        // A client that sends its own header first cannot hide behind it.
        assert_eq!(
            client_address(proxy, ["1.2.3.4", "203.0.113.5"].into_iter(), &trusted),
            ip("203.0.113.5")
        );
        // Two proxies of ours in a row.
        let two = [proxy, ip("10.0.0.3")];
        assert_eq!(
            client_address(proxy, ["203.0.113.5", "10.0.0.3"].into_iter(), &two),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_address(proxy, ["not an address"].into_iter(), &trusted),
            proxy
        );
        assert_eq!(client_address(proxy, [].into_iter(), &trusted), proxy);
    }
}

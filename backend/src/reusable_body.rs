//! A response body served many times (cached JSON): compressed once per encoding on
//! first demand instead of on every request, which is most of the cost of a cached
//! answer when browsers ask for `br` or `gzip`.

use std::{io::Write, sync::OnceLock};

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, HeaderValue},
    response::Response,
};

pub struct ReusableBody {
    plain: Bytes,
    content_type: &'static str,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl ReusableBody {
    pub fn new(plain: Bytes, content_type: &'static str) -> Self {
        Self {
            plain,
            content_type,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    /// The body in the best encoding the request accepts. The compression layer leaves
    /// responses that already carry `Content-Encoding` alone.
    pub fn to_response(&self, request_headers: &HeaderMap) -> Response {
        let encoding = preferred_encoding(request_headers);
        let (body, name) = match encoding {
            Encoding::Brotli => (self.brotli.get_or_init(|| brotli(&self.plain)), Some("br")),
            Encoding::Gzip => (self.gzip.get_or_init(|| gzip(&self.plain)), Some("gzip")),
            Encoding::Identity => (&self.plain, None),
        };
        let mut response = Response::new(Body::from(body.clone()));
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(name) = name {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        response
    }
}

/// `br` if accepted, else `gzip`, else the plain body; `;q=0` refuses an encoding.
fn preferred_encoding(headers: &HeaderMap) -> Encoding {
    let accepted: Vec<&str> = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next()?;
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (!refused).then_some(name)
        })
        .collect();
    let accepts = |name: &str| accepted.iter().any(|a| a.eq_ignore_ascii_case(name));
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn brotli(plain: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(plain.len() / 4);
    {
        // Quality 5 of 11: most of the gain for a fraction of the time.
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        writer
            .write_all(plain)
            .expect("writing to memory cannot fail");
    }
    Bytes::from(out)
}

fn gzip(plain: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(plain.len() / 4),
        flate2::Compression::default(),
    );
    encoder
        .write_all(plain)
        .expect("writing to memory cannot fail");
    Bytes::from(encoder.finish().expect("writing to memory cannot fail"))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    #[test]
    fn the_best_accepted_encoding_is_chosen() {
        assert_eq!(
            preferred_encoding(&accept("gzip, deflate, br, zstd")),
            Encoding::Brotli
        );
        assert_eq!(preferred_encoding(&accept("gzip")), Encoding::Gzip);
        assert_eq!(
            preferred_encoding(&accept("br;q=0, GZIP;q=0.5")),
            Encoding::Gzip
        );
        assert_eq!(preferred_encoding(&accept("identity")), Encoding::Identity);
        assert_eq!(preferred_encoding(&HeaderMap::new()), Encoding::Identity);
    }

    #[tokio::test]
    async fn every_encoding_decodes_to_the_same_body() {
        let plain = Bytes::from(r#"[{"start":"2026-11-24T08:00:00-05:00"}]"#.repeat(50));
        let body = ReusableBody::new(plain.clone(), "application/json");
        for (accepts, encoding) in [("br", Some("br")), ("gzip", Some("gzip")), ("", None)] {
            let response = body.to_response(&accept(accepts));
            assert_eq!(
                response
                    .headers()
                    .get(header::CONTENT_ENCODING)
                    .map(|v| v.to_str().unwrap()),
                encoding
            );
            let sent = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            let mut decoded = Vec::new();
            match encoding {
                Some("br") => {
                    brotli::Decompressor::new(&sent[..], 4096)
                        .read_to_end(&mut decoded)
                        .unwrap();
                }
                Some(_) => {
                    flate2::read::GzDecoder::new(&sent[..])
                        .read_to_end(&mut decoded)
                        .unwrap();
                }
                None => decoded = sent.to_vec(),
            }
            assert_eq!(decoded, plain, "{accepts:?}");
            assert!(encoding.is_none() || sent.len() < plain.len() / 4);
        }
    }
}

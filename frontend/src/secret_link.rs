//! Secret links (a booking's manage link, a staff invitation) carry their token in the
//! address's fragment, `#token=...`, which browsers never send to a server.

/// Our links carry 32 random bytes as hex.
const TOKEN_HEX_CHARS: usize = 64;

/// The link's token from a fragment like `#token=<64 hex>`, if it is there and whole.
pub fn token_from_fragment(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|token| {
            token.len() == TOKEN_HEX_CHARS && token.bytes().all(|byte| byte.is_ascii_hexdigit())
        })
        .map(str::to_owned)
}

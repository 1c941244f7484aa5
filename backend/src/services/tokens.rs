//! Secret tokens (session ids, manage links): long, random, and stored only as a hash,
//! so a copy of the database does not hand out working links.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes as lowercase hex: 256 bits, URL- and cookie-safe.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// Whether `token` has the shape `generate` and `derive` give (64 lowercase or
/// uppercase hex digits): anything else can be refused without a lookup.
pub fn is_well_formed(token: &str) -> bool {
    token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// What we store and look up by.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A manage token derived from a client's idempotency key and a random salt: the same
/// inputs give the same token, so a replayed request gets the first answer back, yet
/// neither the token nor the key is stored (only their hashes, and the salt).
pub fn derive(idempotency_key: &str, salt: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"peer-lounge manage token\0");
    hasher.update(salt.as_bytes());
    hasher.update(b"\0");
    hasher.update(idempotency_key.as_bytes());
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hash_deterministically() {
        let a = generate();
        let b = generate();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
        assert_ne!(hash(&a), a);
    }

    #[test]
    fn derived_tokens_depend_on_both_key_and_salt() {
        let token = derive("key-1", "salt-1");
        assert_eq!(token.len(), 64);
        assert_eq!(token, derive("key-1", "salt-1"));
        assert_ne!(token, derive("key-2", "salt-1"));
        assert_ne!(token, derive("key-1", "salt-2"));
    }
}

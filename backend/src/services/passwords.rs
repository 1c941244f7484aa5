//! Staff password policy and hashing (argon2id with at least OWASP's parameters).

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use rand::rngs::OsRng;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Shipped with the project: the common passwords long enough to pass the length rule.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Length rules, and no password everyone else uses too; long passphrases are welcome.
/// The message completes "The password ...".
pub fn check_policy(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(format!("must be at least {MIN_CHARS} characters"));
    }
    if chars > MAX_CHARS {
        return Err(format!("must be at most {MAX_CHARS} characters"));
    }
    if is_common(password) {
        return Err("is one of the most common passwords; please choose another".to_owned());
    }
    Ok(())
}

fn is_common(password: &str) -> bool {
    let lowered = password.to_lowercase();
    let mut distinct = lowered.chars().collect::<Vec<_>>();
    distinct.sort_unstable();
    distinct.dedup();
    // One or two characters repeated ("aaaaaaaaaaaa", "abababababab") is as weak as any.
    distinct.len() <= 2
        || COMMON_PASSWORDS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .any(|common| common == lowered)
}

/// Hashes on a blocking thread: argon2 is deliberately slow.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
    })
    .await?
}

pub async fn verify(password: String, stored_hash: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored_hash)
            .map_err(|e| anyhow::anyhow!("a stored password hash is malformed: {e}"))?;
        Ok(hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_wants_twelve_to_128_characters() {
        assert!(check_policy("elevenchars").is_err());
        assert!(check_policy("twelve chars").is_ok());
        assert!(check_policy(&"xy1".repeat(4)).is_ok());
        assert!(check_policy(&"xyz".repeat(21)).is_ok());
        assert!(check_policy(&"xyz".repeat(43)).is_err());
    }

    #[test]
    fn policy_refuses_common_passwords_whatever_their_case() {
        assert!(check_policy("password1234").is_err());
        assert!(check_policy("Password1234").is_err());
        assert!(check_policy("QWERTYUIOPAS").is_err());
        assert!(check_policy("zzzzzzzzzzzzzzzz").is_err());
        assert!(check_policy("abababababab").is_err());
        assert!(check_policy("lounge chairs are comfy").is_ok());
    }

    #[test]
    fn the_shipped_list_only_holds_passwords_the_length_rule_would_let_through() {
        let entries: Vec<&str> = COMMON_PASSWORDS
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .collect();
        assert!(entries.len() >= 90);
        for entry in entries {
            assert!(
                entry.chars().count() >= MIN_CHARS,
                "{entry:?} is shorter than the minimum"
            );
            assert_eq!(entry, entry.to_lowercase(), "{entry:?} must be lower case");
        }
    }

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let first = hash("correct horse battery".into()).await.unwrap();
        let second = hash("correct horse battery".into()).await.unwrap();
        assert!(first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("correct horse battery".into(), first.clone())
            .await
            .unwrap());
        assert!(!verify("wrong horse battery".into(), first).await.unwrap());
    }
}

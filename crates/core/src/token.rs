//! Bearer tokens: made from random bytes, stored only as SHA-256 hashes,
//! checked in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Number of random bytes in a token (256 bits).
pub const TOKEN_BYTES: usize = 32;

/// Number of random bytes in a record id (128 bits).
pub const ID_BYTES: usize = 16;

/// Turns random bytes from the caller's entropy source into a token string.
pub fn encode(random: &[u8; TOKEN_BYTES]) -> String {
    hex::encode(random)
}

/// Turns random bytes into a record id (lower-case hex).
pub fn encode_id(random: &[u8; ID_BYTES]) -> String {
    hex::encode(random)
}

/// The hash stored in place of a token (hex SHA-256).
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` hashes to `stored_hash`, compared in constant time.
pub fn verify(token: &str, stored_hash: &str) -> bool {
    let Ok(stored) = hex::decode(stored_hash) else {
        return false;
    };
    let presented = Sha256::digest(token.as_bytes());
    presented.as_slice().ct_eq(&stored).into()
}

/// Whether a presented secret equals the configured one (an admin token),
/// comparing hashes in constant time so neither content nor length leaks.
pub fn matches_secret(presented: &str, secret: &str) -> bool {
    let same: bool = Sha256::digest(presented.as_bytes()).ct_eq(&Sha256::digest(secret.as_bytes())).into();
    !secret.is_empty() && same
}

/// Whether `id` has the shape of a record id, so it can be used in a storage key.
pub fn is_valid_id(id: &str) -> bool {
    id.len() == ID_BYTES * 2 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The token in an `Authorization: Bearer …` header value, if it has that form.
pub fn from_bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_against_its_hash_and_nothing_else() {
        let token = encode(&[7; TOKEN_BYTES]);
        assert_eq!(token.len(), 64);
        let stored = hash(&token);
        assert_ne!(stored, token, "the token itself is never stored");
        assert!(verify(&token, &stored));
        assert!(!verify(&encode(&[8; TOKEN_BYTES]), &stored));
        assert!(!verify("", &stored));
        assert!(!verify(&token, "not hex"));
        assert!(!verify(&token, ""));
    }

    #[test]
    fn secrets_match_only_themselves_and_never_when_unset() {
        assert!(matches_secret("s3cret-admin", "s3cret-admin"));
        assert!(!matches_secret("s3cret-admi", "s3cret-admin"));
        assert!(!matches_secret("", ""));
        assert!(!matches_secret("anything", ""));
    }

    #[test]
    fn ids_are_32_lower_hex_characters() {
        let id = encode_id(&[0xab; ID_BYTES]);
        assert!(is_valid_id(&id));
        assert!(!is_valid_id("ABABABABABABABABABABABABABABABAB"));
        assert!(!is_valid_id("../../etc"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn bearer_header_is_parsed_case_insensitively() {
        assert_eq!(from_bearer("Bearer abc"), Some("abc"));
        assert_eq!(from_bearer("bearer   abc "), Some("abc"));
        assert_eq!(from_bearer("Basic abc"), None);
        assert_eq!(from_bearer("Bearer "), None);
        assert_eq!(from_bearer("abc"), None);
    }
}

//! Login names.

use serde::{Deserialize, Serialize};

use crate::InvalidValue;

/// 3 to 64 characters of `a-z 0-9 . _ -`, starting with a letter or digit; compared lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Self, InvalidValue> {
        let s = s.trim().to_ascii_lowercase();
        let ok_len = (3..=64).contains(&s.len());
        let ok_chars = s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        let ok_start = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if ok_len && ok_chars && ok_start {
            Ok(Self(s))
        } else {
            Err(InvalidValue::new(
                "username",
                "format",
                "must be 3 to 64 characters: letters a-z, digits, '.', '_' or '-'",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

//! Jurisdictions are ISO 3166-1 alpha-2 countries, or ISO 3166-2 subdivisions where a record
//! needs one ("PK-PB" is Punjab, Pakistan).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Jurisdiction(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JurisdictionError {
    #[error("`{0}` is not an ISO 3166-1 alpha-2 country code")]
    UnknownCountry(String),
    #[error("`{0}` is not an ISO 3166-2 subdivision code")]
    UnknownSubdivision(String),
}

impl Jurisdiction {
    /// Parses "PK", "pk" or "PK-PB". Codes are kept upper-case.
    pub fn parse(input: &str) -> Result<Self, JurisdictionError> {
        let code = input.trim().to_ascii_uppercase();
        match code.split_once('-') {
            None => {
                if code.len() == 2 && rust_iso3166::from_alpha2(&code).is_some() {
                    Ok(Self(code))
                } else {
                    Err(JurisdictionError::UnknownCountry(input.trim().to_owned()))
                }
            }
            Some((country, _)) => {
                if rust_iso3166::from_alpha2(country).is_none() {
                    return Err(JurisdictionError::UnknownCountry(country.to_owned()));
                }
                if rust_iso3166::iso3166_2::from_code(&code).is_some() {
                    Ok(Self(code))
                } else {
                    Err(JurisdictionError::UnknownSubdivision(input.trim().to_owned()))
                }
            }
        }
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    /// The country a subdivision belongs to (itself for a country).
    pub fn country(&self) -> Jurisdiction {
        Jurisdiction(self.0.split('-').next().unwrap_or(&self.0).to_owned())
    }

    /// The English short name from ISO 3166 (faces translate it where they can).
    pub fn name(&self) -> String {
        match self.0.split_once('-') {
            None => rust_iso3166::from_alpha2(&self.0).map(|c| c.name.to_owned()),
            Some(_) => rust_iso3166::iso3166_2::from_code(&self.0).map(|s| s.name.to_owned()),
        }
        .unwrap_or_else(|| self.0.clone())
    }

    /// Every ISO 3166-1 country, sorted by code, for pickers.
    pub fn all_countries() -> Vec<Jurisdiction> {
        let mut all: Vec<_> = rust_iso3166::ALL.iter().map(|c| Jurisdiction(c.alpha2.to_owned())).collect();
        all.sort();
        all
    }
}

impl std::fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Jurisdiction {
    type Error = JurisdictionError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Jurisdiction> for String {
    fn from(value: Jurisdiction) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_subdivisions() {
        assert_eq!(Jurisdiction::parse("pk").unwrap().code(), "PK");
        assert_eq!(Jurisdiction::parse("PK-PB").unwrap().country().code(), "PK");
        assert_eq!(Jurisdiction::parse("IR").unwrap().name(), "Iran (Islamic Republic of)");
        assert!(matches!(Jurisdiction::parse("XX"), Err(JurisdictionError::UnknownCountry(_))));
        assert!(matches!(Jurisdiction::parse("PK-ZZ"), Err(JurisdictionError::UnknownSubdivision(_))));
        assert!(Jurisdiction::all_countries().len() >= 249);
    }
}

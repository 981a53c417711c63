//! Organisations: the unit that owns records.

use serde::{Deserialize, Serialize};

use crate::InvalidValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Police,
    Prosecution,
    Judiciary,
    FinancialIntelligenceUnit,
    Ministry,
    NationalCommittee,
    BorderAgency,
    Ngo,
    InternationalOrganisation,
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 10] = [
        OrgKind::Police,
        OrgKind::Prosecution,
        OrgKind::Judiciary,
        OrgKind::FinancialIntelligenceUnit,
        OrgKind::Ministry,
        OrgKind::NationalCommittee,
        OrgKind::BorderAgency,
        OrgKind::Ngo,
        OrgKind::InternationalOrganisation,
        OrgKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Police => "police",
            OrgKind::Prosecution => "prosecution",
            OrgKind::Judiciary => "judiciary",
            OrgKind::FinancialIntelligenceUnit => "fiu",
            OrgKind::Ministry => "ministry",
            OrgKind::NationalCommittee => "national_committee",
            OrgKind::BorderAgency => "border_agency",
            OrgKind::Ngo => "ngo",
            OrgKind::InternationalOrganisation => "international",
            OrgKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        let s = s.trim().to_ascii_lowercase();
        OrgKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An organisation's display name: 2 to 200 characters, trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgName(String);

impl OrgName {
    pub fn parse(s: &str) -> Result<Self, InvalidValue> {
        let s = s.trim();
        let n = s.chars().count();
        if !(2..=200).contains(&n) {
            return Err(InvalidValue::new("name", "length", "must be 2 to 200 characters"));
        }
        if s.chars().any(char::is_control) {
            return Err(InvalidValue::new("name", "control", "must not contain control characters"));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

//! Roles a user holds within their organisation.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    Investigator,
    FinancialAnalyst,
    Prosecutor,
    Adviser,
    ProgrammeOfficer,
    FocalPoint,
    Caseworker,
    Trainer,
    Viewer,
    /// Reads the audit log across organisations (DESIGN: "a designated oversight role").
    Oversight,
}

impl Role {
    pub const ALL: [Role; 11] = [
        Role::Administrator,
        Role::Investigator,
        Role::FinancialAnalyst,
        Role::Prosecutor,
        Role::Adviser,
        Role::ProgrammeOfficer,
        Role::FocalPoint,
        Role::Caseworker,
        Role::Trainer,
        Role::Viewer,
        Role::Oversight,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Investigator => "investigator",
            Role::FinancialAnalyst => "financial_analyst",
            Role::Prosecutor => "prosecutor",
            Role::Adviser => "adviser",
            Role::ProgrammeOfficer => "programme_officer",
            Role::FocalPoint => "focal_point",
            Role::Caseworker => "caseworker",
            Role::Trainer => "trainer",
            Role::Viewer => "viewer",
            Role::Oversight => "oversight",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Investigative roles see the cases of their organisation (DESIGN: who sees what).
    pub fn is_investigative(self) -> bool {
        matches!(self, Role::Investigator | Role::FinancialAnalyst | Role::Prosecutor | Role::Administrator)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of roles, kept sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSet(Vec<Role>);

impl RoleSet {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Self {
        let mut v: Vec<Role> = roles.into_iter().collect();
        v.sort();
        v.dedup();
        Self(v)
    }

    /// Parses a comma-separated list such as "investigator,prosecutor".
    pub fn parse_list(s: &str) -> Result<Self, crate::InvalidValue> {
        let mut roles = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            roles.push(Role::parse(part).ok_or_else(|| {
                crate::InvalidValue::new("roles", "unknown_role", format!("unknown role `{part}`"))
            })?);
        }
        Ok(Self::new(roles))
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.binary_search(&role).is_ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn any_investigative(&self) -> bool {
        self.0.iter().any(|r| r.is_investigative())
    }
}

impl std::fmt::Display for RoleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|r| r.as_str()).collect();
        f.write_str(&names.join(","))
    }
}

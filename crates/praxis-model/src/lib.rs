//! Domain types of Praxis and the invariants they carry.
//!
//! Architecture Invariant: this crate does no I/O and knows nothing of storage, HTTP or the
//! command line. A value of a type here is valid by construction: fields with an invariant are
//! private and set only through a parsing constructor.

pub mod case;
mod ids;
mod jurisdiction;
mod locale;
mod organisation;
mod role;
mod username;

pub use case::{
    Admissibility, AgeBand, AuthorityKind, CrimeType, CustodyAction, EvidenceKind, InquiryStatus,
    NetworkRole, Offence, PersonKind, RequestKind, RequestSide, RequestStatus, Sex, Stage, SubjectStatus,
};
pub use ids::{OrgId, UserId};
pub use jurisdiction::{Jurisdiction, JurisdictionError};
pub use locale::Locale;
pub use organisation::{OrgKind, OrgName};
pub use role::{Role, RoleSet};
pub use username::Username;

/// A value the user typed was not acceptable. `field` names the input, `message` says why in
/// plain English; faces translate by `code`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InvalidValue {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl InvalidValue {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self { field, code, message: message.into() }
    }
}

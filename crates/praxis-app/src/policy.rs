//! The need-to-know access policy: one function answers "may this caller do this action on this
//! record?" and gives the reason.
//!
//! Architecture Invariant: every read and write of the application layer goes through
//! [`authorize`] (or [`decide`]) before it touches the store; faces never decide access themselves.
//!
//! The default policy follows DESIGN.md's "who sees what". Organisations may tighten it later;
//! nothing loosens it silently.

use praxis_model::{Jurisdiction, Locale, OrgId, OrgKind, Role, RoleSet, UserId};
use praxis_store::Organisation;

use crate::AppError;

/// A signed-in person, as loaded fresh for each request: a change of roles or a disabled account
/// takes effect on the next request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: UserId,
    pub username: String,
    pub display_name: String,
    pub org: Organisation,
    pub roles: RoleSet,
    pub locale: Locale,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    fn is_platform_admin(&self) -> bool {
        self.org.platform_operator && self.has(Role::Administrator)
    }
}

/// Who is asking.
#[derive(Debug, Clone)]
pub enum Caller {
    /// The local command line: an operator who already holds the database and its keys.
    Cli,
    User(Actor),
}

impl Caller {
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Caller::Cli => None,
            Caller::User(a) => Some(a.user_id.0),
        }
    }

    pub fn org_id(&self) -> Option<i64> {
        match self {
            Caller::Cli => None,
            Caller::User(a) => Some(a.org.id.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Organisation,
    User,
    /// An investigative record: a case, its subjects, evidence and transactions.
    Case,
    /// The identity of a victim, witness or informant (a protected field).
    ProtectedIdentity,
    /// Theories of change, workplans, trainings, indicators, legislative reviews. The jurisdiction
    /// is the country concerned: its focal points may write (e.g. answer its legislative review).
    ProgrammeData,
    AuditLog,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Read,
    Create,
    Write,
    Share,
    /// Manage: roles, disabling, deletion.
    Administer,
    /// See a protected field in clear (audited).
    ReadProtected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grantee {
    Org(OrgId),
    User(UserId),
}

/// What the policy needs to know about a record.
#[derive(Debug, Clone)]
pub struct RecordRef {
    pub kind: RecordKind,
    /// The owning organisation (for a record not yet created: the one that would own it).
    pub owner_org: Option<OrgId>,
    pub jurisdiction: Option<Jurisdiction>,
    /// For a user record: the user it is.
    pub subject_user: Option<UserId>,
    /// Organisations and named users the record is shared with.
    pub shares: Vec<Grantee>,
    /// Users with a need to know protected identities on this record (the assigned investigator
    /// and prosecutor, the caseworker assisting the person).
    pub assigned: Vec<UserId>,
}

impl RecordRef {
    pub fn new(kind: RecordKind, owner_org: Option<OrgId>) -> RecordRef {
        RecordRef {
            kind,
            owner_org,
            jurisdiction: None,
            subject_user: None,
            shares: vec![],
            assigned: vec![],
        }
    }

    pub fn organisation(org: Option<&Organisation>) -> RecordRef {
        let mut r = RecordRef::new(RecordKind::Organisation, org.map(|o| o.id));
        r.jurisdiction = org.map(|o| o.jurisdiction.clone());
        r
    }

    pub fn user(user: UserId, org: OrgId) -> RecordRef {
        let mut r = RecordRef::new(RecordKind::User, Some(org));
        r.subject_user = Some(user);
        r
    }

    /// The whole audit log (`None`) or one organisation's part of it.
    pub fn audit_log(org: Option<Organisation>) -> RecordRef {
        RecordRef::new(RecordKind::AuditLog, org.map(|o| o.id))
    }
}

/// The answer, with the reason a person can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub reason: &'static str,
}

const fn allow(reason: &'static str) -> Decision {
    Decision { allowed: true, reason }
}
const fn deny(reason: &'static str) -> Decision {
    Decision { allowed: false, reason }
}

/// The policy.
pub fn decide(caller: &Caller, action: Action, record: &RecordRef) -> Decision {
    let actor = match caller {
        Caller::Cli => return allow("operator at the command line"),
        Caller::User(actor) => actor,
    };
    if actor.org.disabled {
        return deny("your organisation is disabled");
    }
    let same_org = record.owner_org == Some(actor.org.id);
    let shared_with_org = record.shares.contains(&Grantee::Org(actor.org.id));
    let shared_with_user = record.shares.contains(&Grantee::User(actor.user_id));
    let investigative = actor.roles.any_investigative();

    match record.kind {
        RecordKind::Organisation => match action {
            Action::Read => allow("the directory of organisations is open to every signed-in user"),
            Action::Create | Action::Write | Action::Administer if actor.is_platform_admin() => {
                allow("administrator of the operating organisation")
            }
            Action::Create | Action::Write | Action::Administer => {
                deny("only administrators of the operating organisation manage organisations")
            }
            Action::Share | Action::ReadProtected => deny("not applicable to organisations"),
        },

        RecordKind::User => {
            let is_self = record.subject_user == Some(actor.user_id);
            let org_admin = actor.has(Role::Administrator) && same_org;
            match action {
                Action::Read | Action::Write if is_self => allow("your own account"),
                Action::Read | Action::Write | Action::Create if org_admin => {
                    allow("administrator of the user's organisation")
                }
                Action::Read | Action::Write | Action::Create if actor.is_platform_admin() => {
                    allow("administrator of the operating organisation")
                }
                Action::Administer if is_self => {
                    deny("administrators cannot change their own roles or disable themselves")
                }
                Action::Administer if org_admin => allow("administrator of the user's organisation"),
                Action::Administer if actor.is_platform_admin() => {
                    allow("administrator of the operating organisation")
                }
                Action::Share | Action::ReadProtected => deny("not applicable to user accounts"),
                _ => deny("only the user and administrators of their organisation manage an account"),
            }
        }

        RecordKind::Case => match action {
            Action::Read if same_org && investigative => {
                allow("member of the owning organisation with an investigative role")
            }
            Action::Read if shared_with_org && investigative => {
                allow("shared with your organisation; you hold an investigative role")
            }
            Action::Read if shared_with_user => allow("shared with you by name"),
            Action::Create | Action::Write | Action::Share if same_org && investigative => {
                allow("member of the owning organisation with an investigative role")
            }
            Action::Administer if same_org && actor.has(Role::Administrator) => {
                allow("administrator of the owning organisation")
            }
            Action::ReadProtected => deny("identities are protected separately from the case"),
            _ if same_org => deny("your role does not give access to investigative records"),
            _ => deny("the record belongs to another organisation and is not shared with you"),
        },

        RecordKind::ProtectedIdentity => {
            let assigned = record.assigned.contains(&actor.user_id);
            let protecting_role =
                actor.has(Role::Investigator) || actor.has(Role::Prosecutor) || actor.has(Role::Caseworker);
            match action {
                Action::ReadProtected | Action::Write if assigned && protecting_role => {
                    allow("assigned to this person with a protecting role")
                }
                Action::Read if investigative && (same_org || shared_with_org) || shared_with_user => {
                    allow("you may see the pseudonym, not the identity")
                }
                Action::Read if assigned && protecting_role => {
                    allow("assigned to this person with a protecting role")
                }
                _ => deny("this identity is protected: only the assigned team sees it"),
            }
        }

        RecordKind::ProgrammeData => {
            let programme_role =
                actor.has(Role::ProgrammeOfficer) || actor.has(Role::FocalPoint) || actor.has(Role::Adviser);
            let international = actor.org.kind == OrgKind::InternationalOrganisation;
            let same_country = match &record.jurisdiction {
                Some(j) => j.country() == actor.org.jurisdiction.country(),
                None => false,
            };
            match action {
                Action::Read if same_org => allow("your organisation's programme data"),
                Action::Read if programme_role && (same_country || international) => {
                    allow("programme role for the country concerned")
                }
                Action::Create | Action::Write
                    if actor.has(Role::ProgrammeOfficer) && (same_org || international) =>
                {
                    allow("programme officer")
                }
                Action::Write if actor.has(Role::FocalPoint) && same_country => {
                    allow("focal point of the country concerned")
                }
                Action::Share | Action::Administer
                    if same_org && (actor.has(Role::ProgrammeOfficer) || actor.has(Role::Administrator)) =>
                {
                    allow("programme officer or administrator of the owning organisation")
                }
                _ => deny("programme data is for programme staff of the countries concerned"),
            }
        }

        RecordKind::AuditLog => match action {
            Action::Read if actor.has(Role::Oversight) => allow("oversight role"),
            Action::Read if actor.has(Role::Administrator) && same_org => {
                allow("administrator, for your organisation's entries")
            }
            Action::Read => deny("the audit log is for administrators and the oversight role"),
            _ => deny("the audit log is append-only"),
        },
    }
}

/// [`decide`], as a `Result` for `?`.
pub fn authorize(caller: &Caller, action: Action, record: &RecordRef) -> Result<Decision, AppError> {
    let d = decide(caller, action, record);
    if d.allowed {
        Ok(d)
    } else {
        Err(AppError::Denied(d.reason.to_owned()))
    }
}

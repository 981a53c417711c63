//! Sharing a case and advising on it. The owning organisation's investigative roles share a case
//! with another organisation or a named person (an adviser, a prosecutor), whole or as a summary:
//!
//! - **whole** (`full`): the grantee reads the case as the owner's colleagues do — victims under
//!   pseudonyms; identities stay with the case team, which the owner may widen to the grantee;
//! - **summary**: the grantee reads [`CaseSummaryView`]: the case, its stage, offences, subjects,
//!   how far it rests on testimony, its timeline and notes, and only counts of victims and
//!   migrants — nothing protected, no evidence files.
//!
//! Whoever may read a case, whole or summary, may write advice and mentoring notes on it. Every
//! share, every revocation and every reading (whole or summary) is audited.

use praxis_model::{OrgId, UserId};
use praxis_store::{AuditEvent, ShareGrantee};
use serde::{Deserialize, Serialize};

use crate::cases::{CaseSummary, EventView, OffenceView, StageChangeView, SubjectView, CASE};
use crate::evidence::EvidenceBase;
use crate::policy::{authorize, Action, Caller};
use crate::{App, AppError};

pub const FULL: &str = "full";
pub const SUMMARY: &str = "summary";

#[derive(Debug, Clone, Serialize)]
pub struct ShareView {
    pub id: i64,
    /// `organisation` or `person`.
    pub grantee_kind: &'static str,
    pub grantee: String,
    pub scope: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ShareInput {
    /// An organisation's id …
    #[serde(default)]
    pub org: Option<i64>,
    /// … or a person's login name.
    #[serde(default)]
    pub username: Option<String>,
    /// `full` or `summary`.
    pub scope: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub id: i64,
    /// advice, mentoring or note
    pub kind: String,
    pub body: String,
    pub author: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NoteInput {
    /// advice (default), mentoring or note.
    #[serde(default)]
    pub kind: Option<String>,
    pub body: String,
}

/// The summary of a case: nothing protected, no files, victims and migrants only as counts.
#[derive(Debug, Clone, Serialize)]
pub struct CaseSummaryView {
    #[serde(flatten)]
    pub case: CaseSummary,
    pub summary: String,
    pub stage_history: Vec<StageChangeView>,
    pub offences: Vec<OffenceView>,
    pub subjects: Vec<SubjectView>,
    pub victims: usize,
    pub smuggled_migrants: usize,
    pub children: usize,
    pub evidence_items: usize,
    pub evidence_base: EvidenceBase,
    pub timeline: Vec<EventView>,
    pub notes: Vec<NoteView>,
}

const NOTE_KINDS: [&str; 3] = ["advice", "mentoring", "note"];

impl App {
    pub(crate) async fn case_note_views(&self, case_id: i64) -> Result<Vec<NoteView>, AppError> {
        let mut out = Vec::new();
        for n in self.store.case_notes(case_id).await? {
            let author = match n.author {
                Some(u) => match self.store.get_user(u).await? {
                    Some(user) => {
                        let org = self.store.get_org(user.org_id).await?.map(|o| o.name).unwrap_or_default();
                        Some(format!("{} ({org})", user.display_name))
                    }
                    None => None,
                },
                None => None,
            };
            out.push(NoteView { id: n.id, kind: n.kind, body: n.body, author, created_at: n.created_at });
        }
        Ok(out)
    }

    pub(crate) async fn case_share_views(&self, case_id: i64) -> Result<Vec<ShareView>, AppError> {
        let mut out = Vec::new();
        for s in self.store.list_shares(CASE, case_id).await? {
            let (grantee_kind, grantee) = match s.grantee {
                ShareGrantee::Org(o) => {
                    ("organisation", self.store.get_org(o).await?.map(|o| o.name).unwrap_or_default())
                }
                ShareGrantee::User(u) => (
                    "person",
                    self.store
                        .get_user(u)
                        .await?
                        .map(|u| format!("{} ({})", u.display_name, u.username))
                        .unwrap_or_default(),
                ),
            };
            out.push(ShareView { id: s.id, grantee_kind, grantee, scope: s.scope, created_at: s.created_at });
        }
        Ok(out)
    }

    /// Shares a case with an organisation or a named person, whole or as a summary.
    pub async fn share_case(
        &self,
        caller: &Caller,
        case_id: i64,
        input: &ShareInput,
    ) -> Result<i64, AppError> {
        let (case, record) = self.case_for(caller, case_id, Action::Read).await?;
        authorize(caller, Action::Share, &record)?;
        let scope = match input.scope.trim() {
            FULL => FULL,
            SUMMARY => SUMMARY,
            other => {
                return Err(AppError::invalid(
                    "scope",
                    "invalid",
                    format!("{other:?} is neither full nor summary"),
                ))
            }
        };
        let grantee = match (input.org, input.username.as_deref().map(str::trim).filter(|s| !s.is_empty())) {
            (Some(o), None) => {
                let org = self
                    .store
                    .get_org(OrgId(o))
                    .await?
                    .ok_or_else(|| AppError::invalid("org", "unknown", "no such organisation"))?;
                if org.id == case.owner_org {
                    return Err(AppError::invalid(
                        "org",
                        "invalid",
                        "the case already belongs to this organisation",
                    ));
                }
                ShareGrantee::Org(org.id)
            }
            (None, Some(name)) => {
                let user = self.store.get_user_by_username(name).await?.filter(|u| !u.disabled).ok_or_else(
                    || AppError::invalid("username", "unknown", format!("no active user {name:?}")),
                )?;
                ShareGrantee::User(user.id)
            }
            _ => {
                return Err(AppError::invalid("org", "invalid", "share with one organisation or one person"))
            }
        };
        let existing = self.store.list_shares(CASE, case_id).await?;
        let by =
            caller.user_id().map(UserId).ok_or_else(|| AppError::Denied("a person shares a case".into()))?;
        let mut tx = self.store.begin_write().await?;
        // One share per grantee: sharing again changes its scope.
        for s in existing.iter().filter(|s| s.grantee == grantee) {
            tx.delete_share(s.id).await?;
        }
        let id = tx.insert_share(CASE, case_id, grantee, scope, by).await?;
        let (kind, who) = match grantee {
            ShareGrantee::Org(o) => ("organisation", o.0),
            ShareGrantee::User(u) => ("person", u.0),
        };
        tx.audit(AuditEvent::new("case.share", CASE, case_id).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({ "share": id, "grantee_kind": kind, "grantee": who, "scope": scope }),
        ))
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Ends a share; the grantee loses access at once (and leaves the case team).
    pub async fn revoke_share(&self, caller: &Caller, case_id: i64, share_id: i64) -> Result<(), AppError> {
        let (_, record) = self.case_for(caller, case_id, Action::Read).await?;
        authorize(caller, Action::Share, &record)?;
        let share = self
            .store
            .list_shares(CASE, case_id)
            .await?
            .into_iter()
            .find(|s| s.id == share_id)
            .ok_or(AppError::NotFound("share"))?;
        let team = self.store.case_members(case_id).await?;
        let mut tx = self.store.begin_write().await?;
        tx.delete_share(share_id).await?;
        for m in &team {
            let leaves = match share.grantee {
                ShareGrantee::User(u) => m.user_id == u,
                ShareGrantee::Org(o) => self.store.get_user(m.user_id).await?.is_some_and(|u| u.org_id == o),
            };
            if leaves {
                tx.delete_member(case_id, m.user_id).await?;
            }
        }
        tx.audit(
            AuditEvent::new("case.unshare", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "share": share_id })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The summary of a case, for anyone who may read it whole or as a summary. Audited.
    pub async fn case_summary(&self, caller: &Caller, case_id: i64) -> Result<CaseSummaryView, AppError> {
        let case = self.store.get_case(case_id).await?.ok_or(AppError::NotFound("case"))?;
        authorize(caller, Action::Read, &self.case_record_with(&case, true).await?)?;
        let full = crate::policy::decide(caller, Action::Read, &self.case_record(&case).await?).allowed;
        let orgs = self.org_names().await?;
        let persons = self.store.case_persons(case_id).await?;
        let (evidence, _, evidence_base) = self.case_evidence_parts(case_id).await?;
        // The full view's parts that carry nothing protected.
        let whole = self.case_parts_unaudited(case_id).await?;
        let mut summary = Self::summary_of(case, &orgs);
        summary.access = if full { FULL } else { SUMMARY };
        let view = CaseSummaryView {
            summary: whole.summary,
            stage_history: whole.stage_history,
            offences: whole.offences,
            subjects: whole.subjects,
            victims: persons.iter().filter(|p| p.kind == "victim").count(),
            smuggled_migrants: persons.iter().filter(|p| p.kind == "smuggled_migrant").count(),
            children: persons
                .iter()
                .filter(|p| praxis_model::AgeBand::parse(&p.age_band).is_ok_and(|a| a.is_child()))
                .count(),
            evidence_items: evidence.len(),
            evidence_base,
            timeline: whole.timeline,
            notes: self.case_note_views(case_id).await?,
            case: summary,
        };
        let mut tx = self.store.begin_write().await?;
        tx.audit(AuditEvent::new("case.read.summary", CASE, case_id).by(caller.user_id(), caller.org_id()))
            .await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Writes an advice or mentoring note on a case the caller may read (whole or summary).
    pub async fn add_case_note(
        &self,
        caller: &Caller,
        case_id: i64,
        input: &NoteInput,
    ) -> Result<i64, AppError> {
        let case = self.store.get_case(case_id).await?.ok_or(AppError::NotFound("case"))?;
        authorize(caller, Action::Read, &self.case_record_with(&case, true).await?)?;
        let kind = input.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()).unwrap_or("advice");
        if !NOTE_KINDS.contains(&kind) {
            return Err(AppError::invalid(
                "kind",
                "invalid",
                format!("{kind:?} is not one of: advice, mentoring, note"),
            ));
        }
        let body = input.body.trim();
        if body.chars().count() < 3 || body.chars().count() > 10_000 {
            return Err(AppError::invalid("body", "length", "a note is 3 to 10,000 characters"));
        }
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_note(case_id, kind, body, caller.user_id().map(UserId)).await?;
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.note", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "note": id, "kind": kind })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

impl App {
    /// Records that the case was printed or exported as a brief (after a read the caller may make).
    pub async fn record_case_brief(
        &self,
        caller: &Caller,
        case_id: i64,
        format: &str,
    ) -> Result<(), AppError> {
        self.case_for(caller, case_id, Action::Read).await?;
        let mut tx = self.store.begin_write().await?;
        tx.audit(
            AuditEvent::new("case.brief", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "format": format })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

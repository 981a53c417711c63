//! Cases: the investigators' and prosecutors' case file — crime type, stage and its history,
//! jurisdictions, offences with the provision charged, subjects with their role in the network
//! and their status, victims and smuggled migrants under pseudonyms, the case team and a timeline.
//!
//! A case is an investigative record ([`RecordKind::Case`]): the owning organisation's
//! investigative roles and those it is shared with. The identity of a victim or smuggled migrant
//! is a protected value ([`RecordKind::ProtectedIdentity`]) readable only by the case team with a
//! protecting role; everyone else sees the pseudonym (V-014). Every read of a case and every
//! change is audited.

use std::collections::{BTreeSet, HashMap};

use praxis_model::{
    AgeBand, CrimeType, InvalidValue, Jurisdiction, NetworkRole, Offence, OrgId, PersonKind, Sex, Stage,
    SubjectStatus, UserId,
};
use praxis_store::{AuditEvent, CaseRow, NewCase, NewPerson, NewSubject, ShareGrantee};
use serde::{Deserialize, Serialize};

use crate::policy::{authorize, decide, Action, Caller, Grantee, RecordKind, RecordRef};
use crate::validate::{date, invalid, text};
use crate::{App, AppError};

/// The record type under which cases are audited, shared and protected.
pub const CASE: &str = "case";
/// The record type of a protected person's identity (one protected field, `identity`).
pub const CASE_PERSON: &str = "case_person";
const IDENTITY_FIELD: &str = "identity";

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CaseFilter {
    /// tip, som or both (a `both` case matches tip and som).
    #[serde(default)]
    pub crime_type: Option<String>,
    #[serde(default)]
    pub stage: Option<String>,
    /// A country or subdivision code (PK matches PK-PB).
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Words in the title or reference.
    #[serde(default)]
    pub q: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseSummary {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub crime_type: CrimeType,
    pub stage: Stage,
    pub owner_org: i64,
    pub owner_org_name: String,
    pub jurisdictions: Vec<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// `full`, or `summary` when the case is shared with the caller as a summary only.
    pub access: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageChangeView {
    pub stage: Stage,
    pub note: String,
    pub changed_by: Option<String>,
    pub changed_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct OffenceView {
    pub id: i64,
    pub offence: Offence,
    pub provision: String,
    pub jurisdiction: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectView {
    pub id: i64,
    pub name: String,
    pub aliases: String,
    pub network_role: NetworkRole,
    pub status: SubjectStatus,
    pub nationality: String,
    pub notes: String,
    /// Accounts held or controlled, as written in the case's financial-flows datasets.
    pub accounts: Vec<String>,
}

/// A victim or smuggled migrant as everyone allowed to read the case sees them: a pseudonym and
/// non-identifying figures.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub id: i64,
    pub kind: PersonKind,
    pub pseudonym: String,
    pub sex: Sex,
    pub age_band: AgeBand,
    pub child: bool,
    pub nationality: String,
    pub exploitation: String,
    /// Violence was used against the person.
    pub violence: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub id: i64,
    /// YYYY-MM-DD
    pub occurred_on: String,
    pub title: String,
    pub detail: String,
}

/// The parts of a case that carry nothing protected.
pub(crate) struct CaseParts {
    pub summary: String,
    pub stage_history: Vec<StageChangeView>,
    pub offences: Vec<OffenceView>,
    pub subjects: Vec<SubjectView>,
    pub timeline: Vec<EventView>,
}

/// What the caller may do on the case, for faces to offer only what will be allowed.
#[derive(Debug, Clone, Serialize)]
pub struct CasePermissions {
    pub write: bool,
    /// The caller is on the team with a protecting role: may record and reveal identities.
    pub identities: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    #[serde(flatten)]
    pub case: CaseSummary,
    pub summary: String,
    pub stage_history: Vec<StageChangeView>,
    pub offences: Vec<OffenceView>,
    pub subjects: Vec<SubjectView>,
    pub persons: Vec<PersonView>,
    pub team: Vec<MemberView>,
    pub timeline: Vec<EventView>,
    /// The evidence register (files listed; each item's custody is on the item).
    pub evidence: Vec<crate::evidence::EvidenceView>,
    pub inquiries: Vec<crate::evidence::InquiryView>,
    /// How far the case rests on testimony alone.
    pub evidence_base: crate::evidence::EvidenceBase,
    /// Advice and mentoring notes.
    pub notes: Vec<crate::sharing::NoteView>,
    /// Who the case is shared with (for those who may share it).
    pub shares: Vec<crate::sharing::ShareView>,
    pub permissions: CasePermissions,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewCaseInput {
    /// The organisation's own reference (unique within it), e.g. FIA/AHTC/LHR/2026/014.
    pub reference: String,
    pub title: String,
    /// tip, som or both
    pub crime_type: String,
    /// Default: intelligence.
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub summary: String,
    /// ISO 3166 codes; default: the owning organisation's.
    #[serde(default)]
    pub jurisdictions: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StageInput {
    pub stage: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OffenceInput {
    pub offence: String,
    /// The legal provision charged, e.g. "Prevention of Trafficking in Persons Act 2018, s. 3".
    pub provision: String,
    /// Default: the case's first jurisdiction.
    #[serde(default)]
    pub jurisdiction: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SubjectInput {
    pub name: String,
    #[serde(default)]
    pub aliases: String,
    pub network_role: String,
    /// Default: suspect.
    #[serde(default)]
    pub status: Option<String>,
    /// ISO 3166-1 country code.
    #[serde(default)]
    pub nationality: String,
    #[serde(default)]
    pub notes: String,
    /// Accounts held or controlled, comma-separated (as in the financial-flows datasets).
    #[serde(default)]
    pub accounts: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SubjectUpdate {
    #[serde(default)]
    pub network_role: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// Replaces the accounts when given.
    #[serde(default)]
    pub accounts: Option<String>,
}

/// Account identifiers from a comma- or space-separated list: trimmed, without repeats, in order.
pub(crate) fn account_list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in s.split([',', ';', ' ', '\n']).map(str::trim).filter(|a| !a.is_empty()) {
        if !out.iter().any(|b| b == a) {
            out.push(a.to_owned());
        }
    }
    out
}

fn accounts_text(field: &'static str, s: &str) -> Result<String, AppError> {
    let list = account_list(s);
    if list.len() > 100 || list.iter().any(|a| a.chars().count() > 100 || a.chars().any(char::is_control)) {
        return Err(invalid(field, "at most 100 accounts of at most 100 characters each"));
    }
    Ok(list.join(", "))
}

/// Who a victim or smuggled migrant is: stored encrypted, shown only to the case team.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct PersonIdentity {
    pub full_name: String,
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonInput {
    /// victim or smuggled_migrant
    pub kind: String,
    #[serde(default)]
    pub sex: Option<String>,
    #[serde(default)]
    pub age_band: Option<String>,
    #[serde(default)]
    pub nationality: String,
    /// Form of exploitation (forced labour, sexual exploitation …) or, for a migrant, what was
    /// endured.
    #[serde(default)]
    pub exploitation: String,
    #[serde(default)]
    pub violence: bool,
    pub identity: PersonIdentity,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventInput {
    /// YYYY-MM-DD
    pub occurred_on: String,
    pub title: String,
    #[serde(default)]
    pub detail: String,
}

/// A revealed identity, with the policy's reason (the read is audited).
#[derive(Debug, Clone, Serialize)]
pub struct IdentityReveal {
    pub pseudonym: String,
    pub identity: PersonIdentity,
    pub reason: String,
}

fn country(field: &'static str, s: &str) -> Result<String, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let j = Jurisdiction::parse(s).map_err(|e| invalid(field, e.to_string()))?;
    if j.country() != j {
        return Err(invalid(field, format!("{s} is a subdivision; give the country code ({})", j.country())));
    }
    Ok(j.code().to_owned())
}

fn parsed<T>(r: Result<T, InvalidValue>) -> Result<T, AppError> {
    r.map_err(AppError::Invalid)
}

/// Stored codes were written by this build's vocabulary; a code it does not know (a newer
/// version's) shows as the nearest neutral term rather than failing the page.
fn stored<T: Copy>(r: Result<T, InvalidValue>, fallback: T) -> T {
    r.unwrap_or(fallback)
}

impl App {
    /// The policy's view of a case: owner, first jurisdiction, shares, team.
    /// The policy's view of the whole case: owner, first jurisdiction, whole-case shares, team.
    pub(crate) async fn case_record(&self, case: &CaseRow) -> Result<RecordRef, AppError> {
        self.case_record_with(case, false).await
    }

    /// [`App::case_record`], counting summary shares as well when `summaries` (for reading the
    /// summary view, which carries nothing protected).
    pub(crate) async fn case_record_with(
        &self,
        case: &CaseRow,
        summaries: bool,
    ) -> Result<RecordRef, AppError> {
        let mut r = RecordRef::new(RecordKind::Case, Some(case.owner_org));
        r.jurisdiction = case.jurisdictions.first().and_then(|j| Jurisdiction::parse(j).ok());
        r.shares = self
            .store
            .list_shares(CASE, case.id)
            .await?
            .into_iter()
            .filter(|s| summaries || s.scope == crate::sharing::FULL)
            .map(|s| match s.grantee {
                ShareGrantee::Org(o) => Grantee::Org(o),
                ShareGrantee::User(u) => Grantee::User(u),
            })
            .collect();
        r.assigned = self.store.case_members(case.id).await?.into_iter().map(|m| m.user_id).collect();
        Ok(r)
    }

    /// The protected identities of a case's persons: owned like the case, assigned to its team,
    /// encrypted under the owning organisation's country key.
    async fn identity_record(&self, case: &CaseRow) -> Result<RecordRef, AppError> {
        let mut r = self.case_record(case).await?;
        r.kind = RecordKind::ProtectedIdentity;
        let owner = self.store.get_org(case.owner_org).await?.ok_or(AppError::NotFound("organisation"))?;
        r.jurisdiction = Some(owner.jurisdiction.country());
        Ok(r)
    }

    /// Loads a case and checks `action` on it. A case the caller may not read is "not allowed",
    /// as is one that does not exist for someone with no investigative role.
    pub(crate) async fn case_for(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<(CaseRow, RecordRef), AppError> {
        let case = self.store.get_case(id).await?.ok_or(AppError::NotFound("case"))?;
        let record = self.case_record(&case).await?;
        authorize(caller, action, &record)?;
        Ok((case, record))
    }

    pub(crate) async fn org_names(&self) -> Result<HashMap<OrgId, String>, AppError> {
        Ok(self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect())
    }

    pub(crate) fn summary_of(case: CaseRow, orgs: &HashMap<OrgId, String>) -> CaseSummary {
        CaseSummary {
            id: case.id,
            owner_org_name: orgs.get(&case.owner_org).cloned().unwrap_or_default(),
            owner_org: case.owner_org.0,
            reference: case.reference,
            title: case.title,
            crime_type: stored(CrimeType::parse(&case.crime_type), CrimeType::Both),
            stage: stored(Stage::parse(&case.stage), Stage::Intelligence),
            jurisdictions: case.jurisdictions,
            created_at: case.created_at,
            updated_at: case.updated_at,
            access: crate::sharing::FULL,
        }
    }

    /// The cases the caller may read, newest activity first, filtered.
    pub async fn cases(&self, caller: &Caller, filter: &CaseFilter) -> Result<Vec<CaseSummary>, AppError> {
        let crime = match filter.crime_type.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Some(parsed(CrimeType::parse(s))?),
            None => None,
        };
        let stage = match filter.stage.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Some(parsed(Stage::parse(s))?),
            None => None,
        };
        let jurisdiction = match filter.jurisdiction.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(Jurisdiction::parse(s).map_err(|e| invalid("jurisdiction", e.to_string()))?),
            None => None,
        };
        let words: Vec<String> =
            filter.q.as_deref().unwrap_or("").split_whitespace().map(str::to_lowercase).collect();
        let orgs = self.org_names().await?;
        let mut out = Vec::new();
        for case in self.store.list_cases().await? {
            let access = if decide(caller, Action::Read, &self.case_record(&case).await?).allowed {
                crate::sharing::FULL
            } else if decide(caller, Action::Read, &self.case_record_with(&case, true).await?).allowed {
                crate::sharing::SUMMARY
            } else {
                continue;
            };
            let mut summary = Self::summary_of(case, &orgs);
            summary.access = access;
            if crime.is_some_and(|c| !summary.crime_type.covers(c))
                || stage.is_some_and(|s| summary.stage != s)
            {
                continue;
            }
            if let Some(j) = &jurisdiction {
                let hit = summary
                    .jurisdictions
                    .iter()
                    .any(|c| c == j.code() || (j.country() == *j && c.split('-').next() == Some(j.code())));
                if !hit {
                    continue;
                }
            }
            let hay = format!("{} {}", summary.reference, summary.title).to_lowercase();
            if !words.iter().all(|w| hay.contains(w.as_str())) {
                continue;
            }
            out.push(summary);
        }
        Ok(out)
    }

    /// Opens a case in the caller's organisation; the caller joins its team.
    pub async fn create_case(&self, caller: &Caller, input: &NewCaseInput) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("cases are opened by a person signed in to an organisation".into()));
        };
        authorize(caller, Action::Create, &RecordRef::new(RecordKind::Case, Some(actor.org.id)))?;
        let reference = text("reference", &input.reference, 1, 80, false)?;
        let title = text("title", &input.title, 3, 200, false)?;
        let crime_type = parsed(CrimeType::parse(&input.crime_type))?;
        let stage = match input.stage.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => parsed(Stage::parse(s))?,
            None => Stage::Intelligence,
        };
        let summary = text("summary", &input.summary, 0, 5000, true)?;
        let mut jurisdictions = BTreeSet::new();
        for j in input.jurisdictions.iter().flat_map(|j| j.split([',', ' '])).filter(|j| !j.trim().is_empty())
        {
            let j = Jurisdiction::parse(j.trim()).map_err(|e| invalid("jurisdictions", e.to_string()))?;
            jurisdictions.insert(j.code().to_owned());
        }
        if jurisdictions.is_empty() {
            jurisdictions.insert(actor.org.jurisdiction.code().to_owned());
        }
        let new = NewCase {
            owner_org: actor.org.id,
            reference,
            title,
            crime_type: crime_type.as_str().into(),
            stage: stage.as_str().into(),
            summary,
            created_by: Some(actor.user_id),
            jurisdictions: jurisdictions.into_iter().collect(),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_case(&new).await?;
        tx.insert_member(id, actor.user_id, Some(actor.user_id)).await?;
        tx.audit(
            AuditEvent::new("case.create", CASE, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "reference": new.reference, "crime_type": new.crime_type })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The parts of a case that carry nothing protected, read without a policy check or audit:
    /// callers check access and audit the read.
    pub(crate) async fn case_parts_unaudited(&self, id: i64) -> Result<CaseParts, AppError> {
        let case = self.store.get_case(id).await?.ok_or(AppError::NotFound("case"))?;
        let mut users: HashMap<UserId, String> = HashMap::new();
        let history = self.store.case_stage_history(id).await?;
        for uid in history.iter().filter_map(|h| h.changed_by) {
            if let std::collections::hash_map::Entry::Vacant(e) = users.entry(uid) {
                if let Some(u) = self.store.get_user(uid).await? {
                    e.insert(u.display_name);
                }
            }
        }
        Ok(CaseParts {
            summary: case.summary,
            stage_history: history
                .into_iter()
                .map(|h| StageChangeView {
                    stage: stored(Stage::parse(&h.stage), Stage::Intelligence),
                    note: h.note,
                    changed_by: h.changed_by.and_then(|u| users.get(&u).cloned()),
                    changed_at: h.changed_at,
                })
                .collect(),
            offences: self
                .store
                .case_offences(id)
                .await?
                .into_iter()
                .map(|o| OffenceView {
                    id: o.id,
                    offence: stored(Offence::parse(&o.offence), Offence::Other),
                    provision: o.provision,
                    jurisdiction: o.jurisdiction,
                })
                .collect(),
            subjects: self
                .store
                .case_subjects(id)
                .await?
                .into_iter()
                .map(|s| SubjectView {
                    id: s.id,
                    name: s.name,
                    aliases: s.aliases,
                    network_role: stored(NetworkRole::parse(&s.network_role), NetworkRole::Other),
                    status: stored(SubjectStatus::parse(&s.status), SubjectStatus::Suspect),
                    nationality: s.nationality,
                    notes: s.notes,
                    accounts: account_list(&s.accounts),
                })
                .collect(),
            timeline: self
                .store
                .case_events(id)
                .await?
                .into_iter()
                .map(|e| EventView { id: e.id, occurred_on: e.occurred_on, title: e.title, detail: e.detail })
                .collect(),
        })
    }

    /// The whole case as the caller may see it (pseudonyms, never identities). The read is
    /// audited.
    pub async fn case(&self, caller: &Caller, id: i64) -> Result<CaseView, AppError> {
        let (case, record) = self.case_for(caller, id, Action::Read).await?;
        let identity_record = self.identity_record(&case).await?;
        let permissions = CasePermissions {
            write: decide(caller, Action::Write, &record).allowed,
            identities: decide(caller, Action::ReadProtected, &identity_record).allowed,
        };
        let (evidence, inquiries, evidence_base) = self.case_evidence_parts(id).await?;
        let notes = self.case_note_views(id).await?;
        let shares = if decide(caller, Action::Share, &record).allowed {
            self.case_share_views(id).await?
        } else {
            vec![]
        };
        let parts = self.case_parts_unaudited(id).await?;
        let view = CaseView {
            notes,
            shares,
            evidence,
            inquiries,
            evidence_base,
            summary: parts.summary,
            stage_history: parts.stage_history,
            offences: parts.offences,
            subjects: parts.subjects,
            persons: self.store.case_persons(id).await?.into_iter().map(person_view).collect(),
            team: self
                .store
                .case_members(id)
                .await?
                .into_iter()
                .map(|m| MemberView {
                    user_id: m.user_id.0,
                    username: m.username,
                    display_name: m.display_name,
                })
                .collect(),
            timeline: parts.timeline,
            permissions,
            case: Self::summary_of(case, &self.org_names().await?),
        };
        let mut tx = self.store.begin_write().await?;
        tx.audit(AuditEvent::new("case.read", CASE, id).by(caller.user_id(), caller.org_id())).await?;
        tx.commit().await?;
        Ok(view)
    }

    pub async fn set_case_stage(&self, caller: &Caller, id: i64, input: &StageInput) -> Result<(), AppError> {
        let (case, _) = self.case_for(caller, id, Action::Write).await?;
        let stage = parsed(Stage::parse(&input.stage))?;
        let note = text("note", &input.note, 0, 1000, true)?;
        if case.stage == stage.as_str() {
            return Err(AppError::invalid("stage", "unchanged", format!("the case is already at {stage}")));
        }
        let mut tx = self.store.begin_write().await?;
        tx.set_case_stage(id, stage.as_str(), &note, caller.user_id().map(UserId)).await?;
        tx.audit(
            AuditEvent::new("case.stage", CASE, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "from": case.stage, "to": stage.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_offence(&self, caller: &Caller, id: i64, input: &OffenceInput) -> Result<i64, AppError> {
        let (case, _) = self.case_for(caller, id, Action::Write).await?;
        let offence = parsed(Offence::parse(&input.offence))?;
        let provision = text("provision", &input.provision, 3, 300, false)?;
        let jurisdiction = match input.jurisdiction.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(j) => {
                Jurisdiction::parse(j).map_err(|e| invalid("jurisdiction", e.to_string()))?.code().to_owned()
            }
            None => case.jurisdictions.first().cloned().unwrap_or_default(),
        };
        let mut tx = self.store.begin_write().await?;
        let oid = tx.insert_offence(id, offence.as_str(), &provision, &jurisdiction).await?;
        tx.audit(
            AuditEvent::new("case.offence.add", CASE, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "offence": offence.as_str(), "provision": provision })),
        )
        .await?;
        tx.commit().await?;
        Ok(oid)
    }

    pub async fn add_subject(&self, caller: &Caller, id: i64, input: &SubjectInput) -> Result<i64, AppError> {
        self.case_for(caller, id, Action::Write).await?;
        let subject = NewSubject {
            name: text("name", &input.name, 1, 200, false)?,
            aliases: text("aliases", &input.aliases, 0, 500, false)?,
            network_role: parsed(NetworkRole::parse(&input.network_role))?.as_str().into(),
            status: match input.status.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => parsed(SubjectStatus::parse(s))?,
                None => SubjectStatus::Suspect,
            }
            .as_str()
            .into(),
            nationality: country("nationality", &input.nationality)?,
            notes: text("notes", &input.notes, 0, 2000, true)?,
            accounts: accounts_text("accounts", &input.accounts)?,
        };
        let mut tx = self.store.begin_write().await?;
        let sid = tx.insert_subject(id, &subject).await?;
        tx.audit(
            AuditEvent::new("case.subject.add", CASE, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "subject": sid, "network_role": subject.network_role })),
        )
        .await?;
        tx.commit().await?;
        Ok(sid)
    }

    /// Changes a subject's role in the network or status (arrested, charged …).
    pub async fn update_subject(
        &self,
        caller: &Caller,
        case_id: i64,
        subject_id: i64,
        input: &SubjectUpdate,
    ) -> Result<(), AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let subject = self.store.get_subject(subject_id).await?.filter(|s| s.case_id == case_id);
        let subject = subject.ok_or(AppError::NotFound("subject"))?;
        let role = match input.network_role.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(r) => parsed(NetworkRole::parse(r))?.as_str().to_owned(),
            None => subject.network_role.clone(),
        };
        let status = match input.status.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => parsed(SubjectStatus::parse(s))?.as_str().to_owned(),
            None => subject.status.clone(),
        };
        let accounts = match &input.accounts {
            Some(a) => accounts_text("accounts", a)?,
            None => subject.accounts.clone(),
        };
        let mut tx = self.store.begin_write().await?;
        tx.update_subject(subject_id, &role, &status, &accounts).await?;
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.subject.update", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({
                    "subject": subject_id,
                    "network_role": [subject.network_role, role],
                    "status": [subject.status, status],
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a victim or smuggled migrant: the pseudonym and figures in the case, the identity
    /// encrypted. Only the case team with a protecting role may record one.
    pub async fn add_person(
        &self,
        caller: &Caller,
        id: i64,
        input: &PersonInput,
    ) -> Result<PersonView, AppError> {
        let (case, _) = self.case_for(caller, id, Action::Write).await?;
        let identity_record = self.identity_record(&case).await?;
        authorize(caller, Action::Write, &identity_record)?;
        let kind = parsed(PersonKind::parse(&input.kind))?;
        let identity = PersonIdentity {
            full_name: text("full_name", &input.identity.full_name, 1, 200, false)?,
            date_of_birth: match input.identity.date_of_birth.trim() {
                "" => String::new(),
                d => date("date_of_birth", d)?.to_string(),
            },
            contact: text("contact", &input.identity.contact, 0, 300, false)?,
            notes: text("identity_notes", &input.identity.notes, 0, 2000, true)?,
        };
        let person = NewPerson {
            kind: kind.as_str().into(),
            prefix: kind.pseudonym_prefix().into(),
            sex: match input.sex.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => parsed(Sex::parse(s))?,
                None => Sex::Unknown,
            }
            .as_str()
            .into(),
            age_band: match input.age_band.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => parsed(AgeBand::parse(s))?,
                None => AgeBand::Unknown,
            }
            .as_str()
            .into(),
            nationality: country("nationality", &input.nationality)?,
            exploitation: text("exploitation", &input.exploitation, 0, 200, false)?,
            violence: input.violence,
        };
        let jurisdiction = identity_record.jurisdiction.clone().ok_or(AppError::NotFound("organisation"))?;
        let plain = serde_json::to_string(&identity)
            .map_err(|e| AppError::invalid("identity", "invalid", e.to_string()))?;
        let mut tx = self.store.begin_write().await?;
        let (pid, pseudonym) = tx.insert_person(id, case.owner_org, &person).await?;
        tx.put_protected(CASE_PERSON, pid, IDENTITY_FIELD, jurisdiction.code(), &plain).await?;
        tx.audit(
            AuditEvent::new("case.person.add", CASE, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "person": pid, "pseudonym": pseudonym, "kind": person.kind })),
        )
        .await?;
        tx.commit().await?;
        let row = self.store.get_person(pid).await?.ok_or(AppError::NotFound("person"))?;
        Ok(person_view(row))
    }

    /// Shows who a pseudonym is, to the case team with a protecting role. Audited, refusals too.
    pub async fn reveal_person(
        &self,
        caller: &Caller,
        case_id: i64,
        person_id: i64,
    ) -> Result<IdentityReveal, AppError> {
        let (case, _) = self.case_for(caller, case_id, Action::Read).await?;
        let person = self.store.get_person(person_id).await?.filter(|p| p.case_id == case_id);
        let person = person.ok_or(AppError::NotFound("person"))?;
        let record = self.identity_record(&case).await?;
        let reveal = self
            .reveal_protected(caller, &record, CASE_PERSON, person_id, IDENTITY_FIELD)
            .await?
            .ok_or(AppError::NotFound("identity"))?;
        let identity: PersonIdentity = serde_json::from_str(&reveal.value).map_err(|e| {
            AppError::Internal(praxis_store::StoreError::Decrypt(format!("identity record: {e}")))
        })?;
        Ok(IdentityReveal { pseudonym: person.pseudonym, identity, reason: reveal.reason.to_owned() })
    }

    /// Adds someone to the case team: a member of the owning organisation, or of an organisation
    /// (or a person) the case is shared with.
    pub async fn add_case_member(
        &self,
        caller: &Caller,
        case_id: i64,
        username: &str,
    ) -> Result<(), AppError> {
        let (case, record) = self.case_for(caller, case_id, Action::Write).await?;
        let user = self
            .store
            .get_user_by_username(username.trim())
            .await?
            .filter(|u| !u.disabled)
            .ok_or_else(|| invalid("username", format!("no active user {:?}", username.trim())))?;
        let eligible = user.org_id == case.owner_org
            || record.shares.contains(&Grantee::Org(user.org_id))
            || record.shares.contains(&Grantee::User(user.id));
        if !eligible {
            return Err(invalid(
                "username",
                "the case team is drawn from the owning organisation and those the case is shared with",
            ));
        }
        let mut tx = self.store.begin_write().await?;
        if tx.insert_member(case_id, user.id, caller.user_id().map(UserId)).await? {
            tx.audit(
                AuditEvent::new("case.member.add", CASE, case_id)
                    .by(caller.user_id(), caller.org_id())
                    .detail(serde_json::json!({ "user": user.id.0 })),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn remove_case_member(
        &self,
        caller: &Caller,
        case_id: i64,
        user_id: i64,
    ) -> Result<(), AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let mut tx = self.store.begin_write().await?;
        if !tx.delete_member(case_id, UserId(user_id)).await? {
            return Err(AppError::NotFound("team member"));
        }
        tx.audit(
            AuditEvent::new("case.member.remove", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "user": user_id })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_case_event(
        &self,
        caller: &Caller,
        case_id: i64,
        input: &EventInput,
    ) -> Result<i64, AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let on = date("occurred_on", &input.occurred_on)?.to_string();
        let title = text("title", &input.title, 2, 200, false)?;
        let detail = text("detail", &input.detail, 0, 5000, true)?;
        let mut tx = self.store.begin_write().await?;
        let eid = tx.insert_event(case_id, &on, &title, &detail, caller.user_id().map(UserId)).await?;
        tx.audit(
            AuditEvent::new("case.event.add", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "event": eid, "occurred_on": on })),
        )
        .await?;
        tx.commit().await?;
        Ok(eid)
    }
}

fn person_view(p: praxis_store::PersonRow) -> PersonView {
    let age_band = stored(AgeBand::parse(&p.age_band), AgeBand::Unknown);
    PersonView {
        id: p.id,
        kind: stored(PersonKind::parse(&p.kind), PersonKind::Victim),
        pseudonym: p.pseudonym,
        sex: stored(Sex::parse(&p.sex), Sex::Unknown),
        child: age_band.is_child(),
        age_band,
        nationality: p.nationality,
        exploitation: p.exploitation,
        violence: p.violence,
    }
}

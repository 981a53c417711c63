//! The evidence register of a case, its chain of custody and lines of inquiry, and the measure of
//! how far a case rests on testimony alone.
//!
//! Evidence is part of its case: reading it needs the case's read permission, changing it the
//! case's write permission. Files are kept as received with their SHA-256 and never altered; each
//! opening of a file is written to the item's chain of custody and to the audit log.
//!
//! The evidence base of a case (see [`EvidenceBase`]) counts, for each charged subject (every
//! subject while nobody is charged) and each offence, whether at least one item of evidence other
//! than testimony supports it; inadmissible items do not count.

use std::collections::HashMap;

use praxis_model::{
    Admissibility, CustodyAction, EvidenceKind, InquiryStatus, InvalidValue, Jurisdiction, OrgId, UserId,
};
use praxis_store::{AuditEvent, CaseRow, EvidenceRow, InquiryRow, NewEvidence};
use serde::{Deserialize, Serialize};

use crate::auth::sha256_hex;
use crate::cases::CASE;
use crate::policy::{decide, Action, Caller};
use crate::validate::{date, invalid};
use crate::{App, AppError};

/// Largest file attached to an evidence item.
pub const MAX_EVIDENCE_FILE_BYTES: usize = 64 << 20;

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceFileView {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub added_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CustodyView {
    pub action: CustodyAction,
    pub from_party: String,
    pub to_party: String,
    pub note: String,
    pub by: Option<String>,
    pub at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub id: i64,
    pub kind: EvidenceKind,
    pub description: String,
    pub source: String,
    /// YYYY-MM-DD
    pub obtained_on: String,
    pub legal_basis: String,
    pub admissibility: Admissibility,
    pub inquiry: Option<i64>,
    /// Subjects and offences (ids in the case) the item supports.
    pub subjects: Vec<i64>,
    pub offences: Vec<i64>,
    pub files: Vec<EvidenceFileView>,
    /// Only on the item itself ([`App::evidence_item`]); empty in the case's register.
    pub custody: Vec<CustodyView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InquiryView {
    pub id: i64,
    pub kind: EvidenceKind,
    pub title: String,
    pub owner: Option<String>,
    pub status: InquiryStatus,
    /// Evidence items the line produced.
    pub evidence: Vec<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EvidenceInput {
    pub kind: String,
    pub description: String,
    pub source: String,
    /// YYYY-MM-DD
    pub obtained_on: String,
    #[serde(default)]
    pub legal_basis: String,
    /// Default: not_assessed.
    #[serde(default)]
    pub admissibility: Option<String>,
    /// The line of inquiry that produced it.
    #[serde(default)]
    pub inquiry: Option<i64>,
    #[serde(default)]
    pub subjects: Vec<i64>,
    #[serde(default)]
    pub offences: Vec<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CustodyInput {
    /// obtained, transferred, examined, sealed or returned (accesses are recorded by Praxis).
    pub action: String,
    #[serde(default)]
    pub from_party: String,
    #[serde(default)]
    pub to_party: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct InquiryInput {
    /// The kind of evidence the line seeks (financial, digital_telecom …).
    pub kind: String,
    pub title: String,
    /// Login name of the owner; default: the caller.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// One thing that must be proved: a subject or an offence, and what supports it.
#[derive(Debug, Clone, Serialize)]
pub struct SupportedUnit {
    /// `subject` or `offence`.
    pub unit: &'static str,
    pub id: i64,
    pub label: String,
    pub testimonial: usize,
    pub corroborating: usize,
    /// At least one admissible-or-pending item other than testimony.
    pub supported: bool,
}

/// How far a case rests on testimony alone.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceBase {
    /// Subjects and offences measured.
    pub units: Vec<SupportedUnit>,
    /// Supported units over all units, 0..=1; `None` when there is nothing to measure yet.
    pub share: Option<f64>,
    /// Units to prove exist and none has evidence other than testimony.
    pub testimony_only: bool,
    /// Whether the subjects measured are the charged ones (otherwise all, as nobody is charged).
    pub charged_only: bool,
    /// Live lines of inquiry that seek evidence other than testimony: what could corroborate it.
    pub corroborating_inquiries: Vec<InquiryView>,
}

/// A case in the overview of evidence bases.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceBaseRow {
    pub case: i64,
    pub reference: String,
    pub title: String,
    pub owner_org: String,
    pub jurisdictions: Vec<String>,
    pub share: Option<f64>,
    pub units: usize,
    pub supported: usize,
    pub testimony_only: bool,
    pub corroborating_inquiries: usize,
}

/// A group (organisation or country) in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceBaseGroup {
    pub group: String,
    pub cases: usize,
    /// Supported units over all units of the group's cases.
    pub share: Option<f64>,
    pub testimony_only: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EvidenceBaseOverview {
    pub cases: Vec<EvidenceBaseRow>,
    pub by_organisation: Vec<EvidenceBaseGroup>,
    pub by_country: Vec<EvidenceBaseGroup>,
}

fn parsed<T>(r: Result<T, InvalidValue>) -> Result<T, AppError> {
    r.map_err(AppError::Invalid)
}

/// A file name as shown and offered for download: the last path part, without control characters
/// or quotes, at most 200 characters.
fn clean_file_name(name: &str) -> Result<String, AppError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return Err(invalid("file_name", "the file needs a name"));
    }
    Ok(cleaned)
}

fn inquiry_view(i: InquiryRow, evidence: &[EvidenceRow], users: &HashMap<UserId, String>) -> InquiryView {
    InquiryView {
        id: i.id,
        kind: EvidenceKind::parse(&i.kind).unwrap_or(EvidenceKind::Documentary),
        title: i.title,
        owner: i.owner.and_then(|u| users.get(&u).cloned()),
        status: InquiryStatus::parse(&i.status).unwrap_or(InquiryStatus::Open),
        evidence: evidence.iter().filter(|e| e.inquiry_id == Some(i.id)).map(|e| e.id).collect(),
    }
}

/// The measure itself, from the case's parts (pure; shared by the case page and the overview).
fn measure(
    subjects: &[praxis_store::SubjectRow],
    offences: &[praxis_store::OffenceRow],
    evidence: &[EvidenceRow],
    inquiries: Vec<InquiryView>,
) -> EvidenceBase {
    let charged: Vec<&praxis_store::SubjectRow> = subjects
        .iter()
        .filter(|s| praxis_model::SubjectStatus::parse(&s.status).is_ok_and(|st| st.is_charged()))
        .collect();
    let charged_only = !charged.is_empty();
    let measured: Vec<&praxis_store::SubjectRow> =
        if charged_only { charged } else { subjects.iter().collect() };
    let counting: Vec<(&EvidenceRow, bool)> = evidence
        .iter()
        .filter(|e| Admissibility::parse(&e.admissibility).ok() != Some(Admissibility::Inadmissible))
        .map(|e| (e, EvidenceKind::parse(&e.kind).is_ok_and(|k| k.is_testimonial())))
        .collect();
    let unit = |unit: &'static str, id: i64, label: String, supports: &dyn Fn(&EvidenceRow) -> bool| {
        let testimonial = counting.iter().filter(|(e, t)| *t && supports(e)).count();
        let corroborating = counting.iter().filter(|(e, t)| !*t && supports(e)).count();
        SupportedUnit { unit, id, label, testimonial, corroborating, supported: corroborating > 0 }
    };
    let mut units: Vec<SupportedUnit> = measured
        .iter()
        .map(|s| unit("subject", s.id, s.name.clone(), &|e| e.subjects.contains(&s.id)))
        .collect();
    units.extend(offences.iter().map(|o| {
        unit("offence", o.id, format!("{} ({})", o.offence, o.provision), &|e| e.offences.contains(&o.id))
    }));
    let supported = units.iter().filter(|u| u.supported).count();
    let share = (!units.is_empty()).then(|| supported as f64 / units.len() as f64);
    EvidenceBase {
        testimony_only: !units.is_empty() && supported == 0,
        share,
        charged_only,
        units,
        corroborating_inquiries: inquiries
            .into_iter()
            .filter(|i| i.status.is_live() && !i.kind.is_testimonial())
            .collect(),
    }
}

impl App {
    async fn user_names(&self, ids: Vec<UserId>) -> Result<HashMap<UserId, String>, AppError> {
        let mut out = HashMap::new();
        for id in ids {
            if let std::collections::hash_map::Entry::Vacant(e) = out.entry(id) {
                if let Some(u) = self.store.get_user(id).await? {
                    e.insert(u.display_name);
                }
            }
        }
        Ok(out)
    }

    /// The register of a case (files listed, custody on the item), its lines of inquiry and its
    /// evidence base. The caller must be allowed to read the case (checked by the caller of this
    /// crate-internal function).
    pub(crate) async fn case_evidence_parts(
        &self,
        case_id: i64,
    ) -> Result<(Vec<EvidenceView>, Vec<InquiryView>, EvidenceBase), AppError> {
        let evidence = self.store.list_evidence(Some(case_id)).await?;
        let inquiries = self.store.list_inquiries(Some(case_id)).await?;
        let users = self.user_names(inquiries.iter().filter_map(|i| i.owner).collect()).await?;
        let inquiry_views: Vec<InquiryView> =
            inquiries.into_iter().map(|i| inquiry_view(i, &evidence, &users)).collect();
        let base = measure(
            &self.store.case_subjects(case_id).await?,
            &self.store.case_offences(case_id).await?,
            &evidence,
            inquiry_views.clone(),
        );
        let mut views = Vec::with_capacity(evidence.len());
        for e in evidence {
            let files = self.store.evidence_files(e.id).await?;
            views.push(evidence_view(e, files, vec![]));
        }
        Ok((views, inquiry_views, base))
    }

    async fn evidence_of(
        &self,
        caller: &Caller,
        case_id: i64,
        evidence_id: i64,
        action: Action,
    ) -> Result<(CaseRow, EvidenceRow), AppError> {
        let (case, _) = self.case_for(caller, case_id, action).await?;
        let item = self.store.get_evidence(evidence_id).await?.filter(|e| e.case_id == case_id);
        Ok((case, item.ok_or(AppError::NotFound("evidence item"))?))
    }

    /// One item with its files and its whole chain of custody.
    pub async fn evidence_item(
        &self,
        caller: &Caller,
        case_id: i64,
        evidence_id: i64,
    ) -> Result<EvidenceView, AppError> {
        let (_, item) = self.evidence_of(caller, case_id, evidence_id, Action::Read).await?;
        let files = self.store.evidence_files(evidence_id).await?;
        let custody = self.store.custody_events(evidence_id).await?;
        let users = self.user_names(custody.iter().filter_map(|c| c.by_user).collect()).await?;
        let custody = custody
            .into_iter()
            .map(|c| CustodyView {
                action: CustodyAction::parse(&c.action).unwrap_or(CustodyAction::Examined),
                from_party: c.from_party,
                to_party: c.to_party,
                note: c.note,
                by: c.by_user.and_then(|u| users.get(&u).cloned()),
                at: c.at,
            })
            .collect();
        Ok(evidence_view(item, files, custody))
    }

    /// Registers an item of evidence; its chain of custody starts with "obtained" from its source.
    pub async fn add_evidence(
        &self,
        caller: &Caller,
        case_id: i64,
        input: &EvidenceInput,
    ) -> Result<i64, AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let kind = parsed(EvidenceKind::parse(&input.kind))?;
        let admissibility = match input.admissibility.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(a) => parsed(Admissibility::parse(a))?,
            None => Admissibility::NotAssessed,
        };
        let subjects: Vec<i64> = self.store.case_subjects(case_id).await?.iter().map(|s| s.id).collect();
        let offences: Vec<i64> = self.store.case_offences(case_id).await?.iter().map(|o| o.id).collect();
        if let Some(s) = input.subjects.iter().find(|s| !subjects.contains(s)) {
            return Err(invalid("subjects", format!("subject {s} is not a subject of this case")));
        }
        if let Some(o) = input.offences.iter().find(|o| !offences.contains(o)) {
            return Err(invalid("offences", format!("offence {o} is not an offence of this case")));
        }
        if let Some(i) = input.inquiry {
            if self.store.get_inquiry(i).await?.is_none_or(|q| q.case_id != case_id) {
                return Err(invalid("inquiry", format!("line of inquiry {i} is not one of this case")));
            }
        }
        let dedup = |v: &[i64]| {
            let mut v = v.to_vec();
            v.sort_unstable();
            v.dedup();
            v
        };
        let new = NewEvidence {
            kind: kind.as_str().into(),
            description: crate::validate::text("description", &input.description, 3, 2000, true)?,
            source: crate::validate::text("source", &input.source, 2, 300, true)?,
            obtained_on: date("obtained_on", &input.obtained_on)?.to_string(),
            legal_basis: crate::validate::text("legal_basis", &input.legal_basis, 0, 500, true)?,
            admissibility: admissibility.as_str().into(),
            inquiry_id: input.inquiry,
            subjects: dedup(&input.subjects),
            offences: dedup(&input.offences),
        };
        let by = caller.user_id().map(UserId);
        let holder = match caller {
            Caller::User(a) => a.org.name.clone(),
            Caller::Cli => String::new(),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_evidence(case_id, &new, by).await?;
        tx.insert_custody(id, CustodyAction::Obtained.as_str(), &new.source, &holder, &new.legal_basis, by)
            .await?;
        tx.audit(
            AuditEvent::new("case.evidence.add", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "evidence": id, "kind": new.kind })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn set_evidence_admissibility(
        &self,
        caller: &Caller,
        case_id: i64,
        evidence_id: i64,
        admissibility: &str,
    ) -> Result<(), AppError> {
        let (_, item) = self.evidence_of(caller, case_id, evidence_id, Action::Write).await?;
        let a = parsed(Admissibility::parse(admissibility))?;
        let mut tx = self.store.begin_write().await?;
        tx.set_admissibility(evidence_id, a.as_str()).await?;
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.evidence.admissibility", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "evidence": evidence_id, "from": item.admissibility, "to": a.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Attaches a file as received; its SHA-256 is computed here and kept. Returns the file's id.
    pub async fn attach_evidence_file(
        &self,
        caller: &Caller,
        case_id: i64,
        evidence_id: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<EvidenceFileView, AppError> {
        self.evidence_of(caller, case_id, evidence_id, Action::Write).await?;
        let name = clean_file_name(file_name)?;
        if bytes.is_empty() {
            return Err(invalid("file", "the file is empty"));
        }
        if bytes.len() > MAX_EVIDENCE_FILE_BYTES {
            return Err(invalid(
                "file",
                format!("files are limited to {} MiB", MAX_EVIDENCE_FILE_BYTES >> 20),
            ));
        }
        let sha = sha256_hex(bytes);
        let by = caller.user_id().map(UserId);
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_evidence_file(evidence_id, &name, &sha, bytes, by).await?;
        let note = format!("file {name} attached, SHA-256 {sha}");
        tx.insert_custody(evidence_id, CustodyAction::Obtained.as_str(), "", "", &note, by).await?;
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.evidence.file", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "evidence": evidence_id, "file": id, "sha256": sha, "bytes": bytes.len() })),
        )
        .await?;
        tx.commit().await?;
        let files = self.store.evidence_files(evidence_id).await?;
        let f = files.into_iter().find(|f| f.id == id).ok_or(AppError::NotFound("file"))?;
        Ok(file_view(f))
    }

    /// Opens a file: its name, recorded SHA-256 and content. The access is written to the item's
    /// chain of custody and the audit log in the same transaction.
    pub async fn open_evidence_file(
        &self,
        caller: &Caller,
        case_id: i64,
        evidence_id: i64,
        file_id: i64,
    ) -> Result<(EvidenceFileView, Vec<u8>), AppError> {
        self.evidence_of(caller, case_id, evidence_id, Action::Read).await?;
        let by = caller.user_id().map(UserId);
        let mut tx = self.store.begin_write().await?;
        let (row, content) = tx
            .read_evidence_file(file_id)
            .await?
            .filter(|(f, _)| f.evidence_id == evidence_id)
            .ok_or(AppError::NotFound("file"))?;
        let who = match caller {
            Caller::User(a) => format!("{} ({})", a.display_name, a.org.name),
            Caller::Cli => "operator at the command line".into(),
        };
        tx.insert_custody(
            evidence_id,
            CustodyAction::Accessed.as_str(),
            "",
            &who,
            &format!("file {}", row.file_name),
            by,
        )
        .await?;
        tx.audit(
            AuditEvent::new("case.evidence.open", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "evidence": evidence_id, "file": file_id })),
        )
        .await?;
        tx.commit().await?;
        Ok((file_view(row), content))
    }

    /// Records a transfer, examination, sealing or return in the chain of custody.
    pub async fn add_custody(
        &self,
        caller: &Caller,
        case_id: i64,
        evidence_id: i64,
        input: &CustodyInput,
    ) -> Result<(), AppError> {
        self.evidence_of(caller, case_id, evidence_id, Action::Write).await?;
        let action = parsed(CustodyAction::parse(&input.action))?;
        if action == CustodyAction::Accessed {
            return Err(invalid("action", "accesses are recorded by Praxis itself when a file is opened"));
        }
        let from = crate::validate::text("from_party", &input.from_party, 0, 300, true)?;
        let to = crate::validate::text("to_party", &input.to_party, 0, 300, true)?;
        if action == CustodyAction::Transferred && (from.is_empty() || to.is_empty()) {
            return Err(invalid("to_party", "a transfer names who handed the item over and who received it"));
        }
        let note = crate::validate::text("note", &input.note, 0, 1000, true)?;
        let mut tx = self.store.begin_write().await?;
        tx.insert_custody(evidence_id, action.as_str(), &from, &to, &note, caller.user_id().map(UserId))
            .await?;
        tx.audit(
            AuditEvent::new("case.evidence.custody", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "evidence": evidence_id, "action": action.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_inquiry(
        &self,
        caller: &Caller,
        case_id: i64,
        input: &InquiryInput,
    ) -> Result<i64, AppError> {
        let (case, _) = self.case_for(caller, case_id, Action::Write).await?;
        let kind = parsed(EvidenceKind::parse(&input.kind))?;
        let title = crate::validate::text("title", &input.title, 3, 300, true)?;
        let status = match input.status.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => parsed(InquiryStatus::parse(s))?,
            None => InquiryStatus::Open,
        };
        let owner = match input.owner.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(name) => {
                let u = self
                    .store
                    .get_user_by_username(name)
                    .await?
                    .filter(|u| !u.disabled && u.org_id == case.owner_org)
                    .ok_or_else(|| {
                        invalid("owner", format!("{name:?} is not an active user of the owning organisation"))
                    })?;
                Some(u.id)
            }
            None => caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_inquiry(case_id, kind.as_str(), &title, owner, status.as_str()).await?;
        tx.audit(
            AuditEvent::new("case.inquiry.add", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "inquiry": id, "kind": kind.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn set_inquiry_status(
        &self,
        caller: &Caller,
        case_id: i64,
        inquiry_id: i64,
        status: &str,
    ) -> Result<(), AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let inquiry = self.store.get_inquiry(inquiry_id).await?.filter(|i| i.case_id == case_id);
        let inquiry = inquiry.ok_or(AppError::NotFound("line of inquiry"))?;
        let status = parsed(InquiryStatus::parse(status))?;
        let mut tx = self.store.begin_write().await?;
        tx.set_inquiry_status(inquiry_id, status.as_str()).await?;
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.inquiry.status", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "inquiry": inquiry_id, "from": inquiry.status, "to": status.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The evidence base of every case the caller may read, optionally limited to one country
    /// (PK matches PK-PB) or one owning organisation, with totals per organisation and per country.
    pub async fn evidence_base_overview(
        &self,
        caller: &Caller,
        jurisdiction: Option<&str>,
        org: Option<i64>,
    ) -> Result<EvidenceBaseOverview, AppError> {
        let country = match jurisdiction.map(str::trim).filter(|s| !s.is_empty()) {
            Some(j) => {
                Some(Jurisdiction::parse(j).map_err(|e| invalid("jurisdiction", e.to_string()))?.country())
            }
            None => None,
        };
        let orgs: HashMap<OrgId, String> =
            self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
        let evidence = self.store.list_evidence(None).await?;
        let inquiries = self.store.list_inquiries(None).await?;
        let mut rows = Vec::new();
        for case in self.store.list_cases().await? {
            if !decide(caller, Action::Read, &self.case_record(&case).await?).allowed {
                continue;
            }
            if org.is_some_and(|o| case.owner_org.0 != o) {
                continue;
            }
            if let Some(c) = &country {
                if !case.jurisdictions.iter().any(|j| j.split('-').next() == Some(c.code())) {
                    continue;
                }
            }
            let ev: Vec<EvidenceRow> = evidence.iter().filter(|e| e.case_id == case.id).cloned().collect();
            let iq: Vec<InquiryView> = inquiries
                .iter()
                .filter(|i| i.case_id == case.id)
                .map(|i| inquiry_view(i.clone(), &ev, &HashMap::new()))
                .collect();
            let base = measure(
                &self.store.case_subjects(case.id).await?,
                &self.store.case_offences(case.id).await?,
                &ev,
                iq,
            );
            rows.push(EvidenceBaseRow {
                case: case.id,
                reference: case.reference,
                title: case.title,
                owner_org: orgs.get(&case.owner_org).cloned().unwrap_or_default(),
                jurisdictions: case.jurisdictions,
                share: base.share,
                units: base.units.len(),
                supported: base.units.iter().filter(|u| u.supported).count(),
                testimony_only: base.testimony_only,
                corroborating_inquiries: base.corroborating_inquiries.len(),
            });
        }
        let group = |key: &dyn Fn(&EvidenceBaseRow) -> Vec<String>| {
            let mut groups: std::collections::BTreeMap<String, (usize, usize, usize, usize)> =
                Default::default();
            for r in &rows {
                for k in key(r) {
                    let g = groups.entry(k).or_default();
                    g.0 += 1;
                    g.1 += r.units;
                    g.2 += r.supported;
                    g.3 += usize::from(r.testimony_only);
                }
            }
            groups
                .into_iter()
                .map(|(group, (cases, units, supported, testimony_only))| EvidenceBaseGroup {
                    group,
                    cases,
                    share: (units > 0).then(|| supported as f64 / units as f64),
                    testimony_only,
                })
                .collect::<Vec<_>>()
        };
        let by_organisation = group(&|r| vec![r.owner_org.clone()]);
        let by_country = group(&|r| {
            let mut c: Vec<String> =
                r.jurisdictions.iter().map(|j| j.split('-').next().unwrap_or(j).to_owned()).collect();
            c.sort();
            c.dedup();
            c
        });
        Ok(EvidenceBaseOverview { cases: rows, by_organisation, by_country })
    }
}

fn file_view(f: praxis_store::EvidenceFileRow) -> EvidenceFileView {
    EvidenceFileView {
        id: f.id,
        file_name: f.file_name,
        sha256: f.sha256,
        size_bytes: f.size_bytes,
        added_at: f.added_at,
    }
}

fn evidence_view(
    e: EvidenceRow,
    files: Vec<praxis_store::EvidenceFileRow>,
    custody: Vec<CustodyView>,
) -> EvidenceView {
    EvidenceView {
        id: e.id,
        kind: EvidenceKind::parse(&e.kind).unwrap_or(EvidenceKind::Documentary),
        description: e.description,
        source: e.source,
        obtained_on: e.obtained_on,
        legal_basis: e.legal_basis,
        admissibility: Admissibility::parse(&e.admissibility).unwrap_or(Admissibility::NotAssessed),
        inquiry: e.inquiry_id,
        subjects: e.subjects,
        offences: e.offences,
        files: files.into_iter().map(file_view).collect(),
        custody,
    }
}

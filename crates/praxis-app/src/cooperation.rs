//! Cooperation between jurisdictions: requests (mutual legal assistance, extradition, joint
//! investigation teams, spontaneous information, police-to-police, INTERPOL notices and
//! diffusions) with their status history, deadlines and overdue alerts, documents, and the
//! directory of competent authorities and focal points with their communication protocol.
//!
//! A request is an investigative record of the requesting organisation. When the requested
//! authority works on Praxis, the request is shared with its organisation: its investigative roles
//! read it and move their own steps (acknowledged, in execution, executed, refused); the requesting
//! side drafts, sends and withdraws. The directory is open to every signed-in user and kept by the
//! operating organisation's administrators.

use std::collections::HashMap;

use praxis_model::{AuthorityKind, Jurisdiction, OrgId, RequestKind, RequestSide, RequestStatus, UserId};
use praxis_store::{AuditEvent, AuthorityRow, NewAuthority, NewRequest, RequestRow};
use serde::{Deserialize, Serialize};

use crate::auth::sha256_hex;
use crate::policy::{authorize, decide, Action, Caller, Grantee, RecordKind, RecordRef};
use crate::validate::{date, invalid};
use crate::{App, AppError};

const REQUEST: &str = "coop_request";
/// Largest document attached to a request.
pub const MAX_DOCUMENT_BYTES: usize = 32 << 20;

#[derive(Debug, Clone, Serialize)]
pub struct AuthorityView {
    pub id: i64,
    pub country: String,
    pub name: String,
    pub kind: AuthorityKind,
    pub org_id: Option<i64>,
    pub contact: String,
    pub channel: String,
    pub languages: String,
    pub expected_response_days: Option<i64>,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AuthorityInput {
    pub country: String,
    pub name: String,
    pub kind: String,
    /// The organisation on Praxis, when the authority works here.
    #[serde(default)]
    pub org_id: Option<i64>,
    #[serde(default)]
    pub contact: String,
    /// How requests reach it: diplomatic channel, central authority, INTERPOL I-24/7, Egmont
    /// Secure Web, e-mail …
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub languages: String,
    #[serde(default)]
    pub expected_response_days: Option<i64>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusChangeView {
    pub status: RequestStatus,
    pub note: String,
    pub by: Option<String>,
    pub at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub added_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestView {
    pub id: i64,
    pub reference: String,
    pub kind: RequestKind,
    pub case: Option<i64>,
    pub requesting_org: String,
    pub requesting_authority: String,
    pub requested_country: String,
    pub requested_authority: String,
    pub requested_org: Option<String>,
    pub legal_basis: String,
    pub subject_matter: String,
    pub status: RequestStatus,
    /// YYYY-MM-DD
    pub sent_on: Option<String>,
    pub deadline: Option<String>,
    /// Past its deadline and not yet executed, refused or withdrawn.
    pub overdue: bool,
    /// The caller's side, if they may act on it.
    pub side: Option<RequestSide>,
    /// The statuses the caller may move it to.
    pub next: Vec<RequestStatus>,
    /// The requested authority's communication protocol, from the directory.
    pub protocol: Option<AuthorityView>,
    pub history: Vec<StatusChangeView>,
    pub documents: Vec<DocumentView>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RequestInput {
    pub kind: String,
    /// The requesting side's reference.
    pub reference: String,
    #[serde(default)]
    pub case: Option<i64>,
    pub requesting_authority: String,
    pub requested_country: String,
    pub requested_authority: String,
    /// The requested authority's organisation on Praxis, if it works here.
    #[serde(default)]
    pub requested_org: Option<i64>,
    pub legal_basis: String,
    pub subject_matter: String,
    /// YYYY-MM-DD; when empty, set on sending from the directory's expected response time.
    #[serde(default)]
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RequestFilter {
    /// outgoing or incoming (for the caller's organisation).
    #[serde(default)]
    pub direction: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub overdue: bool,
    #[serde(default)]
    pub case: Option<i64>,
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn country(field: &'static str, s: &str) -> Result<String, AppError> {
    let j = Jurisdiction::parse(s.trim()).map_err(|e| invalid(field, e.to_string()))?;
    Ok(j.country().code().to_owned())
}

fn authority_view(a: AuthorityRow) -> AuthorityView {
    AuthorityView {
        id: a.id,
        country: a.country,
        name: a.name,
        kind: AuthorityKind::parse(&a.kind).unwrap_or(AuthorityKind::NationalFocalPoint),
        org_id: a.org_id.map(|o| o.0),
        contact: a.contact,
        channel: a.channel,
        languages: a.languages,
        expected_response_days: a.expected_response_days,
        notes: a.notes,
    }
}

fn is_overdue(r: &RequestRow, status: RequestStatus) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    !status.is_final()
        && status != RequestStatus::Draft
        && r.deadline.as_deref().and_then(|d| time::Date::parse(d, format).ok()).is_some_and(|d| d < today())
}

fn request_record(r: &RequestRow) -> RecordRef {
    let mut rec = RecordRef::new(RecordKind::Case, Some(r.owner_org));
    rec.jurisdiction = Jurisdiction::parse(&r.requested_country).ok();
    rec.shares = r.requested_org.map(Grantee::Org).into_iter().collect();
    rec
}

/// The caller's side of a request, if they may act on it.
fn side_of(caller: &Caller, r: &RequestRow) -> Option<RequestSide> {
    let record = request_record(r);
    match caller {
        Caller::Cli => Some(RequestSide::Requesting),
        Caller::User(_) if decide(caller, Action::Write, &record).allowed => Some(RequestSide::Requesting),
        Caller::User(a) if Some(a.org.id) == r.requested_org && a.roles.any_investigative() => {
            Some(RequestSide::Requested)
        }
        _ => None,
    }
}

impl App {
    pub async fn authorities(&self, caller: &Caller) -> Result<Vec<AuthorityView>, AppError> {
        authorize(caller, Action::Read, &RecordRef::organisation(None))?;
        Ok(self.store.list_authorities().await?.into_iter().map(authority_view).collect())
    }

    fn check_authority(&self, input: &AuthorityInput) -> Result<NewAuthority, AppError> {
        let days = match input.expected_response_days {
            Some(d) if !(1..=3650).contains(&d) => {
                return Err(invalid("expected_response_days", "a number of days from 1 to 3650"));
            }
            d => d,
        };
        Ok(NewAuthority {
            country: country("country", &input.country)?,
            name: crate::validate::text("name", &input.name, 2, 200, true)?,
            kind: AuthorityKind::parse(&input.kind).map_err(AppError::Invalid)?.as_str().into(),
            org_id: input.org_id.map(OrgId),
            contact: crate::validate::text("contact", &input.contact, 0, 500, true)?,
            channel: crate::validate::text("channel", &input.channel, 0, 200, true)?,
            languages: crate::validate::text("languages", &input.languages, 0, 200, true)?,
            expected_response_days: days,
            notes: crate::validate::text("notes", &input.notes, 0, 2000, true)?,
        })
    }

    /// Adds an authority or focal point to the directory (the operating organisation's
    /// administrators keep it).
    pub async fn add_authority(&self, caller: &Caller, input: &AuthorityInput) -> Result<i64, AppError> {
        authorize(caller, Action::Write, &RecordRef::organisation(None))?;
        let new = self.check_authority(input)?;
        if let Some(org) = new.org_id {
            self.store.get_org(org).await?.ok_or_else(|| invalid("org_id", "no such organisation"))?;
        }
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_authority(&new, caller.user_id().map(UserId)).await?;
        tx.audit(
            AuditEvent::new("directory.add", "authority", id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": new.country, "name": new.name })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_authority(
        &self,
        caller: &Caller,
        id: i64,
        input: &AuthorityInput,
    ) -> Result<(), AppError> {
        authorize(caller, Action::Write, &RecordRef::organisation(None))?;
        self.store.get_authority(id).await?.ok_or(AppError::NotFound("authority"))?;
        let new = self.check_authority(input)?;
        let mut tx = self.store.begin_write().await?;
        tx.update_authority(id, &new, caller.user_id().map(UserId)).await?;
        tx.audit(AuditEvent::new("directory.update", "authority", id).by(caller.user_id(), caller.org_id()))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn request_view(
        &self,
        caller: &Caller,
        r: RequestRow,
        full: bool,
    ) -> Result<RequestView, AppError> {
        let orgs: HashMap<OrgId, String> =
            self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
        let status = RequestStatus::parse(&r.status).unwrap_or(RequestStatus::Draft);
        let side = side_of(caller, &r);
        let next = RequestStatus::ALL
            .iter()
            .copied()
            .filter(|n| side.is_some() && status.may_become(*n) == side)
            .collect();
        let (history, documents, protocol) = if full {
            let history = self.store.request_history(r.id).await?;
            let mut names: HashMap<UserId, String> = HashMap::new();
            for u in history.iter().filter_map(|h| h.changed_by) {
                if let Some(user) = self.store.get_user(u).await? {
                    names.insert(
                        u,
                        format!(
                            "{} ({})",
                            user.display_name,
                            orgs.get(&user.org_id).cloned().unwrap_or_default()
                        ),
                    );
                }
            }
            let history = history
                .into_iter()
                .map(|h| StatusChangeView {
                    status: RequestStatus::parse(&h.status).unwrap_or(RequestStatus::Draft),
                    note: h.note,
                    by: h.changed_by.and_then(|u| names.get(&u).cloned()),
                    at: h.changed_at,
                })
                .collect();
            let documents = self
                .store
                .request_documents(r.id)
                .await?
                .into_iter()
                .map(|d| DocumentView {
                    id: d.id,
                    file_name: d.file_name,
                    sha256: d.sha256,
                    size_bytes: d.size_bytes,
                    added_at: d.added_at,
                })
                .collect();
            let protocol = self.protocol_for(&r.requested_country, &r.requested_authority).await?;
            (history, documents, protocol)
        } else {
            (vec![], vec![], None)
        };
        Ok(RequestView {
            id: r.id,
            overdue: is_overdue(&r, status),
            reference: r.reference,
            kind: RequestKind::parse(&r.kind).unwrap_or(RequestKind::PoliceToPolice),
            case: r.case_id,
            requesting_org: orgs.get(&r.owner_org).cloned().unwrap_or_default(),
            requesting_authority: r.requesting_authority,
            requested_country: r.requested_country,
            requested_authority: r.requested_authority,
            requested_org: r.requested_org.and_then(|o| orgs.get(&o).cloned()),
            legal_basis: r.legal_basis,
            subject_matter: r.subject_matter,
            status,
            sent_on: r.sent_on,
            deadline: r.deadline,
            side,
            next,
            protocol,
            history,
            documents,
        })
    }

    /// The directory entry of a requested authority: same country, same name (case-insensitive).
    async fn protocol_for(&self, country: &str, name: &str) -> Result<Option<AuthorityView>, AppError> {
        let name = name.trim().to_lowercase();
        Ok(self
            .store
            .list_authorities()
            .await?
            .into_iter()
            .find(|a| a.country == country && a.name.trim().to_lowercase() == name)
            .map(authority_view))
    }

    /// Requests the caller may read (outgoing from their organisation, incoming to it, shared),
    /// overdue ones first, then the most recently active.
    pub async fn requests(
        &self,
        caller: &Caller,
        filter: &RequestFilter,
    ) -> Result<Vec<RequestView>, AppError> {
        let status = match filter.status.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => Some(RequestStatus::parse(s).map_err(AppError::Invalid)?),
            None => None,
        };
        let direction = filter.direction.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if let Some(d) = direction {
            if !matches!(d, "outgoing" | "incoming") {
                return Err(invalid("direction", "outgoing or incoming"));
            }
        }
        let mut out = Vec::new();
        for r in self.store.list_requests().await? {
            if !decide(caller, Action::Read, &request_record(&r)).allowed {
                continue;
            }
            if filter.case.is_some_and(|c| r.case_id != Some(c)) {
                continue;
            }
            let mine = caller.org_id().map(OrgId);
            match direction {
                Some("outgoing") if mine != Some(r.owner_org) => continue,
                Some("incoming") if mine.is_none() || mine != r.requested_org => continue,
                _ => {}
            }
            let v = self.request_view(caller, r, false).await?;
            if status.is_some_and(|s| v.status != s) || (filter.overdue && !v.overdue) {
                continue;
            }
            out.push(v);
        }
        out.sort_by_key(|v| !v.overdue);
        Ok(out)
    }

    pub async fn request(&self, caller: &Caller, id: i64) -> Result<RequestView, AppError> {
        let r = self.store.get_request(id).await?.ok_or(AppError::NotFound("cooperation request"))?;
        authorize(caller, Action::Read, &request_record(&r))?;
        self.request_view(caller, r, true).await
    }

    /// Drafts a request from the caller's organisation.
    pub async fn create_request(&self, caller: &Caller, input: &RequestInput) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied(
                "requests are made by a person of the requesting organisation".into(),
            ));
        };
        authorize(caller, Action::Create, &RecordRef::new(RecordKind::Case, Some(actor.org.id)))?;
        if let Some(case) = input.case {
            self.case_for(caller, case, Action::Write).await?;
        }
        let requested_country = country("requested_country", &input.requested_country)?;
        if requested_country == actor.org.jurisdiction.country().code() {
            return Err(invalid("requested_country", "a cooperation request goes to another country"));
        }
        let requested_org = match input.requested_org {
            Some(o) => {
                let org = self
                    .store
                    .get_org(OrgId(o))
                    .await?
                    .ok_or_else(|| invalid("requested_org", "no such organisation"))?;
                if org.jurisdiction.country().code() != requested_country {
                    return Err(invalid(
                        "requested_org",
                        format!("{} is not in {requested_country}", org.name),
                    ));
                }
                Some(org.id)
            }
            None => None,
        };
        let deadline = match input.deadline.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => Some(date("deadline", d)?.to_string()),
            None => None,
        };
        let new = NewRequest {
            owner_org: actor.org.id,
            case_id: input.case,
            kind: RequestKind::parse(&input.kind).map_err(AppError::Invalid)?.as_str().into(),
            reference: crate::validate::text("reference", &input.reference, 1, 100, true)?,
            requesting_authority: crate::validate::text(
                "requesting_authority",
                &input.requesting_authority,
                2,
                300,
                true,
            )?,
            requested_country,
            requested_authority: crate::validate::text(
                "requested_authority",
                &input.requested_authority,
                2,
                300,
                true,
            )?,
            requested_org,
            legal_basis: crate::validate::text("legal_basis", &input.legal_basis, 2, 500, true)?,
            subject_matter: crate::validate::text("subject_matter", &input.subject_matter, 3, 5000, true)?,
            deadline,
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_request(&new, Some(actor.user_id)).await?;
        tx.audit(
            AuditEvent::new("cooperation.create", REQUEST, id).by(caller.user_id(), caller.org_id()).detail(
                serde_json::json!({ "kind": new.kind, "to": new.requested_country, "case": new.case_id }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Moves a request one step; each side moves its own steps. Sending sets the date sent and,
    /// when the request has no deadline, one from the directory's expected response time.
    pub async fn move_request(
        &self,
        caller: &Caller,
        id: i64,
        status: &str,
        note: &str,
    ) -> Result<(), AppError> {
        let r = self.store.get_request(id).await?.ok_or(AppError::NotFound("cooperation request"))?;
        authorize(caller, Action::Read, &request_record(&r))?;
        let next = RequestStatus::parse(status).map_err(AppError::Invalid)?;
        let current = RequestStatus::parse(&r.status).unwrap_or(RequestStatus::Draft);
        let side = side_of(caller, &r)
            .ok_or_else(|| AppError::Denied("you are on neither side of this request".into()))?;
        match current.may_become(next) {
            None => {
                return Err(invalid("status", format!("a request that is {current} cannot become {next}")))
            }
            Some(s) if s != side => {
                return Err(AppError::Denied(format!("the other side of the request moves it to {next}")));
            }
            Some(_) => {}
        }
        let note = crate::validate::text("note", note, 0, 2000, true)?;
        let today = today();
        let deadline = if next == RequestStatus::Sent && r.deadline.is_none() {
            self.protocol_for(&r.requested_country, &r.requested_authority)
                .await?
                .and_then(|p| p.expected_response_days)
                .map(|d| (today + time::Duration::days(d)).to_string())
        } else {
            None
        };
        let sent_on = (next == RequestStatus::Sent).then(|| today.to_string());
        let mut tx = self.store.begin_write().await?;
        tx.set_request_status(id, next.as_str(), &note, sent_on.as_deref(), caller.user_id().map(UserId))
            .await?;
        if let Some(d) = &deadline {
            tx.set_request_deadline(id, Some(d)).await?;
        }
        tx.audit(
            AuditEvent::new("cooperation.status", REQUEST, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "from": current.as_str(), "to": next.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets or clears the deadline (the requesting side).
    pub async fn set_request_deadline(
        &self,
        caller: &Caller,
        id: i64,
        deadline: &str,
    ) -> Result<(), AppError> {
        let r = self.store.get_request(id).await?.ok_or(AppError::NotFound("cooperation request"))?;
        authorize(caller, Action::Write, &request_record(&r))?;
        let d = match deadline.trim() {
            "" => None,
            d => Some(date("deadline", d)?.to_string()),
        };
        let mut tx = self.store.begin_write().await?;
        tx.set_request_deadline(id, d.as_deref()).await?;
        tx.audit(
            AuditEvent::new("cooperation.deadline", REQUEST, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "deadline": d })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Attaches a document (either side), kept as received with its SHA-256.
    pub async fn attach_request_document(
        &self,
        caller: &Caller,
        id: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<DocumentView, AppError> {
        let r = self.store.get_request(id).await?.ok_or(AppError::NotFound("cooperation request"))?;
        authorize(caller, Action::Read, &request_record(&r))?;
        side_of(caller, &r)
            .ok_or_else(|| AppError::Denied("you are on neither side of this request".into()))?;
        let name: String = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control() && *c != '"')
            .take(200)
            .collect();
        if name.trim().is_empty() {
            return Err(invalid("file_name", "the file needs a name"));
        }
        if bytes.is_empty() || bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(invalid("file", format!("a document of 1 byte to {} MiB", MAX_DOCUMENT_BYTES >> 20)));
        }
        let sha = sha256_hex(bytes);
        let mut tx = self.store.begin_write().await?;
        let doc =
            tx.insert_request_document(id, name.trim(), &sha, bytes, caller.user_id().map(UserId)).await?;
        tx.audit(
            AuditEvent::new("cooperation.document", REQUEST, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "document": doc, "sha256": sha })),
        )
        .await?;
        tx.commit().await?;
        Ok(DocumentView {
            id: doc,
            file_name: name.trim().to_owned(),
            sha256: sha,
            size_bytes: bytes.len() as i64,
            added_at: praxis_store::now_ms(),
        })
    }

    /// A document of a request, as received; the opening is audited.
    pub async fn open_request_document(
        &self,
        caller: &Caller,
        id: i64,
        doc: i64,
    ) -> Result<(DocumentView, Vec<u8>), AppError> {
        let r = self.store.get_request(id).await?.ok_or(AppError::NotFound("cooperation request"))?;
        authorize(caller, Action::Read, &request_record(&r))?;
        let (d, content) = self
            .store
            .request_document_content(doc)
            .await?
            .filter(|(d, _)| d.request_id == id)
            .ok_or(AppError::NotFound("document"))?;
        let mut tx = self.store.begin_write().await?;
        tx.audit(
            AuditEvent::new("cooperation.document.open", REQUEST, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "document": doc })),
        )
        .await?;
        tx.commit().await?;
        Ok((
            DocumentView {
                id: d.id,
                file_name: d.file_name,
                sha256: d.sha256,
                size_bytes: d.size_bytes,
                added_at: d.added_at,
            },
            content,
        ))
    }
}

//! Cross-border hit/no-hit in the platform, on the blind-index engine ([`praxis_match::blind`];
//! the protocol and its threat model are in docs/hit-no-hit.md).
//!
//! An organisation builds its **index** of an epoch (`2026-Q4`) from the selectors of the cases it
//! owns — never from other organisations' records, even shared with it: persons' and companies'
//! phone numbers, passport numbers (with the nationality as issuing country), names with the birth
//! year; bank accounts; passports; the subjects' accounts. **Victims' and witnesses' identities
//! are never indexed**: they are protected fields of the case's persons, not entities, and no role
//! or setting puts them in an index (a hit on a victim's phone would tell a peer we hold it).
//!
//! Building is a job: it blinds every selector (the blinding scalars stay in the database, never
//! shown) and offers the **blinded request** for download, in the command line's format, for the
//! key holder (`praxis match blind-index evaluate`). The key holder's **response** is uploaded and
//! finalised into the index values; the **shared index** is then offered for download (CLI
//! format) to send to peers. When this deployment is itself a key holder
//! ([`crate::HitConfig::key_seed`]), the job evaluates and finalises at once (one click), and
//! `evaluate` serves other deployments' requests: the requester is the caller's organisation,
//! counted against its quota per epoch and logged, refused whole when over.
//!
//! Peers' shared indexes of the same epoch are uploaded and **compared** with a final index: the
//! hits (our record, the kind of selector, the holding organisation's label, the epoch, when
//! found) are kept; nothing else of the peer's file is. A peer file of another epoch, or with a
//! malformed line, is refused whole naming the line and field.
//!
//! Policy: indexes are investigative records of their organisation (`RecordKind::Case`): its
//! investigative roles build, upload, compare and download; a hit is seen by whoever may read its
//! case; the evaluation log is the audit log's kind (oversight across organisations,
//! administrators for their own). Every write is audited with counts and SHA-256 hashes, never a
//! selector.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use praxis_match::blind::{
    self, from_hex, to_hex, BlindState, IndexEntry, IndexValue, KeyHolder, Selector, SelectorKind,
};
use praxis_match::PersonName;
use praxis_model::{Jurisdiction, OrgId};
use praxis_store::{AuditEvent, HitEntryRow, HitRow, NewHit, NewHitEntry, NewHitIndex, NewHitPeer};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::entities::props_of;
use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::{App, AppError};

pub const INDEX: &str = "hit_index";
pub const HIT: &str = "hit";
const EVALUATION: &str = "hit_evaluation";
/// An uploaded file (response, peer index, request) may hold this many bytes.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Problems listed when a file is refused.
const LIST_AT_MOST: usize = 200;

// The CLI's file formats. `protocol` comes last in each, so that the other columns keep their
// positions; every row of a file read must carry this version's (`csv_rows`).
pub const REQUEST_HEADER: [&str; 4] = ["organisation", "epoch", "blinded", "protocol"];
pub const RESPONSE_HEADER: [&str; 4] = ["epoch", "blinded", "evaluated", "protocol"];
pub const INDEX_HEADER: [&str; 5] = ["organisation", "epoch", "kind", "value", "protocol"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BuildInput {
    /// The epoch agreed with the key holder, e.g. 2026-Q4.
    pub epoch: String,
    /// When this deployment is a key holder: evaluate and finalise at once.
    #[serde(default)]
    pub evaluate_here: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexSummary {
    pub id: i64,
    /// The organisation's label, as peers see it in hits.
    pub label: String,
    pub epoch: String,
    /// `building`, `evaluating` (one click, on a key-holding deployment), `blinded` (waiting for
    /// the key holder's response), `final` or `failed`.
    pub status: String,
    pub entries: i64,
    /// Entries per kind of selector.
    pub counts: BTreeMap<String, i64>,
    /// Values that could not be indexed (a phone that is not one …), by record, never the value.
    pub set_aside: Vec<String>,
    pub failure: Option<String>,
    pub request_sha256: String,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub finalized_at: Option<i64>,
    /// The protocol version the index was built under.
    pub protocol: String,
    /// Built under an earlier protocol version: it can no longer be finalised, shared or
    /// compared (its values would never match), only built again.
    pub outdated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeerView {
    pub id: i64,
    pub peer: String,
    pub epoch: String,
    pub entries: i64,
    pub sha256: String,
    pub hits: i64,
    pub uploaded_by_name: Option<String>,
    pub uploaded_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    #[serde(flatten)]
    pub summary: IndexSummary,
    pub peers: Vec<PeerView>,
}

/// What a comparison found.
#[derive(Debug, Clone, Serialize)]
pub struct CompareOutcome {
    pub peer_index: i64,
    pub peers: Vec<String>,
    pub entries: usize,
    pub hits: usize,
    /// Hits not known from an earlier upload.
    pub new_hits: usize,
}

/// A hit as its readers see it: our record, the kind, the holder; nothing of the peer's.
#[derive(Debug, Clone, Serialize)]
pub struct HitView {
    pub id: i64,
    pub case_id: i64,
    pub case_reference: String,
    pub case_title: String,
    /// `entity` or `subject`.
    pub record_kind: String,
    pub record_id: i64,
    /// How our record is shown (an entity's schema and caption, a subject's name).
    pub record: String,
    pub kind: String,
    pub held_by: String,
    /// The holder, when it is an organisation on this platform: (id, country).
    pub held_by_org: Option<(i64, String)>,
    pub epoch: String,
    pub found_at: i64,
    /// The cooperation request drafted from it.
    pub request_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    pub id: i64,
    pub at: i64,
    pub organisation: String,
    pub user: Option<String>,
    pub epoch: String,
    pub elements: i64,
    pub outcome: String,
}

/// Whether this deployment is a key holder, and its quota.
#[derive(Debug, Clone, Serialize)]
pub struct KeyHolderStatus {
    pub key_holder: bool,
    pub quota: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DraftInput {
    /// The holder's country (ISO 3166-1), needed when the holder is not an organisation here.
    #[serde(default)]
    pub requested_country: Option<String>,
}

fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, "invalid", message)
}

fn index_record(owner: OrgId) -> RecordRef {
    RecordRef::new(RecordKind::Case, Some(owner))
}

fn sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn epoch_label(s: &str) -> Result<String, AppError> {
    let e = s.trim();
    if e.is_empty()
        || e.chars().count() > 40
        || !e.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        return Err(invalid("epoch", "an epoch label of letters, digits, - _ or . (such as 2026-Q4)"));
    }
    Ok(e.to_owned())
}

/// A selector of one of our records, ready to blind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    case_id: i64,
    record_kind: &'static str,
    record_id: i64,
    selector: Selector,
}

/// The selectors of one organisation's cases: entities and subjects, never protected persons.
/// Values that cannot be used are named by record and property (never by value).
fn selectors_of_entity(
    e: &praxis_store::EntityRow,
    region: &str,
    found: &mut Vec<Found>,
    set_aside: &mut Vec<String>,
) {
    let p = props_of(&e.properties);
    let values = |name: &str| p.get(name).cloned().unwrap_or_default();
    let mut out: Vec<(&str, Result<Selector, blind::BlindError>)> = Vec::new();
    match e.schema.as_str() {
        "Person" | "Company" | "Organization" => {
            for v in values("phone") {
                out.push(("phone", Selector::phone(&v, region)));
            }
        }
        _ => {}
    }
    match e.schema.as_str() {
        "Person" => {
            let country = values("nationality").into_iter().find(|c| c.trim().len() == 2);
            for v in values("passportNumber") {
                match &country {
                    Some(c) => out.push(("passportNumber", Selector::passport(&v, c))),
                    None => set_aside.push(format!(
                        "case {}, entity {} ({}), property passportNumber: no two-letter nationality as issuing country; not indexed",
                        e.case_id, e.id, e.schema
                    )),
                }
            }
            let births = values("birthDate");
            if !births.is_empty() {
                let mut names = values("name");
                names.extend(values("alias"));
                for n in names {
                    for b in &births {
                        out.push(("name", Selector::name_birth(&PersonName::full(&n), b)));
                    }
                }
            }
        }
        "BankAccount" => {
            for v in values("iban").into_iter().chain(values("accountNumber")) {
                out.push(("accountNumber", Selector::account(&v)));
            }
        }
        "Passport" => {
            let country = values("country").into_iter().next();
            for v in values("number") {
                match &country {
                    Some(c) => out.push(("number", Selector::passport(&v, c))),
                    None => set_aside.push(format!(
                        "case {}, entity {} (Passport), property number: no issuing country; not indexed",
                        e.case_id, e.id
                    )),
                }
            }
        }
        _ => {}
    }
    for (prop, s) in out {
        match s {
            Ok(selector) => {
                found.push(Found { case_id: e.case_id, record_kind: "entity", record_id: e.id, selector })
            }
            Err(err) => set_aside.push(format!(
                "case {}, entity {} ({}), property {prop}: {}; not indexed",
                e.case_id,
                e.id,
                e.schema,
                reason(&err)
            )),
        }
    }
}

/// Reads a CSV file with the expected columns (by name), every row with its line; a malformed
/// row refuses the file with every problem named.
fn csv_rows(which: &str, text: &str, expected: &[&str]) -> Result<Vec<(u64, Vec<String>)>, AppError> {
    let mut r = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| {
            AppError::ImportRefused(vec![format!("{which}, line 1: the header cannot be read: {e}")])
        })?
        .clone();
    let mut cols = Vec::new();
    let mut errors = Vec::new();
    for c in expected {
        match headers.iter().position(|h| h.trim() == *c) {
            Some(i) => cols.push(i),
            None if *c == "protocol" => errors.push(format!(
                "{which}, line 1, field protocol: no such column: a file of an earlier version of the hit/no-hit protocol (v1), or not a file of the exchange; values of two versions never match, so it must be made again with this version ({})",
                blind::PROTOCOL_NAME
            )),
            None => errors.push(format!(
                "{which}, line 1, field {c}: no such column (expected {})",
                expected.join(",")
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::ImportRefused(errors));
    }
    let mut out = Vec::new();
    for rec in r.records() {
        match rec {
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| p.line());
                let row: Vec<String> = cols.iter().map(|c| rec[*c].trim().to_owned()).collect();
                if expected.last() == Some(&"protocol")
                    && row.last().map(String::as_str) != Some(blind::PROTOCOL_NAME)
                {
                    errors.push(format!(
                        "{which}, line {line}, field protocol: {:?}, but this version speaks {:?}; values of two versions never match",
                        row.last().map(String::as_str).unwrap_or_default(),
                        blind::PROTOCOL_NAME
                    ));
                } else {
                    out.push((line, row));
                }
                if errors.len() >= LIST_AT_MOST {
                    break;
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(format!("{which}, line {line}: {e}"));
                if errors.len() >= LIST_AT_MOST {
                    break;
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::ImportRefused(errors));
    }
    if out.is_empty() {
        return Err(AppError::ImportRefused(vec![format!("{which}: no rows after the header")]));
    }
    Ok(out)
}

fn csv_text(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Evaluates a blinded request with the key of its epoch: the response's rows, or every problem.
fn evaluate_rows(
    seed: &[u8],
    epoch: &str,
    blinded: &[(u64, String)],
    which: &str,
) -> Result<Vec<Vec<String>>, AppError> {
    let key = KeyHolder::new(seed, epoch).map_err(|e| invalid("epoch", e.to_string()))?;
    let mut out = Vec::with_capacity(blinded.len());
    let mut errors = Vec::new();
    for (line, hex) in blinded {
        match from_hex(hex).ok_or(blind::BlindError::Element).and_then(|b| key.evaluate(&b)) {
            Ok(e) => {
                out.push(vec![key.epoch().to_owned(), hex.clone(), to_hex(&e), blind::PROTOCOL_NAME.into()])
            }
            Err(e) => {
                if errors.len() < LIST_AT_MOST {
                    errors.push(format!("{which}, line {line}, field blinded: {e}"));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(AppError::ImportRefused(errors))
    }
}

/// Unblinds the response into index values: (entry id, value), or every problem.
fn finalize_rows(
    entries: &[HitEntryRow],
    epoch: &str,
    response: &[(u64, Vec<String>)],
    which: &str,
) -> Result<Vec<(i64, String)>, AppError> {
    let mut errors = Vec::new();
    let mut by_blinded: HashMap<&str, (u64, &str)> = HashMap::new();
    for (line, r) in response {
        if r[0] != epoch {
            errors.push(format!(
                "{which}, line {line}, field epoch: {:?}, but this index is of epoch {epoch:?}",
                r[0]
            ));
        } else {
            by_blinded.insert(r[1].as_str(), (*line, r[2].as_str()));
        }
    }
    let mut values = Vec::with_capacity(entries.len());
    let mut missing = 0usize;
    for e in entries {
        let Some((line, evaluated)) = by_blinded.get(e.blinded.as_str()) else {
            missing += 1;
            continue;
        };
        let done =
            e.kind.parse::<SelectorKind>().and_then(|k| Selector::from_parts(k, &e.selector)).and_then(|s| {
                let st = from_hex(&e.blind)
                    .ok_or(blind::BlindError::State)
                    .and_then(|b| BlindState::from_bytes(&b))?;
                let ev = from_hex(evaluated).ok_or(blind::BlindError::Element)?;
                blind::finalize(&s, &st, &ev)
            });
        match done {
            Ok(v) => values.push((e.id, v.to_hex())),
            Err(err) => {
                if errors.len() < LIST_AT_MOST {
                    errors.push(format!("{which}, line {line}, field evaluated: {err}"));
                }
            }
        }
    }
    if missing > 0 {
        errors.push(format!(
            "{which}: no answer for {missing} of the {} blinded selectors; ask the key holder to evaluate the whole request",
            entries.len()
        ));
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(AppError::ImportRefused(errors))
    }
}

/// The blinding step (CPU only): (entry, blinded) for every selector, sorted by the blinded
/// element, which is random — the request's order says nothing of the records.
fn blind_all(
    found: Vec<Found>,
    progress: &crate::jobs::Progress,
) -> Result<Vec<NewHitEntry>, blind::BlindError> {
    let mut rng = rand::rngs::OsRng;
    let total = found.len().max(1);
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.into_iter().enumerate() {
        if i % 256 == 0 {
            progress.set(i, total, "blinding");
        }
        let (state, blinded) = blind::blind(&f.selector, &mut rng)?;
        out.push(NewHitEntry {
            case_id: f.case_id,
            record_kind: f.record_kind.to_owned(),
            record_id: f.record_id,
            kind: f.selector.kind().name().to_owned(),
            selector: f.selector.value().to_owned(),
            blind: to_hex(&state.to_bytes()),
            blinded: to_hex(&blinded),
        });
    }
    out.sort_by(|a, b| a.blinded.cmp(&b.blinded));
    Ok(out)
}

/// Records' labels by (kind, id), and the (kind, case) pairs loaded.
#[derive(Default)]
struct Labels {
    names: HashMap<(String, i64), String>,
    loaded: BTreeSet<(String, i64)>,
}

/// Why a value was set aside, without the value (it would otherwise reach pages and JSON).
fn reason(e: &blind::BlindError) -> &'static str {
    use blind::BlindError as E;
    match e {
        E::Ident(_) => "not a valid phone number or date",
        E::Empty(_) => "no letters or digits",
        E::ShortAccount(_) => "too short to be an account number (at least 6 letters or digits)",
        E::Country(_) => "the issuing country is not a two-letter ISO 3166-1 code",
        E::Name(_) => "the name has no letters to index",
        _ => "cannot be indexed",
    }
}

fn counts_of(entries: &[NewHitEntry], set_aside: &[String]) -> serde_json::Value {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for e in entries {
        *counts.entry(e.kind.as_str()).or_default() += 1;
    }
    serde_json::json!({ "counts": counts, "set_aside": set_aside })
}

impl App {
    /// Whether this deployment is a key holder.
    pub fn hit_key_holder(&self) -> KeyHolderStatus {
        KeyHolderStatus { key_holder: self.config.hit.key_seed.is_some(), quota: self.config.hit.quota }
    }

    fn hit_summary(row: &praxis_store::HitIndexRow) -> IndexSummary {
        let v: serde_json::Value = serde_json::from_str(&row.counts).unwrap_or_default();
        IndexSummary {
            id: row.id,
            label: row.label.clone(),
            epoch: row.epoch.clone(),
            status: row.status.clone(),
            entries: row.entries,
            counts: serde_json::from_value(v["counts"].clone()).unwrap_or_default(),
            set_aside: serde_json::from_value(v["set_aside"].clone()).unwrap_or_default(),
            failure: v["failure"].as_str().map(str::to_owned),
            request_sha256: row.request_sha256.clone(),
            created_by_name: row.created_by_name.clone(),
            created_at: row.created_at,
            finalized_at: row.finalized_at,
            protocol: row.protocol.clone(),
            outdated: row.protocol != blind::PROTOCOL_NAME,
        }
    }

    /// Refuses to go on with an index built under an earlier protocol version.
    fn hit_current(row: &praxis_store::HitIndexRow) -> Result<(), AppError> {
        if row.protocol == blind::PROTOCOL_NAME {
            return Ok(());
        }
        Err(invalid(
            "index",
            format!(
                "the index was built under {}, and this version speaks {}: values of two versions never match, so build a new index for the epoch",
                row.protocol,
                blind::PROTOCOL_NAME
            ),
        ))
    }

    async fn hit_index_row(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<praxis_store::HitIndexRow, AppError> {
        let row = self.store.get_hit_index(id).await?.ok_or(AppError::NotFound("index"))?;
        authorize(caller, action, &index_record(row.owner_org))?;
        Ok(row)
    }

    /// The indexes the caller may read (their organisation's), newest first.
    pub async fn hit_indexes(&self, caller: &Caller) -> Result<Vec<IndexSummary>, AppError> {
        Ok(self
            .store
            .list_hit_indexes()
            .await?
            .iter()
            .filter(|r| decide(caller, Action::Read, &index_record(r.owner_org)).allowed)
            .map(Self::hit_summary)
            .collect())
    }

    /// An index with the peers' indexes compared with it.
    pub async fn hit_index(&self, caller: &Caller, id: i64) -> Result<IndexView, AppError> {
        let row = self.hit_index_row(caller, id, Action::Read).await?;
        let peers = self
            .store
            .hit_peers(id)
            .await?
            .into_iter()
            .map(|p| PeerView {
                id: p.id,
                peer: p.peer,
                epoch: p.epoch,
                entries: p.entries,
                sha256: p.sha256,
                hits: p.hits,
                uploaded_by_name: p.uploaded_by_name,
                uploaded_at: p.uploaded_at,
            })
            .collect();
        Ok(IndexView { summary: Self::hit_summary(&row), peers })
    }

    /// Whether the caller may follow a hit/no-hit job of this organisation.
    pub(crate) fn hit_job_readable(&self, caller: &Caller, org: i64) -> Result<(), AppError> {
        authorize(caller, Action::Read, &index_record(OrgId(org))).map(|_| ())
    }

    /// The selectors of the cases the organisation owns (entities and subjects; never protected
    /// persons), with the values set aside.
    async fn org_selectors(
        &self,
        org: &praxis_store::Organisation,
    ) -> Result<(Vec<Found>, Vec<String>), AppError> {
        let region = org.jurisdiction.country().code().to_owned();
        let mut found = Vec::new();
        let mut set_aside = Vec::new();
        for c in self.store.list_cases().await?.into_iter().filter(|c| c.owner_org == org.id) {
            for e in self.store.list_entities(Some(c.id)).await? {
                selectors_of_entity(&e, &region, &mut found, &mut set_aside);
            }
            for s in self.store.case_subjects(c.id).await? {
                for a in crate::cases::account_list(&s.accounts) {
                    match Selector::account(&a) {
                        Ok(selector) => found.push(Found {
                            case_id: c.id,
                            record_kind: "subject",
                            record_id: s.id,
                            selector,
                        }),
                        Err(e) => set_aside.push(format!(
                            "case {}, subject {}, field accounts: {}; not indexed",
                            c.id,
                            s.id,
                            reason(&e)
                        )),
                    }
                }
            }
        }
        found.sort();
        found.dedup();
        set_aside.truncate(LIST_AT_MOST);
        Ok((found, set_aside))
    }

    /// Starts building the caller's organisation's index of an epoch (a job): the selectors are
    /// collected now, blinded by the job; with `evaluate_here` on a key-holding deployment, also
    /// evaluated (counted against the quota) and finalised. Returns the index's id and the job's.
    pub async fn start_hit_index(&self, caller: &Caller, input: &BuildInput) -> Result<(i64, u64), AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("indexes are built by a signed-in user".into()));
        };
        authorize(caller, Action::Create, &index_record(actor.org.id))?;
        let epoch = epoch_label(&input.epoch)?;
        if input.evaluate_here && self.config.hit.key_seed.is_none() {
            return Err(invalid("evaluate_here", "this deployment is not a key holder"));
        }
        let (found, set_aside) = self.org_selectors(&actor.org).await?;
        if found.is_empty() {
            return Err(invalid("epoch", "the cases of your organisation hold no selector to index"));
        }
        let label = actor.org.name.clone();
        let mut tx = self.store.begin_write().await?;
        let id = tx
            .insert_hit_index(&NewHitIndex {
                owner_org: actor.org.id,
                label: label.clone(),
                epoch: epoch.clone(),
                protocol: blind::PROTOCOL_NAME.into(),
                counts: "{}".into(),
                request_sha256: String::new(),
                created_by: Some(actor.user_id),
            })
            .await?;
        tx.audit(
            AuditEvent::new("hit.index.start", INDEX, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "epoch": epoch, "selectors": found.len(), "evaluate_here": input.evaluate_here })),
        )
        .await?;
        tx.commit().await?;

        let (job, progress) = self.jobs.start(actor.user_id, "hit", actor.org.id.0);
        let (jobs, app) = (self.jobs.clone(), self.clone());
        let (by, evaluate_here, caller) =
            ((caller.user_id(), caller.org_id()), input.evaluate_here, caller.clone());
        tokio::spawn(async move {
            let computed = tokio::task::spawn_blocking(move || {
                let entries = blind_all(found, &progress);
                progress.set(1, 1, "storing");
                entries
            })
            .await;
            let stored: Result<(), AppError> = async {
                let mut tx = app.store.begin_write().await?;
                match computed {
                    Ok(Ok(entries)) => {
                        let request = csv_text(
                            &REQUEST_HEADER,
                            entries.iter().map(|e| {
                                vec![label.clone(), epoch.clone(), e.blinded.clone(), blind::PROTOCOL_NAME.into()]
                            }),
                        );
                        let sha = sha256(&request);
                        let counts = counts_of(&entries, &set_aside);
                        // One click: `evaluating` until finalised, so that nobody takes the
                        // index for one waiting on an outside key holder meanwhile.
                        let status = if evaluate_here { "evaluating" } else { "blinded" };
                        tx.store_hit_blinded(id, status, &counts.to_string(), &sha, &entries).await?;
                        tx.audit(
                            AuditEvent::new("hit.index.blinded", INDEX, id)
                                .by(by.0, by.1)
                                .detail(serde_json::json!({ "epoch": epoch, "entries": entries.len(), "counts": counts["counts"], "request_sha256": sha })),
                        )
                        .await?;
                    }
                    _ => {
                        let counts = serde_json::json!({ "failure": "the selectors could not be blinded" });
                        tx.store_hit_blinded(id, "failed", &counts.to_string(), "", &[]).await?;
                        tx.audit(AuditEvent::new("hit.index.failed", INDEX, id).by(by.0, by.1)).await?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }
            .await;
            let finished = match stored {
                Ok(()) if evaluate_here => match app.hit_evaluate_and_finalize(&caller, id).await {
                    Ok(_) => Ok(()),
                    // Refused (the quota) or failed: the index waits for a key holder, as if built
                    // step by step, and the job says why.
                    Err(e) => {
                        let reverted = async {
                            let mut tx = app.store.begin_write().await?;
                            tx.set_hit_index_status(id, "blinded").await?;
                            tx.audit(
                                AuditEvent::new("hit.index.not_evaluated", INDEX, id)
                                    .by(by.0, by.1)
                                    .detail(serde_json::json!({ "reason": e.to_string() })),
                            )
                            .await?;
                            tx.commit().await?;
                            Ok::<(), AppError>(())
                        }
                        .await;
                        reverted.and(Err(e))
                    }
                },
                other => other,
            };
            let state = match finished {
                Ok(()) => crate::jobs::JobState::Stored { record: id },
                Err(AppError::Internal(e)) => {
                    tracing::error!(index = id, error = %e, "a hit/no-hit index could not be stored");
                    crate::jobs::JobState::Failed { message: "the index could not be stored".into() }
                }
                Err(e) => crate::jobs::JobState::Failed { message: e.to_string() },
            };
            jobs.finish(job, state);
        });
        Ok((id, job))
    }

    /// The blinded request of an index (CLI format: organisation,epoch,blinded,protocol), for the key
    /// holder. Blinded elements only: they say nothing of the selectors.
    pub async fn hit_request_csv(&self, caller: &Caller, id: i64) -> Result<String, AppError> {
        let row = self.hit_index_row(caller, id, Action::Read).await?;
        if !matches!(row.status.as_str(), "blinded" | "evaluating" | "final") {
            return Err(invalid("index", "the index has no request (still building, or failed)"));
        }
        Self::hit_current(&row)?;
        let entries = self.store.hit_index_entries(id).await?;
        Ok(csv_text(
            &REQUEST_HEADER,
            entries
                .into_iter()
                .map(|e| vec![row.label.clone(), row.epoch.clone(), e.blinded, row.protocol.clone()]),
        ))
    }

    /// Finalises an index with the key holder's response (CLI format: epoch,blinded,evaluated,protocol):
    /// whole or not at all. Returns the number of index values.
    pub async fn hit_finalize(
        &self,
        caller: &Caller,
        id: i64,
        response_csv: &str,
    ) -> Result<usize, AppError> {
        let row = self.hit_index_row(caller, id, Action::Create).await?;
        if !matches!(row.status.as_str(), "blinded" | "evaluating") {
            return Err(invalid(
                "response",
                format!("the index is {}; only a blinded index is finalised", row.status),
            ));
        }
        Self::hit_current(&row)?;
        if response_csv.len() > MAX_FILE_BYTES {
            return Err(invalid("response", format!("at most {} MB", MAX_FILE_BYTES >> 20)));
        }
        let response = csv_rows("response", response_csv, &RESPONSE_HEADER)?;
        let entries = self.store.hit_index_entries(id).await?;
        let epoch = row.epoch.clone();
        let values =
            tokio::task::spawn_blocking(move || finalize_rows(&entries, &epoch, &response, "response"))
                .await
                .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
        let mut tx = self.store.begin_write().await?;
        tx.finalize_hit_index(id, &values).await?;
        tx.audit(AuditEvent::new("hit.index.finalize", INDEX, id).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({ "epoch": row.epoch, "entries": values.len(), "response_sha256": sha256(response_csv) }),
        ))
        .await?;
        tx.commit().await?;
        Ok(values.len())
    }

    /// One click on a key-holding deployment: evaluate the index's request for its organisation
    /// (quota, log) and finalise.
    async fn hit_evaluate_and_finalize(&self, caller: &Caller, id: i64) -> Result<usize, AppError> {
        let request = self.hit_request_csv(caller, id).await?;
        let response = self.hit_evaluate(caller, &request).await?;
        self.hit_finalize(caller, id, &response).await
    }

    /// The shared index of a final index (CLI format: organisation,epoch,kind,value,protocol, sorted by
    /// kind and value): the only file that goes to peers.
    pub async fn hit_shared_csv(&self, caller: &Caller, id: i64) -> Result<String, AppError> {
        let row = self.hit_index_row(caller, id, Action::Read).await?;
        if row.status != "final" {
            return Err(invalid(
                "index",
                "the index is not final yet: upload the key holder's response first",
            ));
        }
        Self::hit_current(&row)?;
        let mut set: BTreeSet<(String, String)> = BTreeSet::new();
        for e in self.store.hit_index_entries(id).await? {
            if let Some(v) = e.value {
                set.insert((e.kind, v));
            }
        }
        Ok(csv_text(
            &INDEX_HEADER,
            set.into_iter()
                .map(|(k, v)| vec![row.label.clone(), row.epoch.clone(), k, v, row.protocol.clone()]),
        ))
    }

    /// Compares a final index with a peer's shared index of the same epoch: the hits are kept
    /// (our record, kind, holder), nothing else. A malformed file or another epoch refuses it
    /// whole, naming the line and field.
    pub async fn hit_compare(
        &self,
        caller: &Caller,
        id: i64,
        peer_csv: &str,
    ) -> Result<CompareOutcome, AppError> {
        let row = self.hit_index_row(caller, id, Action::Create).await?;
        if row.status != "final" {
            return Err(invalid("index", "only a final index is compared"));
        }
        Self::hit_current(&row)?;
        if peer_csv.len() > MAX_FILE_BYTES {
            return Err(invalid("peer_index", format!("at most {} MB", MAX_FILE_BYTES >> 20)));
        }
        let rows = csv_rows("peer index", peer_csv, &INDEX_HEADER)?;
        let mut errors = Vec::new();
        let mut theirs = Vec::with_capacity(rows.len());
        let mut peers = BTreeSet::new();
        for (line, r) in &rows {
            let mut problem = |field: &str, message: String| {
                if errors.len() < LIST_AT_MOST {
                    errors.push(format!("peer index, line {line}, field {field}: {message}"));
                }
            };
            if r[0].is_empty() {
                problem("organisation", "empty".into());
                continue;
            }
            if r[0] == row.label {
                problem(
                    "organisation",
                    format!("{:?} is your own organisation: compare with peers' indexes", r[0]),
                );
                continue;
            }
            if r[1] != row.epoch {
                problem(
                    "epoch",
                    format!("{:?}, but this index is of epoch {:?}: indexes of different epochs cannot be compared", r[1], row.epoch),
                );
                continue;
            }
            let kind: SelectorKind = match r[2].parse() {
                Ok(k) => k,
                Err(e) => {
                    problem("kind", e.to_string());
                    continue;
                }
            };
            let Some(value) = IndexValue::from_hex(&r[3]) else {
                problem("value", "not 64 hex digits".into());
                continue;
            };
            peers.insert(r[0].clone());
            theirs.push(IndexEntry { organisation: r[0].clone(), kind, value });
        }
        if !errors.is_empty() {
            errors.push("peer index: refused; nothing was compared".into());
            return Err(AppError::ImportRefused(errors));
        }
        let entries = self.store.hit_index_entries(id).await?;
        let mine: Vec<(SelectorKind, IndexValue)> = entries
            .iter()
            .filter_map(|e| Some((e.kind.parse().ok()?, IndexValue::from_hex(e.value.as_deref()?)?)))
            .collect();
        let owners: Vec<&HitEntryRow> = entries
            .iter()
            .filter(|e| {
                e.kind.parse::<SelectorKind>().is_ok()
                    && e.value.as_deref().and_then(IndexValue::from_hex).is_some()
            })
            .collect();
        let mut hits: Vec<NewHit> = blind::compare(&mine, &theirs)
            .into_iter()
            .map(|h| {
                let e = owners[h.mine];
                NewHit {
                    case_id: e.case_id,
                    record_kind: e.record_kind.clone(),
                    record_id: e.record_id,
                    kind: h.kind.name().to_owned(),
                    held_by: h.held_by,
                }
            })
            .collect();
        hits.sort();
        hits.dedup();
        let peers: Vec<String> = peers.into_iter().collect();
        let sha = sha256(peer_csv);
        let mut tx = self.store.begin_write().await?;
        let (peer_index, new_hits) = tx
            .insert_hit_peer(
                &NewHitPeer {
                    owner_org: row.owner_org,
                    index_id: id,
                    peer: peers.join(", "),
                    epoch: row.epoch.clone(),
                    entries: theirs.len() as i64,
                    sha256: sha.clone(),
                    uploaded_by: caller.user_id().map(praxis_model::UserId),
                },
                &hits,
            )
            .await?;
        tx.audit(AuditEvent::new("hit.compare", INDEX, id).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({ "epoch": row.epoch, "peers": peers, "peer_entries": theirs.len(), "peer_sha256": sha,
                "hits": hits.len(), "new_hits": new_hits }),
        ))
        .await?;
        tx.commit().await?;
        Ok(CompareOutcome { peer_index, peers, entries: theirs.len(), hits: hits.len(), new_hits })
    }

    /// The hits the caller may see: those of cases they may read; newest first.
    pub async fn hits(&self, caller: &Caller) -> Result<Vec<HitView>, AppError> {
        let mut out = Vec::new();
        let orgs = self.store.list_orgs().await?;
        let mut cases: HashMap<i64, Option<(String, String)>> = HashMap::new();
        let mut labels = Labels::default();
        for h in self.store.list_hits().await? {
            let case = match cases.get(&h.case_id) {
                Some(c) => c.clone(),
                None => {
                    let c = match self.case_for(caller, h.case_id, Action::Read).await {
                        Ok((c, _)) => Some((c.reference, c.title)),
                        Err(AppError::Denied(_) | AppError::NotFound(_)) => None,
                        Err(e) => return Err(e),
                    };
                    cases.insert(h.case_id, c.clone());
                    c
                }
            };
            let Some((reference, title)) = case else { continue };
            let record = self.hit_record_label(&h, &mut labels).await?;
            out.push(Self::hit_view(h, reference, title, record, &orgs));
        }
        Ok(out)
    }

    /// The hits on one case, for its page: refused unless the caller may read the case.
    pub async fn case_hits(&self, caller: &Caller, case_id: i64) -> Result<Vec<HitView>, AppError> {
        let (case, _) = self.case_for(caller, case_id, Action::Read).await?;
        let orgs = self.store.list_orgs().await?;
        let mut labels = Labels::default();
        let mut out = Vec::new();
        for h in self.store.list_hits().await?.into_iter().filter(|h| h.case_id == case_id) {
            let record = self.hit_record_label(&h, &mut labels).await?;
            out.push(Self::hit_view(h, case.reference.clone(), case.title.clone(), record, &orgs));
        }
        Ok(out)
    }

    /// How a hit's record is shown; `labels` caches each case's records.
    async fn hit_record_label(&self, h: &HitRow, labels: &mut Labels) -> Result<String, AppError> {
        if labels.loaded.insert((h.record_kind.clone(), h.case_id)) {
            if h.record_kind == "entity" {
                for e in self.store.list_entities(Some(h.case_id)).await? {
                    labels.names.insert(("entity".into(), e.id), format!("{} {}", e.schema, e.caption));
                }
            } else {
                for s in self.store.case_subjects(h.case_id).await? {
                    labels.names.insert(("subject".into(), s.id), format!("subject {}", s.name));
                }
            }
        }
        Ok(labels
            .names
            .get(&(h.record_kind.clone(), h.record_id))
            .cloned()
            .unwrap_or_else(|| format!("{} {} (removed)", h.record_kind, h.record_id)))
    }

    fn hit_view(
        h: HitRow,
        reference: String,
        title: String,
        record: String,
        orgs: &[praxis_store::Organisation],
    ) -> HitView {
        let held_by_org = orgs
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(h.held_by.trim()))
            .map(|o| (o.id.0, o.jurisdiction.country().code().to_owned()));
        HitView {
            id: h.id,
            case_id: h.case_id,
            case_reference: reference,
            case_title: title,
            record_kind: h.record_kind,
            record_id: h.record_id,
            record,
            kind: h.kind,
            held_by: h.held_by,
            held_by_org,
            epoch: h.epoch,
            found_at: h.found_at,
            request_id: h.request_id,
        }
    }

    /// Drafts a cooperation request to the holder of a hit, referencing the kind and our case
    /// (the existing cooperation module; a draft, to be completed and sent by the requester).
    /// When the holder is an organisation here, it is addressed to it; otherwise the holder's
    /// label is written as the requested authority and the caller gives its country. A hit
    /// drafts one request: asking again returns it.
    pub async fn draft_request_from_hit(
        &self,
        caller: &Caller,
        hit_id: i64,
        input: &DraftInput,
    ) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied(
                "requests are made by a person of the requesting organisation".into(),
            ));
        };
        let h = self.store.get_hit(hit_id).await?.ok_or(AppError::NotFound("hit"))?;
        let (case, _) = self.case_for(caller, h.case_id, Action::Write).await?;
        if let Some(r) = h.request_id {
            return Ok(r);
        }
        let orgs = self.store.list_orgs().await?;
        let holder = orgs.iter().find(|o| o.name.eq_ignore_ascii_case(h.held_by.trim()));
        let country =
            match (holder, input.requested_country.as_deref().map(str::trim).filter(|c| !c.is_empty())) {
                (Some(o), _) => o.jurisdiction.country().code().to_owned(),
                (None, Some(c)) => Jurisdiction::parse(c)
                    .map_err(|e| invalid("requested_country", e.to_string()))?
                    .country()
                    .code()
                    .to_owned(),
                (None, None) => {
                    return Err(invalid(
                        "requested_country",
                        format!("{} is not an organisation on this platform: give its country", h.held_by),
                    ))
                }
            };
        let input = crate::cooperation::RequestInput {
            kind: "police_to_police".into(),
            reference: format!("HIT-{}-{}", h.epoch, h.id),
            case: Some(h.case_id),
            requesting_authority: actor.org.name.clone(),
            requested_country: country,
            requested_authority: h.held_by.clone(),
            requested_org: holder.map(|o| o.id.0),
            legal_basis: "To be completed: the agreement or law under which this is asked".into(),
            subject_matter: format!(
                "A hit/no-hit comparison of blind indexes (epoch {}) found that {} holds a {} selector also held in our case {}. \
                 We ask for the information you hold on it, under the legal basis above.",
                h.epoch,
                h.held_by,
                h.kind.replace('_', " + "),
                case.reference
            ),
            deadline: None,
        };
        let request = self.create_request(caller, &input).await?;
        let mut tx = self.store.begin_write().await?;
        tx.set_hit_request(h.id, request).await?;
        tx.audit(
            AuditEvent::new("hit.draft_request", HIT, h.id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "request": request, "case": h.case_id, "kind": h.kind })),
        )
        .await?;
        tx.commit().await?;
        Ok(request)
    }

    /// Key holder: evaluates a blinded request (CLI format: organisation,epoch,blinded,protocol) for the
    /// caller's organisation — the requester is the caller's organisation, never a label in the
    /// file (a request labelled otherwise is refused). Counted against the organisation's quota
    /// for the epoch, refused whole when over; every request is logged. Returns the response (CLI
    /// format: epoch,blinded,evaluated,protocol).
    pub async fn hit_evaluate(&self, caller: &Caller, request_csv: &str) -> Result<String, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("evaluations are asked by a signed-in user".into()));
        };
        authorize(caller, Action::Create, &index_record(actor.org.id))?;
        let Some(seed) = self.config.hit.key_seed.clone() else {
            return Err(AppError::invalid(
                "request",
                "not_key_holder",
                "this deployment is not a key holder: send the request to your key holder",
            ));
        };
        if request_csv.len() > MAX_FILE_BYTES {
            return Err(invalid("request", format!("at most {} MB", MAX_FILE_BYTES >> 20)));
        }
        let rows = csv_rows("request", request_csv, &REQUEST_HEADER)?;
        let org = actor.org.name.clone();
        let epoch = rows[0].1[1].clone();
        let mut errors = Vec::new();
        let mut blinded = Vec::with_capacity(rows.len());
        for (line, r) in &rows {
            if r[0] != org {
                errors.push(format!(
                    "request, line {line}, field organisation: {:?}, but the request comes from {org:?}; refused",
                    r[0]
                ));
            } else if r[1] != epoch {
                errors.push(format!("request, line {line}, field epoch: {:?} where the request began with {epoch:?}; one epoch per request", r[1]));
            } else {
                blinded.push((*line, r[2].clone()));
            }
            if errors.len() >= LIST_AT_MOST {
                break;
            }
        }
        if !errors.is_empty() {
            return Err(AppError::ImportRefused(errors));
        }
        let epoch = epoch_label(&epoch).map_err(|_| {
            AppError::ImportRefused(vec![format!(
                "request, line 2, field epoch: {epoch:?} is not an epoch label"
            )])
        })?;
        let n = blinded.len() as i64;
        let quota = self.config.hit.quota as i64;
        let (ep, sd) = (epoch.clone(), seed.bytes().to_vec());
        let evaluated = tokio::task::spawn_blocking(move || evaluate_rows(&sd, &ep, &blinded, "request"))
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
        // Count and log in one write transaction: two requests cannot both pass the quota.
        let mut tx = self.store.begin_write().await?;
        let used = tx.hit_evaluated(actor.org.id, &epoch).await?;
        let outcome = if used + n > quota { "refused: quota" } else { "evaluated" };
        let log = tx.log_hit_evaluation(actor.org.id, Some(actor.user_id), &epoch, n, outcome).await?;
        tx.audit(AuditEvent::new("hit.evaluate", EVALUATION, log).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({ "epoch": epoch, "elements": n, "outcome": outcome, "used_before": used, "quota": quota,
                "request_sha256": sha256(request_csv) }),
        ))
        .await?;
        tx.commit().await?;
        if used + n > quota {
            return Err(AppError::invalid(
                "request",
                "quota",
                format!(
                    "{org} has had {used} selectors evaluated in epoch {epoch}; {n} more would exceed the quota of {quota}: refused (logged)"
                ),
            ));
        }
        Ok(csv_text(&RESPONSE_HEADER, evaluated))
    }

    /// The key holder's evaluation log: oversight sees every organisation's requests,
    /// administrators their own organisation's.
    pub async fn hit_evaluations(&self, caller: &Caller) -> Result<Vec<EvaluationView>, AppError> {
        let Caller::User(actor) = caller else {
            return Ok(vec![]);
        };
        authorize(caller, Action::Read, &RecordRef::new(RecordKind::AuditLog, Some(actor.org.id)))?;
        Ok(self
            .store
            .hit_evaluations()
            .await?
            .into_iter()
            .filter(|e| {
                decide(caller, Action::Read, &RecordRef::new(RecordKind::AuditLog, Some(e.org_id))).allowed
            })
            .map(|e| EvaluationView {
                id: e.id,
                at: e.at,
                organisation: e.org_name,
                user: e.user_name,
                epoch: e.epoch,
                elements: e.elements,
                outcome: e.outcome,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_refused_with_its_line_and_field() {
        let e =
            csv_rows("peer index", "organisation,epoch,kind\nA,2026-Q4,phone\n", &INDEX_HEADER).unwrap_err();
        let AppError::ImportRefused(rows) = e else { panic!("refused") };
        assert!(rows[0].contains("line 1, field value"), "{rows:?}");
        let e = csv_rows(
            "peer index",
            "organisation,epoch,kind,value,protocol\nA,2026-Q4,phone\n",
            &INDEX_HEADER,
        )
        .unwrap_err();
        let AppError::ImportRefused(rows) = e else { panic!("refused") };
        assert!(rows[0].contains("line 2"), "{rows:?}");
    }

    #[test]
    fn a_file_of_another_protocol_version_is_refused() {
        let value = "ab".repeat(32);
        // Written before files named their version.
        let e = csv_rows(
            "peer index",
            &format!("organisation,epoch,kind,value\nA,2026-Q4,phone,{value}\n"),
            &INDEX_HEADER,
        )
        .unwrap_err();
        let AppError::ImportRefused(rows) = e else { panic!("refused") };
        assert!(rows[0].contains("line 1, field protocol") && rows[0].contains("v1"), "{rows:?}");
        // Another version named.
        let text = format!(
            "organisation,epoch,kind,value,protocol\nA,2026-Q4,phone,{value},{}\nA,2026-Q4,phone,{value},praxis/hit-no-hit/v1\n",
            blind::PROTOCOL_NAME
        );
        let e = csv_rows("peer index", &text, &INDEX_HEADER).unwrap_err();
        let AppError::ImportRefused(rows) = e else { panic!("refused") };
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(rows[0].contains("line 3, field protocol"), "{rows:?}");
        // This version's file is read.
        let text = format!(
            "organisation,epoch,kind,value,protocol\nA,2026-Q4,phone,{value},{}\n",
            blind::PROTOCOL_NAME
        );
        assert_eq!(csv_rows("peer index", &text, &INDEX_HEADER).unwrap().len(), 1);
    }

    #[test]
    fn an_index_of_an_earlier_protocol_goes_no_further() {
        let mut row = praxis_store::HitIndexRow {
            id: 1,
            owner_org: OrgId(1),
            label: "FIA".into(),
            epoch: "2026-Q4".into(),
            status: "final".into(),
            entries: 1,
            counts: "{}".into(),
            request_sha256: String::new(),
            created_by_name: None,
            created_at: 0,
            finalized_at: None,
            protocol: blind::PROTOCOL_NAME.into(),
        };
        assert!(App::hit_current(&row).is_ok());
        assert!(!App::hit_summary(&row).outdated);
        row.protocol = "praxis/hit-no-hit/v1".into();
        let e = App::hit_current(&row).unwrap_err().to_string();
        assert!(e.contains("built under praxis/hit-no-hit/v1") && e.contains("build a new index"), "{e}");
        assert!(App::hit_summary(&row).outdated);
    }

    #[test]
    fn epoch_labels_are_plain() {
        assert_eq!(epoch_label(" 2026-Q4 ").unwrap(), "2026-Q4");
        assert!(epoch_label("").is_err());
        assert!(epoch_label("2026 Q4").is_err());
    }
}

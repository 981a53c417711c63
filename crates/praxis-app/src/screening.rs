//! Screening in the platform: people and organisations checked against a watch list in
//! FollowTheMoney JSON lines (as OpenSanctions publishes them), with, for every query, the ranked
//! candidates, their score, whether they are a match, the names that met and the evidence with its
//! weight — the explanation of [`praxis_match::screen`], the engine of `praxis match screen`.
//!
//! The queries are a CSV list (an id column and `role=column` mapping, read as the entity
//! resolution lists are: [`crate::matching::read_rows`]), FtM JSON lines, or a case's Person,
//! Company and Organization entities — never the case's victims or witnesses, whose identities
//! are protected fields of its persons, not entities. Screening is synchronous; every screening is
//! kept as a run of the caller's organisation ([`crate::screening_review`]: its queries and ranked
//! candidates, the analysts' judgements) and audited (`match.screen`: the counts and the list's
//! SHA-256, never a name). A malformed line of the list or the queries refuses everything with its
//! line and property named: nothing is screened or kept. The lists are investigative material of
//! the caller's organisation (`RecordKind::Case`): investigative roles screen; a case's entities
//! need read access to it.

use std::collections::HashMap;

use praxis_match::screen::{
    read_ftm, FtmRead, Profile, ScreenOptions, WatchList, DEFAULT_KEEP_ABOVE, DEFAULT_SCREEN_THRESHOLD,
};
use praxis_match::{RecordOptions, Role};
use praxis_store::{AuditEvent, NewScreeningQuery, NewScreeningRun, ScreeningCandidateRow};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::matching::{parse_mapping, read_rows, LIST_AT_MOST};
use crate::policy::{authorize, Action, Caller, RecordKind, RecordRef};
use crate::validate::text;
use crate::{App, AppError};

pub const SCREEN: &str = "match_screen";
/// A watch list may hold this many bytes.
pub const MAX_WATCH_LIST_BYTES: usize = 50 * 1024 * 1024;
/// The queries may hold this many bytes.
pub const MAX_QUERY_BYTES: usize = 20 * 1024 * 1024;
/// At most this many queries in one screening.
pub const MAX_QUERIES: usize = 10_000;
/// At most this many candidates per query.
pub const MAX_TOP: usize = 50;

/// The schemata of a case's entities that are screened.
const CASE_SCHEMATA: [&str; 3] = ["Person", "Company", "Organization"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ScreenInput {
    /// The watch list: FtM entities, one JSON object per line.
    pub list: String,
    /// How the list is called (its file name; default `watch list`).
    #[serde(default)]
    pub list_name: Option<String>,
    /// The queries: CSV text (with `id_column` and `mapping`) or FtM JSON lines (without).
    #[serde(default)]
    pub queries: Option<String>,
    #[serde(default)]
    pub id_column: Option<String>,
    /// `role=column` pairs, separated by commas or new lines.
    #[serde(default)]
    pub mapping: Option<String>,
    /// Screen this case's Person, Company and Organization entities instead of `queries`.
    #[serde(default)]
    pub case: Option<i64>,
    /// At most this many candidates per query (default 5, at most 50).
    #[serde(default)]
    pub top: Option<usize>,
    /// The score at or above which a candidate is a match (default 0.85).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Region phone numbers without a country code are read in (default PK).
    #[serde(default)]
    pub phone_region: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub field: String,
    pub outcome: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidateView {
    pub rank: usize,
    pub entity_id: String,
    pub entity_schema: String,
    pub entity_caption: String,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub query_name: String,
    pub matched_name: String,
    pub matched_property: String,
    pub name_score: f64,
    /// How the name parts met.
    pub name_parts: Vec<String>,
    pub evidence: Vec<EvidenceView>,
    pub explanation: String,
    /// The engine's own flag (`match` is false when an analyst rejected the candidate, true
    /// when one confirmed it).
    pub engine_match: bool,
    /// An analyst's verdict on this list entity for this query: `confirmed` or `rejected`.
    pub judgement: Option<String>,
    pub judged_by: Option<String>,
    pub judged_at: Option<i64>,
    pub judgement_note: String,
    /// Given on an earlier run (this run found the candidate again).
    pub judged_earlier: bool,
}

/// How the engine explained a candidate: kept as JSON with the run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredExplanation {
    pub query_name: String,
    pub matched_name: String,
    pub matched_property: String,
    pub name_score: f64,
    pub name_parts: Vec<String>,
    pub evidence: Vec<StoredEvidence>,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredEvidence {
    pub field: String,
    pub outcome: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryResult {
    pub query_id: String,
    /// A case's entity screened (shown through the case).
    pub entity_id: Option<i64>,
    pub caption: String,
    /// The mapped values of an uploaded query: (role or property, value).
    pub fields: Vec<(String, String)>,
    /// The line of the queries it came from (0 for a case's entities).
    pub line: u64,
    /// False when the query has no usable name (never matched).
    pub screened: bool,
    pub candidates: Vec<CandidateView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScreenReport {
    /// The kept run.
    pub run: i64,
    pub list_name: String,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    /// The case's reference and title, when a case was screened.
    pub case_label: Option<String>,
    /// The list's SHA-256 (hex), as audited.
    pub list_sha256: String,
    /// Watch-list entities screened against.
    pub entities: usize,
    /// Watch-list entities of other schemata (Sanction, Address …), left aside.
    pub other_schemata: usize,
    /// Watch-list entities without a usable name.
    pub without_names: usize,
    pub case: Option<i64>,
    pub threshold: f64,
    pub top: usize,
    pub screened: usize,
    pub with_candidates: usize,
    /// Queries with a match (a rejected candidate is not one; a confirmed one is).
    pub with_match: usize,
    pub confirmed: usize,
    pub rejected: usize,
    /// Values set aside (a date or phone that is not one), with their line and property.
    pub value_problems: Vec<String>,
    pub queries: Vec<QueryResult>,
}

fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, "invalid", message)
}

/// Reads FtM JSON lines; a malformed line refuses the whole (every one named).
fn ftm(
    which: &str,
    text: &str,
    options: &RecordOptions,
    values: &mut Vec<String>,
) -> Result<FtmRead, AppError> {
    let read = read_ftm(text.as_bytes(), options).map_err(|e| invalid("list", e.to_string()))?;
    let mut refused = Vec::new();
    for p in &read.problems {
        let mut at = format!("{which}, line {}", p.line);
        if let Some(prop) = &p.property {
            at.push_str(&format!(", property {prop}"));
        }
        if let Some(e) = &p.entity {
            at.push_str(&format!(" (entity {e})"));
        }
        let line = format!("{at}: {}", p.message);
        if p.malformed {
            if refused.len() < LIST_AT_MOST {
                refused.push(line);
            }
        } else if values.len() < LIST_AT_MOST {
            values.push(line);
        }
    }
    if !refused.is_empty() {
        refused.push(format!("{which}: malformed lines; nothing was screened"));
        return Err(AppError::ImportRefused(refused));
    }
    Ok(read)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl App {
    /// Screens the queries (or a case's entities) against the watch list: ranked, explained
    /// candidates per query. Nothing is kept but the audit entry.
    pub async fn screen_watch_list(
        &self,
        caller: &Caller,
        input: &ScreenInput,
    ) -> Result<ScreenReport, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("screening is done by a signed-in user".into()));
        };
        authorize(caller, Action::Create, &RecordRef::new(RecordKind::Case, Some(actor.org.id)))?;
        if input.list.len() > MAX_WATCH_LIST_BYTES {
            return Err(invalid(
                "list",
                format!("a watch list may hold at most {} MB", MAX_WATCH_LIST_BYTES >> 20),
            ));
        }
        if input.list.trim().is_empty() {
            return Err(invalid("list", "the watch list is empty (FtM entities, one JSON object per line)"));
        }
        let top = input.top.unwrap_or(5);
        if !(1..=MAX_TOP).contains(&top) {
            return Err(invalid("top", format!("between 1 and {MAX_TOP} candidates per query")));
        }
        let threshold = input.threshold.unwrap_or(DEFAULT_SCREEN_THRESHOLD);
        if !(0.01..=1.0).contains(&threshold) {
            return Err(invalid("threshold", "a score between 0.01 and 1"));
        }
        let region = input.phone_region.as_deref().map(str::trim).filter(|r| !r.is_empty()).unwrap_or("PK");
        if region.len() != 2 || praxis_model::Jurisdiction::parse(region).is_err() {
            return Err(invalid("phone_region", format!("`{region}` is not an ISO 3166-1 country code")));
        }
        let options = RecordOptions { phone_region: region.to_ascii_uppercase(), ..RecordOptions::default() };
        let queries_text = input.queries.as_deref().filter(|q| !q.trim().is_empty());

        let list_name = text("list_name", input.list_name.as_deref().unwrap_or_default(), 0, 200, false)?;
        let list_name = if list_name.is_empty() { "watch list".to_owned() } else { list_name };

        let mut value_problems = Vec::new();
        let (profiles, metas): (Vec<Profile>, Vec<QueryMeta>) = match (input.case, queries_text) {
            (Some(_), Some(_)) => {
                return Err(invalid("queries", "screen either queries or a case, not both"))
            }
            (None, None) => {
                return Err(invalid("queries", "give the queries to screen (CSV or FtM JSON lines)"))
            }
            (Some(case), None) => {
                // The case's entities only: victims and witnesses are protected persons of the
                // case, never entities, and are not read here.
                let (entities, _) = self.case_entities(caller, case).await?;
                let text: String = entities
                    .iter()
                    .filter(|e| CASE_SCHEMATA.contains(&e.schema.as_str()))
                    .map(|e| {
                        serde_json::json!({ "id": e.id.to_string(), "schema": e.schema, "properties": e.properties })
                            .to_string()
                            + "\n"
                    })
                    .collect();
                let read = ftm("case entities", &text, &options, &mut value_problems)?;
                read.entities
                    .into_iter()
                    .map(|p| {
                        let entity = p.id.parse::<i64>().ok();
                        let meta = QueryMeta {
                            key: format!("entity:{}", p.id),
                            entity,
                            fields: Vec::new(),
                            line: 0,
                        };
                        (p, meta)
                    })
                    .unzip()
            }
            (None, Some(text)) => {
                if text.len() > MAX_QUERY_BYTES {
                    return Err(invalid(
                        "queries",
                        format!("the queries may hold at most {} MB", MAX_QUERY_BYTES >> 20),
                    ));
                }
                let mapping = input.mapping.as_deref().unwrap_or_default();
                if mapping.trim().is_empty() {
                    let read = ftm("queries", text, &options, &mut value_problems)?;
                    refuse_repeated_ids("queries", &read.entities)?;
                    read.entities
                        .into_iter()
                        .map(|p| {
                            let fields = profile_fields(&p);
                            let meta = QueryMeta {
                                key: upload_key("ftm", &p.id, &fields),
                                entity: None,
                                fields,
                                line: p.line,
                            };
                            (p, meta)
                        })
                        .unzip()
                } else {
                    let map = parse_mapping(mapping)?;
                    if !map.iter().any(|(r, _)| {
                        matches!(r, Role::FullName | Role::GivenName | Role::FamilyName | Role::OrgName)
                    }) {
                        return Err(invalid(
                            "mapping",
                            "map at least one name (full_name, given_name, family_name or org_name): screening matches names",
                        ));
                    }
                    let id_column = input.id_column.as_deref().map(str::trim).unwrap_or_default();
                    if id_column.is_empty() {
                        return Err(invalid("id_column", "the column holding each query's id"));
                    }
                    let rows = read_rows("queries", text, id_column, &map, |id, values| {
                        let fields: Vec<(String, String)> = values
                            .iter()
                            .filter(|(_, v)| !v.trim().is_empty())
                            .map(|(r, v)| (r.name().to_owned(), v.trim().to_owned()))
                            .collect();
                        let (p, problems) = Profile::from_values(id, values, &options);
                        ((p, fields), problems)
                    })
                    .map_err(AppError::ImportRefused)?;
                    value_problems.extend(rows.value_problems);
                    rows.items
                        .into_iter()
                        .map(|((mut p, fields), line)| {
                            p.line = line;
                            let meta = QueryMeta {
                                key: upload_key("csv", &p.id, &fields),
                                entity: None,
                                fields,
                                line,
                            };
                            (p, meta)
                        })
                        .unzip()
                }
            }
        };
        if profiles.len() > MAX_QUERIES {
            return Err(invalid(
                "queries",
                format!("at most {MAX_QUERIES} queries at once; this has {}", profiles.len()),
            ));
        }
        let list = ftm("list", &input.list, &options, &mut value_problems)?;
        refuse_repeated_ids("list", &list.entities)?;
        value_problems.truncate(LIST_AT_MOST);
        let list_sha256 = hex::encode(Sha256::digest(input.list.as_bytes()));
        let (entities, other_schemata, without_names) =
            (list.entities.len(), list.other_schemata, list.without_names);

        let screen_options = ScreenOptions {
            threshold,
            keep_above: DEFAULT_KEEP_ABOVE.min(threshold),
            top,
            ..ScreenOptions::default()
        };
        let is_case = input.case.is_some();
        let queries = tokio::task::spawn_blocking(move || {
            let watch = WatchList::new(list.entities);
            let results = watch.screen_all(&profiles, &screen_options);
            profiles
                .iter()
                .zip(metas)
                .zip(results)
                .map(|((q, meta), found)| NewScreeningQuery {
                    query_id: q.id.clone(),
                    query_key: meta.key,
                    entity_id: meta.entity,
                    // A case's entity is shown through the case; an upload keeps its caption.
                    caption: if is_case { String::new() } else { q.caption.clone() },
                    line: meta.line as i64,
                    screened: !q.names.is_empty(),
                    fields: serde_json::to_string(&meta.fields).unwrap_or_else(|_| "[]".into()),
                    candidates: found
                        .iter()
                        .enumerate()
                        .map(|(rank, c)| {
                            let e = watch.entity(c.entity);
                            let explained = StoredExplanation {
                                query_name: c.query_name.clone(),
                                matched_name: c.entity_name.clone(),
                                matched_property: c.property.to_owned(),
                                name_score: round(c.name_score),
                                name_parts: c.names.explanation(),
                                evidence: c
                                    .evidence
                                    .iter()
                                    .map(|v| StoredEvidence {
                                        field: v.field.to_owned(),
                                        outcome: v.outcome.clone(),
                                        weight: round(v.weight),
                                    })
                                    .collect(),
                                explanation: c.explanation(),
                            };
                            ScreeningCandidateRow {
                                rank: rank as i64 + 1,
                                list_entity_id: e.id.clone(),
                                entity_schema: e.schema.clone(),
                                caption: e.caption.clone(),
                                score_milli: (c.score * 1000.0).round() as i64,
                                is_match: c.is_match,
                                explanation: serde_json::to_string(&explained).unwrap_or_default(),
                            }
                        })
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));

        let screened = queries.iter().filter(|q| q.screened).count();
        let with_candidates = queries.iter().filter(|q| !q.candidates.is_empty()).count();
        let engine_matches = queries.iter().filter(|q| q.candidates.iter().any(|c| c.is_match)).count();
        let summary = RunCounts {
            other_schemata,
            without_names,
            screened,
            with_candidates,
            with_match: engine_matches,
            value_problems,
        };
        let query_count = queries.len();
        let mut tx = self.store.begin_write().await?;
        let run = tx
            .insert_screening_run(&NewScreeningRun {
                owner_org: actor.org.id,
                created_by: Some(actor.user_id),
                case_id: input.case,
                list_name,
                list_sha256: list_sha256.clone(),
                list_entities: entities as i64,
                threshold_milli: (threshold * 1000.0).round() as i64,
                top_n: top as i64,
                phone_region: options.phone_region.clone(),
                summary: serde_json::to_string(&summary).unwrap_or_else(|_| "{}".into()),
                queries,
            })
            .await?;
        tx.audit(AuditEvent::new("match.screen", SCREEN, run).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({
                "list_sha256": list_sha256, "list_bytes": input.list.len(), "entities": entities,
                "case": input.case, "queries": query_count, "screened": screened,
                "with_candidates": with_candidates, "with_match": engine_matches,
                "threshold": threshold, "top": top,
            }),
        ))
        .await?;
        tx.commit().await?;
        self.screening_run(caller, run).await
    }
}

/// A watch list or FtM queries with an entity id used twice is refused whole, each repeat named
/// with its line (a candidate and a judgement are known by the id).
fn refuse_repeated_ids(which: &str, entities: &[Profile]) -> Result<(), AppError> {
    let mut seen: HashMap<&str, u64> = HashMap::new();
    let mut refused = Vec::new();
    for p in entities {
        match seen.get(p.id.as_str()) {
            Some(first) if refused.len() < LIST_AT_MOST => refused.push(format!(
                "{which}, line {}, property id: the id {:?} is already on line {first}",
                p.line, p.id
            )),
            Some(_) => {}
            None => {
                seen.insert(p.id.as_str(), p.line);
            }
        }
    }
    if refused.is_empty() {
        return Ok(());
    }
    refused.push(format!("{which}: repeated ids; nothing was screened"));
    Err(AppError::ImportRefused(refused))
}

/// What identifies a query across runs, and what is kept to show it again.
struct QueryMeta {
    /// `entity:<id>`, `csv:<id>:<sha256>` or `ftm:<id>:<sha256>`.
    key: String,
    entity: Option<i64>,
    fields: Vec<(String, String)>,
    line: u64,
}

/// The counts of a run as it was screened (kept as its summary).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct RunCounts {
    pub other_schemata: usize,
    pub without_names: usize,
    pub screened: usize,
    pub with_candidates: usize,
    /// Queries the engine found a match for, before judgements.
    pub with_match: usize,
    pub value_problems: Vec<String>,
}

/// An uploaded query's key: its id and its values (in a fixed order), so that a judgement holds
/// for the same row screened again and not for another row that reuses the id.
fn upload_key(kind: &str, id: &str, fields: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = fields.iter().collect();
    sorted.sort();
    let mut h = Sha256::new();
    for (k, v) in sorted {
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
        h.update([0]);
    }
    format!("{kind}:{id}:{}", hex::encode(h.finalize()))
}

/// The values of an FtM query as read (names with their property, identifiers, phones, e-mails,
/// countries).
fn profile_fields(p: &Profile) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        p.names.iter().map(|n| (n.property.to_owned(), n.written.clone())).collect();
    out.extend(p.births.iter().map(|b| ("birthDate".to_owned(), b.to_string())));
    out.extend(p.identifiers.iter().map(|v| ("identifier".to_owned(), v.clone())));
    out.extend(p.phones.iter().map(|v| ("phone".to_owned(), v.clone())));
    out.extend(p.emails.iter().map(|v| ("email".to_owned(), v.clone())));
    out.extend(p.countries.iter().map(|v| ("country".to_owned(), v.clone())));
    out
}

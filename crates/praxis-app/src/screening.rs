//! Screening in the platform: people and organisations checked against a watch list in
//! FollowTheMoney JSON lines (as OpenSanctions publishes them), with, for every query, the ranked
//! candidates, their score, whether they are a match, the names that met and the evidence with its
//! weight — the explanation of [`praxis_match::screen`], the engine of `praxis match screen`.
//!
//! The queries are a CSV list (an id column and `role=column` mapping, read as the entity
//! resolution lists are: [`crate::matching::read_rows`]), FtM JSON lines, or a case's Person,
//! Company and Organization entities. Screening is synchronous and keeps nothing but its audit
//! entry (`match.screen`: the counts and the list's SHA-256, never a name). A malformed line of
//! the list or the queries refuses everything with its line and property named: nothing is
//! screened. The lists are investigative material of the caller's organisation
//! (`RecordKind::Case`): investigative roles screen; a case's entities need read access to it.

use praxis_match::screen::{
    read_ftm, FtmRead, Profile, ScreenOptions, WatchList, DEFAULT_KEEP_ABOVE, DEFAULT_SCREEN_THRESHOLD,
};
use praxis_match::{RecordOptions, Role};
use praxis_store::AuditEvent;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::matching::{parse_mapping, read_rows, LIST_AT_MOST};
use crate::policy::{authorize, Action, Caller, RecordKind, RecordRef};
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
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryResult {
    pub query_id: String,
    pub caption: String,
    /// The line of the queries it came from (0 for a case's entities).
    pub line: u64,
    /// False when the query has no usable name (never matched).
    pub screened: bool,
    pub candidates: Vec<CandidateView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScreenReport {
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
    pub with_match: usize,
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

        let mut value_problems = Vec::new();
        let (profiles, lines): (Vec<Profile>, Vec<u64>) = match (input.case, queries_text) {
            (Some(_), Some(_)) => {
                return Err(invalid("queries", "screen either queries or a case, not both"))
            }
            (None, None) => {
                return Err(invalid("queries", "give the queries to screen (CSV or FtM JSON lines)"))
            }
            (Some(case), None) => {
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
                read.entities.into_iter().map(|p| (p, 0)).unzip()
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
                    read.entities.into_iter().map(|p| (p.clone(), p.line)).unzip()
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
                        Profile::from_values(id, values, &options)
                    })
                    .map_err(AppError::ImportRefused)?;
                    value_problems.extend(rows.value_problems);
                    rows.items
                        .into_iter()
                        .map(|(mut p, line)| {
                            p.line = line;
                            (p, line)
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
        let queries = tokio::task::spawn_blocking(move || {
            let watch = WatchList::new(list.entities);
            let results = watch.screen_all(&profiles, &screen_options);
            profiles
                .iter()
                .zip(lines)
                .zip(results)
                .map(|((q, line), found)| QueryResult {
                    query_id: q.id.clone(),
                    caption: q.caption.clone(),
                    line,
                    screened: !q.names.is_empty(),
                    candidates: found
                        .iter()
                        .enumerate()
                        .map(|(rank, c)| {
                            let e = watch.entity(c.entity);
                            CandidateView {
                                rank: rank + 1,
                                entity_id: e.id.clone(),
                                entity_schema: e.schema.clone(),
                                entity_caption: e.caption.clone(),
                                score: round(c.score),
                                is_match: c.is_match,
                                query_name: c.query_name.clone(),
                                matched_name: c.entity_name.clone(),
                                matched_property: c.property.to_owned(),
                                name_score: round(c.name_score),
                                name_parts: c.names.explanation(),
                                evidence: c
                                    .evidence
                                    .iter()
                                    .map(|v| EvidenceView {
                                        field: v.field.to_owned(),
                                        outcome: v.outcome.clone(),
                                        weight: round(v.weight),
                                    })
                                    .collect(),
                                explanation: c.explanation(),
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
        let with_match = queries.iter().filter(|q| q.candidates.iter().any(|c| c.is_match)).count();
        let mut tx = self.store.begin_write().await?;
        tx.audit(
            AuditEvent::new("match.screen", SCREEN, input.case.unwrap_or(0))
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({
                    "list_sha256": list_sha256, "list_bytes": input.list.len(), "entities": entities,
                    "case": input.case, "queries": queries.len(), "screened": screened,
                    "with_candidates": with_candidates, "with_match": with_match,
                    "threshold": threshold, "top": top,
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(ScreenReport {
            list_sha256,
            entities,
            other_schemata,
            without_names,
            case: input.case,
            threshold,
            top,
            screened,
            with_candidates,
            with_match,
            value_problems,
            queries,
        })
    }
}

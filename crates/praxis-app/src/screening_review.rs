//! Screening runs kept for review, and the analysts' judgements on their candidates.
//!
//! Every screening ([`crate::screening`]) is kept as a run of the caller's organisation, linked
//! to the case whose entities it screened. An analyst confirms a candidate (a true match) or
//! rejects it (a false positive), with a note. A judgement belongs to the organisation, the
//! query (a case's entity by its id; an uploaded row by its id and mapped values) and the list
//! entity id: whenever the same query meets the same list entity again, in this run or a later
//! one against any list holding that id, the candidate carries the judgement — a rejected one is
//! not counted as a match, a confirmed one is.
//!
//! Access: runs are investigative records of their organisation (`RecordKind::Case`): its
//! investigative roles read them and judge; a case's run also needs read access to the case to
//! be read and write access to be judged. Another organisation's run is not found. Judgements are
//! audited as `match.screen.judge` with ids only, never names.

use std::collections::HashMap;

use praxis_model::{OrgId, UserId};
use praxis_store::{AuditEvent, NewScreeningJudgement, ScreeningJudgementRow, ScreeningRunRow};
use serde::{Deserialize, Serialize};

use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::screening::{
    CandidateView, EvidenceView, QueryResult, RunCounts, ScreenReport, StoredExplanation, SCREEN,
};
use crate::validate::text;
use crate::{App, AppError};

/// A kept run, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct ScreeningRunSummary {
    pub id: i64,
    pub list_name: String,
    pub list_sha256: String,
    pub entities: i64,
    pub queries: i64,
    pub case: Option<i64>,
    pub threshold: f64,
    pub top: i64,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub with_candidates: usize,
    /// Queries the engine found a match for when the run was made (before judgements).
    pub with_match: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ScreeningJudgementInput {
    /// The query's id in the run.
    pub query_id: String,
    /// The candidate: its id in the watch list.
    pub list_entity_id: String,
    /// `confirmed` (a true match) or `rejected` (a false positive).
    pub verdict: String,
    #[serde(default)]
    pub note: String,
}

fn run_record(owner: OrgId) -> RecordRef {
    RecordRef::new(RecordKind::Case, Some(owner))
}

fn summary_of(r: &ScreeningRunRow) -> ScreeningRunSummary {
    let counts: RunCounts = serde_json::from_str(&r.summary).unwrap_or_default();
    ScreeningRunSummary {
        id: r.id,
        list_name: r.list_name.clone(),
        list_sha256: r.list_sha256.clone(),
        entities: r.list_entities,
        queries: r.queries,
        case: r.case_id,
        threshold: r.threshold_milli as f64 / 1000.0,
        top: r.top_n,
        created_by_name: r.created_by_name.clone(),
        created_at: r.created_at,
        with_candidates: counts.with_candidates,
        with_match: counts.with_match,
    }
}

impl App {
    /// The run, if the caller may do `action` on it: another organisation's run is not found;
    /// a case's run needs the same access to the case.
    async fn screening_run_for(
        &self,
        caller: &Caller,
        id: i64,
        action: Action,
    ) -> Result<ScreeningRunRow, AppError> {
        let row = self.store.get_screening_run(id).await?.ok_or(AppError::NotFound("screening run"))?;
        let decision = authorize(caller, action, &run_record(row.owner_org));
        let own = match caller {
            Caller::User(actor) => actor.org.id == row.owner_org,
            _ => true,
        };
        if !own {
            return Err(AppError::NotFound("screening run"));
        }
        decision?;
        if let Some(case) = row.case_id {
            self.case_for(caller, case, action).await?;
        }
        Ok(row)
    }

    /// May the caller read this run (for lists: no error, just whether)?
    async fn screening_run_readable(&self, caller: &Caller, r: &ScreeningRunRow) -> Result<bool, AppError> {
        if let Caller::User(actor) = caller {
            if actor.org.id != r.owner_org {
                return Ok(false);
            }
        }
        if !decide(caller, Action::Read, &run_record(r.owner_org)).allowed {
            return Ok(false);
        }
        match r.case_id {
            None => Ok(true),
            Some(case) => match self.case_for(caller, case, Action::Read).await {
                Ok(_) => Ok(true),
                Err(AppError::Denied(_) | AppError::NotFound(_)) => Ok(false),
                Err(e) => Err(e),
            },
        }
    }

    /// The runs of the caller's organisation the caller may read, newest first.
    pub async fn screening_runs(&self, caller: &Caller) -> Result<Vec<ScreeningRunSummary>, AppError> {
        let owner = match caller {
            Caller::User(actor) => Some(actor.org.id),
            _ => None,
        };
        let mut out = Vec::new();
        for r in self.store.list_screening_runs(owner, None).await? {
            if self.screening_run_readable(caller, &r).await? {
                out.push(summary_of(&r));
            }
        }
        Ok(out)
    }

    /// The runs that screened a case's entities, for those who may read the case and the run.
    pub async fn case_screening_runs(
        &self,
        caller: &Caller,
        case: i64,
    ) -> Result<Vec<ScreeningRunSummary>, AppError> {
        self.case_for(caller, case, Action::Read).await?;
        let mut out = Vec::new();
        for r in self.store.list_screening_runs(None, Some(case)).await? {
            if self.screening_run_readable(caller, &r).await? {
                out.push(summary_of(&r));
            }
        }
        Ok(out)
    }

    /// A kept run: per query its ranked candidates with score, explanation and any judgement
    /// (given on this run or earlier), and the counts with the judgements applied.
    pub async fn screening_run(&self, caller: &Caller, id: i64) -> Result<ScreenReport, AppError> {
        let row = self.screening_run_for(caller, id, Action::Read).await?;
        let (case_label, captions) = match row.case_id {
            Some(case) => {
                let c = self.store.get_case(case).await?.ok_or(AppError::NotFound("case"))?;
                let (entities, _) = self.case_entities_unchecked(case).await?;
                let captions: HashMap<i64, String> =
                    entities.into_iter().map(|e| (e.id, e.caption)).collect();
                (Some(format!("{} · {}", c.reference, c.title)), captions)
            }
            None => (None, HashMap::new()),
        };
        let judgements: HashMap<(String, String), ScreeningJudgementRow> = self
            .store
            .screening_judgements(row.owner_org)
            .await?
            .into_iter()
            .map(|j| ((j.query_key.clone(), j.list_entity_id.clone()), j))
            .collect();
        let counts: RunCounts = serde_json::from_str(&row.summary).unwrap_or_default();
        let (mut confirmed, mut rejected) = (0, 0);
        let queries: Vec<QueryResult> = self
            .store
            .screening_queries(id)
            .await?
            .into_iter()
            .map(|q| {
                let candidates = q
                    .candidates
                    .iter()
                    .map(|c| {
                        let e: Option<StoredExplanation> = serde_json::from_str(&c.explanation).ok();
                        let j = judgements.get(&(q.query_key.clone(), c.list_entity_id.clone()));
                        let verdict = j.map(|j| j.verdict.clone());
                        match verdict.as_deref() {
                            Some("confirmed") => confirmed += 1,
                            Some("rejected") => rejected += 1,
                            _ => {}
                        }
                        let is_match = match verdict.as_deref() {
                            Some("rejected") => false,
                            Some("confirmed") => true,
                            _ => c.is_match,
                        };
                        CandidateView {
                            rank: c.rank as usize,
                            entity_id: c.list_entity_id.clone(),
                            entity_schema: c.entity_schema.clone(),
                            entity_caption: c.caption.clone(),
                            score: c.score_milli as f64 / 1000.0,
                            is_match,
                            query_name: e.as_ref().map(|e| e.query_name.clone()).unwrap_or_default(),
                            matched_name: e.as_ref().map(|e| e.matched_name.clone()).unwrap_or_default(),
                            matched_property: e
                                .as_ref()
                                .map(|e| e.matched_property.clone())
                                .unwrap_or_default(),
                            name_score: e.as_ref().map_or(0.0, |e| e.name_score),
                            name_parts: e.as_ref().map(|e| e.name_parts.clone()).unwrap_or_default(),
                            evidence: e
                                .as_ref()
                                .map(|e| {
                                    e.evidence
                                        .iter()
                                        .map(|v| EvidenceView {
                                            field: v.field.clone(),
                                            outcome: v.outcome.clone(),
                                            weight: v.weight,
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                            explanation: e.map(|e| e.explanation).unwrap_or_default(),
                            engine_match: c.is_match,
                            judgement: verdict,
                            judged_by: j.and_then(|j| j.judged_by_name.clone()),
                            judged_at: j.map(|j| j.judged_at),
                            judgement_note: j.map(|j| j.note.clone()).unwrap_or_default(),
                            judged_earlier: j.is_some_and(|j| j.run_id != id),
                        }
                    })
                    .collect();
                let caption = match q.entity_id {
                    Some(e) => captions.get(&e).cloned().unwrap_or_else(|| format!("entity {e}")),
                    None => q.caption.clone(),
                };
                QueryResult {
                    query_id: q.query_id,
                    entity_id: q.entity_id,
                    caption,
                    fields: serde_json::from_str(&q.fields).unwrap_or_default(),
                    line: q.line.max(0) as u64,
                    screened: q.screened,
                    candidates,
                }
            })
            .collect();
        let with_match = queries.iter().filter(|q| q.candidates.iter().any(|c| c.is_match)).count();
        Ok(ScreenReport {
            run: row.id,
            list_name: row.list_name,
            created_by_name: row.created_by_name,
            created_at: row.created_at,
            case_label,
            list_sha256: row.list_sha256,
            entities: row.list_entities as usize,
            other_schemata: counts.other_schemata,
            without_names: counts.without_names,
            case: row.case_id,
            threshold: row.threshold_milli as f64 / 1000.0,
            top: row.top_n as usize,
            screened: counts.screened,
            with_candidates: counts.with_candidates,
            with_match,
            confirmed,
            rejected,
            value_problems: counts.value_problems,
            queries,
        })
    }

    /// An analyst confirms or rejects a candidate of a run's query, with an optional note. Kept
    /// for the organisation, the query and the list entity (later runs show it) and audited
    /// with ids only.
    pub async fn judge_screening(
        &self,
        caller: &Caller,
        run_id: i64,
        input: &ScreeningJudgementInput,
    ) -> Result<(), AppError> {
        let row = self.screening_run_for(caller, run_id, Action::Write).await?;
        let verdict = input.verdict.trim();
        if !matches!(verdict, "confirmed" | "rejected") {
            return Err(AppError::invalid(
                "verdict",
                "invalid",
                "confirmed (a true match) or rejected (a false positive)",
            ));
        }
        let note = text("note", &input.note, 0, 2000, true)?;
        let (query_id, entity) = (input.query_id.trim(), input.list_entity_id.trim());
        if query_id.is_empty() {
            return Err(AppError::invalid("query_id", "required", "the query's id in this run"));
        }
        if entity.is_empty() {
            return Err(AppError::invalid(
                "list_entity_id",
                "required",
                "the candidate's id in the watch list",
            ));
        }
        let queries = self.store.screening_queries(run_id).await?;
        let (position, q) = queries
            .iter()
            .enumerate()
            .find(|(_, q)| q.query_id == query_id)
            .ok_or_else(|| AppError::invalid("query_id", "invalid", "this run has no such query"))?;
        if !q.candidates.iter().any(|c| c.list_entity_id == entity) {
            return Err(AppError::invalid(
                "list_entity_id",
                "invalid",
                "this query has no such candidate in this run",
            ));
        }
        let mut tx = self.store.begin_write().await?;
        tx.judge_screening(&NewScreeningJudgement {
            owner_org: row.owner_org,
            query_key: q.query_key.clone(),
            list_entity_id: entity.to_owned(),
            verdict: verdict.to_owned(),
            note,
            run_id,
            judged_by: caller.user_id().map(UserId),
        })
        .await?;
        tx.audit(
            AuditEvent::new("match.screen.judge", SCREEN, run_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({
                    // The query by its position in the run, not its id: an uploaded file's ids
                    // are the uploader's choice and could be names.
                    "case": row.case_id, "query": position + 1, "case_entity": q.entity_id,
                    "list_entity_id": entity, "verdict": verdict,
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

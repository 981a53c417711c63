//! Watch-list screening runs kept for review: the run (who, when, which list by name, SHA-256 and
//! entity count, the settings), its queries in order with their ranked candidates, and the
//! analysts' judgements, which belong to the organisation, the query (its key) and the list
//! entity id, so that later runs show them. This crate stores scores as thousandths and
//! explanations and values as JSON text, and does not interpret them.

use std::collections::HashMap;

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct NewScreeningRun {
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub case_id: Option<i64>,
    pub list_name: String,
    pub list_sha256: String,
    pub list_entities: i64,
    pub threshold_milli: i64,
    pub top_n: i64,
    pub phone_region: String,
    /// JSON: counts the engine reported and values set aside.
    pub summary: String,
    pub queries: Vec<NewScreeningQuery>,
}

#[derive(Debug, Clone)]
pub struct NewScreeningQuery {
    pub query_id: String,
    pub query_key: String,
    pub entity_id: Option<i64>,
    pub caption: String,
    pub line: i64,
    pub screened: bool,
    /// JSON `[[role, value], …]` of an uploaded query; `[]` for a case's entity.
    pub fields: String,
    pub candidates: Vec<ScreeningCandidateRow>,
}

#[derive(Debug, Clone)]
pub struct ScreeningCandidateRow {
    pub rank: i64,
    pub list_entity_id: String,
    pub entity_schema: String,
    pub caption: String,
    pub score_milli: i64,
    pub is_match: bool,
    /// JSON, as the engine explains the candidate.
    pub explanation: String,
}

#[derive(Debug, Clone)]
pub struct ScreeningRunRow {
    pub id: i64,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub case_id: Option<i64>,
    pub list_name: String,
    pub list_sha256: String,
    pub list_entities: i64,
    pub queries: i64,
    pub threshold_milli: i64,
    pub top_n: i64,
    pub phone_region: String,
    pub summary: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct ScreeningQueryRow {
    pub query_id: String,
    pub query_key: String,
    pub entity_id: Option<i64>,
    pub caption: String,
    pub line: i64,
    pub screened: bool,
    pub fields: String,
    pub candidates: Vec<ScreeningCandidateRow>,
}

#[derive(Debug, Clone)]
pub struct NewScreeningJudgement {
    pub owner_org: OrgId,
    pub query_key: String,
    pub list_entity_id: String,
    pub verdict: String,
    pub note: String,
    pub run_id: i64,
    pub judged_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct ScreeningJudgementRow {
    pub query_key: String,
    pub list_entity_id: String,
    /// `confirmed` or `rejected`.
    pub verdict: String,
    pub note: String,
    pub run_id: i64,
    pub judged_by: Option<UserId>,
    pub judged_by_name: Option<String>,
    pub judged_at: i64,
}

/// Rows per multi-row INSERT (at most 9 values each, well under both backends' limits).
const BATCH: usize = 200;

/// `($1, …, $k), ($k+1, …)`: `rows` tuples of `width` numbered placeholders.
fn placeholders(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| {
            let cols: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", cols.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const RUN_SELECT: &str = "SELECT r.id, r.owner_org_id, r.created_by, u.display_name, r.case_id, r.list_name, \
     r.list_sha256, r.list_entities, r.queries, r.threshold_milli, r.top_n, r.phone_region, r.summary, r.created_at \
     FROM screening_run r LEFT JOIN user_account u ON u.id = r.created_by";

fn run_from_row(r: &AnyRow) -> Result<ScreeningRunRow, StoreError> {
    Ok(ScreeningRunRow {
        id: r.try_get(0)?,
        owner_org: OrgId(r.try_get(1)?),
        created_by: r.try_get::<Option<i64>, _>(2)?.map(UserId),
        created_by_name: r.try_get(3)?,
        case_id: r.try_get(4)?,
        list_name: r.try_get(5)?,
        list_sha256: r.try_get(6)?,
        list_entities: r.try_get(7)?,
        queries: r.try_get(8)?,
        threshold_milli: r.try_get(9)?,
        top_n: r.try_get(10)?,
        phone_region: r.try_get(11)?,
        summary: r.try_get(12)?,
        created_at: r.try_get(13)?,
    })
}

impl Store {
    /// The runs of a case when given, else of an organisation when given, else all; newest
    /// first. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_screening_runs(
        &self,
        owner: Option<OrgId>,
        case_id: Option<i64>,
    ) -> Result<Vec<ScreeningRunRow>, StoreError> {
        let (filter, value) = match (owner, case_id) {
            (_, Some(case)) => ("r.case_id", case),
            (Some(org), None) => ("r.owner_org_id", org.0),
            (None, None) => ("r.id", 0),
        };
        let op = if owner.is_none() && case_id.is_none() { ">" } else { "=" };
        let rows = sqlx::query(&format!("{RUN_SELECT} WHERE {filter} {op} $1 ORDER BY r.id DESC"))
            .bind(value)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(run_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_screening_run(&self, id: i64) -> Result<Option<ScreeningRunRow>, StoreError> {
        let row = sqlx::query(&format!("{RUN_SELECT} WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(run_from_row).transpose()
    }

    /// A run's queries in the order screened, each with its candidates by rank.
    #[tracing::instrument(skip_all)]
    pub async fn screening_queries(&self, run_id: i64) -> Result<Vec<ScreeningQueryRow>, StoreError> {
        let mut conn = self.conn().await?;
        let rows = sqlx::query(
            "SELECT id, query_id, query_key, entity_id, caption, line, screened, fields FROM screening_query \
             WHERE run_id = $1 ORDER BY seq",
        )
        .bind(run_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut ids = Vec::with_capacity(rows.len());
        let mut queries = Vec::with_capacity(rows.len());
        for r in &rows {
            ids.push(r.try_get::<i64, _>(0)?);
            queries.push(ScreeningQueryRow {
                query_id: r.try_get(1)?,
                query_key: r.try_get(2)?,
                entity_id: r.try_get(3)?,
                caption: r.try_get(4)?,
                line: r.try_get(5)?,
                screened: r.try_get::<i64, _>(6)? != 0,
                fields: r.try_get(7)?,
                candidates: Vec::new(),
            });
        }
        let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let cands = sqlx::query(
            "SELECT c.query_row_id, c.rank_no, c.list_entity_id, c.entity_schema, c.caption, c.score_milli, \
             c.is_match, c.explanation FROM screening_candidate c JOIN screening_query q ON q.id = c.query_row_id \
             WHERE q.run_id = $1 ORDER BY c.query_row_id, c.rank_no",
        )
        .bind(run_id)
        .fetch_all(&mut *conn)
        .await?;
        for c in &cands {
            let Some(i) = at.get(&c.try_get::<i64, _>(0)?) else { continue };
            queries[*i].candidates.push(ScreeningCandidateRow {
                rank: c.try_get(1)?,
                list_entity_id: c.try_get(2)?,
                entity_schema: c.try_get(3)?,
                caption: c.try_get(4)?,
                score_milli: c.try_get(5)?,
                is_match: c.try_get::<i64, _>(6)? != 0,
                explanation: c.try_get(7)?,
            });
        }
        Ok(queries)
    }

    /// An organisation's judgements on screening candidates.
    #[tracing::instrument(skip_all)]
    pub async fn screening_judgements(&self, owner: OrgId) -> Result<Vec<ScreeningJudgementRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT j.query_key, j.list_entity_id, j.verdict, j.note, j.run_id, j.judged_by, u.display_name, \
             j.judged_at FROM screening_judgement j LEFT JOIN user_account u ON u.id = j.judged_by \
             WHERE j.owner_org_id = $1 ORDER BY j.id",
        )
        .bind(owner.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ScreeningJudgementRow {
                    query_key: r.try_get(0)?,
                    list_entity_id: r.try_get(1)?,
                    verdict: r.try_get(2)?,
                    note: r.try_get(3)?,
                    run_id: r.try_get(4)?,
                    judged_by: r.try_get::<Option<i64>, _>(5)?.map(UserId),
                    judged_by_name: r.try_get(6)?,
                    judged_at: r.try_get(7)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Records a run with its queries and their candidates.
    pub async fn insert_screening_run(&mut self, r: &NewScreeningRun) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO screening_run (owner_org_id, created_by, case_id, list_name, list_sha256, list_entities, \
             queries, threshold_milli, top_n, phone_region, summary, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(r.owner_org.0)
        .bind(r.created_by.map(|u| u.0))
        .bind(r.case_id)
        .bind(&r.list_name)
        .bind(&r.list_sha256)
        .bind(r.list_entities)
        .bind(r.queries.len() as i64)
        .bind(r.threshold_milli)
        .bind(r.top_n)
        .bind(&r.phone_region)
        .bind(&r.summary)
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        let run: i64 = row.try_get(0)?;
        // Many rows per statement: one round trip per batch, not per row.
        let mut seq = 0_i64;
        for chunk in r.queries.chunks(BATCH) {
            let sql = format!(
                "INSERT INTO screening_query (run_id, seq, query_id, query_key, entity_id, caption, line, screened, \
                 fields) VALUES {} RETURNING id, query_id",
                placeholders(chunk.len(), 9)
            );
            let mut insert = sqlx::query(&sql);
            for q in chunk {
                insert = insert
                    .bind(run)
                    .bind(seq)
                    .bind(&q.query_id)
                    .bind(&q.query_key)
                    .bind(q.entity_id)
                    .bind(&q.caption)
                    .bind(q.line)
                    .bind(i64::from(q.screened))
                    .bind(&q.fields);
                seq += 1;
            }
            let ids: HashMap<String, i64> = insert
                .fetch_all(self.conn())
                .await?
                .iter()
                .map(|row| Ok((row.try_get::<String, _>(1)?, row.try_get::<i64, _>(0)?)))
                .collect::<Result<_, StoreError>>()?;
            let candidates: Vec<(i64, &ScreeningCandidateRow)> = chunk
                .iter()
                .flat_map(|q| {
                    let id = ids.get(&q.query_id).copied().unwrap_or_default();
                    q.candidates.iter().map(move |c| (id, c))
                })
                .collect();
            for batch in candidates.chunks(BATCH) {
                let sql = format!(
                    "INSERT INTO screening_candidate (query_row_id, rank_no, list_entity_id, entity_schema, caption, \
                     score_milli, is_match, explanation) VALUES {}",
                    placeholders(batch.len(), 8)
                );
                let mut insert = sqlx::query(&sql);
                for (id, c) in batch {
                    insert = insert
                        .bind(*id)
                        .bind(c.rank)
                        .bind(&c.list_entity_id)
                        .bind(&c.entity_schema)
                        .bind(&c.caption)
                        .bind(c.score_milli)
                        .bind(i64::from(c.is_match))
                        .bind(&c.explanation);
                }
                insert.execute(self.conn()).await?;
            }
        }
        Ok(run)
    }

    /// Records (or replaces) an analyst's verdict on a list entity for a query.
    pub async fn judge_screening(&mut self, j: &NewScreeningJudgement) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO screening_judgement (owner_org_id, query_key, list_entity_id, verdict, note, run_id, \
             judged_by, judged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (owner_org_id, query_key, list_entity_id) \
             DO UPDATE SET verdict = excluded.verdict, note = excluded.note, run_id = excluded.run_id, \
             judged_by = excluded.judged_by, judged_at = excluded.judged_at",
        )
        .bind(j.owner_org.0)
        .bind(&j.query_key)
        .bind(&j.list_entity_id)
        .bind(&j.verdict)
        .bind(&j.note)
        .bind(j.run_id)
        .bind(j.judged_by.map(|u| u.0))
        .bind(now_ms())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

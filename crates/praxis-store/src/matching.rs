//! Entity-resolution runs: the uploaded lists, the proposed pairs with their explanations, and the
//! analysts' judgements, which belong to a collection (the lists' name) so that later runs on the
//! same collection respect them. This crate stores scores as thousandths and explanations as JSON
//! text, and does not interpret them.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct NewMatchRun {
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub title: String,
    pub collection: String,
    /// `dedupe` or `link`.
    pub kind: String,
    pub id_column: String,
    /// `role=column` pairs, one per line.
    pub mapping: String,
    pub threshold_milli: i64,
    /// Where phone numbers without a country code are read (ISO 3166-1).
    pub phone_region: String,
    pub left_csv: String,
    pub right_csv: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MatchRunRow {
    pub id: i64,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub title: String,
    pub collection: String,
    pub kind: String,
    pub id_column: String,
    pub mapping: String,
    pub threshold_milli: i64,
    pub phone_region: String,
    /// `running`, `done` or `failed`.
    pub status: String,
    /// JSON: counts, blocking report, problems found in the values, or why it failed.
    pub summary: String,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct MatchPairRow {
    pub left_id: String,
    pub right_id: String,
    pub score_milli: i64,
    pub is_match: bool,
    pub cluster: String,
    pub explanation: String,
}

#[derive(Debug, Clone)]
pub struct NewMatchJudgement {
    pub owner_org: OrgId,
    pub collection: String,
    pub left_id: String,
    pub right_id: String,
    pub verdict: String,
    pub note: String,
    pub judged_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct MatchJudgementRow {
    pub left_id: String,
    pub right_id: String,
    /// `confirmed` or `rejected`.
    pub verdict: String,
    pub note: String,
    pub judged_by: Option<UserId>,
    pub judged_by_name: Option<String>,
    pub judged_at: i64,
}

const RUN_SELECT: &str = "SELECT r.id, r.owner_org_id, r.created_by, u.display_name, r.title, r.collection, r.kind, \
     r.id_column, r.mapping, r.threshold_milli, r.phone_region, r.status, r.summary, r.created_at, r.finished_at \
     FROM match_run r LEFT JOIN user_account u ON u.id = r.created_by";

fn run_from_row(r: &AnyRow) -> Result<MatchRunRow, StoreError> {
    Ok(MatchRunRow {
        id: r.try_get(0)?,
        owner_org: OrgId(r.try_get(1)?),
        created_by: r.try_get::<Option<i64>, _>(2)?.map(UserId),
        created_by_name: r.try_get(3)?,
        title: r.try_get(4)?,
        collection: r.try_get(5)?,
        kind: r.try_get(6)?,
        id_column: r.try_get(7)?,
        mapping: r.try_get(8)?,
        threshold_milli: r.try_get(9)?,
        phone_region: r.try_get(10)?,
        status: r.try_get(11)?,
        summary: r.try_get(12)?,
        created_at: r.try_get(13)?,
        finished_at: r.try_get(14)?,
    })
}

impl Store {
    /// Every run, newest first. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_match_runs(&self) -> Result<Vec<MatchRunRow>, StoreError> {
        let rows = sqlx::query(&format!("{RUN_SELECT} ORDER BY r.id DESC"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(run_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_match_run(&self, id: i64) -> Result<Option<MatchRunRow>, StoreError> {
        let row = sqlx::query(&format!("{RUN_SELECT} WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(run_from_row).transpose()
    }

    /// The uploaded lists of a run: left, and right for a linkage.
    #[tracing::instrument(skip_all)]
    pub async fn match_run_input(&self, id: i64) -> Result<Option<(String, Option<String>)>, StoreError> {
        let row = sqlx::query("SELECT left_csv, right_csv FROM match_run WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    /// A run's pairs, strongest first.
    #[tracing::instrument(skip_all)]
    pub async fn match_pairs(&self, run_id: i64) -> Result<Vec<MatchPairRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT left_id, right_id, score_milli, is_match, cluster, explanation FROM match_pair \
             WHERE run_id = $1 ORDER BY score_milli DESC, left_id, right_id",
        )
        .bind(run_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MatchPairRow {
                    left_id: r.try_get(0)?,
                    right_id: r.try_get(1)?,
                    score_milli: r.try_get(2)?,
                    is_match: r.try_get::<i64, _>(3)? != 0,
                    cluster: r.try_get(4)?,
                    explanation: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// The judgements of an organisation on a collection.
    #[tracing::instrument(skip_all)]
    pub async fn match_judgements(
        &self,
        owner: OrgId,
        collection: &str,
    ) -> Result<Vec<MatchJudgementRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT j.left_id, j.right_id, j.verdict, j.note, j.judged_by, u.display_name, j.judged_at \
             FROM match_judgement j LEFT JOIN user_account u ON u.id = j.judged_by \
             WHERE j.owner_org_id = $1 AND j.collection = $2 ORDER BY j.left_id, j.right_id",
        )
        .bind(owner.0)
        .bind(collection)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MatchJudgementRow {
                    left_id: r.try_get(0)?,
                    right_id: r.try_get(1)?,
                    verdict: r.try_get(2)?,
                    note: r.try_get(3)?,
                    judged_by: r.try_get::<Option<i64>, _>(4)?.map(UserId),
                    judged_by_name: r.try_get(5)?,
                    judged_at: r.try_get(6)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Records a run as `running`, with its input.
    pub async fn insert_match_run(&mut self, r: &NewMatchRun) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO match_run (owner_org_id, created_by, title, collection, kind, id_column, mapping, \
             threshold_milli, phone_region, left_csv, right_csv, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'running', $12) RETURNING id",
        )
        .bind(r.owner_org.0)
        .bind(r.created_by.map(|u| u.0))
        .bind(&r.title)
        .bind(&r.collection)
        .bind(&r.kind)
        .bind(&r.id_column)
        .bind(&r.mapping)
        .bind(r.threshold_milli)
        .bind(&r.phone_region)
        .bind(&r.left_csv)
        .bind(&r.right_csv)
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Ends a run: its status, summary and (when done) its pairs.
    pub async fn finish_match_run(
        &mut self,
        id: i64,
        status: &str,
        summary: &str,
        pairs: &[MatchPairRow],
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE match_run SET status = $1, summary = $2, finished_at = $3 WHERE id = $4")
            .bind(status)
            .bind(summary)
            .bind(now_ms())
            .bind(id)
            .execute(self.conn())
            .await?;
        for p in pairs {
            sqlx::query(
                "INSERT INTO match_pair (run_id, left_id, right_id, score_milli, is_match, cluster, explanation) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(&p.left_id)
            .bind(&p.right_id)
            .bind(p.score_milli)
            .bind(i64::from(p.is_match))
            .bind(&p.cluster)
            .bind(&p.explanation)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// Records (or replaces) an analyst's verdict on a pair of a collection.
    pub async fn judge_match(&mut self, j: &NewMatchJudgement) -> Result<(), StoreError> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO match_judgement (owner_org_id, collection, left_id, right_id, verdict, note, judged_by, judged_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (owner_org_id, collection, left_id, right_id) \
             DO UPDATE SET verdict = excluded.verdict, note = excluded.note, judged_by = excluded.judged_by, \
             judged_at = excluded.judged_at",
        )
        .bind(j.owner_org.0)
        .bind(&j.collection)
        .bind(&j.left_id)
        .bind(&j.right_id)
        .bind(&j.verdict)
        .bind(&j.note)
        .bind(j.judged_by.map(|u| u.0))
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

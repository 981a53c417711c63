//! Workplans (a country's or the region's activities for a period) and the gender and
//! human-rights mainstreaming checklist: its versions and the answers per activity. The activity
//! itself is the `programme_activity` of [`crate::indicators`], with its location (0023).
//!
//! This crate stores codes, dates and text as given: the application checks them.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct WorkplanRow {
    pub id: i64,
    /// ISO 3166-1 alpha-2; `None` for the region.
    pub country: Option<String>,
    pub title: String,
    /// YYYY-MM-DD, `[start_on, end_on)`.
    pub start_on: String,
    pub end_on: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewWorkplan {
    pub country: Option<String>,
    pub title: String,
    pub start_on: String,
    pub end_on: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct ChecklistRow {
    pub id: i64,
    pub version: u32,
    /// One question per line.
    pub questions: String,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct ChecklistAnswerRow {
    pub id: i64,
    pub activity_id: i64,
    pub version: u32,
    /// 1-based number of the question in its version.
    pub question: u32,
    /// yes, no, partly
    pub answer: String,
    pub note: String,
    pub answered_by: Option<UserId>,
    pub answered_by_name: Option<String>,
    pub answered_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewChecklistAnswer {
    pub activity_id: i64,
    pub version: u32,
    pub question: u32,
    pub answer: String,
    pub note: String,
    pub answered_by: Option<UserId>,
}

const WORKPLAN_COLUMNS: &str = "id, country, title, start_on, end_on, owner_org_id, created_by, created_at";

fn workplan_from_row(r: &AnyRow) -> Result<WorkplanRow, StoreError> {
    Ok(WorkplanRow {
        id: r.try_get(0)?,
        country: r.try_get(1)?,
        title: r.try_get(2)?,
        start_on: r.try_get(3)?,
        end_on: r.try_get(4)?,
        owner_org: OrgId(r.try_get(5)?),
        created_by: r.try_get::<Option<i64>, _>(6)?.map(UserId),
        created_at: r.try_get(7)?,
    })
}

fn version(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

fn checklist_from_row(r: &AnyRow) -> Result<ChecklistRow, StoreError> {
    Ok(ChecklistRow {
        id: r.try_get(0)?,
        version: version(r.try_get(1)?),
        questions: r.try_get(2)?,
        created_by: r.try_get::<Option<i64>, _>(3)?.map(UserId),
        created_by_name: r.try_get(4)?,
        created_at: r.try_get(5)?,
    })
}

fn answer_from_row(r: &AnyRow) -> Result<ChecklistAnswerRow, StoreError> {
    Ok(ChecklistAnswerRow {
        id: r.try_get(0)?,
        activity_id: r.try_get(1)?,
        version: version(r.try_get(2)?),
        question: version(r.try_get(3)?),
        answer: r.try_get(4)?,
        note: r.try_get(5)?,
        answered_by: r.try_get::<Option<i64>, _>(6)?.map(UserId),
        answered_by_name: r.try_get(7)?,
        answered_at: r.try_get(8)?,
    })
}

impl Store {
    /// Every workplan, by start then title. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_workplans(&self) -> Result<Vec<WorkplanRow>, StoreError> {
        let rows =
            sqlx::query(&format!("SELECT {WORKPLAN_COLUMNS} FROM workplan ORDER BY start_on, title, id"))
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.iter().map(workplan_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_workplan(&self, id: i64) -> Result<Option<WorkplanRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {WORKPLAN_COLUMNS} FROM workplan WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(workplan_from_row).transpose()
    }

    /// Every version of the mainstreaming checklist, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn mainstreaming_checklists(&self) -> Result<Vec<ChecklistRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.version, c.questions, c.created_by, u.display_name, c.created_at \
             FROM mainstreaming_checklist c LEFT JOIN user_account u ON u.id = c.created_by ORDER BY c.version",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(checklist_from_row).collect()
    }

    /// Every answer given for an activity, oldest first (the latest per question counts).
    #[tracing::instrument(skip_all)]
    pub async fn mainstreaming_answers(
        &self,
        activity_id: i64,
    ) -> Result<Vec<ChecklistAnswerRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.id, a.activity_id, a.version, a.question, a.answer, a.note, a.answered_by, u.display_name, \
             a.answered_at FROM mainstreaming_answer a LEFT JOIN user_account u ON u.id = a.answered_by \
             WHERE a.activity_id = $1 ORDER BY a.id",
        )
        .bind(activity_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(answer_from_row).collect()
    }
}

impl WriteTx {
    pub async fn insert_workplan(&mut self, w: &NewWorkplan) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO workplan (country, title, start_on, end_on, owner_org_id, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&w.country)
        .bind(&w.title)
        .bind(&w.start_on)
        .bind(&w.end_on)
        .bind(w.owner_org.0)
        .bind(w.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Publishes a version of the checklist; a version already taken is a conflict.
    pub async fn insert_mainstreaming_checklist(
        &mut self,
        version: u32,
        questions: &str,
        created_by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO mainstreaming_checklist (version, questions, created_by, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(i64::from(version))
        .bind(questions)
        .bind(created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("this version of the checklist"))?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_mainstreaming_answer(&mut self, a: &NewChecklistAnswer) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO mainstreaming_answer (activity_id, version, question, answer, note, answered_by, answered_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(a.activity_id)
        .bind(i64::from(a.version))
        .bind(i64::from(a.question))
        .bind(&a.answer)
        .bind(&a.note)
        .bind(a.answered_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }
}

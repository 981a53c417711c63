//! National TIP and SOM assessments of a partner country: the assessment, its status history
//! (append-only), key findings and recommendations under pillars, and the stakeholder analysis
//! (the country's stakeholders consulted, scored in this assessment).
//!
//! Codes (kinds, methods, statuses, pillars) are stored as text and not interpreted here; the
//! application checks them.

use praxis_model::UserId;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct AssessmentRow {
    pub id: i64,
    pub country_id: i64,
    /// tip, som.
    pub kind: String,
    pub title: String,
    /// YYYY-MM-DD, inclusive.
    pub period_start: String,
    pub period_end: String,
    /// Space-separated codes.
    pub methodology: String,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewAssessment {
    pub kind: String,
    pub title: String,
    pub period_start: String,
    pub period_end: String,
    pub methodology: String,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct AssessmentStatusRow {
    pub id: i64,
    pub status: String,
    pub status_on: String,
    pub note: String,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: i64,
}

#[derive(Debug, Clone)]
pub struct FindingRow {
    pub id: i64,
    pub pillar: String,
    pub finding: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct RecommendationRow {
    pub id: i64,
    pub priority: i64,
    pub pillar: String,
    pub recommendation: String,
    pub created_at: i64,
}

/// A stakeholder consulted, with the country's stakeholder it is.
#[derive(Debug, Clone)]
pub struct ConsultedRow {
    pub id: i64,
    pub stakeholder_id: i64,
    pub name: String,
    pub institution: String,
    pub prong: String,
    /// As scored in the assessment.
    pub influence: i64,
    pub interest: i64,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct NewConsulted {
    pub stakeholder_id: i64,
    pub influence: i64,
    pub interest: i64,
    pub note: String,
    pub created_by: Option<UserId>,
}

const ASSESSMENT_COLUMNS: &str = "a.id, a.country_id, a.kind, a.title, a.period_start, a.period_end, \
     a.methodology, a.created_by, u.display_name, a.created_at";

fn assessment_from_row(r: &AnyRow) -> Result<AssessmentRow, StoreError> {
    Ok(AssessmentRow {
        id: r.try_get(0)?,
        country_id: r.try_get(1)?,
        kind: r.try_get(2)?,
        title: r.try_get(3)?,
        period_start: r.try_get(4)?,
        period_end: r.try_get(5)?,
        methodology: r.try_get(6)?,
        created_by: r.try_get::<Option<i64>, _>(7)?.map(UserId),
        created_by_name: r.try_get(8)?,
        created_at: r.try_get(9)?,
    })
}

impl Store {
    /// Every assessment, newest period first. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_assessments(&self) -> Result<Vec<AssessmentRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessment a LEFT JOIN user_account u ON u.id = a.created_by \
             ORDER BY a.period_start DESC, a.id"
        ))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(assessment_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_assessment(&self, id: i64) -> Result<Option<AssessmentRow>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessment a LEFT JOIN user_account u ON u.id = a.created_by \
             WHERE a.id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.as_ref().map(assessment_from_row).transpose()
    }

    /// The status history, in the order recorded.
    #[tracing::instrument(skip_all)]
    pub async fn assessment_statuses(&self, id: i64) -> Result<Vec<AssessmentStatusRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.id, s.status, s.status_on, s.note, s.recorded_by, u.display_name, s.recorded_at \
             FROM assessment_status s LEFT JOIN user_account u ON u.id = s.recorded_by \
             WHERE s.assessment_id = $1 ORDER BY s.id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AssessmentStatusRow {
                    id: r.try_get(0)?,
                    status: r.try_get(1)?,
                    status_on: r.try_get(2)?,
                    note: r.try_get(3)?,
                    recorded_by: r.try_get::<Option<i64>, _>(4)?.map(UserId),
                    recorded_by_name: r.try_get(5)?,
                    recorded_at: r.try_get(6)?,
                })
            })
            .collect()
    }

    /// The findings, in the order recorded.
    #[tracing::instrument(skip_all)]
    pub async fn assessment_findings(&self, id: i64) -> Result<Vec<FindingRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, pillar, finding, created_at FROM assessment_finding WHERE assessment_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FindingRow {
                    id: r.try_get(0)?,
                    pillar: r.try_get(1)?,
                    finding: r.try_get(2)?,
                    created_at: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// The recommendations, by priority.
    #[tracing::instrument(skip_all)]
    pub async fn assessment_recommendations(&self, id: i64) -> Result<Vec<RecommendationRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, priority, pillar, recommendation, created_at FROM assessment_recommendation \
             WHERE assessment_id = $1 ORDER BY priority, id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RecommendationRow {
                    id: r.try_get(0)?,
                    priority: r.try_get(1)?,
                    pillar: r.try_get(2)?,
                    recommendation: r.try_get(3)?,
                    created_at: r.try_get(4)?,
                })
            })
            .collect()
    }

    /// The stakeholders consulted, in the order added, with the country's stakeholder.
    #[tracing::instrument(skip_all)]
    pub async fn assessment_consulted(&self, id: i64) -> Result<Vec<ConsultedRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.stakeholder_id, s.name, s.institution, s.prong, c.influence, c.interest, c.note \
             FROM assessment_stakeholder c JOIN engagement_stakeholder s ON s.id = c.stakeholder_id \
             WHERE c.assessment_id = $1 ORDER BY c.id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ConsultedRow {
                    id: r.try_get(0)?,
                    stakeholder_id: r.try_get(1)?,
                    name: r.try_get(2)?,
                    institution: r.try_get(3)?,
                    prong: r.try_get(4)?,
                    influence: r.try_get(5)?,
                    interest: r.try_get(6)?,
                    note: r.try_get(7)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Creates an assessment of a country with its first status.
    pub async fn insert_assessment(
        &mut self,
        country_id: i64,
        a: &NewAssessment,
        status: &str,
        status_on: &str,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO assessment (country_id, kind, title, period_start, period_end, methodology, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(country_id)
        .bind(&a.kind)
        .bind(&a.title)
        .bind(&a.period_start)
        .bind(&a.period_end)
        .bind(&a.methodology)
        .bind(a.created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        let id: i64 = row.try_get(0)?;
        self.insert_assessment_status(id, status, status_on, "", a.created_by).await?;
        Ok(id)
    }

    /// Appends a status (earlier ones stay).
    pub async fn insert_assessment_status(
        &mut self,
        assessment_id: i64,
        status: &str,
        status_on: &str,
        note: &str,
        recorded_by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO assessment_status (assessment_id, status, status_on, note, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(assessment_id)
        .bind(status)
        .bind(status_on)
        .bind(note)
        .bind(recorded_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_assessment_finding(
        &mut self,
        assessment_id: i64,
        pillar: &str,
        finding: &str,
        created_by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO assessment_finding (assessment_id, pillar, finding, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(assessment_id)
        .bind(pillar)
        .bind(finding)
        .bind(created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_assessment_recommendation(
        &mut self,
        assessment_id: i64,
        priority: i64,
        pillar: &str,
        recommendation: &str,
        created_by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO assessment_recommendation (assessment_id, priority, pillar, recommendation, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(assessment_id)
        .bind(priority)
        .bind(pillar)
        .bind(recommendation)
        .bind(created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Adds a stakeholder consulted; a stakeholder is consulted once per assessment.
    pub async fn insert_assessment_stakeholder(
        &mut self,
        assessment_id: i64,
        c: &NewConsulted,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO assessment_stakeholder (assessment_id, stakeholder_id, influence, interest, note, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(assessment_id)
        .bind(c.stakeholder_id)
        .bind(c.influence)
        .bind(c.interest)
        .bind(&c.note)
        .bind(c.created_by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("this stakeholder in this assessment"))?;
        Ok(row.try_get(0)?)
    }
}

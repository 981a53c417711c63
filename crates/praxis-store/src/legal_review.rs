//! Legislative reviews: one country's law scored against one version of the checklist catalogue,
//! with every answer kept (append-only; the current answer to a provision is its latest row).
//!
//! The catalogue is data in `praxis-programme`; this crate stores provision ids, answer codes and
//! statuses as text and does not interpret them.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct LegalReviewRow {
    pub id: i64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub checklist_version: u32,
    pub title: String,
    pub status: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewLegalReview {
    pub country: String,
    pub checklist_version: u32,
    pub title: String,
    pub status: String,
    pub owner_org: OrgId,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct LegalAnswerRow {
    pub id: i64,
    pub review_id: i64,
    pub provision: String,
    pub answer: String,
    pub citation: String,
    pub link: String,
    pub gap_note: String,
    pub recommendation: String,
    /// Stakeholders consulted, one per line.
    pub stakeholders: String,
    /// YYYY-MM-DD
    pub assessed_on: String,
    pub answered_by: Option<UserId>,
    /// The answering user's login name, when known.
    pub answered_by_username: Option<String>,
    pub answered_by_name: Option<String>,
    pub answered_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewLegalAnswer {
    pub provision: String,
    pub answer: String,
    pub citation: String,
    pub link: String,
    pub gap_note: String,
    pub recommendation: String,
    pub stakeholders: String,
    pub assessed_on: String,
    pub answered_by: Option<UserId>,
}

const REVIEW_COLUMNS: &str =
    "id, country, checklist_version, title, status, owner_org_id, created_by, created_at, updated_at";

fn review_from_row(r: &AnyRow) -> Result<LegalReviewRow, StoreError> {
    Ok(LegalReviewRow {
        id: r.try_get(0)?,
        country: r.try_get(1)?,
        checklist_version: u32::try_from(r.try_get::<i64, _>(2)?).unwrap_or(0),
        title: r.try_get(3)?,
        status: r.try_get(4)?,
        owner_org: OrgId(r.try_get(5)?),
        created_by: r.try_get::<Option<i64>, _>(6)?.map(UserId),
        created_at: r.try_get(7)?,
        updated_at: r.try_get(8)?,
    })
}

const ANSWER_SELECT: &str = "SELECT a.id, a.review_id, a.provision, a.answer, a.citation, a.link, a.gap_note, \
     a.recommendation, a.stakeholders, a.assessed_on, a.answered_by, u.username, u.display_name, a.answered_at \
     FROM legal_review_answer a LEFT JOIN user_account u ON u.id = a.answered_by";

fn answer_from_row(r: &AnyRow) -> Result<LegalAnswerRow, StoreError> {
    Ok(LegalAnswerRow {
        id: r.try_get(0)?,
        review_id: r.try_get(1)?,
        provision: r.try_get(2)?,
        answer: r.try_get(3)?,
        citation: r.try_get(4)?,
        link: r.try_get(5)?,
        gap_note: r.try_get(6)?,
        recommendation: r.try_get(7)?,
        stakeholders: r.try_get(8)?,
        assessed_on: r.try_get(9)?,
        answered_by: r.try_get::<Option<i64>, _>(10)?.map(UserId),
        answered_by_username: r.try_get(11)?,
        answered_by_name: r.try_get(12)?,
        answered_at: r.try_get(13)?,
    })
}

impl Store {
    /// Every review, by country then newest catalogue version. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_legal_reviews(&self) -> Result<Vec<LegalReviewRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {REVIEW_COLUMNS} FROM legal_review ORDER BY country, checklist_version DESC, id"
        ))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(review_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_legal_review(&self, id: i64) -> Result<Option<LegalReviewRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {REVIEW_COLUMNS} FROM legal_review WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(review_from_row).transpose()
    }

    /// Every answer of a review, in the order recorded.
    #[tracing::instrument(skip_all)]
    pub async fn legal_review_answers(&self, review_id: i64) -> Result<Vec<LegalAnswerRow>, StoreError> {
        let rows = sqlx::query(&format!("{ANSWER_SELECT} WHERE a.review_id = $1 ORDER BY a.id"))
            .bind(review_id)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(answer_from_row).collect()
    }
}

impl WriteTx {
    /// Creates a review. One review per country and catalogue version.
    pub async fn insert_legal_review(&mut self, r: &NewLegalReview) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO legal_review (country, checklist_version, title, status, owner_org_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(&r.country)
        .bind(i64::from(r.checklist_version))
        .bind(&r.title)
        .bind(&r.status)
        .bind(r.owner_org.0)
        .bind(r.created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await
        .map_err(crate::error::conflict_or("a review of this country against this checklist version"))?;
        Ok(row.try_get(0)?)
    }

    pub async fn set_legal_review_status(&mut self, review_id: i64, status: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE legal_review SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status)
            .bind(now_ms())
            .bind(review_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Appends an answer to a provision (earlier answers stay in its history).
    pub async fn insert_legal_answer(
        &mut self,
        review_id: i64,
        a: &NewLegalAnswer,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO legal_review_answer (review_id, provision, answer, citation, link, gap_note, recommendation, \
             stakeholders, assessed_on, answered_by, answered_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(review_id)
        .bind(&a.provision)
        .bind(&a.answer)
        .bind(&a.citation)
        .bind(&a.link)
        .bind(&a.gap_note)
        .bind(&a.recommendation)
        .bind(&a.stakeholders)
        .bind(&a.assessed_on)
        .bind(a.answered_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        sqlx::query("UPDATE legal_review SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(review_id)
            .execute(self.conn())
            .await?;
        Ok(row.try_get(0)?)
    }
}

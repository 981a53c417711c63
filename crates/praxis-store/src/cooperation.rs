//! Cooperation requests between jurisdictions (with their status history and documents) and the
//! directory of competent authorities and focal points.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct AuthorityRow {
    pub id: i64,
    pub country: String,
    pub name: String,
    pub kind: String,
    pub org_id: Option<OrgId>,
    pub contact: String,
    pub channel: String,
    pub languages: String,
    pub expected_response_days: Option<i64>,
    pub notes: String,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewAuthority {
    pub country: String,
    pub name: String,
    pub kind: String,
    pub org_id: Option<OrgId>,
    pub contact: String,
    pub channel: String,
    pub languages: String,
    pub expected_response_days: Option<i64>,
    pub notes: String,
}

#[derive(Debug, Clone)]
pub struct RequestRow {
    pub id: i64,
    pub owner_org: OrgId,
    pub case_id: Option<i64>,
    pub kind: String,
    pub reference: String,
    pub requesting_authority: String,
    pub requested_country: String,
    pub requested_authority: String,
    pub requested_org: Option<OrgId>,
    pub legal_basis: String,
    pub subject_matter: String,
    pub status: String,
    pub sent_on: Option<String>,
    pub deadline: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewRequest {
    pub owner_org: OrgId,
    pub case_id: Option<i64>,
    pub kind: String,
    pub reference: String,
    pub requesting_authority: String,
    pub requested_country: String,
    pub requested_authority: String,
    pub requested_org: Option<OrgId>,
    pub legal_basis: String,
    pub subject_matter: String,
    pub deadline: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RequestStatusRow {
    pub status: String,
    pub note: String,
    pub changed_by: Option<UserId>,
    pub changed_at: i64,
}

#[derive(Debug, Clone)]
pub struct RequestDocumentRow {
    pub id: i64,
    pub request_id: i64,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub added_at: i64,
}

const AUTHORITY_COLUMNS: &str =
    "id, country, name, kind, org_id, contact, channel, languages, expected_response_days, notes, updated_at";

fn authority_from_row(r: &AnyRow) -> Result<AuthorityRow, StoreError> {
    Ok(AuthorityRow {
        id: r.try_get(0)?,
        country: r.try_get(1)?,
        name: r.try_get(2)?,
        kind: r.try_get(3)?,
        org_id: r.try_get::<Option<i64>, _>(4)?.map(OrgId),
        contact: r.try_get(5)?,
        channel: r.try_get(6)?,
        languages: r.try_get(7)?,
        expected_response_days: r.try_get(8)?,
        notes: r.try_get(9)?,
        updated_at: r.try_get(10)?,
    })
}

const REQUEST_COLUMNS: &str = "id, owner_org_id, case_id, kind, reference, requesting_authority, requested_country, \
     requested_authority, requested_org_id, legal_basis, subject_matter, status, sent_on, deadline, created_by, \
     created_at, updated_at";

fn request_from_row(r: &AnyRow) -> Result<RequestRow, StoreError> {
    Ok(RequestRow {
        id: r.try_get(0)?,
        owner_org: OrgId(r.try_get(1)?),
        case_id: r.try_get(2)?,
        kind: r.try_get(3)?,
        reference: r.try_get(4)?,
        requesting_authority: r.try_get(5)?,
        requested_country: r.try_get(6)?,
        requested_authority: r.try_get(7)?,
        requested_org: r.try_get::<Option<i64>, _>(8)?.map(OrgId),
        legal_basis: r.try_get(9)?,
        subject_matter: r.try_get(10)?,
        status: r.try_get(11)?,
        sent_on: r.try_get(12)?,
        deadline: r.try_get(13)?,
        created_by: r.try_get::<Option<i64>, _>(14)?.map(UserId),
        created_at: r.try_get(15)?,
        updated_at: r.try_get(16)?,
    })
}

impl Store {
    pub async fn list_authorities(&self) -> Result<Vec<AuthorityRow>, StoreError> {
        let rows =
            sqlx::query(&format!("SELECT {AUTHORITY_COLUMNS} FROM authority ORDER BY country, kind, name"))
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.iter().map(authority_from_row).collect()
    }

    pub async fn get_authority(&self, id: i64) -> Result<Option<AuthorityRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {AUTHORITY_COLUMNS} FROM authority WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(authority_from_row).transpose()
    }

    /// Every request, newest first; the application filters by policy.
    pub async fn list_requests(&self) -> Result<Vec<RequestRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS} FROM coop_request ORDER BY updated_at DESC, id DESC"
        ))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(request_from_row).collect()
    }

    pub async fn get_request(&self, id: i64) -> Result<Option<RequestRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {REQUEST_COLUMNS} FROM coop_request WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    pub async fn request_history(&self, id: i64) -> Result<Vec<RequestStatusRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT status, note, changed_by, changed_at FROM coop_status_change WHERE request_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RequestStatusRow {
                    status: r.try_get(0)?,
                    note: r.try_get(1)?,
                    changed_by: r.try_get::<Option<i64>, _>(2)?.map(UserId),
                    changed_at: r.try_get(3)?,
                })
            })
            .collect()
    }

    pub async fn request_documents(&self, id: i64) -> Result<Vec<RequestDocumentRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, request_id, file_name, sha256, size_bytes, added_at FROM coop_document WHERE request_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RequestDocumentRow {
                    id: r.try_get(0)?,
                    request_id: r.try_get(1)?,
                    file_name: r.try_get(2)?,
                    sha256: r.try_get(3)?,
                    size_bytes: r.try_get(4)?,
                    added_at: r.try_get(5)?,
                })
            })
            .collect()
    }

    pub async fn request_document_content(
        &self,
        doc: i64,
    ) -> Result<Option<(RequestDocumentRow, Vec<u8>)>, StoreError> {
        let row = sqlx::query(
            "SELECT id, request_id, file_name, sha256, size_bytes, added_at, content FROM coop_document WHERE id = $1",
        )
        .bind(doc)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|r| {
            Ok((
                RequestDocumentRow {
                    id: r.try_get(0)?,
                    request_id: r.try_get(1)?,
                    file_name: r.try_get(2)?,
                    sha256: r.try_get(3)?,
                    size_bytes: r.try_get(4)?,
                    added_at: r.try_get(5)?,
                },
                r.try_get(6)?,
            ))
        })
        .transpose()
    }
}

impl WriteTx {
    pub async fn insert_authority(
        &mut self,
        a: &NewAuthority,
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO authority (country, name, kind, org_id, contact, channel, languages, expected_response_days, \
             notes, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(&a.country)
        .bind(&a.name)
        .bind(&a.kind)
        .bind(a.org_id.map(|o| o.0))
        .bind(&a.contact)
        .bind(&a.channel)
        .bind(&a.languages)
        .bind(a.expected_response_days)
        .bind(&a.notes)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn update_authority(
        &mut self,
        id: i64,
        a: &NewAuthority,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE authority SET country = $1, name = $2, kind = $3, org_id = $4, contact = $5, channel = $6, \
             languages = $7, expected_response_days = $8, notes = $9, updated_by = $10, updated_at = $11 WHERE id = $12",
        )
        .bind(&a.country)
        .bind(&a.name)
        .bind(&a.kind)
        .bind(a.org_id.map(|o| o.0))
        .bind(&a.contact)
        .bind(&a.channel)
        .bind(&a.languages)
        .bind(a.expected_response_days)
        .bind(&a.notes)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Creates a request as a draft, with the first entry of its history.
    pub async fn insert_request(&mut self, r: &NewRequest, by: Option<UserId>) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO coop_request (owner_org_id, case_id, kind, reference, requesting_authority, requested_country, \
             requested_authority, requested_org_id, legal_basis, subject_matter, status, deadline, created_by, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, $13, $13) RETURNING id",
        )
        .bind(r.owner_org.0)
        .bind(r.case_id)
        .bind(&r.kind)
        .bind(&r.reference)
        .bind(&r.requesting_authority)
        .bind(&r.requested_country)
        .bind(&r.requested_authority)
        .bind(r.requested_org.map(|o| o.0))
        .bind(&r.legal_basis)
        .bind(&r.subject_matter)
        .bind(&r.deadline)
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        let id: i64 = row.try_get(0)?;
        self.insert_request_status(id, "draft", "", by).await?;
        Ok(id)
    }

    async fn insert_request_status(
        &mut self,
        id: i64,
        status: &str,
        note: &str,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO coop_status_change (request_id, status, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(status)
        .bind(note)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Moves a request; `sent_on` is set when it is first sent.
    pub async fn set_request_status(
        &mut self,
        id: i64,
        status: &str,
        note: &str,
        sent_on: Option<&str>,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE coop_request SET status = $1, sent_on = COALESCE(sent_on, $2), updated_at = $3 WHERE id = $4",
        )
        .bind(status)
        .bind(sent_on)
        .bind(now_ms())
        .bind(id)
        .execute(self.conn())
        .await?;
        self.insert_request_status(id, status, note, by).await
    }

    pub async fn set_request_deadline(&mut self, id: i64, deadline: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("UPDATE coop_request SET deadline = $1, updated_at = $2 WHERE id = $3")
            .bind(deadline)
            .bind(now_ms())
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn insert_request_document(
        &mut self,
        request: i64,
        file_name: &str,
        sha256: &str,
        content: &[u8],
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO coop_document (request_id, file_name, sha256, size_bytes, content, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(request)
        .bind(file_name)
        .bind(sha256)
        .bind(content.len() as i64)
        .bind(content)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }
}

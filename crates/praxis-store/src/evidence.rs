//! The evidence register of a case: items, what each supports, attached files (kept as received,
//! never altered: triggers refuse updates and deletes), the chain of custody (append-only), and
//! the lines of inquiry that produced them.

use praxis_model::UserId;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub description: String,
    pub source: String,
    pub obtained_on: String,
    pub legal_basis: String,
    pub admissibility: String,
    pub inquiry_id: Option<i64>,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    /// Subjects and offences the item supports.
    pub subjects: Vec<i64>,
    pub offences: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub kind: String,
    pub description: String,
    pub source: String,
    pub obtained_on: String,
    pub legal_basis: String,
    pub admissibility: String,
    pub inquiry_id: Option<i64>,
    pub subjects: Vec<i64>,
    pub offences: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct EvidenceFileRow {
    pub id: i64,
    pub evidence_id: i64,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub added_at: i64,
}

#[derive(Debug, Clone)]
pub struct CustodyRow {
    pub id: i64,
    pub action: String,
    pub from_party: String,
    pub to_party: String,
    pub note: String,
    pub by_user: Option<UserId>,
    pub at: i64,
}

#[derive(Debug, Clone)]
pub struct InquiryRow {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub title: String,
    pub owner: Option<UserId>,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const EVIDENCE_COLUMNS: &str =
    "id, case_id, kind, description, source, obtained_on, legal_basis, admissibility, \
                                inquiry_id, created_by, created_at";

fn evidence_from_row(r: &AnyRow) -> Result<EvidenceRow, StoreError> {
    Ok(EvidenceRow {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        kind: r.try_get(2)?,
        description: r.try_get(3)?,
        source: r.try_get(4)?,
        obtained_on: r.try_get(5)?,
        legal_basis: r.try_get(6)?,
        admissibility: r.try_get(7)?,
        inquiry_id: r.try_get(8)?,
        created_by: r.try_get::<Option<i64>, _>(9)?.map(UserId),
        created_at: r.try_get(10)?,
        subjects: vec![],
        offences: vec![],
    })
}

fn inquiry_from_row(r: &AnyRow) -> Result<InquiryRow, StoreError> {
    Ok(InquiryRow {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        kind: r.try_get(2)?,
        title: r.try_get(3)?,
        owner: r.try_get::<Option<i64>, _>(4)?.map(UserId),
        status: r.try_get(5)?,
        created_at: r.try_get(6)?,
        updated_at: r.try_get(7)?,
    })
}

const INQUIRY_COLUMNS: &str = "id, case_id, kind, title, owner_id, status, created_at, updated_at";

impl Store {
    /// The items of a case (or of every case, for `None`), oldest first, with what each supports.
    pub async fn list_evidence(&self, case_id: Option<i64>) -> Result<Vec<EvidenceRow>, StoreError> {
        let mut conn = self.conn().await?;
        let (rows, support) = match case_id {
            Some(id) => (
                sqlx::query(&format!(
                    "SELECT {EVIDENCE_COLUMNS} FROM case_evidence WHERE case_id = $1 ORDER BY id"
                ))
                .bind(id)
                .fetch_all(&mut *conn)
                .await?,
                sqlx::query(
                    "SELECT s.evidence_id, s.subject_id, s.offence_id FROM evidence_support s \
                     JOIN case_evidence e ON e.id = s.evidence_id WHERE e.case_id = $1",
                )
                .bind(id)
                .fetch_all(&mut *conn)
                .await?,
            ),
            None => (
                sqlx::query(&format!("SELECT {EVIDENCE_COLUMNS} FROM case_evidence ORDER BY id"))
                    .fetch_all(&mut *conn)
                    .await?,
                sqlx::query("SELECT evidence_id, subject_id, offence_id FROM evidence_support")
                    .fetch_all(&mut *conn)
                    .await?,
            ),
        };
        let mut items: Vec<EvidenceRow> = rows.iter().map(evidence_from_row).collect::<Result<_, _>>()?;
        let index: std::collections::HashMap<i64, usize> =
            items.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        for r in &support {
            let evidence: i64 = r.try_get(0)?;
            let Some(&i) = index.get(&evidence) else { continue };
            if let Some(s) = r.try_get::<Option<i64>, _>(1)? {
                items[i].subjects.push(s);
            }
            if let Some(o) = r.try_get::<Option<i64>, _>(2)? {
                items[i].offences.push(o);
            }
        }
        for e in &mut items {
            e.subjects.sort_unstable();
            e.offences.sort_unstable();
        }
        Ok(items)
    }

    pub async fn get_evidence(&self, id: i64) -> Result<Option<EvidenceRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {EVIDENCE_COLUMNS} FROM case_evidence WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let case_id: i64 = row.try_get(1)?;
        Ok(self.list_evidence(Some(case_id)).await?.into_iter().find(|e| e.id == id))
    }

    pub async fn evidence_files(&self, evidence_id: i64) -> Result<Vec<EvidenceFileRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, evidence_id, file_name, sha256, size_bytes, added_at FROM evidence_file \
             WHERE evidence_id = $1 ORDER BY id",
        )
        .bind(evidence_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(EvidenceFileRow {
                    id: r.try_get(0)?,
                    evidence_id: r.try_get(1)?,
                    file_name: r.try_get(2)?,
                    sha256: r.try_get(3)?,
                    size_bytes: r.try_get(4)?,
                    added_at: r.try_get(5)?,
                })
            })
            .collect()
    }

    pub async fn custody_events(&self, evidence_id: i64) -> Result<Vec<CustodyRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, action, from_party, to_party, note, by_user, at FROM custody_event \
             WHERE evidence_id = $1 ORDER BY id",
        )
        .bind(evidence_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CustodyRow {
                    id: r.try_get(0)?,
                    action: r.try_get(1)?,
                    from_party: r.try_get(2)?,
                    to_party: r.try_get(3)?,
                    note: r.try_get(4)?,
                    by_user: r.try_get::<Option<i64>, _>(5)?.map(UserId),
                    at: r.try_get(6)?,
                })
            })
            .collect()
    }

    /// The lines of inquiry of a case (or of every case, for `None`).
    pub async fn list_inquiries(&self, case_id: Option<i64>) -> Result<Vec<InquiryRow>, StoreError> {
        let mut conn = self.conn().await?;
        let rows = match case_id {
            Some(id) => {
                sqlx::query(&format!(
                    "SELECT {INQUIRY_COLUMNS} FROM case_inquiry WHERE case_id = $1 ORDER BY id"
                ))
                .bind(id)
                .fetch_all(&mut *conn)
                .await?
            }
            None => {
                sqlx::query(&format!("SELECT {INQUIRY_COLUMNS} FROM case_inquiry ORDER BY id"))
                    .fetch_all(&mut *conn)
                    .await?
            }
        };
        rows.iter().map(inquiry_from_row).collect()
    }

    pub async fn get_inquiry(&self, id: i64) -> Result<Option<InquiryRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {INQUIRY_COLUMNS} FROM case_inquiry WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(inquiry_from_row).transpose()
    }
}

impl WriteTx {
    pub async fn insert_evidence(
        &mut self,
        case_id: i64,
        e: &NewEvidence,
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO case_evidence (case_id, kind, description, source, obtained_on, legal_basis, admissibility, \
             inquiry_id, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(case_id)
        .bind(&e.kind)
        .bind(&e.description)
        .bind(&e.source)
        .bind(&e.obtained_on)
        .bind(&e.legal_basis)
        .bind(&e.admissibility)
        .bind(e.inquiry_id)
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        let id: i64 = row.try_get(0)?;
        for s in &e.subjects {
            sqlx::query("INSERT INTO evidence_support (evidence_id, subject_id) VALUES ($1, $2)")
                .bind(id)
                .bind(s)
                .execute(self.conn())
                .await?;
        }
        for o in &e.offences {
            sqlx::query("INSERT INTO evidence_support (evidence_id, offence_id) VALUES ($1, $2)")
                .bind(id)
                .bind(o)
                .execute(self.conn())
                .await?;
        }
        self.touch_case(case_id).await?;
        Ok(id)
    }

    pub async fn set_admissibility(
        &mut self,
        evidence_id: i64,
        admissibility: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_evidence SET admissibility = $1, updated_at = $2 WHERE id = $3")
            .bind(admissibility)
            .bind(now_ms())
            .bind(evidence_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn insert_evidence_file(
        &mut self,
        evidence_id: i64,
        file_name: &str,
        sha256: &str,
        content: &[u8],
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO evidence_file (evidence_id, file_name, sha256, size_bytes, content, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(evidence_id)
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

    /// The file's name, SHA-256 as recorded and content, read inside the transaction that records
    /// the access in the chain of custody.
    pub async fn read_evidence_file(
        &mut self,
        file_id: i64,
    ) -> Result<Option<(EvidenceFileRow, Vec<u8>)>, StoreError> {
        let row = sqlx::query(
            "SELECT id, evidence_id, file_name, sha256, size_bytes, added_at, content FROM evidence_file WHERE id = $1",
        )
        .bind(file_id)
        .fetch_optional(self.conn())
        .await?;
        row.map(|r| {
            Ok((
                EvidenceFileRow {
                    id: r.try_get(0)?,
                    evidence_id: r.try_get(1)?,
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

    pub async fn insert_custody(
        &mut self,
        evidence_id: i64,
        action: &str,
        from_party: &str,
        to_party: &str,
        note: &str,
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO custody_event (evidence_id, action, from_party, to_party, note, by_user, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(evidence_id)
        .bind(action)
        .bind(from_party)
        .bind(to_party)
        .bind(note)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_inquiry(
        &mut self,
        case_id: i64,
        kind: &str,
        title: &str,
        owner: Option<UserId>,
        status: &str,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO case_inquiry (case_id, kind, title, owner_id, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(case_id)
        .bind(kind)
        .bind(title)
        .bind(owner.map(|u| u.0))
        .bind(status)
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        self.touch_case(case_id).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn set_inquiry_status(&mut self, inquiry_id: i64, status: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_inquiry SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status)
            .bind(now_ms())
            .bind(inquiry_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

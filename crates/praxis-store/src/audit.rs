//! The audit chain: an append-only log where each entry's hash covers the previous entry's hash
//! and the entry itself, so that editing, deleting or reordering rows breaks the chain.
//!
//! Invariant: entries are numbered 1, 2, 3… without gaps; entry n's `prev_hash` is entry n−1's
//! `hash` (64 zeros for entry 1); `audit_head` holds the last entry's number and hash, so that
//! cutting entries off the end is detected too.

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::db::now_ms;
use crate::{Store, StoreError};

pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Denied,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

/// What happened, by whom, to what. `detail` must never hold a protected value.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub actor_user_id: Option<i64>,
    pub actor_org_id: Option<i64>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub outcome: Outcome,
    pub detail: serde_json::Value,
}

impl AuditEvent {
    pub fn new(action: impl Into<String>, object_type: impl Into<String>, object_id: impl ToString) -> Self {
        Self {
            actor_user_id: None,
            actor_org_id: None,
            action: action.into(),
            object_type: object_type.into(),
            object_id: object_id.to_string(),
            outcome: Outcome::Ok,
            detail: serde_json::Value::Null,
        }
    }

    pub fn by(mut self, user_id: Option<i64>, org_id: Option<i64>) -> Self {
        self.actor_user_id = user_id;
        self.actor_org_id = org_id;
        self
    }

    pub fn outcome(mut self, outcome: Outcome) -> Self {
        self.outcome = outcome;
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// A stored entry.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_org_id: Option<i64>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub outcome: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The entry's hash: SHA-256 over the previous hash and every field, each length-prefixed so
    /// that no two different entries encode alike.
    fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        let mut field = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_be_bytes());
            h.update(bytes);
        };
        field(self.prev_hash.as_bytes());
        field(&self.seq.to_be_bytes());
        field(&self.at.to_be_bytes());
        field(self.actor_user_id.map(|v| v.to_string()).unwrap_or_default().as_bytes());
        field(self.actor_org_id.map(|v| v.to_string()).unwrap_or_default().as_bytes());
        field(self.action.as_bytes());
        field(self.object_type.as_bytes());
        field(self.object_id.as_bytes());
        field(self.outcome.as_bytes());
        field(self.detail.as_bytes());
        hex::encode(h.finalize())
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Head {
    seq: i64,
    hash: String,
}

pub(crate) async fn read_head(conn: &mut AnyConnection) -> Result<Head, StoreError> {
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(conn).await?;
    Ok(Head { seq: row.try_get(0)?, hash: row.try_get(1)? })
}

pub(crate) async fn write_head(conn: &mut AnyConnection, head: &Head) -> Result<(), StoreError> {
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(head.seq)
        .bind(&head.hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub(crate) async fn append(
    conn: &mut AnyConnection,
    head: &Head,
    event: AuditEvent,
) -> Result<Head, StoreError> {
    let mut entry = AuditEntry {
        seq: head.seq + 1,
        at: now_ms(),
        actor_user_id: event.actor_user_id,
        actor_org_id: event.actor_org_id,
        action: event.action,
        object_type: event.object_type,
        object_id: event.object_id,
        outcome: event.outcome.as_str().to_owned(),
        detail: if event.detail.is_null() { String::new() } else { event.detail.to_string() },
        prev_hash: head.hash.clone(),
        hash: String::new(),
    };
    entry.hash = entry.compute_hash();
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_org_id, action, object_type, \
         object_id, outcome, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(entry.seq)
    .bind(entry.at)
    .bind(entry.actor_user_id)
    .bind(entry.actor_org_id)
    .bind(&entry.action)
    .bind(&entry.object_type)
    .bind(&entry.object_id)
    .bind(&entry.outcome)
    .bind(&entry.detail)
    .bind(&entry.prev_hash)
    .bind(&entry.hash)
    .execute(conn)
    .await?;
    Ok(Head { seq: entry.seq, hash: entry.hash })
}

/// The first place where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditBreak {
    /// The entry number where the break was found (for a cut-off tail, the first missing one).
    pub seq: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditVerification {
    pub entries: i64,
    pub head_hash: String,
    pub first_break: Option<AuditBreak>,
}

const ENTRY_COLUMNS: &str = "seq, at, actor_user_id, actor_org_id, action, object_type, object_id, \
                             outcome, detail, prev_hash, hash";

fn entry_from_row(row: &sqlx::any::AnyRow) -> Result<AuditEntry, sqlx::Error> {
    Ok(AuditEntry {
        seq: row.try_get(0)?,
        at: row.try_get(1)?,
        actor_user_id: row.try_get(2)?,
        actor_org_id: row.try_get(3)?,
        action: row.try_get(4)?,
        object_type: row.try_get(5)?,
        object_id: row.try_get(6)?,
        outcome: row.try_get(7)?,
        detail: row.try_get(8)?,
        prev_hash: row.try_get(9)?,
        hash: row.try_get(10)?,
    })
}

impl Store {
    /// Walks the whole chain in order and names the first broken entry.
    #[tracing::instrument(skip_all)]
    pub async fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        let mut conn = self.conn().await?;
        let mut expected_seq = 1i64;
        let mut prev_hash = GENESIS.to_owned();
        let mut first_break = None;
        // Pages keep memory flat on long chains.
        const PAGE: i64 = 5000;
        let mut after = 0i64;
        'pages: loop {
            let rows = sqlx::query(&format!(
                "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
            ))
            .bind(after)
            .bind(PAGE)
            .fetch_all(&mut *conn)
            .await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let entry = entry_from_row(row)?;
                after = entry.seq;
                let reason = if entry.seq != expected_seq {
                    Some(format!("entry {expected_seq} is missing (next stored entry is {})", entry.seq))
                } else if entry.prev_hash != prev_hash {
                    Some(
                        "its previous-hash does not match the entry before it (entries deleted or reordered)"
                            .to_owned(),
                    )
                } else if entry.compute_hash() != entry.hash {
                    Some("its contents do not match its hash (entry edited)".to_owned())
                } else {
                    None
                };
                if let Some(reason) = reason {
                    first_break = Some(AuditBreak { seq: expected_seq, reason });
                    break 'pages;
                }
                prev_hash = entry.hash;
                expected_seq += 1;
            }
        }
        let head = read_head(&mut conn).await?;
        let entries = expected_seq - 1;
        if first_break.is_none() && (head.seq != entries || head.hash != prev_hash) {
            first_break = Some(AuditBreak {
                seq: entries + 1,
                reason: format!(
                    "the chain ends at entry {entries} but its head records entry {} (entries cut off the end)",
                    head.seq
                ),
            });
        }
        Ok(AuditVerification { entries, head_hash: prev_hash, first_break })
    }

    /// Audit entries, newest first, optionally only those whose actor belongs to `org_id`.
    pub async fn list_audit(
        &self,
        org_id: Option<i64>,
        limit: i64,
        before_seq: Option<i64>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut conn = self.conn().await?;
        let before = before_seq.unwrap_or(i64::MAX);
        let rows = match org_id {
            Some(org) => {
                sqlx::query(&format!(
                    "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE actor_org_id = $1 AND seq < $2 \
                     ORDER BY seq DESC LIMIT $3"
                ))
                .bind(org)
                .bind(before)
                .bind(limit)
                .fetch_all(&mut *conn)
                .await?
            }
            None => {
                sqlx::query(&format!(
                    "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2"
                ))
                .bind(before)
                .bind(limit)
                .fetch_all(&mut *conn)
                .await?
            }
        };
        rows.iter().map(|r| entry_from_row(r).map_err(StoreError::from)).collect()
    }
}

//! Cross-border hit/no-hit: an organisation's blind indexes (with the blinding state of each
//! selector, kept here and never shown), the peers' shared indexes compared with them, the hits,
//! and — when this deployment is a key holder — the evaluation log that quotas are counted on.
//! This crate stores hex text and JSON and does not interpret them.

use praxis_model::{OrgId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct NewHitIndex {
    pub owner_org: OrgId,
    pub label: String,
    pub epoch: String,
    /// The hit/no-hit protocol version the entries are blinded under (`praxis/hit-no-hit/v2`).
    pub protocol: String,
    pub counts: String,
    pub request_sha256: String,
    pub created_by: Option<UserId>,
}

/// One selector of one record, blinded.
#[derive(Debug, Clone)]
pub struct NewHitEntry {
    pub case_id: i64,
    /// `entity` or `subject`.
    pub record_kind: String,
    pub record_id: i64,
    pub kind: String,
    pub selector: String,
    pub blind: String,
    pub blinded: String,
}

#[derive(Debug, Clone)]
pub struct HitIndexRow {
    pub id: i64,
    pub owner_org: OrgId,
    pub label: String,
    pub epoch: String,
    /// `building`, `evaluating`, `blinded`, `final` or `failed`.
    pub status: String,
    pub entries: i64,
    pub counts: String,
    pub request_sha256: String,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub finalized_at: Option<i64>,
    /// The protocol version the index was built under (`praxis/hit-no-hit/v1` for indexes
    /// built before the version was recorded).
    pub protocol: String,
}

#[derive(Debug, Clone)]
pub struct HitEntryRow {
    pub id: i64,
    pub case_id: i64,
    pub record_kind: String,
    pub record_id: i64,
    pub kind: String,
    pub selector: String,
    pub blind: String,
    pub blinded: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewHitPeer {
    pub owner_org: OrgId,
    pub index_id: i64,
    pub peer: String,
    pub epoch: String,
    pub entries: i64,
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct HitPeerRow {
    pub id: i64,
    pub index_id: i64,
    pub peer: String,
    pub epoch: String,
    pub entries: i64,
    pub sha256: String,
    pub hits: i64,
    pub uploaded_by_name: Option<String>,
    pub uploaded_at: i64,
}

/// A hit found on comparing: our record, the kind, the holder's label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NewHit {
    pub case_id: i64,
    pub record_kind: String,
    pub record_id: i64,
    pub kind: String,
    pub held_by: String,
}

#[derive(Debug, Clone)]
pub struct HitRow {
    pub id: i64,
    pub owner_org: OrgId,
    pub index_id: i64,
    pub peer_index_id: i64,
    pub case_id: i64,
    pub record_kind: String,
    pub record_id: i64,
    pub kind: String,
    pub held_by: String,
    pub epoch: String,
    pub found_at: i64,
    pub request_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct HitEvaluationRow {
    pub id: i64,
    pub at: i64,
    pub org_id: OrgId,
    pub org_name: String,
    pub user_name: Option<String>,
    pub epoch: String,
    pub elements: i64,
    /// `evaluated` or `refused: quota`.
    pub outcome: String,
}

/// Rows per multi-row statement (8 parameters each: well under both backends' limits).
const BATCH: usize = 400;

const INDEX_SELECT: &str = "SELECT i.id, i.owner_org_id, i.label, i.epoch, i.status, i.entries, i.counts, \
     i.request_sha256, u.display_name, i.created_at, i.finalized_at, i.protocol \
     FROM hit_index i LEFT JOIN user_account u ON u.id = i.created_by";

fn index_from_row(r: &AnyRow) -> Result<HitIndexRow, StoreError> {
    Ok(HitIndexRow {
        id: r.try_get(0)?,
        owner_org: OrgId(r.try_get(1)?),
        label: r.try_get(2)?,
        epoch: r.try_get(3)?,
        status: r.try_get(4)?,
        entries: r.try_get(5)?,
        counts: r.try_get(6)?,
        request_sha256: r.try_get(7)?,
        created_by_name: r.try_get(8)?,
        created_at: r.try_get(9)?,
        finalized_at: r.try_get(10)?,
        protocol: r.try_get(11)?,
    })
}

const HIT_SELECT: &str =
    "SELECT id, owner_org_id, index_id, peer_index_id, case_id, record_kind, record_id, \
     kind, held_by, epoch, found_at, request_id FROM hit";

fn hit_from_row(r: &AnyRow) -> Result<HitRow, StoreError> {
    Ok(HitRow {
        id: r.try_get(0)?,
        owner_org: OrgId(r.try_get(1)?),
        index_id: r.try_get(2)?,
        peer_index_id: r.try_get(3)?,
        case_id: r.try_get(4)?,
        record_kind: r.try_get(5)?,
        record_id: r.try_get(6)?,
        kind: r.try_get(7)?,
        held_by: r.try_get(8)?,
        epoch: r.try_get(9)?,
        found_at: r.try_get(10)?,
        request_id: r.try_get(11)?,
    })
}

impl Store {
    /// Every index, newest first. The application filters by policy.
    #[tracing::instrument(skip_all)]
    pub async fn list_hit_indexes(&self) -> Result<Vec<HitIndexRow>, StoreError> {
        let rows = sqlx::query(&format!("{INDEX_SELECT} ORDER BY i.id DESC"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(index_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_hit_index(&self, id: i64) -> Result<Option<HitIndexRow>, StoreError> {
        let row = sqlx::query(&format!("{INDEX_SELECT} WHERE i.id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(index_from_row).transpose()
    }

    /// An index's entries, in the order of their blinded elements (the request's order).
    #[tracing::instrument(skip_all)]
    pub async fn hit_index_entries(&self, index_id: i64) -> Result<Vec<HitEntryRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, case_id, record_kind, record_id, kind, selector, blind, blinded, value \
             FROM hit_index_entry WHERE index_id = $1 ORDER BY blinded",
        )
        .bind(index_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(HitEntryRow {
                    id: r.try_get(0)?,
                    case_id: r.try_get(1)?,
                    record_kind: r.try_get(2)?,
                    record_id: r.try_get(3)?,
                    kind: r.try_get(4)?,
                    selector: r.try_get(5)?,
                    blind: r.try_get(6)?,
                    blinded: r.try_get(7)?,
                    value: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// The peers' indexes compared with one of ours, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn hit_peers(&self, index_id: i64) -> Result<Vec<HitPeerRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.id, p.index_id, p.peer, p.epoch, p.entries, p.sha256, p.hits, u.display_name, p.uploaded_at \
             FROM hit_peer_index p LEFT JOIN user_account u ON u.id = p.uploaded_by \
             WHERE p.index_id = $1 ORDER BY p.id DESC",
        )
        .bind(index_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(HitPeerRow {
                    id: r.try_get(0)?,
                    index_id: r.try_get(1)?,
                    peer: r.try_get(2)?,
                    epoch: r.try_get(3)?,
                    entries: r.try_get(4)?,
                    sha256: r.try_get(5)?,
                    hits: r.try_get(6)?,
                    uploaded_by_name: r.try_get(7)?,
                    uploaded_at: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// Every hit, newest first. The application filters by policy (who may read the case).
    #[tracing::instrument(skip_all)]
    pub async fn list_hits(&self) -> Result<Vec<HitRow>, StoreError> {
        let rows = sqlx::query(&format!("{HIT_SELECT} ORDER BY id DESC"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(hit_from_row).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn get_hit(&self, id: i64) -> Result<Option<HitRow>, StoreError> {
        let row = sqlx::query(&format!("{HIT_SELECT} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(hit_from_row).transpose()
    }

    /// The key holder's evaluation log, newest first (all organisations; the application filters).
    #[tracing::instrument(skip_all)]
    pub async fn hit_evaluations(&self) -> Result<Vec<HitEvaluationRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.id, e.at, e.org_id, o.name, u.display_name, e.epoch, e.elements, e.outcome \
             FROM hit_evaluation e JOIN organisation o ON o.id = e.org_id \
             LEFT JOIN user_account u ON u.id = e.user_id ORDER BY e.id DESC",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(HitEvaluationRow {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    org_id: OrgId(r.try_get(2)?),
                    org_name: r.try_get(3)?,
                    user_name: r.try_get(4)?,
                    epoch: r.try_get(5)?,
                    elements: r.try_get(6)?,
                    outcome: r.try_get(7)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Records an index as `building` (its job blinds the selectors).
    pub async fn insert_hit_index(&mut self, i: &NewHitIndex) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO hit_index (owner_org_id, label, epoch, status, entries, counts, request_sha256, \
             created_by, created_at, protocol) VALUES ($1, $2, $3, 'building', 0, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(i.owner_org.0)
        .bind(&i.label)
        .bind(&i.epoch)
        .bind(&i.counts)
        .bind(&i.request_sha256)
        .bind(i.created_by.map(|u| u.0))
        .bind(now_ms())
        .bind(&i.protocol)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Stores an index's blinded entries and marks it `blinded` (or `failed`, with no entries and
    /// the reason in `counts`).
    pub async fn store_hit_blinded(
        &mut self,
        id: i64,
        status: &str,
        counts: &str,
        request_sha256: &str,
        entries: &[NewHitEntry],
    ) -> Result<(), StoreError> {
        // Many rows per statement: one round trip per batch, not per selector.
        for batch in entries.chunks(BATCH) {
            let rows: Vec<String> = (0..batch.len())
                .map(|i| {
                    let p: Vec<String> = (1..=8).map(|k| format!("${}", i * 8 + k)).collect();
                    format!("({})", p.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO hit_index_entry (index_id, case_id, record_kind, record_id, kind, selector, blind, blinded) VALUES {}",
                rows.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for e in batch {
                q = q
                    .bind(id)
                    .bind(e.case_id)
                    .bind(&e.record_kind)
                    .bind(e.record_id)
                    .bind(&e.kind)
                    .bind(&e.selector)
                    .bind(&e.blind)
                    .bind(&e.blinded);
            }
            q.execute(self.conn()).await?;
        }
        sqlx::query(
            "UPDATE hit_index SET status = $1, counts = $2, request_sha256 = $3, entries = $4 WHERE id = $5",
        )
        .bind(status)
        .bind(counts)
        .bind(request_sha256)
        .bind(entries.len() as i64)
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Sets the index values (entry id, hex value) and marks the index `final`.
    pub async fn finalize_hit_index(&mut self, id: i64, values: &[(i64, String)]) -> Result<(), StoreError> {
        // Many rows per statement: `SET value = CASE id WHEN … THEN … END` (both backends).
        for batch in values.chunks(BATCH) {
            let whens: Vec<String> =
                (0..batch.len()).map(|i| format!("WHEN ${} THEN ${}", 2 * i + 2, 2 * i + 3)).collect();
            let ids: Vec<String> = (0..batch.len()).map(|i| format!("${}", 2 * i + 2)).collect();
            let sql = format!(
                "UPDATE hit_index_entry SET value = CASE id {} END WHERE index_id = $1 AND id IN ({})",
                whens.join(" "),
                ids.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(id);
            for (entry, value) in batch {
                q = q.bind(entry).bind(value);
            }
            q.execute(self.conn()).await?;
        }
        sqlx::query("UPDATE hit_index SET status = 'final', finalized_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Records a peer's index compared with ours and the hits found (a hit already known from an
    /// earlier upload is not repeated). Returns the peer index's id and the new hits' count.
    pub async fn insert_hit_peer(
        &mut self,
        p: &NewHitPeer,
        hits: &[NewHit],
    ) -> Result<(i64, usize), StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO hit_peer_index (owner_org_id, index_id, peer, epoch, entries, sha256, hits, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(p.owner_org.0)
        .bind(p.index_id)
        .bind(&p.peer)
        .bind(&p.epoch)
        .bind(p.entries)
        .bind(&p.sha256)
        .bind(hits.len() as i64)
        .bind(p.uploaded_by.map(|u| u.0))
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        let peer_id: i64 = row.try_get(0)?;
        let mut new = 0;
        for h in hits {
            let done = sqlx::query(
                "INSERT INTO hit (owner_org_id, index_id, peer_index_id, case_id, record_kind, record_id, kind, held_by, epoch, found_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (index_id, record_kind, record_id, kind, held_by) DO NOTHING",
            )
            .bind(p.owner_org.0)
            .bind(p.index_id)
            .bind(peer_id)
            .bind(h.case_id)
            .bind(&h.record_kind)
            .bind(h.record_id)
            .bind(&h.kind)
            .bind(&h.held_by)
            .bind(&p.epoch)
            .bind(now)
            .execute(self.conn())
            .await?;
            new += done.rows_affected() as usize;
        }
        Ok((peer_id, new))
    }

    pub async fn set_hit_index_status(&mut self, id: i64, status: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE hit_index SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Remembers the cooperation request drafted from a hit.
    pub async fn set_hit_request(&mut self, hit: i64, request: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE hit SET request_id = $1 WHERE id = $2")
            .bind(request)
            .bind(hit)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Elements evaluated for an organisation in an epoch (read in the write transaction, so
    /// that two requests cannot both pass the quota).
    pub async fn hit_evaluated(&mut self, org: OrgId, epoch: &str) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(elements), 0) AS BIGINT) FROM hit_evaluation \
             WHERE org_id = $1 AND epoch = $2 AND outcome = 'evaluated'",
        )
        .bind(org.0)
        .bind(epoch)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Logs an evaluation request.
    pub async fn log_hit_evaluation(
        &mut self,
        org: OrgId,
        user: Option<UserId>,
        epoch: &str,
        elements: i64,
        outcome: &str,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO hit_evaluation (at, org_id, user_id, epoch, elements, outcome) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(now_ms())
        .bind(org.0)
        .bind(user.map(|u| u.0))
        .bind(epoch)
        .bind(elements)
        .bind(outcome)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }
}

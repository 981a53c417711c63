//! Investigation entities of a case (persons, companies, accounts, addresses, documents,
//! vehicles) and the relations among them, FollowTheMoney-shaped, each with its provenance.
//! Properties are stored as the JSON text the application gives; this crate does not read them.

use praxis_model::UserId;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct EntityRow {
    pub id: i64,
    pub case_id: i64,
    pub schema: String,
    pub caption: String,
    pub properties: String,
    pub source_kind: String,
    pub source_ref: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct RelationRow {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub from_id: i64,
    pub to_id: i64,
    pub properties: String,
    pub source_kind: String,
    pub source_ref: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

/// Provenance of what is written: where it comes from and who writes it.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub kind: String,
    pub reference: String,
    pub by: Option<UserId>,
}

fn entity_from_row(r: &AnyRow) -> Result<EntityRow, StoreError> {
    Ok(EntityRow {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        schema: r.try_get(2)?,
        caption: r.try_get(3)?,
        properties: r.try_get(4)?,
        source_kind: r.try_get(5)?,
        source_ref: r.try_get(6)?,
        created_by: r.try_get::<Option<i64>, _>(7)?.map(UserId),
        created_at: r.try_get(8)?,
    })
}

fn relation_from_row(r: &AnyRow) -> Result<RelationRow, StoreError> {
    Ok(RelationRow {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        kind: r.try_get(2)?,
        from_id: r.try_get(3)?,
        to_id: r.try_get(4)?,
        properties: r.try_get(5)?,
        source_kind: r.try_get(6)?,
        source_ref: r.try_get(7)?,
        created_by: r.try_get::<Option<i64>, _>(8)?.map(UserId),
        created_at: r.try_get(9)?,
    })
}

const ENTITY_COLUMNS: &str =
    "id, case_id, schema, caption, properties, source_kind, source_ref, created_by, created_at";
const RELATION_COLUMNS: &str =
    "id, case_id, kind, from_id, to_id, properties, source_kind, source_ref, created_by, created_at";

impl Store {
    /// The entities of one case, or of every case (`None`, for matching across cases).
    pub async fn list_entities(&self, case_id: Option<i64>) -> Result<Vec<EntityRow>, StoreError> {
        let mut conn = self.conn().await?;
        let rows = match case_id {
            Some(id) => {
                sqlx::query(&format!(
                    "SELECT {ENTITY_COLUMNS} FROM case_entity WHERE case_id = $1 ORDER BY id"
                ))
                .bind(id)
                .fetch_all(&mut *conn)
                .await?
            }
            None => {
                sqlx::query(&format!("SELECT {ENTITY_COLUMNS} FROM case_entity ORDER BY id"))
                    .fetch_all(&mut *conn)
                    .await?
            }
        };
        rows.iter().map(entity_from_row).collect()
    }

    pub async fn list_relations(&self, case_id: i64) -> Result<Vec<RelationRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {RELATION_COLUMNS} FROM case_relation WHERE case_id = $1 ORDER BY id"
        ))
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(relation_from_row).collect()
    }
}

impl WriteTx {
    pub async fn insert_entity(
        &mut self,
        case_id: i64,
        schema: &str,
        caption: &str,
        properties: &str,
        source: &Provenance,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO case_entity (case_id, schema, caption, properties, source_kind, source_ref, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(case_id)
        .bind(schema)
        .bind(caption)
        .bind(properties)
        .bind(&source.kind)
        .bind(&source.reference)
        .bind(source.by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_relation(
        &mut self,
        case_id: i64,
        kind: &str,
        from_id: i64,
        to_id: i64,
        properties: &str,
        source: &Provenance,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO case_relation (case_id, kind, from_id, to_id, properties, source_kind, source_ref, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(case_id)
        .bind(kind)
        .bind(from_id)
        .bind(to_id)
        .bind(properties)
        .bind(&source.kind)
        .bind(&source.reference)
        .bind(source.by.map(|u| u.0))
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }
}

/// An analyst's judgement on a proposed link.
#[derive(Debug, Clone)]
pub struct JudgementRow {
    pub link_key: String,
    pub verdict: String,
    pub note: String,
    pub judged_by: Option<UserId>,
    pub judged_at: i64,
}

impl Store {
    pub async fn link_judgements(&self, case_id: i64) -> Result<Vec<JudgementRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT link_key, verdict, note, judged_by, judged_at FROM link_judgement WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(JudgementRow {
                    link_key: r.try_get(0)?,
                    verdict: r.try_get(1)?,
                    note: r.try_get(2)?,
                    judged_by: r.try_get::<Option<i64>, _>(3)?.map(UserId),
                    judged_at: r.try_get(4)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Records (or replaces) the judgement on one link of a case.
    pub async fn judge_link(
        &mut self,
        case_id: i64,
        link_key: &str,
        verdict: &str,
        note: &str,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM link_judgement WHERE case_id = $1 AND link_key = $2")
            .bind(case_id)
            .bind(link_key)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO link_judgement (case_id, link_key, verdict, note, judged_by, judged_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(case_id)
        .bind(link_key)
        .bind(verdict)
        .bind(note)
        .bind(by.map(|u| u.0))
        .bind(now_ms())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

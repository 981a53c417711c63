//! Financial-flow datasets: the received files, unaltered, and the normalised transactions.

use praxis_model::{OrgId, UserId};
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct NewDataset {
    pub owner_org: OrgId,
    pub name: String,
    pub format: String,
    pub created_by: UserId,
    pub tx_count: i64,
    pub account_count: i64,
    pub first_at: Option<i64>,
    pub last_at: Option<i64>,
    pub currencies: String,
    pub skipped_rows: i64,
    pub duplicates: i64,
    pub normalised_gz: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct DatasetRow {
    pub id: i64,
    pub owner_org: OrgId,
    pub name: String,
    pub format: String,
    pub created_by: UserId,
    pub created_at: i64,
    pub tx_count: i64,
    pub account_count: i64,
    pub first_at: Option<i64>,
    pub last_at: Option<i64>,
    pub currencies: String,
    pub skipped_rows: i64,
    pub duplicates: i64,
}

#[derive(Debug, Clone)]
pub struct SourceRow {
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
}

const COLUMNS: &str = "id, owner_org_id, name, format, created_by, created_at, tx_count, account_count, \
                       first_at, last_at, currencies, skipped_rows, duplicates";

fn from_row(r: &sqlx::any::AnyRow) -> Result<DatasetRow, StoreError> {
    Ok(DatasetRow {
        id: r.try_get(0)?,
        owner_org: OrgId(r.try_get(1)?),
        name: r.try_get(2)?,
        format: r.try_get(3)?,
        created_by: UserId(r.try_get(4)?),
        created_at: r.try_get(5)?,
        tx_count: r.try_get(6)?,
        account_count: r.try_get(7)?,
        first_at: r.try_get(8)?,
        last_at: r.try_get(9)?,
        currencies: r.try_get(10)?,
        skipped_rows: r.try_get(11)?,
        duplicates: r.try_get(12)?,
    })
}

impl Store {
    pub async fn list_datasets(&self) -> Result<Vec<DatasetRow>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM flow_dataset ORDER BY id DESC"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(from_row).collect()
    }

    pub async fn get_dataset(&self, id: i64) -> Result<Option<DatasetRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM flow_dataset WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// The normalised transactions (gzip-compressed CSV).
    pub async fn dataset_content(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let row = sqlx::query("SELECT normalised_gz FROM flow_dataset WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    pub async fn dataset_sources(&self, id: i64) -> Result<Vec<SourceRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT file_name, sha256, size_bytes FROM flow_source WHERE dataset_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SourceRow { file_name: r.try_get(0)?, sha256: r.try_get(1)?, size_bytes: r.try_get(2)? })
            })
            .collect()
    }
}

impl WriteTx {
    pub async fn insert_dataset(&mut self, d: &NewDataset) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO flow_dataset (owner_org_id, name, format, created_by, created_at, tx_count, account_count, \
             first_at, last_at, currencies, skipped_rows, duplicates, normalised_gz) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(d.owner_org.0)
        .bind(&d.name)
        .bind(&d.format)
        .bind(d.created_by.0)
        .bind(now_ms())
        .bind(d.tx_count)
        .bind(d.account_count)
        .bind(d.first_at)
        .bind(d.last_at)
        .bind(&d.currencies)
        .bind(d.skipped_rows)
        .bind(d.duplicates)
        .bind(&d.normalised_gz)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn insert_source(
        &mut self,
        dataset: i64,
        file_name: &str,
        sha256: &str,
        content: &[u8],
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO flow_source (dataset_id, file_name, sha256, size_bytes, content) VALUES ($1, $2, $3, $4, $5)")
            .bind(dataset)
            .bind(file_name)
            .bind(sha256)
            .bind(content.len() as i64)
            .bind(content)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

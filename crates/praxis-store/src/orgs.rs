//! Organisations.

use praxis_model::{Jurisdiction, OrgId, OrgKind, OrgName};
use sqlx::{AnyConnection, Row};

use crate::db::now_ms;
use crate::error::conflict_or;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub jurisdiction: Jurisdiction,
    /// Runs this Praxis installation: its administrators manage all organisations.
    pub platform_operator: bool,
    pub disabled: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub name: OrgName,
    pub kind: OrgKind,
    pub jurisdiction: Jurisdiction,
    pub platform_operator: bool,
}

const COLUMNS: &str = "id, name, kind, jurisdiction, platform_operator, disabled, created_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Organisation, StoreError> {
    let kind: String = row.try_get(2)?;
    let jurisdiction: String = row.try_get(3)?;
    Ok(Organisation {
        id: OrgId(row.try_get(0)?),
        name: row.try_get(1)?,
        kind: OrgKind::parse(&kind).unwrap_or(OrgKind::Other),
        jurisdiction: Jurisdiction::parse(&jurisdiction)
            .map_err(|e| StoreError::Database(sqlx::Error::Decode(Box::new(e))))?,
        platform_operator: row.try_get::<i64, _>(4)? != 0,
        disabled: row.try_get::<i64, _>(5)? != 0,
        created_at: row.try_get(6)?,
    })
}

pub(crate) async fn get(conn: &mut AnyConnection, id: OrgId) -> Result<Option<Organisation>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM organisation WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

impl Store {
    pub async fn get_org(&self, id: OrgId) -> Result<Option<Organisation>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    pub async fn list_orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM organisation ORDER BY jurisdiction, name"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.iter().map(from_row).collect()
    }

    pub async fn find_org_by_name(&self, name: &str) -> Result<Option<Organisation>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM organisation WHERE name = $1"))
            .bind(name)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.as_ref().map(from_row).transpose()
    }
}

impl WriteTx {
    pub async fn insert_org(&mut self, org: &NewOrganisation) -> Result<OrgId, StoreError> {
        let row = sqlx::query(
            "INSERT INTO organisation (name, kind, jurisdiction, platform_operator, disabled, created_at) \
             VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
        )
        .bind(org.name.as_str())
        .bind(org.kind.as_str())
        .bind(org.jurisdiction.code())
        .bind(org.platform_operator as i64)
        .bind(now_ms())
        .fetch_one(self.conn())
        .await
        .map_err(conflict_or("an organisation with this name"))?;
        Ok(OrgId(row.try_get(0)?))
    }

    pub async fn get_org(&mut self, id: OrgId) -> Result<Option<Organisation>, StoreError> {
        get(self.conn(), id).await
    }

    pub async fn update_org(
        &mut self,
        id: OrgId,
        name: &OrgName,
        kind: OrgKind,
        jurisdiction: &Jurisdiction,
        disabled: bool,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE organisation SET name = $1, kind = $2, jurisdiction = $3, disabled = $4 WHERE id = $5",
        )
        .bind(name.as_str())
        .bind(kind.as_str())
        .bind(jurisdiction.code())
        .bind(disabled as i64)
        .bind(id.0)
        .execute(self.conn())
        .await
        .map_err(conflict_or("an organisation with this name"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("organisation"));
        }
        Ok(())
    }
}

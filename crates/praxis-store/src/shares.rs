//! Shares: a record owned by one organisation made visible to another organisation or to a named
//! user, at a scope (later issues define scopes such as "summary" or "full" for cases).

use praxis_model::{OrgId, UserId};
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareGrantee {
    Org(OrgId),
    User(UserId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub id: i64,
    pub record_type: String,
    pub record_id: i64,
    pub grantee: ShareGrantee,
    pub scope: String,
    pub granted_by: UserId,
    pub created_at: i64,
}

impl Store {
    pub async fn list_shares(&self, record_type: &str, record_id: i64) -> Result<Vec<Share>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, record_type, record_id, grantee_org_id, grantee_user_id, scope, granted_by, created_at \
             FROM record_share WHERE record_type = $1 AND record_id = $2 ORDER BY id",
        )
        .bind(record_type)
        .bind(record_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                let org: Option<i64> = r.try_get(3)?;
                let user: Option<i64> = r.try_get(4)?;
                let grantee = match (org, user) {
                    (Some(o), _) => ShareGrantee::Org(OrgId(o)),
                    (None, Some(u)) => ShareGrantee::User(UserId(u)),
                    (None, None) => return Err(StoreError::NotFound("share grantee")),
                };
                Ok(Share {
                    id: r.try_get(0)?,
                    record_type: r.try_get(1)?,
                    record_id: r.try_get(2)?,
                    grantee,
                    scope: r.try_get(5)?,
                    granted_by: UserId(r.try_get(6)?),
                    created_at: r.try_get(7)?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    pub async fn insert_share(
        &mut self,
        record_type: &str,
        record_id: i64,
        grantee: ShareGrantee,
        scope: &str,
        granted_by: UserId,
    ) -> Result<i64, StoreError> {
        let (org, user) = match grantee {
            ShareGrantee::Org(o) => (Some(o.0), None),
            ShareGrantee::User(u) => (None, Some(u.0)),
        };
        let row = sqlx::query(
            "INSERT INTO record_share (record_type, record_id, grantee_org_id, grantee_user_id, scope, granted_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(record_type)
        .bind(record_id)
        .bind(org)
        .bind(user)
        .bind(scope)
        .bind(granted_by.0)
        .bind(now_ms())
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn delete_share(&mut self, id: i64) -> Result<bool, StoreError> {
        let done =
            sqlx::query("DELETE FROM record_share WHERE id = $1").bind(id).execute(self.conn()).await?;
        Ok(done.rows_affected() > 0)
    }
}

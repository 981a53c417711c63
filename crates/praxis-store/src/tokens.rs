//! Personal access tokens for API clients. Only a SHA-256 hash of each token is stored; tokens
//! carry 256 bits of randomness, so a fast hash is enough.

use praxis_model::UserId;
use sqlx::Row;

use crate::db::now_ms;
use crate::error::conflict_or;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct ApiTokenRow {
    pub id: i64,
    pub user_id: UserId,
    pub name: String,
    /// The first characters of the token, to recognise it in a list.
    pub prefix: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, user_id, name, prefix, created_at, expires_at, revoked_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ApiTokenRow, StoreError> {
    Ok(ApiTokenRow {
        id: r.try_get(0)?,
        user_id: UserId(r.try_get(1)?),
        name: r.try_get(2)?,
        prefix: r.try_get(3)?,
        created_at: r.try_get(4)?,
        expires_at: r.try_get(5)?,
        revoked_at: r.try_get(6)?,
    })
}

impl Store {
    /// The live token with this hash: not revoked, not expired.
    pub async fn find_live_token(&self, token_hash: &str) -> Result<Option<ApiTokenRow>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL \
             AND (expires_at IS NULL OR expires_at > $2)"
        ))
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn list_tokens(&self, user: UserId) -> Result<Vec<ApiTokenRow>, StoreError> {
        let rows =
            sqlx::query(&format!("SELECT {COLUMNS} FROM api_token WHERE user_id = $1 ORDER BY id DESC"))
                .bind(user.0)
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.iter().map(from_row).collect()
    }
}

impl WriteTx {
    pub async fn insert_token(
        &mut self,
        user: UserId,
        name: &str,
        token_hash: &str,
        prefix: &str,
        expires_at: Option<i64>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(user.0)
        .bind(name)
        .bind(token_hash)
        .bind(prefix)
        .bind(now_ms())
        .bind(expires_at)
        .fetch_one(self.conn())
        .await
        .map_err(conflict_or("token"))?;
        Ok(row.try_get(0)?)
    }

    /// Revokes a token of `user`; false when the user has no such live token.
    pub async fn revoke_token(&mut self, user: UserId, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(user.0)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn revoke_all_tokens(&mut self, user: UserId) -> Result<(), StoreError> {
        sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(now_ms())
            .bind(user.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

//! Login sessions. Only a hash of the session token is stored: a copy of the database does not
//! let anyone log in.

use praxis_model::UserId;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_id: UserId,
    pub created_at: i64,
    pub expires_at: i64,
    /// False while the second factor (or its enrolment) is still owed.
    pub mfa_passed: bool,
}

impl Store {
    /// The live (unexpired) session with this token hash.
    pub async fn get_session(&self, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        let row = sqlx::query(
            "SELECT token_hash, user_id, created_at, expires_at, mfa_passed FROM user_session \
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|r| {
            Ok(SessionRow {
                token_hash: r.try_get(0)?,
                user_id: UserId(r.try_get(1)?),
                created_at: r.try_get(2)?,
                expires_at: r.try_get(3)?,
                mfa_passed: r.try_get::<i64, _>(4)? != 0,
            })
        })
        .transpose()
    }
}

impl WriteTx {
    pub async fn insert_session(
        &mut self,
        token_hash: &str,
        user: UserId,
        expires_at: i64,
        mfa_passed: bool,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        // Expired sessions are swept whenever a new one starts.
        sqlx::query("DELETE FROM user_session WHERE expires_at <= $1").bind(now).execute(self.conn()).await?;
        sqlx::query(
            "INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at, expires_at, mfa_passed) \
             VALUES ($1, $2, $3, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user.0)
        .bind(now)
        .bind(expires_at)
        .bind(mfa_passed as i64)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn set_session_mfa_passed(&mut self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE user_session SET mfa_passed = 1 WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM user_session WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Ends every session of a user, optionally sparing one (the one that asked).
    pub async fn delete_user_sessions(
        &mut self,
        user: UserId,
        except: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM user_session WHERE user_id = $1 AND token_hash <> $2")
            .bind(user.0)
            .bind(except.unwrap_or(""))
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

//! Counters of failed logins, per login name and per client address. The policy (how many, for
//! how long) lives in the application layer.

use sqlx::{AnyConnection, Row};

use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: i64,
    pub first_failure_at: i64,
    pub locked_until: i64,
}

async fn get(conn: &mut AnyConnection, key: &str) -> Result<ThrottleState, StoreError> {
    let row = sqlx::query(
        "SELECT failures, first_failure_at, locked_until FROM login_throttle WHERE throttle_key = $1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some(r) => ThrottleState {
            failures: r.try_get(0)?,
            first_failure_at: r.try_get(1)?,
            locked_until: r.try_get(2)?,
        },
        None => ThrottleState::default(),
    })
}

impl Store {
    /// Reads a counter outside any transaction: a cheap first check before hashing a password.
    pub async fn throttle_peek(&self, key: &str) -> Result<ThrottleState, StoreError> {
        get(&mut *self.conn().await?, key).await
    }
}

impl WriteTx {
    pub async fn throttle_get(&mut self, key: &str) -> Result<ThrottleState, StoreError> {
        get(self.conn(), key).await
    }

    pub async fn throttle_put(&mut self, key: &str, s: ThrottleState) -> Result<(), StoreError> {
        self.throttle_clear(key).await?;
        sqlx::query(
            "INSERT INTO login_throttle (throttle_key, failures, first_failure_at, locked_until) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(key)
        .bind(s.failures)
        .bind(s.first_failure_at)
        .bind(s.locked_until)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn throttle_clear(&mut self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
            .bind(key)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

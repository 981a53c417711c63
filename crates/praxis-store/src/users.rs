//! User accounts, their roles and their TOTP recovery codes.

use praxis_model::{Locale, OrgId, RoleSet, UserId, Username};
use sqlx::{AnyConnection, Row};

use crate::db::now_ms;
use crate::error::conflict_or;
use crate::{Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: UserId,
    pub org_id: OrgId,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub password_hash: String,
    pub disabled: bool,
    pub locale: Locale,
    pub totp_enabled: bool,
    pub roles: RoleSet,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub org_id: OrgId,
    pub username: Username,
    pub display_name: String,
    pub email: String,
    pub password_hash: String,
    pub roles: RoleSet,
    pub locale: Locale,
}

const COLUMNS: &str =
    "id, org_id, username, display_name, email, password_hash, disabled, locale, totp_enabled, created_at";

async fn roles_of(conn: &mut AnyConnection, id: i64) -> Result<RoleSet, StoreError> {
    let rows = sqlx::query("SELECT role FROM user_role WHERE user_id = $1").bind(id).fetch_all(conn).await?;
    let mut roles = Vec::new();
    for r in rows {
        let name: String = r.try_get(0)?;
        // A role name this build does not know (from a newer version) grants nothing.
        if let Some(role) = praxis_model::Role::parse(&name) {
            roles.push(role);
        }
    }
    Ok(RoleSet::new(roles))
}

async fn from_row(conn: &mut AnyConnection, row: &sqlx::any::AnyRow) -> Result<UserRow, StoreError> {
    let id: i64 = row.try_get(0)?;
    let locale: String = row.try_get(7)?;
    Ok(UserRow {
        id: UserId(id),
        org_id: OrgId(row.try_get(1)?),
        username: row.try_get(2)?,
        display_name: row.try_get(3)?,
        email: row.try_get(4)?,
        password_hash: row.try_get(5)?,
        disabled: row.try_get::<i64, _>(6)? != 0,
        locale: Locale::parse(&locale).unwrap_or_default(),
        totp_enabled: row.try_get::<i64, _>(8)? != 0,
        roles: roles_of(conn, id).await?,
        created_at: row.try_get(9)?,
    })
}

pub(crate) async fn get(conn: &mut AnyConnection, id: UserId) -> Result<Option<UserRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM user_account WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(from_row(conn, &row).await?)),
        None => Ok(None),
    }
}

pub(crate) async fn get_by_username(
    conn: &mut AnyConnection,
    username: &str,
) -> Result<Option<UserRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM user_account WHERE username = $1"))
        .bind(username.trim().to_ascii_lowercase())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(from_row(conn, &row).await?)),
        None => Ok(None),
    }
}

impl Store {
    pub async fn get_user(&self, id: UserId) -> Result<Option<UserRow>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    pub async fn get_user_by_username(&self, username: &str) -> Result<Option<UserRow>, StoreError> {
        get_by_username(&mut *self.conn().await?, username).await
    }

    /// Users, optionally of one organisation, by username.
    pub async fn list_users(&self, org: Option<OrgId>) -> Result<Vec<UserRow>, StoreError> {
        let mut conn = self.conn().await?;
        let rows = match org {
            Some(org) => {
                sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM user_account WHERE org_id = $1 ORDER BY username"
                ))
                .bind(org.0)
                .fetch_all(&mut *conn)
                .await?
            }
            None => {
                sqlx::query(&format!("SELECT {COLUMNS} FROM user_account ORDER BY username"))
                    .fetch_all(&mut *conn)
                    .await?
            }
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(from_row(&mut conn, row).await?);
        }
        Ok(out)
    }

    pub async fn count_users(&self) -> Result<i64, StoreError> {
        let row =
            sqlx::query("SELECT COUNT(*) FROM user_account").fetch_one(&mut *self.conn().await?).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn unused_recovery_codes(&self, user: UserId) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM recovery_code WHERE user_id = $1 AND used_at IS NULL")
            .bind(user.0)
            .fetch_one(&mut *self.conn().await?)
            .await?;
        Ok(row.try_get(0)?)
    }
}

impl WriteTx {
    pub async fn get_user(&mut self, id: UserId) -> Result<Option<UserRow>, StoreError> {
        get(self.conn(), id).await
    }

    pub async fn get_user_by_username(&mut self, username: &str) -> Result<Option<UserRow>, StoreError> {
        get_by_username(self.conn(), username).await
    }

    pub async fn insert_user(&mut self, user: &NewUser) -> Result<UserId, StoreError> {
        let row = sqlx::query(
            "INSERT INTO user_account (org_id, username, display_name, email, password_hash, disabled, \
             locale, totp_enabled, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6, 0, $7) RETURNING id",
        )
        .bind(user.org_id.0)
        .bind(user.username.as_str())
        .bind(&user.display_name)
        .bind(&user.email)
        .bind(&user.password_hash)
        .bind(user.locale.tag())
        .bind(now_ms())
        .fetch_one(self.conn())
        .await
        .map_err(conflict_or("a user with this username"))?;
        let id = UserId(row.try_get(0)?);
        self.set_user_roles(id, &user.roles).await?;
        Ok(id)
    }

    pub async fn set_user_roles(&mut self, id: UserId, roles: &RoleSet) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM user_role WHERE user_id = $1").bind(id.0).execute(self.conn()).await?;
        for role in roles.iter() {
            sqlx::query("INSERT INTO user_role (user_id, role) VALUES ($1, $2)")
                .bind(id.0)
                .bind(role.as_str())
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    pub async fn set_user_disabled(&mut self, id: UserId, disabled: bool) -> Result<(), StoreError> {
        let q = sqlx::query("UPDATE user_account SET disabled = $1 WHERE id = $2").bind(disabled as i64);
        one_row(q.bind(id.0).execute(self.conn()).await?)
    }

    pub async fn set_password_hash(&mut self, id: UserId, hash: &str) -> Result<(), StoreError> {
        let q = sqlx::query("UPDATE user_account SET password_hash = $1 WHERE id = $2").bind(hash);
        one_row(q.bind(id.0).execute(self.conn()).await?)
    }

    pub async fn set_locale(&mut self, id: UserId, locale: Locale) -> Result<(), StoreError> {
        let q = sqlx::query("UPDATE user_account SET locale = $1 WHERE id = $2").bind(locale.tag());
        one_row(q.bind(id.0).execute(self.conn()).await?)
    }

    pub async fn set_profile(
        &mut self,
        id: UserId,
        display_name: &str,
        email: &str,
    ) -> Result<(), StoreError> {
        let q = sqlx::query("UPDATE user_account SET display_name = $1, email = $2 WHERE id = $3")
            .bind(display_name)
            .bind(email);
        one_row(q.bind(id.0).execute(self.conn()).await?)
    }

    pub async fn set_totp_enabled(&mut self, id: UserId, enabled: bool) -> Result<(), StoreError> {
        let q = sqlx::query("UPDATE user_account SET totp_enabled = $1 WHERE id = $2").bind(enabled as i64);
        one_row(q.bind(id.0).execute(self.conn()).await?)
    }

    /// Replaces a user's recovery codes with new (hashed) ones.
    pub async fn replace_recovery_codes(&mut self, id: UserId, hashes: &[String]) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM recovery_code WHERE user_id = $1").bind(id.0).execute(self.conn()).await?;
        for h in hashes {
            sqlx::query("INSERT INTO recovery_code (user_id, code_hash) VALUES ($1, $2)")
                .bind(id.0)
                .bind(h)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Marks an unused recovery code as used; false when there is no such unused code.
    pub async fn use_recovery_code(&mut self, id: UserId, hash: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE recovery_code SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now_ms())
        .bind(id.0)
        .bind(hash)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}

fn one_row(done: sqlx::any::AnyQueryResult) -> Result<(), StoreError> {
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("user"));
    }
    Ok(())
}

impl WriteTx {
    /// Records that the TOTP code of `step` was used, if it is later than the last one used.
    /// Returns false when `step` is not later: the code was already used (a replay).
    pub async fn claim_totp_step(&mut self, id: UserId, step: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE user_account SET totp_last_step = $1 WHERE id = $2 \
             AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(id.0)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}

//! Backups of the SQLite file. (PostgreSQL deployments use pg_dump and pg_restore; see the
//! README.)

use std::path::Path;

use sqlx::any::AnyConnectOptions;
use sqlx::{ConnectOptions, Connection, Row};

use crate::{Backend, Store, StoreError};

/// Writes a consistent copy of the live database to `dest` with `VACUUM INTO`: readers and writers
/// may go on meanwhile; the copy is one transaction's snapshot.
pub async fn backup_sqlite(store: &Store, dest: &Path) -> Result<(), StoreError> {
    if store.backend() != Backend::Sqlite {
        return Err(StoreError::Backup(
            "this database is PostgreSQL: back it up with pg_dump (see the README, \"Backups\")".into(),
        ));
    }
    if dest.exists() {
        return Err(StoreError::Backup(format!("{} already exists; choose a new file", dest.display())));
    }
    let dest_str =
        dest.to_str().ok_or_else(|| StoreError::Backup("the backup path is not valid UTF-8".into()))?;
    sqlx::query("VACUUM INTO $1").bind(dest_str).execute(&store.pool).await?;
    Ok(())
}

/// Replaces the SQLite database at `db_path` with the backup at `src`, after checking that the
/// backup is a sound Praxis database. Refuses while another process (a running server) holds the
/// database.
pub async fn restore_sqlite(src: &Path, db_path: &Path) -> Result<(), StoreError> {
    sqlx::any::install_default_drivers();
    if !src.exists() {
        return Err(StoreError::Backup(format!("{} does not exist", src.display())));
    }
    // Check the backup: an SQLite file, intact, with Praxis's tables.
    let src_url = format!("sqlite://{}?mode=ro", src.display());
    let mut conn =
        AnyConnectOptions::from_url(&src_url.parse().map_err(|_| StoreError::Backup("bad path".into()))?)
            .map_err(|e| StoreError::Backup(format!("{}: {e}", src.display())))?
            .connect()
            .await
            .map_err(|e| {
                StoreError::Backup(format!("{} is not a readable SQLite database: {e}", src.display()))
            })?;
    let check: String =
        sqlx::query("PRAGMA integrity_check").fetch_one(&mut conn).await.and_then(|r| r.try_get(0)).map_err(
            |e| StoreError::Backup(format!("{} is not a readable SQLite database: {e}", src.display())),
        )?;
    if check != "ok" {
        return Err(StoreError::Backup(format!("{} is damaged: {check}", src.display())));
    }
    let has_audit = sqlx::query("SELECT COUNT(*) FROM audit_head").fetch_one(&mut conn).await.is_ok();
    conn.close().await.ok();
    if !has_audit {
        return Err(StoreError::Backup(format!("{} is not a Praxis database", src.display())));
    }
    // Refuse while the live database is in use: take an exclusive lock for the swap.
    if db_path.exists() {
        let url = format!("sqlite://{}", db_path.display());
        let mut live =
            AnyConnectOptions::from_url(&url.parse().map_err(|_| StoreError::Backup("bad path".into()))?)
                .map_err(|e| StoreError::Backup(e.to_string()))?
                .connect()
                .await
                .map_err(|e| StoreError::Backup(format!("cannot open {}: {e}", db_path.display())))?;
        sqlx::query("PRAGMA busy_timeout = 0").execute(&mut live).await?;
        let locked = sqlx::query("BEGIN EXCLUSIVE").execute(&mut live).await;
        if locked.is_err() {
            return Err(StoreError::Backup(format!(
                "{} is in use (is `praxis serve` running?); stop it before restoring",
                db_path.display()
            )));
        }
        sqlx::query("ROLLBACK").execute(&mut live).await.ok();
        live.close().await.ok();
    }
    // Copy beside the target, flush, then rename over it: the swap is atomic.
    let tmp = db_path.with_extension("db.restoring");
    std::fs::copy(src, &tmp).map_err(|e| StoreError::Backup(format!("copy failed: {e}")))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::Backup(format!("flush failed: {e}")))?;
    for suffix in ["-wal", "-shm"] {
        let side = std::path::PathBuf::from(format!("{}{suffix}", db_path.display()));
        if side.exists() {
            std::fs::remove_file(&side)
                .map_err(|e| StoreError::Backup(format!("cannot remove {}: {e}", side.display())))?;
        }
    }
    std::fs::rename(&tmp, db_path)
        .map_err(|e| StoreError::Backup(format!("cannot replace the database: {e}")))?;
    Ok(())
}

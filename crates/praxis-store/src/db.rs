//! Opening the database, choosing the backend, running migrations, write transactions.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Executor, Transaction};

use crate::audit::{self, AuditEvent, Head};
use crate::protected::KeyRing;
use crate::StoreError;

/// Milliseconds since the Unix epoch, UTC: the one time representation in the database.
pub fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the data lives: a PostgreSQL URL, or a SQLite file (the default, `praxis.db` under
/// the data directory).
#[derive(Clone)]
pub enum DbConfig {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

impl std::fmt::Debug for DbConfig {
    // The URL may carry a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbConfig::Sqlite { path } => write!(f, "Sqlite({})", path.display()),
            DbConfig::Postgres { .. } => write!(f, "Postgres(<url redacted>)"),
        }
    }
}

impl DbConfig {
    pub fn backend(&self) -> Backend {
        match self {
            DbConfig::Sqlite { .. } => Backend::Sqlite,
            DbConfig::Postgres { .. } => Backend::Postgres,
        }
    }

    /// A description safe to print (no password).
    pub fn describe(&self) -> String {
        match self {
            DbConfig::Sqlite { path } => format!("SQLite file {}", path.display()),
            DbConfig::Postgres { url } => {
                let without_credentials = match url.split_once('@') {
                    Some((_, rest)) => format!("postgres://…@{rest}"),
                    None => url.clone(),
                };
                format!("PostgreSQL {without_credentials}")
            }
        }
    }
}

/// The store: a connection pool and the protected-field key ring.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    pub(crate) keys: KeyRing,
    config: DbConfig,
}

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates. Errors name the location and the
    /// cause; nothing here panics on bad configuration.
    #[tracing::instrument(skip_all, fields(db = %config.describe()))]
    pub async fn open(config: DbConfig, keys: KeyRing) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let location = config.describe();
        let (url, max_conns) = match &config {
            DbConfig::Sqlite { path } => {
                if let Some(dir) = path.parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                            location: location.clone(),
                            source: sqlx::Error::Io(e),
                        })?;
                    }
                }
                (format!("sqlite://{}?mode=rwc", path.display()), 8)
            }
            DbConfig::Postgres { url } => (url.clone(), 10),
        };
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|source| StoreError::Open { location: location.clone(), source })?;
        let backend = config.backend();
        let pool = AnyPoolOptions::new()
            .max_connections(max_conns)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL for concurrent readers; FULL so a committed write survives power loss.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open { location: location.clone(), source })?;
        let store = Store { pool, backend, keys, config };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn config(&self) -> &DbConfig {
        &self.config
    }

    pub fn keys(&self) -> &KeyRing {
        &self.keys
    }

    /// Answers whether the database is reachable (for `/healthz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Begins a write transaction. It locks the audit chain's head first: in PostgreSQL by a row
    /// lock, in SQLite by taking the write lock with its first statement.
    pub async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1").execute(&mut *tx).await?;
        let head = audit::read_head(&mut tx).await?;
        Ok(WriteTx { tx, head, keys: self.keys.clone() })
    }

    /// A pooled connection for reads.
    pub(crate) async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, StoreError> {
        Ok(self.pool.acquire().await?)
    }

    /// Raw access for tests that tamper with the database on purpose.
    #[doc(hidden)]
    pub fn raw_pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// A write transaction that carries the audit chain forward. Dropping it without `commit` rolls
/// everything back, audit entries included.
pub struct WriteTx {
    pub(crate) tx: Transaction<'static, sqlx::Any>,
    head: Head,
    pub(crate) keys: KeyRing,
}

impl WriteTx {
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// Appends an audit entry in this transaction.
    pub async fn audit(&mut self, event: AuditEvent) -> Result<(), StoreError> {
        self.head = audit::append(&mut self.tx, &self.head, event).await?;
        Ok(())
    }

    pub async fn commit(mut self) -> Result<(), StoreError> {
        audit::write_head(&mut self.tx, &self.head).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

//! Fresh databases for tests: a SQLite file in a temporary directory, or a new PostgreSQL
//! database on the throw-away server that `scripts/test` starts (its address is in
//! `PRAXIS_TEST_PG_URL`). Each is removed when the [`TestDb`] is dropped, even after a failure.

use std::path::PathBuf;

use praxis_store::{Backend, DbConfig};
use sqlx::{Connection, Executor};

pub const PG_ENV: &str = "PRAXIS_TEST_PG_URL";

/// The PostgreSQL server for tests. Tests that need it fail with this message rather than skip:
/// a skipped backend is an untested backend.
pub fn pg_admin_url() -> String {
    std::env::var(PG_ENV).unwrap_or_else(|_| {
        panic!("{PG_ENV} is not set: run the tests with ./scripts/test, which starts a throw-away PostgreSQL server")
    })
}

fn with_database(url: &str, db: &str) -> String {
    // postgres://user:pw@host:port/postgres → …/db
    match url.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{db}"),
        None => format!("{url}/{db}"),
    }
}

pub struct TestDb {
    pub config: DbConfig,
    pub dir: tempfile::TempDir,
    pg_database: Option<String>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => TestDb::sqlite(),
            Backend::Postgres => TestDb::postgres().await,
        }
    }

    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let config = DbConfig::Sqlite { path: dir.path().join("praxis.db") };
        TestDb { config, dir, pg_database: None }
    }

    pub async fn postgres() -> TestDb {
        sqlx::any::install_default_drivers();
        let admin = pg_admin_url();
        let name = format!("praxis_test_{:016x}", rand::random::<u64>());
        let mut conn =
            sqlx::AnyConnection::connect(&admin).await.expect("connect to the test PostgreSQL server");
        conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
        conn.close().await.ok();
        let dir = tempfile::tempdir().expect("temporary directory");
        TestDb {
            config: DbConfig::Postgres { url: with_database(&admin, &name) },
            dir,
            pg_database: Some(name),
        }
    }

    pub fn sqlite_path(&self) -> Option<PathBuf> {
        match &self.config {
            DbConfig::Sqlite { path } => Some(path.clone()),
            DbConfig::Postgres { .. } => None,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_database.take() else {
            return;
        };
        // Dropping needs async I/O; do it on a thread of its own so it works inside or outside
        // a runtime, and after a panic.
        let admin = pg_admin_url();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin).await {
                    let _ =
                        conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// Defines one test per backend from an async function taking a [`Backend`]:
/// `both_backends!(name);` makes `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(praxis_store::Backend::Sqlite).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(praxis_store::Backend::Postgres).await;
                }
            }
        )*
    };
}

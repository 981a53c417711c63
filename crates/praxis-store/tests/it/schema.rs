//! The two migration sets describe the same schema.

use std::collections::BTreeMap;

use praxis_store::Backend;
use sqlx::Row;

use crate::fresh;

type Schema = BTreeMap<String, Vec<(String, bool)>>;

/// Tables → (column, nullable), sorted, without sqlx's own bookkeeping.
async fn describe(backend: Backend) -> Schema {
    let (_db, store) = fresh(backend).await;
    let pool = store.raw_pool();
    let mut schema = Schema::new();
    match backend {
        Backend::Sqlite => {
            let tables = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'")
                .fetch_all(pool)
                .await
                .unwrap();
            for t in tables {
                let table: String = t.get(0);
                let cols =
                    sqlx::query(&format!("SELECT name, \"notnull\", pk FROM pragma_table_info('{table}')"))
                        .fetch_all(pool)
                        .await
                        .unwrap();
                let mut v: Vec<(String, bool)> = cols
                    .iter()
                    .map(|c| {
                        let notnull: i64 = c.get(1);
                        let pk: i64 = c.get(2);
                        (c.get::<String, _>(0), notnull == 0 && pk == 0)
                    })
                    .collect();
                v.sort();
                schema.insert(table, v);
            }
        }
        Backend::Postgres => {
            let cols = sqlx::query(
                "SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for c in cols {
                let nullable: String = c.get(2);
                schema.entry(c.get(0)).or_default().push((c.get(1), nullable == "YES"));
            }
            for v in schema.values_mut() {
                v.sort();
            }
        }
    }
    schema
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_schemas_match() {
    let sqlite = describe(Backend::Sqlite).await;
    let postgres = describe(Backend::Postgres).await;
    assert!(sqlite.len() >= 12, "expected the foundation tables, got {:?}", sqlite.keys());
    assert_eq!(sqlite, postgres, "migrations/sqlite and migrations/postgres have drifted apart");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_migration_sets_have_the_same_files() {
    let list = |dir: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        v.sort();
        v
    };
    assert_eq!(list("sqlite"), list("postgres"));
}

//! Protected fields: encrypted at rest, bound to their record, audited when read, rotatable, and
//! never found in clear in the database file, its WAL, a backup or the logs.

use std::io::Write;
use std::sync::{Arc, Mutex};

use praxis_store::{AuditEvent, Backend, KeyRing, Store, StoreError};
use praxis_testkit::{both_backends, TestDb};
use sqlx::Row;

use crate::fresh;

const NAME: &str = "Zarmina Qasimova-Rahimzai";

async fn put(store: &Store, record_id: i64, value: &str) {
    let mut tx = store.begin_write().await.unwrap();
    tx.put_protected("victim", record_id, "name", "PK", value).await.unwrap();
    tx.audit(AuditEvent::new("protected.write", "victim", record_id)).await.unwrap();
    tx.commit().await.unwrap();
}

async fn read(store: &Store, record_id: i64) -> Result<Option<String>, StoreError> {
    let mut tx = store.begin_write().await.unwrap();
    let v = tx
        .read_protected("victim", record_id, "name", AuditEvent::new("protected.read", "victim", record_id))
        .await?;
    tx.commit().await.unwrap();
    Ok(v.map(|z| z.to_string()))
}

async fn values_round_trip_and_reads_are_audited(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    put(&store, 1, NAME).await;
    let before = store.verify_audit().await.unwrap().entries;
    assert_eq!(read(&store, 1).await.unwrap().as_deref(), Some(NAME));
    assert_eq!(read(&store, 2).await.unwrap(), None);
    let after = store.verify_audit().await.unwrap();
    assert_eq!(after.entries, before + 1, "exactly the successful read is audited");
    let last = &store.list_audit(None, 1, None).await.unwrap()[0];
    assert_eq!(last.action, "protected.read");
    assert!(!last.detail.contains("Zarmina"));
}

async fn a_value_moved_to_another_record_does_not_decrypt(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    put(&store, 1, NAME).await;
    put(&store, 2, "Someone Else").await;
    // Copy record 1's ciphertext onto record 2.
    let pool = store.raw_pool();
    let row = sqlx::query("SELECT key_id, nonce, ciphertext FROM protected_value WHERE record_id = 1")
        .fetch_one(pool)
        .await
        .unwrap();
    let (k, n, c): (String, Vec<u8>, Vec<u8>) = (row.get(0), row.get(1), row.get(2));
    sqlx::query("UPDATE protected_value SET key_id = $1, nonce = $2, ciphertext = $3 WHERE record_id = 2")
        .bind(k)
        .bind(n)
        .bind(c)
        .execute(pool)
        .await
        .unwrap();
    assert!(matches!(read(&store, 2).await, Err(StoreError::Decrypt(_))));
}

async fn rotation_re_encrypts_under_the_new_key(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    put(&store, 1, NAME).await;
    put(&store, 2, "Second Person").await;
    let old_key = store.keys().key_ids()["PK"][0].clone();
    let (new_key, n) =
        store.rotate_key("PK", AuditEvent::new("keys.rotate", "jurisdiction", "PK")).await.unwrap();
    assert_eq!(n, 2);
    assert_ne!(new_key, old_key);
    let usage = store.protected_key_usage().await.unwrap();
    assert_eq!(usage.get(&new_key), Some(&2));
    assert_eq!(usage.get(&old_key), None);
    assert_eq!(read(&store, 1).await.unwrap().as_deref(), Some(NAME));
    assert!(store.verify_audit().await.unwrap().first_break.is_none());
}

async fn the_plaintext_is_nowhere_in_the_database(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    put(&store, 1, NAME).await;
    // Every text and binary column of every table, as the database returns it.
    let pool = store.raw_pool();
    for table in ["protected_value", "audit_log", "audit_head", "organisation", "user_account", "setting"] {
        let rows = match backend {
            Backend::Sqlite => {
                sqlx::query(&format!("SELECT quote(t.*) FROM (SELECT * FROM {table}) t"))
                    .fetch_all(pool)
                    .await
            }
            Backend::Postgres => sqlx::query(&format!("SELECT t::text FROM {table} t")).fetch_all(pool).await,
        };
        // SQLite's quote() takes one value; fall back to a per-row JSON dump there.
        let rows = match rows {
            Ok(r) => r,
            Err(_) => sqlx::query(&format!("SELECT * FROM {table}")).fetch_all(pool).await.unwrap(),
        };
        for row in rows {
            for i in 0..row.len() {
                let text: Option<String> = row.try_get::<Option<String>, _>(i).ok().flatten();
                let bytes: Option<Vec<u8>> = row.try_get::<Option<Vec<u8>>, _>(i).ok().flatten();
                let hay = text.map(String::into_bytes).or(bytes).unwrap_or_default();
                assert!(!contains(&hay, NAME.as_bytes()), "plaintext found in {table}");
            }
        }
    }
}

both_backends!(
    values_round_trip_and_reads_are_audited,
    a_value_moved_to_another_record_does_not_decrypt,
    rotation_re_encrypts_under_the_new_key,
    the_plaintext_is_nowhere_in_the_database,
);

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Collects everything logged while the test runs.
#[derive(Clone, Default)]
struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_plaintext_in_the_sqlite_file_its_wal_a_backup_or_the_logs() {
    let sink = LogSink::default();
    let writer = sink.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    // Global: the store works on other threads (runtime workers, SQLite's own). Each test runs in
    // a process of its own under nextest, and no other test here installs a subscriber.
    tracing::subscriber::set_global_default(subscriber).expect("one subscriber");

    let db = TestDb::sqlite();
    let keys_path = db.dir.path().join("keys").join("protected.keys");
    let store = Store::open(db.config.clone(), KeyRing::from_file(&keys_path).unwrap()).await.unwrap();
    put(&store, 1, NAME).await;
    assert_eq!(read(&store, 1).await.unwrap().as_deref(), Some(NAME));
    let backup = db.dir.path().join("backup.db");
    praxis_store::backup_sqlite(&store, &backup).await.unwrap();

    let db_path = db.sqlite_path().unwrap();
    let wal = db_path.with_file_name("praxis.db-wal");
    assert!(wal.exists(), "the WAL should exist while the store is open");
    let mut checked = 0;
    for file in [&db_path, &wal, &backup] {
        let bytes = std::fs::read(file).unwrap();
        assert!(!bytes.is_empty());
        assert!(!contains(&bytes, NAME.as_bytes()), "plaintext found in {}", file.display());
        assert!(!contains(&bytes, b"Qasimova"), "part of the name found in {}", file.display());
        checked += 1;
    }
    store.close().await;
    // After closing (checkpoint), the main file still has no plaintext.
    assert!(!contains(&std::fs::read(&db_path).unwrap(), NAME.as_bytes()));
    let logs = sink.0.lock().unwrap().clone();
    assert!(!logs.is_empty(), "the store logged nothing at TRACE level; the log check would prove nothing");
    assert!(!contains(&logs, NAME.as_bytes()), "plaintext found in the logs");
    assert_eq!(checked, 3);
    // And the key file is not the database: it holds keys, not values.
    assert!(!contains(&std::fs::read(&keys_path).unwrap(), NAME.as_bytes()));
}

#[tokio::test]
async fn keys_from_the_environment_are_read_only() {
    let ring = KeyRing::from_env_value("PK PK-1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").unwrap();
    assert_eq!(ring.key_ids()["PK"], vec!["PK-1".to_string()]);
    assert!(ring.add_key("BD").is_err());
    assert!(KeyRing::from_env_value("PK PK-1 not-base64!").is_err());
    assert!(KeyRing::from_env_value("PK PK-1 AAAA").is_err(), "a short key is refused");
}

#[tokio::test]
async fn a_key_file_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k").join("keys");
    let ring = KeyRing::from_file(&path).unwrap();
    let id = ring.add_key("IQ").unwrap();
    let again = KeyRing::from_file(&path).unwrap();
    assert_eq!(again.key_ids()["IQ"], vec![id]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

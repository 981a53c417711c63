//! The audit chain: intact chains verify; edited, deleted, reordered or truncated chains are
//! caught at the first broken entry, whoever bypassed the append-only triggers.

use praxis_store::{AuditEvent, Backend, Store};
use praxis_testkit::both_backends;

use crate::{fresh, write_org};

async fn chain_of(store: &Store, n: usize) {
    for i in 0..n {
        write_org(store, &format!("Organisation {i}")).await;
    }
}

/// What an attacker with database access does first: switch off the append-only triggers.
async fn disable_triggers(store: &Store, backend: Backend) {
    let pool = store.raw_pool();
    match backend {
        Backend::Sqlite => {
            sqlx::query("DROP TRIGGER audit_log_no_update").execute(pool).await.unwrap();
            sqlx::query("DROP TRIGGER audit_log_no_delete").execute(pool).await.unwrap();
        }
        Backend::Postgres => {
            sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER USER").execute(pool).await.unwrap();
        }
    }
}

async fn exec(store: &Store, sql: &str) {
    sqlx::query(sql).execute(store.raw_pool()).await.unwrap();
}

async fn an_intact_chain_verifies(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 7).await;
    let v = store.verify_audit().await.unwrap();
    assert_eq!(v.entries, 7);
    assert!(v.first_break.is_none(), "{:?}", v.first_break);
    let newest = store.list_audit(None, 3, None).await.unwrap();
    assert_eq!(newest.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![7, 6, 5]);
    assert_eq!(newest[1].prev_hash, store.list_audit(None, 1, Some(6)).await.unwrap()[0].hash);
}

async fn the_log_refuses_updates_and_deletes(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 2).await;
    let pool = store.raw_pool();
    assert!(sqlx::query("UPDATE audit_log SET action = 'x' WHERE seq = 1").execute(pool).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log WHERE seq = 2").execute(pool).await.is_err());
    assert!(store.verify_audit().await.unwrap().first_break.is_none());
}

async fn an_edited_entry_is_named(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 6).await;
    disable_triggers(&store, backend).await;
    exec(&store, "UPDATE audit_log SET object_id = '999' WHERE seq = 4").await;
    let b = store.verify_audit().await.unwrap().first_break.expect("edit detected");
    assert_eq!(b.seq, 4);
    assert!(b.reason.contains("edited"), "{}", b.reason);
}

async fn an_edit_that_recomputes_the_hash_breaks_the_next_link(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 5).await;
    disable_triggers(&store, backend).await;
    // A careful forger rewrites the hash too; the next entry's prev_hash still points at the old one.
    exec(&store, "UPDATE audit_log SET hash = 'aa', action = 'forged' WHERE seq = 2").await;
    let b = store.verify_audit().await.unwrap().first_break.expect("detected");
    assert_eq!(b.seq, 2);
}

async fn a_deleted_entry_is_named(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 6).await;
    disable_triggers(&store, backend).await;
    exec(&store, "DELETE FROM audit_log WHERE seq = 3").await;
    let b = store.verify_audit().await.unwrap().first_break.expect("deletion detected");
    assert_eq!(b.seq, 3);
    assert!(b.reason.contains("missing"), "{}", b.reason);
}

async fn deleting_and_renumbering_is_caught(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 5).await;
    disable_triggers(&store, backend).await;
    exec(&store, "DELETE FROM audit_log WHERE seq = 2").await;
    exec(&store, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 2").await;
    let b = store.verify_audit().await.unwrap().first_break.expect("detected");
    assert_eq!(b.seq, 2);
}

async fn reordered_entries_are_caught(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 6).await;
    disable_triggers(&store, backend).await;
    // Swap entries 3 and 4 by renumbering them.
    exec(&store, "UPDATE audit_log SET seq = 1000 WHERE seq = 3").await;
    exec(&store, "UPDATE audit_log SET seq = 3 WHERE seq = 4").await;
    exec(&store, "UPDATE audit_log SET seq = 4 WHERE seq = 1000").await;
    let b = store.verify_audit().await.unwrap().first_break.expect("reorder detected");
    assert_eq!(b.seq, 3);
    assert!(b.reason.contains("reordered") || b.reason.contains("edited"), "{}", b.reason);
}

async fn a_cut_off_tail_is_caught(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    chain_of(&store, 5).await;
    disable_triggers(&store, backend).await;
    exec(&store, "DELETE FROM audit_log WHERE seq >= 4").await;
    let b = store.verify_audit().await.unwrap().first_break.expect("truncation detected");
    assert_eq!(b.seq, 4);
    assert!(b.reason.contains("cut off"), "{}", b.reason);
}

async fn concurrent_writers_never_fork_the_chain(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = store.begin_write().await.unwrap();
            tx.audit(AuditEvent::new("test.write", "thing", i)).await.unwrap();
            tx.audit(AuditEvent::new("test.write.second", "thing", i)).await.unwrap();
            tx.commit().await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let v = store.verify_audit().await.unwrap();
    assert_eq!(v.entries, 48);
    assert!(v.first_break.is_none(), "{:?}", v.first_break);
}

both_backends!(
    an_intact_chain_verifies,
    the_log_refuses_updates_and_deletes,
    an_edited_entry_is_named,
    an_edit_that_recomputes_the_hash_breaks_the_next_link,
    a_deleted_entry_is_named,
    deleting_and_renumbering_is_caught,
    reordered_entries_are_caught,
    a_cut_off_tail_is_caught,
    concurrent_writers_never_fork_the_chain,
);

//! Store conformance: every test runs on SQLite and on PostgreSQL, each on a fresh database.

mod audit;
mod engagement;
mod evidence;
mod legal_review;
mod protected;
mod records;
mod schema;

use praxis_model::{Jurisdiction, OrgKind, OrgName};
use praxis_store::{AuditEvent, Backend, KeyRing, NewOrganisation, Store};
use praxis_testkit::TestDb;

/// A fresh database and a store opened on it (with in-memory keys).
pub(crate) async fn fresh(backend: Backend) -> (TestDb, Store) {
    let db = TestDb::new(backend).await;
    let store = Store::open(db.config.clone(), KeyRing::in_memory()).await.expect("open store");
    (db, store)
}

pub(crate) fn org(name: &str, jurisdiction: &str) -> NewOrganisation {
    NewOrganisation {
        name: OrgName::parse(name).unwrap(),
        kind: OrgKind::Police,
        jurisdiction: Jurisdiction::parse(jurisdiction).unwrap(),
        platform_operator: false,
    }
}

/// Writes one organisation with its audit entry.
pub(crate) async fn write_org(store: &Store, name: &str) -> praxis_model::OrgId {
    let mut tx = store.begin_write().await.unwrap();
    let id = tx.insert_org(&org(name, "PK")).await.unwrap();
    tx.audit(AuditEvent::new("org.create", "organisation", id)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

//! Organisations, users, sessions, tokens, throttling and shares.

use praxis_model::{Locale, OrgId, Role, RoleSet, UserId, Username};
use praxis_store::{AuditEvent, Backend, KeyRing, NewUser, ShareGrantee, Store, StoreError, ThrottleState};
use praxis_testkit::{both_backends, TestDb};

use crate::{fresh, org, write_org};

fn user(org: OrgId, name: &str, roles: &[Role]) -> NewUser {
    NewUser {
        org_id: org,
        username: Username::parse(name).unwrap(),
        display_name: format!("User {name}"),
        email: String::new(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g".into(),
        roles: RoleSet::new(roles.iter().copied()),
        locale: Locale::Ar,
    }
}

async fn add_user(store: &Store, org: OrgId, name: &str, roles: &[Role]) -> UserId {
    let mut tx = store.begin_write().await.unwrap();
    let id = tx.insert_user(&user(org, name, roles)).await.unwrap();
    tx.audit(AuditEvent::new("user.create", "user", id)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn organisations_and_users_round_trip(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let org_id = write_org(&store, "FIA Anti-Human Trafficking Circle").await;
    let got = store.get_org(org_id).await.unwrap().unwrap();
    assert_eq!(got.name, "FIA Anti-Human Trafficking Circle");
    assert_eq!(got.jurisdiction.code(), "PK");
    assert!(!got.disabled);

    let uid = add_user(&store, org_id, "imran.shah", &[Role::Investigator, Role::Prosecutor]).await;
    let u = store.get_user_by_username("Imran.Shah").await.unwrap().unwrap();
    assert_eq!(u.id, uid);
    assert_eq!(u.locale, Locale::Ar);
    assert!(u.roles.contains(Role::Investigator) && u.roles.contains(Role::Prosecutor));
    assert_eq!(store.list_users(Some(org_id)).await.unwrap().len(), 1);

    let mut tx = store.begin_write().await.unwrap();
    tx.set_user_roles(uid, &RoleSet::new([Role::Viewer])).await.unwrap();
    tx.set_user_disabled(uid, true).await.unwrap();
    tx.commit().await.unwrap();
    let u = store.get_user(uid).await.unwrap().unwrap();
    assert_eq!(u.roles, RoleSet::new([Role::Viewer]));
    assert!(u.disabled);
}

async fn duplicates_are_conflicts_not_crashes(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let org_id = write_org(&store, "Bangladesh Police CID").await;
    let mut tx = store.begin_write().await.unwrap();
    assert!(matches!(tx.insert_org(&org("Bangladesh Police CID", "BD")).await, Err(StoreError::Conflict(_))));
    drop(tx);
    add_user(&store, org_id, "rafiq", &[Role::Investigator]).await;
    let mut tx = store.begin_write().await.unwrap();
    let err = tx.insert_user(&user(org_id, "RAFIQ", &[Role::Viewer])).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
}

async fn a_dropped_write_leaves_nothing(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    {
        let mut tx = store.begin_write().await.unwrap();
        tx.insert_org(&org("Never committed", "IQ")).await.unwrap();
        tx.audit(AuditEvent::new("org.create", "organisation", 1)).await.unwrap();
        // dropped without commit
    }
    assert!(store.list_orgs().await.unwrap().is_empty());
    let v = store.verify_audit().await.unwrap();
    assert_eq!(v.entries, 0);
    assert!(v.first_break.is_none());
}

async fn sessions_expire_and_end(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let org_id = write_org(&store, "Org").await;
    let uid = add_user(&store, org_id, "someone", &[Role::Viewer]).await;
    let now = praxis_store::now_ms();
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_session("live", uid, now + 60_000, false).await.unwrap();
    tx.insert_session("expired", uid, now - 1, true).await.unwrap();
    tx.insert_session("other", uid, now + 60_000, true).await.unwrap();
    tx.commit().await.unwrap();
    let s = store.get_session("live").await.unwrap().unwrap();
    assert_eq!(s.user_id, uid);
    assert!(!s.mfa_passed);
    assert!(store.get_session("expired").await.unwrap().is_none());

    let mut tx = store.begin_write().await.unwrap();
    tx.set_session_mfa_passed("live").await.unwrap();
    tx.delete_user_sessions(uid, Some("live")).await.unwrap();
    tx.commit().await.unwrap();
    assert!(store.get_session("live").await.unwrap().unwrap().mfa_passed);
    assert!(store.get_session("other").await.unwrap().is_none());
}

async fn tokens_can_be_revoked(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let org_id = write_org(&store, "Org").await;
    let uid = add_user(&store, org_id, "api.user", &[Role::Viewer]).await;
    let mut tx = store.begin_write().await.unwrap();
    let id = tx.insert_token(uid, "laptop", "hash-1", "prx_abc", None).await.unwrap();
    tx.insert_token(uid, "old", "hash-2", "prx_def", Some(praxis_store::now_ms() - 5)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.find_live_token("hash-1").await.unwrap().unwrap().id, id);
    assert!(store.find_live_token("hash-2").await.unwrap().is_none(), "expired token must not authenticate");
    let mut tx = store.begin_write().await.unwrap();
    assert!(tx.revoke_token(uid, id).await.unwrap());
    assert!(!tx.revoke_token(UserId(uid.0 + 100), id).await.unwrap());
    tx.commit().await.unwrap();
    assert!(store.find_live_token("hash-1").await.unwrap().is_none());
    assert_eq!(store.list_tokens(uid).await.unwrap().len(), 2);
}

async fn throttle_counters_persist(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let mut tx = store.begin_write().await.unwrap();
    assert_eq!(tx.throttle_get("user:x").await.unwrap(), ThrottleState::default());
    let s = ThrottleState { failures: 3, first_failure_at: 10, locked_until: 99 };
    tx.throttle_put("user:x", s).await.unwrap();
    tx.throttle_put("user:x", s).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.throttle_peek("user:x").await.unwrap(), s);
    let mut tx = store.begin_write().await.unwrap();
    tx.throttle_clear("user:x").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.throttle_peek("user:x").await.unwrap(), ThrottleState::default());
}

async fn shares_name_an_organisation_or_a_user(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let a = write_org(&store, "Owner").await;
    let b = write_org(&store, "Partner").await;
    let u = add_user(&store, a, "owner.user", &[Role::Investigator]).await;
    let mut tx = store.begin_write().await.unwrap();
    let s1 = tx.insert_share("case", 7, ShareGrantee::Org(b), "summary", u).await.unwrap();
    tx.insert_share("case", 7, ShareGrantee::User(u), "full", u).await.unwrap();
    tx.commit().await.unwrap();
    let shares = store.list_shares("case", 7).await.unwrap();
    assert_eq!(shares.len(), 2);
    assert_eq!(shares[0].grantee, ShareGrantee::Org(b));
    assert_eq!(shares[1].scope, "full");
    let mut tx = store.begin_write().await.unwrap();
    assert!(tx.delete_share(s1).await.unwrap());
    tx.commit().await.unwrap();
    assert_eq!(store.list_shares("case", 7).await.unwrap().len(), 1);
}

async fn reopening_runs_no_migration_twice(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = Store::open(db.config.clone(), KeyRing::in_memory()).await.unwrap();
    write_org(&store, "Persisted").await;
    store.close().await;
    let store = Store::open(db.config.clone(), KeyRing::in_memory()).await.unwrap();
    assert_eq!(store.list_orgs().await.unwrap().len(), 1);
    assert!(store.ping().await);
}

both_backends!(
    organisations_and_users_round_trip,
    duplicates_are_conflicts_not_crashes,
    a_dropped_write_leaves_nothing,
    sessions_expire_and_end,
    tokens_can_be_revoked,
    throttle_counters_persist,
    shares_name_an_organisation_or_a_user,
    reopening_runs_no_migration_twice,
);

#[tokio::test]
async fn a_file_that_is_not_a_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("praxis.db");
    std::fs::write(&path, b"this is not an SQLite database, just some text that is long enough to matter")
        .unwrap();
    let err = Store::open(praxis_store::DbConfig::Sqlite { path }, KeyRing::in_memory())
        .await
        .err()
        .expect("must fail");
    let msg = err.to_string();
    assert!(msg.contains("praxis.db") || msg.contains("schema"), "unhelpful error: {msg}");
}

#[tokio::test]
async fn an_unreachable_postgres_is_a_clear_error() {
    let config = praxis_store::DbConfig::Postgres { url: "postgres://nobody:secret@127.0.0.1:1/none".into() };
    let err = Store::open(config, KeyRing::in_memory()).await.err().expect("must fail");
    let msg = err.to_string();
    assert!(msg.contains("could not be opened"), "{msg}");
    assert!(!msg.contains("secret"), "the password leaked into the message: {msg}");
}

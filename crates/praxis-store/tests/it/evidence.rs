//! Evidence files and the chain of custody cannot be altered through the database: triggers
//! refuse updates and deletes on both backends.

use praxis_store::{AuditEvent, Backend, NewCase, NewEvidence};
use praxis_testkit::both_backends;

use crate::{fresh, write_org};

async fn evidence_files_and_custody_are_never_altered(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let org = write_org(&store, "FIA Lahore").await;
    let mut tx = store.begin_write().await.unwrap();
    let case = tx
        .insert_case(&NewCase {
            owner_org: org,
            reference: "R-1".into(),
            title: "A case".into(),
            crime_type: "tip".into(),
            stage: "investigation".into(),
            summary: String::new(),
            created_by: None,
            jurisdictions: vec!["PK".into()],
        })
        .await
        .unwrap();
    let item = tx
        .insert_evidence(
            case,
            &NewEvidence {
                kind: "financial".into(),
                description: "Bank statement".into(),
                source: "HBL".into(),
                obtained_on: "2026-03-01".into(),
                legal_basis: String::new(),
                admissibility: "not_assessed".into(),
                inquiry_id: None,
                subjects: vec![],
                offences: vec![],
            },
            None,
        )
        .await
        .unwrap();
    tx.insert_evidence_file(item, "statement.pdf", "abc", b"%PDF-1.7", None).await.unwrap();
    tx.insert_custody(item, "obtained", "HBL", "FIA", "", None).await.unwrap();
    tx.audit(AuditEvent::new("case.evidence.add", "case", case)).await.unwrap();
    tx.commit().await.unwrap();

    let pool = store.raw_pool();
    for sql in [
        "UPDATE evidence_file SET file_name = 'other.pdf'",
        "DELETE FROM evidence_file",
        "UPDATE custody_event SET to_party = 'someone else'",
        "DELETE FROM custody_event",
    ] {
        let refused = sqlx::query(sql).execute(pool).await;
        assert!(refused.is_err(), "{sql} must be refused");
    }
    let files = store.evidence_files(item).await.unwrap();
    assert_eq!(files[0].file_name, "statement.pdf");
    assert_eq!(store.custody_events(item).await.unwrap().len(), 1);
}

both_backends!(evidence_files_and_custody_are_never_altered);

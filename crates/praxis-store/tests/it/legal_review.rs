//! Legislative reviews in the store: one per country and catalogue version, answers append-only.

use praxis_store::{AuditEvent, Backend, NewLegalAnswer, NewLegalReview, StoreError};
use praxis_testkit::both_backends;

use crate::{fresh, write_org};

fn answer(provision: &str, value: &str, on: &str) -> NewLegalAnswer {
    NewLegalAnswer {
        provision: provision.into(),
        answer: value.into(),
        citation: "Act 2018, s. 3".into(),
        link: String::new(),
        gap_note: String::new(),
        recommendation: String::new(),
        stakeholders: "Ministry of Interior\nFIA".into(),
        assessed_on: on.into(),
        answered_by: None,
    }
}

async fn answers_are_kept_in_order_and_never_altered(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let org = write_org(&store, "UN Country Office").await;
    let review = NewLegalReview {
        country: "PK".into(),
        checklist_version: 1,
        title: "Review of Pakistan".into(),
        status: "in_progress".into(),
        owner_org: org,
        created_by: None,
    };
    let mut tx = store.begin_write().await.unwrap();
    let id = tx.insert_legal_review(&review).await.unwrap();
    tx.insert_legal_answer(id, &answer("TIP-06", "unknown", "2026-01-10")).await.unwrap();
    tx.insert_legal_answer(id, &answer("TIP-06", "compliant", "2026-03-01")).await.unwrap();
    tx.set_legal_review_status(id, "validated").await.unwrap();
    tx.audit(AuditEvent::new("legal_review.create", "legal_review", id)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin_write().await.unwrap();
    assert!(
        matches!(tx.insert_legal_review(&review).await, Err(StoreError::Conflict(_))),
        "one review per country and catalogue version"
    );
    drop(tx);

    let row = store.get_legal_review(id).await.unwrap().unwrap();
    assert_eq!((row.country.as_str(), row.checklist_version, row.status.as_str()), ("PK", 1, "validated"));
    let answers = store.legal_review_answers(id).await.unwrap();
    let values: Vec<&str> = answers.iter().map(|a| a.answer.as_str()).collect();
    assert_eq!(values, ["unknown", "compliant"]);
    assert_eq!(answers[1].stakeholders, "Ministry of Interior\nFIA");

    let pool = store.raw_pool();
    for sql in ["UPDATE legal_review_answer SET answer = 'not_compliant'", "DELETE FROM legal_review_answer"]
    {
        let refused = sqlx::query(sql).execute(pool).await;
        assert!(refused.is_err(), "{sql} must be refused");
    }
    assert_eq!(store.legal_review_answers(id).await.unwrap().len(), 2);
}

both_backends!(answers_are_kept_in_order_and_never_altered);

//! The legislative review through the application layer: answers with history, scores with
//! guidance apart, who sees and writes what, the fields named in refusals, and the matrix.

use praxis_app::legal_review::{AnswerInput, MatrixQuery, NewReviewInput, StatusInput};
use praxis_app::{App, AppError, Caller, NewOrgInput};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::user;

async fn org(app: &App, name: &str, kind: &str, jurisdiction: &str) -> i64 {
    let input = NewOrgInput {
        name: name.into(),
        kind: kind.into(),
        jurisdiction: jurisdiction.into(),
        platform_operator: false,
    };
    app.create_org(&Caller::Cli, &input).await.unwrap().0
}

struct People {
    officer: Caller,
    focal_pk: Caller,
    focal_bd: Caller,
    investigator_pk: Caller,
}

async fn people(app: &App) -> People {
    let un = org(app, "UN Country Office Pakistan", "international", "PK").await;
    let ministry = org(app, "Ministry of Interior", "ministry", "PK").await;
    let committee = org(app, "Counter-Trafficking Committee", "national_committee", "BD").await;
    let fia = org(app, "FIA Lahore", "police", "PK-PB").await;
    People {
        officer: user(app, un, "officer", "programme_officer").await,
        focal_pk: user(app, ministry, "focal.pk", "focal_point").await,
        focal_bd: user(app, committee, "focal.bd", "focal_point").await,
        investigator_pk: user(app, fia, "inv.pk", "investigator").await,
    }
}

fn review(country: &str) -> NewReviewInput {
    NewReviewInput {
        country: country.into(),
        title: format!("Review of {country}"),
        status: None,
        checklist_version: None,
    }
}

fn answer(provision: &str, answer: &str, citation: &str, on: &str) -> AnswerInput {
    AnswerInput {
        provision: provision.into(),
        answer: answer.into(),
        citation: citation.into(),
        assessed_on: Some(on.into()),
        ..Default::default()
    }
}

fn gap(provision: &str, value: &str, on: &str) -> AnswerInput {
    AnswerInput {
        gap_note: "The law says nothing.".into(),
        recommendation: "Amend the law.".into(),
        ..answer(provision, value, "", on)
    }
}

fn field_of(r: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(AppError::Invalid(v)) => v.field,
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

async fn a_review_keeps_every_answer_and_scores_guidance_apart(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let id = app.create_legal_review(&p.officer, &review("PK")).await.unwrap();
    assert!(
        matches!(app.create_legal_review(&p.officer, &review("PK")).await, Err(AppError::Conflict(_))),
        "one review per country and checklist version"
    );
    app.record_legal_answer(&p.focal_pk, id, &answer("TIP-06", "unknown", "", "2026-01-10")).await.unwrap();
    let mut compliant =
        answer("TIP-06", "compliant", "Prevention of Trafficking in Persons Act 2018, s. 3", "2026-03-01");
    compliant.link = "https://pakistancode.gov.pk/".into();
    compliant.stakeholders = "Ministry of Interior; FIA".into();
    app.record_legal_answer(&p.focal_pk, id, &compliant).await.unwrap();
    // Non-punishment of victims is guidance, not a treaty obligation.
    app.record_legal_answer(&p.officer, id, &gap("TIP-14", "not_compliant", "2026-03-01")).await.unwrap();

    let view = app.legal_review(&p.focal_pk, id).await.unwrap();
    assert!(view.permissions.write);
    assert_eq!(view.review.answered, 2);
    let section = view.sections.iter().find(|s| s.section == "tip_criminalisation").unwrap();
    let tip06 = section.obligations.iter().find(|p| p.id == "TIP-06").expect("an obligation");
    assert_eq!(tip06.current.as_ref().unwrap().answer, "compliant");
    assert_eq!(tip06.current.as_ref().unwrap().stakeholders, vec!["Ministry of Interior", "FIA"]);
    assert_eq!(tip06.answers, 2);
    assert!(section.guidance.iter().any(|p| p.id == "TIP-14" && p.kind == "guidance"));
    assert!(!section.obligations.iter().any(|p| p.id == "TIP-14"));
    assert_eq!(view.score.obligations.compliant, 1);
    assert_eq!(view.score.obligations.not_compliant, 0, "guidance is never scored as an obligation");
    assert_eq!(view.score.guidance.not_compliant, 1);
    assert_eq!(view.score.obligations.score, Some(1.0));

    let history = app.legal_provision_history(&p.focal_pk, id, "TIP-06").await.unwrap();
    let answers: Vec<&str> = history.answers.iter().map(|a| a.answer.as_str()).collect();
    assert_eq!(answers, ["unknown", "compliant"], "the history is kept, oldest first");
    assert_eq!(history.answers[1].answered_by.as_deref(), Some("focal.pk"));

    let (name, csv) = app.legal_review_csv(&p.officer, id).await.unwrap();
    assert_eq!(name, "legal-review-PK-v1.csv");
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("country,catalogue_version,provision,answer"));
    assert_eq!(csv.lines().count(), 4, "header and three answers: {csv}");

    app.set_legal_review_status(&p.officer, id, &StatusInput { status: "under_validation".into() })
        .await
        .unwrap();
    assert_eq!(app.legal_review(&p.officer, id).await.unwrap().review.status, "under_validation");

    let audit = app.list_audit(&Caller::Cli, None, 50).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "legal_review.answer").count(), 3);
    assert!(actions.contains(&"legal_review.create") && actions.contains(&"legal_review.status"));
}

async fn only_programme_staff_of_the_country_read_and_write(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let pk = app.create_legal_review(&p.officer, &review("PK")).await.unwrap();
    let bd = app.create_legal_review(&p.officer, &review("BD")).await.unwrap();
    let a = answer("TIP-01", "compliant", "Act 2018, s. 3", "2026-02-01");

    // Focal points: their own country only; they answer but do not start reviews.
    let listed: Vec<i64> = app.legal_reviews(&p.focal_bd).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(listed, vec![bd]);
    assert!(matches!(app.legal_review(&p.focal_bd, pk).await, Err(AppError::Denied(_))));
    assert!(matches!(app.record_legal_answer(&p.focal_bd, pk, &a).await, Err(AppError::Denied(_))));
    assert!(matches!(app.legal_review_csv(&p.focal_bd, pk).await, Err(AppError::Denied(_))));
    assert!(matches!(app.legal_provision_history(&p.focal_bd, pk, "TIP-01").await, Err(AppError::Denied(_))));
    app.record_legal_answer(&p.focal_pk, pk, &a).await.unwrap();
    assert!(matches!(app.legal_review(&p.focal_pk, bd).await, Err(AppError::Denied(_))));
    assert!(matches!(app.create_legal_review(&p.focal_pk, &review("IQ")).await, Err(AppError::Denied(_))));
    assert!(matches!(
        app.set_legal_review_status(&p.focal_bd, pk, &StatusInput { status: "validated".into() }).await,
        Err(AppError::Denied(_))
    ));

    // An investigator of the same country has no programme role.
    assert!(app.legal_reviews(&p.investigator_pk).await.unwrap().is_empty());
    assert!(matches!(app.legal_review(&p.investigator_pk, pk).await, Err(AppError::Denied(_))));
    assert!(matches!(app.record_legal_answer(&p.investigator_pk, pk, &a).await, Err(AppError::Denied(_))));

    // The matrix has a column only for the reviews the caller may read.
    let m = app.legal_matrix(&p.focal_bd, &MatrixQuery::default()).await.unwrap();
    let columns: Vec<&str> = m.countries.iter().map(|c| c.country.as_str()).collect();
    assert_eq!(columns, ["BD"]);
    let m = app.legal_matrix(&p.investigator_pk, &MatrixQuery::default()).await.unwrap();
    assert!(m.countries.is_empty());
    assert!(m.rows.iter().all(|r| r.cells.is_empty()));
}

async fn bad_answers_name_the_field_and_write_nothing(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let id = app.create_legal_review(&p.officer, &review("PK")).await.unwrap();
    app.record_legal_answer(&p.officer, id, &gap("TIP-03", "not_compliant", "2026-05-01")).await.unwrap();
    let before = app.legal_review(&p.officer, id).await.unwrap();
    let audit_before = app.list_audit(&Caller::Cli, None, 1).await.unwrap()[0].seq;

    let ok = |f: fn(&mut AnswerInput)| {
        let mut a = answer("TIP-01", "compliant", "Act 2018, s. 3", "2026-05-02");
        f(&mut a);
        a
    };
    let cases: Vec<(AnswerInput, &str)> = vec![
        (ok(|a| a.provision = "XYZ-99".into()), "provision"),
        (ok(|a| a.provision = "tip-01".into()), "provision"),
        (ok(|a| a.answer = "maybe".into()), "answer"),
        (ok(|a| a.citation = String::new()), "citation"),
        (ok(|a| a.link = "ftp://example.org/law".into()), "link"),
        (ok(|a| a.answer = "partially_compliant".into()), "gap_note"),
        (
            ok(|a| {
                a.answer = "not_compliant".into();
                a.gap_note = "Nothing in the law.".into();
            }),
            "recommendation",
        ),
        (ok(|a| a.assessed_on = Some("2999-01-01".into())), "assessed_on"),
        (ok(|a| a.assessed_on = Some("1 May".into())), "assessed_on"),
        (
            ok(|a| {
                a.provision = "TIP-03".into();
                a.assessed_on = Some("2026-04-01".into());
            }),
            "assessed_on",
        ),
        (
            ok(|a| {
                a.citation = String::new();
                a.answer = "unknown".into();
                a.link = "https://example.org".into();
            }),
            "citation",
        ),
    ];
    for (input, field) in cases {
        assert_eq!(field_of(app.record_legal_answer(&p.officer, id, &input).await), field, "{input:?}");
    }
    assert_eq!(field_of(app.create_legal_review(&p.officer, &review("PK-PB")).await), "country");
    assert_eq!(field_of(app.create_legal_review(&p.officer, &review("XX")).await), "country");
    let mut bad = review("IQ");
    bad.title = " ".into();
    assert_eq!(field_of(app.create_legal_review(&p.officer, &bad).await), "title");
    bad = review("IQ");
    bad.checklist_version = Some(99);
    assert_eq!(field_of(app.create_legal_review(&p.officer, &bad).await), "checklist_version");
    bad = review("IQ");
    bad.status = Some("finished".into());
    assert_eq!(field_of(app.create_legal_review(&p.officer, &bad).await), "status");

    let after = app.legal_review(&p.officer, id).await.unwrap();
    assert_eq!(before.review.answered, after.review.answered);
    assert_eq!(app.list_audit(&Caller::Cli, None, 1).await.unwrap()[0].seq, audit_before, "nothing written");
}

async fn the_matrix_shows_answers_at_two_dates_and_what_changed(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let pk = app.create_legal_review(&p.officer, &review("PK")).await.unwrap();
    let bd = app.create_legal_review(&p.officer, &review("BD")).await.unwrap();
    app.record_legal_answer(&p.focal_pk, pk, &answer("TIP-06", "unknown", "", "2026-01-10")).await.unwrap();
    app.record_legal_answer(&p.focal_pk, pk, &answer("TIP-06", "compliant", "Act, s. 3", "2026-04-01"))
        .await
        .unwrap();
    app.record_legal_answer(&p.focal_pk, pk, &gap("TIP-09", "not_compliant", "2026-01-10")).await.unwrap();
    app.record_legal_answer(&p.focal_bd, bd, &answer("TIP-06", "compliant", "Act 2012, s. 3", "2026-03-01"))
        .await
        .unwrap();

    let q = MatrixQuery { from: Some("2026-02-01".into()), to: Some("2026-06-01".into()) };
    let m = app.legal_matrix(&p.officer, &q).await.unwrap();
    assert_eq!((m.from.as_str(), m.to.as_str()), ("2026-02-01", "2026-06-01"));
    let columns: Vec<&str> = m.countries.iter().map(|c| c.country.as_str()).collect();
    assert_eq!(columns, ["BD", "PK"], "countries in code order");
    assert_eq!(m.rows.len(), 87, "every provision of checklist version 1");
    let row = m.rows.iter().find(|r| r.provision == "TIP-06").unwrap();
    assert_eq!(row.cells[0].before, None);
    assert_eq!(row.cells[0].change, "new");
    assert_eq!(row.cells[1].before.as_deref(), Some("unknown"));
    assert_eq!(row.cells[1].after.as_deref(), Some("compliant"));
    assert_eq!(row.cells[1].change, "changed");
    assert!(row.harmonised, "both countries answer compliant at the later date");
    let tip09 = m.rows.iter().find(|r| r.provision == "TIP-09").unwrap();
    assert_eq!(tip09.cells[1].change, "unchanged");
    assert_eq!(m.changes, 2);
    assert_eq!(m.countries[1].score_to, Some(0.5), "PK: one compliant, one not compliant");
    let guidance = m.rows.iter().find(|r| r.provision == "TIP-14").unwrap();
    assert_eq!(guidance.kind, "guidance");

    // Dates given the wrong way round are swapped; a bad date names its field.
    let swapped = MatrixQuery { from: Some("2026-06-01".into()), to: Some("2026-02-01".into()) };
    assert_eq!(app.legal_matrix(&p.officer, &swapped).await.unwrap().from, "2026-02-01");
    let bad = MatrixQuery { from: Some("yesterday".into()), to: None };
    assert_eq!(field_of(app.legal_matrix(&p.officer, &bad).await), "from");
}

both_backends!(a_review_keeps_every_answer_and_scores_guidance_apart);
both_backends!(only_programme_staff_of_the_country_read_and_write);
both_backends!(bad_answers_name_the_field_and_write_nothing);
both_backends!(the_matrix_shows_answers_at_two_dates_and_what_changed);

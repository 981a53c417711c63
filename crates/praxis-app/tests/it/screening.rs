//! Watch-list screening in the platform: a CSV of queries, FtM queries and a case's entities
//! screened against an FtM watch list, with ranked, explained candidates; a malformed list is
//! refused whole with its line and property named; only investigative roles screen, a case only
//! with read access to it; every screening is audited without names.

use praxis_app::cases::NewCaseInput;
use praxis_app::screening::ScreenInput;
use praxis_app::AppError;
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::{org, user};

/// A watch list: a smuggler (Latin and Arabic script names, passport, birth date), his namesake
/// born decades earlier, a money exchange, and a Sanction entity (left aside).
const LIST: &str = r#"{"id": "wl-1", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "alias": ["محمد علی خان"], "birthDate": ["1984-03-02"], "passportNumber": ["AB1234567"], "nationality": ["pk"]}}
{"id": "wl-2", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "birthDate": ["1951-06-01"]}}
{"id": "wl-3", "schema": "Company", "properties": {"name": ["Golden Crescent Exchange LLC"], "jurisdiction": ["ae"]}}
{"id": "wl-s", "schema": "Sanction", "properties": {"entity": ["wl-1"], "program": ["Example"]}}
"#;

const QUERIES: &str = "id,name,born,passport\n\
q1,Muhammad Ali Khan,1984-03-02,AB 1234567\n\
q2,Bilal Ahmed Qureshi,1990-07-15,\n\
q3,!!!,,\n";

fn csv_input() -> ScreenInput {
    ScreenInput {
        list: LIST.into(),
        queries: Some(QUERIES.into()),
        id_column: Some("id".into()),
        mapping: Some("full_name=name, birth_date=born, id_number=passport".into()),
        ..Default::default()
    }
}

async fn screening_ranks_explains_refuses_and_audits(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let ir = org(&app, "Border Guard", "IR").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let viewer = user(&app, fia, "viewer", "viewer").await;
    let iran = user(&app, ir, "ir.inv", "investigator").await;

    let r = app.screen_watch_list(&inv, &csv_input()).await.unwrap();
    assert_eq!((r.entities, r.other_schemata), (3, 1));
    assert_eq!(r.queries.len(), 3);
    let q1 = &r.queries[0];
    assert_eq!(q1.query_id, "q1");
    assert_eq!(q1.line, 2);
    let best = &q1.candidates[0];
    assert_eq!(best.entity_id, "wl-1", "{q1:?}");
    assert!(best.is_match && best.score > 0.9, "{best:?}");
    assert!(best.evidence.iter().any(|e| e.field == "identifier" && e.weight > 0.0), "{best:?}");
    // The namesake born 1951 ranks below, lowered by the conflicting birth date.
    if let Some(namesake) = q1.candidates.iter().find(|c| c.entity_id == "wl-2") {
        assert!(!namesake.is_match && namesake.score < best.score, "{namesake:?}");
        assert!(namesake.evidence.iter().any(|e| e.field == "birth_date" && e.weight < 0.0));
    }
    assert!(r.queries[1].candidates.iter().all(|c| !c.is_match), "{:?}", r.queries[1]);
    assert!(!r.queries[2].screened, "a query without a usable name is not screened");
    assert_eq!(r.with_match, 1);

    // FtM queries, in another script.
    let ftm = ScreenInput {
        list: LIST.into(),
        queries: Some(r#"{"id": "x", "schema": "Person", "properties": {"name": ["محمد علی خان"], "birthDate": ["1984"]}}"#.into()),
        ..Default::default()
    };
    let r = app.screen_watch_list(&inv, &ftm).await.unwrap();
    assert_eq!(r.queries[0].candidates[0].entity_id, "wl-1", "{:?}", r.queries[0]);

    // A malformed line refuses everything with its line and property named; nothing audited.
    let before = app.list_audit(&praxis_app::Caller::Cli, None, 500).await.unwrap().len();
    let bad = ScreenInput {
        list: format!("{LIST}{{\"id\": \"wl-9\", \"schema\": \"Person\", \"properties\": {{\"name\": \"Ali\"}}}}\nnot json\n"),
        ..csv_input()
    };
    match app.screen_watch_list(&inv, &bad).await {
        Err(AppError::ImportRefused(rows)) => {
            assert!(rows[0].starts_with("list, line 5, property name"), "{rows:?}");
            assert!(rows[1].starts_with("list, line 6"), "{rows:?}");
        }
        other => panic!("{other:?}"),
    }
    let bad_csv = ScreenInput { mapping: Some("full_name=nom".into()), ..csv_input() };
    match app.screen_watch_list(&inv, &bad_csv).await {
        Err(AppError::ImportRefused(rows)) => assert!(rows[0].contains("line 1, field nom"), "{rows:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.list_audit(&praxis_app::Caller::Cli, None, 500).await.unwrap().len(), before);

    // Only investigative roles screen.
    assert!(matches!(app.screen_watch_list(&viewer, &csv_input()).await, Err(AppError::Denied(_))));

    // A case's people and organisations; another organisation cannot screen the case.
    let case = app
        .create_case(
            &inv,
            &NewCaseInput {
                reference: "F-7".into(),
                title: "Quetta route".into(),
                crime_type: "som".into(),
                jurisdictions: vec!["PK".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let network = r#"{"id": "p1", "schema": "Person", "properties": {"name": ["Mohd. Ali Khan"], "passportNumber": ["AB1234567"]}}
{"id": "c1", "schema": "Company", "properties": {"name": ["Golden Crescent Exchange"]}}
{"id": "a1", "schema": "BankAccount", "properties": {"accountNumber": ["PK-QTA-0101"]}}
"#;
    app.import_ftm(&inv, case, "network.ftm", network).await.unwrap();
    let by_case = ScreenInput { list: LIST.into(), case: Some(case), ..Default::default() };
    let r = app.screen_watch_list(&inv, &by_case).await.unwrap();
    assert_eq!(r.queries.len(), 2, "the bank account is not screened: {r:?}");
    let matched: Vec<&str> = r
        .queries
        .iter()
        .filter_map(|q| q.candidates.first().filter(|c| c.is_match))
        .map(|c| c.entity_id.as_str())
        .collect();
    assert_eq!(matched, ["wl-1", "wl-3"]);
    assert!(app.screen_watch_list(&iran, &by_case).await.is_err());
    let both = ScreenInput { queries: Some(QUERIES.into()), ..by_case };
    assert!(matches!(app.screen_watch_list(&inv, &both).await, Err(AppError::Invalid(_))));

    // Audited with counts and the list's hash, never a name.
    let audit = app.list_audit(&praxis_app::Caller::Cli, None, 500).await.unwrap();
    let screens: Vec<_> = audit.iter().filter(|e| e.action == "match.screen").collect();
    assert_eq!(screens.len(), 3);
    for e in &screens {
        assert!(e.detail.contains(&r.list_sha256), "{}", e.detail);
        assert!(!e.detail.contains("Khan") && !e.detail.contains("Crescent"), "{}", e.detail);
    }
}

both_backends!(screening_ranks_explains_refuses_and_audits);

const FIXTURE_LIST: &str = include_str!("../../../praxis-match/tests/data/watchlist.ftm.jsonl");
const FIXTURE_QUERIES: &str = include_str!("../../../praxis-match/tests/data/screen_queries.csv");

/// The command line's fixture through the platform (as docs/matching.md suggests trying it): every
/// query whose person is listed has it first.
async fn the_fixture_screens_as_on_the_command_line(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let input = ScreenInput {
        list: FIXTURE_LIST.into(),
        queries: Some(FIXTURE_QUERIES.into()),
        id_column: Some("qid".into()),
        mapping: Some(
            "full_name=name, given_name=given, family_name=family, birth_date=dob, id_number=passport, country=country"
                .into(),
        ),
        ..Default::default()
    };
    let r = app.screen_watch_list(&inv, &input).await.unwrap();
    assert_eq!(r.entities, 13);
    let mut reader = csv::Reader::from_reader(FIXTURE_QUERIES.as_bytes());
    let expected: Vec<(String, String)> =
        reader.records().map(|row| row.unwrap()).map(|row| (row[0].to_owned(), row[7].to_owned())).collect();
    let mut listed = 0;
    for (qid, want) in expected.iter().filter(|(_, want)| !want.is_empty()) {
        let q = r.queries.iter().find(|q| &q.query_id == qid).unwrap();
        assert_eq!(q.candidates.first().map(|c| c.entity_id.as_str()), Some(want.as_str()), "{q:?}");
        listed += 1;
    }
    assert!(listed >= 10, "{listed}");
}

both_backends!(the_fixture_screens_as_on_the_command_line);

/// A kept run reads back as it was screened; a judgement on an FtM query holds for the same
/// query (its properties in any order) and not for the same id with another name; a viewer of
/// the organisation may not judge, and a run of another organisation is not found.
async fn judgements_follow_the_query_not_just_its_id(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let ir = org(&app, "Border Guard", "IR").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let viewer = user(&app, fia, "viewer", "viewer").await;
    let iran = user(&app, ir, "ir.inv", "investigator").await;
    let ftm = |q: &str| ScreenInput { list: LIST.into(), queries: Some(q.into()), ..Default::default() };
    let q = r#"{"id": "f1", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "birthDate": ["1951-06-01"]}}"#;
    let first = app.screen_watch_list(&inv, &ftm(q)).await.unwrap();
    let kept = app.screening_run(&inv, first.run).await.unwrap();
    assert_eq!(kept.queries.len(), first.queries.len());
    let ids = |r: &praxis_app::screening::ScreenReport| -> Vec<(String, f64)> {
        r.queries[0].candidates.iter().map(|c| (c.entity_id.clone(), c.score)).collect()
    };
    assert_eq!(ids(&kept), ids(&first));
    assert!(ids(&first).iter().any(|(e, _)| e == "wl-1"), "{:?}", ids(&first));
    let reject = praxis_app::screening_review::ScreeningJudgementInput {
        query_id: "f1".into(),
        list_entity_id: "wl-1".into(),
        verdict: "rejected".into(),
        note: String::new(),
    };
    assert!(matches!(app.judge_screening(&viewer, first.run, &reject).await, Err(AppError::Denied(_))));
    assert!(matches!(app.judge_screening(&iran, first.run, &reject).await, Err(AppError::NotFound(_))));
    assert!(matches!(app.screening_run(&iran, first.run).await, Err(AppError::NotFound(_))));
    assert!(app.screening_runs(&iran).await.unwrap().is_empty());
    app.judge_screening(&inv, first.run, &reject).await.unwrap();

    let reordered = r#"{"id": "f1", "schema": "Person", "properties": {"birthDate": ["1951-06-01"], "name": ["Mohammad Ali Khan"]}}"#;
    let again = app.screen_watch_list(&inv, &ftm(reordered)).await.unwrap();
    let c = again.queries[0].candidates.iter().find(|c| c.entity_id == "wl-1").unwrap();
    assert_eq!((c.judgement.as_deref(), c.judged_earlier, c.is_match), (Some("rejected"), true, false));
    let renamed = r#"{"id": "f1", "schema": "Person", "properties": {"name": ["Muhammad Ali Khan"], "birthDate": ["1951-06-01"]}}"#;
    let other = app.screen_watch_list(&inv, &ftm(renamed)).await.unwrap();
    assert!(other.queries[0].candidates.iter().all(|c| c.judgement.is_none()), "{other:?}");
    let runs = app.screening_runs(&inv).await.unwrap();
    assert_eq!(runs.iter().map(|r| r.id).collect::<Vec<_>>(), [other.run, again.run, first.run]);

    // An id used twice (in the list or in FtM queries) is refused with its line; nothing is kept.
    let twice = format!("{LIST}{{\"id\": \"wl-3\", \"schema\": \"Person\", \"properties\": {{\"name\": [\"Omar Farooq\"]}}}}\n");
    let refused = |e: AppError| match e {
        AppError::ImportRefused(rows) => rows,
        other => panic!("not refused whole: {other:?}"),
    };
    let rows =
        refused(app.screen_watch_list(&inv, &ScreenInput { list: twice, ..ftm(q) }).await.unwrap_err());
    assert_eq!(rows[0], "list, line 5, property id: the id \"wl-3\" is already on line 3");
    let rows = refused(app.screen_watch_list(&inv, &ftm(&format!("{q}\n{renamed}\n"))).await.unwrap_err());
    assert_eq!(rows[0], "queries, line 2, property id: the id \"f1\" is already on line 1");
    assert_eq!(app.screening_runs(&inv).await.unwrap().len(), 3);
}

both_backends!(judgements_follow_the_query_not_just_its_id);

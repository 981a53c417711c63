//! Investigation entities with provenance, FollowTheMoney import and export, and the links
//! between cases (hit/no-hit when the other case may not be read).

use praxis_app::cases::{NewCaseInput, SubjectInput};
use praxis_app::entities::{EntityInput, Properties, RelationInput};
use praxis_app::AppError;
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::{org, user};

fn props(pairs: &[(&str, &str)]) -> Properties {
    let mut p = Properties::new();
    for (k, v) in pairs {
        p.entry((*k).to_owned()).or_default().push((*v).to_owned());
    }
    p
}

const FTM: &str = r#"{"id": "p1", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "phone": ["0300 1234567"], "birthDate": ["1979"]}}
{"id": "c1", "schema": "Company", "properties": {"name": ["Silk Road Travels"], "jurisdiction": ["PK"]}}
{"id": "a1", "schema": "BankAccount", "properties": {"accountNumber": ["PK-QTA-0101"], "bankName": ["HBL"]}}
{"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["c1"]}}
{"id": "o2", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["a1"], "startDate": ["2024-01-01"]}}
"#;

async fn entities_import_export_and_link_across_cases(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let ir = org(&app, "Border Guard", "IR").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let colleague = user(&app, fia, "colleague", "investigator").await;
    let iran = user(&app, ir, "ir.inv", "investigator").await;
    let case = |reference: &str, jurisdictions: &[&str]| NewCaseInput {
        reference: reference.into(),
        title: format!("Case {reference}"),
        crime_type: "som".into(),
        jurisdictions: jurisdictions.iter().map(|j| (*j).to_owned()).collect(),
        ..Default::default()
    };
    let ours = app.create_case(&inv, &case("F-1", &["PK"])).await.unwrap();
    let summary = app.import_ftm(&inv, ours, "network.ftm", FTM).await.unwrap();
    assert_eq!((summary.entities, summary.relations), (3, 2));
    let (entities, relations) = app.case_entities(&inv, ours).await.unwrap();
    let person = entities.iter().find(|e| e.schema == "Person").unwrap();
    assert_eq!(person.properties["phone"], ["+923001234567"], "phones to E.164 in the case's country");
    assert_eq!((person.source_kind.as_str(), person.source_ref.as_str()), ("import", "network.ftm"));
    assert_eq!(relations.len(), 2);

    // A bad file lands nothing and names line and field.
    let bad = "{\"id\": \"x\", \"schema\": \"Spaceship\", \"properties\": {}}\nnot json\n{\"id\": \"o\", \"schema\": \"Ownership\", \"properties\": {\"owner\": [\"nobody\"], \"asset\": [\"x\"]}}\n";
    match app.import_ftm(&inv, ours, "bad.ftm", bad).await {
        Err(AppError::ImportRefused(rows)) => {
            assert!(rows[0].starts_with("bad.ftm:1: schema:"), "{rows:?}");
            assert!(rows.iter().any(|r| r.starts_with("bad.ftm:2: json:")));
            assert!(rows.iter().any(|r| r.contains(":3:") && r.contains("nobody")));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.case_entities(&inv, ours).await.unwrap().0.len(), 3, "nothing from the bad file");

    // By hand, with provenance; and a relation.
    let phone_owner = app
        .add_entity(
            &inv,
            ours,
            &EntityInput {
                schema: "Person".into(),
                properties: props(&[("name", "Waqas Mehmood"), ("phone", "+92 321 5550000")]),
                source_kind: Some("evidence".into()),
                source_ref: Some("12".into()),
            },
        )
        .await
        .unwrap();
    app.add_relation(
        &inv,
        ours,
        &RelationInput {
            kind: "call".into(),
            from: phone_owner,
            to: person.id,
            properties: props(&[("date", "2026-03-12")]),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        app.add_entity(&inv, ours, &EntityInput { schema: "Person".into(), properties: props(&[("name", "X"), ("phone", "not a phone")]), ..Default::default() }).await,
        Err(AppError::Invalid(v)) if v.field == "properties"
    ));
    assert!(matches!(
        app.add_relation(&inv, ours, &RelationInput { kind: "romance".into(), from: phone_owner, to: person.id, ..Default::default() }).await,
        Err(AppError::Invalid(v)) if v.field == "kind"
    ));

    // Export: FtM lines that import again.
    let exported = app.export_ftm(&inv, ours).await.unwrap();
    assert_eq!(exported.lines().count(), 4 + 3);
    assert!(exported
        .lines()
        .all(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["schema"].is_string()));
    let again = app.create_case(&inv, &case("F-2", &["PK"])).await.unwrap();
    let round = app.import_ftm(&inv, again, "export.ftm", &exported).await.unwrap();
    assert_eq!((round.entities, round.relations), (4, 3));

    // Another country's case holds the same phone, written differently, and the organiser's name in Persian.
    let theirs = app.create_case(&iran, &case("IR-9", &["IR"])).await.unwrap();
    for p in
        [&[("name", "محمد علی خان")][..], &[("name", "Driver of the pickup"), ("phone", "+92-300-123-4567")]]
    {
        app.add_entity(
            &iran,
            theirs,
            &EntityInput { schema: "Person".into(), properties: props(p), ..Default::default() },
        )
        .await
        .unwrap();
    }
    app.add_subject(
        &iran,
        theirs,
        &SubjectInput {
            name: "Unknown collector".into(),
            network_role: "money_mover".into(),
            accounts: "PK-QTA-0101".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let links = app.case_links(&inv, ours).await.unwrap();
    let foreign: Vec<_> = links.links.iter().filter(|l| l.holder_org == "Border Guard").collect();
    assert!(foreign.iter().any(|l| l.selector == "phone"), "{:#?}", links.links);
    assert!(foreign.iter().any(|l| l.selector == "account"));
    assert!(foreign.iter().any(|l| l.selector == "name"), "across scripts");
    for l in &foreign {
        assert!(l.other_case.is_none() && l.theirs.is_none(), "only the hit: {l:?}");
        assert!(!l.explanation.contains("محمد") && !l.explanation.contains("PK-QTA"), "{}", l.explanation);
        assert_eq!(l.holder_country, "Iran (Islamic Republic of)");
    }
    // The other owner is told too, about our case, just as little.
    let back = app.case_links(&iran, theirs).await.unwrap();
    assert!(back.links.iter().any(|l| l.holder_org == "FIA Lahore" && l.other_case.is_none()));
    // Within FIA the colleague may read both of its cases: the link names the case.
    let inside = app.case_links(&colleague, ours).await.unwrap();
    assert!(inside.links.iter().any(|l| l.other_case.as_ref().is_some_and(|c| c.id == again)));
    assert!(inside.duplicates.is_empty(), "{:?}", inside.duplicates);
    assert!(matches!(app.case_links(&iran, ours).await, Err(AppError::Denied(_))));

    // An analyst rejects the name link and confirms the phone hit; later runs respect both.
    let name = foreign.iter().find(|l| l.selector == "name").unwrap().key.clone();
    let phone = foreign.iter().find(|l| l.selector == "phone").unwrap().key.clone();
    app.judge_link(&inv, ours, &name, "rejected", "a different Mohammad Ali Khan").await.unwrap();
    app.judge_link(&inv, ours, &phone, "confirmed", "").await.unwrap();
    let again = app.case_links(&inv, ours).await.unwrap();
    assert!(again.links.iter().all(|l| l.key != name), "a rejected link is no longer proposed");
    assert!(again.rejected >= 1);
    assert_eq!(again.links.iter().find(|l| l.key == phone).unwrap().judgement.as_deref(), Some("confirmed"));
    assert!(
        matches!(app.judge_link(&inv, ours, &phone, "maybe", "").await, Err(AppError::Invalid(v)) if v.field == "verdict")
    );
    assert!(matches!(
        app.judge_link(&inv, ours, "no-such-link", "rejected", "").await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(app.judge_link(&iran, ours, &phone, "rejected", "").await, Err(AppError::Denied(_))));
    let audit = app.list_audit(&praxis_app::Caller::Cli, None, 500).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.action == "case.link.judge").count(), 2);
}

both_backends!(entities_import_export_and_link_across_cases);

//! Target and case selection: every score shows its parts; profit comes from the case's linked
//! transactions; weights are the organisation's.

use praxis_app::cases::{CaseFilter, NewCaseInput, PersonIdentity, PersonInput, SubjectInput};
use praxis_app::flows::{ImportRequest, UploadedFile};
use praxis_app::scores::Weights;
use praxis_app::{AppError, Caller};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::{org, user};

/// Families pay a collector; the collector pays the organiser 9,000.00; the driver gets 500.00.
const FLOWS: &str = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,FAM-1,COLLECTOR,TRANSFER,4000.00,2026-03-01T10:00:00Z,False,-1
2,FAM-2,COLLECTOR,TRANSFER,6000.00,2026-03-02T10:00:00Z,False,-1
3,COLLECTOR,ORGANISER,TRANSFER,9000.00,2026-03-03T10:00:00Z,False,-1
4,COLLECTOR,DRIVER,TRANSFER,500.00,2026-03-03T11:00:00Z,False,-1
";

async fn scores_show_their_parts_and_follow_the_money_and_the_weights(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let admin = user(&app, fia, "boss", "administrator").await;
    let imported = app
        .flows_import(
            &inv,
            ImportRequest {
                name: "Collector accounts".into(),
                format: "amlsim".into(),
                files: vec![UploadedFile { name: "tx.csv".into(), bytes: FLOWS.as_bytes().to_vec() }],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let smuggling = app
        .create_case(
            &inv,
            &NewCaseInput {
                reference: "S-1".into(),
                title: "Route through Taftan".into(),
                crime_type: "som".into(),
                jurisdictions: vec!["PK-BA".into(), "IR".into(), "TR".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let subject = |name: &str, role: &str, accounts: &str| SubjectInput {
        name: name.into(),
        network_role: role.into(),
        accounts: accounts.into(),
        ..Default::default()
    };
    app.add_subject(&inv, smuggling, &subject("Organiser", "organiser", "ORGANISER")).await.unwrap();
    app.add_subject(&inv, smuggling, &subject("Driver", "transporter", "DRIVER")).await.unwrap();
    // A seed that is not in the dataset is refused, naming the field.
    let refused = app.link_case_dataset(&inv, smuggling, imported.dataset, "NOBODY").await;
    assert!(matches!(refused, Err(AppError::Invalid(v)) if v.field == "seeds"));
    app.link_case_dataset(&inv, smuggling, imported.dataset, "COLLECTOR").await.unwrap();
    let money = app.case_money(&inv, smuggling).await.unwrap();
    let trace = money[0].trace.as_ref().expect("traced from the seed");
    assert_eq!(trace.accounts.iter().find(|a| a.account == "ORGANISER").unwrap().amount_minor, 900_000);

    let labour = app
        .create_case(
            &inv,
            &NewCaseInput {
                reference: "T-1".into(),
                title: "Kilns".into(),
                crime_type: "tip".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.add_subject(&inv, labour, &subject("Kiln owner", "exploiter", "")).await.unwrap();
    for _ in 0..3 {
        let child = PersonInput {
            kind: "victim".into(),
            age_band: Some("12_17".into()),
            violence: true,
            identity: PersonIdentity { full_name: "A child".into(), ..Default::default() },
            ..Default::default()
        };
        app.add_person(&inv, labour, &child).await.unwrap();
    }

    let ranking = app.ranking(&inv, &CaseFilter::default()).await.unwrap();
    assert_eq!(ranking.weights, Weights::default());
    let organiser = ranking.targets.iter().find(|t| t.name == "Organiser").unwrap();
    assert_eq!(ranking.targets[0].name, "Organiser", "{:#?}", ranking.targets);
    let parts: Vec<&str> = organiser.parts.iter().map(|p| p.part).collect();
    assert_eq!(parts, ["seniority", "profit", "harm", "reach", "evidence"]);
    let profit = organiser.parts.iter().find(|p| p.part == "profit").unwrap();
    assert!(profit.figure.contains("9000.00"), "{}", profit.figure);
    assert!((profit.value - (9001f64).log10() / 7.0).abs() < 1e-9);
    let sum: f64 = organiser.parts.iter().map(|p| p.points).sum();
    assert!((sum - organiser.score).abs() < 1e-9, "the parts add up to the score");
    let reach = organiser.parts.iter().find(|p| p.part == "reach").unwrap();
    assert!((reach.value - 2.0 / 3.0).abs() < 1e-9 && reach.figure.contains("3 countries"));
    let kiln = ranking.targets.iter().find(|t| t.name == "Kiln owner").unwrap();
    let harm = kiln.parts.iter().find(|p| p.part == "harm").unwrap();
    assert!(
        (harm.value - 15.0 / 20.0).abs() < 1e-9,
        "3 victims + 2×3 children + 2×3 violence: {}",
        harm.figure
    );

    // The organisation cares about harm above all: the kiln case comes first.
    let harm_first = Weights { seniority: 0.0, profit: 0.0, harm: 1.0, reach: 0.0, evidence: 0.0 };
    assert!(matches!(app.set_score_weights(&inv, &harm_first).await, Err(AppError::Denied(_))));
    let bad = Weights { harm: -1.0, ..harm_first };
    assert!(matches!(app.set_score_weights(&admin, &bad).await, Err(AppError::Invalid(_))));
    app.set_score_weights(&admin, &harm_first).await.unwrap();
    let ranking = app.ranking(&inv, &CaseFilter::default()).await.unwrap();
    assert_eq!(ranking.cases[0].case.id, labour);
    assert_eq!(ranking.targets[0].name, "Kiln owner");

    // Filtered like the case list.
    let som = app
        .ranking(&inv, &CaseFilter { crime_type: Some("som".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(som.cases.len(), 1);
    assert!(som.targets.iter().all(|t| t.case == smuggling));
    let cli = app.ranking(&Caller::Cli, &CaseFilter::default()).await.unwrap();
    assert_eq!(cli.weights, Weights::default(), "the command line uses the defaults");
}

both_backends!(scores_show_their_parts_and_follow_the_money_and_the_weights);

//! The evidence register: items, files kept as received, the chain of custody, lines of inquiry,
//! and the measure of how far a case rests on testimony alone.

use praxis_app::cases::{NewCaseInput, OffenceInput, SubjectInput, SubjectUpdate};
use praxis_app::evidence::{CustodyInput, EvidenceInput, InquiryInput};
use praxis_app::{App, AppError, Caller};
use praxis_model::{CustodyAction, EvidenceKind};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::{org, user};

async fn case_with_two_subjects_and_an_offence(
    app: &App,
    inv: &Caller,
    reference: &str,
) -> (i64, i64, i64, i64) {
    let id = app
        .create_case(
            inv,
            &NewCaseInput {
                reference: reference.into(),
                title: "Kiln bonded labour".into(),
                crime_type: "tip".into(),
                jurisdictions: vec!["PK-PB".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let subject = |name: &str, role: &str| SubjectInput {
        name: name.into(),
        network_role: role.into(),
        ..Default::default()
    };
    let owner = app.add_subject(inv, id, &subject("Kiln owner", "exploiter")).await.unwrap();
    let munshi = app.add_subject(inv, id, &subject("Munshi", "recruiter")).await.unwrap();
    let offence = app
        .add_offence(
            inv,
            id,
            &OffenceInput {
                offence: "forced_labour".into(),
                provision: "Prevention of Trafficking in Persons Act 2018, s. 3".into(),
                jurisdiction: None,
            },
        )
        .await
        .unwrap();
    (id, owner, munshi, offence)
}

fn item(kind: &str, subjects: Vec<i64>, offences: Vec<i64>) -> EvidenceInput {
    EvidenceInput {
        kind: kind.into(),
        description: format!("{kind} evidence"),
        source: "Raid at the kiln".into(),
        obtained_on: "2026-03-04".into(),
        legal_basis: "Search warrant 17/2026".into(),
        subjects,
        offences,
        ..Default::default()
    }
}

async fn the_evidence_base_counts_what_corroborates_testimony(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let (id, owner, munshi, offence) = case_with_two_subjects_and_an_offence(&app, &inv, "K-1").await;

    // Nothing yet: three things to prove (two subjects, nobody charged; one offence), none supported.
    let base = app.case(&inv, id).await.unwrap().evidence_base;
    assert_eq!(
        (base.units.len(), base.share, base.testimony_only, base.charged_only),
        (3, Some(0.0), true, false)
    );

    // Testimony alone changes nothing.
    app.add_evidence(&inv, id, &item("testimonial", vec![owner, munshi], vec![offence])).await.unwrap();
    let base = app.case(&inv, id).await.unwrap().evidence_base;
    assert!(base.testimony_only);
    assert!(base.units.iter().all(|u| u.testimonial == 1 && !u.supported));

    // A line of inquiry that could corroborate it is listed; a testimonial one is not.
    let financial = app
        .add_inquiry(
            &inv,
            id,
            &InquiryInput {
                kind: "financial".into(),
                title: "Trace advances paid to families".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.add_inquiry(
        &inv,
        id,
        &InquiryInput {
            kind: "testimonial".into(),
            title: "Interview the munshi's driver".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let base = app.case(&inv, id).await.unwrap().evidence_base;
    assert_eq!(base.corroborating_inquiries.iter().map(|i| i.id).collect::<Vec<_>>(), [financial]);

    // Bank records produced by that line support the owner and the offence: 2 of 3.
    let bank = EvidenceInput { inquiry: Some(financial), ..item("financial", vec![owner], vec![offence]) };
    let bank = app.add_evidence(&inv, id, &bank).await.unwrap();
    let view = app.case(&inv, id).await.unwrap();
    assert_eq!(view.evidence_base.share, Some(2.0 / 3.0));
    assert!(!view.evidence_base.testimony_only);
    assert_eq!(view.inquiries.iter().find(|i| i.id == financial).unwrap().evidence, [bank]);

    // Once the owner is charged, only charged subjects count: 2 of 2.
    app.update_subject(
        &inv,
        id,
        owner,
        &SubjectUpdate { status: Some("charged".into()), network_role: None, accounts: None },
    )
    .await
    .unwrap();
    let base = app.case(&inv, id).await.unwrap().evidence_base;
    assert!(base.charged_only);
    assert_eq!((base.units.len(), base.share), (2, Some(1.0)));

    // Excluded by the court, it no longer counts.
    app.set_evidence_admissibility(&inv, id, bank, "inadmissible").await.unwrap();
    let base = app.case(&inv, id).await.unwrap().evidence_base;
    assert!(base.testimony_only);

    // The overview, per organisation and per country.
    let (other, ..) = case_with_two_subjects_and_an_offence(&app, &inv, "K-2").await;
    app.add_evidence(&inv, other, &item("digital_telecom", vec![], vec![])).await.unwrap();
    let overview = app.evidence_base_overview(&inv, Some("PK"), None).await.unwrap();
    assert_eq!(overview.cases.len(), 2);
    assert_eq!(overview.by_organisation[0].testimony_only, 2);
    assert_eq!(overview.by_country[0].group, "PK");
    assert!(app.evidence_base_overview(&inv, Some("IR"), None).await.unwrap().cases.is_empty());
    assert!(matches!(app.evidence_base_overview(&inv, Some("XX"), None).await, Err(AppError::Invalid(_))));
}

async fn files_are_kept_as_received_and_every_opening_is_in_the_chain_of_custody(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let cid = org(&app, "CID Dhaka", "BD").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let viewer = user(&app, fia, "viewer", "viewer").await;
    let foreign = user(&app, cid, "foreign", "investigator").await;
    let (id, ..) = case_with_two_subjects_and_an_offence(&app, &inv, "K-1").await;
    let ev = app.add_evidence(&inv, id, &item("documentary", vec![], vec![])).await.unwrap();
    let content = b"Ledger page 14: advances to 9 families".to_vec();
    let file = app.attach_evidence_file(&inv, id, ev, "../../ledger p14.jpg", &content).await.unwrap();
    assert_eq!(file.file_name, "ledger p14.jpg", "only the file's own name is kept");
    use sha2::Digest;
    assert_eq!(file.sha256, hex::encode(sha2::Sha256::digest(&content)));
    let (opened, bytes) = app.open_evidence_file(&inv, id, ev, file.id).await.unwrap();
    assert_eq!(bytes, content);
    assert_eq!(opened.sha256, file.sha256);

    app.add_custody(
        &inv,
        id,
        ev,
        &CustodyInput {
            action: "transferred".into(),
            from_party: "FIA evidence room".into(),
            to_party: "Punjab Forensic Science Agency".into(),
            note: "For handwriting analysis".into(),
        },
    )
    .await
    .unwrap();
    let custody = app.evidence_item(&inv, id, ev).await.unwrap().custody;
    let actions: Vec<CustodyAction> = custody.iter().map(|c| c.action).collect();
    assert_eq!(
        actions,
        [
            CustodyAction::Obtained,
            CustodyAction::Obtained,
            CustodyAction::Accessed,
            CustodyAction::Transferred
        ]
    );
    assert!(custody[1].note.contains(&file.sha256));

    // Bad input and outsiders.
    let accessed = CustodyInput { action: "accessed".into(), ..Default::default() };
    assert!(
        matches!(app.add_custody(&inv, id, ev, &accessed).await, Err(AppError::Invalid(v)) if v.field == "action")
    );
    let transfer =
        CustodyInput { action: "transferred".into(), from_party: "FIA".into(), ..Default::default() };
    assert!(matches!(app.add_custody(&inv, id, ev, &transfer).await, Err(AppError::Invalid(_))));
    assert!(matches!(
        app.attach_evidence_file(&inv, id, ev, "empty.txt", b"").await,
        Err(AppError::Invalid(_))
    ));
    let wrong_subject = item("financial", vec![999_999], vec![]);
    assert!(
        matches!(app.add_evidence(&inv, id, &wrong_subject).await, Err(AppError::Invalid(v)) if v.field == "subjects")
    );
    let bad_date = EvidenceInput { obtained_on: "March 2026".into(), ..item("financial", vec![], vec![]) };
    assert!(
        matches!(app.add_evidence(&inv, id, &bad_date).await, Err(AppError::Invalid(v)) if v.field == "obtained_on")
    );
    for outsider in [&viewer, &foreign] {
        assert!(matches!(app.open_evidence_file(outsider, id, ev, file.id).await, Err(AppError::Denied(_))));
        assert!(matches!(app.evidence_item(outsider, id, ev).await, Err(AppError::Denied(_))));
        assert!(matches!(
            app.add_evidence(outsider, id, &item("financial", vec![], vec![])).await,
            Err(AppError::Denied(_))
        ));
    }
    // A file of one item is not reachable through another item or case.
    let other = app.add_evidence(&inv, id, &item("forensic", vec![], vec![])).await.unwrap();
    assert!(matches!(app.open_evidence_file(&inv, id, other, file.id).await, Err(AppError::NotFound(_))));
    let kinds: Vec<EvidenceKind> =
        app.case(&inv, id).await.unwrap().evidence.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EvidenceKind::Documentary, EvidenceKind::Forensic]);
    let audit = app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    for action in ["case.evidence.add", "case.evidence.file", "case.evidence.open", "case.evidence.custody"] {
        assert!(audit.iter().any(|e| e.action == action), "{action} is audited");
    }
}

both_backends!(the_evidence_base_counts_what_corroborates_testimony);
both_backends!(files_are_kept_as_received_and_every_opening_is_in_the_chain_of_custody);

async fn a_statement_attached_as_evidence_is_analysed_as_transactions(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let (id, owner, ..) = case_with_two_subjects_and_an_offence(&app, &inv, "K-9").await;
    let _ = owner;
    let ev = app.add_evidence(&inv, id, &item("financial", vec![], vec![])).await.unwrap();
    let csv = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,FAMILY,MUNSHI,TRANSFER,500.00,2026-03-01T10:00:00Z,False,-1
2,MUNSHI,OWNER,TRANSFER,450.00,2026-03-02T10:00:00Z,False,-1
";
    let file = app.attach_evidence_file(&inv, id, ev, "advances.csv", csv.as_bytes()).await.unwrap();
    let bad = praxis_app::case_flows::AnalyseInput {
        format: "amlsim".into(),
        seeds: "NOBODY".into(),
        ..Default::default()
    };
    assert!(matches!(
        app.analyse_evidence_file(&inv, id, ev, file.id, &bad).await,
        Err(AppError::Invalid(_))
    ));
    let input = praxis_app::case_flows::AnalyseInput {
        format: "amlsim".into(),
        seeds: "FAMILY".into(),
        ..Default::default()
    };
    app.analyse_evidence_file(&inv, id, ev, file.id, &input).await.unwrap();
    let money = app.case_money(&inv, id).await.unwrap();
    assert_eq!(money.len(), 2, "the first import stays, linked without seeds");
    let linked = money.iter().find(|d| d.trace.is_some()).expect("linked and traced");
    let trace = linked.trace.as_ref().unwrap();
    assert_eq!(trace.accounts.iter().find(|a| a.account == "OWNER").unwrap().amount_minor, 45_000);
    let custody = app.evidence_item(&inv, id, ev).await.unwrap().custody;
    assert!(
        custody.iter().filter(|c| c.action == CustodyAction::Accessed).count() >= 1,
        "read through the chain of custody"
    );
}

both_backends!(a_statement_attached_as_evidence_is_analysed_as_transactions);

//! Cross-border hit/no-hit through the platform: two organisations build their blind indexes of
//! one epoch from their cases (one in one click on a key-holding deployment, one step by step
//! through the CLI's files), compare the shared indexes and find the selectors they share and no
//! other; a victim's identity is never indexed; the quota refuses a request whole and the log
//! keeps it; another epoch and a malformed line are refused with their line and field; a hit
//! drafts a cooperation request to its holder; nothing audited names a selector.

use std::time::Duration;

use praxis_app::cases::{NewCaseInput, PersonIdentity, PersonInput, SubjectInput};
use praxis_app::entities::{EntityInput, Properties};
use praxis_app::hit_no_hit::{BuildInput, DraftInput};
use praxis_app::{App, AppError, Caller, HitConfig, HitSeed};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app_with;
use crate::cases::{org, user};

const SEED: &str = "5f1c0e4a9b7d3e2f8a6c4b1d0e9f7a3c5b2d8e6f4a1c9b7d3e5f2a8c6b4d1e0f";

fn props(pairs: &[(&str, &str)]) -> Properties {
    let mut p = Properties::new();
    for (k, v) in pairs {
        p.entry((*k).to_owned()).or_default().push((*v).to_owned());
    }
    p
}

fn case(reference: &str, jurisdiction: &str) -> NewCaseInput {
    NewCaseInput {
        reference: reference.into(),
        title: format!("Case {reference}"),
        crime_type: "som".into(),
        jurisdictions: vec![jurisdiction.into()],
        ..Default::default()
    }
}

async fn entity(app: &App, who: &Caller, case: i64, schema: &str, p: &[(&str, &str)]) {
    let input = EntityInput { schema: schema.into(), properties: props(p), ..Default::default() };
    app.add_entity(who, case, &input).await.unwrap();
}

/// Waits for a build job and returns the index's status.
async fn built(app: &App, who: &Caller, index: i64, job: u64) -> String {
    for _ in 0..400 {
        let v = serde_json::to_value(app.job(who, job).await.unwrap()).unwrap();
        if v["status"] != "running" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    app.hit_index(who, index).await.unwrap().summary.status
}

fn refused(r: Result<impl std::fmt::Debug, AppError>) -> Vec<String> {
    match r {
        Err(AppError::ImportRefused(rows)) => rows,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn two_organisations_find_what_they_share_and_nothing_else(backend: Backend) {
    let seed = HitSeed::from_hex(SEED).unwrap();
    let (_db, app) = app_with(backend, HitConfig { key_seed: Some(seed), quota: 9 }).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let ir = org(&app, "Border Guard", "IR").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let viewer = user(&app, fia, "viewer", "viewer").await;
    let admin = user(&app, fia, "fia.admin", "administrator").await;
    let iran = user(&app, ir, "ir.inv", "investigator").await;
    let overseer = user(&app, ir, "overseer", "oversight").await;

    // FIA: a smuggler with a phone, a passport, a name and birth date; an account; a subject's
    // account; and a victim whose contact is a number the Border Guard also holds.
    let ours = app.create_case(&inv, &case("F-1", "PK")).await.unwrap();
    entity(
        &app,
        &inv,
        ours,
        "Person",
        &[
            ("name", "Mohammad Ali Khan"),
            ("birthDate", "1984-03-02"),
            ("phone", "0300 1234567"),
            ("passportNumber", "AB1234567"),
            ("nationality", "PK"),
        ],
    )
    .await;
    entity(&app, &inv, ours, "BankAccount", &[("accountNumber", "PK-QTA-0101")]).await;
    // Too short to be an account: set aside, named by record and property, never by value.
    entity(&app, &inv, ours, "BankAccount", &[("accountNumber", "QX-7")]).await;
    let subject = SubjectInput {
        name: "Collector".into(),
        network_role: "money_mover".into(),
        accounts: "HBL-7788-9900".into(),
        ..Default::default()
    };
    app.add_subject(&inv, ours, &subject).await.unwrap();
    let victim = PersonInput {
        kind: "victim".into(),
        identity: PersonIdentity {
            full_name: "Sara Ahmadi".into(),
            date_of_birth: "2004-05-01".into(),
            contact: "+98 912 345 6789".into(),
            notes: String::new(),
        },
        ..Default::default()
    };
    app.add_person(&inv, ours, &victim).await.unwrap();

    // The Border Guard: the same phone (written otherwise), the same man in Persian script, the
    // victim's number, and an account of its own.
    let theirs = app.create_case(&iran, &case("IR-9", "IR")).await.unwrap();
    entity(
        &app,
        &iran,
        theirs,
        "Person",
        &[("name", "محمد علی خان"), ("birthDate", "1984"), ("phone", "+92-300-123-4567")],
    )
    .await;
    entity(&app, &iran, theirs, "Person", &[("name", "Driver"), ("phone", "+98 912 345 6789")]).await;
    entity(&app, &iran, theirs, "BankAccount", &[("accountNumber", "IR-777-777")]).await;

    // Who may build: investigative roles of the organisation.
    let input = BuildInput { epoch: "2026-Q4".into(), evaluate_here: true };
    assert!(matches!(app.start_hit_index(&viewer, &input).await, Err(AppError::Denied(_))));

    // FIA in one click (this deployment holds the key).
    let (fia_index, job) = app.start_hit_index(&inv, &input).await.unwrap();
    let status = built(&app, &inv, fia_index, job).await;
    assert_eq!(status, "final", "{:?}", app.job(&inv, job).await.unwrap());
    let view = app.hit_index(&inv, fia_index).await.unwrap();
    assert_eq!(view.summary.entries, 5, "{:?}", view.summary);
    assert_eq!(view.summary.counts["phone"], 1, "the victim's contact is not indexed: {:?}", view.summary);
    assert_eq!(view.summary.counts["account"], 2);
    assert_eq!(view.summary.set_aside.len(), 1, "{:?}", view.summary.set_aside);
    let aside = &view.summary.set_aside[0];
    assert!(aside.contains("property accountNumber: too short") && !aside.contains("QX"), "{aside}");
    assert!(matches!(app.hit_index(&iran, fia_index).await, Err(AppError::Denied(_))));
    assert!(matches!(app.hit_index(&viewer, fia_index).await, Err(AppError::Denied(_))));

    // The Border Guard step by step, with the CLI's files.
    let step = BuildInput { epoch: "2026-Q4".into(), evaluate_here: false };
    let (ir_index, job) = app.start_hit_index(&iran, &step).await.unwrap();
    assert_eq!(built(&app, &iran, ir_index, job).await, "blinded");
    assert!(app.hit_shared_csv(&iran, ir_index).await.is_err(), "no shared index before finalising");
    let request = app.hit_request_csv(&iran, ir_index).await.unwrap();
    assert!(request.starts_with("organisation,epoch,blinded,protocol\n"), "{request}");
    assert_eq!(request.lines().count(), 5);
    assert!(!request.contains("+98") && !request.contains("IR777"), "blinded elements only");
    // The requester is the caller's organisation: FIA cannot spend the Border Guard's quota.
    let rows = refused(app.hit_evaluate(&inv, &request).await);
    assert!(rows[0].contains("line 2, field organisation"), "{rows:?}");
    let response = app.hit_evaluate(&iran, &request).await.unwrap();
    assert!(response.starts_with("epoch,blinded,evaluated,protocol\n"), "{response}");
    // A response of another epoch, or missing answers, is refused whole.
    let rows = refused(app.hit_finalize(&iran, ir_index, &response.replacen("2026-Q4", "2027-Q1", 1)).await);
    assert!(rows.iter().any(|r| r.contains("line 2, field epoch")), "{rows:?}");
    assert_eq!(app.hit_finalize(&iran, ir_index, &response).await.unwrap(), 4);
    let ir_shared = app.hit_shared_csv(&iran, ir_index).await.unwrap();
    assert!(
        ir_shared.starts_with("organisation,epoch,kind,value,protocol\nBorder Guard,2026-Q4,"),
        "{ir_shared}"
    );
    assert_eq!(ir_shared.lines().count(), 5);
    let fia_shared = app.hit_shared_csv(&inv, fia_index).await.unwrap();
    // The index value is the engine's (the command line's) for the same key and selector.
    let key = praxis_match::blind::KeyHolder::new(&praxis_match::blind::from_hex(SEED).unwrap(), "2026-Q4")
        .unwrap();
    let direct = key.direct(&praxis_match::blind::Selector::phone("+923001234567", "PK").unwrap()).unwrap();
    assert!(
        fia_shared.contains(&format!("FIA Lahore,2026-Q4,phone,{},praxis/hit-no-hit/v2\n", direct.to_hex())),
        "{fia_shared}"
    );

    // Compare: FIA learns that the Border Guard holds its phone and its name + year, nothing of
    // the accounts, the passport, or the victim's number.
    let outcome = app.hit_compare(&inv, fia_index, &ir_shared).await.unwrap();
    assert_eq!((outcome.entries, outcome.hits, outcome.new_hits), (4, 2, 2), "{outcome:?}");
    let hits = app.hits(&inv).await.unwrap();
    let mut kinds: Vec<&str> = hits.iter().map(|h| h.kind.as_str()).collect();
    kinds.sort();
    assert_eq!(kinds, ["name_year", "phone"]);
    for h in &hits {
        assert_eq!(
            (h.held_by.as_str(), h.epoch.as_str(), h.case_reference.as_str()),
            ("Border Guard", "2026-Q4", "F-1")
        );
        assert!(h.record.starts_with("Person Mohammad Ali Khan"), "{h:?}");
        assert_eq!(h.held_by_org.as_ref().map(|o| o.1.as_str()), Some("IR"));
    }
    // Uploading the same file again finds nothing new.
    assert_eq!(app.hit_compare(&inv, fia_index, &ir_shared).await.unwrap().new_hits, 0);
    assert_eq!(app.hits(&inv).await.unwrap().len(), 2);
    // And the Border Guard, from FIA's shared index: its side of the same two.
    let theirs_outcome = app.hit_compare(&iran, ir_index, &fia_shared).await.unwrap();
    assert_eq!(theirs_outcome.hits, 2);
    // Each sees only the hits of cases they may read.
    assert!(app.hits(&iran).await.unwrap().iter().all(|h| h.held_by == "FIA Lahore"));
    assert!(app.hits(&viewer).await.unwrap().is_empty());

    // Another epoch, or a malformed value, refuses the file naming line and field.
    let other_epoch = ir_shared.replace("2026-Q4", "2027-Q1");
    let rows = refused(app.hit_compare(&inv, fia_index, &other_epoch).await);
    assert!(rows[0].starts_with("peer index, line 2, field epoch"), "{rows:?}");
    let mut bad: Vec<String> = ir_shared.lines().map(str::to_owned).collect();
    bad[3] = format!("Border Guard,2026-Q4,phone,zz,{}", praxis_match::blind::PROTOCOL_NAME);
    bad[2] = bad[2]
        .replace(",phone,", ",telex,")
        .replace(",account,", ",telex,")
        .replace(",name_year,", ",telex,");
    let rows = refused(app.hit_compare(&inv, fia_index, &(bad.join("\n") + "\n")).await);
    assert!(rows.iter().any(|r| r.contains("line 4, field value")), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("line 3, field kind")), "{rows:?}");
    // A file of the earlier protocol version, whose values could never match, is refused.
    let v1 = ir_shared.replace(praxis_match::blind::PROTOCOL_NAME, "praxis/hit-no-hit/v1");
    let rows = refused(app.hit_compare(&inv, fia_index, &v1).await);
    assert!(rows[0].starts_with("peer index, line 2, field protocol"), "{rows:?}");
    let unversioned: String =
        ir_shared.lines().map(|l| l.rsplit_once(',').map_or(l, |(head, _)| head).to_owned() + "\n").collect();
    let rows = refused(app.hit_compare(&inv, fia_index, &unversioned).await);
    assert!(rows[0].contains("line 1, field protocol: no such column"), "{rows:?}");
    assert_eq!(app.hits(&inv).await.unwrap().len(), 2, "nothing kept from refused files");

    // A hit drafts a cooperation request to its holder, once.
    let hit = &app.hits(&inv).await.unwrap()[0];
    let request_id = app.draft_request_from_hit(&inv, hit.id, &DraftInput::default()).await.unwrap();
    let r = app.request(&inv, request_id).await.unwrap();
    assert_eq!((r.requested_country.as_str(), r.requested_org.as_deref()), ("IR", Some("Border Guard")));
    assert_eq!(r.case, Some(ours));
    assert!(
        r.subject_matter.contains("F-1") && r.subject_matter.contains(&hit.kind.replace('_', " + ")),
        "{}",
        r.subject_matter
    );
    assert_eq!(app.draft_request_from_hit(&inv, hit.id, &DraftInput::default()).await.unwrap(), request_id);
    assert!(matches!(
        app.draft_request_from_hit(&iran, hit.id, &DraftInput::default()).await,
        Err(AppError::Denied(_))
    ));

    // The quota: FIA has had 5 evaluated of 9; its request again (5 more) is refused whole, and
    // logged.
    let fia_request = app.hit_request_csv(&inv, fia_index).await.unwrap();
    match app.hit_evaluate(&inv, &fia_request).await {
        Err(AppError::Invalid(v)) => assert_eq!(v.code, "quota", "{v:?}"),
        other => panic!("{other:?}"),
    }
    let log = app.hit_evaluations(&overseer).await.unwrap();
    let outcomes: Vec<(&str, i64, &str)> =
        log.iter().map(|e| (e.organisation.as_str(), e.elements, e.outcome.as_str())).collect();
    assert_eq!(
        outcomes,
        [
            ("FIA Lahore", 5, "refused: quota"),
            ("Border Guard", 4, "evaluated"),
            ("FIA Lahore", 5, "evaluated")
        ],
        "the request labelled as another organisation was refused before it counted"
    );
    assert_eq!(
        app.hit_evaluations(&admin).await.unwrap().len(),
        2,
        "an administrator sees their organisation's"
    );
    assert!(matches!(app.hit_evaluations(&inv).await, Err(AppError::Denied(_))));
    // One click over the quota: the index waits for a key holder, as if built step by step.
    let (again, job) = app.start_hit_index(&inv, &input).await.unwrap();
    assert_eq!(built(&app, &inv, again, job).await, "blinded");
    let failed = serde_json::to_value(app.job(&inv, job).await.unwrap()).unwrap();
    assert_eq!(failed["status"], "failed", "{failed}");
    assert!(failed["message"].as_str().unwrap().contains("quota"), "{failed}");

    // Nothing audited names a selector.
    let audit = app.list_audit(&Caller::Cli, None, 1000).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "hit.compare"));
    for a in audit.iter().filter(|a| a.action.starts_with("hit.")) {
        for secret in ["923001234567", "AB1234567", "QTA", "HBL", "IR777"] {
            assert!(!a.detail.contains(secret), "{secret} in {a:?}");
        }
    }
}

both_backends!(two_organisations_find_what_they_share_and_nothing_else);

async fn a_deployment_without_a_key_says_so(backend: Backend) {
    let (_db, app) = app_with(backend, HitConfig::default()).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    assert!(!app.hit_key_holder().key_holder);
    match app
        .hit_evaluate(
            &inv,
            "organisation,epoch,blinded,protocol\nFIA Lahore,2026-Q4,00,praxis/hit-no-hit/v2\n",
        )
        .await
    {
        Err(AppError::Invalid(v)) => assert_eq!(v.code, "not_key_holder", "{v:?}"),
        other => panic!("{other:?}"),
    }
    let one_click = BuildInput { epoch: "2026-Q4".into(), evaluate_here: true };
    assert!(matches!(app.start_hit_index(&inv, &one_click).await, Err(AppError::Invalid(_))));
}

both_backends!(a_deployment_without_a_key_says_so);

async fn the_demo_has_a_hit_between_fia_and_the_border_guard(backend: Backend) {
    let (_db, app) = app_with(backend, HitConfig::default()).await;
    app.seed_demo().await.unwrap();
    let login = app.login("imran.shah", praxis_app::DEMO_PASSWORD, "test").await.unwrap();
    let imran = Caller::User(app.session(&login.session_token).await.unwrap().actor);
    let hits = app.hits(&imran).await.unwrap();
    let border_guard = "Border Guard Command, Islamic Republic of Iran";
    assert!(hits.iter().all(|h| h.held_by == border_guard && h.epoch == "2026-Q4"), "{hits:?}");
    assert!(
        hits.iter().any(|h| h.kind == "phone" && h.record.contains("Mohammad Ali Khan")),
        "the organiser's phone: {hits:?}"
    );
    let indexes = app.hit_indexes(&imran).await.unwrap();
    assert_eq!(indexes.len(), 1);
    assert_eq!((indexes[0].status.as_str(), indexes[0].epoch.as_str()), ("final", "2026-Q4"));
}

both_backends!(the_demo_has_a_hit_between_fia_and_the_border_guard);

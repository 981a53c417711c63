//! Cases through the application layer: the case file, its history, subjects and protected
//! persons, who sees what, and what is audited.

use praxis_app::cases::{
    CaseFilter, EventInput, NewCaseInput, OffenceInput, PersonIdentity, PersonInput, StageInput,
    SubjectInput, SubjectUpdate,
};
use praxis_app::{App, AppError, Caller, NewOrgInput, NewUserInput};
use praxis_model::{PersonKind, Stage, SubjectStatus};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;

const PASSWORD: &str = "harbour-lantern-saffron-42";
const VICTIM_NAME: &str = "Shabana Bibi";

pub(crate) async fn org(app: &App, name: &str, jurisdiction: &str) -> i64 {
    let input = NewOrgInput {
        name: name.into(),
        kind: "police".into(),
        jurisdiction: jurisdiction.into(),
        platform_operator: false,
    };
    app.create_org(&Caller::Cli, &input).await.unwrap().0
}

pub(crate) async fn user(app: &App, org: i64, name: &str, role: &str) -> Caller {
    let input = NewUserInput {
        org_id: org,
        username: name.into(),
        display_name: name.into(),
        email: String::new(),
        password: PASSWORD.into(),
        roles: vec![role.into()],
        locale: None,
    };
    app.create_user(&Caller::Cli, &input).await.unwrap();
    let login = app.login(name, PASSWORD, "test").await.unwrap();
    Caller::User(app.session(&login.session_token).await.unwrap().actor)
}

fn new_case(reference: &str) -> NewCaseInput {
    NewCaseInput {
        reference: reference.into(),
        title: "Smuggling network Quetta–Zahedan".into(),
        crime_type: "som".into(),
        stage: None,
        summary: "Migrants moved through Balochistan to Iran.".into(),
        jurisdictions: vec!["PK-BA".into(), "IR".into()],
    }
}

fn victim() -> PersonInput {
    PersonInput {
        kind: "victim".into(),
        sex: Some("female".into()),
        age_band: Some("12_17".into()),
        nationality: "PK".into(),
        exploitation: "domestic servitude".into(),
        violence: true,
        identity: PersonIdentity {
            full_name: VICTIM_NAME.into(),
            date_of_birth: "2010-04-02".into(),
            contact: "+92 300 1234567".into(),
            notes: String::new(),
        },
    }
}

async fn a_case_carries_its_history_subjects_and_pseudonymous_persons(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let id = app.create_case(&inv, &new_case("FIA/2026/014")).await.unwrap();
    assert!(
        matches!(app.create_case(&inv, &new_case("FIA/2026/014")).await, Err(AppError::Conflict(_))),
        "a reference is unique within the organisation"
    );

    app.add_offence(
        &inv,
        id,
        &OffenceInput {
            offence: "smuggling_of_migrants".into(),
            provision: "Prevention of Smuggling of Migrants Act 2018, s. 3".into(),
            jurisdiction: None,
        },
    )
    .await
    .unwrap();
    let organiser = app
        .add_subject(
            &inv,
            id,
            &SubjectInput {
                name: "Mohammad Ali Khan".into(),
                aliases: "Haji Sahib".into(),
                network_role: "organiser".into(),
                status: None,
                nationality: "PK".into(),
                notes: String::new(),
                accounts: "PK-QTA-0101, PK-QTA-0101".into(),
            },
        )
        .await
        .unwrap();
    app.update_subject(
        &inv,
        id,
        organiser,
        &SubjectUpdate { network_role: None, status: Some("arrested".into()), accounts: None },
    )
    .await
    .unwrap();
    app.set_case_stage(
        &inv,
        id,
        &StageInput { stage: "investigation".into(), note: "FIR registered".into() },
    )
    .await
    .unwrap();
    let v1 = app.add_person(&inv, id, &victim()).await.unwrap();
    let v2 = app.add_person(&inv, id, &victim()).await.unwrap();
    let m1 =
        app.add_person(&inv, id, &PersonInput { kind: "smuggled_migrant".into(), ..victim() }).await.unwrap();
    assert_eq!(
        (v1.pseudonym.as_str(), v2.pseudonym.as_str(), m1.pseudonym.as_str()),
        ("V-001", "V-002", "M-001")
    );
    assert!(v1.child);
    // Pseudonym numbers run across the organisation's cases.
    let other = app.create_case(&inv, &new_case("FIA/2026/015")).await.unwrap();
    assert_eq!(app.add_person(&inv, other, &victim()).await.unwrap().pseudonym, "V-003");
    app.add_case_event(
        &inv,
        id,
        &EventInput {
            occurred_on: "2026-03-04".into(),
            title: "Raid in Quetta".into(),
            detail: String::new(),
        },
    )
    .await
    .unwrap();

    let view = app.case(&inv, id).await.unwrap();
    assert_eq!(view.case.stage, Stage::Investigation);
    assert_eq!(
        view.stage_history.iter().map(|h| h.stage).collect::<Vec<_>>(),
        [Stage::Intelligence, Stage::Investigation]
    );
    assert_eq!(view.stage_history[1].note, "FIR registered");
    assert_eq!(view.case.jurisdictions, ["IR", "PK-BA"]);
    assert_eq!(view.offences[0].jurisdiction, "IR", "defaults to the case's first jurisdiction");
    assert_eq!(view.subjects[0].status, SubjectStatus::Arrested);
    assert_eq!(view.subjects[0].accounts, ["PK-QTA-0101"], "accounts are kept once each");
    assert_eq!(view.persons.len(), 3);
    assert_eq!(view.persons[2].kind, PersonKind::SmuggledMigrant);
    assert_eq!(view.timeline[0].title, "Raid in Quetta");
    assert_eq!(view.team.iter().map(|m| m.username.as_str()).collect::<Vec<_>>(), ["inv"]);
    assert!(view.permissions.write && view.permissions.identities);
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains(VICTIM_NAME) && !json.contains("1234567"), "no identity in the case view");

    let shown = app.reveal_person(&inv, id, v1.id).await.unwrap();
    assert_eq!(shown.identity.full_name, VICTIM_NAME);
    assert_eq!(shown.pseudonym, "V-001");

    // Nothing identifying in the audit log.
    let audit = app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    for e in &audit {
        assert!(!e.detail.to_string().contains(VICTIM_NAME), "{e:?}");
    }
    for action in [
        "case.create",
        "case.stage",
        "case.offence.add",
        "case.subject.add",
        "case.subject.update",
        "case.person.add",
        "case.event.add",
        "case.read",
        "protected.read",
    ] {
        assert!(audit.iter().any(|e| e.action == action), "{action} is audited");
    }
    assert!(app.verify_audit(&Caller::Cli).await.unwrap().first_break.is_none());
}

async fn only_the_case_team_sees_identities_and_outsiders_see_nothing(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let cid = org(&app, "CID Dhaka", "BD").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let colleague = user(&app, fia, "colleague", "investigator").await;
    let viewer = user(&app, fia, "viewer", "viewer").await;
    let foreign = user(&app, cid, "foreign", "investigator").await;
    let id = app.create_case(&inv, &new_case("FIA/2026/020")).await.unwrap();
    let v = app.add_person(&inv, id, &victim()).await.unwrap();

    // A colleague reads the case (pseudonyms) but not the identity, and cannot add a person.
    let view = app.case(&colleague, id).await.unwrap();
    assert!(view.permissions.write && !view.permissions.identities);
    assert!(matches!(app.reveal_person(&colleague, id, v.id).await, Err(AppError::Denied(_))));
    assert!(matches!(app.add_person(&colleague, id, &victim()).await, Err(AppError::Denied(_))));
    // Once on the team, they may.
    app.add_case_member(&inv, id, "colleague").await.unwrap();
    assert_eq!(app.reveal_person(&colleague, id, v.id).await.unwrap().identity.full_name, VICTIM_NAME);
    app.remove_case_member(
        &inv,
        id,
        match &colleague {
            Caller::User(a) => a.user_id.0,
            _ => unreachable!(),
        },
    )
    .await
    .unwrap();
    assert!(matches!(app.reveal_person(&colleague, id, v.id).await, Err(AppError::Denied(_))));
    // The team is drawn from the owning organisation (or those the case is shared with).
    assert!(matches!(app.add_case_member(&inv, id, "foreign").await, Err(AppError::Invalid(_))));

    for outsider in [&viewer, &foreign] {
        assert!(matches!(app.case(outsider, id).await, Err(AppError::Denied(_))));
        assert!(matches!(app.reveal_person(outsider, id, v.id).await, Err(AppError::Denied(_))));
        assert!(matches!(
            app.set_case_stage(outsider, id, &StageInput { stage: "closed".into(), note: String::new() })
                .await,
            Err(AppError::Denied(_))
        ));
        assert!(app.cases(outsider, &CaseFilter::default()).await.unwrap().is_empty());
    }
    assert!(matches!(app.create_case(&viewer, &new_case("X")).await, Err(AppError::Denied(_))));
    let denied = app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    assert!(
        denied.iter().any(|e| e.action == "protected.read" && e.outcome == "denied"),
        "refused reveals are audited"
    );
}

async fn bad_input_names_the_field(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let field = |r: Result<i64, AppError>| match r {
        Err(AppError::Invalid(v)) => v.field,
        other => panic!("expected an invalid value, got {other:?}"),
    };
    assert_eq!(
        field(app.create_case(&inv, &NewCaseInput { crime_type: "piracy".into(), ..new_case("A") }).await),
        "crime_type"
    );
    assert_eq!(
        field(
            app.create_case(&inv, &NewCaseInput { jurisdictions: vec!["XX".into()], ..new_case("A") }).await
        ),
        "jurisdictions"
    );
    assert_eq!(
        field(app.create_case(&inv, &NewCaseInput { title: " ".into(), ..new_case("A") }).await),
        "title"
    );
    let id = app.create_case(&inv, &new_case("A")).await.unwrap();
    assert_eq!(
        field(
            app.add_case_event(
                &inv,
                id,
                &EventInput { occurred_on: "04/03/2026".into(), title: "Raid".into(), detail: String::new() }
            )
            .await
        ),
        "occurred_on"
    );
    assert_eq!(
        field(
            app.add_subject(
                &inv,
                id,
                &SubjectInput { name: "X".into(), network_role: "kingpin".into(), ..Default::default() }
            )
            .await
        ),
        "network_role"
    );
    let nameless = PersonInput { identity: PersonIdentity::default(), ..victim() };
    assert!(
        matches!(app.add_person(&inv, id, &nameless).await, Err(AppError::Invalid(v)) if v.field == "full_name")
    );
    assert!(matches!(
        app.set_case_stage(&inv, id, &StageInput { stage: "intelligence".into(), note: String::new() }).await,
        Err(AppError::Invalid(v)) if v.field == "stage"
    ));
    // Nothing half-written: one case, no persons.
    assert_eq!(app.cases(&inv, &CaseFilter::default()).await.unwrap().len(), 1);
    assert!(app.case(&inv, id).await.unwrap().persons.is_empty());
}

async fn the_list_filters_by_crime_type_stage_country_and_words(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let som = app.create_case(&inv, &new_case("SOM-1")).await.unwrap();
    let tip = app
        .create_case(
            &inv,
            &NewCaseInput {
                reference: "TIP-1".into(),
                title: "Brick kiln bonded labour".into(),
                crime_type: "tip".into(),
                stage: Some("prosecution".into()),
                summary: String::new(),
                jurisdictions: vec![],
            },
        )
        .await
        .unwrap();
    let ids = |f: CaseFilter| {
        let app = app.clone();
        let inv = inv.clone();
        async move { app.cases(&inv, &f).await.unwrap().into_iter().map(|c| c.id).collect::<Vec<_>>() }
    };
    assert_eq!(ids(CaseFilter { crime_type: Some("tip".into()), ..Default::default() }).await, [tip]);
    assert_eq!(ids(CaseFilter { stage: Some("intelligence".into()), ..Default::default() }).await, [som]);
    assert_eq!(ids(CaseFilter { jurisdiction: Some("IR".into()), ..Default::default() }).await, [som]);
    assert_eq!(ids(CaseFilter { jurisdiction: Some("PK".into()), ..Default::default() }).await.len(), 2);
    assert_eq!(ids(CaseFilter { q: Some("kiln".into()), ..Default::default() }).await, [tip]);
    assert!(app
        .cases(&inv, &CaseFilter { stage: Some("dormant".into()), ..Default::default() })
        .await
        .is_err());
}

both_backends!(a_case_carries_its_history_subjects_and_pseudonymous_persons);
both_backends!(only_the_case_team_sees_identities_and_outsiders_see_nothing);
both_backends!(bad_input_names_the_field);
both_backends!(the_list_filters_by_crime_type_stage_country_and_words);

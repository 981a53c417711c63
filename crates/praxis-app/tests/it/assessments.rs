//! National assessments through the application layer: a TIP assessment planned, in progress and
//! validated by a second person, with findings, recommendations and the stakeholders consulted
//! scored in the assessment; who reads, writes and creates; the fields named in refusals (nothing
//! written); and the demo.

use praxis_app::assessments::{
    AssessmentInput, ConsultedInput, FindingInput, RecommendationInput, StatusInput,
};
use praxis_app::engagement::{NewCountryInput, StakeholderInput};
use praxis_app::{App, AppError, Caller, NewOrgInput, DEMO_PASSWORD};
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

struct World {
    officer: Caller,
    officer2: Caller,
    focal_pk: Caller,
    focal_bd: Caller,
    investigator_pk: Caller,
    /// The ids of Pakistan's stakeholders (influence 4, interest 3; influence 5, interest 4) and
    /// of Bangladesh's.
    pk_stakeholders: Vec<i64>,
    bd_stakeholder: i64,
}

async fn world(app: &App) -> World {
    let un = org(app, "UN Country Office Pakistan", "international", "PK").await;
    let ministry = org(app, "Ministry of Interior", "ministry", "PK").await;
    let committee = org(app, "Counter-Trafficking Committee", "national_committee", "BD").await;
    let fia = org(app, "FIA Lahore", "police", "PK-PB").await;
    let w = World {
        officer: user(app, un, "officer", "programme_officer").await,
        officer2: user(app, un, "officer2", "programme_officer").await,
        focal_pk: user(app, ministry, "focal.pk", "focal_point").await,
        focal_bd: user(app, committee, "focal.bd", "focal_point").await,
        investigator_pk: user(app, fia, "inv.pk", "investigator").await,
        pk_stakeholders: vec![],
        bd_stakeholder: 0,
    };
    let mut pk = vec![];
    let mut bd = 0;
    for code in ["PK", "BD"] {
        let input =
            NewCountryInput { country: code.into(), modality: "joint".into(), protocol: String::new() };
        app.open_partner_country(&w.officer, &input).await.unwrap();
        for (name, prong, influence, interest) in [
            ("Permanent Representative", "vienna_mission", "4", "3"),
            ("Federal Secretary", "capital_high_level", "5", "4"),
        ] {
            let input = StakeholderInput {
                name: name.into(),
                institution: format!("Government of {code}"),
                prong: prong.into(),
                influence: influence.into(),
                interest: interest.into(),
                note: String::new(),
            };
            let id = app.add_stakeholder(&w.officer, code, &input).await.unwrap();
            if code == "PK" {
                pk.push(id);
            } else {
                bd = id;
            }
        }
    }
    World { pk_stakeholders: pk, bd_stakeholder: bd, ..w }
}

fn tip(country: &str) -> AssessmentInput {
    AssessmentInput {
        country: country.into(),
        kind: "tip".into(),
        title: "National assessment of trafficking in persons".into(),
        period_start: "2025-01-01".into(),
        period_end: "2025-12-31".into(),
        methods: vec!["interviews".into(), "desk_review".into()],
        planned_on: Some("2025-09-01".into()),
    }
}

fn finding(pillar: &str, text: &str) -> FindingInput {
    FindingInput { pillar: pillar.into(), finding: text.into() }
}

fn recommendation(priority: &str, pillar: &str, text: &str) -> RecommendationInput {
    RecommendationInput { priority: priority.into(), pillar: pillar.into(), recommendation: text.into() }
}

fn consulted(id: i64, influence: &str, interest: &str) -> ConsultedInput {
    ConsultedInput {
        stakeholder: id.to_string(),
        influence: influence.into(),
        interest: interest.into(),
        note: "Met in Islamabad".into(),
    }
}

fn status(s: &str, on: &str) -> StatusInput {
    StatusInput { status: s.into(), on: Some(on.into()), note: String::new() }
}

fn field_of(r: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(AppError::Invalid(v)) => v.field,
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

async fn audit_head(app: &App) -> i64 {
    app.list_audit(&Caller::Cli, None, 1).await.unwrap()[0].seq
}

async fn an_assessment_is_validated_by_a_second_pair_of_eyes(backend: Backend) {
    let (_db, app) = app(backend).await;
    let w = world(&app).await;
    let id = app.create_assessment(&w.officer, &tip("pk")).await.unwrap();
    let v = app.assessment(&w.officer, id).await.unwrap();
    assert_eq!((v.summary.country.as_str(), v.summary.status.as_str()), ("PK", "planned"));
    assert_eq!(v.summary.status_on, "2025-09-01");
    assert_eq!(v.methods, ["desk_review", "interviews"], "in the vocabulary's order");
    assert_eq!(v.not_consulted.len(), 2);

    // Findings, recommendations (by priority), a stakeholder scored differently from today.
    app.add_assessment_finding(
        &w.officer,
        id,
        &finding("protection", "No shelter for men outside Islamabad"),
    )
    .await
    .unwrap();
    app.add_assessment_finding(&w.focal_pk, id, &finding("capacity_building", "Few financial investigators"))
        .await
        .unwrap();
    app.add_assessment_recommendation(
        &w.officer,
        id,
        &recommendation("2", "legislative_review", "Amend the Act"),
    )
    .await
    .unwrap();
    app.add_assessment_recommendation(&w.officer, id, &recommendation("1", "protection", "Open shelters"))
        .await
        .unwrap();
    app.add_assessment_stakeholder(&w.officer, id, &consulted(w.pk_stakeholders[0], "2", "5")).await.unwrap();
    let v = app.assessment(&w.officer, id).await.unwrap();
    assert_eq!(v.findings.len(), 2);
    assert_eq!(v.recommendations.iter().map(|r| r.priority).collect::<Vec<_>>(), [1, 2]);
    let k = &v.stakeholders[0];
    assert_eq!((k.influence, k.interest), (2, 5), "scored in this assessment");
    assert_eq!(
        (k.current_influence, k.current_interest),
        (Some(4), Some(3)),
        "the country's own scores stay"
    );
    assert_eq!(v.not_consulted.len(), 1);
    let country = app.partner_country(&w.officer, "PK").await.unwrap();
    assert_eq!(country.stakeholders.iter().find(|s| s.id == w.pk_stakeholders[0]).unwrap().influence, 4);
    assert_eq!(country.assessments.len(), 1, "listed on the country");

    // Planned → in progress; the creator may not validate; another person may.
    assert_eq!(
        field_of(app.move_assessment(&w.officer, id, &status("validated", "2025-10-01")).await),
        "status"
    );
    app.move_assessment(&w.officer, id, &status("in_progress", "2025-10-06")).await.unwrap();
    let v = app.assessment(&w.officer, id).await.unwrap();
    assert!(v.permissions.next_status.is_empty(), "the creator is offered no validation");
    let head = audit_head(&app).await;
    let r = app.move_assessment(&w.officer, id, &status("validated", "2026-02-19")).await;
    assert!(matches!(r, Err(AppError::Denied(_))), "{r:?}");
    assert_eq!(audit_head(&app).await, head, "nothing written");
    assert_eq!(
        field_of(app.move_assessment(&w.focal_pk, id, &status("validated", "2025-10-01")).await),
        "on"
    );
    let v = app.assessment(&w.focal_pk, id).await.unwrap();
    assert_eq!(v.permissions.next_status, ["validated"]);
    app.move_assessment(&w.focal_pk, id, &status("validated", "2026-02-19")).await.unwrap();
    let v = app.assessment(&w.officer2, id).await.unwrap();
    assert_eq!(
        v.history.iter().map(|h| (h.status.as_str(), h.on.as_str())).collect::<Vec<_>>(),
        [("planned", "2025-09-01"), ("in_progress", "2025-10-06"), ("validated", "2026-02-19")]
    );
    assert_eq!(v.history[2].recorded_by.as_deref(), Some("focal.pk"));

    // A validated assessment no longer changes.
    assert!(!v.permissions.write && v.permissions.next_status.is_empty());
    assert_eq!(
        field_of(app.add_assessment_finding(&w.officer, id, &finding("protection", "Late")).await),
        "status"
    );
    assert_eq!(
        field_of(app.move_assessment(&w.officer2, id, &status("in_progress", "2026-03-01")).await),
        "status"
    );
}

async fn only_programme_staff_of_the_country_read_and_only_officers_create(backend: Backend) {
    let (_db, app) = app(backend).await;
    let w = world(&app).await;
    assert!(matches!(app.create_assessment(&w.focal_pk, &tip("PK")).await, Err(AppError::Denied(_))));
    assert!(matches!(app.create_assessment(&w.investigator_pk, &tip("PK")).await, Err(AppError::Denied(_))));
    assert!(matches!(app.create_assessment(&w.focal_bd, &tip("PK")).await, Err(AppError::Denied(_))));
    assert!(app.may_create_assessment(&w.officer, "PK").await.unwrap());
    assert!(!app.may_create_assessment(&w.focal_pk, "PK").await.unwrap());
    let id = app.create_assessment(&w.officer, &tip("PK")).await.unwrap();
    let bd = app.create_assessment(&w.officer, &tip("BD")).await.unwrap();

    for outsider in [&w.investigator_pk, &w.focal_bd] {
        assert!(matches!(app.assessment(outsider, id).await, Err(AppError::Denied(_))));
        let r = app.add_assessment_finding(outsider, id, &finding("protection", "Forged finding")).await;
        assert!(matches!(r, Err(AppError::Denied(_))), "{r:?}");
    }
    assert!(app.assessments(&w.investigator_pk, None).await.unwrap().is_empty());
    let seen: Vec<i64> = app.assessments(&w.focal_bd, None).await.unwrap().iter().map(|a| a.id).collect();
    assert_eq!(seen, [bd], "Bangladesh's focal point sees Bangladesh's only");
    let seen: Vec<i64> =
        app.assessments(&w.officer, Some("pk")).await.unwrap().iter().map(|a| a.id).collect();
    assert_eq!(seen, [id], "filtered by country");
    // The country's focal point writes.
    app.add_assessment_finding(&w.focal_pk, id, &finding("cooperation", "Slow requests")).await.unwrap();
    assert_eq!(app.assessment(&w.focal_pk, id).await.unwrap().findings.len(), 1);
}

async fn bad_input_names_the_field_and_writes_nothing(backend: Backend) {
    let (_db, app) = app(backend).await;
    let w = world(&app).await;
    let head = audit_head(&app).await;
    let o = &w.officer;
    let with = |f: &dyn Fn(&mut AssessmentInput)| {
        let mut i = tip("PK");
        f(&mut i);
        i
    };
    let cases: Vec<(AssessmentInput, &str)> = vec![
        (with(&|i| i.kind = "trafficking".into()), "kind"),
        (with(&|i| i.title = " ".into()), "title"),
        (with(&|i| i.period_start = "2025-13-01".into()), "period_start"),
        (with(&|i| i.period_end = "2024-12-31".into()), "period_end"),
        (with(&|i| i.methods = vec![]), "methods"),
        (with(&|i| i.methods = vec!["survey".into()]), "methods"),
        (with(&|i| i.planned_on = Some("2999-01-01".into())), "planned_on"),
        (with(&|i| i.country = "XK".into()), "country"),
    ];
    for (input, field) in cases {
        assert_eq!(field_of(app.create_assessment(o, &input).await), field, "{input:?}");
    }
    assert_eq!(audit_head(&app).await, head, "nothing written");
    assert!(app.assessments(o, None).await.unwrap().is_empty());

    let id = app.create_assessment(o, &tip("PK")).await.unwrap();
    let head = audit_head(&app).await;
    assert_eq!(
        field_of(app.add_assessment_finding(o, id, &finding("justice", "Text of a finding")).await),
        "pillar"
    );
    assert_eq!(field_of(app.add_assessment_finding(o, id, &finding("protection", "")).await), "finding");
    for (priority, pillar, field) in
        [("4", "protection", "priority"), ("0", "protection", "priority"), ("1", "", "pillar")]
    {
        let r = app.add_assessment_recommendation(o, id, &recommendation(priority, pillar, "Do it")).await;
        assert_eq!(field_of(r), field);
    }
    assert_eq!(
        field_of(app.add_assessment_stakeholder(o, id, &consulted(w.bd_stakeholder, "3", "3")).await),
        "stakeholder",
        "another country's stakeholder"
    );
    assert_eq!(
        field_of(app.add_assessment_stakeholder(o, id, &consulted(w.pk_stakeholders[0], "6", "3")).await),
        "influence"
    );
    assert_eq!(
        field_of(app.add_assessment_stakeholder(o, id, &consulted(w.pk_stakeholders[0], "3", "x")).await),
        "interest"
    );
    assert_eq!(field_of(app.move_assessment(o, id, &status("done", "2025-10-01")).await), "status");
    assert_eq!(field_of(app.move_assessment(o, id, &status("in_progress", "2025-08-01")).await), "on");
    assert_eq!(audit_head(&app).await, head, "nothing written");
    // A stakeholder is consulted once.
    app.add_assessment_stakeholder(o, id, &consulted(w.pk_stakeholders[1], "3", "3")).await.unwrap();
    assert_eq!(
        field_of(app.add_assessment_stakeholder(o, id, &consulted(w.pk_stakeholders[1], "4", "4")).await),
        "stakeholder"
    );
    // Validation needs a finding.
    app.move_assessment(o, id, &status("in_progress", "2025-10-01")).await.unwrap();
    assert_eq!(
        field_of(app.move_assessment(&w.focal_pk, id, &status("validated", "2025-11-01")).await),
        "status"
    );
}

async fn the_demo_has_a_validated_tip_assessment_and_an_som_one_in_progress(backend: Backend) {
    let (_db, app) = app(backend).await;
    app.seed_demo().await.unwrap();
    let login = app.login("tariq.mahmood", DEMO_PASSWORD, "test").await.unwrap();
    let officer = Caller::User(app.session(&login.session_token).await.unwrap().actor);
    let list = app.assessments(&officer, None).await.unwrap();
    let summary: Vec<(&str, &str, &str)> =
        list.iter().map(|a| (a.country.as_str(), a.kind.as_str(), a.status.as_str())).collect();
    assert!(summary.contains(&("PK", "tip", "validated")), "{summary:?}");
    assert!(summary.contains(&("IQ", "som", "in_progress")), "{summary:?}");
    let pk = list.iter().find(|a| a.country == "PK").unwrap();
    let v = app.assessment(&officer, pk.id).await.unwrap();
    assert_eq!(
        v.history.last().unwrap().recorded_by.as_deref(),
        Some("Bilal Ahmed"),
        "validated by the focal point"
    );
    assert!(v.findings.len() >= 3 && v.recommendations.len() >= 3 && v.stakeholders.len() >= 3);
    assert!(
        v.stakeholders.iter().any(|k| k.current_influence != Some(k.influence)),
        "a stakeholder scored differently from today"
    );
    let iq = list.iter().find(|a| a.country == "IQ").unwrap();
    assert!(!app.assessment(&officer, iq.id).await.unwrap().stakeholders.is_empty());
}

both_backends!(an_assessment_is_validated_by_a_second_pair_of_eyes);
both_backends!(only_programme_staff_of_the_country_read_and_only_officers_create);
both_backends!(bad_input_names_the_field_and_writes_nothing);
both_backends!(the_demo_has_a_validated_tip_assessment_and_an_som_one_in_progress);

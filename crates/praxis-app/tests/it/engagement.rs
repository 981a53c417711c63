//! Partner countries and consultative missions through the application layer: the stage history
//! checked by the engine, who reads and writes, the fields named in refusals (nothing written),
//! a need turned into an activity once (shown both ways), exit readiness, and the demo.

use praxis_app::engagement::{
    FocalPointInput, LogInput, NewCountryInput, OwnershipInput, ProfileInput, StakeholderInput, StepInput,
};
use praxis_app::indicators::IndicatorFilter;
use praxis_app::missions::{MissionInput, NeedActivityInput, NeedInput};
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

fn country(code: &str) -> NewCountryInput {
    NewCountryInput {
        country: code.into(),
        modality: "joint".into(),
        protocol: "Through the mission in Vienna.".into(),
    }
}

fn step(stage: &str, on: &str, evidence: &str, note: &str) -> StepInput {
    StepInput { stage: stage.into(), on: Some(on.into()), evidence: evidence.into(), note: note.into() }
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

fn mission(code: &str) -> MissionInput {
    MissionInput {
        country: code.into(),
        title: "Consultative mission to Islamabad".into(),
        start_on: "2025-03-03".into(),
        end_on: "2025-03-10".into(),
        place: "Islamabad".into(),
        in_capital: true,
        groups: vec!["law_enforcement".into(), "civil_society senior_officials".into()],
        findings: "Few financial investigations.".into(),
    }
}

async fn a_country_moves_through_stages_with_evidence(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    app.open_partner_country(&p.officer, &country("pk")).await.unwrap();
    let view = app.partner_country(&p.officer, "PK").await.unwrap();
    assert_eq!(view.summary.stage, None, "no stage before the first step");
    app.record_engagement_step(&p.officer, "PK", &step("consultation", "2025-03-10", "Mission report", ""))
        .await
        .unwrap();
    app.record_engagement_step(
        &p.focal_pk,
        "PK",
        &step("partnership", "2025-11-05", "MoU\nNomination; letter", ""),
    )
    .await
    .unwrap();
    // The engine refuses: the same stage again, a date before the latest step, going back
    // without a note.
    let again =
        app.record_engagement_step(&p.officer, "PK", &step("partnership", "2026-01-01", "Letter", "")).await;
    assert_eq!(field_of(again), "stage");
    let early =
        app.record_engagement_step(&p.officer, "PK", &step("ownership", "2025-10-01", "Budget", "")).await;
    assert_eq!(field_of(early), "on");
    let back =
        app.record_engagement_step(&p.officer, "PK", &step("consultation", "2026-01-01", "Letter", "")).await;
    assert_eq!(field_of(back), "note");
    let bare =
        app.record_engagement_step(&p.officer, "PK", &step("ownership", "2026-01-01", " ; ", "")).await;
    assert_eq!(field_of(bare), "evidence");
    app.record_engagement_step(
        &p.officer,
        "PK",
        &step("consultation", "2026-01-01", "Letter", "The ministry withdrew"),
    )
    .await
    .unwrap();
    let view = app.partner_country(&p.officer, "PK").await.unwrap();
    let stages: Vec<&str> = view.steps.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(stages, ["consultation", "partnership", "consultation"]);
    assert_eq!(view.steps[1].evidence, ["MoU", "Nomination", "letter"]);
    assert_eq!(view.steps[2].note, "The ministry withdrew");
    assert_eq!(view.summary.stage.as_deref(), Some("consultation"));
    assert_eq!(view.summary.stage_since.as_deref(), Some("2026-01-01"));
    assert_eq!(view.summary.last_engagement.as_deref(), Some("2026-01-01"));
    assert!(view.permissions.write);
    // The list for the dashboard: the country with its current stage.
    let list = app.partner_countries(&p.officer).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].country.as_str(), list[0].stage.as_deref()), ("PK", Some("consultation")));
    // Every write audited.
    let audit = app.list_audit(&Caller::Cli, None, 20).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "partner_country.stage").count(), 3, "{actions:?}");
    assert!(actions.contains(&"partner_country.open"));
    // One file per country.
    assert!(matches!(app.open_partner_country(&p.officer, &country("PK")).await, Err(AppError::Conflict(_))));
}

async fn only_programme_staff_of_the_country_read_and_write(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    app.open_partner_country(&p.officer, &country("PK")).await.unwrap();
    // Focal points of Pakistan read and write; Bangladesh's do not see it; an investigator has
    // no programme role.
    assert!(app.partner_country(&p.focal_pk, "PK").await.unwrap().permissions.write);
    let log = LogInput {
        kind: "meeting".into(),
        occurred_on: "2026-04-14".into(),
        who: "Ministry of Law".into(),
        summary: "Validation workshop".into(),
        decided: String::new(),
    };
    app.add_engagement_log(&p.focal_pk, "PK", &log).await.unwrap();
    for outsider in [&p.focal_bd, &p.investigator_pk] {
        assert!(matches!(app.partner_country(outsider, "PK").await, Err(AppError::Denied(_))));
        assert!(app.partner_countries(outsider).await.unwrap().is_empty(), "the list hides it");
        assert!(matches!(app.add_engagement_log(outsider, "PK", &log).await, Err(AppError::Denied(_))));
        let profile = ProfileInput { modality: "direct".into(), protocol: String::new() };
        assert!(matches!(app.set_country_profile(outsider, "PK", &profile).await, Err(AppError::Denied(_))));
        assert!(matches!(app.create_mission(outsider, &mission("PK")).await, Err(AppError::Denied(_))));
        assert!(!app.may_open_partner_country(outsider));
    }
    // Focal points write a country's data but do not open countries.
    assert!(matches!(app.open_partner_country(&p.focal_bd, &country("BD")).await, Err(AppError::Denied(_))));
    assert!(matches!(app.partner_country(&p.officer, "IQ").await, Err(AppError::NotFound(_))));
}

async fn bad_input_names_the_field_and_writes_nothing(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    app.open_partner_country(&p.officer, &country("PK")).await.unwrap();
    let m = app.create_mission(&p.officer, &mission("PK")).await.unwrap();
    let before = audit_head(&app).await;
    let o = &p.officer;
    assert_eq!(field_of(app.open_partner_country(o, &country("PK-PB")).await), "country");
    assert_eq!(
        field_of(
            app.open_partner_country(o, &NewCountryInput { modality: "remote".into(), ..country("BD") })
                .await
        ),
        "modality"
    );
    let sh = |influence: &str, prong: &str| StakeholderInput {
        name: "Federal Secretary".into(),
        institution: "Ministry of Interior".into(),
        prong: prong.into(),
        influence: influence.into(),
        interest: "3".into(),
        note: String::new(),
    };
    assert_eq!(field_of(app.add_stakeholder(o, "PK", &sh("6", "capital_high_level")).await), "influence");
    assert_eq!(field_of(app.add_stakeholder(o, "PK", &sh("2.5", "capital_high_level")).await), "influence");
    assert_eq!(field_of(app.add_stakeholder(o, "PK", &sh("4", "embassy")).await), "prong");
    let fp = |username: &str, on: &str| FocalPointInput {
        person: "Karim".into(),
        institution: "Committee".into(),
        role: "Focal point".into(),
        nominated_on: on.into(),
        contact_protocol: String::new(),
        username: Some(username.into()),
    };
    assert_eq!(field_of(app.add_focal_point(o, "PK", &fp("focal.bd", "2026-01-01")).await), "username");
    assert_eq!(field_of(app.add_focal_point(o, "PK", &fp("nobody", "2026-01-01")).await), "username");
    assert_eq!(field_of(app.add_focal_point(o, "PK", &fp("", "01/02/2026")).await), "nominated_on");
    assert_eq!(field_of(app.add_focal_point(o, "PK", &fp("", "2999-01-01")).await), "nominated_on");
    let decision = LogInput {
        kind: "decision".into(),
        occurred_on: "2026-01-01".into(),
        who: "Committee".into(),
        summary: "Meeting".into(),
        decided: String::new(),
    };
    assert_eq!(field_of(app.add_engagement_log(o, "PK", &decision).await), "decided");
    let own = |criterion: &str, status: &str, evidence: &str| OwnershipInput {
        criterion: criterion.into(),
        status: status.into(),
        status_on: Some("2026-01-01".into()),
        evidence: evidence.into(),
    };
    assert_eq!(
        field_of(app.record_ownership(o, "PK", &own("budget_line", "achieved", "")).await),
        "evidence"
    );
    assert_eq!(field_of(app.record_ownership(o, "PK", &own("airport", "achieved", "x")).await), "criterion");
    assert_eq!(field_of(app.record_ownership(o, "PK", &own("curriculum", "done", "x")).await), "status");
    assert_eq!(
        field_of(
            app.create_mission(o, &MissionInput { groups: vec!["journalists".into()], ..mission("PK") })
                .await
        ),
        "groups"
    );
    assert_eq!(
        field_of(app.create_mission(o, &MissionInput { groups: vec![], ..mission("PK") }).await),
        "groups"
    );
    assert_eq!(
        field_of(app.create_mission(o, &MissionInput { end_on: "2025-03-01".into(), ..mission("PK") }).await),
        "end_on"
    );
    let need = |priority: &str, pillar: &str| NeedInput {
        priority: priority.into(),
        pillar: pillar.into(),
        need: "Training".into(),
    };
    assert_eq!(field_of(app.add_mission_need(o, m, &need("0", "protection")).await), "priority");
    assert_eq!(field_of(app.add_mission_need(o, m, &need("1", "training")).await), "pillar");
    assert_eq!(audit_head(&app).await, before, "nothing written");
    let view = app.partner_country(o, "PK").await.unwrap();
    assert!(
        view.stakeholders.is_empty() && view.focal_points.is_empty() && view.ownership_history.is_empty()
    );
    assert_eq!(view.missions.len(), 1);
    assert_eq!(view.missions[0].groups, ["senior_officials", "law_enforcement", "civil_society"]);
}

async fn a_need_becomes_an_activity_once_and_shows_both_ways(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    app.open_partner_country(&p.officer, &country("PK")).await.unwrap();
    let m = app.create_mission(&p.officer, &mission("PK")).await.unwrap();
    // The focal point records a need; turning it into an activity needs a programme officer.
    let need = NeedInput {
        priority: "1".into(),
        pillar: "capacity_building".into(),
        need: "Financial investigation training".into(),
    };
    let n = app.add_mission_need(&p.focal_pk, m, &need).await.unwrap();
    let view = app.mission(&p.focal_pk, m).await.unwrap();
    assert!(view.permissions.write && !view.permissions.make_activity);
    let input = NeedActivityInput {
        identifier: "XX-TEST-PAK-1".into(),
        reporting_org: "XX-TEST".into(),
        start_on: "2026-01-15".into(),
        ..Default::default()
    };
    let activities = |app: &App| {
        let officer = p.officer.clone();
        let app = app.clone();
        async move { app.indicators(&officer, &IndicatorFilter::default()).await.unwrap().activities }
    };
    assert!(matches!(app.make_activity_from_need(&p.focal_pk, m, n, &input).await, Err(AppError::Denied(_))));
    assert!(activities(&app).await.is_empty(), "nothing written");
    // A bad identifier is named, and neither the activity nor the link is written.
    let bad = NeedActivityInput { identifier: "OTHER-1".into(), ..input.clone() };
    assert_eq!(field_of(app.make_activity_from_need(&p.officer, m, n, &bad).await), "identifier");
    assert!(activities(&app).await.is_empty());
    let a = app.make_activity_from_need(&p.officer, m, n, &input).await.unwrap();
    let list = activities(&app).await;
    assert_eq!(list.len(), 1);
    let act = &list[0];
    assert_eq!((act.id, act.title.as_str()), (a, "Financial investigation training"), "title from the need");
    assert_eq!(act.country.as_deref(), Some("PK"));
    assert_eq!(act.tags, ["capacity_building"]);
    assert_eq!(act.from_needs.len(), 1, "the activity shows the need it came from");
    assert_eq!((act.from_needs[0].mission_id, act.from_needs[0].need_id), (m, n));
    let view = app.mission(&p.officer, m).await.unwrap();
    assert_eq!(view.needs[0].activity.as_ref().map(|x| x.id), Some(a), "the need shows its activity");
    // Once only; another mission's need is not found through this one.
    assert!(matches!(
        app.make_activity_from_need(&p.officer, m, n, &input).await,
        Err(AppError::Conflict(_))
    ));
    let other = app.create_mission(&p.officer, &mission("PK")).await.unwrap();
    assert!(matches!(
        app.make_activity_from_need(&p.officer, other, n, &input).await,
        Err(AppError::NotFound(_))
    ));
    // The mission is in the country's log, with its needs counted.
    let country = app.partner_country(&p.officer, "PK").await.unwrap();
    assert!(country.log.iter().any(|l| l.kind == "mission" && l.mission_id == Some(m)));
    let ms = country.missions.iter().find(|x| x.id == m).unwrap();
    assert_eq!((ms.needs, ms.needs_in_workplan), (1, 1));
    // Origins follow the policy: Bangladesh's focal point sees no need behind the activity.
    assert!(app.activity_origins(&p.focal_bd, a).await.unwrap().is_empty());
}

async fn exit_readiness_says_what_is_met_since_when_and_what_is_missing(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    app.open_partner_country(&p.officer, &country("PK")).await.unwrap();
    let own = |criterion: &str, status: &str, on: &str| OwnershipInput {
        criterion: criterion.into(),
        status: status.into(),
        status_on: Some(on.into()),
        evidence: "Decision".into(),
    };
    for (c, s, on) in [
        ("curriculum", "in_progress", "2025-05-01"),
        ("curriculum", "achieved", "2025-09-01"),
        ("curriculum", "achieved", "2026-02-01"),
        ("national_trainers", "achieved", "2025-06-01"),
        ("national_trainers", "in_progress", "2026-03-01"),
    ] {
        app.record_ownership(&p.focal_pk, "PK", &own(c, s, on)).await.unwrap();
    }
    assert_eq!(
        field_of(app.record_ownership(&p.officer, "PK", &own("curriculum", "achieved", "2026-01-01")).await),
        "status_on"
    );
    let e = &app.partner_country(&p.officer, "PK").await.unwrap().summary.exit;
    assert_eq!((e.met, e.total, e.ready), (1, 4, false));
    let cur = e.criteria.iter().find(|c| c.criterion == "curriculum").unwrap();
    assert_eq!((cur.met, cur.since.as_deref()), (true, Some("2025-09-01")), "met without interruption since");
    let tr = e.criteria.iter().find(|c| c.criterion == "national_trainers").unwrap();
    assert_eq!((tr.met, tr.status.as_str()), (false, "in_progress"), "met once, then lost");
    assert_eq!(e.missing, ["budget_line", "national_trainers", "national_hosting"]);
    for c in ["budget_line", "national_trainers", "national_hosting"] {
        app.record_ownership(&p.officer, "PK", &own(c, "achieved", "2026-06-01")).await.unwrap();
    }
    let e = &app.partner_countries(&p.officer).await.unwrap()[0].exit;
    assert!(e.ready && e.missing.is_empty());
}

async fn the_demo_has_partner_countries_at_different_stages(backend: Backend) {
    let (_db, app) = app(backend).await;
    app.seed_demo().await.unwrap();
    let login = app.login("tariq.mahmood", DEMO_PASSWORD, "test").await.unwrap();
    let officer = Caller::User(app.session(&login.session_token).await.unwrap().actor);
    let list = app.partner_countries(&officer).await.unwrap();
    let stages: Vec<(&str, Option<&str>)> =
        list.iter().map(|c| (c.country.as_str(), c.stage.as_deref())).collect();
    assert_eq!(
        stages,
        [
            ("BD", Some("partnership")),
            ("IQ", Some("consultation")),
            ("IR", Some("consultation")),
            ("PK", Some("partnership"))
        ]
    );
    let pk = app.partner_country(&officer, "PK").await.unwrap();
    assert!(pk.focal_points.iter().any(|f| f.username.as_deref() == Some("bilal.ahmed")));
    assert!(pk.stakeholders.iter().any(|s| s.prong == "vienna_mission"));
    assert!(pk.log.iter().any(|l| l.kind == "decision") && pk.log.iter().any(|l| l.kind == "mission"));
    let m = app.mission(&officer, pk.missions[0].id).await.unwrap();
    assert!(m.needs.len() >= 2 && m.needs.iter().filter(|n| n.activity.is_some()).count() == 1);
    let bd = list.iter().find(|c| c.country == "BD").unwrap();
    assert_eq!(bd.exit.met, 2);
    let missions: usize = {
        let mut n = 0;
        for c in &list {
            n += app.partner_country(&officer, &c.country).await.unwrap().missions.len();
        }
        n
    };
    assert_eq!(missions, 3);
}

both_backends!(a_country_moves_through_stages_with_evidence);
both_backends!(only_programme_staff_of_the_country_read_and_write);
both_backends!(bad_input_names_the_field_and_writes_nothing);
both_backends!(a_need_becomes_an_activity_once_and_shows_both_ways);
both_backends!(exit_readiness_says_what_is_met_since_when_and_what_is_missing);
both_backends!(the_demo_has_partner_countries_at_different_stages);

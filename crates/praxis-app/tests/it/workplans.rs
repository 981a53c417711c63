//! Workplans through the application layer: who creates and reads them, activities with their
//! location checked by the engine, budgets per currency (outside capitals, in conflict areas),
//! the versioned mainstreaming checklist whose answers keep their version, the computed share of
//! activities outside the capital, and the demo's workplans.

use praxis_app::indicators::{IndicatorFilter, NewActivityInput, NewIndicatorInput, PeriodInput};
use praxis_app::workplans::{
    ChecklistAnswerInput, ChecklistAnswersInput, ChecklistInput, LocationInput, NewWorkplanInput,
};
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

pub(crate) struct People {
    pub(crate) officer: Caller,
    pub(crate) focal_pk: Caller,
    pub(crate) focal_bd: Caller,
    pub(crate) investigator_pk: Caller,
    pub(crate) officer_bd: Caller,
}

pub(crate) async fn people(app: &App) -> People {
    let un = org(app, "UN Country Office Pakistan", "international", "PK").await;
    let ministry = org(app, "Ministry of Interior", "ministry", "PK").await;
    let committee = org(app, "Counter-Trafficking Committee", "national_committee", "BD").await;
    let fia = org(app, "FIA Lahore", "police", "PK-PB").await;
    People {
        officer: user(app, un, "officer", "programme_officer").await,
        focal_pk: user(app, ministry, "focal.pk", "focal_point").await,
        focal_bd: user(app, committee, "focal.bd", "focal_point").await,
        investigator_pk: user(app, fia, "inv.pk", "investigator").await,
        officer_bd: user(app, committee, "officer.bd", "programme_officer").await,
    }
}

pub(crate) fn activity(
    code: &str,
    workplan: Option<i64>,
    budget: &str,
    currency: &str,
    plan: LocationInput,
) -> NewActivityInput {
    NewActivityInput {
        identifier: format!("XX-T-{code}"),
        reporting_org: "XX-T".into(),
        title: format!("Activity {code}"),
        description: "A workplan activity".into(),
        country: Some("PK".into()),
        start_on: "2026-02-01".into(),
        end_on: Some("2026-05-31".into()),
        status: Some("implementation".into()),
        budget: Some(budget.into()),
        currency: Some(currency.into()),
        tags: "capacity_building".into(),
        plan: LocationInput { workplan, ..plan },
    }
}

fn field_of(e: AppError) -> &'static str {
    match e {
        AppError::Invalid(v) => v.field,
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

async fn workplans_group_located_activities_with_exact_budgets(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let wp = |country: Option<&str>| NewWorkplanInput {
        country: country.map(str::to_owned),
        title: "Workplan 2026".into(),
        start_on: "2026-01-01".into(),
        end_on: "2027-01-01".into(),
    };
    // Only programme officers create workplans; the investigator and the focal point may not.
    assert!(matches!(
        app.create_workplan(&p.investigator_pk, &wp(Some("PK"))).await,
        Err(AppError::Denied(_))
    ));
    assert!(matches!(app.create_workplan(&p.focal_pk, &wp(Some("PK"))).await, Err(AppError::Denied(_))));
    let mut backwards = wp(Some("PK"));
    backwards.end_on = "2026-01-01".into();
    assert_eq!(field_of(app.create_workplan(&p.officer, &backwards).await.unwrap_err()), "end_on");
    let w = app.create_workplan(&p.officer, &wp(Some("PK"))).await.unwrap();

    let located = |area: &str, place: &str, capital: bool, conflict: bool| LocationInput {
        output: "O3.1".into(),
        responsible_org: "FIA".into(),
        area: Some(area.into()),
        place: place.into(),
        capital: Some(capital),
        conflict_affected: conflict,
        ..Default::default()
    };
    app.create_programme_activity(
        &p.officer,
        &activity("1", Some(w), "1000.50", "USD", located("PK-IS", "Islamabad", true, false)),
    )
    .await
    .unwrap();
    app.create_programme_activity(
        &p.officer,
        &activity("2", Some(w), "2000.25", "USD", located("PK-BA", "Quetta", false, true)),
    )
    .await
    .unwrap();
    app.create_programme_activity(
        &p.officer,
        &activity("3", Some(w), "350000", "PKR", located("PK-SD", "Sukkur", false, false)),
    )
    .await
    .unwrap();
    // The engine's location rules: an area of another country, a country as an area.
    let e = app
        .create_programme_activity(
            &p.officer,
            &activity("4", Some(w), "1", "USD", located("BD-13", "Dhaka", true, false)),
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "area");
    let e = app
        .create_programme_activity(
            &p.officer,
            &activity(
                "5",
                Some(w),
                "1",
                "USD",
                LocationInput { output: "O 3".into(), ..located("PK-SD", "", false, false) },
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "output");
    // An activity of Bangladesh does not go in Pakistan's workplan.
    let mut bd = activity("6", Some(w), "1", "USD", LocationInput::default());
    bd.country = Some("BD".into());
    assert_eq!(field_of(app.create_programme_activity(&p.officer, &bd).await.unwrap_err()), "country");

    let v = app.workplan(&p.focal_pk, w).await.unwrap();
    assert_eq!(v.activities.len(), 3);
    assert!(v.may_write, "the country's focal point writes its workplan");
    let usd = |m: &[praxis_app::workplans::MoneyView]| {
        m.iter().find(|m| m.currency == "USD").map(|m| (m.amount.clone(), m.minor))
    };
    assert_eq!(usd(&v.summary.budget), Some(("3000.75".into(), 300075)));
    assert_eq!(usd(&v.summary.budget_outside_capital), Some(("2000.25".into(), 200025)));
    assert_eq!(usd(&v.summary.budget_in_conflict_areas), Some(("2000.25".into(), 200025)));
    assert!(v.summary.budget.iter().any(|m| m.currency == "PKR" && m.minor == 35_000_000));
    let quetta = v.activities.iter().find(|a| a.place == "Quetta").unwrap();
    assert_eq!(
        (quetta.area.as_deref(), quetta.capital, quetta.conflict_affected),
        (Some("PK-BA"), Some(false), true)
    );

    // Readers: programme staff of the country; not the investigator, not Bangladesh's focal point.
    assert!(matches!(app.workplan(&p.investigator_pk, w).await, Err(AppError::Denied(_))));
    assert!(matches!(app.workplan(&p.focal_bd, w).await, Err(AppError::Denied(_))));
    assert!(app.workplans(&p.focal_bd, None).await.unwrap().workplans.is_empty());
    assert_eq!(app.workplans(&p.focal_pk, Some("PK")).await.unwrap().activities.len(), 3);

    // The computed share of activities outside the capital: 2 of the 3 located ones.
    let sheet = NewIndicatorInput {
        code: "PK-LOCAL".into(),
        title: "Activities outside the capital".into(),
        definition: "Share".into(),
        unit: "percent".into(),
        measure: "percentage".into(),
        direction: "increase".into(),
        means_of_verification: "Praxis".into(),
        frequency: "annual".into(),
        owner: "UN".into(),
        tags: "strategy_policy going_local".into(),
        country: Some("PK".into()),
        source: Some("activities_outside_capital_share".into()),
        baseline_on: "2025-12-31".into(),
        ..Default::default()
    };
    let id = app.create_indicator(&p.officer, &sheet).await.unwrap();
    for (start, end) in [("2026-01-01", "2026-07-01"), ("2026-07-01", "2027-01-01")] {
        let period = PeriodInput {
            start_on: start.into(),
            end_on: end.into(),
            target: Some("50".into()),
            comment: String::new(),
        };
        app.add_indicator_period(&p.officer, id, &period).await.unwrap();
    }
    let view = app.indicator(&p.officer, id).await.unwrap();
    let c = view.periods[0].computed.as_ref().expect("computed");
    assert_eq!((c.numerator, c.denominator), (2, Some(3)));
    assert_eq!(view.periods[0].actual.as_deref(), Some("66.666"));
    // The activities ended in May: none runs in the second half.
    assert_eq!(view.periods[1].computed.as_ref().unwrap().denominator, Some(0));
    assert!(app
        .indicators(&p.officer, &IndicatorFilter::default())
        .await
        .unwrap()
        .indicators
        .iter()
        .any(|i| i.id == id));
}

async fn checklist_answers_keep_their_version(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let v1 = ChecklistInput { questions: "Were women consulted?\nAre data broken down by sex?".into() };
    // Only a programme officer of an international organisation edits the programme's checklist.
    assert!(matches!(app.publish_mainstreaming(&p.officer_bd, &v1).await, Err(AppError::Denied(_))));
    assert!(matches!(app.publish_mainstreaming(&p.focal_pk, &v1).await, Err(AppError::Denied(_))));
    assert_eq!(app.publish_mainstreaming(&p.officer, &v1).await.unwrap(), 1);
    assert_eq!(field_of(app.publish_mainstreaming(&p.officer, &v1).await.unwrap_err()), "questions");

    let a = app
        .create_programme_activity(&p.officer, &activity("C1", None, "10", "USD", LocationInput::default()))
        .await
        .unwrap();
    let answers = |version: u32, q: u32, answer: &str| ChecklistAnswersInput {
        version,
        answers: vec![ChecklistAnswerInput { question: q, answer: answer.into(), note: "seen".into() }],
    };
    assert_eq!(
        field_of(app.answer_mainstreaming(&p.focal_pk, a, &answers(1, 3, "yes")).await.unwrap_err()),
        "question"
    );
    assert_eq!(
        field_of(app.answer_mainstreaming(&p.focal_pk, a, &answers(1, 1, "maybe")).await.unwrap_err()),
        "answer"
    );
    assert!(matches!(
        app.answer_mainstreaming(&p.investigator_pk, a, &answers(1, 1, "yes")).await,
        Err(AppError::Denied(_))
    ));
    app.answer_mainstreaming(&p.focal_pk, a, &answers(1, 1, "partly")).await.unwrap();

    let v2 = ChecklistInput {
        questions: "Were women and men consulted?\nAre data broken down by sex and age?\nIs the venue safe?"
            .into(),
    };
    assert_eq!(app.publish_mainstreaming(&p.officer, &v2).await.unwrap(), 2);
    app.answer_mainstreaming(&p.officer, a, &answers(2, 3, "no")).await.unwrap();

    let d = app.programme_activity(&p.focal_pk, a).await.unwrap();
    assert_eq!(d.checklist.len(), 2, "the current version and the one answered before");
    let current = &d.checklist[0];
    assert!(current.current && current.version == 2);
    assert_eq!(current.questions[2].answer.as_deref(), Some("no"));
    assert_eq!(current.questions[0].answer, None, "an answer to version 1 is not an answer to version 2");
    let old = &d.checklist[1];
    assert_eq!((old.version, old.current), (1, false));
    assert_eq!(old.questions[0].question, "Were women consulted?");
    assert_eq!(old.questions[0].answer.as_deref(), Some("partly"));
    let m = app.mainstreaming(&p.focal_pk).await.unwrap();
    assert_eq!(m.versions.iter().map(|v| v.version).collect::<Vec<_>>(), vec![2, 1]);
    assert!(!m.may_edit);
    assert!(app.mainstreaming(&p.officer).await.unwrap().may_edit);
    assert!(matches!(app.mainstreaming(&p.investigator_pk).await, Err(AppError::Denied(_))));
}

async fn the_demo_has_workplans_trainings_and_their_indicators(backend: Backend) {
    let (_db, app) = app(backend).await;
    app.seed_demo().await.unwrap();
    let l = app.workplans(&Caller::Cli, None).await.unwrap();
    assert_eq!(l.workplans.len(), 2);
    assert!(l.workplans.iter().any(|w| w.country.as_deref() == Some("PK")));
    assert!(l.workplans.iter().any(|w| w.country.is_none()));
    assert!(l.activities.len() >= 12);
    assert!(l.activities.iter().filter(|a| a.capital == Some(false)).count() >= 3);
    assert_eq!(l.activities.iter().filter(|a| a.conflict_affected).count(), 1);
    let t = app.trainings(&Caller::Cli, None).await.unwrap();
    assert!((3..=4).contains(&t.trainings.len()));
    assert!(t.participants.female > 0 && t.participants.female < t.participants.total);
    assert!(t.trainings.iter().all(|t| t.gain.is_some()));
    assert!(t.national_experts > 0);
    assert!(app.mentoring(&Caller::Cli).await.unwrap().pairs.len() >= 2);
    let inds = app.indicators(&Caller::Cli, &IndicatorFilter::default()).await.unwrap();
    for source in ["women_trained_share", "activities_outside_capital_share"] {
        let i = inds
            .indicators
            .iter()
            .find(|i| i.source == source)
            .unwrap_or_else(|| panic!("no {source} indicator"));
        let v = app.indicator(&Caller::Cli, i.id).await.unwrap();
        assert!(v.periods.iter().any(|p| p.actual.is_some()), "{source} has a value");
    }
}

both_backends!(workplans_group_located_activities_with_exact_budgets);
both_backends!(checklist_answers_keep_their_version);
both_backends!(the_demo_has_workplans_trainings_and_their_indicators);

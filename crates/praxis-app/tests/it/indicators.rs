//! Indicators through the application layer: who reads and writes, the workflow with its rules,
//! a model that cannot change under stored values, refusals naming the field, progress against
//! the target, a value computed live from the evidence registers, and the demo's indicators.

use praxis_app::indicators::{
    ActualEditInput, ActualInput, IndicatorFilter, ModelInput, NewIndicatorInput, PeriodInput, WorkflowInput,
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

fn sheet(code: &str, model: Option<i64>) -> NewIndicatorInput {
    NewIndicatorInput {
        code: code.into(),
        title: "Victims referred to assistance".into(),
        definition: "Counted at referral".into(),
        unit: "persons".into(),
        measure: "count".into(),
        direction: "increase".into(),
        means_of_verification: "Referral forms".into(),
        frequency: "annual".into(),
        owner: "Ministry".into(),
        tags: "protection gender_human_rights".into(),
        country: Some("PK".into()),
        model,
        baseline_on: "2025-12-31".into(),
        baseline: Some("10".into()),
        ..Default::default()
    }
}

fn field_of(r: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(AppError::Invalid(v)) => v.field,
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

fn step(action: &str, note: &str) -> WorkflowInput {
    WorkflowInput { action: action.into(), note: note.into() }
}

async fn actuals_follow_the_workflow_under_the_policy(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let spec = ModelInput { name: "Standard".into(), spec: "sex: female male\nage_band: 0-17 18+".into() };
    let model = app.create_disaggregation_model(&p.officer, &spec).await.unwrap();
    assert!(matches!(app.create_disaggregation_model(&p.focal_pk, &spec).await, Err(AppError::Denied(_))));
    let id = app.create_indicator(&p.officer, &sheet("PK-1", Some(model))).await.unwrap();
    assert!(matches!(
        app.create_indicator(&p.focal_pk, &sheet("PK-2", None)).await,
        Err(AppError::Denied(_))
    ));
    // Refusals name the field.
    let mut bad = sheet("PK-3", None);
    bad.tags = "going_local".into();
    assert_eq!(field_of(app.create_indicator(&p.officer, &bad).await), "tags");
    bad = sheet("PK 3", None);
    assert_eq!(field_of(app.create_indicator(&p.officer, &bad).await), "code");
    let period = PeriodInput {
        start_on: "2026-01-01".into(),
        end_on: "2027-01-01".into(),
        target: Some("5".into()),
        ..Default::default()
    };
    assert_eq!(
        field_of(app.add_indicator_period(&p.officer, id, &period).await),
        "target",
        "a target below the baseline"
    );
    let period = PeriodInput { target: Some("30".into()), ..period };
    let pid = app.add_indicator_period(&p.focal_pk, id, &period).await.unwrap();

    // Who reads: programme staff of Pakistan; not an investigator, not Bangladesh's focal point.
    assert!(app.indicator(&p.focal_pk, id).await.is_ok());
    assert!(matches!(app.indicator(&p.investigator_pk, id).await, Err(AppError::Denied(_))));
    assert!(matches!(app.indicator(&p.focal_bd, id).await, Err(AppError::Denied(_))));
    assert!(app.indicators(&p.focal_bd, &IndicatorFilter::default()).await.unwrap().indicators.is_empty());
    // Filters: by country and by pillar or theme; an unknown code names the field.
    let by =
        |country: &str, tag: &str| IndicatorFilter { country: Some(country.into()), tag: Some(tag.into()) };
    assert_eq!(app.indicators(&p.officer, &by("PK", "protection")).await.unwrap().indicators.len(), 1);
    assert!(app.indicators(&p.officer, &by("regional", "")).await.unwrap().indicators.is_empty());
    assert!(app.indicators(&p.officer, &by("", "cooperation")).await.unwrap().indicators.is_empty());
    assert_eq!(field_of(app.indicators(&p.officer, &by("", "pillar_x")).await), "tag");

    let total = ActualInput { period: pid, value: Some("24".into()), ..Default::default() };
    let a = app.add_indicator_actual(&p.focal_pk, id, &total).await.unwrap();
    assert!(matches!(app.add_indicator_actual(&p.focal_bd, id, &total).await, Err(AppError::Denied(_))));
    let female = ActualInput {
        period: pid,
        categories: "sex=female".into(),
        value: Some("7".into()),
        ..Default::default()
    };
    let f = app.add_indicator_actual(&p.focal_pk, id, &female).await.unwrap();
    let wrong = ActualInput { categories: "sex=other".into(), ..female.clone() };
    assert_eq!(field_of(app.add_indicator_actual(&p.focal_pk, id, &wrong).await), "categories");
    let half = ActualInput { categories: "age_band=18+".into(), value: Some("2.5".into()), ..female.clone() };
    assert_eq!(field_of(app.add_indicator_actual(&p.focal_pk, id, &half).await), "value", "a count is whole");

    // draft → submitted → returned (with a reason) → submitted → approved, not by the submitter.
    app.move_indicator_actual(&p.focal_pk, id, a, &step("submit", "")).await.unwrap();
    assert!(matches!(
        app.move_indicator_actual(&p.focal_pk, id, a, &step("approve", "")).await,
        Err(AppError::Denied(_))
    ));
    assert_eq!(field_of(app.move_indicator_actual(&p.officer, id, a, &step("return", " ")).await), "note");
    app.move_indicator_actual(&p.officer, id, a, &step("return", "Attach the forms")).await.unwrap();
    app.edit_indicator_actual(
        &p.focal_pk,
        id,
        a,
        &ActualEditInput { value: Some("26".into()), comment: "With forms".into() },
    )
    .await
    .unwrap();
    app.move_indicator_actual(&p.focal_pk, id, a, &step("submit", "")).await.unwrap();
    assert_eq!(app.move_indicator_actual(&p.officer, id, a, &step("approve", "")).await.unwrap(), "approved");
    let edit = ActualEditInput { value: Some("27".into()), comment: String::new() };
    assert_eq!(
        field_of(app.edit_indicator_actual(&p.focal_pk, id, a, &edit).await),
        "value",
        "approved is final"
    );

    let v = app.indicator(&p.officer, id).await.unwrap();
    let period = &v.periods[0];
    assert_eq!(period.actual.as_deref(), Some("26"));
    let progress = period.progress.as_ref().unwrap();
    assert!((progress.share - 0.8).abs() < 1e-9 && !progress.met, "16 of the 20 from 10 to 30");
    let history = &period.actuals.iter().find(|x| x.id == a).unwrap().history;
    assert_eq!(history.len(), 4);
    assert_eq!(history[1].note, "Attach the forms");
    assert!(period.actuals.iter().any(|x| x.id == f && x.status == "draft"));

    // A model with stored values cannot change; the same name publishes the next version.
    let change = ModelInput { name: String::new(), spec: "sex: female male unknown".into() };
    assert_eq!(field_of(app.replace_disaggregation_model(&p.officer, model, &change).await), "spec");
    let next = ModelInput { name: "Standard".into(), ..change.clone() };
    let v2 = app.create_disaggregation_model(&p.officer, &next).await.unwrap();
    let models = app.indicators(&p.officer, &IndicatorFilter::default()).await.unwrap().models;
    assert_eq!(models.iter().find(|m| m.id == v2).unwrap().version, 2);
    assert!(models.iter().find(|m| m.id == model).unwrap().stored_values >= 1);
    // A version without values can change.
    app.replace_disaggregation_model(
        &p.officer,
        v2,
        &ModelInput { name: String::new(), spec: "sex: female".into() },
    )
    .await
    .unwrap();
}

async fn the_demo_has_indicators_with_every_workflow_state(backend: Backend) {
    let (_db, app) = app(backend).await;
    let summary = app.seed_demo().await.unwrap();
    assert_eq!(summary.indicators.len(), 5);
    let list = app.indicators(&Caller::Cli, &IndicatorFilter::default()).await.unwrap();
    // The two country components and the activity made of a consultative mission's need (the
    // workplans' activities come with their own demo).
    let base: Vec<_> = list.activities.iter().filter(|a| a.workplan.is_none()).collect();
    assert_eq!(base.len(), 3);
    assert_eq!(base.iter().filter(|a| a.from_needs.is_empty()).count(), 2);
    let mut statuses = std::collections::BTreeSet::new();
    for id in &summary.indicators {
        let v = app.indicator(&Caller::Cli, *id).await.unwrap();
        for p in &v.periods {
            statuses.extend(p.actuals.iter().map(|a| a.status.clone()));
        }
    }
    for s in ["approved", "submitted", "returned", "draft"] {
        assert!(statuses.contains(s), "{s}");
    }
    // The computed ones show how: counts over the cases and requests of Pakistan.
    let evidence = app.indicator(&Caller::Cli, summary.indicators[3]).await.unwrap();
    assert_eq!(evidence.summary.source, "evidence_beyond_testimony");
    let c = evidence.periods.iter().find_map(|p| p.computed.as_ref()).expect("a period that has started");
    assert!(c.denominator.unwrap() >= c.numerator);
    // IATI, HXL and CSV come out.
    let (_, xml) = app.indicators_iati(&Caller::Cli).await.unwrap();
    let xml = String::from_utf8(xml).unwrap();
    assert!(xml.contains("XX-DEMO-PAK-2026") && xml.contains("<actual value=\"64\">"));
    assert!(!xml.contains("value=\"3\""), "Bangladesh's 3 men are aggregated upward");
    let (_, hxl) = app.indicators_hxl(&Caller::Cli).await.unwrap();
    assert!(String::from_utf8(hxl).unwrap().contains("#indicator+value+num"));
}

both_backends!(actuals_follow_the_workflow_under_the_policy);
both_backends!(the_demo_has_indicators_with_every_workflow_state);

//! Workplans and engagement stages.

use praxis_model::Jurisdiction;
use praxis_programme::engagement::{Engagement, EngagementError, Stage, StageChange};
use praxis_programme::money::{Currency, Money};
use praxis_programme::toc::{Level, Link, Node, NodeId, Scope, TheoryOfChange};
use praxis_programme::workplan::{ActivityStatus, Location, Workplan, WorkplanActivity, WorkplanError};
use praxis_programme::{Pillar, Tags, Theme};
use time::macros::date;

fn j(s: &str) -> Jurisdiction {
    Jurisdiction::parse(s).unwrap()
}

fn toc() -> TheoryOfChange {
    let node = |id: &str, level| Node {
        id: NodeId::parse(id).unwrap(),
        level,
        title: id.into(),
        description: String::new(),
        tags: Tags::default(),
    };
    let link = Link {
        from: NodeId::parse("O3.1").unwrap(),
        to: NodeId::parse("OC3").unwrap(),
        rationale: "trained practitioners investigate better".into(),
        assumptions: vec![],
        risks: vec![],
    };
    TheoryOfChange::build(
        Scope::National(j("NG")),
        1,
        vec![node("O3.1", Level::Output), node("OC3", Level::Outcome)],
        vec![link],
    )
    .unwrap()
    .0
}

fn activity(code: &str, minor: i64, currency: &str, capital: bool, conflict: bool) -> WorkplanActivity {
    WorkplanActivity {
        code: code.into(),
        title: "Training of prosecutors".into(),
        output: NodeId::parse("O3.1").unwrap(),
        tags: Tags::new([Pillar::CapacityBuilding], [Theme::GoingLocal]),
        responsible_org: "UNODC".into(),
        start: date!(2025 - 03 - 01),
        end: date!(2025 - 03 - 06),
        budget: Money::new(minor, Currency::parse(currency).unwrap()),
        status: ActivityStatus::Planned,
        location: Location::new(j("NG"), Some(j("NG-KN")), Some("Kano city"), capital, conflict).unwrap(),
    }
}

#[test]
fn budgets_are_exact_and_never_mix_currencies() {
    let mut cancelled = activity("A4", 999_999, "USD", false, false);
    cancelled.status = ActivityStatus::Cancelled;
    let w = Workplan::build(
        &toc(),
        vec![
            activity("A1", 1_000_050, "USD", true, false),
            activity("A2", 250_025, "USD", false, true),
            activity("A3", 3_000_000, "NGN", false, false),
            cancelled,
        ],
    )
    .unwrap();
    let usd = Currency::parse("USD").unwrap();
    let ngn = Currency::parse("NGN").unwrap();
    assert_eq!(w.budget()[&usd], 1_250_075);
    assert_eq!(w.budget()[&ngn], 3_000_000);
    assert_eq!(w.budget_outside_capital()[&usd], 250_025);
    assert_eq!(w.budget_in_conflict_areas().len(), 1);
    assert_eq!(w.budget_by_pillar()[&Pillar::CapacityBuilding][&usd], 1_250_075);
    assert_eq!(w.for_output(&NodeId::parse("O3.1").unwrap()).count(), 4);
    assert_eq!(Money::new(1_250_075, usd).to_string(), "12500.75 USD");
    assert_eq!(Money::new(-5, Currency::parse("JPY").unwrap()).decimal(), "-5");
}

#[test]
fn a_bad_workplan_is_refused_with_every_error() {
    let mut a = activity("A1", 100, "USD", true, false);
    a.output = NodeId::parse("OC3").unwrap();
    a.tags = Tags::default();
    a.end = a.start;
    let b = activity("A1", -1, "USD", true, false);
    let errors = Workplan::build(&toc(), vec![a, b]).unwrap_err();
    let messages: Vec<_> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 5, "{messages:?}");
    assert!(messages[0].contains("outcome, not an output"));
}

#[test]
fn locations_belong_to_their_country() {
    assert!(Location::new(j("NG"), Some(j("PK-PB")), None, false, false).is_err());
    assert!(matches!(Location::new(j("NG-KN"), None, None, false, false), Err(WorkplanError::Location(_))));
    let l = Location::new(j("PK"), Some(j("PK-PB")), Some(" "), false, true).unwrap();
    assert_eq!(l.area_name(), None);
    assert!(l.is_conflict_affected());
}

fn step(stage: Stage, on: time::Date, note: &str) -> StageChange {
    StageChange {
        stage,
        on,
        evidence: vec!["Mission report 2024-03".into()],
        note: note.into(),
        recorded_by: "user-3".into(),
    }
}

#[test]
fn engagement_moves_through_stages_with_evidence() {
    let mut e = Engagement::new(j("NG"));
    assert_eq!(e.current(), None);
    e.record(step(Stage::Consultation, date!(2024 - 03 - 01), "")).unwrap();
    e.record(step(Stage::Partnership, date!(2024 - 09 - 15), "MoU signed")).unwrap();
    assert_eq!(
        e.record(step(Stage::Partnership, date!(2024 - 10 - 01), "")),
        Err(EngagementError::SameStage("partnership"))
    );
    assert!(matches!(
        e.record(step(Stage::Consultation, date!(2025 - 01 - 01), "")),
        Err(EngagementError::RegressionWithoutNote { .. })
    ));
    assert!(matches!(
        e.record(step(Stage::Ownership, date!(2024 - 01 - 01), "")),
        Err(EngagementError::OutOfOrder { .. })
    ));
    let mut no_evidence = step(Stage::Ownership, date!(2025 - 06 - 01), "");
    no_evidence.evidence = vec![" ".into()];
    assert_eq!(e.record(no_evidence), Err(EngagementError::NoEvidence));
    e.record(step(Stage::Consultation, date!(2025 - 01 - 01), "new government; focal points replaced"))
        .unwrap();
    assert_eq!(e.current(), Some(Stage::Consultation));
    assert_eq!(e.as_of(date!(2024 - 12 - 31)), Some(Stage::Partnership));
    assert_eq!(e.as_of(date!(2024 - 01 - 01)), None);
    assert_eq!(e.history().len(), 3);
}

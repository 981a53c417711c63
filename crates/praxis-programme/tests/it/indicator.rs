//! Indicators: reference sheets, values, the disaggregation model, the workflow, progress.

use praxis_model::Jurisdiction;
use praxis_programme::indicator::{
    progress, Actual, ActualStatus, AgeBand, Category, Dimension, Direction, DisaggregationModel, Frequency,
    Measure, ModelError, Period, ProgressError, ReferenceSheet, Sex, Value, WorkflowAction, WorkflowError,
};
use praxis_programme::{Pillar, Tags, Theme};
use proptest::prelude::*;
use time::macros::date;

fn v(s: &str) -> Value {
    Value::parse(s).unwrap()
}

#[test]
fn a_reference_sheet_names_its_missing_fields() {
    let mut sheet = ReferenceSheet {
        code: "IND-3.1.1".into(),
        title: "Practitioners trained".into(),
        definition: "Criminal justice practitioners completing a TIP/SOM course".into(),
        unit: "practitioners".into(),
        measure: Measure::Count,
        direction: Direction::Increase,
        means_of_verification: "Attendance sheets and post-tests".into(),
        frequency: Frequency::Quarterly,
        owner: "Programme officer".into(),
        tags: Tags::new([Pillar::CapacityBuilding], [Theme::GoingLocal]),
        disaggregation: None,
    };
    assert!(sheet.validate().is_empty());
    sheet.code = "IND 3".into();
    sheet.owner = " ".into();
    sheet.tags = Tags::default();
    let fields: Vec<_> = sheet.validate().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["code", "owner", "tags"]);
}

#[test]
fn values_are_exact() {
    assert_eq!(v("23.5").to_string(), "23.5");
    assert_eq!(v("-0.125").milli(), -125);
    assert_eq!(v("12").as_count(), Some(12));
    assert_eq!(v("12.5").as_count(), None);
    for bad in ["", "1.2345", "1e3", "12,5", "-", ".5"] {
        assert!(Value::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn periods_are_half_open() {
    let p = Period::year(2025).unwrap();
    assert!(p.contains(date!(2025 - 12 - 31)));
    assert!(!p.contains(date!(2026 - 01 - 01)));
    assert_eq!(p.last_day(), date!(2025 - 12 - 31));
    assert!(Period::new(date!(2025 - 01 - 01), date!(2025 - 01 - 01)).is_err());
}

fn model() -> DisaggregationModel {
    DisaggregationModel::new(
        "people",
        vec![
            (
                Dimension::Sex,
                vec![Category::Sex(Sex::Female), Category::Sex(Sex::Male), Category::Sex(Sex::Unknown)],
            ),
            (
                Dimension::AgeBand,
                vec![
                    Category::AgeBand(AgeBand::new(0, Some(18)).unwrap()),
                    Category::AgeBand(AgeBand::new(18, None).unwrap()),
                ],
            ),
            (Dimension::Location, vec![Category::Location(Jurisdiction::parse("NG-KN").unwrap())]),
        ],
    )
    .unwrap()
}

#[test]
fn the_category_model_checks_keys() {
    let m = model();
    let k = m.key(&[(Dimension::AgeBand, "0-17"), (Dimension::Sex, "female")]).unwrap();
    assert_eq!(k.pairs(), [("sex", "female".to_owned()), ("age_band", "0-17".to_owned())]);
    assert_eq!(k.model().version, 1);
    assert!(m.key(&[]).unwrap().is_total());
    assert_eq!(
        m.key(&[(Dimension::Sex, "woman")]),
        Err(ModelError::UnknownCategory { dimension: "sex", code: "woman".into() })
    );
    assert_eq!(
        m.key(&[(Dimension::Sex, "male"), (Dimension::Sex, "female")]),
        Err(ModelError::RepeatedDimension("sex"))
    );
    assert!(m.key(&[(Dimension::Location, "NG-KN")]).is_ok());
}

#[test]
fn a_model_is_well_formed() {
    let overlapping = DisaggregationModel::new(
        "bad",
        vec![(
            Dimension::AgeBand,
            vec![
                Category::AgeBand(AgeBand::new(0, Some(18)).unwrap()),
                Category::AgeBand(AgeBand::new(15, Some(25)).unwrap()),
            ],
        )],
    );
    assert!(matches!(overlapping, Err(ModelError::Invalid(_))));
    let mixed =
        DisaggregationModel::new("bad", vec![(Dimension::Sex, vec![Category::Sector("police".into())])]);
    assert!(matches!(mixed, Err(ModelError::Invalid(_))));
    assert!(AgeBand::new(18, Some(18)).is_err());
}

#[test]
fn a_model_cannot_change_under_stored_values() {
    let m = model();
    let mut dims = m.dimensions().to_vec();
    dims[0].1.pop(); // drop "unknown"
                     // No value stored yet: the version may still be corrected in place.
    assert_eq!(m.replace(dims.clone(), 0).unwrap().reference(), m.reference());
    // With stored values: refused, a new version is the way.
    assert_eq!(
        m.replace(dims.clone(), 12),
        Err(ModelError::ChangedUnderStoredValues { name: "people".into(), version: 1, stored: 12 })
    );
    let v2 = m.next_version(dims).unwrap();
    assert_eq!(v2.reference().version, 2);
    // Keys remember their version.
    let old = m.key(&[(Dimension::Sex, "unknown")]).unwrap();
    assert_eq!(old.model().version, 1);
    assert!(v2.key(&[(Dimension::Sex, "unknown")]).is_err());
    // Replacing with the same content is no change.
    assert!(m.replace(m.dimensions().to_vec(), 12).is_ok());
}

#[test]
fn the_workflow_of_an_actual() {
    let p = Period::year(2025).unwrap();
    let mut a = Actual::draft(p, Some(v("95")), None, "");
    a.edit(Some(v("96")), "corrected").unwrap();
    a.apply(WorkflowAction::Submit, "ana", date!(2025 - 12 - 20), "").unwrap();
    assert_eq!(a.edit(Some(v("1")), ""), Err(WorkflowError::NotEditable(ActualStatus::Submitted)));
    assert_eq!(
        a.apply(WorkflowAction::Return, "omar", date!(2025 - 12 - 21), " "),
        Err(WorkflowError::ReasonRequired)
    );
    a.apply(WorkflowAction::Return, "omar", date!(2025 - 12 - 21), "attendance sheets missing").unwrap();
    a.edit(Some(v("94")), "two duplicates removed").unwrap();
    a.apply(WorkflowAction::Submit, "ana", date!(2025 - 12 - 22), "").unwrap();
    assert_eq!(
        a.apply(WorkflowAction::Approve, "ana", date!(2025 - 12 - 23), ""),
        Err(WorkflowError::SelfApproval)
    );
    a.apply(WorkflowAction::Approve, "omar", date!(2025 - 12 - 23), "").unwrap();
    assert_eq!(a.status(), ActualStatus::Approved);
    assert_eq!(a.value(), Some(v("94")));
    let path: Vec<_> = a.history().iter().map(|s| s.to.code()).collect();
    assert_eq!(path, ["submitted", "returned", "submitted", "approved"]);
    assert!(matches!(
        a.apply(WorkflowAction::Return, "omar", date!(2026 - 01 - 01), "late"),
        Err(WorkflowError::NotAllowed { .. })
    ));
    // Replaying the stored steps gives the same actual.
    let steps: Vec<_> = [
        (WorkflowAction::Submit, "ana", date!(2025 - 12 - 20), ""),
        (WorkflowAction::Approve, "omar", date!(2025 - 12 - 23), ""),
    ]
    .into_iter()
    .map(|(a, b, d, n)| (a, b.to_owned(), d, n.to_owned()))
    .collect();
    let replayed = Actual::replay(p, Some(v("94")), None, "", &steps).unwrap();
    assert_eq!(replayed.status(), ActualStatus::Approved);
}

#[test]
fn progress_respects_direction() {
    let p = progress(Direction::Increase, v("0"), v("120"), v("90")).unwrap();
    assert_eq!((p.share, p.met), (0.75, false));
    let p = progress(Direction::Decrease, v("40"), v("20"), v("15")).unwrap();
    assert_eq!((p.share, p.met), (1.25, true));
    let p = progress(Direction::Decrease, v("40"), v("20"), v("50")).unwrap();
    assert_eq!((p.share, p.met), (-0.5, false));
    assert_eq!(
        progress(Direction::Increase, v("10"), v("5"), v("7")),
        Err(ProgressError::TargetAgainstDirection {
            baseline: v("10"),
            target: v("5"),
            direction: Direction::Increase
        })
    );
    let maintain = progress(Direction::Increase, v("100"), v("100"), v("100")).unwrap();
    assert_eq!((maintain.share, maintain.met), (1.0, true));
}

fn action() -> impl Strategy<Value = WorkflowAction> {
    prop_oneof![Just(WorkflowAction::Submit), Just(WorkflowAction::Return), Just(WorkflowAction::Approve)]
}

proptest! {
    /// Whatever is tried, an actual is approved only after a submission by someone else, and
    /// nothing moves an approved actual.
    #[test]
    fn approval_needs_a_submission_by_someone_else(steps in prop::collection::vec((action(), 0usize..3), 0..12)) {
        let people = ["ana", "omar", "li"];
        let mut a = Actual::draft(Period::year(2025).unwrap(), Some(Value::from_int(1)), None, "");
        for (act, who) in steps {
            let before = a.status();
            let r = a.apply(act, people[who], date!(2025 - 06 - 01), "reason");
            if before == ActualStatus::Approved {
                prop_assert!(r.is_err());
            }
            if a.status() == ActualStatus::Approved && before != ActualStatus::Approved {
                let h = a.history();
                prop_assert_eq!(h[h.len() - 2].to, ActualStatus::Submitted);
                prop_assert_ne!(&h[h.len() - 2].by, &h[h.len() - 1].by);
            }
        }
    }

    /// A decrease is an increase seen in a mirror.
    #[test]
    fn decrease_mirrors_increase(b in -1000i64..1000, d in 0i64..1000, a in -3000i64..3000) {
        let inc = progress(Direction::Increase, Value::from_int(b), Value::from_int(b + d), Value::from_int(a)).unwrap();
        let dec = progress(Direction::Decrease, Value::from_int(-b), Value::from_int(-b - d), Value::from_int(-a)).unwrap();
        prop_assert_eq!(inc, dec);
    }

    /// Progress grows with the actual.
    #[test]
    fn progress_is_monotone(b in -1000i64..1000, d in 1i64..1000, a1 in -3000i64..3000, step in 0i64..500) {
        let p1 = progress(Direction::Increase, Value::from_int(b), Value::from_int(b + d), Value::from_int(a1)).unwrap();
        let p2 = progress(Direction::Increase, Value::from_int(b), Value::from_int(b + d), Value::from_int(a1 + step)).unwrap();
        prop_assert!(p2.share >= p1.share);
        prop_assert!(p2.met || !p1.met);
    }

    #[test]
    fn values_round_trip(m in -10_000_000i64..10_000_000) {
        let v = Value::from_milli(m);
        prop_assert_eq!(Value::parse(&v.to_string()).unwrap(), v);
    }
}

#[test]
fn a_model_spec_round_trips() {
    let text =
        "sex: female male unknown\nage_band: 0-17 18-59 60+\nlocation: PK-PB PK-SD\nsector: judiciary police";
    let dims = DisaggregationModel::parse_spec(text).unwrap();
    let m = DisaggregationModel::new("Standard", dims).unwrap();
    assert_eq!(m.spec(), text);
    let again =
        DisaggregationModel::stored("Standard", 1, DisaggregationModel::parse_spec(&m.spec()).unwrap())
            .unwrap();
    assert_eq!(again, m);
    for bad in ["sex female", "colour: red", "sex: other", "age_band: 18-10", "age_band: 0-20 18-59", ""] {
        assert!(
            DisaggregationModel::parse_spec(bad).and_then(|d| DisaggregationModel::new("x", d)).is_err(),
            "{bad}"
        );
    }
}

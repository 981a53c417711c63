//! CSV of every table: headers, one row per record, exact money, defused formulas.

use praxis_model::Jurisdiction;
use praxis_programme::checklist::matrix::HarmonisationMatrix;
use praxis_programme::checklist::review::{Answer, AnswerRecord, CountryReview, Evidence};
use praxis_programme::checklist::{Catalogue, ProvisionId};
use praxis_programme::engagement::{Engagement, Stage, StageChange};
use praxis_programme::indicator::{Actual, Period, Value};
use praxis_programme::tables;
use time::macros::date;

fn csv(f: impl FnOnce(&mut Vec<u8>)) -> Vec<Vec<String>> {
    let mut buf = Vec::new();
    f(&mut buf);
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&buf[..]);
    r.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn the_catalogue_as_csv() {
    let c = Catalogue::v1();
    let rows = csv(|b| tables::catalogue_csv(&c, b).unwrap());
    assert_eq!(rows.len(), 1 + c.provisions().len());
    assert_eq!(rows[0][1], "id");
    let tip04 = rows.iter().find(|r| r[1] == "TIP-04").unwrap();
    assert!(tip04[9].contains("[unverified]"), "{tip04:?}");
}

#[test]
fn a_review_and_the_matrix_as_csv() {
    let c = Catalogue::v1();
    let mut r = CountryReview::new(Jurisdiction::parse("PK").unwrap(), &c);
    r.record(
        &c,
        AnswerRecord {
            provision: ProvisionId::parse("SOM-10").unwrap(),
            answer: Answer::NotCompliant,
            evidence: vec![Evidence { law: "Emigration Ordinance 1979 s. 22".into(), url: None }],
            gap_note: "=HYPERLINK(\"http://evil\")".into(),
            recommendation: "Exempt smuggled migrants from s. 22".into(),
            assessed_on: date!(2025 - 04 - 02),
            stakeholders_consulted: vec![],
            assessed_by: "user-9".into(),
        },
    )
    .unwrap();
    let rows = csv(|b| tables::review_csv(&r, b).unwrap());
    assert_eq!(rows[1][..4], ["PK", "1", "SOM-10", "not_compliant"]);
    assert!(rows[1][6].starts_with("'="), "formulas are defused: {}", rows[1][6]);

    let m = HarmonisationMatrix::compute(&c, &[&r], date!(2025 - 01 - 01), date!(2025 - 12 - 31)).unwrap();
    let rows = csv(|b| tables::matrix_csv(&m, b).unwrap());
    assert_eq!(rows[0], ["provision", "kind", "PK 2025-01-01", "PK 2025-12-31", "PK change"]);
    let som10 = rows.iter().find(|r| r[0] == "SOM-10").unwrap();
    assert_eq!(som10[2..], ["", "not_compliant", "new"]);
}

#[test]
fn actuals_and_engagement_as_csv() {
    let a = Actual::draft(Period::year(2025).unwrap(), Some(Value::parse("23.5").unwrap()), None, "-checked");
    let rows = csv(|b| tables::actuals_csv("IND-1", &[a], b).unwrap());
    assert_eq!(rows[1], ["IND-1", "2025-01-01", "2026-01-01", "", "23.5", "draft", "'-checked"]);

    let mut e = Engagement::new(Jurisdiction::parse("NG").unwrap());
    e.record(StageChange {
        stage: Stage::Consultation,
        on: date!(2024 - 03 - 01),
        evidence: vec!["Mission report".into(), "Focal point letter".into()],
        note: String::new(),
        recorded_by: "user-1".into(),
    })
    .unwrap();
    let rows = csv(|b| tables::engagement_csv(&e, b).unwrap());
    assert_eq!(
        rows[1],
        ["NG", "consultation", "2024-03-01", "Mission report | Focal point letter", "", "user-1"]
    );
}

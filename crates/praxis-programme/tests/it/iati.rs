//! IATI 2.03 export: the output validates against the official schema, and the validator used by
//! the test does reject an invalid document (so the test can fail).

use std::path::PathBuf;
use std::process::Command;

use praxis_model::Jurisdiction;
use praxis_programme::iati::{
    activities_to_string, Activity, ActivityResult, ActivityScope, ActivityStatus, Baseline, Budget,
    BudgetType, DataPoint, DateType, DescriptionType, DocumentLink, IatiError, Indicator, Location, Measure,
    OrgRole, ParticipatingOrg, RecipientCountry, Reference, RelatedActivity, ReportingOrg, ResultPeriod,
    ResultType, Sector, Text, Transaction, TransactionType,
};
use praxis_programme::money::{Currency, Money};
use time::macros::{date, datetime};

fn schema() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/iati-2.03/iati-activities-schema.xsd")
}

/// Validates `xml` against the IATI 2.03 schema with xmllint. Fails (does not skip) when xmllint
/// is missing: `scripts/test` installs it (Debian package libxml2-utils).
fn validate(xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("activities.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(schema())
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint is needed to validate IATI output (apt-get install libxml2-utils): {e}")
        });
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn usd() -> Currency {
    Currency::parse("USD").unwrap()
}

pub(crate) fn sample() -> Activity {
    Activity {
        identifier: "XM-DAC-41114-GLOACT-NG".into(),
        reporting_org: ReportingOrg {
            reference: "XM-DAC-41114".into(),
            org_type: "40".into(),
            name: Text::plain("United Nations Office on Drugs and Crime")
                .with("fr", "Office des Nations Unies contre la drogue et le crime"),
        },
        default_lang: Some("en".into()),
        default_currency: Some(usd()),
        last_updated: Some(datetime!(2025-07-01 12:00 UTC)),
        hierarchy: Some(2),
        title: Text::plain("Countering trafficking in persons & smuggling of migrants <Nigeria>")
            .with("ar", "مكافحة الاتجار بالأشخاص"),
        descriptions: vec![
            (DescriptionType::General, Text::plain("Country component.")),
            (
                DescriptionType::Objectives,
                Text::plain("Outcome 2: legislation harmonised with UNTOC and the Protocols."),
            ),
        ],
        participating_orgs: vec![
            ParticipatingOrg {
                role: OrgRole::Funding,
                reference: Some("XI-IATI-EC_INTPA".into()),
                org_type: Some("15".into()),
                name: Text::plain("European Union"),
            },
            ParticipatingOrg {
                role: OrgRole::Implementing,
                reference: None,
                org_type: Some("10".into()),
                name: Text::plain("National Agency for the Prohibition of Trafficking in Persons"),
            },
        ],
        status: ActivityStatus::Implementation,
        dates: vec![
            (DateType::PlannedStart, date!(2024 - 01 - 01)),
            (DateType::PlannedEnd, date!(2027 - 12 - 31)),
        ],
        scope: Some(ActivityScope::National),
        recipient_countries: vec![RecipientCountry {
            country: Jurisdiction::parse("NG").unwrap(),
            percentage: None,
        }],
        locations: vec![Location {
            reference: "LOC-PILOT-1".into(),
            reach: Some(1),
            name: Some(Text::plain("Kano State (pilot area)")),
            administrative: vec![("G1".into(), Some(1), "2335196".into())],
            point: Some((12.0, 8.52)),
            exactness: Some(2),
            class: Some(1),
        }],
        tags: vec![("3".into(), "16.2".into()), ("3".into(), "8.7".into())],
        policy_markers: vec![("1".into(), Some(1))],
        collaboration_type: Some("1".into()),
        default_flow_type: Some("10".into()),
        default_finance_type: Some("110".into()),
        default_aid_type: Some("D02".into()),
        document_links: vec![DocumentLink {
            url: "https://example.org/toc-nga-v3.pdf".into(),
            format: "application/pdf".into(),
            title: Text::plain("National theory of change, version 3"),
            categories: vec!["A02".into()],
            date: Some(date!(2025 - 02 - 01)),
        }],
        sectors: vec![
            Sector { vocabulary: "1".into(), code: "15190".into(), percentage: Some(70) },
            Sector { vocabulary: "1".into(), code: "15130".into(), percentage: Some(30) },
        ],
        budgets: vec![Budget {
            kind: BudgetType::Original,
            start: date!(2025 - 01 - 01),
            end: date!(2025 - 12 - 31),
            value: Money::new(125_000_000, usd()),
            value_date: date!(2025 - 01 - 01),
        }],
        transactions: vec![Transaction {
            kind: TransactionType::Expenditure,
            date: date!(2025 - 03 - 31),
            value: Money::new(1_234_567, usd()),
            value_date: date!(2025 - 03 - 31),
            description: Some(Text::plain("Training of trainers, Kano")),
        }],
        related: vec![RelatedActivity { identifier: "XM-DAC-41114-GLOACT".into(), relation: 1 }],
        results: vec![
            ActivityResult {
                kind: ResultType::Output,
                aggregation_status: Some(true),
                title: Text::plain("Output 3.1: Criminal justice practitioners trained on TIP/SOM"),
                description: None,
                references: vec![Reference {
                    vocabulary: "99".into(),
                    code: "TOC-NGA-O3.1".into(),
                    uri: None,
                }],
                indicators: vec![Indicator {
                    measure: Measure::Unit,
                    ascending: Some(true),
                    aggregation_status: Some(true),
                    title: Text::plain("Number of practitioners trained (pilot areas)"),
                    description: None,
                    references: vec![Reference {
                        vocabulary: "99".into(),
                        code: "IND-3.1.1".into(),
                        uri: Some("https://example.org/indicators/IND-3.1.1".into()),
                    }],
                    baselines: vec![Baseline {
                        year: 2024,
                        iso_date: Some(date!(2024 - 12 - 31)),
                        point: DataPoint::total(0),
                    }],
                    periods: vec![ResultPeriod {
                        start: date!(2025 - 01 - 01),
                        end: date!(2025 - 12 - 31),
                        targets: vec![DataPoint::total(120), DataPoint::by(48, &[("sex", "female")])],
                        actuals: vec![
                            DataPoint::total(95),
                            DataPoint::by(41, &[("sex", "female")]),
                            DataPoint {
                                value: Some("60".into()),
                                locations: vec!["LOC-PILOT-1".into()],
                                ..DataPoint::default()
                            },
                        ],
                    }],
                }],
            },
            ActivityResult {
                kind: ResultType::Outcome,
                aggregation_status: None,
                title: Text::plain("Outcome 2: TIP/SOM legislation harmonised with UNTOC and Protocols"),
                description: Some(Text::plain(
                    "Measured with the legislative review checklist, catalogue v1.",
                )),
                references: vec![],
                indicators: vec![
                    Indicator {
                        measure: Measure::Qualitative,
                        ascending: None,
                        aggregation_status: None,
                        title: Text::plain("Legislative review validated and amendments tabled"),
                        description: None,
                        references: vec![],
                        baselines: vec![],
                        periods: vec![ResultPeriod {
                            start: date!(2025 - 01 - 01),
                            end: date!(2025 - 12 - 31),
                            targets: vec![DataPoint::qualitative(Text::plain(
                                "Review validated by national stakeholders",
                            ))],
                            actuals: vec![DataPoint::qualitative(Text::plain("Validated 2025-06-30"))],
                        }],
                    },
                    Indicator {
                        measure: Measure::Percentage,
                        ascending: Some(true),
                        aggregation_status: Some(false),
                        title: Text::plain("% of mandatory checklist items compliant"),
                        description: None,
                        references: vec![],
                        baselines: vec![Baseline {
                            year: 2024,
                            iso_date: None,
                            point: DataPoint::total("41.5"),
                        }],
                        periods: vec![],
                    },
                ],
            },
        ],
    }
}

#[test]
fn the_export_validates_against_the_iati_2_03_schema() {
    let xml = activities_to_string(&[sample()], datetime!(2025-07-02 08:30 UTC)).unwrap();
    validate(&xml).unwrap_or_else(|e| panic!("invalid IATI:\n{e}\n{xml}"));
    // Spot checks of what the schema does not see.
    assert!(xml.contains(r#"<iati-activities version="2.03" generated-datetime="2025-07-02T08:30:00Z">"#));
    assert!(xml.contains("<value currency=\"USD\" value-date=\"2025-01-01\">1250000.00</value>"));
    assert!(xml.contains("&amp; smuggling of migrants &lt;Nigeria&gt;"));
    assert!(xml.contains(r#"<dimension name="sex" value="female"/>"#));
    assert!(xml.contains(r#"<narrative xml:lang="ar">"#));
}

#[test]
fn the_validator_rejects_an_invalid_document() {
    let xml = activities_to_string(&[sample()], datetime!(2025-07-02 08:30 UTC)).unwrap();
    // reporting-org before iati-identifier: wrong order.
    let swapped = xml.replacen("<iati-identifier>XM-DAC-41114-GLOACT-NG</iati-identifier>", "", 1).replacen(
        "</reporting-org>",
        "</reporting-org>\n    <iati-identifier>XM-DAC-41114-GLOACT-NG</iati-identifier>",
        1,
    );
    let err = validate(&swapped).unwrap_err();
    assert!(err.contains("reporting-org"), "{err}");
    // A baseline without its required year.
    let no_year = xml.replacen(r#" year="2024""#, "", 1);
    assert!(validate(&no_year).unwrap_err().contains("year"));
    // Not a date.
    let bad_date = xml.replacen("2027-12-31", "31/12/2027", 1);
    assert!(validate(&bad_date).is_err());
}

#[test]
fn rules_the_schema_cannot_check_are_enforced_before_writing() {
    let mut a = sample();
    a.identifier = "GLOACT-NG".into();
    a.sectors[1].percentage = Some(20);
    a.results[1].indicators[0].periods[0].actuals[0].value = Some("yes".into());
    a.results[0].indicators[0].periods[0].actuals[2].locations = vec!["LOC-NOWHERE".into()];
    a.recipient_countries = vec![
        RecipientCountry { country: Jurisdiction::parse("NG").unwrap(), percentage: Some(50) },
        RecipientCountry { country: Jurisdiction::parse("PK-PB").unwrap(), percentage: Some(40) },
    ];
    let Err(IatiError::Invalid(problems)) = activities_to_string(&[a], datetime!(2025-07-02 08:30 UTC))
    else {
        panic!("accepted")
    };
    let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "iati-identifier",
            "recipient-country",
            "recipient-country",
            "result//location",
            "sector",
            "result/indicator"
        ],
        "{problems:?}"
    );
    assert!(activities_to_string(&[], datetime!(2025-07-02 08:30 UTC)).is_err());
}

#[test]
fn narratives_need_a_language_without_a_default() {
    let mut a = sample();
    a.default_lang = None;
    let problems = a.check();
    assert!(problems.iter().any(|p| p.path == "title" && p.message.contains("xml:lang")));
}

mod from_programme {
    use super::*;
    use praxis_programme::iati::{indicator_from, result_from_node};
    use praxis_programme::indicator::{
        self, Actual, AgeBand, Category, Dimension, Direction, DisaggregationModel, Frequency, Period,
        ReferenceSheet, Sex, Target, Value, WorkflowAction,
    };
    use praxis_programme::toc::{Level, Node, NodeId};
    use praxis_programme::{Pillar, Tags};

    fn model() -> DisaggregationModel {
        DisaggregationModel::new(
            "people",
            vec![
                (Dimension::Sex, vec![Category::Sex(Sex::Female), Category::Sex(Sex::Male)]),
                (
                    Dimension::AgeBand,
                    vec![
                        Category::AgeBand(AgeBand::new(0, Some(18)).unwrap()),
                        Category::AgeBand(AgeBand::new(18, None).unwrap()),
                    ],
                ),
            ],
        )
        .unwrap()
    }

    fn approved(p: Period, value: i64, key: Option<indicator::DisaggregationKey>) -> Actual {
        let mut a = Actual::draft(p, Some(Value::from_int(value)), key, "");
        a.apply(WorkflowAction::Submit, "ana", date!(2025 - 12 - 20), "").unwrap();
        a.apply(WorkflowAction::Approve, "omar", date!(2025 - 12 - 21), "").unwrap();
        a
    }

    #[test]
    fn approved_actuals_only_and_small_counts_aggregated_upward() {
        let m = model();
        let sheet = ReferenceSheet {
            code: "IND-5.1".into(),
            title: "Victims referred to assistance".into(),
            definition: "Identified victims referred to a service provider".into(),
            unit: "persons".into(),
            measure: indicator::Measure::Count,
            direction: Direction::Increase,
            means_of_verification: "Referral register".into(),
            frequency: Frequency::Annual,
            owner: "National referral mechanism".into(),
            tags: Tags::new([Pillar::Protection], []),
            disaggregation: Some(m.reference()),
        };
        let p = Period::year(2025).unwrap();
        let key = |parts: &[(Dimension, &str)]| Some(m.key(parts).unwrap());
        let actuals = vec![
            approved(p, 40, None),
            approved(p, 3, key(&[(Dimension::Sex, "male")])), // small: the sex rows go
            approved(p, 37, key(&[(Dimension::Sex, "female")])),
            approved(p, 12, key(&[(Dimension::AgeBand, "0-17")])),
            approved(p, 28, key(&[(Dimension::AgeBand, "18+")])),
            Actual::draft(Period::year(2026).unwrap(), Some(Value::from_int(9)), None, ""), // not approved
        ];
        let targets =
            vec![Target { period: p, value: Some(Value::from_int(50)), key: None, comment: String::new() }];
        let baselines = vec![indicator::Baseline {
            date: date!(2024 - 12 - 31),
            value: Some(Value::from_int(2)),
            key: None,
            comment: String::new(),
        }];
        let ind = indicator_from(&sheet, &baselines, &targets, &actuals, 5);
        assert_eq!(ind.periods.len(), 1, "the draft of 2026 is not published");
        let period = &ind.periods[0];
        assert_eq!(period.end, date!(2025 - 12 - 31));
        let rows: Vec<_> = period.actuals.iter().map(|d| (d.value.clone(), d.dimensions.clone())).collect();
        assert_eq!(
            rows,
            [
                (Some("40".to_owned()), vec![]),
                (Some("12".to_owned()), vec![("age_band".to_owned(), "0-17".to_owned())]),
                (Some("28".to_owned()), vec![("age_band".to_owned(), "18+".to_owned())]),
            ]
        );
        // A small baseline total is published without its value.
        assert_eq!(ind.baselines[0].point.value, None);
        assert_eq!(ind.baselines[0].year, 2024);

        let node = Node {
            id: NodeId::parse("TOC-NGA-OC5").unwrap(),
            level: Level::Outcome,
            title: "Victims assisted".into(),
            description: String::new(),
            tags: Tags::default(),
        };
        let result = result_from_node(&node, vec![ind]).unwrap();
        let mut a = sample();
        a.results = vec![result];
        let xml = activities_to_string(&[a], datetime!(2026-01-15 10:00 UTC)).unwrap();
        validate(&xml).unwrap_or_else(|e| panic!("invalid IATI:\n{e}\n{xml}"));
        assert!(xml.contains("Fewer than 5 (suppressed)"));
        assert!(!xml.contains(r#"value="3""#));

        let activity_node = Node { level: Level::Activity, ..node };
        assert!(result_from_node(&activity_node, vec![]).is_none());
    }
}

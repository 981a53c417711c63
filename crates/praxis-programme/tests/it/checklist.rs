//! The checklist catalogue, country reviews, scores and the harmonisation matrix.

use praxis_model::Jurisdiction;
use praxis_programme::checklist::matrix::{Change, HarmonisationMatrix};
use praxis_programme::checklist::review::{Answer, AnswerRecord, CountryReview, Evidence, ReviewError};
use praxis_programme::checklist::{
    Catalogue, CatalogueError, Instrument, Kind, Level, ProvisionId, TextField, Verification,
};
use time::macros::date;
use time::Date;

#[test]
fn the_shipped_catalogue_is_valid_and_complete() {
    let c = Catalogue::v1();
    assert_eq!(c.version(), 1);
    assert_eq!(Catalogue::shipped_versions(), [1]);
    assert_eq!(Catalogue::latest(), c);
    // Every item of the reference checklist (sections 3.A-3.G) is there.
    assert_eq!(c.provisions().len(), 5 + 16 + 18 + 12 + 11 + 12 + 13);
    let ids: Vec<_> = c.provisions().iter().map(|p| p.id.as_str()).collect();
    for id in ["GEN-01", "TIP-06", "TIP-14", "UNTOC-25", "TIP-P12", "TIP-C11", "SOM-10", "SOM-C05"] {
        assert!(ids.contains(&id), "{id} missing");
    }
}

#[test]
fn provisions_carry_article_level_and_kind() {
    let c = Catalogue::v1();
    let consent = c.get("TIP-06").unwrap();
    assert_eq!(consent.instrument, Instrument::TipProtocol);
    assert_eq!(consent.citation(), "TIP Protocol art. 3(b)");
    assert_eq!(consent.levels, [Level::Mandatory]);
    assert!(consent.is_mandatory());
    assert_eq!(consent.translation_key(TextField::Question), "checklist-tip-06-question");

    let mixed = c.get("SOM-08").unwrap();
    assert_eq!(mixed.level_code(), "Mq/M");
    assert_eq!(mixed.kind, Kind::Obligation);

    let info = c.get("GEN-01").unwrap();
    assert_eq!(info.kind, Kind::Information);
    assert_eq!(info.level_code(), "-");
}

#[test]
fn non_punishment_is_guidance_not_a_treaty_obligation() {
    let c = Catalogue::v1();
    let np = c.get("TIP-14").unwrap();
    assert_eq!(np.kind, Kind::Guidance);
    assert_eq!(np.instrument, Instrument::ModelLawTip2009);
    assert!(!np.instrument.is_treaty_obligation());
    // Every guidance item is G only, and nothing from a model law or regional treaty is an
    // obligation.
    for p in c.provisions() {
        if p.kind == Kind::Guidance {
            assert!(p.levels.iter().all(|l| *l == Level::Guidance), "{}", p.id);
        }
        if !p.instrument.is_treaty_obligation() {
            assert_ne!(p.kind, Kind::Obligation, "{}", p.id);
        }
    }
}

#[test]
fn unverified_citations_stay_visible() {
    let c = Catalogue::v1();
    let unverified: Vec<_> =
        c.provisions().iter().filter(|p| p.has_unverified_citation()).map(|p| p.id.as_str()).collect();
    assert_eq!(unverified, ["TIP-03", "TIP-04", "TIP-06", "TIP-14", "TIP-P11"]);
    let tip04 = c.get("TIP-04").unwrap();
    assert_eq!(tip04.refs[0].verification, Verification::Unverified);
    assert!(tip04.refs[0].cite.contains('?'));
}

#[test]
fn a_new_catalogue_version_says_what_changed() {
    let v1 = Catalogue::v1();
    let text = include_str!("../../checklist/v1.toml")
        .replace("version = 1", "version = 2")
        .replace("article = \"6(3)(a)-(b)\"", "article = \"6(3)\"")
        .replace("title = \"Consent irrelevant\"", "title = \"Consent is irrelevant\"")
        + "\n[[provision]]\nid = \"SOM-C06\"\nsection = \"som_protection\"\ninstrument = \"som_protocol\"\n\
           article = \"17\"\nlevel = \"C\"\nkind = \"obligation\"\nverification = \"treaty_text\"\n\
           title = \"Agreements\"\nquestion = \"q\"\nchecks = \"c\"\n";
    let v2 = Catalogue::parse(&text).unwrap();
    assert_eq!(v2.version(), 2);
    let d = v1.diff(&v2);
    assert_eq!(d.added, [ProvisionId::parse("SOM-C06").unwrap()]);
    assert!(d.removed.is_empty());
    let changed: Vec<_> = d.changed.iter().map(|(id, f)| (id.as_str(), f.clone())).collect();
    assert_eq!(changed, [("TIP-06", vec!["text"]), ("SOM-09", vec!["article"])]);
}

#[test]
fn english_fluent_has_one_message_per_text() {
    let c = Catalogue::v1();
    let ftl = c.english_fluent();
    assert!(ftl.contains("checklist-tip-06-title = Consent irrelevant\n"));
    assert!(ftl.contains("checklist-section-general = General and framework\n"));
    let messages = ftl.lines().filter(|l| l.starts_with("checklist-")).count();
    assert_eq!(messages, 7 + 3 * c.provisions().len());
}

/// A catalogue file with the given provision body (TOML lines).
fn catalogue_with(provision: &str) -> Result<Catalogue, Vec<CatalogueError>> {
    Catalogue::parse(&format!(
        "version = 9\npublished = \"2026-01-01\"\ntitle = \"t\"\n[[provision]]\n{provision}\n"
    ))
}

const GOOD: &str = r#"id = "X-01"
section = "general"
instrument = "untoc"
article = "5"
level = "M"
kind = "obligation"
verification = "treaty_text"
title = "t"
question = "q"
checks = "c""#;

#[test]
fn a_bad_catalogue_is_refused_with_every_error() {
    assert!(catalogue_with(GOOD).is_ok());
    // Guidance cannot be declared an obligation, a model law cannot oblige, unknown codes.
    let bad = GOOD
        .replace("level = \"M\"", "level = \"G\"")
        .replace("instrument = \"untoc\"", "instrument = \"model_law_tip_2009\"")
        .replace("treaty_text", "guessed");
    let errors = catalogue_with(&bad).unwrap_err();
    let text: Vec<_> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 3, "{text:?}");
    assert!(text.iter().any(|t| t.contains("makes this guidance")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("no Protocol obligation")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("unknown verification")), "{text:?}");
    // Duplicates and unknown fields.
    let dup = format!("{GOOD}\n[[provision]]\n{GOOD}");
    assert_eq!(catalogue_with(&dup).unwrap_err(), [CatalogueError::Duplicate("X-01".into())]);
    assert!(matches!(
        &catalogue_with(&format!("{GOOD}\nsurprise = 1")).unwrap_err()[..],
        [CatalogueError::Toml(_)]
    ));
}

fn ng() -> Jurisdiction {
    Jurisdiction::parse("NG").unwrap()
}

fn pk() -> Jurisdiction {
    Jurisdiction::parse("PK").unwrap()
}

fn rec(id: &str, answer: Answer, on: Date) -> AnswerRecord {
    let needs_evidence = matches!(answer, Answer::Compliant | Answer::PartiallyCompliant);
    let needs_gap = matches!(answer, Answer::PartiallyCompliant | Answer::NotCompliant);
    AnswerRecord {
        provision: ProvisionId::parse(id).unwrap(),
        answer,
        evidence: if needs_evidence {
            vec![Evidence {
                law: "Trafficking in Persons Act 2015 s. 13".into(),
                url: Some("https://sherloc.unodc.org/x".into()),
            }]
        } else {
            vec![]
        },
        gap_note: if needs_gap { "means list omits vulnerability".into() } else { String::new() },
        recommendation: if needs_gap { "amend s. 13".into() } else { String::new() },
        assessed_on: on,
        stakeholders_consulted: vec!["Ministry of Justice".into(), "NAPTIP".into()],
        assessed_by: "user-7".into(),
    }
}

#[test]
fn answers_follow_the_rules() {
    let c = Catalogue::v1();
    let mut r = CountryReview::new(ng(), &c);
    r.record(&c, rec("TIP-06", Answer::Compliant, date!(2025 - 01 - 10))).unwrap();

    let mut no_evidence = rec("TIP-07", Answer::Compliant, date!(2025 - 01 - 10));
    no_evidence.evidence.clear();
    assert!(matches!(r.record(&c, no_evidence), Err(ReviewError::Field { field: "evidence", .. })));

    let mut no_gap = rec("TIP-07", Answer::NotCompliant, date!(2025 - 01 - 10));
    no_gap.gap_note.clear();
    assert!(matches!(r.record(&c, no_gap), Err(ReviewError::Field { field: "gap_note", .. })));

    let mut bad_link = rec("TIP-07", Answer::Compliant, date!(2025 - 01 - 10));
    bad_link.evidence[0].url = Some("javascript:alert(1)".into());
    assert!(matches!(r.record(&c, bad_link), Err(ReviewError::Field { field: "evidence", .. })));

    let unknown = rec("TIP-99", Answer::Unknown, date!(2025 - 01 - 10));
    assert_eq!(r.record(&c, unknown), Err(ReviewError::UnknownProvision("TIP-99".into(), 1)));

    let earlier = rec("TIP-06", Answer::NotCompliant, date!(2024 - 12 - 31));
    assert!(matches!(r.record(&c, earlier), Err(ReviewError::OutOfOrder { .. })));
    assert_eq!(r.records().len(), 1, "refused answers leave nothing behind");
}

#[test]
fn history_and_state_at_a_date() {
    let c = Catalogue::v1();
    let records = [
        rec("TIP-03", Answer::NotCompliant, date!(2024 - 03 - 01)),
        rec("TIP-03", Answer::PartiallyCompliant, date!(2025 - 02 - 01)),
        rec("TIP-03", Answer::Compliant, date!(2025 - 09 - 01)),
    ];
    let r = CountryReview::from_records(ng(), &c, records).unwrap();
    let id = ProvisionId::parse("TIP-03").unwrap();
    assert_eq!(r.history(&id).count(), 3);
    assert!(r.as_of(date!(2024 - 01 - 01)).is_empty());
    assert_eq!(r.as_of(date!(2025 - 06 - 30))[&id].answer, Answer::PartiallyCompliant);
    assert_eq!(r.current()[&id].answer, Answer::Compliant);
}

#[test]
fn scores_keep_guidance_apart_and_weigh_partial_answers() {
    let c = Catalogue::v1();
    let d = date!(2025 - 06 - 30);
    let mut r = CountryReview::new(ng(), &c);
    for (id, a) in [
        ("TIP-02", Answer::Compliant),          // M
        ("TIP-03", Answer::PartiallyCompliant), // M
        ("TIP-09", Answer::NotCompliant),       // Mq
        ("UNTOC-19", Answer::NotApplicable),    // C
        ("TIP-14", Answer::Compliant),          // guidance
        ("GEN-01", Answer::Unknown),            // information: not scored
    ] {
        r.record(&c, rec(id, a, d)).unwrap();
    }
    let s = r.score_as_of(&c, d);
    assert_eq!(s.obligations.assessed(), 3);
    assert_eq!(s.obligations.score(), Some((1.0 + 0.5) / 3.0));
    assert_eq!(s.mandatory.assessed(), 2);
    assert_eq!(s.mandatory.share_compliant(), Some(0.5));
    assert_eq!(s.guidance.compliant, 1);
    assert_eq!(s.guidance.total(), c.provisions().iter().filter(|p| p.kind == Kind::Guidance).count() as u32);
    let obligations = c.provisions().iter().filter(|p| p.kind == Kind::Obligation).count() as u32;
    assert_eq!(s.obligations.total(), obligations);
    assert_eq!(s.obligations.coverage(), Some(3.0 / (obligations - 1) as f64));
    // Before any answer: nothing to score.
    assert_eq!(r.score_as_of(&c, date!(2020 - 01 - 01)).obligations.score(), None);
}

#[test]
fn the_matrix_shows_answers_at_two_dates_and_what_changed() {
    let c = Catalogue::v1();
    let ng_review = CountryReview::from_records(
        ng(),
        &c,
        [
            rec("TIP-03", Answer::NotCompliant, date!(2024 - 03 - 01)),
            rec("TIP-03", Answer::Compliant, date!(2025 - 03 - 01)),
            rec("SOM-10", Answer::Compliant, date!(2024 - 03 - 01)),
        ],
    )
    .unwrap();
    let pk_review = CountryReview::from_records(
        pk(),
        &c,
        [
            rec("TIP-03", Answer::Compliant, date!(2024 - 05 - 01)),
            rec("SOM-10", Answer::Compliant, date!(2024 - 05 - 01)),
            rec("SOM-10", Answer::PartiallyCompliant, date!(2025 - 05 - 01)),
            rec("TIP-14", Answer::Unknown, date!(2025 - 05 - 01)),
        ],
    )
    .unwrap();
    let m = HarmonisationMatrix::compute(
        &c,
        &[&ng_review, &pk_review],
        date!(2024 - 12 - 31),
        date!(2025 - 12 - 31),
    )
    .unwrap();
    assert_eq!(m.countries, [ng(), pk()]);
    assert_eq!(m.rows.len(), c.provisions().len());
    let cell = m.cell(&ng(), "TIP-03").unwrap();
    assert_eq!(
        (cell.before, cell.after, cell.change()),
        (Some(Answer::NotCompliant), Some(Answer::Compliant), Change::Improved)
    );
    let changes: Vec<_> = m
        .changes()
        .into_iter()
        .map(|c| (c.country.code().to_owned(), c.provision.to_string(), c.change))
        .collect();
    assert_eq!(
        changes,
        [
            ("NG".into(), "TIP-03".into(), Change::Improved),
            ("PK".into(), "TIP-14".into(), Change::New),
            ("PK".into(), "SOM-10".into(), Change::Regressed),
        ]
    );
    let tip03 = m.rows.iter().find(|r| r.provision.as_str() == "TIP-03").unwrap();
    assert!(tip03.is_harmonised());
    let tip14 = m.rows.iter().find(|r| r.provision.as_str() == "TIP-14").unwrap();
    assert_eq!(tip14.kind, Kind::Guidance);
    // Per-country scores at both dates.
    assert_eq!(m.scores[0].0.obligations.score(), Some(0.5));
    assert_eq!(m.scores[0].1.obligations.score(), Some(1.0));
}

#[test]
fn change_follows_the_compliance_order() {
    use Answer::*;
    assert_eq!(Change::between(Some(PartiallyCompliant), Some(Compliant)), Change::Improved);
    assert_eq!(Change::between(Some(Compliant), Some(NotCompliant)), Change::Regressed);
    assert_eq!(Change::between(Some(Unknown), Some(NotCompliant)), Change::Changed);
    assert_eq!(Change::between(Some(Unknown), Some(Unknown)), Change::Unchanged);
    assert_eq!(Change::between(None, Some(Unknown)), Change::New);
}

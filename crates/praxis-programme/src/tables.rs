//! CSV of every table of the programme engine: the checklist catalogue, a country review with
//! its history, the harmonisation matrix, a theory of change (nodes and links), a workplan,
//! actuals, and an engagement history.
//!
//! One header row, then one row per record; dates `YYYY-MM-DD`; money as a decimal with its
//! currency in the next column (and the exact minor units); lists joined with ` | `. Free text
//! that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return) is prefixed with `'`. These tables are for the programme team: IATI and HXL are the
//! public exports.

use std::io::Write;

use time::Date;

use crate::checklist::matrix::HarmonisationMatrix;
use crate::checklist::review::CountryReview;
use crate::checklist::Catalogue;
use crate::engagement::Engagement;
use crate::indicator::Actual;
use crate::toc::TheoryOfChange;
use crate::workplan::Workplan;

#[derive(Debug, thiserror::Error)]
#[error("writing the CSV failed: {0}")]
pub struct CsvError(String);

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        CsvError(e.to_string())
    }
}

impl From<std::io::Error> for CsvError {
    fn from(e: std::io::Error) -> Self {
        CsvError(e.to_string())
    }
}

/// Free text, defused for spreadsheets.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn day(d: Date) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    d.format(&f).expect("formattable")
}

fn flag(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

fn write<W: Write>(out: W, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<(), CsvError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    w.flush()?;
    Ok(())
}

/// The checklist catalogue, one provision per row.
pub fn catalogue_csv<W: Write>(c: &Catalogue, out: W) -> Result<(), CsvError> {
    write(
        out,
        &[
            "catalogue_version",
            "id",
            "section",
            "instrument",
            "article",
            "citation",
            "level",
            "kind",
            "verification",
            "references",
            "title",
            "question",
            "checks",
        ],
        c.provisions().iter().map(|p| {
            vec![
                c.version().to_string(),
                p.id.to_string(),
                p.section.code().into(),
                p.instrument.code().into(),
                p.article.clone(),
                p.citation(),
                p.level_code(),
                p.kind.code().into(),
                p.verification.code().into(),
                p.refs
                    .iter()
                    .map(|r| format!("{} [{}]", r.cite, r.verification.code()))
                    .collect::<Vec<_>>()
                    .join(" | "),
                text(&p.title),
                text(&p.question),
                text(&p.checks),
            ]
        }),
    )
}

/// Every answer of a country review, history included, in the order recorded.
pub fn review_csv<W: Write>(r: &CountryReview, out: W) -> Result<(), CsvError> {
    write(
        out,
        &[
            "country",
            "catalogue_version",
            "provision",
            "answer",
            "evidence_law",
            "evidence_url",
            "gap_note",
            "recommendation",
            "stakeholders_consulted",
            "assessed_on",
            "assessed_by",
        ],
        r.records().iter().map(|a| {
            vec![
                r.country().to_string(),
                r.catalogue_version().to_string(),
                a.provision.to_string(),
                a.answer.code().into(),
                a.evidence.iter().map(|e| text(&e.law)).collect::<Vec<_>>().join(" | "),
                a.evidence.iter().map(|e| e.url.clone().unwrap_or_default()).collect::<Vec<_>>().join(" | "),
                text(&a.gap_note),
                text(&a.recommendation),
                a.stakeholders_consulted.iter().map(|s| text(s)).collect::<Vec<_>>().join(" | "),
                day(a.assessed_on),
                text(&a.assessed_by),
            ]
        }),
    )
}

/// The harmonisation matrix: one row per provision; per country the answer at each date and
/// the change.
pub fn matrix_csv<W: Write>(m: &HarmonisationMatrix, out: W) -> Result<(), CsvError> {
    let mut header = vec!["provision".to_owned(), "kind".to_owned()];
    for c in &m.countries {
        header.push(format!("{} {}", c, day(m.earlier)));
        header.push(format!("{} {}", c, day(m.later)));
        header.push(format!("{c} change"));
    }
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let answer =
        |a: Option<crate::checklist::review::Answer>| a.map(|a| a.code().to_owned()).unwrap_or_default();
    write(
        out,
        &header_refs,
        m.rows.iter().map(|row| {
            let mut r = vec![row.provision.to_string(), row.kind.code().to_owned()];
            for cell in &row.cells {
                r.push(answer(cell.before));
                r.push(answer(cell.after));
                r.push(cell.change().code().to_owned());
            }
            r
        }),
    )
}

/// The nodes of a theory of change.
pub fn toc_nodes_csv<W: Write>(t: &TheoryOfChange, out: W) -> Result<(), CsvError> {
    write(
        out,
        &["version", "id", "level", "title", "description", "pillars_and_themes"],
        t.nodes().map(|n| {
            vec![
                t.version().to_string(),
                n.id.to_string(),
                n.level.code().into(),
                text(&n.title),
                text(&n.description),
                n.tags.codes(),
            ]
        }),
    )
}

/// The causal links of a theory of change.
pub fn toc_links_csv<W: Write>(t: &TheoryOfChange, out: W) -> Result<(), CsvError> {
    write(
        out,
        &["version", "from", "to", "rationale", "assumptions", "risks"],
        t.links().map(|l| {
            vec![
                t.version().to_string(),
                l.from.to_string(),
                l.to.to_string(),
                text(&l.rationale),
                l.assumptions.iter().map(|s| text(s)).collect::<Vec<_>>().join(" | "),
                l.risks.iter().map(|s| text(s)).collect::<Vec<_>>().join(" | "),
            ]
        }),
    )
}

/// A workplan, one activity per row.
pub fn workplan_csv<W: Write>(w: &Workplan, out: W) -> Result<(), CsvError> {
    write(
        out,
        &[
            "toc_version",
            "code",
            "title",
            "output",
            "pillars_and_themes",
            "responsible_org",
            "start",
            "end",
            "budget",
            "currency",
            "budget_minor_units",
            "status",
            "country",
            "area",
            "area_name",
            "capital",
            "conflict_affected",
        ],
        w.activities().iter().map(|a| {
            vec![
                w.toc_version().to_string(),
                text(&a.code),
                text(&a.title),
                a.output.to_string(),
                a.tags.codes(),
                text(&a.responsible_org),
                day(a.start),
                day(a.end),
                a.budget.decimal(),
                a.budget.currency.code().to_owned(),
                a.budget.minor.to_string(),
                a.status.code().into(),
                a.location.country().to_string(),
                a.location.area().map(|j| j.to_string()).unwrap_or_default(),
                text(a.location.area_name().unwrap_or_default()),
                flag(a.location.is_capital()),
                flag(a.location.is_conflict_affected()),
            ]
        }),
    )
}

/// Actuals of one indicator, with their status (period end is exclusive).
pub fn actuals_csv<W: Write>(indicator_code: &str, actuals: &[Actual], out: W) -> Result<(), CsvError> {
    write(
        out,
        &[
            "indicator",
            "period_start",
            "period_end_exclusive",
            "disaggregation",
            "value",
            "status",
            "comment",
        ],
        actuals.iter().map(|a| {
            vec![
                text(indicator_code),
                day(a.period.start()),
                day(a.period.end()),
                a.key
                    .as_ref()
                    .map(|k| {
                        k.pairs().into_iter().map(|(d, c)| format!("{d}={c}")).collect::<Vec<_>>().join(" | ")
                    })
                    .unwrap_or_default(),
                a.value().map(|v| v.to_string()).unwrap_or_default(),
                a.status().code().into(),
                text(a.comment()),
            ]
        }),
    )
}

/// The engagement history of a country.
pub fn engagement_csv<W: Write>(e: &Engagement, out: W) -> Result<(), CsvError> {
    write(
        out,
        &["country", "stage", "on", "evidence", "note", "recorded_by"],
        e.history().iter().map(|c| {
            vec![
                e.country().to_string(),
                c.stage.code().into(),
                day(c.on),
                c.evidence.iter().map(|s| text(s)).collect::<Vec<_>>().join(" | "),
                text(&c.note),
                text(&c.recorded_by),
            ]
        }),
    )
}

/// The indicator reference sheets, one row each, with where they apply (a country code, or
/// empty for a regional indicator) and how their actuals are obtained (`entered` or the code of
/// a live computation).
pub fn indicators_csv<W: Write>(
    sheets: &[(crate::indicator::ReferenceSheet, Option<String>, String)],
    out: W,
) -> Result<(), CsvError> {
    use crate::indicator::{Direction, Measure};
    write(
        out,
        &[
            "code",
            "title",
            "definition",
            "unit",
            "measure",
            "direction",
            "means_of_verification",
            "frequency",
            "owner",
            "tags",
            "country",
            "source",
            "disaggregation",
        ],
        sheets.iter().map(|(s, country, source)| {
            vec![
                text(&s.code),
                text(&s.title),
                text(&s.definition),
                text(&s.unit),
                match s.measure {
                    Measure::Count => "count",
                    Measure::Percentage => "percentage",
                    Measure::Qualitative => "qualitative",
                }
                .into(),
                match s.direction {
                    Direction::Increase => "increase",
                    Direction::Decrease => "decrease",
                }
                .into(),
                text(&s.means_of_verification),
                s.frequency.code().into(),
                text(&s.owner),
                s.tags.codes(),
                country.clone().unwrap_or_default(),
                text(source),
                s.disaggregation.as_ref().map(|m| format!("{} v{}", m.name, m.version)).unwrap_or_default(),
            ]
        }),
    )
}

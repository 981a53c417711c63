//! IATI Activity Standard 2.03: activity XML with results, from plain structs.
//!
//! [`write_activities`] writes `<iati-activities version="2.03">` with one `<iati-activity>` per
//! [`Activity`], elements in the order the 2.03 schema requires. The output validates against the
//! official schema (shipped in `schema/iati-2.03/`, checked by the tests with `xmllint`). The
//! schema checks structure only; [`Activity::check`] adds the IATI rules it cannot express
//! (identifier prefixed by the reporting organisation, percentages that add up, qualitative
//! indicators without values, dates in order), and a write refuses an activity that breaks them.
//!
//! IATI is public: build results only from aggregates with small counts suppressed (see
//! [`crate::hxl`] for the suppression rule), never from personal data.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use praxis_model::Jurisdiction;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use time::{Date, OffsetDateTime};

use crate::money::{Currency, Money};

/// Text in one or more languages: one `<narrative>` each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub Vec<Narrative>);

/// One narrative; `lang` is an ISO 639-1 code, or `None` for the activity's default language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    pub text: String,
    pub lang: Option<String>,
}

impl Text {
    /// Text in the activity's default language.
    pub fn plain(text: impl Into<String>) -> Text {
        Text(vec![Narrative { text: text.into(), lang: None }])
    }

    /// Adds a translation.
    pub fn with(mut self, lang: &str, text: impl Into<String>) -> Text {
        self.0.push(Narrative { text: text.into(), lang: Some(lang.to_owned()) });
        self
    }

    fn is_blank(&self) -> bool {
        self.0.iter().all(|n| n.text.trim().is_empty())
    }
}

/// The organisation that publishes the data (`reporting-org`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingOrg {
    /// The organisation identifier from the IATI Registry, e.g. `XM-DAC-41114`.
    pub reference: String,
    /// IATI OrganisationType code, e.g. `40` multilateral.
    pub org_type: String,
    pub name: Text,
}

/// IATI OrganisationRole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgRole {
    Funding = 1,
    Accountable = 2,
    Extending = 3,
    Implementing = 4,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipatingOrg {
    pub role: OrgRole,
    pub reference: Option<String>,
    /// IATI OrganisationType code: `10` government, `22` national NGO, `40` multilateral.
    pub org_type: Option<String>,
    pub name: Text,
}

/// IATI ActivityStatus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityStatus {
    Pipeline = 1,
    Implementation = 2,
    Finalisation = 3,
    Closed = 4,
    Cancelled = 5,
    Suspended = 6,
}

/// IATI ActivityDateType.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateType {
    PlannedStart = 1,
    ActualStart = 2,
    PlannedEnd = 3,
    ActualEnd = 4,
}

/// IATI DescriptionType.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DescriptionType {
    General = 1,
    Objectives = 2,
    TargetGroups = 3,
    Other = 4,
}

/// IATI ActivityScope (subset used by the programme).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityScope {
    Global = 1,
    Regional = 2,
    MultiNational = 3,
    National = 4,
    SubNationalMultiFirstLevel = 5,
    SubNationalSingleFirstLevel = 6,
    SubNationalSingleSecondLevel = 7,
    SingleLocation = 8,
}

/// A sector. `vocabulary` `1` is OECD DAC 5-digit (15190 facilitation of orderly, safe, regular
/// and responsible migration and mobility; 15130 legal and judicial development; 15160 human
/// rights; 15180 ending violence against women and girls).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sector {
    pub vocabulary: String,
    pub code: String,
    /// Whole percent; percentages of one vocabulary add up to 100 when there are several.
    pub percentage: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientCountry {
    /// An ISO 3166-1 country (not a subdivision).
    pub country: Jurisdiction,
    pub percentage: Option<u8>,
}

/// IATI BudgetType.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetType {
    Original = 1,
    Revised = 2,
}

/// A budget for a period of at most a year. Dates are inclusive, as IATI writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub kind: BudgetType,
    pub start: Date,
    pub end: Date,
    pub value: Money,
    pub value_date: Date,
}

/// IATI TransactionType (subset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionType {
    IncomingFunds = 1,
    OutgoingCommitment = 2,
    Disbursement = 3,
    Expenditure = 4,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub kind: TransactionType,
    pub date: Date,
    pub value: Money,
    pub value_date: Date,
    pub description: Option<Text>,
}

/// IATI ResultType.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultType {
    Output = 1,
    Outcome = 2,
    Impact = 3,
}

/// IATI IndicatorMeasure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Unit = 1,
    Percentage = 2,
    Nominal = 3,
    Ordinal = 4,
    /// No `@value`; the narrative goes in `comment`.
    Qualitative = 5,
}

/// A code in a vocabulary: `vocabulary="99"` (reporting organisation) with a ToC node id, or
/// `vocabulary="9"` with an SDG indicator code for an indicator reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub vocabulary: String,
    pub code: String,
    /// `indicator-uri` on an indicator reference, `vocabulary-uri` on a result reference.
    pub uri: Option<String>,
}

/// A value (total or one disaggregated row) of a baseline, target or actual.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataPoint {
    /// The value as text (IATI allows a string); `None` for qualitative indicators.
    pub value: Option<String>,
    /// `location @ref`s pointing to the activity's locations.
    pub locations: Vec<String>,
    /// `dimension @name @value` pairs, from the fixed disaggregation vocabulary.
    pub dimensions: Vec<(String, String)>,
    pub comment: Option<Text>,
}

impl DataPoint {
    pub fn total(value: impl ToString) -> DataPoint {
        DataPoint { value: Some(value.to_string()), ..DataPoint::default() }
    }

    pub fn by(value: impl ToString, dimensions: &[(&str, &str)]) -> DataPoint {
        DataPoint {
            value: Some(value.to_string()),
            dimensions: dimensions.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
            ..DataPoint::default()
        }
    }

    pub fn qualitative(comment: Text) -> DataPoint {
        DataPoint { comment: Some(comment), ..DataPoint::default() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub year: u16,
    pub iso_date: Option<Date>,
    pub point: DataPoint,
}

/// A reporting period with its targets and actuals (first the total, then disaggregated rows).
/// Dates are inclusive, as IATI writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultPeriod {
    pub start: Date,
    pub end: Date,
    pub targets: Vec<DataPoint>,
    pub actuals: Vec<DataPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub measure: Measure,
    /// `true` when a higher value is better.
    pub ascending: Option<bool>,
    pub aggregation_status: Option<bool>,
    pub title: Text,
    pub description: Option<Text>,
    pub references: Vec<Reference>,
    pub baselines: Vec<Baseline>,
    pub periods: Vec<ResultPeriod>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityResult {
    pub kind: ResultType,
    pub aggregation_status: Option<bool>,
    pub title: Text,
    pub description: Option<Text>,
    pub references: Vec<Reference>,
    pub indicators: Vec<Indicator>,
}

/// A place of the activity, referenced by results (`location @ref`). Sub-national pilot areas
/// ("going local") are published this way, at admin level 1 or higher for anything about people.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// Unique within the activity; what `DataPoint::locations` point to.
    pub reference: String,
    /// IATI GeographicLocationReach: 1 activity, 2 intended beneficiaries.
    pub reach: Option<u8>,
    pub name: Option<Text>,
    /// `(vocabulary, level, code)`: IATI GeographicVocabulary (`A1` GAUL, `G1` GeoNames …).
    pub administrative: Vec<(String, Option<u8>, String)>,
    /// WGS 84 latitude and longitude.
    pub point: Option<(f64, f64)>,
    /// IATI GeographicExactness: 1 exact, 2 approximate.
    pub exactness: Option<u8>,
    /// IATI GeographicLocationClass: 1 administrative region, 2 populated place, 3 structure.
    pub class: Option<u8>,
}

/// A document about the activity (`category` from the IATI DocumentCategory codelist: `A02`
/// objectives, `A07` review and evaluation, `A08` results, `A09` memorandum of understanding,
/// `B01` annual report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    pub url: String,
    /// IANA media type, e.g. `application/pdf`.
    pub format: String,
    pub title: Text,
    pub categories: Vec<String>,
    pub date: Option<Date>,
}

/// A link to a parent or child activity (`related-activity @type` 1 parent, 2 child).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedActivity {
    pub identifier: String,
    pub relation: u8,
}

/// One IATI activity: a programme, or one country component of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Globally unique; starts with the reporting organisation's reference and a hyphen.
    pub identifier: String,
    pub reporting_org: ReportingOrg,
    pub default_lang: Option<String>,
    pub default_currency: Option<Currency>,
    pub last_updated: Option<OffsetDateTime>,
    /// 1 for a programme, 2 for its country components.
    pub hierarchy: Option<u8>,
    pub title: Text,
    pub descriptions: Vec<(DescriptionType, Text)>,
    pub participating_orgs: Vec<ParticipatingOrg>,
    pub status: ActivityStatus,
    pub dates: Vec<(DateType, Date)>,
    pub scope: Option<ActivityScope>,
    pub recipient_countries: Vec<RecipientCountry>,
    pub locations: Vec<Location>,
    pub sectors: Vec<Sector>,
    /// `(vocabulary, code)`: vocabulary `3` for SDG targets (`16.2`, `5.2`, `8.7`, `10.7`).
    pub tags: Vec<(String, String)>,
    /// `(code, significance)` in the OECD DAC vocabulary (`1` gender equality, significance 0-2).
    pub policy_markers: Vec<(String, Option<u8>)>,
    pub collaboration_type: Option<String>,
    /// `10` ODA.
    pub default_flow_type: Option<String>,
    /// `110` standard grant.
    pub default_finance_type: Option<String>,
    /// `D02` other technical assistance, `C01` project-type interventions.
    pub default_aid_type: Option<String>,
    pub budgets: Vec<Budget>,
    pub transactions: Vec<Transaction>,
    pub document_links: Vec<DocumentLink>,
    pub related: Vec<RelatedActivity>,
    pub results: Vec<ActivityResult>,
}

/// Why an activity cannot be published; `path` locates the element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub activity: String,
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.activity, self.path, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IatiError {
    #[error("the activities break IATI rules: {}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    #[error("writing the XML failed: {0}")]
    Io(#[from] std::io::Error),
}

impl Activity {
    /// The IATI rules the schema cannot check. Empty when the activity can be published.
    pub fn check(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut problem = |path: &str, message: String| {
            out.push(Problem { activity: self.identifier.clone(), path: path.to_owned(), message })
        };
        let prefix = format!("{}-", self.reporting_org.reference);
        if !self.identifier.starts_with(&prefix) || self.identifier.len() == prefix.len() {
            problem(
                "iati-identifier",
                format!("must start with the reporting organisation's reference `{prefix}`"),
            );
        }
        if self.identifier.contains(char::is_whitespace) {
            problem("iati-identifier", "must not contain spaces".into());
        }
        let mut texts: Vec<(&str, &Text)> =
            vec![("reporting-org", &self.reporting_org.name), ("title", &self.title)];
        for (_, d) in &self.descriptions {
            texts.push(("description", d));
        }
        for r in &self.results {
            texts.push(("result/title", &r.title));
            for i in &r.indicators {
                texts.push(("result/indicator/title", &i.title));
            }
        }
        for (path, t) in texts {
            if t.is_blank() {
                problem(path, "needs at least one non-empty narrative".into());
            }
            if self.default_lang.is_none() && t.0.iter().any(|n| n.lang.is_none()) {
                problem(path, "a narrative needs xml:lang when the activity has no default language".into());
            }
        }
        if self.descriptions.is_empty() {
            problem("description", "at least one description is required".into());
        }
        if self.participating_orgs.is_empty() {
            problem("participating-org", "at least one participating organisation is required".into());
        }
        if !self.dates.iter().any(|(t, _)| matches!(t, DateType::PlannedStart | DateType::ActualStart)) {
            problem("activity-date", "a planned or actual start date is required".into());
        }
        if self.recipient_countries.len() > 1 {
            let sum: u32 = self.recipient_countries.iter().map(|c| c.percentage.unwrap_or(0) as u32).sum();
            if sum != 100 {
                problem("recipient-country", format!("percentages add up to {sum}, not 100"));
            }
        }
        for c in &self.recipient_countries {
            if c.country.country() != c.country {
                problem("recipient-country", format!("{} is a subdivision, not a country", c.country));
            }
        }
        let refs: BTreeSet<&str> = self.locations.iter().map(|l| l.reference.as_str()).collect();
        if refs.len() != self.locations.len() || self.locations.iter().any(|l| l.reference.trim().is_empty())
        {
            problem("location", "every location needs a reference of its own".into());
        }
        for l in &self.locations {
            if let Some((lat, lon)) = l.point {
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    problem("location/point", format!("{lat} {lon} is not a WGS 84 position"));
                }
            }
        }
        let result_refs = self.results.iter().flat_map(|r| &r.indicators).flat_map(|i| {
            i.baselines
                .iter()
                .map(|b| &b.point)
                .chain(i.periods.iter().flat_map(|p| p.targets.iter().chain(&p.actuals)))
                .flat_map(|dp| &dp.locations)
        });
        let unknown: BTreeSet<&String> = result_refs.filter(|r| !refs.contains(r.as_str())).collect();
        for r in unknown {
            problem("result//location", format!("`{r}` is not the reference of a location of the activity"));
        }
        for d in &self.document_links {
            if !(d.url.starts_with("https://") || d.url.starts_with("http://")) || d.categories.is_empty() {
                problem("document-link", format!("`{}` needs an http(s) address and a category", d.url));
            }
        }
        let mut vocabularies: Vec<&str> = self.sectors.iter().map(|s| s.vocabulary.as_str()).collect();
        vocabularies.dedup();
        for v in vocabularies {
            let of_v: Vec<_> = self.sectors.iter().filter(|s| s.vocabulary == v).collect();
            if of_v.len() > 1 {
                let sum: u32 = of_v.iter().map(|s| s.percentage.unwrap_or(0) as u32).sum();
                if sum != 100 {
                    problem("sector", format!("percentages of vocabulary {v} add up to {sum}, not 100"));
                }
            }
        }
        for b in &self.budgets {
            if b.start > b.end || (b.end - b.start).whole_days() > 366 {
                problem(
                    "budget",
                    format!("period {}..{} must be in order and at most a year", b.start, b.end),
                );
            }
        }
        for r in &self.results {
            if r.indicators.is_empty() {
                problem("result", "needs at least one indicator".into());
            }
            for i in &r.indicators {
                for p in &i.periods {
                    if p.start > p.end {
                        problem("result/indicator/period", format!("{} is after {}", p.start, p.end));
                    }
                }
                let points = i
                    .baselines
                    .iter()
                    .map(|b| &b.point)
                    .chain(i.periods.iter().flat_map(|p| p.targets.iter().chain(&p.actuals)));
                for dp in points {
                    match (i.measure, &dp.value) {
                        (Measure::Qualitative, Some(_)) => problem(
                            "result/indicator",
                            "a qualitative indicator has no value, only a comment".into(),
                        ),
                        (Measure::Unit | Measure::Percentage, Some(v)) if v.parse::<f64>().is_err() => {
                            problem("result/indicator", format!("`{v}` is not a number"))
                        }
                        _ => {}
                    }
                }
                for b in &i.baselines {
                    if b.year == 0 {
                        problem("result/indicator/baseline", "year is required".into());
                    }
                }
            }
        }
        out
    }
}

/// Writes the activities as one IATI 2.03 document. Refuses the whole document, with every
/// problem, when any activity breaks a rule of [`Activity::check`].
pub fn write_activities<W: Write>(
    activities: &[Activity],
    generated: OffsetDateTime,
    out: W,
) -> Result<(), IatiError> {
    let problems: Vec<Problem> = activities.iter().flat_map(|a| a.check()).collect();
    if !problems.is_empty() {
        return Err(IatiError::Invalid(problems));
    }
    if activities.is_empty() {
        return Err(IatiError::Invalid(vec![Problem {
            activity: String::new(),
            path: "iati-activities".into(),
            message: "at least one activity is required".into(),
        }]));
    }
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("iati-activities")
        .with_attribute(("version", "2.03"))
        .with_attribute(("generated-datetime", datetime(generated).as_str()))
        .write_inner_content(|w| {
            for a in activities {
                write_activity(w, a)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// [`write_activities`] into a string.
pub fn activities_to_string(activities: &[Activity], generated: OffsetDateTime) -> Result<String, IatiError> {
    let mut buf = Vec::new();
    write_activities(activities, generated, &mut buf)?;
    Ok(String::from_utf8(buf).expect("the writer writes UTF-8"))
}

type Xml<'a, W> = &'a mut Writer<W>;
type Attrs = Vec<(&'static str, String)>;

fn datetime(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.format(&f).expect("formattable")
}

fn iso(d: Date) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    d.format(&f).expect("formattable")
}

fn empty<W: Write>(w: Xml<W>, name: &str, attrs: Attrs) -> std::io::Result<()> {
    w.create_element(name).with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str()))).write_empty()?;
    Ok(())
}

fn element<W: Write>(
    w: Xml<W>,
    name: &str,
    attrs: Attrs,
    inner: impl FnOnce(&mut Writer<W>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str())))
        .write_inner_content(inner)?;
    Ok(())
}

fn text_element<W: Write>(w: Xml<W>, name: &str, attrs: Attrs, text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str())))
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn narratives<W: Write>(w: Xml<W>, t: &Text) -> std::io::Result<()> {
    for n in &t.0 {
        let attrs = n.lang.iter().map(|l| ("xml:lang", l.clone())).collect();
        text_element(w, "narrative", attrs, &n.text)?;
    }
    Ok(())
}

fn texted<W: Write>(w: Xml<W>, name: &str, attrs: Attrs, t: &Text) -> std::io::Result<()> {
    element(w, name, attrs, |w| narratives(w, t))
}

fn opt(name: &'static str, v: Option<String>) -> Option<(&'static str, String)> {
    v.map(|v| (name, v))
}

fn boolean(b: bool) -> String {
    if b { "1" } else { "0" }.to_owned()
}

fn value<W: Write>(w: Xml<W>, m: &Money, value_date: Date) -> std::io::Result<()> {
    let attrs = vec![("currency", m.currency.code().to_owned()), ("value-date", iso(value_date))];
    text_element(w, "value", attrs, &m.decimal())
}

fn write_activity<W: Write>(w: Xml<W>, a: &Activity) -> std::io::Result<()> {
    let mut attrs: Attrs = Vec::new();
    if let Some(t) = a.last_updated {
        attrs.push(("last-updated-datetime", datetime(t)));
    }
    if let Some(l) = &a.default_lang {
        attrs.push(("xml:lang", l.clone()));
    }
    if let Some(c) = a.default_currency {
        attrs.push(("default-currency", c.code().to_owned()));
    }
    if let Some(h) = a.hierarchy {
        attrs.push(("hierarchy", h.to_string()));
    }
    element(w, "iati-activity", attrs, |w| {
        text_element(w, "iati-identifier", vec![], &a.identifier)?;
        let ro = &a.reporting_org;
        texted(
            w,
            "reporting-org",
            vec![("ref", ro.reference.clone()), ("type", ro.org_type.clone())],
            &ro.name,
        )?;
        texted(w, "title", vec![], &a.title)?;
        for (kind, t) in &a.descriptions {
            texted(w, "description", vec![("type", (*kind as u8).to_string())], t)?;
        }
        for p in &a.participating_orgs {
            let attrs = [
                opt("ref", p.reference.clone()),
                opt("type", p.org_type.clone()),
                Some(("role", (p.role as u8).to_string())),
            ]
            .into_iter()
            .flatten()
            .collect();
            texted(w, "participating-org", attrs, &p.name)?;
        }
        empty(w, "activity-status", vec![("code", (a.status as u8).to_string())])?;
        for (kind, d) in &a.dates {
            empty(w, "activity-date", vec![("type", (*kind as u8).to_string()), ("iso-date", iso(*d))])?;
        }
        if let Some(s) = a.scope {
            empty(w, "activity-scope", vec![("code", (s as u8).to_string())])?;
        }
        for c in &a.recipient_countries {
            let attrs = [
                Some(("code", c.country.code().to_owned())),
                opt("percentage", c.percentage.map(|p| p.to_string())),
            ]
            .into_iter()
            .flatten()
            .collect();
            empty(w, "recipient-country", attrs)?;
        }
        for l in &a.locations {
            element(w, "location", vec![("ref", l.reference.clone())], |w| {
                if let Some(r) = l.reach {
                    empty(w, "location-reach", vec![("code", r.to_string())])?;
                }
                if let Some(n) = &l.name {
                    texted(w, "name", vec![], n)?;
                }
                for (vocabulary, level, code) in &l.administrative {
                    let attrs = [
                        Some(("vocabulary", vocabulary.clone())),
                        opt("level", level.map(|l| l.to_string())),
                        Some(("code", code.clone())),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    empty(w, "administrative", attrs)?;
                }
                if let Some((lat, lon)) = l.point {
                    let srs = "http://www.opengis.net/def/crs/EPSG/0/4326".to_owned();
                    element(w, "point", vec![("srsName", srs)], |w| {
                        text_element(w, "pos", vec![], &format!("{lat} {lon}"))
                    })?;
                }
                if let Some(e) = l.exactness {
                    empty(w, "exactness", vec![("code", e.to_string())])?;
                }
                if let Some(c) = l.class {
                    empty(w, "location-class", vec![("code", c.to_string())])?;
                }
                Ok(())
            })?;
        }
        for s in &a.sectors {
            let attrs = [
                Some(("vocabulary", s.vocabulary.clone())),
                Some(("code", s.code.clone())),
                opt("percentage", s.percentage.map(|p| p.to_string())),
            ]
            .into_iter()
            .flatten()
            .collect();
            empty(w, "sector", attrs)?;
        }
        for (vocabulary, code) in &a.tags {
            empty(w, "tag", vec![("code", code.clone()), ("vocabulary", vocabulary.clone())])?;
        }
        for (code, significance) in &a.policy_markers {
            let attrs = [
                Some(("vocabulary", "1".to_owned())),
                Some(("code", code.clone())),
                opt("significance", significance.map(|s| s.to_string())),
            ]
            .into_iter()
            .flatten()
            .collect();
            empty(w, "policy-marker", attrs)?;
        }
        for (name, code) in [
            ("collaboration-type", &a.collaboration_type),
            ("default-flow-type", &a.default_flow_type),
            ("default-finance-type", &a.default_finance_type),
            ("default-aid-type", &a.default_aid_type),
        ] {
            if let Some(code) = code {
                empty(w, name, vec![("code", code.clone())])?;
            }
        }
        for b in &a.budgets {
            element(w, "budget", vec![("type", (b.kind as u8).to_string())], |w| {
                empty(w, "period-start", vec![("iso-date", iso(b.start))])?;
                empty(w, "period-end", vec![("iso-date", iso(b.end))])?;
                value(w, &b.value, b.value_date)
            })?;
        }
        for t in &a.transactions {
            element(w, "transaction", vec![], |w| {
                empty(w, "transaction-type", vec![("code", (t.kind as u8).to_string())])?;
                empty(w, "transaction-date", vec![("iso-date", iso(t.date))])?;
                value(w, &t.value, t.value_date)?;
                if let Some(d) = &t.description {
                    texted(w, "description", vec![], d)?;
                }
                Ok(())
            })?;
        }
        for d in &a.document_links {
            element(w, "document-link", vec![("url", d.url.clone()), ("format", d.format.clone())], |w| {
                texted(w, "title", vec![], &d.title)?;
                for c in &d.categories {
                    empty(w, "category", vec![("code", c.clone())])?;
                }
                if let Some(date) = d.date {
                    empty(w, "document-date", vec![("iso-date", iso(date))])?;
                }
                Ok(())
            })?;
        }
        for r in &a.related {
            empty(
                w,
                "related-activity",
                vec![("ref", r.identifier.clone()), ("type", r.relation.to_string())],
            )?;
        }
        for r in &a.results {
            write_result(w, r)?;
        }
        Ok(())
    })
}

fn write_result<W: Write>(w: Xml<W>, r: &ActivityResult) -> std::io::Result<()> {
    let attrs = [
        Some(("type", (r.kind as u8).to_string())),
        opt("aggregation-status", r.aggregation_status.map(boolean)),
    ]
    .into_iter()
    .flatten()
    .collect();
    element(w, "result", attrs, |w| {
        texted(w, "title", vec![], &r.title)?;
        if let Some(d) = &r.description {
            texted(w, "description", vec![], d)?;
        }
        for re in &r.references {
            let attrs = [
                Some(("code", re.code.clone())),
                Some(("vocabulary", re.vocabulary.clone())),
                opt("vocabulary-uri", re.uri.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            empty(w, "reference", attrs)?;
        }
        for i in &r.indicators {
            write_indicator(w, i)?;
        }
        Ok(())
    })
}

fn write_indicator<W: Write>(w: Xml<W>, i: &Indicator) -> std::io::Result<()> {
    let attrs = [
        Some(("measure", (i.measure as u8).to_string())),
        opt("ascending", i.ascending.map(boolean)),
        opt("aggregation-status", i.aggregation_status.map(boolean)),
    ]
    .into_iter()
    .flatten()
    .collect();
    element(w, "indicator", attrs, |w| {
        texted(w, "title", vec![], &i.title)?;
        if let Some(d) = &i.description {
            texted(w, "description", vec![], d)?;
        }
        for re in &i.references {
            let attrs = [
                Some(("vocabulary", re.vocabulary.clone())),
                Some(("code", re.code.clone())),
                opt("indicator-uri", re.uri.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            empty(w, "reference", attrs)?;
        }
        for b in &i.baselines {
            let attrs = [
                opt("iso-date", b.iso_date.map(iso)),
                Some(("year", b.year.to_string())),
                opt("value", b.point.value.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            data_point(w, "baseline", attrs, &b.point)?;
        }
        for p in &i.periods {
            element(w, "period", vec![], |w| {
                empty(w, "period-start", vec![("iso-date", iso(p.start))])?;
                empty(w, "period-end", vec![("iso-date", iso(p.end))])?;
                for t in &p.targets {
                    data_point(w, "target", t.value.iter().map(|v| ("value", v.clone())).collect(), t)?;
                }
                for t in &p.actuals {
                    data_point(w, "actual", t.value.iter().map(|v| ("value", v.clone())).collect(), t)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })
}

/// Baseline, target and actual share their children: location, dimension, comment.
fn data_point<W: Write>(w: Xml<W>, name: &str, attrs: Attrs, dp: &DataPoint) -> std::io::Result<()> {
    if dp.locations.is_empty() && dp.dimensions.is_empty() && dp.comment.is_none() {
        return empty(w, name, attrs);
    }
    element(w, name, attrs, |w| {
        for l in &dp.locations {
            empty(w, "location", vec![("ref", l.clone())])?;
        }
        for (n, v) in &dp.dimensions {
            empty(w, "dimension", vec![("name", n.clone()), ("value", v.clone())])?;
        }
        if let Some(c) = &dp.comment {
            texted(w, "comment", vec![], c)?;
        }
        Ok(())
    })
}

// ------------------------------------------------------------------------------------------------
// Building results from the programme's own types

use crate::indicator::{self, ActualStatus, DisaggregationKey};

/// The IATI result of a theory-of-change node (output, outcome or impact; `None` for an
/// activity, which IATI does not report as a result), referenced by its node id
/// (`vocabulary="99"`).
pub fn result_from_node(node: &crate::toc::Node, indicators: Vec<Indicator>) -> Option<ActivityResult> {
    use crate::toc::Level;
    let kind = match node.level {
        Level::Activity => return None,
        Level::Output => ResultType::Output,
        Level::Outcome => ResultType::Outcome,
        Level::Impact => ResultType::Impact,
    };
    Some(ActivityResult {
        kind,
        aggregation_status: None,
        title: Text::plain(node.title.clone()),
        description: (!node.description.trim().is_empty()).then(|| Text::plain(node.description.clone())),
        references: vec![Reference { vocabulary: "99".into(), code: node.id.as_str().to_owned(), uri: None }],
        indicators,
    })
}

/// The IATI indicator of a reference sheet with its baselines, targets and actuals.
///
/// Only **approved** actuals are published. For count indicators the disclosure rule applies
/// with minimum count `threshold`: a total below it is published without a value (with a comment
/// saying so), and a disaggregation (all rows of one combination of dimensions in a period) with
/// any count below it is left out whole — aggregated upward to the total — so that no small
/// count can be recovered by subtraction.
pub fn indicator_from(
    sheet: &indicator::ReferenceSheet,
    baselines: &[indicator::Baseline],
    targets: &[indicator::Target],
    actuals: &[indicator::Actual],
    threshold: u64,
) -> Indicator {
    let measure = match sheet.measure {
        indicator::Measure::Count => Measure::Unit,
        indicator::Measure::Percentage => Measure::Percentage,
        indicator::Measure::Qualitative => Measure::Qualitative,
    };
    let counts = sheet.measure == indicator::Measure::Count;
    type Row = (Option<DisaggregationKey>, Option<indicator::Value>, String);
    let points = |rows: Vec<Row>| -> Vec<DataPoint> {
        // Group the disaggregated rows by their set of dimensions.
        let dims_of = |k: &Option<DisaggregationKey>| -> Vec<&'static str> {
            k.as_ref().map(|k| k.pairs().into_iter().map(|(d, _)| d).collect()).unwrap_or_default()
        };
        let small = |v: &Option<indicator::Value>| {
            counts && v.and_then(|v| v.as_count()).is_some_and(|c| c > 0 && c < threshold.max(2))
        };
        let unsafe_groups: BTreeSet<Vec<&'static str>> = rows
            .iter()
            .filter(|(k, v, _)| k.as_ref().is_some_and(|k| !k.is_total()) && small(v))
            .map(|(k, _, _)| dims_of(k))
            .collect();
        let mut out: Vec<(bool, DataPoint)> = Vec::new();
        for (k, v, comment) in rows {
            let is_total = k.as_ref().is_none_or(|k| k.is_total());
            if !is_total && unsafe_groups.contains(&dims_of(&k)) {
                continue;
            }
            let mut dp = DataPoint {
                value: v.map(|v| v.to_string()),
                dimensions: k
                    .as_ref()
                    .map(|k| k.pairs().into_iter().map(|(d, c)| (d.to_owned(), c)).collect())
                    .unwrap_or_default(),
                comment: (!comment.trim().is_empty()).then(|| Text::plain(comment.clone())),
                ..DataPoint::default()
            };
            if small(&v) {
                dp.value = None;
                dp.comment = Some(Text::plain(format!("Fewer than {} (suppressed)", threshold.max(2))));
            }
            if measure == Measure::Qualitative {
                dp.value = None;
            }
            out.push((!is_total, dp));
        }
        // The total first, then the disaggregated rows.
        out.sort_by_key(|(disaggregated, _)| *disaggregated);
        out.into_iter().map(|(_, dp)| dp).collect()
    };

    let mut baseline_out = Vec::new();
    let mut by_year: BTreeMap<(i32, Date), Vec<Row>> = BTreeMap::new();
    for b in baselines {
        by_year.entry((b.date.year(), b.date)).or_default().push((b.key.clone(), b.value, b.comment.clone()));
    }
    for ((year, date), rows) in by_year {
        for point in points(rows) {
            baseline_out.push(Baseline { year: year.max(1) as u16, iso_date: Some(date), point });
        }
    }

    let mut periods: BTreeMap<indicator::Period, (Vec<Row>, Vec<Row>)> = BTreeMap::new();
    for t in targets {
        periods.entry(t.period).or_default().0.push((t.key.clone(), t.value, t.comment.clone()));
    }
    for a in actuals.iter().filter(|a| a.status() == ActualStatus::Approved) {
        periods.entry(a.period).or_default().1.push((a.key.clone(), a.value(), a.comment().to_owned()));
    }
    let periods = periods
        .into_iter()
        .map(|(p, (t, a))| ResultPeriod {
            start: p.start(),
            end: p.last_day(),
            targets: points(t),
            actuals: points(a),
        })
        .collect();

    Indicator {
        measure,
        ascending: (measure != Measure::Qualitative)
            .then_some(sheet.direction == indicator::Direction::Increase),
        aggregation_status: None,
        title: Text::plain(sheet.title.clone()),
        description: (!sheet.definition.trim().is_empty()).then(|| Text::plain(sheet.definition.clone())),
        references: vec![Reference { vocabulary: "99".into(), code: sheet.code.clone(), uri: None }],
        baselines: baseline_out,
        periods,
    }
}

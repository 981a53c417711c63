//! Indicators: the reference sheet, periods, baselines, targets and actuals, the disaggregation
//! category model, the workflow of an actual, and progress against the target.
//!
//! **Disaggregation.** Values are disaggregated by a typed, versioned [`DisaggregationModel`]
//! (sex, age band, location, sector). A stored value names the model version it was recorded
//! with ([`DisaggregationKey`]); a model version with stored values cannot be changed
//! ([`DisaggregationModel::replace`] refuses), only succeeded by a new version
//! ([`DisaggregationModel::next_version`]), so old values keep their meaning.
//!
//! **Workflow of an actual.** draft → submitted → approved, or submitted → returned → submitted
//! again; only draft and returned actuals can be edited; an approved actual is final, and the
//! person who submitted it cannot approve it. Only approved actuals leave in exports.

use std::collections::BTreeSet;
use std::fmt;

use praxis_model::Jurisdiction;
use time::{Date, Duration};

use crate::pillars::Tags;

/// A field was not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn field_error(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError { field, message: message.into() }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Increase,
    Decrease,
}

/// What a value measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// A count of units (people trained, cases referred).
    Count,
    Percentage,
    /// A narrative, no value.
    Qualitative,
}

/// How often actuals are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Monthly,
    Quarterly,
    SemiAnnual,
    Annual,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    pub fn parse(code: &str) -> Option<Direction> {
        [Direction::Increase, Direction::Decrease].into_iter().find(|d| d.code() == code)
    }
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Count, Measure::Percentage, Measure::Qualitative];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Percentage => "percentage",
            Measure::Qualitative => "qualitative",
        }
    }

    pub fn parse(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }
}

impl Frequency {
    pub const ALL: [Frequency; 4] =
        [Frequency::Monthly, Frequency::Quarterly, Frequency::SemiAnnual, Frequency::Annual];

    pub fn parse(code: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::SemiAnnual => "semi_annual",
            Frequency::Annual => "annual",
        }
    }
}

/// The indicator reference sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceSheet {
    /// Stable code, e.g. `IND-3.1.1`.
    pub code: String,
    pub title: String,
    pub definition: String,
    /// The unit counted ("practitioners", "cases"); "%" for a percentage.
    pub unit: String,
    pub measure: Measure,
    pub direction: Direction,
    pub means_of_verification: String,
    pub frequency: Frequency,
    /// Who reports it (an organisation or role).
    pub owner: String,
    pub tags: Tags,
    /// The disaggregation model its values use, if any.
    pub disaggregation: Option<ModelRef>,
}

impl ReferenceSheet {
    /// Every missing or malformed field.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 40
            && self.code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if !code_ok {
            out.push(field_error("code", "letters, digits, '-', '.', '_' (at most 40)"));
        }
        for (f, v) in [
            ("title", &self.title),
            ("definition", &self.definition),
            ("means_of_verification", &self.means_of_verification),
            ("owner", &self.owner),
        ] {
            if v.trim().is_empty() {
                out.push(field_error(f, "is required"));
            }
        }
        if self.measure != Measure::Qualitative && self.unit.trim().is_empty() {
            out.push(field_error("unit", "a quantitative indicator needs a unit"));
        }
        if self.tags.pillars.is_empty() {
            out.push(field_error("tags", "tag at least one pillar"));
        }
        out
    }
}

/// A number with three decimals, exact: counts and percentages. `Value::parse("23.5")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Value(i64);

impl Value {
    const SCALE: i64 = 1000;

    pub fn from_int(n: i64) -> Value {
        Value(n * Value::SCALE)
    }

    /// Thousandths.
    pub fn from_milli(m: i64) -> Value {
        Value(m)
    }

    pub fn milli(self) -> i64 {
        self.0
    }

    /// Parses "12", "-3.5", "0.125"; at most three decimals.
    pub fn parse(s: &str) -> Result<Value, FieldError> {
        let bad = || field_error("value", format!("`{s}` is not a number with at most three decimals"));
        let t = s.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, t),
        };
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if int.is_empty() || frac.len() > 3 || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let i: i64 = int.parse().map_err(|_| bad())?;
        let f: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<3}").parse().map_err(|_| bad())? };
        let v = i.checked_mul(Value::SCALE).and_then(|v| v.checked_add(f)).ok_or_else(bad)?;
        Ok(Value(if neg { -v } else { v }))
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / Value::SCALE as f64
    }

    /// A whole count, if the value is one.
    pub fn as_count(self) -> Option<u64> {
        (self.0 >= 0 && self.0 % Value::SCALE == 0).then_some((self.0 / Value::SCALE) as u64)
    }
}

impl fmt::Display for Value {
    /// Shortest exact form: "12", "23.5", "-0.125".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (i, fr) = (a / 1000, a % 1000);
        if fr == 0 {
            write!(f, "{sign}{i}")
        } else {
            let s = format!("{fr:03}");
            write!(f, "{sign}{i}.{}", s.trim_end_matches('0'))
        }
    }
}

/// A reporting period, half-open: `[start, end)`. Exports that want an inclusive last day (IATI)
/// use [`Period::last_day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    start: Date,
    end: Date,
}

impl Period {
    pub fn new(start: Date, end: Date) -> Result<Period, FieldError> {
        if start < end {
            Ok(Period { start, end })
        } else {
            Err(field_error("period", format!("{start} is not before {end}")))
        }
    }

    /// The calendar year `year`: `[year-01-01, year+1-01-01)`.
    pub fn year(year: i32) -> Result<Period, FieldError> {
        let d = |y| {
            Date::from_calendar_date(y, time::Month::January, 1)
                .map_err(|e| field_error("period", e.to_string()))
        };
        Period::new(d(year)?, d(year + 1)?)
    }

    pub fn start(&self) -> Date {
        self.start
    }

    pub fn end(&self) -> Date {
        self.end
    }

    /// The last day in the period (inclusive).
    pub fn last_day(&self) -> Date {
        self.end - Duration::days(1)
    }

    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d < self.end
    }
}

// ------------------------------------------------------------------------------------------------
// Disaggregation

/// A dimension of disaggregation. Its code is also the IATI `dimension @name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Sex,
    AgeBand,
    Location,
    Sector,
}

impl Dimension {
    pub const ALL: [Dimension; 4] =
        [Dimension::Sex, Dimension::AgeBand, Dimension::Location, Dimension::Sector];

    pub fn parse(code: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Dimension::Sex => "sex",
            Dimension::AgeBand => "age_band",
            Dimension::Location => "location",
            Dimension::Sector => "sector",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    Female,
    Male,
    /// Not recorded or not disclosed.
    Unknown,
}

/// Ages in whole years, half-open `[from, to)`; `to = None` is open-ended ("60+").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgeBand {
    from: u8,
    to: Option<u8>,
}

impl AgeBand {
    pub fn new(from: u8, to: Option<u8>) -> Result<AgeBand, FieldError> {
        match to {
            Some(t) if t <= from => Err(field_error("age_band", format!("{from}..{t} is empty"))),
            _ => Ok(AgeBand { from, to }),
        }
    }

    fn overlaps(&self, o: &AgeBand) -> bool {
        let end = |b: &AgeBand| b.to.map(u16::from).unwrap_or(u16::MAX);
        u16::from(self.from) < end(o) && u16::from(o.from) < end(self)
    }
}

/// One category of a dimension.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Sex(Sex),
    AgeBand(AgeBand),
    Location(Jurisdiction),
    /// A sector code of the programme's list ("law_enforcement", "judiciary", "civil_society").
    Sector(String),
}

impl Category {
    pub fn dimension(&self) -> Dimension {
        match self {
            Category::Sex(_) => Dimension::Sex,
            Category::AgeBand(_) => Dimension::AgeBand,
            Category::Location(_) => Dimension::Location,
            Category::Sector(_) => Dimension::Sector,
        }
    }

    /// Reads a category of `dimension` from its stable code (the inverse of [`Category::code`]).
    pub fn parse(dimension: Dimension, code: &str) -> Result<Category, FieldError> {
        let bad = |m: String| field_error("disaggregation", m);
        let code = code.trim();
        match dimension {
            Dimension::Sex => match code {
                "female" => Ok(Category::Sex(Sex::Female)),
                "male" => Ok(Category::Sex(Sex::Male)),
                "unknown" => Ok(Category::Sex(Sex::Unknown)),
                _ => Err(bad(format!("`{code}` is not female, male or unknown"))),
            },
            Dimension::AgeBand => {
                let num = |s: &str| {
                    s.parse::<u8>().map_err(|_| bad(format!("`{code}` is not an age band (0-17, 60+)")))
                };
                if let Some(from) = code.strip_suffix('+') {
                    Ok(Category::AgeBand(AgeBand::new(num(from)?, None)?))
                } else {
                    let (a, b) = code
                        .split_once('-')
                        .ok_or_else(|| bad(format!("`{code}` is not an age band (0-17, 60+)")))?;
                    let last = num(b)?;
                    let to = last.checked_add(1).ok_or_else(|| bad(format!("`{code}`: age too high")))?;
                    Ok(Category::AgeBand(AgeBand::new(num(a)?, Some(to))?))
                }
            }
            Dimension::Location => {
                Jurisdiction::parse(code).map(Category::Location).map_err(|e| bad(format!("`{code}`: {e}")))
            }
            Dimension::Sector => {
                if !code.is_empty()
                    && code.len() <= 40
                    && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    Ok(Category::Sector(code.to_owned()))
                } else {
                    Err(bad(format!("`{code}` is not a sector code (lower-case letters, digits, _)")))
                }
            }
        }
    }

    /// The stable code: `female`, `0-17` (band [0, 18)), `60+`, `NG-KN`, `judiciary`.
    pub fn code(&self) -> String {
        match self {
            Category::Sex(Sex::Female) => "female".into(),
            Category::Sex(Sex::Male) => "male".into(),
            Category::Sex(Sex::Unknown) => "unknown".into(),
            Category::AgeBand(AgeBand { from, to: Some(t) }) => format!("{from}-{}", t - 1),
            Category::AgeBand(AgeBand { from, to: None }) => format!("{from}+"),
            Category::Location(j) => j.code().to_owned(),
            Category::Sector(s) => s.clone(),
        }
    }
}

/// The name and version of a disaggregation model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelRef {
    pub name: String,
    pub version: u32,
}

/// A typed, versioned set of categories per dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisaggregationModel {
    name: String,
    version: u32,
    dimensions: Vec<(Dimension, Vec<Category>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("{0}")]
    Invalid(FieldError),
    #[error(
        "model {name} v{version} has {stored} stored values: publish a new version instead of changing it"
    )]
    ChangedUnderStoredValues { name: String, version: u32, stored: u64 },
    #[error("value is recorded with model {got:?}, the indicator uses {expected:?}")]
    WrongModel { expected: ModelRef, got: ModelRef },
    #[error("`{code}` is not a category of {dimension} in this model")]
    UnknownCategory { dimension: &'static str, code: String },
    #[error("dimension {0} appears twice in one key")]
    RepeatedDimension(&'static str),
}

impl DisaggregationModel {
    /// A first version (1). Each dimension appears once; categories belong to their dimension,
    /// have distinct codes, and age bands do not overlap.
    pub fn new(
        name: &str,
        dimensions: Vec<(Dimension, Vec<Category>)>,
    ) -> Result<DisaggregationModel, ModelError> {
        DisaggregationModel::build(name, 1, dimensions)
    }

    fn build(
        name: &str,
        version: u32,
        dimensions: Vec<(Dimension, Vec<Category>)>,
    ) -> Result<DisaggregationModel, ModelError> {
        let bad = |m: String| ModelError::Invalid(field_error("disaggregation", m));
        if name.trim().is_empty() {
            return Err(bad("the model needs a name".into()));
        }
        let mut seen = BTreeSet::new();
        for (d, cats) in &dimensions {
            if !seen.insert(*d) {
                return Err(bad(format!("dimension {} appears twice", d.code())));
            }
            if cats.is_empty() {
                return Err(bad(format!("dimension {} has no categories", d.code())));
            }
            let mut codes = BTreeSet::new();
            for c in cats {
                if c.dimension() != *d {
                    return Err(bad(format!("{} is not a category of {}", c.code(), d.code())));
                }
                if !codes.insert(c.code()) {
                    return Err(bad(format!("category {} appears twice", c.code())));
                }
            }
            let bands: Vec<&AgeBand> = cats
                .iter()
                .filter_map(|c| if let Category::AgeBand(b) = c { Some(b) } else { None })
                .collect();
            for (i, a) in bands.iter().enumerate() {
                if let Some(b) = bands[i + 1..].iter().find(|b| a.overlaps(b)) {
                    return Err(bad(format!(
                        "age bands {} and {} overlap",
                        Category::AgeBand(**a).code(),
                        Category::AgeBand(**b).code()
                    )));
                }
            }
        }
        Ok(DisaggregationModel { name: name.to_owned(), version, dimensions })
    }

    /// A stored version, rebuilt with the same checks as a new one.
    pub fn stored(
        name: &str,
        version: u32,
        dimensions: Vec<(Dimension, Vec<Category>)>,
    ) -> Result<DisaggregationModel, ModelError> {
        DisaggregationModel::build(name, version.max(1), dimensions)
    }

    /// Reads the categories written one dimension per line: `sex: female male unknown`,
    /// `age_band: 0-17 18-59 60+`, `location: PK-PB PK-SD`, `sector: judiciary police`.
    pub fn parse_spec(text: &str) -> Result<Vec<(Dimension, Vec<Category>)>, ModelError> {
        let bad = |m: String| ModelError::Invalid(field_error("disaggregation", m));
        let mut out = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (d, cats) = line
                .split_once(':')
                .ok_or_else(|| bad(format!("`{line}`: write `dimension: category …`")))?;
            let d = Dimension::parse(d.trim()).ok_or_else(|| {
                bad(format!("`{}` is not a dimension (sex, age_band, location, sector)", d.trim()))
            })?;
            let cats = cats
                .split([' ', ','])
                .filter(|c| !c.trim().is_empty())
                .map(|c| Category::parse(d, c).map_err(ModelError::Invalid))
                .collect::<Result<Vec<_>, _>>()?;
            out.push((d, cats));
        }
        if out.is_empty() {
            return Err(bad("the model needs at least one dimension".into()));
        }
        Ok(out)
    }

    /// The canonical text of the categories ([`DisaggregationModel::parse_spec`] reads it back).
    pub fn spec(&self) -> String {
        self.dimensions
            .iter()
            .map(|(d, cats)| {
                format!("{}: {}", d.code(), cats.iter().map(|c| c.code()).collect::<Vec<_>>().join(" "))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn reference(&self) -> ModelRef {
        ModelRef { name: self.name.clone(), version: self.version }
    }

    pub fn dimensions(&self) -> &[(Dimension, Vec<Category>)] {
        &self.dimensions
    }

    /// Changes this version in place: allowed only while no value is stored under it.
    pub fn replace(
        &self,
        dimensions: Vec<(Dimension, Vec<Category>)>,
        stored_values: u64,
    ) -> Result<DisaggregationModel, ModelError> {
        let new = DisaggregationModel::build(&self.name, self.version, dimensions)?;
        if new != *self && stored_values > 0 {
            return Err(ModelError::ChangedUnderStoredValues {
                name: self.name.clone(),
                version: self.version,
                stored: stored_values,
            });
        }
        Ok(new)
    }

    /// The next version with new categories; values stored under this version keep it.
    pub fn next_version(
        &self,
        dimensions: Vec<(Dimension, Vec<Category>)>,
    ) -> Result<DisaggregationModel, ModelError> {
        DisaggregationModel::build(&self.name, self.version + 1, dimensions)
    }

    /// Builds the key of a disaggregated value from category codes (`[(Sex, "female")]`),
    /// checking each against this model. An empty list is the total.
    pub fn key(&self, parts: &[(Dimension, &str)]) -> Result<DisaggregationKey, ModelError> {
        let mut cats = Vec::new();
        let mut dims = BTreeSet::new();
        for (d, code) in parts {
            if !dims.insert(*d) {
                return Err(ModelError::RepeatedDimension(d.code()));
            }
            let cat = self
                .dimensions
                .iter()
                .find(|(dd, _)| dd == d)
                .and_then(|(_, cats)| cats.iter().find(|c| c.code() == *code))
                .ok_or_else(|| ModelError::UnknownCategory {
                    dimension: d.code(),
                    code: (*code).to_owned(),
                })?;
            cats.push(cat.clone());
        }
        cats.sort();
        Ok(DisaggregationKey { model: self.reference(), categories: cats })
    }
}

/// Which slice of the population a value is about, under one model version. No categories: the
/// total.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DisaggregationKey {
    model: ModelRef,
    categories: Vec<Category>,
}

impl DisaggregationKey {
    pub fn model(&self) -> &ModelRef {
        &self.model
    }

    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    pub fn is_total(&self) -> bool {
        self.categories.is_empty()
    }

    /// `(dimension code, category code)` pairs, e.g. for IATI `dimension` elements.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        self.categories.iter().map(|c| (c.dimension().code(), c.code())).collect()
    }
}

// ------------------------------------------------------------------------------------------------
// Values and the workflow

/// A baseline: the value before the programme, at a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub date: Date,
    pub value: Option<Value>,
    pub key: Option<DisaggregationKey>,
    pub comment: String,
}

/// A target for a period (total when `key` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub period: Period,
    pub value: Option<Value>,
    pub key: Option<DisaggregationKey>,
    pub comment: String,
}

/// The status of an actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActualStatus {
    Draft,
    Submitted,
    Returned,
    Approved,
}

impl ActualStatus {
    pub fn code(self) -> &'static str {
        match self {
            ActualStatus::Draft => "draft",
            ActualStatus::Submitted => "submitted",
            ActualStatus::Returned => "returned",
            ActualStatus::Approved => "approved",
        }
    }

    /// Whether the value may still be edited.
    pub fn editable(self) -> bool {
        matches!(self, ActualStatus::Draft | ActualStatus::Returned)
    }

    /// The allowed transitions.
    pub fn after(self, action: WorkflowAction) -> Option<ActualStatus> {
        use ActualStatus::*;
        use WorkflowAction::*;
        match (self, action) {
            (Draft | Returned, Submit) => Some(Submitted),
            (Submitted, Return) => Some(Returned),
            (Submitted, Approve) => Some(Approved),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkflowAction {
    Submit,
    /// Send back to the reporter, with a reason.
    Return,
    Approve,
}

/// One step of an actual's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: ActualStatus,
    pub to: ActualStatus,
    pub by: String,
    pub on: Date,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("cannot {action:?} an actual that is {from:?}")]
    NotAllowed { from: ActualStatus, action: WorkflowAction },
    #[error("returning an actual needs a reason")]
    ReasonRequired,
    #[error("the person who submitted an actual cannot approve it")]
    SelfApproval,
    #[error("an actual that is {0:?} cannot be edited")]
    NotEditable(ActualStatus),
    #[error("{0}")]
    Invalid(FieldError),
}

/// An actual value for a period, with its workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actual {
    pub period: Period,
    value: Option<Value>,
    pub key: Option<DisaggregationKey>,
    comment: String,
    status: ActualStatus,
    history: Vec<Step>,
}

impl Actual {
    /// A new draft.
    pub fn draft(
        period: Period,
        value: Option<Value>,
        key: Option<DisaggregationKey>,
        comment: &str,
    ) -> Actual {
        Actual {
            period,
            value,
            key,
            comment: comment.to_owned(),
            status: ActualStatus::Draft,
            history: Vec::new(),
        }
    }

    /// Rebuilds an actual from its stored history, replaying and checking every step.
    pub fn replay(
        period: Period,
        value: Option<Value>,
        key: Option<DisaggregationKey>,
        comment: &str,
        steps: &[(WorkflowAction, String, Date, String)],
    ) -> Result<Actual, WorkflowError> {
        let mut a = Actual::draft(period, value, key, comment);
        for (action, by, on, note) in steps {
            a.apply(*action, by, *on, note)?;
        }
        Ok(a)
    }

    pub fn value(&self) -> Option<Value> {
        self.value
    }

    pub fn comment(&self) -> &str {
        &self.comment
    }

    pub fn status(&self) -> ActualStatus {
        self.status
    }

    pub fn history(&self) -> &[Step] {
        &self.history
    }

    /// Changes the value while the actual is a draft or returned.
    pub fn edit(&mut self, value: Option<Value>, comment: &str) -> Result<(), WorkflowError> {
        if !self.status.editable() {
            return Err(WorkflowError::NotEditable(self.status));
        }
        self.value = value;
        self.comment = comment.to_owned();
        Ok(())
    }

    /// Moves the actual along the workflow.
    pub fn apply(
        &mut self,
        action: WorkflowAction,
        by: &str,
        on: Date,
        note: &str,
    ) -> Result<(), WorkflowError> {
        let to = self.status.after(action).ok_or(WorkflowError::NotAllowed { from: self.status, action })?;
        if by.trim().is_empty() {
            return Err(WorkflowError::Invalid(field_error("by", "who acts is required")));
        }
        if action == WorkflowAction::Return && note.trim().is_empty() {
            return Err(WorkflowError::ReasonRequired);
        }
        if action == WorkflowAction::Approve {
            let submitter =
                self.history.iter().rev().find(|s| s.to == ActualStatus::Submitted).map(|s| s.by.as_str());
            if submitter == Some(by) {
                return Err(WorkflowError::SelfApproval);
            }
        }
        self.history.push(Step { from: self.status, to, by: by.to_owned(), on, note: note.to_owned() });
        self.status = to;
        Ok(())
    }
}

// ------------------------------------------------------------------------------------------------
// Progress

/// How far an actual has come from the baseline towards the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// The share of the way from baseline to target: 0 at the baseline, 1 at the target; below
    /// 0 when the actual moved the wrong way, above 1 when it passed the target. When the target
    /// equals the baseline (a "maintain" target) it is 1 if met and 0 if not.
    pub share: f64,
    /// Whether the actual reached the target in the indicator's direction.
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressError {
    #[error(
        "the target {target} lies on the wrong side of the baseline {baseline} for a {direction:?} indicator"
    )]
    TargetAgainstDirection { baseline: Value, target: Value, direction: Direction },
}

/// Progress against the target, respecting the direction.
pub fn progress(
    direction: Direction,
    baseline: Value,
    target: Value,
    actual: Value,
) -> Result<Progress, ProgressError> {
    // Mirror a decrease into an increase.
    let (b, t, a) = match direction {
        Direction::Increase => (baseline.0, target.0, actual.0),
        Direction::Decrease => (-baseline.0, -target.0, -actual.0),
    };
    if t < b {
        return Err(ProgressError::TargetAgainstDirection { baseline, target, direction });
    }
    let met = a >= t;
    let share = if t == b { f64::from(u8::from(met)) } else { (a - b) as f64 / (t - b) as f64 };
    Ok(Progress { share, met })
}

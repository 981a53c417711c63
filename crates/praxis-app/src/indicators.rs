//! Indicators of the programme: reference sheets, periods with baseline and target, the
//! versioned disaggregation model, actuals per period and category with their workflow
//! (draft → submitted → returned → approved), indicators computed live from Praxis data, progress
//! against the target; and the exports: IATI 2.03 activity XML with results, HXL CSV of aggregate
//! actuals with small counts suppressed, CSV of the indicator and actual tables.
//!
//! Indicators, activities and disaggregation models are programme data
//! ([`RecordKind::ProgrammeData`]) whose jurisdiction is the country concerned (none for a
//! regional one): programme staff of that country and of international organisations read them;
//! programme officers (of the owning or an international organisation) and the country's focal
//! points write them. The engine (`praxis_programme::indicator`) checks reference sheets, models
//! and the workflow (the person who submitted an actual cannot approve it). Every write is
//! audited; validation happens before the write transaction opens.
//!
//! **Computed live.** Two sources read Praxis data through the application layer, as the
//! operator (an aggregate is all that leaves; no case or request is named):
//! - `evidence_beyond_testimony`: of the cases of the country opened in the period that have
//!   something to prove (subjects or offences measured by [`App::evidence_base_overview`]), the
//!   percentage whose evidence base has a share above zero, i.e. at least one subject or offence
//!   supported by evidence other than testimony (as the evidence stands today);
//! - `cooperation_executed`: the number of cooperation requests sent by or to the country whose
//!   status became `executed` in the period (the date of that step in the request's history);
//! - `women_trained_share`: the percentage of women among the participants of the trainings of
//!   the country (all for a regional one) whose last day falls in the period;
//! - `activities_outside_capital_share`: of the country's programme activities running in the
//!   period (started before its end, not ended before its start, not cancelled) whose location
//!   is recorded, the percentage not in the capital.

use std::collections::{BTreeMap, HashMap};

use praxis_model::{InvalidValue, Jurisdiction, OrgId, UserId};
use praxis_programme::hxl::{self, Cell, Column, Table};
use praxis_programme::iati;
use praxis_programme::indicator::{
    self, Actual, ActualStatus, Baseline, Dimension, Direction, DisaggregationKey, DisaggregationModel,
    Frequency, Measure, ModelError, Period, ReferenceSheet, Target, Value, WorkflowAction, WorkflowError,
};
use praxis_programme::money::{Currency, Money};
use praxis_programme::Tags;
use praxis_store::{
    ActivityRow, ActualRow, AuditEvent, IndicatorRow, ModelRow, NewActivity, NewIndicator, PeriodRow, StepRow,
};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::{App, AppError};

/// The record types under which writes are audited.
pub const INDICATOR: &str = "indicator";
pub const ACTIVITY: &str = "programme_activity";
pub const MODEL: &str = "disaggregation_model";

/// How actuals are obtained: entered (with the workflow), or computed live.
pub const SOURCES: [&str; 5] = [
    "entered",
    "evidence_beyond_testimony",
    "cooperation_executed",
    "women_trained_share",
    "activities_outside_capital_share",
];
/// The result level an indicator reports on (IATI result type 1, 2, 3).
pub const LEVELS: [&str; 3] = ["output", "outcome", "impact"];
/// IATI activity statuses 1 to 6.
pub const ACTIVITY_STATUSES: [&str; 6] =
    ["pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended"];
/// Workflow actions.
pub const ACTIONS: [&str; 3] = ["submit", "return", "approve"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewActivityInput {
    /// Globally unique; starts with the reporting organisation's IATI reference and a hyphen.
    pub identifier: String,
    /// The reporting organisation's IATI reference (e.g. `XM-DAC-41114`).
    pub reporting_org: String,
    pub title: String,
    pub description: String,
    /// ISO 3166-1 alpha-2; empty for a regional activity.
    #[serde(default)]
    pub country: Option<String>,
    /// YYYY-MM-DD
    pub start_on: String,
    #[serde(default)]
    pub end_on: Option<String>,
    /// pipeline, implementation (default), finalisation, closed, cancelled, suspended.
    #[serde(default)]
    pub status: Option<String>,
    /// A decimal amount ("125000.50") in `currency`.
    #[serde(default)]
    pub budget: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    /// Space-separated pillar and theme codes.
    #[serde(default)]
    pub tags: String,
    /// The workplan it belongs to, its theory-of-change output and where it happens
    /// (see [`crate::workplans::LocationInput`]).
    #[serde(flatten)]
    pub plan: crate::workplans::LocationInput,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ModelInput {
    /// Required to create; when changing a version, empty or the model's own name.
    #[serde(default)]
    pub name: String,
    /// One dimension per line: `sex: female male unknown`, `age_band: 0-17 18-59 60+`.
    pub spec: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewIndicatorInput {
    pub code: String,
    pub title: String,
    pub definition: String,
    #[serde(default)]
    pub unit: String,
    /// count, percentage, qualitative.
    pub measure: String,
    /// increase, decrease.
    pub direction: String,
    pub means_of_verification: String,
    /// monthly, quarterly, semi_annual, annual.
    pub frequency: String,
    pub owner: String,
    /// Space-separated pillar and theme codes; at least one pillar.
    pub tags: String,
    /// ISO 3166-1 alpha-2; empty for a regional indicator.
    #[serde(default)]
    pub country: Option<String>,
    /// The programme activity whose results it reports.
    #[serde(default)]
    pub activity: Option<i64>,
    /// output (default), outcome, impact.
    #[serde(default)]
    pub level: Option<String>,
    /// entered (default), evidence_beyond_testimony, cooperation_executed.
    #[serde(default)]
    pub source: Option<String>,
    /// The disaggregation model version its values use.
    #[serde(default)]
    pub model: Option<i64>,
    /// YYYY-MM-DD
    pub baseline_on: String,
    #[serde(default)]
    pub baseline: Option<String>,
}

/// Which indicators to list: by country (`regional` for regional ones) and by pillar or theme.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IndicatorFilter {
    #[serde(default)]
    pub country: Option<String>,
    /// A pillar or theme code (`capacity_building`, `gender_human_rights`).
    #[serde(default)]
    pub tag: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PeriodInput {
    /// YYYY-MM-DD, first day.
    pub start_on: String,
    /// YYYY-MM-DD, the day after the last (the period is `[start_on, end_on)`).
    pub end_on: String,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActualInput {
    pub period: i64,
    /// Empty for the total; else `dimension=category` pairs: `sex=female age_band=18-59`.
    #[serde(default)]
    pub categories: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActualEditInput {
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct WorkflowInput {
    /// submit, return, approve.
    pub action: String,
    /// Required to return an actual: the reason.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView {
    pub id: i64,
    pub identifier: String,
    pub reporting_org: String,
    pub title: String,
    pub description: String,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub start_on: String,
    pub end_on: Option<String>,
    pub status: String,
    /// Decimal, exact, in `currency`.
    pub budget: Option<String>,
    pub budget_minor: Option<i64>,
    pub currency: Option<String>,
    pub tags: Vec<String>,
    pub owner_org: i64,
    pub owner_org_name: String,
    /// Indicators reporting on it that the caller may read.
    pub indicators: usize,
    /// The needs of consultative missions it was made from (those the caller may read).
    pub from_needs: Vec<crate::missions::NeedOrigin>,
    pub workplan: Option<i64>,
    /// The theory-of-change output it delivers (`O3.1`), empty if none given.
    pub output: String,
    pub responsible_org: String,
    /// ISO 3166-2 subdivision and its name.
    pub area: Option<String>,
    pub area_name: Option<String>,
    pub place: String,
    /// `None`: the location is not recorded.
    pub capital: Option<bool>,
    pub conflict_affected: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionView {
    pub dimension: String,
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelView {
    pub id: i64,
    pub name: String,
    pub version: u32,
    pub spec: String,
    pub dimensions: Vec<DimensionView>,
    /// Actuals stored under this version: while there are any, it cannot be changed.
    pub stored_values: u64,
    pub owner_org_name: String,
    /// The caller may change this version (a writer, and no value is stored under it).
    pub may_replace: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// submit, return, approve.
    pub action: String,
    pub from: String,
    pub to: String,
    pub by: Option<String>,
    /// YYYY-MM-DD
    pub on: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActualView {
    pub id: i64,
    pub period: i64,
    /// `''` for the total, else `dimension=category` pairs.
    pub categories: String,
    pub value: Option<String>,
    pub comment: String,
    /// draft, submitted, returned, approved.
    pub status: String,
    /// The reason given when it was last returned.
    pub returned_because: Option<String>,
    pub history: Vec<StepView>,
    pub may_edit: bool,
    pub may_submit: bool,
    pub may_return: bool,
    pub may_approve: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressView {
    /// Share of the way from baseline to target (1 = target reached).
    pub share: f64,
    pub met: bool,
}

/// A value computed live, and how.
#[derive(Debug, Clone, Serialize)]
pub struct ComputedValue {
    pub value: Option<String>,
    /// Cases with evidence beyond testimony, or requests executed.
    pub numerator: u64,
    /// Cases with something to prove (`None` for a count).
    pub denominator: Option<u64>,
    /// The period has not ended: the value so far.
    pub partial: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    pub id: i64,
    pub start_on: String,
    /// Exclusive.
    pub end_on: String,
    /// Inclusive, as people say it.
    pub last_day: String,
    pub target: Option<String>,
    pub target_comment: String,
    /// The approved total actual, or the computed value.
    pub actual: Option<String>,
    pub progress: Option<ProgressView>,
    /// Why progress cannot be computed (target against the direction).
    pub progress_problem: Option<String>,
    pub computed: Option<ComputedValue>,
    pub actuals: Vec<ActualView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorSummary {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub measure: String,
    pub direction: String,
    pub unit: String,
    pub level: String,
    pub source: String,
    pub tags: Vec<String>,
    pub owner_org_name: String,
    /// The latest period with a target or an actual: its label, target, actual and progress.
    pub latest_period: Option<String>,
    pub latest_target: Option<String>,
    pub latest_actual: Option<String>,
    pub latest_progress: Option<ProgressView>,
    /// Actuals waiting for approval.
    pub submitted: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorPermissions {
    pub write: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityRef {
    pub id: i64,
    pub identifier: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    #[serde(flatten)]
    pub summary: IndicatorSummary,
    pub definition: String,
    pub means_of_verification: String,
    pub frequency: String,
    pub owner: String,
    pub activity: Option<ActivityRef>,
    pub model: Option<ModelView>,
    pub baseline_on: String,
    pub baseline: Option<String>,
    pub periods: Vec<PeriodView>,
    pub permissions: IndicatorPermissions,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorList {
    pub indicators: Vec<IndicatorSummary>,
    pub activities: Vec<ActivityView>,
    pub models: Vec<ModelView>,
    /// The caller may create indicators, activities and models.
    pub may_create: bool,
}

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::Invalid(InvalidValue::new(field, "invalid", message))
}

pub(crate) fn text(
    field: &'static str,
    s: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, AppError> {
    let s = s.trim();
    let n = s.chars().count();
    if n < min {
        return Err(invalid(
            field,
            if min == 1 { "is required".into() } else { format!("needs at least {min} characters") },
        ));
    }
    if n > max {
        return Err(invalid(field, format!("must be at most {max} characters")));
    }
    if s.chars().any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        return Err(invalid(field, "must not contain control characters"));
    }
    Ok(s.to_owned())
}

const DAY: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

pub(crate) fn parse_date(field: &'static str, s: &str) -> Result<Date, AppError> {
    let s = s.trim();
    Date::parse(s, DAY).map_err(|_| invalid(field, format!("{s:?} is not a date written YYYY-MM-DD")))
}

pub(crate) fn day(d: Date) -> String {
    d.format(DAY).unwrap_or_default()
}

pub(crate) fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

pub(crate) fn stored_date(s: &str) -> Date {
    Date::parse(s, DAY).unwrap_or(Date::MIN)
}

pub(crate) fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn value(field: &'static str, s: &str) -> Result<Value, AppError> {
    Value::parse(s).map_err(|e| invalid(field, e.message))
}

pub(crate) fn country(field: &'static str, s: Option<&str>) -> Result<Option<Jurisdiction>, AppError> {
    let Some(c) = s else { return Ok(None) };
    let j = Jurisdiction::parse(c).map_err(|e| invalid(field, e.to_string()))?;
    if j.country() != j {
        return Err(invalid(field, format!("{c} is a subdivision; give the country ({})", j.country())));
    }
    Ok(Some(j))
}

pub(crate) fn tags(s: &str) -> Result<Tags, AppError> {
    Tags::parse_codes(s).map_err(|bad| invalid("tags", format!("unknown codes: {}", bad.join(", "))))
}

pub(crate) fn tag_list(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

pub(crate) fn country_name(c: &Option<String>) -> Option<String> {
    c.as_deref().and_then(|c| Jurisdiction::parse(c).ok()).map(|j| j.name())
}

/// A decimal amount in a currency's minor units, exactly ("125000.5" USD → 12500050).
pub(crate) fn minor_units(field: &'static str, amount: &str, currency: Currency) -> Result<i64, AppError> {
    let bad = || invalid(field, format!("{amount:?} is not an amount in {}", currency.code()));
    let a = amount.trim();
    let (int, frac) = a.split_once('.').unwrap_or((a, ""));
    let e = usize::from(currency.exponent());
    if int.is_empty() || frac.len() > e || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let scale = 10i64.checked_pow(e as u32).ok_or_else(bad)?;
    let i: i64 = int.parse().map_err(|_| bad())?;
    let f: i64 = if e == 0 { 0 } else { format!("{frac:0<e$}").parse().map_err(|_| bad())? };
    i.checked_mul(scale).and_then(|v| v.checked_add(f)).ok_or_else(bad)
}

fn model_error(e: ModelError) -> AppError {
    match e {
        ModelError::ChangedUnderStoredValues { .. } => invalid("spec", e.to_string()),
        ModelError::Invalid(f) => invalid("spec", f.message),
        ModelError::UnknownCategory { .. }
        | ModelError::RepeatedDimension(_)
        | ModelError::WrongModel { .. } => invalid("categories", e.to_string()),
    }
}

fn workflow_error(e: WorkflowError) -> AppError {
    match e {
        WorkflowError::ReasonRequired => invalid("note", e.to_string()),
        WorkflowError::SelfApproval => AppError::Denied(e.to_string()),
        WorkflowError::NotEditable(_) => invalid("value", e.to_string()),
        _ => invalid("action", e.to_string()),
    }
}

fn action_of(code: &str) -> Option<WorkflowAction> {
    match code {
        "submit" => Some(WorkflowAction::Submit),
        "return" => Some(WorkflowAction::Return),
        "approve" => Some(WorkflowAction::Approve),
        _ => None,
    }
}

fn engine_model(m: &ModelRow) -> Option<DisaggregationModel> {
    let dims = DisaggregationModel::parse_spec(&m.spec).ok()?;
    DisaggregationModel::stored(&m.name, m.version, dims).ok()
}

/// The engine's key of a stored or typed category list under a model.
fn key_of(model: &DisaggregationModel, categories: &str) -> Result<DisaggregationKey, AppError> {
    let mut parts = Vec::new();
    for pair in categories.split_whitespace() {
        let (d, c) = pair
            .split_once('=')
            .ok_or_else(|| invalid("categories", format!("`{pair}`: write dimension=category")))?;
        let d =
            Dimension::parse(d).ok_or_else(|| invalid("categories", format!("`{d}` is not a dimension")))?;
        parts.push((d, c));
    }
    model.key(&parts).map_err(model_error)
}

fn key_text(k: &DisaggregationKey) -> String {
    k.pairs().into_iter().map(|(d, c)| format!("{d}={c}")).collect::<Vec<_>>().join(" ")
}

fn sheet_of(i: &IndicatorRow, model: Option<&ModelRow>) -> ReferenceSheet {
    ReferenceSheet {
        code: i.code.clone(),
        title: i.title.clone(),
        definition: i.definition.clone(),
        unit: i.unit.clone(),
        measure: Measure::parse(&i.measure).unwrap_or(Measure::Count),
        direction: Direction::parse(&i.direction).unwrap_or(Direction::Increase),
        means_of_verification: i.means_of_verification.clone(),
        frequency: Frequency::parse(&i.frequency).unwrap_or(Frequency::Annual),
        owner: i.owner.clone(),
        tags: Tags::parse_codes(&i.tags).unwrap_or_default(),
        disaggregation: model.map(|m| indicator::ModelRef { name: m.name.clone(), version: m.version }),
    }
}

fn period_of(p: &PeriodRow) -> Option<Period> {
    Period::new(Date::parse(&p.start_on, DAY).ok()?, Date::parse(&p.end_on, DAY).ok()?).ok()
}

fn username_of(s: &StepRow) -> String {
    s.acted_by_username
        .clone()
        .or_else(|| s.acted_by.map(|u| format!("user {}", u.0)))
        .unwrap_or_else(|| "operator".into())
}

pub(crate) fn caller_name(caller: &Caller) -> String {
    match caller {
        Caller::User(a) => a.username.clone(),
        Caller::Cli => "operator".into(),
    }
}

/// Everything stored about one indicator, loaded once.
struct Loaded {
    row: IndicatorRow,
    record: RecordRef,
    model: Option<ModelRow>,
    periods: Vec<PeriodRow>,
    /// Each stored actual with the engine's actual replayed from its steps.
    actuals: Vec<(ActualRow, Actual, Vec<StepRow>)>,
}

impl Loaded {
    fn engine_actuals(&self) -> Vec<Actual> {
        self.actuals.iter().map(|(_, a, _)| a.clone()).collect()
    }
}

impl App {
    pub(crate) fn programme_record(owner: OrgId, country: Option<&str>) -> RecordRef {
        let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(owner));
        r.jurisdiction = country.and_then(|c| Jurisdiction::parse(c).ok());
        r
    }

    /// A model is programme data of its owning organisation's country.
    async fn model_record(&self, m: &ModelRow) -> Result<RecordRef, AppError> {
        let org = self.store.get_org(m.owner_org).await?;
        let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(m.owner_org));
        r.jurisdiction = org.map(|o| o.jurisdiction.country());
        Ok(r)
    }

    pub(crate) async fn names_of_orgs(&self) -> Result<HashMap<OrgId, String>, AppError> {
        Ok(self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect())
    }

    /// The gate of the exports and of creation forms: a programme role for one's own country.
    pub(crate) fn programme_gate(caller: &Caller, action: Action) -> Result<(), AppError> {
        let Caller::User(actor) = caller else { return Ok(()) };
        let mut r = RecordRef::new(RecordKind::ProgrammeData, None);
        if action != Action::Read {
            r.owner_org = Some(actor.org.id);
        }
        r.jurisdiction = Some(actor.org.jurisdiction.country());
        authorize(caller, action, &r)?;
        Ok(())
    }

    /// Whether the caller may create indicators, activities and models.
    pub fn may_create_indicator(&self, caller: &Caller) -> bool {
        matches!(caller, Caller::User(_)) && Self::programme_gate(caller, Action::Create).is_ok()
    }

    async fn load_indicator(&self, caller: &Caller, id: i64, action: Action) -> Result<Loaded, AppError> {
        let row = self.store.get_indicator(id).await?.ok_or(AppError::NotFound("indicator"))?;
        let record = Self::programme_record(row.owner_org, row.country.as_deref());
        authorize(caller, action, &record)?;
        self.load_rest(row, record).await
    }

    async fn load_rest(&self, row: IndicatorRow, record: RecordRef) -> Result<Loaded, AppError> {
        let model = match row.model_id {
            Some(m) => self.store.get_disaggregation_model(m).await?,
            None => None,
        };
        let periods = self.store.indicator_periods(row.id).await?;
        let rows = self.store.indicator_actuals(row.id).await?;
        let steps = self.store.indicator_steps(row.id).await?;
        let mut models: HashMap<i64, Option<DisaggregationModel>> = HashMap::new();
        let mut actuals = Vec::new();
        for a in rows {
            let Some(period) = periods.iter().find(|p| p.id == a.period_id).and_then(period_of) else {
                continue;
            };
            let key = match a.model_id {
                Some(mid) => {
                    if let std::collections::hash_map::Entry::Vacant(e) = models.entry(mid) {
                        let m = self.store.get_disaggregation_model(mid).await?;
                        e.insert(m.as_ref().and_then(engine_model));
                    }
                    models[&mid].as_ref().and_then(|m| key_of(m, &a.category_key).ok())
                }
                None => None,
            };
            let mine: Vec<StepRow> = steps.iter().filter(|s| s.actual_id == a.id).cloned().collect();
            let replay: Vec<(WorkflowAction, String, Date, String)> = mine
                .iter()
                .filter_map(|s| {
                    Some((action_of(&s.action)?, username_of(s), stored_date(&s.acted_on), s.note.clone()))
                })
                .collect();
            let v = a.value_milli.map(Value::from_milli);
            let engine = match Actual::replay(period, v, key.clone(), &a.comment, &replay) {
                Ok(e) => e,
                Err(e) => {
                    tracing::warn!(actual = a.id, error = %e, "stored workflow does not replay");
                    Actual::draft(period, v, key, &a.comment)
                }
            };
            actuals.push((a, engine, mine));
        }
        Ok(Loaded { row, record, model, periods, actuals })
    }

    async fn model_view(
        &self,
        caller: &Caller,
        m: &ModelRow,
        orgs: &HashMap<OrgId, String>,
    ) -> Result<ModelView, AppError> {
        let stored = self.store.count_values_under_model(m.id).await?;
        let record = self.model_record(m).await?;
        let dims = DisaggregationModel::parse_spec(&m.spec).unwrap_or_default();
        Ok(ModelView {
            id: m.id,
            name: m.name.clone(),
            version: m.version,
            spec: m.spec.clone(),
            dimensions: dims
                .iter()
                .map(|(d, cats)| DimensionView {
                    dimension: d.code().into(),
                    categories: cats.iter().map(|c| c.code()).collect(),
                })
                .collect(),
            stored_values: stored,
            owner_org_name: orgs.get(&m.owner_org).cloned().unwrap_or_default(),
            may_replace: stored == 0 && decide(caller, Action::Write, &record).allowed,
        })
    }

    // ------------------------------------------------------------------ computed live

    /// The value of a computed indicator for a period, through the application's own services
    /// (as the operator: only the aggregate leaves).
    async fn compute(&self, row: &IndicatorRow, period: Period) -> Result<Option<ComputedValue>, AppError> {
        let now = today();
        if period.start() > now {
            return Ok(None);
        }
        let partial = period.end() > now;
        let ms = |d: Date| d.midnight().assume_utc().unix_timestamp() * 1000;
        let (from, to) = (ms(period.start()), ms(period.end()));
        let cli = Caller::Cli;
        match row.source.as_str() {
            "evidence_beyond_testimony" => {
                let overview = self.evidence_base_overview(&cli, row.country.as_deref(), None).await?;
                let opened: HashMap<i64, i64> =
                    self.store.list_cases().await?.into_iter().map(|c| (c.id, c.created_at)).collect();
                let in_period = overview
                    .cases
                    .iter()
                    .filter(|c| c.units > 0)
                    .filter(|c| opened.get(&c.case).is_some_and(|t| (from..to).contains(t)));
                let (mut num, mut den) = (0u64, 0u64);
                for c in in_period {
                    den += 1;
                    if c.share.is_some_and(|s| s > 0.0) {
                        num += 1;
                    }
                }
                let value =
                    (den > 0).then(|| Value::from_milli((num as i64 * 100_000) / den as i64).to_string());
                Ok(Some(ComputedValue { value, numerator: num, denominator: Some(den), partial }))
            }
            "cooperation_executed" => {
                let country_of: HashMap<String, String> = self
                    .store
                    .list_orgs()
                    .await?
                    .into_iter()
                    .map(|o| (o.name, o.jurisdiction.country().code().to_owned()))
                    .collect();
                let filter = crate::cooperation::RequestFilter {
                    status: Some("executed".into()),
                    ..Default::default()
                };
                let mut n = 0u64;
                for r in self.requests(&cli, &filter).await? {
                    let involved = match &row.country {
                        None => true,
                        Some(c) => {
                            r.requested_country == *c
                                || country_of.get(&r.requesting_org).is_some_and(|rc| rc == c)
                        }
                    };
                    if !involved {
                        continue;
                    }
                    let full = self.request(&cli, r.id).await?;
                    let executed_at = full
                        .history
                        .iter()
                        .filter(|h| h.status == praxis_model::RequestStatus::Executed)
                        .map(|h| h.at)
                        .next_back();
                    if executed_at.is_some_and(|t| (from..to).contains(&t)) {
                        n += 1;
                    }
                }
                Ok(Some(ComputedValue {
                    value: Some(n.to_string()),
                    numerator: n,
                    denominator: None,
                    partial,
                }))
            }
            "women_trained_share" | "activities_outside_capital_share" => {
                let (num, den) = if row.source == "women_trained_share" {
                    self.women_trained(row.country.as_deref(), period.start(), period.end()).await?
                } else {
                    // An activity's end is its last day: running means start < period end and
                    // end >= period start.
                    self.activities_outside_capital(row.country.as_deref(), period.start(), period.end())
                        .await?
                };
                let value =
                    (den > 0).then(|| Value::from_milli((num as i64 * 100_000) / den as i64).to_string());
                Ok(Some(ComputedValue { value, numerator: num, denominator: Some(den), partial }))
            }
            _ => Ok(None),
        }
    }

    // ------------------------------------------------------------------ views

    async fn periods_view(
        &self,
        caller: &Caller,
        l: &Loaded,
        write: bool,
    ) -> Result<Vec<PeriodView>, AppError> {
        let direction = Direction::parse(&l.row.direction).unwrap_or(Direction::Increase);
        let baseline = l.row.baseline_milli.map(Value::from_milli);
        let me = caller_name(caller);
        let mut out = Vec::new();
        for p in &l.periods {
            let Some(period) = period_of(p) else { continue };
            let computed =
                if l.row.source == "entered" { None } else { self.compute(&l.row, period).await? };
            let actuals: Vec<ActualView> = l
                .actuals
                .iter()
                .filter(|(a, _, _)| a.period_id == p.id)
                .map(|(a, e, steps)| {
                    let status = e.status();
                    let submitter = e
                        .history()
                        .iter()
                        .rev()
                        .find(|s| s.to == ActualStatus::Submitted)
                        .map(|s| s.by.clone());
                    ActualView {
                        id: a.id,
                        period: p.id,
                        categories: a.category_key.clone(),
                        value: e.value().map(|v| v.to_string()),
                        comment: e.comment().to_owned(),
                        status: status.code().into(),
                        returned_because: (status == ActualStatus::Returned)
                            .then(|| e.history().last().map(|s| s.note.clone()))
                            .flatten(),
                        history: e
                            .history()
                            .iter()
                            .zip(steps)
                            .map(|(s, row)| StepView {
                                action: row.action.clone(),
                                from: s.from.code().into(),
                                to: s.to.code().into(),
                                by: row.acted_by_name.clone().or_else(|| Some(s.by.clone())),
                                on: day(s.on),
                                note: s.note.clone(),
                            })
                            .collect(),
                        may_edit: write && status.editable(),
                        may_submit: write && status.after(WorkflowAction::Submit).is_some(),
                        may_return: write && status == ActualStatus::Submitted,
                        may_approve: write
                            && status == ActualStatus::Submitted
                            && submitter.as_deref() != Some(me.as_str()),
                    }
                })
                .collect();
            let approved_total = l
                .actuals
                .iter()
                .find(|(a, e, _)| {
                    a.period_id == p.id && a.category_key.is_empty() && e.status() == ActualStatus::Approved
                })
                .and_then(|(_, e, _)| e.value());
            let actual = match &computed {
                Some(c) => c.value.as_deref().and_then(|v| Value::parse(v).ok()),
                None => approved_total,
            };
            let target = p.target_milli.map(Value::from_milli);
            let (progress, progress_problem) = match (baseline, target, actual) {
                (Some(b), Some(t), Some(a)) => match indicator::progress(direction, b, t, a) {
                    Ok(pr) => (Some(ProgressView { share: pr.share, met: pr.met }), None),
                    Err(e) => (None, Some(e.to_string())),
                },
                _ => (None, None),
            };
            out.push(PeriodView {
                id: p.id,
                start_on: p.start_on.clone(),
                end_on: p.end_on.clone(),
                last_day: day(period.last_day()),
                target: target.map(|t| t.to_string()),
                target_comment: p.target_comment.clone(),
                actual: actual.map(|a| a.to_string()),
                progress,
                progress_problem,
                computed,
                actuals,
            });
        }
        Ok(out)
    }

    fn indicator_summary(
        l: &Loaded,
        periods: &[PeriodView],
        orgs: &HashMap<OrgId, String>,
    ) -> IndicatorSummary {
        let latest = periods
            .iter()
            .rev()
            .find(|p| p.actual.is_some())
            .or_else(|| periods.iter().rev().find(|p| p.target.is_some()));
        IndicatorSummary {
            id: l.row.id,
            code: l.row.code.clone(),
            title: l.row.title.clone(),
            country: l.row.country.clone(),
            country_name: country_name(&l.row.country),
            measure: l.row.measure.clone(),
            direction: l.row.direction.clone(),
            unit: l.row.unit.clone(),
            level: l.row.result_level.clone(),
            source: l.row.source.clone(),
            tags: tag_list(&l.row.tags),
            owner_org_name: orgs.get(&l.row.owner_org).cloned().unwrap_or_default(),
            latest_period: latest.map(|p| format!("{} – {}", p.start_on, p.last_day)),
            latest_target: latest.and_then(|p| p.target.clone()),
            latest_actual: latest.and_then(|p| p.actual.clone()),
            latest_progress: latest.and_then(|p| p.progress.clone()),
            submitted: l.actuals.iter().filter(|(_, e, _)| e.status() == ActualStatus::Submitted).count(),
        }
    }

    pub(crate) fn activity_view(
        a: &ActivityRow,
        orgs: &HashMap<OrgId, String>,
        indicators: usize,
    ) -> ActivityView {
        let budget = match (a.budget_minor, a.currency.as_deref().and_then(|c| Currency::parse(c).ok())) {
            (Some(m), Some(c)) => Some(Money::new(m, c).decimal()),
            _ => None,
        };
        ActivityView {
            id: a.id,
            identifier: a.identifier.clone(),
            reporting_org: a.reporting_org.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            country: a.country.clone(),
            country_name: country_name(&a.country),
            start_on: a.start_on.clone(),
            end_on: a.end_on.clone(),
            status: a.status.clone(),
            budget,
            budget_minor: a.budget_minor,
            currency: a.currency.clone(),
            tags: tag_list(&a.tags),
            owner_org: a.owner_org.0,
            owner_org_name: orgs.get(&a.owner_org).cloned().unwrap_or_default(),
            indicators,
            from_needs: Vec::new(),
            workplan: a.workplan_id,
            output: a.toc_output.clone(),
            responsible_org: a.responsible_org.clone(),
            area: a.area.clone(),
            area_name: country_name(&a.area),
            place: a.place.clone(),
            capital: a.capital,
            conflict_affected: a.conflict_affected,
        }
    }

    /// The indicators the caller may read (live values computed), filtered by country and by
    /// pillar or theme; the activities and the models.
    pub async fn indicators(
        &self,
        caller: &Caller,
        filter: &IndicatorFilter,
    ) -> Result<IndicatorList, AppError> {
        let country = match nonempty(&filter.country) {
            Some("regional") => Some(None),
            Some(c) => {
                Some(Some(country("country", Some(c))?.map(|j| j.code().to_owned()).unwrap_or_default()))
            }
            None => None,
        };
        let tag = match nonempty(&filter.tag) {
            Some(t) => {
                tags(t).map_err(|_| invalid("tag", format!("{t:?} is not a pillar or theme code")))?;
                Some(t.to_owned())
            }
            None => None,
        };
        let orgs = self.names_of_orgs().await?;
        let mut indicators = Vec::new();
        let mut per_activity: HashMap<i64, usize> = HashMap::new();
        for row in self.store.list_indicators().await? {
            let record = Self::programme_record(row.owner_org, row.country.as_deref());
            if !decide(caller, Action::Read, &record).allowed {
                continue;
            }
            if let Some(a) = row.activity_id {
                *per_activity.entry(a).or_default() += 1;
            }
            if country.as_ref().is_some_and(|c| *c != row.country)
                || tag.as_ref().is_some_and(|t| !row.tags.split_whitespace().any(|x| x == t))
            {
                continue;
            }
            let l = self.load_rest(row, record).await?;
            let periods = self.periods_view(caller, &l, false).await?;
            indicators.push(Self::indicator_summary(&l, &periods, &orgs));
        }
        let mut activities = Vec::new();
        for a in self.store.list_programme_activities().await? {
            if decide(caller, Action::Read, &Self::programme_record(a.owner_org, a.country.as_deref()))
                .allowed
            {
                let mut view = Self::activity_view(&a, &orgs, per_activity.get(&a.id).copied().unwrap_or(0));
                view.from_needs = self.activity_origins(caller, a.id).await?;
                activities.push(view);
            }
        }
        let mut models = Vec::new();
        for m in self.store.list_disaggregation_models().await? {
            if decide(caller, Action::Read, &self.model_record(&m).await?).allowed {
                models.push(self.model_view(caller, &m, &orgs).await?);
            }
        }
        Ok(IndicatorList { indicators, activities, models, may_create: self.may_create_indicator(caller) })
    }

    /// One indicator: the reference sheet, its periods with baseline, target, actual and progress,
    /// its actuals with their workflow, and for a computed one how each value was computed.
    pub async fn indicator(&self, caller: &Caller, id: i64) -> Result<IndicatorView, AppError> {
        let l = self.load_indicator(caller, id, Action::Read).await?;
        let write = decide(caller, Action::Write, &l.record).allowed;
        let orgs = self.names_of_orgs().await?;
        let periods = self.periods_view(caller, &l, write).await?;
        let activity = match l.row.activity_id {
            Some(a) => self.store.get_programme_activity(a).await?.map(|a| ActivityRef {
                id: a.id,
                identifier: a.identifier,
                title: a.title,
            }),
            None => None,
        };
        let model = match &l.model {
            Some(m) => Some(self.model_view(caller, m, &orgs).await?),
            None => None,
        };
        Ok(IndicatorView {
            summary: Self::indicator_summary(&l, &periods, &orgs),
            definition: l.row.definition.clone(),
            means_of_verification: l.row.means_of_verification.clone(),
            frequency: l.row.frequency.clone(),
            owner: l.row.owner.clone(),
            activity,
            model,
            baseline_on: l.row.baseline_on.clone(),
            baseline: l.row.baseline_milli.map(|v| Value::from_milli(v).to_string()),
            periods,
            permissions: IndicatorPermissions { write },
        })
    }

    // ------------------------------------------------------------------ writes

    /// Records a programme activity owned by the caller's organisation.
    pub async fn create_programme_activity(
        &self,
        caller: &Caller,
        input: &NewActivityInput,
    ) -> Result<i64, AppError> {
        let new = self.programme_activity_input(caller, input).await?;
        let mut tx = self.store.begin_write().await?;
        let id = Self::insert_programme_activity_audited(&mut tx, caller, &new).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Inserts a checked activity and its audit entry in the caller's transaction (a need of a
    /// consultative mission becomes an activity together with its link).
    pub(crate) async fn insert_programme_activity_audited(
        tx: &mut praxis_store::WriteTx,
        caller: &Caller,
        new: &NewActivity,
    ) -> Result<i64, AppError> {
        let id = tx.insert_programme_activity(new).await?;
        tx.audit(
            AuditEvent::new("programme_activity.create", ACTIVITY, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "identifier": new.identifier, "country": new.country,
                    "workplan": new.workplan_id, "area": new.area, "capital": new.capital })),
        )
        .await?;
        Ok(id)
    }

    /// Checks the input of a new activity and the caller's right to create it (before any write).
    pub(crate) async fn programme_activity_input(
        &self,
        caller: &Caller,
        input: &NewActivityInput,
    ) -> Result<NewActivity, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("activities are recorded by a person signed in".into()));
        };
        let c = country("country", nonempty(&input.country))?;
        let record = Self::programme_record(actor.org.id, c.as_ref().map(|c| c.code()));
        authorize(caller, Action::Create, &record)?;
        let reporting_org = text("reporting_org", &input.reporting_org, 2, 60, false)?;
        let identifier = text("identifier", &input.identifier, 3, 120, false)?;
        if !identifier.starts_with(&format!("{reporting_org}-"))
            || identifier.len() <= reporting_org.len() + 1
        {
            return Err(invalid(
                "identifier",
                format!("must start with the reporting organisation's reference `{reporting_org}-`"),
            ));
        }
        if identifier.contains(char::is_whitespace) {
            return Err(invalid("identifier", "must not contain spaces"));
        }
        let title = text("title", &input.title, 3, 200, false)?;
        let description = text("description", &input.description, 1, 5000, true)?;
        let start = parse_date("start_on", &input.start_on)?;
        let end = nonempty(&input.end_on).map(|s| parse_date("end_on", s)).transpose()?;
        if end.is_some_and(|e| e < start) {
            return Err(invalid("end_on", "the end is before the start"));
        }
        let status = match nonempty(&input.status) {
            Some(s) if ACTIVITY_STATUSES.contains(&s) => s.to_owned(),
            Some(s) => {
                return Err(invalid(
                    "status",
                    format!("{s:?} is not one of {}", ACTIVITY_STATUSES.join(", ")),
                ))
            }
            None => "implementation".into(),
        };
        let (budget_minor, currency) = match (nonempty(&input.budget), nonempty(&input.currency)) {
            (None, None) => (None, None),
            (Some(_), None) => return Err(invalid("currency", "a budget needs its ISO 4217 currency")),
            (None, Some(_)) => return Err(invalid("budget", "a currency needs an amount")),
            (Some(b), Some(cur)) => {
                let cur = Currency::parse(cur).map_err(|e| invalid("currency", e.to_string()))?;
                (Some(minor_units("budget", b, cur)?), Some(cur.code().to_owned()))
            }
        };
        let t = tags(&input.tags)?;
        let plan = self.activity_plan(caller, c.as_ref(), &input.plan).await?;
        let new = NewActivity {
            identifier,
            reporting_org,
            title,
            description,
            country: c.map(|c| c.code().to_owned()),
            start_on: day(start),
            end_on: end.map(day),
            status,
            budget_minor,
            currency,
            tags: t.codes(),
            owner_org: actor.org.id,
            created_by: Some(actor.user_id),
            workplan_id: plan.workplan,
            toc_output: plan.output,
            responsible_org: plan.responsible_org,
            area: plan.area,
            place: plan.place,
            capital: plan.capital,
            conflict_affected: plan.conflict_affected,
        };
        Ok(new)
    }

    /// Creates a disaggregation model; with the name of an existing one, its next version.
    pub async fn create_disaggregation_model(
        &self,
        caller: &Caller,
        input: &ModelInput,
    ) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("models are made by a person signed in".into()));
        };
        Self::programme_gate(caller, Action::Create)?;
        let name = text("name", &input.name, 2, 80, false)?;
        let dims = DisaggregationModel::parse_spec(&input.spec).map_err(model_error)?;
        let existing: Vec<ModelRow> =
            self.store.list_disaggregation_models().await?.into_iter().filter(|m| m.name == name).collect();
        let model = match existing.last().and_then(engine_model) {
            Some(prev) => prev.next_version(dims).map_err(model_error)?,
            None => DisaggregationModel::new(&name, dims).map_err(model_error)?,
        };
        let version = model.reference().version;
        let mut tx = self.store.begin_write().await?;
        let id = tx
            .insert_disaggregation_model(&name, version, &model.spec(), actor.org.id, Some(actor.user_id))
            .await?;
        tx.audit(
            AuditEvent::new("disaggregation_model.create", MODEL, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "name": name, "version": version })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes the categories of a model version: refused while values are stored under it
    /// (publish a new version instead, by creating a model with the same name).
    pub async fn replace_disaggregation_model(
        &self,
        caller: &Caller,
        id: i64,
        input: &ModelInput,
    ) -> Result<(), AppError> {
        let m = self
            .store
            .get_disaggregation_model(id)
            .await?
            .ok_or(AppError::NotFound("disaggregation model"))?;
        authorize(caller, Action::Write, &self.model_record(&m).await?)?;
        if !input.name.trim().is_empty() && input.name.trim() != m.name {
            return Err(invalid("name", "a model keeps its name; create a new model for a new name"));
        }
        let dims = DisaggregationModel::parse_spec(&input.spec).map_err(model_error)?;
        let current = engine_model(&m).ok_or_else(|| invalid("spec", "the stored model cannot be read"))?;
        let stored = self.store.count_values_under_model(id).await?;
        let new = current.replace(dims, stored).map_err(model_error)?;
        let mut tx = self.store.begin_write().await?;
        if !tx.replace_disaggregation_model(id, &new.spec()).await? {
            return Err(model_error(ModelError::ChangedUnderStoredValues {
                name: m.name,
                version: m.version,
                stored: 1,
            }));
        }
        tx.audit(
            AuditEvent::new("disaggregation_model.replace", MODEL, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "name": m.name, "version": m.version, "spec": new.spec() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates an indicator (its reference sheet and baseline), owned by the caller's organisation.
    pub async fn create_indicator(
        &self,
        caller: &Caller,
        input: &NewIndicatorInput,
    ) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("indicators are made by a person signed in".into()));
        };
        let c = country("country", nonempty(&input.country))?;
        let record = Self::programme_record(actor.org.id, c.as_ref().map(|c| c.code()));
        authorize(caller, Action::Create, &record)?;
        let measure = Measure::parse(input.measure.trim())
            .ok_or_else(|| invalid("measure", "count, percentage or qualitative"))?;
        let direction = Direction::parse(input.direction.trim())
            .ok_or_else(|| invalid("direction", "increase or decrease"))?;
        let frequency = Frequency::parse(input.frequency.trim())
            .ok_or_else(|| invalid("frequency", "monthly, quarterly, semi_annual or annual"))?;
        let level = match nonempty(&input.level) {
            Some(l) if LEVELS.contains(&l) => l.to_owned(),
            Some(l) => return Err(invalid("level", format!("{l:?} is not one of {}", LEVELS.join(", ")))),
            None => "output".into(),
        };
        let source = match nonempty(&input.source) {
            Some(s) if SOURCES.contains(&s) => s.to_owned(),
            Some(s) => return Err(invalid("source", format!("{s:?} is not one of {}", SOURCES.join(", ")))),
            None => "entered".into(),
        };
        let expected = match source.as_str() {
            "evidence_beyond_testimony" | "women_trained_share" | "activities_outside_capital_share" => {
                Some(Measure::Percentage)
            }
            "cooperation_executed" => Some(Measure::Count),
            _ => None,
        };
        if expected.is_some_and(|m| m != measure) {
            return Err(invalid(
                "measure",
                format!("a {source} indicator is a {}", expected.unwrap().code()),
            ));
        }
        let model = match input.model {
            Some(mid) => {
                let m = self
                    .store
                    .get_disaggregation_model(mid)
                    .await?
                    .ok_or_else(|| invalid("model", "no such model"))?;
                if !decide(caller, Action::Read, &self.model_record(&m).await?).allowed {
                    return Err(invalid("model", "no such model"));
                }
                Some(m)
            }
            None => None,
        };
        if model.is_some() && source != "entered" {
            return Err(invalid("model", "a computed indicator has no disaggregation"));
        }
        let activity = match input.activity {
            Some(aid) => {
                let a = self
                    .store
                    .get_programme_activity(aid)
                    .await?
                    .ok_or_else(|| invalid("activity", "no such activity"))?;
                if !decide(caller, Action::Read, &Self::programme_record(a.owner_org, a.country.as_deref()))
                    .allowed
                {
                    return Err(invalid("activity", "no such activity"));
                }
                Some(aid)
            }
            None => None,
        };
        let sheet = ReferenceSheet {
            code: input.code.trim().to_owned(),
            title: text("title", &input.title, 3, 300, false)?,
            definition: text("definition", &input.definition, 0, 5000, true)?,
            unit: text("unit", &input.unit, 0, 60, false)?,
            measure,
            direction,
            means_of_verification: text(
                "means_of_verification",
                &input.means_of_verification,
                0,
                2000,
                true,
            )?,
            frequency,
            owner: text("owner", &input.owner, 0, 200, false)?,
            tags: tags(&input.tags)?,
            disaggregation: model
                .as_ref()
                .map(|m| indicator::ModelRef { name: m.name.clone(), version: m.version }),
        };
        if let Some(e) = sheet.validate().into_iter().next() {
            return Err(invalid(e.field, e.message));
        }
        let baseline_on = parse_date("baseline_on", &input.baseline_on)?;
        let baseline = nonempty(&input.baseline).map(|b| value("baseline", b)).transpose()?;
        if measure == Measure::Qualitative && baseline.is_some() {
            return Err(invalid("baseline", "a qualitative indicator has no value"));
        }
        let new = NewIndicator {
            code: sheet.code.clone(),
            activity_id: activity,
            result_level: level,
            title: sheet.title.clone(),
            definition: sheet.definition.clone(),
            unit: sheet.unit.clone(),
            measure: measure.code().into(),
            direction: direction.code().into(),
            means_of_verification: sheet.means_of_verification.clone(),
            frequency: frequency.code().into(),
            owner: sheet.owner.clone(),
            tags: sheet.tags.codes(),
            country: c.map(|c| c.code().to_owned()),
            source,
            model_id: model.map(|m| m.id),
            baseline_on: day(baseline_on),
            baseline_milli: baseline.map(|b| b.milli()),
            owner_org: actor.org.id,
            created_by: Some(actor.user_id),
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_indicator(&new).await?;
        tx.audit(
            AuditEvent::new("indicator.create", INDICATOR, id).by(caller.user_id(), caller.org_id()).detail(
                serde_json::json!({ "code": new.code, "country": new.country, "source": new.source }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a reporting period with its target.
    pub async fn add_indicator_period(
        &self,
        caller: &Caller,
        id: i64,
        input: &PeriodInput,
    ) -> Result<i64, AppError> {
        let l = self.load_indicator(caller, id, Action::Write).await?;
        let start = parse_date("start_on", &input.start_on)?;
        let end = parse_date("end_on", &input.end_on)?;
        let period = Period::new(start, end).map_err(|e| invalid("end_on", e.message))?;
        if let Some(p) = l
            .periods
            .iter()
            .filter_map(period_of)
            .find(|p| p.start() < period.end() && period.start() < p.end())
        {
            return Err(invalid("start_on", format!("overlaps the period {} – {}", p.start(), p.last_day())));
        }
        let measure = Measure::parse(&l.row.measure).unwrap_or(Measure::Count);
        let target = nonempty(&input.target).map(|t| value("target", t)).transpose()?;
        if measure == Measure::Qualitative && target.is_some() {
            return Err(invalid(
                "target",
                "a qualitative indicator has no value: describe the target in the comment",
            ));
        }
        if let (Some(b), Some(t)) = (l.row.baseline_milli.map(Value::from_milli), target) {
            let direction = Direction::parse(&l.row.direction).unwrap_or(Direction::Increase);
            indicator::progress(direction, b, t, b).map_err(|e| invalid("target", e.to_string()))?;
        }
        let comment = text("comment", &input.comment, 0, 2000, true)?;
        let mut tx = self.store.begin_write().await?;
        let pid = tx
            .insert_indicator_period(id, &day(start), &day(end), target.map(|t| t.milli()), &comment)
            .await?;
        tx.audit(
            AuditEvent::new("indicator.period", INDICATOR, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "period": pid, "start_on": day(start), "end_on": day(end), "target": target.map(|t| t.to_string()) })),
        )
        .await?;
        tx.commit().await?;
        Ok(pid)
    }

    /// Enters an actual (a draft) for a period: the total, or one slice of the disaggregation model.
    pub async fn add_indicator_actual(
        &self,
        caller: &Caller,
        id: i64,
        input: &ActualInput,
    ) -> Result<i64, AppError> {
        let l = self.load_indicator(caller, id, Action::Write).await?;
        if l.row.source != "entered" {
            return Err(invalid("period", "this indicator is computed live from Praxis data"));
        }
        let period = l
            .periods
            .iter()
            .find(|p| p.id == input.period)
            .ok_or_else(|| invalid("period", "not a period of this indicator"))?;
        let measure = Measure::parse(&l.row.measure).unwrap_or(Measure::Count);
        let v = nonempty(&input.value).map(|v| value("value", v)).transpose()?;
        match (measure, v) {
            (Measure::Qualitative, Some(_)) => {
                return Err(invalid("value", "a qualitative indicator has no value: write the comment"))
            }
            (Measure::Qualitative, None) if input.comment.trim().is_empty() => {
                return Err(invalid("comment", "is required"))
            }
            (Measure::Count | Measure::Percentage, None) => return Err(invalid("value", "is required")),
            (Measure::Count, Some(v)) if v.as_count().is_none() => {
                return Err(invalid("value", "a count is a whole number, not negative"))
            }
            _ => {}
        }
        let (model_id, key) = if input.categories.trim().is_empty() {
            (None, String::new())
        } else {
            let m = l
                .model
                .as_ref()
                .ok_or_else(|| invalid("categories", "this indicator has no disaggregation model"))?;
            let engine = engine_model(m).ok_or_else(|| invalid("categories", "the model cannot be read"))?;
            (Some(m.id), key_text(&key_of(&engine, &input.categories)?))
        };
        if l.actuals.iter().any(|(a, _, _)| a.period_id == period.id && a.category_key == key) {
            return Err(invalid(
                "categories",
                "this period already has an actual for these categories: edit it",
            ));
        }
        let comment = text("comment", &input.comment, 0, 2000, true)?;
        let mut tx = self.store.begin_write().await?;
        let aid = tx
            .insert_indicator_actual(
                period.id,
                model_id,
                &key,
                v.map(|v| v.milli()),
                &comment,
                caller.user_id().map(UserId),
            )
            .await?;
        tx.audit(
            AuditEvent::new("indicator.actual", INDICATOR, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "actual": aid, "period": period.id, "categories": key, "value": v.map(|v| v.to_string()) })),
        )
        .await?;
        tx.commit().await?;
        Ok(aid)
    }

    fn find_actual(l: &Loaded, actual: i64) -> Result<&(ActualRow, Actual, Vec<StepRow>), AppError> {
        l.actuals.iter().find(|(a, _, _)| a.id == actual).ok_or(AppError::NotFound("actual"))
    }

    /// Changes the value of a draft or returned actual.
    pub async fn edit_indicator_actual(
        &self,
        caller: &Caller,
        id: i64,
        actual: i64,
        input: &ActualEditInput,
    ) -> Result<(), AppError> {
        let l = self.load_indicator(caller, id, Action::Write).await?;
        let (row, engine, _) = Self::find_actual(&l, actual)?;
        let measure = Measure::parse(&l.row.measure).unwrap_or(Measure::Count);
        let v = nonempty(&input.value).map(|v| value("value", v)).transpose()?;
        match (measure, v) {
            (Measure::Qualitative, Some(_)) => {
                return Err(invalid("value", "a qualitative indicator has no value: write the comment"))
            }
            (Measure::Count | Measure::Percentage, None) => return Err(invalid("value", "is required")),
            (Measure::Count, Some(v)) if v.as_count().is_none() => {
                return Err(invalid("value", "a count is a whole number, not negative"))
            }
            _ => {}
        }
        let comment = text("comment", &input.comment, 0, 2000, true)?;
        let mut e = engine.clone();
        e.edit(v, &comment).map_err(workflow_error)?;
        let mut tx = self.store.begin_write().await?;
        tx.update_indicator_actual(row.id, v.map(|v| v.milli()), &comment).await?;
        tx.audit(
            AuditEvent::new("indicator.actual_edit", INDICATOR, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "actual": row.id, "from": row.value_milli.map(|m| Value::from_milli(m).to_string()), "to": v.map(|v| v.to_string()) })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves an actual along its workflow: submit, return (with the reason) or approve (not by
    /// the person who submitted it).
    pub async fn move_indicator_actual(
        &self,
        caller: &Caller,
        id: i64,
        actual: i64,
        input: &WorkflowInput,
    ) -> Result<String, AppError> {
        let l = self.load_indicator(caller, id, Action::Write).await?;
        let (row, engine, _) = Self::find_actual(&l, actual)?;
        let action = action_of(input.action.trim()).ok_or_else(|| {
            invalid("action", format!("{:?} is not one of {}", input.action.trim(), ACTIONS.join(", ")))
        })?;
        let note = text("note", &input.note, 0, 2000, true)?;
        let on = today();
        let mut e = engine.clone();
        e.apply(action, &caller_name(caller), on, &note).map_err(workflow_error)?;
        let mut tx = self.store.begin_write().await?;
        tx.insert_indicator_step(row.id, input.action.trim(), &note, &day(on), caller.user_id().map(UserId))
            .await?;
        tx.audit(
            AuditEvent::new("indicator.workflow", INDICATOR, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "actual": row.id, "from": engine.status().code(), "to": e.status().code() })),
        )
        .await?;
        tx.commit().await?;
        Ok(e.status().code().into())
    }

    // ------------------------------------------------------------------ exports

    /// The readable indicators, loaded.
    async fn readable_indicators(&self, caller: &Caller) -> Result<Vec<Loaded>, AppError> {
        let mut out = Vec::new();
        for row in self.store.list_indicators().await? {
            let record = Self::programme_record(row.owner_org, row.country.as_deref());
            if decide(caller, Action::Read, &record).allowed {
                out.push(self.load_rest(row, record).await?);
            }
        }
        Ok(out)
    }

    /// The actuals of one indicator as CSV (`praxis_programme::tables::actuals_csv`), every status.
    pub async fn indicator_actuals_csv(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<(String, Vec<u8>), AppError> {
        let l = self.load_indicator(caller, id, Action::Read).await?;
        let mut out = Vec::new();
        praxis_programme::tables::actuals_csv(&l.row.code, &l.engine_actuals(), &mut out)
            .map_err(|e| AppError::invalid("indicator", "export", e.to_string()))?;
        Ok((format!("indicator-{}-actuals.csv", l.row.code), out))
    }

    /// The reference sheets the caller may read as CSV (`tables::indicators_csv`).
    pub async fn indicators_csv(&self, caller: &Caller) -> Result<(String, Vec<u8>), AppError> {
        Self::programme_gate(caller, Action::Read)?;
        let sheets: Vec<_> = self
            .readable_indicators(caller)
            .await?
            .iter()
            .map(|l| (sheet_of(&l.row, l.model.as_ref()), l.row.country.clone(), l.row.source.clone()))
            .collect();
        let mut out = Vec::new();
        praxis_programme::tables::indicators_csv(&sheets, &mut out)
            .map_err(|e| AppError::invalid("indicators", "export", e.to_string()))?;
        Ok(("indicators.csv".into(), out))
    }

    /// HXL CSV of the approved actuals of count indicators (long format: the total and each
    /// single-dimension category per period), counts below `hxl::DEFAULT_THRESHOLD` suppressed
    /// with complementary suppression where categories add up to the total.
    pub async fn indicators_hxl(&self, caller: &Caller) -> Result<(String, Vec<u8>), AppError> {
        Self::programme_gate(caller, Action::Read)?;
        let col = |h: &str, t: &str, count: bool| {
            if count { Column::count(h, t) } else { Column::key(h, t) }
                .map_err(|e| AppError::invalid("hxl", "export", e.to_string()))
        };
        let mut table = Table::new(vec![
            col("Country", "#country+code", false)?,
            col("Indicator code", "#indicator+code", false)?,
            col("Indicator", "#indicator+name", false)?,
            col("Period start", "#date+start", false)?,
            col("Period end", "#date+end", false)?,
            col("Dimension", "#meta+dimension", false)?,
            col("Category", "#meta+category", false)?,
            col("Value", "#indicator+value+num", true)?,
        ]);
        let mut relations: Vec<(usize, Vec<usize>)> = Vec::new();
        for l in self.readable_indicators(caller).await? {
            if l.row.measure != "count" || l.row.source != "entered" {
                continue;
            }
            let country = l
                .row
                .country
                .as_deref()
                .and_then(|c| Jurisdiction::parse(c).ok())
                .map(|j| hxl::country_alpha3(&j))
                .unwrap_or_default();
            for p in &l.periods {
                let Some(period) = period_of(p) else { continue };
                let approved: Vec<(&ActualRow, u64)> = l
                    .actuals
                    .iter()
                    .filter(|(a, e, _)| a.period_id == p.id && e.status() == ActualStatus::Approved)
                    .filter(|(a, _, _)| !a.category_key.contains(' '))
                    .filter_map(|(a, e, _)| Some((a, e.value()?.as_count()?)))
                    .collect();
                let Some((_, total)) = approved.iter().find(|(a, _)| a.category_key.is_empty()).copied()
                else {
                    continue;
                };
                let mut push = |dim: &str, cat: &str, n: u64| -> Result<usize, AppError> {
                    let row = vec![
                        Cell::text(country.clone()),
                        Cell::text(l.row.code.clone()),
                        Cell::text(l.row.title.clone()),
                        Cell::text(day(period.start())),
                        Cell::text(day(period.last_day())),
                        Cell::text(dim),
                        Cell::text(cat),
                        Cell::Count(n),
                    ];
                    table.push_row(row).map_err(|e| AppError::invalid("hxl", "export", e.to_string()))?;
                    Ok(table.rows().len() - 1)
                };
                let total_row = push("", "total", total)?;
                let mut by_dim: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
                for (a, n) in approved.iter().filter(|(a, _)| !a.category_key.is_empty()) {
                    if let Some((d, c)) = a.category_key.split_once('=') {
                        by_dim.entry(d.to_owned()).or_default().push((c.to_owned(), *n));
                    }
                }
                for (d, cats) in by_dim {
                    let sum: u64 = cats.iter().map(|(_, n)| n).sum();
                    let mut rows = Vec::new();
                    for (c, n) in &cats {
                        rows.push(push(&d, c, *n)?);
                    }
                    if sum == total && !rows.is_empty() {
                        relations.push((total_row, rows));
                    }
                }
            }
        }
        for (total, parts) in relations {
            table.rows_sum(total, &parts).map_err(|e| AppError::invalid("hxl", "export", e.to_string()))?;
        }
        let csv = table
            .suppress(hxl::DEFAULT_THRESHOLD)
            .and_then(|s| s.to_csv_string())
            .map_err(|e| AppError::invalid("hxl", "export", e.to_string()))?;
        Ok(("indicators-hxl.csv".into(), csv.into_bytes()))
    }

    /// IATI 2.03 activity XML of the activities the caller may read, each with results built
    /// from its indicators: baselines, periods, targets and approved actuals only, small counts
    /// suppressed and small disaggregations aggregated upward (`iati::indicator_from`).
    pub async fn indicators_iati(&self, caller: &Caller) -> Result<(String, Vec<u8>), AppError> {
        Self::programme_gate(caller, Action::Read)?;
        let orgs = self.names_of_orgs().await?;
        let indicators = self.readable_indicators(caller).await?;
        let mut activities = Vec::new();
        for a in self.store.list_programme_activities().await? {
            if !decide(caller, Action::Read, &Self::programme_record(a.owner_org, a.country.as_deref()))
                .allowed
            {
                continue;
            }
            let mine: Vec<&Loaded> = indicators.iter().filter(|l| l.row.activity_id == Some(a.id)).collect();
            activities.push(iati_activity(&a, &mine, &orgs));
        }
        if activities.is_empty() {
            return Err(AppError::NotFound("programme activity to publish"));
        }
        let xml = iati::activities_to_string(&activities, OffsetDateTime::now_utc())
            .map_err(|e| invalid("activities", e.to_string()))?;
        Ok(("praxis-iati-activities.xml".into(), xml.into_bytes()))
    }
}

fn iati_activity(a: &ActivityRow, indicators: &[&Loaded], orgs: &HashMap<OrgId, String>) -> iati::Activity {
    use iati::{ActivityStatus as S, DateType, Text};
    let status = match a.status.as_str() {
        "pipeline" => S::Pipeline,
        "finalisation" => S::Finalisation,
        "closed" => S::Closed,
        "cancelled" => S::Cancelled,
        "suspended" => S::Suspended,
        _ => S::Implementation,
    };
    let start = stored_date(&a.start_on);
    let end = a.end_on.as_deref().map(stored_date);
    let mut dates =
        vec![(if status == S::Pipeline { DateType::PlannedStart } else { DateType::ActualStart }, start)];
    if let Some(e) = end {
        dates.push((if status == S::Closed { DateType::ActualEnd } else { DateType::PlannedEnd }, e));
    }
    let owner = orgs.get(&a.owner_org).cloned().unwrap_or_else(|| a.reporting_org.clone());
    let budgets = match (a.budget_minor, a.currency.as_deref().and_then(|c| Currency::parse(c).ok()), end) {
        (Some(m), Some(c), Some(e)) if (e - start).whole_days() <= 365 => vec![iati::Budget {
            kind: iati::BudgetType::Original,
            start,
            end: e,
            value: Money::new(m, c),
            value_date: start,
        }],
        _ => vec![],
    };
    let mut results = Vec::new();
    for (level, kind) in [
        ("output", iati::ResultType::Output),
        ("outcome", iati::ResultType::Outcome),
        ("impact", iati::ResultType::Impact),
    ] {
        let inds: Vec<iati::Indicator> = indicators
            .iter()
            .filter(|l| l.row.result_level == level)
            .map(|l| {
                let sheet = sheet_of(&l.row, l.model.as_ref());
                let baselines = vec![Baseline {
                    date: stored_date(&l.row.baseline_on),
                    value: l.row.baseline_milli.map(Value::from_milli),
                    key: None,
                    comment: String::new(),
                }];
                let targets: Vec<Target> = l
                    .periods
                    .iter()
                    .filter_map(|p| {
                        Some(Target {
                            period: period_of(p)?,
                            value: p.target_milli.map(Value::from_milli),
                            key: None,
                            comment: p.target_comment.clone(),
                        })
                    })
                    .collect();
                iati::indicator_from(
                    &sheet,
                    &baselines,
                    &targets,
                    &l.engine_actuals(),
                    hxl::DEFAULT_THRESHOLD,
                )
            })
            .collect();
        if !inds.is_empty() {
            let word = match level {
                "output" => "Outputs",
                "outcome" => "Outcomes",
                _ => "Impact",
            };
            results.push(iati::ActivityResult {
                kind,
                aggregation_status: None,
                title: Text::plain(format!("{word}: {}", a.title)),
                description: None,
                references: vec![],
                indicators: inds,
            });
        }
    }
    iati::Activity {
        identifier: a.identifier.clone(),
        reporting_org: iati::ReportingOrg {
            reference: a.reporting_org.clone(),
            org_type: "40".into(),
            name: Text::plain(owner.clone()),
        },
        default_lang: Some("en".into()),
        default_currency: a.currency.as_deref().and_then(|c| Currency::parse(c).ok()),
        last_updated: None,
        hierarchy: None,
        title: Text::plain(a.title.clone()),
        descriptions: vec![(iati::DescriptionType::General, Text::plain(a.description.clone()))],
        participating_orgs: vec![iati::ParticipatingOrg {
            role: iati::OrgRole::Implementing,
            reference: None,
            org_type: None,
            name: Text::plain(owner),
        }],
        status,
        dates,
        scope: Some(if a.country.is_some() {
            iati::ActivityScope::National
        } else {
            iati::ActivityScope::Regional
        }),
        recipient_countries: a
            .country
            .as_deref()
            .and_then(|c| Jurisdiction::parse(c).ok())
            .map(|c| vec![iati::RecipientCountry { country: c, percentage: None }])
            .unwrap_or_default(),
        locations: iati_location(a).into_iter().collect(),
        sectors: vec![iati::Sector { vocabulary: "1".into(), code: "15190".into(), percentage: None }],
        tags: vec![],
        policy_markers: vec![],
        collaboration_type: None,
        default_flow_type: None,
        default_finance_type: None,
        default_aid_type: None,
        budgets,
        transactions: vec![],
        document_links: vec![],
        related: vec![],
        results,
    }
}

/// The activity's location, when recorded: its place and sub-national area by name (IATI
/// location reach 1, the activity happens there; class 2 populated place or 1 region).
fn iati_location(a: &ActivityRow) -> Option<iati::Location> {
    let area = country_name(&a.area);
    let name =
        [Some(a.place.clone()).filter(|p| !p.is_empty()), area].into_iter().flatten().collect::<Vec<_>>();
    if name.is_empty() {
        return None;
    }
    Some(iati::Location {
        reference: format!("{}-LOC-1", a.identifier),
        reach: Some(1),
        name: Some(iati::Text::plain(name.join(", "))),
        administrative: vec![],
        point: None,
        exactness: Some(2),
        class: Some(if a.place.is_empty() { 1 } else { 2 }),
    })
}

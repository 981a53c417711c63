//! Entity resolution in the platform: an analyst uploads a list (or two) of people,
//! organisations, accounts or phones, says which column plays which role, and Praxis proposes the
//! records that are the same entity — with, for every pair, which fields agreed, how closely and
//! with what weight. The run is a job (followed with its progress); analysts confirm or reject
//! proposed pairs, and their judgements, kept per collection, are respected by every later run on
//! it: a rejected pair is never a match again, a confirmed pair always is (and joins its cluster).
//!
//! The lists are investigative records of the uploader's organisation (`RecordKind::Case`):
//! members with an investigative role read and run them; nobody else sees that they exist. The
//! engine is `praxis_match`; reading the CSV text is done here, whole or not at all: a missing
//! column, an unreadable row, an empty or repeated id refuses the upload with every line and
//! field named. Values that cannot be used (a phone number that is not one) do not refuse it: the
//! record is used without them and the run lists them.

use std::collections::{BTreeMap, HashMap};

use praxis_match::explain::explain;
use praxis_match::{Dataset, LinkOptions, Linkage, Record, RecordOptions, Role, Verdict};
use praxis_model::OrgId;
use praxis_store::{AuditEvent, MatchPairRow, MatchRunRow, NewMatchJudgement, NewMatchRun};
use serde::{Deserialize, Serialize};

use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::validate::text;
use crate::{App, AppError};

pub const RUN: &str = "match_run";
/// An uploaded list may hold this many bytes.
pub const MAX_LIST_BYTES: usize = 20 * 1024 * 1024;
/// Pairs below this probability are counted but not kept for review (unless confirmed).
const REVIEW_FLOOR: f64 = 0.2;
/// Problems listed when an upload is refused or values are set aside.
pub(crate) const LIST_AT_MOST: usize = 200;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MatchRunInput {
    pub title: String,
    /// The name of the lists the judgements belong to (defaults to the title).
    #[serde(default)]
    pub collection: String,
    /// `dedupe` (one list) or `link` (two).
    pub kind: String,
    /// The column holding each record's id.
    pub id_column: String,
    /// `role=column` pairs, separated by commas or new lines (`full_name=name, phone=mobile`).
    pub mapping: String,
    /// The match probability at or above which a pair is a match (default 0.5, fixed in advance).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Region phone numbers without a country code are read in (ISO 3166-1, default PK).
    #[serde(default)]
    pub phone_region: Option<String>,
    pub left_csv: String,
    #[serde(default)]
    pub right_csv: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunSummary {
    pub id: i64,
    pub title: String,
    pub collection: String,
    pub kind: String,
    pub status: String,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
    pub threshold: f64,
    /// What the run found, or why it failed.
    pub outcome: RunOutcome,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunOutcome {
    pub left_records: usize,
    pub right_records: usize,
    pub candidate_pairs: u64,
    /// Pairs per blocking rule, as the engine reports them.
    pub blocking: Vec<(String, u64)>,
    pub matches: usize,
    pub clusters_of_more_than_one: usize,
    pub confirmed: usize,
    pub rejected: usize,
    /// Values set aside, with their line and field.
    pub value_problems: Vec<String>,
    pub failure: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldView {
    pub field: String,
    pub level: String,
    pub similarity: Option<f64>,
    /// Weight in bits: positive for agreement, negative for disagreement.
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairView {
    pub left_id: String,
    pub right_id: String,
    pub score: f64,
    pub is_match: bool,
    pub cluster: String,
    pub explanation: Vec<FieldView>,
    /// The analysts' verdict, if any: `confirmed` or `rejected`.
    pub verdict: Option<String>,
    pub verdict_note: String,
    pub verdict_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunView {
    #[serde(flatten)]
    pub summary: RunSummary,
    pub mapping: String,
    pub id_column: String,
    pub pairs: Vec<PairView>,
    /// Clusters of more than one record: (cluster name, record ids).
    pub clusters: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct JudgementInput {
    pub left_id: String,
    pub right_id: String,
    /// `confirmed` or `rejected`.
    pub verdict: String,
    #[serde(default)]
    pub note: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, "invalid", message)
}

fn run_record(owner: OrgId) -> RecordRef {
    RecordRef::new(RecordKind::Case, Some(owner))
}

/// `role=column` pairs, by commas or new lines.
pub(crate) fn parse_mapping(s: &str) -> Result<Vec<(Role, String)>, AppError> {
    let mut map = Vec::new();
    for part in s.split([',', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let (role, column) =
            part.split_once('=').ok_or_else(|| invalid("mapping", format!("`{part}` is not role=column")))?;
        let role: Role = role.trim().parse().map_err(|_| {
            let known: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
            invalid("mapping", format!("`{}` is not a role (one of {})", role.trim(), known.join(", ")))
        })?;
        let column = column.trim();
        if column.is_empty() {
            return Err(invalid("mapping", format!("no column for {}", role.name())));
        }
        map.push((role, column.to_owned()));
    }
    if map.is_empty() {
        return Err(invalid("mapping", "say which column plays which role, e.g. full_name=name"));
    }
    Ok(map)
}

/// One list read whole: its records and roles, or every problem that refuses it.
struct List {
    records: Vec<Record>,
    roles: Vec<Role>,
    value_problems: Vec<String>,
}

fn read_list(
    which: &str,
    csv_text: &str,
    id_column: &str,
    map: &[(Role, String)],
    options: &RecordOptions,
) -> Result<List, Vec<String>> {
    let rows = read_rows(which, csv_text, id_column, map, |id, values| Record::build(id, values, options))?;
    let mut roles: Vec<Role> = map.iter().map(|(r, _)| *r).collect();
    roles.sort_unstable();
    roles.dedup();
    Ok(List {
        records: rows.items.into_iter().map(|(r, _)| r).collect(),
        roles,
        value_problems: rows.value_problems,
    })
}

/// The rows of a CSV list read whole, each built by the caller from its id and values by role.
pub(crate) struct Rows<T> {
    /// Each built row with the line it came from.
    pub items: Vec<(T, u64)>,
    /// Values set aside, with their line and field.
    pub value_problems: Vec<String>,
}

/// Reads a CSV list whole: a missing column, an unreadable row, an empty or repeated id refuses
/// it with every line and field named. `build` makes a row from its id and values by role and
/// names the values it could not use (kept as value problems, with their line and field).
pub(crate) fn read_rows<T>(
    which: &str,
    csv_text: &str,
    id_column: &str,
    map: &[(Role, String)],
    mut build: impl FnMut(&str, &[(Role, &str)]) -> (T, Vec<praxis_match::record::FieldProblem>),
) -> Result<Rows<T>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(csv_text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![format!("{which}, line 1: the header cannot be read: {e}")]),
    };
    let find = |name: &str| headers.iter().position(|h| h.trim() == name);
    let mut errors = Vec::new();
    let id_col = find(id_column);
    if id_col.is_none() {
        errors.push(format!("{which}, line 1, field {id_column}: no such column (the id column)"));
    }
    let mut mapped = Vec::new();
    for (role, column) in map {
        match find(column) {
            Some(i) => mapped.push((*role, i)),
            None => {
                errors.push(format!("{which}, line 1, field {column}: no such column (for {})", role.name()))
            }
        }
    }
    if !errors.is_empty() {
        let known: Vec<&str> = headers.iter().collect();
        errors.push(format!("{which}: the columns are {}", known.join(", ")));
        return Err(errors);
    }
    let id_col = id_col.expect("checked above");
    let mut items = Vec::new();
    let mut value_problems = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(format!("{which}, line {line}: {e}"));
                if errors.len() >= LIST_AT_MOST {
                    break;
                }
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        let id = row[id_col].trim();
        if id.is_empty() {
            errors.push(format!("{which}, line {line}, field {}: the record id is empty", &headers[id_col]));
            continue;
        }
        if let Some(first) = seen.insert(id.to_owned(), line) {
            errors.push(format!(
                "{which}, line {line}, field {}: the id {id:?} is already on line {first}",
                &headers[id_col]
            ));
            continue;
        }
        let values: Vec<(Role, &str)> = mapped.iter().map(|(r, c)| (*r, &row[*c])).collect();
        let (item, problems) = build(id, &values);
        for p in problems {
            if value_problems.len() < LIST_AT_MOST {
                value_problems.push(format!(
                    "{which}, line {line}, field {}: {}",
                    &headers[mapped[p.index].1], p.message
                ));
            }
        }
        items.push((item, line));
    }
    if items.is_empty() && errors.is_empty() {
        errors.push(format!("{which}: no records after the header"));
    }
    if errors.is_empty() {
        Ok(Rows { items, value_problems })
    } else {
        Err(errors)
    }
}

/// The pair as stored: left and right ids in the order of the run (a dedupe: the smaller first).
type Key = (String, String);

fn explanation_of(l: &Linkage, a: &Record, b: &Record) -> (f64, Vec<FieldView>) {
    let e = explain(&l.model, a, b);
    let fields = e
        .fields
        .iter()
        .map(|f| FieldView {
            field: f.field.to_string(),
            level: f.level.to_owned(),
            similarity: f.similarity,
            weight: (f.weight * 100.0).round() / 100.0,
        })
        .collect();
    (e.probability(), fields)
}

/// Runs the engine and applies the judgements (the engine's [`Linkage::apply_judgements`]): the
/// pairs to store and the outcome.
fn resolve(
    left: &Dataset,
    right: Option<&Dataset>,
    threshold: f64,
    judgements: &BTreeMap<Key, String>,
    progress: &crate::jobs::Progress,
) -> (Vec<MatchPairRow>, RunOutcome) {
    let options = LinkOptions { threshold, ..LinkOptions::default() };
    progress.set(1, 4, "blocking, estimating the model, scoring");
    let mut l = match right {
        None => praxis_match::dedupe(left, &options),
        Some(r) => praxis_match::link(left, r, &options),
    };
    let right_ds = right.unwrap_or(left);
    let (lr, rr) = (left.records(), right_ds.records());
    progress.set(2, 4, "applying judgements");
    let verdicts: Vec<(String, String, Verdict)> = judgements
        .iter()
        .filter_map(|((a, b), v)| Some((a.clone(), b.clone(), Verdict::parse(v)?)))
        .collect();
    let applied = l.apply_judgements(left, right_ds, &verdicts);
    progress.set(3, 4, "explaining");
    // The pair as stored: a dedupe's ids in order, so that a judgement finds its pair again.
    let key = |a: &Record, b: &Record| -> Key {
        if right.is_none() && b.id() < a.id() {
            (b.id().to_owned(), a.id().to_owned())
        } else {
            (a.id().to_owned(), b.id().to_owned())
        }
    };
    let offset = if right.is_some() { lr.len() as u32 } else { 0 };
    let name = |i: u32| -> String {
        if i < offset || right.is_none() {
            lr[i as usize].id().to_owned()
        } else {
            rr[(i - offset) as usize].id().to_owned()
        }
    };
    let mut sizes: HashMap<u32, usize> = HashMap::new();
    for c in &l.clusters {
        *sizes.entry(*c).or_default() += 1;
    }
    let mut rows: BTreeMap<Key, MatchPairRow> = BTreeMap::new();
    for p in &l.pairs {
        let (a, b) = (&lr[p.a as usize], &rr[p.b as usize]);
        let k = key(a, b);
        if p.probability < REVIEW_FLOOR && !judgements.contains_key(&k) {
            continue;
        }
        let (_, fields) = explanation_of(&l, a, b);
        rows.insert(
            k.clone(),
            MatchPairRow {
                left_id: k.0,
                right_id: k.1,
                score_milli: (p.probability * 1000.0).round() as i64,
                is_match: p.is_match,
                cluster: if p.is_match { name(l.clusters[p.a as usize]) } else { String::new() },
                explanation: serde_json::to_string(&fields).unwrap_or_default(),
            },
        );
    }
    let outcome = RunOutcome {
        left_records: lr.len(),
        right_records: if right.is_some() { rr.len() } else { 0 },
        candidate_pairs: l.candidates.pairs.len() as u64,
        blocking: l.rule_reports.iter().map(|r| (r.rule.name().to_owned(), r.pairs)).collect(),
        matches: rows.values().filter(|r| r.is_match).count(),
        clusters_of_more_than_one: sizes.values().filter(|s| **s > 1).count(),
        confirmed: applied.confirmed,
        rejected: applied.rejected,
        value_problems: Vec::new(),
        failure: None,
    };
    progress.set(4, 4, "storing");
    (rows.into_values().collect(), outcome)
}

impl App {
    fn run_allowed(&self, caller: &Caller, owner: OrgId, action: Action) -> Result<(), AppError> {
        authorize(caller, action, &run_record(owner)).map(|_| ())
    }

    fn run_summary_of(row: &MatchRunRow) -> RunSummary {
        RunSummary {
            id: row.id,
            title: row.title.clone(),
            collection: row.collection.clone(),
            kind: row.kind.clone(),
            status: row.status.clone(),
            created_by_name: row.created_by_name.clone(),
            created_at: row.created_at,
            finished_at: row.finished_at,
            threshold: row.threshold_milli as f64 / 1000.0,
            outcome: serde_json::from_str(&row.summary).unwrap_or_default(),
        }
    }

    /// The runs the caller may read, newest first.
    pub async fn match_runs(&self, caller: &Caller) -> Result<Vec<RunSummary>, AppError> {
        Ok(self
            .store
            .list_match_runs()
            .await?
            .iter()
            .filter(|r| decide(caller, Action::Read, &run_record(r.owner_org)).allowed)
            .map(Self::run_summary_of)
            .collect())
    }

    /// Starts a run: reads the lists whole (refused with every problem named), records the run
    /// and starts the job. Returns the run's id and the job's.
    pub async fn start_match_run(
        &self,
        caller: &Caller,
        input: &MatchRunInput,
    ) -> Result<(i64, u64), AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("runs are started by a signed-in user".into()));
        };
        self.run_allowed(caller, actor.org.id, Action::Create)?;
        let title = text("title", &input.title, 1, 200, false)?;
        let collection = match text("collection", &input.collection, 0, 200, false)? {
            c if c.is_empty() => title.clone(),
            c => c,
        };
        let kind = input.kind.trim();
        if !matches!(kind, "dedupe" | "link") {
            return Err(invalid("kind", "dedupe (one list) or link (two lists)"));
        }
        let id_column = text("id_column", &input.id_column, 1, 100, false)?;
        let map = parse_mapping(&input.mapping)?;
        let threshold = input.threshold.unwrap_or(praxis_match::DEFAULT_MATCH_PROBABILITY);
        if !(0.01..=0.999).contains(&threshold) {
            return Err(invalid("threshold", "a probability between 0.01 and 0.999"));
        }
        let region = input.phone_region.as_deref().map(str::trim).filter(|r| !r.is_empty()).unwrap_or("PK");
        if region.len() != 2 || praxis_model::Jurisdiction::parse(region).is_err() {
            return Err(invalid("phone_region", format!("`{region}` is not an ISO 3166-1 country code")));
        }
        let right_csv = input.right_csv.as_deref().filter(|r| !r.trim().is_empty());
        match (kind, right_csv) {
            ("link", None) => return Err(invalid("right_csv", "a link needs a second list")),
            ("dedupe", Some(_)) => return Err(invalid("right_csv", "a dedupe takes one list")),
            _ => {}
        }
        for (field, csv) in [("left_csv", Some(input.left_csv.as_str())), ("right_csv", right_csv)] {
            if csv.is_some_and(|c| c.len() > MAX_LIST_BYTES) {
                return Err(invalid(field, format!("a list may hold at most {} MB", MAX_LIST_BYTES >> 20)));
            }
        }
        let options = RecordOptions { phone_region: region.to_ascii_uppercase(), ..RecordOptions::default() };
        let left_name = if kind == "link" { "left list" } else { "list" };
        let left = read_list(left_name, &input.left_csv, &id_column, &map, &options);
        let right = right_csv.map(|r| read_list("right list", r, &id_column, &map, &options)).transpose();
        let (left, right) = match (left, right) {
            (Ok(l), Ok(r)) => (l, r),
            (l, r) => {
                let mut errors = l.err().unwrap_or_default();
                errors.extend(r.err().unwrap_or_default());
                return Err(AppError::ImportRefused(errors));
            }
        };
        let mut value_problems = left.value_problems.clone();
        if let Some(r) = &right {
            value_problems.extend(r.value_problems.iter().cloned());
        }
        value_problems.truncate(LIST_AT_MOST);
        let left_ds =
            Dataset::new(left.records, &left.roles).map_err(|e| invalid("left_csv", e.to_string()))?;
        let right_ds = match right {
            Some(r) => {
                Some(Dataset::new(r.records, &r.roles).map_err(|e| invalid("right_csv", e.to_string()))?)
            }
            None => None,
        };

        let mapping = map.iter().map(|(r, c)| format!("{}={c}", r.name())).collect::<Vec<_>>().join("\n");
        let mut tx = self.store.begin_write().await?;
        let id = tx
            .insert_match_run(&NewMatchRun {
                owner_org: actor.org.id,
                created_by: Some(actor.user_id),
                title: title.clone(),
                collection: collection.clone(),
                kind: kind.to_owned(),
                id_column: id_column.clone(),
                mapping,
                threshold_milli: (threshold * 1000.0).round() as i64,
                phone_region: options.phone_region.clone(),
                left_csv: input.left_csv.clone(),
                right_csv: right_csv.map(str::to_owned),
            })
            .await?;
        tx.audit(AuditEvent::new("match.run.start", RUN, id).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({
                "kind": kind, "collection": collection,
                "left_records": left_ds.len(), "right_records": right_ds.as_ref().map(Dataset::len),
            }),
        ))
        .await?;
        tx.commit().await?;

        let judgements: BTreeMap<Key, String> = self
            .store
            .match_judgements(actor.org.id, &collection)
            .await?
            .into_iter()
            .map(|j| ((j.left_id, j.right_id), j.verdict))
            .collect();
        let (job, progress) = self.jobs.start(actor.user_id, "match", id);
        let jobs = self.jobs.clone();
        let store = self.store.clone();
        let by = (caller.user_id(), caller.org_id());
        tokio::spawn(async move {
            let computed = tokio::task::spawn_blocking(move || {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    resolve(&left_ds, right_ds.as_ref(), threshold, &judgements, &progress)
                }))
            })
            .await;
            let (status, pairs, mut outcome) = match computed {
                Ok(Ok((pairs, outcome))) => ("done", pairs, outcome),
                _ => (
                    "failed",
                    Vec::new(),
                    RunOutcome {
                        failure: Some("the run failed; the server log has the details".into()),
                        ..RunOutcome::default()
                    },
                ),
            };
            outcome.value_problems = value_problems;
            let summary = serde_json::to_string(&outcome).unwrap_or_else(|_| "{}".into());
            let written = async {
                let mut tx = store.begin_write().await?;
                tx.finish_match_run(id, status, &summary, &pairs).await?;
                tx.audit(
                    AuditEvent::new("match.run.finish", RUN, id)
                        .by(by.0, by.1)
                        .detail(serde_json::json!({ "status": status, "pairs": pairs.len() })),
                )
                .await?;
                tx.commit().await
            }
            .await;
            let state = match (written, status) {
                (Ok(()), "done") => crate::jobs::JobState::Stored { record: id },
                (Err(e), _) => {
                    tracing::error!(run = id, error = %e, "a match run could not be stored");
                    crate::jobs::JobState::Failed { message: "the run could not be stored".into() }
                }
                _ => crate::jobs::JobState::Failed { message: "the run failed".into() },
            };
            jobs.finish(job, state);
        });
        Ok((id, job))
    }

    /// A run with its pairs (strongest first, each with its explanation and any verdict) and its
    /// clusters of more than one record.
    pub async fn match_run(&self, caller: &Caller, id: i64) -> Result<RunView, AppError> {
        let row = self.store.get_match_run(id).await?.ok_or(AppError::NotFound("run"))?;
        self.run_allowed(caller, row.owner_org, Action::Read)?;
        let verdicts: HashMap<Key, (String, String, Option<String>)> = self
            .store
            .match_judgements(row.owner_org, &row.collection)
            .await?
            .into_iter()
            .map(|j| ((j.left_id, j.right_id), (j.verdict, j.note, j.judged_by_name)))
            .collect();
        let mut clusters: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let pairs: Vec<PairView> = self
            .store
            .match_pairs(id)
            .await?
            .into_iter()
            .map(|p| {
                if p.is_match {
                    let c = clusters.entry(p.cluster.clone()).or_default();
                    for r in [&p.left_id, &p.right_id] {
                        if !c.contains(r) {
                            c.push(r.clone());
                        }
                    }
                }
                let v = verdicts.get(&(p.left_id.clone(), p.right_id.clone()));
                PairView {
                    explanation: serde_json::from_str(&p.explanation).unwrap_or_default(),
                    score: p.score_milli as f64 / 1000.0,
                    is_match: p.is_match,
                    cluster: p.cluster,
                    verdict: v.map(|v| v.0.clone()),
                    verdict_note: v.map(|v| v.1.clone()).unwrap_or_default(),
                    verdict_by: v.and_then(|v| v.2.clone()),
                    left_id: p.left_id,
                    right_id: p.right_id,
                }
            })
            .collect();
        let clusters = clusters
            .into_iter()
            .map(|(k, mut v)| {
                v.sort();
                (k, v)
            })
            .collect();
        Ok(RunView {
            summary: Self::run_summary_of(&row),
            mapping: row.mapping.clone(),
            id_column: row.id_column.clone(),
            pairs,
            clusters,
        })
    }

    /// An analyst confirms or rejects a pair the run proposed. Stored for the run's collection
    /// (later runs respect it) and audited. Takes effect in the next run on the collection.
    pub async fn judge_match(
        &self,
        caller: &Caller,
        run_id: i64,
        input: &JudgementInput,
    ) -> Result<(), AppError> {
        let row = self.store.get_match_run(run_id).await?.ok_or(AppError::NotFound("run"))?;
        self.run_allowed(caller, row.owner_org, Action::Write)?;
        let verdict = input.verdict.trim();
        if !matches!(verdict, "confirmed" | "rejected") {
            return Err(invalid("verdict", "confirmed or rejected"));
        }
        let note = text("note", &input.note, 0, 2000, true)?;
        let pairs = self.store.match_pairs(run_id).await?;
        let (l, r) = (input.left_id.trim(), input.right_id.trim());
        if !pairs.iter().any(|p| p.left_id == l && p.right_id == r) {
            return Err(invalid("left_id", "this run proposed no such pair"));
        }
        let mut tx = self.store.begin_write().await?;
        tx.judge_match(&NewMatchJudgement {
            owner_org: row.owner_org,
            collection: row.collection.clone(),
            left_id: l.to_owned(),
            right_id: r.to_owned(),
            verdict: verdict.to_owned(),
            note,
            judged_by: caller.user_id().map(praxis_model::UserId),
        })
        .await?;
        tx.audit(AuditEvent::new("match.judge", RUN, run_id).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({ "collection": row.collection, "left": l, "right": r, "verdict": verdict }),
        ))
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Runs a run again on the same lists and settings, respecting the judgements made since
    /// (a new run; the old one stays as it was).
    pub async fn rerun_match(&self, caller: &Caller, id: i64) -> Result<(i64, u64), AppError> {
        let row = self.store.get_match_run(id).await?.ok_or(AppError::NotFound("run"))?;
        self.run_allowed(caller, row.owner_org, Action::Read)?;
        let (left_csv, right_csv) = self.store.match_run_input(id).await?.ok_or(AppError::NotFound("run"))?;
        let input = MatchRunInput {
            title: row.title,
            collection: row.collection,
            kind: row.kind,
            id_column: row.id_column,
            mapping: row.mapping,
            threshold: Some(row.threshold_milli as f64 / 1000.0),
            phone_region: Some(row.phone_region),
            left_csv,
            right_csv,
        };
        self.start_match_run(caller, &input).await
    }

    /// Whether a run exists and the caller may read it (for following its job).
    pub(crate) async fn match_run_readable(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        let row = self.store.get_match_run(id).await?.ok_or(AppError::NotFound("run"))?;
        self.run_allowed(caller, row.owner_org, Action::Read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_are_read_and_bad_roles_named() {
        let m = parse_mapping("full_name=name, phone=mobile\nphone=landline").unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m[2], (Role::Phone, "landline".to_owned()));
        let e = parse_mapping("nickname=x").unwrap_err().to_string();
        assert!(e.contains("nickname") && e.contains("full_name"), "{e}");
        assert!(parse_mapping(" , ").is_err());
    }

    #[test]
    fn a_list_is_refused_with_every_line_and_field_named() {
        let map = parse_mapping("full_name=name, phone=phone").unwrap();
        let options = RecordOptions::default();
        let e = read_list("list", "id,name\n1,Ali\n", "id", &map, &options).err().unwrap();
        assert!(e[0].contains("line 1, field phone"), "{e:?}");
        let e = read_list(
            "list",
            "id,name,phone\n1,Ali,0300\n,Bilal,0301\n1,Omar,0302\n2,Zia\n",
            "id",
            &map,
            &options,
        )
        .err()
        .unwrap();
        assert!(e.iter().any(|m| m.contains("line 3, field id: the record id is empty")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("line 4, field id: the id \"1\" is already on line 2")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("line 5")), "{e:?}");
        let ok = read_list("list", "id,name,phone\n1,Ali,not a phone\n", "id", &map, &options).ok().unwrap();
        assert_eq!(ok.records.len(), 1);
        assert!(ok.value_problems[0].contains("line 2, field phone"), "{:?}", ok.value_problems);
    }
}

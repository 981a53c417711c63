//! Financial flows in the platform: datasets of transactions owned by an organisation (an
//! investigative record: the owning organisation's investigative roles and those it is shared
//! with), traced, scanned and ranked with the flows engine.
//!
//! The received files are kept unaltered with their SHA-256; the transactions read from them are
//! stored normalised and loaded into the engine's in-memory graph on demand (a small cache keeps
//! the most recently used graphs).

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex};

use praxis_flows::batch::{merge, BadRows, Transaction};
use praxis_flows::rank::{rank, RankParams};
use praxis_flows::trace::{trace, Direction, Rule, Seed, TraceParams};
use praxis_flows::window::{format_timestamp, parse_timestamp, Window};
use praxis_flows::{Currency, TxGraph};
use praxis_model::OrgId;
use praxis_store::{AuditEvent, NewDataset};

use crate::auth::sha256_hex;
use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::{App, AppError};

/// Most recently used graphs kept in memory.
const GRAPH_CACHE: usize = 4;
/// Largest upload accepted, all files together.
pub const MAX_IMPORT_BYTES: usize = 256 << 20;

#[derive(Default)]
pub(crate) struct GraphCache {
    graphs: Mutex<Vec<(i64, Arc<TxGraph>)>>,
}

/// A file as received.
#[derive(Debug, Clone)]
pub struct UploadedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    pub name: String,
    /// `amlsim`, `csv` (with a built-in `profile`), `goaml` or `ftm`.
    pub format: String,
    /// For `csv`: bank-statement, transfer-list or hawala-ledger.
    pub profile: Option<String>,
    /// For a one-account statement: the statement's own account.
    pub account: Option<String>,
    /// Time zone of times written without one (`UTC`, `+05:00`, `Asia/Karachi`); default UTC.
    pub time_zone: Option<String>,
    pub files: Vec<UploadedFile>,
    pub skip_bad_rows: bool,
}

/// The formats the platform reads, for pickers.
pub const FORMATS: [(&str, &str); 6] = [
    ("amlsim", "AMLSim transactions.csv"),
    ("csv:bank-statement", "Bank statement (CSV: date, description, debit, credit, balance)"),
    ("csv:transfer-list", "Transfer list (CSV)"),
    ("csv:hawala-ledger", "Hawala ledger (CSV)"),
    ("goaml", "goAML report (XML)"),
    ("ftm", "FollowTheMoney entities (JSON lines)"),
];

#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportOutcome {
    pub dataset: i64,
    pub transactions: usize,
    pub duplicates: usize,
    /// Every row left out, as `file:line: field: message`.
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DatasetView {
    pub id: i64,
    pub name: String,
    pub owner_org: i64,
    pub format: String,
    pub created_by: i64,
    pub created_at: i64,
    pub transactions: i64,
    pub accounts: i64,
    pub first_at: Option<i64>,
    pub last_at: Option<i64>,
    pub currencies: String,
    pub skipped_rows: i64,
    pub duplicates: i64,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceView {
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
}

/// A trace as people type it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct TraceRequest {
    #[serde(default)]
    pub seeds: Vec<String>,
    #[serde(default)]
    pub seed_transactions: Vec<String>,
    /// forward (default) or backward.
    #[serde(default)]
    pub direction: Option<String>,
    /// fifo (default), lifo, libr, pro-rata, poison.
    #[serde(default)]
    pub rule: Option<String>,
    /// Window start (included) and end (excluded): a date or an RFC 3339 time.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub max_hops: Option<u32>,
    /// In the currency's units, e.g. "100.50".
    #[serde(default)]
    pub min_amount: Option<String>,
    #[serde(default)]
    pub stops: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TracedAccount {
    pub account: String,
    pub holder: String,
    pub hops: u32,
    /// Tainted amount received, as a decimal string in `currency`.
    pub amount: String,
    pub amount_minor: i64,
    pub remaining: Option<String>,
    pub first_arrival: Option<String>,
    pub path: Vec<String>,
    pub path_accounts: Vec<String>,
    pub seed: bool,
    pub stop: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TracedFlow {
    pub transaction: String,
    pub from: String,
    pub to: String,
    pub amount: String,
    pub amount_minor: i64,
    pub time: String,
    /// Hops from the seed of the paying account.
    pub from_hops: u32,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TraceView {
    pub rule: String,
    pub rule_description: String,
    pub direction: String,
    pub currency: Option<String>,
    pub seeds: Vec<String>,
    pub tainted_in: Vec<String>,
    pub tainted_remaining: Option<Vec<String>>,
    pub tainted_left_trace: Option<Vec<String>>,
    pub accounts: Vec<TracedAccount>,
    pub flows: Vec<TracedFlow>,
    pub elapsed_ms: f64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RankRow {
    pub rank: usize,
    pub account: String,
    pub holder: String,
    pub pagerank: f64,
    pub authority: f64,
    pub hub: f64,
    pub inflow: String,
    pub outflow: String,
    pub net: String,
    pub flow_through: String,
    pub transactions_in: u32,
    pub transactions_out: u32,
    pub counterparties_in: u32,
    pub counterparties_out: u32,
}

fn dataset_record(owner: OrgId) -> RecordRef {
    RecordRef::new(RecordKind::Case, Some(owner))
}

fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, "invalid", message)
}

fn parse_files(
    req: &ImportRequest,
    policy: BadRows,
) -> Result<(Vec<Transaction>, Vec<String>, usize), AppError> {
    use praxis_flows::import::{csv_profile, ftm, goaml, profile::Profile, Zone};
    let zone = match req.time_zone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
        Some(z) => Zone::parse(z).map_err(|e| invalid("time_zone", e))?,
        None => Zone::default(),
    };
    // "csv:bank-statement" is the picker's shorthand for format csv with that profile.
    let (format, profile_name) = match req.format.trim().to_ascii_lowercase().split_once(':') {
        Some((f, p)) => (f.to_owned(), Some(p.to_owned())),
        None => (req.format.trim().to_ascii_lowercase(), req.profile.clone()),
    };
    let profile = match format.as_str() {
        "csv" => {
            let name = profile_name.as_deref().map(str::trim).filter(|p| !p.is_empty()).ok_or_else(|| {
                invalid(
                    "profile",
                    "a CSV file needs a profile: bank-statement, transfer-list or hawala-ledger",
                )
            })?;
            let mut p = Profile::builtin(name)
                .ok_or_else(|| {
                    invalid(
                        "profile",
                        format!("`{name}` is not a profile (bank-statement, transfer-list, hawala-ledger)"),
                    )
                })?
                .map_err(|e| invalid("profile", e.to_string()))?;
            if let Some(a) = req.account.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                p.set_account(a).map_err(|e| invalid("account", e.message))?;
            }
            if p.needs_account() {
                return Err(invalid("account", "a bank statement needs the statement's own account number"));
            }
            if req.time_zone.is_some() {
                p.set_time_zone(zone);
            }
            Some(p)
        }
        "amlsim" | "goaml" | "ftm" => None,
        other => {
            return Err(invalid(
                "format",
                format!("`{other}` is not a format Praxis reads (amlsim, csv, goaml, ftm)"),
            ))
        }
    };
    let mut batches = Vec::new();
    let mut skipped = Vec::new();
    for f in &req.files {
        let bytes = f.bytes.as_slice();
        let batch = match (format.as_str(), &profile) {
            ("amlsim", _) => praxis_flows::import::amlsim::read(bytes, &f.name),
            ("goaml", _) => goaml::read(bytes, &f.name, zone),
            ("ftm", _) => ftm::read(bytes, &f.name, zone),
            (_, Some(p)) => match csv_profile::read(bytes, &f.name, p) {
                Ok(b) => Ok(b),
                Err(csv_profile::ReadError::Io(e)) => Err(e),
                Err(csv_profile::ReadError::Profile(e)) => return Err(invalid("profile", e.to_string())),
            },
            (_, None) => return Err(invalid("format", "unreadable format")),
        }
        .map_err(|e| invalid("files", format!("{}: {e}", f.name)))?;
        match batch.finish(policy) {
            Ok(b) => {
                skipped.extend(b.errors.iter().map(|d| d.to_string()));
                batches.push(b.transactions);
            }
            Err(refused) => {
                return Err(AppError::ImportRefused(refused.0.iter().map(|d| d.to_string()).collect()))
            }
        }
    }
    let has_ids = profile.as_ref().is_none_or(Profile::has_ids);
    let (txs, dups) = merge(batches, has_ids);
    Ok((txs, skipped, dups))
}

impl App {
    fn dataset_allowed(&self, caller: &Caller, owner: OrgId, action: Action) -> Result<(), AppError> {
        authorize(caller, action, &dataset_record(owner)).map(|_| ())
    }

    /// Reads uploaded files into a new dataset owned by the caller's organisation. All or nothing:
    /// a refused import writes nothing.
    pub async fn flows_import(&self, caller: &Caller, req: ImportRequest) -> Result<ImportOutcome, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("datasets are imported by a signed-in user".into()));
        };
        self.dataset_allowed(caller, actor.org.id, Action::Create)?;
        let name = req.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(invalid("name", "must be 1 to 200 characters"));
        }
        if req.files.is_empty() || req.files.iter().all(|f| f.bytes.is_empty()) {
            return Err(invalid("files", "choose at least one file"));
        }
        let total: usize = req.files.iter().map(|f| f.bytes.len()).sum();
        if total > MAX_IMPORT_BYTES {
            return Err(invalid(
                "files",
                format!("the files are larger than {} MiB together", MAX_IMPORT_BYTES >> 20),
            ));
        }
        let policy = if req.skip_bad_rows { BadRows::Skip } else { BadRows::Refuse };
        let parse_req = req.clone();
        let (txs, skipped, duplicates, gz) = tokio::task::spawn_blocking(move || -> Result<_, AppError> {
            let (txs, skipped, dups) = parse_files(&parse_req, policy)?;
            if txs.is_empty() {
                return Err(invalid("files", "no transaction could be read"));
            }
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            praxis_flows::normalised::write(&mut enc, &txs).map_err(|e| invalid("files", e.to_string()))?;
            let gz = enc.finish().map_err(|e| invalid("files", e.to_string()))?;
            Ok((txs, skipped, dups, gz))
        })
        .await
        .expect("import task")?;
        let mut accounts: Vec<&str> = txs.iter().flat_map(|t| [t.orig.as_str(), t.bene.as_str()]).collect();
        accounts.sort_unstable();
        accounts.dedup();
        let mut currencies: Vec<&str> = txs.iter().map(|t| t.currency.code()).collect();
        currencies.sort_unstable();
        currencies.dedup();
        let new = NewDataset {
            owner_org: actor.org.id,
            name: name.clone(),
            format: req.format.trim().to_ascii_lowercase(),
            created_by: actor.user_id,
            tx_count: txs.len() as i64,
            account_count: accounts.len() as i64,
            first_at: txs.iter().map(|t| t.timestamp).min(),
            last_at: txs.iter().map(|t| t.timestamp).max(),
            currencies: currencies.join(","),
            skipped_rows: skipped.len() as i64,
            duplicates: duplicates as i64,
            normalised_gz: gz,
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_dataset(&new).await?;
        for f in &req.files {
            tx.insert_source(id, &f.name, &sha256_hex(&f.bytes), &f.bytes).await?;
        }
        tx.audit(
            AuditEvent::new("flows.import", "flow_dataset", id).by(caller.user_id(), caller.org_id()).detail(serde_json::json!({
                "name": name, "format": new.format, "transactions": new.tx_count, "skipped": new.skipped_rows,
                "duplicates": new.duplicates,
                "files": req.files.iter().map(|f| serde_json::json!({"name": f.name, "sha256": sha256_hex(&f.bytes)})).collect::<Vec<_>>(),
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(ImportOutcome { dataset: id, transactions: txs.len(), duplicates, skipped })
    }

    /// Datasets the caller may see.
    pub async fn flows_datasets(&self, caller: &Caller) -> Result<Vec<DatasetView>, AppError> {
        let rows = self.store.list_datasets().await?;
        Ok(rows
            .into_iter()
            .filter(|d| decide(caller, Action::Read, &dataset_record(d.owner_org)).allowed)
            .map(|d| view(d, vec![]))
            .collect())
    }

    pub async fn flows_dataset(&self, caller: &Caller, id: i64) -> Result<DatasetView, AppError> {
        let d = self.store.get_dataset(id).await?.ok_or(AppError::NotFound("dataset"))?;
        self.dataset_allowed(caller, d.owner_org, Action::Read)?;
        let sources = self.store.dataset_sources(id).await?;
        Ok(view(
            d,
            sources
                .into_iter()
                .map(|s| SourceView { file_name: s.file_name, sha256: s.sha256, size_bytes: s.size_bytes })
                .collect(),
        ))
    }

    /// The dataset's graph, from the cache or the database.
    async fn graph(&self, caller: &Caller, id: i64) -> Result<Arc<TxGraph>, AppError> {
        let d = self.store.get_dataset(id).await?.ok_or(AppError::NotFound("dataset"))?;
        self.dataset_allowed(caller, d.owner_org, Action::Read)?;
        if let Some(g) = self
            .flows_cache
            .graphs
            .lock()
            .expect("cache")
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, g)| g.clone())
        {
            return Ok(g);
        }
        let gz = self.store.dataset_content(id).await?.ok_or(AppError::NotFound("dataset"))?;
        let g = tokio::task::spawn_blocking(move || -> Result<TxGraph, String> {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(gz.as_slice()).read_to_end(&mut text).map_err(|e| e.to_string())?;
            let txs = praxis_flows::normalised::read(text.as_slice())?;
            Ok(TxGraph::from_transactions(&txs))
        })
        .await
        .expect("load task")
        .map_err(|e| {
            AppError::Internal(praxis_store::StoreError::Backup(format!("dataset {id} is unreadable: {e}")))
        })?;
        let g = Arc::new(g);
        let mut cache = self.flows_cache.graphs.lock().expect("cache");
        cache.retain(|(k, _)| *k != id);
        cache.push((id, g.clone()));
        if cache.len() > GRAPH_CACHE {
            cache.remove(0);
        }
        Ok(g)
    }

    pub async fn flows_trace(
        &self,
        caller: &Caller,
        id: i64,
        req: &TraceRequest,
    ) -> Result<TraceView, AppError> {
        let g = self.graph(caller, id).await?;
        let params = trace_params(&g, req)?;
        let started = std::time::Instant::now();
        let r = trace(&g, &params).map_err(|e| invalid("seeds", e.to_string()))?;
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        let cur = r.currency.or_else(|| g.currencies().first().copied());
        let money = |m: i64| fmt_money(cur, m);
        let hops: HashMap<u32, u32> = r.accounts.iter().map(|a| (a.account, a.hops)).collect();
        let accounts = r
            .accounts
            .iter()
            .map(|x| TracedAccount {
                account: g.account_id(x.account).to_owned(),
                holder: g.holder(x.account).to_owned(),
                hops: x.hops,
                amount: money(x.received),
                amount_minor: x.received,
                remaining: x.remaining.map(money),
                first_arrival: (!x.is_seed).then(|| format_timestamp(x.first_arrival)),
                path: x.path.iter().map(|&t| g.tx_id(t).to_owned()).collect(),
                path_accounts: praxis_flows::trace::path_accounts(&g, &x.path, params.direction)
                    .iter()
                    .map(|&a| g.account_id(a).to_owned())
                    .collect::<Vec<_>>(),
                seed: x.is_seed,
                stop: x.is_stop,
            })
            .collect();
        let flows = r
            .flows
            .iter()
            .map(|f| TracedFlow {
                transaction: g.tx_id(f.tx).to_owned(),
                from: g.account_id(f.from).to_owned(),
                to: g.account_id(f.to).to_owned(),
                amount: money(f.amount),
                amount_minor: f.amount,
                time: format_timestamp(g.ts[f.tx as usize]),
                from_hops: hops.get(&f.from).copied().unwrap_or(0),
            })
            .collect();
        let poison = params.rule == Rule::Poison;
        Ok(TraceView {
            rule: params.rule.name().to_owned(),
            rule_description: params.rule.describe().to_owned(),
            direction: match params.direction {
                Direction::Forward => "forward".into(),
                Direction::Backward => "backward".into(),
            },
            currency: cur.map(|c| c.code().to_owned()),
            seeds: r.seeds.clone(),
            tainted_in: r.tainted_in.iter().map(|&m| money(m)).collect(),
            tainted_remaining: (!poison).then(|| r.remaining.iter().map(|&m| money(m)).collect()),
            tainted_left_trace: (!poison).then(|| r.exited.iter().map(|&m| money(m)).collect()),
            accounts,
            flows,
            elapsed_ms,
        })
    }

    /// Accounts ranked by `by` (pagerank, authority, hub, net, flow-through).
    pub async fn flows_rank(
        &self,
        caller: &Caller,
        id: i64,
        by: &str,
        top: usize,
    ) -> Result<Vec<RankRow>, AppError> {
        let g = self.graph(caller, id).await?;
        let by = by.trim().to_ascii_lowercase();
        if !matches!(by.as_str(), "pagerank" | "authority" | "hub" | "net" | "flow-through") {
            return Err(invalid(
                "by",
                format!("`{by}` is not a ranking (pagerank, authority, hub, net, flow-through)"),
            ));
        }
        let top = top.clamp(1, 1000);
        let rows = {
            let g = g.clone();
            tokio::task::spawn_blocking(move || rank(&g, &RankParams::default())).await.expect("rank task")
        };
        let key = |r: &praxis_flows::rank::AccountRank| match by.as_str() {
            "authority" => r.authority,
            "hub" => r.hub,
            "net" => r.net as f64,
            "flow-through" => r.flow_through as f64,
            _ => r.pagerank,
        };
        let mut order: Vec<&praxis_flows::rank::AccountRank> = rows.iter().collect();
        order.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.account.cmp(&b.account)));
        let cur = g.currencies().first().copied();
        Ok(order
            .into_iter()
            .take(top)
            .enumerate()
            .map(|(i, r)| RankRow {
                rank: i + 1,
                account: g.account_id(r.account).to_owned(),
                holder: g.holder(r.account).to_owned(),
                pagerank: r.pagerank,
                authority: r.authority,
                hub: r.hub,
                inflow: fmt_money(cur, r.inflow),
                outflow: fmt_money(cur, r.outflow),
                net: fmt_money(cur, r.net),
                flow_through: fmt_money(cur, r.flow_through),
                transactions_in: r.transactions_in,
                transactions_out: r.transactions_out,
                counterparties_in: r.counterparties_in,
                counterparties_out: r.counterparties_out,
            })
            .collect())
    }
}

fn view(d: praxis_store::DatasetRow, sources: Vec<SourceView>) -> DatasetView {
    DatasetView {
        id: d.id,
        name: d.name,
        owner_org: d.owner_org.0,
        format: d.format,
        created_by: d.created_by.0,
        created_at: d.created_at,
        transactions: d.tx_count,
        accounts: d.account_count,
        first_at: d.first_at,
        last_at: d.last_at,
        currencies: d.currencies,
        skipped_rows: d.skipped_rows,
        duplicates: d.duplicates,
        sources,
    }
}

fn fmt_money(cur: Option<Currency>, m: i64) -> String {
    cur.map_or_else(|| m.to_string(), |c| c.format(m))
}

fn trace_params(g: &TxGraph, req: &TraceRequest) -> Result<TraceParams, AppError> {
    let rule = match req.rule.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Rule::Fifo,
        Some(r) => Rule::parse(r).ok_or_else(|| {
            invalid("rule", format!("`{r}` is not a rule (fifo, lifo, libr, pro-rata, poison)"))
        })?,
    };
    let direction = match req.direction.as_deref().map(str::trim).unwrap_or("forward") {
        "" | "forward" => Direction::Forward,
        "backward" => Direction::Backward,
        other => return Err(invalid("direction", format!("`{other}` is neither forward nor backward"))),
    };
    let time = |field: &'static str, v: &Option<String>| -> Result<Option<i64>, AppError> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => parse_timestamp(s, time::UtcOffset::UTC).map(Some).ok_or_else(|| {
                invalid(field, format!("`{s}` is not a date or time (2017-01-31 or 2017-01-31T12:00:00Z)"))
            }),
        }
    };
    let window = Window::new(time("from", &req.from)?, time("to", &req.to)?);
    if let (Some(s), Some(e)) = (window.start, window.end) {
        if e <= s {
            return Err(invalid("to", "the window ends before it starts"));
        }
    }
    let max_hops = req.max_hops.unwrap_or(6);
    if !(1..=20).contains(&max_hops) {
        return Err(invalid("max_hops", "must be between 1 and 20"));
    }
    let min_amount = match req.min_amount.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 0,
        Some(s) => match g.currencies().first() {
            Some(c) => c.parse_amount(s).map_err(|e| invalid("min_amount", e.to_string()))?,
            None => 0,
        },
    };
    let split = |v: &[String]| -> Vec<String> {
        v.iter()
            .flat_map(|s| s.split([',', '\n']))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut seeds: Vec<Seed> = split(&req.seeds).into_iter().map(Seed::Account).collect();
    seeds.extend(split(&req.seed_transactions).into_iter().map(Seed::Transaction));
    if seeds.is_empty() {
        return Err(invalid("seeds", "give at least one seed account or transaction"));
    }
    for s in &seeds {
        let known = match s {
            Seed::Account(a) => g.account(a).is_some(),
            Seed::Transaction(t) => g.find_tx(t).is_some(),
        };
        if !known {
            let (Seed::Account(x) | Seed::Transaction(x)) = s;
            return Err(invalid("seeds", format!("`{x}` is not in this dataset")));
        }
    }
    Ok(TraceParams { seeds, direction, rule, window, max_hops, min_amount, stop_accounts: split(&req.stops) })
}

/// A detected pattern, as faces show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AlertView {
    pub typology: String,
    /// Indicator code of the reference notes (MS1, HT1…), when the typology is one.
    pub indicator: Option<String>,
    pub score: f64,
    pub rule: String,
    pub figures: Vec<(String, String)>,
    pub explanation: String,
    /// The input's transaction ids, in time order.
    pub transactions: Vec<String>,
    pub accounts: Vec<String>,
    /// The subgraph: (transaction, from, to, amount, time).
    pub edges: Vec<AlertEdge>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct AlertEdge {
    pub transaction: String,
    pub from: String,
    pub to: String,
    pub amount: String,
    pub time: String,
}

/// Scan settings people may change; everything else keeps the engine's documented defaults.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ScanRequest {
    /// Only these typologies (names as in the output); default all.
    #[serde(default)]
    pub typologies: Vec<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// Drop alerts scoring below this (0 to 1).
    #[serde(default)]
    pub min_score: Option<f64>,
    /// The reporting threshold for structuring, in the currency's units.
    #[serde(default)]
    pub structuring_threshold: Option<String>,
}

impl App {
    /// Starts a typology scan of a dataset as a job; answers with the job's number at once.
    pub async fn flows_scan(&self, caller: &Caller, id: i64, req: &ScanRequest) -> Result<u64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("scans are run by a signed-in user".into()));
        };
        let g = self.graph(caller, id).await?;
        let mut params = praxis_flows::scan::ScanParams::default();
        let mut typologies = Vec::new();
        for t in req.typologies.iter().flat_map(|t| t.split(',')).map(str::trim).filter(|t| !t.is_empty()) {
            typologies.push(
                praxis_flows::scan::Typology::parse(t)
                    .ok_or_else(|| invalid("typologies", format!("`{t}` is not a typology")))?,
            );
        }
        if !typologies.is_empty() {
            params.typologies = typologies;
        }
        let time = |field: &'static str, v: &Option<String>| -> Result<Option<i64>, AppError> {
            match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => parse_timestamp(s, time::UtcOffset::UTC)
                    .map(Some)
                    .ok_or_else(|| invalid(field, format!("`{s}` is not a date or time"))),
            }
        };
        params.window = Window::new(time("from", &req.from)?, time("to", &req.to)?);
        if let Some(m) = req.min_score {
            if !(0.0..=1.0).contains(&m) {
                return Err(invalid("min_score", "must be between 0 and 1"));
            }
            params.min_score = m;
        }
        if let Some(t) = req.structuring_threshold.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let c = g
                .currencies()
                .first()
                .copied()
                .ok_or_else(|| invalid("structuring_threshold", "no currency"))?;
            params.structuring_threshold =
                c.parse_amount(t).map_err(|e| invalid("structuring_threshold", e.to_string()))?;
        }
        let (job, progress) = self.jobs.start(actor.user_id, "scan", id);
        let jobs = self.jobs.clone();
        tokio::task::spawn_blocking(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scan_in_steps(&g, &params, &progress)
            }));
            let state = match result {
                Ok(alerts) => crate::jobs::JobState::Done { alerts },
                Err(_) => crate::jobs::JobState::Failed {
                    message: "the scan failed; the server log has the details".into(),
                },
            };
            jobs.finish(job, state);
        });
        Ok(job)
    }

    /// The strongest alerts of a dataset with the default settings, computed at once — for a case
    /// page. `None` when the dataset is too large to scan while a page waits (then the scan runs
    /// as a job from the dataset's page).
    pub(crate) async fn flows_alerts_now(
        &self,
        caller: &Caller,
        id: i64,
        top: usize,
    ) -> Result<Option<Vec<AlertView>>, AppError> {
        /// Transactions scanned while a page waits.
        const AT_ONCE: usize = 100_000;
        let g = self.graph(caller, id).await?;
        if g.tx_count() > AT_ONCE {
            return Ok(None);
        }
        let alerts = tokio::task::spawn_blocking(move || {
            scan_in_steps(&g, &praxis_flows::scan::ScanParams::default(), &crate::jobs::Progress::detached())
        })
        .await
        .map_err(|_| AppError::invalid("dataset", "scan", "the scan failed"))?;
        Ok(Some(alerts.into_iter().take(top).collect()))
    }

    /// A job of the caller's.
    pub async fn job(&self, caller: &Caller, id: u64) -> Result<crate::jobs::JobView, AppError> {
        match caller {
            Caller::User(a) => {
                let view = self.jobs.view(id, a.user_id)?;
                // What the job works on must still be readable by the asker (roles may have changed).
                if view.kind == "match" {
                    self.match_run_readable(caller, view.dataset).await?;
                } else if view.kind == "hit" {
                    self.hit_job_readable(caller, view.dataset)?;
                } else {
                    let d =
                        self.store.get_dataset(view.dataset).await?.ok_or(AppError::NotFound("dataset"))?;
                    self.dataset_allowed(caller, d.owner_org, Action::Read)?;
                }
                Ok(view)
            }
            Caller::Cli => Err(AppError::NotFound("job")),
        }
    }
}

/// Runs the scan one typology at a time so that the job can report how far it is.
fn scan_in_steps(
    g: &TxGraph,
    p: &praxis_flows::scan::ScanParams,
    progress: &crate::jobs::Progress,
) -> Vec<AlertView> {
    let wanted = p.typologies.clone();
    let mut alerts = Vec::new();
    for (i, t) in wanted.iter().enumerate() {
        progress.set(i, wanted.len(), t.name());
        let one = praxis_flows::scan::ScanParams { typologies: vec![*t], ..p.clone() };
        alerts.extend(praxis_flows::scan::scan(g, &one));
    }
    alerts.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.typology.cmp(&b.typology))
            .then(a.transactions.first().cmp(&b.transactions.first()))
    });
    let cur = g.currencies().first().copied();
    alerts
        .into_iter()
        .map(|a| AlertView {
            typology: a.typology.name().to_owned(),
            indicator: a.typology.indicator().map(str::to_owned),
            score: a.score,
            rule: a.rule.clone(),
            figures: a.figures.clone(),
            explanation: a.explanation.clone(),
            transactions: a.transactions.iter().map(|&t| g.tx_id(t).to_owned()).collect(),
            accounts: a.accounts.iter().map(|&x| g.account_id(x).to_owned()).collect(),
            edges: a
                .transactions
                .iter()
                .map(|&t| AlertEdge {
                    transaction: g.tx_id(t).to_owned(),
                    from: g.account_id(g.src[t as usize]).to_owned(),
                    to: g.account_id(g.dst[t as usize]).to_owned(),
                    amount: fmt_money(cur, g.amount[t as usize]),
                    time: format_timestamp(g.ts[t as usize]),
                })
                .collect(),
        })
        .collect()
}

//! `praxis flows scan`: typology detection, alerts as JSON lines.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use praxis_flows::scan::eval::{evaluate, read_amlsim_truth};
use praxis_flows::scan::{scan, Alert, ScanParams, Typology, DAY, HOUR};
use praxis_flows::window::Window;
use praxis_flows::{Currency, TxGraph};
use serde_json::json;

use super::input::{load_graph, parse_time, InputArgs};

/// Every threshold has the engine's default; durations take a unit (`30d`, `12h`, `90m`, `2w`;
/// a bare number is days); amounts are in the data's currency (`10000.00`).
#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write the alerts (JSON lines, highest score first) to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Only these typologies (repeat or comma-separate): fan_in, fan_out, cycle, scatter_gather,
    /// gather_scatter, pass_through, structuring, remittance_funnel (MS1), controller_account
    /// (HT1), pooled_wages (HT6), hawala_settlement (MS3). Default: all.
    #[arg(long = "typology", value_delimiter = ',')]
    typologies: Vec<String>,
    /// Start of the window scanned (included): a date or RFC 3339 time, UTC.
    #[arg(long)]
    from: Option<String>,
    /// End of the window scanned (excluded).
    #[arg(long)]
    to: Option<String>,
    /// Leave out alerts scoring below this (scores are in [0, 1); 0.04 is about 0.4 nats of
    /// evidence, what ordinary activity shows by chance).
    #[arg(long, default_value_t = 0.04)]
    min_score: f64,
    /// Write at most this many alerts (the highest scoring).
    #[arg(long)]
    top: Option<usize>,
    /// AMLSim ground truth (`alert_transactions.csv`): print recall per typology and precision
    /// among the top K alerts (K = number of laundering patterns) on standard error.
    #[arg(long)]
    truth: Option<PathBuf>,

    #[command(flatten)]
    t: Box<Thresholds>,
}

/// The thresholds, each with the engine's default (boxed: they are many).
#[derive(Debug, Args)]
struct Thresholds {
    /// Fan-in/out: the longest span of one fan. (Durations take a unit: 30d, 12h, 90m, 2w; a bare
    /// number is days. Amounts are in the data's currency.)
    #[arg(long, default_value = "540d", value_parser = duration)]
    fan_window: i64,
    /// Fan-in/out: the longest span of a burst of new counterparties (and at most half the data:
    /// a burst is judged against the account's activity outside it).
    #[arg(long, default_value = "90d", value_parser = duration)]
    fan_burst_window: i64,
    /// Fan-in/out: the fewest distinct counterparties.
    #[arg(long, default_value_t = 3)]
    fan_min_counterparties: usize,
    /// Fan-in/out: a counterparty is new (counts towards a fan) when all its dealings with the
    /// account are at most this many transactions within --fan-relationship-window, or each
    /// more than --fan-window after the one before (sporadic one-off dealings).
    #[arg(long, default_value_t = 3)]
    fan_max_repeat: usize,
    /// Fan-in/out: see --fan-max-repeat.
    #[arg(long, default_value = "30d", value_parser = duration)]
    fan_relationship_window: i64,
    /// Fan-in/out: new counterparties arriving within this of first arrival plus a whole number
    /// of intervals count as a regular cadence (about 3d for calendar-monthly payments).
    #[arg(long, default_value = "1d", value_parser = duration)]
    cadence_tolerance: i64,

    /// Cycles: the longest span of a cycle.
    #[arg(long, default_value = "30d", value_parser = duration)]
    cycle_window: i64,
    /// Cycles: the most hops.
    #[arg(long, default_value_t = 10)]
    cycle_max_hops: usize,
    /// Cycles: at most this many legs may be ordinary payments (the payer's schedule or a
    /// standing relationship).
    #[arg(long, default_value_t = 0)]
    cycle_max_standing_legs: usize,
    /// Cycles: an open chain of at least this many unexplained payments is reported as an
    /// unfinished cycle (0: off).
    #[arg(long, default_value_t = 4)]
    cycle_min_chain_hops: usize,
    /// Cycles: at most this many cycles examined per time slice.
    #[arg(long, default_value_t = 50_000)]
    cycle_max_per_slice: usize,
    /// Round-tripping: each hop's amount may fall by at most this fraction of the previous.
    #[arg(long, default_value_t = 0.2)]
    round_trip_tolerance: f64,

    /// Scatter-gather and gather-scatter: the longest span of the pattern.
    #[arg(long, default_value = "30d", value_parser = duration)]
    scatter_window: i64,
    /// Scatter-gather: the fewest intermediaries; gather-scatter: each side at least this less
    /// one, both together at least twice this less one.
    #[arg(long, default_value_t = 3)]
    scatter_min_branches: usize,
    /// An account making more unexplained payments than this within a pattern's window is an
    /// institution, not a conduit (not followed as intermediary, hub or cycle member).
    #[arg(long, default_value_t = 64)]
    conduit_max_payments: usize,

    /// Pass-through: money counts as passed on when it leaves within this dwell.
    #[arg(long, default_value = "2d", value_parser = duration)]
    pass_dwell: i64,
    /// Pass-through: the least share of a receipt that must leave within the dwell.
    #[arg(long, default_value_t = 0.9)]
    pass_min_ratio: f64,
    /// Pass-through: the fewest receipts passed on in one episode.
    #[arg(long, default_value_t = 3)]
    pass_min_passes: usize,
    /// Pass-through: the longest span of one episode.
    #[arg(long, default_value = "30d", value_parser = duration)]
    pass_window: i64,

    /// Structuring: the reporting threshold, in the data's currency.
    #[arg(long, default_value = "10000.00")]
    structuring_threshold: String,
    /// Structuring: amounts in [threshold × (1 − band), threshold) are just under it.
    #[arg(long, default_value_t = 0.1)]
    structuring_band: f64,
    /// Structuring: the fewest such transactions by (or into) one account within the window.
    #[arg(long, default_value_t = 3)]
    structuring_min_count: usize,
    /// Structuring: the window.
    #[arg(long, default_value = "7d", value_parser = duration)]
    structuring_window: i64,

    /// MS1: remittances at most this amount are small.
    #[arg(long, default_value = "1500.00")]
    remittance_max_amount: String,
    /// MS1: the fewest distinct, unrelated senders.
    #[arg(long, default_value_t = 5)]
    remittance_min_senders: usize,
    /// MS1: the window.
    #[arg(long, default_value = "30d", value_parser = duration)]
    remittance_window: i64,
    /// MS1: amounts within ± this fraction of their median are alike.
    #[arg(long, default_value_t = 0.25)]
    remittance_amount_spread: f64,

    /// HT1: the fewest distinct payers within the window.
    #[arg(long, default_value_t = 4)]
    controller_min_payers: usize,
    /// HT1: the window.
    #[arg(long, default_value = "30d", value_parser = duration)]
    controller_window: i64,
    /// HT1: money withdrawn within this counts as withdrawn fast.
    #[arg(long, default_value = "3d", value_parser = duration)]
    controller_dwell: i64,
    /// HT1: the least share withdrawn fast.
    #[arg(long, default_value_t = 0.8)]
    controller_min_withdrawn: f64,

    /// HT6: payments within this are on one pay date.
    #[arg(long, default_value = "1d", value_parser = duration)]
    wages_pay_interval: i64,
    /// HT6: the fewest alike payments from one payer on one pay date.
    #[arg(long, default_value_t = 3)]
    wages_min_workers: usize,
    /// HT6: the fewest pay dates.
    #[arg(long, default_value_t = 2)]
    wages_min_pay_dates: usize,
    /// HT6: wages within ± this fraction of their median are alike.
    #[arg(long, default_value_t = 0.15)]
    wages_amount_tolerance: f64,

    /// MS3: the settlement window.
    #[arg(long, default_value = "30d", value_parser = duration)]
    settlement_window: i64,
    /// MS3: the flows both ways offset to within this fraction of the larger.
    #[arg(long, default_value_t = 0.1)]
    settlement_tolerance: f64,
    /// MS3: the fewest transfers each way.
    #[arg(long, default_value_t = 2)]
    settlement_min_each_way: usize,
    /// MS3: the fewest distinct third-party depositors into one of the two accounts.
    #[arg(long, default_value_t = 5)]
    settlement_min_depositors: usize,
}

/// Parses a duration: `30d`, `12h`, `90m`, `45s`, `2w`; a bare number is days.
fn duration(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let (num, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, "d"),
    };
    let n: f64 = num.trim().parse().map_err(|_| format!("`{s}` is not a duration (e.g. 30d, 12h, 90m)"))?;
    let unit_ms = match unit.trim().to_ascii_lowercase().as_str() {
        "w" => 7 * DAY,
        "d" => DAY,
        "h" => HOUR,
        "m" | "min" => 60_000,
        "s" => 1_000,
        "ms" => 1,
        _ => return Err(format!("`{s}`: unknown unit `{unit}` (use w, d, h, m, s)")),
    };
    if !(n.is_finite() && n >= 0.0) {
        return Err(format!("`{s}` is not a duration"));
    }
    Ok((n * unit_ms as f64).round() as i64)
}

impl ScanArgs {
    fn params(&self, currency: Currency) -> anyhow::Result<ScanParams> {
        let amount = |flag: &str, v: &str| {
            currency
                .parse_amount(v)
                .with_context(|| format!("--{flag} {v}: not an amount in {}", currency.code()))
        };
        let mut typologies = Vec::new();
        for t in &self.typologies {
            match Typology::parse(t) {
                Some(x) => typologies.push(x),
                None => bail!(
                    "--typology {t}: not a typology (one of {})",
                    Typology::ALL.map(|t| t.name()).join(", ")
                ),
            }
        }
        if typologies.is_empty() {
            typologies = Typology::ALL.to_vec();
        }
        Ok(ScanParams {
            window: Window::new(
                self.from.as_deref().map(parse_time).transpose()?,
                self.to.as_deref().map(parse_time).transpose()?,
            ),
            typologies,
            min_score: self.min_score,
            fan_window: self.t.fan_window,
            fan_burst_window: self.t.fan_burst_window,
            fan_min_counterparties: self.t.fan_min_counterparties,
            fan_max_repeat: self.t.fan_max_repeat,
            fan_relationship_window: self.t.fan_relationship_window,
            cadence_tolerance: self.t.cadence_tolerance,
            cycle_window: self.t.cycle_window,
            cycle_max_hops: self.t.cycle_max_hops,
            cycle_max_standing_legs: self.t.cycle_max_standing_legs,
            cycle_min_chain_hops: self.t.cycle_min_chain_hops,
            cycle_max_per_slice: self.t.cycle_max_per_slice,
            round_trip_tolerance: self.t.round_trip_tolerance,
            scatter_window: self.t.scatter_window,
            scatter_min_branches: self.t.scatter_min_branches,
            conduit_max_payments: self.t.conduit_max_payments,
            pass_dwell: self.t.pass_dwell,
            pass_min_ratio: self.t.pass_min_ratio,
            pass_min_passes: self.t.pass_min_passes,
            pass_window: self.t.pass_window,
            structuring_threshold: amount("structuring-threshold", &self.t.structuring_threshold)?,
            structuring_band: self.t.structuring_band,
            structuring_min_count: self.t.structuring_min_count,
            structuring_window: self.t.structuring_window,
            remittance_max_amount: amount("remittance-max-amount", &self.t.remittance_max_amount)?,
            remittance_min_senders: self.t.remittance_min_senders,
            remittance_window: self.t.remittance_window,
            remittance_amount_spread: self.t.remittance_amount_spread,
            controller_min_payers: self.t.controller_min_payers,
            controller_window: self.t.controller_window,
            controller_dwell: self.t.controller_dwell,
            controller_min_withdrawn: self.t.controller_min_withdrawn,
            wages_pay_interval: self.t.wages_pay_interval,
            wages_min_workers: self.t.wages_min_workers,
            wages_min_pay_dates: self.t.wages_min_pay_dates,
            wages_amount_tolerance: self.t.wages_amount_tolerance,
            settlement_window: self.t.settlement_window,
            settlement_tolerance: self.t.settlement_tolerance,
            settlement_min_each_way: self.t.settlement_min_each_way,
            settlement_min_depositors: self.t.settlement_min_depositors,
        })
    }
}

/// One alert as a JSON object, keys in a fixed, readable order.
fn alert_json(g: &TxGraph, rank: usize, a: &Alert) -> anyhow::Result<String> {
    let figures: serde_json::Map<String, serde_json::Value> =
        a.figures.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    let fields: Vec<(&str, serde_json::Value)> = vec![
        ("rank", json!(rank)),
        ("typology", json!(a.typology.name())),
        ("indicator", json!(a.typology.indicator())),
        ("score", json!((a.score * 1e6).round() / 1e6)),
        ("rule", json!(a.rule)),
        ("explanation", json!(a.explanation)),
        ("accounts", json!(a.accounts.iter().map(|&x| g.account_id(x)).collect::<Vec<_>>())),
        ("transactions", json!(a.transactions.iter().map(|&t| g.tx_id(t)).collect::<Vec<_>>())),
        ("figures", serde_json::Value::Object(figures)),
    ];
    let mut line = String::from("{");
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&serde_json::to_string(k)?);
        line.push(':');
        line.push_str(&serde_json::to_string(v)?);
    }
    line.push('}');
    Ok(line)
}

pub(crate) fn run(a: ScanArgs) -> anyhow::Result<ExitCode> {
    let g = load_graph(&a.input)?;
    let currency = g.currencies().first().copied().unwrap_or(Currency::parse("USD").expect("USD"));
    let params = a.params(currency)?;
    let started = std::time::Instant::now();
    let alerts = scan(&g, &params);
    let elapsed = started.elapsed();
    let shown = a.top.map_or(alerts.len(), |n| n.min(alerts.len()));
    let sink: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    for (i, alert) in alerts.iter().take(shown).enumerate() {
        let line = alert_json(&g, i + 1, alert)?;
        if let Err(e) = writeln!(out, "{line}") {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r?,
    }
    let mut counts: Vec<(Typology, usize)> = Vec::new();
    for al in &alerts {
        match counts.iter_mut().find(|c| c.0 == al.typology) {
            Some(c) => c.1 += 1,
            None => counts.push((al.typology, 1)),
        }
    }
    counts.sort();
    eprintln!(
        "scanned {} transactions in {:.2} s: {} alert(s) ({}){}",
        g.tx_count(),
        elapsed.as_secs_f64(),
        alerts.len(),
        counts.iter().map(|(t, n)| format!("{} {n}", t.name())).collect::<Vec<_>>().join(", "),
        if shown < alerts.len() { format!("; wrote the top {shown}") } else { String::new() }
    );
    if let Some(path) = &a.truth {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let patterns = read_amlsim_truth(file, &g).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        eprint!("{}", evaluate(&alerts, &patterns).table());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        scan: ScanArgs,
    }

    #[test]
    fn option_defaults_are_the_engine_defaults() {
        let cli = Cli::try_parse_from(["scan", "--transactions", "x.csv"]).unwrap();
        let p = cli.scan.params(Currency::parse("USD").unwrap()).unwrap();
        assert_eq!(p, ScanParams::default());
    }

    #[test]
    fn alerts_are_json_lines_with_input_ids() {
        let csv = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
t1,A,B,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
t2,B,C,TRANSFER,95.00,2017-01-02T00:00:00Z,False,-1
t3,C,A,TRANSFER,90.00,2017-01-03T00:00:00Z,False,-1
";
        let batch = praxis_flows::import::amlsim::read(csv.as_bytes(), "t.csv").unwrap();
        let g = TxGraph::from_transactions(&batch.transactions);
        let alerts = scan(&g, &ScanParams { typologies: vec![Typology::Cycle], ..ScanParams::default() });
        assert_eq!(alerts.len(), 1);
        let line = alert_json(&g, 1, &alerts[0]).unwrap();
        assert!(line.starts_with(r#"{"rank":1,"typology":"cycle""#), "{line}");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["transactions"], json!(["t1", "t2", "t3"]));
        assert_eq!(v["accounts"], json!(["A", "B", "C"]));
        assert_eq!(v["rule"], "cycle.round_trip");
        assert!(v["explanation"].as_str().unwrap().contains("A → B → C → A"));
        assert!(v["figures"]["returned_share"].is_string());
    }

    #[test]
    fn durations_take_units() {
        assert_eq!(duration("30d"), Ok(30 * DAY));
        assert_eq!(duration("12h"), Ok(12 * HOUR));
        assert_eq!(duration("2w"), Ok(14 * DAY));
        assert_eq!(duration("1.5"), Ok(DAY + 12 * HOUR));
        assert!(duration("soon").is_err());
        assert!(duration("3y").is_err());
    }
}

//! Input options shared by the flows commands: which files, in which format, and what to do with
//! bad rows.

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use praxis_flows::batch::{merge, BadRows, Transaction};
use praxis_flows::TxGraph;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// AMLSim `transactions.csv` (plain or gzipped).
    Amlsim,
}

#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Input format.
    #[arg(long, value_enum, default_value = "amlsim")]
    pub format: Format,
    /// Transaction files (repeat for several; gzip is detected). Overlapping statements and
    /// files imported twice are counted once.
    #[arg(long = "transactions", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Leave out rows that cannot be read (each is listed on standard error) instead of refusing
    /// the whole import.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

/// What was read, after the bad-row policy and de-duplication.
pub(crate) struct Loaded {
    pub transactions: Vec<Transaction>,
    pub skipped: Vec<praxis_flows::Diagnostic>,
    pub duplicates: usize,
}

pub(crate) fn load(args: &InputArgs) -> anyhow::Result<Loaded> {
    let policy = if args.skip_bad_rows { BadRows::Skip } else { BadRows::Refuse };
    let mut batches = Vec::new();
    let mut skipped = Vec::new();
    let mut has_ids = true;
    for path in &args.files {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
        let batch = match args.format {
            Format::Amlsim => praxis_flows::import::amlsim::read(file, &name),
        }
        .with_context(|| format!("cannot read {name}"))?;
        has_ids &= matches!(args.format, Format::Amlsim);
        match batch.finish(policy) {
            Ok(b) => {
                skipped.extend(b.errors);
                batches.push(b.transactions);
            }
            Err(refused) => {
                let mut msg = format!(
                    "{name}: the import was refused, nothing was read ({} unreadable row(s)):",
                    refused.0.len()
                );
                for d in refused.0.iter().take(20) {
                    msg.push_str(&format!("\n  {d}"));
                }
                if refused.0.len() > 20 {
                    msg.push_str(&format!("\n  … and {} more", refused.0.len() - 20));
                }
                msg.push_str("\nFix the rows, or pass --skip-bad-rows to leave them out (each is listed).");
                bail!(msg);
            }
        }
    }
    for d in &skipped {
        eprintln!("skipped {d}");
    }
    let (transactions, duplicates) = merge(batches, has_ids);
    if duplicates > 0 {
        eprintln!("{duplicates} transaction(s) appeared in more than one file and are counted once");
    }
    Ok(Loaded { transactions, skipped, duplicates })
}

pub(crate) fn load_graph(args: &InputArgs) -> anyhow::Result<TxGraph> {
    let loaded = load(args)?;
    Ok(TxGraph::from_transactions(&loaded.transactions))
}

/// Parses a time option: RFC 3339, a date-time or a date (UTC).
pub(crate) fn parse_time(s: &str) -> anyhow::Result<i64> {
    praxis_flows::window::parse_timestamp(s, time::UtcOffset::UTC).with_context(|| {
        format!("`{s}` is not a date or date-time (e.g. 2017-01-31 or 2017-01-31T12:00:00Z)")
    })
}

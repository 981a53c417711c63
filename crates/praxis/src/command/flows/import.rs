//! `praxis flows import`: read and check transaction files, merge them, write one normalised CSV.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use praxis_flows::window::format_timestamp;

use super::input::{load, InputArgs};

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write the normalised transactions here (CSV); without it, only the summary is printed.
    #[arg(long)]
    output: Option<PathBuf>,
}

pub(crate) fn run(a: ImportArgs) -> anyhow::Result<ExitCode> {
    let loaded = load(&a.input)?;
    let txs = &loaded.transactions;
    if let Some(path) = &a.output {
        let file =
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
        w.write_record([
            "id",
            "time",
            "orig",
            "bene",
            "amount",
            "currency",
            "channel",
            "reference",
            "orig_holder",
            "bene_holder",
            "source_file",
            "source_line",
        ])?;
        for t in txs {
            w.write_record([
                t.id.as_str(),
                &format_timestamp(t.timestamp),
                &t.orig,
                &t.bene,
                &t.currency.format(t.amount),
                t.currency.code(),
                &t.channel,
                &t.reference,
                &t.orig_holder,
                &t.bene_holder,
                &t.file,
                &t.line.to_string(),
            ])?;
        }
        w.flush()?;
    }
    let mut accounts: Vec<&str> = txs.iter().flat_map(|t| [t.orig.as_str(), t.bene.as_str()]).collect();
    accounts.sort_unstable();
    accounts.dedup();
    let (first, last) = (txs.iter().map(|t| t.timestamp).min(), txs.iter().map(|t| t.timestamp).max());
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} transactions, {} accounts", txs.len(), accounts.len())?;
    if let (Some(f), Some(l)) = (first, last) {
        writeln!(out, "from {} to {}", format_timestamp(f), format_timestamp(l))?;
    }
    writeln!(
        out,
        "{} duplicate(s) counted once, {} row(s) skipped",
        loaded.duplicates,
        loaded.skipped.len()
    )?;
    if let Some(p) = &a.output {
        writeln!(out, "written to {}", p.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

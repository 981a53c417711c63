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
    /// Write the normalised transactions here (CSV: id, time, orig, bene, amount, currency,
    /// channel, reference, orig_holder, bene_holder, source_file, source_line; with
    /// --report-currency also original_amount, original_currency and the rate used). Without
    /// it, only the summary is printed.
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
        let mut header = vec![
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
        ];
        if loaded.conversions.is_some() {
            header.extend(["original_amount", "original_currency", "rate"]);
        }
        w.write_record(&header)?;
        for (i, t) in txs.iter().enumerate() {
            let mut row = vec![
                t.id.clone(),
                format_timestamp(t.timestamp),
                t.orig.clone(),
                t.bene.clone(),
                t.currency.format(t.amount),
                t.currency.code().to_owned(),
                t.channel.clone(),
                t.reference.clone(),
                t.orig_holder.clone(),
                t.bene_holder.clone(),
                t.file.clone(),
                t.line.to_string(),
            ];
            if let Some(c) = loaded.conversions.as_ref().map(|c| &c[i]) {
                row.push(c.original_currency.format(c.original_amount));
                row.push(c.original_currency.code().to_owned());
                row.push(c.rate.as_ref().map(|r| r.to_string()).unwrap_or_default());
            }
            w.write_record(&row)?;
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
    if let (Some(conv), Some(first)) = (&loaded.conversions, txs.first()) {
        let converted = conv.iter().filter(|c| c.rate.is_some()).count();
        writeln!(out, "{converted} amount(s) converted into {} at dated rates", first.currency)?;
    }
    if let Some(p) = &a.output {
        writeln!(out, "written to {}", p.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

//! `praxis flows`: the financial-flows engine on files, without a database.

mod import;
mod input;
mod rank;
mod scan;
mod trace;

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum FlowsCommand {
    /// Read statements, ledgers or reports; check every row; merge overlapping statements; write
    /// the transactions as one normalised CSV.
    Import(import::ImportArgs),
    /// Follow money forward or backward from seed accounts or transactions, with amounts
    /// attributed under a tracing rule. Prints JSON.
    Trace(trace::TraceArgs),
    /// Detect laundering typologies (fan-in/out, cycles, scatter-gather, pass-through,
    /// structuring, trafficking and smuggling indicators). Writes alerts as JSON lines.
    Scan(scan::ScanArgs),
    /// Rank accounts for target selection (PageRank, HITS, net accumulation, flow-through).
    Rank(rank::RankArgs),
}

pub(crate) fn run(c: FlowsCommand) -> anyhow::Result<ExitCode> {
    match c {
        FlowsCommand::Import(a) => import::run(a),
        FlowsCommand::Trace(a) => trace::run(a),
        FlowsCommand::Scan(a) => scan::run(a),
        FlowsCommand::Rank(a) => rank::run(a),
    }
}

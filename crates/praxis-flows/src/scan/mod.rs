//! Typology detection: which patterns of the temporal graph look like laundering, trafficking or
//! smuggling, each alert with its subgraph, the rule that fired, the figures that fired it, a score
//! and an explanation an investigator can read.
//!
//! Typologies (each a module, whose documentation states its rules):
//! - fan-in and fan-out ([`fan`]): an account deals with many counterparties beyond what its
//!   ordinary activity explains, in a burst or arriving at a regular cadence;
//! - cycles and round-tripping ([`cycles`]): money goes round a closed chain of 3 or more accounts
//!   within a window; a time-respecting cycle whose amounts decay within a tolerance is
//!   round-tripping; a long chain that does not close is an open (unfinished) cycle;
//! - scatter-gather and gather-scatter ([`scatter`]): one source pays several intermediaries who
//!   all pay one sink; or several senders pay one account that then pays several recipients;
//! - rapid pass-through ([`passthrough`]): money in and mostly out again within a short dwell;
//! - structuring ([`structuring`]): repeated amounts just under a reporting threshold;
//! - trafficking and smuggling indicators ([`indicators`]): many small, alike remittances from
//!   unrelated senders to one recipient (MS1), a controller account paid by many and emptied fast
//!   (HT1), several workers' wages paid into one account (HT6), offsetting settlement between
//!   hawaladars (MS3).
//!
//! Ordinary activity. Every payment is classified by its payer's ordinary activity: an account
//! that keeps a schedule (most of its payments recur at a period, at a few phases) is explained
//! by it; otherwise its standing relationships (counterparties it pays more than
//! `fan_max_repeat` times, or over more than `fan_relationship_window`) explain it. Cycles,
//! chains, scatter-gather and gather-scatter are made of payments that ordinary activity does not
//! explain; fans count counterparties it does not explain. Nothing rests on an account being
//! quiet or busy as such: a busy account can launder, and a quiet one is the ordinary case.
//!
//! Scores. Each rule measures how unlikely its pattern is by chance, in nats (the negative log of
//! a chance probability or expectation, from the data itself: the account's own rate of
//! unexplained activity and its regularity, the degrees of the accounts involved in the span),
//! weighs it by how closed the pattern is (the share of its members' activity it carries) and how
//! clean its timing is (two phases in order, a regular cadence), and maps the evidence e to
//! `1 − exp(−e/10)`: scores are in [0, 1) and comparable across typologies.
//!
//! One pattern, one alert: overlapping detections of the same typology and principal account are
//! merged; a fan or pass-through that is part of a stronger scatter-gather, gather-scatter or
//! cycle is folded into it; an indicator (MS1, HT1) replaces the fan-in or pass-through it reads.
//! The alert that stays says what it absorbed.
//!
//! Invariants: the scan is deterministic (same graph and parameters, same alerts in the same
//! order, whatever the number of threads); every alert's transactions are in time order and lie
//! in `params.window`. Work is shared between the available cores (std threads only).

mod common;
pub mod cycles;
pub mod eval;
pub mod fan;
pub mod indicators;
pub mod passthrough;
pub mod scatter;
pub mod structuring;

#[cfg(test)]
mod tests;

use crate::graph::{AccountIx, TxGraph, TxIx};
use crate::window::Window;

pub use common::{poisson_tail_ln, surprise_to_score};

/// One day in milliseconds.
pub const DAY: i64 = 86_400_000;
/// One hour in milliseconds.
pub const HOUR: i64 = 3_600_000;

/// The kinds of pattern the scan detects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Typology {
    FanIn,
    FanOut,
    Cycle,
    ScatterGather,
    GatherScatter,
    PassThrough,
    Structuring,
    /// MS1: many small remittances from many unrelated senders to one recipient.
    RemittanceFunnel,
    /// HT1: a controller account paid by many possible victims, emptied fast.
    ControllerAccount,
    /// HT6: several workers' wages paid into one account.
    PooledWages,
    /// MS3: settlement and netting between hawaladars.
    HawalaSettlement,
}

impl Typology {
    pub const ALL: [Typology; 11] = [
        Typology::FanIn,
        Typology::FanOut,
        Typology::Cycle,
        Typology::ScatterGather,
        Typology::GatherScatter,
        Typology::PassThrough,
        Typology::Structuring,
        Typology::RemittanceFunnel,
        Typology::ControllerAccount,
        Typology::PooledWages,
        Typology::HawalaSettlement,
    ];

    /// The name in output (the AMLSim names for the five AMLSim typologies).
    pub fn name(self) -> &'static str {
        match self {
            Typology::FanIn => "fan_in",
            Typology::FanOut => "fan_out",
            Typology::Cycle => "cycle",
            Typology::ScatterGather => "scatter_gather",
            Typology::GatherScatter => "gather_scatter",
            Typology::PassThrough => "pass_through",
            Typology::Structuring => "structuring",
            Typology::RemittanceFunnel => "remittance_funnel",
            Typology::ControllerAccount => "controller_account",
            Typology::PooledWages => "pooled_wages",
            Typology::HawalaSettlement => "hawala_settlement",
        }
    }

    pub fn parse(s: &str) -> Option<Typology> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        let alias = match s.as_str() {
            "ms1" => "remittance_funnel",
            "ht1" => "controller_account",
            "ht6" => "pooled_wages",
            "ms3" => "hawala_settlement",
            "passthrough" => "pass_through",
            "fanin" => "fan_in",
            "fanout" => "fan_out",
            "cycles" | "round_trip" | "round_tripping" => "cycle",
            other => other,
        };
        Typology::ALL.into_iter().find(|t| t.name() == alias)
    }

    /// The indicator code of the reference notes (FATF / FinCEN / FINTRAC themes), if any.
    pub fn indicator(self) -> Option<&'static str> {
        match self {
            Typology::RemittanceFunnel => Some("MS1"),
            Typology::ControllerAccount => Some("HT1"),
            Typology::PooledWages => Some("HT6"),
            Typology::HawalaSettlement => Some("MS3"),
            Typology::Structuring => Some("MS5/HT7"),
            Typology::PassThrough => Some("MS2"),
            _ => None,
        }
    }
}

/// Every threshold of the scan, with its default. Durations are milliseconds; amounts are minor
/// units of the transactions' currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanParams {
    /// Only transactions in this window are scanned. Default: all.
    pub window: Window,
    /// Which typologies to detect. Default: all.
    pub typologies: Vec<Typology>,
    /// Alerts scoring below this are dropped. Default 0.04 (about 0.4 nats of evidence: weaker
    /// than that is what ordinary activity shows by chance).
    pub min_score: f64,

    /// Fan-in/out: the longest span of one fan. Default 540 days (laundering fans can be slow:
    /// a new counterparty every few months, at a regular cadence).
    pub fan_window: i64,
    /// Fan-in/out: the longest span of a burst of new counterparties (their usual rate drifts over
    /// months; slower fans show by their cadence, or off the account's schedule). A burst spans
    /// at most half the data, whatever this says: it is judged against the account's activity
    /// outside it. Default 90 days.
    pub fan_burst_window: i64,
    /// Fan-in/out: the fewest distinct counterparties. Default 3.
    pub fan_min_counterparties: usize,
    /// Fan-in/out: a counterparty counts towards a fan only if its relationship with the account
    /// (all its transactions with it in the scan) has at most this many transactions, all within
    /// `fan_relationship_window` (or each more than `fan_window` after the one before: sporadic
    /// one-off dealings): standing relationships (salary, rent, a supplier) are not fans.
    /// Default 3.
    pub fan_max_repeat: usize,
    /// Fan-in/out: see `fan_max_repeat`. Default 30 days.
    pub fan_relationship_window: i64,
    /// Fan-in/out: arrivals of new counterparties count as a regular cadence when each lands
    /// within this of its expected time (first arrival plus a whole number of intervals).
    /// Default 1 day (set about 3 days for calendar-monthly payments).
    pub cadence_tolerance: i64,

    /// Cycles: the longest span of a cycle (its first to its last transaction). Default 30 days.
    pub cycle_window: i64,
    /// Cycles: the most transactions (hops) in a cycle. Default 10.
    pub cycle_max_hops: usize,
    /// Cycles: at most this many legs may be ordinary payments (explained by the payer's
    /// schedule or a standing relationship, see `fan_max_repeat`): cycles of ordinary business
    /// are not round-tripping. Default 0.
    pub cycle_max_standing_legs: usize,
    /// Cycles: a chain of at least this many unexplained payments through distinct accounts
    /// within `cycle_window` that does not close is reported as an open cycle (an unfinished
    /// round trip, or layering). 0 turns it off. Default 4.
    pub cycle_min_chain_hops: usize,
    /// Cycles: at most this many cycles are examined per time slice (a guard against dense cores
    /// of busy accounts). Default 50,000.
    pub cycle_max_per_slice: usize,
    /// Round-tripping: in a time-respecting cycle, each hop's amount may fall by at most this
    /// fraction of the previous hop's (fees, commissions) and not rise by more than it.
    /// Default 0.2.
    pub round_trip_tolerance: f64,

    /// Scatter-gather and gather-scatter: the longest span of the pattern. Default 30 days.
    pub scatter_window: i64,
    /// Scatter-gather: the fewest distinct intermediaries; gather-scatter: senders and
    /// recipients each at least this less one, and together at least twice this less one.
    /// Default 3.
    pub scatter_min_branches: usize,
    /// Scatter-gather, gather-scatter and cycles: an account that makes more than this many
    /// payments its ordinary activity does not explain within the pattern's window is an
    /// institution, not a conduit: it is not followed as an intermediary, hub or cycle member.
    /// Default 64.
    pub conduit_max_payments: usize,

    /// Pass-through: money counts as passed through when it leaves within this dwell after it
    /// came in. Default 2 days.
    pub pass_dwell: i64,
    /// Pass-through: the least share of the incoming amount that leaves within the dwell.
    /// Default 0.9.
    pub pass_min_ratio: f64,
    /// Pass-through: the fewest passes (incoming transactions passed on) in one episode.
    /// Default 3.
    pub pass_min_passes: usize,
    /// Pass-through: the longest span of one episode. Default 30 days.
    pub pass_window: i64,

    /// Structuring: the reporting threshold. Default 10,000.00 (1,000,000 minor units).
    pub structuring_threshold: i64,
    /// Structuring: amounts in [threshold × (1 − band), threshold) are "just under". Default 0.1.
    pub structuring_band: f64,
    /// Structuring: the fewest such transactions by one account within the window. Default 3.
    pub structuring_min_count: usize,
    /// Structuring: the window. Default 7 days.
    pub structuring_window: i64,

    /// MS1: remittances at most this amount are "small". Default 1,500.00 (150,000 minor units).
    pub remittance_max_amount: i64,
    /// MS1: the fewest distinct, unrelated senders. Default 5.
    pub remittance_min_senders: usize,
    /// MS1: the window. Default 30 days.
    pub remittance_window: i64,
    /// MS1: the amounts must be alike: the interquartile range at most this fraction of the
    /// median (smuggling fees are set prices). Default 0.25.
    pub remittance_amount_spread: f64,

    /// HT1: the fewest distinct payers of the controller account within the window. Default 4.
    pub controller_min_payers: usize,
    /// HT1: the window. Default 30 days.
    pub controller_window: i64,
    /// HT1: money counts as withdrawn fast when it leaves within this dwell. Default 3 days.
    pub controller_dwell: i64,
    /// HT1: the least share of the payments withdrawn within the dwell. Default 0.8.
    pub controller_min_withdrawn: f64,

    /// HT6: payments on one pay date are those within this interval. Default 1 day.
    pub wages_pay_interval: i64,
    /// HT6: the fewest wage-like payments into the account on one pay date. Default 3.
    pub wages_min_workers: usize,
    /// HT6: the fewest pay dates on which it happens. Default 2.
    pub wages_min_pay_dates: usize,
    /// HT6: wage-like payments on one pay date differ by at most this fraction of their median.
    /// Default 0.15.
    pub wages_amount_tolerance: f64,

    /// MS3: the settlement window. Default 30 days.
    pub settlement_window: i64,
    /// MS3: the flows both ways must offset: |A→B − B→A| at most this fraction of the larger.
    /// Default 0.1.
    pub settlement_tolerance: f64,
    /// MS3: the fewest transfers each way. Default 2.
    pub settlement_min_each_way: usize,
    /// MS3: the fewest distinct third-party depositors into one of the two accounts within the
    /// window (hawaladar accounts collect many unrelated deposits). Default 5.
    pub settlement_min_depositors: usize,
}

impl Default for ScanParams {
    fn default() -> Self {
        ScanParams {
            window: Window::ALL,
            typologies: Typology::ALL.to_vec(),
            min_score: 0.04,
            fan_window: 540 * DAY,
            fan_burst_window: 90 * DAY,
            fan_min_counterparties: 3,
            fan_max_repeat: 3,
            fan_relationship_window: 30 * DAY,
            cadence_tolerance: DAY,
            cycle_window: 30 * DAY,
            cycle_max_hops: 10,
            cycle_max_standing_legs: 0,
            cycle_min_chain_hops: 4,
            cycle_max_per_slice: 50_000,
            round_trip_tolerance: 0.2,
            scatter_window: 30 * DAY,
            scatter_min_branches: 3,
            conduit_max_payments: 64,
            pass_dwell: 2 * DAY,
            pass_min_ratio: 0.9,
            pass_min_passes: 3,
            pass_window: 30 * DAY,
            structuring_threshold: 1_000_000,
            structuring_band: 0.1,
            structuring_min_count: 3,
            structuring_window: 7 * DAY,
            remittance_max_amount: 150_000,
            remittance_min_senders: 5,
            remittance_window: 30 * DAY,
            remittance_amount_spread: 0.25,
            controller_min_payers: 4,
            controller_window: 30 * DAY,
            controller_dwell: 3 * DAY,
            controller_min_withdrawn: 0.8,
            wages_pay_interval: DAY,
            wages_min_workers: 3,
            wages_min_pay_dates: 2,
            wages_amount_tolerance: 0.15,
            settlement_window: 30 * DAY,
            settlement_tolerance: 0.1,
            settlement_min_each_way: 2,
            settlement_min_depositors: 5,
        }
    }
}

impl ScanParams {
    pub fn enabled(&self, t: Typology) -> bool {
        self.typologies.contains(&t)
    }
}

/// One detected pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub typology: Typology,
    /// In [0, 1): higher is stronger evidence.
    pub score: f64,
    /// The pattern's transactions, in time order.
    pub transactions: Vec<TxIx>,
    /// The pattern's accounts, the principal ones (hub, source, sink) first.
    pub accounts: Vec<AccountIx>,
    /// Which rule fired, e.g. `fan_in.burst`, `cycle.round_trip`.
    pub rule: String,
    /// The figures that fired it, as (name, value) with units in the value.
    pub figures: Vec<(String, String)>,
    /// Plain sentences for an investigator.
    pub explanation: String,
}

impl Alert {
    pub fn figure(&self, name: &str) -> Option<&str> {
        self.figures.iter().find(|f| f.0 == name).map(|f| f.1.as_str())
    }
}

/// Detects every enabled typology; alerts sorted by score, highest first (ties: typology, first
/// transaction, accounts).
pub fn scan(g: &TxGraph, p: &ScanParams) -> Vec<Alert> {
    let ctx = common::Ctx::new(g, p);
    let mut alerts = Vec::new();
    if ctx.is_empty() {
        return alerts;
    }
    // Payments classified once, in parallel, before the detectors that share them.
    if [Typology::FanOut, Typology::Cycle, Typology::ScatterGather, Typology::GatherScatter]
        .into_iter()
        .any(|t| p.enabled(t))
    {
        ctx.payments();
    }
    if p.enabled(Typology::FanIn) {
        alerts.extend(fan::detect(&ctx, fan::Side::In));
    }
    if p.enabled(Typology::FanOut) {
        alerts.extend(fan::detect(&ctx, fan::Side::Out));
    }
    if p.enabled(Typology::Cycle) {
        alerts.extend(cycles::detect(&ctx));
    }
    if p.enabled(Typology::ScatterGather) {
        alerts.extend(scatter::scatter_gather(&ctx));
    }
    if p.enabled(Typology::GatherScatter) {
        alerts.extend(scatter::gather_scatter(&ctx));
    }
    if p.enabled(Typology::PassThrough) {
        alerts.extend(passthrough::detect(&ctx));
    }
    if p.enabled(Typology::Structuring) {
        alerts.extend(structuring::detect(&ctx));
    }
    if p.enabled(Typology::RemittanceFunnel) {
        alerts.extend(indicators::remittance_funnel(&ctx));
    }
    if p.enabled(Typology::ControllerAccount) {
        alerts.extend(indicators::controller_account(&ctx));
    }
    if p.enabled(Typology::PooledWages) {
        alerts.extend(indicators::pooled_wages(&ctx));
    }
    if p.enabled(Typology::HawalaSettlement) {
        alerts.extend(indicators::hawala_settlement(&ctx));
    }
    let alerts = common::merge_duplicates(alerts);
    let mut alerts = common::drop_explained(g, alerts, p.min_score);
    alerts.retain(|a| a.score >= p.min_score);
    common::sort_alerts(&mut alerts);
    alerts
}

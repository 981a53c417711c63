//! Fan-in and fan-out: an account takes money from (fan-in) or pays (fan-out) many distinct
//! counterparties, beyond what its ordinary activity explains.
//!
//! What is ordinary depends on the account:
//! - an account whose payments keep a schedule (a period, found among the lags between its
//!   payments, and a few phases within it that together explain at least 75% of them: say every
//!   Tuesday, or every Monday and Wednesday) is explained by its schedule: only payments *off*
//!   the schedule can form a fan-out. (An account sets the timing of its payments, not of its
//!   receipts, so receipts never count as a schedule.)
//! - otherwise its standing relationships explain it: only counterparties whose whole
//!   relationship with the account in the scan is at most `fan_max_repeat` transactions within
//!   `fan_relationship_window` (new, one-off counterparties), or at most that many each more than
//!   `fan_window` after the one before (sporadic one-off dealings, too far apart to be one fan's),
//!   can form a fan.
//!
//! A fan is at least `fan_min_counterparties` distinct such counterparties within `fan_window`,
//! with evidence (nats):
//! - `fan_*.burst`: the account's unexplained activity in the span (off-schedule transactions
//!   within `fan_window`, or transactions with new counterparties within `fan_burst_window`)
//!   exceeds what its rate of such activity elsewhere in the data predicts (Poisson tail,
//!   quasi-Poisson when the account's activity swings from period to period, less a scan
//!   correction for the many spans tried);
//! - `fan_*.cadence`: the fan's counterparties arrive at a regular interval (each within
//!   `cadence_tolerance` of its expected time), more regularly than chance allows among the
//!   account's points ("many payers, one payee, regular cadence"); this counts only as far as the
//!   account's own activity is irregular.
//!
//! A cadence's fan is either its span (every new counterparty from its first to its last
//! member, with the span's burst) or its members alone, whichever has more evidence; a point on
//! another surprising cadence stays with that cadence (a burst keeps the cadences that lie within
//! it). Cadences are disjoint: a chain that meets a stronger one keeps its free members.
//!
//! At most four disjoint fans per account are reported, strongest first.

use rustc_hash::FxHashSet;

use super::common::{date, days, duration, fig, poisson_surprise, ratio, share, Ctx, Draft};
use super::{Alert, Typology, DAY};
use crate::graph::{AccountIx, TxIx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Money in: the account is paid by many.
    In,
    /// Money out: the account pays many.
    Out,
}

/// At most this many later points are paired with each point when looking for a cadence, and
/// at most this many of the best chains are tried for disjoint ones.
const CADENCE_PAIRS: usize = 64;
const CADENCE_CANDIDATES: usize = 64;
/// At most this many window starts, and ends per start, are tried in a burst scan.
const BURST_STARTS: usize = 256;
const BURST_ENDS: usize = 256;
/// Accounts with more new counterparties than this are not searched for a cadence (among so
/// many, a regular chain means nothing).
const CADENCE_MAX_POINTS: usize = 512;
/// At most this many fans per account.
const MAX_EPISODES: usize = 4;
/// A fan whose evidence is below this (nats) is not reported; a second or third fan of the same
/// account needs `MIN_EVIDENCE_MORE`.
const MIN_EVIDENCE: f64 = 0.5;
const MIN_EVIDENCE_MORE: f64 = 1.0;
/// An account keeps a schedule when one explains at least this share of its transactions on a
/// side, over at least `SCHEDULE_MIN_TXS` transactions.
const SCHEDULE_COVERAGE: f64 = 0.75;
const SCHEDULE_MIN_TXS: usize = 8;
/// Pseudo-time added to the time outside a span when estimating the usual rate, with the events
/// the account's average rate over the whole data puts in it (at least one): an account seen only
/// in its fan is not infinitely surprising, and when the data are hardly longer than the span
/// (a short extract) the account's own average is the baseline, not an arbitrary prior.
const PSEUDO_TIME: i64 = 30 * DAY;

/// How many counted events the account's usual rate predicts in `span`: `m` of its `total`
/// events fall in the span, the rest in the `d − span` outside it (see `PSEUDO_TIME`).
fn expected_events(m: usize, total: usize, span: i64, d: i64) -> f64 {
    let d = d.max(span).max(1);
    let outside = (d - span).max(0) + PSEUDO_TIME;
    let prior = (total as f64 * PSEUDO_TIME as f64 / d as f64).max(1.0);
    ((total - m) as f64 + prior) * span as f64 / outside as f64
}

/// A regular cadence: positions (into the points) and the interval.
#[derive(Debug, Clone)]
pub(crate) struct Cadence {
    pub members: Vec<usize>,
    pub interval: i64,
    /// Surprise (nats) of so long a chain among the points by chance.
    pub surprise: f64,
}

/// The chain anchored on points `i` and `j`: members (pushed into `members` when given) and
/// largest deviation from the expected times (each the first member plus a whole number of
/// intervals). Returns (length, largest deviation).
fn chain(
    ts: &[i64],
    i: usize,
    j: usize,
    tol: i64,
    max_span: i64,
    mut members: Option<&mut Vec<usize>>,
) -> (usize, i64) {
    let n = ts.len();
    let d = ts[j] - ts[i];
    if let Some(m) = members.as_deref_mut() {
        m.clear();
        m.extend([i, j]);
    }
    let (mut len, mut last) = (2usize, j);
    let mut max_dev = 0i64;
    let mut m = 2i64;
    loop {
        let want = ts[i] + m * d;
        if want - ts[i] > max_span + tol {
            break;
        }
        // The closest point to the expected time, after the chain's last, within tolerance.
        let k = ts[last + 1..].partition_point(|&t| t < want) + last + 1;
        let mut pick: Option<usize> = None;
        for c in [k.checked_sub(1), Some(k)].into_iter().flatten() {
            if c > last
                && c < n
                && (ts[c] - want).abs() <= tol
                && pick.is_none_or(|p| (ts[c] - want).abs() < (ts[p] - want).abs())
            {
                pick = Some(c);
            }
        }
        match pick {
            Some(k) if ts[k] - ts[i] <= max_span => {
                max_dev = max_dev.max((ts[k] - want).abs());
                if let Some(mm) = members.as_deref_mut() {
                    mm.push(k);
                }
                len += 1;
                last = k;
                m += 1;
            }
            _ => break,
        }
    }
    (len, max_dev)
}

/// The most surprising arithmetic progressions among sorted times `ts`, disjoint, at most
/// `count`, strongest first: each member within `tolerance` of the first member plus a whole
/// number of intervals (no drift), at least 3 members, spanning at most `max_span`. Chance model:
/// `density` points per millisecond land within the chain's largest deviation (plus one
/// `granularity`, the data's time unit) of each expected time with probability p; a chain of L
/// members among P pairs tried is expected P·p^(L−2) times by chance, and its surprise is −ln
/// of that.
pub(crate) fn best_cadences(
    ts: &[i64],
    tolerance: i64,
    max_span: i64,
    density: f64,
    granularity: i64,
    count: usize,
) -> Vec<Cadence> {
    let n = ts.len();
    if n < 3 || count == 0 {
        return Vec::new();
    }
    let tol = tolerance.max(0);
    // (ln chance without the pairs factor, −members, interval, i, j)
    let mut found: Vec<(f64, i64, i64, usize, usize)> = Vec::new();
    let mut pairs = 0usize;
    for i in 0..n {
        for j in i + 1..n.min(i + 1 + CADENCE_PAIRS) {
            let d = ts[j] - ts[i];
            if d <= 2 * tol || d < granularity {
                continue;
            }
            if 2 * d > max_span {
                break;
            }
            pairs += 1;
            let (len, max_dev) = chain(ts, i, j, tol, max_span, None);
            if len < 3 {
                continue;
            }
            let p = (density * (2 * max_dev + granularity) as f64).min(1.0);
            let ln_chance = (len - 2) as f64 * p.max(1e-300).ln();
            found.push((ln_chance, -(len as i64), d, i, j));
        }
    }
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    let ln_pairs = (pairs.max(1) as f64).ln();
    let mut used = vec![false; n];
    let mut out = Vec::new();
    for &(ln_chance, _, d, i, j) in found.iter().take(CADENCE_CANDIDATES) {
        let mut members = Vec::new();
        chain(ts, i, j, tol, max_span, Some(&mut members));
        // A point belongs to one cadence: a chain that meets a stronger one keeps its free
        // members, with the evidence of the links they make.
        let len = members.len();
        members.retain(|&m| !used[m]);
        if members.len() < 3 {
            continue;
        }
        for &m in &members {
            used[m] = true;
        }
        let surprise = (-(ln_chance + ln_pairs)).max(0.0) * (members.len() - 2) as f64 / (len - 2) as f64;
        out.push(Cadence { members, interval: d, surprise });
        if out.len() == count {
            break;
        }
    }
    out
}

/// One account's side.
struct View {
    /// The account's schedule, if it keeps one (else its standing relationships explain it).
    mode: Option<Schedule>,
    /// Share of the account's transactions its schedule does not explain (1 without a schedule).
    irregularity: f64,
    /// Transactions that may belong to a fan, in time order, and their times.
    fan_txs: Vec<TxIx>,
    fan_ts: Vec<i64>,
    /// Times of the events the burst statistic counts: all transactions, or the off-schedule ones.
    counted: Vec<i64>,
    /// The first fan transaction of each distinct counterparty, and its time.
    points: Vec<TxIx>,
    ts: Vec<i64>,
    data_start: i64,
    data_span: i64,
}

struct Episode {
    /// Positions into the points, in time order.
    members: Vec<usize>,
    /// Counted events in the span, and how many the account's rate elsewhere predicts.
    counted: usize,
    expected: f64,
    /// Poisson surprise of the span's activity, less the scan correction.
    burst: f64,
    /// Share of the span's counted activity carried by fan transactions.
    novelty: f64,
    /// (members, interval, surprise weighed by the account's irregularity)
    cadence: Option<(usize, i64, f64)>,
}

impl Episode {
    fn evidence(&self) -> f64 {
        self.burst * self.novelty + self.cadence.map_or(0.0, |c| c.2)
    }
}

fn other(ctx: &Ctx<'_>, t: TxIx, side: Side) -> AccountIx {
    match side {
        Side::In => ctx.g.src[t as usize],
        Side::Out => ctx.g.dst[t as usize],
    }
}

/// A schedule: transactions recur every `period`, at a few fixed phases within it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Schedule {
    pub period: i64,
    /// Width of a phase.
    pub bucket: i64,
    /// Phase buckets (residue of the time since the first transaction, divided by `bucket`).
    pub phases: Vec<i64>,
    /// Share of the transactions the schedule explains.
    pub coverage: f64,
}

/// Lags tried per transaction when looking for a period.
const SCHEDULE_LAGS: usize = 16;

/// The schedule that explains most of `ts` (sorted), if one explains at least `SCHEDULE_COVERAGE`
/// of them with few phases. `granularity`: the data's time unit (a period is at least two).
pub(crate) fn schedule(ts: &[i64], granularity: i64) -> Option<Schedule> {
    let n = ts.len();
    if n < SCHEDULE_MIN_TXS {
        return None;
    }
    let mut lags: rustc_hash::FxHashMap<i64, u32> = Default::default();
    for i in 0..n {
        for j in i + 1..n.min(i + 1 + SCHEDULE_LAGS) {
            let lag = ts[j] - ts[i];
            if lag >= 2 * granularity {
                *lags.entry(lag).or_insert(0) += 1;
            }
        }
    }
    // The three most frequent lags (ties: the shorter), without sorting them all.
    let mut top: Vec<(i64, u32)> = Vec::with_capacity(4);
    for (lag, c) in lags {
        let better = |x: &(i64, u32)| c > x.1 || (c == x.1 && lag < x.0);
        if top.len() < 3 || better(&top[top.len() - 1]) {
            let at = top.iter().position(better).unwrap_or(top.len());
            top.insert(at, (lag, c));
            top.truncate(3);
        }
    }
    let mut best: Option<Schedule> = None;
    for &(period, _) in &top {
        let bucket = (period / 20).max(granularity).max(60_000);
        let buckets = (period + bucket - 1) / bucket;
        let t0 = ts[0];
        let slots = (ts[n - 1] - t0) / period + 1;
        let mut counts: rustc_hash::FxHashMap<i64, u32> = Default::default();
        let mut seen = FxHashSet::default();
        for &t in ts {
            let (slot, b) = ((t - t0) / period, ((t - t0) % period) / bucket);
            if seen.insert((slot, b)) {
                *counts.entry(b).or_insert(0) += 1;
            }
        }
        let mut phases: Vec<i64> =
            counts.iter().filter(|&(_, &c)| c as f64 >= 0.3 * slots as f64).map(|(&b, _)| b).collect();
        phases.sort_unstable();
        if phases.is_empty() || phases.len() as i64 * 3 > buckets {
            continue;
        }
        let explained: u32 = phases.iter().map(|b| counts[b]).sum();
        let coverage = explained as f64 / n as f64;
        if coverage >= SCHEDULE_COVERAGE && best.as_ref().is_none_or(|b| coverage > b.coverage) {
            best = Some(Schedule { period, bucket, phases, coverage });
        }
    }
    best
}

/// Which of an account's transactions on one side its ordinary activity explains.
pub(crate) struct Classified {
    /// Per transaction of the list: explained by the schedule or a standing relationship.
    pub ordinary: Vec<bool>,
    /// Per transaction: counted as activity by the burst statistic.
    pub counted: Vec<bool>,
    pub schedule: Option<Schedule>,
}

/// A relationship that is not new: more than `fan_max_repeat` transactions, or beyond
/// `fan_relationship_window`.
pub(crate) fn standing(ctx: &Ctx<'_>, t: TxIx) -> bool {
    let p = ctx.p;
    let pr = ctx.pair(t);
    let few = pr.count as usize <= p.fan_max_repeat;
    let brief = ctx.ts(pr.last) - ctx.ts(pr.first) < p.fan_relationship_window;
    let sporadic = pr.min_gap > p.fan_window;
    !(few && (brief || sporadic))
}

pub(crate) fn classify(ctx: &Ctx<'_>, side: Side, list: &[TxIx]) -> Classified {
    let list_ts: Vec<i64> = list.iter().map(|&t| ctx.ts(t)).collect();
    // An account sets the timing of its own payments, not of its receipts: only payments can
    // keep a schedule. Receipts are explained by standing payers.
    let sched = match side {
        Side::Out => schedule(&list_ts, ctx.granularity),
        Side::In => None,
    };
    let mut ordinary = vec![false; list.len()];
    let mut counted = vec![true; list.len()];
    match &sched {
        Some(s) => {
            // One transaction per (slot, phase) is the schedule's, a standing relationship's
            // first. When several new counterparties share a slot, the schedule cannot tell
            // which one it explains: all of them may belong to a fan (one counts as ordinary
            // activity).
            let t0 = list_ts[0];
            let key = |i: usize| {
                let r = list_ts[i] - t0;
                (r / s.period, (r % s.period) / s.bucket)
            };
            let mut claimed: rustc_hash::FxHashMap<(i64, i64), (bool, u32)> = Default::default();
            for (i, &t) in list.iter().enumerate() {
                let k = key(i);
                if s.phases.binary_search(&k.1).is_ok() {
                    let e = claimed.entry(k).or_insert((false, 0));
                    e.0 |= standing(ctx, t);
                    e.1 += 1;
                }
            }
            let mut first_seen = FxHashSet::default();
            for (i, &t) in list.iter().enumerate() {
                let k = key(i);
                match claimed.get(&k) {
                    Some(&(true, _)) => {
                        // A standing relationship owns the slot: it is ordinary, the rest extra.
                        ordinary[i] = standing(ctx, t) && first_seen.insert(k);
                    }
                    Some(&(false, n)) => {
                        ordinary[i] = n == 1;
                        if n > 1 && first_seen.insert(k) {
                            // One of the slot's transactions is the schedule's.
                            counted[i] = false;
                        }
                    }
                    None => {}
                }
                if ordinary[i] {
                    counted[i] = false;
                }
            }
        }
        None => {
            // Only new counterparties' transactions count: the burst is in new counterparties,
            // against the account's own rate of new counterparties.
            for (i, &t) in list.iter().enumerate() {
                ordinary[i] = standing(ctx, t);
                counted[i] = !ordinary[i];
            }
        }
    }
    Classified { ordinary, counted, schedule: sched }
}

/// Every account's payments, classified (shared by fan-out and cycles).
pub(crate) fn classify_payments(ctx: &Ctx<'_>) -> super::common::Payments {
    let n = (ctx.hi - ctx.lo) as usize;
    let mut ordinary = vec![false; n];
    let mut counted = vec![true; n];
    let mut schedules = rustc_hash::FxHashMap::default();
    let classified = ctx.par_accounts(|range| {
        range
            .filter(|&a| !ctx.outgoing(a).is_empty())
            .map(|a| (a, classify(ctx, Side::Out, ctx.outgoing(a))))
            .collect()
    });
    for (a, c) in classified {
        let list = ctx.outgoing(a);
        for (i, &t) in list.iter().enumerate() {
            ordinary[(t - ctx.lo) as usize] = c.ordinary[i];
            counted[(t - ctx.lo) as usize] = c.counted[i];
        }
        if let Some(s) = c.schedule {
            schedules.insert(a, s);
        }
    }
    super::common::Payments { ordinary, counted, schedules }
}

fn view(ctx: &Ctx<'_>, a: AccountIx, side: Side, list: &[TxIx]) -> View {
    let (ordinary, counted_flag, sched): (Vec<bool>, Vec<bool>, Option<Schedule>) = match side {
        Side::Out => {
            let pay = ctx.payments();
            (
                list.iter().map(|&t| pay.ordinary[(t - ctx.lo) as usize]).collect(),
                list.iter().map(|&t| pay.counted[(t - ctx.lo) as usize]).collect(),
                pay.schedules.get(&a).cloned(),
            )
        }
        Side::In => {
            let c = classify(ctx, side, list);
            (c.ordinary, c.counted, c.schedule)
        }
    };
    let counted: Vec<i64> =
        list.iter().zip(&counted_flag).filter(|(_, &c)| c).map(|(&t, _)| ctx.ts(t)).collect();
    let mut fan_txs = Vec::new();
    for (i, &t) in list.iter().enumerate() {
        if !ordinary[i] && other(ctx, t, side) != a {
            fan_txs.push(t);
        }
    }
    let mut seen = FxHashSet::default();
    let points: Vec<TxIx> = fan_txs.iter().copied().filter(|&t| seen.insert(other(ctx, t, side))).collect();
    let ts = points.iter().map(|&t| ctx.ts(t)).collect();
    let fan_ts = fan_txs.iter().map(|&t| ctx.ts(t)).collect();
    let irregularity = match &sched {
        Some(s) => 1.0 - s.coverage,
        None => 1.0,
    };
    View {
        mode: sched,
        irregularity,
        fan_txs,
        fan_ts,
        counted,
        points,
        ts,
        data_start: ctx.t_first,
        data_span: ctx.span(),
    }
}

pub(crate) fn detect(ctx: &Ctx<'_>, side: Side) -> Vec<Alert> {
    let p = ctx.p;
    let min_k = p.fan_min_counterparties.max(2);
    ctx.par_accounts(|range| {
        let mut out = Vec::new();
        for a in range {
            let list = match side {
                Side::In => ctx.incoming(a),
                Side::Out => ctx.outgoing(a),
            };
            if list.len() < min_k {
                continue;
            }
            let v = view(ctx, a, side, list);
            if v.points.len() < min_k {
                continue;
            }
            let mut alive = vec![true; v.ts.len()];
            let density = v.ts.len() as f64 / v.data_span as f64;
            let cadences = if v.ts.len() <= CADENCE_MAX_POINTS {
                best_cadences(
                    &v.ts,
                    p.cadence_tolerance,
                    p.fan_window,
                    density,
                    ctx.granularity,
                    MAX_EPISODES,
                )
            } else {
                Vec::new()
            };
            for n in 0..MAX_EPISODES {
                let Some(ep) = best_episode(ctx, &v, &alive, min_k, &cadences) else { break };
                if ep.evidence() < if n == 0 { MIN_EVIDENCE } else { MIN_EVIDENCE_MORE } {
                    break;
                }
                for &m in &ep.members {
                    alive[m] = false;
                }
                out.push(alert(ctx, side, a, &v, &ep));
            }
        }
        out
    })
}

/// (surprise less the scan correction, expected): `m` events in `span` where the rest of the
/// data has `total − m` in `d − span`.
fn activity_surprise(m: usize, total: usize, span: i64, d: i64) -> (f64, f64) {
    let span = span.max(DAY);
    let expected = expected_events(m, total, span, d);
    if m as f64 <= expected {
        return (0.0, expected);
    }
    // Many spans of this length fit in the data: a scan statistic's correction.
    let correction = ((d as f64) / span as f64).max(1.0).ln();
    ((poisson_surprise(m as u64, expected) - correction).max(0.0), expected)
}

/// The same as `activity_surprise`, beyond 64 events with the Poisson tail by its
/// Chernoff–Stirling approximation (m·ln(m/λ) − m + λ − ½·ln(2πm)): cheap enough to try every
/// window; the chosen window's figure is then computed exactly.
fn activity_surprise_fast(m: usize, total: usize, span: i64, d: i64) -> f64 {
    let span = span.max(DAY);
    let expected = expected_events(m, total, span, d);
    if m as f64 <= expected {
        return 0.0;
    }
    if m <= 64 {
        return activity_surprise(m, total, span, d).0;
    }
    let m = m as f64;
    let tail = m * (m / expected).ln() - m + expected - 0.5 * (2.0 * std::f64::consts::PI * m).ln();
    (tail - ((d as f64) / span as f64).max(1.0).ln()).max(0.0)
}

fn count_between(ts: &[i64], from: i64, to: i64) -> usize {
    ts.partition_point(|&t| t <= to) - ts.partition_point(|&t| t < from)
}

/// Overdispersion of the counted events: the variance over the mean of their counts in the
/// disjoint windows as long as [from, to] that tile the data outside it (at least 1; 1 with
/// fewer than three windows or no events).
fn dispersion(counted: &[i64], data_start: i64, data_span: i64, from: i64, to: i64) -> f64 {
    let len = (to - from).max(DAY);
    let mut counts = Vec::new();
    let mut a = data_start;
    while a + len <= data_start + data_span {
        if a + len <= from || a > to {
            counts.push(count_between(counted, a, a + len - 1) as f64);
        }
        a += len;
    }
    if counts.len() < 3 {
        return 1.0;
    }
    let mean = counts.iter().sum::<f64>() / counts.len() as f64;
    if mean <= 0.0 {
        return 1.0;
    }
    let var = counts.iter().map(|c| (c - mean) * (c - mean)).sum::<f64>() / (counts.len() - 1) as f64;
    (var / mean).max(1.0)
}

fn episode(v: &View, idx: &[usize], i: usize, j: usize, cadence: Option<&Cadence>) -> Episode {
    let (from, to) = (v.ts[idx[i]], v.ts[idx[j]]);
    let counted = count_between(&v.counted, from, to);
    let (burst, expected) = activity_surprise(counted, v.counted.len(), to - from, v.data_span);
    // Quasi-Poisson: an account whose activity swings widely from period to period is less
    // surprising when it swings again.
    let phi = dispersion(&v.counted, v.data_start, v.data_span, from, to);
    let burst = if phi > 1.0 {
        let m = (counted as f64 / phi).round() as usize;
        let total = ((v.counted.len() - counted) as f64 / phi).round() as usize + m;
        activity_surprise(m, total, to - from, v.data_span).0
    } else {
        burst
    };
    let novelty = share(count_between(&v.fan_ts, from, to) as f64, counted.max(1) as f64);
    let cad = cadence.and_then(|c| {
        let inside = c.members.iter().filter(|&&m| m >= i && m <= j).count();
        if inside < 3 {
            return None;
        }
        let s = c.surprise * (inside - 2) as f64 / (c.members.len() - 2) as f64;
        Some((inside, c.interval, s * v.irregularity.powi(4)))
    });
    Episode { members: (i..=j).map(|m| idx[m]).collect(), counted, expected, burst, novelty, cadence: cad }
}

fn best_episode(
    ctx: &Ctx<'_>,
    v: &View,
    alive: &[bool],
    min_k: usize,
    cadences: &[Cadence],
) -> Option<Episode> {
    let p = ctx.p;
    let idx: Vec<usize> = (0..v.ts.len()).filter(|&i| alive[i]).collect();
    let ts: Vec<i64> = idx.iter().map(|&i| v.ts[i]).collect();
    let n = ts.len();
    if n < min_k {
        return None;
    }
    // 1. The strongest burst of activity carried by the fan. Off-schedule payments are rare in
    // ordinary activity, so a burst of them may span the whole fan window; new counterparties'
    // rate drifts over months, so a burst of them must be short.
    // A burst is judged against the account's own activity outside it: at most half the data.
    let burst_window = if v.mode.is_some() { p.fan_window } else { p.fan_burst_window.min(p.fan_window) };
    let burst_window = burst_window.min(v.data_span / 2);
    let mut best: Option<(f64, usize, usize)> = None;
    // At most BURST_STARTS starts (evenly spread) and BURST_ENDS ends per start.
    let start_step = n.div_ceil(BURST_STARTS).max(1);
    for i in (0..n).step_by(start_step) {
        let end = ts[i..].partition_point(|&t| t - ts[i] < burst_window) + i;
        if end < i + min_k {
            continue;
        }
        let count = end - (i + min_k - 1);
        let step = count.div_ceil(BURST_ENDS).max(1);
        let c0 = v.counted.partition_point(|&t| t < ts[i]);
        let f0 = v.fan_ts.partition_point(|&t| t < ts[i]);
        let mut j = i + min_k - 1;
        while j < end {
            let mut jj = j;
            while jj + 1 < end && ts[jj + 1] == ts[j] {
                jj += 1;
            }
            let counted = v.counted.partition_point(|&t| t <= ts[jj]) - c0;
            let fan = v.fan_ts.partition_point(|&t| t <= ts[jj]) - f0;
            let s = activity_surprise_fast(counted, v.counted.len(), ts[jj] - ts[i], v.data_span);
            let s = s * share(fan as f64, counted.max(1) as f64);
            if best.is_none_or(|b| s > b.0) {
                best = Some((s, i, jj));
            }
            j = jj + step;
        }
    }
    // 2. The most surprising regular cadence left among the points (found once per account,
    // several disjoint chains).
    let mut pos = vec![usize::MAX; v.ts.len()];
    for (k, &i) in idx.iter().enumerate() {
        pos[i] = k;
    }
    let left: Vec<Cadence> = cadences
        .iter()
        .filter_map(|c| {
            let members: Vec<usize> =
                c.members.iter().map(|&m| pos[m]).filter(|&m| m != usize::MAX).collect();
            if members.len() < 3 {
                return None;
            }
            let surprise = c.surprise * (members.len() - 2) as f64 / (c.members.len() - 2) as f64;
            Some(Cadence { members, interval: c.interval, surprise })
        })
        .collect();
    let cadence = left.first();
    // A point on another surprising cadence belongs to that cadence's fan, not to this episode;
    // but a burst takes the cadences that lie within it (new counterparties crowding in make
    // chance cadences).
    let keep = |mut ep: Episode, i: usize, j: usize, burst: bool| {
        let mut reserved = vec![false; n];
        for c in left.iter().skip(1).filter(|c| c.surprise > 0.0) {
            if !burst || c.members[0] < i || *c.members.last().expect("members") > j {
                for &m in &c.members {
                    reserved[m] = true;
                }
            }
        }
        ep.members.retain(|&m| !reserved[pos[m]]);
        ep
    };
    let mut candidates: Vec<Episode> = Vec::new();
    if let Some((_, i, j)) = best {
        candidates.push(keep(episode(v, &idx, i, j, cadence), i, j, true));
    }
    if let Some(c) = cadence {
        if c.members.len() >= min_k {
            let (i, j) = (c.members[0], *c.members.last().expect("members"));
            candidates.push(keep(episode(v, &idx, i, j, Some(c)), i, j, false));
            // The cadence alone: its members, the counterparties that arrived on it.
            let mut ep = episode(v, &idx, i, j, Some(c));
            ep.members = c.members.iter().map(|&m| idx[m]).collect();
            ep.burst = 0.0;
            candidates.push(ep);
        }
    }
    let mut out: Option<Episode> = None;
    for ep in candidates {
        if ep.members.len() >= min_k && out.as_ref().is_none_or(|o| ep.evidence() > o.evidence()) {
            out = Some(ep);
        }
    }
    out
}

fn alert(ctx: &Ctx<'_>, side: Side, a: AccountIx, v: &View, ep: &Episode) -> Alert {
    let p = ctx.p;
    let first = v.ts[ep.members[0]];
    let last = v.ts[*ep.members.last().expect("members")];
    let cps: FxHashSet<AccountIx> = ep.members.iter().map(|&m| other(ctx, v.points[m], side)).collect();
    // The fan transactions of its counterparties, from its start to a relationship window past
    // its last new counterparty.
    let lo = v.fan_ts.partition_point(|&t| t < first);
    let hi = v.fan_ts.partition_point(|&t| t < last + p.fan_relationship_window.max(1));
    let txs: Vec<TxIx> =
        v.fan_txs[lo..hi].iter().copied().filter(|&t| cps.contains(&other(ctx, t, side))).collect();
    let k = ep.members.len();
    let last_tx = txs.iter().map(|&t| ctx.ts(t)).max().unwrap_or(last);
    let (typology, verb, noun, what) = match side {
        Side::In => (Typology::FanIn, "received", "payments from", "incoming"),
        Side::Out => (Typology::FanOut, "made", "payments to", "outgoing"),
    };
    let by_cadence = ep.cadence.is_some_and(|c| c.2 > ep.burst * ep.novelty);
    let rule = match (side, by_cadence) {
        (Side::In, false) => "fan_in.burst",
        (Side::In, true) => "fan_in.cadence",
        (Side::Out, false) => "fan_out.burst",
        (Side::Out, true) => "fan_out.cadence",
    };
    let amount = ctx.money(txs.iter().copied());
    let mut figures = vec![
        fig("account", ctx.id(a)),
        fig("counterparties", k),
        fig("transactions", txs.len()),
        fig("amount", &amount),
        fig("first", date(first)),
        fig("last", date(last_tx)),
        fig("span_days", days(last - first)),
    ];
    let mut explanation = match &v.mode {
        None => {
            figures.push(fig("new_counterparty_transactions_in_span", ep.counted));
            figures.push(fig("expected_new_counterparty_transactions", format!("{:.2}", ep.expected)));
            format!(
                "Account {} {} {} {} {} counterparties it had no other dealings with, between {} and {} ({}); amount {}. \
                 At its usual rate of dealings with new counterparties elsewhere in the data it would have about {:.1} \
                 such {} transactions in that span, not {}.",
                ctx.id(a),
                verb,
                txs.len(),
                noun,
                k,
                date(first),
                date(last_tx),
                duration(last - first),
                amount,
                ep.expected,
                what,
                ep.counted,
            )
        }
        Some(sch) => {
            let period = sch.period;
            figures.push(fig("schedule_period_days", days(period)));
            figures.push(fig("off_schedule_transactions_in_span", ep.counted));
            figures.push(fig("expected_off_schedule_transactions", format!("{:.2}", ep.expected)));
            format!(
                "Account {} keeps a schedule ({} {} transaction(s) every {}, {:.0}% of its {} transactions), but between {} and {} ({}) \
                 it {} {} {} {} distinct counterparties off that schedule; amount {}. Its off-schedule rate elsewhere in the \
                 data predicts about {:.1} such transactions in that span.",
                ctx.id(a),
                sch.phases.len(),
                what,
                duration(period),
                sch.coverage * 100.0,
                what,
                date(first),
                date(last_tx),
                duration(last - first),
                verb,
                txs.len(),
                noun,
                k,
                amount,
                ep.expected,
            )
        }
    };
    figures.push(fig("burst_surprise_nats", format!("{:.1}", ep.burst)));
    figures.push(fig("account_irregularity", ratio(v.irregularity)));
    if let Some((len, interval, s)) = ep.cadence {
        figures.push(fig("cadence_counterparties", len));
        figures.push(fig("cadence_interval_days", days(interval)));
        figures.push(fig("cadence_surprise_nats", format!("{s:.1}")));
        explanation.push_str(&format!(
            " {len} of these counterparties arrived at a regular cadence, one every {}.",
            duration(interval)
        ));
    }
    Draft {
        typology,
        evidence: ep.evidence(),
        transactions: txs,
        principal: vec![a],
        rule,
        figures,
        explanation,
    }
    .finish(ctx.g)
}

//! What every detector shares: the scan's view of the graph (window, relationships between
//! accounts), chance models, alert assembly, merging and ordering.

use std::collections::VecDeque;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Alert, ScanParams, Typology, DAY, HOUR};
use crate::graph::{AccountIx, TxGraph, TxIx};
use crate::window::format_timestamp;

fn gcd(mut a: i64, mut b: i64) -> i64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

/// Evidence (nats) at which a score reaches 1 − 1/e.
pub(crate) const EVIDENCE_SCALE: f64 = 10.0;

/// A relationship: every transaction from one account to another in the scan.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    pub count: u32,
    pub first: TxIx,
    pub last: TxIx,
    /// The shortest time between two consecutive transactions (i64::MAX with one).
    pub min_gap: i64,
}

/// The scan's view of the graph: the transactions of the window and, per transaction, the
/// relationship (payer, payee) it belongs to.
pub(crate) struct Ctx<'g> {
    pub g: &'g TxGraph,
    pub p: &'g ScanParams,
    /// Transaction index range of the window.
    pub lo: TxIx,
    pub hi: TxIx,
    /// The span of the data in the window: first and last timestamps.
    pub t_first: i64,
    pub t_last: i64,
    /// The coarsest of day, hour, minute, second, millisecond that every timestamp is a multiple of.
    pub granularity: i64,
    active: usize,
    pair_of: Vec<u32>,
    pairs: Vec<Pair>,
    pair_index: FxHashMap<u64, u32>,
    payments: std::sync::OnceLock<Payments>,
    amounts: std::sync::OnceLock<Vec<i64>>,
}

/// Every payment of the window, classified by its payer's ordinary activity (see `fan`).
pub(crate) struct Payments {
    /// Per transaction (index − lo): explained by the payer's schedule or a standing relationship.
    pub ordinary: Vec<bool>,
    /// Per transaction: counted as activity by the fan-out burst statistic.
    pub counted: Vec<bool>,
    pub schedules: FxHashMap<AccountIx, super::fan::Schedule>,
}

impl<'g> Ctx<'g> {
    pub(crate) fn new(g: &'g TxGraph, p: &'g ScanParams) -> Ctx<'g> {
        let range = g.tx_range(p.window);
        let (lo, hi) = (range.start as TxIx, range.end as TxIx);
        let mut index: FxHashMap<u64, u32> = FxHashMap::default();
        index.reserve(range.len() / 2);
        let mut pair_of = Vec::with_capacity(range.len());
        let mut pairs: Vec<Pair> = Vec::new();
        for t in range.clone() {
            let key = (g.src[t] as u64) << 32 | g.dst[t] as u64;
            let id = *index.entry(key).or_insert_with(|| {
                pairs.push(Pair { count: 0, first: t as TxIx, last: t as TxIx, min_gap: i64::MAX });
                (pairs.len() - 1) as u32
            });
            let pr = &mut pairs[id as usize];
            if pr.count > 0 {
                pr.min_gap = pr.min_gap.min(g.ts[t] - g.ts[pr.last as usize]);
            }
            pr.count += 1;
            pr.last = t as TxIx;
            pair_of.push(id);
        }
        let (t_first, t_last) =
            if range.is_empty() { (0, 0) } else { (g.ts[range.start], g.ts[range.end - 1]) };
        // The data's time unit: the greatest common divisor of the times since the first, at most
        // a day (times on the hour give an hour; a clock that ticks every 86.4 s gives 86.4 s).
        let granularity = g.ts[range.clone()].iter().fold(DAY, |u, &t| gcd(u, t - t_first)).max(1);
        let mut seen = vec![false; g.account_count()];
        for t in range.clone() {
            seen[g.src[t] as usize] = true;
            seen[g.dst[t] as usize] = true;
        }
        let active = seen.iter().filter(|&&x| x).count();
        Ctx {
            g,
            p,
            lo,
            hi,
            t_first,
            t_last,
            granularity,
            active,
            pair_of,
            pairs,
            pair_index: index,
            payments: Default::default(),
            amounts: Default::default(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.lo >= self.hi
    }

    /// The observed span of the data, at least one day.
    pub(crate) fn span(&self) -> i64 {
        (self.t_last - self.t_first).max(0) + DAY
    }

    /// Outgoing transactions of `a` in the window, in time order.
    pub(crate) fn outgoing(&self, a: AccountIx) -> &'g [TxIx] {
        let list = self.g.outgoing(a);
        let (lo, hi) = (self.lo, self.hi);
        let x = list.partition_point(|&t| t < lo);
        let y = list.partition_point(|&t| t < hi);
        &list[x..y]
    }

    /// Incoming transactions of `a` in the window, in time order.
    pub(crate) fn incoming(&self, a: AccountIx) -> &'g [TxIx] {
        let list = self.g.incoming(a);
        let (lo, hi) = (self.lo, self.hi);
        let x = list.partition_point(|&t| t < lo);
        let y = list.partition_point(|&t| t < hi);
        &list[x..y]
    }

    /// Payments classified by their payers' ordinary activity (computed once).
    pub(crate) fn payments(&self) -> &Payments {
        self.payments.get_or_init(|| super::fan::classify_payments(self))
    }

    /// Whether the payer's ordinary activity (its schedule, a standing relationship) explains
    /// payment `t`.
    pub(crate) fn explained(&self, t: TxIx) -> bool {
        self.payments().ordinary[(t - self.lo) as usize]
    }

    /// Runs `f` over blocks of accounts on every core (work shared dynamically, so that a few
    /// busy accounts do not hold one thread up) and concatenates the results in account order.
    pub(crate) fn par_accounts<T: Send>(
        &self,
        f: impl Fn(std::ops::Range<AccountIx>) -> Vec<T> + Sync,
    ) -> Vec<T> {
        let n = self.g.account_count();
        par_blocks(n, ACCOUNT_BLOCK, |r| f(r.start as AccountIx..r.end as AccountIx))
    }

    /// Number of the window's transactions with `from <= ts < to`.
    pub(crate) fn between_all(&self, from: i64, to: i64) -> usize {
        let ts = &self.g.ts[self.lo as usize..self.hi as usize];
        ts.partition_point(|&t| t < to).saturating_sub(ts.partition_point(|&t| t < from))
    }

    /// Whether `a` paid `b` in the window.
    pub(crate) fn linked(&self, a: AccountIx, b: AccountIx) -> bool {
        self.pair_index.contains_key(&((a as u64) << 32 | b as u64))
    }

    /// The share of the window's transactions with `lo <= amount < hi` (the chance model of
    /// amounts).
    pub(crate) fn amount_share(&self, lo: i64, hi: i64) -> f64 {
        let v = self.amounts.get_or_init(|| {
            let mut v = self.g.amount[self.lo as usize..self.hi as usize].to_vec();
            v.sort_unstable();
            v
        });
        let n = v.partition_point(|&x| x < hi).saturating_sub(v.partition_point(|&x| x < lo));
        (n as f64 + 0.5) / (v.len() as f64 + 1.0)
    }

    /// Accounts with at least one transaction in the window.
    pub(crate) fn active_accounts(&self) -> usize {
        self.active
    }

    /// The relationship a transaction of the window belongs to.
    pub(crate) fn pair(&self, t: TxIx) -> Pair {
        self.pairs[self.pair_of[(t - self.lo) as usize] as usize]
    }

    pub(crate) fn ts(&self, t: TxIx) -> i64 {
        self.g.ts[t as usize]
    }

    pub(crate) fn amount(&self, t: TxIx) -> i64 {
        self.g.amount[t as usize]
    }

    /// Transactions of `list` with `from <= ts < to` (list in time order).
    pub(crate) fn between<'a>(&self, list: &'a [TxIx], from: i64, to: i64) -> &'a [TxIx] {
        let ts = &self.g.ts;
        let a = list.partition_point(|&t| ts[t as usize] < from);
        let b = list.partition_point(|&t| ts[t as usize] < to);
        &list[a..b.max(a)]
    }

    /// Sum of amounts, formatted per currency ("1234.50 USD" or "10.00 EUR + 5.00 USD").
    pub(crate) fn money(&self, txs: impl IntoIterator<Item = TxIx>) -> String {
        let mut sums: Vec<(crate::Currency, i64)> = Vec::new();
        for t in txs {
            let c = self.g.currency[t as usize];
            match sums.iter_mut().find(|s| s.0 == c) {
                Some(s) => s.1 += self.amount(t),
                None => sums.push((c, self.amount(t))),
            }
        }
        sums.sort_by_key(|s| s.0);
        if sums.is_empty() {
            return "0".into();
        }
        sums.iter().map(|(c, m)| format!("{} {}", c.format(*m), c.code())).collect::<Vec<_>>().join(" + ")
    }

    /// One amount in the currency of transaction `t`.
    pub(crate) fn money_of(&self, t: TxIx, minor: i64) -> String {
        let c = self.g.currency[t as usize];
        format!("{} {}", c.format(minor), c.code())
    }

    pub(crate) fn id(&self, a: AccountIx) -> &str {
        self.g.account_id(a)
    }
}

/// Accounts per unit of parallel work.
const ACCOUNT_BLOCK: usize = 512;

/// Runs `f` over `0..n` in blocks of `block` on every available core (at most 8) and concatenates
/// the results in order: the outcome does not depend on the number of threads.
pub(crate) fn par_blocks<T: Send>(
    n: usize,
    block: usize,
    f: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let block = block.max(1);
    let blocks = n.div_ceil(block);
    let threads = std::thread::available_parallelism().map_or(1, |x| x.get()).min(8).min(blocks);
    if threads <= 1 {
        return f(0..n);
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<T>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let b = next.fetch_add(1, Ordering::Relaxed);
                        if b >= blocks {
                            break;
                        }
                        mine.push((b, f(b * block..((b + 1) * block).min(n))));
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a scan worker panicked")).collect()
    });
    parts.sort_unstable_by_key(|p| p.0);
    parts.into_iter().flat_map(|p| p.1).collect()
}

/// A date (or date and time when not midnight UTC), for explanations.
pub(crate) fn date(ms: i64) -> String {
    let s = format_timestamp(ms);
    match s.strip_suffix("T00:00:00Z") {
        Some(d) => d.to_owned(),
        None => s,
    }
}

/// A duration in words: "12 days", "1 day", "5 hours", "same day".
pub(crate) fn duration(ms: i64) -> String {
    if ms >= 2 * DAY {
        let d = ms as f64 / DAY as f64;
        if (d - d.round()).abs() < 0.05 {
            format!("{} days", d.round() as i64)
        } else {
            format!("{d:.1} days")
        }
    } else if ms >= DAY {
        "1 day".into()
    } else if ms >= 2 * HOUR {
        format!("{} hours", ms / HOUR)
    } else if ms > 0 {
        format!("{} minutes", (ms / 60_000).max(1))
    } else {
        "no time".into()
    }
}

/// A duration as a figure, in days.
pub(crate) fn days(ms: i64) -> String {
    format!("{:.1}", ms as f64 / DAY as f64)
}

pub(crate) fn fig(name: &str, value: impl std::fmt::Display) -> (String, String) {
    (name.to_owned(), value.to_string())
}

pub(crate) fn ratio(x: f64) -> String {
    format!("{x:.2}")
}

/// ln n!, exact for small n, Stirling's series beyond.
pub(crate) fn ln_factorial(n: u64) -> f64 {
    if n < 2 {
        return 0.0;
    }
    if n < 32 {
        return (2..=n).map(|i| (i as f64).ln()).sum();
    }
    let x = n as f64;
    x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x)
        - 1.0 / (360.0 * x * x * x)
}

/// ln P(X ≥ k) for X ~ Poisson(λ). Zero when k = 0; very negative when the tail is tiny.
pub fn poisson_tail_ln(k: u64, lambda: f64) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let lambda = lambda.max(1e-12);
    if (k as f64) <= lambda {
        // The tail is at least about a half: 1 − P(X < k).
        if lambda > 50.0 {
            // Normal approximation with continuity correction.
            let z = (k as f64 - 0.5 - lambda) / lambda.sqrt();
            return (0.5 * erfc(z / std::f64::consts::SQRT_2)).max(1e-300).ln();
        }
        let mut term = (-lambda).exp();
        let mut below = term;
        for i in 1..k {
            term *= lambda / i as f64;
            below += term;
        }
        return (1.0 - below).max(1e-300).ln();
    }
    // Sum the tail from k upwards in log space; terms fall at least geometrically.
    let first = -lambda + k as f64 * lambda.ln() - ln_factorial(k);
    let mut sum = 1.0;
    let mut i = k;
    let mut rel = 1.0;
    while i < k + 1000 {
        i += 1;
        rel *= lambda / i as f64;
        sum += rel;
        if rel < 1e-12 * sum {
            break;
        }
    }
    first + sum.ln()
}

/// The complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.26551223
            + t * (1.00002368
                + t * (0.37409196
                    + t * (0.09678418
                        + t * (-0.18628806
                            + t * (0.27886807
                                + t * (-1.13520398
                                    + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// Surprise (nats, ≥ 0) of seeing at least `k` events where `lambda` were expected.
pub(crate) fn poisson_surprise(k: u64, lambda: f64) -> f64 {
    if (k as f64) <= lambda {
        // No more than expected: under ln 2, and nothing to report.
        return 0.0;
    }
    (-poisson_tail_ln(k, lambda)).max(0.0)
}

/// Maps evidence in nats to a score in [0, 1).
pub fn surprise_to_score(evidence: f64) -> f64 {
    if !evidence.is_finite() {
        return if evidence > 0.0 { 1.0 - 1e-12 } else { 0.0 };
    }
    (1.0 - (-evidence.max(0.0) / EVIDENCE_SCALE).exp()).min(1.0 - 1e-12)
}

/// Assembles an alert: transactions sorted and deduplicated, accounts with the principal ones
/// first and the others in order of appearance.
pub(crate) struct Draft {
    pub typology: Typology,
    pub evidence: f64,
    pub transactions: Vec<TxIx>,
    pub principal: Vec<AccountIx>,
    pub rule: &'static str,
    pub figures: Vec<(String, String)>,
    pub explanation: String,
}

impl Draft {
    pub(crate) fn finish(self, g: &TxGraph) -> Alert {
        let mut txs = self.transactions;
        txs.sort_unstable();
        txs.dedup();
        let mut accounts = Vec::new();
        let mut seen = FxHashSet::default();
        for &a in &self.principal {
            if seen.insert(a) {
                accounts.push(a);
            }
        }
        for &t in &txs {
            for a in [g.src[t as usize], g.dst[t as usize]] {
                if seen.insert(a) {
                    accounts.push(a);
                }
            }
        }
        let mut figures = self.figures;
        figures.push(fig("evidence_nats", format!("{:.1}", self.evidence)));
        Alert {
            typology: self.typology,
            score: surprise_to_score(self.evidence),
            transactions: txs,
            accounts,
            rule: self.rule.to_owned(),
            figures,
            explanation: self.explanation,
        }
    }
}

/// Merges alerts of one typology that describe the same pattern: the same principal account and
/// at least half of the smaller alert's transactions in common. The merged alert keeps the
/// stronger one's rule, figures and score, and the union of transactions and accounts.
pub(crate) fn merge_duplicates(mut alerts: Vec<Alert>) -> Vec<Alert> {
    sort_alerts(&mut alerts);
    let mut kept: Vec<Alert> = Vec::with_capacity(alerts.len());
    let mut merged_count: Vec<usize> = Vec::new();
    // (typology, transaction) → kept alerts holding it.
    let mut holders: FxHashMap<(Typology, TxIx), Vec<u32>> = FxHashMap::default();
    for a in alerts {
        let mut overlap: FxHashMap<u32, usize> = FxHashMap::default();
        for &t in &a.transactions {
            if let Some(hs) = holders.get(&(a.typology, t)) {
                for &h in hs {
                    *overlap.entry(h).or_insert(0) += 1;
                }
            }
        }
        let target = overlap
            .iter()
            .filter(|&(&h, &n)| {
                let k = &kept[h as usize];
                k.accounts.first() == a.accounts.first()
                    && 2 * n >= k.transactions.len().min(a.transactions.len())
            })
            .map(|(&h, _)| h)
            .min();
        match target {
            Some(h) => {
                let k = &mut kept[h as usize];
                let mut added = Vec::new();
                for &t in &a.transactions {
                    if k.transactions.binary_search(&t).is_err() {
                        added.push(t);
                    }
                }
                if !added.is_empty() {
                    k.transactions.extend(&added);
                    k.transactions.sort_unstable();
                    for t in added {
                        holders.entry((a.typology, t)).or_default().push(h);
                    }
                }
                for &acc in &a.accounts {
                    if !k.accounts.contains(&acc) {
                        k.accounts.push(acc);
                    }
                }
                merged_count[h as usize] += 1;
            }
            None => {
                let h = kept.len() as u32;
                for &t in &a.transactions {
                    holders.entry((a.typology, t)).or_default().push(h);
                }
                kept.push(a);
                merged_count.push(1);
            }
        }
    }
    for (k, n) in kept.iter_mut().zip(merged_count) {
        if n > 1 {
            k.figures.push(fig("merged_detections", n));
            k.explanation.push_str(&format!(
                " {n} overlapping detections of this pattern were merged into this alert."
            ));
        }
    }
    kept
}

/// Whether an alert of typology `weaker` is explained by a stronger alert of a structural
/// typology that holds its transactions: a fan-out from the source of a scatter-gather, a fan-in
/// into its sink, money passing through its intermediaries, the hub of a gather-scatter, a member
/// of a cycle.
fn explained_by(weaker: Typology, stronger: Typology) -> bool {
    use Typology::*;
    matches!(weaker, FanIn | FanOut | PassThrough | RemittanceFunnel | ControllerAccount)
        && matches!(stronger, ScatterGather | GatherScatter | Cycle)
}

/// Whether typology `specific` is a reading of the general shape `general` (a fan-in that is a
/// remittance funnel, MS1; a fan-in or pass-through that is a controller account, HT1).
fn refines(specific: Typology, general: Typology) -> bool {
    use Typology::*;
    matches!((specific, general), (RemittanceFunnel, FanIn) | (ControllerAccount, FanIn | PassThrough))
}

fn phrase(t: Typology) -> &'static str {
    match t {
        Typology::FanIn => "a fan-in into",
        Typology::FanOut => "a fan-out from",
        Typology::PassThrough => "a pass-through at",
        Typology::RemittanceFunnel => "a remittance funnel (MS1) into",
        Typology::ControllerAccount => "a controller account (HT1) at",
        _ => "a pattern at",
    }
}

/// How many of `a`'s transactions are in `b` (both sorted).
fn common_count(a: &[TxIx], b: &[TxIx]) -> usize {
    a.iter().filter(|t| b.binary_search(t).is_ok()).count()
}

/// One pattern, one alert (alerts sorted by score; so are the results):
/// 1. an indicator alert (MS1, HT1) scoring at least `min_score` and the general alert it reads
///    (fan-in, pass-through) of the same account, one holding at least 80% of the other's
///    transactions, are one pattern: the indicator alert stays, with the higher score of the two;
/// 2. an alert at least 80% of whose transactions belong to one stronger structural alert that
///    explains it (see `explained_by`) is dropped.
///
/// Each alert that stays notes what it absorbed.
pub(crate) fn drop_explained(g: &TxGraph, mut alerts: Vec<Alert>, min_score: f64) -> Vec<Alert> {
    let n = alerts.len();
    let mut keep = vec![true; n];
    let mut seen_as: Vec<Vec<String>> = vec![Vec::new(); n];
    // 1. Indicators over the general shapes they read.
    let mut by_principal: FxHashMap<AccountIx, Vec<usize>> = FxHashMap::default();
    for (i, a) in alerts.iter().enumerate() {
        by_principal.entry(a.accounts[0]).or_default().push(i);
    }
    for i in 0..n {
        let specific = alerts[i].typology;
        // An indicator reads the general shape only when it stands on its own evidence: a weak
        // reading does not take a strong fan-in's score and name.
        if !matches!(specific, Typology::RemittanceFunnel | Typology::ControllerAccount)
            || alerts[i].score < min_score
        {
            continue;
        }
        for &j in &by_principal[&alerts[i].accounts[0]] {
            if !keep[j] || !refines(specific, alerts[j].typology) {
                continue;
            }
            let c = common_count(&alerts[i].transactions, &alerts[j].transactions);
            if 5 * c >= 4 * alerts[i].transactions.len().min(alerts[j].transactions.len()) {
                keep[j] = false;
                let (gt, ga, gs) = (alerts[j].typology, alerts[j].accounts[0], alerts[j].score);
                seen_as[i].push(format!("{} {}", phrase(gt), g.account_id(ga)));
                if gs > alerts[i].score {
                    // The pattern's evidence is the stronger reading's.
                    alerts[i].score = gs;
                    let e = format!("{:.1}", -EVIDENCE_SCALE * (1.0 - gs).ln());
                    if let Some(f) = alerts[i].figures.iter_mut().find(|f| f.0 == "evidence_nats") {
                        f.1 = e;
                    }
                }
            }
        }
    }
    // 2. Shapes explained by a stronger structural pattern.
    let mut order: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    order.sort_by(|&x, &y| alerts[y].score.total_cmp(&alerts[x].score).then(x.cmp(&y)));
    let mut holder: FxHashMap<TxIx, Vec<u32>> = FxHashMap::default();
    for &i in &order {
        let a = &alerts[i];
        let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
        for t in &a.transactions {
            for &h in holder.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                *counts.entry(h).or_insert(0) += 1;
            }
        }
        let mut by: Vec<u32> = counts
            .into_iter()
            .filter(|&(h, c)| {
                explained_by(a.typology, alerts[h as usize].typology) && 5 * c >= 4 * a.transactions.len()
            })
            .map(|(h, _)| h)
            .collect();
        by.sort_unstable();
        if let Some(&h) = by.first() {
            keep[i] = false;
            let line = format!("{} {}", phrase(a.typology), g.account_id(a.accounts[0]));
            let absorbed = std::mem::take(&mut seen_as[i]);
            seen_as[h as usize].push(line);
            seen_as[h as usize].extend(absorbed);
            continue;
        }
        if matches!(a.typology, Typology::ScatterGather | Typology::GatherScatter | Typology::Cycle) {
            for &t in &a.transactions {
                holder.entry(t).or_default().push(i as u32);
            }
        }
    }
    for (a, also) in alerts.iter_mut().zip(seen_as) {
        if !also.is_empty() {
            a.figures.push(fig("also_seen_as", also.join("; ")));
            a.explanation.push_str(&format!(" The same pattern also shows as {}.", also.join(" and ")));
        }
    }
    let mut out: Vec<Alert> = alerts.into_iter().zip(keep).filter(|(_, k)| *k).map(|(a, _)| a).collect();
    sort_alerts(&mut out);
    out
}

/// Highest score first; ties by typology, first transaction, then accounts.
pub(crate) fn sort_alerts(alerts: &mut [Alert]) {
    alerts.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.typology.cmp(&b.typology))
            .then(a.transactions.first().cmp(&b.transactions.first()))
            .then(a.accounts.cmp(&b.accounts))
            .then(a.transactions.cmp(&b.transactions))
    });
}

/// The share of `part` in `whole`, 0 when `whole` is 0.
pub(crate) fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        (part / whole).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The median of a non-empty slice (sorted in place).
pub(crate) fn median(v: &mut [i64]) -> i64 {
    v.sort_unstable();
    let n = v.len();
    if n == 0 {
        0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    }
}

/// First-in first-out: how much of each receipt in `ins` left within `dwell` through `outs`,
/// and which payments took it.
pub(crate) fn withdrawn(
    ctx: &Ctx<'_>,
    ins: &[TxIx],
    outs: &[TxIx],
    dwell: i64,
) -> (Vec<i64>, Vec<Vec<TxIx>>) {
    let mut matched = vec![0i64; ins.len()];
    let mut takers = vec![Vec::new(); ins.len()];
    let mut queue: VecDeque<(usize, i64)> = VecDeque::new();
    let (mut i, mut j) = (0, 0);
    while j < outs.len() {
        if i < ins.len() && ins[i] < outs[j] {
            queue.push_back((i, ctx.amount(ins[i])));
            i += 1;
            continue;
        }
        let o = outs[j];
        j += 1;
        while queue.front().is_some_and(|&(k, _)| ctx.ts(o) - ctx.ts(ins[k]) > dwell) {
            queue.pop_front();
        }
        let mut left = ctx.amount(o);
        while left > 0 {
            let Some(front) = queue.front_mut() else { break };
            let take = left.min(front.1);
            front.1 -= take;
            left -= take;
            matched[front.0] += take;
            takers[front.0].push(o);
            if front.1 == 0 {
                queue.pop_front();
            }
        }
    }
    (matched, takers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_tail_matches_direct_sums() {
        // P(X ≥ 3; λ = 1) = 1 − e^-1 (1 + 1 + 1/2)
        let direct = 1.0 - (-1.0f64).exp() * 2.5;
        assert!((poisson_tail_ln(3, 1.0) - direct.ln()).abs() < 1e-9);
        // P(X ≥ 1; λ = 2) = 1 − e^-2
        assert!((poisson_tail_ln(1, 2.0) - (1.0 - (-2.0f64).exp()).ln()).abs() < 1e-9);
        assert_eq!(poisson_tail_ln(0, 5.0), 0.0);
        // Large k, small λ: ln(λ^k e^-λ / k!) dominates.
        let approx = -0.1 + 40.0 * 0.1f64.ln() - ln_factorial(40);
        assert!((poisson_tail_ln(40, 0.1) - approx).abs() < 0.01);
        assert!((ln_factorial(40) - (1..=40).map(|i| (i as f64).ln()).sum::<f64>()).abs() < 1e-6);
        // Large λ, k below it: about a half or more.
        let t = poisson_tail_ln(990, 1000.0).exp();
        assert!(t > 0.6 && t < 0.65, "{t}");
        assert!((erfc(0.0) - 1.0).abs() < 1e-7 && (erfc(1.0) - 0.157_299_207).abs() < 1e-6);
    }

    #[test]
    fn scores_are_monotone_and_bounded() {
        assert_eq!(surprise_to_score(0.0), 0.0);
        assert!(surprise_to_score(5.0) < surprise_to_score(6.0));
        assert!(surprise_to_score(1e9) < 1.0);
        assert_eq!(surprise_to_score(f64::NAN), 0.0);
    }
}

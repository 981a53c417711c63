//! Tracing money forward (where did it go?) and backward (where did it come from?) through the
//! temporal graph, with amount attribution under a chosen rule.
//!
//! A trace has two passes over the transactions of the window, in time order (reverse time order
//! when tracing backward):
//! 1. reachability: which accounts a time-respecting path of at most `max_hops` transactions, each
//!    of at least `min_amount`, reaches from the seeds, with the fewest hops, the earliest arrival
//!    and the earliest path;
//! 2. attribution: the reached accounts' balances are replayed, and each outgoing transaction's
//!    composition (own funds, and tainted funds per seed) is decided by the rule.
//!
//! Rules (see docs/flows-tracing.md for their legal footing):
//! - FIFO (Clayton's Case): withdrawals take the earliest unspent deposits first.
//! - LIFO: the latest deposits first.
//! - LIBR (lowest intermediate balance): own funds leave first; tainted funds only when no own
//!   funds remain; later own deposits do not replenish tainted funds.
//! - Pro-rata (rolling charge, "haircut"): each withdrawal carries taint in the proportion of the
//!   balance just before it.
//! - Poison: every withdrawal from an account that has received taint is wholly tainted (it
//!   over-attributes, by design).
//!
//! Invariants: money not seen in the data (an account's opening balance, an overdraft) is the
//! holder's own; for every rule but poison, per seed, tainted in = tainted remaining in reached
//! accounts + tainted that left the trace (beyond the hop limit, below the minimum amount, to a
//! stop account's onward payments, back to a seed).

use rustc_hash::{FxHashMap, FxHashSet};

use crate::graph::{AccountIx, TxGraph, TxIx};
use crate::money::Currency;
use crate::window::Window;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Fifo,
    Lifo,
    Libr,
    ProRata,
    Poison,
}

impl Rule {
    pub const ALL: [Rule; 5] = [Rule::Fifo, Rule::Lifo, Rule::Libr, Rule::ProRata, Rule::Poison];

    pub fn parse(s: &str) -> Option<Rule> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "fifo" | "clayton" => Some(Rule::Fifo),
            "lifo" => Some(Rule::Lifo),
            "libr" => Some(Rule::Libr),
            "pro-rata" | "prorata" | "haircut" | "rolling-charge" => Some(Rule::ProRata),
            "poison" => Some(Rule::Poison),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::Fifo => "fifo",
            Rule::Lifo => "lifo",
            Rule::Libr => "libr",
            Rule::ProRata => "pro-rata",
            Rule::Poison => "poison",
        }
    }

    /// One line a court brief can quote.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Fifo => "FIFO (Clayton's Case): withdrawals take the earliest unspent deposits first",
            Rule::Lifo => "LIFO: withdrawals take the most recent deposits first",
            Rule::Libr => "LIBR (lowest intermediate balance): own funds leave first; later own deposits do not replenish tainted funds",
            Rule::ProRata => "Pro-rata (rolling charge, haircut): each withdrawal carries taint in proportion to the balance before it",
            Rule::Poison => "Poison: every withdrawal from an account that has received taint is wholly tainted (over-attributes)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Where the money went.
    Forward,
    /// Where the money came from.
    Backward,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seed {
    /// Everything the account pays out (forward) or receives (backward) in the window is tainted.
    Account(String),
    /// This transaction's amount is tainted.
    Transaction(String),
}

#[derive(Debug, Clone)]
pub struct TraceParams {
    pub seeds: Vec<Seed>,
    pub direction: Direction,
    pub rule: Rule,
    pub window: Window,
    pub max_hops: u32,
    /// Transactions below this amount (minor units) are not followed.
    pub min_amount: i64,
    /// Accounts where a trace stops: cash-out, regulated institutions, accounts the user marks.
    pub stop_accounts: Vec<String>,
}

impl TraceParams {
    pub fn new(seeds: Vec<Seed>, rule: Rule) -> TraceParams {
        TraceParams {
            seeds,
            direction: Direction::Forward,
            rule,
            window: Window::ALL,
            max_hops: 6,
            min_amount: 0,
            stop_accounts: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TraceError {
    #[error("no seed given")]
    NoSeeds,
    #[error("seed `{0}` is neither an account nor a transaction in the data")]
    UnknownSeed(String),
    #[error(
        "the trace crosses several currencies ({0}); convert them first with a dated exchange-rate table"
    )]
    MixedCurrencies(String),
}

/// One account the trace reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    pub account: AccountIx,
    /// 0 for a seed account.
    pub hops: u32,
    /// Time of the first transaction that reached it (for a seed account: the window's start or
    /// its first movement).
    pub first_arrival: i64,
    /// The earliest-arriving path from a seed, as transactions in order of travel.
    pub path: Vec<TxIx>,
    pub is_seed: bool,
    pub is_stop: bool,
    /// Tainted amount received under the rule, in total and per seed.
    pub received: i64,
    pub received_by_seed: Vec<i64>,
    /// Tainted amount still in the account at the end of the window (None under poison).
    pub remaining: Option<i64>,
    pub remaining_by_seed: Vec<i64>,
}

/// Tainted money carried by one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub tx: TxIx,
    /// The paying and receiving account in the direction of the trace.
    pub from: AccountIx,
    pub to: AccountIx,
    pub amount: i64,
    pub by_seed: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct TraceResult {
    pub rule: Rule,
    pub direction: Direction,
    pub seeds: Vec<String>,
    pub currency: Option<Currency>,
    pub accounts: Vec<Reached>,
    pub flows: Vec<Flow>,
    /// Per seed: tainted amount that entered the trace, stayed in reached accounts, left it.
    pub tainted_in: Vec<i64>,
    pub remaining: Vec<i64>,
    pub exited: Vec<i64>,
}

const CLEAN: u16 = u16::MAX;

/// An oriented view: forward follows payer→payee in time order; backward follows payee→payer in
/// reverse time order.
struct View<'g> {
    g: &'g TxGraph,
    dir: Direction,
}

impl View<'_> {
    fn from(&self, t: usize) -> AccountIx {
        match self.dir {
            Direction::Forward => self.g.src[t],
            Direction::Backward => self.g.dst[t],
        }
    }
    fn to(&self, t: usize) -> AccountIx {
        match self.dir {
            Direction::Forward => self.g.dst[t],
            Direction::Backward => self.g.src[t],
        }
    }
    fn order(&self, range: std::ops::Range<usize>) -> Box<dyn Iterator<Item = usize>> {
        match self.dir {
            Direction::Forward => Box::new(range),
            Direction::Backward => Box::new(range.rev()),
        }
    }
}

#[derive(Clone, Copy)]
struct Arrival {
    hops: u32,
    first: i64,
    pred: Option<TxIx>,
}

/// What one account holds under the rule.
enum Holding {
    /// FIFO and LIFO: lots in deposit order, each of one source (`CLEAN` or a seed).
    Lots(std::collections::VecDeque<(u16, i64)>),
    /// LIBR and pro-rata: own funds and tainted funds per seed.
    Pool { clean: i64, tainted: Vec<i64> },
    /// Poison: which seeds have touched the account.
    Touched(Vec<bool>),
}

impl Holding {
    fn new(rule: Rule, seeds: usize) -> Holding {
        match rule {
            Rule::Fifo | Rule::Lifo => Holding::Lots(Default::default()),
            Rule::Libr | Rule::ProRata => Holding::Pool { clean: 0, tainted: vec![0; seeds] },
            Rule::Poison => Holding::Touched(vec![false; seeds]),
        }
    }

    /// Adds a deposit: `parts` are (source, amount).
    fn deposit(&mut self, parts: &[(u16, i64)]) {
        match self {
            Holding::Lots(lots) => {
                for &(src, amt) in parts.iter().filter(|p| p.1 > 0) {
                    match lots.back_mut() {
                        Some(last) if last.0 == src => last.1 += amt,
                        _ => lots.push_back((src, amt)),
                    }
                }
            }
            Holding::Pool { clean, tainted } => {
                for &(src, amt) in parts {
                    if src == CLEAN {
                        *clean += amt;
                    } else {
                        tainted[src as usize] += amt;
                    }
                }
            }
            Holding::Touched(seen) => {
                for &(src, amt) in parts {
                    if src != CLEAN && amt > 0 {
                        seen[src as usize] = true;
                    }
                }
            }
        }
    }

    /// Takes `amount` out under the rule; returns its composition. Funds beyond the known balance
    /// are the holder's own.
    fn withdraw(&mut self, rule: Rule, amount: i64, out: &mut Vec<(u16, i64)>) {
        out.clear();
        match self {
            Holding::Lots(lots) => {
                let mut need = amount;
                while need > 0 {
                    let lot = match rule {
                        Rule::Lifo => lots.back_mut(),
                        _ => lots.front_mut(),
                    };
                    let Some(lot) = lot else { break };
                    let take = lot.1.min(need);
                    push_part(out, lot.0, take);
                    lot.1 -= take;
                    need -= take;
                    if lot.1 == 0 {
                        if rule == Rule::Lifo {
                            lots.pop_back();
                        } else {
                            lots.pop_front();
                        }
                    }
                }
                if need > 0 {
                    push_part(out, CLEAN, need);
                }
            }
            Holding::Pool { clean, tainted } => {
                let total: i64 = *clean + tainted.iter().sum::<i64>();
                let from_known = amount.min(total.max(0));
                let excess = amount - from_known;
                if rule == Rule::Libr {
                    let own = (*clean).min(from_known);
                    *clean -= own;
                    push_part(out, CLEAN, own);
                    let rest = from_known - own;
                    let shares = proportional(rest, tainted);
                    for (s, share) in shares.into_iter().enumerate() {
                        tainted[s] -= share;
                        push_part(out, s as u16, share);
                    }
                } else {
                    let mut comps: Vec<i64> = Vec::with_capacity(tainted.len() + 1);
                    comps.push(*clean);
                    comps.extend_from_slice(tainted);
                    let shares = proportional(from_known, &comps);
                    *clean -= shares[0];
                    push_part(out, CLEAN, shares[0]);
                    for (s, share) in shares[1..].iter().enumerate() {
                        tainted[s] -= share;
                        push_part(out, s as u16, *share);
                    }
                }
                push_part(out, CLEAN, excess);
            }
            Holding::Touched(seen) => {
                // Every seed that has touched the account taints the whole amount.
                for (s, &t) in seen.iter().enumerate() {
                    if t {
                        out.push((s as u16, amount));
                    }
                }
            }
        }
    }

    fn remaining(&self, seeds: usize) -> Option<Vec<i64>> {
        match self {
            Holding::Lots(lots) => {
                let mut v = vec![0; seeds];
                for &(s, a) in lots {
                    if s != CLEAN {
                        v[s as usize] += a;
                    }
                }
                Some(v)
            }
            Holding::Pool { tainted, .. } => Some(tainted.clone()),
            Holding::Touched(_) => None,
        }
    }
}

fn push_part(out: &mut Vec<(u16, i64)>, src: u16, amt: i64) {
    if amt <= 0 {
        return;
    }
    match out.iter_mut().find(|p| p.0 == src) {
        Some(p) => p.1 += amt,
        None => out.push((src, amt)),
    }
}

/// Splits `amount` in proportion to `weights` (all ≥ 0), exactly: floors first, then the units
/// left over go to the largest remainders (ties to the lower index). Sums to `amount` whenever
/// `amount` ≤ the sum of the weights.
fn proportional(amount: i64, weights: &[i64]) -> Vec<i64> {
    let total: i128 = weights.iter().map(|&w| w.max(0) as i128).sum();
    let mut shares = vec![0i64; weights.len()];
    if amount <= 0 || total == 0 {
        return shares;
    }
    let amount = (amount as i128).min(total);
    let mut rems: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    let mut given: i128 = 0;
    for (i, &w) in weights.iter().enumerate() {
        let num = amount * w.max(0) as i128;
        shares[i] = (num / total) as i64;
        given += shares[i] as i128;
        rems.push((num % total, i));
    }
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = amount - given;
    for (_, i) in rems {
        if left == 0 {
            break;
        }
        if shares[i] < weights[i] {
            shares[i] += 1;
            left -= 1;
        }
    }
    shares
}

/// Runs a trace.
pub fn trace(g: &TxGraph, p: &TraceParams) -> Result<TraceResult, TraceError> {
    if p.seeds.is_empty() {
        return Err(TraceError::NoSeeds);
    }
    let view = View { g, dir: p.direction };
    let range = g.tx_range(p.window);
    let k = p.seeds.len();

    // Resolve seeds.
    let mut seed_accounts: FxHashMap<AccountIx, u16> = FxHashMap::default();
    let mut seed_txs: FxHashMap<TxIx, u16> = FxHashMap::default();
    let mut labels = Vec::with_capacity(k);
    for (i, s) in p.seeds.iter().enumerate() {
        match s {
            Seed::Account(id) => {
                let a = g.account(id).ok_or_else(|| TraceError::UnknownSeed(id.clone()))?;
                seed_accounts.insert(a, i as u16);
                labels.push(format!("account {}", g.account_id(a)));
            }
            Seed::Transaction(id) => {
                let t = g.find_tx(id).ok_or_else(|| TraceError::UnknownSeed(id.clone()))?;
                seed_txs.insert(t, i as u16);
                labels.push(format!("transaction {}", g.tx_id(t)));
            }
        }
    }
    let stops: FxHashSet<AccountIx> = p.stop_accounts.iter().filter_map(|s| g.account(s)).collect();

    // Pass 1: reachability.
    let mut arrival: FxHashMap<AccountIx, Arrival> = FxHashMap::default();
    let window_first = p.window.start.unwrap_or(i64::MIN);
    for &a in seed_accounts.keys() {
        arrival.insert(a, Arrival { hops: 0, first: window_first, pred: None });
    }
    for t in view.order(range.clone()) {
        let tx = t as TxIx;
        if g.amount[t] < p.min_amount {
            continue;
        }
        let (f, d) = (view.from(t), view.to(t));
        let from_hops = if seed_txs.contains_key(&tx) {
            Some(0)
        } else {
            arrival.get(&f).filter(|_| !stops.contains(&f)).map(|a| a.hops)
        };
        let Some(h) = from_hops else { continue };
        if h >= p.max_hops {
            continue;
        }
        match arrival.get_mut(&d) {
            None => {
                arrival.insert(d, Arrival { hops: h + 1, first: g.ts[t], pred: Some(tx) });
            }
            Some(a) if a.hops > h + 1 => a.hops = h + 1,
            Some(_) => {}
        }
    }

    // Currency: one per trace.
    let mut currencies: Vec<Currency> = Vec::new();
    for t in range.clone() {
        if arrival.contains_key(&view.from(t)) || arrival.contains_key(&view.to(t)) {
            let c = g.currency[t];
            if !currencies.contains(&c) {
                currencies.push(c);
                if currencies.len() > 1 {
                    let names: Vec<&str> = currencies.iter().map(|c| c.code()).collect();
                    return Err(TraceError::MixedCurrencies(names.join(", ")));
                }
            }
        }
    }

    // Pass 2: attribution.
    let mut holdings: FxHashMap<AccountIx, Holding> = FxHashMap::default();
    let mut received: FxHashMap<AccountIx, Vec<i64>> = FxHashMap::default();
    let mut tainted_in = vec![0i64; k];
    let mut exited = vec![0i64; k];
    let mut flows = Vec::new();
    let mut parts: Vec<(u16, i64)> = Vec::with_capacity(k + 1);
    let tracked = |a: AccountIx| arrival.contains_key(&a) && !seed_accounts.contains_key(&a);
    for t in view.order(range.clone()) {
        let tx = t as TxIx;
        let (f, d, amount) = (view.from(t), view.to(t), g.amount[t]);
        // What leaves `f`, by source.
        if let Some(&s) = seed_txs.get(&tx) {
            if tracked(f) && !stops.contains(&f) {
                let h = holdings.entry(f).or_insert_with(|| Holding::new(p.rule, k));
                let mut discard = Vec::new();
                h.withdraw(p.rule, amount, &mut discard);
                for (src, amt) in discard {
                    if src != CLEAN {
                        exited[src as usize] += amt;
                    }
                }
            }
            parts.clear();
            parts.push((s, amount));
            tainted_in[s as usize] += amount;
        } else if let Some(&s) = seed_accounts.get(&f) {
            if amount < p.min_amount || p.max_hops == 0 {
                continue;
            }
            parts.clear();
            parts.push((s, amount));
            tainted_in[s as usize] += amount;
        } else if tracked(f) {
            if stops.contains(&f) {
                // A stop account's onward payments are not followed; its taint stays put.
                parts.clear();
                parts.push((CLEAN, amount));
            } else {
                let h = holdings.entry(f).or_insert_with(|| Holding::new(p.rule, k));
                h.withdraw(p.rule, amount, &mut parts);
            }
        } else {
            parts.clear();
            parts.push((CLEAN, amount));
        }

        // Where it goes.
        let from_hops = if seed_txs.contains_key(&tx) { Some(0) } else { arrival.get(&f).map(|a| a.hops) };
        let followed =
            amount >= p.min_amount && from_hops.is_some_and(|h| h < p.max_hops) && !stops.contains(&f);
        if !tracked(d) {
            for &(src, amt) in &parts {
                if src != CLEAN {
                    exited[src as usize] += amt;
                }
            }
            continue;
        }
        let holding = holdings.entry(d).or_insert_with(|| Holding::new(p.rule, k));
        if !followed {
            // Not followed (hop limit, minimum amount, a stop account): the taint leaves the
            // trace here, and the receiver sees money of unknown origin, its own.
            for &(src, amt) in &parts {
                if src != CLEAN {
                    exited[src as usize] += amt;
                }
            }
            holding.deposit(&[(CLEAN, amount)]);
            continue;
        }
        holding.deposit(&parts);
        let mut by_seed = vec![0i64; k];
        for &(src, amt) in &parts {
            if src != CLEAN {
                by_seed[src as usize] += amt;
            }
        }
        if by_seed.iter().any(|&a| a > 0) {
            let r = received.entry(d).or_insert_with(|| vec![0; k]);
            for s in 0..k {
                r[s] += by_seed[s];
            }
            let total = match p.rule {
                Rule::Poison => amount,
                _ => by_seed.iter().sum(),
            };
            flows.push(Flow { tx, from: f, to: d, amount: total, by_seed });
        }
    }

    // Results, nearest first.
    let mut accounts: Vec<Reached> = arrival
        .iter()
        .map(|(&a, arr)| {
            let mut path = Vec::new();
            let mut cur = arr.pred;
            while let Some(tx) = cur {
                path.push(tx);
                let prev = view.from(tx as usize);
                cur = if seed_txs.contains_key(&tx) { None } else { arrival.get(&prev).and_then(|x| x.pred) };
                if path.len() > p.max_hops as usize {
                    break;
                }
            }
            path.reverse();
            let by_seed = received.get(&a).cloned().unwrap_or_else(|| vec![0; k]);
            let rem = holdings.get(&a).map_or(Some(vec![0; k]), |h| h.remaining(k));
            let rem = if p.rule == Rule::Poison { None } else { rem };
            let total = match p.rule {
                Rule::Poison => flows.iter().filter(|f| f.to == a).map(|f| f.amount).sum(),
                _ => by_seed.iter().sum(),
            };
            Reached {
                account: a,
                hops: arr.hops,
                first_arrival: arr.first,
                path,
                is_seed: seed_accounts.contains_key(&a),
                is_stop: stops.contains(&a),
                received: total,
                received_by_seed: by_seed,
                remaining: rem.as_ref().map(|r| r.iter().sum()),
                remaining_by_seed: rem.unwrap_or_default(),
            }
        })
        .collect();
    accounts.sort_by(|x, y| {
        x.hops.cmp(&y.hops).then(x.first_arrival.cmp(&y.first_arrival)).then(x.account.cmp(&y.account))
    });
    let mut remaining = vec![0i64; k];
    for a in &accounts {
        for (s, r) in a.remaining_by_seed.iter().enumerate() {
            remaining[s] += r;
        }
    }
    Ok(TraceResult {
        rule: p.rule,
        direction: p.direction,
        seeds: labels,
        currency: currencies.first().copied(),
        accounts,
        flows,
        tainted_in,
        remaining,
        exited,
    })
}

/// The accounts along a path of transactions, seed first, in the direction of the trace.
pub fn path_accounts(g: &TxGraph, path: &[TxIx], dir: Direction) -> Vec<AccountIx> {
    let view = View { g, dir };
    let mut v = Vec::with_capacity(path.len() + 1);
    for (i, &t) in path.iter().enumerate() {
        if i == 0 {
            v.push(view.from(t as usize));
        }
        v.push(view.to(t as usize));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportional_is_exact() {
        assert_eq!(proportional(75, &[100, 200]), vec![25, 50]);
        assert_eq!(proportional(10, &[10, 10, 10]), vec![4, 3, 3]);
        assert_eq!(proportional(10, &[1, 1, 1]), vec![1, 1, 1], "capped at the balance");
        assert_eq!(proportional(5, &[0, 0]), vec![0, 0]);
        assert_eq!(proportional(7, &[3, 2]), vec![3, 2], "capped at the weights");
    }
}

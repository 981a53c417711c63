//! Key players: which accounts matter for target selection. Every score comes with the figures
//! behind it.
//!
//! - amount-weighted PageRank: money flowing in from important accounts makes an account important;
//! - HITS: hubs pay many authorities, authorities are paid by many hubs (amount-weighted);
//! - net accumulation: money in minus money out (where money ends up);
//! - flow-through: the smaller of money in and money out (money passing through);
//! - traced: the tainted amount received from the seeds of a trace (given by the caller).

use crate::graph::{AccountIx, TxGraph};
use crate::window::Window;

#[derive(Debug, Clone, PartialEq)]
pub struct AccountRank {
    pub account: AccountIx,
    pub pagerank: f64,
    pub hub: f64,
    pub authority: f64,
    /// Minor units, over the window.
    pub inflow: i64,
    pub outflow: i64,
    pub net: i64,
    pub flow_through: i64,
    pub transactions_in: u32,
    pub transactions_out: u32,
    pub counterparties_in: u32,
    pub counterparties_out: u32,
}

#[derive(Debug, Clone, Copy)]
pub struct RankParams {
    pub window: Window,
    pub damping: f64,
    pub max_iterations: usize,
    pub tolerance: f64,
}

impl Default for RankParams {
    fn default() -> Self {
        RankParams { window: Window::ALL, damping: 0.85, max_iterations: 100, tolerance: 1e-10 }
    }
}

/// Aggregated weighted edges (source, target, total amount), sorted by source then target.
pub struct WeightedEdges {
    pub src: Vec<AccountIx>,
    pub dst: Vec<AccountIx>,
    pub weight: Vec<f64>,
}

/// Sums the amounts per (payer, payee) pair over the window, walking each account's outgoing
/// list (already in one place in memory) rather than hashing every transaction.
pub fn aggregate(g: &TxGraph, window: Window) -> WeightedEdges {
    let range = g.tx_range(window);
    let whole = range.start == 0 && range.end == g.tx_count();
    let mut e = WeightedEdges { src: Vec::new(), dst: Vec::new(), weight: Vec::new() };
    let mut buf: Vec<(AccountIx, i64)> = Vec::new();
    for a in 0..g.account_count() as AccountIx {
        buf.clear();
        for &t in g.outgoing(a) {
            let t = t as usize;
            if whole || range.contains(&t) {
                buf.push((g.dst[t], g.amount[t]));
            }
        }
        if buf.is_empty() {
            continue;
        }
        buf.sort_unstable_by_key(|p| p.0);
        let mut i = 0;
        while i < buf.len() {
            let d = buf[i].0;
            let mut sum = 0i64;
            while i < buf.len() && buf[i].0 == d {
                sum += buf[i].1;
                i += 1;
            }
            e.src.push(a);
            e.dst.push(d);
            e.weight.push(sum as f64);
        }
    }
    e
}

/// Amount-weighted PageRank with uniform teleport and dangling mass spread uniformly (the
/// definition igraph's PRPACK and networkx use). Solved by Gauss–Seidel sweeps over the edges
/// grouped by target (each account pulls from its payers, using the values already updated in
/// this sweep), which reaches the same fixed point in fewer sweeps than the power method.
pub fn pagerank(n: usize, e: &WeightedEdges, p: &RankParams) -> Vec<f64> {
    if n == 0 {
        return vec![];
    }
    let mut out_w = vec![0.0f64; n];
    for (i, &s) in e.src.iter().enumerate() {
        out_w[s as usize] += e.weight[i];
    }
    // Edges grouped by target (counting sort), each with the share of its source's outflow.
    let mut offsets = vec![0u32; n + 1];
    for &d in &e.dst {
        offsets[d as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut in_src = vec![0 as AccountIx; e.dst.len()];
    let mut in_share = vec![0.0f64; e.dst.len()];
    for i in 0..e.dst.len() {
        let slot = &mut fill[e.dst[i] as usize];
        in_src[*slot as usize] = e.src[i];
        in_share[*slot as usize] = e.weight[i] / out_w[e.src[i] as usize];
        *slot += 1;
    }
    let dangling: Vec<AccountIx> = (0..n as AccountIx).filter(|&a| out_w[a as usize] == 0.0).collect();
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..p.max_iterations {
        let dangling_mass: f64 = dangling.iter().map(|&a| x[a as usize]).sum();
        let base = (1.0 - p.damping) / n as f64 + p.damping * dangling_mass / n as f64;
        let mut diff = 0.0f64;
        for d in 0..n {
            let mut sum = 0.0f64;
            for k in offsets[d] as usize..offsets[d + 1] as usize {
                sum += x[in_src[k] as usize] * in_share[k];
            }
            let new = base + p.damping * sum;
            diff += (new - x[d]).abs();
            x[d] = new;
        }
        // Keep the vector a distribution (Gauss–Seidel does not conserve the sum mid-sweep).
        let total: f64 = x.iter().sum();
        x.iter_mut().for_each(|v| *v /= total);
        if diff < p.tolerance {
            break;
        }
    }
    x
}

/// Amount-weighted HITS: (hub, authority), each normalised to sum 1.
pub fn hits(n: usize, e: &WeightedEdges, p: &RankParams) -> (Vec<f64>, Vec<f64>) {
    let mut hub = vec![1.0f64; n];
    let mut auth = vec![0.0f64; n];
    for _ in 0..p.max_iterations {
        auth.iter_mut().for_each(|x| *x = 0.0);
        for i in 0..e.src.len() {
            auth[e.dst[i] as usize] += e.weight[i] * hub[e.src[i] as usize];
        }
        normalise(&mut auth);
        let mut new_hub = vec![0.0f64; n];
        for i in 0..e.src.len() {
            new_hub[e.src[i] as usize] += e.weight[i] * auth[e.dst[i] as usize];
        }
        normalise(&mut new_hub);
        let diff: f64 = hub.iter().zip(&new_hub).map(|(a, b)| (a - b).abs()).sum();
        hub = new_hub;
        if diff < p.tolerance {
            break;
        }
    }
    (hub, auth)
}

fn normalise(v: &mut [f64]) {
    let s: f64 = v.iter().sum();
    if s > 0.0 {
        v.iter_mut().for_each(|x| *x /= s);
    }
}

/// Every account's ranks and figures over the window.
pub fn rank(g: &TxGraph, p: &RankParams) -> Vec<AccountRank> {
    let n = g.account_count();
    let e = aggregate(g, p.window);
    let pr = pagerank(n, &e, p);
    let (hub, auth) = hits(n, &e, p);
    let mut rows: Vec<AccountRank> = (0..n as AccountIx)
        .map(|a| AccountRank {
            account: a,
            pagerank: pr[a as usize],
            hub: hub[a as usize],
            authority: auth[a as usize],
            inflow: 0,
            outflow: 0,
            net: 0,
            flow_through: 0,
            transactions_in: 0,
            transactions_out: 0,
            counterparties_in: 0,
            counterparties_out: 0,
        })
        .collect();
    for t in g.tx_range(p.window) {
        let (s, d, m) = (g.src[t] as usize, g.dst[t] as usize, g.amount[t]);
        rows[s].outflow += m;
        rows[s].transactions_out += 1;
        rows[d].inflow += m;
        rows[d].transactions_in += 1;
    }
    for i in 0..e.src.len() {
        rows[e.src[i] as usize].counterparties_out += 1;
        rows[e.dst[i] as usize].counterparties_in += 1;
    }
    for r in &mut rows {
        r.net = r.inflow - r.outflow;
        r.flow_through = r.inflow.min(r.outflow);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::GraphBuilder;
    use crate::money::Currency;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// `aggregate` gives, sorted by payer then payee, the sums a plain map of the window's
        /// transactions gives (repeated payees, self-payments and windows included).
        #[test]
        fn aggregate_sums_each_pair_in_the_window(
            txs in proptest::collection::vec((0u8..12, 0u8..12, 1i64..10_000), 0..200),
            start in 0i64..200,
            len in 0i64..250,
        ) {
            let usd = Currency::parse("USD").unwrap();
            let mut b = GraphBuilder::default();
            for (i, &(s, d, amount)) in txs.iter().enumerate() {
                b.push(&format!("t{i}"), &format!("a{s}"), &format!("a{d}"), amount, usd, i as i64, "TRANSFER");
            }
            let g = b.build();
            let window = Window::new(Some(start), Some(start + len));
            let mut expected: BTreeMap<(AccountIx, AccountIx), i64> = BTreeMap::new();
            for t in 0..g.tx_count() {
                if window.contains(g.ts[t]) {
                    *expected.entry((g.src[t], g.dst[t])).or_default() += g.amount[t];
                }
            }
            let e = aggregate(&g, window);
            let got: Vec<((AccountIx, AccountIx), i64)> =
                (0..e.src.len()).map(|i| ((e.src[i], e.dst[i]), e.weight[i] as i64)).collect();
            prop_assert_eq!(got, expected.into_iter().collect::<Vec<_>>());
        }
    }

    #[test]
    fn pagerank_sums_to_one_and_favours_the_sink_of_money() {
        // 0 → 2 (big), 1 → 2 (big), 2 → 3 (small), 3 → 0 (small)
        let e = WeightedEdges {
            src: vec![0, 1, 2, 3],
            dst: vec![2, 2, 3, 0],
            weight: vec![100.0, 100.0, 10.0, 10.0],
        };
        let pr = pagerank(4, &e, &RankParams::default());
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[2] > pr[0] && pr[2] > pr[1]);
        let (hub, auth) = hits(4, &e, &RankParams::default());
        assert!(auth[2] > auth[3] && hub[0] > hub[3]);
    }
}

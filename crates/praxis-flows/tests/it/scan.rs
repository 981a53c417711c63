//! Typology scan on generated heavy-tailed data: its invariants.

use praxis_flows::graph::GraphBuilder;
use praxis_flows::scan::{scan, ScanParams, Typology, DAY};
use praxis_flows::Currency;

/// A heavy-tailed random graph: `n` transactions among `accounts` accounts over `days` days.
fn heavy_tailed(n: usize, accounts: u64, days: i64, seed: u64) -> praxis_flows::TxGraph {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let usd = Currency::parse("USD").unwrap();
    let mut b = GraphBuilder::with_capacity(n);
    let mut rows: Vec<(i64, u64, u64, i64)> = (0..n)
        .map(|_| {
            let u = |x: u64| (x >> 11) as f64 / (1u64 << 53) as f64;
            // Power-law account choice: a few accounts take much of the traffic.
            let s = (accounts as f64 * u(next()).powi(3)) as u64;
            let d = (accounts as f64 * u(next()).powi(2)) as u64;
            let ts = (u(next()) * (days * DAY) as f64) as i64;
            let amount = (10f64.powf(2.0 + 4.0 * u(next()))) as i64;
            (ts, s, d, amount)
        })
        .collect();
    rows.sort_unstable();
    for (i, (ts, s, d, amount)) in rows.into_iter().enumerate() {
        b.push(&i.to_string(), &s.to_string(), &d.to_string(), amount.max(1), usd, ts, "TRANSFER");
    }
    b.build()
}

/// The scan's invariants on a heavy-tailed random graph (its speed is measured in `bench/`, not
/// here): deterministic, one alert per pattern, every alert's transactions in time order, each
/// score in [0, 1) with an explanation.
#[test]
fn the_scan_is_deterministic_and_its_alerts_well_formed() {
    let g = heavy_tailed(60_000, 8_000, 90, 0x9e37_79b9_7f4a_7c15);
    let first = scan(&g, &ScanParams::default());
    let again = scan(&g, &ScanParams::default());
    assert_eq!(first, again, "same graph, same alerts in the same order");
    assert!(!first.is_empty());
    for a in &first {
        assert!((0.0..1.0).contains(&a.score), "{}", a.score);
        assert!(!a.explanation.is_empty() && !a.rule.is_empty() && !a.accounts.is_empty());
        assert!(a.transactions.windows(2).all(|w| w[0] <= w[1]), "transactions in time order");
    }
    let per_typology: usize = Typology::ALL
        .iter()
        .map(|&t| {
            scan(&g, &ScanParams { typologies: vec![t], min_score: 0.0, ..ScanParams::default() }).len()
        })
        .sum();
    assert!(per_typology >= first.len(), "the whole scan merges, never invents, alerts");
}

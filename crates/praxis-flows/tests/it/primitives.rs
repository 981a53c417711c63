//! The fast primitives against brute force on small random graphs.

use std::collections::BTreeSet;

use praxis_flows::graph::GraphBuilder;
use praxis_flows::money::Currency;
use praxis_flows::primitives::{rolling_count_in, simple_cycle_count};
use praxis_flows::{TxGraph, Window};
use proptest::prelude::*;

/// (orig, bene, timestamp) rows, in input order; few accounts and few distinct times, so that
/// parallel edges, self-payments and equal timestamps are common.
fn rows(accounts: u8, times: i64, max_rows: usize) -> impl Strategy<Value = Vec<(u8, u8, i64)>> {
    proptest::collection::vec((0..accounts, 0..accounts, 0..times), 0..max_rows)
}

fn build(rows: &[(u8, u8, i64)]) -> TxGraph {
    let usd = Currency::parse("USD").unwrap();
    let mut b = GraphBuilder::with_capacity(rows.len());
    for (i, &(s, d, ts)) in rows.iter().enumerate() {
        b.push(&format!("t{i}"), &s.to_string(), &d.to_string(), 100, usd, ts, "");
    }
    b.build()
}

/// Counts, per input row, the rows into the same receiver with `ts - w <= ts' <= ts`.
fn brute_rolling(rows: &[(u8, u8, i64)], w: i64) -> Vec<u32> {
    rows.iter()
        .map(|&(_, d, ts)| rows.iter().filter(|r| r.1 == d && r.2 >= ts - w && r.2 <= ts).count() as u32)
        .collect()
}

/// Every sequence of distinct vertices whose first is the smallest, closed by edges of the
/// deduplicated, loop-free window subgraph.
fn brute_cycles(rows: &[(u8, u8, i64)], window: Window, min_len: usize, max_len: usize) -> u64 {
    let edges: BTreeSet<(u8, u8)> =
        rows.iter().filter(|r| window.contains(r.2) && r.0 != r.1).map(|r| (r.0, r.1)).collect();
    let vertices: BTreeSet<u8> = edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    let vertices: Vec<u8> = vertices.into_iter().collect();
    fn extend(
        path: &mut Vec<u8>,
        vertices: &[u8],
        edges: &BTreeSet<(u8, u8)>,
        min_len: usize,
        max_len: usize,
    ) -> u64 {
        let mut count = 0;
        let (first, last) = (path[0], *path.last().unwrap());
        if path.len() >= min_len.max(2) && path.len() <= max_len && edges.contains(&(last, first)) {
            count += 1;
        }
        if path.len() < max_len {
            for &v in vertices {
                if v > first && !path.contains(&v) && edges.contains(&(last, v)) {
                    path.push(v);
                    count += extend(path, vertices, edges, min_len, max_len);
                    path.pop();
                }
            }
        }
        count
    }
    let mut total = 0;
    for &s in &vertices {
        total += extend(&mut vec![s], &vertices, &edges, min_len, max_len);
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rolling_count_matches_brute_force(rows in rows(6, 40, 60), w in 0i64..15) {
        let g = build(&rows);
        let fast = rolling_count_in(&g, w);
        let expected = brute_rolling(&rows, w);
        prop_assert_eq!(fast.len(), rows.len());
        for (t, &c) in fast.iter().enumerate() {
            let input = g.input_pos[t] as usize;
            prop_assert_eq!(g.tx_id(t as u32), format!("t{input}"));
            prop_assert_eq!(c, expected[input], "transaction t{}", input);
        }
    }

    #[test]
    fn cycle_count_matches_brute_force(
        rows in rows(7, 10, 45),
        start in proptest::option::of(0i64..5),
        end in proptest::option::of(3i64..11),
        min_len in 0usize..5,
        max_len in 0usize..8,
    ) {
        let g = build(&rows);
        let window = Window::new(start, end);
        prop_assert_eq!(
            simple_cycle_count(&g, window, min_len, max_len),
            brute_cycles(&rows, window, min_len, max_len)
        );
    }
}

#[test]
fn rolling_count_includes_peers_at_equal_timestamps() {
    // Into 1 at 0, 5, 5, 10 (window 5): 1, 3, 3, 3 — the peers at 5 count for each other, and
    // the lower bound is inclusive (the one at 10 counts those at 5).
    let rows = [(0, 1, 0), (2, 1, 5), (3, 1, 5), (0, 1, 10), (1, 0, 10)];
    let g = build(&rows);
    let c = rolling_count_in(&g, 5);
    let mut by_input = vec![0; rows.len()];
    for (t, &count) in c.iter().enumerate() {
        by_input[g.input_pos[t] as usize] = count;
    }
    assert_eq!(by_input, vec![1, 3, 3, 3, 1]);
}

#[test]
fn cycles_in_a_complete_digraph() {
    // K4 with both directions: 6 two-cycles, 8 triangles, 6 four-cycles; parallel edges and
    // self-payments change nothing.
    let mut rows = vec![];
    for a in 0..4u8 {
        for b in 0..4u8 {
            rows.push((a, b, 1));
            rows.push((a, b, 2));
        }
    }
    let g = build(&rows);
    assert_eq!(simple_cycle_count(&g, Window::ALL, 2, 2), 6);
    assert_eq!(simple_cycle_count(&g, Window::ALL, 3, 3), 8);
    assert_eq!(simple_cycle_count(&g, Window::ALL, 4, 6), 6);
    assert_eq!(simple_cycle_count(&g, Window::ALL, 0, 6), 20);
    assert_eq!(simple_cycle_count(&g, Window::new(Some(2), None), 1, 3), 14);
    assert_eq!(simple_cycle_count(&g, Window::new(Some(3), None), 2, 6), 0);
}

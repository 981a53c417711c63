//! Property: for every rule but poison, per seed, tainted in = tainted remaining + tainted that
//! left the trace; and what accounts report received equals what the flows carried to them.

use praxis_flows::batch::Transaction;
use praxis_flows::money::Currency;
use praxis_flows::trace::{trace, Direction, Rule, Seed, TraceParams};
use praxis_flows::TxGraph;
use proptest::prelude::*;

fn transactions() -> impl Strategy<Value = Vec<Transaction>> {
    let usd = Currency::parse("USD").unwrap();
    proptest::collection::vec((0u8..8, 0u8..8, 1i64..50_000, 0i64..20), 1..80).prop_map(move |rows| {
        rows.into_iter()
            .enumerate()
            .filter(|(_, (a, b, _, _))| a != b)
            .map(|(i, (a, b, amount, day))| Transaction {
                id: i.to_string(),
                orig: a.to_string(),
                bene: b.to_string(),
                amount,
                currency: usd,
                timestamp: day * 86_400_000,
                channel: String::new(),
                reference: String::new(),
                orig_holder: String::new(),
                bene_holder: String::new(),
                file: "p".into(),
                line: i as u64,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn taint_is_conserved(
        txs in transactions(),
        seeds in proptest::collection::btree_set(0u8..8, 1..3),
        hops in 1u32..6,
        min in 0i64..2_000,
        backward in any::<bool>(),
    ) {
        prop_assume!(!txs.is_empty());
        let g = TxGraph::from_transactions(&txs);
        let seeds: Vec<Seed> = seeds.iter().map(|s| s.to_string()).filter(|s| g.account(s).is_some()).map(Seed::Account).collect();
        prop_assume!(!seeds.is_empty());
        for rule in [Rule::Fifo, Rule::Lifo, Rule::Libr, Rule::ProRata] {
            let mut p = TraceParams::new(seeds.clone(), rule);
            p.max_hops = hops;
            p.min_amount = min;
            p.direction = if backward { Direction::Backward } else { Direction::Forward };
            let r = trace(&g, &p).unwrap();
            for s in 0..seeds.len() {
                prop_assert_eq!(r.tainted_in[s], r.remaining[s] + r.exited[s], "rule {} seed {}", rule.name(), s);
                prop_assert!(r.remaining[s] >= 0 && r.exited[s] >= 0);
            }
            for a in &r.accounts {
                let carried: i64 = r.flows.iter().filter(|f| f.to == a.account).map(|f| f.amount).sum();
                prop_assert_eq!(a.received, carried);
                prop_assert!(a.hops <= hops);
            }
        }
    }
}

//! The generator is deterministic and its ground truth consistent; the scan's indicators find
//! the planted instances and raise nothing on the legitimate look-alikes (the small-size version
//! of `bench/run --suite indicators`).

use super::*;
use crate::scan::{scan, ScanParams};

fn small(seed: u64, n: usize) -> Config {
    Config { transactions: 6_000, seed, plants: n, decoys: n }
}

fn rows(s: &Synthetic) -> Vec<(i64, String, String, i64)> {
    let g = &s.graph;
    (0..g.tx_count() as TxIx)
        .map(|t| {
            let i = t as usize;
            (g.ts[i], g.account_id(g.src[i]).to_owned(), g.account_id(g.dst[i]).to_owned(), g.amount[i])
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let (a, b, c) = (generate(&small(1, 2)), generate(&small(1, 2)), generate(&small(2, 2)));
    assert_eq!(rows(&a), rows(&b));
    assert_eq!(a.truth.len(), b.truth.len());
    for (x, y) in a.truth.iter().zip(&b.truth) {
        assert_eq!(
            (x.label, &x.principal, &x.transactions, &x.params),
            (y.label, &y.principal, &y.transactions, &y.params)
        );
    }
    assert_ne!(rows(&a), rows(&c), "another seed, other data");
}

#[test]
fn the_ground_truth_names_the_planted_transactions() {
    let s = generate(&small(3, 3));
    let g = &s.graph;
    assert_eq!(s.truth.iter().filter(|i| matches!(i.label, Label::Planted(_))).count(), 12);
    assert_eq!(s.truth.iter().filter(|i| matches!(i.label, Label::Decoy(_))).count(), 15);
    for inst in &s.truth {
        assert!(!inst.transactions.is_empty(), "{}", inst.params);
        assert!(inst.transactions.windows(2).all(|w| w[0] < w[1]));
        for &t in &inst.transactions {
            let (src, dst) = (g.src[t as usize], g.dst[t as usize]);
            let ok = match inst.label {
                // The receipts of the recipient or pooling account.
                Label::Planted(Typology::RemittanceFunnel | Typology::PooledWages) => {
                    dst == inst.principal[0]
                }
                // Payments into the controller and its withdrawals.
                Label::Planted(Typology::ControllerAccount) => {
                    src == inst.principal[0] || dst == inst.principal[0]
                }
                // Transfers between the two hawaladars.
                Label::Planted(Typology::HawalaSettlement) => {
                    inst.principal.contains(&src) && inst.principal.contains(&dst)
                }
                Label::Planted(other) => panic!("not an indicator: {other:?}"),
                Label::Decoy(_) => inst.principal.contains(&src) || inst.principal.contains(&dst),
            };
            assert!(ok, "{}: transaction {} is not the instance's", inst.params, g.tx_id(t));
        }
    }
    // Plants and decoys sit in a year of background and ordinary life.
    assert!(g.tx_count() > 6_000 + s.truth.iter().map(|i| i.transactions.len()).sum::<usize>() / 2);
    assert!(g.ts.iter().all(|&t| (START..START + SPAN).contains(&t)));
}

/// The small size of `bench/run --suite indicators` (100,000 transactions, 16 instances of each
/// indicator and of each decoy), seed 1. Measured when written: MS1 found 14 of 16, HT1 11 of 16,
/// HT6 16 of 16, MS3 12 of 16, and no alert on any of the 80 decoys. The rules before this suite
/// existed found HT1 in few of them and alerted on most shops, payrolls, savings accounts and
/// trading partners (docs/flows.md, "Indicator evaluation").
#[test]
fn indicators_find_the_plants_and_spare_the_look_alikes() {
    let s = generate(&Config::sized(100_000, 1));
    let alerts = scan(&s.graph, &ScanParams::default());
    let e = evaluate(&alerts, &s.truth);
    for d in &e.decoys {
        assert_eq!(d.fired, 0, "{} of {} {} decoys raised {:?}", d.fired, d.decoys, d.kind.name(), d.alerts);
    }
    let floors = [0.8, 0.5, 0.9, 0.7];
    for (t, floor) in plant::INDICATORS.iter().zip(floors) {
        let sc = e.score(*t);
        assert_eq!(sc.planted, 16);
        assert_eq!(sc.decoy_alerts, 0);
        assert!(
            sc.recall() >= floor,
            "{}: recall {:.3} below {floor}; missed: {:?}",
            t.name(),
            sc.recall(),
            sc.missed
        );
    }
}

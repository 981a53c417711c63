//! The worked example of the flows issue and the reference notes, which must come out exactly.
//! One account (3), starting empty: +100 own (from 1), +200 tainted (from the seed, 2), −75 to a
//! car dealer (4), −150 to a boat seller (5), +50 own (from 1), −100 to account Y (6).

use praxis_flows::trace::{trace, Direction, Rule, Seed, TraceParams};
use praxis_flows::window::Window;

use crate::graph;

const EXAMPLE: &str = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,1,3,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
2,2,3,TRANSFER,200.00,2017-01-01T00:00:00Z,False,-1
3,3,4,TRANSFER,75.00,2017-01-01T00:00:00Z,False,-1
4,3,5,TRANSFER,150.00,2017-01-01T00:00:00Z,False,-1
5,1,3,TRANSFER,50.00,2017-01-01T00:00:00Z,False,-1
6,3,6,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
";

/// (car, boat, Y, tainted left in account 3) in cents; `None` where the rule has no remainder.
fn check(rule: Rule, expected: (i64, i64, i64, Option<i64>)) {
    let g = graph(EXAMPLE);
    let r = trace(&g, &TraceParams::new(vec![Seed::Account("2".into())], rule)).unwrap();
    let amount =
        |id: &str| r.accounts.iter().find(|a| g.account_id(a.account) == id).map_or(0, |a| a.received);
    let left = r.accounts.iter().find(|a| g.account_id(a.account) == "3").unwrap().remaining;
    assert_eq!((amount("4"), amount("5"), amount("6"), left), expected, "{}", rule.name());
    assert_eq!(r.tainted_in, vec![20000]);
    if rule != Rule::Poison {
        assert_eq!(r.tainted_in[0], r.remaining[0] + r.exited[0], "conservation under {}", rule.name());
    }
}

#[test]
fn fifo() {
    check(Rule::Fifo, (0, 12500, 7500, Some(0)));
}

#[test]
fn lifo() {
    check(Rule::Lifo, (7500, 12500, 0, Some(0)));
}

#[test]
fn libr() {
    check(Rule::Libr, (0, 12500, 5000, Some(2500)));
}

#[test]
fn pro_rata() {
    check(Rule::ProRata, (5000, 10000, 4000, Some(1000)));
}

#[test]
fn poison() {
    check(Rule::Poison, (7500, 15000, 10000, None));
}

#[test]
fn reachability_hops_and_paths() {
    let g = graph(EXAMPLE);
    let r = trace(&g, &TraceParams::new(vec![Seed::Account("2".into())], Rule::Fifo)).unwrap();
    let hops: Vec<(String, u32)> =
        r.accounts.iter().map(|a| (g.account_id(a.account).to_owned(), a.hops)).collect();
    assert_eq!(
        hops,
        vec![("2".into(), 0), ("3".into(), 1), ("4".into(), 2), ("5".into(), 2), ("6".into(), 2)]
    );
    let six = r.accounts.iter().find(|a| g.account_id(a.account) == "6").unwrap();
    let path: Vec<&str> = six.path.iter().map(|&t| g.tx_id(t)).collect();
    assert_eq!(path, vec!["2", "6"]);
    // A hop limit of 1 stops at account 3, where the taint stays (or leaves the trace).
    let mut p = TraceParams::new(vec![Seed::Account("2".into())], Rule::Fifo);
    p.max_hops = 1;
    let r = trace(&g, &p).unwrap();
    assert_eq!(r.accounts.len(), 2);
    assert_eq!(r.exited[0] + r.remaining[0], 20000);
    assert_eq!(r.exited[0], 20000, "under FIFO all the taint left account 3");
}

#[test]
fn backward_from_y_finds_the_seed_and_the_own_funds() {
    let g = graph(EXAMPLE);
    let mut p = TraceParams::new(vec![Seed::Account("6".into())], Rule::Fifo);
    p.direction = Direction::Backward;
    let r = trace(&g, &p).unwrap();
    let ids: Vec<&str> = r.accounts.iter().map(|a| g.account_id(a.account)).collect();
    assert_eq!(ids, vec!["6", "3", "1", "2"]);
    assert_eq!(r.tainted_in, vec![10000]);
    assert_eq!(r.tainted_in[0], r.remaining[0] + r.exited[0]);
}

#[test]
fn a_transaction_seed_and_a_window() {
    let g = graph(EXAMPLE);
    let r = trace(&g, &TraceParams::new(vec![Seed::Transaction("2".into())], Rule::Fifo)).unwrap();
    let amount =
        |id: &str| r.accounts.iter().find(|a| g.account_id(a.account) == id).map_or(0, |a| a.received);
    assert_eq!((amount("4"), amount("5"), amount("6")), (0, 12500, 7500));
    // A window that ends before the seed moves reaches nothing.
    let mut p = TraceParams::new(vec![Seed::Account("2".into())], Rule::Fifo);
    p.window = Window::new(None, Some(0));
    assert_eq!(trace(&g, &p).unwrap().accounts.len(), 1);
    assert!(trace(&g, &TraceParams::new(vec![Seed::Account("nope".into())], Rule::Fifo)).is_err());
}

#[test]
fn a_stop_account_keeps_what_it_receives() {
    let g = graph(EXAMPLE);
    let mut p = TraceParams::new(vec![Seed::Account("2".into())], Rule::Fifo);
    p.stop_accounts = vec!["3".into()];
    let r = trace(&g, &p).unwrap();
    let three = r.accounts.iter().find(|a| g.account_id(a.account) == "3").unwrap();
    assert!(three.is_stop);
    assert_eq!((three.received, three.remaining), (20000, Some(20000)));
    assert_eq!(r.accounts.len(), 2, "nothing beyond the stop");
}

//! Quality on the AMLSim sample: recall per typology and precision among the top K alerts.

use std::time::Instant;

use praxis_flows::import::amlsim;
use praxis_flows::scan::eval::{evaluate, read_amlsim_truth};
use praxis_flows::scan::{scan, ScanParams};
use praxis_flows::TxGraph;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/amlsim-10k-mixed");

#[test]
fn amlsim_sample_recall_and_precision() {
    let file = std::fs::File::open(format!("{DATA}/transactions.csv.gz")).expect("the AMLSim sample");
    let batch = amlsim::read(file, "transactions.csv.gz").unwrap();
    assert!(batch.errors.is_empty());
    let g = TxGraph::from_transactions(&batch.transactions);
    let truth = std::fs::File::open(format!("{DATA}/alert_transactions.csv")).unwrap();
    let patterns = read_amlsim_truth(truth, &g).unwrap();
    let started = Instant::now();
    let alerts = scan(&g, &ScanParams::default());
    let elapsed = started.elapsed();
    let e = evaluate(&alerts, &patterns);
    eprintln!("scan of {} transactions: {:.2} s\n{}", g.tx_count(), elapsed.as_secs_f64(), e.table());
    // Measured: 199 of 200. cycle 39/40 (the one missed, alert 64, is three payments of a cycle
    // two of whose five legs never happened, the rest out of time order: no chain of money is
    // left; see docs/flows.md), fan_in 30/30, fan_out 30/30, gather_scatter 50/50,
    // scatter_gather 50/50; precision@200 0.815 with one alert per pattern (most of the rest are
    // AMLSim's look-alike "false alerts", built like the laundering ones).
    let at_least = [
        ("cycle", 0.95),
        ("fan_in", 1.0),
        ("fan_out", 1.0),
        ("gather_scatter", 1.0),
        ("scatter_gather", 1.0),
    ];
    for (t, r) in at_least {
        let got = e.recall_of(t).unwrap();
        assert!(got >= r, "recall of {t}: {got:.3} < {r}");
    }
    assert!(e.precision_at_k() >= 0.8, "precision@K {:.3}", e.precision_at_k());
    assert!(elapsed.as_secs_f64() < 10.0, "the sample scans in well under ten seconds");
}

/// The sample with many quiet ordinary accounts added (each pays one to three others at random
/// times, mostly accounts already in the data, chosen by how often they are paid): the kind of
/// data the engine is measured on. Recall must hold and precision must not collapse.
#[test]
fn quiet_ordinary_accounts_do_not_drown_the_patterns() {
    let file = std::fs::File::open(format!("{DATA}/transactions.csv.gz")).expect("the AMLSim sample");
    let mut txs = amlsim::read(file, "transactions.csv.gz").unwrap().transactions;
    let n0 = txs.len();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let day0 = txs.iter().map(|t| t.timestamp).min().unwrap();
    let days = (txs.iter().map(|t| t.timestamp).max().unwrap() - day0) / 86_400_000 + 1;
    let quiet = 30_000u64;
    for q in 0..quiet {
        for _ in 0..1 + next() % 3 {
            let mut t = txs[(next() % n0 as u64) as usize].clone();
            t.orig = format!("Q{q}");
            if next() % 5 == 0 {
                t.bene = format!("Q{}", next() % quiet);
            }
            t.id = format!("q{}", txs.len());
            t.amount = 10_000 + (next() % 90_000) as i64;
            t.timestamp = day0 + (next() % days as u64) as i64 * 86_400_000;
            txs.push(t);
        }
    }
    let g = TxGraph::from_transactions(&txs);
    let truth = std::fs::File::open(format!("{DATA}/alert_transactions.csv")).unwrap();
    let patterns = read_amlsim_truth(truth, &g).unwrap();
    let started = Instant::now();
    let alerts = scan(&g, &ScanParams::default());
    let elapsed = started.elapsed();
    let e = evaluate(&alerts, &patterns);
    eprintln!(
        "with {quiet} quiet accounts ({} transactions): {:.2} s\n{}",
        g.tx_count(),
        elapsed.as_secs_f64(),
        e.table()
    );
    // Measured: recall 193/200 (fan-ins into busy accounts lose most: they drown among new
    // payers), precision@200 0.81.
    let found: usize = e.recall.iter().map(|r| r.2).sum();
    assert!(found as f64 >= 0.95 * e.k as f64, "recall {found}/{}", e.k);
    assert!(e.precision_at_k() >= 0.78, "precision@K {:.3}", e.precision_at_k());
}

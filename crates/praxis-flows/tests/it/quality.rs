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
    if let Ok(path) = std::env::var("PRAXIS_SCAN_DUMP") {
        use std::io::Write;
        let mut by_tx = std::collections::HashMap::new();
        for p in &patterns {
            for &t in &p.transactions {
                by_tx.insert(t, p);
            }
        }
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        for (rank, a) in alerts.iter().enumerate() {
            let mut best: Option<(&str, bool, String, f64)> = None;
            for t in &a.transactions {
                if let Some(p) = by_tx.get(t) {
                    let hit = p.transactions.iter().filter(|x| a.transactions.contains(x)).count();
                    let frac = hit as f64 / p.transactions.len() as f64;
                    if best.as_ref().is_none_or(|b| frac > b.3) {
                        best = Some((&p.typology, p.laundering, p.id.clone(), frac));
                    }
                }
            }
            let label = best.map_or("-".to_owned(), |b| format!("{}:{}:{}:{:.2}", b.0, b.1, b.2, b.3));
            let figs: Vec<String> = a.figures.iter().map(|(k, v)| format!("{k}={v}")).collect();
            writeln!(
                f,
                "{rank}\t{}\t{:.4}\t{}\t{}\t{}\t{label}\t{}",
                a.typology.name(),
                a.score,
                a.rule,
                g.account_id(a.accounts[0]),
                a.transactions.len(),
                figs.join(";")
            )
            .unwrap();
        }
    }
}

//! `praxis-bench indicators`: the scan's trafficking and smuggling indicators (MS1, HT1, HT6,
//! MS3) measured on generated data with planted instances and legitimate look-alikes
//! (`praxis_flows::synth`). No anchor: no other tool detects these indicators, so the figures
//! stand alone. Prints one JSON line per seed and indicator, then the table.

use std::collections::HashMap;
use std::time::Instant;

use praxis_flows::scan::{scan, ScanParams, Typology};
use praxis_flows::synth::{evaluate, generate, Config, DecoyScore};
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub(crate) fn cmd(o: &HashMap<String, String>) -> Result<()> {
    let transactions: usize = super::opt(o, "transactions", Some(100_000))?;
    let seeds: String = super::opt(o, "seeds", Some("1,2,3".to_owned()))?;
    let seeds: Vec<u64> = seeds
        .split(',')
        .map(|s| s.trim().parse())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| "--seeds")?;
    let verbose = o.get("missed").is_some_and(|v| v == "1" || v == "true");
    let mut params = ScanParams::default();
    if let Some(list) = o.get("typologies") {
        params.typologies = list.split(',').filter_map(Typology::parse).collect();
    }
    let mut totals: Vec<(Typology, [usize; 6])> = Vec::new();
    let mut decoys: Vec<DecoyScore> = Vec::new();
    let mut txs = 0;
    let (mut gen_s, mut scan_s) = (0.0, 0.0);
    for &seed in &seeds {
        let mut c = Config::sized(transactions, seed);
        if let Some(n) = o.get("plants") {
            // An exact configuration: `--transactions` of background and life, `--plants` of
            // each indicator and of each decoy.
            let n: usize = n.parse().map_err(|_| "--plants")?;
            c = Config { transactions, seed, plants: n, decoys: n };
        }
        let t0 = Instant::now();
        let data = generate(&c);
        let t1 = Instant::now();
        let alerts = scan(&data.graph, &params);
        let t2 = Instant::now();
        gen_s += (t1 - t0).as_secs_f64();
        scan_s += (t2 - t1).as_secs_f64();
        txs = data.graph.tx_count();
        let e = evaluate(&alerts, &data.truth);
        if let Some(which) = o.get("debug") {
            for inst in &data.truth {
                let label = format!("{:?}", inst.label);
                if !label.contains(which.as_str()) {
                    continue;
                }
                eprintln!("== {label} {} ({} txs)", inst.params, inst.transactions.len());
                for a in alerts.iter().filter(|a| inst.principal.contains(&a.accounts[0])) {
                    let hit = a.transactions.iter().filter(|t| inst.transactions.contains(t)).count();
                    eprintln!(
                        "   {} score {:.3} txs {} of which planted {hit}: {:?}",
                        a.rule,
                        a.score,
                        a.transactions.len(),
                        a.figures
                    );
                }
            }
        }
        for s in &e.indicators {
            println!(
                "{}",
                json!({"seed": seed, "transactions": data.graph.tx_count(), "indicator": s.typology.name(),
                    "planted": s.planted, "found": s.found, "recall": s.recall(), "correct_top_k": s.correct_top_k,
                    "precision_at_k": s.precision_at_k(), "alerts": s.alerts, "decoy_alerts": s.decoy_alerts,
                    "cross_alerts": s.cross_alerts, "scan_seconds": (t2 - t1).as_secs_f64()})
            );
            if verbose {
                for m in &s.missed {
                    eprintln!("  seed {seed} missed {m}");
                }
            }
            let row = match totals.iter_mut().find(|t| t.0 == s.typology) {
                Some(r) => r,
                None => {
                    totals.push((s.typology, [0; 6]));
                    totals.last_mut().expect("pushed")
                }
            };
            for (k, x) in [s.planted, s.found, s.correct_top_k, s.alerts, s.decoy_alerts, s.cross_alerts]
                .into_iter()
                .enumerate()
            {
                row.1[k] += x;
            }
        }
        for d in e.decoys {
            match decoys.iter_mut().find(|x| x.kind == d.kind) {
                Some(x) => {
                    x.decoys += d.decoys;
                    x.fired += d.fired;
                    for (t, c) in d.alerts {
                        match x.alerts.iter_mut().find(|y| y.0 == t) {
                            Some(y) => y.1 += c,
                            None => x.alerts.push((t, c)),
                        }
                    }
                }
                None => decoys.push(d),
            }
        }
    }
    println!(
        "\nindicators on generated data: {} seeds ({}), ~{} transactions each (background, ordinary life, plants, decoys); \
         generation {:.1} s, scan {:.1} s in all. No anchor: no other tool detects these.",
        seeds.len(),
        seeds.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(","),
        txs,
        gen_s,
        scan_s
    );
    println!(
        "{:<24} {:>7} {:>6} {:>7} {:>11} {:>7} {:>12} {:>13}",
        "indicator", "planted", "found", "recall", "precision@K", "alerts", "decoy alerts", "other plants"
    );
    for (t, [planted, found, correct, alerts, decoy, cross]) in &totals {
        println!(
            "{:<24} {:>7} {:>6} {:>7.3} {:>11.3} {:>7} {:>12} {:>13}",
            format!("{} ({})", t.name(), t.indicator().unwrap_or("")),
            planted,
            found,
            *found as f64 / (*planted).max(1) as f64,
            *correct as f64 / (*planted).max(1) as f64,
            alerts,
            decoy,
            cross
        );
    }
    print!("decoys raising an indicator alert (alerts on them by typology):");
    for mut d in decoys {
        d.alerts.sort();
        let names: Vec<String> = d.alerts.iter().map(|(t, c)| format!("{} {c}", t.name())).collect();
        print!(
            " {} {}/{}{}",
            d.kind.name(),
            d.fired,
            d.decoys,
            if names.is_empty() { String::new() } else { format!(" ({})", names.join(",")) }
        );
    }
    println!();
    Ok(())
}

/// `praxis-bench amlsim --data DIR`: the scan's quality on an AMLSim sample (recall per
/// typology, precision among the top K), as `crates/praxis-flows/tests/it/quality.rs` checks
/// it: to see that changes to the indicators leave it as it was.
pub(crate) fn amlsim(o: &HashMap<String, String>) -> Result<()> {
    use praxis_flows::import::amlsim;
    use praxis_flows::scan::eval;
    let dir: std::path::PathBuf = super::opt(o, "data", None)?;
    let batch = amlsim::read(std::fs::File::open(dir.join("transactions.csv.gz"))?, "transactions.csv.gz")?;
    let g = praxis_flows::TxGraph::from_transactions(&batch.transactions);
    let patterns = eval::read_amlsim_truth(std::fs::File::open(dir.join("alert_transactions.csv"))?, &g)?;
    let t0 = Instant::now();
    let alerts = scan(&g, &ScanParams::default());
    let s = t0.elapsed().as_secs_f64();
    let e = eval::evaluate(&alerts, &patterns);
    println!("AMLSim sample, {} transactions, scan {s:.2} s\n{}", g.tx_count(), e.table());
    let indicators: Vec<_> = alerts
        .iter()
        .filter(|a| a.typology.indicator().is_some_and(|c| !c.starts_with("MS2") && !c.starts_with("MS5")))
        .collect();
    println!("indicator alerts (MS1, HT1, HT6, MS3) on the sample: {}", indicators.len());
    Ok(())
}

//! Quality against labelled data (AMLSim's `alert_transactions.csv`): recall per typology and
//! precision among the top K alerts, K the number of laundering patterns.
//!
//! - A laundering pattern is found when some alert of the matching typology covers at least half
//!   of the pattern's transactions.
//! - An alert among the top K is correct when it covers at least half of some laundering
//!   pattern's transactions (of any typology).

use std::io::Read;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Alert;
use crate::graph::{TxGraph, TxIx};

/// One labelled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub id: String,
    /// AMLSim's name: fan_in, fan_out, cycle, scatter_gather, gather_scatter.
    pub typology: String,
    /// True for laundering; false for AMLSim's look-alike "false alerts".
    pub laundering: bool,
    pub transactions: Vec<TxIx>,
}

/// Reads AMLSim's `alert_transactions.csv` (`alert_id, alert_type, is_sar, tran_id, …`), keeping
/// the transactions present in `g`. Patterns come out in order of first appearance.
pub fn read_amlsim_truth<R: Read>(reader: R, g: &TxGraph) -> Result<Vec<Pattern>, String> {
    let mut ids: FxHashMap<&str, TxIx> = FxHashMap::default();
    ids.reserve(g.tx_count());
    for t in 0..g.tx_count() as TxIx {
        ids.insert(g.tx_id(t), t);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(crate::import::maybe_gzip(reader).map_err(|e| e.to_string())?);
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("the truth file has no `{name}` column"))
    };
    let (c_alert, c_type, c_sar, c_tx) =
        (col("alert_id")?, col("alert_type")?, col("is_sar")?, col("tran_id")?);
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| format!("line {}: {e}", n + 2))?;
        let get = |c: usize| rec.get(c).map(str::trim).unwrap_or("");
        let Some(&t) = ids.get(get(c_tx)) else { continue };
        let id = get(c_alert).to_owned();
        let i = *by_id.entry(id.clone()).or_insert_with(|| {
            patterns.push(Pattern {
                id,
                typology: get(c_type).to_owned(),
                laundering: get(c_sar).eq_ignore_ascii_case("true"),
                transactions: Vec::new(),
            });
            patterns.len() - 1
        });
        patterns[i].transactions.push(t);
    }
    for p in &mut patterns {
        p.transactions.sort_unstable();
        p.transactions.dedup();
    }
    Ok(patterns)
}

/// Recall and precision figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Per typology: (name, laundering patterns, found).
    pub recall: Vec<(String, usize, usize)>,
    /// K: the number of laundering patterns.
    pub k: usize,
    /// Correct alerts among the top K.
    pub correct_top_k: usize,
    /// Per typology: (name, alerts of it in the top K, of which correct).
    pub top_k_by_typology: Vec<(String, usize, usize)>,
    /// Look-alike (non-laundering) patterns covered by some alert in the top K.
    pub false_alerts_in_top_k: usize,
    pub alerts: usize,
}

impl Evaluation {
    pub fn recall_of(&self, typology: &str) -> Option<f64> {
        self.recall.iter().find(|r| r.0 == typology).map(|r| r.2 as f64 / r.1.max(1) as f64)
    }

    pub fn precision_at_k(&self) -> f64 {
        self.correct_top_k as f64 / self.k.max(1) as f64
    }

    /// The table, one typology a line.
    pub fn table(&self) -> String {
        let mut s = format!("{:<16} {:>9} {:>7} {:>7}\n", "typology", "patterns", "found", "recall");
        let (mut n, mut f) = (0, 0);
        for (t, total, found) in &self.recall {
            s.push_str(&format!(
                "{:<16} {:>9} {:>7} {:>7.3}\n",
                t,
                total,
                found,
                *found as f64 / (*total).max(1) as f64
            ));
            n += total;
            f += found;
        }
        s.push_str(&format!("{:<16} {:>9} {:>7} {:>7.3}\n", "all", n, f, f as f64 / n.max(1) as f64));
        s.push_str(&format!(
            "precision@{}: {:.3} ({} of {} top alerts cover half of a laundering pattern; {} alerts in all)\n",
            self.k,
            self.precision_at_k(),
            self.correct_top_k,
            self.k,
            self.alerts
        ));
        s.push_str("top-K alerts by typology (correct/total):");
        for (t, total, correct) in &self.top_k_by_typology {
            s.push_str(&format!(" {t} {correct}/{total}"));
        }
        s.push_str(&format!(
            "\nlook-alike (not laundering) patterns covered in the top K: {}\n",
            self.false_alerts_in_top_k
        ));
        s
    }
}

/// How many of `pattern`'s transactions `alert` covers, twice, is at least the pattern's size.
fn covers(alert: &FxHashSet<TxIx>, pattern: &Pattern) -> bool {
    let hit = pattern.transactions.iter().filter(|t| alert.contains(t)).count();
    !pattern.transactions.is_empty() && 2 * hit >= pattern.transactions.len()
}

pub fn evaluate(alerts: &[Alert], patterns: &[Pattern]) -> Evaluation {
    let laundering: Vec<&Pattern> = patterns.iter().filter(|p| p.laundering).collect();
    let k = laundering.len();
    // Patterns by transaction, to test only the patterns an alert touches.
    let mut by_tx: FxHashMap<TxIx, Vec<usize>> = FxHashMap::default();
    for (i, p) in patterns.iter().enumerate() {
        for &t in &p.transactions {
            by_tx.entry(t).or_default().push(i);
        }
    }
    let mut typologies: Vec<String> = laundering.iter().map(|p| p.typology.clone()).collect();
    typologies.sort();
    typologies.dedup();
    let mut found = vec![false; patterns.len()];
    let mut correct_top_k = 0;
    let mut by_typology: Vec<(String, usize, usize)> = Vec::new();
    let mut false_covered: FxHashSet<usize> = FxHashSet::default();
    for (rank, a) in alerts.iter().enumerate() {
        let set: FxHashSet<TxIx> = a.transactions.iter().copied().collect();
        let mut touched: Vec<usize> =
            a.transactions.iter().filter_map(|t| by_tx.get(t)).flatten().copied().collect();
        touched.sort_unstable();
        touched.dedup();
        let mut correct = false;
        for i in touched {
            let p = &patterns[i];
            if !covers(&set, p) {
                continue;
            }
            if p.laundering {
                correct = true;
                if p.typology == a.typology.name() {
                    found[i] = true;
                }
            } else if rank < k {
                false_covered.insert(i);
            }
        }
        if rank < k {
            correct_top_k += correct as usize;
            let name = a.typology.name().to_owned();
            match by_typology.iter_mut().find(|x| x.0 == name) {
                Some(x) => {
                    x.1 += 1;
                    x.2 += correct as usize;
                }
                None => by_typology.push((name, 1, correct as usize)),
            }
        }
    }
    let recall = typologies
        .iter()
        .map(|t| {
            let total = patterns.iter().filter(|p| p.laundering && &p.typology == t).count();
            let f = patterns
                .iter()
                .enumerate()
                .filter(|(i, p)| p.laundering && &p.typology == t && found[*i])
                .count();
            (t.clone(), total, f)
        })
        .collect();
    Evaluation {
        recall,
        k,
        correct_top_k,
        top_k_by_typology: by_typology,
        false_alerts_in_top_k: false_covered.len(),
        alerts: alerts.len(),
    }
}

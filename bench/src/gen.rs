//! A generator of heavy-tailed temporal transaction graphs, written as AMLSim `transactions.csv`.
//! The model (Pareto activity; base, reply, forward and round-trip transactions) is
//! `praxis_flows::synth::background`, shared with the indicator suite (`src/indicators.rs`).
//!
//! The output is in time order (equal seconds in generation order), with `tran_id` 1, 2, …; no
//! self-payments; timestamps in whole seconds over one year from 2023-01-01T00:00:00Z; amounts in
//! cents, written as dollars with two decimals.

use std::io::{self, Write};

use praxis_flows::synth::background;
use rand::rngs::StdRng;
use rand::SeedableRng;

#[derive(Debug, Clone)]
pub(crate) struct GenParams {
    pub(crate) transactions: usize,
    pub(crate) accounts: usize,
    pub(crate) seed: u64,
    /// Pareto tail index of account activity (smaller: heavier tail).
    pub(crate) alpha: f64,
    pub(crate) p_reply: f64,
    pub(crate) p_forward: f64,
    pub(crate) p_round_trip: f64,
}

impl GenParams {
    pub(crate) fn new(transactions: usize, accounts: usize, seed: u64) -> GenParams {
        GenParams {
            transactions,
            accounts,
            seed,
            alpha: 1.3,
            p_reply: 0.15,
            p_forward: 0.15,
            p_round_trip: 0.05,
        }
    }
}

/// 2023-01-01T00:00:00Z.
const START_UNIX: i64 = 1_672_531_200;

/// What was generated, for the record.
pub(crate) struct Summary {
    pub(crate) transactions: usize,
    pub(crate) accounts_used: usize,
    pub(crate) max_out_degree: usize,
    pub(crate) max_in_degree: usize,
}

pub(crate) fn generate<W: Write>(p: &GenParams, out: W) -> io::Result<Summary> {
    assert!(p.accounts >= 2, "at least two accounts");
    let mut rng = StdRng::seed_from_u64(p.seed);
    let mut bg = background::HeavyTailed::new(p.transactions, p.accounts);
    (bg.alpha, bg.p_reply, bg.p_forward, bg.p_round_trip) = (p.alpha, p.p_reply, p.p_forward, p.p_round_trip);
    let events = background::heavy_tailed(&bg, &mut rng);

    let mut out_deg = vec![0u32; p.accounts];
    let mut in_deg = vec![0u32; p.accounts];
    let mut w = io::BufWriter::with_capacity(1 << 20, out);
    w.write_all(b"tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id\n")?;
    let mut day_cache = (i64::MIN, String::new());
    for (k, e) in events.iter().enumerate() {
        out_deg[e.src as usize] += 1;
        in_deg[e.dst as usize] += 1;
        let unix = START_UNIX + e.ts;
        let (day, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
        if day != day_cache.0 {
            let (y, m, d) = civil_from_days(day);
            day_cache = (day, format!("{y:04}-{m:02}-{d:02}"));
        }
        writeln!(
            w,
            "{},{},{},TRANSFER,{}.{:02},{}T{:02}:{:02}:{:02}Z,False,-1",
            k + 1,
            e.src,
            e.dst,
            e.cents / 100,
            e.cents % 100,
            day_cache.1,
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )?;
    }
    w.flush()?;
    Ok(Summary {
        transactions: events.len(),
        accounts_used: out_deg.iter().zip(&in_deg).filter(|(o, i)| **o + **i > 0).count(),
        max_out_degree: out_deg.iter().copied().max().unwrap_or(0) as usize,
        max_in_degree: in_deg.iter().copied().max().unwrap_or(0) as usize,
    })
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

//! A generator of heavy-tailed temporal transaction graphs, written as AMLSim `transactions.csv`.
//!
//! Each account has an activity drawn from a Pareto law (a few busy hubs, a long tail of quiet
//! accounts); its weights as a payer and as a payee are that activity times independent
//! log-normal noise, so hubs are busy both ways. Transactions are of three kinds:
//! - base: payer and payee drawn by weight, at a uniform time in the year, a log-normal amount;
//! - reply: the payee of an earlier transaction pays its payer back, a log-normal delay later
//!   (median one day): reciprocity, and with it short cycles;
//! - forward: the payee of an earlier transaction passes most of it (50–98 %) on to a payee drawn
//!   by weight, an exponential delay later (mean two hours, whole seconds, so sometimes in the
//!   same second): pass-through chains, which time-respecting traces follow;
//! - round trip: like a forward, but to the payer of an ancestor 1–4 links up the chain of
//!   replies and forwards that led here, so that money comes back within hours: cycles of 3–6
//!   transactions.
//!
//! The output is in time order (equal seconds in generation order), with `tran_id` 1, 2, …; no
//! self-payments; timestamps in whole seconds over one year from 2023-01-01T00:00:00Z; amounts in
//! cents, written as dollars with two decimals.

use std::io::{self, Write};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

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

/// 2023-01-01T00:00:00Z, and one year of seconds.
const START_UNIX: i64 = 1_672_531_200;
const SPAN_SECONDS: i64 = 365 * 86_400;

#[derive(Clone, Copy)]
struct Event {
    ts: i64,
    src: u32,
    dst: u32,
    cents: i64,
    /// The transaction this one answers or passes on (`NONE` for a base transaction).
    parent: u32,
}

const NONE: u32 = u32::MAX;

/// Draws indices in proportion to weights (cumulative sums and a binary search).
struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(weights: &[f64]) -> Weighted {
        let mut acc = 0.0;
        let cumulative = weights
            .iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect();
        Weighted { cumulative }
    }

    fn sample(&self, rng: &mut StdRng) -> u32 {
        let total = *self.cumulative.last().expect("at least one account");
        let x = rng.gen::<f64>() * total;
        self.cumulative.partition_point(|&c| c <= x).min(self.cumulative.len() - 1) as u32
    }
}

fn normal(rng: &mut StdRng) -> f64 {
    // Box–Muller.
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn base_amount(rng: &mut StdRng) -> i64 {
    // Log-normal, median $200, σ = 1.6 (cents, at least $1).
    let cents = (20_000f64.ln() + 1.6 * normal(rng)).exp();
    (cents.round() as i64).clamp(100, 10_000_000_000)
}

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
    let mut w_out = Vec::with_capacity(p.accounts);
    let mut w_in = Vec::with_capacity(p.accounts);
    for _ in 0..p.accounts {
        let activity = (1.0 - rng.gen::<f64>()).powf(-1.0 / p.alpha);
        w_out.push(activity * (0.5 * normal(&mut rng)).exp());
        w_in.push(activity * (0.5 * normal(&mut rng)).exp());
    }
    let (payers, payees) = (Weighted::new(&w_out), Weighted::new(&w_in));
    let payee_other_than = |rng: &mut StdRng, src: u32| loop {
        let d = payees.sample(rng);
        if d != src {
            return d;
        }
    };

    let mut events: Vec<Event> = Vec::with_capacity(p.transactions);
    let (p_reply, p_forward) = (p.p_reply, p.p_reply + p.p_forward);
    let p_derived = p_forward + p.p_round_trip;
    for i in 0..p.transactions {
        let r: f64 = rng.gen();
        let derived = if i > 0 && r < p_derived {
            let pi = rng.gen_range(0..i);
            let parent = events[pi];
            let pi = pi as u32;
            if r < p_reply {
                let delay = (86_400f64.ln() + normal(&mut rng)).exp().max(1.0) as i64;
                let cents = base_amount(&mut rng);
                Some(Event { ts: parent.ts + delay, src: parent.dst, dst: parent.src, cents, parent: pi })
            } else {
                let delay = (-7_200.0 * (1.0 - rng.gen::<f64>()).ln()) as i64;
                let share = rng.gen_range(0.5..0.98);
                let cents = ((parent.cents as f64 * share).round() as i64).max(100);
                let dst = if r < p_forward {
                    Some(payee_other_than(&mut rng, parent.dst))
                } else {
                    // Up the chain 1–4 links (as far as it goes), back to that payer.
                    let mut a = parent;
                    for _ in 0..rng.gen_range(1..=4) {
                        if a.parent == NONE {
                            break;
                        }
                        a = events[a.parent as usize];
                    }
                    Some(a.src).filter(|&d| d != parent.dst)
                };
                dst.map(|dst| Event { ts: parent.ts + delay, src: parent.dst, dst, cents, parent: pi })
            }
        } else {
            None
        };
        let e = match derived {
            Some(e) if e.ts < SPAN_SECONDS => e,
            _ => {
                let src = payers.sample(&mut rng);
                let dst = payee_other_than(&mut rng, src);
                let cents = base_amount(&mut rng);
                Event { ts: rng.gen_range(0..SPAN_SECONDS), src, dst, cents, parent: NONE }
            }
        };
        events.push(e);
    }
    // Stable: equal seconds keep generation order (a forward after its parent).
    events.sort_by_key(|e| e.ts);

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

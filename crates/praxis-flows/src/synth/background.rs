//! Heavy-tailed background traffic (the model of `bench/run`'s generated data sets, which calls
//! this function too, so both draw the same transactions from the same seed).
//!
//! Each account has an activity drawn from a Pareto law (a few busy hubs, a long tail of quiet
//! accounts); its weights as a payer and as a payee are that activity times independent
//! log-normal noise, so hubs are busy both ways. Transactions are of four kinds:
//! - base: payer and payee drawn by weight, at a uniform time in the year, a log-normal amount;
//! - reply: the payee of an earlier transaction pays its payer back, a log-normal delay later
//!   (median one day): reciprocity, and with it short cycles;
//! - forward: the payee of an earlier transaction passes most of it (50–98 %) on to a payee drawn
//!   by weight, an exponential delay later (mean two hours, whole seconds);
//! - round trip: like a forward, but to the payer of an ancestor 1–4 links up the chain of
//!   replies and forwards that led here: cycles of 3–6 transactions within hours.

use rand::rngs::StdRng;
use rand::Rng;

/// The background's parameters.
#[derive(Debug, Clone)]
pub struct HeavyTailed {
    pub transactions: usize,
    pub accounts: usize,
    /// Pareto tail index of account activity (smaller: heavier tail).
    pub alpha: f64,
    pub p_reply: f64,
    pub p_forward: f64,
    pub p_round_trip: f64,
}

impl HeavyTailed {
    /// The defaults of `bench/run`: α 1.3, 15 % replies, 15 % forwards, 5 % round trips.
    pub fn new(transactions: usize, accounts: usize) -> HeavyTailed {
        HeavyTailed { transactions, accounts, alpha: 1.3, p_reply: 0.15, p_forward: 0.15, p_round_trip: 0.05 }
    }
}

/// One year of seconds: the span of the background.
pub const SPAN_SECONDS: i64 = 365 * 86_400;

/// One generated transaction: seconds since the start, payer and payee as account numbers
/// (`0..accounts`), amount in cents.
#[derive(Debug, Clone, Copy)]
pub struct Event {
    pub ts: i64,
    pub src: u32,
    pub dst: u32,
    pub cents: i64,
    /// The transaction this one answers or passes on (`NONE` for a base transaction), as its
    /// index in generation order.
    pub parent: u32,
}

/// No parent.
pub const NONE: u32 = u32::MAX;

/// Draws indices in proportion to weights (cumulative sums and a binary search).
pub(crate) struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    pub(crate) fn new(weights: &[f64]) -> Weighted {
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

    pub(crate) fn sample(&self, rng: &mut StdRng) -> u32 {
        let total = *self.cumulative.last().expect("at least one weight");
        let x = rng.gen::<f64>() * total;
        self.cumulative.partition_point(|&c| c <= x).min(self.cumulative.len() - 1) as u32
    }
}

/// A standard normal draw (Box–Muller).
pub(crate) fn normal(rng: &mut StdRng) -> f64 {
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn base_amount(rng: &mut StdRng) -> i64 {
    // Log-normal, median $200, σ = 1.6 (cents, at least $1).
    let cents = (20_000f64.ln() + 1.6 * normal(rng)).exp();
    (cents.round() as i64).clamp(100, 10_000_000_000)
}

/// The background's transactions in time order (equal seconds in generation order); no
/// self-payments. Draws from `rng` in a fixed order: the same seed gives the same data.
pub fn heavy_tailed(p: &HeavyTailed, rng: &mut StdRng) -> Vec<Event> {
    assert!(p.accounts >= 2, "at least two accounts");
    let mut w_out = Vec::with_capacity(p.accounts);
    let mut w_in = Vec::with_capacity(p.accounts);
    for _ in 0..p.accounts {
        let activity = (1.0 - rng.gen::<f64>()).powf(-1.0 / p.alpha);
        w_out.push(activity * (0.5 * normal(rng)).exp());
        w_in.push(activity * (0.5 * normal(rng)).exp());
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
                let delay = (86_400f64.ln() + normal(rng)).exp().max(1.0) as i64;
                let cents = base_amount(rng);
                Some(Event { ts: parent.ts + delay, src: parent.dst, dst: parent.src, cents, parent: pi })
            } else {
                let delay = (-7_200.0 * (1.0 - rng.gen::<f64>()).ln()) as i64;
                let share = rng.gen_range(0.5..0.98);
                let cents = ((parent.cents as f64 * share).round() as i64).max(100);
                let dst = if r < p_forward {
                    Some(payee_other_than(rng, parent.dst))
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
                let src = payers.sample(rng);
                let dst = payee_other_than(rng, src);
                let cents = base_amount(rng);
                Event { ts: rng.gen_range(0..SPAN_SECONDS), src, dst, cents, parent: NONE }
            }
        };
        events.push(e);
    }
    // Stable: equal seconds keep generation order (a forward after its parent).
    events.sort_by_key(|e| e.ts);
    events
}

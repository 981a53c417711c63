//! Synthetic data with planted trafficking and smuggling indicators, legitimate look-alikes
//! (decoys) and the ground truth of both, to measure the scan's indicators (MS1, HT1, HT6, MS3)
//! in realistic noise. Deterministic per seed. Test and benchmark support: compiled for the
//! crate's tests and with the `synth` feature (`bench/run --suite indicators`).
//!
//! The data (one year from 2023-01-01, USD, account ids `CC0001234` with a country code):
//! - a heavy-tailed background ([`background`], the model of `bench/run`'s data sets);
//! - ordinary life ([`life`]): households paid by employers (monthly or fortnightly), paying rent
//!   to landlords and card payments to shops, a quarter of them sending a monthly remittance to
//!   family abroad, who often cash it out;
//! - planted indicators ([`plant`]), each instance with parameters drawn from ranges wider than
//!   the defaults' comfort zone;
//! - decoys ([`life`]): a payroll account paying many staff, a shop taking many small card
//!   payments, a family receiving remittances from two or three relatives, two businesses
//!   trading both ways without offsetting, a savings account with many deposits and slow
//!   withdrawals.
//!
//! Engine crate rules hold: no I/O; randomness comes from the seed handed in.

pub mod background;
mod life;
mod plant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rustc_hash::FxHashSet;

use crate::graph::{AccountIx, GraphBuilder, TxGraph, TxIx};
use crate::money::Currency;
use crate::scan::{Alert, Typology, DAY};

/// 2023-01-01T00:00:00Z in milliseconds.
pub const START: i64 = 1_672_531_200_000;
/// The span of the data: one year.
pub const SPAN: i64 = 365 * DAY;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    /// Background and ordinary-life transactions (plants and decoys come on top).
    pub transactions: usize,
    pub seed: u64,
    /// Planted instances of each of the four indicators.
    pub plants: usize,
    /// Decoys of each of the five kinds.
    pub decoys: usize,
}

impl Config {
    /// About `transactions` in all, with plants and decoys in proportion: one instance of each
    /// per 6,000 transactions, at least 8 and at most 100 (they make about 3,000 transactions
    /// per instance of each, the rest is background and ordinary life).
    pub fn sized(transactions: usize, seed: u64) -> Config {
        let n = (transactions / 6_000).clamp(8, 100);
        let rest = transactions.saturating_sub(n * 3_000).max(transactions / 2);
        Config { transactions: rest, seed, plants: n, decoys: n }
    }
}

/// The legitimate look-alikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Decoy {
    /// A payroll account funded by group companies and paying many staff alike salaries.
    Payroll,
    /// A shop taking many small card payments of varied amounts.
    Shop,
    /// A family receiving remittances from two or three relatives, and cashing them out.
    Family,
    /// Two businesses trading both ways, whose flows do not offset.
    Trade,
    /// A savings account with many deposits and slow withdrawals.
    Savings,
}

impl Decoy {
    pub const ALL: [Decoy; 5] = [Decoy::Payroll, Decoy::Shop, Decoy::Family, Decoy::Trade, Decoy::Savings];

    pub fn name(self) -> &'static str {
        match self {
            Decoy::Payroll => "payroll",
            Decoy::Shop => "shop",
            Decoy::Family => "family_remittances",
            Decoy::Trade => "two_way_trade",
            Decoy::Savings => "savings",
        }
    }
}

/// What an instance is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Planted(Typology),
    Decoy(Decoy),
}

/// One planted indicator or decoy, with its ground truth.
#[derive(Debug, Clone)]
pub struct Instance {
    pub label: Label,
    /// The accounts an alert on this instance would be about (recipient, controller, pooling
    /// account, the two hawaladars; the decoy's account).
    pub principal: Vec<AccountIx>,
    /// Every account of the instance.
    pub accounts: Vec<AccountIx>,
    /// The transactions the indicator reads (for a decoy, the look-alike's transactions).
    pub transactions: Vec<TxIx>,
    /// The parameters drawn, in words (for the report of what was missed).
    pub params: String,
}

/// The generated graph and its ground truth.
pub struct Synthetic {
    pub graph: TxGraph,
    pub truth: Vec<Instance>,
}

/// Channels of the generated transactions.
const CHANNELS: [&str; 8] =
    ["TRANSFER", "SALARY", "RENT", "CARD", "REMITTANCE", "CASH", "CASH DEPOSIT", "INVOICE"];
pub(crate) const TRANSFER: u8 = 0;
pub(crate) const SALARY: u8 = 1;
pub(crate) const RENT: u8 = 2;
pub(crate) const CARD: u8 = 3;
pub(crate) const REMIT: u8 = 4;
pub(crate) const CASH: u8 = 5;
pub(crate) const CASH_DEPOSIT: u8 = 6;
pub(crate) const INVOICE: u8 = 7;

/// Countries of destination and transit, and of origin (migrants' and workers' families).
pub(crate) const HOST: [&str; 10] = ["GB", "DE", "IT", "ES", "FR", "GR", "TR", "AE", "US", "MX"];
pub(crate) const ORIGIN: [&str; 12] =
    ["PK", "BD", "AF", "NG", "ER", "ET", "SO", "PH", "NP", "IN", "GT", "SY"];
pub(crate) const TRANSIT: [&str; 6] = ["LY", "TR", "GR", "MX", "NE", "RS"];

/// One instance as generated: (principal accounts, accounts, rows, parameters in words).
pub(crate) type Made = (Vec<u32>, Vec<u32>, Vec<u32>, String);

#[derive(Clone, Copy)]
pub(crate) struct Row {
    pub ts: i64,
    pub src: u32,
    pub dst: u32,
    pub cents: i64,
    pub ch: u8,
}

/// The data being generated: accounts by number, rows in generation order.
pub(crate) struct World {
    pub rng: StdRng,
    pub names: Vec<String>,
    pub rows: Vec<Row>,
}

impl World {
    pub(crate) fn account(&mut self, country: &str) -> u32 {
        let n = self.names.len();
        self.names.push(format!("{country}{n:07}"));
        n as u32
    }

    /// A payment; returns its row. Times are clamped into the data's span.
    pub(crate) fn pay(&mut self, ts: i64, src: u32, dst: u32, cents: i64, ch: u8) -> u32 {
        debug_assert_ne!(src, dst);
        let ts = ts.clamp(START, START + SPAN - 1);
        self.rows.push(Row { ts, src, dst, cents: cents.max(1), ch });
        (self.rows.len() - 1) as u32
    }

    pub(crate) fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.rng.gen::<f64>()
    }

    /// An integer in `lo..=hi`, log-uniform: the low end (the edge of the rules) as likely per
    /// octave as the high end.
    pub(crate) fn count(&mut self, lo: usize, hi: usize) -> usize {
        let x = self.uniform((lo as f64).ln(), ((hi + 1) as f64).ln()).exp();
        (x.floor() as usize).clamp(lo, hi)
    }

    pub(crate) fn int(&mut self, lo: usize, hi: usize) -> usize {
        self.rng.gen_range(lo..=hi)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.rng.gen::<f64>() < p
    }

    pub(crate) fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * background::normal(&mut self.rng)).exp()
    }

    pub(crate) fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[self.rng.gen_range(0..xs.len())]
    }

    /// A time of day in office hours, in ms.
    pub(crate) fn office_hour(&mut self) -> i64 {
        (self.uniform(8.0, 18.0) * 3_600_000.0) as i64
    }
}

/// Dollars to cents.
pub(crate) fn cents(dollars: f64) -> i64 {
    (dollars * 100.0).round().max(1.0) as i64
}

/// Generates the data and its ground truth.
pub fn generate(c: &Config) -> Synthetic {
    let mut w = World { rng: StdRng::seed_from_u64(c.seed), names: Vec::new(), rows: Vec::new() };
    // 1. Background: 55 % of the transactions, one account per five of its transactions.
    let bg = background::HeavyTailed::new(c.transactions * 55 / 100, (c.transactions * 55 / 100 / 5).max(2));
    let events = background::heavy_tailed(&bg, &mut w.rng);
    for _ in 0..bg.accounts {
        let cc = w.pick(&HOST);
        w.account(cc);
    }
    for e in &events {
        w.rows.push(Row { ts: START + e.ts * 1000, src: e.src, dst: e.dst, cents: e.cents, ch: TRANSFER });
    }
    // 2. Ordinary life: the other 45 %.
    let target = c.transactions - events.len().min(c.transactions);
    let town = life::Town::new(&mut w, bg.accounts as u32, target);
    // 3. Decoys and plants, interleaved so that no kind gets the first draws.
    let mut pending: Vec<(Label, Made)> = Vec::new();
    for i in 0..c.decoys.max(c.plants) {
        if i < c.decoys {
            for d in Decoy::ALL {
                pending.push((Label::Decoy(d), life::decoy(&mut w, &town, d)));
            }
        }
        if i < c.plants {
            for t in plant::INDICATORS {
                pending.push((Label::Planted(t), plant::plant(&mut w, &town, t)));
            }
        }
    }
    // 4. The graph, rows in time order (equal times in generation order), ids t1, t2, …
    let mut order: Vec<u32> = (0..w.rows.len() as u32).collect();
    order.sort_by_key(|&r| w.rows[r as usize].ts);
    let mut tx_of_row = vec![0 as TxIx; w.rows.len()];
    let usd = Currency::parse("USD").expect("USD");
    let mut b = GraphBuilder::with_capacity(w.rows.len());
    let ix: Vec<AccountIx> = w.names.iter().map(|n| b.account(n)).collect();
    for (k, &r) in order.iter().enumerate() {
        let row = w.rows[r as usize];
        tx_of_row[r as usize] = k as TxIx;
        b.push_ix(
            &format!("t{}", k + 1),
            ix[row.src as usize],
            ix[row.dst as usize],
            row.cents,
            usd,
            row.ts,
            CHANNELS[row.ch as usize],
        );
    }
    let graph = b.build();
    let truth = pending
        .into_iter()
        .map(|(label, (principal, accounts, rows, params))| {
            let mut transactions: Vec<TxIx> = rows.iter().map(|&r| tx_of_row[r as usize]).collect();
            transactions.sort_unstable();
            transactions.dedup();
            Instance {
                label,
                principal: principal.iter().map(|&a| ix[a as usize]).collect(),
                accounts: accounts.iter().map(|&a| ix[a as usize]).collect(),
                transactions,
                params,
            }
        })
        .collect();
    Synthetic { graph, truth }
}

/// The figures of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    pub typology: Typology,
    /// Planted instances.
    pub planted: usize,
    /// Planted instances that some alert of this typology covers at least half of.
    pub found: usize,
    /// Alerts of this typology.
    pub alerts: usize,
    /// Correct alerts (covering half of a planted instance of this typology) among the top K
    /// alerts of this typology, K = planted.
    pub correct_top_k: usize,
    /// Alerts of this typology about a decoy (principal account a decoy's, or covering half of
    /// a decoy's transactions).
    pub decoy_alerts: usize,
    /// Alerts of this typology about a plant of another indicator.
    pub cross_alerts: usize,
    /// The parameters of the plants missed.
    pub missed: Vec<String>,
}

impl IndicatorScore {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.planted.max(1) as f64
    }

    pub fn precision_at_k(&self) -> f64 {
        self.correct_top_k as f64 / self.planted.max(1) as f64
    }
}

/// The figures of one kind of decoy.
#[derive(Debug, Clone, PartialEq)]
pub struct DecoyScore {
    pub kind: Decoy,
    pub decoys: usize,
    /// Decoys about which some indicator alert was raised.
    pub fired: usize,
    /// Those alerts, counted per typology.
    pub alerts: Vec<(Typology, usize)>,
}

/// The evaluation of one scan.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub indicators: Vec<IndicatorScore>,
    /// Per decoy kind.
    pub decoys: Vec<DecoyScore>,
}

impl Evaluation {
    pub fn score(&self, t: Typology) -> &IndicatorScore {
        self.indicators.iter().find(|s| s.typology == t).expect("an indicator")
    }

    /// Decoys that raised an indicator alert, all kinds.
    pub fn decoys_fired(&self) -> usize {
        self.decoys.iter().map(|d| d.fired).sum()
    }
}

fn covers(alert: &FxHashSet<TxIx>, txs: &[TxIx]) -> bool {
    let hit = txs.iter().filter(|t| alert.contains(t)).count();
    !txs.is_empty() && 2 * hit >= txs.len()
}

/// The principal accounts of an alert: the first two for a settlement (both hawaladars), else
/// the first.
fn principals(a: &Alert) -> &[AccountIx] {
    let n = if a.typology == Typology::HawalaSettlement { 2 } else { 1 };
    &a.accounts[..n.min(a.accounts.len())]
}

/// Recall per indicator (an alert of its typology covering at least half of a plant's
/// transactions), precision among each indicator's top K alerts (K = its plants; an alert is
/// correct when it covers half of a plant of its typology), and the alerts raised on decoys.
/// `alerts` sorted by score, highest first (as the scan returns them).
pub fn evaluate(alerts: &[Alert], truth: &[Instance]) -> Evaluation {
    let sets: Vec<FxHashSet<TxIx>> =
        alerts.iter().map(|a| a.transactions.iter().copied().collect()).collect();
    let about = |a: usize, inst: &Instance| {
        principals(&alerts[a]).iter().any(|p| inst.principal.contains(p))
            || covers(&sets[a], &inst.transactions)
    };
    let mut indicators = Vec::new();
    for t in plant::INDICATORS {
        let plants: Vec<&Instance> = truth.iter().filter(|i| i.label == Label::Planted(t)).collect();
        let mine: Vec<usize> = (0..alerts.len()).filter(|&a| alerts[a].typology == t).collect();
        let mut found = 0;
        let mut missed = Vec::new();
        for p in &plants {
            if mine.iter().any(|&a| covers(&sets[a], &p.transactions)) {
                found += 1;
            } else {
                missed.push(p.params.clone());
            }
        }
        let correct_top_k = mine
            .iter()
            .take(plants.len())
            .filter(|&&a| plants.iter().any(|p| covers(&sets[a], &p.transactions)))
            .count();
        let decoy_alerts = mine
            .iter()
            .filter(|&&a| truth.iter().any(|i| matches!(i.label, Label::Decoy(_)) && about(a, i)))
            .count();
        let cross_alerts = mine
            .iter()
            .filter(|&&a| {
                truth.iter().any(|i| matches!(i.label, Label::Planted(u) if u != t) && about(a, i))
                    && !plants.iter().any(|p| covers(&sets[a], &p.transactions))
            })
            .count();
        indicators.push(IndicatorScore {
            typology: t,
            planted: plants.len(),
            found,
            alerts: mine.len(),
            correct_top_k,
            decoy_alerts,
            cross_alerts,
            missed,
        });
    }
    let indicator_alerts: Vec<usize> =
        (0..alerts.len()).filter(|&a| plant::INDICATORS.contains(&alerts[a].typology)).collect();
    let decoys = Decoy::ALL
        .into_iter()
        .map(|d| {
            let of_kind: Vec<&Instance> = truth.iter().filter(|i| i.label == Label::Decoy(d)).collect();
            let mut typologies = Vec::new();
            let mut fired = 0;
            for inst in &of_kind {
                let hits: Vec<Typology> = indicator_alerts
                    .iter()
                    .filter(|&&a| about(a, inst))
                    .map(|&a| alerts[a].typology)
                    .collect();
                fired += !hits.is_empty() as usize;
                typologies.extend(hits);
            }
            typologies.sort();
            let mut counts: Vec<(Typology, usize)> = Vec::new();
            for t in typologies {
                match counts.last_mut() {
                    Some(c) if c.0 == t => c.1 += 1,
                    _ => counts.push((t, 1)),
                }
            }
            DecoyScore { kind: d, decoys: of_kind.len(), fired, alerts: counts }
        })
        .collect();
    Evaluation { indicators, decoys }
}

#[cfg(test)]
mod tests;

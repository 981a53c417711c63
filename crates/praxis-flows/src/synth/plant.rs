//! The planted indicators. Each instance draws its parameters from ranges wider than the
//! defaults' comfort zone (the defaults are in `ScanParams`): counts down to the rule's minimum,
//! spans past its window, amounts past its bands, dwell times past its limit.

use super::life::{Town, MONTH};
use super::SPAN;
use super::{cents, Made, World, CASH, CASH_DEPOSIT, HOST, ORIGIN, REMIT, SALARY, START, TRANSFER, TRANSIT};
use crate::scan::{Typology, DAY, HOUR};

pub(crate) const INDICATORS: [Typology; 4] = [
    Typology::RemittanceFunnel,
    Typology::ControllerAccount,
    Typology::PooledWages,
    Typology::HawalaSettlement,
];

pub(crate) fn plant(w: &mut World, town: &Town, t: Typology) -> Made {
    match t {
        Typology::RemittanceFunnel => ms1(w, town),
        Typology::ControllerAccount => ht1(w, town),
        Typology::PooledWages => ht6(w, town),
        Typology::HawalaSettlement => ms3(w, town),
        _ => unreachable!("not an indicator"),
    }
}

/// A start time such that `span` fits in the data.
fn start(w: &mut World, span: i64) -> i64 {
    START + DAY + (w.uniform(0.0, 1.0) * (SPAN - span - 2 * DAY).max(0) as f64) as i64
}

fn within(w: &mut World, from: i64, span: i64) -> i64 {
    from + (w.uniform(0.0, 1.0) * span as f64) as i64
}

/// MS1: 5–40 senders in one to four origin countries (a quarter of them households of the
/// town, with lives of their own) each pay a smuggling fee of 150–1,450 (±0–20 %, half of the
/// instances in round tens; some fees so above the 1,500 "small" limit) to one recipient in a
/// transit country (half of the time a busy household), over 2–45 days; 15 % of the senders pay
/// twice (two migrants of one family). Most recipients forward the money on within three days.
fn ms1(w: &mut World, town: &Town) -> Made {
    let transit = w.pick(&TRANSIT);
    let r = if w.chance(0.5) { town.household(w) } else { w.account(transit) };
    let k = w.count(5, 40);
    let fee = w.uniform(150.0, 1_450.0);
    let spread = w.uniform(0.0, 0.2);
    let round = w.chance(0.5);
    let span = (w.uniform(2.0, 45.0) * DAY as f64) as i64;
    let from = start(w, span);
    let countries: Vec<&str> = (0..w.int(1, 4)).map(|_| w.pick(&ORIGIN)).collect();
    let mut rows = Vec::new();
    let mut accounts = vec![r];
    let mut senders = 0;
    for _ in 0..k {
        let s = if w.chance(0.25) {
            town.household(w)
        } else {
            let cc = countries[w.rng_index(countries.len())];
            w.account(cc)
        };
        if s == r || accounts.contains(&s) {
            continue;
        }
        accounts.push(s);
        senders += 1;
        let mut x = fee * (1.0 + spread * w.uniform(-1.0, 1.0));
        if round {
            x = (x / 10.0).round() * 10.0;
        }
        let times = if w.chance(0.15) { 2 } else { 1 };
        for _ in 0..times {
            let ts = within(w, from, span);
            rows.push(w.pay(ts, s, r, cents(x), REMIT));
        }
    }
    let mut truth = rows.clone();
    truth.sort_unstable();
    // Forwarded on: to an organiser, or in cash.
    if w.chance(0.6) {
        let organiser = w.account(transit);
        let mut ts: Vec<(i64, i64)> =
            rows.iter().map(|&x| (w.rows[x as usize].ts, w.rows[x as usize].cents)).collect();
        ts.sort_unstable();
        for chunk in ts.chunks(3) {
            let total: i64 = chunk.iter().map(|c| c.1).sum();
            let when = chunk.last().expect("chunk").0 + (w.uniform(0.1, 3.0) * DAY as f64) as i64;
            let share = w.uniform(0.7, 1.0);
            w.pay(when, r, organiser, (total as f64 * share) as i64, TRANSFER);
        }
        accounts.push(organiser);
    }
    let params = format!(
        "MS1: {senders} senders, fee {fee:.0} ±{:.0}%{}, over {:.1} days",
        spread * 100.0,
        if round { " in round tens" } else { "" },
        span as f64 / DAY as f64
    );
    (vec![r], accounts, truth, params)
}

/// HT1: 4–30 victims (each paid by an employer of the town, some by cash deposit at branches
/// in several cities) pay one controller every 2–14 days over 5–60 days; the controller (a new
/// account, or a household with a life of its own) withdraws 70–100 % of what came in, in cash
/// or to one to three accounts abroad, after a typical dwell of 2 hours to 4 days.
fn ht1(w: &mut World, town: &Town) -> Made {
    let cc = w.pick(&HOST);
    let c = if w.chance(0.4) { town.household(w) } else { w.account(cc) };
    let v = w.count(4, 30);
    let span = (w.uniform(5.0, 60.0) * DAY as f64) as i64;
    let period = (w.uniform(2.0, 14.0) * DAY as f64) as i64;
    let from = start(w, span);
    let dwell = (w.uniform(2.0, 96.0) * HOUR as f64) as i64;
    let share = w.uniform(0.7, 1.0);
    let eager = w.uniform(0.3, 1.0);
    let cash = w.chance(0.5);
    let bosses: Vec<u32> = (0..w.int(1, 3))
        .map(|_| {
            let o = w.pick(&ORIGIN);
            w.account(o)
        })
        .collect();
    let mut accounts = vec![c];
    let mut ins: Vec<(i64, u32)> = Vec::new();
    for _ in 0..v {
        let victim = w.account(cc);
        accounts.push(victim);
        let (e, _, _) = town.employer(w);
        let base = w.lognormal(250.0, 0.5).clamp(40.0, 900.0);
        let deposit = w.chance(0.5);
        let mut t = from + (w.uniform(0.0, 1.0) * period.min(span) as f64) as i64;
        let mut first = true;
        while t < from + span || first {
            // The victim's earnings arrive, and most of them go to the controller.
            w.pay(t - 6 * HOUR, e, victim, cents(base * 1.3), SALARY);
            let x = base * w.uniform(0.8, 1.2);
            let row = w.pay(t, victim, c, cents(x), if deposit { CASH_DEPOSIT } else { TRANSFER });
            ins.push((t, row));
            t += (period as f64 * w.uniform(0.8, 1.2)) as i64;
            first = false;
        }
    }
    ins.sort_unstable();
    let mut rows: Vec<u32> = ins.iter().map(|x| x.1).collect();
    let mut pending = 0i64;
    let atm = town.atm(cc);
    for (k, &(t, row)) in ins.iter().enumerate() {
        pending += w.rows[row as usize].cents;
        if w.chance(eager) || k + 1 == ins.len() {
            let when = t + (dwell as f64 * w.uniform(0.5, 1.5)) as i64;
            let x = (pending as f64 * share) as i64;
            let to = if cash { atm } else { bosses[w.rng_index(bosses.len())] };
            rows.push(w.pay(when, c, to, x, if cash { CASH } else { TRANSFER }));
            pending = 0;
        }
    }
    accounts.extend(&bosses);
    let params = format!(
        "HT1: {v} victims paying every {:.1} days over {:.1} days ({} payments), {:.0}% withdrawn after about {:.1} h{}",
        period as f64 / DAY as f64,
        span as f64 / DAY as f64,
        ins.len(),
        share * 100.0,
        dwell as f64 / HOUR as f64,
        if cash { " in cash" } else { "" }
    );
    (vec![c], accounts, rows, params)
}

/// HT6: an employer (half of the time one of the town's, which pays its other staff as usual;
/// otherwise a farm or factory that also pays 5–50 staff properly) pays the wages of 3–15
/// workers (a common wage ±0–25 %) into one account on 2–12 pay dates, monthly, fortnightly or
/// weekly; on 30 % of the instances a pay run straddles two days. The pooling account often
/// passes most of it on.
fn ht6(w: &mut World, town: &Town) -> Made {
    let cc = w.pick(&HOST);
    let e = if w.chance(0.5) {
        town.employer(w).0
    } else {
        let e = w.account(cc);
        let base = w.lognormal(1_600.0, 0.3);
        for _ in 0..w.count(5, 50) {
            let s = w.account(cc);
            let x = base * w.uniform(0.8, 1.25);
            let day = w.int(24, 28) as i64;
            for m in 0..12 {
                let ts = START + m * MONTH + day * DAY + w.office_hour();
                w.pay(ts, e, s, cents(x), SALARY);
            }
        }
        e
    };
    let a = if w.chance(0.7) { town.household(w) } else { w.account(cc) };
    let workers = w.count(3, 15);
    let spread = w.uniform(0.0, 0.25);
    let base = w.lognormal(900.0, 0.4);
    let wages: Vec<f64> = (0..workers).map(|_| base * (1.0 + spread * w.uniform(-1.0, 1.0))).collect();
    let dates = w.int(2, 12);
    let period = match w.int(0, 9) {
        0..=4 => MONTH,
        5..=7 => 14 * DAY,
        _ => 7 * DAY,
    };
    let straddle = w.chance(0.3);
    let from = start(w, period * dates as i64);
    let mut rows = Vec::new();
    let passer = w.chance(0.5).then(|| w.account(cc));
    for d in 0..dates {
        let day = from + d as i64 * period;
        let mut total = 0i64;
        for (i, &x) in wages.iter().enumerate() {
            let ts = day + w.office_hour() + if straddle && i % 2 == 1 { DAY } else { 0 };
            let y = cents(x * w.uniform(0.98, 1.02));
            total += y;
            rows.push(w.pay(ts, e, a, y, SALARY));
        }
        if let Some(p) = passer {
            let when = day + (w.uniform(1.0, 3.0) * DAY as f64) as i64;
            let y = (total as f64 * w.uniform(0.6, 0.9)) as i64;
            w.pay(when, a, p, y, TRANSFER);
        }
    }
    let mut accounts = vec![a, e];
    accounts.extend(passer);
    let params = format!(
        "HT6: {workers} workers' wages about {base:.0} ±{:.0}% on {dates} pay dates every {:.0} days{}",
        spread * 100.0,
        period as f64 / DAY as f64,
        if straddle { ", each pay run over two days" } else { "" }
    );
    (vec![a], accounts, rows, params)
}

/// MS3: two hawaladars (one in a host country, one in a country of origin) each collect
/// deposits from their own customers (5–40 into the first, 0–20 into the second) and settle
/// with 2–6 transfers each way over 5–60 days, the flows offsetting to within 0–12 % (past the
/// 10 % default) of the larger; totals 5,000–200,000.
fn ms3(w: &mut World, town: &Town) -> Made {
    let (ca, cb) = (w.pick(&HOST), w.pick(&ORIGIN));
    let (a, b) = (w.account(ca), w.account(cb));
    let span = (w.uniform(5.0, 60.0) * DAY as f64) as i64;
    let from = start(w, span + 20 * DAY) + 10 * DAY;
    let (nab, nba) = (w.int(2, 6), w.int(2, 6));
    let total = w.uniform(5_000.0, 200_000.0);
    let imbalance = w.uniform(0.0, 0.12);
    let (tab, tba) =
        if w.chance(0.5) { (total, total * (1.0 - imbalance)) } else { (total * (1.0 - imbalance), total) };
    let mut rows = Vec::new();
    for (n, t, s, d) in [(nab, tab, a, b), (nba, tba, b, a)] {
        let parts: Vec<f64> = (0..n).map(|_| w.uniform(0.5, 1.5)).collect();
        let sum: f64 = parts.iter().sum();
        for p in parts {
            let ts = within(w, from, span);
            rows.push(w.pay(ts, s, d, cents(t * p / sum), TRANSFER));
        }
    }
    let mut accounts = vec![a, b];
    let (da, db) = (w.count(5, 40), w.int(0, 20));
    for (x, cc, n) in [(a, ca, da), (b, cb, db)] {
        for _ in 0..n {
            let c = if cc == ca && w.chance(0.3) { town.household(w) } else { w.account(cc) };
            let ts = within(w, from - 5 * DAY, span + 5 * DAY);
            let y = cents(w.lognormal(400.0, 0.8));
            w.pay(ts, c, x, y, CASH_DEPOSIT);
            accounts.push(c);
        }
    }
    // The second hawaladar pays the beneficiaries.
    for _ in 0..(da / 2).max(2) {
        let beneficiary = w.account(cb);
        let ts = within(w, from, span);
        let y = cents(w.lognormal(400.0, 0.8));
        w.pay(ts, b, beneficiary, y, REMIT);
    }
    let params = format!(
        "MS3: {nab} and {nba} transfers each way over {:.1} days offsetting within {:.1}%, {da} and {db} depositors",
        span as f64 / DAY as f64,
        imbalance * 100.0
    );
    (vec![a, b], accounts, rows, params)
}

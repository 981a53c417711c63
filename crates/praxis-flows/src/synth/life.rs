//! Ordinary life (salaries, rent, shopping, remittances to family) and the decoys: legitimate
//! activity shaped like the indicators.

use super::background::Weighted;
use super::{
    cents, World, CARD, CASH, CASH_DEPOSIT, HOST, INVOICE, ORIGIN, REMIT, RENT, SALARY, START, TRANSFER,
};
use super::{Decoy, Made, SPAN};
use crate::scan::DAY;

/// A month, for calendars: a twelfth of the year.
pub(crate) const MONTH: i64 = SPAN / 12;

/// The ordinary town the patterns hide in.
pub(crate) struct Town {
    /// Households: background accounts that also live an ordinary life.
    pub households: Vec<u32>,
    /// Employers and their pay calendars: (account, first pay time, period).
    pub employers: Vec<(u32, i64, i64)>,
    employer_weights: Weighted,
    pub shops: Vec<u32>,
    shop_weights: Weighted,
    /// Cash machines by country (HOST then ORIGIN order).
    pub atms: Vec<(&'static str, u32)>,
}

impl Town {
    /// Builds the town and its year of ordinary life: about `target` transactions.
    pub(crate) fn new(w: &mut World, background_accounts: u32, target: usize) -> Town {
        // A household makes about 75 payments and receipts a year.
        let n_households = (target / 75).max(20);
        let mut households = Vec::with_capacity(n_households);
        let mut seen = rustc_hash::FxHashSet::default();
        while households.len() < n_households.min(background_accounts as usize) {
            let a = w.rng_index(background_accounts as usize) as u32;
            if seen.insert(a) {
                households.push(a);
            }
        }
        let mut atms = Vec::new();
        for cc in HOST.iter().chain(ORIGIN.iter()) {
            let a = w.account(cc);
            atms.push((*cc, a));
        }
        // Employers: a heavy-tailed number of staff each.
        let n_employers = (n_households / 40).max(3);
        let mut employers = Vec::new();
        let mut ew = Vec::new();
        for _ in 0..n_employers {
            let cc = w.pick(&HOST);
            let e = w.account(cc);
            let (first, period) = if w.chance(0.7) {
                // Monthly, on the same day each month.
                (START + w.int(24, 28) as i64 * DAY + w.office_hour(), MONTH)
            } else {
                (START + w.int(0, 13) as i64 * DAY + w.office_hour(), 14 * DAY)
            };
            employers.push((e, first, period));
            ew.push((1.0 - w.uniform(0.0, 1.0)).powf(-1.0 / 1.2));
        }
        let employer_weights = Weighted::new(&ew);
        let n_shops = (n_households / 20).max(5);
        let mut shops = Vec::new();
        let mut sw = Vec::new();
        for _ in 0..n_shops {
            let cc = w.pick(&HOST);
            shops.push(w.account(cc));
            sw.push((1.0 - w.uniform(0.0, 1.0)).powf(-1.0 / 1.1));
        }
        let shop_weights = Weighted::new(&sw);
        let n_landlords = (n_households / 8).max(3);
        let landlords: Vec<u32> = (0..n_landlords)
            .map(|_| {
                let cc = w.pick(&HOST);
                w.account(cc)
            })
            .collect();
        let town = Town { households, employers, employer_weights, shops, shop_weights, atms };
        for h in town.households.clone() {
            // Salary.
            let (e, first, period) = town.employers[town.employer_weights.sample(&mut w.rng) as usize];
            let salary = w.lognormal(2_200.0, 0.35);
            let mut t = first;
            while t < START + SPAN {
                let x = salary * w.uniform(0.98, 1.02);
                w.pay(t, e, h, cents(x), SALARY);
                t += period;
            }
            // Rent.
            if w.chance(0.7) {
                let l = landlords[w.rng_index(landlords.len())];
                let rent = w.lognormal(700.0, 0.4).round();
                let day = w.int(0, 4) as i64;
                for m in 0..12 {
                    let ts = START + m * MONTH + day * DAY + w.office_hour();
                    w.pay(ts, h, l, cents(rent), RENT);
                }
            }
            // Shopping at a few favourite shops.
            let favourites: Vec<u32> =
                (0..w.int(3, 8)).map(|_| town.shops[town.shop_weights.sample(&mut w.rng) as usize]).collect();
            let per_month = w.uniform(2.0, 8.0);
            let n = (per_month * 12.0) as usize;
            for _ in 0..n {
                let s = favourites[w.rng_index(favourites.len())];
                let ts = START + (w.uniform(0.0, 1.0) * SPAN as f64) as i64;
                let x = w.lognormal(30.0, 0.9).max(1.0);
                w.pay(ts, h, s, cents(x), CARD);
            }
            // A remittance to family abroad, which the family often cashes out.
            if w.chance(0.25) {
                let cc = w.pick(&ORIGIN);
                let fam = w.account(cc);
                let atm = town.atm(cc);
                let base = w.lognormal(250.0, 0.4).round();
                let day = w.int(0, 27) as i64;
                let cash_out = w.chance(0.6);
                for m in 0..12 {
                    let ts =
                        START + m * MONTH + (day + w.int(0, 4) as i64 - 2).max(0) * DAY + w.office_hour();
                    let x = (base * w.uniform(0.9, 1.1)).round();
                    w.pay(ts, h, fam, cents(x), REMIT);
                    if cash_out {
                        let y = x * w.uniform(0.8, 1.0);
                        let later = ts + (w.uniform(0.1, 3.0) * DAY as f64) as i64;
                        w.pay(later, fam, atm, cents(y), CASH);
                    }
                }
            }
        }
        town
    }

    pub(crate) fn atm(&self, country: &str) -> u32 {
        self.atms.iter().find(|a| a.0 == country).map_or(self.atms[0].1, |a| a.1)
    }

    pub(crate) fn household(&self, w: &mut World) -> u32 {
        self.households[w.rng_index(self.households.len())]
    }

    pub(crate) fn employer(&self, w: &mut World) -> (u32, i64, i64) {
        self.employers[self.employer_weights.sample(&mut w.rng) as usize]
    }
}

impl World {
    pub(crate) fn rng_index(&mut self, n: usize) -> usize {
        use rand::Rng;
        self.rng.gen_range(0..n)
    }
}

/// One decoy: (principal accounts, accounts, rows, parameters).
pub(crate) fn decoy(w: &mut World, town: &Town, d: Decoy) -> Made {
    match d {
        Decoy::Payroll => payroll(w),
        Decoy::Shop => shop(w, town),
        Decoy::Family => family(w, town),
        Decoy::Trade => trade(w),
        Decoy::Savings => savings(w, town),
    }
}

/// A payroll account funded each month by one to six group companies just before pay day, and
/// emptied on pay day into 10–150 staff accounts (a few joint accounts take two salaries).
fn payroll(w: &mut World) -> Made {
    let cc = w.pick(&HOST);
    let p = w.account(cc);
    let funders: Vec<u32> = (0..w.int(1, 6)).map(|_| w.account(cc)).collect();
    let staff_n = w.count(10, 150);
    let base = w.lognormal(1_800.0, 0.3);
    let mut staff: Vec<(u32, f64)> = Vec::new();
    for _ in 0..staff_n {
        let a = if !staff.is_empty() && w.chance(0.02) {
            staff[w.rng_index(staff.len())].0
        } else {
            w.account(cc)
        };
        let x = base * w.uniform(0.9, 1.1);
        staff.push((a, x));
    }
    let day = w.int(24, 28) as i64;
    let mut rows = Vec::new();
    for m in 0..12 {
        let pay_day = START + m * MONTH + day * DAY;
        let total: f64 = staff.iter().map(|s| s.1).sum();
        for &f in &funders {
            let ts = pay_day - (w.uniform(0.0, 2.0) * DAY as f64) as i64;
            rows.push(w.pay(ts, f, p, cents(total / funders.len() as f64 * 1.002), TRANSFER));
        }
        for &(a, x) in &staff {
            let ts = pay_day + w.office_hour();
            let y = cents(x * w.uniform(0.99, 1.01));
            rows.push(w.pay(ts, p, a, y, SALARY));
        }
    }
    let mut accounts = vec![p];
    accounts.extend(&funders);
    accounts.extend(staff.iter().map(|s| s.0));
    accounts.dedup();
    let params = format!("payroll: {} funders, {staff_n} staff, salaries about {base:.0}", funders.len());
    (vec![p], accounts, rows, params)
}

/// A shop taking card payments of varied amounts from 30–300 customers a month, most of them
/// one-off (passers-by), the rest households of the town, for 3–12 months; it pays a supplier
/// every week.
fn shop(w: &mut World, town: &Town) -> Made {
    let cc = w.pick(&HOST);
    let s = w.account(cc);
    let supplier = w.account(cc);
    let per_month = w.count(30, 300);
    let months = w.int(3, 12) as i64;
    let median = w.uniform(5.0, 80.0);
    let sigma = w.uniform(0.4, 1.0);
    let regulars: Vec<u32> = (0..w.int(5, 40)).map(|_| town.household(w)).collect();
    let first = START + w.int(0, (12 - months) as usize) as i64 * MONTH;
    let mut rows = Vec::new();
    let mut accounts = vec![s, supplier];
    let mut takings = 0.0;
    for k in 0..(per_month as i64 * months) {
        let ts = first + (w.uniform(0.0, 1.0) * (months * MONTH) as f64) as i64;
        let payer = if w.chance(0.6) {
            let a = w.account(cc);
            accounts.push(a);
            a
        } else {
            regulars[(k as usize) % regulars.len()]
        };
        let x = w.lognormal(median, sigma).clamp(1.0, 1_400.0);
        takings += x;
        rows.push(w.pay(ts, payer, s, cents(x), CARD));
    }
    for week in 0..(months * MONTH / (7 * DAY)) {
        let ts = first + week * 7 * DAY + 7 * DAY + w.office_hour();
        let x = takings / (months * MONTH / (7 * DAY)).max(1) as f64 * w.uniform(0.5, 0.8);
        rows.push(w.pay(ts, s, supplier, cents(x), INVOICE));
    }
    accounts.extend(&regulars);
    let params = format!(
        "shop: {per_month} customers a month for {months} months, amounts median {median:.0} σ {sigma:.2}"
    );
    (vec![s], accounts, rows, params)
}

/// A family abroad receiving a monthly remittance from each of two or three relatives (in
/// different host countries), cashing most of it out within two days.
fn family(w: &mut World, town: &Town) -> Made {
    let cc = w.pick(&ORIGIN);
    let f = w.account(cc);
    let atm = town.atm(cc);
    let n = w.int(2, 3);
    let mut rows = Vec::new();
    let mut accounts = vec![f, atm];
    for _ in 0..n {
        let r = if w.chance(0.5) {
            town.household(w)
        } else {
            let h = w.pick(&HOST);
            w.account(h)
        };
        accounts.push(r);
        let base = w.uniform(100.0, 600.0).round();
        let day = w.int(0, 27) as i64;
        let every = if w.chance(0.7) { 1 } else { 2 };
        for m in (0..12).step_by(every) {
            let ts = START + m * MONTH + day * DAY + w.office_hour();
            let x = (base * w.uniform(0.95, 1.05)).round();
            rows.push(w.pay(ts, r, f, cents(x), REMIT));
            let later = ts + (w.uniform(0.1, 2.0) * DAY as f64) as i64;
            let y = cents(x * w.uniform(0.8, 1.0));
            rows.push(w.pay(later, f, atm, y, CASH));
        }
    }
    (vec![f], accounts, rows, format!("family: {n} relatives remitting monthly, cashed out within 2 days"))
}

/// Two businesses in different countries invoicing each other every month, one side's goods
/// worth 1.3–3 times the other's (the flows do not offset), each with 5–40 customers of its own.
fn trade(w: &mut World) -> Made {
    let (ca, cb) = (w.pick(&HOST), w.pick(&ORIGIN));
    let (a, b) = (w.account(ca), w.account(cb));
    let median_ab = w.lognormal(8_000.0, 0.8);
    let factor = w.uniform(1.3, 3.0);
    let median_ba = if w.chance(0.5) { median_ab * factor } else { median_ab / factor };
    let (nab, nba) = (w.int(1, 6), w.int(1, 6));
    let months = w.int(6, 12) as i64;
    let first = START + w.int(0, (12 - months) as usize) as i64 * MONTH;
    let mut rows = Vec::new();
    let mut accounts = vec![a, b];
    for m in 0..months {
        // Each side's monthly total is about its invoices' median times a fixed count, so the
        // months do not offset.
        for _ in 0..nab {
            let ts = first + m * MONTH + (w.uniform(0.0, 1.0) * MONTH as f64) as i64;
            let x = median_ab * w.uniform(0.6, 1.4) / nab as f64 * 3.0;
            rows.push(w.pay(ts, a, b, cents(x), INVOICE));
        }
        for _ in 0..nba {
            let ts = first + m * MONTH + (w.uniform(0.0, 1.0) * MONTH as f64) as i64;
            let x = median_ba * w.uniform(0.6, 1.4) / nba as f64 * 3.0;
            rows.push(w.pay(ts, b, a, cents(x), INVOICE));
        }
    }
    for (x, cc) in [(a, ca), (b, cb)] {
        let customers: Vec<u32> = (0..w.count(5, 40)).map(|_| w.account(cc)).collect();
        for m in 0..months {
            for &c in &customers {
                if w.chance(0.6) {
                    let ts = first + m * MONTH + (w.uniform(0.0, 1.0) * MONTH as f64) as i64;
                    let y = w.lognormal(900.0, 0.7);
                    w.pay(ts, c, x, cents(y), INVOICE);
                }
            }
        }
        accounts.extend(customers);
    }
    let params = format!("trade: {nab} and {nba} invoices a month each way for {months} months, one side {factor:.2} times the other");
    (vec![a, b], accounts, rows, params)
}

/// A savings account (a savings group's, or a family's) into which 5–30 members deposit every
/// week or month, from which the owner withdraws 10–50 % of the balance every one to three months.
fn savings(w: &mut World, town: &Town) -> Made {
    let cc = w.pick(&HOST);
    let s = w.account(cc);
    let owner = town.household(w);
    let members: Vec<u32> = (0..w.count(5, 30)).map(|_| town.household(w)).collect();
    let mut events: Vec<(i64, u32, i64)> = Vec::new();
    for &m in &members {
        let amount = w.uniform(20.0, 300.0).round();
        let period = if w.chance(0.5) { 7 * DAY } else { MONTH };
        let mut t = START + (w.uniform(0.0, 1.0) * period as f64) as i64;
        while t < START + SPAN {
            events.push((t, m, cents(amount * w.uniform(0.9, 1.1))));
            t += period + (w.uniform(-0.5, 0.5) * DAY as f64) as i64;
        }
    }
    events.sort_unstable();
    let mut rows = Vec::new();
    let mut balance = 0i64;
    let mut next = START + (w.uniform(1.0, 3.0) * MONTH as f64) as i64;
    let cash = w.chance(0.5);
    let atm = town.atm(cc);
    for (t, m, x) in events {
        while next <= t {
            let y = (balance as f64 * w.uniform(0.1, 0.5)) as i64;
            if y > 0 {
                rows.push(if cash {
                    w.pay(next, s, atm, y, CASH)
                } else {
                    w.pay(next, s, owner, y, TRANSFER)
                });
                balance -= y;
            }
            next += (w.uniform(1.0, 3.0) * MONTH as f64) as i64;
        }
        rows.push(w.pay(t, m, s, x, CASH_DEPOSIT));
        balance += x;
    }
    let mut accounts = vec![s, owner, atm];
    accounts.extend(&members);
    (vec![s], accounts, rows, format!("savings: {} members", members.len()))
}

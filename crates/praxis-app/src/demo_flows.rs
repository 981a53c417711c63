//! The demo's financial-flows dataset: a migrant-smuggling network laid over ordinary activity,
//! generated deterministically (the same every time) in AMLSim's CSV format and imported through
//! the ordinary import path.
//!
//! What an investigator can find in it:
//! - families in Afghanistan, Pakistan and Bangladesh paying smuggling fees to one collector
//!   account in a transit area (`IR-ZAH-7731`), which forwards most of it within a day or two to
//!   the organiser (`PK-QTA-0101`);
//! - the organiser paying a boat seller, a vehicle dealer and a hawaladar, and depositing amounts
//!   just under the 10,000 reporting threshold;
//! - hawaladars settling among themselves in a cycle (Karachi → Dubai → Kabul → Karachi);
//! - a controller account (`PK-LHR-2204`) that receives weekly from a dozen workers and withdraws
//!   in cash at once.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const DAY: i64 = 86_400;
/// 2026-03-01T00:00:00Z
const START: i64 = 1_772_323_200;

struct Gen {
    rows: Vec<(i64, String, String, i64)>,
}

impl Gen {
    fn tx(&mut self, t: i64, from: &str, to: &str, cents: i64) {
        self.rows.push((t, from.to_owned(), to.to_owned(), cents));
    }
}

pub(crate) fn csv() -> String {
    let mut r = StdRng::seed_from_u64(20_260_301);
    let mut g = Gen { rows: Vec::new() };
    // Ordinary activity: 80 accounts, salaries from 4 employers, shops, transfers between people.
    let people: Vec<String> = (0..80).map(|i| format!("PK-KHI-{:04}", 3000 + i)).collect();
    let employers = ["PK-KHI-EMP-TEXTILE", "PK-KHI-EMP-PORT", "PK-LHR-EMP-BRICKS", "PK-ISB-EMP-CLINIC"];
    let shops = ["PK-KHI-SHOP-GROCER", "PK-KHI-SHOP-PHONES", "PK-KHI-SHOP-FUEL", "PK-KHI-SHOP-PHARMA"];
    for month in 0..2 {
        for (i, p) in people.iter().enumerate() {
            let t = START + (month * 30 + 1) * DAY + r.gen_range(0..DAY);
            g.tx(t, employers[i % 4], p, r.gen_range(45_000..180_000));
        }
    }
    for _ in 0..900 {
        let t = START + r.gen_range(0..60 * DAY);
        let a = &people[r.gen_range(0..people.len())];
        if r.gen_bool(0.6) {
            g.tx(t, a, shops[r.gen_range(0..4)], r.gen_range(500..25_000));
        } else {
            let b = &people[r.gen_range(0..people.len())];
            if a != b {
                g.tx(t, a, b, r.gen_range(1_000..60_000));
            }
        }
    }
    // The smuggling network.
    let collector = "IR-ZAH-7731";
    let organiser = "PK-QTA-0101";
    let countries = ["AF-HRT", "AF-KBL", "PK-PSH", "BD-SYL", "PK-GUJ"];
    for f in 0..45 {
        let family = format!("{}-FAM-{:03}", countries[f % countries.len()], 100 + f);
        let payments = r.gen_range(1..=3);
        for _ in 0..payments {
            let t = START + 10 * DAY + r.gen_range(0..21 * DAY);
            g.tx(t, &family, collector, r.gen_range(80_000..250_000));
        }
    }
    // The collector forwards most of each week's takings within a day or two.
    for week in 0..4 {
        let t = START + (13 + week * 6) * DAY + r.gen_range(0..DAY);
        g.tx(t, collector, organiser, r.gen_range(2_400_000..2_900_000));
        g.tx(t + DAY, collector, "IR-ZAH-CASH", r.gen_range(150_000..300_000));
    }
    // The organiser spends on logistics and structures cash deposits below the threshold.
    g.tx(START + 20 * DAY, organiser, "TR-IZM-BOATS-09", 3_850_000);
    g.tx(START + 24 * DAY, organiser, "PK-QTA-MOTORS-4", 2_150_000);
    g.tx(START + 27 * DAY, organiser, "PK-KHI-HWL-03", 3_000_000);
    for k in 0..6 {
        g.tx(START + (30 + k * 2) * DAY, organiser, "PK-QTA-BANK-CASHDESK", 950_000 + r.gen_range(0..45_000));
    }
    // Hawaladars settle: Karachi → Dubai → Kabul → Karachi, amounts decaying by their commissions.
    let mut amount = 2_900_000;
    for (i, (a, b)) in [
        ("PK-KHI-HWL-03", "AE-DXB-HWL-11"),
        ("AE-DXB-HWL-11", "AF-KBL-HWL-07"),
        ("AF-KBL-HWL-07", "PK-KHI-HWL-03"),
    ]
    .iter()
    .enumerate()
    {
        g.tx(START + (28 + i as i64) * DAY, a, b, amount);
        amount = amount * 97 / 100;
    }
    // A controller: a dozen workers' wages land in one account every week, withdrawn at once.
    let controller = "PK-LHR-2204";
    let workers: Vec<String> = (0..12).map(|i| format!("PK-LHR-{:04}", 5100 + i)).collect();
    for week in 0..8 {
        let payday = START + (week * 7 + 2) * DAY;
        for w in &workers {
            g.tx(payday, "PK-LHR-EMP-BRICKS", w, 60_000);
            g.tx(payday + 3_600 + r.gen_range(0..3_600), w, controller, r.gen_range(42_000..50_000));
        }
        g.tx(payday + 6 * 3_600, controller, "PK-LHR-ATM-CASH", 520_000);
    }
    g.rows.sort_by_key(|row| row.0);
    let mut out =
        String::from("tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id\n");
    for (i, (t, a, b, cents)) in g.rows.iter().enumerate() {
        let ts = time::OffsetDateTime::from_unix_timestamp(*t)
            .expect("a valid time")
            .format(&time::format_description::well_known::Rfc3339)
            .expect("formatted");
        out.push_str(&format!(
            "{},{a},{b},TRANSFER,{}.{:02},{ts},False,-1\n",
            i + 1,
            cents / 100,
            cents % 100
        ));
    }
    out
}

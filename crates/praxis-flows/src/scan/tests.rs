//! Each typology on small hand-made graphs, positive and negative, through one `check`.
//!
//! A fixture is lines of `day payer payee amount [channel]` (day 0 is 2017-01-01). Most fixtures
//! sit in a *town* of ordinary accounts that pay their standing payees every week for a year, so
//! that the rules see ordinary activity around the pattern; the town alone must raise nothing.

use super::*;
use crate::graph::GraphBuilder;
use crate::money::Currency;

const T0: i64 = 1_483_228_800_000; // 2017-01-01T00:00:00Z

fn graph(fixture: &str) -> TxGraph {
    let usd = Currency::parse("USD").unwrap();
    let mut b = GraphBuilder::default();
    let mut rows: Vec<(i64, usize, Vec<&str>)> = fixture
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .enumerate()
        .map(|(i, l)| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let day: f64 = f[0].parse().expect("day");
            (T0 + (day * DAY as f64).round() as i64, i, f)
        })
        .collect();
    rows.sort_by_key(|r| (r.0, r.1));
    for (ts, i, f) in rows {
        let amount = usd.parse_amount(f[3]).expect("amount");
        b.push(&format!("t{i}"), f[1], f[2], amount, usd, ts, f.get(4).copied().unwrap_or("TRANSFER"));
    }
    b.build()
}

/// Twelve ordinary accounts (O0..O11), each paying its three standing payees in turn, one payment
/// a week on its own weekday, for a year; and each paid a monthly salary by an employer.
fn town() -> String {
    let mut s = String::new();
    for a in 0..12 {
        for week in 0..52 {
            let payee = (a + 1 + week % 3) % 12;
            let amount = 100 + (a * 37 + week * 53) % 400;
            s.push_str(&format!("{} O{a} O{payee} {amount}.00\n", week * 7 + a % 7));
        }
        for month in 0..12 {
            s.push_str(&format!("{} EMP O{a} 2000.00\n", month * 30 + 25));
        }
    }
    s
}

#[derive(Debug)]
enum Expect {
    /// An alert of this typology and rule whose principal account (first) is this one and whose
    /// accounts include these.
    Fires(Typology, &'static str, &'static str, &'static [&'static str]),
    /// No alert of this typology.
    Silent(Typology),
    /// No alert at all (above the default minimum score).
    Nothing,
}

fn check(fixture: &str, expected: &[Expect]) {
    check_with(fixture, &ScanParams::default(), expected)
}

fn check_with(fixture: &str, params: &ScanParams, expected: &[Expect]) {
    let g = graph(fixture);
    let alerts = scan(&g, params);
    let show = || {
        alerts
            .iter()
            .map(|a| {
                let ids: Vec<&str> = a.accounts.iter().map(|&x| g.account_id(x)).collect();
                format!("  {} {} {:.3} {:?} {:?}", a.typology.name(), a.rule, a.score, a.figures, ids)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for e in expected {
        match e {
            Expect::Fires(t, rule, principal, members) => {
                let hit = alerts.iter().any(|a| {
                    let ids: Vec<&str> = a.accounts.iter().map(|&x| g.account_id(x)).collect();
                    a.typology == *t
                        && a.rule == *rule
                        && ids.first() == Some(principal)
                        && members.iter().all(|m| ids.contains(m))
                });
                assert!(hit, "expected {e:?}; alerts:\n{}", show());
            }
            Expect::Silent(t) => {
                assert!(alerts.iter().all(|a| a.typology != *t), "expected {e:?}; alerts:\n{}", show());
            }
            Expect::Nothing => assert!(alerts.is_empty(), "expected no alerts; alerts:\n{}", show()),
        }
    }
    // Every alert is explained and consistent.
    for a in &alerts {
        assert!(!a.explanation.is_empty() && !a.figures.is_empty());
        assert!(a.transactions.windows(2).all(|w| w[0] < w[1]), "transactions in time order");
        assert!(a.score > 0.0 && a.score < 1.0);
        for &t in &a.transactions {
            assert!(a.accounts.contains(&g.src[t as usize]) && a.accounts.contains(&g.dst[t as usize]));
        }
    }
    assert!(alerts.windows(2).all(|w| w[0].score >= w[1].score), "sorted by score");
}

fn with_town(pattern: &str) -> String {
    format!("{}{pattern}", town())
}

#[test]
fn the_town_alone_raises_nothing() {
    check(&town(), &[Expect::Nothing]);
}

#[test]
fn fan_in_burst_of_new_payers() {
    let f = with_town(
        "100 S1 R 120.00
         101 S2 R 900.00
         103 S3 R 330.00
         104 S4 R 1400.00
         106 S5 R 560.00
         107 S6 R 210.00
         30 EMP R 2000.00
         60 EMP R 2000.00
         90 EMP R 2000.00
         120 EMP R 2000.00",
    );
    check(&f, &[Expect::Fires(Typology::FanIn, "fan_in.burst", "R", &["S1", "S2", "S3", "S4", "S5", "S6"])]);
}

#[test]
fn fan_in_at_a_regular_cadence() {
    // An account paid irregularly by standing payers and now and then by a new one; and new
    // payers arriving every 23 days.
    let mut f = town();
    for (i, day) in [3, 11, 40, 52, 77, 95, 130, 160, 161, 200, 230, 260, 300, 333].iter().enumerate() {
        f.push_str(&format!("{day} O{} R {}.00\n", i % 3, 150 + i * 20));
    }
    for (i, day) in [5, 100, 180, 270, 340].iter().enumerate() {
        f.push_str(&format!("{day} N{i} R 250.00\n"));
    }
    for k in 0..7 {
        f.push_str(&format!("{} V{k} R 480.00\n", 20 + 23 * k));
    }
    check(&f, &[Expect::Fires(Typology::FanIn, "fan_in.cadence", "R", &["V0", "V3", "V6"])]);
}

#[test]
fn standing_payers_are_not_a_fan() {
    let mut f = town();
    for month in 0..12 {
        for p in ["P1", "P2", "P3", "P4"] {
            f.push_str(&format!("{} {p} R 300.00\n", month * 30 + 2));
        }
    }
    check(&f, &[Expect::Silent(Typology::FanIn)]);
}

#[test]
fn fan_out_off_schedule() {
    // O3 keeps its weekly schedule, and on two days pays six new payees besides.
    let f = with_town(
        "150 O3 N1 390.00
         150 O3 N2 410.00
         151 O3 N3 370.00
         152 O3 N4 420.00
         152 O3 N5 380.00
         153 O3 N6 400.00",
    );
    check(&f, &[Expect::Fires(Typology::FanOut, "fan_out.burst", "O3", &["N1", "N6"])]);
}

#[test]
fn a_weekly_payer_of_new_payees_is_its_schedule() {
    let mut f = town();
    for week in 0..52 {
        f.push_str(&format!("{} W P{week} 250.00\n", week * 7 + 2));
    }
    check(&f, &[Expect::Silent(Typology::FanOut)]);
}

#[test]
fn cycle_within_a_window() {
    // Legs in no particular order in time.
    let f = with_town(
        "200 C1 C2 500.00
         195 C2 C3 300.00
         203 C3 C4 800.00
         198 C4 C1 450.00",
    );
    // Told from the payer of the earliest leg.
    check(&f, &[Expect::Fires(Typology::Cycle, "cycle.window", "C2", &["C1", "C3", "C4"])]);
}

#[test]
fn round_trip_in_time_order_with_decaying_amounts() {
    let f = with_town(
        "200 C1 C2 1000.00
         201 C2 C3 950.00
         202 C3 C4 930.00
         204 C4 C1 900.00",
    );
    check(&f, &[Expect::Fires(Typology::Cycle, "cycle.round_trip", "C1", &["C2", "C3", "C4"])]);
}

#[test]
fn ordinary_business_round_a_ring_is_not_a_cycle() {
    // The town pays round rings of standing payees every week: no cycle is reported (above).
    // A cycle that spans more than the window is not one either.
    let f = with_town(
        "10 C1 C2 500.00
         30 C2 C3 500.00
         60 C3 C1 500.00",
    );
    check(&f, &[Expect::Silent(Typology::Cycle)]);
}

#[test]
fn open_chain_of_new_payments() {
    let f = with_town(
        "200 L1 L2 900.00
         202 L2 L3 880.00
         201 L3 L4 870.00
         205 L4 L5 860.00
         206 L5 L6 850.00",
    );
    check(&f, &[Expect::Fires(Typology::Cycle, "cycle.open_chain", "L1", &["L3", "L6"])]);
}

#[test]
fn scatter_gather_through_mules() {
    let f = with_town(
        "100 S M1 900.00
         101 S M2 850.00
         101 S M3 870.00
         102 S M4 910.00
         108 M1 T 880.00
         109 M2 T 830.00
         110 M3 T 850.00
         111 M4 T 890.00",
    );
    check(&f, &[Expect::Fires(Typology::ScatterGather, "scatter_gather.paths", "S", &["T", "M1", "M4"])]);
}

#[test]
fn standing_relationships_do_not_scatter_and_gather() {
    let mut f = town();
    for month in 0..12 {
        for m in ["M1", "M2", "M3"] {
            f.push_str(&format!("{} S {m} 500.00\n{} {m} T 480.00\n", month * 30 + 1, month * 30 + 5));
        }
    }
    check(&f, &[Expect::Silent(Typology::ScatterGather)]);
}

#[test]
fn gather_then_scatter_through_a_hub() {
    let f = with_town(
        "100 X1 H 700.00
         101 X2 H 650.00
         102 X3 H 720.00
         106 H Y1 500.00
         107 H Y2 480.00
         109 H Y3 510.00
         110 H Y4 470.00",
    );
    check(&f, &[Expect::Fires(Typology::GatherScatter, "gather_scatter.hub", "H", &["X1", "Y4"])]);
}

#[test]
fn pass_through_within_the_dwell() {
    // M usually keeps its salary; then four receipts leave again within a day.
    let mut f = town();
    for month in 0..12 {
        f.push_str(&format!("{} EMP M 1800.00\n", month * 30 + 25));
    }
    f.push_str(
        "200 P1 M 1000.00
         200.5 M Q1 990.00
         203 P2 M 1500.00
         204 M Q2 1480.00
         207 P3 M 800.00
         207.5 M Q3 800.00
         210 P4 M 1200.00
         211 M Q4 1150.00\n",
    );
    check(&f, &[Expect::Fires(Typology::PassThrough, "pass_through.dwell", "M", &["P1", "Q4"])]);
}

#[test]
fn money_that_stays_is_not_passed_through() {
    let mut f = town();
    f.push_str(
        "200 P1 M 1000.00
         203 P2 M 1500.00
         207 P3 M 800.00
         240 M Q1 900.00\n",
    );
    check(&f, &[Expect::Silent(Typology::PassThrough)]);
}

#[test]
fn structuring_just_under_the_threshold() {
    let f = with_town(
        "150 K B1 9500.00
         151 K B2 9800.00
         152 K B3 9900.00
         154 K B4 9650.00",
    );
    check(&f, &[Expect::Fires(Typology::Structuring, "structuring.below_threshold", "K", &["B1", "B4"])]);
    let f = with_town(
        "150 K B1 5000.00
         151 K B2 5000.00
         152 K B3 12000.00",
    );
    check(&f, &[Expect::Silent(Typology::Structuring)]);
}

#[test]
fn ms1_alike_small_remittances_from_unrelated_senders() {
    let f = with_town(
        "150 F1 R 300.00
         151 F2 R 310.00
         151 F3 R 295.00
         153 F4 R 305.00
         155 F5 R 300.00
         156 F6 R 320.00",
    );
    check(
        &f,
        &[Expect::Fires(
            Typology::RemittanceFunnel,
            "remittance_funnel.alike_small_amounts",
            "R",
            &["F1", "F6"],
        )],
    );
    // Senders who pay each other are related: not MS1.
    let f =
        format!("{f}\n140 F1 F2 50.00\n141 F3 F4 50.00\n142 F5 F6 50.00\n142 F2 F3 50.00\n142 F4 F5 50.00\n");
    check(&f, &[Expect::Silent(Typology::RemittanceFunnel)]);
}

#[test]
fn ht1_controller_paid_by_many_and_emptied_fast() {
    let mut f = town();
    for month in 0..12 {
        f.push_str(&format!("{} EMP C 1500.00\n", month * 30 + 25));
    }
    f.push_str(
        "200 V1 C 400.00
         201 V2 C 350.00
         202 V3 C 420.00
         203 V4 C 380.00
         204 V5 C 400.00
         201 C ATM 740.00 CASH
         203 C ATM 800.00 CASH
         205 C ATM 770.00 CASH\n",
    );
    check(
        &f,
        &[Expect::Fires(
            Typology::ControllerAccount,
            "controller_account.fast_withdrawal",
            "C",
            &["V1", "V5"],
        )],
    );
}

#[test]
fn ht6_several_wages_into_one_account() {
    let f = with_town(
        "30 FARM W 1200.00
         30 FARM W 1180.00
         30 FARM W 1210.00
         60 FARM W 1200.00
         60 FARM W 1190.00
         60 FARM W 1220.00
         90 FARM W 1205.00
         90 FARM W 1200.00
         90 FARM W 1185.00",
    );
    check(&f, &[Expect::Fires(Typology::PooledWages, "pooled_wages.pay_dates", "W", &["FARM"])]);
    // Each worker's wage into the worker's own account: nothing.
    let f = with_town(
        "30 FARM W1 1200.00
         30 FARM W2 1180.00
         30 FARM W3 1210.00
         60 FARM W1 1200.00
         60 FARM W2 1190.00
         60 FARM W3 1220.00",
    );
    check(&f, &[Expect::Silent(Typology::PooledWages)]);
}

#[test]
fn ms3_offsetting_settlement_between_hawaladars() {
    let mut f = town();
    for (i, day) in [150, 151, 152, 153, 154, 155, 157].iter().enumerate() {
        f.push_str(&format!("{day} D{i} HA {}.00\n", 200 + 50 * i));
    }
    f.push_str(
        "152 HA HB 1000.00
         156 HA HB 500.00
         154 HB HA 800.00
         158 HB HA 690.00\n",
    );
    check(&f, &[Expect::Fires(Typology::HawalaSettlement, "hawala_settlement.offsetting", "HA", &["HB"])]);
    let f = f.replace("158 HB HA 690.00", "158 HB HA 90.00");
    check(&f, &[Expect::Silent(Typology::HawalaSettlement)]);
}

#[test]
fn each_pattern_is_one_alert() {
    // A fan seen over overlapping windows, and a cycle seen from two slices, are one alert each.
    let f = with_town(
        "200 C1 C2 500.00
         195 C2 C3 300.00
         203 C3 C1 800.00
         100 S1 R 420.00
         101 S2 R 515.00
         103 S3 R 380.00
         104 S4 R 610.00",
    );
    let g = graph(&f);
    let alerts = scan(&g, &ScanParams::default());
    let r = g.account("R").unwrap();
    let c1 = g.account("C1").unwrap();
    assert_eq!(alerts.iter().filter(|a| a.typology == Typology::FanIn && a.accounts[0] == r).count(), 1);
    assert_eq!(
        alerts.iter().filter(|a| a.typology == Typology::Cycle && a.accounts.contains(&c1)).count(),
        1
    );
    // And the scan is deterministic.
    assert_eq!(alerts, scan(&g, &ScanParams::default()));
}

/// The fan-in alerts at `account` (their counterparties' ids).
fn fans_into(fixture: &str, account: &str) -> Vec<Vec<String>> {
    let g = graph(fixture);
    scan(&g, &ScanParams::default())
        .iter()
        .filter(|a| a.typology == Typology::FanIn && g.account_id(a.accounts[0]) == account)
        .map(|a| a.accounts[1..].iter().map(|&x| g.account_id(x).to_owned()).collect())
        .collect()
}

#[test]
fn two_cadences_through_one_payer_are_two_fans() {
    // New payers V every 23 days and W every 31 days; the W chain's third arrival falls on a V
    // day, where only V3 pays. Each cadence is its own fan: the stronger one (V, 7 members) takes
    // the shared arrival, the other keeps its four free members, and neither takes the other's.
    let mut f = town();
    for (i, day) in [3, 11, 40, 52, 77, 95, 130, 160, 161, 200, 230, 260, 300, 333].iter().enumerate() {
        f.push_str(&format!("{day} O{} R {}.00\n", i % 3, 150 + i * 20));
    }
    for k in 0..7 {
        f.push_str(&format!("{} V{k} R 480.00\n", 20 + 23 * k));
    }
    for (k, day) in [27, 58, 120, 151].iter().enumerate() {
        f.push_str(&format!("{day} W{k} R 310.00\n"));
    }
    let fans = fans_into(&f, "R");
    let has = |fan: &Vec<String>, id: &str| fan.iter().any(|x| x == id);
    assert!(
        fans.iter().any(|a| has(a, "V0") && has(a, "V6") && !has(a, "W0")),
        "a fan of the V cadence alone: {fans:?}"
    );
    assert!(
        fans.iter().any(|a| has(a, "W0") && has(a, "W3") && !has(a, "V0")),
        "a fan of the W cadence alone: {fans:?}"
    );
}

#[test]
fn payments_further_apart_than_a_fan_are_not_a_standing_relationship() {
    // New payers every 60 days; V2 pays again 600 days later (longer than `fan_window`): its two
    // payments are two one-off dealings, so V2 is still part of the cadence.
    let mut f = town();
    for (i, day) in [3, 11, 40, 52, 77, 95, 130, 160, 161, 200, 230, 260, 300, 333].iter().enumerate() {
        f.push_str(&format!("{day} O{} R {}.00\n", i % 3, 150 + i * 20));
    }
    for k in 0..5 {
        f.push_str(&format!("{} V{k} R 480.00\n", 20 + 60 * k));
    }
    f.push_str("740 V2 R 90.00\n");
    let fans = fans_into(&f, "R");
    assert!(
        fans.iter().any(|a| ["V0", "V1", "V2", "V3", "V4"].iter().all(|v| a.iter().any(|x| x == v))),
        "one fan of all five payers: {fans:?}"
    );
}

#[test]
fn ordinary_payments_that_carry_gathered_money_on_scatter_it() {
    // H pays its standing payees P1 and P2 every week; three new senders pay H, and H's next
    // payments, to P1 and P2 as usual, carry exactly that money on within a day.
    let mut f = town();
    for week in 0..52 {
        f.push_str(&format!("{} H P1 40.00\n{} H P2 35.00\n", week * 7 + 3, week * 7 + 3));
    }
    f.push_str(
        "100 X1 H 700.00
         100 X2 H 650.00
         101 X3 H 720.00
         101 H P1 1100.00
         101 H P2 970.00",
    );
    check(
        &f,
        &[Expect::Fires(Typology::GatherScatter, "gather_scatter.hub", "H", &["X1", "X3", "P1", "P2"])],
    );
}

/// SplitMix64's finaliser: a well-mixed hash of `x`.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// `shops` shops paid by one-off customers, `per_day` a day each at irregular times, for `days`
/// days.
fn shops(shops: usize, per_day: usize, days: usize) -> String {
    let mut s = String::new();
    for shop in 0..shops {
        for day in 0..days {
            for k in 0..per_day {
                let at = mix((shop * 1_000_003 + day * 7919 + k * 104_729) as u64) % 1000;
                let amount = 20 + (k * 7 + day * 3 + shop) % 50;
                s.push_str(&format!("{day}.{at:03} C{shop}x{day}x{k} SHOP{shop} {amount}.00\n"));
            }
        }
    }
    s
}

/// The fan-in alerts of a scan with fan-in only: (principal, rule, burst surprise in nats, score).
fn fan_in_bursts(fixture: &str) -> Vec<(String, String, f64, f64)> {
    let g = graph(fixture);
    let fans = ScanParams { typologies: vec![Typology::FanIn], ..ScanParams::default() };
    scan(&g, &fans)
        .iter()
        .map(|a| {
            let burst = a.figure("burst_surprise_nats").and_then(|s| s.parse().ok()).unwrap_or(0.0);
            (g.account_id(a.accounts[0]).to_owned(), a.rule.clone(), burst, a.score)
        })
        .collect()
}

/// Burst evidence that ordinary activity reaches by chance when the best of many windows is
/// picked (the town and long generated data stay under it).
const CHANCE_NATS: f64 = 2.5;

#[test]
fn a_dataset_shorter_than_the_burst_window_is_not_a_burst_everywhere() {
    // Ten days of data (shorter than `fan_burst_window`, 90 days): each shop is paid by about
    // five new customers a day, every day. That is each shop's own usual rate over the data: no
    // fan, however many customers that makes in all. (Judged against a fixed prior of one new
    // counterparty a month, every shop was a burst of 50 nats, score 1.)
    let bursts = fan_in_bursts(&shops(8, 5, 10));
    assert!(bursts.iter().all(|b| b.2 <= CHANCE_NATS), "no burst beyond chance: {bursts:#?}");
}

#[test]
fn a_burst_in_a_short_dataset_still_shows() {
    // Sixty days of one new customer a day; then forty new payers in two days at one shop.
    let mut f = shops(4, 1, 60);
    for k in 0..40 {
        f.push_str(&format!("{}.5 N{k} SHOP0 300.00\n", 40 + k / 20));
    }
    check_with(
        &f,
        &ScanParams { typologies: vec![Typology::FanIn], ..ScanParams::default() },
        &[Expect::Fires(Typology::FanIn, "fan_in.burst", "SHOP0", &["N0", "N39"])],
    );
    let bursts = fan_in_bursts(&f);
    assert!(bursts.iter().any(|b| b.0 == "SHOP0" && b.2 > 20.0 && b.3 > 0.8), "{bursts:#?}");
    assert!(
        bursts.iter().filter(|b| b.0 != "SHOP0").all(|b| b.2 <= CHANCE_NATS),
        "the other shops, at their usual rate, show no burst beyond chance: {bursts:#?}"
    );
}

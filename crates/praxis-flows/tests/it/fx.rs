//! The dated exchange-rate table: exact rates, the latest rate on or before a day, inverted pairs,
//! half-even rounding, all-or-nothing conversion naming file and line, and tracing across
//! currencies once converted.

use praxis_flows::batch::BadRows;
use praxis_flows::fx::{convert_all, ConvertError, Rate, RateTable, RatesError};
use praxis_flows::import::{csv_profile, Profile};
use praxis_flows::trace::{trace, Rule, Seed, TraceError, TraceParams};
use praxis_flows::window::parse_timestamp;
use praxis_flows::{Currency, TxGraph};

fn ms(s: &str) -> i64 {
    parse_timestamp(s, time::UtcOffset::UTC).unwrap()
}

fn c(code: &str) -> Currency {
    Currency::parse(code).unwrap()
}

fn example_path(name: &str) -> String {
    format!("{}/../../profiles/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn rates() -> RateTable {
    RateTable::read(std::fs::File::open(example_path("rates-2024.csv")).unwrap(), "rates-2024.csv").unwrap()
}

#[test]
fn the_latest_rate_on_or_before_the_day_is_used_and_reported() {
    let t = rates();
    // 1,500.00 EUR on 5 March at 1.0838 (the rate of 1 March) is 1,625.70 USD exactly.
    let conv = t.convert(150_000, c("EUR"), c("USD"), ms("2024-03-05T14:20:33Z")).unwrap();
    assert_eq!(conv.amount, 162_570);
    assert_eq!((conv.original_amount, conv.original_currency), (150_000, c("EUR")));
    assert_eq!(conv.rate.as_ref().unwrap().to_string(), "1 EUR = 1.0838 USD on 2024-03-01");
    // On 15 March the new rate applies; on 14 March the old one still does.
    assert_eq!(t.convert(150_000, c("EUR"), c("USD"), ms("2024-03-15")).unwrap().amount, 163_335);
    assert_eq!(t.convert(150_000, c("EUR"), c("USD"), ms("2024-03-14T23:59:59Z")).unwrap().amount, 162_570);
    // Before the first rate there is none.
    assert_eq!(
        t.convert(100, c("EUR"), c("USD"), ms("2024-02-28")),
        Err(ConvertError::NoRate { from: c("EUR"), to: c("USD"), date: time::macros::date!(2024 - 02 - 28) })
    );
    // The table gives USD→PKR: PKR→USD uses it inverted. 45,000.00 PKR / 279.15 = 161.2036… USD.
    let conv = t.convert(4_500_000, c("PKR"), c("USD"), ms("2024-03-02")).unwrap();
    assert_eq!(conv.amount, 16_120);
    assert_eq!(conv.rate.unwrap().to_string(), "1 USD = 279.15 PKR on 2024-03-01 (inverted)");
    // The same currency needs no rate.
    assert_eq!(t.convert(7, c("USD"), c("USD"), 0).unwrap().rate, None);
}

#[test]
fn rounding_is_half_to_even_once() {
    let mut t = RateTable::default();
    let day = time::macros::date!(2024 - 01 - 01);
    t.insert(day, c("USD"), c("EUR"), Rate::parse("0.5").unwrap());
    t.insert(day, c("USD"), c("JPY"), Rate::parse("150.5").unwrap());
    t.insert(day, c("EUR"), c("JPY"), Rate::parse("151.5").unwrap());
    let at = ms("2024-01-02");
    // 0.05 × 0.5 = 0.025 → 0.02; 0.07 × 0.5 = 0.035 → 0.04.
    assert_eq!(t.convert(5, c("USD"), c("EUR"), at).unwrap().amount, 2);
    assert_eq!(t.convert(7, c("USD"), c("EUR"), at).unwrap().amount, 4);
    // Yen have no minor unit: 1.00 × 150.5 → 150, 1.00 × 151.5 → 152.
    assert_eq!(t.convert(100, c("USD"), c("JPY"), at).unwrap().amount, 150);
    assert_eq!(t.convert(100, c("EUR"), c("JPY"), at).unwrap().amount, 152);
    // And back, inverted: 301 JPY / 150.5 = 2.00 USD exactly.
    assert_eq!(t.convert(301, c("JPY"), c("USD"), at).unwrap().amount, 200);
    // Too small to be a cent.
    t.insert(day, c("USD"), c("PKR"), Rate::parse("279.15").unwrap());
    assert!(matches!(t.convert(1, c("PKR"), c("USD"), at), Err(ConvertError::RoundsToZero { .. })));
    assert_eq!(t.convert(1, c("JPY"), c("USD"), at).unwrap().amount, 1, "0.66 of a cent is a cent");
    // Exact: 0.10 + 0.20 converted one by one or together differ only by the documented rounding.
    assert_eq!(t.convert(30, c("USD"), c("EUR"), at).unwrap().amount, 15);
}

#[test]
fn bad_rate_rows_refuse_the_table_naming_line_and_field() {
    let text = "date,from,to,rate
2024-03-01,USD,PKR,279.15
01/03/2024,USD,PKR,279.15
2024-03-01,USD,RUPEE,279.15
2024-03-02,USD,PKR,0
2024-03-02,USD,PKR,1e3
2024-03-01,USD,PKR,280
2024-03-01,USD,USD,1
2024-03-01,USD,PKR,279.150
";
    match RateTable::read(text.as_bytes(), "r.csv") {
        Err(RatesError::Rows(d)) => {
            let named: Vec<(u64, &str)> = d.iter().map(|d| (d.line, d.field.as_str())).collect();
            assert_eq!(named, vec![(3, "date"), (4, "to"), (5, "rate"), (6, "rate"), (7, "rate"), (8, "to")]);
            assert!(d[4].message.contains("already 279.15 (line 2)"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(RateTable::read("day,rate\n".as_bytes(), "r.csv"), Err(RatesError::Rows(_))));
}

#[test]
fn mixed_currencies_trace_once_converted_and_missing_rates_name_file_and_line() {
    let profile = Profile::builtin("hawala-ledger").unwrap().unwrap();
    let file = std::fs::File::open(example_path("hawala-ledger-2024-03.csv")).unwrap();
    let batch = csv_profile::read(file, "ledger.csv", &profile).unwrap().finish(BadRows::Skip).unwrap();
    let mut txs = batch.transactions;
    // Before conversion the trace refuses to add AED to PKR.
    let seed = || TraceParams::new(vec![Seed::Account("Abdul Rehman / Dubai".into())], Rule::Fifo);
    let g = TxGraph::from_transactions(&txs);
    assert!(matches!(trace(&g, &seed()), Err(TraceError::MixedCurrencies(_))));

    // A table without SAR and EUR rates: every transaction it cannot convert is named, and
    // nothing is converted.
    let partial = RateTable::read(
        "date,from,to,rate\n2024-02-29,USD,PKR,279.25\n2024-02-29,USD,AED,3.6725\n".as_bytes(),
        "partial.csv",
    )
    .unwrap();
    let before = txs.clone();
    let missing = convert_all(&mut txs, &partial, c("USD")).unwrap_err();
    let named: Vec<(&str, u64)> = missing.iter().map(|d| (d.file.as_str(), d.line)).collect();
    assert_eq!(
        named,
        vec![("ledger.csv", 4), ("ledger.csv", 4), ("ledger.csv", 5), ("ledger.csv", 12), ("ledger.csv", 12)]
    );
    assert!(missing[0].message.contains("no SAR→USD rate"), "{}", missing[0].message);
    assert!(missing[0].message.contains("partial.csv"));
    assert_eq!(txs, before, "all or nothing");

    let conversions = convert_all(&mut txs, &rates(), c("USD")).unwrap();
    assert!(txs.iter().all(|t| t.currency == c("USD")));
    // 5,000.00 AED / 3.6725 = 1,361.4703… USD; the commission 50.00 AED = 13.6147… USD.
    assert_eq!((txs[0].amount, txs[1].amount), (136_147, 1_361));
    assert_eq!((conversions[0].original_amount, conversions[0].original_currency), (500_000, c("AED")));
    let g = TxGraph::from_transactions(&txs);
    let r = trace(&g, &seed()).unwrap();
    assert_eq!(r.currency, Some(c("USD")));
    let received = |id: &str| r.accounts.iter().find(|a| g.account_id(a.account) == id).map(|a| a.received);
    assert_eq!(received("Gul Khan / Peshawar"), Some(136_147));
    assert_eq!(received("Haji Yusuf"), Some(1_361));
}

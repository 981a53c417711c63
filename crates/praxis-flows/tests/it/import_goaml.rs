//! goAML report XML: parties mapped to accounts, bad transactions named by line and element,
//! malformed XML, namespaces, gzip, time zones.

use std::io::Write;

use praxis_flows::batch::BadRows;
use praxis_flows::import::{goaml, Zone};
use praxis_flows::window::parse_timestamp;

fn example() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/examples/goaml-str-2024-0042.xml"))
        .unwrap()
}

fn ms(s: &str) -> i64 {
    parse_timestamp(s, time::UtcOffset::UTC).unwrap()
}

fn named(errors: &[praxis_flows::Diagnostic]) -> Vec<(u64, &str)> {
    errors.iter().map(|d| (d.line, d.field.as_str())).collect()
}

const IMRAN: &str = "PK36HABB0012345678901234";

#[test]
fn a_report_becomes_transactions_between_accounts_people_and_entities() {
    let b = goaml::read(&example()[..], "str.xml", Zone::UTC).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let rows: Vec<(&str, &str, &str, i64, &str, u64)> = b
        .transactions
        .iter()
        .map(|t| (t.id.as_str(), t.orig.as_str(), t.bene.as_str(), t.amount, t.channel.as_str(), t.line))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("HBL-2024-000871", IMRAN, "0207-0105566778", 11_000_000, "IBFT", 24),
            ("HBL-2024-000915", "person:54400-7654321-3", IMRAN, 7_500_000, "CASH", 65),
            ("HBL-2024-000944", IMRAN, "entity:0098765", 6_000_000, "CHEQUE", 94),
            ("HBL-2024-000990", "AE070331234567890123456", IMRAN, 197_700, "SWIFT", 121),
        ]
    );
    let currencies: Vec<&str> = b.transactions.iter().map(|t| t.currency.code()).collect();
    assert_eq!(
        currencies,
        ["PKR", "PKR", "PKR", "AED"],
        "the report's currency_code_local, but the inward remittance left its payer as AED 1,977.00"
    );
    let t = &b.transactions;
    assert_eq!(
        (t[0].orig_holder.as_str(), t[0].bene_holder.as_str()),
        ("MUHAMMAD IMRAN", "HAJI YUSUF TRADERS")
    );
    assert_eq!(t[1].orig_holder, "Tariq Mehmood");
    assert_eq!(t[2].bene_holder, "KHAN TRAVEL & TOURS (PVT) LTD", "entities are unescaped");
    assert_eq!(t[3].orig_holder, "ALI HASSAN GENERAL TRADING LLC", "the account's t_entity");
    assert_eq!(t[0].reference, "IBFT0307114523");
    assert_eq!(t[1].reference, "CASH DEPOSIT BY TARIQ MEHMOOD", "no internal_ref_number: the description");
    assert_eq!(t[0].timestamp, ms("2024-03-07T11:20:00Z"));
    // Reported in Pakistan time.
    let pkt = goaml::read(&example()[..], "str.xml", Zone::parse("Asia/Karachi").unwrap()).unwrap();
    assert_eq!(pkt.transactions[0].timestamp, ms("2024-03-07T06:20:00Z"));
}

fn report(transactions: &str) -> String {
    format!("<?xml version=\"1.0\"?>\n<report>\n<currency_code_local>USD</currency_code_local>\n{transactions}</report>\n")
}

const GOOD: &str = "<transaction>
<transactionnumber>T1</transactionnumber>
<date_transaction>2024-03-01T10:00:00</date_transaction>
<amount_local>100.10</amount_local>
<t_from><from_account><account>A1</account></from_account></t_from>
<t_to><to_account><account>B1</account></to_account></t_to>
</transaction>
";

#[test]
fn bad_transactions_are_named_by_line_and_element() {
    let bad = [
        GOOD.replace("<transactionnumber>T1</transactionnumber>", "<transactionnumber></transactionnumber>"),
        GOOD.replace("2024-03-01T10:00:00", "01 March"),
        GOOD.replace("100.10", "-5"),
        GOOD.replace("100.10", "100.105"),
        GOOD.replace("<t_to><to_account><account>B1</account></to_account></t_to>\n", ""),
        GOOD.replace("<account>A1</account>", "<institution_name>X</institution_name>"),
        GOOD.replace("<t_to><to_account><account>B1</account></to_account></t_to>", "<t_to><to_person></to_person></t_to>"),
        GOOD.replace(
            "<t_from><from_account><account>A1</account></from_account></t_from>\n<t_to><to_account><account>B1</account></to_account></t_to>",
            "<involved_parties><party><role>A</role></party></involved_parties>",
        ),
    ];
    let text = report(&format!("{GOOD}{}", bad.concat()));
    let b = goaml::read(text.as_bytes(), "r.xml", Zone::UTC).unwrap();
    // Each transaction is 7 lines (6 for the two that lost one), the first starting on line 4.
    assert_eq!(
        named(&b.errors),
        vec![
            (12, "transactionnumber"),
            (20, "date_transaction"),
            (28, "amount_local"),
            (35, "amount_local"),
            (39, "t_to"),
            (49, "from_account"),
            (57, "to_person"),
            (63, "involved_parties"),
        ]
    );
    assert!(b.errors[3].message.contains("more decimals than USD allows"));
    assert!(b.errors[7].message.contains("multi-party"));
    assert_eq!(b.transactions.len(), 1);
    assert_eq!(b.transactions[0].amount, 10_010);
    assert!(b.clone().finish(BadRows::Refuse).is_err());
    assert_eq!(b.finish(BadRows::Skip).unwrap().errors.len(), 8);
    // A report without its local currency cannot price anything.
    let text = format!("<report>\n{GOOD}</report>");
    let b = goaml::read(text.as_bytes(), "r.xml", Zone::UTC).unwrap();
    assert_eq!(named(&b.errors), vec![(1, "currency_code_local")]);
}

#[test]
fn malformed_xml_is_named_and_what_came_before_is_kept() {
    let text = report(&format!("{GOOD}<transaction>\n<transactionnumber>T2</transactionnumber>\n<amount_local>5</amount_local>\n</transactio>\n"));
    let b = goaml::read(text.as_bytes(), "r.xml", Zone::UTC).unwrap();
    assert_eq!(b.errors.len(), 1);
    assert_eq!((b.errors[0].line, b.errors[0].field.as_str()), (14, "xml"));
    assert_eq!(b.transactions.len(), 1, "the complete transaction before the fault");
    assert!(b.finish(BadRows::Refuse).is_err());
    let truncated = report(GOOD).replace("</report>\n", "");
    let b = goaml::read(truncated.as_bytes(), "r.xml", Zone::UTC).unwrap();
    assert_eq!(b.errors[0].field, "xml");
    assert!(b.errors[0].message.contains("ends inside <report>"), "{}", b.errors[0].message);
    assert_eq!(b.transactions.len(), 1);
    let b = goaml::read("<html><body/></html>".as_bytes(), "r.xml", Zone::UTC).unwrap();
    assert_eq!(named(&b.errors), vec![(1, "report")]);
}

#[test]
fn namespaces_offsets_and_gzip() {
    let text = "<g:report xmlns:g=\"http://www.unodc.org/goaml\">
<g:currency_code_local>EUR</g:currency_code_local>
<g:transaction>
<g:transactionnumber>N1</g:transactionnumber>
<g:date_transaction>2024-03-01T10:00:00.000+01:00</g:date_transaction>
<g:amount_local>1</g:amount_local>
<g:t_from_my_client><g:from_entity><g:name>ACME</g:name></g:from_entity></g:t_from_my_client>
<g:t_to_my_client><g:to_person><g:first_name>Ana</g:first_name><g:last_name>Lopez</g:last_name></g:to_person></g:t_to_my_client>
</g:transaction>
</g:report>";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    let b = goaml::read(&gz.finish().unwrap()[..], "r.xml.gz", Zone::parse("+05:00").unwrap()).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let t = &b.transactions[0];
    assert_eq!(
        (t.orig.as_str(), t.bene.as_str(), t.bene_holder.as_str()),
        ("entity:ACME", "person:Ana Lopez", "Ana Lopez")
    );
    assert_eq!(t.timestamp, ms("2024-03-01T09:00:00Z"), "the offset written wins over the zone");
    assert_eq!((t.amount, t.currency.code(), t.line), (100, "EUR", 3));
}

/// A transaction whose payer side says the money left in a currency of its own.
fn foreign(id: &str, code: &str, amount: &str) -> String {
    GOOD.replace("<transactionnumber>T1</transactionnumber>", &format!("<transactionnumber>{id}</transactionnumber>"))
        .replace(
            "<t_from><from_account><account>A1</account></from_account></t_from>",
            &format!(
                "<t_from><from_account><account>A1</account></from_account>\n<from_foreign_currency>\n<foreign_currency_code>{code}</foreign_currency_code>\n<foreign_amount>{amount}</foreign_amount>\n<foreign_exchange_rate>0.5</foreign_exchange_rate>\n</from_foreign_currency></t_from>"
            ),
        )
}

#[test]
fn each_transaction_keeps_its_own_currency() {
    // One report (local currency USD): a local transaction, one from a EUR account, one from a
    // JPY account; then the same with faults in the foreign-currency fields.
    let text =
        report(&[GOOD.to_owned(), foreign("T2", "EUR", "250.00"), foreign("T3", "JPY", "12000")].concat());
    let b = goaml::read(text.as_bytes(), "r.xml", Zone::UTC).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let got: Vec<(&str, i64, &str)> =
        b.transactions.iter().map(|t| (t.id.as_str(), t.amount, t.currency.code())).collect();
    assert_eq!(got, vec![("T1", 10_010, "USD"), ("T2", 25_000, "EUR"), ("T3", 12_000, "JPY")]);
    // Figures across currencies only through the dated rate table, never the report's own
    // foreign_exchange_rate (0.5 here).
    let rates = "date,from,to,rate\n2024-02-28,EUR,USD,1.0838\n2024-03-01,USD,JPY,150.125\n";
    let table = praxis_flows::fx::RateTable::read(rates.as_bytes(), "rates.csv").unwrap();
    let usd = praxis_flows::Currency::parse("USD").unwrap();
    let in_usd: Vec<i64> = b
        .transactions
        .iter()
        .map(|t| table.convert(t.amount, t.currency, usd, t.timestamp).unwrap().amount)
        .collect();
    // 250.00 EUR × 1.0838 = 270.95 USD; 12,000 JPY ÷ 150.125 = 79.933… → 79.93 USD.
    assert_eq!(in_usd, vec![10_010, 27_095, 7_993]);
    let empty = praxis_flows::fx::RateTable::read("date,from,to,rate\n".as_bytes(), "rates.csv").unwrap();
    assert!(empty.convert(25_000, b.transactions[1].currency, usd, b.transactions[1].timestamp).is_err());

    let bad = [
        foreign("T4", "", "250.00"),
        foreign("T5", "EURO", "250.00"),
        foreign("T6", "JPY", "12000.5"),
        foreign("T7", "EUR", ""),
    ];
    let text = report(&bad.concat());
    let b = goaml::read(text.as_bytes(), "r.xml", Zone::UTC).unwrap();
    // Each transaction is 12 lines, the first starting on line 4; the code is on its 7th line and
    // the amount on its 8th.
    assert_eq!(
        named(&b.errors),
        vec![
            (10, "foreign_currency_code"),
            (22, "foreign_currency_code"),
            (35, "foreign_amount"),
            (47, "foreign_amount"),
        ]
    );
    assert!(b.errors[2].message.contains("more decimals than JPY allows"), "{}", b.errors[2].message);
    assert!(b.transactions.is_empty(), "nothing partially read");
    // A report of foreign-currency transactions only needs no local currency.
    let text = format!("<report>\n{}</report>", foreign("T8", "EUR", "10.00"));
    let b = goaml::read(text.as_bytes(), "r.xml", Zone::UTC).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    assert_eq!((b.transactions[0].amount, b.transactions[0].currency.code()), (1_000, "EUR"));
}

//! FollowTheMoney JSON lines: payments resolved through bank accounts, owners and parties,
//! references in any order, nested entities, bad lines named by line and property.

use std::io::Write;

use praxis_flows::batch::BadRows;
use praxis_flows::import::{ftm, Zone};
use praxis_flows::window::parse_timestamp;

fn example() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../profiles/examples/ftm-payments-2024-03.ftm.json"
    ))
    .unwrap()
}

fn ms(s: &str) -> i64 {
    parse_timestamp(s, time::UtcOffset::UTC).unwrap()
}

#[test]
fn payments_resolve_accounts_owners_and_parties() {
    let b = ftm::read(&example()[..], "p.ftm.json", Zone::UTC).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let rows: Vec<(&str, &str, &str, i64, &str, u64)> = b
        .transactions
        .iter()
        .map(|t| (t.id.as_str(), t.orig.as_str(), t.bene.as_str(), t.amount, t.currency.code(), t.line))
        .collect();
    assert_eq!(
        rows,
        vec![
            // The BankAccount's IBAN is its id.
            ("pay-001", "GR1601101250000000012300695", "TR330006100519786457841326", 150_000, "EUR", 10),
            // Without an IBAN, the account number; "try" is TRY.
            ("pay-002", "TR330006100519786457841326", "200058000001", 9_500_000, "TRY", 11),
            // No payer account: the payer entity's id.
            ("pay-003", "person-hamid-noori", "TR330006100519786457841326", 200_000, "EUR", 12),
            // amountUsd when there is no amount; an account defined after the payment.
            ("pay-004", "TR330006100519786457841326", "PK36HABB0012345678901234", 300_000, "USD", 13),
        ]
    );
    let t = &b.transactions;
    assert_eq!((t[0].orig_holder.as_str(), t[0].bene_holder.as_str()), ("Farid Ahmadi", "Erdem Kaya"));
    assert_eq!(
        (t[1].orig_holder.as_str(), t[1].bene_holder.as_str()),
        ("Erdem Kaya", "Yildiz Turizm Ltd"),
        "holders through Ownership when the payment names no party"
    );
    assert_eq!(t[3].bene_holder, "Muhammad Imran");
    assert_eq!(t[0].reference, "FAMILY SUPPORT");
    assert_eq!(t[1].reference, "TOUR PAYMENT [Group travel, 12 persons]");
    assert_eq!(t[0].timestamp, ms("2024-03-01"));
    assert_eq!(t[1].timestamp, ms("2024-03-03T07:00:00Z"), "an offset in the date wins");
    let rome = ftm::read(&example()[..], "p.ftm.json", Zone::parse("Europe/Rome").unwrap()).unwrap();
    assert_eq!(rome.transactions[0].timestamp, ms("2024-02-29T23:00:00Z"));
}

#[test]
fn bad_lines_are_named_by_line_and_property() {
    let text = r#"{"id": "a1", "schema": "BankAccount", "properties": {"iban": ["DE89370400440532013000"]}}
{"id": "p1", "schema": "Payment", "properties": {"payerAccount": ["a1"], "beneficiary": ["x"], "amount": ["10.00"], "currency": ["EUR"], "date": ["2024-03-01"]}}
{"id": "p2", "schema": "Payment", "properties": {"payerAccount": ["a1"], "beneficiary": ["x"], "amount": ["10.00"], "currency": ["EUR"], "date": ["2024-03"]}}
not json at all
{"id": "p3", "schema": "Payment", "properties": {"beneficiary": ["x"], "amount": ["10.00"], "currency": ["EUR"], "date": ["2024-03-01"]}}
{"id": "p4", "schema": "Payment", "properties": {"payer": ["y"], "beneficiary": ["x"], "amount": ["ten"], "currency": ["EUR"], "date": ["2024-03-01"]}}
{"id": "p5", "schema": "Payment", "properties": {"payer": ["y"], "beneficiary": ["x"], "amount": ["10"], "currency": ["EURO"], "date": ["2024-03-01"]}}

{"schema": "Payment", "properties": {}}
{"id": "p6", "schema": "Payment", "properties": {"payer": ["y"], "beneficiary": ["x"], "amount": ["10"], "date": ["2024-03-01"]}}
{"id": "p7", "schema": "Payment", "properties": {"payer": ["y"], "beneficiary": ["x"], "currency": ["EUR"], "date": ["2024-03-01"]}}
{"id": "p8", "schema": "Payment", "properties": {"payer": ["y"], "beneficiary": ["x"], "amount": ["0.333"], "currency": ["EUR"], "startDate": ["2024-03-01"]}}
"#;
    let b = ftm::read(text.as_bytes(), "p.json", Zone::UTC).unwrap();
    let named: Vec<(u64, &str)> = b.errors.iter().map(|d| (d.line, d.field.as_str())).collect();
    assert_eq!(
        named,
        vec![
            (3, "date"),
            (4, "json"),
            (5, "payer"),
            (6, "amount"),
            (7, "currency"),
            (9, "id"),
            (10, "currency"),
            (11, "amount"),
            (12, "amount"),
        ]
    );
    assert!(b.errors[0].message.contains("not precise to the day"));
    assert!(b.errors[8].message.contains("more decimals than EUR allows"));
    assert_eq!(b.transactions.len(), 1);
    assert_eq!(b.transactions[0].orig, "DE89370400440532013000");
    assert!(b.clone().finish(BadRows::Refuse).is_err());
    assert_eq!(b.finish(BadRows::Skip).unwrap().transactions.len(), 1);
}

#[test]
fn nested_entities_fragments_and_gzip() {
    // A payment whose accounts are given inline, and a second fragment of the same account.
    let text = r#"{"id": "p1", "schema": "Payment", "properties": {"payerAccount": [{"id": "a1", "schema": "BankAccount", "properties": {"accountNumber": ["123"]}}], "beneficiaryAccount": ["a2"], "amount": ["1"], "currency": ["usd"], "date": ["2024-03-01T12:00:00"]}}
{"id": "a2", "schema": "BankAccount", "properties": {"bankName": ["X"]}}
{"id": "a2", "schema": "BankAccount", "properties": {"iban": ["GB33BUKB20201555555555"]}}
"#;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    let b = ftm::read(&gz.finish().unwrap()[..], "p.ftm.gz", Zone::UTC).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let t = &b.transactions[0];
    assert_eq!((t.orig.as_str(), t.bene.as_str(), t.amount), ("123", "GB33BUKB20201555555555", 100));
    assert_eq!(t.timestamp, ms("2024-03-01T12:00:00Z"));
}

//! Generic CSV through column profiles: the shipped profiles on the example files, every kind of
//! bad row named by line and column, bad profiles named by key, overlapping statements counted
//! once, time zones and exact money.

use std::io::Write;

use praxis_flows::batch::{merge, BadRows, Transaction};
use praxis_flows::import::csv_profile::{self, ReadError};
use praxis_flows::import::{Profile, Zone};
use praxis_flows::window::parse_timestamp;

const ACCOUNT: &str = "PK36HABB0012345678901234";

fn example(name: &str) -> Vec<u8> {
    let path = format!("{}/../../profiles/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn builtin(name: &str) -> Profile {
    Profile::builtin(name).expect("shipped").expect("valid")
}

fn statement_profile() -> Profile {
    let mut p = builtin("bank-statement");
    p.set_account(ACCOUNT).unwrap();
    p
}

fn ms(s: &str) -> i64 {
    parse_timestamp(s, time::UtcOffset::UTC).unwrap()
}

/// (line, field) of every diagnostic.
fn named(errors: &[praxis_flows::Diagnostic]) -> Vec<(u64, &str)> {
    errors.iter().map(|d| (d.line, d.field.as_str())).collect()
}

fn read(text: &str, profile: &Profile) -> praxis_flows::ImportBatch {
    csv_profile::read(text.as_bytes(), "t.csv", profile).unwrap()
}

fn profile(text: &str) -> Profile {
    Profile::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn bank_statement_debits_leave_and_credits_enter_the_own_account() {
    let p = statement_profile();
    let b = csv_profile::read(&example("bank-statement-2024-03.csv")[..], "march.csv", &p).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    // 15 movements; the letterhead, the opening and the closing balance are not transactions.
    assert_eq!(b.transactions.len(), 15);
    let t = &b.transactions[0];
    assert_eq!(
        (t.orig.as_str(), t.bene.as_str(), t.amount, t.currency.code(), t.line),
        ("ABDUL REHMAN", ACCOUNT, 4_500_000, "PKR", 9),
        "a credit: counterparty → own account, prefix `IBFT FROM ` taken off"
    );
    assert_eq!(t.timestamp, ms("2024-03-02"));
    assert_eq!(t.id, "march.csv:9", "no id column: file:line");
    assert_eq!(t.channel, "bank");
    let withdrawals: Vec<&Transaction> =
        b.transactions.iter().filter(|t| t.bene == "ATM CASH WITHDRAWAL").collect();
    assert_eq!(withdrawals.len(), 3, "two equal withdrawals on one day are two transactions");
    assert!(withdrawals.iter().all(|t| t.orig == ACCOUNT));
    let by_cheque = b.transactions.iter().find(|t| t.bene == "KHAN TRAVEL AND TOURS").unwrap();
    assert_eq!(by_cheque.amount, 6_000_000);
    assert!(b.transactions.iter().any(|t| t.bene == "0401-7788990-01" && t.amount == 9_500_000));
    // The letterhead skipped by count instead: the same rows, the same lines.
    let mut skipping =
        profile(&builtin_text("bank-statement").replace("find_header = true", "skip_rows = 6"));
    skipping.set_account(ACCOUNT).unwrap();
    let again =
        csv_profile::read(&example("bank-statement-2024-03.csv")[..], "march.csv", &skipping).unwrap();
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    assert_eq!(again.transactions, b.transactions);
    // Lakh grouping and paisa read exactly: the movements add up to closing − opening.
    let net: i64 = b.transactions.iter().map(|t| if t.bene == ACCOUNT { t.amount } else { -t.amount }).sum();
    assert_eq!(net, 15_905_050 - 12_500_000);
}

#[test]
fn overlapping_statements_are_counted_once() {
    let p = statement_profile();
    let march = csv_profile::read(&example("bank-statement-2024-03.csv")[..], "march.csv", &p).unwrap();
    // The second export covers 15 March to 15 April, newest first, with dd/mm/yyyy dates: its
    // running balance is checked in time order all the same.
    let april =
        csv_profile::read(&example("bank-statement-2024-03-15_2024-04-15.csv")[..], "april.csv", &p).unwrap();
    assert!(april.errors.is_empty(), "{:?}", april.errors);
    assert_eq!(april.transactions.len(), 12);
    let (merged, dropped) = merge(vec![march.transactions.clone(), april.transactions], p.has_ids());
    assert_eq!((merged.len(), dropped), (20, 7), "seven movements of 16–30 March are in both statements");
    let atm_5_march =
        merged.iter().filter(|t| t.bene == "ATM CASH WITHDRAWAL" && t.timestamp == ms("2024-03-05")).count();
    assert_eq!(atm_5_march, 2);
    // The same statement twice.
    let (merged, dropped) = merge(vec![march.transactions.clone(), march.transactions], false);
    assert_eq!((merged.len(), dropped), (15, 15));
}

const STATEMENT: &str = "Date,Description,Debit,Credit,Balance
01/03/2024,Opening Balance,,,1000.00
02/03/2024,IBFT FROM A,,500.00,1500.00
03/03/2024,IBFT TO B,200.00,,1300.00
05/03/2024,IBFT TO C,100.00,,1200.00
06/03/2024,IBFT FROM D,,50.00,1250.00
";

#[test]
fn a_running_balance_that_does_not_follow_names_the_row() {
    let p = statement_profile();
    let b = read(STATEMENT, &p);
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    // Leave out the row of 3 March: the next row's balance no longer follows.
    let gap: String =
        STATEMENT.lines().filter(|l| !l.contains("IBFT TO B")).map(|l| format!("{l}\n")).collect();
    let b = read(&gap, &p);
    assert_eq!(named(&b.errors), vec![(4, "Balance")]);
    assert!(b.errors[0].message.contains("expected 1400.00"), "{}", b.errors[0].message);
    let kept = b.finish(BadRows::Skip).unwrap();
    assert_eq!(kept.transactions.len(), 2, "the row is left out, the others kept");
    // A closing balance that does not match is named too.
    let closing = format!("{STATEMENT}31/03/2024,Closing Balance,,,1250.00\n");
    assert!(read(&closing, &p).errors.is_empty());
    let closing = format!("{STATEMENT}31/03/2024,Closing Balance,,,1205.00\n");
    assert_eq!(named(&read(&closing, &p).errors), vec![(7, "Balance")]);
}

#[test]
fn bad_statement_rows_are_named_by_line_and_column() {
    let p = statement_profile();
    let text = "Date,Description,Debit,Credit,Balance
01/03/2024,IBFT FROM A,,500.00,
32/03/2024,IBFT FROM A,,500.00,
03/03/2024,,200.00,,
04/03/2024,IBFT TO C,,,
05/03/2024,IBFT TO C,100.00,100.00,
06/03/2024,IBFT TO C,1O0.00,,
07/03/2024,IBFT TO C,10.005,,
08/03/2024,IBFT TO C,(25.00),,
";
    let b = read(text, &p);
    assert_eq!(
        named(&b.errors),
        vec![(3, "Date"), (4, "Description"), (5, "Debit"), (6, "Debit"), (7, "Debit"), (8, "Debit")]
    );
    assert!(
        b.errors[0].to_string().starts_with("t.csv:3: Date: `32/03/2024` is not a date"),
        "{}",
        b.errors[0]
    );
    assert!(b.errors[4].message.contains("`1O0.00` is not an amount"));
    assert!(b.errors[5].message.contains("more decimals than PKR allows"));
    // A debit written in parentheses is still a debit.
    assert_eq!(b.transactions.last().map(|t| (t.orig.as_str(), t.amount)), Some((ACCOUNT, 2500)));
    let refused = b.clone().finish(BadRows::Refuse).unwrap_err();
    assert_eq!(refused.0.len(), 6);
    let kept = b.finish(BadRows::Skip).unwrap();
    assert_eq!((kept.transactions.len(), kept.errors.len()), (2, 6));
}

#[test]
fn a_statement_needs_its_own_account() {
    let p = builtin("bank-statement");
    assert!(p.needs_account());
    match csv_profile::read(STATEMENT.as_bytes(), "t.csv", &p) {
        Err(ReadError::Profile(e)) => {
            assert_eq!(e.key, "accounts.own");
            assert!(e.message.contains("--account"));
        }
        other => panic!("{other:?}"),
    }
    // The account can also be fixed in the profile, or read from a column.
    let fixed = profile(&builtin_text("bank-statement").replace("# own = \"PK36", "own = \"PK36"));
    assert!(!fixed.needs_account());
    assert_eq!(read(STATEMENT, &fixed).transactions[0].bene, ACCOUNT);
    let mut two_party = builtin("transfer-list");
    assert_eq!(two_party.set_account("X").unwrap_err().key, "accounts.own");
}

fn builtin_text(name: &str) -> String {
    praxis_flows::import::profile::builtin(name).unwrap().to_owned()
}

#[test]
fn hawala_entries_link_sender_to_receiver_and_keep_the_commission() {
    let p = builtin("hawala-ledger");
    let b = csv_profile::read(&example("hawala-ledger-2024-03.csv")[..], "ledger.csv", &p).unwrap();
    // The notebook's messy entries, each named by line and column.
    assert_eq!(named(&b.errors), vec![(7, "Amount"), (8, "Receiver"), (10, "Date"), (11, "Currency")]);
    assert!(b.errors[0].message.contains("`50k` is not an amount"));
    assert!(b.errors[3].message.contains("`RS` is not an ISO 4217 currency code"));
    assert!(b.clone().finish(BadRows::Refuse).is_err());
    let kept = b.finish(BadRows::Skip).unwrap();
    // Seven readable entries; six carry a commission.
    assert_eq!(kept.transactions.len(), 13);
    let line2: Vec<&Transaction> = kept.transactions.iter().filter(|t| t.line == 2).collect();
    assert_eq!(line2.len(), 2);
    let (main, fee) = (line2[0], line2[1]);
    assert_eq!(
        (main.orig.as_str(), main.bene.as_str(), main.amount, main.currency.code(), main.channel.as_str()),
        ("Abdul Rehman / Dubai", "Gul Khan / Peshawar", 500_000, "AED", "hawala:Haji Yusuf")
    );
    assert_eq!((main.orig_holder.as_str(), main.bene_holder.as_str()), ("Abdul Rehman", "Gul Khan"));
    assert_eq!(
        (fee.orig.as_str(), fee.bene.as_str(), fee.amount, fee.channel.as_str(), fee.id.as_str()),
        ("Abdul Rehman / Dubai", "Haji Yusuf", 5_000, "hawala:fee", "ledger.csv:2/fee")
    );
    // 2/3/2024 and 02/03/2024 are one day; "2,50,000" PKR is 250,000.00.
    let line3 = kept.transactions.iter().find(|t| t.line == 3).unwrap();
    assert_eq!(line3.timestamp, main.timestamp);
    assert!(kept
        .transactions
        .iter()
        .any(|t| t.line == 6 && t.amount == 25_000_000 && t.currency.code() == "PKR"));
    // Without a commission there is no fee transaction.
    assert_eq!(kept.transactions.iter().filter(|t| t.line == 5).count(), 1);

    // The alternative mapping: through the hawaladar.
    let legs = profile(
        &builtin_text("hawala-ledger")
            .replace("intermediary_mode = \"channel\"", "intermediary_mode = \"legs\""),
    );
    let b = csv_profile::read(&example("hawala-ledger-2024-03.csv")[..], "ledger.csv", &legs).unwrap();
    let line2: Vec<(&str, &str, i64)> = b
        .transactions
        .iter()
        .filter(|t| t.line == 2)
        .map(|t| (t.orig.as_str(), t.bene.as_str(), t.amount))
        .collect();
    assert_eq!(
        line2,
        vec![
            ("Abdul Rehman / Dubai", "Haji Yusuf", 500_000),
            ("Haji Yusuf", "Gul Khan / Peshawar", 500_000),
            ("Abdul Rehman / Dubai", "Haji Yusuf", 5_000),
        ]
    );
}

#[test]
fn transfer_lists_read_ids_times_currencies_and_reversals() {
    let p = builtin("transfer-list");
    assert!(p.has_ids());
    let b = csv_profile::read(&example("transfer-list-2024-03.csv")[..], "list.csv", &p).unwrap();
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    assert_eq!(b.transactions.len(), 9);
    let t = &b.transactions[0];
    assert_eq!((t.id.as_str(), t.amount, t.currency.code()), ("TL-240301-0001", 150_000, "EUR"));
    assert_eq!((t.orig_holder.as_str(), t.bene_holder.as_str()), ("FARID AHMADI", "ERDEM KAYA"));
    assert_eq!((t.channel.as_str(), t.reference.as_str()), ("SWIFT", "FAMILY SUPPORT"));
    assert_eq!(t.timestamp, ms("2024-03-01T09:14:05Z"));
    // A negative amount is the money going back.
    let reversal = &b.transactions[5];
    assert_eq!(
        (reversal.orig.as_str(), reversal.bene.as_str(), reversal.amount),
        ("TR330006100519786457841326", "IT60X0542811101000000123456", 200_000)
    );
    assert_eq!((reversal.orig_holder.as_str(), reversal.bene_holder.as_str()), ("ERDEM KAYA", "HAMID NOORI"));
    assert_eq!(b.transactions[7].timestamp, ms("2024-03-06"), "no time: midnight");
    assert_eq!(b.transactions[8].timestamp, ms("2024-03-07T19:05:00Z"));
    assert_eq!(b.transactions[8].currency.code(), "PKR");
    // The same transfer in two lists is counted once, by id.
    let (merged, dropped) = merge(vec![b.transactions.clone(), b.transactions[3..].to_vec()], true);
    assert_eq!((merged.len(), dropped), (9, 6));
}

#[test]
fn time_zones_are_honoured() {
    let text =
        "Transaction ID,Date,Time,From Account,From Name,To Account,To Name,Amount,Currency,Channel,Reference
1,2024-03-01,09:00,A,,B,,10.00,EUR,,
2,2024-04-01,09:00,A,,B,,10.00,EUR,,
3,2024-04-01,,A,,B,,10.00,EUR,,
";
    let times = |zone: &str| -> Vec<i64> {
        let mut p = builtin("transfer-list");
        p.set_time_zone(Zone::parse(zone).unwrap());
        read(text, &p).transactions.iter().map(|t| t.timestamp).collect()
    };
    assert_eq!(times("UTC"), vec![ms("2024-03-01T09:00:00Z"), ms("2024-04-01T09:00:00Z"), ms("2024-04-01")]);
    assert_eq!(
        times("+05:00"),
        vec![ms("2024-03-01T04:00:00Z"), ms("2024-04-01T04:00:00Z"), ms("2024-03-31T19:00:00Z")]
    );
    assert_eq!(times("Asia/Karachi"), times("+05:00"));
    // Rome keeps winter time (UTC+1) on 1 March and summer time (UTC+2) on 1 April.
    assert_eq!(
        times("Europe/Rome"),
        vec![ms("2024-03-01T08:00:00Z"), ms("2024-04-01T07:00:00Z"), ms("2024-03-31T22:00:00Z")]
    );
    // The profile's own zone, and an offset written in the date, which wins.
    let p = profile(
        &builtin_text("transfer-list").replace("time_zone = \"UTC\"", "time_zone = \"Asia/Karachi\""),
    );
    assert_eq!(read(text, &p).transactions[0].timestamp, ms("2024-03-01T04:00:00Z"));
    let p = profile(
        "[date]\ncolumn = \"when\"\ntime_zone = \"Asia/Karachi\"\n[amount]\nconvention = \"signed\"\ncolumn = \"amount\"\ncurrency = \"USD\"\n[accounts]\noriginator_column = \"from\"\nbeneficiary_column = \"to\"\n",
    );
    let b = read("when,from,to,amount\n2024-03-01T09:00:00Z,A,B,1\n2024-03-01T09:00:00,A,B,1\n", &p);
    assert_eq!(b.transactions[0].timestamp, ms("2024-03-01T09:00:00Z"));
    assert_eq!(b.transactions[1].timestamp, ms("2024-03-01T04:00:00Z"));
}

const SIGNED: &str = "[csv]
delimiter = \";\"
[date]
column = \"Datum\"
formats = [\"%d.%m.%Y\"]
[amount]
convention = \"signed\"
column = \"Betrag\"
decimal_separator = \",\"
thousands_separator = \".\"
currency = \"EUR\"
[accounts]
originator_column = \"Von\"
beneficiary_column = \"An\"
";

#[test]
fn money_is_exact() {
    let p = profile(SIGNED);
    let b = read(
        "Datum;Von;An;Betrag\n01.03.2024;A;B;0,1\n01.03.2024;A;B;0,2\n02.03.2024;A;B;1.234.567,89\n03.03.2024;A;B;(5,00)\n04.03.2024;A;B;0,005\n05.03.2024;A;B;0\n",
        &p,
    );
    let amounts: Vec<i64> = b.transactions.iter().map(|t| t.amount).collect();
    assert_eq!(amounts, vec![10, 20, 123_456_789, 500]);
    assert_eq!(amounts[0] + amounts[1], 30, "0.1 + 0.2 is 0.30 exactly");
    assert_eq!(
        (b.transactions[3].orig.as_str(), b.transactions[3].bene.as_str()),
        ("B", "A"),
        "a negative amount reverses"
    );
    assert_eq!(named(&b.errors), vec![(6, "Betrag"), (7, "Betrag")]);
    assert!(b.errors[0].message.contains("more decimals than EUR allows (2)"));
    assert!(b.errors[1].message.contains("zero"));
    // Yen have no minor unit, dinars three.
    let jpy = profile(&SIGNED.replace("EUR", "JPY"));
    assert_eq!(read("Datum;Von;An;Betrag\n01.03.2024;A;B;1.500\n", &jpy).transactions[0].amount, 1500);
    let kwd = profile(&SIGNED.replace("EUR", "KWD"));
    assert_eq!(read("Datum;Von;An;Betrag\n01.03.2024;A;B;1,005\n", &kwd).transactions[0].amount, 1005);
}

#[test]
fn direction_columns_and_headerless_files() {
    let p = profile(
        "[csv]
header = false
columns = [\"date\", \"party\", \"amount\", \"drcr\", \"ccy\"]
[date]
column = \"date\"
[amount]
convention = \"direction\"
column = \"amount\"
direction_column = \"drcr\"
in_values = [\"CR\", \"C\"]
out_values = [\"DR\", \"D\"]
currency_column = \"ccy\"
[accounts]
own = \"ACC-1\"
counterparty_column = \"party\"
",
    );
    let b = read("2024-03-01,X,10.00,cr,USD\n2024-03-02,Y,4.00,DR,USD\n2024-03-03,Z,1.00,??,USD\n2024-03-04,Z,1.00,C,XXX1\n", &p);
    let flows: Vec<(&str, &str)> =
        b.transactions.iter().map(|t| (t.orig.as_str(), t.bene.as_str())).collect();
    assert_eq!(flows, vec![("X", "ACC-1"), ("ACC-1", "Y")]);
    assert_eq!(named(&b.errors), vec![(3, "drcr"), (4, "ccy")]);
    assert!(b.errors[0].message.contains("neither an in value (CR, C) nor an out value (DR, D)"));
}

#[test]
fn a_missing_column_is_named_with_its_key() {
    let p = builtin("transfer-list");
    let b = read("Transaction ID,Date,From Account,To Account,Amount,Currency\n1,2024-03-01,A,B,1,EUR\n", &p);
    assert_eq!(named(&b.errors), vec![(1, "header")]);
    assert!(b.errors[0].message.contains("`Time` (date.time_column)"), "{}", b.errors[0].message);
    assert!(b.transactions.is_empty());
    // A statement whose letterhead hides no header at all.
    let b = read("HABIB BANK\nno header here\n", &statement_profile());
    assert_eq!(named(&b.errors), vec![(1, "header")]);
    assert!(b.errors[0].message.contains("`Debit` (amount.debit_column)"), "{}", b.errors[0].message);
}

#[test]
fn bad_profiles_name_the_key() {
    let key = |text: &str| Profile::parse(text).unwrap_err().key;
    let good = builtin_text("bank-statement");
    assert_eq!(key(&good.replace("debit_column", "debit_colum")), "amount.debit_colum");
    assert!(Profile::parse(&good.replace("debit_column", "debit_colum"))
        .unwrap_err()
        .to_string()
        .contains("unknown key"));
    assert_eq!(key(&good.replace("convention = \"debit-credit\"", "")), "amount.convention");
    assert_eq!(
        key(&good.replace("convention = \"debit-credit\"", "convention = \"credit-debit\"")),
        "amount.convention"
    );
    assert_eq!(key(&good.replace("time_zone = \"UTC\"", "time_zone = \"Asia/Peshawar\"")), "date.time_zone");
    assert_eq!(key(&good.replace("[day]/[month]/[year]", "[day]/[mnth]/[year]")), "date.formats[1]");
    assert_eq!(key(&good.replace("currency = \"PKR\"", "currency = \"RUPEES\"")), "amount.currency");
    assert_eq!(key(&good.replace("delimiter = \",\"", "delimiter = \",,\"")), "csv.delimiter");
    assert_eq!(key(&good.replace("check_balance = true", "check_balance = \"yes\"")), "amount.check_balance");
    assert_eq!(key(&good.replace("column = \"Date\"", "")), "date.column");
    assert_eq!(key(&good.replace("counterparty_column = \"Description\"", "")), "accounts");
    // Debits and credits are said of an own account.
    let transfer = builtin_text("transfer-list");
    assert_eq!(
        key(&transfer.replace(
            "convention = \"signed\"\ncolumn = \"Amount\"",
            "convention = \"debit-credit\"\ndebit_column = \"D\"\ncredit_column = \"C\""
        )),
        "amount.convention"
    );
    assert_eq!(
        key(&transfer.replace("[transaction]", "[transaction]\nchannel = \"x\"")),
        "transaction.channel_column"
    );
    let hawala = builtin_text("hawala-ledger");
    let no_hawaladar = hawala
        .replace("intermediary_column = \"Hawaladar\"", "")
        .replace("intermediary_mode = \"channel\"", "");
    assert_eq!(key(&no_hawaladar), "amount.fee_column");
    assert_eq!(
        key(&hawala.replace("intermediary_mode = \"channel\"", "intermediary_mode = \"pool\"")),
        "accounts.intermediary_mode"
    );
    // Not TOML at all.
    let e = Profile::parse("[csv\ndelimiter = ,").unwrap_err();
    assert!(e.key.is_empty() && e.message.contains("not valid TOML"), "{e}");
    // Headerless files must name the columns they read.
    let e = Profile::parse(
        &SIGNED.replace("[csv]", "[csv]\nheader = false\ncolumns = [\"Datum\", \"Von\", \"An\"]"),
    )
    .unwrap_err();
    assert_eq!(e.key, "amount.column");
}

#[test]
fn gzipped_files_are_read_transparently() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&example("transfer-list-2024-03.csv")).unwrap();
    let bytes = gz.finish().unwrap();
    let b = csv_profile::read(&bytes[..], "list.csv.gz", &builtin("transfer-list")).unwrap();
    assert!(b.errors.is_empty());
    assert_eq!(b.transactions.len(), 9);
}

#[test]
fn lines_are_exact_across_blank_lines_and_quoted_line_breaks() {
    let p = statement_profile();
    let text = "Date,Description,Debit,Credit,Balance\n\n01/03/2024,\"IBFT FROM A\nREF 123\",,5.00,\n\n\n02/03/2024,IBFT TO B,x,,\n03/03/2024,IBFT TO B,1.00,,\n";
    let b = read(text, &p);
    assert_eq!(named(&b.errors), vec![(7, "Debit")]);
    assert_eq!(b.transactions.iter().map(|t| t.line).collect::<Vec<_>>(), vec![3, 8]);
    assert_eq!(b.transactions[0].orig, "A\nREF 123");
}

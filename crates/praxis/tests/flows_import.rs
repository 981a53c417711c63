//! `praxis flows import` (and trace) on the example files shipped in profiles/examples, run as a
//! person would run them: profiles by name and by path, refusal and skipping of bad rows,
//! overlapping statements, goAML and FollowTheMoney, conversion into one currency.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_praxis");

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../profiles/examples")
}

fn example(name: &str) -> String {
    examples().join(name).display().to_string()
}

fn run(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    Command::new(BIN)
        .args(args)
        .env("PRAXIS_DATA_DIR", data.path())
        .env_remove("PRAXIS_DATABASE_URL")
        .env_remove("PRAXIS_KEYS")
        .env("PRAXIS_LOG", "warn")
        .output()
        .unwrap()
}

fn ok(out: &Output) -> (String, String) {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn err(out: &Output) -> String {
    assert!(!out.status.success(), "should have failed: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn import(args: &[&str]) -> Output {
    let mut all = vec!["flows", "import"];
    all.extend_from_slice(args);
    run(&all)
}

const ACCOUNT: &str = "PK36HABB0012345678901234";

#[test]
fn flows_import_help_documents_every_option() {
    let (help, _) = ok(&import(&["--help"]));
    for opt in [
        "--format",
        "csv",
        "goaml",
        "ftm",
        "amlsim",
        "--profile",
        "bank-statement, transfer-list,",
        "--account",
        "--time-zone",
        "--rates",
        "--report-currency",
        "--skip-bad-rows",
        "--output",
    ] {
        assert!(help.contains(opt), "{opt} missing from --help:\n{help}");
    }
}

#[test]
fn flows_import_overlapping_bank_statements_by_profile_name_converted_to_usd() {
    let dir = tempfile::tempdir().unwrap();
    let out_csv = dir.path().join("out.csv");
    let march = example("bank-statement-2024-03.csv");
    let april = example("bank-statement-2024-03-15_2024-04-15.csv");
    let rates = example("rates-2024.csv");
    let (stdout, stderr) = ok(&import(&[
        "--format",
        "csv",
        "--profile",
        "bank-statement",
        "--account",
        ACCOUNT,
        "--time-zone",
        "Asia/Karachi",
        "--transactions",
        &march,
        &april,
        "--rates",
        &rates,
        "--report-currency",
        "USD",
        "--output",
        out_csv.to_str().unwrap(),
    ]));
    assert!(stdout.contains("20 transactions"), "{stdout}");
    assert!(stdout.contains("7 duplicate(s) counted once, 0 row(s) skipped"), "{stdout}");
    assert!(stdout.contains("20 amount(s) converted into USD"), "{stdout}");
    assert!(stderr.contains("7 transaction(s) appeared in more than one file"), "{stderr}");
    let mut r = csv::Reader::from_path(&out_csv).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(&header[12..], ["original_amount", "original_currency", "rate"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let first = &rows[0];
    // 2 March in Karachi is 1 March 19:00 UTC; 45,000.00 PKR at 279.15 PKR per USD.
    assert_eq!(&first[1], "2024-03-01T19:00:00Z");
    assert_eq!((&first[2], &first[3]), ("ABDUL REHMAN", ACCOUNT));
    assert_eq!((&first[4], &first[5]), ("161.20", "USD"));
    assert_eq!((&first[12], &first[13]), ("45000.00", "PKR"));
    assert_eq!(&first[14], "1 USD = 279.15 PKR on 2024-03-01 (inverted)");
    assert!(first[10].ends_with("bank-statement-2024-03.csv") && &first[11] == "9");
}

#[test]
fn flows_import_transfer_list_by_profile_path() {
    let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../profiles/transfer-list.toml");
    let list = example("transfer-list-2024-03.csv");
    let (stdout, _) =
        ok(&import(&["--format", "csv", "--profile", profile.to_str().unwrap(), "--transactions", &list]));
    assert!(stdout.contains("9 transactions, 8 accounts"), "{stdout}");
    // The same list twice counts once, by transaction id.
    let (stdout, _) =
        ok(&import(&["--format", "csv", "--profile", "transfer-list", "--transactions", &list, &list]));
    assert!(stdout.contains("9 transactions") && stdout.contains("9 duplicate(s)"), "{stdout}");
}

#[test]
fn flows_import_hawala_ledger_is_refused_whole_unless_bad_rows_are_skipped() {
    let ledger = example("hawala-ledger-2024-03.csv");
    let e = err(&import(&["--format", "csv", "--profile", "hawala-ledger", "--transactions", &ledger]));
    assert!(e.contains("the import was refused, nothing was read (4 unreadable row(s))"), "{e}");
    for named in
        [":7: Amount: `50k` is not an amount", ":8: Receiver: is empty", ":10: Date:", ":11: Currency:"]
    {
        assert!(e.contains(named), "{named} missing from:\n{e}");
    }
    assert!(e.contains("--skip-bad-rows"));
    let (stdout, stderr) = ok(&import(&[
        "--format",
        "csv",
        "--profile",
        "hawala-ledger",
        "--skip-bad-rows",
        "--transactions",
        &ledger,
    ]));
    assert!(stdout.contains("13 transactions"), "{stdout}");
    assert!(stdout.contains("4 row(s) skipped"), "{stdout}");
    assert_eq!(stderr.matches("skipped ").count(), 4, "{stderr}");
}

#[test]
fn flows_import_goaml_and_ftm() {
    let (stdout, _) =
        ok(&import(&["--format", "goaml", "--transactions", &example("goaml-str-2024-0042.xml")]));
    assert!(stdout.contains("4 transactions, 5 accounts"), "{stdout}");
    assert!(stdout.contains("from 2024-03-07T11:20:00Z to 2024-04-09T09:00:00Z"), "{stdout}");
    let (stdout, _) = ok(&import(&[
        "--format",
        "goaml",
        "--time-zone",
        "+05:00",
        "--transactions",
        &example("goaml-str-2024-0042.xml"),
    ]));
    assert!(stdout.contains("from 2024-03-07T06:20:00Z"), "{stdout}");
    let (stdout, _) =
        ok(&import(&["--format", "ftm", "--transactions", &example("ftm-payments-2024-03.ftm.json")]));
    assert!(stdout.contains("4 transactions, 5 accounts"), "{stdout}");
}

#[test]
fn flows_import_a_missing_rate_names_the_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("rates.csv");
    std::fs::write(&rates, "date,from,to,rate\n2024-03-01,EUR,USD,1.0838\n2024-03-01,USD,PKR,279.15\n")
        .unwrap();
    let list = example("transfer-list-2024-03.csv");
    let e = err(&import(&[
        "--format",
        "csv",
        "--profile",
        "transfer-list",
        "--transactions",
        &list,
        "--rates",
        rates.to_str().unwrap(),
        "--report-currency",
        "USD",
    ]));
    assert!(e.contains("cannot convert every amount into USD (2 transaction(s) without a rate)"), "{e}");
    assert!(e.contains("transfer-list-2024-03.csv:5: currency: no TRY→USD rate"), "{e}");
    assert!(e.contains("transfer-list-2024-03.csv:9: currency: no TRY→USD rate"), "{e}");
    // --rates without --report-currency is refused by the parser.
    let e = err(&import(&["--transactions", &list, "--rates", rates.to_str().unwrap()]));
    assert!(e.contains("--report-currency"), "{e}");
}

#[test]
fn flows_trace_runs_on_mixed_currencies_once_converted() {
    let list = example("transfer-list-2024-03.csv");
    let base = [
        "flows",
        "trace",
        "--format",
        "csv",
        "--profile",
        "transfer-list",
        "--transactions",
        &list,
        "--seed",
        "GR1601101250000000012300695",
    ];
    let e = err(&run(&base));
    assert!(e.contains("several currencies"), "{e}");
    let rates = example("rates-2024.csv");
    let mut args = base.to_vec();
    args.extend(["--rates", &rates, "--report-currency", "USD"]);
    let (stdout, _) = ok(&run(&args));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let kaya = v["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == "TR330006100519786457841326")
        .expect("the collector is reached");
    // 1,500.00 EUR on 1 March and on 5 March at 1.0838: 1,625.70 USD each.
    assert_eq!(kaya["amount"], "3251.40");
}

#[test]
fn flows_import_bad_invocations_are_explained() {
    let list = example("transfer-list-2024-03.csv");
    let statement = example("bank-statement-2024-03.csv");
    let e = err(&import(&["--format", "csv", "--transactions", &list]));
    assert!(e.contains("--format csv needs --profile") && e.contains("hawala-ledger"), "{e}");
    let e = err(&import(&["--format", "csv", "--profile", "no-such-profile", "--transactions", &list]));
    assert!(e.contains("no built-in profile"), "{e}");
    let e = err(&import(&["--format", "csv", "--profile", "bank-statement", "--transactions", &statement]));
    assert!(e.contains("--account"), "{e}");
    let e = err(&import(&["--format", "goaml", "--profile", "bank-statement", "--transactions", &list]));
    assert!(e.contains("--profile applies only to --format csv"), "{e}");
    let e = err(&import(&[
        "--format",
        "csv",
        "--profile",
        "transfer-list",
        "--account",
        "X",
        "--transactions",
        &list,
    ]));
    assert!(e.contains("--account"), "{e}");
    let e = err(&import(&["--format", "goaml", "--time-zone", "Mars/Olympus", "--transactions", &list]));
    assert!(e.contains("--time-zone") && e.contains("IANA"), "{e}");
    // A profile with a mistake names the key.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../profiles/transfer-list.toml"),
    )
    .unwrap()
    .replace("currency_column", "currency_colum");
    std::fs::write(&bad, text).unwrap();
    let e = err(&import(&["--format", "csv", "--profile", bad.to_str().unwrap(), "--transactions", &list]));
    assert!(e.contains("`amount.currency_colum`: unknown key"), "{e}");
}

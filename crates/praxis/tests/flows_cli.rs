//! `praxis flows trace` and `praxis flows rank` on files, as an analyst runs them.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_praxis");

const EXAMPLE: &str = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,1,3,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
2,2,3,TRANSFER,200.00,2017-01-01T00:00:00Z,False,-1
3,3,4,TRANSFER,75.00,2017-01-01T00:00:00Z,False,-1
4,3,5,TRANSFER,150.00,2017-01-01T00:00:00Z,False,-1
5,1,3,TRANSFER,50.00,2017-01-01T00:00:00Z,False,-1
6,3,6,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
";

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).env("PRAXIS_LOG", "warn").output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_worked_example_under_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("example.csv");
    std::fs::write(&file, EXAMPLE).unwrap();
    let f = file.to_str().unwrap();
    for (rule, car, boat, y, left) in [
        ("fifo", "0.00", "125.00", "75.00", Some("0.00")),
        ("lifo", "75.00", "125.00", "0.00", Some("0.00")),
        ("libr", "0.00", "125.00", "50.00", Some("25.00")),
        ("pro-rata", "50.00", "100.00", "40.00", Some("10.00")),
        ("poison", "75.00", "150.00", "100.00", None),
    ] {
        let (ok, out, err) = run(&[
            "flows",
            "trace",
            "--format",
            "amlsim",
            "--transactions",
            f,
            "--seed",
            "2",
            "--rule",
            rule,
        ]);
        assert!(ok, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["rule"], rule);
        let acct =
            |id: &str| v["accounts"].as_array().unwrap().iter().find(|a| a["account"] == id).unwrap().clone();
        assert_eq!(
            (acct("4")["amount"].as_str(), acct("5")["amount"].as_str(), acct("6")["amount"].as_str()),
            (Some(car), Some(boat), Some(y)),
            "{rule}"
        );
        assert_eq!(acct("3")["remaining"].as_str(), left, "{rule}");
        assert_eq!(acct("6")["hops"], 2);
        assert_eq!(acct("6")["path"], serde_json::json!(["2", "6"]));
    }
    let (ok, out, _) = run(&["flows", "rank", "--transactions", f, "--by", "net", "--top", "1", "--json"]);
    assert!(ok);
    let top: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!((top["account"].as_str(), top["net"].as_str()), (Some("5"), Some("150.00")));
}

#[test]
fn bad_rows_refuse_the_import_and_name_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, format!("{EXAMPLE}7,3,,TRANSFER,1.00,2017-01-02T00:00:00Z,False,-1\n")).unwrap();
    let f = file.to_str().unwrap();
    let (ok, _, err) = run(&["flows", "trace", "--transactions", f, "--seed", "2"]);
    assert!(!ok);
    assert!(err.contains("bad.csv:8: bene_acct: is empty") && err.contains("nothing was read"), "{err}");
    let (ok, out, err) = run(&["flows", "trace", "--transactions", f, "--seed", "2", "--skip-bad-rows"]);
    assert!(ok, "{err}");
    assert!(err.contains("skipped") && err.contains("bad.csv:8"), "every skipped row is listed: {err}");
    assert!(out.contains("\"accounts\""));
    let (ok, _, err) = run(&["flows", "trace", "--transactions", f, "--seed", "nobody", "--skip-bad-rows"]);
    assert!(!ok && err.contains("nobody"), "{err}");
}

#[test]
fn the_sample_is_traced_in_well_under_a_second() {
    let sample =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/amlsim-10k-mixed/transactions.csv.gz");
    let (ok, out, err) = run(&[
        "flows",
        "trace",
        "--transactions",
        sample,
        "--seed",
        "4397",
        "--max-hops",
        "6",
        "--to",
        "2017-02-01",
        "--no-paths",
    ]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["accounts"].as_array().unwrap().len() > 10);
    assert!(v["elapsed_ms"].as_f64().unwrap() < 1000.0);
}

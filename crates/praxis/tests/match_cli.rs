//! `praxis match score` on files, as an analyst runs it.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_praxis");

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).env("PRAXIS_LOG", "warn").output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Write `csv` to a temporary file, score it, and return success, the output rows and stderr.
fn score(csv: &str, extra: &[&str]) -> (bool, Vec<Vec<String>>, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("names.csv");
    let output = dir.path().join("scored.csv");
    std::fs::write(&input, csv).unwrap();
    let mut args = vec![
        "match",
        "score",
        "--input",
        input.to_str().unwrap(),
        "--left-column",
        "a",
        "--right-column",
        "b",
        "--out",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (ok, _, err) = run(&args);
    let rows = match std::fs::read(&output) {
        Ok(bytes) => csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect(),
        Err(_) => Vec::new(),
    };
    (ok, rows, err)
}

#[test]
fn scores_names_across_scripts() {
    let csv = "id,a,b\n\
               1,Mohammad Ali Khan,محمد علی خان\n\
               2,Mohammad Ali Khan,Мухаммад Али Хан\n\
               3,Mohammad Ali Khan,Mohd. Ali Khan\n\
               4,Mohammad Ali Khan,মোহাম্মদ আলী খান\n\
               5,Mohammad Ali Khan,Imran Ali Khan\n";
    let (ok, rows, err) = score(csv, &[]);
    assert!(ok, "{err}");
    assert_eq!(rows[0], ["id", "a", "b", "score", "match", "explanation"]);
    let got: Vec<(&str, &str)> = rows[1..].iter().map(|r| (r[0].as_str(), r[4].as_str())).collect();
    assert_eq!(got, [("1", "1"), ("2", "1"), ("3", "1"), ("4", "1"), ("5", "0")]);
    for r in &rows[1..5] {
        assert!(r[3].parse::<f64>().unwrap() >= 0.95, "{r:?}");
    }
    assert!(rows[5][3].parse::<f64>().unwrap() < 0.7, "{:?}", rows[5]);
    assert!(rows[3][5].contains("variants of muhammad"), "{:?}", rows[3]);
    assert!(
        rows[5][5].contains("only on the left") || rows[5][5].contains("only on the right"),
        "{:?}",
        rows[5]
    );
    assert!(err.contains("5 rows scored, 4 matches at threshold 0.85"), "{err}");
}

#[test]
fn the_threshold_and_the_dictionary_can_be_changed() {
    let csv = "a,b\nMohammad Ali Khan,Mohd. Ali Khan\n";
    let (ok, rows, err) = score(csv, &["--no-name-dictionary"]);
    assert!(ok, "{err}");
    assert_eq!(rows[1][3], "0");
    let (ok, rows, _) = score(csv, &["--threshold", "0.5", "--no-name-dictionary"]);
    assert!(ok);
    assert_eq!(rows[1][3], "1");
    let (ok, _, err) = score(csv, &["--threshold", "2"]);
    assert!(!ok && err.contains("between 0 and 1"), "{err}");
}

#[test]
fn unusable_names_are_reported_on_their_row_never_matched() {
    let csv = "id,a,b\n1,,Ali Khan\n2,Ali Khan,12345\n3,Mr. Dr.,Ali\n4,Ali Khan,Ali Khan\n";
    let (ok, rows, err) = score(csv, &[]);
    assert!(ok, "{err}");
    for (row, field, why) in [(1, "a", "empty"), (2, "b", "no letters"), (3, "a", "only honorifics")] {
        let r = &rows[row];
        assert_eq!((r[3].as_str(), r[4].as_str()), ("", ""), "{r:?}");
        assert!(r[5].starts_with("not matched") && r[5].contains(why), "{r:?}");
        assert!(err.contains(&format!("line {}, field {field}:", row + 1)), "{err}");
    }
    assert_eq!((rows[4][3].as_str(), rows[4][4].as_str()), ("1.000", "1"));
    assert!(err.contains("3 names that cannot be matched"), "{err}");
}

#[test]
fn unreadable_rows_and_missing_columns_are_reported_with_line_and_field() {
    let bytes = b"id,a,b\n1,Ali,Aly\n2,Ali\n3,\xff\xfe,Ali\n4,Imran,Imran\n".to_vec();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.csv");
    std::fs::write(&input, &bytes).unwrap();
    let f = input.to_str().unwrap();
    let (ok, out, err) = run(&["match", "score", "--input", f, "--left-column", "a", "--right-column", "b"]);
    assert!(!ok, "unreadable rows make the command fail");
    assert!(err.contains("line 3: 2 fields where the header has 3"), "{err}");
    assert!(err.contains("line 4, field a: not valid UTF-8"), "{err}");
    assert!(err.contains("2 rows of"), "{err}");
    // The readable rows are still written, to standard output without --out.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[1].starts_with("1,Ali,Aly,1.000,1,") && lines[2].starts_with("4,Imran,Imran,1.000,1,"),
        "{out}"
    );

    let (ok, out, err) =
        run(&["match", "score", "--input", f, "--left-column", "a", "--right-column", "name"]);
    assert!(!ok && out.is_empty(), "{out}");
    assert!(err.contains("line 1: no column named \"name\" (the columns are: id, a, b)"), "{err}");
    let (ok, _, err) = run(&[
        "match",
        "score",
        "--input",
        "/nonexistent/x.csv",
        "--left-column",
        "a",
        "--right-column",
        "b",
    ]);
    assert!(!ok && err.contains("cannot read /nonexistent/x.csv"), "{err}");
}

#[test]
fn help_documents_the_command() {
    let (ok, out, _) = run(&["match", "score", "--help"]);
    assert!(ok);
    for needle in [
        "--left-column",
        "--right-column",
        "--out",
        "--threshold",
        "--no-name-dictionary",
        "0.85",
        "explanation",
        "line",
    ] {
        assert!(out.contains(needle), "{needle} missing from:\n{out}");
    }
}

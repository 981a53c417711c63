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

/// Read a CSV file written by the command into rows (header first).
fn rows_of(path: &std::path::Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap_or_default();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// People seen by three agencies: the same man in Latin, Arabic and Cyrillic script with his
/// phone written three ways, the same woman in Latin and Bengali, and people who are different.
fn people() -> String {
    let mut csv = String::from("rec,first,last,dob,mobile,town\n");
    csv.push_str("p1,Mohammad Ali,Khan,1985-03-14,0300-1234567,Lahore\n");
    csv.push_str("p1-ar,محمد علی,خان,14/03/1985,+92 300 1234567,لاهور\n");
    csv.push_str("p1-ru,Мухаммад Али,Хан,1985,00923001234567,Лахор\n");
    csv.push_str("p2,Fatima,Rahman,1990-07-01,0321-7654321,Karachi\n");
    csv.push_str("p2-bn,ফাতিমা,রহমান,01.07.1990,০৩২১-৭৬৫৪৩২১,করাচি\n");
    let given = ["Imran", "Bilal", "Ayesha", "Zainab", "Omar", "Hamza", "Sana", "Nadia", "Tariq", "Kamran"];
    let family = ["Qureshi", "Siddiqui", "Malik", "Chaudhry", "Butt", "Shah", "Mirza", "Awan"];
    for (i, g) in given.iter().enumerate() {
        for (j, f) in family.iter().enumerate() {
            let k = i * family.len() + j;
            csv.push_str(&format!(
                "bg{k:03},{g},{f},{}-{:02}-{:02},0333-{:07},Quetta\n",
                1950 + k % 45,
                1 + k % 12,
                1 + (k * 7) % 28,
                1_000_000 + k * 7919
            ));
        }
    }
    csv
}

const PEOPLE_MAP: &[&str] = &[
    "--map",
    "given_name=first,family_name=last",
    "--map",
    "birth_date=dob",
    "--map",
    "phone=mobile,city=town",
];

#[test]
fn dedupe_finds_one_person_across_scripts_and_explains_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.csv");
    std::fs::write(&input, people()).unwrap();
    let (pairs, clusters) = (dir.path().join("pairs.csv"), dir.path().join("clusters.csv"));
    let mut args = vec!["match", "dedupe", "--input", input.to_str().unwrap(), "--id", "rec"];
    args.extend_from_slice(PEOPLE_MAP);
    args.extend(["--out", pairs.to_str().unwrap(), "--clusters", clusters.to_str().unwrap()]);
    let (ok, _, err) = run(&args);
    assert!(ok, "{err}");
    let rows = rows_of(&pairs);
    assert_eq!(rows[0], ["left_id", "right_id", "score", "match", "weight", "explanation"]);
    let mut matched: Vec<(String, String)> =
        rows[1..].iter().filter(|r| r[3] == "1").map(|r| (r[0].clone(), r[1].clone())).collect();
    matched.sort();
    let expected = [("p1", "p1-ar"), ("p1", "p1-ru"), ("p1-ar", "p1-ru"), ("p2", "p2-bn")];
    assert_eq!(matched, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let p1 = rows.iter().find(|r| r[0] == "p1" && r[1] == "p1-ar").unwrap();
    assert!(p1[2].parse::<f64>().unwrap() > 0.99, "{p1:?}");
    for needle in ["prior", "given_name", "family_name exact", "phone exact", "birth_date"] {
        assert!(p1[5].contains(needle), "{needle} missing from {p1:?}");
    }
    let clusters = rows_of(&clusters);
    assert_eq!(clusters[0], ["cluster_id", "record_id"]);
    assert_eq!(clusters.len(), 1 + 85);
    for id in ["p1", "p1-ar", "p1-ru"] {
        assert!(clusters.contains(&vec!["p1".to_owned(), id.to_owned()]), "{clusters:?}");
    }
    assert!(clusters.contains(&vec!["p2".to_owned(), "p2-bn".to_owned()]));
    assert!(err.contains("candidate pairs"), "{err}");
    assert!(err.contains("matches: 4 pairs"), "{err}");
}

#[test]
fn dedupe_does_not_depend_on_the_order_of_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv = people();
    let mut lines: Vec<&str> = csv.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    lines.rotate_left(17);
    let shuffled = format!("{header}\n{}\n", lines.join("\n"));
    let mut outputs = Vec::new();
    for (name, text) in [("a.csv", csv.as_str()), ("b.csv", shuffled.as_str())] {
        let input = dir.path().join(name);
        std::fs::write(&input, text).unwrap();
        let (pairs, clusters) =
            (dir.path().join(format!("{name}.pairs")), dir.path().join(format!("{name}.cl")));
        let mut args = vec!["match", "dedupe", "--input", input.to_str().unwrap(), "--id", "rec"];
        args.extend_from_slice(PEOPLE_MAP);
        args.extend([
            "--keep-above",
            "0",
            "--out",
            pairs.to_str().unwrap(),
            "--clusters",
            clusters.to_str().unwrap(),
        ]);
        let (ok, _, err) = run(&args);
        assert!(ok, "{err}");
        outputs.push((std::fs::read(&pairs).unwrap(), std::fs::read(&clusters).unwrap()));
    }
    assert!(outputs[0] == outputs[1], "the outputs differ with the order of the rows");
}

#[test]
fn link_pairs_records_of_two_files_with_different_columns() {
    let dir = tempfile::tempdir().unwrap();
    let left = dir.path().join("left.csv");
    let right = dir.path().join("right.csv");
    let all = people();
    let rows: Vec<&str> = all.lines().collect();
    let left_rows: Vec<&str> =
        rows[1..].iter().copied().filter(|r| !r.starts_with("p1-") && !r.starts_with("p2-")).collect();
    std::fs::write(&left, format!("{}\n{}\n", rows[0], left_rows.join("\n"))).unwrap();
    std::fs::write(
        &right,
        "id,name,born,tel\n\
         r1,محمد علی خان,1985-03-14,+923001234567\n\
         r2,ফাতিমা রহমান,1990,০৩২১-৭৬৫৪৩২১\n\
         r3,Zahid Hussain,1970-01-01,0345-1111111\n",
    )
    .unwrap();
    let (pairs, clusters) = (dir.path().join("pairs.csv"), dir.path().join("clusters.csv"));
    let (ok, _, err) = run(&[
        "match",
        "link",
        "--left",
        left.to_str().unwrap(),
        "--right",
        right.to_str().unwrap(),
        "--id",
        "rec",
        "--right-id",
        "id",
        "--map",
        "full_name=first,full_name=last,birth_date=dob,phone=mobile",
        "--right-map",
        "full_name=name,birth_date=born,phone=tel",
        "--out",
        pairs.to_str().unwrap(),
        "--clusters",
        clusters.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let mut matched: Vec<(String, String)> =
        rows_of(&pairs)[1..].iter().filter(|r| r[3] == "1").map(|r| (r[0].clone(), r[1].clone())).collect();
    matched.sort();
    assert_eq!(matched, [("p1".to_owned(), "r1".to_owned()), ("p2".to_owned(), "r2".to_owned())]);
    let clusters = rows_of(&clusters);
    assert_eq!(clusters[0], ["cluster_id", "side", "record_id"]);
    assert!(
        clusters.contains(&vec!["left:p1".to_owned(), "right".to_owned(), "r1".to_owned()]),
        "{clusters:?}"
    );

    // A role mapped on one side only is an error before anything is written.
    let (ok, _, err) = run(&[
        "match",
        "link",
        "--left",
        left.to_str().unwrap(),
        "--right",
        right.to_str().unwrap(),
        "--id",
        "rec",
        "--right-id",
        "id",
        "--map",
        "full_name=first,birth_date=dob",
        "--right-map",
        "full_name=name",
    ]);
    assert!(!ok && err.contains("does not map it for the right file"), "{err}");
}

#[test]
fn bad_input_is_reported_with_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.csv");
    let mut bytes = people().into_bytes();
    bytes.extend_from_slice(b"x1,,Malik,1980,0300-7654321,Quetta\n");
    bytes.extend_from_slice(b"x2,Imran,12345,1981,0300-7654322,Quetta\n");
    bytes.extend_from_slice(b"x3,Imran,Malik\n");
    bytes.extend_from_slice(b"x4,Imran,\xff,1982,0300-7654323,Quetta\n");
    bytes.extend_from_slice(b"x5,Imran,Awan,31/02/1983,not a phone,Quetta\n");
    std::fs::write(&input, &bytes).unwrap();
    let f = input.to_str().unwrap();
    let pairs = dir.path().join("pairs.csv");
    let mut args = vec!["match", "dedupe", "--input", f, "--id", "rec", "--out", pairs.to_str().unwrap()];
    args.extend_from_slice(PEOPLE_MAP);
    let (ok, _, err) = run(&args);
    assert!(!ok, "unreadable rows make the command fail");
    for needle in [
        "line 87, field first: empty name",
        "line 88, field last: the name \"12345\" contains no letters",
        "line 89: 3 fields where the header has 6",
        "line 90, field last: not valid UTF-8",
        "line 91, field dob: not a valid (partial) date",
        "line 91, field mobile: not a valid phone number",
    ] {
        assert!(err.contains(needle), "{needle} missing from:\n{err}");
    }
    assert!(rows_of(&pairs).len() > 1, "the readable rows are still matched");

    // An unknown role or column stops the command before anything is written.
    let out = dir.path().join("never.csv");
    for (map, message) in [
        ("nickname=first", "unknown role \"nickname\""),
        ("given_name=prenom", "no column named \"prenom\" for --map given_name=prenom"),
    ] {
        let (ok, _, err) = run(&[
            "match",
            "dedupe",
            "--input",
            f,
            "--id",
            "rec",
            "--map",
            map,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(!ok && err.contains(message), "{err}");
        assert!(!out.exists());
    }
    let (ok, _, err) = run(&["match", "dedupe", "--input", f, "--id", "nope", "--map", "given_name=first"]);
    assert!(!ok && err.contains("no column named \"nope\" for --id"), "{err}");

    // Duplicate ids are an error naming their lines.
    let dup = dir.path().join("dup.csv");
    std::fs::write(&dup, "rec,first\na,Ali\nb,Omar\na,Imran\n").unwrap();
    let (ok, _, err) = run(&[
        "match",
        "dedupe",
        "--input",
        dup.to_str().unwrap(),
        "--id",
        "rec",
        "--map",
        "full_name=first",
    ]);
    assert!(!ok && err.contains("\"a\" on lines 2, 4"), "{err}");
}

#[test]
fn score_compares_two_whole_records_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rows.csv");
    let mut csv = String::from("l_name,l_dob,l_tel,r_name,r_dob,r_tel\n");
    csv.push_str("Mohammad Ali Khan,1985-03-14,0300-1234567,محمد علی خان,14/03/1985,+92 300 1234567\n");
    csv.push_str("Fatima Rahman,1990-07-01,0321-7654321,ফাতিমা রহমান,01.07.1990,০৩২১-৭৬৫৪৩২১\n");
    let names = ["Imran Qureshi", "Bilal Siddiqui", "Ayesha Malik", "Zainab Butt", "Omar Shah", "Sana Mirza"];
    for (i, a) in names.iter().enumerate() {
        let b = names[(i + 1) % names.len()];
        csv.push_str(&format!(
            "{a},19{:02}-01-01,0333-100000{i},{b},19{:02}-02-02,0333-200000{i}\n",
            50 + i,
            60 + i
        ));
    }
    std::fs::write(&input, csv).unwrap();
    let out = dir.path().join("scored.csv");
    let (ok, _, err) = run(&[
        "match",
        "score",
        "--input",
        input.to_str().unwrap(),
        "--left-map",
        "full_name=l_name,birth_date=l_dob,phone=l_tel",
        "--right-map",
        "full_name=r_name,birth_date=r_dob,phone=r_tel",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let rows = rows_of(&out);
    assert_eq!(rows[0][6..], ["score", "match", "weight", "explanation"]);
    let matches: Vec<&str> = rows[1..].iter().map(|r| r[7].as_str()).collect();
    assert_eq!(matches, ["1", "1", "0", "0", "0", "0", "0", "0"]);
    assert!(rows[1][9].contains("name exact") && rows[1][9].contains("phone exact"), "{:?}", rows[1]);

    let (ok, _, err) = run(&[
        "match",
        "score",
        "--input",
        input.to_str().unwrap(),
        "--left-map",
        "full_name=l_name,phone=l_tel",
        "--right-map",
        "full_name=r_name",
    ]);
    assert!(!ok && err.contains("phone (left only)"), "{err}");
}

#[test]
fn help_documents_dedupe_and_link() {
    for cmd in ["dedupe", "link"] {
        let (ok, out, _) = run(&["match", cmd, "--help"]);
        assert!(ok);
        for needle in
            ["--id", "--map", "ROLE=COLUMN", "--out", "--clusters", "--threshold", "--truth", "0.5", "line"]
        {
            assert!(out.contains(needle), "{cmd}: {needle} missing from:\n{out}");
        }
    }
    let (_, out, _) = run(&["match", "score", "--help"]);
    assert!(out.contains("--left-map") && out.contains("--right-map"), "{out}");
}

#[test]
fn judgements_are_respected_by_a_dedupe() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.csv");
    std::fs::write(&input, people()).unwrap();
    let judgements = dir.path().join("judgements.csv");
    // The analyst rejects the Cyrillic record (in either order of the ids) and ties two
    // background people together.
    std::fs::write(
        &judgements,
        "left_id,right_id,verdict,note\np1-ru,p1,rejected,another man\np1-ar,p1-ru,rejected,\n\
         bg001,bg002,confirmed,same passport\nnobody,p1,confirmed,\n",
    )
    .unwrap();
    let (pairs, clusters) = (dir.path().join("pairs.csv"), dir.path().join("clusters.csv"));
    let mut args = vec!["match", "dedupe", "--input", input.to_str().unwrap(), "--id", "rec"];
    args.extend_from_slice(PEOPLE_MAP);
    args.extend(["--judgements", judgements.to_str().unwrap()]);
    args.extend(["--out", pairs.to_str().unwrap(), "--clusters", clusters.to_str().unwrap()]);
    let (ok, _, err) = run(&args);
    assert!(ok, "{err}");
    assert!(
        err.contains("judgements: 1 confirmed, 2 rejected applied; 1 name records not in the input"),
        "{err}"
    );
    let rows = rows_of(&pairs);
    let mut matched: Vec<(String, String)> =
        rows[1..].iter().filter(|r| r[3] == "1").map(|r| (r[0].clone(), r[1].clone())).collect();
    matched.sort();
    let expected = [("bg001", "bg002"), ("p1", "p1-ar"), ("p2", "p2-bn")];
    assert_eq!(matched, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let clusters = rows_of(&clusters);
    assert!(clusters.contains(&vec!["p1-ru".to_owned(), "p1-ru".to_owned()]), "alone again");
    assert!(clusters.contains(&vec!["bg001".to_owned(), "bg002".to_owned()]));

    // A verdict that is neither is refused with its line and field.
    std::fs::write(&judgements, "left_id,right_id,verdict\np1,p1-ru,maybe\n").unwrap();
    let (ok, _, err) = run(&args);
    assert!(!ok);
    assert!(err.contains("judgements.csv, line 2, field verdict"), "{err}");
}

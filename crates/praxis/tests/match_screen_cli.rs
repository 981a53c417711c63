//! `praxis match screen` and `praxis match blind-index` on files, as an analyst runs them.

use std::path::Path;
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

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../praxis-match/tests/data").join(name).display().to_string()
}

fn p(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

fn csv_rows(path: &str) -> Vec<Vec<String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn screen_csv_queries_rank_candidates_and_report_unusable_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = p(&dir, "q.csv");
    std::fs::write(
        &input,
        "id,name,dob,pp\nq1,محمد علی خان,1985,\nq2,John Smith,,\nq3,???,1980,\nq4,Mohammad Ali Khan,1961,\nq5,Md Ali,,AB1234567\n",
    )
    .unwrap();
    let out = p(&dir, "r.csv");
    let list = data("watchlist.ftm.jsonl");
    let (ok, _, err) = run(&[
        "match",
        "screen",
        "--list",
        &list,
        "--input",
        &input,
        "--id",
        "id",
        "--map",
        "full_name=name,birth_date=dob,id_number=pp",
        "--out",
        &out,
    ]);
    assert!(ok, "{err}");
    let rows = csv_rows(&out);
    let first = |q: &str| rows.iter().find(|r| r[0] == q).unwrap().clone();
    let q1 = first("q1");
    assert_eq!((q1[1].as_str(), q1[2].as_str(), q1[6].as_str()), ("1", "wl-mak-1985", "1"), "{q1:?}");
    assert_eq!((q1[8].as_str(), q1[9].as_str()), ("محمد علی خان", "alias"));
    assert!(q1[10].contains("birth_date compatible"), "{q1:?}");
    assert!(first("q2")[10].starts_with("no candidate"));
    assert_eq!(first("q3")[10], "not screened: no usable name");
    assert!(err.contains("q.csv, line 4, field name:"), "{err}");
    let q4 = first("q4");
    assert_eq!(
        (q4[2].as_str(), q4[6].as_str()),
        ("wl-mak-1985", "0"),
        "another birth year is not a match: {q4:?}"
    );
    assert!(q4[10].contains("birth_date conflict (1961 vs 1985-03-14) -0.30"), "{q4:?}");
    let q5 = first("q5");
    assert!(q5[10].contains("identifier same (AB1234567) +0.30"), "{q5:?}");
    // Hard negatives are never matches.
    for r in &rows {
        if r[6] == "1" {
            assert!(r[0] == "q1" || r[0] == "q5", "{r:?}");
        }
    }
    assert!(
        err.contains(
            "13 entities screened against (2 of other schemata left aside, 1 without a usable name)"
        ),
        "{err}"
    );
}

#[test]
fn screen_ftm_queries_to_json() {
    let dir = tempfile::tempdir().unwrap();
    let input = p(&dir, "q.ftm.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"x1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Хасан Раза\"],\"birthDate\":[\"1990-07-01\"]}}\n\
         {\"id\":\"x2\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Al Noor Travel & Tours\"],\"registrationNumber\":[\"pk reg 55821\"]}}\n",
    )
    .unwrap();
    let out = p(&dir, "r.json");
    let (ok, _, err) = run(&[
        "match",
        "screen",
        "--list",
        &data("watchlist.ftm.jsonl"),
        "--input",
        &input,
        "--out",
        &out,
        "--top",
        "1",
    ]);
    assert!(ok, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let q = &doc["queries"];
    assert_eq!(q[0]["candidates"][0]["entity_id"], "wl-hasan-raza");
    assert_eq!(q[0]["candidates"][0]["match"], true);
    assert_eq!(q[0]["candidates"].as_array().unwrap().len(), 1);
    assert_eq!(q[1]["candidates"][0]["entity_id"], "wl-al-noor-travel");
    assert_eq!(q[1]["candidates"][0]["evidence"][0]["field"], "identifier");
    assert_eq!(doc["threshold"], 0.85);
}

#[test]
fn a_malformed_watch_list_line_stops_screening_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let list = p(&dir, "list.jsonl");
    std::fs::write(
        &list,
        "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Ali Raza\"]}}\n\
         {\"id\":\"b\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Omar Farooq\"],\"birthDate\":1980}}\n",
    )
    .unwrap();
    let input = p(&dir, "q.csv");
    std::fs::write(&input, "id,name\nq1,Ali Raza\n").unwrap();
    let out = p(&dir, "r.csv");
    let args = [
        "match",
        "screen",
        "--list",
        &list,
        "--input",
        &input,
        "--id",
        "id",
        "--map",
        "full_name=name",
        "--out",
        &out,
    ];
    let (ok, _, err) = run(&args);
    assert!(!ok);
    assert!(
        err.contains("list.jsonl, line 2, field birthDate: entity b: an FtM property is a list of strings"),
        "{err}"
    );
    assert!(!Path::new(&out).exists(), "nothing written");
    let mut skip = args.to_vec();
    skip.push("--skip-invalid");
    let (ok, _, err) = run(&skip);
    assert!(ok, "{err}");
    assert_eq!(csv_rows(&out)[0][2], "a");
    // An unmappable column is named, before anything is written.
    std::fs::remove_file(&out).unwrap();
    let (ok, _, err) = run(&[
        "match",
        "screen",
        "--list",
        &list,
        "--input",
        &input,
        "--id",
        "id",
        "--map",
        "full_name=nom",
        "--out",
        &out,
    ]);
    assert!(!ok && err.contains("no column named \"nom\""), "{err}");
    assert!(!Path::new(&out).exists());
}

/// Both countries' whole protocol through the command line.
#[test]
fn blind_index_hit_no_hit_between_two_countries() {
    let dir = tempfile::tempdir().unwrap();
    let key = p(&dir, "key.hex");
    let log = p(&dir, "log.csv");
    assert!(run(&["match", "blind-index", "keygen", "--out", &key]).0);
    let (ok, _, err) = run(&["match", "blind-index", "keygen", "--out", &key]);
    assert!(!ok && err.contains("never overwritten"), "{err}");

    let pk = p(&dir, "pk.csv");
    std::fs::write(&pk, "case,mobile,pp,name,dob\nFIR-1,0300-1234567,AB1234567,Mohammad Ali Khan,14/03/1985\nFIR-2,0321 7654321,,Imran Khan,1979\nFIR-3,12,,,\n").unwrap();
    let ir = p(&dir, "ir.csv");
    std::fs::write(
        &ir,
        "ref,tel,name,born\nIR-9,+92 300 123 4567,محمد علی خان,1985\nIR-10,0912 345 6789,حسن رضا,1990\n",
    )
    .unwrap();

    let index =
        |org: &str, file: &str, id: &str, map: &str, region: &str, extra: &[&str]| -> (String, String) {
            let (req, state, resp) = (
                p(&dir, &format!("{org}.req")),
                p(&dir, &format!("{org}.state")),
                p(&dir, &format!("{org}.resp")),
            );
            let (idx, private) =
                (p(&dir, &format!("{org}.index.csv")), p(&dir, &format!("{org}.private.csv")));
            let mut args = vec![
                "match",
                "blind-index",
                "blind",
                "--input",
                file,
                "--id",
                id,
                "--map",
                map,
                "--organisation",
                org,
                "--epoch",
                "2026-Q4",
                "--request",
                &req,
                "--state",
                &state,
                "--phone-region",
                region,
            ];
            args.extend_from_slice(extra);
            let (ok, _, err) = run(&args);
            assert!(ok || org == "FIA PK", "{err}");
            let (ok, _, err) = run(&[
                "match",
                "blind-index",
                "evaluate",
                "--key",
                &key,
                "--epoch",
                "2026-Q4",
                "--request",
                &req,
                "--out",
                &resp,
                "--evaluation-log",
                &log,
                "--requester",
                org,
            ]);
            assert!(ok, "{err}");
            let (ok, _, err) = run(&[
                "match",
                "blind-index",
                "finalize",
                "--state",
                &state,
                "--response",
                &resp,
                "--index",
                &idx,
                "--private",
                &private,
            ]);
            assert!(ok, "{err}");
            // The request and the shared index hold nothing of the selectors in clear.
            for f in [&req, &idx] {
                let text = std::fs::read_to_string(f).unwrap();
                for secret in ["923001234567", "AB1234567", "FIR-1", "IR-9", "mhmd", "1985"] {
                    assert!(!text.contains(secret), "{f} contains {secret}");
                }
            }
            (idx, private)
        };
    let (pk_idx, pk_private) = index(
        "FIA PK",
        &pk,
        "case",
        "phone=mobile,passport=pp,full_name=name,birth_date=dob",
        "PK",
        &["--passport-country", "PK"],
    );
    let (ir_idx, ir_private) =
        index("Police IR", &ir, "ref", "phone=tel,full_name=name,birth_date=born", "IR", &[]);

    let hits = p(&dir, "hits.csv");
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "compare",
        "--private",
        &pk_private,
        "--theirs",
        &ir_idx,
        "--out",
        &hits,
    ]);
    assert!(ok, "{err}");
    let mut rows = csv_rows(&hits);
    rows.sort();
    assert_eq!(
        rows,
        vec![
            vec!["FIR-1".to_owned(), "name_year".to_owned(), "Police IR".to_owned()],
            vec!["FIR-1".to_owned(), "phone".to_owned(), "Police IR".to_owned()],
        ]
    );
    let (ok, out, _) =
        run(&["match", "blind-index", "compare", "--private", &ir_private, "--theirs", &pk_idx]);
    assert!(ok);
    assert_eq!(out.lines().filter(|l| l.starts_with("IR-9,")).count(), 2, "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");

    // Padding: counts rounded up per kind with random entries that never hit.
    let padded = p(&dir, "padded.index.csv");
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "finalize",
        "--state",
        &p(&dir, "Police IR.state"),
        "--response",
        &p(&dir, "Police IR.resp"),
        "--index",
        &padded,
        "--private",
        &p(&dir, "padded.private.csv"),
        "--pad-to-multiple",
        "10",
    ]);
    assert!(ok, "{err}");
    let rows = csv_rows(&padded);
    assert_eq!(rows.len(), 20, "phone and name_year, 2 real entries each, padded to 10: {rows:?}");
    let (ok, out, _) =
        run(&["match", "blind-index", "compare", "--private", &pk_private, "--theirs", &padded]);
    assert!(ok);
    assert_eq!(out.lines().count(), 3, "the same two hits and the header: {out}");

    // Every file names its protocol version; a file of another version, whose values could never
    // match, is refused with its line and field instead of giving a silent "no hit".
    let shared = std::fs::read_to_string(&pk_idx).unwrap();
    assert!(shared.starts_with("organisation,epoch,kind,value,protocol\n"), "{shared}");
    let v1 = p(&dir, "v1.index.csv");
    std::fs::write(&v1, shared.replace("praxis/hit-no-hit/v2", "praxis/hit-no-hit/v1")).unwrap();
    let (ok, _, err) = run(&["match", "blind-index", "compare", "--private", &ir_private, "--theirs", &v1]);
    assert!(!ok && err.contains("v1.index.csv, line 2, field protocol"), "{err}");
    let unversioned: String =
        shared.lines().map(|l| l.rsplit_once(',').map_or(l, |(head, _)| head).to_owned() + "\n").collect();
    std::fs::write(&v1, unversioned).unwrap();
    let (ok, _, err) = run(&["match", "blind-index", "compare", "--private", &ir_private, "--theirs", &v1]);
    assert!(!ok && err.contains("line 1: no column named \"protocol\""), "{err}");

    // Every evaluation is logged; a request over the quota is refused whole and logged.
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "evaluate",
        "--key",
        &key,
        "--epoch",
        "2026-Q4",
        "--request",
        &p(&dir, "Police IR.req"),
        "--out",
        &p(&dir, "again.resp"),
        "--evaluation-log",
        &log,
        "--requester",
        "Police IR",
        "--quota",
        "5",
    ]);
    assert!(!ok && err.contains("would exceed the quota of 5"), "{err}");
    assert!(!Path::new(&p(&dir, "again.resp")).exists());
    let log_rows = csv_rows(&log);
    assert_eq!(log_rows.len(), 3, "{log_rows:?}");
    assert_eq!(log_rows[2][4], "refused: quota");

    // A request whose label is not the organisation it came from is refused (quotas are counted
    // on the sender the channel authenticated).
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "evaluate",
        "--key",
        &key,
        "--epoch",
        "2026-Q4",
        "--request",
        &p(&dir, "Police IR.req"),
        "--out",
        &p(&dir, "y.resp"),
        "--evaluation-log",
        &log,
        "--requester",
        "FIA PK",
    ]);
    assert!(!ok && err.contains("came from \"FIA PK\""), "{err}");
    assert!(!Path::new(&p(&dir, "y.resp")).exists());

    // Another epoch's key gives values that do not compare.
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "evaluate",
        "--key",
        &key,
        "--epoch",
        "2027-Q1",
        "--request",
        &p(&dir, "Police IR.req"),
        "--out",
        &p(&dir, "x.resp"),
        "--evaluation-log",
        &log,
        "--requester",
        "Police IR",
    ]);
    assert!(!ok && err.contains("field epoch"), "{err}");
}

#[test]
fn blind_index_reports_unusable_selectors_with_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let input = p(&dir, "in.csv");
    std::fs::write(&input, "id,mobile,acct\nr1,12,PK00XXXX\nr2,0300-1234567,\n").unwrap();
    let (req, state) = (p(&dir, "r"), p(&dir, "s"));
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "blind",
        "--input",
        &input,
        "--id",
        "id",
        "--map",
        "phone=mobile,account_number=acct",
        "--organisation",
        "X",
        "--epoch",
        "e",
        "--request",
        &req,
        "--state",
        &state,
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("in.csv, line 2, field mobile: not a valid phone number"), "{err}");
    assert!(err.contains("2 selectors blinded (phone: 1, account: 1)"), "{err}");
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "blind",
        "--input",
        &input,
        "--id",
        "id",
        "--map",
        "email=mobile",
        "--organisation",
        "X",
        "--epoch",
        "e",
        "--request",
        &req,
        "--state",
        &state,
    ]);
    assert!(!ok && err.contains("unknown role \"email\""), "{err}");
}

#[test]
fn help_documents_screen_and_every_blind_index_step() {
    let flat = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (ok, out, _) = run(&["match", "screen", "--help"]);
    let out = flat(out);
    assert!(ok);
    for s in ["--list", "--top", "--threshold", "--skip-invalid", "FollowTheMoney", "never silently matched"]
    {
        assert!(out.contains(s), "screen --help lacks {s}");
    }
    for (step, words) in [
        ("keygen", "never overwritten"),
        ("blind", "--passport-country"),
        ("evaluate", "--quota"),
        ("finalize", "--private"),
        ("compare", "held_by"),
    ] {
        let (ok, out, _) = run(&["match", "blind-index", step, "--help"]);
        let out = flat(out);
        assert!(ok && out.contains(words), "blind-index {step} --help lacks {words}");
    }
}

#[test]
fn blind_index_reads_ftm_entities_too() {
    let dir = tempfile::tempdir().unwrap();
    let key = p(&dir, "key.hex");
    assert!(run(&["match", "blind-index", "keygen", "--out", &key]).0);
    let ftm = p(&dir, "bd.ftm.jsonl");
    std::fs::write(
        &ftm,
        "{\"id\":\"bd-1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"রহিম উদ্দিন আহমেদ\"],\"birthDate\":[\"1982-01-05\"],\"passportNumber\":[\"BN 0123456\"],\"nationality\":[\"bd\"],\"phone\":[\"01711-234567\"]}}\n\
         {\"id\":\"bd-2\",\"schema\":\"Person\",\"properties\":{\"name\":[\"???\"],\"birthDate\":[\"1990\"]}}\n",
    )
    .unwrap();
    let csv_file = p(&dir, "iq.csv");
    std::fs::write(
        &csv_file,
        "id,name,dob,pp,cc\niq-7,Rahim Uddin Ahmed,1982,BN0123456,BD\niq-8,Karim Uddin Ahmed,1982,,\n",
    )
    .unwrap();
    let step = |org: &str, input: &str, extra: &[&str], region: &str| -> String {
        let (req, state, resp) =
            (p(&dir, &format!("{org}.r")), p(&dir, &format!("{org}.s")), p(&dir, &format!("{org}.e")));
        let (idx, private) = (p(&dir, &format!("{org}.i")), p(&dir, &format!("{org}.p")));
        let mut args = vec![
            "match",
            "blind-index",
            "blind",
            "--input",
            input,
            "--organisation",
            org,
            "--epoch",
            "e1",
            "--request",
            &req,
            "--state",
            &state,
            "--phone-region",
            region,
        ];
        args.extend_from_slice(extra);
        let (ok, _, err) = run(&args);
        assert!(ok, "{err}");
        if org == "DB BD" {
            assert!(err.contains("bd.ftm.jsonl, line 2, field name: entity bd-2:"), "{err}");
            assert!(err.contains("3 selectors blinded (phone: 1, passport: 1, name_year: 1)"), "{err}");
        }
        let (ok, _, err) = run(&[
            "match",
            "blind-index",
            "evaluate",
            "--key",
            &key,
            "--epoch",
            "e1",
            "--request",
            &req,
            "--requester",
            org,
            "--out",
            &resp,
            "--evaluation-log",
            &p(&dir, "log"),
        ]);
        assert!(ok, "{err}");
        let (ok, _, err) = run(&[
            "match",
            "blind-index",
            "finalize",
            "--state",
            &state,
            "--response",
            &resp,
            "--index",
            &idx,
            "--private",
            &private,
        ]);
        assert!(ok, "{err}");
        if org == "DB BD" {
            idx
        } else {
            private
        }
    };
    let bd_index = step("DB BD", &ftm, &[], "BD");
    let iq_private = step(
        "MOI IQ",
        &csv_file,
        &["--id", "id", "--map", "full_name=name,birth_date=dob,passport=pp,passport_country=cc"],
        "IQ",
    );
    let (ok, out, err) =
        run(&["match", "blind-index", "compare", "--private", &iq_private, "--theirs", &bd_index]);
    assert!(ok, "{err}");
    let mut hits: Vec<&str> = out.lines().skip(1).collect();
    hits.sort_unstable();
    assert_eq!(hits, vec!["iq-7,name_year,DB BD", "iq-7,passport,DB BD"]);
    // A malformed line stops blinding, naming its line and property.
    std::fs::write(&ftm, "{\"id\":\"x\",\"properties\":{\"phone\":\"01711-234567\"}}\n").unwrap();
    let (ok, _, err) = run(&[
        "match",
        "blind-index",
        "blind",
        "--input",
        &ftm,
        "--organisation",
        "X",
        "--epoch",
        "e1",
        "--request",
        &p(&dir, "x.r"),
        "--state",
        &p(&dir, "x.s"),
    ]);
    assert!(!ok && err.contains("line 1, field phone: an FtM property is a list of strings"), "{err}");
}

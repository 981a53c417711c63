//! The `praxis` command, run as a person would run it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_praxis");

fn praxis(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("PRAXIS_DATA_DIR", data)
        .env_remove("PRAXIS_DATABASE_URL")
        .env_remove("PRAXIS_KEYS")
        .env("PRAXIS_LOG", "warn");
    c
}

fn run(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = praxis(data, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn err(out: &Output) -> String {
    assert!(!out.status.success(), "should have failed: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_command_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let top = ok(&run(dir.path(), &["--help"], ""));
    for c in
        ["serve", "demo", "migrate", "user", "org", "audit", "keys", "backup", "restore", "case", "programme"]
    {
        assert!(top.contains(c), "{c} missing from --help");
    }
    for args in [
        &["serve", "--help"][..],
        &["demo", "--help"],
        &["migrate", "--help"],
        &["user", "add", "--help"],
        &["user", "passwd", "--help"],
        &["user", "disable", "--help"],
        &["user", "list", "--help"],
        &["org", "add", "--help"],
        &["org", "list", "--help"],
        &["audit", "verify", "--help"],
        &["backup", "--help"],
        &["restore", "--help"],
        &["keys", "rotate", "--help"],
        &["case", "list", "--help"],
        &["case", "show", "--help"],
        &["case", "export", "--help"],
        &["case", "import", "--help"],
        &["case", "brief", "--help"],
        &["programme", "dashboard", "--help"],
        &["programme", "report", "--help"],
        &["programme", "export", "--help"],
    ] {
        let text = ok(&run(dir.path(), args, ""));
        assert!(text.contains("Usage: praxis"), "{args:?}");
    }
}

#[test]
fn set_up_an_installation_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&run(d, &["migrate"], ""));
    assert!(d.join("praxis.db").exists());
    let out = ok(&run(
        d,
        &[
            "org",
            "add",
            "--name",
            "UN Office Vienna",
            "--kind",
            "international",
            "--jurisdiction",
            "at",
            "--operator",
        ],
        "",
    ));
    assert!(out.contains("Created organisation"));
    let e =
        err(&run(d, &["org", "add", "--name", "Somewhere", "--kind", "police", "--jurisdiction", "XY"], ""));
    assert!(e.contains("jurisdiction") && e.contains("XY"), "{e}");
    let e = err(&run(
        d,
        &[
            "user",
            "add",
            "--org",
            "UN Office Vienna",
            "--username",
            "admin",
            "--name",
            "First Admin",
            "--roles",
            "administrator",
        ],
        "short\n",
    ));
    assert!(e.contains("password") && e.contains("12"), "{e}");
    let e = err(&run(
        d,
        &[
            "user",
            "add",
            "--org",
            "Nowhere",
            "--username",
            "admin",
            "--name",
            "A",
            "--roles",
            "administrator",
        ],
        "x\n",
    ));
    assert!(e.contains("Nowhere"), "{e}");
    ok(&run(
        d,
        &[
            "user",
            "add",
            "--org",
            "UN Office Vienna",
            "--username",
            "admin",
            "--name",
            "First Admin",
            "--roles",
            "administrator,oversight",
        ],
        "granite-willow-ferry-88\n",
    ));
    let list = ok(&run(d, &["user", "list"], ""));
    assert!(
        list.contains("admin") && list.contains("administrator,oversight") && list.contains("active"),
        "{list}"
    );
    ok(&run(d, &["user", "disable", "admin"], ""));
    assert!(ok(&run(d, &["user", "list"], "")).contains("disabled"));
    ok(&run(d, &["user", "enable", "admin"], ""));
    ok(&run(d, &["user", "passwd", "admin"], "marble-orchid-canyon-31\n"));
    let verify = ok(&run(d, &["audit", "verify"], ""));
    assert!(verify.contains("intact"), "{verify}");
    let orgs = ok(&run(d, &["org", "list"], ""));
    assert!(orgs.contains("[operator]"));
}

#[test]
fn backup_restore_and_a_tampered_chain() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let out = ok(&run(dir.path(), &["demo", "--no-serve", "--demo-dir", demo.to_str().unwrap()], ""));
    assert!(out.contains("20 users"), "{out}");
    // The demo's cases, listed and shown from the command line; victims under pseudonyms only.
    let list = ok(&run(&demo, &["case", "list", "--crime-type", "som"], ""));
    let silk = list.lines().find(|l| l.contains("Silk Corridor")).expect("the smuggling case is listed");
    assert!(!list.contains("Erbil"), "the filter leaves out the trafficking cases: {list}");
    let id = silk.split_whitespace().next().unwrap();
    let shown = ok(&run(&demo, &["case", "show", id], ""));
    let case: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(case["crime_type"], "som");
    assert!(case["persons"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["pseudonym"].as_str().unwrap().contains('-')));
    assert!(!shown.contains("Hamza Riaz"), "no identity on the command line");
    let e = err(&run(&demo, &["case", "list", "--stage", "dormant"], ""));
    assert!(e.contains("stage"), "{e}");
    // FollowTheMoney out of one case and into another; a bad file names its line and lands nothing.
    let ftm = dir.path().join("silk.ftm");
    ok(&run(&demo, &["case", "export", id, "--out", ftm.to_str().unwrap()], ""));
    let exported = std::fs::read_to_string(&ftm).unwrap();
    assert!(exported.lines().count() >= 10 && exported.contains("\"schema\":\"Ownership\""));
    assert!(!exported.contains("Hamza Riaz"));
    let other = list
        .lines()
        .find(|l| !l.contains("Silk Corridor") && l.contains("som"))
        .map(|l| l.split_whitespace().next().unwrap().to_owned());
    let target = other.unwrap_or_else(|| id.to_owned());
    let out = ok(&run(&demo, &["case", "import", &target, "--ftm", ftm.to_str().unwrap()], ""));
    assert!(out.contains("Imported"), "{out}");
    let brief = dir.path().join("brief.html");
    ok(&run(&demo, &["case", "brief", id, "--out", brief.to_str().unwrap()], ""));
    let html = std::fs::read_to_string(&brief).unwrap();
    assert!(html.contains("Silk Corridor") && html.contains("<style>") && !html.contains("Hamza Riaz"));
    // The programme's figures: the dashboard as JSON, the donor report, the exports.
    let dashboard: serde_json::Value =
        serde_json::from_str(&ok(&run(&demo, &["programme", "dashboard"], ""))).unwrap();
    assert!(dashboard["indicators"].as_array().unwrap().len() >= 3);
    let report = dir.path().join("report.html");
    ok(&run(&demo, &["programme", "report", "--out", report.to_str().unwrap()], ""));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("PK-3.1.1") && html.contains("<style>") && html.contains("class=\"regionmap\""));
    let iati = ok(&run(&demo, &["programme", "export", "iati"], ""));
    assert!(iati.starts_with("<?xml") && iati.contains("<iati-activities"));
    let hxl = ok(&run(&demo, &["programme", "export", "hxl"], ""));
    assert!(hxl.lines().nth(1).is_some_and(|l| l.contains('#')), "{hxl}");
    let e = err(&run(&demo, &["programme", "export", "pdf"], ""));
    assert!(e.contains("pdf"), "{e}");
    let bad = dir.path().join("bad.ftm");
    std::fs::write(&bad, "{\"id\": \"x\", \"schema\": \"Dragon\", \"properties\": {}}\n").unwrap();
    let e = err(&run(&demo, &["case", "import", id, "--ftm", bad.to_str().unwrap()], ""));
    assert!(e.contains("bad.ftm:1: schema"), "{e}");
    let backup = dir.path().join("backup.db");
    ok(&run(&demo, &["backup", backup.to_str().unwrap()], ""));
    assert!(backup.exists());
    let e = err(&run(&demo, &["backup", backup.to_str().unwrap()], ""));
    assert!(e.contains("already exists"), "{e}");
    // Work goes on after the backup…
    ok(&run(&demo, &["user", "disable", "imran.shah"], ""));
    // …and a restore brings back the state of the backup.
    let out = ok(&run(&demo, &["restore", backup.to_str().unwrap()], ""));
    assert!(out.contains("intact"), "{out}");
    let list = ok(&run(&demo, &["user", "list"], ""));
    let imran = list.lines().find(|l| l.starts_with("imran.shah")).unwrap();
    assert!(imran.contains("active"), "{imran}");
    // Something that is not a Praxis backup is refused, and the database is untouched.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"junk").unwrap();
    let e = err(&run(&demo, &["restore", junk.to_str().unwrap()], ""));
    assert!(e.contains("junk.db"), "{e}");
    ok(&run(&demo, &["audit", "verify"], ""));
    // `praxis demo` refuses to erase a directory that is not a demo directory.
    let e = err(&run(dir.path(), &["demo", "--no-serve", "--demo-dir", dir.path().to_str().unwrap()], ""));
    assert!(e.contains("not a demo directory"), "{e}");
}

#[test]
fn keys_rotate_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&run(d, &["migrate"], ""));
    let out = ok(&run(d, &["keys", "rotate", "--jurisdiction", "pk"], ""));
    assert!(out.contains("New key PK-"), "{out}");
    let keys = std::fs::read_to_string(d.join("keys/protected-fields.keys")).unwrap();
    assert!(keys.lines().any(|l| l.starts_with("PK ")));
    assert!(ok(&run(d, &["keys", "list"], "")).contains("PK"));
    assert!(err(&run(d, &["keys", "rotate", "--jurisdiction", "ZZ"], "")).contains("ZZ"));
}

#[test]
fn serve_prints_its_address_and_answers_health_checks() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = praxis(dir.path(), &["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|s| s.split('/').next()).expect(&line).to_owned();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream
        .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).ok();
    assert!(
        rest.contains("no users yet"),
        "the first start says how to create the first administrator: {rest}"
    );
}

#[test]
fn an_unreachable_database_is_a_clear_error_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let out = praxis(dir.path(), &["migrate"])
        .env("PRAXIS_DATABASE_URL", "postgres://praxis:s3cret@127.0.0.1:1/praxis")
        .output()
        .unwrap();
    let e = err(&out);
    assert!(e.contains("cannot open the database") && !e.contains("s3cret"), "{e}");
    let out = praxis(dir.path(), &["migrate"]).env("PRAXIS_DATABASE_URL", "mysql://x").output().unwrap();
    assert!(err(&out).contains("PRAXIS_DATABASE_URL"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_from_the_command_line() {
    let db = praxis_testkit::TestDb::postgres().await;
    let praxis_store::DbConfig::Postgres { url } = &db.config else { unreachable!() };
    let dir = tempfile::tempdir().unwrap();
    let with_pg = |args: &[&str]| praxis(dir.path(), args).env("PRAXIS_DATABASE_URL", url).output().unwrap();
    let out = ok(&with_pg(&["demo", "--no-serve"]));
    assert!(out.contains("PostgreSQL") && out.contains("20 users"), "{out}");
    assert!(!out.contains(url.as_str()), "the URL (with its password) is not printed");
    assert!(ok(&with_pg(&["audit", "verify"])).contains("intact"));
    let e = err(&with_pg(&["backup", dir.path().join("b.db").to_str().unwrap()]));
    assert!(e.contains("pg_dump"), "{e}");
}

//! The web face in a real browser: headless Chromium driven through WebDriver (Debian's
//! chromedriver) with fantoccini. Signs in, switches to Arabic with the language picker, checks
//! that the page really lays out right-to-left and that the choice is remembered on the account,
//! then signs out; and works a case: opens one, records a victim under a pseudonym, and shows the
//! identity to the case team on request; follows a partner country: opens it, records a
//! stakeholder, and sees the influence/interest grid drawn; draws a workplan's Gantt chart,
//! mirrored in Arabic; drafts a theory of change and measures its diagram; and screens a query
//! against a watch list, rejects the candidate and sees it marked on the next screening.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::{spawn, TestApp, PASSWORD};

/// How long to wait for an element of a page that is loading.
const PAGE_WAIT: Duration = Duration::from_secs(20);

/// A running chromedriver, killed when dropped (also when the test fails).
struct Chromedriver {
    child: Child,
    port: u16,
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().unwrap().port()
}

/// Starts chromedriver on a free port and waits until it answers `/status`.
async fn start_chromedriver() -> Chromedriver {
    let binary = std::env::var("PRAXIS_TEST_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
    let port = free_port();
    let child = Command::new(&binary)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start chromedriver ({binary}): {e}. The browser test needs Chromium and \
                 chromedriver: run ./scripts/test, which installs them, or set \
                 PRAXIS_TEST_CHROMEDRIVER and PRAXIS_TEST_CHROMIUM"
            )
        });
    let mut driver = Chromedriver { child, port };
    let status = format!("http://127.0.0.1:{port}/status");
    let http = reqwest::Client::new();
    for _ in 0..100 {
        if let Ok(res) = http.get(&status).send().await {
            if res.status().is_success() {
                return driver;
            }
        }
        if let Ok(Some(exit)) = driver.child.try_wait() {
            panic!("chromedriver ({binary}) exited at start with {exit}; run ./scripts/test");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("chromedriver ({binary}) did not answer {status} within 5 s");
}

/// Opens a WebDriver session with a fresh headless Chromium.
async fn start_chromium(driver: &Chromedriver, profile: &std::path::Path) -> Client {
    let chromium = std::env::var("PRAXIS_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        // A known starting language (Accept-Language), so that the switch to Arabic is visible.
        "--lang=en-US".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".to_owned(), json!({ "binary": chromium, "args": args }));
    ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .unwrap_or_else(|e| panic!("cannot start Chromium ({chromium}) through chromedriver: {e}"))
}

/// `lang` and `dir` of the document, and the computed `direction` of the body and of the main
/// navigation (if the page has one).
async fn direction(c: &Client) -> (String, String, String, Option<String>) {
    let v = c
        .execute(
            "const nav = document.querySelector('header nav');
             return [document.documentElement.lang, document.documentElement.dir,
                     getComputedStyle(document.body).direction,
                     nav ? getComputedStyle(nav).direction : null];",
            vec![],
        )
        .await
        .expect("run script");
    let s = |i: usize| v[i].as_str().map(str::to_owned);
    (s(0).unwrap_or_default(), s(1).unwrap_or_default(), s(2).unwrap_or_default(), s(3))
}

pub(crate) async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    let url = c.current_url().await.map(|u| u.to_string());
    c.wait()
        .at_most(PAGE_WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}` on the page ({url:?}): {e}"))
}

pub(crate) async fn page_text(c: &Client) -> String {
    c.find(Locator::Css("body")).await.expect("body").text().await.expect("body text")
}

async fn journey(c: &Client, base: &str) {
    // Sign in through the login form, as a person would.
    c.goto(&format!("{base}/login")).await.expect("open /login");
    wait_for(c, "#username").await.send_keys("imran.shah").await.expect("type username");
    c.find(Locator::Css("#password"))
        .await
        .expect("password field")
        .send_keys(PASSWORD)
        .await
        .expect("type password");
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .expect("login button")
        .click()
        .await
        .expect("submit login");
    wait_for(c, "header .who").await;
    let text = page_text(c).await;
    assert!(text.contains("Test imran.shah"), "the home page shows who is signed in: {text}");
    let (lang, dir, _, _) = direction(c).await;
    assert_eq!((lang.as_str(), dir.as_str()), ("en", "ltr"), "starts in English");

    // Switch to Arabic with the language picker.
    wait_for(c, "#lang-select").await.select_by_value("ar").await.expect("choose Arabic");
    c.find(Locator::Css("form.lang button"))
        .await
        .expect("language button")
        .click()
        .await
        .expect("submit language");
    wait_for(c, "html[dir=rtl] header .who").await;
    let (lang, dir, body, nav) = direction(c).await;
    assert_eq!(lang, "ar", "document language after choosing Arabic");
    assert_eq!(dir, "rtl", "document direction after choosing Arabic");
    assert_eq!(body, "rtl", "computed direction of the body");
    assert_eq!(nav.as_deref(), Some("rtl"), "computed direction of the main navigation");

    // The choice is remembered on the account, not only in the language cookie: drop the cookie
    // and open another page.
    c.delete_cookie("praxis_lang").await.expect("delete language cookie");
    c.goto(&format!("{base}/account")).await.expect("open /account");
    wait_for(c, "header .who").await;
    assert!(c.current_url().await.unwrap().path().starts_with("/account"), "still signed in on /account");
    let (lang, dir, body, nav) = direction(c).await;
    assert_eq!(
        (lang.as_str(), dir.as_str(), body.as_str(), nav.as_deref()),
        ("ar", "rtl", "rtl", Some("rtl")),
        "/account stays in Arabic, right to left"
    );

    // Sign out: back to the login page.
    c.find(Locator::Css("form[action='/logout'] button"))
        .await
        .expect("logout button")
        .click()
        .await
        .expect("log out");
    wait_for(c, "#username").await;
    wait_for(c, "#password").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/login", "logging out shows the login page");
    c.goto(&format!("{base}/")).await.expect("open /");
    wait_for(c, "#username").await;
    assert!(c.find(Locator::Css("header .who")).await.is_err(), "no longer signed in after logging out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_language_rtl_and_logout_in_chromium() {
    let t = spawn().await;
    let org = t.org("FIA Lahore", "police", "PK-PB", false).await;
    t.user(org, "imran.shah", &["investigator"]).await;

    in_chromium(&t, |c, base| async move { journey(&c, &base).await }).await;
}

/// Runs `journey` in a fresh headless Chromium against `t`, in its own task so that a failed
/// assertion still lets the session close before chromedriver is killed; then re-raises it.
pub(crate) async fn in_chromium<F, Fut>(t: &TestApp, journey: F)
where
    F: FnOnce(Client, String) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let driver = start_chromedriver().await;
    let profile = tempfile::tempdir().expect("profile dir");
    let client = start_chromium(&driver, profile.path()).await;
    let outcome = tokio::spawn(journey(client.clone(), t.base.clone())).await;
    let closed = client.close().await;
    drop(driver);
    match outcome {
        Ok(()) => {}
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("browser journey did not finish: {e}"),
    }
    closed.expect("close the WebDriver session");
}

/// Signs `username` in with the test password through the login form.
pub(crate) async fn sign_in(c: &Client, base: &str, username: &str) {
    c.goto(&format!("{base}/login")).await.expect("open /login");
    fill(c, "#username", username).await;
    fill(c, "#password", PASSWORD).await;
    click(c, "main form button[type=submit]").await;
    wait_for(c, "header .who").await;
}

/// Fills the field `css` with `text`.
async fn fill(c: &Client, css: &str, text: &str) {
    wait_for(c, css).await.send_keys(text).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

pub(crate) async fn click(c: &Client, css: &str) {
    wait_for(c, css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn case_journey(c: &Client, base: &str) {
    sign_in(c, base, "imran.shah").await;

    // Open a case with the form on the case list.
    c.goto(&format!("{base}/cases")).await.expect("open /cases");
    fill(c, "#reference", "FIA/AHTC/LHR/2026/099").await;
    fill(c, "#title", "Kasur kilns: families in debt bondage").await;
    wait_for(c, "#crime_type").await.select_by_value("tip").await.expect("crime type");
    click(c, "form[action='/cases'] button.primary").await;
    wait_for(c, "header.case-head h1").await;
    assert!(page_text(c).await.contains("Kasur kilns: families in debt bondage"));

    // Record a victim: the form sits in a disclosure that opens without script.
    click(c, "#persons details summary").await;
    fill(c, "#p-name", "Shamim Akhtar").await;
    wait_for(c, "#p-age").await.select_by_value("12_17").await.expect("age band");
    click(c, "#persons details form button.primary").await;
    wait_for(c, "#persons table").await;
    let text = page_text(c).await;
    assert!(text.contains("V-001") && !text.contains("Shamim Akhtar"), "a pseudonym, not the name");

    // The team sees who V-001 is on request, told that it is recorded.
    click(c, "#persons form[action$='/reveal'] button").await;
    let identity = wait_for(c, "div.identity").await.text().await.expect("identity text");
    assert!(identity.contains("Shamim Akhtar") && identity.contains("audit"), "{identity}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_is_opened_and_a_victim_recorded_in_chromium() {
    let t = spawn().await;
    let org = t.org("FIA Lahore", "police", "PK-PB", false).await;
    t.user(org, "imran.shah", &["investigator"]).await;
    in_chromium(&t, |c, base| async move { case_journey(&c, &base).await }).await;
}

async fn country_journey(c: &Client, base: &str) {
    sign_in(c, base, "un.po").await;

    // Open Pakistan with the form on the list of partner countries.
    c.goto(&format!("{base}/programme/countries")).await.expect("open /programme/countries");
    fill(c, "#country", "PK").await;
    wait_for(c, "#modality").await.select_by_value("joint").await.expect("modality");
    click(c, "#open button.primary").await;
    wait_for(c, "#stage").await;

    // A stakeholder through the disclosure, then the grid shows its numbered mark.
    click(c, "#stakeholders details summary").await;
    fill(c, "#sh-name", "Federal Secretary").await;
    wait_for(c, "#sh-prong").await.select_by_value("capital_high_level").await.expect("prong");
    fill(c, "#sh-influence", "5").await;
    fill(c, "#sh-interest", "4").await;
    click(c, "#stakeholders details form button.primary").await;
    wait_for(c, "svg.stakeholder-grid").await;
    let v = c
        .execute(
            "const svg = document.querySelector('svg.stakeholder-grid');
             const mark = svg.querySelector('g.sg-capital_high_level rect');
             const box = svg.getBoundingClientRect(), m = mark.getBoundingClientRect();
             return [box.width, box.height, m.left - box.left, m.top - box.top];",
            vec![],
        )
        .await
        .expect("measure the grid");
    let n = |i: usize| v[i].as_f64().unwrap_or(0.0);
    assert!(n(0) > 300.0 && n(1) > 300.0, "the grid is drawn: {v:?}");
    // High interest (4 of 5) is towards the end of the axis, high influence (5) at the top.
    assert!(n(2) > n(0) / 2.0 && n(3) < n(1) / 3.0, "the mark sits in its quadrant: {v:?}");
    assert!(page_text(c).await.contains("Manage closely"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_country_is_opened_and_its_stakeholder_grid_drawn_in_chromium() {
    let t = spawn().await;
    let org = t.org("UN Country Office Pakistan", "international", "PK", false).await;
    t.user(org, "un.po", &["programme_officer"]).await;
    in_chromium(&t, |c, base| async move { country_journey(&c, &base).await }).await;
}

/// Where the first activity bar of the Gantt chart sits, as a share of the chart's width (0 at
/// the left edge, 1 at the right).
async fn first_bar_position(c: &Client) -> f64 {
    let v = c
        .execute(
            "const svg = document.querySelector('svg.gantt');
             const bar = svg.querySelector('a rect');
             const s = svg.getBoundingClientRect(), b = bar.getBoundingClientRect();
             return (b.left + b.width / 2 - s.left) / s.width;",
            vec![],
        )
        .await
        .expect("run script");
    v.as_f64().expect("a number")
}

async fn gantt_journey(c: &Client, base: &str, workplan: i64) {
    sign_in(c, base, "un.po").await;

    // The activity runs early in the year: its bar is towards the inline start, the left.
    c.goto(&format!("{base}/programme/workplans/{workplan}")).await.expect("open the workplan");
    wait_for(c, "svg.gantt a rect").await;
    let ltr = first_bar_position(c).await;
    assert!(ltr < 0.5, "in English the early bar is on the left: {ltr}");
    assert!(page_text(c).await.contains("Kasur kiln inspections"));

    // In Arabic time runs right to left: the same bar moves to the right.
    wait_for(c, "#lang-select").await.select_by_value("ar").await.expect("choose Arabic");
    click(c, "form.lang button").await;
    wait_for(c, "html[dir=rtl] svg.gantt a rect").await;
    let rtl = first_bar_position(c).await;
    assert!(rtl > 0.5, "in Arabic the early bar is on the right: {rtl}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workplan_gantt_runs_right_to_left_in_arabic_in_chromium() {
    let t = spawn().await;
    let un = t.org("UN Office Vienna", "international", "AT", true).await;
    t.user(un, "un.po", &["programme_officer"]).await;
    let token = t.token("un.po").await;
    let post = |path: &'static str, body: serde_json::Value| {
        let req = reqwest::Client::new().post(format!("{}{path}", t.base)).bearer_auth(&token).json(&body);
        async move {
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 201, "{path}");
            res.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap()
        }
    };
    let workplan = post(
        "/api/v1/programme/workplans",
        json!({"country": "PK", "title": "Pakistan 2026", "start_on": "2026-01-01", "end_on": "2027-01-01"}),
    )
    .await;
    for (code, start, end, title) in [
        ("1", "2026-01-15", "2026-03-31", "Kasur kiln inspections"),
        ("2", "2026-10-01", "2026-12-31", "Year-end review"),
    ] {
        post(
            "/api/v1/programme/activities",
            json!({"identifier": format!("XX-T-{code}"), "reporting_org": "XX-T", "title": title,
                "description": title, "country": "PK", "start_on": start, "end_on": end, "workplan": workplan,
                "output": "O3.2", "area": "PK-PB", "place": "Kasur", "capital": false}),
        )
        .await;
    }
    in_chromium(&t, move |c, base| async move { gantt_journey(&c, &base, workplan).await }).await;
}

/// A programme officer starts a theory of change, drafts two nodes and a link with the forms (in
/// their disclosures, without script), and sees the diagram drawn with the link's rationale.
async fn toc_journey(c: &Client, base: &str) {
    sign_in(c, base, "tariq.mahmood").await;

    c.goto(&format!("{base}/programme/toc")).await.expect("open /programme/toc");
    fill(c, "#title", "Pakistan: national theory of change").await;
    fill(c, "#country", "PK").await;
    click(c, "form[action='/programme/toc'] button.primary").await;
    wait_for(c, "#edit").await;
    for (id, level, title) in
        [("O3.1", "output", "Investigators trained"), ("A3.1.1", "activity", "Three-day courses")]
    {
        fill(c, "#new-node-id", id).await;
        wait_for(c, "#new-node-level").await.select_by_value(level).await.expect("level");
        fill(c, "#new-node-title", title).await;
        click(c, "form[action$='/nodes'] button.primary").await;
        wait_for(c, &format!("tr[id='node-{id}']")).await;
    }
    fill(c, "#new-link-from", "A3.1.1").await;
    fill(c, "#new-link-to", "O3.1").await;
    fill(c, "#new-link-rationale", "Courses build the skills cases need").await;
    click(c, "form[action$='/links'] button.primary").await;
    wait_for(c, "li[id='link-A3.1.1-O3.1']").await;
    // The diagram is laid out by the browser with a real size, one arrow, two boxes.
    let v = c
        .execute(
            "const s = document.querySelector('svg.toc'); const b = s.getBoundingClientRect();
             return [b.width, b.height, s.querySelectorAll('g.link path').length, s.querySelectorAll('g.node').length,
                     s.querySelector('g.link title').textContent];",
            vec![],
        )
        .await
        .expect("measure the diagram");
    assert!(v[0].as_f64().unwrap() >= 200.0 && v[1].as_f64().unwrap() >= 500.0, "four levels: {v:?}");
    assert_eq!((v[2].as_u64(), v[3].as_u64()), (Some(1), Some(2)), "{v:?}");
    assert!(v[4].as_str().unwrap().contains("Courses build the skills cases need"), "{v:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_theory_of_change_is_drafted_and_drawn_in_chromium() {
    let t = spawn().await;
    let org = t.org("UN Country Office Pakistan", "international", "PK", false).await;
    t.user(org, "tariq.mahmood", &["programme_officer"]).await;
    in_chromium(&t, |c, base| async move { toc_journey(&c, &base).await }).await;
}

async fn assessment_journey(c: &Client, base: &str) {
    sign_in(c, base, "un.po").await;
    c.goto(&format!("{base}/programme/countries")).await.expect("open /programme/countries");
    fill(c, "#country", "IQ").await;
    wait_for(c, "#modality").await.select_by_value("direct").await.expect("modality");
    click(c, "#open button.primary").await;
    wait_for(c, "#stage").await;
    click(c, "#stakeholders details summary").await;
    fill(c, "#sh-name", "Chair of the Central Committee").await;
    wait_for(c, "#sh-prong").await.select_by_value("capital_high_level").await.expect("prong");
    fill(c, "#sh-influence", "4").await;
    fill(c, "#sh-interest", "4").await;
    click(c, "#stakeholders details form button.primary").await;
    wait_for(c, "svg.stakeholder-grid").await;

    // From the country page to the assessments' form, preselected on Iraq and open.
    click(c, "#assessments p a").await;
    wait_for(c, "#new-assessment[open]").await;
    wait_for(c, "#as-kind").await.select_by_value("som").await.expect("kind");
    fill(c, "#as-title", "Smuggling of migrants through Iraq").await;
    c.execute(
        "document.querySelector('#as-period_start').value = '2024-01-01';
         document.querySelector('#as-period_end').value = '2026-06-30';",
        vec![],
    )
    .await
    .expect("the period");
    click(c, "input[name=methods][value=interviews]").await;
    click(c, "#new-assessment button.primary").await;
    wait_for(c, "#findings").await;

    // The chair consulted, scored lower in the assessment than on the country page.
    click(c, "#stakeholders details summary").await;
    fill(c, "#ks-influence", "1").await;
    fill(c, "#ks-interest", "5").await;
    click(c, "#stakeholders details form button.primary").await;
    wait_for(c, "svg.stakeholder-grid").await;
    let v = c
        .execute(
            "const svg = document.querySelector('svg.stakeholder-grid');
             const mark = svg.querySelector('g.sg-capital_high_level rect');
             const box = svg.getBoundingClientRect(), m = mark.getBoundingClientRect();
             return [box.width, box.height, m.left - box.left, m.top - box.top];",
            vec![],
        )
        .await
        .expect("measure the grid");
    let n = |i: usize| v[i].as_f64().unwrap_or(0.0);
    // Interest 5 towards the end of the axis, influence 1 at the bottom: the assessment's scores.
    assert!(n(2) > n(0) * 0.7 && n(3) > n(1) * 0.6, "the mark sits where the assessment put it: {v:?}");
    let text = page_text(c).await;
    assert!(text.contains("Interviews") && text.contains("Planned"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_is_created_and_its_stakeholders_drawn_in_chromium() {
    let t = spawn().await;
    let org = t.org("UN Country Office Iraq", "international", "IQ", false).await;
    t.user(org, "un.po", &["programme_officer"]).await;
    in_chromium(&t, |c, base| async move { assessment_journey(&c, &base).await }).await;
}

/// Screens an uploaded query against a watch list, opens the kept run, rejects the candidate as a
/// false positive, screens again and sees it marked as rejected earlier.
async fn screening_journey(c: &Client, base: &str, files: std::path::PathBuf) {
    sign_in(c, base, "imran.shah").await;
    let screen = |c: Client| {
        let files = files.clone();
        let base = base.to_owned();
        async move {
            c.goto(&format!("{base}/match/screen")).await.expect("open /match/screen");
            let list = files.join("list.ftm.jsonl");
            let queries = files.join("queries.csv");
            fill(&c, "#s-list", list.to_str().unwrap()).await;
            fill(&c, "#s-queries", queries.to_str().unwrap()).await;
            fill(&c, "#s-id", "id").await;
            fill(&c, "#s-map", "full_name=name, birth_date=born").await;
            click(&c, "form[action^='/match/screen'] button.primary").await;
            wait_for(&c, "#results").await;
        }
    };
    screen(c.clone()).await;
    let first = c.current_url().await.expect("url").to_string();
    assert!(first.contains("/match/screen/"), "the kept run: {first}");
    let row = page_text(c).await;
    assert!(row.contains("Mohammad Ali Khan") && row.contains("Match"), "{row}");

    // Reject the candidate with a note.
    fill(c, "#query-0-1 input[name=note]", "Another man: different father's name").await;
    click(c, "#query-0-1 button.danger").await;
    wait_for(c, "div.alert.notice").await;
    let judged = wait_for(c, "#query-0-1 .judged-rejected").await.text().await.expect("badge");
    assert_eq!(judged, "Rejected");

    // Screen again: the same query meets the same list entity, marked as rejected earlier.
    screen(c.clone()).await;
    let second = c.current_url().await.expect("url").to_string();
    assert_ne!(first, second, "a new run");
    let badge = wait_for(c, "#query-0-1 .judged-rejected").await.text().await.expect("badge");
    assert_eq!(badge, "Rejected earlier");
    assert!(page_text(c).await.contains("Another man: different father's name"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screening_is_kept_and_a_rejected_candidate_marked_in_chromium() {
    let t = spawn().await;
    let org = t.org("FIA Lahore", "police", "PK-PB", false).await;
    t.user(org, "imran.shah", &["investigator"]).await;
    let files = tempfile::tempdir().expect("upload dir");
    std::fs::write(
        files.path().join("list.ftm.jsonl"),
        "{\"id\": \"wl-1\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Mohammad Ali Khan\"], \"birthDate\": [\"1984-03-02\"]}}\n",
    )
    .unwrap();
    std::fs::write(files.path().join("queries.csv"), "id,name,born\nq1,Muhammad Ali Khan,1984-03-02\n")
        .unwrap();
    let dir = files.path().to_owned();
    in_chromium(&t, |c, base| async move { screening_journey(&c, &base, dir).await }).await;
}

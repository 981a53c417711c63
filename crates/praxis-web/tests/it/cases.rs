//! Cases through the pages and the API: opening a case, its stage, subjects and timeline, and the
//! protected identities of victims — shown to the case team on request, and nowhere else: not in
//! pages or API answers to others, not in the audit log, not in the server's logs.

use std::io::Write;
use std::sync::{Arc, Mutex};

use praxis_app::Caller;
use serde_json::Value;

use crate::{spawn, world};

const VICTIM: &str = "Parveen Kausar";
const VICTIM_PHONE: &str = "+92 321 7654321";

/// Everything the server logs, at every level, kept for inspection.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_logs() -> Captured {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("one subscriber per test process");
    captured
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_is_worked_in_the_browser_and_identities_stay_with_the_team() {
    let logs = capture_logs();
    let t = spawn().await;
    world(&t).await;
    let inv = t.signed_in("fia.inv").await;

    // Open a case with the form.
    let res = inv
        .post_form(
            "/cases",
            &[
                ("reference", "FIA/AHTC/LHR/2026/031"),
                ("title", "Brick kiln debt bondage, Kasur"),
                ("crime_type", "tip"),
                ("stage", "investigation"),
                ("jurisdictions", "PK-PB"),
                ("summary", "Families held by advances on wages."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = location.trim_start_matches("/cases/").split('?').next().unwrap().parse().unwrap();

    // A bad form keeps the case as it was and names the field.
    let res = inv
        .post_form(&format!("/cases/{id}/events"), &[("occurred_on", "yesterday"), ("title", "Raid")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("yesterday"));

    for (path, form) in [
        ("subjects", vec![("name", "Chaudhry Aslam"), ("network_role", "exploiter"), ("status", "suspect")]),
        (
            "offences",
            vec![
                ("offence", "forced_labour"),
                ("provision", "Bonded Labour System (Abolition) Act 1992, s. 4"),
            ],
        ),
        ("events", vec![("occurred_on", "2026-02-11"), ("title", "Rescue of four families")]),
        ("stage", vec![("stage", "prosecution"), ("note", "Challan submitted")]),
        (
            "persons",
            vec![
                ("kind", "victim"),
                ("sex", "female"),
                ("age_band", "12_17"),
                ("nationality", "PK"),
                ("exploitation", "bonded labour"),
                ("full_name", VICTIM),
                ("contact", VICTIM_PHONE),
            ],
        ),
    ] {
        let res = inv.post_form(&format!("/cases/{id}/{path}"), &form).await;
        assert_eq!(res.status(), 303, "{path}: {}", res.text().await.unwrap());
    }
    let page = inv.get(&format!("/cases/{id}")).await.text().await.unwrap();
    for shown in
        ["Brick kiln debt bondage", "Chaudhry Aslam", "Rescue of four families", "Challan submitted", "V-001"]
    {
        assert!(page.contains(shown), "the case page shows {shown}");
    }
    assert!(!page.contains(VICTIM), "the case page shows pseudonyms, not names");

    // The team asks to see who V-001 is.
    let view: Value = reqwest::Client::new()
        .get(t.url(&format!("/api/v1/cases/{id}")))
        .bearer_auth(t.token("fia.inv").await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let person = view["persons"][0]["id"].as_i64().unwrap();
    assert_eq!(view["persons"][0]["pseudonym"], "V-001");
    assert_eq!(view["persons"][0]["child"], true);
    let revealed = inv.post_form(&format!("/cases/{id}/persons/{person}/reveal"), &[]).await;
    assert_eq!(revealed.status(), 200);
    let html = revealed.text().await.unwrap();
    assert!(html.contains(VICTIM) && html.contains("audit"));

    // A colleague with an investigative role, not on the team: the case, never the identity.
    let admin = t.signed_in("fia.admin").await;
    let page = admin.get(&format!("/cases/{id}")).await.text().await.unwrap();
    assert!(page.contains("V-001") && !page.contains(VICTIM) && !page.contains("/reveal"));
    assert_eq!(admin.post_form(&format!("/cases/{id}/persons/{person}/reveal"), &[]).await.status(), 403);
    let token = t.token("fia.admin").await;
    let api = reqwest::Client::new();
    let body = api.get(t.url(&format!("/api/v1/cases/{id}"))).bearer_auth(&token).send().await.unwrap();
    assert_eq!(body.status(), 200);
    let body = body.text().await.unwrap();
    assert!(body.contains("V-001") && !body.contains(VICTIM) && !body.contains(VICTIM_PHONE));
    let refused = api
        .post(t.url(&format!("/api/v1/cases/{id}/persons/{person}/reveal")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(!refused.text().await.unwrap().contains(VICTIM));

    // Nowhere else: not in the audit log (read by the oversight role), not in the logs.
    let audit = api.get(t.url("/api/v1/audit?limit=500")).bearer_auth(t.token("overseer").await).send().await;
    let audit = audit.unwrap().text().await.unwrap();
    assert!(audit.contains("case.person.add") && audit.contains("protected.read"));
    assert!(!audit.contains(VICTIM) && !audit.contains(VICTIM_PHONE));
    let entries = t.app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    assert!(entries.iter().any(|e| e.action == "protected.read" && e.outcome == "denied"));
    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(logged.contains(&format!("/cases/{id}/persons/{person}/reveal")), "the access log is captured");
    assert!(!logged.contains(VICTIM) && !logged.contains(VICTIM_PHONE), "an identity reached the logs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_list_filters_and_hides_other_organisations_cases() {
    let t = spawn().await;
    world(&t).await;
    let api = reqwest::Client::new();
    let fia = t.token("fia.inv").await;
    let cid = t.token("cid.admin").await;
    for (token, body) in [
        (
            &fia,
            r#"{"reference": "F-1", "title": "Quetta smuggling route", "crime_type": "som", "jurisdictions": ["PK-BA", "IR"]}"#,
        ),
        (&fia, r#"{"reference": "F-2", "title": "Kasur kilns", "crime_type": "tip", "stage": "trial"}"#),
        (&cid, r#"{"reference": "C-1", "title": "Cox's Bazar recruitment", "crime_type": "both"}"#),
    ] {
        let res = api
            .post(t.url("/api/v1/cases"))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    }
    let titles = |token: String, query: &'static str| {
        let api = api.clone();
        let url = t.url(&format!("/api/v1/cases{query}"));
        async move {
            let list: Vec<Value> =
                api.get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap();
            list.iter().map(|c| c["title"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        }
    };
    assert_eq!(titles(fia.clone(), "").await.len(), 2, "FIA sees its own cases only");
    assert_eq!(titles(fia.clone(), "?crime_type=som").await, ["Quetta smuggling route"]);
    assert_eq!(titles(fia.clone(), "?jurisdiction=IR").await, ["Quetta smuggling route"]);
    assert_eq!(titles(fia.clone(), "?stage=trial").await, ["Kasur kilns"]);
    assert_eq!(titles(cid.clone(), "?crime_type=tip").await, ["Cox's Bazar recruitment"], "both covers tip");
    let bad = api.get(t.url("/api/v1/cases?stage=dormant")).bearer_auth(&fia).send().await.unwrap();
    assert_eq!(bad.status(), 422);
    assert_eq!(bad.json::<Value>().await.unwrap()["error"]["field"], "stage");

    let b = t.signed_in("fia.inv").await;
    let page = b.get("/cases?crime_type=tip").await.text().await.unwrap();
    assert!(
        page.contains("Kasur kilns") && !page.contains("Quetta smuggling route") && !page.contains("Cox")
    );
}

/// The money of a case on its page, and the ranked targets and cases with their parts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_money_of_a_case_and_the_ranking_of_targets() {
    let t = spawn().await;
    world(&t).await;
    let api = reqwest::Client::new();
    let token = t.token("fia.inv").await;
    let csv = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,FAM-1,COLLECTOR,TRANSFER,4000.00,2026-03-01T10:00:00Z,False,-1
2,COLLECTOR,ORGANISER,TRANSFER,3900.00,2026-03-02T10:00:00Z,False,-1
";
    let res = api
        .post(t.url("/api/v1/flows/datasets?name=Collector&format=amlsim"))
        .bearer_auth(&token)
        .body(csv)
        .send()
        .await
        .unwrap();
    let dataset = res.json::<Value>().await.unwrap()["dataset"].as_i64().unwrap();
    let post = |path: String, body: Value| {
        let req = api.post(t.url(&path)).bearer_auth(&token).json(&body);
        async move { req.send().await.unwrap() }
    };
    let case = post(
        "/api/v1/cases".into(),
        serde_json::json!({"reference": "S-9", "title": "Collector network", "crime_type": "som", "jurisdictions": ["PK", "IR"]}),
    )
    .await
    .json::<Value>()
    .await
    .unwrap()["id"]
        .as_i64()
        .unwrap();
    post(
        format!("/api/v1/cases/{case}/subjects"),
        serde_json::json!({"name": "The organiser", "network_role": "organiser", "accounts": "ORGANISER"}),
    )
    .await;
    let b = t.signed_in("fia.inv").await;
    let res = b
        .post_form(
            &format!("/cases/{case}/datasets"),
            &[("dataset", &dataset.to_string()), ("seeds", "COLLECTOR")],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let page = b.get(&format!("/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("class=\"moneyflow\""), "the money-flow diagram is on the case page");
    let bad = b
        .post_form(
            &format!("/cases/{case}/datasets"),
            &[("dataset", &dataset.to_string()), ("seeds", "NOBODY")],
        )
        .await;
    assert_eq!(bad.status(), 422);

    let ranking: Value = api
        .get(t.url("/api/v1/cases/ranking"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let top = &ranking["targets"][0];
    assert_eq!(top["name"], "The organiser");
    let profit = top["parts"].as_array().unwrap().iter().find(|p| p["part"] == "profit").unwrap();
    assert!(profit["figure"].as_str().unwrap().contains("3900.00"), "{profit}");
    let page = b.get("/cases/ranking").await.text().await.unwrap();
    assert!(page.contains("The organiser") && page.contains("traced into the subject"));

    // Only an administrator sets the organisation's weights.
    let admin = t.signed_in("fia.admin").await;
    let form = [("seniority", "1"), ("profit", "0"), ("harm", "0"), ("reach", "0"), ("evidence", "0")];
    assert_eq!(b.post_form("/cases/ranking/weights", &form).await.status(), 403);
    assert_eq!(admin.post_form("/cases/ranking/weights", &form).await.status(), 303);
    let w: Value = api
        .get(t.url("/api/v1/scores/weights"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(w["seniority"], 1.0);
    assert_eq!(w["harm"], 0.0);
    let bad = [("seniority", "-1"), ("profit", "0"), ("harm", "0"), ("reach", "0"), ("evidence", "0")];
    assert_eq!(admin.post_form("/cases/ranking/weights", &bad).await.status(), 422);
}

/// A case shared as a summary opens as its summary: no identity, no pseudonym, advice accepted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_summary_share_shows_the_summary_and_takes_advice() {
    let t = spawn().await;
    let w = world(&t).await;
    let api = reqwest::Client::new();
    let token = t.token("fia.inv").await;
    let case: Value = api
        .post(t.url("/api/v1/cases"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"reference": "K-7", "title": "Kiln network", "crime_type": "tip"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = case["id"].as_i64().unwrap();
    let res = api
        .post(t.url(&format!("/api/v1/cases/{id}/persons")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"kind": "victim", "age_band": "12_17", "identity": {"full_name": VICTIM}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let inv = t.signed_in("fia.inv").await;
    let res = inv
        .post_form(&format!("/cases/{id}/shares"), &[("org", &w.cid.0.to_string()), ("scope", "summary")])
        .await;
    assert_eq!(res.status(), 303);
    let cid = t.signed_in("cid.admin").await;
    let page = cid.get(&format!("/cases/{id}")).await.text().await.unwrap();
    assert!(page.contains("Summary shared with you") && page.contains("Kiln network"));
    assert!(!page.contains(VICTIM) && !page.contains("V-001"));
    let res = cid
        .post_form(
            &format!("/cases/{id}/notes"),
            &[("kind", "advice"), ("body", "Ask the FIU for the kiln's accounts.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = inv.get(&format!("/cases/{id}")).await.text().await.unwrap();
    assert!(page.contains("Ask the FIU for the kiln") && page.contains("CID Dhaka"));
    // The API gives the whole case to the owner only; the summary to both.
    let cid_token = t.token("cid.admin").await;
    let whole = api.get(t.url(&format!("/api/v1/cases/{id}"))).bearer_auth(&cid_token).send().await.unwrap();
    assert_eq!(whole.status(), 403);
    let summary =
        api.get(t.url(&format!("/api/v1/cases/{id}/summary"))).bearer_auth(&cid_token).send().await.unwrap();
    let body = summary.text().await.unwrap();
    assert!(body.contains("\"victims\":1") && !body.contains(VICTIM) && !body.contains("V-001"));
}

/// Entities imported as FollowTheMoney, drawn as a network, exported again; a hit from another
/// country's case shows only who holds it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entities_network_and_a_hit_from_another_country() {
    let t = spawn().await;
    let w = world(&t).await;
    let cid_inv = t.user(w.cid, "cid.inv", &["investigator"]).await;
    let _ = cid_inv;
    let api = reqwest::Client::new();
    let fia = t.token("fia.inv").await;
    let cid = t.token("cid.inv").await;
    let new_case = |token: String, reference: &'static str| {
        let req = api.post(t.url("/api/v1/cases")).bearer_auth(token).json(&serde_json::json!({
            "reference": reference, "title": format!("Case {reference}"), "crime_type": "tip"}));
        async move { req.send().await.unwrap().json::<Value>().await.unwrap()["id"].as_i64().unwrap() }
    };
    let ours = new_case(fia.clone(), "F-11").await;
    let theirs = new_case(cid.clone(), "C-11").await;
    let ftm = "{\"id\": \"p\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Abul Kashem\"], \"phone\": [\"+880 1711 000111\"]}}
{\"id\": \"c\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Karwan Recruiting\"]}}
{\"id\": \"e\", \"schema\": \"Employment\", \"properties\": {\"employer\": [\"c\"], \"employee\": [\"p\"]}}
";
    let res = api
        .post(t.url(&format!("/api/v1/cases/{ours}/entities/import?file_name=agency.ftm")))
        .bearer_auth(&fia)
        .body(ftm)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let bad = api
        .post(t.url(&format!("/api/v1/cases/{ours}/entities/import?file_name=bad.ftm")))
        .bearer_auth(&fia)
        .body("{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {\"name\": [\"X\"], \"phone\": [\"nope\"]}}\n")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("bad.ftm:1"));
    // CID holds the same phone number, written the local way.
    let res = api
        .post(t.url(&format!("/api/v1/cases/{theirs}/entities")))
        .bearer_auth(&cid)
        .json(&serde_json::json!({"schema": "Person", "properties": {"name": ["Dalal"], "phone": ["01711-000111"]}, "source_kind": "evidence", "source_ref": "4"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());

    let b = t.signed_in("fia.inv").await;
    let page = b.get(&format!("/cases/{ours}/entities?zoom=2")).await.text().await.unwrap();
    assert!(page.contains("class=\"network\"") && page.contains("Karwan Recruiting"));
    let case_page = b.get(&format!("/cases/{ours}")).await.text().await.unwrap();
    assert!(
        case_page.contains("phone number\u{2069} is held in a case of") && case_page.contains("CID Dhaka")
    );
    assert!(!case_page.contains("Dalal") && !case_page.contains("C-11"), "only the hit");
    let export = b.get(&format!("/cases/{ours}/entities/export")).await;
    assert!(export.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let text = export.text().await.unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text.contains("\"schema\":\"Employment\""));
}

/// The printable brief and its PDF (printed by headless Chromium): pseudonyms, never names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_brief_prints_as_html_and_pdf() {
    let t = spawn().await;
    world(&t).await;
    if std::env::var_os("PRAXIS_CHROMIUM").is_none() {
        if let Ok(c) = std::env::var("PRAXIS_TEST_CHROMIUM") {
            std::env::set_var("PRAXIS_CHROMIUM", c);
        }
    }
    let api = reqwest::Client::new();
    let token = t.token("fia.inv").await;
    let case: Value = api
        .post(t.url("/api/v1/cases"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"reference": "B-1", "title": "Brick kilns of Kasur", "crime_type": "tip"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = case["id"].as_i64().unwrap();
    let res = api
        .post(t.url(&format!("/api/v1/cases/{id}/persons")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"kind": "victim", "identity": {"full_name": VICTIM}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let b = t.signed_in("fia.inv").await;
    let html = b.get(&format!("/cases/{id}/brief")).await.text().await.unwrap();
    assert!(html.contains("Brick kilns of Kasur") && html.contains("V-001") && !html.contains(VICTIM));
    let pdf = b.get(&format!("/cases/{id}/brief.pdf")).await;
    assert_eq!(pdf.status(), 200, "Chromium prints the brief");
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 2000);
    let audit = t.app.list_audit(&praxis_app::Caller::Cli, None, 50).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.action == "case.brief").count(), 2);
}

//! Cross-border hit/no-hit through the web face: FIA builds its index in one click on a
//! key-holding deployment, CID Dhaka step by step through the API with the command line's files;
//! comparing finds the phone they share and nothing else; the hit is listed on the page, with a
//! button that drafts a cooperation request to its holder; a peer file of another epoch or with a
//! malformed line is refused naming line and field; the quota refuses a request whole; a
//! deployment without a key says so.

use praxis_app::{HitConfig, HitSeed};
use praxis_store::Backend;
use reqwest::StatusCode;
use serde_json::Value;

use crate::{relaxed, spawn, spawn_config, world, TestApp};

const SEED: &str = "8c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5";

async fn api(
    t: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<String>,
) -> reqwest::Response {
    let mut req = reqwest::Client::new().request(method, t.url(path)).bearer_auth(token);
    if let Some(b) = body {
        req = req
            .header("content-type", if b.starts_with('{') { "application/json" } else { "text/csv" })
            .body(b);
    }
    req.send().await.unwrap()
}

async fn json(res: reqwest::Response, status: u16) -> Value {
    let code = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(code, status, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

/// Builds an index through the API and waits for its job; returns the index's status.
async fn build(t: &TestApp, token: &str, evaluate_here: bool) -> (i64, String) {
    let body = serde_json::json!({ "epoch": "2026-Q4", "evaluate_here": evaluate_here }).to_string();
    let started =
        json(api(t, token, reqwest::Method::POST, "/api/v1/hit/indexes", Some(body)).await, 202).await;
    let (index, job) = (started["index"].as_i64().unwrap(), started["job"].as_i64().unwrap());
    for _ in 0..400 {
        let j =
            json(api(t, token, reqwest::Method::GET, &format!("/api/v1/jobs/{job}"), None).await, 200).await;
        if j["status"] != "running" {
            assert_eq!(j["status"], "stored", "{j}");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let v =
        json(api(t, token, reqwest::Method::GET, &format!("/api/v1/hit/indexes/{index}"), None).await, 200)
            .await;
    (index, v["status"].as_str().unwrap().to_owned())
}

async fn add_entity(t: &TestApp, token: &str, case: i64, properties: Value) {
    let body = serde_json::json!({ "schema": "Person", "properties": properties }).to_string();
    json(
        api(t, token, reqwest::Method::POST, &format!("/api/v1/cases/{case}/entities"), Some(body)).await,
        201,
    )
    .await;
}

async fn new_case(t: &TestApp, token: &str, reference: &str) -> i64 {
    let body = serde_json::json!({ "reference": reference, "title": format!("Case {reference}"), "crime_type": "som" });
    json(api(t, token, reqwest::Method::POST, "/api/v1/cases", Some(body.to_string())).await, 201).await["id"]
        .as_i64()
        .unwrap()
}

fn multipart(name: &'static str, text: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .part(name, reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("index.csv"))
}

async fn backends_find_the_shared_phone(backend: Backend) {
    let hit = HitConfig { key_seed: Some(HitSeed::from_hex(SEED).unwrap()), quota: 3 };
    let t = spawn_config(backend, relaxed(), hit).await;
    world(&t).await;
    let fia = t.token("fia.inv").await;
    let cid = t.token("cid.admin").await;
    let viewer = t.token("fia.viewer").await;
    let ours = new_case(&t, &fia, "F-1").await;
    add_entity(&t, &fia, ours, serde_json::json!({"name": ["Bilal"], "phone": ["0300 1234567"]})).await;
    add_entity(&t, &fia, ours, serde_json::json!({"name": ["Zia"], "phone": ["0333 7654321"]})).await;
    let theirs = new_case(&t, &cid, "D-7").await;
    add_entity(&t, &cid, theirs, serde_json::json!({"name": ["Agent"], "phone": ["+92 300 1234567"]})).await;
    add_entity(&t, &cid, theirs, serde_json::json!({"name": ["Broker"], "phone": ["01711 223344"]})).await;

    // FIA in one click; CID Dhaka step by step with the command line's files.
    let list = json(api(&t, &fia, reqwest::Method::GET, "/api/v1/hit/indexes", None).await, 200).await;
    assert_eq!(list["key_holder"], true);
    let (fia_index, status) = build(&t, &fia, true).await;
    assert_eq!(status, "final");
    let (cid_index, status) = build(&t, &cid, false).await;
    assert_eq!(status, "blinded");
    let request =
        api(&t, &cid, reqwest::Method::GET, &format!("/api/v1/hit/indexes/{cid_index}/request"), None).await;
    assert_eq!(request.status(), 200);
    assert!(request.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let request = request.text().await.unwrap();
    assert!(request.starts_with("organisation,epoch,blinded,protocol\nCID Dhaka,2026-Q4,"), "{request}");
    let response = api(&t, &cid, reqwest::Method::POST, "/api/v1/hit/evaluate", Some(request.clone())).await;
    assert_eq!(response.status(), 200);
    let response = response.text().await.unwrap();
    let done = json(
        api(
            &t,
            &cid,
            reqwest::Method::POST,
            &format!("/api/v1/hit/indexes/{cid_index}/response"),
            Some(response),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(done["entries"], 2);
    // The quota (3 per organisation and epoch): CID's 2 again would make 4; refused whole.
    let refused =
        json(api(&t, &cid, reqwest::Method::POST, "/api/v1/hit/evaluate", Some(request)).await, 429).await;
    assert_eq!(refused["error"]["code"], "quota_exceeded", "{refused}");

    let cid_shared =
        api(&t, &cid, reqwest::Method::GET, &format!("/api/v1/hit/indexes/{cid_index}/shared"), None)
            .await
            .text()
            .await
            .unwrap();
    assert_eq!(cid_shared.lines().count(), 3, "{cid_shared}");

    // Another epoch, or a malformed line, is refused naming line and field; nothing kept.
    let path = format!("/api/v1/hit/indexes/{fia_index}/peers");
    let e = json(
        api(&t, &fia, reqwest::Method::POST, &path, Some(cid_shared.replace("2026-Q4", "2027-Q1"))).await,
        422,
    )
    .await;
    assert_eq!(e["error"]["code"], "import_refused", "{e}");
    assert!(e.to_string().contains("line 2, field epoch"), "{e}");
    let bad = cid_shared.replacen(",phone,", ",fax,", 1);
    let e = json(api(&t, &fia, reqwest::Method::POST, &path, Some(bad)).await, 422).await;
    assert!(e.to_string().contains("line 2, field kind"), "{e}");

    // The shared phone, and nothing else.
    let outcome =
        json(api(&t, &fia, reqwest::Method::POST, &path, Some(cid_shared.clone())).await, 201).await;
    assert_eq!((outcome["entries"].as_i64(), outcome["hits"].as_i64()), (Some(2), Some(1)), "{outcome}");
    let hits = json(api(&t, &fia, reqwest::Method::GET, "/api/v1/hit/hits", None).await, 200).await;
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!((hits[0]["kind"].as_str(), hits[0]["held_by"].as_str()), (Some("phone"), Some("CID Dhaka")));
    assert_eq!(hits[0]["record"], "Person Bilal");
    let none = json(api(&t, &viewer, reqwest::Method::GET, "/api/v1/hit/hits", None).await, 200).await;
    assert_eq!(none, serde_json::json!([]));
    let log = json(api(&t, &fia, reqwest::Method::GET, "/api/v1/hit/evaluations", None).await, 403).await;
    assert_eq!(log["error"]["code"], "forbidden");

    // The page lists the hit; its button drafts the cooperation request to the holder.
    let b = t.signed_in("fia.inv").await;
    let html = b.get("/hit").await.text().await.unwrap();
    assert!(
        html.contains("CID Dhaka") && html.contains("Person Bilal") && html.contains("Phone number"),
        "{html}"
    );
    assert!(!html.contains("Zia"), "only the hit's record");
    let id = hits[0]["id"].as_i64().unwrap();
    let res = b.post_form(&format!("/hit/hits/{id}/request"), &[]).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/cooperation/"), "{location}");
    let request = b.get(&location).await.text().await.unwrap();
    assert!(request.contains("CID Dhaka") && request.contains("HIT-2026-Q4-"), "{request}");
    assert!(b.get("/hit").await.text().await.unwrap().contains(&format!("href=\"{location}\"")));
    // The case page shows its own hit, linked to the drafted request; the other case none.
    let page = b.get(&format!("/cases/{ours}")).await.text().await.unwrap();
    assert!(page.contains("id=\"hits\"") && page.contains("CID Dhaka"), "{page}");
    assert!(page.contains(&format!("href=\"{location}\"")), "{page}");
    let other = t.signed_in("cid.admin").await;
    let page = other.get(&format!("/cases/{theirs}")).await.text().await.unwrap();
    assert!(!page.contains("id=\"hits\""), "CID compared nothing: no hits on its case");

    // The index page: a malformed peer file uploaded through the form is refused in the page.
    let csrf = b.csrf().await;
    let res = b
        .client
        .post(t.url(&format!("/hit/{fia_index}/peers?csrf={csrf}")))
        .multipart(multipart("peer_index", &cid_shared.replace("2026-Q4", "2027-Q1")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("peer index, line 2, field epoch"), "{html}");
    let res = b
        .client
        .post(t.url(&format!("/hit/{fia_index}/peers?csrf={csrf}")))
        .multipart(multipart("peer_index", &cid_shared))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = b.get(res.headers()["location"].to_str().unwrap()).await.text().await.unwrap();
    assert!(html.contains("Compared: \u{2068}1\u{2069} hits."), "{html}");
    let shared = b.get(&format!("/hit/{fia_index}/shared")).await;
    assert_eq!(shared.status(), 200);
    assert!(shared
        .text()
        .await
        .unwrap()
        .starts_with("organisation,epoch,kind,value,protocol\nFIA Lahore,2026-Q4,phone,"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_countries_find_the_shared_phone_sqlite() {
    backends_find_the_shared_phone(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_countries_find_the_shared_phone_postgres() {
    backends_find_the_shared_phone(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deployment_without_a_key_says_so() {
    let t = spawn().await;
    world(&t).await;
    let fia = t.token("fia.inv").await;
    let e = json(
        api(
            &t,
            &fia,
            reqwest::Method::POST,
            "/api/v1/hit/evaluate",
            Some("organisation,epoch,blinded,protocol\nFIA Lahore,2026-Q4,00,praxis/hit-no-hit/v2\n".into()),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(e["error"]["code"], "not_key_holder", "{e}");
    let b = t.signed_in("fia.inv").await;
    let html = b.get("/hit").await.text().await.unwrap();
    assert!(html.contains("This deployment is not a key holder"), "{html}");
}

/// In Chromium: FIA's investigator builds the index in one click, uploads CID Dhaka's shared index
/// through the form, sees the hit and drafts the cooperation request from it.
async fn hit_journey(c: fantoccini::Client, base: String, peer_file: std::path::PathBuf) {
    use crate::browser::{click, page_text, sign_in, wait_for};
    sign_in(&c, &base, "fia.inv").await;
    c.goto(&format!("{base}/hit")).await.expect("open /hit");
    wait_for(&c, "#h-epoch").await.send_keys("2026-Q4").await.expect("epoch");
    click(&c, "form[action='/hit'] button.primary").await;
    // The index page follows the job by reloading until the index is final.
    wait_for(&c, "#index-status .status-validated").await;
    assert!(page_text(&c).await.contains("Phone number: 1"));
    wait_for(&c, "#h-peer").await.send_keys(&peer_file.display().to_string()).await.expect("choose the file");
    click(&c, "form[action*='/peers'] button.primary").await;
    wait_for(&c, "div.alert.notice").await;
    c.goto(&format!("{base}/hit")).await.expect("open /hit");
    let row = wait_for(&c, "#hits tr.hit").await.text().await.expect("the hit");
    assert!(
        row.contains("CID Dhaka") && row.contains("Phone number") && row.contains("Person Bilal"),
        "{row}"
    );
    click(&c, "#hits tr.hit form button").await;
    wait_for(&c, "main h1").await;
    let text = page_text(&c).await;
    assert!(text.contains("HIT-2026-Q4-") && text.contains("CID Dhaka"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hit_is_found_and_a_request_drafted_in_chromium() {
    let hit = HitConfig { key_seed: Some(HitSeed::from_hex(SEED).unwrap()), quota: 100 };
    let t = spawn_config(Backend::Sqlite, relaxed(), hit).await;
    world(&t).await;
    let fia = t.token("fia.inv").await;
    let cid = t.token("cid.admin").await;
    let ours = new_case(&t, &fia, "F-1").await;
    add_entity(&t, &fia, ours, serde_json::json!({"name": ["Bilal"], "phone": ["0300 1234567"]})).await;
    let theirs = new_case(&t, &cid, "D-7").await;
    add_entity(&t, &cid, theirs, serde_json::json!({"name": ["Agent"], "phone": ["+92 300 1234567"]})).await;
    let (cid_index, status) = build(&t, &cid, true).await;
    assert_eq!(status, "final");
    let shared =
        api(&t, &cid, reqwest::Method::GET, &format!("/api/v1/hit/indexes/{cid_index}/shared"), None)
            .await
            .text()
            .await
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let peer_file = dir.path().join("cid-dhaka.index.csv");
    std::fs::write(&peer_file, shared).unwrap();
    crate::browser::in_chromium(&t, |c, base| async move { hit_journey(c, base, peer_file).await }).await;
}

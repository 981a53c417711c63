//! Watch-list screening in the platform: the page and the JSON API screen uploaded queries and a
//! case's entities against an FtM watch list and show the ranked candidates with their evidence;
//! a malformed list is refused with its line and property; another organisation cannot screen
//! the case.

use serde_json::Value;

use praxis_store::Backend;

use crate::{relaxed, spawn, spawn_with, world, TestApp};

const LIST: &str = r#"{"id": "wl-1", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "alias": ["محمد علی خان"], "birthDate": ["1984-03-02"], "passportNumber": ["AB1234567"]}}
{"id": "wl-2", "schema": "Company", "properties": {"name": ["Golden Crescent Exchange LLC"]}}
{"id": "wl-s", "schema": "Sanction", "properties": {"entity": ["wl-1"]}}
"#;

const QUERIES: &str = "id,name,born\nq1,Muhammad Ali Khan,1984-03-02\nq2,Bilal Ahmed Qureshi,1990-07-15\n";

fn form(list: &str, queries: Option<&str>, case: Option<i64>) -> reqwest::multipart::Form {
    let mut f = reqwest::multipart::Form::new()
        .part("list", reqwest::multipart::Part::bytes(list.as_bytes().to_vec()).file_name("list.ftm.jsonl"))
        .text("top", "3")
        .text("threshold", "0.85")
        .text("phone_region", "PK");
    if let Some(q) = queries {
        f = f
            .part("queries", reqwest::multipart::Part::bytes(q.as_bytes().to_vec()).file_name("q.csv"))
            .text("id_column", "id")
            .text("mapping", "full_name=name, birth_date=born");
    }
    if let Some(c) = case {
        f = f.text("case", c.to_string());
    }
    f
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queries_and_a_case_are_screened_from_the_page_and_the_api() {
    let t = spawn().await;
    world(&t).await;
    let api = reqwest::Client::new();
    let token = t.token("fia.inv").await;

    // The API answers the ranked candidates with their evidence.
    let res = api
        .post(t.url("/api/v1/match/screen"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": LIST, "queries": QUERIES, "id_column": "id", "mapping": "full_name=name, birth_date=born"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["entities"], 2);
    let best = &v["queries"][0]["candidates"][0];
    assert_eq!(best["entity_id"], "wl-1", "{v}");
    assert_eq!(best["match"], true);
    assert!(best["evidence"].as_array().unwrap().iter().any(|e| e["field"] == "birth_date"), "{best}");
    assert_eq!(v["with_match"], 1);
    assert!(v["run"].as_i64().unwrap() > 0, "the screening is kept: {v}");

    // A malformed line: refused with line and property, nothing screened.
    let bad =
        format!("{LIST}{{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {{\"name\": \"Ali\"}}}}\n");
    let res = api
        .post(t.url("/api/v1/match/screen"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": bad, "queries": QUERIES, "id_column": "id", "mapping": "full_name=name"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("list, line 4, property name"));

    // The page: linked from /match, the form, the results.
    let b = t.signed_in("fia.inv").await;
    let csrf = b.csrf().await;
    assert!(b.get("/match").await.text().await.unwrap().contains("href=\"/match/screen\""));
    let page = b.get("/match/screen").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Watch list (FtM JSON lines)"));
    let res = b
        .client
        .post(t.url(&format!("/match/screen?csrf={csrf}")))
        .multipart(form(LIST, Some(QUERIES), None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "the browser goes to the kept run");
    let run = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(run.starts_with("/match/screen/"), "{run}");
    let html = b.get(&run).await.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        html.contains("2 queries against 2 watch-list entities") && html.contains("list.ftm.jsonl"),
        "{html}"
    );
    assert!(
        html.contains("wl-1") && html.contains("Evidence and weight") && html.contains("birth_date"),
        "{html}"
    );
    let res = b
        .client
        .post(t.url(&format!("/match/screen?csrf={csrf}")))
        .multipart(form(&bad, Some(QUERIES), None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("list, line 4, property name"));

    // A case's people and organisations, from its entities page.
    let case = api
        .post(t.url("/api/v1/cases"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"reference": "F-21", "title": "Exchange network", "crime_type": "som"}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let ftm = "{\"id\": \"c\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Golden Crescent Exchange\"]}}\n";
    let res = api
        .post(t.url(&format!("/api/v1/cases/{case}/entities/import?file_name=net.ftm")))
        .bearer_auth(&token)
        .body(ftm)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let entities = b.get(&format!("/cases/{case}/entities")).await.text().await.unwrap();
    assert!(entities.contains(&format!("/match/screen?case={case}")));
    assert!(b.get(&format!("/match/screen?case={case}")).await.text().await.unwrap().contains("F-21"));
    let res = b
        .client
        .post(t.url(&format!("/match/screen?csrf={csrf}")))
        .multipart(form(LIST, None, Some(case)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let run = res.headers()["location"].to_str().unwrap().to_owned();
    let html = b.get(&run).await.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("Golden Crescent Exchange LLC") && html.contains("1 queries against 2"), "{html}");
    let v: Value = api
        .post(t.url("/api/v1/match/screen"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": LIST, "case": case}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["queries"][0]["candidates"][0]["entity_id"], "wl-2", "{v}");

    // Another organisation cannot screen the case; each screening was audited.
    let cid = t.token("cid.admin").await;
    let res = api
        .post(t.url("/api/v1/match/screen"))
        .bearer_auth(&cid)
        .json(&serde_json::json!({"list": LIST, "case": case}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let audit = t.app.list_audit(&praxis_app::Caller::Cli, None, 200).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.action == "match.screen").count(), 4);
}

/// The watch list of the review test: the smuggler, the exchange house, and a namesake of the
/// case's victim (who must never be screened).
const REVIEW_LIST: &str = r#"{"id": "wl-1", "schema": "Person", "properties": {"name": ["Mohammad Ali Khan"], "birthDate": ["1984-03-02"]}}
{"id": "wl-2", "schema": "Company", "properties": {"name": ["Golden Crescent Exchange LLC"]}}
{"id": "wl-3", "schema": "Person", "properties": {"name": ["Nasreen Akhtar"]}}
"#;
const VICTIM: &str = "Nasreen Akhtar";

async fn api_json(
    t: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new().request(method, t.url(path)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn candidate<'a>(v: &'a Value, query: &str, entity: &str) -> &'a Value {
    v["queries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["query_id"] == query)
        .and_then(|q| q["candidates"].as_array().unwrap().iter().find(|c| c["entity_id"] == entity))
        .unwrap_or_else(|| panic!("no candidate {entity} for {query}: {v}"))
}

/// A rejected candidate is marked on the next run of the same query and not counted as a
/// match; a confirmed one is marked too; the same id with other values is another query. Only
/// the owning organisation's investigators read and judge; bad judgements are refused whole; the
/// audit has ids, never names; the case's victim is never screened or kept.
async fn judgements_hold_in_later_runs(backend: Backend) {
    let t = spawn_with(backend, relaxed()).await;
    world(&t).await;
    let token = t.token("fia.inv").await;
    use reqwest::Method as M;
    let csv = "id,name,born\nq1,Muhammad Ali Khan,1984-03-02\n";
    let body = serde_json::json!({"list": REVIEW_LIST, "list_name": "UN 1267 extract", "queries": csv,
        "id_column": "id", "mapping": "full_name=name, birth_date=born"});
    let (status, first) = api_json(&t, &token, M::POST, "/api/v1/match/screen", Some(body.clone())).await;
    assert_eq!(status, 200, "{first}");
    let run = first["run"].as_i64().unwrap();
    let c = candidate(&first, "q1", "wl-1");
    assert_eq!(c["match"], true);
    assert_eq!(c["judgement"], Value::Null);
    assert_eq!(first["list_name"], "UN 1267 extract");

    // Kept: listed, and read again with the same candidates and explanation.
    let (status, runs) = api_json(&t, &token, M::GET, "/api/v1/match/screenings", None).await;
    assert_eq!(status, 200);
    assert_eq!(runs[0]["id"], run, "{runs}");
    assert_eq!(runs[0]["list_sha256"], first["list_sha256"]);
    let (status, kept) = api_json(&t, &token, M::GET, &format!("/api/v1/match/screenings/{run}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(candidate(&kept, "q1", "wl-1")["explanation"], c["explanation"]);
    assert_eq!(candidate(&kept, "q1", "wl-1")["score"], c["score"]);

    // Malformed judgements: refused with the field named, nothing written.
    let audit_before = t.app.list_audit(&praxis_app::Caller::Cli, None, 500).await.unwrap().len();
    let path = format!("/api/v1/match/screenings/{run}/judgements");
    for (bad, field) in [
        (serde_json::json!({"query_id": "q1", "list_entity_id": "wl-1", "verdict": "maybe"}), "verdict"),
        (serde_json::json!({"query_id": "q9", "list_entity_id": "wl-1", "verdict": "rejected"}), "query_id"),
        (
            serde_json::json!({"query_id": "q1", "list_entity_id": "wl-9", "verdict": "rejected"}),
            "list_entity_id",
        ),
    ] {
        let (status, v) = api_json(&t, &token, M::POST, &path, Some(bad)).await;
        assert_eq!(status, 422, "{v}");
        assert_eq!(v["error"]["field"], field, "{v}");
    }
    assert_eq!(t.app.list_audit(&praxis_app::Caller::Cli, None, 500).await.unwrap().len(), audit_before);

    // Someone else's run: another organisation does not find it; a viewer may not judge.
    let cid = t.token("cid.admin").await;
    let reject = serde_json::json!({"query_id": "q1", "list_entity_id": "wl-1", "verdict": "rejected",
        "note": "Born in Quetta, not the listed person"});
    assert_eq!(api_json(&t, &cid, M::POST, &path, Some(reject.clone())).await.0, 404);
    assert_eq!(api_json(&t, &cid, M::GET, &format!("/api/v1/match/screenings/{run}"), None).await.0, 404);
    let (_, cid_runs) = api_json(&t, &cid, M::GET, "/api/v1/match/screenings", None).await;
    assert_eq!(cid_runs, serde_json::json!([]));
    let viewer = t.token("fia.viewer").await;
    assert_eq!(api_json(&t, &viewer, M::POST, &path, Some(reject.clone())).await.0, 403);
    let (_, still) = api_json(&t, &token, M::GET, &format!("/api/v1/match/screenings/{run}"), None).await;
    assert_eq!(candidate(&still, "q1", "wl-1")["judgement"], Value::Null);

    // The investigator rejects it: marked on this run, and on the next run of the same query.
    let (status, _) = api_json(&t, &token, M::POST, &path, Some(reject)).await;
    assert_eq!(status, 204);
    let (_, judged) = api_json(&t, &token, M::GET, &format!("/api/v1/match/screenings/{run}"), None).await;
    let c = candidate(&judged, "q1", "wl-1");
    assert_eq!((c["judgement"].as_str(), c["judged_earlier"].as_bool()), (Some("rejected"), Some(false)));
    let (_, second) = api_json(&t, &token, M::POST, "/api/v1/match/screen", Some(body)).await;
    assert_ne!(second["run"], run);
    let c = candidate(&second, "q1", "wl-1");
    assert_eq!(c["judgement"], "rejected", "{second}");
    assert_eq!(c["judged_earlier"], true);
    assert_eq!(c["judged_by"], "Test fia.inv");
    assert!(c["judged_at"].as_i64().unwrap() > 0);
    assert_eq!(c["judgement_note"], "Born in Quetta, not the listed person");
    assert_eq!((c["match"].as_bool(), c["engine_match"].as_bool()), (Some(false), Some(true)));
    assert_eq!(second["with_match"], 0, "a rejected candidate is not counted as a match");
    assert_eq!(second["rejected"], 1);
    // The same id with other values is another query: no judgement.
    let other = serde_json::json!({"list": REVIEW_LIST, "queries": "id,name,born\nq1,Mohammad Ali Khan,1984-03-02\n",
        "id_column": "id", "mapping": "full_name=name, birth_date=born"});
    let (_, third) = api_json(&t, &token, M::POST, "/api/v1/match/screen", Some(other)).await;
    assert_eq!(candidate(&third, "q1", "wl-1")["judgement"], Value::Null, "{third}");

    // A case: its company is screened, never its victim; a confirmed candidate is marked later.
    let (_, case) = api_json(
        &t,
        &token,
        M::POST,
        "/api/v1/cases",
        Some(serde_json::json!({"reference": "F-22", "title": "Exchange network", "crime_type": "som"})),
    )
    .await;
    let case = case["id"].as_i64().unwrap();
    let (status, _) = api_json(
        &t,
        &token,
        M::POST,
        &format!("/api/v1/cases/{case}/entities"),
        Some(serde_json::json!({"schema": "Company", "properties": {"name": ["Golden Crescent Exchange"]}})),
    )
    .await;
    assert_eq!(status, 201);
    let (status, v) = api_json(
        &t,
        &token,
        M::POST,
        &format!("/api/v1/cases/{case}/persons"),
        Some(serde_json::json!({"kind": "victim", "identity": {"full_name": VICTIM}})),
    )
    .await;
    assert_eq!(status, 201, "{v}");
    let (_, by_case) = api_json(
        &t,
        &token,
        M::POST,
        "/api/v1/match/screen",
        Some(serde_json::json!({"list": REVIEW_LIST, "case": case})),
    )
    .await;
    let case_run = by_case["run"].as_i64().unwrap();
    assert_eq!(by_case["queries"].as_array().unwrap().len(), 1, "only the company: {by_case}");
    let text = by_case.to_string();
    assert!(!text.contains(VICTIM) && !text.contains("wl-3"), "the victim was screened: {text}");
    let company = by_case["queries"][0]["query_id"].as_str().unwrap().to_owned();
    assert!(by_case["queries"][0]["entity_id"].as_i64().is_some());
    let (status, _) = api_json(
        &t,
        &token,
        M::POST,
        &format!("/api/v1/match/screenings/{case_run}/judgements"),
        Some(serde_json::json!({"query_id": company, "list_entity_id": "wl-2", "verdict": "confirmed"})),
    )
    .await;
    assert_eq!(status, 204);
    let (_, again) = api_json(
        &t,
        &token,
        M::POST,
        "/api/v1/match/screen",
        Some(serde_json::json!({"list": REVIEW_LIST, "case": case})),
    )
    .await;
    let c = candidate(&again, &company, "wl-2");
    assert_eq!(
        (c["judgement"].as_str(), c["judged_earlier"].as_bool(), c["match"].as_bool()),
        (Some("confirmed"), Some(true), Some(true))
    );
    if backend == Backend::Sqlite {
        // Nothing of the victim reaches the database in clear (the list itself is not kept).
        for entry in std::fs::read_dir(t._db.dir.path()).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
            assert!(!bytes.windows(VICTIM.len()).any(|w| w == VICTIM.as_bytes()));
        }
    }

    // The pages: the run marks the earlier rejection; the case links its screenings.
    let b = t.signed_in("fia.inv").await;
    let html = b.get(&format!("/match/screen/{}", second["run"])).await.text().await.unwrap();
    assert!(html.contains("Rejected earlier") && html.contains("Born in Quetta"), "{html}");
    let list = b.get("/match/screen").await.text().await.unwrap();
    assert!(list.contains(&format!("/match/screen/{run}\"")) && list.contains("UN 1267 extract"), "{list}");
    let page = b.get(&format!("/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains(&format!("/match/screen/{case_run}\"")), "the case links its screenings");
    assert!(!t
        .signed_in("cid.admin")
        .await
        .get("/match/screen")
        .await
        .text()
        .await
        .unwrap()
        .contains("UN 1267"));

    // The audit: judgements recorded with ids only, never names.
    let audit = t.app.list_audit(&praxis_app::Caller::Cli, None, 500).await.unwrap();
    let judged: Vec<_> = audit.iter().filter(|e| e.action == "match.screen.judge").collect();
    assert_eq!(judged.len(), 2);
    // An uploaded query is named by its position in the run, not by the uploader's id.
    assert!(
        judged.iter().all(|e| e.detail.contains("\"query\":") && !e.detail.contains("\"q1\"")),
        "{judged:?}"
    );
    for e in audit.iter().filter(|e| e.action.starts_with("match.screen")) {
        for name in ["Muhammad", "Mohammad", "Khan", "Golden", "Nasreen", "Quetta"] {
            assert!(!e.detail.contains(name), "{name} in the audit: {}", e.detail);
        }
    }
}

praxis_testkit::both_backends!(judgements_hold_in_later_runs);

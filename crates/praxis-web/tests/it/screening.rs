//! Watch-list screening in the platform: the page and the JSON API screen uploaded queries and a
//! case's entities against an FtM watch list and show the ranked candidates with their evidence;
//! a malformed list is refused with its line and property; another organisation cannot screen
//! the case.

use serde_json::Value;

use crate::{spawn, world};

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
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("2 queries against 2 watch-list entities"), "{html}");
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
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
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

//! Financial flows through the pages and the API: import (all or nothing), trace with the
//! money-flow diagram, ranking.

use praxis_app::Caller;
use serde_json::Value;

use crate::{extract_between, spawn, world};

const EXAMPLE: &str = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,1,3,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
2,2,3,TRANSFER,200.00,2017-01-01T00:00:00Z,False,-1
3,3,4,TRANSFER,75.00,2017-01-01T00:00:00Z,False,-1
4,3,5,TRANSFER,150.00,2017-01-01T00:00:00Z,False,-1
5,1,3,TRANSFER,50.00,2017-01-01T00:00:00Z,False,-1
6,3,6,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
";

fn multipart(name: &str, file: &str, content: &str, skip: bool) -> reqwest::multipart::Form {
    let mut form =
        reqwest::multipart::Form::new().text("name", name.to_owned()).text("format", "amlsim").part(
            "files",
            reqwest::multipart::Part::bytes(content.as_bytes().to_vec()).file_name(file.to_owned()),
        );
    if skip {
        form = form.text("skip_bad_rows", "on");
    }
    form
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_trace_and_rank_in_the_browser() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("fia.inv").await;
    let csrf = b.csrf().await;
    let res = b
        .client
        .post(t.url(&format!("/flows?csrf={csrf}")))
        .multipart(multipart("Karachi network", "statement.csv", EXAMPLE, false))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/flows/") && location.contains("imported=6"), "{location}");
    let id: i64 = location.trim_start_matches("/flows/").split('?').next().unwrap().parse().unwrap();

    let html = b.get(&location).await.text().await.unwrap();
    assert!(html.contains("Karachi network") && html.contains("\u{2068}6\u{2069} transactions imported"));
    assert!(html.contains("statement.csv"), "the source file is listed with its hash");

    for (rule, y) in [("fifo", "75.00"), ("libr", "50.00"), ("pro-rata", "40.00")] {
        let res = b.get(&format!("/flows/{id}?seeds=2&rule={rule}")).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        let table = extract_between(&html, "id=\"traced\"", "</table>").expect("traced table");
        let row6 = table.split("<tr>").find(|r| r.contains(">6</bdi>")).expect("account 6");
        assert!(row6.contains(y), "{rule}: {row6}");
        assert!(html.contains("<svg") && html.contains("class=\"moneyflow\""), "money-flow diagram");
        assert!(
            html.contains(&format!("Money flow — \u{2068}{}\u{2069}", rule.to_uppercase())),
            "the rule is in the title"
        );
    }
    // Right-to-left pages mirror the diagram: the seed's box moves to the right.
    let res = b.get(&format!("/flows/{id}/rank?by=net")).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let first = extract_between(&html, "<tbody><tr><td>1</td><td><bdi dir=\"ltr\">", "</bdi>").unwrap();
    assert_eq!(first, "5", "account 5 keeps the most money (150.00)");

    // Bad input in the trace form names the field.
    let res = b.get(&format!("/flows/{id}?seeds=nobody")).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("nobody"));
    let res = b.get(&format!("/flows/{id}?seeds=2&from=yesterday")).await;
    assert_eq!(res.status(), 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_file_is_refused_whole_with_every_bad_row_named() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("fia.inv").await;
    let csrf = b.csrf().await;
    let bad = format!("{EXAMPLE}7,3,,TRANSFER,5.00,2017-01-02T00:00:00Z,False,-1\n8,3,9,TRANSFER,lots,2017-01-02T00:00:00Z,False,-1\n");
    let res = b
        .client
        .post(t.url(&format!("/flows?csrf={csrf}")))
        .multipart(multipart("Bad", "bad.csv", &bad, false))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("bad.csv:8: bene_acct") && html.contains("bad.csv:9: base_amt"), "{html}");
    let caller = Caller::Cli;
    assert!(t.app.flows_datasets(&caller).await.unwrap().is_empty(), "nothing written");
    // Asked to skip them, the rest lands and the skipped rows are counted.
    let res = b
        .client
        .post(t.url(&format!("/flows?csrf={csrf}")))
        .multipart(multipart("Bad but useful", "bad.csv", &bad, true))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let sets = t.app.flows_datasets(&caller).await.unwrap();
    assert_eq!((sets[0].transactions, sets[0].skipped_rows), (6, 2));
    // An upload without the CSRF token in its action is refused.
    let res = b
        .client
        .post(t.url("/flows"))
        .multipart(multipart("x", "x.csv", EXAMPLE, false))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_imports_traces_and_ranks() {
    let t = spawn().await;
    world(&t).await;
    let token = t.token("fia.inv").await;
    let api = reqwest::Client::new();
    let res = api
        .post(t.url("/api/v1/flows/datasets?name=Case%2012&format=amlsim&file_name=example.csv"))
        .bearer_auth(&token)
        .body(EXAMPLE)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let out: Value = res.json().await.unwrap();
    let id = out["dataset"].as_i64().unwrap();
    assert_eq!(out["transactions"], 6);
    let res = api
        .post(t.url(&format!("/api/v1/flows/datasets/{id}/trace")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"seeds": ["2"], "rule": "libr"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let trace: Value = res.json().await.unwrap();
    assert_eq!(trace["rule"], "libr");
    let amount = |acct: &str| {
        trace["accounts"].as_array().unwrap().iter().find(|a| a["account"] == acct).unwrap()["amount"].clone()
    };
    assert_eq!((amount("4"), amount("5"), amount("6")), ("0.00".into(), "125.00".into(), "50.00".into()));
    let three = trace["accounts"].as_array().unwrap().iter().find(|a| a["account"] == "3").unwrap().clone();
    assert_eq!(three["remaining"], "25.00");
    let res = api
        .get(t.url(&format!("/api/v1/flows/datasets/{id}/rank?by=pagerank&top=3")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let rank: Value = res.json().await.unwrap();
    assert_eq!(rank.as_array().unwrap().len(), 3);
    // Bad requests name the field; a refused import lists every bad row.
    let res = api
        .post(t.url(&format!("/api/v1/flows/datasets/{id}/trace")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"seeds": ["2"], "rule": "clayton-ish"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "rule");
    let res = api
        .post(t.url("/api/v1/flows/datasets?name=bad"))
        .bearer_auth(&token)
        .body("tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp\n1,1,,T,1.00,2017-01-01\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "import_refused");
    assert_eq!(err["error"]["details"][0], "upload:2: bene_acct: is empty");
    // The import is audited with the file's hash.
    let entries = t.app.list_audit(&Caller::Cli, None, 50).await.unwrap();
    let import = entries.iter().find(|e| e.action == "flows.import").unwrap();
    assert!(import.detail.contains("sha256"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scan_runs_as_a_job_and_its_alerts_are_drawn() {
    let t = spawn().await;
    world(&t).await;
    // A fan-in of small remittances, a cycle and structuring, among ordinary noise.
    let mut csv =
        String::from("tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id\n");
    let mut n = 0;
    let mut add = |csv: &mut String, a: &str, b: &str, amount: &str, day: u32| {
        n += 1;
        csv.push_str(&format!(
            "{n},{a},{b},TRANSFER,{amount},2017-01-{day:02}T{:02}:00:00Z,False,-1\n",
            n % 24
        ));
    };
    for i in 0..12 {
        add(&mut csv, &format!("F{i}"), "COLLECTOR", "950.00", 2 + i % 10);
    }
    add(&mut csv, "A", "B", "5000.00", 3);
    add(&mut csv, "B", "C", "4900.00", 4);
    add(&mut csv, "C", "A", "4800.00", 5);
    for d in [6, 7, 8, 9] {
        add(&mut csv, "S", "BANK", "9900.00", d);
    }
    let token = t.token("fia.inv").await;
    let api = reqwest::Client::new();
    let res = api
        .post(t.url("/api/v1/flows/datasets?name=Scan%20me"))
        .bearer_auth(&token)
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["dataset"].as_i64().unwrap();
    let res = api
        .post(t.url(&format!("/api/v1/flows/datasets/{id}/scan")))
        .bearer_auth(&token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let job = res.json::<Value>().await.unwrap()["job"].as_i64().unwrap();
    // Follow the job until it is done (bounded).
    let mut done = Value::Null;
    for _ in 0..200 {
        let v: Value = api
            .get(t.url(&format!("/api/v1/jobs/{job}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if v["status"] == "done" {
            done = v;
            break;
        }
        assert_eq!(v["status"], "running", "{v}");
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(done["progress"], 1.0);
    let alerts = done["alerts"].as_array().expect("alerts");
    let typologies: Vec<&str> = alerts.iter().map(|a| a["typology"].as_str().unwrap()).collect();
    assert!(typologies.contains(&"cycle"), "{typologies:?}");
    assert!(typologies.contains(&"fan_in"), "{typologies:?}");
    for a in alerts {
        assert!(
            !a["explanation"].as_str().unwrap().is_empty()
                && !a["transactions"].as_array().unwrap().is_empty()
        );
    }
    // The page shows the same alerts with their subgraphs.
    let b = t.signed_in("fia.inv").await;
    let html = b.get(&format!("/flows/{id}/alerts?job={job}")).await.text().await.unwrap();
    assert!(
        html.contains("class=\"alertgraph\"") && html.contains("Cycle or round-tripping"),
        "alerts drawn"
    );
    // Another user's job is not visible, even in the same organisation.
    let other = t.token("fia.admin").await;
    let res = api.get(t.url(&format!("/api/v1/jobs/{job}"))).bearer_auth(&other).send().await.unwrap();
    assert_eq!(res.status(), 404);
    // Starting a scan from the page redirects to its job.
    let res = b.post_form(&format!("/flows/{id}/scan"), &[("typologies", "cycle")]).await;
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().contains("/alerts?job="));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_overlapping_bank_statements_count_once_through_the_api() {
    let t = spawn().await;
    world(&t).await;
    let token = t.token("fia.inv").await;
    let api = reqwest::Client::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/examples/");
    let mut counts = Vec::new();
    for file in ["bank-statement-2024-03.csv", "bank-statement-2024-03-15_2024-04-15.csv"] {
        let body = std::fs::read(format!("{dir}{file}")).unwrap();
        let res = api
            .post(t.url(&format!(
                "/api/v1/flows/datasets?name={file}&format=csv&profile=bank-statement&account=PK36HABB0012345678901234&time_zone=Asia/Karachi&file_name={file}"
            )))
            .bearer_auth(&token)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{file}");
        counts.push(res.json::<Value>().await.unwrap()["transactions"].as_i64().unwrap());
    }
    assert!(counts.iter().all(|&c| c > 3), "{counts:?}");
    // Without the statement's own account, the profile cannot say who paid whom.
    let res = api
        .post(t.url("/api/v1/flows/datasets?name=x&format=csv&profile=bank-statement"))
        .bearer_auth(&token)
        .body(std::fs::read(format!("{dir}bank-statement-2024-03.csv")).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "account");
    let res = api
        .post(t.url("/api/v1/flows/datasets?name=x&format=csv&profile=nonsense"))
        .bearer_auth(&token)
        .body("a,b\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "profile");
}

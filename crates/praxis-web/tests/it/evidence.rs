//! The evidence register through the pages and the API: items, files kept as received and opened
//! through the chain of custody, lines of inquiry, and the alert on cases that rest on testimony.

use serde_json::Value;

use crate::{spawn, world};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_is_registered_attached_opened_and_measured_in_the_browser() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("fia.inv").await;
    let api = reqwest::Client::new();
    let token = t.token("fia.inv").await;
    let post = |path: String, body: Value| {
        let req = api.post(t.url(&path)).bearer_auth(&token).json(&body);
        async move {
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 201, "{path}");
            res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
        }
    };
    let case = post(
        "/api/v1/cases".into(),
        serde_json::json!({"reference": "FIA/2026/040", "title": "Kasur kilns", "crime_type": "tip"}),
    )
    .await;
    let owner = post(
        format!("/api/v1/cases/{case}/subjects"),
        serde_json::json!({"name": "Chaudhry Aslam", "network_role": "exploiter"}),
    )
    .await;
    // A statement by a rescued worker: the case rests on testimony alone, and the page says so.
    let res = b
        .post_form(
            &format!("/cases/{case}/evidence"),
            &[
                ("kind", "testimonial"),
                ("description", "Statement of a rescued worker"),
                ("source", "Interview at the shelter"),
                ("obtained_on", "2026-03-05"),
                ("subjects", &owner.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let page = b.get(&format!("/cases/{case}")).await.text().await.unwrap();
    assert!(page.contains("This case rests on testimony alone."));
    assert!(page.contains("No open line of inquiry seeks other evidence"));
    let overview = b.get("/cases/evidence-base?jurisdiction=PK").await.text().await.unwrap();
    assert!(overview.contains("Kasur kilns") && overview.contains("On testimony alone"));

    // A line of inquiry is opened; it is offered as what could corroborate the testimony.
    let res = b
        .post_form(
            &format!("/cases/{case}/inquiries"),
            &[("kind", "financial"), ("title", "Trace advances paid to families")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = b.get(&format!("/cases/{case}")).await.text().await.unwrap();
    assert!(
        page.contains("Open lines of inquiry that could corroborate it") && page.contains("Trace advances")
    );

    // It produces bank records, registered with a file; the case is no longer on testimony alone.
    let item = post(
        format!("/api/v1/cases/{case}/evidence"),
        serde_json::json!({"kind": "financial", "description": "Advances ledger and bank transfers",
            "source": "HBL, production order", "obtained_on": "2026-03-20", "subjects": [owner]}),
    )
    .await;
    let content = "date,family,advance\n2025-11-02,F-1,45000\n".repeat(20);
    let csrf = b.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(content.clone().into_bytes()).file_name("advances ledger.csv"),
    );
    let res = b
        .client
        .post(t.url(&format!("/cases/{case}/evidence/{item}/files?csrf={csrf}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let page = b.get(&format!("/cases/{case}")).await.text().await.unwrap();
    assert!(!page.contains("This case rests on testimony alone."));

    // Opening the file gives it back as received, with its hash, and writes to the chain.
    let view: Value = api
        .get(t.url(&format!("/api/v1/cases/{case}/evidence/{item}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let file = &view["files"][0];
    let res = b.get(&format!("/cases/{case}/evidence/{item}/files/{}", file["id"])).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/octet-stream");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(res.headers()["x-praxis-sha256"].to_str().unwrap(), file["sha256"].as_str().unwrap());
    assert_eq!(res.text().await.unwrap(), content);
    let item_page = b.get(&format!("/cases/{case}/evidence/{item}")).await.text().await.unwrap();
    assert!(item_page.contains("Opened in Praxis") && item_page.contains(file["sha256"].as_str().unwrap()));

    // Custody: a transfer must say from whom to whom; a complete one is recorded.
    let path = format!("/cases/{case}/evidence/{item}/custody");
    let res = b.post_form(&path, &[("action", "transferred"), ("from_party", "FIA evidence room")]).await;
    assert_eq!(res.status(), 422);
    let res = b
        .post_form(
            &path,
            &[("action", "transferred"), ("from_party", "FIA evidence room"), ("to_party", "Prosecutor")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let custody: Value = api
        .get(t.url(&format!("/api/v1/cases/{case}/evidence/{item}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> =
        custody["custody"].as_array().unwrap().iter().map(|c| c["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["obtained", "obtained", "accessed", "transferred"]);

    // Bad input names the field; an item of another case is not reachable through this one.
    let res = b
        .post_form(
            &format!("/cases/{case}/evidence"),
            &[("kind", "rumour"), ("description", "x y z"), ("source", "x"), ("obtained_on", "2026-01-01")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let other = post(
        "/api/v1/cases".into(),
        serde_json::json!({"reference": "FIA/2026/041", "title": "Other", "crime_type": "som"}),
    )
    .await;
    let res =
        api.get(t.url(&format!("/api/v1/cases/{other}/evidence/{item}"))).bearer_auth(&token).send().await;
    assert_eq!(res.unwrap().status(), 404);
}

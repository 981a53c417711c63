//! The legislative review through the pages and the API: a programme officer starts the review of
//! a country, its focal point answers provision by provision, guidance shows as guidance, the
//! history and the CSV keep every answer, and the matrix colours and marks the changes.

use serde_json::Value;

use crate::{spawn, world, TestApp};

const TITLE: &str = "Pakistan: the 2018 Acts against the Protocols";

/// The UN office's programme officer and a Pakistani ministry's focal point.
async fn programme_people(t: &TestApp, un: praxis_model::OrgId) {
    t.user(un, "un.po", &["programme_officer"]).await;
    let moi = t.org("Ministry of Interior", "ministry", "PK", false).await;
    t.user(moi, "moi.fp", &["focal_point"]).await;
    let committee = t.org("Counter-Trafficking Committee", "national_committee", "BD", false).await;
    t.user(committee, "bd.fp", &["focal_point"]).await;
}

fn id_from_location(location: &str) -> i64 {
    location.trim_start_matches("/programme/legal/").split('?').next().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_is_answered_in_the_browser_and_the_matrix_marks_the_change() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.signed_in("un.po").await;

    // The navigation leads programme staff to the programme, whose tabs lead to the review;
    // others see it as coming.
    let home = po.get("/").await.text().await.unwrap();
    assert!(home.contains("href=\"/programme\""));
    let overview = po.get("/programme").await.text().await.unwrap();
    assert!(overview.contains("href=\"/programme/legal\""));
    let inv_home = t.signed_in("fia.inv").await.get("/").await.text().await.unwrap();
    assert!(!inv_home.contains("href=\"/programme\""));

    // Start the review with the form.
    let res = po
        .post_form("/programme/legal", &[("country", "PK"), ("title", TITLE), ("status", "in_progress")])
        .await;
    assert_eq!(res.status(), 303);
    let id = id_from_location(res.headers()["location"].to_str().unwrap());
    let res = po.post_form("/programme/legal", &[("country", "PK-PB"), ("title", "Punjab")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Country"), "the error names the field");

    // The review: obligations and guidance apart, guidance labelled.
    let page = po.get(&format!("/programme/legal/{id}")).await.text().await.unwrap();
    assert!(page.contains(TITLE));
    let guidance = page.find("<section class=\"guidance\">").expect("a guidance section");
    let tip14 = page.find("id=\"provision-TIP-14\"").expect("non-punishment of victims");
    let obligations = page.find("<section class=\"obligations\">").unwrap();
    assert!(obligations < guidance && guidance < tip14, "TIP-14 is shown under guidance");
    assert!(page.contains("Guidance, not a treaty obligation"));

    // The focal point answers, twice; a bad answer names its field and writes nothing.
    let fp = t.signed_in("moi.fp").await;
    let section = fp.get(&format!("/programme/legal/{id}?section=tip_criminalisation")).await;
    let section = section.text().await.unwrap();
    assert!(section.contains(&format!("action=\"/programme/legal/{id}/answers\"")));
    assert!(section.contains("name=\"csrf\""));
    let answers = format!("/programme/legal/{id}/answers");
    let res = fp.post_form(&answers, &[("provision", "TIP-06"), ("answer", "unknown")]).await;
    assert_eq!(res.status(), 303);
    let res = fp
        .post_form(
            &answers,
            &[
                ("provision", "TIP-06"),
                ("answer", "compliant"),
                ("citation", "Prevention of Trafficking in Persons Act 2018, s. 3"),
                ("link", "https://pakistancode.gov.pk/"),
                ("stakeholders", "Ministry of Interior\nFIA"),
                ("back", &format!("/programme/legal/{id}?section=tip_criminalisation#provision-TIP-06")),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/programme/legal/{id}?section=tip_criminalisation&done=saved#provision-TIP-06").as_str()
    );
    let res = fp.post_form(&answers, &[("provision", "TIP-07"), ("answer", "partially_compliant")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Law cited"));
    let res = fp.post_form(&answers, &[("provision", "TIP-99"), ("answer", "unknown")]).await;
    assert_eq!(res.status(), 422);
    // Another country's focal point may not answer.
    let bd = t.signed_in("bd.fp").await;
    assert_eq!(bd.post_form(&answers, &[("provision", "TIP-01"), ("answer", "unknown")]).await.status(), 403);

    // History of the provision, newest first, and the CSV with every answer.
    let history = fp.get(&format!("/programme/legal/{id}/provisions/TIP-06")).await.text().await.unwrap();
    assert!(history.matches("class=\"ans ans-").count() >= 2);
    assert!(history.find("Compliant").unwrap() < history.rfind("Unknown").unwrap());
    let csv = po.get(&format!("/programme/legal/{id}/csv")).await;
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert_eq!(csv.lines().filter(|l| l.contains("TIP-06")).count(), 2);

    // The matrix: a letter in every coloured cell, the change framed and marked.
    let matrix = po.get("/programme/legal/matrix").await.text().await.unwrap();
    assert!(matrix.contains("<td class=\"ans-compliant changed\""), "TIP-06 is new and framed");
    assert!(matrix.contains("<td class=\"ans-none\""));
    assert!(matrix.contains("Legend"));
    assert!(matrix.contains("format=csv"), "the matrix can be downloaded");
    let csv = po.get("/programme/legal/matrix?format=csv").await;
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let bad = po.get("/programme/legal/matrix?from=yesterday").await;
    assert_eq!(bad.status(), 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_lists_reads_answers_and_exports_a_review() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.token("un.po").await;
    let fp = t.token("moi.fp").await;
    let client = reqwest::Client::new();
    let url = |p: &str| t.url(&format!("/api/v1/programme/legal{p}"));

    let res = client
        .post(url("/reviews"))
        .bearer_auth(&po)
        .json(&serde_json::json!({"country": "PK", "title": TITLE}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    let answer = |token: &str, body: Value| {
        client.post(url(&format!("/reviews/{id}/answers"))).bearer_auth(token.to_owned()).json(&body).send()
    };
    let res = answer(&fp, serde_json::json!({"provision": "TIP-14", "answer": "not_compliant",
        "gap_note": "Victims are prosecuted for document offences.", "recommendation": "Adopt a non-punishment clause.",
        "assessed_on": "2026-03-01"}))
    .await
    .unwrap();
    assert_eq!(res.status(), 201);
    let res = answer(&fp, serde_json::json!({"provision": "TIP-01", "answer": "compliant"})).await.unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_input");
    assert_eq!(body["error"]["field"], "citation");

    let list: Value =
        client.get(url("/reviews")).bearer_auth(&fp).send().await.unwrap().json().await.unwrap();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["answered"], 1);

    let review: Value = client
        .get(url(&format!("/reviews/{id}")))
        .bearer_auth(&fp)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let section =
        review["sections"].as_array().unwrap().iter().find(|s| s["section"] == "tip_criminalisation");
    let section = section.unwrap();
    let guidance = section["guidance"].as_array().unwrap();
    let tip14 = guidance.iter().find(|p| p["id"] == "TIP-14").expect("TIP-14 is guidance");
    assert_eq!(tip14["current"]["answer"], "not_compliant");
    assert_eq!(review["score"]["guidance"]["not_compliant"], 1);
    assert_eq!(review["score"]["obligations"]["not_compliant"], 0);
    assert_eq!(review["permissions"]["write"], true);

    let history: Value = client
        .get(url(&format!("/reviews/{id}/provisions/TIP-14")))
        .bearer_auth(&po)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(history["answers"].as_array().unwrap().len(), 1);
    assert_eq!(history["answers"][0]["assessed_on"], "2026-03-01");

    let res = client
        .put(url(&format!("/reviews/{id}/status")))
        .bearer_auth(&po)
        .json(&serde_json::json!({"status": "validated"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);

    let csv = client.get(url(&format!("/reviews/{id}/csv"))).bearer_auth(&po).send().await.unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.text().await.unwrap().contains("TIP-14,not_compliant"));

    let matrix: Value = client
        .get(url("/matrix?from=2026-01-01&to=2026-06-01"))
        .bearer_auth(&po)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(matrix["countries"][0]["country"], "PK");
    let row = matrix["rows"].as_array().unwrap().iter().find(|r| r["provision"] == "TIP-14").unwrap();
    assert_eq!(row["kind"], "guidance");
    assert_eq!(row["cells"][0]["before"], Value::Null);
    assert_eq!(row["cells"][0]["after"], "not_compliant");
    assert_eq!(row["cells"][0]["change"], "new");

    let csv = client.get(url("/matrix?from=2026-01-01&format=csv")).bearer_auth(&po).send().await.unwrap();
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("provision,kind,PK 2026-01-01,PK "), "{csv}");
    assert!(csv.contains("TIP-14,guidance,,not_compliant,new"));

    let doc: Value = client.get(t.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["paths"]["/programme/legal/reviews/{id}/answers"].is_object());
}

/// The demo's reviews on the pages: light enough for a slow link (UI.md: under 150 KB), and each
/// focal point sees their own country only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_reviews_and_matrix_render_within_the_page_budget() {
    let t = spawn().await;
    let summary = t.app.seed_demo().await.unwrap();
    let pk = summary.legal_reviews[0];
    let b = t.browser();
    assert_eq!(b.login("tariq.mahmood", praxis_app::DEMO_PASSWORD).await.status(), 303);
    for path in [
        format!("/programme/legal/{pk}"),
        format!("/programme/legal/{pk}?section=tip_criminalisation"),
        format!("/programme/legal/{pk}/provisions/TIP-14"),
        "/programme/legal".to_owned(),
        "/programme/legal/matrix?from=2026-06-01&to=2026-11-20".to_owned(),
    ] {
        let res = b.get(&path).await;
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.len() < 150_000, "{path} weighs {} bytes", html.len());
    }
    let review = b.get(&format!("/programme/legal/{pk}")).await.text().await.unwrap();
    assert!(review.contains("Prevention of Trafficking in Persons Act 2018"));
    let matrix = b.get("/programme/legal/matrix?from=2026-06-01&to=2026-11-20").await.text().await.unwrap();
    assert!(matrix.contains(" changed\""), "the year's changes are marked");
    assert!(matrix.contains("Law No. 28 of 2012"));

    let karim = t.browser();
    assert_eq!(karim.login("karim.hossain", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let matrix = karim.get("/programme/legal/matrix").await.text().await.unwrap();
    assert!(matrix.contains("Bangladesh"));
    assert!(!matrix.contains("Pakistan:"), "a focal point sees their own country's review only");
    assert_eq!(karim.get(&format!("/programme/legal/{pk}")).await.status(), 403);
}

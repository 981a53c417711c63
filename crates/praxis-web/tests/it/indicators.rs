//! Indicators through the pages and the API: a programme officer sets up a model, an activity and
//! an indicator; the country's focal point enters and submits actuals; the officer approves one
//! and returns another with a reason; the submitter cannot approve; a model with stored values
//! cannot change; the exports: IATI 2.03 validated against the official schema with xmllint, HXL
//! with small counts suppressed, CSV of the tables.

use std::process::Command;

use serde_json::Value;

use crate::{spawn, world, TestApp};

const TITLE: &str = "Practitioners trained on trafficking cases";

async fn programme_people(t: &TestApp, un: praxis_model::OrgId) {
    t.user(un, "un.po", &["programme_officer"]).await;
    let moi = t.org("Ministry of Interior", "ministry", "PK", false).await;
    t.user(moi, "moi.fp", &["focal_point"]).await;
}

/// Validates `xml` against the IATI 2.03 schema shipped with the engine. Fails (does not skip)
/// when xmllint is missing.
fn validate_iati(xml: &str) -> Result<(), String> {
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../praxis-programme/schema/iati-2.03/iati-activities-schema.xsd"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("activities.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(schema)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint is needed to validate IATI output (apt-get install libxml2-utils): {e}")
        });
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn id_after(location: &str, prefix: &str) -> i64 {
    location.trim_start_matches(prefix).split(['?', '#']).next().unwrap().parse().unwrap()
}

async fn api(t: &TestApp, token: &str, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .request(method, t.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_indicator_is_set_up_reported_and_approved_in_the_browser() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.signed_in("un.po").await;

    // The programme's tabs lead from the legislative review to the indicators.
    let legal = po.get("/programme/legal").await.text().await.unwrap();
    assert!(legal.contains("href=\"/programme/indicators\""));

    // A model, an activity and an indicator, with the forms.
    let res = po
        .post_form("/programme/models", &[("name", "Standard"), ("spec", "sex: female male unknown")])
        .await;
    assert_eq!(res.status(), 303);
    let model = id_after(res.headers()["location"].to_str().unwrap().split('#').nth(1).unwrap(), "model-");
    let res = po
        .post_form(
            "/programme/activities",
            &[
                ("identifier", "XX-TEST-PAK-1"),
                ("reporting_org", "XX-TEST"),
                ("title", "Pakistan component"),
                ("description", "Criminal justice response"),
                ("country", "PK"),
                ("start_on", "2026-01-01"),
                ("end_on", "2026-12-31"),
                ("status", "implementation"),
                ("budget", "1000.50"),
                ("currency", "USD"),
                ("tags", "capacity_building"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let list = po.get("/programme/indicators").await.text().await.unwrap();
    assert!(list.contains("XX-TEST-PAK-1") && list.contains("1000.50 USD"));
    let token = t.token("un.po").await;
    let v = api(&t, &token, reqwest::Method::GET, "/api/v1/programme/indicators", Value::Null).await.1;
    let activity = v["activities"][0]["id"].as_i64().unwrap().to_string();
    let mut fields = vec![
        ("code", "PK-T-1"),
        ("title", TITLE),
        ("definition", "Completed a three-day course"),
        ("unit", "practitioners"),
        ("measure", "count"),
        ("direction", "increase"),
        ("means_of_verification", "Attendance sheets"),
        ("frequency", "annual"),
        ("owner", "UN Office"),
        ("tags", "capacity_building gender_human_rights"),
        ("country", "PK"),
        ("level", "output"),
        ("source", "entered"),
        ("baseline_on", "2025-12-31"),
        ("baseline", "0"),
        ("activity", &activity),
    ];
    let model_s = model.to_string();
    fields.push(("model", &model_s));
    // A missing pillar is refused, naming the field, and nothing is written.
    let mut bad = fields.clone();
    bad.retain(|(k, _)| *k != "tags");
    bad.push(("tags", "going_local"));
    let res = po.post_form("/programme/indicators", &bad).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Pillars and themes"), "the error names the field");
    let res = po.post_form("/programme/indicators", &fields).await;
    assert_eq!(res.status(), 303);
    let id = id_after(res.headers()["location"].to_str().unwrap(), "/programme/indicators/");
    let res = po
        .post_form(
            &format!("/programme/indicators/{id}/periods"),
            &[("start_on", "2026-01-01"), ("end_on", "2027-01-01"), ("target", "40")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = po.get(&format!("/programme/indicators/{id}")).await.text().await.unwrap();
    let period = page
        .split("name=\"period\"")
        .nth(1)
        .unwrap()
        .split("value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();

    // The focal point of Pakistan enters the total and the breakdown, and submits them.
    let fp = t.signed_in("moi.fp").await;
    for (categories, value) in [("", "42"), ("sex=female", "3"), ("sex=male", "39")] {
        let res = fp
            .post_form(
                &format!("/programme/indicators/{id}/actuals"),
                &[("period", &period), ("categories", categories), ("value", value)],
            )
            .await;
        assert_eq!(res.status(), 303, "{categories}");
    }
    let res = fp
        .post_form(
            &format!("/programme/indicators/{id}/actuals"),
            &[("period", &period), ("categories", "sex=other"), ("value", "1")],
        )
        .await;
    assert_eq!(res.status(), 422, "a category outside the model is refused");
    let v: Value = {
        let token = t.token("moi.fp").await;
        api(&t, &token, reqwest::Method::GET, &format!("/api/v1/programme/indicators/{id}"), Value::Null)
            .await
            .1
    };
    let actuals: Vec<i64> =
        v["periods"][0]["actuals"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(actuals.len(), 3);
    for a in &actuals {
        let res = fp
            .post_form(&format!("/programme/indicators/{id}/actuals/{a}/workflow"), &[("action", "submit")])
            .await;
        assert_eq!(res.status(), 303);
    }
    // The submitter cannot approve.
    let res = fp
        .post_form(
            &format!("/programme/indicators/{id}/actuals/{}/workflow", actuals[0]),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // The officer approves two and returns the male count with a reason (required).
    let res = po
        .post_form(
            &format!("/programme/indicators/{id}/actuals/{}/workflow", actuals[2]),
            &[("action", "return")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = po
        .post_form(
            &format!("/programme/indicators/{id}/actuals/{}/workflow", actuals[2]),
            &[("action", "return"), ("note", "Check the Multan sheet")],
        )
        .await;
    assert_eq!(res.status(), 303);
    for a in &actuals[..2] {
        let res = po
            .post_form(&format!("/programme/indicators/{id}/actuals/{a}/workflow"), &[("action", "approve")])
            .await;
        assert_eq!(res.status(), 303);
    }
    // An approved actual is final.
    let res =
        fp.post_form(&format!("/programme/indicators/{id}/actuals/{}", actuals[0]), &[("value", "43")]).await;
    assert_eq!(res.status(), 422);

    let page = po.get(&format!("/programme/indicators/{id}")).await.text().await.unwrap();
    assert!(
        page.contains("<svg") && page.contains("class=\"indicator-chart\""),
        "the chart against the target"
    );
    assert!(page.contains("Check the Multan sheet"), "the reason shows");
    assert!(page.contains("105 %"), "progress: 42 of a target of 40 from 0");

    // The model now has values: it cannot change; the same name publishes version 2.
    let res = po.post_form(&format!("/programme/models/{model}"), &[("spec", "sex: female male")]).await;
    assert_eq!(res.status(), 422);
    let res = po.post_form("/programme/models", &[("name", "Standard"), ("spec", "sex: female male")]).await;
    assert_eq!(res.status(), 303);
    let list = po.get("/programme/indicators").await.text().await.unwrap();
    assert_eq!(list.matches("id=\"model-").count(), 2, "versions 1 and 2");

    // IATI: valid against the official 2.03 schema; approved actuals only; the breakdown with a
    // small count is left out whole.
    let res = po.get("/programme/exports/iati").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    let xml = res.text().await.unwrap();
    validate_iati(&xml).unwrap_or_else(|e| panic!("IATI output is not valid: {e}\n{xml}"));
    assert!(xml.contains("<iati-identifier>XX-TEST-PAK-1</iati-identifier>"));
    assert!(xml.contains("<actual value=\"42\"/>"), "{xml}");
    assert!(!xml.contains("name=\"sex\""), "the breakdown with 3 is aggregated upward: {xml}");
    assert!(xml.contains("<target value=\"40\"/>"));
    assert!(xml.contains("1000.50"));

    // HXL: the hashtag row, the total, and the small count suppressed.
    let hxl = po.get("/programme/exports/hxl").await.text().await.unwrap();
    let lines: Vec<&str> = hxl.lines().collect();
    assert!(lines[1].starts_with("#country+code,#indicator+code"), "{hxl}");
    assert!(lines.iter().any(|l| l.starts_with("PAK,PK-T-1") && l.ends_with(",total,42")), "{hxl}");
    assert!(lines.iter().any(|l| l.contains(",sex,female,") && l.ends_with(',')), "female 3 hidden: {hxl}");

    // CSV of the tables.
    let csv = po.get("/programme/exports/indicators").await.text().await.unwrap();
    assert!(csv.starts_with("code,title,definition") && csv.contains("PK-T-1"));
    let csv = po.get(&format!("/programme/indicators/{id}/csv")).await.text().await.unwrap();
    assert!(csv.contains("sex=male,39,returned"), "{csv}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_covers_the_indicator_and_computes_live_values() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.token("un.po").await;
    let fp = t.token("moi.fp").await;
    use reqwest::Method as M;

    let (s, v) = api(
        &t,
        &po,
        M::POST,
        "/api/v1/programme/indicators",
        serde_json::json!({"code": "PK-C-1", "title": "Requests executed", "definition": "Executed in the period",
            "unit": "requests", "measure": "count", "direction": "increase", "means_of_verification": "Praxis",
            "frequency": "annual", "owner": "UN", "tags": "cooperation", "country": "PK",
            "source": "cooperation_executed", "baseline_on": "2025-12-31", "baseline": "0"}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let id = v["id"].as_i64().unwrap();
    let (s, v) = api(
        &t,
        &po,
        M::POST,
        &format!("/api/v1/programme/indicators/{id}/periods"),
        serde_json::json!({"start_on": "2026-01-01", "end_on": "2026-03-01", "target": "2"}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (s, v) = api(
        &t,
        &po,
        M::POST,
        &format!("/api/v1/programme/indicators/{id}/periods"),
        serde_json::json!({"start_on": "2026-02-01", "end_on": "2027-01-01"}),
    )
    .await;
    assert_eq!((s, v["error"]["field"].as_str()), (422, Some("start_on")), "overlapping periods");
    // A computed indicator takes no entered actuals.
    let (s, v) = api(&t, &fp, M::GET, &format!("/api/v1/programme/indicators/{id}"), Value::Null).await;
    assert_eq!(s, 200);
    assert_eq!(v["source"], "cooperation_executed");
    let period = v["periods"][0]["id"].as_i64().unwrap();
    assert_eq!(v["periods"][0]["computed"]["numerator"], 0);
    let (s, v) = api(
        &t,
        &fp,
        M::POST,
        &format!("/api/v1/programme/indicators/{id}/actuals"),
        serde_json::json!({"period": period, "value": "1"}),
    )
    .await;
    assert_eq!((s, v["error"]["field"].as_str()), (422, Some("period")));
    // A focal point cannot create indicators.
    let (s, _) = api(
        &t,
        &fp,
        M::POST,
        "/api/v1/programme/disaggregation-models",
        serde_json::json!({"name": "X", "spec": "sex: female"}),
    )
    .await;
    assert_eq!(s, 403);
    // No activity yet: nothing to publish.
    let (s, _) = api(&t, &po, M::GET, "/api/v1/programme/exports/iati", Value::Null).await;
    assert_eq!(s, 404);
    let (s, v) = api(&t, &po, M::GET, "/api/v1/programme/indicators", Value::Null).await;
    assert_eq!(s, 200);
    assert_eq!(v["indicators"][0]["code"], "PK-C-1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_indicators_render_and_export_valid_iati() {
    let t = spawn().await;
    let summary = t.app.seed_demo().await.unwrap();
    let b = t.browser();
    assert_eq!(b.login("tariq.mahmood", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let mut paths = vec!["/programme/indicators".to_owned()];
    paths.extend(summary.indicators.iter().map(|id| format!("/programme/indicators/{id}")));
    for path in &paths {
        let res = b.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.len() < 150_000, "{path} weighs {} bytes", html.len());
    }
    let pk = b.get(&format!("/programme/indicators/{}", summary.indicators[1])).await.text().await.unwrap();
    assert!(pk.contains("Registrations are not attendance"), "the returned actual says why");
    let computed =
        b.get(&format!("/programme/indicators/{}", summary.indicators[3])).await.text().await.unwrap();
    assert!(computed.contains("evidence other than testimony"), "a computed value says how");

    // Filters in the URL: by pillar or theme, by country.
    let protection = b.get("/programme/indicators?tag=protection").await.text().await.unwrap();
    assert!(protection.contains(">BD-5.1.1<") && !protection.contains(">PK-3.1.1<"));
    let pakistan = b.get("/programme/indicators?country=PK").await.text().await.unwrap();
    assert!(pakistan.contains(">PK-3.1.1<") && !pakistan.contains(">BD-5.1.1<"));
    assert_eq!(b.get("/programme/indicators?tag=nonsense").await.status(), 422);

    let xml = b.get("/programme/exports/iati").await.text().await.unwrap();
    validate_iati(&xml).unwrap_or_else(|e| panic!("the demo's IATI output is not valid: {e}\n{xml}"));
    assert!(xml.contains("XX-DEMO-PAK-2026") && xml.contains("XX-DEMO-BGD-2026"));

    // Bangladesh's focal point sees Bangladesh's indicator only, and exports only it.
    let karim = t.browser();
    assert_eq!(karim.login("karim.hossain", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let list = karim.get("/programme/indicators").await.text().await.unwrap();
    assert!(list.contains("BD-5.1.1") && !list.contains("PK-3.1.1"));
    let xml = karim.get("/programme/exports/iati").await.text().await.unwrap();
    validate_iati(&xml).unwrap();
    assert!(!xml.contains("XX-DEMO-PAK-2026"));
    assert_eq!(karim.get(&format!("/programme/indicators/{}", summary.indicators[0])).await.status(), 403);
}

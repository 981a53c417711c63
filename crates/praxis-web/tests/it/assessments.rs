//! National assessments through the pages and the API: a programme officer creates a TIP
//! assessment of Pakistan from the assessments page (a bad period is refused naming the field,
//! what was typed kept), adds findings, recommendations and stakeholders consulted (drawn on the
//! grid with the assessment's scores), moves it in progress; the creator is not offered
//! validation and the API refuses it; the country's focal point validates; the country page
//! lists it; Bangladesh's focal point sees nothing.

use serde_json::Value;

use crate::{spawn, world, TestApp};

async fn programme_people(t: &TestApp, un: praxis_model::OrgId) {
    t.user(un, "un.po", &["programme_officer"]).await;
    let moi = t.org("Ministry of Interior", "ministry", "PK", false).await;
    t.user(moi, "moi.fp", &["focal_point"]).await;
    let committee = t.org("Counter-Trafficking Committee", "national_committee", "BD", false).await;
    t.user(committee, "bd.fp", &["focal_point"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_is_made_in_the_browser_and_validated_by_a_second_person() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.signed_in("un.po").await;
    let res = po.post_form("/programme/countries", &[("country", "PK"), ("modality", "joint")]).await;
    assert_eq!(res.status(), 303);
    for (name, influence, interest) in [("Federal Secretary", "5", "4"), ("Director, AHT Circle", "3", "5")] {
        let res = po
            .post_form(
                "/programme/countries/PK/stakeholders",
                &[
                    ("name", name),
                    ("institution", "Government of Pakistan"),
                    ("prong", "capital_high_level"),
                    ("influence", influence),
                    ("interest", interest),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }

    // The list with its tab and form; a period ending before it starts is refused, text kept.
    let list = po.get("/programme/assessments").await.text().await.unwrap();
    assert!(list.contains("href=\"/programme/assessments\""), "the programme tab");
    assert!(list.contains("action=\"/programme/assessments\""), "the form to create one");
    let mut form = vec![
        ("country", "PK"),
        ("kind", "tip"),
        ("title", "Trafficking in persons in Pakistan, 2025"),
        ("period_start", "2025-01-01"),
        ("period_end", "2024-12-31"),
        ("planned_on", "2025-09-01"),
        ("methods", "desk_review"),
        ("methods", "field_visits"),
    ];
    let res = po.post_form("/programme/assessments", &form).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Period to") && page.contains("the period ends before it starts"),
        "the field is named"
    );
    assert!(page.contains("Trafficking in persons in Pakistan, 2025"), "what was typed is kept");
    form[4] = ("period_end", "2025-12-31");
    let res = po.post_form("/programme/assessments", &form).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 =
        location.trim_start_matches("/programme/assessments/").split('?').next().unwrap().parse().unwrap();
    let base = format!("/programme/assessments/{id}");

    // Findings, a recommendation, the stakeholders consulted with the assessment's own scores.
    let page = po.get(&base).await.text().await.unwrap();
    assert!(page.contains("Desk review") && page.contains("Field visits") && page.contains("Planned"));
    let select = &page[page.find("id=\"ks-stakeholder\"").expect("the stakeholders to choose from")..];
    let secretary = crate::extract_between(select, "<option value=\"", "\"").unwrap();
    assert!(
        select.contains(&format!("<option value=\"{secretary}\">Federal Secretary")),
        "the most influential first"
    );
    let res = po
        .post_form(
            &format!("{base}/findings"),
            &[("pillar", "protection"), ("finding", "No shelters for men")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"].to_str().unwrap(), format!("{base}?done=saved#findings"));
    let res = po
        .post_form(
            &format!("{base}/recommendations"),
            &[("priority", "4"), ("pillar", "protection"), ("recommendation", "Open shelters")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Priority"), "the field is named");
    let res = po
        .post_form(
            &format!("{base}/recommendations"),
            &[("priority", "1"), ("pillar", "protection"), ("recommendation", "Open shelters in Punjab")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = po
        .post_form(
            &format!("{base}/stakeholders"),
            &[
                ("stakeholder", &secretary),
                ("influence", "2"),
                ("interest", "1"),
                ("note", "Met in Islamabad"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = po.get(&base).await.text().await.unwrap();
    assert!(page.contains("class=\"stakeholder-grid\""), "the grid is drawn");
    assert!(page.contains("Influence (1–5): 2"), "with the assessment's score");
    assert!(page.contains("Open shelters in Punjab") && page.contains("No shelters for men"));

    // In progress; the creator is not offered validation, and the API refuses it.
    let res =
        po.post_form(&format!("{base}/status"), &[("status", "in_progress"), ("on", "2025-10-06")]).await;
    assert_eq!(res.status(), 303);
    let page = po.get(&base).await.text().await.unwrap();
    assert!(!page.contains("id=\"move-status\""), "no validation form for the creator");
    let token = t.token("un.po").await;
    let res = reqwest::Client::new()
        .post(t.url(&format!("/api/v1{base}/status")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"status": "validated"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "forbidden");

    // Bangladesh's focal point sees nothing; Pakistan's validates.
    let bd = t.signed_in("bd.fp").await;
    assert_eq!(bd.get(&base).await.status(), 403);
    assert!(!bd.get("/programme/assessments").await.text().await.unwrap().contains(&base));
    let fp = t.signed_in("moi.fp").await;
    let page = fp.get(&base).await.text().await.unwrap();
    assert!(page.contains("id=\"move-status\""), "the focal point may validate");
    let res = fp.post_form(&format!("{base}/status"), &[("status", "validated"), ("on", "2026-02-19")]).await;
    assert_eq!(res.status(), 303);

    // Through the API: the list, the assessment, nothing more to write.
    let fp_token = t.token("moi.fp").await;
    let get = |path: String, token: String| {
        let url = t.url(&path);
        async move {
            let res = reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            res.json::<Value>().await.unwrap()
        }
    };
    let list = get("/api/v1/programme/assessments?country=PK".into(), fp_token.clone()).await;
    assert_eq!(list[0]["status"], "validated");
    assert_eq!(list[0]["kind"], "tip");
    let one = get(format!("/api/v1{base}"), fp_token.clone()).await;
    let history: Vec<&str> =
        one["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(history, ["planned", "in_progress", "validated"]);
    assert_eq!(one["stakeholders"][0]["influence"], 2);
    assert_eq!(one["stakeholders"][0]["current_influence"], 5);
    assert_eq!(one["permissions"]["write"], false);
    let res = reqwest::Client::new()
        .post(t.url(&format!("/api/v1{base}/findings")))
        .bearer_auth(&fp_token)
        .json(&serde_json::json!({"pillar": "protection", "finding": "Too late"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "status");

    // The country page lists it, with a link.
    let country = po.get("/programme/countries/PK").await.text().await.unwrap();
    assert!(country.contains("id=\"assessments\"") && country.contains(&format!("href=\"{base}\"")));
}

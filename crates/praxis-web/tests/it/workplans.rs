//! Workplans, activities with their checklist, and the checklist editor through the pages and
//! the API: a programme officer creates a workplan and a located activity with the forms, the
//! Gantt view draws it (status letter, today line, grouped by output or pillar), a bad area is
//! refused naming the field, the checklist is published and answered; the demo renders.

use serde_json::Value;

use crate::{spawn, world};

fn id_after(location: &str, prefix: &str) -> i64 {
    location.trim_start_matches(prefix).split(['?', '#']).next().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workplan_is_drawn_as_a_gantt_and_its_activity_answers_the_checklist() {
    let t = spawn().await;
    let w = world(&t).await;
    t.user(w.un, "un.po", &["programme_officer"]).await;
    let po = t.signed_in("un.po").await;

    let res = po
        .post_form(
            "/programme/workplans",
            &[
                ("country", "PK"),
                ("title", "Pakistan 2026"),
                ("start_on", "2026-01-01"),
                ("end_on", "2027-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let wid = id_after(res.headers()["location"].to_str().unwrap(), "/programme/workplans/");

    let activity = |code: &'static str, area: &'static str, status: &'static str, tags: &'static str| {
        vec![
            ("workplan", wid.to_string()),
            ("reporting_org", "XX-T".to_owned()),
            ("identifier", format!("XX-T-{code}")),
            ("country", "PK".to_owned()),
            ("status", status.to_owned()),
            ("title", format!("Kiln inspections {code}")),
            ("description", "Inspections".to_owned()),
            ("output", "O3.2".to_owned()),
            ("responsible_org", "Punjab Labour Department".to_owned()),
            ("tags", tags.to_owned()),
            ("start_on", "2026-02-01".to_owned()),
            ("end_on", "2026-06-30".to_owned()),
            ("budget", "12500.50".to_owned()),
            ("currency", "USD".to_owned()),
            ("area", area.to_owned()),
            ("place", "Kasur".to_owned()),
            ("capital", "no".to_owned()),
            ("conflict_affected", "yes".to_owned()),
        ]
    };
    let fields = activity("A1", "PK-PB", "suspended", "capacity_building protection");
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = po.post_form("/programme/activities", &form).await;
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().starts_with(&format!("/programme/workplans/{wid}")));

    // An area outside the country is refused, naming the field in words.
    let fields = activity("A2", "BD-13", "pipeline", "capacity_building");
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = po.post_form("/programme/activities", &form).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Sub-national area"));

    let page = po.get(&format!("/programme/workplans/{wid}")).await.text().await.unwrap();
    let svg = page.split("<svg").find(|s| s.contains("class=\"gantt\"")).expect("a Gantt chart");
    // (Fluent isolates the placeable: "Output \u{2068}O3.2\u{2069}".)
    assert!(svg.contains("Output \u{2068}O3.2\u{2069}") && svg.contains("Kiln inspections A1"));
    assert!(svg.contains(">S</text>"), "the status as a letter, not only a colour");
    assert!(svg.contains("⚠"), "conflict-affected is marked");
    assert!(page.contains("12500.50 USD"));
    let by_pillar = po.get(&format!("/programme/workplans/{wid}?group=pillar")).await.text().await.unwrap();
    assert!(
        by_pillar.contains(">Capacity building</text>")
            && by_pillar.contains(">Protection and assistance</text>")
    );
    assert!(!by_pillar.contains("Output \u{2068}O3.2"));

    // The API gives the same with the location.
    let token = t.token("un.po").await;
    let v: Value = reqwest::Client::new()
        .get(t.url(&format!("/api/v1/programme/workplans/{wid}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let a = &v["activities"][0];
    assert_eq!(
        (a["area"].as_str(), a["capital"].as_bool(), a["conflict_affected"].as_bool()),
        (Some("PK-PB"), Some(false), Some(true))
    );
    assert_eq!(v["summary"]["budget_outside_capital"][0]["minor"], 1_250_050);
    let aid = a["id"].as_i64().unwrap();

    // The checklist: published by the officer, answered on the activity's page.
    let res = po
        .post_form("/programme/mainstreaming", &[("questions", "Were women consulted?\nIs the venue safe?")])
        .await;
    assert_eq!(res.status(), 303);
    let editor = po.get("/programme/mainstreaming").await.text().await.unwrap();
    assert!(editor.contains("Version \u{2068}1\u{2069}") && editor.contains("Is the venue safe?"));
    let res = po
        .post_form(
            &format!("/programme/activities/{aid}/checklist"),
            &[("version", "1"), ("answer-1", "partly"), ("note-1", "Two women of nine"), ("answer-2", "")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let v: Value = reqwest::Client::new()
        .get(t.url(&format!("/api/v1/programme/activities/{aid}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["checklist"][0]["questions"][0]["answer"], "partly");
    assert_eq!(v["checklist"][0]["questions"][1]["answer"], Value::Null);
    let res = reqwest::Client::new()
        .post(t.url(&format!("/api/v1/programme/activities/{aid}/checklist")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"version": 7, "answers": [{"question": 1, "answer": "yes"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "version");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_workplans_trainings_and_checklist_render_within_the_page_budget() {
    let t = spawn().await;
    t.app.seed_demo().await.unwrap();
    let b = t.browser();
    assert_eq!(b.login("tariq.mahmood", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let cli = praxis_app::Caller::Cli;
    let workplans = serde_json::to_value(t.app.workplans(&cli, None).await.unwrap()).unwrap();
    let trainings = serde_json::to_value(t.app.trainings(&cli, None).await.unwrap()).unwrap();
    let mut paths = vec![
        "/programme/workplans".to_owned(),
        "/programme/workplans?group=pillar".to_owned(),
        "/programme/trainings".to_owned(),
        "/programme/mentoring".to_owned(),
        "/programme/mainstreaming".to_owned(),
    ];
    paths.extend(
        workplans["workplans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| format!("/programme/workplans/{}", w["id"])),
    );
    paths.extend(
        trainings["trainings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| format!("/programme/trainings/{}", w["id"])),
    );
    paths.extend(
        workplans["activities"]
            .as_array()
            .unwrap()
            .iter()
            .take(3)
            .map(|a| format!("/programme/activities/{}", a["id"])),
    );
    for path in &paths {
        let res = b.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.len() < 150_000, "{path} weighs {} bytes", html.len());
    }
    let list = b.get("/programme/workplans").await.text().await.unwrap();
    assert!(list.contains("class=\"gantt\"") && list.contains("Regional workplan"));
    let first = trainings["trainings"][0]["id"].as_i64().unwrap();
    let page = b.get(&format!("/programme/trainings/{first}")).await.text().await.unwrap();
    assert!(page.contains("Normalised gain") && page.contains("Level 4: results"));
    // The indicator form offers the new computed sources.
    let ind = b.get("/programme/indicators").await.text().await.unwrap();
    assert!(
        ind.contains("value=\"women_trained_share\"")
            && ind.contains("value=\"activities_outside_capital_share\"")
    );
    // Another country's focal point sees neither Pakistan's workplan nor its trainings.
    let karim = t.browser();
    assert_eq!(karim.login("karim.hossain", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let list = karim.get("/programme/workplans").await.text().await.unwrap();
    assert!(!list.contains("Pakistan workplan"));
    assert_eq!(karim.get(&format!("/programme/trainings/{first}")).await.status(), 403);
}

//! Partner countries and consultative missions through the pages and the API: a programme
//! officer opens a country and records its stage, the country's focal point logs a meeting,
//! stakeholders appear on the grid, a mission's need becomes an activity shown both ways, and
//! refusals name the field.

use serde_json::Value;

use crate::{spawn, world, TestApp};

/// The UN office's programme officer, a Pakistani ministry's focal point, Bangladesh's.
async fn programme_people(t: &TestApp, un: praxis_model::OrgId) {
    t.user(un, "un.po", &["programme_officer"]).await;
    let moi = t.org("Ministry of Interior", "ministry", "PK", false).await;
    t.user(moi, "moi.fp", &["focal_point"]).await;
    let committee = t.org("Counter-Trafficking Committee", "national_committee", "BD", false).await;
    t.user(committee, "bd.fp", &["focal_point"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_country_is_followed_in_the_browser_from_stage_to_mission_to_activity() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.signed_in("un.po").await;

    // Open Pakistan; a subdivision is refused naming the field.
    let list = po.get("/programme/countries").await.text().await.unwrap();
    assert!(list.contains("action=\"/programme/countries\""), "the form to open a country");
    assert!(list.contains("href=\"/programme/countries\""), "the programme tab");
    let res = po.post_form("/programme/countries", &[("country", "PK-PB"), ("modality", "joint")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Country"));
    let res = po
        .post_form(
            "/programme/countries",
            &[
                ("country", "PK"),
                ("modality", "joint"),
                ("protocol", "Copy the Permanent Mission in Vienna."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/programme/countries/PK?done=created");

    // Record a step; one without evidence is shown again with the field named and the text kept.
    let res = po
        .post_form(
            "/programme/countries/PK/steps",
            &[("stage", "consultation"), ("on", "2025-03-10"), ("evidence", "Mission report")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/programme/countries/PK?done=saved#stage");
    let res = po
        .post_form(
            "/programme/countries/PK/steps",
            &[("stage", "partnership"), ("on", "2025-11-05"), ("evidence", ""), ("note", "kept text")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Evidence") && page.contains("a step needs at least one piece of evidence"),
        "the field is named"
    );
    assert!(page.contains("kept text"), "what was typed is kept");

    // Stakeholders, drawn on the grid; a bad score names the field.
    for (name, prong, influence, interest) in [
        ("Permanent Representative", "vienna_mission", "4", "3"),
        ("Federal Secretary", "capital_high_level", "5", "4"),
    ] {
        let res = po
            .post_form(
                "/programme/countries/PK/stakeholders",
                &[
                    ("name", name),
                    ("institution", "Government of Pakistan"),
                    ("prong", prong),
                    ("influence", influence),
                    ("interest", interest),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let res = po
        .post_form(
            "/programme/countries/PK/stakeholders",
            &[("name", "X"), ("prong", "vienna_mission"), ("influence", "9"), ("interest", "1")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Influence (1–5)"));

    // The focal point of Pakistan logs a decision; Bangladesh's may neither see nor write.
    let fp = t.signed_in("moi.fp").await;
    let res = fp
        .post_form(
            "/programme/countries/PK/log",
            &[
                ("kind", "decision"),
                ("occurred_on", "2026-09-22"),
                ("who", "Inter-ministerial committee"),
                ("summary", "Curriculum"),
                ("decided", "FIA Academy adopts the module"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let bd = t.signed_in("bd.fp").await;
    assert_eq!(bd.get("/programme/countries/PK").await.status(), 403);
    let res = bd
        .post_form(
            "/programme/countries/PK/log",
            &[("kind", "meeting"), ("occurred_on", "2026-01-01"), ("who", "x y"), ("summary", "x y")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert!(!bd
        .get("/programme/countries")
        .await
        .text()
        .await
        .unwrap()
        .contains("/programme/countries/PK\""));

    // A mission with the groups met, from the country page; then a need, made an activity.
    let res = po
        .post_form(
            "/programme/countries/PK/missions",
            &[
                ("title", "Consultative mission to Islamabad"),
                ("start_on", "2025-03-03"),
                ("end_on", "2025-03-10"),
                ("place", "Islamabad"),
                ("in_capital", "on"),
                ("groups", "law_enforcement"),
                ("groups", "judiciary"),
                ("findings", "Few financial investigations."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let mission: i64 =
        location.trim_start_matches("/programme/missions/").split('?').next().unwrap().parse().unwrap();
    let res = po
        .post_form(
            &format!("/programme/missions/{mission}/needs"),
            &[
                ("priority", "1"),
                ("pillar", "capacity_building"),
                ("need", "Financial investigation training"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = po.get(&format!("/programme/missions/{mission}")).await.text().await.unwrap();
    assert!(page.contains("Judiciary") && page.contains("in the capital"));
    let need: i64 = crate::extract_between(&page, "id=\"need-", "\"").unwrap().parse().unwrap();
    let make = format!("/programme/missions/{mission}/needs/{need}/activity");
    assert!(page.contains(&format!("action=\"{make}\"")), "the officer may make an activity");
    let res = po
        .post_form(
            &make,
            &[("identifier", "BAD-1"), ("reporting_org", "XX-TEST"), ("start_on", "2026-01-15")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("XX-TEST-"), "the identifier's rule is said");
    let res = po
        .post_form(
            &make,
            &[("identifier", "XX-TEST-PAK-1"), ("reporting_org", "XX-TEST"), ("start_on", "2026-01-15")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = po.get(&format!("/programme/missions/{mission}")).await.text().await.unwrap();
    assert!(page.contains("XX-TEST-PAK-1"), "the need shows its activity");
    assert!(!page.contains(&format!("action=\"{make}\"")), "no second activity");
    let indicators = po.get("/programme/indicators").await.text().await.unwrap();
    assert!(
        indicators.contains(&format!("/programme/missions/{mission}#need-{need}")),
        "the activity shows its need"
    );
    // The focal point sees the mission but may not make activities.
    let fp_page = fp.get(&format!("/programme/missions/{mission}")).await.text().await.unwrap();
    assert!(fp_page.contains("action=\"/programme/missions/") && fp_page.contains("/needs\""));

    // Ownership, and the country page with everything.
    let res = po
        .post_form(
            "/programme/countries/PK/ownership",
            &[
                ("criterion", "curriculum"),
                ("status", "achieved"),
                ("status_on", "2026-09-22"),
                ("evidence", "Committee decision"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = po.get("/programme/countries/PK").await.text().await.unwrap();
    assert!(page.contains("<svg") && page.contains("class=\"stakeholder-grid\""), "the grid is drawn");
    assert_eq!(page.matches("class=\"sg-").count(), 2, "one mark per stakeholder");
    assert!(page.contains("Manage closely"));
    assert!(page.contains("FIA Academy adopts the module"));
    assert!(page.contains(&format!("href=\"/programme/missions/{mission}\"")), "the mission is in the log");
    assert!(page.contains("\u{2068}1\u{2069} of \u{2068}4\u{2069} ownership criteria met."));
    assert!(page.contains("Copy the Permanent Mission in Vienna."));
    let list = po.get("/programme/countries").await.text().await.unwrap();
    assert!(
        list.contains("id=\"exit-readiness\"")
            && list.contains("Consultation")
            && list.contains("2025-03-10")
    );
    // In another language.
    let fa = t.signed_in("un.po").await;
    fa.post_form("/language", &[("locale", "fa"), ("back", "/")]).await;
    let page = fa.get("/programme/countries/PK").await.text().await.unwrap();
    assert!(page.contains("کشورهای شریک") && page.contains("dir=\"rtl\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_opens_a_country_and_turns_a_need_into_an_activity() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.token("un.po").await;
    let fp = t.token("moi.fp").await;
    let bd = t.token("bd.fp").await;
    let client = reqwest::Client::new();
    let url = |p: &str| t.url(&format!("/api/v1/programme{p}"));
    let post = |token: &str, path: &str, body: Value| {
        client.post(url(path)).bearer_auth(token.to_owned()).json(&body).send()
    };

    let res =
        post(&po, "/countries", serde_json::json!({"country": "IQ", "modality": "direct"})).await.unwrap();
    assert_eq!(res.status(), 201);
    let res =
        post(&po, "/countries", serde_json::json!({"country": "IQ", "modality": "direct"})).await.unwrap();
    assert_eq!(res.status(), 409);
    let res =
        post(&po, "/countries", serde_json::json!({"country": "PK", "modality": "joint"})).await.unwrap();
    assert_eq!(res.status(), 201);
    let res = post(
        &fp,
        "/countries/PK/steps",
        serde_json::json!({"stage": "consultation", "on": "2025-03-10", "evidence": "Mission report"}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 201);
    let res = post(
        &fp,
        "/countries/PK/stakeholders",
        serde_json::json!({"name": "Director", "prong": "capital_technical", "influence": 3, "interest": 5}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 201, "numbers as JSON numbers");
    let res = post(
        &fp,
        "/countries/PK/stakeholders",
        serde_json::json!({"name": "Director", "prong": "capital_technical", "influence": 0, "interest": 5}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        (body["error"]["code"].as_str(), body["error"]["field"].as_str()),
        (Some("invalid_input"), Some("influence"))
    );
    let res =
        post(&bd, "/countries/PK/steps", serde_json::json!({"stage": "partnership", "evidence": "MoU"}))
            .await
            .unwrap();
    assert_eq!(res.status(), 403);
    let res = client
        .put(url("/countries/PK/profile"))
        .bearer_auth(&po)
        .json(&serde_json::json!({"modality": "national", "protocol": "Through Vienna"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = post(&po, "/countries/PK/focal-points", serde_json::json!({"person": "Bilal", "institution": "Ministry of Interior", "role": "National focal point", "nominated_on": "2025-11-05", "username": "moi.fp"})).await.unwrap();
    assert_eq!(res.status(), 201);
    let res = post(&po, "/countries/PK/ownership", serde_json::json!({"criterion": "national_hosting", "status": "in_progress", "evidence": "Server ordered"})).await.unwrap();
    assert_eq!(res.status(), 201);

    let res = post(&po, "/missions", serde_json::json!({"country": "PK", "title": "Mission to Lahore", "start_on": "2025-03-03", "end_on": "2025-03-05",
        "place": "Lahore", "in_capital": false, "groups": ["prosecution", "civil_society"], "findings": "No referral procedure."})).await.unwrap();
    assert_eq!(res.status(), 201);
    let mission = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let res = post(&fp, &format!("/missions/{mission}/needs"), serde_json::json!({"priority": 1, "pillar": "protection", "need": "Referral between the FIA and shelters"})).await.unwrap();
    assert_eq!(res.status(), 201);
    let need = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let make = format!("/missions/{mission}/needs/{need}/activity");
    let body = serde_json::json!({"identifier": "XX-TEST-PAK-REF", "reporting_org": "XX-TEST", "start_on": "2026-02-01", "budget": "12000.50", "currency": "USD"});
    assert_eq!(
        post(&fp, &make, body.clone()).await.unwrap().status(),
        403,
        "focal points do not create activities"
    );
    let res = post(&po, &make, body.clone()).await.unwrap();
    assert_eq!(res.status(), 201);
    let activity = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    assert_eq!(post(&po, &make, body).await.unwrap().status(), 409);

    let get = |token: &str, path: &str| client.get(url(path)).bearer_auth(token.to_owned()).send();
    let m: Value = get(&fp, &format!("/missions/{mission}")).await.unwrap().json().await.unwrap();
    assert_eq!(m["needs"][0]["activity"]["id"], activity);
    assert_eq!(m["groups"], serde_json::json!(["prosecution", "civil_society"]));
    assert_eq!(m["permissions"]["make_activity"], false);
    let origins: Value =
        get(&po, &format!("/activities/{activity}/origins")).await.unwrap().json().await.unwrap();
    assert_eq!(origins[0]["mission_id"], mission);
    assert_eq!(origins[0]["need_id"], need);
    let c: Value = get(&fp, "/countries/PK").await.unwrap().json().await.unwrap();
    assert_eq!(c["stage"], "consultation");
    assert_eq!(c["modality"], "national");
    assert_eq!(c["focal_points"][0]["username"], "moi.fp");
    assert_eq!(c["exit"]["criteria"][3]["status"], "in_progress");
    assert!(c["log"].as_array().unwrap().iter().any(|l| l["mission_id"] == mission));
    let list: Value = get(&po, "/countries").await.unwrap().json().await.unwrap();
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["country"].as_str().unwrap()).collect();
    assert_eq!(codes, ["IQ", "PK"]);
    let list: Value = get(&bd, "/countries").await.unwrap().json().await.unwrap();
    assert_eq!(list, serde_json::json!([]), "Bangladesh's focal point sees neither");
    assert_eq!(get(&bd, &format!("/missions/{mission}")).await.unwrap().status(), 403);
}

//! Trainings through the pages and the API: a training of an activity, participants imported
//! from CSV all or nothing (the refusal lists every bad line and field, in the API's `details`
//! and on the page), the knowledge gain and the female share on the page and in the API.

use serde_json::Value;

use crate::{spawn, world};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participants_are_imported_whole_or_not_at_all() {
    let t = spawn().await;
    let w = world(&t).await;
    t.user(w.un, "un.po", &["programme_officer"]).await;
    let token = t.token("un.po").await;
    let post = |path: String, body: Value| {
        let req = reqwest::Client::new().post(t.url(&path)).bearer_auth(&token).json(&body);
        async move {
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap())
        }
    };
    let (s, a) = post(
        "/api/v1/programme/activities".into(),
        serde_json::json!({"identifier": "XX-T-1", "reporting_org": "XX-T", "title": "Courses", "description": "Courses",
            "country": "PK", "start_on": "2026-01-01"}),
    )
    .await;
    assert_eq!(s, 201);
    let (s, tr) = post(
        "/api/v1/programme/trainings".into(),
        serde_json::json!({"activity": a["id"], "title": "Investigating kiln cases", "start_on": "2026-03-09",
            "last_day": "2026-03-12", "place": "Lahore", "area": "PK-PB", "capital": false, "modality": "in_person"}),
    )
    .await;
    assert_eq!(s, 201);
    let id = tr["id"].as_i64().unwrap();

    let bad = "name,sex,age_band,institution,sector,pre_score,post_score\n\
               Sana Malik,female,30-39,FIA Lahore,police,40,70\n\
               ,male,30-39,FIA Lahore,soldier,40,70\n\
               ,female,99-120,FIA Lahore,police,40,170\n";
    let res = reqwest::Client::new()
        .post(t.url(&format!("/api/v1/programme/trainings/{id}/participants/import")))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "import_refused");
    let details: Vec<String> =
        body["error"]["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_owned()).collect();
    for expected in ["line 3: sector:", "line 4: age_band:", "line 4: post_score:"] {
        assert!(details.iter().any(|d| d.starts_with(expected)), "{expected} in {details:?}");
    }
    let v: Value = reqwest::Client::new()
        .get(t.url(&format!("/api/v1/programme/trainings/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["participants"].as_array().unwrap().len(), 0, "nothing of a refused file");

    // Through the page: the same file refused with the lines named, then a good one.
    let po = t.signed_in("un.po").await;
    let res = po.post_form(&format!("/programme/trainings/{id}/participants/import"), &[("csv", bad)]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("line 3: sector:"));
    let good = "name,sex,age_band,institution,sector,pre_score,post_score\n\
                Sana Malik,female,30-39,FIA Lahore,police,40,70\n\
                ,male,40-49,FIA Multan,border,60,80\n\
                ,male,18-29,\"Police, Punjab\",police,,90\n";
    let res = po.post_form(&format!("/programme/trainings/{id}/participants/import"), &[("csv", good)]).await;
    assert_eq!(res.status(), 303);
    let res = po
        .post_form(
            &format!("/programme/trainings/{id}/trainers"),
            &[("name", "Nadia Rahman"), ("sex", "female"), ("institution", "UN"), ("national_expert", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = po
        .post_form(
            &format!("/programme/trainings/{id}/followups"),
            &[
                ("level", "4"),
                ("observed_on", "2026-09-01"),
                ("note", "Three new cases with financial evidence"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = po.get(&format!("/programme/trainings/{id}")).await.text().await.unwrap();
    assert!(page.contains("Police, Punjab"), "a quoted field keeps its comma");
    assert!(page.contains("33.3 %"), "the female share: 1 of 3");
    assert!(page.contains("Three new cases with financial evidence"));
    let v: Value = reqwest::Client::new()
        .get(t.url(&format!("/api/v1/programme/trainings/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let s = &v["summary"];
    assert_eq!(
        (s["participants"]["total"].as_u64(), s["participants"]["female"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!((s["trainers"]["female"].as_u64(), s["national_experts"].as_u64()), (Some(1), Some(1)));
    // Two tested: (40→70) and (60→80): mean gain 25 points, normalised (75−50)/(100−50).
    assert_eq!(s["gain"]["tested"], 2);
    assert_eq!(s["gain"]["mean_gain"], "25.0");
    assert_eq!(s["gain"]["normalised_gain"], "0.50");
    assert_eq!(v["participants"][0]["gain"], 30);
    assert_eq!(v["followups"][0]["level"], 4);

    // Mentoring through the page.
    let res = po
        .post_form(
            "/programme/mentoring",
            &[
                ("mentor", "Khalid Mehmood"),
                ("mentee", "Sana Malik"),
                ("institution", "FIA Lahore"),
                ("country", "PK"),
                ("start_on", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(po.get("/programme/mentoring").await.text().await.unwrap().contains("Sana Malik"));
}

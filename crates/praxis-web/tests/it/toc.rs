//! Theories of change through the pages and the API: a programme officer starts one, the
//! country's focal point drafts it node by node, submits it, another person approves it, a
//! revision changes it, and the comparison marks what changed in a table and in the diagram;
//! a version goes out as JSON and comes back whole, or not at all.

use serde_json::Value;

use crate::{spawn, world, TestApp};

const TITLE: &str = "Pakistan: national theory of change";

async fn programme_people(t: &TestApp, un: praxis_model::OrgId) {
    t.user(un, "un.po", &["programme_officer"]).await;
    let moi = t.org("Ministry of Interior", "ministry", "PK", false).await;
    t.user(moi, "moi.fp", &["focal_point"]).await;
    let committee = t.org("Counter-Trafficking Committee", "national_committee", "BD", false).await;
    t.user(committee, "bd.fp", &["focal_point"]).await;
}

fn id_from_location(location: &str) -> i64 {
    location.trim_start_matches("/programme/toc/").split(['?', '/']).next().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_theory_is_drafted_approved_revised_and_compared_in_the_browser() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.signed_in("un.po").await;
    let res = po.post_form("/programme/toc", &[("title", TITLE), ("country", "PK")]).await;
    assert_eq!(res.status(), 303);
    let id = id_from_location(res.headers()["location"].to_str().unwrap());
    let res = po.post_form("/programme/toc", &[("title", "Nowhere"), ("country", ""), ("region", "")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Country"), "the error names the field");
    assert!(po.get("/programme/toc").await.text().await.unwrap().contains(TITLE));

    // The focal point drafts version 1 with the forms.
    let fp = t.signed_in("moi.fp").await;
    let v1 = format!("/programme/toc/{id}/versions/1");
    for (node, level, title) in [
        ("I1", "impact", "Fewer people trafficked"),
        ("OC1", "outcome", "Cases prosecuted"),
        ("O3.1", "output", "Investigators trained on trafficking cases"),
        ("A3.1.1", "activity", "Three-day courses"),
    ] {
        let res = fp
            .post_form(
                &format!("{v1}/nodes"),
                &[("id", node), ("level", level), ("title", title), ("tags", "capacity_building")],
            )
            .await;
        assert_eq!(res.status(), 303, "{node}");
        assert_eq!(res.headers()["location"], format!("{v1}?done=node_added").as_str());
    }
    for (from, to) in [("A3.1.1", "O3.1"), ("O3.1", "OC1"), ("OC1", "I1")] {
        let res = fp
            .post_form(
                &format!("{v1}/links"),
                &[
                    ("from", from),
                    ("to", to),
                    ("rationale", "Skills build cases"),
                    ("assumptions", "Officers stay in post"),
                    ("risks", "Transfers"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    // A downward link is refused, naming the field, and nothing is written.
    let res = fp
        .post_form(&format!("{v1}/links"), &[("from", "I1"), ("to", "A3.1.1"), ("rationale", "down")])
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("goes down from impact to activity"), "the engine's reason");
    let page = fp.get(&v1).await.text().await.unwrap();
    assert!(!page.contains("I1 → A3.1.1"));

    // The diagram: server-side SVG, bottom-up, arrows with their rationale as a tooltip, the
    // level's letter besides its colour; the links listed for print.
    assert!(page.contains("<svg class=\"toc\""));
    assert!(page.contains("<title>A3.1.1 → O3.1\nRationale: Skills build cases\nAssumptions: Officers stay in post\nRisks: Transfers</title>"));
    let y = |id: &str| {
        // The node's id label in the drawing; its `y` is the last one before it.
        let i = page.find(&format!(">{id}</text>")).unwrap();
        let head = &page[..i];
        let y0 = head.rfind("y=\"").unwrap() + 3;
        head[y0..].split('"').next().unwrap().parse::<f64>().unwrap()
    };
    assert!(y("A3.1.1") > y("O3.1") && y("O3.1") > y("OC1") && y("OC1") > y("I1"), "bottom-up");
    assert!(page.contains("class=\"letter\""));
    assert!(page.contains("id=\"link-A3.1.1-O3.1\""));

    // Submitted by the focal point, approved by the programme officer.
    let res = fp.post_form(&format!("{v1}/workflow"), &[("action", "submit")]).await;
    assert_eq!(res.status(), 303);
    let bd = t.signed_in("bd.fp").await;
    assert_eq!(bd.get(&v1).await.status(), 403, "another country's focal point");
    let res = fp.post_form(&format!("{v1}/workflow"), &[("action", "approve")]).await;
    assert_eq!(res.status(), 403, "a focal point does not approve");
    let res =
        po.post_form(&format!("{v1}/comments"), &[("body", "Say who trains judges"), ("node", "O3.1")]).await;
    assert_eq!(res.status(), 303);
    let res = po.post_form(&format!("{v1}/workflow"), &[("action", "approve")]).await;
    assert_eq!(res.headers()["location"], format!("{v1}?done=approved").as_str());
    let res = fp.post_form(&format!("{v1}/nodes/O3.1"), &[("level", "output"), ("title", "Changed")]).await;
    assert_eq!(res.status(), 422, "an approved version never changes");

    // Version 2: a revision; the focal point changes O3.1 and adds an activity.
    let res = fp.post_form(&format!("/programme/toc/{id}/revise"), &[]).await;
    let v2 = format!("/programme/toc/{id}/versions/2");
    assert_eq!(res.headers()["location"], format!("{v2}?done=revised").as_str());
    let res = fp
        .post_form(
            &format!("{v2}/nodes/O3.1"),
            &[
                ("level", "output"),
                ("title", "Investigators and judges trained"),
                ("tags", "capacity_building"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    fp.post_form(
        &format!("{v2}/nodes"),
        &[("id", "A3.1.3"), ("level", "activity"), ("title", "Training of trainers")],
    )
    .await;
    fp.post_form(
        &format!("{v2}/links"),
        &[("from", "A3.1.3"), ("to", "O3.1"), ("rationale", "National trainers")],
    )
    .await;
    let page = po.get(&format!("/programme/toc/{id}")).await.text().await.unwrap();
    assert!(
        page.contains("Version \u{2068}2\u{2069}") && page.contains("badge toc-draft"),
        "the latest version, a draft"
    );
    assert!(page.contains("Node changed"), "the history says who changed what");

    let diff = po.get(&format!("/programme/toc/{id}/diff?from=1&to=2")).await;
    assert_eq!(diff.status(), 200);
    let diff = diff.text().await.unwrap();
    assert!(
        diff.contains("Investigators trained on trafficking cases")
            && diff.contains("Investigators and judges trained")
    );
    assert!(diff.contains("class=\"node lv-output m-changed\""), "the diagram marks the change");
    assert!(diff.contains("class=\"node lv-activity m-added\""));
    assert!(diff.contains("class=\"link m-added\""));
    assert!(diff.contains("<text class=\"sign\""), "a sign as well as a colour");
    assert_eq!(po.get(&format!("/programme/toc/{id}/diff?from=1&to=9")).await.status(), 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_exports_and_imports_a_version_whole_or_not_at_all() {
    let t = spawn().await;
    let w = world(&t).await;
    programme_people(&t, w.un).await;
    let po = t.token("un.po").await;
    let fp = t.token("moi.fp").await;
    let client = reqwest::Client::new();
    let url = |p: &str| t.url(&format!("/api/v1/programme/toc{p}"));
    let create = |title: &str| {
        client
            .post(url(""))
            .bearer_auth(&po)
            .json(&serde_json::json!({"title": title, "country": "PK"}))
            .send()
    };
    let id = create(TITLE).await.unwrap().json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let copy = create("Copy").await.unwrap().json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let toml = "[[nodes]]\nid = \"I1\"\nlevel = \"impact\"\ntitle = \"Less trafficking\"\n\n[[nodes]]\nid = \"A1\"\nlevel = \"activity\"\ntitle = \"Courses\"\ntags = [\"capacity_building\"]\n\n[[links]]\nfrom = \"A1\"\nto = \"I1\"\nrationale = \"Long chain\"\nrisks = [\"Turnover\"]\n";
    let res = client
        .put(url(&format!("/{id}/versions/1/content")))
        .bearer_auth(&fp)
        .body(toml)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = client
        .get(url(&format!("/{id}/versions/1/export?format=json")))
        .bearer_auth(&fp)
        .send()
        .await
        .unwrap();
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let json = res.text().await.unwrap();
    let res = client
        .put(url(&format!("/{copy}/versions/1/content?format=json")))
        .bearer_auth(&fp)
        .body(json)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let a: Value =
        client.get(url(&format!("/{id}"))).bearer_auth(&po).send().await.unwrap().json().await.unwrap();
    let b: Value =
        client.get(url(&format!("/{copy}"))).bearer_auth(&po).send().await.unwrap().json().await.unwrap();
    assert_eq!((&a["nodes"], &a["links"]), (&b["nodes"], &b["links"]));
    assert_eq!(a["links"][0]["risks"][0], "Turnover");

    // A bad file: refused whole, each problem naming its field and line.
    let bad = "[[nodes]]\nid = \"I1\"\nlevel = \"impact\"\ntitle = \"x\"\n\n[[nodes]]\nid = \"O 1\"\nlevel = \"outptu\"\ntitle = \"y\"\n";
    let res = client
        .put(url(&format!("/{copy}/versions/1/content")))
        .bearer_auth(&fp)
        .body(bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "import_refused");
    let details: Vec<&str> =
        body["error"]["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(
        details[0].starts_with("line 6, nodes[2].id:") && details[1].starts_with("line 6, nodes[2].level:"),
        "{details:?}"
    );
    let after: Value =
        client.get(url(&format!("/{copy}"))).bearer_auth(&po).send().await.unwrap().json().await.unwrap();
    assert_eq!(after["nodes"], b["nodes"], "nothing written");

    // The review through the API, and the difference.
    let wf = |token: &str, id: i64, v: u32, action: &str| {
        client
            .post(url(&format!("/{id}/versions/{v}/workflow")))
            .bearer_auth(token.to_owned())
            .json(&serde_json::json!({"action": action}))
            .send()
    };
    assert_eq!(wf(&fp, id, 1, "submit").await.unwrap().status(), 200);
    assert_eq!(wf(&po, id, 1, "approve").await.unwrap().json::<Value>().await.unwrap()["status"], "approved");
    let res = client.post(url(&format!("/{id}/revise"))).bearer_auth(&fp).send().await.unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["version"], 2);
    let res =
        client.delete(url(&format!("/{id}/versions/2/links/A1/I1"))).bearer_auth(&fp).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let d: Value = client
        .get(url(&format!("/{id}/diff?from=1&to=2")))
        .bearer_auth(&po)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["links_removed"][0]["from"], "A1");
    assert!(d["nodes_added"].as_array().unwrap().is_empty());
}

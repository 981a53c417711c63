//! The programme dashboard and the donor report on the demo: indicator charts, the map of
//! activities, the reviews; each reader sees their countries only; the report is audited, printed
//! as PDF by headless Chromium, and refused to people without a programme role.

use serde_json::Value;

use crate::spawn;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_and_the_donor_report_show_what_the_reader_may_see() {
    let t = spawn().await;
    t.app.seed_demo().await.unwrap();
    if std::env::var_os("PRAXIS_CHROMIUM").is_none() {
        if let Ok(c) = std::env::var("PRAXIS_TEST_CHROMIUM") {
            std::env::set_var("PRAXIS_CHROMIUM", c);
        }
    }
    let tariq = t.browser();
    assert_eq!(tariq.login("tariq.mahmood", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let home = tariq.get("/").await.text().await.unwrap();
    assert!(home.contains("href=\"/programme\""), "the programme area opens on the dashboard");
    let page = tariq.get("/programme").await.text().await.unwrap();
    assert!(page.contains(">PK-3.1.1<") && page.contains(">BD-5.1.1<"), "indicators of both countries");
    assert!(page.matches("class=\"indicator-chart\"").count() >= 2, "charts against targets");
    assert!(page.contains("class=\"regionmap\"") && page.contains("data-code=\"PK-PB\""), "the map");
    assert!(page.contains("href=\"/programme/legal/"), "the reviews");
    // Each partner country's stage, the activities placed on their areas, the women's share.
    assert!(page.contains("href=\"/programme/countries/PK\"") && page.contains("badge stage-partnership"));
    assert!(
        page.split("data-count=\"").skip(1).any(|c| c.split('"').next().is_some_and(|n| n != "0")),
        "some area holds activities"
    );
    let women = crate::extract_between(&page, "id=\"women\"", "</section>").expect("the women's share");
    assert!(women.contains('%') && women.contains("Pakistan"), "{women}");
    assert!(page.len() < 400_000, "the dashboard weighs {} bytes", page.len());

    let res = tariq.post_form("/account/tokens", &[("name", "dashboard"), ("expires_in_days", "1")]).await;
    let html = res.text().await.unwrap();
    let token = crate::extract_between(&html, "id=\"new-token\"><bdi dir=\"ltr\">", "</bdi>").unwrap();
    let api: Value = reqwest::Client::new()
        .get(t.url("/api/v1/programme/dashboard"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let codes: Vec<&str> =
        api["indicators"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"PK-3.1.1") && codes.contains(&"BD-5.1.1"), "{codes:?}");
    assert!(!api["reviews"].as_array().unwrap().is_empty());

    // Bangladesh's focal point sees Bangladesh only.
    let karim = t.browser();
    assert_eq!(karim.login("karim.hossain", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let page = karim.get("/programme").await.text().await.unwrap();
    assert!(page.contains(">BD-5.1.1<") && !page.contains(">PK-3.1.1<"));

    // The donor report: HTML to print and PDF, both audited.
    let report = tariq.get("/programme/report").await;
    assert_eq!(report.status(), 200);
    let html = report.text().await.unwrap();
    assert!(html.contains("PK-3.1.1") && html.contains("class=\"regionmap\"") && !html.contains("<nav"));
    let pdf = tariq.get("/programme/report.pdf").await;
    assert_eq!(pdf.status(), 200, "Chromium prints the report");
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    let audit = t.app.list_audit(&praxis_app::Caller::Cli, None, 100).await.unwrap();
    let reports: Vec<_> = audit.iter().filter(|e| e.action == "programme.report").collect();
    assert_eq!(reports.len(), 2);

    // A viewer in Iraq has no programme role: the dashboard is empty, the report refused.
    let zainab = t.browser();
    assert_eq!(zainab.login("zainab.hassan", praxis_app::DEMO_PASSWORD).await.status(), 303);
    let page = zainab.get("/programme").await.text().await.unwrap();
    assert!(!page.contains("PK-3.1.1") && !page.contains("indicator-chart"));
    assert_eq!(zainab.get("/programme/report").await.status(), 403);
}

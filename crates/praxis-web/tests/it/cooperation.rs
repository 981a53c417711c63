//! Cooperation requests through the pages: drafted, sent, acknowledged by the requested side on
//! Praxis, with the requested authority's protocol from the directory.

use serde_json::Value;

use crate::{spawn, world};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_goes_from_one_country_to_the_other() {
    let t = spawn().await;
    let w = world(&t).await;
    // The directory, kept by the operating organisation.
    let un = t.signed_in("un.admin").await;
    let res = un
        .post_form(
            "/cooperation/directory",
            &[
                ("country", "BD"),
                ("name", "Ministry of Home Affairs"),
                ("kind", "central_authority_mla"),
                ("channel", "Diplomatic channel"),
                ("languages", "Bengali, English"),
                ("expected_response_days", "45"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let bad = un
        .post_form("/cooperation/directory", &[("country", "XX"), ("name", "Nobody"), ("kind", "fiu")])
        .await;
    assert_eq!(bad.status(), 422);

    let fia = t.signed_in("fia.inv").await;
    let res = fia
        .post_form(
            "/cooperation",
            &[
                ("kind", "mla"),
                ("reference", "MLA/PK/2026/12"),
                ("requesting_authority", "Ministry of Interior, Pakistan"),
                ("requested_country", "BD"),
                ("requested_authority", "Ministry of Home Affairs"),
                ("legal_basis", "UNTOC art. 18"),
                ("subject_matter", "Records of the recruiting agency"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = location.trim_start_matches("/cooperation/").split('?').next().unwrap().parse().unwrap();
    let page = fia.get(&location).await.text().await.unwrap();
    assert!(page.contains("Communication protocol") && page.contains("Diplomatic channel"));
    let res = fia
        .post_form(&format!("/cooperation/{id}/status"), &[("status", "sent"), ("note", "Via embassy")])
        .await;
    assert_eq!(res.status(), 303);
    let view: Value = reqwest::Client::new()
        .get(t.url(&format!("/api/v1/cooperation/requests/{id}")))
        .bearer_auth(t.token("fia.inv").await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["status"], "sent");
    assert!(view["deadline"].is_string(), "the deadline comes from the directory: {view}");
    // Acknowledging is the other side's step.
    let res = fia.post_form(&format!("/cooperation/{id}/status"), &[("status", "acknowledged")]).await;
    assert_eq!(res.status(), 403);

    // A request to an organisation on Praxis reaches it: CID Dhaka acknowledges.
    let shared: Value = reqwest::Client::new()
        .post(t.url("/api/v1/cooperation/requests"))
        .bearer_auth(t.token("fia.inv").await)
        .json(&serde_json::json!({"kind": "police_to_police", "reference": "P2P-7", "requesting_authority": "FIA Lahore",
            "requested_country": "BD", "requested_authority": "CID Dhaka", "requested_org": w.cid.0,
            "legal_basis": "Bilateral arrangement", "subject_matter": "Identify the sub-agent"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let p2p = shared["id"].as_i64().unwrap();
    assert_eq!(
        fia.post_form(&format!("/cooperation/{p2p}/status"), &[("status", "sent")]).await.status(),
        303
    );
    let cid = t.signed_in("cid.admin").await;
    let list = cid.get("/cooperation?direction=incoming").await.text().await.unwrap();
    assert!(list.contains("P2P-7") && !list.contains("MLA/PK/2026/12"));
    let res = cid.post_form(&format!("/cooperation/{p2p}/status"), &[("status", "acknowledged")]).await;
    assert_eq!(res.status(), 303);
    let page = fia.get(&format!("/cooperation/{p2p}")).await.text().await.unwrap();
    assert!(page.contains("Acknowledged") && page.contains("CID Dhaka"));
}

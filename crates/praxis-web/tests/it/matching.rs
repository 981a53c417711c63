//! Entity resolution in the platform: an investigator uploads a list written in several scripts,
//! the run proposes the records that are one person and says why; the investigator rejects one
//! proposal and confirms another, and the next run respects both. A bad list is refused whole
//! with its lines and fields named; another organisation cannot see the run.

use serde_json::Value;

use crate::{spawn, world, TestApp};

/// One smuggler written four ways, another person, and a namesake with another phone and birth
/// year (a hard negative).
const SUSPECTS: &str = "id,name,phone,born\n\
1,Mohammad Ali Khan,0300 1234567,1984-03-02\n\
2,محمد علی خان,+92 300 1234567,1984\n\
3,Мухаммад Али Хан,92-300-1234567,1984-03-02\n\
4,Mohd. Ali Khan,03001234567,\n\
5,Bilal Ahmed Qureshi,0333 7654321,1990-07-15\n\
6,Mohammad Ali Khan,0321 5550000,1961-11-30\n";

const MAPPING: &str = "full_name=name, phone=phone, birth_date=born";

fn form(title: &str, list: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("title", title.to_owned())
        .text("kind", "dedupe")
        .text("id_column", "id")
        .text("mapping", MAPPING)
        .text("threshold", "0.5")
        .text("phone_region", "PK")
        .part("left", reqwest::multipart::Part::bytes(list.as_bytes().to_vec()).file_name("suspects.csv"))
}

async fn wait_done(t: &TestApp, token: &str, run: i64) -> Value {
    for _ in 0..400 {
        let v: Value = reqwest::Client::new()
            .get(t.url(&format!("/api/v1/match/runs/{run}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if v["status"] != "running" {
            assert_eq!(v["status"], "done", "{v}");
            return v;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("run {run} did not finish");
}

fn pair<'a>(v: &'a Value, l: &str, r: &str) -> Option<&'a Value> {
    v["pairs"].as_array().unwrap().iter().find(|p| p["left_id"] == l && p["right_id"] == r)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_is_resolved_across_scripts_and_judgements_hold_in_later_runs() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("fia.inv").await;
    let token = t.token("fia.inv").await;
    let csrf = b.csrf().await;

    // A bad list is refused whole: every line and field named, nothing stored.
    let bad = "id,name,phone,born\n1,Ali,0300,\n1,Omar,0301,\n,Zia,0302,\n";
    let res = b
        .client
        .post(t.url(&format!("/match?csrf={csrf}")))
        .multipart(form("Bad", bad))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("line 3, field id") && html.contains("line 4, field id"), "{html}");
    let res = b
        .client
        .post(t.url(&format!("/match?csrf={csrf}")))
        .multipart(form("Bad", "ident,name\n1,Ali\n"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("line 1, field id") && html.contains("line 1, field phone"), "{html}");
    assert!(b.get("/match").await.text().await.unwrap().contains("No runs yet."));

    // The run, started from the page.
    let res = b
        .client
        .post(t.url(&format!("/match?csrf={csrf}")))
        .multipart(form("FIA suspects", SUSPECTS))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let run: i64 = location.trim_start_matches("/match/").parse().unwrap();
    let v = wait_done(&t, &token, run).await;
    // The four writings of Mohammad Ali Khan are one entity; Bilal and the namesake are apart.
    let clusters = v["clusters"].as_array().unwrap();
    let smuggler =
        clusters.iter().find(|c| c[1].as_array().unwrap().iter().any(|id| id == "1")).expect("a cluster");
    let members: Vec<&str> = smuggler[1].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(members.contains(&"2") && members.contains(&"3"), "{members:?}");
    assert!(!members.contains(&"5") && !members.contains(&"6"), "{members:?}");
    let p12 = pair(&v, "1", "2").expect("1–2 proposed");
    assert_eq!(p12["is_match"], true);
    let fields: Vec<&str> =
        p12["explanation"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(
        fields.iter().any(|f| f.contains("name")) && fields.iter().any(|f| f.contains("phone")),
        "{fields:?}"
    );

    // The review screen says why, and takes the analyst's verdicts.
    let html = b.get(&location).await.text().await.unwrap();
    assert!(html.contains("Proposed pairs") && html.contains("Confirm") && html.contains("Reject"));
    let res = b
        .post_form(
            &format!("/match/{run}/judgements"),
            &[("left_id", "1"), ("right_id", "2"), ("verdict", "rejected"), ("note", "different fathers")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (l4, r4) = if pair(&v, "1", "4").is_some() { ("1", "4") } else { ("3", "4") };
    let res = reqwest::Client::new()
        .post(t.url(&format!("/api/v1/match/runs/{run}/judgements")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"left_id": l4, "right_id": r4, "verdict": "confirmed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = reqwest::Client::new()
        .post(t.url(&format!("/api/v1/match/runs/{run}/judgements")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"left_id": "1", "right_id": "99", "verdict": "confirmed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "only proposed pairs are judged");

    // The next run respects both judgements.
    let res = reqwest::Client::new()
        .post(t.url(&format!("/api/v1/match/runs/{run}/rerun")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let again = res.json::<Value>().await.unwrap()["run"].as_i64().unwrap();
    let v2 = wait_done(&t, &token, again).await;
    let p12 = pair(&v2, "1", "2").expect("still listed, with its verdict");
    assert_eq!(p12["is_match"], false);
    assert_eq!(p12["verdict"], "rejected");
    assert_eq!(pair(&v2, l4, r4).unwrap()["is_match"], true);
    assert_eq!(v2["outcome"]["rejected"], 1);
    assert_eq!(v2["outcome"]["confirmed"], 1);
    let audit = t.app.list_audit(&praxis_app::Caller::Cli, None, 100).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.action == "match.judge").count(), 2);
    assert_eq!(audit.iter().filter(|e| e.action == "match.run.start").count(), 2);

    // Another organisation's investigator does not see the runs.
    let cid = t.signed_in("cid.admin").await;
    assert_eq!(cid.get(&location).await.status(), 403);
}

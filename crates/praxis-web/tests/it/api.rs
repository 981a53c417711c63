//! The JSON API: health, the OpenAPI document, errors with stable codes and the field at fault,
//! nothing half-written after a refusal, administration through the API, role changes taking
//! effect at once, and the audit log.

use praxis_app::Caller;
use reqwest::Method;
use serde_json::{json, Value};

use crate::{spawn, world, TestApp, PASSWORD};

/// A strong password that is not the test password.
const NEW_PASSWORD: &str = "amber-orchard-lantern-58";

/// An API client holding one person's token.
struct Api {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    async fn new(t: &TestApp, username: &str) -> Api {
        Api { client: reqwest::Client::new(), base: t.base.clone(), token: t.token(username).await }
    }

    /// Sends a request; answers the status and the body as JSON (`Null` when empty).
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req =
            self.client.request(method, format!("{}/api/v1{path}", self.base)).bearer_auth(&self.token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        answer(req.send().await.unwrap()).await
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.call(Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// Sends a body exactly as given, with the content type given.
    async fn raw(&self, method: Method, path: &str, body: &str, content_type: Option<&str>) -> (u16, Value) {
        let mut req =
            self.client.request(method, format!("{}/api/v1{path}", self.base)).bearer_auth(&self.token);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        answer(req.body(body.to_owned()).send().await.unwrap()).await
    }
}

async fn answer(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    (status, body)
}

/// Asserts an API error: the status, its stable code, a message, and the field at fault if any.
#[track_caller]
fn assert_error(got: &(u16, Value), status: u16, code: &str, field: Option<&str>) {
    let (s, body) = got;
    assert_eq!(*s, status, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "no message: {body}");
    assert_eq!(body["error"]["field"].as_str(), field, "{body}");
}

fn new_user(org: i64, username: &str, password: &str, roles: &[&str]) -> Value {
    json!({
        "org_id": org, "username": username, "display_name": format!("Test {username}"),
        "password": password, "roles": roles,
    })
}

/// How many users and organisations there are, and the head of the audit chain.
async fn census(t: &TestApp) -> (usize, usize, i64) {
    let users = t.app.list_users(&Caller::Cli, None).await.unwrap().len();
    let orgs = t.app.list_orgs(&Caller::Cli).await.unwrap().len();
    let head = t.app.list_audit(&Caller::Cli, None, 1).await.unwrap()[0].seq;
    (users, orgs, head)
}

/// The method (lower-case, as OpenAPI spells it) and path of every route of the API's router.
fn api_routes() -> Vec<(String, String)> {
    crate::outsiders::registered(include_str!("../../src/api/mod.rs"), "")
        .into_iter()
        .map(|(m, p)| (m.to_lowercase(), p))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_ok() {
    let t = spawn().await;
    let res = reqwest::get(t.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_api_path() {
    let t = spawn().await;
    let res = reqwest::get(t.url("/api/v1/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{}", doc["openapi"]);
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    let paths = doc["paths"].as_object().expect("paths");
    let routes = api_routes();
    assert!(routes.len() >= 15, "{routes:?}");
    for (method, path) in routes.iter().filter(|(_, p)| p != "/openapi.json") {
        let described =
            &paths.get(path).unwrap_or_else(|| panic!("{path} missing from the OpenAPI paths"))[method];
        assert!(described.is_object(), "{method} {path} missing from the OpenAPI document");
        assert!(described["responses"].is_object(), "{method} {path} has no responses");
    }
    // Nothing described that is not served.
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            assert!(
                routes.contains(&(method.clone(), path.clone())),
                "{method} {path} is described but not served"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn me_answers_who_holds_the_token() {
    let t = spawn().await;
    let w = world(&t).await;
    let api = Api::new(&t, "fia.inv").await;
    let (status, me) = api.get("/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["id"], w.fia_inv.0);
    assert_eq!(me["username"], "fia.inv");
    assert_eq!(me["display_name"], "Test fia.inv");
    assert_eq!(me["roles"], json!(["investigator"]));
    assert_eq!(me["locale"], "en");
    assert_eq!(me["organisation"]["id"], w.fia.0);
    assert_eq!(me["organisation"]["name"], "FIA Lahore");
    assert_eq!(me["organisation"]["kind"], "police");
    assert_eq!(me["organisation"]["jurisdiction"], "PK-PB");
    assert_eq!(me["organisation"]["platform_operator"], false);
    // The token's owner sees the token in their list, never the token itself.
    let (status, tokens) = api.get("/tokens").await;
    assert_eq!(status, 200);
    assert_eq!(tokens.as_array().unwrap().len(), 1);
    assert!(api.token.starts_with(tokens[0]["prefix"].as_str().unwrap()));
    assert!(!tokens.to_string().contains(&api.token));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_names_the_field_and_writes_nothing() {
    let t = spawn().await;
    let w = world(&t).await;
    let api = Api::new(&t, "un.admin").await;
    let fia = w.fia.0;
    let before = census(&t).await;

    let short = api.post("/users", new_user(fia, "new.person", "abcde", &["viewer"])).await;
    assert_error(&short, 422, "invalid_input", Some("password"));
    let common = api.post("/users", new_user(fia, "new.person", "password1234", &["viewer"])).await;
    assert_error(&common, 422, "invalid_input", Some("password"));
    let role = api.post("/users", new_user(fia, "new.person", NEW_PASSWORD, &["wizard"])).await;
    assert_error(&role, 422, "invalid_input", Some("roles"));
    let no_role = api.post("/users", new_user(fia, "new.person", NEW_PASSWORD, &[])).await;
    assert_error(&no_role, 422, "invalid_input", Some("roles"));
    let name = api.post("/users", new_user(fia, "-bad name-", NEW_PASSWORD, &["viewer"])).await;
    assert_error(&name, 422, "invalid_input", Some("username"));
    let org = api.post("/users", new_user(999_999, "new.person", NEW_PASSWORD, &["viewer"])).await;
    assert_error(&org, 422, "invalid_input", Some("org_id"));

    let place = api
        .post("/orgs", json!({"name": "Nowhere Police", "kind": "police", "jurisdiction": "Atlantis"}))
        .await;
    assert_error(&place, 422, "invalid_input", Some("jurisdiction"));
    let region =
        api.post("/orgs", json!({"name": "Nowhere Police", "kind": "police", "jurisdiction": "PK-XX"})).await;
    assert_error(&region, 422, "invalid_input", Some("jurisdiction"));
    let kind =
        api.post("/orgs", json!({"name": "Nowhere Police", "kind": "pirates", "jurisdiction": "PK"})).await;
    assert_error(&kind, 422, "invalid_input", Some("kind"));
    let org_name = api.post("/orgs", json!({"name": "X", "kind": "police", "jurisdiction": "PK"})).await;
    assert_error(&org_name, 422, "invalid_input", Some("name"));
    let operator = w.un.0;
    let disable_operator = api
        .put(&format!("/orgs/{operator}"), json!({"name": "UN Office Vienna", "kind": "international", "jurisdiction": "AT", "disabled": true}))
        .await;
    assert_error(&disable_operator, 422, "invalid_input", Some("disabled"));
    let roles =
        api.put(&format!("/users/{}/roles", w.fia_inv), json!({"roles": ["investigator", "wizard"]})).await;
    assert_error(&roles, 422, "invalid_input", Some("roles"));

    // Requests the application never sees: malformed JSON, a missing field, no JSON at all,
    // an id that is not a number.
    let malformed = api.raw(Method::POST, "/orgs", r#"{"name": "Half"#, Some("application/json")).await;
    assert_error(&malformed, 400, "invalid_input", None);
    let missing =
        api.raw(Method::POST, "/orgs", r#"{"name": "Half Police"}"#, Some("application/json")).await;
    assert_error(&missing, 400, "invalid_input", None);
    let wrong_type = api
        .raw(
            Method::PUT,
            &format!("/users/{}/disabled", w.fia_inv),
            r#"{"disabled": "yes"}"#,
            Some("application/json"),
        )
        .await;
    assert_error(&wrong_type, 400, "invalid_input", None);
    let not_json = api.raw(Method::POST, "/orgs", "name=Half+Police", None).await;
    assert_error(&not_json, 415, "invalid_input", None);
    let id = api.get("/users/abc").await;
    assert_error(&id, 400, "invalid_input", Some("id"));
    let id = api.put("/users/abc/roles", json!({"roles": ["viewer"]})).await;
    assert_error(&id, 400, "invalid_input", Some("id"));
    let id = api.call(Method::DELETE, "/tokens/1.5", None).await;
    assert_error(&id, 400, "invalid_input", Some("id"));

    assert_eq!(census(&t).await, before, "a refused request wrote something");
    let inv = t.app.get_user(&Caller::Cli, w.fia_inv).await.unwrap();
    assert_eq!(inv.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(), ["investigator"]);
    assert!(!inv.disabled);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_is_a_conflict() {
    let t = spawn().await;
    let w = world(&t).await;
    let api = Api::new(&t, "un.admin").await;
    let before = census(&t).await;
    for username in ["fia.inv", "FIA.Inv"] {
        let dup = api.post("/users", new_user(w.cid.0, username, NEW_PASSWORD, &["viewer"])).await;
        assert_error(&dup, 409, "conflict", None);
    }
    let dup = api.post("/orgs", json!({"name": "FIA Lahore", "kind": "ngo", "jurisdiction": "PK"})).await;
    assert_error(&dup, 409, "conflict", None);
    let (fia, cid) = (w.fia.0, w.cid.0);
    let rename = api
        .put(&format!("/orgs/{cid}"), json!({"name": "FIA Lahore", "kind": "police", "jurisdiction": "BD"}))
        .await;
    assert_error(&rename, 409, "conflict", None);
    assert_eq!(census(&t).await, before);
    assert_eq!(t.app.get_org(&Caller::Cli, w.cid).await.unwrap().name, "CID Dhaka");
    assert_eq!(t.app.get_org(&Caller::Cli, praxis_model::OrgId(fia)).await.unwrap().kind.as_str(), "police");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_api_paths_answer_json_404() {
    let t = spawn().await;
    world(&t).await;
    let api = Api::new(&t, "un.admin").await;
    for path in ["/xyz", "/users/1/xyz", "/orgs/1/users"] {
        assert_error(&api.get(path).await, 404, "not_found", None);
    }
    // Without a token too: the answer says nothing about what exists.
    let res = reqwest::get(t.url("/api/v1/xyz")).await.unwrap();
    assert_error(&answer(res).await, 404, "not_found", None);
    // Things that do not exist.
    assert_error(&api.get("/users/999999").await, 404, "not_found", None);
    assert_error(&api.get("/orgs/999999").await, 404, "not_found", None);
    assert_error(&api.put("/users/999999/roles", json!({"roles": ["viewer"]})).await, 404, "not_found", None);
    assert_error(&api.call(Method::DELETE, "/tokens/999999", None).await, 404, "not_found", None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platform_administrator_creates_an_organisation_and_a_user_who_can_sign_in() {
    let t = spawn().await;
    let w = world(&t).await;
    let api = Api::new(&t, "un.admin").await;

    let (status, created) =
        api.post("/orgs", json!({"name": "Shelter Karachi", "kind": "ngo", "jurisdiction": "pk-sd"})).await;
    assert_eq!(status, 201, "{created}");
    let org = created["id"].as_i64().unwrap();
    let (status, got) = api.get(&format!("/orgs/{org}")).await;
    assert_eq!(status, 200);
    assert_eq!(got["name"], "Shelter Karachi");
    assert_eq!(got["kind"], "ngo");
    assert_eq!(got["jurisdiction"], "PK-SD");
    assert_eq!(got["platform_operator"], false);
    assert_eq!(got["disabled"], false);
    let (_, all) = api.get("/orgs").await;
    assert_eq!(all.as_array().unwrap().len(), 4);

    let (status, created) =
        api.post("/users", new_user(org, "shelter.worker", NEW_PASSWORD, &["caseworker"])).await;
    assert_eq!(status, 201, "{created}");
    let user = created["id"].as_i64().unwrap();
    let (status, got) = api.get(&format!("/users/{user}")).await;
    assert_eq!(status, 200);
    assert_eq!(got["username"], "shelter.worker");
    assert_eq!(got["org_id"], org);
    assert_eq!(got["roles"], json!(["caseworker"]));
    assert!(got.get("password").is_none() && got.get("password_hash").is_none());
    let (_, listed) = api.get(&format!("/users?org={org}")).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);

    // The new person signs in on the login page.
    let b = t.browser();
    let res = b.login("shelter.worker", NEW_PASSWORD).await;
    assert_eq!(res.status(), 303);
    let home = b.get("/").await;
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Shelter Karachi"));

    // Both writes are audited as the platform administrator's.
    let audit = t.app.list_audit(&Caller::Cli, None, 50).await.unwrap();
    for action in ["org.create", "user.create"] {
        let e = audit.iter().find(|e| e.action == action).unwrap_or_else(|| panic!("no {action}"));
        assert_eq!(e.actor_user_id, Some(w.un_admin.0), "{action}");
    }

    // And the organisation can be renamed through the API.
    let (status, _) = api
        .put(
            &format!("/orgs/{org}"),
            json!({"name": "Shelter Sindh", "kind": "ngo", "jurisdiction": "PK-SD"}),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(t.app.get_org(&Caller::Cli, praxis_model::OrgId(org)).await.unwrap().name, "Shelter Sindh");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_change_takes_effect_on_the_next_request() {
    let t = spawn().await;
    let w = world(&t).await;
    let platform = Api::new(&t, "un.admin").await;
    let fia_admin = Api::new(&t, "fia.admin").await;
    let fia_viewer = Api::new(&t, "fia.viewer").await;
    let browser = t.signed_in("fia.admin").await;

    // An organisation's administrator reads their organisation's audit entries and users.
    let (status, _) = fia_admin.get("/audit").await;
    assert_eq!(status, 200);
    assert_eq!(fia_admin.get(&format!("/users/{}", w.fia_inv)).await.0, 200);
    assert_eq!(browser.get(&format!("/admin/users/{}", w.fia_inv)).await.status(), 200);

    let (status, body) =
        platform.put(&format!("/users/{}/roles", w.fia_admin), json!({"roles": ["viewer"]})).await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(body, Value::Null);

    // The very next requests, with the same token and the same session, are a viewer's.
    assert_error(&fia_admin.get("/audit").await, 403, "forbidden", None);
    assert_error(&fia_admin.get(&format!("/users/{}", w.fia_inv)).await, 403, "forbidden", None);
    assert_eq!(fia_admin.get("/me").await.1["roles"], json!(["viewer"]));
    assert_eq!(browser.get(&format!("/admin/users/{}", w.fia_inv)).await.status(), 403);
    assert_eq!(browser.get("/admin/audit").await.status(), 403);

    // And the other way: a viewer made administrator may act at once.
    assert_error(&fia_viewer.get("/audit").await, 403, "forbidden", None);
    let (status, _) =
        platform.put(&format!("/users/{}/roles", w.fia_viewer), json!({"roles": ["administrator"]})).await;
    assert_eq!(status, 204);
    assert_eq!(fia_viewer.get("/audit").await.0, 200);
    let (status, _) =
        fia_viewer.put(&format!("/users/{}/disabled", w.fia_inv), json!({"disabled": true})).await;
    assert_eq!(status, 204);
    assert!(t.app.get_user(&Caller::Cli, w.fia_inv).await.unwrap().disabled);

    // The change is audited with the roles before and after.
    let audit = t.app.list_audit(&Caller::Cli, None, 50).await.unwrap();
    let change =
        audit.iter().find(|e| e.action == "user.roles" && e.object_id == w.fia_admin.0.to_string()).unwrap();
    let detail: Value = serde_json::from_str(&change.detail).unwrap();
    assert_eq!(detail, json!({"before": "administrator", "after": "viewer"}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversight_reads_the_whole_audit_log() {
    let t = spawn().await;
    let w = world(&t).await;
    t.signed_in("fia.inv").await;
    let api = Api::new(&t, "overseer").await;
    let (status, entries) = api.get("/audit").await;
    assert_eq!(status, 200);
    let entries = entries.as_array().unwrap();
    let logins: Vec<&Value> = entries.iter().filter(|e| e["action"] == "auth.login").collect();
    assert!(
        logins.iter().any(|e| e["actor_user_id"] == w.fia_inv.0),
        "another organisation's login is visible"
    );
    assert!(logins.iter().any(|e| e["actor_user_id"] == w.overseer.0));
    assert!(entries.iter().any(|e| e["action"] == "org.create" && e["actor_user_id"].is_null()));
    let seqs: Vec<i64> = entries.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|p| p[0] > p[1]), "newest first: {seqs:?}");
    for e in entries {
        assert!(
            e["hash"].as_str().is_some_and(|h| !h.is_empty())
                && e["at"].as_str().is_some_and(|a| a.ends_with('Z'))
        );
    }

    // Paging.
    let (_, two) = api.get("/audit?limit=2").await;
    assert_eq!(two.as_array().unwrap().len(), 2);
    assert_eq!(two[0]["seq"], seqs[0]);
    let (_, older) = api.get(&format!("/audit?before={}", seqs[0])).await;
    assert_eq!(older[0]["seq"], seqs[1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_chain_verifies_intact() {
    let t = spawn().await;
    world(&t).await;
    let api = Api::new(&t, "overseer").await;
    let (status, check) = api.get("/audit/verify").await;
    assert_eq!(status, 200, "{check}");
    assert_eq!(check["intact"], true);
    assert!(check["first_broken_entry"].is_null() && check["reason"].is_null());
    let cli = t.app.verify_audit(&Caller::Cli).await.unwrap();
    assert_eq!(check["entries"], cli.entries);
    assert_eq!(check["head_hash"], cli.head_hash);
    assert!(cli.entries > 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_made_listed_and_revoked_through_the_api() {
    let t = spawn().await;
    world(&t).await;
    let api = Api::new(&t, "fia.inv").await;
    let (status, created) = api.post("/tokens", json!({"name": "laptop", "expires_in_days": 7})).await;
    assert_eq!(status, 201, "{created}");
    let second = created["token"].as_str().unwrap().to_owned();
    assert!(second.starts_with("prx_"));
    assert_eq!(created["info"]["name"], "laptop");
    assert!(created["info"]["expires_at"].is_string());
    let (_, list) = api.get("/tokens").await;
    assert_eq!(list.as_array().unwrap().len(), 2);

    let bad = api.post("/tokens", json!({"name": "", "expires_in_days": 7})).await;
    assert_error(&bad, 422, "invalid_input", Some("name"));
    let bad = api.post("/tokens", json!({"name": "forever", "expires_in_days": 5000})).await;
    assert_error(&bad, 422, "invalid_input", Some("expires_in_days"));

    let laptop = Api { client: reqwest::Client::new(), base: t.base.clone(), token: second };
    assert_eq!(laptop.get("/me").await.0, 200);
    let id = created["info"]["id"].as_i64().unwrap();
    let (status, _) = api.call(Method::DELETE, &format!("/tokens/{id}"), None).await;
    assert_eq!(status, 204);
    assert_error(&laptop.get("/me").await, 401, "unauthenticated", None);
    let (_, list) = api.get("/tokens").await;
    let revoked: Vec<bool> =
        list.as_array().unwrap().iter().map(|x| x["revoked"].as_bool().unwrap()).collect();
    assert_eq!(revoked.iter().filter(|r| **r).count(), 1);
    // The password never works as a token.
    let password = Api { client: reqwest::Client::new(), base: t.base.clone(), token: PASSWORD.into() };
    assert_error(&password.get("/me").await, 401, "unauthenticated", None);
}

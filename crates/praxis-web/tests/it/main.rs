//! HTTP tests of the web face: a real server on port 0 over a real database, driven by a real
//! HTTP client (and, in `browser`, by headless Chromium).

mod api;
mod assessments;
mod auth;
mod browser;
mod cases;
mod cooperation;
mod countries;
mod evidence;
mod flows;
mod hit_no_hit;
mod indicators;
mod legal_review;
mod matching;
mod outsiders;
mod pages;
mod programme;
mod screening;
mod toc;
mod trainings;
mod workplans;

use std::net::SocketAddr;
use std::sync::Arc;

use praxis_app::{App, Caller, Config, HitConfig, KeyConfig, NewOrgInput, NewUserInput, SecurityConfig};
use praxis_model::{OrgId, UserId};
use praxis_store::Backend;
use praxis_testkit::TestDb;
use reqwest::cookie::{CookieStore, Jar};

/// The password of every test user.
pub(crate) const PASSWORD: &str = "copper-meadow-violin-73";

pub(crate) struct TestApp {
    pub base: String,
    pub app: App,
    pub _db: TestDb,
}

/// Security settings for most tests: no second factor required, so logins complete at once.
pub(crate) fn relaxed() -> SecurityConfig {
    SecurityConfig { totp_required_roles: vec![], ..SecurityConfig::default() }
}

pub(crate) async fn spawn() -> TestApp {
    spawn_with(Backend::Sqlite, relaxed()).await
}

pub(crate) async fn spawn_with(backend: Backend, security: SecurityConfig) -> TestApp {
    spawn_config(backend, security, HitConfig::default()).await
}

/// A server with these hit/no-hit settings (a key holder, a quota).
pub(crate) async fn spawn_config(backend: Backend, security: SecurityConfig, hit: HitConfig) -> TestApp {
    let db = TestDb::new(backend).await;
    let config = Config {
        data_dir: db.dir.path().to_owned(),
        database: db.config.clone(),
        keys: KeyConfig::Memory,
        security,
        hit,
    };
    let app = App::open(config).await.expect("open app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let served = app.clone();
    tokio::spawn(async move {
        praxis_web::serve(listener, served, praxis_web::WebConfig::default(), std::future::pending())
            .await
            .unwrap();
    });
    TestApp { base: format!("http://{addr}"), app, _db: db }
}

impl TestApp {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) async fn org(&self, name: &str, kind: &str, jurisdiction: &str, operator: bool) -> OrgId {
        let input = NewOrgInput {
            name: name.into(),
            kind: kind.into(),
            jurisdiction: jurisdiction.into(),
            platform_operator: operator,
        };
        self.app.create_org(&Caller::Cli, &input).await.expect("create org")
    }

    pub(crate) async fn user(&self, org: OrgId, username: &str, roles: &[&str]) -> UserId {
        let input = NewUserInput {
            org_id: org.0,
            username: username.into(),
            display_name: format!("Test {username}"),
            email: String::new(),
            password: PASSWORD.into(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            locale: None,
        };
        self.app.create_user(&Caller::Cli, &input).await.expect("create user")
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
    pub(crate) fn browser(&self) -> Browser {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser { client, jar, base: self.base.clone() }
    }

    /// A browser already signed in as `username` (with the test password).
    pub(crate) async fn signed_in(&self, username: &str) -> Browser {
        let b = self.browser();
        let res = b.login(username, PASSWORD).await;
        assert_eq!(res.status(), 303, "login of {username} failed: {}", res.text().await.unwrap_or_default());
        b
    }

    /// A personal access token for `username`, made through the account page as a person would.
    pub(crate) async fn token(&self, username: &str) -> String {
        let b = self.signed_in(username).await;
        let res = b.post_form("/account/tokens", &[("name", "test"), ("expires_in_days", "30")]).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        extract_between(&html, "id=\"new-token\"><bdi dir=\"ltr\">", "</bdi>")
            .expect("token shown once on the page")
    }
}

pub(crate) struct Browser {
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub base: String,
}

impl Browser {
    pub(crate) fn cookie(&self, name: &str) -> Option<String> {
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    }

    pub(crate) async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    /// The CSRF token of this browser (fetching a page first if it has none yet).
    pub(crate) async fn csrf(&self) -> String {
        if let Some(t) = self.cookie("praxis_csrf") {
            return t;
        }
        self.get("/login").await;
        self.cookie("praxis_csrf").expect("a page sets the CSRF cookie")
    }

    /// Posts a form with this browser's CSRF token added.
    pub(crate) async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &csrf));
        self.client.post(format!("{}{path}", self.base)).form(&all).send().await.unwrap()
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub(crate) async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.base)).form(fields).send().await.unwrap()
    }

    pub(crate) async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_form("/login", &[("username", username), ("password", password), ("next", "/")]).await
    }
}

pub(crate) fn extract_between(s: &str, start: &str, end: &str) -> Option<String> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(s[i..j].to_owned())
}

/// The standard small world many tests use: an operating UN office, two national agencies in two
/// jurisdictions, and users of each kind.
pub(crate) struct World {
    pub un: OrgId,
    pub fia: OrgId,
    pub cid: OrgId,
    pub un_admin: UserId,
    pub fia_admin: UserId,
    pub fia_inv: UserId,
    pub fia_viewer: UserId,
    pub cid_admin: UserId,
    pub overseer: UserId,
}

pub(crate) async fn world(t: &TestApp) -> World {
    let un = t.org("UN Office Vienna", "international", "AT", true).await;
    let fia = t.org("FIA Lahore", "police", "PK-PB", false).await;
    let cid = t.org("CID Dhaka", "police", "BD", false).await;
    World {
        un,
        fia,
        cid,
        un_admin: t.user(un, "un.admin", &["administrator"]).await,
        fia_admin: t.user(fia, "fia.admin", &["administrator"]).await,
        fia_inv: t.user(fia, "fia.inv", &["investigator"]).await,
        fia_viewer: t.user(fia, "fia.viewer", &["viewer"]).await,
        cid_admin: t.user(cid, "cid.admin", &["administrator"]).await,
        overseer: t.user(un, "overseer", &["oversight"]).await,
    }
}

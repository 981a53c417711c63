//! Pages: security headers, languages and right-to-left, administration forms and their
//! validation, embedded assets.

use praxis_app::Caller;
use praxis_model::Locale;

use crate::{spawn, world, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_the_security_headers() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("un.admin").await;
    for path in ["/login", "/", "/account", "/admin/users", "/admin/orgs", "/admin/audit", "/account/tokens"]
    {
        let res = b.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{path}: {csp}");
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
    }
    let css = b.get("/assets/praxis.css").await;
    assert_eq!(css.status(), 200);
    assert!(css.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_loads_anything_from_outside() {
    let t = spawn().await;
    let w = world(&t).await;
    let b = t.signed_in("un.admin").await;
    let anonymous = t.browser().get("/login").await.text().await.unwrap();
    assert!(!anonymous.contains("src=\"http") && !anonymous.contains("href=\"http"));
    let pages = [
        "/".to_string(),
        "/account".into(),
        "/account/password".into(),
        "/account/totp".into(),
        "/account/tokens".into(),
        "/admin/users".into(),
        "/admin/users/new".into(),
        format!("/admin/users/{}", w.fia_inv),
        "/admin/orgs".into(),
        format!("/admin/orgs/{}", w.fia),
        "/admin/audit".into(),
    ];
    for path in &pages {
        let res = b.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.unwrap();
        for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http", "@import"] {
            assert!(!html.contains(attr), "{path} refers outside Praxis: {attr}");
        }
        assert!(!html.contains("<script>") && !html.contains(" style=\""), "{path}: inline script or style");
    }
    let css = b.get("/assets/praxis.css").await.text().await.unwrap();
    assert!(!css.contains("http://") && !css.contains("https://") && !css.contains("@import"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_is_chosen_and_remembered() {
    let t = spawn().await;
    world(&t).await;
    // Before login: a cookie, and the browser's preference as a default.
    let b = t.browser();
    let res = b.client.get(t.url("/login")).header("accept-language", "ru-RU,ru;q=0.9").send().await.unwrap();
    assert!(res.text().await.unwrap().contains("<html lang=\"ru\" dir=\"ltr\">"));
    let res = b.post_form("/language", &[("locale", "fa"), ("back", "/login")]).await;
    assert_eq!(res.status(), 303);
    let html = b.get("/login").await.text().await.unwrap();
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"), "{}", &html[..200]);

    // Signed in: kept on the account, so it follows the user to another browser.
    let b = t.signed_in("fia.inv").await;
    b.post_form("/language", &[("locale", "ar"), ("back", "/account")]).await;
    let html = b.get("/account").await.text().await.unwrap();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains("حسابي") || html.contains("الملف"), "Arabic text expected");
    let elsewhere = t.signed_in("fia.inv").await;
    assert!(elsewhere.get("/").await.text().await.unwrap().contains("<html lang=\"ar\" dir=\"rtl\">"));
    let me = t.app.find_user(&Caller::Cli, "fia.inv").await.unwrap();
    assert_eq!(me.locale, Locale::Ar);
    // An unknown language is refused, not stored.
    let res = b.post_form("/language", &[("locale", "xx"), ("back", "/")]).await;
    assert_eq!(res.status(), 422);
}

#[test]
fn every_language_has_every_message() {
    let english = praxis_web::i18n::message_ids(Locale::En);
    assert!(english.len() > 100);
    for locale in Locale::ALL {
        assert_eq!(praxis_web::i18n::parse_errors(locale), 0, "{} has syntax errors", locale.tag());
        let ids = praxis_web::i18n::message_ids(locale);
        let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
        let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            locale.tag()
        );
    }
    // Spot-check that a translation is a translation.
    let ar = praxis_web::i18n::Tr::new(Locale::Ar);
    assert_ne!(ar.t("login-submit"), "Sign in");
    assert!(ar.a("home-welcome", &[("name", "Leila")]).contains("Leila"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_an_organisation_validates_every_field_and_writes_nothing_on_error() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("un.admin").await;
    let before = t.app.list_orgs(&Caller::Cli).await.unwrap().len();
    let cases = [
        (("A", "police", "PK"), "Name"),
        (("Kabul Police", "spaceship", "AF"), "Kind"),
        (("Kabul Police", "police", "XX"), "Jurisdiction"),
        (("Kabul Police", "police", "PK-ZZ"), "Jurisdiction"),
        (("FIA Lahore", "police", "PK"), "already exists"),
    ];
    for ((name, kind, jurisdiction), expected) in cases {
        let res = b
            .post_form("/admin/orgs", &[("name", name), ("kind", kind), ("jurisdiction", jurisdiction)])
            .await;
        assert!(res.status() == 422 || res.status() == 409, "{expected}: {}", res.status());
        let html = res.text().await.unwrap();
        assert!(html.contains(expected), "{expected} not named in the answer");
        // The form keeps what was typed.
        assert!(html.contains(&format!("value=\"{name}\"")));
    }
    assert_eq!(t.app.list_orgs(&Caller::Cli).await.unwrap().len(), before);
    let res = b
        .post_form("/admin/orgs", &[("name", "Kabul Police"), ("kind", "police"), ("jurisdiction", "af")])
        .await;
    assert_eq!(res.status(), 303);
    let orgs = t.app.list_orgs(&Caller::Cli).await.unwrap();
    let kabul = orgs.iter().find(|o| o.name == "Kabul Police").unwrap();
    assert_eq!(kabul.jurisdiction, "AF");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_administrator_manages_their_own_users() {
    let t = spawn().await;
    let w = world(&t).await;
    let b = t.signed_in("fia.admin").await;
    let form = |username: &'static str, password: &'static str, role: &'static str| {
        vec![
            ("org_id", w.fia.0.to_string()),
            ("username", username.to_string()),
            ("display_name", "Sana Malik".to_string()),
            ("email", "sana@example.org".to_string()),
            ("password", password.to_string()),
            ("roles", role.to_string()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let b = &b;
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            b.post_form("/admin/users", &f).await
        }
    };
    let res = post(form("s", "granite-willow-ferry-88", "investigator")).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Login name"));
    let res = post(form("sana.malik", "123456789012", "investigator")).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("common password"));
    let res = post(form("sana.malik", "granite-willow-ferry-88", "oversight")).await;
    assert_eq!(res.status(), 403, "only the operating organisation grants the oversight role");
    assert!(t.app.find_user(&Caller::Cli, "sana.malik").await.is_err(), "nothing written");

    let res = post(form("sana.malik", "granite-willow-ferry-88", "investigator")).await;
    assert_eq!(res.status(), 303);
    let sana = t.app.find_user(&Caller::Cli, "sana.malik").await.unwrap();
    assert_eq!(sana.org_id, w.fia.0);
    // Roles, disabling and a password reset from the user's page.
    let page = format!("/admin/users/{}", sana.id);
    assert_eq!(
        b.post_form(&format!("{page}/roles"), &[("roles", "investigator"), ("roles", "financial_analyst")])
            .await
            .status(),
        303
    );
    assert_eq!(b.post_form(&format!("{page}/disabled"), &[("disabled", "true")]).await.status(), 303);
    let sana = t.app.find_user(&Caller::Cli, "sana.malik").await.unwrap();
    assert!(sana.disabled);
    assert_eq!(sana.roles.len(), 2);
    // Not in another organisation.
    let res = b
        .post_form(
            "/admin/users",
            &[
                ("org_id", &w.cid.0.to_string()),
                ("username", "intruder"),
                ("display_name", "X"),
                ("password", "granite-willow-ferry-88"),
                ("roles", "investigator"),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    // And not themselves.
    let res = b.post_form(&format!("/admin/users/{}/disabled", w.fia_admin), &[("disabled", "true")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(t.browser().login("fia.admin", PASSWORD).await.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_shown_once_and_can_be_revoked_from_the_page() {
    let t = spawn().await;
    world(&t).await;
    let token = t.token("fia.inv").await;
    assert!(token.starts_with("prx_") && token.len() > 40);
    let api = reqwest::Client::new();
    let me = api.get(t.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(me.status(), 200);
    let b = t.signed_in("fia.inv").await;
    let html = b.get("/account/tokens").await.text().await.unwrap();
    assert!(!html.contains(&token), "the token is never shown again");
    let id = crate::extract_between(&html, "action=\"/account/tokens/", "/revoke\"").unwrap();
    assert_eq!(b.post_form(&format!("/account/tokens/{id}/revoke"), &[]).await.status(), 303);
    let me = api.get(t.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(me.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_page_shows_entries_and_verifies_the_chain() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("overseer").await;
    let html = b.get("/admin/audit").await.text().await.unwrap();
    assert!(html.contains("auth.login") && html.contains("user.create"));
    let html = b.get("/admin/audit/verify").await.text().await.unwrap();
    assert!(html.contains("The chain is intact"), "{html}");
    // An organisation's administrator sees only their organisation's entries and cannot verify.
    let a = t.signed_in("cid.admin").await;
    let html = a.get("/admin/audit").await.text().await.unwrap();
    assert!(html.contains("auth.login"));
    assert!(!html.contains("/admin/audit/verify"));
    assert_eq!(a.get("/admin/audit/verify").await.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fonts_for_every_script_are_shipped() {
    let t = spawn().await;
    let b = t.browser();
    let css = b.get("/assets/praxis.css").await.text().await.unwrap();
    for font in ["NotoSans-Regular", "NotoSansArabic-Regular", "NotoSansBengali-Bold"] {
        let url = format!("/assets/fonts/{font}.woff2");
        assert!(css.contains(&url), "{font} named in the stylesheet");
        let res = b.get(&url).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "font/woff2");
        assert!(res.bytes().await.unwrap().starts_with(b"wOF2"));
    }
    assert_eq!(b.get("/assets/fonts/nonexistent.woff2").await.status(), 404);
    assert!(b.get("/assets/fonts/LICENSE-OFL.txt").await.text().await.unwrap().contains("Open Font License"));
}

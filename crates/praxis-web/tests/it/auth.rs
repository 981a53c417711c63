//! Login, logout, lockout, the second factor, CSRF, sessions that follow account changes.

use praxis_app::{Caller, SecurityConfig};
use praxis_model::Role;
use praxis_store::Backend;

use crate::{extract_between, relaxed, spawn, spawn_with, world, PASSWORD};

fn set_cookie_headers(res: &reqwest::Response) -> Vec<String> {
    res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

async fn login_logout_and_session_cookie_flags(backend: Backend) {
    let t = spawn_with(backend, relaxed()).await;
    world(&t).await;
    let b = t.browser();
    let res = b.login("fia.inv", PASSWORD).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/");
    let cookie = set_cookie_headers(&res)
        .into_iter()
        .find(|c| c.starts_with("praxis_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "not served over TLS in this test: {cookie}");
    let home = b.get("/").await;
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Test fia.inv"));

    let old_session = b.cookie("praxis_session").unwrap();
    let res = b.post_form("/logout", &[]).await;
    assert_eq!(res.status(), 303);
    // The old cookie no longer opens anything, even if a copy was kept.
    let copy = t.browser();
    copy.jar.add_cookie_str(&format!("praxis_session={old_session}"), &t.base.parse().unwrap());
    let res = copy.get("/").await;
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/login"));
}

praxis_testkit::both_backends!(login_logout_and_session_cookie_flags);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_cookies_when_configured() {
    let t = spawn_with(Backend::Sqlite, SecurityConfig { secure_cookies: true, ..relaxed() }).await;
    world(&t).await;
    let b = t.browser();
    let page = b.get("/login").await;
    assert!(set_cookie_headers(&page)
        .iter()
        .any(|c| c.starts_with("praxis_csrf=") && c.contains("; Secure")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let t = spawn().await;
    world(&t).await;
    let b = t.browser();
    let wrong = b.login("fia.inv", "not-the-password-at-all").await;
    assert_eq!(wrong.status(), 401);
    let wrong_body = wrong.text().await.unwrap();
    let unknown = b.login("nobody.here", "not-the-password-at-all").await;
    assert_eq!(unknown.status(), 401);
    let unknown_body = unknown.text().await.unwrap();
    let msg = |s: &str| extract_between(s, "role=\"alert\">", "</div>").unwrap();
    assert_eq!(msg(&wrong_body), msg(&unknown_body));
    assert_eq!(msg(&wrong_body), "The login name or password is not correct.");
    // A disabled account answers the same, even with the right password.
    let id = t.app.find_user(&Caller::Cli, "fia.viewer").await.unwrap().id;
    t.app.set_disabled(&Caller::Cli, praxis_model::UserId(id), true).await.unwrap();
    let disabled = b.login("fia.viewer", PASSWORD).await;
    assert_eq!(disabled.status(), 401);
    assert_eq!(msg(&disabled.text().await.unwrap()), msg(&wrong_body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account_with_429() {
    let t = spawn().await;
    world(&t).await;
    let b = t.browser();
    for _ in 0..5 {
        assert_eq!(b.login("fia.inv", "wrong-password-here").await.status(), 401);
    }
    // Locked: even the right password is refused, with a Retry-After.
    let res = b.login("fia.inv", PASSWORD).await;
    assert_eq!(res.status(), 429);
    let retry: i64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    // Unknown names lock the same way: a 429 tells nothing about whether a name exists.
    for _ in 0..5 {
        b.login("ghost.user", "wrong-password-here").await;
    }
    assert_eq!(b.login("ghost.user", PASSWORD).await.status(), 429);
    // Another account is not affected.
    assert_eq!(t.browser().login("fia.admin", PASSWORD).await.status(), 303);
    // Every attempt is in the audit log.
    let entries = t.app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    let logins = entries.iter().filter(|e| e.action == "auth.login").count();
    assert!(logins >= 13, "{logins}");
    assert!(entries.iter().any(|e| e.action == "auth.login" && e.outcome == "denied"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_the_csrf_token_are_refused() {
    let t = spawn().await;
    world(&t).await;
    let b = t.browser();
    b.csrf().await;
    // Login without the token, and with a wrong one.
    let res = b.post_raw("/login", &[("username", "fia.inv"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), 403);
    let res =
        b.post_raw("/login", &[("username", "fia.inv"), ("password", PASSWORD), ("csrf", "forged")]).await;
    assert_eq!(res.status(), 403);
    assert!(b.cookie("praxis_session").is_none());
    // Signed in: a forged profile change and a forged logout do nothing.
    let b = t.signed_in("fia.inv").await;
    let res = b.post_raw("/account/profile", &[("display_name", "Forged"), ("email", "")]).await;
    assert_eq!(res.status(), 403);
    let res = b.post_raw("/logout", &[("csrf", "x")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(b.get("/").await.status(), 200, "still signed in");
    let me = t.app.find_user(&Caller::Cli, "fia.inv").await.unwrap();
    assert_eq!(me.display_name, "Test fia.inv");
    // A client without the cookie at all is refused too.
    let bare = reqwest::Client::new();
    let res = bare.post(t.url("/login")).form(&[("username", "x"), ("csrf", "abc")]).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_changes_and_disabling_take_effect_on_the_next_request() {
    let t = spawn().await;
    let w = world(&t).await;
    let admin = t.signed_in("fia.admin").await;
    assert_eq!(admin.get("/admin/users").await.status(), 200);
    t.app.set_roles(&Caller::Cli, w.fia_admin, &["viewer".into()]).await.unwrap();
    let res = admin.get("/admin/users").await;
    assert_eq!(res.status(), 200, "the list is open, but shows only the user themself");
    let html = res.text().await.unwrap();
    assert!(!html.contains("fia.inv"), "a viewer must not see colleagues' accounts");
    let res = admin.get(&format!("/admin/users/{}", w.fia_inv)).await;
    assert_eq!(res.status(), 403);

    let inv = t.signed_in("fia.inv").await;
    assert_eq!(inv.get("/").await.status(), 200);
    t.app.set_disabled(&Caller::Cli, w.fia_inv, true).await.unwrap();
    let res = inv.get("/").await;
    assert_eq!(res.status(), 303, "a disabled user is signed out at once");
}

async fn totp_enrolment_login_and_recovery(backend: Backend) {
    let security =
        SecurityConfig { totp_required_roles: vec![Role::Administrator], ..SecurityConfig::default() };
    let t = spawn_with(backend, security).await;
    world(&t).await;
    let b = t.browser();
    // An administrator must enrol before doing anything else.
    let res = b.login("fia.admin", PASSWORD).await;
    assert_eq!(res.headers()["location"], "/account/totp");
    let res = b.get("/admin/users").await;
    assert_eq!(res.headers()["location"], "/account/totp");
    let res = b.post_form("/account/totp", &[]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let secret =
        extract_between(&html, "id=\"totp-secret\"><bdi dir=\"ltr\">", "</bdi>").expect("secret shown");
    assert!(html.contains("data:image/svg+xml;base64,"), "QR code shown as an embedded image");
    let wrong = b.post_form("/account/totp/confirm", &[("code", "000000"), ("secret", &secret)]).await;
    assert_eq!(wrong.status(), 401);
    let code = praxis_app::auth::totp_code_now(&secret).unwrap();
    let res = b.post_form("/account/totp/confirm", &[("code", &code)]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let codes_html = extract_between(&html, "id=\"recovery-codes\">", "</ul>").unwrap();
    let codes: Vec<String> = codes_html
        .split("<bdi dir=\"ltr\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    assert_eq!(b.get("/admin/users").await.status(), 200, "enrolled: the session is complete");

    // Next login asks for the code.
    b.post_form("/logout", &[]).await;
    let res = b.login("fia.admin", PASSWORD).await;
    assert_eq!(res.headers()["location"], "/login/totp");
    assert_eq!(b.get("/").await.headers()["location"], "/login/totp");
    assert_eq!(b.post_form("/login/totp", &[("code", "123456")]).await.status(), 401);
    // The code confirmed at enrolment has been used: a code is accepted once. The next period's
    // code (within the allowed clock skew) is not used yet.
    let used = code.clone();
    assert_eq!(b.post_form("/login/totp", &[("code", &used)]).await.status(), 401, "a used code is refused");
    let code = praxis_app::auth::totp_code_ahead(&secret, 1).unwrap();
    assert_eq!(b.post_form("/login/totp", &[("code", &code)]).await.status(), 303);
    assert_eq!(b.get("/").await.status(), 200);
    // Replaying that code in another browser is refused.
    let replay = t.browser();
    replay.login("fia.admin", PASSWORD).await;
    assert_eq!(replay.post_form("/login/totp", &[("code", &code)]).await.status(), 401, "replay refused");

    // A recovery code works once.
    for expected in [303, 401] {
        let c = t.browser();
        c.login("fia.admin", PASSWORD).await;
        assert_eq!(c.post_form("/login/totp", &[("code", &codes[0])]).await.status(), expected);
    }
    // The TOTP secret is a protected field: its reads are audited.
    let entries = t.app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    assert!(entries.iter().any(|e| e.action == "protected.read" && e.detail.contains("totp_secret")));
    assert!(entries.iter().any(|e| e.action == "auth.totp.enabled"));
}

praxis_testkit::both_backends!(totp_enrolment_login_and_recovery);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_login_only_local_paths_are_followed() {
    let t = spawn().await;
    world(&t).await;
    let b = t.browser();
    let res = b
        .post_form("/login", &[("username", "fia.inv"), ("password", PASSWORD), ("next", "//evil.example/x")])
        .await;
    assert_eq!(res.headers()["location"], "/");
    let b = t.browser();
    let res =
        b.post_form("/login", &[("username", "fia.inv"), ("password", PASSWORD), ("next", "/account")]).await;
    assert_eq!(res.headers()["location"], "/account");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_change_checks_the_rules_and_ends_other_sessions() {
    let t = spawn().await;
    world(&t).await;
    let other = t.signed_in("fia.inv").await;
    let b = t.signed_in("fia.inv").await;
    let cases: [(&str, &str, &str, &str); 3] = [
        (
            "wrong-current-password",
            "lantern-quartz-harvest-19",
            "lantern-quartz-harvest-19",
            "Current password",
        ),
        (PASSWORD, "short", "short", "at least 12 characters"),
        (PASSWORD, "password1234", "password1234", "common password"),
    ];
    for (current, new, confirm, expected) in cases {
        let res = b
            .post_form(
                "/account/password",
                &[("current_password", current), ("password", new), ("confirm", confirm)],
            )
            .await;
        assert_eq!(res.status(), 422, "{expected}");
        assert!(res.text().await.unwrap().contains(expected), "{expected}");
    }
    let new = "lantern-quartz-harvest-19";
    let res = b
        .post_form(
            "/account/password",
            &[("current_password", PASSWORD), ("password", new), ("confirm", new)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(b.get("/").await.status(), 200, "this session goes on");
    assert_eq!(other.get("/").await.status(), 303, "the other session has ended");
    assert_eq!(t.browser().login("fia.inv", new).await.status(), 303);
}

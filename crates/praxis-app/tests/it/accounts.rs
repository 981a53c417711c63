//! Accounts at the application layer: password rules, hashing parameters, login outcomes.

use praxis_app::auth::{check_password_policy, hash_password, NextStep};
use praxis_app::{AppError, Caller, NewOrgInput, NewUserInput};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;

#[test]
fn passwords_follow_the_rules() {
    for (pw, code) in [
        ("short", "too_short"),
        ("password1234", "too_common"),
        ("qwertyuiop123", "too_common"),
        ("aaaaaaaaaaaaaaaa", "too_common"),
        ("imran.shah-rocks-2026", "contains_username"),
    ] {
        match check_password_policy(pw, "imran.shah") {
            Err(AppError::Invalid(v)) => {
                assert_eq!(v.field, "password");
                assert_eq!(v.code, code, "{pw}");
            }
            other => panic!("{pw} accepted: {other:?}"),
        }
    }
    check_password_policy("harbour-lantern-saffron-42", "imran.shah").unwrap();
    check_password_policy("Ek lamba jumla jo yaad rahe 7", "imran.shah").unwrap();
}

#[tokio::test]
async fn hashes_are_argon2id_with_at_least_the_owasp_parameters() {
    let h = hash_password("harbour-lantern-saffron-42").await.unwrap();
    assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    assert_ne!(h, hash_password("harbour-lantern-saffron-42").await.unwrap(), "salted");
}

async fn login_outcomes(backend: Backend) {
    let (_db, app) = app(backend).await;
    let org = app
        .create_org(
            &Caller::Cli,
            &NewOrgInput {
                name: "FMU Pakistan".into(),
                kind: "fiu".into(),
                jurisdiction: "PK".into(),
                platform_operator: false,
            },
        )
        .await
        .unwrap();
    let input = NewUserInput {
        org_id: org.0,
        username: "ayesha".into(),
        display_name: "Ayesha Siddiqui".into(),
        email: "ayesha@example.org".into(),
        password: "harbour-lantern-saffron-42".into(),
        roles: vec!["financial_analyst".into()],
        locale: Some("ur".into()),
    };
    app.create_user(&Caller::Cli, &input).await.unwrap();
    let ok = app.login("AYESHA", "harbour-lantern-saffron-42", "127.0.0.1").await.unwrap();
    assert_eq!(ok.next, NextStep::Done);
    assert_eq!(ok.locale.tag(), "ur");
    let session = app.session(&ok.session_token).await.unwrap();
    assert_eq!(session.actor.username, "ayesha");
    assert!(matches!(
        app.login("ayesha", "wrong-password-xyz", "127.0.0.1").await,
        Err(AppError::BadCredentials)
    ));
    assert!(matches!(
        app.login("nobody", "wrong-password-xyz", "127.0.0.1").await,
        Err(AppError::BadCredentials)
    ));
    app.logout(&ok.session_token).await.unwrap();
    assert!(matches!(app.session(&ok.session_token).await, Err(AppError::Unauthenticated)));
    // Bad input to user creation names the field and writes nothing.
    let mut bad = input.clone();
    bad.username = "ayesha2".into();
    bad.email = "not-an-address".into();
    match app.create_user(&Caller::Cli, &bad).await {
        Err(AppError::Invalid(v)) => assert_eq!(v.field, "email"),
        other => panic!("{other:?}"),
    }
    bad.email = String::new();
    bad.org_id = 999;
    match app.create_user(&Caller::Cli, &bad).await {
        Err(AppError::Invalid(v)) => assert_eq!(v.field, "org_id"),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.count_users().await.unwrap(), 1);
    assert!(app.verify_audit(&Caller::Cli).await.unwrap().first_break.is_none());
}

both_backends!(login_outcomes);

//! The demo data set.

use praxis_app::{Caller, DEMO_PASSWORD};
use praxis_model::Role;
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;

async fn the_demo_has_every_role_and_its_logins_work(backend: Backend) {
    let (_db, app) = app(backend).await;
    let summary = app.seed_demo().await.unwrap();
    assert!(summary.organisations >= 10);
    for role in Role::ALL {
        assert!(summary.logins.iter().any(|l| l.roles.contains(&role)), "no demo user holds {role}");
    }
    let orgs = app.list_orgs(&Caller::Cli).await.unwrap();
    let countries: std::collections::BTreeSet<String> =
        orgs.iter().map(|o| o.jurisdiction.split('-').next().unwrap().to_owned()).collect();
    for c in ["AF", "BD", "IQ", "IR", "PK"] {
        assert!(countries.contains(c), "no organisation in {c}");
    }
    assert_eq!(orgs.iter().filter(|o| o.platform_operator).count(), 1);
    for l in &summary.logins {
        app.login(&l.username, DEMO_PASSWORD, "demo-test")
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", l.username));
    }
    assert!(app.seed_demo().await.is_err(), "the demo refuses a database that already has users");
    assert!(app.verify_audit(&Caller::Cli).await.unwrap().first_break.is_none());
}

both_backends!(the_demo_has_every_role_and_its_logins_work);

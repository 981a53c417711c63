//! Application-layer tests: the access policy against a reference model, protected fields through
//! the policy, accounts, and the demo data set.

mod accounts;
mod assessments;
mod cases;
mod cooperation;
mod demo;
mod engagement;
mod entities;
mod evidence;
mod hit_no_hit;
mod indicators;
mod legal_review;
mod policy;
mod protected;
mod scores;
mod screening;
mod sharing;
mod toc;
mod trainings;
mod workplans;

use praxis_app::{App, Config, HitConfig, KeyConfig, SecurityConfig};
use praxis_store::Backend;
use praxis_testkit::TestDb;

pub(crate) async fn app(backend: Backend) -> (TestDb, App) {
    app_with(backend, HitConfig::default()).await
}

/// An application with these hit/no-hit settings (a key holder, a quota).
pub(crate) async fn app_with(backend: Backend, hit: HitConfig) -> (TestDb, App) {
    let db = TestDb::new(backend).await;
    let config = Config {
        data_dir: db.dir.path().to_owned(),
        database: db.config.clone(),
        keys: KeyConfig::Memory,
        security: SecurityConfig { totp_required_roles: vec![], ..SecurityConfig::default() },
        hit,
    };
    let app = App::open(config).await.unwrap();
    (db, app)
}

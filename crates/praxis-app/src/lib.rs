//! The application layer: the one façade between Praxis's core and its faces (web, CLI).
//!
//! Architecture Invariant: faces call [`App`] and never reach into the store or engines. Every
//! service method takes a [`Caller`] and asks the [`policy`] before it reads or writes; the store's
//! [`praxis_store::WriteTx`] records each write in the audit chain in the same transaction.

pub mod assessments;
pub mod auth;
pub mod case_flows;
pub mod cases;
mod config;
pub mod cooperation;
mod demo;
mod demo_assessments;
mod demo_cases;
mod demo_cooperation;
mod demo_engagement;
mod demo_entities;
mod demo_flows;
mod demo_hit_no_hit;
mod demo_indicators;
mod demo_legal;
mod demo_matching;
mod demo_screening;
mod demo_toc;
mod demo_workplans;
mod directory;
pub mod engagement;
pub mod entities;
mod error;
pub mod evidence;
pub mod flows;
pub mod hit_no_hit;
pub mod indicators;
pub mod jobs;
pub mod legal_review;
pub mod links;
pub mod matching;
pub mod missions;
pub mod policy;
pub mod programme;
mod records;
pub mod scores;
pub mod screening;
pub mod screening_review;
pub mod sharing;
pub mod toc;
pub mod trainings;
mod validate;
pub mod workplans;

use std::sync::Arc;

pub use config::{Config, HitConfig, HitSeed, KeyConfig, SecurityConfig};
pub use demo::{DemoLogin, DemoSummary, DEMO_PASSWORD};
pub use directory::{NewOrgInput, NewUserInput, OrgView, UserView};
pub use error::AppError;
pub use policy::{Action, Actor, Caller, Decision, RecordKind, RecordRef};
pub use praxis_store::{AuditEntry, AuditVerification, Backend, DbConfig, Organisation};
pub use records::ProtectedReveal;

use praxis_store::{KeyRing, Store};

/// The application: configuration and storage, cheap to clone and shared by every request.
#[derive(Clone)]
pub struct App {
    pub(crate) store: Store,
    pub(crate) config: Arc<Config>,
    pub(crate) flows_cache: Arc<flows::GraphCache>,
    pub(crate) jobs: Arc<jobs::Jobs>,
}

impl App {
    /// Opens the database named by the configuration (running migrations) and the key ring.
    pub async fn open(config: Config) -> Result<App, AppError> {
        let keys = match &config.keys {
            KeyConfig::File(path) => KeyRing::from_file(path)?,
            KeyConfig::Environment(value) => KeyRing::from_env_value(value)?,
            KeyConfig::Memory => KeyRing::in_memory(),
        };
        let store = Store::open(config.database.clone(), keys).await?;
        Ok(App { store, config: Arc::new(config), flows_cache: Default::default(), jobs: Default::default() })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// True when the database answers (for health checks).
    pub async fn healthy(&self) -> bool {
        self.store.ping().await
    }

    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Walks the whole audit chain. Open to the command line (an operator with access to the
    /// database) and to the oversight role.
    pub async fn verify_audit(&self, caller: &Caller) -> Result<AuditVerification, AppError> {
        policy::authorize(caller, Action::Read, &RecordRef::audit_log(None))?;
        Ok(self.store.verify_audit().await?)
    }

    /// Audit entries the caller may see, newest first: administrators see their organisation's,
    /// the oversight role sees all.
    pub async fn list_audit(
        &self,
        caller: &Caller,
        before_seq: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, AppError> {
        let limit = limit.clamp(1, 500);
        match caller {
            Caller::Cli => Ok(self.store.list_audit(None, limit, before_seq).await?),
            Caller::User(actor) => {
                if policy::decide(caller, Action::Read, &RecordRef::audit_log(None)).allowed {
                    Ok(self.store.list_audit(None, limit, before_seq).await?)
                } else {
                    policy::authorize(caller, Action::Read, &RecordRef::audit_log(Some(actor.org.clone())))?;
                    Ok(self.store.list_audit(Some(actor.org.id.0), limit, before_seq).await?)
                }
            }
        }
    }

    /// A consistent online copy of the SQLite database.
    pub async fn backup(&self, dest: &std::path::Path) -> Result<(), AppError> {
        praxis_store::backup_sqlite(&self.store, dest).await?;
        let mut tx = self.store.begin_write().await?;
        tx.audit(
            praxis_store::AuditEvent::new("backup.create", "database", dest.display())
                .detail(serde_json::json!({ "via": "cli" })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a key for `jurisdiction` and re-encrypts its protected values under it.
    pub async fn rotate_key(&self, caller: &Caller, jurisdiction: &str) -> Result<(String, u64), AppError> {
        if !matches!(caller, Caller::Cli) {
            return Err(AppError::Denied("keys are rotated from the command line by the operator".into()));
        }
        let j = praxis_model::Jurisdiction::parse(jurisdiction).map_err(|e| {
            AppError::Invalid(praxis_model::InvalidValue::new("jurisdiction", "unknown", e.to_string()))
        })?;
        let event = praxis_store::AuditEvent::new("keys.rotate", "jurisdiction", j.code());
        Ok(self.store.rotate_key(j.code(), event).await?)
    }

    pub fn key_ids(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        self.store.keys().key_ids()
    }
}

/// Restores a SQLite backup over the configured database (the server must be stopped).
pub async fn restore(config: &Config, src: &std::path::Path) -> Result<(), AppError> {
    match &config.database {
        DbConfig::Sqlite { path } => Ok(praxis_store::restore_sqlite(src, path).await?),
        DbConfig::Postgres { .. } => Err(AppError::Invalid(praxis_model::InvalidValue::new(
            "database",
            "postgres",
            "this installation uses PostgreSQL: restore with pg_restore (see the README, \"Backups\")",
        ))),
    }
}

impl App {
    /// How many protected values each key id encrypts.
    pub async fn protected_key_usage(&self) -> Result<std::collections::BTreeMap<String, i64>, AppError> {
        Ok(self.store.protected_key_usage().await?)
    }
}

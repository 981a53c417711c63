//! Configuration, once: defaults, then `PRAXIS_…` environment variables, then flags (clap reads
//! both), validated at start into `praxis_app::Config`. Secrets never reach `Debug` output.

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::Args;
use praxis_app::{Config, DbConfig, HitConfig, HitSeed, KeyConfig, SecurityConfig};
use praxis_model::Role;

/// Options every command shares. Each is also read from the environment variable named.
#[derive(Debug, Args, Clone)]
pub(crate) struct Global {
    /// Directory for the SQLite database and the key file.
    #[arg(long, env = "PRAXIS_DATA_DIR", default_value = "./praxis-data", global = true)]
    pub data_dir: PathBuf,

    /// PostgreSQL URL (postgres://user:password@host/db). Without it Praxis uses SQLite in the
    /// data directory.
    #[arg(long, env = "PRAXIS_DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// File of protected-field keys (default: <data dir>/keys/protected-fields.keys). Ignored when
    /// PRAXIS_KEYS holds the keys themselves.
    #[arg(long, env = "PRAXIS_KEYS_FILE", global = true)]
    pub keys_file: Option<PathBuf>,

    /// Roles that must use a second factor (TOTP), comma-separated; "none" for none.
    #[arg(
        long,
        env = "PRAXIS_TOTP_REQUIRED_ROLES",
        default_value = "administrator,oversight",
        global = true
    )]
    pub totp_required_roles: String,

    /// Mark cookies Secure: set this when Praxis is reached over HTTPS.
    #[arg(long, env = "PRAXIS_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,

    /// Failed logins allowed per login name before a 15-minute lock.
    #[arg(long, env = "PRAXIS_MAX_LOGIN_FAILURES", default_value_t = 5, global = true)]
    pub max_login_failures: i64,

    /// Cross-border hit/no-hit: make this deployment a key holder with the secret seed written
    /// by `praxis match blind-index keygen` (its organisations then evaluate their blinded
    /// requests through the platform, counted against the quota and logged).
    #[arg(long, env = "PRAXIS_HIT_KEY_SEED_FILE", global = true)]
    pub hit_key_seed_file: Option<PathBuf>,

    /// The most selectors one organisation may have evaluated per epoch by this key holder.
    #[arg(long, env = "PRAXIS_HIT_QUOTA", default_value_t = 10_000, global = true)]
    pub hit_quota: usize,

    /// Log filter, e.g. "info" or "praxis_web=debug,info".
    #[arg(long, env = "PRAXIS_LOG", default_value = "info,sqlx=warn", global = true)]
    pub log: String,
}

pub(crate) fn init_logging(g: &Global) {
    let filter = tracing_subscriber::EnvFilter::try_new(&g.log)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
}

fn parse_roles(s: &str) -> anyhow::Result<Vec<Role>> {
    if s.trim().eq_ignore_ascii_case("none") || s.trim().is_empty() {
        return Ok(vec![]);
    }
    s.split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| Role::parse(r).with_context(|| format!("PRAXIS_TOTP_REQUIRED_ROLES: unknown role `{r}`")))
        .collect()
}

/// Builds the application configuration from the options.
pub(crate) fn config(g: &Global) -> anyhow::Result<Config> {
    let database = match &g.database_url {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            DbConfig::Postgres { url: url.clone() }
        }
        Some(url) if url.starts_with("sqlite:") => {
            let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
            DbConfig::Sqlite { path: PathBuf::from(path.split('?').next().unwrap_or(path)) }
        }
        Some(_) => bail!("PRAXIS_DATABASE_URL must start with postgres:// (or sqlite:)"),
        None => DbConfig::Sqlite { path: g.data_dir.join("praxis.db") },
    };
    let keys = match std::env::var("PRAXIS_KEYS") {
        Ok(v) if !v.trim().is_empty() => KeyConfig::Environment(v),
        _ => KeyConfig::File(
            g.keys_file.clone().unwrap_or_else(|| g.data_dir.join("keys").join("protected-fields.keys")),
        ),
    };
    if g.max_login_failures < 1 {
        bail!("PRAXIS_MAX_LOGIN_FAILURES must be at least 1");
    }
    let security = SecurityConfig {
        totp_required_roles: parse_roles(&g.totp_required_roles)?,
        max_failures_per_user: g.max_login_failures,
        secure_cookies: g.secure_cookies,
        ..SecurityConfig::default()
    };
    let key_seed = match &g.hit_key_seed_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("PRAXIS_HIT_KEY_SEED_FILE: cannot read {}", path.display()))?;
            Some(
                HitSeed::from_hex(&text)
                    .map_err(|e| anyhow::anyhow!("PRAXIS_HIT_KEY_SEED_FILE: {}: {e}", path.display()))?,
            )
        }
        None => None,
    };
    let hit = HitConfig { key_seed, quota: g.hit_quota };
    Ok(Config { data_dir: g.data_dir.clone(), database, keys, security, hit })
}

pub(crate) async fn open(g: &Global) -> anyhow::Result<praxis_app::App> {
    let config = config(g)?;
    let describe = config.database.describe();
    praxis_app::App::open(config).await.with_context(|| format!("cannot open the database ({describe})"))
}

//! The application's configuration: one typed struct. The CLI fills it from defaults, the
//! environment and flags; nothing else reads the environment.

use std::path::PathBuf;

use praxis_model::Role;
use praxis_store::DbConfig;

#[derive(Clone)]
pub enum KeyConfig {
    /// A key file, created when missing (default: `<data dir>/keys/protected-fields.keys`).
    File(PathBuf),
    /// Key lines given in `PRAXIS_KEYS` (the value is a secret: never printed).
    Environment(String),
    /// In-memory keys, for tests.
    Memory,
}

impl std::fmt::Debug for KeyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyConfig::File(p) => write!(f, "File({})", p.display()),
            KeyConfig::Environment(_) => write!(f, "Environment(<redacted>)"),
            KeyConfig::Memory => write!(f, "Memory"),
        }
    }
}

/// Login and session security settings.
#[derive(Debug, Clone)]
pub struct SecurityConfig {
    /// Roles whose holders must use a second factor (TOTP).
    pub totp_required_roles: Vec<Role>,
    /// Failed logins for one login name before it is locked.
    pub max_failures_per_user: i64,
    /// Failed logins from one client address before it is locked.
    pub max_failures_per_client: i64,
    /// The window failures are counted in, and how long a lock lasts.
    pub lockout_secs: i64,
    /// How long a session lasts.
    pub session_secs: i64,
    /// Mark cookies `Secure` (set when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self {
            totp_required_roles: vec![Role::Administrator, Role::Oversight],
            max_failures_per_user: 5,
            max_failures_per_client: 50,
            lockout_secs: 15 * 60,
            session_secs: 12 * 3600,
            secure_cookies: false,
        }
    }
}

/// The key holder's secret seed for hit/no-hit (from `praxis match blind-index keygen`): whoever
/// holds it can test guesses against every index. Never printed.
#[derive(Clone)]
pub struct HitSeed(Vec<u8>);

impl HitSeed {
    /// A seed of [`praxis_match::blind::SEED_LEN`] bytes.
    pub fn new(bytes: Vec<u8>) -> Result<HitSeed, String> {
        if bytes.len() != praxis_match::blind::SEED_LEN {
            return Err(format!(
                "a key holder's seed is {} bytes; this one is {}",
                praxis_match::blind::SEED_LEN,
                bytes.len()
            ));
        }
        Ok(HitSeed(bytes))
    }

    /// Reads the hex text `keygen` writes.
    pub fn from_hex(text: &str) -> Result<HitSeed, String> {
        let bytes = praxis_match::blind::from_hex(text.trim())
            .ok_or_else(|| "not a key holder's seed (64 hex digits, as keygen writes)".to_owned())?;
        HitSeed::new(bytes)
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for HitSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HitSeed(<redacted>)")
    }
}

/// Cross-border hit/no-hit: whether this deployment is a key holder, and its quota.
#[derive(Debug, Clone)]
pub struct HitConfig {
    /// The key holder's seed; `None`: this deployment is not a key holder.
    pub key_seed: Option<HitSeed>,
    /// Elements one organisation may have evaluated per epoch, all requests together.
    pub quota: usize,
}

impl Default for HitConfig {
    fn default() -> Self {
        Self { key_seed: None, quota: 10_000 }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database: DbConfig,
    pub keys: KeyConfig,
    pub security: SecurityConfig,
    pub hit: HitConfig,
}

impl Config {
    /// The embedded default: SQLite and a key file under `data_dir`.
    pub fn sqlite_in(data_dir: impl Into<PathBuf>) -> Config {
        let data_dir = data_dir.into();
        Config {
            database: DbConfig::Sqlite { path: data_dir.join("praxis.db") },
            keys: KeyConfig::File(data_dir.join("keys").join("protected-fields.keys")),
            security: SecurityConfig::default(),
            hit: HitConfig::default(),
            data_dir,
        }
    }
}

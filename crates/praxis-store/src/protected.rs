//! Protected fields: identities of victims, witnesses and informants, and other secrets, encrypted
//! at rest with XChaCha20-Poly1305 under a key kept outside the database, one key per
//! jurisdiction.
//!
//! Invariant: no plaintext of a protected value is ever written to the database, the logs or an
//! audit entry. Reading one is possible only inside a [`WriteTx`] together with the audit entry
//! that records the read.
//!
//! The ciphertext is bound to where it belongs (record type, record id, field, jurisdiction) as
//! associated data, so a value copied onto another record does not decrypt.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sqlx::Row;
use zeroize::Zeroizing;

use crate::audit::AuditEvent;
use crate::db::now_ms;
use crate::{Store, StoreError, WriteTx};

/// Where keys come from.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// A key file (created with mode 0600 when missing). New keys are appended to it.
    File(PathBuf),
    /// The `PRAXIS_KEYS` environment value: read-only, so every jurisdiction written to must
    /// already have a key.
    Environment,
    /// Keys held only in memory (tests).
    Memory,
}

struct Key {
    id: String,
    bytes: Zeroizing<[u8; 32]>,
}

struct Inner {
    source: KeySource,
    /// Keys per jurisdiction, oldest first; the last one encrypts.
    keys: BTreeMap<String, Vec<Key>>,
}

/// The protected-field keys. Cheap to clone; shared by all store handles.
#[derive(Clone)]
pub struct KeyRing {
    inner: Arc<RwLock<Inner>>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.inner.read().expect("key ring lock");
        let ids: Vec<&str> = inner.keys.values().flatten().map(|k| k.id.as_str()).collect();
        write!(f, "KeyRing({:?}, keys: {:?})", inner.source, ids)
    }
}

/// Parses key lines: `JURISDICTION KEY_ID BASE64_32_BYTES`; blank lines and `#` comments are
/// skipped. In the environment, entries may also be separated by `;`. Several per jurisdiction: the last
/// one is used for new encryptions.
fn parse_keys(
    text: &str,
    origin: &str,
    separators: &[char],
) -> Result<BTreeMap<String, Vec<Key>>, StoreError> {
    let mut keys: BTreeMap<String, Vec<Key>> = BTreeMap::new();
    for (n, line) in text.split(separators).enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [jur, id, b64] = parts[..] else {
            return Err(StoreError::Keys(format!(
                "{origin}, line {}: expected `JURISDICTION KEY_ID BASE64KEY`",
                n + 1
            )));
        };
        let raw = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|_| {
            StoreError::Keys(format!("{origin}, line {}: key {id} is not valid base64", n + 1))
        })?;
        let bytes: [u8; 32] = raw
            .try_into()
            .map_err(|_| StoreError::Keys(format!("{origin}, line {}: key {id} must be 32 bytes", n + 1)))?;
        keys.entry(jur.to_ascii_uppercase())
            .or_default()
            .push(Key { id: id.to_owned(), bytes: Zeroizing::new(bytes) });
    }
    Ok(keys)
}

impl KeyRing {
    /// Loads the key file, creating an empty one (mode 0600) if it does not exist.
    pub fn from_file(path: &Path) -> Result<KeyRing, StoreError> {
        let text = if path.exists() {
            std::fs::read_to_string(path)
                .map_err(|e| StoreError::Keys(format!("cannot read {}: {e}", path.display())))?
        } else {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StoreError::Keys(format!("cannot create {}: {e}", dir.display())))?;
            }
            let header = "# Praxis protected-field keys: JURISDICTION KEY_ID BASE64KEY.\n\
                          # Keep this file outside the database and its backups; without it protected\n\
                          # values cannot be read. The last key of a jurisdiction encrypts.\n";
            write_private(path, header)?;
            header.to_owned()
        };
        let keys = parse_keys(&text, &path.display().to_string(), &['\n'])?;
        Ok(KeyRing { inner: Arc::new(RwLock::new(Inner { source: KeySource::File(path.to_owned()), keys })) })
    }

    /// Reads keys from an environment value (read-only).
    pub fn from_env_value(value: &str) -> Result<KeyRing, StoreError> {
        let keys = parse_keys(value, "PRAXIS_KEYS", &['\n', ';'])?;
        Ok(KeyRing { inner: Arc::new(RwLock::new(Inner { source: KeySource::Environment, keys })) })
    }

    pub fn in_memory() -> KeyRing {
        KeyRing { inner: Arc::new(RwLock::new(Inner { source: KeySource::Memory, keys: BTreeMap::new() })) }
    }

    /// The ids of every key, per jurisdiction, oldest first.
    pub fn key_ids(&self) -> BTreeMap<String, Vec<String>> {
        let inner = self.inner.read().expect("key ring lock");
        inner.keys.iter().map(|(j, ks)| (j.clone(), ks.iter().map(|k| k.id.clone()).collect())).collect()
    }

    /// Adds a fresh key for `jurisdiction` and makes it the one that encrypts. Persists it first
    /// when the ring is file-backed, so a key is never used before it is safely stored.
    pub fn add_key(&self, jurisdiction: &str) -> Result<String, StoreError> {
        let jurisdiction = jurisdiction.to_ascii_uppercase();
        let mut inner = self.inner.write().expect("key ring lock");
        let n = inner.keys.get(&jurisdiction).map_or(0, Vec::len) + 1;
        let id = format!("{jurisdiction}-{n}-{:08x}", rand::random::<u32>());
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        match &inner.source {
            KeySource::File(path) => {
                let line = format!(
                    "{jurisdiction} {id} {}\n",
                    base64::engine::general_purpose::STANDARD.encode(bytes.as_ref())
                );
                let mut f = std::fs::OpenOptions::new()
                    .append(true)
                    .open(path)
                    .map_err(|e| StoreError::Keys(format!("cannot write {}: {e}", path.display())))?;
                f.write_all(line.as_bytes())
                    .and_then(|_| f.sync_all())
                    .map_err(|e| StoreError::Keys(format!("cannot write {}: {e}", path.display())))?;
            }
            KeySource::Environment => {
                return Err(StoreError::Keys(format!(
                    "no key for jurisdiction {jurisdiction} in PRAXIS_KEYS, and keys from the \
                     environment cannot be added to: add one there"
                )))
            }
            KeySource::Memory => {}
        }
        inner.keys.entry(jurisdiction).or_default().push(Key { id: id.clone(), bytes });
        Ok(id)
    }

    fn encrypt(
        &self,
        jurisdiction: &str,
        aad: &[u8],
        plaintext: &[u8],
    ) -> Result<(String, Vec<u8>, Vec<u8>), StoreError> {
        let jurisdiction = jurisdiction.to_ascii_uppercase();
        let has_key = self.inner.read().expect("key ring lock").keys.contains_key(&jurisdiction);
        if !has_key {
            self.add_key(&jurisdiction)?;
        }
        let inner = self.inner.read().expect("key ring lock");
        let key = inner.keys[&jurisdiction].last().expect("a jurisdiction has at least one key");
        let cipher = XChaCha20Poly1305::new(key.bytes.as_ref().into());
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad })
            .map_err(|_| StoreError::Keys("encryption failed".into()))?;
        Ok((key.id.clone(), nonce.to_vec(), ct))
    }

    fn decrypt(
        &self,
        key_id: &str,
        nonce: &[u8],
        ct: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        let inner = self.inner.read().expect("key ring lock");
        let key = inner
            .keys
            .values()
            .flatten()
            .find(|k| k.id == key_id)
            .ok_or_else(|| StoreError::Decrypt(key_id.to_owned()))?;
        if nonce.len() != 24 {
            return Err(StoreError::Decrypt(key_id.to_owned()));
        }
        let cipher = XChaCha20Poly1305::new(key.bytes.as_ref().into());
        cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad })
            .map(Zeroizing::new)
            .map_err(|_| StoreError::Decrypt(key_id.to_owned()))
    }
}

fn write_private(path: &Path, text: &str) -> Result<(), StoreError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f =
        opts.open(path).map_err(|e| StoreError::Keys(format!("cannot create {}: {e}", path.display())))?;
    f.write_all(text.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| StoreError::Keys(format!("cannot write {}: {e}", path.display())))
}

fn aad(record_type: &str, record_id: i64, field: &str, jurisdiction: &str) -> Vec<u8> {
    format!("praxis/v1\x1f{record_type}\x1f{record_id}\x1f{field}\x1f{}", jurisdiction.to_ascii_uppercase())
        .into_bytes()
}

impl WriteTx {
    /// Stores (or replaces) a protected value. The caller audits the write.
    pub async fn put_protected(
        &mut self,
        record_type: &str,
        record_id: i64,
        field: &str,
        jurisdiction: &str,
        plaintext: &str,
    ) -> Result<(), StoreError> {
        let (key_id, nonce, ct) = self.keys.encrypt(
            jurisdiction,
            &aad(record_type, record_id, field, jurisdiction),
            plaintext.as_bytes(),
        )?;
        sqlx::query("DELETE FROM protected_value WHERE record_type = $1 AND record_id = $2 AND field = $3")
            .bind(record_type)
            .bind(record_id)
            .bind(field)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO protected_value (record_type, record_id, field, jurisdiction, key_id, nonce, ciphertext, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(record_type)
        .bind(record_id)
        .bind(field)
        .bind(jurisdiction.to_ascii_uppercase())
        .bind(key_id)
        .bind(nonce)
        .bind(ct)
        .bind(now_ms())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Reads a protected value and records the read in the audit chain in the same transaction.
    pub async fn read_protected(
        &mut self,
        record_type: &str,
        record_id: i64,
        field: &str,
        audit: AuditEvent,
    ) -> Result<Option<Zeroizing<String>>, StoreError> {
        let row = sqlx::query(
            "SELECT jurisdiction, key_id, nonce, ciphertext FROM protected_value \
             WHERE record_type = $1 AND record_id = $2 AND field = $3",
        )
        .bind(record_type)
        .bind(record_id)
        .bind(field)
        .fetch_optional(self.conn())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let jurisdiction: String = row.try_get(0)?;
        let key_id: String = row.try_get(1)?;
        let nonce: Vec<u8> = row.try_get(2)?;
        let ct: Vec<u8> = row.try_get(3)?;
        let plain =
            self.keys.decrypt(&key_id, &nonce, &ct, &aad(record_type, record_id, field, &jurisdiction))?;
        self.audit(audit).await?;
        let text = String::from_utf8(plain.to_vec()).map_err(|_| StoreError::Decrypt(key_id))?;
        Ok(Some(Zeroizing::new(text)))
    }

    pub async fn delete_protected(
        &mut self,
        record_type: &str,
        record_id: i64,
        field: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM protected_value WHERE record_type = $1 AND record_id = $2 AND field = $3")
            .bind(record_type)
            .bind(record_id)
            .bind(field)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

impl Store {
    /// Adds a new key for `jurisdiction` and re-encrypts every protected value of that
    /// jurisdiction under it, in one transaction with its audit entry. Old keys stay in the ring
    /// (backups still need them). Returns the new key id and how many values were re-encrypted.
    #[tracing::instrument(skip_all, fields(jurisdiction))]
    pub async fn rotate_key(
        &self,
        jurisdiction: &str,
        audit: AuditEvent,
    ) -> Result<(String, u64), StoreError> {
        let jurisdiction = jurisdiction.to_ascii_uppercase();
        let new_id = self.keys.add_key(&jurisdiction)?;
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(
            "SELECT id, record_type, record_id, field, key_id, nonce, ciphertext FROM protected_value \
             WHERE jurisdiction = $1 ORDER BY id",
        )
        .bind(&jurisdiction)
        .fetch_all(tx.conn())
        .await?;
        let mut count = 0u64;
        for row in rows {
            let id: i64 = row.try_get(0)?;
            let record_type: String = row.try_get(1)?;
            let record_id: i64 = row.try_get(2)?;
            let field: String = row.try_get(3)?;
            let key_id: String = row.try_get(4)?;
            let nonce: Vec<u8> = row.try_get(5)?;
            let ct: Vec<u8> = row.try_get(6)?;
            let ad = aad(&record_type, record_id, &field, &jurisdiction);
            let plain = self.keys.decrypt(&key_id, &nonce, &ct, &ad)?;
            let (kid, nonce, ct) = self.keys.encrypt(&jurisdiction, &ad, &plain)?;
            debug_assert_eq!(kid, new_id);
            sqlx::query("UPDATE protected_value SET key_id = $1, nonce = $2, ciphertext = $3, updated_at = $4 WHERE id = $5")
                .bind(kid)
                .bind(nonce)
                .bind(ct)
                .bind(now_ms())
                .bind(id)
                .execute(tx.conn())
                .await?;
            count += 1;
        }
        let detail = serde_json::json!({ "new_key": new_id, "re_encrypted": count });
        tx.audit(audit.detail(detail)).await?;
        tx.commit().await?;
        Ok((new_id, count))
    }

    /// How many protected values use each key id (to tell when an old key is no longer needed).
    pub async fn protected_key_usage(&self) -> Result<BTreeMap<String, i64>, StoreError> {
        let mut conn = self.conn().await?;
        let rows = sqlx::query("SELECT key_id, COUNT(*) FROM protected_value GROUP BY key_id")
            .fetch_all(&mut *conn)
            .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }
}

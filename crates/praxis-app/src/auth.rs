//! Authentication: passwords (argon2id), login throttling and lockout, sessions, the TOTP second
//! factor with recovery codes, and personal access tokens for API clients.
//!
//! Invariants: only hashes of session tokens, API tokens and recovery codes are stored; a wrong
//! login name and a wrong password get the same answer, in about the same time; every login
//! attempt is audited.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use praxis_model::{Locale, Role, RoleSet, UserId};
use praxis_store::{AuditEvent, Outcome, ThrottleState, UserRow, WriteTx};
use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Secret, TOTP};

use crate::policy::{authorize, Action, Actor, Caller, RecordRef};
use crate::{App, AppError};

/// OWASP's minimum for argon2id: 19 MiB, two passes, one lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub const MIN_PASSWORD_CHARS: usize = 12;
const MAX_PASSWORD_CHARS: usize = 256;

/// Checks a new password: long enough, not too long, and not common or easy to guess (zxcvbn's
/// dictionaries of common passwords, names and patterns; score 3 of 4 required).
pub fn check_password_policy(password: &str, username: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AppError::invalid(
            "password",
            "too_short",
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AppError::invalid(
            "password",
            "too_long",
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    let lower = password.to_lowercase();
    if !username.is_empty() && lower.contains(&username.to_lowercase()) {
        return Err(AppError::invalid("password", "contains_username", "must not contain the login name"));
    }
    let estimate = zxcvbn::zxcvbn(password, &[username, "praxis"]);
    if (estimate.score() as u8) < 3 {
        return Err(AppError::invalid(
            "password",
            "too_common",
            "is a common password or too easy to guess; use a longer phrase of unrelated words",
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id (on a blocking thread: it takes tens of milliseconds).
pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::invalid("password", "hash", e.to_string()))
    })
    .await
    .expect("hashing task")
}

async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || match PasswordHash::new(&hash) {
        // The parameters come from the stored hash, so older hashes still verify.
        Ok(parsed) => argon2().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the login name does not exist, so that the answer takes as long.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2().hash_password(b"not a real password at all", &salt).expect("hash").to_string()
    })
}

pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What a session still owes before it may do anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Fully signed in.
    Done,
    /// Must enter a TOTP code or a recovery code.
    Totp,
    /// Holds a role that requires a second factor and must enrol one.
    EnrolTotp,
}

#[derive(Debug, Clone)]
pub struct LoginResult {
    /// The session token for the cookie. Only its hash is stored.
    pub session_token: String,
    pub next: NextStep,
    pub locale: Locale,
}

/// A live session, with its user loaded fresh.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub actor: Actor,
    pub next: NextStep,
    pub token_hash: String,
    pub expires_at: i64,
}

#[derive(Debug, Clone)]
pub struct TotpEnrolment {
    pub secret_base32: String,
    pub otpauth_uri: String,
}

#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// One's own account goes through the policy like any other record.
fn own(actor: &Actor, action: Action) -> Result<(), AppError> {
    authorize(&Caller::User(actor.clone()), action, &RecordRef::user(actor.user_id, actor.org.id)).map(|_| ())
}

const TOTP_SECRET: &str = "totp_secret";
const TOTP_PENDING: &str = "totp_pending";
const RECOVERY_CODES: usize = 10;

fn user_key(username: &str) -> String {
    format!("user:{}", username.trim().to_lowercase())
}
fn client_key(client: &str) -> String {
    format!("client:{client}")
}

impl App {
    fn requires_totp(&self, roles: &RoleSet) -> bool {
        self.config.security.totp_required_roles.iter().any(|r| roles.contains(*r))
    }

    fn next_step(&self, user: &UserRow, mfa_passed: bool) -> NextStep {
        if mfa_passed {
            NextStep::Done
        } else if user.totp_enabled {
            NextStep::Totp
        } else if self.requires_totp(&user.roles) {
            NextStep::EnrolTotp
        } else {
            NextStep::Done
        }
    }

    fn retry_after(&self, states: &[ThrottleState], now: i64) -> Option<i64> {
        states.iter().filter(|s| s.locked_until > now).map(|s| (s.locked_until - now + 999) / 1000).max()
    }

    async fn record_failure(&self, tx: &mut WriteTx, key: &str, max: i64, now: i64) -> Result<(), AppError> {
        let window = self.config.security.lockout_secs * 1000;
        let mut s = tx.throttle_get(key).await?;
        if now - s.first_failure_at > window {
            s = ThrottleState { failures: 0, first_failure_at: now, locked_until: 0 };
        }
        s.failures += 1;
        if s.failures >= max {
            s.locked_until = now + window;
        }
        tx.throttle_put(key, s).await?;
        Ok(())
    }

    /// Checks a login name and password. Throttled per login name and per client address: past
    /// the limit every attempt, right or wrong, gets `Throttled` until the lock expires.
    pub async fn login(&self, username: &str, password: &str, client: &str) -> Result<LoginResult, AppError> {
        let sec = &self.config.security;
        let now = praxis_store::now_ms();
        let (ukey, ckey) = (user_key(username), client_key(client));
        let attempted = username.trim().chars().take(64).collect::<String>();

        let peek = [self.store.throttle_peek(&ukey).await?, self.store.throttle_peek(&ckey).await?];
        if let Some(retry_after_secs) = self.retry_after(&peek, now) {
            let mut tx = self.store.begin_write().await?;
            tx.audit(
                AuditEvent::new("auth.login", "user", &attempted)
                    .outcome(Outcome::Denied)
                    .detail(serde_json::json!({ "reason": "locked", "client": client })),
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::Throttled { retry_after_secs });
        }

        let user = self.store.get_user_by_username(username).await?;
        let hash = user.as_ref().map_or(dummy_hash(), |u| u.password_hash.as_str());
        let password_ok = verify_password(password, hash).await && user.is_some();
        let org_ok = match &user {
            Some(u) => self.store.get_org(u.org_id).await?.is_some_and(|o| !o.disabled),
            None => false,
        };
        let ok = password_ok && org_ok && user.as_ref().is_some_and(|u| !u.disabled);

        let mut tx = self.store.begin_write().await?;
        if !ok {
            self.record_failure(&mut tx, &ukey, sec.max_failures_per_user, now).await?;
            self.record_failure(&mut tx, &ckey, sec.max_failures_per_client, now).await?;
            let reason = match &user {
                None => "unknown login name",
                Some(u) if u.disabled && password_ok => "account disabled",
                Some(_) if password_ok => "organisation disabled",
                Some(_) => "wrong password",
            };
            tx.audit(
                AuditEvent::new("auth.login", "user", &attempted)
                    .by(user.as_ref().map(|u| u.id.0), user.as_ref().map(|u| u.org_id.0))
                    .outcome(Outcome::Failed)
                    .detail(serde_json::json!({ "reason": reason, "client": client })),
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::BadCredentials);
        }
        let user = user.expect("checked above");
        tx.throttle_clear(&ukey).await?;
        let next = self.next_step(&user, false);
        let token = random_token("");
        let expires = now + sec.session_secs * 1000;
        tx.insert_session(&sha256_hex(token.as_bytes()), user.id, expires, next == NextStep::Done).await?;
        tx.audit(
            AuditEvent::new("auth.login", "user", user.id).by(Some(user.id.0), Some(user.org_id.0)).detail(
                serde_json::json!({ "client": client, "second_factor": match next {
                    NextStep::Done => "not required",
                    NextStep::Totp => "pending",
                    NextStep::EnrolTotp => "enrolment required",
                }}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(LoginResult { session_token: token, next, locale: user.locale })
    }

    /// Loads a user for a request, refusing disabled users and organisations.
    pub(crate) async fn load_actor(&self, id: UserId) -> Result<Actor, AppError> {
        let user = self.store.get_user(id).await?.ok_or(AppError::Unauthenticated)?;
        if user.disabled {
            return Err(AppError::Unauthenticated);
        }
        let org = self.store.get_org(user.org_id).await?.ok_or(AppError::Unauthenticated)?;
        if org.disabled {
            return Err(AppError::Unauthenticated);
        }
        Ok(Actor {
            user_id: user.id,
            username: user.username,
            display_name: user.display_name,
            org,
            roles: user.roles,
            locale: user.locale,
        })
    }

    /// The session behind a cookie token, with its user loaded fresh.
    pub async fn session(&self, token: &str) -> Result<SessionInfo, AppError> {
        let token_hash = sha256_hex(token.as_bytes());
        let session = self.store.get_session(&token_hash).await?.ok_or(AppError::Unauthenticated)?;
        let actor = self.load_actor(session.user_id).await?;
        let user = self.store.get_user(session.user_id).await?.ok_or(AppError::Unauthenticated)?;
        let next = self.next_step(&user, session.mfa_passed);
        Ok(SessionInfo { actor, next, token_hash, expires_at: session.expires_at })
    }

    /// Ends a session.
    pub async fn logout(&self, token: &str) -> Result<(), AppError> {
        let token_hash = sha256_hex(token.as_bytes());
        let Some(session) = self.store.get_session(&token_hash).await? else {
            return Ok(());
        };
        let mut tx = self.store.begin_write().await?;
        tx.delete_session(&token_hash).await?;
        let org = tx.get_user(session.user_id).await?.map(|u| u.org_id.0);
        tx.audit(AuditEvent::new("auth.logout", "user", session.user_id).by(Some(session.user_id.0), org))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn totp_for(
        &self,
        tx: &mut WriteTx,
        user: &UserRow,
        field: &str,
    ) -> Result<Option<TOTP>, AppError> {
        let event = AuditEvent::new("protected.read", "user", user.id)
            .by(Some(user.id.0), Some(user.org_id.0))
            .detail(serde_json::json!({ "field": field, "purpose": "second factor check" }));
        let Some(secret) = tx.read_protected("user", user.id.0, field, event).await? else {
            return Ok(None);
        };
        Ok(Some(build_totp(&secret, &user.username)?))
    }

    /// Completes a login with a TOTP code or an unused recovery code.
    pub async fn verify_second_factor(&self, token: &str, code: &str, client: &str) -> Result<(), AppError> {
        let info = self.session(token).await?;
        if info.next != NextStep::Totp {
            return Ok(());
        }
        let now = praxis_store::now_ms();
        let key = format!("totp:{}", info.actor.user_id);
        if let Some(retry_after_secs) = self.retry_after(&[self.store.throttle_peek(&key).await?], now) {
            return Err(AppError::Throttled { retry_after_secs });
        }
        let user = self.store.get_user(info.actor.user_id).await?.ok_or(AppError::Unauthenticated)?;
        let mut tx = self.store.begin_write().await?;
        let code = code.trim().replace(' ', "");
        let mut method = "totp";
        let mut ok = match self.totp_for(&mut tx, &user, TOTP_SECRET).await? {
            // A code is accepted once: its time step must be later than the last one used.
            Some(totp) => match matching_step(&totp, &code) {
                Some(step) => tx.claim_totp_step(user.id, step).await?,
                None => false,
            },
            None => false,
        };
        if !ok && code.len() > 6 {
            method = "recovery code";
            ok = tx.use_recovery_code(user.id, &recovery_hash(user.id, &code)).await?;
        }
        let by = (Some(user.id.0), Some(user.org_id.0));
        if ok {
            tx.throttle_clear(&key).await?;
            tx.set_session_mfa_passed(&info.token_hash).await?;
            tx.audit(
                AuditEvent::new("auth.second_factor", "user", user.id)
                    .by(by.0, by.1)
                    .detail(serde_json::json!({ "method": method, "client": client })),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        } else {
            self.record_failure(&mut tx, &key, self.config.security.max_failures_per_user, now).await?;
            tx.audit(
                AuditEvent::new("auth.second_factor", "user", user.id)
                    .by(by.0, by.1)
                    .outcome(Outcome::Failed)
                    .detail(serde_json::json!({ "client": client })),
            )
            .await?;
            tx.commit().await?;
            Err(AppError::BadCode)
        }
    }

    /// Starts TOTP enrolment: a fresh secret, kept (encrypted) as pending until confirmed.
    pub async fn begin_totp_enrolment(&self, actor: &Actor) -> Result<TotpEnrolment, AppError> {
        own(actor, Action::Write)?;
        let mut secret = [0u8; 20];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let b32 = Secret::Raw(secret.to_vec()).to_encoded().to_string();
        let totp = build_totp(&b32, &actor.username)?;
        let mut tx = self.store.begin_write().await?;
        tx.put_protected(
            "user",
            actor.user_id.0,
            TOTP_PENDING,
            actor.org.jurisdiction.country().code(),
            &b32,
        )
        .await?;
        tx.audit(
            AuditEvent::new("auth.totp.enrol_start", "user", actor.user_id)
                .by(Some(actor.user_id.0), Some(actor.org.id.0)),
        )
        .await?;
        tx.commit().await?;
        Ok(TotpEnrolment { secret_base32: b32, otpauth_uri: totp.get_url() })
    }

    /// Confirms enrolment with a code from the authenticator; returns fresh recovery codes (shown
    /// once) and marks the current session as having passed the second factor.
    pub async fn confirm_totp_enrolment(
        &self,
        actor: &Actor,
        session_token_hash: Option<&str>,
        code: &str,
    ) -> Result<Vec<String>, AppError> {
        own(actor, Action::Write)?;
        let user = self.store.get_user(actor.user_id).await?.ok_or(AppError::Unauthenticated)?;
        let mut tx = self.store.begin_write().await?;
        let Some(totp) = self.totp_for(&mut tx, &user, TOTP_PENDING).await? else {
            return Err(AppError::invalid("code", "no_enrolment", "start the enrolment again"));
        };
        let code = code.trim().replace(' ', "");
        let Some(step) = matching_step(&totp, &code) else {
            tx.commit().await?; // keep the audited read
            return Err(AppError::BadCode);
        };
        tx.claim_totp_step(user.id, step).await?;
        let secret = totp.get_secret_base32();
        let jurisdiction = actor.org.jurisdiction.country();
        tx.put_protected("user", user.id.0, TOTP_SECRET, jurisdiction.code(), &secret).await?;
        tx.delete_protected("user", user.id.0, TOTP_PENDING).await?;
        tx.set_totp_enabled(user.id, true).await?;
        let codes = new_recovery_codes();
        let hashes: Vec<String> = codes.iter().map(|c| recovery_hash(user.id, c)).collect();
        tx.replace_recovery_codes(user.id, &hashes).await?;
        if let Some(h) = session_token_hash {
            tx.set_session_mfa_passed(h).await?;
        }
        tx.audit(
            AuditEvent::new("auth.totp.enabled", "user", user.id).by(Some(user.id.0), Some(user.org_id.0)),
        )
        .await?;
        tx.commit().await?;
        Ok(codes)
    }

    /// Replaces a user's recovery codes (the old ones stop working).
    pub async fn regenerate_recovery_codes(&self, actor: &Actor) -> Result<Vec<String>, AppError> {
        own(actor, Action::Write)?;
        let user = self.store.get_user(actor.user_id).await?.ok_or(AppError::Unauthenticated)?;
        if !user.totp_enabled {
            return Err(AppError::invalid("totp", "not_enrolled", "enrol a second factor first"));
        }
        let codes = new_recovery_codes();
        let hashes: Vec<String> = codes.iter().map(|c| recovery_hash(user.id, c)).collect();
        let mut tx = self.store.begin_write().await?;
        tx.replace_recovery_codes(user.id, &hashes).await?;
        tx.audit(
            AuditEvent::new("auth.recovery_codes.renewed", "user", user.id)
                .by(Some(user.id.0), Some(user.org_id.0)),
        )
        .await?;
        tx.commit().await?;
        Ok(codes)
    }

    pub async fn unused_recovery_codes(&self, actor: &Actor) -> Result<i64, AppError> {
        own(actor, Action::Read)?;
        Ok(self.store.unused_recovery_codes(actor.user_id).await?)
    }

    /// Turns a user's second factor off (an administrator's reset for a lost phone, or the user
    /// themselves when no role requires it).
    pub async fn reset_totp(&self, caller: &Caller, user_id: UserId) -> Result<(), AppError> {
        let user = self.store.get_user(user_id).await?.ok_or(AppError::NotFound("user"))?;
        let is_self = caller.user_id() == Some(user_id.0);
        let action = if is_self { Action::Write } else { Action::Administer };
        authorize(caller, action, &RecordRef::user(user.id, user.org_id))?;
        if is_self && self.requires_totp(&user.roles) {
            return Err(AppError::Denied("your roles require a second factor".into()));
        }
        let mut tx = self.store.begin_write().await?;
        tx.delete_protected("user", user.id.0, TOTP_SECRET).await?;
        tx.set_totp_enabled(user.id, false).await?;
        tx.replace_recovery_codes(user.id, &[]).await?;
        tx.delete_user_sessions(user.id, None).await?;
        tx.audit(AuditEvent::new("auth.totp.reset", "user", user.id).by(caller.user_id(), caller.org_id()))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Turns one's own second factor off, after checking the password (when no role requires it).
    pub async fn disable_own_totp(&self, actor: &Actor, password: &str) -> Result<(), AppError> {
        own(actor, Action::Write)?;
        let user = self.store.get_user(actor.user_id).await?.ok_or(AppError::Unauthenticated)?;
        if !verify_password(password, &user.password_hash).await {
            return Err(AppError::invalid(
                "current_password",
                "wrong",
                "the current password is not correct",
            ));
        }
        self.reset_totp(&Caller::User(actor.clone()), actor.user_id).await
    }

    /// Changes one's own password, after checking the current one; other sessions end.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        keep_session: Option<&str>,
    ) -> Result<(), AppError> {
        own(actor, Action::Write)?;
        let user = self.store.get_user(actor.user_id).await?.ok_or(AppError::Unauthenticated)?;
        if !verify_password(current, &user.password_hash).await {
            return Err(AppError::invalid(
                "current_password",
                "wrong",
                "the current password is not correct",
            ));
        }
        check_password_policy(new, &user.username)?;
        let hash = hash_password(new).await?;
        let mut tx = self.store.begin_write().await?;
        tx.set_password_hash(user.id, &hash).await?;
        tx.delete_user_sessions(user.id, keep_session).await?;
        tx.audit(
            AuditEvent::new("user.password.change", "user", user.id).by(Some(user.id.0), Some(user.org_id.0)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn set_locale(&self, actor: &Actor, locale: Locale) -> Result<(), AppError> {
        own(actor, Action::Write)?;
        let mut tx = self.store.begin_write().await?;
        tx.set_locale(actor.user_id, locale).await?;
        tx.audit(
            AuditEvent::new("user.locale", "user", actor.user_id)
                .by(Some(actor.user_id.0), Some(actor.org.id.0))
                .detail(serde_json::json!({ "locale": locale.tag() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates a personal access token; the token itself is returned once and never stored.
    pub async fn create_token(
        &self,
        actor: &Actor,
        name: &str,
        expires_in_days: Option<i64>,
    ) -> Result<(TokenInfo, String), AppError> {
        own(actor, Action::Write)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::invalid("name", "length", "must be 1 to 100 characters"));
        }
        if let Some(d) = expires_in_days {
            if !(1..=3650).contains(&d) {
                return Err(AppError::invalid("expires_in_days", "range", "must be between 1 and 3650"));
            }
        }
        let token = random_token("prx_");
        let prefix: String = token.chars().take(10).collect();
        let expires_at = expires_in_days.map(|d| praxis_store::now_ms() + d * 86_400_000);
        let mut tx = self.store.begin_write().await?;
        let id =
            tx.insert_token(actor.user_id, name, &sha256_hex(token.as_bytes()), &prefix, expires_at).await?;
        tx.audit(
            AuditEvent::new("token.create", "api_token", id)
                .by(Some(actor.user_id.0), Some(actor.org.id.0))
                .detail(serde_json::json!({ "name": name })),
        )
        .await?;
        tx.commit().await?;
        let info = TokenInfo {
            id,
            name: name.to_owned(),
            prefix,
            created_at: praxis_store::now_ms(),
            expires_at,
            revoked_at: None,
        };
        Ok((info, token))
    }

    pub async fn list_tokens(&self, actor: &Actor) -> Result<Vec<TokenInfo>, AppError> {
        own(actor, Action::Read)?;
        Ok(self
            .store
            .list_tokens(actor.user_id)
            .await?
            .into_iter()
            .map(|t| TokenInfo {
                id: t.id,
                name: t.name,
                prefix: t.prefix,
                created_at: t.created_at,
                expires_at: t.expires_at,
                revoked_at: t.revoked_at,
            })
            .collect())
    }

    pub async fn revoke_token(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        own(actor, Action::Write)?;
        let mut tx = self.store.begin_write().await?;
        if !tx.revoke_token(actor.user_id, id).await? {
            return Err(AppError::NotFound("token"));
        }
        tx.audit(
            AuditEvent::new("token.revoke", "api_token", id).by(Some(actor.user_id.0), Some(actor.org.id.0)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user behind an API token (`Authorization: Bearer prx_…`).
    pub async fn token_actor(&self, token: &str) -> Result<Actor, AppError> {
        let row = self
            .store
            .find_live_token(&sha256_hex(token.trim().as_bytes()))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        self.load_actor(row.user_id).await
    }

    pub fn totp_required_for(&self, roles: &RoleSet) -> bool {
        self.requires_totp(roles)
    }

    pub fn totp_required_roles(&self) -> &[Role] {
        &self.config.security.totp_required_roles
    }
}

fn build_totp(secret_b32: &str, account: &str) -> Result<TOTP, AppError> {
    let bytes = Secret::Encoded(secret_b32.to_owned())
        .to_bytes()
        .map_err(|_| AppError::invalid("totp", "secret", "the stored second-factor secret is unreadable"))?;
    TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, Some("Praxis".to_owned()), account.to_owned())
        .map_err(|e| AppError::invalid("totp", "secret", e.to_string()))
}

/// The time step (30-second period) whose code `code` is, allowing one step of clock skew either
/// way; `None` when it is no current code.
fn matching_step(totp: &TOTP, code: &str) -> Option<i64> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    let step_now = now / totp.step as i64;
    (-1..=1).map(|skew| step_now + skew).find(|&step| {
        let expected = totp.generate((step * totp.step as i64) as u64);
        subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), code.as_bytes()).into()
    })
}

/// Ten codes of ten characters from an alphabet without look-alikes, shown as `xxxxx-xxxxx`.
fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let s: String = (0..10)
                .map(|_| ALPHABET[(rand::random::<u32>() as usize) % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &s[..5], &s[5..])
        })
        .collect()
}

fn recovery_hash(user: UserId, code: &str) -> String {
    let normalised: String =
        code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
    sha256_hex(format!("praxis-recovery\x1f{user}\x1f{normalised}").as_bytes())
}

/// The current TOTP code for a base32 secret (used by tests and the CLI's self-check).
pub fn totp_code_now(secret_b32: &str) -> Result<String, AppError> {
    let totp = build_totp(secret_b32, "check")?;
    totp.generate_current().map_err(|e| AppError::invalid("totp", "clock", e.to_string()))
}

/// The TOTP code `steps_ahead` periods of 30 seconds from now (tests: a code not yet used).
pub fn totp_code_ahead(secret_b32: &str, steps_ahead: u64) -> Result<String, AppError> {
    let totp = build_totp(secret_b32, "check")?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| AppError::invalid("totp", "clock", e.to_string()))?
        .as_secs();
    Ok(totp.generate(now + steps_ahead * totp.step))
}

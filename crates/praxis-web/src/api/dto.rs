//! The API's wire types. Engine and store types are never serialised directly.

use praxis_app::auth::TokenInfo;
use praxis_app::{AuditEntry, AuditVerification, OrgView, UserView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub(crate) fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

#[derive(Serialize, ToSchema)]
pub(crate) struct Org {
    pub id: i64,
    pub name: String,
    /// police, prosecution, judiciary, fiu, ministry, national_committee, border_agency, ngo, international, other
    pub kind: String,
    /// ISO 3166-1 alpha-2 or ISO 3166-2 code.
    pub jurisdiction: String,
    pub jurisdiction_name: String,
    pub platform_operator: bool,
    pub disabled: bool,
    pub created_at: String,
}

impl From<OrgView> for Org {
    fn from(o: OrgView) -> Self {
        Org {
            id: o.id,
            name: o.name,
            kind: o.kind.as_str().to_owned(),
            jurisdiction: o.jurisdiction,
            jurisdiction_name: o.jurisdiction_name,
            platform_operator: o.platform_operator,
            disabled: o.disabled,
            created_at: rfc3339(o.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct User {
    pub id: i64,
    pub org_id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub disabled: bool,
    pub totp_enabled: bool,
    pub locale: String,
    pub created_at: String,
}

impl From<UserView> for User {
    fn from(u: UserView) -> Self {
        User {
            id: u.id,
            org_id: u.org_id,
            username: u.username,
            display_name: u.display_name,
            email: u.email,
            roles: u.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            disabled: u.disabled,
            totp_enabled: u.totp_enabled,
            locale: u.locale.tag().to_owned(),
            created_at: rfc3339(u.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub locale: String,
    pub organisation: Org,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct NewOrg {
    pub name: String,
    pub kind: String,
    pub jurisdiction: String,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct UpdateOrg {
    pub name: String,
    pub kind: String,
    pub jurisdiction: String,
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct NewUser {
    pub org_id: i64,
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub email: String,
    /// At least 12 characters, not a common password.
    pub password: String,
    pub roles: Vec<String>,
    #[serde(default)]
    pub locale: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct Roles {
    pub roles: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct Disabled {
    pub disabled: bool,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct Created {
    pub id: i64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct Token {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked: bool,
}

impl From<TokenInfo> for Token {
    fn from(t: TokenInfo) -> Self {
        Token {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            created_at: rfc3339(t.created_at),
            expires_at: t.expires_at.map(rfc3339),
            revoked: t.revoked_at.is_some(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct NewToken {
    pub name: String,
    pub expires_in_days: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CreatedToken {
    /// The token itself: shown once, never stored.
    pub token: String,
    pub info: Token,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub actor_user_id: Option<i64>,
    pub actor_org_id: Option<i64>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub outcome: String,
    pub detail: Option<serde_json::Value>,
    pub hash: String,
}

impl From<AuditEntry> for AuditRecord {
    fn from(e: AuditEntry) -> Self {
        AuditRecord {
            seq: e.seq,
            at: rfc3339(e.at),
            actor_user_id: e.actor_user_id,
            actor_org_id: e.actor_org_id,
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            outcome: e.outcome,
            detail: serde_json::from_str(&e.detail).ok(),
            hash: e.hash,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct AuditCheck {
    pub entries: i64,
    pub head_hash: String,
    pub intact: bool,
    pub first_broken_entry: Option<i64>,
    pub reason: Option<String>,
}

impl From<AuditVerification> for AuditCheck {
    fn from(v: AuditVerification) -> Self {
        AuditCheck {
            entries: v.entries,
            head_hash: v.head_hash,
            intact: v.first_break.is_none(),
            first_broken_entry: v.first_break.as_ref().map(|b| b.seq),
            reason: v.first_break.map(|b| b.reason),
        }
    }
}

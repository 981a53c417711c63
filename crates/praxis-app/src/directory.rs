//! Organisations and user accounts: the directory and its administration.

use praxis_model::{Jurisdiction, Locale, OrgId, OrgKind, OrgName, Role, RoleSet, UserId, Username};
use praxis_store::{AuditEvent, NewOrganisation, NewUser, Organisation, UserRow};

use crate::auth::{check_password_policy, hash_password};
use crate::policy::{authorize, decide, Action, Caller, RecordRef};
use crate::{App, AppError};

/// An organisation as faces show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OrgView {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub jurisdiction: String,
    pub jurisdiction_name: String,
    pub platform_operator: bool,
    pub disabled: bool,
    pub created_at: i64,
}

impl From<Organisation> for OrgView {
    fn from(o: Organisation) -> Self {
        OrgView {
            id: o.id.0,
            name: o.name,
            kind: o.kind,
            jurisdiction_name: o.jurisdiction.name(),
            jurisdiction: o.jurisdiction.code().to_owned(),
            platform_operator: o.platform_operator,
            disabled: o.disabled,
            created_at: o.created_at,
        }
    }
}

/// A user account as faces show it (never the password hash).
#[derive(Debug, Clone, serde::Serialize)]
pub struct UserView {
    pub id: i64,
    pub org_id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub disabled: bool,
    pub totp_enabled: bool,
    pub locale: Locale,
    pub created_at: i64,
}

impl From<UserRow> for UserView {
    fn from(u: UserRow) -> Self {
        UserView {
            id: u.id.0,
            org_id: u.org_id.0,
            username: u.username,
            display_name: u.display_name,
            email: u.email,
            roles: u.roles.iter().collect(),
            disabled: u.disabled,
            totp_enabled: u.totp_enabled,
            locale: u.locale,
            created_at: u.created_at,
        }
    }
}

/// A new organisation as typed by a person; validated here, field by field.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewOrgInput {
    pub name: String,
    pub kind: String,
    pub jurisdiction: String,
    #[serde(default)]
    pub platform_operator: bool,
}

impl NewOrgInput {
    fn parse(&self) -> Result<NewOrganisation, AppError> {
        let name = OrgName::parse(&self.name)?;
        let kind = OrgKind::parse(&self.kind).ok_or_else(|| {
            AppError::invalid(
                "kind",
                "unknown",
                format!("`{}` is not a kind of organisation", self.kind.trim()),
            )
        })?;
        let jurisdiction = Jurisdiction::parse(&self.jurisdiction)
            .map_err(|e| AppError::invalid("jurisdiction", "unknown", e.to_string()))?;
        Ok(NewOrganisation { name, kind, jurisdiction, platform_operator: self.platform_operator })
    }
}

/// A new user as typed by a person.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewUserInput {
    pub org_id: i64,
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub email: String,
    pub password: String,
    pub roles: Vec<String>,
    #[serde(default)]
    pub locale: Option<String>,
}

fn parse_roles(names: &[String]) -> Result<RoleSet, AppError> {
    let mut roles = Vec::new();
    for n in names.iter().flat_map(|n| n.split(',')).map(str::trim).filter(|n| !n.is_empty()) {
        roles.push(
            Role::parse(n)
                .ok_or_else(|| AppError::invalid("roles", "unknown", format!("unknown role `{n}`")))?,
        );
    }
    Ok(RoleSet::new(roles))
}

fn check_display_name(s: &str) -> Result<String, AppError> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 200 || s.chars().any(char::is_control) {
        return Err(AppError::invalid("display_name", "length", "must be 1 to 200 characters"));
    }
    Ok(s.to_owned())
}

fn check_email(s: &str) -> Result<String, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let valid = s.len() <= 254
        && s.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
        })
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if !valid {
        return Err(AppError::invalid("email", "format", "is not an e-mail address"));
    }
    Ok(s.to_owned())
}

/// Granting the oversight role, or any role in the operating organisation, is for the platform's
/// administrators (or the command line): an organisation's administrator cannot lift themselves
/// above their organisation.
fn check_grantable(caller: &Caller, target_org: &Organisation, roles: &RoleSet) -> Result<(), AppError> {
    let Caller::User(actor) = caller else {
        return Ok(());
    };
    let platform_admin = actor.org.platform_operator && actor.has(Role::Administrator);
    if !platform_admin && (roles.contains(Role::Oversight) || target_org.platform_operator) {
        return Err(AppError::Denied(
            "only administrators of the operating organisation grant this role".into(),
        ));
    }
    Ok(())
}

impl App {
    pub async fn list_orgs(&self, caller: &Caller) -> Result<Vec<OrgView>, AppError> {
        authorize(caller, Action::Read, &RecordRef::organisation(None))?;
        Ok(self.store.list_orgs().await?.into_iter().map(OrgView::from).collect())
    }

    pub async fn get_org(&self, caller: &Caller, id: OrgId) -> Result<OrgView, AppError> {
        let org = self.store.get_org(id).await?.ok_or(AppError::NotFound("organisation"))?;
        authorize(caller, Action::Read, &RecordRef::organisation(Some(&org)))?;
        Ok(org.into())
    }

    pub async fn find_org_by_name(&self, caller: &Caller, name: &str) -> Result<OrgView, AppError> {
        authorize(caller, Action::Read, &RecordRef::organisation(None))?;
        let org =
            self.store.find_org_by_name(name.trim()).await?.ok_or(AppError::NotFound("organisation"))?;
        Ok(org.into())
    }

    pub async fn create_org(&self, caller: &Caller, input: &NewOrgInput) -> Result<OrgId, AppError> {
        authorize(caller, Action::Create, &RecordRef::organisation(None))?;
        let new = input.parse()?;
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_org(&new).await?;
        tx.audit(
            AuditEvent::new("org.create", "organisation", id).by(caller.user_id(), caller.org_id()).detail(
                serde_json::json!({ "name": new.name.as_str(), "kind": new.kind.as_str(), "jurisdiction": new.jurisdiction.code() }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_org(
        &self,
        caller: &Caller,
        id: OrgId,
        input: &NewOrgInput,
        disabled: bool,
    ) -> Result<(), AppError> {
        let org = self.store.get_org(id).await?.ok_or(AppError::NotFound("organisation"))?;
        authorize(caller, Action::Write, &RecordRef::organisation(Some(&org)))?;
        let new = input.parse()?;
        if disabled && org.platform_operator {
            return Err(AppError::invalid(
                "disabled",
                "operator",
                "the operating organisation cannot be disabled",
            ));
        }
        let mut tx = self.store.begin_write().await?;
        tx.update_org(id, &new.name, new.kind, &new.jurisdiction, disabled).await?;
        tx.audit(AuditEvent::new("org.update", "organisation", id).by(caller.user_id(), caller.org_id()).detail(serde_json::json!({
            "name": new.name.as_str(), "kind": new.kind.as_str(), "jurisdiction": new.jurisdiction.code(), "disabled": disabled,
        })))
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The users the caller may see: administrators see their organisation's (the operating
    /// organisation's administrators see all); everyone sees themselves.
    pub async fn list_users(&self, caller: &Caller, org: Option<OrgId>) -> Result<Vec<UserView>, AppError> {
        let users = self.store.list_users(org).await?;
        Ok(users
            .into_iter()
            .filter(|u| decide(caller, Action::Read, &RecordRef::user(u.id, u.org_id)).allowed)
            .map(UserView::from)
            .collect())
    }

    pub async fn get_user(&self, caller: &Caller, id: UserId) -> Result<UserView, AppError> {
        let user = self.store.get_user(id).await?.ok_or(AppError::NotFound("user"))?;
        authorize(caller, Action::Read, &RecordRef::user(user.id, user.org_id))?;
        Ok(user.into())
    }

    pub async fn find_user(&self, caller: &Caller, username: &str) -> Result<UserView, AppError> {
        let user = self.store.get_user_by_username(username).await?.ok_or(AppError::NotFound("user"))?;
        authorize(caller, Action::Read, &RecordRef::user(user.id, user.org_id))?;
        Ok(user.into())
    }

    pub async fn create_user(&self, caller: &Caller, input: &NewUserInput) -> Result<UserId, AppError> {
        let org = self.store.get_org(OrgId(input.org_id)).await?.ok_or_else(|| {
            AppError::invalid("org_id", "unknown", format!("there is no organisation {}", input.org_id))
        })?;
        authorize(caller, Action::Create, &RecordRef::new(crate::RecordKind::User, Some(org.id)))?;
        let username = Username::parse(&input.username)?;
        let display_name = check_display_name(&input.display_name)?;
        let email = check_email(&input.email)?;
        let roles = parse_roles(&input.roles)?;
        if roles.is_empty() {
            return Err(AppError::invalid("roles", "empty", "give the user at least one role"));
        }
        check_grantable(caller, &org, &roles)?;
        let locale = match &input.locale {
            Some(l) if !l.trim().is_empty() => Locale::parse(l).ok_or_else(|| {
                AppError::invalid("locale", "unknown", format!("`{l}` is not a supported language"))
            })?,
            _ => Locale::En,
        };
        check_password_policy(&input.password, username.as_str())?;
        let password_hash = hash_password(&input.password).await?;
        let new = NewUser {
            org_id: org.id,
            username,
            display_name,
            email,
            password_hash,
            roles: roles.clone(),
            locale,
        };
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_user(&new).await?;
        tx.audit(AuditEvent::new("user.create", "user", id).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({
                "username": new.username.as_str(), "org_id": org.id.0, "roles": roles.to_string(),
            }),
        ))
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a user's roles. A permission change: audited with the roles before and after.
    pub async fn set_roles(&self, caller: &Caller, id: UserId, roles: &[String]) -> Result<(), AppError> {
        let user = self.store.get_user(id).await?.ok_or(AppError::NotFound("user"))?;
        authorize(caller, Action::Administer, &RecordRef::user(user.id, user.org_id))?;
        let roles = parse_roles(roles)?;
        if roles.is_empty() {
            return Err(AppError::invalid(
                "roles",
                "empty",
                "give the user at least one role (or disable the account)",
            ));
        }
        let org = self.store.get_org(user.org_id).await?.ok_or(AppError::NotFound("organisation"))?;
        check_grantable(caller, &org, &roles)?;
        let mut tx = self.store.begin_write().await?;
        tx.set_user_roles(id, &roles).await?;
        tx.audit(AuditEvent::new("user.roles", "user", id).by(caller.user_id(), caller.org_id()).detail(
            serde_json::json!({
                "before": user.roles.to_string(), "after": roles.to_string(),
            }),
        ))
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disables or re-enables an account. A disabled user's sessions end at once; tokens stop
    /// working while the account is disabled.
    pub async fn set_disabled(&self, caller: &Caller, id: UserId, disabled: bool) -> Result<(), AppError> {
        let user = self.store.get_user(id).await?.ok_or(AppError::NotFound("user"))?;
        authorize(caller, Action::Administer, &RecordRef::user(user.id, user.org_id))?;
        let mut tx = self.store.begin_write().await?;
        tx.set_user_disabled(id, disabled).await?;
        if disabled {
            tx.delete_user_sessions(id, None).await?;
        }
        let action = if disabled { "user.disable" } else { "user.enable" };
        tx.audit(AuditEvent::new(action, "user", id).by(caller.user_id(), caller.org_id())).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a new password for another user (an administrator's reset) and ends their sessions.
    pub async fn reset_password(&self, caller: &Caller, id: UserId, password: &str) -> Result<(), AppError> {
        let user = self.store.get_user(id).await?.ok_or(AppError::NotFound("user"))?;
        // Administer, never Write: one's own password is changed with the current one
        // (`change_password`), so that an unattended session cannot lock its owner out.
        authorize(caller, Action::Administer, &RecordRef::user(user.id, user.org_id))?;
        check_password_policy(password, &user.username)?;
        let hash = hash_password(password).await?;
        let mut tx = self.store.begin_write().await?;
        tx.set_password_hash(id, &hash).await?;
        tx.delete_user_sessions(id, None).await?;
        tx.audit(AuditEvent::new("user.password.reset", "user", id).by(caller.user_id(), caller.org_id()))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn update_profile(
        &self,
        caller: &Caller,
        id: UserId,
        display_name: &str,
        email: &str,
    ) -> Result<(), AppError> {
        let user = self.store.get_user(id).await?.ok_or(AppError::NotFound("user"))?;
        authorize(caller, Action::Write, &RecordRef::user(user.id, user.org_id))?;
        let display_name = check_display_name(display_name)?;
        let email = check_email(email)?;
        let mut tx = self.store.begin_write().await?;
        tx.set_profile(id, &display_name, &email).await?;
        tx.audit(AuditEvent::new("user.profile", "user", id).by(caller.user_id(), caller.org_id())).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn count_users(&self) -> Result<i64, AppError> {
        Ok(self.store.count_users().await?)
    }
}

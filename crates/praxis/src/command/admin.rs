//! `praxis user`, `praxis org` and `praxis keys`: administration from the command line, as the
//! operator (validated and audited like any other change).

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Subcommand;
use praxis_app::{App, Caller, NewOrgInput, NewUserInput};
use praxis_model::{OrgId, UserId};

use crate::settings::{self, Global};

#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Create a user. The password is read from standard input (prompted on a terminal).
    Add {
        /// The organisation: its name or number.
        #[arg(long)]
        org: String,
        /// Login name: 3 to 64 of a-z, 0-9, '.', '_', '-'.
        #[arg(long)]
        username: String,
        /// The person's name as shown.
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        email: String,
        /// Comma-separated: administrator, investigator, financial_analyst, prosecutor, adviser,
        /// programme_officer, focal_point, caseworker, trainer, viewer, oversight.
        #[arg(long)]
        roles: String,
    },
    /// Set a user's password (read from standard input, prompted on a terminal). Ends their sessions.
    Passwd { username: String },
    /// Disable a user: their sessions end and their tokens stop working at once.
    Disable { username: String },
    /// Re-enable a disabled user.
    Enable { username: String },
    /// Replace a user's roles (comma-separated).
    Roles { username: String, roles: String },
    /// Turn off a user's second factor (lost phone); they enrol again at next login if required.
    ResetTotp { username: String },
    /// List users.
    List {
        /// Only this organisation (name or number).
        #[arg(long)]
        org: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum OrgCommand {
    /// Create an organisation.
    Add {
        #[arg(long)]
        name: String,
        /// police, prosecution, judiciary, fiu, ministry, national_committee, border_agency, ngo,
        /// international, other
        #[arg(long)]
        kind: String,
        /// ISO 3166-1 alpha-2 country (PK) or ISO 3166-2 subdivision (PK-PB).
        #[arg(long)]
        jurisdiction: String,
        /// This organisation runs the installation: its administrators manage all organisations.
        #[arg(long)]
        operator: bool,
    },
    /// List organisations.
    List,
}

#[derive(Debug, Subcommand)]
pub(crate) enum KeysCommand {
    /// List key ids per jurisdiction and how many protected values each encrypts.
    List,
    /// Add a new key for a jurisdiction and re-encrypt its protected values under it.
    Rotate {
        #[arg(long)]
        jurisdiction: String,
    },
}

/// Reads a new password: prompted twice on a terminal, else one line of standard input.
fn read_password(prompt: &str) -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("{prompt}: "))?;
        let again = rpassword::prompt_password("Again: ")?;
        if first != again {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }
}

async fn org_id(app: &App, org: &str) -> anyhow::Result<OrgId> {
    if let Ok(id) = org.parse::<i64>() {
        let org =
            app.get_org(&Caller::Cli, OrgId(id)).await.with_context(|| format!("no organisation {id}"))?;
        return Ok(OrgId(org.id));
    }
    Ok(OrgId(
        app.find_org_by_name(&Caller::Cli, org)
            .await
            .with_context(|| format!("no organisation named \"{org}\""))?
            .id,
    ))
}

async fn user_id(app: &App, username: &str) -> anyhow::Result<UserId> {
    Ok(UserId(
        app.find_user(&Caller::Cli, username).await.with_context(|| format!("no user \"{username}\""))?.id,
    ))
}

pub(crate) async fn user(g: &Global, c: UserCommand) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    let cli = Caller::Cli;
    match c {
        UserCommand::Add { org, username, name, email, roles } => {
            let org_id = org_id(&app, &org).await?;
            let password = read_password(&format!("Password for {username}"))?;
            let input = NewUserInput {
                org_id: org_id.0,
                username: username.clone(),
                display_name: name,
                email,
                password,
                roles: vec![roles],
                locale: None,
            };
            let id = app.create_user(&cli, &input).await?;
            println!("Created user {username} (number {id}).");
        }
        UserCommand::Passwd { username } => {
            let id = user_id(&app, &username).await?;
            let password = read_password(&format!("New password for {username}"))?;
            app.reset_password(&cli, id, &password).await?;
            println!("Password of {username} changed; their sessions have ended.");
        }
        UserCommand::Disable { username } => {
            app.set_disabled(&cli, user_id(&app, &username).await?, true).await?;
            println!("{username} is disabled.");
        }
        UserCommand::Enable { username } => {
            app.set_disabled(&cli, user_id(&app, &username).await?, false).await?;
            println!("{username} is enabled.");
        }
        UserCommand::Roles { username, roles } => {
            app.set_roles(&cli, user_id(&app, &username).await?, &[roles]).await?;
            println!("Roles of {username} replaced.");
        }
        UserCommand::ResetTotp { username } => {
            app.reset_totp(&cli, user_id(&app, &username).await?).await?;
            println!("Second factor of {username} turned off; their sessions have ended.");
        }
        UserCommand::List { org } => {
            let filter = match org {
                Some(o) => Some(org_id(&app, &o).await?),
                None => None,
            };
            let orgs = app.list_orgs(&cli).await?;
            println!("{:<20} {:<28} {:<30} {:<9} organisation", "login", "name", "roles", "status");
            for u in app.list_users(&cli, filter).await? {
                let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
                let org = orgs.iter().find(|o| o.id == u.org_id).map(|o| o.name.as_str()).unwrap_or("?");
                let status = if u.disabled { "disabled" } else { "active" };
                println!(
                    "{:<20} {:<28} {:<30} {:<9} {}",
                    u.username,
                    u.display_name,
                    roles.join(","),
                    status,
                    org
                );
            }
        }
    }
    app.close().await;
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn org(g: &Global, c: OrgCommand) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    match c {
        OrgCommand::Add { name, kind, jurisdiction, operator } => {
            let input = NewOrgInput { name: name.clone(), kind, jurisdiction, platform_operator: operator };
            let id = app.create_org(&Caller::Cli, &input).await?;
            println!("Created organisation \"{name}\" (number {id}).");
        }
        OrgCommand::List => {
            println!("{:>4}  {:<6} {:<20} name", "no.", "where", "kind");
            for o in app.list_orgs(&Caller::Cli).await? {
                let flags = match (o.platform_operator, o.disabled) {
                    (true, _) => " [operator]",
                    (_, true) => " [disabled]",
                    _ => "",
                };
                println!("{:>4}  {:<6} {:<20} {}{flags}", o.id, o.jurisdiction, o.kind.as_str(), o.name);
            }
        }
    }
    app.close().await;
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn keys(g: &Global, c: KeysCommand) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    match c {
        KeysCommand::List => {
            let usage = app.protected_key_usage().await?;
            for (jurisdiction, ids) in app.key_ids() {
                for id in ids {
                    println!("{jurisdiction:<6} {id:<28} {} values", usage.get(&id).copied().unwrap_or(0));
                }
            }
        }
        KeysCommand::Rotate { jurisdiction } => {
            let (id, n) = app.rotate_key(&Caller::Cli, &jurisdiction).await?;
            println!("New key {id} for {}; {n} protected values re-encrypted. Keep the old keys for older backups.", jurisdiction.to_uppercase());
        }
    }
    app.close().await;
    Ok(ExitCode::SUCCESS)
}

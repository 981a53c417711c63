//! The command tree; one module per command.

mod admin;
mod audit;
mod backup;
mod cases;
mod flows;
mod matching;
mod programme;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::settings::Global;

/// Praxis: one platform for the people who counter human trafficking and migrant smuggling.
#[derive(Debug, Parser)]
#[command(name = "praxis", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Serve Praxis over HTTP.
    Serve(serve::ServeArgs),
    /// Create a fresh demo database (a regional anti-trafficking programme), serve it, and print
    /// the address and the demo logins.
    Demo(serve::DemoArgs),
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(admin::UserCommand),
    /// Manage organisations.
    #[command(subcommand)]
    Org(admin::OrgCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Cases: list them and print one (victims under pseudonyms).
    #[command(subcommand)]
    Case(cases::CaseCommand),
    /// Financial flows: import statements and ledgers, trace money, scan for typologies, rank.
    #[command(subcommand)]
    Flows(flows::FlowsCommand),
    /// Entity resolution across scripts: score names (dedupe, link, screening to come).
    #[command(subcommand)]
    Match(matching::MatchCommand),
    /// The programme: the dashboard's figures, the donor report, the IATI/HXL/CSV exports.
    #[command(subcommand)]
    Programme(programme::ProgrammeCommand),
    /// Protected-field keys.
    #[command(subcommand)]
    Keys(admin::KeysCommand),
    /// Write a consistent copy of the (SQLite) database to FILE while Praxis runs.
    Backup(backup::BackupArgs),
    /// Replace the (SQLite) database with the backup in FILE. Stop the server first.
    Restore(backup::RestoreArgs),
}

pub(crate) async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let g = cli.global;
    match cli.command {
        Command::Serve(args) => serve::serve(&g, args).await,
        Command::Demo(args) => serve::demo(&g, args).await,
        Command::Migrate => {
            let app = crate::settings::open(&g).await?;
            println!("The database is up to date ({}).", app.config().database.describe());
            app.close().await;
            Ok(ExitCode::SUCCESS)
        }
        Command::User(c) => admin::user(&g, c).await,
        Command::Org(c) => admin::org(&g, c).await,
        Command::Audit(c) => audit::run(&g, c).await,
        Command::Keys(c) => admin::keys(&g, c).await,
        Command::Case(c) => cases::run(&g, c).await,
        Command::Flows(c) => flows::run(c),
        Command::Match(c) => matching::run(c),
        Command::Programme(c) => programme::run(&g, c).await,
        Command::Backup(a) => backup::backup(&g, a).await,
        Command::Restore(a) => backup::restore(&g, a).await,
    }
}

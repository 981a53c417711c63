//! `praxis backup` and `praxis restore`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::settings::{self, Global};

#[derive(Debug, Args)]
pub(crate) struct BackupArgs {
    /// The backup file to write (must not exist). Keep the key file separately: without it the
    /// protected fields in the backup cannot be read.
    file: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct RestoreArgs {
    /// The backup file to restore from.
    file: PathBuf,
}

pub(crate) async fn backup(g: &Global, a: BackupArgs) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    app.backup(&a.file).await.with_context(|| format!("backup to {} failed", a.file.display()))?;
    app.close().await;
    println!("Backup written to {}", a.file.display());
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn restore(g: &Global, a: RestoreArgs) -> anyhow::Result<ExitCode> {
    let config = settings::config(g)?;
    praxis_app::restore(&config, &a.file)
        .await
        .with_context(|| format!("restore from {} failed", a.file.display()))?;
    // Open once: runs migrations on an older backup and proves it readable.
    let app = praxis_app::App::open(config).await.context("the restored database does not open")?;
    let check = app.verify_audit(&praxis_app::Caller::Cli).await?;
    app.close().await;
    println!(
        "Restored from {}. Audit chain: {} entries, {}.",
        a.file.display(),
        check.entries,
        if check.first_break.is_none() { "intact" } else { "BROKEN (run `praxis audit verify`)" }
    );
    Ok(ExitCode::SUCCESS)
}

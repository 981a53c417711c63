//! `praxis audit`.

use std::process::ExitCode;

use clap::Subcommand;
use praxis_app::Caller;

use crate::settings::{self, Global};

#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
    /// Check the whole hash chain; name the first broken entry. Exits 1 if the chain is broken.
    Verify,
    /// Print the newest entries.
    List {
        /// How many entries.
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
}

pub(crate) async fn run(g: &Global, c: AuditCommand) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    let code = match c {
        AuditCommand::Verify => {
            let v = app.verify_audit(&Caller::Cli).await?;
            match v.first_break {
                None => {
                    println!("Audit chain intact: {} entries; head hash {}", v.entries, v.head_hash);
                    ExitCode::SUCCESS
                }
                Some(b) => {
                    println!("Audit chain BROKEN at entry {}: {}", b.seq, b.reason);
                    println!("({} entries verified before it)", b.seq - 1);
                    ExitCode::from(1)
                }
            }
        }
        AuditCommand::List { limit } => {
            for e in app.list_audit(&Caller::Cli, None, limit).await? {
                println!(
                    "{:>6}  {}  user={:<6} org={:<4} {:<28} {:<12} {:<8} {}",
                    e.seq,
                    e.at,
                    e.actor_user_id.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                    e.actor_org_id.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                    e.action,
                    format!("{} {}", e.object_type, e.object_id),
                    e.outcome,
                    e.detail
                );
            }
            ExitCode::SUCCESS
        }
    };
    app.close().await;
    Ok(code)
}

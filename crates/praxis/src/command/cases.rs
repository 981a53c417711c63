//! `praxis case`: the cases of this installation, for the operator; FollowTheMoney import and
//! export of a case's entities. Victims and smuggled migrants
//! appear under their pseudonyms only; identities are shown in the web UI and API to the case team.

use std::process::ExitCode;

use clap::Subcommand;
use praxis_app::cases::CaseFilter;
use praxis_app::Caller;

use crate::settings::{self, Global};

#[derive(Debug, Subcommand)]
pub(crate) enum CaseCommand {
    /// List cases, most recently active first: id, reference, crime type, stage, jurisdictions,
    /// owning organisation and title.
    List {
        /// tip, som or both (a case of both matches tip and som).
        #[arg(long)]
        crime_type: Option<String>,
        /// intelligence, investigation, prosecution, trial, appeal or closed.
        #[arg(long)]
        stage: Option<String>,
        /// A country or subdivision code (PK matches PK-PB).
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Words that must appear in the title or reference.
        #[arg(long)]
        words: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print one case as JSON: stage history, offences, subjects, persons under pseudonyms,
    /// team and timeline. The read is audited.
    Show {
        /// The case's number (as in /cases/ID).
        id: i64,
    },
    /// Write the case's investigation entities and their relations as FollowTheMoney JSON lines
    /// (victims and migrants are never entities). Audited.
    Export {
        id: i64,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// Write the case's brief — the printable page of the web UI, victims under pseudonyms — as a
    /// standalone HTML file, or as PDF with --pdf (printed by headless Chromium: PRAXIS_CHROMIUM
    /// or `chromium` on the path). Audited.
    Brief {
        id: i64,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        /// PDF instead of HTML.
        #[arg(long)]
        pdf: bool,
        /// Language of the brief: en, ar, fa, ur, bn, ru.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Import FollowTheMoney entities (JSON lines) into a case: Person, Company, Organization,
    /// BankAccount, Address, Passport, Vehicle, and Ownership, Family, Associate, Employment,
    /// Payment and Call edges. The file lands whole or not at all: every unreadable line is
    /// reported with its line number and field, and nothing is written (exit status 1).
    Import {
        id: i64,
        /// The FtM JSON-lines file.
        #[arg(long, value_name = "FILE")]
        ftm: std::path::PathBuf,
    },
}

pub(crate) async fn run(g: &Global, c: CaseCommand) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    let result = match c {
        CaseCommand::List { crime_type, stage, jurisdiction, words, json } => {
            let filter = CaseFilter { crime_type, stage, jurisdiction, q: words };
            let cases = app.cases(&Caller::Cli, &filter).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&cases)?);
            } else {
                println!(
                    "{:>5}  {:<24} {:<5} {:<14} {:<20} {:<28} title",
                    "id", "reference", "type", "stage", "jurisdictions", "organisation"
                );
                for c in &cases {
                    let org: String = c.owner_org_name.chars().take(28).collect();
                    println!(
                        "{:>5}  {:<24} {:<5} {:<14} {:<20} {:<28} {}",
                        c.id,
                        c.reference,
                        c.crime_type.as_str(),
                        c.stage.as_str(),
                        c.jurisdictions.join(","),
                        org,
                        c.title
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Show { id } => {
            let case = app.case(&Caller::Cli, id).await?;
            println!("{}", serde_json::to_string_pretty(&case)?);
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Export { id, out } => {
            let text = app.export_ftm(&Caller::Cli, id).await?;
            match out {
                Some(path) => {
                    std::fs::write(&path, text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Brief { id, out, pdf, lang } => {
            let locale = praxis_model::Locale::parse(&lang)
                .ok_or_else(|| anyhow::anyhow!("--lang {lang:?}: one of en, ar, fa, ur, bn, ru"))?;
            let bytes = praxis_web::render_case_brief(&app, &Caller::Cli, id, locale, pdf)
                .await
                .map_err(|e| anyhow::anyhow!("case {id}: {e}"))?;
            std::fs::write(&out, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
            println!("Brief of case {id} written to {}.", out.display());
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Import { id, ftm } => {
            let text =
                std::fs::read_to_string(&ftm).map_err(|e| anyhow::anyhow!("{}: {e}", ftm.display()))?;
            let name = ftm.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match app.import_ftm(&Caller::Cli, id, &name, &text).await {
                Ok(s) => {
                    println!("Imported {} entities and {} relations from {name}.", s.entities, s.relations);
                    Ok(ExitCode::SUCCESS)
                }
                Err(praxis_app::AppError::ImportRefused(rows)) => {
                    for r in &rows {
                        eprintln!("{r}");
                    }
                    eprintln!(
                        "error: the import was refused: {} unreadable line(s); nothing was written",
                        rows.len()
                    );
                    Ok(ExitCode::from(1))
                }
                Err(e) => Err(e.into()),
            }
        }
    };
    app.close().await;
    result
}

//! `praxis programme`: the programme's figures for the operator: the dashboard as JSON, the
//! donor report (HTML or PDF) and the exports (IATI 2.03 XML, HXL CSV, CSV of the indicators).
//! The operator reads every country; the report is audited as on the web.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use praxis_app::Caller;

use crate::settings::{self, Global};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExportFormat {
    /// IATI 2.03 activity XML with results (valid against the official schema).
    Iati,
    /// HXL-tagged CSV of the aggregate actuals, small counts suppressed.
    Hxl,
    /// CSV of the indicator reference sheets.
    Csv,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ProgrammeCommand {
    /// Print the dashboard's figures as JSON: indicators with their periods (baseline, target,
    /// actual, progress), legislative reviews with their scores, activities.
    Dashboard,
    /// Write the donor report — the dashboard's figures on a printable page — as a standalone
    /// HTML file, or as PDF with --pdf (printed by headless Chromium: PRAXIS_CHROMIUM or
    /// `chromium` on the path). Audited.
    Report {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// PDF instead of HTML.
        #[arg(long)]
        pdf: bool,
        /// Language of the report: en, ar, fa, ur, bn, ru.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Export the indicators: IATI 2.03 XML, HXL CSV or CSV.
    Export {
        #[arg(value_enum)]
        format: ExportFormat,
        /// The file to write (standard output when absent).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub(crate) async fn run(g: &Global, command: ProgrammeCommand) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    let result = match command {
        ProgrammeCommand::Dashboard => {
            let d = app.programme_dashboard(&Caller::Cli).await?;
            println!("{}", serde_json::to_string_pretty(&d)?);
            Ok(ExitCode::SUCCESS)
        }
        ProgrammeCommand::Report { out, pdf, lang } => {
            let locale = praxis_model::Locale::parse(&lang)
                .ok_or_else(|| anyhow::anyhow!("--lang {lang:?}: one of en, ar, fa, ur, bn, ru"))?;
            let bytes = praxis_web::render_programme_report(&app, &Caller::Cli, locale, pdf)
                .await
                .map_err(|e| anyhow::anyhow!("the donor report: {e}"))?;
            std::fs::write(&out, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
            println!("Donor report written to {}.", out.display());
            Ok(ExitCode::SUCCESS)
        }
        ProgrammeCommand::Export { format, out } => {
            let (_, bytes) = match format {
                ExportFormat::Iati => app.indicators_iati(&Caller::Cli).await?,
                ExportFormat::Hxl => app.indicators_hxl(&Caller::Cli).await?,
                ExportFormat::Csv => app.indicators_csv(&Caller::Cli).await?,
            };
            match out {
                Some(path) => {
                    std::fs::write(&path, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
                }
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&bytes)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    };
    app.close().await;
    result
}

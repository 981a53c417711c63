//! `praxis serve` and `praxis demo`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use praxis_app::{App, DbConfig, DEMO_PASSWORD};

use crate::settings::{self, Global};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "PRAXIS_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Take the client address from X-Forwarded-For (only behind a trusted reverse proxy).
    #[arg(long, env = "PRAXIS_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "PRAXIS_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Where the demo keeps its data; recreated at each start. (PRAXIS_DATABASE_URL, when set,
    /// must name an empty PostgreSQL database instead.)
    #[arg(long, default_value = "./praxis-demo")]
    demo_dir: PathBuf,
    /// Create the demo data and exit without serving.
    #[arg(long)]
    no_serve: bool,
}

async fn bind(listen: &str) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(listen).await.with_context(|| {
        format!(
            "cannot listen on {listen}; choose another address with --listen (e.g. --listen 127.0.0.1:8081)"
        )
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

async fn run_server(
    app: App,
    listener: tokio::net::TcpListener,
    web: praxis_web::WebConfig,
) -> anyhow::Result<ExitCode> {
    praxis_web::serve(listener, app.clone(), web, shutdown_signal()).await.context("the server stopped")?;
    app.close().await;
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn serve(g: &Global, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let app = settings::open(g).await?;
    let listener = bind(&args.listen).await?;
    let addr = listener.local_addr()?;
    println!("Praxis is serving on http://{addr}/ ({})", app.config().database.describe());
    if app.count_users().await? == 0 {
        println!(
            "There are no users yet. Create the operating organisation and its first administrator:\n  \
             praxis org add --name \"…\" --kind international --jurisdiction AT --operator\n  \
             praxis user add --org \"…\" --username admin --name \"…\" --roles administrator"
        );
    }
    let web = praxis_web::WebConfig { trust_forwarded_for: args.trust_forwarded_for };
    run_server(app, listener, web).await
}

const DEMO_MARKER: &str = ".praxis-demo";

/// Empties the demo directory, refusing one that does not look like a demo directory.
fn reset_demo_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let has_marker = dir.join(DEMO_MARKER).exists();
        let empty = std::fs::read_dir(dir)?.next().is_none();
        if !has_marker && !empty {
            bail!(
                "{} exists and is not a demo directory (no {DEMO_MARKER} file); refusing to erase it. \
                 Choose another place with --demo-dir",
                dir.display()
            );
        }
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(
        dir.join(DEMO_MARKER),
        "This directory holds the Praxis demo and is erased at each `praxis demo`.\n",
    )?;
    Ok(())
}

pub(crate) async fn demo(g: &Global, args: DemoArgs) -> anyhow::Result<ExitCode> {
    let mut g = g.clone();
    if g.database_url.is_none() {
        reset_demo_dir(&args.demo_dir)?;
        g.data_dir = args.demo_dir.clone();
        g.keys_file = None;
    }
    let mut config = settings::config(&g)?;
    // The demo lets every role in without a second factor, so that each can be tried at once.
    config.security.totp_required_roles.clear();
    let describe = config.database.describe();
    let is_sqlite = matches!(config.database, DbConfig::Sqlite { .. });
    let app =
        App::open(config).await.with_context(|| format!("cannot open the demo database ({describe})"))?;
    let summary = app.seed_demo().await.context("cannot create the demo data")?;
    if args.no_serve {
        println!(
            "Demo data created ({describe}): {} organisations, {} users.",
            summary.organisations,
            summary.logins.len()
        );
        app.close().await;
        return Ok(ExitCode::SUCCESS);
    }
    let listener = bind(&args.listen).await?;
    let addr = listener.local_addr()?;
    println!();
    println!("Praxis demo is running at http://{addr}/");
    println!();
    println!("Log in with any of these accounts. The password of every demo account is:");
    println!();
    println!("    {DEMO_PASSWORD}");
    println!();
    println!("  {:<18} {:<20} organisation", "login", "role");
    for l in &summary.logins {
        let roles: Vec<&str> = l.roles.iter().map(|r| r.as_str()).collect();
        println!("  {:<18} {:<20} {}", l.username, roles.join(","), l.organisation);
    }
    println!();
    println!(
        "Financial flows: sign in as {} and open http://{addr}/flows/{}?seeds={}&rule=fifo",
        summary.flows_owner, summary.flows_dataset, summary.flows_seed
    );
    println!(
        "Cases: as {} open http://{addr}/cases/{} (also rafiqul.islam and ahmed.alkhafaji have one each); \
         targets and cases ranked at http://{addr}/cases/ranking; cooperation at http://{addr}/cooperation",
        summary.flows_owner, summary.case
    );
    println!(
        "Legal review: as tariq.mahmood open http://{addr}/programme/legal/{} and the matrix \
         http://{addr}/programme/legal/matrix (bilal.ahmed and karim.hossain answer for PK and BD)",
        summary.legal_reviews.first().copied().unwrap_or_default()
    );
    println!(
        "Entity resolution: as {} open http://{addr}/match/{} (suspects in four scripts; a pair confirmed by the investigator)",
        summary.flows_owner, summary.match_run
    );
    println!(
        "Watch-list screening: as {} open http://{addr}/match/screen/{} (the case's people screened; the organiser \
         confirmed, the hawaladar's namesake rejected)",
        summary.flows_owner, summary.screening_run
    );
    println!(
        "Cross-border hit/no-hit: as {} open http://{addr}/hit (FIA's and the Iranian Border Guard's blind \
         indexes of 2026-Q4 compared: the organiser's phone and the collector's account are held by both)",
        summary.flows_owner
    );
    println!(
        "Programme dashboard and donor report: as tariq.mahmood open http://{addr}/programme \
         (indicators and IATI/HXL exports at http://{addr}/programme/indicators)"
    );
    println!(
        "Partner countries, missions and exit readiness: as tariq.mahmood open \
         http://{addr}/programme/countries and Pakistan http://{addr}/programme/countries/PK \
         (bilal.ahmed and karim.hossain write for PK and BD)"
    );
    println!(
        "Workplans (Gantt), trainings, mentoring and the gender checklist: as tariq.mahmood open \
         http://{addr}/programme/workplans, /programme/trainings, /programme/mentoring, /programme/mainstreaming"
    );
    println!(
        "Theories of change: as tariq.mahmood open http://{addr}/programme/toc (Pakistan's version 2 is \
         under review: compare it with version 1; bilal.ahmed drafts)"
    );
    println!(
        "National assessments: as tariq.mahmood open http://{addr}/programme/assessments (Pakistan's TIP \
         assessment validated, Iraq's SOM assessment in progress)"
    );
    println!();
    if is_sqlite {
        println!(
            "Data: {} (erased and recreated at each `praxis demo`). Press Ctrl-C to stop.",
            args.demo_dir.display()
        );
    } else {
        println!("Data: {describe}. Press Ctrl-C to stop.");
    }
    run_server(app, listener, praxis_web::WebConfig::default()).await
}

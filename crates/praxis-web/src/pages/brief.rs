//! The printable case brief: one page to print (HTML with print styles) and the same as PDF.
//!
//! The brief carries what the case page carries for the caller — victims and migrants under
//! pseudonyms, never identities. The PDF is the same HTML printed by a headless Chromium
//! (`PRAXIS_CHROMIUM`, or `chromium` on the path) from a private temporary directory holding the
//! page, the stylesheet and the fonts; without Chromium the PDF answers 503 and says to print
//! the HTML brief instead. Every brief is audited.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use praxis_app::case_flows::CaseDataset;
use praxis_app::cases::CaseView;
use praxis_app::cooperation::RequestView;
use praxis_app::links::CaseLinks;

use super::cases::term;
use super::fmt_time;
use super::layout::ltr;
use crate::error::page_error;
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

struct Brief {
    case: CaseView,
    money: Vec<CaseDataset>,
    requests: Vec<RequestView>,
    links: CaseLinks,
    printed_by: String,
}

async fn gather(
    app: &praxis_app::App,
    caller: &praxis_app::Caller,
    id: i64,
    printed_by: String,
) -> Result<Brief, praxis_app::AppError> {
    let case = app.case(caller, id).await?;
    let money = app.case_money(caller, id).await?;
    let filter = praxis_app::cooperation::RequestFilter { case: Some(id), ..Default::default() };
    let requests = app.requests(caller, &filter).await?;
    let links = app.case_links(caller, id).await?;
    Ok(Brief { case, money, requests, links, printed_by })
}

fn printed_by(s: &SignedIn) -> String {
    format!("{} ({})", s.actor.display_name, s.actor.org.name)
}

/// The brief of a case as a standalone HTML page (the stylesheet inlined) or PDF, for the command
/// line. The caller's read is checked and the brief audited as on the web.
pub async fn render_case_brief(
    app: &praxis_app::App,
    caller: &praxis_app::Caller,
    id: i64,
    locale: praxis_model::Locale,
    pdf: bool,
) -> Result<Vec<u8>, String> {
    let brief = gather(app, caller, id, "the operator at the command line".into())
        .await
        .map_err(|e| e.to_string())?;
    app.record_case_brief(caller, id, if pdf { "pdf" } else { "html" }).await.map_err(|e| e.to_string())?;
    let tr = Tr::new(locale);
    let page = document(tr, &brief, "praxis.css").into_string();
    if pdf {
        print_pdf(page).await
    } else {
        // Inline the stylesheet so that the file stands alone (fonts fall back to the system's).
        let link = "<link rel=\"stylesheet\" href=\"praxis.css\">";
        Ok(page.replace(link, &format!("<style>{}</style>", crate::assets::css())).into_bytes())
    }
}

/// The brief as a whole document. `stylesheet` is where the CSS is found (a URL for browsers, a
/// file name for the PDF printer).
fn document(tr: Tr, b: &Brief, stylesheet: &str) -> Markup {
    let c = &b.case;
    let now = fmt_time(praxis_store_now());
    html! {
        (DOCTYPE)
        html lang=(tr.locale.tag()) dir=(tr.locale.dir()) {
            head {
                meta charset="utf-8";
                title { (tr.t("brief-title")) " — " (c.case.reference) }
                link rel="stylesheet" href=(stylesheet);
            }
            body.brief {
                main {
                    p.muted { (tr.t("brief-title")) " · " (ltr(&c.case.reference)) " · " (c.case.owner_org_name) }
                    h1 { (c.case.title) }
                    p {
                        (term(tr, "crime_type", c.case.crime_type.as_str())) " · " (term(tr, "stage", c.case.stage.as_str())) " · "
                        (tr.t("field-jurisdictions")) ": " (ltr(&c.case.jurisdictions.join(", ")))
                    }
                    p.muted { (tr.a("brief-printed", &[("who", &b.printed_by), ("when", &now)])) " " (tr.t("brief-confidential")) }
                    @if !c.summary.is_empty() { section { h2 { (tr.t("field-summary")) } p { (c.summary) } } }
                    section {
                        h2 { (tr.t("case-offences")) }
                        ul { @for o in &c.offences { li { (term(tr, "offence", o.offence.as_str())) " — " (o.provision) " (" (ltr(&o.jurisdiction)) ")" } } }
                    }
                    section {
                        h2 { (tr.t("case-subjects")) }
                        table {
                            thead { tr { th { (tr.t("field-name")) } th { (tr.t("field-network_role")) } th { (tr.t("field-status")) } th { (tr.t("field-nationality")) } th { (tr.t("field-accounts")) } } }
                            tbody { @for s in &c.subjects { tr {
                                td { (s.name) @if !s.aliases.is_empty() { " (" (s.aliases) ")" } }
                                td { (term(tr, "network_role", s.network_role.as_str())) }
                                td { (term(tr, "status", s.status.as_str())) }
                                td { (ltr(&s.nationality)) }
                                td { (ltr(&s.accounts.join(", "))) }
                            } } }
                        }
                    }
                    section {
                        h2 { (tr.t("case-persons")) }
                        p.muted { (tr.t("brief-pseudonyms")) }
                        ul { @for p in &c.persons { li {
                            strong { (ltr(&p.pseudonym)) } " — " (term(tr, "kind", p.kind.as_str())) ", " (term(tr, "sex", p.sex.as_str())) ", "
                            (term(tr, "age_band", p.age_band.as_str())) @if p.child { " (" (tr.t("case-child")) ")" } @if !p.exploitation.is_empty() { ", " (p.exploitation) }
                        } } }
                    }
                    section {
                        h2 { (tr.t("ev-base")) }
                        p { strong { (ltr(&c.evidence_base.share.map(|x| format!("{:.0} %", x * 100.0)).unwrap_or_else(|| "–".into()))) } " "
                            (tr.t(if c.evidence_base.charged_only { "ev-base-explain-charged" } else { "ev-base-explain-all" })) }
                        @if c.evidence_base.testimony_only { p { strong { (tr.t("ev-testimony-only")) } } }
                        h3 { (tr.t("ev-register")) }
                        table {
                            thead { tr { th { (tr.t("field-kind")) } th { (tr.t("field-description")) } th { (tr.t("field-source")) } th { (tr.t("field-obtained_on")) } th { (tr.t("field-admissibility")) } } }
                            tbody { @for e in &c.evidence { tr {
                                td { (term(tr, "ev-kind", e.kind.as_str())) } td { (e.description) } td { (e.source) } td { (ltr(&e.obtained_on)) } td { (term(tr, "ev-adm", e.admissibility.as_str())) }
                            } } }
                        }
                        @if !c.inquiries.is_empty() {
                            h3 { (tr.t("ev-inquiries")) }
                            ul { @for i in &c.inquiries { li { (term(tr, "ev-kind", i.kind.as_str())) ": " (i.title) " — " (term(tr, "ev-inq", i.status.as_str())) } } }
                        }
                    }
                    @if !b.money.is_empty() {
                        section {
                            h2 { (tr.t("money-title")) }
                            @for d in &b.money { @if let Some(name) = &d.name {
                                h3 { (name) }
                                @if !d.top.is_empty() {
                                    table {
                                        caption { (tr.t("money-keeps-most")) }
                                        thead { tr { th { (tr.t("flows-account")) } th { (tr.t("rank-net")) } } }
                                        tbody { @for r in &d.top { tr { td { (ltr(&r.account)) } td { (ltr(&r.net)) } } } }
                                    }
                                }
                            } }
                        }
                    }
                    @if !b.requests.is_empty() {
                        section {
                            h2 { (tr.t("coop-title")) }
                            ul { @for r in &b.requests { li {
                                (term(tr, "req-kind", r.kind.as_str())) " " (ltr(&r.reference)) " → " (r.requested_authority) " — "
                                (term(tr, "req-status", r.status.as_str())) @if let Some(d) = &r.deadline { " · " (tr.t("coop-deadline")) " " (ltr(d)) } @if r.overdue { " · " strong { (tr.t("coop-overdue")) } }
                            } } }
                        }
                    }
                    @if !b.links.links.is_empty() {
                        section {
                            h2 { (tr.t("ent-links")) }
                            ul { @for l in &b.links.links { li { (l.ours) " — " (l.holder_org) ", " (l.holder_country) @if let Some(o) = &l.other_case { " — " (ltr(&o.reference)) } } } }
                        }
                    }
                    section {
                        h2 { (tr.t("case-timeline")) }
                        ol.timeline { @for e in &c.timeline { li { (ltr(&e.occurred_on)) " " strong { (e.title) } @if !e.detail.is_empty() { " — " (e.detail) } } } }
                    }
                    @if !c.notes.is_empty() {
                        section {
                            h2 { (tr.t("share-notes")) }
                            ul { @for n in &c.notes { li { (tr.t(&format!("share-note-{}", n.kind))) " · " (n.author.clone().unwrap_or_default()) ": " (n.body) } } }
                        }
                    }
                }
            }
        }
    }
}

fn praxis_store_now() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

pub(crate) async fn html(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    let brief = match gather(&state.app, &s.caller(), id, printed_by(&s)).await {
        Ok(b) => b,
        Err(e) => return page_error(e, s.tr),
    };
    if let Err(e) = state.app.record_case_brief(&s.caller(), id, "html").await {
        return page_error(e, s.tr);
    }
    let mut res = document(s.tr, &brief, "/assets/praxis.css").into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    res
}

/// The Chromium to print with.
fn chromium() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("PRAXIS_CHROMIUM") {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Prints a self-contained HTML page (with the stylesheet and fonts beside it) to PDF.
pub(crate) async fn print_pdf(page: String) -> Result<Vec<u8>, String> {
    let browser = chromium().ok_or("no Chromium to print with (set PRAXIS_CHROMIUM)")?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let css = crate::assets::css().replace("url(\"/assets/fonts/", "url(\"fonts/");
    std::fs::create_dir(dir.path().join("fonts")).map_err(|e| e.to_string())?;
    for (name, bytes) in crate::assets::fonts() {
        std::fs::write(dir.path().join("fonts").join(name), bytes).map_err(|e| e.to_string())?;
    }
    std::fs::write(dir.path().join("praxis.css"), css).map_err(|e| e.to_string())?;
    let html_path = dir.path().join("brief.html");
    std::fs::write(&html_path, page).map_err(|e| e.to_string())?;
    let pdf_path = dir.path().join("brief.pdf");
    let mut cmd = tokio::process::Command::new(browser);
    cmd.arg("--headless")
        .arg("--no-sandbox")
        .arg("--disable-gpu")
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf_path.display()))
        .arg(format!("file://{}", html_path.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    let status = tokio::time::timeout(Duration::from_secs(60), cmd.status())
        .await
        .map_err(|_| "printing took longer than a minute".to_owned())?
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("Chromium exited with {status}"));
    }
    std::fs::read(&pdf_path).map_err(|e| e.to_string())
}

pub(crate) async fn pdf(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    let brief = match gather(&state.app, &s.caller(), id, printed_by(&s)).await {
        Ok(b) => b,
        Err(e) => return page_error(e, s.tr),
    };
    if let Err(e) = state.app.record_case_brief(&s.caller(), id, "pdf").await {
        return page_error(e, s.tr);
    }
    let page = document(s.tr, &brief, "praxis.css").into_string();
    match print_pdf(page).await {
        Ok(bytes) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/pdf"));
            if let Ok(v) =
                header::HeaderValue::from_str(&format!("attachment; filename=\"case-{id}-brief.pdf\""))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
            res
        }
        Err(why) => {
            tracing::warn!(case = id, %why, "case brief PDF not printed");
            (StatusCode::SERVICE_UNAVAILABLE, format!("{} ({why})", s.tr.t("brief-no-pdf"))).into_response()
        }
    }
}

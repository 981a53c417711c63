//! Financial flows: datasets (upload and list), a dataset's page with the trace form, the
//! money-flow diagram and the traced accounts, and the ranking of key players.

use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, PreEscaped};
use praxis_app::flows::{DatasetView, ImportRequest, TraceRequest, UploadedFile};
use praxis_app::policy::{decide, Action, RecordKind, RecordRef};
use praxis_app::AppError;

use super::account::form_error;
use super::layout::{alert, ltr, page, Area};
use super::{flow_svg, fmt_time};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::{urlencode, SignedIn};
use crate::AppState;

fn flows_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    page(s.tr, &s.actor, &s.csrf, Area::Flows, path, title, body).into_response()
}

fn datasets_table(tr: Tr, sets: &[DatasetView]) -> Markup {
    html! {
        table #datasets {
            thead { tr {
                th { (tr.t("field-name")) } th { (tr.t("flows-transactions")) } th { (tr.t("flows-accounts")) }
                th { (tr.t("flows-period")) } th { (tr.t("flows-currency")) } th { (tr.t("field-created")) }
            } }
            tbody {
                @for d in sets {
                    tr {
                        td { a href=(format!("/flows/{}", d.id)) { (d.name) } }
                        td { (ltr(&d.transactions.to_string())) }
                        td { (ltr(&d.accounts.to_string())) }
                        td { @if let (Some(f), Some(l)) = (d.first_at, d.last_at) { (ltr(&format!("{} – {}", &fmt_time(f)[..10], &fmt_time(l)[..10]))) } }
                        td { (ltr(&d.currencies)) }
                        td { (fmt_time(d.created_at)) }
                    }
                }
            }
        }
    }
}

fn index_view(s: &SignedIn, sets: &[DatasetView], error: Option<(&str, &[String])>) -> Response {
    let tr = s.tr;
    let may_import =
        decide(&s.caller(), Action::Create, &RecordRef::new(RecordKind::Case, Some(s.actor.org.id))).allowed;
    flows_page(
        s,
        "/flows",
        &tr.t("nav-flows"),
        html! {
            h1 { (tr.t("nav-flows")) }
            @if let Some((msg, rows)) = error {
                (alert("error", msg))
                @if !rows.is_empty() {
                    details.rows open {
                        summary { (tr.a("flows-bad-rows", &[("count", &rows.len().to_string())])) }
                        ul.diagnostics { @for r in rows.iter().take(200) { li { code { (ltr(r)) } } } }
                    }
                }
            }
            section.card {
                h2 { (tr.t("flows-datasets")) }
                @if sets.is_empty() { p.muted { (tr.t("flows-none")) } } @else { (datasets_table(tr, sets)) }
            }
            @if may_import {
                section.card {
                    h2 { (tr.t("flows-import")) }
                    p.muted { (tr.t("flows-import-explain")) }
                    form method="post" action=(format!("/flows?csrf={}", urlencode(&s.csrf))) enctype="multipart/form-data" {
                        div.field {
                            label for="name" { (tr.t("field-name")) }
                            input #name name="name" type="text" required maxlength="200";
                        }
                        div.field {
                            label for="format" { (tr.t("flows-format")) }
                            select #format name="format" {
                                @for (value, label) in praxis_app::flows::FORMATS { option value=(value) { (label) } }
                            }
                        }
                        div.field {
                            label for="account" { (tr.t("flows-own-account")) }
                            input #account name="account" type="text" dir="ltr";
                            p.hint { (tr.t("flows-own-account-hint")) }
                        }
                        div.field {
                            label for="time_zone" { (tr.t("flows-time-zone")) }
                            input #time_zone name="time_zone" type="text" dir="ltr" placeholder="Asia/Karachi";
                        }
                        div.field {
                            label for="files" { (tr.t("flows-files")) }
                            input #files name="files" type="file" multiple required;
                        }
                        div.field.check {
                            input #skip_bad_rows name="skip_bad_rows" type="checkbox";
                            label for="skip_bad_rows" { (tr.t("flows-skip-bad")) }
                        }
                        button.primary type="submit" { (tr.t("flows-import")) }
                    }
                }
            }
        },
    )
}

pub(crate) async fn index(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.flows_datasets(&s.caller()).await {
        Ok(sets) => index_view(&s, &sets, None),
        Err(e) => page_error(e, s.tr),
    }
}

/// Reads the upload form. Files are kept as received.
async fn read_upload(mut mp: Multipart) -> Result<ImportRequest, AppError> {
    let mut req = ImportRequest { format: "amlsim".into(), ..Default::default() };
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(AppError::invalid("files", "upload", e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|e| AppError::invalid("files", "upload", e.body_text()))?;
        match name.as_str() {
            "name" => req.name = String::from_utf8_lossy(&bytes).into_owned(),
            "format" => req.format = String::from_utf8_lossy(&bytes).into_owned(),
            "account" => req.account = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "time_zone" => req.time_zone = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "skip_bad_rows" => req.skip_bad_rows = matches!(&bytes[..], b"on" | b"true" | b"1"),
            "files" if !bytes.is_empty() => req.files.push(UploadedFile {
                name: file_name.unwrap_or_else(|| "upload".into()),
                bytes: bytes.to_vec(),
            }),
            _ => {}
        }
    }
    Ok(req)
}

pub(crate) async fn upload(
    State(state): State<AppState>,
    s: SignedIn,
    req: axum::extract::Request,
) -> Response {
    // Refuse before reading what may be a large upload.
    let record = RecordRef::new(RecordKind::Case, Some(s.actor.org.id));
    if let Err(e) = praxis_app::policy::authorize(&s.caller(), Action::Create, &record) {
        return page_error(e, s.tr);
    }
    let mp = match <Multipart as axum::extract::FromRequest<()>>::from_request(req, &()).await {
        Ok(mp) => mp,
        Err(e) => return page_error(AppError::invalid("files", "upload", e.body_text()), s.tr),
    };
    let result = match read_upload(mp).await {
        Ok(req) => state.app.flows_import(&s.caller(), req).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(outcome) => Redirect::to(&format!("/flows/{}?imported={}", outcome.dataset, outcome.transactions))
            .into_response(),
        Err(e) => {
            let sets = state.app.flows_datasets(&s.caller()).await.unwrap_or_default();
            let rows: Vec<String> = match &e {
                AppError::ImportRefused(rows) => rows.clone(),
                _ => vec![],
            };
            let msg = form_error(&s, &e);
            let mut r = index_view(&s, &sets, Some((&msg, &rows)));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct TraceQuery {
    #[serde(default)]
    seeds: String,
    #[serde(default)]
    seed_transactions: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    max_hops: Option<u32>,
    #[serde(default)]
    min_amount: String,
    #[serde(default)]
    stops: String,
    #[serde(default)]
    imported: Option<usize>,
}

fn dataset_header(tr: Tr, d: &DatasetView) -> Markup {
    html! {
        section.card {
            h1 { (d.name) }
            dl {
                dt { (tr.t("flows-transactions")) } dd { (ltr(&d.transactions.to_string())) }
                dt { (tr.t("flows-accounts")) } dd { (ltr(&d.accounts.to_string())) }
                dt { (tr.t("flows-period")) } dd { @if let (Some(f), Some(l)) = (d.first_at, d.last_at) { (fmt_time(f)) " – " (fmt_time(l)) } }
                dt { (tr.t("flows-currency")) } dd { (ltr(&d.currencies)) }
                dt { (tr.t("flows-quality")) } dd { (tr.a("flows-quality-figures", &[("skipped", &d.skipped_rows.to_string()), ("duplicates", &d.duplicates.to_string())])) }
                dt { (tr.t("flows-sources")) }
                dd { ul.plain { @for src in &d.sources { li { (src.file_name) " · " (ltr(&format!("{} bytes", src.size_bytes))) " · SHA-256 " code { (ltr(&src.sha256[..16])) "…" } } } } }
            }
            nav.tabs {
                a href=(format!("/flows/{}", d.id)) { (tr.t("flows-trace")) }
                a href=(format!("/flows/{}/alerts", d.id)) { (tr.t("flows-alerts")) }
                a href=(format!("/flows/{}/rank", d.id)) { (tr.t("flows-rank")) }
            }
        }
    }
}

fn select_options(current: &str, options: &[(&str, String)]) -> Markup {
    html! { @for (v, label) in options { option value=(v) selected[*v == current] { (label) } } }
}

pub(crate) async fn dataset(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<TraceQuery>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let d = match state.app.flows_dataset(&caller, id).await {
        Ok(d) => d,
        Err(e) => return page_error(e, tr),
    };
    // The window's placeholders: the data set's own first day and the day after its last.
    let day = |ms: i64| fmt_time(ms).get(..10).unwrap_or_default().to_owned();
    let from_hint = d.first_at.map(day).unwrap_or_else(|| "2026-01-01".into());
    let to_hint = d.last_at.map(|l| day(l + 86_400_000)).unwrap_or_else(|| "2026-02-01".into());
    let asked = !q.seeds.trim().is_empty() || !q.seed_transactions.trim().is_empty();
    let result = if asked {
        let req = TraceRequest {
            seeds: vec![q.seeds.clone()],
            seed_transactions: vec![q.seed_transactions.clone()],
            direction: Some(q.direction.clone()),
            rule: Some(q.rule.clone()),
            from: Some(q.from.clone()),
            to: Some(q.to.clone()),
            max_hops: q.max_hops,
            min_amount: Some(q.min_amount.clone()),
            stops: vec![q.stops.clone()],
        };
        Some(state.app.flows_trace(&caller, id, &req).await)
    } else {
        None
    };
    let rules = [
        ("fifo", tr.t("rule-fifo")),
        ("lifo", tr.t("rule-lifo")),
        ("libr", tr.t("rule-libr")),
        ("pro-rata", tr.t("rule-pro-rata")),
        ("poison", tr.t("rule-poison")),
    ];
    let directions = [("forward", tr.t("flows-forward")), ("backward", tr.t("flows-backward"))];
    let status = match &result {
        Some(Err(e)) => status_of(e),
        _ => axum::http::StatusCode::OK,
    };
    let rule = if q.rule.is_empty() { "fifo" } else { q.rule.as_str() };
    let mut r = flows_page(
        &s,
        &format!("/flows/{id}"),
        &d.name,
        html! {
            @if let Some(n) = q.imported { (alert("notice", &tr.a("flows-imported", &[("count", &n.to_string())]))) }
            (dataset_header(tr, &d))
            section.card {
                h2 { (tr.t("flows-trace")) }
                form.trace method="get" action=(format!("/flows/{id}")) {
                    div.grid {
                        div.field { label for="seeds" { (tr.t("flows-seeds")) } input #seeds name="seeds" type="text" dir="ltr" value=(q.seeds) placeholder="4397, 882"; }
                        div.field { label for="seed_transactions" { (tr.t("flows-seed-txs")) } input #seed_transactions name="seed_transactions" type="text" dir="ltr" value=(q.seed_transactions); }
                        div.field { label for="direction" { (tr.t("flows-direction")) } select #direction name="direction" { (select_options(&q.direction, &directions)) } }
                        div.field { label for="rule" { (tr.t("flows-rule")) } select #rule name="rule" { (select_options(rule, &rules)) } }
                        div.field { label for="from" { (tr.t("flows-from")) } input #from name="from" type="text" dir="ltr" value=(q.from) placeholder=(from_hint); }
                        div.field { label for="to" { (tr.t("flows-to")) } input #to name="to" type="text" dir="ltr" value=(q.to) placeholder=(to_hint); }
                        div.field { label for="max_hops" { (tr.t("flows-max-hops")) } input #max_hops name="max_hops" type="number" min="1" max="20" dir="ltr" value=(q.max_hops.unwrap_or(6)); }
                        div.field { label for="min_amount" { (tr.t("flows-min-amount")) } input #min_amount name="min_amount" type="text" dir="ltr" value=(q.min_amount); }
                        div.field { label for="stops" { (tr.t("flows-stops")) } input #stops name="stops" type="text" dir="ltr" value=(q.stops); }
                    }
                    button.primary type="submit" { (tr.t("flows-run-trace")) }
                }
            }
            @match &result {
                None => {}
                Some(Err(e)) => { (alert("error", &form_error(&s, e))) }
                Some(Ok(t)) => {
                    section.card #trace-result {
                        h2 { (tr.a("flows-trace-title", &[("rule", &t.rule_description)])) }
                        p.muted {
                            (tr.a("flows-trace-summary", &[
                                ("accounts", &t.accounts.len().to_string()),
                                ("tainted", &format!("{} {}", t.tainted_in.join(" + "), t.currency.clone().unwrap_or_default())),
                                ("ms", &format!("{:.1}", t.elapsed_ms)),
                            ]))
                        }
                        div.diagram {
                            (PreEscaped(flow_svg::money_flow(t,
                                &tr.a("flows-diagram-title", &[("rule", &t.rule.to_uppercase()), ("currency", &t.currency.clone().unwrap_or_default())]),
                                &format!("+{{n}} {}", tr.t("flows-more")),
                                tr.locale.is_rtl())))
                        }
                        table #traced {
                            thead { tr {
                                th { (tr.t("flows-account")) } th { (tr.t("flows-hops")) }
                                th { (tr.a("flows-received", &[("rule", &t.rule)])) } th { (tr.t("flows-remaining")) }
                                th { (tr.t("flows-first-arrival")) } th { (tr.t("flows-path")) }
                            } }
                            tbody {
                                @for a in t.accounts.iter().take(500) {
                                    tr {
                                        td { (ltr(&a.account)) @if a.seed { " " span.badge { (tr.t("flows-seed")) } } @if a.stop { " " span.badge { (tr.t("flows-stop")) } } }
                                        td { (ltr(&a.hops.to_string())) }
                                        td { (ltr(&a.amount)) }
                                        td { @if let Some(r) = &a.remaining { (ltr(r)) } @else { "—" } }
                                        td { @if let Some(f) = &a.first_arrival { (ltr(f)) } }
                                        td { (ltr(&a.path_accounts.join(" → "))) }
                                    }
                                }
                            }
                        }
                        @if t.accounts.len() > 500 { p.muted { (tr.a("flows-truncated", &[("count", &t.accounts.len().to_string())])) } }
                    }
                }
            }
        },
    );
    *r.status_mut() = status;
    r
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct RankQuery {
    #[serde(default)]
    by: Option<String>,
}

pub(crate) async fn rank(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<RankQuery>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let d = match state.app.flows_dataset(&caller, id).await {
        Ok(d) => d,
        Err(e) => return page_error(e, tr),
    };
    let by = q.by.unwrap_or_else(|| "pagerank".into());
    let rows = match state.app.flows_rank(&caller, id, &by, 100).await {
        Ok(r) => r,
        Err(e) => return page_error(e, tr),
    };
    let options = [
        ("pagerank", tr.t("rank-pagerank")),
        ("authority", tr.t("rank-authority")),
        ("hub", tr.t("rank-hub")),
        ("net", tr.t("rank-net")),
        ("flow-through", tr.t("rank-flow-through")),
    ];
    flows_page(
        &s,
        &format!("/flows/{id}/rank"),
        &d.name,
        html! {
            (dataset_header(tr, &d))
            section.card {
                h2 { (tr.t("flows-rank")) }
                form.filters method="get" action=(format!("/flows/{id}/rank")) {
                    label for="by" { (tr.t("rank-by")) }
                    select #by name="by" { (select_options(&by, &options)) }
                    button type="submit" { (tr.t("filter")) }
                }
                p.muted { (tr.t("rank-explain")) }
                table #ranking {
                    thead { tr {
                        th { "#" } th { (tr.t("flows-account")) } th { "PageRank" } th { (tr.t("rank-authority")) } th { (tr.t("rank-hub")) }
                        th { (tr.t("rank-in")) } th { (tr.t("rank-out")) } th { (tr.t("rank-net")) } th { (tr.t("rank-flow-through")) }
                        th { (tr.t("rank-counterparties")) }
                    } }
                    tbody {
                        @for r in &rows {
                            tr {
                                td { (r.rank) }
                                td { (ltr(&r.account)) @if !r.holder.is_empty() { " · " (r.holder) } }
                                td { (ltr(&format!("{:.6}", r.pagerank))) }
                                td { (ltr(&format!("{:.6}", r.authority))) }
                                td { (ltr(&format!("{:.6}", r.hub))) }
                                td { (ltr(&r.inflow)) } td { (ltr(&r.outflow)) } td { (ltr(&r.net)) } td { (ltr(&r.flow_through)) }
                                td { (ltr(&format!("{} / {}", r.counterparties_in, r.counterparties_out))) }
                            }
                        }
                    }
                }
            }
        },
    )
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct AlertsQuery {
    job: Option<u64>,
    #[serde(default)]
    typology: String,
}

pub(crate) async fn start_scan(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: super::FormData,
) -> Response {
    let req = praxis_app::flows::ScanRequest {
        typologies: form.all("typologies"),
        from: Some(form.get("from").to_owned()),
        to: Some(form.get("to").to_owned()),
        min_score: form.get("min_score").trim().parse().ok(),
        structuring_threshold: Some(form.get("structuring_threshold").to_owned()),
    };
    match state.app.flows_scan(&s.caller(), id, &req).await {
        Ok(job) => Redirect::to(&format!("/flows/{id}/alerts?job={job}")).into_response(),
        Err(e) => page_error(e, s.tr),
    }
}

const TYPOLOGIES: [&str; 11] = [
    "fan_in",
    "fan_out",
    "cycle",
    "scatter_gather",
    "gather_scatter",
    "pass_through",
    "structuring",
    "remittance_funnel",
    "controller_account",
    "pooled_wages",
    "hawala_settlement",
];

pub(crate) async fn alerts(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<AlertsQuery>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let d = match state.app.flows_dataset(&caller, id).await {
        Ok(d) => d,
        Err(e) => return page_error(e, tr),
    };
    let job = match q.job {
        Some(j) => match state.app.job(&caller, j).await {
            Ok(v) => Some(v),
            Err(e) => return page_error(e, tr),
        },
        None => None,
    };
    let running = matches!(job.as_ref().map(|j| &j.state), Some(praxis_app::jobs::JobState::Running));
    let body = html! {
        (dataset_header(tr, &d))
        section.card {
            h2 { (tr.t("flows-alerts")) }
            p.muted { (tr.t("flows-scan-explain")) }
            form method="post" action=(format!("/flows/{id}/scan")) {
                (super::layout::csrf_input(&s.csrf))
                fieldset.roles {
                    legend { (tr.t("flows-typologies")) }
                    @for t in TYPOLOGIES {
                        div.check {
                            input type="checkbox" name="typologies" value=(t) id=(format!("t-{t}")) checked;
                            label for=(format!("t-{t}")) { (tr.t(&format!("typology-{t}"))) }
                        }
                    }
                }
                div.grid {
                    div.field { label for="from" { (tr.t("flows-from")) } input #from name="from" type="text" dir="ltr"; }
                    div.field { label for="to" { (tr.t("flows-to")) } input #to name="to" type="text" dir="ltr"; }
                    div.field { label for="structuring_threshold" { (tr.t("flows-threshold")) } input #structuring_threshold name="structuring_threshold" type="text" dir="ltr" placeholder="10000.00"; }
                }
                button.primary type="submit" { (tr.t("flows-run-scan")) }
            }
        }
        @if let Some(j) = &job {
            section.card #scan-result {
                @match &j.state {
                    praxis_app::jobs::JobState::Running => {
                        p { (tr.a("flows-scan-running", &[("step", &j.step)])) }
                        progress max="1" value=(j.progress) { (format!("{:.0}%", j.progress * 100.0)) }
                    }
                    praxis_app::jobs::JobState::Failed { message } => { (alert("error", message)) }
                    praxis_app::jobs::JobState::Stored { .. } => {}
                    praxis_app::jobs::JobState::Done { alerts } => {
                        @let shown: Vec<&praxis_app::flows::AlertView> = alerts.iter().filter(|a| q.typology.is_empty() || a.typology == q.typology).collect();
                        h2 { (tr.a("flows-alerts-found", &[("count", &alerts.len().to_string())])) }
                        form.filters method="get" action=(format!("/flows/{id}/alerts")) {
                            input type="hidden" name="job" value=(j.id);
                            label for="typology" { (tr.t("flows-typology")) }
                            select #typology name="typology" {
                                option value="" { (tr.t("all")) }
                                @for t in TYPOLOGIES { option value=(t) selected[q.typology == t] { (tr.t(&format!("typology-{t}"))) } }
                            }
                            button type="submit" { (tr.t("filter")) }
                        }
                        @for (i, a) in shown.iter().take(100).enumerate() {
                            article.alertcard {
                                h3 {
                                    span.badge { (tr.t(&format!("typology-{}", a.typology))) }
                                    @if let Some(ind) = &a.indicator { " " span.badge { (ind) } }
                                    " " (tr.a("flows-score", &[("score", &format!("{:.2}", a.score))]))
                                }
                                div.alertbody {
                                    div.diagram { (PreEscaped(flow_svg::alert_graph(a, &i.to_string()))) }
                                    div {
                                        p lang="en" dir="ltr" { (a.explanation) }
                                        p.muted { (tr.t("flows-rule-fired")) " " code { (a.rule) } }
                                        table.figures { tbody { @for (k, v) in &a.figures { tr { th { (ltr(k)) } td { (ltr(v)) } } } } }
                                        details {
                                            summary { (tr.a("flows-alert-transactions", &[("count", &a.transactions.len().to_string())])) }
                                            table { tbody { @for e in a.edges.iter().take(200) { tr { td { (ltr(&e.transaction)) } td { (ltr(&e.time)) } td { (ltr(&format!("{} → {}", e.from, e.to))) } td { (ltr(&e.amount)) } } } } }
                                        }
                                    }
                                }
                            }
                        }
                        @if shown.len() > 100 { p.muted { (tr.a("flows-truncated", &[("count", &shown.len().to_string())])) } }
                    }
                }
            }
        }
    };
    super::layout::page_refreshing(
        tr,
        &s.actor,
        &s.csrf,
        Area::Flows,
        &format!("/flows/{id}/alerts"),
        &d.name,
        running.then_some(2),
        body,
    )
    .into_response()
}

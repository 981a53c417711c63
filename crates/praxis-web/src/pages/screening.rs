//! The screening page (`/match/screen`): upload a watch list in FtM JSON lines and the queries
//! (CSV with an id column and `role=column` mapping, or FtM JSON lines), or, from a case's
//! entities page, screen the case's people and organisations (`?case=ID`); the screening is kept
//! and the browser goes to its run (`/match/screen/{id}`): per query, the ranked candidates with
//! their score, whether they are a match, the names that met and the evidence with its weight, and
//! a control to confirm or reject each (with a note). Judgements given earlier on the same query
//! and list entity are marked. The form's page lists the organisation's earlier screenings.

use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::policy::{Action, RecordKind, RecordRef};
use praxis_app::screening::{CandidateView, ScreenInput, ScreenReport, MAX_QUERIES, MAX_WATCH_LIST_BYTES};
use praxis_app::screening_review::{ScreeningJudgementInput, ScreeningRunSummary};
use praxis_app::AppError;

use super::fmt_time;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::FormData;
use crate::error::{page_error, status_of, user_message};
use crate::session::SignedIn;
use crate::AppState;

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn weight_text(w: f64) -> String {
    if w >= 0.0 {
        format!("+{w:.2}")
    } else {
        format!("−{:.2}", -w)
    }
}

/// The case being screened: its id and how it is shown.
type CaseLabel = (i64, String);

fn error_text(s: &SignedIn, e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => s.tr.a(
            "error-field",
            &[("field", &s.tr.t(&format!("scr-field-{}", v.field))), ("message", &v.message)],
        ),
        other => user_message(other, s.tr),
    }
}

/// A candidate's judgement as a badge: given on this run, or earlier (on an earlier run).
fn judgement_badge(s: &SignedIn, c: &CandidateView) -> Markup {
    let tr = s.tr;
    html! {
        @if let Some(v) = &c.judgement {
            @let key = match (v.as_str(), c.judged_earlier) {
                ("rejected", true) => "scr-rejected-earlier",
                ("rejected", false) => "scr-rejected",
                (_, true) => "scr-confirmed-earlier",
                _ => "scr-confirmed",
            };
            span class=(if v == "rejected" { "badge judged-rejected" } else { "badge status-validated judged-confirmed" }) { (tr.t(key)) }
            " "
            span.muted { (tr.a("scr-judged-by", &[
                ("who", c.judged_by.as_deref().unwrap_or("–")),
                ("when", &c.judged_at.map(fmt_time).unwrap_or_default()),
            ])) }
            @if !c.judgement_note.is_empty() { br; span.muted { (c.judgement_note) } }
        }
    }
}

fn results(s: &SignedIn, r: &ScreenReport, write: bool) -> Markup {
    let tr = s.tr;
    html! {
        section.card #results {
            h2 { (tr.t("scr-results")) }
            p { (tr.a("scr-summary", &[
                ("entities", &r.entities.to_string()),
                ("queries", &r.queries.len().to_string()),
                ("screened", &r.screened.to_string()),
                ("candidates", &r.with_candidates.to_string()),
                ("matches", &r.with_match.to_string()),
            ])) }
            @if r.confirmed + r.rejected > 0 {
                p { (tr.a("scr-judged-summary", &[("confirmed", &r.confirmed.to_string()), ("rejected", &r.rejected.to_string())])) }
            }
            p.muted { (tr.t("scr-threshold")) " " (ltr(&format!("{:.2}", r.threshold))) " · SHA-256 " (ltr(&r.list_sha256)) }
            @if !r.value_problems.is_empty() {
                details {
                    summary { (tr.a("scr-value-problems", &[("count", &r.value_problems.len().to_string())])) }
                    ul { @for p in &r.value_problems { li { (ltr(p)) } } }
                }
            }
            @for (i, q) in r.queries.iter().enumerate() {
                article.pair id=(format!("query-{i}")) {
                    h3 {
                        (ltr(&q.query_id)) " · " (q.caption) " "
                        @if !q.screened { span.badge.overdue { (tr.t("scr-not-screened")) } }
                        @else if q.candidates.iter().any(|c| c.is_match) { span.badge.status-validated { (tr.t("scr-has-match")) } }
                        @else if q.candidates.is_empty() { span.badge { (tr.t("scr-no-candidates")) } }
                    }
                    @if !q.fields.is_empty() {
                        p.muted { @for (k, v) in &q.fields { (ltr(k)) ": " (v) " · " } }
                    }
                    @if !q.candidates.is_empty() {
                        table.figures {
                            thead { tr {
                                th { "#" } th { (tr.t("scr-entity")) } th { (tr.t("scr-score")) } th { (tr.t("scr-names")) } th { (tr.t("scr-evidence")) } th { (tr.t("scr-judgement")) }
                            } }
                            tbody {
                                @for c in &q.candidates {
                                    tr id=(format!("query-{i}-{}", c.rank)) {
                                        td { (c.rank) }
                                        td { (c.entity_caption) br; span.muted { (ltr(&format!("{} · {}", c.entity_schema, c.entity_id))) } }
                                        td {
                                            (ltr(&format!("{:.3}", c.score))) " "
                                            @if c.is_match { span.badge.status-validated { (tr.t("scr-match")) } } @else { span.badge { (tr.t("scr-possible")) } }
                                        }
                                        td {
                                            (c.query_name) " ↔ " (c.matched_name) " "
                                            span.muted { (ltr(&format!("({}, {:.3})", c.matched_property, c.name_score))) }
                                            @if !c.name_parts.is_empty() { br; span.muted { (ltr(&c.name_parts.join("; "))) } }
                                        }
                                        td {
                                            @if c.evidence.is_empty() { span.muted { "–" } }
                                            ul { @for v in &c.evidence {
                                                li { (ltr(&v.field)) ": " (ltr(&v.outcome)) " "
                                                    span class=(if v.weight >= 0.0 { "ok" } else { "error" }) { (ltr(&weight_text(v.weight))) } }
                                            } }
                                        }
                                        td {
                                            (judgement_badge(s, c))
                                            @if write {
                                                form.judge method="post" action=(format!("/match/screen/{}/judgements", r.run)) {
                                                    (csrf_input(&s.csrf))
                                                    input type="hidden" name="query_id" value=(q.query_id);
                                                    input type="hidden" name="list_entity_id" value=(c.entity_id);
                                                    input type="hidden" name="anchor" value=(format!("query-{i}"));
                                                    label { (tr.t("field-note")) " " input name="note" type="text" maxlength="2000" value=(c.judgement_note); }
                                                    " "
                                                    button type="submit" name="verdict" value="confirmed" { (tr.t("scr-confirm")) }
                                                    " "
                                                    button.danger type="submit" name="verdict" value="rejected" { (tr.t("scr-reject")) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The screenings listed (the form's page and a case's page).
pub(crate) fn runs_table(s: &SignedIn, runs: &[ScreeningRunSummary]) -> Markup {
    let tr = s.tr;
    html! {
        table.figures.runs {
            thead { tr {
                th { (tr.t("scr-col-run")) } th { (tr.t("scr-col-when")) } th { (tr.t("scr-col-by")) } th { (tr.t("scr-col-list")) }
                th { (tr.t("scr-col-queries")) } th { (tr.t("scr-col-matches")) }
            } }
            tbody {
                @for r in runs {
                    tr {
                        td { a href=(format!("/match/screen/{}", r.id)) { (ltr(&format!("#{}", r.id))) } }
                        td { (ltr(&fmt_time(r.created_at))) }
                        td { (r.created_by_name.as_deref().unwrap_or("–")) }
                        td { (r.list_name) br; span.muted { (ltr(&format!("{} · {}…", r.entities, &r.list_sha256[..r.list_sha256.len().min(12)]))) } }
                        td { (r.queries) @if let Some(c) = r.case { " · " a href=(format!("/cases/{c}")) { (tr.t("scr-field-case")) " " (c) } } }
                        td { (r.with_match) }
                    }
                }
            }
        }
    }
}

/// A case page's section: the screenings of its people and organisations.
pub(crate) fn case_section(s: &SignedIn, case: i64, runs: &[ScreeningRunSummary]) -> Markup {
    let tr = s.tr;
    html! {
        section.card #screenings {
            h2 { (tr.t("scr-case-runs")) }
            @if runs.is_empty() { p.muted { (tr.t("scr-no-runs")) } } @else { (runs_table(s, runs)) }
            p { a href=(format!("/match/screen?case={case}")) { (tr.t("scr-case-button")) } }
        }
    }
}

fn view(
    s: &SignedIn,
    case: Option<&CaseLabel>,
    form: &FormData,
    error: Option<(&str, &[String])>,
    runs: &[ScreeningRunSummary],
) -> Response {
    let tr = s.tr;
    let v = |k: &str| form.get(k).to_owned();
    let or = |k: &str, d: &str| if v(k).is_empty() { d.to_owned() } else { v(k) };
    let body = html! {
        p { a href="/match" { (tr.t("er-title")) } }
        h1 { (tr.t("scr-title")) }
        p.muted { (tr.t("scr-intro")) }
        @if let Some((id, label)) = case {
            p { (tr.t("scr-case")) " " a href=(format!("/cases/{id}/entities")) { (label) } }
        }
        @if let Some((msg, rows)) = error {
            (alert("error", msg))
            @if !rows.is_empty() { ul.problems { @for r in rows.iter().take(50) { li { (ltr(r)) } } } }
        }
        section.card {
            form method="post" action=(format!("/match/screen?csrf={}", urlencode(&s.csrf))) enctype="multipart/form-data" {
                @if let Some((id, _)) = case { input type="hidden" name="case" value=(id); }
                div.field {
                    label for="s-list" { (tr.t("scr-field-list")) }
                    input #s-list name="list" type="file" accept=".json,.jsonl,.ftm,application/json" required;
                    p.hint { (tr.a("scr-list-hint", &[("mb", &(MAX_WATCH_LIST_BYTES >> 20).to_string())])) }
                }
                @if case.is_none() {
                    div.field {
                        label for="s-queries" { (tr.t("scr-field-queries")) }
                        input #s-queries name="queries" type="file" accept=".csv,.json,.jsonl,text/csv" required;
                        p.hint { (tr.a("scr-queries-hint", &[("max", &MAX_QUERIES.to_string())])) }
                    }
                    div.field { label for="s-id" { (tr.t("scr-field-id_column")) } input #s-id name="id_column" type="text" dir="ltr" value=(v("id_column")); }
                    div.field {
                        label for="s-map" { (tr.t("scr-field-mapping")) }
                        textarea #s-map name="mapping" rows="3" dir="ltr" placeholder="full_name=name, birth_date=dob, id_number=passport" { (v("mapping")) }
                        p.hint { (tr.t("scr-mapping-hint")) }
                    }
                }
                div.field { label for="s-top" { (tr.t("scr-field-top")) } input #s-top name="top" type="number" min="1" max="50" dir="ltr" value=(or("top", "5")); }
                div.field {
                    label for="s-threshold" { (tr.t("scr-field-threshold")) }
                    input #s-threshold name="threshold" type="text" dir="ltr" size="6" value=(or("threshold", "0.85"));
                    p.hint { (tr.t("scr-threshold-hint")) }
                }
                div.field { label for="s-region" { (tr.t("scr-field-phone_region")) } input #s-region name="phone_region" type="text" dir="ltr" size="4" maxlength="2" value=(or("phone_region", "PK")); }
                button.primary type="submit" { (tr.t("scr-run")) }
            }
        }
        section.card #runs {
            h2 { (tr.t("scr-runs")) }
            @if runs.is_empty() { p.muted { (tr.t("scr-no-runs")) } } @else { (runs_table(s, runs)) }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Entities, "/match", &tr.t("scr-title"), body).into_response()
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct CaseQuery {
    case: Option<i64>,
}

async fn case_label(
    state: &AppState,
    s: &SignedIn,
    case: Option<i64>,
) -> Result<Option<CaseLabel>, AppError> {
    match case {
        None => Ok(None),
        Some(id) => {
            let c = state.app.case(&s.caller(), id).await?;
            Ok(Some((id, format!("{} · {}", c.case.reference, c.case.title))))
        }
    }
}

fn allowed(s: &SignedIn) -> Result<(), AppError> {
    let record = RecordRef::new(RecordKind::Case, Some(s.actor.org.id));
    praxis_app::policy::authorize(&s.caller(), Action::Create, &record).map(|_| ())
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<CaseQuery>,
) -> Response {
    if let Err(e) = allowed(&s) {
        return page_error(e, s.tr);
    }
    let runs = match state.app.screening_runs(&s.caller()).await {
        Ok(r) => r,
        Err(e) => return page_error(e, s.tr),
    };
    match case_label(&state, &s, q.case).await {
        Ok(case) => view(&s, case.as_ref(), &FormData(vec![]), None, &runs),
        Err(e) => page_error(e, s.tr),
    }
}

/// Reads the form: the text fields, and the files as text (UTF-8).
async fn read_form(mut mp: Multipart) -> Result<(ScreenInput, FormData), AppError> {
    let mut input = ScreenInput::default();
    let mut fields = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(AppError::invalid("list", "upload", e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "list" {
            input.list_name = field.file_name().map(|f| f.chars().take(200).collect());
        }
        let bytes = field.bytes().await.map_err(|e| AppError::invalid("list", "upload", e.body_text()))?;
        let text = |field: &'static str| {
            String::from_utf8(bytes.to_vec())
                .map_err(|_| AppError::invalid(field, "encoding", "the file is not UTF-8 text"))
        };
        match name.as_str() {
            "list" => input.list = text("list")?,
            "queries" => input.queries = Some(text("queries")?),
            "case" | "id_column" | "mapping" | "top" | "threshold" | "phone_region" => {
                fields.push((name, text("mapping")?));
            }
            _ => {}
        }
    }
    let form = FormData(fields);
    let get = |k: &str| form.get(k).trim().to_owned();
    input.id_column = Some(get("id_column"));
    input.mapping = Some(get("mapping"));
    input.phone_region = Some(get("phone_region"));
    if !get("case").is_empty() {
        input.case =
            Some(get("case").parse().map_err(|_| AppError::invalid("case", "invalid", "a case number"))?);
    }
    if !get("top").is_empty() {
        input.top = Some(
            get("top")
                .parse()
                .map_err(|_| AppError::invalid("top", "invalid", "a whole number such as 5"))?,
        );
    }
    if !get("threshold").is_empty() {
        input.threshold = Some(
            get("threshold")
                .parse()
                .map_err(|_| AppError::invalid("threshold", "invalid", "a number such as 0.85"))?,
        );
    }
    Ok((input, form))
}

pub(crate) async fn screen(
    State(state): State<AppState>,
    s: SignedIn,
    req: axum::extract::Request,
) -> Response {
    // Refuse before reading what may be a large upload.
    if let Err(e) = allowed(&s) {
        return page_error(e, s.tr);
    }
    let mp = match <Multipart as axum::extract::FromRequest<()>>::from_request(req, &()).await {
        Ok(mp) => mp,
        Err(e) => return page_error(AppError::invalid("list", "upload", e.body_text()), s.tr),
    };
    let runs = match state.app.screening_runs(&s.caller()).await {
        Ok(r) => r,
        Err(e) => return page_error(e, s.tr),
    };
    let (input, form) = match read_form(mp).await {
        Ok(x) => x,
        Err(e) => {
            let msg = error_text(&s, &e);
            let mut r = view(&s, None, &FormData(vec![]), Some((&msg, &[])), &runs);
            *r.status_mut() = status_of(&e);
            return r;
        }
    };
    let case = match case_label(&state, &s, input.case).await {
        Ok(c) => c,
        Err(e) => return page_error(e, s.tr),
    };
    match state.app.screen_watch_list(&s.caller(), &input).await {
        Ok(report) => Redirect::to(&format!("/match/screen/{}", report.run)).into_response(),
        Err(e) => {
            let rows: Vec<String> = match &e {
                AppError::ImportRefused(rows) => rows.clone(),
                _ => vec![],
            };
            let msg = error_text(&s, &e);
            let mut r = view(&s, case.as_ref(), &form, Some((&msg, &rows)), &runs);
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ShowQuery {
    done: Option<String>,
}

/// A kept screening run with its judgement controls (for those who may judge).
pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Response {
    let report = match state.app.screening_run(&s.caller(), id).await {
        Ok(r) => r,
        Err(e) => return page_error(e, s.tr),
    };
    let write = allowed(&s).is_ok()
        && match report.case {
            Some(case) => {
                state.app.case(&s.caller(), case).await.map(|c| c.permissions.write).unwrap_or(false)
            }
            None => true,
        };
    let tr = s.tr;
    let title = tr.a("scr-run-title", &[("id", &report.run.to_string())]);
    let body = html! {
        p { a href="/match/screen" { (tr.t("scr-back")) } }
        h1 { (title) }
        p {
            (tr.a("scr-run-meta", &[
                ("who", report.created_by_name.as_deref().unwrap_or("–")),
                ("when", &fmt_time(report.created_at)),
                ("list", &report.list_name),
            ]))
        }
        @if let (Some(case), Some(label)) = (report.case, &report.case_label) {
            p { (tr.t("scr-case")) " " a href=(format!("/cases/{case}")) { (label) } }
        }
        @if q.done.is_some() { (alert("notice", &tr.t("scr-judgement-saved"))) }
        p.muted { (tr.t("scr-judge-hint")) }
        (results(&s, &report, write))
    };
    page(tr, &s.actor, &s.csrf, Area::Entities, "/match", &title, body).into_response()
}

/// An analyst's verdict on a candidate, from the run page.
pub(crate) async fn judge(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = ScreeningJudgementInput {
        query_id: form.get("query_id").to_owned(),
        list_entity_id: form.get("list_entity_id").to_owned(),
        verdict: form.get("verdict").to_owned(),
        note: form.get("note").to_owned(),
    };
    let anchor: String =
        form.get("anchor").chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect();
    match state.app.judge_screening(&s.caller(), id, &input).await {
        Ok(()) => Redirect::to(&format!("/match/screen/{id}?done=judged#{anchor}")).into_response(),
        Err(e) => page_error(e, s.tr),
    }
}

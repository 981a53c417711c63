//! Entity resolution pages: the runs of the caller's organisation with the form to start one
//! (upload one list to deduplicate or two to link, say which column plays which role), and a
//! run's review screen: the proposed pairs, strongest first, each with why it was proposed (every
//! field's level and weight) and buttons to confirm or reject it; the clusters; a button to run
//! again, which respects the judgements. A running run's page follows the job by reloading.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::matching::{JudgementInput, MatchRunInput, RunSummary, RunView};
use praxis_app::policy::{Action, RecordKind, RecordRef};
use praxis_app::AppError;

use super::account::form_error;
use super::fmt_time;
use super::layout::{alert, csrf_input, ltr, page, page_refreshing, Area};
use super::FormData;
use crate::error::{page_error, status_of};
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

fn outcome_line(s: &SignedIn, r: &RunSummary) -> Markup {
    let tr = s.tr;
    let o = &r.outcome;
    html! {
        @match r.status.as_str() {
            "running" => { span.badge { (tr.t("er-running")) } }
            "failed" => { span.badge.overdue { (tr.t("er-failed")) } " " (o.failure.clone().unwrap_or_default()) }
            _ => {
                (tr.a("er-outcome", &[
                    ("records", &(o.left_records + o.right_records).to_string()),
                    ("candidates", &o.candidate_pairs.to_string()),
                    ("matches", &o.matches.to_string()),
                    ("clusters", &o.clusters_of_more_than_one.to_string()),
                ]))
            }
        }
    }
}

fn index_view(
    s: &SignedIn,
    runs: &[RunSummary],
    error: Option<(&str, &[String])>,
    form: &FormData,
) -> Response {
    let tr = s.tr;
    let v = |k: &str| form.get(k).to_owned();
    let body = html! {
        h1 { (tr.t("er-title")) }
        p.muted { (tr.t("er-intro")) }
        p { a href="/match/screen" { (tr.t("scr-link")) } " " span.muted { (tr.t("scr-link-hint")) } }
        p { a href="/hit" { (tr.t("hit-link")) } " " span.muted { (tr.t("hit-link-hint")) } }
        @if let Some((msg, rows)) = error {
            (alert("error", msg))
            @if !rows.is_empty() { ul.problems { @for r in rows.iter().take(50) { li { (ltr(r)) } } } }
        }
        section.card {
            h2 { (tr.t("er-runs")) }
            @if runs.is_empty() { p.muted { (tr.t("er-none")) } } @else {
                table {
                    thead { tr { th { (tr.t("field-title")) } th { (tr.t("field-collection")) } th { (tr.t("field-kind")) } th { (tr.t("er-started")) } th { (tr.t("er-result")) } } }
                    tbody {
                        @for r in runs {
                            tr {
                                td { a href=(format!("/match/{}", r.id)) { (r.title) } }
                                td { (r.collection) }
                                td { (tr.t(&format!("er-kind-{}", r.kind))) }
                                td { (fmt_time(r.created_at)) @if let Some(n) = &r.created_by_name { br; span.muted { (n) } } }
                                td { (outcome_line(s, r)) }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { (tr.t("er-new")) }
            form method="post" action=(format!("/match?csrf={}", urlencode(&s.csrf))) enctype="multipart/form-data" {
                div.field { label for="m-title" { (tr.t("field-title")) } input #m-title name="title" type="text" required maxlength="200" value=(v("title")); }
                div.field {
                    label for="m-collection" { (tr.t("field-collection")) }
                    input #m-collection name="collection" type="text" maxlength="200" value=(v("collection"));
                    p.hint { (tr.t("er-collection-hint")) }
                }
                div.field {
                    label for="m-kind" { (tr.t("field-kind")) }
                    select #m-kind name="kind" {
                        option value="dedupe" selected[v("kind") != "link"] { (tr.t("er-kind-dedupe")) }
                        option value="link" selected[v("kind") == "link"] { (tr.t("er-kind-link")) }
                    }
                }
                div.field { label for="m-left" { (tr.t("field-left_csv")) } input #m-left name="left" type="file" accept=".csv,text/csv" required; }
                div.field {
                    label for="m-right" { (tr.t("field-right_csv")) }
                    input #m-right name="right" type="file" accept=".csv,text/csv";
                    p.hint { (tr.t("er-right-hint")) }
                }
                div.field { label for="m-id" { (tr.t("field-id_column")) } input #m-id name="id_column" type="text" dir="ltr" required value=(v("id_column")); }
                div.field {
                    label for="m-map" { (tr.t("field-mapping")) }
                    textarea #m-map name="mapping" rows="3" dir="ltr" required placeholder="full_name=name, phone=mobile, birth_date=dob" { (v("mapping")) }
                    p.hint { (tr.t("er-mapping-hint")) }
                }
                div.field {
                    label for="m-threshold" { (tr.t("field-threshold")) }
                    input #m-threshold name="threshold" type="text" dir="ltr" size="6" value=(if v("threshold").is_empty() { "0.5".to_owned() } else { v("threshold") });
                    p.hint { (tr.t("er-threshold-hint")) }
                }
                div.field { label for="m-region" { (tr.t("field-phone_region")) } input #m-region name="phone_region" type="text" dir="ltr" size="4" maxlength="2" value=(if v("phone_region").is_empty() { "PK".to_owned() } else { v("phone_region") }); }
                button.primary type="submit" { (tr.t("er-start")) }
            }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Entities, "/match", &tr.t("er-title"), body).into_response()
}

pub(crate) async fn index(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.match_runs(&s.caller()).await {
        Ok(runs) => index_view(&s, &runs, None, &FormData(vec![])),
        Err(e) => page_error(e, s.tr),
    }
}

/// Reads the form: the text fields, and the lists as text (UTF-8).
async fn read_form(mut mp: Multipart) -> Result<(MatchRunInput, FormData), AppError> {
    let mut input = MatchRunInput::default();
    let mut fields = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(AppError::invalid("left_csv", "upload", e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let bytes =
            field.bytes().await.map_err(|e| AppError::invalid("left_csv", "upload", e.body_text()))?;
        let text = |field: &'static str| {
            String::from_utf8(bytes.to_vec())
                .map_err(|_| AppError::invalid(field, "encoding", "the file is not UTF-8 text"))
        };
        match name.as_str() {
            "left" => input.left_csv = text("left_csv")?,
            "right" => input.right_csv = Some(text("right_csv")?).filter(|t| !t.is_empty()),
            "title" | "collection" | "kind" | "id_column" | "mapping" | "threshold" | "phone_region" => {
                fields.push((name, text("title")?));
            }
            _ => {}
        }
    }
    let form = FormData(fields);
    let get = |k: &str| form.get(k).to_owned();
    input.title = get("title");
    input.collection = get("collection");
    input.kind = get("kind");
    input.id_column = get("id_column");
    input.mapping = get("mapping");
    input.phone_region = Some(get("phone_region"));
    let threshold = get("threshold");
    if !threshold.trim().is_empty() {
        input.threshold = Some(
            threshold
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("threshold", "invalid", "a number such as 0.5"))?,
        );
    }
    Ok((input, form))
}

pub(crate) async fn start(
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
        Err(e) => return page_error(AppError::invalid("left_csv", "upload", e.body_text()), s.tr),
    };
    let (result, form) = match read_form(mp).await {
        Ok((input, form)) => (state.app.start_match_run(&s.caller(), &input).await, form),
        Err(e) => (Err(e), FormData(vec![])),
    };
    match result {
        Ok((run, _job)) => Redirect::to(&format!("/match/{run}")).into_response(),
        Err(e) => {
            let runs = state.app.match_runs(&s.caller()).await.unwrap_or_default();
            let rows: Vec<String> = match &e {
                AppError::ImportRefused(rows) => rows.clone(),
                _ => vec![],
            };
            let msg = form_error(&s, &e);
            let mut r = index_view(&s, &runs, Some((&msg, &rows)), &form);
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

fn weight_text(w: f64) -> String {
    if w >= 0.0 {
        format!("+{w:.1}")
    } else {
        format!("−{:.1}", -w)
    }
}

fn run_view(s: &SignedIn, v: &RunView, notice: Option<&str>) -> Response {
    let tr = s.tr;
    let r = &v.summary;
    let running = r.status == "running";
    let body = html! {
        p { a href="/match" { (tr.t("er-title")) } }
        h1 { (r.title) }
        @if let Some(n) = notice { (alert("notice", n)) }
        section.card {
            dl {
                dt { (tr.t("field-collection")) } dd { (r.collection) }
                dt { (tr.t("field-kind")) } dd { (tr.t(&format!("er-kind-{}", r.kind))) }
                dt { (tr.t("field-mapping")) } dd { (ltr(&format!("id={} · {}", v.id_column, v.mapping.replace('\n', ", ")))) }
                dt { (tr.t("field-threshold")) } dd { (ltr(&format!("{:.3}", r.threshold))) }
                dt { (tr.t("er-result")) } dd { (outcome_line(s, r)) }
            }
            @if !running {
                @let o = &r.outcome;
                @if !o.blocking.is_empty() {
                    p.muted { (tr.t("er-blocking")) " " @for (rule, n) in &o.blocking { (ltr(&format!("{rule}: {n}"))) " · " } }
                }
                @if o.confirmed + o.rejected > 0 {
                    p { (tr.a("er-judged", &[("confirmed", &o.confirmed.to_string()), ("rejected", &o.rejected.to_string())])) }
                }
                @if !o.value_problems.is_empty() {
                    details {
                        summary { (tr.a("er-value-problems", &[("count", &o.value_problems.len().to_string())])) }
                        ul { @for p in &o.value_problems { li { (ltr(p)) } } }
                    }
                }
                form.inline method="post" action=(format!("/match/{}/rerun", r.id)) {
                    (csrf_input(&s.csrf))
                    button type="submit" { (tr.t("er-rerun")) }
                }
                " " span.hint { (tr.t("er-rerun-hint")) }
            }
        }
        @if !running {
            section.card {
                h2 { (tr.t("er-pairs")) }
                p.muted { (tr.t("er-pairs-hint")) }
                @if v.pairs.is_empty() { p.muted { (tr.t("er-no-pairs")) } }
                @for (i, p) in v.pairs.iter().enumerate().take(500) {
                    article.pair id=(format!("pair-{i}")) {
                        h3 {
                            (ltr(&format!("{} ↔ {}", p.left_id, p.right_id))) " "
                            span.badge { (ltr(&format!("{:.3}", p.score))) }
                            " "
                            @if p.is_match { span.badge.status-validated { (tr.t("er-is-match")) } } @else { span.badge { (tr.t("er-possible")) } }
                            @if let Some(verdict) = &p.verdict { " " span.badge { (tr.t(&format!("er-verdict-{verdict}"))) @if let Some(by) = &p.verdict_by { " · " (by) } } }
                        }
                        table.figures {
                            thead { tr { th { (tr.t("er-field")) } th { (tr.t("er-level")) } th { (tr.t("er-similarity")) } th { (tr.t("er-weight")) } } }
                            tbody {
                                @for f in &p.explanation {
                                    tr {
                                        td { (ltr(&f.field)) } td { (ltr(&f.level)) }
                                        td { (ltr(&f.similarity.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into()))) }
                                        td class=(if f.weight >= 0.0 { "ok" } else { "error" }) { (ltr(&weight_text(f.weight))) }
                                    }
                                }
                            }
                        }
                        @if !p.verdict_note.is_empty() { p.muted { (p.verdict_note) } }
                        form.inline method="post" action=(format!("/match/{}/judgements#pair-{i}", r.id)) {
                            (csrf_input(&s.csrf))
                            input type="hidden" name="left_id" value=(p.left_id);
                            input type="hidden" name="right_id" value=(p.right_id);
                            label { (tr.t("field-note")) " " input name="note" type="text" maxlength="2000"; }
                            " "
                            button type="submit" name="verdict" value="confirmed" { (tr.t("er-confirm")) }
                            " "
                            button.danger type="submit" name="verdict" value="rejected" { (tr.t("er-reject")) }
                        }
                    }
                }
                @if v.pairs.len() > 500 { p.muted { (tr.a("er-truncated", &[("count", &v.pairs.len().to_string())])) } }
            }
            section.card {
                h2 { (tr.t("er-clusters")) }
                @if v.clusters.is_empty() { p.muted { (tr.t("er-no-clusters")) } }
                ul { @for (_, members) in &v.clusters { li { (ltr(&members.join(" · "))) } } }
            }
        }
    };
    page_refreshing(
        tr,
        &s.actor,
        &s.csrf,
        Area::Entities,
        &format!("/match/{}", r.id),
        &r.title,
        running.then_some(2),
        body,
    )
    .into_response()
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ShowQuery {
    done: Option<String>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<ShowQuery>,
) -> Response {
    match state.app.match_run(&s.caller(), id).await {
        Ok(v) => {
            let notice = q.done.as_deref().map(|_| s.tr.t("er-judgement-saved"));
            run_view(&s, &v, notice.as_deref())
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn judge(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = JudgementInput {
        left_id: form.get("left_id").to_owned(),
        right_id: form.get("right_id").to_owned(),
        verdict: form.get("verdict").to_owned(),
        note: form.get("note").to_owned(),
    };
    match state.app.judge_match(&s.caller(), id, &input).await {
        Ok(()) => Redirect::to(&format!("/match/{id}?done=judged")).into_response(),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn rerun(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    _form: FormData,
) -> Response {
    match state.app.rerun_match(&s.caller(), id).await {
        Ok((run, _)) => Redirect::to(&format!("/match/{run}")).into_response(),
        Err(e) => page_error(e, s.tr),
    }
}

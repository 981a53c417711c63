//! Hit/no-hit pages: `/hit` lists the organisation's blind indexes with the form to build one for
//! an epoch (in one click on a key-holding deployment), and the hits of the cases the user may
//! read — our record, the kind of selector, the holding organisation, the epoch — each with a
//! button to draft a cooperation request to the holder. `/hit/{id}` is an index: download the
//! blinded request for the key holder, upload its response, download the shared index for peers,
//! upload peers' shared indexes to compare. `/hit/evaluations` is the key holder's log.

use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::hit_no_hit::{BuildInput, DraftInput, HitView, IndexSummary, IndexView, MAX_FILE_BYTES};
use praxis_app::policy::{Action, RecordKind, RecordRef};
use praxis_app::AppError;

use super::fmt_time;
use super::layout::{alert, csrf_input, ltr, page, page_refreshing, Area};
use super::FormData;
use crate::error::{page_error, status_of, user_message};
use crate::session::SignedIn;
use crate::AppState;

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn error_text(s: &SignedIn, e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => s.tr.a(
            "error-field",
            &[("field", &s.tr.t(&format!("hit-field-{}", v.field))), ("message", &v.message)],
        ),
        other => user_message(other, s.tr),
    }
}

fn status_badge(s: &SignedIn, status: &str) -> Markup {
    let class = match status {
        "final" => "badge status-validated",
        "failed" => "badge overdue",
        _ => "badge",
    };
    html! { span class=(class) { (s.tr.t(&format!("hit-status-{status}"))) } }
}

fn kind_label(s: &SignedIn, kind: &str) -> String {
    s.tr.t(&format!("hit-kind-{kind}"))
}

/// The hits table, on /hit and (for one case's hits) on the case page.
pub(crate) fn hits_table(s: &SignedIn, hits: &[HitView]) -> Markup {
    let tr = s.tr;
    html! {
        section.card #hits {
            h2 { (tr.t("hit-hits")) }
            p.muted { (tr.t("hit-hits-intro")) }
            @if hits.is_empty() {
                p { (tr.t("hit-no-hits")) }
            } @else {
                table.figures {
                    thead { tr {
                        th { (tr.t("hit-case")) } th { (tr.t("hit-record")) } th { (tr.t("hit-kind")) }
                        th { (tr.t("hit-held-by")) } th { (tr.t("hit-epoch")) } th { (tr.t("hit-found")) } th { }
                    } }
                    tbody {
                        @for h in hits {
                            tr.hit {
                                td { a href=(format!("/cases/{}", h.case_id)) { (ltr(&h.case_reference)) } br; span.muted { (h.case_title) } }
                                td { (h.record) }
                                td { (kind_label(s, &h.kind)) }
                                td.held-by { (h.held_by) @if let Some((_, c)) = &h.held_by_org { " " span.muted { (ltr(c)) } } }
                                td { (ltr(&h.epoch)) }
                                td { (ltr(&fmt_time(h.found_at))) }
                                td {
                                    @if let Some(r) = h.request_id {
                                        a href=(format!("/cooperation/{r}")) { (tr.t("hit-request-drafted")) }
                                    } @else {
                                        form method="post" action=(format!("/hit/hits/{}/request", h.id)) {
                                            (csrf_input(&s.csrf))
                                            @if h.held_by_org.is_none() {
                                                label for=(format!("hc-{}", h.id)) { (tr.t("hit-field-requested_country")) } " "
                                                input id=(format!("hc-{}", h.id)) name="requested_country" type="text" dir="ltr" size="3" maxlength="2" required;
                                                " "
                                            }
                                            button type="submit" { (tr.t("hit-draft")) }
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

fn index_list(s: &SignedIn, indexes: &[IndexSummary]) -> Markup {
    let tr = s.tr;
    html! {
        @if !indexes.is_empty() {
            section.card {
                h2 { (tr.t("hit-indexes")) }
                table.figures {
                    thead { tr { th { (tr.t("hit-epoch")) } th { (tr.t("hit-status")) } th { (tr.t("hit-entries")) } th { (tr.t("hit-created")) } } }
                    tbody {
                        @for i in indexes {
                            tr {
                                td { a href=(format!("/hit/{}", i.id)) { (ltr(&i.epoch)) } }
                                td { (status_badge(s, &i.status)) }
                                td { (i.entries) }
                                td { (ltr(&fmt_time(i.created_at))) " " (i.created_by_name.clone().unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn main_view(
    s: &SignedIn,
    state: &AppState,
    indexes: &[IndexSummary],
    hits: &[HitView],
    error: Option<(&str, &[String])>,
    form: &FormData,
) -> Response {
    let tr = s.tr;
    let k = state.app.hit_key_holder();
    let may_build = praxis_app::policy::decide(
        &s.caller(),
        Action::Create,
        &RecordRef::new(RecordKind::Case, Some(s.actor.org.id)),
    )
    .allowed;
    let epoch = if form.get("epoch").is_empty() { String::new() } else { form.get("epoch").to_owned() };
    let log_reader =
        s.actor.has(praxis_model::Role::Administrator) || s.actor.has(praxis_model::Role::Oversight);
    let body = html! {
        h1 { (tr.t("hit-title")) }
        p.muted { (tr.t("hit-intro")) }
        @if let Some((msg, rows)) = error {
            (alert("error", msg))
            @if !rows.is_empty() { ul.problems { @for r in rows.iter().take(50) { li { (ltr(r)) } } } }
        }
        p {
            @if k.key_holder { (tr.a("hit-key-holder", &[("quota", &k.quota.to_string())])) }
            @else { (tr.t("hit-not-key-holder")) }
            @if log_reader && k.key_holder { " · " a href="/hit/evaluations" { (tr.t("hit-evaluations")) } }
        }
        @if may_build {
            section.card {
                h2 { (tr.t("hit-build")) }
                p.hint { (tr.t("hit-build-hint")) }
                form method="post" action="/hit" {
                    (csrf_input(&s.csrf))
                    div.field {
                        label for="h-epoch" { (tr.t("hit-field-epoch")) }
                        input #h-epoch name="epoch" type="text" dir="ltr" required placeholder="2026-Q4" value=(epoch);
                    }
                    @if k.key_holder {
                        div.field {
                            input #h-here name="evaluate_here" type="checkbox" checked;
                            " " label for="h-here" { (tr.t("hit-field-evaluate_here")) }
                        }
                    }
                    button.primary type="submit" { (tr.t("hit-build-button")) }
                }
            }
        }
        (index_list(s, indexes))
        (hits_table(s, hits))
    };
    page(tr, &s.actor, &s.csrf, Area::Entities, "/hit", &tr.t("hit-title"), body).into_response()
}

async fn main_page(
    state: &AppState,
    s: &SignedIn,
    error: Option<(&str, &[String])>,
    form: &FormData,
) -> Result<Response, AppError> {
    let indexes = state.app.hit_indexes(&s.caller()).await?;
    let hits = state.app.hits(&s.caller()).await?;
    Ok(main_view(s, state, &indexes, &hits, error, form))
}

pub(crate) async fn index(State(state): State<AppState>, s: SignedIn) -> Response {
    match main_page(&state, &s, None, &FormData(vec![])).await {
        Ok(r) => r,
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn build(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input =
        BuildInput { epoch: form.get("epoch").to_owned(), evaluate_here: form.checked("evaluate_here") };
    match state.app.start_hit_index(&s.caller(), &input).await {
        Ok((id, _job)) => Redirect::to(&format!("/hit/{id}")).into_response(),
        Err(e @ AppError::Denied(_)) => page_error(e, s.tr),
        Err(e) => {
            let msg = error_text(&s, &e);
            let mut r = match main_page(&state, &s, Some((&msg, &[])), &form).await {
                Ok(r) => r,
                Err(e) => return page_error(e, s.tr),
            };
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

fn index_view(
    s: &SignedIn,
    v: &IndexView,
    notice: Option<&str>,
    error: Option<(&str, &[String])>,
) -> Response {
    let tr = s.tr;
    let i = &v.summary;
    let id = i.id;
    let csrf = urlencode(&s.csrf);
    let body = html! {
        p { a href="/hit" { (tr.t("hit-title")) } }
        h1 { (tr.a("hit-index-title", &[("epoch", &i.epoch)])) }
        @if let Some(n) = notice { (alert("notice", n)) }
        @if let Some((msg, rows)) = error {
            (alert("error", msg))
            @if !rows.is_empty() { ul.problems { @for r in rows.iter().take(50) { li { (ltr(r)) } } } }
        }
        section.card {
            dl {
                dt { (tr.t("hit-status")) } dd #index-status { (status_badge(s, &i.status)) @if let Some(f) = &i.failure { " " (f) } }
                dt { (tr.t("hit-label")) } dd { (i.label) }
                dt { (tr.t("hit-entries")) }
                dd #index-entries {
                    (i.entries)
                    @if !i.counts.is_empty() {
                        " (" @for (n, (k, c)) in i.counts.iter().enumerate() { @if n > 0 { ", " } (kind_label(s, k)) ": " (c) } ")"
                    }
                }
                dt { (tr.t("hit-created")) } dd { (ltr(&fmt_time(i.created_at))) " " (i.created_by_name.clone().unwrap_or_default()) }
                dt { (tr.t("hit-protocol")) } dd #index-protocol { (ltr(&i.protocol)) }
            }
            @if i.outdated { (alert("error", &tr.t("hit-outdated"))) }
            @if !i.set_aside.is_empty() {
                details {
                    summary { (tr.a("hit-set-aside", &[("count", &i.set_aside.len().to_string())])) }
                    ul { @for p in &i.set_aside { li { (ltr(p)) } } }
                }
            }
        }
        @if i.status == "blinded" && !i.outdated {
            section.card {
                h2 { (tr.t("hit-step-request")) }
                p { (tr.t("hit-request-hint")) }
                p { a.button href=(format!("/hit/{id}/request")) download { (tr.t("hit-download-request")) } }
                form method="post" action=(format!("/hit/{id}/response?csrf={csrf}")) enctype="multipart/form-data" {
                    div.field {
                        label for="h-response" { (tr.t("hit-field-response")) }
                        input #h-response name="response" type="file" accept=".csv,text/csv" required;
                    }
                    button.primary type="submit" { (tr.t("hit-upload-response")) }
                }
            }
        }
        @if i.status == "final" && !i.outdated {
            section.card {
                h2 { (tr.t("hit-step-share")) }
                p { (tr.t("hit-shared-hint")) }
                p { a.button href=(format!("/hit/{id}/shared")) download { (tr.t("hit-download-shared")) } }
            }
            section.card {
                h2 { (tr.t("hit-step-compare")) }
                form method="post" action=(format!("/hit/{id}/peers?csrf={csrf}")) enctype="multipart/form-data" {
                    div.field {
                        label for="h-peer" { (tr.t("hit-field-peer_index")) }
                        input #h-peer name="peer_index" type="file" accept=".csv,text/csv" required;
                        p.hint { (tr.a("hit-peer-hint", &[("mb", &(MAX_FILE_BYTES >> 20).to_string())])) }
                    }
                    button.primary type="submit" { (tr.t("hit-compare")) }
                }
                @if !v.peers.is_empty() {
                    table.figures {
                        thead { tr { th { (tr.t("hit-held-by")) } th { (tr.t("hit-entries")) } th { (tr.t("hit-hits")) } th { (tr.t("hit-created")) } } }
                        tbody {
                            @for p in &v.peers {
                                tr {
                                    td { (p.peer) br; span.muted { "SHA-256 " (ltr(&p.sha256[..16.min(p.sha256.len())])) "…" } }
                                    td { (p.entries) }
                                    td { a href="/hit#hits" { (p.hits) } }
                                    td { (ltr(&fmt_time(p.uploaded_at))) " " (p.uploaded_by_name.clone().unwrap_or_default()) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let refresh = matches!(i.status.as_str(), "building" | "evaluating").then_some(2);
    let title = tr.a("hit-index-title", &[("epoch", &i.epoch)]);
    page_refreshing(tr, &s.actor, &s.csrf, Area::Entities, "/hit", &title, refresh, body).into_response()
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ShowQuery {
    done: Option<String>,
    hits: Option<usize>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Response {
    match state.app.hit_index(&s.caller(), id).await {
        Ok(v) => {
            let notice = match q.done.as_deref() {
                Some("finalised") => Some(s.tr.t("hit-finalised")),
                Some("compared") => {
                    Some(s.tr.a("hit-compared", &[("hits", &q.hits.unwrap_or(0).to_string())]))
                }
                _ => None,
            };
            index_view(&s, &v, notice.as_deref(), None)
        }
        Err(e) => page_error(e, s.tr),
    }
}

fn csv_download(name: &str, text: String) -> Response {
    crate::api::csv_response(name, text.into_bytes())
}

pub(crate) async fn request(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    match state.app.hit_request_csv(&s.caller(), id).await {
        Ok(csv) => csv_download(&format!("hit-request-{id}.csv"), csv),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn shared(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    match state.app.hit_shared_csv(&s.caller(), id).await {
        Ok(csv) => csv_download(&format!("hit-index-{id}.csv"), csv),
        Err(e) => page_error(e, s.tr),
    }
}

/// The one file of a multipart form, as UTF-8 text.
async fn one_file(req: axum::extract::Request, name: &'static str) -> Result<String, AppError> {
    let mut mp = <Multipart as axum::extract::FromRequest<()>>::from_request(req, &())
        .await
        .map_err(|e| AppError::invalid(name, "upload", e.body_text()))?;
    let mut text = None;
    while let Some(field) =
        mp.next_field().await.map_err(|e| AppError::invalid(name, "upload", e.body_text()))?
    {
        if field.name() == Some(name) {
            let bytes = field.bytes().await.map_err(|e| AppError::invalid(name, "upload", e.body_text()))?;
            text = Some(
                String::from_utf8(bytes.to_vec())
                    .map_err(|_| AppError::invalid(name, "encoding", "the file is not UTF-8 text"))?,
            );
        }
    }
    text.filter(|t| !t.trim().is_empty()).ok_or_else(|| AppError::invalid(name, "required", "choose a file"))
}

/// Uploads refused before the body is read when the caller may not write the index.
async fn upload(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    req: axum::extract::Request,
    field: &'static str,
) -> Response {
    let allowed = async {
        let v = state.app.hit_index(&s.caller(), id).await?;
        praxis_app::policy::authorize(
            &s.caller(),
            Action::Create,
            &RecordRef::new(RecordKind::Case, Some(s.actor.org.id)),
        )?;
        Ok::<_, AppError>(v)
    }
    .await;
    let view = match allowed {
        Ok(v) => v,
        Err(e) => return page_error(e, s.tr),
    };
    let done = match one_file(req, field).await {
        Ok(text) if field == "response" => {
            state.app.hit_finalize(&s.caller(), id, &text).await.map(|_| "finalised".to_owned())
        }
        Ok(text) => {
            state.app.hit_compare(&s.caller(), id, &text).await.map(|o| format!("compared&hits={}", o.hits))
        }
        Err(e) => Err(e),
    };
    match done {
        Ok(what) => Redirect::to(&format!("/hit/{id}?done={what}")).into_response(),
        Err(e) => {
            let rows: Vec<String> = match &e {
                AppError::ImportRefused(rows) => rows.clone(),
                _ => vec![],
            };
            let msg = error_text(s, &e);
            let mut r = index_view(s, &view, None, Some((&msg, &rows)));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn response(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    req: axum::extract::Request,
) -> Response {
    upload(&state, &s, id, req, "response").await
}

pub(crate) async fn peers(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    req: axum::extract::Request,
) -> Response {
    upload(&state, &s, id, req, "peer_index").await
}

pub(crate) async fn draft(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let country = form.get("requested_country").trim().to_owned();
    let input = DraftInput { requested_country: (!country.is_empty()).then_some(country) };
    match state.app.draft_request_from_hit(&s.caller(), id, &input).await {
        Ok(request) => Redirect::to(&format!("/cooperation/{request}")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => {
            let msg = error_text(&s, &e);
            let mut r = match main_page(&state, &s, Some((&msg, &[])), &FormData(vec![])).await {
                Ok(r) => r,
                Err(e) => return page_error(e, s.tr),
            };
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn evaluations(State(state): State<AppState>, s: SignedIn) -> Response {
    let log = match state.app.hit_evaluations(&s.caller()).await {
        Ok(l) => l,
        Err(e) => return page_error(e, s.tr),
    };
    let tr = s.tr;
    let k = state.app.hit_key_holder();
    let body = html! {
        p { a href="/hit" { (tr.t("hit-title")) } }
        h1 { (tr.t("hit-evaluations")) }
        p.muted { (tr.a("hit-evaluations-intro", &[("quota", &k.quota.to_string())])) }
        @if !k.key_holder { p { (tr.t("hit-not-key-holder")) } }
        table.figures {
            thead { tr {
                th { (tr.t("hit-time")) } th { (tr.t("hit-organisation")) } th { (tr.t("hit-user")) }
                th { (tr.t("hit-epoch")) } th { (tr.t("hit-elements")) } th { (tr.t("hit-outcome")) }
            } }
            tbody {
                @for e in &log {
                    tr {
                        td { (ltr(&fmt_time(e.at))) }
                        td { (e.organisation) }
                        td { (e.user.clone().unwrap_or_default()) }
                        td { (ltr(&e.epoch)) }
                        td { (e.elements) }
                        td {
                            @if e.outcome == "evaluated" { span.badge.status-validated { (tr.t("hit-evaluated")) } }
                            @else { span.badge.overdue { (tr.t("hit-refused-quota")) } }
                        }
                    }
                }
            }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Admin, "/hit/evaluations", &tr.t("hit-evaluations"), body)
        .into_response()
}

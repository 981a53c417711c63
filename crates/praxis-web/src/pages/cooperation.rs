//! Cooperation: the requests the caller may read (overdue first) with the form to draft one, a
//! request's page (its steps, history, documents, and the requested authority's protocol), and
//! the directory of authorities and focal points.

use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::cooperation::{AuthorityInput, AuthorityView, RequestFilter, RequestInput, RequestView};
use praxis_app::policy::{decide, Action, RecordRef};
use praxis_app::AppError;
use praxis_model::{AuthorityKind, Jurisdiction, RequestKind, RequestStatus};

use super::account::form_error;
use super::cases::{options, term};
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::{urlencode, SignedIn};
use crate::AppState;

fn country_name(code: &str) -> String {
    Jurisdiction::parse(code).map(|j| j.name()).unwrap_or_else(|_| code.to_owned())
}

fn status_badge(tr: Tr, r: &RequestView) -> Markup {
    html! {
        span class=(format!("badge req-{}", r.status)) { (term(tr, "req-status", r.status.as_str())) }
        @if r.overdue { " " span.badge.overdue { "⚠ " (tr.t("coop-overdue")) } }
    }
}

/// The requests of a case, on the case page.
pub(crate) fn case_section(s: &SignedIn, case: i64, write: bool, requests: &[RequestView]) -> Markup {
    let tr = s.tr;
    html! {
        section.card #cooperation {
            h2 { (tr.t("coop-title")) }
            @if requests.is_empty() { p.muted { (tr.t("coop-none")) } } @else { (requests_table(tr, requests)) }
            @if write { p { a href=(format!("/cooperation?case={case}#new")) { (tr.t("coop-new")) } } }
        }
    }
}

fn requests_table(tr: Tr, requests: &[RequestView]) -> Markup {
    html! {
        table #requests {
            thead { tr {
                th { (tr.t("field-reference")) } th { (tr.t("field-kind")) } th { (tr.t("coop-from")) } th { (tr.t("coop-to")) }
                th { (tr.t("field-status")) } th { (tr.t("coop-sent-on")) } th { (tr.t("coop-deadline")) }
            } }
            tbody { @for r in requests {
                tr {
                    td { a href=(format!("/cooperation/{}", r.id)) { (ltr(&r.reference)) } }
                    td { (term(tr, "req-kind", r.kind.as_str())) }
                    td { (r.requesting_org) }
                    td { (r.requested_authority) " (" (country_name(&r.requested_country)) ")" }
                    td { (status_badge(tr, r)) }
                    td { (ltr(r.sent_on.as_deref().unwrap_or(""))) }
                    td { (ltr(r.deadline.as_deref().unwrap_or(""))) }
                }
            } }
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    #[serde(default)]
    direction: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    overdue: Option<String>,
    #[serde(default)]
    case: Option<i64>,
}

fn list_view(
    s: &SignedIn,
    q: &ListQuery,
    requests: &[RequestView],
    error: Option<&str>,
    form: Option<&FormData>,
) -> Response {
    let tr = s.tr;
    let v = |k: &str| form.map(|f| f.get(k).to_owned()).unwrap_or_default();
    let may_draft = s.actor.roles.any_investigative();
    let body = html! {
        h1 { (tr.t("coop-title")) }
        p { a href="/cooperation/directory" { (tr.t("coop-directory")) } }
        @if let Some(msg) = error { (alert("error", msg)) }
        form.filters method="get" action="/cooperation" {
            div.field { label for="f-dir" { (tr.t("coop-direction")) }
                select #f-dir name="direction" {
                    option value="" { (tr.t("case-any")) }
                    option value="outgoing" selected[q.direction == "outgoing"] { (tr.t("coop-outgoing")) }
                    option value="incoming" selected[q.direction == "incoming"] { (tr.t("coop-incoming")) }
                } }
            div.field { label for="f-status" { (tr.t("field-status")) }
                select #f-status name="status" { option value="" { (tr.t("case-any")) } (options(tr, "req-status", RequestStatus::ALL, RequestStatus::as_str, &q.status)) } }
            div.field.check { input #f-overdue name="overdue" type="checkbox" checked[q.overdue.is_some()]; label for="f-overdue" { (tr.t("coop-overdue-only")) } }
            button type="submit" { (tr.t("case-filter")) }
        }
        section.card {
            @if requests.is_empty() { p.muted { (tr.t("coop-none")) } } @else { (requests_table(tr, requests)) }
        }
        @if may_draft {
            section.card #new {
                h2 { (tr.t("coop-new")) }
                form method="post" action="/cooperation" {
                    (csrf_input(&s.csrf))
                    @if let Some(case) = q.case.or_else(|| v("case").parse().ok()) { input type="hidden" name="case" value=(case); }
                    div.field { label for="kind" { (tr.t("field-kind")) } select #kind name="kind" { (options(tr, "req-kind", RequestKind::ALL, RequestKind::as_str, &v("kind"))) } }
                    div.field { label for="reference" { (tr.t("field-reference")) } input #reference name="reference" type="text" dir="ltr" required value=(v("reference")); }
                    div.field { label for="requesting_authority" { (tr.t("field-requesting_authority")) } input #requesting_authority name="requesting_authority" type="text" required value=(v("requesting_authority")) placeholder=(s.actor.org.name); }
                    div.field { label for="requested_country" { (tr.t("field-requested_country")) } input #requested_country name="requested_country" type="text" dir="ltr" size="4" required value=(v("requested_country")); }
                    div.field { label for="requested_authority" { (tr.t("field-requested_authority")) } input #requested_authority name="requested_authority" type="text" required value=(v("requested_authority")); p.hint { (tr.t("coop-authority-hint")) } }
                    div.field { label for="legal_basis" { (tr.t("field-legal_basis")) } input #legal_basis name="legal_basis" type="text" required value=(v("legal_basis")) placeholder="UNTOC art. 18"; }
                    div.field { label for="subject_matter" { (tr.t("field-subject_matter")) } textarea #subject_matter name="subject_matter" rows="3" required { (v("subject_matter")) } }
                    div.field { label for="deadline" { (tr.t("coop-deadline")) } input #deadline name="deadline" type="date" value=(v("deadline")); p.hint { (tr.t("coop-deadline-hint")) } }
                    button.primary type="submit" { (tr.t("coop-draft")) }
                }
            }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Cooperation, "/cooperation", &tr.t("coop-title"), body).into_response()
}

fn filter_of(q: &ListQuery) -> RequestFilter {
    RequestFilter {
        direction: Some(q.direction.clone()),
        status: Some(q.status.clone()),
        overdue: q.overdue.is_some(),
        case: q.case,
    }
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    match state.app.requests(&s.caller(), &filter_of(&q)).await {
        Ok(r) => list_view(&s, &q, &r, None, None),
        Err(e @ AppError::Invalid(_)) => {
            let msg = form_error(&s, &e);
            let mut r = list_view(&s, &q, &[], Some(&msg), None);
            *r.status_mut() = status_of(&e);
            r
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let case = match form.get("case") {
        "" => Ok(None),
        c => c.parse().map(Some).map_err(|_| AppError::invalid("case", "invalid", "not a case number")),
    };
    let result = match case {
        Ok(case) => {
            let input = RequestInput {
                kind: form.get("kind").into(),
                reference: form.get("reference").into(),
                case,
                requesting_authority: form.get("requesting_authority").into(),
                requested_country: form.get("requested_country").into(),
                requested_authority: form.get("requested_authority").into(),
                requested_org: None,
                legal_basis: form.get("legal_basis").into(),
                subject_matter: form.get("subject_matter").into(),
                deadline: Some(form.get("deadline").into()),
            };
            state.app.create_request(&s.caller(), &input).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Redirect::to(&format!("/cooperation/{id}?done=created")).into_response(),
        Err(e @ AppError::Denied(_)) => page_error(e, s.tr),
        Err(e) => {
            let q = ListQuery::default();
            let requests = state.app.requests(&s.caller(), &filter_of(&q)).await.unwrap_or_default();
            let msg = form_error(&s, &e);
            let mut r = list_view(&s, &q, &requests, Some(&msg), Some(&form));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

fn protocol(tr: Tr, a: &AuthorityView) -> Markup {
    html! {
        dl {
            dt { (tr.t("field-kind")) } dd { (term(tr, "auth-kind", a.kind.as_str())) }
            dt { (tr.t("field-channel")) } dd { (a.channel) }
            dt { (tr.t("field-languages")) } dd { (a.languages) }
            dt { (tr.t("field-expected_response_days")) } dd { (ltr(&a.expected_response_days.map(|d| d.to_string()).unwrap_or_default())) }
            dt { (tr.t("field-contact")) } dd { (a.contact) }
        }
    }
}

fn request_view(s: &SignedIn, r: &RequestView, notice: Option<Markup>) -> Response {
    let tr = s.tr;
    let path = format!("/cooperation/{}", r.id);
    let body = html! {
        @if let Some(n) = notice { (n) }
        p.muted { a href="/cooperation" { "← " (tr.t("coop-title")) } @if let Some(c) = r.case { " · " a href=(format!("/cases/{c}#cooperation")) { (tr.t("coop-the-case")) } } }
        h1 { (term(tr, "req-kind", r.kind.as_str())) " " (ltr(&r.reference)) }
        p { (status_badge(tr, r)) }
        section.card {
            dl {
                dt { (tr.t("field-requesting_authority")) } dd { (r.requesting_authority) " — " (r.requesting_org) }
                dt { (tr.t("field-requested_authority")) } dd { (r.requested_authority) " (" (country_name(&r.requested_country)) ")" @if let Some(o) = &r.requested_org { " — " (o) } }
                dt { (tr.t("field-legal_basis")) } dd { (r.legal_basis) }
                dt { (tr.t("field-subject_matter")) } dd { (r.subject_matter) }
                dt { (tr.t("coop-sent-on")) } dd { (ltr(r.sent_on.as_deref().unwrap_or("—"))) }
                dt { (tr.t("coop-deadline")) } dd { (ltr(r.deadline.as_deref().unwrap_or("—"))) }
            }
            @if !r.next.is_empty() {
                form.inline-form method="post" action=(format!("{path}/status")) {
                    (csrf_input(&s.csrf))
                    label for="next" { (tr.t("case-move-to")) }
                    select #next name="status" { @for n in &r.next { option value=(n.as_str()) { (term(tr, "req-status", n.as_str())) } } }
                    label for="note" { (tr.t("field-note")) }
                    input #note name="note" type="text" maxlength="2000";
                    button type="submit" { (tr.t("case-move")) }
                }
            }
            @if r.side == Some(praxis_model::RequestSide::Requesting) && !r.status.is_final() {
                form.inline-form method="post" action=(format!("{path}/deadline")) {
                    (csrf_input(&s.csrf))
                    label for="dl" { (tr.t("coop-deadline")) }
                    input #dl name="deadline" type="date" value=(r.deadline.clone().unwrap_or_default());
                    button type="submit" { (tr.t("case-change")) }
                }
            }
        }
        @if let Some(a) = &r.protocol {
            section.card { h2 { (tr.t("coop-protocol")) } (protocol(tr, a)) }
        }
        section.card {
            h2 { (tr.t("case-stage-history")) }
            table {
                thead { tr { th { (tr.t("field-status")) } th { (tr.t("field-time")) } th { (tr.t("field-actor")) } th { (tr.t("field-note")) } } }
                tbody { @for h in &r.history { tr { td { (term(tr, "req-status", h.status.as_str())) } td { (fmt_time(h.at)) } td { (h.by.clone().unwrap_or_default()) } td { (h.note) } } } }
            }
        }
        section.card #documents {
            h2 { (tr.t("coop-documents")) }
            @if r.documents.is_empty() { p.muted { (tr.t("ev-no-files")) } } @else {
                ul.plain { @for d in &r.documents {
                    li { a href=(format!("{path}/documents/{}", d.id)) { (d.file_name) } " · SHA-256 " code { (ltr(&d.sha256)) } }
                } }
            }
            @if r.side.is_some() {
                form method="post" action=(format!("{path}/documents?csrf={}", urlencode(&s.csrf))) enctype="multipart/form-data" {
                    div.field { label for="file" { (tr.t("ev-attach")) } input #file name="file" type="file" required; }
                    button type="submit" { (tr.t("ev-attach")) }
                }
            }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Cooperation, &path, &r.reference, body).into_response()
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    done: Option<String>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Response {
    match state.app.request(&s.caller(), id).await {
        Ok(r) => {
            request_view(&s, &r, q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}")))))
        }
        Err(e) => page_error(e, s.tr),
    }
}

async fn after(state: &AppState, s: &SignedIn, id: i64, result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/cooperation/{id}?done=saved")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.request(&s.caller(), id).await {
            Ok(r) => {
                let msg = form_error(s, &e);
                let mut res = request_view(s, &r, Some(alert("error", &msg)));
                *res.status_mut() = status_of(&e);
                res
            }
            Err(e) => page_error(e, s.tr),
        },
    }
}

pub(crate) async fn move_request(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let r = state.app.move_request(&s.caller(), id, form.get("status"), form.get("note")).await;
    after(&state, &s, id, r).await
}

pub(crate) async fn deadline(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let r = state.app.set_request_deadline(&s.caller(), id, form.get("deadline")).await;
    after(&state, &s, id, r).await
}

pub(crate) async fn attach(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    req: axum::extract::Request,
) -> Response {
    if let Err(e) = state.app.request(&s.caller(), id).await {
        return page_error(e, s.tr);
    }
    let result = async {
        let mut mp = <Multipart as axum::extract::FromRequest<()>>::from_request(req, &())
            .await
            .map_err(|e| AppError::invalid("file", "upload", e.body_text()))?;
        while let Some(field) =
            mp.next_field().await.map_err(|e| AppError::invalid("file", "upload", e.body_text()))?
        {
            if field.name() == Some("file") {
                let name = field.file_name().unwrap_or("upload").to_owned();
                let bytes =
                    field.bytes().await.map_err(|e| AppError::invalid("file", "upload", e.body_text()))?;
                return state.app.attach_request_document(&s.caller(), id, &name, &bytes).await.map(drop);
            }
        }
        Err(AppError::invalid("file", "missing", "choose a file"))
    }
    .await;
    after(&state, &s, id, result).await
}

pub(crate) async fn open(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, doc)): Path<(i64, i64)>,
) -> Response {
    match state.app.open_request_document(&s.caller(), id, doc).await {
        Ok((d, bytes)) => super::download(&d.file_name, &d.sha256, bytes),
        Err(e) => page_error(e, s.tr),
    }
}

fn authority_form(s: &SignedIn, action: &str, a: Option<&AuthorityView>, id_prefix: &str) -> Markup {
    let tr = s.tr;
    let f = |v: Option<String>| v.unwrap_or_default();
    html! {
        form method="post" action=(action) {
            (csrf_input(&s.csrf))
            div.field { label for=(format!("{id_prefix}country")) { (tr.t("field-country")) } input id=(format!("{id_prefix}country")) name="country" type="text" dir="ltr" size="4" required value=(f(a.map(|a| a.country.clone()))); }
            div.field { label for=(format!("{id_prefix}name")) { (tr.t("field-name")) } input id=(format!("{id_prefix}name")) name="name" type="text" required value=(f(a.map(|a| a.name.clone()))); }
            div.field { label for=(format!("{id_prefix}kind")) { (tr.t("field-kind")) } select id=(format!("{id_prefix}kind")) name="kind" { (options(tr, "auth-kind", AuthorityKind::ALL, AuthorityKind::as_str, &f(a.map(|a| a.kind.as_str().to_owned())))) } }
            div.field { label for=(format!("{id_prefix}channel")) { (tr.t("field-channel")) } input id=(format!("{id_prefix}channel")) name="channel" type="text" value=(f(a.map(|a| a.channel.clone()))); }
            div.field { label for=(format!("{id_prefix}languages")) { (tr.t("field-languages")) } input id=(format!("{id_prefix}languages")) name="languages" type="text" value=(f(a.map(|a| a.languages.clone()))); }
            div.field { label for=(format!("{id_prefix}days")) { (tr.t("field-expected_response_days")) } input id=(format!("{id_prefix}days")) name="expected_response_days" type="number" min="1" max="3650" value=(f(a.and_then(|a| a.expected_response_days).map(|d| d.to_string()))); }
            div.field { label for=(format!("{id_prefix}contact")) { (tr.t("field-contact")) } input id=(format!("{id_prefix}contact")) name="contact" type="text" value=(f(a.map(|a| a.contact.clone()))); }
            button.primary type="submit" { (tr.t("case-add")) }
        }
    }
}

fn directory_view(s: &SignedIn, list: &[AuthorityView], error: Option<&str>) -> Response {
    let tr = s.tr;
    let may_edit = decide(&s.caller(), Action::Write, &RecordRef::organisation(None)).allowed;
    let body = html! {
        h1 { (tr.t("coop-directory")) }
        p.muted { (tr.t("coop-directory-explain")) }
        @if let Some(msg) = error { (alert("error", msg)) }
        table #authorities {
            thead { tr { th { (tr.t("field-country")) } th { (tr.t("field-name")) } th { (tr.t("field-kind")) } th { (tr.t("field-channel")) } th { (tr.t("field-languages")) } th { (tr.t("field-expected_response_days")) } th { (tr.t("field-contact")) } } }
            tbody { @for a in list {
                tr {
                    td { (country_name(&a.country)) " " (ltr(&a.country)) }
                    td { (a.name) }
                    td { (term(tr, "auth-kind", a.kind.as_str())) }
                    td { (a.channel) } td { (a.languages) }
                    td { (ltr(&a.expected_response_days.map(|d| d.to_string()).unwrap_or_default())) }
                    td { (a.contact) }
                }
            } }
        }
        @if may_edit {
            section.card { h2 { (tr.t("coop-add-authority")) } (authority_form(s, "/cooperation/directory", None, "a-")) }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Cooperation, "/cooperation/directory", &tr.t("coop-directory"), body)
        .into_response()
}

pub(crate) async fn directory(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.authorities(&s.caller()).await {
        Ok(list) => directory_view(&s, &list, None),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn add_authority(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let days = match form.get("expected_response_days").trim() {
        "" => Ok(None),
        d => d
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::invalid("expected_response_days", "invalid", "a number of days")),
    };
    let result = match days {
        Ok(days) => {
            let input = AuthorityInput {
                country: form.get("country").into(),
                name: form.get("name").into(),
                kind: form.get("kind").into(),
                org_id: None,
                contact: form.get("contact").into(),
                channel: form.get("channel").into(),
                languages: form.get("languages").into(),
                expected_response_days: days,
                notes: form.get("notes").into(),
            };
            state.app.add_authority(&s.caller(), &input).await.map(drop)
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Redirect::to("/cooperation/directory").into_response(),
        Err(e @ AppError::Denied(_)) => page_error(e, s.tr),
        Err(e) => {
            let list = state.app.authorities(&s.caller()).await.unwrap_or_default();
            let msg = form_error(&s, &e);
            let mut r = directory_view(&s, &list, Some(&msg));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

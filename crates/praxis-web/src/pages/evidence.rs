//! Evidence on the case page (register, lines of inquiry, the evidence base with its alert), the
//! page of one item (files, chain of custody), file downloads, and the overview of how far the
//! cases rest on testimony alone.

use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::cases::CaseView;
use praxis_app::evidence::{CustodyInput, EvidenceBase, EvidenceInput, EvidenceView, InquiryInput};
use praxis_app::AppError;
use praxis_model::{Admissibility, CustodyAction, EvidenceKind, InquiryStatus};

use super::account::form_error;
use super::cases::{options, term};
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::{urlencode, SignedIn};
use crate::AppState;

fn percent(share: Option<f64>) -> String {
    share.map(|s| format!("{:.0} %", s * 100.0)).unwrap_or_else(|| "–".into())
}

/// The evidence base: the share, the alert when the case rests on testimony alone (with the open
/// lines of inquiry that could corroborate it), and what supports each subject and offence.
pub(crate) fn base_section(tr: Tr, c: &CaseView) -> Markup {
    let b: &EvidenceBase = &c.evidence_base;
    html! {
        section.card #evidence-base {
            h2 { (tr.t("ev-base")) }
            p {
                strong.figure { (ltr(&percent(b.share))) } " "
                (tr.t(if b.charged_only { "ev-base-explain-charged" } else { "ev-base-explain-all" }))
            }
            @if b.testimony_only {
                div.alert.warn role="alert" {
                    strong { (tr.t("ev-testimony-only")) }
                    @if b.corroborating_inquiries.is_empty() {
                        p { (tr.t("ev-no-corroborating")) }
                    } @else {
                        p { (tr.t("ev-corroborate-with")) }
                        ul { @for i in &b.corroborating_inquiries {
                            li { (term(tr, "ev-kind", i.kind.as_str())) ": " (i.title) " (" (term(tr, "ev-inq", i.status.as_str())) ")" }
                        } }
                    }
                }
            }
            @if !b.units.is_empty() {
                table {
                    thead { tr { th { (tr.t("ev-to-prove")) } th { (tr.t("ev-testimonial")) } th { (tr.t("ev-corroborating")) } th { (tr.t("ev-supported")) } } }
                    tbody { @for u in &b.units {
                        tr {
                            td { (tr.t(&format!("ev-unit-{}", u.unit))) ": " (u.label) }
                            td { (ltr(&u.testimonial.to_string())) }
                            td { (ltr(&u.corroborating.to_string())) }
                            td { @if u.supported { span.ok { "✔ " (tr.t("case-yes")) } } @else { span.warn { "✘ " (tr.t("ev-testimony-alone")) } } }
                        }
                    } }
                }
            }
        }
    }
}

fn supports(c: &CaseView, e: &EvidenceView) -> String {
    let mut parts: Vec<String> =
        c.subjects.iter().filter(|s| e.subjects.contains(&s.id)).map(|s| s.name.clone()).collect();
    parts.extend(c.offences.iter().filter(|o| e.offences.contains(&o.id)).map(|o| o.provision.clone()));
    parts.join("; ")
}

pub(crate) fn register_section(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    let id = c.case.id;
    html! {
        section.card #evidence {
            h2 { (tr.t("ev-register")) }
            @if c.evidence.is_empty() { p.muted { (tr.t("ev-none")) } } @else {
                table {
                    thead { tr {
                        th { (tr.t("field-kind")) } th { (tr.t("field-description")) } th { (tr.t("field-source")) }
                        th { (tr.t("field-obtained_on")) } th { (tr.t("field-admissibility")) } th { (tr.t("ev-supports")) } th { (tr.t("ev-files")) }
                    } }
                    tbody { @for e in &c.evidence {
                        tr {
                            td { span class=(format!("badge ev-{}", e.kind)) { (term(tr, "ev-kind", e.kind.as_str())) } }
                            td { a href=(format!("/cases/{id}/evidence/{}", e.id)) { (e.description) } }
                            td { (e.source) }
                            td { (ltr(&e.obtained_on)) }
                            td { (term(tr, "ev-adm", e.admissibility.as_str())) }
                            td { (supports(c, e)) }
                            td { (ltr(&e.files.len().to_string())) }
                        }
                    } }
                }
            }
            @if c.permissions.write {
                details {
                    summary { (tr.t("ev-add")) }
                    form method="post" action=(format!("/cases/{id}/evidence")) {
                        (csrf_input(&s.csrf))
                        div.field { label for="ev-kind" { (tr.t("field-kind")) }
                            select #ev-kind name="kind" { (options(tr, "ev-kind", EvidenceKind::ALL, EvidenceKind::as_str, "financial")) } }
                        div.field { label for="ev-desc" { (tr.t("field-description")) } textarea #ev-desc name="description" rows="2" required maxlength="2000" {} }
                        div.field { label for="ev-source" { (tr.t("field-source")) } input #ev-source name="source" type="text" required maxlength="300"; }
                        div.field { label for="ev-on" { (tr.t("field-obtained_on")) } input #ev-on name="obtained_on" type="date" required; }
                        div.field { label for="ev-basis" { (tr.t("field-legal_basis")) } input #ev-basis name="legal_basis" type="text" maxlength="500"; }
                        div.field { label for="ev-adm" { (tr.t("field-admissibility")) }
                            select #ev-adm name="admissibility" { (options(tr, "ev-adm", Admissibility::ALL, Admissibility::as_str, "not_assessed")) } }
                        @if !c.inquiries.is_empty() {
                            div.field { label for="ev-inq" { (tr.t("field-inquiry")) }
                                select #ev-inq name="inquiry" {
                                    option value="" { "—" }
                                    @for i in &c.inquiries { option value=(i.id) { (i.title) } }
                                } }
                        }
                        @if !c.subjects.is_empty() || !c.offences.is_empty() {
                            fieldset {
                                legend { (tr.t("ev-supports")) }
                                @for sub in &c.subjects {
                                    div.field.check { input type="checkbox" name="subjects" value=(sub.id) id=(format!("evs-{}", sub.id)); label for=(format!("evs-{}", sub.id)) { (sub.name) } }
                                }
                                @for o in &c.offences {
                                    div.field.check { input type="checkbox" name="offences" value=(o.id) id=(format!("evo-{}", o.id)); label for=(format!("evo-{}", o.id)) { (term(tr, "offence", o.offence.as_str())) " — " (o.provision) } }
                                }
                            }
                        }
                        button.primary type="submit" { (tr.t("case-add")) }
                    }
                }
            }
        }
    }
}

pub(crate) fn inquiries_section(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    let id = c.case.id;
    html! {
        section.card #inquiries {
            h2 { (tr.t("ev-inquiries")) }
            @if c.inquiries.is_empty() { p.muted { (tr.t("ev-no-inquiries")) } } @else {
                table {
                    thead { tr { th { (tr.t("field-kind")) } th { (tr.t("field-title")) } th { (tr.t("field-owner")) } th { (tr.t("field-status")) } th { (tr.t("ev-produced")) } } }
                    tbody { @for i in &c.inquiries {
                        tr {
                            td { (term(tr, "ev-kind", i.kind.as_str())) }
                            td { (i.title) }
                            td { (i.owner.clone().unwrap_or_default()) }
                            td {
                                @if c.permissions.write {
                                    form.inline-form method="post" action=(format!("/cases/{id}/inquiries/{}/status", i.id)) {
                                        (csrf_input(&s.csrf))
                                        label.visually-hidden for=(format!("inq-{}", i.id)) { (tr.t("field-status")) }
                                        select id=(format!("inq-{}", i.id)) name="status" { (options(tr, "ev-inq", InquiryStatus::ALL, InquiryStatus::as_str, i.status.as_str())) }
                                        button type="submit" { (tr.t("case-change")) }
                                    }
                                } @else { (term(tr, "ev-inq", i.status.as_str())) }
                            }
                            td { (ltr(&i.evidence.len().to_string())) }
                        }
                    } }
                }
            }
            @if c.permissions.write {
                details {
                    summary { (tr.t("ev-add-inquiry")) }
                    form method="post" action=(format!("/cases/{id}/inquiries")) {
                        (csrf_input(&s.csrf))
                        div.field { label for="inq-kind" { (tr.t("ev-seeks")) }
                            select #inq-kind name="kind" { (options(tr, "ev-kind", EvidenceKind::ALL, EvidenceKind::as_str, "financial")) } }
                        div.field { label for="inq-title" { (tr.t("field-title")) } input #inq-title name="title" type="text" required maxlength="300" placeholder=(tr.t("ev-inquiry-example")); }
                        div.field { label for="inq-owner" { (tr.t("field-owner")) } input #inq-owner name="owner" type="text" dir="ltr" placeholder=(s.actor.username); }
                        button.primary type="submit" { (tr.t("case-add")) }
                    }
                }
            }
        }
    }
}

async fn after(
    state: &AppState,
    s: &SignedIn,
    case: i64,
    back: String,
    result: Result<(), AppError>,
) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("{back}?done=saved")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => {
            let msg = form_error(s, &e);
            let item = back.split_once("/evidence/").and_then(|(_, i)| i.parse::<i64>().ok());
            let mut r = match item {
                Some(item) => item_response(state, s, case, item, Some(alert("error", &msg))).await,
                None => super::cases::case_response(state, s, case, Some(alert("error", &msg))).await,
            };
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn add_evidence(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let ids = |name: &str| -> Result<Vec<i64>, AppError> {
        form.all(name)
            .iter()
            .map(|v| {
                v.parse().map_err(|_| AppError::invalid("subjects", "invalid", format!("{v:?} is not an id")))
            })
            .collect()
    };
    let input =
        (|| -> Result<EvidenceInput, AppError> {
            Ok(EvidenceInput {
                kind: form.get("kind").into(),
                description: form.get("description").into(),
                source: form.get("source").into(),
                obtained_on: form.get("obtained_on").into(),
                legal_basis: form.get("legal_basis").into(),
                admissibility: Some(form.get("admissibility").into()),
                inquiry: match form.get("inquiry") {
                    "" => None,
                    v => Some(v.parse().map_err(|_| {
                        AppError::invalid("inquiry", "invalid", format!("{v:?} is not an id"))
                    })?),
                },
                subjects: ids("subjects")?,
                offences: ids("offences")?,
            })
        })();
    let r = match input {
        Ok(input) => state.app.add_evidence(&s.caller(), id, &input).await.map(drop),
        Err(e) => Err(e),
    };
    after(&state, &s, id, format!("/cases/{id}"), r).await
}

pub(crate) async fn add_inquiry(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = InquiryInput {
        kind: form.get("kind").into(),
        title: form.get("title").into(),
        owner: Some(form.get("owner").into()),
        status: None,
    };
    let r = state.app.add_inquiry(&s.caller(), id, &input).await.map(drop);
    after(&state, &s, id, format!("/cases/{id}"), r).await
}

pub(crate) async fn inquiry_status(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, inquiry)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let r = state.app.set_inquiry_status(&s.caller(), id, inquiry, form.get("status")).await;
    after(&state, &s, id, format!("/cases/{id}"), r).await
}

fn item_view(s: &SignedIn, case: &CaseView, e: &EvidenceView, notice: Option<Markup>) -> Response {
    let tr = s.tr;
    let id = case.case.id;
    let path = format!("/cases/{id}/evidence/{}", e.id);
    let body = html! {
        @if let Some(n) = notice { (n) }
        p.muted { a href=(format!("/cases/{id}#evidence")) { "← " (ltr(&case.case.reference)) " · " (case.case.title) } }
        h1 { (term(tr, "ev-kind", e.kind.as_str())) ": " (e.description) }
        section.card {
            dl {
                dt { (tr.t("field-source")) } dd { (e.source) }
                dt { (tr.t("field-obtained_on")) } dd { (ltr(&e.obtained_on)) }
                dt { (tr.t("field-legal_basis")) } dd { (e.legal_basis) }
                dt { (tr.t("field-admissibility")) } dd { (term(tr, "ev-adm", e.admissibility.as_str())) }
                dt { (tr.t("ev-supports")) } dd { (supports(case, e)) }
            }
            @if case.permissions.write {
                form.inline-form method="post" action=(format!("{path}/admissibility")) {
                    (csrf_input(&s.csrf))
                    label for="adm" { (tr.t("field-admissibility")) }
                    select #adm name="admissibility" { (options(tr, "ev-adm", Admissibility::ALL, Admissibility::as_str, e.admissibility.as_str())) }
                    button type="submit" { (tr.t("case-change")) }
                }
            }
        }
        section.card #files {
            h2 { (tr.t("ev-files")) }
            p.muted { (tr.t("ev-files-explain")) }
            @if e.files.is_empty() { p.muted { (tr.t("ev-no-files")) } } @else {
                table {
                    thead { tr { th { (tr.t("field-name")) } th { "SHA-256" } th { (tr.t("ev-size")) } th { (tr.t("field-created")) } } }
                    tbody { @for f in &e.files {
                        tr {
                            td {
                                a href=(format!("{path}/files/{}", f.id)) { (f.file_name) }
                                @if case.permissions.write {
                                    details {
                                        summary { (tr.t("ev-analyse")) }
                                        form method="post" action=(format!("{path}/files/{}/analyse", f.id)) {
                                            (csrf_input(&s.csrf))
                                            div.field { label for=(format!("fmt-{}", f.id)) { (tr.t("flows-format")) }
                                                select id=(format!("fmt-{}", f.id)) name="format" { @for (value, label) in praxis_app::flows::FORMATS { option value=(value) { (label) } } } }
                                            div.field { label for=(format!("acct-{}", f.id)) { (tr.t("flows-own-account")) } input id=(format!("acct-{}", f.id)) name="account" type="text" dir="ltr"; }
                                            div.field { label for=(format!("seeds-{}", f.id)) { (tr.t("money-seeds")) } input id=(format!("seeds-{}", f.id)) name="seeds" type="text" dir="ltr"; }
                                            button type="submit" { (tr.t("ev-analyse")) }
                                        }
                                    }
                                }
                            }
                            td { code { (ltr(&f.sha256)) } }
                            td { (ltr(&format!("{} B", f.size_bytes))) }
                            td { (fmt_time(f.added_at)) }
                        }
                    } }
                }
            }
            @if case.permissions.write {
                form method="post" action=(format!("{path}/files?csrf={}", urlencode(&s.csrf))) enctype="multipart/form-data" {
                    div.field { label for="file" { (tr.t("ev-attach")) } input #file name="file" type="file" required; }
                    button.primary type="submit" { (tr.t("ev-attach")) }
                }
            }
        }
        section.card #custody {
            h2 { (tr.t("ev-custody")) }
            table {
                thead { tr { th { (tr.t("field-time")) } th { (tr.t("field-action")) } th { (tr.t("ev-from")) } th { (tr.t("ev-to")) } th { (tr.t("field-note")) } th { (tr.t("field-actor")) } } }
                tbody { @for c in &e.custody {
                    tr {
                        td { (fmt_time(c.at)) }
                        td { (term(tr, "ev-custody", c.action.as_str())) }
                        td { (c.from_party) } td { (c.to_party) } td { (c.note) }
                        td { (c.by.clone().unwrap_or_default()) }
                    }
                } }
            }
            @if case.permissions.write {
                details {
                    summary { (tr.t("ev-add-custody")) }
                    form method="post" action=(format!("{path}/custody")) {
                        (csrf_input(&s.csrf))
                        div.field { label for="cu-action" { (tr.t("field-action")) }
                            select #cu-action name="action" {
                                @for a in CustodyAction::ALL.iter().filter(|a| **a != CustodyAction::Accessed) {
                                    option value=(a.as_str()) { (term(tr, "ev-custody", a.as_str())) }
                                }
                            } }
                        div.field { label for="cu-from" { (tr.t("ev-from")) } input #cu-from name="from_party" type="text" maxlength="300"; }
                        div.field { label for="cu-to" { (tr.t("ev-to")) } input #cu-to name="to_party" type="text" maxlength="300"; }
                        div.field { label for="cu-note" { (tr.t("field-note")) } input #cu-note name="note" type="text" maxlength="1000"; }
                        button.primary type="submit" { (tr.t("case-add")) }
                    }
                }
            }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Cases, &path, &e.description, body).into_response()
}

async fn item_response(
    state: &AppState,
    s: &SignedIn,
    case: i64,
    item: i64,
    notice: Option<Markup>,
) -> Response {
    let caller = s.caller();
    let e = match state.app.evidence_item(&caller, case, item).await {
        Ok(e) => e,
        Err(e) => return page_error(e, s.tr),
    };
    match state.app.case(&caller, case).await {
        Ok(c) => item_view(s, &c, &e, notice),
        Err(e) => page_error(e, s.tr),
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    done: Option<String>,
}

pub(crate) async fn item(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, item)): Path<(i64, i64)>,
    Query(q): Query<Done>,
) -> Response {
    let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
    item_response(&state, &s, id, item, notice).await
}

pub(crate) async fn admissibility(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, item)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let r = state.app.set_evidence_admissibility(&s.caller(), id, item, form.get("admissibility")).await;
    after(&state, &s, id, format!("/cases/{id}/evidence/{item}"), r).await
}

pub(crate) async fn custody(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, item)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let input = CustodyInput {
        action: form.get("action").into(),
        from_party: form.get("from_party").into(),
        to_party: form.get("to_party").into(),
        note: form.get("note").into(),
    };
    let r = state.app.add_custody(&s.caller(), id, item, &input).await;
    after(&state, &s, id, format!("/cases/{id}/evidence/{item}"), r).await
}

/// Attaches a file (multipart; the CSRF token travels in the action URL).
pub(crate) async fn attach(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, item)): Path<(i64, i64)>,
    req: axum::extract::Request,
) -> Response {
    // Refuse before reading what may be a large upload.
    if let Err(e) = state.app.evidence_item(&s.caller(), id, item).await {
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
                return state.app.attach_evidence_file(&s.caller(), id, item, &name, &bytes).await.map(drop);
            }
        }
        Err(AppError::invalid("file", "missing", "choose a file"))
    }
    .await;
    after(&state, &s, id, format!("/cases/{id}/evidence/{item}"), result).await
}

pub(crate) async fn analyse(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, item, file)): Path<(i64, i64, i64)>,
    form: FormData,
) -> Response {
    let input = praxis_app::case_flows::AnalyseInput {
        format: form.get("format").into(),
        account: Some(form.get("account").into()),
        time_zone: None,
        seeds: form.get("seeds").into(),
    };
    match state.app.analyse_evidence_file(&s.caller(), id, item, file, &input).await {
        Ok(_) => Redirect::to(&format!("/cases/{id}?done=saved#money")).into_response(),
        Err(e) => after(&state, &s, id, format!("/cases/{id}/evidence/{item}"), Err(e)).await,
    }
}

pub(crate) async fn open_file(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, item, file)): Path<(i64, i64, i64)>,
) -> Response {
    match state.app.open_evidence_file(&s.caller(), id, item, file).await {
        Ok((view, bytes)) => super::download(&view.file_name, &view.sha256, bytes),
        Err(e) => page_error(e, s.tr),
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct BaseQuery {
    #[serde(default)]
    jurisdiction: String,
}

/// How far the cases the caller may read rest on testimony: per case, organisation and country.
pub(crate) async fn overview(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<BaseQuery>,
) -> Response {
    let tr = s.tr;
    let result = state.app.evidence_base_overview(&s.caller(), Some(&q.jurisdiction), None).await;
    let (o, error) = match result {
        Ok(o) => (o, None),
        Err(e @ AppError::Invalid(_)) => {
            let msg = form_error(&s, &e);
            (Default::default(), Some(msg))
        }
        Err(e) => return page_error(e, tr),
    };
    let o: praxis_app::evidence::EvidenceBaseOverview = o;
    let body = html! {
        h1 { (tr.t("ev-overview")) }
        p.muted { (tr.t("ev-overview-explain")) }
        @if let Some(msg) = &error { (alert("error", msg)) }
        form.filters method="get" action="/cases/evidence-base" {
            div.field { label for="f-jur" { (tr.t("field-jurisdiction")) } input #f-jur name="jurisdiction" type="text" dir="ltr" size="6" value=(q.jurisdiction) placeholder="PK"; }
            button type="submit" { (tr.t("case-filter")) }
        }
        div.cards {
            @for (title, groups) in [(tr.t("ev-by-country"), &o.by_country), (tr.t("ev-by-organisation"), &o.by_organisation)] {
                section.card {
                    h2 { (title) }
                    table {
                        thead { tr { th { "" } th { (tr.t("nav-cases")) } th { (tr.t("ev-share")) } th { (tr.t("ev-testimony-only-count")) } } }
                        tbody { @for g in groups {
                            tr { td { (g.group) } td { (ltr(&g.cases.to_string())) } td { (ltr(&percent(g.share))) } td { (ltr(&g.testimony_only.to_string())) } }
                        } }
                    }
                }
            }
        }
        section.card {
            h2 { (tr.t("nav-cases")) }
            table #evidence-base-cases {
                thead { tr { th { (tr.t("field-reference")) } th { (tr.t("field-title")) } th { (tr.t("field-organisation")) } th { (tr.t("ev-share")) } th { (tr.t("ev-alert")) } } }
                tbody { @for r in &o.cases {
                    tr {
                        td { a href=(format!("/cases/{}#evidence-base", r.case)) { (ltr(&r.reference)) } }
                        td { (r.title) }
                        td { (r.owner_org) }
                        td { (ltr(&format!("{} ({}/{})", percent(r.share), r.supported, r.units))) }
                        td { @if r.testimony_only { span.warn { "⚠ " (tr.t("ev-testimony-only")) } " " (tr.a("ev-open-lines", &[("count", &r.corroborating_inquiries.to_string())])) } }
                    }
                } }
            }
        }
    };
    let mut r = page(tr, &s.actor, &s.csrf, Area::Cases, "/cases/evidence-base", &tr.t("ev-overview"), body)
        .into_response();
    if error.is_some() {
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

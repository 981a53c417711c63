//! Sharing a case (whole or summary), advice and mentoring notes, and the summary page — what a
//! summary grantee sees, and what the owner may preview.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::cases::CaseView;
use praxis_app::sharing::{CaseSummaryView, NoteInput, NoteView, ShareInput};
use praxis_app::AppError;

use super::account::form_error;
use super::cases::term;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

fn notes_list(tr: Tr, notes: &[NoteView]) -> Markup {
    html! {
        @if notes.is_empty() { p.muted { (tr.t("share-no-notes")) } }
        ol.notes { @for n in notes {
            li {
                strong { (tr.t(&format!("share-note-{}", n.kind))) } " · " (n.author.clone().unwrap_or_default()) " · " (fmt_time(n.created_at))
                p { (n.body) }
            }
        } }
    }
}

fn note_form(s: &SignedIn, case: i64) -> Markup {
    let tr = s.tr;
    html! {
        form method="post" action=(format!("/cases/{case}/notes")) {
            (csrf_input(&s.csrf))
            div.field { label for="note-kind" { (tr.t("field-kind")) }
                select #note-kind name="kind" { @for k in ["advice", "mentoring", "note"] { option value=(k) { (tr.t(&format!("share-note-{k}"))) } } } }
            div.field { label for="note-body" { (tr.t("share-note-body")) } textarea #note-body name="body" rows="3" required maxlength="10000" {} }
            button.primary type="submit" { (tr.t("case-add")) }
        }
    }
}

/// The notes section of the case page, and the sharing section for those who may share.
pub(crate) fn case_sections(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    let id = c.case.id;
    html! {
        section.card #notes {
            h2 { (tr.t("share-notes")) }
            (notes_list(tr, &c.notes))
            details { summary { (tr.t("share-add-note")) } (note_form(s, id)) }
        }
        @if c.permissions.write {
            section.card #sharing {
                h2 { (tr.t("share-title")) }
                p.muted { (tr.t("share-explain")) " " a href=(format!("/cases/{id}/summary")) { (tr.t("share-preview")) } }
                @if !c.shares.is_empty() {
                    table {
                        thead { tr { th { (tr.t("share-with")) } th { (tr.t("share-scope")) } th { (tr.t("field-created")) } th { span.visually-hidden { (tr.t("share-revoke")) } } } }
                        tbody { @for sh in &c.shares {
                            tr {
                                td { (sh.grantee) }
                                td { (tr.t(&format!("share-scope-{}", sh.scope))) }
                                td { (fmt_time(sh.created_at)) }
                                td { form.inline method="post" action=(format!("/cases/{id}/shares/{}/revoke", sh.id)) {
                                    (csrf_input(&s.csrf)) button.link type="submit" { (tr.t("share-revoke")) } } }
                            }
                        } }
                    }
                }
                form.inline-form method="post" action=(format!("/cases/{id}/shares")) {
                    (csrf_input(&s.csrf))
                    label for="sh-org" { (tr.t("field-organisation")) }
                    input #sh-org name="org" type="number" min="1" size="5";
                    label for="sh-user" { (tr.t("share-or-person")) }
                    input #sh-user name="username" type="text" dir="ltr" size="14";
                    label for="sh-scope" { (tr.t("share-scope")) }
                    select #sh-scope name="scope" {
                        option value="summary" { (tr.t("share-scope-summary")) }
                        option value="full" { (tr.t("share-scope-full")) }
                    }
                    button type="submit" { (tr.t("share-do")) }
                }
                p.hint { (tr.t("share-org-hint")) }
            }
        }
    }
}

pub(crate) fn summary_view(s: &SignedIn, v: &CaseSummaryView) -> Response {
    let tr = s.tr;
    let c = &v.case;
    let path = format!("/cases/{}/summary", c.id);
    let body = html! {
        p.muted { (ltr(&c.reference)) " · " (c.owner_org_name) " · " strong { (tr.t("share-summary-label")) } }
        h1 { (c.title) }
        p {
            span.badge { (term(tr, "crime_type", c.crime_type.as_str())) } " "
            span.badge { (term(tr, "stage", c.stage.as_str())) } " "
            (tr.t("field-jurisdictions")) ": " (ltr(&c.jurisdictions.join(", ")))
        }
        p.muted { (tr.t("share-summary-explain")) }
        @if !v.summary.is_empty() { p { (v.summary) } }
        section.card {
            h2 { (tr.t("case-persons")) }
            p { (tr.a("share-counts", &[("victims", &v.victims.to_string()), ("migrants", &v.smuggled_migrants.to_string()), ("children", &v.children.to_string())])) }
        }
        section.card {
            h2 { (tr.t("case-offences")) }
            ul { @for o in &v.offences { li { (term(tr, "offence", o.offence.as_str())) " — " (o.provision) } } }
            h2 { (tr.t("case-subjects")) }
            ul { @for sub in &v.subjects { li { (sub.name) " — " (term(tr, "network_role", sub.network_role.as_str())) ", " (term(tr, "status", sub.status.as_str())) } } }
        }
        section.card {
            h2 { (tr.t("ev-base")) }
            p { (ltr(&v.evidence_base.share.map(|x| format!("{:.0} %", x * 100.0)).unwrap_or_else(|| "–".into()))) " · " (tr.a("share-items", &[("count", &v.evidence_items.to_string())])) }
            @if v.evidence_base.testimony_only { (alert("warn", &tr.t("ev-testimony-only"))) }
        }
        section.card {
            h2 { (tr.t("case-timeline")) }
            ol.timeline { @for e in &v.timeline { li { (ltr(&e.occurred_on)) " " strong { (e.title) } } } }
        }
        section.card #notes {
            h2 { (tr.t("share-notes")) }
            (notes_list(tr, &v.notes))
            details { summary { (tr.t("share-add-note")) } (note_form(s, c.id)) }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Cases, &path, &c.title, body).into_response()
}

pub(crate) async fn summary(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    match state.app.case_summary(&s.caller(), id).await {
        Ok(v) => summary_view(&s, &v),
        Err(e) => page_error(e, s.tr),
    }
}

/// Back to the case (whole, or its summary for a summary grantee), or the error on the page.
async fn after(state: &AppState, s: &SignedIn, id: i64, result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/cases/{id}?done=saved")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => {
            let msg = form_error(s, &e);
            let mut r = super::cases::case_response(state, s, id, Some(alert("error", &msg))).await;
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn share(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let org = match form.get("org").trim() {
        "" => Ok(None),
        o => o
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::invalid("org", "invalid", "an organisation's number")),
    };
    let r = match org {
        Ok(org) => {
            let input = ShareInput {
                org,
                username: Some(form.get("username").to_owned()).filter(|u| !u.trim().is_empty()),
                scope: form.get("scope").into(),
            };
            state.app.share_case(&s.caller(), id, &input).await.map(drop)
        }
        Err(e) => Err(e),
    };
    after(&state, &s, id, r).await
}

pub(crate) async fn revoke(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, share)): Path<(i64, i64)>,
) -> Response {
    let r = state.app.revoke_share(&s.caller(), id, share).await;
    after(&state, &s, id, r).await
}

pub(crate) async fn note(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = NoteInput { kind: Some(form.get("kind").into()), body: form.get("body").into() };
    let r = state.app.add_case_note(&s.caller(), id, &input).await.map(drop);
    after(&state, &s, id, r).await
}

//! Cases: the list with filters and the form to open one; a case's page with its stage and
//! history, offences, subjects, victims and smuggled migrants under pseudonyms, timeline and team.
//! Every form posts back here and redirects to the case; an identity is shown only in answer to
//! a deliberate request by the case team (a POST, audited), never in a link or a cached page.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::cases::{
    CaseFilter, CaseSummary, CaseView, EventInput, IdentityReveal, NewCaseInput, OffenceInput,
    PersonIdentity, PersonInput, StageInput, SubjectInput, SubjectUpdate,
};
use praxis_app::policy::{decide, Action, RecordKind, RecordRef};
use praxis_app::AppError;
use praxis_model::{AgeBand, CrimeType, NetworkRole, Offence, PersonKind, Sex, Stage, SubjectStatus};

use super::account::form_error;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

/// The translated label of a vocabulary term: `case-<vocabulary>-<code>`.
pub(crate) fn term(tr: Tr, vocabulary: &str, code: &str) -> String {
    tr.t(&format!("case-{vocabulary}-{code}"))
}

pub(crate) fn options<T: Copy>(
    tr: Tr,
    vocabulary: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    current: &str,
) -> Markup {
    html! {
        @for v in all {
            option value=(code(*v)) selected[code(*v) == current] { (term(tr, vocabulary, code(*v))) }
        }
    }
}

fn cases_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    page(s.tr, &s.actor, &s.csrf, Area::Cases, path, title, body).into_response()
}

fn with_status(mut r: Response, e: &AppError) -> Response {
    *r.status_mut() = status_of(e);
    r
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    #[serde(default)]
    crime_type: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    jurisdiction: String,
    #[serde(default)]
    q: String,
}

fn cases_table(tr: Tr, cases: &[CaseSummary]) -> Markup {
    html! {
        table #cases {
            thead { tr {
                th { (tr.t("field-reference")) } th { (tr.t("field-title")) } th { (tr.t("field-crime_type")) }
                th { (tr.t("field-stage")) } th { (tr.t("field-jurisdictions")) } th { (tr.t("field-organisation")) }
                th { (tr.t("case-updated")) }
            } }
            tbody {
                @for c in cases {
                    tr {
                        td { a href=(format!("/cases/{}", c.id)) { (ltr(&c.reference)) } }
                        td { (c.title) }
                        td { (term(tr, "crime_type", c.crime_type.as_str())) }
                        td { span class=(format!("badge stage-{}", c.stage)) { (term(tr, "stage", c.stage.as_str())) } }
                        td { (ltr(&c.jurisdictions.join(", "))) }
                        td { (c.owner_org_name) }
                        td { (fmt_time(c.updated_at)) }
                    }
                }
            }
        }
    }
}

fn list_view(
    s: &SignedIn,
    q: &ListQuery,
    cases: &[CaseSummary],
    error: Option<&str>,
    form: Option<&FormData>,
) -> Response {
    let tr = s.tr;
    let may_open =
        decide(&s.caller(), Action::Create, &RecordRef::new(RecordKind::Case, Some(s.actor.org.id))).allowed;
    let v = |k: &str| form.map(|f| f.get(k).to_owned()).unwrap_or_default();
    cases_page(
        s,
        "/cases",
        &tr.t("nav-cases"),
        html! {
            h1 { (tr.t("nav-cases")) }
            p { a href="/cases/ranking" { (tr.t("select-title")) } " · " a href="/cases/evidence-base" { (tr.t("ev-overview")) } }
            @if let Some(msg) = error { (alert("error", msg)) }
            form.filters method="get" action="/cases" role="search" {
                div.field {
                    label for="f-crime" { (tr.t("field-crime_type")) }
                    select #f-crime name="crime_type" {
                        option value="" { (tr.t("case-any")) }
                        (options(tr, "crime_type", CrimeType::ALL, CrimeType::as_str, &q.crime_type))
                    }
                }
                div.field {
                    label for="f-stage" { (tr.t("field-stage")) }
                    select #f-stage name="stage" {
                        option value="" { (tr.t("case-any")) }
                        (options(tr, "stage", Stage::ALL, Stage::as_str, &q.stage))
                    }
                }
                div.field {
                    label for="f-jur" { (tr.t("field-jurisdiction")) }
                    input #f-jur name="jurisdiction" type="text" dir="ltr" size="6" value=(q.jurisdiction) placeholder="PK";
                }
                div.field {
                    label for="f-q" { (tr.t("case-words")) }
                    input #f-q name="q" type="search" value=(q.q);
                }
                button type="submit" { (tr.t("case-filter")) }
            }
            section.card {
                h2 { (tr.a("case-count", &[("count", &cases.len().to_string())])) }
                @if cases.is_empty() { p.muted { (tr.t("case-none")) } } @else { (cases_table(tr, cases)) }
            }
            @if may_open {
                section.card {
                    h2 { (tr.t("case-open")) }
                    form method="post" action="/cases" {
                        (csrf_input(&s.csrf))
                        div.field {
                            label for="reference" { (tr.t("field-reference")) }
                            input #reference name="reference" type="text" dir="ltr" required maxlength="80" value=(v("reference"));
                            p.hint { (tr.t("case-reference-hint")) }
                        }
                        div.field {
                            label for="title" { (tr.t("field-title")) }
                            input #title name="title" type="text" required maxlength="200" value=(v("title"));
                        }
                        div.field {
                            label for="crime_type" { (tr.t("field-crime_type")) }
                            select #crime_type name="crime_type" { (options(tr, "crime_type", CrimeType::ALL, CrimeType::as_str, &v("crime_type"))) }
                        }
                        div.field {
                            label for="stage" { (tr.t("field-stage")) }
                            select #stage name="stage" { (options(tr, "stage", Stage::ALL, Stage::as_str, &v("stage"))) }
                        }
                        div.field {
                            label for="jurisdictions" { (tr.t("field-jurisdictions")) }
                            input #jurisdictions name="jurisdictions" type="text" dir="ltr" value=(v("jurisdictions")) placeholder=(s.actor.org.jurisdiction.code());
                            p.hint { (tr.t("case-jurisdictions-hint")) }
                        }
                        div.field {
                            label for="summary" { (tr.t("field-summary")) }
                            textarea #summary name="summary" rows="3" maxlength="5000" { (v("summary")) }
                        }
                        button.primary type="submit" { (tr.t("case-open")) }
                    }
                }
            }
        },
    )
}

fn filter_of(q: &ListQuery) -> CaseFilter {
    CaseFilter {
        crime_type: Some(q.crime_type.clone()),
        stage: Some(q.stage.clone()),
        jurisdiction: Some(q.jurisdiction.clone()),
        q: Some(q.q.clone()),
    }
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    match state.app.cases(&s.caller(), &filter_of(&q)).await {
        Ok(cases) => list_view(&s, &q, &cases, None, None),
        Err(e @ AppError::Invalid(_)) => {
            let msg = form_error(&s, &e);
            with_status(list_view(&s, &q, &[], Some(&msg), None), &e)
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewCaseInput {
        reference: form.get("reference").into(),
        title: form.get("title").into(),
        crime_type: form.get("crime_type").into(),
        stage: Some(form.get("stage").into()),
        summary: form.get("summary").into(),
        jurisdictions: vec![form.get("jurisdictions").into()],
    };
    match state.app.create_case(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/cases/{id}?done=created")).into_response(),
        Err(e @ AppError::Denied(_)) => page_error(e, s.tr),
        Err(e) => {
            let q = ListQuery::default();
            let cases = state.app.cases(&s.caller(), &filter_of(&q)).await.unwrap_or_default();
            let msg = form_error(&s, &e);
            with_status(list_view(&s, &q, &cases, Some(&msg), Some(&form)), &e)
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct CaseQuery {
    done: Option<String>,
}

fn header(tr: Tr, c: &CaseView) -> Markup {
    html! {
        header.case-head {
            p.muted { (ltr(&c.case.reference)) " · " (c.case.owner_org_name) }
            h1 { (c.case.title) }
            p {
                span.badge { (term(tr, "crime_type", c.case.crime_type.as_str())) } " "
                span class=(format!("badge stage-{}", c.case.stage)) { (term(tr, "stage", c.case.stage.as_str())) } " "
                (tr.t("field-jurisdictions")) ": " (ltr(&c.case.jurisdictions.join(", ")))
            }
            @if !c.summary.is_empty() { p.summary { (c.summary) } }
            p { a href=(format!("/cases/{}/brief", c.case.id)) { (tr.t("brief-print")) } " · " a href=(format!("/cases/{}/brief.pdf", c.case.id)) { (tr.t("brief-pdf")) } }
            nav.tabs aria-label=(tr.t("case-sections")) {
                a href="#stage" { (tr.t("case-stage-history")) }
                a href="#offences" { (tr.t("case-offences")) }
                a href="#subjects" { (tr.t("case-subjects")) }
                a href="#persons" { (tr.t("case-persons")) }
                a href="#evidence-base" { (tr.t("ev-base")) }
                a href="#evidence" { (tr.t("ev-register")) }
                a href="#inquiries" { (tr.t("ev-inquiries")) }
                a href="#money" { (tr.t("money-title")) }
                a href="#links" { (tr.t("ent-links")) }
                a href="#cooperation" { (tr.t("coop-title")) }
                a href="#notes" { (tr.t("share-notes")) }
                a href="#timeline" { (tr.t("case-timeline")) }
                a href="#team" { (tr.t("case-team")) }
            }
        }
    }
}

fn stage_section(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    html! {
        section.card #stage {
            h2 { (tr.t("case-stage-history")) }
            table {
                thead { tr { th { (tr.t("field-stage")) } th { (tr.t("field-time")) } th { (tr.t("field-actor")) } th { (tr.t("field-note")) } } }
                tbody { @for h in &c.stage_history {
                    tr { td { (term(tr, "stage", h.stage.as_str())) } td { (fmt_time(h.changed_at)) } td { (h.changed_by.clone().unwrap_or_default()) } td { (h.note) } }
                } }
            }
            @if c.permissions.write {
                form.inline-form method="post" action=(format!("/cases/{}/stage", c.case.id)) {
                    (csrf_input(&s.csrf))
                    label for="new-stage" { (tr.t("case-move-to")) }
                    select #new-stage name="stage" { (options(tr, "stage", Stage::ALL, Stage::as_str, c.case.stage.as_str())) }
                    label for="stage-note" { (tr.t("field-note")) }
                    input #stage-note name="note" type="text" maxlength="1000";
                    button type="submit" { (tr.t("case-move")) }
                }
            }
        }
    }
}

fn offences_section(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    html! {
        section.card #offences {
            h2 { (tr.t("case-offences")) }
            @if c.offences.is_empty() { p.muted { (tr.t("case-no-offences")) } } @else {
                table {
                    thead { tr { th { (tr.t("field-offence")) } th { (tr.t("field-provision")) } th { (tr.t("field-jurisdiction")) } } }
                    tbody { @for o in &c.offences {
                        tr { td { (term(tr, "offence", o.offence.as_str())) } td { (o.provision) } td { (ltr(&o.jurisdiction)) } }
                    } }
                }
            }
            @if c.permissions.write {
                details {
                    summary { (tr.t("case-add-offence")) }
                    form method="post" action=(format!("/cases/{}/offences", c.case.id)) {
                        (csrf_input(&s.csrf))
                        div.field { label for="offence" { (tr.t("field-offence")) }
                            select #offence name="offence" { (options(tr, "offence", Offence::ALL, Offence::as_str, "")) } }
                        div.field { label for="provision" { (tr.t("field-provision")) }
                            input #provision name="provision" type="text" required maxlength="300";
                            p.hint { (tr.t("case-provision-hint")) } }
                        div.field { label for="off-jur" { (tr.t("field-jurisdiction")) }
                            input #off-jur name="jurisdiction" type="text" dir="ltr" size="6" placeholder=(c.case.jurisdictions.first().cloned().unwrap_or_default()); }
                        button.primary type="submit" { (tr.t("case-add")) }
                    }
                }
            }
        }
    }
}

fn subjects_section(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    html! {
        section.card #subjects {
            h2 { (tr.t("case-subjects")) }
            @if c.subjects.is_empty() { p.muted { (tr.t("case-no-subjects")) } } @else {
                table {
                    thead { tr {
                        th { (tr.t("field-name")) } th { (tr.t("field-aliases")) } th { (tr.t("field-network_role")) }
                        th { (tr.t("field-status")) } th { (tr.t("field-nationality")) }
                        @if c.permissions.write { th { span.visually-hidden { (tr.t("case-change")) } } }
                    } }
                    tbody { @for sub in &c.subjects {
                        tr {
                            td { (sub.name) } td { (sub.aliases) }
                            td { (term(tr, "network_role", sub.network_role.as_str())) }
                            td { span class=(format!("badge status-{}", sub.status)) { (term(tr, "status", sub.status.as_str())) } }
                            td { (ltr(&sub.nationality)) }
                            @if c.permissions.write {
                                td {
                                    form.inline-form method="post" action=(format!("/cases/{}/subjects/{}", c.case.id, sub.id)) {
                                        (csrf_input(&s.csrf))
                                        label.visually-hidden for=(format!("role-{}", sub.id)) { (tr.t("field-network_role")) }
                                        select id=(format!("role-{}", sub.id)) name="network_role" { (options(tr, "network_role", NetworkRole::ALL, NetworkRole::as_str, sub.network_role.as_str())) }
                                        label.visually-hidden for=(format!("status-{}", sub.id)) { (tr.t("field-status")) }
                                        select id=(format!("status-{}", sub.id)) name="status" { (options(tr, "status", SubjectStatus::ALL, SubjectStatus::as_str, sub.status.as_str())) }
                                        label.visually-hidden for=(format!("accounts-{}", sub.id)) { (tr.t("field-accounts")) }
                                        input id=(format!("accounts-{}", sub.id)) name="accounts" type="text" dir="ltr" size="14" value=(sub.accounts.join(", ")) placeholder=(tr.t("field-accounts"));
                                        button type="submit" { (tr.t("case-change")) }
                                    }
                                }
                            }
                        }
                    } }
                }
            }
            @if c.permissions.write {
                details {
                    summary { (tr.t("case-add-subject")) }
                    form method="post" action=(format!("/cases/{}/subjects", c.case.id)) {
                        (csrf_input(&s.csrf))
                        div.field { label for="sub-name" { (tr.t("field-name")) } input #sub-name name="name" type="text" required maxlength="200"; }
                        div.field { label for="sub-aliases" { (tr.t("field-aliases")) } input #sub-aliases name="aliases" type="text" maxlength="500"; }
                        div.field { label for="sub-role" { (tr.t("field-network_role")) }
                            select #sub-role name="network_role" { (options(tr, "network_role", NetworkRole::ALL, NetworkRole::as_str, "")) } }
                        div.field { label for="sub-status" { (tr.t("field-status")) }
                            select #sub-status name="status" { (options(tr, "status", SubjectStatus::ALL, SubjectStatus::as_str, "suspect")) } }
                        div.field { label for="sub-nat" { (tr.t("field-nationality")) } input #sub-nat name="nationality" type="text" dir="ltr" size="4" placeholder="PK"; }
                        div.field { label for="sub-accounts" { (tr.t("field-accounts")) } input #sub-accounts name="accounts" type="text" dir="ltr";
                            p.hint { (tr.t("case-accounts-hint")) } }
                        div.field { label for="sub-notes" { (tr.t("field-notes")) } textarea #sub-notes name="notes" rows="2" maxlength="2000" {} }
                        button.primary type="submit" { (tr.t("case-add")) }
                    }
                }
            }
        }
    }
}

fn persons_section(s: &SignedIn, c: &CaseView, revealed: Option<&IdentityReveal>) -> Markup {
    let tr = s.tr;
    html! {
        section.card #persons {
            h2 { (tr.t("case-persons")) }
            p.muted { (tr.t(if c.permissions.identities { "case-persons-team" } else { "case-persons-pseudonyms" })) }
            @if let Some(r) = revealed {
                div.identity role="status" {
                    h3 { (tr.a("case-identity-of", &[("pseudonym", &r.pseudonym)])) }
                    dl {
                        dt { (tr.t("field-full_name")) } dd { (r.identity.full_name) }
                        @if !r.identity.date_of_birth.is_empty() { dt { (tr.t("field-date_of_birth")) } dd { (ltr(&r.identity.date_of_birth)) } }
                        @if !r.identity.contact.is_empty() { dt { (tr.t("field-contact")) } dd { (ltr(&r.identity.contact)) } }
                        @if !r.identity.notes.is_empty() { dt { (tr.t("field-identity_notes")) } dd { (r.identity.notes) } }
                    }
                    p.muted { (tr.a("case-identity-why", &[("reason", &r.reason)])) }
                }
            }
            @if c.persons.is_empty() { p.muted { (tr.t("case-no-persons")) } } @else {
                table {
                    thead { tr {
                        th { (tr.t("case-pseudonym")) } th { (tr.t("field-kind")) } th { (tr.t("field-sex")) }
                        th { (tr.t("field-age_band")) } th { (tr.t("field-nationality")) } th { (tr.t("field-exploitation")) }
                        th { (tr.t("field-violence")) }
                        @if c.permissions.identities { th { span.visually-hidden { (tr.t("case-reveal")) } } }
                    } }
                    tbody { @for p in &c.persons {
                        tr {
                            td { strong { (ltr(&p.pseudonym)) } }
                            td { (term(tr, "kind", p.kind.as_str())) }
                            td { (term(tr, "sex", p.sex.as_str())) }
                            td { (term(tr, "age_band", p.age_band.as_str())) @if p.child { " " span.badge.child { (tr.t("case-child")) } } }
                            td { (ltr(&p.nationality)) }
                            td { (p.exploitation) }
                            td { @if p.violence { (tr.t("case-yes")) } }
                            @if c.permissions.identities {
                                td {
                                    form.inline-form method="post" action=(format!("/cases/{}/persons/{}/reveal", c.case.id, p.id)) {
                                        (csrf_input(&s.csrf))
                                        button type="submit" { (tr.t("case-reveal")) }
                                    }
                                }
                            }
                        }
                    } }
                }
            }
            @if c.permissions.identities {
                details {
                    summary { (tr.t("case-add-person")) }
                    form method="post" action=(format!("/cases/{}/persons", c.case.id)) autocomplete="off" {
                        (csrf_input(&s.csrf))
                        div.field { label for="p-kind" { (tr.t("field-kind")) }
                            select #p-kind name="kind" { (options(tr, "kind", PersonKind::ALL, PersonKind::as_str, "victim")) } }
                        div.field { label for="p-sex" { (tr.t("field-sex")) }
                            select #p-sex name="sex" { (options(tr, "sex", Sex::ALL, Sex::as_str, "unknown")) } }
                        div.field { label for="p-age" { (tr.t("field-age_band")) }
                            select #p-age name="age_band" { (options(tr, "age_band", AgeBand::ALL, AgeBand::as_str, "unknown")) } }
                        div.field { label for="p-nat" { (tr.t("field-nationality")) } input #p-nat name="nationality" type="text" dir="ltr" size="4"; }
                        div.field { label for="p-expl" { (tr.t("field-exploitation")) } input #p-expl name="exploitation" type="text" maxlength="200"; }
                        div.field.check { input #p-violence name="violence" type="checkbox"; label for="p-violence" { (tr.t("field-violence")) } }
                        fieldset {
                            legend { (tr.t("case-identity-protected")) }
                            div.field { label for="p-name" { (tr.t("field-full_name")) } input #p-name name="full_name" type="text" required maxlength="200"; }
                            div.field { label for="p-dob" { (tr.t("field-date_of_birth")) } input #p-dob name="date_of_birth" type="date"; }
                            div.field { label for="p-contact" { (tr.t("field-contact")) } input #p-contact name="contact" type="text" maxlength="300"; }
                            div.field { label for="p-notes" { (tr.t("field-identity_notes")) } textarea #p-notes name="identity_notes" rows="2" maxlength="2000" {} }
                        }
                        button.primary type="submit" { (tr.t("case-add")) }
                    }
                }
            }
        }
    }
}

fn timeline_section(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    html! {
        section.card #timeline {
            h2 { (tr.t("case-timeline")) }
            @if c.timeline.is_empty() { p.muted { (tr.t("case-no-events")) } } @else {
                ol.timeline { @for e in &c.timeline {
                    li { time datetime=(e.occurred_on) { (ltr(&e.occurred_on)) } " " strong { (e.title) } @if !e.detail.is_empty() { p { (e.detail) } } }
                } }
            }
            @if c.permissions.write {
                details {
                    summary { (tr.t("case-add-event")) }
                    form method="post" action=(format!("/cases/{}/events", c.case.id)) {
                        (csrf_input(&s.csrf))
                        div.field { label for="ev-on" { (tr.t("field-occurred_on")) } input #ev-on name="occurred_on" type="date" required; }
                        div.field { label for="ev-title" { (tr.t("field-title")) } input #ev-title name="title" type="text" required maxlength="200"; }
                        div.field { label for="ev-detail" { (tr.t("field-detail")) } textarea #ev-detail name="detail" rows="2" maxlength="5000" {} }
                        button.primary type="submit" { (tr.t("case-add")) }
                    }
                }
            }
        }
    }
}

fn team_section(s: &SignedIn, c: &CaseView) -> Markup {
    let tr = s.tr;
    html! {
        section.card #team {
            h2 { (tr.t("case-team")) }
            p.muted { (tr.t("case-team-explain")) }
            ul.plain { @for m in &c.team {
                li {
                    (m.display_name) " (" (ltr(&m.username)) ")"
                    @if c.permissions.write {
                        " "
                        form.inline method="post" action=(format!("/cases/{}/team/{}/remove", c.case.id, m.user_id)) {
                            (csrf_input(&s.csrf))
                            button.link type="submit" { (tr.t("case-remove")) }
                        }
                    }
                }
            } }
            @if c.permissions.write {
                form.inline-form method="post" action=(format!("/cases/{}/team", c.case.id)) {
                    (csrf_input(&s.csrf))
                    label for="member" { (tr.t("field-username")) }
                    input #member name="username" type="text" dir="ltr" required;
                    button type="submit" { (tr.t("case-add-member")) }
                }
            }
        }
    }
}

/// The case page: the case and, fetched here, its money and the datasets that may be linked.
async fn case_view(
    state: &AppState,
    s: &SignedIn,
    c: &CaseView,
    notice: Option<Markup>,
    revealed: Option<&IdentityReveal>,
) -> Response {
    let money = match state.app.case_money(&s.caller(), c.case.id).await {
        Ok(m) => m,
        Err(e) => return page_error(e, s.tr),
    };
    let datasets: Vec<(i64, String)> = if c.permissions.write {
        state
            .app
            .flows_datasets(&s.caller())
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect()
    } else {
        vec![]
    };
    let links = match state.app.case_links(&s.caller(), c.case.id).await {
        Ok(l) => l,
        Err(e) => return page_error(e, s.tr),
    };
    // Cross-border hits on this case's selectors (hit/no-hit): shown only when there are some.
    let hits = match state.app.case_hits(&s.caller(), c.case.id).await {
        Ok(h) => h,
        Err(e) => return page_error(e, s.tr),
    };
    // The watch-list screenings of this case's people and organisations that the caller may read.
    let screenings = match state.app.case_screening_runs(&s.caller(), c.case.id).await {
        Ok(r) => r,
        Err(AppError::Denied(_) | AppError::NotFound(_)) => Vec::new(),
        Err(e) => return page_error(e, s.tr),
    };
    let filter = praxis_app::cooperation::RequestFilter { case: Some(c.case.id), ..Default::default() };
    let requests = state.app.requests(&s.caller(), &filter).await.unwrap_or_default();
    let path = format!("/cases/{}", c.case.id);
    cases_page(
        s,
        &path,
        &c.case.title,
        html! {
            @if let Some(n) = notice { (n) }
            (header(s.tr, c))
            (stage_section(s, c))
            (offences_section(s, c))
            (subjects_section(s, c))
            (persons_section(s, c, revealed))
            (super::evidence::base_section(s.tr, c))
            (super::evidence::register_section(s, c))
            (super::evidence::inquiries_section(s, c))
            (super::selection::money_section(s, c.case.id, c.permissions.write, &money, &datasets))
            (super::entities::links_section(s, c.case.id, c.permissions.write, &links))
            @if !hits.is_empty() { (super::hit_no_hit::hits_table(s, &hits)) }
            @if !screenings.is_empty() { (super::screening::case_section(s, c.case.id, &screenings)) }
            (super::cooperation::case_section(s, c.case.id, c.permissions.write, &requests))
            (timeline_section(s, c))
            (team_section(s, c))
            (super::sharing::case_sections(s, c))
        },
    )
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<CaseQuery>,
) -> Response {
    let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
    case_response(&state, &s, id, notice).await
}

/// The case page with a notice (or the refusal page).
pub(crate) async fn case_response(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    notice: Option<Markup>,
) -> Response {
    match state.app.case(&s.caller(), id).await {
        Ok(c) => case_view(state, s, &c, notice, None).await,
        // Shared as a summary only: the summary.
        Err(e @ AppError::Denied(_)) => match state.app.case_summary(&s.caller(), id).await {
            Ok(v) => super::sharing::summary_view(s, &v),
            Err(_) => page_error(e, s.tr),
        },
        Err(e) => page_error(e, s.tr),
    }
}

/// After a change: back to the case, or the case with the error (the refusal page when the
/// caller may not even read it).
async fn after(state: &AppState, s: &SignedIn, id: i64, result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/cases/{id}?done=saved")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.case(&s.caller(), id).await {
            Ok(c) => {
                let msg = form_error(s, &e);
                with_status(case_view(state, s, &c, Some(alert("error", &msg)), None).await, &e)
            }
            Err(e) => page_error(e, s.tr),
        },
    }
}

pub(crate) async fn stage(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = StageInput { stage: form.get("stage").into(), note: form.get("note").into() };
    let r = state.app.set_case_stage(&s.caller(), id, &input).await;
    after(&state, &s, id, r).await
}

pub(crate) async fn add_offence(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = OffenceInput {
        offence: form.get("offence").into(),
        provision: form.get("provision").into(),
        jurisdiction: Some(form.get("jurisdiction").into()),
    };
    let r = state.app.add_offence(&s.caller(), id, &input).await.map(drop);
    after(&state, &s, id, r).await
}

pub(crate) async fn add_subject(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = SubjectInput {
        name: form.get("name").into(),
        aliases: form.get("aliases").into(),
        network_role: form.get("network_role").into(),
        status: Some(form.get("status").into()),
        nationality: form.get("nationality").into(),
        notes: form.get("notes").into(),
        accounts: form.get("accounts").into(),
    };
    let r = state.app.add_subject(&s.caller(), id, &input).await.map(drop);
    after(&state, &s, id, r).await
}

pub(crate) async fn update_subject(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, subject)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let input = SubjectUpdate {
        network_role: Some(form.get("network_role").into()),
        status: Some(form.get("status").into()),
        accounts: Some(form.get("accounts").into()),
    };
    let r = state.app.update_subject(&s.caller(), id, subject, &input).await;
    after(&state, &s, id, r).await
}

pub(crate) async fn add_person(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = PersonInput {
        kind: form.get("kind").into(),
        sex: Some(form.get("sex").into()),
        age_band: Some(form.get("age_band").into()),
        nationality: form.get("nationality").into(),
        exploitation: form.get("exploitation").into(),
        violence: form.checked("violence"),
        identity: PersonIdentity {
            full_name: form.get("full_name").into(),
            date_of_birth: form.get("date_of_birth").into(),
            contact: form.get("contact").into(),
            notes: form.get("identity_notes").into(),
        },
    };
    let r = state.app.add_person(&s.caller(), id, &input).await.map(drop);
    after(&state, &s, id, r).await
}

pub(crate) async fn reveal_person(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, person)): Path<(i64, i64)>,
) -> Response {
    let revealed = match state.app.reveal_person(&s.caller(), id, person).await {
        Ok(r) => r,
        Err(e) => return page_error(e, s.tr),
    };
    match state.app.case(&s.caller(), id).await {
        Ok(c) => case_view(&state, &s, &c, None, Some(&revealed)).await,
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn add_member(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let r = state.app.add_case_member(&s.caller(), id, form.get("username")).await;
    after(&state, &s, id, r).await
}

pub(crate) async fn remove_member(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, user)): Path<(i64, i64)>,
) -> Response {
    let r = state.app.remove_case_member(&s.caller(), id, user).await;
    after(&state, &s, id, r).await
}

pub(crate) async fn add_event(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = EventInput {
        occurred_on: form.get("occurred_on").into(),
        title: form.get("title").into(),
        detail: form.get("detail").into(),
    };
    let r = state.app.add_case_event(&s.caller(), id, &input).await.map(drop);
    after(&state, &s, id, r).await
}

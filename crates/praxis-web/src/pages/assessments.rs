//! National assessments: the table of assessments (country, kind, title, period, status) with the
//! form to create one, and the assessment page: status history with the form to move it,
//! methods, key findings and recommendations under pillars, and the stakeholder analysis drawn on
//! the country page's influence/interest grid (the same drawing, with the scores of this
//! assessment). Every form posts and redirects; a refused form is shown again with what was
//! typed and the field named.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::assessments::{
    AssessmentInput, AssessmentSummary, AssessmentView, ConsultedInput, FindingInput, RecommendationInput,
    StatusInput, KINDS, METHODS,
};
use praxis_app::engagement::{CountrySummary, StakeholderView};
use praxis_app::missions::pillar_codes;
use praxis_app::AppError;

use super::countries::{eng_page, stakeholder_grid, with_status, Failed};
use super::layout::{alert, csrf_input, ltr};
use super::FormData;
use crate::error::{page_error, user_message};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

/// The name of a field in the reader's language: this area's own, or the country pages'.
fn field_name(tr: Tr, field: &str) -> String {
    let own = format!("asm-field-{field}");
    let t = tr.t(&own);
    if t != own {
        return t;
    }
    super::countries::field_name(tr, field)
}

/// A refused form's message, naming the field.
fn form_error(s: &SignedIn, e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => {
            s.tr.a("error-field", &[("field", &field_name(s.tr, v.field)), ("message", &v.message)])
        }
        other => user_message(other, s.tr),
    }
}

pub(super) fn status_badge(tr: Tr, status: &str) -> Markup {
    html! { span class=(format!("badge asm-{status}")) { (tr.t(&format!("asm-status-{status}"))) } }
}

/// The assessments of a list (the list page and the country page).
pub(super) fn assessments_table(tr: Tr, list: &[AssessmentSummary], with_country: bool) -> Markup {
    html! {
        table #assessments {
            thead { tr {
                @if with_country { th { (tr.t("field-country")) } }
                th { (field_name(tr, "kind")) } th { (field_name(tr, "title")) }
                th { (tr.t("asm-period")) } th { (field_name(tr, "status")) }
            } }
            tbody { @for a in list {
                tr {
                    @if with_country { td { (a.country_name) " " (ltr(&a.country)) } }
                    td { (tr.t(&format!("asm-kind-{}", a.kind))) }
                    td { a href=(format!("/programme/assessments/{}", a.id)) { (a.title) } }
                    td { (ltr(&format!("{} – {}", a.period_start, a.period_end))) }
                    td { (status_badge(tr, &a.status)) " " span.hint { (ltr(&a.status_on)) } }
                }
            } }
        }
    }
}

/// A field with its label.
fn field(tr: Tr, id: &str, label: &str, input: Markup) -> Markup {
    html! { div.field { label for=(id) { (field_name(tr, label)) } (input) } }
}

fn pillar_options(tr: Tr, selected: &str) -> Markup {
    html! { @for p in pillar_codes() { option value=(p) selected[selected == p] { (tr.t(&format!("pillar-{p}"))) } } }
}

// ---------------------------------------------------------------- the list

#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    country: Option<String>,
}

fn list_view(
    s: &SignedIn,
    list: &[AssessmentSummary],
    creatable: &[CountrySummary],
    preselect: &str,
    failed: Option<&Failed>,
) -> Response {
    let tr = s.tr;
    let val = |k: &str| failed.map(|f| f.data.get(k).to_owned()).unwrap_or_default();
    let chosen_country = if failed.is_some() { val("country") } else { preselect.to_owned() };
    let chosen_methods = failed.map(|f| f.data.all("methods")).unwrap_or_default();
    let body = html! {
        (super::indicators::programme_tabs(tr, "assessments"))
        h1 { (tr.t("asm-title")) }
        p.hint { (tr.t("asm-intro")) }
        @if list.is_empty() { p.muted { (tr.t("asm-none")) } } @else { (assessments_table(tr, list, true)) }
        @if !creatable.is_empty() {
            details open[failed.is_some() || !preselect.is_empty()] #new-assessment {
                summary { (tr.t("asm-new")) }
                @if let Some(f) = failed { (alert("error", &f.message)) }
                form method="post" action="/programme/assessments" {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "as-country", "country", html! {
                            select #as-country name="country" {
                                @for c in creatable { option value=(c.country) selected[chosen_country == c.country] { (c.country_name) } }
                            }
                        }))
                        (field(tr, "as-kind", "kind", html! {
                            select #as-kind name="kind" {
                                @for k in KINDS { option value=(k) selected[val("kind") == k] { (tr.t(&format!("asm-kind-{k}"))) } }
                            }
                        }))
                    }
                    (field(tr, "as-title", "title", html! { input #as-title name="title" type="text" required maxlength="200" value=(val("title")); }))
                    div.grid {
                        (field(tr, "as-period_start", "period_start", html! { input #as-period_start name="period_start" type="date" required value=(val("period_start")); }))
                        (field(tr, "as-period_end", "period_end", html! { input #as-period_end name="period_end" type="date" required value=(val("period_end")); }))
                        (field(tr, "as-planned_on", "planned_on", html! { input #as-planned_on name="planned_on" type="date" value=(val("planned_on")); }))
                    }
                    fieldset {
                        legend { (field_name(tr, "methods")) }
                        @for m in METHODS {
                            label.check { input name="methods" type="checkbox" value=(m) checked[chosen_methods.iter().any(|c| c == m)]; " " (tr.t(&format!("asm-method-{m}"))) }
                        }
                    }
                    button.primary type="submit" { (tr.t("asm-create")) }
                }
            }
        }
    };
    eng_page(s, "/programme/assessments", &tr.t("asm-title"), body)
}

/// The partner countries where the caller may create an assessment.
async fn creatable(state: &AppState, s: &SignedIn) -> Result<Vec<CountrySummary>, AppError> {
    let mut out = Vec::new();
    for c in state.app.partner_countries(&s.caller()).await? {
        if state.app.may_create_assessment(&s.caller(), &c.country).await? {
            out.push(c);
        }
    }
    Ok(out)
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let country = q.country.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let list = match state.app.assessments(&s.caller(), country).await {
        Ok(l) => l,
        Err(e) => return page_error(e, s.tr),
    };
    match creatable(&state, &s).await {
        Ok(c) => list_view(&s, &list, &c, country.unwrap_or_default(), None),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = AssessmentInput {
        country: form.get("country").into(),
        kind: form.get("kind").into(),
        title: form.get("title").into(),
        period_start: form.get("period_start").into(),
        period_end: form.get("period_end").into(),
        methods: form.all("methods"),
        planned_on: Some(form.get("planned_on").into()),
    };
    match state.app.create_assessment(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/assessments/{id}?done=created")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => {
            let list = state.app.assessments(&s.caller(), None).await;
            let creatable = creatable(&state, &s).await;
            match (list, creatable) {
                (Ok(l), Ok(c)) => {
                    let failed = Failed { form: "create", message: form_error(&s, &e), data: &form };
                    with_status(list_view(&s, &l, &c, "", Some(&failed)), &e)
                }
                (Err(other), _) | (_, Err(other)) => page_error(other, s.tr),
            }
        }
    }
}

// ---------------------------------------------------------------- an assessment

#[derive(serde::Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
}

/// The stakeholders consulted as the grid draws them: the scores of this assessment.
fn as_grid(v: &AssessmentView) -> Vec<StakeholderView> {
    v.stakeholders
        .iter()
        .map(|k| StakeholderView {
            id: k.stakeholder,
            name: k.name.clone(),
            institution: k.institution.clone(),
            prong: k.prong.clone(),
            influence: k.influence,
            interest: k.interest,
            note: k.note.clone(),
        })
        .collect()
}

fn assessment_view(
    s: &SignedIn,
    v: &AssessmentView,
    notice: Option<Markup>,
    failed: Option<&Failed>,
) -> Response {
    let tr = s.tr;
    let a = &v.summary;
    let err = |form: &str| failed.filter(|f| f.form == form).map(|f| alert("error", &f.message));
    let val = |form: &str, k: &str| {
        failed.filter(|f| f.form == form).map(|f| f.data.get(k).to_owned()).unwrap_or_default()
    };
    let open = |form: &str| failed.is_some_and(|f| f.form == form);
    let action = |part: &str| format!("/programme/assessments/{}/{part}", a.id);
    let write = v.permissions.write;
    let body = html! {
        (super::indicators::programme_tabs(tr, "assessments"))
        p {
            a href="/programme/assessments" { (tr.t("asm-title")) } " · "
            a href=(format!("/programme/countries/{}#assessments", a.country)) { (a.country_name) }
        }
        h1 { (a.title) }
        p.muted {
            (tr.t(&format!("asm-kind-{}", a.kind))) " · " (a.country_name) " " (ltr(&a.country)) " · "
            (tr.t("asm-period")) " " (ltr(&format!("{} – {}", a.period_start, a.period_end))) " · "
            (status_badge(tr, &a.status))
        }
        @if let Some(n) = notice { (n) }
        nav.tabs aria-label=(tr.t("asm-sections")) {
            a href="#status" { (tr.t("asm-history")) }
            a href="#findings" { (tr.t("asm-findings")) }
            a href="#recommendations" { (tr.t("asm-recommendations")) }
            a href="#stakeholders" { (tr.t("asm-stakeholders")) }
        }

        section.card #status {
            h2 { (tr.t("asm-history")) }
            p {
                (field_name(tr, "methods")) ": "
                (v.methods.iter().map(|m| tr.t(&format!("asm-method-{m}"))).collect::<Vec<_>>().join(", "))
            }
            @if let Some(by) = &v.created_by { p.hint { (tr.a("asm-created-by", &[("name", by)])) } }
            ol.timeline #history {
                @for h in &v.history {
                    li {
                        (ltr(&h.on)) " " (status_badge(tr, &h.status))
                        @if !h.note.is_empty() { " " (h.note) }
                        @if let Some(by) = &h.recorded_by { " " span.hint { (tr.a("eng-recorded-by", &[("name", by)])) } }
                    }
                }
            }
            @if let Some(e) = err("status") { (e) }
            @if !v.permissions.next_status.is_empty() {
                form method="post" action=(action("status")) #move-status {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "mv-status", "status", html! {
                            select #mv-status name="status" {
                                @for st in &v.permissions.next_status { option value=(st) { (tr.t(&format!("asm-status-{st}"))) } }
                            }
                        }))
                        (field(tr, "mv-on", "on", html! { input #mv-on name="on" type="date" value=(val("status", "on")); }))
                    }
                    (field(tr, "mv-note", "note", html! { textarea #mv-note name="note" rows="2" maxlength="2000" { (val("status", "note")) } }))
                    button.primary type="submit" { (tr.t("asm-move")) }
                }
            } @else if a.status == "in_progress" && write {
                p.hint { (tr.t("asm-second-eyes")) }
            }
        }

        section.card #findings {
            h2 { (tr.t("asm-findings")) }
            @if v.findings.is_empty() { p.muted { (tr.t("asm-no-findings")) } } @else {
                table #finding-table {
                    thead { tr { th { "#" } th { (field_name(tr, "pillar")) } th { (field_name(tr, "finding")) } } }
                    tbody { @for (i, f) in v.findings.iter().enumerate() {
                        tr { td { (i + 1) } td { (tr.t(&format!("pillar-{}", f.pillar))) } td { (f.finding) } }
                    } }
                }
            }
            @if write {
                details open[open("finding")] {
                    summary { (tr.t("asm-add-finding")) }
                    @if let Some(e) = err("finding") { (e) }
                    form method="post" action=(action("findings")) {
                        (csrf_input(&s.csrf))
                        (field(tr, "fd-pillar", "pillar", html! { select #fd-pillar name="pillar" { (pillar_options(tr, &val("finding", "pillar"))) } }))
                        (field(tr, "fd-finding", "finding", html! { textarea #fd-finding name="finding" rows="3" maxlength="5000" required { (val("finding", "finding")) } }))
                        button.primary type="submit" { (tr.t("asm-add-finding")) }
                    }
                }
            }
        }

        section.card #recommendations {
            h2 { (tr.t("asm-recommendations")) }
            @if v.recommendations.is_empty() { p.muted { (tr.t("asm-no-recommendations")) } } @else {
                table #recommendation-table {
                    thead { tr { th { (field_name(tr, "priority")) } th { (field_name(tr, "pillar")) } th { (field_name(tr, "recommendation")) } } }
                    tbody { @for r in &v.recommendations {
                        tr { td { (r.priority) } td { (tr.t(&format!("pillar-{}", r.pillar))) } td { (r.recommendation) } }
                    } }
                }
            }
            @if write {
                details open[open("recommendation")] {
                    summary { (tr.t("asm-add-recommendation")) }
                    @if let Some(e) = err("recommendation") { (e) }
                    form method="post" action=(action("recommendations")) {
                        (csrf_input(&s.csrf))
                        div.grid {
                            (field(tr, "rc-priority", "priority", html! { input #rc-priority name="priority" type="number" min="1" max="3" required value=(val("recommendation", "priority")); }))
                            (field(tr, "rc-pillar", "pillar", html! { select #rc-pillar name="pillar" { (pillar_options(tr, &val("recommendation", "pillar"))) } }))
                        }
                        (field(tr, "rc-recommendation", "recommendation", html! { textarea #rc-recommendation name="recommendation" rows="3" maxlength="5000" required { (val("recommendation", "recommendation")) } }))
                        button.primary type="submit" { (tr.t("asm-add-recommendation")) }
                    }
                }
            }
        }

        section.card #stakeholders {
            h2 { (tr.t("asm-stakeholders")) }
            p.hint { (tr.t("asm-stakeholders-intro")) }
            @if v.stakeholders.is_empty() { p.muted { (tr.t("asm-no-stakeholders")) } } @else {
                div.diagram { (stakeholder_grid(tr, &as_grid(v))) }
                table #consulted-table {
                    thead { tr {
                        th { "#" } th { (field_name(tr, "name")) } th { (field_name(tr, "institution")) }
                        th { (field_name(tr, "influence")) } th { (field_name(tr, "interest")) }
                        th { (tr.t("asm-current-scores")) } th { (field_name(tr, "note")) }
                    } }
                    tbody { @for (i, k) in v.stakeholders.iter().enumerate() {
                        tr {
                            td { (i + 1) } td { (k.name) } td { (k.institution) }
                            td { (k.influence) } td { (k.interest) }
                            td.hint { @match (k.current_influence, k.current_interest) {
                                (Some(inf), Some(int)) => { (ltr(&format!("{inf} / {int}"))) },
                                _ => { "–" },
                            } }
                            td { (k.note) }
                        }
                    } }
                }
            }
            @if write && !v.not_consulted.is_empty() {
                details open[open("stakeholder")] {
                    summary { (tr.t("asm-add-stakeholder")) }
                    @if let Some(e) = err("stakeholder") { (e) }
                    form method="post" action=(action("stakeholders")) {
                        (csrf_input(&s.csrf))
                        div.grid {
                            (field(tr, "ks-stakeholder", "stakeholder", html! {
                                select #ks-stakeholder name="stakeholder" {
                                    @for c in &v.not_consulted {
                                        option value=(c.id) selected[val("stakeholder", "stakeholder") == c.id.to_string()] {
                                            (c.name) " (" (c.institution) ") " (format!("{} / {}", c.influence, c.interest))
                                        }
                                    }
                                }
                            }))
                            (field(tr, "ks-influence", "influence", html! { input #ks-influence name="influence" type="number" min="1" max="5" required value=(val("stakeholder", "influence")); }))
                            (field(tr, "ks-interest", "interest", html! { input #ks-interest name="interest" type="number" min="1" max="5" required value=(val("stakeholder", "interest")); }))
                        }
                        (field(tr, "ks-note", "note", html! { textarea #ks-note name="note" rows="2" maxlength="2000" { (val("stakeholder", "note")) } }))
                        button.primary type="submit" { (tr.t("asm-add-stakeholder")) }
                    }
                }
            }
        }
    };
    eng_page(s, &format!("/programme/assessments/{}", a.id), &a.title, body)
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(n): Query<Notice>,
) -> Response {
    match state.app.assessment(&s.caller(), id).await {
        Ok(v) => {
            let notice = n.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            assessment_view(&s, &v, notice, None)
        }
        Err(e) => page_error(e, s.tr),
    }
}

async fn after_form(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    form_name: &str,
    anchor: &str,
    data: &FormData,
    result: Result<i64, AppError>,
) -> Response {
    match result {
        Ok(_) => Redirect::to(&format!("/programme/assessments/{id}?done=saved#{anchor}")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.assessment(&s.caller(), id).await {
            Ok(v) => {
                let failed = Failed { form: form_name, message: form_error(s, &e), data };
                with_status(assessment_view(s, &v, None, Some(&failed)), &e)
            }
            Err(other) => page_error(other, s.tr),
        },
    }
}

pub(crate) async fn finding(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = FindingInput { pillar: form.get("pillar").into(), finding: form.get("finding").into() };
    let r = state.app.add_assessment_finding(&s.caller(), id, &input).await;
    after_form(&state, &s, id, "finding", "findings", &form, r).await
}

pub(crate) async fn recommendation(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = RecommendationInput {
        priority: form.get("priority").into(),
        pillar: form.get("pillar").into(),
        recommendation: form.get("recommendation").into(),
    };
    let r = state.app.add_assessment_recommendation(&s.caller(), id, &input).await;
    after_form(&state, &s, id, "recommendation", "recommendations", &form, r).await
}

pub(crate) async fn stakeholder(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = ConsultedInput {
        stakeholder: form.get("stakeholder").into(),
        influence: form.get("influence").into(),
        interest: form.get("interest").into(),
        note: form.get("note").into(),
    };
    let r = state.app.add_assessment_stakeholder(&s.caller(), id, &input).await;
    after_form(&state, &s, id, "stakeholder", "stakeholders", &form, r).await
}

pub(crate) async fn status(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = StatusInput {
        status: form.get("status").into(),
        on: Some(form.get("on").into()),
        note: form.get("note").into(),
    };
    let r = state.app.move_assessment(&s.caller(), id, &input).await;
    after_form(&state, &s, id, "status", "status", &form, r).await
}

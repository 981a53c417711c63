//! Indicators: the list with the latest progress, the programme activities and the
//! disaggregation models, with the forms to create each and the export links (IATI, HXL, CSV);
//! an indicator's page with its reference sheet, a bar chart of actuals against targets and the
//! baseline (SVG drawn on the server), the periods table with progress, how computed values were
//! computed, and the actuals with their workflow forms. Every form posts and redirects.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, PreEscaped};
use praxis_app::indicators::{
    ActualEditInput, ActualInput, ActualView, IndicatorFilter, IndicatorList, IndicatorView, ModelInput,
    NewActivityInput, NewIndicatorInput, PeriodInput, PeriodView, ProgressView, WorkflowInput,
    ACTIVITY_STATUSES, LEVELS, SOURCES,
};
use praxis_app::AppError;

use super::account::form_error;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::FormData;
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

const MEASURES: [&str; 3] = ["count", "percentage", "qualitative"];
const DIRECTIONS: [&str; 2] = ["increase", "decrease"];
const FREQUENCIES: [&str; 4] = ["monthly", "quarterly", "semi_annual", "annual"];

fn ind_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    page(s.tr, &s.actor, &s.csrf, Area::Programme, path, title, body).into_response()
}

fn with_status(mut r: Response, e: &AppError) -> Response {
    *r.status_mut() = status_of(e);
    r
}

/// The programme's own tabs: legislative review, indicators, workplans, trainings, mentoring and
/// the mainstreaming checklist.
pub(crate) fn programme_tabs(tr: Tr, current: &str) -> Markup {
    html! {
        nav.tabs aria-label=(tr.t("nav-programme")) {
            a href="/programme" aria-current=[(current == "overview").then_some("page")] { (tr.t("prog-overview")) }
            a href="/programme/legal" aria-current=[(current == "legal").then_some("page")] { (tr.t("legal-title")) }
            a href="/programme/indicators" aria-current=[(current == "indicators").then_some("page")] { (tr.t("ind-title")) }
            a href="/programme/countries" aria-current=[(current == "countries").then_some("page")] { (tr.t("eng-title")) }
            a href="/programme/assessments" aria-current=[(current == "assessments").then_some("page")] { (tr.t("asm-title")) }
            a href="/programme/workplans" aria-current=[(current == "workplans").then_some("page")] { (tr.t("wp-title")) }
            a href="/programme/trainings" aria-current=[(current == "trainings").then_some("page")] { (tr.t("trn-title")) }
            a href="/programme/mentoring" aria-current=[(current == "mentoring").then_some("page")] { (tr.t("trn-mentoring")) }
            a href="/programme/mainstreaming" aria-current=[(current == "mainstreaming").then_some("page")] { (tr.t("wp-mainstreaming")) }
            a href="/programme/toc" aria-current=[(current == "toc").then_some("page")] { (tr.t("toc-title")) }
        }
    }
}

fn progress_text(p: &Option<ProgressView>) -> Markup {
    match p {
        Some(p) => html! {
            (ltr(&format!("{:.0} %", p.share * 100.0)))
            @if p.met { " " span.badge.status-validated { "✓" } }
        },
        None => html! { "–" },
    }
}

fn status_badge(tr: Tr, status: &str) -> Markup {
    html! { span class=(format!("badge wf-{status}")) { (tr.t(&format!("ind-status-{status}"))) } }
}

fn opt_ltr(v: &Option<String>) -> Markup {
    match v {
        Some(v) => ltr(v),
        None => html! { "–" },
    }
}

fn exports(tr: Tr) -> Markup {
    html! {
        section.card #exports {
            h2 { (tr.t("ind-exports")) }
            ul {
                li { a href="/programme/exports/iati" { (tr.t("ind-export-iati")) } " — " span.hint { (tr.t("ind-export-iati-hint")) } }
                li { a href="/programme/exports/hxl" { (tr.t("ind-export-hxl")) } " — " span.hint { (tr.t("ind-export-hxl-hint")) } }
                li { a href="/programme/exports/indicators" { (tr.t("ind-export-csv")) } }
            }
        }
    }
}

fn select(tr: Tr, id: &str, name: &str, options: &[&str], key: &str, current: &str) -> Markup {
    html! {
        select id=(id) name=(name) {
            @for o in options { option value=(o) selected[current == *o] { (tr.t(&format!("{key}-{o}"))) } }
        }
    }
}

fn field(tr: Tr, id: &str, label: &str, input: Markup, hint: Option<&str>) -> Markup {
    html! {
        div.field {
            label for=(id) { (tr.t(label)) }
            (input)
            @if let Some(h) = hint { p.hint { (tr.t(h)) } }
        }
    }
}

// ---------------------------------------------------------------- the list

fn list_view(
    s: &SignedIn,
    l: &IndicatorList,
    notice: Option<&str>,
    error: Option<&str>,
    form: Option<&FormData>,
    (country, tag): (&str, &str),
) -> Response {
    let tr = s.tr;
    let v = |k: &str| form.map(|f| f.get(k).to_owned()).unwrap_or_default();
    let body = html! {
        (programme_tabs(tr, "indicators"))
        h1 { (tr.t("ind-title")) }
        p.muted { (tr.t("ind-intro")) }
        @if let Some(msg) = notice { (alert("notice", msg)) }
        @if let Some(msg) = error { (alert("error", msg)) }
        section.card {
            h2 { (tr.t("ind-indicators")) }
            (filters(tr, country, tag))
            @if l.indicators.is_empty() { p.muted { (tr.t("ind-none")) } } @else {
                table #indicators {
                    thead { tr {
                        th { (tr.t("ind-code")) } th { (tr.t("field-title")) } th { (tr.t("field-country")) }
                        th { (tr.t("ind-source")) } th { (tr.t("ind-period")) } th { (tr.t("ind-target")) }
                        th { (tr.t("ind-actual")) } th { (tr.t("ind-progress")) } th { (tr.t("ind-waiting")) }
                    } }
                    tbody { @for i in &l.indicators {
                        tr {
                            td { a href=(format!("/programme/indicators/{}", i.id)) { (ltr(&i.code)) } }
                            td { (i.title) }
                            td { @match &i.country_name { Some(n) => { (n) " " (opt_ltr(&i.country)) }, None => (tr.t("ind-regional")) } }
                            td { (tr.t(&format!("ind-source-{}", i.source))) }
                            td { (opt_ltr(&i.latest_period)) }
                            td { (opt_ltr(&i.latest_target)) }
                            td { (opt_ltr(&i.latest_actual)) }
                            td { (progress_text(&i.latest_progress)) }
                            td { (i.submitted) }
                        }
                    } }
                }
            }
        }
        (exports(tr))
        section.card #activities {
            h2 { (tr.t("ind-activities")) }
            @if l.activities.is_empty() { p.muted { (tr.t("ind-no-activities")) } } @else {
                table {
                    thead { tr {
                        th { (tr.t("ind-identifier")) } th { (tr.t("field-title")) } th { (tr.t("field-country")) }
                        th { (tr.t("ind-dates")) } th { (tr.t("field-status")) } th { (tr.t("ind-budget")) } th { (tr.t("ind-indicators")) }
                    } }
                    tbody { @for a in &l.activities {
                        tr {
                            td { (ltr(&a.identifier)) }
                            td {
                                (a.title)
                                @for o in &a.from_needs {
                                    br; span.hint { a href=(format!("/programme/missions/{}#need-{}", o.mission_id, o.need_id)) { (tr.a("mission-from-need", &[("mission", &o.mission_title)])) } }
                                }
                            }
                            td { @match &a.country_name { Some(n) => { (n) }, None => (tr.t("ind-regional")) } }
                            td { (ltr(&format!("{} – {}", a.start_on, a.end_on.clone().unwrap_or_default()))) }
                            td { (tr.t(&format!("ind-activity-{}", a.status))) }
                            td { @if let (Some(b), Some(c)) = (&a.budget, &a.currency) { (ltr(&format!("{b} {c}"))) } @else { "–" } }
                            td { (a.indicators) }
                        }
                    } }
                }
            }
        }
        section.card #models {
            h2 { (tr.t("ind-models")) }
            p.hint { (tr.t("ind-models-explain")) }
            @if l.models.is_empty() { p.muted { (tr.t("ind-no-models")) } }
            @for m in &l.models {
                article.provision id=(format!("model-{}", m.id)) {
                    h3 { (m.name) " " span.badge { (tr.a("ind-model-version", &[("version", &m.version.to_string())])) } }
                    ul { @for d in &m.dimensions { li { (tr.t(&format!("ind-dimension-{}", d.dimension))) ": " (ltr(&d.categories.join(", "))) } } }
                    p.muted { (tr.a("ind-stored-values", &[("count", &m.stored_values.to_string())])) }
                    @if m.may_replace {
                        form method="post" action=(format!("/programme/models/{}", m.id)) {
                            (csrf_input(&s.csrf))
                            (field(tr, &format!("spec-{}", m.id), "ind-spec",
                                html! { textarea id=(format!("spec-{}", m.id)) name="spec" rows="3" dir="ltr" { (m.spec) } }, None))
                            button type="submit" { (tr.t("ind-model-replace")) }
                        }
                    } @else if m.stored_values > 0 {
                        p.hint { (tr.t("ind-model-locked")) }
                    }
                }
            }
        }
        @if l.may_create {
            section.card #new-indicator {
                h2 { (tr.t("ind-new")) }
                form method="post" action="/programme/indicators" {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "code", "ind-code", html! { input #code name="code" type="text" dir="ltr" required maxlength="40" value=(v("code")) placeholder="PK-3.1.1"; }, None))
                        (field(tr, "country", "field-country", html! { input #country name="country" type="text" dir="ltr" size="4" maxlength="2" value=(v("country")) placeholder="PK"; }, Some("ind-country-hint")))
                        (field(tr, "level", "ind-level", select(tr, "level", "level", &LEVELS, "ind-level", &v("level")), None))
                        (field(tr, "source", "ind-source", select(tr, "source", "source", &SOURCES, "ind-source", &v("source")), Some("ind-source-hint")))
                    }
                    (field(tr, "title", "field-title", html! { input #title name="title" type="text" required maxlength="300" value=(v("title")); }, None))
                    (field(tr, "definition", "ind-definition", html! { textarea #definition name="definition" rows="2" { (v("definition")) } }, None))
                    div.grid {
                        (field(tr, "measure", "ind-measure", select(tr, "measure", "measure", &MEASURES, "ind-measure", &v("measure")), None))
                        (field(tr, "unit", "ind-unit", html! { input #unit name="unit" type="text" maxlength="60" value=(v("unit")); }, None))
                        (field(tr, "direction", "ind-direction", select(tr, "direction", "direction", &DIRECTIONS, "ind-direction", &v("direction")), None))
                        (field(tr, "frequency", "ind-frequency", select(tr, "frequency", "frequency", &FREQUENCIES, "ind-frequency", &v("frequency")), None))
                    }
                    (field(tr, "means_of_verification", "ind-verification", html! { input #means_of_verification name="means_of_verification" type="text" maxlength="2000" value=(v("means_of_verification")); }, None))
                    div.grid {
                        (field(tr, "owner", "ind-owner", html! { input #owner name="owner" type="text" maxlength="200" value=(v("owner")); }, None))
                        (field(tr, "tags", "ind-tags", html! { input #tags name="tags" type="text" dir="ltr" value=(v("tags")) placeholder="capacity_building gender_human_rights"; }, Some("ind-tags-hint")))
                        (field(tr, "baseline_on", "ind-baseline-on", html! { input #baseline_on name="baseline_on" type="date" required value=(v("baseline_on")); }, None))
                        (field(tr, "baseline", "ind-baseline", html! { input #baseline name="baseline" type="text" dir="ltr" value=(v("baseline")); }, None))
                    }
                    div.grid {
                        (field(tr, "activity", "ind-activity", html! {
                            select #activity name="activity" {
                                option value="" { "–" }
                                @for a in &l.activities { option value=(a.id) selected[v("activity") == a.id.to_string()] { (a.identifier) } }
                            }
                        }, None))
                        (field(tr, "model", "ind-model", html! {
                            select #model name="model" {
                                option value="" { "–" }
                                @for m in &l.models { option value=(m.id) selected[v("model") == m.id.to_string()] { (m.name) " v" (m.version) } }
                            }
                        }, None))
                    }
                    button.primary type="submit" { (tr.t("ind-create")) }
                }
            }
            section.card #new-activity {
                h2 { (tr.t("ind-new-activity")) }
                form method="post" action="/programme/activities" {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "a-reporting_org", "ind-reporting-org", html! { input #a-reporting_org name="reporting_org" type="text" dir="ltr" required maxlength="60" placeholder="XM-DAC-00000"; }, None))
                        (field(tr, "a-identifier", "ind-identifier", html! { input #a-identifier name="identifier" type="text" dir="ltr" required maxlength="120"; }, Some("ind-identifier-hint")))
                        (field(tr, "a-country", "field-country", html! { input #a-country name="country" type="text" dir="ltr" size="4" maxlength="2"; }, Some("ind-country-hint")))
                        (field(tr, "a-status", "field-status", select(tr, "a-status", "status", &ACTIVITY_STATUSES, "ind-activity", "implementation"), None))
                    }
                    (field(tr, "a-title", "field-title", html! { input #a-title name="title" type="text" required maxlength="200"; }, None))
                    (field(tr, "a-description", "ind-description", html! { textarea #a-description name="description" rows="2" required {} }, None))
                    div.grid {
                        (field(tr, "a-start_on", "ind-start", html! { input #a-start_on name="start_on" type="date" required; }, None))
                        (field(tr, "a-end_on", "ind-end", html! { input #a-end_on name="end_on" type="date"; }, None))
                        (field(tr, "a-budget", "ind-budget", html! { input #a-budget name="budget" type="text" dir="ltr" inputmode="decimal"; }, None))
                        (field(tr, "a-currency", "ind-currency", html! { input #a-currency name="currency" type="text" dir="ltr" size="4" maxlength="3" placeholder="USD"; }, None))
                    }
                    (field(tr, "a-tags", "ind-tags", html! { input #a-tags name="tags" type="text" dir="ltr"; }, Some("ind-tags-hint")))
                    button.primary type="submit" { (tr.t("ind-create-activity")) }
                }
            }
            section.card #new-model {
                h2 { (tr.t("ind-new-model")) }
                form method="post" action="/programme/models" {
                    (csrf_input(&s.csrf))
                    (field(tr, "m-name", "ind-model-name", html! { input #m-name name="name" type="text" required maxlength="80"; }, Some("ind-model-name-hint")))
                    (field(tr, "m-spec", "ind-spec", html! { textarea #m-spec name="spec" rows="3" dir="ltr" required { "sex: female male unknown\nage_band: 0-17 18-59 60+" } }, Some("ind-spec-hint")))
                    button.primary type="submit" { (tr.t("ind-create-model")) }
                }
            }
        }
    };
    ind_page(s, "/programme/indicators", &tr.t("ind-title"), body)
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct DoneQuery {
    done: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    done: Option<String>,
    #[serde(default)]
    country: String,
    #[serde(default)]
    tag: String,
}

const TAGS: [&str; 10] = [
    "strategy_policy",
    "legislative_review",
    "capacity_building",
    "cooperation",
    "protection",
    "gender_human_rights",
    "going_local",
    "conflict",
    "innovation_technology",
    "sustainability",
];

/// The filters of the list, in the URL (shareable).
fn filters(tr: Tr, country: &str, tag: &str) -> Markup {
    html! {
        form.filters method="get" action="/programme/indicators" {
            div.field {
                label for="f-country" { (tr.t("field-country")) }
                input #f-country name="country" type="text" dir="ltr" size="8" value=(country) placeholder="PK, regional";
            }
            div.field {
                label for="f-tag" { (tr.t("ind-tags")) }
                select #f-tag name="tag" {
                    option value="" { (tr.t("ind-all")) }
                    @for t in TAGS { option value=(t) selected[tag == t] { (tr.t(&tag_key(t))) } }
                }
            }
            button type="submit" { (tr.t("ind-filter")) }
        }
    }
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let filter = IndicatorFilter { country: Some(q.country.clone()), tag: Some(q.tag.clone()) };
    let shown = (q.country.as_str(), q.tag.as_str());
    match state.app.indicators(&s.caller(), &filter).await {
        Ok(l) => {
            let notice = q.done.as_deref().map(|k| s.tr.t(&format!("done-{k}")));
            list_view(&s, &l, notice.as_deref(), None, None, shown)
        }
        Err(e @ AppError::Invalid(_)) => {
            match state.app.indicators(&s.caller(), &IndicatorFilter::default()).await {
                Ok(l) => with_status(list_view(&s, &l, None, Some(&form_error(&s, &e)), None, shown), &e),
                Err(e) => page_error(e, s.tr),
            }
        }
        Err(e) => page_error(e, s.tr),
    }
}

async fn list_error(state: &AppState, s: &SignedIn, e: AppError, form: &FormData) -> Response {
    if matches!(e, AppError::Denied(_) | AppError::NotFound(_)) {
        return page_error(e, s.tr);
    }
    match state.app.indicators(&s.caller(), &IndicatorFilter::default()).await {
        Ok(l) => with_status(list_view(s, &l, None, Some(&form_error(s, &e)), Some(form), ("", "")), &e),
        Err(e) => page_error(e, s.tr),
    }
}

fn opt(form: &FormData, k: &str) -> Option<String> {
    Some(form.get(k).trim().to_owned()).filter(|v| !v.is_empty())
}

fn opt_id(form: &FormData, k: &str) -> Option<i64> {
    form.get(k).trim().parse().ok()
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewIndicatorInput {
        code: form.get("code").into(),
        title: form.get("title").into(),
        definition: form.get("definition").into(),
        unit: form.get("unit").into(),
        measure: form.get("measure").into(),
        direction: form.get("direction").into(),
        means_of_verification: form.get("means_of_verification").into(),
        frequency: form.get("frequency").into(),
        owner: form.get("owner").into(),
        tags: form.get("tags").into(),
        country: opt(&form, "country"),
        activity: opt_id(&form, "activity"),
        level: opt(&form, "level"),
        source: opt(&form, "source"),
        model: opt_id(&form, "model"),
        baseline_on: form.get("baseline_on").into(),
        baseline: opt(&form, "baseline"),
    };
    match state.app.create_indicator(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/indicators/{id}?done=created")).into_response(),
        Err(e) => list_error(&state, &s, e, &form).await,
    }
}

pub(crate) async fn create_activity(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewActivityInput {
        identifier: form.get("identifier").into(),
        reporting_org: form.get("reporting_org").into(),
        title: form.get("title").into(),
        description: form.get("description").into(),
        country: opt(&form, "country"),
        start_on: form.get("start_on").into(),
        end_on: opt(&form, "end_on"),
        status: opt(&form, "status"),
        budget: opt(&form, "budget"),
        currency: opt(&form, "currency"),
        tags: form.get("tags").into(),
        plan: super::workplans::plan_of(&form),
    };
    if input.plan.workplan.is_some() {
        return super::workplans::create_activity(&state, &s, &input).await;
    }
    match state.app.create_programme_activity(&s.caller(), &input).await {
        Ok(_) => Redirect::to("/programme/indicators?done=created#activities").into_response(),
        Err(e) => list_error(&state, &s, e, &FormData(vec![])).await,
    }
}

pub(crate) async fn create_model(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = ModelInput { name: form.get("name").into(), spec: form.get("spec").into() };
    match state.app.create_disaggregation_model(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/indicators?done=created#model-{id}")).into_response(),
        Err(e) => list_error(&state, &s, e, &FormData(vec![])).await,
    }
}

pub(crate) async fn replace_model(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = ModelInput { name: String::new(), spec: form.get("spec").into() };
    match state.app.replace_disaggregation_model(&s.caller(), id, &input).await {
        Ok(()) => Redirect::to(&format!("/programme/indicators?done=saved#model-{id}")).into_response(),
        Err(e) => list_error(&state, &s, e, &FormData(vec![])).await,
    }
}

// ---------------------------------------------------------------- the chart

/// Bars of the actual per period against the target (a mark) and the baseline (a dashed line),
/// each with its value written, so colour is never the only cue.
pub(crate) fn chart(tr: Tr, v: &IndicatorView) -> Option<String> {
    let num = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<f64>().ok());
    let points: Vec<(&PeriodView, Option<f64>, Option<f64>)> =
        v.periods.iter().map(|p| (p, num(&p.actual), num(&p.target))).collect();
    let baseline = num(&v.baseline);
    let max = points.iter().flat_map(|(_, a, t)| [*a, *t]).chain([baseline]).flatten().fold(0.0f64, f64::max);
    if points.is_empty() || max <= 0.0 {
        return None;
    }
    let esc =
        |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let (bar_w, gap, h, top, left) = (64.0, 56.0, 180.0, 24.0, 12.0);
    let width = left * 2.0 + points.len() as f64 * (bar_w + gap);
    let height = top + h + 40.0;
    let y = |val: f64| top + h - (val / max) * h;
    let rtl = tr.locale.dir() == "rtl";
    let title = esc(&tr.a("ind-chart-title", &[("code", &v.summary.code)]));
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="ic-title-{id}"><title id="ic-title-{id}">{title}</title>"#,
        id = v.summary.id
    );
    svg.push_str(&format!(
        r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#1b2430" stroke-width="1"/>"##,
        top + h,
        width - left,
        top + h
    ));
    if let Some(b) = baseline {
        svg.push_str(&format!(
            r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#555" stroke-dasharray="4 3"><title>{}</title></line><text x="{:.1}" y="{:.1}" font-size="11" fill="#555" direction="ltr" text-anchor="{}">{}</text>"##,
            y(b),
            width - left,
            y(b),
            esc(&format!("{}: {}", tr.t("ind-baseline"), v.baseline.clone().unwrap_or_default())),
            if rtl { width - left } else { left },
            // Above the line, or at the top when the baseline sits on the axis.
            if b > 0.0 { y(b) - 3.0 } else { top - 8.0 },
            if rtl { "end" } else { "start" },
            esc(&format!("{} {}", tr.t("ind-baseline"), v.baseline.clone().unwrap_or_default()))
        ));
    }
    for (i, (p, a, t)) in points.iter().enumerate() {
        // Time runs towards the inline end: mirrored for right-to-left pages.
        let slot = left + gap / 2.0 + i as f64 * (bar_w + gap);
        let x = if rtl { width - slot - bar_w } else { slot };
        if let Some(a) = a {
            let fill = if p.progress.as_ref().is_some_and(|pr| pr.met) { "#2e7d4f" } else { "#1d4e6b" };
            svg.push_str(&format!(
                r##"<rect x="{x:.1}" y="{:.1}" width="{bar_w}" height="{:.1}" fill="{fill}"><title>{}</title></rect><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#1b2430" direction="ltr">{}</text>"##,
                y(*a),
                (top + h - y(*a)).max(0.5),
                esc(&format!("{}: {}", tr.t("ind-actual"), p.actual.clone().unwrap_or_default())),
                x + bar_w / 2.0,
                y(*a) - 4.0,
                esc(&p.actual.clone().unwrap_or_default())
            ));
        }
        if let Some(t) = t {
            svg.push_str(&format!(
                r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#b3541e" stroke-width="3"><title>{}</title></line><text x="{:.1}" y="{:.1}" font-size="11" fill="#b3541e" direction="ltr" text-anchor="{}">{}</text>"##,
                x - 6.0,
                y(*t),
                x + bar_w + 6.0,
                y(*t),
                esc(&format!("{}: {}", tr.t("ind-target"), p.target.clone().unwrap_or_default())),
                if rtl { x - 2.0 } else { x + bar_w + 2.0 },
                y(*t) - 3.0,
                if rtl { "end" } else { "start" },
                esc(&format!("▸{}", p.target.clone().unwrap_or_default()))
            ));
        }
        svg.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#1b2430" direction="ltr">{}</text><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#1b2430" direction="ltr">{}</text>"##,
            x + bar_w / 2.0,
            top + h + 15.0,
            esc(&p.start_on),
            x + bar_w / 2.0,
            top + h + 29.0,
            esc(&format!("– {}", p.last_day))
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

// ---------------------------------------------------------------- an indicator

fn actual_block(s: &SignedIn, v: &IndicatorView, a: &ActualView) -> Markup {
    let tr = s.tr;
    let id = v.summary.id;
    let base = format!("/programme/indicators/{id}/actuals/{}", a.id);
    html! {
        tr id=(format!("actual-{}", a.id)) {
            td { @if a.categories.is_empty() { (tr.t("ind-total")) } @else { (categories(tr, &a.categories)) } }
            td { (opt_ltr(&a.value)) }
            td { (status_badge(tr, &a.status))
                @if let Some(r) = &a.returned_because { br; span.warn { (tr.t("ind-returned-because")) ": " (r) } } }
            td { (a.comment) }
            td {
                @if !a.history.is_empty() {
                    details {
                        summary { (tr.a("ind-steps", &[("count", &a.history.len().to_string())])) }
                        ol { @for st in &a.history {
                            li { (ltr(&st.on)) " " (tr.t(&format!("ind-action-{}", st.action))) " · " (st.by.clone().unwrap_or_default())
                                @if !st.note.is_empty() { " — " (st.note) } }
                        } }
                    }
                }
            }
            td {
                @if a.may_edit {
                    form.inline-form method="post" action=(base.clone()) {
                        (csrf_input(&s.csrf))
                        label for=(format!("v-{}", a.id)) { (tr.t("ind-value")) }
                        input id=(format!("v-{}", a.id)) name="value" type="text" dir="ltr" size="6" value=(a.value.clone().unwrap_or_default());
                        label for=(format!("c-{}", a.id)) { (tr.t("ind-comment")) }
                        input id=(format!("c-{}", a.id)) name="comment" type="text" value=(a.comment);
                        button type="submit" { (tr.t("ind-save")) }
                    }
                }
                @if a.may_submit {
                    form.inline-form method="post" action=(format!("{base}/workflow")) {
                        (csrf_input(&s.csrf))
                        input type="hidden" name="action" value="submit";
                        button type="submit" { (tr.t("ind-action-submit")) }
                    }
                }
                @if a.may_approve {
                    form.inline-form method="post" action=(format!("{base}/workflow")) {
                        (csrf_input(&s.csrf))
                        input type="hidden" name="action" value="approve";
                        button.primary type="submit" { (tr.t("ind-action-approve")) }
                    }
                }
                @if a.may_return {
                    form.inline-form method="post" action=(format!("{base}/workflow")) {
                        (csrf_input(&s.csrf))
                        input type="hidden" name="action" value="return";
                        label for=(format!("r-{}", a.id)) { (tr.t("ind-reason")) }
                        input id=(format!("r-{}", a.id)) name="note" type="text" required;
                        button type="submit" { (tr.t("ind-action-return")) }
                    }
                }
                @if a.status == "submitted" && !a.may_approve && v.permissions.write {
                    p.hint { (tr.t("ind-no-self-approval")) }
                }
            }
        }
    }
}

fn indicator_view(s: &SignedIn, v: &IndicatorView, notice: Option<Markup>) -> Response {
    let tr = s.tr;
    let id = v.summary.id;
    let path = format!("/programme/indicators/{id}");
    let computed = v.summary.source != "entered";
    let body = html! {
        @if let Some(n) = notice { (n) }
        (programme_tabs(tr, "indicators"))
        header.case-head {
            p.muted {
                a href="/programme/indicators" { (tr.t("ind-title")) } " · "
                @match &v.summary.country_name { Some(n) => { (n) " " (opt_ltr(&v.summary.country)) }, None => (tr.t("ind-regional")) }
                " · " (v.summary.owner_org_name)
            }
            h1 { (ltr(&v.summary.code)) " " (v.summary.title) }
            p {
                span.badge { (tr.t(&format!("ind-level-{}", v.summary.level))) } " "
                span.badge { (tr.t(&format!("ind-source-{}", v.summary.source))) } " "
                @for t in &v.summary.tags { span.badge { (tr.t(&tag_key(t))) } " " }
            }
            p { a href=(format!("{path}/csv")) { (tr.t("ind-export-actuals")) } }
        }
        section.card #sheet {
            h2 { (tr.t("ind-sheet")) }
            dl.answer {
                dt { (tr.t("ind-definition")) } dd { (v.definition) }
                dt { (tr.t("ind-measure")) } dd { (tr.t(&format!("ind-measure-{}", v.summary.measure))) @if !v.summary.unit.is_empty() { " (" (v.summary.unit) ")" } }
                dt { (tr.t("ind-direction")) } dd { (tr.t(&format!("ind-direction-{}", v.summary.direction))) }
                dt { (tr.t("ind-verification")) } dd { (v.means_of_verification) }
                dt { (tr.t("ind-frequency")) } dd { (tr.t(&format!("ind-frequency-{}", v.frequency))) }
                dt { (tr.t("ind-owner")) } dd { (v.owner) }
                dt { (tr.t("ind-baseline")) } dd { (opt_ltr(&v.baseline)) " · " (ltr(&v.baseline_on)) }
                @if let Some(a) = &v.activity { dt { (tr.t("ind-activity")) } dd { (ltr(&a.identifier)) " " (a.title) } }
                @if let Some(m) = &v.model {
                    dt { (tr.t("ind-model")) }
                    dd { (m.name) " " (tr.a("ind-model-version", &[("version", &m.version.to_string())])) ": "
                        @for d in &m.dimensions { (tr.t(&format!("ind-dimension-{}", d.dimension))) " (" (ltr(&d.categories.join(", "))) ") " } }
                }
            }
            @if computed { p.hint { (tr.t(&format!("ind-how-{}", v.summary.source))) } }
        }
        @if let Some(svg) = chart(tr, v) {
            section.card #chart {
                h2 { (tr.t("ind-chart")) }
                div.diagram { (PreEscaped(svg)) }
                p.hint { (tr.t("ind-chart-legend")) }
            }
        }
        section.card #periods {
            h2 { (tr.t("ind-periods")) }
            @if v.periods.is_empty() { p.muted { (tr.t("ind-no-periods")) } } @else {
                table {
                    thead { tr {
                        th { (tr.t("ind-period")) } th { (tr.t("ind-baseline")) } th { (tr.t("ind-target")) }
                        th { (tr.t("ind-actual")) } th { (tr.t("ind-progress")) }
                    } }
                    tbody { @for p in &v.periods {
                        tr {
                            td { (ltr(&format!("{} – {}", p.start_on, p.last_day))) }
                            td { (opt_ltr(&v.baseline)) }
                            td { (opt_ltr(&p.target)) @if !p.target_comment.is_empty() { br; span.hint { (p.target_comment) } } }
                            td {
                                (opt_ltr(&p.actual))
                                @if let Some(c) = &p.computed {
                                    br; span.hint {
                                        @match c.denominator {
                                            Some(d) => (tr.a(match v.summary.source.as_str() {
                                                "women_trained_share" => "trn-computed-share",
                                                "activities_outside_capital_share" => "wp-computed-share",
                                                _ => "ind-computed-share",
                                            }, &[("num", &c.numerator.to_string()), ("den", &d.to_string())])),
                                            None => (tr.a("ind-computed-count", &[("num", &c.numerator.to_string())])),
                                        }
                                        @if c.partial { " · " (tr.t("ind-so-far")) }
                                    }
                                }
                            }
                            td { (progress_text(&p.progress)) @if let Some(pp) = &p.progress_problem { br; span.warn { (pp) } } }
                        }
                    } }
                }
            }
            @if v.permissions.write {
                details {
                    summary { (tr.t("ind-add-period")) }
                    form method="post" action=(format!("{path}/periods")) {
                        (csrf_input(&s.csrf))
                        div.grid {
                            (field(tr, "p-start", "ind-start", html! { input #p-start name="start_on" type="date" required; }, None))
                            (field(tr, "p-end", "ind-end-exclusive", html! { input #p-end name="end_on" type="date" required; }, Some("ind-end-exclusive-hint")))
                            (field(tr, "p-target", "ind-target", html! { input #p-target name="target" type="text" dir="ltr"; }, None))
                            (field(tr, "p-comment", "ind-comment", html! { input #p-comment name="comment" type="text"; }, None))
                        }
                        button.primary type="submit" { (tr.t("ind-add-period")) }
                    }
                }
            }
        }
        @if !computed {
            section.card #actuals {
                h2 { (tr.t("ind-actuals")) }
                p.hint { (tr.t("ind-workflow-explain")) }
                @for p in &v.periods {
                    h3 { (ltr(&format!("{} – {}", p.start_on, p.last_day))) }
                    @if p.actuals.is_empty() { p.muted { (tr.t("ind-no-actuals")) } } @else {
                        table {
                            thead { tr {
                                th { (tr.t("ind-categories")) } th { (tr.t("ind-value")) } th { (tr.t("field-status")) }
                                th { (tr.t("ind-comment")) } th { (tr.t("ind-history")) } th {}
                            } }
                            tbody { @for a in &p.actuals { (actual_block(s, v, a)) } }
                        }
                    }
                }
                @if v.permissions.write && !v.periods.is_empty() {
                    details open[v.periods.iter().all(|p| p.actuals.is_empty())] {
                        summary { (tr.t("ind-enter-actual")) }
                        form method="post" action=(format!("{path}/actuals")) {
                            (csrf_input(&s.csrf))
                            div.grid {
                                (field(tr, "n-period", "ind-period", html! {
                                    select #n-period name="period" {
                                        @for p in &v.periods { option value=(p.id) { (p.start_on) " – " (p.last_day) } }
                                    }
                                }, None))
                                (field(tr, "n-categories", "ind-categories", html! {
                                    select #n-categories name="categories" {
                                        option value="" { (tr.t("ind-total")) }
                                        @if let Some(m) = &v.model {
                                            @for d in &m.dimensions { @for c in &d.categories {
                                                option value=(format!("{}={c}", d.dimension)) { (tr.t(&format!("ind-dimension-{}", d.dimension))) ": " (c) }
                                            } }
                                        }
                                    }
                                }, None))
                                (field(tr, "n-value", "ind-value", html! { input #n-value name="value" type="text" dir="ltr"; }, None))
                                (field(tr, "n-comment", "ind-comment", html! { input #n-comment name="comment" type="text"; }, None))
                            }
                            button.primary type="submit" { (tr.t("ind-enter-actual")) }
                        }
                    }
                }
            }
        }
    };
    ind_page(s, &path, &format!("{} {}", v.summary.code, v.summary.title), body)
}

/// `sex=female age_band=18-59` as "Sex: female · Age band: 18-59", the codes left-to-right.
fn categories(tr: Tr, key: &str) -> Markup {
    html! {
        @for (i, pair) in key.split_whitespace().enumerate() {
            @if i > 0 { " · " }
            @match pair.split_once('=') {
                Some((d, c)) => { (tr.t(&format!("ind-dimension-{d}"))) ": " (ltr(c)) },
                None => (ltr(pair)),
            }
        }
    }
}

fn tag_key(code: &str) -> String {
    const PILLARS: [&str; 5] =
        ["strategy_policy", "legislative_review", "capacity_building", "cooperation", "protection"];
    if PILLARS.contains(&code) {
        format!("pillar-{code}")
    } else {
        format!("theme-{code}")
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> Response {
    match state.app.indicator(&s.caller(), id).await {
        Ok(v) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            indicator_view(&s, &v, notice)
        }
        Err(e) => page_error(e, s.tr),
    }
}

async fn indicator_error(state: &AppState, s: &SignedIn, id: i64, e: AppError) -> Response {
    if matches!(e, AppError::Denied(_) | AppError::NotFound(_)) {
        return page_error(e, s.tr);
    }
    match state.app.indicator(&s.caller(), id).await {
        Ok(v) => with_status(indicator_view(s, &v, Some(alert("error", &form_error(s, &e)))), &e),
        Err(e) => page_error(e, s.tr),
    }
}

fn saved(id: i64, anchor: &str) -> Response {
    Redirect::to(&format!("/programme/indicators/{id}?done=saved{anchor}")).into_response()
}

pub(crate) async fn add_period(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = PeriodInput {
        start_on: form.get("start_on").into(),
        end_on: form.get("end_on").into(),
        target: opt(&form, "target"),
        comment: form.get("comment").into(),
    };
    match state.app.add_indicator_period(&s.caller(), id, &input).await {
        Ok(_) => saved(id, "#periods"),
        Err(e) => indicator_error(&state, &s, id, e).await,
    }
}

pub(crate) async fn add_actual(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = ActualInput {
        period: opt_id(&form, "period").unwrap_or(0),
        categories: form.get("categories").into(),
        value: opt(&form, "value"),
        comment: form.get("comment").into(),
    };
    match state.app.add_indicator_actual(&s.caller(), id, &input).await {
        Ok(a) => saved(id, &format!("#actual-{a}")),
        Err(e) => indicator_error(&state, &s, id, e).await,
    }
}

pub(crate) async fn edit_actual(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, actual)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let input = ActualEditInput { value: opt(&form, "value"), comment: form.get("comment").into() };
    match state.app.edit_indicator_actual(&s.caller(), id, actual, &input).await {
        Ok(()) => saved(id, &format!("#actual-{actual}")),
        Err(e) => indicator_error(&state, &s, id, e).await,
    }
}

pub(crate) async fn workflow(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, actual)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let input = WorkflowInput { action: form.get("action").into(), note: form.get("note").into() };
    match state.app.move_indicator_actual(&s.caller(), id, actual, &input).await {
        Ok(_) => saved(id, &format!("#actual-{actual}")),
        Err(e) => indicator_error(&state, &s, id, e).await,
    }
}

pub(crate) async fn csv(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    match state.app.indicator_actuals_csv(&s.caller(), id).await {
        Ok((name, bytes)) => crate::api::csv_response(&name, bytes),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn export_iati(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.indicators_iati(&s.caller()).await {
        Ok((name, bytes)) => crate::api::xml_response(&name, bytes),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn export_hxl(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.indicators_hxl(&s.caller()).await {
        Ok((name, bytes)) => crate::api::csv_response(&name, bytes),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn export_csv(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.indicators_csv(&s.caller()).await {
        Ok((name, bytes)) => crate::api::csv_response(&name, bytes),
        Err(e) => page_error(e, s.tr),
    }
}

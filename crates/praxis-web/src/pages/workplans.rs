//! Workplans: the list with budgets and the Gantt view (grouped by output or pillar, in the
//! URL), a workplan's page with its Gantt, activities and the form to add one, an activity's page
//! with its location, trainings and the gender and human-rights checklist, and the checklist
//! editor. Every form posts and redirects.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, PreEscaped};
use praxis_app::indicators::{ActivityView, NewActivityInput, ACTIVITY_STATUSES};
use praxis_app::workplans::{
    today_text, ActivityDetail, ChecklistAnswerInput, ChecklistAnswersInput, ChecklistInput, LocationInput,
    MoneyView, NewWorkplanInput, WorkplanList, WorkplanSummary, WorkplanView, ANSWERS,
};
use praxis_app::AppError;

use super::gantt_svg::{gantt, status_style, GroupBy};
use super::indicators::programme_tabs;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of, user_message};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

pub(crate) fn wp_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    page(s.tr, &s.actor, &s.csrf, Area::Programme, path, title, body).into_response()
}

pub(crate) fn with_status(mut r: Response, e: &AppError) -> Response {
    *r.status_mut() = status_of(e);
    r
}

/// The message of a refused form, naming the field in the reader's language.
pub(crate) fn wp_error(s: &SignedIn, e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => {
            let key = format!("wp-field-{}", v.field);
            let name = s.tr.t(&key);
            let name = if name == key { v.field.to_owned() } else { name };
            s.tr.a("error-field", &[("field", &name), ("message", &v.message)])
        }
        AppError::ImportRefused(rows) => {
            format!(
                "{} {}",
                user_message(e, s.tr),
                rows.iter().take(30).cloned().collect::<Vec<_>>().join(" | ")
            )
        }
        other => user_message(other, s.tr),
    }
}

pub(crate) fn field(tr: Tr, id: &str, label: &str, input: Markup, hint: Option<&str>) -> Markup {
    html! {
        div.field {
            label for=(id) { (tr.t(label)) }
            (input)
            @if let Some(h) = hint { p.hint { (tr.t(h)) } }
        }
    }
}

fn money(m: &[MoneyView]) -> Markup {
    if m.is_empty() {
        return html! { "–" };
    }
    html! { @for (i, v) in m.iter().enumerate() { @if i > 0 { "; " } (ltr(&format!("{} {}", v.amount, v.currency))) } }
}

fn country_cell(tr: Tr, name: &Option<String>) -> Markup {
    match name {
        Some(n) => html! { (n) },
        None => html! { (tr.t("ind-regional")) },
    }
}

/// The legend of the Gantt view: each status's colour and letter.
fn legend(tr: Tr) -> Markup {
    html! {
        p.legend {
            @for st in ACTIVITY_STATUSES {
                @let (colour, letter) = status_style(st);
                span.legend-item {
                    svg width="12" height="12" aria-hidden="true" { rect width="12" height="12" rx="2" fill=(colour) {} }
                    " " b { (letter) } " " (tr.t(&format!("ind-activity-{st}"))) " "
                }
            }
            span.legend-item { "⚠ " (tr.t("wp-conflict-affected")) " " }
            span.legend-item { span style="color:#cf222e" { "┆ " } (tr.t("wp-today-line")) }
        }
    }
}

fn gantt_block(tr: Tr, acts: &[ActivityView], group: GroupBy, base: &str) -> Markup {
    html! {
        section.card #gantt {
            h2 { (tr.t("wp-gantt")) }
            p {
                (tr.t("wp-group-by")) " "
                @for g in [GroupBy::Output, GroupBy::Pillar] {
                    @if g == group { b { (tr.t(&format!("wp-group-{}", g.code()))) } } @else {
                        a href=(format!("{base}group={}", g.code())) { (tr.t(&format!("wp-group-{}", g.code()))) }
                    }
                    " "
                }
            }
            @match gantt(tr, acts, group, &today_text()) {
                Some(svg) => { div.chart { (PreEscaped(svg)) } (legend(tr)) },
                None => p.muted { (tr.t("wp-no-activities")) },
            }
        }
    }
}

fn location_text(tr: Tr, a: &ActivityView) -> Markup {
    html! {
        @if !a.place.is_empty() { (a.place) }
        @if let Some(n) = &a.area_name { @if !a.place.is_empty() { ", " } (n) " " (ltr(a.area.as_deref().unwrap_or(""))) }
        @match a.capital {
            Some(true) => { " " span.badge { (tr.t("wp-capital")) } },
            Some(false) => { " " span.badge { (tr.t("wp-outside-capital")) } },
            None => {},
        }
        @if a.conflict_affected { " " span.badge.status-error { "⚠ " (tr.t("wp-conflict-affected")) } }
    }
}

fn activities_table(tr: Tr, acts: &[ActivityView]) -> Markup {
    html! {
        table #activities {
            thead { tr {
                th { (tr.t("ind-identifier")) } th { (tr.t("field-title")) } th { (tr.t("wp-output")) }
                th { (tr.t("ind-tags")) } th { (tr.t("wp-responsible")) } th { (tr.t("ind-dates")) }
                th { (tr.t("field-status")) } th { (tr.t("ind-budget")) } th { (tr.t("wp-location")) }
            } }
            tbody { @for a in acts {
                tr {
                    td { a href=(format!("/programme/activities/{}", a.id)) { (ltr(&a.identifier)) } }
                    td { (a.title) }
                    td { (ltr(&a.output)) }
                    td { @for (i, t) in a.tags.iter().enumerate() { @if i > 0 { ", " } (tr.t(&tag_key(t))) } }
                    td { (a.responsible_org) }
                    td { (ltr(&format!("{} – {}", a.start_on, a.end_on.clone().unwrap_or_default()))) }
                    td { @let (_, letter) = status_style(&a.status); b { (letter) } " " (tr.t(&format!("ind-activity-{}", a.status))) }
                    td { @if let (Some(b), Some(c)) = (&a.budget, &a.currency) { (ltr(&format!("{b} {c}"))) } @else { "–" } }
                    td { (location_text(tr, a)) }
                }
            } }
        }
    }
}

fn tag_key(code: &str) -> String {
    if super::gantt_svg::PILLARS.contains(&code) {
        format!("pillar-{code}")
    } else {
        format!("theme-{code}")
    }
}

// ---------------------------------------------------------------- the list

#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    done: Option<String>,
    #[serde(default)]
    country: String,
    #[serde(default)]
    group: String,
}

fn summary_row(tr: Tr, w: &WorkplanSummary) -> Markup {
    html! {
        tr {
            td { a href=(format!("/programme/workplans/{}", w.id)) { (w.title) } }
            td { (country_cell(tr, &w.country_name)) }
            td { (ltr(&format!("{} – {}", w.start_on, w.last_day))) }
            td { (w.activities) }
            td { (money(&w.budget)) }
            td { (money(&w.budget_outside_capital)) }
            td { (money(&w.budget_in_conflict_areas)) }
        }
    }
}

fn summary_head(tr: Tr) -> Markup {
    html! {
        thead { tr {
            th { (tr.t("field-title")) } th { (tr.t("field-country")) } th { (tr.t("wp-period")) }
            th { (tr.t("wp-activities")) } th { (tr.t("ind-budget")) } th { (tr.t("wp-budget-outside")) }
            th { (tr.t("wp-budget-conflict")) }
        } }
    }
}

fn list_view(s: &SignedIn, l: &WorkplanList, q: &ListQuery, msg: Option<Markup>) -> Response {
    let tr = s.tr;
    let group = GroupBy::parse(&q.group);
    let base = format!("/programme/workplans?country={}&", q.country);
    let body = html! {
        (programme_tabs(tr, "workplans"))
        h1 { (tr.t("wp-title")) }
        p.muted { (tr.t("wp-intro")) }
        @if let Some(m) = msg { (m) }
        section.card {
            h2 { (tr.t("wp-workplans")) }
            form.filters method="get" action="/programme/workplans" {
                div.field {
                    label for="f-country" { (tr.t("field-country")) }
                    input #f-country name="country" type="text" dir="ltr" size="8" value=(q.country) placeholder="PK, regional";
                }
                input type="hidden" name="group" value=(group.code());
                button type="submit" { (tr.t("ind-filter")) }
            }
            @if l.workplans.is_empty() { p.muted { (tr.t("wp-none")) } } @else {
                table #workplans { (summary_head(tr)) tbody { @for w in &l.workplans { (summary_row(tr, w)) } } }
            }
        }
        (gantt_block(tr, &l.activities, group, &base))
        @if l.may_create {
            section.card #new-workplan {
                h2 { (tr.t("wp-new")) }
                form method="post" action="/programme/workplans" {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "w-country", "field-country", html! { input #w-country name="country" type="text" dir="ltr" size="4" maxlength="2" placeholder="PK"; }, Some("wp-country-hint")))
                        (field(tr, "w-start_on", "ind-start", html! { input #w-start_on name="start_on" type="date" required; }, None))
                        (field(tr, "w-end_on", "wp-end-exclusive", html! { input #w-end_on name="end_on" type="date" required; }, Some("wp-end-exclusive-hint")))
                    }
                    (field(tr, "w-title", "field-title", html! { input #w-title name="title" type="text" required maxlength="200"; }, None))
                    button.primary type="submit" { (tr.t("wp-create")) }
                }
            }
        }
    };
    wp_page(s, "/programme/workplans", &tr.t("wp-title"), body)
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    match state.app.workplans(&s.caller(), Some(&q.country)).await {
        Ok(l) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            list_view(&s, &l, &q, notice)
        }
        Err(e @ AppError::Invalid(_)) => match state.app.workplans(&s.caller(), None).await {
            Ok(l) => with_status(list_view(&s, &l, &q, Some(alert("error", &wp_error(&s, &e)))), &e),
            Err(e) => page_error(e, s.tr),
        },
        Err(e) => page_error(e, s.tr),
    }
}

fn opt(form: &FormData, k: &str) -> Option<String> {
    Some(form.get(k).trim().to_owned()).filter(|v| !v.is_empty())
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewWorkplanInput {
        country: opt(&form, "country"),
        title: form.get("title").into(),
        start_on: form.get("start_on").into(),
        end_on: form.get("end_on").into(),
    };
    match state.app.create_workplan(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/workplans/{id}?done=created")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.workplans(&s.caller(), None).await {
            Ok(l) => with_status(
                list_view(&s, &l, &ListQuery::default(), Some(alert("error", &wp_error(&s, &e)))),
                &e,
            ),
            Err(e) => page_error(e, s.tr),
        },
    }
}

// ---------------------------------------------------------------- one workplan

fn workplan_view(s: &SignedIn, v: &WorkplanView, group: GroupBy, msg: Option<Markup>) -> Response {
    let tr = s.tr;
    let w = &v.summary;
    let body = html! {
        (programme_tabs(tr, "workplans"))
        p { a href="/programme/workplans" { "← " (tr.t("wp-title")) } }
        h1 { (w.title) }
        p.muted {
            (country_cell(tr, &w.country_name)) " · " (ltr(&format!("{} – {}", w.start_on, w.last_day)))
            " · " (w.owner_org_name)
        }
        @if let Some(m) = msg { (m) }
        section.card {
            table { (summary_head(tr)) tbody { (summary_row(tr, w)) } }
            p.hint { (tr.t("wp-budget-explain")) }
        }
        (gantt_block(tr, &v.activities, group, &format!("/programme/workplans/{}?", w.id)))
        section.card {
            h2 { (tr.t("wp-activities")) }
            @if v.activities.is_empty() { p.muted { (tr.t("wp-no-activities")) } } @else { (activities_table(tr, &v.activities)) }
        }
        @if v.may_write {
            section.card #new-activity {
                h2 { (tr.t("wp-new-activity")) }
                form method="post" action="/programme/activities" {
                    (csrf_input(&s.csrf))
                    input type="hidden" name="workplan" value=(w.id);
                    div.grid {
                        (field(tr, "a-reporting_org", "ind-reporting-org", html! { input #a-reporting_org name="reporting_org" type="text" dir="ltr" required maxlength="60" placeholder="XM-DAC-00000"; }, None))
                        (field(tr, "a-identifier", "ind-identifier", html! { input #a-identifier name="identifier" type="text" dir="ltr" required maxlength="120"; }, Some("ind-identifier-hint")))
                        (field(tr, "a-country", "field-country", html! { input #a-country name="country" type="text" dir="ltr" size="4" maxlength="2" value=(w.country.clone().unwrap_or_default()); }, Some("ind-country-hint")))
                        (field(tr, "a-status", "field-status", html! {
                            select #a-status name="status" { @for st in ACTIVITY_STATUSES { option value=(st) selected[st == "pipeline"] { (tr.t(&format!("ind-activity-{st}"))) } } }
                        }, None))
                    }
                    (field(tr, "a-title", "field-title", html! { input #a-title name="title" type="text" required maxlength="200"; }, None))
                    (field(tr, "a-description", "ind-description", html! { textarea #a-description name="description" rows="2" required {} }, None))
                    div.grid {
                        (field(tr, "a-output", "wp-output", html! { input #a-output name="output" type="text" dir="ltr" maxlength="64" placeholder="O3.1"; }, Some("wp-output-hint")))
                        (field(tr, "a-responsible_org", "wp-responsible", html! { input #a-responsible_org name="responsible_org" type="text" maxlength="200"; }, None))
                        (field(tr, "a-tags", "ind-tags", html! { input #a-tags name="tags" type="text" dir="ltr"; }, Some("ind-tags-hint")))
                    }
                    div.grid {
                        (field(tr, "a-start_on", "ind-start", html! { input #a-start_on name="start_on" type="date" required; }, None))
                        (field(tr, "a-end_on", "wp-last-day", html! { input #a-end_on name="end_on" type="date"; }, None))
                        (field(tr, "a-budget", "ind-budget", html! { input #a-budget name="budget" type="text" dir="ltr" inputmode="decimal"; }, None))
                        (field(tr, "a-currency", "ind-currency", html! { input #a-currency name="currency" type="text" dir="ltr" size="4" maxlength="3" placeholder="USD"; }, None))
                    }
                    div.grid {
                        (field(tr, "a-area", "wp-area", html! { input #a-area name="area" type="text" dir="ltr" size="8" maxlength="6" placeholder="PK-KP"; }, Some("wp-area-hint")))
                        (field(tr, "a-place", "wp-place", html! { input #a-place name="place" type="text" maxlength="200"; }, None))
                        (field(tr, "a-capital", "wp-capital-q", html! {
                            select #a-capital name="capital" {
                                option value="" { "–" }
                                option value="yes" { (tr.t("wp-capital")) }
                                option value="no" { (tr.t("wp-outside-capital")) }
                            }
                        }, None))
                        div.field { label { input type="checkbox" name="conflict_affected" value="yes"; " " (tr.t("wp-conflict-affected")) } }
                    }
                    button.primary type="submit" { (tr.t("ind-create-activity")) }
                }
            }
        }
    };
    wp_page(s, &format!("/programme/workplans/{}", w.id), &w.title, body)
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ShowQuery {
    done: Option<String>,
    #[serde(default)]
    group: String,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Response {
    match state.app.workplan(&s.caller(), id).await {
        Ok(v) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            workplan_view(&s, &v, GroupBy::parse(&q.group), notice)
        }
        Err(e) => page_error(e, s.tr),
    }
}

/// The workplan part of the activity form.
pub(crate) fn plan_of(form: &FormData) -> LocationInput {
    LocationInput {
        workplan: form.get("workplan").trim().parse().ok(),
        output: form.get("output").into(),
        responsible_org: form.get("responsible_org").into(),
        area: opt(form, "area"),
        place: form.get("place").into(),
        capital: match form.get("capital") {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        conflict_affected: form.checked("conflict_affected"),
    }
}

/// An activity added from a workplan's page: back to the workplan (or its page with the error).
pub(crate) async fn create_activity(state: &AppState, s: &SignedIn, input: &NewActivityInput) -> Response {
    let Some(wid) = input.plan.workplan else { return page_error(AppError::NotFound("workplan"), s.tr) };
    match state.app.create_programme_activity(&s.caller(), input).await {
        Ok(_) => Redirect::to(&format!("/programme/workplans/{wid}?done=created#activities")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.workplan(&s.caller(), wid).await {
            Ok(v) => {
                with_status(workplan_view(s, &v, GroupBy::Output, Some(alert("error", &wp_error(s, &e)))), &e)
            }
            Err(e2) => with_status(page_error(e2, s.tr), &e),
        },
    }
}

// ---------------------------------------------------------------- an activity

fn activity_view(s: &SignedIn, d: &ActivityDetail, msg: Option<Markup>) -> Response {
    let tr = s.tr;
    let a = &d.activity;
    let body = html! {
        (programme_tabs(tr, "workplans"))
        @if let Some(w) = &d.workplan {
            p { a href=(format!("/programme/workplans/{}", w.id)) { "← " (w.title) } }
        }
        h1 { (a.title) " " span.muted { (ltr(&a.identifier)) } }
        @if let Some(m) = msg { (m) }
        section.card {
            dl.facts {
                dt { (tr.t("field-country")) } dd { (country_cell(tr, &a.country_name)) }
                dt { (tr.t("wp-output")) } dd { (ltr(if a.output.is_empty() { "–" } else { &a.output })) }
                dt { (tr.t("ind-tags")) } dd { @for (i, t) in a.tags.iter().enumerate() { @if i > 0 { ", " } (tr.t(&tag_key(t))) } }
                dt { (tr.t("wp-responsible")) } dd { (a.responsible_org) " " span.muted { "(" (a.owner_org_name) ")" } }
                dt { (tr.t("ind-dates")) } dd { (ltr(&format!("{} – {}", a.start_on, a.end_on.clone().unwrap_or_default()))) }
                dt { (tr.t("field-status")) } dd { @let (_, l) = status_style(&a.status); b { (l) } " " (tr.t(&format!("ind-activity-{}", a.status))) }
                dt { (tr.t("ind-budget")) } dd { @if let (Some(b), Some(c)) = (&a.budget, &a.currency) { (ltr(&format!("{b} {c}"))) } @else { "–" } }
                dt { (tr.t("wp-location")) } dd { (location_text(tr, a)) }
            }
            p { (a.description) }
        }
        section.card #trainings {
            h2 { (tr.t("trn-title")) }
            @if d.trainings.is_empty() { p.muted { (tr.t("trn-none")) } } @else {
                ul { @for t in &d.trainings {
                    li {
                        a href=(format!("/programme/trainings/{}", t.id)) { (t.title) } " "
                        (ltr(&format!("{} – {}", t.start_on, t.last_day))) " · "
                        (tr.a("trn-people-women", &[("count", &t.participants.total.to_string()), ("female", &t.participants.female.to_string())]))
                    }
                } }
            }
        }
        section.card #checklist {
            h2 { (tr.t("wp-checklist")) }
            p.hint { (tr.t("wp-checklist-explain")) }
            @if d.checklist.is_empty() { p.muted { (tr.t("wp-checklist-none")) } }
            @for c in &d.checklist {
                h3 { (tr.a("wp-checklist-version", &[("version", &c.version.to_string())])) @if !c.current { " " span.badge { (tr.t("wp-checklist-older")) } } }
                @if c.current && d.may_write {
                    form method="post" action=(format!("/programme/activities/{}/checklist", a.id)) {
                        (csrf_input(&s.csrf))
                        input type="hidden" name="version" value=(c.version);
                        table {
                            thead { tr { th { "#" } th { (tr.t("wp-question")) } th { (tr.t("wp-answer")) } th { (tr.t("wp-note")) } } }
                            tbody { @for q in &c.questions {
                                tr {
                                    td { (q.number) } td { (q.question) }
                                    td { select name=(format!("answer-{}", q.number)) aria-label=(tr.t("wp-answer")) {
                                        option value="" { "–" }
                                        @for ans in ANSWERS { option value=(ans) selected[q.answer.as_deref() == Some(ans)] { (tr.t(&format!("wp-answer-{ans}"))) } }
                                    } }
                                    td { input type="text" name=(format!("note-{}", q.number)) value=(q.note) maxlength="2000" aria-label=(tr.t("wp-note")); }
                                }
                            } }
                        }
                        button.primary type="submit" { (tr.t("wp-save-answers")) }
                    }
                } @else {
                    table {
                        thead { tr { th { "#" } th { (tr.t("wp-question")) } th { (tr.t("wp-answer")) } th { (tr.t("wp-note")) } th { (tr.t("wp-answered-by")) } } }
                        tbody { @for q in &c.questions {
                            tr {
                                td { (q.number) } td { (q.question) }
                                td { @match &q.answer { Some(ans) => (tr.t(&format!("wp-answer-{ans}"))), None => "–" } }
                                td { (q.note) }
                                td { (q.answered_by.clone().unwrap_or_default()) " " @if let Some(t) = q.answered_at { span.muted { (fmt_time(t)) } } }
                            }
                        } }
                    }
                }
            }
        }
    };
    wp_page(s, &format!("/programme/activities/{}", a.id), &a.title, body)
}

pub(crate) async fn activity(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Response {
    match state.app.programme_activity(&s.caller(), id).await {
        Ok(d) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            activity_view(&s, &d, notice)
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn answer(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let mut answers = Vec::new();
    for (k, v) in form.0.iter() {
        if let Some(n) = k.strip_prefix("answer-").and_then(|n| n.parse::<u32>().ok()) {
            if !v.trim().is_empty() {
                answers.push(ChecklistAnswerInput {
                    question: n,
                    answer: v.clone(),
                    note: form.get(&format!("note-{n}")).into(),
                });
            }
        }
    }
    let input = ChecklistAnswersInput { version: form.get("version").trim().parse().unwrap_or(0), answers };
    match state.app.answer_mainstreaming(&s.caller(), id, &input).await {
        Ok(_) => Redirect::to(&format!("/programme/activities/{id}?done=saved#checklist")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.programme_activity(&s.caller(), id).await {
            Ok(d) => with_status(activity_view(&s, &d, Some(alert("error", &wp_error(&s, &e)))), &e),
            Err(e) => page_error(e, s.tr),
        },
    }
}

// ---------------------------------------------------------------- the checklist editor

fn mainstreaming_view(
    s: &SignedIn,
    v: &praxis_app::workplans::MainstreamingView,
    msg: Option<Markup>,
) -> Response {
    let tr = s.tr;
    let current = v.versions.first();
    let body = html! {
        (programme_tabs(tr, "mainstreaming"))
        h1 { (tr.t("wp-mainstreaming")) }
        p.muted { (tr.t("wp-mainstreaming-intro")) }
        @if let Some(m) = msg { (m) }
        @if v.may_edit {
            section.card #edit {
                h2 { (tr.t("wp-checklist-edit")) }
                form method="post" action="/programme/mainstreaming" {
                    (csrf_input(&s.csrf))
                    (field(tr, "questions", "wp-questions", html! {
                        textarea #questions name="questions" rows="10" required { (current.map(|c| c.questions.join("\n")).unwrap_or_default()) }
                    }, Some("wp-questions-hint")))
                    button.primary type="submit" { (tr.t("wp-publish")) }
                }
            }
        }
        @if v.versions.is_empty() { p.muted { (tr.t("wp-checklist-none")) } }
        @for c in &v.versions {
            section.card id=(format!("v{}", c.version)) {
                h2 { (tr.a("wp-checklist-version", &[("version", &c.version.to_string())])) }
                p.muted { (c.created_by.clone().unwrap_or_default()) " " (fmt_time(c.created_at)) }
                ol { @for q in &c.questions { li { (q) } } }
            }
        }
    };
    wp_page(s, "/programme/mainstreaming", &tr.t("wp-mainstreaming"), body)
}

pub(crate) async fn mainstreaming(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ShowQuery>,
) -> Response {
    match state.app.mainstreaming(&s.caller()).await {
        Ok(v) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            mainstreaming_view(&s, &v, notice)
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn publish(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = ChecklistInput { questions: form.get("questions").into() };
    match state.app.publish_mainstreaming(&s.caller(), &input).await {
        Ok(_) => Redirect::to("/programme/mainstreaming?done=saved").into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.mainstreaming(&s.caller()).await {
            Ok(v) => with_status(mainstreaming_view(&s, &v, Some(alert("error", &wp_error(&s, &e)))), &e),
            Err(e) => page_error(e, s.tr),
        },
    }
}

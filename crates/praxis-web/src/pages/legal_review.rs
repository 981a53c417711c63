//! The legislative review: the list of reviews and the form to start one; a review provision by
//! provision, grouped by section, treaty obligations and guidance visibly apart, with the score;
//! one section at a time with an answer form per provision; a provision's history; and the
//! regional harmonisation matrix, coloured by answer with a letter in every cell (colour is never
//! the only cue) and the changes between two dates marked. Every form posts and redirects.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::legal_review::{
    AnswerInput, AnswerView, MatrixQuery, MatrixView, NewReviewInput, ProvisionHistory, ProvisionView,
    ReviewSummary, ReviewView, StatusInput, TallyView, STATUSES,
};
use praxis_app::AppError;

use super::account::form_error;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

const ANSWERS: [&str; 5] = ["compliant", "partially_compliant", "not_compliant", "not_applicable", "unknown"];

fn legal_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    page(s.tr, &s.actor, &s.csrf, Area::Programme, path, title, body).into_response()
}

fn with_status(mut r: Response, e: &AppError) -> Response {
    *r.status_mut() = status_of(e);
    r
}

/// A provision's text in the reader's language, or the catalogue's English.
fn ptext(tr: Tr, key: &str, field: &str, english: &str) -> String {
    let id = format!("{key}-{field}");
    let t = tr.t(&id);
    if t == id {
        english.to_owned()
    } else {
        t
    }
}

fn percent(x: Option<f64>) -> String {
    x.map(|x| format!("{:.0} %", x * 100.0)).unwrap_or_else(|| "–".into())
}

/// An answer as a coloured badge that also carries its letter and its name.
fn answer_badge(tr: Tr, answer: Option<&str>) -> Markup {
    let code = answer.unwrap_or("none");
    html! {
        span class=(format!("ans ans-{code}")) title=(answer.map(|a| tr.t(&format!("answer-{a}"))).unwrap_or_else(|| tr.t("legal-no-answer"))) {
            (tr.t(&format!("legal-code-{code}")))
        }
    }
}

fn answer_label(tr: Tr, answer: &str) -> Markup {
    html! { (answer_badge(tr, Some(answer))) " " (tr.t(&format!("answer-{answer}"))) }
}

fn legend(tr: Tr, with_changes: bool) -> Markup {
    html! {
        section.legend aria-labelledby="legend-title" {
            h2 #legend-title { (tr.t("legal-legend")) }
            ul.legend {
                @for a in ANSWERS { li { (answer_label(tr, a)) } }
                li { (answer_badge(tr, None)) " " (tr.t("legal-no-answer")) }
                @if with_changes {
                    @for c in ["new", "improved", "regressed", "changed"] {
                        li { span class=(format!("chg chg-{c}")) { (change_mark(c)) } " " (tr.t(&format!("legal-change-{c}"))) }
                    }
                }
                li { span.badge.kind-guidance { (tr.t("legal-guidance-badge")) } " " (tr.t("legal-guidance")) }
            }
        }
    }
}

fn change_mark(change: &str) -> &'static str {
    match change {
        "new" => "+",
        "improved" => "↑",
        "regressed" => "↓",
        "changed" => "~",
        _ => "",
    }
}

fn status_label(tr: Tr, status: &str) -> Markup {
    html! { span class=(format!("badge status-{status}")) { (tr.t(&format!("legal-status-{status}"))) } }
}

// ---------------------------------------------------------------- the list

fn reviews_table(tr: Tr, reviews: &[ReviewSummary]) -> Markup {
    html! {
        table #reviews {
            thead { tr {
                th { (tr.t("field-country")) } th { (tr.t("field-title")) } th { (tr.t("field-status")) }
                th { (tr.t("field-organisation")) } th { (tr.t("legal-answered")) }
                th { abbr title=(tr.t("legal-score-explain")) { (tr.t("legal-score")) } } th { (tr.t("legal-updated")) }
            } }
            tbody { @for r in reviews {
                tr {
                    td { (r.country_name) " " (ltr(&r.country)) }
                    td { a href=(format!("/programme/legal/{}", r.id)) { (r.title) } }
                    td { (status_label(tr, &r.status)) }
                    td { (r.owner_org_name) }
                    td { (ltr(&format!("{} / {}", r.answered, r.provisions))) }
                    td { (ltr(&percent(r.score))) }
                    td { (fmt_time(r.updated_at)) }
                }
            } }
        }
    }
}

fn list_view(
    s: &SignedIn,
    reviews: &[ReviewSummary],
    may_create: bool,
    error: Option<&str>,
    form: Option<&FormData>,
) -> Response {
    let tr = s.tr;
    let v = |k: &str| form.map(|f| f.get(k).to_owned()).unwrap_or_default();
    legal_page(
        s,
        "/programme/legal",
        &tr.t("legal-title"),
        html! {
            (super::indicators::programme_tabs(tr, "legal"))
            h1 { (tr.t("legal-title")) }
            p.muted { (tr.t("legal-intro")) }
            @if let Some(msg) = error { (alert("error", msg)) }
            p { a.button href="/programme/legal/matrix" { (tr.t("legal-matrix")) } }
            section.card {
                h2 { (tr.t("legal-reviews")) }
                @if reviews.is_empty() { p.muted { (tr.t("legal-none")) } } @else { (reviews_table(tr, reviews)) }
            }
            @if may_create {
                section.card {
                    h2 { (tr.t("legal-start")) }
                    form method="post" action="/programme/legal" {
                        (csrf_input(&s.csrf))
                        div.field {
                            label for="country" { (tr.t("field-country")) }
                            input #country name="country" type="text" dir="ltr" size="4" required maxlength="2" value=(v("country")) placeholder="PK";
                            p.hint { (tr.t("legal-country-hint")) }
                        }
                        div.field {
                            label for="title" { (tr.t("field-title")) }
                            input #title name="title" type="text" required maxlength="200" value=(v("title"));
                        }
                        div.field {
                            label for="status" { (tr.t("field-status")) }
                            select #status name="status" {
                                @for st in STATUSES { option value=(st) selected[v("status") == st] { (tr.t(&format!("legal-status-{st}"))) } }
                            }
                        }
                        button.primary type="submit" { (tr.t("legal-start")) }
                    }
                }
            }
        },
    )
}

pub(crate) async fn index(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.legal_reviews(&s.caller()).await {
        Ok(reviews) => list_view(&s, &reviews, state.app.may_create_legal_review(&s.caller()), None, None),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewReviewInput {
        country: form.get("country").into(),
        title: form.get("title").into(),
        status: Some(form.get("status").into()),
        checklist_version: None,
    };
    match state.app.create_legal_review(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/legal/{id}?done=created")).into_response(),
        Err(e @ AppError::Denied(_)) => page_error(e, s.tr),
        Err(e) => {
            let reviews = state.app.legal_reviews(&s.caller()).await.unwrap_or_default();
            let msg = form_error(&s, &e);
            let may = state.app.may_create_legal_review(&s.caller());
            with_status(list_view(&s, &reviews, may, Some(&msg), Some(&form)), &e)
        }
    }
}

// ---------------------------------------------------------------- a review

#[derive(serde::Deserialize, Default)]
pub(crate) struct ReviewQuery {
    done: Option<String>,
    /// Show one section, with an answer form per provision.
    section: Option<String>,
}

fn tally_row(label: &str, t: &TallyView) -> Markup {
    html! {
        tr {
            th scope="row" { (label) }
            td { (t.compliant) } td { (t.partially_compliant) } td { (t.not_compliant) }
            td { (t.not_applicable) } td { (t.unknown) } td { (t.unanswered) }
            td { strong { (ltr(&percent(t.score))) } } td { (ltr(&percent(t.coverage))) }
        }
    }
}

fn score_card(tr: Tr, v: &ReviewView) -> Markup {
    html! {
        section.card #score {
            h2 { (tr.t("legal-score")) }
            p.hint { (tr.t("legal-score-explain")) }
            table.figures-wide {
                thead { tr {
                    th {}
                    @for a in ANSWERS { th { (answer_label(tr, a)) } }
                    th { (tr.t("legal-unanswered")) } th { (tr.t("legal-score")) } th { (tr.t("legal-coverage")) }
                } }
                tbody {
                    (tally_row(&tr.t("legal-obligations"), &v.score.obligations))
                    (tally_row(&tr.t("legal-mandatory"), &v.score.mandatory))
                    (tally_row(&tr.t("legal-guidance"), &v.score.guidance))
                }
            }
        }
    }
}

fn current_answer(tr: Tr, a: &AnswerView) -> Markup {
    html! {
        dl.answer {
            dt { (tr.t("legal-current")) }
            dd { (answer_label(tr, &a.answer)) " · " (ltr(&a.assessed_on)) @if let Some(by) = &a.answered_by { " · " (tr.a("legal-by", &[("name", by)])) } }
            @if !a.citation.is_empty() {
                dt { (tr.t("field-citation")) }
                dd { @if a.link.is_empty() { (a.citation) } @else { a href=(a.link) rel="noopener noreferrer" { (a.citation) } } }
            }
            @if !a.gap_note.is_empty() { dt { (tr.t("field-gap_note")) } dd { (a.gap_note) } }
            @if !a.recommendation.is_empty() { dt { (tr.t("field-recommendation")) } dd { (a.recommendation) } }
            @if !a.stakeholders.is_empty() { dt { (tr.t("field-stakeholders")) } dd { (a.stakeholders.join("; ")) } }
        }
    }
}

fn answer_form(s: &SignedIn, review: i64, p: &ProvisionView, back: &str) -> Markup {
    let tr = s.tr;
    let cur = p.current.as_ref();
    let id = |f: &str| format!("{}-{f}", p.id);
    html! {
        form.answer method="post" action=(format!("/programme/legal/{review}/answers")) {
            (csrf_input(&s.csrf))
            input type="hidden" name="provision" value=(p.id);
            input type="hidden" name="back" value=(back);
            div.grid {
                div.field {
                    label for=(id("answer")) { (tr.t("field-answer")) }
                    select id=(id("answer")) name="answer" {
                        @for a in ANSWERS { option value=(a) selected[cur.map(|c| c.answer.as_str()) == Some(a)] { (tr.t(&format!("answer-{a}"))) } }
                    }
                }
                div.field {
                    label for=(id("assessed_on")) { (tr.t("field-assessed_on")) }
                    input id=(id("assessed_on")) name="assessed_on" type="date";
                    p.hint { (tr.t("legal-assessed-on-hint")) }
                }
                div.field {
                    label for=(id("citation")) { (tr.t("field-citation")) }
                    input id=(id("citation")) name="citation" type="text" maxlength="500" value=(cur.map(|c| c.citation.as_str()).unwrap_or(""));
                }
                div.field {
                    label for=(id("link")) { (tr.t("field-link")) }
                    input id=(id("link")) name="link" type="url" dir="ltr" maxlength="1000" value=(cur.map(|c| c.link.as_str()).unwrap_or(""));
                }
            }
            div.field {
                label for=(id("gap_note")) { (tr.t("field-gap_note")) }
                textarea id=(id("gap_note")) name="gap_note" rows="2" maxlength="5000" { (cur.map(|c| c.gap_note.as_str()).unwrap_or("")) }
            }
            div.field {
                label for=(id("recommendation")) { (tr.t("field-recommendation")) }
                textarea id=(id("recommendation")) name="recommendation" rows="2" maxlength="5000" { (cur.map(|c| c.recommendation.as_str()).unwrap_or("")) }
            }
            div.field {
                label for=(id("stakeholders")) { (tr.t("field-stakeholders")) }
                textarea id=(id("stakeholders")) name="stakeholders" rows="2" maxlength="2000" { (cur.map(|c| c.stakeholders.join("\n")).unwrap_or_default()) }
                p.hint { (tr.t("legal-stakeholders-hint")) }
            }
            button.primary type="submit" { (tr.t("legal-record")) }
        }
    }
}

fn provision_block(s: &SignedIn, review: &ReviewView, p: &ProvisionView, with_form: bool) -> Markup {
    let tr = s.tr;
    let rid = review.review.id;
    html! {
        article.provision id=(format!("provision-{}", p.id)) {
            h4 {
                (ltr(&p.id)) " " (ptext(tr, &p.key, "title", &p.title))
                @if p.kind == "guidance" { " " span.badge.kind-guidance { (tr.t("legal-guidance-badge")) } }
            }
            p.muted {
                (ltr(&p.citation)) " · " (tr.t("legal-level")) " " (ltr(&p.level))
                @if p.unverified { " · " span.warn { (tr.t("legal-unverified")) } }
            }
            p { (ptext(tr, &p.key, "question", &p.question)) }
            details {
                summary { (tr.t("legal-what-to-check")) }
                p { (ptext(tr, &p.key, "checks", &p.checks)) }
                @if !p.refs.is_empty() { p.hint { (tr.t("legal-related")) ": " (p.refs.join("; ")) } }
            }
            @match &p.current {
                Some(a) => (current_answer(tr, a)),
                None => p { (answer_badge(tr, None)) " " span.muted { (tr.t("legal-no-answer")) } },
            }
            p {
                a href=(format!("/programme/legal/{rid}/provisions/{}", p.id)) { (tr.a("legal-history-count", &[("count", &p.answers.to_string())])) }
                @if review.permissions.write && !with_form {
                    " · " a href=(format!("/programme/legal/{rid}?section={}#provision-{}", p.section, p.id)) { (tr.t("legal-answer")) }
                }
            }
            @if with_form && review.permissions.write {
                details open[p.current.is_none()] {
                    summary { (tr.t("legal-answer")) }
                    (answer_form(s, rid, p, &format!("/programme/legal/{rid}?section={}#provision-{}", p.section, p.id)))
                }
            }
        }
    }
}

fn review_view(s: &SignedIn, v: &ReviewView, section: Option<&str>, notice: Option<Markup>) -> Response {
    let tr = s.tr;
    let rid = v.review.id;
    let path = format!("/programme/legal/{rid}");
    legal_page(
        s,
        &path,
        &v.review.title,
        html! {
            @if let Some(n) = notice { (n) }
            header.case-head {
                p.muted {
                    a href="/programme/legal" { (tr.t("legal-title")) } " · "
                    (v.review.country_name) " " (ltr(&v.review.country)) " · " (v.review.owner_org_name)
                }
                h1 { (v.review.title) }
                p {
                    (status_label(tr, &v.review.status)) " "
                    span.badge { (tr.a("legal-checklist", &[("version", &v.review.checklist_version.to_string())])) } " "
                    (ltr(&format!("{} / {}", v.review.answered, v.review.provisions))) " " (tr.t("legal-answered"))
                }
                p {
                    a href=(format!("/programme/legal/{rid}/csv")) { (tr.t("legal-export-csv")) } " · "
                    a href="/programme/legal/matrix" { (tr.t("legal-matrix")) }
                }
                nav.tabs aria-label=(tr.t("legal-sections")) {
                    a href=(path) aria-current=[section.is_none().then_some("page")] { (tr.t("legal-all-sections")) }
                    @for sec in &v.sections {
                        a href=(format!("{path}?section={}", sec.section)) aria-current=[(section == Some(sec.section.as_str())).then_some("page")] {
                            (tr.t(&format!("checklist-section-{}", sec.section)))
                        }
                    }
                }
            }
            @if section.is_none() { (score_card(tr, v)) }
            @if v.permissions.write && section.is_none() {
                section.card {
                    form.inline-form method="post" action=(format!("/programme/legal/{rid}/status")) {
                        (csrf_input(&s.csrf))
                        label for="new-status" { (tr.t("legal-status-change")) }
                        select #new-status name="status" {
                            @for st in STATUSES { option value=(st) selected[v.review.status == st] { (tr.t(&format!("legal-status-{st}"))) } }
                        }
                        button type="submit" { (tr.t("legal-status-change")) }
                    }
                }
            }
            @for sec in v.sections.iter().filter(|x| section.is_none_or(|c| c == x.section)) {
                section.card id=(format!("section-{}", sec.section)) {
                    h2 { (tr.t(&format!("checklist-section-{}", sec.section))) }
                    @if section.is_none() && v.permissions.write {
                        p { a href=(format!("{path}?section={}", sec.section)) { (tr.t("legal-answer-section")) } }
                    }
                    @if !sec.information.is_empty() {
                        section.information {
                            h3 { (tr.t("legal-information")) }
                            @for p in &sec.information { (provision_block(s, v, p, section.is_some())) }
                        }
                    }
                    @if !sec.obligations.is_empty() {
                        section.obligations {
                            h3 { (tr.t("legal-obligations")) }
                            @for p in &sec.obligations { (provision_block(s, v, p, section.is_some())) }
                        }
                    }
                    @if !sec.guidance.is_empty() {
                        section.guidance {
                            h3 { (tr.t("legal-guidance")) }
                            p.hint { (tr.t("legal-guidance-explain")) }
                            @for p in &sec.guidance { (provision_block(s, v, p, section.is_some())) }
                        }
                    }
                }
            }
            (legend(tr, false))
        },
    )
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<ReviewQuery>,
) -> Response {
    match state.app.legal_review(&s.caller(), id).await {
        Ok(v) => {
            let section = q.section.as_deref().filter(|c| v.sections.iter().any(|x| x.section == *c));
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            review_view(&s, &v, section, notice)
        }
        Err(e) => page_error(e, s.tr),
    }
}

/// Where a form came from, if it is one of this review's own pages.
fn safe_back(id: i64, back: &str) -> String {
    let own = format!("/programme/legal/{id}");
    let rest = back.strip_prefix(&own);
    let ours = rest.is_some_and(|r| r.is_empty() || r.starts_with(['?', '/', '#']));
    if ours && !back.contains("//") && !back.contains(['\\', '\r', '\n']) {
        back.to_owned()
    } else {
        own
    }
}

pub(crate) async fn answer(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = AnswerInput {
        provision: form.get("provision").into(),
        answer: form.get("answer").into(),
        citation: form.get("citation").into(),
        link: form.get("link").into(),
        gap_note: form.get("gap_note").into(),
        recommendation: form.get("recommendation").into(),
        stakeholders: form.get("stakeholders").into(),
        assessed_on: Some(form.get("assessed_on").into()),
    };
    match state.app.record_legal_answer(&s.caller(), id, &input).await {
        Ok(_) => {
            let back = safe_back(id, form.get("back"));
            let (path, anchor) = back.split_once('#').unwrap_or((&back, ""));
            let sep = if path.contains('?') { '&' } else { '?' };
            let anchor = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
            Redirect::to(&format!("{path}{sep}done=saved{anchor}")).into_response()
        }
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => {
            // Show the provision's page with the error and what was typed.
            match state.app.legal_provision_history(&s.caller(), id, form.get("provision")).await {
                Ok(mut h) => {
                    h.provision.current = Some(AnswerView {
                        id: 0,
                        provision: h.provision.id.clone(),
                        answer: input.answer.clone(),
                        citation: input.citation.clone(),
                        link: input.link.clone(),
                        gap_note: input.gap_note.clone(),
                        recommendation: input.recommendation.clone(),
                        stakeholders: vec![input.stakeholders.clone()],
                        assessed_on: String::new(),
                        answered_by: None,
                        answered_at: 0,
                    });
                    let msg = form_error(&s, &e);
                    with_status(history_view(&s, &h, Some(alert("error", &msg)), true), &e)
                }
                Err(_) => match state.app.legal_review(&s.caller(), id).await {
                    Ok(v) => {
                        let msg = form_error(&s, &e);
                        with_status(review_view(&s, &v, None, Some(alert("error", &msg))), &e)
                    }
                    Err(e) => page_error(e, s.tr),
                },
            }
        }
    }
}

pub(crate) async fn status(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = StatusInput { status: form.get("status").into() };
    match state.app.set_legal_review_status(&s.caller(), id, &input).await {
        Ok(()) => Redirect::to(&format!("/programme/legal/{id}?done=saved")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.legal_review(&s.caller(), id).await {
            Ok(v) => {
                let msg = form_error(&s, &e);
                with_status(review_view(&s, &v, None, Some(alert("error", &msg))), &e)
            }
            Err(e) => page_error(e, s.tr),
        },
    }
}

pub(crate) async fn csv(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    match state.app.legal_review_csv(&s.caller(), id).await {
        Ok((name, bytes)) => crate::api::csv_response(&name, bytes),
        Err(e) => page_error(e, s.tr),
    }
}

// ---------------------------------------------------------------- a provision's history

fn history_view(s: &SignedIn, h: &ProvisionHistory, notice: Option<Markup>, draft: bool) -> Response {
    let tr = s.tr;
    let rid = h.review.id;
    let p = &h.provision;
    let path = format!("/programme/legal/{rid}/provisions/{}", p.id);
    let title = format!("{} {}", p.id, ptext(tr, &p.key, "title", &p.title));
    legal_page(
        s,
        &path,
        &title,
        html! {
            @if let Some(n) = notice { (n) }
            p.muted {
                a href="/programme/legal" { (tr.t("legal-title")) } " · "
                a href=(format!("/programme/legal/{rid}")) { (h.review.title) } " · "
                (tr.t(&format!("checklist-section-{}", p.section)))
            }
            h1 {
                (ltr(&p.id)) " " (ptext(tr, &p.key, "title", &p.title))
                @if p.kind == "guidance" { " " span.badge.kind-guidance { (tr.t("legal-guidance-badge")) } }
            }
            p.muted {
                (ltr(&p.citation)) " · " (tr.t("legal-level")) " " (ltr(&p.level))
                @if p.unverified { " · " span.warn { (tr.t("legal-unverified")) } }
            }
            @if p.kind == "guidance" { p.hint { (tr.t("legal-guidance-explain")) } }
            p { (ptext(tr, &p.key, "question", &p.question)) }
            p.hint { (ptext(tr, &p.key, "checks", &p.checks)) }
            section.card {
                h2 { (tr.t("legal-history")) }
                @if h.answers.is_empty() { p.muted { (tr.t("legal-no-history")) } } @else {
                    table #history {
                        thead { tr {
                            th { (tr.t("field-assessed_on")) } th { (tr.t("field-answer")) } th { (tr.t("field-citation")) }
                            th { (tr.t("field-gap_note")) } th { (tr.t("field-recommendation")) } th { (tr.t("field-stakeholders")) }
                            th { (tr.t("field-actor")) } th { (tr.t("field-time")) }
                        } }
                        tbody { @for a in h.answers.iter().rev() {
                            tr {
                                td { (ltr(&a.assessed_on)) }
                                td { (answer_label(tr, &a.answer)) }
                                td { @if a.link.is_empty() { (a.citation) } @else { a href=(a.link) rel="noopener noreferrer" { (a.citation) } } }
                                td { (a.gap_note) } td { (a.recommendation) } td { (a.stakeholders.join("; ")) }
                                td { (a.answered_by.clone().unwrap_or_default()) } td { (fmt_time(a.answered_at)) }
                            }
                        } }
                    }
                }
            }
            @if h.permissions.write {
                section.card #answer {
                    h2 { (tr.t("legal-answer")) }
                    @if draft { p.hint { (tr.t("legal-draft-kept")) } }
                    (answer_form(s, rid, p, &path))
                }
            }
        },
    )
}

pub(crate) async fn history(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, provision)): Path<(i64, String)>,
    Query(q): Query<ReviewQuery>,
) -> Response {
    match state.app.legal_provision_history(&s.caller(), id, &provision).await {
        Ok(h) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            history_view(&s, &h, notice, false)
        }
        Err(e) => page_error(e, s.tr),
    }
}

// ---------------------------------------------------------------- the matrix

#[derive(serde::Deserialize, Default)]
pub(crate) struct MatrixParams {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// `csv` to download the matrix.
    #[serde(default)]
    format: String,
}

fn matrix_table(tr: Tr, m: &MatrixView) -> Markup {
    let cols = m.countries.len() + 1;
    // Each row, and whether it opens a new section.
    let rows: Vec<(bool, &praxis_app::legal_review::MatrixRow)> =
        m.rows.iter().enumerate().map(|(i, r)| (i == 0 || m.rows[i - 1].section != r.section, r)).collect();
    html! {
        div.diagram {
            table.matrix #matrix {
                caption { (tr.a("legal-changes", &[("count", &m.changes.to_string()), ("from", &m.from), ("to", &m.to)])) }
                thead {
                    tr {
                        th scope="col" { (tr.t("field-provision")) }
                        @for c in &m.countries {
                            th scope="col" {
                                a href=(format!("/programme/legal/{}", c.review_id)) title=(c.title) { (ltr(&c.country)) }
                                br; span.hint { (c.title) }
                            }
                        }
                    }
                }
                tbody {
                    @for (opens, row) in &rows {
                        @if *opens {
                            tr.section { th colspan=(cols) scope="colgroup" { (tr.t(&format!("checklist-section-{}", row.section))) } }
                        }
                        tr class=(format!("kind-{}", row.kind)) {
                            th scope="row" {
                                (ltr(&row.provision)) " " (ptext(tr, &row.key, "title", &row.title))
                                @if row.kind == "guidance" { " " span.badge.kind-guidance { (tr.t("legal-guidance-badge")) } }
                            }
                            @for cell in &row.cells {
                                @let after = cell.after.as_deref();
                                @let changed = cell.change != "unchanged";
                                td class=(format!("ans-{}{}", after.unwrap_or("none"), if changed { " changed" } else { "" }))
                                    title=(cell_title(tr, m, cell.before.as_deref(), after, &cell.change)) {
                                    (tr.t(&format!("legal-code-{}", after.unwrap_or("none"))))
                                    @if changed {
                                        span class=(format!("chg chg-{}", cell.change)) {
                                            (change_mark(&cell.change)) " "
                                            @if let Some(b) = &cell.before { (tr.t(&format!("legal-code-{b}"))) "→" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                tfoot {
                    tr {
                        th scope="row" { (tr.t("legal-scores")) }
                        @for c in &m.countries {
                            td { (ltr(&format!("{} → {}", percent(c.score_from), percent(c.score_to)))) }
                        }
                    }
                }
            }
        }
    }
}

fn cell_title(tr: Tr, m: &MatrixView, before: Option<&str>, after: Option<&str>, change: &str) -> String {
    let name =
        |a: Option<&str>| a.map(|a| tr.t(&format!("answer-{a}"))).unwrap_or_else(|| tr.t("legal-no-answer"));
    if change == "unchanged" {
        name(after)
    } else {
        let change = tr.t(&format!("legal-change-{change}"));
        format!("{}: {} → {}: {} ({change})", m.from, name(before), m.to, name(after))
    }
}

pub(crate) async fn matrix(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<MatrixParams>,
) -> Response {
    let tr = s.tr;
    let query = MatrixQuery { from: Some(q.from.clone()), to: Some(q.to.clone()) };
    if q.format == "csv" {
        return match state.app.legal_matrix_csv(&s.caller(), &query).await {
            Ok((name, bytes)) => crate::api::csv_response(&name, bytes),
            Err(e) => page_error(e, tr),
        };
    }
    let (m, error) = match state.app.legal_matrix(&s.caller(), &query).await {
        Ok(m) => (Some(m), None),
        Err(e @ AppError::Invalid(_)) => (None, Some(e)),
        Err(e) => return page_error(e, tr),
    };
    let body = html! {
        h1 { (tr.t("legal-matrix")) }
        p.muted { (tr.t("legal-matrix-intro")) }
        @if let Some(e) = &error { (alert("error", &form_error(&s, e))) }
        form.filters method="get" action="/programme/legal/matrix" {
            div.field {
                label for="m-from" { (tr.t("field-from")) }
                input #m-from name="from" type="date" value=(m.as_ref().map(|m| m.from.clone()).unwrap_or(q.from.clone()));
            }
            div.field {
                label for="m-to" { (tr.t("field-to")) }
                input #m-to name="to" type="date" value=(m.as_ref().map(|m| m.to.clone()).unwrap_or(q.to.clone()));
            }
            button type="submit" { (tr.t("legal-show")) }
        }
        @if let Some(m) = &m {
            @if m.countries.is_empty() { p.muted { (tr.t("legal-none")) } } @else {
                (legend(tr, true))
                (matrix_table(tr, m))
                p { a href=(format!("/programme/legal/matrix?from={}&to={}&format=csv", m.from, m.to)) { (tr.t("legal-export-csv")) } }
            }
        }
        p { a href="/programme/legal" { (tr.t("legal-title")) } }
    };
    let r = legal_page(&s, "/programme/legal/matrix", &tr.t("legal-matrix"), body);
    match &error {
        Some(e) => with_status(r, e),
        None => r,
    }
}

//! The money of a case (linked datasets, their trace drawn as a money-flow diagram, the accounts
//! that keep the most) and strategic selection: targets and cases ranked by a score whose parts
//! are all shown, with the organisation's weights.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, PreEscaped};
use praxis_app::case_flows::CaseDataset;
use praxis_app::cases::CaseFilter;
use praxis_app::scores::{Ranking, ScorePart, Weights};
use praxis_app::AppError;
use praxis_model::{CrimeType, Role};

use super::account::form_error;
use super::cases::{options, term};
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{flow_svg, FormData};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

/// The "Money" section of a case page.
pub(crate) fn money_section(
    s: &SignedIn,
    case: i64,
    write: bool,
    money: &[CaseDataset],
    datasets: &[(i64, String)],
) -> Markup {
    let tr = s.tr;
    html! {
        section.card #money {
            h2 { (tr.t("money-title")) }
            p.muted { (tr.t("money-explain")) }
            @if money.is_empty() { p.muted { (tr.t("money-none")) } }
            @for d in money {
                @match &d.name {
                    None => p { (tr.t("money-hidden")) },
                    Some(name) => {
                        h3 { (name) }
                        p {
                            (tr.t("money-seeds")) ": " (ltr(&d.seeds.join(", "))) " · "
                            a href=(format!("/flows/{}?seeds={}&rule=fifo", d.dataset, d.seeds.join(","))) { (tr.t("money-open")) }
                        }
                        @if let Some(t) = &d.trace {
                            div.diagram {
                                (PreEscaped(flow_svg::money_flow(t,
                                    &tr.a("flows-diagram-title", &[("rule", &t.rule.to_uppercase()), ("currency", &t.currency.clone().unwrap_or_default())]),
                                    &format!("+{{n}} {}", tr.t("flows-more")),
                                    tr.locale.is_rtl())))
                            }
                        } @else if let Some(e) = &d.trace_error {
                            (alert("error", e))
                        } @else {
                            p.muted { (tr.t("money-no-trace")) }
                        }
                        @if let Some(alerts) = &d.alerts {
                            @if !alerts.is_empty() {
                                h4 { (tr.t("flows-alerts")) }
                                ul.alerts { @for a in alerts {
                                    li { strong { (a.typology) } " · " (tr.a("flows-score", &[("score", &format!("{:.2}", a.score))])) " — " (a.explanation)
                                        " " a href=(format!("/flows/{}/alerts", d.dataset)) { "→" } }
                                } }
                            }
                        }
                        @if !d.top.is_empty() {
                            table {
                                caption { (tr.t("money-keeps-most")) }
                                thead { tr { th { (tr.t("flows-account")) } th { (tr.t("rank-net")) } th { (tr.t("rank-in")) } th { (tr.t("rank-out")) } } }
                                tbody { @for r in &d.top {
                                    tr { td { (ltr(&r.account)) } td { (ltr(&r.net)) } td { (ltr(&r.inflow)) } td { (ltr(&r.outflow)) } }
                                } }
                            }
                        }
                    }
                }
            }
            @if write && !datasets.is_empty() {
                details {
                    summary { (tr.t("money-link")) }
                    form method="post" action=(format!("/cases/{case}/datasets")) {
                        (csrf_input(&s.csrf))
                        div.field { label for="m-dataset" { (tr.t("field-dataset")) }
                            select #m-dataset name="dataset" { @for (id, name) in datasets { option value=(id) { (name) } } } }
                        div.field { label for="m-seeds" { (tr.t("money-seeds")) } input #m-seeds name="seeds" type="text" dir="ltr";
                            p.hint { (tr.t("money-seeds-hint")) } }
                        button.primary type="submit" { (tr.t("money-link")) }
                    }
                }
            }
        }
    }
}

pub(crate) async fn link_dataset(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let r = match form.get("dataset").parse::<i64>() {
        Ok(dataset) => state.app.link_case_dataset(&s.caller(), id, dataset, form.get("seeds")).await,
        Err(_) => Err(AppError::invalid("dataset", "invalid", "choose a dataset")),
    };
    match r {
        Ok(()) => Redirect::to(&format!("/cases/{id}?done=saved#money")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => {
            let msg = form_error(&s, &e);
            let mut r = super::cases::case_response(&state, &s, id, Some(alert("error", &msg))).await;
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct RankQuery {
    #[serde(default)]
    crime_type: String,
    #[serde(default)]
    jurisdiction: String,
    #[serde(default)]
    done: Option<String>,
}

fn parts_cell(tr: Tr, parts: &[ScorePart]) -> Markup {
    html! {
        ul.parts {
            @for p in parts {
                li {
                    (tr.t(&format!("select-part-{}", p.part))) ": "
                    strong { (ltr(&format!("{:.1}", p.points))) }
                    " (" (ltr(&format!("{:.2} × {}", p.value, p.weight))) ") — " (p.figure)
                }
            }
        }
    }
}

fn weights_form(s: &SignedIn, w: &Weights) -> Markup {
    let tr = s.tr;
    let fields = [
        ("seniority", w.seniority),
        ("profit", w.profit),
        ("harm", w.harm),
        ("reach", w.reach),
        ("evidence", w.evidence),
    ];
    html! {
        section.card #weights {
            h2 { (tr.t("select-weights")) }
            p.muted { (tr.t("select-weights-explain")) }
            @if s.actor.has(Role::Administrator) {
                form.inline-form method="post" action="/cases/ranking/weights" {
                    (csrf_input(&s.csrf))
                    @for (name, value) in fields {
                        label for=(format!("w-{name}")) { (tr.t(&format!("select-part-{name}"))) }
                        input id=(format!("w-{name}")) name=(name) type="number" min="0" max="100" step="0.01" size="5" value=(value);
                    }
                    button type="submit" { (tr.t("select-save-weights")) }
                }
            } @else {
                p { @for (name, value) in fields { (tr.t(&format!("select-part-{name}"))) " " (ltr(&value.to_string())) " · " } }
            }
        }
    }
}

fn ranking_view(s: &SignedIn, q: &RankQuery, r: &Ranking, error: Option<&str>) -> Response {
    let tr = s.tr;
    let body = html! {
        h1 { (tr.t("select-title")) }
        p.muted { (tr.t("select-explain")) }
        @if let Some(k) = &q.done { (alert("notice", &tr.t(&format!("done-{k}")))) }
        @if let Some(msg) = error { (alert("error", msg)) }
        form.filters method="get" action="/cases/ranking" {
            div.field { label for="r-crime" { (tr.t("field-crime_type")) }
                select #r-crime name="crime_type" { option value="" { (tr.t("case-any")) } (options(tr, "crime_type", CrimeType::ALL, CrimeType::as_str, &q.crime_type)) } }
            div.field { label for="r-jur" { (tr.t("field-jurisdiction")) } input #r-jur name="jurisdiction" type="text" dir="ltr" size="6" value=(q.jurisdiction) placeholder="PK"; }
            button type="submit" { (tr.t("case-filter")) }
        }
        section.card #targets {
            h2 { (tr.t("select-targets")) }
            table {
                thead { tr { th { "#" } th { (tr.t("field-name")) } th { (tr.t("field-network_role")) } th { (tr.t("field-status")) } th { (tr.t("nav-cases")) } th { (tr.t("select-score")) } th { (tr.t("select-parts")) } } }
                tbody { @for (i, t) in r.targets.iter().enumerate() {
                    tr {
                        td { (ltr(&(i + 1).to_string())) }
                        td { (t.name) }
                        td { (term(tr, "network_role", t.network_role.as_str())) }
                        td { (term(tr, "status", t.status.as_str())) }
                        td { a href=(format!("/cases/{}", t.case)) { (ltr(&t.case_reference)) } }
                        td { strong { (ltr(&format!("{:.1}", t.score))) } }
                        td { (parts_cell(tr, &t.parts)) }
                    }
                } }
            }
        }
        section.card #case-ranking {
            h2 { (tr.t("select-cases")) }
            table {
                thead { tr { th { "#" } th { (tr.t("field-reference")) } th { (tr.t("field-title")) } th { (tr.t("field-crime_type")) } th { (tr.t("select-score")) } th { (tr.t("select-parts")) } } }
                tbody { @for (i, c) in r.cases.iter().enumerate() {
                    tr {
                        td { (ltr(&(i + 1).to_string())) }
                        td { a href=(format!("/cases/{}", c.case.id)) { (ltr(&c.case.reference)) } }
                        td { (c.case.title) }
                        td { (term(tr, "crime_type", c.case.crime_type.as_str())) }
                        td { strong { (ltr(&format!("{:.1}", c.score))) } }
                        td { (parts_cell(tr, &c.parts)) }
                    }
                } }
            }
        }
        (weights_form(s, &r.weights))
    };
    page(tr, &s.actor, &s.csrf, Area::Cases, "/cases/ranking", &tr.t("select-title"), body).into_response()
}

pub(crate) async fn ranking(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<RankQuery>,
) -> Response {
    let filter = CaseFilter {
        crime_type: Some(q.crime_type.clone()),
        jurisdiction: Some(q.jurisdiction.clone()),
        ..Default::default()
    };
    match state.app.ranking(&s.caller(), &filter).await {
        Ok(r) => ranking_view(&s, &q, &r, None),
        Err(e @ AppError::Invalid(_)) => {
            let msg = form_error(&s, &e);
            let empty = Ranking { weights: Weights::default(), targets: vec![], cases: vec![] };
            let mut r = ranking_view(&s, &q, &empty, Some(&msg));
            *r.status_mut() = status_of(&e);
            r
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn save_weights(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let num = |k: &str| form.get(k).trim().parse::<f64>().unwrap_or(f64::NAN);
    let w = Weights {
        seniority: num("seniority"),
        profit: num("profit"),
        harm: num("harm"),
        reach: num("reach"),
        evidence: num("evidence"),
    };
    match state.app.set_score_weights(&s.caller(), &w).await {
        Ok(()) => Redirect::to("/cases/ranking?done=saved").into_response(),
        Err(e @ AppError::Invalid(_)) => {
            let msg = form_error(&s, &e);
            let r = state.app.ranking(&s.caller(), &CaseFilter::default()).await.unwrap_or(Ranking {
                weights: Weights::default(),
                targets: vec![],
                cases: vec![],
            });
            let mut res = ranking_view(&s, &RankQuery::default(), &r, Some(&msg));
            *res.status_mut() = status_of(&e);
            res
        }
        Err(e) => page_error(e, s.tr),
    }
}

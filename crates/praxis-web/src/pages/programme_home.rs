//! The programme dashboard (`/programme`) and the donor report (`/programme/report`, HTML to
//! print, and `/programme/report.pdf`). Both show the same sections, built here once: each
//! partner country's engagement stage and exit readiness, indicator charts against targets, the
//! map of activities by sub-national area, the women's share among people trained and trainers,
//! the legislative reviews.
//! Every figure is what the caller may read (the application filters); the report is audited.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use praxis_app::indicators::ActivityView;
use praxis_app::programme::Dashboard;
use praxis_model::Jurisdiction;

use super::indicators::{chart, programme_tabs};
use super::layout::{ltr, page, Area};
use super::region_map::{self, Place};
use crate::error::page_error;
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

fn area_name(code: &str) -> String {
    Jurisdiction::parse(code).map(|j| j.name()).unwrap_or_else(|_| code.to_owned())
}

fn places(activities: &[ActivityView]) -> Vec<Place> {
    activities
        .iter()
        .filter_map(|a| {
            let country = a.country.clone()?;
            Some(Place { country, area: a.area.clone(), capital: a.capital == Some(true) })
        })
        .collect()
}

/// Each partner country's engagement stage, since when, and how ready it is for exit.
fn countries_section(tr: Tr, d: &Dashboard, links: bool) -> Markup {
    html! {
        section.card #countries {
            h2 { (tr.t("eng-title")) }
            @if d.countries.is_empty() { p.muted { (tr.t("prog-none")) } } @else {
                table {
                    thead { tr { th { (tr.t("field-country")) } th { (tr.t("eng-stage")) } th { (tr.t("eng-exit-readiness")) } } }
                    tbody {
                        @for c in &d.countries {
                            tr {
                                td {
                                    @if links { a href=(format!("/programme/countries/{}", c.country)) { (c.country_name) } }
                                    @else { (c.country_name) }
                                }
                                td {
                                    (super::countries::stage_badge(tr, c.stage.as_deref()))
                                    @if let Some(since) = &c.stage_since { " " span.muted { (ltr(since)) } }
                                }
                                td {
                                    (tr.a("eng-exit-summary", &[("met", &c.exit.met.to_string()), ("total", &c.exit.total.to_string())]))
                                    @if c.exit.ready { " " span.badge.status-validated { (tr.t("eng-exit-ready")) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Women among the people trained and among the trainers, in all and per country.
fn women_section(tr: Tr, d: &Dashboard) -> Markup {
    let w = &d.women;
    let share = |h: &praxis_app::trainings::Headcount| match &h.female_share {
        Some(s) => format!("{s} % ({} / {})", h.female, h.total),
        None => "–".to_owned(),
    };
    html! {
        section.card #women {
            h2 { (tr.t("prog-women")) }
            @if w.participants.total == 0 && w.trainers.total == 0 { p.muted { (tr.t("prog-none")) } } @else {
                table {
                    thead { tr { th { (tr.t("field-country")) } th { (tr.t("prog-women-trained")) } th { (tr.t("prog-women-trainers")) } } }
                    tbody {
                        @for c in &w.by_country {
                            tr {
                                td { (c.country_name.clone().unwrap_or_else(|| tr.t("prog-regional"))) }
                                td { (ltr(&share(&c.participants))) }
                                td { (ltr(&share(&c.trainers))) }
                            }
                        }
                        tr.total {
                            th { (tr.t("prog-all")) }
                            th { (ltr(&share(&w.participants))) }
                            th { (ltr(&share(&w.trainers))) }
                        }
                    }
                }
            }
        }
    }
}

/// The results table (latest period of each indicator), then each indicator's chart against its
/// targets.
fn indicators_section(tr: Tr, d: &Dashboard, links: bool) -> Markup {
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".into());
    html! {
        section.card #indicators {
            h2 { (tr.t("ind-title")) }
            @if d.indicators.is_empty() { p.muted { (tr.t("prog-none")) } } @else {
                table {
                    thead { tr {
                        th { (tr.t("prog-indicator")) } th { (tr.t("field-country")) } th { (tr.t("prog-period")) }
                        th { (tr.t("ind-target")) } th { (tr.t("ind-actual")) } th { (tr.t("prog-progress")) }
                    } }
                    tbody {
                        @for v in &d.indicators {
                            @let i = &v.summary;
                            tr {
                                td {
                                    @if links { a href=(format!("/programme/indicators/{}", i.id)) { (ltr(&i.code)) } } @else { (ltr(&i.code)) }
                                    " " (i.title)
                                }
                                td { (i.country_name.clone().unwrap_or_else(|| tr.t("prog-regional"))) }
                                td { (ltr(&dash(&i.latest_period))) }
                                td { (ltr(&dash(&i.latest_target))) }
                                td { (ltr(&dash(&i.latest_actual))) " " span.muted { (i.unit) } }
                                td {
                                    @if let Some(p) = &i.latest_progress {
                                        (ltr(&format!("{:.0} %", p.share * 100.0))) @if p.met { " ✓" }
                                    } @else { "–" }
                                }
                            }
                        }
                    }
                }
            }
            div.indicator-grid {
                @for v in &d.indicators {
                    article.indicator {
                        h3 { (ltr(&v.summary.code)) " — " (v.summary.title) }
                        p.muted { (v.summary.country_name.clone().unwrap_or_else(|| tr.t("prog-regional"))) " · " (v.summary.unit) }
                        @if let Some(svg) = chart(tr, v) { div.diagram { (PreEscaped(svg)) } }
                        @else { p.muted { (tr.t("prog-no-data")) } }
                    }
                }
            }
        }
    }
}

/// The activities by sub-national area, drawn, and the same as a table (with those the map
/// cannot place).
fn map_section(tr: Tr, d: &Dashboard) -> Markup {
    let places = places(&d.activities);
    // The partner countries are drawn even without activities, so the region reads as a whole.
    let mut countries: Vec<String> = places
        .iter()
        .map(|p| p.country.clone())
        .chain(d.countries.iter().map(|c| c.country.clone()))
        .collect();
    countries.sort();
    countries.dedup();
    let drawable: Vec<String> =
        countries.iter().filter(|c| region_map::countries_with_outlines().contains(c)).cloned().collect();
    let (svg, unplaced) = region_map::activity_map(&drawable, &places, area_name, &tr.t("prog-map"));
    let mut rows: Vec<(String, usize, usize)> = Vec::new();
    for p in &places {
        let key = p.area.clone().unwrap_or_else(|| p.country.clone());
        match rows.iter_mut().find(|r| r.0 == key) {
            Some(r) => {
                if p.capital {
                    r.1 += 1
                } else {
                    r.2 += 1
                }
            }
            None => rows.push((key, usize::from(p.capital), usize::from(!p.capital))),
        }
    }
    rows.sort();
    html! {
        section.card #map {
            h2 { (tr.t("prog-map")) }
            @if places.is_empty() { p.muted { (tr.t("prog-none")) } }
            @if !svg.is_empty() {
                div.diagram { (PreEscaped(svg)) }
                p.legend {
                    @for (colour, low, high) in region_map::legend() {
                        span.swatch style=(format!("background:{colour}")) {} " "
                        (ltr(&match high { Some(h) if h == low => low.to_string(), Some(h) => format!("{low}–{h}"), None => format!("{low}+") }))
                        " · "
                    }
                    "★ " (tr.t("prog-map-capital"))
                }
            }
            @if !rows.is_empty() {
                table {
                    thead { tr { th { (tr.t("prog-area")) } th { (tr.t("prog-capital")) } th { (tr.t("prog-local")) } } }
                    tbody {
                        @for (code, capital, local) in &rows {
                            tr {
                                td {
                                    (area_name(code)) " " span.muted { (ltr(code)) }
                                    @if unplaced.country_wide.contains_key(code) { " " span.badge { (tr.t("prog-country-wide")) } }
                                    @if unplaced.no_outline.contains_key(code) { " " span.badge { (tr.t("prog-no-outline")) } }
                                }
                                td { (capital) } td { (local) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn reviews_section(tr: Tr, d: &Dashboard, links: bool) -> Markup {
    html! {
        section.card #reviews {
            h2 { (tr.t("legal-title")) }
            @if d.reviews.is_empty() { p.muted { (tr.t("prog-none")) } } @else {
                table {
                    thead { tr { th { (tr.t("field-country")) } th { (tr.t("prog-review")) } th { (tr.t("prog-answered")) } th { (tr.t("prog-score")) } } }
                    tbody {
                        @for r in &d.reviews {
                            tr {
                                td { (r.country_name) }
                                td {
                                    @if links { a href=(format!("/programme/legal/{}", r.id)) { (r.title) } } @else { (r.title) }
                                    " " span.badge { (tr.t(&format!("legal-status-{}", r.status))) }
                                }
                                td { (ltr(&format!("{} / {}", r.answered, r.provisions))) }
                                td { (ltr(&r.score.map(|s| format!("{:.0} %", s * 100.0)).unwrap_or_else(|| "–".into()))) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(crate) async fn dashboard(State(state): State<AppState>, s: SignedIn) -> Response {
    let tr = s.tr;
    let d = match state.app.programme_dashboard(&s.caller()).await {
        Ok(d) => d,
        Err(e) => return page_error(e, tr),
    };
    let body = html! {
        h1 { (tr.t("prog-title")) }
        (programme_tabs(tr, "overview"))
        p {
            a.button href="/programme/report" { (tr.t("prog-report")) } " "
            a.button href="/programme/report.pdf" { (tr.t("prog-report-pdf")) }
        }
        (countries_section(tr, &d, true))
        (indicators_section(tr, &d, true))
        (map_section(tr, &d))
        (women_section(tr, &d))
        (reviews_section(tr, &d, true))
    };
    page(tr, &s.actor, &s.csrf, Area::Programme, "/programme", &tr.t("prog-title"), body).into_response()
}

/// The donor report as a whole document; `stylesheet` is a URL for browsers or a file name for
/// the PDF printer.
fn report(tr: Tr, d: &Dashboard, printed_by: &str, stylesheet: &str) -> Markup {
    let today = time::OffsetDateTime::now_utc().date().to_string();
    html! {
        (DOCTYPE)
        html lang=(tr.locale.tag()) dir=(tr.locale.dir()) {
            head {
                meta charset="utf-8";
                title { (tr.t("prog-report")) }
                link rel="stylesheet" href=(stylesheet);
            }
            body.brief {
                main {
                    h1 { (tr.t("prog-report")) }
                    p.muted { (tr.a("prog-report-printed", &[("who", printed_by), ("when", &today)])) }
                    (countries_section(tr, d, false))
                    (indicators_section(tr, d, false))
                    (map_section(tr, d))
                    (women_section(tr, d))
                    (reviews_section(tr, d, false))
                }
            }
        }
    }
}

fn printed_by(s: &SignedIn) -> String {
    format!("{} ({})", s.actor.display_name, s.actor.org.name)
}

pub(crate) async fn report_html(State(state): State<AppState>, s: SignedIn) -> Response {
    let d = match state.app.programme_report(&s.caller(), "html").await {
        Ok(d) => d,
        Err(e) => return page_error(e, s.tr),
    };
    let mut res = report(s.tr, &d, &printed_by(&s), "/assets/praxis.css").into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    res
}

pub(crate) async fn report_pdf(State(state): State<AppState>, s: SignedIn) -> Response {
    let d = match state.app.programme_report(&s.caller(), "pdf").await {
        Ok(d) => d,
        Err(e) => return page_error(e, s.tr),
    };
    let page = report(s.tr, &d, &printed_by(&s), "praxis.css").into_string();
    match super::brief::print_pdf(page).await {
        Ok(bytes) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/pdf"));
            h.insert(
                header::CONTENT_DISPOSITION,
                header::HeaderValue::from_static("attachment; filename=\"programme-report.pdf\""),
            );
            h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
            res
        }
        Err(why) => {
            tracing::warn!(%why, "programme report PDF not printed");
            (StatusCode::SERVICE_UNAVAILABLE, format!("{} ({why})", s.tr.t("brief-no-pdf"))).into_response()
        }
    }
}

/// The donor report for the command line: a standalone HTML page (stylesheet inlined) or PDF.
pub async fn render_programme_report(
    app: &praxis_app::App,
    caller: &praxis_app::Caller,
    locale: praxis_model::Locale,
    pdf: bool,
) -> Result<Vec<u8>, String> {
    let d =
        app.programme_report(caller, if pdf { "pdf" } else { "html" }).await.map_err(|e| e.to_string())?;
    let tr = Tr::new(locale);
    let page = report(tr, &d, "the operator at the command line", "praxis.css").into_string();
    if pdf {
        super::brief::print_pdf(page).await
    } else {
        let link = "<link rel=\"stylesheet\" href=\"praxis.css\">";
        Ok(page.replace(link, &format!("<style>{}</style>", crate::assets::css())).into_bytes())
    }
}

//! Partner countries: the table of countries (stage and since when, modality, focal points,
//! last engagement, exit readiness) with the cross-country exit-readiness table, and the country
//! page: stage history with evidence and a form to record a step, focal points, stakeholders and
//! the influence/interest grid drawn as SVG on the server, the engagement log (missions
//! included), the communication protocol, missions, ownership criteria and exit readiness. Every
//! form posts and redirects; a refused form is shown again with what was typed and the field named.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::engagement::{
    CountrySummary, CountryView, ExitReadiness, FocalPointInput, LogInput, NewCountryInput, OwnershipInput,
    ProfileInput, StakeholderInput, StakeholderView, StepInput, CRITERIA, LOG_KINDS, MODALITIES,
    OWNERSHIP_STATUSES, PRONGS, STAGES,
};
use praxis_app::missions::GROUPS;
use praxis_app::AppError;

use super::layout::{alert, csrf_input, ltr, page, Area};
use super::FormData;
use crate::error::{page_error, status_of, user_message};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

pub(super) fn eng_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    page(s.tr, &s.actor, &s.csrf, Area::Programme, path, title, body).into_response()
}

pub(super) fn with_status(mut r: Response, e: &AppError) -> Response {
    *r.status_mut() = status_of(e);
    r
}

/// The name of a field in the reader's language: this area's own, or the common one.
pub(super) fn field_name(tr: Tr, field: &str) -> String {
    let own = format!("eng-field-{field}");
    let t = tr.t(&own);
    if t != own {
        return t;
    }
    tr.t(&format!("field-{field}"))
}

/// A refused form's message, naming the field.
pub(super) fn form_error(s: &SignedIn, e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => {
            s.tr.a("error-field", &[("field", &field_name(s.tr, v.field)), ("message", &v.message)])
        }
        other => user_message(other, s.tr),
    }
}

pub(super) fn stage_badge(tr: Tr, stage: Option<&str>) -> Markup {
    match stage {
        Some(st) => html! { span class=(format!("badge stage-{st}")) { (tr.t(&format!("eng-stage-{st}"))) } },
        None => html! { span.muted { (tr.t("eng-no-stage")) } },
    }
}

fn readiness_text(tr: Tr, e: &ExitReadiness) -> Markup {
    html! {
        (ltr(&format!("{} / {}", e.met, e.total)))
        @if e.ready { " " span.badge.status-validated { (tr.t("eng-exit-ready")) } }
    }
}

/// A field with its label; `hint` under it.
fn field(tr: Tr, id: &str, label: &str, input: Markup, hint: Option<&str>) -> Markup {
    html! {
        div.field {
            label for=(id) { (field_name(tr, label)) }
            (input)
            @if let Some(h) = hint { p.hint { (tr.t(h)) } }
        }
    }
}

fn options(tr: Tr, codes: &[&str], prefix: &str, selected: &str) -> Markup {
    html! { @for c in codes { option value=(c) selected[selected == *c] { (tr.t(&format!("{prefix}-{c}"))) } } }
}

// ---------------------------------------------------------------- the list

fn countries_table(tr: Tr, list: &[CountrySummary]) -> Markup {
    html! {
        table #countries {
            thead { tr {
                th { (tr.t("field-country")) } th { (tr.t("field-stage")) } th { (tr.t("eng-since")) }
                th { (field_name(tr, "modality")) } th { (tr.t("eng-focal-points")) }
                th { (tr.t("eng-last-engagement")) } th { (tr.t("eng-exit-readiness")) }
            } }
            tbody { @for c in list {
                tr {
                    td { a href=(format!("/programme/countries/{}", c.country)) { (c.country_name) } " " (ltr(&c.country)) }
                    td { (stage_badge(tr, c.stage.as_deref())) }
                    td { (ltr(c.stage_since.as_deref().unwrap_or("–"))) }
                    td { (tr.t(&format!("eng-modality-{}", c.modality))) }
                    td { @if c.focal_points.is_empty() { span.muted { "–" } } @else { (c.focal_points.join("; ")) } }
                    td { (ltr(c.last_engagement.as_deref().unwrap_or("–"))) }
                    td { (readiness_text(tr, &c.exit)) }
                }
            } }
        }
    }
}

/// Countries × ownership criteria: the status of each, since when.
fn exit_table(tr: Tr, list: &[CountrySummary]) -> Markup {
    html! {
        table #exit-readiness {
            caption { (tr.t("eng-exit-intro")) }
            thead { tr {
                th scope="col" { (tr.t("field-country")) }
                @for c in CRITERIA { th scope="col" { (tr.t(&format!("eng-criterion-{c}"))) } }
                th scope="col" { (tr.t("eng-exit-readiness")) }
            } }
            tbody { @for c in list {
                tr {
                    th scope="row" { a href=(format!("/programme/countries/{}#ownership", c.country)) { (c.country_name) } }
                    @for k in &c.exit.criteria {
                        td class=(format!("own-{}", k.status)) {
                            (ownership_mark(tr, &k.status))
                            @if let Some(since) = &k.since { br; span.hint { (ltr(since)) } }
                        }
                    }
                    td { (readiness_text(tr, &c.exit)) }
                }
            } }
        }
    }
}

/// A status as a mark and its name (the mark is never the only cue).
fn ownership_mark(tr: Tr, status: &str) -> Markup {
    let mark = match status {
        "achieved" => "✓",
        "in_progress" => "◐",
        _ => "○",
    };
    html! { span aria-hidden="true" { (mark) } " " (tr.t(&format!("eng-own-{status}"))) }
}

fn list_view(
    s: &SignedIn,
    list: &[CountrySummary],
    may_open: bool,
    error: Option<&str>,
    form: Option<&FormData>,
) -> Response {
    let tr = s.tr;
    let v = |k: &str| form.map(|f| f.get(k).to_owned()).unwrap_or_default();
    eng_page(
        s,
        "/programme/countries",
        &tr.t("eng-title"),
        html! {
            (super::indicators::programme_tabs(tr, "countries"))
            h1 { (tr.t("eng-title")) }
            p.muted { (tr.t("eng-intro")) }
            @if let Some(msg) = error { (alert("error", msg)) }
            section.card {
                h2 { (tr.t("eng-countries")) }
                @if list.is_empty() { p.muted { (tr.t("eng-none")) } } @else { (countries_table(tr, list)) }
            }
            @if !list.is_empty() {
                section.card #exit { h2 { (tr.t("eng-exit-readiness")) } (exit_table(tr, list)) }
            }
            @if may_open {
                section.card #open {
                    h2 { (tr.t("eng-open")) }
                    form method="post" action="/programme/countries" {
                        (csrf_input(&s.csrf))
                        (field(tr, "country", "country", html! {
                            input #country name="country" type="text" dir="ltr" size="4" required maxlength="2" value=(v("country")) placeholder="PK";
                        }, Some("eng-country-hint")))
                        (field(tr, "modality", "modality", html! {
                            select #modality name="modality" { (options(tr, &MODALITIES, "eng-modality", &v("modality"))) }
                        }, None))
                        (field(tr, "protocol", "protocol", html! {
                            textarea #protocol name="protocol" rows="3" maxlength="5000" { (v("protocol")) }
                        }, Some("eng-protocol-hint")))
                        button.primary type="submit" { (tr.t("eng-open")) }
                    }
                }
            }
        },
    )
}

pub(crate) async fn index(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.partner_countries(&s.caller()).await {
        Ok(list) => list_view(&s, &list, state.app.may_open_partner_country(&s.caller()), None, None),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn open(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewCountryInput {
        country: form.get("country").into(),
        modality: form.get("modality").into(),
        protocol: form.get("protocol").into(),
    };
    match state.app.open_partner_country(&s.caller(), &input).await {
        Ok(_) => Redirect::to(&format!(
            "/programme/countries/{}?done=created",
            input.country.trim().to_ascii_uppercase()
        ))
        .into_response(),
        Err(e @ AppError::Denied(_)) => page_error(e, s.tr),
        Err(e) => {
            let list = state.app.partner_countries(&s.caller()).await.unwrap_or_default();
            let msg = form_error(&s, &e);
            let may = state.app.may_open_partner_country(&s.caller());
            with_status(list_view(&s, &list, may, Some(&msg), Some(&form)), &e)
        }
    }
}

// ---------------------------------------------------------------- the grid

/// The stakeholder analysis grid: interest along the inline axis, influence upwards, four
/// quadrants named; each stakeholder a numbered mark whose shape says its prong.
pub(super) fn stakeholder_grid(tr: Tr, list: &[StakeholderView]) -> Markup {
    let (left, top, cell) = (60.0_f64, 20.0_f64, 80.0_f64);
    let size = cell * 5.0;
    let (width, height) = (left + size + 20.0, top + size + 50.0);
    // Centre of the cell of (interest, influence), with a small offset for each stakeholder
    // sharing the cell so that none hides another.
    let mut seen: std::collections::HashMap<(u8, u8), usize> = std::collections::HashMap::new();
    let points: Vec<(usize, &StakeholderView, f64, f64)> = list
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let n = seen.entry((st.interest, st.influence)).or_default();
            let k = *n;
            *n += 1;
            let dx = [0.0, 22.0, -22.0, 0.0, 0.0, 22.0, -22.0][k % 7];
            let dy = [0.0, 0.0, 0.0, 22.0, -22.0, 22.0, -22.0][k % 7];
            let x = left + (f64::from(st.interest) - 0.5) * cell + dx;
            let y = top + (5.0 - f64::from(st.influence) + 0.5) * cell + dy;
            (i + 1, st, x, y)
        })
        .collect();
    let title = tr.t("eng-grid-title");
    let quadrant = |key: &str, x: f64, y: f64| {
        html! { text x=(x) y=(y) font-size="12" fill="#555" text-anchor="middle" { (tr.t(key)) } }
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="stakeholder-grid" viewBox=(format!("0 0 {width} {height}"))
            width=(width) height=(height) role="img" aria-labelledby="sg-title" direction="ltr" {
            title #sg-title { (title) }
            rect x=(left) y=(top) width=(size / 2.0) height=(size / 2.0) fill="#fdf3e7" {}
            rect x=(left + size / 2.0) y=(top) width=(size / 2.0) height=(size / 2.0) fill="#fbe3e0" {}
            rect x=(left) y=(top + size / 2.0) width=(size / 2.0) height=(size / 2.0) fill="#f4f6f8" {}
            rect x=(left + size / 2.0) y=(top + size / 2.0) width=(size / 2.0) height=(size / 2.0) fill="#e8f1f8" {}
            @for i in 0..=5 {
                line x1=(left + f64::from(i) * cell) y1=(top) x2=(left + f64::from(i) * cell) y2=(top + size) stroke="#c9d1d9" stroke-width="1" {}
                line x1=(left) y1=(top + f64::from(i) * cell) x2=(left + size) y2=(top + f64::from(i) * cell) stroke="#c9d1d9" stroke-width="1" {}
            }
            (quadrant("eng-grid-keep-satisfied", left + size / 4.0, top + 14.0))
            (quadrant("eng-grid-manage-closely", left + 3.0 * size / 4.0, top + 14.0))
            (quadrant("eng-grid-monitor", left + size / 4.0, top + size - 6.0))
            (quadrant("eng-grid-keep-informed", left + 3.0 * size / 4.0, top + size - 6.0))
            @for i in 1..=5 {
                text x=(left + (f64::from(i) - 0.5) * cell) y=(top + size + 16.0) font-size="12" text-anchor="middle" fill="#1b2430" { (i) }
                text x=(left - 8.0) y=(top + (5.0 - f64::from(i) + 0.5) * cell + 4.0) font-size="12" text-anchor="end" fill="#1b2430" { (i) }
            }
            text x=(left + size / 2.0) y=(top + size + 36.0) font-size="13" text-anchor="middle" fill="#1b2430" { (tr.t("eng-field-interest")) " →" }
            text x="16" y=(top + size / 2.0) font-size="13" text-anchor="middle" fill="#1b2430"
                transform=(format!("rotate(-90 16 {})", top + size / 2.0)) { (tr.t("eng-field-influence")) " →" }
            @for (n, st, x, y) in &points {
                g class=(format!("sg-{}", st.prong)) {
                    title { (format!("{n}. {} ({}) · {}: {} · {}: {}", st.name, st.institution, tr.t("eng-field-influence"), st.influence, tr.t("eng-field-interest"), st.interest)) }
                    @match st.prong.as_str() {
                        "vienna_mission" => { circle cx=(x) cy=(y) r="10" fill="#2f5d8a" {} },
                        "capital_high_level" => { rect x=(x - 10.0) y=(y - 10.0) width="20" height="20" fill="#7a4e9c" {} },
                        _ => { polygon points=(format!("{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", x, y - 12.0, x - 11.0, y + 8.0, x + 11.0, y + 8.0)) fill="#1d7a55" {} },
                    }
                    text x=(x) y=(y + 4.0) font-size="11" font-weight="700" text-anchor="middle" fill="#fff" { (n) }
                }
            }
        }
    }
}

fn prong_shape(prong: &str) -> &'static str {
    match prong {
        "vienna_mission" => "●",
        "capital_high_level" => "■",
        _ => "▲",
    }
}

// ---------------------------------------------------------------- a country

#[derive(serde::Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
}

/// A form that was refused: which, the message, what was typed.
pub(super) struct Failed<'a> {
    pub(super) form: &'a str,
    pub(super) message: String,
    pub(super) data: &'a FormData,
}

fn country_view(s: &SignedIn, v: &CountryView, notice: Option<Markup>, failed: Option<&Failed>) -> Response {
    let tr = s.tr;
    let c = &v.summary;
    let code = &c.country;
    let write = v.permissions.write;
    // The alert and the typed values of the refused form, if it is this one.
    let err = |form: &str| failed.filter(|f| f.form == form).map(|f| alert("error", &f.message));
    let val = |form: &str, k: &str| {
        failed.filter(|f| f.form == form).map(|f| f.data.get(k).to_owned()).unwrap_or_default()
    };
    let action = |part: &str| format!("/programme/countries/{code}/{part}");
    let body = html! {
        (super::indicators::programme_tabs(tr, "countries"))
        p { a href="/programme/countries" { (tr.t("eng-title")) } }
        h1 { (c.country_name) " " (ltr(code)) }
        p.muted {
            (stage_badge(tr, c.stage.as_deref()))
            @if let Some(since) = &c.stage_since { " " (tr.a("eng-since-date", &[("date", since)])) }
            " · " (tr.t(&format!("eng-modality-{}", c.modality)))
            " · " (tr.a("eng-owned-by", &[("org", &c.owner_org_name)]))
        }
        @if let Some(n) = notice { (n) }
        nav.tabs aria-label=(tr.t("eng-sections")) {
            a href="#stage" { (tr.t("eng-stage-history")) }
            a href="#focal-points" { (tr.t("eng-focal-points")) }
            a href="#stakeholders" { (tr.t("eng-stakeholders")) }
            a href="#log" { (tr.t("eng-log")) }
            a href="#protocol" { (tr.t("eng-protocol")) }
            a href="#missions" { (tr.t("mission-title")) }
            a href="#ownership" { (tr.t("eng-exit-readiness")) }
            a href="#assessments" { (tr.t("asm-title")) }
        }

        section.card #stage {
            h2 { (tr.t("eng-stage-history")) }
            @if v.steps.is_empty() { p.muted { (tr.t("eng-no-stage")) } } @else {
                ol.timeline #steps {
                    @for st in &v.steps {
                        li {
                            (ltr(&st.on)) " " (stage_badge(tr, Some(&st.stage)))
                            @if !st.note.is_empty() { " " span.warn { (st.note) } }
                            ul { @for e in &st.evidence { li { (e) } } }
                            @if let Some(by) = &st.recorded_by { span.hint { (tr.a("eng-recorded-by", &[("name", by)])) } }
                        }
                    }
                }
            }
            @if write {
                h3 { (tr.t("eng-record-step")) }
                @if let Some(a) = err("step") { (a) }
                form method="post" action=(action("steps")) {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "st-stage", "stage", html! {
                            select #st-stage name="stage" { (options(tr, &STAGES, "eng-stage", &val("step", "stage"))) }
                        }, None))
                        (field(tr, "st-on", "on", html! { input #st-on name="on" type="date" value=(val("step", "on")); }, Some("eng-on-hint")))
                    }
                    (field(tr, "st-evidence", "evidence", html! {
                        textarea #st-evidence name="evidence" rows="2" maxlength="5000" required { (val("step", "evidence")) }
                    }, Some("eng-evidence-hint")))
                    (field(tr, "st-note", "note", html! {
                        textarea #st-note name="note" rows="2" maxlength="2000" { (val("step", "note")) }
                    }, Some("eng-note-hint")))
                    button.primary type="submit" { (tr.t("eng-record-step")) }
                }
            }
        }

        section.card #focal-points {
            h2 { (tr.t("eng-focal-points")) }
            @if v.focal_points.is_empty() { p.muted { (tr.t("eng-no-focal-points")) } } @else {
                table #focal-table {
                    thead { tr {
                        th { (field_name(tr, "person")) } th { (field_name(tr, "institution")) } th { (field_name(tr, "role")) }
                        th { (field_name(tr, "nominated_on")) } th { (field_name(tr, "contact_protocol")) } th { (tr.t("eng-praxis-user")) }
                    } }
                    tbody { @for f in &v.focal_points {
                        tr {
                            td { (f.person) } td { (f.institution) } td { (f.role) } td { (ltr(&f.nominated_on)) }
                            td { (f.contact_protocol) } td { @if let Some(u) = &f.username { (ltr(u)) } @else { "–" } }
                        }
                    } }
                }
            }
            @if write {
                details open[failed.is_some_and(|f| f.form == "focal")] {
                    summary { (tr.t("eng-add-focal-point")) }
                    @if let Some(a) = err("focal") { (a) }
                    form method="post" action=(action("focal-points")) {
                        (csrf_input(&s.csrf))
                        div.grid {
                            (field(tr, "fp-person", "person", html! { input #fp-person name="person" type="text" required maxlength="200" value=(val("focal", "person")); }, None))
                            (field(tr, "fp-institution", "institution", html! { input #fp-institution name="institution" type="text" required maxlength="200" value=(val("focal", "institution")); }, None))
                            (field(tr, "fp-role", "role", html! { input #fp-role name="role" type="text" required maxlength="200" value=(val("focal", "role")); }, None))
                            (field(tr, "fp-nominated_on", "nominated_on", html! { input #fp-nominated_on name="nominated_on" type="date" required value=(val("focal", "nominated_on")); }, None))
                            (field(tr, "fp-username", "username", html! { input #fp-username name="username" type="text" dir="ltr" maxlength="64" value=(val("focal", "username")); }, Some("eng-username-hint")))
                        }
                        (field(tr, "fp-contact_protocol", "contact_protocol", html! { textarea #fp-contact_protocol name="contact_protocol" rows="2" maxlength="2000" { (val("focal", "contact_protocol")) } }, None))
                        button.primary type="submit" { (tr.t("eng-add-focal-point")) }
                    }
                }
            }
        }

        section.card #stakeholders {
            h2 { (tr.t("eng-stakeholders")) }
            p.hint { (tr.t("eng-stakeholders-intro")) }
            @if v.stakeholders.is_empty() { p.muted { (tr.t("eng-no-stakeholders")) } } @else {
                div.diagram { (stakeholder_grid(tr, &v.stakeholders)) }
                table #stakeholder-table {
                    thead { tr {
                        th { "#" } th { (field_name(tr, "name")) } th { (field_name(tr, "institution")) } th { (field_name(tr, "prong")) }
                        th { (field_name(tr, "influence")) } th { (field_name(tr, "interest")) } th { (field_name(tr, "note")) }
                    } }
                    tbody { @for (i, st) in v.stakeholders.iter().enumerate() {
                        tr {
                            td { (i + 1) } td { (st.name) } td { (st.institution) }
                            td { span aria-hidden="true" { (prong_shape(&st.prong)) } " " (tr.t(&format!("eng-prong-{}", st.prong))) }
                            td { (st.influence) } td { (st.interest) } td { (st.note) }
                        }
                    } }
                }
            }
            @if write {
                details open[failed.is_some_and(|f| f.form == "stakeholder")] {
                    summary { (tr.t("eng-add-stakeholder")) }
                    @if let Some(a) = err("stakeholder") { (a) }
                    form method="post" action=(action("stakeholders")) {
                        (csrf_input(&s.csrf))
                        div.grid {
                            (field(tr, "sh-name", "name", html! { input #sh-name name="name" type="text" required maxlength="200" value=(val("stakeholder", "name")); }, None))
                            (field(tr, "sh-institution", "institution", html! { input #sh-institution name="institution" type="text" maxlength="200" value=(val("stakeholder", "institution")); }, None))
                            (field(tr, "sh-prong", "prong", html! { select #sh-prong name="prong" { (options(tr, &PRONGS, "eng-prong", &val("stakeholder", "prong"))) } }, None))
                            (field(tr, "sh-influence", "influence", html! { input #sh-influence name="influence" type="number" min="1" max="5" required value=(val("stakeholder", "influence")); }, None))
                            (field(tr, "sh-interest", "interest", html! { input #sh-interest name="interest" type="number" min="1" max="5" required value=(val("stakeholder", "interest")); }, None))
                        }
                        (field(tr, "sh-note", "note", html! { textarea #sh-note name="note" rows="2" maxlength="2000" { (val("stakeholder", "note")) } }, None))
                        button.primary type="submit" { (tr.t("eng-add-stakeholder")) }
                    }
                }
            }
        }

        section.card #log {
            h2 { (tr.t("eng-log")) }
            @if v.log.is_empty() { p.muted { (tr.t("eng-no-log")) } } @else {
                table #log-table {
                    thead { tr {
                        th { (field_name(tr, "occurred_on")) } th { (field_name(tr, "kind")) } th { (field_name(tr, "who")) }
                        th { (field_name(tr, "summary")) } th { (field_name(tr, "decided")) }
                    } }
                    tbody { @for l in v.log.iter().rev() {
                        tr {
                            td { (ltr(&l.occurred_on)) }
                            td { (tr.t(&format!("eng-log-{}", l.kind))) }
                            td {
                                (l.who)
                                @if !l.groups.is_empty() {
                                    br; span.hint { (l.groups.iter().map(|g| tr.t(&format!("mission-group-{g}"))).collect::<Vec<_>>().join(", ")) }
                                }
                            }
                            td { @match l.mission_id { Some(m) => { a href=(format!("/programme/missions/{m}")) { (l.summary) } }, None => { (l.summary) } } }
                            td { (l.decided) }
                        }
                    } }
                }
            }
            @if write {
                details open[failed.is_some_and(|f| f.form == "log")] {
                    summary { (tr.t("eng-add-log")) }
                    @if let Some(a) = err("log") { (a) }
                    form method="post" action=(action("log")) {
                        (csrf_input(&s.csrf))
                        div.grid {
                            (field(tr, "lg-kind", "kind", html! { select #lg-kind name="kind" { (options(tr, &LOG_KINDS, "eng-log", &val("log", "kind"))) } }, None))
                            (field(tr, "lg-occurred_on", "occurred_on", html! { input #lg-occurred_on name="occurred_on" type="date" required value=(val("log", "occurred_on")); }, None))
                        }
                        (field(tr, "lg-who", "who", html! { textarea #lg-who name="who" rows="2" maxlength="1000" required { (val("log", "who")) } }, None))
                        (field(tr, "lg-summary", "summary", html! { textarea #lg-summary name="summary" rows="2" maxlength="5000" required { (val("log", "summary")) } }, None))
                        (field(tr, "lg-decided", "decided", html! { textarea #lg-decided name="decided" rows="2" maxlength="5000" { (val("log", "decided")) } }, None))
                        button.primary type="submit" { (tr.t("eng-add-log")) }
                    }
                }
            }
        }

        section.card #protocol {
            h2 { (tr.t("eng-protocol")) }
            @if v.protocol.is_empty() { p.muted { (tr.t("eng-no-protocol")) } } @else {
                @for line in v.protocol.lines() { p { (line) } }
            }
            @if write {
                details open[failed.is_some_and(|f| f.form == "profile")] {
                    summary { (tr.t("eng-edit-profile")) }
                    @if let Some(a) = err("profile") { (a) }
                    form method="post" action=(action("profile")) {
                        (csrf_input(&s.csrf))
                        @let modality = if failed.is_some_and(|f| f.form == "profile") { val("profile", "modality") } else { c.modality.clone() };
                        @let protocol = if failed.is_some_and(|f| f.form == "profile") { val("profile", "protocol") } else { v.protocol.clone() };
                        (field(tr, "pf-modality", "modality", html! { select #pf-modality name="modality" { (options(tr, &MODALITIES, "eng-modality", &modality)) } }, None))
                        (field(tr, "pf-protocol", "protocol", html! { textarea #pf-protocol name="protocol" rows="4" maxlength="5000" { (protocol) } }, Some("eng-protocol-hint")))
                        button.primary type="submit" { (tr.t("eng-save")) }
                    }
                }
            }
        }

        section.card #missions {
            h2 { (tr.t("mission-title")) }
            @if v.missions.is_empty() { p.muted { (tr.t("mission-none")) } } @else {
                table #mission-table {
                    thead { tr {
                        th { (tr.t("mission-dates")) } th { (field_name(tr, "title")) } th { (field_name(tr, "place")) }
                        th { (field_name(tr, "groups")) } th { (tr.t("mission-needs")) }
                    } }
                    tbody { @for m in &v.missions {
                        tr {
                            td { (ltr(&format!("{} – {}", m.start_on, m.end_on))) }
                            td { a href=(format!("/programme/missions/{}", m.id)) { (m.title) } }
                            td { (m.place) " " span.hint { @if m.in_capital { (tr.t("mission-capital")) } @else { (tr.t("mission-not-capital")) } } }
                            td { (m.groups.iter().map(|g| tr.t(&format!("mission-group-{g}"))).collect::<Vec<_>>().join(", ")) }
                            td { (tr.a("mission-needs-count", &[("count", &m.needs.to_string()), ("planned", &m.needs_in_workplan.to_string())])) }
                        }
                    } }
                }
            }
            @if write {
                details open[failed.is_some_and(|f| f.form == "mission")] {
                    summary { (tr.t("mission-new")) }
                    @if let Some(a) = err("mission") { (a) }
                    form method="post" action=(action("missions")) {
                        (csrf_input(&s.csrf))
                        (field(tr, "ms-title", "title", html! { input #ms-title name="title" type="text" required maxlength="200" value=(val("mission", "title")); }, None))
                        div.grid {
                            (field(tr, "ms-start_on", "start_on", html! { input #ms-start_on name="start_on" type="date" required value=(val("mission", "start_on")); }, None))
                            (field(tr, "ms-end_on", "end_on", html! { input #ms-end_on name="end_on" type="date" required value=(val("mission", "end_on")); }, None))
                            (field(tr, "ms-place", "place", html! { input #ms-place name="place" type="text" required maxlength="200" value=(val("mission", "place")); }, None))
                        }
                        div.field {
                            label { input name="in_capital" type="checkbox" checked[val("mission", "in_capital") == "on"]; " " (tr.t("mission-in-capital")) }
                        }
                        fieldset {
                            legend { (field_name(tr, "groups")) }
                            @let chosen = failed.filter(|f| f.form == "mission").map(|f| f.data.all("groups")).unwrap_or_default();
                            @for g in GROUPS {
                                label.check { input name="groups" type="checkbox" value=(g) checked[chosen.iter().any(|c| c == g)]; " " (tr.t(&format!("mission-group-{g}"))) }
                            }
                        }
                        (field(tr, "ms-findings", "findings", html! { textarea #ms-findings name="findings" rows="4" maxlength="20000" { (val("mission", "findings")) } }, None))
                        button.primary type="submit" { (tr.t("mission-create")) }
                    }
                }
            }
        }

        section.card #ownership {
            h2 { (tr.t("eng-exit-readiness")) }
            p {
                (tr.a("eng-exit-summary", &[("met", &c.exit.met.to_string()), ("total", &c.exit.total.to_string())]))
                @if c.exit.ready { " " span.badge.status-validated { (tr.t("eng-exit-ready")) } }
            }
            table #criteria {
                thead { tr {
                    th { (field_name(tr, "criterion")) } th { (field_name(tr, "status")) } th { (tr.t("eng-since")) } th { (field_name(tr, "evidence")) }
                } }
                tbody { @for k in &c.exit.criteria {
                    tr class=(format!("own-{}", k.status)) {
                        td { (tr.t(&format!("eng-criterion-{}", k.criterion))) }
                        td { (ownership_mark(tr, &k.status)) }
                        td { (ltr(k.since.as_deref().unwrap_or("–"))) }
                        td { (k.evidence) }
                    }
                } }
            }
            @if !c.exit.missing.is_empty() {
                p { (tr.t("eng-exit-missing")) ": " (c.exit.missing.iter().map(|m| tr.t(&format!("eng-criterion-{m}"))).collect::<Vec<_>>().join(", ")) }
            }
            @if !v.ownership_history.is_empty() {
                details {
                    summary { (tr.t("eng-ownership-history")) }
                    table #ownership-history {
                        thead { tr { th { (field_name(tr, "status_on")) } th { (field_name(tr, "criterion")) } th { (field_name(tr, "status")) } th { (field_name(tr, "evidence")) } th { (tr.t("field-actor")) } } }
                        tbody { @for o in v.ownership_history.iter().rev() {
                            tr {
                                td { (ltr(&o.status_on)) } td { (tr.t(&format!("eng-criterion-{}", o.criterion))) }
                                td { (ownership_mark(tr, &o.status)) } td { (o.evidence) } td { (o.recorded_by.clone().unwrap_or_default()) }
                            }
                        } }
                    }
                }
            }
            @if write {
                details open[failed.is_some_and(|f| f.form == "ownership")] {
                    summary { (tr.t("eng-record-ownership")) }
                    @if let Some(a) = err("ownership") { (a) }
                    form method="post" action=(action("ownership")) {
                        (csrf_input(&s.csrf))
                        div.grid {
                            (field(tr, "ow-criterion", "criterion", html! { select #ow-criterion name="criterion" { (options(tr, &CRITERIA, "eng-criterion", &val("ownership", "criterion"))) } }, None))
                            (field(tr, "ow-status", "status", html! { select #ow-status name="status" { (options(tr, &OWNERSHIP_STATUSES, "eng-own", &val("ownership", "status"))) } }, None))
                            (field(tr, "ow-status_on", "status_on", html! { input #ow-status_on name="status_on" type="date" value=(val("ownership", "status_on")); }, Some("eng-on-hint")))
                        }
                        (field(tr, "ow-evidence", "evidence", html! { textarea #ow-evidence name="evidence" rows="2" maxlength="2000" { (val("ownership", "evidence")) } }, None))
                        button.primary type="submit" { (tr.t("eng-record-ownership")) }
                    }
                }
            }
        }

        section.card #assessments {
            h2 { (tr.t("asm-title")) }
            @if v.assessments.is_empty() { p.muted { (tr.t("asm-none")) } } @else {
                (super::assessments::assessments_table(tr, &v.assessments, false))
            }
            p { a href=(format!("/programme/assessments?country={code}")) { (tr.t("asm-of-country")) } }
        }
    };
    eng_page(s, &format!("/programme/countries/{code}"), &c.country_name, body)
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    Query(n): Query<Notice>,
) -> Response {
    match state.app.partner_country(&s.caller(), &country).await {
        Ok(v) => {
            let notice = n.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            country_view(&s, &v, notice, None)
        }
        Err(e) => page_error(e, s.tr),
    }
}

/// After a form: on success back to its section; a refusal of access as an error page; bad
/// input as the country page again with the form, what was typed and the message.
pub(super) async fn after_form(
    state: &AppState,
    s: &SignedIn,
    country: &str,
    form_name: &str,
    anchor: &str,
    data: &FormData,
    result: Result<(), AppError>,
) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!(
            "/programme/countries/{}?done=saved#{anchor}",
            country.trim().to_ascii_uppercase()
        ))
        .into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.partner_country(&s.caller(), country).await {
            Ok(v) => {
                let failed = Failed { form: form_name, message: form_error(s, &e), data };
                with_status(country_view(s, &v, None, Some(&failed)), &e)
            }
            Err(other) => page_error(other, s.tr),
        },
    }
}

pub(crate) async fn profile(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    form: FormData,
) -> Response {
    let input = ProfileInput { modality: form.get("modality").into(), protocol: form.get("protocol").into() };
    let r = state.app.set_country_profile(&s.caller(), &country, &input).await;
    after_form(&state, &s, &country, "profile", "protocol", &form, r).await
}

pub(crate) async fn step(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    form: FormData,
) -> Response {
    let input = StepInput {
        stage: form.get("stage").into(),
        on: Some(form.get("on").into()),
        evidence: form.get("evidence").into(),
        note: form.get("note").into(),
    };
    let r = state.app.record_engagement_step(&s.caller(), &country, &input).await.map(|_| ());
    after_form(&state, &s, &country, "step", "stage", &form, r).await
}

pub(crate) async fn focal_point(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    form: FormData,
) -> Response {
    let input = FocalPointInput {
        person: form.get("person").into(),
        institution: form.get("institution").into(),
        role: form.get("role").into(),
        nominated_on: form.get("nominated_on").into(),
        contact_protocol: form.get("contact_protocol").into(),
        username: Some(form.get("username").into()),
    };
    let r = state.app.add_focal_point(&s.caller(), &country, &input).await.map(|_| ());
    after_form(&state, &s, &country, "focal", "focal-points", &form, r).await
}

pub(crate) async fn stakeholder(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    form: FormData,
) -> Response {
    let input = StakeholderInput {
        name: form.get("name").into(),
        institution: form.get("institution").into(),
        prong: form.get("prong").into(),
        influence: form.get("influence").into(),
        interest: form.get("interest").into(),
        note: form.get("note").into(),
    };
    let r = state.app.add_stakeholder(&s.caller(), &country, &input).await.map(|_| ());
    after_form(&state, &s, &country, "stakeholder", "stakeholders", &form, r).await
}

pub(crate) async fn log(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    form: FormData,
) -> Response {
    let input = LogInput {
        kind: form.get("kind").into(),
        occurred_on: form.get("occurred_on").into(),
        who: form.get("who").into(),
        summary: form.get("summary").into(),
        decided: form.get("decided").into(),
    };
    let r = state.app.add_engagement_log(&s.caller(), &country, &input).await.map(|_| ());
    after_form(&state, &s, &country, "log", "log", &form, r).await
}

pub(crate) async fn ownership(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    form: FormData,
) -> Response {
    let input = OwnershipInput {
        criterion: form.get("criterion").into(),
        status: form.get("status").into(),
        status_on: Some(form.get("status_on").into()),
        evidence: form.get("evidence").into(),
    };
    let r = state.app.record_ownership(&s.caller(), &country, &input).await.map(|_| ());
    after_form(&state, &s, &country, "ownership", "ownership", &form, r).await
}

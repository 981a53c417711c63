//! Consultative missions: the mission page (dates, place, stakeholder groups met, findings, the
//! prioritised needs and the activities they became), the form to add a need and, per need not
//! yet planned, the form that turns it into a workplan activity. Missions are recorded from
//! their country's page.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::missions::{pillar_codes, MissionInput, MissionView, NeedActivityInput, NeedInput};
use praxis_app::AppError;

use super::countries::{after_form, eng_page, field_name, form_error, with_status, Failed};
use super::layout::{alert, csrf_input, ltr};
use super::FormData;
use crate::error::page_error;
use crate::session::SignedIn;
use crate::AppState;

#[derive(serde::Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
}

fn mission_view(s: &SignedIn, m: &MissionView, notice: Option<Markup>, failed: Option<&Failed>) -> Response {
    let tr = s.tr;
    let err = |form: &str| failed.filter(|f| f.form == form).map(|f| alert("error", &f.message));
    let val = |form: &str, k: &str| {
        failed.filter(|f| f.form == form).map(|f| f.data.get(k).to_owned()).unwrap_or_default()
    };
    let body = html! {
        (super::indicators::programme_tabs(tr, "countries"))
        p { a href=(format!("/programme/countries/{}#missions", m.country)) { (m.country_name) } }
        h1 { (m.title) }
        p.muted {
            (ltr(&format!("{} – {}", m.start_on, m.end_on))) " · " (m.place) " · "
            @if m.in_capital { (tr.t("mission-capital")) } @else { (tr.t("mission-not-capital")) }
        }
        @if let Some(n) = notice { (n) }
        section.card #groups {
            h2 { (field_name(tr, "groups")) }
            ul { @for g in &m.groups { li { (tr.t(&format!("mission-group-{g}"))) } } }
        }
        section.card #findings {
            h2 { (field_name(tr, "findings")) }
            @if m.findings.is_empty() { p.muted { "–" } } @else { @for line in m.findings.lines() { p { (line) } } }
        }
        section.card #needs {
            h2 { (tr.t("mission-needs")) }
            @if m.needs.is_empty() { p.muted { (tr.t("mission-no-needs")) } } @else {
                table #needs-table {
                    thead { tr {
                        th { (field_name(tr, "priority")) } th { (field_name(tr, "pillar")) } th { (field_name(tr, "need")) } th { (tr.t("mission-activity")) }
                    } }
                    tbody { @for n in &m.needs {
                        tr id=(format!("need-{}", n.id)) {
                            td { (n.priority) } td { (tr.t(&format!("pillar-{}", n.pillar))) } td { (n.need) }
                            td {
                                @match &n.activity {
                                    Some(a) => { a href="/programme/indicators#activities" { (ltr(&a.identifier)) } " " (a.title) },
                                    None => {
                                        @if m.permissions.make_activity {
                                            details open[failed.is_some_and(|f| f.form == format!("activity-{}", n.id))] {
                                                summary { (tr.t("mission-make-activity")) }
                                                @if let Some(a) = err(&format!("activity-{}", n.id)) { (a) }
                                                @let f = format!("activity-{}", n.id);
                                                form method="post" action=(format!("/programme/missions/{}/needs/{}/activity", m.id, n.id)) {
                                                    (csrf_input(&s.csrf))
                                                    div.field {
                                                        label for=(format!("na-{}-identifier", n.id)) { (field_name(tr, "identifier")) }
                                                        input id=(format!("na-{}-identifier", n.id)) name="identifier" type="text" dir="ltr" required maxlength="120" value=(val(&f, "identifier")) placeholder="XX-DEMO-PAK-2027-01";
                                                    }
                                                    div.field {
                                                        label for=(format!("na-{}-reporting_org", n.id)) { (field_name(tr, "reporting_org")) }
                                                        input id=(format!("na-{}-reporting_org", n.id)) name="reporting_org" type="text" dir="ltr" required maxlength="60" value=(val(&f, "reporting_org")) placeholder="XX-DEMO";
                                                    }
                                                    div.field {
                                                        label for=(format!("na-{}-title", n.id)) { (field_name(tr, "title")) }
                                                        input id=(format!("na-{}-title", n.id)) name="title" type="text" maxlength="200" value=(val(&f, "title"));
                                                        p.hint { (tr.t("mission-title-hint")) }
                                                    }
                                                    div.field {
                                                        label for=(format!("na-{}-start_on", n.id)) { (field_name(tr, "start_on")) }
                                                        input id=(format!("na-{}-start_on", n.id)) name="start_on" type="date" required value=(val(&f, "start_on"));
                                                    }
                                                    div.field {
                                                        label for=(format!("na-{}-end_on", n.id)) { (field_name(tr, "end_on")) }
                                                        input id=(format!("na-{}-end_on", n.id)) name="end_on" type="date" value=(val(&f, "end_on"));
                                                    }
                                                    button.primary type="submit" { (tr.t("mission-make-activity")) }
                                                }
                                            }
                                        } @else { span.muted { (tr.t("mission-not-planned")) } }
                                    },
                                }
                            }
                        }
                    } }
                }
            }
            @if m.permissions.write {
                h3 { (tr.t("mission-add-need")) }
                @if let Some(a) = err("need") { (a) }
                form method="post" action=(format!("/programme/missions/{}/needs", m.id)) {
                    (csrf_input(&s.csrf))
                    div.grid {
                        div.field {
                            label for="nd-priority" { (field_name(tr, "priority")) }
                            input #nd-priority name="priority" type="number" min="1" max="9" required value=(val("need", "priority"));
                            p.hint { (tr.t("mission-priority-hint")) }
                        }
                        div.field {
                            label for="nd-pillar" { (field_name(tr, "pillar")) }
                            select #nd-pillar name="pillar" {
                                @for p in pillar_codes() { option value=(p) selected[val("need", "pillar") == p] { (tr.t(&format!("pillar-{p}"))) } }
                            }
                        }
                    }
                    div.field {
                        label for="nd-need" { (field_name(tr, "need")) }
                        textarea #nd-need name="need" rows="2" required maxlength="2000" { (val("need", "need")) }
                    }
                    button.primary type="submit" { (tr.t("mission-add-need")) }
                }
            }
        }
    };
    eng_page(s, &format!("/programme/missions/{}", m.id), &m.title, body)
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(n): Query<Notice>,
) -> Response {
    match state.app.mission(&s.caller(), id).await {
        Ok(m) => {
            let notice = n.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            mission_view(&s, &m, notice, None)
        }
        Err(e) => page_error(e, s.tr),
    }
}

/// Records a mission from the country page.
pub(crate) async fn create(
    State(state): State<AppState>,
    s: SignedIn,
    Path(country): Path<String>,
    form: FormData,
) -> Response {
    let input = MissionInput {
        country: country.clone(),
        title: form.get("title").into(),
        start_on: form.get("start_on").into(),
        end_on: form.get("end_on").into(),
        place: form.get("place").into(),
        in_capital: form.checked("in_capital"),
        groups: form.all("groups"),
        findings: form.get("findings").into(),
    };
    match state.app.create_mission(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/missions/{id}?done=created")).into_response(),
        Err(e) => after_form(&state, &s, &country, "mission", "missions", &form, Err(e)).await,
    }
}

async fn after_mission_form(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    form_name: &str,
    data: &FormData,
    result: Result<i64, AppError>,
) -> Response {
    match result {
        Ok(_) => Redirect::to(&format!("/programme/missions/{id}?done=saved#needs")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.mission(&s.caller(), id).await {
            Ok(m) => {
                let failed = Failed { form: form_name, message: form_error(s, &e), data };
                with_status(mission_view(s, &m, None, Some(&failed)), &e)
            }
            Err(other) => page_error(other, s.tr),
        },
    }
}

pub(crate) async fn need(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = NeedInput {
        priority: form.get("priority").into(),
        pillar: form.get("pillar").into(),
        need: form.get("need").into(),
    };
    let r = state.app.add_mission_need(&s.caller(), id, &input).await;
    after_mission_form(&state, &s, id, "need", &form, r).await
}

pub(crate) async fn need_activity(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, need)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let opt = |k: &str| Some(form.get(k).to_owned()).filter(|v| !v.trim().is_empty());
    let input = NeedActivityInput {
        identifier: form.get("identifier").into(),
        reporting_org: form.get("reporting_org").into(),
        title: form.get("title").into(),
        description: form.get("description").into(),
        start_on: form.get("start_on").into(),
        end_on: opt("end_on"),
        budget: opt("budget"),
        currency: opt("currency"),
    };
    let r = state.app.make_activity_from_need(&s.caller(), id, need, &input).await;
    let name = format!("activity-{need}");
    after_mission_form(&state, &s, id, &name, &form, r).await
}

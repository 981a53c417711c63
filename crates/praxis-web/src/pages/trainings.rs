//! Trainings and capacity building: the list with people counted (women among them) and the form
//! to record a training; a training's page with participants, scores and knowledge gain (how it
//! is computed is written on the page), breakdowns by sector and age band with the female share,
//! trainers (national experts marked), follow-ups at the job, and the forms to add each and to
//! import participants from CSV (all or nothing); the mentoring list. Forms post and redirect.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::trainings::{
    FollowupInput, Headcount, MentoringInput, MentoringList, NewTrainingInput, ParticipantInput,
    TrainerInput, TrainingList, TrainingView, AGE_BANDS, CSV_COLUMNS, MODALITIES, SECTORS, SEXES,
};
use praxis_app::AppError;

use super::indicators::programme_tabs;
use super::layout::{alert, csrf_input, ltr};
use super::workplans::{field, with_status, wp_error, wp_page};
use super::FormData;
use crate::error::page_error;
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

/// "12 (5 women, 41.7 %)"
fn headcount(tr: Tr, h: &Headcount) -> Markup {
    html! {
        (h.total) " "
        span.muted { "(" (tr.a("trn-women", &[("female", &h.female.to_string())])) @if let Some(s) = &h.female_share { ", " (ltr(&format!("{s} %"))) } ")" }
    }
}

fn options(tr: Tr, name: &str, id: &str, values: &[&str], key: &str) -> Markup {
    html! {
        select id=(id) name=(name) {
            @for v in values { option value=(v) { @if key.is_empty() { (v) } @else { (tr.t(&format!("{key}-{v}"))) } } }
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    done: Option<String>,
    #[serde(default)]
    country: String,
}

fn list_view(s: &SignedIn, l: &TrainingList, country: &str, msg: Option<Markup>) -> Response {
    let tr = s.tr;
    let body = html! {
        (programme_tabs(tr, "trainings"))
        h1 { (tr.t("trn-title")) }
        p.muted { (tr.t("trn-intro")) }
        @if let Some(m) = msg { (m) }
        section.card {
            form.filters method="get" action="/programme/trainings" {
                div.field {
                    label for="f-country" { (tr.t("field-country")) }
                    input #f-country name="country" type="text" dir="ltr" size="8" value=(country) placeholder="PK, regional";
                }
                button type="submit" { (tr.t("ind-filter")) }
            }
            dl.facts #totals {
                dt { (tr.t("trn-participants")) } dd { (headcount(tr, &l.participants)) }
                dt { (tr.t("trn-trainers")) } dd { (headcount(tr, &l.trainers)) }
                dt { (tr.t("trn-national-experts")) } dd { (l.national_experts) }
            }
            @if l.trainings.is_empty() { p.muted { (tr.t("trn-none")) } } @else {
                table #trainings {
                    thead { tr {
                        th { (tr.t("field-title")) } th { (tr.t("field-country")) } th { (tr.t("ind-dates")) }
                        th { (tr.t("wp-place")) } th { (tr.t("trn-modality")) } th { (tr.t("trn-participants")) }
                        th { (tr.t("trn-trainers")) } th { (tr.t("trn-mean-gain")) }
                    } }
                    tbody { @for t in &l.trainings {
                        tr {
                            td { a href=(format!("/programme/trainings/{}", t.id)) { (t.title) } }
                            td { @match &t.country_name { Some(n) => (n), None => (tr.t("ind-regional")) } }
                            td { (ltr(&format!("{} – {}", t.start_on, t.last_day))) }
                            td { (t.place) @if let Some(a) = &t.area_name { ", " (a) } " "
                                span.badge { @if t.capital { (tr.t("wp-capital")) } @else { (tr.t("wp-outside-capital")) } } }
                            td { (tr.t(&format!("trn-modality-{}", t.modality))) }
                            td { (headcount(tr, &t.participants)) }
                            td { (headcount(tr, &t.trainers)) }
                            td { @match &t.gain { Some(g) => (ltr(&g.mean_gain)), None => "–" } }
                        }
                    } }
                }
            }
        }
        @if l.may_create {
            section.card #new-training {
                h2 { (tr.t("trn-new")) }
                form method="post" action="/programme/trainings" {
                    (csrf_input(&s.csrf))
                    (field(tr, "t-activity", "ind-activity", html! {
                        select #t-activity name="activity" required { @for (id, name) in &l.activities { option value=(id) { (name) } } }
                    }, None))
                    (field(tr, "t-title", "field-title", html! { input #t-title name="title" type="text" required maxlength="200"; }, None))
                    div.grid {
                        (field(tr, "t-start_on", "ind-start", html! { input #t-start_on name="start_on" type="date" required; }, None))
                        (field(tr, "t-last_day", "wp-last-day", html! { input #t-last_day name="last_day" type="date" required; }, None))
                        (field(tr, "t-modality", "trn-modality", options(tr, "modality", "t-modality", &MODALITIES, "trn-modality"), None))
                    }
                    div.grid {
                        (field(tr, "t-place", "wp-place", html! { input #t-place name="place" type="text" required maxlength="200"; }, None))
                        (field(tr, "t-area", "wp-area", html! { input #t-area name="area" type="text" dir="ltr" size="8" maxlength="6" placeholder="PK-PB"; }, Some("wp-area-hint")))
                        div.field { label { input type="checkbox" name="capital" value="yes"; " " (tr.t("wp-capital")) } }
                    }
                    button.primary type="submit" { (tr.t("trn-create")) }
                }
            }
        }
    };
    wp_page(s, "/programme/trainings", &tr.t("trn-title"), body)
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    match state.app.trainings(&s.caller(), Some(&q.country)).await {
        Ok(l) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            list_view(&s, &l, &q.country, notice)
        }
        Err(e @ AppError::Invalid(_)) => match state.app.trainings(&s.caller(), None).await {
            Ok(l) => with_status(list_view(&s, &l, &q.country, Some(alert("error", &wp_error(&s, &e)))), &e),
            Err(e) => page_error(e, s.tr),
        },
        Err(e) => page_error(e, s.tr),
    }
}

fn opt(form: &FormData, k: &str) -> Option<String> {
    Some(form.get(k).trim().to_owned()).filter(|v| !v.is_empty())
}

fn score(form: &FormData, k: &str) -> Result<Option<i64>, AppError> {
    match opt(form, k) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            AppError::invalid(
                if k == "pre_score" { "pre_score" } else { "post_score" },
                "invalid",
                format!("{v:?} is not a whole number from 0 to 100"),
            )
        }),
    }
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewTrainingInput {
        activity: form.get("activity").trim().parse().unwrap_or(0),
        title: form.get("title").into(),
        start_on: form.get("start_on").into(),
        last_day: form.get("last_day").into(),
        place: form.get("place").into(),
        area: opt(&form, "area"),
        capital: form.checked("capital"),
        modality: form.get("modality").into(),
    };
    match state.app.create_training(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/trainings/{id}?done=created")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.trainings(&s.caller(), None).await {
            Ok(l) => with_status(list_view(&s, &l, "", Some(alert("error", &wp_error(&s, &e)))), &e),
            Err(e) => page_error(e, s.tr),
        },
    }
}

// ---------------------------------------------------------------- one training

fn training_view(s: &SignedIn, v: &TrainingView, msg: Option<Markup>) -> Response {
    let tr = s.tr;
    let t = &v.summary;
    let body = html! {
        (programme_tabs(tr, "trainings"))
        p { a href="/programme/trainings" { "← " (tr.t("trn-title")) } }
        h1 { (t.title) }
        p.muted {
            a href=(format!("/programme/activities/{}", t.activity)) { (ltr(&t.activity_identifier)) } " · "
            (ltr(&format!("{} – {}", t.start_on, t.last_day))) " · " (t.place)
            @if let Some(a) = &t.area_name { ", " (a) } " · "
            @if t.capital { (tr.t("wp-capital")) } @else { (tr.t("wp-outside-capital")) } " · "
            (tr.t(&format!("trn-modality-{}", t.modality)))
        }
        @if let Some(m) = msg { (m) }
        section.card #summary {
            dl.facts {
                dt { (tr.t("trn-participants")) } dd { (headcount(tr, &t.participants)) }
                dt { (tr.t("trn-trainers")) } dd { (headcount(tr, &t.trainers)) " · " (tr.t("trn-national-experts")) ": " (t.national_experts) }
                @if let Some(g) = &t.gain {
                    dt { (tr.t("trn-tested")) } dd { (g.tested) }
                    dt { (tr.t("trn-mean-scores")) } dd { (ltr(&format!("{} → {}", g.mean_pre, g.mean_post))) }
                    dt { (tr.t("trn-mean-gain")) } dd { (ltr(&g.mean_gain)) }
                    dt { (tr.t("trn-normalised-gain")) } dd { (ltr(g.normalised_gain.as_deref().unwrap_or("–"))) }
                }
            }
            p.hint { (tr.t("trn-gain-explain")) }
        }
        section.card #participants {
            h2 { (tr.t("trn-participants")) }
            @if v.participants.is_empty() { p.muted { (tr.t("trn-no-participants")) } } @else {
                table {
                    thead { tr {
                        th { "#" } th { (tr.t("field-name")) } th { (tr.t("trn-sex")) } th { (tr.t("trn-age")) }
                        th { (tr.t("trn-institution")) } th { (tr.t("trn-sector")) } th { (tr.t("trn-role")) } th { (tr.t("wp-area")) }
                        th { (tr.t("trn-pre")) } th { (tr.t("trn-post")) } th { (tr.t("trn-gain")) } th { (tr.t("trn-normalised-gain")) }
                    } }
                    tbody { @for (i, p) in v.participants.iter().enumerate() {
                        tr id=(format!("p-{}", p.id)) {
                            td { (i + 1) } td { (p.name) } td { (tr.t(&format!("trn-sex-{}", p.sex))) } td { (ltr(&p.age_band)) }
                            td { (p.institution) } td { (tr.t(&format!("trn-sector-{}", p.sector))) } td { (p.role) }
                            td { (ltr(p.area.as_deref().unwrap_or(""))) }
                            td { (p.pre_score.map(|x| x.to_string()).unwrap_or_default()) }
                            td { (p.post_score.map(|x| x.to_string()).unwrap_or_default()) }
                            td { (p.gain.map(|x| format!("{x:+}")).unwrap_or_default()) }
                            td { (p.normalised_gain.clone().unwrap_or_default()) }
                        }
                    } }
                }
            }
            div.grid {
                @for (title, rows, key) in [("trn-sector", &v.by_sector, "trn-sector"), ("trn-age", &v.by_age_band, "")] {
                    table {
                        thead { tr { th { (tr.t(title)) } th { (tr.t("trn-participants")) } } }
                        tbody { @for b in rows.iter() {
                            tr { td { @if key.is_empty() { (ltr(&b.category)) } @else { (tr.t(&format!("{key}-{}", b.category))) } } td { (headcount(tr, &b.count)) } }
                        } }
                    }
                }
            }
        }
        section.card #trainers {
            h2 { (tr.t("trn-trainers")) }
            @if v.trainers.is_empty() { p.muted { "–" } } @else {
                table {
                    thead { tr { th { (tr.t("field-name")) } th { (tr.t("trn-sex")) } th { (tr.t("trn-institution")) } th { (tr.t("trn-national-expert")) } } }
                    tbody { @for t in &v.trainers {
                        tr { td { (t.name) } td { (tr.t(&format!("trn-sex-{}", t.sex))) } td { (t.institution) }
                            td { @if t.national_expert { span.badge { "✓ " (tr.t("trn-national-expert")) } } } }
                    } }
                }
            }
        }
        section.card #followups {
            h2 { (tr.t("trn-followups")) }
            p.hint { (tr.t("trn-followups-explain")) }
            @if v.followups.is_empty() { p.muted { "–" } } @else {
                table {
                    thead { tr { th { (tr.t("trn-observed-on")) } th { (tr.t("trn-level")) } th { (tr.t("trn-about")) } th { (tr.t("wp-note")) } th { (tr.t("wp-answered-by")) } } }
                    tbody { @for f in &v.followups {
                        tr {
                            td { (ltr(&f.observed_on)) }
                            td { (tr.t(&format!("trn-level-{}", f.level))) }
                            td { @match &f.participant_label { Some(l) => (l), None => (tr.t("trn-the-event")) } }
                            td { (f.note) }
                            td { (f.recorded_by.clone().unwrap_or_default()) }
                        }
                    } }
                }
            }
        }
        @if v.may_write {
            section.card #add-participant {
                h2 { (tr.t("trn-add-participant")) }
                form method="post" action=(format!("/programme/trainings/{}/participants", t.id)) {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "p-name", "field-name", html! { input #p-name name="name" type="text" maxlength="200"; }, Some("trn-name-hint")))
                        (field(tr, "p-sex", "trn-sex", options(tr, "sex", "p-sex", &SEXES, "trn-sex"), None))
                        (field(tr, "p-age_band", "trn-age", options(tr, "age_band", "p-age_band", &AGE_BANDS, ""), None))
                        (field(tr, "p-sector", "trn-sector", options(tr, "sector", "p-sector", &SECTORS, "trn-sector"), None))
                    }
                    div.grid {
                        (field(tr, "p-institution", "trn-institution", html! { input #p-institution name="institution" type="text" required maxlength="200"; }, None))
                        (field(tr, "p-role", "trn-role", html! { input #p-role name="role" type="text" maxlength="200"; }, None))
                        (field(tr, "p-area", "wp-area", html! { input #p-area name="area" type="text" dir="ltr" size="8" maxlength="6"; }, None))
                        (field(tr, "p-pre", "trn-pre", html! { input #p-pre name="pre_score" type="number" min="0" max="100"; }, None))
                        (field(tr, "p-post", "trn-post", html! { input #p-post name="post_score" type="number" min="0" max="100"; }, None))
                    }
                    button.primary type="submit" { (tr.t("trn-add")) }
                }
            }
            section.card #import {
                h2 { (tr.t("trn-import")) }
                p.hint { (tr.t("trn-import-hint")) " " code dir="ltr" { (CSV_COLUMNS.join(",")) } }
                form method="post" action=(format!("/programme/trainings/{}/participants/import", t.id)) {
                    (csrf_input(&s.csrf))
                    (field(tr, "csv", "trn-csv", html! { textarea #csv name="csv" rows="6" dir="ltr" required { (CSV_COLUMNS.join(",")) "\n" } }, None))
                    button.primary type="submit" { (tr.t("trn-import-button")) }
                }
            }
            section.card #add-trainer {
                h2 { (tr.t("trn-add-trainer")) }
                form method="post" action=(format!("/programme/trainings/{}/trainers", t.id)) {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "tr-name", "field-name", html! { input #tr-name name="name" type="text" required maxlength="200"; }, None))
                        (field(tr, "tr-sex", "trn-sex", options(tr, "sex", "tr-sex", &SEXES, "trn-sex"), None))
                        (field(tr, "tr-institution", "trn-institution", html! { input #tr-institution name="institution" type="text" required maxlength="200"; }, None))
                        div.field { label { input type="checkbox" name="national_expert" value="yes"; " " (tr.t("trn-national-expert")) } }
                    }
                    button.primary type="submit" { (tr.t("trn-add")) }
                }
            }
            section.card #add-followup {
                h2 { (tr.t("trn-add-followup")) }
                form method="post" action=(format!("/programme/trainings/{}/followups", t.id)) {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "f-level", "trn-level", html! { select #f-level name="level" { option value="3" { (tr.t("trn-level-3")) } option value="4" { (tr.t("trn-level-4")) } } }, None))
                        (field(tr, "f-observed_on", "trn-observed-on", html! { input #f-observed_on name="observed_on" type="date" required; }, None))
                        (field(tr, "f-participant", "trn-about", html! {
                            select #f-participant name="participant" {
                                option value="" { (tr.t("trn-the-event")) }
                                @for (i, p) in v.participants.iter().enumerate() {
                                    option value=(p.id) { @if p.name.is_empty() { "#" (i + 1) } @else { (p.name) } }
                                }
                            }
                        }, None))
                    }
                    (field(tr, "f-note", "wp-note", html! { textarea #f-note name="note" rows="2" required {} }, None))
                    button.primary type="submit" { (tr.t("trn-add")) }
                }
            }
        }
    };
    wp_page(s, &format!("/programme/trainings/{}", t.id), &t.title, body)
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct DoneQuery {
    done: Option<String>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> Response {
    match state.app.training(&s.caller(), id).await {
        Ok(v) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            training_view(&s, &v, notice)
        }
        Err(e) => page_error(e, s.tr),
    }
}

async fn after(state: &AppState, s: &SignedIn, id: i64, r: Result<(), AppError>, anchor: &str) -> Response {
    match r {
        Ok(()) => Redirect::to(&format!("/programme/trainings/{id}?done=saved#{anchor}")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.training(&s.caller(), id).await {
            Ok(v) => with_status(training_view(s, &v, Some(alert("error", &wp_error(s, &e)))), &e),
            Err(e) => page_error(e, s.tr),
        },
    }
}

pub(crate) async fn add_participant(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let r = async {
        let input = ParticipantInput {
            name: form.get("name").into(),
            sex: form.get("sex").into(),
            age_band: form.get("age_band").into(),
            institution: form.get("institution").into(),
            sector: form.get("sector").into(),
            role: form.get("role").into(),
            area: opt(&form, "area"),
            pre_score: score(&form, "pre_score")?,
            post_score: score(&form, "post_score")?,
        };
        state.app.add_participant(&s.caller(), id, &input).await.map(|_| ())
    }
    .await;
    after(&state, &s, id, r, "participants").await
}

pub(crate) async fn import(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let r = state.app.import_participants(&s.caller(), id, form.get("csv")).await.map(|_| ());
    after(&state, &s, id, r, "participants").await
}

pub(crate) async fn add_trainer(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = TrainerInput {
        name: form.get("name").into(),
        sex: form.get("sex").into(),
        institution: form.get("institution").into(),
        national_expert: form.checked("national_expert"),
    };
    let r = state.app.add_trainer(&s.caller(), id, &input).await.map(|_| ());
    after(&state, &s, id, r, "trainers").await
}

pub(crate) async fn add_followup(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let input = FollowupInput {
        participant: form.get("participant").trim().parse().ok(),
        level: form.get("level").trim().parse().unwrap_or(0),
        observed_on: form.get("observed_on").into(),
        note: form.get("note").into(),
    };
    let r = state.app.add_followup(&s.caller(), id, &input).await.map(|_| ());
    after(&state, &s, id, r, "followups").await
}

// ---------------------------------------------------------------- mentoring

fn mentoring_view(s: &SignedIn, l: &MentoringList, msg: Option<Markup>) -> Response {
    let tr = s.tr;
    let body = html! {
        (programme_tabs(tr, "mentoring"))
        h1 { (tr.t("trn-mentoring")) }
        p.muted { (tr.t("trn-mentoring-intro")) }
        @if let Some(m) = msg { (m) }
        section.card {
            @if l.pairs.is_empty() { p.muted { (tr.t("trn-no-mentoring")) } } @else {
                table #mentoring {
                    thead { tr {
                        th { (tr.t("trn-mentor")) } th { (tr.t("trn-mentee")) } th { (tr.t("trn-institution")) }
                        th { (tr.t("field-country")) } th { (tr.t("ind-dates")) } th { (tr.t("wp-note")) }
                    } }
                    tbody { @for m in &l.pairs {
                        tr {
                            td { (m.mentor) } td { (m.mentee) } td { (m.institution) }
                            td { @match &m.country_name { Some(n) => (n), None => (tr.t("ind-regional")) } }
                            td { (ltr(&format!("{} – {}", m.start_on, m.end_on.clone().unwrap_or_else(|| "…".into())))) }
                            td { (m.notes) }
                        }
                    } }
                }
            }
        }
        @if l.may_create {
            section.card #new-mentoring {
                h2 { (tr.t("trn-new-mentoring")) }
                form method="post" action="/programme/mentoring" {
                    (csrf_input(&s.csrf))
                    div.grid {
                        (field(tr, "m-mentor", "trn-mentor", html! { input #m-mentor name="mentor" type="text" required maxlength="200"; }, None))
                        (field(tr, "m-mentee", "trn-mentee", html! { input #m-mentee name="mentee" type="text" required maxlength="200"; }, None))
                        (field(tr, "m-institution", "trn-institution", html! { input #m-institution name="institution" type="text" required maxlength="200"; }, None))
                        (field(tr, "m-country", "field-country", html! { input #m-country name="country" type="text" dir="ltr" size="4" maxlength="2"; }, None))
                    }
                    div.grid {
                        (field(tr, "m-start_on", "ind-start", html! { input #m-start_on name="start_on" type="date" required; }, None))
                        (field(tr, "m-end_on", "ind-end", html! { input #m-end_on name="end_on" type="date"; }, None))
                    }
                    (field(tr, "m-notes", "wp-note", html! { textarea #m-notes name="notes" rows="2" {} }, None))
                    button.primary type="submit" { (tr.t("trn-add")) }
                }
            }
        }
    };
    wp_page(s, "/programme/mentoring", &tr.t("trn-mentoring"), body)
}

pub(crate) async fn mentoring(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<DoneQuery>,
) -> Response {
    match state.app.mentoring(&s.caller()).await {
        Ok(l) => {
            let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
            mentoring_view(&s, &l, notice)
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn add_mentoring(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = MentoringInput {
        mentor: form.get("mentor").into(),
        mentee: form.get("mentee").into(),
        institution: form.get("institution").into(),
        country: opt(&form, "country"),
        start_on: form.get("start_on").into(),
        end_on: opt(&form, "end_on"),
        notes: form.get("notes").into(),
    };
    match state.app.create_mentoring(&s.caller(), &input).await {
        Ok(_) => Redirect::to("/programme/mentoring?done=created").into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.mentoring(&s.caller()).await {
            Ok(l) => with_status(mentoring_view(&s, &l, Some(alert("error", &wp_error(&s, &e)))), &e),
            Err(e) => page_error(e, s.tr),
        },
    }
}

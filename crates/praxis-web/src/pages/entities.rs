//! A case's entities page (the network chart, the entities with their provenance, the relations,
//! forms to add them, FollowTheMoney import and export) and the links section of the case page.

use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, PreEscaped};
use praxis_app::entities::{relation_kinds, schemata, EntityInput, Properties, RelationInput};
use praxis_app::links::CaseLinks;
use praxis_app::AppError;

use super::account::form_error;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, network_svg, FormData};
use crate::error::{page_error, status_of};
use crate::session::{urlencode, SignedIn};
use crate::AppState;

fn judge_forms(s: &SignedIn, case: i64, key: &str, judgement: Option<&str>) -> Markup {
    let tr = s.tr;
    html! {
        @if let Some(j) = judgement { " " span.badge { (tr.t(&format!("ent-judged-{j}"))) } }
        @else {
            form.inline method="post" action=(format!("/cases/{case}/links/judge")) {
                (csrf_input(&s.csrf))
                input type="hidden" name="key" value=(key);
                button.link type="submit" name="verdict" value="confirmed" { (tr.t("ent-confirm")) }
                " · "
                button.link type="submit" name="verdict" value="rejected" { (tr.t("ent-reject")) }
            }
        }
    }
}

/// "Links to other cases" on the case page; those who may write the case confirm or reject them.
pub(crate) fn links_section(s: &SignedIn, case: i64, write: bool, links: &CaseLinks) -> Markup {
    let tr = s.tr;
    html! {
        section.card #links {
            h2 { (tr.t("ent-links")) }
            p { a href=(format!("/cases/{case}/entities")) { (tr.t("ent-open")) } }
            @if links.links.is_empty() { p.muted { (tr.t("ent-no-links")) } }
            ul { @for l in &links.links {
                li {
                    @match &l.other_case {
                        Some(c) => {
                            (l.ours) " — " (tr.t(&format!("ent-selector-{}", l.selector.replace([' ', '-'], "_")))) " — "
                            a href=(format!("/cases/{}", c.id)) { (ltr(&c.reference)) " " (c.title) } ": " (l.theirs.clone().unwrap_or_default())
                            p.hint { (l.explanation) }
                            @if write { (judge_forms(s, case, &l.key, l.judgement.as_deref())) }
                        }
                        None => {
                            (l.ours) " — " strong { (tr.a("ent-hit", &[("selector", &tr.t(&format!("ent-selector-{}", l.selector.replace([' ', '-'], "_")))), ("org", &l.holder_org), ("country", &l.holder_country)])) }
                            p.hint { (tr.t("ent-hit-next")) }
                            @if write { (judge_forms(s, case, &l.key, l.judgement.as_deref())) }
                        }
                    }
                }
            } }
            @if !links.duplicates.is_empty() {
                h3 { (tr.t("ent-duplicates")) }
                ul { @for d in &links.duplicates { li { (d.left) " ≈ " (d.right) p.hint { (d.explanation) }
                    @if write { (judge_forms(s, case, &d.key, d.judgement.as_deref())) } } } }
            }
            @if links.rejected > 0 { p.muted { (tr.a("ent-rejected-count", &[("count", &links.rejected.to_string())])) } }
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct EntitiesQuery {
    #[serde(default)]
    zoom: Option<u32>,
    #[serde(default)]
    done: Option<String>,
}

fn props_text(p: &Properties) -> String {
    p.iter().map(|(k, v)| format!("{k}: {}", v.join("; "))).collect::<Vec<_>>().join(" · ")
}

async fn entities_view(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    zoom: u32,
    notice: Option<Markup>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let case = match state.app.case(&caller, id).await {
        Ok(c) => c,
        Err(e) => return page_error(e, tr),
    };
    let (entities, relations) = match state.app.case_entities(&caller, id).await {
        Ok(x) => x,
        Err(e) => return page_error(e, tr),
    };
    let caption =
        |eid: i64| entities.iter().find(|e| e.id == eid).map(|e| e.caption.clone()).unwrap_or_default();
    let width = 640 * zoom.clamp(1, 3);
    let chart = network_svg::network(&entities, &relations, width, &tr.t("ent-network"), |k| {
        tr.t(&format!("ent-rel-{k}"))
    });
    let path = format!("/cases/{id}/entities");
    let write = case.permissions.write;
    let body = html! {
        @if let Some(n) = notice { (n) }
        p.muted { a href=(format!("/cases/{id}")) { "← " (ltr(&case.case.reference)) " · " (case.case.title) } }
        h1 { (tr.t("ent-title")) }
        section.card #network {
            h2 { (tr.t("ent-network")) }
            p.muted { (tr.t("ent-network-explain")) " "
                @for z in 1..=3u32 { a href=(format!("{path}?zoom={z}#network")) aria-current=[(z == zoom).then_some("true")] { "×" (z) } " " } }
            div.diagram.scroll { (PreEscaped(chart)) }
            p.legend { "P " (tr.t("ent-schema-Person")) " · C " (tr.t("ent-schema-Company")) " · A " (tr.t("ent-schema-BankAccount")) " · L " (tr.t("ent-schema-Address")) " · D " (tr.t("ent-schema-Passport")) " · V " (tr.t("ent-schema-Vehicle")) }
        }
        section.card #entities {
            h2 { (tr.t("ent-entities")) }
            p { a href=(format!("{path}/export")) { (tr.t("ent-export")) } " · " a href=(format!("/match/screen?case={id}")) { (tr.t("scr-case-button")) } }
            @if entities.is_empty() { p.muted { (tr.t("ent-none")) } } @else {
                table {
                    thead { tr { th { "#" } th { (tr.t("field-kind")) } th { (tr.t("field-name")) } th { (tr.t("ent-properties")) } th { (tr.t("ent-source")) } th { (tr.t("field-created")) } } }
                    tbody { @for e in &entities {
                        tr {
                            td { (ltr(&e.id.to_string())) }
                            td { (tr.t(&format!("ent-schema-{}", e.schema))) }
                            td { (e.caption) }
                            td { (props_text(&e.properties)) }
                            td { (tr.t(&format!("ent-source-{}", e.source_kind))) " " (e.source_ref) @if let Some(b) = &e.created_by { " · " (b) } }
                            td { (fmt_time(e.created_at)) }
                        }
                    } }
                }
            }
            @if !relations.is_empty() {
                h3 { (tr.t("ent-relations")) }
                table {
                    thead { tr { th { (tr.t("field-kind")) } th { (tr.t("coop-from")) } th { (tr.t("coop-to")) } th { (tr.t("ent-properties")) } th { (tr.t("ent-source")) } } }
                    tbody { @for r in &relations {
                        tr { td { (tr.t(&format!("ent-rel-{}", r.kind))) } td { (caption(r.from)) } td { (caption(r.to)) } td { (props_text(&r.properties)) } td { (tr.t(&format!("ent-source-{}", r.source_kind))) " " (r.source_ref) } }
                    } }
                }
            }
        }
        @if write {
            section.card {
                h2 { (tr.t("ent-add")) }
                form method="post" action=(path.clone()) {
                    (csrf_input(&s.csrf))
                    div.field { label for="schema" { (tr.t("field-kind")) }
                        select #schema name="schema" { @for (schema, _) in schemata() { option value=(schema) { (tr.t(&format!("ent-schema-{schema}"))) } } } }
                    div.field { label for="props" { (tr.t("ent-properties")) }
                        textarea #props name="properties" rows="4" required dir="auto" placeholder="name: Mohammad Ali Khan\nphone: 0300 1234567\nbirthDate: 1979" {}
                        p.hint { (tr.t("ent-properties-hint")) } }
                    div.field { label for="src" { (tr.t("ent-source")) }
                        select #src name="source_kind" { @for k in praxis_app::entities::SOURCE_KINDS { option value=(k) selected[k == "user"] { (tr.t(&format!("ent-source-{k}"))) } } }
                        input name="source_ref" type="text" aria-label=(tr.t("ent-source-ref")) placeholder=(tr.t("ent-source-ref")); }
                    button.primary type="submit" { (tr.t("case-add")) }
                }
                @if entities.len() >= 2 {
                    h3 { (tr.t("ent-add-relation")) }
                    form.inline-form method="post" action=(format!("/cases/{id}/relations")) {
                        (csrf_input(&s.csrf))
                        label for="rel-from" { (tr.t("coop-from")) }
                        select #rel-from name="from" { @for e in &entities { option value=(e.id) { (e.caption) } } }
                        label for="rel-kind" { (tr.t("field-kind")) }
                        select #rel-kind name="kind" { @for k in relation_kinds() { option value=(k) { (tr.t(&format!("ent-rel-{k}"))) } } }
                        label for="rel-to" { (tr.t("coop-to")) }
                        select #rel-to name="to" { @for e in &entities { option value=(e.id) { (e.caption) } } }
                        label for="rel-date" { (tr.t("field-occurred_on")) }
                        input #rel-date name="date" type="date";
                        button type="submit" { (tr.t("case-add")) }
                    }
                }
                h3 { (tr.t("ent-import")) }
                p.muted { (tr.t("ent-import-explain")) }
                form method="post" action=(format!("{path}/import?csrf={}", urlencode(&s.csrf))) enctype="multipart/form-data" {
                    div.field { label for="ftm" { (tr.t("field-file")) } input #ftm name="file" type="file" required; }
                    button type="submit" { (tr.t("ent-import")) }
                }
            }
        }
    };
    page(tr, &s.actor, &s.csrf, Area::Cases, &path, &tr.t("ent-title"), body).into_response()
}

pub(crate) async fn index(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<EntitiesQuery>,
) -> Response {
    let notice = q.done.as_deref().map(|k| alert("notice", &s.tr.t(&format!("done-{k}"))));
    entities_view(&state, &s, id, q.zoom.unwrap_or(1), notice).await
}

async fn after(state: &AppState, s: &SignedIn, id: i64, result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/cases/{id}/entities?done=saved")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => {
            let mut msg = form_error(s, &e);
            if let AppError::ImportRefused(rows) = &e {
                msg = format!("{msg} {}", rows.iter().take(20).cloned().collect::<Vec<_>>().join(" | "));
            }
            let mut r = entities_view(state, s, id, 1, Some(alert("error", &msg))).await;
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

/// `name: value` lines (a property may repeat) into FtM properties.
fn parse_properties(text: &str) -> Result<Properties, AppError> {
    let mut p = Properties::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let (k, v) = line.split_once(':').ok_or_else(|| {
            AppError::invalid("properties", "invalid", format!("line {}: write `property: value`", n + 1))
        })?;
        p.entry(k.trim().to_owned()).or_default().push(v.trim().to_owned());
    }
    Ok(p)
}

pub(crate) async fn add(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let r = match parse_properties(form.get("properties")) {
        Ok(properties) => {
            let input = EntityInput {
                schema: form.get("schema").into(),
                properties,
                source_kind: Some(form.get("source_kind").into()),
                source_ref: Some(form.get("source_ref").into()),
            };
            state.app.add_entity(&s.caller(), id, &input).await.map(drop)
        }
        Err(e) => Err(e),
    };
    after(&state, &s, id, r).await
}

pub(crate) async fn add_relation(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let ids = (form.get("from").parse::<i64>(), form.get("to").parse::<i64>());
    let r = match ids {
        (Ok(from), Ok(to)) => {
            let mut properties = Properties::new();
            if !form.get("date").is_empty() {
                properties.insert("date".into(), vec![form.get("date").into()]);
            }
            let input = RelationInput {
                kind: form.get("kind").into(),
                from,
                to,
                properties,
                source_kind: None,
                source_ref: None,
            };
            state.app.add_relation(&s.caller(), id, &input).await.map(drop)
        }
        _ => Err(AppError::invalid("to", "invalid", "choose two entities")),
    };
    after(&state, &s, id, r).await
}

pub(crate) async fn import(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    req: axum::extract::Request,
) -> Response {
    if let Err(e) = state.app.case_entities(&s.caller(), id).await {
        return page_error(e, s.tr);
    }
    let result = async {
        let mut mp = <Multipart as axum::extract::FromRequest<()>>::from_request(req, &())
            .await
            .map_err(|e| AppError::invalid("file", "upload", e.body_text()))?;
        while let Some(field) =
            mp.next_field().await.map_err(|e| AppError::invalid("file", "upload", e.body_text()))?
        {
            if field.name() == Some("file") {
                let name = field.file_name().unwrap_or("upload.ftm").to_owned();
                let bytes =
                    field.bytes().await.map_err(|e| AppError::invalid("file", "upload", e.body_text()))?;
                let text = String::from_utf8(bytes.to_vec())
                    .map_err(|_| AppError::invalid("file", "encoding", "the file is not UTF-8"))?;
                return state.app.import_ftm(&s.caller(), id, &name, &text).await.map(drop);
            }
        }
        Err(AppError::invalid("file", "missing", "choose a file"))
    }
    .await;
    after(&state, &s, id, result).await
}

pub(crate) async fn judge(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    match state.app.judge_link(&s.caller(), id, form.get("key"), form.get("verdict"), form.get("note")).await
    {
        Ok(()) => Redirect::to(&format!("/cases/{id}?done=saved#links")).into_response(),
        Err(e @ AppError::Invalid(_)) => {
            let msg = form_error(&s, &e);
            let mut r = super::cases::case_response(&state, &s, id, Some(alert("error", &msg))).await;
            *r.status_mut() = status_of(&e);
            r
        }
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn export(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    match state.app.export_ftm(&s.caller(), id).await {
        Ok(text) => super::ftm_download(id, text),
        Err(e) => page_error(e, s.tr),
    }
}

//! Theories of change: the list and the form to start one; a version drawn as a diagram with its
//! nodes, its links (rationale, assumptions, risks), the comments, the review actions, the
//! editing forms (for a draft) and the history; the difference between two versions as a table
//! and as a diagram that marks what changed. Every form posts and redirects.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::toc::{
    CommentInput, DiffView, ImportInput, LinkInput, LinkView, NewTocInput, NodeInput, NodeView, TocSummary,
    TocVersionView, WorkflowInput,
};
use praxis_app::AppError;

use super::layout::{alert, csrf_input, ltr, page, raw, Area};
use super::toc_svg::{self, Labels, Mark};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of, user_message};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

const LEVELS: [&str; 4] = ["activity", "output", "outcome", "impact"];

fn toc_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    page(s.tr, &s.actor, &s.csrf, Area::Programme, path, title, body).into_response()
}

fn with_status(mut r: Response, e: &AppError) -> Response {
    *r.status_mut() = status_of(e);
    r
}

/// An error as a person reads it: the field named in their language.
fn form_error(s: &SignedIn, e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => {
            let own = format!("toc-field-{}", v.field);
            let t = s.tr.t(&own);
            let name = if t == own { s.tr.t(&format!("field-{}", v.field)) } else { t };
            s.tr.a("error-field", &[("field", &name), ("message", &v.message)])
        }
        AppError::ImportRefused(rows) => format!("{} {}", user_message(e, s.tr), rows.join(" · ")),
        other => user_message(other, s.tr),
    }
}

fn status_badge(tr: Tr, status: &str) -> Markup {
    html! { span class=(format!("badge toc-{status}")) { (tr.t(&format!("toc-status-{status}"))) } }
}

fn scope_text(tr: Tr, t: &TocSummary) -> Markup {
    html! {
        @match (&t.country, &t.region) {
            (Some(c), _) => { (tr.t("toc-national")) ": " (t.country_name.clone().unwrap_or_default()) " " (ltr(c)) }
            (_, Some(r)) => { (tr.t("toc-regional")) ": " (r) }
            _ => {}
        }
    }
}

fn letter(tr: Tr, level: &str) -> String {
    tr.t(&format!("toc-letter-{level}"))
}

fn tags_text(tr: Tr, tags: &[String]) -> String {
    tags.iter()
        .map(|t| {
            let key = if toc_svg::TAGS[..5].contains(&t.as_str()) {
                format!("pillar-{t}")
            } else {
                format!("theme-{t}")
            };
            format!("{} ({})", tr.t(&key), toc_svg::tag_short(t))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------- the list

fn list_view(
    s: &SignedIn,
    tocs: &[TocSummary],
    may_create: bool,
    error: Option<&str>,
    form: Option<&FormData>,
) -> Response {
    let tr = s.tr;
    let v = |k: &str| form.map(|f| f.get(k).to_owned()).unwrap_or_default();
    toc_page(
        s,
        "/programme/toc",
        &tr.t("toc-title"),
        html! {
            (super::indicators::programme_tabs(tr, "toc"))
            h1 { (tr.t("toc-title")) }
            p.muted { (tr.t("toc-intro")) }
            @if let Some(msg) = error { (alert("error", msg)) }
            section.card {
                @if tocs.is_empty() { p.muted { (tr.t("toc-none")) } } @else {
                    table #tocs {
                        thead { tr {
                            th { (tr.t("field-title")) } th { (tr.t("toc-scope")) } th { (tr.t("field-organisation")) }
                            th { (tr.t("toc-latest")) } th { (tr.t("field-status")) } th { (tr.t("toc-approved")) } th { (tr.t("toc-updated")) }
                        } }
                        tbody { @for t in tocs {
                            tr {
                                td { a href=(format!("/programme/toc/{}", t.id)) { (t.title) } }
                                td { (scope_text(tr, t)) }
                                td { (t.owner_org_name) }
                                td { (ltr(&format!("v{}", t.latest_version))) }
                                td { (status_badge(tr, &t.latest_status)) }
                                td { @if let Some(a) = t.approved_version { (ltr(&format!("v{a}"))) } @else { "–" } }
                                td { (fmt_time(t.updated_at)) }
                            }
                        } }
                    }
                }
            }
            @if may_create {
                section.card {
                    h2 { (tr.t("toc-start")) }
                    form method="post" action="/programme/toc" {
                        (csrf_input(&s.csrf))
                        div.field {
                            label for="title" { (tr.t("field-title")) }
                            input #title name="title" type="text" required maxlength="200" value=(v("title"));
                        }
                        div.grid {
                            div.field {
                                label for="country" { (tr.t("field-country")) }
                                input #country name="country" type="text" dir="ltr" size="4" maxlength="2" value=(v("country")) placeholder="PK";
                            }
                            div.field {
                                label for="region" { (tr.t("toc-field-region")) }
                                input #region name="region" type="text" maxlength="200" value=(v("region"));
                            }
                        }
                        p.hint { (tr.t("toc-scope-hint")) }
                        button.primary type="submit" { (tr.t("toc-start")) }
                    }
                }
            }
        },
    )
}

pub(crate) async fn index(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.tocs(&s.caller()).await {
        Ok(tocs) => list_view(&s, &tocs, state.app.may_create_toc(&s.caller()), None, None),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewTocInput {
        title: form.get("title").into(),
        country: Some(form.get("country").into()),
        region: Some(form.get("region").into()),
    };
    match state.app.create_toc(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/programme/toc/{id}?done=created")).into_response(),
        Err(e @ AppError::Denied(_)) => page_error(e, s.tr),
        Err(e) => {
            let tocs = state.app.tocs(&s.caller()).await.unwrap_or_default();
            let msg = form_error(&s, &e);
            with_status(
                list_view(&s, &tocs, state.app.may_create_toc(&s.caller()), Some(&msg), Some(&form)),
                &e,
            )
        }
    }
}

// ---------------------------------------------------------------- a version

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    done: Option<String>,
}

fn diagram(
    tr: Tr,
    title: &str,
    nodes: &[NodeView],
    links: &[LinkView],
    marks: &HashMap<String, Mark>,
    link_marks: &HashMap<(String, String), Mark>,
) -> Markup {
    let letter_fn = |l: &str| letter(tr, l);
    let texts = (tr.t("toc-rationale"), tr.t("toc-assumptions"), tr.t("toc-risks"));
    let labels =
        Labels { title, letter: &letter_fn, rationale: &texts.0, assumptions: &texts.1, risks: &texts.2 };
    html! {
        figure.diagram.toc-diagram {
            (raw(&toc_svg::diagram(nodes, links, marks, link_marks, &labels)))
        }
        (legend(tr, !marks.is_empty() || !link_marks.is_empty()))
    }
}

fn legend(tr: Tr, with_marks: bool) -> Markup {
    html! {
        section.legend aria-labelledby="toc-legend" {
            h2 #toc-legend { (tr.t("toc-legend")) }
            ul.legend {
                @for l in LEVELS { li { span.badge { (letter(tr, l)) } " " (tr.t(&format!("toc-level-{l}"))) " — " (tr.t(&format!("toc-shape-{l}"))) } }
                @for t in toc_svg::TAGS {
                    li {
                        span.badge { (toc_svg::tag_short(t)) } " "
                        @if toc_svg::TAGS[..5].contains(&t) { (tr.t(&format!("pillar-{t}"))) } @else { (tr.t(&format!("theme-{t}"))) }
                    }
                }
                @if with_marks {
                    @for (m, k) in [(Mark::Added, "added"), (Mark::Removed, "removed"), (Mark::Changed, "changed")] {
                        li { span class=(format!("badge toc-m-{k}")) { (m.sign()) } " " (tr.t(&format!("toc-m-{k}"))) }
                    }
                }
            }
        }
    }
}

fn link_list(tr: Tr, links: &[LinkView], marks: &HashMap<(String, String), Mark>) -> Markup {
    html! {
        ol.toc-links {
            @for l in links {
                li id=(format!("link-{}-{}", l.from, l.to)) {
                    strong { (ltr(&format!("{} → {}", l.from, l.to))) }
                    @if let Some(m) = marks.get(&(l.from.clone(), l.to.clone())) { " " span class=(format!("badge toc-{}", mark_key(*m))) { (m.sign()) " " (tr.t(&format!("toc-{}", mark_key(*m)))) } }
                    dl {
                        dt { (tr.t("toc-rationale")) } dd { (l.rationale) }
                        @if !l.assumptions.is_empty() { dt { (tr.t("toc-assumptions")) } dd { ul { @for a in &l.assumptions { li { (a) } } } } }
                        @if !l.risks.is_empty() { dt { (tr.t("toc-risks")) } dd { ul { @for r in &l.risks { li { (r) } } } } }
                    }
                }
            }
        }
    }
}

fn mark_key(m: Mark) -> &'static str {
    match m {
        Mark::Added => "m-added",
        Mark::Removed => "m-removed",
        Mark::Changed => "m-changed",
    }
}

fn node_fields(tr: Tr, prefix: &str, n: Option<&NodeView>, with_id: bool) -> Markup {
    let id = |f: &str| format!("{prefix}-{f}");
    html! {
        div.grid {
            @if with_id {
                div.field {
                    label for=(id("id")) { (tr.t("toc-field-id")) }
                    input id=(id("id")) name="id" type="text" dir="ltr" required maxlength="64" placeholder="O3.1";
                }
            }
            div.field {
                label for=(id("level")) { (tr.t("field-level")) }
                select id=(id("level")) name="level" {
                    @for l in LEVELS { option value=(l) selected[n.map(|n| n.level.as_str()) == Some(l)] { (tr.t(&format!("toc-level-{l}"))) } }
                }
            }
            div.field {
                label for=(id("tags")) { (tr.t("field-tags")) }
                input id=(id("tags")) name="tags" type="text" dir="ltr" value=(n.map(|n| n.tags.join(" ")).unwrap_or_default());
            }
        }
        div.field {
            label for=(id("title")) { (tr.t("field-title")) }
            input id=(id("title")) name="title" type="text" required maxlength="300" value=(n.map(|n| n.title.as_str()).unwrap_or(""));
        }
        div.field {
            label for=(id("description")) { (tr.t("field-description")) }
            textarea id=(id("description")) name="description" rows="2" maxlength="5000" { (n.map(|n| n.description.as_str()).unwrap_or("")) }
        }
    }
}

fn link_fields(tr: Tr, prefix: &str, l: Option<&LinkView>) -> Markup {
    let id = |f: &str| format!("{prefix}-{f}");
    html! {
        @if l.is_none() {
            div.grid {
                div.field {
                    label for=(id("from")) { (tr.t("field-from")) }
                    input id=(id("from")) name="from" type="text" dir="ltr" required maxlength="64" placeholder="A3.1.1";
                }
                div.field {
                    label for=(id("to")) { (tr.t("field-to")) }
                    input id=(id("to")) name="to" type="text" dir="ltr" required maxlength="64" placeholder="O3.1";
                }
            }
        } @else {
            input type="hidden" name="from" value=(l.map(|l| l.from.as_str()).unwrap_or(""));
            input type="hidden" name="to" value=(l.map(|l| l.to.as_str()).unwrap_or(""));
        }
        div.field {
            label for=(id("rationale")) { (tr.t("toc-rationale")) }
            textarea id=(id("rationale")) name="rationale" rows="2" required maxlength="5000" { (l.map(|l| l.rationale.as_str()).unwrap_or("")) }
        }
        div.field {
            label for=(id("assumptions")) { (tr.t("toc-assumptions")) }
            textarea id=(id("assumptions")) name="assumptions" rows="2" maxlength="5000" { (l.map(|l| l.assumptions.join("\n")).unwrap_or_default()) }
            p.hint { (tr.t("toc-one-per-line")) }
        }
        div.field {
            label for=(id("risks")) { (tr.t("toc-risks")) }
            textarea id=(id("risks")) name="risks" rows="2" maxlength="5000" { (l.map(|l| l.risks.join("\n")).unwrap_or_default()) }
        }
    }
}

fn version_view(s: &SignedIn, v: &TocVersionView, notice: Option<Markup>) -> Response {
    let tr = s.tr;
    let id = v.toc.id;
    let ver = v.version.version;
    let base = format!("/programme/toc/{id}/versions/{ver}");
    let p = &v.permissions;
    let comments_on = |node: Option<&str>, link: Option<(&str, &str)>| {
        v.comments
            .iter()
            .filter(|c| {
                c.node.as_deref() == node && (c.link_from.as_deref().zip(c.link_to.as_deref())) == link
            })
            .count()
    };
    toc_page(
        s,
        &base,
        &v.toc.title,
        html! {
            (super::indicators::programme_tabs(tr, "toc"))
            @if let Some(n) = notice { (n) }
            header.case-head {
                p.muted { a href="/programme/toc" { (tr.t("toc-title")) } " · " (scope_text(tr, &v.toc)) " · " (v.toc.owner_org_name) }
                h1 { (v.toc.title) }
                p {
                    span.badge { (tr.a("toc-version-n", &[("version", &ver.to_string())])) } " " (status_badge(tr, &v.version.status))
                    @if let Some(by) = &v.version.created_by { " · " (tr.a("toc-drafted-by", &[("name", by)])) }
                    @if let (Some(by), Some(at)) = (&v.version.submitted_by, v.version.submitted_at) { " · " (tr.a("toc-submitted-by", &[("name", by)])) " " (fmt_time(at)) }
                    @if let (Some(by), Some(at)) = (&v.version.decided_by, v.version.decided_at) { " · " (tr.a("toc-decided-by", &[("name", by)])) " " (fmt_time(at)) }
                }
                nav.tabs aria-label=(tr.t("toc-versions")) {
                    @for x in &v.versions {
                        a href=(format!("/programme/toc/{id}/versions/{}", x.version)) aria-current=[(x.version == ver).then_some("page")] {
                            (tr.a("toc-version-n", &[("version", &x.version.to_string())])) " · " (tr.t(&format!("toc-status-{}", x.status)))
                        }
                    }
                    @if ver > 1 {
                        a href=(format!("/programme/toc/{id}/diff?from={}&to={ver}", ver - 1)) { (tr.t("toc-compare-previous")) }
                    }
                }
                p {
                    a href=(format!("{base}/export?format=toml")) { (tr.t("toc-export-toml")) } " · "
                    a href=(format!("{base}/export?format=json")) { (tr.t("toc-export-json")) }
                }
            }
            @if p.submit || p.decide || p.revise {
                section.card #review {
                    h2 { (tr.t("toc-review")) }
                    @if p.submit {
                        form.inline-form method="post" action=(format!("{base}/workflow")) {
                            (csrf_input(&s.csrf))
                            input type="hidden" name="action" value="submit";
                            label for="submit-note" { (tr.t("field-note")) }
                            input #submit-note name="note" type="text" maxlength="5000";
                            button.primary type="submit" { (tr.t("toc-action-submit")) }
                        }
                    }
                    @if p.decide {
                        form method="post" action=(format!("{base}/workflow")) {
                            (csrf_input(&s.csrf))
                            div.field {
                                label for="decide-note" { (tr.t("field-note")) }
                                textarea #decide-note name="note" rows="2" maxlength="5000" {}
                                p.hint { (tr.t("toc-return-hint")) }
                            }
                            button.primary type="submit" name="action" value="approve" { (tr.t("toc-action-approve")) } " "
                            button type="submit" name="action" value="return" { (tr.t("toc-action-return")) }
                        }
                    }
                    @if p.revise {
                        form.inline-form method="post" action=(format!("/programme/toc/{id}/revise")) {
                            (csrf_input(&s.csrf))
                            button.primary type="submit" { (tr.t("toc-revise")) }
                            " " span.hint { (tr.t("toc-revise-hint")) }
                        }
                    }
                }
            }
            section.card #diagram {
                h2 { (tr.t("toc-diagram")) }
                @if v.nodes.is_empty() { p.muted { (tr.t("toc-empty")) } } @else {
                    (diagram(tr, &v.toc.title, &v.nodes, &v.links, &HashMap::new(), &HashMap::new()))
                }
                @if !v.warnings.is_empty() {
                    h3 { (tr.t("toc-warnings")) }
                    ul.warn { @for w in &v.warnings { li { (w) } } }
                }
            }
            section.card #nodes {
                h2 { (tr.t("toc-nodes")) }
                table {
                    thead { tr { th { (tr.t("toc-field-id")) } th { (tr.t("field-level")) } th { (tr.t("field-title")) } th { (tr.t("field-tags")) } th { (tr.t("toc-comments")) } } }
                    tbody { @for n in &v.nodes {
                        tr id=(format!("node-{}", n.id)) {
                            td { (ltr(&n.id)) }
                            td { span.badge { (letter(tr, &n.level)) } " " (tr.t(&format!("toc-level-{}", n.level))) }
                            td {
                                (n.title)
                                @if !n.description.is_empty() { p.hint { (n.description) } }
                                @if p.edit {
                                    details {
                                        summary { (tr.t("toc-edit")) }
                                        form method="post" action=(format!("{base}/nodes/{}", n.id)) {
                                            (csrf_input(&s.csrf))
                                            (node_fields(tr, &format!("edit-{}", n.id), Some(n), false))
                                            button.primary type="submit" { (tr.t("toc-save")) }
                                        }
                                        form.inline-form method="post" action=(format!("{base}/nodes/{}/remove", n.id)) {
                                            (csrf_input(&s.csrf))
                                            button.danger type="submit" { (tr.t("toc-remove-node")) }
                                        }
                                    }
                                }
                            }
                            td { (tags_text(tr, &n.tags)) }
                            td { (comments_on(Some(&n.id), None)) }
                        }
                    } }
                }
            }
            section.card #links {
                h2 { (tr.t("toc-links")) }
                (link_list(tr, &v.links, &HashMap::new()))
                @if p.edit {
                    @for l in &v.links {
                        details {
                            summary { (tr.t("toc-edit")) " " (ltr(&format!("{} → {}", l.from, l.to))) }
                            form method="post" action=(format!("{base}/links/edit")) {
                                (csrf_input(&s.csrf))
                                (link_fields(tr, &format!("edit-{}-{}", l.from, l.to), Some(l)))
                                button.primary type="submit" { (tr.t("toc-save")) }
                            }
                            form.inline-form method="post" action=(format!("{base}/links/remove")) {
                                (csrf_input(&s.csrf))
                                input type="hidden" name="from" value=(l.from);
                                input type="hidden" name="to" value=(l.to);
                                button.danger type="submit" { (tr.t("toc-remove-link")) }
                            }
                        }
                    }
                }
            }
            @if p.edit {
                section.card #edit {
                    h2 { (tr.t("toc-add-node")) }
                    form method="post" action=(format!("{base}/nodes")) {
                        (csrf_input(&s.csrf))
                        (node_fields(tr, "new-node", None, true))
                        p.hint { (tr.t("toc-tags-hint")) }
                        button.primary type="submit" { (tr.t("toc-add-node")) }
                    }
                    h2 { (tr.t("toc-add-link")) }
                    form method="post" action=(format!("{base}/links")) {
                        (csrf_input(&s.csrf))
                        (link_fields(tr, "new-link", None))
                        button.primary type="submit" { (tr.t("toc-add-link")) }
                    }
                    h2 { (tr.t("toc-import")) }
                    p.hint { (tr.t("toc-import-hint")) }
                    form method="post" action=(format!("{base}/import")) {
                        (csrf_input(&s.csrf))
                        div.field {
                            label for="import-format" { (tr.t("field-format")) }
                            select #import-format name="format" { option value="toml" { "TOML" } option value="json" { "JSON" } }
                        }
                        div.field {
                            label for="import-content" { (tr.t("toc-field-content")) }
                            textarea #import-content name="content" dir="ltr" rows="10" required {}
                        }
                        button type="submit" { (tr.t("toc-import")) }
                    }
                }
            }
            section.card #comments {
                h2 { (tr.t("toc-comments")) }
                @if v.comments.is_empty() { p.muted { (tr.t("toc-no-comments")) } }
                ol.notes {
                    @for c in &v.comments {
                        li {
                            p.muted {
                                (c.author.clone().unwrap_or_default()) " · " (fmt_time(c.created_at))
                                @if let Some(n) = &c.node { " · " a href=(format!("#node-{n}")) { (ltr(n)) } }
                                @if let (Some(f), Some(t)) = (&c.link_from, &c.link_to) { " · " a href=(format!("#link-{f}-{t}")) { (ltr(&format!("{f} → {t}"))) } }
                            }
                            p { (c.body) }
                        }
                    }
                }
                @if p.comment {
                    form method="post" action=(format!("{base}/comments")) {
                        (csrf_input(&s.csrf))
                        div.field {
                            label for="comment-body" { (tr.t("toc-field-body")) }
                            textarea #comment-body name="body" rows="3" required maxlength="5000" {}
                        }
                        div.grid {
                            div.field {
                                label for="comment-node" { (tr.t("toc-field-node")) }
                                select #comment-node name="node" {
                                    option value="" { (tr.t("toc-whole-version")) }
                                    @for n in &v.nodes { option value=(n.id) { (n.id) " " (n.title.chars().take(40).collect::<String>()) } }
                                }
                            }
                            div.field {
                                label for="comment-link" { (tr.t("toc-field-link")) }
                                select #comment-link name="link" {
                                    option value="" { (tr.t("toc-whole-version")) }
                                    @for l in &v.links { option value=(format!("{} {}", l.from, l.to)) { (format!("{} → {}", l.from, l.to)) } }
                                }
                            }
                        }
                        button.primary type="submit" { (tr.t("toc-comment")) }
                    }
                }
            }
            section.card #history {
                h2 { (tr.t("toc-history")) }
                table {
                    thead { tr { th { (tr.t("field-time")) } th { (tr.t("field-actor")) } th { (tr.t("toc-version")) } th { (tr.t("field-action")) } th { (tr.t("field-object")) } th { (tr.t("field-note")) } } }
                    tbody { @for e in &v.history {
                        tr {
                            td { (fmt_time(e.at)) }
                            td { (e.actor.clone().unwrap_or_default()) }
                            td { (ltr(&format!("v{}", e.version))) }
                            td { (tr.t(&format!("toc-event-{}", e.action))) }
                            td { (ltr(&e.target)) }
                            td { (e.note) }
                        }
                    } }
                }
            }
        },
    )
}

fn notice(tr: Tr, done: &Done) -> Option<Markup> {
    done.done.as_deref().map(|d| {
        alert(
            "notice",
            &tr.t(&format!(
                "toc-done-{}",
                if d.chars().all(|c| c.is_ascii_lowercase() || c == '_') { d } else { "saved" }
            )),
        )
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(d): Query<Done>,
) -> Response {
    match state.app.toc(&s.caller(), id).await {
        Ok(v) => version_view(&s, &v, notice(s.tr, &d)),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn version(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    Query(d): Query<Done>,
) -> Response {
    match state.app.toc_version(&s.caller(), id, ver).await {
        Ok(v) => version_view(&s, &v, notice(s.tr, &d)),
        Err(e) => page_error(e, s.tr),
    }
}

/// After a form: back to the version with a notice, or the version again with the error.
async fn after(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    ver: u32,
    r: Result<(), AppError>,
    done: &str,
) -> Response {
    match r {
        Ok(()) => Redirect::to(&format!("/programme/toc/{id}/versions/{ver}?done={done}")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.toc_version(&s.caller(), id, ver).await {
            Ok(v) => with_status(
                version_view(
                    s,
                    &v,
                    Some(html! { div role="alert" { (alert("error", &form_error(s, &e))) } }),
                ),
                &e,
            ),
            Err(e2) => page_error(e2, s.tr),
        },
    }
}

fn node_input(form: &FormData) -> NodeInput {
    NodeInput {
        id: form.get("id").into(),
        level: form.get("level").into(),
        title: form.get("title").into(),
        description: form.get("description").into(),
        tags: form.get("tags").into(),
    }
}

fn link_input(form: &FormData) -> LinkInput {
    LinkInput {
        from: form.get("from").into(),
        to: form.get("to").into(),
        rationale: form.get("rationale").into(),
        assumptions: form.get("assumptions").into(),
        risks: form.get("risks").into(),
    }
}

pub(crate) async fn add_node(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    form: FormData,
) -> Response {
    let r = state.app.add_toc_node(&s.caller(), id, ver, &node_input(&form)).await;
    after(&state, &s, id, ver, r, "node_added").await
}

pub(crate) async fn edit_node(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver, node)): Path<(i64, u32, String)>,
    form: FormData,
) -> Response {
    let r = state.app.edit_toc_node(&s.caller(), id, ver, &node, &node_input(&form)).await;
    after(&state, &s, id, ver, r, "saved").await
}

pub(crate) async fn remove_node(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver, node)): Path<(i64, u32, String)>,
) -> Response {
    let r = state.app.remove_toc_node(&s.caller(), id, ver, &node).await;
    after(&state, &s, id, ver, r, "removed").await
}

pub(crate) async fn add_link(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    form: FormData,
) -> Response {
    let r = state.app.add_toc_link(&s.caller(), id, ver, &link_input(&form)).await;
    after(&state, &s, id, ver, r, "link_added").await
}

pub(crate) async fn edit_link(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    form: FormData,
) -> Response {
    let r = state.app.edit_toc_link(&s.caller(), id, ver, &link_input(&form)).await;
    after(&state, &s, id, ver, r, "saved").await
}

pub(crate) async fn remove_link(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    form: FormData,
) -> Response {
    let r = state.app.remove_toc_link(&s.caller(), id, ver, form.get("from"), form.get("to")).await;
    after(&state, &s, id, ver, r, "removed").await
}

pub(crate) async fn comment(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    form: FormData,
) -> Response {
    let (from, to) = form
        .get("link")
        .split_once(' ')
        .map(|(f, t)| (Some(f.to_owned()), Some(t.to_owned())))
        .unwrap_or((None, None));
    let input = CommentInput { body: form.get("body").into(), node: Some(form.get("node").into()), from, to };
    let r = state.app.comment_toc(&s.caller(), id, ver, &input).await.map(|_| ());
    after(&state, &s, id, ver, r, "commented").await
}

pub(crate) async fn workflow(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    form: FormData,
) -> Response {
    let input = WorkflowInput { action: form.get("action").into(), note: form.get("note").into() };
    let r = state.app.move_toc_version(&s.caller(), id, ver, &input).await.map(|_| ());
    let done = match form.get("action") {
        "submit" => "submitted",
        "approve" => "approved",
        _ => "returned",
    };
    after(&state, &s, id, ver, r, done).await
}

pub(crate) async fn import(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    form: FormData,
) -> Response {
    let input = ImportInput { format: form.get("format").into(), content: form.get("content").into() };
    let r = state.app.import_toc(&s.caller(), id, ver, &input).await;
    after(&state, &s, id, ver, r, "imported").await
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ExportQuery {
    format: Option<String>,
}

/// A version as a TOML or JSON file.
pub(crate) fn file_response(name: &str, content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response()
}

pub(crate) async fn export(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, ver)): Path<(i64, u32)>,
    Query(q): Query<ExportQuery>,
) -> Response {
    match state.app.export_toc(&s.caller(), id, ver, q.format.as_deref().unwrap_or("toml")).await {
        Ok((name, ct, body)) => file_response(&name, ct, body),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn revise(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Response {
    match state.app.revise_toc(&s.caller(), id).await {
        Ok(v) => Redirect::to(&format!("/programme/toc/{id}/versions/{v}?done=revised")).into_response(),
        Err(e @ (AppError::Denied(_) | AppError::NotFound(_))) => page_error(e, s.tr),
        Err(e) => match state.app.toc(&s.caller(), id).await {
            Ok(v) => with_status(version_view(&s, &v, Some(alert("error", &form_error(&s, &e)))), &e),
            Err(e2) => page_error(e2, s.tr),
        },
    }
}

// ---------------------------------------------------------------- the difference

#[derive(serde::Deserialize, Default)]
pub(crate) struct DiffQuery {
    from: Option<u32>,
    to: Option<u32>,
}

fn diff_view(s: &SignedIn, d: &DiffView) -> Response {
    let tr = s.tr;
    let id = d.toc.id;
    let mut marks: HashMap<String, Mark> = HashMap::new();
    for n in &d.nodes_added {
        marks.insert(n.id.clone(), Mark::Added);
    }
    for n in &d.nodes_removed {
        marks.insert(n.id.clone(), Mark::Removed);
    }
    for n in &d.nodes_changed {
        marks.insert(n.id.clone(), Mark::Changed);
    }
    let mut link_marks: HashMap<(String, String), Mark> = HashMap::new();
    for l in &d.links_added {
        link_marks.insert((l.from.clone(), l.to.clone()), Mark::Added);
    }
    for l in &d.links_removed {
        link_marks.insert((l.from.clone(), l.to.clone()), Mark::Removed);
    }
    for l in &d.links_changed {
        link_marks.insert((l.from.clone(), l.to.clone()), Mark::Changed);
    }
    let title = tr.a("toc-diff-title", &[("from", &d.from.to_string()), ("to", &d.to.to_string())]);
    let row = |what: Markup, m: Mark, field: &str, before: &str, after: &str| {
        html! {
            tr class=(format!("toc-{}", mark_key(m))) {
                td { (what) } td { span class=(format!("badge toc-{}", mark_key(m))) { (m.sign()) " " (tr.t(&format!("toc-{}", mark_key(m)))) } }
                td { (field) } td { (before) } td { (after) }
            }
        }
    };
    let empty = d.nodes_added.is_empty()
        && d.nodes_removed.is_empty()
        && d.nodes_changed.is_empty()
        && d.links_added.is_empty()
        && d.links_removed.is_empty()
        && d.links_changed.is_empty();
    toc_page(
        s,
        &format!("/programme/toc/{id}/diff"),
        &title,
        html! {
            (super::indicators::programme_tabs(tr, "toc"))
            p.muted { a href="/programme/toc" { (tr.t("toc-title")) } " · " a href=(format!("/programme/toc/{id}")) { (d.toc.title) } }
            h1 { (title) }
            form.inline-form method="get" action=(format!("/programme/toc/{id}/diff")) {
                label for="from" { (tr.t("field-from")) }
                select #from name="from" { @for v in &d.versions { option value=(v.version) selected[v.version == d.from] { (format!("v{}", v.version)) } } }
                label for="to" { (tr.t("field-to")) }
                select #to name="to" { @for v in &d.versions { option value=(v.version) selected[v.version == d.to] { (format!("v{}", v.version)) } } }
                button type="submit" { (tr.t("toc-compare")) }
            }
            section.card #changes {
                h2 { (tr.t("toc-changes")) }
                @if empty { p.muted { (tr.t("toc-no-changes")) } } @else {
                    table.toc-diff {
                        thead { tr { th { (tr.t("toc-what")) } th { (tr.t("toc-change")) } th { (tr.t("toc-field")) } th { (tr.a("toc-in-version", &[("version", &d.from.to_string())])) } th { (tr.a("toc-in-version", &[("version", &d.to.to_string())])) } } }
                        tbody {
                            @for n in &d.nodes_added { (row(ltr(&n.id), Mark::Added, "", "", &n.title)) }
                            @for n in &d.nodes_removed { (row(ltr(&n.id), Mark::Removed, "", &n.title, "")) }
                            @for n in &d.nodes_changed { @for f in &n.fields { (row(ltr(&n.id), Mark::Changed, &tr.t(&format!("toc-field-{}", f.field)), &f.before, &f.after)) } }
                            @for l in &d.links_added { (row(ltr(&format!("{} → {}", l.from, l.to)), Mark::Added, "", "", &l.rationale)) }
                            @for l in &d.links_removed { (row(ltr(&format!("{} → {}", l.from, l.to)), Mark::Removed, "", &l.rationale, "")) }
                            @for l in &d.links_changed { @for f in &l.fields { (row(ltr(&format!("{} → {}", l.from, l.to)), Mark::Changed, &tr.t(&format!("toc-field-{}", f.field)), &f.before, &f.after)) } }
                        }
                    }
                }
            }
            section.card {
                h2 { (tr.t("toc-diagram")) }
                (diagram(tr, &title, &d.nodes, &d.links, &marks, &link_marks))
                h3 { (tr.t("toc-links")) }
                (link_list(tr, &d.links, &link_marks))
            }
        },
    )
}

pub(crate) async fn diff(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<DiffQuery>,
) -> Response {
    let caller = s.caller();
    let (from, to) = match (q.from, q.to) {
        (Some(f), Some(t)) => (f, t),
        _ => match state.app.toc(&caller, id).await {
            Ok(v) => {
                let to = q.to.unwrap_or(v.version.version);
                (q.from.unwrap_or(to.saturating_sub(1).max(1)), to)
            }
            Err(e) => return page_error(e, s.tr),
        },
    };
    match state.app.toc_diff(&caller, id, from, to).await {
        Ok(d) => diff_view(&s, &d),
        Err(e) => page_error(e, s.tr),
    }
}

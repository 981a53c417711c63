//! Administration: organisations, users, the audit log. What a person may do decides which forms
//! they see; the application layer enforces it again on submission.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use praxis_app::policy::{decide, Action, RecordKind, RecordRef};
use praxis_app::{AppError, Caller, NewOrgInput, NewUserInput, OrgView, UserView};
use praxis_model::{Jurisdiction, OrgId, OrgKind, Role, UserId};

use super::account::form_error;
use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of};
use crate::i18n::Tr;
use crate::session::SignedIn;
use crate::AppState;

#[derive(serde::Deserialize, Default)]
pub(crate) struct AdminQuery {
    done: Option<String>,
    org: Option<i64>,
    before: Option<i64>,
}

fn admin_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    let tr = s.tr;
    let tabs =
        [("/admin/users", "admin-users"), ("/admin/orgs", "admin-orgs"), ("/admin/audit", "admin-audit")];
    page(
        tr,
        &s.actor,
        &s.csrf,
        Area::Admin,
        path,
        title,
        html! {
            h1 { (tr.t("nav-admin")) }
            nav.tabs aria-label=(tr.t("nav-admin")) {
                @for (href, key) in tabs {
                    a href=(href) aria-current=[path.starts_with(href).then_some("page")] { (tr.t(key)) }
                }
            }
            (body)
        },
    )
    .into_response()
}

fn notice(tr: Tr, q: &AdminQuery) -> Markup {
    html! { @if let Some(key) = &q.done { (alert("notice", &tr.t(&format!("done-{key}")))) } }
}

pub(crate) async fn index(s: SignedIn) -> Response {
    if s.actor.has(Role::Administrator) {
        Redirect::to("/admin/users").into_response()
    } else {
        Redirect::to("/admin/audit").into_response()
    }
}

fn kind_label(tr: Tr, k: OrgKind) -> String {
    tr.t(&format!("org-kind-{}", k.as_str()))
}

fn org_form(
    s: &SignedIn,
    action: &str,
    org: Option<&OrgView>,
    values: Option<&FormData>,
    submit: &str,
) -> Markup {
    let tr = s.tr;
    let name = values.map(|f| f.get("name").to_owned()).or(org.map(|o| o.name.clone())).unwrap_or_default();
    let kind = values
        .map(|f| f.get("kind").to_owned())
        .or(org.map(|o| o.kind.as_str().to_owned()))
        .unwrap_or_default();
    let jur = values
        .map(|f| f.get("jurisdiction").to_owned())
        .or(org.map(|o| o.jurisdiction.clone()))
        .unwrap_or_default();
    html! {
        form method="post" action=(action) {
            (csrf_input(&s.csrf))
            div.field {
                label for="name" { (tr.t("field-name")) }
                input #name name="name" type="text" required maxlength="200" value=(name);
            }
            div.field {
                label for="kind" { (tr.t("field-kind")) }
                select #kind name="kind" required {
                    @for k in OrgKind::ALL { option value=(k.as_str()) selected[k.as_str() == kind] { (kind_label(tr, k)) } }
                }
            }
            div.field {
                label for="jurisdiction" { (tr.t("field-jurisdiction")) }
                input #jurisdiction name="jurisdiction" type="text" required dir="ltr" list="countries" value=(jur)
                    placeholder="PK, BD, IQ-AR";
                datalist #countries {
                    @for c in Jurisdiction::all_countries() { option value=(c.code()) { (c.name()) } }
                }
                p.hint { (tr.t("jurisdiction-hint")) }
            }
            @if let Some(o) = org {
                @if !o.platform_operator {
                    div.field.check {
                        input #disabled name="disabled" type="checkbox" checked[o.disabled];
                        label for="disabled" { (tr.t("field-disabled")) }
                    }
                }
            }
            button.primary type="submit" { (submit) }
        }
    }
}

fn orgs_view(
    s: &SignedIn,
    orgs: &[OrgView],
    q: &AdminQuery,
    values: Option<&FormData>,
    error: Option<&str>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let may_create = decide(&caller, Action::Create, &RecordRef::organisation(None)).allowed;
    admin_page(
        s,
        "/admin/orgs",
        &tr.t("admin-orgs"),
        html! {
            (notice(tr, q))
            @if let Some(e) = error { (alert("error", e)) }
            section.card {
                h2 { (tr.t("admin-orgs")) " " span.count { "(" (orgs.len()) ")" } }
                table #orgs {
                    thead { tr { th { (tr.t("field-name")) } th { (tr.t("field-kind")) } th { (tr.t("field-jurisdiction")) } th { (tr.t("field-status")) } } }
                    tbody {
                        @for o in orgs {
                            tr {
                                td { a href=(format!("/admin/orgs/{}", o.id)) { (o.name) } @if o.platform_operator { " " span.badge { (tr.t("org-operator")) } } }
                                td { (kind_label(tr, o.kind)) }
                                td { (o.jurisdiction_name) " " (ltr(&o.jurisdiction)) }
                                td { @if o.disabled { (tr.t("status-disabled")) } @else { (tr.t("status-active")) } }
                            }
                        }
                    }
                }
            }
            @if may_create {
                section.card {
                    h2 { (tr.t("org-new")) }
                    (org_form(s, "/admin/orgs", None, values, &tr.t("create")))
                }
            }
        },
    )
}

pub(crate) async fn orgs_page(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<AdminQuery>,
) -> Response {
    match state.app.list_orgs(&s.caller()).await {
        Ok(orgs) => orgs_view(&s, &orgs, &q, None, None),
        Err(e) => page_error(e, s.tr),
    }
}

fn org_input(form: &FormData) -> NewOrgInput {
    NewOrgInput {
        name: form.get("name").to_owned(),
        kind: form.get("kind").to_owned(),
        jurisdiction: form.get("jurisdiction").to_owned(),
        platform_operator: false,
    }
}

pub(crate) async fn org_create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    match state.app.create_org(&s.caller(), &org_input(&form)).await {
        Ok(id) => Redirect::to(&format!("/admin/orgs/{id}?done=created")).into_response(),
        Err(e) => {
            let msg = form_error(&s, &e);
            let orgs = state.app.list_orgs(&s.caller()).await.unwrap_or_default();
            let mut r = orgs_view(&s, &orgs, &AdminQuery::default(), Some(&form), Some(&msg));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

fn users_table(tr: Tr, users: &[UserView], orgs: &[OrgView]) -> Markup {
    let org_name = |id: i64| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    html! {
        table #users {
            thead { tr { th { (tr.t("field-username")) } th { (tr.t("field-display_name")) } th { (tr.t("field-organisation")) } th { (tr.t("field-roles")) } th { (tr.t("field-status")) } } }
            tbody {
                @for u in users {
                    tr {
                        td { a href=(format!("/admin/users/{}", u.id)) { (ltr(&u.username)) } }
                        td { (u.display_name) }
                        td { (org_name(u.org_id)) }
                        td { @for r in &u.roles { span.badge { (tr.t(&format!("role-{}", r.as_str()))) } " " } }
                        td { @if u.disabled { (tr.t("status-disabled")) } @else { (tr.t("status-active")) } }
                    }
                }
            }
        }
    }
}

async fn org_view(
    state: &AppState,
    s: &SignedIn,
    id: OrgId,
    q: &AdminQuery,
    values: Option<&FormData>,
    error: Option<&str>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let org = match state.app.get_org(&caller, id).await {
        Ok(o) => o,
        Err(e) => return page_error(e, tr),
    };
    let users = state.app.list_users(&caller, Some(id)).await.unwrap_or_default();
    let orgs = vec![org.clone()];
    let record = RecordRef::new(RecordKind::Organisation, Some(id));
    let may_edit = decide(&caller, Action::Write, &record).allowed;
    let may_add_user = decide(&caller, Action::Create, &RecordRef::new(RecordKind::User, Some(id))).allowed;
    admin_page(
        s,
        "/admin/orgs",
        &org.name,
        html! {
            (notice(tr, q))
            @if let Some(e) = error { (alert("error", e)) }
            section.card {
                h2 { (org.name) }
                dl {
                    dt { (tr.t("field-kind")) } dd { (kind_label(tr, org.kind)) }
                    dt { (tr.t("field-jurisdiction")) } dd { (org.jurisdiction_name) " " (ltr(&org.jurisdiction)) }
                    dt { (tr.t("field-created")) } dd { (fmt_time(org.created_at)) }
                    dt { (tr.t("field-status")) } dd { @if org.disabled { (tr.t("status-disabled")) } @else { (tr.t("status-active")) } }
                }
            }
            @if may_edit {
                section.card {
                    h2 { (tr.t("org-edit")) }
                    (org_form(s, &format!("/admin/orgs/{}", org.id), Some(&org), values, &tr.t("save")))
                }
            }
            section.card {
                h2 { (tr.t("admin-users")) }
                @if users.is_empty() { p.muted { (tr.t("users-none-visible")) } } @else { (users_table(tr, &users, &orgs)) }
                @if may_add_user { p { a.button href=(format!("/admin/users/new?org={}", org.id)) { (tr.t("user-new")) } } }
            }
        },
    )
}

pub(crate) async fn org_page(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<AdminQuery>,
) -> Response {
    org_view(&state, &s, OrgId(id), &q, None, None).await
}

pub(crate) async fn org_update(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    match state.app.update_org(&s.caller(), OrgId(id), &org_input(&form), form.checked("disabled")).await {
        Ok(()) => Redirect::to(&format!("/admin/orgs/{id}?done=saved")).into_response(),
        Err(e) => {
            let msg = form_error(&s, &e);
            let mut r =
                org_view(&state, &s, OrgId(id), &AdminQuery::default(), Some(&form), Some(&msg)).await;
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn users_page(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<AdminQuery>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let users = match state.app.list_users(&caller, q.org.map(OrgId)).await {
        Ok(u) => u,
        Err(e) => return page_error(e, tr),
    };
    let orgs = state.app.list_orgs(&caller).await.unwrap_or_default();
    let creatable: Vec<&OrgView> = orgs
        .iter()
        .filter(|o| {
            decide(&caller, Action::Create, &RecordRef::new(RecordKind::User, Some(OrgId(o.id)))).allowed
        })
        .collect();
    admin_page(
        &s,
        "/admin/users",
        &tr.t("admin-users"),
        html! {
            (notice(tr, &q))
            section.card {
                h2 { (tr.t("admin-users")) " " span.count { "(" (users.len()) ")" } }
                form.filters method="get" action="/admin/users" {
                    label for="org" { (tr.t("field-organisation")) }
                    select #org name="org" {
                        option value="" { (tr.t("all")) }
                        @for o in &orgs { option value=(o.id) selected[q.org == Some(o.id)] { (o.name) } }
                    }
                    button type="submit" { (tr.t("filter")) }
                }
                @if users.is_empty() { p.muted { (tr.t("users-none-visible")) } } @else { (users_table(tr, &users, &orgs)) }
                @if !creatable.is_empty() { p { a.button href="/admin/users/new" { (tr.t("user-new")) } } }
            }
        },
    )
}

fn role_boxes(tr: Tr, caller: &Caller, selected: &[String]) -> Markup {
    let platform = matches!(caller, Caller::User(a) if a.org.platform_operator && a.has(Role::Administrator));
    html! {
        fieldset.roles {
            legend { (tr.t("field-roles")) }
            @for r in Role::ALL {
                @if r != Role::Oversight || platform || matches!(caller, Caller::Cli) {
                    div.check {
                        input type="checkbox" name="roles" value=(r.as_str()) id=(format!("role-{}", r.as_str()))
                            checked[selected.iter().any(|s| s == r.as_str())];
                        label for=(format!("role-{}", r.as_str())) { (tr.t(&format!("role-{}", r.as_str()))) }
                    }
                }
            }
        }
    }
}

async fn user_new_view(
    state: &AppState,
    s: &SignedIn,
    org: Option<i64>,
    values: Option<&FormData>,
    error: Option<&str>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let orgs: Vec<OrgView> = state
        .app
        .list_orgs(&caller)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|o| {
            decide(&caller, Action::Create, &RecordRef::new(RecordKind::User, Some(OrgId(o.id)))).allowed
        })
        .collect();
    if orgs.is_empty() {
        return page_error(AppError::Denied(tr.t("error-denied")), tr);
    }
    let v = |k: &str| values.map(|f| f.get(k).to_owned()).unwrap_or_default();
    let sel_org = values.and_then(|f| f.get("org_id").parse().ok()).or(org);
    let roles = values.map(|f| f.all("roles")).unwrap_or_default();
    admin_page(
        s,
        "/admin/users",
        &tr.t("user-new"),
        html! {
            @if let Some(e) = error { (alert("error", e)) }
            section.card {
                h2 { (tr.t("user-new")) }
                form method="post" action="/admin/users" {
                    (csrf_input(&s.csrf))
                    div.field {
                        label for="org_id" { (tr.t("field-organisation")) }
                        select #org_id name="org_id" required {
                            @for o in &orgs { option value=(o.id) selected[sel_org == Some(o.id)] { (o.name) } }
                        }
                    }
                    div.field {
                        label for="username" { (tr.t("field-username")) }
                        input #username name="username" type="text" required dir="ltr" autocapitalize="none" value=(v("username"));
                        p.hint { (tr.t("username-hint")) }
                    }
                    div.field {
                        label for="display_name" { (tr.t("field-display_name")) }
                        input #display_name name="display_name" type="text" required value=(v("display_name"));
                    }
                    div.field {
                        label for="email" { (tr.t("field-email")) }
                        input #email name="email" type="email" dir="ltr" value=(v("email"));
                    }
                    div.field {
                        label for="password" { (tr.t("field-password")) }
                        input #password name="password" type="password" autocomplete="new-password" required minlength="12" dir="ltr";
                        p.hint { (tr.t("password-rules")) }
                    }
                    (role_boxes(tr, &caller, &roles))
                    button.primary type="submit" { (tr.t("create")) }
                }
            }
        },
    )
}

pub(crate) async fn user_new_page(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<AdminQuery>,
) -> Response {
    user_new_view(&state, &s, q.org, None, None).await
}

pub(crate) async fn user_create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let input = NewUserInput {
        org_id: form.get("org_id").parse().unwrap_or(-1),
        username: form.get("username").to_owned(),
        display_name: form.get("display_name").to_owned(),
        email: form.get("email").to_owned(),
        password: form.get("password").to_owned(),
        roles: form.all("roles"),
        locale: None,
    };
    match state.app.create_user(&s.caller(), &input).await {
        Ok(id) => Redirect::to(&format!("/admin/users/{id}?done=created")).into_response(),
        Err(e) => {
            let msg = form_error(&s, &e);
            let mut r = user_new_view(&state, &s, None, Some(&form), Some(&msg)).await;
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

async fn user_view(
    state: &AppState,
    s: &SignedIn,
    id: UserId,
    q: &AdminQuery,
    error: Option<&str>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let user = match state.app.get_user(&caller, id).await {
        Ok(u) => u,
        Err(e) => return page_error(e, tr),
    };
    let org = state.app.get_org(&caller, OrgId(user.org_id)).await.ok();
    let record = RecordRef::user(id, OrgId(user.org_id));
    let may_admin = decide(&caller, Action::Administer, &record).allowed;
    let roles: Vec<String> = user.roles.iter().map(|r| r.as_str().to_owned()).collect();
    admin_page(
        s,
        "/admin/users",
        &user.display_name,
        html! {
            (notice(tr, q))
            @if let Some(e) = error { (alert("error", e)) }
            section.card {
                h2 { (user.display_name) " " span.muted { (ltr(&user.username)) } }
                dl {
                    dt { (tr.t("field-organisation")) } dd { @if let Some(o) = &org { a href=(format!("/admin/orgs/{}", o.id)) { (o.name) } } }
                    dt { (tr.t("field-email")) } dd { (ltr(&user.email)) }
                    dt { (tr.t("field-roles")) } dd { @for r in &user.roles { span.badge { (tr.t(&format!("role-{}", r.as_str()))) } " " } }
                    dt { (tr.t("nav-totp")) } dd { @if user.totp_enabled { (tr.t("status-on")) } @else { (tr.t("status-off")) } }
                    dt { (tr.t("field-status")) } dd #user-status { @if user.disabled { (tr.t("status-disabled")) } @else { (tr.t("status-active")) } }
                    dt { (tr.t("field-created")) } dd { (fmt_time(user.created_at)) }
                }
            }
            @if may_admin {
                section.card {
                    h2 { (tr.t("user-roles")) }
                    form method="post" action=(format!("/admin/users/{}/roles", user.id)) {
                        (csrf_input(&s.csrf))
                        (role_boxes(tr, &caller, &roles))
                        button.primary type="submit" { (tr.t("save")) }
                    }
                }
                section.card {
                    h2 { (tr.t("user-access")) }
                    form method="post" action=(format!("/admin/users/{}/disabled", user.id)) {
                        (csrf_input(&s.csrf))
                        @if user.disabled {
                            input type="hidden" name="disabled" value="false";
                            button type="submit" { (tr.t("user-enable")) }
                        } @else {
                            input type="hidden" name="disabled" value="true";
                            button.danger type="submit" { (tr.t("user-disable")) }
                        }
                    }
                    form method="post" action=(format!("/admin/users/{}/password", user.id)) {
                        (csrf_input(&s.csrf))
                        div.field {
                            label for="password" { (tr.t("field-new_password")) }
                            input #password name="password" type="password" autocomplete="new-password" required minlength="12" dir="ltr";
                        }
                        button type="submit" { (tr.t("user-reset-password")) }
                    }
                    @if user.totp_enabled {
                        form method="post" action=(format!("/admin/users/{}/totp-reset", user.id)) {
                            (csrf_input(&s.csrf))
                            button.danger type="submit" { (tr.t("user-reset-totp")) }
                        }
                    }
                }
            }
        },
    )
}

pub(crate) async fn user_page(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<AdminQuery>,
) -> Response {
    user_view(&state, &s, UserId(id), &q, None).await
}

async fn after(state: &AppState, s: &SignedIn, id: i64, result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/admin/users/{id}?done=saved")).into_response(),
        Err(e) => {
            let msg = form_error(s, &e);
            let mut r = user_view(state, s, UserId(id), &AdminQuery::default(), Some(&msg)).await;
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn user_roles(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let result = state.app.set_roles(&s.caller(), UserId(id), &form.all("roles")).await;
    after(&state, &s, id, result).await
}

pub(crate) async fn user_disabled(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let result = state.app.set_disabled(&s.caller(), UserId(id), form.get("disabled") == "true").await;
    after(&state, &s, id, result).await
}

pub(crate) async fn user_password(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let result = state.app.reset_password(&s.caller(), UserId(id), form.get("password")).await;
    after(&state, &s, id, result).await
}

pub(crate) async fn user_totp_reset(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
) -> Response {
    let result = state.app.reset_totp(&s.caller(), UserId(id)).await;
    after(&state, &s, id, result).await
}

pub(crate) async fn audit_page(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<AdminQuery>,
) -> Response {
    let tr = s.tr;
    let caller = s.caller();
    let entries = match state.app.list_audit(&caller, q.before, 100).await {
        Ok(e) => e,
        Err(e) => return page_error(e, tr),
    };
    let may_verify = decide(&caller, Action::Read, &RecordRef::audit_log(None)).allowed;
    let older = entries.last().map(|e| e.seq).filter(|_| entries.len() == 100);
    admin_page(
        &s,
        "/admin/audit",
        &tr.t("admin-audit"),
        html! {
            section.card {
                h2 { (tr.t("admin-audit")) }
                p.muted { (tr.t("audit-explain")) }
                @if may_verify { p { a.button href="/admin/audit/verify" { (tr.t("audit-verify")) } } }
                table #audit {
                    thead { tr { th { "#" } th { (tr.t("field-time")) } th { (tr.t("field-actor")) } th { (tr.t("field-action")) } th { (tr.t("field-object")) } th { (tr.t("field-outcome")) } } }
                    tbody {
                        @for e in &entries {
                            tr {
                                td { (ltr(&e.seq.to_string())) }
                                td { (fmt_time(e.at)) }
                                td { @if let Some(u) = e.actor_user_id { (ltr(&format!("user {u}"))) } @else { (tr.t("audit-system")) } }
                                td { code { (e.action) } }
                                td { (ltr(&format!("{} {}", e.object_type, e.object_id))) }
                                td { (e.outcome) }
                            }
                        }
                    }
                }
                @if let Some(seq) = older { p { a href=(format!("/admin/audit?before={seq}")) { (tr.t("older")) } } }
            }
        },
    )
}

pub(crate) async fn audit_verify(State(state): State<AppState>, s: SignedIn) -> Response {
    let tr = s.tr;
    let v = match state.app.verify_audit(&s.caller()).await {
        Ok(v) => v,
        Err(e) => return page_error(e, tr),
    };
    admin_page(
        &s,
        "/admin/audit",
        &tr.t("audit-verify"),
        html! {
            section.card {
                h2 { (tr.t("audit-verify")) }
                @match &v.first_break {
                    None => { (alert("notice", &tr.a("audit-intact", &[("count", &v.entries.to_string())]))) p { (tr.t("audit-head")) " " code { (ltr(&v.head_hash)) } } }
                    Some(b) => { (alert("error", &tr.a("audit-broken", &[("seq", &b.seq.to_string()), ("reason", &b.reason)]))) }
                }
            }
        },
    )
}

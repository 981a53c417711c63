//! A user's own account: profile, password, second factor, access tokens.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use maud::{html, Markup};
use praxis_app::AppError;

use super::layout::{alert, csrf_input, ltr, page, Area};
use super::{fmt_time, FormData};
use crate::error::{page_error, status_of, user_message};
use crate::session::SignedIn;
use crate::AppState;

#[derive(serde::Deserialize, Default)]
pub(crate) struct Notice {
    done: Option<String>,
}

fn notice(s: &SignedIn, n: &Notice) -> Markup {
    html! { @if let Some(key) = &n.done { (alert("notice", &s.tr.t(&format!("done-{key}")))) } }
}

fn account_tabs(s: &SignedIn, current: &str) -> Markup {
    let tr = s.tr;
    let tabs = [
        ("/account", "nav-profile"),
        ("/account/password", "nav-password"),
        ("/account/totp", "nav-totp"),
        ("/account/tokens", "nav-tokens"),
    ];
    html! {
        nav.tabs aria-label=(tr.t("nav-account")) {
            @for (href, key) in tabs {
                a href=(href) aria-current=[(href == current).then_some("page")] { (tr.t(key)) }
            }
        }
    }
}

fn account_page(s: &SignedIn, path: &str, title: &str, body: Markup) -> Response {
    let tr = s.tr;
    page(
        tr,
        &s.actor,
        &s.csrf,
        Area::Account,
        path,
        title,
        html! {
            h1 { (tr.t("nav-account")) }
            (account_tabs(s, path))
            (body)
        },
    )
    .into_response()
}

/// Renders an error of a form as an alert naming the field.
pub(crate) fn form_error(s: &SignedIn, e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => s
            .tr
            .a("error-field", &[("field", &s.tr.t(&format!("field-{}", v.field))), ("message", &v.message)]),
        other => user_message(other, s.tr),
    }
}

pub(crate) async fn profile_page(
    State(state): State<AppState>,
    s: SignedIn,
    Query(n): Query<Notice>,
) -> Response {
    let user = match state.app.get_user(&s.caller(), s.actor.user_id).await {
        Ok(u) => u,
        Err(e) => return page_error(e, s.tr),
    };
    profile_view(&s, &user.display_name, &user.email, &n, None)
}

fn profile_view(s: &SignedIn, display_name: &str, email: &str, n: &Notice, error: Option<&str>) -> Response {
    let tr = s.tr;
    account_page(
        s,
        "/account",
        &tr.t("nav-profile"),
        html! {
            (notice(s, n))
            @if let Some(e) = error { (alert("error", e)) }
            section.card {
                h2 { (tr.t("nav-profile")) }
                dl {
                    dt { (tr.t("field-username")) } dd { (ltr(&s.actor.username)) }
                    dt { (tr.t("field-organisation")) } dd { (s.actor.org.name) }
                }
                form method="post" action="/account/profile" {
                    (csrf_input(&s.csrf))
                    div.field {
                        label for="display_name" { (tr.t("field-display_name")) }
                        input #display_name name="display_name" type="text" required value=(display_name);
                    }
                    div.field {
                        label for="email" { (tr.t("field-email")) }
                        input #email name="email" type="email" dir="ltr" value=(email);
                    }
                    button.primary type="submit" { (tr.t("save")) }
                }
            }
        },
    )
}

pub(crate) async fn profile_submit(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    match state
        .app
        .update_profile(&s.caller(), s.actor.user_id, form.get("display_name"), form.get("email"))
        .await
    {
        Ok(()) => Redirect::to("/account?done=saved").into_response(),
        Err(e) => {
            let msg = form_error(&s, &e);
            let mut r =
                profile_view(&s, form.get("display_name"), form.get("email"), &Notice::default(), Some(&msg));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

fn password_view(s: &SignedIn, n: &Notice, error: Option<&str>) -> Response {
    let tr = s.tr;
    account_page(
        s,
        "/account/password",
        &tr.t("nav-password"),
        html! {
            (notice(s, n))
            @if let Some(e) = error { (alert("error", e)) }
            section.card {
                h2 { (tr.t("nav-password")) }
                p.muted { (tr.t("password-rules")) }
                form method="post" action="/account/password" {
                    (csrf_input(&s.csrf))
                    div.field {
                        label for="current_password" { (tr.t("field-current_password")) }
                        input #current_password name="current_password" type="password" autocomplete="current-password" required dir="ltr";
                    }
                    div.field {
                        label for="password" { (tr.t("field-new_password")) }
                        input #password name="password" type="password" autocomplete="new-password" required minlength="12" dir="ltr";
                    }
                    div.field {
                        label for="confirm" { (tr.t("field-confirm")) }
                        input #confirm name="confirm" type="password" autocomplete="new-password" required minlength="12" dir="ltr";
                    }
                    button.primary type="submit" { (tr.t("save")) }
                }
            }
        },
    )
}

pub(crate) async fn password_page(s: SignedIn, Query(n): Query<Notice>) -> Response {
    password_view(&s, &n, None)
}

pub(crate) async fn password_submit(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let result = if form.get("password") != form.get("confirm") {
        Err(AppError::invalid("confirm", "mismatch", "the two new passwords differ"))
    } else {
        state
            .app
            .change_password(
                &s.actor,
                form.get("current_password"),
                form.get("password"),
                Some(&s.token_hash),
            )
            .await
    };
    match result {
        Ok(()) => Redirect::to("/account/password?done=password").into_response(),
        Err(e) => {
            let msg = form_error(&s, &e);
            let mut r = password_view(&s, &Notice::default(), Some(&msg));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

fn qr_data_uri(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build();
    Some(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
}

pub(crate) async fn totp_page(
    State(state): State<AppState>,
    s: SignedIn,
    Query(n): Query<Notice>,
) -> Response {
    let tr = s.tr;
    let user = match state.app.get_user(&s.caller(), s.actor.user_id).await {
        Ok(u) => u,
        Err(e) => return page_error(e, tr),
    };
    let required = state.app.totp_required_for(&s.actor.roles);
    let remaining = state.app.unused_recovery_codes(&s.actor).await.unwrap_or(0);
    account_page(
        &s,
        "/account/totp",
        &tr.t("nav-totp"),
        html! {
            (notice(&s, &n))
            section.card {
                h2 { (tr.t("nav-totp")) }
                @if user.totp_enabled {
                    p { span.ok { "✔ " } (tr.t("home-totp-on")) }
                    p { (tr.a("totp-recovery-left", &[("count", &remaining.to_string())])) }
                    form method="post" action="/account/totp/recovery" {
                        (csrf_input(&s.csrf))
                        button type="submit" { (tr.t("totp-recovery-new")) }
                    }
                    @if !required {
                        form method="post" action="/account/totp/disable" {
                            (csrf_input(&s.csrf))
                            div.field {
                                label for="current_password" { (tr.t("field-current_password")) }
                                input #current_password name="current_password" type="password"
                                    autocomplete="current-password" required dir="ltr";
                            }
                            button.danger type="submit" { (tr.t("totp-disable")) }
                        }
                    }
                } @else {
                    @if required { (alert("warn", &tr.t("totp-required"))) }
                    p { (tr.t("totp-why")) }
                    form method="post" action="/account/totp" {
                        (csrf_input(&s.csrf))
                        button.primary type="submit" { (tr.t("totp-setup")) }
                    }
                }
            }
        },
    )
}

fn confirm_view(s: &SignedIn, secret: &str, uri: &str, error: Option<&str>) -> Response {
    let tr = s.tr;
    account_page(
        s,
        "/account/totp",
        &tr.t("nav-totp"),
        html! {
            @if let Some(e) = error { (alert("error", e)) }
            section.card {
                h2 { (tr.t("totp-setup")) }
                ol {
                    li { (tr.t("totp-step-scan")) }
                    li { (tr.t("totp-step-code")) }
                }
                @if let Some(src) = qr_data_uri(uri) {
                    img.qr src=(src) alt=(tr.t("totp-qr-alt")) width="200" height="200";
                }
                p { (tr.t("totp-secret")) " " code #totp-secret { (ltr(secret)) } }
                form method="post" action="/account/totp/confirm" {
                    (csrf_input(&s.csrf))
                    input type="hidden" name="secret" value=(secret);
                    input type="hidden" name="uri" value=(uri);
                    div.field {
                        label for="code" { (tr.t("field-code")) }
                        input #code name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required dir="ltr" pattern="[0-9 ]{6,7}";
                    }
                    button.primary type="submit" { (tr.t("totp-confirm")) }
                }
            }
        },
    )
}

pub(crate) async fn totp_start(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.begin_totp_enrolment(&s.actor).await {
        Ok(en) => confirm_view(&s, &en.secret_base32, &en.otpauth_uri, None),
        Err(e) => page_error(e, s.tr),
    }
}

fn codes_view(s: &SignedIn, codes: &[String]) -> Response {
    let tr = s.tr;
    account_page(
        s,
        "/account/totp",
        &tr.t("nav-totp"),
        html! {
            section.card {
                h2 { (tr.t("totp-codes-title")) }
                (alert("warn", &tr.t("totp-codes-once")))
                ul.codes #recovery-codes { @for c in codes { li { code { (ltr(c)) } } } }
                p { a.button href="/" { (tr.t("continue")) } }
            }
        },
    )
}

pub(crate) async fn totp_confirm(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    match state.app.confirm_totp_enrolment(&s.actor, Some(&s.token_hash), form.get("code")).await {
        Ok(codes) => codes_view(&s, &codes),
        Err(e) => {
            let msg = form_error(&s, &e);
            let mut r = confirm_view(&s, form.get("secret"), form.get("uri"), Some(&msg));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn totp_recovery(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.regenerate_recovery_codes(&s.actor).await {
        Ok(codes) => codes_view(&s, &codes),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn totp_disable(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    match state.app.disable_own_totp(&s.actor, form.get("current_password")).await {
        // Resetting ends every session, this one included.
        Ok(()) => Redirect::to("/login").into_response(),
        Err(e) => page_error(e, s.tr),
    }
}

fn tokens_view(
    state: &AppState,
    s: &SignedIn,
    tokens: &[praxis_app::auth::TokenInfo],
    created: Option<&str>,
    error: Option<&str>,
) -> Response {
    let _ = state;
    let tr = s.tr;
    account_page(
        s,
        "/account/tokens",
        &tr.t("nav-tokens"),
        html! {
            @if let Some(e) = error { (alert("error", e)) }
            @if let Some(token) = created {
                section.card.highlight {
                    h2 { (tr.t("tokens-created")) }
                    (alert("warn", &tr.t("tokens-once")))
                    p { code #new-token { (ltr(token)) } }
                }
            }
            section.card {
                h2 { (tr.t("nav-tokens")) }
                p.muted { (tr.t("tokens-explain")) }
                @if tokens.is_empty() { p { (tr.t("tokens-none")) } } @else {
                    table {
                        thead { tr { th { (tr.t("field-name")) } th { (tr.t("tokens-prefix")) } th { (tr.t("field-created")) } th { (tr.t("field-expires")) } th { (tr.t("field-status")) } th {} } }
                        tbody {
                            @for t in tokens {
                                tr {
                                    td { (t.name) }
                                    td { code { (ltr(&format!("{}…", t.prefix))) } }
                                    td { (fmt_time(t.created_at)) }
                                    td { @if let Some(e) = t.expires_at { (fmt_time(e)) } @else { "—" } }
                                    td { @if t.revoked_at.is_some() { (tr.t("tokens-revoked")) } @else { (tr.t("tokens-active")) } }
                                    td {
                                        @if t.revoked_at.is_none() {
                                            form.inline method="post" action=(format!("/account/tokens/{}/revoke", t.id)) {
                                                (csrf_input(&s.csrf))
                                                button.danger type="submit" { (tr.t("tokens-revoke")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                h3 { (tr.t("tokens-new")) }
                form method="post" action="/account/tokens" {
                    (csrf_input(&s.csrf))
                    div.field {
                        label for="name" { (tr.t("field-name")) }
                        input #name name="name" type="text" required maxlength="100";
                    }
                    div.field {
                        label for="expires_in_days" { (tr.t("field-expires_in_days")) }
                        input #expires_in_days name="expires_in_days" type="number" min="1" max="3650" value="90" dir="ltr";
                    }
                    button.primary type="submit" { (tr.t("tokens-create")) }
                }
            }
        },
    )
}

pub(crate) async fn tokens_page(State(state): State<AppState>, s: SignedIn) -> Response {
    match state.app.list_tokens(&s.actor).await {
        Ok(tokens) => tokens_view(&state, &s, &tokens, None, None),
        Err(e) => page_error(e, s.tr),
    }
}

pub(crate) async fn token_create(State(state): State<AppState>, s: SignedIn, form: FormData) -> Response {
    let days = match form.get("expires_in_days").trim() {
        "" => Ok(None),
        d => d
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::invalid("expires_in_days", "number", "must be a whole number of days")),
    };
    let result = match days {
        Ok(days) => state.app.create_token(&s.actor, form.get("name"), days).await,
        Err(e) => Err(e),
    };
    let tokens = state.app.list_tokens(&s.actor).await.unwrap_or_default();
    match result {
        Ok((_, token)) => tokens_view(&state, &s, &tokens, Some(&token), None),
        Err(e) => {
            let msg = form_error(&s, &e);
            let mut r = tokens_view(&state, &s, &tokens, None, Some(&msg));
            *r.status_mut() = status_of(&e);
            r
        }
    }
}

pub(crate) async fn token_revoke(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
) -> Response {
    match state.app.revoke_token(&s.actor, id).await {
        Ok(()) => Redirect::to("/account/tokens").into_response(),
        Err(e) => page_error(e, s.tr),
    }
}

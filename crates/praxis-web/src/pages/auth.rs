//! Login, the second-factor step, logout and the language picker.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use praxis_app::auth::NextStep;
use praxis_app::AppError;
use praxis_model::Locale;

use super::layout::{alert, bare_with_lang, csrf_input};
use super::FormData;
use crate::error::user_message;
use crate::i18n::Tr;
use crate::session::{clear_session_cookie, safe_next, session_cookie, Visitor, LANG_COOKIE};
use crate::AppState;

#[derive(serde::Deserialize)]
pub(crate) struct LoginQuery {
    next: Option<String>,
}

fn login_form(v: &Visitor, tr: Tr, next: &str, username: &str, error: Option<&str>) -> maud::Markup {
    bare_with_lang(
        tr,
        &tr.t("login-title"),
        Some((&v.csrf, &format!("/login?next={}", crate::session::urlencode(next)))),
        html! {
            section.card.narrow {
                h1 { (tr.t("login-title")) }
                p.muted { (tr.t("app-tagline")) }
                @if let Some(e) = error { (alert("error", e)) }
                form method="post" action="/login" {
                    (csrf_input(&v.csrf))
                    input type="hidden" name="next" value=(next);
                    div.field {
                        label for="username" { (tr.t("field-username")) }
                        input #username name="username" type="text" autocomplete="username" required
                            autocapitalize="none" spellcheck="false" dir="ltr" value=(username) autofocus;
                    }
                    div.field {
                        label for="password" { (tr.t("field-password")) }
                        input #password name="password" type="password" autocomplete="current-password" required dir="ltr";
                    }
                    button.primary type="submit" { (tr.t("login-submit")) }
                }
            }
        },
    )
}

pub(crate) async fn login_page(v: Visitor, Query(q): Query<LoginQuery>) -> Response {
    if v.actor().is_some() {
        return Redirect::to(&safe_next(q.next.as_deref())).into_response();
    }
    let next = safe_next(q.next.as_deref());
    login_form(&v, v.tr, &next, "", None).into_response()
}

pub(crate) async fn login_submit(State(state): State<AppState>, v: Visitor, form: FormData) -> Response {
    let next = safe_next(Some(form.get("next")));
    let tr = v.tr;
    match state.app.login(form.get("username"), form.get("password"), &v.client).await {
        Ok(result) => {
            let target = match result.next {
                NextStep::Done => next,
                NextStep::Totp => "/login/totp".to_owned(),
                NextStep::EnrolTotp => "/account/totp".to_owned(),
            };
            let cookie =
                session_cookie(&state, &result.session_token, state.app.config().security.session_secs);
            ([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response()
        }
        Err(e) => {
            let status = crate::error::status_of(&e);
            let retry = if let AppError::Throttled { retry_after_secs } = &e {
                Some(*retry_after_secs)
            } else {
                None
            };
            let msg = user_message(&e, tr);
            let mut res =
                (status, login_form(&v, tr, &next, form.get("username"), Some(&msg))).into_response();
            if let Some(secs) = retry {
                res.headers_mut().insert(header::RETRY_AFTER, secs.into());
            }
            res
        }
    }
}

fn totp_form(v: &Visitor, error: Option<&str>) -> maud::Markup {
    let tr = v.tr;
    bare_with_lang(
        tr,
        &tr.t("totp-title"),
        None,
        html! {
            section.card.narrow {
                h1 { (tr.t("totp-title")) }
                p { (tr.t("totp-explain")) }
                @if let Some(e) = error { (alert("error", e)) }
                form method="post" action="/login/totp" {
                    (csrf_input(&v.csrf))
                    div.field {
                        label for="code" { (tr.t("field-code")) }
                        input #code name="code" type="text" inputmode="text" autocomplete="one-time-code" required dir="ltr" autofocus;
                        p.hint { (tr.t("totp-recovery-hint")) }
                    }
                    button.primary type="submit" { (tr.t("totp-submit")) }
                }
                form method="post" action="/logout" {
                    (csrf_input(&v.csrf))
                    button.link type="submit" { (tr.t("logout")) }
                }
            }
        },
    )
}

pub(crate) async fn totp_page(v: Visitor) -> Response {
    match &v.session {
        Some(s) if s.next == NextStep::Totp => totp_form(&v, None).into_response(),
        Some(_) => Redirect::to("/").into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

pub(crate) async fn totp_submit(State(state): State<AppState>, v: Visitor, form: FormData) -> Response {
    let Some(token) = v.session_token.clone().filter(|_| v.session.is_some()) else {
        return Redirect::to("/login").into_response();
    };
    match state.app.verify_second_factor(&token, form.get("code"), &v.client).await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(e) => {
            let msg = user_message(&e, v.tr);
            (crate::error::status_of(&e), totp_form(&v, Some(&msg))).into_response()
        }
    }
}

pub(crate) async fn logout(State(state): State<AppState>, v: Visitor) -> Response {
    if let Some(token) = &v.session_token {
        if let Err(e) = state.app.logout(token).await {
            return crate::error::page_error(e, v.tr);
        }
    }
    ([(header::SET_COOKIE, clear_session_cookie(&state))], Redirect::to("/login")).into_response()
}

/// Changes the language: remembered on the account when signed in, in a cookie otherwise.
pub(crate) async fn set_language(State(state): State<AppState>, v: Visitor, form: FormData) -> Response {
    let Some(locale) = Locale::parse(form.get("locale")) else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            v.tr.a("error-field", &[("field", "locale"), ("message", "unknown language")]),
        )
            .into_response();
    };
    // Only a fully signed-in session writes to the account; one that still owes its second
    // factor changes the cookie alone.
    if let Some(actor) = v.actor() {
        if let Err(e) = state.app.set_locale(actor, locale).await {
            return crate::error::page_error(e, v.tr);
        }
    }
    let secure = if state.app.config().security.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly{secure}",
        locale.tag()
    );
    let back = safe_next(Some(form.get("back")));
    ([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response()
}

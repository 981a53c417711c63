//! Who is asking: session cookies for pages, the request's language and client address.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use praxis_app::auth::{NextStep, SessionInfo};
use praxis_app::{Actor, AppError, Caller};
use praxis_model::Locale;

use crate::i18n::Tr;
use crate::security::CsrfToken;
use crate::AppState;

pub(crate) const SESSION_COOKIE: &str = "praxis_session";
pub(crate) const LANG_COOKIE: &str = "praxis_lang";

pub(crate) fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The language of someone not signed in: their chosen cookie, else the browser's preference.
pub(crate) fn anonymous_locale(headers: &HeaderMap) -> Locale {
    if let Some(l) = cookie_value(headers, LANG_COOKIE).and_then(|v| Locale::parse(&v)) {
        return l;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',').filter_map(|part| Locale::parse(part.split(';').next().unwrap_or(""))).next()
        })
        .unwrap_or_default()
}

pub(crate) fn client_address(parts: &Parts, state: &AppState) -> String {
    if state.web.trust_forwarded_for {
        if let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            return ip.to_owned();
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Anyone visiting a page, signed in or not.
pub(crate) struct Visitor {
    pub session: Option<SessionInfo>,
    pub session_token: Option<String>,
    pub tr: Tr,
    pub csrf: String,
    pub client: String,
}

impl Visitor {
    pub(crate) fn actor(&self) -> Option<&Actor> {
        self.session.as_ref().filter(|s| s.next == NextStep::Done).map(|s| &s.actor)
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = cookie_value(&parts.headers, SESSION_COOKIE);
        let session = match &token {
            Some(t) => match state.app.session(t).await {
                Ok(s) => Some(s),
                Err(AppError::Unauthenticated) => None,
                Err(e) => return Err(crate::error::page_error(e, Tr::new(anonymous_locale(&parts.headers)))),
            },
            None => None,
        };
        // The account's language once fully signed in; before that, the browser's choice.
        let locale = session
            .as_ref()
            .filter(|s| s.next == NextStep::Done)
            .map(|s| s.actor.locale)
            .unwrap_or_else(|| anonymous_locale(&parts.headers));
        let csrf = parts.extensions.get::<CsrfToken>().map(|c| c.0.clone()).unwrap_or_default();
        Ok(Visitor {
            session,
            session_token: token,
            tr: Tr::new(locale),
            csrf,
            client: client_address(parts, state),
        })
    }
}

/// A fully signed-in user. Anyone else is sent to the login page, or to the second-factor step
/// their session still owes.
pub(crate) struct SignedIn {
    pub actor: Actor,
    pub token_hash: String,
    pub tr: Tr,
    pub csrf: String,
}

impl SignedIn {
    pub(crate) fn caller(&self) -> Caller {
        Caller::User(self.actor.clone())
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let v = Visitor::from_request_parts(parts, state).await?;
        let Some(session) = v.session else {
            let next = urlencode(parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"));
            return Err(Redirect::to(&format!("/login?next={next}")).into_response());
        };
        match session.next {
            NextStep::Done => {}
            NextStep::Totp => return Err(Redirect::to("/login/totp").into_response()),
            NextStep::EnrolTotp if is_enrolment_path(parts.uri.path()) => {}
            NextStep::EnrolTotp => return Err(Redirect::to("/account/totp").into_response()),
        }
        Ok(SignedIn { actor: session.actor, token_hash: session.token_hash, tr: v.tr, csrf: v.csrf })
    }
}

impl OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <SignedIn as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(s) => Ok(Some(s)),
            Err(_) => Ok(None),
        }
    }
}

/// Paths a session that owes a second-factor enrolment may use.
fn is_enrolment_path(path: &str) -> bool {
    matches!(path, "/account/totp" | "/account/totp/confirm" | "/logout" | "/language")
}

pub(crate) fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Only local paths are followed after login (no open redirects).
pub(crate) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

pub(crate) fn session_cookie(state: &AppState, token: &str, max_age_secs: i64) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{}",
        if state.app.config().security.secure_cookies { "; Secure" } else { "" }
    )
}

pub(crate) fn clear_session_cookie(state: &AppState) -> String {
    session_cookie(state, "", 0)
}

//! Security headers on every response, and CSRF protection on every form.
//!
//! CSRF: a double-submit token. Each browser holds a random token in the `praxis_csrf` cookie
//! (HttpOnly, SameSite=Strict); every form carries the same token in a hidden `csrf` field; every
//! non-GET request outside the bearer-token API must present both, equal. A page reads the token
//! from the request's [`CsrfToken`] extension, set here when the cookie is new.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::session::cookie_value;
use crate::AppState;

pub(crate) const CSRF_COOKIE: &str = "praxis_csrf";
pub(crate) const CSRF_FIELD: &str = "csrf";
const MAX_FORM_BYTES: usize = 1 << 20;

/// The request's CSRF token, for forms to embed.
#[derive(Clone, Debug)]
pub(crate) struct CsrfToken(pub String);

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
                   base-uri 'none'";

pub(crate) async fn headers(State(_): State<AppState>, req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/assets/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if !is_asset {
        // Pages may show protected data: never keep them in a cache.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

fn new_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn forbidden(req_locale: praxis_model::Locale) -> Response {
    let t = crate::i18n::Tr::new(req_locale);
    (StatusCode::FORBIDDEN, t.t("error-csrf")).into_response()
}

pub(crate) async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cookie = cookie_value(req.headers(), CSRF_COOKIE);
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // The API authenticates with bearer tokens only, which a browser never sends on its own.
    let is_api = req.uri().path().starts_with("/api/");
    let secure = state.app.config().security.secure_cookies;

    if !safe && !is_api {
        let locale = crate::session::anonymous_locale(req.headers());
        let Some(expected) = cookie.clone() else {
            return forbidden(locale);
        };
        // File uploads (multipart) carry the token in the form's action URL, so that the body
        // (up to hundreds of megabytes) is streamed to its handler, not buffered here.
        let multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if multipart {
            let presented = req.uri().query().and_then(|q| form_urlencoded_value(q.as_bytes(), CSRF_FIELD));
            if !presented.is_some_and(|p| p.as_bytes().ct_eq(expected.as_bytes()).into()) {
                tracing::warn!(path = %req.uri().path(), "upload refused: CSRF token missing or wrong");
                return forbidden(locale);
            }
            let mut req = req;
            req.extensions_mut().insert(CsrfToken(expected));
            return next.run(req).await;
        }
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
        };
        let presented = form_urlencoded_value(&bytes, CSRF_FIELD);
        let ok = presented.is_some_and(|p| p.as_bytes().ct_eq(expected.as_bytes()).into());
        if !ok {
            tracing::warn!(path = %parts.uri.path(), "form refused: CSRF token missing or wrong");
            return forbidden(locale);
        }
        let mut req = Request::from_parts(parts, Body::from(bytes));
        req.extensions_mut().insert(CsrfToken(expected));
        return next.run(req).await;
    }

    let (token, is_new) = match cookie {
        Some(c) if c.len() >= 32 => (c, false),
        _ => (new_token(), true),
    };
    let mut req = req;
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut res = next.run(req).await;
    if is_new && !is_api {
        let cookie = format!(
            "{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{}",
            if secure { "; Secure" } else { "" }
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// The access log: method, path, status and time, at `info`. Never the query string or the
/// body: a search box or a form may carry a victim's name, and logs are not protected fields.
pub(crate) async fn access_log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    tracing::info!(
        target: "praxis::access",
        %method,
        %path,
        status = res.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
    );
    res
}

//! Turning application errors into HTTP answers: a page for people, JSON for the API. Internal
//! errors are logged in full and answered with a generic message.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::AppError;

use crate::i18n::Tr;

pub(crate) fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Denied(_) => StatusCode::FORBIDDEN,
        AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
        AppError::BadCode => StatusCode::UNAUTHORIZED,
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::ImportRefused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The message a person sees, in their language where the message is generic.
pub(crate) fn user_message(e: &AppError, tr: Tr) -> String {
    match e {
        AppError::Internal(inner) => {
            tracing::error!(error = %inner, "internal error");
            tr.t("error-internal")
        }
        AppError::BadCredentials => tr.t("login-failed"),
        AppError::BadCode => tr.t("totp-failed"),
        AppError::Throttled { retry_after_secs } => {
            tr.a("login-throttled", &[("minutes", &((retry_after_secs + 59) / 60).to_string())])
        }
        AppError::Unauthenticated => tr.t("error-unauthenticated"),
        AppError::Denied(reason) => format!("{} ({reason})", tr.t("error-denied")),
        AppError::NotFound(_) => tr.t("error-not-found"),
        other => other.to_string(),
    }
}

/// A full error page.
pub(crate) fn page_error(e: AppError, tr: Tr) -> Response {
    let status = status_of(&e);
    let retry = match &e {
        AppError::Throttled { retry_after_secs } => Some(*retry_after_secs),
        _ => None,
    };
    let msg = user_message(&e, tr);
    let body = crate::pages::layout::bare(
        tr,
        &tr.t("error-title"),
        maud::html! {
            h1 { (tr.t("error-title")) }
            p.error role="alert" { (msg) }
            p { a href="/" { (tr.t("nav-home")) } }
        },
    );
    let mut res = (status, body).into_response();
    if let Some(secs) = retry {
        res.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    res
}

/// The API's error body: a stable code, a human message, and the field at fault if any.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct ApiErrorDetail {
    /// Stable, machine-readable: invalid_input, forbidden, unauthenticated, not_found, conflict,
    /// too_many_attempts, internal…
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a refused import: every unreadable row, as `file:line: field: message`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

pub(crate) struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = status_of(&e);
        let field = match &e {
            AppError::Invalid(v) => Some(v.field.to_owned()),
            _ => None,
        };
        let message = match &e {
            AppError::Internal(inner) => {
                tracing::error!(error = %inner, "internal error");
                "internal error; the server log has the details".to_owned()
            }
            other => other.to_string(),
        };
        let details = match &e {
            AppError::ImportRefused(rows) => rows.clone(),
            _ => vec![],
        };
        let body =
            ApiErrorBody { error: ApiErrorDetail { code: e.code().to_owned(), message, field, details } };
        let mut res = (status, Json(body)).into_response();
        if let AppError::Throttled { retry_after_secs } = e {
            res.headers_mut().insert(header::RETRY_AFTER, retry_after_secs.into());
        }
        res
    }
}

/// A bad request the app layer never saw (malformed JSON, a path id that is not a number).
pub(crate) fn api_bad_request(field: Option<&str>, message: String) -> Response {
    let body = ApiErrorBody {
        error: ApiErrorDetail {
            code: "invalid_input".into(),
            message,
            field: field.map(str::to_owned),
            details: vec![],
        },
    };
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

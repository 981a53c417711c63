//! The legislative review API: reviews of a country's law against the checklist, answers with
//! their history, the score with guidance apart, the harmonisation matrix and the CSV export.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::legal_review::{
    AnswerInput, MatrixQuery, MatrixView, NewReviewInput, ProvisionHistory, ReviewSummary, ReviewView,
    StatusInput,
};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

/// The reviews the caller may read: programme staff of the countries concerned.
#[utoipa::path(get, path = "/programme/legal/reviews", tag = "legal review",
    responses((status = 200, description = "reviews with their progress and score"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<ReviewSummary>>> {
    Ok(Json(s.app.legal_reviews(&user.caller()).await?))
}

/// Starts the review of a country's law, owned by the caller's organisation (programme officers).
#[utoipa::path(post, path = "/programme/legal/reviews", tag = "legal review",
    request_body(content = Object, description = "country (ISO 3166-1), title, status (in_progress, under_validation, validated), checklist_version"),
    responses((status = 201, description = "the new review's id"), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewReviewInput>,
) -> ApiResult<Response> {
    let id = s.app.create_legal_review(&user.caller(), &input).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}

/// The review: each section's obligations, guidance (shown as guidance, scored apart) and
/// information items with their current answers; the score; what the caller may do.
#[utoipa::path(get, path = "/programme/legal/reviews/{id}", tag = "legal review", params(("id" = i64, Path)),
    responses((status = 200, description = "the review"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<ReviewView>> {
    Ok(Json(s.app.legal_review(&user.caller(), id).await?))
}

/// Records an answer to a provision; earlier answers stay in its history.
#[utoipa::path(post, path = "/programme/legal/reviews/{id}/answers", tag = "legal review", params(("id" = i64, Path)),
    request_body(content = Object, description = "provision (TIP-06), answer (compliant, partially_compliant, not_compliant, not_applicable, unknown), citation, link, gap_note, recommendation, stakeholders, assessed_on (YYYY-MM-DD)"),
    responses((status = 201, description = "the answer's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn answer(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<AnswerInput>,
) -> ApiResult<Response> {
    let aid = s.app.record_legal_answer(&user.caller(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": aid }))).into_response())
}

/// Moves the review to another stage.
#[utoipa::path(put, path = "/programme/legal/reviews/{id}/status", tag = "legal review", params(("id" = i64, Path)),
    request_body(content = Object, description = "status: in_progress, under_validation, validated"),
    responses((status = 204, description = "changed"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn status(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<StatusInput>,
) -> ApiResult<StatusCode> {
    s.app.set_legal_review_status(&user.caller(), id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every answer one provision has had, oldest first.
#[utoipa::path(get, path = "/programme/legal/reviews/{id}/provisions/{provision}", tag = "legal review",
    params(("id" = i64, Path), ("provision" = String, Path, description = "provision id, e.g. TIP-06")),
    responses((status = 200, description = "the provision and its answers"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn history(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, provision)): Path<(i64, String)>,
) -> ApiResult<Json<ProvisionHistory>> {
    Ok(Json(s.app.legal_provision_history(&user.caller(), id, &provision).await?))
}

/// The review with its whole history, as CSV.
#[utoipa::path(get, path = "/programme/legal/reviews/{id}/csv", tag = "legal review", params(("id" = i64, Path)),
    responses((status = 200, description = "text/csv"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn csv(State(s): State<AppState>, user: ApiUser, ApiId(id): ApiId) -> ApiResult<Response> {
    let (name, bytes) = s.app.legal_review_csv(&user.caller(), id).await?;
    Ok(csv_response(&name, bytes))
}

pub(crate) fn csv_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct MatrixParams {
    /// The earlier date, YYYY-MM-DD (default: 180 days before `to`).
    from: Option<String>,
    /// The later date, YYYY-MM-DD (default: today).
    to: Option<String>,
    /// `csv` for the matrix as CSV (per country the answer at each date and the change).
    format: Option<String>,
}

/// The harmonisation matrix: provisions × the countries whose review the caller may read, each
/// cell the answer at both dates and how it changed.
#[utoipa::path(get, path = "/programme/legal/matrix", tag = "legal review", params(MatrixParams),
    responses((status = 200, description = "the matrix (JSON, or CSV with format=csv)"), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn matrix(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<MatrixParams>,
) -> ApiResult<Response> {
    let query = MatrixQuery { from: q.from, to: q.to };
    if q.format.as_deref() == Some("csv") {
        let (name, bytes) = s.app.legal_matrix_csv(&user.caller(), &query).await?;
        return Ok(csv_response(&name, bytes));
    }
    let m: MatrixView = s.app.legal_matrix(&user.caller(), &query).await?;
    Ok(Json(m).into_response())
}

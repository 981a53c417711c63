//! The national assessments API: TIP and SOM assessments of partner countries with their status
//! history, findings, recommendations and stakeholder analysis.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::assessments::{
    AssessmentInput, AssessmentSummary, AssessmentView, ConsultedInput, FindingInput, RecommendationInput,
    StatusInput,
};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    country: Option<String>,
}

/// The assessments the caller may read (of one partner country with `?country=`).
#[utoipa::path(get, path = "/programme/assessments", tag = "assessments",
    params(("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2")),
    responses((status = 200, description = "assessments"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Vec<AssessmentSummary>>> {
    let country = q.country.as_deref().map(str::trim).filter(|c| !c.is_empty());
    Ok(Json(s.app.assessments(&user.caller(), country).await?))
}

/// Creates an assessment of a partner country, planned (programme officers).
#[utoipa::path(post, path = "/programme/assessments", tag = "assessments",
    request_body(content = Object, description = "country, kind (tip, som), title, period_start, period_end (YYYY-MM-DD), methods (desk_review, interviews, field_visits), planned_on"),
    responses((status = 201, description = "the assessment's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<AssessmentInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_assessment(&user.caller(), &input).await?))
}

/// The assessment: status history, methods, findings, recommendations, stakeholders consulted.
#[utoipa::path(get, path = "/programme/assessments/{id}", tag = "assessments", params(("id" = i64, Path)),
    responses((status = 200, description = "the assessment"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<AssessmentView>> {
    Ok(Json(s.app.assessment(&user.caller(), id).await?))
}

/// Adds a key finding under a pillar.
#[utoipa::path(post, path = "/programme/assessments/{id}/findings", tag = "assessments", params(("id" = i64, Path)),
    request_body(content = Object, description = "pillar (a pillar code), finding"),
    responses((status = 201, description = "the finding's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn finding(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<FindingInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_assessment_finding(&user.caller(), id, &input).await?))
}

/// Adds a recommendation with its priority under a pillar.
#[utoipa::path(post, path = "/programme/assessments/{id}/recommendations", tag = "assessments", params(("id" = i64, Path)),
    request_body(content = Object, description = "priority (1-3), pillar (a pillar code), recommendation"),
    responses((status = 201, description = "the recommendation's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn recommendation(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<RecommendationInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_assessment_recommendation(&user.caller(), id, &input).await?))
}

/// Adds one of the country's stakeholders as consulted, scored in this assessment.
#[utoipa::path(post, path = "/programme/assessments/{id}/stakeholders", tag = "assessments", params(("id" = i64, Path)),
    request_body(content = Object, description = "stakeholder (the country's stakeholder id), influence (1-5), interest (1-5), note"),
    responses((status = 201, description = "the entry's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn stakeholder(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<ConsultedInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_assessment_stakeholder(&user.caller(), id, &input).await?))
}

/// Moves the assessment to its next status (in_progress, validated); validation is refused to
/// the person who created it.
#[utoipa::path(post, path = "/programme/assessments/{id}/status", tag = "assessments", params(("id" = i64, Path)),
    request_body(content = Object, description = "status (in_progress, validated), on (YYYY-MM-DD), note"),
    responses((status = 201, description = "the status's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn status(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<StatusInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.move_assessment(&user.caller(), id, &input).await?))
}

//! The workplans API: workplans with their activities (for a Gantt view), an activity with its
//! mainstreaming checklist answers, and the checklist's versions.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::workplans::{
    ActivityDetail, ChecklistAnswersInput, ChecklistInput, MainstreamingView, NewWorkplanInput, WorkplanList,
    WorkplanView,
};
use serde::Deserialize;

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct CountryQuery {
    #[serde(default)]
    pub(crate) country: Option<String>,
}

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

/// The workplans the caller may read, with their budgets and every activity (dates, status,
/// output, pillars, location) for a Gantt view.
#[utoipa::path(get, path = "/programme/workplans", tag = "workplans",
    params(("country" = Option<String>, Query, description = "ISO 3166-1 code, or `regional`")),
    responses((status = 200, description = "workplans and activities"), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<CountryQuery>,
) -> ApiResult<Json<WorkplanList>> {
    Ok(Json(s.app.workplans(&user.caller(), q.country.as_deref()).await?))
}

/// Creates a workplan for a country (or the region) and a period (programme officers).
#[utoipa::path(post, path = "/programme/workplans", tag = "workplans",
    request_body(content = Object, description = "country? (ISO 3166-1; empty: regional), title, start_on, end_on (the day after the last)"),
    responses((status = 201, description = "the new workplan's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewWorkplanInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_workplan(&user.caller(), &input).await?))
}

/// A workplan with its activities and budget totals (outside capitals, in conflict areas).
/// Activities are added with `POST /programme/activities` and `workplan`.
#[utoipa::path(get, path = "/programme/workplans/{id}", tag = "workplans", params(("id" = i64, Path)),
    responses((status = 200, description = "the workplan"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<WorkplanView>> {
    Ok(Json(s.app.workplan(&user.caller(), id).await?))
}

/// A programme activity with its workplan, trainings and mainstreaming checklist answers.
#[utoipa::path(get, path = "/programme/activities/{id}", tag = "workplans", params(("id" = i64, Path)),
    responses((status = 200, description = "the activity"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn activity(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<ActivityDetail>> {
    Ok(Json(s.app.programme_activity(&user.caller(), id).await?))
}

/// Answers questions of the checklist for the activity; each answer keeps its version.
#[utoipa::path(post, path = "/programme/activities/{id}/checklist", tag = "workplans", params(("id" = i64, Path)),
    request_body(content = Object, description = "version, answers: [{question (1-based), answer (yes, partly, no), note?}]"),
    responses((status = 201, description = "how many answers were recorded"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn answer(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<ChecklistAnswersInput>,
) -> ApiResult<Response> {
    let n = s.app.answer_mainstreaming(&user.caller(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "answers": n }))).into_response())
}

/// The gender and human-rights checklist, every version, newest first.
#[utoipa::path(get, path = "/programme/mainstreaming", tag = "workplans",
    responses((status = 200, description = "the checklist's versions"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn checklist(
    State(s): State<AppState>,
    user: ApiUser,
) -> ApiResult<Json<MainstreamingView>> {
    Ok(Json(s.app.mainstreaming(&user.caller()).await?))
}

/// Publishes the next version of the checklist (programme officers of an international
/// organisation).
#[utoipa::path(post, path = "/programme/mainstreaming", tag = "workplans",
    request_body(content = Object, description = "questions: one per line"),
    responses((status = 201, description = "the new version"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn publish(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<ChecklistInput>,
) -> ApiResult<Response> {
    let v = s.app.publish_mainstreaming(&user.caller(), &input).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "version": v }))).into_response())
}

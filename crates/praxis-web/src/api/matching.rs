//! Entity resolution through the API: start a run on one list (dedupe) or two (link) as a job,
//! follow the job (`GET /jobs/{id}`), read the proposed pairs with their explanations, and
//! confirm or reject them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::matching::{JudgementInput, MatchRunInput, RunSummary, RunView};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

/// The runs of the caller's organisation (investigative roles), newest first.
#[utoipa::path(get, path = "/match/runs", tag = "matching",
    responses((status = 200, description = "runs with their outcome"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<RunSummary>>> {
    Ok(Json(s.app.match_runs(&user.caller()).await?))
}

/// Starts a run. The lists are CSV text; they are read whole (refused with every line and field
/// named, nothing stored) before the job starts. Answers 202 with the run's id and the job's.
#[utoipa::path(post, path = "/match/runs", tag = "matching",
    request_body(content = Object, description = "title, collection? (judgements belong to it; default the title), kind (dedupe, link), id_column, mapping (`role=column, …`; roles: given_name, family_name, full_name, birth_date, phone, email, address, city, postcode, region, country, id_number, account_number, org_name), threshold? (default 0.5), phone_region? (default PK), left_csv, right_csv? (for a link)"),
    responses((status = 202, description = "{run, job}"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn start(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<MatchRunInput>,
) -> ApiResult<Response> {
    let (run, job) = s.app.start_match_run(&user.caller(), &input).await?;
    Ok((StatusCode::ACCEPTED, Json(serde_json::json!({ "run": run, "job": job }))).into_response())
}

/// A run: its outcome, its pairs (strongest first) with each field's level, similarity and
/// weight and any verdict, and its clusters.
#[utoipa::path(get, path = "/match/runs/{id}", tag = "matching", params(("id" = i64, Path)),
    responses((status = 200, description = "the run"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<RunView>> {
    Ok(Json(s.app.match_run(&user.caller(), id).await?))
}

/// Confirms or rejects a pair the run proposed; kept for the run's collection and respected by
/// every later run on it. Audited.
#[utoipa::path(post, path = "/match/runs/{id}/judgements", tag = "matching", params(("id" = i64, Path)),
    request_body(content = Object, description = "left_id, right_id, verdict (confirmed, rejected), note?"),
    responses((status = 204, description = "recorded"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn judge(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<JudgementInput>,
) -> ApiResult<StatusCode> {
    s.app.judge_match(&user.caller(), id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Runs the run again on the same lists, respecting the judgements made since. 202 {run, job}.
#[utoipa::path(post, path = "/match/runs/{id}/rerun", tag = "matching", params(("id" = i64, Path)),
    responses((status = 202, description = "{run, job}"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn rerun(State(s): State<AppState>, user: ApiUser, ApiId(id): ApiId) -> ApiResult<Response> {
    let (run, job) = s.app.rerun_match(&user.caller(), id).await?;
    Ok((StatusCode::ACCEPTED, Json(serde_json::json!({ "run": run, "job": job }))).into_response())
}

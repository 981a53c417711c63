//! Screening through the API: people and organisations (CSV or FtM JSON lines, or a case's
//! entities) against a watch list in FtM JSON lines, answered at once with the ranked, explained
//! candidates and the id of the run that keeps them; the kept runs, and the analysts' judgements
//! on their candidates.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use praxis_app::screening::{ScreenInput, ScreenReport};
use praxis_app::screening_review::{ScreeningJudgementInput, ScreeningRunSummary};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

/// Screens queries against a watch list. Synchronous; the list may hold 50 MB, the queries
/// 10 000 rows. A malformed line (of the list or of FtM queries) refuses the whole with its line
/// and property named: nothing is screened or kept. The screening is kept as a run (`run` in the
/// answer; `GET /match/screenings/{run}`), and earlier judgements on the same query and list
/// entity are applied. Audited as `match.screen` (counts and the list's SHA-256, never names).
#[utoipa::path(post, path = "/match/screen", tag = "matching",
    request_body(content = Object, description = "list (FtM JSON lines as text), list_name? (default `watch list`), and either queries (CSV text with id_column and mapping `role=column, …` — roles full_name, given_name, family_name, org_name, birth_date, id_number, account_number, phone, email, country — or FtM JSON lines without a mapping) or case (a case id: its Person, Company and Organization entities); top? (default 5, at most 50), threshold? (default 0.85), phone_region? (default PK)"),
    responses((status = 200, description = "run (the kept run's id), and per query the ranked candidates with score, match, the names that met and the evidence with weights"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn screen(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<ScreenInput>,
) -> Result<Json<ScreenReport>, ApiError> {
    Ok(Json(s.app.screen_watch_list(&user.caller(), &input).await?))
}

/// The screening runs of the caller's organisation the caller may read, newest first.
#[utoipa::path(get, path = "/match/screenings", tag = "matching",
    responses((status = 200, description = "runs: list name, SHA-256, entity and query counts, case, threshold, top, who and when, matches found"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    user: ApiUser,
) -> Result<Json<Vec<ScreeningRunSummary>>, ApiError> {
    Ok(Json(s.app.screening_runs(&user.caller()).await?))
}

/// A kept screening run: per query its ranked candidates with score, explanation and
/// `judgement` (null, confirmed or rejected, with `judged_by`, `judged_at`, `judgement_note` and
/// `judged_earlier`). A rejected candidate is not counted as a match. Another organisation's run
/// is 404.
#[utoipa::path(get, path = "/match/screenings/{id}", tag = "matching", params(("id" = i64, Path)),
    responses((status = 200, description = "the run"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> Result<Json<ScreenReport>, ApiError> {
    Ok(Json(s.app.screening_run(&user.caller(), id).await?))
}

/// Confirms (a true match) or rejects (a false positive) a candidate of a query of the run. Kept
/// for the organisation and respected by every later run of the same query meeting the same list
/// entity id. Audited as `match.screen.judge` (ids only).
#[utoipa::path(post, path = "/match/screenings/{id}/judgements", tag = "matching", params(("id" = i64, Path)),
    request_body(content = Object, description = "query_id, list_entity_id, verdict (confirmed, rejected), note?"),
    responses((status = 204, description = "recorded"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn judge(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<ScreeningJudgementInput>,
) -> Result<StatusCode, ApiError> {
    s.app.judge_screening(&user.caller(), id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

//! Cross-border hit/no-hit through the API: build the organisation's blind index of an epoch (a
//! job, followed at `GET /jobs/{id}`), download the blinded request, upload the key holder's
//! response, download the shared index, upload peers' shared indexes to compare, read the hits and
//! draft a cooperation request from one; on a key-holding deployment, evaluate a blinded request
//! for the caller's organisation and read the evaluation log. Files are the command line's CSV
//! formats (`praxis match blind-index …`), sent and answered as `text/csv` bodies.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::hit_no_hit::{
    BuildInput, CompareOutcome, DraftInput, EvaluationView, HitView, IndexSummary, IndexView,
};
use praxis_app::AppError;

use super::{csv_response, ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody, ApiErrorDetail};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn text(field: &'static str, body: &Bytes) -> Result<String, ApiError> {
    String::from_utf8(body.to_vec())
        .map_err(|_| ApiError(AppError::invalid(field, "encoding", "the file is not UTF-8 text")))
}

/// The caller's organisation's indexes, newest first, and whether this deployment is a key holder.
#[utoipa::path(get, path = "/hit/indexes", tag = "hit-no-hit",
    responses((status = 200, description = "{key_holder, quota, indexes}"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<serde_json::Value>> {
    let indexes: Vec<IndexSummary> = s.app.hit_indexes(&user.caller()).await?;
    let k = s.app.hit_key_holder();
    Ok(Json(serde_json::json!({ "key_holder": k.key_holder, "quota": k.quota, "indexes": indexes })))
}

/// Starts building the organisation's index of an epoch from the cases it owns (victims'
/// identities are never indexed). A job: 202 with the index's id and the job's. With
/// `evaluate_here` on a key-holding deployment, the job also evaluates and finalises.
#[utoipa::path(post, path = "/hit/indexes", tag = "hit-no-hit",
    request_body(content = Object, description = "epoch (e.g. 2026-Q4), evaluate_here? (key-holding deployments)"),
    responses((status = 202, description = "{index, job}"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn build(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<BuildInput>,
) -> ApiResult<Response> {
    let (index, job) = s.app.start_hit_index(&user.caller(), &input).await?;
    Ok((StatusCode::ACCEPTED, Json(serde_json::json!({ "index": index, "job": job }))).into_response())
}

/// An index: status, entries per kind, values set aside, peers compared with it. Never a selector.
#[utoipa::path(get, path = "/hit/indexes/{id}", tag = "hit-no-hit", params(("id" = i64, Path)),
    responses((status = 200, description = "the index"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<IndexView>> {
    Ok(Json(s.app.hit_index(&user.caller(), id).await?))
}

/// The blinded request for the key holder (CSV: organisation,epoch,blinded).
#[utoipa::path(get, path = "/hit/indexes/{id}/request", tag = "hit-no-hit", params(("id" = i64, Path)),
    responses((status = 200, description = "text/csv"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn request(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Response> {
    let csv = s.app.hit_request_csv(&user.caller(), id).await?;
    Ok(csv_response(&format!("hit-request-{id}.csv"), csv.into_bytes()))
}

/// Finalises the index with the key holder's response (CSV body: epoch,blinded,evaluated), whole
/// or not at all.
#[utoipa::path(post, path = "/hit/indexes/{id}/response", tag = "hit-no-hit", params(("id" = i64, Path)),
    request_body(content = String, content_type = "text/csv", description = "the key holder's response"),
    responses((status = 200, description = "{entries}"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn response(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    body: Bytes,
) -> ApiResult<Json<serde_json::Value>> {
    let entries = s.app.hit_finalize(&user.caller(), id, &text("response", &body)?).await?;
    Ok(Json(serde_json::json!({ "entries": entries })))
}

/// The shared index to send to peers (CSV: organisation,epoch,kind,value).
#[utoipa::path(get, path = "/hit/indexes/{id}/shared", tag = "hit-no-hit", params(("id" = i64, Path)),
    responses((status = 200, description = "text/csv"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn shared(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Response> {
    let csv = s.app.hit_shared_csv(&user.caller(), id).await?;
    Ok(csv_response(&format!("hit-index-{id}.csv"), csv.into_bytes()))
}

/// Compares the index with a peer's shared index of the same epoch (CSV body); the hits are kept.
/// Another epoch or a malformed line refuses the file (`import_refused`, line and field named).
#[utoipa::path(post, path = "/hit/indexes/{id}/peers", tag = "hit-no-hit", params(("id" = i64, Path)),
    request_body(content = String, content_type = "text/csv", description = "a peer's shared index"),
    responses((status = 201, description = "{peer_index, peers, entries, hits, new_hits}"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn compare(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    body: Bytes,
) -> ApiResult<Response> {
    let outcome: CompareOutcome = s.app.hit_compare(&user.caller(), id, &text("peer_index", &body)?).await?;
    Ok((StatusCode::CREATED, Json(outcome)).into_response())
}

/// The hits of the cases the caller may read: our record, the kind, the holder, the epoch.
#[utoipa::path(get, path = "/hit/hits", tag = "hit-no-hit",
    responses((status = 200, description = "hits, newest first"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn hits(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<HitView>>> {
    Ok(Json(s.app.hits(&user.caller()).await?))
}

/// Drafts a cooperation request to the hit's holder (once; asking again answers the same one).
#[utoipa::path(post, path = "/hit/hits/{id}/request", tag = "hit-no-hit", params(("id" = i64, Path)),
    request_body(content = Object, description = "requested_country? (when the holder is not an organisation here)"),
    responses((status = 201, description = "{request}"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn draft(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<DraftInput>,
) -> ApiResult<Response> {
    let request = s.app.draft_request_from_hit(&user.caller(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "request": request }))).into_response())
}

/// Key holder: evaluates a blinded request (CSV body: organisation,epoch,blinded) for the
/// caller's organisation, counted against its quota for the epoch (refused whole when over,
/// code `quota_exceeded`, 429) and logged. Answers the response (CSV: epoch,blinded,evaluated). A deployment
/// that is not a key holder answers 422 `not_key_holder`.
#[utoipa::path(post, path = "/hit/evaluate", tag = "hit-no-hit",
    request_body(content = String, content_type = "text/csv", description = "a blinded request"),
    responses((status = 200, description = "text/csv"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn evaluate(State(s): State<AppState>, user: ApiUser, body: Bytes) -> ApiResult<Response> {
    match s.app.hit_evaluate(&user.caller(), &text("request", &body)?).await {
        Ok(csv) => Ok(csv_response("hit-response.csv", csv.into_bytes())),
        // Stable codes of their own: the quota (429) and a deployment that holds no key (422).
        Err(AppError::Invalid(v)) if v.code == "quota" || v.code == "not_key_holder" => {
            let status = if v.code == "quota" {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let code = if v.code == "quota" { "quota_exceeded" } else { "not_key_holder" };
            let body = ApiErrorBody {
                error: ApiErrorDetail {
                    code: code.into(),
                    message: v.message.clone(),
                    field: Some(v.field.to_owned()),
                    details: vec![],
                },
            };
            Ok((status, Json(body)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The key holder's evaluation log: oversight sees every organisation's, administrators their own.
#[utoipa::path(get, path = "/hit/evaluations", tag = "hit-no-hit",
    responses((status = 200, description = "evaluations, newest first"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn evaluations(
    State(s): State<AppState>,
    user: ApiUser,
) -> ApiResult<Json<Vec<EvaluationView>>> {
    Ok(Json(s.app.hit_evaluations(&user.caller()).await?))
}

//! The flows API: datasets, traces and rankings. Upload a file as the raw request body:
//! `curl -X POST --data-binary @transactions.csv.gz -H "Authorization: Bearer …" \
//!   "…/api/v1/flows/datasets?name=Case%2012&format=amlsim&file_name=transactions.csv.gz"`.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::flows::{DatasetView, ImportOutcome, RankRow, TraceRequest, TraceView, UploadedFile};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct UploadQuery {
    /// The dataset's name.
    name: String,
    /// amlsim (default), csv, goaml, ftm
    #[serde(default = "default_format")]
    format: String,
    /// The uploaded file's name, kept with its SHA-256.
    #[serde(default)]
    file_name: Option<String>,
    /// For `csv`: bank-statement, transfer-list or hawala-ledger.
    #[serde(default)]
    profile: Option<String>,
    /// For a one-account bank statement: its own account.
    #[serde(default)]
    account: Option<String>,
    /// Time zone of times written without one (UTC, +05:00, Asia/Karachi).
    #[serde(default)]
    time_zone: Option<String>,
    /// Leave out unreadable rows (each is listed) instead of refusing the whole file.
    #[serde(default)]
    skip_bad_rows: bool,
}

fn default_format() -> String {
    "amlsim".into()
}

/// Datasets the caller may see.
#[utoipa::path(get, path = "/flows/datasets", tag = "flows", responses((status = 200, description = "datasets"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<DatasetView>>> {
    Ok(Json(s.app.flows_datasets(&user.caller()).await?))
}

/// Imports one file (the request body) as a new dataset of the caller's organisation.
/// All or nothing unless `skip_bad_rows`; a refused import answers 422 with every bad row in `details`.
#[utoipa::path(post, path = "/flows/datasets", tag = "flows", params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, description = "the dataset and the import's figures"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn upload(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<UploadQuery>,
    body: Bytes,
) -> ApiResult<Response> {
    let req = praxis_app::flows::ImportRequest {
        name: q.name,
        format: q.format,
        profile: q.profile,
        account: q.account,
        time_zone: q.time_zone,
        files: vec![UploadedFile {
            name: q.file_name.unwrap_or_else(|| "upload".into()),
            bytes: body.to_vec(),
        }],
        skip_bad_rows: q.skip_bad_rows,
    };
    let outcome: ImportOutcome = s.app.flows_import(&user.caller(), req).await?;
    Ok((StatusCode::CREATED, Json(outcome)).into_response())
}

#[utoipa::path(get, path = "/flows/datasets/{id}", tag = "flows", params(("id" = i64, Path)),
    responses((status = 200, description = "the dataset, with its source files and their SHA-256"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<DatasetView>> {
    Ok(Json(s.app.flows_dataset(&user.caller(), id).await?))
}

/// Traces money from seed accounts or transactions; every amount is under the named rule.
#[utoipa::path(post, path = "/flows/datasets/{id}/trace", tag = "flows", params(("id" = i64, Path)),
    request_body(content = Object, description = "seeds, seed_transactions, direction, rule, from, to, max_hops, min_amount, stops"),
    responses((status = 200, description = "accounts reached with hops, amount under the rule and paths; the flows between them"), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn trace(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(req): ApiJson<TraceRequest>,
) -> ApiResult<Json<TraceView>> {
    Ok(Json(s.app.flows_trace(&user.caller(), id, &req).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct RankQuery {
    /// pagerank (default), authority, hub, net, flow-through
    by: Option<String>,
    /// How many (1–1000, default 25).
    top: Option<usize>,
}

/// Key players, with the figures behind each rank.
#[utoipa::path(get, path = "/flows/datasets/{id}/rank", tag = "flows", params(("id" = i64, Path), RankQuery),
    responses((status = 200, description = "ranked accounts"), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn rank(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    Query(q): Query<RankQuery>,
) -> ApiResult<Json<Vec<RankRow>>> {
    let by = q.by.unwrap_or_else(|| "pagerank".into());
    Ok(Json(s.app.flows_rank(&user.caller(), id, &by, q.top.unwrap_or(25)).await?))
}

/// Starts a typology scan as a job: answers 202 with the job's number; follow it at
/// `/api/v1/jobs/{job}` until its status is `done` (with the alerts) or `failed`.
#[utoipa::path(post, path = "/flows/datasets/{id}/scan", tag = "flows", params(("id" = i64, Path)),
    request_body(content = Object, description = "typologies, from, to, min_score, structuring_threshold (all optional)"),
    responses((status = 202, description = "the job's number and where to follow it"), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn scan(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(req): ApiJson<praxis_app::flows::ScanRequest>,
) -> ApiResult<Response> {
    let job = s.app.flows_scan(&user.caller(), id, &req).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(serde_json::json!({ "job": job, "status_url": format!("/api/v1/jobs/{job}") })),
    )
        .into_response())
}

/// A job of the caller's: its status, progress (0 to 1) and, when done, its result.
#[utoipa::path(get, path = "/jobs/{id}", tag = "jobs", params(("id" = u64, Path)),
    responses((status = 200, description = "status: running, done (with alerts) or failed"), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn job(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<praxis_app::jobs::JobView>> {
    let id = u64::try_from(id).map_err(|_| praxis_app::AppError::NotFound("job"))?;
    Ok(Json(s.app.job(&user.caller(), id).await?))
}

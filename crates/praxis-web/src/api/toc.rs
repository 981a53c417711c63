//! The theories of change API: theories (national or regional) and their versions, edits of a
//! draft node by node and link by link, import and export as TOML or JSON, comments, the review
//! (submit, approve, return), revisions and the difference between two versions.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::toc::{
    CommentInput, DiffView, ImportInput, LinkInput, NewTocInput, NodeInput, TocSummary, TocVersionView,
    WorkflowInput,
};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

/// The theories of change the caller may read, with their latest version and its status.
#[utoipa::path(get, path = "/programme/toc", tag = "theories of change",
    responses((status = 200, description = "theories of change"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<TocSummary>>> {
    Ok(Json(s.app.tocs(&user.caller()).await?))
}

/// Starts a theory of change (with an empty draft version 1), owned by the caller's organisation.
#[utoipa::path(post, path = "/programme/toc", tag = "theories of change",
    request_body(content = Object, description = "title, and country (ISO 3166-1, national) or region (regional)"),
    responses((status = 201, description = "the new theory's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewTocInput>,
) -> ApiResult<Response> {
    let id = s.app.create_toc(&user.caller(), &input).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}

/// The latest version: nodes, links, comments, the history and what the caller may do.
#[utoipa::path(get, path = "/programme/toc/{id}", tag = "theories of change", params(("id" = i64, Path)),
    responses((status = 200, description = "the latest version"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<TocVersionView>> {
    Ok(Json(s.app.toc(&user.caller(), id).await?))
}

/// One version.
#[utoipa::path(get, path = "/programme/toc/{id}/versions/{v}", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number")),
    responses((status = 200, description = "the version"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn version(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v)): Path<(i64, u32)>,
) -> ApiResult<Json<TocVersionView>> {
    Ok(Json(s.app.toc_version(&user.caller(), id, v).await?))
}

/// Adds a node to a draft.
#[utoipa::path(post, path = "/programme/toc/{id}/versions/{v}/nodes", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number")),
    request_body(content = Object, description = "id (O3.1), level (activity, output, outcome, impact), title, description, tags (space-separated pillar and theme codes)"),
    responses((status = 201, description = "added"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_node(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v)): Path<(i64, u32)>,
    ApiJson(input): ApiJson<NodeInput>,
) -> ApiResult<StatusCode> {
    s.app.add_toc_node(&user.caller(), id, v, &input).await?;
    Ok(StatusCode::CREATED)
}

/// Changes a node of a draft.
#[utoipa::path(put, path = "/programme/toc/{id}/versions/{v}/nodes/{node}", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number"), ("node" = String, Path)),
    request_body(content = Object, description = "level, title, description, tags"),
    responses((status = 204, description = "changed"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn edit_node(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v, node)): Path<(i64, u32, String)>,
    ApiJson(input): ApiJson<NodeInput>,
) -> ApiResult<StatusCode> {
    s.app.edit_toc_node(&user.caller(), id, v, &node, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a node (and its links) from a draft.
#[utoipa::path(delete, path = "/programme/toc/{id}/versions/{v}/nodes/{node}", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number"), ("node" = String, Path)),
    responses((status = 204, description = "removed"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn remove_node(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v, node)): Path<(i64, u32, String)>,
) -> ApiResult<StatusCode> {
    s.app.remove_toc_node(&user.caller(), id, v, &node).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a causal link to a draft.
#[utoipa::path(post, path = "/programme/toc/{id}/versions/{v}/links", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number")),
    request_body(content = Object, description = "from, to (node ids), rationale, assumptions and risks (one per line)"),
    responses((status = 201, description = "added"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_link(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v)): Path<(i64, u32)>,
    ApiJson(input): ApiJson<LinkInput>,
) -> ApiResult<StatusCode> {
    s.app.add_toc_link(&user.caller(), id, v, &input).await?;
    Ok(StatusCode::CREATED)
}

#[derive(serde::Deserialize)]
pub(crate) struct LinkBody {
    rationale: String,
    #[serde(default)]
    assumptions: String,
    #[serde(default)]
    risks: String,
}

/// Changes the rationale, assumptions or risks of a link of a draft.
#[utoipa::path(put, path = "/programme/toc/{id}/versions/{v}/links/{from}/{to}", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number"), ("from" = String, Path), ("to" = String, Path)),
    request_body(content = Object, description = "rationale, assumptions, risks (one per line)"),
    responses((status = 204, description = "changed"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn edit_link(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v, from, to)): Path<(i64, u32, String, String)>,
    ApiJson(b): ApiJson<LinkBody>,
) -> ApiResult<StatusCode> {
    let input = LinkInput { from, to, rationale: b.rationale, assumptions: b.assumptions, risks: b.risks };
    s.app.edit_toc_link(&user.caller(), id, v, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a link from a draft.
#[utoipa::path(delete, path = "/programme/toc/{id}/versions/{v}/links/{from}/{to}", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number"), ("from" = String, Path), ("to" = String, Path)),
    responses((status = 204, description = "removed"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn remove_link(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v, from, to)): Path<(i64, u32, String, String)>,
) -> ApiResult<StatusCode> {
    s.app.remove_toc_link(&user.caller(), id, v, &from, &to).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A comment on a version, or on one of its nodes (`node`) or links (`from`, `to`).
#[utoipa::path(post, path = "/programme/toc/{id}/versions/{v}/comments", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number")),
    request_body(content = Object, description = "body, and node or from and to"),
    responses((status = 201, description = "the comment's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn comment(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v)): Path<(i64, u32)>,
    ApiJson(input): ApiJson<CommentInput>,
) -> ApiResult<Response> {
    let cid = s.app.comment_toc(&user.caller(), id, v, &input).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": cid }))).into_response())
}

/// Submits a draft, or approves or returns a version under review (a programme officer who did
/// not submit it).
#[utoipa::path(post, path = "/programme/toc/{id}/versions/{v}/workflow", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number")),
    request_body(content = Object, description = "action (submit, approve, return), note (required to return)"),
    responses((status = 200, description = "the new status"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn workflow(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v)): Path<(i64, u32)>,
    ApiJson(input): ApiJson<WorkflowInput>,
) -> ApiResult<Json<serde_json::Value>> {
    let status = s.app.move_toc_version(&user.caller(), id, v, &input).await?;
    Ok(Json(serde_json::json!({ "status": status })))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct FormatParams {
    /// toml (default) or json.
    format: Option<String>,
}

/// Replaces the content of a draft by a TOML or JSON file (the request body): whole or nothing,
/// each problem naming its field and line.
#[utoipa::path(put, path = "/programme/toc/{id}/versions/{v}/content", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number"), FormatParams),
    request_body(content = String, description = "the file: [[nodes]] (id, level, title, description, tags) and [[links]] (from, to, rationale, assumptions, risks)"),
    responses((status = 204, description = "imported"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn import(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v)): Path<(i64, u32)>,
    Query(q): Query<FormatParams>,
    body: String,
) -> ApiResult<StatusCode> {
    let input = ImportInput { format: q.format.unwrap_or_else(|| "toml".into()), content: body };
    s.app.import_toc(&user.caller(), id, v, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A version as a TOML or JSON file.
#[utoipa::path(get, path = "/programme/toc/{id}/versions/{v}/export", tag = "theories of change",
    params(("id" = i64, Path), ("v" = u32, Path, description = "the version number"), FormatParams),
    responses((status = 200, description = "application/toml or application/json"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn export(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, v)): Path<(i64, u32)>,
    Query(q): Query<FormatParams>,
) -> ApiResult<Response> {
    let (name, ct, body) =
        s.app.export_toc(&user.caller(), id, v, q.format.as_deref().unwrap_or("toml")).await?;
    Ok(crate::pages::toc_file_response(&name, ct, body))
}

/// Starts a new draft version copied from the latest, approved, version.
#[utoipa::path(post, path = "/programme/toc/{id}/revise", tag = "theories of change", params(("id" = i64, Path)),
    responses((status = 201, description = "the new version's number"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn revise(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Response> {
    let v = s.app.revise_toc(&user.caller(), id).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "version": v }))).into_response())
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct DiffParams {
    /// The earlier version.
    from: u32,
    /// The later version.
    to: u32,
}

/// What changed between two versions: nodes and links added, removed and changed field by field.
#[utoipa::path(get, path = "/programme/toc/{id}/diff", tag = "theories of change", params(("id" = i64, Path), DiffParams),
    responses((status = 200, description = "the difference"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn diff(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    Query(q): Query<DiffParams>,
) -> ApiResult<Json<DiffView>> {
    Ok(Json(s.app.toc_diff(&user.caller(), id, q.from, q.to).await?))
}

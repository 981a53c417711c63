//! The cooperation API: requests between jurisdictions and the directory of authorities.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::cooperation::{AuthorityInput, AuthorityView, RequestFilter, RequestInput, RequestView};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct ListQuery {
    /// outgoing or incoming, for the caller's organisation.
    direction: Option<String>,
    /// draft, sent, acknowledged, in_execution, executed, refused, withdrawn
    status: Option<String>,
    /// Only requests past their deadline.
    #[serde(default)]
    overdue: bool,
    /// Only the requests of this case.
    case: Option<i64>,
}

/// Requests the caller may read, overdue first.
#[utoipa::path(get, path = "/cooperation/requests", tag = "cooperation", params(ListQuery),
    responses((status = 200, description = "requests"), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Vec<RequestView>>> {
    let filter = RequestFilter { direction: q.direction, status: q.status, overdue: q.overdue, case: q.case };
    Ok(Json(s.app.requests(&user.caller(), &filter).await?))
}

/// Drafts a request from the caller's organisation to an authority of another country.
#[utoipa::path(post, path = "/cooperation/requests", tag = "cooperation",
    request_body(content = Object, description = "kind (mla, extradition, jit, spontaneous_information, police_to_police, interpol_notice, interpol_diffusion), reference, case, requesting_authority, requested_country, requested_authority, requested_org, legal_basis, subject_matter, deadline"),
    responses((status = 201, description = "the request's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<RequestInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_request(&user.caller(), &input).await?))
}

/// A request with its history, documents, the requested authority's protocol and the steps the
/// caller may take.
#[utoipa::path(get, path = "/cooperation/requests/{id}", tag = "cooperation", params(("id" = i64, Path)),
    responses((status = 200, description = "the request"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<RequestView>> {
    Ok(Json(s.app.request(&user.caller(), id).await?))
}

#[derive(serde::Deserialize)]
pub(crate) struct MoveInput {
    status: String,
    #[serde(default)]
    note: String,
}

/// Moves the request one step (each side its own steps).
#[utoipa::path(post, path = "/cooperation/requests/{id}/status", tag = "cooperation", params(("id" = i64, Path)),
    request_body(content = Object, description = "status, note"),
    responses((status = 204, description = "moved"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn move_request(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<MoveInput>,
) -> ApiResult<StatusCode> {
    s.app.move_request(&user.caller(), id, &input.status, &input.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize)]
pub(crate) struct DeadlineInput {
    #[serde(default)]
    deadline: String,
}

/// Sets (YYYY-MM-DD) or clears (empty) the deadline; the requesting side.
#[utoipa::path(post, path = "/cooperation/requests/{id}/deadline", tag = "cooperation", params(("id" = i64, Path)),
    request_body(content = Object, description = "deadline"),
    responses((status = 204, description = "set"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn deadline(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<DeadlineInput>,
) -> ApiResult<StatusCode> {
    s.app.set_request_deadline(&user.caller(), id, &input.deadline).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct FileQuery {
    file_name: String,
}

/// Attaches a document (the request body) as received; either side.
#[utoipa::path(post, path = "/cooperation/requests/{id}/documents", tag = "cooperation", params(("id" = i64, Path), FileQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, description = "the document"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn attach(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    Query(q): Query<FileQuery>,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    let doc = s.app.attach_request_document(&user.caller(), id, &q.file_name, &body).await?;
    Ok((StatusCode::CREATED, Json(doc)).into_response())
}

/// A document as received (SHA-256 in `X-Praxis-SHA256`); the opening is audited.
#[utoipa::path(get, path = "/cooperation/requests/{id}/documents/{doc}", tag = "cooperation",
    params(("id" = i64, Path), ("doc" = i64, Path)),
    responses((status = 200, description = "the bytes", content_type = "application/octet-stream"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn open(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, doc)): Path<(i64, i64)>,
) -> ApiResult<Response> {
    let (d, bytes) = s.app.open_request_document(&user.caller(), id, doc).await?;
    Ok(crate::pages::download(&d.file_name, &d.sha256, bytes))
}

/// The directory of competent authorities and focal points, with their communication protocol.
#[utoipa::path(get, path = "/cooperation/authorities", tag = "cooperation",
    responses((status = 200, description = "authorities")))]
pub(crate) async fn authorities(
    State(s): State<AppState>,
    user: ApiUser,
) -> ApiResult<Json<Vec<AuthorityView>>> {
    Ok(Json(s.app.authorities(&user.caller()).await?))
}

/// Adds an authority (the operating organisation's administrators).
#[utoipa::path(post, path = "/cooperation/authorities", tag = "cooperation",
    request_body(content = Object, description = "country, name, kind, org_id, contact, channel, languages, expected_response_days, notes"),
    responses((status = 201, description = "the entry's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_authority(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<AuthorityInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_authority(&user.caller(), &input).await?))
}

/// Replaces an authority's entry.
#[utoipa::path(put, path = "/cooperation/authorities/{id}", tag = "cooperation", params(("id" = i64, Path)),
    request_body(content = Object, description = "as for adding"),
    responses((status = 204, description = "saved"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn update_authority(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<AuthorityInput>,
) -> ApiResult<StatusCode> {
    s.app.update_authority(&user.caller(), id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

//! API handlers: extract, call one application method, map to a wire type.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::{NewOrgInput, NewUserInput};
use praxis_model::{OrgId, UserId};

use super::dto::{self, Org, User};
use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

/// The signed-in user.
#[utoipa::path(get, path = "/me", tag = "account",
    responses((status = 200, body = dto::Me), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn me(user: ApiUser) -> Json<dto::Me> {
    let a = user.0;
    Json(dto::Me {
        id: a.user_id.0,
        username: a.username,
        display_name: a.display_name,
        roles: a.roles.iter().map(|r| r.as_str().to_owned()).collect(),
        locale: a.locale.tag().to_owned(),
        organisation: Org::from(praxis_app::OrgView::from(a.org)),
    })
}

/// Every organisation (the directory is open to all signed-in users).
#[utoipa::path(get, path = "/orgs", tag = "organisations",
    responses((status = 200, body = Vec<dto::Org>), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list_orgs(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<Org>>> {
    Ok(Json(s.app.list_orgs(&user.caller()).await?.into_iter().map(Org::from).collect()))
}

/// Creates an organisation (administrators of the operating organisation).
#[utoipa::path(post, path = "/orgs", tag = "organisations", request_body = dto::NewOrg,
    responses((status = 201, body = dto::Created), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create_org(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<dto::NewOrg>,
) -> ApiResult<Response> {
    let input = NewOrgInput {
        name: body.name,
        kind: body.kind,
        jurisdiction: body.jurisdiction,
        platform_operator: false,
    };
    let id = s.app.create_org(&user.caller(), &input).await?;
    Ok((StatusCode::CREATED, Json(dto::Created { id: id.0 })).into_response())
}

#[utoipa::path(get, path = "/orgs/{id}", tag = "organisations", params(("id" = i64, Path)),
    responses((status = 200, body = dto::Org), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get_org(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<Org>> {
    Ok(Json(s.app.get_org(&user.caller(), OrgId(id)).await?.into()))
}

#[utoipa::path(put, path = "/orgs/{id}", tag = "organisations", params(("id" = i64, Path)), request_body = dto::UpdateOrg,
    responses((status = 204), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn update_org(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(body): ApiJson<dto::UpdateOrg>,
) -> ApiResult<StatusCode> {
    let input = NewOrgInput {
        name: body.name,
        kind: body.kind,
        jurisdiction: body.jurisdiction,
        platform_operator: false,
    };
    s.app.update_org(&user.caller(), OrgId(id), &input, body.disabled).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct UsersQuery {
    /// Only users of this organisation.
    org: Option<i64>,
}

/// The users the caller may see.
#[utoipa::path(get, path = "/users", tag = "users", params(UsersQuery),
    responses((status = 200, body = Vec<dto::User>), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list_users(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<UsersQuery>,
) -> ApiResult<Json<Vec<User>>> {
    Ok(Json(s.app.list_users(&user.caller(), q.org.map(OrgId)).await?.into_iter().map(User::from).collect()))
}

#[utoipa::path(post, path = "/users", tag = "users", request_body = dto::NewUser,
    responses((status = 201, body = dto::Created), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create_user(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<dto::NewUser>,
) -> ApiResult<Response> {
    let input = NewUserInput {
        org_id: body.org_id,
        username: body.username,
        display_name: body.display_name,
        email: body.email,
        password: body.password,
        roles: body.roles,
        locale: body.locale,
    };
    let id = s.app.create_user(&user.caller(), &input).await?;
    Ok((StatusCode::CREATED, Json(dto::Created { id: id.0 })).into_response())
}

#[utoipa::path(get, path = "/users/{id}", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = dto::User), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get_user(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<User>> {
    Ok(Json(s.app.get_user(&user.caller(), UserId(id)).await?.into()))
}

/// Replaces a user's roles (a permission change, audited).
#[utoipa::path(put, path = "/users/{id}/roles", tag = "users", params(("id" = i64, Path)), request_body = dto::Roles,
    responses((status = 204), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn set_roles(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(body): ApiJson<dto::Roles>,
) -> ApiResult<StatusCode> {
    s.app.set_roles(&user.caller(), UserId(id), &body.roles).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Disables or re-enables an account; takes effect on the user's next request.
#[utoipa::path(put, path = "/users/{id}/disabled", tag = "users", params(("id" = i64, Path)), request_body = dto::Disabled,
    responses((status = 204), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn set_disabled(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(body): ApiJson<dto::Disabled>,
) -> ApiResult<StatusCode> {
    s.app.set_disabled(&user.caller(), UserId(id), body.disabled).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's own personal access tokens.
#[utoipa::path(get, path = "/tokens", tag = "account",
    responses((status = 200, body = Vec<dto::Token>), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list_tokens(
    State(s): State<AppState>,
    user: ApiUser,
) -> ApiResult<Json<Vec<dto::Token>>> {
    Ok(Json(s.app.list_tokens(&user.0).await?.into_iter().map(dto::Token::from).collect()))
}

/// Creates a token; the response carries the token once.
#[utoipa::path(post, path = "/tokens", tag = "account", request_body = dto::NewToken,
    responses((status = 201, body = dto::CreatedToken), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create_token(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<dto::NewToken>,
) -> ApiResult<Response> {
    let (info, token) = s.app.create_token(&user.0, &body.name, body.expires_in_days).await?;
    Ok((StatusCode::CREATED, Json(dto::CreatedToken { token, info: info.into() })).into_response())
}

#[utoipa::path(delete, path = "/tokens/{id}", tag = "account", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn revoke_token(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<StatusCode> {
    s.app.revoke_token(&user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct AuditQuery {
    /// Entries before this sequence number (for paging back).
    before: Option<i64>,
    /// At most this many (1–500, default 100).
    limit: Option<i64>,
}

/// Audit entries the caller may see, newest first.
#[utoipa::path(get, path = "/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Vec<dto::AuditRecord>), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn list_audit(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<Vec<dto::AuditRecord>>> {
    let entries = s.app.list_audit(&user.caller(), q.before, q.limit.unwrap_or(100)).await?;
    Ok(Json(entries.into_iter().map(dto::AuditRecord::from).collect()))
}

/// Verifies the whole audit chain (oversight role).
#[utoipa::path(get, path = "/audit/verify", tag = "audit",
    responses((status = 200, body = dto::AuditCheck), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn verify_audit(
    State(s): State<AppState>,
    user: ApiUser,
) -> ApiResult<Json<dto::AuditCheck>> {
    Ok(Json(s.app.verify_audit(&user.caller()).await?.into()))
}

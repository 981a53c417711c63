//! The cases API: the case file, its stage, offences, subjects, protected persons (pseudonyms;
//! identities revealed only to the case team, audited), team and timeline.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::cases::{
    CaseFilter, CaseSummary, CaseView, EventInput, IdentityReveal, NewCaseInput, OffenceInput, PersonInput,
    PersonView, StageInput, SubjectInput, SubjectUpdate,
};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct CaseQuery {
    /// tip, som or both
    crime_type: Option<String>,
    /// intelligence, investigation, prosecution, trial, appeal, closed
    stage: Option<String>,
    /// Country or subdivision code (PK matches PK-PB).
    jurisdiction: Option<String>,
    /// Words in the title or reference.
    q: Option<String>,
}

/// The cases the caller may read, most recently active first.
#[utoipa::path(get, path = "/cases", tag = "cases", params(CaseQuery),
    responses((status = 200, description = "cases"), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<CaseQuery>,
) -> ApiResult<Json<Vec<CaseSummary>>> {
    let filter =
        CaseFilter { crime_type: q.crime_type, stage: q.stage, jurisdiction: q.jurisdiction, q: q.q };
    Ok(Json(s.app.cases(&user.caller(), &filter).await?))
}

/// Opens a case in the caller's organisation; the caller joins its team.
#[utoipa::path(post, path = "/cases", tag = "cases",
    request_body(content = Object, description = "reference, title, crime_type (tip, som, both), stage, summary, jurisdictions"),
    responses((status = 201, description = "the new case's id"), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewCaseInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_case(&user.caller(), &input).await?))
}

/// The case: stage history, offences, subjects, persons under pseudonyms, team, timeline and what
/// the caller may do. The read is audited.
#[utoipa::path(get, path = "/cases/{id}", tag = "cases", params(("id" = i64, Path)),
    responses((status = 200, description = "the case"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<CaseView>> {
    Ok(Json(s.app.case(&user.caller(), id).await?))
}

/// Moves the case to another stage; the change is kept in its history.
#[utoipa::path(post, path = "/cases/{id}/stage", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "stage, note"),
    responses((status = 204, description = "moved"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn stage(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<StageInput>,
) -> ApiResult<StatusCode> {
    s.app.set_case_stage(&user.caller(), id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an offence with the legal provision charged.
#[utoipa::path(post, path = "/cases/{id}/offences", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "offence, provision, jurisdiction"),
    responses((status = 201, description = "the offence's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_offence(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<OffenceInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_offence(&user.caller(), id, &input).await?))
}

/// Adds a subject with their role in the network and status.
#[utoipa::path(post, path = "/cases/{id}/subjects", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "name, aliases, network_role, status, nationality, notes"),
    responses((status = 201, description = "the subject's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_subject(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<SubjectInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_subject(&user.caller(), id, &input).await?))
}

/// Changes a subject's role in the network or status.
#[utoipa::path(put, path = "/cases/{id}/subjects/{subject}", tag = "cases",
    params(("id" = i64, Path), ("subject" = i64, Path)),
    request_body(content = Object, description = "network_role, status"),
    responses((status = 204, description = "changed"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn update_subject(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, subject)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<SubjectUpdate>,
) -> ApiResult<StatusCode> {
    s.app.update_subject(&user.caller(), id, subject, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records a victim or smuggled migrant: the answer carries the pseudonym, never the identity,
/// which is stored encrypted. Only the case team with a protecting role may.
#[utoipa::path(post, path = "/cases/{id}/persons", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "kind (victim, smuggled_migrant), sex, age_band, nationality, exploitation, violence, identity {full_name, date_of_birth, contact, notes}"),
    responses((status = 201, description = "the person under their pseudonym"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_person(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<PersonInput>,
) -> ApiResult<Response> {
    let person: PersonView = s.app.add_person(&user.caller(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(person)).into_response())
}

/// Shows who a pseudonym is, to the case team with a protecting role. Every reveal and every
/// refusal is audited.
#[utoipa::path(post, path = "/cases/{id}/persons/{person}/reveal", tag = "cases",
    params(("id" = i64, Path), ("person" = i64, Path)),
    responses((status = 200, description = "the identity and the reason it is shown"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn reveal_person(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, person)): Path<(i64, i64)>,
) -> ApiResult<Json<IdentityReveal>> {
    Ok(Json(s.app.reveal_person(&user.caller(), id, person).await?))
}

#[derive(serde::Deserialize)]
pub(crate) struct MemberInput {
    username: String,
}

/// Adds someone to the case team (they then see the identities of the case's persons).
#[utoipa::path(post, path = "/cases/{id}/team", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "username"),
    responses((status = 204, description = "added"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_member(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<MemberInput>,
) -> ApiResult<StatusCode> {
    s.app.add_case_member(&user.caller(), id, &input.username).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes someone off the case team.
#[utoipa::path(delete, path = "/cases/{id}/team/{user}", tag = "cases", params(("id" = i64, Path), ("user" = i64, Path)),
    responses((status = 204, description = "removed"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn remove_member(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, member)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    s.app.remove_case_member(&user.caller(), id, member).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a dated event to the timeline.
#[utoipa::path(post, path = "/cases/{id}/events", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "occurred_on (YYYY-MM-DD), title, detail"),
    responses((status = 201, description = "the event's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_event(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<EventInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_case_event(&user.caller(), id, &input).await?))
}

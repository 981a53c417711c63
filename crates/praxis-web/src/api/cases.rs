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

use praxis_app::evidence::{CustodyInput, EvidenceBaseOverview, EvidenceInput, EvidenceView, InquiryInput};

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

/// Registers an item of evidence: kind, description, source, date obtained, legal basis,
/// admissibility, the line of inquiry that produced it and the subjects and offences it supports.
#[utoipa::path(post, path = "/cases/{id}/evidence", tag = "evidence", params(("id" = i64, Path)),
    request_body(content = Object, description = "kind, description, source, obtained_on (YYYY-MM-DD), legal_basis, admissibility, inquiry, subjects [ids], offences [ids]"),
    responses((status = 201, description = "the item's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_evidence(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<EvidenceInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_evidence(&user.caller(), id, &input).await?))
}

/// One item with its files (name, SHA-256, size) and its whole chain of custody.
#[utoipa::path(get, path = "/cases/{id}/evidence/{item}", tag = "evidence", params(("id" = i64, Path), ("item" = i64, Path)),
    responses((status = 200, description = "the item"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn evidence_item(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
) -> ApiResult<Json<EvidenceView>> {
    Ok(Json(s.app.evidence_item(&user.caller(), id, item).await?))
}

#[derive(serde::Deserialize)]
pub(crate) struct AdmissibilityInput {
    admissibility: String,
}

/// Sets where the item stands in court: not_assessed, admissible, contested, inadmissible.
#[utoipa::path(post, path = "/cases/{id}/evidence/{item}/admissibility", tag = "evidence",
    params(("id" = i64, Path), ("item" = i64, Path)), request_body(content = Object, description = "admissibility"),
    responses((status = 204, description = "set"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn admissibility(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<AdmissibilityInput>,
) -> ApiResult<StatusCode> {
    s.app.set_evidence_admissibility(&user.caller(), id, item, &input.admissibility).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct FileQuery {
    /// The file's name as received.
    file_name: String,
}

/// Attaches a file (the request body) as received; its SHA-256 is computed and kept, and the
/// attachment is written to the chain of custody.
#[utoipa::path(post, path = "/cases/{id}/evidence/{item}/files", tag = "evidence",
    params(("id" = i64, Path), ("item" = i64, Path), FileQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, description = "the file: id, name, SHA-256, size"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn attach_file(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
    Query(q): Query<FileQuery>,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    let file = s.app.attach_evidence_file(&user.caller(), id, item, &q.file_name, &body).await?;
    Ok((StatusCode::CREATED, Json(file)).into_response())
}

/// The file as received. Each opening is written to the chain of custody; the recorded SHA-256
/// is in the `X-Praxis-SHA256` header.
#[utoipa::path(get, path = "/cases/{id}/evidence/{item}/files/{file}", tag = "evidence",
    params(("id" = i64, Path), ("item" = i64, Path), ("file" = i64, Path)),
    responses((status = 200, description = "the file's bytes", content_type = "application/octet-stream"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn open_file(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, item, file)): Path<(i64, i64, i64)>,
) -> ApiResult<Response> {
    let (view, bytes) = s.app.open_evidence_file(&user.caller(), id, item, file).await?;
    Ok(crate::pages::download(&view.file_name, &view.sha256, bytes))
}

/// Records a step in the chain of custody: obtained, transferred (from and to), examined, sealed,
/// returned.
#[utoipa::path(post, path = "/cases/{id}/evidence/{item}/custody", tag = "evidence",
    params(("id" = i64, Path), ("item" = i64, Path)), request_body(content = Object, description = "action, from_party, to_party, note"),
    responses((status = 204, description = "recorded"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_custody(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<CustodyInput>,
) -> ApiResult<StatusCode> {
    s.app.add_custody(&user.caller(), id, item, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Opens a line of inquiry: the kind of evidence it seeks, what, who owns it.
#[utoipa::path(post, path = "/cases/{id}/inquiries", tag = "evidence", params(("id" = i64, Path)),
    request_body(content = Object, description = "kind, title, owner (login name), status"),
    responses((status = 201, description = "the line's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_inquiry(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<InquiryInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_inquiry(&user.caller(), id, &input).await?))
}

#[derive(serde::Deserialize)]
pub(crate) struct StatusInput {
    status: String,
}

/// Moves a line of inquiry: open, in_progress, completed, abandoned.
#[utoipa::path(post, path = "/cases/{id}/inquiries/{inquiry}/status", tag = "evidence",
    params(("id" = i64, Path), ("inquiry" = i64, Path)), request_body(content = Object, description = "status"),
    responses((status = 204, description = "moved"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn inquiry_status(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, inquiry)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<StatusInput>,
) -> ApiResult<StatusCode> {
    s.app.set_inquiry_status(&user.caller(), id, inquiry, &input.status).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct BaseQuery {
    /// A country (or subdivision: its country is used).
    jurisdiction: Option<String>,
    /// An owning organisation's id.
    org: Option<i64>,
}

/// How far the cases the caller may read rest on testimony alone: per case, per organisation and
/// per country.
#[utoipa::path(get, path = "/cases/evidence-base", tag = "evidence", params(BaseQuery),
    responses((status = 200, description = "cases, by_organisation, by_country"), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn evidence_base(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<BaseQuery>,
) -> ApiResult<Json<EvidenceBaseOverview>> {
    Ok(Json(s.app.evidence_base_overview(&user.caller(), q.jurisdiction.as_deref(), q.org).await?))
}

/// The case's linked financial-flows datasets: for each, the trace under FIFO from its seed
/// accounts and the accounts that keep the most.
#[utoipa::path(get, path = "/cases/{id}/money", tag = "cases", params(("id" = i64, Path)),
    responses((status = 200, description = "linked datasets with trace and top accounts"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn money(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<Vec<praxis_app::case_flows::CaseDataset>>> {
    Ok(Json(s.app.case_money(&user.caller(), id).await?))
}

#[derive(serde::Deserialize)]
pub(crate) struct LinkInput {
    dataset: i64,
    #[serde(default)]
    seeds: String,
}

/// Links a financial-flows dataset the caller may read, with the accounts to trace from.
#[utoipa::path(post, path = "/cases/{id}/datasets", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "dataset (id), seeds (comma-separated accounts)"),
    responses((status = 204, description = "linked"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn link_dataset(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<LinkInput>,
) -> ApiResult<StatusCode> {
    s.app.link_case_dataset(&user.caller(), id, input.dataset, &input.seeds).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Targets and cases the caller may read, ranked by a score whose parts (seniority, profit,
/// harm, reach, evidence) are all given, under the caller's organisation's weights.
#[utoipa::path(get, path = "/cases/ranking", tag = "cases", params(CaseQuery),
    responses((status = 200, description = "weights, targets and cases with their parts"), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn ranking(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<CaseQuery>,
) -> ApiResult<Json<praxis_app::scores::Ranking>> {
    let filter =
        CaseFilter { crime_type: q.crime_type, stage: q.stage, jurisdiction: q.jurisdiction, q: q.q };
    Ok(Json(s.app.ranking(&user.caller(), &filter).await?))
}

/// The weights the caller's organisation gives the parts of a score.
#[utoipa::path(get, path = "/scores/weights", tag = "cases",
    responses((status = 200, description = "seniority, profit, harm, reach, evidence")))]
pub(crate) async fn weights(
    State(s): State<AppState>,
    user: ApiUser,
) -> ApiResult<Json<praxis_app::scores::Weights>> {
    Ok(Json(s.app.score_weights(&user.caller()).await?))
}

/// Sets the caller's organisation's weights (its administrators).
#[utoipa::path(put, path = "/scores/weights", tag = "cases",
    request_body(content = Object, description = "seniority, profit, harm, reach, evidence: numbers 0–100"),
    responses((status = 204, description = "set"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn set_weights(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(w): ApiJson<praxis_app::scores::Weights>,
) -> ApiResult<StatusCode> {
    s.app.set_score_weights(&user.caller(), &w).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The case as a summary: nothing protected, no files, victims and migrants only as counts. For
/// anyone who may read the case whole or as a summary; audited.
#[utoipa::path(get, path = "/cases/{id}/summary", tag = "cases", params(("id" = i64, Path)),
    responses((status = 200, description = "the summary"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn summary(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<praxis_app::sharing::CaseSummaryView>> {
    Ok(Json(s.app.case_summary(&user.caller(), id).await?))
}

/// Shares the case with an organisation (`org`) or a person (`username`), `full` or `summary`.
#[utoipa::path(post, path = "/cases/{id}/shares", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "org or username, scope (full, summary)"),
    responses((status = 201, description = "the share's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn share(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<praxis_app::sharing::ShareInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.share_case(&user.caller(), id, &input).await?))
}

/// Ends a share.
#[utoipa::path(delete, path = "/cases/{id}/shares/{share}", tag = "cases", params(("id" = i64, Path), ("share" = i64, Path)),
    responses((status = 204, description = "ended"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn unshare(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, share)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    s.app.revoke_share(&user.caller(), id, share).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Writes an advice or mentoring note on the case file.
#[utoipa::path(post, path = "/cases/{id}/notes", tag = "cases", params(("id" = i64, Path)),
    request_body(content = Object, description = "kind (advice, mentoring, note), body"),
    responses((status = 201, description = "the note's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn note(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<praxis_app::sharing::NoteInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_case_note(&user.caller(), id, &input).await?))
}

/// The case's entities (with their provenance) and the relations among them.
#[utoipa::path(get, path = "/cases/{id}/entities", tag = "entities", params(("id" = i64, Path)),
    responses((status = 200, description = "entities and relations"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn entities(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<serde_json::Value>> {
    let (entities, relations) = s.app.case_entities(&user.caller(), id).await?;
    Ok(Json(serde_json::json!({ "entities": entities, "relations": relations })))
}

/// Adds an entity: a FollowTheMoney schema (Person, Company, Organization, BankAccount, Address,
/// Passport, Vehicle) with its properties, and where it comes from.
#[utoipa::path(post, path = "/cases/{id}/entities", tag = "entities", params(("id" = i64, Path)),
    request_body(content = Object, description = "schema, properties {name: [values]}, source_kind (evidence, import, user), source_ref"),
    responses((status = 201, description = "the entity's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_entity(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<praxis_app::entities::EntityInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_entity(&user.caller(), id, &input).await?))
}

/// Adds a relation between two entities of the case: ownership, family, associate, employment,
/// payment, call or trip.
#[utoipa::path(post, path = "/cases/{id}/relations", tag = "entities", params(("id" = i64, Path)),
    request_body(content = Object, description = "kind, from, to (entity ids), properties, source_kind, source_ref"),
    responses((status = 201, description = "the relation's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_relation(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<praxis_app::entities::RelationInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_relation(&user.caller(), id, &input).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub(crate) struct ImportQuery {
    /// The file's name, kept as the entities' source.
    file_name: String,
}

/// Imports FollowTheMoney entities (JSON lines, the request body) whole or not at all; a refused
/// import answers 422 with every bad line in `details`.
#[utoipa::path(post, path = "/cases/{id}/entities/import", tag = "entities", params(("id" = i64, Path), ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, description = "entities and relations imported"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn import_entities(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    Query(q): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| praxis_app::AppError::invalid("file", "encoding", "the file is not UTF-8"))?;
    let summary = s.app.import_ftm(&user.caller(), id, &q.file_name, &text).await?;
    Ok((StatusCode::CREATED, Json(summary)).into_response())
}

/// The case's entities and relations as FollowTheMoney JSON lines (victims are never entities).
#[utoipa::path(get, path = "/cases/{id}/entities/export", tag = "entities", params(("id" = i64, Path)),
    responses((status = 200, description = "FtM JSON lines", content_type = "application/x-ndjson"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn export_entities(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Response> {
    let text = s.app.export_ftm(&user.caller(), id).await?;
    Ok(crate::pages::ftm_download(id, text))
}

/// What in the case matches something in another case (hit/no-hit for cases the caller may not
/// read), and possible duplicates within the case.
#[utoipa::path(get, path = "/cases/{id}/links", tag = "entities", params(("id" = i64, Path)),
    responses((status = 200, description = "links and duplicates"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn links(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<praxis_app::links::CaseLinks>> {
    Ok(Json(s.app.case_links(&user.caller(), id).await?))
}

/// Reads a file of an evidence item as transactions (bank statement, transfer list, hawala
/// ledger, goAML report, AMLSim, FtM): imported whole or not at all (422 with every bad row),
/// linked to the case and traced from `seeds`. The opening is written to the chain of custody.
#[utoipa::path(post, path = "/cases/{id}/evidence/{item}/files/{file}/analyse", tag = "evidence",
    params(("id" = i64, Path), ("item" = i64, Path), ("file" = i64, Path)),
    request_body(content = Object, description = "format, account, time_zone, seeds"),
    responses((status = 201, description = "the dataset's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn analyse_file(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, item, file)): Path<(i64, i64, i64)>,
    ApiJson(input): ApiJson<praxis_app::case_flows::AnalyseInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.analyse_evidence_file(&user.caller(), id, item, file, &input).await?))
}

#[derive(serde::Deserialize)]
pub(crate) struct JudgementInput {
    key: String,
    verdict: String,
    #[serde(default)]
    note: String,
}

/// Confirms or rejects a proposed link or possible duplicate (its `key` from `/links`); stored,
/// audited, and respected by later runs (rejected links are no longer proposed).
#[utoipa::path(post, path = "/cases/{id}/links/judgements", tag = "entities", params(("id" = i64, Path)),
    request_body(content = Object, description = "key, verdict (confirmed, rejected), note"),
    responses((status = 204, description = "recorded"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn judge_link(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<JudgementInput>,
) -> ApiResult<StatusCode> {
    s.app.judge_link(&user.caller(), id, &input.key, &input.verdict, &input.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

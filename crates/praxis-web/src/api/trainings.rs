//! The trainings API: training events with participants (one by one or a CSV import, all or
//! nothing), trainers, scores and knowledge gain, follow-ups, female shares; mentoring.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::trainings::{
    FollowupInput, MentoringInput, MentoringList, NewTrainingInput, ParticipantInput, TrainerInput,
    TrainingList, TrainingView,
};

use super::workplans::CountryQuery;
use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

/// The trainings the caller may read, with participants and trainers counted (women among them).
#[utoipa::path(get, path = "/programme/trainings", tag = "trainings",
    params(("country" = Option<String>, Query, description = "ISO 3166-1 code, or `regional`")),
    responses((status = 200, description = "trainings and totals"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    user: ApiUser,
    Query(q): Query<CountryQuery>,
) -> ApiResult<Json<TrainingList>> {
    Ok(Json(s.app.trainings(&user.caller(), q.country.as_deref()).await?))
}

/// Records a training of an activity the caller may write.
#[utoipa::path(post, path = "/programme/trainings", tag = "trainings",
    request_body(content = Object, description = "activity, title, start_on, last_day (inclusive), place, area? (ISO 3166-2), capital, modality (in_person, online, hybrid)"),
    responses((status = 201, description = "the new training's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewTrainingInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_training(&user.caller(), &input).await?))
}

/// A training: participants with scores and gain, breakdowns, trainers, follow-ups.
#[utoipa::path(get, path = "/programme/trainings/{id}", tag = "trainings", params(("id" = i64, Path)),
    responses((status = 200, description = "the training"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<TrainingView>> {
    Ok(Json(s.app.training(&user.caller(), id).await?))
}

/// Adds a participant.
#[utoipa::path(post, path = "/programme/trainings/{id}/participants", tag = "trainings", params(("id" = i64, Path)),
    request_body(content = Object, description = "name?, sex (female, male, unknown), age_band (18-29, 30-39, 40-49, 50-59, 60+), institution, sector, role?, area?, pre_score?, post_score? (0-100)"),
    responses((status = 201, description = "the participant's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_participant(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<ParticipantInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_participant(&user.caller(), id, &input).await?))
}

/// Imports participants from a CSV body (columns name, sex, age_band, institution, sector, role,
/// area, pre_score, post_score): all or nothing; a refusal lists every bad line and field in
/// `details`.
#[utoipa::path(post, path = "/programme/trainings/{id}/participants/import", tag = "trainings", params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "text/csv"),
    responses((status = 201, description = "how many participants were imported"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn import(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| praxis_app::AppError::invalid("file", "encoding", "the file is not UTF-8"))?;
    let n = s.app.import_participants(&user.caller(), id, &text).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "participants": n }))).into_response())
}

/// Adds a trainer.
#[utoipa::path(post, path = "/programme/trainings/{id}/trainers", tag = "trainings", params(("id" = i64, Path)),
    request_body(content = Object, description = "name, sex, institution, national_expert"),
    responses((status = 201, description = "the trainer's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_trainer(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<TrainerInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_trainer(&user.caller(), id, &input).await?))
}

/// Records a follow-up at the job (Kirkpatrick level 3 or 4) for a participant or the event.
#[utoipa::path(post, path = "/programme/trainings/{id}/followups", tag = "trainings", params(("id" = i64, Path)),
    request_body(content = Object, description = "participant?, level (3, 4), observed_on, note"),
    responses((status = 201, description = "the follow-up's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_followup(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<FollowupInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_followup(&user.caller(), id, &input).await?))
}

/// The mentoring relationships the caller may read.
#[utoipa::path(get, path = "/programme/mentoring", tag = "trainings",
    responses((status = 200, description = "mentoring pairs"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn mentoring(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<MentoringList>> {
    Ok(Json(s.app.mentoring(&user.caller()).await?))
}

/// Records a mentoring relationship (programme officers).
#[utoipa::path(post, path = "/programme/mentoring", tag = "trainings",
    request_body(content = Object, description = "mentor, mentee, institution, country?, start_on, end_on?, notes?"),
    responses((status = 201, description = "the pair's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_mentoring(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<MentoringInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_mentoring(&user.caller(), &input).await?))
}

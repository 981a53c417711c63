//! The partner countries and consultative missions API: countries with their engagement stage
//! and history, focal points, stakeholders, log, protocol, ownership and exit readiness;
//! missions with their needs, and a need turned into a workplan activity.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::engagement::{
    CountrySummary, CountryView, FocalPointInput, LogInput, NewCountryInput, OwnershipInput, ProfileInput,
    StakeholderInput, StepInput,
};
use praxis_app::missions::{MissionInput, MissionView, NeedActivityInput, NeedInput, NeedOrigin};

use super::{ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

/// The partner countries the caller may read: stage and since when, modality, focal points, last
/// engagement, exit readiness.
#[utoipa::path(get, path = "/programme/countries", tag = "engagement",
    responses((status = 200, description = "partner countries"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn list(State(s): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<CountrySummary>>> {
    Ok(Json(s.app.partner_countries(&user.caller()).await?))
}

/// Opens a partner country, owned by the caller's organisation (programme officers).
#[utoipa::path(post, path = "/programme/countries", tag = "engagement",
    request_body(content = Object, description = "country (ISO 3166-1), modality (direct, joint, national), protocol"),
    responses((status = 201, description = "the country's id"), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn open(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewCountryInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.open_partner_country(&user.caller(), &input).await?))
}

/// The country: stage history with evidence, focal points, stakeholders, log (with missions),
/// protocol, missions, ownership and exit readiness.
#[utoipa::path(get, path = "/programme/countries/{country}", tag = "engagement", params(("country" = String, Path, description = "ISO 3166-1 alpha-2")),
    responses((status = 200, description = "the country"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    Path(country): Path<String>,
) -> ApiResult<Json<CountryView>> {
    Ok(Json(s.app.partner_country(&user.caller(), &country).await?))
}

/// Changes the implementation modality and the communication protocol.
#[utoipa::path(put, path = "/programme/countries/{country}/profile", tag = "engagement", params(("country" = String, Path)),
    request_body(content = Object, description = "modality (direct, joint, national), protocol"),
    responses((status = 204, description = "changed"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn profile(
    State(s): State<AppState>,
    user: ApiUser,
    Path(country): Path<String>,
    ApiJson(input): ApiJson<ProfileInput>,
) -> ApiResult<StatusCode> {
    s.app.set_country_profile(&user.caller(), &country, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records a step of the engagement stage, with its evidence.
#[utoipa::path(post, path = "/programme/countries/{country}/steps", tag = "engagement", params(("country" = String, Path)),
    request_body(content = Object, description = "stage (consultation, partnership, ownership), on (YYYY-MM-DD), evidence (one per line), note (required to go back)"),
    responses((status = 201, description = "the step's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn step(
    State(s): State<AppState>,
    user: ApiUser,
    Path(country): Path<String>,
    ApiJson(input): ApiJson<StepInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.record_engagement_step(&user.caller(), &country, &input).await?))
}

/// Adds a focal point.
#[utoipa::path(post, path = "/programme/countries/{country}/focal-points", tag = "engagement", params(("country" = String, Path)),
    request_body(content = Object, description = "person, institution, role, nominated_on (YYYY-MM-DD), contact_protocol, username (a Praxis user of the country)"),
    responses((status = 201, description = "the focal point's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn focal_point(
    State(s): State<AppState>,
    user: ApiUser,
    Path(country): Path<String>,
    ApiJson(input): ApiJson<FocalPointInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_focal_point(&user.caller(), &country, &input).await?))
}

/// Adds a stakeholder with influence and interest (1 to 5).
#[utoipa::path(post, path = "/programme/countries/{country}/stakeholders", tag = "engagement", params(("country" = String, Path)),
    request_body(content = Object, description = "name, institution, prong (vienna_mission, capital_high_level, capital_technical), influence (1-5), interest (1-5), note"),
    responses((status = 201, description = "the stakeholder's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn stakeholder(
    State(s): State<AppState>,
    user: ApiUser,
    Path(country): Path<String>,
    ApiJson(input): ApiJson<StakeholderInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_stakeholder(&user.caller(), &country, &input).await?))
}

/// Adds a meeting or a decision to the engagement log.
#[utoipa::path(post, path = "/programme/countries/{country}/log", tag = "engagement", params(("country" = String, Path)),
    request_body(content = Object, description = "kind (meeting, decision), occurred_on (YYYY-MM-DD), who, summary, decided"),
    responses((status = 201, description = "the entry's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn log(
    State(s): State<AppState>,
    user: ApiUser,
    Path(country): Path<String>,
    ApiJson(input): ApiJson<LogInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_engagement_log(&user.caller(), &country, &input).await?))
}

/// Records the status of an ownership criterion.
#[utoipa::path(post, path = "/programme/countries/{country}/ownership", tag = "engagement", params(("country" = String, Path)),
    request_body(content = Object, description = "criterion (budget_line, curriculum, national_trainers, national_hosting), status (not_started, in_progress, achieved), status_on (YYYY-MM-DD), evidence"),
    responses((status = 201, description = "the status's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn ownership(
    State(s): State<AppState>,
    user: ApiUser,
    Path(country): Path<String>,
    ApiJson(input): ApiJson<OwnershipInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.record_ownership(&user.caller(), &country, &input).await?))
}

/// Records a consultative mission to a partner country.
#[utoipa::path(post, path = "/programme/missions", tag = "engagement",
    request_body(content = Object, description = "country, title, start_on, end_on, place, in_capital, groups (senior_officials, law_enforcement, prosecution, judiciary, military, parliamentarians, civil_society, international_partners), findings"),
    responses((status = 201, description = "the mission's id"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create_mission(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<MissionInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_mission(&user.caller(), &input).await?))
}

/// A mission with its needs and the activities they became.
#[utoipa::path(get, path = "/programme/missions/{id}", tag = "engagement", params(("id" = i64, Path)),
    responses((status = 200, description = "the mission"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn mission(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<MissionView>> {
    Ok(Json(s.app.mission(&user.caller(), id).await?))
}

/// Adds a prioritised need found by the mission.
#[utoipa::path(post, path = "/programme/missions/{id}/needs", tag = "engagement", params(("id" = i64, Path)),
    request_body(content = Object, description = "priority (1-9), pillar (a pillar code), need"),
    responses((status = 201, description = "the need's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn need(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<NeedInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_mission_need(&user.caller(), id, &input).await?))
}

/// Turns a need into a programme activity of the mission's country and links them.
#[utoipa::path(post, path = "/programme/missions/{id}/needs/{need}/activity", tag = "engagement",
    params(("id" = i64, Path), ("need" = i64, Path)),
    request_body(content = Object, description = "identifier, reporting_org, title and description (default: from the need), start_on, end_on, budget, currency"),
    responses((status = 201, description = "the activity's id"), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn need_activity(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, need)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<NeedActivityInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.make_activity_from_need(&user.caller(), id, need, &input).await?))
}

/// The needs of consultative missions an activity was made from.
#[utoipa::path(get, path = "/programme/activities/{id}/origins", tag = "engagement", params(("id" = i64, Path)),
    responses((status = 200, description = "the needs and their missions the caller may read"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn origins(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<Vec<NeedOrigin>>> {
    Ok(Json(s.app.activity_origins(&user.caller(), id).await?))
}

//! The indicators API: programme activities, disaggregation models, indicators with periods and
//! actuals (and their workflow), and the exports (IATI 2.03 XML, HXL CSV, CSV of the tables).

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use praxis_app::indicators::{
    ActualEditInput, ActualInput, IndicatorFilter, IndicatorList, IndicatorView, ModelInput,
    NewActivityInput, NewIndicatorInput, PeriodInput, WorkflowInput,
};

use super::{csv_response, ApiId, ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

/// The indicators the caller may read (with the latest period's target, actual and progress),
/// the programme activities and the disaggregation models.
#[utoipa::path(get, path = "/programme/indicators", tag = "indicators",
    params(("country" = Option<String>, Query, description = "ISO 3166-1 code, or `regional`"),
        ("tag" = Option<String>, Query, description = "a pillar or theme code")),
    responses((status = 200, description = "indicators, activities, models"), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    user: ApiUser,
    Query(filter): Query<IndicatorFilter>,
) -> ApiResult<Json<IndicatorList>> {
    Ok(Json(s.app.indicators(&user.caller(), &filter).await?))
}

/// Creates an indicator: its reference sheet and baseline (programme officers).
#[utoipa::path(post, path = "/programme/indicators", tag = "indicators",
    request_body(content = Object, description = "code, title, definition, unit, measure (count, percentage, qualitative), direction (increase, decrease), means_of_verification, frequency (monthly, quarterly, semi_annual, annual), owner, tags, country?, activity?, level? (output, outcome, impact), source? (entered, evidence_beyond_testimony, cooperation_executed), model?, baseline_on, baseline?"),
    responses((status = 201, description = "the new indicator's id"), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewIndicatorInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_indicator(&user.caller(), &input).await?))
}

/// The reference sheet, the periods with baseline, target, actual and progress, the actuals with
/// their workflow, and for a computed indicator how each value was computed.
#[utoipa::path(get, path = "/programme/indicators/{id}", tag = "indicators", params(("id" = i64, Path)),
    responses((status = 200, description = "the indicator"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn get(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
) -> ApiResult<Json<IndicatorView>> {
    Ok(Json(s.app.indicator(&user.caller(), id).await?))
}

/// Adds a reporting period `[start_on, end_on)` with its target.
#[utoipa::path(post, path = "/programme/indicators/{id}/periods", tag = "indicators", params(("id" = i64, Path)),
    request_body(content = Object, description = "start_on, end_on (exclusive), target?, comment?"),
    responses((status = 201, description = "the period's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_period(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<PeriodInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_indicator_period(&user.caller(), id, &input).await?))
}

/// Enters an actual (a draft): the total, or one slice of the disaggregation model.
#[utoipa::path(post, path = "/programme/indicators/{id}/actuals", tag = "indicators", params(("id" = i64, Path)),
    request_body(content = Object, description = "period, categories? (sex=female age_band=18-59), value?, comment?"),
    responses((status = 201, description = "the actual's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn add_actual(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<ActualInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.add_indicator_actual(&user.caller(), id, &input).await?))
}

/// Changes the value of a draft or returned actual.
#[utoipa::path(put, path = "/programme/indicators/{id}/actuals/{actual}", tag = "indicators",
    params(("id" = i64, Path), ("actual" = i64, Path)),
    request_body(content = Object, description = "value?, comment?"),
    responses((status = 204, description = "changed"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn edit_actual(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, actual)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<ActualEditInput>,
) -> ApiResult<StatusCode> {
    s.app.edit_indicator_actual(&user.caller(), id, actual, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves an actual along its workflow: submit, return (note: the reason), approve (not by the
/// person who submitted it).
#[utoipa::path(post, path = "/programme/indicators/{id}/actuals/{actual}/workflow", tag = "indicators",
    params(("id" = i64, Path), ("actual" = i64, Path)),
    request_body(content = Object, description = "action (submit, return, approve), note?"),
    responses((status = 200, description = "the new status"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn workflow(
    State(s): State<AppState>,
    user: ApiUser,
    Path((id, actual)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<WorkflowInput>,
) -> ApiResult<Json<serde_json::Value>> {
    let status = s.app.move_indicator_actual(&user.caller(), id, actual, &input).await?;
    Ok(Json(serde_json::json!({ "status": status })))
}

/// The actuals of the indicator as CSV, every status.
#[utoipa::path(get, path = "/programme/indicators/{id}/csv", tag = "indicators", params(("id" = i64, Path)),
    responses((status = 200, description = "text/csv"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn csv(State(s): State<AppState>, user: ApiUser, ApiId(id): ApiId) -> ApiResult<Response> {
    let (name, bytes) = s.app.indicator_actuals_csv(&user.caller(), id).await?;
    Ok(csv_response(&name, bytes))
}

/// Records a programme activity (what IATI publishes): identifier, title, country, dates,
/// status, budget in a currency, tags.
#[utoipa::path(post, path = "/programme/activities", tag = "indicators",
    request_body(content = Object, description = "identifier, reporting_org, title, description, country?, start_on, end_on?, status?, budget? (decimal), currency?, tags?"),
    responses((status = 201, description = "the activity's id"), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create_activity(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewActivityInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_programme_activity(&user.caller(), &input).await?))
}

/// Creates a disaggregation model (with the name of an existing one: its next version).
#[utoipa::path(post, path = "/programme/disaggregation-models", tag = "indicators",
    request_body(content = Object, description = "name, spec (one dimension per line: `sex: female male unknown`)"),
    responses((status = 201, description = "the model version's id"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn create_model(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<ModelInput>,
) -> ApiResult<Response> {
    Ok(created(s.app.create_disaggregation_model(&user.caller(), &input).await?))
}

/// Changes a model version's categories: refused (422, field `spec`) while values are stored
/// under it.
#[utoipa::path(put, path = "/programme/disaggregation-models/{id}", tag = "indicators", params(("id" = i64, Path)),
    request_body(content = Object, description = "name?, spec"),
    responses((status = 204, description = "changed"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn replace_model(
    State(s): State<AppState>,
    user: ApiUser,
    ApiId(id): ApiId,
    ApiJson(input): ApiJson<ModelInput>,
) -> ApiResult<StatusCode> {
    s.app.replace_disaggregation_model(&user.caller(), id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// IATI 2.03 activity XML of the activities the caller may read, with results (approved
/// actuals only, small counts suppressed). Valid against the official schema.
#[utoipa::path(get, path = "/programme/exports/iati", tag = "indicators",
    responses((status = 200, description = "application/xml"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(crate) async fn iati(State(s): State<AppState>, user: ApiUser) -> ApiResult<Response> {
    let (name, bytes) = s.app.indicators_iati(&user.caller()).await?;
    Ok(xml_response(&name, bytes))
}

/// HXL-tagged CSV of approved count actuals, small counts suppressed.
#[utoipa::path(get, path = "/programme/exports/hxl", tag = "indicators",
    responses((status = 200, description = "text/csv"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn hxl(State(s): State<AppState>, user: ApiUser) -> ApiResult<Response> {
    let (name, bytes) = s.app.indicators_hxl(&user.caller()).await?;
    Ok(csv_response(&name, bytes))
}

/// The indicator reference sheets as CSV.
#[utoipa::path(get, path = "/programme/exports/indicators", tag = "indicators",
    responses((status = 200, description = "text/csv"), (status = 403, body = ApiErrorBody)))]
pub(crate) async fn indicators_csv(State(s): State<AppState>, user: ApiUser) -> ApiResult<Response> {
    let (name, bytes) = s.app.indicators_csv(&user.caller()).await?;
    Ok(csv_response(&name, bytes))
}

pub(crate) fn xml_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

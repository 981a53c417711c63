//! The programme dashboard as JSON: indicators with their periods, legislative reviews and
//! activities, each as the caller may read them.

use axum::extract::State;
use axum::Json;
use praxis_app::programme::Dashboard;

use super::ApiUser;
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

/// What the programme dashboard shows: indicators (reference sheet, periods with baseline,
/// target, actual and progress), legislative reviews with their scores, and activities.
#[utoipa::path(get, path = "/programme/dashboard", tag = "programme",
    responses((status = 200, description = "indicators, reviews, activities"), (status = 401, body = ApiErrorBody)))]
pub(crate) async fn dashboard(State(s): State<AppState>, user: ApiUser) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(s.app.programme_dashboard(&user.caller()).await?))
}

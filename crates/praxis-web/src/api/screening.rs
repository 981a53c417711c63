//! Screening through the API: people and organisations (CSV or FtM JSON lines, or a case's
//! entities) against a watch list in FtM JSON lines, answered at once with the ranked, explained
//! candidates. Nothing is kept but the audit entry.

use axum::extract::State;
use axum::Json;
use praxis_app::screening::{ScreenInput, ScreenReport};

use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ApiErrorBody};
use crate::AppState;

/// Screens queries against a watch list. Synchronous; the list may hold 50 MB, the queries
/// 10 000 rows. A malformed line (of the list or of FtM queries) refuses the whole with its line
/// and property named: nothing is screened. Audited as `match.screen` (counts and the list's
/// SHA-256, never names).
#[utoipa::path(post, path = "/match/screen", tag = "matching",
    request_body(content = Object, description = "list (FtM JSON lines as text), and either queries (CSV text with id_column and mapping `role=column, …` — roles full_name, given_name, family_name, org_name, birth_date, id_number, account_number, phone, email, country — or FtM JSON lines without a mapping) or case (a case id: its Person, Company and Organization entities); top? (default 5, at most 50), threshold? (default 0.85), phone_region? (default PK)"),
    responses((status = 200, description = "per query, the ranked candidates with score, match, the names that met and the evidence with weights"), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub(crate) async fn screen(
    State(s): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<ScreenInput>,
) -> Result<Json<ScreenReport>, ApiError> {
    Ok(Json(s.app.screen_watch_list(&user.caller(), &input).await?))
}

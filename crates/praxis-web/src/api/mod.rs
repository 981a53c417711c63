//! The JSON API under `/api/v1`. Clients authenticate with a personal access token
//! (`Authorization: Bearer prx_…`); cookies are not accepted here, so the API needs no CSRF token.
//! Errors are `{"error": {"code", "message", "field"?}}` with a stable `code`.

mod assessments;
mod cases;
mod cooperation;
mod countries;
mod dto;
mod flows;
mod handlers;
mod hit_no_hit;
mod indicators;
mod legal_review;
mod matching;
mod programme;
mod screening;
mod toc;
mod trainings;
mod workplans;

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use praxis_app::{Actor, AppError, Caller};
use utoipa::OpenApi;

use crate::error::{api_bad_request, ApiError};

use crate::AppState;
pub(crate) use indicators::xml_response;
pub(crate) use legal_review::csv_response;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/me", get(handlers::me))
        .route("/orgs", get(handlers::list_orgs).post(handlers::create_org))
        .route("/orgs/{id}", get(handlers::get_org).put(handlers::update_org))
        .route("/users", get(handlers::list_users).post(handlers::create_user))
        .route("/users/{id}", get(handlers::get_user))
        .route("/users/{id}/roles", put(handlers::set_roles))
        .route("/users/{id}/disabled", put(handlers::set_disabled))
        .route("/tokens", get(handlers::list_tokens).post(handlers::create_token))
        .route("/tokens/{id}", axum::routing::delete(handlers::revoke_token))
        .route("/audit", get(handlers::list_audit))
        .route("/audit/verify", get(handlers::verify_audit))
        .route("/flows/datasets", get(flows::list).post(flows::upload))
        .route("/flows/datasets/{id}", get(flows::get))
        .route("/flows/datasets/{id}/trace", axum::routing::post(flows::trace))
        .route("/flows/datasets/{id}/rank", get(flows::rank))
        .route("/flows/datasets/{id}/scan", axum::routing::post(flows::scan))
        .route("/jobs/{id}", get(flows::job))
        .route("/match/screen", axum::routing::post(screening::screen))
        .route("/match/screenings", get(screening::list))
        .route("/match/screenings/{id}", get(screening::get))
        .route("/match/screenings/{id}/judgements", post(screening::judge))
        .route("/match/runs", get(matching::list).post(matching::start))
        .route("/match/runs/{id}", get(matching::get))
        .route("/match/runs/{id}/judgements", axum::routing::post(matching::judge))
        .route("/match/runs/{id}/rerun", axum::routing::post(matching::rerun))
        .route("/hit/indexes", get(hit_no_hit::list).post(hit_no_hit::build))
        .route("/hit/indexes/{id}", get(hit_no_hit::get))
        .route("/hit/indexes/{id}/request", get(hit_no_hit::request))
        .route("/hit/indexes/{id}/response", post(hit_no_hit::response))
        .route("/hit/indexes/{id}/shared", get(hit_no_hit::shared))
        .route("/hit/indexes/{id}/peers", post(hit_no_hit::compare))
        .route("/hit/hits", get(hit_no_hit::hits))
        .route("/hit/hits/{id}/request", post(hit_no_hit::draft))
        .route("/hit/evaluate", post(hit_no_hit::evaluate))
        .route("/hit/evaluations", get(hit_no_hit::evaluations))
        .route("/cases", get(cases::list).post(cases::create))
        .route("/cases/{id}", get(cases::get))
        .route("/cases/{id}/stage", post(cases::stage))
        .route("/cases/{id}/offences", post(cases::add_offence))
        .route("/cases/{id}/subjects", post(cases::add_subject))
        .route("/cases/{id}/subjects/{subject}", put(cases::update_subject))
        .route("/cases/{id}/persons", post(cases::add_person))
        .route("/cases/{id}/persons/{person}/reveal", post(cases::reveal_person))
        .route("/cases/{id}/team", post(cases::add_member))
        .route("/cases/{id}/team/{user}", axum::routing::delete(cases::remove_member))
        .route("/cases/{id}/events", post(cases::add_event))
        .route("/cooperation/requests", get(cooperation::list).post(cooperation::create))
        .route("/cooperation/requests/{id}", get(cooperation::get))
        .route("/cooperation/requests/{id}/status", post(cooperation::move_request))
        .route("/cooperation/requests/{id}/deadline", post(cooperation::deadline))
        .route("/cooperation/requests/{id}/documents", post(cooperation::attach))
        .route("/cooperation/requests/{id}/documents/{doc}", get(cooperation::open))
        .route("/cooperation/authorities", get(cooperation::authorities).post(cooperation::add_authority))
        .route("/cooperation/authorities/{id}", put(cooperation::update_authority))
        .route("/cases/evidence-base", get(cases::evidence_base))
        .route("/cases/ranking", get(cases::ranking))
        .route("/scores/weights", get(cases::weights).put(cases::set_weights))
        .route("/cases/{id}/money", get(cases::money))
        .route("/cases/{id}/summary", get(cases::summary))
        .route("/cases/{id}/entities", get(cases::entities).post(cases::add_entity))
        .route("/cases/{id}/relations", post(cases::add_relation))
        .route("/cases/{id}/entities/import", post(cases::import_entities))
        .route("/cases/{id}/entities/export", get(cases::export_entities))
        .route("/cases/{id}/links", get(cases::links))
        .route("/cases/{id}/links/judgements", post(cases::judge_link))
        .route("/cases/{id}/shares", post(cases::share))
        .route("/cases/{id}/shares/{share}", axum::routing::delete(cases::unshare))
        .route("/cases/{id}/notes", post(cases::note))
        .route("/cases/{id}/datasets", post(cases::link_dataset))
        .route("/cases/{id}/evidence", post(cases::add_evidence))
        .route("/cases/{id}/evidence/{item}", get(cases::evidence_item))
        .route("/cases/{id}/evidence/{item}/admissibility", post(cases::admissibility))
        .route("/cases/{id}/evidence/{item}/files", post(cases::attach_file))
        .route("/cases/{id}/evidence/{item}/files/{file}", get(cases::open_file))
        .route("/cases/{id}/evidence/{item}/files/{file}/analyse", post(cases::analyse_file))
        .route("/cases/{id}/evidence/{item}/custody", post(cases::add_custody))
        .route("/cases/{id}/inquiries", post(cases::add_inquiry))
        .route("/cases/{id}/inquiries/{inquiry}/status", post(cases::inquiry_status))
        .route("/programme/legal/reviews", get(legal_review::list).post(legal_review::create))
        .route("/programme/legal/reviews/{id}", get(legal_review::get))
        .route("/programme/legal/reviews/{id}/answers", post(legal_review::answer))
        .route("/programme/legal/reviews/{id}/status", put(legal_review::status))
        .route("/programme/legal/reviews/{id}/provisions/{provision}", get(legal_review::history))
        .route("/programme/legal/reviews/{id}/csv", get(legal_review::csv))
        .route("/programme/legal/matrix", get(legal_review::matrix))
        .route("/programme/dashboard", get(programme::dashboard))
        .route("/programme/indicators", get(indicators::list).post(indicators::create))
        .route("/programme/indicators/{id}", get(indicators::get))
        .route("/programme/indicators/{id}/periods", post(indicators::add_period))
        .route("/programme/indicators/{id}/actuals", post(indicators::add_actual))
        .route("/programme/indicators/{id}/actuals/{actual}", put(indicators::edit_actual))
        .route("/programme/indicators/{id}/actuals/{actual}/workflow", post(indicators::workflow))
        .route("/programme/indicators/{id}/csv", get(indicators::csv))
        .route("/programme/activities", post(indicators::create_activity))
        .route("/programme/disaggregation-models", post(indicators::create_model))
        .route("/programme/disaggregation-models/{id}", put(indicators::replace_model))
        .route("/programme/exports/iati", get(indicators::iati))
        .route("/programme/exports/hxl", get(indicators::hxl))
        .route("/programme/exports/indicators", get(indicators::indicators_csv))
        .route("/programme/countries", get(countries::list).post(countries::open))
        .route("/programme/countries/{country}", get(countries::get))
        .route("/programme/countries/{country}/profile", put(countries::profile))
        .route("/programme/countries/{country}/steps", post(countries::step))
        .route("/programme/countries/{country}/focal-points", post(countries::focal_point))
        .route("/programme/countries/{country}/stakeholders", post(countries::stakeholder))
        .route("/programme/countries/{country}/log", post(countries::log))
        .route("/programme/countries/{country}/ownership", post(countries::ownership))
        .route("/programme/missions", post(countries::create_mission))
        .route("/programme/missions/{id}", get(countries::mission))
        .route("/programme/missions/{id}/needs", post(countries::need))
        .route("/programme/missions/{id}/needs/{need}/activity", post(countries::need_activity))
        .route("/programme/activities/{id}/origins", get(countries::origins))
        .route("/programme/assessments", get(assessments::list).post(assessments::create))
        .route("/programme/assessments/{id}", get(assessments::get))
        .route("/programme/assessments/{id}/findings", post(assessments::finding))
        .route("/programme/assessments/{id}/recommendations", post(assessments::recommendation))
        .route("/programme/assessments/{id}/stakeholders", post(assessments::stakeholder))
        .route("/programme/assessments/{id}/status", post(assessments::status))
        .route("/programme/workplans", get(workplans::list).post(workplans::create))
        .route("/programme/workplans/{id}", get(workplans::get))
        .route("/programme/activities/{id}", get(workplans::activity))
        .route("/programme/activities/{id}/checklist", post(workplans::answer))
        .route("/programme/mainstreaming", get(workplans::checklist).post(workplans::publish))
        .route("/programme/trainings", get(trainings::list).post(trainings::create))
        .route("/programme/trainings/{id}", get(trainings::get))
        .route("/programme/trainings/{id}/participants", post(trainings::add_participant))
        .route("/programme/trainings/{id}/participants/import", post(trainings::import))
        .route("/programme/trainings/{id}/trainers", post(trainings::add_trainer))
        .route("/programme/trainings/{id}/followups", post(trainings::add_followup))
        .route("/programme/mentoring", get(trainings::mentoring).post(trainings::add_mentoring))
        .route("/programme/toc", get(toc::list).post(toc::create))
        .route("/programme/toc/{id}", get(toc::get))
        .route("/programme/toc/{id}/revise", post(toc::revise))
        .route("/programme/toc/{id}/diff", get(toc::diff))
        .route("/programme/toc/{id}/versions/{v}", get(toc::version))
        .route("/programme/toc/{id}/versions/{v}/nodes", post(toc::add_node))
        .route("/programme/toc/{id}/versions/{v}/nodes/{node}", put(toc::edit_node).delete(toc::remove_node))
        .route("/programme/toc/{id}/versions/{v}/links", post(toc::add_link))
        .route(
            "/programme/toc/{id}/versions/{v}/links/{from}/{to}",
            put(toc::edit_link).delete(toc::remove_link),
        )
        .route("/programme/toc/{id}/versions/{v}/comments", post(toc::comment))
        .route("/programme/toc/{id}/versions/{v}/workflow", post(toc::workflow))
        .route("/programme/toc/{id}/versions/{v}/content", put(toc::import))
        .route("/programme/toc/{id}/versions/{v}/export", get(toc::export))
        .fallback(|| async { ApiError(AppError::NotFound("endpoint")).into_response() })
        .layer(axum::extract::DefaultBodyLimit::max(praxis_app::flows::MAX_IMPORT_BYTES + (1 << 20)))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Praxis API", description = "Praxis JSON API. Authenticate with a personal access token: `Authorization: Bearer prx_…`."),
    paths(
        handlers::me, handlers::list_orgs, handlers::create_org, handlers::get_org, handlers::update_org,
        handlers::list_users, handlers::create_user, handlers::get_user, handlers::set_roles, handlers::set_disabled,
        handlers::list_tokens, handlers::create_token, handlers::revoke_token, handlers::list_audit, handlers::verify_audit,
        flows::list, flows::upload, flows::get, flows::trace, flows::rank, flows::scan, flows::job,
        cases::list, cases::create, cases::get, cases::stage, cases::add_offence, cases::add_subject,
        cases::update_subject, cases::add_person, cases::reveal_person, cases::add_member, cases::remove_member,
        cases::add_event, cases::evidence_base, cases::add_evidence, cases::evidence_item, cases::admissibility,
        cases::attach_file, cases::open_file, cases::analyse_file, cases::add_custody, cases::add_inquiry, cases::inquiry_status,
        cases::summary, cases::share, cases::unshare, cases::note, cases::entities, cases::add_entity,
        cases::add_relation, cases::import_entities, cases::export_entities, cases::links, cases::judge_link,
        cases::money, cases::link_dataset, cases::ranking, cases::weights, cases::set_weights,
        cooperation::list, cooperation::create, cooperation::get, cooperation::move_request, cooperation::deadline,
        cooperation::attach, cooperation::open, cooperation::authorities, cooperation::add_authority,
        cooperation::update_authority,
        legal_review::list, legal_review::create, legal_review::get, legal_review::answer, legal_review::status,
        legal_review::history, legal_review::csv, legal_review::matrix,
        indicators::list, indicators::create, indicators::get, indicators::add_period, indicators::add_actual,
        indicators::edit_actual, indicators::workflow, indicators::csv, indicators::create_activity,
        indicators::create_model, indicators::replace_model, indicators::iati, indicators::hxl,
        indicators::indicators_csv, programme::dashboard,
        matching::list, matching::start, matching::get, matching::judge, matching::rerun, screening::screen, screening::list, screening::get, screening::judge,
        hit_no_hit::list, hit_no_hit::build, hit_no_hit::get, hit_no_hit::request, hit_no_hit::response,
        hit_no_hit::shared, hit_no_hit::compare, hit_no_hit::hits, hit_no_hit::draft, hit_no_hit::evaluate,
        hit_no_hit::evaluations,
        countries::list, countries::open, countries::get, countries::profile, countries::step,
        countries::focal_point, countries::stakeholder, countries::log, countries::ownership,
        countries::create_mission, countries::mission, countries::need, countries::need_activity,
        countries::origins,
        assessments::list, assessments::create, assessments::get, assessments::finding,
        assessments::recommendation, assessments::stakeholder, assessments::status,
        workplans::list, workplans::create, workplans::get, workplans::activity, workplans::answer,
        workplans::checklist, workplans::publish,
        trainings::list, trainings::create, trainings::get, trainings::add_participant, trainings::import,
        trainings::add_trainer, trainings::add_followup, trainings::mentoring, trainings::add_mentoring,
        toc::list, toc::create, toc::get, toc::version, toc::add_node, toc::edit_node, toc::remove_node,
        toc::add_link, toc::edit_link, toc::remove_link, toc::comment, toc::workflow, toc::import, toc::export,
        toc::revise, toc::diff,
    ),
    components(schemas(crate::error::ApiErrorBody, crate::error::ApiErrorDetail)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub(crate) struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("prx_ personal access token")
                    .build(),
            ),
        );
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    let mut doc = ApiDoc::openapi();
    doc.servers = Some(vec![utoipa::openapi::Server::new("/api/v1")]);
    Json(doc)
}

/// The user behind the bearer token.
pub(crate) struct ApiUser(pub Actor);

impl ApiUser {
    pub(crate) fn caller(&self) -> Caller {
        Caller::User(self.0.clone())
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim);
        let unauthenticated = || {
            let mut r = ApiError(AppError::Unauthenticated).into_response();
            r.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
            r
        };
        let Some(token) = token else {
            return Err(unauthenticated());
        };
        match state.app.token_actor(token).await {
            Ok(actor) => Ok(ApiUser(actor)),
            Err(AppError::Unauthenticated) => Err(unauthenticated()),
            Err(e) => Err(ApiError(e).into_response()),
        }
    }
}

/// JSON body whose rejection is an API error naming the problem.
pub(crate) struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: JsonRejection) -> Response {
    let status = r.status();
    let mut res = api_bad_request(None, r.body_text());
    if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
        *res.status_mut() = status;
    }
    res
}

/// A numeric path id whose rejection is an API error.
pub(crate) struct ApiId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for ApiId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<i64>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(id)) => Ok(ApiId(id)),
            Err(e @ PathRejection::FailedToDeserializePathParams(_)) => {
                Err(api_bad_request(Some("id"), e.body_text()))
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

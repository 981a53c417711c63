//! Server-rendered pages. Every form posts with a CSRF token (checked in `security`), every page
//! works without JavaScript.

mod account;
mod admin;
mod assessments;
mod auth;
pub(crate) mod brief;
mod cases;
mod cooperation;
mod countries;
mod entities;
mod evidence;
mod flow_svg;
mod flows;
mod gantt_svg;
mod hit_no_hit;
mod home;
mod indicators;
pub(crate) mod layout;
mod legal_review;
mod matching;
mod missions;
mod network_svg;
pub(crate) mod programme_home;
mod region_map;
mod screening;
mod selection;
mod sharing;
mod toc;
mod toc_svg;
mod trainings;
mod workplans;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::AppState;
pub(crate) use toc::file_response as toc_file_response;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/login", get(auth::login_page).post(auth::login_submit))
        .route("/login/totp", get(auth::totp_page).post(auth::totp_submit))
        .route("/logout", post(auth::logout))
        .route("/language", post(auth::set_language))
        .route("/account", get(account::profile_page))
        .route("/account/profile", post(account::profile_submit))
        .route("/account/password", get(account::password_page).post(account::password_submit))
        .route("/account/totp", get(account::totp_page).post(account::totp_start))
        .route("/account/totp/confirm", post(account::totp_confirm))
        .route("/account/totp/recovery", post(account::totp_recovery))
        .route("/account/totp/disable", post(account::totp_disable))
        .route("/account/tokens", get(account::tokens_page).post(account::token_create))
        .route("/account/tokens/{id}/revoke", post(account::token_revoke))
        .route("/cases", get(cases::index).post(cases::create))
        .route("/cases/{id}", get(cases::show))
        .route("/cases/{id}/stage", post(cases::stage))
        .route("/cases/{id}/offences", post(cases::add_offence))
        .route("/cases/{id}/subjects", post(cases::add_subject))
        .route("/cases/{id}/subjects/{subject}", post(cases::update_subject))
        .route("/cases/{id}/persons", post(cases::add_person))
        .route("/cases/{id}/persons/{person}/reveal", post(cases::reveal_person))
        .route("/cases/{id}/team", post(cases::add_member))
        .route("/cases/{id}/team/{user}/remove", post(cases::remove_member))
        .route("/cases/{id}/events", post(cases::add_event))
        .route("/cooperation", get(cooperation::index).post(cooperation::create))
        .route("/cooperation/directory", get(cooperation::directory).post(cooperation::add_authority))
        .route("/cooperation/{id}", get(cooperation::show))
        .route("/cooperation/{id}/status", post(cooperation::move_request))
        .route("/cooperation/{id}/deadline", post(cooperation::deadline))
        .route("/cooperation/{id}/documents", post(cooperation::attach))
        .route("/cooperation/{id}/documents/{doc}", get(cooperation::open))
        .route("/cases/evidence-base", get(evidence::overview))
        .route("/cases/ranking", get(selection::ranking))
        .route("/cases/ranking/weights", post(selection::save_weights))
        .route("/cases/{id}/datasets", post(selection::link_dataset))
        .route("/cases/{id}/summary", get(sharing::summary))
        .route("/cases/{id}/brief", get(brief::html))
        .route("/cases/{id}/brief.pdf", get(brief::pdf))
        .route("/cases/{id}/entities", get(entities::index).post(entities::add))
        .route("/cases/{id}/entities/import", post(entities::import))
        .route("/cases/{id}/entities/export", get(entities::export))
        .route("/cases/{id}/relations", post(entities::add_relation))
        .route("/cases/{id}/links/judge", post(entities::judge))
        .route("/cases/{id}/shares", post(sharing::share))
        .route("/cases/{id}/shares/{share}/revoke", post(sharing::revoke))
        .route("/cases/{id}/notes", post(sharing::note))
        .route("/cases/{id}/evidence", post(evidence::add_evidence))
        .route("/cases/{id}/evidence/{item}", get(evidence::item))
        .route("/cases/{id}/evidence/{item}/admissibility", post(evidence::admissibility))
        .route("/cases/{id}/evidence/{item}/files", post(evidence::attach))
        .route("/cases/{id}/evidence/{item}/files/{file}", get(evidence::open_file))
        .route("/cases/{id}/evidence/{item}/files/{file}/analyse", post(evidence::analyse))
        .route("/cases/{id}/evidence/{item}/custody", post(evidence::custody))
        .route("/cases/{id}/inquiries", post(evidence::add_inquiry))
        .route("/cases/{id}/inquiries/{inquiry}/status", post(evidence::inquiry_status))
        .route("/programme", get(programme_home::dashboard))
        .route("/programme/report", get(programme_home::report_html))
        .route("/programme/report.pdf", get(programme_home::report_pdf))
        .route("/programme/legal", get(legal_review::index).post(legal_review::create))
        .route("/programme/legal/matrix", get(legal_review::matrix))
        .route("/programme/legal/{id}", get(legal_review::show))
        .route("/programme/legal/{id}/answers", post(legal_review::answer))
        .route("/programme/legal/{id}/status", post(legal_review::status))
        .route("/programme/legal/{id}/provisions/{provision}", get(legal_review::history))
        .route("/programme/legal/{id}/csv", get(legal_review::csv))
        .route("/programme/indicators", get(indicators::index).post(indicators::create))
        .route("/programme/indicators/{id}", get(indicators::show))
        .route("/programme/indicators/{id}/periods", post(indicators::add_period))
        .route("/programme/indicators/{id}/actuals", post(indicators::add_actual))
        .route("/programme/indicators/{id}/actuals/{actual}", post(indicators::edit_actual))
        .route("/programme/indicators/{id}/actuals/{actual}/workflow", post(indicators::workflow))
        .route("/programme/indicators/{id}/csv", get(indicators::csv))
        .route("/programme/activities", post(indicators::create_activity))
        .route("/programme/models", post(indicators::create_model))
        .route("/programme/models/{id}", post(indicators::replace_model))
        .route("/programme/exports/iati", get(indicators::export_iati))
        .route("/programme/exports/hxl", get(indicators::export_hxl))
        .route("/programme/exports/indicators", get(indicators::export_csv))
        .route("/match", get(matching::index).post(matching::start))
        .route("/match/screen", get(screening::index).post(screening::screen))
        .route("/match/screen/{id}", get(screening::show))
        .route("/match/screen/{id}/judgements", post(screening::judge))
        .route("/hit", get(hit_no_hit::index).post(hit_no_hit::build))
        .route("/hit/evaluations", get(hit_no_hit::evaluations))
        .route("/hit/hits/{id}/request", post(hit_no_hit::draft))
        .route("/hit/{id}", get(hit_no_hit::show))
        .route("/hit/{id}/request", get(hit_no_hit::request))
        .route("/hit/{id}/shared", get(hit_no_hit::shared))
        .route("/hit/{id}/response", post(hit_no_hit::response))
        .route("/hit/{id}/peers", post(hit_no_hit::peers))
        .route("/match/{id}", get(matching::show))
        .route("/match/{id}/judgements", post(matching::judge))
        .route("/match/{id}/rerun", post(matching::rerun))
        .route("/programme/countries", get(countries::index).post(countries::open))
        .route("/programme/countries/{country}", get(countries::show))
        .route("/programme/countries/{country}/profile", post(countries::profile))
        .route("/programme/countries/{country}/steps", post(countries::step))
        .route("/programme/countries/{country}/focal-points", post(countries::focal_point))
        .route("/programme/countries/{country}/stakeholders", post(countries::stakeholder))
        .route("/programme/countries/{country}/log", post(countries::log))
        .route("/programme/countries/{country}/ownership", post(countries::ownership))
        .route("/programme/countries/{country}/missions", post(missions::create))
        .route("/programme/missions/{id}", get(missions::show))
        .route("/programme/missions/{id}/needs", post(missions::need))
        .route("/programme/missions/{id}/needs/{need}/activity", post(missions::need_activity))
        .route("/programme/assessments", get(assessments::index).post(assessments::create))
        .route("/programme/assessments/{id}", get(assessments::show))
        .route("/programme/assessments/{id}/findings", post(assessments::finding))
        .route("/programme/assessments/{id}/recommendations", post(assessments::recommendation))
        .route("/programme/assessments/{id}/stakeholders", post(assessments::stakeholder))
        .route("/programme/assessments/{id}/status", post(assessments::status))
        .route("/programme/workplans", get(workplans::index).post(workplans::create))
        .route("/programme/workplans/{id}", get(workplans::show))
        .route("/programme/activities/{id}", get(workplans::activity))
        .route("/programme/activities/{id}/checklist", post(workplans::answer))
        .route("/programme/mainstreaming", get(workplans::mainstreaming).post(workplans::publish))
        .route("/programme/trainings", get(trainings::index).post(trainings::create))
        .route("/programme/trainings/{id}", get(trainings::show))
        .route("/programme/trainings/{id}/participants", post(trainings::add_participant))
        .route("/programme/trainings/{id}/participants/import", post(trainings::import))
        .route("/programme/trainings/{id}/trainers", post(trainings::add_trainer))
        .route("/programme/trainings/{id}/followups", post(trainings::add_followup))
        .route("/programme/mentoring", get(trainings::mentoring).post(trainings::add_mentoring))
        .route("/programme/toc", get(toc::index).post(toc::create))
        .route("/programme/toc/{id}", get(toc::show))
        .route("/programme/toc/{id}/revise", post(toc::revise))
        .route("/programme/toc/{id}/diff", get(toc::diff))
        .route("/programme/toc/{id}/versions/{v}", get(toc::version))
        .route("/programme/toc/{id}/versions/{v}/nodes", post(toc::add_node))
        .route("/programme/toc/{id}/versions/{v}/nodes/{node}", post(toc::edit_node))
        .route("/programme/toc/{id}/versions/{v}/nodes/{node}/remove", post(toc::remove_node))
        .route("/programme/toc/{id}/versions/{v}/links", post(toc::add_link))
        .route("/programme/toc/{id}/versions/{v}/links/edit", post(toc::edit_link))
        .route("/programme/toc/{id}/versions/{v}/links/remove", post(toc::remove_link))
        .route("/programme/toc/{id}/versions/{v}/comments", post(toc::comment))
        .route("/programme/toc/{id}/versions/{v}/workflow", post(toc::workflow))
        .route("/programme/toc/{id}/versions/{v}/import", post(toc::import))
        .route("/programme/toc/{id}/versions/{v}/export", get(toc::export))
        .route("/flows", get(flows::index).post(flows::upload))
        .route("/flows/{id}", get(flows::dataset))
        .route("/flows/{id}/rank", get(flows::rank))
        .route("/flows/{id}/scan", post(flows::start_scan))
        .route("/flows/{id}/alerts", get(flows::alerts))
        .route("/admin", get(admin::index))
        .route("/admin/orgs", get(admin::orgs_page).post(admin::org_create))
        .route("/admin/orgs/{id}", get(admin::org_page).post(admin::org_update))
        .route("/admin/users", get(admin::users_page).post(admin::user_create))
        .route("/admin/users/new", get(admin::user_new_page))
        .route("/admin/users/{id}", get(admin::user_page))
        .route("/admin/users/{id}/roles", post(admin::user_roles))
        .route("/admin/users/{id}/disabled", post(admin::user_disabled))
        .route("/admin/users/{id}/password", post(admin::user_password))
        .route("/admin/users/{id}/totp-reset", post(admin::user_totp_reset))
        .route("/admin/audit", get(admin::audit_page))
        .route("/admin/audit/verify", get(admin::audit_verify))
        // Uploads of statements and ledgers may be large.
        .layer(axum::extract::DefaultBodyLimit::max(praxis_app::flows::MAX_IMPORT_BYTES + (1 << 20)))
}

/// A submitted form, keeping repeated fields (checkboxes) and order.
pub(crate) struct FormData(Vec<(String, String)>);

impl FormData {
    pub(crate) fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    pub(crate) fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }

    pub(crate) fn checked(&self, name: &str) -> bool {
        matches!(self.get(name), "on" | "true" | "1" | "yes")
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        Ok(FormData(form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()))
    }
}

/// Formats a database time (ms since epoch, UTC) for display.
pub(crate) fn fmt_time(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).ok()
        })
        .unwrap_or_default()
}

/// A stored file offered for download as received: never rendered inline (no sniffing, no
/// caching), its recorded SHA-256 in `X-Praxis-SHA256` so the receiver can check it.
pub(crate) fn download(file_name: &str, sha256: &str, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    let ascii: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "._- ".contains(c) { c } else { '_' })
        .collect();
    let encoded: String =
        form_urlencoded::byte_serialize(file_name.as_bytes()).collect::<String>().replace('+', "%20");
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/octet-stream"));
    if let Ok(v) = header::HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    if let Ok(v) = header::HeaderValue::from_str(sha256) {
        h.insert("x-praxis-sha256", v);
    }
    res
}

/// A case's entities as a FollowTheMoney JSON-lines download.
pub(crate) fn ftm_download(case: i64, text: String) -> Response {
    use axum::http::header;
    let mut res = text.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/x-ndjson; charset=utf-8"));
    if let Ok(v) =
        header::HeaderValue::from_str(&format!("attachment; filename=\"case-{case}-entities.ftm.jsonl\""))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    res
}

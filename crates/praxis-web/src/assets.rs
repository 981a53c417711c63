//! Assets embedded in the binary: no CDN, no request leaves Praxis.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::AppState;

const CSS: &str = include_str!("../assets/praxis.css");
const FAVICON: &str = include_str!("../assets/favicon.svg");

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/assets/praxis.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/assets/favicon.svg", get(|| async { asset("image/svg+xml", FAVICON) }))
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=86400")], body)
}

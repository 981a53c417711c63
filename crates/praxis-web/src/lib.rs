//! The web face of Praxis: server-rendered pages, the JSON API under `/api/v1` with its OpenAPI
//! document, sessions, translations and embedded assets.
//!
//! Architecture Invariant: this is the only crate that knows HTTP, HTML and JSON wire formats.
//! Handlers are thin: extract, call one [`praxis_app::App`] method, render. Access decisions are the
//! application layer's; this crate only establishes who is asking.
//!
//! Architecture Invariant: no page loads anything from outside Praxis: every asset is embedded and
//! the Content-Security-Policy forbids inline scripts and styles.

mod api;
mod assets;
mod error;
pub mod i18n;
pub(crate) mod pages;
mod security;
mod session;

use std::net::SocketAddr;

use axum::Router;
pub use pages::brief::render_case_brief;
pub use pages::programme_home::render_programme_report;
use praxis_app::App;

/// Settings of the web face.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_forwarded_for: bool,
}

#[derive(Clone)]
pub(crate) struct AppState {
    pub app: App,
    pub web: WebConfig,
}

/// The whole HTTP service.
pub fn router(app: App, web: WebConfig) -> Router {
    let state = AppState { app, web };
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .merge(assets::routes())
        .route("/healthz", axum::routing::get(health))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::csrf_guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(axum::middleware::from_fn(security::access_log))
        .with_state(state)
}

async fn health(axum::extract::State(state): axum::extract::State<AppState>) -> axum::response::Response {
    use axum::response::IntoResponse;
    if state.app.healthy().await {
        (axum::http::StatusCode::OK, "ok\n").into_response()
    } else {
        (axum::http::StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
    }
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    web: WebConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = router(app, web).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown).await
}

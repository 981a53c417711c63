//! Assets embedded in the binary: no CDN, no request leaves Praxis.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::AppState;

const CSS: &str = include_str!("../assets/praxis.css");
const FAVICON: &str = include_str!("../assets/favicon.svg");

/// Noto Sans (Latin and Cyrillic), Noto Sans Arabic (Arabic, Persian, Urdu) and Noto Sans Bengali,
/// subset to their scripts, as WOFF2 (SIL Open Font Licence 1.1: assets/fonts/LICENSE-OFL.txt).
/// Pages name them with `unicode-range`, so a browser fetches only the scripts a page uses.
const FONTS: [(&str, &[u8]); 6] = [
    ("NotoSans-Regular.woff2", include_bytes!("../assets/fonts/NotoSans-Regular.woff2")),
    ("NotoSans-Bold.woff2", include_bytes!("../assets/fonts/NotoSans-Bold.woff2")),
    ("NotoSansArabic-Regular.woff2", include_bytes!("../assets/fonts/NotoSansArabic-Regular.woff2")),
    ("NotoSansArabic-Bold.woff2", include_bytes!("../assets/fonts/NotoSansArabic-Bold.woff2")),
    ("NotoSansBengali-Regular.woff2", include_bytes!("../assets/fonts/NotoSansBengali-Regular.woff2")),
    ("NotoSansBengali-Bold.woff2", include_bytes!("../assets/fonts/NotoSansBengali-Bold.woff2")),
];
const FONT_LICENCE: &str = include_str!("../assets/fonts/LICENSE-OFL.txt");

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/assets/praxis.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/assets/favicon.svg", get(|| async { asset("image/svg+xml", FAVICON) }))
        .route("/assets/fonts/{name}", get(font))
        .route(
            "/assets/fonts/LICENSE-OFL.txt",
            get(|| async { asset("text/plain; charset=utf-8", FONT_LICENCE) }),
        )
}

async fn font(axum::extract::Path(name): axum::extract::Path<String>) -> axum::response::Response {
    match FONTS.iter().find(|(n, _)| *n == name) {
        Some((_, bytes)) => (
            [(header::CONTENT_TYPE, "font/woff2"), (header::CACHE_CONTROL, "public, max-age=604800")],
            *bytes,
        )
            .into_response(),
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=86400")], body)
}

/// The stylesheet (for pages printed outside a browser session).
pub(crate) fn css() -> &'static str {
    CSS
}

/// The fonts, by file name.
pub(crate) fn fonts() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    FONTS.iter().copied()
}

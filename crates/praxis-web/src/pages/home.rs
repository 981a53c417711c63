//! The home page: who I am, where I stand, what needs me.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::html;
use praxis_model::Role;

use super::layout::{page, Area};
use crate::session::SignedIn;
use crate::AppState;

pub(crate) async fn home(State(state): State<AppState>, s: SignedIn) -> Response {
    let tr = s.tr;
    let a = &s.actor;
    let tokens = state
        .app
        .list_tokens(a)
        .await
        .map(|t| t.iter().filter(|t| t.revoked_at.is_none()).count())
        .unwrap_or(0);
    let user = state.app.get_user(&s.caller(), a.user_id).await;
    let totp = user.as_ref().map(|u| u.totp_enabled).unwrap_or(false);
    page(tr, a, &s.csrf, Area::Home, "/", &tr.t("home-title"), html! {
        h1 { (tr.a("home-welcome", &[("name", &a.display_name)])) }
        div.cards {
            section.card {
                h2 { (tr.t("home-you")) }
                dl {
                    dt { (tr.t("field-organisation")) } dd { (a.org.name) }
                    dt { (tr.t("field-jurisdiction")) } dd { (a.org.jurisdiction.name()) " " (super::layout::ltr(a.org.jurisdiction.code())) }
                    dt { (tr.t("field-roles")) }
                    dd { @for r in a.roles.iter() { span.badge { (tr.t(&format!("role-{}", r.as_str()))) } " " } }
                }
            }
            section.card {
                h2 { (tr.t("home-security")) }
                ul.plain {
                    li {
                        @if totp { span.ok { "✔ " } (tr.t("home-totp-on")) }
                        @else { span.warn { "⚠ " } (tr.t("home-totp-off")) " " a href="/account/totp" { (tr.t("totp-setup")) } }
                    }
                    li { (tr.a("home-tokens", &[("count", &tokens.to_string())])) " " a href="/account/tokens" { (tr.t("nav-tokens")) } }
                }
            }
            @if a.has(Role::Administrator) || a.has(Role::Oversight) {
                section.card {
                    h2 { (tr.t("nav-admin")) }
                    ul.plain {
                        li { a href="/admin/users" { (tr.t("admin-users")) } }
                        li { a href="/admin/orgs" { (tr.t("admin-orgs")) } }
                        li { a href="/admin/audit" { (tr.t("admin-audit")) } }
                    }
                }
            }
        }
        section.card {
            h2 { (tr.t("home-coming")) }
            p.muted { (tr.t("home-coming-explain")) }
        }
    })
    .into_response()
}

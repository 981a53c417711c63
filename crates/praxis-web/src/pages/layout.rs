//! The page frame: header with navigation and language picker, main content, footer.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use praxis_app::Actor;
use praxis_model::{Locale, Role};

use crate::i18n::Tr;

/// The main rooms of Praxis (UI.md). Those not yet built are shown, not linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Area {
    Home,
    Cases,
    Cooperation,
    Flows,
    Entities,
    Programme,
    Admin,
    Account,
}

/// Not yet built, after the programme area.
const FUTURE_AREAS_AFTER: [&str; 2] = ["nav-protection", "nav-community"];

pub(crate) fn csrf_input(csrf: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(csrf); }
}

fn head(tr: Tr, title: &str, refresh: Option<u32>) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            @if let Some(secs) = refresh { meta http-equiv="refresh" content=(secs); }
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Praxis" }
            link rel="stylesheet" href="/assets/praxis.css";
            link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
            meta name="description" content=(tr.t("app-tagline"));
        }
    }
}

fn language_form(tr: Tr, csrf: &str, back: &str) -> Markup {
    html! {
        form.lang method="post" action="/language" {
            (csrf_input(csrf))
            input type="hidden" name="back" value=(back);
            label for="lang-select" { (tr.t("language")) }
            select id="lang-select" name="locale" {
                @for l in Locale::ALL {
                    option value=(l.tag()) lang=(l.tag()) selected[l == tr.locale] { (l.endonym()) }
                }
            }
            button type="submit" { (tr.t("language-change")) }
        }
    }
}

/// A page for a signed-in user.
pub(crate) fn page(
    tr: Tr,
    actor: &Actor,
    csrf: &str,
    area: Area,
    path: &str,
    title: &str,
    content: Markup,
) -> Markup {
    page_refreshing(tr, actor, csrf, area, path, title, None, content)
}

/// A page that reloads itself every `refresh` seconds (to follow a running job without script).
#[allow(clippy::too_many_arguments)]
pub(crate) fn page_refreshing(
    tr: Tr,
    actor: &Actor,
    csrf: &str,
    area: Area,
    path: &str,
    title: &str,
    refresh: Option<u32>,
    content: Markup,
) -> Markup {
    let admin = actor.has(Role::Administrator) || actor.has(Role::Oversight);
    let programme =
        actor.has(Role::ProgrammeOfficer) || actor.has(Role::FocalPoint) || actor.has(Role::Adviser);
    html! {
        (DOCTYPE)
        html lang=(tr.locale.tag()) dir=(tr.locale.dir()) {
            (head(tr, title, refresh))
            body {
                a.skip href="#main" { (tr.t("skip-to-content")) }
                header.top {
                    div.bar {
                        a.brand href="/" { "Praxis" }
                        div.who {
                            span { (actor.display_name) } " · " span.org { (actor.org.name) }
                            " · " a href="/account" aria-current=[(area == Area::Account).then_some("page")] { (tr.t("nav-account")) }
                            form.inline method="post" action="/logout" {
                                (csrf_input(csrf))
                                button.link type="submit" { (tr.t("logout")) }
                            }
                        }
                        (language_form(tr, csrf, path))
                    }
                    nav aria-label=(tr.t("nav-label")) {
                        ul {
                            li { a href="/" aria-current=[(area == Area::Home).then_some("page")] { (tr.t("nav-home")) } }
                            @if actor.roles.any_investigative() || actor.has(Role::Adviser) {
                                li { a href="/cases" aria-current=[(area == Area::Cases).then_some("page")] { (tr.t("nav-cases")) } }
                            }
                            li { a href="/cooperation" aria-current=[(area == Area::Cooperation).then_some("page")] { (tr.t("nav-cooperation")) } }
                            @if actor.roles.any_investigative() {
                                li { a href="/flows" aria-current=[(area == Area::Flows).then_some("page")] { (tr.t("nav-flows")) } }
                            }
                            @if actor.roles.any_investigative() {
                                li { a href="/match" aria-current=[(area == Area::Entities).then_some("page")] { (tr.t("nav-entities")) } }
                            } @else {
                                li { span.soon aria-disabled="true" title=(tr.t("nav-soon")) { (tr.t("nav-entities")) } }
                            }
                            @if programme {
                                li { a href="/programme" aria-current=[(area == Area::Programme).then_some("page")] { (tr.t("nav-programme")) } }
                            } @else {
                                li { span.soon aria-disabled="true" title=(tr.t("nav-soon")) { (tr.t("nav-programme")) } }
                            }
                            @for key in FUTURE_AREAS_AFTER {
                                li { span.soon aria-disabled="true" title=(tr.t("nav-soon")) { (tr.t(key)) } }
                            }
                            @if admin {
                                li { a href="/admin" aria-current=[(area == Area::Admin).then_some("page")] { (tr.t("nav-admin")) } }
                            }
                        }
                    }
                }
                main id="main" { (content) }
                footer { (tr.t("footer")) " · Praxis " (env!("CARGO_PKG_VERSION")) }
            }
        }
    }
}

/// A page for someone not (fully) signed in: login, second factor, errors.
pub(crate) fn bare(tr: Tr, title: &str, content: Markup) -> Markup {
    bare_with_lang(tr, title, None, content)
}

pub(crate) fn bare_with_lang(tr: Tr, title: &str, lang: Option<(&str, &str)>, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(tr.locale.tag()) dir=(tr.locale.dir()) {
            (head(tr, title, None))
            body.bare {
                header.top {
                    div.bar {
                        a.brand href="/" { "Praxis" }
                        @if let Some((csrf, back)) = lang { (language_form(tr, csrf, back)) }
                    }
                }
                main id="main" { (content) }
                footer { (tr.t("footer")) }
            }
        }
    }
}

/// An alert box for a message (error or notice), announced to screen readers.
pub(crate) fn alert(kind: &str, message: &str) -> Markup {
    html! { div class=(format!("alert {kind}")) role="alert" { (message) } }
}

/// Text that must stay left-to-right inside right-to-left pages (codes, numbers, identifiers).
pub(crate) fn ltr(s: &str) -> Markup {
    html! { bdi dir="ltr" { (s) } }
}

#[allow(dead_code)]
pub(crate) fn raw(s: &str) -> Markup {
    PreEscaped(s.to_owned())
}

//! Every endpoint has a test that an outsider is refused.
//!
//! [`table`] lists every route of the web face (pages and the JSON API) with the outsiders that
//! must be refused and how. Each kind of outsider has its own test that walks the table; after
//! every refused request the directory (organisations and users, read back through the command
//! line's view), the head of the audit chain (every write is audited in the same transaction) and
//! a bystander's API token are compared with their state before it: a refusal changes nothing.
//! [`every_route_is_covered`] fails when a route is registered without a row here.

use std::collections::{BTreeSet, HashMap};

use praxis_app::Caller;
use reqwest::{Method, Response};
use serde_json::Value;

use crate::{extract_between, spawn, world, Browser, TestApp, World};

/// A strong password that is not the test password.
const NEW_PASSWORD: &str = "amber-orchard-lantern-58";

/// The kinds of outsider; one test each.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Not signed in: no session cookie, no (valid) API token.
    NoSession,
    /// A form posted by another site through a signed-in browser: no CSRF token.
    Forged,
    /// Signed in, but without the role the endpoint needs (or not the owner of the thing).
    WrongRole,
    /// The administrator of an organisation in another jurisdiction.
    OtherCountry,
    /// An organisation's administrator reaching for more: organisations, the oversight role,
    /// the operating organisation's users, their own roles.
    OrgAdmin,
    /// Someone who knows the password but not the second factor.
    SecondFactor,
}

/// Who sends the request.
#[derive(Clone, Copy, Debug)]
enum Who {
    /// No cookie, no token (a page form still carries a valid CSRF token of a fresh browser).
    Nobody,
    /// An API request with a made-up bearer token.
    BogusToken,
    /// An API request with a signed-in browser's session cookie but no token.
    CookieOnly(&'static str),
    /// A signed-in user: their browser for pages, their personal token for the API.
    User(&'static str),
    /// A form posted from this user's signed-in browser without the CSRF field.
    Forged(&'static str),
    /// A browser that gave `fia.inv`'s password but not yet the second factor.
    HalfSignedIn,
}

/// What the refusal looks like.
#[derive(Clone, Copy, Debug)]
enum Refused {
    /// 303 to `/login?next=<the path>`.
    ToLogin,
    /// 303 to `/login` (the login's own steps, and logging out).
    ToLoginPlain,
    /// 303 elsewhere (a place that itself refuses).
    Redirect(&'static str),
    /// API: 401, code `unauthenticated`, `WWW-Authenticate: Bearer`.
    Unauthenticated,
    /// 403: an HTML page, or API code `forbidden`.
    Forbidden,
    /// 403 from the CSRF guard, before any handler runs.
    Csrf,
    /// 404 (API code `not_found`): another person's token is not there to revoke.
    NotFound,
    /// 200, but none of these users appear: a list filtered to what the caller may see.
    Hides(&'static [&'static str]),
    /// 200 with the audit entries of the caller's own organisation only.
    OwnAuditOnly,
}

/// What `{id}` in the route stands for.
#[derive(Clone, Copy, Debug)]
enum Target {
    Nothing,
    User(&'static str),
    Org(&'static str),
    /// A personal token of `fia.admin` (the bystander whose token must keep working).
    VictimToken,
    /// A financial-flows dataset of FIA, imported by `fia.inv`.
    Dataset,
    /// A scan job of `fia.inv` on that dataset.
    Job,
    /// A cooperation request of FIA (drafted by `fia.inv`) to CID Dhaka, with a document (`{doc}`).
    Request,
    /// An entry of the directory of authorities.
    Authority,
    /// A case of FIA opened by `fia.inv` (on its team), with a subject (`{subject}`) and a victim
    /// (`{person}`); `{user}` is `fia.inv`.
    Case,
    /// The legislative review of Pakistan, started by `un.po` (a programme officer of the UN
    /// office) and owned by the UN office; `{provision}` is TIP-01.
    Review,
    /// The indicator of Pakistan made by `un.po`, owned by the UN office, with a period and an
    /// actual (`{actual}`).
    Indicator,
    /// The disaggregation model made by `un.po` (a value is stored under it).
    Model,
    /// FIA's entity-resolution run ([`MATCH_RUN`]), started by `fia.inv` and finished.
    MatchRun,
    /// FIA's kept screening run against [`SCREEN_LIST`], made by `fia.inv`; its query `q1` has
    /// the candidate `wl-1`.
    ScreenRun,
    /// FIA's final blind index of [`HIT_EPOCH`], built by `fia.inv` (the world's deployment is a
    /// key holder).
    HitIndex,
    /// A hit of FIA's case on that index (compared with a peer's index).
    Hit,
    /// Pakistan as a partner country (`{country}` is PK), opened by `un.po` and owned by the UN
    /// office.
    Country,
    /// A consultative mission to Pakistan recorded by `un.po`, with a need not yet planned
    /// (`{need}`).
    Mission,
    /// The activity `un.po` made of another need of that mission.
    MissionActivity,
    /// The TIP assessment of Pakistan created by `un.po` ([`ASSESSMENT`]), in progress.
    Assessment,
    /// The workplan of Pakistan made by `un.po`, owned by the UN office.
    Workplan,
    /// Its activity (`{activity}` in bodies), with the checklist published.
    Activity,
    /// A training of that activity, with a participant.
    Training,
    /// The theory of change of Pakistan started by `un.po`, owned by the UN office: version 1
    /// (`{v}`), a draft with the nodes A1 and O1 (`{node}`) and the link A1 → O1 (`{from}`,
    /// `{to}`).
    Toc,
}

struct Row {
    method: Method,
    /// As registered; API routes with their `/api/v1` prefix.
    route: &'static str,
    target: Target,
    /// Appended to the path (`{fia}`, `{un}`, `{cid}` become organisation ids).
    query: &'static str,
    form: &'static [(&'static str, &'static str)],
    json: &'static str,
    anonymous: Refused,
    forger: &'static str,
    /// The answer to a session that still owes its second factor (`None`: the second-factor
    /// step itself, and logging out).
    second_factor: Option<Refused>,
    refusals: Vec<(Kind, Who, Refused)>,
}

fn row(method: Method, route: &'static str) -> Row {
    let api = route.starts_with("/api/");
    Row {
        method,
        route,
        target: Target::Nothing,
        query: "",
        form: &[],
        json: "",
        anonymous: if api { Refused::Unauthenticated } else { Refused::ToLogin },
        forger: "un.admin",
        second_factor: Some(Refused::Redirect("/login/totp")),
        refusals: vec![],
    }
}

impl Row {
    fn is_api(&self) -> bool {
        self.route.starts_with("/api/")
    }

    fn target(mut self, target: Target) -> Row {
        self.target = target;
        self
    }

    fn query(mut self, query: &'static str) -> Row {
        self.query = query;
        self
    }

    fn form(mut self, form: &'static [(&'static str, &'static str)]) -> Row {
        self.form = form;
        self
    }

    fn json(mut self, json: &'static str) -> Row {
        self.json = json;
        self
    }

    fn anonymous(mut self, refused: Refused) -> Row {
        self.anonymous = refused;
        self
    }

    fn second_factor(mut self, refused: Option<Refused>) -> Row {
        self.second_factor = refused;
        self
    }

    /// The signed-in user whose browser a forged form is posted through (one who could
    /// otherwise do what the form asks).
    fn forged_as(mut self, user: &'static str) -> Row {
        self.forger = user;
        self
    }

    fn refuse(mut self, kind: Kind, users: &[&'static str], refused: Refused) -> Row {
        self.refusals.extend(users.iter().map(|u| (kind, Who::User(u), refused)));
        self
    }

    /// The refusals of one kind, including those every row has.
    fn refusals(&self, kind: Kind) -> Vec<(Who, Refused)> {
        let mut out = Vec::new();
        match kind {
            Kind::NoSession if self.is_api() => {
                for who in [Who::Nobody, Who::BogusToken, Who::CookieOnly("un.admin")] {
                    out.push((who, Refused::Unauthenticated));
                }
            }
            Kind::NoSession => out.push((Who::Nobody, self.anonymous)),
            Kind::Forged if !self.is_api() && self.method != Method::GET => {
                out.push((Who::Forged(self.forger), Refused::Csrf))
            }
            // The API takes tokens only, which a half-signed-in session cannot make.
            Kind::SecondFactor if !self.is_api() => {
                out.extend(self.second_factor.map(|refused| (Who::HalfSignedIn, refused)))
            }
            _ => {}
        }
        out.extend(self.refusals.iter().filter(|r| r.0 == kind).map(|r| (r.1, r.2)));
        out
    }
}

/// Signed in without the administrator role: for actions on `fia.admin`'s account.
const NOT_ADMINS: &[&str] = &["fia.viewer", "fia.inv", "overseer"];
const EVERYONE_BUT_CID: &[&str] = &["fia.admin", "fia.inv", "fia.viewer", "un.admin", "overseer"];
const EVERYONE_BUT_VIEWER: &[&str] = &["fia.admin", "fia.inv", "cid.admin", "un.admin", "overseer"];
const EVERYONE_BUT_OVERSEER: &[&str] = &["fia.admin", "fia.inv", "fia.viewer", "cid.admin", "un.admin"];
const FIA_USERS: &[&str] = &["fia.admin", "fia.inv", "fia.viewer"];

const ORG_FORM: &[(&str, &str)] = &[("name", "Shadow Agency"), ("kind", "police"), ("jurisdiction", "PK")];
const ORG_EDIT_FORM: &[(&str, &str)] =
    &[("name", "Renamed Agency"), ("kind", "ngo"), ("jurisdiction", "PK-PB"), ("disabled", "on")];
const USER_FORM: &[(&str, &str)] = &[
    ("org_id", "{fia}"),
    ("username", "mallory"),
    ("display_name", "Mallory"),
    ("password", NEW_PASSWORD),
    ("roles", "administrator"),
];
const OVERSIGHT_USER_FORM: &[(&str, &str)] = &[
    ("org_id", "{fia}"),
    ("username", "mallory"),
    ("display_name", "Mallory"),
    ("password", NEW_PASSWORD),
    ("roles", "oversight"),
];
const OPERATOR_USER_FORM: &[(&str, &str)] = &[
    ("org_id", "{un}"),
    ("username", "mallory"),
    ("display_name", "Mallory"),
    ("password", NEW_PASSWORD),
    ("roles", "viewer"),
];

const ORG_JSON: &str = r#"{"name": "Shadow Agency", "kind": "police", "jurisdiction": "PK"}"#;
const ORG_EDIT_JSON: &str =
    r#"{"name": "Renamed Agency", "kind": "ngo", "jurisdiction": "PK-PB", "disabled": true}"#;
const USER_JSON: &str = r#"{"org_id": {fia}, "username": "mallory", "display_name": "Mallory",
    "password": "amber-orchard-lantern-58", "roles": ["administrator"]}"#;
const OVERSIGHT_USER_JSON: &str = r#"{"org_id": {fia}, "username": "mallory", "display_name": "Mallory",
    "password": "amber-orchard-lantern-58", "roles": ["oversight"]}"#;
const OPERATOR_USER_JSON: &str = r#"{"org_id": {un}, "username": "mallory", "display_name": "Mallory",
    "password": "amber-orchard-lantern-58", "roles": ["viewer"]}"#;

/// Every route, with the outsiders each must refuse. `{id}` is filled from the row's target.
fn table() -> Vec<Row> {
    use Kind::*;
    use Method as M;
    use Refused::*;
    let fia_admin = Target::User("fia.admin");
    let fia = Target::Org("fia");
    vec![
        // Pages: the login's own steps.
        row(M::GET, "/login/totp").anonymous(ToLoginPlain).second_factor(None),
        row(M::POST, "/login/totp").form(&[("code", "123456")]).anonymous(ToLoginPlain).second_factor(None),
        row(M::POST, "/logout").anonymous(ToLoginPlain).second_factor(None),
        // Pages: one's own account. Anyone signed in acts only on themselves.
        row(M::GET, "/"),
        row(M::GET, "/account"),
        row(M::POST, "/account/profile").form(&[("display_name", "Forged Name"), ("email", "x@example.org")]),
        row(M::GET, "/account/password"),
        row(M::POST, "/account/password").form(&[
            ("current_password", crate::PASSWORD),
            ("password", NEW_PASSWORD),
            ("confirm", NEW_PASSWORD),
        ]),
        row(M::GET, "/account/totp"),
        row(M::POST, "/account/totp"),
        row(M::POST, "/account/totp/confirm").form(&[("code", "123456")]),
        row(M::POST, "/account/totp/recovery"),
        row(M::POST, "/account/totp/disable"),
        row(M::GET, "/account/tokens"),
        row(M::POST, "/account/tokens").form(&[("name", "forged"), ("expires_in_days", "30")]),
        row(M::POST, "/account/tokens/{id}/revoke")
            .target(Target::VictimToken)
            .forged_as("fia.admin")
            .refuse(WrongRole, &["fia.inv", "un.admin"], NotFound)
            .refuse(OtherCountry, &["cid.admin"], NotFound),
        // Pages: administration.
        row(M::GET, "/admin").refuse(WrongRole, &["fia.viewer", "fia.inv"], Redirect("/admin/audit")),
        row(M::GET, "/admin/orgs"),
        row(M::POST, "/admin/orgs")
            .form(ORG_FORM)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::GET, "/admin/orgs/{id}").target(fia).refuse(OtherCountry, &["cid.admin"], Hides(FIA_USERS)),
        row(M::POST, "/admin/orgs/{id}")
            .target(fia)
            .form(ORG_EDIT_FORM)
            .refuse(WrongRole, &["fia.viewer", "fia.inv", "overseer"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::GET, "/admin/users")
            .refuse(WrongRole, &["fia.viewer"], Hides(EVERYONE_BUT_VIEWER))
            .refuse(WrongRole, &["overseer"], Hides(EVERYONE_BUT_OVERSEER))
            .refuse(OtherCountry, &["cid.admin"], Hides(EVERYONE_BUT_CID)),
        row(M::GET, "/admin/users").query("?org={fia}").refuse(
            OtherCountry,
            &["cid.admin"],
            Hides(FIA_USERS),
        ),
        row(M::POST, "/admin/users").form(USER_FORM).refuse(WrongRole, NOT_ADMINS, Forbidden).refuse(
            OtherCountry,
            &["cid.admin"],
            Forbidden,
        ),
        row(M::POST, "/admin/users").form(OVERSIGHT_USER_FORM).refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::POST, "/admin/users").form(OPERATOR_USER_FORM).refuse(
            OrgAdmin,
            &["fia.admin", "cid.admin"],
            Forbidden,
        ),
        row(M::GET, "/admin/users/new").refuse(WrongRole, NOT_ADMINS, Forbidden),
        row(M::GET, "/admin/users/new").query("?org={fia}").refuse(
            OtherCountry,
            &["cid.admin"],
            Hides(&["FIA Lahore"]),
        ),
        row(M::GET, "/admin/users/{id}").target(fia_admin).refuse(WrongRole, NOT_ADMINS, Forbidden).refuse(
            OtherCountry,
            &["cid.admin"],
            Forbidden,
        ),
        row(M::POST, "/admin/users/{id}/roles")
            .target(fia_admin)
            .form(&[("roles", "viewer")])
            .refuse(WrongRole, NOT_ADMINS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::POST, "/admin/users/{id}/roles")
            .target(Target::User("fia.viewer"))
            .form(&[("roles", "oversight")])
            .refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::POST, "/admin/users/{id}/roles")
            .target(Target::User("un.admin"))
            .form(&[("roles", "viewer")])
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::POST, "/admin/users/{id}/disabled")
            .target(fia_admin)
            .form(&[("disabled", "true")])
            .refuse(WrongRole, NOT_ADMINS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::POST, "/admin/users/{id}/password")
            .target(fia_admin)
            .form(&[("password", NEW_PASSWORD)])
            .refuse(WrongRole, NOT_ADMINS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::POST, "/admin/users/{id}/totp-reset")
            .target(fia_admin)
            .refuse(WrongRole, NOT_ADMINS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/admin/audit").refuse(WrongRole, &["fia.viewer", "fia.inv"], Forbidden).refuse(
            OtherCountry,
            &["cid.admin"],
            OwnAuditOnly,
        ),
        row(M::GET, "/admin/audit/verify").refuse(
            WrongRole,
            &["fia.viewer", "fia.admin", "un.admin"],
            Forbidden,
        ),
        // Pages: financial flows (investigative records of the owning organisation).
        row(M::GET, "/flows").refuse(WrongRole, &["fia.viewer", "overseer"], Hides(&[DATASET])).refuse(
            OtherCountry,
            &["cid.admin"],
            Hides(&[DATASET]),
        ),
        row(M::POST, "/flows").form(&[("name", "forged")]).refuse(
            WrongRole,
            &["fia.viewer", "overseer"],
            Forbidden,
        ),
        row(M::GET, "/flows/{id}")
            .target(Target::Dataset)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/flows/{id}").target(Target::Dataset).query("?seeds=2&rule=fifo").refuse(
            OtherCountry,
            &["cid.admin", "un.admin"],
            Forbidden,
        ),
        row(M::POST, "/flows/{id}/scan")
            .target(Target::Dataset)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin", "un.admin"], Forbidden),
        row(M::GET, "/flows/{id}/alerts")
            .target(Target::Dataset)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/flows/{id}/rank")
            .target(Target::Dataset)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        // The JSON API.
        row(M::GET, "/api/v1/me"),
        row(M::GET, "/api/v1/orgs"),
        row(M::POST, "/api/v1/orgs")
            .json(ORG_JSON)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::GET, "/api/v1/orgs/{id}").target(fia),
        row(M::PUT, "/api/v1/orgs/{id}")
            .target(fia)
            .json(ORG_EDIT_JSON)
            .refuse(WrongRole, &["fia.viewer", "fia.inv", "overseer"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::GET, "/api/v1/users")
            .refuse(WrongRole, &["fia.viewer"], Hides(EVERYONE_BUT_VIEWER))
            .refuse(WrongRole, &["overseer"], Hides(EVERYONE_BUT_OVERSEER))
            .refuse(OtherCountry, &["cid.admin"], Hides(EVERYONE_BUT_CID)),
        row(M::GET, "/api/v1/users").query("?org={fia}").refuse(
            OtherCountry,
            &["cid.admin"],
            Hides(FIA_USERS),
        ),
        row(M::POST, "/api/v1/users").json(USER_JSON).refuse(WrongRole, NOT_ADMINS, Forbidden).refuse(
            OtherCountry,
            &["cid.admin"],
            Forbidden,
        ),
        row(M::POST, "/api/v1/users").json(OVERSIGHT_USER_JSON).refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::POST, "/api/v1/users").json(OPERATOR_USER_JSON).refuse(
            OrgAdmin,
            &["fia.admin", "cid.admin"],
            Forbidden,
        ),
        row(M::GET, "/api/v1/users/{id}").target(fia_admin).refuse(WrongRole, NOT_ADMINS, Forbidden).refuse(
            OtherCountry,
            &["cid.admin"],
            Forbidden,
        ),
        row(M::PUT, "/api/v1/users/{id}/roles")
            .target(fia_admin)
            .json(r#"{"roles": ["viewer"]}"#)
            .refuse(WrongRole, NOT_ADMINS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::PUT, "/api/v1/users/{id}/roles")
            .target(Target::User("fia.viewer"))
            .json(r#"{"roles": ["oversight"]}"#)
            .refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::PUT, "/api/v1/users/{id}/roles")
            .target(Target::User("un.admin"))
            .json(r#"{"roles": ["viewer"]}"#)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::PUT, "/api/v1/users/{id}/disabled")
            .target(fia_admin)
            .json(r#"{"disabled": true}"#)
            .refuse(WrongRole, NOT_ADMINS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin"], Forbidden),
        row(M::GET, "/api/v1/tokens"),
        row(M::POST, "/api/v1/tokens").json(r#"{"name": "outsider", "expires_in_days": 1}"#),
        row(M::DELETE, "/api/v1/tokens/{id}")
            .target(Target::VictimToken)
            .refuse(WrongRole, &["fia.inv", "un.admin"], NotFound)
            .refuse(OtherCountry, &["cid.admin"], NotFound),
        row(M::GET, "/api/v1/audit").refuse(WrongRole, &["fia.viewer", "fia.inv"], Forbidden).refuse(
            OtherCountry,
            &["cid.admin"],
            OwnAuditOnly,
        ),
        row(M::GET, "/api/v1/audit/verify").refuse(
            WrongRole,
            &["fia.viewer", "fia.admin", "un.admin"],
            Forbidden,
        ),
        row(M::GET, "/api/v1/flows/datasets")
            .refuse(WrongRole, &["fia.viewer", "overseer"], Hides(&[DATASET]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[DATASET])),
        row(M::POST, "/api/v1/flows/datasets").query("?name=forged&format=amlsim").json(DATASET_CSV).refuse(
            WrongRole,
            &["fia.viewer", "overseer"],
            Forbidden,
        ),
        row(M::GET, "/api/v1/flows/datasets/{id}")
            .target(Target::Dataset)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin", "un.admin"], Forbidden),
        row(M::POST, "/api/v1/flows/datasets/{id}/trace")
            .target(Target::Dataset)
            .json(r#"{"seeds": ["2"], "rule": "fifo"}"#)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin", "un.admin"], Forbidden),
        row(M::GET, "/api/v1/flows/datasets/{id}/rank")
            .target(Target::Dataset)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin", "un.admin"], Forbidden),
        row(M::POST, "/api/v1/flows/datasets/{id}/scan")
            .target(Target::Dataset)
            .json(r#"{"typologies": ["cycle"]}"#)
            .refuse(WrongRole, &["fia.viewer", "overseer"], Forbidden)
            .refuse(OtherCountry, &["cid.admin", "un.admin"], Forbidden),
        // Entity resolution: investigative records of the owning organisation.
        row(M::GET, "/match").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[MATCH_RUN])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[MATCH_RUN]),
        ),
        row(M::POST, "/match").form(&[("title", "forged")]).refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        row(M::GET, "/match/{id}")
            .target(Target::MatchRun)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/match/{id}/judgements")
            .target(Target::MatchRun)
            .form(&[("left_id", "1"), ("right_id", "2"), ("verdict", "rejected")])
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/match/{id}/rerun")
            .target(Target::MatchRun)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::GET, "/api/v1/match/runs").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[MATCH_RUN])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[MATCH_RUN]),
        ),
        row(M::POST, "/api/v1/match/runs")
            .json(r#"{"title": "forged", "kind": "dedupe", "id_column": "id", "mapping": "full_name=name", "left_csv": "id,name\n1,A\n"}"#)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        row(M::GET, "/api/v1/match/runs/{id}")
            .target(Target::MatchRun)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/api/v1/match/runs/{id}/judgements")
            .target(Target::MatchRun)
            .json(r#"{"left_id": "1", "right_id": "2", "verdict": "rejected"}"#)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/api/v1/match/runs/{id}/rerun")
            .target(Target::MatchRun)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        // Watch-list screening: investigative roles of the caller's organisation.
        row(M::GET, "/match/screen")
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Hides(&[SCREEN_LIST])),
        // A kept screening run: FIA's investigators; another organisation does not find it.
        row(M::GET, "/match/screen/{id}")
            .target(Target::ScreenRun)
            .refuse(WrongRole, &["fia.viewer"], Forbidden)
            .refuse(WrongRole, &["overseer"], NotFound)
            .refuse(OtherCountry, CASE_FOREIGN, NotFound),
        row(M::POST, "/match/screen/{id}/judgements")
            .target(Target::ScreenRun)
            .form(SCREEN_JUDGEMENT_FORM)
            .forged_as("fia.inv")
            .refuse(WrongRole, &["fia.viewer"], Forbidden)
            .refuse(WrongRole, &["overseer"], NotFound)
            .refuse(OtherCountry, CASE_FOREIGN, NotFound),
        row(M::GET, "/api/v1/match/screenings")
            .refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[SCREEN_LIST]))
            .refuse(OtherCountry, CASE_FOREIGN, Hides(&[SCREEN_LIST])),
        row(M::GET, "/api/v1/match/screenings/{id}")
            .target(Target::ScreenRun)
            .refuse(WrongRole, &["fia.viewer"], Forbidden)
            .refuse(WrongRole, &["overseer"], NotFound)
            .refuse(OtherCountry, CASE_FOREIGN, NotFound),
        row(M::POST, "/api/v1/match/screenings/{id}/judgements")
            .target(Target::ScreenRun)
            .json(r#"{"query_id": "q1", "list_entity_id": "wl-1", "verdict": "rejected"}"#)
            .refuse(WrongRole, &["fia.viewer"], Forbidden)
            .refuse(WrongRole, &["overseer"], NotFound)
            .refuse(OtherCountry, CASE_FOREIGN, NotFound),
        row(M::POST, "/match/screen").form(&[("top", "5")]).refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        row(M::POST, "/api/v1/match/screen")
            .json(r#"{"list": "{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A B\"]}}", "queries": "id,name\n1,A B\n", "id_column": "id", "mapping": "full_name=name"}"#)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        // Hit/no-hit: indexes are investigative records of their organisation; hits are seen by
        // those who may read the case; the evaluation log by administrators and oversight.
        row(M::GET, "/hit").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[HIT_EPOCH])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[HIT_EPOCH]),
        ),
        row(M::POST, "/hit").form(&[("epoch", "2029-Q4")]).forged_as("fia.inv").refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        row(M::GET, "/hit/{id}")
            .target(Target::HitIndex)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::GET, "/hit/{id}/request")
            .target(Target::HitIndex)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::GET, "/hit/{id}/shared")
            .target(Target::HitIndex)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/hit/{id}/response")
            .target(Target::HitIndex)
            .forged_as("fia.inv")
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/hit/{id}/peers")
            .target(Target::HitIndex)
            .forged_as("fia.inv")
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/hit/hits/{id}/request")
            .target(Target::Hit)
            .form(&[("requested_country", "BD")])
            .forged_as("fia.inv")
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::GET, "/hit/evaluations").refuse(WrongRole, &["fia.inv", "fia.viewer"], Forbidden),
        row(M::GET, "/api/v1/hit/indexes").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[HIT_EPOCH])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[HIT_EPOCH]),
        ),
        row(M::POST, "/api/v1/hit/indexes").json(r#"{"epoch": "2029-Q4"}"#).refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        row(M::GET, "/api/v1/hit/indexes/{id}")
            .target(Target::HitIndex)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::GET, "/api/v1/hit/indexes/{id}/request")
            .target(Target::HitIndex)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::GET, "/api/v1/hit/indexes/{id}/shared")
            .target(Target::HitIndex)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/api/v1/hit/indexes/{id}/response")
            .target(Target::HitIndex)
            .json("epoch,blinded,evaluated,protocol\n2029-Q3,00,00,praxis/hit-no-hit/v2\n")
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/api/v1/hit/indexes/{id}/peers")
            .target(Target::HitIndex)
            .json(HIT_PEER_CSV)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::GET, "/api/v1/hit/hits").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[HIT_EPOCH])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[HIT_EPOCH]),
        ),
        row(M::POST, "/api/v1/hit/hits/{id}/request")
            .target(Target::Hit)
            .json(r#"{"requested_country": "BD"}"#)
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, CASE_FOREIGN, Forbidden),
        row(M::POST, "/api/v1/hit/evaluate")
            .json("organisation,epoch,blinded,protocol\nFIA,2029-Q3,00,praxis/hit-no-hit/v2\n")
            .refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        row(M::GET, "/api/v1/hit/evaluations").refuse(WrongRole, &["fia.inv", "fia.viewer"], Forbidden),
        // Cases: investigative records of the owning organisation; identities for the case team.
        row(M::GET, "/cases").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[CASE])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[CASE]),
        ),
        row(M::POST, "/cases").form(CASE_FORM).forged_as("fia.inv").refuse(
            WrongRole,
            CASE_WRONG_ROLE,
            Forbidden,
        ),
        case_row(M::GET, "/cases/{id}"),
        case_row(M::POST, "/cases/{id}/stage").form(&[("stage", "closed")]),
        case_row(M::POST, "/cases/{id}/offences")
            .form(&[("offence", "corruption"), ("provision", "Forged provision")]),
        case_row(M::POST, "/cases/{id}/subjects").form(&[("name", "Forged"), ("network_role", "other")]),
        case_row(M::POST, "/cases/{id}/subjects/{subject}").form(&[("status", "acquitted")]),
        case_row(M::POST, "/cases/{id}/persons")
            .form(&[("kind", "victim"), ("full_name", "Forged Person")])
            .refuse(WrongRole, &["fia.admin"], Forbidden),
        case_row(M::POST, "/cases/{id}/persons/{person}/reveal").refuse(WrongRole, &["fia.admin"], Forbidden),
        case_row(M::POST, "/cases/{id}/team").form(&[("username", "fia.viewer")]),
        case_row(M::POST, "/cases/{id}/team/{user}/remove"),
        case_row(M::POST, "/cases/{id}/events").form(&[("occurred_on", "2026-01-01"), ("title", "Forged")]),
        // Cooperation: the requesting organisation's investigative roles, and the requested one's.
        row(M::GET, "/cooperation").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[REQUEST])).refuse(
            OtherCountry,
            &["un.admin"],
            Hides(&[REQUEST]),
        ),
        row(M::POST, "/cooperation").form(REQUEST_FORM).forged_as("fia.inv").refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        row(M::GET, "/cooperation/directory"),
        row(M::POST, "/cooperation/directory")
            .form(AUTHORITY_FORM)
            .refuse(WrongRole, &["fia.inv", "fia.viewer", "overseer"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        request_row(M::GET, "/cooperation/{id}"),
        request_row(M::POST, "/cooperation/{id}/status")
            .form(&[("status", "withdrawn")])
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        request_row(M::POST, "/cooperation/{id}/deadline")
            .form(&[("deadline", "2030-01-01")])
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        request_row(M::POST, "/cooperation/{id}/documents").form(&[("file", "forged")]),
        request_row(M::GET, "/cooperation/{id}/documents/{doc}"),
        row(M::GET, "/api/v1/cooperation/requests").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[REQUEST])).refuse(
            OtherCountry,
            &["un.admin"],
            Hides(&[REQUEST]),
        ),
        row(M::POST, "/api/v1/cooperation/requests").json(REQUEST_JSON).refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        request_row(M::GET, "/api/v1/cooperation/requests/{id}"),
        request_row(M::POST, "/api/v1/cooperation/requests/{id}/status")
            .json(r#"{"status": "withdrawn"}"#)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        request_row(M::POST, "/api/v1/cooperation/requests/{id}/deadline")
            .json(r#"{"deadline": "2030-01-01"}"#)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        request_row(M::POST, "/api/v1/cooperation/requests/{id}/documents").query("?file_name=forged.txt").json("forged"),
        request_row(M::GET, "/api/v1/cooperation/requests/{id}/documents/{doc}"),
        row(M::GET, "/api/v1/cooperation/authorities"),
        row(M::POST, "/api/v1/cooperation/authorities")
            .json(AUTHORITY_JSON)
            .refuse(WrongRole, &["fia.inv", "fia.viewer", "overseer"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::PUT, "/api/v1/cooperation/authorities/{id}")
            .target(Target::Authority)
            .json(AUTHORITY_JSON)
            .refuse(WrongRole, &["fia.inv", "fia.viewer", "overseer"], Forbidden)
            .refuse(OrgAdmin, &["fia.admin", "cid.admin"], Forbidden),
        row(M::GET, "/cases/evidence-base").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[CASE])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[CASE]),
        ),
        row(M::GET, "/cases/ranking").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[CASE])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[CASE]),
        ),
        row(M::POST, "/cases/ranking/weights").form(WEIGHTS_FORM).forged_as("fia.admin").refuse(
            WrongRole,
            &["fia.inv", "fia.viewer", "overseer"],
            Forbidden,
        ),
        case_row(M::POST, "/cases/{id}/datasets").form(&[("dataset", "{dataset}"), ("seeds", "1")]),
        row(M::GET, "/api/v1/cases/ranking").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[CASE])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[CASE]),
        ),
        row(M::GET, "/api/v1/scores/weights"),
        row(M::PUT, "/api/v1/scores/weights").json(WEIGHTS_JSON).refuse(
            WrongRole,
            &["fia.inv", "fia.viewer", "overseer"],
            Forbidden,
        ),
        case_row(M::GET, "/api/v1/cases/{id}/money"),
        case_row(M::POST, "/api/v1/cases/{id}/datasets").json(r#"{"dataset": {dataset}, "seeds": "1"}"#),
        case_row(M::GET, "/cases/{id}/brief"),
        case_row(M::GET, "/cases/{id}/brief.pdf"),
        case_row(M::GET, "/cases/{id}/entities"),
        case_row(M::POST, "/cases/{id}/entities").form(&[("schema", "Person"), ("properties", "name: Forged")]),
        case_row(M::POST, "/cases/{id}/entities/import").form(&[("file", "forged")]),
        case_row(M::GET, "/cases/{id}/entities/export"),
        case_row(M::POST, "/cases/{id}/relations").form(&[("kind", "call"), ("from", "1"), ("to", "2")]),
        case_row(M::GET, "/api/v1/cases/{id}/entities"),
        case_row(M::POST, "/api/v1/cases/{id}/entities").json(r#"{"schema": "Person", "properties": {"name": ["Forged"]}}"#),
        case_row(M::POST, "/api/v1/cases/{id}/relations").json(r#"{"kind": "call", "from": 1, "to": 2}"#),
        case_row(M::POST, "/api/v1/cases/{id}/entities/import")
            .query("?file_name=forged.ftm")
            .json(r#"{"id": "x", "schema": "Person", "properties": {"name": ["Forged"]}}"#),
        case_row(M::GET, "/api/v1/cases/{id}/entities/export"),
        case_row(M::GET, "/api/v1/cases/{id}/links"),
        case_row(M::POST, "/api/v1/cases/{id}/links/judgements").json(r#"{"key": "x", "verdict": "rejected"}"#),
        case_row(M::POST, "/cases/{id}/links/judge").form(&[("key", "x"), ("verdict", "rejected")]),
        case_row(M::GET, "/cases/{id}/summary"),
        case_row(M::POST, "/cases/{id}/shares").form(&[("org", "{cid}"), ("scope", "full")]),
        case_row(M::POST, "/cases/{id}/shares/{share}/revoke"),
        case_row(M::POST, "/cases/{id}/notes").form(&[("kind", "advice"), ("body", "Forged advice")]),
        case_row(M::GET, "/api/v1/cases/{id}/summary"),
        case_row(M::POST, "/api/v1/cases/{id}/shares").json(r#"{"org": {cid}, "scope": "full"}"#),
        case_row(M::DELETE, "/api/v1/cases/{id}/shares/{share}"),
        case_row(M::POST, "/api/v1/cases/{id}/notes").json(r#"{"kind": "advice", "body": "Forged advice"}"#),
        case_row(M::POST, "/cases/{id}/evidence").form(&[
            ("kind", "financial"),
            ("description", "Forged"),
            ("source", "Forged"),
            ("obtained_on", "2026-01-01"),
        ]),
        case_row(M::GET, "/cases/{id}/evidence/{item}"),
        case_row(M::POST, "/cases/{id}/evidence/{item}/admissibility").form(&[("admissibility", "inadmissible")]),
        case_row(M::POST, "/cases/{id}/evidence/{item}/files").form(&[("file", "forged")]),
        case_row(M::GET, "/cases/{id}/evidence/{item}/files/{file}"),
        case_row(M::POST, "/cases/{id}/evidence/{item}/files/{file}/analyse").form(&[("format", "amlsim")]),
        case_row(M::POST, "/cases/{id}/evidence/{item}/custody").form(&[("action", "sealed")]),
        case_row(M::POST, "/cases/{id}/inquiries").form(&[("kind", "financial"), ("title", "Forged line")]),
        case_row(M::POST, "/cases/{id}/inquiries/{inquiry}/status").form(&[("status", "abandoned")]),
        row(M::GET, "/api/v1/cases/evidence-base").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[CASE])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[CASE]),
        ),
        case_row(M::POST, "/api/v1/cases/{id}/evidence").json(
            r#"{"kind": "financial", "description": "Forged", "source": "Forged", "obtained_on": "2026-01-01"}"#,
        ),
        case_row(M::GET, "/api/v1/cases/{id}/evidence/{item}"),
        case_row(M::POST, "/api/v1/cases/{id}/evidence/{item}/admissibility")
            .json(r#"{"admissibility": "inadmissible"}"#),
        case_row(M::POST, "/api/v1/cases/{id}/evidence/{item}/files").query("?file_name=forged.txt").json("forged"),
        case_row(M::GET, "/api/v1/cases/{id}/evidence/{item}/files/{file}"),
        case_row(M::POST, "/api/v1/cases/{id}/evidence/{item}/files/{file}/analyse").json(r#"{"format": "amlsim"}"#),
        case_row(M::POST, "/api/v1/cases/{id}/evidence/{item}/custody").json(r#"{"action": "sealed"}"#),
        case_row(M::POST, "/api/v1/cases/{id}/inquiries").json(r#"{"kind": "financial", "title": "Forged line"}"#),
        case_row(M::POST, "/api/v1/cases/{id}/inquiries/{inquiry}/status").json(r#"{"status": "abandoned"}"#),
        row(M::GET, "/api/v1/cases").refuse(WrongRole, CASE_WRONG_ROLE, Hides(&[CASE])).refuse(
            OtherCountry,
            CASE_FOREIGN,
            Hides(&[CASE]),
        ),
        row(M::POST, "/api/v1/cases").json(CASE_JSON).refuse(WrongRole, CASE_WRONG_ROLE, Forbidden),
        case_row(M::GET, "/api/v1/cases/{id}"),
        case_row(M::POST, "/api/v1/cases/{id}/stage").json(r#"{"stage": "closed"}"#),
        case_row(M::POST, "/api/v1/cases/{id}/offences")
            .json(r#"{"offence": "corruption", "provision": "Forged provision"}"#),
        case_row(M::POST, "/api/v1/cases/{id}/subjects")
            .json(r#"{"name": "Forged", "network_role": "other"}"#),
        case_row(M::PUT, "/api/v1/cases/{id}/subjects/{subject}").json(r#"{"status": "acquitted"}"#),
        case_row(M::POST, "/api/v1/cases/{id}/persons")
            .json(r#"{"kind": "victim", "identity": {"full_name": "Forged Person"}}"#)
            .refuse(WrongRole, &["fia.admin"], Forbidden),
        case_row(M::POST, "/api/v1/cases/{id}/persons/{person}/reveal").refuse(
            WrongRole,
            &["fia.admin"],
            Forbidden,
        ),
        case_row(M::POST, "/api/v1/cases/{id}/team").json(r#"{"username": "fia.viewer"}"#),
        case_row(M::DELETE, "/api/v1/cases/{id}/team/{user}"),
        case_row(M::POST, "/api/v1/cases/{id}/events")
            .json(r#"{"occurred_on": "2026-01-01", "title": "Forged"}"#),
        // Legislative review: programme data of the country concerned. The review of Pakistan is
        // owned by the UN office (so its members read it), written by programme officers and the
        // country's focal points; nobody in `PEOPLE` holds a programme role.
        row(M::GET, "/programme/legal").refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[REVIEW])).refuse(
            OtherCountry,
            &["cid.admin"],
            Hides(&[REVIEW]),
        ),
        row(M::POST, "/programme/legal")
            .form(&[("country", "IQ"), ("title", "Forged review"), ("status", "in_progress")])
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/programme/legal/matrix").refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[REVIEW])).refuse(
            OtherCountry,
            &["cid.admin"],
            Hides(&[REVIEW]),
        ),
        // The matrix as CSV: no column of Pakistan ("PK <date>") for those who may not read it.
        row(M::GET, "/programme/legal/matrix")
            .query("?format=csv")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&["PK 20"]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&["PK 20"])),
        review_row(M::GET, "/programme/legal/{id}"),
        review_row(M::POST, "/programme/legal/{id}/answers")
            .form(&[("provision", "TIP-01"), ("answer", "unknown")])
            .refuse(WrongRole, &["un.admin", "overseer"], Forbidden),
        review_row(M::POST, "/programme/legal/{id}/status").form(&[("status", "validated")]).refuse(
            WrongRole,
            &["un.admin", "overseer"],
            Forbidden,
        ),
        review_row(M::GET, "/programme/legal/{id}/provisions/{provision}"),
        review_row(M::GET, "/programme/legal/{id}/csv"),
        row(M::GET, "/api/v1/programme/legal/reviews")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[REVIEW]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[REVIEW])),
        row(M::POST, "/api/v1/programme/legal/reviews")
            .json(r#"{"country": "IQ", "title": "Forged review"}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/api/v1/programme/legal/matrix")
            .query("?format=csv")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&["PK 20"]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&["PK 20"])),
        review_row(M::GET, "/api/v1/programme/legal/reviews/{id}"),
        review_row(M::POST, "/api/v1/programme/legal/reviews/{id}/answers")
            .json(r#"{"provision": "TIP-01", "answer": "unknown"}"#)
            .refuse(WrongRole, &["un.admin", "overseer"], Forbidden),
        review_row(M::PUT, "/api/v1/programme/legal/reviews/{id}/status")
            .json(r#"{"status": "validated"}"#)
            .refuse(WrongRole, &["un.admin", "overseer"], Forbidden),
        review_row(M::GET, "/api/v1/programme/legal/reviews/{id}/provisions/{provision}"),
        review_row(M::GET, "/api/v1/programme/legal/reviews/{id}/csv"),
        row(M::GET, "/api/v1/programme/legal/matrix")
            .query("?from=2026-01-01")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[REVIEW]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[REVIEW])),
        // Indicators: programme data of the country concerned, like the review. The indicator of
        // Pakistan is owned by the UN office; nobody in `PEOPLE` holds a programme role.
        row(M::GET, "/programme/indicators")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[INDICATOR]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[INDICATOR])),
        row(M::POST, "/programme/indicators")
            .form(INDICATOR_FORM)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::POST, "/programme/activities")
            .form(ACTIVITY_FORM)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::POST, "/programme/models")
            .form(&[("name", "Forged model"), ("spec", "sex: female male")])
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        model_row(M::POST, "/programme/models/{id}").form(&[("spec", "sex: female")]),
        indicator_row(M::GET, "/programme/indicators/{id}"),
        indicator_row(M::GET, "/programme/indicators/{id}/csv"),
        indicator_write_row(M::POST, "/programme/indicators/{id}/periods")
            .form(&[("start_on", "2030-01-01"), ("end_on", "2031-01-01"), ("target", "9")]),
        indicator_write_row(M::POST, "/programme/indicators/{id}/actuals")
            .form(&[("period", "{period}"), ("categories", "sex=male"), ("value", "9")]),
        indicator_write_row(M::POST, "/programme/indicators/{id}/actuals/{actual}").form(&[("value", "99")]),
        indicator_write_row(M::POST, "/programme/indicators/{id}/actuals/{actual}/workflow")
            .form(&[("action", "submit")]),
        export_row(M::GET, "/programme/exports/iati"),
        export_row(M::GET, "/programme/exports/hxl"),
        export_row(M::GET, "/programme/exports/indicators"),
        row(M::GET, "/programme")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[INDICATOR, REVIEW]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[INDICATOR, REVIEW])),
        row(M::GET, "/programme/report")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/programme/report.pdf")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/api/v1/programme/dashboard")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[INDICATOR, REVIEW]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[INDICATOR, REVIEW])),
        row(M::GET, "/api/v1/programme/indicators")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[INDICATOR]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[INDICATOR])),
        row(M::POST, "/api/v1/programme/indicators")
            .json(INDICATOR_JSON)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::POST, "/api/v1/programme/activities")
            .json(ACTIVITY_JSON)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::POST, "/api/v1/programme/disaggregation-models")
            .json(r#"{"name": "Forged model", "spec": "sex: female male"}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        model_row(M::PUT, "/api/v1/programme/disaggregation-models/{id}").json(r#"{"spec": "sex: female"}"#),
        indicator_row(M::GET, "/api/v1/programme/indicators/{id}"),
        indicator_row(M::GET, "/api/v1/programme/indicators/{id}/csv"),
        indicator_write_row(M::POST, "/api/v1/programme/indicators/{id}/periods")
            .json(r#"{"start_on": "2030-01-01", "end_on": "2031-01-01", "target": "9"}"#),
        indicator_write_row(M::POST, "/api/v1/programme/indicators/{id}/actuals")
            .json(r#"{"period": {period}, "categories": "sex=male", "value": "9"}"#),
        indicator_write_row(M::PUT, "/api/v1/programme/indicators/{id}/actuals/{actual}").json(r#"{"value": "99"}"#),
        indicator_write_row(M::POST, "/api/v1/programme/indicators/{id}/actuals/{actual}/workflow")
            .json(r#"{"action": "submit"}"#),
        export_row(M::GET, "/api/v1/programme/exports/iati"),
        export_row(M::GET, "/api/v1/programme/exports/hxl"),
        export_row(M::GET, "/api/v1/programme/exports/indicators"),
        // Partner countries and missions: programme data of the country concerned, like the
        // review; Pakistan is owned by the UN office; nobody in `PEOPLE` holds a programme role.
        row(M::GET, "/programme/countries")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[COUNTRY_LINK]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[COUNTRY_LINK])),
        row(M::POST, "/programme/countries")
            .form(&[("country", "IQ"), ("modality", "direct")])
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        country_row(M::GET, "/programme/countries/{country}", Target::Country),
        country_write_row(M::POST, "/programme/countries/{country}/profile", Target::Country)
            .form(&[("modality", "direct"), ("protocol", "Forged")]),
        country_write_row(M::POST, "/programme/countries/{country}/steps", Target::Country)
            .form(&[("stage", "ownership"), ("evidence", "Forged")]),
        country_write_row(M::POST, "/programme/countries/{country}/focal-points", Target::Country).form(&[
            ("person", "Forged"),
            ("institution", "Forged"),
            ("role", "Forged"),
            ("nominated_on", "2026-01-01"),
        ]),
        country_write_row(M::POST, "/programme/countries/{country}/stakeholders", Target::Country).form(&[
            ("name", "Forged"),
            ("prong", "vienna_mission"),
            ("influence", "5"),
            ("interest", "5"),
        ]),
        country_write_row(M::POST, "/programme/countries/{country}/log", Target::Country).form(&[
            ("kind", "meeting"),
            ("occurred_on", "2026-01-01"),
            ("who", "Forged"),
            ("summary", "Forged"),
        ]),
        country_write_row(M::POST, "/programme/countries/{country}/ownership", Target::Country).form(&[
            ("criterion", "budget_line"),
            ("status", "achieved"),
            ("evidence", "Forged"),
        ]),
        country_write_row(M::POST, "/programme/countries/{country}/missions", Target::Country).form(&[
            ("title", "Forged mission"),
            ("start_on", "2026-01-01"),
            ("end_on", "2026-01-02"),
            ("place", "Forged"),
            ("groups", "military"),
        ]),
        country_row(M::GET, "/programme/missions/{id}", Target::Mission),
        country_write_row(M::POST, "/programme/missions/{id}/needs", Target::Mission)
            .form(&[("priority", "1"), ("pillar", "protection"), ("need", "Forged need")]),
        country_write_row(M::POST, "/programme/missions/{id}/needs/{need}/activity", Target::Mission).form(&[
            ("identifier", "XX-OUT-FORGED"),
            ("reporting_org", "XX-OUT"),
            ("start_on", "2026-01-01"),
        ]),
        row(M::GET, "/api/v1/programme/countries")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&["\"PK\""]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&["\"PK\""])),
        row(M::POST, "/api/v1/programme/countries")
            .json(r#"{"country": "IQ", "modality": "direct"}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        country_row(M::GET, "/api/v1/programme/countries/{country}", Target::Country),
        country_write_row(M::PUT, "/api/v1/programme/countries/{country}/profile", Target::Country)
            .json(r#"{"modality": "direct", "protocol": "Forged"}"#),
        country_write_row(M::POST, "/api/v1/programme/countries/{country}/steps", Target::Country)
            .json(r#"{"stage": "ownership", "evidence": "Forged"}"#),
        country_write_row(M::POST, "/api/v1/programme/countries/{country}/focal-points", Target::Country)
            .json(r#"{"person": "Forged", "institution": "Forged", "role": "Forged", "nominated_on": "2026-01-01"}"#),
        country_write_row(M::POST, "/api/v1/programme/countries/{country}/stakeholders", Target::Country)
            .json(r#"{"name": "Forged", "prong": "vienna_mission", "influence": 5, "interest": 5}"#),
        country_write_row(M::POST, "/api/v1/programme/countries/{country}/log", Target::Country)
            .json(r#"{"kind": "meeting", "occurred_on": "2026-01-01", "who": "Forged", "summary": "Forged"}"#),
        country_write_row(M::POST, "/api/v1/programme/countries/{country}/ownership", Target::Country)
            .json(r#"{"criterion": "budget_line", "status": "achieved", "evidence": "Forged"}"#),
        row(M::POST, "/api/v1/programme/missions")
            .json(r#"{"country": "PK", "title": "Forged mission", "start_on": "2026-01-01", "end_on": "2026-01-02", "place": "Forged", "groups": ["military"]}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        country_row(M::GET, "/api/v1/programme/missions/{id}", Target::Mission),
        country_write_row(M::POST, "/api/v1/programme/missions/{id}/needs", Target::Mission)
            .json(r#"{"priority": 1, "pillar": "protection", "need": "Forged need"}"#),
        country_write_row(M::POST, "/api/v1/programme/missions/{id}/needs/{need}/activity", Target::Mission)
            .json(r#"{"identifier": "XX-OUT-FORGED", "reporting_org": "XX-OUT", "start_on": "2026-01-01"}"#),
        // National assessments: programme data of the country assessed, like the country itself.
        row(M::GET, "/programme/assessments")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[ASSESSMENT]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[ASSESSMENT])),
        row(M::POST, "/programme/assessments")
            .form(ASSESSMENT_FORM)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        country_row(M::GET, "/programme/assessments/{id}", Target::Assessment),
        country_write_row(M::POST, "/programme/assessments/{id}/findings", Target::Assessment)
            .form(&[("pillar", "protection"), ("finding", "Forged finding")]),
        country_write_row(M::POST, "/programme/assessments/{id}/recommendations", Target::Assessment)
            .form(&[("priority", "1"), ("pillar", "protection"), ("recommendation", "Forged recommendation")]),
        country_write_row(M::POST, "/programme/assessments/{id}/stakeholders", Target::Assessment)
            .form(&[("stakeholder", "1"), ("influence", "5"), ("interest", "5")]),
        country_write_row(M::POST, "/programme/assessments/{id}/status", Target::Assessment)
            .form(&[("status", "validated")]),
        row(M::GET, "/api/v1/programme/assessments")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[ASSESSMENT]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[ASSESSMENT])),
        row(M::POST, "/api/v1/programme/assessments")
            .json(ASSESSMENT_JSON)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        country_row(M::GET, "/api/v1/programme/assessments/{id}", Target::Assessment),
        country_write_row(M::POST, "/api/v1/programme/assessments/{id}/findings", Target::Assessment)
            .json(r#"{"pillar": "protection", "finding": "Forged finding"}"#),
        country_write_row(M::POST, "/api/v1/programme/assessments/{id}/recommendations", Target::Assessment)
            .json(r#"{"priority": 1, "pillar": "protection", "recommendation": "Forged recommendation"}"#),
        country_write_row(M::POST, "/api/v1/programme/assessments/{id}/stakeholders", Target::Assessment)
            .json(r#"{"stakeholder": 1, "influence": 5, "interest": 5}"#),
        country_write_row(M::POST, "/api/v1/programme/assessments/{id}/status", Target::Assessment)
            .json(r#"{"status": "validated"}"#),
        // Where an activity came from: the mission stays hidden from those who may not read it.
        row(M::GET, "/api/v1/programme/activities/{id}/origins")
            .target(Target::MissionActivity)
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[MISSION]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[MISSION])),
        // Workplans, activities and their checklist, trainings and mentoring: programme data of
        // Pakistan owned by the UN office, like the indicators.
        row(M::GET, "/programme/workplans")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[WORKPLAN]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[WORKPLAN])),
        row(M::POST, "/programme/workplans")
            .form(WORKPLAN_FORM)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        programme_row(M::GET, "/programme/workplans/{id}", Target::Workplan),
        programme_row(M::GET, "/programme/activities/{id}", Target::Activity),
        programme_write_row(M::POST, "/programme/activities/{id}/checklist", Target::Activity)
            .form(&[("version", "1"), ("answer-1", "yes")]),
        export_row(M::GET, "/programme/mainstreaming"),
        export_row(M::POST, "/programme/mainstreaming").form(&[("questions", "Forged question here?")]),
        row(M::GET, "/programme/trainings")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[TRAINING]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[TRAINING])),
        row(M::POST, "/programme/trainings")
            .form(TRAINING_FORM)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        programme_row(M::GET, "/programme/trainings/{id}", Target::Training),
        programme_write_row(M::POST, "/programme/trainings/{id}/participants", Target::Training).form(PARTICIPANT_FORM),
        programme_write_row(M::POST, "/programme/trainings/{id}/participants/import", Target::Training)
            .form(&[("csv", "sex,age_band,institution,sector\nmale,30-39,Forged,police\n")]),
        programme_write_row(M::POST, "/programme/trainings/{id}/trainers", Target::Training)
            .form(&[("name", "Forged trainer"), ("sex", "male"), ("institution", "Forged")]),
        programme_write_row(M::POST, "/programme/trainings/{id}/followups", Target::Training)
            .form(&[("level", "3"), ("observed_on", "2026-12-01"), ("note", "Forged follow-up")]),
        export_row(M::GET, "/programme/mentoring"),
        row(M::POST, "/programme/mentoring")
            .form(MENTORING_FORM)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        row(M::GET, "/api/v1/programme/workplans")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[WORKPLAN]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[WORKPLAN])),
        row(M::POST, "/api/v1/programme/workplans")
            .json(r#"{"country": "PK", "title": "Forged workplan", "start_on": "2026-01-01", "end_on": "2027-01-01"}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        programme_row(M::GET, "/api/v1/programme/workplans/{id}", Target::Workplan),
        programme_row(M::GET, "/api/v1/programme/activities/{id}", Target::Activity),
        programme_write_row(M::POST, "/api/v1/programme/activities/{id}/checklist", Target::Activity)
            .json(r#"{"version": 1, "answers": [{"question": 1, "answer": "yes"}]}"#),
        export_row(M::GET, "/api/v1/programme/mainstreaming"),
        export_row(M::POST, "/api/v1/programme/mainstreaming").json(r#"{"questions": "Forged question here?"}"#),
        row(M::GET, "/api/v1/programme/trainings")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[TRAINING]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[TRAINING])),
        row(M::POST, "/api/v1/programme/trainings")
            .json(r#"{"activity": {activity}, "title": "Forged training", "start_on": "2026-12-01", "last_day": "2026-12-02",
                "place": "Lahore", "capital": false, "modality": "online"}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        programme_row(M::GET, "/api/v1/programme/trainings/{id}", Target::Training),
        programme_write_row(M::POST, "/api/v1/programme/trainings/{id}/participants", Target::Training)
            .json(r#"{"sex": "male", "age_band": "30-39", "institution": "Forged", "sector": "police"}"#),
        programme_write_row(M::POST, "/api/v1/programme/trainings/{id}/participants/import", Target::Training)
            .json(r#"{"csv": "forged"}"#),
        programme_write_row(M::POST, "/api/v1/programme/trainings/{id}/trainers", Target::Training)
            .json(r#"{"name": "Forged trainer", "sex": "male", "institution": "Forged"}"#),
        programme_write_row(M::POST, "/api/v1/programme/trainings/{id}/followups", Target::Training)
            .json(r#"{"level": 3, "observed_on": "2026-12-01", "note": "Forged follow-up"}"#),
        export_row(M::GET, "/api/v1/programme/mentoring"),
        row(M::POST, "/api/v1/programme/mentoring")
            .json(r#"{"mentor": "Forged", "mentee": "Forged", "institution": "Forged", "country": "PK", "start_on": "2026-01-01"}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        // Theories of change: programme data of the country concerned, like the indicators. The
        // theory of Pakistan is owned by the UN office; nobody in `PEOPLE` holds a programme role.
        row(M::GET, "/programme/toc")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[TOC]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[TOC])),
        row(M::POST, "/programme/toc")
            .form(&[("title", "Forged theory"), ("country", "IQ")])
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        toc_row(M::GET, "/programme/toc/{id}"),
        toc_row(M::GET, "/programme/toc/{id}/diff"),
        toc_row(M::GET, "/programme/toc/{id}/diff").query("?from=1&to=1"),
        toc_row(M::GET, "/programme/toc/{id}/versions/{v}"),
        toc_row(M::GET, "/programme/toc/{id}/versions/{v}/export"),
        toc_write_row(M::POST, "/programme/toc/{id}/revise"),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/nodes")
            .form(&[("id", "X1"), ("level", "activity"), ("title", "Forged")]),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/nodes/{node}")
            .form(&[("level", "output"), ("title", "Forged")]),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/nodes/{node}/remove"),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/links")
            .form(&[("from", "A1"), ("to", "O1"), ("rationale", "Forged")]),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/links/edit")
            .form(&[("from", "A1"), ("to", "O1"), ("rationale", "Forged")]),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/links/remove").form(&[("from", "A1"), ("to", "O1")]),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/comments").form(&[("body", "Forged")]),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/workflow").form(&[("action", "submit")]),
        toc_write_row(M::POST, "/programme/toc/{id}/versions/{v}/import")
            .form(&[("format", "toml"), ("content", "[[nodes]]\nid = \"F1\"\nlevel = \"impact\"\ntitle = \"Forged\"\n")]),
        row(M::GET, "/api/v1/programme/toc")
            .refuse(WrongRole, REVIEW_WRONG_ROLE, Hides(&[TOC]))
            .refuse(OtherCountry, &["cid.admin"], Hides(&[TOC])),
        row(M::POST, "/api/v1/programme/toc")
            .json(r#"{"title": "Forged theory", "country": "IQ"}"#)
            .refuse(WrongRole, REVIEW_NOT_WRITERS, Forbidden)
            .refuse(OtherCountry, &["cid.admin"], Forbidden),
        toc_row(M::GET, "/api/v1/programme/toc/{id}"),
        toc_row(M::GET, "/api/v1/programme/toc/{id}/diff").query("?from=1&to=1"),
        toc_row(M::GET, "/api/v1/programme/toc/{id}/versions/{v}"),
        toc_row(M::GET, "/api/v1/programme/toc/{id}/versions/{v}/export").query("?format=json"),
        toc_write_row(M::POST, "/api/v1/programme/toc/{id}/revise"),
        toc_write_row(M::POST, "/api/v1/programme/toc/{id}/versions/{v}/nodes")
            .json(r#"{"id": "X1", "level": "activity", "title": "Forged"}"#),
        toc_write_row(M::PUT, "/api/v1/programme/toc/{id}/versions/{v}/nodes/{node}")
            .json(r#"{"level": "output", "title": "Forged"}"#),
        toc_write_row(M::DELETE, "/api/v1/programme/toc/{id}/versions/{v}/nodes/{node}"),
        toc_write_row(M::POST, "/api/v1/programme/toc/{id}/versions/{v}/links")
            .json(r#"{"from": "A1", "to": "O1", "rationale": "Forged"}"#),
        toc_write_row(M::PUT, "/api/v1/programme/toc/{id}/versions/{v}/links/{from}/{to}")
            .json(r#"{"rationale": "Forged"}"#),
        toc_write_row(M::DELETE, "/api/v1/programme/toc/{id}/versions/{v}/links/{from}/{to}"),
        toc_write_row(M::POST, "/api/v1/programme/toc/{id}/versions/{v}/comments").json(r#"{"body": "Forged"}"#),
        toc_write_row(M::POST, "/api/v1/programme/toc/{id}/versions/{v}/workflow").json(r#"{"action": "submit"}"#),
        toc_write_row(M::PUT, "/api/v1/programme/toc/{id}/versions/{v}/content")
            .query("?format=json")
            .json(r#"{"nodes": [{"id": "F1", "level": "impact", "title": "Forged"}]}"#),
        // Another person's job is not there (fia.inv's scan, asked for by others).
        row(M::GET, "/api/v1/jobs/{id}")
            .target(Target::Job)
            .refuse(WrongRole, &["fia.viewer", "fia.admin", "overseer"], NotFound)
            .refuse(OtherCountry, &["cid.admin", "un.admin"], NotFound),
    ]
}

/// FIA's case: its title must not show to outsiders.
const CASE: &str = "Kiln bonded labour ring";
const CASE_NAME_OF_VICTIM: &str = "Nasreen Akhtar";
/// Signed in, in the owning organisation or not, without an investigative role.
const CASE_WRONG_ROLE: &[&str] = &["fia.viewer", "overseer"];
/// Investigative roles of other organisations (another country; the operating organisation).
const CASE_FOREIGN: &[&str] = &["cid.admin", "un.admin"];
const SCREEN_JUDGEMENT_FORM: &[(&str, &str)] =
    &[("query_id", "q1"), ("list_entity_id", "wl-1"), ("verdict", "rejected")];
const WEIGHTS_FORM: &[(&str, &str)] =
    &[("seniority", "0"), ("profit", "0"), ("harm", "1"), ("reach", "0"), ("evidence", "0")];
const WEIGHTS_JSON: &str = r#"{"seniority": 0, "profit": 0, "harm": 1, "reach": 0, "evidence": 0}"#;
const CASE_FORM: &[(&str, &str)] =
    &[("reference", "FORGED-1"), ("title", "Forged case"), ("crime_type", "tip")];
const CASE_JSON: &str = r#"{"reference": "FORGED-1", "title": "Forged case", "crime_type": "tip"}"#;

/// FIA's cooperation request: its reference must not show to outsiders.
const REQUEST: &str = "MLA-FIA-2026-77";
const REQUEST_FORM: &[(&str, &str)] = &[
    ("kind", "mla"),
    ("reference", "FORGED-MLA"),
    ("requesting_authority", "Forged"),
    ("requested_country", "BD"),
    ("requested_authority", "Forged"),
    ("legal_basis", "Forged"),
    ("subject_matter", "Forged request"),
];
const REQUEST_JSON: &str = r#"{"kind": "mla", "reference": "FORGED-MLA", "requesting_authority": "Forged",
    "requested_country": "BD", "requested_authority": "Forged", "legal_basis": "Forged", "subject_matter": "Forged request"}"#;
const AUTHORITY_FORM: &[(&str, &str)] =
    &[("country", "BD"), ("name", "Forged Authority"), ("kind", "national_focal_point")];
const AUTHORITY_JSON: &str =
    r#"{"country": "BD", "name": "Forged Authority", "kind": "national_focal_point"}"#;

/// A route on FIA's request to CID: refused to the wrong roles and to a third organisation.
fn request_row(method: Method, route: &'static str) -> Row {
    row(method, route)
        .target(Target::Request)
        .forged_as("fia.inv")
        .refuse(Kind::WrongRole, CASE_WRONG_ROLE, Refused::Forbidden)
        .refuse(Kind::OtherCountry, &["un.admin"], Refused::Forbidden)
}

/// A route on FIA's case, refused to the wrong roles and to other organisations.
fn case_row(method: Method, route: &'static str) -> Row {
    row(method, route)
        .target(Target::Case)
        .forged_as("fia.inv")
        .refuse(Kind::WrongRole, CASE_WRONG_ROLE, Refused::Forbidden)
        .refuse(Kind::OtherCountry, CASE_FOREIGN, Refused::Forbidden)
}

/// The review of Pakistan: its title must not show to outsiders.
const REVIEW: &str = "Review of the 2018 Acts of Pakistan";
/// Signed in in Pakistan without a programme role, outside the owning organisation.
const REVIEW_WRONG_ROLE: &[&str] = &["fia.viewer", "fia.inv"];
/// Everyone in `PEOPLE` in Pakistan or the owning organisation: none is a programme officer or
/// a focal point.
const REVIEW_NOT_WRITERS: &[&str] = &["fia.viewer", "fia.inv", "fia.admin", "un.admin", "overseer"];

/// A route on the review of Pakistan, refused to those without a programme role in Pakistan and
/// to another country's staff.
fn review_row(method: Method, route: &'static str) -> Row {
    row(method, route)
        .target(Target::Review)
        .refuse(Kind::WrongRole, REVIEW_WRONG_ROLE, Refused::Forbidden)
        .refuse(Kind::OtherCountry, &["cid.admin"], Refused::Forbidden)
}

/// Pakistan as a partner country: its protocol and its mission must not show to outsiders.
const COUNTRY_PROTOCOL: &str = "Outsiders never read this protocol";
const MISSION: &str = "Outsiders consultative mission to Lahore";
const COUNTRY_LINK: &str = "/programme/countries/PK\"";
const ASSESSMENT: &str = "Outsiders assessment of trafficking in Pakistan";
const ASSESSMENT_FORM: &[(&str, &str)] = &[
    ("country", "PK"),
    ("kind", "som"),
    ("title", "Forged assessment"),
    ("period_start", "2025-01-01"),
    ("period_end", "2025-12-31"),
    ("methods", "interviews"),
];
const ASSESSMENT_JSON: &str = r#"{"country": "PK", "kind": "som", "title": "Forged assessment",
    "period_start": "2025-01-01", "period_end": "2025-12-31", "methods": ["interviews"]}"#;

/// A route on Pakistan's engagement data (or a mission to it), refused to those without a
/// programme role in Pakistan and to another country's staff.
fn country_row(method: Method, route: &'static str, target: Target) -> Row {
    row(method, route).target(target).refuse(Kind::WrongRole, REVIEW_WRONG_ROLE, Refused::Forbidden).refuse(
        Kind::OtherCountry,
        &["cid.admin"],
        Refused::Forbidden,
    )
}

/// A write on it: the owning organisation's members without a programme role are refused too.
fn country_write_row(method: Method, route: &'static str, target: Target) -> Row {
    country_row(method, route, target).refuse(Kind::WrongRole, &["un.admin", "overseer"], Refused::Forbidden)
}

/// The indicator of Pakistan: its title must not show to outsiders.
const INDICATOR: &str = "Kiln workers freed and assisted";
const INDICATOR_FORM: &[(&str, &str)] = &[
    ("code", "FORGED-1"),
    ("title", "Forged indicator"),
    ("definition", "Forged"),
    ("unit", "people"),
    ("measure", "count"),
    ("direction", "increase"),
    ("means_of_verification", "Forged"),
    ("frequency", "annual"),
    ("owner", "Forged"),
    ("tags", "protection"),
    ("country", "PK"),
    ("baseline_on", "2025-12-31"),
];
const INDICATOR_JSON: &str = r#"{"code": "FORGED-1", "title": "Forged indicator", "definition": "Forged",
    "unit": "people", "measure": "count", "direction": "increase", "means_of_verification": "Forged",
    "frequency": "annual", "owner": "Forged", "tags": "protection", "country": "PK", "baseline_on": "2025-12-31"}"#;
const ACTIVITY_FORM: &[(&str, &str)] = &[
    ("identifier", "XX-FORGED-1"),
    ("reporting_org", "XX-FORGED"),
    ("title", "Forged activity"),
    ("description", "Forged"),
    ("country", "PK"),
    ("start_on", "2026-01-01"),
];
const ACTIVITY_JSON: &str = r#"{"identifier": "XX-FORGED-1", "reporting_org": "XX-FORGED", "title": "Forged activity",
    "description": "Forged", "country": "PK", "start_on": "2026-01-01"}"#;
/// Programme officers and focal points only: none of `PEOPLE`.
const NO_PROGRAMME_ROLE: &[&str] = &["fia.viewer", "fia.inv", "fia.admin", "un.admin", "overseer"];

/// A route reading the indicator of Pakistan: refused to those without a programme role in
/// Pakistan and to another country's staff (the owning organisation's members read it).
fn indicator_row(method: Method, route: &'static str) -> Row {
    row(method, route)
        .target(Target::Indicator)
        .refuse(Kind::WrongRole, REVIEW_WRONG_ROLE, Refused::Forbidden)
        .refuse(Kind::OtherCountry, &["cid.admin"], Refused::Forbidden)
}

/// A route writing the indicator of Pakistan: programme officers and focal points only.
fn indicator_write_row(method: Method, route: &'static str) -> Row {
    indicator_row(method, route).refuse(Kind::WrongRole, &["un.admin", "overseer"], Refused::Forbidden)
}

/// Changing `un.po`'s disaggregation model: programme officers only.
fn model_row(method: Method, route: &'static str) -> Row {
    row(method, route)
        .target(Target::Model)
        .refuse(Kind::WrongRole, NO_PROGRAMME_ROLE, Refused::Forbidden)
        .refuse(Kind::OtherCountry, &["cid.admin"], Refused::Forbidden)
}

/// The workplan of Pakistan and its training: their titles must not show to outsiders.
const WORKPLAN: &str = "Pakistan kiln workplan";
const TRAINING: &str = "Kiln inspectors course";
const WORKPLAN_FORM: &[(&str, &str)] =
    &[("country", "PK"), ("title", "Forged workplan"), ("start_on", "2026-01-01"), ("end_on", "2027-01-01")];
const TRAINING_FORM: &[(&str, &str)] = &[
    ("activity", "{activity}"),
    ("title", "Forged training"),
    ("start_on", "2026-12-01"),
    ("last_day", "2026-12-02"),
    ("place", "Lahore"),
    ("modality", "online"),
];
const PARTICIPANT_FORM: &[(&str, &str)] =
    &[("sex", "male"), ("age_band", "30-39"), ("institution", "Forged"), ("sector", "police")];
const MENTORING_FORM: &[(&str, &str)] = &[
    ("mentor", "Forged mentor"),
    ("mentee", "Forged mentee"),
    ("institution", "Forged"),
    ("country", "PK"),
    ("start_on", "2026-01-01"),
];

/// A route reading the workplan of Pakistan, its activity or its training: refused to those
/// without a programme role in Pakistan and to another country's staff.
fn programme_row(method: Method, route: &'static str, target: Target) -> Row {
    row(method, route).target(target).refuse(Kind::WrongRole, REVIEW_WRONG_ROLE, Refused::Forbidden).refuse(
        Kind::OtherCountry,
        &["cid.admin"],
        Refused::Forbidden,
    )
}

/// A route writing them: programme officers and focal points only.
fn programme_write_row(method: Method, route: &'static str, target: Target) -> Row {
    programme_row(method, route, target).refuse(
        Kind::WrongRole,
        &["un.admin", "overseer"],
        Refused::Forbidden,
    )
}

/// The exports: for programme staff only (what they contain is then filtered per record).
fn export_row(method: Method, route: &'static str) -> Row {
    row(method, route).refuse(Kind::WrongRole, NO_PROGRAMME_ROLE, Refused::Forbidden).refuse(
        Kind::OtherCountry,
        &["cid.admin"],
        Refused::Forbidden,
    )
}

/// The theory of change of Pakistan: its title must not show to outsiders.
const TOC: &str = "Pakistan against trafficking, the outsiders theory";

/// A route reading the theory of change of Pakistan: refused to those without a programme role
/// in Pakistan and to another country's staff (the owning organisation's members read it).
fn toc_row(method: Method, route: &'static str) -> Row {
    row(method, route)
        .target(Target::Toc)
        .refuse(Kind::WrongRole, REVIEW_WRONG_ROLE, Refused::Forbidden)
        .refuse(Kind::OtherCountry, &["cid.admin"], Refused::Forbidden)
}

/// A route writing the theory of change of Pakistan: programme officers and focal points only.
fn toc_write_row(method: Method, route: &'static str) -> Row {
    toc_row(method, route).refuse(Kind::WrongRole, &["un.admin", "overseer"], Refused::Forbidden)
}

/// FIA's financial-flows dataset: its name must not show to outsiders.
const DATASET: &str = "FIA money trail 2017";
/// FIA's entity-resolution run and its list.
const MATCH_RUN: &str = "FIA suspects dedupe";
/// The name of the watch list FIA screened against (shown to FIA's investigators only).
const SCREEN_LIST: &str = "FIA private watch list";
/// The epoch of FIA's blind index (shown to those who may read it, and to no one else).
const HIT_EPOCH: &str = "2029-Q3";
/// A peer's shared index that FIA's index is compared with ({hit} is replaced by FIA's value).
const HIT_PEER_CSV: &str =
    "organisation,epoch,kind,value,protocol\nPeer Agency,2029-Q3,phone,{hit},praxis/hit-no-hit/v2\n";
/// The key holder's seed of the world's deployment.
const HIT_SEED: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
const MATCH_LIST: &str = "id,name,phone\n1,Mohammad Ali Khan,0300 1234567\n2,محمد علی خان,+92 300 1234567\n3,Bilal Ahmed,0333 7654321\n";
const DATASET_CSV: &str = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,1,3,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
2,2,3,TRANSFER,200.00,2017-01-01T00:00:00Z,False,-1
3,3,4,TRANSFER,75.00,2017-01-01T00:00:00Z,False,-1
";

/// Endpoints open to everyone, and why. (`public_endpoints_answer_everyone` checks they do.)
const PUBLIC: &[(&str, &str, &str)] = &[
    ("GET", "/healthz", "probed by load balancers; says only ok or unavailable"),
    ("GET", "/api/v1/openapi.json", "the description of the API, no data"),
    ("GET", "/login", "where outsiders are sent to sign in"),
    ("POST", "/login", "signing in itself (CSRF-protected and throttled)"),
    ("POST", "/language", "choosing a language before signing in (CSRF-protected)"),
    ("GET", "/assets/praxis.css", "embedded stylesheet"),
    ("GET", "/assets/favicon.svg", "embedded icon"),
    ("GET", "/assets/fonts/{name}", "embedded fonts (Noto, OFL)"),
    ("GET", "/assets/fonts/LICENSE-OFL.txt", "the fonts' licence"),
];

/// The people of `world()`, each signed in once with a browser and a personal token.
const PEOPLE: [&str; 6] = ["un.admin", "fia.admin", "fia.inv", "fia.viewer", "cid.admin", "overseer"];

struct Ctx {
    t: TestApp,
    w: World,
    browsers: HashMap<&'static str, Browser>,
    tokens: HashMap<&'static str, String>,
    /// The id of `fia.admin`'s token `tokens["fia.admin"]`.
    victim_token_id: i64,
    /// For [`Kind::SecondFactor`]: a browser that owes `fia.inv`'s second factor.
    half_signed_in: Option<Browser>,
    /// FIA's dataset ([`DATASET`]).
    dataset_id: i64,
    /// `fia.inv`'s scan of it.
    job_id: i64,
    /// FIA's case ([`CASE`]), its subject and its victim.
    case_id: i64,
    subject_id: i64,
    person_id: i64,
    /// A summary share of FIA's case with an adviser outside the table's outsiders.
    share_id: i64,
    /// FIA's request to CID ([`REQUEST`]), its document, and a directory entry.
    request_id: i64,
    doc_id: i64,
    authority_id: i64,
    /// Its evidence item, that item's file and a line of inquiry.
    item_id: i64,
    file_id: i64,
    inquiry_id: i64,
    /// The review of Pakistan ([`REVIEW`]).
    review_id: i64,
    /// The indicator of Pakistan ([`INDICATOR`]), its period and actual, and the model.
    indicator_id: i64,
    period_id: i64,
    actual_id: i64,
    model_id: i64,
    /// FIA's entity-resolution run ([`MATCH_RUN`]).
    match_run_id: i64,
    /// FIA's screening run (against [`SCREEN_LIST`]).
    screen_run_id: i64,
    /// FIA's blind index ([`HIT_EPOCH`]) and a hit on it.
    hit_index_id: i64,
    hit_id: i64,
    /// The mission to Pakistan ([`MISSION`]), a need of it not yet planned, and the activity
    /// made of another.
    mission_id: i64,
    need_id: i64,
    mission_activity_id: i64,
    /// The assessment of Pakistan ([`ASSESSMENT`]).
    assessment_id: i64,
    /// The workplan of Pakistan ([`WORKPLAN`]), its activity and the activity's training.
    workplan_id: i64,
    activity_id: i64,
    training_id: i64,
    /// The theory of change of Pakistan ([`TOC`]).
    toc_id: i64,
}

/// What a refused request must leave as it was.
#[derive(PartialEq)]
struct Snapshot {
    orgs: Value,
    users: Value,
    audit_head: i64,
    victim_token_works: bool,
}

/// A personal access token made through the account page of a signed-in browser.
async fn new_token(b: &Browser) -> String {
    let res = b.post_form("/account/tokens", &[("name", "outsiders"), ("expires_in_days", "30")]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    extract_between(&html, "id=\"new-token\"><bdi dir=\"ltr\">", "</bdi>").expect("token shown once")
}

async fn api_get(t: &TestApp, token: &str, path: &str) -> Response {
    reqwest::Client::new().get(t.url(path)).bearer_auth(token).send().await.unwrap()
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The `code` of an API error body, checking the body has the documented shape.
fn api_error_code(body: &str) -> Result<String, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e}): {body}"))?;
    let message = v["error"]["message"].as_str().unwrap_or_default();
    match v["error"]["code"].as_str() {
        Some(code) if !message.is_empty() => Ok(code.to_owned()),
        _ => Err(format!("not an API error body: {body}")),
    }
}

fn snippet(body: &str) -> String {
    body.chars().take(300).collect()
}

impl Ctx {
    async fn new() -> Ctx {
        let hit = praxis_app::HitConfig {
            key_seed: Some(praxis_app::HitSeed::from_hex(HIT_SEED).unwrap()),
            ..Default::default()
        };
        let t = crate::spawn_config(praxis_store::Backend::Sqlite, crate::relaxed(), hit).await;
        let w = world(&t).await;
        let mut browsers = HashMap::new();
        let mut tokens = HashMap::new();
        for name in PEOPLE {
            let b = t.signed_in(name).await;
            tokens.insert(name, new_token(&b).await);
            browsers.insert(name, b);
        }
        let res = api_get(&t, &tokens["fia.admin"], "/api/v1/tokens").await;
        let list: Value = res.json().await.unwrap();
        let victim_token_id = list[0]["id"].as_i64().expect("fia.admin has a token");
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/flows/datasets?name={}&format=amlsim", urlencode(DATASET))))
            .bearer_auth(&tokens["fia.inv"])
            .body(DATASET_CSV)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "FIA's dataset");
        let dataset_id = res.json::<Value>().await.unwrap()["dataset"].as_i64().unwrap();
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/flows/datasets/{dataset_id}/scan")))
            .bearer_auth(&tokens["fia.inv"])
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 202, "fia.inv's scan");
        let job_id = res.json::<Value>().await.unwrap()["job"].as_i64().unwrap();
        let post = |path: String, body: Value| {
            let req = reqwest::Client::new().post(t.url(&path)).bearer_auth(&tokens["fia.inv"]).json(&body);
            async move {
                let res = req.send().await.unwrap();
                assert_eq!(res.status(), 201, "{path}");
                res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
            }
        };
        let case_id = post(
            "/api/v1/cases".into(),
            serde_json::json!({"reference": "FIA/2026/7", "title": CASE, "crime_type": "tip"}),
        )
        .await;
        let subject_id = post(
            format!("/api/v1/cases/{case_id}/subjects"),
            serde_json::json!({"name": "Kiln owner", "network_role": "exploiter"}),
        )
        .await;
        let person_id = post(
            format!("/api/v1/cases/{case_id}/persons"),
            serde_json::json!({"kind": "victim", "identity": {"full_name": CASE_NAME_OF_VICTIM}}),
        )
        .await;
        t.user(w.un, "ext.adviser", &["adviser"]).await;
        let share_id = post(
            format!("/api/v1/cases/{case_id}/shares"),
            serde_json::json!({"username": "ext.adviser", "scope": "summary"}),
        )
        .await;
        let inquiry_id = post(
            format!("/api/v1/cases/{case_id}/inquiries"),
            serde_json::json!({"kind": "financial", "title": "Trace the advances"}),
        )
        .await;
        let item_id = post(
            format!("/api/v1/cases/{case_id}/evidence"),
            serde_json::json!({"kind": "documentary", "description": "Kiln ledger", "source": "Raid",
                "obtained_on": "2026-03-04", "inquiry": inquiry_id}),
        )
        .await;
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/cases/{case_id}/evidence/{item_id}/files?file_name=ledger.txt")))
            .bearer_auth(&tokens["fia.inv"])
            .body("Advances: 9 families")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the ledger's file");
        let file_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let request_id = post(
            "/api/v1/cooperation/requests".into(),
            serde_json::json!({"kind": "mla", "reference": REQUEST, "requesting_authority": "Ministry of Interior",
                "requested_country": "BD", "requested_authority": "Ministry of Home Affairs",
                "requested_org": w.cid.0, "legal_basis": "UNTOC art. 18", "subject_matter": "Agency bank records"}),
        )
        .await;
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/cooperation/requests/{request_id}/documents?file_name=letter.txt")))
            .bearer_auth(&tokens["fia.inv"])
            .body("Letter of request")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the request's document");
        let doc_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let res = reqwest::Client::new()
            .post(t.url("/api/v1/cooperation/authorities"))
            .bearer_auth(&tokens["un.admin"])
            .json(&serde_json::json!({"country": "BD", "name": "Ministry of Home Affairs", "kind": "central_authority_mla"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the directory entry");
        let authority_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        // A programme officer of the UN office (not one of `PEOPLE`) starts the review of Pakistan.
        t.user(w.un, "un.po", &["programme_officer"]).await;
        let po = t.token("un.po").await;
        let res = reqwest::Client::new()
            .post(t.url("/api/v1/programme/legal/reviews"))
            .bearer_auth(&po)
            .json(&serde_json::json!({"country": "PK", "title": REVIEW}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the review of Pakistan");
        let review_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        // And an indicator of Pakistan with a model, a period and an actual.
        let po_post = |path: &'static str, body: Value| {
            let req = reqwest::Client::new().post(t.url(path)).bearer_auth(&po).json(&body);
            async move {
                let res = req.send().await.unwrap();
                assert_eq!(res.status(), 201, "{path}");
                res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
            }
        };
        let model_id = po_post(
            "/api/v1/programme/disaggregation-models",
            serde_json::json!({"name": "Outsiders model", "spec": "sex: female male"}),
        )
        .await;
        let indicator_id = po_post(
            "/api/v1/programme/indicators",
            serde_json::json!({"code": "PK-OUT-1", "title": INDICATOR, "definition": "Workers freed from kilns",
                "unit": "people", "measure": "count", "direction": "increase", "means_of_verification": "Raid reports",
                "frequency": "annual", "owner": "UN Office", "tags": "protection", "country": "PK",
                "model": model_id, "baseline_on": "2025-12-31", "baseline": "0"}),
        )
        .await;
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/programme/indicators/{indicator_id}/periods")))
            .bearer_auth(&po)
            .json(&serde_json::json!({"start_on": "2026-01-01", "end_on": "2027-01-01", "target": "40"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the indicator's period");
        let period_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/programme/indicators/{indicator_id}/actuals")))
            .bearer_auth(&po)
            .json(&serde_json::json!({"period": period_id, "categories": "sex=female", "value": "12"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the indicator's actual");
        let actual_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let res = reqwest::Client::new()
            .post(t.url("/api/v1/match/runs"))
            .bearer_auth(&tokens["fia.inv"])
            .json(&serde_json::json!({"title": MATCH_RUN, "kind": "dedupe", "id_column": "id",
                "mapping": "full_name=name, phone=phone", "left_csv": MATCH_LIST}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 202, "FIA's match run");
        let started = res.json::<Value>().await.unwrap();
        let match_run_id = started["run"].as_i64().unwrap();
        let match_job = started["job"].as_i64().unwrap();
        for _ in 0..200 {
            let job: Value = api_get(&t, &tokens["fia.inv"], &format!("/api/v1/jobs/{match_job}"))
                .await
                .json()
                .await
                .unwrap();
            if job["status"] != "running" {
                assert_eq!(job["status"], "stored", "{job}");
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // FIA's kept screening run.
        let res = reqwest::Client::new()
            .post(t.url("/api/v1/match/screen"))
            .bearer_auth(&tokens["fia.inv"])
            .json(&serde_json::json!({"list": "{\"id\": \"wl-1\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Mohammad Ali Khan\"]}}\n",
                "list_name": SCREEN_LIST, "queries": "id,name\nq1,Muhammad Ali Khan\n", "id_column": "id",
                "mapping": "full_name=name"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "FIA's screening");
        let screen_run_id = res.json::<Value>().await.unwrap()["run"].as_i64().unwrap();
        // FIA's blind index (a phone of its case), final, and a hit from a peer's index.
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/cases/{case_id}/entities")))
            .bearer_auth(&tokens["fia.inv"])
            .json(&serde_json::json!({"schema": "Person", "properties": {"name": ["Kiln manager"], "phone": ["0300 7654321"]}}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "an entity with a phone");
        let res = reqwest::Client::new()
            .post(t.url("/api/v1/hit/indexes"))
            .bearer_auth(&tokens["fia.inv"])
            .json(&serde_json::json!({"epoch": HIT_EPOCH, "evaluate_here": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 202, "FIA's index");
        let started = res.json::<Value>().await.unwrap();
        let hit_index_id = started["index"].as_i64().unwrap();
        let hit_job = started["job"].as_i64().unwrap();
        for _ in 0..200 {
            let job: Value = api_get(&t, &tokens["fia.inv"], &format!("/api/v1/jobs/{hit_job}"))
                .await
                .json()
                .await
                .unwrap();
            if job["status"] != "running" {
                assert_eq!(job["status"], "stored", "{job}");
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let shared = api_get(&t, &tokens["fia.inv"], &format!("/api/v1/hit/indexes/{hit_index_id}/shared"))
            .await
            .text()
            .await
            .unwrap();
        // organisation,epoch,kind,value,protocol
        let value = shared.lines().nth(1).and_then(|l| l.split(',').nth(3)).expect("an entry").to_owned();
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/hit/indexes/{hit_index_id}/peers")))
            .bearer_auth(&tokens["fia.inv"])
            .body(HIT_PEER_CSV.replace("{hit}", &value))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "compared");
        let hits: Value = api_get(&t, &tokens["fia.inv"], "/api/v1/hit/hits").await.json().await.unwrap();
        let hit_id = hits[0]["id"].as_i64().expect("a hit");
        // And Pakistan as a partner country, with a mission and two needs, one made an activity.
        let res = reqwest::Client::new()
            .post(t.url("/api/v1/programme/countries"))
            .bearer_auth(&po)
            .json(&serde_json::json!({"country": "PK", "modality": "joint", "protocol": COUNTRY_PROTOCOL}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "Pakistan as a partner country");
        let mission_id = po_post(
            "/api/v1/programme/missions",
            serde_json::json!({"country": "PK", "title": MISSION, "start_on": "2025-03-03", "end_on": "2025-03-10",
                "place": "Lahore", "groups": ["law_enforcement"]}),
        )
        .await;
        let need = |text: &'static str| {
            let req = reqwest::Client::new()
                .post(t.url(&format!("/api/v1/programme/missions/{mission_id}/needs")))
                .bearer_auth(&po)
                .json(&serde_json::json!({"priority": 1, "pillar": "protection", "need": text}));
            async move {
                let res = req.send().await.unwrap();
                assert_eq!(res.status(), 201, "a need");
                res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
            }
        };
        let need_id = need("Referral between police and shelters").await;
        let planned = need("Training of prosecutors").await;
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/programme/missions/{mission_id}/needs/{planned}/activity")))
            .bearer_auth(&po)
            .json(&serde_json::json!({"identifier": "XX-OUT-PAK-1", "reporting_org": "XX-OUT", "start_on": "2026-01-01"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the need made an activity");
        let mission_activity_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        // A TIP assessment of Pakistan, in progress (so that validation is a real step).
        let assessment_id = po_post(
            "/api/v1/programme/assessments",
            serde_json::json!({"country": "PK", "kind": "tip", "title": ASSESSMENT, "period_start": "2025-01-01",
                "period_end": "2025-12-31", "methods": ["desk_review"], "planned_on": "2025-09-01"}),
        )
        .await;
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/programme/assessments/{assessment_id}/status")))
            .bearer_auth(&po)
            .json(&serde_json::json!({"status": "in_progress", "on": "2025-10-01"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the assessment in progress");
        // A workplan of Pakistan with an activity, the checklist, and a training with a participant.
        let workplan_id = po_post(
            "/api/v1/programme/workplans",
            serde_json::json!({"country": "PK", "title": WORKPLAN, "start_on": "2026-01-01", "end_on": "2028-01-01"}),
        )
        .await;
        let activity_id = po_post(
            "/api/v1/programme/activities",
            serde_json::json!({"identifier": "XX-OUT-1", "reporting_org": "XX-OUT", "title": "Kiln inspections",
                "description": "Inspections", "country": "PK", "start_on": "2026-02-01", "workplan": workplan_id,
                "output": "O3.1", "area": "PK-PB", "place": "Kasur", "capital": false}),
        )
        .await;
        let res = reqwest::Client::new()
            .post(t.url("/api/v1/programme/mainstreaming"))
            .bearer_auth(&po)
            .json(&serde_json::json!({"questions": "Were women consulted?"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the checklist");
        let training_id = po_post(
            "/api/v1/programme/trainings",
            serde_json::json!({"activity": activity_id, "title": TRAINING, "start_on": "2026-03-01",
                "last_day": "2026-03-03", "place": "Kasur", "capital": false, "modality": "in_person"}),
        )
        .await;
        let res = reqwest::Client::new()
            .post(t.url(&format!("/api/v1/programme/trainings/{training_id}/participants")))
            .bearer_auth(&po)
            .json(&serde_json::json!({"sex": "female", "age_band": "30-39", "institution": "Labour Department", "sector": "labour"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "the participant");
        // And a theory of change of Pakistan: a draft with two nodes and a link.
        let toc_id =
            po_post("/api/v1/programme/toc", serde_json::json!({"title": TOC, "country": "PK"})).await;
        let toc_post = |path: String, body: Value| {
            let req = reqwest::Client::new().post(t.url(&path)).bearer_auth(&po).json(&body);
            async move {
                let res = req.send().await.unwrap();
                assert_eq!(res.status(), 201, "{path}");
            }
        };
        let base = format!("/api/v1/programme/toc/{toc_id}/versions/1");
        toc_post(
            format!("{base}/nodes"),
            serde_json::json!({"id": "A1", "level": "activity", "title": "Courses"}),
        )
        .await;
        toc_post(
            format!("{base}/nodes"),
            serde_json::json!({"id": "O1", "level": "output", "title": "Officers trained"}),
        )
        .await;
        toc_post(
            format!("{base}/links"),
            serde_json::json!({"from": "A1", "to": "O1", "rationale": "Skills"}),
        )
        .await;
        Ctx {
            hit_index_id,
            hit_id,
            match_run_id,
            screen_run_id,
            mission_id,
            need_id,
            mission_activity_id,
            assessment_id,
            workplan_id,
            activity_id,
            training_id,
            toc_id,
            indicator_id,
            period_id,
            actual_id,
            model_id,
            share_id,
            request_id,
            doc_id,
            authority_id,
            item_id,
            file_id,
            inquiry_id,
            t,
            w,
            browsers,
            tokens,
            victim_token_id,
            half_signed_in: None,
            dataset_id,
            job_id,
            case_id,
            subject_id,
            person_id,
            review_id,
        }
    }

    /// Enrols `fia.inv` in the second factor, then signs in with the password only.
    async fn with_half_signed_in(mut self) -> Ctx {
        enrol_totp(&self.browsers["fia.inv"]).await;
        let b = self.t.browser();
        let res = b.login("fia.inv", crate::PASSWORD).await;
        assert_eq!(res.headers()["location"], "/login/totp");
        self.half_signed_in = Some(b);
        self
    }

    fn user_id(&self, name: &str) -> i64 {
        let w = &self.w;
        match name {
            "un.admin" => w.un_admin.0,
            "fia.admin" => w.fia_admin.0,
            "fia.inv" => w.fia_inv.0,
            "fia.viewer" => w.fia_viewer.0,
            "cid.admin" => w.cid_admin.0,
            "overseer" => w.overseer.0,
            other => panic!("no user {other} in the world"),
        }
    }

    fn org_id(&self, name: &str) -> i64 {
        match name {
            "un" => self.w.un.0,
            "fia" => self.w.fia.0,
            "cid" => self.w.cid.0,
            other => panic!("no organisation {other} in the world"),
        }
    }

    fn org_of(&self, user: &str) -> i64 {
        self.org_id(user.split('.').next().filter(|o| *o != "overseer").unwrap_or("un"))
    }

    /// Replaces `{un}`, `{fia}` and `{cid}` by the organisations' ids, `{dataset}` by FIA's dataset.
    fn fill(&self, s: &str) -> String {
        ["un", "fia", "cid"]
            .iter()
            .fold(s.to_owned(), |s, o| s.replace(&format!("{{{o}}}"), &self.org_id(o).to_string()))
            .replace("{dataset}", &self.dataset_id.to_string())
            .replace("{period}", &self.period_id.to_string())
            .replace("{activity}", &self.activity_id.to_string())
    }

    fn path(&self, row: &Row) -> String {
        let id = match row.target {
            Target::Nothing => None,
            Target::User(u) => Some(self.user_id(u)),
            Target::Org(o) => Some(self.org_id(o)),
            Target::VictimToken => Some(self.victim_token_id),
            Target::Dataset => Some(self.dataset_id),
            Target::Job => Some(self.job_id),
            Target::Case => Some(self.case_id),
            Target::Request => Some(self.request_id),
            Target::Authority => Some(self.authority_id),
            Target::Review => Some(self.review_id),
            Target::Indicator => Some(self.indicator_id),
            Target::Model => Some(self.model_id),
            Target::MatchRun => Some(self.match_run_id),
            Target::ScreenRun => Some(self.screen_run_id),
            Target::HitIndex => Some(self.hit_index_id),
            Target::Hit => Some(self.hit_id),
            Target::Country => None,
            Target::Mission => Some(self.mission_id),
            Target::MissionActivity => Some(self.mission_activity_id),
            Target::Assessment => Some(self.assessment_id),
            Target::Workplan => Some(self.workplan_id),
            Target::Activity => Some(self.activity_id),
            Target::Training => Some(self.training_id),
            Target::Toc => Some(self.toc_id),
        };
        let route = match id {
            Some(id) => row.route.replace("{id}", &id.to_string()),
            None => row.route.to_owned(),
        };
        let route = route
            .replace("{subject}", &self.subject_id.to_string())
            .replace("{person}", &self.person_id.to_string())
            .replace("{item}", &self.item_id.to_string())
            .replace("{doc}", &self.doc_id.to_string())
            .replace("{share}", &self.share_id.to_string())
            .replace("{file}", &self.file_id.to_string())
            .replace("{inquiry}", &self.inquiry_id.to_string())
            .replace("{user}", &self.user_id("fia.inv").to_string())
            .replace("{provision}", "TIP-01")
            .replace("{country}", "PK")
            .replace("{need}", &self.need_id.to_string())
            .replace("{actual}", &self.actual_id.to_string())
            .replace("{v}", "1")
            .replace("{node}", "O1")
            .replace("{from}", "A1")
            .replace("{to}", "O1");
        format!("{route}{}", self.fill(row.query))
    }

    async fn send(&self, row: &Row, who: Who, path: &str) -> Response {
        if row.is_api() {
            let client = match who {
                Who::CookieOnly(u) => self.browsers[u].client.clone(),
                _ => reqwest::Client::new(),
            };
            let mut req = client.request(row.method.clone(), self.t.url(path));
            match who {
                Who::BogusToken => req = req.bearer_auth("prx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                Who::User(u) => req = req.bearer_auth(&self.tokens[u]),
                _ => {}
            }
            if !row.json.is_empty() {
                req = req.header("content-type", "application/json").body(self.fill(row.json));
            }
            return req.send().await.unwrap();
        }
        let fresh;
        let browser = match who {
            Who::User(u) | Who::Forged(u) => &self.browsers[u],
            Who::HalfSignedIn => self.half_signed_in.as_ref().expect("a half-signed-in browser"),
            _ => {
                fresh = self.t.browser();
                &fresh
            }
        };
        let values: Vec<(&str, String)> = row.form.iter().map(|(k, v)| (*k, self.fill(v))).collect();
        let fields: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        match who {
            _ if row.method == Method::GET => browser.get(path).await,
            Who::Forged(_) => browser.post_raw(path, &fields).await,
            _ => browser.post_form(path, &fields).await,
        }
    }

    /// Checks that the answer is the refusal expected.
    async fn check(
        &self,
        res: Response,
        refused: Refused,
        who: Who,
        path: &str,
        api: bool,
    ) -> Result<(), String> {
        let status = res.status().as_u16();
        let header =
            |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let (location, www_auth, content_type) =
            (header("location"), header("www-authenticate"), header("content-type"));
        let body = res.text().await.unwrap_or_default();
        let want = |expected: u16| {
            if status == expected {
                Ok(())
            } else {
                Err(format!("answered {status}, expected {expected}: {}", snippet(&body)))
            }
        };
        let redirect = |to: &str| {
            want(303)?;
            if location == to {
                Ok(())
            } else {
                Err(format!("redirected to {location:?}, expected {to:?}"))
            }
        };
        let code = |expected: &str| match api_error_code(&body)? {
            c if c == expected => Ok(()),
            c => Err(format!("API error code {c:?}, expected {expected:?}")),
        };
        match refused {
            Refused::ToLogin => redirect(&format!("/login?next={}", urlencode(path))),
            Refused::ToLoginPlain => redirect("/login"),
            Refused::Redirect(to) => redirect(to),
            Refused::Unauthenticated => {
                want(401)?;
                code("unauthenticated")?;
                if www_auth == "Bearer" {
                    Ok(())
                } else {
                    Err(format!("WWW-Authenticate is {www_auth:?}"))
                }
            }
            Refused::Forbidden if api => want(403).and_then(|_| code("forbidden")),
            Refused::Forbidden => {
                want(403)?;
                if content_type.starts_with("text/html") {
                    Ok(())
                } else {
                    Err(format!("403 is not an HTML page: {content_type}"))
                }
            }
            Refused::Csrf => want(403),
            Refused::NotFound if api => want(404).and_then(|_| code("not_found")),
            Refused::NotFound => want(404),
            Refused::Hides(names) => {
                want(200)?;
                match names.iter().find(|n| body.contains(**n)) {
                    Some(n) => Err(format!("shows {n:?}, which is not the caller's to see")),
                    None => Ok(()),
                }
            }
            Refused::OwnAuditOnly => {
                want(200)?;
                let Who::User(user) = who else { unreachable!("audit lists are read by users") };
                let own = self.org_of(user);
                if api {
                    let entries: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
                    let entries = entries.as_array().ok_or("not a list")?;
                    match entries.iter().find(|e| e["actor_org_id"].as_i64() != Some(own)) {
                        Some(e) => Err(format!("shows another organisation's entry: {e}")),
                        None if entries.is_empty() => Err("no entries at all".into()),
                        None => Ok(()),
                    }
                } else {
                    let users = self.t.app.list_users(&Caller::Cli, None).await.unwrap();
                    match users.iter().find(|u| u.org_id != own && body.contains(&format!(">user {}<", u.id)))
                    {
                        Some(u) => {
                            Err(format!("shows entries of {}, another organisation's user", u.username))
                        }
                        None => Ok(()),
                    }
                }
            }
        }
    }

    async fn snapshot(&self) -> Snapshot {
        let app = &self.t.app;
        let orgs = app.list_orgs(&Caller::Cli).await.unwrap();
        let users = app.list_users(&Caller::Cli, None).await.unwrap();
        // A refusal may be recorded (refused reveals of an identity are); nothing else may be.
        let recent = app.list_audit(&Caller::Cli, None, 50).await.unwrap();
        let head: Vec<_> = recent.into_iter().filter(|e| e.outcome != "denied").take(1).collect();
        let me = api_get(&self.t, &self.tokens["fia.admin"], "/api/v1/me").await;
        Snapshot {
            orgs: serde_json::to_value(orgs).unwrap(),
            users: serde_json::to_value(users).unwrap(),
            audit_head: head.first().map_or(0, |e| e.seq),
            victim_token_works: me.status() == 200,
        }
    }

    /// What changed between two snapshots, for the failure message.
    async fn changes(&self, before: &Snapshot, after: &Snapshot) -> String {
        let mut out = Vec::new();
        if before.orgs != after.orgs {
            out.push(format!("organisations {} -> {}", before.orgs, after.orgs));
        }
        if before.users != after.users {
            let (b, a) = (before.users.as_array().unwrap(), after.users.as_array().unwrap());
            let changed: Vec<String> =
                a.iter().filter(|u| !b.contains(u)).map(|u| u["username"].to_string()).collect();
            out.push(format!("users changed or added: {}", changed.join(", ")));
        }
        if before.audit_head != after.audit_head {
            let recent = self.t.app.list_audit(&Caller::Cli, None, 50).await.unwrap();
            let actions: Vec<&str> =
                recent.iter().filter(|e| e.seq > before.audit_head).map(|e| e.action.as_str()).collect();
            out.push(format!("new audit entries: {}", actions.join(", ")));
        }
        if before.victim_token_works != after.victim_token_works {
            out.push("fia.admin's token stopped working".into());
        }
        out.join("; ")
    }
}

/// Sends every request of one kind of outsider and collects every way it was not refused.
async fn refuse(kind: Kind) {
    let ctx = Ctx::new().await;
    let ctx = if kind == Kind::SecondFactor { ctx.with_half_signed_in().await } else { ctx };
    let mut failures = Vec::new();
    let mut checked = 0;
    for row in table() {
        for (who, refused) in row.refusals(kind) {
            let path = ctx.path(&row);
            let what = format!("{} {path} as {who:?}", row.method);
            let before = ctx.snapshot().await;
            let res = ctx.send(&row, who, &path).await;
            if let Err(e) = ctx.check(res, refused, who, &path, row.is_api()).await {
                failures.push(format!("{what}: {e}"));
            }
            let after = ctx.snapshot().await;
            if before != after {
                failures
                    .push(format!("{what}: refused, yet it changed {}", ctx.changes(&before, &after).await));
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no refusals of kind {kind:?} in the table");
    assert!(failures.is_empty(), "{} of {checked} refusals failed:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_session_or_token_is_refused() {
    refuse(Kind::NoSession).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_forms_are_refused() {
    refuse(Kind::Forged).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wrong_role_is_refused() {
    refuse(Kind::WrongRole).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_jurisdiction_is_refused() {
    refuse(Kind::OtherCountry).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_administrators_cannot_manage_organisations_or_lift_themselves() {
    refuse(Kind::OrgAdmin).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_owing_its_second_factor_is_refused() {
    refuse(Kind::SecondFactor).await;
}

/// Someone who knows only the password (and so may choose the login page's language) does not
/// change the account: the choice stays in their browser's cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_owing_its_second_factor_does_not_change_the_account() {
    let t = spawn().await;
    let w = world(&t).await;
    enrol_totp(&t.signed_in("fia.inv").await).await;
    let b = t.browser();
    assert_eq!(b.login("fia.inv", crate::PASSWORD).await.headers()["location"], "/login/totp");
    let before = t.app.list_audit(&Caller::Cli, None, 1).await.unwrap()[0].seq;
    let res = b.post_form("/language", &[("locale", "ar"), ("back", "/login/totp")]).await;
    assert_eq!(res.status(), 303);
    assert!(b.get("/login/totp").await.text().await.unwrap().contains("<html lang=\"ar\""));
    let user = t.app.get_user(&Caller::Cli, w.fia_inv).await.unwrap();
    assert_eq!(user.locale.tag(), "en", "the account's language was changed without the second factor");
    let after = t.app.list_audit(&Caller::Cli, None, 1).await.unwrap()[0].seq;
    assert_eq!(before, after, "a write was recorded for a session without its second factor");
}

/// Someone at an unlocked browser must not be able to lock its owner out: setting a new password
/// asks for the current one (as `/account/password` does), whatever form it is posted to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_alone_cannot_set_a_new_password() {
    let t = spawn().await;
    let w = world(&t).await;
    let b = t.signed_in("fia.inv").await;
    let path = format!("/admin/users/{}/password", w.fia_inv);
    let res = b.post_form(&path, &[("password", NEW_PASSWORD)]).await;
    assert_eq!(res.status(), 403, "{path} set fia.inv's password without the current one");
    assert_eq!(
        t.browser().login("fia.inv", crate::PASSWORD).await.status(),
        303,
        "the old password no longer works"
    );
}

/// Turns on the second factor for the browser's user, through the account pages.
async fn enrol_totp(b: &Browser) {
    let html = b.post_form("/account/totp", &[]).await.text().await.unwrap();
    let secret =
        extract_between(&html, "id=\"totp-secret\"><bdi dir=\"ltr\">", "</bdi>").expect("secret shown");
    let code = praxis_app::auth::totp_code_now(&secret).unwrap();
    assert_eq!(b.post_form("/account/totp/confirm", &[("code", &code)]).await.status(), 200);
}

/// The method and path of every `.route("PATH", …)` in `source`.
pub(crate) fn registered(source: &str, prefix: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (start, call) in source.match_indices(".route(") {
        let args = &source[start + call.len()..];
        let mut depth = 1;
        let end = args
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("a closed .route( call");
        let args = &args[..end];
        let path = args.split('"').nth(1).expect("a route path literal");
        let methods: Vec<&str> = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter(|m| {
                args.match_indices(&format!("{m}("))
                    .any(|(i, _)| !args[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            })
            .collect();
        assert!(!methods.is_empty(), "no method found for route {path}");
        for m in methods {
            out.push((m.to_uppercase(), format!("{prefix}{path}")));
        }
    }
    out
}

#[test]
fn every_route_is_covered() {
    let mut routes = registered(include_str!("../../src/pages/mod.rs"), "");
    routes.extend(registered(include_str!("../../src/api/mod.rs"), "/api/v1"));
    routes.extend(registered(include_str!("../../src/lib.rs"), ""));
    routes.extend(registered(include_str!("../../src/assets.rs"), ""));
    assert!(routes.len() >= 50, "the route parser found only {}: {routes:?}", routes.len());

    let tested: BTreeSet<(String, String)> =
        table().iter().map(|r| (r.method.as_str().to_owned(), r.route.to_owned())).collect();
    let public: BTreeSet<(String, String)> =
        PUBLIC.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let untested: Vec<String> = routes
        .iter()
        .filter(|r| !tested.contains(*r) && !public.contains(*r))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(untested.is_empty(), "routes without an outsider test (add a row to `table()`): {untested:?}");

    // And the other way round: no row or public entry names a route that no longer exists.
    let all: BTreeSet<(String, String)> = routes.into_iter().collect();
    let stale: Vec<String> =
        tested.union(&public).filter(|r| !all.contains(*r)).map(|(m, p)| format!("{m} {p}")).collect();
    assert!(stale.is_empty(), "rows for routes that are not registered: {stale:?}");
    assert!(tested.is_disjoint(&public), "a route is both public and tested as refusing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_endpoints_answer_everyone() {
    let t = spawn().await;
    world(&t).await;
    let b = t.browser();
    for (method, path, why) in PUBLIC {
        assert!(!why.is_empty());
        let res = match (*method, *path) {
            ("GET", "/assets/fonts/{name}") => b.get("/assets/fonts/NotoSans-Regular.woff2").await,
            ("GET", _) => b.get(path).await,
            ("POST", "/login") => b.login("un.admin", "not-the-password-at-all").await,
            ("POST", "/language") => b.post_form(path, &[("locale", "ru"), ("back", "/login")]).await,
            other => panic!("no request for public endpoint {other:?}"),
        };
        let expected = match (*method, *path) {
            ("POST", "/login") => 401, // wrong password: the form again, no session
            ("POST", "/language") => 303,
            _ => 200,
        };
        assert_eq!(res.status(), expected, "{method} {path}");
    }
    assert!(b.cookie("praxis_session").is_none(), "no public endpoint signs anyone in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_users_token_and_session_stop_working() {
    let t = spawn().await;
    let w = world(&t).await;
    let b = t.signed_in("fia.inv").await;
    let token = new_token(&b).await;
    assert_eq!(api_get(&t, &token, "/api/v1/me").await.status(), 200);

    t.app.set_disabled(&Caller::Cli, w.fia_inv, true).await.unwrap();
    let res = api_get(&t, &token, "/api/v1/me").await;
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert_eq!(api_error_code(&res.text().await.unwrap()).unwrap(), "unauthenticated");
    let res = b.get("/account").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Faccount");
    // Signing in again is refused too.
    assert_eq!(t.browser().login("fia.inv", crate::PASSWORD).await.status(), 401);

    // Re-enabled, the token works again (it was never revoked); the session stays ended.
    t.app.set_disabled(&Caller::Cli, w.fia_inv, false).await.unwrap();
    assert_eq!(api_get(&t, &token, "/api/v1/me").await.status(), 200);
    assert_eq!(b.get("/account").await.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_organisations_tokens_stop_working() {
    let t = spawn().await;
    let w = world(&t).await;
    let token = t.token("fia.inv").await;
    let fia = t.app.get_org(&Caller::Cli, w.fia).await.unwrap();
    let input = praxis_app::NewOrgInput {
        name: fia.name,
        kind: fia.kind.as_str().into(),
        jurisdiction: fia.jurisdiction,
        platform_operator: false,
    };
    t.app.update_org(&Caller::Cli, w.fia, &input, true).await.unwrap();
    let res = api_get(&t, &token, "/api/v1/me").await;
    assert_eq!(res.status(), 401);
    assert_eq!(api_error_code(&res.text().await.unwrap()).unwrap(), "unauthenticated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_stops_working() {
    let t = spawn().await;
    world(&t).await;
    let b = t.signed_in("fia.inv").await;
    let (by_page, by_api) = (new_token(&b).await, new_token(&b).await);
    let list: Value = api_get(&t, &by_page, "/api/v1/tokens").await.json().await.unwrap();
    let id_of = |token: &str| {
        let prefix: String = token.chars().take(10).collect();
        list.as_array().unwrap().iter().find(|x| x["prefix"] == prefix.as_str()).unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (page_id, api_id) = (id_of(&by_page), id_of(&by_api));

    // Revoked on the account page.
    let res = b.post_form(&format!("/account/tokens/{page_id}/revoke"), &[]).await;
    assert_eq!(res.status(), 303);
    let res = api_get(&t, &by_page, "/api/v1/me").await;
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");

    // Revoking it again through the API finds nothing to revoke; a token may revoke itself.
    let res = reqwest::Client::new()
        .delete(t.url(&format!("/api/v1/tokens/{page_id}")))
        .bearer_auth(&by_api)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "a revoked token is not revoked twice");
    let res = reqwest::Client::new()
        .delete(t.url(&format!("/api/v1/tokens/{api_id}")))
        .bearer_auth(&by_api)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = api_get(&t, &by_api, "/api/v1/tokens").await;
    assert_eq!(res.status(), 401);
    assert_eq!(api_error_code(&res.text().await.unwrap()).unwrap(), "unauthenticated");
}

//! Theories of change, national (one country) or regional: versioned and reviewed.
//!
//! A theory has numbered versions. Version 1 starts as an empty draft; a draft (or a returned
//! version) is edited node by node and link by link, or replaced whole by an imported TOML or
//! JSON file; every edit is checked by `praxis_programme::toc` (stable node ids, no downward
//! link, no cycle, a rationale on every link) so that a stored version is always valid. A draft
//! is submitted for review (`in_review`); reviewers comment on the version, a node or a link; a
//! programme officer who did not submit it approves it or returns it with a note. An approved
//! version never changes: a revision is a new draft copied from it. [`App::toc_diff`] compares
//! two versions field by field.
//!
//! A theory is programme data ([`RecordKind::ProgrammeData`]) whose jurisdiction is its country
//! (none for a regional one): programme staff of that country and of international organisations
//! read it; programme officers (of the owning or an international organisation) and the country's
//! focal points edit, comment and submit it. Every write is audited and recorded in the theory's
//! history (who changed what, when).

use std::collections::{BTreeMap, HashMap};

use praxis_model::{Jurisdiction, OrgId, Role, UserId};
use praxis_programme::toc::file::{self, Format};
use praxis_programme::toc::{self as engine, Level, Link, Node, NodeId, Scope, TheoryOfChange, Warning};
use praxis_programme::Tags;
use praxis_store::{AuditEvent, NewToc, NewTocComment, TocLinkRow, TocNodeRow, TocRow, TocVersionRow};
use serde::{Deserialize, Serialize};

use crate::policy::{authorize, decide, Action, Caller, RecordKind, RecordRef};
use crate::validate::{invalid, text};
use crate::{App, AppError};

/// The record type under which theories of change are audited.
pub const TOC: &str = "toc";

/// The statuses of a version.
pub const STATUSES: [&str; 4] = ["draft", "in_review", "returned", "approved"];

/// What can happen to a version under review (and its submission).
pub const ACTIONS: [&str; 3] = ["submit", "approve", "return"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewTocInput {
    pub title: String,
    /// ISO 3166-1 alpha-2 of a national theory.
    #[serde(default)]
    pub country: Option<String>,
    /// The region of a regional theory ("South and West Asia and the Middle East").
    #[serde(default)]
    pub region: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NodeInput {
    /// Stable id (`O3.1`): letters, digits, `-`, `.`, `_`. Ignored when editing (the path names
    /// the node).
    #[serde(default)]
    pub id: String,
    /// activity, output, outcome, impact.
    pub level: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Space-separated pillar and theme codes.
    #[serde(default)]
    pub tags: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LinkInput {
    pub from: String,
    pub to: String,
    pub rationale: String,
    /// One per line.
    #[serde(default)]
    pub assumptions: String,
    /// One per line.
    #[serde(default)]
    pub risks: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CommentInput {
    pub body: String,
    /// A node id, to comment on that node.
    #[serde(default)]
    pub node: Option<String>,
    /// `from` and `to` of a link, to comment on that link.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct WorkflowInput {
    /// submit, approve, return.
    pub action: String,
    /// Why, for a return (required then).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ImportInput {
    /// toml or json.
    pub format: String,
    pub content: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocSummary {
    pub id: i64,
    pub title: String,
    /// national or regional.
    pub scope: String,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub region: Option<String>,
    pub owner_org: i64,
    pub owner_org_name: String,
    pub latest_version: u32,
    pub latest_status: String,
    /// The newest approved version, if any.
    pub approved_version: Option<u32>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct VersionSummary {
    pub version: u32,
    pub status: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<i64>,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NodeView {
    pub id: String,
    /// activity, output, outcome, impact.
    pub level: String,
    pub title: String,
    pub description: String,
    /// Pillar and theme codes.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkView {
    pub from: String,
    pub to: String,
    pub rationale: String,
    pub assumptions: Vec<String>,
    pub risks: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: i64,
    pub node: Option<String>,
    pub link_from: Option<String>,
    pub link_to: Option<String>,
    pub body: String,
    pub author: Option<String>,
    pub created_at: i64,
}

/// One entry of the history: who did what to which version, node or link, when.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub version: u32,
    /// create, add_node, edit_node, remove_node, add_link, edit_link, remove_link, import,
    /// submit, approve, return, comment, revise.
    pub action: String,
    pub target: String,
    pub note: String,
    pub actor: Option<String>,
    pub at: i64,
}

/// What the caller may do on the version shown.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TocPermissions {
    pub edit: bool,
    pub comment: bool,
    pub submit: bool,
    /// Approve or return (a programme officer who did not submit it).
    pub decide: bool,
    /// Start a new draft from the latest approved version.
    pub revise: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocVersionView {
    pub toc: TocSummary,
    pub versions: Vec<VersionSummary>,
    pub version: VersionSummary,
    /// Bottom-up (activities first), then by id.
    pub nodes: Vec<NodeView>,
    pub links: Vec<LinkView>,
    /// What a reviewer should look at (a node leading nowhere…), in English.
    pub warnings: Vec<String>,
    pub comments: Vec<CommentView>,
    /// The theory's history, newest first.
    pub history: Vec<EventView>,
    pub permissions: TocPermissions,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeChange {
    pub id: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkChange {
    pub from: String,
    pub to: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffView {
    pub toc: TocSummary,
    pub versions: Vec<VersionSummary>,
    pub from: u32,
    pub to: u32,
    pub nodes_added: Vec<NodeView>,
    pub nodes_removed: Vec<NodeView>,
    pub nodes_changed: Vec<NodeChange>,
    pub links_added: Vec<LinkView>,
    pub links_removed: Vec<LinkView>,
    pub links_changed: Vec<LinkChange>,
    /// The nodes and links of both versions together (for one diagram that marks the change).
    pub nodes: Vec<NodeView>,
    pub links: Vec<LinkView>,
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

fn node_view(n: &TocNodeRow) -> NodeView {
    NodeView {
        id: n.key.clone(),
        level: n.level.clone(),
        title: n.title.clone(),
        description: n.description.clone(),
        tags: n.tags.split_whitespace().map(str::to_owned).collect(),
    }
}

fn link_view(l: &TocLinkRow) -> LinkView {
    LinkView {
        from: l.from.clone(),
        to: l.to.clone(),
        rationale: l.rationale.clone(),
        assumptions: lines(&l.assumptions),
        risks: lines(&l.risks),
    }
}

fn node_row(n: &Node) -> TocNodeRow {
    TocNodeRow {
        key: n.id.to_string(),
        level: n.level.code().into(),
        title: n.title.clone(),
        description: n.description.clone(),
        tags: n.tags.codes(),
    }
}

fn link_row(l: &Link) -> TocLinkRow {
    TocLinkRow {
        from: l.from.to_string(),
        to: l.to.to_string(),
        rationale: l.rationale.clone(),
        assumptions: l.assumptions.join("\n"),
        risks: l.risks.join("\n"),
    }
}

fn level_order(level: &str) -> usize {
    Level::parse(level).map(|l| l as usize).unwrap_or(usize::MAX)
}

fn sort_nodes(nodes: &mut [NodeView]) {
    nodes.sort_by(|a, b| (level_order(&a.level), &a.id).cmp(&(level_order(&b.level), &b.id)));
}

fn version_summary(v: &TocVersionRow) -> VersionSummary {
    VersionSummary {
        version: v.version,
        status: v.status.clone(),
        created_by: v.created_by_name.clone(),
        created_at: v.created_at,
        submitted_by: v.submitted_by_name.clone(),
        submitted_at: v.submitted_at,
        decided_by: v.decided_by_name.clone(),
        decided_at: v.decided_at,
    }
}

fn editable(status: &str) -> bool {
    matches!(status, "draft" | "returned")
}

fn scope_of(t: &TocRow) -> Scope {
    match t.country.as_deref().and_then(|c| Jurisdiction::parse(c).ok()) {
        Some(j) => Scope::National(j),
        None => Scope::Regional(t.region.clone().unwrap_or_default()),
    }
}

fn node_id(field: &'static str, s: &str) -> Result<NodeId, AppError> {
    NodeId::parse(s.trim()).map_err(|e| invalid(field, e.to_string()))
}

fn level(s: &str) -> Result<Level, AppError> {
    Level::parse(s.trim()).ok_or_else(|| {
        invalid(
            "level",
            format!(
                "{:?} is not one of {}",
                s.trim(),
                Level::ALL.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

fn tags(s: &str) -> Result<Tags, AppError> {
    Tags::parse_codes(s).map_err(|unknown| invalid("tags", format!("unknown codes: {}", unknown.join(", "))))
}

/// The engine's nodes and links of stored rows (stored rows were valid when written).
fn engine_content(nodes: &[TocNodeRow], links: &[TocLinkRow]) -> (Vec<Node>, Vec<Link>) {
    let nodes = nodes
        .iter()
        .filter_map(|n| {
            Some(Node {
                id: NodeId::parse(&n.key).ok()?,
                level: Level::parse(&n.level)?,
                title: n.title.clone(),
                description: n.description.clone(),
                tags: Tags::parse_codes(&n.tags).unwrap_or_default(),
            })
        })
        .collect();
    let links = links
        .iter()
        .filter_map(|l| {
            Some(Link {
                from: NodeId::parse(&l.from).ok()?,
                to: NodeId::parse(&l.to).ok()?,
                rationale: l.rationale.clone(),
                assumptions: lines(&l.assumptions),
                risks: lines(&l.risks),
            })
        })
        .collect();
    (nodes, links)
}

/// Builds a version with the engine; the first refusal names the field of the node or link
/// (for an edit of a link, a downward link is the fault of its `to`).
fn build(
    scope: Scope,
    version: u32,
    nodes: Vec<Node>,
    links: Vec<Link>,
) -> Result<(TheoryOfChange, Vec<Warning>), AppError> {
    build_for(scope, version, nodes, links, false)
}

fn build_for(
    scope: Scope,
    version: u32,
    nodes: Vec<Node>,
    links: Vec<Link>,
    link_edit: bool,
) -> Result<(TheoryOfChange, Vec<Warning>), AppError> {
    TheoryOfChange::build(scope, version, nodes, links).map_err(|errors| {
        let e = &errors[0];
        let field = match e.field() {
            "level" if link_edit => "to",
            f => f,
        };
        invalid(field, e.to_string())
    })
}

fn warning_text(w: &Warning) -> String {
    match w {
        Warning::LeadsNowhere(n) => format!("{n} leads nowhere"),
        Warning::NothingLeadsTo(n) => format!("nothing leads to {n}"),
        Warning::NoImpact => "there is no impact".into(),
    }
}

fn link_target(from: &str, to: &str) -> String {
    format!("{from}→{to}")
}

/// One theory with its versions, loaded.
struct Loaded {
    toc: TocRow,
    record: RecordRef,
    versions: Vec<TocVersionRow>,
}

impl Loaded {
    fn version(&self, v: u32) -> Result<&TocVersionRow, AppError> {
        self.versions.iter().find(|x| x.version == v).ok_or(AppError::NotFound("version"))
    }

    fn latest(&self) -> Option<&TocVersionRow> {
        self.versions.last()
    }
}

impl App {
    fn toc_record(t: &TocRow) -> RecordRef {
        let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(t.owner_org));
        r.jurisdiction = t.country.as_deref().and_then(|c| Jurisdiction::parse(c).ok());
        r
    }

    async fn load_toc(&self, caller: &Caller, id: i64, action: Action) -> Result<Loaded, AppError> {
        let toc = self.store.get_toc(id).await?.ok_or(AppError::NotFound("theory of change"))?;
        let record = Self::toc_record(&toc);
        authorize(caller, action, &record)?;
        let versions = self.store.toc_versions(id).await?;
        Ok(Loaded { toc, record, versions })
    }

    async fn toc_org_names(&self) -> Result<HashMap<OrgId, String>, AppError> {
        Ok(self.store.list_orgs().await?.into_iter().map(|o| (o.id, o.name)).collect())
    }

    fn toc_summary(t: &TocRow, versions: &[TocVersionRow], orgs: &HashMap<OrgId, String>) -> TocSummary {
        let latest = versions.last();
        TocSummary {
            id: t.id,
            title: t.title.clone(),
            scope: if t.country.is_some() { "national" } else { "regional" }.into(),
            country: t.country.clone(),
            country_name: t.country.as_deref().and_then(|c| Jurisdiction::parse(c).ok()).map(|j| j.name()),
            region: t.region.clone(),
            owner_org: t.owner_org.0,
            owner_org_name: orgs.get(&t.owner_org).cloned().unwrap_or_default(),
            latest_version: latest.map(|v| v.version).unwrap_or(0),
            latest_status: latest.map(|v| v.status.clone()).unwrap_or_default(),
            approved_version: versions.iter().rev().find(|v| v.status == "approved").map(|v| v.version),
            updated_at: t.updated_at,
        }
    }

    /// The theories of change the caller may read, by title.
    pub async fn tocs(&self, caller: &Caller) -> Result<Vec<TocSummary>, AppError> {
        let orgs = self.toc_org_names().await?;
        let mut out = Vec::new();
        for t in self.store.list_tocs().await? {
            if decide(caller, Action::Read, &Self::toc_record(&t)).allowed {
                let versions = self.store.toc_versions(t.id).await?;
                out.push(Self::toc_summary(&t, &versions, &orgs));
            }
        }
        Ok(out)
    }

    /// Whether the caller may start a theory of change (for their own country, or regional).
    pub fn may_create_toc(&self, caller: &Caller) -> bool {
        match caller {
            Caller::Cli => false,
            Caller::User(actor) => {
                let mut r = RecordRef::new(RecordKind::ProgrammeData, Some(actor.org.id));
                r.jurisdiction = Some(actor.org.jurisdiction.country());
                decide(caller, Action::Create, &r).allowed
            }
        }
    }

    /// Starts a theory of change with an empty draft version 1, owned by the caller's
    /// organisation. Exactly one of `country` (national) and `region` (regional).
    pub async fn create_toc(&self, caller: &Caller, input: &NewTocInput) -> Result<i64, AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("a theory of change is started by a person signed in".into()));
        };
        let country = input.country.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let region = input.region.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let mut record = RecordRef::new(RecordKind::ProgrammeData, Some(actor.org.id));
        let (country, region) = match (country, region) {
            (Some(_), Some(_)) => {
                return Err(invalid("region", "give a country (national) or a region (regional), not both"))
            }
            (None, None) => {
                return Err(invalid("country", "give a country (national) or a region (regional)"))
            }
            (Some(c), None) => {
                let j = Jurisdiction::parse(c).map_err(|e| invalid("country", e.to_string()))?;
                if j.country() != j {
                    return Err(invalid(
                        "country",
                        format!("{c} is a subdivision; give the country ({})", j.country()),
                    ));
                }
                record.jurisdiction = Some(j.clone());
                (Some(j.code().to_owned()), None)
            }
            (None, Some(r)) => (None, Some(text("region", r, 2, 200, false)?)),
        };
        authorize(caller, Action::Create, &record)?;
        let title = text("title", &input.title, 3, 200, false)?;
        let new = NewToc { title, country, region, owner_org: actor.org.id, created_by: Some(actor.user_id) };
        let by = Some(actor.user_id);
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_toc(&new).await?;
        tx.insert_toc_version(id, 1, "draft", by).await?;
        tx.insert_toc_event(id, 1, "create", "", &new.title, by).await?;
        tx.audit(
            AuditEvent::new("toc.create", TOC, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "country": new.country, "region": new.region })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    fn toc_permissions(caller: &Caller, l: &Loaded, v: &TocVersionRow) -> TocPermissions {
        let write = decide(caller, Action::Write, &l.record).allowed;
        let latest = l.latest().map(|x| x.version) == Some(v.version);
        TocPermissions {
            edit: write && editable(&v.status),
            comment: write && v.status != "approved",
            submit: write && editable(&v.status),
            decide: write && v.status == "in_review" && Self::may_decide(caller, v).is_ok(),
            revise: write && latest && v.status == "approved",
        }
    }

    /// Approval and return: a programme officer who did not submit the version.
    fn may_decide(caller: &Caller, v: &TocVersionRow) -> Result<(), AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("a version is approved by a programme officer signed in".into()));
        };
        if !actor.has(Role::ProgrammeOfficer) {
            return Err(AppError::Denied("a version is approved or returned by a programme officer".into()));
        }
        if v.submitted_by == Some(actor.user_id) {
            return Err(AppError::Denied(
                "the person who submitted a version cannot approve or return it".into(),
            ));
        }
        Ok(())
    }

    /// The latest version of a theory (its current state).
    pub async fn toc(&self, caller: &Caller, id: i64) -> Result<TocVersionView, AppError> {
        let l = self.load_toc(caller, id, Action::Read).await?;
        let v = l.latest().ok_or(AppError::NotFound("version"))?.version;
        self.toc_version_view(caller, l, v).await
    }

    /// One version of a theory: its nodes and links, comments, the history and what the caller
    /// may do.
    pub async fn toc_version(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
    ) -> Result<TocVersionView, AppError> {
        let l = self.load_toc(caller, id, Action::Read).await?;
        self.toc_version_view(caller, l, version).await
    }

    async fn toc_version_view(
        &self,
        caller: &Caller,
        l: Loaded,
        version: u32,
    ) -> Result<TocVersionView, AppError> {
        let v = l.version(version)?.clone();
        let (nodes, links) = self.store.toc_content(v.id).await?;
        let (en, el) = engine_content(&nodes, &links);
        let warnings = match TheoryOfChange::build(scope_of(&l.toc), v.version, en, el) {
            Ok((_, w)) => w.iter().map(warning_text).collect(),
            Err(e) => e.iter().map(|e| e.to_string()).collect(),
        };
        let mut node_views: Vec<NodeView> = nodes.iter().map(node_view).collect();
        sort_nodes(&mut node_views);
        let comments = self
            .store
            .toc_comments(v.id)
            .await?
            .into_iter()
            .map(|c| CommentView {
                id: c.id,
                node: c.node,
                link_from: c.link_from,
                link_to: c.link_to,
                body: c.body,
                author: c.author_name,
                created_at: c.created_at,
            })
            .collect();
        let mut history: Vec<EventView> = self
            .store
            .toc_events(l.toc.id)
            .await?
            .into_iter()
            .map(|e| EventView {
                version: e.version,
                action: e.action,
                target: e.target,
                note: e.note,
                actor: e.actor_name,
                at: e.at,
            })
            .collect();
        history.reverse();
        let orgs = self.toc_org_names().await?;
        Ok(TocVersionView {
            toc: Self::toc_summary(&l.toc, &l.versions, &orgs),
            versions: l.versions.iter().map(version_summary).collect(),
            version: version_summary(&v),
            permissions: Self::toc_permissions(caller, &l, &v),
            nodes: node_views,
            links: links.iter().map(link_view).collect(),
            warnings,
            comments,
            history,
        })
    }

    /// Loads an editable version for writing, with its content in the engine's terms.
    async fn editable_version(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
    ) -> Result<(Loaded, TocVersionRow, Vec<Node>, Vec<Link>), AppError> {
        let l = self.load_toc(caller, id, Action::Write).await?;
        let v = l.version(version)?.clone();
        if !editable(&v.status) {
            return Err(invalid(
                "version",
                format!(
                    "version {} is {}: only a draft or a returned version can be changed",
                    v.version, v.status
                ),
            ));
        }
        let (nodes, links) = self.store.toc_content(v.id).await?;
        let (n, k) = engine_content(&nodes, &links);
        Ok((l, v, n, k))
    }

    /// Writes the new content of a version (already validated by the engine), its history entry
    /// and audit entry, refusing if the version stopped being editable.
    #[allow(clippy::too_many_arguments)]
    async fn write_content(
        &self,
        caller: &Caller,
        l: &Loaded,
        v: &TocVersionRow,
        toc: &TheoryOfChange,
        action: &str,
        target: &str,
        note: &str,
    ) -> Result<(), AppError> {
        let nodes: Vec<TocNodeRow> = toc.nodes().map(node_row).collect();
        let links: Vec<TocLinkRow> = toc.links().map(link_row).collect();
        let mut tx = self.store.begin_write().await?;
        if !tx.toc_version_status(v.id).await?.is_some_and(|s| editable(&s)) {
            return Err(AppError::Conflict("a newer decision on this version"));
        }
        tx.replace_toc_content(v.id, &nodes, &links).await?;
        tx.insert_toc_event(l.toc.id, v.version, action, target, note, caller.user_id().map(UserId)).await?;
        tx.audit(
            AuditEvent::new(format!("toc.{action}"), TOC, l.toc.id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "version": v.version, "target": target })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    fn node_of(input: &NodeInput, id: NodeId) -> Result<Node, AppError> {
        Ok(Node {
            id,
            level: level(&input.level)?,
            title: text("title", &input.title, 1, 300, false)?,
            description: text("description", &input.description, 0, 5000, true)?,
            tags: tags(&input.tags)?,
        })
    }

    /// Adds a node to a draft.
    pub async fn add_toc_node(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        input: &NodeInput,
    ) -> Result<(), AppError> {
        let (l, v, mut nodes, links) = self.editable_version(caller, id, version).await?;
        let node = Self::node_of(input, node_id("id", &input.id)?)?;
        if nodes.iter().any(|n| n.id == node.id) {
            return Err(invalid("id", format!("node {} already exists in this version", node.id)));
        }
        let key = node.id.to_string();
        nodes.push(node);
        let (toc, _) = build(scope_of(&l.toc), v.version, nodes, links)?;
        self.write_content(caller, &l, &v, &toc, "add_node", &key, "").await
    }

    /// Changes a node of a draft (its id stays).
    pub async fn edit_toc_node(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        node: &str,
        input: &NodeInput,
    ) -> Result<(), AppError> {
        let (l, v, mut nodes, links) = self.editable_version(caller, id, version).await?;
        let key = node_id("id", node)?;
        let pos = nodes.iter().position(|n| n.id == key).ok_or(AppError::NotFound("node"))?;
        let new = Self::node_of(input, key.clone())?;
        let changed = engine::node_fields_changed(&nodes[pos], &new);
        if changed.is_empty() {
            return Err(invalid("title", "nothing changed"));
        }
        nodes[pos] = new;
        let (toc, _) = build(scope_of(&l.toc), v.version, nodes, links)?;
        self.write_content(caller, &l, &v, &toc, "edit_node", key.as_str(), &changed.join(", ")).await
    }

    /// Removes a node from a draft, with the links to and from it.
    pub async fn remove_toc_node(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        node: &str,
    ) -> Result<(), AppError> {
        let (l, v, mut nodes, mut links) = self.editable_version(caller, id, version).await?;
        let key = node_id("id", node)?;
        let before = nodes.len();
        nodes.retain(|n| n.id != key);
        if nodes.len() == before {
            return Err(AppError::NotFound("node"));
        }
        let dropped: Vec<String> = links
            .iter()
            .filter(|k| k.from == key || k.to == key)
            .map(|k| link_target(k.from.as_str(), k.to.as_str()))
            .collect();
        links.retain(|k| k.from != key && k.to != key);
        let (toc, _) = build(scope_of(&l.toc), v.version, nodes, links)?;
        self.write_content(caller, &l, &v, &toc, "remove_node", key.as_str(), &dropped.join(", ")).await
    }

    fn link_of(input: &LinkInput) -> Result<Link, AppError> {
        Ok(Link {
            from: node_id("from", &input.from)?,
            to: node_id("to", &input.to)?,
            rationale: text("rationale", &input.rationale, 1, 5000, true)?,
            assumptions: lines(&text("assumptions", &input.assumptions, 0, 5000, true)?),
            risks: lines(&text("risks", &input.risks, 0, 5000, true)?),
        })
    }

    /// Adds a causal link to a draft.
    pub async fn add_toc_link(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        input: &LinkInput,
    ) -> Result<(), AppError> {
        let (l, v, nodes, mut links) = self.editable_version(caller, id, version).await?;
        let link = Self::link_of(input)?;
        if links.iter().any(|k| k.from == link.from && k.to == link.to) {
            return Err(invalid("to", format!("the link {} → {} already exists", link.from, link.to)));
        }
        let target = link_target(link.from.as_str(), link.to.as_str());
        links.push(link);
        let (toc, _) = build_for(scope_of(&l.toc), v.version, nodes, links, true)?;
        self.write_content(caller, &l, &v, &toc, "add_link", &target, "").await
    }

    /// Changes the rationale, assumptions or risks of a link of a draft.
    pub async fn edit_toc_link(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        input: &LinkInput,
    ) -> Result<(), AppError> {
        let (l, v, nodes, mut links) = self.editable_version(caller, id, version).await?;
        let new = Self::link_of(input)?;
        let pos = links
            .iter()
            .position(|k| k.from == new.from && k.to == new.to)
            .ok_or(AppError::NotFound("link"))?;
        let changed = engine::link_fields_changed(&links[pos], &new);
        if changed.is_empty() {
            return Err(invalid("rationale", "nothing changed"));
        }
        let target = link_target(new.from.as_str(), new.to.as_str());
        links[pos] = new;
        let (toc, _) = build(scope_of(&l.toc), v.version, nodes, links)?;
        self.write_content(caller, &l, &v, &toc, "edit_link", &target, &changed.join(", ")).await
    }

    /// Removes a link from a draft.
    pub async fn remove_toc_link(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        from: &str,
        to: &str,
    ) -> Result<(), AppError> {
        let (l, v, nodes, mut links) = self.editable_version(caller, id, version).await?;
        let (from, to) = (node_id("from", from)?, node_id("to", to)?);
        let before = links.len();
        links.retain(|k| !(k.from == from && k.to == to));
        if links.len() == before {
            return Err(AppError::NotFound("link"));
        }
        let (toc, _) = build(scope_of(&l.toc), v.version, nodes, links)?;
        self.write_content(caller, &l, &v, &toc, "remove_link", &link_target(from.as_str(), to.as_str()), "")
            .await
    }

    /// Replaces the whole content of a draft by a TOML or JSON file: whole or nothing, every
    /// problem named by field (and line).
    pub async fn import_toc(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        input: &ImportInput,
    ) -> Result<(), AppError> {
        let (l, v, _, _) = self.editable_version(caller, id, version).await?;
        let format = Format::parse(&input.format).ok_or_else(|| {
            invalid("format", format!("{:?} is not one of toml, json", input.format.trim()))
        })?;
        if input.content.len() > 1 << 20 {
            return Err(invalid("content", "a file of at most 1 MiB"));
        }
        let (nodes, links) = file::read(&input.content, format)
            .map_err(|errors| AppError::ImportRefused(errors.iter().map(|e| e.to_string()).collect()))?;
        if nodes.is_empty() {
            return Err(AppError::ImportRefused(vec!["nodes: the file has no node".into()]));
        }
        for n in &nodes {
            if n.title.chars().count() > 300 {
                return Err(AppError::ImportRefused(vec![format!(
                    "nodes.{}.title: must be at most 300 characters",
                    n.id
                )]));
            }
        }
        let toc = TheoryOfChange::build(scope_of(&l.toc), v.version, nodes, links)
            .map_err(|errors| {
                AppError::ImportRefused(errors.iter().map(|e| format!("{}: {e}", e.path())).collect())
            })?
            .0;
        let note =
            format!("{} nodes, {} links ({})", toc.nodes().count(), toc.links().count(), format.code());
        self.write_content(caller, &l, &v, &toc, "import", "", &note).await
    }

    /// A version as a TOML or JSON file: (file name, content type, text).
    pub async fn export_toc(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        format: &str,
    ) -> Result<(String, &'static str, String), AppError> {
        let l = self.load_toc(caller, id, Action::Read).await?;
        let v = l.version(version)?;
        let format = Format::parse(format)
            .ok_or_else(|| invalid("format", format!("{:?} is not one of toml, json", format.trim())))?;
        let (nodes, links) = self.store.toc_content(v.id).await?;
        let (n, k) = engine_content(&nodes, &links);
        let (toc, _) = build(scope_of(&l.toc), v.version, n, k)?;
        let body = file::write(&toc, format);
        let ct = match format {
            Format::Toml => "application/toml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        };
        Ok((format!("toc-{id}-v{}.{}", v.version, format.code()), ct, body))
    }

    /// A reviewer's comment on a version (not an approved one), optionally on a node or a link.
    pub async fn comment_toc(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        input: &CommentInput,
    ) -> Result<i64, AppError> {
        let l = self.load_toc(caller, id, Action::Write).await?;
        let v = l.version(version)?.clone();
        if v.status == "approved" {
            return Err(invalid(
                "version",
                format!("version {} is approved: comment on a revision", v.version),
            ));
        }
        let body = text("body", &input.body, 1, 5000, true)?;
        let (nodes, links) = self.store.toc_content(v.id).await?;
        let nonempty =
            |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let node = nonempty(&input.node);
        let link = match (nonempty(&input.from), nonempty(&input.to)) {
            (Some(f), Some(t)) => Some((f, t)),
            (None, None) => None,
            (None, _) => return Err(invalid("from", "a comment on a link needs both ends")),
            (_, None) => return Err(invalid("to", "a comment on a link needs both ends")),
        };
        if node.is_some() && link.is_some() {
            return Err(invalid("node", "comment on a node or on a link, not both"));
        }
        if let Some(n) = &node {
            if !nodes.iter().any(|x| &x.key == n) {
                return Err(invalid("node", format!("{n} is not a node of version {}", v.version)));
            }
        }
        if let Some((f, t)) = &link {
            if !links.iter().any(|x| &x.from == f && &x.to == t) {
                return Err(invalid("to", format!("{f} → {t} is not a link of version {}", v.version)));
            }
        }
        let target = match (&node, &link) {
            (Some(n), _) => n.clone(),
            (_, Some((f, t))) => link_target(f, t),
            _ => String::new(),
        };
        let new = NewTocComment { node, link, body, author: caller.user_id().map(UserId) };
        let mut tx = self.store.begin_write().await?;
        let cid = tx.insert_toc_comment(v.id, &new).await?;
        tx.insert_toc_event(id, v.version, "comment", &target, "", caller.user_id().map(UserId)).await?;
        tx.audit(
            AuditEvent::new("toc.comment", TOC, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "version": v.version, "comment": cid, "target": target })),
        )
        .await?;
        tx.commit().await?;
        Ok(cid)
    }

    /// Submits a draft for review, or (a programme officer who did not submit it) approves or
    /// returns a version under review. Returns the new status.
    pub async fn move_toc_version(
        &self,
        caller: &Caller,
        id: i64,
        version: u32,
        input: &WorkflowInput,
    ) -> Result<String, AppError> {
        let l = self.load_toc(caller, id, Action::Write).await?;
        let v = l.version(version)?.clone();
        let action = input.action.trim();
        let note = text("note", &input.note, 0, 5000, true)?;
        let to = match action {
            "submit" => {
                if !editable(&v.status) {
                    return Err(invalid(
                        "action",
                        format!("version {} is {}, not a draft", v.version, v.status),
                    ));
                }
                let (nodes, _) = self.store.toc_content(v.id).await?;
                if nodes.is_empty() {
                    return Err(invalid("action", "an empty version cannot be submitted"));
                }
                "in_review"
            }
            "approve" | "return" => {
                if v.status != "in_review" {
                    return Err(invalid(
                        "action",
                        format!("version {} is {}, not under review", v.version, v.status),
                    ));
                }
                Self::may_decide(caller, &v)?;
                if action == "return" && note.is_empty() {
                    return Err(invalid("note", "say why the version is returned"));
                }
                if action == "approve" {
                    "approved"
                } else {
                    "returned"
                }
            }
            other => {
                return Err(invalid("action", format!("{other:?} is not one of {}", ACTIONS.join(", "))))
            }
        };
        let by = caller.user_id().map(UserId);
        let mut tx = self.store.begin_write().await?;
        if tx.toc_version_status(v.id).await?.as_deref() != Some(v.status.as_str()) {
            return Err(AppError::Conflict("a newer decision on this version"));
        }
        tx.set_toc_version_status(id, v.id, to, by).await?;
        tx.insert_toc_event(id, v.version, action, "", &note, by).await?;
        tx.audit(
            AuditEvent::new(format!("toc.{action}"), TOC, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "version": v.version, "from": v.status, "to": to })),
        )
        .await?;
        tx.commit().await?;
        Ok(to.into())
    }

    /// Starts a revision: a new draft version copied from the latest version, which must be
    /// approved. Returns the new version's number.
    pub async fn revise_toc(&self, caller: &Caller, id: i64) -> Result<u32, AppError> {
        let l = self.load_toc(caller, id, Action::Write).await?;
        let latest = l.latest().ok_or(AppError::NotFound("version"))?.clone();
        if latest.status != "approved" {
            return Err(invalid(
                "version",
                format!(
                    "version {} is {}: a revision starts from an approved version",
                    latest.version, latest.status
                ),
            ));
        }
        let (nodes, links) = self.store.toc_content(latest.id).await?;
        let next = latest.version + 1;
        let by = caller.user_id().map(UserId);
        let mut tx = self.store.begin_write().await?;
        let vid = tx.insert_toc_version(id, next, "draft", by).await?;
        tx.replace_toc_content(vid, &nodes, &links).await?;
        tx.insert_toc_event(id, next, "revise", "", &format!("from version {}", latest.version), by).await?;
        tx.audit(
            AuditEvent::new("toc.revise", TOC, id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "from": latest.version, "version": next })),
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// The difference between two versions: nodes and links added, removed and changed, field by
    /// field with the values before and after.
    pub async fn toc_diff(&self, caller: &Caller, id: i64, from: u32, to: u32) -> Result<DiffView, AppError> {
        let l = self.load_toc(caller, id, Action::Read).await?;
        let (va, vb) = (
            l.version(from).map_err(|_| invalid("from", format!("there is no version {from}")))?.clone(),
            l.version(to).map_err(|_| invalid("to", format!("there is no version {to}")))?.clone(),
        );
        let (an, al) = self.store.toc_content(va.id).await?;
        let (bn, bl) = self.store.toc_content(vb.id).await?;
        let scope = scope_of(&l.toc);
        let (e1, e2) = (engine_content(&an, &al), engine_content(&bn, &bl));
        let (old, _) = build(scope.clone(), from, e1.0, e1.1)?;
        let (new, _) = build(scope, to, e2.0, e2.1)?;
        let d = engine::diff(&old, &new);
        let na: BTreeMap<&str, &TocNodeRow> = an.iter().map(|n| (n.key.as_str(), n)).collect();
        let nb: BTreeMap<&str, &TocNodeRow> = bn.iter().map(|n| (n.key.as_str(), n)).collect();
        let la: BTreeMap<(&str, &str), &TocLinkRow> =
            al.iter().map(|k| ((k.from.as_str(), k.to.as_str()), k)).collect();
        let lb: BTreeMap<(&str, &str), &TocLinkRow> =
            bl.iter().map(|k| ((k.from.as_str(), k.to.as_str()), k)).collect();
        let node_field = |n: &TocNodeRow, f: &str| match f {
            "level" => n.level.clone(),
            "title" => n.title.clone(),
            "description" => n.description.clone(),
            _ => n.tags.clone(),
        };
        let link_field = |k: &TocLinkRow, f: &str| match f {
            "rationale" => k.rationale.clone(),
            "assumptions" => lines(&k.assumptions).join("; "),
            _ => lines(&k.risks).join("; "),
        };
        let mut nodes: Vec<NodeView> = bn.iter().map(node_view).collect();
        nodes.extend(d.nodes_removed.iter().filter_map(|k| na.get(k.as_str())).map(|n| node_view(n)));
        sort_nodes(&mut nodes);
        let mut links: Vec<LinkView> = bl.iter().map(link_view).collect();
        links.extend(
            d.links_removed
                .iter()
                .filter_map(|(f, t)| la.get(&(f.as_str(), t.as_str())))
                .map(|k| link_view(k)),
        );
        let orgs = self.toc_org_names().await?;
        Ok(DiffView {
            toc: Self::toc_summary(&l.toc, &l.versions, &orgs),
            versions: l.versions.iter().map(version_summary).collect(),
            from,
            to,
            nodes_added: d
                .nodes_added
                .iter()
                .filter_map(|k| nb.get(k.as_str()))
                .map(|n| node_view(n))
                .collect(),
            nodes_removed: d
                .nodes_removed
                .iter()
                .filter_map(|k| na.get(k.as_str()))
                .map(|n| node_view(n))
                .collect(),
            nodes_changed: d
                .nodes_changed
                .iter()
                .map(|c| NodeChange {
                    id: c.key.to_string(),
                    fields: c
                        .fields
                        .iter()
                        .map(|f| FieldChange {
                            field: (*f).into(),
                            before: na.get(c.key.as_str()).map(|n| node_field(n, f)).unwrap_or_default(),
                            after: nb.get(c.key.as_str()).map(|n| node_field(n, f)).unwrap_or_default(),
                        })
                        .collect(),
                })
                .collect(),
            links_added: d
                .links_added
                .iter()
                .filter_map(|(f, t)| lb.get(&(f.as_str(), t.as_str())))
                .map(|k| link_view(k))
                .collect(),
            links_removed: d
                .links_removed
                .iter()
                .filter_map(|(f, t)| la.get(&(f.as_str(), t.as_str())))
                .map(|k| link_view(k))
                .collect(),
            links_changed: d
                .links_changed
                .iter()
                .map(|c| {
                    let key = (c.key.0.as_str(), c.key.1.as_str());
                    LinkChange {
                        from: c.key.0.to_string(),
                        to: c.key.1.to_string(),
                        fields: c
                            .fields
                            .iter()
                            .map(|f| FieldChange {
                                field: (*f).into(),
                                before: la.get(&key).map(|k| link_field(k, f)).unwrap_or_default(),
                                after: lb.get(&key).map(|k| link_field(k, f)).unwrap_or_default(),
                            })
                            .collect(),
                    }
                })
                .collect(),
            nodes,
            links,
        })
    }
}

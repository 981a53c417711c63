//! Theories of change: a graph of activities, outputs, outcomes and impact, with causal links
//! that carry their rationale, assumptions and risks; versioned, validated, and compared.
//!
//! Links never go down a level (an outcome cannot cause an output). Links within a level are
//! allowed, for intermediate outcomes (outcome → outcome), and the graph must have no cycle. A
//! version is immutable: a revision is a new [`TheoryOfChange`] with the next version number,
//! and [`diff`] says what changed between two versions.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use praxis_model::Jurisdiction;

use crate::pillars::Tags;

/// The level of a node, from bottom to top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Activity,
    Output,
    Outcome,
    Impact,
}

impl Level {
    /// Bottom-up.
    pub const ALL: [Level; 4] = [Level::Activity, Level::Output, Level::Outcome, Level::Impact];

    pub fn code(self) -> &'static str {
        match self {
            Level::Activity => "activity",
            Level::Output => "output",
            Level::Outcome => "outcome",
            Level::Impact => "impact",
        }
    }

    pub fn parse(code: &str) -> Option<Level> {
        [Level::Activity, Level::Output, Level::Outcome, Level::Impact].into_iter().find(|l| l.code() == code)
    }
}

/// A node's id, stable across versions (`O3.1`, `TOC-NGA-O3.1`): what IATI `result/reference`
/// carries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(String);

impl NodeId {
    /// Letters, digits, `-`, `.`, `_`; at most 64.
    pub fn parse(s: &str) -> Result<NodeId, TocError> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if ok {
            Ok(NodeId(s.to_owned()))
        } else {
            Err(TocError::BadId(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: NodeId,
    pub level: Level,
    pub title: String,
    pub description: String,
    pub tags: Tags,
}

/// A causal link: `from` contributes to `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub from: NodeId,
    pub to: NodeId,
    /// Why `from` leads to `to`.
    pub rationale: String,
    /// What must hold for it to.
    pub assumptions: Vec<String>,
    /// What could stop it.
    pub risks: Vec<String>,
}

/// Whose theory of change it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    National(Jurisdiction),
    /// A regional theory of change, named ("Asia and the Middle East").
    Regional(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TocError {
    #[error("`{0}` is not a node id (letters, digits, '-', '.', '_')")]
    BadId(String),
    #[error("node {0} appears twice")]
    DuplicateNode(NodeId),
    #[error("node {0} has no title")]
    NoTitle(NodeId),
    #[error("link {0} → {1} appears twice")]
    DuplicateLink(NodeId, NodeId),
    #[error("link {0} → {1}: node {2} does not exist")]
    UnknownNode(NodeId, NodeId, NodeId),
    #[error("link {0} → {0} links a node to itself")]
    SelfLink(NodeId),
    #[error("link {from} → {to} goes down from {} to {}", .from_level.code(), .to_level.code())]
    Downward { from: NodeId, to: NodeId, from_level: Level, to_level: Level },
    #[error("link {0} → {1} has no rationale")]
    NoRationale(NodeId, NodeId),
    #[error("the links form a cycle through {}", .0.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(" → "))]
    Cycle(Vec<NodeId>),
}

/// Something worth a reviewer's look that does not make the theory invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A node below impact that leads nowhere.
    LeadsNowhere(NodeId),
    /// A node above activity that nothing leads to.
    NothingLeadsTo(NodeId),
    NoImpact,
}

/// One version of a theory of change; valid by construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TheoryOfChange {
    scope: Scope,
    version: u32,
    nodes: BTreeMap<NodeId, Node>,
    links: BTreeMap<(NodeId, NodeId), Link>,
}

impl TheoryOfChange {
    /// Validates and builds a version. Returns every error found; on success, the warnings.
    pub fn build(
        scope: Scope,
        version: u32,
        nodes: Vec<Node>,
        links: Vec<Link>,
    ) -> Result<(TheoryOfChange, Vec<Warning>), Vec<TocError>> {
        let mut errors = Vec::new();
        let mut node_map = BTreeMap::new();
        for n in nodes {
            if n.title.trim().is_empty() {
                errors.push(TocError::NoTitle(n.id.clone()));
            }
            if node_map.contains_key(&n.id) {
                errors.push(TocError::DuplicateNode(n.id.clone()));
            } else {
                node_map.insert(n.id.clone(), n);
            }
        }
        let mut link_map = BTreeMap::new();
        for l in links {
            let key = (l.from.clone(), l.to.clone());
            if link_map.contains_key(&key) {
                errors.push(TocError::DuplicateLink(l.from.clone(), l.to.clone()));
                continue;
            }
            if l.from == l.to {
                errors.push(TocError::SelfLink(l.from.clone()));
                continue;
            }
            match (node_map.get(&l.from), node_map.get(&l.to)) {
                (None, _) => errors.push(TocError::UnknownNode(l.from.clone(), l.to.clone(), l.from.clone())),
                (_, None) => errors.push(TocError::UnknownNode(l.from.clone(), l.to.clone(), l.to.clone())),
                (Some(f), Some(t)) if f.level > t.level => errors.push(TocError::Downward {
                    from: l.from.clone(),
                    to: l.to.clone(),
                    from_level: f.level,
                    to_level: t.level,
                }),
                _ => {}
            }
            if l.rationale.trim().is_empty() {
                errors.push(TocError::NoRationale(l.from.clone(), l.to.clone()));
            }
            link_map.insert(key, l);
        }
        if errors.is_empty() {
            if let Some(cycle) = find_cycle(&node_map, &link_map) {
                errors.push(TocError::Cycle(cycle));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let toc = TheoryOfChange { scope, version, nodes: node_map, links: link_map };
        let warnings = toc.warnings();
        Ok((toc, warnings))
    }

    fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        if !self.nodes.values().any(|n| n.level == Level::Impact) {
            out.push(Warning::NoImpact);
        }
        for n in self.nodes.values() {
            if n.level != Level::Impact && !self.links.keys().any(|(f, _)| f == &n.id) {
                out.push(Warning::LeadsNowhere(n.id.clone()));
            }
            if n.level != Level::Activity && !self.links.keys().any(|(_, t)| t == &n.id) {
                out.push(Warning::NothingLeadsTo(n.id.clone()));
            }
        }
        out
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.values()
    }

    pub fn node(&self, id: &NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    pub fn links(&self) -> impl Iterator<Item = &Link> {
        self.links.values()
    }

    pub fn link(&self, from: &NodeId, to: &NodeId) -> Option<&Link> {
        self.links.get(&(from.clone(), to.clone()))
    }

    /// Every node `id` contributes to, directly or not (its results chain upwards).
    pub fn contributes_to(&self, id: &NodeId) -> BTreeSet<NodeId> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![id.clone()];
        while let Some(n) = stack.pop() {
            for (_, to) in self.links.keys().filter(|(f, _)| f == &n) {
                if seen.insert(to.clone()) {
                    stack.push(to.clone());
                }
            }
        }
        seen
    }

    /// The nodes in an order where every link goes forward: bottom-up, for drawing.
    pub fn topological_order(&self) -> Vec<NodeId> {
        let mut indegree: BTreeMap<&NodeId, usize> = self.nodes.keys().map(|k| (k, 0)).collect();
        for (_, to) in self.links.keys() {
            *indegree.get_mut(to).expect("validated") += 1;
        }
        let mut ready: BTreeSet<(Level, &NodeId)> =
            indegree.iter().filter(|(_, d)| **d == 0).map(|(k, _)| (self.nodes[*k].level, *k)).collect();
        let mut out = Vec::new();
        while let Some(first) = ready.iter().next().copied() {
            ready.remove(&first);
            out.push(first.1.clone());
            for (_, to) in self.links.keys().filter(|(f, _)| f == first.1) {
                let d = indegree.get_mut(to).expect("validated");
                *d -= 1;
                if *d == 0 {
                    ready.insert((self.nodes[to].level, to));
                }
            }
        }
        out
    }
}

/// A cycle as a node path, if any (depth-first search with colours).
fn find_cycle(
    nodes: &BTreeMap<NodeId, Node>,
    links: &BTreeMap<(NodeId, NodeId), Link>,
) -> Option<Vec<NodeId>> {
    let mut out: BTreeMap<&NodeId, Vec<&NodeId>> = BTreeMap::new();
    for (f, t) in links.keys() {
        out.entry(f).or_default().push(t);
    }
    // 0 white, 1 grey (on the stack), 2 black.
    let mut colour: BTreeMap<&NodeId, u8> = nodes.keys().map(|k| (k, 0)).collect();
    for start in nodes.keys() {
        if colour[start] != 0 {
            continue;
        }
        let mut stack: Vec<(&NodeId, usize)> = vec![(start, 0)];
        colour.insert(start, 1);
        while let Some((n, i)) = stack.last().copied() {
            let next = out.get(n).and_then(|v| v.get(i)).copied();
            match next {
                Some(m) => {
                    stack.last_mut().expect("non-empty").1 += 1;
                    match colour[m] {
                        0 => {
                            colour.insert(m, 1);
                            stack.push((m, 0));
                        }
                        1 => {
                            let from = stack.iter().position(|(s, _)| *s == m).expect("grey is on the stack");
                            let mut cycle: Vec<NodeId> =
                                stack[from..].iter().map(|(s, _)| (*s).clone()).collect();
                            cycle.push(m.clone());
                            return Some(cycle);
                        }
                        _ => {}
                    }
                }
                None => {
                    colour.insert(n, 2);
                    stack.pop();
                }
            }
        }
    }
    None
}

/// What changed in a node or link: the names of the fields that differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed<K> {
    pub key: K,
    pub fields: Vec<&'static str>,
}

/// The difference between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TocDiff {
    pub nodes_added: Vec<NodeId>,
    pub nodes_removed: Vec<NodeId>,
    pub nodes_changed: Vec<Changed<NodeId>>,
    pub links_added: Vec<(NodeId, NodeId)>,
    pub links_removed: Vec<(NodeId, NodeId)>,
    pub links_changed: Vec<Changed<(NodeId, NodeId)>>,
}

impl TocDiff {
    pub fn is_empty(&self) -> bool {
        *self == TocDiff::default()
    }
}

/// The fields of a node that differ between two of its versions: level, title, description,
/// tags.
pub fn node_fields_changed(o: &Node, n: &Node) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if o.level != n.level {
        fields.push("level");
    }
    if o.title != n.title {
        fields.push("title");
    }
    if o.description != n.description {
        fields.push("description");
    }
    if o.tags != n.tags {
        fields.push("tags");
    }
    fields
}

/// The fields of a link that differ between two of its versions: rationale, assumptions, risks.
pub fn link_fields_changed(o: &Link, l: &Link) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if o.rationale != l.rationale {
        fields.push("rationale");
    }
    if o.assumptions != l.assumptions {
        fields.push("assumptions");
    }
    if o.risks != l.risks {
        fields.push("risks");
    }
    fields
}

/// What changed from `old` to `new`, node by node and link by link, by id.
pub fn diff(old: &TheoryOfChange, new: &TheoryOfChange) -> TocDiff {
    let mut d = TocDiff::default();
    for (id, n) in &new.nodes {
        match old.nodes.get(id) {
            None => d.nodes_added.push(id.clone()),
            Some(o) => {
                let fields = node_fields_changed(o, n);
                if !fields.is_empty() {
                    d.nodes_changed.push(Changed { key: id.clone(), fields });
                }
            }
        }
    }
    d.nodes_removed = old.nodes.keys().filter(|k| !new.nodes.contains_key(*k)).cloned().collect();
    for (key, l) in &new.links {
        match old.links.get(key) {
            None => d.links_added.push(key.clone()),
            Some(o) => {
                let fields = link_fields_changed(o, l);
                if !fields.is_empty() {
                    d.links_changed.push(Changed { key: key.clone(), fields });
                }
            }
        }
    }
    d.links_removed = old.links.keys().filter(|k| !new.links.contains_key(*k)).cloned().collect();
    d
}

impl TocError {
    /// The field of a node or link the error is about: `id`, `title`, `from`, `to`, `level`,
    /// `rationale` (a cycle is about the links as a whole: `to`).
    pub fn field(&self) -> &'static str {
        match self {
            TocError::BadId(_) | TocError::DuplicateNode(_) => "id",
            TocError::NoTitle(_) => "title",
            TocError::DuplicateLink(..) | TocError::SelfLink(_) | TocError::Cycle(_) => "to",
            TocError::UnknownNode(_, to, missing) if to == missing => "to",
            TocError::UnknownNode(..) => "from",
            TocError::Downward { .. } => "level",
            TocError::NoRationale(..) => "rationale",
        }
    }

    /// Where in a file of nodes and links the error is: `nodes.O3.1.title`, `links.A1→O1.to`.
    pub fn path(&self) -> String {
        match self {
            TocError::BadId(id) => format!("nodes.{id}.id"),
            TocError::DuplicateNode(id) | TocError::NoTitle(id) => format!("nodes.{id}.{}", self.field()),
            TocError::DuplicateLink(f, t)
            | TocError::UnknownNode(f, t, _)
            | TocError::Downward { from: f, to: t, .. }
            | TocError::NoRationale(f, t) => format!("links.{f}→{t}.{}", self.field()),
            TocError::SelfLink(n) => format!("links.{n}→{n}.to"),
            TocError::Cycle(path) => match path.as_slice() {
                [a, b, ..] => format!("links.{a}→{b}.to"),
                _ => "links".into(),
            },
        }
    }
}

/// The file form of a version (TOML or JSON) so that a team can draft offline: a list of nodes
/// and a list of links. Reading is whole or nothing: every problem is reported, each naming its
/// field (`nodes[3].level`) and, where it can be found, its line.
pub mod file {
    use serde::{Deserialize, Serialize};

    use super::{Level, Link, Node, NodeId, TheoryOfChange};
    use crate::pillars::Tags;

    /// TOML or JSON.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        Toml,
        Json,
    }

    impl Format {
        pub fn parse(code: &str) -> Option<Format> {
            match code.trim().to_ascii_lowercase().as_str() {
                "toml" => Some(Format::Toml),
                "json" => Some(Format::Json),
                _ => None,
            }
        }

        pub fn code(self) -> &'static str {
            match self {
                Format::Toml => "toml",
                Format::Json => "json",
            }
        }
    }

    /// A problem in a file: the field (`nodes[2].level`; `file` for the syntax), the line when
    /// known (1-based), what is wrong.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FileError {
        pub field: String,
        pub line: Option<usize>,
        pub message: String,
    }

    impl std::fmt::Display for FileError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self.line {
                Some(l) => write!(f, "line {l}, {}: {}", self.field, self.message),
                None => write!(f, "{}: {}", self.field, self.message),
            }
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawFile {
        #[serde(default)]
        nodes: Vec<RawNode>,
        #[serde(default)]
        links: Vec<RawLink>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawNode {
        id: String,
        level: String,
        title: String,
        #[serde(default)]
        description: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawLink {
        from: String,
        to: String,
        rationale: String,
        #[serde(default)]
        assumptions: Vec<String>,
        #[serde(default)]
        risks: Vec<String>,
    }

    fn line_at(text: &str, offset: usize) -> usize {
        text[..offset.min(text.len())].matches('\n').count() + 1
    }

    /// The line of the `n`-th (0-based) item of a list: the `[[nodes]]` header in TOML; in
    /// JSON, the line of the first `"id"`/`"from"` key after the `n`-th.
    fn item_line(text: &str, format: Format, list: &str, n: usize) -> Option<usize> {
        match format {
            Format::Toml => {
                let header = format!("[[{list}]]");
                let mut offset = 0;
                let mut seen = 0;
                for line in text.split_inclusive('\n') {
                    if line.trim() == header {
                        if seen == n {
                            return Some(line_at(text, offset));
                        }
                        seen += 1;
                    }
                    offset += line.len();
                }
                None
            }
            Format::Json => {
                let start = text.find(&format!("\"{list}\""))?;
                let key = if list == "nodes" { "\"id\"" } else { "\"from\"" };
                let pos = text[start..].match_indices(key).nth(n)?.0;
                Some(line_at(text, start + pos))
            }
        }
    }

    /// Reads the nodes and links of a file, checking each field; the theory itself (links between
    /// existing nodes, no downward link, no cycle) is checked by [`TheoryOfChange::build`].
    pub fn read(text: &str, format: Format) -> Result<(Vec<Node>, Vec<Link>), Vec<FileError>> {
        let raw: RawFile = match format {
            Format::Toml => toml::from_str(text).map_err(|e| {
                vec![FileError {
                    field: "file".into(),
                    line: e.span().map(|s| line_at(text, s.start)),
                    message: e.message().to_owned(),
                }]
            })?,
            Format::Json => serde_json::from_str(text).map_err(|e| {
                vec![FileError { field: "file".into(), line: Some(e.line()), message: e.to_string() }]
            })?,
        };
        let mut errors = Vec::new();
        let mut nodes = Vec::new();
        for (i, n) in raw.nodes.into_iter().enumerate() {
            let mut err = |field: &str, message: String| {
                errors.push(FileError {
                    field: format!("nodes[{}].{field}", i + 1),
                    line: item_line(text, format, "nodes", i),
                    message,
                })
            };
            let id = NodeId::parse(n.id.trim()).map_err(|e| err("id", e.to_string())).ok();
            let level = Level::parse(n.level.trim());
            if level.is_none() {
                err(
                    "level",
                    format!(
                        "{:?} is not one of {}",
                        n.level,
                        Level::ALL.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            let tags = Tags::parse_codes(&n.tags.join(" "))
                .map_err(|unknown| err("tags", format!("unknown codes: {}", unknown.join(", "))))
                .ok();
            if let (Some(id), Some(level), Some(tags)) = (id, level, tags) {
                nodes.push(Node {
                    id,
                    level,
                    title: n.title.trim().to_owned(),
                    description: n.description.trim().to_owned(),
                    tags,
                });
            }
        }
        let mut links = Vec::new();
        for (i, l) in raw.links.into_iter().enumerate() {
            let mut err = |field: &str, message: String| {
                errors.push(FileError {
                    field: format!("links[{}].{field}", i + 1),
                    line: item_line(text, format, "links", i),
                    message,
                })
            };
            let from = NodeId::parse(l.from.trim()).map_err(|e| err("from", e.to_string())).ok();
            let to = NodeId::parse(l.to.trim()).map_err(|e| err("to", e.to_string())).ok();
            if let (Some(from), Some(to)) = (from, to) {
                let clean = |v: Vec<String>| {
                    v.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
                };
                links.push(Link {
                    from,
                    to,
                    rationale: l.rationale.trim().to_owned(),
                    assumptions: clean(l.assumptions),
                    risks: clean(l.risks),
                });
            }
        }
        if errors.is_empty() {
            Ok((nodes, links))
        } else {
            Err(errors)
        }
    }

    /// Writes a version: nodes bottom-up then by id, links by their ends. [`read`] gives back the
    /// same nodes and links.
    pub fn write(toc: &TheoryOfChange, format: Format) -> String {
        let mut nodes: Vec<&Node> = toc.nodes().collect();
        nodes.sort_by(|a, b| (a.level, &a.id).cmp(&(b.level, &b.id)));
        let raw = RawFile {
            nodes: nodes
                .into_iter()
                .map(|n| RawNode {
                    id: n.id.to_string(),
                    level: n.level.code().into(),
                    title: n.title.clone(),
                    description: n.description.clone(),
                    tags: n.tags.codes().split(' ').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
                })
                .collect(),
            links: toc
                .links()
                .map(|l| RawLink {
                    from: l.from.to_string(),
                    to: l.to.to_string(),
                    rationale: l.rationale.clone(),
                    assumptions: l.assumptions.clone(),
                    risks: l.risks.clone(),
                })
                .collect(),
        };
        match format {
            Format::Toml => toml::to_string(&raw).unwrap_or_default(),
            Format::Json => serde_json::to_string_pretty(&raw).unwrap_or_default(),
        }
    }
}

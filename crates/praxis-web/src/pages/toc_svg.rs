//! The diagram of a theory of change, drawn on the server as SVG: one row per level, bottom-up
//! (activities at the bottom, impact at the top), an arrow per causal link. Each node carries the
//! letter of its level and its shape (activity a square box, output a rounded box, outcome a
//! box with cut corners, impact an ellipse), its id, its wrapped title and its tags, so colour is
//! never the only cue. Each arrow has a `<title>` tooltip with its rationale, assumptions and
//! risks (the page lists them under the diagram too, for print). In a comparison, what was added,
//! removed or changed is marked with a sign (+, −, ~) as well as a colour and a line style.

use std::collections::HashMap;
use std::fmt::Write;

use praxis_app::toc::{LinkView, NodeView};

const W: f64 = 190.0;
const GAP: f64 = 24.0;
const ROW: f64 = 150.0;
const MARGIN: f64 = 30.0;
const LINE: f64 = 15.0;

/// What happened to a node or link between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Added,
    Removed,
    Changed,
}

impl Mark {
    fn class(self) -> &'static str {
        match self {
            Mark::Added => "m-added",
            Mark::Removed => "m-removed",
            Mark::Changed => "m-changed",
        }
    }

    pub(crate) fn sign(self) -> &'static str {
        match self {
            Mark::Added => "+",
            Mark::Removed => "−",
            Mark::Changed => "~",
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The level's row from the top (impact 0 … activity 3) and its letter.
fn row_of(level: &str) -> usize {
    match level {
        "impact" => 0,
        "outcome" => 1,
        "output" => 2,
        _ => 3,
    }
}

/// The short form of a tag: `P3` for pillar 3 (the programme's numbering), an abbreviation for
/// a theme.
pub(crate) const TAGS: [&str; 10] = [
    "strategy_policy",
    "legislative_review",
    "capacity_building",
    "cooperation",
    "protection",
    "gender_human_rights",
    "going_local",
    "conflict",
    "innovation_technology",
    "sustainability",
];

/// The short form of a tag.
pub(crate) fn tag_short(code: &str) -> String {
    match code {
        "strategy_policy" => "P1",
        "legislative_review" => "P2",
        "capacity_building" => "P3",
        "cooperation" => "P4",
        "protection" => "P5",
        "gender_human_rights" => "GHR",
        "going_local" => "GL",
        "conflict" => "CF",
        "innovation_technology" => "IT",
        "sustainability" => "SU",
        other => other,
    }
    .to_owned()
}

/// Words wrapped to lines of at most `width` characters; at most `max` lines, the last one cut
/// with an ellipsis.
pub(crate) fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let word: String =
            if word.chars().count() > width { word.chars().take(width).collect() } else { word.into() };
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max {
        lines.truncate(max);
        let last = lines.last_mut().expect("max > 0");
        let mut t: String = last.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        *last = t;
    }
    lines
}

/// Node positions: rows bottom-up; the activities in id order, each row above ordered by the
/// mean position of what leads to it (so arrows cross less), then by id. Deterministic.
pub(crate) fn layout(nodes: &[NodeView], links: &[LinkView]) -> (HashMap<String, (f64, f64)>, f64, f64) {
    let mut rows: [Vec<&NodeView>; 4] = Default::default();
    for n in nodes {
        rows[row_of(&n.level)].push(n);
    }
    let widest = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = MARGIN * 2.0 + widest as f64 * (W + GAP) - GAP;
    let height = MARGIN * 2.0 + 4.0 * ROW - 40.0;
    let mut pos: HashMap<String, (f64, f64)> = HashMap::new();
    for r in (0..4).rev() {
        let mut row: Vec<(f64, &NodeView)> = rows[r]
            .iter()
            .map(|n| {
                let xs: Vec<f64> = links
                    .iter()
                    .filter(|l| l.to == n.id)
                    .filter_map(|l| pos.get(&l.from).map(|p| p.0))
                    .collect();
                let key = if xs.is_empty() { f64::MAX } else { xs.iter().sum::<f64>() / xs.len() as f64 };
                (key, *n)
            })
            .collect();
        row.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let used = row.len() as f64 * (W + GAP) - GAP;
        let start = (width - used) / 2.0;
        for (i, (_, n)) in row.iter().enumerate() {
            let x = start + i as f64 * (W + GAP);
            let y = MARGIN + r as f64 * ROW;
            pos.insert(n.id.clone(), (x, y));
        }
    }
    (pos, width, height)
}

/// The node's box height.
const H: f64 = 104.0;

/// Where each link leaves its source (on the top edge) and enters its target (on the bottom
/// edge), as offsets from the box's left side: the links of one node are spread along its edge
/// in the order of the nodes at their other ends, so arrowheads do not pile up.
fn ports(links: &[LinkView], pos: &HashMap<String, (f64, f64)>) -> Vec<(f64, f64)> {
    let x_of = |id: &str| pos.get(id).map(|p| p.0).unwrap_or(0.0);
    let spread = |i: usize, n: usize| W * (i as f64 + 1.0) / (n as f64 + 1.0);
    let mut out = vec![(W / 2.0, W / 2.0); links.len()];
    let mut by_from: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_to: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, l) in links.iter().enumerate() {
        by_from.entry(l.from.as_str()).or_default().push(k);
        by_to.entry(l.to.as_str()).or_default().push(k);
    }
    for ks in by_from.values_mut() {
        ks.sort_by(|a, b| x_of(&links[*a].to).total_cmp(&x_of(&links[*b].to)).then(a.cmp(b)));
        let n = ks.len();
        for (i, k) in ks.iter().enumerate() {
            out[*k].0 = spread(i, n);
        }
    }
    for ks in by_to.values_mut() {
        ks.sort_by(|a, b| x_of(&links[*a].from).total_cmp(&x_of(&links[*b].from)).then(a.cmp(b)));
        let n = ks.len();
        for (i, k) in ks.iter().enumerate() {
            out[*k].1 = spread(i, n);
        }
    }
    out
}

fn shape(level: &str, x: f64, y: f64) -> String {
    match level {
        "impact" => format!(
            "<ellipse class=\"shape\" cx=\"{:.1}\" cy=\"{:.1}\" rx=\"{:.1}\" ry=\"{:.1}\"/>",
            x + W / 2.0,
            y + H / 2.0,
            W / 2.0 + 22.0,
            H / 2.0 + 10.0
        ),
        "outcome" => {
            let c = 14.0;
            format!(
                "<polygon class=\"shape\" points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\"/>",
                x + c, y, x + W - c, y, x + W, y + c, x + W, y + H - c, x + W - c, y + H, x + c, y + H, x, y + H - c, x, y + c
            )
        }
        "output" => format!(
            "<rect class=\"shape\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{W}\" height=\"{H}\" rx=\"14\"/>"
        ),
        _ => format!("<rect class=\"shape\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{W}\" height=\"{H}\"/>"),
    }
}

/// Texts the diagram needs, in the reader's language.
pub(crate) struct Labels<'a> {
    pub(crate) title: &'a str,
    /// The letter of each level (activity, output, outcome, impact).
    pub(crate) letter: &'a dyn Fn(&str) -> String,
    pub(crate) rationale: &'a str,
    pub(crate) assumptions: &'a str,
    pub(crate) risks: &'a str,
}

/// The diagram. `marks` and `link_marks` highlight a comparison (empty otherwise).
pub(crate) fn diagram(
    nodes: &[NodeView],
    links: &[LinkView],
    marks: &HashMap<String, Mark>,
    link_marks: &HashMap<(String, String), Mark>,
    labels: &Labels<'_>,
) -> String {
    let (pos, width, height) = layout(nodes, links);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"toc\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"toc-svg-title\"><title id=\"toc-svg-title\">{}</title>\
         <defs><marker id=\"toc-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>",
        escape(labels.title)
    );
    let level_of: HashMap<&str, &str> = nodes.iter().map(|n| (n.id.as_str(), n.level.as_str())).collect();
    let ports = ports(links, &pos);
    for (k, l) in links.iter().enumerate() {
        let (Some(&(fx, fy)), Some(&(tx, ty))) = (pos.get(&l.from), pos.get(&l.to)) else { continue };
        let same_row = level_of.get(l.from.as_str()) == level_of.get(l.to.as_str());
        let (out_x, in_x) = ports[k];
        // An ellipse (impact) reaches below its box.
        let below = if level_of.get(l.to.as_str()) == Some(&"impact") { 10.0 } else { 0.0 };
        let (x1, y1, x2, y2) = (fx + out_x, fy, tx + in_x, ty + H + below);
        let d = if same_row {
            let y2 = ty;
            format!("M{x1:.1},{y1:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{y2:.1}", y1 - 40.0, y2 - 40.0)
        } else {
            let my = (y1 + y2) / 2.0;
            format!("M{x1:.1},{y1:.1} C{x1:.1},{my:.1} {x2:.1},{my:.1} {x2:.1},{y2:.1}")
        };
        let mark = link_marks.get(&(l.from.clone(), l.to.clone()));
        let mut tip = format!("{} → {}\n{}: {}", l.from, l.to, labels.rationale, l.rationale);
        if !l.assumptions.is_empty() {
            let _ = write!(tip, "\n{}: {}", labels.assumptions, l.assumptions.join("; "));
        }
        if !l.risks.is_empty() {
            let _ = write!(tip, "\n{}: {}", labels.risks, l.risks.join("; "));
        }
        let _ = write!(
            svg,
            "<g class=\"link {}\"><title>{}</title><path d=\"{d}\" marker-end=\"url(#toc-arrow)\"/>",
            mark.map(|m| m.class()).unwrap_or(""),
            escape(&tip)
        );
        if let Some(m) = mark {
            let _ = write!(
                svg,
                "<text class=\"sign\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                (x1 + x2) / 2.0 + 6.0,
                if same_row { y1 - 34.0 } else { (y1 + y2) / 2.0 },
                m.sign()
            );
        }
        svg.push_str("</g>");
    }
    for n in nodes {
        let Some(&(x, y)) = pos.get(&n.id) else { continue };
        let mark = marks.get(&n.id);
        let _ = write!(
            svg,
            "<g class=\"node lv-{} {}\"><title>{}: {}</title>{}",
            escape(&n.level),
            mark.map(|m| m.class()).unwrap_or(""),
            escape(&n.id),
            escape(&n.title),
            shape(&n.level, x, y)
        );
        let _ = write!(
            svg,
            "<circle class=\"lvl\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"11\"/><text class=\"letter\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 14.0,
            y + 16.0,
            x + 14.0,
            y + 20.5,
            escape(&(labels.letter)(&n.level))
        );
        let _ = write!(
            svg,
            "<text class=\"id\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 30.0,
            y + 21.0,
            escape(&n.id)
        );
        if let Some(m) = mark {
            let _ = write!(
                svg,
                "<text class=\"sign\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x + W - 16.0,
                y + 21.0,
                m.sign()
            );
        }
        for (i, line) in wrap(&n.title, 27, 4).iter().enumerate() {
            let _ = write!(
                svg,
                "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x + 8.0,
                y + 40.0 + i as f64 * LINE,
                escape(line)
            );
        }
        if !n.tags.is_empty() {
            let tags: Vec<String> = n.tags.iter().map(|t| tag_short(t)).collect();
            let _ = write!(
                svg,
                "<text class=\"tags\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x + 8.0,
                y + H - 6.0,
                escape(&tags.join(" "))
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(id: &str, level: &str) -> NodeView {
        NodeView {
            id: id.into(),
            level: level.into(),
            title: format!("{id} title"),
            description: String::new(),
            tags: vec![],
        }
    }

    fn l(from: &str, to: &str) -> LinkView {
        LinkView {
            from: from.into(),
            to: to.into(),
            rationale: "r".into(),
            assumptions: vec![],
            risks: vec![],
        }
    }

    #[test]
    fn levels_are_drawn_bottom_up_and_in_a_stable_order() {
        let nodes = [
            n("I1", "impact"),
            n("O2", "output"),
            n("O1", "output"),
            n("A1", "activity"),
            n("A2", "activity"),
        ];
        let links = [l("A1", "O2"), l("A2", "O1"), l("O1", "I1"), l("O2", "I1")];
        let (pos, _, _) = layout(&nodes, &links);
        assert!(
            pos["A1"].1 > pos["O1"].1 && pos["O1"].1 > pos["I1"].1,
            "activities below outputs below impact"
        );
        assert!(pos["O2"].0 < pos["O1"].0, "O2 sits above A1, which comes first");
        assert_eq!(layout(&nodes, &links).0, pos);
    }

    #[test]
    fn titles_wrap_and_long_ones_are_cut() {
        assert_eq!(
            wrap("Investigators and prosecutors trained", 20, 4),
            ["Investigators and", "prosecutors trained"]
        );
        let long = wrap(&"word ".repeat(40), 10, 2);
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
    }
}

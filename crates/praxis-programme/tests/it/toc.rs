//! Theories of change: validation, warnings, order and the diff between versions.

use praxis_model::Jurisdiction;
use praxis_programme::toc::{diff, Level, Link, Node, NodeId, Scope, TheoryOfChange, TocError, Warning};
use praxis_programme::{Pillar, Tags};
use proptest::prelude::*;

fn id(s: &str) -> NodeId {
    NodeId::parse(s).unwrap()
}

fn node(i: &str, level: Level) -> Node {
    Node {
        id: id(i),
        level,
        title: format!("{i} title"),
        description: String::new(),
        tags: Tags::new([Pillar::LegislativeReview], []),
    }
}

fn link(f: &str, t: &str) -> Link {
    Link {
        from: id(f),
        to: id(t),
        rationale: "because".into(),
        assumptions: vec!["political will".into()],
        risks: vec![],
    }
}

fn scope() -> Scope {
    Scope::National(Jurisdiction::parse("NG").unwrap())
}

fn nigeria_v1() -> TheoryOfChange {
    let nodes = vec![
        node("A2.1", Level::Activity),
        node("O2.1", Level::Output),
        node("OC2", Level::Outcome),
        node("OC2b", Level::Outcome),
        node("IMP", Level::Impact),
    ];
    let links = vec![link("A2.1", "O2.1"), link("O2.1", "OC2"), link("OC2", "OC2b"), link("OC2b", "IMP")];
    let (toc, warnings) = TheoryOfChange::build(scope(), 1, nodes, links).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    toc
}

#[test]
fn a_valid_theory_of_change() {
    let toc = nigeria_v1();
    assert_eq!(toc.version(), 1);
    let up: Vec<_> = toc.contributes_to(&id("O2.1")).into_iter().map(|n| n.to_string()).collect();
    assert_eq!(up, ["IMP", "OC2", "OC2b"]);
    let order: Vec<_> = toc.topological_order().into_iter().map(|n| n.to_string()).collect();
    assert_eq!(order, ["A2.1", "O2.1", "OC2", "OC2b", "IMP"]);
    assert_eq!(toc.link(&id("A2.1"), &id("O2.1")).unwrap().assumptions, ["political will"]);
}

#[test]
fn invalid_graphs_are_refused_with_every_error() {
    let nodes = vec![
        node("A", Level::Activity),
        node("O", Level::Output),
        node("OC", Level::Outcome),
        node("O", Level::Output),
    ];
    let mut no_rationale = link("A", "O");
    no_rationale.rationale = " ".into();
    let links = vec![no_rationale, link("OC", "O"), link("A", "X"), link("A", "A"), link("A", "O")];
    let errors = TheoryOfChange::build(scope(), 1, nodes, links).unwrap_err();
    assert_eq!(
        errors,
        [
            TocError::DuplicateNode(id("O")),
            TocError::NoRationale(id("A"), id("O")),
            TocError::Downward {
                from: id("OC"),
                to: id("O"),
                from_level: Level::Outcome,
                to_level: Level::Output
            },
            TocError::UnknownNode(id("A"), id("X"), id("X")),
            TocError::SelfLink(id("A")),
            TocError::DuplicateLink(id("A"), id("O")),
        ]
    );
    assert!(NodeId::parse("has space").is_err());
}

#[test]
fn cycles_within_a_level_are_refused() {
    let nodes = vec![node("OC1", Level::Outcome), node("OC2", Level::Outcome), node("OC3", Level::Outcome)];
    let links = vec![link("OC1", "OC2"), link("OC2", "OC3"), link("OC3", "OC1")];
    let errors = TheoryOfChange::build(scope(), 1, nodes, links).unwrap_err();
    let [TocError::Cycle(path)] = &errors[..] else { panic!("{errors:?}") };
    assert_eq!(path.first(), path.last());
    assert_eq!(path.len(), 4);
    assert!(errors[0].to_string().contains("OC1 → OC2 → OC3 → OC1"));
}

#[test]
fn loose_ends_are_warnings() {
    let nodes = vec![node("A", Level::Activity), node("O", Level::Output), node("OC", Level::Outcome)];
    let (_, warnings) = TheoryOfChange::build(scope(), 1, nodes, vec![link("A", "O")]).unwrap();
    assert_eq!(
        warnings,
        [
            Warning::NoImpact,
            Warning::LeadsNowhere(id("O")),
            Warning::LeadsNowhere(id("OC")),
            Warning::NothingLeadsTo(id("OC"))
        ]
    );
}

#[test]
fn the_diff_between_two_versions() {
    let v1 = nigeria_v1();
    let mut nodes: Vec<Node> = v1.nodes().cloned().collect();
    nodes.retain(|n| n.id.as_str() != "OC2b");
    nodes.iter_mut().find(|n| n.id.as_str() == "OC2").unwrap().title = "Legislation harmonised".into();
    nodes.push(node("A2.2", Level::Activity));
    let mut links: Vec<Link> =
        v1.links().filter(|l| l.from.as_str() != "OC2b" && l.to.as_str() != "OC2b").cloned().collect();
    links.iter_mut().find(|l| l.from.as_str() == "A2.1").unwrap().risks.push("elections".into());
    links.push(link("OC2", "IMP"));
    links.push(link("A2.2", "O2.1"));
    let (v2, _) = TheoryOfChange::build(scope(), 2, nodes, links).unwrap();
    let d = diff(&v1, &v2);
    assert_eq!(d.nodes_added, [id("A2.2")]);
    assert_eq!(d.nodes_removed, [id("OC2b")]);
    assert_eq!(d.nodes_changed.len(), 1);
    assert_eq!((d.nodes_changed[0].key.as_str(), &d.nodes_changed[0].fields[..]), ("OC2", &["title"][..]));
    assert_eq!(d.links_added, [(id("A2.2"), id("O2.1")), (id("OC2"), id("IMP"))]);
    assert_eq!(d.links_removed, [(id("OC2"), id("OC2b")), (id("OC2b"), id("IMP"))]);
    assert_eq!(d.links_changed[0].fields, ["risks"]);
    assert!(diff(&v2, &v2).is_empty());
}

/// A random layered graph: nodes with levels, links only upwards or within a level going to a
/// later node (so acyclic), plus random text changes.
fn graph() -> impl Strategy<Value = (Vec<Node>, Vec<Link>)> {
    prop::collection::vec(0u8..4, 1..12)
        .prop_flat_map(|levels| {
            let n = levels.len();
            let nodes: Vec<Node> = levels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let level = [Level::Activity, Level::Output, Level::Outcome, Level::Impact][*l as usize];
                    node(&format!("N{i}"), level)
                })
                .collect();
            (Just(nodes), prop::collection::btree_set((0..n, 0..n), 0..20))
        })
        .prop_map(|(nodes, pairs)| {
            let links = pairs
                .into_iter()
                .filter(|(a, b)| {
                    let (la, lb) = (nodes[*a].level, nodes[*b].level);
                    la < lb || (la == lb && a < b)
                })
                .map(|(a, b)| link(&format!("N{a}"), &format!("N{b}")))
                .collect();
            (nodes, links)
        })
}

proptest! {
    #[test]
    fn upward_graphs_are_valid_and_diffs_are_symmetric((n1, l1) in graph(), (n2, l2) in graph()) {
        let (a, _) = TheoryOfChange::build(scope(), 1, n1, l1).unwrap();
        let (b, _) = TheoryOfChange::build(scope(), 2, n2, l2).unwrap();
        prop_assert!(diff(&a, &a).is_empty());
        let ab = diff(&a, &b);
        let ba = diff(&b, &a);
        prop_assert_eq!(&ab.nodes_added, &ba.nodes_removed);
        prop_assert_eq!(&ab.links_added, &ba.links_removed);
        prop_assert_eq!(ab.nodes_changed.len(), ba.nodes_changed.len());
        // Every link goes forward in the topological order.
        let order = a.topological_order();
        prop_assert_eq!(order.len(), a.nodes().count());
        let pos = |n: &NodeId| order.iter().position(|o| o == n).unwrap();
        for l in a.links() {
            prop_assert!(pos(&l.from) < pos(&l.to));
        }
    }
}

mod file {
    use praxis_programme::toc::file::{read, write, Format};
    use praxis_programme::toc::{Scope, TheoryOfChange};

    use super::nigeria_v1;

    #[test]
    fn a_version_round_trips_through_toml_and_json() {
        let v1 = nigeria_v1();
        for format in [Format::Toml, Format::Json] {
            let text = write(&v1, format);
            let (nodes, links) = read(&text, format).unwrap_or_else(|e| panic!("{format:?}: {e:?}\n{text}"));
            let (back, _) = TheoryOfChange::build(v1.scope().clone(), v1.version(), nodes, links).unwrap();
            assert_eq!(back, v1, "{format:?}");
        }
        assert_eq!(Format::parse("JSON"), Some(Format::Json));
        assert_eq!(Format::parse("yaml"), None);
        let _ = Scope::Regional("x".into());
    }

    fn fields(text: &str, format: Format) -> Vec<(String, Option<usize>)> {
        read(text, format).unwrap_err().into_iter().map(|e| (e.field, e.line)).collect()
    }

    #[test]
    fn every_problem_names_its_field_and_line() {
        let toml = "[[nodes]]\nid = \"A1\"\nlevel = \"activity\"\ntitle = \"x\"\n\n[[nodes]]\nid = \"O 1\"\nlevel = \"outptu\"\ntitle = \"y\"\ntags = [\"pillar9\"]\n\n[[links]]\nfrom = \"A1\"\nto = \"\"\nrationale = \"r\"\n";
        assert_eq!(
            fields(toml, Format::Toml),
            [
                ("nodes[2].id".to_owned(), Some(6)),
                ("nodes[2].level".to_owned(), Some(6)),
                ("nodes[2].tags".to_owned(), Some(6)),
                ("links[1].to".to_owned(), Some(12)),
            ]
        );
        let json = "{\"nodes\": [\n  {\"id\": \"A1\", \"level\": \"activity\", \"title\": \"x\"},\n  {\"id\": \"I1\", \"level\": \"top\", \"title\": \"y\"}\n]}";
        assert_eq!(fields(json, Format::Json), [("nodes[2].level".to_owned(), Some(3))]);
        // Syntax and unknown fields: the parser's line.
        assert_eq!(
            fields("[[nodes]]\nid = \"A1\"\nlevel = \"activity\"\ntitel = \"x\"\n", Format::Toml)[0].0,
            "file"
        );
        assert_eq!(fields("{\"nodes\": [\n{\"id\": }", Format::Json), [("file".to_owned(), Some(2))]);
    }
}

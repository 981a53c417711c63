//! The network chart of a case's entities: laid out on the server (Fruchterman–Reingold, started
//! from a circle in id order, so the same entities always give the same picture), drawn as SVG.
//! It needs no JavaScript: the viewBox scales it, and the page offers larger sizes to zoom.
//! Each node carries a letter for its schema as well as a colour, so colour is never the only cue.

use std::fmt::Write;

use praxis_app::entities::{EntityView, RelationView};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// (letter, CSS class) per schema.
fn mark(schema: &str) -> (&'static str, &'static str) {
    match schema {
        "Person" => ("P", "n-person"),
        "Company" | "Organization" => ("C", "n-company"),
        "BankAccount" => ("A", "n-account"),
        "Address" => ("L", "n-address"),
        "Passport" => ("D", "n-document"),
        "Vehicle" => ("V", "n-vehicle"),
        _ => ("?", "n-other"),
    }
}

/// Node positions in a unit square, deterministic.
pub(crate) fn layout(n: usize, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    if n == 0 {
        return vec![];
    }
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64;
            (0.5 + 0.4 * a.cos(), 0.5 + 0.4 * a.sin())
        })
        .collect();
    let k = (1.0 / n as f64).sqrt();
    let mut temp = 0.1;
    for _ in 0..300 {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-4);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(a, b) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-4);
            let f = d * d / k;
            disp[a].0 -= dx / d * f;
            disp[a].1 -= dy / d * f;
            disp[b].0 += dx / d * f;
            disp[b].1 += dy / d * f;
        }
        for i in 0..n {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            pos[i].0 = (pos[i].0 + dx / d * d.min(temp)).clamp(0.12, 0.88);
            pos[i].1 = (pos[i].1 + dy / d * d.min(temp)).clamp(0.12, 0.88);
        }
        temp *= 0.98;
    }
    pos
}

/// The chart. `width` is the drawn size in pixels (the zoom); `labels` are translated relation
/// kinds.
pub(crate) fn network(
    entities: &[EntityView],
    relations: &[RelationView],
    width: u32,
    title: &str,
    label: impl Fn(&str) -> String,
) -> String {
    let index: std::collections::HashMap<i64, usize> =
        entities.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let edges: Vec<(usize, usize)> =
        relations.iter().filter_map(|r| Some((*index.get(&r.from)?, *index.get(&r.to)?))).collect();
    let pos = layout(entities.len(), &edges);
    let size = 700.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"network\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 700 700\" width=\"{width}\" height=\"{width}\" role=\"img\" aria-labelledby=\"network-title\"><title id=\"network-title\">{}</title>",
        escape(title)
    );
    for (r, &(a, b)) in
        relations.iter().filter(|r| index.contains_key(&r.from) && index.contains_key(&r.to)).zip(&edges)
    {
        let (x1, y1) = (pos[a].0 * size, pos[a].1 * size);
        let (x2, y2) = (pos[b].0 * size, pos[b].1 * size);
        let _ = write!(
            svg,
            "<g class=\"edge e-{kind}\"><line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 - 4.0,
            escape(&label(&r.kind)),
            kind = escape(&r.kind),
        );
    }
    for (e, &(x, y)) in entities.iter().zip(&pos) {
        let (letter, class) = mark(&e.schema);
        let (x, y) = (x * size, y * size);
        let caption: String = e.caption.chars().take(28).collect();
        let _ = write!(
            svg,
            "<g class=\"node {class}\"><title>{schema}: {full}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"16\"/><text class=\"letter\" x=\"{x:.1}\" y=\"{:.1}\">{letter}</text><text class=\"caption\" x=\"{x:.1}\" y=\"{:.1}\">{}</text></g>",
            y + 5.0,
            y + 34.0,
            escape(&caption),
            schema = escape(&e.schema),
            full = escape(&e.caption),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_deterministic_and_inside_the_square() {
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4)];
        let a = layout(6, &edges);
        assert_eq!(a, layout(6, &edges));
        assert!(a.iter().all(|(x, y)| (0.0..=1.0).contains(x) && (0.0..=1.0).contains(y)));
        // Connected nodes end closer than unconnected ones, on average.
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 5));
    }
}

//! The money-flow diagram of a trace, drawn on the server as SVG: seeds on the inline-start side,
//! one column per hop, accounts as boxes with the tainted amount they received, edges as bands
//! whose thickness follows the amount, the rule in the title. Mirrored for right-to-left pages.

use std::collections::HashMap;
use std::fmt::Write;

use praxis_app::flows::TraceView;

const COL_W: f64 = 230.0;
const BOX_W: f64 = 150.0;
const BOX_H: f64 = 38.0;
const ROW_H: f64 = 54.0;
const TOP: f64 = 46.0;
/// Accounts drawn per column; the rest are summed into one "+N more" box.
const PER_COLUMN: usize = 10;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `title` names the rule and currency; `more` is the label for collapsed accounts, with `{n}`.
pub(crate) fn money_flow(t: &TraceView, title: &str, more: &str, rtl: bool) -> String {
    // Columns by hop; within a column, largest amounts first.
    let mut columns: Vec<Vec<usize>> = Vec::new();
    for (i, a) in t.accounts.iter().enumerate() {
        let h = a.hops as usize;
        if columns.len() <= h {
            columns.resize(h + 1, Vec::new());
        }
        columns[h].push(i);
    }
    let mut pos: HashMap<&str, (f64, f64)> = HashMap::new();
    let mut boxes: Vec<(f64, f64, String, String, bool)> = Vec::new();
    let mut rows_max = 1usize;
    for (c, col) in columns.iter_mut().enumerate() {
        col.sort_by(|&x, &y| t.accounts[y].amount_minor.cmp(&t.accounts[x].amount_minor).then(x.cmp(&y)));
        let shown = col.len().min(PER_COLUMN);
        for (r, &i) in col.iter().take(shown).enumerate() {
            let a = &t.accounts[i];
            let (x, y) = (10.0 + c as f64 * COL_W, TOP + r as f64 * ROW_H);
            pos.insert(a.account.as_str(), (x, y));
            let label = if a.holder.is_empty() {
                a.account.clone()
            } else {
                format!("{} · {}", a.account, a.holder)
            };
            let figure = if a.seed { "seed".to_owned() } else { a.amount.clone() };
            boxes.push((x, y, label, figure, a.seed));
        }
        let hidden = col.len() - shown;
        if hidden > 0 {
            let (x, y) = (10.0 + c as f64 * COL_W, TOP + shown as f64 * ROW_H);
            boxes.push((x, y, more.replace("{n}", &hidden.to_string()), String::new(), false));
            rows_max = rows_max.max(shown + 1);
        } else {
            rows_max = rows_max.max(shown);
        }
    }
    let width = 20.0 + columns.len().max(1) as f64 * COL_W;
    let height = TOP + rows_max as f64 * ROW_H + 10.0;
    let mirror = |x: f64, w: f64| if rtl { width - x - w } else { x };

    // Edges between drawn accounts, summed per pair.
    let mut pairs: HashMap<(&str, &str), i64> = HashMap::new();
    let mut labels: HashMap<(&str, &str), String> = HashMap::new();
    for f in &t.flows {
        if pos.contains_key(f.from.as_str()) && pos.contains_key(f.to.as_str()) {
            *pairs.entry((f.from.as_str(), f.to.as_str())).or_insert(0) += f.amount_minor;
            labels.entry((f.from.as_str(), f.to.as_str())).or_insert_with(|| f.amount.clone());
        }
    }
    let max = pairs.values().copied().max().unwrap_or(1).max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="moneyflow" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="mf-title"><title id="mf-title">{}</title>"#,
        esc(title)
    );
    let _ = write!(
        svg,
        r##"<text x="{}" y="24" font-size="15" font-weight="bold" fill="#1b2430" text-anchor="{}">{}</text>"##,
        if rtl { width - 10.0 } else { 10.0 },
        if rtl { "end" } else { "start" },
        esc(title)
    );
    let mut edges: Vec<_> = pairs.iter().collect();
    edges.sort_by(|a, b| a.0.cmp(b.0));
    for (&(from, to), &amount) in edges {
        let (fx, fy) = pos[from];
        let (tx, ty) = pos[to];
        let (x1, x2) = if rtl { (mirror(fx, BOX_W), mirror(tx, BOX_W) + BOX_W) } else { (fx + BOX_W, tx) };
        let (y1, y2) = (fy + BOX_H / 2.0, ty + BOX_H / 2.0);
        let w = 1.5 + 10.0 * (amount as f64 / max);
        let mx = (x1 + x2) / 2.0;
        let _ = write!(
            svg,
            r##"<path d="M{x1:.1},{y1:.1} C{mx:.1},{y1:.1} {mx:.1},{y2:.1} {x2:.1},{y2:.1}" fill="none" stroke="#b3541e" stroke-opacity="0.55" stroke-width="{w:.1}"><title>{} → {}: {}</title></path>"##,
            esc(from),
            esc(to),
            esc(&labels[&(from, to)])
        );
    }
    for (x, y, label, figure, seed) in boxes {
        let x = mirror(x, BOX_W);
        let fill = if seed { "#1d4e6b" } else { "#ffffff" };
        let ink = if seed { "#ffffff" } else { "#1b2430" };
        let _ = write!(
            svg,
            r##"<g><rect x="{x:.1}" y="{y:.1}" width="{BOX_W}" height="{BOX_H}" rx="5" fill="{fill}" stroke="#1d4e6b"/><text x="{:.1}" y="{:.1}" font-size="12" fill="{ink}" direction="ltr" text-anchor="middle">{}</text><text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" fill="{ink}" direction="ltr" text-anchor="middle">{}</text></g>"##,
            x + BOX_W / 2.0,
            y + 15.0,
            esc(&truncate(&label, 22)),
            x + BOX_W / 2.0,
            y + 31.0,
            esc(&figure)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// An alert's subgraph as a small network chart: the principal account in the centre, the others
/// around it, one arrow per pair of accounts with the summed amount.
pub(crate) fn alert_graph(alert: &praxis_app::flows::AlertView, id_suffix: &str) -> String {
    let (w, h) = (420.0f64, 300.0f64);
    let (cx, cy) = (w / 2.0, h / 2.0);
    let accounts = &alert.accounts;
    let mut pos: HashMap<&str, (f64, f64)> = HashMap::new();
    let principal_centre = accounts.len() > 3;
    let ring: Vec<&String> =
        if principal_centre { accounts.iter().skip(1).collect() } else { accounts.iter().collect() };
    if principal_centre {
        pos.insert(accounts[0].as_str(), (cx, cy));
    }
    let n = ring.len().max(1) as f64;
    for (i, a) in ring.iter().enumerate() {
        let angle = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        pos.insert(a.as_str(), (cx + 165.0 * angle.cos(), cy + 110.0 * angle.sin()));
    }
    let mut pairs: Vec<((&str, &str), f64, usize)> = Vec::new();
    for e in &alert.edges {
        let amount: f64 = e.amount.parse().unwrap_or(0.0);
        match pairs.iter_mut().find(|p| p.0 == (e.from.as_str(), e.to.as_str())) {
            Some(p) => {
                p.1 += amount;
                p.2 += 1;
            }
            None => pairs.push(((e.from.as_str(), e.to.as_str()), amount, 1)),
        }
    }
    let max = pairs.iter().map(|p| p.1).fold(1.0, f64::max);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="alertgraph" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{}"><defs><marker id="arrow{id_suffix}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b3541e"/></marker></defs>"##,
        esc(&alert.typology)
    );
    for ((from, to), amount, count) in &pairs {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (pos.get(from), pos.get(to)) else { continue };
        // Stop short of the target's circle.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ex, ey) = (x2 - dx / len * 14.0, y2 - dy / len * 14.0);
        let width = 1.0 + 4.0 * amount / max;
        let _ = write!(
            svg,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{ex:.1}" y2="{ey:.1}" stroke="#b3541e" stroke-opacity="0.7" stroke-width="{width:.1}" marker-end="url(#arrow{id_suffix})"><title>{} → {}: {:.2} ({count} transaction(s))</title></line>"##,
            esc(from),
            esc(to),
            amount
        );
    }
    for (i, a) in accounts.iter().enumerate() {
        let Some(&(x, y)) = pos.get(a.as_str()) else { continue };
        let fill = if i == 0 { "#1d4e6b" } else { "#ffffff" };
        let _ = write!(
            svg,
            r##"<g><circle cx="{x:.1}" cy="{y:.1}" r="12" fill="{fill}" stroke="#1d4e6b" stroke-width="2"/><text x="{x:.1}" y="{:.1}" font-size="10" fill="#1b2430" text-anchor="middle" direction="ltr">{}</text></g>"##,
            y + 24.0,
            esc(&truncate(a, 16))
        );
    }
    svg.push_str("</svg>");
    svg
}

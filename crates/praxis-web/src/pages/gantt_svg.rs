//! The Gantt view of workplan activities, drawn on the server as SVG: one bar per activity from
//! its start to its last day, grouped by theory-of-change output or by pillar, a line for today,
//! month marks, and the status both as a colour and as a letter (colour is never the only cue).
//! Time runs from the inline start: right to left in Arabic, Persian and Urdu.

use praxis_app::indicators::ActivityView;
use time::{Date, Month};

use crate::i18n::Tr;

/// How bars are grouped.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupBy {
    Output,
    Pillar,
}

impl GroupBy {
    pub(crate) fn parse(s: &str) -> GroupBy {
        if s == "pillar" {
            GroupBy::Pillar
        } else {
            GroupBy::Output
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            GroupBy::Output => "output",
            GroupBy::Pillar => "pillar",
        }
    }
}

pub(crate) const PILLARS: [&str; 5] =
    ["strategy_policy", "legislative_review", "capacity_building", "cooperation", "protection"];

/// The colour and the letter of an (IATI) activity status.
pub(crate) fn status_style(status: &str) -> (&'static str, &'static str) {
    match status {
        "pipeline" => ("#8b949e", "P"),
        "implementation" => ("#1f6feb", "I"),
        "finalisation" => ("#0e8a74", "F"),
        "closed" => ("#2da44e", "C"),
        "cancelled" => ("#cf222e", "X"),
        "suspended" => ("#bf8700", "S"),
        _ => ("#57606a", "?"),
    }
}

const DAY: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn date(s: &str) -> Option<Date> {
    Date::parse(s, DAY).ok()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An activity with its first and last day (none: open-ended).
type Dated<'a> = (&'a ActivityView, Date, Option<Date>);

/// The SVG, or `None` when there is no activity with dates to draw.
pub(crate) fn gantt(tr: Tr, activities: &[ActivityView], group: GroupBy, today: &str) -> Option<String> {
    let dated: Vec<Dated> = activities
        .iter()
        .filter_map(|a| Some((a, date(&a.start_on)?, a.end_on.as_deref().and_then(date))))
        .collect();
    if dated.is_empty() {
        return None;
    }
    let first = dated.iter().map(|d| d.1).min()?;
    let last = dated.iter().map(|d| d.2.unwrap_or(d.1)).max()?.max(first);
    // Whole months around the activities.
    let from = Date::from_calendar_date(first.year(), first.month(), 1).ok()?;
    let mut to = Date::from_calendar_date(last.year(), last.month(), 1).ok()?;
    to = if to.month() == Month::December {
        Date::from_calendar_date(to.year() + 1, Month::January, 1).ok()?
    } else {
        Date::from_calendar_date(to.year(), to.month().next(), 1).ok()?
    };
    let span = (to - from).whole_days().max(1) as f64;

    // Groups in order: outputs sorted (no output last); pillars in programme order.
    let mut groups: Vec<(String, Vec<&Dated>)> = Vec::new();
    match group {
        GroupBy::Output => {
            let mut keys: Vec<String> = dated.iter().map(|d| d.0.output.clone()).collect();
            keys.sort_by(|a, b| (a.is_empty(), a).cmp(&(b.is_empty(), b)));
            keys.dedup();
            for k in keys {
                let label =
                    if k.is_empty() { tr.t("wp-no-output") } else { tr.a("wp-output-n", &[("output", &k)]) };
                groups.push((label, dated.iter().filter(|d| d.0.output == k).collect()));
            }
        }
        GroupBy::Pillar => {
            for p in PILLARS {
                let items: Vec<_> = dated.iter().filter(|d| d.0.tags.iter().any(|t| t == p)).collect();
                if !items.is_empty() {
                    groups.push((tr.t(&format!("pillar-{p}")), items));
                }
            }
            let none: Vec<_> =
                dated.iter().filter(|d| !d.0.tags.iter().any(|t| PILLARS.contains(&t.as_str()))).collect();
            if !none.is_empty() {
                groups.push((tr.t("wp-no-pillar"), none));
            }
        }
    }

    let rtl = tr.locale.dir() == "rtl";
    let (label_w, chart_w, row_h, top) = (260.0, 760.0, 24.0, 34.0);
    let rows: usize = groups.iter().map(|g| g.1.len() + 1).sum();
    let width = label_w + chart_w + 20.0;
    let height = top + rows as f64 * row_h + 16.0;
    // x of a date on the chart, in LTR coordinates; mirrored at the end for RTL.
    let x_of = |d: Date| label_w + ((d - from).whole_days() as f64 / span) * chart_w;
    let mx = |x: f64| if rtl { width - x } else { x };
    // Text is laid out with direction="ltr" so that anchors are physical: labels hug the inline
    // start edge (the right edge in RTL).
    let start_anchor = if rtl { "end" } else { "start" };

    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" font-family="sans-serif" font-size="12"><title>{}</title>"#,
        esc(&tr.t("wp-gantt-title"))
    );
    // Month marks, labelled every quarter (and on the first month).
    let mut m = from;
    let mut first_mark = true;
    while m < to {
        let x = mx(x_of(m));
        svg.push_str(&format!(
            r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{:.1}" stroke="#d0d7de" stroke-width="1"/>"##,
            top - 6.0,
            height - 12.0
        ));
        if first_mark || matches!(m.month(), Month::January | Month::April | Month::July | Month::October) {
            svg.push_str(&format!(
                r##"<text x="{:.1}" y="{}" text-anchor="{start_anchor}" fill="#57606a" direction="ltr">{}-{:02}</text>"##,
                if rtl { x - 3.0 } else { x + 3.0 },
                top - 12.0,
                m.year(),
                u8::from(m.month())
            ));
        }
        first_mark = false;
        m = if m.month() == Month::December {
            Date::from_calendar_date(m.year() + 1, Month::January, 1).ok()?
        } else {
            Date::from_calendar_date(m.year(), m.month().next(), 1).ok()?
        };
    }
    let mut y = top;
    for (label, items) in &groups {
        svg.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="{start_anchor}" font-weight="bold" fill="#24292f" direction="ltr">{}</text>"##,
            mx(6.0),
            y + 16.0,
            esc(label)
        ));
        y += row_h;
        for (a, start, end) in items.iter().map(|d| (d.0, d.1, d.2)) {
            let (colour, letter) = status_style(&a.status);
            let x1 = x_of(start);
            // The bar covers the last day; an activity without an end runs to the edge, lighter.
            let x2 = match end {
                Some(e) => x_of(e.next_day().unwrap_or(e)),
                None => label_w + chart_w,
            };
            let w = (x2 - x1).max(3.0);
            let bx = if rtl { width - x1 - w } else { x1 };
            let name: String = a.title.chars().take(38).collect();
            let name = if name.len() < a.title.len() { format!("{name}…") } else { name };
            let place = match (&a.area_name, a.place.is_empty()) {
                (Some(ar), false) => format!("{}, {ar}", a.place),
                (Some(ar), true) => ar.clone(),
                (None, false) => a.place.clone(),
                (None, true) => String::new(),
            };
            let tip = format!(
                "{} — {} ({} – {}) · {} · {}{}",
                a.identifier,
                a.title,
                a.start_on,
                a.end_on.clone().unwrap_or_else(|| "…".into()),
                tr.t(&format!("ind-activity-{}", a.status)),
                place,
                if a.conflict_affected {
                    format!(" · {}", tr.t("wp-conflict-affected"))
                } else {
                    String::new()
                }
            );
            svg.push_str(&format!(
                r##"<a href="/programme/activities/{id}"><g><title>{tip}</title><text x="{:.1}" y="{:.1}" text-anchor="{start_anchor}" fill="#24292f" direction="ltr">{}</text><rect x="{bx:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" rx="3" fill="{colour}" fill-opacity="{}"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#24292f" font-weight="bold" direction="ltr">{letter}</text></g></a>"##,
                mx(18.0),
                y + 16.0,
                esc(&name),
                y + 5.0,
                row_h - 10.0,
                if end.is_some() { "1" } else { "0.5" },
                // The letter just after the bar's end (before it, leftwards, in RTL).
                if rtl { bx - 4.0 } else { bx + w + 14.0 },
                y + 16.0,
                id = a.id,
                tip = esc(&tip),
            ));
            if a.conflict_affected {
                svg.push_str(&format!(
                    r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#cf222e">⚠</text>"##,
                    if rtl { bx - 24.0 } else { bx + w + 28.0 },
                    y + 16.0
                ));
            }
            y += row_h;
        }
    }
    // Today.
    if let Some(t) = date(today) {
        if t >= from && t < to {
            let x = mx(x_of(t));
            svg.push_str(&format!(
                r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#cf222e" stroke-width="2" stroke-dasharray="4 3"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#cf222e" font-weight="bold">{}</text>"##,
                top - 4.0,
                height - 10.0,
                height - 1.0,
                esc(&tr.a("wp-today", &[("date", today)]))
            ));
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

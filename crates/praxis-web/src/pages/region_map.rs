//! The programme map: the partner countries' first-level subdivisions drawn on the server as SVG,
//! each shaded by how many activities take place there, with the number written on it and a
//! star where activities are held in the capital. Activities without a sub-national area, or in
//! an area the outlines do not have, are returned apart so the page can list them.
//!
//! The outlines (`maps/subdivisions.json`) are built by `scripts/maps/build_subdivisions.py`
//! from Natural Earth admin-1 data and keyed by ISO 3166-2 code. The projection is
//! equirectangular, scaled by the cosine of the middle latitude: at these latitudes that keeps
//! shapes recognisable, and no area comparison is read off the map (the numbers are written).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct Outlines {
    subdivisions: BTreeMap<String, Vec<Vec<[f64; 2]>>>,
}

static OUTLINES: LazyLock<Outlines> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../maps/subdivisions.json"))
        .expect("maps/subdivisions.json is valid")
});

/// Countries (ISO 3166-1 alpha-2) that have outlines.
pub(crate) fn countries_with_outlines() -> Vec<String> {
    let mut countries: Vec<String> = OUTLINES.subdivisions.keys().map(|c| c[..2].to_owned()).collect();
    countries.dedup();
    countries
}

/// One activity's place: its country, its ISO 3166-2 area if known, whether it is in the capital.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub country: String,
    pub area: Option<String>,
    pub capital: bool,
}

/// Activities that the map could not place on a subdivision: by country (no area) or by an area
/// without an outline.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Unplaced {
    pub country_wide: BTreeMap<String, usize>,
    pub no_outline: BTreeMap<String, usize>,
}

#[derive(Default, Clone, Copy)]
struct Count {
    capital: usize,
    local: usize,
}

const WIDTH: f64 = 720.0;
const MARGIN: f64 = 12.0;
/// Fill classes by number of activities: none, 1, 2–3, 4 or more.
const FILLS: [&str; 4] = ["#eef1f4", "#c6dbe9", "#7fa9c9", "#2f5d8a"];

fn fill(n: usize) -> &'static str {
    match n {
        0 => FILLS[0],
        1 => FILLS[1],
        2 | 3 => FILLS[2],
        _ => FILLS[3],
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Area-weighted centroid of a ring (shoelace); the mean of its points if it is degenerate.
fn centroid(ring: &[(f64, f64)]) -> (f64, f64) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a.abs() < 1e-9 {
        let n = ring.len().max(1) as f64;
        return (ring.iter().map(|p| p.0).sum::<f64>() / n, ring.iter().map(|p| p.1).sum::<f64>() / n);
    }
    (cx / (3.0 * a), cy / (3.0 * a))
}

fn ring_area(ring: &[(f64, f64)]) -> f64 {
    ring.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum::<f64>().abs() / 2.0
}

/// Draws `countries` with the activities at `places` (places in other countries are ignored).
/// `name` gives an area's display name from its code; `title` is the accessible title.
pub(crate) fn activity_map(
    countries: &[String],
    places: &[Place],
    name: impl Fn(&str) -> String,
    title: &str,
) -> (String, Unplaced) {
    let mut counts: BTreeMap<&str, Count> = BTreeMap::new();
    let mut unplaced = Unplaced::default();
    for p in places.iter().filter(|p| countries.contains(&p.country)) {
        match &p.area {
            Some(area) if OUTLINES.subdivisions.contains_key(area.as_str()) => {
                let c = counts.entry(area.as_str()).or_default();
                if p.capital {
                    c.capital += 1;
                } else {
                    c.local += 1;
                }
            }
            Some(area) => *unplaced.no_outline.entry(area.clone()).or_default() += 1,
            None => *unplaced.country_wide.entry(p.country.clone()).or_default() += 1,
        }
    }

    let shapes: Vec<(&String, &Vec<Vec<[f64; 2]>>)> = OUTLINES
        .subdivisions
        .iter()
        .filter(|(code, _)| countries.iter().any(|c| code.starts_with(&format!("{c}-"))))
        .collect();
    if shapes.is_empty() {
        return (String::new(), unplaced);
    }
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (_, rings) in &shapes {
        for [lon, lat] in rings.iter().flatten() {
            west = west.min(*lon);
            east = east.max(*lon);
            south = south.min(*lat);
            north = north.max(*lat);
        }
    }
    let k = ((south + north) / 2.0).to_radians().cos();
    let scale = (WIDTH - 2.0 * MARGIN) / ((east - west) * k).max(1e-6);
    let height = ((north - south) * scale + 2.0 * MARGIN).ceil();
    let project = |lon: f64, lat: f64| (MARGIN + (lon - west) * k * scale, MARGIN + (north - lat) * scale);

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="regionmap" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="rm-title"><title id="rm-title">{}</title>"#,
        esc(title)
    );
    let mut labels = String::new();
    for (code, rings) in &shapes {
        let count = counts.get(code.as_str()).copied().unwrap_or_default();
        let total = count.capital + count.local;
        let mut d = String::new();
        let mut largest: (f64, (f64, f64)) = (-1.0, (0.0, 0.0));
        for ring in rings.iter() {
            let points: Vec<(f64, f64)> = ring.iter().map(|[lon, lat]| project(*lon, *lat)).collect();
            for (i, (x, y)) in points.iter().enumerate() {
                let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
            }
            d.push('Z');
            let area = ring_area(&points);
            if area > largest.0 {
                largest = (area, centroid(&points));
            }
        }
        let tooltip = format!("{} ({code}): {total}", name(code));
        let _ = write!(
            svg,
            r#"<path d="{d}" fill="{}" data-code="{code}" data-count="{total}"><title>{}</title></path>"#,
            fill(total),
            esc(&tooltip)
        );
        if total > 0 {
            let (x, y) = largest.1;
            let star = if count.capital > 0 { "★" } else { "" };
            let _ = write!(
                labels,
                r#"<g class="count"><circle cx="{x:.1}" cy="{y:.1}" r="11"/><text x="{x:.1}" y="{:.1}">{total}{star}</text></g>"#,
                y + 4.5
            );
        }
    }
    svg.push_str(&labels);
    svg.push_str("</svg>");
    (svg, unplaced)
}

/// The legend's fill classes: (colour, lower bound, upper bound if any).
pub(crate) fn legend() -> [(&'static str, usize, Option<usize>); 4] {
    [(FILLS[0], 0, Some(0)), (FILLS[1], 1, Some(1)), (FILLS[2], 2, Some(3)), (FILLS[3], 4, None)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use praxis_model::Jurisdiction;

    #[test]
    fn every_outline_is_an_iso_3166_2_subdivision() {
        assert!(OUTLINES.subdivisions.len() >= 90);
        for code in OUTLINES.subdivisions.keys() {
            let j = Jurisdiction::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_ne!(j.country(), j, "{code} is a country");
        }
        assert_eq!(countries_with_outlines(), ["AF", "BD", "IQ", "IR", "PK"]);
    }

    #[test]
    fn activities_are_counted_on_their_area_and_the_rest_returned_apart() {
        let place = |country: &str, area: Option<&str>, capital| Place {
            country: country.into(),
            area: area.map(Into::into),
            capital,
        };
        let places = [
            place("PK", Some("PK-IS"), true),
            place("PK", Some("PK-BA"), false),
            place("PK", Some("PK-BA"), false),
            place("PK", None, false),
            place("IQ", Some("IQ-BG"), true),
        ];
        let (svg, unplaced) = activity_map(&["PK".into()], &places, |c| format!("name of {c}"), "Activities");
        assert!(svg.contains(r#"data-code="PK-BA" data-count="2""#), "{svg}");
        assert!(svg.contains(r#"data-code="PK-IS" data-count="1""#));
        assert!(svg.contains(r#"data-code="PK-SD" data-count="0""#));
        assert!(svg.contains(">1★</text>"), "the capital is starred");
        assert!(svg.contains(">2</text>"));
        assert!(!svg.contains("IQ-BG"), "other countries are not drawn");
        assert!(svg.contains("name of PK-BA (PK-BA): 2"));
        assert_eq!(unplaced.country_wide, BTreeMap::from([("PK".to_owned(), 1)]));
        assert!(unplaced.no_outline.is_empty());

        let (_, unplaced) =
            activity_map(&["BD".into()], &[place("BD", Some("BD-H"), false)], |c| c.to_owned(), "Activities");
        assert_eq!(
            unplaced.no_outline,
            BTreeMap::from([("BD-H".to_owned(), 1)]),
            "Mymensingh has no outline"
        );
    }

    #[test]
    fn a_country_without_outlines_draws_nothing() {
        let (svg, _) = activity_map(&["NG".into()], &[], |c| c.to_owned(), "Activities");
        assert!(svg.is_empty());
    }
}

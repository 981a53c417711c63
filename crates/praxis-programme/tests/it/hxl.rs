//! HXL CSV with small counts suppressed, including complementary suppression.

use praxis_model::Jurisdiction;
use praxis_programme::hxl::{country_alpha3, Cell, Column, HxlError, HxlTag, Table, DEFAULT_THRESHOLD};
use proptest::prelude::*;

#[test]
fn tags_follow_hxl() {
    let t = HxlTag::parse("#x_victims +identified +f +children").unwrap();
    assert_eq!(t.to_string(), "#x_victims+identified+f+children");
    assert_eq!(t.hashtag(), "x_victims");
    assert_eq!(HxlTag::parse("#reached+m+adults").unwrap().attributes(), ["m", "adults"]);
    assert_eq!(HxlTag::parse("#victims+f"), Err(HxlError::NotCore("victims".into())));
    assert!(matches!(HxlTag::parse("country+code"), Err(HxlError::BadTag(_))));
    assert!(matches!(HxlTag::parse("#Country"), Err(HxlError::BadTag(_))));
    assert!(matches!(HxlTag::parse("#country+"), Err(HxlError::BadTag(_))));
    assert_eq!(country_alpha3(&Jurisdiction::parse("NG").unwrap()), "NGA");
    assert_eq!(country_alpha3(&Jurisdiction::parse("PK-PB").unwrap()), "PAK");
}

/// Victims identified by sex, with a total column, per admin area, with a national total row.
fn victims(rows: &[(&str, u64, u64)]) -> Table {
    let mut t = Table::new(vec![
        Column::key("Country", "#country+code").unwrap(),
        Column::key("Area", "#adm1+name").unwrap(),
        Column::key("Start", "#date+start").unwrap(),
        Column::count("Women and girls", "#x_victims+identified+f").unwrap(),
        Column::count("Men and boys", "#x_victims+identified+m").unwrap(),
        Column::count("Total", "#x_victims+identified+total").unwrap(),
    ]);
    let (mut f_sum, mut m_sum) = (0, 0);
    for (area, f, m) in rows {
        f_sum += f;
        m_sum += m;
        t.push_row(vec![
            Cell::text("NGA"),
            Cell::text(*area),
            Cell::text("2025-01-01"),
            Cell::Count(*f),
            Cell::Count(*m),
            Cell::Count(f + m),
        ])
        .unwrap();
    }
    t.push_row(vec![
        Cell::text("NGA"),
        Cell::text("(all)"),
        Cell::text("2025-01-01"),
        Cell::Count(f_sum),
        Cell::Count(m_sum),
        Cell::Count(f_sum + m_sum),
    ])
    .unwrap();
    t.columns_sum(5, &[3, 4]).unwrap();
    let parts: Vec<usize> = (0..rows.len()).collect();
    t.rows_sum(rows.len(), &parts).unwrap();
    t
}

#[test]
fn small_counts_and_their_complements_are_hidden() {
    let t = victims(&[("Kano", 3, 40), ("Lagos", 25, 30), ("Edo", 12, 9)]);
    let s = t.suppress(DEFAULT_THRESHOLD).unwrap();
    let csv = s.to_csv_string().unwrap();
    let lines: Vec<_> = csv.lines().collect();
    assert_eq!(lines[0], "Country,Area,Start,Women and girls,Men and boys,Total");
    assert_eq!(
        lines[1],
        "#country+code,#adm1+name,#date+start,#x_victims+identified+f,#x_victims+identified+m,#x_victims+identified+total"
    );
    // Kano's 3 women is small; the 40 men next to it would give it away from the total of 43,
    // and the national total of women would give it away from the other areas.
    assert!(s.is_hidden(0, 3));
    assert_eq!(s.primary, 1);
    assert!(s.complementary >= 2, "{csv}");
    // The national totals stay published when enough cells below are hidden.
    assert_eq!(lines[5], "NGA,(all),2025-01-01,40,79,119");
}

#[test]
fn zeros_are_published_and_large_counts_untouched() {
    let t = victims(&[("Kano", 0, 40), ("Lagos", 25, 30)]);
    let s = t.suppress(DEFAULT_THRESHOLD).unwrap();
    assert_eq!(s.primary + s.complementary, 0);
    assert!(s.to_csv_string().unwrap().contains("NGA,Kano,2025-01-01,0,40,40"));
}

#[test]
fn totals_that_do_not_add_up_are_refused() {
    let mut t = victims(&[("Kano", 7, 40)]);
    t.push_row(vec![
        Cell::text("NGA"),
        Cell::text("Edo"),
        Cell::text("2025-01-01"),
        Cell::Count(1),
        Cell::Count(1),
        Cell::Count(3),
    ])
    .unwrap();
    assert!(matches!(t.suppress(5), Err(HxlError::Relation(_))));
    assert!(matches!(t.push_row(vec![Cell::Count(1)]), Err(HxlError::RowWidth { .. })));
}

/// Whether any hidden cell is the only hidden cell of a relation, by brute force on the layout
/// of [`victims`]: rows (f + m = total) and columns (Σ areas = national).
fn recoverable(t: &Table, s: &praxis_programme::hxl::Suppressed) -> Option<(usize, usize)> {
    let n = t.rows().len();
    for r in 0..n {
        let hidden: Vec<_> = [3, 4, 5].into_iter().filter(|c| s.is_hidden(r, *c)).collect();
        if hidden.len() == 1 {
            return Some((r, hidden[0]));
        }
    }
    for c in [3, 4, 5] {
        let hidden: Vec<_> = (0..n).filter(|r| s.is_hidden(*r, c)).collect();
        if hidden.len() == 1 {
            return Some((hidden[0], c));
        }
    }
    None
}

proptest! {
    #[test]
    fn no_small_count_is_published_or_recoverable(
        rows in prop::collection::vec((0u64..30, 0u64..30), 1..8),
        k in 2u64..12,
    ) {
        let named: Vec<(String, u64, u64)> =
            rows.iter().enumerate().map(|(i, (f, m))| (format!("A{i}"), *f, *m)).collect();
        let refs: Vec<(&str, u64, u64)> = named.iter().map(|(a, f, m)| (a.as_str(), *f, *m)).collect();
        let t = victims(&refs);
        let s = t.suppress(k).unwrap();
        for (r, row) in t.rows().iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Cell::Count(n) = cell {
                    if *n > 0 && *n < k {
                        prop_assert!(s.is_hidden(r, c), "small {n} at {r},{c} published");
                    }
                    if !s.is_hidden(r, c) {
                        prop_assert!(*n == 0 || *n >= k);
                    }
                }
            }
        }
        prop_assert_eq!(recoverable(&t, &s), None);
    }
}

/// Nested totals: women = girls + adult women, total = women + men; and a national total row.
fn nested(rows: &[(u64, u64, u64)]) -> Table {
    let mut t = Table::new(vec![
        Column::key("Area", "#adm1+name").unwrap(),
        Column::count("Girls", "#reached+f+children").unwrap(),
        Column::count("Women", "#reached+f+adults").unwrap(),
        Column::count("Female", "#reached+f").unwrap(),
        Column::count("Male", "#reached+m").unwrap(),
        Column::count("Total", "#reached+total").unwrap(),
    ]);
    let mut sums = [0u64; 5];
    for (i, (g, w, m)) in rows.iter().enumerate() {
        let row = [*g, *w, g + w, *m, g + w + m];
        for (s, v) in sums.iter_mut().zip(row) {
            *s += v;
        }
        let mut cells = vec![Cell::text(format!("A{i}"))];
        cells.extend(row.into_iter().map(Cell::Count));
        t.push_row(cells).unwrap();
    }
    let mut cells = vec![Cell::text("(all)")];
    cells.extend(sums.into_iter().map(Cell::Count));
    t.push_row(cells).unwrap();
    t.columns_sum(3, &[1, 2]).unwrap();
    t.columns_sum(5, &[3, 4]).unwrap();
    let parts: Vec<usize> = (0..rows.len()).collect();
    t.rows_sum(rows.len(), &parts).unwrap();
    t
}

proptest! {
    /// With nested totals, no hidden cell is determined by the relations taken together.
    #[test]
    fn nested_totals_reveal_no_hidden_cell(rows in prop::collection::vec((0u64..20, 0u64..20, 0u64..20), 1..6)) {
        let t = nested(&rows);
        let s = t.suppress(DEFAULT_THRESHOLD).unwrap();
        for (r, row) in t.rows().iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Cell::Count(n) = cell {
                    if *n > 0 && *n < DEFAULT_THRESHOLD {
                        prop_assert!(s.is_hidden(r, c));
                    }
                }
            }
        }
        prop_assert!(s.audit().is_empty(), "recoverable: {:?}", s.audit());
    }
}

//! HXL-tagged CSV for aggregate statistics, with small counts suppressed.
//!
//! A [`Table`] has key columns (country, admin area, period, indicator…) and count columns, each
//! with an [`HxlTag`]. The CSV has the human header row, then the HXL hashtag row, then the data
//! (HXL 1.1: the hashtag row may sit anywhere above the data; we always put it second).
//!
//! **Disclosure rule.** Before a table leaves Praxis, [`Table::suppress`] hides every count `c`
//! with `0 < c < k` (primary suppression; `k` = [`DEFAULT_THRESHOLD`] = 5 unless the caller asks
//! for more — the platform default for victim statistics is 11, see DESIGN.md). Zeros are
//! published: a zero reveals no one. Then complementary suppression hides further cells so that
//! no hidden cell can be recovered by subtraction from a total: for every declared additive
//! relation (a total column equal to the sum of part columns in a row, or a total row equal to the
//! sum of part rows in every count column), the number of hidden cells is never exactly one. The
//! complement chosen is the smallest positive part still shown, else a zero part, else the total.
//! The relations are then checked together, by linear algebra: no hidden cell may be determined
//! by any combination of them (two totals can pin down a cell that neither pins alone); while one
//! is, another cell of one of its relations is hidden. Hidden cells are written empty. Not
//! covered: relations that are not declared (declare every total the table contains), and bounds
//! an attacker could derive from counts being non-negative (interval disclosure, which needs
//! linear programming).

use std::collections::BTreeSet;
use std::fmt;
use std::io::Write;

/// The default minimum published count: counts from 1 to 4 are hidden.
pub const DEFAULT_THRESHOLD: u64 = 5;

/// Core hashtags of the HXL 1.1 dictionary that Praxis uses. Anything else must be a custom
/// hashtag with the sanctioned `x_` prefix (`#x_victims`).
pub const CORE_HASHTAGS: &[&str] = &[
    "activity",
    "adm1",
    "adm2",
    "adm3",
    "affected",
    "beneficiary",
    "contact",
    "country",
    "date",
    "description",
    "geo",
    "indicator",
    "inneed",
    "loc",
    "meta",
    "org",
    "output",
    "population",
    "reached",
    "region",
    "sector",
    "status",
    "subsector",
    "targeted",
    "value",
];

/// An HXL hashtag with its attributes: `#reached+f+adults`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HxlTag {
    hashtag: String,
    attributes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HxlError {
    #[error("`{0}` is not an HXL tag (#hashtag+attribute, lower-case letters, digits and _)")]
    BadTag(String),
    #[error("`#{0}` is not an HXL 1.1 core hashtag; custom hashtags start with `x_`")]
    NotCore(String),
    #[error("row {row} has {got} cells, the table has {expected} columns")]
    RowWidth { row: usize, got: usize, expected: usize },
    #[error("row {row}, column {column}: {message}")]
    Cell { row: usize, column: usize, message: String },
    #[error("relation: {0}")]
    Relation(String),
    #[error("writing the CSV failed: {0}")]
    Csv(String),
}

fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl HxlTag {
    /// Parses `#country+code`, `#x_victims +identified +f` (spaces are allowed around `+`). The
    /// hashtag must be a core HXL 1.1 hashtag (see [`CORE_HASHTAGS`]) or start with `x_`.
    pub fn parse(text: &str) -> Result<HxlTag, HxlError> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let bad = || HxlError::BadTag(text.to_owned());
        let rest = compact.strip_prefix('#').ok_or_else(bad)?;
        let mut parts = rest.split('+');
        let hashtag = parts.next().filter(|h| is_name(h)).ok_or_else(bad)?.to_owned();
        let attributes: Vec<String> = parts.map(str::to_owned).collect();
        if attributes.iter().any(|a| !is_name(a)) {
            return Err(bad());
        }
        if !hashtag.starts_with("x_") && !CORE_HASHTAGS.contains(&hashtag.as_str()) {
            return Err(HxlError::NotCore(hashtag));
        }
        Ok(HxlTag { hashtag, attributes })
    }

    pub fn hashtag(&self) -> &str {
        &self.hashtag
    }

    pub fn attributes(&self) -> &[String] {
        &self.attributes
    }
}

impl fmt::Display for HxlTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.hashtag)?;
        for a in &self.attributes {
            write!(f, "+{a}")?;
        }
        Ok(())
    }
}

/// Whether a column holds keys (text) or counts (subject to suppression).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Key,
    Count,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub tag: HxlTag,
    pub kind: ColumnKind,
}

impl Column {
    pub fn key(header: &str, tag: &str) -> Result<Column, HxlError> {
        Ok(Column { header: header.to_owned(), tag: HxlTag::parse(tag)?, kind: ColumnKind::Key })
    }

    pub fn count(header: &str, tag: &str) -> Result<Column, HxlError> {
        Ok(Column { header: header.to_owned(), tag: HxlTag::parse(tag)?, kind: ColumnKind::Count })
    }
}

/// A cell: text in key columns, a count in count columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Count(u64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// An additive relation between cells: `total = Σ parts`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Relation {
    total: (usize, usize),
    parts: Vec<(usize, usize)>,
}

/// A table of aggregate statistics, before suppression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
    column_sums: Vec<(usize, Vec<usize>)>,
    row_sums: Vec<(usize, Vec<usize>)>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table { columns, rows: Vec::new(), column_sums: Vec::new(), row_sums: Vec::new() }
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// Adds a row; key columns take text, count columns counts.
    pub fn push_row(&mut self, row: Vec<Cell>) -> Result<(), HxlError> {
        let r = self.rows.len();
        if row.len() != self.columns.len() {
            return Err(HxlError::RowWidth { row: r, got: row.len(), expected: self.columns.len() });
        }
        for (c, (cell, col)) in row.iter().zip(&self.columns).enumerate() {
            let ok = matches!(
                (cell, col.kind),
                (Cell::Text(_), ColumnKind::Key) | (Cell::Count(_), ColumnKind::Count)
            );
            if !ok {
                return Err(HxlError::Cell {
                    row: r,
                    column: c,
                    message: "text in a count column or the reverse".into(),
                });
            }
        }
        self.rows.push(row);
        Ok(())
    }

    /// Declares that in every row, count column `total` is the sum of count columns `parts`.
    /// Checked against the data when suppressing.
    pub fn columns_sum(&mut self, total: usize, parts: &[usize]) -> Result<(), HxlError> {
        for c in std::iter::once(total).chain(parts.iter().copied()) {
            if self.columns.get(c).map(|c| c.kind) != Some(ColumnKind::Count) {
                return Err(HxlError::Relation(format!("column {c} is not a count column")));
            }
        }
        if parts.is_empty() || parts.contains(&total) {
            return Err(HxlError::Relation("a total needs parts other than itself".into()));
        }
        self.column_sums.push((total, parts.to_vec()));
        Ok(())
    }

    /// Declares that row `total` is the sum of rows `parts` in every count column (a total row).
    pub fn rows_sum(&mut self, total: usize, parts: &[usize]) -> Result<(), HxlError> {
        if std::iter::once(total).chain(parts.iter().copied()).any(|r| r >= self.rows.len()) {
            return Err(HxlError::Relation("a row of the relation does not exist (add rows first)".into()));
        }
        if parts.is_empty() || parts.contains(&total) {
            return Err(HxlError::Relation("a total needs parts other than itself".into()));
        }
        self.row_sums.push((total, parts.to_vec()));
        Ok(())
    }

    fn count(&self, (r, c): (usize, usize)) -> u64 {
        match &self.rows[r][c] {
            Cell::Count(n) => *n,
            Cell::Text(_) => 0,
        }
    }

    fn relations(&self) -> Vec<Relation> {
        let mut out = Vec::new();
        for r in 0..self.rows.len() {
            for (total, parts) in &self.column_sums {
                out.push(Relation { total: (r, *total), parts: parts.iter().map(|p| (r, *p)).collect() });
            }
        }
        let counts: Vec<usize> =
            (0..self.columns.len()).filter(|c| self.columns[*c].kind == ColumnKind::Count).collect();
        for (total, parts) in &self.row_sums {
            for c in &counts {
                out.push(Relation { total: (*total, *c), parts: parts.iter().map(|p| (*p, *c)).collect() });
            }
        }
        out
    }

    /// Applies the disclosure rule (module docs) with minimum count `threshold` (at least 2).
    /// Refuses a table whose declared totals do not add up: suppression would then protect
    /// nothing.
    pub fn suppress(&self, threshold: u64) -> Result<Suppressed, HxlError> {
        let threshold = threshold.max(2);
        let relations = self.relations();
        for rel in &relations {
            let sum: u64 = rel.parts.iter().map(|p| self.count(*p)).sum();
            if sum != self.count(rel.total) {
                return Err(HxlError::Relation(format!(
                    "row {}, column {}: total {} is not the sum of its parts ({sum})",
                    rel.total.0,
                    rel.total.1,
                    self.count(rel.total)
                )));
            }
        }
        let mut hidden = BTreeSet::new();
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Cell::Count(n) = cell {
                    if *n > 0 && *n < threshold {
                        hidden.insert((r, c));
                    }
                }
            }
        }
        let primary = hidden.len();
        loop {
            let mut changed = false;
            for rel in &relations {
                let cells: Vec<(usize, usize)> =
                    std::iter::once(rel.total).chain(rel.parts.iter().copied()).collect();
                if cells.iter().filter(|c| hidden.contains(*c)).count() == 1 {
                    hidden.insert(self.complement(rel, &hidden));
                    changed = true;
                }
            }
            if changed {
                continue;
            }
            // Every relation now hides zero or at least two cells; the relations together may
            // still pin a hidden cell down (x + y, x + z and y + z known). Hide one more cell in
            // a relation of each such cell, and start again.
            'cells: for cell in determined(&relations, &hidden) {
                for rel in relations.iter().filter(|r| r.total == cell || r.parts.contains(&cell)) {
                    let pick = self.complement(rel, &hidden);
                    if !hidden.contains(&pick) {
                        hidden.insert(pick);
                        changed = true;
                        break 'cells;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        Ok(Suppressed {
            table: self.clone(),
            complementary: hidden.len() - primary,
            primary,
            hidden,
            threshold,
        })
    }
}

impl Table {
    /// The cell to hide next in `rel`: the smallest positive part still shown, else a zero part
    /// still shown, else the total (which may already be hidden when nothing is left to hide).
    fn complement(&self, rel: &Relation, hidden: &BTreeSet<(usize, usize)>) -> (usize, usize) {
        let shown = || rel.parts.iter().filter(|p| !hidden.contains(*p));
        shown()
            .filter(|p| self.count(**p) > 0)
            .min_by_key(|p| (self.count(**p), **p))
            .or_else(|| shown().next())
            .copied()
            .unwrap_or(rel.total)
    }
}

/// The hidden cells that the relations determine uniquely (by linear algebra over the hidden
/// cells: a cell is determined when its unit vector lies in the row space of the relations).
fn determined(relations: &[Relation], hidden: &BTreeSet<(usize, usize)>) -> Vec<(usize, usize)> {
    let vars: Vec<(usize, usize)> = hidden.iter().copied().collect();
    let index = |c: &(usize, usize)| vars.binary_search(c).ok();
    let mut m: Vec<Vec<f64>> = relations
        .iter()
        .map(|rel| {
            let mut row = vec![0.0; vars.len()];
            if let Some(i) = index(&rel.total) {
                row[i] -= 1.0;
            }
            for p in &rel.parts {
                if let Some(i) = index(p) {
                    row[i] += 1.0;
                }
            }
            row
        })
        .filter(|row| row.iter().any(|v| *v != 0.0))
        .collect();
    // Reduced row echelon form with partial pivoting; entries are small integers.
    let mut pivot_row = 0;
    let mut pivots = Vec::new();
    for col in 0..vars.len() {
        let Some(best) = (pivot_row..m.len()).max_by(|a, b| m[*a][col].abs().total_cmp(&m[*b][col].abs()))
        else {
            break;
        };
        if m[best][col].abs() < 1e-9 {
            continue;
        }
        m.swap(pivot_row, best);
        let p = m[pivot_row][col];
        for v in m[pivot_row].iter_mut() {
            *v /= p;
        }
        let pivot = m[pivot_row].clone();
        for (r, row) in m.iter_mut().enumerate() {
            let f = row[col];
            if r != pivot_row && f.abs() > 1e-12 {
                for (v, p) in row.iter_mut().zip(&pivot) {
                    *v -= f * p;
                }
            }
        }
        pivots.push((pivot_row, col));
        pivot_row += 1;
    }
    pivots
        .into_iter()
        .filter(|(r, col)| m[*r].iter().enumerate().all(|(c, v)| c == *col || v.abs() < 1e-9))
        .map(|(_, col)| vars[col])
        .collect()
}

/// A table after suppression: what may leave Praxis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    table: Table,
    hidden: BTreeSet<(usize, usize)>,
    pub threshold: u64,
    /// Cells hidden because they were small.
    pub primary: usize,
    /// Cells hidden so that the small ones cannot be recovered from totals.
    pub complementary: usize,
}

impl Suppressed {
    pub fn is_hidden(&self, row: usize, column: usize) -> bool {
        self.hidden.contains(&(row, column))
    }

    /// The hidden cells that the declared relations still determine exactly, by linear algebra:
    /// empty after [`Table::suppress`] unless a cell is pinned down by relations whose cells are
    /// all hidden already (then it is pinned to a value that the relations force, such as 0).
    pub fn audit(&self) -> Vec<(usize, usize)> {
        determined(&self.table.relations(), &self.hidden)
    }

    /// The published value of a cell: `None` when hidden.
    pub fn published(&self, row: usize, column: usize) -> Option<&Cell> {
        (!self.is_hidden(row, column)).then(|| &self.table.rows[row][column])
    }

    /// Writes the CSV: header row, hashtag row, data; hidden cells are empty.
    pub fn write_csv<W: Write>(&self, out: W) -> Result<(), HxlError> {
        let err = |e: csv::Error| HxlError::Csv(e.to_string());
        let mut w = csv::Writer::from_writer(out);
        w.write_record(self.table.columns.iter().map(|c| c.header.as_str())).map_err(err)?;
        w.write_record(self.table.columns.iter().map(|c| c.tag.to_string())).map_err(err)?;
        for (r, row) in self.table.rows.iter().enumerate() {
            let cells = row.iter().enumerate().map(|(c, cell)| match cell {
                _ if self.is_hidden(r, c) => String::new(),
                Cell::Text(t) => t.clone(),
                Cell::Count(n) => n.to_string(),
            });
            w.write_record(cells).map_err(err)?;
        }
        w.flush().map_err(|e| HxlError::Csv(e.to_string()))?;
        Ok(())
    }

    pub fn to_csv_string(&self) -> Result<String, HxlError> {
        let mut buf = Vec::new();
        self.write_csv(&mut buf)?;
        Ok(String::from_utf8(buf).expect("CSV of UTF-8 strings"))
    }
}

/// The ISO 3166-1 alpha-3 code HXL tables use for `#country+code` ("NG" → "NGA").
pub fn country_alpha3(country: &praxis_model::Jurisdiction) -> String {
    let c = country.country();
    rust_iso3166::from_alpha2(c.code()).map(|c| c.alpha3.to_owned()).unwrap_or_else(|| c.code().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(total: (usize, usize), parts: &[(usize, usize)]) -> Relation {
        Relation { total, parts: parts.to_vec() }
    }

    #[test]
    fn three_totals_pin_down_a_triangle() {
        // x = (0,0), y = (0,1), z = (0,2); t1 = x + y, t2 = x + z, t3 = y + z, totals shown.
        let relations =
            [rel((1, 0), &[(0, 0), (0, 1)]), rel((1, 1), &[(0, 0), (0, 2)]), rel((1, 2), &[(0, 1), (0, 2)])];
        let hidden: BTreeSet<_> = [(0, 0), (0, 1), (0, 2)].into();
        assert_eq!(determined(&relations, &hidden), [(0, 0), (0, 1), (0, 2)]);
        // Only the first two: each relation hides two cells and nothing is determined.
        assert!(determined(&relations[..2], &hidden).is_empty());
    }

    #[test]
    fn a_hidden_rectangle_is_safe() {
        // Rows r0, r1 with totals in column 2; columns 0 and 1 with totals in row 2.
        let relations = [
            rel((0, 2), &[(0, 0), (0, 1)]),
            rel((1, 2), &[(1, 0), (1, 1)]),
            rel((2, 0), &[(0, 0), (1, 0)]),
            rel((2, 1), &[(0, 1), (1, 1)]),
        ];
        let hidden: BTreeSet<_> = [(0, 0), (0, 1), (1, 0), (1, 1)].into();
        assert!(determined(&relations, &hidden).is_empty());
    }
}
